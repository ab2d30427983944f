/* secretfile.h: the files that hold partners' secrets, their names and
 * how they are read, for notify (its keys) and the web workers (the key
 * they check a partner's receipts with). */
#ifndef ST_SECRETFILE_H
#define ST_SECRETFILE_H

#include <stddef.h>

#include "result.h"

/*
 * A secret is the file <dir>/<public_id>/<name> (partner.h says which
 * directory holds which). partner_secret_names lists the names,
 * NULL-terminated: notify's four ("hmac", "bearer", "cert", "key"),
 * then PARTNER_INBOUND, the one secret the web workers read, through
 * their group.
 *
 * partner_secret_path() writes the file name of one secret into out
 * (ST_E_INVALID for an unknown secret name or a malformed id,
 * ST_E_TOO_BIG when out is too small).
 *
 * partner_secret_read() reads a secret into a buffer the caller owns
 * (at most max - 1 bytes, NUL-terminated, a trailing newline removed);
 * ST_E_NOT_FOUND when the file does not exist, ST_E_IO when it cannot be
 * read or is readable by others than its owner (for PARTNER_INBOUND: by
 * others than its owner and group).
 */
#define PARTNER_INBOUND	"inbound_hmac"

extern const char *const partner_secret_names[];
/* 1 if s is one of partner_secret_names. */
int partner_secret_name_ok(const char *s);

st_rc partner_secret_path(const char *dir, const char *public_id,
    const char *secret, char *out, size_t outlen) ST_MUST_CHECK;
st_rc partner_secret_read(const char *dir, const char *public_id,
    const char *secret, char *out, size_t max, size_t *len) ST_MUST_CHECK;

/*
 * A password kept in a file of its own, never in the configuration
 * (smtp_password_file, db_password_file): one line, the file readable by
 * its owner only. key names the configuration key in err.
 */
/*
 * The whole of a file only its owner may read (at most outsize - 1
 * bytes, NUL-terminated; *len its length): a private key. ST_E_CONFIG
 * with err when it cannot be read, is readable by others or is longer.
 */
st_rc secret_file_read(const char *key, const char *path, char *out,
    size_t outsize, size_t *len, char *err, size_t errlen) ST_MUST_CHECK;
st_rc secret_password_read(const char *key, const char *path, char *out,
    size_t outsize, char *err, size_t errlen) ST_MUST_CHECK;

#endif
