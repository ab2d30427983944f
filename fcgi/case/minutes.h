/* minutes.h: what a relay log gives the minutes form (forms/minutes.xml):
 * the people who can be made responsible, the one check that they are,
 * the planned meeting the minutes start from, and stored minutes shown
 * with the names they were written with. */
#ifndef ST_MINUTES_H
#define ST_MINUTES_H

#include <stddef.h>

#include <libxml/tree.h>

#include "caselog.h"
#include "form.h"
#include "req.h"
#include "result.h"

/*
 * The people of a relay log who can be responsible for a decision or a
 * measure in its minutes: its holder, then its participants whom a
 * consent covers today (the same people who can be invited to its
 * meetings and answer for its measures). Everything is owned by the
 * request's pool and lives as long as the request.
 *
 * In version 2 of the form the minutes name a person by public id (the
 * value of the select), and the server writes their name beside it
 * (responsible_name), so the stored instance reads by itself. Version 1
 * had the name typed as free text; it is matched by the name the log
 * shows, without regard to case, as before.
 */
struct minutes_person {
	long long	 id;		/* app_user.id */
	const char	*pid;		/* public id: the form's value */
	const char	*name;		/* display name */
	const char	*label;		/* what the list shows */
};

struct minutes_people {
	struct minutes_person	*v;
	size_t			 n;
};

/* The people of l, holder first (labels in the request's language). */
st_rc minutes_people(struct req *r, const struct caselog *l,
    struct minutes_people *out) ST_MUST_CHECK;

/*
 * Does def name people by id (it has <xf:instance st:src="people">:
 * version 2 on)? Otherwise a person is a typed name.
 */
int minutes_by_id(const struct form_def *def);

/*
 * The form environment of a form for l's minutes: the worker's code
 * lists, and mp as the "people" instance, so the select offers them and
 * validation holds the choice to them. Pool-owned.
 */
const struct form_env *minutes_env(struct req *r,
    const struct minutes_people *mp);

/*
 * The check of the responsible persons, the one place it is made: when
 * minutes are saved (caseform.c) and when they are finalised
 * (h_minutes.c), since people may leave the log in between. Every
 * decision and measure row whose responsible person is not one of mp
 * adds an error to errs on its field (/minutes/measures/measure[2]/
 * responsible), labelled with the row ("Measure 2: Responsible") and
 * saying who it was. A measure row without "what" and a decision row
 * without text are no measure and no decision; a decision may have no
 * responsible person. Returns how many errors it added.
 */
size_t minutes_check(const struct form_def *def, xmlDocPtr inst,
    const struct minutes_people *mp, struct form_errors *errs);

/*
 * The person responsible for a decision or measure row (an element of
 * inst), or NULL (none, or not one of mp): what minutes_check accepted.
 */
const struct minutes_person *minutes_responsible(const struct form_def *def,
    xmlNodePtr row, const struct minutes_people *mp);

/*
 * Write each row's responsible_name from its responsible id (version 2;
 * "" when there is none), after minutes_check: the server, not the
 * client, says whose name goes with an id.
 */
void minutes_name(const struct form_def *def, xmlDocPtr inst,
    const struct minutes_people *mp);

/*
 * Start new minutes of a planned meeting of l (meeting: its public id)
 * with what the meeting says: its date, time, place and agenda, and the
 * people invited as participants (the holder as holder, the others as
 * professionals, each with their unit). A meeting of another log, or
 * none, fills nothing.
 */
st_rc minutes_prefill(struct req *r, const struct form_def *def,
    const struct caselog *l, const char *meeting, xmlDocPtr inst)
    ST_MUST_CHECK;

/*
 * Append to parent the read-only view of stored minutes (any version),
 * as form_view_stored() does, with errs (may be NULL) beside their
 * fields: the people they name are shown by the names stored with them,
 * whoever takes part in the log today.
 */
st_rc minutes_view_stored(struct req *r, const char *form_id,
    unsigned version, const char *xml, size_t len,
    const struct form_errors *errs, xmlNodePtr parent) ST_MUST_CHECK;

#endif
