/* h_team.c: the municipality's teams as its staff see them: which
 * there are and how to reach them, and for a team's members its
 * calendar and agenda (sql/0040_team.sql; the agenda's writes are
 * h_agenda.c's, the administrator's pages h_team_admin.c's). */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "agenda.h"
#include "caselog.h"
#include "dates.h"
#include "db.h"
#include "handlers.h"
#include "i18n.h"
#include "referral.h"
#include "route.h"
#include "team.h"
#include "utf8.h"
#include "view.h"
#include "worker.h"

/* Days back the team page shows past meetings (and their advice). */
#define PAST_DAYS	60

/* Columns of STMT_TEAM_MEETINGS and STMT_TEAM_AGENDA. */
enum { MT_ID, MT_PID, MT_STARTS, MT_PLACE, MT_BY };
enum { AG_MEETING, AG_PID, AG_STATUS, AG_ADVICE, AG_ADVISED_BY,
	AG_ADVISED_AT, AG_PUT_BY, AG_PUT_UNIT, AG_PUT_AT, AG_CONCERN,
	AG_CONCERN_STATUS, AG_IN_LOG };

/* ROUTE: GET /teams */
/* ROUTE: GET /api/v1/teams */
st_rc
h_team_list(struct req *r)
{
	struct db_res res;
	struct team_facts f;
	xmlNodePtr root, list;
	size_t i;
	st_rc rc;

	if ((rc = team_list(r, &res)) != ST_OK)
		return rc;
	root = req_is_api(r) ? view_doc(r, "teams") : view_page(r, "teams");
	list = req_is_api(r) ? root : view_el(root, "teams", NULL);
	for (i = 0; i < res.nrows; i++) {
		team_facts_of(&res, i, &f);
		if (access_team(&r->who, &f, TR_READ))
			team_attrs(r, view_el(list, "team", NULL), &res, i);
	}
	db_res_release(&res);
	return view_send(r, 200, root);
}

/* One agenda item (row i of STMT_TEAM_AGENDA) under its meeting m. */
static void
item_view(struct req *r, xmlNodePtr m, const struct db_res *res, size_t i)
{
	xmlNodePtr n = view_el(m, "item", NULL);
	const char *state = agenda_state(db_get(res, i, AG_STATUS),
	    db_get(res, i, AG_CONCERN_STATUS),
	    db_get_int(res, i, AG_IN_LOG) != 0);

	view_attr(n, "id", db_get(res, i, AG_PID));
	view_attr(n, "state", state);
	/* the anonymous view, while the team may still read it */
	if (strcmp(state, "waiting") == 0 || (strcmp(state, "discussed") ==
	    0 && strcmp(db_get(res, i, AG_CONCERN_STATUS), "open") == 0 &&
	    !db_get_int(res, i, AG_IN_LOG)))
		view_attr(n, "concern", db_get(res, i, AG_CONCERN));
	view_attr(n, "put-by", db_get(res, i, AG_PUT_BY));
	view_attr(n, "put-unit", db_get(res, i, AG_PUT_UNIT));
	view_time_attr(r, n, "put-at", db_get(res, i, AG_PUT_AT));
	if (db_get(res, i, AG_ADVICE) != NULL) {
		xmlNodePtr a = view_el(n, "advice",
		    db_get(res, i, AG_ADVICE));

		view_attr(a, "by", db_get(res, i, AG_ADVISED_BY));
		view_time_attr(r, a, "at", db_get(res, i, AG_ADVISED_AT));
	}
}

/* The meetings from PAST_DAYS ago under t, each with its agenda when
 * agenda (the reader is a member). */
static st_rc
meetings_view(struct req *r, long long team, int agenda, xmlNodePtr t)
{
	struct db_val p[2];
	struct db_res ms, items;
	char from[DATE_SIZE], today[DATE_SIZE];
	xmlNodePtr list, m;
	size_t i, j = 0;
	st_rc rc;

	dates_add(from, -PAST_DAYS);
	dates_today(today);
	p[0] = DV_INT(team);
	p[1] = DV_STR(from);
	if ((rc = db_query(&r->w->db, STMT_TEAM_MEETINGS, p, 2, 60, &ms)) !=
	    ST_OK)
		return rc;
	memset(&items, 0, sizeof(items));
	if (agenda && (rc = db_query(&r->w->db, STMT_TEAM_AGENDA, p, 2, 3000,
	    &items)) != ST_OK) {
		db_res_release(&ms);
		return rc;
	}
	list = view_el(t, "meetings", NULL);
	for (i = 0; i < ms.nrows; i++) {
		long long id = db_get_int(&ms, i, MT_ID);

		m = view_el(list, "meeting", NULL);
		view_attr(m, "id", db_get(&ms, i, MT_PID));
		view_attr(m, "starts", db_get(&ms, i, MT_STARTS));
		view_attr(m, "place", db_get(&ms, i, MT_PLACE));
		view_attr(m, "planned-by", db_get(&ms, i, MT_BY));
		if (strncmp(db_get(&ms, i, MT_STARTS), today, 10) < 0)
			view_attr(m, "past", "true");
		/* both in the meetings' order: the items of this one */
		for (; j < items.nrows && db_get_int(&items, j, AG_MEETING) ==
		    id; j++)
			item_view(r, m, &items, j);
	}
	db_res_release(&ms);
	db_res_release(&items);
	return ST_OK;
}

static st_rc
team_page(struct req *r, const char *pid, int status, const char *item,
    const char *field, const char *message)
{
	struct team_row t;
	xmlNodePtr root, n, e;
	int ok, agenda;
	st_rc rc;

	if ((rc = team_load(r, pid, TR_READ, &t, &ok)) != ST_OK || !ok)
		return rc;
	agenda = access_team(&r->who, &t.facts, TR_AGENDA);
	root = req_is_api(r) ? view_doc(r, "team") : view_page(r, "team");
	n = req_is_api(r) ? root : view_el(root, "team", NULL);
	team_attrs(r, n, &t.res, 0);
	if (access_team(&r->who, &t.facts, TR_PLAN))
		view_attr(n, "can-plan", "true");
	if (agenda)
		view_attr(n, "can-advise", "true");
	rc = team_members_view(r, t.id, n);
	if (rc == ST_OK)
		rc = meetings_view(r, t.id, agenda && strcmp(db_get(&t.res, 0,
		    TC_KIND), "discussion") == 0, n);
	/* an intake team's queue: its members' */
	if (rc == ST_OK && agenda && strcmp(db_get(&t.res, 0, TC_KIND),
	    "intake") == 0)
		rc = referral_queue_view(r, t.id, db_get(&t.res, 0,
		    TC_CAPACITY), n);
	team_release(&t);
	if (rc != ST_OK)
		return rc;
	if (field != NULL) {
		e = view_el(root, "error", message);
		view_attr(e, "field", field);
		view_attr(e, "item", item);
		view_typed(r, root, "item", item != NULL ? item : "meeting");
	}
	return view_send(r, status, root);
}

st_rc
team_page_error(struct req *r, const char *team_pid, const char *item,
    const char *field, const char *message)
{
	if (req_is_api(r))
		return view_send_field_error(r, 422, field, message);
	return team_page(r, team_pid, 422, item, field, message);
}

/* ROUTE: GET /teams/{id} */
/* ROUTE: GET /api/v1/teams/{id} */
st_rc
h_team_show(struct req *r)
{
	return team_page(r, r->arg, 200, NULL, NULL, NULL);
}

/* ROUTE: POST /teams/{id}/meetings */
/* ROUTE: POST /api/v1/teams/{id}/meetings */
st_rc
h_team_meeting_add(struct req *r)
{
	const char *date = req_input(r, "date");
	const char *time = req_input(r, "time");
	const char *place = req_input(r, "place");
	struct team_row t;
	struct db_val p[5];
	char pid[SECURE_ID_SIZE], starts[20], today[DATE_SIZE], loc[96];
	long long team;
	int ok;
	st_rc rc;

	if ((rc = team_load(r, r->arg, TR_PLAN, &t, &ok)) != ST_OK || !ok)
		return rc;
	team = t.id;
	team_release(&t);
	dates_today(today);
	if (!dates_is_ymd(date) || strcmp(date, today) < 0)
		return team_page_error(r, r->arg, NULL, "date",
		    _("Give the date of the meeting (YYYY-MM-DD), today or later."));
	if (!dates_is_hm(time))
		return team_page_error(r, r->arg, NULL, "time",
		    _("Give the time as HH:MM."));
	if (place == NULL || *place == '\0' || utf8_chars(place) > 200)
		return team_page_error(r, r->arg, NULL, "place",
		    _("Say where the meeting is (at most 200 characters)."));
	snprintf(starts, sizeof(starts), "%s %s:00", date, time);
	secure_random_id(pid);
	p[0] = DV_STR(pid);
	p[1] = DV_INT(team);
	p[2] = DV_STR(starts);
	p[3] = DV_STR(place);
	p[4] = DV_INT(r->who.user_id);
	if ((rc = db_begin(&r->w->db)) != ST_OK)
		return rc;
	rc = db_exec(&r->w->db, STMT_TEAM_MEETING_INSERT, p, 5, NULL, NULL);
	if (rc == ST_OK)
		rc = db_commit(&r->w->db);
	if (rc != ST_OK) {
		db_rollback(&r->w->db);
		return rc;
	}
	snprintf(loc, sizeof(loc), "%s/teams/%s", req_is_api(r) ? "/api/v1" :
	    "", r->arg);
	return resp_done_note(r, 201, loc, "team-meeting-added");
}
