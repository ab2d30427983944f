/* check_urlenc.c: unit tests for form, query and cookie parsing (urlenc.h). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "buf.h"
#include "mem.h"
#include "urlenc.h"

/* Parse a C string as a whole; the fields are in *f afterwards. */
static st_rc
parse(struct fields *f, const char *s)
{
	return urlenc_parse(f, s, strlen(s));
}

START_TEST(test_basic)
{
	struct fields f;

	fields_init(&f);
	ck_assert_int_eq(parse(&f, "a=1&b=two"), ST_OK);
	ck_assert_uint_eq(f.n, 2);
	ck_assert_str_eq(f.v[0].name, "a");
	ck_assert_str_eq(f.v[0].value, "1");
	ck_assert_str_eq(f.v[1].name, "b");
	ck_assert_str_eq(f.v[1].value, "two");
	ck_assert_str_eq(fields_get(&f, "a"), "1");
	ck_assert_str_eq(fields_get(&f, "b"), "two");
	ck_assert_ptr_null(fields_get(&f, "c"));
	ck_assert_ptr_null(fields_get(&f, "A"));
	fields_release(&f);
	ck_assert_uint_eq(f.n, 0);
	ck_assert_ptr_null(f.v);
}
END_TEST

START_TEST(test_empty_input)
{
	struct fields f;

	fields_init(&f);
	ck_assert_int_eq(parse(&f, ""), ST_OK);
	ck_assert_uint_eq(f.n, 0);
	ck_assert_int_eq(urlenc_parse(&f, "a=1", 0), ST_OK);
	ck_assert_uint_eq(f.n, 0);
	fields_release(&f);
}
END_TEST

START_TEST(test_decode)
{
	struct fields f;

	fields_init(&f);
	ck_assert_int_eq(parse(&f, "q=hello+world%21&first+name=%41%62"
	    "&nb=bl%C3%A5b%c3%a6r&plus=1%2B1&pct=100%25&amp=%26%3D"), ST_OK);
	ck_assert_uint_eq(f.n, 6);
	ck_assert_str_eq(fields_get(&f, "q"), "hello world!");
	/* Names are decoded too. */
	ck_assert_str_eq(fields_get(&f, "first name"), "Ab");
	/* Hex digits in either case; the bytes make UTF-8 "blåbær". */
	ck_assert_str_eq(fields_get(&f, "nb"), "bl\xc3\xa5" "b\xc3\xa6r");
	/* An encoded '+' is a plus, not a space. */
	ck_assert_str_eq(fields_get(&f, "plus"), "1+1");
	ck_assert_str_eq(fields_get(&f, "pct"), "100%");
	/* Encoded separators do not split. */
	ck_assert_str_eq(fields_get(&f, "amp"), "&=");
	fields_release(&f);
}
END_TEST

START_TEST(test_repeated)
{
	struct fields f;

	/* A multi-select: one field per chosen value, in order. */
	fields_init(&f);
	ck_assert_int_eq(parse(&f, "c=1&x=y&c=2&c=3"), ST_OK);
	ck_assert_uint_eq(f.n, 4);
	ck_assert_str_eq(f.v[0].name, "c");
	ck_assert_str_eq(f.v[0].value, "1");
	ck_assert_str_eq(f.v[2].name, "c");
	ck_assert_str_eq(f.v[2].value, "2");
	ck_assert_str_eq(f.v[3].name, "c");
	ck_assert_str_eq(f.v[3].value, "3");
	/* fields_get gives the first. */
	ck_assert_str_eq(fields_get(&f, "c"), "1");
	fields_release(&f);
}
END_TEST

START_TEST(test_empty_pairs)
{
	struct fields f;

	fields_init(&f);
	ck_assert_int_eq(parse(&f, "&a=1&&&b=2&"), ST_OK);
	ck_assert_uint_eq(f.n, 2);
	ck_assert_str_eq(f.v[0].name, "a");
	ck_assert_str_eq(f.v[1].name, "b");
	fields_release(&f);
	ck_assert_int_eq(parse(&f, "&&&"), ST_OK);
	ck_assert_uint_eq(f.n, 0);
	fields_release(&f);
}
END_TEST

START_TEST(test_no_value)
{
	struct fields f;

	/* "flag" without '=' and "e=" are both a field with an empty value. */
	fields_init(&f);
	ck_assert_int_eq(parse(&f, "flag&e=&a=1"), ST_OK);
	ck_assert_uint_eq(f.n, 3);
	ck_assert_str_eq(fields_get(&f, "flag"), "");
	ck_assert_str_eq(fields_get(&f, "e"), "");
	ck_assert_str_eq(fields_get(&f, "a"), "1");
	fields_release(&f);
}
END_TEST

START_TEST(test_value_with_eq)
{
	struct fields f;

	/* Only the first '=' separates name from value. */
	fields_init(&f);
	ck_assert_int_eq(parse(&f, "a=b=c&t=x=="), ST_OK);
	ck_assert_uint_eq(f.n, 2);
	ck_assert_str_eq(fields_get(&f, "a"), "b=c");
	ck_assert_str_eq(fields_get(&f, "t"), "x==");
	fields_release(&f);
}
END_TEST

START_TEST(test_empty_name)
{
	struct fields f;

	/* A value with no name cannot be addressed: the request is refused. */
	fields_init(&f);
	ck_assert_int_eq(parse(&f, "a=1&=2"), ST_E_INVALID);
	ck_assert_uint_eq(f.n, 0);
	fields_release(&f);
}
END_TEST

START_TEST(test_length_respected)
{
	struct fields f;
	const char s[] = "a=1&b=2";

	/* Only the first len bytes are parsed; no NUL needed at s[len]. */
	fields_init(&f);
	ck_assert_int_eq(urlenc_parse(&f, s, 3), ST_OK);
	ck_assert_uint_eq(f.n, 1);
	ck_assert_str_eq(fields_get(&f, "a"), "1");
	fields_release(&f);
	/* A '%' near the end of the slice must not read past it. */
	ck_assert_int_eq(urlenc_parse(&f, "a=%41", 4), ST_E_INVALID);
	ck_assert_uint_eq(f.n, 0);
	fields_release(&f);
}
END_TEST

/* Malformed percent escapes are refused, and nothing is kept. */
static const char *const bad_escapes[] = {
	"a=%",
	"a=%4",
	"a=1%",
	"a=%G1",
	"a=%4G",
	"a=%%41",
	"a=% 41",
	"a=%-1",
	"%zz=1",
	"x=1&y=2&a=%4",
	"x=1&a=%x1&y=2",
};

START_TEST(test_bad_escape)
{
	struct fields f;
	const char *s = bad_escapes[_i];

	fields_init(&f);
	ck_assert_msg(parse(&f, s) == ST_E_INVALID, "accepted '%s'", s);
	ck_assert_uint_eq(f.n, 0);
	ck_assert_ptr_null(f.v);
	fields_release(&f);
}
END_TEST

/* Decoded text that is not XML-safe UTF-8 is refused. */
static const char *const bad_text[] = {
	"a=%00",		/* NUL */
	"a=x%00y",
	"n%00=1",		/* NUL in a name */
	"a=%01",		/* C0 control */
	"a=%1B",		/* ESC */
	"a=%0B",		/* vertical tab */
	"a=%C3",		/* truncated two-byte sequence */
	"a=%C3x",
	"a=%E2%82",		/* truncated three-byte sequence */
	"a=%80",		/* lone continuation byte */
	"a=%C0%80",		/* overlong NUL */
	"a=%C1%BF",		/* overlong */
	"a=%E0%80%AF",		/* overlong '/' */
	"a=%ED%A0%80",		/* surrogate U+D800 */
	"a=%F4%90%80%80",	/* above U+10FFFF */
	"a=%FF",
	"a=%EF%BF%BE",		/* U+FFFE */
	"a=%EF%BF%BF",		/* U+FFFF */
	"a=\xff",		/* raw invalid byte */
	"a=\xc3\x28",
	"ok=1&a=\x01",		/* raw control, after a good field */
};

START_TEST(test_bad_text)
{
	struct fields f;
	const char *s = bad_text[_i];

	fields_init(&f);
	ck_assert_msg(parse(&f, s) == ST_E_INVALID, "accepted '%s'", s);
	ck_assert_uint_eq(f.n, 0);
	fields_release(&f);
}
END_TEST

START_TEST(test_raw_nul)
{
	struct fields f;

	/* A NUL byte in the raw input is as bad as an encoded one. */
	fields_init(&f);
	ck_assert_int_eq(urlenc_parse(&f, "a=x\0y", 5), ST_E_INVALID);
	ck_assert_uint_eq(f.n, 0);
	ck_assert_int_eq(urlenc_parse(&f, "a\0b=1", 5), ST_E_INVALID);
	ck_assert_uint_eq(f.n, 0);
	fields_release(&f);
}
END_TEST

START_TEST(test_good_text)
{
	struct fields f;

	/* TAB, LF and CR are XML characters; so is a 4-byte emoji. */
	fields_init(&f);
	ck_assert_int_eq(parse(&f, "t=a%09b%0Ac%0Dd&e=%F0%9F%98%80"
	    "&m=%EF%BF%BD"), ST_OK);
	ck_assert_str_eq(fields_get(&f, "t"), "a\tb\nc\rd");
	ck_assert_str_eq(fields_get(&f, "e"), "\xf0\x9f\x98\x80");
	ck_assert_str_eq(fields_get(&f, "m"), "\xef\xbf\xbd");
	fields_release(&f);
}
END_TEST

/* Build "a=1&" n times (the last '&' is harmless: empty pairs skip). */
static char *
many_fields(size_t n, const char *pair, const char *sep)
{
	struct buf b;
	size_t i;

	buf_init(&b, 1024 * 1024);
	for (i = 0; i < n; i++) {
		ck_assert_int_eq(buf_addstr(&b, pair), ST_OK);
		ck_assert_int_eq(buf_addstr(&b, sep), ST_OK);
	}
	return buf_take(&b);
}

START_TEST(test_max_fields)
{
	struct fields f;
	char *s;

	fields_init(&f);
	s = many_fields(URLENC_MAX_FIELDS, "a=1", "&");
	ck_assert_int_eq(parse(&f, s), ST_OK);
	ck_assert_uint_eq(f.n, URLENC_MAX_FIELDS);
	fields_release(&f);
	xfree(s);

	s = many_fields(URLENC_MAX_FIELDS + 1, "a=1", "&");
	ck_assert_int_eq(parse(&f, s), ST_E_TOO_BIG);
	ck_assert_uint_eq(f.n, 0);
	ck_assert_ptr_null(f.v);
	fields_release(&f);
	xfree(s);

	/* Empty pairs are not fields and do not count. */
	s = many_fields(URLENC_MAX_FIELDS * 2, "", "&");
	ck_assert_int_eq(parse(&f, s), ST_OK);
	ck_assert_uint_eq(f.n, 0);
	fields_release(&f);
	xfree(s);
}
END_TEST

START_TEST(test_cookie)
{
	struct fields f;

	fields_init(&f);
	ck_assert_int_eq(cookie_parse(&f, "a=1; b=2"), ST_OK);
	ck_assert_uint_eq(f.n, 2);
	ck_assert_str_eq(f.v[0].name, "a");
	ck_assert_str_eq(f.v[0].value, "1");
	ck_assert_str_eq(f.v[1].name, "b");
	ck_assert_str_eq(f.v[1].value, "2");
	fields_release(&f);
}
END_TEST

START_TEST(test_cookie_values)
{
	struct fields f;

	fields_init(&f);
	/* '=' in a value (base64 padding) stays; values are not decoded. */
	ck_assert_int_eq(cookie_parse(&f, "sid=abc==;  theme=dark%20blue ;"
	    "x=a+b"), ST_OK);
	ck_assert_uint_eq(f.n, 3);
	ck_assert_str_eq(fields_get(&f, "sid"), "abc==");
	ck_assert_str_eq(fields_get(&f, "theme"), "dark%20blue");
	ck_assert_str_eq(fields_get(&f, "x"), "a+b");
	fields_release(&f);

	/* An empty value is still a cookie. */
	ck_assert_int_eq(cookie_parse(&f, "e="), ST_OK);
	ck_assert_uint_eq(f.n, 1);
	ck_assert_str_eq(fields_get(&f, "e"), "");
	fields_release(&f);
}
END_TEST

START_TEST(test_cookie_junk)
{
	struct fields f;

	/* Not name=value pairs: skipped, the rest still parsed. */
	fields_init(&f);
	ck_assert_int_eq(cookie_parse(&f, "; ;foo; =x; a=1;;"), ST_OK);
	ck_assert_uint_eq(f.n, 1);
	ck_assert_str_eq(fields_get(&f, "a"), "1");
	fields_release(&f);
	ck_assert_int_eq(cookie_parse(&f, ""), ST_OK);
	ck_assert_uint_eq(f.n, 0);
	ck_assert_int_eq(cookie_parse(&f, "   "), ST_OK);
	ck_assert_uint_eq(f.n, 0);
	fields_release(&f);
}
END_TEST

START_TEST(test_cookie_unsafe)
{
	struct fields f;

	/*
	 * Other sites on the same domain may set cookies we cannot store as
	 * XML text; those are never kept, and they do not hide ours.
	 */
	fields_init(&f);
	ck_assert_int_eq(cookie_parse(&f, "a=\x01; bad=\xff\xfe; b=2"), ST_OK);
	ck_assert_ptr_null(fields_get(&f, "a"));
	ck_assert_ptr_null(fields_get(&f, "bad"));
	ck_assert_str_eq(fields_get(&f, "b"), "2");
	fields_release(&f);
}
END_TEST

START_TEST(test_cookie_max)
{
	struct fields f;
	char *s;

	fields_init(&f);
	s = many_fields(URLENC_MAX_FIELDS + 1, "c=1", "; ");
	ck_assert_int_eq(cookie_parse(&f, s), ST_E_TOO_BIG);
	ck_assert_uint_eq(f.n, 0);
	fields_release(&f);
	xfree(s);
}
END_TEST

START_TEST(test_fields_add)
{
	struct fields f;
	char name[8], value[8];
	size_t i;

	/* fields_add copies; the list grows past its first allocation. */
	fields_init(&f);
	for (i = 0; i < 100; i++) {
		name[0] = 'n';
		name[1] = (char)('0' + i / 10);
		name[2] = (char)('0' + i % 10);
		name[3] = '\0';
		value[0] = 'v';
		value[1] = name[1];
		value[2] = name[2];
		value[3] = '\0';
		fields_add(&f, name, value);
		name[0] = value[0] = '?';
	}
	ck_assert_uint_eq(f.n, 100);
	ck_assert_str_eq(fields_get(&f, "n00"), "v00");
	ck_assert_str_eq(fields_get(&f, "n57"), "v57");
	ck_assert_str_eq(fields_get(&f, "n99"), "v99");
	ck_assert_ptr_null(fields_get(&f, "?99"));
	/* Parsing appends to what is there. */
	ck_assert_int_eq(parse(&f, "n100=v100"), ST_OK);
	ck_assert_uint_eq(f.n, 101);
	ck_assert_str_eq(f.v[100].value, "v100");
	fields_release(&f);
	ck_assert_uint_eq(f.n, 0);
	/* A released list is reusable. */
	fields_add(&f, "k", "v");
	ck_assert_str_eq(fields_get(&f, "k"), "v");
	fields_release(&f);
}
END_TEST

static Suite *
urlenc_suite(void)
{
	Suite *s = suite_create("urlenc");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_basic);
	tcase_add_test(tc, test_empty_input);
	tcase_add_test(tc, test_decode);
	tcase_add_test(tc, test_repeated);
	tcase_add_test(tc, test_empty_pairs);
	tcase_add_test(tc, test_no_value);
	tcase_add_test(tc, test_value_with_eq);
	tcase_add_test(tc, test_empty_name);
	tcase_add_test(tc, test_length_respected);
	tcase_add_loop_test(tc, test_bad_escape, 0,
	    (int)(sizeof(bad_escapes) / sizeof(bad_escapes[0])));
	tcase_add_loop_test(tc, test_bad_text, 0,
	    (int)(sizeof(bad_text) / sizeof(bad_text[0])));
	tcase_add_test(tc, test_raw_nul);
	tcase_add_test(tc, test_good_text);
	tcase_add_test(tc, test_max_fields);
	tcase_add_test(tc, test_cookie);
	tcase_add_test(tc, test_cookie_values);
	tcase_add_test(tc, test_cookie_junk);
	tcase_add_test(tc, test_cookie_unsafe);
	tcase_add_test(tc, test_cookie_max);
	tcase_add_test(tc, test_fields_add);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(urlenc_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
