/* check_filetype.c: unit tests for telling an upload's type by its bytes. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "filetype.h"

/* Sniff a string literal as a whole (it may hold NUL bytes). */
#define SNIFF(lit) \
	filetype_sniff((const unsigned char *)(lit), sizeof(lit) - 1)

START_TEST(test_pdf)
{
	ck_assert_str_eq(SNIFF("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj"),
	    "application/pdf");
	ck_assert_str_eq(SNIFF("%PDF-"), "application/pdf");
	ck_assert_ptr_null(SNIFF("%PDF"));
	ck_assert_ptr_null(SNIFF("%pdf-1.4"));
	/* The signature must open the file, not merely appear in it. */
	ck_assert_ptr_null(SNIFF(" %PDF-1.4"));
	ck_assert_ptr_null(SNIFF("\xef\xbb\xbf%PDF-1.4"));
	ck_assert_ptr_null(SNIFF("%!PS-Adobe-3.0"));
}
END_TEST

START_TEST(test_png)
{
	ck_assert_str_eq(SNIFF("\x89PNG\r\n\x1a\n\0\0\0\rIHDR"), "image/png");
	ck_assert_str_eq(SNIFF("\x89PNG\r\n\x1a\n"), "image/png");
	/* Seven of eight bytes, or a signature mangled by a text transfer. */
	ck_assert_ptr_null(SNIFF("\x89PNG\r\n\x1a"));
	ck_assert_ptr_null(SNIFF("\x89PNG\n\x1a\n\0\0\0\rIHDR"));
	ck_assert_ptr_null(SNIFF("\x89PNG\r\n\x1a\r\n"));
	ck_assert_ptr_null(SNIFF("PNG\r\n\x1a\n"));
}
END_TEST

START_TEST(test_jpeg)
{
	ck_assert_str_eq(SNIFF("\xff\xd8\xff\xe0\0\x10JFIF\0"), "image/jpeg");
	ck_assert_str_eq(SNIFF("\xff\xd8\xff\xe1\0\x10" "Exif"), "image/jpeg");
	ck_assert_str_eq(SNIFF("\xff\xd8\xff"), "image/jpeg");
	ck_assert_ptr_null(SNIFF("\xff\xd8"));
	ck_assert_ptr_null(SNIFF("\xff\xd8\xfe"));
	ck_assert_ptr_null(SNIFF("\xd8\xff\xff"));
}
END_TEST

/* Other files a browser might send in their place. */
static const struct {
	const char	*what;
	const char	*data;
	size_t		 len;
} others[] = {
	{ "gif", "GIF89a\x01\0\x01\0", 10 },
	{ "tiff", "II*\0\x08\0\0\0", 8 },
	{ "zip (docx)", "PK\x03\x04\x14\0\x06\0", 8 },
	{ "html", "<!DOCTYPE html><html>", 21 },
	{ "svg", "<svg xmlns=\"http://www.w3.org/2000/svg\">", 40 },
	{ "elf", "\x7f" "ELF\x02\x01\x01\0", 8 },
	{ "webp", "RIFF\0\0\0\0WEBPVP8 ", 16 },
	{ "text", "scan.pdf", 8 },
	{ "nul", "\0\0\0\0\0\0\0\0", 8 },
	{ "one byte", "%", 1 },
};

START_TEST(test_others)
{
	ck_assert_msg(filetype_sniff((const unsigned char *)others[_i].data,
	    others[_i].len) == NULL, "took %s for an allowed type",
	    others[_i].what);
}
END_TEST

START_TEST(test_empty)
{
	static const unsigned char pdf[] = "%PDF-1.4";

	ck_assert_ptr_null(filetype_sniff(pdf, 0));
	ck_assert_ptr_null(filetype_sniff(NULL, 0));
	/* Only len bytes count, even when more follow. */
	ck_assert_ptr_null(filetype_sniff(pdf, 4));
	ck_assert_str_eq(filetype_sniff(pdf, 5), "application/pdf");
}
END_TEST

START_TEST(test_allowed)
{
	ck_assert_int_eq(filetype_allowed("application/pdf"), 1);
	ck_assert_int_eq(filetype_allowed("image/png"), 1);
	ck_assert_int_eq(filetype_allowed("image/jpeg"), 1);
	ck_assert_int_eq(filetype_allowed("Image/JPEG"), 1);
	ck_assert_int_eq(filetype_allowed(NULL), 0);
	ck_assert_int_eq(filetype_allowed(""), 0);
	ck_assert_int_eq(filetype_allowed("image/jpg"), 0);
	ck_assert_int_eq(filetype_allowed("image/gif"), 0);
	ck_assert_int_eq(filetype_allowed("image/svg+xml"), 0);
	ck_assert_int_eq(filetype_allowed("text/html"), 0);
	ck_assert_int_eq(filetype_allowed("application/octet-stream"), 0);
	ck_assert_int_eq(filetype_allowed("application/pdf; x=1"), 0);
	ck_assert_int_eq(filetype_allowed(" image/png"), 0);
	ck_assert_int_eq(filetype_allowed("image/png\n"), 0);
	ck_assert_int_eq(filetype_allowed("image/pn"), 0);
	ck_assert_int_eq(filetype_allowed("image/pngx"), 0);
}
END_TEST

START_TEST(test_sniffed_allowed)
{
	/* Whatever sniff returns is allowed: the two agree. */
	ck_assert_int_eq(filetype_allowed(SNIFF("%PDF-1.4")), 1);
	ck_assert_int_eq(filetype_allowed(SNIFF("\x89PNG\r\n\x1a\n")), 1);
	ck_assert_int_eq(filetype_allowed(SNIFF("\xff\xd8\xff\xdb")), 1);
	ck_assert_int_eq(filetype_allowed(SNIFF("GIF89a")), 0);
}
END_TEST

static Suite *
filetype_suite(void)
{
	Suite *s = suite_create("filetype");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_pdf);
	tcase_add_test(tc, test_png);
	tcase_add_test(tc, test_jpeg);
	tcase_add_loop_test(tc, test_others, 0,
	    (int)(sizeof(others) / sizeof(others[0])));
	tcase_add_test(tc, test_empty);
	tcase_add_test(tc, test_allowed);
	tcase_add_test(tc, test_sniffed_allowed);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(filetype_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
