/* check_message.c: unit tests for message.c: every message type against
 * its published schema, and the exact set of fields that leave. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>
#include <libxml/parser.h>
#include <libxml/xmlschemas.h>

#include "buf.h"
#include "message.h"

static const struct msg_head head = {
	"Nt0123456789abcdefghij", "LOG-0042", "2026-11-24T10:00:00Z",
	"Fagerli barnehage"
};

static xmlDocPtr
parse(const char *xml)
{
	xmlDocPtr d = xmlReadMemory(xml, (int)strlen(xml), NULL, "UTF-8",
	    XML_PARSE_NONET | XML_PARSE_NOBLANKS);

	ck_assert_ptr_nonnull(d);
	return d;
}

/* Validate d against forms/messages/<name>.xsd. */
static void
valid(xmlDocPtr d, const char *name)
{
	char path[4096];
	const char *top = getenv("top_srcdir");
	xmlSchemaParserCtxtPtr pc;
	xmlSchemaValidCtxtPtr vc;
	xmlSchemaPtr s;
	int rc;

	snprintf(path, sizeof(path), "%s/forms/messages/%s.xsd",
	    top != NULL ? top : ".", name);
	pc = xmlSchemaNewParserCtxt(path);
	ck_assert_ptr_nonnull(pc);
	s = xmlSchemaParse(pc);
	ck_assert_msg(s != NULL, "schema %s does not parse", path);
	vc = xmlSchemaNewValidCtxt(s);
	rc = xmlSchemaValidateDoc(vc, d);
	xmlSchemaFreeValidCtxt(vc);
	xmlSchemaFree(s);
	xmlSchemaFreeParserCtxt(pc);
	ck_assert_msg(rc == 0, "%s message does not satisfy its schema", name);
}

/* Every element with text, as "path=value" lines in document order. */
static void
leaves(xmlNodePtr n, const char *prefix, struct buf *out)
{
	char path[512];
	xmlNodePtr c;
	int elems = 0;

	snprintf(path, sizeof(path), "%s%s%s", prefix, *prefix ? "/" : "",
	    (const char *)n->name);
	ck_assert_ptr_nonnull(n->ns);
	ck_assert_str_eq((const char *)n->ns->href, MSG_NS);
	for (c = n->children; c != NULL; c = c->next)
		if (c->type == XML_ELEMENT_NODE) {
			elems++;
			leaves(c, path, out);
		}
	if (elems == 0) {
		xmlChar *v = xmlNodeGetContent(n);

		ck_assert_int_eq(buf_addf(out, "%s=%s\n", path,
		    v != NULL ? (const char *)v : ""), ST_OK);
		xmlFree(v);
	}
}

static void
pin(xmlDocPtr msg, const char *name, const char *expect)
{
	struct buf got = BUF_INIT(65536);

	valid(msg, name);
	leaves(xmlDocGetRootElement(msg), "", &got);
	ck_assert_str_eq(got.data, expect);
	buf_release(&got);
}

#define HEADER(root) \
	root "/header/notice=Nt0123456789abcdefghij\n" \
	root "/header/log=LOG-0042\n" \
	root "/header/created=2026-11-24T10:00:00Z\n" \
	root "/header/sender=Fagerli barnehage\n"

START_TEST(referral)
{
	/* Every field filled, some the form hides (urgency_reason when
	 * not urgent) and some no form has: none of those may leave. */
	xmlDocPtr in = parse("<referral><recipient>bup</recipient>"
	    "<child><name>Sara Hansen</name><nin>01011912345</nin>"
	    "<birthdate>2019-01-01</birthdate><address>Storgata 1</address>"
	    "</child><reason>Angst</reason><tried>Samtaler</tried>"
	    "<functioning><daytime>Stille</daytime><home>Uro</home>"
	    "<peers>En venn</peers></functioning>"
	    "<consent_ref>SAM-1</consent_ref>"
	    "<guardians_agree>true</guardians_agree>"
	    "<urgency>normal</urgency><urgency_reason>glemt</urgency_reason>"
	    "<contact><name>Kari</name><phone>12345678</phone>"
	    "<email>kari@example.no</email></contact>"
	    "<guardian><name>Line Hansen</name></guardian>"
	    "<diagnosis>F41</diagnosis></referral>"), out;

	ck_assert_int_eq(msg_build_referral(&head, in, &out), ST_OK);
	pin(out, "referral", HEADER("referral")
	    "referral/recipient=bup\n"
	    "referral/child/name=Sara Hansen\n"
	    "referral/child/nin=01011912345\n"
	    "referral/reason=Angst\n"
	    "referral/tried=Samtaler\n"
	    "referral/functioning/daytime=Stille\n"
	    "referral/functioning/home=Uro\n"
	    "referral/functioning/peers=En venn\n"
	    "referral/consent_ref=SAM-1\n"
	    "referral/guardians_agree=true\n"
	    "referral/urgency=normal\n"
	    "referral/contact/name=Kari\n"
	    "referral/contact/phone=12345678\n"
	    "referral/contact/email=kari@example.no\n");
	xmlFreeDoc(out);
	xmlFreeDoc(in);
	/* Without an identity number the birth date goes instead. */
	in = parse("<referral><recipient>ppt</recipient><child><name>Ola"
	    "</name><nin/><birthdate>2018-05-06</birthdate></child>"
	    "<reason>Lesing</reason><urgency>urgent</urgency>"
	    "<urgency_reason>Skolestart</urgency_reason><contact><name>Kari"
	    "</name></contact></referral>");
	ck_assert_int_eq(msg_build_referral(&head, in, &out), ST_OK);
	pin(out, "referral", HEADER("referral")
	    "referral/recipient=ppt\n"
	    "referral/child/name=Ola\n"
	    "referral/child/birthdate=2018-05-06\n"
	    "referral/reason=Lesing\n"
	    "referral/functioning=\n"
	    "referral/guardians_agree=false\n"
	    "referral/urgency=urgent\n"
	    "referral/urgency_reason=Skolestart\n"
	    "referral/contact/name=Kari\n");
	xmlFreeDoc(out);
	xmlFreeDoc(in);
	/* Not born yet: the expected date, and the schema takes it. */
	in = parse("<referral><recipient>bup</recipient><child><name>Barn av"
	    " Eva</name><nin/><birthdate/><expected>2027-02-03</expected>"
	    "</child><reason>Svangerskap</reason><urgency>normal</urgency>"
	    "<contact><name>Kari</name></contact></referral>");
	ck_assert_int_eq(msg_build_referral(&head, in, &out), ST_OK);
	pin(out, "referral", HEADER("referral")
	    "referral/recipient=bup\n"
	    "referral/child/name=Barn av Eva\n"
	    "referral/child/expected=2027-02-03\n"
	    "referral/reason=Svangerskap\n"
	    "referral/functioning=\n"
	    "referral/guardians_agree=false\n"
	    "referral/urgency=normal\n"
	    "referral/contact/name=Kari\n");
	xmlFreeDoc(out);
	xmlFreeDoc(in);
}
END_TEST

START_TEST(nav_notice)
{
	xmlDocPtr in = parse("<nav_notice><kind>family_programme housing"
	    "</kind><kind_other>skjult</kind_other><needs>Bolig</needs>"
	    "<consent_ref>SAM-2</consent_ref><family_contact><name>Line"
	    "</name><phone>87654321</phone><interpreter>false</interpreter>"
	    "<language>arabisk</language></family_contact>"
	    "<urgency>normal</urgency><child><name>Sara</name></child>"
	    "</nav_notice>"), out;

	ck_assert_int_eq(msg_build_nav_notice(&head, in, &out), ST_OK);
	pin(out, "nav_notice", HEADER("nav_notice")
	    "nav_notice/kind=family_programme housing\n"
	    "nav_notice/needs=Bolig\n"
	    "nav_notice/consent_ref=SAM-2\n"
	    "nav_notice/family_contact/name=Line\n"
	    "nav_notice/family_contact/phone=87654321\n"
	    "nav_notice/family_contact/interpreter=false\n"
	    "nav_notice/urgency=normal\n");
	xmlFreeDoc(out);
	xmlFreeDoc(in);
}
END_TEST

START_TEST(cw_report)
{
	xmlDocPtr in = parse("<cw_report><reporter><role>teacher</role>"
	    "<role_other>skjult</role_other><name>Kari</name><unit>Fagerli"
	    "</unit><phone>12345678</phone></reporter><child><name>Sara"
	    "</name><nin>01011912345</nin><birthdate>2019-01-01</birthdate>"
	    "<address>Storgata 1</address></child><concern>Blåmerker"
	    "</concern><observations><observation><date>2026-11-20</date>"
	    "<what>Blåmerke på armen</what></observation><observation>"
	    "<date/><what/></observation></observations>"
	    "<duration>weeks</duration><risk>violence</risk>"
	    "<urgent>true</urgent><guardians_informed>yes"
	    "</guardians_informed><guardians_not_informed_why>skjult"
	    "</guardians_not_informed_why><leader><name>Leder</name>"
	    "<without>false</without><without_why>skjult</without_why>"
	    "</leader><date>2026-11-24</date><note>intern</note>"
	    "</cw_report>"), out;

	ck_assert_int_eq(msg_build_cw_report(&head, in, &out), ST_OK);
	pin(out, "cw_report", HEADER("cw_report")
	    "cw_report/reporter/role=teacher\n"
	    "cw_report/reporter/name=Kari\n"
	    "cw_report/reporter/unit=Fagerli\n"
	    "cw_report/reporter/phone=12345678\n"
	    "cw_report/child/name=Sara\n"
	    "cw_report/child/nin=01011912345\n"
	    "cw_report/child/address=Storgata 1\n"
	    "cw_report/concern=Blåmerker\n"
	    "cw_report/observations/observation/date=2026-11-20\n"
	    "cw_report/observations/observation/what=Blåmerke på armen\n"
	    "cw_report/duration=weeks\n"
	    "cw_report/risk=violence\n"
	    "cw_report/urgent=true\n"
	    "cw_report/guardians_informed=yes\n"
	    "cw_report/leader/name=Leder\n"
	    "cw_report/leader/without=false\n"
	    "cw_report/date=2026-11-24\n");
	xmlFreeDoc(out);
	xmlFreeDoc(in);
}
END_TEST

START_TEST(handover)
{
	xmlDocPtr in = parse("<handover><new_holder><name>Per</name>"
	    "<unit>Fagerli skole</unit></new_holder><reason>Skolestart"
	    "</reason><briefing>Mor er syk</briefing>"
	    "<planned_date>2026-12-01</planned_date></handover>"), out;

	ck_assert_int_eq(msg_build_handover(&head, in, &out), ST_OK);
	pin(out, "handover", HEADER("handover")
	    "handover/new_holder/name=Per\n"
	    "handover/new_holder/unit=Fagerli skole\n"
	    "handover/date=2026-12-01\n");
	xmlFreeDoc(out);
	xmlFreeDoc(in);
}
END_TEST

START_TEST(cancellation)
{
	xmlDocPtr out;

	ck_assert_int_eq(msg_build_cancellation(&head, "Old0123456789abcdefghi",
	    "consent_withdrawn", &out), ST_OK);
	pin(out, "cancellation", HEADER("cancellation")
	    "cancellation/cancels=Old0123456789abcdefghi\n"
	    "cancellation/reason=consent_withdrawn\n");
	xmlFreeDoc(out);
	ck_assert_int_eq(msg_build_cancellation(&head, "x", "because", &out),
	    ST_E_INVALID);
	ck_assert_ptr_null(out);
}
END_TEST

START_TEST(refusals)
{
	xmlDocPtr in = parse("<handover><new_holder><name>Per</name>"
	    "</new_holder></handover>"), out;

	/* wrong form, required field missing */
	ck_assert_int_eq(msg_build_referral(&head, in, &out), ST_E_INVALID);
	ck_assert_ptr_null(out);
	ck_assert_int_eq(msg_build_handover(&head, in, &out), ST_E_INVALID);
	ck_assert_ptr_null(out);
	ck_assert_int_eq(msg_build(MSG_CANCELLATION, &head, in, &out),
	    ST_E_INVALID);
	xmlFreeDoc(in);
	/* markup in a value is text, never structure */
	in = parse("<handover><new_holder><name>&lt;x/&gt;</name><unit>U"
	    "</unit></new_holder></handover>");
	ck_assert_int_eq(msg_build(MSG_HANDOVER, &head, in, &out), ST_OK);
	pin(out, "handover", HEADER("handover")
	    "handover/new_holder/name=<x/>\n"
	    "handover/new_holder/unit=U\n");
	xmlFreeDoc(out);
	xmlFreeDoc(in);
	ck_assert_int_eq(msg_type_of("nav_notice"), MSG_NAV_NOTICE);
	ck_assert_int_eq(msg_type_of("letter"), MSG__COUNT);
	ck_assert_str_eq(msg_type_name(MSG_CW_REPORT), "cw_report");
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("message");
	TCase *tc = tcase_create("core");
	SRunner *sr;
	int failed;

	tcase_add_test(tc, referral);
	tcase_add_test(tc, nav_notice);
	tcase_add_test(tc, cw_report);
	tcase_add_test(tc, handover);
	tcase_add_test(tc, cancellation);
	tcase_add_test(tc, refusals);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	xmlCleanupParser();
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
