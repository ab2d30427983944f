/* alerts.c: alerts about delivery to partners (see alerts.h). */
#include "config.h"

#include <string.h>

#include "alerts.h"
#include "caselog.h"
#include "log.h"

/* At most this many administrators are told of one alert. */
#define ADMINS_MAX	200
/* The most attempts looked at to decide that a partner is failing. */
#define TREND_MAX	1000

static int
delivered(const char *outcome)
{
	return outcome != NULL && (strcmp(outcome, "delivered") == 0 ||
	    strcmp(outcome, "acknowledged") == 0);
}

enum alert_trend
alerts_partner_trend(const char *const *outcomes, size_t n, unsigned after)
{
	size_t i;

	if (after == 0)
		return AT_RECOVERED;
	if (n > 0 && delivered(outcomes[0]))
		return AT_RECOVERED;
	if (n < after)
		return AT_KEEP;
	for (i = 0; i < after; i++)
		if (delivered(outcomes[i]))
			return AT_KEEP;
	return AT_FAILING;
}

/* A notice about alert_id to one person, in the caller's transaction. */
static st_rc
tell(struct db *db, const char *kind, long long user_id,
    long long concern_id, long long log_id, unsigned long long alert_id)
{
	struct db_val p[1];
	st_rc rc;

	if ((rc = caselog_notice(db, kind, 0, user_id, NULL, concern_id,
	    log_id)) != ST_OK)
		return rc;
	p[0] = DV_INT(alert_id);
	return db_exec(db, STMT_OUTBOX_SET_ALERT, p, 1, NULL, NULL);
}

/* The administrators of the municipality the alert is about (its
 * partner's, or its notice's), and none of another's. */
static st_rc
tell_admins(struct db *db, const char *kind, unsigned long long alert_id)
{
	struct db_val p[1];
	struct db_res admins;
	size_t i;
	st_rc rc;

	p[0] = DV_INT(alert_id);
	if ((rc = db_query(db, STMT_ALERT_ADMINS, p, 1, ADMINS_MAX,
	    &admins)) != ST_OK)
		return rc;
	/* Administrators see no case: no log or concern on their notice. */
	for (i = 0; i < admins.nrows && rc == ST_OK; i++)
		rc = tell(db, kind, db_get_int(&admins, i, 0), 0, 0, alert_id);
	db_res_release(&admins);
	return rc;
}

/*
 * Notices delivered too long ago without a receipt (unack = 1), or
 * dead: one alert each, told to the sender and the administrators.
 */
static st_rc
notices(const struct conf *cfg, struct db *db, int unack, unsigned *raised)
{
	const char *kind = unack ? "unacknowledged" : "dead";
	const char *notice = unack ? "notice.unacknowledged" : "notice.dead";
	struct db_val p[3];
	struct db_res due;
	size_t i;
	st_rc rc;

	p[0] = DV_INT(cfg->delivery_ack_timeout_s);
	if ((rc = db_query(db, unack ? STMT_ALERT_UNACK_DUE :
	    STMT_ALERT_DEAD_DUE, p, unack ? 1 : 0, 500, &due)) != ST_OK)
		return rc;
	for (i = 0; i < due.nrows && rc == ST_OK; i++) {
		unsigned long long n = 0, alert = 0;
		long long sender = db_get_int(&due, i, 1);

		if ((rc = db_begin(db)) != ST_OK)
			break;
		p[0] = DV_STR(kind);
		p[1] = DV_STR(kind);
		p[2] = DV_INT(db_get_int(&due, i, 0));
		rc = db_exec(db, STMT_ALERT_RAISE_NOTICE, p, 3, &n, &alert);
		/* n = 0: another notify raised it, or the notice moved on. */
		if (rc == ST_OK && n == 1 && sender != 0)
			rc = tell(db, notice, sender, db_get_int(&due, i, 3),
			    db_get_int(&due, i, 2), alert);
		if (rc == ST_OK && n == 1)
			rc = tell_admins(db, notice, alert);
		if (rc == ST_OK)
			rc = db_commit(db);
		else
			db_rollback(db);
		if (rc == ST_OK && n == 1)
			(*raised)++;
	}
	db_res_release(&due);
	return rc;
}

/* Raise the no_receiver alert of outbox_id if it waits with nobody to
 * take it and has none open: *alert its id, or 0. */
static st_rc
raise_waiting(struct db *db, long long outbox_id, unsigned long long *alert)
{
	unsigned long long n = 0, id = 0;
	struct db_val p[1];
	st_rc rc;

	*alert = 0;
	p[0] = DV_INT(outbox_id);
	if ((rc = db_exec(db, STMT_ALERT_RAISE_WAITING, p, 1, &n, &id)) ==
	    ST_OK && n == 1)
		*alert = id;
	return rc;
}

/* The alert told to the notice's sender (0: none) and the
 * administrators, in the caller's transaction. */
static st_rc
tell_waiting(struct db *db, unsigned long long alert, long long sender,
    long long concern_id, long long log_id)
{
	st_rc rc;

	if (sender != 0 && (rc = tell(db, "notice.no_receiver", sender,
	    concern_id, log_id, alert)) != ST_OK)
		return rc;
	return tell_admins(db, "notice.no_receiver", alert);
}

st_rc
alerts_no_receiver(struct db *db, long long outbox_id, int *raised)
{
	struct db_res o;
	struct db_val p[1];
	unsigned long long alert;
	st_rc rc;

	/* Most notices have a receiver: one statement finds that. */
	*raised = 0;
	if ((rc = raise_waiting(db, outbox_id, &alert)) != ST_OK ||
	    alert == 0)
		return rc;
	*raised = 1;
	p[0] = DV_INT(outbox_id);
	if ((rc = db_query(db, STMT_NOTICE_SENDER, p, 1, 1, &o)) != ST_OK)
		return rc;
	if (o.nrows == 1)
		rc = tell_waiting(db, alert, db_get_int(&o, 0, 0),
		    db_get_int(&o, 0, 1), db_get_int(&o, 0, 2));
	db_res_release(&o);
	return rc;
}

/* Every notice waiting with nobody to take it and no alert yet; each in
 * a transaction of its own (own = 1), or all in the caller's. */
static st_rc
all_waiting(struct db *db, int own, unsigned *raised)
{
	unsigned long long alert;
	struct db_res due;
	size_t i;
	int one;
	st_rc rc;

	if ((rc = db_query(db, STMT_ALERT_WAITING_DUE, NULL, 0, 500, &due)) !=
	    ST_OK)
		return rc;
	for (i = 0; i < due.nrows && rc == ST_OK; i++) {
		if (own && (rc = db_begin(db)) != ST_OK)
			break;
		rc = raise_waiting(db, db_get_int(&due, i, 0), &alert);
		one = rc == ST_OK && alert != 0;
		if (one)
			rc = tell_waiting(db, alert,
			    db_get_int(&due, i, 1), db_get_int(&due, i, 3),
			    db_get_int(&due, i, 2));
		if (own) {
			if (rc == ST_OK)
				rc = db_commit(db);
			else
				db_rollback(db);
		}
		if (rc == ST_OK && one && raised != NULL)
			(*raised)++;
	}
	db_res_release(&due);
	return rc;
}

st_rc
alerts_partners_changed(struct db *db, unsigned *raised)
{
	st_rc rc;

	if (raised != NULL)
		*raised = 0;
	if ((rc = db_exec(db, STMT_ALERT_CLEAR_ENDED, NULL, 0, NULL, NULL)) !=
	    ST_OK)
		return rc;
	return all_waiting(db, 0, raised);
}

/* Raise or clear one partner's failing alert by its latest attempts. */
static st_rc
partner(const struct conf *cfg, struct db *db, long long id,
    unsigned *raised)
{
	const char *outcomes[TREND_MAX];
	unsigned after = cfg->partner_failing_after;
	struct db_val p[2];
	struct db_res res, lock, open;
	unsigned long long alert = 0;
	enum alert_trend trend;
	size_t i;
	st_rc rc;

	if (after > TREND_MAX)
		after = TREND_MAX;
	p[0] = DV_INT(id);
	p[1] = DV_INT(after > 0 ? after : 1);
	if ((rc = db_query(db, STMT_PARTNER_RECENT_OUTCOMES, p, 2, TREND_MAX,
	    &res)) != ST_OK)
		return rc;
	for (i = 0; i < res.nrows; i++)
		outcomes[i] = db_get(&res, i, 0);
	trend = alerts_partner_trend(outcomes, res.nrows, after);
	db_res_release(&res);
	if (trend == AT_KEEP)
		return ST_OK;
	if (trend == AT_RECOVERED)
		return db_exec(db, STMT_ALERT_CLEAR_PARTNER, p, 1, NULL, NULL);
	/* Under the partner's row lock, so two notify processes raise it
	 * once between them. */
	if ((rc = db_begin(db)) != ST_OK)
		return rc;
	if ((rc = db_query(db, STMT_PARTNER_LOCK, p, 1, 1, &lock)) != ST_OK) {
		db_rollback(db);
		return rc;
	}
	db_res_release(&lock);
	if ((rc = db_query(db, STMT_ALERT_PARTNER_OPEN, p, 1, 10, &open)) !=
	    ST_OK) {
		db_rollback(db);
		return rc;
	}
	i = open.nrows;
	db_res_release(&open);
	if (i > 0) {
		db_rollback(db);
		return ST_OK;
	}
	rc = db_exec(db, STMT_ALERT_RAISE_PARTNER, p, 1, NULL, &alert);
	if (rc == ST_OK)
		rc = tell_admins(db, "partner.failing", alert);
	if (rc == ST_OK)
		rc = db_commit(db);
	else
		db_rollback(db);
	if (rc == ST_OK) {
		log_warn("notify: partner %lld is failing: its last %u "
		    "attempts failed", id, after);
		(*raised)++;
	}
	return rc;
}

st_rc
alerts_sweep(const struct conf *cfg, struct db *db, unsigned *raised)
{
	struct db_res partners;
	size_t i;
	st_rc rc;

	*raised = 0;
	rc = notices(cfg, db, 1, raised);
	if (rc == ST_OK)
		rc = notices(cfg, db, 0, raised);
	/* What was acknowledged, retried or cancelled meanwhile, or got a
	 * partner to take it. */
	if (rc == ST_OK)
		rc = db_exec(db, STMT_ALERT_CLEAR_ENDED, NULL, 0, NULL, NULL);
	/* Notices left with nobody to take them by what raised no alert at
	 * once (an administrator's SQL). */
	if (rc == ST_OK)
		rc = all_waiting(db, 1, raised);
	if (rc == ST_OK && (rc = db_query(db, STMT_PARTNER_IDS, NULL, 0,
	    10000, &partners)) == ST_OK) {
		for (i = 0; i < partners.nrows && rc == ST_OK; i++)
			rc = partner(cfg, db, db_get_int(&partners, i, 0),
			    raised);
		db_res_release(&partners);
	}
	return rc;
}
