/* casesweep.h: what notify finds by the calendar: concerns past their
 * deadline, overdue evaluations, consents that ran out. */
#ifndef ST_CASESWEEP_H
#define ST_CASESWEEP_H

#include "db.h"
#include "result.h"

/*
 * One pass, each finding in its own transaction: a level-0/1 concern
 * past its deadline is flagged to its author and the unit's leaders; an
 * active measure past its evaluation date to its responsible person and
 * the holder; a consent past its expiry is recorded in the log, the
 * participants it alone covered are removed, pending notices it covered
 * are cancelled and the holder is told (access already ended at
 * midnight: the rules check consent on every request). Each finding is
 * handled once. *found counts them.
 */
st_rc casesweep_run(struct db *db, unsigned *found) ST_MUST_CHECK;

/*
 * Consents of open logs that run out within days (consent_warn_days;
 * 0 = never warn) and have no later consent after them: the holder, the
 * guardians with parental responsibility and the youth from 15 get a
 * consent.expiring notice, once per consent (consent.expiry_warned, set
 * in the same transaction, so two notify processes warn once).
 */
st_rc casesweep_expiring(struct db *db, unsigned days, unsigned *found)
    ST_MUST_CHECK;

/*
 * Active measures of open logs to be evaluated within days
 * (measure_remind_days; 0 = never remind), from today: the responsible
 * person gets a measure.soon notice, once per evaluation date
 * (measure.eval_reminded, set in the same transaction and set back when
 * an evaluation gives a new date). The holder is told only if the date
 * passes (casesweep_run).
 */
st_rc casesweep_reminders(struct db *db, unsigned days, unsigned *found)
    ST_MUST_CHECK;

#endif
