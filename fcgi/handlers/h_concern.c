/* h_concern.c: one concern: its receipt and stored instance, the
 * decision about it, a team's anonymous discussion of it, and, for a
 * concern passed to a child's relay log, its holder's answer. */
#include "config.h"

#include <string.h>

#include "access.h"
#include "agenda.h"
#include "birth.h"
#include "caselog.h"
#include "concern.h"
#include "i18n.h"
#include "logview.h"
#include "nin.h"
#include "audit.h"
#include "dates.h"
#include "db.h"
#include "form.h"
#include "handlers.h"
#include "route.h"
#include "view.h"
#include "worker.h"
#include "xmlsafe.h"

#define ANSWER_MAX	4000

static void decision_inputs(struct req *r, xmlNodePtr page);

/*
 * What the reader learns of a concern that was passed to a child's log:
 * its author (and their leader) that it was passed to the people
 * responsible, and the answer if there is one; never the log, its level
 * or its holder. Those who receive it (the log's holder, the leader of
 * its unit) see the log it was passed to and may decide.
 */
static void
passed_view(struct req *r, const struct concern_row *cr, xmlNodePtr c)
{
	const struct db_res *res = &cr->res;
	const char *state = db_get(res, 0, CG_PASSED_STATE);
	char local[LOCAL_TIME_SIZE];
	xmlNodePtr p;

	if (state == NULL)
		return;
	p = view_el(c, "passed", NULL);
	if (access_concern(&r->who, &cr->facts, CR_RECEIVE) ||
	    (cr->facts.passed && access_log(&r->who, &cr->facts.to,
	    LR_READ) && !cr->facts.in_log)) {
		view_attr(p, "log", db_get(res, 0, CG_PASSED_PID));
		view_attr(p, "reference", db_get(res, 0, CG_PASSED_REF));
		view_attr(p, "state", state);
		if (access_concern(&r->who, &cr->facts, CR_RECEIVE))
			view_attr(p, "can-receive", "true");
	}
	/* The answer is written to the author: everyone who reads the
	 * concern reads it. Taking it in is the log's business. */
	if (strcmp(state, "answered") == 0) {
		xmlNodePtr a = view_el(p, "answer",
		    db_get(res, 0, CG_PASSED_ANSWER));

		dates_local(local, db_get(res, 0, CG_PASSED_AT));
		view_attr(a, "at", local);
	}
}

/* Whether word is one of the space-separated words of list. */
static int
has_word(const char *list, const char *word)
{
	size_t n = strlen(word), len;

	while (*list != '\0') {
		list += strspn(list, " ");
		len = strcspn(list, " ");
		if (len == n && strncmp(list, word, n) == 0)
			return 1;
		list += len;
	}
	return 0;
}

/*
 * Whether the concern names violence or abuse (the risk factor "serious
 * violations"): then nobody is told to talk with the guardians first,
 * since telling them may put the child at risk; child welfare decides
 * when they are told.
 */
static int
names_violence(struct req *r, const struct db_res *res)
{
	xmlDocPtr inst = NULL;
	char err[128];
	int yes;

	if (strcmp(db_get(res, 0, CG_FORM), "concern") != 0 ||
	    xmlsafe_parse(db_get(res, 0, CG_INSTANCE), db_get_len(res, 0,
	    CG_INSTANCE), 16 * 1024 * 1024, 64, &inst, err, sizeof(err)) !=
	    ST_OK)
		return 0;
	yes = has_word(form_get(inst, "/concern/risk", &r->pool),
	    "violations");
	xmlFreeDoc(inst);
	return yes;
}

/*
 * The concern page, with status; when field is set, the decision (or the
 * record of a discussion, or the answer to a passed concern) that failed
 * is named with its message and what was typed is shown again.
 */
static st_rc
concern_page(struct req *r, int status, const char *field,
    const char *message)
{
	struct concern_row cr;
	struct db_res *res = &cr.res;
	xmlNodePtr page, c, e;
	char local[LOCAL_TIME_SIZE], today[DATE_SIZE];
	int ok, open;
	st_rc rc;

	if ((rc = concern_load(r, r->arg, &cr, &ok)) != ST_OK || !ok)
		return rc;
	open = cr.facts.status == CS_OPEN;
	page = view_page(r, "concern");
	c = view_el(page, "concern", NULL);
	view_attr(c, "id", db_get(res, 0, CG_PUBLIC_ID));
	view_attr(c, "reference", db_get(res, 0, CG_REFERENCE));
	view_attr(c, "level", db_get(res, 0, CG_LEVEL));
	view_attr(c, "status", db_get(res, 0, CG_STATUS));
	view_attr(c, "deadline", db_get(res, 0, CG_DEADLINE));
	dates_local(local, db_get(res, 0, CG_CREATED));
	view_attr(c, "created", local);
	view_attr(c, "unit", db_get(res, 0, CG_UNIT_NAME));
	view_attr(c, "author", db_get(res, 0, CG_AUTHOR_NAME));
	view_attr(c, "child", db_get(res, 0, CG_CHILD_NAME));
	if (db_get_int(res, 0, CG_URGENT))
		view_attr(c, "urgent", "true");
	if (db_get_int(res, 0, CG_ANONYMOUS))
		view_attr(c, "anonymous", "true");
	if (fields_get(&r->qs, "new") != NULL)
		view_attr(c, "new", "true");
	/* The unit's leader is the one its concerns are told to and who
	 * decides: the page speaks to them as that, never of "your
	 * leader". */
	if (r->who.role == ROLE_LEADER && r->who.unit_id != 0 &&
	    r->who.unit_id == cr.facts.unit_id)
		view_attr(c, "reader-leads", "true");
	if (names_violence(r, res))
		view_attr(c, "violence", "true");
	concern_emergency_view(r, c);
	/* The log it is in, only to those who may read that log. */
	if (cr.facts.in_log && access_log(&r->who, &cr.facts.log, LR_READ))
		view_attr(c, "log", db_get(res, 0, CG_LOG_PID));
	passed_view(r, &cr, c);
	if (access_concern(&r->who, &cr.facts, CR_DECIDE))
		view_attr(c, "can-decide", "true");
	if (access_concern(&r->who, &cr.facts, CR_DISCUSS))
		view_attr(c, "can-discuss", "true");
	if (access_concern(&r->who, &cr.facts, CR_REPORT))
		view_attr(c, "can-report", "true");
	dates_today(today);
	if (open && !cr.facts.in_log &&
	    strcmp(db_get(res, 0, CG_DEADLINE), today) < 0)
		view_attr(c, "overdue", "true");
	/* The concern's own events (they stay its own in a log, too), and
	 * its notices to partners (a report of concern) as they truly
	 * stand, read afresh: a state shown is a fact. */
	rc = logview_events(r, 0, cr.id, c);
	if (rc == ST_OK)
		rc = logview_notices(r, STMT_OUTBOX_LIST_CONCERN, cr.id, c);
	/* the teams it was put before, and those it may be put before */
	if (rc == ST_OK)
		rc = agenda_concern_view(r, cr.id, db_get(res, 0, CG_STATUS),
		    cr.facts.in_log, cr.facts.municipality_id,
		    access_concern(&r->who, &cr.facts, CR_DISCUSS), c);
	if (rc != ST_OK) {
		concern_release(&cr);
		return rc;
	}
	if (field != NULL) {
		e = view_el(page, "error", message);
		view_attr(e, "field", field);
	}
	decision_inputs(r, page);
	/* The stored instance renders with the version it was made with. */
	rc = form_view_stored(r->w->forms, &r->w->env,
	    db_get(res, 0, CG_FORM), (unsigned)db_get_int(res, 0, CG_VERSION),
	    db_get(res, 0, CG_INSTANCE), db_get_len(res, 0, CG_INSTANCE),
	    NULL, c);
	concern_release(&cr);
	if (rc != ST_OK)
		return rc;
	return view_send(r, status, page);
}

/* ROUTE: GET /concerns/{id} */
st_rc
h_concern_show(struct req *r)
{
	return concern_page(r, 200, NULL, NULL);
}

/* ROUTE: GET /api/v1/concerns/{id} */
st_rc
h_api_concern_get(struct req *r)
{
	struct concern_row cr;
	struct db_res *res = &cr.res;
	char hdr[64];
	int ok;
	st_rc rc;

	if ((rc = concern_load(r, r->arg, &cr, &ok)) != ST_OK || !ok)
		return rc;
	/* The instance exactly as stored; what we know of it in headers. */
	snprintf(hdr, sizeof(hdr), "%s; version=%s", db_get(res, 0, CG_FORM),
	    db_get(res, 0, CG_VERSION));
	rc = resp_header(r, "Stafett-Form", hdr);
	if (rc == ST_OK)
		rc = resp_header(r, "Stafett-Reference",
		    db_get(res, 0, CG_REFERENCE));
	if (rc == ST_OK)
		rc = resp_header(r, "Stafett-Level", db_get(res, 0, CG_LEVEL));
	if (rc == ST_OK)
		rc = resp_header(r, "Stafett-Status",
		    db_get(res, 0, CG_STATUS));
	if (rc == ST_OK)
		rc = resp_header(r, "Stafett-Deadline",
		    db_get(res, 0, CG_DEADLINE));
	if (rc == ST_OK)
		rc = resp_text(r, 200, "application/xml; charset=utf-8",
		    db_get(res, 0, CG_INSTANCE));
	concern_release(&cr);
	return rc;
}

/* What the user typed into a form on the page, when it is shown again. */
static void
decision_inputs(struct req *r, xmlNodePtr page)
{
	size_t i;
	xmlNodePtr e;

	for (i = 0; i < r->form.n; i++) {
		if (strcmp(r->form.v[i].name, "csrf") == 0 ||
		    strcmp(r->form.v[i].name, "child_nin") == 0)
			continue;	/* an identity number is never echoed */
		e = view_el(page, "typed", r->form.v[i].value);
		view_attr(e, "name", r->form.v[i].name);
	}
}

st_rc
concern_error(struct req *r, const char *field, const char *message)
{
	if (req_is_api(r))
		return view_send_field_error(r, 422, field, message);
	return concern_page(r, 422, field, message);
}

/* Columns of STMT_CONCERN_LOCK. */
enum { CL_ID, CL_UNIT, CL_AUTHOR, CL_CHILD, CL_ANONYMOUS, CL_LEVEL,
	CL_STATUS, CL_LOG, CL_DEADLINE };

/*
 * Level 1, 2 or 3 for a child with no open log: a new log, held by the one
 * who decided. In the caller's transaction.
 */
static st_rc
new_log(struct req *r, long long concern_id, long long unit_id,
    long long child_id, int level, const char *reason, char *log_pid,
    long long *log_id)
{
	struct evmsg m;
	char today[DATE_SIZE], ref[SECURE_REF_SIZE];
	unsigned long long id = 0;
	struct db_val p[7];
	st_rc rc;

	dates_today(today);
	secure_random_id(log_pid);
	secure_reference(ref);
	p[0] = DV_STR(log_pid);
	p[1] = DV_STR(ref);
	p[2] = DV_INT(child_id);
	p[3] = DV_INT(unit_id);
	p[4] = DV_INT(level);
	p[5] = DV_STR(today);
	p[6] = DV_INT(r->who.user_id);
	rc = db_exec(&r->w->db, STMT_LOG_INSERT, p, 7, NULL, &id);
	*log_id = (long long)id;
	evmsg_init(&m, N_("Relay log opened at level {0}, held by {1}: {2}"));
	evmsg_number(&m, level);
	evmsg_name(&m, r->who.display_name);
	evmsg_text(&m, reason, evmsg_typed_lang(r));
	if (rc == ST_OK)
		rc = caselog_event_msg(&r->w->db, r->who.user_id, *log_id,
		    concern_id, role_name(r->who.role), "level", &m, NULL,
		    NULL, 0);
	return rc;
}

/*
 * Level 1, 2 or 3 for a child whose open log l the decider may read: the
 * concern joins it. Only those who may change the log's level (its
 * holder, the leader of its unit) raise it with the concern.
 */
static st_rc
join_log(struct req *r, const struct caselog *l, long long concern_id,
    int level, const char *reason)
{
	struct evmsg m;
	char today[DATE_SIZE];
	struct db_val p[3];
	st_rc rc = ST_OK;

	dates_today(today);
	evmsg_init(&m, N_("Concern joined the relay log at level {0}: {1}"));
	evmsg_number(&m, level);
	evmsg_text(&m, reason, evmsg_typed_lang(r));
	if (level > l->level &&
	    access_log(&r->who, &l->facts, LR_LEVEL)) {
		p[0] = DV_INT(level);
		p[1] = DV_STR(today);
		p[2] = DV_INT(l->id);
		rc = db_exec(&r->w->db, STMT_LOG_SET_LEVEL, p, 3, NULL, NULL);
	}
	if (rc == ST_OK)
		rc = caselog_event_msg(&r->w->db, r->who.user_id, l->id,
		    concern_id, caselog_role(l, r), "level", &m, NULL, NULL,
		    0);
	return rc;
}

/*
 * Level 1, 2 or 3 for a child whose open log l the decider may not read:
 * the concern is passed to it. Its holder and the leader of its unit are
 * told and decide; the author is told only that it was passed on (the
 * event on the concern says no more), and the log is not changed.
 */
static st_rc
pass_to_log(struct req *r, const struct caselog *l, long long concern_id,
    int level, const char *reason)
{
	struct db *db = &r->w->db;
	struct evmsg m;
	struct db_val p[3];
	unsigned long long n = 0;
	st_rc rc;

	p[0] = DV_INT(level);
	p[1] = DV_INT(l->id);
	p[2] = DV_INT(concern_id);
	if ((rc = db_exec(db, STMT_CONCERN_PASS, p, 3, &n, NULL)) != ST_OK)
		goto out;
	if (n != 1) {
		rc = ST_E_CONFLICT;
		goto out;
	}
	evmsg_init(&m, N_("Level {0}: {1}. The concern is passed to the people responsible for the child's follow-up; they decide what happens next."));
	evmsg_number(&m, level);
	evmsg_text(&m, reason, evmsg_typed_lang(r));
	rc = caselog_event_msg(db, r->who.user_id, 0, concern_id,
	    role_name(r->who.role), "passed", &m, NULL, NULL, 0);
	if (rc == ST_OK)
		rc = caselog_notice(db, "concern.passed", 0, l->holder_id, NULL,
		    concern_id, 0);
	if (rc == ST_OK)
		rc = caselog_notice(db, "concern.passed", l->home_unit_id, 0,
		    NULL, concern_id, 0);
out:
	return rc;
}

/*
 * Level 1, 2 or 3: the child's relay log, where the measures are
 * planned and evaluated (at level 1 in the unit's own service, with its
 * own people). A new one when the child has
 * none open; the open one when the decider may read it; otherwise the
 * concern is passed to it, so that an identity number never opens a
 * child's log to someone outside it. *log_pid is set when the concern
 * is in a log the decider may read.
 */
static st_rc
to_log(struct req *r, long long concern_id, long long unit_id,
    long long child_id, int level, const char *reason, char *log_pid)
{
	struct db *db = &r->w->db;
	struct db_val p[3];
	struct db_res res;
	struct caselog l;
	long long log_id;
	int found;
	st_rc rc;

	/* The child's open log, locked: two decisions for one child queue
	 * here, and the second finds the log the first one opened. */
	p[0] = DV_INT(child_id);
	if ((rc = db_query(db, STMT_LOG_OPEN_FOR_CHILD, p, 1, 1, &res)) !=
	    ST_OK)
		return rc;
	log_id = res.nrows == 1 ? db_get_int(&res, 0, 0) : 0;
	db_res_release(&res);
	if (log_id == 0)
		rc = new_log(r, concern_id, unit_id, child_id, level, reason,
		    log_pid, &log_id);
	else {
		if ((rc = caselog_peek_id(r, log_id, &l, &found)) != ST_OK)
			return rc;
		if (!found)
			return ST_E_CONFLICT;
		if (access_log(&r->who, &l.facts, LR_READ)) {
			snprintf(log_pid, SECURE_ID_SIZE, "%s", l.public_id);
			rc = join_log(r, &l, concern_id, level, reason);
		} else {
			rc = pass_to_log(r, &l, concern_id, level, reason);
			log_id = 0;
		}
		caselog_release(&l);
	}
	if (rc == ST_OK && log_id != 0) {
		p[0] = DV_INT(log_id);
		p[1] = DV_INT(level);
		p[2] = DV_INT(concern_id);
		rc = db_exec(db, STMT_CONCERN_JOIN_LOG, p, 3, NULL, NULL);
	}
	if (rc == ST_OK && log_id != 0) {
		p[0] = DV_INT(log_id);
		p[1] = DV_INT(concern_id);
		rc = db_exec(db, STMT_EVENT_MOVE, p, 2, NULL, NULL);
	}
	return rc;
}

static st_rc
decide(struct req *r, long long want_level, const char *decision,
    const char *reason, long long child_id_new, char *log_pid, int *conflict)
{
	struct db *db = &r->w->db;
	struct evmsg m;
	char deadline[DATE_SIZE];
	struct db_val p[4];
	struct db_res res;
	long long id, child_id, level, unit_id;
	st_rc rc;

	*conflict = 0;
	log_pid[0] = '\0';
	p[0] = DV_STR(r->arg);
	if ((rc = db_query(db, STMT_CONCERN_LOCK, p, 1, 1, &res)) != ST_OK)
		return rc;
	if (res.nrows != 1 || strcmp(db_get(&res, 0, CL_STATUS), "open") != 0 ||
	    db_get(&res, 0, CL_LOG) != NULL ||
	    db_get_int(&res, 0, CL_LEVEL) != want_level) {
		db_res_release(&res);
		*conflict = 1;
		return ST_OK;
	}
	id = db_get_int(&res, 0, CL_ID);
	child_id = db_get_int(&res, 0, CL_CHILD);
	level = db_get_int(&res, 0, CL_LEVEL);
	unit_id = db_get_int(&res, 0, CL_UNIT);
	snprintf(deadline, sizeof(deadline), "%s",
	    db_get(&res, 0, CL_DEADLINE));
	db_res_release(&res);
	if (child_id == 0 && child_id_new != 0) {
		child_id = child_id_new;
		p[0] = DV_INT(child_id);
		p[1] = DV_INT(id);
		if ((rc = db_exec(db, STMT_CONCERN_SET_CHILD, p, 2, NULL,
		    NULL)) != ST_OK)
			return rc;
	}
	if (strcmp(decision, "close") == 0) {
		p[0] = DV_INT(level);
		p[1] = DV_STR("closed");
		/* the deadline is kept as it was */
		evmsg_init(&m, N_("Closed at level {0}: {1}"));
		evmsg_number(&m, level);
		evmsg_text(&m, reason, evmsg_typed_lang(r));
		p[2] = DV_STR(deadline);
		p[3] = DV_INT(id);
		if ((rc = db_exec(db, STMT_CONCERN_SET_LEVEL, p, 4, NULL,
		    NULL)) == ST_OK)
			rc = caselog_event_msg(db, r->who.user_id, 0, id,
			    role_name(r->who.role), "level", &m, NULL, NULL,
			    0);
	} else
		rc = to_log(r, id, unit_id, child_id, decision[0] - '0', reason,
		    log_pid);
	if (rc == ST_OK)
		rc = audit_log(r, "update", "concern", id, child_id);
	return rc;
}

/* ROUTE: POST /concerns/{id}/level */
/* ROUTE: POST /api/v1/concerns/{id}/level */
st_rc
h_concern_level(struct req *r)
{
	const char *decision = req_input(r, "decision");
	const char *reason = req_input(r, "reason");
	const char *cname = req_input(r, "child_name");
	const char *cnin = req_input(r, "child_nin");
	const char *cbirth = req_input(r, "child_birthdate");
	const char *cexp = req_input(r, "child_expected");
	const char *from = req_input(r, "from_level");
	struct concern_row cr;
	long long level, child_new = 0;
	char log_pid[SECURE_ID_SIZE], loc[96];
	int ok, anonymous, conflict = 0, attempt, can;
	enum concern_status status;
	st_rc rc;

	if ((rc = concern_load(r, r->arg, &cr, &ok)) != ST_OK || !ok)
		return rc;
	level = db_get_int(&cr.res, 0, CG_LEVEL);
	anonymous = cr.child_id == 0;
	status = cr.facts.status;
	can = access_concern(&r->who, &cr.facts, CR_DECIDE);
	ok = access_concern_read(&r->who, cr.facts.unit_id,
	    cr.facts.author_id);
	concern_release(&cr);
	if (!ok)
		return resp_error(r, 403, _("Only the author and the unit's leader decide about a concern."));
	if (!can && status == CS_OPEN)
		return caselog_conflict(r, _("The concern is part of a relay log: change the level there."));
	if (!can && status == CS_PASSED)
		return caselog_conflict(r, _("The concern has been passed to the people responsible for the child's follow-up; they decide what happens next."));
	if (!can)
		return caselog_conflict(r, _("The concern is closed."));
	/* The level the user saw when deciding: if someone decided in the
	 * meantime, this decision was made on stale facts (409). */
	if (from != NULL && *from != '\0') {
		if (strlen(from) != 1 || from[0] < '0' || from[0] > '3')
			return concern_error(r, "from_level",
			    _("The request could not be understood."));
		if (from[0] - '0' != level)
			return caselog_conflict(r, _("Someone else decided about this concern at the same time. Open it again to see what was decided."));
	}
	if (decision == NULL || !(strcmp(decision, "close") == 0 ||
	    (strlen(decision) == 1 && decision[0] >= '1' &&
	    decision[0] <= '3')))
		return concern_error(r, "decision",
		    _("Choose what happens next: close, level 1, 2 or 3."));
	if (decision[0] - '0' == level)
		return concern_error(r, "decision",
		    _("The concern is already at this level."));
	if (reason == NULL || *reason == '\0' || strlen(reason) > 4000)
		return concern_error(r, "reason",
		    _("Say why (at most 4000 characters)."));
	if (decision[0] >= '1' && decision[0] <= '3' && anonymous) {
		struct nin_info info;

		if (cname == NULL || *cname == '\0' || strlen(cname) > 200)
			return concern_error(r, "child_name",
			    _("A relay log needs the child's identity: give the child's name."));
		if ((cnin == NULL || *cnin == '\0') && (cbirth == NULL ||
		    *cbirth == '\0') && (cexp == NULL || *cexp == '\0'))
			return concern_error(r, "child_nin",
			    _("Give the child's national identity number, date of birth or, before the birth, the expected date."));
		if (cnin != NULL && *cnin != '\0' &&
		    nin_check(cnin, &info) != NIN_OK)
			return concern_error(r, "child_nin",
			    _("This is not a valid national identity number (11 digits with correct check digits)."));
		if (cbirth != NULL && *cbirth != '\0') {
			int dok = 0;

			(void)dates_days(cbirth, &dok);
			if (!dok || strlen(cbirth) != 10)
				return concern_error(r, "child_birthdate",
				    _("Give the date of birth as a date (YYYY-MM-DD)."));
		}
		if (cexp != NULL && *cexp != '\0' &&
		    !birth_expected_ok(cexp, (cnin != NULL && *cnin != '\0') ||
		    (cbirth != NULL && *cbirth != '\0')))
			return concern_error(r, "child_expected",
			    _("The expected date must be a date from a month ago to ten months ahead, and then you give neither an identity number nor a date of birth."));
	}
	/* Two decisions at once: one wins, the other is told (409). A new
	 * log clashing with one opened at the same moment is retried and
	 * then finds it. */
	for (attempt = 0; attempt < 3; attempt++) {
		if ((rc = db_begin(&r->w->db)) != ST_OK)
			return rc;
		child_new = 0;
		if (anonymous && decision[0] >= '1' && decision[0] <= '3')
			rc = concern_child(r, cname, cnin != NULL ? cnin : "",
			    cbirth != NULL ? cbirth : "",
			    cexp != NULL ? cexp : "", &child_new);
		if (rc == ST_OK)
			rc = decide(r, from != NULL && *from != '\0' ?
			    from[0] - '0' : level, decision, reason, child_new,
			    log_pid, &conflict);
		if (rc != ST_OK || conflict) {
			db_rollback(&r->w->db);
			if (rc == ST_E_CONFLICT || rc == ST_E_BUSY)
				continue;
			if (rc != ST_OK)
				return rc;
			return caselog_conflict(r, _("Someone else decided about this concern at the same time. Open it again to see what was decided."));
		}
		if ((rc = db_commit(&r->w->db)) != ST_E_CONFLICT &&
		    rc != ST_E_BUSY)
			break;
	}
	if (rc != ST_OK)
		return rc;
	if (log_pid[0] != '\0')
		snprintf(loc, sizeof(loc), "%s/logs/%s", req_is_api(r) ?
		    "/api/v1" : "", log_pid);
	else
		snprintf(loc, sizeof(loc), "%s/concerns/%s", req_is_api(r) ?
		    "/api/v1" : "", r->arg);
	/* Passed to a log the decider may not read: they are told no more
	 * than that (to_log), here too. */
	return resp_done_note(r, 200, loc, log_pid[0] != '\0' ?
	    "level-decided" : strcmp(decision, "close") == 0 ?
	    "concern-closed" : "concern-passed");
}

/* ROUTE: GET /concerns/{id}/anonymous */
/* ROUTE: GET /api/v1/concerns/{id}/anonymous */
st_rc
h_concern_anonymous(struct req *r)
{
	struct concern_row cr;
	struct db_res *res = &cr.res;
	xmlNodePtr page, c;
	char today[DATE_SIZE];
	int ok, dok, age;
	st_rc rc;

	if ((rc = concern_load_for(r, r->arg, CR_ANONYMOUS, &cr, &ok)) !=
	    ST_OK || !ok)
		return rc;
	page = req_is_api(r) ? view_doc(r, "anonymous") :
	    view_page(r, "anonymous");
	c = req_is_api(r) ? page : view_el(page, "concern", NULL);
	view_attr(c, "id", db_get(res, 0, CG_PUBLIC_ID));
	view_attr(c, "level", db_get(res, 0, CG_LEVEL));
	view_attr(c, "unit-kind", db_get(res, 0, CG_UNIT_KIND));
	/* a team's member reads this version only: the way back is the
	 * team's page, not the concern's */
	if (!access_concern(&r->who, &cr.facts, CR_READ))
		view_attr(c, "reader", "team");
	dates_today(today);
	if (db_get(res, 0, CG_CHILD_BIRTH) != NULL) {
		age = dates_age_on(db_get(res, 0, CG_CHILD_BIRTH), today, &dok);
		if (dok)
			view_attrf(c, "age", "%d", age);
	} else {
		/* no birth date known: the age the author gave, if any */
		xmlDocPtr inst = NULL;
		char err[128];

		if (xmlsafe_parse(db_get(res, 0, CG_INSTANCE),
		    db_get_len(res, 0, CG_INSTANCE), 16 * 1024 * 1024, 64,
		    &inst, err, sizeof(err)) == ST_OK) {
			const char *a = form_get(inst, "/concern/child/age",
			    &r->pool);
			const char *e = form_get(inst,
			    "/concern/child/expected", &r->pool);

			if (*a != '\0' && strlen(a) <= 3)
				view_attr(c, "age", a);
			/* before the birth: said, not the date (too near
			 * to the family) */
			else if (*e != '\0')
				view_attr(c, "unborn", "true");
			xmlFreeDoc(inst);
		}
	}
	/* No name, no identity number, no birth date, no reference: what
	 * is shown here may be read out in a team without consent. A
	 * concern made from a two-year consultation is that form: its
	 * child, and the services and people that would point to it. */
	rc = form_view_stored(r->w->forms, &r->w->env,
	    db_get(res, 0, CG_FORM), (unsigned)db_get_int(res, 0, CG_VERSION),
	    db_get(res, 0, CG_INSTANCE), db_get_len(res, 0, CG_INSTANCE),
	    strcmp(db_get(res, 0, CG_FORM), "two-year") == 0 ?
	    "/two_year/child /two_year/kindergarten /two_year/health_clinic"
	    " /two_year/persons" : "/concern/child", c);
	concern_release(&cr);
	if (rc != ST_OK)
		return rc;
	return view_send(r, 200, page);
}

/* ROUTE: POST /concerns/{id}/discussed */
st_rc
h_concern_discussed(struct req *r)
{
	const char *team = req_input(r, "team");
	const char *advice = req_input(r, "advice");
	struct evmsg m;
	struct concern_row cr;
	struct db_val p[1];
	struct db_res lock;
	long long id, child;
	char loc[96];
	int ok;
	st_rc rc;

	if ((rc = concern_load(r, r->arg, &cr, &ok)) != ST_OK || !ok)
		return rc;
	id = cr.id;
	child = cr.child_id;
	ok = access_concern(&r->who, &cr.facts, CR_DISCUSS);
	concern_release(&cr);
	/* A team discusses a concern before it is decided: once it is in
	 * a log, closed or passed on, its timeline takes nothing more. */
	if (!ok)
		return caselog_conflict(r, _("The concern is no longer open for a discussion: it is decided, closed or part of a relay log."));
	if (team == NULL || *team == '\0' || strlen(team) > 200)
		return concern_error(r, "team",
		    _("Name the team the case was discussed in."));
	if (advice == NULL || *advice == '\0' || strlen(advice) > 4000)
		return concern_error(r, "advice",
		    _("Write down the team's advice (at most 4000 characters)."));
	evmsg_init(&m, N_("Discussed anonymously in {0}: {1}"));
	evmsg_name(&m, team);
	evmsg_text(&m, advice, evmsg_typed_lang(r));
	if ((rc = db_begin(&r->w->db)) != ST_OK)
		goto out;
	/* Still open and in no log, now that it is locked. */
	p[0] = DV_STR(r->arg);
	if ((rc = db_query(&r->w->db, STMT_CONCERN_LOCK, p, 1, 1, &lock)) !=
	    ST_OK)
		goto fail;
	ok = lock.nrows == 1 && strcmp(db_get(&lock, 0, CL_STATUS),
	    "open") == 0 && db_get(&lock, 0, CL_LOG) == NULL;
	db_res_release(&lock);
	if (!ok) {
		db_rollback(&r->w->db);
		rc = caselog_conflict(r, _("Someone else decided about this concern at the same time. Open it again to see what was decided."));
		goto out;
	}
	rc = caselog_event_msg(&r->w->db, r->who.user_id, 0, id,
	    role_name(r->who.role), "anonymous", &m, NULL, NULL, 0);
	if (rc == ST_OK)
		rc = audit_log(r, "update", "concern", id, child);
	if (rc != ST_OK)
		goto fail;
	if ((rc = db_commit(&r->w->db)) != ST_OK)
		goto out;
	snprintf(loc, sizeof(loc), "/concerns/%s", r->arg);
	rc = resp_done(r, 201, loc);
	goto out;
fail:
	db_rollback(&r->w->db);
out:
	return rc;
}

/*
 * A concern passed to a log: its holder (or the leader of its unit)
 * takes it into the log (decision=take; the concern's timeline joins
 * the log's, and its author may then be added as a participant within
 * consent, like anyone else), or answers its author (decision=answer,
 * answer=the text the author reads). The log's level stays the
 * holder's to change. Done once: a second answer is a 409.
 */
/* ROUTE: POST /concerns/{id}/receive */
/* ROUTE: POST /api/v1/concerns/{id}/receive */
st_rc
h_concern_receive(struct req *r)
{
	const char *decision = req_input(r, "decision");
	const char *answer = req_input(r, "answer");
	struct db *db = &r->w->db;
	struct evmsg m;
	struct concern_row cr;
	struct caselog l;
	struct db_val p[5];
	unsigned long long n = 0;
	long long id, child, author, log_id;
	char ref[SECURE_REF_SIZE], unit[201], loc[96];
	int ok, found, take, level, decided;
	st_rc rc;

	if ((rc = concern_load(r, r->arg, &cr, &ok)) != ST_OK || !ok)
		return rc;
	ok = access_concern(&r->who, &cr.facts, CR_RECEIVE);
	decided = cr.facts.passed && !cr.facts.pending &&
	    access_log(&r->who, &cr.facts.to, LR_RECEIVE);
	id = cr.id;
	child = cr.child_id;
	author = cr.facts.author_id;
	log_id = cr.passed_log_id;
	level = (int)db_get_int(&cr.res, 0, CG_LEVEL);
	snprintf(ref, sizeof(ref), "%s", db_get(&cr.res, 0, CG_REFERENCE));
	snprintf(unit, sizeof(unit), "%s", db_get(&cr.res, 0, CG_UNIT_NAME));
	concern_release(&cr);
	if (decided)
		return caselog_conflict(r, _("Someone else decided about this concern at the same time. Open it again to see what was decided."));
	if (!ok)
		return resp_error(r, 403, _("Only the holder of the relay log the concern was passed to, or the leader of its unit, decides about it."));
	take = decision != NULL && strcmp(decision, "take") == 0;
	if (decision == NULL || (!take && strcmp(decision, "answer") != 0))
		return concern_error(r, "decision",
		    _("Choose: take the concern into the relay log, or answer its author."));
	if (!take && (answer == NULL || *answer == '\0'))
		return concern_error(r, "answer",
		    _("Write the answer to the concern's author."));
	if (answer != NULL && strlen(answer) > ANSWER_MAX)
		return concern_error(r, "answer",
		    _("At most 4000 characters."));
	if ((rc = caselog_peek_id(r, log_id, &l, &found)) != ST_OK)
		goto out;
	if (!found) {
		rc = resp_not_found(r);
		goto out;
	}
	rc = caselog_begin(r, &l);
	if (rc == ST_E_CONFLICT) {
		rc = caselog_conflict(r, _("The relay log was changed by someone else at the same time (closed, or handed over). Open it again and check before you try again."));
		goto release;
	}
	if (rc != ST_OK)
		goto release;
	p[0] = DV_STR(take ? "taken" : "answered");
	p[1] = take ? DV_NULL : DV_STR(answer);
	p[2] = DV_INT(r->who.user_id);
	p[3] = p[0];
	p[4] = DV_INT(id);
	if ((rc = db_exec(db, STMT_CONCERN_RECEIVE, p, 5, &n, NULL)) != ST_OK)
		goto fail;
	if (n != 1) {
		db_rollback(db);
		rc = caselog_conflict(r, _("Someone else decided about this concern at the same time. Open it again to see what was decided."));
		goto release;
	}
	if (take) {
		/* its timeline becomes part of the log's */
		p[0] = DV_INT(log_id);
		p[1] = DV_INT(id);
		rc = db_exec(db, STMT_EVENT_MOVE, p, 2, NULL, NULL);
		evmsg_init(&m, N_("Concern {0} from {1} (its author decided level {2}) taken into the relay log. {3}"));
		evmsg_ref(&m, ref);
		evmsg_name(&m, unit);
		evmsg_number(&m, level);
	} else {
		evmsg_init(&m, N_("Concern {0} from {1} answered: {2}"));
		evmsg_ref(&m, ref);
		evmsg_name(&m, unit);
	}
	evmsg_text(&m, answer, evmsg_typed_lang(r));
	/* In the log's timeline only: the author reads the answer on the
	 * concern, without the name or role of who gave it. */
	if (rc == ST_OK)
		rc = caselog_event_msg(db, r->who.user_id, log_id, 0,
		    caselog_role(&l, r), take ? "concern_taken" :
		    "concern_answered", &m, "concern", r->arg, 0);
	if (rc == ST_OK && !take)
		rc = caselog_notice(db, "concern.answered", 0, author, NULL, id,
		    0);
	if (rc == ST_OK)
		rc = audit_log_as(r, caselog_role(&l, r), "update", "concern",
		    id, child);
	if (rc != ST_OK)
		goto fail;
	if ((rc = db_commit(db)) != ST_OK)
		goto release;
	snprintf(loc, sizeof(loc), "%s/%s/%s", req_is_api(r) ? "/api/v1" : "",
	    take ? "logs" : "concerns", take ? l.public_id : r->arg);
	rc = resp_done(r, 200, loc);
	goto release;
fail:
	db_rollback(db);
	if (rc == ST_E_CONFLICT || rc == ST_E_BUSY)
		rc = caselog_conflict(r, _("Someone else changed this at the same time. Open it again and check before you try again."));
release:
	caselog_release(&l);
out:
	return rc;
}
