/* check_req.c: unit tests of the request context and response helpers. */
#include "config.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "req.h"

static struct req r;

static void
setup(void)
{
	req_init(&r, NULL);
}

static void
teardown(void)
{
	req_release(&r);
}

START_TEST(cookie_attributes)
{
	ck_assert_int_eq(resp_cookie(&r, "stafett_session", "abc", -1), ST_OK);
	ck_assert_str_eq(r.hdrs.data, "Set-Cookie: stafett_session=abc; "
	    "Path=/; HttpOnly; SameSite=Strict\r\n");
}
END_TEST

START_TEST(cookie_secure_over_tls)
{
	r.https = 1;
	ck_assert_int_eq(resp_cookie(&r, "s", "v", 0), ST_OK);
	ck_assert_str_eq(r.hdrs.data, "Set-Cookie: __Host-s=v; Path=/; "
	    "HttpOnly; SameSite=Strict; Secure; Max-Age=0\r\n");
}
END_TEST

/* Issue 15: over TLS a cookie without the prefix (set by a subdomain
 * or over plain HTTP) is not ours. */
START_TEST(cookie_prefix_over_tls)
{
	ck_assert_int_eq(cookie_parse(&r.cookies,
	    "stafett_lang=nn; __Host-stafett_lang=en"), ST_OK);
	ck_assert_str_eq(req_cookie(&r, "stafett_lang"), "nn");
	r.https = 1;
	ck_assert_str_eq(req_cookie(&r, "stafett_lang"), "en");
	fields_release(&r.cookies);
	fields_init(&r.cookies);
	ck_assert_int_eq(cookie_parse(&r.cookies, "stafett_lang=nn"), ST_OK);
	ck_assert_ptr_null(req_cookie(&r, "stafett_lang"));
}
END_TEST

START_TEST(header_injection_is_refused)
{
	ck_assert_int_eq(resp_header(&r, "X-A", "ok"), ST_OK);
	ck_assert_int_eq(resp_header(&r, "X-B", "bad\r\nSet-Cookie: x=1"),
	    ST_E_INVALID);
	ck_assert_int_eq(resp_header(&r, "X-C: y", "v"), ST_E_INVALID);
	ck_assert_int_eq(resp_header(&r, "X-D", "bad\nx"), ST_E_INVALID);
	ck_assert_str_eq(r.hdrs.data, "X-A: ok\r\n");
}
END_TEST

START_TEST(redirects_stay_on_the_site)
{
	ck_assert_int_eq(resp_redirect(&r, "/concerns/x?new=1"), ST_OK);
	ck_assert_int_eq(r.status, 303);
	ck_assert_str_eq(r.hdrs.data, "Location: /concerns/x?new=1\r\n");
	buf_reset(&r.hdrs);
	ck_assert_int_eq(resp_redirect(&r, "//evil.example/"), ST_OK);
	ck_assert_str_eq(r.hdrs.data, "Location: /\r\n");
	buf_reset(&r.hdrs);
	ck_assert_int_eq(resp_redirect(&r, "https://evil.example/"), ST_OK);
	ck_assert_str_eq(r.hdrs.data, "Location: /\r\n");
	buf_reset(&r.hdrs);
	ck_assert_int_eq(resp_redirect(&r, "/\\evil.example"), ST_OK);
	ck_assert_str_eq(r.hdrs.data, "Location: /\r\n");
}
END_TEST

START_TEST(cookies_and_api_paths)
{
	ck_assert_int_eq(cookie_parse(&r.cookies, "a=1; stafett_lang=en"),
	    ST_OK);
	ck_assert_str_eq(req_cookie(&r, "stafett_lang"), "en");
	ck_assert_ptr_null(req_cookie(&r, "missing"));
	r.path = "/api/v1/forms/concern";
	ck_assert(req_is_api(&r));
	r.path = "/apiv1";
	ck_assert(!req_is_api(&r));
	r.path = "/forms/concern";
	ck_assert(!req_is_api(&r));
}
END_TEST

START_TEST(reasons)
{
	ck_assert_str_eq(http_reason(201), "Created");
	ck_assert_str_eq(http_reason(422), "Unprocessable Entity");
	ck_assert_str_eq(http_reason(503), "Service Unavailable");
	ck_assert_str_eq(http_reason(299), "Unknown");
}
END_TEST

START_TEST(text_response_replaces_body)
{
	ck_assert_int_eq(resp_text(&r, 200, "text/plain", "first"), ST_OK);
	ck_assert_int_eq(resp_text(&r, 503, "text/plain", "second"), ST_OK);
	ck_assert_str_eq(r.out.data, "second");
	ck_assert_int_eq(r.status, 503);
}
END_TEST

static Suite *
req_suite(void)
{
	Suite *s = suite_create("req");
	TCase *tc = tcase_create("response");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, cookie_attributes);
	tcase_add_test(tc, cookie_secure_over_tls);
	tcase_add_test(tc, cookie_prefix_over_tls);
	tcase_add_test(tc, header_injection_is_refused);
	tcase_add_test(tc, redirects_stay_on_the_site);
	tcase_add_test(tc, cookies_and_api_paths);
	tcase_add_test(tc, reasons);
	tcase_add_test(tc, text_response_replaces_body);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(req_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
