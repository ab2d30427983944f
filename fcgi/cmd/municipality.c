/* municipality.c: the operator's verbs for the municipalities one
 * installation serves (0033_municipality.sql): adding one, its settings,
 * and sharing an inter-municipal unit with another. Only the operator
 * shares: an administrator of a municipality manages its own units,
 * people, partners and guide, and never sees another's. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "db.h"

static int
usage(void)
{
	fprintf(stderr,
	    "usage: stafett municipality list\n"
	    "       stafett municipality add NUMBER NAME\n"
	    "       stafett municipality set NUMBER KEY VALUE\n"
	    "       stafett municipality share UNIT-CODE HOST-NUMBER NUMBER\n"
	    "       stafett municipality unshare UNIT-CODE HOST-NUMBER "
	    "NUMBER\n");
	return 2;
}

/* A municipality number: four digits (kommunenummer). */
static int
number_ok(const char *s)
{
	size_t i;

	for (i = 0; s[i] != '\0'; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return i == 4;
}

int
cli_municipality(struct db *db, const char *number, long long *id)
{
	struct db_val p[1];
	struct db_res res;
	int rc = -1;

	*id = 0;
	if (number == NULL) {
		if (db_query(db, STMT_MUNICIPALITY_COUNT, NULL, 0, 1, &res) !=
		    ST_OK) {
			fprintf(stderr, "stafett: %s\n", db->err);
			return -1;
		}
		if (db_get_int(&res, 0, 0) == 1) {
			*id = db_get_int(&res, 0, 1);
			rc = 0;
		} else
			fprintf(stderr, "stafett: this installation serves "
			    "several municipalities: say which with "
			    "--municipality NUMBER\n");
		db_res_release(&res);
		return rc;
	}
	if (!number_ok(number)) {
		fprintf(stderr, "stafett: a municipality number is four "
		    "digits\n");
		return -1;
	}
	p[0] = DV_STR(number);
	if (db_query(db, STMT_MUNICIPALITY_BY_NUMBER, p, 1, 1, &res) !=
	    ST_OK) {
		fprintf(stderr, "stafett: %s\n", db->err);
		return -1;
	}
	if (res.nrows == 1) {
		*id = db_get_int(&res, 0, 0);
		rc = 0;
	} else
		fprintf(stderr, "stafett: no municipality %s here (stafett "
		    "municipality list)\n", number);
	db_res_release(&res);
	return rc;
}

const char *
cli_municipality_option(int *argc, char ***argv)
{
	const char *number;

	if (*argc < 2 || strcmp((*argv)[1], "--municipality") != 0)
		return NULL;
	number = *argc > 2 ? (*argv)[2] : "";
	/* the verb stays first */
	(*argv)[2] = (*argv)[0];
	*argv += 2;
	*argc -= 2;
	return number;
}

static int
list(struct db *db)
{
	struct db_res res;
	size_t i;

	if (db_query(db, STMT_MUNICIPALITY_LIST, NULL, 0, 100000, &res) !=
	    ST_OK) {
		fprintf(stderr, "stafett: %s\n", db->err);
		return 1;
	}
	for (i = 0; i < res.nrows; i++)
		printf("%s %s (%s units, %s people, shares %s, shared with it "
		    "%s)\n", db_get(&res, i, 0), db_get(&res, i, 1),
		    db_get(&res, i, 2), db_get(&res, i, 3), db_get(&res, i, 4),
		    db_get(&res, i, 5));
	db_res_release(&res);
	return 0;
}

static int
add(struct db *db, const char *number, const char *name)
{
	unsigned long long n = 0, id = 0;
	struct db_val p[2];

	if (!number_ok(number) || *name == '\0' || strlen(name) > 200) {
		fprintf(stderr, "stafett: a municipality has a four-digit "
		    "number and a name of 1 to 200 characters\n");
		return 2;
	}
	p[0] = DV_STR(number);
	p[1] = DV_STR(name);
	if (db_begin(db) != ST_OK ||
	    db_exec(db, STMT_MUNICIPALITY_INSERT, p, 2, &n, &id) != ST_OK) {
		fprintf(stderr, "stafett: cannot add the municipality (%s)\n",
		    db->err);
		db_rollback(db);
		return 1;
	}
	/* Its action guide begins as a copy of the first municipality's;
	 * its administrator changes it from there. */
	p[0] = DV_INT((long long)id);
	if (db_exec(db, STMT_GUIDE_COPY, p, 1, NULL, NULL) != ST_OK ||
	    db_commit(db) != ST_OK) {
		fprintf(stderr, "stafett: cannot add the municipality (%s)\n",
		    db->err);
		db_rollback(db);
		return 1;
	}
	printf("%s\n", number);
	return 0;
}

/* The keys of `set`, and the most each number may be. */
static const struct {
	const char	*key;
	unsigned	 min, max;	/* max 0: text */
} keys[] = {
	{ "number", 0, 0 },
	{ "name", 0, 0 },
	{ "emergency_phone", 0, 0 },
	{ "concern_deadline_days", 1, 365 },
	{ "draft_keep_days", 1, 365 },
	{ "consent_max_days", 1, 3650 },
	{ "consent_warn_days", 0, 365 },
	{ "measure_remind_days", 0, 365 },
	{ "retention_log_days", 0, 36500 },
	{ "retention_concern_days", 0, 36500 },
	{ "retention_token_days", 0, 36500 },
};
#define NKEYS (sizeof(keys) / sizeof(keys[0]))

/* The emergency number as people dial it: digits, spaces, a leading +
 * (the rule of stafett.conf's emergency_phone). */
static int
phone_ok(const char *s)
{
	size_t i, digits = 0;

	for (i = 0; s[i] != '\0'; i++) {
		if (s[i] >= '0' && s[i] <= '9')
			digits++;
		else if (!(s[i] == ' ' || (s[i] == '+' && i == 0)))
			return 0;
	}
	return i <= 40 && (i == 0 || digits >= 3);
}

static int
set(struct db *db, const char *number, const char *key, const char *value)
{
	unsigned long long n = 0;
	struct db_val p[3];
	long long id;
	size_t k;

	for (k = 0; k < NKEYS; k++)
		if (strcmp(keys[k].key, key) == 0)
			break;
	if (k == NKEYS) {
		fprintf(stderr, "stafett: the keys are number, name, "
		    "emergency_phone and the days of concern_deadline, "
		    "draft_keep, consent_max, consent_warn, measure_remind, "
		    "retention_log, retention_concern and retention_token "
		    "(…_days)\n");
		return 2;
	}
	if (keys[k].max > 0 && *value != '\0') {
		char *end;
		long v = strtol(value, &end, 10);

		if (*end != '\0' || end == value || v < (long)keys[k].min ||
		    v > (long)keys[k].max) {
			fprintf(stderr, "stafett: %s is a number from %u to "
			    "%u, or \"\" for the installation's\n", key,
			    keys[k].min, keys[k].max);
			return 2;
		}
	} else if ((strcmp(key, "number") == 0 && !number_ok(value)) ||
	    (strcmp(key, "name") == 0 && (*value == '\0' ||
	    strlen(value) > 200)) ||
	    (strcmp(key, "emergency_phone") == 0 && !phone_ok(value))) {
		fprintf(stderr, "stafett: not a %s\n", key);
		return 2;
	}
	if (cli_municipality(db, number, &id) != 0)
		return 1;
	p[0] = DV_STR(key);
	/* "" is the installation's value (NULL) for a setting */
	p[1] = *value != '\0' ? DV_STR(value) : DV_NULL;
	p[2] = DV_INT(id);
	if (db_exec(db, STMT_MUNICIPALITY_SET, p, 3, &n, NULL) != ST_OK) {
		fprintf(stderr, "stafett: cannot change it (%s)\n", db->err);
		return 1;
	}
	return 0;
}

/* stafett municipality share|unshare UNIT-CODE HOST-NUMBER NUMBER */
static int
share(struct db *db, int on, const char *code, const char *host,
    const char *number)
{
	unsigned long long n = 0;
	struct db_val p[3];
	struct db_res res;
	long long host_id, id, unit = 0;

	if (cli_municipality(db, host, &host_id) != 0 ||
	    cli_municipality(db, number, &id) != 0)
		return 1;
	if (host_id == id) {
		fprintf(stderr, "stafett: a unit serves its own municipality "
		    "already\n");
		return 2;
	}
	p[0] = DV_INT(host_id);
	p[1] = DV_STR(code);
	if (db_query(db, STMT_UNIT_IN_MUNICIPALITY, p, 2, 1, &res) != ST_OK) {
		fprintf(stderr, "stafett: %s\n", db->err);
		return 1;
	}
	if (res.nrows == 1)
		unit = db_get_int(&res, 0, 0);
	db_res_release(&res);
	if (unit == 0) {
		fprintf(stderr, "stafett: municipality %s has no unit '%s'\n",
		    host, code);
		return 1;
	}
	if (on) {
		/* A consent names units by code: one code, one unit. */
		p[0] = DV_STR(code);
		p[1] = p[2] = DV_INT(id);
		if (db_query(db, STMT_UNIT_BY_CODE, p, 3, 10, &res) != ST_OK) {
			fprintf(stderr, "stafett: %s\n", db->err);
			return 1;
		}
		n = res.nrows;
		db_res_release(&res);
		if (n > 0) {
			fprintf(stderr, "stafett: municipality %s has a unit "
			    "'%s' already (or shares one)\n", number, code);
			return 1;
		}
	}
	p[0] = DV_INT(unit);
	p[1] = DV_INT(id);
	if (db_exec(db, on ? STMT_UNIT_SHARE : STMT_UNIT_UNSHARE, p, 2, &n,
	    NULL) != ST_OK) {
		fprintf(stderr, "stafett: %s\n", db->err);
		return 1;
	}
	if (n == 0)
		fprintf(stderr, "stafett: nothing to change: it was %s\n",
		    on ? "shared already" : "not shared");
	return 0;
}

int
cmd_municipality(const struct conf *cfg, int argc, char **argv)
{
	struct db db;
	int rc;

	if (argc < 1 || (strcmp(argv[0], "list") == 0 && argc != 1) ||
	    (strcmp(argv[0], "add") == 0 && argc != 3) ||
	    (strcmp(argv[0], "set") == 0 && argc != 4) ||
	    ((strcmp(argv[0], "share") == 0 ||
	    strcmp(argv[0], "unshare") == 0) && argc != 4))
		return usage();
	if (cli_db_open(cfg, &db) != 0)
		return 1;
	if (strcmp(argv[0], "list") == 0)
		rc = list(&db);
	else if (strcmp(argv[0], "add") == 0)
		rc = add(&db, argv[1], argv[2]);
	else if (strcmp(argv[0], "set") == 0)
		rc = set(&db, argv[1], argv[2], argv[3]);
	else if (strcmp(argv[0], "share") == 0)
		rc = share(&db, 1, argv[1], argv[2], argv[3]);
	else if (strcmp(argv[0], "unshare") == 0)
		rc = share(&db, 0, argv[1], argv[2], argv[3]);
	else
		rc = usage();
	db_release(&db);
	return rc;
}
