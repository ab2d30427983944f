/* h_person.c: the people who log in to stafett (employees, leaders and
 * administrators) as the administrator manages them: list and search,
 * add, change (name, user name, role, unit, e-mail address), deactivate
 * and reactivate. Passwords are set on the server, never here; guardians
 * and youths are not managed here; never a child's data. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "account.h"
#include "audit.h"
#include "auth.h"
#include "codelists.h"
#include "dates.h"
#include "db.h"
#include "handlers.h"
#include "i18n.h"
#include "route.h"
#include "view.h"
#include "worker.h"

/* Columns of STMT_PERSON_ADMIN_LIST, _UNIT and _GET. */
enum { PP_ID, PP_USERNAME, PP_NAME, PP_ROLE, PP_UNIT, PP_UNIT_NAME,
	PP_EMAIL, PP_ACTIVE, PP_CREATED, PP_ROWID, PP_SESSIONS, PP_TOKENS,
	PP_HOLDS };
/* Columns of STMT_UNIT_ADMIN_LIST. */
enum { UA_ID, UA_CODE, UA_NAME, UA_KIND, UA_EXTERNAL, UA_CREATED,
	UA_PEOPLE, UA_ROWID };
/* Columns of STMT_PERSON_LOCK. */
enum { PL_ID, PL_ROLE, PL_ACTIVE };

/* The most people a list shows: a search finds the others. */
#define LIST_MAX	500

static const char *
base(const struct req *r)
{
	return req_is_api(r) ? "/api/v1/admin/people" : "/admin/people";
}

/* One person of a list or their page: row i of res. */
static xmlNodePtr
person_el(const struct req *r, xmlNodePtr parent, const struct db_res *res,
    size_t i)
{
	xmlNodePtr n = view_el(parent, "person", NULL);

	view_attr(n, "id", db_get(res, i, PP_ID));
	view_attr(n, "username", db_get(res, i, PP_USERNAME));
	view_attr(n, "name", db_get(res, i, PP_NAME));
	view_attr(n, "role", db_get(res, i, PP_ROLE));
	if (db_get(res, i, PP_UNIT) != NULL) {
		view_attr(n, "unit", db_get(res, i, PP_UNIT));
		view_attr(n, "unit-name", db_get(res, i, PP_UNIT_NAME));
	}
	if (db_get(res, i, PP_EMAIL) != NULL)
		view_attr(n, "email", db_get(res, i, PP_EMAIL));
	view_attr(n, "active", db_get_int(res, i, PP_ACTIVE) ?
	    "true" : "false");
	view_time_attr(r, n, "created", db_get(res, i, PP_CREATED));
	return n;
}

/* q as a LIKE pattern that matches it anywhere, its own % _ and \
 * taken literally. */
static st_rc
like_pattern(const char *q, struct buf *out)
{
	st_rc rc = buf_addch(out, '%');

	for (; rc == ST_OK && *q != '\0'; q++) {
		if (*q == '%' || *q == '_' || *q == '\\')
			rc = buf_addch(out, '\\');
		if (rc == ST_OK)
			rc = buf_addch(out, *q);
	}
	if (rc == ST_OK)
		rc = buf_addch(out, '%');
	return rc;
}

/*
 * Everyone (or those whose name, user name or unit matches ?q=), the
 * active first, and the form to add a person (?unit= chooses its unit
 * beforehand, from a unit's page).
 */
static st_rc
list_page(struct req *r, int status, const char *field, const char *message)
{
	const char *q = fields_get(&r->qs, "q");
	const char *unit = fields_get(&r->qs, "unit");
	struct buf pat = BUF_INIT(512);
	struct db_val p[4];
	struct db_res res;
	xmlNodePtr root, list;
	size_t i;
	st_rc rc;

	if (q != NULL && strlen(q) > 200)
		q = NULL;
	if ((rc = like_pattern(q != NULL ? q : "", &pat)) != ST_OK) {
		buf_release(&pat);
		return rc;
	}
	p[0] = DV_INT(r->who.municipality_id);
	p[1] = p[2] = p[3] = DV_STRN(pat.data, pat.len);
	rc = db_query(&r->w->db, STMT_PERSON_ADMIN_LIST, p, 4, LIST_MAX + 1,
	    &res);
	buf_release(&pat);
	if (rc != ST_OK)
		return rc;
	root = req_is_api(r) ? view_doc(r, "people") : view_page(r, "people");
	list = req_is_api(r) ? root : view_el(root, "people", NULL);
	if (q != NULL && *q != '\0')
		view_attr(list, "q", q);
	if (res.nrows > LIST_MAX)
		view_attr(list, "more", "true");
	for (i = 0; i < res.nrows && i < LIST_MAX; i++)
		person_el(r, list, &res, i);
	db_res_release(&res);
	if ((rc = admin_units(r, root)) != ST_OK)
		return rc;
	if (field != NULL)
		admin_error(r, root, "new", field, message);
	else if (!req_is_api(r) && unit != NULL && secure_is_id(unit))
		view_attr(view_el(root, "preset", NULL), "unit", unit);
	return view_send(r, status, root);
}

/*
 * One person: what they are, whether they can log in (sessions and
 * tokens now), the form to change them, and deactivation (the browser
 * asks first: ?deactivate=confirm) or reactivation. form names the form
 * an error is about: "edit" or "access".
 */
static st_rc
show_page(struct req *r, int status, const char *form, const char *field,
    const char *message)
{
	const char *ask = fields_get(&r->qs, "deactivate");
	const struct conf *cfg = r->w->cfg;
	struct db_val p[4];
	struct db_res res;
	xmlNodePtr root, n;
	st_rc rc;

	p[0] = DV_INT(cfg->session_idle_min);
	p[1] = DV_INT(cfg->session_absolute_min);
	p[2] = DV_INT(r->who.municipality_id);
	p[3] = DV_STR(r->arg);
	if ((rc = db_query(&r->w->db, STMT_PERSON_ADMIN_GET, p, 4, 1,
	    &res)) != ST_OK)
		return rc;
	if (res.nrows != 1) {
		db_res_release(&res);
		return resp_error(r, 404, _("There is no such person."));
	}
	root = req_is_api(r) ? view_doc(r, "account") :
	    view_page(r, "person");
	n = person_el(r, root, &res, 0);
	view_attr(n, "sessions", db_get(&res, 0, PP_SESSIONS));
	view_attr(n, "tokens", db_get(&res, 0, PP_TOKENS));
	view_attr(n, "holds", db_get(&res, 0, PP_HOLDS));
	if (db_get_int(&res, 0, PP_ROWID) == r->who.user_id)
		view_attr(n, "self", "true");
	db_res_release(&res);
	if ((rc = admin_units(r, root)) != ST_OK)
		return rc;
	if (field != NULL)
		admin_error(r, root, form, field, message);
	else if (!req_is_api(r) && ask != NULL && strcmp(ask, "confirm") == 0)
		view_el(root, "confirm-deactivate", NULL);
	return view_send(r, status, root);
}

/* ROUTE: GET /admin/people */
/* ROUTE: GET /api/v1/admin/people */
st_rc
h_person_list(struct req *r)
{
	return list_page(r, 200, NULL, NULL);
}

/* ROUTE: GET /admin/people/{id} */
/* ROUTE: GET /api/v1/admin/people/{id} */
st_rc
h_person_show(struct req *r)
{
	return show_page(r, 200, NULL, NULL, NULL);
}

/*
 * The person's fields from the request, checked (account.h); the unit
 * is looked up by its public id into *unit_id (0: none chosen). *field
 * is NULL when they are good; otherwise the field, and *why what is
 * wrong (translated).
 */
static st_rc
person_input(struct req *r, struct person_in *in, long long *unit_id,
    const char **field, const char **why)
{
	const char *unit = req_input(r, "unit");
	enum account_field f;
	struct db_val p[2];
	struct db_res res;
	st_rc rc;

	*field = NULL;
	*why = NULL;
	*unit_id = 0;
	memset(in, 0, sizeof(*in));
	in->username = req_input(r, "username");
	in->display_name = req_input(r, "display_name");
	in->role = req_input(r, "role");
	in->email = req_input(r, "email");
	if (unit != NULL && *unit != '\0') {
		if (!secure_is_id(unit)) {
			*field = "unit";
			*why = _("There is no such unit. Choose one from the list.");
			return ST_OK;
		}
		p[0] = DV_INT(r->who.municipality_id);
		p[1] = DV_STR(unit);
		if ((rc = db_query(&r->w->db, STMT_UNIT_ADMIN_GET, p, 2, 1,
		    &res)) != ST_OK)
			return rc;
		if (res.nrows == 1)
			*unit_id = db_get_int(&res, 0, UA_ROWID);
		db_res_release(&res);
		if (*unit_id == 0) {
			*field = "unit";
			*why = _("There is no such unit. Choose one from the list.");
			return ST_OK;
		}
	}
	in->has_unit = *unit_id != 0;
	if (in->role == NULL)
		in->role = "";
	if ((f = person_check(in, why)) != AF_OK) {
		*field = account_field_name(f);
		*why = _(*why);
	}
	return ST_OK;
}

/* Has another account the user name (not the one with row id self)? */
static st_rc
username_taken(struct req *r, const char *username, long long self,
    int *taken)
{
	struct db_val p[2];
	struct db_res res;
	st_rc rc;

	p[0] = DV_STR(username);
	p[1] = DV_INT(self);
	if ((rc = db_query(&r->w->db, STMT_USERNAME_TAKEN, p, 2, 1, &res)) !=
	    ST_OK)
		return rc;
	*taken = db_get_int(&res, 0, 0) > 0;
	db_res_release(&res);
	return ST_OK;
}

/* The end of a change begun with db_begin (rc: how it went): audited,
 * committed, and the page that confirms it (admin_change.c). */
static st_rc
commit_change(struct req *r, st_rc rc, const char *action, long long rowid,
    int status, const char *pid, const char *done)
{
	return admin_change_commit(r, rc, action, "user", rowid, status,
	    base(r), pid, done);
}

static const char *
taken_message(void)
{
	return _("Another person has this user name already. User names are unique: add something, for example a middle initial or a number.");
}

/* ROUTE: POST /admin/people */
/* ROUTE: POST /api/v1/admin/people */
st_rc
h_person_add(struct req *r)
{
	struct person_in in;
	struct db_val p[7];
	char id[SECURE_ID_SIZE];
	unsigned long long rowid = 0;
	const char *field, *why;
	long long unit_id;
	int taken;
	st_rc rc;

	if ((rc = person_input(r, &in, &unit_id, &field, &why)) != ST_OK)
		return rc;
	if (field != NULL)
		return list_page(r, 422, field, why);
	if ((rc = username_taken(r, in.username, 0, &taken)) != ST_OK)
		return rc;
	if (taken)
		return list_page(r, 422, "username", taken_message());
	secure_random_id(id);
	p[0] = DV_INT(r->who.municipality_id);
	p[1] = DV_STR(id);
	p[2] = DV_STR(in.username);
	p[3] = DV_STR(in.display_name);
	p[4] = in.email != NULL && *in.email != '\0' ? DV_STR(in.email) :
	    DV_NULL;
	p[5] = DV_STR(in.role);
	p[6] = unit_id != 0 ? DV_INT(unit_id) : DV_NULL;
	if ((rc = db_begin(&r->w->db)) != ST_OK)
		return rc;
	rc = db_exec(&r->w->db, STMT_PERSON_INSERT, p, 7, NULL, &rowid);
	if (rc == ST_E_CONFLICT) {
		/* taken by someone else since the check above */
		db_rollback(&r->w->db);
		return list_page(r, 422, "username", taken_message());
	}
	return commit_change(r, rc, "create", (long long)rowid, 201, id,
	    "person-added");
}

/*
 * Begin a change to the person of the path: the transaction, with the
 * active administrators' rows locked first (account_other_admins: how
 * many there are besides the person, in *others) and then the person's
 * (in every change, in this order, so two changes cannot wait for each
 * other), its row id, role and whether active in *rowid, role and
 * *active. *rowid 0: no such person, 404 answered, rolled back.
 */
static st_rc
begin_person(struct req *r, long long *rowid, char role[16], int *active,
    long long *others)
{
	struct db_val p[2];
	struct db_res res;
	st_rc rc;

	*rowid = 0;
	if ((rc = db_begin(&r->w->db)) != ST_OK)
		return rc;
	if ((rc = account_other_admins(r, 0, others)) != ST_OK) {
		db_rollback(&r->w->db);
		return rc;
	}
	p[0] = DV_INT(r->who.municipality_id);
	p[1] = DV_STR(r->arg);
	if ((rc = db_query(&r->w->db, STMT_PERSON_LOCK, p, 2, 1, &res)) !=
	    ST_OK) {
		db_rollback(&r->w->db);
		return rc;
	}
	if (res.nrows == 1) {
		*rowid = db_get_int(&res, 0, PL_ID);
		snprintf(role, 16, "%s", db_get(&res, 0, PL_ROLE));
		*active = db_get_int(&res, 0, PL_ACTIVE) != 0;
	}
	db_res_release(&res);
	if (*rowid == 0) {
		db_rollback(&r->w->db);
		return resp_error(r, 404, _("There is no such person."));
	}
	/* the count above had everyone: leave the person out of it */
	if (strcmp(role, "admin") == 0 && *active)
		(*others)--;
	return ST_OK;
}

/* ROUTE: POST /admin/people/{id} */
/* ROUTE: POST /api/v1/admin/people/{id} */
st_rc
h_person_update(struct req *r)
{
	struct person_in in;
	struct db_val p[6];
	const char *field, *why;
	char role[16];
	long long unit_id, rowid, others;
	int taken = 0, active;
	st_rc rc;

	if ((rc = begin_person(r, &rowid, role, &active, &others)) != ST_OK ||
	    rowid == 0)
		return rc;
	rc = person_input(r, &in, &unit_id, &field, &why);
	if (rc == ST_OK && field == NULL)
		rc = username_taken(r, in.username, rowid, &taken);
	if (rc != ST_OK) {
		db_rollback(&r->w->db);
		return rc;
	}
	if (field == NULL && taken) {
		field = "username";
		why = taken_message();
	}
	/* Nobody changes their own role: an administrator who made
	 * themself an employee would lose this page in the middle of it. */
	if (field == NULL && rowid == r->who.user_id &&
	    strcmp(in.role, role) != 0) {
		field = "role";
		why = _("You cannot change your own role. Another administrator can.");
	}
	if (field == NULL && strcmp(role, "admin") == 0 && active &&
	    strcmp(in.role, "admin") != 0 && others == 0) {
		field = "role";
		why = _("This is the last active administrator. Make someone else an administrator first.");
	}
	if (field != NULL) {
		db_rollback(&r->w->db);
		return show_page(r, 422, "edit", field, why);
	}
	p[0] = DV_STR(in.username);
	p[1] = DV_STR(in.display_name);
	p[2] = in.email != NULL && *in.email != '\0' ? DV_STR(in.email) :
	    DV_NULL;
	p[3] = DV_STR(in.role);
	p[4] = unit_id != 0 ? DV_INT(unit_id) : DV_NULL;
	p[5] = DV_INT(rowid);
	rc = db_exec(&r->w->db, STMT_PERSON_UPDATE, p, 6, NULL, NULL);
	/* A role or unit changed: no worker may go on trusting a token of
	 * theirs with the old one (auth.c's cache), once this commits. */
	if (rc == ST_OK)
		auth_revoke_later(r);
	if (rc == ST_E_CONFLICT) {
		db_rollback(&r->w->db);
		return show_page(r, 422, "edit", "username", taken_message());
	}
	return commit_change(r, rc, "update", rowid, 200, r->arg,
	    "person-saved");
}

/*
 * Deactivate: from the next request on the person cannot log in, and
 * every session and API token of theirs is ended (account.h). Nobody
 * deactivates themself, and the last active administrator stays. A
 * browser confirms first (the page says what happens); an API client
 * asks once.
 */
/* ROUTE: POST /admin/people/{id}/deactivate */
/* ROUTE: POST /api/v1/admin/people/{id}/deactivate */
st_rc
h_person_deactivate(struct req *r)
{
	const char *confirm = req_input(r, "confirm");
	char role[16], loc[128];
	long long rowid, others;
	int active, changed = 0;
	st_rc rc;

	if ((rc = begin_person(r, &rowid, role, &active, &others)) != ST_OK ||
	    rowid == 0)
		return rc;
	if (rowid == r->who.user_id) {
		db_rollback(&r->w->db);
		return show_page(r, 422, "access", "active",
		    _("You cannot deactivate yourself. Another administrator can."));
	}
	if (strcmp(role, "admin") == 0 && active && others == 0) {
		db_rollback(&r->w->db);
		return show_page(r, 422, "access", "active",
		    _("This is the last active administrator. Make someone else an administrator first."));
	}
	if (!req_is_api(r) && (confirm == NULL ||
	    strcmp(confirm, "yes") != 0)) {
		db_rollback(&r->w->db);
		snprintf(loc, sizeof(loc), "/admin/people/%s?deactivate=confirm"
		    "#confirm-title", r->arg);
		return resp_redirect(r, loc);
	}
	rc = account_deactivate(r, rowid, &changed);
	return commit_change(r, rc, "update", rowid, 200, r->arg,
	    "person-deactivated");
}

/* ROUTE: POST /admin/people/{id}/reactivate */
/* ROUTE: POST /api/v1/admin/people/{id}/reactivate */
st_rc
h_person_reactivate(struct req *r)
{
	char role[16];
	long long rowid, others;
	int active, changed = 0;
	st_rc rc;

	if ((rc = begin_person(r, &rowid, role, &active, &others)) != ST_OK ||
	    rowid == 0)
		return rc;
	rc = account_reactivate(r, rowid, &changed);
	return commit_change(r, rc, "update", rowid, 200, r->arg,
	    "person-reactivated");
}
