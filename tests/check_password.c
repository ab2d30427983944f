/* check_password.c: unit tests for argon2id password hashing (password.h). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <argon2.h>
#include <check.h>

#include "password.h"
#include "secure.h"

#define PW	"correct horse battery staple"
#define PW_NB	"bl\xc3\xa5" "b\xc3\xa6rsyltet\xc3\xb8y 17"

/* A password of n copies of c (out must hold n + 1 bytes). */
static void
fill(char *out, size_t n, char c)
{
	memset(out, c, n);
	out[n] = '\0';
}

START_TEST(test_hash_verify)
{
	char h[PASSWORD_HASH_SIZE];

	ck_assert_int_eq(password_hash(PW, h), ST_OK);
	ck_assert_uint_lt(strlen(h), PASSWORD_HASH_SIZE);
	ck_assert_int_eq(strncmp(h, "$argon2id$", 10), 0);
	/* The parameters password.h promises: 19 MiB, 2 passes, 1 lane. */
	ck_assert_ptr_nonnull(strstr(h, "$v=19$m=19456,t=2,p=1$"));
	ck_assert_int_eq(password_verify(h, PW), ST_OK);
	/* Wrong passwords, including near misses. */
	ck_assert_int_eq(password_verify(h, "correct horse battery stapl"),
	    ST_E_INVALID);
	ck_assert_int_eq(password_verify(h, PW "e"), ST_E_INVALID);
	ck_assert_int_eq(password_verify(h, "Correct horse battery staple"),
	    ST_E_INVALID);
	ck_assert_int_eq(password_verify(h, ""), ST_E_INVALID);
	/* A fresh hash is as strong as today's parameters. */
	ck_assert_int_eq(password_needs_rehash(h), 0);
}
END_TEST

START_TEST(test_salted)
{
	char a[PASSWORD_HASH_SIZE], b[PASSWORD_HASH_SIZE];

	/* Same password, different salt, different string; both verify. */
	ck_assert_int_eq(password_hash(PW_NB, a), ST_OK);
	ck_assert_int_eq(password_hash(PW_NB, b), ST_OK);
	ck_assert_str_ne(a, b);
	ck_assert_int_eq(password_verify(a, PW_NB), ST_OK);
	ck_assert_int_eq(password_verify(b, PW_NB), ST_OK);
	/* The salt field (between the 4th and 5th '$') differs. */
	ck_assert_int_ne(strncmp(strchr(strstr(a, "p=1$"), '$'),
	    strchr(strstr(b, "p=1$"), '$'), 12), 0);
}
END_TEST

START_TEST(test_too_long)
{
	char pw[PASSWORD_MAX + 2];
	char h[PASSWORD_HASH_SIZE];

	/* One byte over the limit: refused before hashing. */
	fill(pw, PASSWORD_MAX + 1, 'x');
	ck_assert_int_eq(password_hash(pw, h), ST_E_TOO_BIG);
	/* Exactly at the limit: fine, and a longer one never matches it. */
	fill(pw, PASSWORD_MAX, 'x');
	ck_assert_int_eq(password_hash(pw, h), ST_OK);
	ck_assert_int_eq(password_verify(h, pw), ST_OK);
	fill(pw, PASSWORD_MAX + 1, 'x');
	ck_assert_int_eq(password_verify(h, pw), ST_E_INVALID);
}
END_TEST

START_TEST(test_garbage)
{
	static const char *const junk[] = {
		"",
		"garbage",
		"$argon2id$",
		"$argon2id$v=19$m=19456,t=2,p=1$",
		"$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$",
		"$argon2id$v=19$m=19456,t=2,p=1$!!!!$????",
		"$argon2id$v=19$m=x,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNo",
		"$2b$12$abcdefghijklmnopqrstuvABCDEFGHIJKLMNOPQRSTUVWXYZ01234",
		"plaintext " PW,
	};
	size_t i;

	for (i = 0; i < sizeof(junk) / sizeof(junk[0]); i++)
		ck_assert_msg(password_verify(junk[i], PW) == ST_E_INVALID,
		    "'%s' not refused", junk[i]);
}
END_TEST

START_TEST(test_tampered)
{
	char stored[PASSWORD_HASH_SIZE], h[PASSWORD_HASH_SIZE];
	size_t n;

	ck_assert_int_eq(password_hash(PW, stored), ST_OK);
	n = strlen(stored);
	/* The last hash character changed. */
	memcpy(h, stored, n + 1);
	h[n - 1] = h[n - 1] == 'A' ? 'B' : 'A';
	ck_assert_int_eq(password_verify(h, PW), ST_E_INVALID);
	/* The hash cut short. */
	memcpy(h, stored, n + 1);
	h[n - 4] = '\0';
	ck_assert_int_eq(password_verify(h, PW), ST_E_INVALID);
	/* Weaker parameters with the same salt and hash do not verify. */
	memcpy(h, stored, n + 1);
	memcpy(strstr(h, "t=2"), "t=1", 3);
	ck_assert_int_eq(password_verify(h, PW), ST_E_INVALID);
	/* The original still does. */
	ck_assert_int_eq(password_verify(stored, PW), ST_OK);
}
END_TEST

START_TEST(test_other_argon2_type)
{
	static const char salt[] = "saltsaltsaltsalt";
	char h[PASSWORD_HASH_SIZE];

	/*
	 * A correct argon2i hash of the right password: only argon2id is
	 * accepted, so a stored hash cannot downgrade the algorithm.
	 */
	ck_assert_int_eq(argon2i_hash_encoded(2, 19456, 1, PW, strlen(PW),
	    salt, sizeof(salt) - 1, 32, h, sizeof(h)), ARGON2_OK);
	ck_assert_int_eq(strncmp(h, "$argon2i$", 9), 0);
	ck_assert_int_eq(password_verify(h, PW), ST_E_INVALID);
}
END_TEST

START_TEST(test_needs_rehash)
{
	/* Weaker memory, weaker passes, or both. */
	ck_assert(password_needs_rehash("$argon2id$v=19$m=4096,t=1,p=1$"
	    "c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaA"));
	ck_assert(password_needs_rehash("$argon2id$v=19$m=19455,t=2,p=1$"
	    "c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaA"));
	ck_assert(password_needs_rehash("$argon2id$v=19$m=65536,t=1,p=4$"
	    "c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaA"));
	/* Today's parameters, or stronger ones, are fine as they are. */
	ck_assert(!password_needs_rehash("$argon2id$v=19$m=19456,t=2,p=1$"
	    "c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaA"));
	ck_assert(!password_needs_rehash("$argon2id$v=19$m=65536,t=3,p=4$"
	    "c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaA"));
	/* Nothing parseable: rehash. */
	ck_assert(password_needs_rehash(""));
	ck_assert(password_needs_rehash("garbage"));
	ck_assert(password_needs_rehash("$argon2id$v=19$"));
}
END_TEST

static Suite *
password_suite(void)
{
	Suite *s = suite_create("password");
	TCase *tc = tcase_create("core");

	/* Each hash costs 19 MiB and two passes: slow under valgrind. */
	tcase_set_timeout(tc, 600);
	tcase_add_test(tc, test_hash_verify);
	tcase_add_test(tc, test_salted);
	tcase_add_test(tc, test_too_long);
	tcase_add_test(tc, test_garbage);
	tcase_add_test(tc, test_tampered);
	tcase_add_test(tc, test_other_argon2_type);
	tcase_add_test(tc, test_needs_rehash);
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
	sr = srunner_create(password_suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
