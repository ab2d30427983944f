/* check_evmsg.c: unit tests of timeline messages: storing their
 * arguments, reading them back as untrusted XML, and their words. */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "evmsg.h"
#include "i18n.h"
#include "mem.h"
#include "xmlsafe.h"

static void
setup(void)
{
	char dir[4096], err[512];
	const char *top = getenv("top_builddir");

	xmlsafe_global_init();
	snprintf(dir, sizeof(dir), "%s/po/locale", top != NULL ? top : ".");
	ck_assert_msg(i18n_init(dir, err, sizeof(err)) == ST_OK, "%s", err);
	i18n_use(LANG_EN);
}

static void
teardown(void)
{
	i18n_release();
}

/* m's words in lang, as a string the caller frees with xfree(). */
static char *
words(const struct evmsg *m, enum lang lang)
{
	struct buf out = BUF_INIT(65536);
	char *s;

	i18n_use(lang);
	ck_assert_int_eq(evmsg_render(m, &out), ST_OK);
	i18n_use(LANG_EN);
	s = xstrdup(out.data);
	buf_release(&out);
	return s;
}

/* encode m and decode it into back */
static void
round_trip(const struct evmsg *m, struct evmsg *back, struct buf *enc)
{
	ck_assert_int_eq(evmsg_encode(m, enc), ST_OK);
	ck_assert_int_eq(evmsg_decode(back, m->msg, enc->len > 0 ?
	    enc->data : NULL, enc->len), ST_OK);
}

START_TEST(every_type_survives_storing)
{
	struct buf enc = BUF_INIT(65536);
	struct evmsg m, back;
	size_t i;

	evmsg_init(&m, "{0} {1} {2} {3} {4} {5} {6} {7}");
	evmsg_text(&m, "Nøden & <lov> \"sa\" 'hun'\nny linje", "nb");
	evmsg_name(&m, "Ås & Co");
	evmsg_names(&m, "Familiesenteret, helsestasjonen" EVMSG_SEP
	    "PPT <Larvik>");
	evmsg_ref(&m, "K-2026-0001");
	evmsg_number(&m, -3);
	evmsg_date(&m, "2026-03-31");
	evmsg_time(&m, "09:30");
	evmsg_code(&m, EVARG_SERVICE, "health_clinic");
	round_trip(&m, &back, &enc);
	ck_assert_uint_eq(back.n, 8);
	for (i = 0; i < 8; i++) {
		ck_assert_str_eq(back.a[i].type, m.a[i].type);
		ck_assert_str_eq(back.a[i].value, m.a[i].value);
	}
	ck_assert_str_eq(back.a[0].lang, "nb");
	ck_assert_ptr_null(back.a[1].lang);
	evmsg_release(&back);
	buf_release(&enc);
}
END_TEST

START_TEST(no_arguments_store_nothing)
{
	struct buf enc = BUF_INIT(1024);
	struct evmsg m, back;

	evmsg_init(&m, "Scanned paper consent attached.");
	ck_assert_int_eq(evmsg_encode(&m, &enc), ST_OK);
	ck_assert_uint_eq(enc.len, 0);
	ck_assert_int_eq(evmsg_decode(&back, m.msg, NULL, 0), ST_OK);
	ck_assert_uint_eq(back.n, 0);
	evmsg_release(&back);
}
END_TEST

START_TEST(too_many_arguments_are_refused)
{
	struct buf enc = BUF_INIT(1024);
	struct evmsg m;
	int i;

	evmsg_init(&m, "{0}");
	for (i = 0; i < EVMSG_MAX_ARGS + 1; i++)
		evmsg_number(&m, i);
	ck_assert(m.overflow);
	ck_assert_int_eq(evmsg_encode(&m, &enc), ST_E_INVALID);
	buf_release(&enc);
}
END_TEST

/* What the database holds is read as untrusted: anything but what
 * evmsg_encode makes is refused (the page shows the summary). */
START_TEST(stored_arguments_are_checked)
{
	static const char *bad[] = {
		"<other><a t=\"text\">x</a></other>",
		"<args><a t=\"html\">x</a></args>",
		"<args><a>x</a></args>",
		"<args><b t=\"text\">x</b></args>",
		"<args><a t=\"text\"><b>x</b></a></args>",
		"<args><a t=\"text\"><![CDATA[x]]></a></args>",
		"<args><a t=\"names\">x</a></args>",
		"<!DOCTYPE args [<!ENTITY e \"x\">]><args><a t=\"text\">&e;</a>"
		    "</args>",
		"<args><a t=\"text\">x</a>",
		"<args><a t=\"number\">1</a><a t=\"number\">2</a>"
		    "<a t=\"number\">3</a><a t=\"number\">4</a>"
		    "<a t=\"number\">5</a><a t=\"number\">6</a>"
		    "<a t=\"number\">7</a><a t=\"number\">8</a>"
		    "<a t=\"number\">9</a></args>",
	};
	static const char unknown[] =
	    "<args><a t=\"text\" lang=\"xx\">x</a></args>";
	struct evmsg m;
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		ck_assert_msg(evmsg_decode(&m, "{0}", bad[i], strlen(bad[i]))
		    != ST_OK, "accepted: %s", bad[i]);
		evmsg_release(&m);
	}
	/* an unknown language is no language */
	ck_assert_int_eq(evmsg_decode(&m, "{0}", unknown, strlen(unknown)),
	    ST_OK);
	ck_assert_ptr_null(m.a[0].lang);
	evmsg_release(&m);
}
END_TEST

START_TEST(english_words)
{
	struct evmsg m;
	char *s;

	evmsg_init(&m, "Level {0} to level {1}: {2}");
	evmsg_number(&m, 1);
	evmsg_number(&m, 2);
	evmsg_text(&m, "Trenger mer støtte", "nb");
	s = words(&m, LANG_EN);
	ck_assert_str_eq(s, "Level 1 to level 2: Trenger mer støtte");
	xfree(s);

	evmsg_init(&m, "{0} for {1} from {2} ({3}) {4}");
	evmsg_code(&m, EVARG_CONSENT_METHOD, "paper");
	evmsg_names(&m, "A" EVMSG_SEP "B" EVMSG_SEP "C");
	evmsg_date(&m, "2026-03-31");
	evmsg_code(&m, EVARG_SERVICE, "health_clinic");
	evmsg_code(&m, EVARG_SERVICES, "ppt nav");
	s = words(&m, LANG_EN);
	ck_assert_str_eq(s, "on paper for A, B and C from 2026-03-31 "
	    "(health clinic) educational-psychological service (PPT) and "
	    "NAV");
	xfree(s);

	/* a number beyond the arguments stays as it is */
	evmsg_init(&m, "{0} and {1}");
	evmsg_name(&m, "Nina");
	s = words(&m, LANG_EN);
	ck_assert_str_eq(s, "Nina and {1}");
	xfree(s);
}
END_TEST

START_TEST(norwegian_words)
{
	struct evmsg m;
	char *s;

	/* a message id the catalogue has, codes and dates in bokmål */
	evmsg_init(&m, "Level {0}: {1}");
	evmsg_number(&m, 2);
	evmsg_code(&m, EVARG_CONSENT_METHOD, "paper");
	s = words(&m, LANG_NB);
	ck_assert_str_eq(s, "Nivå 2: på papir");
	xfree(s);

	evmsg_init(&m, "{0} {1}");
	evmsg_date(&m, "2026-03-31");
	evmsg_names(&m, "A" EVMSG_SEP "B");
	s = words(&m, LANG_NN);
	ck_assert_str_eq(s, "31.03.2026 A og B");
	xfree(s);

	/* what a person wrote is never translated */
	evmsg_init(&m, EVMSG_TEXT_ONLY);
	evmsg_text(&m, "Log in", "en");
	s = words(&m, LANG_NB);
	ck_assert_str_eq(s, "Log in");
	xfree(s);
}
END_TEST

/* The view: msg, every argument, and the sentence with a person's text
 * in another language marked. */
START_TEST(the_view)
{
	xmlDocPtr doc = xmlNewDoc(BAD_CAST "1.0");
	xmlNodePtr ev = xmlNewDocNode(doc, NULL, BAD_CAST "event", NULL);
	xmlBufferPtr xb = xmlBufferCreate();
	struct evmsg m;

	xmlDocSetRootElement(doc, ev);
	evmsg_init(&m, "Meeting {0} {1}, {2} ({3})");
	evmsg_date(&m, "2026-03-31");
	evmsg_time(&m, "09:00");
	evmsg_text(&m, "Møterom 1", "nb");
	evmsg_names(&m, "A" EVMSG_SEP "B");
	i18n_use(LANG_EN);
	evmsg_view(&m, LANG_EN, ev);
	xmlNodeDump(xb, doc, ev, 0, 0);
	ck_assert_str_eq((const char *)xmlBufferContent(xb),
	    "<event msg=\"Meeting {0} {1}, {2} ({3})\">"
	    "<arg type=\"date\">2026-03-31</arg>"
	    "<arg type=\"time\">09:00</arg>"
	    "<arg type=\"text\" lang=\"nb\">Møterom 1</arg>"
	    "<arg type=\"names\"><item>A</item><item>B</item></arg>"
	    "<text lang=\"en\">Meeting 2026-03-31 09:00, "
	    "<quote lang=\"nb\">Møterom 1</quote> (A and B)</text></event>");
	xmlBufferFree(xb);
	xmlFreeDoc(doc);

	/* the reader's own language is not marked; a code's words are
	 * given with the code */
	doc = xmlNewDoc(BAD_CAST "1.0");
	ev = xmlNewDocNode(doc, NULL, BAD_CAST "event", NULL);
	xb = xmlBufferCreate();
	xmlDocSetRootElement(doc, ev);
	evmsg_init(&m, "{0}: {1}");
	evmsg_code(&m, EVARG_SERVICE, "ppt");
	evmsg_text(&m, "Notat", "nb");
	i18n_use(LANG_NB);
	evmsg_view(&m, LANG_NB, ev);
	i18n_use(LANG_EN);
	xmlNodeDump(xb, doc, ev, 0, 0);
	ck_assert_ptr_nonnull(strstr((const char *)xmlBufferContent(xb),
	    "<arg value=\"ppt\" type=\"code:service\">"));
	ck_assert_ptr_nonnull(strstr((const char *)xmlBufferContent(xb),
	    ": Notat</text>"));
	ck_assert_ptr_null(strstr((const char *)xmlBufferContent(xb),
	    "<quote"));
	xmlBufferFree(xb);
	xmlFreeDoc(doc);
}
END_TEST

static Suite *
evmsg_suite(void)
{
	Suite *s = suite_create("evmsg");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, every_type_survives_storing);
	tcase_add_test(tc, no_arguments_store_nothing);
	tcase_add_test(tc, too_many_arguments_are_refused);
	tcase_add_test(tc, stored_arguments_are_checked);
	tcase_add_test(tc, english_words);
	tcase_add_test(tc, norwegian_words);
	tcase_add_test(tc, the_view);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(evmsg_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
