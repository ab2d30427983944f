/* h_team_admin.c: the municipality's teams as its administrator keeps
 * them (sql/0040_team.sql): list, add, change, and who is in each.
 * Never a concern on their agendas: those are the members' (h_team.c). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "caselog.h"
#include "dates.h"
#include "db.h"
#include "evmsg.h"
#include "handlers.h"
#include "i18n.h"
#include "route.h"
#include "team.h"
#include "utf8.h"
#include "view.h"
#include "worker.h"

/* Characters of a team's fields. */
#define NAME_MAX_CHARS		200
#define PURPOSE_MAX_CHARS	2000
#define MEETS_MAX_CHARS		200
#define CAPACITY_MAX		999

/* Columns of STMT_TEAM_MEMBERS. */
enum { TM_PID, TM_NAME, TM_UNIT, TM_ROLE, TM_ADDED, TM_ID, TM_USERNAME };

static const char *
base(const struct req *r)
{
	return req_is_api(r) ? "/api/v1/admin/teams" : "/admin/teams";
}

static st_rc
list_page(struct req *r, int status, const char *field, const char *message)
{
	struct db_res res;
	xmlNodePtr root, list;
	size_t i;
	st_rc rc;

	/* an API client is told the field and why, and nothing else */
	if (field != NULL && req_is_api(r))
		return view_send_field_error(r, status, field, message);
	if ((rc = team_list(r, &res)) != ST_OK)
		return rc;
	root = req_is_api(r) ? view_doc(r, "teams") :
	    view_page(r, "teams-admin");
	list = req_is_api(r) ? root : view_el(root, "teams", NULL);
	for (i = 0; i < res.nrows; i++)
		team_attrs(r, view_el(list, "team", NULL), &res, i);
	db_res_release(&res);
	if ((rc = admin_units(r, root)) != ST_OK)
		return rc;
	if (field != NULL)
		admin_error(r, root, "new", field, message);
	return view_send(r, status, root);
}

/* The team pid of this administrator's municipality, or *t empty. */
static st_rc
team_get(struct req *r, const char *pid, struct db_res *res, int *found)
{
	char today[DATE_SIZE];
	struct db_val p[4];
	st_rc rc;

	*found = 0;
	if (pid == NULL || !secure_is_id(pid))
		return ST_OK;
	dates_today(today);
	caselog_reader(r, today, p);
	p[3] = DV_STR(pid);
	if ((rc = db_query(&r->w->db, STMT_TEAM_GET, p, 4, 1, res)) != ST_OK)
		return rc;
	if (res->nrows == 1 && db_get_int(res, 0, TC_MUNICIPALITY) ==
	    r->who.municipality_id) {
		*found = 1;
		return ST_OK;
	}
	db_res_release(res);
	return ST_OK;
}

st_rc
team_members_view(struct req *r, long long rowid, xmlNodePtr parent)
{
	struct db_val p[1];
	struct db_res res;
	xmlNodePtr list, n;
	size_t i;
	st_rc rc;

	p[0] = DV_INT(rowid);
	if ((rc = db_query(&r->w->db, STMT_TEAM_MEMBERS, p, 1, 500, &res)) !=
	    ST_OK)
		return rc;
	list = view_el(parent, "members", NULL);
	for (i = 0; i < res.nrows; i++) {
		n = view_el(list, "member", NULL);
		view_attr(n, "id", db_get(&res, i, TM_PID));
		view_attr(n, "name", db_get(&res, i, TM_NAME));
		view_attr(n, "unit", db_get(&res, i, TM_UNIT));
		view_attr(n, "role", db_get(&res, i, TM_ROLE));
		view_attr(n, "username", db_get(&res, i, TM_USERNAME));
		view_time_attr(r, n, "added", db_get(&res, i, TM_ADDED));
	}
	db_res_release(&res);
	return ST_OK;
}

static st_rc
show_page(struct req *r, int status, const char *form, const char *field,
    const char *message)
{
	struct db_res res;
	struct db_val p[1];
	xmlNodePtr root, t, list, n;
	long long rowid;
	size_t i;
	int found;
	st_rc rc;

	if (field != NULL && req_is_api(r))
		return view_send_field_error(r, status, field, message);
	if ((rc = team_get(r, r->arg, &res, &found)) != ST_OK)
		return rc;
	if (!found)
		return resp_not_found(r);
	rowid = db_get_int(&res, 0, TC_ID);
	root = req_is_api(r) ? view_doc(r, "team") :
	    view_page(r, "team-admin");
	t = req_is_api(r) ? root : view_el(root, "team", NULL);
	team_attrs(r, t, &res, 0);
	db_res_release(&res);
	if ((rc = team_members_view(r, rowid, t)) != ST_OK)
		return rc;
	if (!req_is_api(r)) {
		/* whom the administrator may add, for the browser's list */
		p[0] = DV_INT(r->who.municipality_id);
		if ((rc = db_query(&r->w->db, STMT_TEAM_STAFF, p, 1, 2000,
		    &res)) != ST_OK)
			return rc;
		list = view_el(root, "staff", NULL);
		for (i = 0; i < res.nrows; i++) {
			n = view_el(list, "person", NULL);
			view_attr(n, "username", db_get(&res, i, 0));
			view_attr(n, "name", db_get(&res, i, 1));
			view_attr(n, "unit", db_get(&res, i, 2));
		}
		db_res_release(&res);
		if ((rc = admin_units(r, root)) != ST_OK)
			return rc;
	}
	if (field != NULL)
		admin_error(r, root, form, field, message);
	return view_send(r, status, root);
}

/* ROUTE: GET /admin/teams */
/* ROUTE: GET /api/v1/admin/teams */
st_rc
h_team_admin_list(struct req *r)
{
	return list_page(r, 200, NULL, NULL);
}

/* ROUTE: GET /admin/teams/{id} */
/* ROUTE: GET /api/v1/admin/teams/{id} */
st_rc
h_team_admin_show(struct req *r)
{
	return show_page(r, 200, NULL, NULL, NULL);
}

struct team_in {
	const char	*name;
	const char	*kind;
	const char	*purpose;
	const char	*meets;
	const char	*capacity;
	long long	 cap;		/* 0: none */
	const char	*unit;		/* an intake team's: a unit's id */
	long long	 unit_id;	/* its row, by team_unit */
};

static const char *
or_empty(const char *s)
{
	return s != NULL ? s : "";
}

/* The team's fields as sent: NULL when right, else the field, with why. */
static const char *
team_check(struct team_in *in, const char **why)
{
	char *end;

	if (in->name == NULL || *in->name == '\0' ||
	    utf8_chars(in->name) > NAME_MAX_CHARS) {
		*why = _("Give the team a name (at most 200 characters).");
		return "name";
	}
	if (in->kind == NULL || (strcmp(in->kind, "discussion") != 0 &&
	    strcmp(in->kind, "intake") != 0)) {
		*why = _("Choose what kind of team it is: a discussion team or a team with an intake.");
		return "kind";
	}
	if (utf8_chars(or_empty(in->purpose)) > PURPOSE_MAX_CHARS) {
		*why = _("Say what the team is for in at most 2000 characters.");
		return "purpose";
	}
	if (utf8_chars(or_empty(in->meets)) > MEETS_MAX_CHARS) {
		*why = _("Say how often the team meets in at most 200 characters.");
		return "meets";
	}
	in->cap = 0;
	if (in->capacity != NULL && *in->capacity != '\0') {
		if (strcmp(in->kind, "intake") != 0) {
			*why = _("Only a team with an intake has a capacity.");
			return "capacity";
		}
		in->cap = strtoll(in->capacity, &end, 10);
		if (*end != '\0' || in->cap < 1 || in->cap > CAPACITY_MAX ||
		    strspn(in->capacity, "0123456789") !=
		    strlen(in->capacity)) {
			*why = _("Give the capacity as a number of families from 1 to 999, or leave it empty.");
			return "capacity";
		}
	}
	if (strcmp(in->kind, "intake") == 0 && (in->unit == NULL ||
	    *in->unit == '\0')) {
		*why = _("Choose the unit the team belongs to: a consent names it to share a family with the team.");
		return "unit";
	}
	if (strcmp(in->kind, "intake") != 0 && in->unit != NULL &&
	    *in->unit != '\0') {
		*why = _("Only a team with an intake belongs to a unit.");
		return "unit";
	}
	return NULL;
}

/* The unit an intake team belongs to, of this municipality, into
 * in->unit_id (0: none named, or no such unit: the field's error). */
static st_rc
team_unit(struct req *r, struct team_in *in)
{
	struct db_val p[2];
	struct db_res res;
	st_rc rc;

	in->unit_id = 0;
	if (in->unit == NULL || *in->unit == '\0')
		return ST_OK;
	p[0] = DV_INT(r->who.municipality_id);
	p[1] = DV_STR(in->unit);
	if ((rc = db_query(&r->w->db, STMT_UNIT_ADMIN_GET, p, 2, 1, &res)) !=
	    ST_OK)
		return rc;
	if (res.nrows == 1)
		in->unit_id = db_get_int(&res, 0, 7);
	db_res_release(&res);
	return ST_OK;
}

static const char *
no_unit_message(void)
{
	return _("There is no such unit in the municipality. Choose one from the list.");
}

static const char *
name_taken_message(void)
{
	return _("Another team has this name already. Names are unique, so that people can tell teams apart.");
}

/* ROUTE: POST /admin/teams */
/* ROUTE: POST /api/v1/admin/teams */
st_rc
h_team_admin_add(struct req *r)
{
	struct team_in in;
	struct db_val p[8];
	char id[SECURE_ID_SIZE];
	unsigned long long rowid = 0;
	const char *field, *why = NULL;
	int taken;
	st_rc rc;

	in.name = req_input(r, "name");
	in.kind = req_input(r, "kind");
	in.purpose = req_input(r, "purpose");
	in.meets = req_input(r, "meets");
	in.capacity = req_input(r, "capacity");
	in.unit = req_input(r, "unit");
	if ((field = team_check(&in, &why)) != NULL)
		return list_page(r, 422, field, why);
	if ((rc = team_unit(r, &in)) != ST_OK)
		return rc;
	if (strcmp(in.kind, "intake") == 0 && in.unit_id == 0)
		return list_page(r, 422, "unit", no_unit_message());
	if ((rc = admin_name_taken(r, STMT_TEAM_NAME_TAKEN, in.name, 0,
	    &taken)) != ST_OK)
		return rc;
	if (taken)
		return list_page(r, 422, "name", name_taken_message());
	secure_random_id(id);
	p[0] = DV_STR(id);
	p[1] = DV_INT(r->who.municipality_id);
	p[2] = DV_STR(in.kind);
	p[3] = DV_STR(in.name);
	p[4] = DV_STR(or_empty(in.purpose));
	p[5] = DV_STR(or_empty(in.meets));
	p[6] = in.cap > 0 ? DV_INT(in.cap) : DV_NULL;
	p[7] = in.unit_id > 0 ? DV_INT(in.unit_id) : DV_NULL;
	if ((rc = db_begin(&r->w->db)) != ST_OK)
		return rc;
	rc = db_exec(&r->w->db, STMT_TEAM_INSERT, p, 8, NULL, &rowid);
	if (rc == ST_E_CONFLICT) {
		/* made by someone else since the check above */
		db_rollback(&r->w->db);
		return list_page(r, 422, "name", name_taken_message());
	}
	return admin_change_commit(r, rc, "create", "team", (long long)rowid,
	    201, base(r), id, "team-added");
}

/* ROUTE: POST /admin/teams/{id} */
/* ROUTE: POST /api/v1/admin/teams/{id} */
st_rc
h_team_admin_update(struct req *r)
{
	struct team_in in;
	struct db_val p[7];
	struct db_res res;
	const char *field, *why = NULL;
	long long rowid;
	int found, taken, intake;
	st_rc rc;

	if ((rc = team_get(r, r->arg, &res, &found)) != ST_OK)
		return rc;
	if (!found)
		return resp_not_found(r);
	rowid = db_get_int(&res, 0, TC_ID);
	/* The kind stays what it was: a team's agenda or queue is made
	 * for its kind. One sent anyway is not looked at. */
	in.kind = db_get(&res, 0, TC_KIND);
	in.name = req_input(r, "name");
	in.purpose = req_input(r, "purpose");
	in.meets = req_input(r, "meets");
	in.capacity = req_input(r, "capacity");
	in.unit = req_input(r, "unit");
	field = team_check(&in, &why);
	intake = strcmp(in.kind, "intake") == 0;
	db_res_release(&res);
	if (field != NULL)
		return show_page(r, 422, "edit", field, why);
	if ((rc = team_unit(r, &in)) != ST_OK)
		return rc;
	if (intake && in.unit_id == 0)
		return show_page(r, 422, "edit", "unit", no_unit_message());
	if ((rc = admin_name_taken(r, STMT_TEAM_NAME_TAKEN, in.name, rowid,
	    &taken)) != ST_OK)
		return rc;
	if (taken)
		return show_page(r, 422, "edit", "name",
		    name_taken_message());
	p[0] = DV_STR(in.name);
	p[1] = DV_STR(or_empty(in.purpose));
	p[2] = DV_STR(or_empty(in.meets));
	p[3] = in.cap > 0 ? DV_INT(in.cap) : DV_NULL;
	p[4] = DV_INT(admin_yes(req_input(r, "active")));
	p[5] = in.unit_id > 0 ? DV_INT(in.unit_id) : DV_NULL;
	p[6] = DV_INT(rowid);
	if ((rc = db_begin(&r->w->db)) != ST_OK)
		return rc;
	rc = db_exec(&r->w->db, STMT_TEAM_UPDATE, p, 7, NULL, NULL);
	if (rc == ST_E_CONFLICT) {
		db_rollback(&r->w->db);
		return show_page(r, 422, "edit", "name",
		    name_taken_message());
	}
	return admin_change_commit(r, rc, "update", "team", rowid, 200,
	    base(r), r->arg, "team-saved");
}

/* The team of the request and the person named by the field person
 * (a username or a public id), both of this municipality: *team and
 * *user 0 when the answer is set (404, or 422 on form). */
static st_rc
member_args(struct req *r, const char *form, long long *team,
    long long *user)
{
	const char *who = req_input(r, "person");
	struct db_val p[3];
	struct db_res res;
	int found;
	st_rc rc;

	*team = *user = 0;
	if ((rc = team_get(r, r->arg, &res, &found)) != ST_OK)
		return rc;
	if (!found)
		return resp_not_found(r);
	*team = db_get_int(&res, 0, TC_ID);
	db_res_release(&res);
	if (who == NULL || *who == '\0' || strlen(who) > 64) {
		*team = 0;
		return show_page(r, 422, form, "person",
		    _("Name the person by their username."));
	}
	p[0] = DV_INT(r->who.municipality_id);
	p[1] = DV_STR(who);
	p[2] = DV_STR(who);
	if ((rc = db_query(&r->w->db, STMT_TEAM_PERSON, p, 3, 1, &res)) !=
	    ST_OK)
		return rc;
	*user = res.nrows == 1 ? db_get_int(&res, 0, 0) : 0;
	db_res_release(&res);
	if (*user == 0) {
		*team = 0;
		return show_page(r, 422, form, "person",
		    _("There is no active employee or leader of the municipality with this username."));
	}
	return ST_OK;
}

/* ROUTE: POST /admin/teams/{id}/members */
/* ROUTE: POST /api/v1/admin/teams/{id}/members */
st_rc
h_team_admin_member_add(struct req *r)
{
	const char *role = req_input(r, "role");
	struct db_val p[3];
	struct db_res lock;
	unsigned long long n = 0;
	long long team, user;
	st_rc rc;

	if (role == NULL || *role == '\0')
		role = "member";
	if ((rc = member_args(r, "member", &team, &user)) != ST_OK ||
	    team == 0)
		return rc;
	if (strcmp(role, "member") != 0 && strcmp(role, "leader") != 0)
		return show_page(r, 422, "member", "role",
		    _("Choose the person's role in the team: member or leader."));
	if ((rc = db_begin(&r->w->db)) != ST_OK)
		return rc;
	/* the team locked: two adding the same person at once make one
	 * membership, and a role given again is the role now */
	p[0] = DV_INT(team);
	if ((rc = db_query(&r->w->db, STMT_TEAM_LOCK, p, 1, 1, &lock)) !=
	    ST_OK)
		goto fail;
	db_res_release(&lock);
	p[0] = DV_STR(role);
	p[1] = DV_INT(team);
	p[2] = DV_INT(user);
	if ((rc = db_exec(&r->w->db, STMT_TEAM_MEMBER_ROLE, p, 3, &n,
	    NULL)) != ST_OK)
		goto fail;
	if (n == 0) {
		p[0] = DV_INT(team);
		p[1] = DV_INT(user);
		p[2] = DV_STR(role);
		rc = db_exec(&r->w->db, STMT_TEAM_MEMBER_ADD, p, 3, NULL,
		    NULL);
	}
	return admin_change_commit(r, rc, "update", "team", team, 200,
	    base(r), r->arg, "team-member-added");
fail:
	db_rollback(&r->w->db);
	return rc;
}

/*
 * In the caller's transaction: user, leaving team, stops taking part in
 * the logs of the families the team took in that made them a
 * participant (referral_participant); each log's timeline says so.
 * Those who took part before the family came in are not touched.
 */
static st_rc
leave_families(struct req *r, long long team, long long user)
{
	struct db_val p[3];
	struct db_res logs;
	struct evmsg m;
	size_t i;
	st_rc rc;

	p[0] = DV_INT(team);
	p[1] = DV_INT(user);
	if ((rc = db_query(&r->w->db, STMT_REFERRAL_MEMBER_LOGS, p, 2, 1000,
	    &logs)) != ST_OK)
		return rc;
	for (i = 0; rc == ST_OK && i < logs.nrows; i++) {
		long long log = db_get_int(&logs, i, 0);

		if ((rc = caselog_lock(&r->w->db, log)) != ST_OK)
			break;
		p[0] = DV_STR("no longer in the team");
		p[1] = DV_INT(log);
		p[2] = DV_INT(user);
		if ((rc = db_exec(&r->w->db, STMT_PART_REMOVE, p, 3, NULL,
		    NULL)) != ST_OK)
			break;
		evmsg_init(&m, N_("A member who left the team no longer takes part"));
		rc = caselog_event_msg(&r->w->db, r->who.user_id, log, 0,
		    "admin", "participant", &m, NULL, NULL, 0);
	}
	db_res_release(&logs);
	return rc;
}

/* ROUTE: POST /admin/teams/{id}/members/remove */
/* ROUTE: POST /api/v1/admin/teams/{id}/members/remove */
st_rc
h_team_admin_member_remove(struct req *r)
{
	struct db_val p[2];
	long long team, user;
	st_rc rc;

	if ((rc = member_args(r, "remove", &team, &user)) != ST_OK ||
	    team == 0)
		return rc;
	if ((rc = db_begin(&r->w->db)) != ST_OK)
		return rc;
	p[0] = DV_INT(team);
	p[1] = DV_INT(user);
	/* not a member (any more): nothing to end, and so it stays */
	rc = db_exec(&r->w->db, STMT_TEAM_MEMBER_REMOVE, p, 2, NULL, NULL);
	if (rc == ST_OK)
		rc = leave_families(r, team, user);
	return admin_change_commit(r, rc, "update", "team", team, 200,
	    base(r), r->arg, "team-member-removed");
}
