/* family.h: siblings' relay logs as one family (issue 20, item 2;
 * sql/0042_family.sql). Each child's log keeps its own readers: a reader
 * learns of a sibling's log only when they may read it (access_log). */
#ifndef ST_FAMILY_H
#define ST_FAMILY_H

#include <libxml/tree.h>

#include "req.h"
#include "result.h"

struct caselog;

/* On the log page (read afresh, as what a reader may read changes with
 * the siblings' consents): <family> with the siblings' logs the reader
 * may read (<sibling log reference child/>); nothing when the log is in
 * no family, or none of them is the reader's to read (to its holder an
 * empty <family>, so they can take the log out of it). */
st_rc family_log_view(struct req *r, const struct caselog *l,
    xmlNodePtr parent) ST_MUST_CHECK;

#endif
