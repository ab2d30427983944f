/* team.c: a team as its reader may see it (team.h). */
#include "config.h"

#include <string.h>

#include "caselog.h"
#include "dates.h"
#include "route.h"
#include "secure.h"
#include "team.h"
#include "view.h"
#include "worker.h"

void
team_facts_of(const struct db_res *res, size_t i, struct team_facts *f)
{
	const char *role = db_get(res, i, TC_MY_ROLE);

	memset(f, 0, sizeof(*f));
	f->municipality_id = db_get_int(res, i, TC_MUNICIPALITY);
	f->member = role != NULL;
	f->leader = role != NULL && strcmp(role, "leader") == 0;
	f->active = db_get_int(res, i, TC_ACTIVE) != 0;
}

st_rc
team_load(struct req *r, const char *pid, enum team_right right,
    struct team_row *t, int *ok)
{
	char today[DATE_SIZE];
	struct db_val p[4];
	st_rc rc;

	memset(t, 0, sizeof(*t));
	*ok = 0;
	if (pid == NULL || !secure_is_id(pid))
		return resp_not_found(r);
	dates_today(today);
	caselog_reader(r, today, p);
	p[3] = DV_STR(pid);
	if ((rc = db_query(&r->w->db, STMT_TEAM_GET, p, 4, 1, &t->res)) !=
	    ST_OK)
		return rc;
	if (t->res.nrows == 1)
		team_facts_of(&t->res, 0, &t->facts);
	if (t->res.nrows != 1 || !access_team(&r->who, &t->facts, right)) {
		team_release(t);
		return resp_not_found(r);
	}
	t->id = db_get_int(&t->res, 0, TC_ID);
	*ok = 1;
	return ST_OK;
}

st_rc
team_list(struct req *r, struct db_res *res)
{
	char today[DATE_SIZE];
	struct db_val p[4];

	dates_today(today);
	caselog_reader(r, today, p);
	p[3] = DV_INT(r->who.municipality_id);
	return db_query(&r->w->db, STMT_TEAM_LIST, p, 4, 1000, res);
}

void
team_release(struct team_row *t)
{
	db_res_release(&t->res);
	memset(t, 0, sizeof(*t));
}

void
team_attrs(const struct req *r, xmlNodePtr n, const struct db_res *res,
    size_t i)
{
	view_attr(n, "id", db_get(res, i, TC_PID));
	view_attr(n, "kind", db_get(res, i, TC_KIND));
	view_attr(n, "name", db_get(res, i, TC_NAME));
	view_attr(n, "purpose", db_get(res, i, TC_PURPOSE));
	view_attr(n, "meets", db_get(res, i, TC_MEETS));
	view_attr(n, "capacity-families", db_get(res, i, TC_CAPACITY));
	view_attr(n, "active", db_get_int(res, i, TC_ACTIVE) ? "true" :
	    "false");
	view_time_attr(r, n, "created", db_get(res, i, TC_CREATED));
	view_attr(n, "members", db_get(res, i, TC_MEMBERS));
	view_attr(n, "my-role", db_get(res, i, TC_MY_ROLE));
	view_attr(n, "next-meeting", db_get(res, i, TC_NEXT));
	view_attr(n, "unit-id", db_get(res, i, TC_HOST_PID));
	view_attr(n, "unit", db_get(res, i, TC_HOST_NAME));
}
