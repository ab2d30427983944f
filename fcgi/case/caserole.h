/* caserole.h: the roles the law gives people on a child's case. */
#ifndef ST_CASEROLE_H
#define ST_CASEROLE_H

#include "result.h"

struct db;

/*
 * On a relay log (0035_case_role.sql), appointed by its holder among
 * the log's people:
 *   child_coordinator  barnekoordinator (helse- og omsorgstjenesteloven
 *                      § 7-2 a): sees that the services are coordinated
 *                      and follows the family up; one at a time;
 *   coordinator        koordinator (§ 7-2): follow-up and progress of the
 *                      individual plan; one at a time;
 *   group              a member of the responsible group (ansvarsgruppe).
 * The words and the duties are in the stylesheets (log.xsl) and
 * labels.h; the codes are here.
 */
int caserole_known(const char *role);

/* Appoint, in the caller's transaction: *taken = 1 (nothing written)
 * when the role is held already (one coordinator of a kind, a member
 * once). */
st_rc caserole_appoint(struct db *db, long long log_id, long long user_id,
    const char *role, long long by, int *taken) ST_MUST_CHECK;

/* End user_id's role (NULL: all of theirs) on the log, with the reason;
 * *ended (may be NULL) says how many ended. */
st_rc caserole_end(struct db *db, long long log_id, long long user_id,
    const char *role, const char *reason, unsigned long long *ended)
    ST_MUST_CHECK;

#endif
