/* h_minutes.c: meeting minutes: reading them, and finalising them, when
 * their decisions become log events and their measures measures. */
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

/* ROUTE: GET /minutes/{id} */
/* ROUTE: GET /api/v1/minutes/{id} */
st_rc
h_minutes_show(struct req *r)
{
	struct db_res res;
	struct caselog l;
	xmlNodePtr root, m;
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
		db_res_release(&res);
		caselog_release(&l);
		return rc;
	}
	root = view_page(r, "minutes");
	(void)logview_head(r, &l, root);
	m = view_el(root, "minutes", NULL);
	logview_minutes_attrs(m, &res, 0);
	if (db_get_int(&res, 0, MI_AUTHOR) == r->who.user_id)
		view_attr(m, "mine", "true");
	rc = form_view_stored(r->w->forms, &r->w->env,
	    db_get(&res, 0, MI_FORM), (unsigned)db_get_int(&res, 0, MI_VERSION),
	    db_get(&res, 0, MI_INSTANCE), db_get_len(&res, 0, MI_INSTANCE),
	    NULL, m);
	db_res_release(&res);
	caselog_release(&l);
	if (rc != ST_OK)
		return rc;
	return view_send(r, 200, root);
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

/* The holder or a covered participant with this display name. */
static long long
member_named(const struct db_res *parts, const struct caselog *l,
    const char *name)
{
	size_t i;

	if (strcasecmp(name, l->holder_name) == 0)
		return l->holder_id;
	for (i = 0; i < parts->nrows; i++)
		if (db_get_int(parts, i, 4) &&
		    strcasecmp(name, db_get(parts, i, 1)) == 0)
			return db_get_int(parts, i, 6);
	return 0;
}

/*
 * What finalising records: every decision as an event, every measure as
 * a measure whose responsible person must be the holder or a
 * participant, by the name the log shows (else 422, nothing written).
 * A correction records its decisions again, marked as a correction;
 * measures are changed on the log itself, not by correcting minutes.
 */
static st_rc
record(struct req *r, const struct caselog *l, xmlDocPtr inst,
    long long minutes_id, const char *minutes_pid, int correction,
    struct buf *problems)
{
	struct db *db = &r->w->db;
	xmlNodePtr root = xmlDocGetRootElement(inst), n;
	struct evmsg m;
	char today[DATE_SIZE];
	struct db_res parts;
	struct db_val p[9];
	int i;
	st_rc rc;

	dates_today(today);
	if ((rc = caselog_participants(db, l, today, &parts)) != ST_OK)
		return rc;
	/* First check every measure, so nothing is half-recorded. */
	i = 0;
	for (n = form_child(form_child(root, "measures"), "measure");
	    n != NULL && !correction; n = n->next) {
		const char *who;

		if (n->type != XML_ELEMENT_NODE)
			continue;
		i++;
		who = text_of(r, n, "responsible");
		if (*text_of(r, n, "what") == '\0')
			continue;
		if (member_named(&parts, l, who) == 0 && rc == ST_OK)
			rc = buf_addf(problems, _("Measure %d: \"%s\" is not the holder or a participant of the relay log. "),
			    i, who);
	}
	if (rc == ST_OK && problems->len > 0)
		rc = ST_E_INVALID;
	for (n = form_child(form_child(root, "decisions"), "decision");
	    n != NULL && rc == ST_OK; n = n->next) {
		const char *d, *who;

		if (n->type != XML_ELEMENT_NODE)
			continue;
		d = text_of(r, n, "text");
		who = text_of(r, n, "responsible");
		if (*d == '\0')
			continue;
		/* the minutes were typed when saved, maybe by someone
		 * else: the language of their text is not known */
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
		const char *what, *start, *eval;
		char pid[SECURE_ID_SIZE];
		long long resp;

		if (n->type != XML_ELEMENT_NODE)
			continue;
		what = text_of(r, n, "what");
		if (*what == '\0')
			continue;
		resp = member_named(&parts, l, text_of(r, n, "responsible"));
		start = text_of(r, n, "start");
		eval = text_of(r, n, "evaluation");
		secure_random_id(pid);
		p[0] = DV_STR(pid);
		p[1] = DV_INT(l->id);
		p[2] = DV_STR(what);
		p[3] = DV_STR(text_of(r, n, "goal"));
		p[4] = DV_INT(resp);
		p[5] = DV_STR(*start != '\0' ? start : today);
		p[6] = DV_STR(*eval != '\0' ? eval : today);
		p[7] = DV_INT(minutes_id);
		p[8] = DV_INT(r->who.user_id);
		rc = db_exec(db, STMT_MEASURE_INSERT, p, 9, NULL, NULL);
		evmsg_init(&m, N_("New measure from the minutes: {0} (responsible: {1}, evaluation {2})"));
		evmsg_text(&m, label_unstop(&r->pool, what), NULL);
		evmsg_name(&m, text_of(r, n, "responsible"));
		evmsg_date(&m, *eval != '\0' ? eval : today);
		if (rc == ST_OK)
			rc = caselog_event_msg(db, r->who.user_id, l->id, 0,
			    caselog_role(l, r), "measure", &m, "measure", pid,
			    0);
		if (rc == ST_OK && resp != r->who.user_id)
			rc = caselog_notice(db, "measure.new", 0, resp, NULL, 0,
			    l->id);
	}
	db_res_release(&parts);
	return rc;
}

/* ROUTE: POST /minutes/{id}/finalise */
/* ROUTE: POST /api/v1/minutes/{id}/finalise */
st_rc
h_minutes_finalise(struct req *r)
{
	struct db *db = &r->w->db;
	struct buf problems = BUF_INIT(8192);
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

	if ((rc = load(r, LR_MINUTES, &res, &l, &ok)) != ST_OK || !ok)
		return rc;
	id = db_get_int(&res, 0, MI_ID);
	correction = db_get(&res, 0, MI_CORRECTS) != NULL;
	if (strcmp(db_get(&res, 0, MI_STATUS), "draft") != 0) {
		rc = caselog_conflict(r, _("The minutes are final already. A change is made as a correction: a new, linked version."));
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
		rc = record(r, &l, inst, id, r->arg, correction, &problems);
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
		else if (rc == ST_E_INVALID)
			rc = resp_error(r, 422, problems.data);
		goto out;
	}
	if ((rc = db_commit(db)) != ST_OK)
		goto out;
	snprintf(loc, sizeof(loc), "%s/minutes/%s", req_is_api(r) ? "/api/v1" :
	    "", r->arg);
	rc = resp_done(r, 200, loc);
out:
	if (inst != NULL)
		xmlFreeDoc(inst);
	buf_release(&problems);
	db_res_release(&res);
	caselog_release(&l);
	return rc;
}
