/* check_feedback.c: unit tests of the family feedback's half-years
 * (fcgi/case/feedback.c): figures are shown only for halves that are
 * over, each on its own. */
#include "config.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "feedback.h"

static void
half(const char *today, unsigned back, const char *from, const char *to,
    const char *name)
{
	char f[8], t[8], n[8];

	feedback_half(today, back, f, t, n);
	ck_assert_str_eq(f, from);
	ck_assert_str_eq(t, to);
	ck_assert_str_eq(n, name);
}

START_TEST(the_last_half_over)
{
	/* in the second half, the first is the last one over */
	half("2026-12-07", 0, "2026-01", "2026-06", "2026-1");
	half("2026-07-01", 0, "2026-01", "2026-06", "2026-1");
	/* in the first half, the previous year's second */
	half("2026-06-30", 0, "2025-07", "2025-12", "2025-2");
	half("2026-01-01", 0, "2025-07", "2025-12", "2025-2");
}
END_TEST

START_TEST(back_in_time)
{
	half("2026-12-07", 1, "2025-07", "2025-12", "2025-2");
	half("2026-12-07", 2, "2025-01", "2025-06", "2025-1");
	half("2026-03-15", 3, "2024-01", "2024-06", "2024-1");
}
END_TEST

START_TEST(the_questions)
{
	size_t i, j;

	/* each a column of family_feedback, once */
	for (i = 0; i < FEEDBACK_NQ; i++) {
		ck_assert_ptr_nonnull(feedback_questions[i].id);
		ck_assert_ptr_nonnull(feedback_questions[i].text);
		for (j = 0; j < i; j++)
			ck_assert_str_ne(feedback_questions[i].id,
			    feedback_questions[j].id);
	}
	ck_assert_int_ge(FEEDBACK_MIN, 5);
}
END_TEST

static Suite *
feedback_suite(void)
{
	Suite *s = suite_create("feedback");
	TCase *tc = tcase_create("half-years");

	tcase_add_test(tc, the_last_half_over);
	tcase_add_test(tc, back_in_time);
	tcase_add_test(tc, the_questions);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(feedback_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
