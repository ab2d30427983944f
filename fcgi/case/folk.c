/* folk.c: family relations from the population register (folk.h). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "access.h"
#include "dates.h"
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
	char today[DATE_SIZE];
	struct db_val p[4];
	st_rc rc;

	p[0] = DV_INT(user_id);
	p[1] = DV_BLOB(person, SECURE_HASH_LEN);
	if ((rc = db_exec(db, STMT_FOLK_UNLINK, p, 2, NULL, NULL)) != ST_OK ||
	    (rc = db_exec(db, STMT_FOLK_LINK, p, 2, NULL, NULL)) != ST_OK ||
	    (rc = db_exec(db, STMT_FOLK_SELF, p, 2, NULL, NULL)) != ST_OK ||
	    (rc = db_exec(db, STMT_FOLK_EXPECTANT, p, 2, NULL, NULL)) !=
	    ST_OK)
		return rc;
	/* A meeting the family was invited to before this guardian (or the
	 * youth) first logged in is theirs too: on their start page, told
	 * by nothing else; one of a child they are no longer linked to is
	 * not. */
	dates_today(today);
	p[1] = DV_STR(today);
	if ((rc = db_exec(db, STMT_FOLK_MEETINGS_GONE, p, 2, NULL, NULL)) !=
	    ST_OK)
		return rc;
	p[2] = DV_INT(YOUTH_AGE);
	p[3] = DV_STR(today);
	return db_exec(db, STMT_FOLK_MEETINGS, p, 4, NULL, NULL);
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

/*
 * The parents an extract named, each once: an open-addressing set of
 * their HMACs (uniformly random already, so their first bytes are the
 * hash), kept at most half full, so an extract costs what its lines do.
 */
struct parent_set {
	unsigned char	(*v)[SECURE_HASH_LEN];
	unsigned char	*used;
	size_t		 cap, n;
};

static size_t
slot_of(const struct parent_set *s, const unsigned char h[SECURE_HASH_LEN])
{
	size_t i, mask = s->cap - 1;

	memcpy(&i, h, sizeof(i));
	for (i &= mask; s->used[i] && memcmp(s->v[i], h, SECURE_HASH_LEN) != 0;
	    i = (i + 1) & mask)
		;
	return i;
}

/* Add h; 1 when it was not there yet. */
static int
parent_add(struct parent_set *s, const unsigned char h[SECURE_HASH_LEN])
{
	struct parent_set big;
	size_t i, j;

	if (2 * (s->n + 1) > s->cap) {
		big.cap = s->cap ? 2 * s->cap : 64;
		big.n = s->n;
		big.v = xmalloc(big.cap * sizeof(*big.v));
		big.used = xcalloc(big.cap, 1);
		for (i = 0; i < s->cap; i++)
			if (s->used[i]) {
				j = slot_of(&big, s->v[i]);
				memcpy(big.v[j], s->v[i], SECURE_HASH_LEN);
				big.used[j] = 1;
			}
		xfree(s->v);
		xfree(s->used);
		*s = big;
	}
	i = slot_of(s, h);
	if (s->used[i])
		return 0;
	memcpy(s->v[i], h, SECURE_HASH_LEN);
	s->used[i] = 1;
	s->n++;
	return 1;
}

st_rc
folk_load(struct db *db, const unsigned char key[SECURE_KEY_LEN], FILE *in,
    struct folk_load_result *out)
{
	char line[1024], *f[5];
	unsigned char a[SECURE_HASH_LEN], b[SECURE_HASH_LEN];
	struct parent_set parents = { NULL, NULL, 0, 0 };
	size_t n, i;
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
			if (parent_add(&parents, a)) {
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
	for (i = 0; rc == ST_OK && i < parents.cap; i++)
		if (parents.used[i])
			rc = sync_parent(db, parents.v[i], &out->synced);
	xfree(parents.v);
	xfree(parents.used);
	if (rc == ST_OK)
		rc = db_commit(db);
	if (rc != ST_OK)
		db_rollback(db);
	else
		out->line = 0;
	sodium_memzero(line, sizeof(line));
	return rc;
}
