/* family.c: a log's siblings as its reader may see them (family.h). */
#include "config.h"

#include "access.h"
#include "caselog.h"
#include "dates.h"
#include "db.h"
#include "family.h"
#include "view.h"
#include "worker.h"

/* Columns of STMT_FAMILY_SIBLINGS. */
enum { FS_PID, FS_REF, FS_CHILD, FS_ID, FS_FACTS };

st_rc
family_log_view(struct req *r, const struct caselog *l, xmlNodePtr parent)
{
	struct db_val p[4];
	struct db_res res;
	struct log_facts f;
	char today[DATE_SIZE];
	xmlNodePtr fam = NULL, s;
	size_t i;
	st_rc rc;

	dates_today(today);
	caselog_reader(r, today, p);
	p[3] = DV_INT(l->id);
	if ((rc = db_query(&r->w->db, STMT_FAMILY_SIBLINGS, p, 4, 50,
	    &res)) != ST_OK)
		return rc;
	for (i = 0; i < res.nrows; i++) {
		(void)caselog_facts(&res, i, FS_FACTS, today, &f);
		if (!access_log(&r->who, &f, LR_READ))
			continue;
		if (fam == NULL)
			fam = view_el(parent, "family", NULL);
		s = view_el(fam, "sibling", NULL);
		view_attr(s, "log", db_get(&res, i, FS_PID));
		view_attr(s, "reference", db_get(&res, i, FS_REF));
		view_attr(s, "child", db_get(&res, i, FS_CHILD));
	}
	/* the holder may take the log out of a family whose other logs
	 * they may not read: they are told it is in one */
	if (res.nrows > 0 && fam == NULL && access_log(&r->who, &l->facts,
	    LR_MANAGE))
		fam = view_el(parent, "family", NULL);
	db_res_release(&res);
	return ST_OK;
}
