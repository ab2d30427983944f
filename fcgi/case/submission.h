/* submission.h: storing a filled-in form that is not a concern, and
 * drafts: half-filled forms their author can come back to. */
#ifndef ST_SUBMISSION_H
#define ST_SUBMISSION_H

#include <libxml/tree.h>

#include "form.h"
#include "req.h"
#include "result.h"
#include "secure.h"

/*
 * submission_create stores a validated (and pruned) instance of def as a
 * form submission by the current user, with its form id and version, and
 * the audit row, in one transaction; when draft_id is not NULL, that
 * draft of the user's is deleted in the same transaction. The public id
 * is written to id.
 */
st_rc submission_create(struct req *r, const struct form_def *def,
    xmlDocPtr inst, const char *draft_id, char id[SECURE_ID_SIZE])
    ST_MUST_CHECK;

/*
 * Drafts. draft_save stores inst (as typed, not validated) as the user's
 * draft of def: a new one when id is empty (its id is written back), or
 * over the draft id, which must be the user's and alive (else
 * ST_E_NOT_FOUND). The draft lives draft_keep_days from its last save
 * (the expiry is fixed at each save: what the page promised holds even
 * if the setting is lowered later). A new draft keeps the case its form
 * is for (formctx), which the start page's link to it gives back.
 */
st_rc draft_save(struct req *r, const struct form_def *def, xmlDocPtr inst,
    char id[SECURE_ID_SIZE]) ST_MUST_CHECK;

/*
 * The user's live draft id: its form id and version (the caller looks
 * the definition up) and its instance, parsed (the caller frees it).
 * ST_E_NOT_FOUND when there is no such live draft of this user's.
 */
struct draft {
	char		 form_id[48];
	unsigned	 version;
	xmlDocPtr	 inst;
	char		 saved[24];	/* UTC, ISO 8601 */
	char		 expires[24];
};

st_rc draft_load(struct req *r, const char *id, struct draft *out)
    ST_MUST_CHECK;
st_rc draft_delete(struct req *r, const char *id) ST_MUST_CHECK;

#endif
