/* check_access.c: unit tests of the object-level access rules. */
#include "config.h"

#include <check.h>
#include <stdlib.h>

#include "access.h"

#define UNIT_A	10
#define UNIT_B	20
#define ME	100
#define OTHER	200

static struct principal
who(enum role role, long long unit)
{
	struct principal p = { 0 };

	p.user_id = ME;
	p.role = role;
	p.unit_id = unit;
	return p;
}

/*
 * The whole matrix for a concern: role x (own / other author) x (own /
 * other unit). Only the author (an employee) and the unit's leader see it.
 */
START_TEST(concern_matrix)
{
	static const struct {
		enum role	role;
		long long	author, unit;
		int		allowed;
	} rows[] = {
		{ ROLE_EMPLOYEE, ME, UNIT_A, 1 },
		{ ROLE_EMPLOYEE, OTHER, UNIT_A, 0 },
		{ ROLE_EMPLOYEE, ME, UNIT_B, 1 }, /* moved: theirs */
		{ ROLE_EMPLOYEE, OTHER, UNIT_B, 0 },
		{ ROLE_LEADER, ME, UNIT_A, 1 },
		{ ROLE_LEADER, OTHER, UNIT_A, 1 },
		{ ROLE_LEADER, ME, UNIT_B, 0 },
		{ ROLE_LEADER, OTHER, UNIT_B, 0 },
		{ ROLE_ADMIN, ME, UNIT_A, 0 },
		{ ROLE_ADMIN, OTHER, UNIT_A, 0 },
		{ ROLE_ADMIN, OTHER, UNIT_B, 0 },
		{ ROLE_NONE, ME, UNIT_A, 0 },
	};
	size_t i;

	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct principal p = who(rows[i].role, UNIT_A);

		ck_assert_msg(access_concern_read(&p, rows[i].unit,
		    rows[i].author) == rows[i].allowed, "row %zu", i);
	}
}
END_TEST

START_TEST(nobody_sees_anything)
{
	struct principal p = { 0 };

	ck_assert(!access_concern_read(&p, UNIT_A, 0));
	ck_assert(!access_concern_read(&p, 0, 0));
}
END_TEST

START_TEST(leader_without_unit)
{
	struct principal p = who(ROLE_LEADER, 0);

	/* a concern can never have unit 0, but deny rather than match */
	ck_assert(!access_concern_read(&p, 0, OTHER));
}
END_TEST

/* A submission: its author alone, and never a non-staff role. */
START_TEST(submission_matrix)
{
	static const struct {
		enum role	role;
		long long	author;
		int		allowed;
	} rows[] = {
		{ ROLE_EMPLOYEE, ME, 1 },
		{ ROLE_EMPLOYEE, OTHER, 0 },
		{ ROLE_LEADER, ME, 1 },
		{ ROLE_LEADER, OTHER, 0 },	/* not even in the unit */
		{ ROLE_ADMIN, ME, 0 },
		{ ROLE_ADMIN, OTHER, 0 },
		{ ROLE_NONE, ME, 0 },
	};
	struct principal nobody = { 0 };
	size_t i;

	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct principal p = who(rows[i].role, UNIT_A);

		ck_assert_msg(access_submission_read(&p, rows[i].author) ==
		    rows[i].allowed, "row %zu", i);
	}
	ck_assert(!access_submission_read(&nobody, 0));
}
END_TEST

static Suite *
access_suite(void)
{
	Suite *s = suite_create("access");
	TCase *tc = tcase_create("concern");

	tcase_add_test(tc, concern_matrix);
	tcase_add_test(tc, nobody_sees_anything);
	tcase_add_test(tc, leader_without_unit);
	suite_add_tcase(s, tc);
	tc = tcase_create("submission");
	tcase_add_test(tc, submission_matrix);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(access_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
