/* check_nin.c: unit tests for national identity numbers (fcgi/core/nin.h). */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <check.h>

#include "nin.h"

/*
 * The mod-11 check digit as the tax administration defines it: the
 * weighted sum of the digits, k = 11 - sum % 11, where 11 means 0 and 10
 * means that no valid number has these first digits. Returns -1 then.
 */
static int
mod11(const char *digits, const int *weights, int n)
{
	int i, sum = 0, k;

	for (i = 0; i < n; i++)
		sum += (digits[i] - '0') * weights[i];
	k = 11 - sum % 11;
	if (k == 11)
		return 0;
	return k == 10 ? -1 : k;
}

static void
put2(char *p, int v)
{
	p[0] = (char)('0' + v / 10 % 10);
	p[1] = (char)('0' + v % 10);
}

/*
 * Write the 11-digit number for day, month (already with any +40 or +80
 * offsets), two-digit year and individual number into out[12]. The date
 * is not checked: the tests need numbers with good check digits and a
 * bad date too. Returns 0 if no check digit exists for these digits.
 */
static int
make_nin(char out[12], int dd, int mm, int yy, int indiv)
{
	static const int w1[] = { 3, 7, 6, 1, 8, 9, 4, 5, 2 };
	static const int w2[] = { 5, 4, 3, 2, 7, 6, 5, 4, 3, 2 };
	int k1, k2;

	put2(out, dd);
	put2(out + 2, mm);
	put2(out + 4, yy);
	out[6] = (char)('0' + indiv / 100 % 10);
	put2(out + 7, indiv % 100);
	if ((k1 = mod11(out, w1, 9)) < 0)
		return 0;
	out[9] = (char)('0' + k1);
	if ((k2 = mod11(out, w2, 10)) < 0)
		return 0;
	out[10] = (char)('0' + k2);
	out[11] = '\0';
	return 1;
}

/*
 * Like make_nin, but for an individual number in [lo, hi] that gives
 * valid check digits (about one in five has none). Fails the test if
 * there is none in the range.
 */
static void
make_nin_in(char out[12], int dd, int mm, int yy, int lo, int hi)
{
	int i;

	for (i = lo; i <= hi; i++)
		if (make_nin(out, dd, mm, yy, i))
			return;
	ck_abort_msg("no number for %02d%02d%02d with individual %d-%d",
	    dd, mm, yy, lo, hi);
}

/*
 * 15038512363, worked by hand:
 * 1*3 + 5*7 + 0*6 + 3*1 + 8*8 + 5*9 + 1*4 + 2*5 + 3*2 = 170,
 * 170 % 11 = 5, k1 = 11 - 5 = 6;
 * 1*5 + 5*4 + 0*3 + 3*2 + 8*7 + 5*6 + 1*5 + 2*4 + 3*3 + 6*2 = 151,
 * 151 % 11 = 8, k2 = 11 - 8 = 3.
 * Individual number 123 (000-499): born 15 March 1985.
 */
#define HAND_NIN	"15038512363"

START_TEST(test_valid_by_hand)
{
	struct nin_info info;

	memset(&info, 0xff, sizeof(info));
	ck_assert_int_eq(nin_check(HAND_NIN, &info), NIN_OK);
	ck_assert_int_eq(info.year, 1985);
	ck_assert_int_eq(info.month, 3);
	ck_assert_int_eq(info.day, 15);
	ck_assert_int_eq(info.dnumber, 0);
	ck_assert_int_eq(info.synthetic, 0);
	/* info may be NULL. */
	ck_assert_int_eq(nin_check(HAND_NIN, NULL), NIN_OK);
}
END_TEST

START_TEST(test_helper_agrees)
{
	char s[12];

	/* The test's own generator reproduces the hand-worked number. */
	ck_assert(make_nin(s, 15, 3, 85, 123));
	ck_assert_str_eq(s, HAND_NIN);
}
END_TEST

START_TEST(test_wrong_check_digit)
{
	char s[12];
	char good;
	int pos, d;

	/* Every other digit in either check position is refused. */
	for (pos = 9; pos <= 10; pos++) {
		memcpy(s, HAND_NIN, sizeof(s));
		good = s[pos];
		for (d = '0'; d <= '9'; d++) {
			if (d == good)
				continue;
			s[pos] = (char)d;
			ck_assert_msg(nin_check(s, NULL) == NIN_E_CHECK,
			    "accepted %s", s);
		}
	}
}
END_TEST

START_TEST(test_single_digit_errors)
{
	char s[12];
	int pos, d;

	/*
	 * Mod 11 with these weights catches every single wrong digit: a
	 * change anywhere must never give another valid number. (A change in
	 * the date may give an impossible date instead.)
	 */
	for (pos = 0; pos < 11; pos++)
		for (d = '0'; d <= '9'; d++) {
			enum nin_result r;

			memcpy(s, HAND_NIN, sizeof(s));
			if (s[pos] == d)
				continue;
			s[pos] = (char)d;
			r = nin_check(s, NULL);
			ck_assert_msg(r == NIN_E_CHECK || r == NIN_E_DATE,
			    "%s gave %d", s, (int)r);
		}
}
END_TEST

START_TEST(test_generated_dates)
{
	struct nin_info info;
	char s[12];
	int m, d, n = 0;
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };

	/* Every day of 1990 (individual 000-499), with a number that works. */
	for (m = 1; m <= 12; m++)
		for (d = 1; d <= mdays[m - 1]; d++) {
			make_nin_in(s, d, m, 90, 0, 499);
			ck_assert_msg(nin_check(s, &info) == NIN_OK,
			    "refused %s", s);
			ck_assert_int_eq(info.year, 1990);
			ck_assert_int_eq(info.month, m);
			ck_assert_int_eq(info.day, d);
			n++;
		}
	ck_assert_int_eq(n, 365);
}
END_TEST

START_TEST(test_no_check_digit)
{
	char s[12];
	int i, found = 0;

	/*
	 * When k1 or k2 would be 10 no valid number exists; whatever digit is
	 * put there must be refused.
	 */
	/* Individual 000-499 keeps the date valid (1985). */
	for (i = 0; i < 500 && !found; i++) {
		static const int w1[] = { 3, 7, 6, 1, 8, 9, 4, 5, 2 };
		int d;

		if (make_nin(s, 15, 3, 85, i))
			continue;
		if (mod11(s, w1, 9) >= 0)
			continue;	/* k2 is 10: handled below */
		found = 1;
		for (d = 0; d <= 9; d++) {
			s[9] = (char)('0' + d);
			s[10] = '0';
			s[11] = '\0';
			ck_assert_msg(nin_check(s, NULL) == NIN_E_CHECK,
			    "accepted %s", s);
		}
	}
	ck_assert(found);
}
END_TEST

START_TEST(test_dnumber)
{
	struct nin_info info;
	char s[12];

	/* A D-number adds 4 to the first digit: 15 becomes 55. */
	make_nin_in(s, 15 + 40, 3, 85, 0, 499);
	ck_assert_int_eq(s[0], '5');
	ck_assert_int_eq(nin_check(s, &info), NIN_OK);
	ck_assert_int_eq(info.dnumber, 1);
	ck_assert_int_eq(info.synthetic, 0);
	ck_assert_int_eq(info.day, 15);
	ck_assert_int_eq(info.month, 3);
	ck_assert_int_eq(info.year, 1985);
	/* The extremes: day 1 (41) and day 31 (71). */
	make_nin_in(s, 41, 1, 85, 0, 499);
	ck_assert_int_eq(nin_check(s, &info), NIN_OK);
	ck_assert_int_eq(info.day, 1);
	make_nin_in(s, 71, 12, 85, 0, 499);
	ck_assert_int_eq(nin_check(s, &info), NIN_OK);
	ck_assert_int_eq(info.day, 31);
	/* 31 + 40 in a 30-day month is still an impossible date. */
	make_nin_in(s, 71, 4, 85, 0, 499);
	ck_assert_int_eq(nin_check(s, NULL), NIN_E_DATE);
	make_nin_in(s, 72, 1, 85, 0, 499);
	ck_assert_int_eq(nin_check(s, NULL), NIN_E_DATE);
	/* Day 40 is D-number day 0. */
	make_nin_in(s, 40, 1, 85, 0, 499);
	ck_assert_int_eq(nin_check(s, NULL), NIN_E_DATE);
}
END_TEST

START_TEST(test_synthetic)
{
	struct nin_info info;
	char s[12];

	/* A synthetic test number adds 80 to the month: March is 83. */
	make_nin_in(s, 15, 3 + 80, 85, 0, 499);
	ck_assert_int_eq(nin_check(s, &info), NIN_OK);
	ck_assert_int_eq(info.synthetic, 1);
	ck_assert_int_eq(info.dnumber, 0);
	ck_assert_int_eq(info.month, 3);
	ck_assert_int_eq(info.day, 15);
	ck_assert_int_eq(info.year, 1985);
	make_nin_in(s, 1, 81, 5, 500, 999);
	ck_assert_int_eq(nin_check(s, &info), NIN_OK);
	ck_assert_int_eq(info.month, 1);
	ck_assert_int_eq(info.year, 2005);
	make_nin_in(s, 31, 92, 5, 500, 999);
	ck_assert_int_eq(nin_check(s, &info), NIN_OK);
	ck_assert_int_eq(info.month, 12);
	/* Both at once: a synthetic D-number. */
	make_nin_in(s, 15 + 40, 3 + 80, 85, 0, 499);
	ck_assert_int_eq(nin_check(s, &info), NIN_OK);
	ck_assert_int_eq(info.dnumber, 1);
	ck_assert_int_eq(info.synthetic, 1);
	ck_assert_int_eq(info.day, 15);
	ck_assert_int_eq(info.month, 3);
	/* Month 13 + 80 and 0 + 80 are not months. */
	make_nin_in(s, 15, 93, 85, 0, 499);
	ck_assert_int_eq(nin_check(s, NULL), NIN_E_DATE);
	make_nin_in(s, 15, 80, 85, 0, 499);
	ck_assert_int_eq(nin_check(s, NULL), NIN_E_DATE);
}
END_TEST

START_TEST(test_impossible_dates)
{
	char s[12];

	/* Good check digits, impossible dates: the date is what is wrong. */
	make_nin_in(s, 31, 4, 85, 0, 499);	/* 31 April */
	ck_assert_int_eq(nin_check(s, NULL), NIN_E_DATE);
	make_nin_in(s, 31, 6, 85, 0, 499);	/* 31 June */
	ck_assert_int_eq(nin_check(s, NULL), NIN_E_DATE);
	make_nin_in(s, 30, 2, 84, 0, 499);	/* 30 February */
	ck_assert_int_eq(nin_check(s, NULL), NIN_E_DATE);
	make_nin_in(s, 32, 1, 85, 0, 499);
	ck_assert_int_eq(nin_check(s, NULL), NIN_E_DATE);
	make_nin_in(s, 0, 1, 85, 0, 499);
	ck_assert_int_eq(nin_check(s, NULL), NIN_E_DATE);
	make_nin_in(s, 15, 0, 85, 0, 499);
	ck_assert_int_eq(nin_check(s, NULL), NIN_E_DATE);
	make_nin_in(s, 15, 13, 85, 0, 499);
	ck_assert_int_eq(nin_check(s, NULL), NIN_E_DATE);
	make_nin_in(s, 30, 4, 85, 0, 499);	/* 30 April is fine */
	ck_assert_int_eq(nin_check(s, NULL), NIN_OK);
}
END_TEST

START_TEST(test_leap_day)
{
	struct nin_info info;
	char s[12];

	/* 29 February 1999 (individual 000-499): not a leap year. */
	make_nin_in(s, 29, 2, 99, 0, 499);
	ck_assert_int_eq(nin_check(s, NULL), NIN_E_DATE);
	/* 29 February 1996: a leap year. */
	make_nin_in(s, 29, 2, 96, 0, 499);
	ck_assert_int_eq(nin_check(s, &info), NIN_OK);
	ck_assert_int_eq(info.year, 1996);
	/*
	 * "290200" is 1900 with individual 000-499 (not a leap year: divisible
	 * by 100) and 2000 with 500-999 (a leap year: divisible by 400).
	 */
	make_nin_in(s, 29, 2, 0, 0, 499);
	ck_assert_int_eq(nin_check(s, NULL), NIN_E_DATE);
	make_nin_in(s, 29, 2, 0, 500, 999);
	ck_assert_int_eq(nin_check(s, &info), NIN_OK);
	ck_assert_int_eq(info.year, 2000);
	ck_assert_int_eq(info.month, 2);
	ck_assert_int_eq(info.day, 29);
	/* A D-number on a leap day. */
	make_nin_in(s, 29 + 40, 2, 0, 500, 999);
	ck_assert_int_eq(nin_check(s, &info), NIN_OK);
	ck_assert_int_eq(info.day, 29);
}
END_TEST

/* Which year the individual number and YY give, or 0 for "unused". */
static const struct {
	int	lo, hi;		/* individual number range to pick from */
	int	yy;
	int	year;
} centuries[] = {
	{ 0, 9, 85, 1985 },
	{ 0, 9, 0, 1900 },
	{ 490, 499, 99, 1999 },
	{ 490, 499, 39, 1939 },
	{ 500, 509, 54, 1854 },
	{ 740, 749, 99, 1899 },
	{ 500, 509, 0, 2000 },
	{ 740, 749, 39, 2039 },
	{ 750, 759, 10, 2010 },
	{ 990, 999, 39, 2039 },
	{ 900, 909, 40, 1940 },
	{ 990, 999, 99, 1999 },
	{ 500, 509, 40, 0 },	/* 500-899 with YY 40-53: not in use */
	{ 890, 899, 53, 0 },
	{ 750, 759, 54, 0 },	/* 750-899 with YY >= 54: not in use */
	{ 890, 899, 99, 0 },
	{ 500, 509, 53, 0 },
};

START_TEST(test_century)
{
	struct nin_info info;
	char s[12];

	make_nin_in(s, 1, 1, centuries[_i].yy, centuries[_i].lo,
	    centuries[_i].hi);
	if (centuries[_i].year == 0) {
		ck_assert_msg(nin_check(s, NULL) == NIN_E_DATE,
		    "%s should have no century", s);
		return;
	}
	ck_assert_msg(nin_check(s, &info) == NIN_OK, "refused %s", s);
	ck_assert_int_eq(info.year, centuries[_i].year);
}
END_TEST

START_TEST(test_exact_century_bounds)
{
	char s[12];
	int i;

	/*
	 * Exactly at the edges of the ranges: where a number exists for
	 * that individual number, it must land in the right century.
	 */
	static const struct {
		int	indiv, yy, year;
	} edge[] = {
		{ 499, 85, 1985 }, { 500, 85, 1885 }, { 749, 85, 1885 },
		{ 750, 85, 0 }, { 899, 85, 0 }, { 900, 85, 1985 },
		{ 500, 39, 2039 }, { 999, 39, 2039 }, { 500, 40, 0 },
		{ 900, 40, 1940 }, { 749, 54, 1854 }, { 749, 53, 0 },
	};

	for (i = 0; i < (int)(sizeof(edge) / sizeof(edge[0])); i++) {
		struct nin_info info;
		int d;

		/* Try days until the check digits exist. */
		for (d = 1; d <= 28; d++)
			if (make_nin(s, d, 6, edge[i].yy, edge[i].indiv))
				break;
		ck_assert_int_le(d, 28);
		if (edge[i].year == 0) {
			ck_assert_msg(nin_check(s, NULL) == NIN_E_DATE,
			    "%s should have no century", s);
			continue;
		}
		ck_assert_msg(nin_check(s, &info) == NIN_OK, "refused %s", s);
		ck_assert_int_eq(info.year, edge[i].year);
	}
}
END_TEST

static const char *const bad_format[] = {
	"",
	"1",
	"1503851236",		/* 10 digits */
	"150385123630",		/* 12 digits */
	"1503851236O",		/* letter O for zero */
	"1503851236 ",		/* 11 characters, not all digits */
	" 1503851236",
	"150385-2363",
	"150385 2363",
	"15.03.85123",
	"+5038512363",
	"-5038512363",
	"1503851236\n",
	"\xd9\xa1" "503851236",	/* Arabic-Indic digit one */
};

START_TEST(test_format)
{
	const char *s = bad_format[_i];

	ck_assert_msg(nin_check(s, NULL) == NIN_E_FORMAT, "'%s' not "
	    "NIN_E_FORMAT", s);
}
END_TEST

START_TEST(test_info_untouched)
{
	struct nin_info info;

	/* A refused number does not leave a half-filled result. */
	memset(&info, 0x5a, sizeof(info));
	ck_assert_int_eq(nin_check("15038512364", &info), NIN_E_CHECK);
	ck_assert_int_eq(info.year, 0x5a5a5a5a);
	ck_assert_int_eq(info.dnumber, 0x5a5a5a5a);
}
END_TEST

START_TEST(test_date_valid)
{
	/* Leap years: divisible by 4, except centuries not divisible by 400. */
	ck_assert(date_valid(2000, 2, 29));
	ck_assert(!date_valid(1900, 2, 29));
	ck_assert(!date_valid(2100, 2, 29));
	ck_assert(date_valid(2400, 2, 29));
	ck_assert(date_valid(2024, 2, 29));
	ck_assert(!date_valid(2023, 2, 29));
	ck_assert(date_valid(2023, 2, 28));
	ck_assert(!date_valid(2024, 2, 30));
	/* Month lengths. */
	ck_assert(date_valid(2023, 1, 31));
	ck_assert(!date_valid(2023, 4, 31));
	ck_assert(date_valid(2023, 4, 30));
	ck_assert(!date_valid(2023, 6, 31));
	ck_assert(!date_valid(2023, 9, 31));
	ck_assert(!date_valid(2023, 11, 31));
	ck_assert(date_valid(2023, 12, 31));
	ck_assert(!date_valid(2023, 12, 32));
	/* Out of range parts. */
	ck_assert(!date_valid(2023, 0, 1));
	ck_assert(!date_valid(2023, 13, 1));
	ck_assert(!date_valid(2023, -1, 1));
	ck_assert(!date_valid(2023, 1, 0));
	ck_assert(!date_valid(2023, 1, -1));
	ck_assert(!date_valid(0, 1, 1));
	ck_assert(!date_valid(-2000, 1, 1));
	ck_assert(date_valid(1, 1, 1));
}
END_TEST

START_TEST(test_date_valid_vs_libc)
{
	int y, m, d;

	/*
	 * Against timegm: a date is real when normalising it changes nothing.
	 * 1800-2100 covers every year a birth number can name.
	 */
	for (y = 1800; y <= 2100; y++)
		for (m = 1; m <= 12; m++)
			for (d = 1; d <= 32; d++) {
				struct tm tm;
				int real;

				memset(&tm, 0, sizeof(tm));
				tm.tm_year = y - 1900;
				tm.tm_mon = m - 1;
				tm.tm_mday = d;
				tm.tm_hour = 12;
				(void)timegm(&tm);
				real = tm.tm_year == y - 1900 &&
				    tm.tm_mon == m - 1 && tm.tm_mday == d;
				if (date_valid(y, m, d) != real)
					ck_abort_msg("date_valid(%d, %d, %d) "
					    "!= %d", y, m, d, real);
			}
}
END_TEST

#define N(a)	((int)(sizeof(a) / sizeof((a)[0])))

static Suite *
nin_suite(void)
{
	Suite *s = suite_create("nin");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_valid_by_hand);
	tcase_add_test(tc, test_helper_agrees);
	tcase_add_test(tc, test_wrong_check_digit);
	tcase_add_test(tc, test_single_digit_errors);
	tcase_add_test(tc, test_generated_dates);
	tcase_add_test(tc, test_no_check_digit);
	tcase_add_test(tc, test_dnumber);
	tcase_add_test(tc, test_synthetic);
	tcase_add_test(tc, test_impossible_dates);
	tcase_add_test(tc, test_leap_day);
	tcase_add_loop_test(tc, test_century, 0, N(centuries));
	tcase_add_test(tc, test_exact_century_bounds);
	tcase_add_loop_test(tc, test_format, 0, N(bad_format));
	tcase_add_test(tc, test_info_untouched);
	tcase_add_test(tc, test_date_valid);
	tcase_add_test(tc, test_date_valid_vs_libc);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(nin_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
