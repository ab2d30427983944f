/* jwt.c: checking providers' tokens and signing our own (see jwt.h). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <cjose/cjose.h>

#include "jwt.h"
#include "mem.h"

const char *const jwt_default_algs[] = { "RS256", "RS384", "RS512",
	"PS256", "PS384", "PS512", "ES256", "ES384", "ES512", NULL };

static const char BACKCHANNEL_EVENT[] =
    "http://schemas.openid.net/event/backchannel-logout";

const char *
jwt_str(json_t *claims, const char *name)
{
	json_t *v = json_object_get(claims, name);

	return json_is_string(v) ? json_string_value(v) : NULL;
}

static int
listed(const char *const *list, const char *s)
{
	for (; *list != NULL; list++)
		if (strcmp(*list, s) == 0)
			return 1;
	return 0;
}

/* The key type an algorithm needs. */
static int
alg_kty(const char *alg, cjose_jwk_kty_t *kty)
{
	if (alg[0] == 'R' && alg[1] == 'S')
		*kty = CJOSE_JWK_KTY_RSA;
	else if (alg[0] == 'P' && alg[1] == 'S')
		*kty = CJOSE_JWK_KTY_RSA;
	else if (alg[0] == 'E' && alg[1] == 'S')
		*kty = CJOSE_JWK_KTY_EC;
	else
		return 0;
	return 1;
}

static const char *
kty_name(cjose_jwk_kty_t kty)
{
	return kty == CJOSE_JWK_KTY_RSA ? "RSA" : "EC";
}

/*
 * The key of the set for this header: by kid, or the only one of the
 * type; a key for encryption ("use": "enc") or bound to another
 * algorithm is passed over. NULL when none fits.
 */
static cjose_jwk_t *
pick_key(json_t *keys, const char *kid, const char *alg,
    cjose_jwk_kty_t kty)
{
	json_t *arr = json_object_get(keys, "keys"), *k, *found = NULL;
	size_t i, n = 0;
	cjose_err err;

	if (!json_is_array(arr))
		return NULL;
	json_array_foreach(arr, i, k) {
		const char *kkid = jwt_str(k, "kid");
		const char *kty_s = jwt_str(k, "kty");
		const char *use = jwt_str(k, "use");
		const char *kalg = jwt_str(k, "alg");

		if (kty_s == NULL || strcmp(kty_s, kty_name(kty)) != 0)
			continue;
		if (use != NULL && strcmp(use, "sig") != 0)
			continue;
		if (kalg != NULL && strcmp(kalg, alg) != 0)
			continue;
		if (kid != NULL) {
			if (kkid != NULL && strcmp(kkid, kid) == 0) {
				found = k;
				n = 1;
				break;
			}
			continue;
		}
		found = k;
		n++;
	}
	if (found == NULL || n != 1)
		return NULL;
	return cjose_jwk_import_json((cjose_header_t *)found, &err);
}

static int
aud_ok(json_t *claims, const char *client)
{
	json_t *aud = json_object_get(claims, "aud"), *v;
	const char *azp = jwt_str(claims, "azp");
	size_t i;
	int has = 0;

	if (json_is_string(aud))
		has = strcmp(json_string_value(aud), client) == 0;
	else if (json_is_array(aud) && json_array_size(aud) > 0) {
		json_array_foreach(aud, i, v)
			if (json_is_string(v) &&
			    strcmp(json_string_value(v), client) == 0)
				has = 1;
		/* several audiences: the token must say it was for us */
		if (json_array_size(aud) > 1 && azp == NULL)
			return 0;
	}
	return has && (azp == NULL || strcmp(azp, client) == 0);
}

static int
time_claim(json_t *claims, const char *name, long long *out)
{
	json_t *v = json_object_get(claims, name);

	if (json_is_integer(v))
		*out = (long long)json_integer_value(v);
	else if (json_is_real(v))
		*out = (long long)json_real_value(v);
	else
		return 0;
	return 1;
}

static st_rc
check_claims(json_t *c, const struct jwt_expect *e, const char **why)
{
	const char *iss = jwt_str(c, "iss"), *nonce = jwt_str(c, "nonce");
	const char *acr = jwt_str(c, "acr");
	long long exp, iat, auth;

	if (!json_is_object(c))
		return *why = "claims are not an object", ST_E_INVALID;
	if (iss == NULL || strcmp(iss, e->iss) != 0)
		return *why = "wrong issuer", ST_E_INVALID;
	if (!aud_ok(c, e->aud))
		return *why = "not for this client (aud, azp)", ST_E_INVALID;
	if (!time_claim(c, "iat", &iat))
		return *why = "no iat", ST_E_INVALID;
	if (iat > e->now + JWT_SKEW_S)
		return *why = "issued in the future", ST_E_INVALID;
	if (e->max_age > 0 && iat < e->now - e->max_age - JWT_SKEW_S)
		return *why = "issued too long ago", ST_E_INVALID;
	if (e->logout) {
		json_t *ev = json_object_get(c, "events");

		if (!json_is_object(ev) ||
		    !json_is_object(json_object_get(ev, BACKCHANNEL_EVENT)))
			return *why = "no logout event", ST_E_INVALID;
		if (json_object_get(c, "nonce") != NULL)
			return *why = "a logout token with a nonce",
			    ST_E_INVALID;
		if (jwt_str(c, "sub") == NULL && jwt_str(c, "sid") == NULL)
			return *why = "a logout token names no one",
			    ST_E_INVALID;
		/* exp is optional in a logout token; when there, it holds */
		if (time_claim(c, "exp", &exp) && exp < e->now - JWT_SKEW_S)
			return *why = "expired", ST_E_INVALID;
		return ST_OK;
	}
	if (!time_claim(c, "exp", &exp))
		return *why = "no exp", ST_E_INVALID;
	if (exp < e->now - JWT_SKEW_S)
		return *why = "expired", ST_E_INVALID;
	if (jwt_str(c, "sub") == NULL)
		return *why = "no sub", ST_E_INVALID;
	if (!e->refresh && (e->nonce == NULL || nonce == NULL ||
	    strcmp(nonce, e->nonce) != 0))
		return *why = "wrong nonce", ST_E_INVALID;
	if (e->auth_after > 0 && (!time_claim(c, "auth_time", &auth) ||
	    auth < e->auth_after - JWT_SKEW_S))
		return *why = "no new proof (auth_time)", ST_E_INVALID;
	if (e->acr != NULL && (acr == NULL || !listed(e->acr, acr)))
		return *why = "level of assurance too low (acr)", ST_E_INVALID;
	return ST_OK;
}

st_rc
jwt_verify(const char *compact, size_t len, json_t *keys,
    const struct jwt_expect *e, json_t **claims, const char **why)
{
	const char *const *algs = e->algs != NULL ? e->algs :
	    jwt_default_algs;
	cjose_jws_t *jws;
	cjose_jwk_t *jwk;
	cjose_header_t *hdr;
	cjose_jwk_kty_t kty;
	cjose_err err;
	const char *alg, *kid, *typ;
	uint8_t *plain = NULL;
	size_t plen = 0;
	json_t *c;
	json_error_t jerr;
	st_rc rc;

	*claims = NULL;
	*why = NULL;
	if (len == 0 || len > JWT_MAX_LEN)
		return *why = "no token, or too long", ST_E_INVALID;
	if ((jws = cjose_jws_import(compact, len, &err)) == NULL)
		return *why = "not a signed token", ST_E_INVALID;
	hdr = cjose_jws_get_protected(jws);
	alg = cjose_header_get(hdr, "alg", &err);
	kid = cjose_header_get(hdr, "kid", &err);
	typ = cjose_header_get(hdr, "typ", &err);
	if (alg == NULL || !listed(algs, alg) || !alg_kty(alg, &kty)) {
		cjose_jws_release(jws);
		return *why = "algorithm not allowed", ST_E_INVALID;
	}
	/* a logout token says so, so no ID token can pass for one */
	if (e->logout && typ != NULL && strcmp(typ, "logout+jwt") != 0 &&
	    strcmp(typ, "JWT") != 0) {
		cjose_jws_release(jws);
		return *why = "wrong token type", ST_E_INVALID;
	}
	if ((jwk = pick_key(keys, kid, alg, kty)) == NULL) {
		cjose_jws_release(jws);
		return *why = "no key for the token", ST_E_NOT_FOUND;
	}
	if (!cjose_jws_verify(jws, jwk, &err) ||
	    !cjose_jws_get_plaintext(jws, &plain, &plen, &err)) {
		cjose_jwk_release(jwk);
		cjose_jws_release(jws);
		return *why = "bad signature", ST_E_INVALID;
	}
	c = json_loadb((const char *)plain, plen, JSON_REJECT_DUPLICATES,
	    &jerr);
	cjose_jwk_release(jwk);
	cjose_jws_release(jws);
	if (c == NULL)
		return *why = "claims are not JSON", ST_E_INVALID;
	if ((rc = check_claims(c, e, why)) != ST_OK) {
		json_decref(c);
		return rc;
	}
	*claims = c;
	return ST_OK;
}

st_rc
jwt_sign(const char *key_json, json_t *claims, char **out)
{
	cjose_jwk_t *jwk;
	cjose_header_t *hdr;
	cjose_jws_t *jws = NULL;
	cjose_err err;
	const char *kid, *ser = NULL;
	char *plain;
	st_rc rc = ST_E_CONFIG;

	*out = NULL;
	if ((jwk = cjose_jwk_import(key_json, strlen(key_json), &err)) ==
	    NULL)
		return ST_E_CONFIG;
	if ((plain = json_dumps(claims, JSON_COMPACT)) == NULL) {
		cjose_jwk_release(jwk);
		return ST_E_NOMEM;
	}
	kid = cjose_jwk_get_kid(jwk, &err);
	if ((hdr = cjose_header_new(&err)) != NULL &&
	    cjose_header_set(hdr, CJOSE_HDR_ALG,
	    cjose_jwk_get_kty(jwk, &err) == CJOSE_JWK_KTY_EC ?
	    CJOSE_HDR_ALG_ES256 : CJOSE_HDR_ALG_RS256, &err) &&
	    cjose_header_set(hdr, "typ", "JWT", &err) &&
	    (kid == NULL || cjose_header_set(hdr, CJOSE_HDR_KID, kid, &err)) &&
	    (jws = cjose_jws_sign(jwk, hdr, (const uint8_t *)plain,
	    strlen(plain), &err)) != NULL &&
	    cjose_jws_export(jws, &ser, &err)) {
		*out = xstrdup(ser);
		rc = ST_OK;
	}
	cjose_jws_release(jws);
	cjose_header_release(hdr);
	cjose_jwk_release(jwk);
	xfree(plain);
	return rc;
}
