/* casenotice.c: handover notices and cancellations to the partner that
 * had a log's notice (see caselog.h). */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "caselog.h"
#include "dates.h"
#include "db.h"
#include "i18n.h"
#include "labels.h"
#include "secure.h"

/* Columns of STMT_OUTBOX_SENT_TO and STMT_OUTBOX_TO_CANCEL. */
enum { ST_PARTNER, ST_SERVICE, ST_NAME, ST_PARTNER_PID };
enum { TC_ID, TC_PARTNER, TC_CONCERN, TC_TAKES, TC_NAME, TC_KIND };

/* A message of type to partner_id, queued now; 0 for what it lacks. */
static st_rc
queue(struct db *db, const char *type, const char *service,
    long long partner_id, long long log_id, long long concern_id,
    long long submission_id, long long cancels_id, const char *reason)
{
	char pid[SECURE_ID_SIZE], idem[SECURE_TOKEN_SIZE];
	struct db_val p[11];
	st_rc rc;

	secure_random_id(pid);
	secure_token(idem);
	p[0] = DV_STR(pid);
	p[1] = DV_STR(type);
	p[2] = DV_STR(type);
	p[3] = DV_OPT(service);
	p[4] = DV_INT(partner_id);
	p[5] = log_id != 0 ? DV_INT(log_id) : DV_NULL;
	p[6] = concern_id != 0 ? DV_INT(concern_id) : DV_NULL;
	p[7] = submission_id != 0 ? DV_INT(submission_id) : DV_NULL;
	p[8] = cancels_id != 0 ? DV_INT(cancels_id) : DV_NULL;
	p[9] = DV_OPT(reason);
	p[10] = DV_STR(idem);
	if ((rc = db_exec(db, STMT_OUTBOX_ADD_PARTNER, p, 11, NULL, NULL)) !=
	    ST_OK)
		return rc;
	/* Someone to tell if it is not acknowledged or dies (alerts.c). */
	return db_exec(db, STMT_OUTBOX_SENDER_FOLLOWS, NULL, 0, NULL, NULL);
}

/* An event of the system in the log: what a partner is (or is not)
 * told. */
static st_rc
told(struct db *db, long long log_id, const struct evmsg *m,
    const char *partner_pid)
{
	/* Naming the partner lets the guardians' views leave out what a
	 * partner was told about a report withheld from them (stmt.c). */
	return caselog_event_msg(db, 0, log_id, 0, "system", "notice", m,
	    partner_pid != NULL ? "partner" : NULL, partner_pid, 0);
}

st_rc
caselog_partner_handover(struct db *db, long long log_id,
    long long submission_id)
{
	char today[DATE_SIZE];
	struct evmsg m;
	struct db_val p[3];
	struct db_res res;
	size_t i;
	st_rc rc;

	dates_today(today);
	p[0] = DV_INT(log_id);
	p[1] = DV_STR(today);
	p[2] = DV_STR(today);
	if ((rc = db_query(db, STMT_OUTBOX_SENT_TO, p, 3, 1000, &res)) !=
	    ST_OK)
		return rc;
	for (i = 0; i < res.nrows && rc == ST_OK; i++) {
		/* The service decides the right to send at send time, as
		 * for the notice before it. */
		rc = queue(db, "handover", db_get(&res, i, ST_SERVICE),
		    db_get_int(&res, i, ST_PARTNER), log_id, 0, submission_id,
		    0, NULL);
		evmsg_init(&m, N_("{0} is told who holds the relay log now (a handover notice)."));
		evmsg_name(&m, db_get(&res, i, ST_NAME));
		if (rc == ST_OK)
			rc = told(db, log_id, &m,
			    db_get(&res, i, ST_PARTNER_PID));
	}
	db_res_release(&res);
	return rc;
}

st_rc
caselog_partner_cancel(struct db *db, long long log_id,
    long long home_unit_id, const char *reason)
{
	char today[DATE_SIZE];
	struct evmsg m;
	struct db_val p[5];
	struct db_res res;
	size_t i;
	st_rc rc;

	dates_today(today);
	p[0] = DV_INT(log_id);
	p[1] = DV_INT(strcmp(reason, "log_closed") == 0);
	p[2] = DV_INT(home_unit_id);
	p[3] = DV_STR(today);
	p[4] = DV_STR(today);
	if ((rc = db_query(db, STMT_OUTBOX_TO_CANCEL, p, 5, 1000, &res)) !=
	    ST_OK)
		return rc;
	for (i = 0; i < res.nrows && rc == ST_OK; i++) {
		int takes = db_get_int(&res, i, TC_TAKES) != 0;

		evmsg_init(&m, takes ?
		    N_("{0} is told that the {1} it received is withdrawn ({2}).") :
		    N_("{0} takes no cancellations: tell it another way that the {1} it received is withdrawn ({2})."));
		evmsg_name(&m, db_get(&res, i, TC_NAME));
		evmsg_code(&m, EVARG_NOTICE_KIND, db_get(&res, i, TC_KIND));
		evmsg_code(&m, EVARG_CANCEL_REASON, reason);
		/* No service: the consent that is gone must not stop it. */
		if (takes)
			rc = queue(db, "cancellation", NULL,
			    db_get_int(&res, i, TC_PARTNER), log_id,
			    db_get_int(&res, i, TC_CONCERN), 0,
			    db_get_int(&res, i, TC_ID), reason);
		if (rc == ST_OK)
			rc = told(db, log_id, &m, NULL);
	}
	db_res_release(&res);
	return rc;
}
