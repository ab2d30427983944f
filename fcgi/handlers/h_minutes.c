/* h_minutes.c: meeting minutes: reading them, and finalising them, when
 * their decisions become log events and their measures measures; minutes
 * that cannot be finalised are shown again with what is wrong. */
#include "config.h"

#include <string.h>
#include <strings.h>

#include "audit.h"
#include "caselog.h"
#include "db.h"
#include "handlers.h"
#include "i18n.h"
#include "labels.h"
#include "logview.h"
#include "minutes.h"
#include "route.h"
#include "view.h"
#include "worker.h"
#include "xmlsafe.h"

/* Columns of MINUTES_COLS, then form_id, form_version, instance. */
enum { MI_ID, MI_PUBLIC_ID, MI_LOG, MI_MEETING, MI_SUBMISSION, MI_STATUS,
	MI_CORRECTS, MI_AUTHOR, MI_AUTHOR_NAME, MI_CREATED, MI_FINALISED,
	MI_MEETING_PID, MI_CORRECTS_PID, MI_MEETING_STARTS, MI_FORM,
	MI_VERSION, MI_INSTANCE };

/* A draft is its author's alone until it is finalised. */
static int
hidden_draft(const struct req *r, const struct db_res *res)
{
	return strcmp(db_get(res, 0, MI_STATUS), "draft") == 0 &&
	    db_get_int(res, 0, MI_AUTHOR) != r->who.user_id;
}

/* The minutes r->arg and their log, with right; *ok = 0: responded. */
static st_rc
load(struct req *r, enum log_right right, struct db_res *res,
    struct caselog *l, int *ok)
{
	struct db_val p[1];

	p[0] = DV_STR(r->arg);
	return caselog_load_part(r, STMT_MINUTES_GET, p, 1, MI_LOG,
	    hidden_draft, right, res, l, ok);
}

/*
 * The minutes page: the minutes of res (row 0) in their log l, as
 * stored, with errs (may be NULL: none) beside the fields they are
 * about and listed at the top, with the way to correct them.
 */
static st_rc
page(struct req *r, const struct db_res *res, const struct caselog *l,
    const struct form_errors *errs, int status)
{
	xmlNodePtr root, m, list, e;
	size_t i;
	st_rc rc;

	root = view_page(r, "minutes");
	(void)logview_head(r, l, root);
	m = view_el(root, "minutes", NULL);
	logview_minutes_attrs(m, res, 0);
	if (db_get_int(res, 0, MI_AUTHOR) == r->who.user_id)
		view_attr(m, "mine", "true");
	if (errs != NULL && errs->n > 0) {
		list = view_el(m, "errors", NULL);
		for (i = 0; i < errs->n; i++) {
			e = view_el(list, "error", errs->v[i].message);
			view_attr(e, "for", errs->v[i].html_id);
			view_attr(e, "path", errs->v[i].path);
			if (errs->v[i].label != NULL)
				view_attr(e, "label", errs->v[i].label);
		}
	}
	rc = minutes_view_stored(r, db_get(res, 0, MI_FORM),
	    (unsigned)db_get_int(res, 0, MI_VERSION),
	    db_get(res, 0, MI_INSTANCE), db_get_len(res, 0, MI_INSTANCE),
	    errs, m);
	if (rc != ST_OK)
		return rc;
	return view_send(r, status, root);
}

/* ROUTE: GET /minutes/{id} */
/* ROUTE: GET /api/v1/minutes/{id} */
st_rc
h_minutes_show(struct req *r)
{
	struct db_res res;
	struct caselog l;
	int ok;
	st_rc rc;

	if ((rc = load(r, LR_READ, &res, &l, &ok)) != ST_OK || !ok)
		return rc;
	if (req_is_api(r)) {
		char hdr[64];

		snprintf(hdr, sizeof(hdr), "%s; version=%s",
		    db_get(&res, 0, MI_FORM), db_get(&res, 0, MI_VERSION));
		rc = resp_header(r, "Stafett-Form", hdr);
		if (rc == ST_OK)
			rc = resp_header(r, "Stafett-Status",
			    db_get(&res, 0, MI_STATUS));
		if (rc == ST_OK)
			rc = resp_text(r, 200, "application/xml; charset=utf-8",
			    db_get(&res, 0, MI_INSTANCE));
	} else
		rc = page(r, &res, &l, NULL, 200);
	db_res_release(&res);
	caselog_release(&l);
	return rc;
}

/* The text of n's child name, trimmed, owned by the pool ("" if none). */
static const char *
text_of(struct req *r, xmlNodePtr n, const char *name)
{
	xmlNodePtr c = form_child(n, name);
	xmlChar *t;
	char *s, *e;

	if (c == NULL || (t = xmlNodeGetContent(c)) == NULL)
		return "";
	s = pool_strdup(&r->pool, (const char *)t);
	xmlFree(t);
	while (*s == ' ' || *s == '\n' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\n' || e[-1] == '\t'))
		*--e = '\0';
	return s;
}

/*
 * What finalising records: every decision as an event, every measure as
 * a measure of its responsible person, whom minutes_check has held to
 * the holder and the participants of the log. A correction records its
 * decisions again, marked as a correction; measures are changed on the
 * log itself, not by correcting minutes.
 */
static st_rc
record(struct req *r, const struct caselog *l, const struct form_def *def,
    xmlDocPtr inst, const struct minutes_people *mp, long long minutes_id,
    const char *minutes_pid, int correction)
{
	struct db *db = &r->w->db;
	xmlNodePtr root = xmlDocGetRootElement(inst), n;
	struct evmsg m;
	char today[DATE_SIZE];
	struct db_val p[9];
	st_rc rc = ST_OK;

	dates_today(today);
	for (n = form_child(form_child(root, "decisions"), "decision");
	    n != NULL && rc == ST_OK; n = n->next) {
		const struct minutes_person *resp;
		const char *d, *who;

		if (n->type != XML_ELEMENT_NODE)
			continue;
		d = text_of(r, n, "text");
		if (*d == '\0')
			continue;
		/* by the name the log shows, or as the minutes have it;
		 * the minutes were typed when saved, maybe by someone
		 * else: the language of their text is not known */
		if ((resp = minutes_responsible(def, n, mp)) != NULL)
			who = resp->name;
		else
			who = text_of(r, n, minutes_by_id(def) ?
			    "responsible_name" : "responsible");
		if (*who != '\0')
			evmsg_init(&m, correction ?
			    N_("Decision (correction): {0} (responsible: {1})") :
			    N_("Decision: {0} (responsible: {1})"));
		else
			evmsg_init(&m, correction ?
			    N_("Decision (correction): {0}") :
			    N_("Decision: {0}"));
		evmsg_text(&m, d, NULL);
		if (*who != '\0')
			evmsg_name(&m, who);
		rc = caselog_event_msg(db, r->who.user_id, l->id, 0,
		    caselog_role(l, r), "decision", &m, "minutes",
		    minutes_pid, 0);
	}
	for (n = form_child(form_child(root, "measures"), "measure");
	    n != NULL && rc == ST_OK && !correction; n = n->next) {
		const struct minutes_person *resp;
		const char *what, *start, *eval;
		char pid[SECURE_ID_SIZE];

		if (n->type != XML_ELEMENT_NODE)
			continue;
		what = text_of(r, n, "what");
		if (*what == '\0')
			continue;
		if ((resp = minutes_responsible(def, n, mp)) == NULL) {
			rc = ST_E_INVALID;	/* minutes_check said so */
			break;
		}
		start = text_of(r, n, "start");
		eval = text_of(r, n, "evaluation");
		secure_random_id(pid);
		p[0] = DV_STR(pid);
		p[1] = DV_INT(l->id);
		p[2] = DV_STR(what);
		p[3] = DV_STR(text_of(r, n, "goal"));
		p[4] = DV_INT(resp->id);
		p[5] = DV_STR(*start != '\0' ? start : today);
		p[6] = DV_STR(*eval != '\0' ? eval : today);
		p[7] = DV_INT(minutes_id);
		p[8] = DV_INT(r->who.user_id);
		rc = db_exec(db, STMT_MEASURE_INSERT, p, 9, NULL, NULL);
		evmsg_init(&m, N_("New measure from the minutes: {0} (responsible: {1}, evaluation {2})"));
		evmsg_text(&m, label_unstop(&r->pool, what), NULL);
		evmsg_name(&m, resp->name);
		evmsg_date(&m, *eval != '\0' ? eval : today);
		if (rc == ST_OK)
			rc = caselog_event_msg(db, r->who.user_id, l->id, 0,
			    caselog_role(l, r), "measure", &m, "measure", pid,
			    0);
		if (rc == ST_OK && resp->id != r->who.user_id)
			rc = caselog_notice(db, "measure.new", 0, resp->id,
			    NULL, 0, l->id);
	}
	return rc;
}

/* The refusal an API client gets: each error by its path and label. */
static st_rc
api_errors(struct req *r, const struct form_def *def,
    const struct form_errors *errs)
{
	xmlNodePtr doc = view_doc(r, "errors"), n;
	size_t i;

	view_attr(doc, "form", def->id);
	view_attrf(doc, "version", "%u", def->version);
	for (i = 0; i < errs->n; i++) {
		n = view_el(doc, "error", errs->v[i].message);
		view_attr(n, "path", errs->v[i].path);
		if (errs->v[i].label != NULL)
			view_attr(n, "label", errs->v[i].label);
	}
	return view_send(r, 422, doc);
}

/*
 * Finalising checks the responsible persons again (people may have left
 * the log since the draft was saved) in the transaction that records
 * them: refused, nothing changes, and a person sees the minutes again
 * with each error at its row and the way to edit the draft; an API
 * client gets 422 with the errors by path.
 */
/* ROUTE: POST /minutes/{id}/finalise */
/* ROUTE: POST /api/v1/minutes/{id}/finalise */
st_rc
h_minutes_finalise(struct req *r)
{
	struct db *db = &r->w->db;
	struct form_errors errs;
	struct minutes_people mp;
	const struct form_def *def;
	struct evmsg m;
	struct db_res res;
	struct caselog l;
	struct db_val p[1];
	unsigned long long n = 0;
	xmlDocPtr inst = NULL;
	char err[256], loc[96];
	long long id;
	int ok, correction;
	st_rc rc;

	form_errors_init(&errs);
	if ((rc = load(r, LR_MINUTES, &res, &l, &ok)) != ST_OK || !ok) {
		form_errors_release(&errs);
		return rc;
	}
	id = db_get_int(&res, 0, MI_ID);
	correction = db_get(&res, 0, MI_CORRECTS) != NULL;
	if (strcmp(db_get(&res, 0, MI_STATUS), "draft") != 0) {
		rc = caselog_conflict(r, _("The minutes are final already. A change is made as a correction: a new, linked version."));
		goto out;
	}
	if ((def = formset_get(r->w->forms, db_get(&res, 0, MI_FORM),
	    (unsigned)db_get_int(&res, 0, MI_VERSION))) == NULL) {
		rc = ST_E_CONFIG;	/* a version in use was taken away */
		goto out;
	}
	if ((rc = xmlsafe_parse(db_get(&res, 0, MI_INSTANCE),
	    db_get_len(&res, 0, MI_INSTANCE), 16 * 1024 * 1024, 64, &inst, err,
	    sizeof(err))) != ST_OK)
		goto out;
	if ((rc = caselog_begin(r, &l)) == ST_E_CONFLICT) {
		rc = caselog_conflict(r, _("The relay log was changed by someone else at the same time (closed, or handed over). Open it again and check before you try again."));
		goto out;
	}
	if (rc != ST_OK)
		goto out;
	p[0] = DV_INT(id);
	rc = db_exec(db, STMT_MINUTES_FINALISE, p, 1, &n, NULL);
	if (rc == ST_OK && n == 0)
		rc = ST_E_CONFLICT;
	if (rc == ST_OK)
		rc = minutes_people(r, &l, &mp);
	/* a correction records no measures, and its decisions as written */
	if (rc == ST_OK && !correction &&
	    minutes_check(def, inst, &mp, &errs) > 0)
		rc = ST_E_INVALID;
	if (rc == ST_OK)
		rc = record(r, &l, def, inst, &mp, id, r->arg, correction);
	evmsg_init(&m, correction ?
	    N_("Corrected minutes finalised (written by {0})") :
	    N_("Minutes finalised (written by {0})"));
	evmsg_name(&m, db_get(&res, 0, MI_AUTHOR_NAME));
	if (rc == ST_OK)
		rc = caselog_event_msg(db, r->who.user_id, l.id, 0,
		    caselog_role(&l, r), "minutes", &m, "minutes", r->arg,
		    db_get_int(&res, 0, MI_SUBMISSION));
	if (rc == ST_OK)
		rc = audit_log_as(r, caselog_role(&l, r), "update", "minutes",
		    id, l.child_id);
	if (rc != ST_OK) {
		db_rollback(db);
		if (rc == ST_E_CONFLICT)
			rc = caselog_conflict(r, _("Other minutes of this meeting were finalised at the same time, and they count. Write a correction of those if something is missing."));
		else if (rc == ST_E_INVALID && req_is_api(r))
			rc = api_errors(r, def, &errs);
		else if (rc == ST_E_INVALID)
			rc = page(r, &res, &l, &errs, 422);
		goto out;
	}
	if ((rc = db_commit(db)) != ST_OK)
		goto out;
	snprintf(loc, sizeof(loc), "%s/minutes/%s", req_is_api(r) ? "/api/v1" :
	    "", r->arg);
	rc = resp_done_note(r, 200, loc, "minutes-final");
out:
	if (inst != NULL)
		xmlFreeDoc(inst);
	form_errors_release(&errs);
	db_res_release(&res);
	caselog_release(&l);
	return rc;
}
