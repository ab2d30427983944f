/* caselog.h: the relay log (stafettlogg): loading a log with the facts
 * its access rules need, and the pieces every change to a case is made
 * of: an event in the timeline, a notice in the outbox, an audit row. */
#ifndef ST_CASELOG_H
#define ST_CASELOG_H

#include <libxml/tree.h>

#include "access.h"
#include "db.h"
#include "dates.h"
#include "evmsg.h"
#include "req.h"
#include "result.h"
#include "secure.h"

/*
 * A log as the asking user may see it. Strings point into res, which the
 * struct owns until caselog_release. facts are relative to r->who;
 * role is their per-case role (access_log_role) or NULL.
 */
struct caselog {
	struct db_res		 res;
	long long		 id;
	const char		*public_id;
	const char		*reference;
	long long		 child_id;
	long long		 home_unit_id;
	int			 level;
	const char		*level_since;
	const char		*status;
	long long		 holder_id;
	const char		*holder_pid;
	const char		*holder_name;
	const char		*holder_unit;
	const char		*child_name;
	const char		*child_birth;	/* NULL if unknown */
	/* the expected date when the case began before the birth
	 * (0034_unborn.sql), NULL otherwise */
	const char		*child_expected;
	int			 child_has_nin;	/* its number is known */
	/* the family's language (NULL: not recorded) and whether it needs
	 * an interpreter (0036_family_language.sql) */
	const char		*family_language;
	int			 interpreter;
	const char		*home_unit;
	const char		*created;
	const char		*closed;
	long long		 view_version;	/* 0011_view_version.sql */
	long long		 view_epoch;
	int			 passed_waiting;	/* concerns wait */
	/* notices its concerns made before they joined it */
	int			 concern_notices;
	struct log_facts	 facts;
	const char		*role;
	char			 closed_now[24];	/* by caselog_close */
};

/*
 * The facts about a log and its reader come from the database in one
 * shape, LOG_FACTS (stmt.c), whichever statement reads them: the log
 * page, a start page's lists, a concern passed to a log, an e-mail
 * about one. Every statement that has them takes the reader first:
 * caselog_reader() fills its three parameters (p[0..2]: the user, their
 * unit, today). caselog_facts() reads LOG_FACTS from column col of row
 * i into *f (today gives the child's age); 0 when the row has no log
 * there (all NULL), 1 otherwise. access_log() then decides.
 */
void caselog_reader(const struct req *r, const char *today,
    struct db_val *p);
/* LOG_FACTS has this many columns. */
#define CASELOG_NFACTS	8
int caselog_facts(const struct db_res *res, size_t i, unsigned col,
    const char *today, struct log_facts *f);

/*
 * Load the log with public id pid (or, with caselog_load_id, internal
 * id) and check that r->who has right on it. Returns ST_OK with
 * *ok = 1 when loaded and allowed; otherwise *ok = 0 and the error
 * response is already set: 404 when there is no such log or the user
 * may not read it (the two look the same), 403 when they may read it
 * but their role does not allow right, or it is closed. A successful
 * load is audited as a read of the log by the caller's role (a change
 * is audited by the caller, with the change).
 */
st_rc caselog_load(struct req *r, const char *pid, enum log_right right,
    struct caselog *out, int *ok) ST_MUST_CHECK;
st_rc caselog_load_id(struct req *r, long long id, enum log_right right,
    struct caselog *out, int *ok) ST_MUST_CHECK;
/*
 * A part of a log (a consent, minutes) and its log: the one row that
 * statement st with the np parameters p finds goes into *res (the
 * caller's to release when *ok), and its log (internal id in column
 * log_col) is loaded as caselog_load_id() does. 404 when there is no
 * row, or hidden (if not NULL) says the caller may not know of it: the
 * same answer as for a log they may not read.
 */
st_rc caselog_load_part(struct req *r, enum stmt_id st,
    const struct db_val *p, size_t np, unsigned log_col,
    int (*hidden)(const struct req *, const struct db_res *),
    enum log_right right, struct db_res *res, struct caselog *out,
    int *ok) ST_MUST_CHECK;
/*
 * Load the log and the facts about r->who without deciding anything:
 * no response, no audit (the caller decides and audits what it shows).
 * *found = 0 when there is no such log (nothing to release).
 */
st_rc caselog_peek_id(struct req *r, long long id, struct caselog *out,
    int *found) ST_MUST_CHECK;
st_rc caselog_peek(struct req *r, const char *pid, struct caselog *out,
    int *found) ST_MUST_CHECK;
void caselog_release(struct caselog *l);

/* The per-case role for events and the audit trail; never NULL. */
const char *caselog_role(const struct caselog *l, const struct req *r);

/*
 * An event in a log's (or a concern's) timeline, by actor_id (0: the
 * system, e.g. an expiry found by notify) acting as role: what happened
 * is the message m (evmsg.h), stored as its message id and arguments
 * and put into words when read, in the reader's language; the English
 * words are kept as the event's summary. ref_type and ref_pid name the
 * record it is about, for the link; submission_id (or 0) the form
 * behind it. ST_E_INVALID when m has too many arguments (a bug).
 */
/* The columns summary (English) and args of an event with the message
 * m, as caselog_event_msg stores them, into buffers of at most
 * CASELOG_EVENT_MAX bytes each. */
#define CASELOG_EVENT_MAX	(256 * 1024)
st_rc caselog_event_words(const struct evmsg *m, struct buf *summary,
    struct buf *args) ST_MUST_CHECK;
st_rc caselog_event_msg(struct db *db, long long actor_id, long long log_id,
    long long concern_id, const char *role, const char *kind,
    const struct evmsg *m, const char *ref_type, const char *ref_pid,
    long long submission_id) ST_MUST_CHECK;
/*
 * The same, written only while the log is open (or when there is no
 * log): for writers that are not a user's change of the log and may
 * find it closed (notify cancelling a notice, a partner's answer, an
 * administrator's decision on a notice, the sweeps). A closed log's
 * timeline is final, as its archive copy is; the database refuses an
 * event in it (0018_closed_log.sql), and what those writers record
 * (a notice's state, an answer) is shown with the notices anyway.
 */
st_rc caselog_event_msg_open(struct db *db, long long actor_id,
    long long log_id, long long concern_id, const char *role,
    const char *kind, const struct evmsg *m, const char *ref_type,
    const char *ref_pid, long long submission_id) ST_MUST_CHECK;

/*
 * A notice in the outbox, in the caller's transaction: to one person
 * (user_id), a unit's leaders (unit_id), or a service (service: consent
 * must cover it when it is sent; NULL for notices that need no consent,
 * such as a report of concern to child welfare).
 */
st_rc caselog_notice(struct db *db, const char *kind, long long unit_id,
    long long user_id, const char *service, long long concern_id,
    long long log_id) ST_MUST_CHECK;
/* The same, with the new notice's row id in *id and, if pid is not
 * NULL, its public id in pid (SECURE_ID_SIZE bytes). */
st_rc caselog_notice_id(struct db *db, const char *kind, long long unit_id,
    long long user_id, const char *service, long long concern_id,
    long long log_id, long long *id, char *pid) ST_MUST_CHECK;

/*
 * The child's family as stafett knows it (those who logged in): the
 * guardians with parental responsibility, and the child as a youth from
 * YOUTH_AGE (birth: the child's date of birth or NULL; today gives the
 * age). Their user ids in ids, at most max, the count in *n.
 */
#define CASELOG_FAMILY_MAX	100
st_rc caselog_family(struct db *db, long long child_id, const char *birth,
    const char *today, long long *ids, size_t max, size_t *n) ST_MUST_CHECK;

/*
 * Store a validated form instance as a form submission by r->who (in the
 * caller's transaction); *id gets its row id, pid (if not NULL) its
 * public id.
 */
struct form_def;
st_rc caselog_submission(struct req *r, const struct form_def *def,
    xmlDocPtr inst, long long *id, char *pid) ST_MUST_CHECK;

/*
 * After a consent was withdrawn or ran out: participants no valid
 * consent covers any more are removed (one event naming them), pending
 * notices to services no longer covered are cancelled, the partners that
 * may already have such a notice are sent a cancellation
 * (caselog_partner_cancel with reason, consent_withdrawn or
 * consent_expired), and the holder is told. In the caller's transaction.
 */
st_rc caselog_consent_ended(struct db *db, long long log_id,
    long long home_unit_id, long long holder_id, const char *why,
    const char *reason) ST_MUST_CHECK;

/*
 * Messages that follow a notice to the partner that had it (casenotice.c),
 * in the caller's transaction, which has locked the log. Each is an
 * outbox row naming that partner from the start (routing never picks
 * another), with an event in the log saying who is told what.
 *
 * caselog_partner_handover: the holder changed (handover accepted): a
 * handover notice, built at send time from the handover form
 * (submission_id), to every partner that has a delivered referral,
 * notice to NAV or report of concern of the log that was not withdrawn,
 * takes handover notices, and whose service a valid consent covers
 * today (a report of concern counts as child welfare's). notify checks
 * the right to send again before it goes, as for any notice.
 *
 * caselog_partner_cancel: a cancellation of every referral and notice to
 * NAV of the log that may have reached its partner (tried at least once:
 * an answer that never came may still have arrived) and is not withdrawn
 * yet: for log_closed all of them, for the consent reasons those to
 * services no valid consent covers any more. A report of concern is
 * never withdrawn this way: it did not depend on consent, and closing the
 * log does not undo it. A partner that takes no cancellations is not
 * sent one: the event tells the holder to tell it another way. notify
 * sends a cancellation whatever the consent (it must go out precisely
 * when the consent is gone), once the notice it withdraws is no longer
 * in flight.
 */
st_rc caselog_partner_handover(struct db *db, long long log_id,
    long long submission_id) ST_MUST_CHECK;
st_rc caselog_partner_cancel(struct db *db, long long log_id,
    long long home_unit_id, const char *reason) ST_MUST_CHECK;

/*
 * The log's participants (not the holder), in the order they joined:
 * public id, name, unit name, unit kind, whether a consent covers them
 * today (caselog_covers' rule), when they joined (UTC), user id.
 */
st_rc caselog_participants(struct db *db, const struct caselog *l,
    const char *today, struct db_res *res) ST_MUST_CHECK;

/*
 * May this person (user_id, of unit unit_id) take part in the log: the
 * log's own unit always, anyone else only when a consent valid today
 * names their unit and, if it names persons of that unit, them
 * (COVERS_PERSON in stmt.c). *rc reports a database error (then 0 is
 * returned).
 */
int caselog_covers(struct req *r, const struct caselog *l, long long user_id,
    long long unit_id, st_rc *rc);
/*
 * May a notice go to a partner of this kind of service (kind): a
 * consent valid today names a unit of that kind. Partners are reached
 * by kind; people by caselog_covers.
 */
int caselog_covers_kind(struct req *r, const struct caselog *l,
    const char *kind, st_rc *rc);

/*
 * Begin a change to log l: open the transaction, lock the log row and
 * make sure it is still as the user saw it (open, the same holder).
 * ST_E_CONFLICT (rolled back) when it is not.
 */
st_rc caselog_begin(struct req *r, const struct caselog *l) ST_MUST_CHECK;
/*
 * Inside a transaction, take the log's row lock (log_id 0: nothing), as
 * caselog_begin does: a writer that is not a handler of the log (a
 * sweep, a partner's receipt, an administrator's decision on a notice)
 * takes it first too, so all changes to a log take their locks in one
 * order and queue instead of deadlocking (0011_view_version.sql).
 */
st_rc caselog_lock(struct db *db, long long log_id) ST_MUST_CHECK;

/*
 * Close log l (caseclose.c), in the caller's transaction which has
 * locked it: the log and its concerns are closed, a pending handover is
 * cancelled, the closing event (m) is recorded, and the archive copy
 * (the whole log as XML and as printable HTML) is stored with it.
 */
st_rc caselog_close(struct req *r, struct caselog *l, long long sub_id,
    const struct evmsg *m) ST_MUST_CHECK;

/* Respond with 409 and a message, the answer to every lost race. */
st_rc caselog_conflict(struct req *r, const char *message) ST_MUST_CHECK;

#endif
