/* message.h: the messages sent to partners, one builder per type. */
#ifndef ST_MESSAGE_H
#define ST_MESSAGE_H

#include <libxml/tree.h>

#include "result.h"

/*
 * A message is a small XML document in the namespace MSG_NS, one root
 * element per type, each with its published schema in
 * forms/messages/<type>.xsd. A builder decides the fields: it copies
 * from the stored form instance only the elements the partner needs
 * (data minimisation), so a field added to a form never leaves by
 * accident; tests/check_message.c pins the exact set of fields of every
 * type and validates each built message against its schema.
 *
 * Every message starts with a header: the notice's public id (also the
 * idempotency key's owner), the relay log's reference (never the
 * child's identity), when it was made and the sending unit.
 *
 * The child's identity goes only where the type needs it: a referral
 * (BUP or PPT must know whom to assess: name, and the identity number,
 * or the birth date when there is none) and a report of concern (child
 * welfare must find the child: name, identity number or birth date,
 * address). A notice to NAV is about the family's situation and names a
 * contact person; a handover notice and a cancellation carry no child
 * data at all.
 *
 * Builders take a parsed instance they do not own (NULL for the
 * cancellation) and on ST_OK set *out to a new document the caller frees
 * with xmlFreeDoc; on error *out is NULL. ST_E_INVALID means the instance
 * is not of the builder's form (wrong root) or lacks a required field.
 */
#define MSG_NS	"urn:x-stafett:message:1"

enum msg_type {
	MSG_REFERRAL,
	MSG_NAV_NOTICE,
	MSG_CW_REPORT,
	MSG_HANDOVER,
	MSG_CANCELLATION,
	MSG__COUNT
};

struct msg_head {
	const char	*notice;	/* outbox public_id */
	const char	*log_ref;	/* relay log reference; NULL if none */
	const char	*created;	/* ISO 8601 UTC: 2026-01-02T03:04:05Z */
	const char	*sender;	/* the sending unit's name */
};

/* The schema name of a type ("referral", "nav_notice", ...), as in the
 * outbox's message_type and the partner's accepts; NULL if out of range. */
const char *msg_type_name(enum msg_type t);
/* The type of a name, or MSG__COUNT for an unknown one. */
enum msg_type msg_type_of(const char *name);

st_rc msg_build_referral(const struct msg_head *h, xmlDocPtr inst,
    xmlDocPtr *out) ST_MUST_CHECK;
st_rc msg_build_nav_notice(const struct msg_head *h, xmlDocPtr inst,
    xmlDocPtr *out) ST_MUST_CHECK;
st_rc msg_build_cw_report(const struct msg_head *h, xmlDocPtr inst,
    xmlDocPtr *out) ST_MUST_CHECK;
/* From the handover form; only the new holder and the date leave. */
st_rc msg_build_handover(const struct msg_head *h, xmlDocPtr inst,
    xmlDocPtr *out) ST_MUST_CHECK;
/*
 * Withdraws an earlier notice (cancels, its public id) for a reason:
 * consent_withdrawn, consent_expired, log_closed or sender_withdrew.
 */
st_rc msg_build_cancellation(const struct msg_head *h, const char *cancels,
    const char *reason, xmlDocPtr *out) ST_MUST_CHECK;

/* The builder for type t (not the cancellation): the dispatch notify
 * uses. */
st_rc msg_build(enum msg_type t, const struct msg_head *h, xmlDocPtr inst,
    xmlDocPtr *out) ST_MUST_CHECK;

#endif
