/* logview.c: the XML view of a whole relay log (see logview.h): used by
 * the log page, the API and the archive copy. */
#include "config.h"

#include <string.h>

#include "audit.h"
#include "caselog.h"
#include "codelists.h"
#include "db.h"
#include "evmsg.h"
#include "feedback.h"
#include "form.h"
#include "urlenc.h"
#include "i18n.h"
#include "log.h"
#include "logview.h"
#include "referral.h"
#include "family.h"
#include "minutes.h"
#include "view.h"
#include "viewcache.h"
#include "worker.h"

/* Events on a log page unless the reader asks for all; at most on any
 * (LOGVIEW_TIMELINE_MAX, logview.h). */
#define TIMELINE_PAGE	50
#define TIMELINE_MAX	LOGVIEW_TIMELINE_MAX
/* How old the action guide on a page may be. */
#define GUIDE_TTL_MS	5000

/* Columns of EVENT_COLS. */
enum { EC_PID, EC_AT, EC_ACTOR, EC_ROLE, EC_KIND, EC_SUMMARY, EC_REF_TYPE,
	EC_REF_PID, EC_MSG, EC_ARGS };

void
logview_local_attr(xmlNodePtr n, const char *name, const char *utc)
{
	char local[LOCAL_TIME_SIZE];

	if (utc == NULL)
		return;
	dates_local(local, utc);
	view_attr(n, name, local);
}

/* Which event kind shows that a step with this tool was taken. */
static const char *
step_event(const char *form)
{
	static const char *map[][2] = {
		{ "concern", "concern" }, { "consent", "consent" },
		{ "minutes", "minutes" }, { "evaluation", "evaluation" },
		{ "handover", "holder" }, { "referral", "referral" },
		{ "nav-notice", "nav_notice" }, { "cw-report", "cw_report" },
		{ "closing", "closed" },
	};
	size_t i;

	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (strcmp(map[i][0], form) == 0)
			return map[i][1];
	return NULL;
}

/* Columns of STMT_EVENT_KINDS_LOG. */
enum { EK_KIND, EK_COUNT, EK_LATEST };

/* Was an event of kind recorded on or after the date since? (kinds:
 * each kind of the log's events with its latest time, in UTC; since is
 * a municipal date, so the time is compared as a municipal date too:
 * just after midnight in Oslo it is still yesterday in UTC) */
static int
happened(const struct db_res *kinds, const char *kind, const char *since)
{
	char local[LOCAL_TIME_SIZE];
	size_t i;

	for (i = 0; i < kinds->nrows; i++)
		if (strcmp(db_get(kinds, i, EK_KIND), kind) == 0) {
			dates_local(local, db_get(kinds, i, EK_LATEST));
			return strncmp(local, since, 10) >= 0;
		}
	return 0;
}

const char *
logview_guide_text(const struct req *r, const char *nb, const char *en,
    const char **lang)
{
	*lang = NULL;
	if (r->lang == LANG_EN && en != NULL && *en != '\0')
		return en;
	if (r->lang != LANG_NB)
		*lang = "nb";
	return nb;
}

/*
 * Where the case stands in the action guide: every level with its
 * steps; on the current level each step's due date (from the day the
 * level began) and whether it is done. A step with a tool is done when
 * the tool was used since the level began; a step without one when a
 * later step is done. The first step not done is the next step.
 */
static st_rc
guide(struct req *r, const struct caselog *l, const struct db_res *kinds,
    xmlNodePtr parent)
{
	const struct db_res *lvp, *stp;
	xmlNodePtr g, lvl = NULL, s;
	int done[64], next_marked = 0, cur_level;
	size_t i, j, n = 0, first = 0;
	st_rc rc;

	/* The guide is the same for every log and changes seldom: a few
	 * seconds' delay before an edit shows saves two statements a read. */
	if ((rc = db_query_cached(&r->w->db, STMT_GUIDE_LEVELS, GUIDE_TTL_MS,
	    16, &lvp)) != ST_OK ||
	    (rc = db_query_cached(&r->w->db, STMT_GUIDE_STEPS, GUIDE_TTL_MS,
	    100000, &stp)) != ST_OK)
		return rc;
	cur_level = l->level;
	/* done-ness on the current level, back to front (the rows of the
	 * log's municipality's guide: every municipality has its own) */
	for (i = 0; i < stp->nrows; i++)
		if (db_get_int(stp, i, 1) == cur_level &&
		    db_get_int(stp, i, 7) == l->facts.municipality_id) {
			if (n == 0)
				first = i;
			n++;
		}
	if (n > 64)
		n = 64;
	for (j = n; j-- > 0;) {
		const char *form = db_get(stp, first + j, 5);
		const char *kind = form != NULL ? step_event(form) : NULL;

		if (kind != NULL)
			done[j] = happened(kinds, kind, l->level_since);
		else
			done[j] = j + 1 < n && done[j + 1];
	}
	g = view_el(parent, "guide", NULL);
	view_attrf(g, "level", "%d", cur_level);
	for (i = 0; i < lvp->nrows; i++) {
		const char *lang;

		lvl = view_el(g, "level", NULL);
		view_attr(lvl, "n", db_get(lvp, i, 0));
		view_attr(lvl, "name", logview_guide_text(r, db_get(lvp, i, 1),
		    db_get(lvp, i, 2), &lang));
		view_attr(lvl, "name-lang", lang);
		if (db_get_int(lvp, i, 0) == cur_level)
			view_attr(lvl, "current", "true");
		for (j = 0; j < stp->nrows; j++) {
			if (db_get_int(stp, j, 1) != db_get_int(lvp, i, 0) ||
			    db_get_int(stp, j, 7) != l->facts.municipality_id)
				continue;
			s = view_el(lvl, "step", logview_guide_text(r,
			    db_get(stp, j, 3), db_get(stp, j, 4), &lang));
			view_attr(s, "lang", lang);
			view_attr(s, "id", db_get(stp, j, 0));
			view_attr(s, "n", db_get(stp, j, 2));
			view_attr(s, "form", db_get(stp, j, 5));
			view_attr(s, "days", db_get(stp, j, 6));
			if (db_get_int(lvp, i, 0) != cur_level ||
			    j - first >= n)
				continue;
			if (db_get(stp, j, 6) != NULL) {
				char due[DATE_SIZE];
				int ok;
				long d = dates_days(l->level_since, &ok);

				if (ok) {
					dates_from_days(due, d +
					    db_get_int(stp, j, 6));
					view_attr(s, "due", due);
				}
			}
			if (done[j - first])
				view_attr(s, "done", "true");
			else if (!next_marked) {
				view_attr(s, "next", "true");
				next_marked = 1;
			}
		}
	}
	return ST_OK;
}

/* The events listed (ev), out of total. */
static st_rc
events(struct req *r, const struct db_res *ev, long long total,
    xmlNodePtr parent)
{
	xmlNodePtr list = view_el(parent, "events", NULL), e;
	struct evmsg m;
	size_t i;

	view_attrf(list, "count", "%zu", ev->nrows);
	view_attrf(list, "total", "%lld", total);
	for (i = 0; i < ev->nrows; i++) {
		const char *msg = db_get(ev, i, EC_MSG);

		e = view_el(list, "event", NULL);
		/* put into words in the reader's language; an event from
		 * before messages were stored (or one that cannot be read)
		 * is its summary, in whatever language it was written */
		if (msg != NULL && evmsg_decode(&m, msg, db_get(ev, i,
		    EC_ARGS), db_get_len(ev, i, EC_ARGS)) == ST_OK)
			evmsg_view(&m, r->lang, e);
		else
			view_el(e, "text", db_get(ev, i, EC_SUMMARY));
		if (msg != NULL)
			evmsg_release(&m);
		view_attr(e, "id", db_get(ev, i, EC_PID));
		logview_local_attr(e, "at", db_get(ev, i, EC_AT));
		view_attr(e, "by", db_get(ev, i, EC_ACTOR));
		view_attr(e, "role", db_get(ev, i, EC_ROLE));
		view_attr(e, "kind", db_get(ev, i, EC_KIND));
		view_attr(e, "ref-type", db_get(ev, i, EC_REF_TYPE));
		view_attr(e, "ref", db_get(ev, i, EC_REF_PID));
	}
	return ST_OK;
}

/*
 * Is the reader a guardian or the youth? They are not shown what child
 * welfare withholds from them (0010_withheld.sql); the statements for
 * them leave it out.
 */
static int
citizen(const struct req *r)
{
	return r->who.role == ROLE_CITIZEN;
}

st_rc
logview_events(struct req *r, long long log_id, long long concern_id,
    xmlNodePtr parent)
{
	struct db_val p[1];
	struct db_res ev;
	st_rc rc;

	p[0] = DV_INT(log_id != 0 ? log_id : concern_id);
	if ((rc = db_query(&r->w->db, log_id == 0 ? STMT_EVENT_LIST_CONCERN :
	    citizen(r) ? STMT_EVENT_LIST_LOG_CITIZEN : STMT_EVENT_LIST_LOG, p,
	    1, 5000, &ev)) != ST_OK)
		return rc;
	rc = events(r, &ev, (long long)ev.nrows, parent);
	db_res_release(&ev);
	return rc;
}

static st_rc
participants(struct req *r, const struct caselog *l, const char *today,
    xmlNodePtr parent)
{
	struct db_res res;
	xmlNodePtr list, u;
	size_t i;
	st_rc rc;

	if ((rc = caselog_participants(&r->w->db, l, today, &res)) != ST_OK)
		return rc;
	list = view_el(parent, "participants", NULL);
	u = view_el(list, "participant", NULL);
	view_attr(u, "id", l->holder_pid);
	view_attr(u, "name", l->holder_name);
	view_attr(u, "unit", l->holder_unit);
	view_attr(u, "holder", "true");
	for (i = 0; i < res.nrows; i++) {
		if (strcmp(db_get(&res, i, 0), l->holder_pid) == 0)
			continue;
		u = view_el(list, "participant", NULL);
		view_attr(u, "id", db_get(&res, i, 0));
		view_attr(u, "name", db_get(&res, i, 1));
		view_attr(u, "unit", db_get(&res, i, 2));
		view_attr(u, "service", db_get(&res, i, 3));
		view_attr(u, "covered", db_get_int(&res, i, 4) ? "true" :
		    "false");
		logview_local_attr(u, "since", db_get(&res, i, 5));
	}
	db_res_release(&res);
	return ST_OK;
}

/* The roles the law gives on the case (caserole.h), in force. */
static st_rc
roles(struct req *r, const struct caselog *l, xmlNodePtr parent)
{
	struct db_val p[1];
	struct db_res res;
	xmlNodePtr list, u;
	size_t i;
	st_rc rc;

	p[0] = DV_INT(l->id);
	if ((rc = db_query(&r->w->db, STMT_ROLE_LIST, p, 1, 100, &res)) !=
	    ST_OK)
		return rc;
	list = view_el(parent, "roles", NULL);
	for (i = 0; i < res.nrows; i++) {
		u = view_el(list, "role", NULL);
		view_attr(u, "code", db_get(&res, i, 0));
		view_attr(u, "id", db_get(&res, i, 1));
		view_attr(u, "name", db_get(&res, i, 2));
		view_attr(u, "unit", db_get(&res, i, 3));
		logview_local_attr(u, "since", db_get(&res, i, 4));
	}
	db_res_release(&res);
	return ST_OK;
}

static st_rc
consents(struct req *r, const struct caselog *l, const char *today,
    xmlNodePtr parent)
{
	struct db_val p[3];
	struct db_res res;
	xmlNodePtr list, c;
	size_t i;
	st_rc rc;

	p[0] = DV_STR(today);
	p[1] = DV_STR(today);
	p[2] = DV_INT(l->id);
	if ((rc = db_query(&r->w->db, STMT_CONSENT_LIST, p, 3, 1000, &res)) !=
	    ST_OK)
		return rc;
	list = view_el(parent, "consents", NULL);
	for (i = 0; i < res.nrows; i++) {
		c = view_el(list, "consent", db_get(&res, i, 4));
		logview_consent_attrs(c, &res, i);
	}
	db_res_release(&res);
	return ST_OK;
}

/*
 * The units a consent names (each "0Name" or "1Name": named_only and the
 * name) or its persons (each a public id of SECURE_ID_LEN and the name),
 * as in CONSENT_COLS, separated by \x1f, as elements named el under c.
 */
static void
split_into(xmlNodePtr c, const char *el, const char *list, int units)
{
	char buf[1024];	/* a name of 200 characters, a public id */
	xmlNodePtr n;

	while (list != NULL && *list != '\0') {
		size_t len = strcspn(list, "\x1f");

		if (len >= sizeof(buf))
			len = sizeof(buf) - 1;
		memcpy(buf, list, len);
		buf[len] = '\0';
		if (units && len > 1) {
			n = view_el(c, el, buf + 1);
			if (buf[0] == '1')
				view_attr(n, "named-only", "true");
		} else if (!units && len > SECURE_ID_LEN) {
			n = view_el(c, el, buf + SECURE_ID_LEN);
			buf[SECURE_ID_LEN] = '\0';
			view_attr(n, "id", buf);
		}
		list += strcspn(list, "\x1f");
		if (*list != '\0')
			list++;
	}
}

void
logview_consent_attrs(xmlNodePtr c, const struct db_res *res, size_t i)
{
	view_attr(c, "id", db_get(res, i, 1));
	view_attr(c, "method", db_get(res, i, 3));
	view_attr(c, "from", db_get(res, i, 5));
	view_attr(c, "expires", db_get(res, i, 6));
	view_attr(c, "status", db_get(res, i, 7));
	view_attr(c, "valid", db_get_int(res, i, 8) ? "true" : "false");
	view_attr(c, "services", db_get(res, i, 9));
	view_attr(c, "scan", db_get(res, i, 10));
	view_attr(c, "by", db_get(res, i, 11));
	logview_local_attr(c, "created", db_get(res, i, 12));
	logview_local_attr(c, "withdrawn", db_get(res, i, 13));
	view_attr(c, "withdrawn-by", db_get(res, i, 14));
	split_into(c, "unit", db_get(res, i, 16), 1);
	split_into(c, "person", db_get(res, i, 17), 0);
}

void
logview_measure_attrs(xmlNodePtr m, const struct db_res *res, size_t i)
{
	view_attr(m, "id", db_get(res, i, 1));
	view_attr(m, "responsible", db_get(res, i, 6));
	view_attr(m, "responsible-id", db_get(res, i, 7));
	view_attr(m, "start", db_get(res, i, 8));
	view_attr(m, "evaluation", db_get(res, i, 9));
	view_attr(m, "status", db_get(res, i, 10));
	view_attr(m, "result", db_get(res, i, 11));
	if (db_get_int(res, i, 12))
		view_attr(m, "overdue", "true");
	view_attr(m, "log", db_get(res, i, 13));
	view_attr(m, "reference", db_get(res, i, 14));
	view_el(m, "what", db_get(res, i, 3));
	view_el(m, "goal", db_get(res, i, 4));
}

static st_rc
measures(struct req *r, const struct caselog *l, const char *today,
    xmlNodePtr parent)
{
	struct db_val p[2];
	struct db_res res;
	xmlNodePtr list, m;
	size_t i;
	st_rc rc;

	p[0] = DV_STR(today);
	p[1] = DV_INT(l->id);
	if ((rc = db_query(&r->w->db, STMT_MEASURE_LIST, p, 2, 1000, &res)) !=
	    ST_OK)
		return rc;
	list = view_el(parent, "measures", NULL);
	for (i = 0; i < res.nrows; i++) {
		m = view_el(list, "measure", NULL);
		logview_measure_attrs(m, &res, i);
		if (db_get_int(&res, i, 5) == r->who.user_id)
			view_attr(m, "mine", "true");
	}
	db_res_release(&res);
	return ST_OK;
}

void
logview_meeting_attrs(xmlNodePtr m, const struct db_res *res, size_t i)
{
	view_attr(m, "id", db_get(res, i, 1));
	view_attr(m, "starts", db_get(res, i, 3));
	view_attr(m, "place", db_get(res, i, 4));
	view_attr(m, "invited", db_get(res, i, 6));
	view_attr(m, "log", db_get(res, i, 7));
	view_attr(m, "reference", db_get(res, i, 8));
	if (db_get_int(res, i, 9))
		view_attr(m, "family-invited", "true");
	/* planned for the siblings too (0042_family.sql) */
	if (db_get(res, i, 10) != NULL)
		view_attr(m, "family-meeting", "true");
	view_el(m, "agenda", db_get(res, i, 5));
}

/* Columns of STMT_MEETING_ANSWERS. */
enum { MA_MEETING, MA_USER, MA_NAME, MA_FAMILY, MA_ANSWER, MA_NOTE,
	MA_USER_ID, MA_STARTS };

/* Does answer row j's meeting come before the meeting (starts, id) in
 * the lists' order (starts_at, then id, newest first)? A meeting made
 * between the two queries is in the answers only: its rows are passed. */
static int
sooner_in_list(const struct db_res *ans, size_t j, const char *starts,
    long long id)
{
	const char *s = db_get(ans, j, MA_STARTS);
	int c = strcmp(s != NULL ? s : "", starts != NULL ? starts : "");

	return c > 0 || (c == 0 && db_get_int(ans, j, MA_MEETING) > id);
}

/* Is the reader one of the child's family the log can invite? */
static int
family_reader(const struct caselog *l)
{
	return l->role != NULL && (strcmp(l->role, "guardian") == 0 ||
	    strcmp(l->role, "youth") == 0);
}

/*
 * The meetings, each with who is invited and what they answered; a
 * meeting from today on an open log that the reader is invited to (by
 * name, or as the family) says answerable (decided by the day, which
 * the cached lists are keyed by, not by the hour).
 */
static st_rc
meetings(struct req *r, const struct caselog *l, const char *today,
    int archive, xmlNodePtr parent)
{
	struct db_val p[1];
	struct db_res res, ans;
	xmlNodePtr list, m, inv;
	size_t i, j = 0;
	st_rc rc;

	p[0] = DV_INT(l->id);
	if ((rc = db_query(&r->w->db, STMT_MEETING_LIST, p, 1, 1000, &res)) !=
	    ST_OK)
		return rc;
	if ((rc = db_query(&r->w->db, STMT_MEETING_ANSWERS, p, 1, 32000,
	    &ans)) != ST_OK) {
		db_res_release(&res);
		return rc;
	}
	list = view_el(parent, "meetings", NULL);
	for (i = 0; i < res.nrows; i++) {
		const char *starts = db_get(&res, i, 3);
		long long id = db_get_int(&res, i, 0);
		int invited = db_get_int(&res, i, 9) && family_reader(l);

		m = view_el(list, "meeting", NULL);
		logview_meeting_attrs(m, &res, i);
		while (j < ans.nrows && sooner_in_list(&ans, j, starts, id))
			j++;
		for (; j < ans.nrows && db_get_int(&ans, j, MA_MEETING) == id;
		    j++) {
			inv = view_el(m, "invitee", db_get(&ans, j, MA_NOTE));
			view_attr(inv, "id", db_get(&ans, j, MA_USER));
			view_attr(inv, "name", db_get(&ans, j, MA_NAME));
			if (db_get_int(&ans, j, MA_FAMILY))
				view_attr(inv, "family", "true");
			view_attr(inv, "answer", db_get(&ans, j, MA_ANSWER));
			if (!archive && db_get_int(&ans, j, MA_USER_ID) ==
			    r->who.user_id) {
				view_attr(inv, "me", "true");
				invited = 1;
			}
		}
		/* the archive is the record, not what its maker could do */
		if (!archive && invited && l->facts.open && starts != NULL &&
		    strncmp(starts, today, 10) >= 0)
			view_attr(m, "answerable", "true");
	}
	db_res_release(&ans);
	db_res_release(&res);
	return ST_OK;
}

void
logview_minutes_attrs(xmlNodePtr m, const struct db_res *res, size_t i)
{
	view_attr(m, "id", db_get(res, i, 1));
	view_attr(m, "status", db_get(res, i, 5));
	view_attr(m, "author", db_get(res, i, 8));
	logview_local_attr(m, "created", db_get(res, i, 9));
	logview_local_attr(m, "finalised", db_get(res, i, 10));
	view_attr(m, "meeting", db_get(res, i, 11));
	view_attr(m, "corrects", db_get(res, i, 12));
	view_attr(m, "meeting-starts", db_get(res, i, 13));
}

/* Minutes: final ones for all; drafts only for their author. With
 * with_text, each final version's content (the archive). */
static st_rc
minutes(struct req *r, const struct caselog *l, xmlNodePtr parent,
    int with_text)
{
	struct db_val p[1];
	struct db_res res;
	xmlNodePtr list, m;
	size_t i;
	st_rc rc;

	p[0] = DV_INT(l->id);
	if ((rc = db_query(&r->w->db, STMT_MINUTES_LIST, p, 1, 1000, &res)) !=
	    ST_OK)
		return rc;
	list = view_el(parent, "minutes-list", NULL);
	for (i = 0; i < res.nrows && rc == ST_OK; i++) {
		int final = strcmp(db_get(&res, i, 5), "final") == 0;

		if (!final && db_get_int(&res, i, 7) != r->who.user_id)
			continue;
		m = view_el(list, "minutes", NULL);
		logview_minutes_attrs(m, &res, i);
		if (with_text && final) {
			struct db_res one;
			struct db_val q[1];

			q[0] = DV_STR(db_get(&res, i, 1));
			rc = db_query(&r->w->db, STMT_MINUTES_GET, q, 1, 1,
			    &one);
			if (rc != ST_OK)
				break;
			if (one.nrows == 1)
				rc = minutes_view_stored(r,
				    db_get(&one, 0, 14),
				    (unsigned)db_get_int(&one, 0, 15),
				    db_get(&one, 0, 16),
				    db_get_len(&one, 0, 16), NULL, m);
			db_res_release(&one);
		}
	}
	db_res_release(&res);
	return rc;
}

/* Columns of STMT_OUTBOX_LIST_LOG and STMT_OUTBOX_LIST_CONCERN. */
enum { NL_KIND, NL_STATUS, NL_SERVICE, NL_CREATED, NL_PARTNER, NL_REF,
	NL_ANSWER, NL_ANSWER_TEXT, NL_ANSWER_REF, NL_ANSWER_AT, NL_PID,
	NL_CANCELS, NL_RECEIVER, NL_SORT_AT, NL_SORT_ID, NL_TRIED };

st_rc
logview_notices(struct req *r, enum stmt_id sid, long long id,
    xmlNodePtr parent)
{
	struct db_val p[2];
	struct db_res res;
	xmlNodePtr list, n, a;
	size_t i;
	st_rc rc;

	p[0] = DV_INT(id);
	p[1] = DV_INT(id);
	if ((rc = db_query(&r->w->db, sid, p, sid == STMT_OUTBOX_LIST_LOG ||
	    sid == STMT_OUTBOX_LIST_LOG_CITIZEN ? 2 : 1, 200, &res)) != ST_OK)
		return rc;
	list = view_el(parent, "notices", NULL);
	for (i = 0; i < res.nrows; i++) {
		n = view_el(list, "notice", NULL);
		view_attr(n, "id", db_get(&res, i, NL_PID));
		view_attr(n, "kind", db_get(&res, i, NL_KIND));
		view_attr(n, "status", db_get(&res, i, NL_STATUS));
		view_attr(n, "service", db_get(&res, i, NL_SERVICE));
		logview_local_attr(n, "created", db_get(&res, i, NL_CREATED));
		view_attr(n, "partner", db_get(&res, i, NL_PARTNER));
		view_attr(n, "partner-ref", db_get(&res, i, NL_REF));
		view_attr(n, "cancels", db_get(&res, i, NL_CANCELS));
		/* waiting with nobody to take it: "none" or "paused" */
		view_attr(n, "receiver", db_get(&res, i, NL_RECEIVER));
		if (db_get_int(&res, i, NL_TRIED) == 1)
			view_attr(n, "tried", "true");
		if (db_get(&res, i, NL_ANSWER) == NULL)
			continue;
		a = view_el(n, "answer", db_get(&res, i, NL_ANSWER_TEXT));
		view_attr(a, "kind", db_get(&res, i, NL_ANSWER));
		view_attr(a, "reference", db_get(&res, i, NL_ANSWER_REF));
		logview_local_attr(a, "at", db_get(&res, i, NL_ANSWER_AT));
	}
	db_res_release(&res);
	return ST_OK;
}

static st_rc
pending_handover(struct req *r, const struct caselog *l, xmlNodePtr parent)
{
	struct db_val p[1];
	struct db_res res;
	xmlNodePtr h;
	st_rc rc;

	p[0] = DV_INT(l->id);
	if ((rc = db_query(&r->w->db, STMT_HANDOVER_PENDING, p, 1, 1,
	    &res)) != ST_OK)
		return rc;
	if (res.nrows == 1) {
		h = view_el(parent, "handover", db_get(&res, 0, 6));
		logview_handover_attrs(h, &res, 0);
		if (db_get_int(&res, 0, 4) == r->who.user_id)
			view_attr(h, "to-me", "true");
		if (db_get_int(&res, 0, 3) == r->who.user_id ||
		    db_get_int(&res, 0, 15) == r->who.user_id)
			view_attr(h, "mine", "true");
	}
	db_res_release(&res);
	return ST_OK;
}

void
logview_handover_attrs(xmlNodePtr h, const struct db_res *res, size_t i)
{
	view_attr(h, "id", db_get(res, i, 1));
	view_attr(h, "status", db_get(res, i, 5));
	logview_local_attr(h, "created", db_get(res, i, 8));
	logview_local_attr(h, "decided", db_get(res, i, 9));
	view_attr(h, "from", db_get(res, i, 10));
	view_attr(h, "to", db_get(res, i, 11));
	view_attr(h, "to-id", db_get(res, i, 12));
	view_attr(h, "log", db_get(res, i, 13));
	view_attr(h, "reference", db_get(res, i, 14));
	view_attr(h, "answer", db_get(res, i, 7));
}

/*
 * Concerns passed to the log by people outside it, waiting for its
 * holder (or the leader of its unit) to take them in or answer them:
 * read afresh, as the notices are, since they are not part of what the
 * log's version counts. Each is an audited read.
 */
static st_rc
passed(struct req *r, const struct caselog *l, xmlNodePtr parent)
{
	long long ids[100], child_ids[100];
	const char *roles[100];
	char local[LOCAL_TIME_SIZE];
	struct db_val p[1];
	struct db_res res;
	xmlNodePtr list, c;
	size_t i;
	st_rc rc;

	p[0] = DV_INT(l->id);
	if ((rc = db_query(&r->w->db, STMT_CONCERN_PASSED_TO_LOG, p, 1, 100,
	    &res)) != ST_OK)
		return rc;
	list = view_el(parent, "passed", NULL);
	for (i = 0; i < res.nrows; i++) {
		c = view_el(list, "concern", NULL);
		view_attr(c, "id", db_get(&res, i, 0));
		view_attr(c, "reference", db_get(&res, i, 1));
		view_attr(c, "level", db_get(&res, i, 2));
		dates_local(local, db_get(&res, i, 3));
		view_attr(c, "created", local);
		if (db_get_int(&res, i, 4))
			view_attr(c, "urgent", "true");
		view_attr(c, "unit", db_get(&res, i, 5));
		ids[i] = db_get_int(&res, i, 6);
		child_ids[i] = db_get_int(&res, i, 7);
		roles[i] = l->role;
	}
	rc = audit_list(r, "concern", res.nrows, ids, child_ids, roles);
	db_res_release(&res);
	return rc;
}

/* Everyone who could take part or hold the log, for the holder's forms. */
static st_rc
candidates(struct req *r, xmlNodePtr parent)
{
	xmlDocPtr staff;
	xmlNodePtr list, u, p;

	/* Who works here is not a child's data and changes seldom: the
	 * worker keeps the list of the log's municipality (the request's
	 * since the log was loaded), and a new colleague shows in it within
	 * seconds (codelists.h). */
	if ((staff = codelists_fill(r->w, "staff")) == NULL)
		return ST_E_UNAVAILABLE;
	list = view_el(parent, "candidates", NULL);
	for (p = xmlDocGetRootElement(staff)->children; p != NULL;
	    p = p->next) {
		if (p->type != XML_ELEMENT_NODE)
			continue;
		u = view_el(list, "user", NULL);
		codelists_person_attrs(p, u);
	}
	return ST_OK;
}

xmlNodePtr
logview_head(struct req *r, const struct caselog *l, xmlNodePtr parent)
{
	static const struct { const char *name; enum log_right right; }
	    rights[] = {
		{ "note", LR_NOTE }, { "minutes", LR_MINUTES },
		{ "manage", LR_MANAGE }, { "handover", LR_HANDOVER },
		{ "level", LR_LEVEL }, { "withdraw", LR_WITHDRAW },
		{ "close-ask", LR_CLOSE_ASK }, { "access-log", LR_ACCESS_LOG },
		{ "receive", LR_RECEIVE },
	};
	xmlNodePtr n = view_el(parent, "log", NULL), rn;
	size_t i;

	view_attr(n, "id", l->public_id);
	view_attr(n, "reference", l->reference);
	view_attrf(n, "level", "%d", l->level);
	view_attr(n, "level-since", l->level_since);
	view_attr(n, "status", l->status);
	logview_local_attr(n, "created", l->created);
	logview_local_attr(n, "closed", l->closed);
	view_attr(n, "role", l->role);
	view_attr(n, "home-unit", l->home_unit);
	view_attr(n, "holder", l->holder_name);
	view_attr(n, "holder-id", l->holder_pid);
	view_attr(n, "holder-unit", l->holder_unit);
	view_attr(n, "child", l->child_name);
	view_attr(n, "birth-date", l->child_birth);
	view_attr(n, "expected-date", l->child_expected);
	if (l->child_has_nin)
		view_attr(n, "has-number", "true");
	view_attr(n, "family-language", l->family_language);
	if (l->interpreter)
		view_attr(n, "interpreter", "true");
	if (l->facts.child_age >= 0)
		view_attrf(n, "age", "%d", l->facts.child_age);
	rn = view_el(n, "rights", NULL);
	for (i = 0; i < sizeof(rights) / sizeof(rights[0]); i++)
		if (access_log(&r->who, &l->facts, rights[i].right))
			view_attr(rn, rights[i].name, "true");
	return n;
}

/* A family member asked how it went, on a closed log: the way to the
 * form, on n (read afresh, not from the cached lists: answering it
 * changes no log). */
static st_rc
feedback_asked(struct req *r, const struct caselog *l, xmlNodePtr n)
{
	struct db_val p[3];
	struct db_res res;
	st_rc rc;

	if (l->facts.open || !family_reader(l))
		return ST_OK;
	p[0] = DV_INT(l->id);
	p[1] = DV_INT(r->who.user_id);
	p[2] = DV_INT(FEEDBACK_DAYS);
	if ((rc = db_query(&r->w->db, STMT_FEEDBACK_INVITE_FOR_LOG, p, 3, 1,
	    &res)) != ST_OK)
		return rc;
	if (res.nrows == 1)
		view_attr(n, "feedback", db_get(&res, 0, 0));
	db_res_release(&res);
	return ST_OK;
}

/* Does the reader ask for the whole timeline (?timeline=all)? */
static int
timeline_all(struct req *r)
{
	const char *v = fields_get(&r->qs, "timeline");

	return v != NULL && strcmp(v, "all") == 0;
}

/*
 * The lists of the log under n: the guide, the pending handover,
 * participants, consents, measures, meetings, minutes and the timeline.
 * What they show depends on the log's data (its view version and the
 * epoch), the reader (their id and role), the language, the day and what
 * was asked for, and nothing else: lists_key names exactly that. (A list
 * that came to depend on the time of day would have to name it too.)
 */
static st_rc
lists(struct req *r, const struct caselog *l, const char *today,
    xmlNodePtr n, int archive)
{
	char own[DATE_SIZE];
	struct db_val p[2];
	struct db_res ev, kinds;
	long long total = 0;
	size_t i;
	st_rc rc;

	if (today == NULL) {
		dates_today(own);
		today = own;
	}
	/* A long log shows its newest events, the rest on request: the
	 * whole of a two-year case is some 300 KB no reader takes in at
	 * once, and it would cost every read of the page. */
	p[0] = DV_INT(l->id);
	p[1] = DV_INT(archive || timeline_all(r) ? TIMELINE_MAX :
	    TIMELINE_PAGE);
	if ((rc = db_query(&r->w->db, citizen(r) ?
	    STMT_EVENT_KINDS_LOG_CITIZEN : STMT_EVENT_KINDS_LOG, p, 1, 64,
	    &kinds)) != ST_OK)
		return rc;
	for (i = 0; i < kinds.nrows; i++)
		total += db_get_int(&kinds, i, EK_COUNT);
	if ((rc = db_query(&r->w->db, citizen(r) ?
	    STMT_EVENT_PAGE_LOG_CITIZEN : STMT_EVENT_PAGE_LOG, p, 2,
	    TIMELINE_MAX, &ev)) != ST_OK) {
		db_res_release(&kinds);
		return rc;
	}
	rc = guide(r, l, &kinds, n);
	if (rc == ST_OK && !archive)
		rc = pending_handover(r, l, n);
	if (rc == ST_OK)
		rc = participants(r, l, today, n);
	if (rc == ST_OK)
		rc = roles(r, l, n);
	if (rc == ST_OK)
		rc = referral_log_view(r, l->id, n);
	if (rc == ST_OK)
		rc = consents(r, l, today, n);
	if (rc == ST_OK)
		rc = measures(r, l, today, n);
	if (rc == ST_OK)
		rc = meetings(r, l, today, archive, n);
	if (rc == ST_OK)
		rc = minutes(r, l, n, archive);
	if (rc == ST_OK)
		rc = events(r, &ev, total, n);
	db_res_release(&ev);
	db_res_release(&kinds);
	return rc;
}

static void
lists_key(struct req *r, const struct caselog *l, const char *today,
    struct vc_key *key)
{
	struct vc_hash h;

	vc_hash_init(&h, "log-lists/1");
	vc_hash_int(&h, l->id);
	vc_hash_int(&h, l->view_version);
	vc_hash_int(&h, l->view_epoch);
	vc_hash_int(&h, r->who.user_id);
	vc_hash_int(&h, r->who.role);
	vc_hash_int(&h, r->lang);
	/* what the lists take from the log's head (all raise the version;
	 * named too, as they are at hand) */
	vc_hash_int(&h, l->level);
	vc_hash_str(&h, l->level_since);
	vc_hash_int(&h, l->home_unit_id);
	vc_hash_str(&h, l->holder_pid);
	vc_hash_str(&h, l->holder_name);
	vc_hash_str(&h, l->holder_unit);
	/* what the lists compute from the clock (consents in force,
	 * measures overdue, the guide's due dates) is by the day */
	vc_hash_str(&h, today);
	vc_hash_int(&h, timeline_all(r));
	vc_hash_final(&h, key);
}

/* Do two documents serialise to the same bytes? */
static int
same_doc(xmlDocPtr a, xmlDocPtr b)
{
	struct vc_hash h;
	struct vc_key ka, kb;

	vc_hash_init(&h, "");
	if (vc_hash_doc(&h, a) != ST_OK)
		return 0;
	vc_hash_final(&h, &ka);
	vc_hash_init(&h, "");
	if (vc_hash_doc(&h, b) != ST_OK)
		return 0;
	vc_hash_final(&h, &kb);
	return memcmp(ka.b, kb.b, VC_KEY_LEN) == 0;
}

/*
 * In verify mode a kept copy that differs from a fresh one is stale,
 * unless the log changed since this request read its version (a change
 * committed in between): then neither is wrong.
 */
static st_rc
changed_since(struct req *r, const struct caselog *l, int *changed)
{
	struct db_val p[1];
	struct db_res res;
	st_rc rc;

	p[0] = DV_INT(l->id);
	if ((rc = db_query(&r->w->db, STMT_LOG_VIEW_VERSION, p, 1, 1, &res)) !=
	    ST_OK)
		return rc;
	*changed = res.nrows != 1 ||
	    db_get_int(&res, 0, 0) != l->view_version ||
	    db_get_int(&res, 0, 1) != l->view_epoch;
	db_res_release(&res);
	return ST_OK;
}

/*
 * The lists, kept (viewcache.h): on a hit nothing is read from the
 * database, and n gets an empty <kept-lists/> that view.c replaces with
 * a copy of them when the page is not kept either. On a miss they are
 * made, kept, and stood for the same way.
 */
static st_rc
lists_kept(struct req *r, const struct caselog *l, xmlNodePtr n)
{
	struct viewcache *vc = r->w->vc;
	char today[DATE_SIZE];
	struct vc_key key;
	struct vc_entry *e;
	xmlDocPtr fresh;
	xmlNodePtr root, c;
	int changed;
	st_rc rc;

	/* The guide and the staff list are kept a few seconds on their
	 * own (db_query_cached); an epoch that moved may mean they did. */
	if (vc->epoch != l->view_epoch) {
		db_cache_drop(&r->w->db, STMT_GUIDE_LEVELS);
		db_cache_drop(&r->w->db, STMT_GUIDE_STEPS);
		db_cache_drop(&r->w->db, STMT_GUIDE_LEVEL0_DAYS);
		codelists_stale(r->w->codes);
		vc->epoch = l->view_epoch;
	}
	dates_today(today);
	lists_key(r, l, today, &key);
	e = vc_get(vc, &key);
	metrics_view_cache(r->w->metrics, MVC_LISTS, e != NULL ? MVC_HIT :
	    MVC_MISS);
	if (e == NULL || vc->verify) {
		/* a check reads the guide afresh too */
		if (e != NULL) {
			db_cache_drop(&r->w->db, STMT_GUIDE_LEVELS);
			db_cache_drop(&r->w->db, STMT_GUIDE_STEPS);
		db_cache_drop(&r->w->db, STMT_GUIDE_LEVEL0_DAYS);
		}
		fresh = xmlNewDoc(BAD_CAST "1.0");
		root = xmlNewDocNode(fresh, NULL, BAD_CAST "kept-lists", NULL);
		xmlDocSetRootElement(fresh, root);
		if ((rc = lists(r, l, today, root, 0)) != ST_OK) {
			xmlFreeDoc(fresh);
			return rc;
		}
		if (e != NULL && !same_doc(e->doc, fresh)) {
			if ((rc = changed_since(r, l, &changed)) != ST_OK) {
				xmlFreeDoc(fresh);
				return rc;
			}
			if (!changed) {
				metrics_view_cache(r->w->metrics, MVC_LISTS,
				    MVC_STALE);
				log_err("view cache: stale lists of log %s "
				    "(version %lld, epoch %lld)", l->public_id,
				    l->view_version, l->view_epoch);
			}
			e = NULL;
		}
		if (e != NULL)
			xmlFreeDoc(fresh);
		else if ((e = vc_put_doc(vc, &key, fresh)) == NULL) {
			/* not kept (too big): moved into the page */
			pool_add(&r->pool, view_free_doc, fresh);
			while ((c = root->children) != NULL) {
				xmlUnlinkNode(c);
				if (xmlAddChild(n, c) == NULL) {
					xmlFreeNode(c);
					return ST_E_NOMEM;
				}
			}
			return ST_OK;
		}
	}
	vc_pin(e);
	pool_add(&r->pool, vc_unpin, e);
	r->lists = e;
	r->lists_at = view_el(n, "kept-lists", NULL);
	return ST_OK;
}

st_rc
logview_build(struct req *r, const struct caselog *l, xmlNodePtr parent,
    int archive, xmlNodePtr *out)
{
	xmlNodePtr n = logview_head(r, l, parent);
	st_rc rc;

	*out = n;
	if (archive || r->w->vc == NULL || r->w->vc->max_bytes == 0 ||
	    r->lists != NULL)
		rc = lists(r, l, NULL, n, archive);
	else
		rc = lists_kept(r, l, n);
	/* A notice's state changes without the log's version (notify
	 * delivers it, the partner answers): read afresh. */
	if (rc == ST_OK)
		rc = logview_notices(r, l->concern_notices ? (citizen(r) ?
		    STMT_OUTBOX_LIST_LOG_CITIZEN : STMT_OUTBOX_LIST_LOG) :
		    citizen(r) ? STMT_OUTBOX_LIST_LOG_ONLY_CITIZEN :
		    STMT_OUTBOX_LIST_LOG_ONLY, l->id, n);
	if (rc == ST_OK && !archive && access_log(&r->who, &l->facts,
	    LR_MANAGE))
		rc = candidates(r, n);
	/* the siblings' logs this reader may read: the siblings' consents,
	 * not this log's version, decide that */
	if (rc == ST_OK && !archive)
		rc = family_log_view(r, l, n);
	/* the teams it may be referred to: theirs, not the log's version */
	if (rc == ST_OK && !archive && access_log(&r->who, &l->facts,
	    LR_MANAGE))
		rc = referral_teams_view(r, l, n);
	if (rc == ST_OK && !archive && l->passed_waiting &&
	    access_log(&r->who, &l->facts, LR_RECEIVE))
		rc = passed(r, l, n);
	if (rc == ST_OK && !archive)
		rc = feedback_asked(r, l, n);
	return rc;
}
