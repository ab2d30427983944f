/* team.h: a team of the municipality, as its reader may see it
 * (sql/0040_team.sql; the rules in access.h, access_team). */
#ifndef ST_TEAM_H
#define ST_TEAM_H

#include "access.h"
#include "db.h"
#include "req.h"
#include "result.h"

/* Bytes of a team's name with its end: 200 characters of up to four
 * bytes each (UTF-8), so a copy never cuts a character in half. */
#define TEAM_NAME_BYTES	(200 * 4 + 1)

/* Columns of STMT_TEAM_LIST and STMT_TEAM_GET (TEAM_COLS). */
enum { TC_PID, TC_KIND, TC_NAME, TC_PURPOSE, TC_MEETS, TC_CAPACITY,
	TC_ACTIVE, TC_CREATED, TC_MEMBERS, TC_MY_ROLE, TC_NEXT, TC_ID,
	TC_MUNICIPALITY, TC_HOST_PID, TC_HOST_NAME };

struct team_row {
	struct db_res		res;
	long long		id;
	struct team_facts	facts;
};

/* The facts of row i of a TEAM_COLS result, for r->who. */
void team_facts_of(const struct db_res *res, size_t i,
    struct team_facts *f);

/*
 * Load the team with public id pid for r->who when right allows it;
 * anyone else is answered as if it did not exist (404). *ok = 1 when
 * loaded (release it), 0 when the answer is set.
 */
st_rc team_load(struct req *r, const char *pid, enum team_right right,
    struct team_row *t, int *ok) ST_MUST_CHECK;
void team_release(struct team_row *t);
/* The teams of r->who's municipality (TEAM_COLS), theirs first. */
st_rc team_list(struct req *r, struct db_res *res) ST_MUST_CHECK;

/* The attributes of row i of a TEAM_COLS result on n. */
void team_attrs(const struct req *r, xmlNodePtr n, const struct db_res *res,
    size_t i);

#endif
