/* secure.h: random ids, tokens, hashes and MACs, all from libsodium. */
#ifndef ST_SECURE_H
#define ST_SECURE_H

#include <stddef.h>

#include <sodium.h>

#include "result.h"

/*
 * Nothing here implements cryptography; it names the few operations
 * stafett needs and fixes their parameters in one place.
 *
 * - Public ids (in URLs) are 128 random bits, base64url without padding:
 *   SECURE_ID_LEN characters. They are unguessable, so knowing one id
 *   tells nothing about another.
 * - Tokens (sessions, API tokens, CSRF) are 256 random bits, base64url:
 *   SECURE_TOKEN_LEN characters. Only their hash is stored.
 * - References are for people to read aloud: 8 characters of Crockford
 *   base32 as "XXXX-XXXX" (40 bits); uniqueness is enforced by the
 *   database, not assumed.
 *
 * Output buffers are caller-owned and sized with the *_SIZE constants
 * (length + NUL).
 */
#define SECURE_ID_LEN		22
#define SECURE_ID_SIZE		(SECURE_ID_LEN + 1)
#define SECURE_TOKEN_LEN	43
#define SECURE_TOKEN_SIZE	(SECURE_TOKEN_LEN + 1)
#define SECURE_REF_SIZE		10
#define SECURE_HASH_LEN		32
#define SECURE_KEY_LEN		32

st_rc secure_init(void) ST_MUST_CHECK;
void secure_random_id(char out[SECURE_ID_SIZE]);
void secure_token(char out[SECURE_TOKEN_SIZE]);
void secure_reference(char out[SECURE_REF_SIZE]);
/* (outsize - 1) / 2 random bytes as lower-case hex, NUL-terminated. */
void secure_random_hex(char *out, size_t outsize);
/* Unkeyed 256-bit hash (BLAKE2b) of a high-entropy token. */
void secure_hash(const char *s, size_t len, unsigned char out[SECURE_HASH_LEN]);
/*
 * Add one field to a SHA-256 of several: its length, then its bytes, so
 * that no two lists of fields hash alike ("ab","c" and "a","bc").
 */
void secure_sha256_field(crypto_hash_sha256_state *st, const void *p,
    size_t n);
/* HMAC-SHA256 of data under key. */
void secure_hmac(const unsigned char key[SECURE_KEY_LEN], const void *data,
    size_t len, unsigned char out[SECURE_HASH_LEN]);
/*
 * Seal p (n bytes) for keeping in the database (a provider's tokens):
 * XSalsa20-Poly1305 under a key derived from the server key for the
 * purpose ctx (8 characters), a random nonce first. *out is malloc'd
 * (SECURE_SEAL_OVER + n bytes). secure_unseal gives back the plain text,
 * NUL-terminated and malloc'd, or ST_E_INVALID when it was not sealed
 * so under this key.
 */
#define SECURE_SEAL_OVER \
	(crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES)
st_rc secure_seal(const unsigned char key[SECURE_KEY_LEN], const char *ctx,
    const void *p, size_t n, unsigned char **out, size_t *outlen)
    ST_MUST_CHECK;
st_rc secure_unseal(const unsigned char key[SECURE_KEY_LEN], const char *ctx,
    const unsigned char *box, size_t n, char **out) ST_MUST_CHECK;
/* Constant-time equality of two equal-length byte strings: 1 if equal. */
int secure_equal(const void *a, const void *b, size_t len);
/* Constant-time equality of two C strings (lengths may differ): 1 if equal. */
int secure_streq(const char *a, const char *b);
/* Is s exactly a well-formed public id (length and alphabet)? */
int secure_is_id(const char *s);
/* Read the 32-byte server key from path (raw or 64 hex digits). */
st_rc secure_load_key(const char *path, unsigned char key[SECURE_KEY_LEN],
    char *err, size_t errlen) ST_MUST_CHECK;
/* A name for this process in the claimed_by of a lease (the outbox,
 * the mail queue, the health probe): host:pid:random (80 bytes). */
void secure_claimant(char *out, size_t n);

#endif
