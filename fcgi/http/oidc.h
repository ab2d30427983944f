/* oidc.h: stafett as an OpenID Connect relying party, for two providers. */
#ifndef ST_OIDC_H
#define ST_OIDC_H

#include <jansson.h>

#include "conf.h"
#include "result.h"

/*
 * Written once, used for both providers: ID-porten (guardians and
 * youths) and the municipality's identity provider (staff: Entra ID or
 * any other OpenID Connect provider). The authorization code flow with
 * PKCE (S256), state and nonce; the client proves itself with
 * private_key_jwt (a JWT signed with its private JWK) or, where the
 * provider offers nothing better, client_secret_basic.
 *
 * The provider's metadata comes from its discovery document
 * (ISSUER/.well-known/openid-configuration, whose issuer must be the one
 * configured) and its keys from its JWKS. Both are kept by each worker
 * for an hour and fetched again before that only when a token names a
 * key the set does not hold, at most every ten seconds: never per
 * request.
 * Every fetch is HTTPS with the certificate checked (oidc_ca_file or the
 * system's CAs), without redirects, with a size cap and time-outs;
 * plain HTTP only for a provider on the loopback address (the tests'
 * and the demo's).
 *
 * The redirect URI is public_url + "/login/NAME/callback".
 */
enum oidc_which { OIDC_IDPORTEN, OIDC_STAFF, OIDC__COUNT };

/* "idporten" or "staff". */
const char *oidc_name(enum oidc_which p);
/* The provider of that name that is configured; 0 when none is. */
int oidc_parse(const struct conf *cfg, const char *name,
    enum oidc_which *out);
int oidc_enabled(const struct conf *cfg, enum oidc_which p);
/* Is the configuration of the providers that are on whole? *err why. */
st_rc oidc_conf_check(const struct conf *cfg, char *err, size_t errlen)
    ST_MUST_CHECK;

/* The values of one authorization request, made by oidc_begin(). */
struct oidc_begin {
	char		state[44];
	char		nonce[44];
	char		verifier[44];
	/* > 0: a new proof was asked for, at this time (seconds since the
	 * epoch): the ID token's auth_time must not be before it */
	long long	fresh_since;
};
void oidc_begin(struct oidc_begin *b);

/*
 * The address to send the browser to (malloc'd). fresh asks the
 * provider to have the person prove who they are again now (prompt=login,
 * max_age=0): before a sensitive action. lang is the page's language
 * (ui_locales).
 */
st_rc oidc_auth_url(const struct conf *cfg, enum oidc_which p,
    const struct oidc_begin *b, int fresh, const char *lang, char **url)
    ST_MUST_CHECK;

/* What a login brought back, checked. Release with oidc_result_release. */
struct oidc_result {
	json_t	*claims;	/* the ID token's */
	char	*id_token;	/* for logging out at the provider */
	char	*refresh_token;	/* NULL when the provider gave none */
};
void oidc_result_release(struct oidc_result *res);

/*
 * Trade the code for tokens at the token endpoint and check the ID
 * token fully (jwt.h: signature, algorithm, iss, aud, azp, exp, iat,
 * nonce, and for ID-porten acr at least idporten_acr). ST_E_INVALID
 * with *why (for the log) when anything is wrong; ST_E_UNAVAILABLE when
 * the provider cannot be reached.
 */
st_rc oidc_exchange(const struct conf *cfg, enum oidc_which p,
    const char *code, const struct oidc_begin *b, struct oidc_result *out,
    const char **why) ST_MUST_CHECK;

/*
 * Ask the provider again whether the person is still there (a refresh
 * token grant). ST_OK with *fresh (malloc'd, or NULL when the provider
 * kept the old one) and *claims (the caller's: a new ID token's,
 * checked, or NULL when the provider sent none) when so; ST_E_NOT_FOUND
 * when the provider said no or sent an ID token that does not hold;
 * ST_E_UNAVAILABLE when it could not be asked.
 */
st_rc oidc_refresh(const struct conf *cfg, enum oidc_which p,
    const char *refresh, char **fresh, json_t **claims) ST_MUST_CHECK;

/* A back-channel logout token, checked; *claims the caller's. */
st_rc oidc_logout_token(const struct conf *cfg, enum oidc_which p,
    const char *token, json_t **claims, const char **why) ST_MUST_CHECK;

/* The issuer configured for p (to compare a front-channel iss with). */
const char *oidc_issuer(const struct conf *cfg, enum oidc_which p);

/*
 * Where to send the browser to log out at the provider too (malloc'd),
 * or *url NULL when the provider has no end_session_endpoint.
 */
st_rc oidc_end_session_url(const struct conf *cfg, enum oidc_which p,
    const char *id_token, char **url) ST_MUST_CHECK;

/* Forget what the worker keeps (at its end). */
void oidc_forget(void);

#endif
