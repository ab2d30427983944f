/* check_receipt.c: unit tests for receipt.c: a partner's answer to a
 * notice, read and checked, and held to the published schema
 * (forms/messages/receipt-in.xsd) case by case. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>
#include <libxml/parser.h>
#include <libxml/xmlschemas.h>

#include "buf.h"
#include "mem.h"
#include "receipt.h"

#define NOTICE	"Nt0123456789abcdefgh-_"
#define OPEN	"<receipt xmlns=\"urn:x-stafett:receipt:1\" version=\"1\">"
/* when it was sent, and its nonce (issue 15) */
#define SN	"<sent>2026-12-07T10:00:00Z</sent>" \
	"<nonce>nonce-0123456789ab</nonce>"
#define RSN	"<r:sent>2026-12-07T10:00:00Z</r:sent>" \
	"<r:nonce>nonce-0123456789ab</r:nonce>"
#define HEAD	OPEN "<notice>" NOTICE "</notice>" SN

static xmlDocPtr
parse(const char *xml)
{
	xmlDocPtr d = xmlReadMemory(xml, (int)strlen(xml), NULL, "UTF-8",
	    XML_PARSE_NONET);

	ck_assert_msg(d != NULL, "test document does not parse: %s", xml);
	return d;
}

static xmlSchemaPtr schema;

/* The validator's messages are the schema's business, not the test's. */
static void
quiet(void *arg, xmlErrorPtr e)
{
	(void)arg;
	(void)e;
}

/* Does the published schema accept xml? */
static int
schema_valid(const char *xml)
{
	xmlSchemaValidCtxtPtr vc;
	xmlDocPtr d = parse(xml);
	int rc;

	vc = xmlSchemaNewValidCtxt(schema);
	xmlSchemaSetValidStructuredErrors(vc, quiet, NULL);
	rc = xmlSchemaValidateDoc(vc, d);
	xmlSchemaFreeValidCtxt(vc);
	xmlFreeDoc(d);
	return rc == 0;
}

static void
setup(void)
{
	char path[4096];
	const char *top = getenv("top_srcdir");
	xmlSchemaParserCtxtPtr pc;

	snprintf(path, sizeof(path), "%s/forms/messages/receipt-in.xsd",
	    top != NULL ? top : ".");
	pc = xmlSchemaNewParserCtxt(path);
	ck_assert_ptr_nonnull(pc);
	schema = xmlSchemaParse(pc);
	xmlSchemaFreeParserCtxt(pc);
	ck_assert_msg(schema != NULL, "schema %s does not parse", path);
}

static void
teardown(void)
{
	xmlSchemaFree(schema);
	schema = NULL;
}

/* Parse xml as a receipt: the result, with errs filled. */
static st_rc
read_receipt(const char *xml, struct receipt *out,
    struct receipt_errors *errs)
{
	xmlDocPtr d = parse(xml);
	st_rc rc = receipt_parse(d, out, errs);

	xmlFreeDoc(d);
	return rc;
}

static const struct {
	const char		*xml;
	enum receipt_kind	 kind;
	const char		*reference, *text;
	enum receipt_guardians	 guardians;
} good[] = {
	{ HEAD "<accepted><reference>BUP-2026-17</reference></accepted>"
	  "</receipt>", RECEIPT_ACCEPTED, "BUP-2026-17", NULL,
	  RECEIPT_GUARDIANS_SAME },
	{ HEAD "<accepted><reference> BUP-2026-18\n</reference>"
	  "<text>Innkalling sendt.</text></accepted></receipt>",
	  RECEIPT_ACCEPTED, "BUP-2026-18", "Innkalling sendt.",
	  RECEIPT_GUARDIANS_SAME },
	{ HEAD "<rejected><reason>\n  Ikke vårt område.  </reason></rejected>"
	  "</receipt>", RECEIPT_REJECTED, NULL, "Ikke vårt område.",
	  RECEIPT_GUARDIANS_SAME },
	{ HEAD "<more_info><text>Trenger skjema\nfra fastlege.</text>"
	  "</more_info></receipt>", RECEIPT_MORE_INFO, NULL,
	  "Trenger skjema\nfra fastlege.", RECEIPT_GUARDIANS_SAME },
	/* blanks and comments between the elements are nothing */
	{ OPEN "\n  <notice> " NOTICE " </notice>" SN "\n  <!-- x -->"
	  "<rejected><reason><![CDATA[a < b]]></reason></rejected>\n"
	  "</receipt>", RECEIPT_REJECTED, NULL, "a < b",
	  RECEIPT_GUARDIANS_SAME },
	{ "<r:receipt xmlns:r=\"urn:x-stafett:receipt:1\" version=\"1\">"
	  "<r:notice>" NOTICE "</r:notice>" RSN "<r:accepted><r:reference>Æ-1"
	  "</r:reference></r:accepted></r:receipt>", RECEIPT_ACCEPTED,
	  "Æ-1", NULL, RECEIPT_GUARDIANS_SAME },
	/* child welfare on what the guardians are shown */
	{ HEAD "<accepted><reference>BV-7</reference></accepted>"
	  "<guardians>withhold</guardians></receipt>", RECEIPT_ACCEPTED,
	  "BV-7", NULL, RECEIPT_GUARDIANS_WITHHOLD },
	{ HEAD "<more_info><text>Ring oss.</text></more_info><guardians> inform"
	  " </guardians></receipt>", RECEIPT_MORE_INFO, NULL, "Ring oss.",
	  RECEIPT_GUARDIANS_INFORM },
};

START_TEST(reads_every_answer)
{
	struct receipt_errors errs;
	struct receipt rec;
	size_t i;

	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		st_rc rc = read_receipt(good[i].xml, &rec, &errs);

		ck_assert_msg(rc == ST_OK, "case %zu: %s %s", i,
		    errs.n > 0 ? errs.v[0].path : "",
		    errs.n > 0 ? errs.v[0].message : "");
		ck_assert_uint_eq(errs.n, 0);
		ck_assert_str_eq(rec.notice, NOTICE);
		ck_assert_int_eq(rec.kind, good[i].kind);
		if (good[i].reference != NULL)
			ck_assert_str_eq(rec.reference, good[i].reference);
		else
			ck_assert_ptr_null(rec.reference);
		if (good[i].text != NULL)
			ck_assert_str_eq(rec.text, good[i].text);
		else
			ck_assert_ptr_null(rec.text);
		ck_assert_int_eq(rec.guardians, good[i].guardians);
		receipt_release(&rec);
		ck_assert_msg(schema_valid(good[i].xml),
		    "case %zu: the schema refuses what receipt_parse takes", i);
	}
}
END_TEST

static const struct {
	const char	*xml;
	const char	*path;		/* of the first error */
} bad[] = {
	/* not a receipt */
	{ "<receipt version=\"1\"><notice>" NOTICE "</notice>" SN "<accepted>"
	  "<reference>X</reference></accepted></receipt>", "/" },
	{ "<receipt xmlns=\"urn:x-stafett:message:1\" version=\"1\"/>", "/" },
	{ "<answer xmlns=\"urn:x-stafett:receipt:1\" version=\"1\"/>", "/" },
	/* the version */
	{ "<receipt xmlns=\"urn:x-stafett:receipt:1\"><notice>" NOTICE
	  "</notice>" SN "<accepted><reference>X</reference></accepted>"
	  "</receipt>", "/receipt/@version" },
	{ "<receipt xmlns=\"urn:x-stafett:receipt:1\" version=\"2\"><notice>"
	  NOTICE "</notice>" SN "<accepted><reference>X</reference></accepted>"
	  "</receipt>", "/receipt/@version" },
	/* the notice */
	{ OPEN "<accepted><reference>X</reference></accepted></receipt>",
	  "/receipt/notice" },
	{ OPEN "<notice>short</notice>" SN "<accepted><reference>X</reference>"
	  "</accepted></receipt>", "/receipt/notice" },
	{ OPEN "<notice>Nt0123456789abcdefgh.!</notice>" SN
	  "<accepted><reference>X</reference></accepted></receipt>",
	  "/receipt/notice" },
	{ OPEN "<notice>Nt0123456789 abcdefgh</notice>" SN
	  "<accepted><reference>X</reference></accepted></receipt>",
	  "/receipt/notice" },
	{ OPEN "<notice><b>" NOTICE "</b></notice>" SN "<accepted><reference>"
	  "X</reference></accepted></receipt>", "/receipt/notice" },
	/* when it was sent, and its nonce (issue 15) */
	{ OPEN "<notice>" NOTICE "</notice><nonce>nonce-0123456789ab</nonce>"
	  "<accepted><reference>X</reference></accepted></receipt>",
	  "/receipt/sent" },
	{ OPEN "<notice>" NOTICE "</notice><sent>2026-12-07 10:00</sent>"
	  "<nonce>nonce-0123456789ab</nonce><accepted><reference>X"
	  "</reference></accepted></receipt>", "/receipt/sent" },
	{ OPEN "<notice>" NOTICE "</notice><sent>2026-12-07T10:00:00+01:00"
	  "</sent><nonce>nonce-0123456789ab</nonce><accepted><reference>X"
	  "</reference></accepted></receipt>", "/receipt/sent" },
	{ OPEN "<notice>" NOTICE "</notice><sent>2026-12-07T10:00:00Z</sent>"
	  "<accepted><reference>X</reference></accepted></receipt>",
	  "/receipt/nonce" },
	{ OPEN "<notice>" NOTICE "</notice><sent>2026-12-07T10:00:00Z</sent>"
	  "<nonce>short</nonce><accepted><reference>X</reference>"
	  "</accepted></receipt>", "/receipt/nonce" },
	{ OPEN "<notice>" NOTICE "</notice><sent>2026-12-07T10:00:00Z</sent>"
	  "<nonce>nonce with blanks!!</nonce><accepted><reference>X"
	  "</reference></accepted></receipt>", "/receipt/nonce" },
	/* the answer */
	{ HEAD "</receipt>", "/receipt" },
	{ HEAD "<maybe><text>Kanskje.</text></maybe></receipt>",
	  "/receipt/maybe" },
	{ HEAD "<accepted xmlns=\"urn:x-other\"><reference>X</reference>"
	  "</accepted></receipt>", "/receipt/accepted" },
	{ HEAD "<accepted><reference>X</reference></accepted><rejected>"
	  "<reason>Nei.</reason></rejected></receipt>", "/receipt/rejected" },
	{ HEAD "<accepted><text>Ja.</text></accepted></receipt>",
	  "/receipt/accepted/reference" },
	{ HEAD "<accepted/></receipt>", "/receipt/accepted/reference" },
	{ HEAD "<accepted><reference>BUP 17</reference></accepted></receipt>",
	  "/receipt/accepted/reference" },
	{ HEAD "<accepted><reference>   </reference></accepted></receipt>",
	  "/receipt/accepted/reference" },
	{ HEAD "<accepted><reference>X</reference><text>Ja.</text><text>Ja."
	  "</text></accepted></receipt>", "/receipt/accepted/text" },
	{ HEAD "<accepted><reference>X</reference><text> </text></accepted>"
	  "</receipt>", "/receipt/accepted/text" },
	{ HEAD "<rejected/></receipt>", "/receipt/rejected/reason" },
	{ HEAD "<rejected><reason>\n\t </reason></rejected></receipt>",
	  "/receipt/rejected/reason" },
	{ HEAD "<rejected><text>Nei.</text></rejected></receipt>",
	  "/receipt/rejected/reason" },
	{ HEAD "<more_info></more_info></receipt>",
	  "/receipt/more_info/text" },
	{ HEAD "<more_info><text>Hva <i>mer</i>?</text></more_info>"
	  "</receipt>", "/receipt/more_info/text" },
	{ HEAD "<more_info><text flag=\"1\">Hva?</text></more_info>"
	  "</receipt>", "/receipt/more_info/text/@flag" },
	/* text where only elements go, attributes not in the schema */
	{ HEAD "stray<rejected><reason>Nei.</reason></rejected></receipt>",
	  "/receipt" },
	{ "<receipt xmlns=\"urn:x-stafett:receipt:1\" version=\"1\" id=\"7\">"
	  "<notice>" NOTICE "</notice>" SN "<rejected><reason>Nei.</reason>"
	  "</rejected></receipt>", "/receipt/@id" },
	/* what the guardians are shown: withhold or inform, after the
	 * answer, once */
	{ HEAD "<rejected><reason>Nei.</reason></rejected><guardians>maybe"
	  "</guardians></receipt>", "/receipt/guardians" },
	{ HEAD "<rejected><reason>Nei.</reason></rejected><guardians/>"
	  "</receipt>", "/receipt/guardians" },
	{ HEAD "<guardians>withhold</guardians><rejected><reason>Nei.</reason>"
	  "</rejected></receipt>", "/receipt/guardians" },
	{ HEAD "<rejected><reason>Nei.</reason></rejected><guardians>withhold"
	  "</guardians><guardians>inform</guardians></receipt>",
	  "/receipt/guardians" },
};

START_TEST(refuses_with_the_path)
{
	struct receipt_errors errs;
	struct receipt rec;
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		st_rc rc = read_receipt(bad[i].xml, &rec, &errs);

		ck_assert_msg(rc == ST_E_INVALID, "case %zu taken", i);
		ck_assert_uint_ge(errs.n, 1);
		ck_assert_msg(strcmp(errs.v[0].path, bad[i].path) == 0,
		    "case %zu: path %s, want %s", i, errs.v[0].path,
		    bad[i].path);
		ck_assert_ptr_nonnull(errs.v[0].message);
		ck_assert_uint_gt(strlen(errs.v[0].message), 10);
		ck_assert_ptr_null(rec.reference);
		ck_assert_ptr_null(rec.text);
		ck_assert_msg(!schema_valid(bad[i].xml),
		    "case %zu: the schema takes what receipt_parse refuses", i);
	}
}
END_TEST

/* A document made of xml before and after n copies of what. */
static char *
repeated(const char *before, const char *what, size_t n, const char *after)
{
	struct buf b = BUF_INIT(1 << 20);
	size_t i;

	ck_assert_int_eq(buf_addstr(&b, before), ST_OK);
	for (i = 0; i < n; i++)
		ck_assert_int_eq(buf_addstr(&b, what), ST_OK);
	ck_assert_int_eq(buf_addstr(&b, after), ST_OK);
	return buf_take(&b);
}

/* n copies of a two-byte character between before and after: taken
 * (and by the schema) exactly when ok; else refused at path. */
static void
length_case(const char *before, const char *after, size_t n, int ok,
    const char *path)
{
	struct receipt_errors errs;
	struct receipt rec;
	char *xml = repeated(before, "ø", n, after);

	ck_assert_int_eq(read_receipt(xml, &rec, &errs),
	    ok ? ST_OK : ST_E_INVALID);
	if (!ok)
		ck_assert_str_eq(errs.v[0].path, path);
	ck_assert_int_eq(schema_valid(xml), ok);
	receipt_release(&rec);
	xfree(xml);
}

START_TEST(lengths_count_characters)
{
	const char *ref = HEAD "<accepted><reference>";
	const char *ref_end = "</reference></accepted></receipt>";
	const char *text = HEAD "<more_info><text>";
	const char *text_end = "</text></more_info></receipt>";

	/* 100 two-byte characters are a reference, 101 are not */
	length_case(ref, ref_end, 100, 1, NULL);
	length_case(ref, ref_end, 101, 0, "/receipt/accepted/reference");
	/* 8000 characters of text, and one more */
	length_case(text, text_end, 8000, 1, NULL);
	length_case(text, text_end, 8001, 0, "/receipt/more_info/text");
}
END_TEST

START_TEST(errors_are_capped)
{
	struct receipt_errors errs;
	struct receipt rec;
	char *xml;

	/* many stray attributes: the list stops at its cap */
	xml = repeated("<receipt xmlns=\"urn:x-stafett:receipt:1\" "
	    "version=\"2\"", "", 0, " a=\"1\" b=\"1\" c=\"1\" d=\"1\" e=\"1\" "
	    "f=\"1\" g=\"1\" h=\"1\" i=\"1\"><x/></receipt>");
	ck_assert_int_eq(read_receipt(xml, &rec, &errs), ST_E_INVALID);
	ck_assert_uint_eq(errs.n, RECEIPT_ERRORS_MAX);
	xfree(xml);
	/* no document at all */
	ck_assert_int_eq(receipt_parse(NULL, &rec, &errs), ST_E_INVALID);
	ck_assert_str_eq(errs.v[0].path, "/");
}
END_TEST

START_TEST(digest_tells_answers_apart)
{
	unsigned char a[SECURE_HASH_LEN], b[SECURE_HASH_LEN];
	struct receipt x, y;

	memset(&x, 0, sizeof(x));
	x.kind = RECEIPT_ACCEPTED;
	x.reference = (char *)"ab";
	x.text = (char *)"c";
	y = x;
	receipt_digest(&x, a);
	receipt_digest(&y, b);
	ck_assert(memcmp(a, b, sizeof(a)) == 0);
	/* the parts are separated: "ab"+"c" is not "a"+"bc" */
	y.reference = (char *)"a";
	y.text = (char *)"bc";
	receipt_digest(&y, b);
	ck_assert(memcmp(a, b, sizeof(a)) != 0);
	/* the kind counts */
	y = x;
	y.kind = RECEIPT_MORE_INFO;
	receipt_digest(&y, b);
	ck_assert(memcmp(a, b, sizeof(a)) != 0);
	/* no text is not an empty one's twin with another kind */
	y = x;
	y.text = NULL;
	receipt_digest(&y, b);
	ck_assert(memcmp(a, b, sizeof(a)) != 0);
	/* what the guardians are shown counts, each way */
	y = x;
	y.guardians = RECEIPT_GUARDIANS_WITHHOLD;
	receipt_digest(&y, b);
	ck_assert(memcmp(a, b, sizeof(a)) != 0);
	memcpy(a, b, sizeof(a));
	y.guardians = RECEIPT_GUARDIANS_INFORM;
	receipt_digest(&y, b);
	ck_assert(memcmp(a, b, sizeof(a)) != 0);
	ck_assert_str_eq(receipt_kind_name(RECEIPT_MORE_INFO), "more_info");
}
END_TEST

static Suite *
receipt_suite(void)
{
	Suite *s = suite_create("receipt");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, reads_every_answer);
	tcase_add_test(tc, refuses_with_the_path);
	tcase_add_test(tc, lengths_count_characters);
	tcase_add_test(tc, errors_are_capped);
	tcase_add_test(tc, digest_tells_answers_apart);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(receipt_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
