/* folk.c: family relations from the population register (folk.h). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "folk.h"
#include "mem.h"
#include "nin.h"

/* The tables are the source: they are kept whole by folk_load. */
static st_rc
table_refresh(struct db *db, const unsigned char person[SECURE_HASH_LEN])
{
	(void)db;
	(void)person;
	return ST_OK;
}

const struct folk_source folk_table = { "table", table_refresh };

st_rc
folk_sync(struct db *db, long long user_id,
    const unsigned char person[SECURE_HASH_LEN])
{
	struct db_val p[2];
	st_rc rc;

	p[0] = DV_INT(user_id);
	p[1] = DV_BLOB(person, SECURE_HASH_LEN);
	if ((rc = db_exec(db, STMT_FOLK_UNLINK, p, 2, NULL, NULL)) != ST_OK ||
	    (rc = db_exec(db, STMT_FOLK_LINK, p, 2, NULL, NULL)) != ST_OK)
		return rc;
	return db_exec(db, STMT_FOLK_SELF, p, 2, NULL, NULL);
}

st_rc
folk_name(struct db *db, const unsigned char person[SECURE_HASH_LEN],
    char *out, size_t n)
{
	struct db_val p[1];
	struct db_res res;
	const char *v;
	st_rc rc;

	out[0] = '\0';
	p[0] = DV_BLOB(person, SECURE_HASH_LEN);
	if ((rc = db_query(db, STMT_FOLK_NAME, p, 1, 1, &res)) != ST_OK)
		return rc;
	if (res.nrows == 1 && (v = db_get(&res, 0, 0)) != NULL)
		snprintf(out, n, "%s", v);
	db_res_release(&res);
	return ST_OK;
}

static int
nin_hmac(const unsigned char key[SECURE_KEY_LEN], const char *nin,
    unsigned char out[SECURE_HASH_LEN])
{
	if (nin == NULL || nin_check(nin, NULL) != NIN_OK)
		return 0;
	secure_hmac(key, nin, strlen(nin), out);
	return 1;
}

/* Split line at ';' into at most max fields; the count. */
static size_t
split(char *line, char **f, size_t max)
{
	size_t n = 0;
	char *s = line, *e;

	while (n < max) {
		f[n++] = s;
		if ((e = strchr(s, ';')) == NULL)
			break;
		*e = '\0';
		s = e + 1;
	}
	return n;
}

/* Sync every citizen account of a parent named in the extract. */
static st_rc
sync_parent(struct db *db, const unsigned char h[SECURE_HASH_LEN],
    size_t *synced)
{
	struct db_val p[1];
	struct db_res res;
	long long uid = 0;
	st_rc rc;

	p[0] = DV_BLOB(h, SECURE_HASH_LEN);
	if ((rc = db_query(db, STMT_CITIZEN_BY_NIN, p, 1, 2, &res)) != ST_OK)
		return rc;
	if (res.nrows == 1)
		uid = db_get_int(&res, 0, 0);
	db_res_release(&res);
	if (uid == 0)
		return ST_OK;
	(*synced)++;
	return folk_sync(db, uid, h);
}

st_rc
folk_load(struct db *db, const unsigned char key[SECURE_KEY_LEN], FILE *in,
    struct folk_load_result *out)
{
	char line[1024], *f[5];
	unsigned char a[SECURE_HASH_LEN], b[SECURE_HASH_LEN];
	unsigned char (*parents)[SECURE_HASH_LEN] = NULL, (*grown)[32];
	size_t n, np = 0, cap = 0, i;
	struct db_val p[3];
	st_rc rc;

	memset(out, 0, sizeof(*out));
	if ((rc = db_begin(db)) != ST_OK)
		return rc;
	while (fgets(line, sizeof(line), in) != NULL) {
		out->line++;
		line[strcspn(line, "\r\n")] = '\0';
		if (line[0] == '\0' || line[0] == '#')
			continue;
		n = split(line, f, 5);
		rc = ST_E_INVALID;
		if (n == 3 && strcmp(f[0], "person") == 0 &&
		    nin_hmac(key, f[1], a) && f[2][0] != '\0' &&
		    strlen(f[2]) <= 200) {
			p[0] = DV_BLOB(a, SECURE_HASH_LEN);
			p[1] = DV_STR(f[2]);
			rc = db_exec(db, STMT_FOLK_PERSON_SET, p, 2, NULL,
			    NULL);
			out->persons++;
		} else if (n == 4 && strcmp(f[0], "parent") == 0 &&
		    nin_hmac(key, f[1], a) && nin_hmac(key, f[2], b) &&
		    (strcmp(f[3], "0") == 0 || strcmp(f[3], "1") == 0)) {
			rc = ST_OK;
			/* the first time a parent is named, its old
			 * relations go: the extract is the whole truth */
			for (i = 0; i < np; i++)
				if (memcmp(parents[i], a, SECURE_HASH_LEN) == 0)
					break;
			if (i == np) {
				if (np == cap) {
					cap = cap ? cap * 2 : 64;
					grown = xrealloc(parents,
					    cap * sizeof(*parents));
					if (grown == NULL) {
						rc = ST_E_NOMEM;
						break;
					}
					parents = grown;
				}
				memcpy(parents[np++], a, SECURE_HASH_LEN);
				p[0] = DV_BLOB(a, SECURE_HASH_LEN);
				rc = db_exec(db, STMT_FOLK_CLEAR_PARENT, p, 1,
				    NULL, NULL);
			}
			p[0] = DV_BLOB(a, SECURE_HASH_LEN);
			p[1] = DV_BLOB(b, SECURE_HASH_LEN);
			p[2] = DV_INT(f[3][0] == '1');
			if (rc == ST_OK)
				rc = db_exec(db, STMT_FOLK_RELATION_ADD, p, 3,
				    NULL, NULL);
			out->relations++;
		}
		if (rc != ST_OK)
			break;
	}
	for (i = 0; rc == ST_OK && i < np; i++)
		rc = sync_parent(db, parents[i], &out->synced);
	xfree(parents);
	if (rc == ST_OK)
		rc = db_commit(db);
	if (rc != ST_OK)
		db_rollback(db);
	else
		out->line = 0;
	sodium_memzero(line, sizeof(line));
	return rc;
}
