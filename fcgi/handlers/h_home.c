/* h_home.c: the start page: what needs my attention. */
#include "config.h"

#include <string.h>

#include "access.h"
#include "audit.h"
#include "codelists.h"
#include "caselog.h"
#include "concern.h"
#include "consultation.h"
#include "db.h"
#include "logview.h"
#include "form.h"
#include "handlers.h"
#include "view.h"
#include "worker.h"
#include "dates.h"
#include "feedback.h"

/* Columns of CONCERN_LIST_COLS in stmt.c. */
enum { LC_ID, LC_PUBLIC_ID, LC_REFERENCE, LC_LEVEL, LC_STATUS, LC_DEADLINE,
	LC_CREATED, LC_URGENT, LC_ANONYMOUS, LC_CHILD, LC_AUTHOR, LC_CHILD_ID };

static st_rc
concerns(struct req *r, xmlNodePtr page)
{
	struct db *db = &r->w->db;
	int leader = r->who.role == ROLE_LEADER;
	long long key = leader ? r->who.unit_id : r->who.user_id;
	struct db_val p[5];
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
	p[4] = DV_INT(r->who.municipality_id);
	rc = db_exec(db, leader ? STMT_AUDIT_LIST_UNIT : STMT_AUDIT_LIST_AUTHOR,
	    p, 5, NULL, NULL);
	if (rc == ST_OK)
		rc = db_query(db, leader ? STMT_CONCERN_LIST_UNIT :
		    STMT_CONCERN_LIST_AUTHOR, &p[3], 2, 200, &res);
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
	/* what the page promises: how long each is kept after a save */
	view_attrf(list, "keep-days", "%u", codelists_municipal(r->w,
	    r->who.municipality_id)->draft_keep_days);
	for (i = 0; i < res.nrows; i++) {
		const struct form_def *def = formset_get(r->w->forms,
		    db_get(&res, i, 1), (unsigned)db_get_int(&res, i, 2));
		xmlNodePtr d = view_el(list, "draft", NULL);

		view_attr(d, "id", db_get(&res, i, 0));
		view_attr(d, "form", db_get(&res, i, 1));
		/* "&log=..." when it is for a case: it opens for it again */
		view_attr(d, "context", db_get(&res, i, 5));
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

/* At most this many rows in a start-page list. */
#define LIST_MAX	200

/*
 * The rows of a start-page list the reader may see, for the audit: one
 * list-read each, written with the request before the page is sent.
 */
struct seen {
	long long	 ids[LIST_MAX];
	long long	 child_ids[LIST_MAX];
	const char	*roles[LIST_MAX];
	size_t		 n;
};

static void
seen_add(struct seen *s, long long id, long long child_id, const char *role)
{
	if (s->n == LIST_MAX)
		return;
	s->ids[s->n] = id;
	s->child_ids[s->n] = child_id;
	s->roles[s->n++] = role;
}

/*
 * A start-page list of a log's parts: the statement finds the
 * candidates for the reader (caselog_reader's parameters, and today for
 * those that look ahead); row() applies the rule of the part's own page
 * to one row (access_log on the same facts, and the like), so a list
 * never shows what the page would refuse and never outlives a consent,
 * and adds the shown row's element to list. Each shown row is an
 * audited read, written before anything is sent: no audit row, no list.
 */
struct shown {
	long long	 id;
	long long	 child_id;
	const char	*role;
};

struct home_list {
	const char	*element;	/* the list's element */
	enum stmt_id	 sid;
	size_t		 max;
	int		 from_today;	/* today is the statement's 4th */
	const char	*audit;		/* what a row is, in the audit */
	int		(*row)(struct req *r, const struct db_res *res,
			    size_t i, const char *today, xmlNodePtr list,
			    struct shown *out);
};

static st_rc
home_list(struct req *r, xmlNodePtr page, const struct home_list *hl,
    xmlNodePtr *listp)
{
	char today[DATE_SIZE];
	struct db_val p[4];
	struct db_res res;
	struct seen *seen;
	struct shown one;
	xmlNodePtr list;
	size_t i, np = 3;
	st_rc rc;

	dates_today(today);
	caselog_reader(r, today, p);
	if (hl->from_today)
		p[np++] = DV_STR(today);
	if ((rc = db_query(&r->w->db, hl->sid, p, np, hl->max, &res)) !=
	    ST_OK)
		return rc;
	seen = pool_alloc(&r->pool, sizeof(*seen));
	seen->n = 0;
	list = view_el(page, hl->element, NULL);
	if (listp != NULL)
		*listp = list;
	for (i = 0; i < res.nrows; i++)
		if (hl->row(r, &res, i, today, list, &one))
			seen_add(seen, one.id, one.child_id, one.role);
	rc = audit_list(r, hl->audit, seen->n, seen->ids, seen->child_ids,
	    seen->roles);
	db_res_release(&res);
	return rc;
}

/* Columns of LOG_LIST_COLS; LOG_FACTS follow. */
enum { LL_ID, LL_PUBLIC_ID, LL_REFERENCE, LL_LEVEL, LL_STATUS, LL_CHILD,
	LL_HOLDER, LL_CHILD_ID, LL_CREATED, LL_FACTS };

static int
log_row(struct req *r, const struct db_res *res, size_t i,
    const char *today, xmlNodePtr list, struct shown *out)
{
	struct log_facts f;
	xmlNodePtr l;

	if (!caselog_facts(res, i, LL_FACTS, today, &f) ||
	    !access_log(&r->who, &f, LR_READ))
		return 0;
	l = view_el(list, "log", NULL);
	view_attr(l, "id", db_get(res, i, LL_PUBLIC_ID));
	view_attr(l, "reference", db_get(res, i, LL_REFERENCE));
	view_attr(l, "level", db_get(res, i, LL_LEVEL));
	view_attr(l, "status", db_get(res, i, LL_STATUS));
	view_attr(l, "child", db_get(res, i, LL_CHILD));
	view_attr(l, "holder", db_get(res, i, LL_HOLDER));
	out->id = db_get_int(res, i, LL_ID);
	out->child_id = db_get_int(res, i, LL_CHILD_ID);
	out->role = access_log_role(&r->who, &f);
	return 1;
}

/*
 * Relay logs: those I hold or take part in, for a leader also the
 * unit's, for a guardian their children's (for a youth their own, from
 * 15), as scope says.
 */
static st_rc
logs(struct req *r, xmlNodePtr page, const char *scope, enum stmt_id sid)
{
	const struct home_list hl = { "logs", sid, LIST_MAX, 0, "log",
	    log_row };
	xmlNodePtr list;
	st_rc rc;

	if ((rc = home_list(r, page, &hl, &list)) == ST_OK)
		view_attr(list, "scope", scope);
	return rc;
}

/* Columns of STMT_CONCERN_PASSED_FOR_USER; LOG_FACTS follow. */
enum { CP_ID, CP_PUBLIC_ID, CP_REFERENCE, CP_LEVEL, CP_CREATED, CP_URGENT,
	CP_UNIT, CP_CHILD, CP_LOG, CP_LOG_REF, CP_CHILD_ID, CP_FACTS };

/* Concerns passed to a log I hold (or lead the unit of), waiting. */
static int
passed_row(struct req *r, const struct db_res *res, size_t i,
    const char *today, xmlNodePtr list, struct shown *out)
{
	char local[LOCAL_TIME_SIZE];
	struct concern_facts cf;
	xmlNodePtr c;

	memset(&cf, 0, sizeof(cf));
	cf.status = CS_PASSED;
	cf.pending = 1;
	cf.passed = caselog_facts(res, i, CP_FACTS, today, &cf.to);
	/* passed to a log of its child, in its own municipality */
	cf.municipality_id = cf.to.municipality_id;
	if (!access_concern(&r->who, &cf, CR_RECEIVE))
		return 0;
	c = view_el(list, "concern", NULL);
	view_attr(c, "id", db_get(res, i, CP_PUBLIC_ID));
	view_attr(c, "reference", db_get(res, i, CP_REFERENCE));
	view_attr(c, "level", db_get(res, i, CP_LEVEL));
	dates_local(local, db_get(res, i, CP_CREATED));
	view_attr(c, "created", local);
	if (db_get_int(res, i, CP_URGENT))
		view_attr(c, "urgent", "true");
	view_attr(c, "unit", db_get(res, i, CP_UNIT));
	view_attr(c, "child", db_get(res, i, CP_CHILD));
	view_attr(c, "log", db_get(res, i, CP_LOG));
	view_attr(c, "log-reference", db_get(res, i, CP_LOG_REF));
	out->id = db_get_int(res, i, CP_ID);
	out->child_id = db_get_int(res, i, CP_CHILD_ID);
	out->role = access_log_role(&r->who, &cf.to);
	return 1;
}

/* Columns of STMT_HANDOVER_FOR_USER: HANDOVER_COLS, LOG_FACTS, child. */
enum { HF_ID = 0, HF_TO = 4, HF_FACTS = 17, HF_CHILD = 25 };

/* Handovers waiting for my answer, while I may see them. */
static int
handover_row(struct req *r, const struct db_res *res, size_t i,
    const char *today, xmlNodePtr list, struct shown *out)
{
	struct log_facts f;
	int log_too;

	if (!caselog_facts(res, i, HF_FACTS, today, &f) ||
	    !access_handover_read(&r->who, &f, db_get_int(res, i, HF_TO),
	    &log_too))
		return 0;
	logview_handover_attrs(view_el(list, "handover", NULL), res, i);
	out->id = db_get_int(res, i, HF_ID);
	out->child_id = log_too ? db_get_int(res, i, HF_CHILD) : 0;
	out->role = "proposed holder";
	return 1;
}

/* Columns of STMT_MEASURE_FOR_USER: MEASURE_COLS, LOG_FACTS, child. */
enum { MF_ID = 0, MF_RESPONSIBLE = 5, MF_FACTS = 16, MF_CHILD = 24 };

/* Measures I am responsible for (or hold the log of), by date. */
static int
measure_row(struct req *r, const struct db_res *res, size_t i,
    const char *today, xmlNodePtr list, struct shown *out)
{
	struct log_facts f;
	xmlNodePtr m;

	if (!caselog_facts(res, i, MF_FACTS, today, &f) ||
	    !access_log(&r->who, &f, LR_READ))
		return 0;
	m = view_el(list, "measure", NULL);
	logview_measure_attrs(m, res, i);
	if (db_get_int(res, i, MF_RESPONSIBLE) == r->who.user_id)
		view_attr(m, "mine", "true");
	out->id = db_get_int(res, i, MF_ID);
	out->child_id = db_get_int(res, i, MF_CHILD);
	out->role = access_log_role(&r->who, &f);
	return 1;
}

/* Columns of STMT_MEETING_FOR_USER: MEETING_COLS, LOG_FACTS, child. */
enum { MT_ID = 0, MT_FACTS = 11, MT_CHILD = 19 };

/* Meetings I am invited to, from today, of logs I may read. */
static int
meeting_row(struct req *r, const struct db_res *res, size_t i,
    const char *today, xmlNodePtr list, struct shown *out)
{
	struct log_facts f;

	if (!caselog_facts(res, i, MT_FACTS, today, &f) ||
	    !access_log(&r->who, &f, LR_READ))
		return 0;
	logview_meeting_attrs(view_el(list, "meeting", NULL), res, i);
	out->id = db_get_int(res, i, MT_ID);
	out->child_id = db_get_int(res, i, MT_CHILD);
	out->role = access_log_role(&r->who, &f);
	return 1;
}

/* Columns of STMT_CONSULTATION_LIST; CONSULTATION_FACTS follow. */
enum { KL_ID, KL_PUBLIC_ID, KL_CHILD, KL_HELD_ON, KL_KINDERGARTEN,
	KL_HEALTH_CLINIC, KL_CHILD_ID, KL_FACTS };

/*
 * Two-year consultations the reader may read (access_consultation, the
 * rule of their page): their own, those they took part in, their unit's
 * for a leader, their children's for a guardian.
 */
static int
consultation_row(struct req *r, const struct db_res *res, size_t i,
    const char *today, xmlNodePtr list, struct shown *out)
{
	struct consultation_facts f;
	xmlNodePtr k;

	consultation_facts(res, i, KL_FACTS, today, &f);
	if (!access_consultation(&r->who, &f))
		return 0;
	k = view_el(list, "consultation", NULL);
	view_attr(k, "id", db_get(res, i, KL_PUBLIC_ID));
	view_attr(k, "child", db_get(res, i, KL_CHILD));
	view_attr(k, "held-on", db_get(res, i, KL_HELD_ON));
	view_attr(k, "kindergarten", db_get(res, i, KL_KINDERGARTEN));
	view_attr(k, "health-clinic", db_get(res, i, KL_HEALTH_CLINIC));
	out->id = db_get_int(res, i, KL_ID);
	out->child_id = db_get_int(res, i, KL_CHILD_ID);
	out->role = access_consultation_role(&r->who, &f);
	return 1;
}

static const struct home_list passed_list = { "passed",
	STMT_CONCERN_PASSED_FOR_USER, 100, 0, "concern", passed_row };
static const struct home_list handover_list = { "handovers",
	STMT_HANDOVER_FOR_USER, 100, 0, "handover", handover_row };
static const struct home_list measure_list = { "measures",
	STMT_MEASURE_FOR_USER, LIST_MAX, 0, "measure", measure_row };
static const struct home_list meeting_list = { "meetings",
	STMT_MEETING_FOR_USER, 100, 1, "meeting", meeting_row };
static const struct home_list consultation_list = { "consultations",
	STMT_CONSULTATION_LIST, 100, 0, "consultation", consultation_row };

/* Columns of ALERT_COLS in stmt.c. */
enum { AL_KIND, AL_NOTICE_KIND, AL_SINCE, AL_NOTICE, AL_PARTNER,
	AL_PARTNER_NAME, AL_SERVICE, AL_LOG, AL_LOG_REF, AL_CONCERN,
	AL_CONCERN_REF, AL_FACTS };

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
	char local[LOCAL_TIME_SIZE], today[DATE_SIZE];
	struct log_facts f;
	struct db_val p[3];
	struct db_res res;
	xmlNodePtr list, a;
	size_t i;
	st_rc rc;

	dates_today(today);
	caselog_reader(r, today, p);
	if (admin)
		p[0] = DV_INT(r->who.municipality_id);
	if ((rc = db_query(&r->w->db, admin ? STMT_ALERT_FOR_ADMIN :
	    STMT_ALERT_FOR_SENDER, p, admin ? 1 : 3, 200, &res)) != ST_OK)
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
		/* The case, to a sender who may still read it: one who
		 * lost access (the consent ended, the baton went on) is
		 * told of the notice they sent, not of the case. */
		if (db_get(&res, i, AL_LOG) != NULL) {
			if (!caselog_facts(&res, i, AL_FACTS, today, &f) ||
			    !access_log(&r->who, &f, LR_READ))
				continue;
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

/* The teams the reader is in: the next meeting, and how many concerns
 * wait on the agenda (their agendas are on the teams' pages). */
static st_rc
teams(struct req *r, xmlNodePtr page)
{
	struct db_val p[2];
	struct db_res res;
	char today[DATE_SIZE];
	xmlNodePtr list, t;
	size_t i;
	st_rc rc;

	dates_today(today);
	p[0] = DV_STR(today);
	p[1] = DV_INT(r->who.user_id);
	if ((rc = db_query(&r->w->db, STMT_TEAM_FOR_USER, p, 2, 100, &res)) !=
	    ST_OK)
		return rc;
	list = view_el(page, "teams", NULL);
	for (i = 0; i < res.nrows; i++) {
		t = view_el(list, "team", NULL);
		view_attr(t, "id", db_get(&res, i, 0));
		view_attr(t, "name", db_get(&res, i, 1));
		view_attr(t, "kind", db_get(&res, i, 2));
		view_attr(t, "role", db_get(&res, i, 3));
		view_attr(t, "next-meeting", db_get(&res, i, 4));
		view_attr(t, "waiting", db_get(&res, i, 5));
	}
	db_res_release(&res);
	return ST_OK;
}

static st_rc
staff_work(struct req *r, xmlNodePtr page)
{
	st_rc rc;

	if ((rc = logs(r, page, "mine", STMT_LOG_LIST_USER)) != ST_OK)
		return rc;
	if (r->who.role == ROLE_LEADER &&
	    (rc = logs(r, page, "unit", STMT_LOG_LIST_UNIT)) != ST_OK)
		return rc;
	if ((rc = home_list(r, page, &passed_list, NULL)) != ST_OK ||
	    (rc = home_list(r, page, &handover_list, NULL)) != ST_OK ||
	    (rc = home_list(r, page, &measure_list, NULL)) != ST_OK ||
	    (rc = home_list(r, page, &meeting_list, NULL)) != ST_OK ||
	    (rc = teams(r, page)) != ST_OK)
		return rc;
	return home_list(r, page, &consultation_list, NULL);
}

/* The feedback a guardian or the youth is asked for, still open. */
static st_rc
feedback(struct req *r, xmlNodePtr page)
{
	struct db_val p[2];
	struct db_res res;
	xmlNodePtr list, f;
	size_t i;
	st_rc rc;

	p[0] = DV_INT(r->who.user_id);
	p[1] = DV_INT(FEEDBACK_DAYS);
	if ((rc = db_query(&r->w->db, STMT_FEEDBACK_OPEN_FOR_USER, p, 2, 20,
	    &res)) != ST_OK)
		return rc;
	list = view_el(page, "feedback-asked", NULL);
	for (i = 0; i < res.nrows; i++) {
		f = view_el(list, "feedback", NULL);
		view_attr(f, "id", db_get(&res, i, 0));
		view_attr(f, "unit", db_get(&res, i, 1));
		view_time_attr(r, f, "asked", db_get(&res, i, 2));
	}
	db_res_release(&res);
	return ST_OK;
}

/* ROUTE: GET / */
st_rc
h_home(struct req *r)
{
	xmlNodePtr page = view_page(r, "home");
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
		if ((rc = db_begin(&r->w->db)) != ST_OK)
			return rc;
		/* the meetings the family is invited to (0037), first */
		if ((rc = feedback(r, page)) != ST_OK ||
		    (rc = home_list(r, page, &meeting_list, NULL)) != ST_OK ||
		    (rc = logs(r, page, "children", STMT_LOG_LIST_CITIZEN)) !=
		    ST_OK || (rc = home_list(r, page, &consultation_list,
		    NULL)) != ST_OK ||
		    (rc = db_commit(&r->w->db)) != ST_OK) {
			db_rollback(&r->w->db);
			return rc;
		}
	}
	return view_send(r, 200, page);
}
