/* h_forms.c: forms: the definitions, filling one in (rows, drafts) and
 * submitting it, in the browser and through the API. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "caseform.h"
#include "concern.h"
#include "consultation.h"
#include "dates.h"
#include "form.h"
#include "handlers.h"
#include "log.h"
#include "replay.h"
#include "route.h"
#include "submission.h"
#include "view.h"
#include "worker.h"

/*
 * The definition a request means: the current version, or ?version=N
 * (API clients built against an older version keep working).
 */
static const struct form_def *
wanted(struct req *r)
{
	const char *v = fields_get(&r->qs, "version");
	char *end;
	unsigned long n;

	if (v == NULL)
		return formset_current(r->w->forms, r->arg);
	n = strtoul(v, &end, 10);
	if (*v == '\0' || *end != '\0' || n == 0 || n > 100000)
		return NULL;
	return formset_get(r->w->forms, r->arg, (unsigned)n);
}

/* The form page: the definition rendered with inst and errs. */
static st_rc
form_page(struct req *r, const struct form_def *def, xmlDocPtr inst,
    const struct form_errors *errs, int status, const char *notice,
    const char *draft)
{
	xmlNodePtr page = view_page(r, "form");
	const struct form_env *env;
	struct formctx ctx;
	int ok;
	st_rc rc;

	/* A form for a case says which, and who may fill it in is checked
	 * before it is shown; its lists may be the case's (its people). */
	formctx_read(r, &ctx);
	if (formctx_any(&ctx) && ((rc = caseform_check(r, def, &ctx, page,
	    &ok)) != ST_OK || !ok))
		return rc;
	if ((rc = caseform_env(r, def, &ctx, &env, &ok)) != ST_OK || !ok)
		return rc;
	view_attrf(page, "action", "/forms/%s", def->id);
	/* the forms that tell people to phone child welfare first */
	if (strcmp(def->id, "concern") == 0 ||
	    strcmp(def->id, "cw-report") == 0)
		concern_emergency_view(r, page);
	/* the language switch sends this form along (_layout.xsl) */
	view_attr(page, "form-id", "xform");
	if (draft != NULL && *draft != '\0')
		view_attr(page, "draft", draft);
	if (notice != NULL)
		view_el(page, "notice", notice);
	if ((rc = form_view(def, env, inst, errs, 0, page)) != ST_OK)
		return rc;
	return view_send(r, status, page);
}

/* ROUTE: GET /forms/{form} */
st_rc
h_form_show(struct req *r)
{
	const char *id = fields_get(&r->qs, "draft");
	const struct form_def *def;
	struct draft d;
	xmlDocPtr inst;
	st_rc rc;

	if (id == NULL) {
		if ((def = formset_current(r->w->forms, r->arg)) == NULL)
			return resp_error(r, 404, _("There is no such form."));
		struct formctx ctx;
		int ok;

		/* What the case stored (a draft of minutes, edited) or what it
		 * knows (prefilled): nothing is typed twice. Who may fill it
		 * in is checked first: those reads are audited. */
		formctx_read(r, &ctx);
		if (formctx_any(&ctx) && ((rc = caseform_check(r, def, &ctx,
		    NULL, &ok)) != ST_OK || !ok))
			return rc;
		inst = NULL;
		if (formctx_any(&ctx) && (rc = caseform_stored(r, &ctx, &def,
		    &inst)) != ST_OK)
			return rc;
		if (inst == NULL) {
			inst = form_new_instance(def);
			if (formctx_any(&ctx) && (rc = caseform_prefill(r, def,
			    &ctx, inst)) != ST_OK) {
				xmlFreeDoc(inst);
				return rc;
			}
		}
		rc = form_page(r, def, inst, NULL, 200, NULL, NULL);
		xmlFreeDoc(inst);
		return rc;
	}
	/* A draft renders with the version it was begun with. */
	rc = draft_load(r, id, &d);
	if (rc == ST_E_NOT_FOUND || (rc == ST_OK &&
	    strcmp(d.form_id, r->arg) != 0)) {
		if (d.inst != NULL)
			xmlFreeDoc(d.inst);
		return resp_error(r, 404, _("The draft does not exist: it may have been sent, deleted, or have expired."));
	}
	if (rc != ST_OK)
		return rc;
	pool_add(&r->pool, view_free_doc, d.inst);
	if ((def = formset_get(r->w->forms, d.form_id, d.version)) == NULL)
		return resp_error(r, 404, _("There is no such form."));
	{
		/* How long it is kept, who sees it, how to be rid of it. */
		char local[LOCAL_TIME_SIZE], until[LOCAL_TIME_SIZE];
		char note[1024];

		dates_local(local, d.expires);
		dates_shown(until, local, i18n_current() != LANG_EN);
		snprintf(note, sizeof(note), fields_get(&r->qs, "saved") !=
		    NULL ?
		    _("The draft is saved. Only you can see it. It is kept until %s; saving it again keeps it longer. You can delete it at the end of the form.") :
		    _("This is your draft. Only you can see it. It is kept until %s; saving it again keeps it longer. You can delete it at the end of the form."),
		    until);
		return form_page(r, def, d.inst, NULL, 200, note, id);
	}
}

static st_rc receipt_send(struct req *r, const struct form_def *def,
    const char *loc, const struct concern_receipt *rec,
    const struct caseform_notice *notice);

struct answer {
	const struct form_def		*def;
	int				 api;
	const struct caseform_notice	*notice;
};

/* A new concern's answer: its receipt, or (a browser) its page. */
static st_rc
concern_answer(struct req *r, const struct concern_receipt *rec, void *arg)
{
	const struct answer *a = arg;
	char loc[160];

	snprintf(loc, sizeof(loc), a->api ? "/api/v1/concerns/%s" :
	    "/concerns/%s?new=1", rec->id);
	if (!a->api)
		return resp_redirect(r, loc);
	return receipt_send(r, a->def, loc, rec, a->notice);
}

/*
 * Store a valid instance: a concern (rec is filled in), or a form
 * submission (a form for a case: notice says what it sent a partner).
 * loc gets the new resource's address.
 */
static st_rc
store(struct req *r, const struct form_def *def, xmlDocPtr inst,
    const char *draft, char *loc, size_t loclen, int api,
    struct concern_receipt *rec, struct caseform_notice *notice,
    struct form_errors *errs, int *responded)
{
	char id[SECURE_ID_SIZE];
	struct formctx ctx;
	int replayed;
	st_rc rc;

	memset(rec, 0, sizeof(*rec));
	memset(notice, 0, sizeof(*notice));
	*responded = 0;
	formctx_read(r, &ctx);
	if (formctx_any(&ctx))
		return caseform_store(r, def, inst, &ctx, draft, errs, loc,
		    loclen, notice, responded);
	if (strcmp(def->id, "concern") == 0) {
		struct answer a = { def, api, notice };

		/* answered before the writes, to be stored with them */
		*responded = 1;
		return concern_create(r, def, inst, draft, rec, concern_answer,
		    &a, &replayed);
	}
	if (strcmp(def->id, "two-year") == 0) {
		char concern[SECURE_ID_SIZE];

		if ((rc = consultation_create(r, def, inst, draft, errs, id,
		    concern)) != ST_OK)
			return rc;
		snprintf(loc, loclen, api ? "/api/v1/consultations/%s" :
		    "/consultations/%s?new=1", id);
		return ST_OK;
	}
	if ((rc = submission_create(r, def, inst, draft, id)) != ST_OK)
		return rc;
	snprintf(loc, loclen, api ? "/api/v1/submissions/%s" :
	    "/submissions/%s?new=1", id);
	return ST_OK;
}

/*
 * What the page a case form leads to confirms (resp_done_note); a
 * concern and a consultation have receipts of their own.
 */
static const char *
done_note(const struct form_def *def, const struct formctx *c)
{
	static const struct { const char *form, *note; } notes[] = {
		{ "closing", "log-closed" },
		{ "consent", "consent-recorded" },
		{ "cw-report", "form-saved" },
		{ "evaluation", "evaluation-saved" },
		{ "handover", "handover-proposed" },
		{ "minutes", "minutes-saved" },
		{ "nav-notice", "form-saved" },
		{ "referral", "form-saved" },
	};
	size_t i;

	if (!formctx_any(c))
		return NULL;
	for (i = 0; i < sizeof(notes) / sizeof(notes[0]); i++)
		if (strcmp(notes[i].form, def->id) == 0)
			return notes[i].note;
	return NULL;
}

/* ROUTE: POST /forms/{form} */
st_rc
h_form_submit(struct req *r)
{
	const char *draft = fields_get(&r->form, "_draft");
	const char *action = fields_get(&r->form, "_action");
	const struct form_def *def;
	const struct form_env *env;
	struct form_errors errs;
	struct concern_receipt rec;
	struct caseform_notice notice;
	struct formctx fctx;
	char id[SECURE_ID_SIZE], loc[384];
	xmlDocPtr inst;
	int responded, ok;
	st_rc rc;

	formctx_read(r, &fctx);
	if (draft != NULL && *draft == '\0')
		draft = NULL;
	if (action == NULL || *action == '\0')
		action = "submit";
	if (draft != NULL) {
		/* Its draft's version, whichever is current now. */
		struct draft d;

		rc = draft_load(r, draft, &d);
		if (d.inst != NULL)
			xmlFreeDoc(d.inst);
		if (rc == ST_E_NOT_FOUND || (rc == ST_OK &&
		    strcmp(d.form_id, r->arg) != 0))
			return resp_error(r, 404, _("The draft does not exist: it may have been sent, deleted, or have expired."));
		if (rc != ST_OK)
			return rc;
		def = formset_get(r->w->forms, d.form_id, d.version);
	} else if ((def = formset_current(r->w->forms, r->arg)) != NULL &&
	    formctx_any(&fctx) && (rc = caseform_stored(r, &fctx, &def,
	    NULL)) != ST_OK)
		return rc;	/* an edited draft of minutes: its version */
	if (def == NULL)
		return resp_error(r, 404, _("There is no such form."));
	rc = form_from_fields(def, &r->form, &inst);
	if (rc == ST_E_INVALID)
		return resp_error(r, 400, _("The form's rows could not be read."));
	if (rc != ST_OK)
		return rc;
	pool_add(&r->pool, view_free_doc, inst);
	{
		/* In the browser the new holder is chosen from the list, and
		 * an evaluation is of the measure it was opened from: what
		 * the form says of them is what the log says. */
		struct formctx ctx;

		formctx_read(r, &ctx);
		if ((rc = caseform_decided(r, def, &ctx, inst)) != ST_OK)
			return rc;
	}
	if (req_switch_lang(r, fields_get(&r->form, "_lang")))
		/* Shown again in another language, as typed, not saved. */
		return form_page(r, def, inst, NULL, 200, NULL, draft);
	if (fields_get(&r->form, "_lang") != NULL)
		return resp_error(r, 400, _("The request could not be understood."));
	if (strncmp(action, "insert:", 7) == 0 ||
	    strncmp(action, "delete:", 7) == 0) {
		/* Add or remove a row, as XForms' insert and delete. */
		if (form_action(def, inst, action) != ST_OK)
			return resp_error(r, 400, _("There is no such row."));
		return form_page(r, def, inst, NULL, 200, NULL, draft);
	}
	if (strcmp(action, "save") == 0) {
		snprintf(id, sizeof(id), "%s", draft != NULL ? draft : "");
		if ((rc = draft_save(r, def, inst, id)) == ST_E_NOT_FOUND)
			return resp_error(r, 404, _("The draft does not exist: it may have been sent, deleted, or have expired."));
		if (rc != ST_OK)
			return rc;
		{
			struct formctx ctx;
			char q[256];

			/* the draft stays bound to its case */
			formctx_read(r, &ctx);
			formctx_query(&ctx, q, sizeof(q));
			snprintf(loc, sizeof(loc),
			    "/forms/%s?draft=%s&saved=1%s", def->id, id, q);
		}
		return resp_redirect(r, loc);
	}
	if (strcmp(action, "submit") != 0)
		return resp_error(r, 400, _("The request could not be understood."));
	if ((rc = caseform_env(r, def, &fctx, &env, &ok)) != ST_OK || !ok)
		return rc;
	form_errors_init(&errs);
	if ((rc = form_validate(def, env, inst, &errs, 1)) != ST_OK) {
		form_errors_release(&errs);
		return rc;
	}
	if (errs.n == 0) {
		rc = store(r, def, inst, draft, loc, sizeof(loc), 0, &rec,
		    &notice, &errs, &responded);
		if (rc != ST_E_INVALID) {
			form_errors_release(&errs);
			if (rc != ST_OK || responded)
				return rc;
			{
				struct formctx ctx;
				const char *note;

				formctx_read(r, &ctx);
				if ((note = done_note(def, &ctx)) != NULL)
					return resp_done_note(r, 303, loc,
					    note);
			}
			return resp_redirect(r, loc);
		}
	}
	/* Shown again with everything typed kept, errors inline. */
	rc = form_page(r, def, inst, &errs, 422, NULL, draft);
	form_errors_release(&errs);
	return rc;
}

st_rc
form_page_resume(struct req *r, const char *id, const struct fields *fields)
{
	const struct form_def *def = formset_current(r->w->forms, id);
	xmlDocPtr inst;
	st_rc rc;

	if (def == NULL || !route_permits(PERM_STAFF, &r->who))
		return resp_redirect(r, "/");
	if ((rc = form_from_fields(def, fields, &inst)) != ST_OK)
		return rc;
	rc = form_page(r, def, inst, NULL, 200, _("You are logged in again. Check what you typed and send the form."), NULL);
	xmlFreeDoc(inst);
	return rc;
}

/* ROUTE: GET /api/v1/forms */
st_rc
h_api_forms(struct req *r)
{
	const struct formset *fs = r->w->forms;
	xmlNodePtr doc = view_doc(r, "forms"), f;
	size_t i;

	for (i = 0; i < fs->n; i++) {
		const struct form_def *def = fs->v[i];

		f = view_el(doc, "form", NULL);
		view_attr(f, "id", def->id);
		view_attrf(f, "version", "%u", def->version);
		if (formset_current(fs, def->id) == def)
			view_attr(f, "current", "true");
		view_el(f, "title", form_text(def->root, FORM_NS, "title",
		    r->lang));
		view_attrf(f, "href", "/api/v1/forms/%s?version=%u", def->id,
		    def->version);
		view_attrf(f, "schema", "/api/v1/forms/%s/schema?version=%u",
		    def->id, def->version);
	}
	return view_send(r, 200, doc);
}

/* ROUTE: GET /api/v1/forms/{form} */
st_rc
h_api_form_get(struct req *r)
{
	const struct form_def *def = wanted(r);

	if (def == NULL)
		return resp_error(r, 404, _("There is no such form."));
	return view_send_xml(r, 200, def->doc);
}

/* ROUTE: GET /api/v1/forms/{form}/schema */
st_rc
h_api_form_schema(struct req *r)
{
	const struct form_def *def = wanted(r);
	xmlDocPtr xsd;
	st_rc rc;

	if (def == NULL)
		return resp_error(r, 404, _("There is no such form."));
	if ((rc = form_schema(def, &xsd)) != ST_OK)
		return rc;
	rc = view_send_xml(r, 200, xsd);
	xmlFreeDoc(xsd);
	return rc;
}

/* ROUTE: POST /api/v1/forms/{form} */
st_rc
h_api_form_submit(struct req *r)
{
	const struct form_def *def = wanted(r);
	const struct form_env *env;
	struct form_errors errs;
	struct concern_receipt rec;
	struct caseform_notice notice;
	struct formctx ctx;
	xmlNodePtr doc, n;
	xmlDocPtr inst;
	char loc[160];
	int responded, ok;
	size_t i;
	st_rc rc;

	if (def == NULL)
		return resp_error(r, 404, _("There is no such form."));
	if (r->xml == NULL)
		return resp_error(r, 400, _("Send the filled-in form as an XML document."));
	/* Validation completes and prunes the instance: work on a copy, so
	 * the request can be run again after a lost database connection. */
	inst = pool_add(&r->pool, view_free_doc, xmlCopyDoc(r->xml, 1));
	/* a choice among the people of a log is held to that log's */
	formctx_read(r, &ctx);
	if ((rc = caseform_env(r, def, &ctx, &env, &ok)) != ST_OK || !ok)
		return rc;
	form_errors_init(&errs);
	if ((rc = form_validate(def, env, inst, &errs, 1)) != ST_OK) {
		form_errors_release(&errs);
		return rc;
	}
	if (errs.n == 0) {
		rc = store(r, def, inst, NULL, loc, sizeof(loc), 1, &rec,
		    &notice, &errs, &responded);
		if (rc != ST_E_INVALID && (rc != ST_OK || responded)) {
			form_errors_release(&errs);
			return rc;
		}
	}
	if (errs.n > 0) {
		int done;

		/* a repeat of a request that went through gets its answer */
		if ((rc = replay_claim(r, &done)) != ST_OK || done) {
			form_errors_release(&errs);
			return rc;
		}
		doc = view_doc(r, "errors");
		view_attr(doc, "form", def->id);
		view_attrf(doc, "version", "%u", def->version);
		/* the checks stopped at FORM_ERRORS_MAX: say so */
		if (errs.more)
			view_el(doc, "more", _("Only the first 50 errors are listed: correct them and send again to see the rest."));
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
	return receipt_send(r, def, loc, &rec, &notice);
}

/* The receipt of a stored form: 201 with its address. */
static st_rc
receipt_send(struct req *r, const struct form_def *def, const char *loc,
    const struct concern_receipt *rec, const struct caseform_notice *notice)
{
	xmlNodePtr doc, n;
	st_rc rc;

	if ((rc = resp_header(r, "Location", loc)) != ST_OK)
		return rc;
	doc = view_doc(r, "receipt");
	view_el(doc, "id", strrchr(loc, '/') + 1);
	n = view_el(doc, "form", NULL);
	view_attr(n, "id", def->id);
	view_attrf(n, "version", "%u", def->version);
	view_el(doc, "location", loc);
	if (rec->id[0] != '\0') {
		/* what a concern adds: its reference, level and deadline */
		view_el(doc, "reference", rec->reference);
		view_el(doc, "level", "0");
		view_el(doc, "status", "open");
		view_el(doc, "deadline", rec->deadline);
		view_el(doc, "urgent", rec->urgent ? "true" : "false");
		if (rec->urgent)
			view_el(doc, "notice", _("Urgent: phone the child welfare emergency service (barnevernvakten) or 112 now. Your leader has been alerted."));
	}
	if (notice->id[0] != '\0') {
		/* The notice to a partner it made, as it truly stands: sent
		 * by notify later, or by nobody. */
		n = view_el(doc, "delivery", notice->no_receiver ?
		    _("Not sent: no receiver is registered for this service, or deliveries to it are paused. Contact them another way (a report of concern: phone child welfare). The administrators have been alerted.") :
		    NULL);
		view_attr(n, "notice", notice->id);
		view_attr(n, "service", notice->service);
		view_attr(n, "status", notice->no_receiver ? "no_receiver" :
		    "queued");
	}
	return view_send(r, 201, doc);
}
