/* h_handover.c: a handover of the baton: the request, and its
 * acceptance, refusal or withdrawal, in the browser and the API. */
#include "config.h"

#include <string.h>

#include "audit.h"
#include "caselog.h"
#include "db.h"
#include "handlers.h"
#include "i18n.h"
#include "labels.h"
#include "logview.h"
#include "route.h"
#include "view.h"
#include "worker.h"

/* Columns of HANDOVER_COLS. */
enum { HC_ID, HC_PUBLIC_ID, HC_LOG, HC_FROM, HC_TO, HC_STATUS, HC_REASON,
	HC_ANSWER, HC_CREATED, HC_DECIDED, HC_FROM_NAME, HC_TO_NAME,
	HC_TO_PID, HC_LOG_PID, HC_REFERENCE, HC_REQUESTED_BY, HC_SUBMISSION };

/*
 * The handover named by r->arg and its log. Those who may read the log
 * see the request with the log's head (*ok = 1, l loaded); the proposed
 * holder sees the request alone while a consent covers them (*ok = 2):
 * they need to know what they are asked to take over
 * (access_handover_read). Anyone else is answered as if there were no
 * such handover. *ok = 0: the answer is set.
 */
static st_rc
load(struct req *r, struct db_res *res, struct caselog *l, int *ok)
{
	struct db_val p[1];
	int found, log_too;
	st_rc rc;

	*ok = 0;
	if (!secure_is_id(r->arg))
		return resp_not_found(r);
	p[0] = DV_STR(r->arg);
	if ((rc = db_query(&r->w->db, STMT_HANDOVER_GET, p, 1, 1, res)) !=
	    ST_OK)
		return rc;
	if (res->nrows == 0) {
		db_res_release(res);
		return resp_not_found(r);
	}
	if ((rc = caselog_peek_id(r, db_get_int(res, 0, HC_LOG), l,
	    &found)) != ST_OK) {
		db_res_release(res);
		return rc;
	}
	if (!found || !access_handover_read(&r->who, &l->facts,
	    db_get_int(res, 0, HC_TO), &log_too)) {
		if (found)
			caselog_release(l);
		db_res_release(res);
		return resp_not_found(r);
	}
	if (log_too) {
		*ok = 1;
		rc = audit_log_as(r, caselog_role(l, r), "read", "log", l->id,
		    l->child_id);
	} else {
		caselog_release(l);
		*ok = 2;
		rc = audit_log_as(r, "proposed holder", "read", "handover",
		    db_get_int(res, 0, HC_ID), 0);
	}
	if (rc != ST_OK) {
		if (*ok == 1)
			caselog_release(l);
		db_res_release(res);
		*ok = 0;
	}
	return rc;
}

/* The handover page with status; a refused answer names its field. */
static st_rc
handover_page(struct req *r, int status, const char *field,
    const char *message)
{
	struct db_res res;
	struct caselog l;
	xmlNodePtr root, h, e;
	int ok;
	st_rc rc;

	if ((rc = load(r, &res, &l, &ok)) != ST_OK || !ok)
		return rc;
	root = req_is_api(r) ? view_doc(r, "relay") : view_page(r, "handover");
	if (ok == 1)
		(void)logview_head(r, &l, root);
	h = view_el(root, "handover", db_get(&res, 0, HC_REASON));
	logview_handover_attrs(h, &res, 0);
	if (db_get_int(&res, 0, HC_TO) == r->who.user_id)
		view_attr(h, "to-me", "true");
	if (db_get_int(&res, 0, HC_FROM) == r->who.user_id ||
	    db_get_int(&res, 0, HC_REQUESTED_BY) == r->who.user_id)
		view_attr(h, "mine", "true");
	db_res_release(&res);
	if (ok == 1)
		caselog_release(&l);
	if (field != NULL) {
		e = view_el(root, "error", message);
		view_attr(e, "field", field);
		if (req_input(r, "reason") != NULL) {
			e = view_el(root, "typed", req_input(r, "reason"));
			view_attr(e, "name", "reason");
		}
	}
	return view_send(r, status, root);
}

/* ROUTE: GET /handovers/{id} */
/* ROUTE: GET /api/v1/handovers/{id} */
st_rc
h_handover_show(struct req *r)
{
	return handover_page(r, 200, NULL, NULL);
}

/*
 * Decide a pending handover: accept (only the proposed holder; the
 * baton moves in the same transaction, and only if the holder is still
 * the one who asked), refuse (the proposed holder, with a reason), or
 * withdraw (the holder or whoever asked). Two answers at once: the
 * first wins; the other gets 409 and nothing is half-written.
 */
static st_rc
decide(struct req *r, const char *what)
{
	const char *answer = req_input(r, "reason");
	struct db *db = &r->w->db;
	struct db_res res, lock;
	struct evmsg m;
	const char *to_name, *from_name;
	struct db_val p[4];
	unsigned long long n = 0;
	long long id, log_id, from, to, sub_id, child = 0;
	char log_pid[SECURE_ID_SIZE], loc[96], kind[32];
	int accept = strcmp(what, "accepted") == 0;
	int refuse = strcmp(what, "refused") == 0;
	st_rc rc;

	/* Whoever may not see the handover is told nothing about it. */
	{
		struct caselog seen;
		int ok;

		if ((rc = load(r, &res, &seen, &ok)) != ST_OK || !ok)
			return rc;
		if (ok == 1)
			caselog_release(&seen);
	}
	id = db_get_int(&res, 0, HC_ID);
	log_id = db_get_int(&res, 0, HC_LOG);
	from = db_get_int(&res, 0, HC_FROM);
	to = db_get_int(&res, 0, HC_TO);
	sub_id = db_get_int(&res, 0, HC_SUBMISSION);
	snprintf(log_pid, sizeof(log_pid), "%s", db_get(&res, 0, HC_LOG_PID));
	if ((accept || refuse) && to != r->who.user_id) {
		db_res_release(&res);
		return resp_error(r, 403, _("Only the proposed holder can accept or refuse the handover."));
	}
	if (!accept && !refuse && from != r->who.user_id &&
	    db_get_int(&res, 0, HC_REQUESTED_BY) != r->who.user_id) {
		db_res_release(&res);
		return resp_error(r, 403, _("Only the holder or whoever asked can withdraw the handover."));
	}
	if (strcmp(db_get(&res, 0, HC_STATUS), "pending") != 0) {
		db_res_release(&res);
		return caselog_conflict(r, _("The handover has already been answered or withdrawn."));
	}
	if (refuse && (answer == NULL || *answer == '\0' ||
	    strlen(answer) > 2000)) {
		db_res_release(&res);
		if (req_is_api(r))
			return resp_error(r, 422, _("Say why you refuse (at most 2000 characters)."));
		return handover_page(r, 422, "reason",
		    _("Say why you refuse (at most 2000 characters)."));
	}
	/* the names outlive res, which is released before the event */
	to_name = pool_strdup(&r->pool, db_get(&res, 0, HC_TO_NAME));
	from_name = pool_strdup(&r->pool, db_get(&res, 0, HC_FROM_NAME));
	if (accept) {
		evmsg_init(&m, N_("{0} accepted the handover and now holds the relay log (from {1})."));
		evmsg_name(&m, to_name);
		evmsg_name(&m, from_name);
	} else if (refuse) {
		evmsg_init(&m, N_("{0} refused the handover: {1}. {2} still holds the relay log."));
		evmsg_name(&m, to_name);
		evmsg_text(&m, label_unstop(&r->pool, answer),
		    evmsg_typed_lang(r));
		evmsg_name(&m, from_name);
	} else {
		evmsg_init(&m, N_("The handover to {0} was withdrawn."));
		evmsg_name(&m, to_name);
	}
	db_res_release(&res);
	if (accept) {
		/* Consent must still cover the new holder: their unit is
		 * the log's own, or a valid consent names it (and them). */
		struct caselog l;
		int found, covered;

		if ((rc = caselog_peek_id(r, log_id, &l, &found)) != ST_OK)
			goto out;
		covered = found && l.facts.covered;
		child = found ? l.child_id : 0;
		if (found)
			caselog_release(&l);
		if (!covered) {
			rc = caselog_conflict(r, _("The guardians' consent no longer covers your service, so you cannot take over. The holder must record a consent that covers it first."));
			goto out;
		}
	}
	if ((rc = db_begin(db)) != ST_OK)
		goto out;
	p[0] = DV_INT(log_id);
	if ((rc = db_query(db, STMT_LOG_LOCK, p, 1, 1, &lock)) != ST_OK)
		goto fail;
	if (lock.nrows != 1 || strcmp(db_get(&lock, 0, 0), "open") != 0 ||
	    db_get_int(&lock, 0, 1) != from) {
		db_res_release(&lock);
		db_rollback(db);
		rc = caselog_conflict(r, _("The relay log has changed since the handover was asked for (it was closed or handed to someone else)."));
		goto out;
	}
	db_res_release(&lock);
	p[0] = DV_STR(what);
	p[1] = DV_OPT(refuse ? answer : NULL);
	p[2] = DV_INT(id);
	if ((rc = db_exec(db, STMT_HANDOVER_DECIDE, p, 3, &n, NULL)) != ST_OK)
		goto fail;
	if (n == 0) {
		db_rollback(db);
		rc = caselog_conflict(r, _("The handover has already been answered or withdrawn."));
		goto out;
	}
	if (accept) {
		p[0] = DV_INT(to);
		p[1] = DV_INT(log_id);
		p[2] = DV_INT(from);
		if ((rc = db_exec(db, STMT_LOG_SET_HOLDER, p, 3, &n, NULL)) !=
		    ST_OK)
			goto fail;
		if (n == 0) {
			rc = ST_E_CONFLICT;
			goto fail;
		}
		/* The old holder goes on taking part, within consent. */
		p[0] = DV_INT(log_id);
		p[1] = DV_INT(from);
		p[2] = DV_INT(r->who.user_id);
		rc = db_exec(db, STMT_PART_INSERT, p, 3, NULL, NULL);
		if (rc == ST_E_CONFLICT)
			rc = ST_OK;
		/* ... and the new one holds, not takes part */
		if (rc == ST_OK) {
			p[0] = DV_STR(_("now the holder"));
			p[1] = DV_INT(log_id);
			p[2] = DV_INT(to);
			rc = db_exec(db, STMT_PART_REMOVE, p, 3, NULL, NULL);
		}
		/* partners with the log's notices are told who holds it */
		if (rc == ST_OK)
			rc = caselog_partner_handover(db, log_id, sub_id);
		if (rc != ST_OK)
			goto fail;
	}
	snprintf(kind, sizeof(kind), "%s", accept ? "holder" : "handover");
	if ((rc = caselog_event_msg(db, r->who.user_id, log_id, 0,
	    accept || refuse ? "proposed holder" : "holder", kind, &m,
	    "handover", r->arg, 0)) != ST_OK)
		goto fail;
	if ((rc = caselog_notice(db, accept ? "handover.accepted" :
	    refuse ? "handover.refused" : "handover.withdrawn", 0,
	    accept || refuse ? from : to, NULL, 0, log_id)) != ST_OK)
		goto fail;
	if ((rc = audit_log_as(r, accept ? "holder" : "proposed holder",
	    "update", "handover", id, child)) != ST_OK)
		goto fail;
	if ((rc = db_commit(db)) != ST_OK)
		goto out;
	snprintf(loc, sizeof(loc), "%s/%s/%s", req_is_api(r) ? "/api/v1" : "",
	    accept ? "logs" : "handovers", accept ? log_pid : r->arg);
	rc = resp_done_note(r, 200, loc, accept ? "handover-accepted" :
	    refuse ? "handover-refused" : "handover-withdrawn");
	goto out;
fail:
	db_rollback(db);
	if (rc == ST_E_CONFLICT)
		rc = caselog_conflict(r, _("Someone else changed this at the same time. Open it again and check before you try again."));
out:
	return rc;
}

/* ROUTE: POST /handovers/{id}/accept */
/* ROUTE: POST /api/v1/handovers/{id}/accept */
st_rc
h_handover_accept(struct req *r)
{
	return decide(r, "accepted");
}

/* ROUTE: POST /handovers/{id}/refuse */
/* ROUTE: POST /api/v1/handovers/{id}/refuse */
st_rc
h_handover_refuse(struct req *r)
{
	return decide(r, "refused");
}

/* ROUTE: POST /handovers/{id}/withdraw */
/* ROUTE: POST /api/v1/handovers/{id}/withdraw */
st_rc
h_handover_withdraw(struct req *r)
{
	return decide(r, "cancelled");
}
