/* retention.h: what has been kept as long as the municipality keeps it
 * is deleted, a closed log after its archive copy went to the archive,
 * and each deletion is recorded without the deleted data (issue 19). */
#ifndef ST_RETENTION_H
#define ST_RETENTION_H

#include "conf.h"
#include "db.h"
#include "result.h"

/*
 * One pass, run by notify's housekeeping:
 *
 * - a relay log closed more than retention_log_days ago: it is handed
 *   to the archive as a folder of archive_dir (deposit.h: the archive
 *   copy, every accepted form, every scan, a manifest), whole and synced
 *   before it gets its name; then, in one transaction, everything of the
 *   log is deleted (sql/0032_retention.sql, retention_purge), the
 *   deletion is recorded (retention_record: the reference, the rows, the
 *   rule, the folder and its manifest's SHA-256) and audited (the system
 *   deleted the log). A folder written for a log whose deletion then
 *   failed is written again on the next pass. Without archive_dir,
 *   without an archive copy, or with more events than the copy holds,
 *   the log is kept and the log line says why;
 * - a concern that ended at level 0 more than retention_concern_days ago
 *   (closed, in no log; counted from its last event): deleted with its
 *   forms, notices and timeline, recorded and audited likewise;
 * - API tokens revoked more than retention_token_days ago: deleted and
 *   recorded as a count.
 *
 * A period of 0 keeps that kind for ever. *deleted counts the logs and
 * concerns deleted. An error stops the pass; what was deleted stays
 * deleted and recorded.
 */
st_rc retention_sweep(const struct conf *cfg, struct db *db,
    unsigned *deleted) ST_MUST_CHECK;

/*
 * A deletion of many rows at once by one statement (expired drafts,
 * revoked tokens), recorded in the same transaction as a count with its
 * kind, rule and period in days. *n: how many were deleted.
 */
st_rc retention_bulk(struct db *db, enum stmt_id stmt,
    const struct db_val *params, size_t nparams, const char *kind,
    const char *rule, unsigned days, unsigned long long *n) ST_MUST_CHECK;

#endif
