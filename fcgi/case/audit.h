/* audit.h: the append-only record of every look at a child's data. */
#ifndef ST_AUDIT_H
#define ST_AUDIT_H

#include "req.h"
#include "result.h"

/*
 * audit_log writes one row: who (r->who, or r->partner for a partner's
 * request), in which role, did what (action:
 * "read", "create", ...) to which record, whose data it is (child_id, 0
 * when not known) and from which request (r->id). Call it inside the
 * transaction of the change it records, or, for a read, before the data
 * is sent: if the audit row cannot be written, the data is not shown.
 * The table refuses updates and deletes (triggers in 0001_core.sql).
 */
st_rc audit_log(struct req *r, const char *action, const char *object_type,
    long long object_id, long long child_id) ST_MUST_CHECK;

/* The same, naming the role explicitly: the per-case role (holder,
 * participant, guardian...) for a relay log's data. */
st_rc audit_log_as(struct req *r, const char *role, const char *action,
    const char *object_type, long long object_id, long long child_id)
    ST_MUST_CHECK;

/*
 * One list-read of n records in one statement (a start page lists up to
 * a few hundred logs; a row each would be as many round trips): row i
 * is object ids[i] of child_ids[i] (0 when not known), read in the role
 * roles[i] (a role name, as audit_log_as). action is "list".
 */
st_rc audit_list(struct req *r, const char *object_type, size_t n,
    const long long *ids, const long long *child_ids,
    const char *const *roles) ST_MUST_CHECK;

#endif
