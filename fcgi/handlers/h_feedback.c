/* h_feedback.c: the family's feedback when a relay log closes, and the
 * service's counts of it (issue 20, item 9; fcgi/case/feedback.h). */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "caselog.h"
#include "dates.h"
#include "feedback.h"
#include "handlers.h"
#include "i18n.h"
#include "route.h"
#include "secure.h"
#include "utf8.h"
#include "view.h"
#include "worker.h"

/* Columns of STMT_FEEDBACK_INVITE_GET. */
enum { FI_ID, FI_USER, FI_UNIT, FI_UNIT_NAME, FI_ASKED, FI_ANSWERED,
	FI_OPEN };

/* Halves of a year shown on the service's page, the last first. */
#define HALVES	4
/* Comments shown for a unit in a half-year (the page says when there
 * are more). */
#define COMMENTS_SHOWN	200

/* The invitation in r->arg, if it is the user's: *found = 0 (and a 404
 * already answered) otherwise, the same for one that is not there. */
static st_rc
invitation(struct req *r, struct db_res *res, int *found)
{
	struct db_val p[2];
	st_rc rc;

	*found = 0;
	p[0] = DV_INT(FEEDBACK_DAYS);
	p[1] = DV_STR(r->arg);
	if ((rc = db_query(&r->w->db, STMT_FEEDBACK_INVITE_GET, p, 2, 1,
	    res)) != ST_OK)
		return rc;
	if (res->nrows != 1 || db_get_int(res, 0, FI_USER) != r->who.user_id) {
		db_res_release(res);
		return resp_not_found(r);
	}
	*found = 1;
	return ST_OK;
}

/* The form page (or the API's document) for the invitation in res,
 * with field's error message when field is not NULL. */
static st_rc
form_page(struct req *r, const struct db_res *res, int status,
    const char *field, const char *message)
{
	xmlNodePtr root, f, q, e;
	size_t i;

	if (req_is_api(r) && field != NULL)
		return view_send_field_error(r, status, field, message);
	root = req_is_api(r) ? view_doc(r, "feedback") : view_page(r,
	    "feedback");
	f = req_is_api(r) ? root : view_el(root, "feedback", NULL);
	view_attr(f, "id", r->arg);
	view_attr(f, "unit", db_get(res, 0, FI_UNIT_NAME));
	view_time_attr(r, f, "asked", db_get(res, 0, FI_ASKED));
	view_attrf(f, "days", "%d", FEEDBACK_DAYS);
	if (db_get_int(res, 0, FI_ANSWERED))
		view_attr(f, "answered", "true");
	else if (!db_get_int(res, 0, FI_OPEN))
		view_attr(f, "closed", "true");
	for (i = 0; i < FEEDBACK_NQ; i++) {
		q = view_el(f, "question", _(feedback_questions[i].text));
		view_attr(q, "id", feedback_questions[i].id);
	}
	if (field != NULL) {
		e = view_el(root, "error", message);
		view_attr(e, "field", field);
		view_typed(r, root, "form", "feedback");
	}
	return view_send(r, status, root);
}

/* ROUTE: GET /feedback/{id} */
/* ROUTE: GET /api/v1/feedback/{id} */
st_rc
h_feedback_show(struct req *r)
{
	struct db_res res;
	int found;
	st_rc rc;

	if ((rc = invitation(r, &res, &found)) != ST_OK || !found)
		return rc;
	rc = form_page(r, &res, 200, NULL, NULL);
	db_res_release(&res);
	return rc;
}

/* An answer to one question: "" (not answered: *v = 0) or 1 to 5. */
static int
scale(const char *s, int *v)
{
	*v = 0;
	if (s == NULL || *s == '\0')
		return 1;
	if (s[0] < '1' || s[0] > '5' || s[1] != '\0')
		return 0;
	*v = s[0] - '0';
	return 1;
}

/*
 * The answers are stored with the service and the month only, in the
 * same transaction as the invitation is marked answered: once, and never
 * tied to the family. No audit row names it: the answer is not the
 * child's data, and a row with the time would tie it.
 */
/* ROUTE: POST /feedback/{id} */
/* ROUTE: POST /api/v1/feedback/{id} */
st_rc
h_feedback_answer(struct req *r)
{
	const char *comment = req_input(r, "comment");
	char today[DATE_SIZE], period[8], pid[SECURE_ID_SIZE], loc[128];
	struct db_val p[FEEDBACK_NQ + 4];
	unsigned long long n = 0;
	struct db_res res;
	int v[FEEDBACK_NQ], found, any = 0;
	size_t i;
	st_rc rc;

	if ((rc = invitation(r, &res, &found)) != ST_OK || !found)
		return rc;
	if (db_get_int(&res, 0, FI_ANSWERED)) {
		rc = caselog_conflict(r, _("You have answered already. Thank you."));
		goto out;
	}
	if (!db_get_int(&res, 0, FI_OPEN)) {
		rc = caselog_conflict(r, _("The time to answer is over."));
		goto out;
	}
	for (i = 0; i < FEEDBACK_NQ; i++) {
		if (!scale(req_input(r, feedback_questions[i].id), &v[i])) {
			rc = form_page(r, &res, 422, feedback_questions[i].id,
			    _("Choose from 1 (disagree) to 5 (agree), or do not know."));
			goto out;
		}
		any |= v[i] != 0;
	}
	if (comment != NULL && utf8_chars(comment) > FEEDBACK_COMMENT_MAX) {
		rc = form_page(r, &res, 422, "comment",
		    _("Write at most 2000 characters."));
		goto out;
	}
	if (comment != NULL && strspn(comment, " \t\r\n") == strlen(comment))
		comment = NULL;
	if (!any && comment == NULL) {
		rc = form_page(r, &res, 422, feedback_questions[0].id,
		    _("Answer at least one question, or write what could have been better."));
		goto out;
	}
	dates_today(today);
	snprintf(period, sizeof(period), "%.7s", today);
	secure_random_id(pid);
	if ((rc = db_begin(&r->w->db)) != ST_OK)
		goto out;
	p[0] = DV_INT(db_get_int(&res, 0, FI_ID));
	rc = db_exec(&r->w->db, STMT_FEEDBACK_INVITE_ANSWERED, p, 1, &n, NULL);
	if (rc == ST_OK && n == 0)
		rc = ST_E_CONFLICT;
	p[0] = DV_STR(pid);
	p[1] = DV_INT(db_get_int(&res, 0, FI_UNIT));
	p[2] = DV_STR(period);
	for (i = 0; i < FEEDBACK_NQ; i++)
		p[3 + i] = v[i] != 0 ? DV_INT(v[i]) : DV_NULL;
	p[3 + FEEDBACK_NQ] = DV_OPT(comment);
	if (rc == ST_OK)
		rc = db_exec(&r->w->db, STMT_FEEDBACK_ADD, p, FEEDBACK_NQ + 4,
		    NULL, NULL);
	if (rc != ST_OK) {
		db_rollback(&r->w->db);
		if (rc == ST_E_CONFLICT)
			rc = caselog_conflict(r, _("You have answered already. Thank you."));
		goto out;
	}
	if ((rc = db_commit(&r->w->db)) != ST_OK)
		goto out;
	snprintf(loc, sizeof(loc), "%s/feedback/%s", req_is_api(r) ?
	    "/api/v1" : "", r->arg);
	rc = resp_done_note(r, 201, loc, "feedback-given");
out:
	db_res_release(&res);
	return rc;
}

/* Columns of STMT_FEEDBACK_SUMMARY: then answered, sum, agreed for each
 * question. */
enum { FS_UNIT, FS_NAME, FS_ANSWERS, FS_Q };

/* One unit's figures in a half-year, under list. */
static st_rc
unit_figures(struct req *r, const struct db_res *res, size_t row,
    const char *from, const char *to, xmlNodePtr list)
{
	long long answers = db_get_int(res, row, FS_ANSWERS);
	xmlNodePtr u, q;
	struct db_val p[3];
	struct db_res com;
	size_t i;
	st_rc rc;

	u = view_el(list, "unit", NULL);
	view_attr(u, "name", db_get(res, row, FS_NAME));
	if (answers < FEEDBACK_MIN) {
		view_attr(u, "suppressed", "true");
		return ST_OK;
	}
	view_attrf(u, "answers", "%lld", answers);
	for (i = 0; i < FEEDBACK_NQ; i++) {
		long long k = db_get_int(res, row, FS_Q + 3 * i);
		long long sum = db_get_int(res, row, FS_Q + 3 * i + 1);
		long long agree = db_get_int(res, row, FS_Q + 3 * i + 2);

		q = view_el(u, "question", _(feedback_questions[i].text));
		view_attr(q, "id", feedback_questions[i].id);
		if (k < FEEDBACK_MIN) {
			view_attr(q, "suppressed", "true");
			continue;
		}
		view_attrf(q, "answered", "%lld", k);
		/* one decimal, as a page shows it, rounded half up */
		view_attrf(q, "mean", "%lld.%lld", (sum * 10 + k / 2) / k / 10,
		    (sum * 10 + k / 2) / k % 10);
		view_attrf(q, "agree", "%lld", (agree * 100 + k / 2) / k);
	}
	p[0] = DV_INT(db_get_int(res, row, FS_UNIT));
	p[1] = DV_STR(from);
	p[2] = DV_STR(to);
	if ((rc = db_query(&r->w->db, STMT_FEEDBACK_COMMENTS, p, 3,
	    COMMENTS_SHOWN + 1, &com)) != ST_OK)
		return rc;
	for (i = 0; i < com.nrows && i < COMMENTS_SHOWN; i++)
		view_el(u, "comment", db_get(&com, i, 0));
	if (com.nrows > COMMENTS_SHOWN)
		view_attrf(u, "comments-shown", "%d", COMMENTS_SHOWN);
	db_res_release(&com);
	return ST_OK;
}

/*
 * What the families answered, counted per service and half-year: a
 * leader sees their unit, an administrator every unit of the
 * municipality; nobody else (404). Only halves that are over, each on
 * its own, and a unit or a question only with FEEDBACK_MIN answers.
 */
/* ROUTE: GET /feedback */
/* ROUTE: GET /api/v1/feedback */
st_rc
h_feedback_summary(struct req *r)
{
	char today[DATE_SIZE], from[8], to[8], name[8];
	xmlNodePtr root, s, half;
	struct db_val p[5];
	struct db_res res;
	long long unit = 0;
	unsigned h;
	size_t i;
	st_rc rc = ST_OK;

	if (r->who.role == ROLE_LEADER && r->who.unit_id != 0)
		unit = r->who.unit_id;
	else if (r->who.role != ROLE_ADMIN)
		return resp_not_found(r);
	root = req_is_api(r) ? view_doc(r, "feedback-summary") :
	    view_page(r, "feedback-summary");
	s = req_is_api(r) ? root : view_el(root, "feedback-summary", NULL);
	view_attr(s, "scope", unit != 0 ? "unit" : "municipality");
	view_attrf(s, "min", "%d", FEEDBACK_MIN);
	for (i = 0; i < FEEDBACK_NQ; i++)
		view_attr(view_el(s, "question", _(feedback_questions[i].text)),
		    "id", feedback_questions[i].id);
	dates_today(today);
	for (h = 0; h < HALVES && rc == ST_OK; h++) {
		feedback_half(today, h, from, to, name);
		half = view_el(s, "half", NULL);
		view_attr(half, "id", name);
		view_attr(half, "from", from);
		view_attr(half, "to", to);
		p[0] = DV_INT(r->who.municipality_id);
		p[1] = DV_INT(unit);
		p[2] = DV_INT(unit);
		p[3] = DV_STR(from);
		p[4] = DV_STR(to);
		if ((rc = db_query(&r->w->db, STMT_FEEDBACK_SUMMARY, p, 5, 500,
		    &res)) != ST_OK)
			break;
		for (i = 0; i < res.nrows && rc == ST_OK; i++)
			rc = unit_figures(r, &res, i, from, to, half);
		db_res_release(&res);
	}
	if (rc != ST_OK)
		return rc;
	return view_send(r, 200, root);
}
