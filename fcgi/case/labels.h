/* labels.h: words for the codes a case's events are written with, so
 * the timeline (which guardians read and the archive keeps) says "the
 * health clinic", not "health_clinic". */
#ifndef ST_LABELS_H
#define ST_LABELS_H

#include "buf.h"
#include "dates.h"
#include "result.h"

/* A kind of service (unit.kind, a consent's service); the code itself
 * when unknown. Translated in the request's language. */
const char *label_service(const char *kind);
/* A space-separated list of services as words: "A, B and C". */
st_rc label_services(struct buf *out, const char *list) ST_MUST_CHECK;
/* The units a consent names as CONSENT_COLS has them ("0Name" or
 * "1Name", separated by \x1f) as their names, separated by \x1f (a
 * list of names of an event's message, evmsg.h). */
st_rc label_unit_names(struct buf *out, const char *list) ST_MUST_CHECK;
/* A per-case role: holder, participant, leader, guardian, youth. */
const char *label_role(const char *role);
/* A role the law gives on a case (caserole.h), as it reads in a
 * sentence: "child coordinator". */
const char *label_case_role(const char *role);
/* A closing note's reason code. */
const char *label_closing(const char *reason);
/* An evaluation's result (worked, partly, not_worked) and next step. */
const char *label_result(const char *result);
const char *label_next_step(const char *step);
/* A notice to a partner (outbox kind) in words: "referral", ... */
const char *label_notice_kind(const char *kind);
/* Why a notice is withdrawn (a cancellation's reason). */
const char *label_cancel_reason(const char *reason);
/* How a consent was given: paper or digital. */
const char *label_consent_method(const char *method);
/* YYYY-MM-DD as DD.MM.YYYY (as written in Norway); "" if malformed. */
void label_date(char out[DATE_SIZE], const char *iso);
/* Text without its trailing full stops and spaces, for quoting a
 * sentence inside a sentence (pool-owned copy). */
struct pool;
const char *label_unstop(struct pool *pool, const char *text);

#endif
