/* caserole.c: the roles the law gives people on a child's case (see
 * caserole.h). */
#include "config.h"

#include <string.h>

#include "caserole.h"
#include "db.h"

int
caserole_known(const char *role)
{
	return role != NULL && (strcmp(role, "child_coordinator") == 0 ||
	    strcmp(role, "coordinator") == 0 || strcmp(role, "group") == 0);
}

st_rc
caserole_appoint(struct db *db, long long log_id, long long user_id,
    const char *role, long long by, int *taken)
{
	struct db_val p[4];
	st_rc rc;

	*taken = 0;
	p[0] = DV_INT(log_id);
	p[1] = DV_INT(user_id);
	p[2] = DV_STR(role);
	p[3] = DV_INT(by);
	rc = db_exec(db, STMT_ROLE_INSERT, p, 4, NULL, NULL);
	if (rc == ST_E_CONFLICT) {
		*taken = 1;
		return ST_OK;
	}
	return rc;
}

st_rc
caserole_end(struct db *db, long long log_id, long long user_id,
    const char *role, const char *reason, unsigned long long *ended)
{
	struct db_val p[5];

	p[0] = DV_STR(reason);
	p[1] = DV_INT(log_id);
	p[2] = DV_INT(user_id);
	p[3] = p[4] = DV_OPT(role);
	return db_exec(db, STMT_ROLE_END, p, 5, ended, NULL);
}
