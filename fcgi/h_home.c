/* h_home.c: the start page: what needs my attention. */
#include "config.h"

#include <string.h>

#include "access.h"
#include "audit.h"
#include "db.h"
#include "logview.h"
#include "form.h"
#include "handlers.h"
#include "view.h"
#include "worker.h"
#include "dates.h"

/* Columns of CONCERN_LIST_COLS in stmt.c. */
enum { LC_ID, LC_PUBLIC_ID, LC_REFERENCE, LC_LEVEL, LC_STATUS, LC_DEADLINE,
	LC_CREATED, LC_URGENT, LC_ANONYMOUS, LC_CHILD, LC_AUTHOR, LC_CHILD_ID };

static st_rc
concerns(struct req *r, xmlNodePtr page)
{
	struct db *db = &r->w->db;
	int leader = r->who.role == ROLE_LEADER;
	long long key = leader ? r->who.unit_id : r->who.user_id;
	struct db_val p[4];
	struct db_res res;
	xmlNodePtr list;
	char today[DATE_SIZE], local[LOCAL_TIME_SIZE];
	size_t i;
	st_rc rc;

	if (r->who.role != ROLE_LEADER && r->who.role != ROLE_EMPLOYEE)
		return ST_OK;	/* administrators see no children's data */
	dates_today(today);
	/* The list is a read of children's data: audit exactly its rows. */
	if ((rc = db_begin(db)) != ST_OK)
		return rc;
	p[0] = DV_INT(r->who.user_id);
	p[1] = DV_STR(role_name(r->who.role));
	p[2] = DV_STR(r->id);
	p[3] = DV_INT(key);
	rc = db_exec(db, leader ? STMT_AUDIT_LIST_UNIT : STMT_AUDIT_LIST_AUTHOR,
	    p, 4, NULL, NULL);
	if (rc == ST_OK)
		rc = db_query(db, leader ? STMT_CONCERN_LIST_UNIT :
		    STMT_CONCERN_LIST_AUTHOR, &p[3], 1, 200, &res);
	if (rc == ST_OK && (rc = db_commit(db)) != ST_OK)
		db_res_release(&res);
	if (rc != ST_OK) {
		db_rollback(db);
		return rc;
	}
	list = view_el(page, "concerns", NULL);
	view_attr(list, "scope", leader ? "unit" : "mine");
	for (i = 0; i < res.nrows; i++) {
		xmlNodePtr c = view_el(list, "concern", NULL);
		const char *deadline = db_get(&res, i, LC_DEADLINE);

		view_attr(c, "id", db_get(&res, i, LC_PUBLIC_ID));
		view_attr(c, "reference", db_get(&res, i, LC_REFERENCE));
		view_attr(c, "level", db_get(&res, i, LC_LEVEL));
		view_attr(c, "status", db_get(&res, i, LC_STATUS));
		view_attr(c, "deadline", deadline);
		if (deadline != NULL && strcmp(deadline, today) < 0)
			view_attr(c, "overdue", "true");
		dates_local(local, db_get(&res, i, LC_CREATED));
		view_attr(c, "created", local);
		if (db_get_int(&res, i, LC_URGENT))
			view_attr(c, "urgent", "true");
		if (db_get_int(&res, i, LC_ANONYMOUS))
			view_attr(c, "anonymous", "true");
		view_attr(c, "child", db_get(&res, i, LC_CHILD));
		view_attr(c, "author", db_get(&res, i, LC_AUTHOR));
	}
	db_res_release(&res);
	return ST_OK;
}

/* The user's drafts, newest first, with the time they go away. */
static st_rc
drafts(struct req *r, xmlNodePtr page)
{
	struct db_val p[1];
	struct db_res res;
	xmlNodePtr list;
	char local[LOCAL_TIME_SIZE];
	size_t i;
	st_rc rc;

	p[0] = DV_INT(r->who.user_id);
	if ((rc = db_query(&r->w->db, STMT_DRAFT_LIST, p, 1, 50, &res)) !=
	    ST_OK)
		return rc;
	list = view_el(page, "drafts", NULL);
	for (i = 0; i < res.nrows; i++) {
		const struct form_def *def = formset_get(r->w->forms,
		    db_get(&res, i, 1), (unsigned)db_get_int(&res, i, 2));
		xmlNodePtr d = view_el(list, "draft", NULL);

		view_attr(d, "id", db_get(&res, i, 0));
		view_attr(d, "form", db_get(&res, i, 1));
		view_attr(d, "title", def != NULL ? form_text(def->root,
		    FORM_NS, "title", r->lang) : db_get(&res, i, 1));
		dates_local(local, db_get(&res, i, 3));
		view_attr(d, "saved", local);
		dates_local(local, db_get(&res, i, 4));
		view_attr(d, "expires", local);
	}
	db_res_release(&res);
	return ST_OK;
}

/* The forms one can start from here: the current version of each. */
static void
forms(struct req *r, xmlNodePtr page)
{
	const struct formset *fs = r->w->forms;
	xmlNodePtr list = view_el(page, "forms", NULL);
	size_t i;

	for (i = 0; i < fs->n; i++) {
		const struct form_def *def = fs->v[i];
		xmlNodePtr f;

		if (formset_current(fs, def->id) != def)
			continue;
		f = view_el(list, "form", NULL);
		view_attr(f, "id", def->id);
		view_attr(f, "title", form_text(def->root, FORM_NS, "title",
		    r->lang));
	}
}

/* At most this many logs in a start-page list. */
#define LOG_LIST_MAX	200

/* Columns of LOG_LIST_COLS. */
enum { LL_ID, LL_PUBLIC_ID, LL_REFERENCE, LL_LEVEL, LL_STATUS, LL_CHILD,
	LL_HOLDER, LL_CHILD_ID, LL_CREATED, LL_BIRTH, LL_RELATION };

/*
 * Relay logs: those I hold or take part in (within consent), for a
 * leader also the unit's, for a guardian their children's (for a youth
 * their own, from 15). Each listed child is an audited read.
 */
static st_rc
logs(struct req *r, xmlNodePtr page, const char *scope, enum stmt_id sid,
    struct db_val *p, size_t np)
{
	char today[DATE_SIZE];
	struct db_res res;
	xmlNodePtr list, l;
	long long ids[LOG_LIST_MAX], child_ids[LOG_LIST_MAX];
	const char *roles[LOG_LIST_MAX];
	size_t i, n = 0;
	int ok;
	st_rc rc;

	dates_today(today);
	if ((rc = db_query(&r->w->db, sid, p, np, LOG_LIST_MAX, &res)) !=
	    ST_OK)
		return rc;
	list = view_el(page, "logs", NULL);
	view_attr(list, "scope", scope);
	for (i = 0; i < res.nrows; i++) {
		const char *rel = res.ncols > LL_RELATION ?
		    db_get(&res, i, LL_RELATION) : NULL;

		if (rel != NULL && strcmp(rel, "self") == 0) {
			const char *b = db_get(&res, i, LL_BIRTH);

			if (b == NULL || dates_age_on(b, today, &ok) <
			    YOUTH_AGE || !ok)
				continue;
		}
		l = view_el(list, "log", NULL);
		view_attr(l, "id", db_get(&res, i, LL_PUBLIC_ID));
		view_attr(l, "reference", db_get(&res, i, LL_REFERENCE));
		view_attr(l, "level", db_get(&res, i, LL_LEVEL));
		view_attr(l, "status", db_get(&res, i, LL_STATUS));
		view_attr(l, "child", db_get(&res, i, LL_CHILD));
		view_attr(l, "holder", db_get(&res, i, LL_HOLDER));
		ids[n] = db_get_int(&res, i, LL_ID);
		child_ids[n] = db_get_int(&res, i, LL_CHILD_ID);
		roles[n++] = rel != NULL ? (strcmp(rel, "self") == 0 ?
		    "youth" : "guardian") : role_name(r->who.role);
	}
	/* Before anything is sent: no audit row, no list. */
	rc = audit_list(r, "log", n, ids, child_ids, roles);
	db_res_release(&res);
	return rc;
}

/* Handovers waiting for my answer. */
static st_rc
handovers(struct req *r, xmlNodePtr page)
{
	struct db_val p[1];
	struct db_res res;
	xmlNodePtr list, h;
	size_t i;
	st_rc rc;

	p[0] = DV_INT(r->who.user_id);
	if ((rc = db_query(&r->w->db, STMT_HANDOVER_FOR_USER, p, 1, 100,
	    &res)) != ST_OK)
		return rc;
	list = view_el(page, "handovers", NULL);
	for (i = 0; i < res.nrows; i++) {
		h = view_el(list, "handover", NULL);
		logview_handover_attrs(h, &res, i);
	}
	db_res_release(&res);
	return ST_OK;
}

/* Measures I am responsible for (or hold the log of), by date. */
static st_rc
measures(struct req *r, xmlNodePtr page)
{
	char today[DATE_SIZE];
	struct db_val p[3];
	struct db_res res;
	xmlNodePtr list, m;
	size_t i;
	st_rc rc;

	dates_today(today);
	p[0] = DV_STR(today);
	p[1] = DV_INT(r->who.user_id);
	p[2] = DV_INT(r->who.user_id);
	if ((rc = db_query(&r->w->db, STMT_MEASURE_FOR_USER, p, 3, 200,
	    &res)) != ST_OK)
		return rc;
	list = view_el(page, "measures", NULL);
	for (i = 0; i < res.nrows; i++) {
		m = view_el(list, "measure", NULL);
		logview_measure_attrs(m, &res, i);
		if (db_get_int(&res, i, 5) == r->who.user_id)
			view_attr(m, "mine", "true");
	}
	db_res_release(&res);
	return ST_OK;
}

/* Meetings I am invited to, from today. */
static st_rc
meetings(struct req *r, xmlNodePtr page)
{
	char today[DATE_SIZE];
	struct db_val p[2];
	struct db_res res;
	xmlNodePtr list, m;
	size_t i;
	st_rc rc;

	dates_today(today);
	p[0] = DV_INT(r->who.user_id);
	p[1] = DV_STR(today);
	if ((rc = db_query(&r->w->db, STMT_MEETING_FOR_USER, p, 2, 100,
	    &res)) != ST_OK)
		return rc;
	list = view_el(page, "meetings", NULL);
	for (i = 0; i < res.nrows; i++) {
		m = view_el(list, "meeting", NULL);
		logview_meeting_attrs(m, &res, i);
	}
	db_res_release(&res);
	return ST_OK;
}

/* Columns of ALERT_COLS in stmt.c. */
enum { AL_KIND, AL_NOTICE_KIND, AL_SINCE, AL_NOTICE, AL_PARTNER,
	AL_PARTNER_NAME, AL_SERVICE, AL_LOG, AL_LOG_REF, AL_CONCERN,
	AL_CONCERN_REF };

/*
 * Notices to partners that did not arrive as they should: for a sender,
 * theirs that nobody can take (not sent), were not acknowledged in time
 * or were given up (with the
 * case they belong to, which its page checks access to again); for an
 * administrator every open alert, failing partners first, with no case
 * named: administrators manage delivery, not cases.
 */
static st_rc
alerts(struct req *r, xmlNodePtr page)
{
	int admin = r->who.role == ROLE_ADMIN;
	char local[LOCAL_TIME_SIZE];
	struct db_val p[1];
	struct db_res res;
	xmlNodePtr list, a;
	size_t i;
	st_rc rc;

	p[0] = DV_INT(r->who.user_id);
	if ((rc = db_query(&r->w->db, admin ? STMT_ALERT_FOR_ADMIN :
	    STMT_ALERT_FOR_SENDER, p, admin ? 0 : 1, 200, &res)) != ST_OK)
		return rc;
	list = view_el(page, "alerts", NULL);
	view_attr(list, "scope", admin ? "admin" : "sender");
	for (i = 0; i < res.nrows; i++) {
		a = view_el(list, "alert", NULL);
		view_attr(a, "kind", db_get(&res, i, AL_KIND));
		dates_local(local, db_get(&res, i, AL_SINCE));
		view_attr(a, "since", local);
		view_attr(a, "partner-name", db_get(&res, i, AL_PARTNER_NAME));
		/* the service a notice is for (a report of concern: none) */
		view_attr(a, "service", db_get(&res, i, AL_SERVICE));
		if (db_get(&res, i, AL_NOTICE) != NULL) {
			view_attr(a, "notice", db_get(&res, i, AL_NOTICE));
			view_attr(a, "notice-kind",
			    db_get(&res, i, AL_NOTICE_KIND));
		}
		if (admin) {
			view_attr(a, "partner", db_get(&res, i, AL_PARTNER));
			continue;
		}
		if (db_get(&res, i, AL_LOG) != NULL) {
			view_attr(a, "log", db_get(&res, i, AL_LOG));
			view_attr(a, "reference", db_get(&res, i, AL_LOG_REF));
		} else if (db_get(&res, i, AL_CONCERN) != NULL) {
			view_attr(a, "concern", db_get(&res, i, AL_CONCERN));
			view_attr(a, "reference",
			    db_get(&res, i, AL_CONCERN_REF));
		}
	}
	db_res_release(&res);
	return ST_OK;
}

static st_rc
staff_work(struct req *r, xmlNodePtr page)
{
	char today[DATE_SIZE];
	struct db_val p[6];
	st_rc rc;

	dates_today(today);
	p[0] = DV_INT(r->who.user_id);
	p[1] = DV_INT(r->who.user_id);
	p[2] = DV_INT(r->who.unit_id);
	p[3] = DV_STR(today);
	p[4] = DV_STR(today);
	p[5] = DV_STR(r->who.unit_kind != NULL ? r->who.unit_kind : "");
	if ((rc = logs(r, page, "mine", STMT_LOG_LIST_USER, p, 6)) != ST_OK)
		return rc;
	if (r->who.role == ROLE_LEADER) {
		p[0] = DV_INT(r->who.unit_id);
		if ((rc = logs(r, page, "unit", STMT_LOG_LIST_UNIT, p, 1)) !=
		    ST_OK)
			return rc;
	}
	if ((rc = handovers(r, page)) != ST_OK)
		return rc;
	if ((rc = measures(r, page)) != ST_OK)
		return rc;
	return meetings(r, page);
}

/* ROUTE: GET / */
st_rc
h_home(struct req *r)
{
	xmlNodePtr page = view_page(r, "home");
	struct db_val p[1];
	st_rc rc;

	if ((rc = concerns(r, page)) != ST_OK)
		return rc;
	if (r->who.role != ROLE_CITIZEN && (rc = alerts(r, page)) != ST_OK)
		return rc;
	if (r->who.role == ROLE_LEADER || r->who.role == ROLE_EMPLOYEE) {
		if ((rc = db_begin(&r->w->db)) != ST_OK)
			return rc;
		if ((rc = staff_work(r, page)) != ST_OK ||
		    (rc = db_commit(&r->w->db)) != ST_OK) {
			db_rollback(&r->w->db);
			return rc;
		}
		if ((rc = drafts(r, page)) != ST_OK)
			return rc;
		forms(r, page);
	} else if (r->who.role == ROLE_CITIZEN) {
		p[0] = DV_INT(r->who.user_id);
		if ((rc = db_begin(&r->w->db)) != ST_OK)
			return rc;
		if ((rc = logs(r, page, "children", STMT_LOG_LIST_CITIZEN, p,
		    1)) != ST_OK || (rc = db_commit(&r->w->db)) != ST_OK) {
			db_rollback(&r->w->db);
			return rc;
		}
	}
	return view_send(r, 200, page);
}
