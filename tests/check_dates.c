/* check_dates.c: unit tests of local calendar dates. */
#include "config.h"

#include <check.h>
#include <stdlib.h>

#include "dates.h"

START_TEST(add_days_across_months_and_dst)
{
	char out[DATE_SIZE];

	dates_set_zone("Europe/Oslo");
	dates_fix_today("2026-11-24");
	dates_add(out, 14);
	ck_assert_str_eq(out, "2026-12-08");
	dates_fix_today("2026-12-25");
	dates_add(out, 14);
	ck_assert_str_eq(out, "2027-01-08");
	/* across the change to summer time (last Sunday of March) */
	dates_fix_today("2026-03-20");
	dates_add(out, 14);
	ck_assert_str_eq(out, "2026-04-03");
	dates_fix_today("2024-02-20");
	dates_add(out, 14);
	ck_assert_str_eq(out, "2024-03-05");	/* leap year */
	dates_fix_today(NULL);
}
END_TEST

START_TEST(utc_to_local)
{
	char out[LOCAL_TIME_SIZE];

	dates_set_zone("Europe/Oslo");
	dates_local(out, "2026-11-24T07:30:00Z");
	ck_assert_str_eq(out, "2026-11-24 08:30");	/* CET, +1 */
	dates_local(out, "2026-07-01T22:15:00Z");
	ck_assert_str_eq(out, "2026-07-02 00:15");	/* CEST, +2 */
	dates_local(out, "nonsense");
	ck_assert_str_eq(out, "");
	dates_local(out, "2026-02-30T10:00:00Z");
	ck_assert_str_eq(out, "");
	dates_local(out, NULL);
	ck_assert_str_eq(out, "");
}
END_TEST

/* Issue 16: a draft's "kept until", as the pages show dates. */
START_TEST(dates_as_people_read_them)
{
	char out[LOCAL_TIME_SIZE];

	dates_shown(out, "2026-07-15 10:32", 1);
	ck_assert_str_eq(out, "15.07.2026 10:32");
	dates_shown(out, "2026-07-15", 1);
	ck_assert_str_eq(out, "15.07.2026");
	dates_shown(out, "2026-07-15 10:32", 0);
	ck_assert_str_eq(out, "2026-07-15 10:32");
	dates_shown(out, "2026-02-30", 1);
	ck_assert_str_eq(out, "");
	dates_shown(out, "2026-07-15T10:32", 1);
	ck_assert_str_eq(out, "");
	dates_shown(out, "", 0);
	ck_assert_str_eq(out, "");
	dates_shown(out, NULL, 1);
	ck_assert_str_eq(out, "");
}
END_TEST

START_TEST(days_back_to_dates)
{
	static const char *d[] = { "1970-01-01", "2000-02-29", "2026-03-29",
	    "2026-10-25", "2026-12-31", "2100-03-01" };
	char out[DATE_SIZE];
	size_t i;
	int ok;

	for (i = 0; i < sizeof(d) / sizeof(d[0]); i++) {
		dates_from_days(out, dates_days(d[i], &ok));
		ck_assert(ok);
		ck_assert_str_eq(out, d[i]);
	}
	dates_from_days(out, dates_days("2026-02-28", &ok) + 1);
	ck_assert_str_eq(out, "2026-03-01");
}
END_TEST

START_TEST(day_numbers)
{
	int ok;

	ck_assert_int_eq(dates_days("1970-01-01", &ok), 0);
	ck_assert(ok);
	ck_assert_int_eq(dates_days("2000-03-01", &ok) -
	    dates_days("2000-02-28", &ok), 2);
	ck_assert_int_eq(dates_days("2026-01-01Z", &ok), 20454);
	ck_assert(ok);
	(void)dates_days("2026-13-01", &ok);
	ck_assert(!ok);
	(void)dates_days("2026-01-01x", &ok);
	ck_assert(!ok);
	(void)dates_days("", &ok);
	ck_assert(!ok);
}
END_TEST

/* Completed years: the birthday itself counts, the day before does not;
 * someone born on 29 February turns a year older on 1 March. */
START_TEST(age_on_a_date)
{
	int ok;

	ck_assert_int_eq(dates_age_on("2011-11-24", "2026-11-24", &ok), 15);
	ck_assert(ok);
	ck_assert_int_eq(dates_age_on("2011-11-25", "2026-11-24", &ok), 14);
	ck_assert_int_eq(dates_age_on("2011-12-01", "2026-11-30", &ok), 14);
	ck_assert_int_eq(dates_age_on("2012-02-29", "2027-02-28", &ok), 14);
	ck_assert_int_eq(dates_age_on("2012-02-29", "2027-03-01", &ok), 15);
	ck_assert_int_eq(dates_age_on("2026-11-24", "2026-11-24", &ok), 0);
	ck_assert(ok);
	(void)dates_age_on("2011-02-30", "2026-11-24", &ok);
	ck_assert(!ok);
	(void)dates_age_on("2011-01-01", "", &ok);
	ck_assert(!ok);
}
END_TEST

static Suite *
dates_suite(void)
{
	Suite *s = suite_create("dates");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, add_days_across_months_and_dst);
	tcase_add_test(tc, utc_to_local);
	tcase_add_test(tc, dates_as_people_read_them);
	tcase_add_test(tc, day_numbers);
	tcase_add_test(tc, days_back_to_dates);
	tcase_add_test(tc, age_on_a_date);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(dates_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
