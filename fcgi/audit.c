/* audit.c: writing audit rows (see audit.h). */
#include "config.h"

#include <string.h>

#include "audit.h"
#include "db.h"
#include "worker.h"

st_rc
audit_log(struct req *r, const char *action, const char *object_type,
    long long object_id, long long child_id)
{
	return audit_log_as(r, role_name(r->who.role), action, object_type,
	    object_id, child_id);
}

st_rc
audit_log_as(struct req *r, const char *role, const char *action,
    const char *object_type, long long object_id, long long child_id)
{
	struct db_val p[7];
	int partner = r->auth == AUTH_PARTNER;

	/* a partner is named by its own column, no user by user_id */
	p[0] = partner ? DV_INT(r->partner.id) :
	    r->who.user_id != 0 ? DV_INT(r->who.user_id) : DV_NULL;
	p[1] = DV_STR(role != NULL ? role : role_name(r->who.role));
	p[2] = DV_STR(action);
	p[3] = DV_STR(object_type);
	p[4] = DV_INT(object_id);
	p[5] = child_id != 0 ? DV_INT(child_id) : DV_NULL;
	p[6] = DV_STR(r->id);
	return db_exec(&r->w->db, partner ? STMT_AUDIT_PARTNER :
	    STMT_AUDIT_INSERT, p, 7, NULL, NULL);
}
