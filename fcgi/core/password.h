/* password.h: argon2id password hashing and verification. */
#ifndef ST_PASSWORD_H
#define ST_PASSWORD_H

#include <stddef.h>

#include "result.h"

/*
 * Passwords are hashed with argon2id (libargon2) into the standard encoded
 * form "$argon2id$v=19$m=...,t=...,p=...$salt$hash", which records its own
 * parameters, so they can be raised later without breaking old hashes
 * (password_needs_rehash tells when a stored hash is weaker than today's).
 *
 * Parameters follow OWASP's argon2id minimum: 19 MiB, 2 passes, 1 lane.
 * Passwords longer than PASSWORD_MAX bytes are refused before hashing so a
 * huge password cannot be used to burn CPU.
 */
#define PASSWORD_MIN	10
#define PASSWORD_MAX	1024
#define PASSWORD_HASH_SIZE 128

/* Hash pw into out (NUL-terminated). */
st_rc password_hash(const char *pw, char out[PASSWORD_HASH_SIZE]) ST_MUST_CHECK;
/* ST_OK if pw matches encoded, ST_E_INVALID if not (or encoded is bad). */
st_rc password_verify(const char *encoded, const char *pw) ST_MUST_CHECK;
int password_needs_rehash(const char *encoded);

#endif
