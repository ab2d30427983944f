/* casesweep.c: findings by the calendar (see casesweep.h). */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "access.h"
#include "caselog.h"
#include "casesweep.h"
#include "dates.h"
#include "i18n.h"
#include "log.h"

static st_rc
concerns(struct db *db, const char *today, unsigned *found)
{
	struct db_val p[1];
	struct db_res res;
	struct evmsg m;
	size_t i;
	st_rc rc;

	p[0] = DV_STR(today);
	if ((rc = db_query(db, STMT_CONCERN_OVERDUE, p, 1, 500, &res)) != ST_OK)
		return rc;
	for (i = 0; i < res.nrows && rc == ST_OK; i++) {
		long long id = db_get_int(&res, i, 0);

		if ((rc = db_begin(db)) != ST_OK)
			break;
		p[0] = DV_INT(id);
		rc = db_exec(db, STMT_CONCERN_FLAG, p, 1, NULL, NULL);
		evmsg_init(&m, N_("The deadline to decide has passed: close the concern, or choose level 1, 2 or 3."));
		if (rc == ST_OK)
			rc = caselog_event_msg(db, 0, 0, id, "system",
			    "deadline", &m, NULL, NULL, 0);
		if (rc == ST_OK)
			rc = caselog_notice(db, "concern.overdue", 0,
			    db_get_int(&res, i, 1), NULL, id, 0);
		if (rc == ST_OK)
			rc = caselog_notice(db, "concern.overdue",
			    db_get_int(&res, i, 2), 0, NULL, id, 0);
		if (rc == ST_OK)
			rc = db_commit(db);
		else
			db_rollback(db);
		(*found)++;
	}
	db_res_release(&res);
	return rc;
}

static st_rc
measures(struct db *db, const char *today, unsigned *found)
{
	struct db_val p[1];
	struct db_res res;
	struct evmsg m;
	size_t i;
	st_rc rc;

	p[0] = DV_STR(today);
	if ((rc = db_query(db, STMT_MEASURE_OVERDUE, p, 1, 500, &res)) != ST_OK)
		return rc;
	for (i = 0; i < res.nrows && rc == ST_OK; i++) {
		long long log = db_get_int(&res, i, 1);
		long long resp = db_get_int(&res, i, 2);
		long long holder = db_get_int(&res, i, 3);

		if ((rc = db_begin(db)) != ST_OK)
			break;
		rc = caselog_lock(db, log);
		p[0] = DV_INT(db_get_int(&res, i, 0));
		if (rc == ST_OK)
			rc = db_exec(db, STMT_MEASURE_FLAG, p, 1, NULL, NULL);
		evmsg_init(&m, N_("The evaluation of a measure is overdue."));
		if (rc == ST_OK)
			rc = caselog_event_msg_open(db, 0, log, 0, "system",
			    "measure", &m, "measure", db_get(&res, i, 4), 0);
		if (rc == ST_OK)
			rc = caselog_notice(db, "measure.overdue", 0, resp,
			    NULL, 0, log);
		if (rc == ST_OK && holder != resp)
			rc = caselog_notice(db, "measure.overdue", 0, holder,
			    NULL, 0, log);
		if (rc == ST_OK)
			rc = db_commit(db);
		else
			db_rollback(db);
		(*found)++;
	}
	db_res_release(&res);
	return rc;
}

static st_rc
consents(struct db *db, const char *today, unsigned *found)
{
	struct db_val p[1];
	struct db_res res, lock;
	struct evmsg m;
	size_t i;
	st_rc rc;

	p[0] = DV_STR(today);
	if ((rc = db_query(db, STMT_CONSENT_EXPIRED, p, 1, 500, &res)) != ST_OK)
		return rc;
	for (i = 0; i < res.nrows && rc == ST_OK; i++) {
		long long log = db_get_int(&res, i, 1);

		if ((rc = db_begin(db)) != ST_OK)
			break;
		p[0] = DV_INT(log);
		if ((rc = db_query(db, STMT_LOG_LOCK, p, 1, 1, &lock)) !=
		    ST_OK) {
			db_rollback(db);
			break;
		}
		p[0] = DV_INT(db_get_int(&res, i, 0));
		rc = db_exec(db, STMT_CONSENT_MARK_EXPIRED, p, 1, NULL, NULL);
		if (rc == ST_OK && lock.nrows == 1 &&
		    strcmp(db_get(&lock, 0, 0), "open") == 0) {
			evmsg_init(&m, N_("The consent has expired: sharing with the services it named has stopped."));
			rc = caselog_event_msg(db, 0, log, 0, "system",
			    "consent", &m, "consent", db_get(&res, i, 2), 0);
			if (rc == ST_OK)
				rc = caselog_consent_ended(db, log,
				    db_get_int(&lock, 0, 3),
				    db_get_int(&lock, 0, 1),
				    _("consent expired"), "consent_expired");
		}
		db_res_release(&lock);
		if (rc == ST_OK)
			rc = db_commit(db);
		else
			db_rollback(db);
		(*found)++;
	}
	db_res_release(&res);
	return rc;
}

/* The citizens told with the holder: guardians with parental
 * responsibility, and the youth when old enough to see the log. */
static st_rc
tell_citizens(struct db *db, long long log, long long child,
    const char *birth, const char *today)
{
	long long ids[CASELOG_FAMILY_MAX];
	size_t i, n;
	st_rc rc;

	if ((rc = caselog_family(db, child, birth, today, ids,
	    CASELOG_FAMILY_MAX, &n)) != ST_OK)
		return rc;
	for (i = 0; i < n && rc == ST_OK; i++)
		rc = caselog_notice(db, "consent.expiring", 0, ids[i], NULL, 0,
		    log);
	return rc;
}

/*
 * The rows of query (today, today, days, days: the window is the
 * municipality's days, or these), each told once:
 * in its own transaction, mark (the row's id, column 0) must change it,
 * which it does only for the first notify process to get there, and
 * then tell writes the notices.
 */
static st_rc
once_each(struct db *db, enum stmt_id query, enum stmt_id mark, unsigned days,
    st_rc (*tell)(struct db *, const struct db_res *, size_t,
    const char *), unsigned *found)
{
	char today[DATE_SIZE];
	struct db_val p[4];
	struct db_res res;
	size_t i;
	st_rc rc;

	*found = 0;
	dates_today(today);
	p[0] = p[1] = DV_STR(today);
	p[2] = p[3] = DV_INT(days);
	if ((rc = db_query(db, query, p, 4, 500, &res)) != ST_OK)
		return rc;
	for (i = 0; i < res.nrows && rc == ST_OK; i++) {
		unsigned long long n = 0;

		if ((rc = db_begin(db)) != ST_OK)
			break;
		rc = caselog_lock(db, db_get_int(&res, i, 1));
		p[0] = DV_INT(db_get_int(&res, i, 0));
		if (rc == ST_OK)
			rc = db_exec(db, mark, p, 1, &n, NULL);
		if (rc == ST_OK && n == 1)
			rc = tell(db, &res, i, today);
		if (rc == ST_OK)
			rc = db_commit(db);
		else
			db_rollback(db);
		if (n == 1)
			(*found)++;
	}
	db_res_release(&res);
	return rc;
}

/* A consent expiring (STMT_CONSENT_EXPIRING's row i): the holder, and
 * the guardians and the youth. */
static st_rc
tell_expiring(struct db *db, const struct db_res *res, size_t i,
    const char *today)
{
	long long log = db_get_int(res, i, 1);
	st_rc rc;

	rc = caselog_notice(db, "consent.expiring", 0, db_get_int(res, i, 2),
	    NULL, 0, log);
	if (rc == ST_OK)
		rc = tell_citizens(db, log, db_get_int(res, i, 3),
		    db_get(res, i, 4), today);
	return rc;
}

st_rc
casesweep_expiring(struct db *db, unsigned days, unsigned *found)
{
	return once_each(db, STMT_CONSENT_EXPIRING, STMT_CONSENT_MARK_WARNED,
	    days, tell_expiring, found);
}

/* A measure to evaluate soon (STMT_MEASURE_SOON's row i): the person
 * responsible for it. */
static st_rc
tell_soon(struct db *db, const struct db_res *res, size_t i,
    const char *today)
{
	(void)today;
	return caselog_notice(db, "measure.soon", 0, db_get_int(res, i, 2),
	    NULL, 0, db_get_int(res, i, 1));
}

st_rc
casesweep_reminders(struct db *db, unsigned days, unsigned *found)
{
	return once_each(db, STMT_MEASURE_SOON, STMT_MEASURE_MARK_REMINDED,
	    days, tell_soon, found);
}

st_rc
casesweep_run(struct db *db, unsigned *found)
{
	char today[DATE_SIZE];
	st_rc rc;

	*found = 0;
	dates_today(today);
	if ((rc = concerns(db, today, found)) != ST_OK)
		return rc;
	if ((rc = measures(db, today, found)) != ST_OK)
		return rc;
	return consents(db, today, found);
}
