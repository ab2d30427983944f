/* receipt.h: a partner's answer to a notice, as it arrives at
 * POST /api/v1/receipts: reading and checking the document. */
#ifndef ST_RECEIPT_H
#define ST_RECEIPT_H

#include <libxml/tree.h>

#include "result.h"
#include "secure.h"

/*
 * The document is published as forms/messages/receipt-in.xsd:
 *
 *   <receipt xmlns="urn:x-stafett:receipt:1" version="1">
 *     <notice>the notice's id (header/notice of the message)</notice>
 *     <accepted><reference>…</reference><text>…</text>?</accepted>
 *     | <rejected><reason>…</reason></rejected>
 *     | <more_info><text>…</text></more_info>
 *   </receipt>
 *
 * The namespace is the one of the receipt a partner may give in its
 * answer to the delivery itself (<receipt><reference>); this one names
 * the notice, since it comes later, on its own.
 *
 * receipt_parse checks a parsed document against exactly the rules of
 * the schema (tests/check_receipt.c holds the two to each other) and
 * fills *out. Every problem found is added to errs with the path of the
 * element or attribute ("/receipt/accepted/reference") and a reason in
 * the current language. The result is ST_OK when the document is a
 * receipt (errs->n == 0); ST_E_INVALID otherwise, with out released.
 * The notice id and the reference are taken without the blanks around
 * them; texts without leading and trailing blanks.
 *
 * receipt_digest hashes what the answer says (kind, reference, text), so
 * that the same answer sent twice is recognised as one.
 */
#define RECEIPT_NS		"urn:x-stafett:receipt:1"
#define RECEIPT_REF_MAX		100	/* characters */
#define RECEIPT_TEXT_MAX	8000	/* characters */
/* A receipt says when it was sent (UTC, within RECEIPT_WINDOW_S of the
 * server's clock) and carries a nonce of its own (16 to 64 of A-Z, a-z,
 * 0-9, - and _), so a captured one cannot be replayed later. */
#define RECEIPT_WINDOW_S	300
#define RECEIPT_NONCE_MIN	16
#define RECEIPT_NONCE_MAX	64
#define RECEIPT_ERRORS_MAX	8

enum receipt_kind { RECEIPT_ACCEPTED, RECEIPT_REJECTED, RECEIPT_MORE_INFO };

/*
 * What child welfare says of the guardians with its answer to a report
 * of concern: nothing, keep the report from them (for now), or show it
 * to them again (0010_withheld.sql).
 */
enum receipt_guardians {
	RECEIPT_GUARDIANS_SAME = 0,
	RECEIPT_GUARDIANS_WITHHOLD,
	RECEIPT_GUARDIANS_INFORM
};

struct receipt {
	char			 notice[SECURE_ID_SIZE];
	long long		 sent;		/* seconds since 1970, UTC */
	char			 nonce[RECEIPT_NONCE_MAX + 1];
	enum receipt_kind	 kind;
	char			*reference;	/* NULL unless accepted */
	char			*text;		/* NULL if none */
	enum receipt_guardians	 guardians;
};

struct receipt_error {
	char		 path[96];
	const char	*message;	/* a translated literal */
};

struct receipt_errors {
	size_t			n;
	struct receipt_error	v[RECEIPT_ERRORS_MAX];
};

st_rc receipt_parse(xmlDocPtr doc, struct receipt *out,
    struct receipt_errors *errs) ST_MUST_CHECK;
void receipt_release(struct receipt *r);

/* "accepted", "rejected" or "more_info", as stored. */
const char *receipt_kind_name(enum receipt_kind k);
void receipt_digest(const struct receipt *r,
    unsigned char out[SECURE_HASH_LEN]);

#endif
