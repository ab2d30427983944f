/* admin.c: administrator commands: API tokens and passwords. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include <libxml/tree.h>

#include "auth.h"
#include "cli.h"
#include "dates.h"
#include "i18n.h"
#include "xmlsafe.h"
#include "db.h"
#include "mail.h"
#include "form.h"
#include "password.h"
#include "secure.h"
#include "view.h"

int
cli_db_open(const struct conf *cfg, struct db *db)
{
	db_init_conf(db, cfg);
	if (db_ensure(db) != ST_OK) {
		fprintf(stderr, "stafett: cannot connect to the database "
		    "(%s)\n", db->err);
		db_release(db);
		return -1;
	}
	return 0;
}

static int
token_create(struct db *db, const char *user, const char *label)
{
	char token[SECURE_TOKEN_SIZE], id[SECURE_ID_SIZE];
	unsigned char hash[SECURE_HASH_LEN];
	unsigned long long n = 0;
	struct db_val p[4];

	if (!auth_valid_username(user) || strlen(label) > 100) {
		fprintf(stderr, "stafett: bad user name or label\n");
		return 1;
	}
	secure_token(token);
	secure_random_id(id);
	secure_hash(token, SECURE_TOKEN_LEN, hash);
	p[0] = DV_STR(id);
	p[1] = DV_BLOB(hash, sizeof(hash));
	p[2] = DV_STR(label);
	p[3] = DV_STR(user);
	if (db_exec(db, STMT_TOKEN_CREATE, p, 4, &n, NULL) != ST_OK) {
		fprintf(stderr, "stafett: cannot store the token (%s)\n",
		    db->err);
		return 1;
	}
	if (n != 1) {
		fprintf(stderr, "stafett: no active user '%s'\n", user);
		return 1;
	}
	/* Shown once, alone on its line: only its hash is kept. The id
	 * (for revoking) is in "stafett token list". */
	printf("%s\n", token);
	sodium_memzero(token, sizeof(token));
	return 0;
}

static int
token_revoke(struct db *db, const char *id)
{
	unsigned long long n = 0;
	struct db_val p[1];

	p[0] = DV_STR(id);
	if (!secure_is_id(id) ||
	    db_exec(db, STMT_TOKEN_REVOKE, p, 1, &n, NULL) != ST_OK || n != 1) {
		fprintf(stderr, "stafett: no active token '%s'\n", id);
		return 1;
	}
	fprintf(stderr, "stafett: token '%s' revoked\n", id);
	return 0;
}

static int
token_list(struct db *db, const char *user)
{
	struct db_res res;
	struct db_val p[1];
	size_t i;

	p[0] = DV_STR(user);
	if (db_query(db, STMT_TOKEN_LIST, p, 1, 10000, &res) != ST_OK) {
		fprintf(stderr, "stafett: cannot list tokens\n");
		return 1;
	}
	for (i = 0; i < res.nrows; i++) {
		const char *revoked = db_get(&res, i, 3);

		printf("%s\t%s\tcreated %s\t%s%s\n", db_get(&res, i, 0),
		    db_get(&res, i, 1), db_get(&res, i, 2),
		    revoked != NULL ? "revoked " : "active",
		    revoked != NULL ? revoked : "");
	}
	db_res_release(&res);
	return 0;
}

int
cmd_token(const struct conf *cfg, int argc, char **argv)
{
	struct db db;
	int rc;

	if (argc < 2 || (strcmp(argv[0], "create") == 0 && argc > 3) ||
	    (strcmp(argv[0], "create") != 0 && argc != 2)) {
		fprintf(stderr, "usage: stafett token create USER [LABEL] | "
		    "revoke ID | list USER\n");
		return 2;
	}
	if (cli_db_open(cfg, &db) != 0)
		return 1;
	if (strcmp(argv[0], "create") == 0)
		rc = token_create(&db, argv[1], argc > 2 ? argv[2] : "");
	else if (strcmp(argv[0], "revoke") == 0)
		rc = token_revoke(&db, argv[1]);
	else if (strcmp(argv[0], "list") == 0)
		rc = token_list(&db, argv[1]);
	else {
		fprintf(stderr, "stafett: unknown token command '%s'\n",
		    argv[0]);
		rc = 2;
	}
	db_release(&db);
	return rc;
}

/* stafett user email USER ADDRESS: where the user's e-mail notices go
 * (an empty ADDRESS: nowhere). The address is never printed back. */
static int
user_email(const struct conf *cfg, const char *user, const char *addr)
{
	unsigned long long n = 0;
	struct db_val p[2];
	struct db_res res;
	struct db db;
	int rc = 1;

	if (*addr != '\0' && !mail_address_ok(addr)) {
		fprintf(stderr, "stafett: not an e-mail address this system "
		    "can send to (one @, no spaces or control characters, "
		    "at most 254 characters)\n");
		return 1;
	}
	if (cli_db_open(cfg, &db) != 0)
		return 1;
	p[0] = DV_STR(user);
	if (db_query(&db, STMT_USER_BY_NAME, p, 1, 1, &res) == ST_OK) {
		if (res.nrows == 1)
			rc = 0;
		db_res_release(&res);
	}
	if (rc == 0) {
		p[0] = *addr != '\0' ? DV_STR(addr) : DV_NULL;
		p[1] = DV_STR(user);
		if (db_exec(&db, STMT_USER_SET_EMAIL, p, 2, &n, NULL) != ST_OK)
			rc = 1;
	} else
		fprintf(stderr, "stafett: no active user '%s'\n", user);
	db_release(&db);
	return rc;
}

int
cmd_user(const struct conf *cfg, int argc, char **argv)
{
	char pw[PASSWORD_MAX + 2], hash[PASSWORD_HASH_SIZE];
	unsigned long long n = 0;
	struct db_val p[2];
	struct db db;
	size_t len;
	int rc = 1;

	if (argc == 3 && strcmp(argv[0], "email") == 0)
		return user_email(cfg, argv[1], argv[2]);
	if (argc != 2 || strcmp(argv[0], "password") != 0) {
		fprintf(stderr, "usage: stafett user password USER "
		    "(the password is read from standard input)\n"
		    "       stafett user email USER ADDRESS (\"\" removes "
		    "it)\n");
		return 2;
	}
	if (fgets(pw, sizeof(pw), stdin) == NULL) {
		fprintf(stderr, "stafett: no password on standard input\n");
		return 1;
	}
	len = strcspn(pw, "\r\n");
	pw[len] = '\0';
	if (len < PASSWORD_MIN || len > PASSWORD_MAX) {
		fprintf(stderr, "stafett: a password needs %d to %d "
		    "characters\n", PASSWORD_MIN, PASSWORD_MAX);
		sodium_memzero(pw, sizeof(pw));
		return 1;
	}
	if (password_hash(pw, hash) != ST_OK) {
		sodium_memzero(pw, sizeof(pw));
		return 1;
	}
	sodium_memzero(pw, sizeof(pw));
	if (cli_db_open(cfg, &db) != 0)
		return 1;
	p[0] = DV_STR(hash);
	p[1] = DV_STR(argv[1]);
	if (db_exec(&db, STMT_USER_SET_PASSWORD, p, 2, &n, NULL) == ST_OK &&
	    n <= 1) {
		/* n is 0 when the hash is unchanged, so check the user. */
		struct db_res res;
		struct db_val q[1];

		q[0] = DV_STR(argv[1]);
		if (db_query(&db, STMT_USER_BY_NAME, q, 1, 1, &res) == ST_OK) {
			if (res.nrows == 1)
				rc = 0;
			db_res_release(&res);
		}
	}
	if (rc != 0)
		fprintf(stderr, "stafett: no active user '%s'\n", argv[1]);
	db_release(&db);
	return rc;
}

/*
 * stafett validate [--today YYYY-MM-DD] FORM INSTANCE: validate an
 * instance file with a form (an id in forms_dir, "id:version", or a
 * definition file) and print "ok" or one "PATH: MESSAGE" line per error,
 * in English. Exit 0 when valid, 1 when not, 2 on a usage error. Code
 * lists filled by the server are empty here.
 */
int
cmd_validate(const struct conf *cfg, int argc, char **argv)
{
	struct formset fs;
	struct form_def *own = NULL;
	const struct form_def *def = NULL;
	struct form_errors errs;
	FILE *fp;
	static char data[1 << 20];
	char err[512];
	xmlDocPtr inst = NULL;
	size_t n, i;
	int rc = 2, loaded = 0;

	if (argc == 4 && strcmp(argv[0], "--today") == 0) {
		dates_fix_today(argv[1]);
		argc -= 2;
		argv += 2;
	}
	if (argc != 2) {
		fprintf(stderr, "usage: stafett validate [--today YYYY-MM-DD] "
		    "FORM INSTANCE\n");
		return 2;
	}
	i18n_use(LANG_EN);
	if (strchr(argv[0], '/') != NULL) {
		if (form_load(argv[0], &own, err, sizeof(err)) != ST_OK) {
			fprintf(stderr, "stafett: %s\n", err);
			return 2;
		}
		def = own;
	} else {
		char id[64];
		const char *colon = strchr(argv[0], ':');

		if (formset_load(&fs, cfg->forms_dir, err, sizeof(err)) !=
		    ST_OK) {
			fprintf(stderr, "stafett: %s\n", err);
			return 2;
		}
		loaded = 1;
		snprintf(id, sizeof(id), "%.*s", colon != NULL ?
		    (int)(colon - argv[0]) : (int)strlen(argv[0]), argv[0]);
		def = colon != NULL ? formset_get(&fs, id,
		    (unsigned)strtoul(colon + 1, NULL, 10)) :
		    formset_current(&fs, id);
		if (def == NULL) {
			fprintf(stderr, "stafett: no form '%s'\n", argv[0]);
			goto out;
		}
	}
	if ((fp = fopen(argv[1], "rb")) == NULL) {
		fprintf(stderr, "stafett: cannot read '%s'\n", argv[1]);
		goto out;
	}
	n = fread(data, 1, sizeof(data), fp);
	fclose(fp);
	if (xmlsafe_parse(data, n, sizeof(data), cfg->xml_max_depth, &inst,
	    err, sizeof(err)) != ST_OK) {
		printf("refused: %s\n", err);
		rc = 1;
		goto out;
	}
	form_errors_init(&errs);
	if (form_validate(def, NULL, inst, &errs, 1) != ST_OK) {
		fprintf(stderr, "stafett: the form's expressions failed\n");
		form_errors_release(&errs);
		goto out;
	}
	for (i = 0; i < errs.n; i++)
		printf("%s: %s\n", errs.v[i].path, errs.v[i].message);
	if (errs.n == 0)
		printf("ok\n");
	rc = errs.n == 0 ? 0 : 1;
	form_errors_release(&errs);
out:
	if (inst != NULL)
		xmlFreeDoc(inst);
	form_free(own);
	if (loaded)
		formset_release(&fs);
	return rc;
}

/* stafett schema FORM[:VERSION]: print the XML Schema of a form. */
int
cmd_schema(const struct conf *cfg, int argc, char **argv)
{
	struct formset fs;
	const struct form_def *def;
	xmlDocPtr xsd;
	char err[512], id[64];
	const char *colon;
	int rc = 1;

	if (argc != 1) {
		fprintf(stderr, "usage: stafett schema FORM[:VERSION]\n");
		return 2;
	}
	if (formset_load(&fs, cfg->forms_dir, err, sizeof(err)) != ST_OK) {
		fprintf(stderr, "stafett: %s\n", err);
		return 1;
	}
	colon = strchr(argv[0], ':');
	snprintf(id, sizeof(id), "%.*s", colon != NULL ?
	    (int)(colon - argv[0]) : (int)strlen(argv[0]), argv[0]);
	def = colon != NULL ? formset_get(&fs, id,
	    (unsigned)strtoul(colon + 1, NULL, 10)) : formset_current(&fs, id);
	if (def == NULL)
		fprintf(stderr, "stafett: no form '%s'\n", argv[0]);
	else if (form_schema(def, &xsd) == ST_OK) {
		xmlDocFormatDump(stdout, xsd, 1);
		xmlFreeDoc(xsd);
		rc = 0;
	}
	formset_release(&fs);
	return rc;
}

int
cmd_check(const struct conf *cfg, int argc, char **argv)
{
	struct formset fs;
	struct xslset xs;
	char err[512];
	size_t i;

	(void)argc;
	(void)argv;
	if (formset_load(&fs, cfg->forms_dir, err, sizeof(err)) != ST_OK) {
		fprintf(stderr, "stafett: %s\n", err);
		return 1;
	}
	for (i = 0; i < fs.n; i++)
		printf("form %s version %u: ok\n", fs.v[i]->id,
		    fs.v[i]->version);
	formset_release(&fs);
	if (xslset_load(&xs, cfg->xsl_dir, err, sizeof(err)) != ST_OK) {
		fprintf(stderr, "stafett: %s\n", err);
		return 1;
	}
	printf("%zu stylesheets: ok\n", xs.n);
	xslset_release(&xs);
	return 0;
}
