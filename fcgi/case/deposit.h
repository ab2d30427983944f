/* deposit.h: a closed relay log handed to the archive as one folder,
 * before retention deletes it (retention.h). */
#ifndef ST_DEPOSIT_H
#define ST_DEPOSIT_H

#include <stddef.h>

#include "conf.h"
#include "db.h"
#include "result.h"

/* A SHA-256 as 64 lower-case hex digits and a NUL. */
#define DEPOSIT_SHA_SIZE	65

/*
 * Write the folder archive_dir/NUMBER/REFERENCE-PUBLICID/ (NUMBER: its
 * municipality's) of the closed log
 * log_id: everything retention will delete that is the case's record.
 *
 *   log.html, log.xml   the archive copy made when the log closed: the
 *                       timeline, the lists, the final minutes, the
 *                       closing, as the log's page shows them
 *   forms/ID.xml        every accepted form of the log and its concerns
 *                       (concerns, consents, minutes, handovers,
 *                       referrals, reports of concern, evaluations),
 *                       the instance as it was accepted
 *   scans/ID.EXT        every scanned paper consent, as uploaded
 *   manifest.txt        one line a file: its SHA-256, its path, and for
 *                       a form its form and version, for a scan its type
 *
 * The folder is made under a name of this process's own, every file and
 * the folders synced, and only then given its name (a folder left from
 * an earlier attempt whose deletion did not commit is replaced), so the
 * archive sees it whole or not at all. name gets the folder's name,
 * sha the manifest's SHA-256. ST_E_NOT_FOUND: the log has no archive
 * copy (nothing is written). Forms and scans are read a few at a time:
 * memory stays bounded however large the case.
 */
st_rc deposit_log(const struct conf *cfg, struct db *db, long long log_id,
    const char *municipality, const char *reference, const char *public_id,
    char *name, size_t nlen, char sha[DEPOSIT_SHA_SIZE]) ST_MUST_CHECK;

#endif
