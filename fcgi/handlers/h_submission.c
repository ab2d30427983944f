/* h_submission.c: one form submission (a filled-in form that is not a
 * concern): its receipt and stored instance. */
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

/* Columns of STMT_SUBMISSION_GET. */
enum { SG_ID, SG_PUBLIC_ID, SG_FORM, SG_VERSION, SG_INSTANCE, SG_AUTHOR,
	SG_CREATED, SG_AUTHOR_NAME };

/*
 * Load the submission named by r->arg if the user may see it (its
 * author; cases add their participants later) and audit the read.
 */
static st_rc
load(struct req *r, struct db_res *res, int *found)
{
	struct db_val p[1];
	st_rc rc;

	*found = 0;
	p[0] = DV_STR(r->arg);
	if ((rc = db_query(&r->w->db, STMT_SUBMISSION_GET, p, 1, 1, res)) !=
	    ST_OK)
		return rc;
	if (res->nrows == 0) {
		db_res_release(res);
		return resp_not_found(r);
	}
	if (!access_submission_read(&r->who, db_get_int(res, 0, SG_AUTHOR))) {
		db_res_release(res);
		return resp_not_found(r);
	}
	if ((rc = audit_log(r, "read", "submission", db_get_int(res, 0,
	    SG_ID), 0)) != ST_OK) {
		db_res_release(res);
		return rc;
	}
	*found = 1;
	return ST_OK;
}

/* ROUTE: GET /submissions/{id} */
st_rc
h_submission_show(struct req *r)
{
	struct db_res res;
	xmlNodePtr page, s;
	char local[LOCAL_TIME_SIZE];
	int found;
	st_rc rc;

	if ((rc = load(r, &res, &found)) != ST_OK || !found)
		return rc;
	page = view_page(r, "submission");
	s = view_el(page, "submission", NULL);
	view_attr(s, "id", db_get(&res, 0, SG_PUBLIC_ID));
	view_attr(s, "author", db_get(&res, 0, SG_AUTHOR_NAME));
	dates_local(local, db_get(&res, 0, SG_CREATED));
	view_attr(s, "created", local);
	if (fields_get(&r->qs, "new") != NULL)
		view_attr(s, "new", "true");
	/* It renders with the version it was made with. */
	rc = form_view_stored(r->w->forms, &r->w->env,
	    db_get(&res, 0, SG_FORM),
	    (unsigned)db_get_int(&res, 0, SG_VERSION),
	    db_get(&res, 0, SG_INSTANCE), db_get_len(&res, 0, SG_INSTANCE),
	    NULL, s);
	db_res_release(&res);
	if (rc != ST_OK)
		return rc;
	return view_send(r, 200, page);
}

/* ROUTE: GET /api/v1/submissions/{id} */
st_rc
h_api_submission_get(struct req *r)
{
	struct db_res res;
	char hdr[64];
	int found;
	st_rc rc;

	if ((rc = load(r, &res, &found)) != ST_OK || !found)
		return rc;
	/* The instance exactly as stored; what we know of it in headers. */
	snprintf(hdr, sizeof(hdr), "%s; version=%s",
	    db_get(&res, 0, SG_FORM), db_get(&res, 0, SG_VERSION));
	rc = resp_header(r, "Stafett-Form", hdr);
	if (rc == ST_OK)
		rc = resp_text(r, 200, "application/xml; charset=utf-8",
		    db_get(&res, 0, SG_INSTANCE));
	db_res_release(&res);
	return rc;
}
