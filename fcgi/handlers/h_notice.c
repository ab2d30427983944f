/* h_notice.c: a notice to a partner, as the person who sent it sees it.
 *
 * Recording that a delivered notice arrived, when the partner confirmed
 * it some other way than with a receipt (on the phone, say). Until then
 * the sender is alerted on the start page once the receipt is late
 * (alerts.c), and a partner that never sends receipts would keep that
 * alert there for good.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "access.h"
#include "audit.h"
#include "caselog.h"
#include "dates.h"
#include "db.h"
#include "handlers.h"
#include "i18n.h"
#include "principal.h"
#include "route.h"
#include "view.h"
#include "worker.h"

/* The most a person writes about how the arrival was confirmed. */
#define HOW_MAX	500

/* Columns of STMT_NOTICE_SENT_GET. */
enum { NS_ID, NS_PID, NS_KIND, NS_STATUS, NS_SENDER, NS_LOG, NS_CONCERN,
	NS_CHILD, NS_HOLDER, NS_PARTNER, NS_DELIVERED,
	NS_LOG_PID, NS_LOG_REF, NS_CONCERN_PID, NS_CONCERN_REF,
	NS_MUNICIPALITY };

/*
 * The notice in r->arg, if the user may record that it arrived: they
 * hold the relay log it belongs to, or they sent it and may still read
 * that log (the confirmation is written in it). Anyone else is answered
 * as if there were no such notice, or, a sender who lost access to the
 * log, as the log answers them. *found is 0 when the answer has been
 * sent.
 */
static st_rc
load(struct req *r, struct db_res *res, int *found)
{
	struct db_val p[1];
	long long me = r->who.user_id;
	st_rc rc;

	*found = 0;
	p[0] = DV_STR(r->arg);
	if ((rc = db_query(&r->w->db, STMT_NOTICE_SENT_GET, p, 1, 1, res)) !=
	    ST_OK)
		return rc;
	/* A notice of another municipality's case (its partner's): not
	 * there, whoever sent it or holds the log (someone who has moved to
	 * another municipality since). */
	if (res->nrows == 1 && !access_municipality(&r->who,
	    db_get_int(res, 0, NS_MUNICIPALITY))) {
		db_res_release(res);
		return resp_not_found(r);
	}
	if (res->nrows == 1 && me != 0 && db_get(res, 0, NS_LOG) != NULL &&
	    db_get_int(res, 0, NS_HOLDER) == me) {
		*found = 1;
		return ST_OK;
	}
	if (res->nrows == 1 && me != 0 && db_get_int(res, 0, NS_SENDER) == me) {
		struct caselog l;
		int ok = 1;

		if (db_get(res, 0, NS_LOG_PID) != NULL) {
			if ((rc = caselog_load(r, db_get(res, 0, NS_LOG_PID),
			    LR_READ, &l, &ok)) != ST_OK) {
				db_res_release(res);
				return rc;
			}
			if (ok)
				caselog_release(&l);
		}
		if (!ok) {
			db_res_release(res);
			return ST_OK;
		}
		*found = 1;
		return ST_OK;
	}
	db_res_release(res);
	return resp_not_found(r);
}

/* The page: what the notice was and where it went, and the form. */
static st_rc
confirm_page(struct req *r, const struct db_res *res, int status,
    const char *error)
{
	char local[LOCAL_TIME_SIZE];
	xmlNodePtr root, n, e;

	root = view_page(r, "notice");
	n = view_el(root, "notice", NULL);
	view_attr(n, "id", db_get(res, 0, NS_PID));
	view_attr(n, "kind", db_get(res, 0, NS_KIND));
	view_attr(n, "status", db_get(res, 0, NS_STATUS));
	view_attr(n, "partner-name", db_get(res, 0, NS_PARTNER));
	if (db_get(res, 0, NS_DELIVERED) != NULL) {
		dates_local(local, db_get(res, 0, NS_DELIVERED));
		view_attr(n, "delivered", local);
	}
	if (db_get(res, 0, NS_LOG_PID) != NULL) {
		view_attr(n, "log", db_get(res, 0, NS_LOG_PID));
		view_attr(n, "reference", db_get(res, 0, NS_LOG_REF));
	} else if (db_get(res, 0, NS_CONCERN_PID) != NULL) {
		view_attr(n, "concern", db_get(res, 0, NS_CONCERN_PID));
		view_attr(n, "reference", db_get(res, 0, NS_CONCERN_REF));
	}
	if (error != NULL) {
		e = view_el(root, "error", error);
		view_attr(e, "field", "how");
		view_typed(r, root, "action", "confirm");
	}
	return view_send(r, status, root);
}

/* ROUTE: GET /notices/{id}/confirm */
st_rc
h_notice_confirm_form(struct req *r)
{
	struct db_res res;
	int found;
	st_rc rc;

	if ((rc = load(r, &res, &found)) != ST_OK || !found)
		return rc;
	rc = confirm_page(r, &res, 200, NULL);
	db_res_release(&res);
	return rc;
}

/*
 * In one transaction: the notice becomes acknowledged (only while it is
 * delivered and waiting: anything else, a receipt that came first
 * included, is a 409 and changes nothing), its alert is cleared, the
 * case's timeline says who confirmed it and how, and the audit has the
 * change. A closed relay log is not written to.
 */
/* ROUTE: POST /notices/{id}/confirm */
/* ROUTE: POST /api/v1/notices/{id}/confirm */
st_rc
h_notice_confirm(struct req *r)
{
	const char *how = req_input(r, "how");
	struct db *db = &r->w->db;
	struct db_val p[1];
	struct db_res res;
	struct evmsg m;
	unsigned long long n = 0;
	long long id, log_id, concern_id;
	char loc[96];
	int found;
	st_rc rc;

	if ((rc = load(r, &res, &found)) != ST_OK || !found)
		return rc;
	id = db_get_int(&res, 0, NS_ID);
	log_id = db_get_int(&res, 0, NS_LOG);
	concern_id = db_get_int(&res, 0, NS_CONCERN);
	if (how == NULL || *how == '\0' || strlen(how) > HOW_MAX) {
		const char *msg = _("Write how you know it has arrived, in at most 500 characters.");

		if (req_is_api(r))
			rc = view_send_field_error(r, 422, "how", msg);
		else
			rc = confirm_page(r, &res, 422, msg);
		goto out;
	}
	evmsg_init(&m, N_("{0} has received the notice: {1}"));
	evmsg_name(&m, db_get(&res, 0, NS_PARTNER));
	evmsg_text(&m, how, evmsg_typed_lang(r));
	if ((rc = db_begin(db)) != ST_OK)
		goto out;
	/* Changes to a log queue on its row (STMT_LOG_LOCK): a log closed
	 * meanwhile is seen closed here, and nothing is written to it. */
	if (log_id != 0) {
		struct db_res lock;
		int open;

		p[0] = DV_INT(log_id);
		if ((rc = db_query(db, STMT_LOG_LOCK, p, 1, 1, &lock)) !=
		    ST_OK) {
			db_rollback(db);
			goto out;
		}
		open = lock.nrows == 1 && strcmp(db_get(&lock, 0, 0),
		    "open") == 0;
		db_res_release(&lock);
		if (!open) {
			db_rollback(db);
			rc = resp_error(r, 409, _("The relay log is closed: nothing more can be added to it."));
			goto out;
		}
	}
	p[0] = DV_INT(id);
	rc = db_exec(db, STMT_NOTICE_CONFIRM, p, 1, &n, NULL);
	if (rc == ST_OK && n == 0) {
		db_rollback(db);
		rc = resp_error(r, 409, _("The notice is not waiting for a confirmation: the partner may have answered it already. Reload the page."));
		goto out;
	}
	if (rc == ST_OK)
		rc = db_exec(db, STMT_ALERT_CLEAR_NOTICE, p, 1, NULL, NULL);
	if (rc == ST_OK)
		rc = audit_log(r, "update", "notice", id,
		    db_get_int(&res, 0, NS_CHILD));
	if (rc == ST_OK)
		rc = caselog_event_msg(db, r->who.user_id, log_id,
		    log_id != 0 ? 0 : concern_id,
		    log_id != 0 && db_get_int(&res, 0, NS_HOLDER) ==
		    r->who.user_id ? "holder" : role_name(r->who.role),
		    "notice", &m, "notice", db_get(&res, 0, NS_PID), 0);
	if (rc == ST_OK)
		rc = db_commit(db);
	if (rc != ST_OK) {
		db_rollback(db);
		goto out;
	}
	/* A browser goes back to the case; an API client is told where the
	 * notice is listed. */
	if (db_get(&res, 0, NS_LOG_PID) != NULL)
		snprintf(loc, sizeof(loc), "%s/logs/%s%s%s", req_is_api(r) ?
		    "/api/v1" : "", db_get(&res, 0, NS_LOG_PID),
		    req_is_api(r) ? "" : "#notice-",
		    req_is_api(r) ? "" : db_get(&res, 0, NS_PID));
	else if (db_get(&res, 0, NS_CONCERN_PID) != NULL)
		snprintf(loc, sizeof(loc), "%s/concerns/%s", req_is_api(r) ?
		    "/api/v1" : "", db_get(&res, 0, NS_CONCERN_PID));
	else
		snprintf(loc, sizeof(loc), "/");
	rc = resp_done(r, 200, loc);
out:
	db_res_release(&res);
	return rc;
}
