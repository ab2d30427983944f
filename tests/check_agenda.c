/* check_agenda.c: the states of a concern on a team's agenda
 * (fcgi/case/agenda.c). */
#include "config.h"

#include <check.h>
#include <stdlib.h>

#include "agenda.h"

/* An agenda item's state: its own, or decided when its concern left
 * the open state while it waited. */
START_TEST(agenda_states)
{
	ck_assert_str_eq(agenda_state("waiting", "open", 0), "waiting");
	ck_assert_str_eq(agenda_state("waiting", "closed", 0), "decided");
	ck_assert_str_eq(agenda_state("waiting", "passed", 0), "decided");
	ck_assert_str_eq(agenda_state("waiting", "open", 1), "decided");
	ck_assert_str_eq(agenda_state("waiting", NULL, 0), "decided");
	ck_assert_str_eq(agenda_state("discussed", "closed", 1),
	    "discussed");
	ck_assert_str_eq(agenda_state("withdrawn", "open", 0), "withdrawn");
	ck_assert_str_eq(agenda_state(NULL, "open", 0), "withdrawn");
}
END_TEST

static Suite *
agenda_suite(void)
{
	Suite *s = suite_create("agenda");
	TCase *tc = tcase_create("state");

	tcase_add_test(tc, agenda_states);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(agenda_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
