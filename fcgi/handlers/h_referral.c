/* h_referral.c: a family referred from its relay log to a team with an
 * intake (issue 20, item 1; sql/0041_team_referral.sql): the holder
 * refers it, the team's leader takes it in (while there is room), puts
 * it on the waiting list in an order with the reason, or declines it;
 * the team's members record the weekly discussions while the family is
 * in; the holder or the team's leader ends it. Each step is in the log's
 * timeline, so the family reads it. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "access.h"
#include "audit.h"
#include "caselog.h"
#include "dates.h"
#include "db.h"
#include "evmsg.h"
#include "handlers.h"
#include "i18n.h"
#include "referral.h"
#include "route.h"
#include "team.h"
#include "utf8.h"
#include "view.h"
#include "worker.h"

/* Columns of STMT_REFERRAL_LOCK. */
enum { RK_STATUS, RK_LOG_STATUS };
/* Columns of STMT_TEAM_MEMBERS used here. */
enum { MB_NAME = 1, MB_ROLE = 3, MB_ID = 5, MB_UNIT = 7 };

static int
text_ok(const char *s)
{
	return s != NULL && *s != '\0' && utf8_chars(s) <= REFERRAL_TEXT_MAX;
}

static st_rc
done(struct req *r, const char *what, const char *pid, int status,
    const char *note)
{
	char loc[96];

	snprintf(loc, sizeof(loc), "%s/%s/%s", req_is_api(r) ? "/api/v1" :
	    "", what, pid);
	return resp_done_note(r, status, loc, note);
}

/* The referral page, with an error on field when one is given. */
static st_rc
referral_page(struct req *r, int status, const char *field,
    const char *message)
{
	struct referral_row f;
	struct db_res *res = &f.res;
	struct db_val p[1];
	struct db_res ds;
	xmlNodePtr root, n, list, d, e;
	size_t i;
	int ok;
	st_rc rc;

	if (field != NULL && req_is_api(r))
		return view_send_field_error(r, status, field, message);
	if ((rc = referral_load(r, r->arg, RF_READ, NULL, &f, &ok)) !=
	    ST_OK || !ok)
		return rc;
	root = req_is_api(r) ? view_doc(r, "referral") :
	    view_page(r, "referral");
	n = req_is_api(r) ? root : view_el(root, "referral", NULL);
	view_attr(n, "id", db_get(res, 0, RG_PID));
	view_attr(n, "status", db_get(res, 0, RG_STATUS));
	view_attr(n, "team", db_get(res, 0, RG_TEAM_NAME));
	view_attr(n, "team-id", db_get(res, 0, RG_TEAM_PID));
	view_attr(n, "log", db_get(res, 0, RG_LOG_PID));
	view_attr(n, "reference", db_get(res, 0, RG_LOG_REF));
	view_attr(n, "child", db_get(res, 0, RG_CHILD));
	view_attr(n, "referrer", db_get(res, 0, RG_REFERRER));
	view_time_attr(r, n, "referred", db_get(res, 0, RG_REFERRED));
	view_attr(n, "priority", db_get(res, 0, RG_PRIORITY));
	view_attr(n, "priority-reason", db_get(res, 0, RG_PRIORITY_REASON));
	view_attr(n, "decided-by", db_get(res, 0, RG_DECIDED_BY));
	view_time_attr(r, n, "decided", db_get(res, 0, RG_DECIDED));
	view_attr(n, "decision-note", db_get(res, 0, RG_DECISION_NOTE));
	view_time_attr(r, n, "started", db_get(res, 0, RG_STARTED));
	view_time_attr(r, n, "ended", db_get(res, 0, RG_ENDED));
	view_attr(n, "end-reason", db_get(res, 0, RG_END_REASON));
	view_el(n, "reason", db_get(res, 0, RG_REASON));
	/* the log itself, to those who read it */
	if (access_log(&r->who, &f.facts.log, LR_READ))
		view_attr(n, "can-read-log", "true");
	if (access_referral(&r->who, &f.facts, RF_DECIDE))
		view_attr(n, "can-decide", "true");
	if (access_referral(&r->who, &f.facts, RF_DISCUSS))
		view_attr(n, "can-discuss", "true");
	if (access_referral(&r->who, &f.facts, RF_END))
		view_attr(n, "can-end", "true");
	p[0] = DV_INT(f.id);
	rc = db_query(&r->w->db, STMT_DISCUSSIONS, p, 1, 500, &ds);
	referral_release(&f);
	if (rc != ST_OK)
		return rc;
	list = view_el(n, "discussions", NULL);
	for (i = 0; i < ds.nrows; i++) {
		d = view_el(list, "discussion", db_get(&ds, i, 2));
		view_attr(d, "held", db_get(&ds, i, 0));
		view_attr(d, "with-referrer", db_get_int(&ds, i, 1) ? "true" :
		    "false");
		view_attr(d, "by", db_get(&ds, i, 3));
		view_time_attr(r, d, "recorded", db_get(&ds, i, 4));
	}
	db_res_release(&ds);
	if (field != NULL) {
		e = view_el(root, "error", message);
		view_attr(e, "field", field);
		view_typed(r, root, "form", field);
	}
	return view_send(r, status, root);
}

/* ROUTE: GET /referrals/{id} */
/* ROUTE: GET /api/v1/referrals/{id} */
st_rc
h_referral_show(struct req *r)
{
	return referral_page(r, 200, NULL, NULL);
}

/* The team's leaders, each told (kind) in the caller's transaction. */
static st_rc
tell_leaders(struct req *r, long long team, const char *kind)
{
	struct db_val p[1];
	struct db_res res;
	size_t i;
	st_rc rc;

	p[0] = DV_INT(team);
	if ((rc = db_query(&r->w->db, STMT_TEAM_MEMBERS, p, 1, 500, &res)) !=
	    ST_OK)
		return rc;
	for (i = 0; rc == ST_OK && i < res.nrows; i++)
		if (strcmp(db_get(&res, i, MB_ROLE), "leader") == 0)
			rc = caselog_notice(&r->w->db, kind, 0,
			    db_get_int(&res, i, MB_ID), NULL, 0, 0);
	db_res_release(&res);
	return rc;
}

/* ROUTE: POST /logs/{id}/team-referrals */
/* ROUTE: POST /api/v1/logs/{id}/team-referrals */
st_rc
h_log_referral_add(struct req *r)
{
	const char *team = req_input(r, "team");
	const char *reason = req_input(r, "reason");
	struct caselog l;
	struct db_val p[5];
	struct db_res res;
	struct evmsg m;
	char pid[SECURE_ID_SIZE], today[DATE_SIZE], name[TEAM_NAME_BYTES];
	long long tid = 0;
	unsigned long long rid = 0;
	int ok, covered = 0;
	st_rc rc;

	if ((rc = caselog_load(r, r->arg, LR_MANAGE, &l, &ok)) != ST_OK ||
	    !ok)
		return rc;
	dates_today(today);
	if (team != NULL && secure_is_id(team)) {
		p[0] = DV_INT(l.id);
		p[1] = DV_STR(today);
		p[2] = DV_STR(team);
		p[3] = DV_INT(l.facts.municipality_id);
		if ((rc = db_query(&r->w->db, STMT_REFERRAL_TEAM_FOR_LOG, p, 4,
		    1, &res)) != ST_OK)
			goto out;
		if (res.nrows == 1) {
			tid = db_get_int(&res, 0, 0);
			snprintf(name, sizeof(name), "%s", db_get(&res, 0, 1));
			covered = db_get_int(&res, 0, 2) != 0;
		}
		db_res_release(&res);
	}
	if (tid == 0) {
		rc = log_page_error(r, &l, "referral", "team",
		    _("Choose one of the teams listed."));
		goto out;
	}
	/* the family agreed to share with the team: its consent names the
	 * team's unit */
	if (!covered) {
		rc = log_page_error(r, &l, "referral", "team",
		    _("No valid consent names the team’s unit. Ask the guardians for a consent that names it first."));
		goto out;
	}
	if (!text_ok(reason)) {
		rc = log_page_error(r, &l, "referral", "reason",
		    _("Say why the family is referred (at most 4000 characters)."));
		goto out;
	}
	if ((rc = log_begin_change(r, &l, &ok)) != ST_OK || !ok)
		goto out;
	secure_random_id(pid);
	p[0] = DV_STR(pid);
	p[1] = DV_INT(tid);
	p[2] = DV_INT(l.id);
	p[3] = DV_STR(reason);
	p[4] = DV_INT(r->who.user_id);
	rc = db_exec(&r->w->db, STMT_REFERRAL_INSERT, p, 5, NULL, &rid);
	if (rc == ST_E_CONFLICT) {
		db_rollback(&r->w->db);
		rc = log_page_error(r, &l, "referral", "team",
		    _("The family is referred to this team already: it is waiting for a decision, on the waiting list, or in."));
		goto out;
	}
	evmsg_init(&m, N_("Referred to {0}: {1}"));
	evmsg_name(&m, name);
	evmsg_text(&m, reason, evmsg_typed_lang(r));
	if (rc == ST_OK)
		rc = caselog_event_msg(&r->w->db, r->who.user_id, l.id, 0,
		    caselog_role(&l, r), "team", &m, NULL, NULL, 0);
	if (rc == ST_OK)
		rc = audit_log(r, "create", "team_referral", (long long)rid,
		    l.child_id);
	if (rc == ST_OK)
		rc = tell_leaders(r, tid, "team.referral");
	if (rc == ST_OK)
		rc = db_commit(&r->w->db);
	if (rc != ST_OK) {
		db_rollback(&r->w->db);
		goto out;
	}
	rc = done(r, "referrals", pid, 201, "referral-made");
out:
	caselog_release(&l);
	return rc;
}

/*
 * A transaction on referral f: the log's row and the team's locked (in
 * that order, as every writer of a log takes them), then the referral,
 * which must still be in a state in `states` on an open log. *go = 0
 * (rolled back, 409 set) when it is not.
 */
static st_rc
begin_referral(struct req *r, const struct referral_row *f,
    const char *states, int *go)
{
	struct db_val p[1];
	struct db_res res;
	st_rc rc;

	*go = 0;
	if ((rc = db_begin(&r->w->db)) != ST_OK)
		return rc;
	if ((rc = caselog_lock(&r->w->db, f->log_id)) != ST_OK)
		goto fail;
	p[0] = DV_INT(f->team_id);
	if ((rc = db_query(&r->w->db, STMT_TEAM_LOCK, p, 1, 1, &res)) !=
	    ST_OK)
		goto fail;
	db_res_release(&res);
	p[0] = DV_INT(f->id);
	if ((rc = db_query(&r->w->db, STMT_REFERRAL_LOCK, p, 1, 1, &res)) !=
	    ST_OK)
		goto fail;
	*go = res.nrows == 1 && strstr(states, db_get(&res, 0, RK_STATUS)) !=
	    NULL && strcmp(db_get(&res, 0, RK_LOG_STATUS), "open") == 0;
	db_res_release(&res);
	if (*go)
		return ST_OK;
	db_rollback(&r->w->db);
	return caselog_conflict(r, _("Someone else changed the referral at the same time. Open it again to see where it stands."));
fail:
	db_rollback(&r->w->db);
	return rc;
}

/* The referral's log event (kind "team"), in the transaction. */
static st_rc
log_event(struct req *r, const struct referral_row *f, const char *role,
    const struct evmsg *m)
{
	return caselog_event_msg(&r->w->db, r->who.user_id, f->log_id, 0,
	    role, "team", m, NULL, NULL, 0);
}

/*
 * Taken in: the team's members the family's consent covers take part in
 * the log from now on (those not covered are named in the event, so the
 * holder knows whom the consent leaves out).
 */
static st_rc
take_in(struct req *r, const struct referral_row *f, const char *team)
{
	struct caselog l;
	struct db_val p[3];
	struct db_res ms;
	struct buf in = BUF_INIT(8192), out = BUF_INIT(8192);
	struct evmsg m;
	size_t i;
	st_rc rc;

	memset(&l, 0, sizeof(l));
	l.id = f->log_id;
	l.home_unit_id = f->facts.log.home_unit_id;
	p[0] = DV_INT(f->team_id);
	if ((rc = db_query(&r->w->db, STMT_TEAM_MEMBERS, p, 1, 500, &ms)) !=
	    ST_OK)
		return rc;
	for (i = 0; rc == ST_OK && i < ms.nrows; i++) {
		long long uid = db_get_int(&ms, i, MB_ID);
		const char *who = db_get(&ms, i, MB_NAME);
		int yes = caselog_covers(r, &l, uid, db_get_int(&ms, i,
		    MB_UNIT), &rc);

		if (rc != ST_OK)
			break;
		if (!yes) {
			rc = buf_addf(&out, "%s%s", out.len ? ", " : "", who);
			continue;
		}
		if (uid == f->facts.log.holder_id)
			continue;
		p[0] = DV_INT(f->log_id);
		p[1] = DV_INT(uid);
		p[2] = DV_INT(r->who.user_id);
		/* a participant already: stays one, as before */
		rc = db_exec(&r->w->db, STMT_PART_INSERT, p, 3, NULL, NULL);
		if (rc == ST_E_CONFLICT) {
			rc = ST_OK;
			continue;
		}
		p[0] = DV_INT(f->id);
		if (rc == ST_OK)
			rc = db_exec(&r->w->db, STMT_REFERRAL_PART_ADD, p, 2,
			    NULL, NULL);
		if (rc == ST_OK)
			rc = buf_addf(&in, "%s%s", in.len ? ", " : "", who);
		if (rc == ST_OK)
			rc = caselog_notice(&r->w->db, "log.participant", 0,
			    uid, NULL, 0, f->log_id);
	}
	db_res_release(&ms);
	if (rc == ST_OK && (rc = buf_addch(&in, '\0')) == ST_OK &&
	    (rc = buf_addch(&out, '\0')) == ST_OK) {
		evmsg_init(&m, *out.data != '\0' ?
		    N_("Taken in by {0}: {1} take part in the relay log; the consent does not cover {2}") :
		    N_("Taken in by {0}: {1} take part in the relay log"));
		evmsg_name(&m, team);
		evmsg_names(&m, *in.data != '\0' ? in.data : "-");
		if (*out.data != '\0')
			evmsg_names(&m, out.data);
		rc = log_event(r, f, "team", &m);
	}
	buf_release(&in);
	buf_release(&out);
	return rc;
}

/* ROUTE: POST /referrals/{id}/decide */
/* ROUTE: POST /api/v1/referrals/{id}/decide */
st_rc
h_referral_decide(struct req *r)
{
	const char *decision = req_input(r, "decision");
	const char *priority = req_input(r, "priority");
	const char *reason = req_input(r, "reason");
	struct referral_row f;
	struct db_val p[4];
	struct db_res res;
	struct evmsg m;
	char team[TEAM_NAME_BYTES], *end = NULL;
	long long place = 0, cap, in;
	int ok, go, take, wait;
	st_rc rc;

	if ((rc = referral_load(r, r->arg, RF_DECIDE, _("Only a referral not yet taken in can be decided, by a leader of the team, while the family’s consent names the team."),
	    &f, &ok)) != ST_OK || !ok)
		return rc;
	snprintf(team, sizeof(team), "%s", db_get(&f.res, 0, RG_TEAM_NAME));
	cap = db_get_int(&f.res, 0, RG_CAPACITY(CASELOG_NFACTS));
	take = decision != NULL && strcmp(decision, "in") == 0;
	wait = decision != NULL && strcmp(decision, "wait") == 0;
	if (!take && !wait && (decision == NULL ||
	    strcmp(decision, "decline") != 0)) {
		rc = referral_page(r, 422, "decision",
		    _("Choose what the team decides: take the family in, put it on the waiting list, or decline."));
		goto out;
	}
	if (wait) {
		if (priority != NULL)
			place = strtoll(priority, &end, 10);
		if (priority == NULL || *priority == '\0' || *end != '\0' ||
		    place < 1 || place > REFERRAL_PRIORITY_MAX) {
			rc = referral_page(r, 422, "priority",
			    _("Give the family’s place on the waiting list as a number from 1 (first) to 999."));
			goto out;
		}
	}
	if (!take && !text_ok(reason)) {
		rc = referral_page(r, 422, "reason", wait ?
		    _("Say why the family has this place on the waiting list (at most 4000 characters).") :
		    _("Say why the team declines (at most 4000 characters): the holder and the family read it."));
		goto out;
	}
	/* an inactive team takes no new family (it may still answer the
	 * ones that wait) */
	if (take && !f.facts.team.active) {
		rc = caselog_conflict(r, _("The team is not active: it takes no new families. Decline, or put the family on the waiting list."));
		goto out;
	}
	if ((rc = begin_referral(r, &f, "referred waiting", &go)) != ST_OK ||
	    !go)
		goto out;
	if (take && cap > 0) {
		/* room for one more family, now that the team is locked; a
		 * sibling of a family in the team takes no more room */
		p[0] = DV_INT(f.team_id);
		p[1] = DV_INT(f.log_id);
		if ((rc = db_query(&r->w->db, STMT_REFERRAL_FAMILY_IN, p, 2, 1,
		    &res)) != ST_OK)
			goto fail;
		in = db_get_int(&res, 0, 0) > 0 ? -1 : 0;
		db_res_release(&res);
		if (in == 0 && (rc = db_query(&r->w->db, STMT_REFERRAL_COUNT_IN,
		    p, 1, 1, &res)) != ST_OK)
			goto fail;
		if (in == 0) {
			in = db_get_int(&res, 0, 0);
			db_res_release(&res);
		}
		if (in >= cap) {
			db_rollback(&r->w->db);
			rc = referral_page(r, 422, "decision",
			    _("The team is full: it follows as many families as its capacity allows. Put the family on the waiting list, or end another family’s time in the team first."));
			goto out;
		}
	}
	if (take) {
		p[0] = DV_INT(r->who.user_id);
		p[1] = DV_INT(f.id);
		rc = db_exec(&r->w->db, STMT_REFERRAL_IN, p, 2, NULL, NULL);
		if (rc == ST_OK)
			rc = take_in(r, &f, team);
	} else if (wait) {
		p[0] = DV_INT(place);
		p[1] = DV_STR(reason);
		p[2] = DV_INT(r->who.user_id);
		p[3] = DV_INT(f.id);
		rc = db_exec(&r->w->db, STMT_REFERRAL_WAIT, p, 4, NULL, NULL);
		evmsg_init(&m, N_("On the waiting list of {0}, place {1}: {2}"));
		evmsg_name(&m, team);
		evmsg_number(&m, place);
		evmsg_text(&m, reason, evmsg_typed_lang(r));
		if (rc == ST_OK)
			rc = log_event(r, &f, "team", &m);
	} else {
		p[0] = DV_STR(reason);
		p[1] = DV_INT(r->who.user_id);
		p[2] = DV_INT(f.id);
		rc = db_exec(&r->w->db, STMT_REFERRAL_DECLINE, p, 3, NULL,
		    NULL);
		evmsg_init(&m, N_("Declined by {0}: {1}"));
		evmsg_name(&m, team);
		evmsg_text(&m, reason, evmsg_typed_lang(r));
		if (rc == ST_OK)
			rc = log_event(r, &f, "team", &m);
	}
	if (rc == ST_OK)
		rc = audit_log_as(r, "team", "update", "team_referral", f.id,
		    db_get_int(&f.res, 0, RG_CHILD_ID(CASELOG_NFACTS)));
	if (rc == ST_OK)
		rc = caselog_notice(&r->w->db, "referral.decided", 0,
		    f.facts.log.holder_id, NULL, 0, f.log_id);
	if (rc == ST_OK)
		rc = db_commit(&r->w->db);
	if (rc != ST_OK)
		goto fail;
	rc = done(r, "referrals", r->arg, 200, take ? "referral-in" : wait ?
	    "referral-waiting" : "referral-declined");
	goto out;
fail:
	db_rollback(&r->w->db);
out:
	referral_release(&f);
	return rc;
}

/* ROUTE: POST /referrals/{id}/discussions */
/* ROUTE: POST /api/v1/referrals/{id}/discussions */
st_rc
h_referral_discuss(struct req *r)
{
	const char *held = req_input(r, "date");
	const char *with = req_input(r, "with_referrer");
	const char *summary = req_input(r, "summary");
	struct referral_row f;
	struct db_val p[6];
	struct evmsg m;
	char pid[SECURE_ID_SIZE], today[DATE_SIZE], team[TEAM_NAME_BYTES];
	int ok, go, together;
	st_rc rc;

	if ((rc = referral_load(r, r->arg, RF_DISCUSS, _("Discussions are recorded while the family is in the team, by its members."),
	    &f, &ok)) != ST_OK || !ok)
		return rc;
	snprintf(team, sizeof(team), "%s", db_get(&f.res, 0, RG_TEAM_NAME));
	dates_today(today);
	together = admin_yes(with);
	if (!dates_is_ymd(held) || strcmp(held, today) > 0) {
		rc = referral_page(r, 422, "date",
		    _("Give the day of the discussion (YYYY-MM-DD), today or before."));
		goto out;
	}
	if (with != NULL && *with != '\0' && !together &&
	    strcmp(with, "false") != 0 && strcmp(with, "no") != 0 &&
	    strcmp(with, "0") != 0) {
		rc = referral_page(r, 422, "with_referrer",
		    _("Say whether the one who referred the family took part."));
		goto out;
	}
	if (!text_ok(summary)) {
		rc = referral_page(r, 422, "summary",
		    _("Write what was discussed and agreed (at most 4000 characters)."));
		goto out;
	}
	if ((rc = begin_referral(r, &f, "in", &go)) != ST_OK || !go)
		goto out;
	secure_random_id(pid);
	p[0] = DV_STR(pid);
	p[1] = DV_INT(f.id);
	p[2] = DV_STR(held);
	p[3] = DV_INT(together);
	p[4] = DV_STR(summary);
	p[5] = DV_INT(r->who.user_id);
	rc = db_exec(&r->w->db, STMT_DISCUSSION_INSERT, p, 6, NULL, NULL);
	evmsg_init(&m, together ?
	    N_("Discussed in {0} on {1}, with the one who referred the family: {2}") :
	    N_("Discussed in {0} on {1}: {2}"));
	evmsg_name(&m, team);
	evmsg_date(&m, held);
	evmsg_text(&m, summary, evmsg_typed_lang(r));
	if (rc == ST_OK)
		rc = log_event(r, &f, "team", &m);
	if (rc == ST_OK)
		rc = audit_log_as(r, "team", "update", "team_referral", f.id,
		    db_get_int(&f.res, 0, RG_CHILD_ID(CASELOG_NFACTS)));
	if (rc == ST_OK)
		rc = db_commit(&r->w->db);
	if (rc != ST_OK) {
		db_rollback(&r->w->db);
		goto out;
	}
	rc = done(r, "referrals", r->arg, 201, "referral-discussed");
out:
	referral_release(&f);
	return rc;
}

/* ROUTE: POST /referrals/{id}/end */
/* ROUTE: POST /api/v1/referrals/{id}/end */
st_rc
h_referral_end(struct req *r)
{
	const char *reason = req_input(r, "reason");
	struct referral_row f;
	struct db_val p[3];
	struct db_res parts;
	struct evmsg m;
	char team[TEAM_NAME_BYTES];
	int ok, go, in, holder;
	size_t i;
	st_rc rc;

	if ((rc = referral_load(r, r->arg, RF_END, _("The referral has ended already, or the relay log is closed."),
	    &f, &ok)) != ST_OK || !ok)
		return rc;
	snprintf(team, sizeof(team), "%s", db_get(&f.res, 0, RG_TEAM_NAME));
	in = f.facts.status == RS_IN;
	holder = access_log(&r->who, &f.facts.log, LR_MANAGE);
	if (!text_ok(reason)) {
		rc = referral_page(r, 422, "reason", in ?
		    _("Say why the family leaves the team (at most 4000 characters).") :
		    _("Say why the referral is withdrawn (at most 4000 characters)."));
		goto out;
	}
	if ((rc = begin_referral(r, &f, in ? "in" : "referred waiting",
	    &go)) != ST_OK || !go)
		goto out;
	p[0] = DV_STR(in ? "ended" : "withdrawn");
	p[1] = DV_STR(reason);
	p[2] = DV_INT(f.id);
	rc = db_exec(&r->w->db, STMT_REFERRAL_END, p, 3, NULL, NULL);
	/* the members the intake made participants stop taking part */
	if (rc == ST_OK && in) {
		p[0] = DV_INT(f.id);
		memset(&parts, 0, sizeof(parts));
		rc = db_query(&r->w->db, STMT_REFERRAL_PARTS, p, 1, 500,
		    &parts);
		for (i = 0; rc == ST_OK && i < parts.nrows; i++) {
			p[0] = DV_STR(reason);
			p[1] = DV_INT(f.log_id);
			p[2] = DV_INT(db_get_int(&parts, i, 0));
			if ((rc = db_exec(&r->w->db, STMT_PART_REMOVE, p, 3,
			    NULL, NULL)) != ST_OK)
				break;
		}
		db_res_release(&parts);
	}
	evmsg_init(&m, in ? N_("The family leaves {0}: {1}") :
	    N_("The referral to {0} is withdrawn: {1}"));
	evmsg_name(&m, team);
	evmsg_text(&m, reason, evmsg_typed_lang(r));
	if (rc == ST_OK)
		rc = log_event(r, &f, holder ? access_log_role(&r->who,
		    &f.facts.log) : "team", &m);
	if (rc == ST_OK)
		rc = audit_log(r, "update", "team_referral", f.id,
		    db_get_int(&f.res, 0, RG_CHILD_ID(CASELOG_NFACTS)));
	if (rc == ST_OK)
		rc = db_commit(&r->w->db);
	if (rc != ST_OK) {
		db_rollback(&r->w->db);
		goto out;
	}
	rc = done(r, "referrals", r->arg, 200, in ? "referral-ended" :
	    "referral-withdrawn");
out:
	referral_release(&f);
	return rc;
}
