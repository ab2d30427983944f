/* h_guide.c: the action guide (handlingsveileder) as the administrator
 * edits it: the steps of each level, their tools and deadlines. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "db.h"
#include "form.h"
#include "handlers.h"
#include "i18n.h"
#include "logview.h"
#include "route.h"
#include "view.h"
#include "worker.h"

static st_rc
guide_page(struct req *r, int status, const char *step, const char *field,
    const char *message)
{
	struct db_res lv, st;
	xmlNodePtr root, g, l, s, e;
	size_t i, j;
	st_rc rc;

	if ((rc = db_query(&r->w->db, STMT_GUIDE_LEVELS, NULL, 0, 16, &lv)) !=
	    ST_OK)
		return rc;
	if ((rc = db_query(&r->w->db, STMT_GUIDE_STEPS, NULL, 0, 100000,
	    &st)) != ST_OK) {
		db_res_release(&lv);
		return rc;
	}
	root = req_is_api(r) ? view_doc(r, "guide") : view_page(r, "guide");
	g = req_is_api(r) ? root : view_el(root, "guide", NULL);
	for (i = 0; i < lv.nrows; i++) {
		const char *lang;

		l = view_el(g, "level", NULL);
		view_attr(l, "n", db_get(&lv, i, 0));
		view_attr(l, "name", logview_guide_text(r, db_get(&lv, i, 1),
		    db_get(&lv, i, 2), &lang));
		view_attr(l, "name-lang", lang);
		for (j = 0; j < st.nrows; j++) {
			if (db_get_int(&st, j, 1) != db_get_int(&lv, i, 0) ||
			    db_get_int(&st, j, 7) != r->who.municipality_id)
				continue;
			s = view_el(l, "step", NULL);
			view_attr(s, "id", db_get(&st, j, 0));
			view_attr(s, "n", db_get(&st, j, 2));
			view_attr(s, "form", db_get(&st, j, 5));
			view_attr(s, "days", db_get(&st, j, 6));
			view_el(s, "title-nb", db_get(&st, j, 3));
			view_el(s, "title-en", db_get(&st, j, 4));
		}
	}
	db_res_release(&lv);
	db_res_release(&st);
	if (!req_is_api(r)) {
		const struct formset *fs = r->w->forms;
		xmlNodePtr forms = view_el(root, "forms", NULL), f;

		for (i = 0; i < fs->n; i++) {
			if (formset_current(fs, fs->v[i]->id) != fs->v[i])
				continue;
			f = view_el(forms, "form", NULL);
			view_attr(f, "id", fs->v[i]->id);
			view_attr(f, "title", form_text(fs->v[i]->root, FORM_NS,
			    "title", r->lang));
		}
	}
	if (field != NULL) {
		e = view_el(root, "error", message);
		view_attr(e, "field", field);
		view_attr(e, "step", step);
		/* what the administrator typed, to show again */
		view_typed(r, root, "step", step);
	}
	return view_send(r, status, root);
}

/* ROUTE: GET /admin/guide */
/* ROUTE: GET /api/v1/guide */
st_rc
h_guide_show(struct req *r)
{
	return guide_page(r, 200, NULL, NULL, NULL);
}

/* The step's fields from the request; 422 (responded) when wrong. */
static st_rc
step_input(struct req *r, const char *step, struct db_val *p, int *ok)
{
	const char *nb = req_input(r, "title_nb");
	const char *en = req_input(r, "title_en");
	const char *form = req_input(r, "form");
	const char *days = req_input(r, "days");
	char *end;
	long d = 0;

	*ok = 0;
	if (nb == NULL || *nb == '\0' || strlen(nb) > 500)
		return guide_page(r, 422, step, "title_nb",
		    _("Describe the step in Norwegian (at most 500 characters)."));
	if (en == NULL || *en == '\0' || strlen(en) > 500)
		return guide_page(r, 422, step, "title_en",
		    _("Describe the step in English (at most 500 characters)."));
	if (form != NULL && *form != '\0' &&
	    formset_current(r->w->forms, form) == NULL)
		return guide_page(r, 422, step, "form",
		    _("There is no such form."));
	if (days != NULL && *days != '\0') {
		d = strtol(days, &end, 10);
		if (*end != '\0' || d < 0 || d > 3650)
			return guide_page(r, 422, step, "days",
			    _("The deadline is a number of days, 0 to 3650, or empty."));
	}
	p[0] = DV_STR(nb);
	p[1] = DV_STR(en);
	p[2] = DV_OPT(form != NULL && *form != '\0' ? form : NULL);
	p[3] = days != NULL && *days != '\0' ? DV_INT(d) : DV_NULL;
	*ok = 1;
	return ST_OK;
}

/*
 * The end of a change to the guide begun with db_begin (rc: how the
 * change went): its audit row and the commit, or the rollback of both,
 * then the answer. The guide holds no child's data, but it decides the
 * deadlines every case is held to: who changed it, and when, is recorded
 * as every administrative change is (the partners' too).
 */
static st_rc
commit_change(struct req *r, st_rc rc, const char *action, long long step,
    int status)
{
	if (rc == ST_OK)
		rc = audit_log(r, action, "guide_step", step, 0);
	if (rc == ST_OK)
		rc = db_commit(&r->w->db);
	if (rc != ST_OK) {
		db_rollback(&r->w->db);
		return rc;
	}
	/* This worker's log pages show it at once (others within the few
	 * seconds they keep it, see logview.c). */
	db_cache_drop(&r->w->db, STMT_GUIDE_LEVELS);
	db_cache_drop(&r->w->db, STMT_GUIDE_STEPS);
	db_cache_drop(&r->w->db, STMT_GUIDE_LEVEL0_DAYS);
	return resp_done(r, status, "/admin/guide");
}

/*
 * Begin a change to the step with public id pid: the transaction, and
 * the step's row id (locked) in *step; 0 with the transaction rolled
 * back and 404 answered when there is no such step.
 */
static st_rc
begin_step(struct req *r, const char *pid, long long *step)
{
	struct db_val p[2];
	struct db_res res;
	st_rc rc;

	*step = 0;
	if ((rc = db_begin(&r->w->db)) != ST_OK)
		return rc;
	p[0] = DV_STR(pid);
	p[1] = DV_INT(r->who.municipality_id);
	if ((rc = db_query(&r->w->db, STMT_GUIDE_STEP_ID, p, 2, 1, &res)) !=
	    ST_OK) {
		db_rollback(&r->w->db);
		return rc;
	}
	if (res.nrows == 1)
		*step = db_get_int(&res, 0, 0);
	db_res_release(&res);
	if (*step == 0) {
		db_rollback(&r->w->db);
		return resp_error(r, 404, _("There is no such step."));
	}
	return ST_OK;
}

/* ROUTE: POST /admin/guide/steps/{id} */
st_rc
h_guide_step_update(struct req *r)
{
	struct db_val p[5];
	long long step;
	int ok;
	st_rc rc;

	if ((rc = step_input(r, r->arg, p, &ok)) != ST_OK || !ok)
		return rc;
	if ((rc = begin_step(r, r->arg, &step)) != ST_OK || step == 0)
		return rc;
	p[4] = DV_STR(r->arg);
	rc = db_exec(&r->w->db, STMT_GUIDE_STEP_UPDATE, p, 5, NULL, NULL);
	return commit_change(r, rc, "update", step, 200);
}

/* ROUTE: POST /admin/guide/steps */
st_rc
h_guide_step_add(struct req *r)
{
	const char *lv = req_input(r, "level");
	struct db_val p[7], q[5];
	char pid[SECURE_ID_SIZE];
	unsigned long long n = 0, step = 0;
	int ok;
	st_rc rc;

	if (lv == NULL || strlen(lv) != 1 || lv[0] < '0' || lv[0] > '3')
		return guide_page(r, 422, "new", "level",
		    _("Choose level 0, 1, 2 or 3."));
	if ((rc = step_input(r, "new", q, &ok)) != ST_OK || !ok)
		return rc;
	secure_random_id(pid);
	memcpy(&p[0], q, 4 * sizeof(q[0]));
	p[4] = DV_INT(r->who.municipality_id);
	p[5] = DV_STR(pid);
	p[6] = DV_INT(lv[0] - '0');
	if ((rc = db_begin(&r->w->db)) != ST_OK)
		return rc;
	rc = db_exec(&r->w->db, STMT_GUIDE_STEP_INSERT, p, 7, &n, &step);
	if (rc == ST_OK && n != 1)
		rc = ST_E_INTERNAL;	/* the level was checked above */
	return commit_change(r, rc, "create", (long long)step, 201);
}

/* ROUTE: POST /admin/guide/steps/{id}/delete */
st_rc
h_guide_step_delete(struct req *r)
{
	struct db_val p[1];
	long long step;
	st_rc rc;

	if ((rc = begin_step(r, r->arg, &step)) != ST_OK || step == 0)
		return rc;
	p[0] = DV_STR(r->arg);
	rc = db_exec(&r->w->db, STMT_GUIDE_STEP_DELETE, p, 1, NULL, NULL);
	return commit_change(r, rc, "delete", step, 200);
}
