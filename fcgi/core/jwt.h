/* jwt.h: JSON Web Tokens from identity providers, checked; our own signed. */
#ifndef ST_JWT_H
#define ST_JWT_H

#include <stddef.h>

#include <jansson.h>

#include "result.h"

/*
 * The cryptography is libcjose's (the library the Apache OpenID Connect
 * module uses) and the JSON jansson's; this file only decides what a
 * token must be before stafett believes it.
 *
 * A token is checked against a key set (the provider's JWKS, a jansson
 * object with "keys"): the header's alg must be on the allow-list and
 * fit the key's type (RS and PS need an RSA key, ES an EC key; "none"
 * and the HMAC algorithms are never on the list, so a provider's public
 * key can never be used as a shared secret); the key is the one named by
 * the header's kid, or the only key of that type when there is no kid.
 * Then the claims: iss equal, aud holding the client (and azp equal to it
 * when present or when aud names more than one), exp not passed, iat not
 * in the future nor older than max_age, nonce equal (absent for a logout
 * token, which must carry the back-channel logout event and a sub or
 * sid), acr one of those allowed, and auth_time when a new proof was
 * asked for (a refreshed ID token carries no nonce to check). A skew of
 * a minute is allowed either
 * way by default.
 */
#define JWT_MAX_LEN	16384	/* a token longer than this is refused */
#define JWT_SKEW_S	60

struct jwt_expect {
	const char	 *iss;
	const char	 *aud;		/* our client id */
	const char	 *nonce;	/* NULL for a logout token */
	const char *const *acr;		/* NULL-ended; NULL: any (or none) */
	const char *const *algs;	/* NULL-ended; NULL: jwt_default_algs */
	long long	  now;		/* seconds since the epoch */
	long long	  max_age;	/* iat at most this old (seconds) */
	/* > 0: a new proof was asked for at this time (prompt=login,
	 * max_age=0); auth_time must be there and not before it */
	long long	  auth_after;
	int		  logout;	/* a back-channel logout token */
	int		  refresh;	/* from a refresh: no nonce */
};

extern const char *const jwt_default_algs[];

/*
 * Check compact (len bytes) against keys and e. ST_OK with *claims (the
 * caller's, json_decref it); ST_E_NOT_FOUND when no key of the set
 * fits the header (the caller may fetch the set again once and retry);
 * ST_E_INVALID otherwise, with *why a short English reason for the
 * operator's log (never the token's content).
 */
st_rc jwt_verify(const char *compact, size_t len, json_t *keys,
    const struct jwt_expect *e, json_t **claims, const char **why)
    ST_MUST_CHECK;

/*
 * Sign claims (a JSON object) with the private JWK key_json (RSA: RS256,
 * EC P-256: ES256), naming its kid: a client assertion for
 * private_key_jwt. *out is malloc'd, the caller frees it.
 */
st_rc jwt_sign(const char *key_json, json_t *claims, char **out)
    ST_MUST_CHECK;

/* A claim as a string, or NULL when absent or not a string. */
const char *jwt_str(json_t *claims, const char *name);

#endif
