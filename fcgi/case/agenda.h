/* agenda.h: concerns on a discussion team's agenda and the advice back
 * (issue 20, item 3; sql/0040_team.sql). */
#ifndef ST_AGENDA_H
#define ST_AGENDA_H

#include <libxml/tree.h>

#include "req.h"
#include "result.h"

/* Characters of the team's advice. */
#define AGENDA_ADVICE_MAX	4000

/*
 * The state an item is shown in: its own (waiting, discussed,
 * withdrawn), or "decided" when it still waits but its concern left the
 * open state or went into a relay log (status and in_log: the
 * concern's). A decided concern is no longer the team's to discuss, and
 * its members no longer read it (access_concern, CR_ANONYMOUS).
 */
const char *agenda_state(const char *item_status, const char *concern_status,
    int in_log);

/*
 * On a concern's page (c), for those who read it: the teams' agenda
 * items for it (<agenda-item>, in the state agenda_state gives with the
 * concern's status and in_log), and, when can_put, the meetings it may
 * be put on (<open-meeting>: the municipality's active discussion
 * teams from today).
 */
st_rc agenda_concern_view(struct req *r, long long concern_id,
    const char *concern_status, int in_log, long long municipality_id,
    int can_put, xmlNodePtr c) ST_MUST_CHECK;

#endif
