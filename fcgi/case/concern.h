/* concern.h: recording a concern (undring/bekymring) from its form. */
#ifndef ST_CONCERN_H
#define ST_CONCERN_H

#include <libxml/tree.h>

#include "access.h"
#include "db.h"
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
	char		id[SECURE_ID_SIZE];
	char		reference[SECURE_REF_SIZE];
	char		deadline[11];
	int		urgent;
	long long	row_id;		/* concern.id */
};

/*
 * The answer to the client is made before the writes (answer(r, out,
 * arg), for each try, with out filled in), so that it can be stored
 * with them under the request's Idempotency-Key in the same call: a
 * concern costs one round trip to the database (sql/0027_concern_store.sql).
 * *replayed = 1 when the request was a repeat and r holds its first
 * answer instead; nothing was written.
 */
typedef st_rc (*concern_answer_fn)(struct req *r,
    const struct concern_receipt *out, void *arg);
st_rc concern_create(struct req *r, const struct form_def *def,
    xmlDocPtr inst, const char *draft_id, struct concern_receipt *out,
    concern_answer_fn answer, void *arg, int *replayed) ST_MUST_CHECK;

/*
 * The parts of concern_create, for a concern made from another record
 * (a two-year consultation's wondering followed up as a concern): the
 * level-0 deadline into out->deadline; and, in the caller's
 * transaction, the concern by r->who in their unit from the stored form
 * sub_id about child_id, with its notice to the unit's leaders, audit
 * row and first event (the message m, or its reference when NULL). out->urgent
 * and out->deadline are the caller's; out->id, reference and row_id are
 * set.
 */
st_rc concern_deadline(struct req *r, struct concern_receipt *out)
    ST_MUST_CHECK;
struct evmsg;
st_rc concern_open(struct req *r, long long sub_id, long long child_id,
    int anonymous, const struct evmsg *m, struct concern_receipt *out)
    ST_MUST_CHECK;

/*
 * The child with this identity number (found by its keyed hash), or a new
 * child record with the name and birth date (derived from the number when
 * not given), or, with neither, the expected date of an unborn child
 * ("" when none); *child_id is 0 when neither a name nor a number is
 * given. In the caller's transaction.
 */
st_rc concern_child(struct req *r, const char *name, const char *nin,
    const char *birth, const char *expected, long long *child_id)
    ST_MUST_CHECK;

/*
 * The child welfare emergency service's number (emergency_phone in the
 * configuration), when the municipality gave one, on n as the attributes
 * emergency-phone (as written) and emergency-tel (its + and digits, for
 * a tel: link). Pages that tell people to phone it now (an urgent
 * concern, the concern and report of concern forms) show it.
 */
void concern_emergency_view(struct req *r, xmlNodePtr n);

/*
 * A concern as its reader may see it: the row of STMT_CONCERN_GET (the
 * columns below) and the facts its access rules need (access.h). Owned
 * by res until concern_release.
 */
enum { CG_ID, CG_PUBLIC_ID, CG_REFERENCE, CG_UNIT, CG_AUTHOR, CG_CHILD,
	CG_ANONYMOUS, CG_URGENT, CG_LEVEL, CG_STATUS, CG_DEADLINE, CG_CREATED,
	CG_FORM, CG_VERSION, CG_INSTANCE, CG_UNIT_NAME, CG_AUTHOR_NAME,
	CG_CHILD_NAME, CG_LOG_PID, CG_CHILD_BIRTH, CG_LOG_ID, CG_UNIT_KIND,
	CG_PASSED_LOG, CG_PASSED_STATE, CG_PASSED_ANSWER, CG_PASSED_AT,
	CG_PASSED_PID, CG_PASSED_REF, CG_LOG_FACTS };

struct concern_row {
	struct db_res		res;
	long long		id;
	long long		child_id;
	long long		log_id;
	long long		passed_log_id;
	struct concern_facts	facts;
};

/*
 * Load the concern with public id pid for r->who. Someone who may not
 * read it is answered as if it did not exist (404, the same answer);
 * a read is audited before anything is shown. *ok = 1 when loaded
 * (release it), 0 when the answer is set.
 */
st_rc concern_load(struct req *r, const char *pid, struct concern_row *c,
    int *ok) ST_MUST_CHECK;
/* The same for another right than CR_READ (CR_ANONYMOUS: the anonymous
 * view a team's members read). */
st_rc concern_load_for(struct req *r, const char *pid,
    enum concern_right right, struct concern_row *c, int *ok) ST_MUST_CHECK;
/* The same, deciding nothing: no answer, no audit (the caller decides
 * and audits what it uses). *found = 0 when there is no such concern. */
st_rc concern_peek(struct req *r, const char *pid, struct concern_row *c,
    int *found) ST_MUST_CHECK;
void concern_release(struct concern_row *c);

#endif
