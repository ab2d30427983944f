/* check_i18n.c: unit tests of language choice and translation. */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>

#include "i18n.h"

START_TEST(parse_codes)
{
	enum lang l;

	ck_assert(i18n_parse("nb", &l) && l == LANG_NB);
	ck_assert(i18n_parse("no", &l) && l == LANG_NB);
	ck_assert(i18n_parse("nn-NO", &l) && l == LANG_NN);
	ck_assert(i18n_parse("nn", &l) && l == LANG_NN);
	ck_assert(i18n_parse("nb-NO", &l) && l == LANG_NB);
	ck_assert(i18n_parse("EN", &l) && l == LANG_EN);
	ck_assert(i18n_parse("en-GB", &l) && l == LANG_EN);
	ck_assert(!i18n_parse("de", &l));
	ck_assert(!i18n_parse("english", &l));
	ck_assert(!i18n_parse(NULL, &l));
	ck_assert_str_eq(i18n_code(LANG_NB), "nb");
	ck_assert_str_eq(i18n_code(LANG_EN), "en");
	ck_assert_str_eq(i18n_code(LANG_NN), "nn");
}
END_TEST

START_TEST(accept_language)
{
	ck_assert_int_eq(i18n_from_accept("en-US,en;q=0.9", LANG_NB),
	    LANG_EN);
	ck_assert_int_eq(i18n_from_accept("de-DE,nb;q=0.8,en;q=0.5",
	    LANG_EN), LANG_NB);
	ck_assert_int_eq(i18n_from_accept("fr, de", LANG_NB), LANG_NB);
	ck_assert_int_eq(i18n_from_accept("nn-NO,nb;q=0.9", LANG_NB),
	    LANG_NN);
	ck_assert_int_eq(i18n_from_accept("", LANG_EN), LANG_EN);
	ck_assert_int_eq(i18n_from_accept(NULL, LANG_NB), LANG_NB);
}
END_TEST

/* With the catalogue built by make (po/locale), Norwegian comes back. */
START_TEST(translation)
{
	char dir[4096], err[512];
	const char *top = getenv("top_builddir");

	snprintf(dir, sizeof(dir), "%s/po/locale", top != NULL ? top : ".");
	ck_assert_msg(i18n_init(dir, err, sizeof(err)) == ST_OK, "%s", err);
	i18n_use(LANG_NB);
	ck_assert_str_eq(_("Log in"), "Logg inn");
	ck_assert_str_eq(_("The national identity number has wrong check "
	    "digits."), "Fødselsnummeret har feil kontrollsiffer.");
	i18n_use(LANG_NN);
	ck_assert_str_eq(_("Log in"), "Logg inn");
	ck_assert_str_eq(_("The national identity number has wrong check "
	    "digits."), "Fødselsnummeret har feil kontrollsiffer.");
	ck_assert_str_eq(_("Log out"), "Logg ut");
	ck_assert_str_eq(_("Open relay logs in the unit"),
	    "Opne stafettloggar i eininga");
	i18n_use(LANG_EN);
	ck_assert_str_eq(_("Log in"), "Log in");
	ck_assert_int_eq(i18n_current(), LANG_EN);
	i18n_release();
}
END_TEST

static Suite *
i18n_suite(void)
{
	Suite *s = suite_create("i18n");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, parse_codes);
	tcase_add_test(tc, accept_language);
	tcase_add_test(tc, translation);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(i18n_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
