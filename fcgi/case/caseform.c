/* caseform.c: forms filled in for a case (see caseform.h). Each store_*
 * function runs one transaction that records the form, its effect on the
 * case, the event in the timeline, any notice, and the audit row. */
#include "config.h"

#include <string.h>
#include <strings.h>

#include "alerts.h"
#include "audit.h"
#include "caseform.h"
#include "codelists.h"
#include "form_eval.h"
#include "caselog.h"
#include "concern.h"
#include "db.h"
#include "i18n.h"
#include "labels.h"
#include "logview.h"
#include "minutes.h"
#include "nin.h"
#include "route.h"
#include "view.h"
#include "worker.h"
#include "xmlsafe.h"

/* The municipality the request acts in: the case's, once its access is
 * decided (access.h); the people and units a form names are its. */
static long long
here(const struct req *r)
{
	return codelists_current(r->w->codes);
}

static const char *
ctx_get(struct req *r, const char *name)
{
	char key[24];
	const char *v;

	snprintf(key, sizeof(key), "_%s", name);
	if ((v = fields_get(&r->form, key)) == NULL)
		v = fields_get(&r->qs, name);
	if (v != NULL && *v == '\0')
		v = NULL;
	return v;
}

void
formctx_read(struct req *r, struct formctx *c)
{
	c->log = ctx_get(r, "log");
	c->concern = ctx_get(r, "concern");
	c->measure = ctx_get(r, "measure");
	c->meeting = ctx_get(r, "meeting");
	c->minutes = ctx_get(r, "minutes");
	c->corrects = ctx_get(r, "corrects");
	c->to = ctx_get(r, "to");
}

int
formctx_any(const struct formctx *c)
{
	return c->log != NULL || c->concern != NULL || c->measure != NULL ||
	    c->meeting != NULL || c->minutes != NULL || c->corrects != NULL;
}

void
formctx_query(const struct formctx *c, char *out, size_t len)
{
	static const char *names[] = { "log", "concern", "measure", "meeting",
	    "minutes", "corrects", "to" };
	const char *vals[7];
	size_t i, o = 0;

	vals[0] = c->log;
	vals[1] = c->concern;
	vals[2] = c->measure;
	vals[3] = c->meeting;
	vals[4] = c->minutes;
	vals[5] = c->corrects;
	vals[6] = c->to;
	out[0] = '\0';
	for (i = 0; i < 7; i++) {
		int n;

		if (vals[i] == NULL || !secure_is_id(vals[i]))
			continue;
		n = snprintf(out + o, len - o, "&%s=%s", names[i], vals[i]);
		if (n < 0 || (size_t)n >= len - o) {
			out[o] = '\0';
			return;
		}
		o += (size_t)n;
	}
}

/* "/consent/child/birthdate" -> "f-consent-child-birthdate" */
static void
html_id(char *out, size_t len, const char *path)
{
	size_t o = 0;

	if (len < 3)
		return;
	out[o++] = 'f';
	for (; *path != '\0' && o + 1 < len; path++) {
		if (*path == '/' || *path == '[')
			out[o++] = '-';
		else if (*path != ']')
			out[o++] = *path;
	}
	out[o] = '\0';
}

static void
field_error(struct form_errors *errs, const char *path, const char *message)
{
	char id[128];

	html_id(id, sizeof(id), path);
	form_errors_add(errs, path, id, NULL, message);
}

static int
is(const struct form_def *def, const char *id)
{
	return strcmp(def->id, id) == 0;
}

/* A valid public id or NULL (a malformed one is treated as unknown). */
static const char *
pid_ok(const char *s)
{
	return s != NULL && secure_is_id(s) ? s : NULL;
}

/* The right a form needs on its log. */
static enum log_right
right_for(const struct form_def *def)
{
	if (is(def, "handover"))
		return LR_HANDOVER;
	if (is(def, "minutes") || is(def, "cw-report"))
		return LR_MINUTES;
	if (is(def, "evaluation"))
		return LR_READ;	/* the responsible person, checked below */
	return LR_MANAGE;
}

/*
 * One row of a statement by public id; the answer to a missing one (and,
 * from the callers, to one the user may not see) is resp_not_found.
 */
static st_rc
row(struct req *r, enum stmt_id sid, struct db_val *p, size_t np,
    const char *pid, struct db_res *res, int *found)
{
	st_rc rc;

	*found = 0;
	if (pid_ok(pid) == NULL)
		return resp_not_found(r);
	p[np] = DV_STR(pid);
	if ((rc = db_query(&r->w->db, sid, p, np + 1, 1, res)) != ST_OK)
		return rc;
	if (res->nrows == 0) {
		db_res_release(res);
		return resp_not_found(r);
	}
	*found = 1;
	return ST_OK;
}

/*
 * Resolve the context to its log (loaded with the right the form needs)
 * and the record it names. *ok = 0 when the response is set.
 */
struct target {
	struct caselog	 log;
	int		 has_log;
	struct db_res	 rec;		/* measure, minutes or concern row */
	int		 has_rec;
	long long	 concern_id;
	long long	 concern_child;
	long long	 meeting_id;
};

static void
target_release(struct target *t)
{
	if (t->has_log)
		caselog_release(&t->log);
	if (t->has_rec)
		db_res_release(&t->rec);
	memset(t, 0, sizeof(*t));
}

/* Columns of MEASURE_COLS and MINUTES_COLS used here. */
enum { MC_ID = 0, MC_LOG = 2, MC_RESPONSIBLE = 5, MC_WHAT = 3 };
enum { MI_ID = 0, MI_LOG = 2, MI_MEETING = 3, MI_STATUS = 5, MI_AUTHOR = 7,
	MI_FORM = 14, MI_VERSION = 15, MI_INSTANCE = 16 };

/*
 * A report of concern for a concern (?concern=): its author or their
 * leader, while it is not closed. A concern in a log its reader may
 * read is reported from the log, as a report of the log; one in a log
 * they may not read (theirs, passed on and taken in) is reported as
 * theirs. *log_id is the log to load, or 0.
 */
static st_rc
target_concern(struct req *r, const struct formctx *c, struct target *t,
    long long *log_id, int *ok)
{
	struct concern_row cr;
	int found, allowed, in_log;
	st_rc rc;

	*ok = 0;
	if ((rc = concern_load(r, c->concern, &cr, &found)) != ST_OK ||
	    !found)
		return rc;
	allowed = access_concern(&r->who, &cr.facts, CR_REPORT);
	in_log = cr.facts.in_log && access_log(&r->who, &cr.facts.log,
	    LR_READ);
	t->concern_id = cr.id;
	t->concern_child = cr.child_id;
	*log_id = in_log ? cr.log_id : 0;
	concern_release(&cr);
	if (!allowed && !in_log)
		return caselog_conflict(r, _("The concern is closed: a report of concern is written from a new concern, or from the relay log."));
	*ok = 1;
	return ST_OK;
}

static st_rc
target(struct req *r, const struct form_def *def, const struct formctx *c,
    struct target *t, int *ok)
{
	char today[DATE_SIZE];
	struct db_val p[2];
	long long log_id = 0;
	int found;
	st_rc rc;

	memset(t, 0, sizeof(*t));
	*ok = 0;
	dates_today(today);
	if (!(is(def, "consent") || is(def, "handover") || is(def, "minutes") ||
	    is(def, "evaluation") || is(def, "cw-report") ||
	    is(def, "referral") || is(def, "nav-notice") ||
	    is(def, "closing")))
		return resp_error(r, 400, _("This form is not filled in for a case."));
	if (is(def, "evaluation")) {
		p[0] = DV_STR(today);
		if ((rc = row(r, STMT_MEASURE_GET, p, 1, c->measure, &t->rec,
		    &found)) != ST_OK || !found)
			return rc;
		t->has_rec = 1;
		log_id = db_get_int(&t->rec, 0, MC_LOG);
	} else if (is(def, "minutes") && (c->minutes != NULL ||
	    c->corrects != NULL)) {
		if ((rc = row(r, STMT_MINUTES_GET, p, 0, c->minutes != NULL ?
		    c->minutes : c->corrects, &t->rec, &found)) != ST_OK ||
		    !found)
			return rc;
		t->has_rec = 1;
		log_id = db_get_int(&t->rec, 0, MI_LOG);
		t->meeting_id = db_get_int(&t->rec, 0, MI_MEETING);
		/* A draft is its author's alone, as when it is read. */
		if (strcmp(db_get(&t->rec, 0, MI_STATUS), "draft") == 0 &&
		    db_get_int(&t->rec, 0, MI_AUTHOR) != r->who.user_id) {
			target_release(t);
			return resp_not_found(r);
		}
	} else if (is(def, "cw-report") && c->concern != NULL &&
	    c->log == NULL) {
		if ((rc = target_concern(r, c, t, &log_id, ok)) != ST_OK ||
		    !*ok || log_id == 0)
			return rc;
		*ok = 0;
	} else if (c->log == NULL)
		return resp_error(r, 400, _("Open this form from the relay log it belongs to."));
	/* Access to the log first: nothing about what it holds is said to
	 * someone who may not read it. */
	if (log_id != 0)
		rc = caselog_load_id(r, log_id, right_for(def), &t->log,
		    &found);
	else
		rc = caselog_load(r, pid_ok(c->log) != NULL ? c->log :
		    "-", right_for(def), &t->log, &found);
	if (rc != ST_OK || !found) {
		target_release(t);
		return rc;
	}
	t->has_log = 1;
	if (is(def, "minutes") && c->minutes != NULL &&
	    strcmp(db_get(&t->rec, 0, MI_STATUS), "draft") != 0) {
		target_release(t);
		return caselog_conflict(r, _("Only a draft can be edited, by its author. Final minutes are corrected with a new version."));
	}
	if (is(def, "minutes") && c->corrects != NULL &&
	    strcmp(db_get(&t->rec, 0, MI_STATUS), "final") != 0) {
		target_release(t);
		return caselog_conflict(r, _("Only final minutes are corrected; a draft is edited."));
	}
	if (is(def, "evaluation") && db_get_int(&t->rec, 0, MC_RESPONSIBLE) !=
	    r->who.user_id && t->log.holder_id != r->who.user_id) {
		target_release(t);
		return resp_error(r, 403, _("The measure is evaluated by its responsible person or the holder."));
	}
	if (is(def, "evaluation") && !t->log.facts.open) {
		target_release(t);
		return resp_error(r, 403, _("The relay log is closed: nothing more can be changed."));
	}
	if (is(def, "minutes") && c->meeting != NULL && c->minutes == NULL &&
	    c->corrects == NULL) {
		struct db_res m;

		if ((rc = row(r, STMT_MEETING_GET, p, 0, c->meeting, &m,
		    &found)) != ST_OK || !found) {
			target_release(t);
			return rc;
		}
		t->meeting_id = db_get_int(&m, 0, 0);
		log_id = db_get_int(&m, 0, 2);
		db_res_release(&m);
		if (log_id != t->log.id) {
			target_release(t);
			return resp_not_found(r);
		}
	}
	*ok = 1;
	return ST_OK;
}

static void
ctx_view(const struct formctx *c, xmlNodePtr page)
{
	static const char *names[] = { "log", "concern", "measure", "meeting",
	    "minutes", "corrects", "to" };
	const char *vals[7];
	size_t i;
	xmlNodePtr n;

	vals[0] = c->log;
	vals[1] = c->concern;
	vals[2] = c->measure;
	vals[3] = c->meeting;
	vals[4] = c->minutes;
	vals[5] = c->corrects;
	vals[6] = c->to;
	for (i = 0; i < 7; i++) {
		if (vals[i] == NULL || pid_ok(vals[i]) == NULL)
			continue;
		n = view_el(page, "context", NULL);
		view_attrf(n, "name", "_%s", names[i]);
		view_attr(n, "value", vals[i]);
	}
}

/* Who could take over the baton: active staff, with whether consent
 * covers their service. */
static st_rc
holders(struct req *r, const struct caselog *l, xmlNodePtr parent,
    const char *chosen)
{
	xmlDocPtr staff;
	xmlNodePtr list, u, p;
	xmlChar *id;

	/* the log's municipality's people (codelists.h) */
	if ((staff = codelists_fill(r->w, "staff")) == NULL)
		return ST_E_UNAVAILABLE;
	list = view_el(parent, "holders", NULL);
	for (p = xmlDocGetRootElement(staff)->children; p != NULL;
	    p = p->next) {
		if (p->type != XML_ELEMENT_NODE ||
		    (id = xmlGetProp(p, BAD_CAST "id")) == NULL)
			continue;
		if (strcmp((char *)id, l->holder_pid) != 0) {
			u = view_el(list, "user", NULL);
			codelists_person_attrs(p, u);
			if (chosen != NULL && strcmp(chosen, (char *)id) == 0)
				view_attr(u, "selected", "true");
		}
		xmlFree(id);
	}
	return ST_OK;
}

st_rc
caseform_stored(struct req *r, const struct formctx *c,
    const struct form_def **def, xmlDocPtr *inst)
{
	const char *pid = c->minutes != NULL ? c->minutes : c->corrects;
	const struct form_def *stored;
	struct db_val p[1];
	struct db_res res;
	struct caselog l;
	char err[256];
	int found, draft, readable = 0;
	st_rc rc;

	if (inst != NULL)
		*inst = NULL;
	if (!is(*def, "minutes") || pid_ok(pid) == NULL)
		return ST_OK;
	p[0] = DV_STR(pid);
	if ((rc = db_query(&r->w->db, STMT_MINUTES_GET, p, 1, 1, &res)) !=
	    ST_OK)
		return rc;
	if (res.nrows != 1)
		goto out;
	draft = strcmp(db_get(&res, 0, MI_STATUS), "draft") == 0;
	if (c->minutes != NULL)
		/* a draft is its author's alone */
		readable = draft && db_get_int(&res, 0, MI_AUTHOR) ==
		    r->who.user_id;
	else if (!draft && (rc = caselog_peek_id(r, db_get_int(&res, 0,
	    MI_LOG), &l, &found)) == ST_OK && found) {
		readable = access_log(&r->who, &l.facts, LR_READ);
		caselog_release(&l);
	}
	if (rc != ST_OK || !readable)
		goto out;
	stored = formset_get(r->w->forms, db_get(&res, 0, MI_FORM),
	    (unsigned)db_get_int(&res, 0, MI_VERSION));
	/* a correction is new minutes: in the current version only */
	if (stored == NULL || (c->minutes == NULL && stored != *def))
		goto out;
	*def = stored;
	if (inst != NULL && xmlsafe_parse(db_get(&res, 0, MI_INSTANCE),
	    db_get_len(&res, 0, MI_INSTANCE), 16 * 1024 * 1024, 64, inst, err,
	    sizeof(err)) != ST_OK)
		*inst = NULL;
out:
	db_res_release(&res);
	return rc;
}

st_rc
caseform_env(struct req *r, const struct form_def *def,
    const struct formctx *c, const struct form_env **env, int *ok)
{
	struct minutes_people mp;
	struct target t;
	st_rc rc;

	*env = &r->w->env;
	*ok = 1;
	if (!minutes_by_id(def) || !formctx_any(c))
		return ST_OK;
	if ((rc = target(r, def, c, &t, ok)) != ST_OK || !*ok)
		return rc;
	if (t.has_log && (rc = minutes_people(r, &t.log, &mp)) == ST_OK)
		*env = minutes_env(r, &mp);
	target_release(&t);
	return rc;
}

st_rc
caseform_check(struct req *r, const struct form_def *def,
    const struct formctx *c, xmlNodePtr page, int *ok)
{
	struct target t;
	xmlNodePtr f;
	st_rc rc;

	if ((rc = target(r, def, c, &t, ok)) != ST_OK || !*ok)
		return rc;
	if (page != NULL) {
		ctx_view(c, page);
		f = view_el(page, "for", NULL);
		if (t.has_log) {
			(void)logview_head(r, &t.log, f);
			if (is(def, "handover"))
				rc = holders(r, &t.log, f, c->to);
		}
		if (t.has_rec && is(def, "evaluation")) {
			xmlNodePtr m = view_el(f, "measure", NULL);

			logview_measure_attrs(m, &t.rec, 0);
		}
		if (t.concern_id != 0)
			view_attr(f, "concern", c->concern);
	}
	target_release(&t);
	return rc;
}

/* ------------------------------------------------------------ storing */

struct store_ctx {
	struct req		*r;
	const struct form_def	*def;
	xmlDocPtr		 inst;
	const struct formctx	*c;
	struct target		*t;
	struct form_errors	*errs;
	long long		 sub_id;
	char			 sub_pid[SECURE_ID_SIZE];
	char			*loc;
	size_t			 loclen;
	struct evmsg		 msg;	/* the event's */
	struct caseform_notice	 notice;
};

static const char *
get(struct store_ctx *s, const char *path)
{
	return form_get(s->inst, path, &s->r->pool);
}

static const char *
role(struct store_ctx *s)
{
	return s->t->has_log ? caselog_role(&s->t->log, s->r) :
	    role_name(s->r->who.role);
}

static st_rc
event(struct store_ctx *s, const char *kind, const char *ref_type,
    const char *ref_pid)
{
	return caselog_event_msg(&s->r->w->db, s->r->who.user_id,
	    s->t->has_log ? s->t->log.id : 0, s->t->concern_id, role(s), kind,
	    &s->msg, ref_type, ref_pid, s->sub_id);
}

static void
to_log(struct store_ctx *s)
{
	snprintf(s->loc, s->loclen, "%s/logs/%s", req_is_api(s->r) ?
	    "/api/v1" : "", s->t->log.public_id);
}

/* At most this many services and persons on one consent. */
#define CONSENT_MAX	100

/* The services (units) and persons a consent names, as found. */
struct named {
	long long	 unit[CONSENT_MAX];
	const char	*kind[CONSENT_MAX];
	const char	*name[CONSENT_MAX];
	int		 named_only[CONSENT_MAX];
	size_t		 nunits;
	long long	 user[CONSENT_MAX];
	const char	*person[CONSENT_MAX];
	size_t		 npersons;
};

/*
 * Find the units of /consent/services (unit codes) and the persons of
 * /consent/persons/person/who (public ids of people in those units)
 * into *nm. The form's itemsets already hold both to what exists; a
 * unit or person gone since the page was made is a field error.
 */
static st_rc
consent_named(struct store_ctx *s, struct named *nm)
{
	struct db *db = &s->r->w->db;
	const char *services = get(s, "/consent/services");
	xmlNodePtr n;
	struct db_val p[3];
	struct db_res res;
	size_t i, k = 0;
	st_rc rc = ST_OK;

	memset(nm, 0, sizeof(*nm));
	while (*services != '\0' && rc == ST_OK) {
		size_t len = strcspn(services, " ");

		if (len > 0) {
			if (nm->nunits == CONSENT_MAX) {
				field_error(s->errs, "/consent/services",
				    _("A consent names at most 100 services."));
				return ST_E_INVALID;
			}
			p[0] = DV_STRN(services, len);
			p[1] = p[2] = DV_INT(here(s->r));
			if ((rc = db_query(db, STMT_UNIT_BY_CODE, p, 3, 1,
			    &res)) != ST_OK)
				return rc;
			if (res.nrows == 0) {
				db_res_release(&res);
				field_error(s->errs, "/consent/services",
				    _("Choose only among the options given."));
				return ST_E_INVALID;
			}
			nm->unit[nm->nunits] = db_get_int(&res, 0, 0);
			nm->kind[nm->nunits] = pool_strdup(&s->r->pool,
			    db_get(&res, 0, 1));
			nm->name[nm->nunits++] = pool_strdup(&s->r->pool,
			    db_get(&res, 0, 2));
			db_res_release(&res);
		}
		services += len;
		services += strspn(services, " ");
	}
	n = form_child(xmlDocGetRootElement(s->inst), "persons");
	for (n = n != NULL ? n->children : NULL; n != NULL; n = n->next) {
		xmlNodePtr w;
		xmlChar *t;
		char path[64];

		if (n->type != XML_ELEMENT_NODE)
			continue;
		k++;
		if ((w = form_child(n, "who")) == NULL ||
		    (t = xmlNodeGetContent(w)) == NULL)
			continue;
		snprintf(path, sizeof(path), "/consent/persons/person[%zu]/who",
		    k);
		if (*t == '\0') {
			xmlFree(t);
			continue;
		}
		if (nm->npersons == CONSENT_MAX || !secure_is_id((char *)t)) {
			xmlFree(t);
			field_error(s->errs, path, nm->npersons == CONSENT_MAX ?
			    _("A consent names at most 100 persons.") :
			    _("Choose one of the options given."));
			return ST_E_INVALID;
		}
		p[0] = DV_STR((const char *)t);
		p[1] = p[2] = DV_INT(here(s->r));
		rc = db_query(db, STMT_USER_BY_PID, p, 3, 1, &res);
		xmlFree(t);
		if (rc != ST_OK)
			return rc;
		/* an active member of staff of a unit the consent names */
		i = nm->nunits;
		if (res.nrows == 1 && db_get_int(&res, 0, 6) &&
		    db_get(&res, 0, 4) != NULL && (strcmp(db_get(&res, 0, 2),
		    "employee") == 0 || strcmp(db_get(&res, 0, 2),
		    "leader") == 0))
			for (i = 0; i < nm->nunits; i++)
				if (nm->unit[i] == db_get_int(&res, 0, 3))
					break;
		if (i >= nm->nunits) {
			db_res_release(&res);
			field_error(s->errs, path,
			    _("Choose a person who works in one of the services ticked above."));
			return ST_E_INVALID;
		}
		nm->named_only[i] = 1;
		nm->user[nm->npersons] = db_get_int(&res, 0, 0);
		nm->person[nm->npersons++] = pool_strdup(&s->r->pool,
		    db_get(&res, 0, 1));
		db_res_release(&res);
	}
	return ST_OK;
}

/* The n strings in v as a list of names of an event's message. */
static st_rc
names(struct buf *out, const char *const *v, size_t n)
{
	size_t i;
	st_rc rc = ST_OK;

	for (i = 0; i < n && rc == ST_OK; i++) {
		if (i > 0)
			rc = buf_addstr(out, EVMSG_SEP);
		if (rc == ST_OK)
			rc = buf_addstr(out, v[i]);
	}
	return rc;
}

/*
 * Consent: the child's birth date must be the one the log knows (the
 * form's age rules decide who signs). The services it names are units,
 * and of a unit it names persons of, only they: who may take part
 * (consent_unit, consent_person); the kinds of those units are what
 * notices to partners may go to (consent_service). Version 1 of the
 * form named kinds of service, which said nothing about who; it is
 * refused for new consents.
 */
static st_rc
store_consent(struct store_ctx *s)
{
	struct db *db = &s->r->w->db;
	const char *birth = get(s, "/consent/child/birthdate");
	char pid[SECURE_ID_SIZE];
	unsigned long long cid = 0;
	struct named *nm;
	struct db_val p[8];
	size_t i;
	st_rc rc = ST_OK;

	if (s->def->version < 2) {
		field_error(s->errs, "/consent/services",
		    _("This is an earlier version of the consent form, which named kinds of service. Fill in the current version: it names the services and persons themselves."));
		return ST_E_INVALID;
	}
	if (s->t->log.child_birth != NULL &&
	    strcmp(birth, s->t->log.child_birth) != 0) {
		field_error(s->errs, "/consent/child/birthdate",
		    _("This is not the child's date of birth as the relay log has it; check it."));
		return ST_E_INVALID;
	}
	/* Not born yet (0034_unborn.sql): the expected date the log has,
	 * and no date of birth (version 3 of the form has the field). */
	if (s->t->log.child_birth == NULL &&
	    s->t->log.child_expected != NULL && (*birth != '\0' ||
	    strcmp(get(s, "/consent/child/expected"),
	    s->t->log.child_expected) != 0)) {
		field_error(s->errs, *birth != '\0' ?
		    "/consent/child/birthdate" : "/consent/child/expected",
		    _("The child is not born yet: give the expected date the relay log has, and no date of birth."));
		return ST_E_INVALID;
	}
	nm = pool_alloc(&s->r->pool, sizeof(*nm));
	if ((rc = consent_named(s, nm)) != ST_OK)
		return rc;
	if ((rc = caselog_submission(s->r, s->def, s->inst, &s->sub_id,
	    s->sub_pid)) != ST_OK)
		return rc;
	secure_random_id(pid);
	p[0] = DV_STR(pid);
	p[1] = DV_INT(s->t->log.id);
	p[2] = DV_INT(s->sub_id);
	p[3] = DV_STR(strcmp(get(s, "/consent/signing/method"), "paper") == 0 ?
	    "paper" : "digital");
	p[4] = DV_STR(get(s, "/consent/purpose"));
	p[5] = DV_STR(get(s, "/consent/valid_from"));
	p[6] = DV_STR(get(s, "/consent/expires"));
	p[7] = DV_INT(s->r->who.user_id);
	if ((rc = db_exec(db, STMT_CONSENT_INSERT, p, 8, NULL, &cid)) != ST_OK)
		return rc;
	for (i = 0; i < nm->nunits && rc == ST_OK; i++) {
		p[0] = DV_INT(cid);
		p[1] = DV_INT(nm->unit[i]);
		p[2] = DV_INT(nm->named_only[i]);
		rc = db_exec(db, STMT_CONSENT_UNIT_INSERT, p, 3, NULL, NULL);
		if (rc == ST_E_CONFLICT)
			rc = ST_OK;	/* named twice */
		/* the kind, for notices to partners of that kind */
		p[1] = DV_STR(nm->kind[i]);
		if (rc == ST_OK)
			rc = db_exec(db, STMT_CONSENT_SERVICE_INSERT, p, 2,
			    NULL, NULL);
		if (rc == ST_E_CONFLICT)
			rc = ST_OK;	/* two units of one kind */
	}
	for (i = 0; i < nm->npersons && rc == ST_OK; i++) {
		p[0] = DV_INT(cid);
		p[1] = DV_INT(nm->user[i]);
		rc = db_exec(db, STMT_CONSENT_PERSON_INSERT, p, 2, NULL, NULL);
		if (rc == ST_E_CONFLICT)
			rc = ST_OK;	/* named twice */
	}
	if (rc == ST_OK) {
		struct buf units = BUF_INIT(64 * 1024);
		struct buf persons = BUF_INIT(64 * 1024);

		evmsg_init(&s->msg, nm->npersons > 0 ?
		    N_("Consent recorded ({0}) for {1} (of them, only: {2}), valid {3} to {4}. Purpose: {5}") :
		    N_("Consent recorded ({0}) for {1}, valid {2} to {3}. Purpose: {4}"));
		evmsg_code(&s->msg, EVARG_CONSENT_METHOD,
		    strcmp(get(s, "/consent/signing/method"), "paper") == 0 ?
		    "paper" : "digital");
		rc = names(&units, nm->name, nm->nunits);
		evmsg_names(&s->msg, units.data);
		if (rc == ST_OK && nm->npersons > 0) {
			rc = names(&persons, nm->person, nm->npersons);
			evmsg_names(&s->msg, persons.data);
		}
		evmsg_date(&s->msg, get(s, "/consent/valid_from"));
		evmsg_date(&s->msg, get(s, "/consent/expires"));
		evmsg_text(&s->msg, get(s, "/consent/purpose"),
		    evmsg_typed_lang(s->r));
		if (rc == ST_OK)
			rc = event(s, "consent", "consent", pid);
		buf_release(&units);
		buf_release(&persons);
	}
	snprintf(s->loc, s->loclen, "%s/consents/%s", req_is_api(s->r) ?
	    "/api/v1" : "", pid);
	return rc;
}

/* Handover: a request the proposed holder must accept; refused at once
 * when no consent covers their service. */
static st_rc
store_handover(struct store_ctx *s)
{
	struct db *db = &s->r->w->db;
	struct caselog *l = &s->t->log;
	const char *unit = get(s, "/handover/new_holder/unit");
	char pid[SECURE_ID_SIZE];
	struct db_val p[7];
	struct db_res u;
	long long to_id, to_unit;
	char to_name[201], kind[32];
	int covered;
	st_rc rc;

	if (pid_ok(s->c->to) == NULL) {
		field_error(s->errs, "/handover/new_holder/name",
		    _("Choose the new holder from the list."));
		return ST_E_INVALID;
	}
	p[0] = DV_STR(s->c->to);
	p[1] = p[2] = DV_INT(here(s->r));
	if ((rc = db_query(db, STMT_USER_BY_PID, p, 3, 1, &u)) != ST_OK)
		return rc;
	if (u.nrows == 0 || !db_get_int(&u, 0, 6) || db_get(&u, 0, 4) == NULL ||
	    !(strcmp(db_get(&u, 0, 2), "employee") == 0 ||
	    strcmp(db_get(&u, 0, 2), "leader") == 0)) {
		db_res_release(&u);
		field_error(s->errs, "/handover/new_holder/name",
		    _("Choose the new holder from the list."));
		return ST_E_INVALID;
	}
	to_id = db_get_int(&u, 0, 0);
	to_unit = db_get_int(&u, 0, 3);
	snprintf(to_name, sizeof(to_name), "%s", db_get(&u, 0, 1));
	snprintf(kind, sizeof(kind), "%s", db_get(&u, 0, 4));
	if (strcmp(unit, db_get(&u, 0, 7)) != 0) {
		db_res_release(&u);
		field_error(s->errs, "/handover/new_holder/unit",
		    _("The person chosen does not work in this unit."));
		return ST_E_INVALID;
	}
	db_res_release(&u);
	if (to_id == l->holder_id) {
		field_error(s->errs, "/handover/new_holder/name",
		    _("This person holds the relay log already."));
		return ST_E_INVALID;
	}
	covered = caselog_covers(s->r, l, to_id, to_unit, &rc);
	if (rc != ST_OK)
		return rc;
	if (!covered) {
		field_error(s->errs, "/handover/new_holder/unit",
		    _("The guardians' consent does not cover this service, so the relay log cannot be handed to someone there. Record a consent that names the service first."));
		return ST_E_INVALID;
	}
	if ((rc = caselog_submission(s->r, s->def, s->inst, &s->sub_id,
	    s->sub_pid)) != ST_OK)
		return rc;
	secure_random_id(pid);
	p[0] = DV_STR(pid);
	p[1] = DV_INT(l->id);
	p[2] = DV_INT(l->holder_id);
	p[3] = DV_INT(to_id);
	p[4] = DV_INT(s->r->who.user_id);
	p[5] = DV_INT(s->sub_id);
	p[6] = DV_STR(get(s, "/handover/reason"));
	rc = db_exec(db, STMT_HANDOVER_INSERT, p, 7, NULL, NULL);
	if (rc == ST_E_CONFLICT) {
		field_error(s->errs, "/handover/new_holder/name",
		    _("A handover of this relay log is already waiting for an answer. It must be accepted, refused or withdrawn first."));
		return ST_E_INVALID;
	}
	evmsg_init(&s->msg, N_("Handover to {0} requested: {1}"));
	evmsg_name(&s->msg, to_name);
	evmsg_text(&s->msg, get(s, "/handover/reason"),
	    evmsg_typed_lang(s->r));
	if (rc == ST_OK)
		rc = event(s, "handover", "handover", pid);
	if (rc == ST_OK)
		rc = caselog_notice(db, "handover.request", 0, to_id, NULL, 0,
		    l->id);
	snprintf(s->loc, s->loclen, "%s/handovers/%s", req_is_api(s->r) ?
	    "/api/v1" : "", pid);
	return rc;
}

/*
 * Minutes: saved as a draft of their author, finalised separately. The
 * responsible persons are checked now (minutes_check), as they are again
 * when the minutes are finalised, and their names written beside their
 * ids so the stored minutes read by themselves.
 */
static st_rc
store_minutes(struct store_ctx *s)
{
	struct db *db = &s->r->w->db;
	struct minutes_people mp;
	char pid[SECURE_ID_SIZE];
	struct db_val p[6];
	unsigned long long n = 0;
	st_rc rc;

	if ((rc = minutes_people(s->r, &s->t->log, &mp)) != ST_OK)
		return rc;
	if (minutes_check(s->def, s->inst, &mp, s->errs) > 0)
		return ST_E_INVALID;
	minutes_name(s->def, s->inst, &mp);
	if ((rc = caselog_submission(s->r, s->def, s->inst, &s->sub_id,
	    s->sub_pid)) != ST_OK)
		return rc;
	if (s->c->minutes != NULL) {
		p[0] = DV_INT(s->sub_id);
		p[1] = DV_INT(db_get_int(&s->t->rec, 0, MI_ID));
		if ((rc = db_exec(db, STMT_MINUTES_SET_SUBMISSION, p, 2, &n,
		    NULL)) != ST_OK)
			return rc;
		if (n == 0)
			return ST_E_CONFLICT;	/* finalised meanwhile */
		snprintf(pid, sizeof(pid), "%s", s->c->minutes);
	} else {
		secure_random_id(pid);
		p[0] = DV_STR(pid);
		p[1] = DV_INT(s->t->log.id);
		p[2] = s->t->meeting_id != 0 ? DV_INT(s->t->meeting_id) :
		    DV_NULL;
		p[3] = DV_INT(s->sub_id);
		p[4] = s->c->corrects != NULL ?
		    DV_INT(db_get_int(&s->t->rec, 0, MI_ID)) : DV_NULL;
		p[5] = DV_INT(s->r->who.user_id);
		if ((rc = db_exec(db, STMT_MINUTES_INSERT, p, 6, NULL, NULL)) !=
		    ST_OK)
			return rc;
	}
	snprintf(s->loc, s->loclen, "%s/minutes/%s", req_is_api(s->r) ?
	    "/api/v1" : "", pid);
	return ST_OK;
}

/* Evaluation: the measure's result, and its next evaluation date when it
 * goes on. */
static st_rc
store_evaluation(struct store_ctx *s)
{
	struct db *db = &s->r->w->db;
	const char *result = get(s, "/evaluation/result");
	const char *next = get(s, "/evaluation/next_step");
	const char *when = get(s, "/evaluation/next_evaluation");
	const char *status;
	struct db_val p[5];
	st_rc rc;

	if ((rc = caselog_submission(s->r, s->def, s->inst, &s->sub_id,
	    s->sub_pid)) != ST_OK)
		return rc;
	if (*when != '\0')
		status = "active";
	else if (strcmp(next, "end") == 0)
		status = "ended";
	else
		status = "evaluated";
	p[0] = DV_STR(status);
	p[1] = DV_STR(strcmp(result, "not_worked") == 0 ? "not" :
	    strcmp(result, "partly") == 0 ? "partly" : "worked");
	p[2] = DV_STR(*when != '\0' ? when : db_get(&s->t->rec, 0, 9));
	p[3] = p[2];
	p[4] = DV_INT(db_get_int(&s->t->rec, 0, MC_ID));
	if ((rc = db_exec(db, STMT_MEASURE_EVALUATE, p, 5, NULL, NULL)) !=
	    ST_OK)
		return rc;
	evmsg_init(&s->msg, N_("Measure evaluated: {0}. Result: {1}; next: {2}. {3}"));
	/* the measure was written by whoever made it: its language is
	 * not known */
	evmsg_text(&s->msg, label_unstop(&s->r->pool,
	    db_get(&s->t->rec, 0, MC_WHAT)), NULL);
	evmsg_code(&s->msg, EVARG_RESULT, result);
	evmsg_code(&s->msg, EVARG_NEXT_STEP, next);
	evmsg_text(&s->msg, get(s, "/evaluation/next_step_details"),
	    evmsg_typed_lang(s->r));
	rc = event(s, "evaluation", "measure", db_get(&s->t->rec, 0, 1));
	to_log(s);
	return rc;
}

/* ------------------------------------------------ the child of the case */

/*
 * s as two spellings of one name compare: its words separated by one
 * space, no spaces around, letters in lower case (ASCII and Latin-1,
 * so Æ, Ø and Å too). out is cut short (still UTF-8: whole bytes of a
 * character are copied or none) when s is longer than it.
 */
static void
name_key(const char *s, char *out, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t o = 0;
	int space = 0;

	if (len < 4)
		return;
	while (*p != '\0' && o + 3 < len) {
		if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') {
			space = o > 0;
			p++;
		} else if (p[0] == 0xC2 && p[1] == 0xA0) {	/* no-break */
			space = o > 0;
			p += 2;
		} else {
			if (space)
				out[o++] = ' ';
			space = 0;
			if (*p >= 'A' && *p <= 'Z')
				out[o++] = (char)(*p++ + ('a' - 'A'));
			else if (p[0] == 0xC3 && p[1] >= 0x80 && p[1] <= 0x9E &&
			    p[1] != 0x97) {	/* U+00C0-U+00DE but the sign */
				out[o++] = (char)p[0];
				out[o++] = (char)(p[1] + 0x20);
				p += 2;
			} else
				out[o++] = (char)*p++;
		}
	}
	out[o] = '\0';
}

/*
 * A message to a partner carries the child of its case, and only that
 * child: a referral naming another child would be accepted on this log
 * and delivered under its consent, and a report of concern with a
 * number of another birth date sends child welfare to the wrong child.
 * The identity in the form (name, nin, birthdate under root/child) is
 * compared with the case's child (child_id; 0 for an anonymous concern):
 *
 * - the name, as the case has it (spaces and case aside);
 * - the date of birth, when the form gives one;
 * - the identity number: of someone born on the child's birth date,
 *   and the child's own by its HMAC (the number itself is never
 *   stored); a child registered without a number can be given one in a
 *   form, but not another child's (another row with that HMAC).
 *
 * Without a child there is nothing to compare (the concern was written
 * anonymously; the report names the child, as the duty to inform needs)
 * but the number and the date given must still agree. Each difference
 * is an error on its field, in the user's language; *ok = 0 then. The
 * form prefills what the case knows (caseform_prefill), so a person
 * only meets these errors by changing it; an API client is held to the
 * same.
 */
static st_rc
check_child(struct store_ctx *s, const char *root, long long child_id,
    int *ok)
{
	char path[64], msg[512], a[DATE_SIZE], b[DATE_SIZE], born[11];
	char k1[1024], k2[1024];
	const char *name, *nin, *birth, *cname = NULL, *cbirth = NULL;
	const char *expected;
	const unsigned char *chmac = NULL;
	unsigned char h[SECURE_HASH_LEN];
	struct nin_info info;
	struct db_val p[2];
	struct db_res res;
	int has_nin, with = 0, unborn;
	st_rc rc = ST_OK;

	*ok = 1;
	snprintf(path, sizeof(path), "%s/child/name", root);
	name = get(s, path);
	snprintf(path, sizeof(path), "%s/child/nin", root);
	nin = get(s, path);
	snprintf(path, sizeof(path), "%s/child/birthdate", root);
	birth = get(s, path);
	has_nin = *nin != '\0' && nin_check(nin, &info) == NIN_OK;
	if (has_nin)
		snprintf(born, sizeof(born), "%04d-%02d-%02d", info.year,
		    info.month, info.day);
	if (child_id != 0) {
		p[0] = DV_INT(child_id);
		if ((rc = db_query(&s->r->w->db, STMT_CHILD_IDENTITY, p, 1, 1,
		    &res)) != ST_OK)
			return rc;
		if (res.nrows == 1) {
			with = 1;
			cname = db_get(&res, 0, 0);
			cbirth = db_get(&res, 0, 1);
			if (db_get(&res, 0, 2) != NULL &&
			    db_get_len(&res, 0, 2) == SECURE_HASH_LEN)
				chmac = (const unsigned char *)db_get(&res, 0,
				    2);
		}
	}
	/* Not born yet (0034_unborn.sql): it has neither a number nor a
	 * date of birth, so any given is someone else's (the mother's);
	 * the expected date is the log's. Born: no expected date. */
	snprintf(path, sizeof(path), "%s/child/expected", root);
	expected = get(s, path);
	unborn = with && cbirth == NULL && chmac == NULL &&
	    db_get(&res, 0, 3) != NULL;
	if (unborn && (*nin != '\0' || *birth != '\0')) {
		snprintf(path, sizeof(path), "%s/child/%s", root,
		    *nin != '\0' ? "nin" : "birthdate");
		field_error(s->errs, path, _("The child this case is about is not born yet: a number or a date of birth given here is someone else's. Register the birth on the relay log first."));
		*ok = 0;
	} else if (unborn && strcmp(expected, db_get(&res, 0, 3)) != 0) {
		label_date(a, db_get(&res, 0, 3));
		snprintf(msg, sizeof(msg), _("This is not the expected date the relay log has (%s)."),
		    a);
		field_error(s->errs, path, msg);
		*ok = 0;
	} else if (with && !unborn && *expected != '\0') {
		field_error(s->errs, path, _("The child this case is about is born: give the identity number or the date of birth, not an expected date."));
		*ok = 0;
	}
	if (with && cname != NULL) {
		name_key(name, k1, sizeof(k1));
		name_key(cname, k2, sizeof(k2));
		if (strcmp(k1, k2) != 0) {
			snprintf(path, sizeof(path), "%s/child/name", root);
			snprintf(msg, sizeof(msg), _("This is not the name of the child this case is about (%s). A message to a partner can only be about the child of its case."),
			    cname);
			field_error(s->errs, path, msg);
			*ok = 0;
		}
	}
	if (*birth != '\0' && with && cbirth != NULL &&
	    strcmp(birth, cbirth) != 0) {
		label_date(a, cbirth);
		snprintf(path, sizeof(path), "%s/child/birthdate", root);
		snprintf(msg, sizeof(msg), _("This is not the date of birth of the child this case is about (%s)."),
		    a);
		field_error(s->errs, path, msg);
		*ok = 0;
	}
	snprintf(path, sizeof(path), "%s/child/nin", root);
	if (has_nin && with && cbirth != NULL && strcmp(born, cbirth) != 0) {
		label_date(a, born);
		label_date(b, cbirth);
		snprintf(msg, sizeof(msg), _("This identity number belongs to someone born %s, but the child this case is about was born %s."),
		    a, b);
		field_error(s->errs, path, msg);
		*ok = 0;
	} else if (has_nin && !with && *birth != '\0' &&
	    strcmp(born, birth) != 0) {
		label_date(a, born);
		snprintf(msg, sizeof(msg), _("This identity number belongs to someone born %s, not on the date of birth given."),
		    a);
		field_error(s->errs, path, msg);
		*ok = 0;
	} else if (has_nin && with) {
		secure_hmac(s->r->w->key, nin, strlen(nin), h);
		if (chmac != NULL && !secure_equal(h, chmac, sizeof(h))) {
			field_error(s->errs, path, _("This is not the identity number of the child this case is about."));
			*ok = 0;
		} else if (chmac == NULL) {
			struct db_res other;

			p[0] = DV_BLOB(h, sizeof(h));
			p[1] = DV_INT(here(s->r));
			if ((rc = db_query(&s->r->w->db, STMT_CHILD_BY_NIN, p,
			    2, 1, &other)) == ST_OK) {
				if (other.nrows == 1 && db_get_int(&other, 0,
				    0) != child_id) {
					field_error(s->errs, path, _("This is not the identity number of the child this case is about."));
					*ok = 0;
				}
				db_res_release(&other);
			}
		}
	}
	if (with)
		db_res_release(&res);
	return rc;
}

/*
 * The notice to a partner this form makes (kind, for service: NULL for a
 * report of concern, which needs no consent), built from the form at
 * send time (so the right to send is checked then, not now). If nobody
 * can take it (no active partner of its service takes its type, or the
 * one there is paused), its alert is raised now, in this transaction,
 * for the sender and the administrators, and s->notice says so.
 *
 * Whether anyone can take it is asked first, of the row it will be
 * (receiver_ready): most notices have a receiver, and then nothing
 * needs the row before the COMMIT, which carries it (tail.h) without a
 * round trip of its own. The alert names the row, so a notice nobody
 * can take is written at once and its id read back.
 */
static st_rc
partner_notice(struct store_ctx *s, const char *kind, const char *service)
{
	struct db *db = &s->r->w->db;
	char idem[SECURE_TOKEN_SIZE];
	struct db_val p[8];
	struct db_res res;
	int ready;
	st_rc rc;

	p[0] = DV_STR(kind);
	p[1] = DV_OPT(service);
	/* its case, whose municipality's partners may take it */
	p[2] = s->t->has_log ? DV_INT(s->t->log.id) : DV_NULL;
	p[3] = s->t->concern_id != 0 ? DV_INT(s->t->concern_id) : DV_NULL;
	if ((rc = db_query(db, STMT_RECEIVER_READY, p, 4, 1, &res)) != ST_OK)
		return rc;
	ready = db_get_int(&res, 0, 0) == 1;
	db_res_release(&res);
	secure_random_id(s->notice.id);
	secure_token(idem);
	p[0] = DV_STR(s->notice.id);
	p[1] = DV_STR(kind);
	p[2] = DV_OPT(service);
	p[3] = s->t->concern_id != 0 ? DV_INT(s->t->concern_id) : DV_NULL;
	p[4] = s->t->has_log ? DV_INT(s->t->log.id) : DV_NULL;
	p[5] = DV_STR(idem);
	p[6] = DV_INT(s->sub_id);
	/* the form's author: this request's user (caselog_submission) */
	p[7] = DV_INT(s->r->who.user_id);
	if ((rc = db_exec(db, STMT_OUTBOX_ADD_FORM, p, 8, NULL, NULL)) !=
	    ST_OK)
		return rc;
	s->notice.service = service != NULL ? service : "child_welfare";
	s->notice.no_receiver = 0;
	if (ready)
		return ST_OK;
	/* the kept row goes before this read (stmt_after_tail) */
	p[0] = DV_STR(s->notice.id);
	if ((rc = db_query(db, STMT_NOTICE_ID, p, 1, 1, &res)) != ST_OK)
		return rc;
	if (res.nrows != 1)
		rc = ST_E_INTERNAL;
	else
		rc = alerts_no_receiver(db, db_get_int(&res, 0, 0),
		    &s->notice.no_receiver);
	db_res_release(&res);
	return rc;
}

/* A report of concern to child welfare: no consent needed (the duty to
 * inform), recorded as such, and the notice goes whatever the consent.
 * The timeline says what is true when it is made and stays true: that
 * it was made, and, when nobody can take it, that it was not sent; the
 * notice's state afterwards is shown with the notices. */
static st_rc
store_cw_report(struct store_ctx *s)
{
	int ok;
	st_rc rc;

	if ((rc = check_child(s, "/cw_report", s->t->has_log ?
	    s->t->log.child_id : s->t->concern_child, &ok)) != ST_OK)
		return rc;
	if (!ok)
		return ST_E_INVALID;
	if ((rc = caselog_submission(s->r, s->def, s->inst, &s->sub_id,
	    s->sub_pid)) != ST_OK)
		return rc;
	if ((rc = partner_notice(s, "cw_report", NULL)) != ST_OK)
		return rc;
	if (strcmp(get(s, "/cw_report/urgent"), "true") == 0)
		evmsg_init(&s->msg, s->notice.no_receiver ?
		    N_("Report of concern to child welfare made (duty to inform: no consent is needed), but not sent: no receiver is registered for child welfare, or deliveries to it are paused. Phone child welfare. Marked urgent.") :
		    N_("Report of concern to child welfare made (duty to inform: no consent is needed); it is sent as a notice, whose state is shown with the notices to partners. Marked urgent."));
	else
		evmsg_init(&s->msg, s->notice.no_receiver ?
		    N_("Report of concern to child welfare made (duty to inform: no consent is needed), but not sent: no receiver is registered for child welfare, or deliveries to it are paused. Phone child welfare.") :
		    N_("Report of concern to child welfare made (duty to inform: no consent is needed); it is sent as a notice, whose state is shown with the notices to partners."));
	rc = event(s, "cw_report", "submission", s->sub_pid);
	if (s->t->has_log)
		to_log(s);
	else
		snprintf(s->loc, s->loclen, "%s/concerns/%s",
		    req_is_api(s->r) ? "/api/v1" : "", s->c->concern);
	return rc;
}

/* A referral to BUP or PPT, or a notice to NAV: only within consent. */
static st_rc
store_partner(struct store_ctx *s, const char *service, const char *path,
    const char *kind)
{
	int covered, ok = 1;
	st_rc rc;

	/* A notice to NAV names no child (its form has no place for one:
	 * NAV's help is for the family); the log's reference says whose. */
	if (strcmp(kind, "referral") == 0 && (rc = check_child(s, "/referral",
	    s->t->log.child_id, &ok)) != ST_OK)
		return rc;
	covered = caselog_covers_kind(s->r, &s->t->log, service, &rc);
	if (rc != ST_OK)
		return rc;
	if (!covered) {
		field_error(s->errs, path,
		    _("No valid consent from the guardians covers this service, so nothing can be sent to it. Record a consent that names it first."));
		return ST_E_INVALID;
	}
	if (!ok)
		return ST_E_INVALID;
	if ((rc = caselog_submission(s->r, s->def, s->inst, &s->sub_id,
	    s->sub_pid)) != ST_OK)
		return rc;
	if ((rc = partner_notice(s, kind, service)) != ST_OK)
		return rc;
	if (s->notice.no_receiver)
		evmsg_init(&s->msg, strcmp(kind, "referral") == 0 ?
		    N_("Referral to {0} made, but not sent: no receiver is registered for this service, or deliveries to it are paused. Contact them another way.") :
		    N_("Notice to {0} made, but not sent: no receiver is registered for this service, or deliveries to it are paused. Contact them another way."));
	else
		evmsg_init(&s->msg, strcmp(kind, "referral") == 0 ?
		    N_("Referral to {0} made; it is sent when delivered.") :
		    N_("Notice to {0} made; it is sent when delivered."));
	evmsg_code(&s->msg, EVARG_SERVICE, service);
	rc = event(s, kind, "submission", s->sub_pid);
	to_log(s);
	return rc;
}

static st_rc
store_closing(struct store_ctx *s)
{
	struct db_val p[1];
	struct db_res res;
	size_t waiting;
	st_rc rc;

	/* A concern passed to the log waits for an answer: its author was
	 * told the people responsible decide, so they must before it closes
	 * (the log's row is locked: none can be passed to it meanwhile). */
	p[0] = DV_INT(s->t->log.id);
	if ((rc = db_query(&s->r->w->db, STMT_CONCERN_PASSED_TO_LOG, p, 1, 100,
	    &res)) != ST_OK)
		return rc;
	waiting = res.nrows;
	db_res_release(&res);
	if (waiting > 0) {
		field_error(s->errs, "/closing/reason",
		    _("Concerns passed to this relay log wait for an answer. Take them into the log or answer their authors before it is closed."));
		return ST_E_INVALID;
	}

	if ((rc = caselog_submission(s->r, s->def, s->inst, &s->sub_id,
	    s->sub_pid)) != ST_OK)
		return rc;
	evmsg_init(&s->msg, N_("Relay log closed: {0}. What helped: {1}"));
	evmsg_code(&s->msg, EVARG_CLOSING, get(s, "/closing/reason"));
	evmsg_text(&s->msg, get(s, "/closing/what_helped"),
	    evmsg_typed_lang(s->r));
	rc = caselog_close(s->r, &s->t->log, s->sub_id, &s->msg);
	to_log(s);
	return rc;
}

st_rc
caseform_store(struct req *r, const struct form_def *def, xmlDocPtr inst,
    const struct formctx *c, const char *draft, struct form_errors *errs,
    char *loc, size_t loclen, struct caseform_notice *notice,
    int *responded)
{
	struct store_ctx s;
	struct target t;
	int ok;
	st_rc rc;

	*responded = 0;
	if ((rc = target(r, def, c, &t, &ok)) != ST_OK || !ok) {
		*responded = 1;
		return rc;
	}
	memset(&s, 0, sizeof(s));
	s.r = r;
	s.def = def;
	s.inst = inst;
	s.c = c;
	s.t = &t;
	s.errs = errs;
	s.loc = loc;
	s.loclen = loclen;
	evmsg_init(&s.msg, NULL);
	if (t.has_log)
		rc = caselog_begin(r, &t.log);
	else
		rc = db_begin(&r->w->db);
	if (rc == ST_E_CONFLICT) {
		*responded = 1;
		rc = caselog_conflict(r, _("The relay log was changed by someone else at the same time (closed, or handed over). Open it again and check before you try again."));
		goto out;
	}
	if (rc != ST_OK)
		goto out;
	if (is(def, "consent"))
		rc = store_consent(&s);
	else if (is(def, "handover"))
		rc = store_handover(&s);
	else if (is(def, "minutes"))
		rc = store_minutes(&s);
	else if (is(def, "evaluation"))
		rc = store_evaluation(&s);
	else if (is(def, "cw-report"))
		rc = store_cw_report(&s);
	else if (is(def, "referral"))
		rc = store_partner(&s, get(&s, "/referral/recipient"),
		    "/referral/recipient", "referral");
	else if (is(def, "nav-notice"))
		rc = store_partner(&s, "nav", "/nav_notice/kind", "nav_notice");
	else
		rc = store_closing(&s);
	if (rc == ST_OK)
		rc = audit_log_as(r, role(&s), "create", def->id,
		    t.has_log ? t.log.id : t.concern_id,
		    t.has_log ? t.log.child_id : t.concern_child);
	if (rc == ST_OK && draft != NULL && *draft != '\0') {
		struct db_val p[2];

		p[0] = DV_STR(draft);
		p[1] = DV_INT(r->who.user_id);
		rc = db_exec(&r->w->db, STMT_DRAFT_DELETE, p, 2, NULL, NULL);
	}
	if (rc != ST_OK) {
		db_rollback(&r->w->db);
		if (rc == ST_E_CONFLICT) {
			*responded = 1;
			rc = caselog_conflict(r, _("Someone else changed this at the same time. Open it again and check before you try again."));
		}
		goto out;
	}
	rc = db_commit(&r->w->db);
	if (rc == ST_OK && notice != NULL)
		*notice = s.notice;
out:
	evmsg_release(&s.msg);
	target_release(&t);
	return rc;
}

static void
set(xmlDocPtr inst, const char *path, const char *value)
{
	xmlNodePtr root = xmlDocGetRootElement(inst), n = root;
	const char *p = path;

	/* a plain path of element names below the root, as form_get's */
	if (value == NULL || root == NULL)
		return;
	p = strchr(p + 1, '/');
	while (n != NULL && p != NULL) {
		const char *seg = p + 1, *end = strchr(seg, '/');
		size_t len = end != NULL ? (size_t)(end - seg) : strlen(seg);

		for (n = n->children; n != NULL; n = n->next)
			if (n->type == XML_ELEMENT_NODE &&
			    strlen((const char *)n->name) == len &&
			    strncmp((const char *)n->name, seg, len) == 0)
				break;
		p = end;
	}
	if (n != NULL && n != root)
		form_set_text(n, value);
}

/* ------------------------------------- a report of concern, prefilled */

/*
 * A report of concern opened from a concern or a relay log starts with
 * everything the case and the reporter already know, so that one sent
 * as opened asks only for what nobody has said yet (whether the
 * guardians know of the report, the co-signing leader, a phone number
 * never given): the reporter, the child, what the concern describes,
 * its duration, risk factors and urgency, and the date. What the user
 * may not read is never used, and the read of a concern is audited.
 */

/* The report's roles by the kind of the reporter's unit. */
static void
prefill_reporter(struct req *r, xmlDocPtr inst)
{
	const char *kind = r->who.unit_kind;
	struct db_val p[1];
	struct db_res res;
	char today[DATE_SIZE];

	dates_today(today);
	set(inst, "/cw_report/date", today);
	set(inst, "/cw_report/reporter/name", r->who.display_name);
	if (r->who.unit_name != NULL)
		set(inst, "/cw_report/reporter/unit", r->who.unit_name);
	if (kind != NULL && *kind != '\0') {
		if (strcmp(kind, "kindergarten") == 0 ||
		    strcmp(kind, "health_clinic") == 0)
			set(inst, "/cw_report/reporter/role", kind);
		else if (strcmp(kind, "school") == 0 ||
		    strcmp(kind, "sfo") == 0)
			set(inst, "/cw_report/reporter/role", "school");
		else {
			set(inst, "/cw_report/reporter/role", "other");
			set(inst, "/cw_report/reporter/role_other",
			    label_service(kind));
		}
	}
	/* A leader who reports is the leader who signs. */
	if (r->who.role == ROLE_LEADER)
		set(inst, "/cw_report/leader/name", r->who.display_name);
	/* The phone number they gave on their last report: their own. */
	p[0] = DV_INT(r->who.user_id);
	if (db_query(&r->w->db, STMT_CW_REPORT_PHONE, p, 1, 1, &res) ==
	    ST_OK) {
		if (res.nrows == 1 && db_get(&res, 0, 0) != NULL &&
		    *db_get(&res, 0, 0) != '\0')
			set(inst, "/cw_report/reporter/phone",
			    db_get(&res, 0, 0));
		db_res_release(&res);
	}
}

/* A paragraph "label text" (label may be NULL) when text is not empty. */
static st_rc
para(struct buf *b, const char *label, const char *text)
{
	st_rc rc = ST_OK;

	if (text == NULL || *text == '\0')
		return ST_OK;
	if (b->len > 0)
		rc = buf_addstr(b, "\n\n");
	if (rc == ST_OK && label != NULL)
		rc = buf_addf(b, "%s ", label);
	if (rc == ST_OK)
		rc = buf_addstr(b, text);
	return rc;
}

/* The concern form's "shared with" codes, in words. */
static st_rc
shared_with(struct buf *b, const char *codes)
{
	static const char *const t[][2] = {
		{ "colleague", N_("a colleague") },
		{ "leader", N_("the leader") },
		{ "child", N_("the child") },
		{ "guardians", N_("the guardians") },
	};
	struct buf words = BUF_INIT(512);
	size_t i, len;
	st_rc rc = ST_OK;

	while (*codes != '\0' && rc == ST_OK) {
		codes += strspn(codes, " ");
		len = strcspn(codes, " ");
		for (i = 0; len > 0 && i < sizeof(t) / sizeof(t[0]); i++)
			if (strlen(t[i][0]) == len &&
			    strncmp(t[i][0], codes, len) == 0)
				rc = buf_addf(&words, "%s%s", words.len > 0 ?
				    ", " : "", _(t[i][1]));
		codes += len;
	}
	if (rc == ST_OK && words.len > 0)
		rc = para(b, _("Shared with:"), words.data);
	buf_release(&words);
	return rc;
}

/*
 * What a stored concern (form concern or two-year, instance xml) says,
 * onto the report: the identity number it gave, the text of what was
 * seen and heard, what the child said and what was done, the duration,
 * the risk factors, urgency, and that the guardians were not told, and
 * why, when they were not. reference and created (UTC) name it.
 */
static st_rc
prefill_from(struct req *r, xmlDocPtr inst, const char *form,
    const char *xml, size_t len, const char *reference, const char *created,
    int urgent)
{
	struct buf text = BUF_INIT(64 * 1024);
	char local[LOCAL_TIME_SIZE], day[DATE_SIZE], err[128];
	xmlDocPtr c = NULL;
	const char *v;
	st_rc rc;

	set(inst, "/cw_report/urgent", urgent ? "true" : "false");
	if (xmlsafe_parse(xml, len, 16 * 1024 * 1024, 64, &c, err,
	    sizeof(err)) != ST_OK)
		return ST_OK;	/* stored as accepted: not expected */
#define C(path)	form_get(c, path, &r->pool)
	if (strcmp(form, "concern") == 0) {
		if (strcmp(C("/concern/anonymous"), "true") != 0)
			set(inst, "/cw_report/child/nin",
			    C("/concern/child/nin"));
		rc = para(&text, NULL, C("/concern/observation/seen"));
		if (rc == ST_OK)
			rc = para(&text, _("What the child said or did:"),
			    C("/concern/observation/child_said"));
		if (rc == ST_OK && strcmp(C("/concern/observation/earlier"),
		    "true") == 0)
			rc = para(&text, _("Earlier concern, and what was done:"),
			    C("/concern/observation/earlier_details"));
		if (rc == ST_OK)
			rc = shared_with(&text,
			    C("/concern/sharing/shared_with"));
		v = C("/concern/observation/duration");
		if (strcmp(v, "days") == 0 || strcmp(v, "weeks") == 0 ||
		    strcmp(v, "months") == 0 || strcmp(v, "long") == 0)
			set(inst, "/cw_report/duration", v);
		set(inst, "/cw_report/risk", C("/concern/risk"));
		/* The guardians were not told of the concern, for a reason
		 * that holds for the report too; whether they know of the
		 * report otherwise, only the reporter can say. */
		if (strcmp(C("/concern/sharing/guardians_informed"), "no") ==
		    0) {
			set(inst, "/cw_report/guardians_informed", "no");
			set(inst, "/cw_report/guardians_not_informed_why",
			    C("/concern/sharing/guardians_not_informed_why"));
		}
	} else {
		set(inst, "/cw_report/child/nin", C("/two_year/child/nin"));
		rc = para(&text, NULL, C("/two_year/follow_up"));
		if (rc == ST_OK)
			rc = para(&text, _("What the parents wonder about:"),
			    C("/two_year/parents_wonder"));
	}
#undef C
	dates_local(local, created);
	local[10] = '\0';	/* the day it was written, in local time */
	label_date(day, local);
	if (rc == ST_OK) {
		char line[256];

		snprintf(line, sizeof(line),
		    _("Written down as concern %s on %s."), reference, day);
		rc = para(&text, NULL, line);
	}
	xmlFreeDoc(c);
	if (rc == ST_OK)
		set(inst, "/cw_report/concern", text.data);
	buf_release(&text);
	/* a text too long for the buffer is left for the reporter */
	return rc == ST_E_TOO_BIG ? ST_OK : rc;
}

/*
 * From a concern (?concern=, before any log the reader may read): for
 * whom may report it (access_concern), whose read of it is audited. An
 * anonymous concern has no child to give; the reporter names the child.
 */
static st_rc
prefill_concern(struct req *r, const char *pid, xmlDocPtr inst)
{
	struct concern_row cr;
	struct db_res *res = &cr.res;
	int found;
	st_rc rc;

	if ((rc = concern_peek(r, pid, &cr, &found)) != ST_OK || !found)
		return rc;
	if (!access_concern(&r->who, &cr.facts, CR_REPORT)) {
		concern_release(&cr);
		return ST_OK;
	}
	if ((rc = audit_log(r, "read", "concern", cr.id, cr.child_id)) ==
	    ST_OK) {
		prefill_reporter(r, inst);
		if (cr.child_id != 0) {
			set(inst, "/cw_report/child/name",
			    db_get(res, 0, CG_CHILD_NAME));
			set(inst, "/cw_report/child/birthdate",
			    db_get(res, 0, CG_CHILD_BIRTH));
		}
		rc = prefill_from(r, inst, db_get(res, 0, CG_FORM),
		    db_get(res, 0, CG_INSTANCE), db_get_len(res, 0,
		    CG_INSTANCE), db_get(res, 0, CG_REFERENCE),
		    db_get(res, 0, CG_CREATED), (int)db_get_int(res, 0,
		    CG_URGENT));
	}
	concern_release(&cr);
	return rc;
}

/*
 * The measure an evaluation is of, as the log has it (*done: it was
 * readable and set).
 */
static st_rc
evaluation_measure(struct req *r, const struct formctx *c, xmlDocPtr inst,
    int *done)
{
	char today[DATE_SIZE];
	struct caselog l;
	struct db_val q[2];
	struct db_res m;
	int found;
	st_rc rc;

	*done = 0;
	dates_today(today);
	q[0] = DV_STR(today);
	q[1] = DV_STR(c->measure);
	if ((rc = db_query(&r->w->db, STMT_MEASURE_GET, q, 2, 1, &m)) != ST_OK)
		return rc;
	if (m.nrows == 1 && (rc = caselog_peek_id(r, db_get_int(&m, 0,
	    MC_LOG), &l, &found)) == ST_OK && found) {
		if (access_log(&r->who, &l.facts, LR_READ)) {
			set(inst, "/evaluation/measure",
			    db_get(&m, 0, MC_WHAT));
			*done = 1;
		}
		caselog_release(&l);
	}
	db_res_release(&m);
	return rc;
}

st_rc
caseform_decided(struct req *r, const struct form_def *def,
    const struct formctx *c, xmlDocPtr inst)
{
	int done;

	if (is(def, "handover") && c->to != NULL)
		return caseform_prefill(r, def, c, inst);
	if (is(def, "evaluation") && pid_ok(c->measure) != NULL)
		return evaluation_measure(r, c, inst, &done);
	return ST_OK;
}

/*
 * From a relay log the reader may read (the caller checked): its child,
 * what its newest concern says (a reader of the log reads its concerns;
 * the read is audited), and the measures tried in it. A report from a
 * log is rarely urgent because the concern was: urgency is the
 * reporter's to say.
 */
static st_rc
prefill_log(struct req *r, const struct caselog *l, xmlDocPtr inst)
{
	struct buf text = BUF_INIT(8000);
	char today[DATE_SIZE];
	struct db_val p[2];
	struct db_res res;
	size_t i;
	st_rc rc;

	prefill_reporter(r, inst);
	set(inst, "/cw_report/child/name", l->child_name);
	set(inst, "/cw_report/child/birthdate", l->child_birth);
	if (l->child_birth == NULL)
		set(inst, "/cw_report/child/expected", l->child_expected);
	p[0] = DV_INT(l->id);
	if ((rc = db_query(&r->w->db, STMT_CONCERN_NEWEST_IN_LOG, p, 1, 1,
	    &res)) != ST_OK)
		return rc;
	if (res.nrows == 1) {
		rc = audit_log_as(r, l->role, "read", "concern",
		    db_get_int(&res, 0, 0), l->child_id);
		if (rc == ST_OK)
			rc = prefill_from(r, inst, db_get(&res, 0, 4),
			    db_get(&res, 0, 5), db_get_len(&res, 0, 5),
			    db_get(&res, 0, 1), db_get(&res, 0, 2), 0);
	}
	db_res_release(&res);
	if (rc != ST_OK)
		return rc;
	/* What has been done: the log's measures, with how each went. */
	dates_today(today);
	p[0] = DV_STR(today);
	p[1] = DV_INT(l->id);
	if ((rc = db_query(&r->w->db, STMT_MEASURE_LIST, p, 2, 100, &res)) !=
	    ST_OK)
		return rc;
	for (i = 0; i < res.nrows && rc == ST_OK; i++) {
		const char *result = db_get(&res, i, 11);

		if (i == 0)
			rc = buf_addf(&text, "%s\n",
			    _("Measures in the relay log:"));
		if (rc == ST_OK)
			rc = buf_addf(&text, "- %s", db_get(&res, i, 3));
		if (rc == ST_OK && result != NULL && *result != '\0')
			rc = buf_addf(&text, " (%s)", label_result(result));
		if (rc == ST_OK)
			rc = buf_addch(&text, '\n');
	}
	db_res_release(&res);
	if (rc == ST_OK && text.len > 0) {
		const char *before = form_get(inst, "/cw_report/concern",
		    &r->pool);
		struct buf all = BUF_INIT(64 * 1024);

		rc = para(&all, NULL, before);
		if (rc == ST_OK)
			rc = para(&all, NULL, text.data);
		if (rc == ST_OK)
			set(inst, "/cw_report/concern", all.data);
		buf_release(&all);
	}
	buf_release(&text);
	return rc == ST_E_TOO_BIG ? ST_OK : rc;
}

st_rc
caseform_prefill(struct req *r, const struct form_def *def,
    const struct formctx *c, xmlDocPtr inst)
{
	char today[DATE_SIZE];
	struct caselog l;
	struct db_val q[3];
	struct db_res m;
	int found;
	st_rc rc;

	dates_today(today);
	if (is(def, "evaluation") && pid_ok(c->measure) != NULL) {
		int set_it;

		if ((rc = evaluation_measure(r, c, inst, &set_it)) == ST_OK &&
		    set_it)
			set(inst, "/evaluation/date", today);
		return rc;
	}
	if (is(def, "cw-report") && pid_ok(c->concern) != NULL &&
	    c->log == NULL)
		return prefill_concern(r, c->concern, inst);
	if (pid_ok(c->log) == NULL)
		return ST_OK;
	if ((rc = caselog_peek(r, c->log, &l, &found)) != ST_OK || !found)
		return rc;
	if (!access_log(&r->who, &l.facts, LR_READ)) {
		caselog_release(&l);
		return ST_OK;
	}
	/* the people it names are the log's municipality's */
	codelists_use(r->w->codes, l.facts.municipality_id);
	if (is(def, "consent")) {
		set(inst, "/consent/child/name", l.child_name);
		set(inst, "/consent/child/birthdate", l.child_birth);
		if (l.child_birth == NULL)
			set(inst, "/consent/child/expected", l.child_expected);
		set(inst, "/consent/valid_from", today);
	} else if (is(def, "referral")) {
		set(inst, "/referral/child/name", l.child_name);
		set(inst, "/referral/child/birthdate", l.child_birth);
		if (l.child_birth == NULL)
			set(inst, "/referral/child/expected",
			    l.child_expected);
	} else if (is(def, "cw-report"))
		rc = prefill_log(r, &l, inst);
	else if (is(def, "closing"))
		set(inst, "/closing/date", today);
	else if (is(def, "minutes") && pid_ok(c->meeting) != NULL)
		rc = minutes_prefill(r, def, &l, c->meeting, inst);
	else if (is(def, "handover") && pid_ok(c->to) != NULL) {
		q[0] = DV_STR(c->to);
		q[1] = q[2] = DV_INT(here(r));
		if ((rc = db_query(&r->w->db, STMT_USER_BY_PID, q, 3, 1, &m)) ==
		    ST_OK) {
			if (m.nrows == 1 && db_get(&m, 0, 7) != NULL) {
				set(inst, "/handover/new_holder/name",
				    db_get(&m, 0, 1));
				set(inst, "/handover/new_holder/unit",
				    db_get(&m, 0, 7));
			}
			db_res_release(&m);
		}
	}
	caselog_release(&l);
	return rc;
}
