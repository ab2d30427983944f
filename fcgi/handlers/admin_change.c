/* admin_change.c: the end of an administrator's change to a unit or a
 * person (h_unit.c, h_person.c). */
#include "config.h"

#include <stdio.h>

#include "audit.h"
#include "codelists.h"
#include "db.h"
#include "handlers.h"
#include "route.h"
#include "worker.h"

/*
 * Who may work in stafett, in which unit and role, decides who can be
 * given a child's case: every change is recorded with who made it, in
 * the same transaction. This worker's forms list units and staff afresh;
 * the others within a minute (codelists.h).
 */
st_rc
admin_change_commit(struct req *r, st_rc rc, const char *action,
    const char *object, long long rowid, int status, const char *base,
    const char *pid, const char *done)
{
	char loc[128];

	if (rc == ST_OK)
		rc = audit_log(r, action, object, rowid, 0);
	if (rc == ST_OK)
		rc = db_commit(&r->w->db);
	if (rc != ST_OK) {
		db_rollback(&r->w->db);
		return rc;
	}
	codelists_stale(r->w->codes);
	snprintf(loc, sizeof(loc), "%s/%s", base, pid);
	return resp_done_note(r, status, loc, done);
}
