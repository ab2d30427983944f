/* check_buf.c: unit tests for the capped growable buffer (fcgi/core/buf.h). */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "buf.h"
#include "mem.h"

START_TEST(test_init_empty)
{
	struct buf a, b = BUF_INIT(16);

	buf_init(&a, 16);
	/* An empty buffer is a valid empty C string, never NULL. */
	ck_assert_ptr_nonnull(a.data);
	ck_assert_ptr_nonnull(b.data);
	ck_assert_uint_eq(a.len, 0);
	ck_assert_uint_eq(b.len, 0);
	ck_assert_str_eq(a.data, "");
	ck_assert_str_eq(b.data, "");
	ck_assert_uint_eq(a.max, 16);
	ck_assert_uint_eq(b.max, 16);
	/* Releasing a buffer that never allocated is harmless. */
	buf_release(&a);
	ck_assert_ptr_nonnull(a.data);
	ck_assert_str_eq(a.data, "");
}
END_TEST

START_TEST(test_add_terminates)
{
	struct buf b;

	buf_init(&b, 64);
	ck_assert_int_eq(buf_addstr(&b, "abc"), ST_OK);
	ck_assert_uint_eq(b.len, 3);
	ck_assert_str_eq(b.data, "abc");
	ck_assert_int_eq(buf_addch(&b, 'd'), ST_OK);
	ck_assert_uint_eq(b.len, 4);
	ck_assert_str_eq(b.data, "abcd");
	/* Bytes may include NULs; len counts them, and a NUL still follows. */
	ck_assert_int_eq(buf_add(&b, "x\0y", 3), ST_OK);
	ck_assert_uint_eq(b.len, 7);
	ck_assert_mem_eq(b.data, "abcdx\0y", 7);
	ck_assert_int_eq(b.data[7], '\0');
	/* Adding nothing changes nothing. */
	ck_assert_int_eq(buf_add(&b, "zzz", 0), ST_OK);
	ck_assert_int_eq(buf_addstr(&b, ""), ST_OK);
	ck_assert_uint_eq(b.len, 7);
	buf_release(&b);
	ck_assert_uint_eq(b.len, 0);
	ck_assert_str_eq(b.data, "");
	ck_assert_uint_eq(b.max, 64);
}
END_TEST

START_TEST(test_cap_exact)
{
	struct buf b;

	buf_init(&b, 5);
	/* Filling to exactly max is allowed... */
	ck_assert_int_eq(buf_addstr(&b, "hello"), ST_OK);
	ck_assert_uint_eq(b.len, 5);
	/* ...one byte more is not, and the contents stay as they were. */
	ck_assert_int_eq(buf_addch(&b, '!'), ST_E_TOO_BIG);
	ck_assert_uint_eq(b.len, 5);
	ck_assert_str_eq(b.data, "hello");
	ck_assert_int_eq(buf_addf(&b, "%d", 1), ST_E_TOO_BIG);
	ck_assert_str_eq(b.data, "hello");
	buf_release(&b);
}
END_TEST

START_TEST(test_cap_unchanged)
{
	struct buf b;
	const char *before;
	size_t cap;

	buf_init(&b, 8);
	ck_assert_int_eq(buf_addstr(&b, "abc"), ST_OK);
	before = b.data;
	cap = b.cap;
	/* 3 + 6 = 9 > 8: refused as a whole, not partly appended. */
	ck_assert_int_eq(buf_addstr(&b, "123456"), ST_E_TOO_BIG);
	ck_assert_uint_eq(b.len, 3);
	ck_assert_str_eq(b.data, "abc");
	ck_assert_ptr_eq(b.data, before);
	ck_assert_uint_eq(b.cap, cap);
	/* The buffer is still usable up to its cap. */
	ck_assert_int_eq(buf_addstr(&b, "12345"), ST_OK);
	ck_assert_str_eq(b.data, "abc12345");
	ck_assert_uint_eq(b.len, 8);
	buf_release(&b);
}
END_TEST

START_TEST(test_cap_zero)
{
	struct buf b;

	buf_init(&b, 0);
	ck_assert_int_eq(buf_addch(&b, 'x'), ST_E_TOO_BIG);
	ck_assert_ptr_nonnull(b.data);
	ck_assert_str_eq(b.data, "");
	ck_assert_uint_eq(b.len, 0);
	ck_assert_int_eq(buf_add(&b, "x", 0), ST_OK);
	buf_release(&b);
}
END_TEST

START_TEST(test_cap_overflow)
{
	struct buf b;
	char c = 'x';

	/*
	 * A length near SIZE_MAX must be refused by the cap check before any
	 * byte is read or any size arithmetic wraps around.
	 */
	buf_init(&b, 1024);
	ck_assert_int_eq(buf_addstr(&b, "ab"), ST_OK);
	ck_assert_int_eq(buf_add(&b, &c, SIZE_MAX), ST_E_TOO_BIG);
	ck_assert_int_eq(buf_add(&b, &c, SIZE_MAX - 1), ST_E_TOO_BIG);
	ck_assert_uint_eq(b.len, 2);
	ck_assert_str_eq(b.data, "ab");
	buf_release(&b);
}
END_TEST

START_TEST(test_cap_size_max)
{
	struct buf b;
	char c = 'x';

	/*
	 * SIZE_MAX is the natural way to say "no cap of its own", and
	 * nothing in buf.h forbids it. The allocation must still hold len
	 * bytes plus the NUL, and the arithmetic on max must not wrap.
	 * (Fails today: grow() clamps cap to max + 1, which is 0 here, so it
	 * allocates one byte and writes past it; see the report.)
	 */
	buf_init(&b, SIZE_MAX);
	ck_assert_int_eq(buf_addstr(&b, "ab"), ST_OK);
	ck_assert_uint_gt(b.cap, b.len);
	ck_assert_str_eq(b.data, "ab");
	ck_assert_int_eq(buf_add(&b, &c, SIZE_MAX), ST_E_TOO_BIG);
	ck_assert_str_eq(b.data, "ab");
	buf_release(&b);
}
END_TEST

START_TEST(test_growth)
{
	struct buf b;
	size_t i;

	/* Many small appends cross several reallocations. */
	buf_init(&b, 5000);
	for (i = 0; i < 5000; i++)
		ck_assert_int_eq(buf_addch(&b, (char)('a' + i % 26)), ST_OK);
	ck_assert_uint_eq(b.len, 5000);
	ck_assert_uint_eq(strlen(b.data), 5000);
	for (i = 0; i < 5000; i++)
		ck_assert_int_eq(b.data[i], 'a' + (int)(i % 26));
	ck_assert_int_eq(buf_addch(&b, 'z'), ST_E_TOO_BIG);
	ck_assert_uint_eq(b.len, 5000);
	buf_release(&b);
}
END_TEST

START_TEST(test_addf)
{
	struct buf b;

	buf_init(&b, 16);
	ck_assert_int_eq(buf_addf(&b, "%d-%s", 42, "x"), ST_OK);
	ck_assert_str_eq(b.data, "42-x");
	ck_assert_uint_eq(b.len, 4);
	/* Appends, does not overwrite. */
	ck_assert_int_eq(buf_addf(&b, "[%05u]", 7u), ST_OK);
	ck_assert_str_eq(b.data, "42-x[00007]");
	ck_assert_uint_eq(b.len, 11);
	/* An empty expansion is fine and changes nothing. */
	ck_assert_int_eq(buf_addf(&b, "%s", ""), ST_OK);
	ck_assert_uint_eq(b.len, 11);
	/* 11 + 6 = 17 > 16: refused, unchanged. */
	ck_assert_int_eq(buf_addf(&b, "%s", "abcdef"), ST_E_TOO_BIG);
	ck_assert_str_eq(b.data, "42-x[00007]");
	ck_assert_uint_eq(b.len, 11);
	/* 11 + 5 = 16: exactly at the cap. */
	ck_assert_int_eq(buf_addf(&b, "%s", "abcde"), ST_OK);
	ck_assert_str_eq(b.data, "42-x[00007]abcde");
	ck_assert_uint_eq(b.len, 16);
	buf_release(&b);
}
END_TEST

START_TEST(test_addf_long)
{
	struct buf b;
	char big[300];
	size_t i;

	/* An expansion longer than the first allocation grows correctly. */
	for (i = 0; i < sizeof(big) - 1; i++)
		big[i] = (char)('A' + i % 26);
	big[sizeof(big) - 1] = '\0';
	buf_init(&b, 1000);
	ck_assert_int_eq(buf_addch(&b, '<'), ST_OK);
	ck_assert_int_eq(buf_addf(&b, "%s>", big), ST_OK);
	ck_assert_uint_eq(b.len, 1 + 299 + 1);
	ck_assert_int_eq(b.data[0], '<');
	ck_assert_mem_eq(b.data + 1, big, 299);
	ck_assert_int_eq(b.data[300], '>');
	ck_assert_int_eq(b.data[301], '\0');
	buf_release(&b);
}
END_TEST

START_TEST(test_take)
{
	struct buf b;
	char *p;

	buf_init(&b, 32);
	ck_assert_int_eq(buf_addstr(&b, "hello"), ST_OK);
	p = buf_take(&b);
	ck_assert_str_eq(p, "hello");
	/* The buffer is empty afterwards, keeps its cap, no longer owns p. */
	ck_assert_uint_eq(b.len, 0);
	ck_assert_ptr_nonnull(b.data);
	ck_assert_str_eq(b.data, "");
	ck_assert_ptr_ne(b.data, p);
	ck_assert_uint_eq(b.max, 32);
	/* Reusing the buffer must not touch the string handed over. */
	ck_assert_int_eq(buf_addstr(&b, "world"), ST_OK);
	ck_assert_str_eq(p, "hello");
	ck_assert_str_eq(b.data, "world");
	xfree(p);
	buf_release(&b);
}
END_TEST

START_TEST(test_take_empty)
{
	struct buf b;
	char *p;

	/* Taking an empty buffer gives a string the caller can xfree. */
	buf_init(&b, 32);
	p = buf_take(&b);
	ck_assert_ptr_nonnull(p);
	ck_assert_str_eq(p, "");
	ck_assert_ptr_ne(p, buf_empty);
	xfree(p);
	buf_release(&b);
}
END_TEST

START_TEST(test_truncate)
{
	struct buf b;

	buf_init(&b, 64);
	/* Truncating a never-allocated buffer must not write to buf_empty. */
	buf_truncate(&b, 0);
	ck_assert_str_eq(b.data, "");
	ck_assert_int_eq(buf_addstr(&b, "hello world"), ST_OK);
	buf_truncate(&b, 5);
	ck_assert_uint_eq(b.len, 5);
	ck_assert_str_eq(b.data, "hello");
	/* Longer than the contents: no-op. */
	buf_truncate(&b, 10);
	ck_assert_uint_eq(b.len, 5);
	ck_assert_str_eq(b.data, "hello");
	buf_truncate(&b, 5);
	ck_assert_str_eq(b.data, "hello");
	ck_assert_int_eq(buf_addch(&b, '!'), ST_OK);
	ck_assert_str_eq(b.data, "hello!");
	buf_truncate(&b, 0);
	ck_assert_uint_eq(b.len, 0);
	ck_assert_str_eq(b.data, "");
	buf_release(&b);
}
END_TEST

START_TEST(test_truncate_frees_cap)
{
	struct buf b;

	/* After truncation the freed room counts against the cap again. */
	buf_init(&b, 4);
	ck_assert_int_eq(buf_addstr(&b, "abcd"), ST_OK);
	buf_truncate(&b, 1);
	ck_assert_int_eq(buf_addstr(&b, "xyz"), ST_OK);
	ck_assert_str_eq(b.data, "axyz");
	buf_release(&b);
}
END_TEST

START_TEST(test_reset)
{
	struct buf b;
	const char *data;
	size_t cap;

	buf_init(&b, 64);
	/* Reset of a never-allocated buffer: still the empty string. */
	buf_reset(&b);
	ck_assert_ptr_nonnull(b.data);
	ck_assert_str_eq(b.data, "");
	ck_assert_int_eq(buf_addstr(&b, "abc"), ST_OK);
	data = b.data;
	cap = b.cap;
	buf_reset(&b);
	ck_assert_uint_eq(b.len, 0);
	ck_assert_str_eq(b.data, "");
	/* The allocation is kept for reuse. */
	ck_assert_ptr_eq(b.data, data);
	ck_assert_uint_eq(b.cap, cap);
	ck_assert_int_eq(buf_addstr(&b, "de"), ST_OK);
	ck_assert_str_eq(b.data, "de");
	ck_assert_uint_eq(b.len, 2);
	buf_release(&b);
}
END_TEST

START_TEST(test_release)
{
	struct buf b;

	buf_init(&b, 10);
	ck_assert_int_eq(buf_addstr(&b, "0123456789"), ST_OK);
	buf_release(&b);
	ck_assert_uint_eq(b.len, 0);
	ck_assert_uint_eq(b.cap, 0);
	ck_assert_uint_eq(b.max, 10);
	ck_assert_ptr_eq(b.data, buf_empty);
	/* Back to a fresh buffer with the same cap. */
	ck_assert_int_eq(buf_addstr(&b, "0123456789"), ST_OK);
	ck_assert_int_eq(buf_addch(&b, 'x'), ST_E_TOO_BIG);
	buf_release(&b);
	buf_release(&b);
	ck_assert_str_eq(b.data, "");
}
END_TEST

static Suite *
buf_suite(void)
{
	Suite *s = suite_create("buf");
	TCase *tc = tcase_create("core");
	TCase *bugs = tcase_create("regressions");

	tcase_add_test(tc, test_init_empty);
	tcase_add_test(tc, test_add_terminates);
	tcase_add_test(tc, test_cap_exact);
	tcase_add_test(tc, test_cap_unchanged);
	tcase_add_test(tc, test_cap_zero);
	tcase_add_test(tc, test_cap_overflow);
	tcase_add_test(tc, test_growth);
	tcase_add_test(tc, test_addf);
	tcase_add_test(tc, test_addf_long);
	tcase_add_test(tc, test_take);
	tcase_add_test(tc, test_take_empty);
	tcase_add_test(tc, test_truncate);
	tcase_add_test(tc, test_truncate_frees_cap);
	tcase_add_test(tc, test_reset);
	tcase_add_test(tc, test_release);
	suite_add_tcase(s, tc);
	/* Known defects in the module, kept failing until it is fixed. */
	tcase_add_test(bugs, test_cap_size_max);
	suite_add_tcase(s, bugs);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(buf_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
