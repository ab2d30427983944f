/* h_consultation.c: a two-year consultation, the record the
 * kindergarten, the health clinic and the parents share. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "consultation.h"
#include "dates.h"
#include "handlers.h"
#include "route.h"
#include "view.h"
#include "worker.h"

/* ROUTE: GET /consultations/{id} */
st_rc
h_consultation_show(struct req *r)
{
	struct consultation_row k;
	struct db_res *res = &k.res;
	char local[LOCAL_TIME_SIZE];
	xmlNodePtr page, c;
	int ok;
	st_rc rc;

	if ((rc = consultation_load(r, r->arg, &k, &ok)) != ST_OK || !ok)
		return rc;
	page = view_page(r, "consultation");
	c = view_el(page, "consultation", NULL);
	view_attr(c, "id", db_get(res, 0, KG_PUBLIC_ID));
	view_attr(c, "role", k.role);
	view_attr(c, "child", db_get(res, 0, KG_CHILD_NAME));
	view_attr(c, "birth-date", db_get(res, 0, KG_CHILD_BIRTH));
	view_attr(c, "held-on", db_get(res, 0, KG_HELD_ON));
	view_attr(c, "author", db_get(res, 0, KG_AUTHOR_NAME));
	view_attr(c, "unit", db_get(res, 0, KG_UNIT_NAME));
	view_attr(c, "kindergarten", db_get(res, 0, KG_KINDERGARTEN));
	view_attr(c, "health-clinic", db_get(res, 0, KG_HEALTH_CLINIC));
	view_attr(c, "persons", db_get(res, 0, KG_PERSONS));
	dates_local(local, db_get(res, 0, KG_CREATED));
	view_attr(c, "created", local);
	if (fields_get(&r->qs, "new") != NULL)
		view_attr(c, "new", "true");
	/* The concern its follow-up made: linked for its author's side (the
	 * concern page decides who reads it), named for everyone. */
	if (db_get(res, 0, KG_CONCERN) != NULL) {
		view_attr(c, "concern-ref", db_get(res, 0, KG_CONCERN_REF));
		if (strcmp(k.role, "author") == 0 ||
		    strcmp(k.role, "leader") == 0)
			view_attr(c, "concern", db_get(res, 0, KG_CONCERN));
	}
	rc = form_view_stored(r->w->forms, &r->w->env,
	    db_get(res, 0, KG_FORM), (unsigned)db_get_int(res, 0, KG_VERSION),
	    db_get(res, 0, KG_INSTANCE), db_get_len(res, 0, KG_INSTANCE),
	    NULL, c);
	consultation_release(&k);
	if (rc != ST_OK)
		return rc;
	return view_send(r, 200, page);
}

/* ROUTE: GET /api/v1/consultations/{id} */
st_rc
h_api_consultation_get(struct req *r)
{
	struct consultation_row k;
	struct db_res *res = &k.res;
	char hdr[64];
	int ok;
	st_rc rc;

	if ((rc = consultation_load(r, r->arg, &k, &ok)) != ST_OK || !ok)
		return rc;
	/* The instance exactly as stored; what we know of it in headers. */
	snprintf(hdr, sizeof(hdr), "%s; version=%s", db_get(res, 0, KG_FORM),
	    db_get(res, 0, KG_VERSION));
	rc = resp_header(r, "Stafett-Form", hdr);
	if (rc == ST_OK && db_get(res, 0, KG_CONCERN) != NULL &&
	    (strcmp(k.role, "author") == 0 || strcmp(k.role, "leader") == 0))
		rc = resp_header(r, "Stafett-Concern",
		    db_get(res, 0, KG_CONCERN));
	if (rc == ST_OK)
		rc = resp_text(r, 200, "application/xml; charset=utf-8",
		    db_get(res, 0, KG_INSTANCE));
	consultation_release(&k);
	return rc;
}
