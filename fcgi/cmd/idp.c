/* idp.c: the administrator's verbs for logging in with identity
 * providers: the staff role mapping, the register extract, client keys. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cjose/cjose.h>
#include <sodium.h>

#include "cli.h"
#include "db.h"
#include "folk.h"
#include "mem.h"
#include "principal.h"
#include "secure.h"

static int
idp_usage(void)
{
	fprintf(stderr, "usage: stafett idp map [--municipality NUMBER] "
	    "VALUE ROLE [UNIT-CODE]\n"
	    "       stafett idp unmap VALUE\n"
	    "       stafett idp list\n");
	return 2;
}

/* stafett idp map|unmap|list: which groups or app roles of the staff
 * provider give which role in which unit. */
int
cmd_idp(const struct conf *cfg, int argc, char **argv)
{
	const char *municipality = cli_municipality_option(&argc, &argv);
	struct db db;
	struct db_val p[5];
	struct db_res res;
	unsigned long long n = 0;
	size_t i;
	enum role role;
	int rc = 1;

	if (argc < 1)
		return idp_usage();
	if (strcmp(argv[0], "map") == 0) {
		if (argc < 3 || argc > 4 || strlen(argv[1]) == 0 ||
		    strlen(argv[1]) > 255)
			return idp_usage();
		role = role_parse(argv[2]);
		if (role != ROLE_EMPLOYEE && role != ROLE_LEADER &&
		    role != ROLE_ADMIN) {
			fprintf(stderr, "stafett: a role is employee, leader "
			    "or admin\n");
			return 2;
		}
		if ((role == ROLE_ADMIN) != (argc == 3)) {
			fprintf(stderr, "stafett: employees and leaders "
			    "need a unit; administrators have none\n");
			return 2;
		}
	} else if (strcmp(argv[0], "unmap") == 0) {
		if (argc != 2)
			return idp_usage();
	} else if (strcmp(argv[0], "list") != 0 || argc != 1)
		return idp_usage();
	if (cli_db_open(cfg, &db) != 0)
		return 1;
	if (strcmp(argv[0], "map") == 0) {
		long long m;

		if (cli_municipality(&db, municipality, &m) != 0) {
			db_release(&db);
			return 1;
		}
		p[0] = DV_STR(argv[1]);
		p[1] = DV_STR(argv[2]);
		p[2] = p[3] = DV_INT(m);
		p[4] = argc == 4 ? DV_STR(argv[3]) : DV_NULL;
		if (argc == 4) {
			/* the unit must exist, in that municipality: the
			 * subquery would give NULL */
			struct db_val q[2];

			q[0] = DV_INT(m);
			q[1] = DV_STR(argv[3]);
			if (db_query(&db, STMT_UNIT_IN_MUNICIPALITY, q, 2, 1,
			    &res) !=
			    ST_OK || (n = res.nrows, db_res_release(&res),
			    n != 1)) {
				fprintf(stderr, "stafett: no unit '%s'\n",
				    argv[3]);
				db_release(&db);
				return 1;
			}
		}
		if (db_exec(&db, STMT_IDP_MAP_ADD, p, 5, NULL, NULL) == ST_OK)
			rc = 0;
		else
			fprintf(stderr, "stafett: '%s' is mapped already "
			    "(unmap it first)\n", argv[1]);
	} else if (strcmp(argv[0], "unmap") == 0) {
		p[0] = DV_STR(argv[1]);
		if (db_exec(&db, STMT_IDP_MAP_DELETE, p, 1, &n, NULL) ==
		    ST_OK && n == 1)
			rc = 0;
		else
			fprintf(stderr, "stafett: '%s' is not mapped\n",
			    argv[1]);
	} else if (strcmp(argv[0], "list") == 0 &&
	    db_query(&db, STMT_IDP_MAP_LIST, NULL, 0, 10000, &res) ==
	    ST_OK) {
		for (i = 0; i < res.nrows; i++)
			printf("%s\t%s\t%s\t%s\n", db_get(&res, i, 0),
			    db_get(&res, i, 1), db_get(&res, i, 2) != NULL ?
			    db_get(&res, i, 2) : "-", db_get(&res, i, 3));
		db_res_release(&res);
		rc = 0;
	}
	/* A changed mapping holds from the next login: every session from
	 * the staff provider ends, so nobody keeps a role it took away. */
	if (rc == 0 && strcmp(argv[0], "list") != 0) {
		p[0] = DV_STR("staff");
		if (db_exec(&db, STMT_SESSION_DELETE_PROVIDER, p, 1, &n,
		    NULL) != ST_OK)
			rc = 1;
		else if (n > 0)
			printf("%llu staff sessions ended: they log in again "
			    "under the new mapping\n", n);
	}
	db_release(&db);
	return rc;
}

/* stafett folk load FILE: the population register's extract. */
int
cmd_folk(const struct conf *cfg, int argc, char **argv)
{
	unsigned char key[SECURE_KEY_LEN];
	struct folk_load_result res;
	char err[256];
	struct db db;
	FILE *in;
	st_rc rc;

	if (argc != 2 || strcmp(argv[0], "load") != 0) {
		fprintf(stderr, "usage: stafett folk load FILE (- for "
		    "standard input)\n");
		return 2;
	}
	if (secure_load_key(cfg->secret_file, key, err, sizeof(err)) !=
	    ST_OK) {
		fprintf(stderr, "stafett: %s\n", err);
		return 1;
	}
	in = strcmp(argv[1], "-") == 0 ? stdin : fopen(argv[1], "r");
	if (in == NULL) {
		fprintf(stderr, "stafett: cannot read '%s': %s\n", argv[1],
		    strerror(errno));
		return 1;
	}
	if (cli_db_open(cfg, &db) != 0) {
		if (in != stdin)
			fclose(in);
		return 1;
	}
	rc = folk_load(&db, key, in, &res);
	sodium_memzero(key, sizeof(key));
	if (in != stdin)
		fclose(in);
	db_release(&db);
	if (rc == ST_E_INVALID) {
		/* the line's number only: its content is identity numbers */
		fprintf(stderr, "stafett: line %zu is not 'person;NIN;NAME' "
		    "or 'parent;NIN;CHILD-NIN;1|0' with valid identity "
		    "numbers; nothing was loaded\n", res.line);
		return 1;
	}
	if (rc != ST_OK) {
		fprintf(stderr, "stafett: the extract could not be loaded "
		    "(%s); nothing was loaded\n", st_rc_str(rc));
		return 1;
	}
	printf("%zu people, %zu relations; %zu accounts brought up to date\n",
	    res.persons, res.relations, res.synced);
	return 0;
}

/* stafett oidc keygen FILE: a client key for private_key_jwt. */
int
cmd_oidc(const struct conf *cfg, int argc, char **argv)
{
	static const uint8_t e[] = { 0x01, 0x00, 0x01 };
	char kid[SECURE_ID_SIZE], *priv = NULL, *pub = NULL;
	cjose_jwk_t *jwk;
	cjose_err err;
	size_t len;
	int fd, rc = 1;

	(void)cfg;
	if (argc != 2 || strcmp(argv[0], "keygen") != 0) {
		fprintf(stderr, "usage: stafett oidc keygen FILE\n");
		return 2;
	}
	if ((jwk = cjose_jwk_create_RSA_random(3072, e, sizeof(e), &err)) ==
	    NULL)
		return 1;
	secure_random_id(kid);
	if (cjose_jwk_set_kid(jwk, kid, strlen(kid), &err) &&
	    (priv = cjose_jwk_to_json(jwk, true, &err)) != NULL &&
	    (pub = cjose_jwk_to_json(jwk, false, &err)) != NULL) {
		fd = open(argv[1], O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
		    0600);
		len = strlen(priv);
		if (fd < 0)
			fprintf(stderr, "stafett: cannot make '%s': %s\n",
			    argv[1], strerror(errno));
		else if (write(fd, priv, len) != (ssize_t)len ||
		    close(fd) != 0) {
			fprintf(stderr, "stafett: cannot write '%s'\n",
			    argv[1]);
			unlink(argv[1]);	/* no half a key */
		} else {
			/* the public half, to register at the provider */
			printf("%s\n", pub);
			rc = 0;
		}
	}
	if (priv != NULL)
		sodium_memzero(priv, strlen(priv));
	xfree(priv);
	xfree(pub);
	cjose_jwk_release(jwk);
	return rc;
}
