/* h_home.c: the start page: what needs my attention. */
#include "config.h"

#include <string.h>

#include "db.h"
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

/* ROUTE: GET / */
st_rc
h_home(struct req *r)
{
	xmlNodePtr page = view_page(r, "home");
	st_rc rc;

	if ((rc = concerns(r, page)) != ST_OK)
		return rc;
	if (r->who.role == ROLE_LEADER || r->who.role == ROLE_EMPLOYEE) {
		if ((rc = drafts(r, page)) != ST_OK)
			return rc;
		forms(r, page);
	}
	return view_send(r, 200, page);
}
