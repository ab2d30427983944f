/* mailer.h: e-mail notices to people over SMTP (libcurl multi). */
#ifndef ST_MAILER_H
#define ST_MAILER_H

#include "conf.h"
#include "db.h"
#include "result.h"

/*
 * The e-mail engine of `stafett notify`, beside the partner deliveries
 * (deliver.h) and run by the same loop, with its own curl multi handle:
 * an e-mail notice may be several SMTP transactions (one per leader of a
 * unit) whose outcomes make one result, which the partner engine's one
 * request per notice does not have.
 *
 * The notices are the outbox rows for people: user_id (that person) or
 * unit_id (each active leader of the unit). Each pass:
 *
 * 1. Claims due rows (queued or failed with next_attempt_at passed, or
 *    in_flight with an expired lease) with SELECT ... FOR UPDATE SKIP
 *    LOCKED in one short transaction, so several notify processes never
 *    take one row at once. For each person the notice is for, and whom
 *    no earlier attempt settled (email_recipient): without an active
 *    account or a usable address it is recorded as no_address; when the
 *    person turned the kind off (email_preference) as opted_out; else
 *    the message is built (mail.h) in the person's language. A row with
 *    nobody left to send to is settled at once: cancelled with
 *    last_error 'opted out' (or 'no e-mail address', 'no recipient'),
 *    or delivered/dead by what the earlier attempts recorded. The others
 *    become in_flight with a lease (delivery_lease_s), attempts + 1.
 * 2. Sends each message with curl (smtp_url; STARTTLS per smtp_starttls,
 *    the certificate always verified against smtp_ca_file or the system's
 *    CAs; smtp_user with the password from smtp_password_file), at most
 *    delivery_max_per_partner transactions in flight: the relay is one
 *    partner. The Message-ID is made from the notice's idempotency key
 *    and the person's public id (the first 32 characters of base64url
 *    SHA-256 of "key.person", @ smtp_from's domain) and the header
 *    X-Stafett-Idempotency-Key carries the notice's key, so a repeat
 *    after a crash (the lease ran out before the result was written) is
 *    the same message, which a mail server or reader can recognise.
 * 3. Records each person's outcome: accepted = sent; a 5xx answer to
 *    MAIL, RCPT or the data = refused (permanent); anything else (4xx, a
 *    dropped connection, TLS or login failures, time-outs) is tried again
 *    for that person only, after exponential back-off with jitter, until
 *    delivery_horizon_s after the notice was made, then the notice is
 *    dead. A notice is delivered when anyone got it, dead when it was
 *    refused for everyone it was for. Every SMTP transaction is a
 *    delivery_attempt row (http_status holds the SMTP reply code).
 *
 * Results are written only while this process holds the row
 * (claimed_by), as for partners. No log line names a person or an
 * address: notices are named by their public id.
 */
struct mailer;

/*
 * *out is NULL when e-mail is off (smtp_url empty): notices to people
 * then wait, queued. ST_E_CONFIG with a reason in err when the password
 * file cannot be read.
 */
st_rc mailer_new(const struct conf *cfg, struct db *db, struct mailer **out,
    char *err, size_t errlen) ST_MUST_CHECK;
void mailer_free(struct mailer *m);

/* One step, as deliver_step: claim if there is room, run transfers
 * (waiting at most wait_ms), record what finished. NULL is no e-mail. */
st_rc mailer_step(struct mailer *m, int wait_ms, int *busy) ST_MUST_CHECK;
/* Finish what is in flight without claiming more, for at most grace_s
 * seconds, and record it (outcomes the database has not taken yet are
 * tried until then too); what still runs keeps its lease. */
void mailer_drain(struct mailer *m, unsigned grace_s);
/* Are e-mail notices due that nobody holds (a look without locks)? */
int mailer_due(struct mailer *m);

#endif
