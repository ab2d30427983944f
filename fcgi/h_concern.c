/* h_concern.c: one concern: its receipt and stored instance. */
#include "config.h"

#include <string.h>

#include "access.h"
#include "audit.h"
#include "dates.h"
#include "db.h"
#include "form.h"
#include "handlers.h"
#include "route.h"
#include "view.h"
#include "worker.h"

/* Columns of STMT_CONCERN_GET. */
enum { CG_ID, CG_PUBLIC_ID, CG_REFERENCE, CG_UNIT, CG_AUTHOR, CG_CHILD,
	CG_ANONYMOUS, CG_URGENT, CG_LEVEL, CG_STATUS, CG_DEADLINE, CG_CREATED,
	CG_FORM, CG_VERSION, CG_INSTANCE, CG_UNIT_NAME, CG_AUTHOR_NAME,
	CG_CHILD_NAME };

/*
 * Load the concern named by r->arg and check that the user may see it;
 * on success *res holds the row and the read is audited. Otherwise the
 * response is already set (*res empty) and ST_OK is returned.
 */
static st_rc
load(struct req *r, struct db_res *res, int *found)
{
	struct db_val p[1];
	st_rc rc;

	*found = 0;
	p[0] = DV_STR(r->arg);
	if ((rc = db_query(&r->w->db, STMT_CONCERN_GET, p, 1, 1, res)) != ST_OK)
		return rc;
	if (res->nrows == 0) {
		db_res_release(res);
		return resp_error(r, 404, _("There is no such concern."));
	}
	if (!access_concern_read(&r->who, db_get_int(res, 0, CG_UNIT),
	    db_get_int(res, 0, CG_AUTHOR))) {
		db_res_release(res);
		return resp_error(r, 403, _("You do not have access to this concern."));
	}
	/* The read is recorded before anything is shown. */
	if ((rc = audit_log(r, "read", "concern", db_get_int(res, 0, CG_ID),
	    db_get_int(res, 0, CG_CHILD))) != ST_OK) {
		db_res_release(res);
		return rc;
	}
	*found = 1;
	return ST_OK;
}

/* ROUTE: GET /concerns/{id} */
st_rc
h_concern_show(struct req *r)
{
	struct db_res res;
	xmlNodePtr page, c;
	char local[LOCAL_TIME_SIZE];
	int found;
	st_rc rc;

	if ((rc = load(r, &res, &found)) != ST_OK || !found)
		return rc;
	page = view_page(r, "concern");
	c = view_el(page, "concern", NULL);
	view_attr(c, "id", db_get(&res, 0, CG_PUBLIC_ID));
	view_attr(c, "reference", db_get(&res, 0, CG_REFERENCE));
	view_attr(c, "level", db_get(&res, 0, CG_LEVEL));
	view_attr(c, "status", db_get(&res, 0, CG_STATUS));
	view_attr(c, "deadline", db_get(&res, 0, CG_DEADLINE));
	dates_local(local, db_get(&res, 0, CG_CREATED));
	view_attr(c, "created", local);
	view_attr(c, "unit", db_get(&res, 0, CG_UNIT_NAME));
	view_attr(c, "author", db_get(&res, 0, CG_AUTHOR_NAME));
	view_attr(c, "child", db_get(&res, 0, CG_CHILD_NAME));
	if (db_get_int(&res, 0, CG_URGENT))
		view_attr(c, "urgent", "true");
	if (db_get_int(&res, 0, CG_ANONYMOUS))
		view_attr(c, "anonymous", "true");
	if (fields_get(&r->qs, "new") != NULL)
		view_attr(c, "new", "true");
	/* The stored instance renders with the version it was made with. */
	rc = form_view_stored(r->w->forms, &r->w->env,
	    db_get(&res, 0, CG_FORM),
	    (unsigned)db_get_int(&res, 0, CG_VERSION),
	    db_get(&res, 0, CG_INSTANCE), db_get_len(&res, 0, CG_INSTANCE),
	    c);
	db_res_release(&res);
	if (rc != ST_OK)
		return rc;
	return view_send(r, 200, page);
}

/* ROUTE: GET /api/v1/concerns/{id} */
st_rc
h_api_concern_get(struct req *r)
{
	struct db_res res;
	char hdr[64];
	int found;
	st_rc rc;

	if ((rc = load(r, &res, &found)) != ST_OK || !found)
		return rc;
	/* The instance exactly as stored; what we know of it in headers. */
	snprintf(hdr, sizeof(hdr), "%s; version=%s", db_get(&res, 0, CG_FORM),
	    db_get(&res, 0, CG_VERSION));
	rc = resp_header(r, "Stafett-Form", hdr);
	if (rc == ST_OK)
		rc = resp_header(r, "Stafett-Reference",
		    db_get(&res, 0, CG_REFERENCE));
	if (rc == ST_OK)
		rc = resp_header(r, "Stafett-Level", db_get(&res, 0, CG_LEVEL));
	if (rc == ST_OK)
		rc = resp_header(r, "Stafett-Status",
		    db_get(&res, 0, CG_STATUS));
	if (rc == ST_OK)
		rc = resp_header(r, "Stafett-Deadline",
		    db_get(&res, 0, CG_DEADLINE));
	if (rc == ST_OK)
		rc = resp_text(r, 200, "application/xml; charset=utf-8",
		    db_get(&res, 0, CG_INSTANCE));
	db_res_release(&res);
	return rc;
}
