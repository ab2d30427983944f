/* h_forms.c: form definitions, and submitting a form (browser and API). */
#include "config.h"

#include <string.h>

#include "concern.h"
#include "form.h"
#include "handlers.h"
#include "log.h"
#include "route.h"
#include "view.h"
#include "worker.h"

/*
 * Forms that start something on their own, without a case to belong to.
 * The others (consent, minutes, ...) are filled in within a case.
 */
static int
standalone(const char *id)
{
	return strcmp(id, "concern") == 0;
}

static void
free_doc(void *p)
{
	xmlFreeDoc(p);
}

static const struct form_def *
current(struct req *r)
{
	return formset_current(r->w->forms, r->arg);
}

/* The form page: the definition rendered with inst and errs. */
static st_rc
form_page(struct req *r, const struct form_def *def, xmlDocPtr inst,
    const struct form_errors *errs, int status, const char *notice)
{
	xmlNodePtr page = view_page(r, "form");
	st_rc rc;

	view_attrf(page, "action", "/forms/%s", def->id);
	if (notice != NULL)
		view_el(page, "notice", notice);
	if ((rc = form_view(def, &r->w->env, inst, errs, 0, page)) != ST_OK)
		return rc;
	return view_send(r, status, page);
}

/* ROUTE: GET /forms/{form} */
st_rc
h_form_show(struct req *r)
{
	const struct form_def *def = current(r);
	xmlDocPtr inst;
	st_rc rc;

	if (def == NULL || !standalone(def->id))
		return resp_error(r, 404, _("There is no such form."));
	inst = form_new_instance(def);
	rc = form_page(r, def, inst, NULL, 200, NULL);
	xmlFreeDoc(inst);
	return rc;
}

static st_rc
submitted(struct req *r, const struct form_def *def, xmlDocPtr inst)
{
	struct concern_receipt rec;
	struct form_errors errs;
	char loc[64];
	st_rc rc;

	form_errors_init(&errs);
	if ((rc = form_validate(def, &r->w->env, inst, &errs, 1)) != ST_OK) {
		form_errors_release(&errs);
		return rc;
	}
	if (errs.n > 0) {
		/* Shown again with everything typed kept, errors inline. */
		rc = form_page(r, def, inst, &errs, 422, NULL);
		form_errors_release(&errs);
		return rc;
	}
	form_errors_release(&errs);
	if ((rc = concern_create(r, def, inst, &rec)) != ST_OK)
		return rc;
	snprintf(loc, sizeof(loc), "/concerns/%s?new=1", rec.id);
	return resp_redirect(r, loc);
}

/* ROUTE: POST /forms/{form} */
st_rc
h_form_submit(struct req *r)
{
	const struct form_def *def = current(r);
	xmlDocPtr inst;
	st_rc rc;

	if (def == NULL || !standalone(def->id))
		return resp_error(r, 404, _("There is no such form."));
	if ((rc = form_from_fields(def, &r->form, &inst)) != ST_OK)
		return rc;
	rc = submitted(r, def, inst);
	xmlFreeDoc(inst);
	return rc;
}

st_rc
form_page_resume(struct req *r, const char *id, const struct fields *fields)
{
	const struct form_def *def = formset_current(r->w->forms, id);
	xmlDocPtr inst;
	st_rc rc;

	if (def == NULL || !standalone(def->id) ||
	    !route_permits(PERM_STAFF, &r->who))
		return resp_redirect(r, "/");
	if ((rc = form_from_fields(def, fields, &inst)) != ST_OK)
		return rc;
	rc = form_page(r, def, inst, NULL, 200, _("You are logged in again. Check what you typed and send the form."));
	xmlFreeDoc(inst);
	return rc;
}

/* ROUTE: GET /api/v1/forms/{form} */
st_rc
h_api_form_get(struct req *r)
{
	const struct form_def *def = current(r);
	xmlChar *mem = NULL;
	int len = 0;
	st_rc rc;

	if (def == NULL)
		return resp_error(r, 404, _("There is no such form."));
	xmlDocDumpMemoryEnc(def->doc, &mem, &len, "UTF-8");
	if (mem == NULL)
		return ST_E_NOMEM;
	buf_reset(&r->out);
	rc = buf_add(&r->out, mem, (size_t)len);
	xmlFree(mem);
	r->status = 200;
	r->ctype = "application/xml; charset=utf-8";
	return rc;
}

/* ROUTE: POST /api/v1/forms/{form} */
st_rc
h_api_form_submit(struct req *r)
{
	const struct form_def *def = current(r);
	struct concern_receipt rec;
	struct form_errors errs;
	xmlNodePtr doc, n;
	xmlDocPtr inst;
	char loc[64];
	size_t i;
	st_rc rc;

	if (def == NULL || !standalone(def->id))
		return resp_error(r, 404, _("There is no such form."));
	/* Validation completes and prunes the instance: work on a copy, so
	 * the request can be run again after a lost database connection. */
	inst = pool_add(&r->pool, free_doc, xmlCopyDoc(r->xml, 1));
	form_errors_init(&errs);
	if ((rc = form_validate(def, &r->w->env, inst, &errs, 1)) != ST_OK) {
		form_errors_release(&errs);
		return rc;
	}
	if (errs.n > 0) {
		doc = view_doc(r, "errors");
		view_attr(doc, "form", def->id);
		view_attrf(doc, "version", "%u", def->version);
		for (i = 0; i < errs.n; i++) {
			n = view_el(doc, "error", errs.v[i].message);
			view_attr(n, "path", errs.v[i].path);
			if (errs.v[i].label != NULL)
				view_attr(n, "label", errs.v[i].label);
		}
		form_errors_release(&errs);
		return view_send(r, 422, doc);
	}
	form_errors_release(&errs);
	if ((rc = concern_create(r, def, inst, &rec)) != ST_OK)
		return rc;
	snprintf(loc, sizeof(loc), "/api/v1/concerns/%s", rec.id);
	if ((rc = resp_header(r, "Location", loc)) != ST_OK)
		return rc;
	doc = view_doc(r, "receipt");
	view_el(doc, "id", rec.id);
	view_el(doc, "reference", rec.reference);
	n = view_el(doc, "form", NULL);
	view_attr(n, "id", def->id);
	view_attrf(n, "version", "%u", def->version);
	view_el(doc, "level", "0");
	view_el(doc, "status", "open");
	view_el(doc, "deadline", rec.deadline);
	view_el(doc, "urgent", rec.urgent ? "true" : "false");
	view_el(doc, "location", loc);
	if (rec.urgent)
		view_el(doc, "notice", _("Urgent: phone the child welfare emergency service (barnevernvakten) or 112 now. Your leader has been alerted."));
	return view_send(r, 201, doc);
}
