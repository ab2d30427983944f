/* check_utf8.c: unit tests for strict UTF-8 validation (fcgi/utf8.h). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "utf8.h"

/* Byte strings given with their length (they may hold NULs). */
struct bytes {
	const char	*s;
	size_t		 len;
	const char	*what;
};

#define B(lit, what)	{ (lit), sizeof(lit) - 1, (what) }

static int
valid(const struct bytes *b)
{
	return utf8_valid(b->s, b->len);
}

static int
xml(const struct bytes *b)
{
	return utf8_xml_text(b->s, b->len);
}

/*
 * Encode code point cp as UTF-8 the textbook way (RFC 3629 section 3),
 * without any validity checks, so that the tests can build both good and
 * bad sequences. Returns the length.
 */
static size_t
encode(unsigned long cp, unsigned char out[4])
{
	if (cp < 0x80) {
		out[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (unsigned char)(0xc0 | (cp >> 6));
		out[1] = (unsigned char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (unsigned char)(0xe0 | (cp >> 12));
		out[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3f));
		out[2] = (unsigned char)(0x80 | (cp & 0x3f));
		return 3;
	}
	out[0] = (unsigned char)(0xf0 | (cp >> 18));
	out[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3f));
	out[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3f));
	out[3] = (unsigned char)(0x80 | (cp & 0x3f));
	return 4;
}

/* The production Char of XML 1.0 (fifth edition), section 2.2. */
static int
xml_char(unsigned long c)
{
	return c == 0x9 || c == 0xa || c == 0xd ||
	    (c >= 0x20 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd) ||
	    (c >= 0x10000 && c <= 0x10ffff);
}

static const struct bytes good[] = {
	B("", "empty"),
	B("plain ASCII text", "ascii"),
	B("bl\xc3\xa5" "b\xc3\xa6rsyltet\xc3\xb8y \xc3\x86\xc3\x98\xc3\x85",
	    "Norwegian \xc3\xa6\xc3\xb8\xc3\xa5 and \xc3\x86\xc3\x98\xc3\x85"),
	B("\xc2\x80", "U+0080, smallest two-byte"),
	B("\xdf\xbf", "U+07FF, largest two-byte"),
	B("\xe0\xa0\x80", "U+0800, smallest three-byte"),
	B("\xe2\x82\xac", "euro sign"),
	B("\xed\x9f\xbf", "U+D7FF, just below the surrogates"),
	B("\xee\x80\x80", "U+E000, just above the surrogates"),
	B("\xef\xbf\xbd", "U+FFFD replacement character"),
	B("\xf0\x90\x80\x80", "U+10000, smallest four-byte"),
	B("\xf0\x9f\x98\x80", "emoji U+1F600"),
	B("\xf0\x9f\x87\xb3\xf0\x9f\x87\xb4", "flag NO (two code points)"),
	B("\xf4\x8f\xbf\xbf", "U+10FFFF, the last code point"),
	B("a\tb\nc\rd", "TAB, LF and CR"),
	B("\x7f", "DEL is an XML character"),
	B("\xc2\x85", "NEL, a C1 control, is an XML character"),
};

START_TEST(test_good)
{
	const struct bytes *b = &good[_i];

	ck_assert_msg(valid(b), "utf8_valid refused %s", b->what);
	ck_assert_msg(xml(b), "utf8_xml_text refused %s", b->what);
}
END_TEST

/* Not UTF-8 at all: both functions refuse. */
static const struct bytes bad[] = {
	B("\xc0\x80", "overlong NUL C0 80"),
	B("\xc0\xaf", "overlong '/'"),
	B("\xc1\xbf", "overlong U+007F"),
	B("\xe0\x80\x80", "overlong NUL, three bytes"),
	B("\xe0\x9f\xbf", "overlong U+07FF"),
	B("\xf0\x80\x80\x80", "overlong NUL, four bytes"),
	B("\xf0\x8f\xbf\xbf", "overlong U+FFFF"),
	B("\xed\xa0\x80", "surrogate U+D800"),
	B("\xed\xaf\xbf", "surrogate U+DBFF"),
	B("\xed\xb0\x80", "surrogate U+DC00"),
	B("\xed\xbf\xbf", "surrogate U+DFFF"),
	B("\xed\xa0\xbd\xed\xb8\x80", "CESU-8 surrogate pair"),
	B("\xf4\x90\x80\x80", "U+110000, above the last code point"),
	B("\xf5\x80\x80\x80", "lead byte F5"),
	B("\xf7\xbf\xbf\xbf", "lead byte F7"),
	B("\xf8\x88\x80\x80\x80", "five-byte form"),
	B("\xfc\x84\x80\x80\x80\x80", "six-byte form"),
	B("\xfe", "byte FE"),
	B("\xff", "byte FF"),
	B("\xc3", "truncated two-byte"),
	B("\xe2\x82", "truncated three-byte"),
	B("\xf0\x9f\x98", "truncated four-byte"),
	B("abc\xc3", "truncated at the end"),
	B("\xc3" "A", "two-byte lead followed by ASCII"),
	B("\xe2\x82" "A", "three-byte sequence cut by ASCII"),
	B("\xe2\xc3\xa6", "three-byte lead followed by a new sequence"),
	B("\x80", "lone continuation 80"),
	B("\xbf", "lone continuation BF"),
	B("a\x80" "b", "continuation byte between ASCII"),
	B("\xc3\xa6\xa6", "extra continuation byte"),
	B("\xe6", "Latin-1 \xc3\xa6"),
	B("bl\xe5" "b\xe6r", "Latin-1 text"),
};

START_TEST(test_bad)
{
	const struct bytes *b = &bad[_i];

	ck_assert_msg(!valid(b), "utf8_valid accepted %s", b->what);
	ck_assert_msg(!xml(b), "utf8_xml_text accepted %s", b->what);
}
END_TEST

/* Well-formed UTF-8, but not characters an XML text node may hold. */
static const struct bytes not_xml[] = {
	B("\0", "NUL"),
	B("a\0b", "NUL between letters"),
	B("\x01", "U+0001"),
	B("\x08", "backspace"),
	B("\x0b", "vertical tab"),
	B("\x0c", "form feed"),
	B("\x1b[31m", "ESC"),
	B("\x1f", "U+001F"),
	B("ok\xef\xbf\xbe", "U+FFFE"),
	B("\xef\xbf\xbf", "U+FFFF"),
};

START_TEST(test_not_xml)
{
	const struct bytes *b = &not_xml[_i];

	ck_assert_msg(valid(b), "utf8_valid refused %s", b->what);
	ck_assert_msg(!xml(b), "utf8_xml_text accepted %s", b->what);
}
END_TEST

START_TEST(test_length_respected)
{
	const char *ae = "\xc3\xa6";

	/* Only len bytes are examined: a cut sequence is invalid... */
	ck_assert(!utf8_valid(ae, 1));
	ck_assert(utf8_valid(ae, 2));
	/* ...and bytes after len do not matter. */
	ck_assert(utf8_valid("ab\xff", 2));
	ck_assert(utf8_xml_text("ab\x01", 2));
	ck_assert(utf8_valid("x", 0));
	ck_assert(utf8_xml_text("x", 0));
}
END_TEST

/*
 * Every code point, encoded the textbook way: utf8_valid must accept all
 * but the surrogates, and utf8_xml_text exactly the XML Chars.
 */
START_TEST(test_all_code_points)
{
	unsigned char s[4];
	unsigned long cp;
	size_t n;

	for (cp = 0; cp <= 0x10ffff; cp++) {
		int surrogate = cp >= 0xd800 && cp <= 0xdfff;

		n = encode(cp, s);
		if (utf8_valid((const char *)s, n) != !surrogate)
			ck_abort_msg("utf8_valid wrong for U+%04lX", cp);
		if (utf8_xml_text((const char *)s, n) != xml_char(cp))
			ck_abort_msg("utf8_xml_text wrong for U+%04lX", cp);
	}
}
END_TEST

/*
 * Every two-byte string, against Table 3-7 of the Unicode Standard
 * (well-formed UTF-8 byte sequences): either two ASCII bytes, or a lead
 * C2..DF with one continuation 80..BF.
 */
START_TEST(test_all_two_byte)
{
	unsigned a, b;
	char s[2];

	for (a = 0; a < 256; a++)
		for (b = 0; b < 256; b++) {
			int want = (a < 0x80 && b < 0x80) ||
			    (a >= 0xc2 && a <= 0xdf && b >= 0x80 && b <= 0xbf);

			s[0] = (char)a;
			s[1] = (char)b;
			if (utf8_valid(s, 2) != want)
				ck_abort_msg("utf8_valid wrong for %02X %02X",
				    a, b);
		}
}
END_TEST

/* Table 3-7 for three-byte sequences: the lead decides the 2nd range. */
START_TEST(test_all_three_byte)
{
	unsigned a, b, c;
	char s[3];

	for (a = 0xe0; a <= 0xef; a++)
		for (b = 0; b < 256; b++)
			for (c = 0; c < 256; c++) {
				unsigned lo = 0x80, hi = 0xbf;
				int want;

				if (a == 0xe0)
					lo = 0xa0;	/* no overlongs */
				else if (a == 0xed)
					hi = 0x9f;	/* no surrogates */
				want = b >= lo && b <= hi && c >= 0x80 &&
				    c <= 0xbf;
				s[0] = (char)a;
				s[1] = (char)b;
				s[2] = (char)c;
				if (utf8_valid(s, 3) != want)
					ck_abort_msg("utf8_valid wrong for "
					    "%02X %02X %02X", a, b, c);
			}
}
END_TEST

/* Table 3-7 for four-byte sequences, all leads and second bytes. */
START_TEST(test_all_four_byte)
{
	static const unsigned edge[] = { 0x00, 0x41, 0x7f, 0x80, 0x9f, 0xa0,
		0xbf, 0xc0, 0xff };
	unsigned a, b, i, j;
	char s[4];

	for (a = 0xf0; a <= 0xff; a++)
		for (b = 0; b < 256; b++)
			for (i = 0; i < sizeof(edge) / sizeof(edge[0]); i++)
				for (j = 0; j < sizeof(edge) / sizeof(edge[0]);
				    j++) {
					unsigned c = edge[i], d = edge[j];
					unsigned lo = 0x80, hi = 0xbf;
					int want;

					if (a == 0xf0)
						lo = 0x90;
					else if (a == 0xf4)
						hi = 0x8f;
					want = a <= 0xf4 && b >= lo &&
					    b <= hi && c >= 0x80 &&
					    c <= 0xbf && d >= 0x80 &&
					    d <= 0xbf;
					s[0] = (char)a;
					s[1] = (char)b;
					s[2] = (char)c;
					s[3] = (char)d;
					if (utf8_valid(s, 4) != want)
						ck_abort_msg("utf8_valid wrong"
						    " for %02X %02X %02X %02X",
						    a, b, c, d);
				}
}
END_TEST

#define N(a)	((int)(sizeof(a) / sizeof((a)[0])))

/* A name cut to its first bytes keeps whole characters (issue 15: an
 * upload's file name cut at 200 bytes split one and answered 500). */
/* Characters, not bytes: what VARCHAR(n) counts. */
START_TEST(test_chars)
{
	ck_assert_uint_eq(utf8_chars(""), 0);
	ck_assert_uint_eq(utf8_chars("abc"), 3);
	/* blåbær; a Tigrinya letter; an emoji and "!" */
	ck_assert_uint_eq(utf8_chars("bl\xc3\xa5" "b\xc3\xa6r"), 6);
	ck_assert_uint_eq(utf8_chars("\xe1\x89\xb5"), 1);
	ck_assert_uint_eq(utf8_chars("\xf0\x9f\x98\x80!"), 2);
}
END_TEST

START_TEST(test_prefix)
{
	/* "æøå" is 6 bytes: c3 a6 c3 b8 c3 a5 */
	const char *s = "\xc3\xa6\xc3\xb8\xc3\xa5";
	char name[300];
	size_t n, i;

	ck_assert_uint_eq(utf8_prefix(s, 6, 6), 6);
	ck_assert_uint_eq(utf8_prefix(s, 6, 5), 4);
	ck_assert_uint_eq(utf8_prefix(s, 6, 4), 4);
	ck_assert_uint_eq(utf8_prefix(s, 6, 1), 0);
	ck_assert_uint_eq(utf8_prefix("abc", 3, 10), 3);
	/* 199 ASCII bytes and then a two-byte character: cut before it */
	memset(name, 'a', 199);
	memcpy(name + 199, "\xc3\xa6", 2);
	n = utf8_prefix(name, 201, 200);
	ck_assert_uint_eq(n, 199);
	ck_assert(utf8_valid(name, n));
	/* every cut of a long name of three-byte characters is valid */
	for (i = 0; i < 100; i++)
		memcpy(name + 3 * i, "\xe2\x82\xac", 3);
	for (i = 0; i <= 300; i++)
		ck_assert(utf8_valid(name, utf8_prefix(name, 300, i)));
}
END_TEST

static Suite *
utf8_suite(void)
{
	Suite *s = suite_create("utf8");
	TCase *tc = tcase_create("core");
	TCase *all = tcase_create("exhaustive");

	tcase_add_loop_test(tc, test_good, 0, N(good));
	tcase_add_loop_test(tc, test_bad, 0, N(bad));
	tcase_add_loop_test(tc, test_not_xml, 0, N(not_xml));
	tcase_add_test(tc, test_length_respected);
	tcase_add_test(tc, test_prefix);
	tcase_add_test(tc, test_chars);
	suite_add_tcase(s, tc);
	/* Millions of calls: give them time under valgrind. */
	tcase_set_timeout(all, 600);
	tcase_add_test(all, test_all_code_points);
	tcase_add_test(all, test_all_two_byte);
	tcase_add_test(all, test_all_three_byte);
	tcase_add_test(all, test_all_four_byte);
	suite_add_tcase(s, all);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(utf8_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
