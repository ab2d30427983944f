/* admin_change.c: what the administrator's pages share (h_unit.c,
 * h_person.c, h_partner.c, h_team_admin.c): the end of a change, the
 * error about a field of a form, a checkbox's yes. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "audit.h"
#include "codelists.h"
#include "db.h"
#include "handlers.h"
#include "route.h"
#include "view.h"
#include "worker.h"

/*
 * Who may work in stafett, in which unit and role, decides who can be
 * given a child's case: every change is recorded with who made it, in
 * the same transaction. This worker's forms list units and staff afresh;
 * the others within a minute (codelists.h).
 */
st_rc
admin_change_commit(struct req *r, st_rc rc, const char *action,
    const char *object, long long rowid, int status, const char *base,
    const char *pid, const char *done)
{
	char loc[128];

	if (rc == ST_OK)
		rc = audit_log(r, action, object, rowid, 0);
	if (rc == ST_OK)
		rc = db_commit(&r->w->db);
	if (rc != ST_OK) {
		db_rollback(&r->w->db);
		return rc;
	}
	codelists_stale(r->w->codes);
	snprintf(loc, sizeof(loc), "%s/%s", base, pid);
	return resp_done_note(r, status, loc, done);
}

void
admin_error(struct req *r, xmlNodePtr root, const char *form,
    const char *field, const char *message)
{
	xmlNodePtr e;

	e = view_el(root, "error", message);
	view_attr(e, "form", form);
	view_attr(e, "field", field);
	view_typed(r, root, "form", form);
}

int
admin_yes(const char *v)
{
	return v != NULL && (strcmp(v, "yes") == 0 || strcmp(v, "true") == 0 ||
	    strcmp(v, "1") == 0 || strcmp(v, "on") == 0);
}

st_rc
admin_name_taken(struct req *r, enum stmt_id sid, const char *name,
    long long rowid, int *taken)
{
	struct db_val p[3];
	struct db_res res;
	st_rc rc;

	p[0] = DV_INT(r->who.municipality_id);
	p[1] = DV_STR(name);
	p[2] = DV_INT(rowid);
	if ((rc = db_query(&r->w->db, sid, p, 3, 1, &res)) != ST_OK)
		return rc;
	*taken = db_get_int(&res, 0, 0) > 0;
	db_res_release(&res);
	return ST_OK;
}

st_rc
admin_units(struct req *r, xmlNodePtr root)
{
	struct db_val p[1];
	struct db_res res;
	xmlNodePtr list, u;
	size_t i;
	st_rc rc;

	if (req_is_api(r))
		return ST_OK;
	p[0] = DV_INT(r->who.municipality_id);
	/* STMT_UNIT_ADMIN_LIST: public_id, code, name, kind, ... */
	if ((rc = db_query(&r->w->db, STMT_UNIT_ADMIN_LIST, p, 1, 5000,
	    &res)) != ST_OK)
		return rc;
	list = view_el(root, "units", NULL);
	for (i = 0; i < res.nrows; i++) {
		u = view_el(list, "unit", NULL);
		view_attr(u, "id", db_get(&res, i, 0));
		view_attr(u, "name", db_get(&res, i, 2));
		view_attr(u, "kind", db_get(&res, i, 3));
	}
	db_res_release(&res);
	return ST_OK;
}
