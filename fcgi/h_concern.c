/* h_concern.c: one concern: its receipt and stored instance. */
#include "config.h"

#include <string.h>

#include "access.h"
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

/* Columns of STMT_CONCERN_GET. */
enum { CG_ID, CG_PUBLIC_ID, CG_REFERENCE, CG_UNIT, CG_AUTHOR, CG_CHILD,
	CG_ANONYMOUS, CG_URGENT, CG_LEVEL, CG_STATUS, CG_DEADLINE, CG_CREATED,
	CG_FORM, CG_VERSION, CG_INSTANCE, CG_UNIT_NAME, CG_AUTHOR_NAME,
	CG_CHILD_NAME, CG_LOG_PID, CG_CHILD_BIRTH, CG_LOG_ID, CG_UNIT_KIND };

static void decision_inputs(struct req *r, xmlNodePtr page);

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
		/* A concern in a relay log is given to those who may read
		 * the log: its holder and participants within consent. */
		struct caselog l;
		int ok = 0;

		if (db_get_int(res, 0, CG_LOG_ID) != 0) {
			int exists = 0;

			rc = caselog_peek_id(r, db_get_int(res, 0, CG_LOG_ID),
			    &l, &exists);
			if (rc == ST_OK && exists) {
				ok = access_log(&r->who, &l.facts, LR_READ);
				caselog_release(&l);
			}
			if (rc != ST_OK || !ok) {
				db_res_release(res);
				return rc != ST_OK ? rc : resp_error(r, 403,
				    _("You do not have access to this concern."));
			}
		} else {
			db_res_release(res);
			return resp_error(r, 403, _("You do not have access to this concern."));
		}
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

/*
 * The concern page, with status; when field is set, the decision (or the
 * record of a discussion) that failed is named with its message and what
 * was typed is shown again.
 */
static st_rc
concern_page(struct req *r, int status, const char *field,
    const char *message)
{
	struct db_res res;
	xmlNodePtr page, c, e;
	char local[LOCAL_TIME_SIZE], today[DATE_SIZE];
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
	view_attr(c, "log", db_get(&res, 0, CG_LOG_PID));
	if (db_get(&res, 0, CG_LOG_PID) == NULL &&
	    strcmp(db_get(&res, 0, CG_STATUS), "open") == 0 &&
	    access_concern_decide(&r->who, db_get_int(&res, 0, CG_UNIT),
	    db_get_int(&res, 0, CG_AUTHOR)))
		view_attr(c, "can-decide", "true");
	dates_today(today);
	if (strcmp(db_get(&res, 0, CG_STATUS), "open") == 0 &&
	    strcmp(db_get(&res, 0, CG_DEADLINE), today) < 0 &&
	    db_get(&res, 0, CG_LOG_PID) == NULL)
		view_attr(c, "overdue", "true");
	/* The concern's own events (they stay its own in a log, too), and
	 * its notices to partners (a report of concern) as they truly
	 * stand, read afresh: a state shown is a fact. */
	rc = logview_events(r, 0, db_get_int(&res, 0, CG_ID), c);
	if (rc == ST_OK)
		rc = logview_notices(r, STMT_OUTBOX_LIST_CONCERN,
		    db_get_int(&res, 0, CG_ID), c);
	if (rc != ST_OK) {
		db_res_release(&res);
		return rc;
	}
	if (field != NULL) {
		e = view_el(page, "error", message);
		view_attr(e, "field", field);
	}
	if (r->who.role == ROLE_EMPLOYEE || r->who.role == ROLE_LEADER)
		decision_inputs(r, page);
	/* The stored instance renders with the version it was made with. */
	rc = form_view_stored(r->w->forms, &r->w->env,
	    db_get(&res, 0, CG_FORM),
	    (unsigned)db_get_int(&res, 0, CG_VERSION),
	    db_get(&res, 0, CG_INSTANCE), db_get_len(&res, 0, CG_INSTANCE),
	    NULL, c);
	db_res_release(&res);
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

/* What the user typed into the decision form, when it is shown again. */
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

/* The concern page again with the decision's error on field. */
static st_rc
decision_error(struct req *r, const char *field, const char *message)
{
	xmlNodePtr root, e;

	if (req_is_api(r)) {
		root = view_doc(r, "errors");
		e = view_el(root, "error", message);
		view_attr(e, "path", field);
		return view_send(r, 422, root);
	}
	return concern_page(r, 422, field, message);
}

/* Columns of STMT_CONCERN_LOCK. */
enum { CL_ID, CL_UNIT, CL_AUTHOR, CL_CHILD, CL_ANONYMOUS, CL_LEVEL,
	CL_STATUS, CL_LOG };

/*
 * Open the child's relay log at level (or join the open one, raising its
 * level if this concern needs more): in the caller's transaction.
 */
static st_rc
open_log(struct req *r, long long concern_id, long long unit_id,
    long long child_id, int level, const char *reason, char *log_pid)
{
	struct db *db = &r->w->db;
	struct buf text = BUF_INIT(4400);
	char today[DATE_SIZE], ref[SECURE_REF_SIZE];
	unsigned long long log_id = 0;
	struct db_val p[7];
	struct db_res res;
	long long id;
	int cur;
	st_rc rc;

	dates_today(today);
	p[0] = DV_INT(child_id);
	if ((rc = db_query(db, STMT_LOG_OPEN_FOR_CHILD, p, 1, 1, &res)) !=
	    ST_OK)
		return rc;
	if (res.nrows == 1) {
		id = db_get_int(&res, 0, 0);
		snprintf(log_pid, SECURE_ID_SIZE, "%s", db_get(&res, 0, 1));
		cur = (int)db_get_int(&res, 0, 2);
		db_res_release(&res);
		rc = buf_addf(&text, _("Concern joined the relay log at level %d: %s"),
		    level, reason);
		if (rc == ST_OK && level > cur) {
			p[0] = DV_INT(level);
			p[1] = DV_STR(today);
			p[2] = DV_INT(id);
			rc = db_exec(db, STMT_LOG_SET_LEVEL, p, 3, NULL, NULL);
		}
		/* The concern's author or leader takes part from now on. */
		if (rc == ST_OK) {
			p[0] = DV_INT(id);
			p[1] = DV_INT(r->who.user_id);
			p[2] = DV_INT(r->who.user_id);
			rc = db_exec(db, STMT_PART_INSERT, p, 3, NULL, NULL);
			if (rc == ST_E_CONFLICT)
				rc = ST_OK;	/* takes part already */
		}
	} else {
		db_res_release(&res);
		secure_random_id(log_pid);
		secure_reference(ref);
		p[0] = DV_STR(log_pid);
		p[1] = DV_STR(ref);
		p[2] = DV_INT(child_id);
		p[3] = DV_INT(unit_id);
		p[4] = DV_INT(level);
		p[5] = DV_STR(today);
		p[6] = DV_INT(r->who.user_id);
		rc = db_exec(db, STMT_LOG_INSERT, p, 7, NULL, &log_id);
		id = (long long)log_id;
		if (rc == ST_OK)
			rc = buf_addf(&text, _("Relay log opened at level %d, held by %s: %s"),
			    level, r->who.display_name, reason);
	}
	if (rc == ST_OK) {
		p[0] = DV_INT(id);
		p[1] = DV_INT(level);
		p[2] = DV_INT(concern_id);
		rc = db_exec(db, STMT_CONCERN_JOIN_LOG, p, 3, NULL, NULL);
	}
	if (rc == ST_OK) {
		p[0] = DV_INT(id);
		p[1] = DV_INT(concern_id);
		rc = db_exec(db, STMT_EVENT_MOVE, p, 2, NULL, NULL);
	}
	if (rc == ST_OK)
		rc = caselog_event(db, r->who.user_id, id, concern_id,
		    role_name(r->who.role), "level", text.data, NULL, NULL, 0);
	buf_release(&text);
	return rc;
}

static st_rc
decide(struct req *r, long long want_level, const char *decision,
    const char *reason, long long child_id_new, char *log_pid, int *conflict)
{
	struct db *db = &r->w->db;
	struct buf text = BUF_INIT(4400);
	char deadline[DATE_SIZE];
	struct db_val p[4];
	struct db_res res, days;
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
	db_res_release(&res);
	if (child_id == 0 && child_id_new != 0) {
		child_id = child_id_new;
		p[0] = DV_INT(child_id);
		p[1] = DV_INT(id);
		if ((rc = db_exec(db, STMT_CONCERN_SET_CHILD, p, 2, NULL,
		    NULL)) != ST_OK)
			return rc;
	}
	if (strcmp(decision, "close") == 0 || strcmp(decision, "1") == 0) {
		int close = strcmp(decision, "close") == 0;
		long long d = 90;

		p[0] = DV_INT(1);
		if (!close && (rc = db_query(db, STMT_GUIDE_LEVEL_DAYS, p, 1, 1,
		    &days)) == ST_OK) {
			if (db_get(&days, 0, 0) != NULL)
				d = db_get_int(&days, 0, 0);
			db_res_release(&days);
		} else if (!close)
			return rc;
		if (close) {
			p[0] = DV_INT(level);
			p[1] = DV_STR("closed");
			/* the deadline is kept as it was */
			rc = buf_addf(&text, _("Closed at level %lld: %s"),
			    level, reason);
		} else {
			p[0] = DV_INT(1);
			p[1] = DV_STR("open");
			rc = buf_addf(&text, _("Level %lld to level 1, measures in own service: %s"),
			    level, reason);
		}
		if (rc != ST_OK)
			return rc;
		if (close) {
			struct db_res cur;
			struct db_val q[1];

			q[0] = DV_STR(r->arg);
			if ((rc = db_query(db, STMT_CONCERN_GET, q, 1, 1,
			    &cur)) != ST_OK)
				goto out;
			snprintf(deadline, sizeof(deadline), "%s",
			    db_get(&cur, 0, CG_DEADLINE));
			db_res_release(&cur);
		} else
			dates_add(deadline, (int)d);
		p[2] = DV_STR(deadline);
		p[3] = DV_INT(id);
		if ((rc = db_exec(db, STMT_CONCERN_SET_LEVEL, p, 4, NULL,
		    NULL)) == ST_OK)
			rc = caselog_event(db, r->who.user_id, 0, id,
			    role_name(r->who.role), "level", text.data, NULL,
			    NULL, 0);
	} else
		rc = open_log(r, id, unit_id, child_id,
		    decision[0] - '0', reason, log_pid);
	if (rc == ST_OK)
		rc = audit_log(r, "update", "concern", id, child_id);
out:
	buf_release(&text);
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
	const char *from = req_input(r, "from_level");
	struct db_res res;
	long long unit_id, level, child_new = 0;
	char log_pid[SECURE_ID_SIZE], loc[96];
	int found, anonymous, conflict = 0, attempt;
	st_rc rc;

	if ((rc = load(r, &res, &found)) != ST_OK || !found)
		return rc;
	unit_id = db_get_int(&res, 0, CG_UNIT);
	level = db_get_int(&res, 0, CG_LEVEL);
	anonymous = db_get_int(&res, 0, CG_CHILD) == 0;
	if (!access_concern_decide(&r->who, unit_id,
	    db_get_int(&res, 0, CG_AUTHOR))) {
		db_res_release(&res);
		return resp_error(r, 403, _("Only the author and the unit's leader decide about a concern."));
	}
	if (db_get(&res, 0, CG_LOG_PID) != NULL) {
		db_res_release(&res);
		return caselog_conflict(r, _("The concern is part of a relay log: change the level there."));
	}
	if (strcmp(db_get(&res, 0, CG_STATUS), "open") != 0) {
		db_res_release(&res);
		return caselog_conflict(r, _("The concern is closed."));
	}
	db_res_release(&res);
	/* The level the user saw when deciding: if someone decided in the
	 * meantime, this decision was made on stale facts (409). */
	if (from != NULL && *from != '\0') {
		if (strlen(from) != 1 || from[0] < '0' || from[0] > '3')
			return decision_error(r, "from_level",
			    _("The request could not be understood."));
		if (from[0] - '0' != level)
			return caselog_conflict(r, _("Someone else decided about this concern at the same time. Open it again to see what was decided."));
	}
	if (decision == NULL || !(strcmp(decision, "close") == 0 ||
	    (strlen(decision) == 1 && decision[0] >= '1' &&
	    decision[0] <= '3')))
		return decision_error(r, "decision",
		    _("Choose what happens next: close, level 1, 2 or 3."));
	if (decision[0] - '0' == level)
		return decision_error(r, "decision",
		    _("The concern is already at this level."));
	if (reason == NULL || *reason == '\0' || strlen(reason) > 4000)
		return decision_error(r, "reason",
		    _("Say why (at most 4000 characters)."));
	if (decision[0] >= '2' && decision[0] <= '3' && anonymous) {
		struct nin_info info;

		if (cname == NULL || *cname == '\0' || strlen(cname) > 200)
			return decision_error(r, "child_name",
			    _("A relay log needs the child's identity: give the child's name."));
		if ((cnin == NULL || *cnin == '\0') && (cbirth == NULL ||
		    *cbirth == '\0'))
			return decision_error(r, "child_nin",
			    _("Give the child's national identity number or date of birth."));
		if (cnin != NULL && *cnin != '\0' &&
		    nin_check(cnin, &info) != NIN_OK)
			return decision_error(r, "child_nin",
			    _("This is not a valid national identity number (11 digits with correct check digits)."));
		if (cbirth != NULL && *cbirth != '\0') {
			int ok = 0;

			(void)dates_days(cbirth, &ok);
			if (!ok || strlen(cbirth) != 10)
				return decision_error(r, "child_birthdate",
				    _("Give the date of birth as a date (YYYY-MM-DD)."));
		}
	}
	/* Two decisions at once: one wins, the other is told (409). A new
	 * log clashing with one opened at the same moment is retried and
	 * then joins it. */
	for (attempt = 0; attempt < 3; attempt++) {
		if ((rc = db_begin(&r->w->db)) != ST_OK)
			return rc;
		child_new = 0;
		if (anonymous && decision[0] >= '2' && decision[0] <= '3')
			rc = concern_child(r, cname, cnin != NULL ? cnin : "",
			    cbirth != NULL ? cbirth : "", &child_new);
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
	return resp_done(r, 200, loc);
}

/* ROUTE: GET /concerns/{id}/anonymous */
st_rc
h_concern_anonymous(struct req *r)
{
	struct db_res res;
	xmlNodePtr page, c;
	char today[DATE_SIZE];
	int found, ok, age;
	st_rc rc;

	if ((rc = load(r, &res, &found)) != ST_OK || !found)
		return rc;
	page = view_page(r, "anonymous");
	c = view_el(page, "concern", NULL);
	view_attr(c, "id", db_get(&res, 0, CG_PUBLIC_ID));
	view_attr(c, "level", db_get(&res, 0, CG_LEVEL));
	view_attr(c, "unit-kind", db_get(&res, 0, CG_UNIT_KIND));
	dates_today(today);
	if (db_get(&res, 0, CG_CHILD_BIRTH) != NULL) {
		age = dates_age_on(db_get(&res, 0, CG_CHILD_BIRTH), today, &ok);
		if (ok)
			view_attrf(c, "age", "%d", age);
	} else {
		/* no birth date known: the age the author gave, if any */
		xmlDocPtr inst = NULL;
		char err[128];

		if (xmlsafe_parse(db_get(&res, 0, CG_INSTANCE),
		    db_get_len(&res, 0, CG_INSTANCE), 16 * 1024 * 1024, 64,
		    &inst, err, sizeof(err)) == ST_OK) {
			const char *a = form_get(inst, "/concern/child/age",
			    &r->pool);

			if (*a != '\0' && strlen(a) <= 3)
				view_attr(c, "age", a);
			xmlFreeDoc(inst);
		}
	}
	/* No name, no identity number, no birth date, no reference: what
	 * is shown here may be read out in a team without consent. */
	rc = form_view_stored(r->w->forms, &r->w->env,
	    db_get(&res, 0, CG_FORM), (unsigned)db_get_int(&res, 0, CG_VERSION),
	    db_get(&res, 0, CG_INSTANCE), db_get_len(&res, 0, CG_INSTANCE),
	    "/concern/child", c);
	db_res_release(&res);
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
	struct buf text = BUF_INIT(4400);
	struct db_res res;
	long long id, child, log_id;
	char loc[96];
	int found;
	st_rc rc;

	if ((rc = load(r, &res, &found)) != ST_OK || !found)
		return rc;
	id = db_get_int(&res, 0, CG_ID);
	child = db_get_int(&res, 0, CG_CHILD);
	log_id = db_get_int(&res, 0, CG_LOG_ID);
	db_res_release(&res);
	if (team == NULL || *team == '\0' || strlen(team) > 200)
		return decision_error(r, "team",
		    _("Name the team the case was discussed in."));
	if (advice == NULL || *advice == '\0' || strlen(advice) > 4000)
		return decision_error(r, "advice",
		    _("Write down the team's advice (at most 4000 characters)."));
	if ((rc = buf_addf(&text, _("Discussed anonymously in %s: %s"), team,
	    advice)) != ST_OK)
		goto out;
	if ((rc = db_begin(&r->w->db)) != ST_OK)
		goto out;
	rc = caselog_event(&r->w->db, r->who.user_id, log_id, id,
	    role_name(r->who.role), "anonymous", text.data, NULL, NULL, 0);
	if (rc == ST_OK)
		rc = audit_log(r, "update", "concern", id, child);
	if (rc != ST_OK) {
		db_rollback(&r->w->db);
		goto out;
	}
	if ((rc = db_commit(&r->w->db)) != ST_OK)
		goto out;
	snprintf(loc, sizeof(loc), "/concerns/%s", r->arg);
	rc = resp_done(r, 201, loc);
out:
	buf_release(&text);
	return rc;
}
