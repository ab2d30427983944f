/* retention.c: deletion when the retention period runs out (see
 * retention.h). */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "deposit.h"
#include "log.h"
#include "logview.h"
#include "retention.h"

struct purge {
	const char	*kind;		/* "relay_log" or "concern" */
	long long	 id, child_id;
	const char	*reference;
	const char	*rule;
	unsigned	 days;
	const char	*deposit;	/* NULL: none */
	const char	*sha256;
	int		 gone;		/* out: deleted by someone else */
};

/* Everything of one log or concern, its record and its audit row: one
 * transaction (db_tx runs it again after a deadlock). */
static st_rc
purge_tx(struct db *db, void *arg)
{
	struct purge *p = arg;
	struct db_val v[8];
	struct db_res res;
	static const enum stmt_id referral[] = { STMT_RETENTION_DISCUSSIONS,
	    STMT_RETENTION_REFERRAL_PARTS, STMT_RETENTION_REFERRALS,
	    STMT_RETENTION_FAMILY_LOG };
	unsigned long long agenda = 0, n;
	size_t i;
	long long rows;
	int log = strcmp(p->kind, "relay_log") == 0;
	st_rc rc;

	/* another notify deleted it first: nothing to do or record */
	v[0] = DV_INT(p->id);
	if ((rc = db_query(db, log ? STMT_RETENTION_LOCK_LOG :
	    STMT_RETENTION_LOCK_CONCERN, v, 1, 1, &res)) != ST_OK)
		return rc;
	p->gone = res.nrows == 0;
	db_res_release(&res);
	if (p->gone)
		return ST_OK;
	v[0] = log ? DV_INT(p->id) : DV_NULL;
	v[1] = log ? DV_NULL : DV_INT(p->id);
	/* the teams' agenda items of its concerns (0040_team.sql) first:
	 * they point at the concerns; the procedure refuses what it may
	 * not delete, and the transaction with them */
	if ((rc = db_exec(db, STMT_RETENTION_AGENDA, v, 2, &agenda,
	    NULL)) != ST_OK)
		return rc;
	/* and a log's referrals to teams (0041_team_referral.sql), with
	 * their discussions and the participants they made, and its place
	 * in a family (0042_family.sql) */
	for (i = 0; log && i < sizeof(referral) / sizeof(referral[0]); i++) {
		if ((rc = db_exec(db, referral[i], v, 1, &n, NULL)) != ST_OK)
			return rc;
		agenda += n;
	}
	/* a family whose last log this was: nothing of it is left */
	if (log && (rc = db_exec(db, STMT_RETENTION_FAMILY, NULL, 0, &n,
	    NULL)) != ST_OK)
		return rc;
	if (log)
		agenda += n;
	if ((rc = db_exec(db, STMT_RETENTION_PURGE, v, 2, NULL, NULL)) !=
	    ST_OK)
		return rc;
	if ((rc = db_query(db, STMT_RETENTION_ROWS, NULL, 0, 1, &res)) !=
	    ST_OK)
		return rc;
	rows = (res.nrows == 1 ? db_get_int(&res, 0, 0) : 0) +
	    (long long)agenda;
	db_res_release(&res);
	v[0] = DV_STR(p->kind);
	v[1] = DV_STR(p->reference);
	v[2] = DV_INT(1);
	v[3] = DV_INT(rows);
	v[4] = DV_STR(p->rule);
	v[5] = DV_INT(p->days);
	v[6] = DV_OPT(p->deposit);
	v[7] = DV_OPT(p->sha256);
	if ((rc = db_exec(db, STMT_RETENTION_RECORD, v, 8, NULL, NULL)) !=
	    ST_OK)
		return rc;
	v[0] = DV_STR(p->kind);
	v[1] = DV_INT(p->id);
	v[2] = p->child_id != 0 ? DV_INT(p->child_id) : DV_NULL;
	return db_exec(db, STMT_RETENTION_AUDIT, v, 3, NULL, NULL);
}

/* One purge in its transaction, then the guards back whatever
 * happened. */
static st_rc
purge(struct db *db, struct purge *p)
{
	st_rc rc = db_tx(db, p->kind, purge_tx, p, 6);

	if (db_connected(db) &&
	    db_exec(db, STMT_RETENTION_CLEAR, NULL, 0, NULL, NULL) != ST_OK)
		log_warn("retention: cannot clear the purge's mark");
	return rc;
}

/*
 * One closed log past its period, handed to the archive and deleted;
 * ST_E_NOT_FOUND when it is kept for now (no archive copy, or one that
 * could not hold all of its events).
 */
static st_rc
one_log(const struct conf *cfg, struct db *db, const struct db_res *res,
    size_t i)
{
	char name[128], sha[DEPOSIT_SHA_SIZE];
	const char *ref = db_get(res, i, 1);
	struct purge p;
	st_rc rc;

	if (db_get_int(res, i, 4) > LOGVIEW_TIMELINE_MAX) {
		log_warn("retention: log %s has more events than its archive "
		    "copy holds; it is kept", ref);
		return ST_E_NOT_FOUND;
	}
	if ((rc = deposit_log(cfg, db, db_get_int(res, i, 0),
	    db_get(res, i, 6), ref, db_get(res, i, 2), name, sizeof(name),
	    sha)) != ST_OK)
		return rc;
	memset(&p, 0, sizeof(p));
	p.kind = "relay_log";
	p.id = db_get_int(res, i, 0);
	p.child_id = db_get_int(res, i, 3);
	p.reference = ref;
	p.rule = "log_closed";
	p.days = (unsigned)db_get_int(res, i, 5);
	p.deposit = name;
	p.sha256 = sha;
	if ((rc = purge(db, &p)) != ST_OK)
		return rc;
	if (p.gone)
		return ST_E_NOT_FOUND;
	log_info("retention: log %s handed to the archive as '%s/' and "
	    "deleted", ref, name);
	return ST_OK;
}

/*
 * Each item on its own: one that fails (its file, its transaction) is
 * said in the log and the rest go on, so one bad log holds up no other;
 * the first failure is returned.
 */
static st_rc
logs(const struct conf *cfg, struct db *db, unsigned *deleted)
{
	struct db_val v[3];
	struct db_res res;
	st_rc rc, first = ST_OK;
	size_t i;

	v[0] = v[1] = v[2] = DV_INT(cfg->retention_log_days);
	if ((rc = db_query(db, STMT_RETENTION_LOGS_DUE, v, 3, 20, &res)) !=
	    ST_OK)
		return rc;
	if (res.nrows > 0 && cfg->archive_dir[0] == '\0') {
		log_warn("retention: %zu closed logs are past their period and "
		    "kept: archive_dir is not set", res.nrows);
		db_res_release(&res);
		return ST_OK;
	}
	if (res.nrows > 0 && mkdir(cfg->archive_dir, 0750) != 0 &&
	    errno != EEXIST) {
		log_err("retention: cannot make archive_dir '%s': %s",
		    cfg->archive_dir, strerror(errno));
		db_res_release(&res);
		return ST_E_IO;
	}
	for (i = 0; i < res.nrows; i++) {
		rc = one_log(cfg, db, &res, i);
		if (rc == ST_OK)
			(*deleted)++;
		else if (rc != ST_E_NOT_FOUND) {
			log_err("retention: log %s was not deleted (%s); it is "
			    "tried again", db_get(&res, i, 1), st_rc_str(rc));
			if (first == ST_OK)
				first = rc;
		}
	}
	db_res_release(&res);
	return first;
}

static st_rc
concerns(const struct conf *cfg, struct db *db, unsigned *deleted)
{
	struct db_val v[3];
	struct db_res res;
	struct purge p;
	unsigned n = 0;
	st_rc rc, first = ST_OK;
	size_t i;

	v[0] = v[1] = v[2] = DV_INT(cfg->retention_concern_days);
	if ((rc = db_query(db, STMT_RETENTION_CONCERNS_DUE, v, 3, 100,
	    &res)) != ST_OK)
		return rc;
	for (i = 0; i < res.nrows; i++) {
		memset(&p, 0, sizeof(p));
		p.kind = "concern";
		p.id = db_get_int(&res, i, 0);
		p.child_id = db_get_int(&res, i, 2);
		p.reference = db_get(&res, i, 1);
		p.rule = "concern_level0";
		p.days = (unsigned)db_get_int(&res, i, 3);
		if ((rc = purge(db, &p)) == ST_OK) {
			n += !p.gone;
			continue;
		}
		log_err("retention: concern %s was not deleted (%s); it is "
		    "tried again", p.reference, st_rc_str(rc));
		if (first == ST_OK)
			first = rc;
	}
	if (n > 0)
		log_info("retention: %u concerns that ended at level 0 "
		    "deleted", n);
	*deleted += n;
	db_res_release(&res);
	return first;
}

struct bulk {
	enum stmt_id		 stmt;
	const struct db_val	*params;
	size_t			 nparams;
	const char		*kind, *rule;
	unsigned		 days;
	unsigned long long	 n;
};

/* The deletion and its record commit together. */
static st_rc
bulk_tx(struct db *db, void *arg)
{
	struct bulk *b = arg;
	struct db_val v[8];
	st_rc rc;

	b->n = 0;
	if ((rc = db_exec(db, b->stmt, b->params, b->nparams, &b->n,
	    NULL)) != ST_OK || b->n == 0)
		return rc;
	v[0] = DV_STR(b->kind);
	v[1] = DV_NULL;
	v[2] = DV_INT(b->n);
	v[3] = DV_INT(b->n);
	v[4] = DV_STR(b->rule);
	v[5] = DV_INT(b->days);
	v[6] = DV_NULL;
	v[7] = DV_NULL;
	return db_exec(db, STMT_RETENTION_RECORD, v, 8, NULL, NULL);
}

st_rc
retention_bulk(struct db *db, enum stmt_id stmt, const struct db_val *params,
    size_t nparams, const char *kind, const char *rule, unsigned days,
    unsigned long long *n)
{
	struct bulk b;
	st_rc rc;

	memset(&b, 0, sizeof(b));
	b.stmt = stmt;
	b.params = params;
	b.nparams = nparams;
	b.kind = kind;
	b.rule = rule;
	b.days = days;
	rc = db_tx(db, kind, bulk_tx, &b, 6);
	*n = rc == ST_OK ? b.n : 0;
	return rc;
}

/* Revoked API tokens of one municipality's people (0: the citizens'),
 * kept days. */
static st_rc
tokens(struct db *db, long long municipality, unsigned days)
{
	unsigned long long n = 0;
	struct db_val v[2];
	st_rc rc;

	v[0] = DV_INT(municipality);
	v[1] = DV_INT(days);
	if ((rc = retention_bulk(db, STMT_TOKEN_PURGE, v, 2, "api_token",
	    "token_revoked", days, &n)) == ST_OK && n > 0)
		log_info("retention: %llu revoked API tokens deleted", n);
	return rc;
}

st_rc
retention_sweep(const struct conf *cfg, struct db *db, unsigned *deleted)
{
	struct db_val v[3];
	struct db_res res;
	size_t i;
	st_rc rc, first;

	*deleted = 0;
	first = logs(cfg, db, deleted);
	if ((rc = concerns(cfg, db, deleted)) != ST_OK && first == ST_OK)
		first = rc;
	/* The municipalities (and the citizens, who belong to none and keep
	 * the installation's period) with tokens past their period. */
	v[0] = v[1] = v[2] = DV_INT(cfg->retention_token_days);
	if ((rc = db_query(db, STMT_TOKENS_DUE, v, 3, 100000, &res)) != ST_OK)
		return first != ST_OK ? first : rc;
	for (i = 0; rc == ST_OK && i < res.nrows; i++)
		rc = tokens(db, db_get_int(&res, i, 0),
		    (unsigned)db_get_int(&res, i, 1));
	db_res_release(&res);
	return first != ST_OK ? first : rc;
}
