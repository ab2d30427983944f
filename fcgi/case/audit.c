/* audit.c: writing audit rows (see audit.h). */
#include "config.h"

#include <string.h>

#include "audit.h"
#include "buf.h"
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

/* A role name goes into JSON as it is: it must need no escaping. */
static int
plain(const char *s)
{
	for (; *s != '\0'; s++)
		if (!((*s >= 'a' && *s <= 'z') || *s == ' ' || *s == '_'))
			return 0;
	return 1;
}

st_rc
audit_list(struct req *r, const char *object_type, size_t n,
    const long long *ids, const long long *child_ids,
    const char *const *roles)
{
	struct buf rows = BUF_INIT(64 * 1024);
	struct db_val p[4];
	size_t i;
	st_rc rc = ST_OK;

	if (n == 0)
		return ST_OK;
	/* The rows travel as one JSON parameter that JSON_TABLE unpacks
	 * (stmt.c): numbers and fixed role names only, never SQL text. */
	rc = buf_addch(&rows, '[');
	for (i = 0; i < n && rc == ST_OK; i++) {
		if (!plain(roles[i])) {
			rc = ST_E_INTERNAL;
			break;
		}
		if (child_ids[i] != 0)
			rc = buf_addf(&rows, "%s[%lld,%lld,\"%s\"]",
			    i > 0 ? "," : "", ids[i], child_ids[i], roles[i]);
		else
			rc = buf_addf(&rows, "%s[%lld,null,\"%s\"]",
			    i > 0 ? "," : "", ids[i], roles[i]);
	}
	if (rc == ST_OK)
		rc = buf_addch(&rows, ']');
	if (rc == ST_OK) {
		p[0] = r->who.user_id != 0 ? DV_INT(r->who.user_id) : DV_NULL;
		p[1] = DV_STR(object_type);
		p[2] = DV_STR(r->id);
		p[3] = DV_STRN(rows.data, rows.len);
		rc = db_exec(&r->w->db, STMT_AUDIT_LIST_ROWS, p, 4, NULL,
		    NULL);
	}
	buf_release(&rows);
	return rc;
}
