/* mailaddr.h: the form of e-mail addresses and their parts, which the
 * configuration, the administrator's verbs and the mailer all check. */
#ifndef ST_MAILADDR_H
#define ST_MAILADDR_H

#include <stddef.h>

/*
 * mail_address_ok(): an address we put in an envelope or a header:
 * printable ASCII, one '@' with text on both sides, no spaces, quotes,
 * brackets, commas or other specials, at most 254 bytes. Stricter than
 * RFC 5321 on purpose: a value from the database can never inject a
 * header or a second recipient. 1 if acceptable.
 *
 * mail_domain_ok(): letters, digits, '-' and dots between labels (n
 * bytes of d, at most 253).
 *
 * mail_token_ok(): the local part of a Message-ID and an idempotency
 * key: letters, digits, '-', '_' and '.' (base64url ids joined with
 * dots), 1 to 200 bytes.
 */
int mail_address_ok(const char *addr);
int mail_domain_ok(const char *d, size_t n);
int mail_token_ok(const char *s, size_t n);

#endif
