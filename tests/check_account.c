/* check_account.c: unit tests of the rules units and people obey
 * (account.c). */
#include "config.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "account.h"

static struct person_in
good_person(void)
{
	struct person_in in;

	memset(&in, 0, sizeof(in));
	in.username = "kari.nilsen";
	in.display_name = "Kari Nilsen";
	in.role = "employee";
	in.email = "kari@example.no";
	in.has_unit = 1;
	return in;
}

/* A refusal always says why; an acceptance says nothing. */
static enum account_field
person(const struct person_in *in)
{
	const char *why = "unset";
	enum account_field f = person_check(in, &why);

	if (f == AF_OK)
		ck_assert_ptr_null(why);
	else
		ck_assert_ptr_nonnull(why);
	return f;
}

static enum account_field
unit(const char *code, const char *name, const char *kind)
{
	struct unit_in in = { code, name, kind };
	const char *why = "unset";
	enum account_field f = unit_check(&in, &why);

	if (f == AF_OK)
		ck_assert_ptr_null(why);
	else
		ck_assert_ptr_nonnull(why);
	return f;
}

START_TEST(test_units)
{
	char long_code[42];

	ck_assert_int_eq(unit("fagerli-bhg", "Fagerli barnehage",
	    "kindergarten"), AF_OK);
	/* a change does not look at the code: it stays */
	ck_assert_int_eq(unit(NULL, "Fagerli barnehage", "school"), AF_OK);
	ck_assert_int_eq(unit("", "A", "school"), AF_CODE);
	ck_assert_int_eq(unit("Fagerli", "A", "school"), AF_CODE);
	ck_assert_int_eq(unit("fagerli bhg", "A", "school"), AF_CODE);
	ck_assert_int_eq(unit("fagerli_bhg", "A", "school"), AF_CODE);
	memset(long_code, 'a', 41);
	long_code[41] = '\0';
	ck_assert_int_eq(unit(long_code, "A", "school"), AF_CODE);
	long_code[40] = '\0';
	ck_assert_int_eq(unit(long_code, "A", "school"), AF_OK);
	ck_assert_int_eq(unit("a", "", "school"), AF_NAME);
	ck_assert_int_eq(unit("a", NULL, "school"), AF_NAME);
	ck_assert_int_eq(unit("a", "   ", "school"), AF_NAME);
	ck_assert_int_eq(unit("a", "Line\nbreak", "school"), AF_NAME);
	ck_assert_int_eq(unit("a", "A", "bank"), AF_KIND);
	ck_assert_int_eq(unit("a", "A", NULL), AF_KIND);
	ck_assert_int_eq(unit("a", "A", ""), AF_KIND);
	ck_assert(unit_kind_valid("learning_centre"));
	ck_assert(!unit_kind_valid("citizen"));
}
END_TEST

START_TEST(test_names_count_characters)
{
	char name[2 * 201 + 1];
	size_t i;

	/* 200 characters of two bytes each fit; 201 do not */
	for (i = 0; i < 200; i++)
		memcpy(name + 2 * i, "\xc3\xa6", 2);	/* æ */
	name[400] = '\0';
	ck_assert(account_name_valid(name));
	memcpy(name + 400, "\xc3\xa6", 2);
	name[402] = '\0';
	ck_assert(!account_name_valid(name));
	ck_assert(account_name_valid("Ærlige Øystein Åsen"));
	ck_assert(!account_name_valid("tab\there"));
	ck_assert(!account_name_valid("del\x7f"));
}
END_TEST

START_TEST(test_people)
{
	struct person_in in = good_person();

	ck_assert_int_eq(person(&in), AF_OK);
	in.email = "";
	ck_assert_int_eq(person(&in), AF_OK);
	in.email = NULL;
	ck_assert_int_eq(person(&in), AF_OK);

	in = good_person();
	in.username = "Kari";
	ck_assert_int_eq(person(&in), AF_USERNAME);
	in.username = "kari nilsen";
	ck_assert_int_eq(person(&in), AF_USERNAME);
	in.username = "";
	ck_assert_int_eq(person(&in), AF_USERNAME);
	in.username = NULL;
	ck_assert_int_eq(person(&in), AF_USERNAME);

	in = good_person();
	in.display_name = " ";
	ck_assert_int_eq(person(&in), AF_DISPLAY_NAME);

	in = good_person();
	in.role = "citizen";
	ck_assert_int_eq(person(&in), AF_ROLE);
	in.role = "";
	ck_assert_int_eq(person(&in), AF_ROLE);

	/* employees and leaders need a unit; an administrator does not */
	in = good_person();
	in.has_unit = 0;
	ck_assert_int_eq(person(&in), AF_UNIT);
	in.role = "leader";
	ck_assert_int_eq(person(&in), AF_UNIT);
	in.role = "admin";
	ck_assert_int_eq(person(&in), AF_OK);

	in = good_person();
	in.email = "kari@";
	ck_assert_int_eq(person(&in), AF_EMAIL);
	in.email = "kari nilsen@example.no";
	ck_assert_int_eq(person(&in), AF_EMAIL);
	in.email = "a@b.no\r\nBcc: x@y.no";
	ck_assert_int_eq(person(&in), AF_EMAIL);
}
END_TEST

START_TEST(test_field_names)
{
	ck_assert_str_eq(account_field_name(AF_CODE), "code");
	ck_assert_str_eq(account_field_name(AF_DISPLAY_NAME), "display_name");
	ck_assert_str_eq(account_field_name(AF_UNIT), "unit");
	ck_assert_str_eq(account_field_name(AF_EMAIL), "email");
	ck_assert_str_eq(account_field_name(AF_OK), "");
}
END_TEST

static Suite *
account_suite(void)
{
	Suite *s = suite_create("account");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_units);
	tcase_add_test(tc, test_names_count_characters);
	tcase_add_test(tc, test_people);
	tcase_add_test(tc, test_field_names);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(account_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
