/* h_log.c: a relay log: its page and the actions on it (level,
 * participants, notes, meetings, measures, asking to close), the access
 * log and the archive copy, in the browser and the API. */
#include "config.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "birth.h"
#include "caselog.h"
#include "caserole.h"
#include "codelists.h"
#include "db.h"
#include "handlers.h"
#include "i18n.h"
#include "labels.h"
#include "logview.h"
#include "nin.h"
#include "secure.h"
#include "route.h"
#include "utf8.h"
#include "view.h"
#include "worker.h"

#define TEXT_MAX	4000

/*
 * Show the log page (or the API document) with status; when field is
 * not NULL the action that failed is named with its message, and what
 * the user typed is sent back so the page keeps it.
 */
static st_rc
log_page(struct req *r, const struct caselog *l, int status,
    const char *action, const char *field, const char *message)
{
	xmlNodePtr root, n, e;
	st_rc rc;

	if (req_is_api(r) && field != NULL)
		return view_send_field_error(r, status, field, message);
	root = req_is_api(r) ? view_doc(r, "relay") : view_page(r, "log");
	if ((rc = logview_build(r, l, root, 0, &n)) != ST_OK)
		return rc;
	if (field != NULL) {
		e = view_el(root, "error", message);
		view_attr(e, "action", action);
		view_attr(e, "field", field);
		view_typed(r, root, "action", action);
	}
	return view_send(r, status, root);
}

st_rc
log_page_error(struct req *r, const struct caselog *l, const char *action,
    const char *field, const char *message)
{
	return log_page(r, l, 422, action, field, message);
}

/* ROUTE: GET /logs/{id} */
/* ROUTE: GET /api/v1/logs/{id} */
st_rc
h_log_show(struct req *r)
{
	struct caselog l;
	int ok;
	st_rc rc;

	if ((rc = caselog_load(r, r->arg, LR_READ, &l, &ok)) != ST_OK || !ok)
		return rc;
	rc = log_page(r, &l, 200, NULL, NULL, NULL);
	caselog_release(&l);
	return rc;
}

/* ROUTE: GET /api/v1/logs/{id}/events */
st_rc
h_api_log_events(struct req *r)
{
	struct caselog l;
	xmlNodePtr root;
	int ok;
	st_rc rc;

	if ((rc = caselog_load(r, r->arg, LR_READ, &l, &ok)) != ST_OK || !ok)
		return rc;
	root = view_doc(r, "relay");
	view_attr(root, "log", l.public_id);
	rc = logview_events(r, l.id, 0, root);
	caselog_release(&l);
	if (rc != ST_OK)
		return rc;
	return view_send(r, 200, root);
}

/*
 * Every change to a log: log_begin_change() opens the transaction on the
 * locked log (*go = 0 and a 409 already answered when it changed
 * meanwhile); log_finish_change() records the audit row with the
 * event's object, commits and
 * answers, or rolls back when rc says something failed.
 */
st_rc
log_begin_change(struct req *r, const struct caselog *l, int *go)
{
	st_rc rc;

	*go = 0;
	if ((rc = caselog_begin(r, l)) == ST_E_CONFLICT)
		return caselog_conflict(r, _("The relay log was changed by someone else at the same time (closed, or handed over). Open it again and check before you try again."));
	*go = rc == ST_OK;
	return rc;
}

st_rc
log_finish_change(struct req *r, const struct caselog *l, st_rc rc,
    const char *action, const char *object, int status, const char *note)
{
	char loc[64];

	if (rc == ST_OK)
		rc = audit_log_as(r, caselog_role(l, r), action, object, l->id,
		    l->child_id);
	if (rc != ST_OK) {
		db_rollback(&r->w->db);
		return rc;
	}
	if ((rc = db_commit(&r->w->db)) != ST_OK)
		return rc;
	snprintf(loc, sizeof(loc), "%s/logs/%s", req_is_api(r) ? "/api/v1" :
	    "", l->public_id);
	return resp_done_note(r, status, loc, note);
}

/* s without the spaces around it, "" for none (in the request's pool) */
static const char *
trimmed(struct req *r, const char *s)
{
	size_t b = 0, e;
	char *t;

	if (s == NULL)
		return "";
	e = strlen(s);
	while (b < e && strchr(" \t\r\n", s[b]) != NULL)
		b++;
	while (e > b && strchr(" \t\r\n", s[e - 1]) != NULL)
		e--;
	t = pool_alloc(&r->pool, e - b + 1);
	memcpy(t, s + b, e - b);
	t[e - b] = '\0';
	return t;
}

static int
text_ok(const char *s, size_t max)
{
	return s != NULL && *s != '\0' && strlen(s) <= max;
}


/* The user named by public id, if staff who could take part. */
struct person {
	long long	 id;
	char		 name[201];
	char		 kind[32];
	long long	 unit_id;
};

static st_rc
find_staff(struct req *r, const char *pid, struct person *out, int *found)
{
	struct db_val p[3];
	struct db_res res;
	const char *role;
	st_rc rc;

	*found = 0;
	memset(out, 0, sizeof(*out));
	if (pid == NULL || !secure_is_id(pid))
		return ST_OK;
	/* among the people of the log's municipality (caselog_load made
	 * it the request's) */
	p[0] = DV_STR(pid);
	p[1] = p[2] = DV_INT(codelists_current(r->w->codes));
	if ((rc = db_query(&r->w->db, STMT_USER_BY_PID, p, 3, 1, &res)) !=
	    ST_OK)
		return rc;
	if (res.nrows == 1) {
		role = db_get(&res, 0, 2);
		if (db_get_int(&res, 0, 6) && db_get(&res, 0, 4) != NULL &&
		    (strcmp(role, "employee") == 0 ||
		    strcmp(role, "leader") == 0)) {
			out->id = db_get_int(&res, 0, 0);
			snprintf(out->name, sizeof(out->name), "%s",
			    db_get(&res, 0, 1));
			snprintf(out->kind, sizeof(out->kind), "%s",
			    db_get(&res, 0, 4));
			out->unit_id = db_get_int(&res, 0, 3);
			*found = 1;
		}
	}
	db_res_release(&res);
	return ST_OK;
}

/*
 * Someone of the log named by public id: with role NULL a participant,
 * whoever they are now (one whose unit is no longer shared with the
 * log's municipality is still taken off: they see nothing of it,
 * access.h); with a role, who has it in force, whether or not they
 * still take part.
 */
static st_rc
find_on_log(struct req *r, const struct caselog *l, const char *pid,
    const char *role, struct person *out, int *found)
{
	struct db_val p[3];
	struct db_res res;
	st_rc rc;

	*found = 0;
	memset(out, 0, sizeof(*out));
	if (pid == NULL || !secure_is_id(pid))
		return ST_OK;
	p[0] = DV_INT(l->id);
	p[1] = DV_STR(pid);
	p[2] = DV_OPT(role);
	if ((rc = db_query(&r->w->db, role != NULL ? STMT_ROLE_FIND :
	    STMT_PART_FIND, p, role != NULL ? 3 : 2, 1, &res)) != ST_OK)
		return rc;
	if (res.nrows == 1) {
		out->id = db_get_int(&res, 0, 0);
		snprintf(out->name, sizeof(out->name), "%s",
		    db_get(&res, 0, 1));
		out->unit_id = db_get_int(&res, 0, 2);
		*found = 1;
	}
	db_res_release(&res);
	return ST_OK;
}

static st_rc
find_participant(struct req *r, const struct caselog *l, const char *pid,
    struct person *out, int *found)
{
	return find_on_log(r, l, pid, NULL, out, found);
}

/* ROUTE: POST /logs/{id}/level */
/* ROUTE: POST /api/v1/logs/{id}/level */
st_rc
h_log_level(struct req *r)
{
	const char *lv = req_input(r, "level");
	const char *reason = req_input(r, "reason");
	struct caselog l;
	struct evmsg m;
	char today[DATE_SIZE];
	struct db_val p[3];
	unsigned long long n = 0;
	int go, ok, level;
	st_rc rc;

	if ((rc = caselog_load(r, r->arg, LR_LEVEL, &l, &ok)) != ST_OK || !ok)
		return rc;
	level = lv != NULL && strlen(lv) == 1 ? lv[0] - '0' : -1;
	if (level < 1 || level > 3) {
		rc = log_page(r, &l, 422, "level", "level",
		    _("Choose level 1, 2 or 3."));
		goto out;
	}
	if (!text_ok(reason, TEXT_MAX)) {
		rc = log_page(r, &l, 422, "level", "reason",
		    _("Say why the level changes (at most 4000 characters)."));
		goto out;
	}
	if (level == l.level) {
		rc = log_page(r, &l, 422, "level", "level",
		    _("The case is already at this level."));
		goto out;
	}
	if ((rc = log_begin_change(r, &l, &go)) != ST_OK || !go)
		goto out;
	dates_today(today);
	p[0] = DV_INT(level);
	p[1] = DV_STR(today);
	p[2] = DV_INT(l.id);
	rc = db_exec(&r->w->db, STMT_LOG_SET_LEVEL, p, 3, &n, NULL);
	evmsg_init(&m, N_("Level {0} to level {1}: {2}"));
	evmsg_number(&m, l.level);
	evmsg_number(&m, level);
	evmsg_text(&m, reason, evmsg_typed_lang(r));
	if (rc == ST_OK)
		rc = caselog_event_msg(&r->w->db, r->who.user_id, l.id, 0,
		    caselog_role(&l, r), "level", &m, NULL, NULL, 0);
	rc = log_finish_change(r, &l, rc, "update", "log", 200,
	    "level-decided");
out:
	caselog_release(&l);
	return rc;
}

/* ROUTE: POST /logs/{id}/participants */
/* ROUTE: POST /api/v1/logs/{id}/participants */
st_rc
h_log_participant_add(struct req *r)
{
	struct caselog l;
	struct person who;
	struct evmsg m;
	struct db_val p[3];
	int go, ok, found, covered;
	st_rc rc;

	if ((rc = caselog_load(r, r->arg, LR_MANAGE, &l, &ok)) != ST_OK ||
	    !ok)
		return rc;
	if ((rc = find_staff(r, req_input(r, "user"), &who, &found)) != ST_OK)
		goto out;
	if (!found) {
		rc = log_page(r, &l, 422, "participant", "user",
		    _("Choose a person from the list."));
		goto out;
	}
	covered = caselog_covers(r, &l, who.id, who.unit_id, &rc);
	if (rc != ST_OK)
		goto out;
	if (!covered) {
		rc = log_page(r, &l, 422, "participant", "user",
		    _("No valid consent covers this person's service. Record a consent from the guardians that names the service first."));
		goto out;
	}
	if (who.id == l.holder_id) {
		rc = log_page(r, &l, 422, "participant", "user",
		    _("This person holds the relay log already."));
		goto out;
	}
	if ((rc = log_begin_change(r, &l, &go)) != ST_OK || !go)
		goto out;
	p[0] = DV_INT(l.id);
	p[1] = DV_INT(who.id);
	p[2] = DV_INT(r->who.user_id);
	rc = db_exec(&r->w->db, STMT_PART_INSERT, p, 3, NULL, NULL);
	if (rc == ST_E_CONFLICT) {
		db_rollback(&r->w->db);
		rc = log_page(r, &l, 422, "participant", "user",
		    _("This person takes part already."));
		goto out;
	}
	evmsg_init(&m, N_("{0} takes part"));
	evmsg_name(&m, who.name);
	if (rc == ST_OK)
		rc = caselog_event_msg(&r->w->db, r->who.user_id, l.id, 0,
		    caselog_role(&l, r), "participant", &m, NULL, NULL, 0);
	if (rc == ST_OK)
		rc = caselog_notice(&r->w->db, "log.participant", 0, who.id,
		    NULL, 0, l.id);
	rc = log_finish_change(r, &l, rc, "update", "log", 201,
	    "participant-added");
out:
	caselog_release(&l);
	return rc;
}

/* ROUTE: POST /logs/{id}/participants/remove */
/* ROUTE: POST /api/v1/logs/{id}/participants/remove */
st_rc
h_log_participant_remove(struct req *r)
{
	const char *reason = req_input(r, "reason");
	struct caselog l;
	struct person who;
	struct evmsg m;
	struct db_val p[3];
	unsigned long long n = 0;
	int go, ok, found;
	st_rc rc;

	if ((rc = caselog_load(r, r->arg, LR_MANAGE, &l, &ok)) != ST_OK ||
	    !ok)
		return rc;
	if ((rc = find_participant(r, &l, req_input(r, "user"), &who,
	    &found)) != ST_OK)
		goto out;
	if (!found) {
		rc = log_page(r, &l, 422, "remove", "user",
		    _("Choose a person from the list."));
		goto out;
	}
	if (!text_ok(reason, 500)) {
		rc = log_page(r, &l, 422, "remove", "reason",
		    _("Say why (at most 500 characters)."));
		goto out;
	}
	if ((rc = log_begin_change(r, &l, &go)) != ST_OK || !go)
		goto out;
	p[0] = DV_STR(reason);
	p[1] = DV_INT(l.id);
	p[2] = DV_INT(who.id);
	rc = db_exec(&r->w->db, STMT_PART_REMOVE, p, 3, &n, NULL);
	if (rc == ST_OK && n == 0) {
		db_rollback(&r->w->db);
		rc = log_page(r, &l, 422, "remove", "user",
		    _("This person does not take part."));
		goto out;
	}
	/* their roles on the case end with their part in it */
	if (rc == ST_OK)
		rc = caserole_end(&r->w->db, l.id, who.id, NULL, reason, NULL);
	evmsg_init(&m, N_("{0} no longer takes part: {1}"));
	evmsg_name(&m, who.name);
	evmsg_text(&m, reason, evmsg_typed_lang(r));
	if (rc == ST_OK)
		rc = caselog_event_msg(&r->w->db, r->who.user_id, l.id, 0,
		    caselog_role(&l, r), "participant", &m, NULL, NULL, 0);
	rc = log_finish_change(r, &l, rc, "update", "log", 200,
	    "participant-removed");
out:
	caselog_release(&l);
	return rc;
}

/*
 * The person a role is given to: the holder, or a participant a valid
 * consent covers today (the one that lets them take part lets them hold
 * the role). *found = 0 when neither.
 */
static st_rc
find_log_person(struct req *r, const struct caselog *l, const char *pid,
    struct person *out, int *found)
{
	st_rc rc;

	if (pid != NULL && strcmp(pid, l->holder_pid) == 0) {
		memset(out, 0, sizeof(*out));
		out->id = l->holder_id;
		snprintf(out->name, sizeof(out->name), "%s", l->holder_name);
		*found = 1;
		return ST_OK;
	}
	if ((rc = find_participant(r, l, pid, out, found)) != ST_OK ||
	    !*found)
		return rc;
	*found = caselog_covers(r, l, out->id, out->unit_id, &rc);
	return rc;
}


/*
 * The role and the person a role action names: NULL when both are
 * right (*who found), or the field that is wrong with *msg its message
 * (nobody: the message for a person who cannot be named); *rc says
 * whether the lookup itself failed. ending: the person is one who has
 * the role; else one it may be given to.
 */
static const char *
role_check(struct req *r, const struct caselog *l, const char *role,
    int ending, const char *nobody, struct person *who, const char **msg,
    st_rc *rc)
{
	const char *pid = req_input(r, "user");
	int found = 0;

	*rc = ST_OK;
	if (!caserole_known(role)) {
		*msg = _("Choose the role: child coordinator, coordinator or member of the responsible group.");
		return "role";
	}
	*rc = ending ? find_on_log(r, l, pid, role, who, &found) :
	    find_log_person(r, l, pid, who, &found);
	if (*rc != ST_OK || found)
		return NULL;
	*msg = nobody;
	return "user";
}

/* ROUTE: POST /logs/{id}/roles */
/* ROUTE: POST /api/v1/logs/{id}/roles */
st_rc
h_log_role_add(struct req *r)
{
	const char *role = req_input(r, "role"), *field, *msg;
	struct caselog l;
	struct person who;
	struct evmsg m;
	int go, ok, taken = 0;
	st_rc rc;

	if ((rc = caselog_load(r, r->arg, LR_MANAGE, &l, &ok)) != ST_OK ||
	    !ok)
		return rc;
	if ((field = role_check(r, &l, role, 0,
	    _("Choose the relay holder or a participant a valid consent covers: a role is given to someone who takes part in the log."),
	    &who, &msg, &rc)) != NULL || rc != ST_OK) {
		if (field != NULL)
			rc = log_page(r, &l, 422, "role", field, msg);
		goto out;
	}
	if ((rc = log_begin_change(r, &l, &go)) != ST_OK || !go)
		goto out;
	rc = caserole_appoint(&r->w->db, l.id, who.id, role, r->who.user_id,
	    &taken);
	if (rc == ST_OK && taken) {
		db_rollback(&r->w->db);
		rc = log_page(r, &l, 422, "role", "user",
		    strcmp(role, "group") == 0 ?
		    _("This person is in the responsible group already.") :
		    _("Someone has this role already: end it first."));
		goto out;
	}
	evmsg_init(&m, N_("{0} is appointed {1}"));
	evmsg_name(&m, who.name);
	evmsg_code(&m, EVARG_CASE_ROLE, role);
	if (rc == ST_OK)
		rc = caselog_event_msg(&r->w->db, r->who.user_id, l.id, 0,
		    caselog_role(&l, r), "role", &m, NULL, NULL, 0);
	rc = log_finish_change(r, &l, rc, "update", "log", 201,
	    "role-appointed");
out:
	caselog_release(&l);
	return rc;
}

/* ROUTE: POST /logs/{id}/roles/end */
/* ROUTE: POST /api/v1/logs/{id}/roles/end */
st_rc
h_log_role_end(struct req *r)
{
	const char *role = req_input(r, "role"), *field, *msg;
	const char *reason = req_input(r, "reason");
	struct caselog l;
	struct person who;
	struct evmsg m;
	unsigned long long n = 0;
	int go, ok;
	st_rc rc;

	if ((rc = caselog_load(r, r->arg, LR_MANAGE, &l, &ok)) != ST_OK ||
	    !ok)
		return rc;
	if ((field = role_check(r, &l, role, 1,
	    _("This person does not have this role."), &who, &msg, &rc)) !=
	    NULL || rc != ST_OK) {
		if (field != NULL)
			rc = log_page(r, &l, 422, "role-end", field, msg);
		goto out;
	}
	if (!text_ok(reason, 500)) {
		rc = log_page(r, &l, 422, "role-end", "reason",
		    _("Say why (at most 500 characters)."));
		goto out;
	}
	if ((rc = log_begin_change(r, &l, &go)) != ST_OK || !go)
		goto out;
	rc = caserole_end(&r->w->db, l.id, who.id, role, reason, &n);
	if (rc == ST_OK && n == 0) {
		db_rollback(&r->w->db);
		rc = log_page(r, &l, 422, "role-end", "user",
		    _("This person does not have this role."));
		goto out;
	}
	evmsg_init(&m, N_("{0} is no longer {1}: {2}"));
	evmsg_name(&m, who.name);
	evmsg_code(&m, EVARG_CASE_ROLE, role);
	evmsg_text(&m, reason, evmsg_typed_lang(r));
	if (rc == ST_OK)
		rc = caselog_event_msg(&r->w->db, r->who.user_id, l.id, 0,
		    caselog_role(&l, r), "role", &m, NULL, NULL, 0);
	rc = log_finish_change(r, &l, rc, "update", "log", 200,
	    "role-ended");
out:
	caselog_release(&l);
	return rc;
}

/* ROUTE: POST /logs/{id}/language */
/* ROUTE: POST /api/v1/logs/{id}/language */
st_rc
h_log_language(struct req *r)
{
	const char *lang = req_input(r, "language");
	const char *interp = req_input(r, "interpreter");
	struct caselog l;
	struct evmsg m;
	struct db_val p[3];
	int go, ok, need;
	st_rc rc;

	if ((rc = caselog_load(r, r->arg, LR_MANAGE, &l, &ok)) != ST_OK ||
	    !ok)
		return rc;
	need = interp != NULL && (strcmp(interp, "true") == 0 ||
	    strcmp(interp, "1") == 0);
	lang = trimmed(r, lang);
	if (interp != NULL && *interp != '\0' && !need &&
	    strcmp(interp, "false") != 0 && strcmp(interp, "0") != 0) {
		rc = log_page(r, &l, 422, "language", "interpreter",
		    _("Say whether the family needs an interpreter."));
		goto out;
	}
	if (utf8_chars(lang) > 60) {
		rc = log_page(r, &l, 422, "language", "language",
		    _("Write the language in at most 60 characters."));
		goto out;
	}
	if (need && *lang == '\0') {
		rc = log_page(r, &l, 422, "language", "language",
		    _("Write which language the interpreter is for."));
		goto out;
	}
	/* saved again as it was: nothing to write or tell */
	if (need == l.interpreter && strcmp(lang, l.family_language != NULL ?
	    l.family_language : "") == 0) {
		char loc[64];

		snprintf(loc, sizeof(loc), "%s/logs/%s", req_is_api(r) ?
		    "/api/v1" : "", l.public_id);
		rc = resp_done_note(r, 200, loc, "language-saved");
		goto out;
	}
	if ((rc = log_begin_change(r, &l, &go)) != ST_OK || !go)
		goto out;
	p[0] = DV_OPT(*lang != '\0' ? lang : NULL);
	p[1] = DV_INT(need);
	p[2] = DV_INT(l.id);
	rc = db_exec(&r->w->db, STMT_LOG_LANGUAGE, p, 3, NULL, NULL);
	if (*lang == '\0')
		evmsg_init(&m, N_("The family's language is no longer recorded"));
	else {
		evmsg_init(&m, need ?
		    N_("The family's language: {0}; an interpreter is needed") :
		    N_("The family's language: {0}; no interpreter is needed"));
		evmsg_text(&m, lang, evmsg_typed_lang(r));
	}
	if (rc == ST_OK)
		rc = caselog_event_msg(&r->w->db, r->who.user_id, l.id, 0,
		    caselog_role(&l, r), "language", &m, NULL, NULL, 0);
	rc = log_finish_change(r, &l, rc, "update", "log", 200,
	    "language-saved");
out:
	caselog_release(&l);
	return rc;
}

/* ROUTE: POST /logs/{id}/notes */
/* ROUTE: POST /api/v1/logs/{id}/notes */
st_rc
h_log_note(struct req *r)
{
	const char *kind = req_input(r, "kind");
	const char *text = req_input(r, "text");
	struct caselog l;
	struct evmsg m;
	int go, ok;
	st_rc rc;

	if ((rc = caselog_load(r, r->arg, LR_NOTE, &l, &ok)) != ST_OK || !ok)
		return rc;
	if (kind == NULL || (strcmp(kind, "note") != 0 &&
	    strcmp(kind, "bright_spot") != 0)) {
		rc = log_page(r, &l, 422, "note", "kind",
		    _("Choose a note or a bright spot."));
		goto out;
	}
	if (!text_ok(text, TEXT_MAX)) {
		rc = log_page(r, &l, 422, "note", "text",
		    _("Write the note (at most 4000 characters)."));
		goto out;
	}
	if ((rc = log_begin_change(r, &l, &go)) != ST_OK || !go)
		goto out;
	/* a note is what its writer wrote, nothing to translate */
	evmsg_init(&m, EVMSG_TEXT_ONLY);
	evmsg_text(&m, text, evmsg_typed_lang(r));
	rc = caselog_event_msg(&r->w->db, r->who.user_id, l.id, 0,
	    caselog_role(&l, r), kind, &m, NULL, NULL, 0);
	/* The family's way to reach the holder is the log itself: the
	 * holder is told when they write in it. */
	if (rc == ST_OK && r->who.role == ROLE_CITIZEN)
		rc = caselog_notice(&r->w->db, "log.family_note", 0,
		    l.holder_id, NULL, 0, l.id);
	rc = log_finish_change(r, &l, rc, "create", "note", 201,
	    r->who.role == ROLE_CITIZEN ? "family-note-added" : "note-added");
out:
	caselog_release(&l);
	return rc;
}

/*
 * Before the birth the register names no guardian of the child: the
 * holder names an expectant parent by their identity number (kept as its
 * HMAC, never shown or logged). They read the log at once if they have
 * an account, else from their first login, until the birth is
 * registered with the child's number (birth.c).
 */
/* ROUTE: POST /logs/{id}/expectant */
/* ROUTE: POST /api/v1/logs/{id}/expectant */
st_rc
h_log_expectant(struct req *r)
{
	const char *nin = req_input(r, "nin");
	unsigned char h[SECURE_HASH_LEN];
	unsigned long long n = 0;
	struct caselog l;
	struct evmsg m;
	struct db_val p[3];
	int go, ok;
	st_rc rc;

	if ((rc = caselog_load(r, r->arg, LR_MANAGE, &l, &ok)) != ST_OK ||
	    !ok)
		return rc;
	if (l.child_expected == NULL || l.child_has_nin) {
		rc = caselog_conflict(r, _("The child is born and has a national identity number: the population register says who the guardians are."));
		goto out;
	}
	nin = trimmed(r, nin);
	if (nin_check(nin, NULL) != NIN_OK) {
		rc = log_page(r, &l, 422, "expectant", "nin",
		    _("Give the expectant parent's national identity number: 11 digits."));
		goto out;
	}
	secure_hmac(r->w->key, nin, strlen(nin), h);
	if ((rc = log_begin_change(r, &l, &go)) != ST_OK || !go)
		goto out;
	p[0] = DV_INT(l.child_id);
	p[1] = DV_BLOB(h, sizeof(h));
	p[2] = DV_INT(r->who.user_id);
	rc = db_exec(&r->w->db, STMT_EXPECTANT_ADD, p, 3, &n, NULL);
	/* named before: nothing more to write or tell */
	if (rc == ST_OK && n == 1)
		rc = db_exec(&r->w->db, STMT_EXPECTANT_LINK, p, 2, NULL, NULL);
	if (rc == ST_OK && n == 1) {
		evmsg_init(&m, N_("An expectant parent is named: they read the relay log until the birth"));
		rc = caselog_event_msg(&r->w->db, r->who.user_id, l.id, 0,
		    caselog_role(&l, r), "expectant", &m, NULL, NULL, 0);
	}
	rc = log_finish_change(r, &l, rc, "update", "log", n == 1 ? 201 : 200,
	    "expectant-named");
out:
	caselog_release(&l);
	return rc;
}

/* ROUTE: POST /logs/{id}/birth */
/* ROUTE: POST /api/v1/logs/{id}/birth */
st_rc
h_log_birth(struct req *r)
{
	struct birth_given g;
	struct caselog l;
	struct evmsg m;
	const char *field, *msg;
	long long taken = 0;
	int go, ok;
	st_rc rc;

	if ((rc = caselog_load(r, r->arg, LR_MANAGE, &l, &ok)) != ST_OK ||
	    !ok)
		return rc;
	if (l.child_expected == NULL) {
		rc = caselog_conflict(r, _("The child was born when the relay log began: there is no birth to register."));
		goto out;
	}
	if (l.child_birth != NULL && l.child_has_nin) {
		rc = caselog_conflict(r, _("The child's birth is already registered."));
		goto out;
	}
	if ((field = birth_check(r, req_input(r, "child_name"),
	    req_input(r, "child_nin"), req_input(r, "child_birthdate"),
	    l.child_expected, l.child_birth, &g, &msg)) != NULL) {
		rc = log_page(r, &l, 422, "birth", field, _(msg));
		goto out;
	}
	if ((rc = log_begin_change(r, &l, &go)) != ST_OK || !go)
		goto out;
	rc = birth_register(r, l.child_id, &g, &taken);
	if (rc == ST_OK && taken) {
		db_rollback(&r->w->db);
		/* Asking about a number is asking about that child: its
		 * guardians see it in its access log. */
		if (taken > 0 && (rc = audit_log_as(r, caselog_role(&l, r),
		    "read", "child", taken, taken)) != ST_OK)
			goto out;
		rc = log_page(r, &l, 409, "birth", "child_nin",
		    _("This identity number cannot be registered here: stafett already has a record with it. Give the date of birth without the number for now, and ask your leader how the two are to be joined."));
		goto out;
	}
	if (rc == ST_E_CONFLICT) {
		db_rollback(&r->w->db);
		rc = caselog_conflict(r, _("The child's birth is already registered."));
		goto out;
	}
	if (l.child_birth != NULL) {
		/* the number after the date (never the number itself), and
		 * the date of birth it gives */
		evmsg_init(&m, N_("The child's national identity number is registered: {0}, born {1}"));
		evmsg_name(&m, g.name);
		evmsg_date(&m, g.date);
	} else {
		evmsg_init(&m, N_("The child is born ({0}); the expected date was {1}. The relay log goes on with the child's name: {2}"));
		evmsg_date(&m, g.date);
		evmsg_date(&m, l.child_expected);
		evmsg_name(&m, g.name);
	}
	if (rc == ST_OK)
		rc = caselog_event_msg(&r->w->db, r->who.user_id, l.id, 0,
		    caselog_role(&l, r), "birth", &m, NULL, NULL, 0);
	rc = log_finish_change(r, &l, rc, "update", "log", 200,
	    "birth-registered");
out:
	caselog_release(&l);
	return rc;
}

/* ROUTE: POST /logs/{id}/close-request */
/* ROUTE: POST /api/v1/logs/{id}/close-request */
st_rc
h_log_close_request(struct req *r)
{
	const char *reason = req_input(r, "reason");
	struct caselog l;
	struct evmsg m;
	int go, ok;
	st_rc rc;

	if ((rc = caselog_load(r, r->arg, LR_CLOSE_ASK, &l, &ok)) != ST_OK ||
	    !ok)
		return rc;
	if (reason != NULL && strlen(reason) > TEXT_MAX) {
		rc = log_page(r, &l, 422, "close-request", "reason",
		    _("At most 4000 characters."));
		goto out;
	}
	if ((rc = log_begin_change(r, &l, &go)) != ST_OK || !go)
		goto out;
	evmsg_init(&m, N_("The guardians ask for the relay log to be closed. {0}"));
	evmsg_text(&m, reason, evmsg_typed_lang(r));
	rc = caselog_event_msg(&r->w->db, r->who.user_id, l.id, 0,
	    caselog_role(&l, r), "close_request", &m, NULL, NULL, 0);
	if (rc == ST_OK)
		rc = caselog_notice(&r->w->db, "log.close_request", 0,
		    l.holder_id, NULL, 0, l.id);
	rc = log_finish_change(r, &l, rc, "update", "log", 200,
	    "close-requested");
out:
	caselog_release(&l);
	return rc;
}

/* Is the user named by pid the holder or an active, covered participant
 * of l? Their row id in *id. */
static st_rc
member(struct req *r, const struct caselog *l, const char *pid,
    long long *id, char *name, size_t namelen)
{
	struct person who;
	struct db_res res;
	char today[DATE_SIZE];
	int found;
	size_t i;
	st_rc rc;

	*id = 0;
	if ((rc = find_staff(r, pid, &who, &found)) != ST_OK || !found)
		return rc;
	if (who.id == l->holder_id) {
		*id = who.id;
		snprintf(name, namelen, "%s", who.name);
		return ST_OK;
	}
	dates_today(today);
	if ((rc = caselog_participants(&r->w->db, l, today, &res)) != ST_OK)
		return rc;
	for (i = 0; i < res.nrows; i++)
		if (db_get_int(&res, i, 6) == who.id &&
		    db_get_int(&res, i, 4)) {
			*id = who.id;
			snprintf(name, namelen, "%s", who.name);
		}
	db_res_release(&res);
	return ST_OK;
}

/* The labels of a meeting answer, as the timeline says them. */
static const struct { const char *code, *msg; } answers[] = {
	{ "coming", N_("Answered the invitation to the meeting {0}: coming") },
	{ "not_coming", N_("Answered the invitation to the meeting {0}: cannot come") },
	{ "other_time", N_("Answered the invitation to the meeting {0}: asks for another time") },
};

/*
 * An answer to an invitation to a meeting of the log: by whoever is
 * invited by name, or, when the family is invited, by a guardian or the
 * youth (their invitation is made when they answer). Answered again, the
 * last answer counts. The holder is told (unless they answer themselves).
 */
/* ROUTE: POST /logs/{id}/meetings/answer */
/* ROUTE: POST /api/v1/logs/{id}/meetings/answer */
st_rc
h_log_meeting_answer(struct req *r)
{
	const char *meeting = req_input(r, "meeting");
	const char *answer = req_input(r, "answer");
	const char *note;
	struct caselog l;
	struct evmsg m;
	struct db_val p[5];
	struct db_res mt, inv;
	char today[DATE_SIZE], date[DATE_SIZE];
	const char *msg = NULL, *starts, *was = NULL, *was_note = NULL;
	long long mid, fam[CASELOG_FAMILY_MAX];
	int go, ok, found, invited = 0, family = 0, family_invited, same;
	size_t i, nfam = 0;
	st_rc rc;

	if ((rc = caselog_load(r, r->arg, LR_NOTE, &l, &ok)) != ST_OK || !ok)
		return rc;
	p[0] = DV_STR(meeting != NULL ? meeting : "");
	if ((rc = db_query(&r->w->db, STMT_MEETING_GET, p, 1, 1, &mt)) !=
	    ST_OK)
		goto out;
	found = mt.nrows == 1 && db_get_int(&mt, 0, 2) == l.id;
	mid = found ? db_get_int(&mt, 0, 0) : 0;
	starts = found ? db_get(&mt, 0, 3) : NULL;
	snprintf(date, sizeof(date), "%.10s", starts != NULL ? starts : "");
	family_invited = found && db_get_int(&mt, 0, 9);
	db_res_release(&mt);
	if (!found) {
		rc = log_page(r, &l, 422, "answer", "meeting",
		    _("Choose a meeting of this relay log."));
		goto out;
	}
	dates_today(today);
	/* the family as every notice to it counts it (caselog_family) */
	if (family_invited && r->who.role == ROLE_CITIZEN) {
		if ((rc = caselog_family(&r->w->db, l.child_id, l.child_birth,
		    today, fam, CASELOG_FAMILY_MAX, &nfam)) != ST_OK)
			goto out;
		for (i = 0; i < nfam; i++)
			if (fam[i] == r->who.user_id)
				invited = family = 1;
	}
	p[0] = DV_INT(mid);
	p[1] = DV_INT(r->who.user_id);
	if ((rc = db_query(&r->w->db, STMT_MEETING_INVITEE_GET, p, 2, 1,
	    &inv)) != ST_OK)
		goto out;
	if (inv.nrows == 1) {
		invited = 1;
		family = (int)db_get_int(&inv, 0, 1);
		was = db_get(&inv, 0, 0);
		was_note = db_get(&inv, 0, 2);
	}
	if (!invited) {
		db_res_release(&inv);
		rc = resp_error(r, 403, _("You are not invited to this meeting."));
		goto out;
	}
	if (strcmp(date, today) < 0) {
		db_res_release(&inv);
		rc = caselog_conflict(r, _("The meeting has been held: there is no invitation to answer any more."));
		goto out;
	}
	for (i = 0; i < sizeof(answers) / sizeof(answers[0]); i++)
		if (answer != NULL && strcmp(answer, answers[i].code) == 0)
			msg = answers[i].msg;
	note = trimmed(r, req_input(r, "note"));
	/* the same answer again: nothing to write or tell */
	same = msg != NULL && was != NULL && strcmp(was, answer) == 0 &&
	    strcmp(was_note != NULL ? was_note : "", note) == 0;
	db_res_release(&inv);
	if (same) {
		char loc[64];

		snprintf(loc, sizeof(loc), "%s/logs/%s", req_is_api(r) ?
		    "/api/v1" : "", l.public_id);
		rc = resp_done_note(r, 200, loc, "meeting-answered");
		goto out;
	}
	if (msg == NULL) {
		rc = log_page(r, &l, 422, "answer", "answer",
		    _("Choose whether you are coming, cannot come, or ask for another time."));
		goto out;
	}
	if (utf8_chars(note) > 1000) {
		rc = log_page(r, &l, 422, "answer", "note",
		    _("Write at most 1000 characters."));
		goto out;
	}
	if (strcmp(answer, "other_time") == 0 && *note == '\0') {
		rc = log_page(r, &l, 422, "answer", "note",
		    _("Say which days and times suit you."));
		goto out;
	}
	if ((rc = log_begin_change(r, &l, &go)) != ST_OK || !go)
		goto out;
	p[0] = DV_INT(mid);
	p[1] = DV_INT(r->who.user_id);
	p[2] = DV_INT(family);
	p[3] = DV_STR(answer);
	p[4] = DV_OPT(*note != '\0' ? note : NULL);
	rc = db_exec(&r->w->db, STMT_MEETING_ANSWER, p, 5, NULL, NULL);
	evmsg_init(&m, msg);
	evmsg_date(&m, date);
	if (rc == ST_OK)
		rc = caselog_event_msg(&r->w->db, r->who.user_id, l.id, 0,
		    caselog_role(&l, r), "meeting", &m, "meeting", meeting, 0);
	if (rc == ST_OK && r->who.user_id != l.holder_id)
		rc = caselog_notice(&r->w->db, "meeting.answer", 0,
		    l.holder_id, NULL, 0, l.id);
	rc = log_finish_change(r, &l, rc, "update", "meeting", 200,
	    "meeting-answered");
out:
	caselog_release(&l);
	return rc;
}

/* ROUTE: POST /logs/{id}/measures */
/* ROUTE: POST /api/v1/logs/{id}/measures */
st_rc
h_log_measure_add(struct req *r)
{
	const char *what = req_input(r, "what");
	const char *goal = req_input(r, "goal");
	const char *start = req_input(r, "start");
	const char *eval = req_input(r, "evaluation");
	struct caselog l;
	struct evmsg m;
	char pid[SECURE_ID_SIZE], name[201];
	struct db_val p[9];
	long long resp;
	int go, ok, dok;
	st_rc rc;

	if ((rc = caselog_load(r, r->arg, LR_MANAGE, &l, &ok)) != ST_OK ||
	    !ok)
		return rc;
	if (!text_ok(what, 2000)) {
		rc = log_page(r, &l, 422, "measure", "what",
		    _("Say what the measure is (at most 2000 characters)."));
		goto out;
	}
	if (!text_ok(goal, 2000)) {
		rc = log_page(r, &l, 422, "measure", "goal",
		    _("Say what the measure should achieve (at most 2000 characters)."));
		goto out;
	}
	if ((rc = member(r, &l, req_input(r, "responsible"), &resp, name,
	    sizeof(name))) != ST_OK)
		goto out;
	if (resp == 0) {
		rc = log_page(r, &l, 422, "measure", "responsible",
		    _("The responsible person must be the holder or take part in the relay log."));
		goto out;
	}
	if (!dates_is_ymd(start)) {
		rc = log_page(r, &l, 422, "measure", "start",
		    _("Give the start date as a date (YYYY-MM-DD)."));
		goto out;
	}
	if (!dates_is_ymd(eval) || dates_days(eval, &dok) <
	    dates_days(start, &dok)) {
		rc = log_page(r, &l, 422, "measure", "evaluation",
		    _("Give the evaluation date as a date (YYYY-MM-DD), not before the start."));
		goto out;
	}
	if ((rc = log_begin_change(r, &l, &go)) != ST_OK || !go)
		goto out;
	secure_random_id(pid);
	p[0] = DV_STR(pid);
	p[1] = DV_INT(l.id);
	p[2] = DV_STR(what);
	p[3] = DV_STR(goal);
	p[4] = DV_INT(resp);
	p[5] = DV_STR(start);
	p[6] = DV_STR(eval);
	p[7] = DV_NULL;
	p[8] = DV_INT(r->who.user_id);
	rc = db_exec(&r->w->db, STMT_MEASURE_INSERT, p, 9, NULL, NULL);
	evmsg_init(&m, N_("New measure: {0} (responsible: {1}, evaluation {2})"));
	evmsg_text(&m, label_unstop(&r->pool, what), evmsg_typed_lang(r));
	evmsg_name(&m, name);
	evmsg_date(&m, eval);
	if (rc == ST_OK)
		rc = caselog_event_msg(&r->w->db, r->who.user_id, l.id, 0,
		    caselog_role(&l, r), "measure", &m, "measure", pid, 0);
	if (rc == ST_OK && resp != r->who.user_id)
		rc = caselog_notice(&r->w->db, "measure.new", 0, resp, NULL,
		    0, l.id);
	rc = log_finish_change(r, &l, rc, "create", "measure", 201,
	    "measure-added");
out:
	caselog_release(&l);
	return rc;
}

/*
 * The meeting in p (STMT_MEETING_INSERT's values, its key in p[7]) on
 * each sibling's log of l that its holder manages, in the transaction,
 * each with its own public id and an event naming no other child; the
 * logs it went to are counted in *n. The family is invited through the
 * first log only (one invitation), and the people invited by name are
 * that log's.
 */
static st_rc
family_meeting(struct req *r, const struct caselog *l, struct db_val *p,
    size_t *n)
{
	struct db_val q[4];
	struct db_res res;
	struct log_facts f;
	struct evmsg m;
	char today[DATE_SIZE], pid[SECURE_ID_SIZE];
	size_t i;
	st_rc rc;

	*n = 0;
	dates_today(today);
	caselog_reader(r, today, q);
	q[3] = DV_INT(l->id);
	/* STMT_FAMILY_SIBLINGS: public_id, reference, child, id,
	 * LOG_FACTS, child id */
	if ((rc = db_query(&r->w->db, STMT_FAMILY_SIBLINGS, q, 4, 50,
	    &res)) != ST_OK)
		return rc;
	for (i = 0; rc == ST_OK && i < res.nrows; i++) {
		long long sib;

		(void)caselog_facts(&res, i, 4, today, &f);
		if (!access_log(&r->who, &f, LR_MANAGE))
			continue;
		sib = db_get_int(&res, i, 3);
		if ((rc = caselog_lock(&r->w->db, sib)) != ST_OK)
			break;
		secure_random_id(pid);
		p[0] = DV_STR(pid);
		p[1] = DV_INT(sib);
		p[6] = DV_INT(0);
		if ((rc = db_exec(&r->w->db, STMT_MEETING_INSERT, p, 8, NULL,
		    NULL)) != ST_OK)
			break;
		evmsg_init(&m, N_("Family meeting {0} {1}, {2}, planned in a sibling’s relay log"));
		evmsg_date(&m, req_input(r, "date"));
		evmsg_time(&m, req_input(r, "time"));
		evmsg_text(&m, req_input(r, "place"), evmsg_typed_lang(r));
		rc = caselog_event_msg(&r->w->db, r->who.user_id, sib, 0,
		    "holder", "meeting", &m, "meeting", pid, 0);
		if (rc == ST_OK)
			rc = audit_log(r, "create", "meeting", sib,
			    db_get_int(&res, i, 4 + CASELOG_NFACTS));
		(*n)++;
	}
	db_res_release(&res);
	return rc;
}

/* ROUTE: POST /logs/{id}/meetings */
/* ROUTE: POST /api/v1/logs/{id}/meetings */
st_rc
h_log_meeting_add(struct req *r)
{
	const char *date = req_input(r, "date");
	const char *time = req_input(r, "time");
	const char *place = req_input(r, "place");
	const char *agenda = req_input(r, "agenda");
	const char *family = req_input(r, "family");
	const char *siblings = req_input(r, "siblings");
	struct caselog l;
	struct evmsg m;
	char pid[SECURE_ID_SIZE], starts[20], name[201], today[DATE_SIZE];
	char fkey[SECURE_ID_SIZE] = "";
	long long ids[64];
	size_t nids = 0, i, nsib = 0;
	unsigned long long mid = 0;
	struct db_val p[8];
	long long fam[CASELOG_FAMILY_MAX];
	size_t nfam = 0;
	int go, ok, with_family;
	st_rc rc;

	if ((rc = caselog_load(r, r->arg, LR_MANAGE, &l, &ok)) != ST_OK ||
	    !ok)
		return rc;
	with_family = family != NULL && (strcmp(family, "true") == 0 ||
	    strcmp(family, "1") == 0);
	if (!dates_is_ymd(date)) {
		rc = log_page(r, &l, 422, "meeting", "date",
		    _("Give the date as a date (YYYY-MM-DD)."));
		goto out;
	}
	if (family != NULL && *family != '\0' && !with_family &&
	    strcmp(family, "false") != 0 && strcmp(family, "0") != 0) {
		rc = log_page(r, &l, 422, "meeting", "family",
		    _("Say whether the family is invited."));
		goto out;
	}
	/* Before the birth there is no child the register links a family
	 * to: the expectant parents are invited outside stafett. */
	if (with_family && !l.child_has_nin) {
		rc = log_page(r, &l, 422, "meeting", "family",
		    _("The family cannot be invited through the relay log: without the child's national identity number stafett does not know the guardians. Invite them another way."));
		goto out;
	}
	if (!dates_is_hm(time)) {
		rc = log_page(r, &l, 422, "meeting", "time",
		    _("Give the time as HH:MM."));
		goto out;
	}
	if (!text_ok(place, 200)) {
		rc = log_page(r, &l, 422, "meeting", "place",
		    _("Say where the meeting is (at most 200 characters)."));
		goto out;
	}
	if (!text_ok(agenda, TEXT_MAX)) {
		rc = log_page(r, &l, 422, "meeting", "agenda",
		    _("Write the agenda (at most 4000 characters)."));
		goto out;
	}
	for (i = 0; req_input_n(r, "invite", i) != NULL; i++) {
		long long id;

		if (nids == sizeof(ids) / sizeof(ids[0])) {
			/* refused, not cut short: nobody is left uninvited */
			rc = log_page(r, &l, 422, "meeting", "invite",
			    _("At most 64 people can be invited to one meeting."));
			goto out;
		}
		if ((rc = member(r, &l, req_input_n(r, "invite", i), &id,
		    name, sizeof(name))) != ST_OK)
			goto out;
		if (id == 0) {
			rc = log_page(r, &l, 422, "meeting", "invite",
			    _("Only the holder and the participants of the relay log can be invited."));
			goto out;
		}
		ids[nids++] = id;
	}
	snprintf(starts, sizeof(starts), "%s %s:00", date, time);
	if ((rc = log_begin_change(r, &l, &go)) != ST_OK || !go)
		goto out;
	secure_random_id(pid);
	p[0] = DV_STR(pid);
	p[1] = DV_INT(l.id);
	p[2] = DV_STR(starts);
	p[3] = DV_STR(place);
	p[4] = DV_STR(agenda);
	p[5] = DV_INT(r->who.user_id);
	p[6] = DV_INT(with_family);
	/* for the family: the same meeting on each sibling's log its
	 * holder manages, sharing a key (family.h) */
	if (admin_yes(siblings))
		secure_random_id(fkey);
	p[7] = fkey[0] != '\0' ? DV_STR(fkey) : DV_NULL;
	rc = db_exec(&r->w->db, STMT_MEETING_INSERT, p, 8, NULL, &mid);
	if (rc == ST_OK && fkey[0] != '\0')
		rc = family_meeting(r, &l, p, &nsib);
	/* meant for the family, and no sibling's log took it: a meeting
	 * of this log alone, as it is */
	if (rc == ST_OK && fkey[0] != '\0' && nsib == 0) {
		p[0] = DV_INT(mid);
		rc = db_exec(&r->w->db, STMT_MEETING_FAMILY_CLEAR, p, 1, NULL,
		    NULL);
	}
	for (i = 0; i < nids && rc == ST_OK; i++) {
		p[0] = DV_INT(mid);
		p[1] = DV_INT(ids[i]);
		rc = db_exec(&r->w->db, STMT_MEETING_INVITE, p, 2, NULL, NULL);
		if (rc == ST_OK && ids[i] != r->who.user_id)
			rc = caselog_notice(&r->w->db, "meeting.invite", 0,
			    ids[i], NULL, 0, l.id);
	}
	/* The family: those stafett knows are invited and told now; a
	 * guardian who has not logged in yet finds it at their first
	 * login (folk_sync). */
	if (rc == ST_OK && with_family) {
		dates_today(today);
		p[0] = DV_INT(mid);
		p[1] = DV_INT(l.child_id);
		p[2] = DV_STR(today);
		p[3] = DV_INT(YOUTH_AGE);
		rc = db_exec(&r->w->db, STMT_MEETING_INVITE_FAMILY, p, 4, NULL,
		    NULL);
		if (rc == ST_OK)
			rc = caselog_family(&r->w->db, l.child_id,
			    l.child_birth, today, fam, CASELOG_FAMILY_MAX,
			    &nfam);
		for (i = 0; rc == ST_OK && i < nfam; i++)
			rc = caselog_notice(&r->w->db, "meeting.invite", 0,
			    fam[i], NULL, 0, l.id);
	}
	evmsg_init(&m, nsib > 0 ? (with_family ?
	    N_("Family meeting {0} {1}, {2}, also in the siblings’ relay logs; the family is invited") :
	    N_("Family meeting {0} {1}, {2}, also in the siblings’ relay logs")) :
	    with_family ? N_("Meeting {0} {1}, {2}; the family is invited") :
	    N_("Meeting {0} {1}, {2}"));
	evmsg_date(&m, date);
	evmsg_time(&m, time);
	evmsg_text(&m, place, evmsg_typed_lang(r));
	if (rc == ST_OK)
		rc = caselog_event_msg(&r->w->db, r->who.user_id, l.id, 0,
		    caselog_role(&l, r), "meeting", &m, "meeting", pid, 0);
	rc = log_finish_change(r, &l, rc, "create", "meeting", 201,
	    "meeting-planned");
out:
	caselog_release(&l);
	return rc;
}

/* Entries on one page of the access log. */
#define ACCESS_PAGE	100

/*
 * A page number of the access log from the query (?page=N, ?of=N): def
 * when absent, 0 when it is not a whole number from 1.
 */
static unsigned long
access_number(struct req *r, const char *name, unsigned long def)
{
	const char *v = fields_get(&r->qs, name);
	unsigned long n;
	char *end;

	if (v == NULL)
		return def;
	if (*v < '1' || *v > '9' || strlen(v) > 9)
		return 0;
	n = strtoul(v, &end, 10);
	return *end == '\0' ? n : 0;
}

/* The people who looked and changed, a row each, into list. */
static void
access_people(const struct db_res *res, xmlNodePtr list)
{
	char local[LOCAL_TIME_SIZE];
	xmlNodePtr e;
	size_t i;

	for (i = 0; i < res->nrows; i++) {
		e = view_el(list, "person", NULL);
		view_attr(e, "name", db_get(res, i, 0) != NULL ?
		    db_get(res, i, 0) : _("the system"));
		view_attr(e, "unit", db_get(res, i, 1));
		view_attr(e, "role", db_get(res, i, 2));
		view_attr(e, "looks", db_get(res, i, 3));
		view_attr(e, "changes", db_get(res, i, 4));
		dates_local(local, db_get(res, i, 5));
		view_attr(e, "first", local);
		dates_local(local, db_get(res, i, 6));
		view_attr(e, "last", local);
	}
}

/* ROUTE: GET /logs/{id}/access */
/* ROUTE: GET /api/v1/logs/{id}/access */
/*
 * The access log: everyone who looked at or changed the child's data, a
 * row per person and role, and then every entry, newest first, a page of
 * ACCESS_PAGE at a time. A long case gathers thousands of entries; all on
 * one page would be more than anyone can read, and the summary answers
 * the guardians' first question, who has seen it.
 *
 * Reading the access log writes to it, so pages counted from the newest
 * entry would shift under a reader going back through them. The pages
 * are of the log as it was when its first page was read: ?of=N (the
 * page links carry it) is how many entries there were, and page p holds
 * the entries numbered N - 100p + 1 to N - 100(p - 1) from the oldest.
 */
st_rc
h_log_access(struct req *r)
{
	struct caselog l;
	struct db_val p[4];
	struct db_res res, people;
	xmlNodePtr root, list, e;
	char local[LOCAL_TIME_SIZE];
	unsigned long page, of, pages, hi, lo;
	long long total;
	size_t i;
	int ok;
	st_rc rc;

	if ((rc = caselog_load(r, r->arg, LR_ACCESS_LOG, &l, &ok)) != ST_OK ||
	    !ok)
		return rc;
	/* ULONG_MAX: no ?of, the log as it is now (set below) */
	if ((page = access_number(r, "page", 1)) == 0 ||
	    (of = access_number(r, "of", ULONG_MAX)) == 0) {
		rc = resp_error(r, 400, _("The page number must be a whole "
		    "number from 1."));
		goto out;
	}
	/* The guardians and the youth are not shown the lines about what
	 * child welfare withholds from them (0010_withheld.sql). */
	p[0] = DV_INT(l.child_id);
	p[1] = DV_INT(r->who.role == ROLE_CITIZEN);
	if ((rc = db_query(&r->w->db, STMT_AUDIT_CHILD_PEOPLE, p, 2, 10000,
	    &people)) != ST_OK)
		goto out;
	for (total = 0, i = 0; i < people.nrows; i++)
		total += db_get_int(&people, i, 3) + db_get_int(&people, i, 4);
	if (of == ULONG_MAX)
		of = (unsigned long)total;
	pages = of > 0 ? (of + ACCESS_PAGE - 1) / ACCESS_PAGE : 1;
	if (page > pages || of > (unsigned long)total) {
		db_res_release(&people);
		rc = resp_error(r, 404, _("The access log has no page with "
		    "that number."));
		goto out;
	}
	root = req_is_api(r) ? view_doc(r, "relay") : view_page(r, "access");
	(void)logview_head(r, &l, root);
	list = view_el(root, "access", NULL);
	access_people(&people, view_el(list, "people", NULL));
	db_res_release(&people);
	view_attrf(list, "total", "%lld", total);
	view_attrf(list, "of", "%lu", of);
	view_attrf(list, "page", "%lu", page);
	view_attrf(list, "pages", "%lu", pages);
	view_attrf(list, "per-page", "%d", ACCESS_PAGE);
	hi = of - (page - 1) * ACCESS_PAGE;
	lo = hi > ACCESS_PAGE ? hi - ACCESS_PAGE : 0;
	p[2] = DV_INT(hi - lo);
	p[3] = DV_INT(lo);
	if ((rc = db_query(&r->w->db, STMT_AUDIT_FOR_CHILD, p, 4, ACCESS_PAGE,
	    &res)) != ST_OK)
		goto out;
	for (i = res.nrows; i-- > 0;) {
		e = view_el(list, "entry", NULL);
		dates_local(local, db_get(&res, i, 0));
		view_attr(e, "at", local);
		view_attr(e, "by", db_get(&res, i, 1) != NULL ?
		    db_get(&res, i, 1) : _("the system"));
		view_attr(e, "unit", db_get(&res, i, 2));
		view_attr(e, "role", db_get(&res, i, 3));
		view_attr(e, "action", db_get(&res, i, 4));
		view_attr(e, "object", db_get(&res, i, 5));
	}
	db_res_release(&res);
	rc = view_send(r, 200, root);
out:
	caselog_release(&l);
	return rc;
}

/* ROUTE: GET /logs/{id}/archive */
/* ROUTE: GET /api/v1/logs/{id}/archive */
st_rc
h_log_archive(struct req *r)
{
	struct caselog l;
	struct db_val p[1];
	struct db_res res;
	char hdr[96];
	int ok;
	st_rc rc;

	if ((rc = caselog_load(r, r->arg, LR_READ, &l, &ok)) != ST_OK || !ok)
		return rc;
	p[0] = DV_INT(l.id);
	/* The archive copy has everything; while child welfare withholds a
	 * report from the guardians, they cannot have it. */
	if (r->who.role == ROLE_CITIZEN) {
		if ((rc = db_query(&r->w->db, STMT_LOG_WITHHELD, p, 1, 1,
		    &res)) != ST_OK)
			goto out;
		ok = res.nrows == 1 && db_get_int(&res, 0, 0) == 0;
		db_res_release(&res);
		if (!ok) {
			rc = resp_error(r, 403, _("The archive copy is not available to you at the moment. The relay holder can tell you more."));
			goto out;
		}
	}
	if ((rc = db_query(&r->w->db, STMT_ARCHIVE_GET, p, 1, 1, &res)) !=
	    ST_OK)
		goto out;
	if (res.nrows == 0) {
		db_res_release(&res);
		rc = resp_error(r, 404, _("The relay log is still open: the archive copy is made when it is closed."));
		goto out;
	}
	if ((rc = audit_log_as(r, caselog_role(&l, r), "export", "log", l.id,
	    l.child_id)) != ST_OK) {
		db_res_release(&res);
		goto out;
	}
	snprintf(hdr, sizeof(hdr), "attachment; filename=\"stafettlogg-%s.%s\"",
	    l.reference, req_is_api(r) ? "xml" : "html");
	if (fields_get(&r->qs, "download") != NULL || req_is_api(r))
		rc = resp_header(r, "Content-Disposition", hdr);
	if (rc == ST_OK)
		rc = resp_text(r, 200, req_is_api(r) ?
		    "application/xml; charset=utf-8" :
		    "text/html; charset=utf-8",
		    db_get(&res, 0, req_is_api(r) ? 0 : 1));
	db_res_release(&res);
out:
	caselog_release(&l);
	return rc;
}
