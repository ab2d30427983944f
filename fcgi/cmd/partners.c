/* partners.c: `stafett partner`, the administrator's verbs for the
 * partner registry and its secrets (the registry itself: partner.h). */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#include "cli.h"
#include "db.h"
#include "i18n.h"
#include "partner.h"
#include "secure.h"

/* The largest secret accepted: a PEM certificate chain fits. */
#define SECRET_MAX	65536
/* An HMAC key shorter than this is refused (RFC 2104: at least L). */
#define HMAC_KEY_MIN	32

static int
partner_add(struct db *db, const char *municipality, int argc, char **argv)
{
	char id[SECURE_ID_SIZE], accepts[PARTNER_ACCEPTS_SIZE];
	struct partner_in in;
	const char *why;
	int j, taken = 0;

	memset(&in, 0, sizeof(in));
	if (cli_municipality(db, municipality, &in.municipality) != 0)
		return 1;
	in.name = argv[0];
	in.kind = argv[1];
	in.endpoint = argv[2];
	in.auth = argv[3];
	for (j = 4; j < argc && in.ntypes < PARTNER_TYPES_MAX; j++)
		in.types[in.ntypes++] = argv[j];
	if (j < argc) {
		fprintf(stderr, "stafett: at most %d message types\n",
		    PARTNER_TYPES_MAX);
		return 2;
	}
	/* The English reason: the same rule the web page words. */
	if (partner_check(&in, accepts, &why) != PF_OK) {
		fprintf(stderr, "stafett: %s\n", why);
		return 2;
	}
	if (partner_name_taken(db, in.municipality, in.name, NULL, &taken) !=
	    ST_OK || taken) {
		fprintf(stderr, "stafett: cannot add the partner (%s)\n",
		    taken ? "the name is taken" : db->err);
		return 1;
	}
	if (db_begin(db) != ST_OK || partner_insert(db, &in, accepts, id,
	    NULL) != ST_OK || db_commit(db) != ST_OK) {
		fprintf(stderr, "stafett: cannot add the partner (%s)\n",
		    db->err);
		db_rollback(db);
		return 1;
	}
	/* The id alone on standard output, for scripts. */
	printf("%s\n", id);
	return 0;
}

/* Make dir (and nothing above it) with mode (0700, or 0750 for what
 * the web workers read) if it is missing; never more open than that. */
static int
private_dir(const char *dir, mode_t mode)
{
	struct stat st;

	if (mkdir(dir, mode) != 0 && errno != EEXIST)
		return -1;
	if (lstat(dir, &st) != 0 || !S_ISDIR(st.st_mode) ||
	    st.st_uid != geteuid())
		return -1;
	if ((st.st_mode & 0777 & ~mode) != 0 && chmod(dir, mode) != 0)
		return -1;
	return 0;
}

static int
write_all(int fd, const char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, p, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

static int
partner_secret(const struct conf *cfg, struct db *db, const char *id,
    const char *what)
{
	static char val[SECRET_MAX + 1];
	char pdir[1024], path[1024], tmp[1100];
	const char *dir;
	size_t n = 0;
	mode_t dmode = 0700, fmode = 0600;
	int fd, rc = 1, inbound, found = 0;

	if (strcmp(what, "inbound-hmac") == 0)
		what = PARTNER_INBOUND;
	if (!partner_secret_name_ok(what)) {
		fprintf(stderr, "stafett: the secret is hmac, bearer, cert, "
		    "key or inbound-hmac\n");
		return 2;
	}
	inbound = strcmp(what, PARTNER_INBOUND) == 0;
	dir = inbound ? cfg->partner_inbound_dir : cfg->partner_secrets_dir;
	if (inbound) {
		dmode = 0750;
		fmode = 0640;
	}
	if (partner_exists(db, 0, id, &found) != ST_OK || !found) {
		fprintf(stderr, "stafett: no partner '%s'\n", id);
		return 1;
	}
	n = fread(val, 1, sizeof(val), stdin);
	if (n > SECRET_MAX) {
		fprintf(stderr, "stafett: the secret is too long\n");
		goto out;
	}
	/* A trailing newline from echo or a terminal is not part of a
	 * token or key; PEM files keep theirs inside. */
	if (strcmp(what, "hmac") == 0 || strcmp(what, "bearer") == 0 ||
	    inbound)
		while (n > 0 && (val[n - 1] == '\n' || val[n - 1] == '\r'))
			n--;
	if (n == 0 || memchr(val, '\0', n) != NULL) {
		fprintf(stderr, "stafett: no secret on standard input\n");
		goto out;
	}
	if ((strcmp(what, "hmac") == 0 || inbound) && n < HMAC_KEY_MIN) {
		fprintf(stderr, "stafett: an HMAC key needs at least %d "
		    "bytes\n", HMAC_KEY_MIN);
		goto out;
	}
	if ((strcmp(what, "cert") == 0 || strcmp(what, "key") == 0) &&
	    strstr(val, "-----BEGIN ") == NULL) {
		fprintf(stderr, "stafett: a certificate or key must be "
		    "PEM\n");
		goto out;
	}
	if (partner_secret_path(dir, id, what, path, sizeof(path)) != ST_OK ||
	    (size_t)snprintf(pdir, sizeof(pdir), "%s/%s", dir, id) >=
	    sizeof(pdir) ||
	    (size_t)snprintf(tmp, sizeof(tmp), "%s.new", path) >=
	    sizeof(tmp)) {
		fprintf(stderr, "stafett: '%s' is too long\n", dir);
		goto out;
	}
	if (private_dir(dir, dmode) != 0 || private_dir(pdir, dmode) != 0) {
		fprintf(stderr, "stafett: cannot make a private directory "
		    "'%s'\n", pdir);
		goto out;
	}
	/* Written beside and renamed, so notify never reads half a key. */
	(void)unlink(tmp);
	fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
	    fmode);
	if (fd < 0) {
		fprintf(stderr, "stafett: cannot write '%s': %s\n", tmp,
		    strerror(errno));
		goto out;
	}
	if (write_all(fd, val, n) != 0 || fsync(fd) != 0) {
		fprintf(stderr, "stafett: cannot write '%s'\n", tmp);
		close(fd);
		(void)unlink(tmp);
		goto out;
	}
	close(fd);
	if (rename(tmp, path) != 0) {
		fprintf(stderr, "stafett: cannot rename to '%s'\n", path);
		(void)unlink(tmp);
		goto out;
	}
	fprintf(stderr, "stafett: %s of partner '%s' stored\n", what, id);
	/* The web pages show which secrets are in place from the row. */
	if (partner_secrets_record(db, cfg->partner_secrets_dir,
	    cfg->partner_inbound_dir, id) != ST_OK)
		fprintf(stderr, "stafett: the partner's row does not say so "
		    "yet (%s); notify records it within a minute\n", db->err);
	rc = 0;
out:
	sodium_memzero(val, sizeof(val));
	return rc;
}

/*
 * A new bearer token for the partner's receipts: printed once on
 * standard output, kept only as its hash; it replaces the one before.
 */
static int
partner_token(struct db *db, const char *id)
{
	unsigned char hash[SECURE_HASH_LEN];
	char token[SECURE_TOKEN_SIZE];
	struct db_val p[2];
	int rc = 1, found = 0;

	if (partner_exists(db, 0, id, &found) != ST_OK || !found) {
		fprintf(stderr, "stafett: no partner '%s'\n", id);
		return 1;
	}
	secure_token(token);
	secure_hash(token, SECURE_TOKEN_LEN, hash);
	p[0] = DV_BLOB(hash, sizeof(hash));
	p[1] = DV_STR(id);
	if (db_exec(db, STMT_PARTNER_SET_TOKEN, p, 2, NULL, NULL) != ST_OK)
		fprintf(stderr, "stafett: cannot store the token (%s)\n",
		    db->err);
	else {
		printf("%s\n", token);
		fprintf(stderr, "stafett: receipt token of partner '%s' "
		    "issued; it is not shown again\n", id);
		rc = 0;
	}
	sodium_memzero(token, sizeof(token));
	return rc;
}

static int
partner_list(const struct conf *cfg, struct db *db)
{
	struct db_res res;
	size_t i;

	if (db_query(db, STMT_PARTNER_LIST, NULL, 0, 10000, &res) != ST_OK) {
		fprintf(stderr, "stafett: cannot list partners (%s)\n",
		    db->err);
		return 1;
	}
	for (i = 0; i < res.nrows; i++) {
		const char *id = db_get(&res, i, 0);
		char found[96], *c;

		/* Which secrets are in place, never what they are. */
		partner_secrets_found(cfg->partner_secrets_dir,
		    cfg->partner_inbound_dir, id, found, sizeof(found));
		/* as the secret command spells them: inbound-hmac */
		for (c = found; *c != '\0'; c++)
			if (*c == ',' || *c == '_')
				*c = *c == ',' ? ' ' : '-';
		printf("%s\t%s\t%s\t%s\t%s\t%s\t%s\twaiting %s\tsecrets"
		    "%s%s%s\tmunicipality %s\n", id, db_get(&res, i, 1),
		    db_get(&res, i, 2), db_get(&res, i, 3), db_get(&res, i, 4),
		    db_get(&res, i, 5), db_get(&res, i, 6), db_get(&res, i, 7),
		    found[0] != '\0' ? " " : "", found,
		    db_get_int(&res, i, 8) ? " receipt-token" : "",
		    db_get(&res, i, 9));
	}
	db_res_release(&res);
	return 0;
}

static int
partner_status(struct db *db, const char *id, const char *status)
{
	int found = 0;

	/* One transaction, as on the web: the change and its alerts. */
	if (db_begin(db) != ST_OK || partner_set_status(db, 0, id, status,
	    &found) != ST_OK || db_commit(db) != ST_OK) {
		fprintf(stderr, "stafett: cannot change the partner (%s)\n",
		    db->err);
		db_rollback(db);
		return 1;
	}
	if (!found) {
		fprintf(stderr, "stafett: no partner '%s'\n", id);
		return 1;
	}
	fprintf(stderr, "stafett: partner '%s' is %s\n", id, status);
	return 0;
}

/* The partner's address, changed on the server only (h_partner.c says
 * why), audited as a change by the administrator's account. */
static int
partner_endpoint(struct db *db, const char *id, const char *url)
{
	struct db_val p[2];
	unsigned long long n = 0;

	if (!partner_endpoint_valid(url)) {
		fprintf(stderr, "stafett: the address must be an https:// URL "
		    "without user information\n");
		return 1;
	}
	p[0] = DV_STR(url);
	p[1] = DV_STR(id);
	if (db_begin(db) != ST_OK || db_exec(db, STMT_PARTNER_ENDPOINT_SET, p,
	    2, &n, NULL) != ST_OK || db_commit(db) != ST_OK) {
		fprintf(stderr, "stafett: cannot change the partner (%s)\n",
		    db->err);
		db_rollback(db);
		return 1;
	}
	if (n == 0) {
		fprintf(stderr, "stafett: no partner '%s' (or the address is "
		    "the same)\n", id);
		return 1;
	}
	fprintf(stderr, "stafett: partner '%s' now at %s\n", id, url);
	return 0;
}

int
cmd_partner(const struct conf *cfg, int argc, char **argv)
{
	const char *municipality = cli_municipality_option(&argc, &argv);
	struct db db;
	int rc;

	if (argc < 1 ||
	    (strcmp(argv[0], "add") == 0 && argc < 6) ||
	    (strcmp(argv[0], "secret") == 0 && argc != 3) ||
	    (strcmp(argv[0], "token") == 0 && argc != 2) ||
	    (strcmp(argv[0], "list") == 0 && argc != 1) ||
	    (strcmp(argv[0], "endpoint") == 0 && argc != 3) ||
	    ((strcmp(argv[0], "pause") == 0 ||
	    strcmp(argv[0], "resume") == 0) && argc != 2)) {
		fprintf(stderr, "usage: stafett partner add [--municipality "
		    "NUMBER] NAME KIND URL AUTH TYPE... | secret ID "
		    "hmac|bearer|cert|key|inbound-hmac | token ID | "
		    "endpoint ID URL | list | pause ID | resume ID\n");
		return 2;
	}
	if (cli_db_open(cfg, &db) != 0)
		return 1;
	if (strcmp(argv[0], "add") == 0)
		rc = partner_add(&db, municipality, argc - 1, argv + 1);
	else if (strcmp(argv[0], "secret") == 0)
		rc = partner_secret(cfg, &db, argv[1], argv[2]);
	else if (strcmp(argv[0], "token") == 0)
		rc = partner_token(&db, argv[1]);
	else if (strcmp(argv[0], "list") == 0)
		rc = partner_list(cfg, &db);
	else if (strcmp(argv[0], "endpoint") == 0)
		rc = partner_endpoint(&db, argv[1], argv[2]);
	else if (strcmp(argv[0], "pause") == 0)
		rc = partner_status(&db, argv[1], "paused");
	else if (strcmp(argv[0], "resume") == 0)
		rc = partner_status(&db, argv[1], "active");
	else {
		fprintf(stderr, "stafett: unknown partner command '%s'\n",
		    argv[0]);
		rc = 2;
	}
	db_release(&db);
	return rc;
}
