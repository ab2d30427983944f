/* h_unit.c: the units people work in (kindergartens, schools, services)
 * as the administrator manages them: list, add, change; the people of
 * a unit. Never a child's data. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "account.h"
#include "audit.h"
#include "codelists.h"
#include "dates.h"
#include "db.h"
#include "handlers.h"
#include "i18n.h"
#include "route.h"
#include "view.h"
#include "worker.h"

/* Columns of STMT_UNIT_ADMIN_LIST and _GET. */
enum { UA_ID, UA_CODE, UA_NAME, UA_KIND, UA_EXTERNAL, UA_CREATED,
	UA_PEOPLE, UA_ROWID };
/* Columns of STMT_PERSON_ADMIN_UNIT. */
enum { UP_ID, UP_USERNAME, UP_NAME, UP_ROLE, UP_UNIT, UP_UNIT_NAME,
	UP_EMAIL, UP_ACTIVE };

static const char *
base(const struct req *r)
{
	return req_is_api(r) ? "/api/v1/admin/units" : "/admin/units";
}

static void
unit_attrs(const struct req *r, xmlNodePtr u, const struct db_res *res,
    size_t i)
{
	view_attr(u, "id", db_get(res, i, UA_ID));
	view_attr(u, "code", db_get(res, i, UA_CODE));
	view_attr(u, "name", db_get(res, i, UA_NAME));
	view_attr(u, "kind", db_get(res, i, UA_KIND));
	view_attr(u, "external", db_get_int(res, i, UA_EXTERNAL) ?
	    "true" : "false");
	view_time_attr(r, u, "created", db_get(res, i, UA_CREATED));
	view_attr(u, "people", db_get(res, i, UA_PEOPLE));
}

/* Every unit, and the form to add one. */
static st_rc
list_page(struct req *r, int status, const char *field, const char *message)
{
	struct db_val p[1];
	struct db_res res;
	xmlNodePtr root, list;
	size_t i;
	st_rc rc;

	p[0] = DV_INT(r->who.municipality_id);
	if ((rc = db_query(&r->w->db, STMT_UNIT_ADMIN_LIST, p, 1, 5000,
	    &res)) != ST_OK)
		return rc;
	root = req_is_api(r) ? view_doc(r, "units") : view_page(r, "units");
	list = req_is_api(r) ? root : view_el(root, "units", NULL);
	for (i = 0; i < res.nrows; i++)
		unit_attrs(r, view_el(list, "unit", NULL), &res, i);
	db_res_release(&res);
	if (field != NULL)
		admin_error(r, root, "new", field, message);
	return view_send(r, status, root);
}

/* One unit with its people, and the form to change it. */
static st_rc
show_page(struct req *r, int status, const char *field, const char *message)
{
	struct db_res res, people;
	struct db_val p[2];
	xmlNodePtr root, u, list, n;
	size_t i;
	st_rc rc;

	p[0] = DV_INT(r->who.municipality_id);
	p[1] = DV_STR(r->arg);
	if ((rc = db_query(&r->w->db, STMT_UNIT_ADMIN_GET, p, 2, 1, &res)) !=
	    ST_OK)
		return rc;
	if (res.nrows != 1) {
		db_res_release(&res);
		return resp_error(r, 404, _("There is no such unit."));
	}
	p[1] = DV_INT(db_get_int(&res, 0, UA_ROWID));
	if ((rc = db_query(&r->w->db, STMT_PERSON_ADMIN_UNIT, p, 2, 5000,
	    &people)) != ST_OK) {
		db_res_release(&res);
		return rc;
	}
	root = req_is_api(r) ? view_doc(r, "unit") : view_page(r, "unit");
	u = req_is_api(r) ? root : view_el(root, "unit", NULL);
	unit_attrs(r, u, &res, 0);
	db_res_release(&res);
	list = view_el(req_is_api(r) ? u : root, "people", NULL);
	for (i = 0; i < people.nrows; i++) {
		n = view_el(list, "person", NULL);
		view_attr(n, "id", db_get(&people, i, UP_ID));
		view_attr(n, "username", db_get(&people, i, UP_USERNAME));
		view_attr(n, "name", db_get(&people, i, UP_NAME));
		view_attr(n, "role", db_get(&people, i, UP_ROLE));
		view_attr(n, "active", db_get_int(&people, i, UP_ACTIVE) ?
		    "true" : "false");
	}
	db_res_release(&people);
	if (field != NULL)
		admin_error(r, root, "edit", field, message);
	return view_send(r, status, root);
}

/* ROUTE: GET /admin/units */
/* ROUTE: GET /api/v1/admin/units */
st_rc
h_unit_list(struct req *r)
{
	return list_page(r, 200, NULL, NULL);
}

/* ROUTE: GET /admin/units/{id} */
/* ROUTE: GET /api/v1/admin/units/{id} */
st_rc
h_unit_show(struct req *r)
{
	return show_page(r, 200, NULL, NULL);
}

/* The end of a change begun with db_begin (rc: how it went): audited,
 * committed, and the page that confirms it (admin_change.c). */
static st_rc
commit_change(struct req *r, st_rc rc, const char *action, long long rowid,
    int status, const char *pid, const char *done)
{
	return admin_change_commit(r, rc, action, "unit", rowid, status,
	    base(r), pid, done);
}

static const char *
name_taken_message(void)
{
	return _("Another unit has this name already. Names are unique, so that people can tell units apart.");
}

/* ROUTE: POST /admin/units */
/* ROUTE: POST /api/v1/admin/units */
st_rc
h_unit_add(struct req *r)
{
	struct unit_in in;
	struct db_val p[6];
	struct db_res res;
	char id[SECURE_ID_SIZE];
	unsigned long long rowid = 0;
	const char *why;
	enum account_field f;
	int taken;
	st_rc rc;

	in.code = req_input(r, "code");
	in.name = req_input(r, "name");
	in.kind = req_input(r, "kind");
	if (in.code == NULL)
		in.code = "";
	if ((f = unit_check(&in, &why)) != AF_OK)
		return list_page(r, 422, account_field_name(f), _(why));
	p[0] = p[1] = DV_INT(r->who.municipality_id);
	p[2] = DV_STR(in.code);
	if ((rc = db_query(&r->w->db, STMT_UNIT_CODE_TAKEN, p, 3, 1, &res)) !=
	    ST_OK)
		return rc;
	taken = db_get_int(&res, 0, 0) > 0;
	db_res_release(&res);
	if (taken)
		return list_page(r, 422, "code",
		    _("Another unit has this code already. Codes are unique."));
	if ((rc = admin_name_taken(r, STMT_UNIT_NAME_TAKEN, in.name, 0,
	    &taken)) != ST_OK)
		return rc;
	if (taken)
		return list_page(r, 422, "name", name_taken_message());
	secure_random_id(id);
	p[0] = DV_INT(r->who.municipality_id);
	p[1] = DV_STR(id);
	p[2] = DV_STR(in.code);
	p[3] = DV_STR(in.name);
	p[4] = DV_STR(in.kind);
	p[5] = DV_INT(admin_yes(req_input(r, "external")));
	if ((rc = db_begin(&r->w->db)) != ST_OK)
		return rc;
	rc = db_exec(&r->w->db, STMT_UNIT_INSERT, p, 6, NULL, &rowid);
	if (rc == ST_E_CONFLICT) {
		/* made by someone else since the check above */
		db_rollback(&r->w->db);
		return list_page(r, 422, "code",
		    _("Another unit has this code already. Codes are unique."));
	}
	return commit_change(r, rc, "create", (long long)rowid, 201, id,
	    "unit-added");
}

/* ROUTE: POST /admin/units/{id} */
/* ROUTE: POST /api/v1/admin/units/{id} */
st_rc
h_unit_update(struct req *r)
{
	struct unit_in in;
	struct db_val p[4];
	struct db_res res;
	const char *why;
	enum account_field f;
	long long rowid;
	int taken;
	st_rc rc;

	p[0] = DV_INT(r->who.municipality_id);
	p[1] = DV_STR(r->arg);
	if ((rc = db_query(&r->w->db, STMT_UNIT_ADMIN_GET, p, 2, 1, &res)) !=
	    ST_OK)
		return rc;
	rowid = res.nrows == 1 ? db_get_int(&res, 0, UA_ROWID) : 0;
	db_res_release(&res);
	if (rowid == 0)
		return resp_error(r, 404, _("There is no such unit."));
	/* The code stays what it was: forms and seeds name the unit by
	 * it. One sent anyway is not looked at. */
	in.code = NULL;
	in.name = req_input(r, "name");
	in.kind = req_input(r, "kind");
	if ((f = unit_check(&in, &why)) != AF_OK)
		return show_page(r, 422, account_field_name(f), _(why));
	if ((rc = admin_name_taken(r, STMT_UNIT_NAME_TAKEN, in.name, rowid,
	    &taken)) != ST_OK)
		return rc;
	if (taken)
		return show_page(r, 422, "name", name_taken_message());
	p[0] = DV_STR(in.name);
	p[1] = DV_STR(in.kind);
	p[2] = DV_INT(admin_yes(req_input(r, "external")));
	p[3] = DV_INT(rowid);
	if ((rc = db_begin(&r->w->db)) != ST_OK)
		return rc;
	rc = db_exec(&r->w->db, STMT_UNIT_UPDATE, p, 4, NULL, NULL);
	return commit_change(r, rc, "update", rowid, 200, r->arg,
	    "unit-saved");
}
