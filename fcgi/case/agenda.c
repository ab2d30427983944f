/* agenda.c: a discussion team's agenda as its readers see it
 * (agenda.h). */
#include "config.h"

#include <string.h>

#include "agenda.h"
#include "dates.h"
#include "db.h"
#include "view.h"
#include "worker.h"

const char *
agenda_state(const char *item_status, const char *concern_status, int in_log)
{
	if (item_status == NULL)
		return "withdrawn";
	if (strcmp(item_status, "waiting") != 0)
		return item_status;
	if (concern_status == NULL || strcmp(concern_status, "open") != 0 ||
	    in_log)
		return "decided";
	return "waiting";
}

/* Columns of STMT_AGENDA_FOR_CONCERN. */
enum { AC_PID, AC_TEAM, AC_TEAM_PID, AC_STARTS, AC_PLACE, AC_STATUS,
	AC_ADVICE, AC_ADVISED_BY, AC_ADVISED_AT, AC_PUT_BY };

st_rc
agenda_concern_view(struct req *r, long long concern_id,
    const char *concern_status, int in_log, long long municipality_id,
    int can_put, xmlNodePtr c)
{
	struct db_val p[2];
	struct db_res res;
	char today[DATE_SIZE];
	xmlNodePtr n;
	size_t i;
	st_rc rc;

	p[0] = DV_INT(concern_id);
	if ((rc = db_query(&r->w->db, STMT_AGENDA_FOR_CONCERN, p, 1, 100,
	    &res)) != ST_OK)
		return rc;
	for (i = 0; i < res.nrows; i++) {
		n = view_el(c, "agenda-item", NULL);
		view_attr(n, "id", db_get(&res, i, AC_PID));
		view_attr(n, "team", db_get(&res, i, AC_TEAM));
		view_attr(n, "team-id", db_get(&res, i, AC_TEAM_PID));
		view_attr(n, "starts", db_get(&res, i, AC_STARTS));
		view_attr(n, "place", db_get(&res, i, AC_PLACE));
		view_attr(n, "status", agenda_state(db_get(&res, i,
		    AC_STATUS), concern_status, in_log));
		view_attr(n, "put-by", db_get(&res, i, AC_PUT_BY));
		if (db_get(&res, i, AC_ADVICE) != NULL) {
			xmlNodePtr a = view_el(n, "advice",
			    db_get(&res, i, AC_ADVICE));

			view_attr(a, "by", db_get(&res, i, AC_ADVISED_BY));
			view_time_attr(r, a, "at",
			    db_get(&res, i, AC_ADVISED_AT));
		}
	}
	db_res_release(&res);
	if (!can_put)
		return ST_OK;
	dates_today(today);
	p[0] = DV_INT(municipality_id);
	p[1] = DV_STR(today);
	if ((rc = db_query(&r->w->db, STMT_AGENDA_MEETINGS_OPEN, p, 2, 200,
	    &res)) != ST_OK)
		return rc;
	for (i = 0; i < res.nrows; i++) {
		n = view_el(c, "open-meeting", NULL);
		view_attr(n, "id", db_get(&res, i, 0));
		view_attr(n, "team", db_get(&res, i, 1));
		view_attr(n, "starts", db_get(&res, i, 2));
		view_attr(n, "place", db_get(&res, i, 3));
	}
	db_res_release(&res);
	return ST_OK;
}
