/* check_auth.c: unit tests of session and token handling that need no
 * database: what is refused before any lookup. */
#include "config.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "auth.h"
#include "conf.h"
#include "secure.h"
#include "worker.h"

static struct conf cfg;
static struct worker w;
static struct req r;

static void
setup(void)
{
	char err[256];

	ck_assert_int_eq(conf_load(&cfg, "/nonexistent/stafett.conf", 0, err,
	    sizeof(err)), ST_OK);
	memset(&w, 0, sizeof(w));
	w.cfg = &cfg;
	/* An unconnected database: any lookup would fail, not return. */
	db_init(&w.db, "/nonexistent.sock", "", 0, "", "", "x");
	req_init(&r, &w);
}

static void
teardown(void)
{
	req_release(&r);
	db_release(&w.db);
	conf_release(&cfg);
}

START_TEST(no_session_cookie)
{
	ck_assert_int_eq(auth_session(&r), ST_E_NOT_FOUND);
	ck_assert_int_eq(r.who.user_id, 0);
	ck_assert_int_eq(r.auth, AUTH_NONE);
}
END_TEST

START_TEST(malformed_session_cookie)
{
	/* A cookie that is not a 43-character token is never looked up. */
	ck_assert_int_eq(cookie_parse(&r.cookies, "stafett_session=short"),
	    ST_OK);
	ck_assert_int_eq(auth_session(&r), ST_E_NOT_FOUND);
}
END_TEST

START_TEST(well_formed_cookie_is_looked_up)
{
	char tok[SECURE_TOKEN_SIZE], hdr[80];

	secure_token(tok);
	snprintf(hdr, sizeof(hdr), "stafett_session=%s", tok);
	ck_assert_int_eq(cookie_parse(&r.cookies, hdr), ST_OK);
	/* It reaches the database, which is not there. */
	ck_assert_int_eq(auth_session(&r), ST_E_DB_GONE);
	ck_assert_int_eq(r.auth, AUTH_NONE);
}
END_TEST

START_TEST(bearer_header_forms)
{
	char tok[SECURE_TOKEN_SIZE], hdr[80];

	ck_assert_int_eq(auth_bearer(&r), ST_E_NOT_FOUND);
	r.authorization = "Basic dXNlcjpwdw==";
	ck_assert_int_eq(auth_bearer(&r), ST_E_NOT_FOUND);
	r.authorization = "Bearer tooshort";
	ck_assert_int_eq(auth_bearer(&r), ST_E_NOT_FOUND);
	secure_token(tok);
	snprintf(hdr, sizeof(hdr), "bearer  %s", tok);
	r.authorization = hdr;
	ck_assert_int_eq(auth_bearer(&r), ST_E_DB_GONE);
}
END_TEST

START_TEST(user_names)
{
	ck_assert(auth_valid_username("ansatt"));
	ck_assert(auth_valid_username("kari.nordmann-2"));
	ck_assert(!auth_valid_username(""));
	ck_assert(!auth_valid_username("Ansatt"));
	ck_assert(!auth_valid_username("a b"));
	ck_assert(!auth_valid_username("x'; DROP TABLE app_user; --"));
	/* 65 characters: one too many */
	ck_assert(!auth_valid_username("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	    "aaaaaaaaaaaaaaaaaaaaaaaaaaaa"));
}
END_TEST

static Suite *
auth_suite(void)
{
	Suite *s = suite_create("auth");
	TCase *tc = tcase_create("refusals");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, no_session_cookie);
	tcase_add_test(tc, malformed_session_cookie);
	tcase_add_test(tc, well_formed_cookie_is_looked_up);
	tcase_add_test(tc, bearer_header_forms);
	tcase_add_test(tc, user_names);
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
	sr = srunner_create(auth_suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
