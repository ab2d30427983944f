/* access.h: who may see which object: deny unless a rule grants it. */
#ifndef ST_ACCESS_H
#define ST_ACCESS_H

#include "principal.h"

/*
 * The object-level rules, each a pure function of the principal and the
 * facts about the object, so they can be tested exhaustively. The route
 * table has already checked the general role; these decide for one
 * object. Administrators manage configuration, not cases: no rule here
 * grants them a child's data.
 */

/* A concern: its author sees it; a leader sees every concern of the unit. */
int access_concern_read(const struct principal *who, long long unit_id,
    long long author_id);

/* A standalone form submission: only its author, a member of staff. */
int access_submission_read(const struct principal *who, long long author_id);

#endif
