/* h_agenda.c: a concern on a discussion team's agenda (issue 20, item
 * 3; sql/0040_team.sql): its author (or their leader) puts it on a
 * meeting, or takes it off again; a member records the team's advice,
 * which goes into the concern's timeline, and its author is told. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "access.h"
#include "agenda.h"
#include "audit.h"
#include "caselog.h"
#include "concern.h"
#include "dates.h"
#include "db.h"
#include "evmsg.h"
#include "handlers.h"
#include "team.h"
#include "i18n.h"
#include "route.h"
#include "utf8.h"
#include "view.h"
#include "worker.h"

/* Columns of STMT_CONCERN_LOCK used here. */
enum { KL_ID = 0, KL_STATUS = 6, KL_LOG = 7 };
/* Columns of STMT_AGENDA_GET. */
enum { AI_ID, AI_STATUS, AI_CONCERN, AI_TEAM, AI_MUNICIPALITY, AI_ACTIVE,
	AI_MEMBER, AI_STARTS, AI_TEAM_PID };
/* Columns of STMT_AGENDA_LOCK. */
enum { AL_STATUS, AL_CONCERN_STATUS, AL_IN_LOG };

static st_rc
done(struct req *r, const char *what, const char *pid, const char *note)
{
	char loc[96];

	snprintf(loc, sizeof(loc), "%s/%s/%s", req_is_api(r) ? "/api/v1" :
	    "", what, pid);
	return resp_done_note(r, 200, loc, note);
}

/* ROUTE: POST /concerns/{id}/agenda */
/* ROUTE: POST /api/v1/concerns/{id}/agenda */
st_rc
h_concern_agenda(struct req *r)
{
	const char *meeting = req_input(r, "meeting");
	struct concern_row cr;
	struct db_val p[4];
	struct db_res res;
	struct evmsg m;
	char pid[SECURE_ID_SIZE], today[DATE_SIZE], starts[17];
	char team[TEAM_NAME_BYTES];
	long long id, child, municipality, mid;
	int ok, can;
	st_rc rc;

	if ((rc = concern_load(r, r->arg, &cr, &ok)) != ST_OK || !ok)
		return rc;
	id = cr.id;
	child = cr.child_id;
	municipality = cr.facts.municipality_id;
	can = access_concern(&r->who, &cr.facts, CR_DISCUSS);
	concern_release(&cr);
	if (!can)
		return caselog_conflict(r, _("The concern is no longer open for a discussion: it is decided, closed or part of a relay log."));
	if (meeting == NULL || !secure_is_id(meeting))
		return concern_error(r, "meeting",
		    _("Choose the team meeting to put the concern on."));
	dates_today(today);
	p[0] = DV_STR(meeting);
	p[1] = DV_INT(municipality);
	p[2] = DV_STR(today);
	if ((rc = db_query(&r->w->db, STMT_AGENDA_MEETING, p, 3, 1, &res)) !=
	    ST_OK)
		return rc;
	mid = res.nrows == 1 ? db_get_int(&res, 0, 0) : 0;
	if (mid != 0) {
		snprintf(team, sizeof(team), "%s", db_get(&res, 0, 1));
		snprintf(starts, sizeof(starts), "%s", db_get(&res, 0, 2));
	}
	db_res_release(&res);
	if (mid == 0)
		return concern_error(r, "meeting",
		    _("Choose one of the meetings listed: a discussion team's meeting from today on."));
	if ((rc = db_begin(&r->w->db)) != ST_OK)
		return rc;
	/* still open and in no log, now that it is locked */
	p[0] = DV_STR(r->arg);
	if ((rc = db_query(&r->w->db, STMT_CONCERN_LOCK, p, 1, 1, &res)) !=
	    ST_OK)
		goto fail;
	ok = res.nrows == 1 && strcmp(db_get(&res, 0, KL_STATUS), "open") ==
	    0 && db_get(&res, 0, KL_LOG) == NULL;
	db_res_release(&res);
	if (!ok) {
		db_rollback(&r->w->db);
		return caselog_conflict(r, _("Someone else decided about this concern at the same time. Open it again to see what was decided."));
	}
	secure_random_id(pid);
	p[0] = DV_STR(pid);
	p[1] = DV_INT(mid);
	p[2] = DV_INT(id);
	p[3] = DV_INT(r->who.user_id);
	rc = db_exec(&r->w->db, STMT_AGENDA_INSERT, p, 4, NULL, NULL);
	if (rc == ST_E_CONFLICT) {
		db_rollback(&r->w->db);
		return concern_error(r, "meeting",
		    _("The concern is on that meeting's agenda already."));
	}
	if (rc != ST_OK)
		goto fail;
	starts[10] = '\0';
	evmsg_init(&m, N_("Put on the agenda of {0} for the meeting on {1} at {2}, to be discussed anonymously"));
	evmsg_name(&m, team);
	evmsg_date(&m, starts);
	evmsg_time(&m, starts + 11);
	rc = caselog_event_msg(&r->w->db, r->who.user_id, 0, id,
	    role_name(r->who.role), "anonymous", &m, NULL, NULL, 0);
	if (rc == ST_OK)
		rc = audit_log(r, "update", "concern", id, child);
	if (rc == ST_OK)
		rc = db_commit(&r->w->db);
	if (rc != ST_OK)
		goto fail;
	return done(r, "concerns", r->arg, "agenda-put");
fail:
	db_rollback(&r->w->db);
	return rc;
}

/*
 * The agenda item of the request, with its concern, for a right:
 * CR_DISCUSS (its author or their leader: withdraw) or, with member
 * set, the team's (advice). Anyone else is answered 404 and *found is
 * 0; found, the concern is in cr (release it) and the item's row in
 * res (release it).
 */
static st_rc
item_load(struct req *r, int member, struct db_res *res,
    struct concern_row *cr, int *found)
{
	struct db_val p[2];
	int seen, ok;
	st_rc rc;

	*found = 0;
	if (!secure_is_id(r->arg))
		return resp_not_found(r);
	p[0] = DV_INT(r->who.user_id);
	p[1] = DV_STR(r->arg);
	if ((rc = db_query(&r->w->db, STMT_AGENDA_GET, p, 2, 1, res)) !=
	    ST_OK)
		return rc;
	if (res->nrows != 1 || !access_municipality(&r->who,
	    db_get_int(res, 0, AI_MUNICIPALITY))) {
		db_res_release(res);
		return resp_not_found(r);
	}
	if ((rc = concern_peek(r, db_get(res, 0, AI_CONCERN), cr, &seen)) !=
	    ST_OK || !seen) {
		db_res_release(res);
		return rc != ST_OK ? rc : resp_not_found(r);
	}
	ok = member ? db_get_int(res, 0, AI_MEMBER) > 0 &&
	    access_concern(&r->who, &cr->facts, CR_ANONYMOUS) :
	    access_concern(&r->who, &cr->facts, CR_READ);
	if (!ok) {
		concern_release(cr);
		db_res_release(res);
		return resp_not_found(r);
	}
	*found = 1;
	return ST_OK;
}

/* A transaction begun on the item, which still waits and whose concern
 * is open and in no log, now that both are locked: *go = 1. Otherwise
 * nothing is begun, *go = 0 and the answer is a 409 saying conflict. */
static st_rc
begin_waiting(struct req *r, long long item, const char *conflict, int *go)
{
	struct db_val p[1];
	struct db_res res;
	st_rc rc;

	*go = 0;
	if ((rc = db_begin(&r->w->db)) != ST_OK)
		return rc;
	p[0] = DV_INT(item);
	if ((rc = db_query(&r->w->db, STMT_AGENDA_LOCK, p, 1, 1, &res)) !=
	    ST_OK) {
		db_rollback(&r->w->db);
		return rc;
	}
	*go = res.nrows == 1 && strcmp(agenda_state(db_get(&res, 0,
	    AL_STATUS), db_get(&res, 0, AL_CONCERN_STATUS),
	    db_get_int(&res, 0, AL_IN_LOG) != 0), "waiting") == 0;
	db_res_release(&res);
	if (*go)
		return ST_OK;
	db_rollback(&r->w->db);
	return caselog_conflict(r, conflict);
}

/* ROUTE: POST /agenda/{id}/advice */
/* ROUTE: POST /api/v1/agenda/{id}/advice */
st_rc
h_agenda_advice(struct req *r)
{
	const char *advice = req_input(r, "advice");
	struct concern_row cr;
	struct db_res res;
	struct evmsg m;
	struct db_val p[3];
	char team[TEAM_NAME_BYTES], team_pid[SECURE_ID_SIZE];
	long long item, concern, child, author;
	int found, ok;
	st_rc rc;

	if ((rc = item_load(r, 1, &res, &cr, &found)) != ST_OK || !found)
		return rc;
	item = db_get_int(&res, 0, AI_ID);
	ok = strcmp(agenda_state(db_get(&res, 0, AI_STATUS), "open", 0),
	    "waiting") == 0;
	snprintf(team, sizeof(team), "%s", db_get(&res, 0, AI_TEAM));
	snprintf(team_pid, sizeof(team_pid), "%s",
	    db_get(&res, 0, AI_TEAM_PID));
	db_res_release(&res);
	concern = cr.id;
	child = cr.child_id;
	author = cr.facts.author_id;
	concern_release(&cr);
	if (!ok)
		return caselog_conflict(r, _("The team's advice on this concern is recorded already, or its author took it off the agenda."));
	if (advice == NULL || *advice == '\0' ||
	    utf8_chars(advice) > AGENDA_ADVICE_MAX)
		return team_page_error(r, team_pid, r->arg, "advice",
		    _("Write down the team's advice (at most 4000 characters)."));
	if ((rc = begin_waiting(r, item, _("The concern was decided, or taken off the agenda, or the advice was recorded by someone else at the same time. Open the team's page again to see what happened."),
	    &ok)) != ST_OK || !ok)
		return rc;
	p[0] = DV_STR(advice);
	p[1] = DV_INT(r->who.user_id);
	p[2] = DV_INT(item);
	if ((rc = db_exec(&r->w->db, STMT_AGENDA_ADVISE, p, 3, NULL, NULL)) !=
	    ST_OK)
		goto fail;
	/* the same words as a discussion recorded by hand */
	evmsg_init(&m, N_("Discussed anonymously in {0}: {1}"));
	evmsg_name(&m, team);
	evmsg_text(&m, advice, evmsg_typed_lang(r));
	rc = caselog_event_msg(&r->w->db, r->who.user_id, 0, concern,
	    "team", "anonymous", &m, NULL, NULL, 0);
	if (rc == ST_OK)
		rc = audit_log_as(r, "team", "update", "concern", concern,
		    child);
	if (rc == ST_OK)
		rc = caselog_notice(&r->w->db, "concern.advice", 0, author,
		    NULL, concern, 0);
	if (rc == ST_OK)
		rc = db_commit(&r->w->db);
	if (rc != ST_OK)
		goto fail;
	return done(r, "teams", team_pid, "agenda-advised");
fail:
	db_rollback(&r->w->db);
	return rc;
}

/* ROUTE: POST /agenda/{id}/withdraw */
/* ROUTE: POST /api/v1/agenda/{id}/withdraw */
st_rc
h_agenda_withdraw(struct req *r)
{
	struct concern_row cr;
	struct db_res res;
	struct evmsg m;
	struct db_val p[1];
	char team[TEAM_NAME_BYTES], concern_pid[SECURE_ID_SIZE];
	long long item, concern, child;
	int found, ok;
	st_rc rc;

	if ((rc = item_load(r, 0, &res, &cr, &found)) != ST_OK || !found)
		return rc;
	item = db_get_int(&res, 0, AI_ID);
	snprintf(team, sizeof(team), "%s", db_get(&res, 0, AI_TEAM));
	snprintf(concern_pid, sizeof(concern_pid), "%s",
	    db_get(&res, 0, AI_CONCERN));
	ok = access_concern(&r->who, &cr.facts, CR_DISCUSS) &&
	    strcmp(db_get(&res, 0, AI_STATUS), "waiting") == 0;
	db_res_release(&res);
	concern = cr.id;
	child = cr.child_id;
	concern_release(&cr);
	if (!ok)
		return caselog_conflict(r, _("Only a concern still waiting on the agenda can be taken off it, by its author or their leader."));
	if ((rc = begin_waiting(r, item, _("The team recorded its advice, or the concern was decided, at the same time. Open the concern again to see what happened."),
	    &ok)) != ST_OK || !ok)
		return rc;
	p[0] = DV_INT(item);
	if ((rc = db_exec(&r->w->db, STMT_AGENDA_WITHDRAW, p, 1, NULL,
	    NULL)) != ST_OK)
		goto fail;
	evmsg_init(&m, N_("Taken off the agenda of {0}"));
	evmsg_name(&m, team);
	rc = caselog_event_msg(&r->w->db, r->who.user_id, 0, concern,
	    role_name(r->who.role), "anonymous", &m, NULL, NULL, 0);
	if (rc == ST_OK)
		rc = audit_log(r, "update", "concern", concern, child);
	if (rc == ST_OK)
		rc = db_commit(&r->w->db);
	if (rc != ST_OK)
		goto fail;
	return done(r, "concerns", concern_pid, "agenda-withdrawn");
fail:
	db_rollback(&r->w->db);
	return rc;
}
