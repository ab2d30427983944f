/* partner.h: the partner registry and where partners' secrets live. */
#ifndef ST_PARTNER_H
#define ST_PARTNER_H

#include <stddef.h>

#include "result.h"

/*
 * A partner is a row in `partner` (sql/0004_partners.sql) plus up to four
 * secret files that never enter the database:
 *
 *   <partner_secrets_dir>/<public_id>/hmac    key of the body signature
 *   <partner_secrets_dir>/<public_id>/bearer  token for auth = bearer
 *   <partner_secrets_dir>/<public_id>/cert    client certificate (PEM)
 *   <partner_secrets_dir>/<public_id>/key     client private key (PEM)
 *
 * Directories are 0700 and files 0600, owned by the account notify runs
 * as; the web workers never open them. A secret is written once from
 * standard input (`stafett partner secret`) and never printed again.
 *
 * What a partner sends us is checked by the web workers, so its key
 * lives apart, where they can read it and notify's keys stay out of
 * their reach:
 *
 *   <partner_inbound_dir>/<public_id>/inbound_hmac  key of the signature
 *                                                  of the partner's
 *                                                  receipts
 *
 * (directories 0750, the file 0640: give the group to the web workers'
 * account). It is written the same way (`stafett partner secret ID
 * inbound-hmac`) and should differ from the hmac key, so that whoever
 * can read it can check a partner's receipts but never sign a notice as
 * the municipality. The partner's bearer token for its receipts is
 * issued by `stafett partner token ID`, printed once, and kept only as
 * its hash in the database.
 *
 * partner_kind_valid(), partner_auth_valid() and partner_type_valid()
 * say whether a word is one of the enum values of the schema.
 * partner_endpoint_valid() accepts https:// URLs only: notices never
 * travel in clear text.
 *
 * partner_secret_path() writes the file name of one secret into out
 * (ST_E_INVALID for an unknown secret name or a malformed id,
 * ST_E_TOO_BIG when out is too small).
 *
 * partner_secret_read() reads a secret into a buffer the caller owns
 * (at most max - 1 bytes, NUL-terminated, a trailing newline removed);
 * ST_E_NOT_FOUND when the file does not exist, ST_E_IO when it cannot be
 * read or is readable by others than its owner (for inbound_hmac: by
 * others than its owner and group).
 */
int partner_kind_valid(const char *kind);
int partner_auth_valid(const char *auth);
int partner_type_valid(const char *type);
int partner_endpoint_valid(const char *url);

st_rc partner_secret_path(const char *dir, const char *public_id,
    const char *secret, char *out, size_t outlen) ST_MUST_CHECK;
st_rc partner_secret_read(const char *dir, const char *public_id,
    const char *secret, char *out, size_t max, size_t *len) ST_MUST_CHECK;

#endif
