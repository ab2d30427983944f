/* concern.h: recording a concern (undring/bekymring) from its form. */
#ifndef ST_CONCERN_H
#define ST_CONCERN_H

#include <libxml/tree.h>

#include "form.h"
#include "req.h"
#include "result.h"
#include "secure.h"

/*
 * concern_create stores a validated (and pruned) concern instance as a new
 * concern at level 0 in the submitter's unit, with the decision deadline
 * (concern_deadline_days from today, municipal time), in one
 * transaction: the child (found by identity number when one is given),
 * the form submission (the instance as accepted, with its form version),
 * the concern, an outbox row telling the unit's leaders (urgent ones are
 * marked so), and the audit row; and the user's draft draft_id, if not
 * NULL, is deleted. Nothing is stored unless all of it is.
 *
 * On success the new concern's public id, reference and deadline are
 * written to the caller's buffers.
 */
struct concern_receipt {
	char	id[SECURE_ID_SIZE];
	char	reference[SECURE_REF_SIZE];
	char	deadline[11];
	int	urgent;
};

st_rc concern_create(struct req *r, const struct form_def *def,
    xmlDocPtr inst, const char *draft_id, struct concern_receipt *out)
    ST_MUST_CHECK;

/*
 * The child with this identity number (found by its keyed hash), or a new
 * child record with the name and birth date (derived from the number when
 * not given); *child_id is 0 when neither a name nor a number is given.
 * In the caller's transaction.
 */
st_rc concern_child(struct req *r, const char *name, const char *nin,
    const char *birth, long long *child_id) ST_MUST_CHECK;

#endif
