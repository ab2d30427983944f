/* check_jwt.c: unit tests for what a provider's token must be (jwt.h). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <check.h>
#include <cjose/cjose.h>
#include <sodium.h>

#include "jwt.h"
#include "mem.h"
#include "secure.h"

#define ISS	"https://idp.test"
#define AUD	"stafett"
#define NONCE	"n-0S6_WzA2Mj"
#define NOW	1800000000LL

static cjose_jwk_t *rsa, *rsa2, *ec;
static json_t *keys;

static char *
jwk_json(cjose_jwk_t *k, int priv)
{
	cjose_err err;

	return cjose_jwk_to_json(k, priv, &err);
}

/* A key set holding the public halves of the keys given. */
static json_t *
keyset(cjose_jwk_t *a, cjose_jwk_t *b)
{
	json_t *set = json_object(), *arr = json_array();
	cjose_jwk_t *k[2] = { a, b };
	json_error_t jerr;
	int i;

	for (i = 0; i < 2; i++) {
		char *s;

		if (k[i] == NULL)
			continue;
		s = jwk_json(k[i], 0);
		json_array_append_new(arr, json_loads(s, 0, &jerr));
		xfree(s);
	}
	json_object_set_new(set, "keys", arr);
	return set;
}

static cjose_jwk_t *
new_rsa(const char *kid)
{
	static const uint8_t e[] = { 1, 0, 1 };
	cjose_err err;
	cjose_jwk_t *k = cjose_jwk_create_RSA_random(2048, e, 3, &err);

	ck_assert_ptr_nonnull(k);
	ck_assert(cjose_jwk_set_kid(k, kid, strlen(kid), &err));
	return k;
}

static void
setup(void)
{
	cjose_err err;

	if (rsa != NULL)
		return;
	rsa = new_rsa("k1");
	rsa2 = new_rsa("k2");
	ec = cjose_jwk_create_EC_random(CJOSE_JWK_EC_P_256, &err);
	ck_assert(cjose_jwk_set_kid(ec, "e1", 2, &err));
	keys = keyset(rsa, ec);
}

/* The claims of a good ID token; a test changes what it tests. */
static json_t *
good_claims(void)
{
	return json_pack("{s:s, s:s, s:s, s:I, s:I, s:s, s:s}",
	    "iss", ISS, "aud", AUD, "sub", "pairwise-1",
	    "iat", (json_int_t)NOW - 5, "exp", (json_int_t)NOW + 120,
	    "nonce", NONCE, "acr", "idporten-loa-substantial");
}

static char *
sign_with(cjose_jwk_t *k, json_t *claims)
{
	char *priv = jwk_json(k, 1), *out = NULL;

	ck_assert_int_eq(jwt_sign(priv, claims, &out), ST_OK);
	xfree(priv);
	json_decref(claims);
	return out;
}

static const char *const subst[] = { "idporten-loa-substantial",
	"idporten-loa-high", NULL };

static struct jwt_expect
expect(void)
{
	struct jwt_expect e;

	memset(&e, 0, sizeof(e));
	e.iss = ISS;
	e.aud = AUD;
	e.nonce = NONCE;
	e.acr = subst;
	e.now = NOW;
	e.max_age = 600;
	return e;
}

static st_rc
check(const char *token, const struct jwt_expect *e, const char **why)
{
	json_t *claims = NULL;
	st_rc rc;

	rc = jwt_verify(token, strlen(token), keys, e, &claims, why);
	/* claims only with a token believed, a reason only without */
	if (rc == ST_OK)
		ck_assert_ptr_nonnull(claims);
	else {
		ck_assert_ptr_null(claims);
		ck_assert_ptr_nonnull(*why);
	}
	json_decref(claims);
	return rc;
}

START_TEST(test_good_rsa_and_ec)
{
	struct jwt_expect e = expect();
	const char *why;
	json_t *claims = NULL;
	char *t = sign_with(rsa, good_claims());

	ck_assert_int_eq(jwt_verify(t, strlen(t), keys, &e, &claims, &why),
	    ST_OK);
	ck_assert_str_eq(jwt_str(claims, "sub"), "pairwise-1");
	json_decref(claims);
	xfree(t);
	t = sign_with(ec, good_claims());
	ck_assert_int_eq(check(t, &e, &why), ST_OK);
	xfree(t);
}
END_TEST

/* Each claim a wrong value: refused, and said why. */
static const struct bad_claim {
	const char	*name;
	const char	*json;	/* the value, as JSON; NULL: removed */
	const char	*why;
} bad_claims[] = {
	{ "iss", "\"https://evil.test\"", "wrong issuer" },
	{ "iss", NULL, "wrong issuer" },
	{ "aud", "\"another-client\"", "not for this client (aud, azp)" },
	{ "aud", "[\"stafett\", \"other\"]", "not for this client (aud, azp)" },
	{ "azp", "\"other\"", "not for this client (aud, azp)" },
	{ "exp", "1799999000", "expired" },
	{ "exp", NULL, "no exp" },
	{ "exp", "\"tomorrow\"", "no exp" },
	{ "iat", "1800000500", "issued in the future" },
	{ "iat", "1799990000", "issued too long ago" },
	{ "nonce", "\"another\"", "wrong nonce" },
	{ "nonce", NULL, "wrong nonce" },
	{ "acr", "\"idporten-loa-low\"", "level of assurance too low (acr)" },
	{ "acr", NULL, "level of assurance too low (acr)" },
	{ "sub", NULL, "no sub" },
};

START_TEST(test_bad_claim)
{
	const struct bad_claim *b = &bad_claims[_i];
	struct jwt_expect e = expect();
	json_t *c = good_claims();
	json_error_t jerr;
	const char *why = NULL;
	char *t;

	if (b->json == NULL)
		json_object_del(c, b->name);
	else
		json_object_set_new(c, b->name, json_loads(b->json,
		    JSON_DECODE_ANY, &jerr));
	t = sign_with(rsa, c);
	ck_assert_int_eq(check(t, &e, &why), ST_E_INVALID);
	ck_assert_str_eq(why, b->why);
	xfree(t);
}
END_TEST

START_TEST(test_several_audiences_with_azp)
{
	struct jwt_expect e = expect();
	json_t *c = good_claims();
	json_error_t jerr;
	const char *why;
	char *t;

	json_object_set_new(c, "aud", json_loads("[\"stafett\", \"other\"]",
	    0, &jerr));
	json_object_set_new(c, "azp", json_string(AUD));
	t = sign_with(rsa, c);
	ck_assert_int_eq(check(t, &e, &why), ST_OK);
	xfree(t);
}
END_TEST

/* A token signed by a key the set lacks: not found, so the caller may
 * fetch the set again (a rotation); then it holds. */
START_TEST(test_unknown_kid_then_rotated)
{
	struct jwt_expect e = expect();
	const char *why;
	char *t = sign_with(rsa2, good_claims());
	json_t *old = keys;

	ck_assert_int_eq(check(t, &e, &why), ST_E_NOT_FOUND);
	keys = keyset(rsa, rsa2);
	ck_assert_int_eq(check(t, &e, &why), ST_OK);
	json_decref(keys);
	keys = old;
	xfree(t);
}
END_TEST

/* A signature from another key under the right kid is refused. */
START_TEST(test_forged_signature)
{
	struct jwt_expect e = expect();
	const char *why;
	char *t = sign_with(rsa2, good_claims());
	json_t *set = keyset(rsa, NULL);
	json_t *claims = NULL;

	/* the set's key is "k1", the token names "k2": rename the key */
	json_object_set_new(json_array_get(json_object_get(set, "keys"), 0),
	    "kid", json_string("k2"));
	ck_assert_int_eq(jwt_verify(t, strlen(t), set, &e, &claims, &why),
	    ST_E_INVALID);
	ck_assert_str_eq(why, "bad signature");
	json_decref(set);
	xfree(t);
}
END_TEST

/* alg "none" and HS256 (the provider's public key as an HMAC secret)
 * are never let in; nor a header naming an algorithm not allowed. */
START_TEST(test_algorithms_refused)
{
	static const char *const hdrs[] = {
		"{\"alg\":\"none\",\"kid\":\"k1\"}",
		"{\"alg\":\"HS256\",\"kid\":\"k1\"}",
		"{\"alg\":\"RS1\",\"kid\":\"k1\"}",
	};
	struct jwt_expect e = expect();
	const char *why;
	char h[256], p[1024], t[2048], *claims;
	json_t *c = good_claims();
	size_t i;

	claims = json_dumps(c, JSON_COMPACT);
	json_decref(c);
	sodium_bin2base64(p, sizeof(p), (unsigned char *)claims,
	    strlen(claims), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	xfree(claims);
	for (i = 0; i < sizeof(hdrs) / sizeof(hdrs[0]); i++) {
		sodium_bin2base64(h, sizeof(h), (const unsigned char *)hdrs[i],
		    strlen(hdrs[i]), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
		snprintf(t, sizeof(t), "%s.%s.c2lnbmF0dXJl", h, p);
		ck_assert_int_eq(check(t, &e, &why), ST_E_INVALID);
	}
	/* an allowed algorithm the caller's list leaves out */
	{
		static const char *const only_es[] = { "ES256", NULL };
		char *tok = sign_with(rsa, good_claims());

		e.algs = only_es;
		ck_assert_int_eq(check(tok, &e, &why), ST_E_INVALID);
		ck_assert_str_eq(why, "algorithm not allowed");
		xfree(tok);
	}
}
END_TEST

START_TEST(test_garbage_and_size)
{
	struct jwt_expect e = expect();
	const char *why;
	char *big = xmalloc(JWT_MAX_LEN + 2);

	ck_assert_int_eq(check("", &e, &why), ST_E_INVALID);
	ck_assert_int_eq(check("a.b.c", &e, &why), ST_E_INVALID);
	ck_assert_int_eq(check("not a token", &e, &why), ST_E_INVALID);
	memset(big, 'A', JWT_MAX_LEN + 1);
	big[JWT_MAX_LEN + 1] = '\0';
	ck_assert_int_eq(check(big, &e, &why), ST_E_INVALID);
	xfree(big);
}
END_TEST

START_TEST(test_logout_token)
{
	struct jwt_expect e = expect();
	const char *why;
	json_t *c;
	char *t;

	e.logout = 1;
	e.nonce = NULL;
	e.acr = NULL;
	c = json_pack("{s:s, s:s, s:s, s:I, s:{s:{}}, s:s}", "iss", ISS,
	    "aud", AUD, "sid", "s-1", "iat", (json_int_t)NOW,
	    "events", "http://schemas.openid.net/event/backchannel-logout",
	    "jti", "j1");
	t = sign_with(rsa, c);
	ck_assert_int_eq(check(t, &e, &why), ST_OK);
	xfree(t);
	/* an ID token is no logout token: it has a nonce, no event */
	t = sign_with(rsa, good_claims());
	ck_assert_int_eq(check(t, &e, &why), ST_E_INVALID);
	ck_assert_str_eq(why, "no logout event");
	xfree(t);
	/* nor one with a nonce */
	c = json_pack("{s:s, s:s, s:s, s:I, s:{s:{}}, s:s}", "iss", ISS,
	    "aud", AUD, "sid", "s-1", "iat", (json_int_t)NOW,
	    "events", "http://schemas.openid.net/event/backchannel-logout",
	    "nonce", "n");
	t = sign_with(rsa, c);
	ck_assert_int_eq(check(t, &e, &why), ST_E_INVALID);
	xfree(t);
}
END_TEST

/* A new proof was asked for: auth_time must say it came after. */
START_TEST(test_auth_after)
{
	struct jwt_expect e = expect();
	const char *why;
	json_t *c;
	char *t;

	e.auth_after = NOW - 30;
	c = good_claims();
	json_object_set_new(c, "auth_time", json_integer(NOW - 20));
	t = sign_with(rsa, c);
	ck_assert_int_eq(check(t, &e, &why), ST_OK);
	xfree(t);
	/* the provider's old session, not a new proof */
	c = good_claims();
	json_object_set_new(c, "auth_time", json_integer(NOW - 3600));
	t = sign_with(rsa, c);
	ck_assert_int_eq(check(t, &e, &why), ST_E_INVALID);
	ck_assert_str_eq(why, "no new proof (auth_time)");
	xfree(t);
	/* not said at all */
	t = sign_with(rsa, good_claims());
	ck_assert_int_eq(check(t, &e, &why), ST_E_INVALID);
	xfree(t);
}
END_TEST

/* A refreshed ID token carries no nonce; everything else holds. */
START_TEST(test_refreshed_token)
{
	struct jwt_expect e = expect();
	const char *why;
	json_t *c = good_claims();
	char *t;

	json_object_del(c, "nonce");
	t = sign_with(rsa, c);
	ck_assert_int_eq(check(t, &e, &why), ST_E_INVALID);
	e.refresh = 1;
	ck_assert_int_eq(check(t, &e, &why), ST_OK);
	xfree(t);
	c = good_claims();
	json_object_set_new(c, "aud", json_string("other"));
	t = sign_with(rsa, c);
	ck_assert_int_eq(check(t, &e, &why), ST_E_INVALID);
	xfree(t);
}
END_TEST

static Suite *
jwt_suite(void)
{
	Suite *s = suite_create("jwt");
	TCase *tc = tcase_create("core");

	tcase_add_unchecked_fixture(tc, setup, NULL);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_good_rsa_and_ec);
	tcase_add_loop_test(tc, test_bad_claim, 0,
	    (int)(sizeof(bad_claims) / sizeof(bad_claims[0])));
	tcase_add_test(tc, test_several_audiences_with_azp);
	tcase_add_test(tc, test_unknown_kid_then_rotated);
	tcase_add_test(tc, test_forged_signature);
	tcase_add_test(tc, test_algorithms_refused);
	tcase_add_test(tc, test_garbage_and_size);
	tcase_add_test(tc, test_logout_token);
	tcase_add_test(tc, test_auth_after);
	tcase_add_test(tc, test_refreshed_token);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr;
	int failed;

	if (secure_init() != ST_OK)
		return EXIT_FAILURE;
	sr = srunner_create(jwt_suite());
	/* one process: the keys are made once (RSA takes a while) */
	srunner_set_fork_status(sr, CK_NOFORK);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	json_decref(keys);
	cjose_jwk_release(rsa);
	cjose_jwk_release(rsa2);
	cjose_jwk_release(ec);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
