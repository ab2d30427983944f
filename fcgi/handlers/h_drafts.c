/* h_drafts.c: deleting a draft before it expires. */
#include "config.h"

#include "handlers.h"
#include "route.h"
#include "submission.h"

/* ROUTE: POST /drafts/{id}/delete */
st_rc
h_draft_delete(struct req *r)
{
	st_rc rc;

	/* Only the author's own draft can match: others' ids delete nothing. */
	if ((rc = draft_delete(r, r->arg)) != ST_OK)
		return rc;
	/* the start page, which lists the drafts left, says it is done */
	return resp_done_note(r, 200, "/", "draft-deleted");
}
