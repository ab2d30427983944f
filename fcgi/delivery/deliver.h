/* deliver.h: delivery of notices to partners over HTTPS (libcurl multi). */
#ifndef ST_DELIVER_H
#define ST_DELIVER_H

#include "conf.h"
#include "db.h"
#include "result.h"

/*
 * The delivery engine of `stafett notify`. Each pass:
 *
 * 1. Routes: a queued referral, nav_notice or cw_report that has no
 *    partner yet is given the first active partner of its service's kind
 *    (child_welfare for a report of concern) that accepts its type.
 *    Handover notices and cancellations are never routed: they are
 *    queued naming the partner that had the notice they follow
 *    (caselog_partner_handover, caselog_partner_cancel).
 * 2. Claims, in one short transaction, due rows (queued or failed with
 *    next_attempt_at passed, or in_flight with an expired lease) with
 *    SELECT ... FOR UPDATE SKIP LOCKED, so several notify processes never
 *    take one row at once. For each it checks the right to send again:
 *    the log is open and a valid consent covers the service (a report of
 *    concern to child welfare needs neither: the duty to inform; nor does
 *    a cancellation, which must go out precisely when they are gone, and
 *    waits only while the notice it withdraws is in flight). A row
 *    without that right is cancelled, with an event in the log; the others
 *    become in_flight with a lease (delivery_lease_s) and attempts + 1.
 *    A crash after the claim leaves the row in_flight until the lease ends;
 *    then it is sent again with the same Idempotency-Key: at most a repeat,
 *    never a loss.
 * 3. Sends each claimed row with curl's multi interface: the message built
 *    by message.c from the stored form instance, POSTed over HTTPS with
 *    verification always on (partner_ca_file, if set, is the only CA),
 *    headers Idempotency-Key and X-Stafett-Signature (sha256=hex HMAC of
 *    the body with the partner's hmac secret), a bearer token or a client
 *    certificate, connect and total time-outs. At most
 *    delivery_max_in_flight transfers per process and
 *    delivery_max_per_partner per partner.
 * 4. Records the answer (every attempt is a delivery_attempt row):
 *    2xx = delivered, or acknowledged when the body is a receipt with the
 *    partner's reference; 408, 429, 5xx and transport errors (a
 *    certificate that does not verify included: nothing is sent then) =
 *    failed, tried again after exponential back-off with jitter
 *    (delivery_backoff_s doubling, at most an hour) or after Retry-After,
 *    the last time at delivery_horizon_s after the notice was made, then
 *    dead; any other status = dead at once (a permanent refusal).
 *
 * Claims and outcomes go many to a transaction (issue 17): a step waits
 * until three quarters of the slots are free, or nothing is in flight,
 * then records the outcomes of the transfers that finished and claims
 * the next notices in one transaction, each statement carrying all of
 * them as JSON. Everything said here holds for each notice in it.
 *
 * The state, the attempt and the latency sample are one transaction.
 * A partner's answer is a fact and is never dropped: a deadlock (with a
 * consent withdrawn at that moment, say) or a lost connection runs the
 * transaction again, and an outcome the database still will not take is
 * kept and tried again before anything new is claimed. A 2xx is recorded
 * whoever holds the row by then and whatever it was marked meanwhile (a
 * cancellation that came too late is corrected in the timeline). A
 * failure is recorded only while this process still holds the row
 * (claimed_by): after a lost lease it is an attempt, nothing more.
 */
struct deliver;

struct deliver *deliver_new(const struct conf *cfg, struct db *db);
void deliver_free(struct deliver *d);

/*
 * One step: route and claim if there is room, run transfers, wait for
 * activity at most wait_ms, record finished transfers. *busy tells whether
 * anything is in flight, was claimed or finished (so a drain loop knows
 * when to stop: after a step with none of these, nothing is due).
 */
st_rc deliver_step(struct deliver *d, int wait_ms, int *busy) ST_MUST_CHECK;

/*
 * At a stop: finish what is in flight without claiming more, for at most
 * grace_s seconds; transfers still running then are stopped and recorded
 * as interrupted (the partner may have the notice; it is sent again at
 * once, with the same Idempotency-Key). Outcomes the database has not
 * taken yet are tried until then too.
 */
void deliver_drain(struct deliver *d, unsigned grace_s);
/* Transfers running plus outcomes not yet recorded. */
unsigned deliver_in_flight(const struct deliver *d);

/*
 * The wait in seconds before attempt number attempt + 1, for partners
 * and e-mail alike: delivery_backoff_s * 2^(attempt-1), at most an hour,
 * with jitter in [w/2, w] so that retries spread out.
 */
long long deliver_backoff(const struct conf *cfg, long long attempt);

#endif
