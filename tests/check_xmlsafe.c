/* check_xmlsafe.c: unit tests for hardened XML parsing (xmlsafe.h). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <check.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "buf.h"
#include "mem.h"
#include "xmlsafe.h"

#define MAX_BYTES	65536
#define MAX_DEPTH	32

/* What a failed parse left behind. */
struct result {
	st_rc		 rc;
	xmlDocPtr	 doc;
	char		 err[256];
};

/*
 * Parse len bytes of s with the given limits. *out starts non-NULL so
 * that a failure that forgets to clear it shows.
 */
static void
parse_lim(const char *s, size_t len, size_t max_bytes, unsigned max_depth,
    struct result *r)
{
	static char canary;

	r->doc = (xmlDocPtr)(void *)&canary;
	memset(r->err, 'X', sizeof(r->err) - 1);
	r->err[sizeof(r->err) - 1] = '\0';
	r->rc = xmlsafe_parse(s, len, max_bytes, max_depth, &r->doc, r->err,
	    sizeof(r->err));
}

static void
parse(const char *s, struct result *r)
{
	parse_lim(s, strlen(s), MAX_BYTES, MAX_DEPTH, r);
}

/* The parse failed with rc, *out is NULL and err holds a reason. */
static void
assert_refused(const struct result *r, st_rc rc, const char *doc)
{
	ck_assert_msg(r->rc == rc, "rc %d, not %d, for: %s", (int)r->rc,
	    (int)rc, doc);
	ck_assert_msg(r->doc == NULL, "*out not NULL after failure: %s",
	    doc);
	ck_assert_msg(r->err[0] != '\0' && r->err[0] != 'X',
	    "no reason given for: %s", doc);
	ck_assert_uint_lt(strlen(r->err), sizeof(r->err));
}

/* Text content of the root element (caller frees with xmlFree). */
static char *
root_text(xmlDocPtr doc)
{
	return (char *)xmlNodeGetContent(xmlDocGetRootElement(doc));
}

START_TEST(test_well_formed)
{
	const char *s = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<concern id=\"7\"><!-- a comment -->"
	    "<text>Barnet er lei seg, bl\xc3\xa5 \xc3\xa6\xc3\xb8\xc3\xa5"
	    " \xf0\x9f\x98\x80</text><?pi data?><empty/></concern>\n";
	struct result r;
	xmlNodePtr root;
	xmlChar *id;
	char *text;

	parse(s, &r);
	ck_assert_int_eq(r.rc, ST_OK);
	ck_assert_ptr_nonnull(r.doc);
	root = xmlDocGetRootElement(r.doc);
	ck_assert_str_eq((const char *)root->name, "concern");
	id = xmlGetProp(root, (const xmlChar *)"id");
	ck_assert_str_eq((const char *)id, "7");
	xmlFree(id);
	text = root_text(r.doc);
	ck_assert_str_eq(text, "Barnet er lei seg, bl\xc3\xa5 "
	    "\xc3\xa6\xc3\xb8\xc3\xa5 \xf0\x9f\x98\x80");
	xmlFree(text);
	xmlFreeDoc(r.doc);
}
END_TEST

START_TEST(test_minimal)
{
	struct result r;

	/* No declaration is needed; "utf-8" is the same as "UTF-8". */
	parse("<a/>", &r);
	ck_assert_int_eq(r.rc, ST_OK);
	ck_assert_str_eq((const char *)xmlDocGetRootElement(r.doc)->name,
	    "a");
	xmlFreeDoc(r.doc);
	parse("<?xml version='1.0' encoding='utf-8'?><a/>", &r);
	ck_assert_int_eq(r.rc, ST_OK);
	xmlFreeDoc(r.doc);
	/* A UTF-8 byte order mark is allowed. */
	parse("\xef\xbb\xbf<a/>", &r);
	ck_assert_int_eq(r.rc, ST_OK);
	xmlFreeDoc(r.doc);
}
END_TEST

START_TEST(test_namespaces)
{
	struct result r;
	xmlNodePtr root, child;

	/* The start-element hook must keep namespaces and attributes. */
	parse("<f:form xmlns:f=\"urn:stafett:form\" xmlns=\"urn:x\" "
	    "f:v=\"2\"><item k=\"v\"/></f:form>", &r);
	ck_assert_int_eq(r.rc, ST_OK);
	root = xmlDocGetRootElement(r.doc);
	ck_assert_ptr_nonnull(root->ns);
	ck_assert_str_eq((const char *)root->ns->href, "urn:stafett:form");
	ck_assert_str_eq((const char *)root->name, "form");
	child = xmlFirstElementChild(root);
	ck_assert_ptr_nonnull(child);
	ck_assert_ptr_nonnull(child->ns);
	ck_assert_str_eq((const char *)child->ns->href, "urn:x");
	ck_assert_ptr_nonnull(xmlHasNsProp(root, (const xmlChar *)"v",
	    (const xmlChar *)"urn:stafett:form"));
	xmlFreeDoc(r.doc);
}
END_TEST

START_TEST(test_predefined_entities)
{
	struct result r;
	char *text;

	/* The five predefined entities and character references are fine. */
	parse("<a>&amp;&lt;&gt;&quot;&apos;&#xE6;&#248;</a>", &r);
	ck_assert_int_eq(r.rc, ST_OK);
	text = root_text(r.doc);
	ck_assert_str_eq(text, "&<>\"'\xc3\xa6\xc3\xb8");
	xmlFree(text);
	xmlFreeDoc(r.doc);
}
END_TEST

START_TEST(test_doctype)
{
	struct result r;

	parse("<!DOCTYPE a><a/>", &r);
	assert_refused(&r, ST_E_INVALID, "DOCTYPE");
	parse("<?xml version=\"1.0\"?>\n<!DOCTYPE a []>\n<a/>", &r);
	assert_refused(&r, ST_E_INVALID, "DOCTYPE with empty subset");
	/* An external DTD is never fetched. */
	parse("<!DOCTYPE a SYSTEM \"file:///etc/passwd\"><a/>", &r);
	assert_refused(&r, ST_E_INVALID, "external DTD");
	parse("<!DOCTYPE a PUBLIC \"-//x//y\" \"http://127.0.0.1:1/x.dtd\">"
	    "<a/>", &r);
	assert_refused(&r, ST_E_INVALID, "public DTD over the network");
}
END_TEST

START_TEST(test_billion_laughs)
{
	const char *s = "<?xml version=\"1.0\"?>\n"
	    "<!DOCTYPE lolz [\n"
	    " <!ENTITY lol \"lol\">\n"
	    " <!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"
	    "&lol;\">\n"
	    " <!ENTITY lol2 \"&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;"
	    "&lol1;&lol1;\">\n"
	    " <!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;"
	    "&lol2;&lol2;\">\n"
	    " <!ENTITY lol4 \"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;"
	    "&lol3;&lol3;\">\n"
	    " <!ENTITY lol5 \"&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;"
	    "&lol4;&lol4;\">\n"
	    " <!ENTITY lol6 \"&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;"
	    "&lol5;&lol5;\">\n"
	    " <!ENTITY lol7 \"&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;"
	    "&lol6;&lol6;\">\n"
	    " <!ENTITY lol8 \"&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;"
	    "&lol7;&lol7;\">\n"
	    " <!ENTITY lol9 \"&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;"
	    "&lol8;&lol8;\">\n"
	    "]>\n"
	    "<lolz>&lol9;</lolz>\n";
	struct result r;

	parse(s, &r);
	assert_refused(&r, ST_E_INVALID, "billion laughs");
	ck_assert_ptr_null(strstr(r.err, "lollol"));
}
END_TEST

START_TEST(test_external_entity)
{
	const char *s = "<?xml version=\"1.0\"?>\n"
	    "<!DOCTYPE a [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n"
	    "<a>&xxe;</a>";
	const char *pe = "<!DOCTYPE a [<!ENTITY % p SYSTEM "
	    "\"file:///etc/passwd\"> %p;]><a/>";
	struct result r;

	parse(s, &r);
	assert_refused(&r, ST_E_INVALID, "external entity");
	/* Neither the file's content nor its name leaks into the reason. */
	ck_assert_ptr_null(strstr(r.err, "root:"));
	ck_assert_ptr_null(strstr(r.err, "/bin/"));
	parse(pe, &r);
	assert_refused(&r, ST_E_INVALID, "external parameter entity");
	ck_assert_ptr_null(strstr(r.err, "root:"));
}
END_TEST

START_TEST(test_xinclude_inert)
{
	struct result r;
	xmlNodePtr root, child;
	char *text;

	/* Parsing alone never follows an XInclude: it stays an element. */
	parse("<a xmlns:xi=\"http://www.w3.org/2001/XInclude\">"
	    "<xi:include href=\"file:///etc/passwd\" parse=\"text\"/></a>",
	    &r);
	ck_assert_int_eq(r.rc, ST_OK);
	root = xmlDocGetRootElement(r.doc);
	child = xmlFirstElementChild(root);
	ck_assert_ptr_nonnull(child);
	ck_assert_str_eq((const char *)child->name, "include");
	text = root_text(r.doc);
	ck_assert_str_eq(text, "");
	xmlFree(text);
	xmlFreeDoc(r.doc);
}
END_TEST

START_TEST(test_undefined_entity)
{
	struct result r;

	parse("<a>&foo;</a>", &r);
	assert_refused(&r, ST_E_INVALID, "undefined entity");
	parse("<a b=\"&foo;\"/>", &r);
	assert_refused(&r, ST_E_INVALID, "undefined entity in attribute");
}
END_TEST

/* A document of depth levels: <e><e>...</e></e>. */
static char *
nested(unsigned depth)
{
	struct buf b;
	unsigned i;

	buf_init(&b, 1024 * 1024);
	for (i = 0; i < depth; i++)
		ck_assert_int_eq(buf_addstr(&b, "<e>"), ST_OK);
	for (i = 0; i < depth; i++)
		ck_assert_int_eq(buf_addstr(&b, "</e>"), ST_OK);
	return buf_take(&b);
}

/* Attributes: libxml2 checks each against every one before it, so a
 * tag of thousands costs seconds; more than XMLSAFE_MAX_ATTRIBUTES are
 * refused before libxml2 sees them, wherever quotes, comments and CDATA
 * put a '=' that is not an attribute's. */
START_TEST(test_attributes)
{
	struct buf b = BUF_INIT(1 << 20);
	struct result r;
	unsigned i;

	ck_assert_int_eq(buf_addstr(&b, "<!-- a=1 b=2 --><r q=\"x=y\""),
	    ST_OK);
	for (i = 1; i < XMLSAFE_MAX_ATTRIBUTES; i++)
		ck_assert_int_eq(buf_addf(&b, " a%u=\"=\"", i), ST_OK);
	ck_assert_int_eq(buf_addstr(&b, "><![CDATA[a=b c=d]]></r>"), ST_OK);
	parse_lim(b.data, b.len, 1 << 20, MAX_DEPTH, &r);
	ck_assert_int_eq(r.rc, ST_OK);
	xmlFreeDoc(r.doc);

	buf_reset(&b);
	ck_assert_int_eq(buf_addstr(&b, "<r"), ST_OK);
	for (i = 0; i < 20000; i++)
		ck_assert_int_eq(buf_addf(&b, " a%u=\"\"", i), ST_OK);
	ck_assert_int_eq(buf_addstr(&b, "/>"), ST_OK);
	parse_lim(b.data, b.len, 1 << 20, MAX_DEPTH, &r);
	ck_assert_int_eq(r.rc, ST_E_INVALID);
	ck_assert_ptr_null(r.doc);
	ck_assert_ptr_nonnull(strstr(r.err, "attributes"));
	buf_release(&b);
}
END_TEST

START_TEST(test_depth)
{
	struct result r;
	char *s;

	/* Exactly at the limit: accepted. */
	s = nested(5);
	parse_lim(s, strlen(s), MAX_BYTES, 5, &r);
	ck_assert_int_eq(r.rc, ST_OK);
	ck_assert_ptr_nonnull(r.doc);
	xmlFreeDoc(r.doc);
	xfree(s);

	/* One deeper: refused. */
	s = nested(6);
	parse_lim(s, strlen(s), MAX_BYTES, 5, &r);
	ck_assert_msg(r.rc == ST_E_INVALID || r.rc == ST_E_TOO_BIG,
	    "depth 6 with max 5: rc %d", (int)r.rc);
	ck_assert_ptr_null(r.doc);
	xfree(s);

	/* Far deeper (beyond libxml2's own limits too): refused. */
	s = nested(20000);
	parse_lim(s, strlen(s), 1024 * 1024, MAX_DEPTH, &r);
	ck_assert_msg(r.rc == ST_E_INVALID || r.rc == ST_E_TOO_BIG,
	    "depth 20000: rc %d", (int)r.rc);
	ck_assert_ptr_null(r.doc);
	xfree(s);
}
END_TEST

START_TEST(test_depth_siblings)
{
	const char *wide = "<a><b/><b><c/></b><b/><b/></a>";
	const char *deep = "<a><b><c><d/></c></b></a>";
	struct result r;

	/* Siblings do not add depth. */
	parse_lim(wide, strlen(wide), MAX_BYTES, 3, &r);
	ck_assert_int_eq(r.rc, ST_OK);
	xmlFreeDoc(r.doc);
	parse_lim(deep, strlen(deep), MAX_BYTES, 3, &r);
	ck_assert_ptr_null(r.doc);
	ck_assert_int_ne(r.rc, ST_OK);
}
END_TEST

START_TEST(test_size)
{
	const char *s = "<a>0123456789</a>";
	size_t len = strlen(s);
	struct result r;

	parse_lim(s, len, len, MAX_DEPTH, &r);
	ck_assert_int_eq(r.rc, ST_OK);
	xmlFreeDoc(r.doc);
	parse_lim(s, len, len - 1, MAX_DEPTH, &r);
	assert_refused(&r, ST_E_TOO_BIG, "one byte over max_bytes");
}
END_TEST

START_TEST(test_not_utf8)
{
	struct result r;

	/* Latin-1 "æ" is not UTF-8. */
	parse("<a>\xe6</a>", &r);
	assert_refused(&r, ST_E_INVALID, "Latin-1 byte");
	parse("<a>\xc0\x80</a>", &r);
	assert_refused(&r, ST_E_INVALID, "overlong NUL");
	parse("<a>\xed\xa0\x80</a>", &r);
	assert_refused(&r, ST_E_INVALID, "surrogate");
	/* Well-formed UTF-8 but not an XML character. */
	parse("<a>\x01</a>", &r);
	assert_refused(&r, ST_E_INVALID, "control character");
	parse("<a>\xef\xbf\xbe</a>", &r);
	assert_refused(&r, ST_E_INVALID, "U+FFFE");
	/* A NUL byte inside the given length. */
	parse_lim("<a>\0</a>", 8, MAX_BYTES, MAX_DEPTH, &r);
	assert_refused(&r, ST_E_INVALID, "NUL byte");
}
END_TEST

START_TEST(test_bad_char_refs)
{
	static const char *const docs[] = {
		"<a>&#0;</a>",
		"<a>&#x1;</a>",
		"<a>&#27;</a>",
		"<a>&#xD800;</a>",
		"<a>&#xFFFE;</a>",
		"<a>&#x110000;</a>",
		"<a x=\"&#x1B;\"/>",
		/* XML 1.1 would allow controls as references; not here. */
		"<?xml version=\"1.1\"?><a>&#x1;</a>",
	};
	struct result r;
	size_t i;

	/*
	 * The bytes are clean, but a reference must not smuggle in what the
	 * byte check keeps out.
	 */
	for (i = 0; i < sizeof(docs) / sizeof(docs[0]); i++) {
		parse(docs[i], &r);
		assert_refused(&r, ST_E_INVALID, docs[i]);
	}
}
END_TEST

START_TEST(test_other_encoding)
{
	struct result r;

	/* Even pure ASCII content: the declaration itself is refused. */
	parse("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><a>x</a>", &r);
	assert_refused(&r, ST_E_INVALID, "ISO-8859-1 declaration");
	parse("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>"
	    "<a>\xc3\xa6</a>", &r);
	assert_refused(&r, ST_E_INVALID, "ISO-8859-1 with UTF-8 bytes");
	parse("<?xml version=\"1.0\" encoding=\"windows-1252\"?><a/>", &r);
	assert_refused(&r, ST_E_INVALID, "windows-1252 declaration");
	/* UTF-7 hides markup in plain ASCII ("+ADw-" is '<'). */
	parse("<?xml version=\"1.0\" encoding=\"UTF-7\"?><a>+ADw-b/+AD4-</a>",
	    &r);
	assert_refused(&r, ST_E_INVALID, "UTF-7 declaration");
	parse("<?xml version=\"1.0\" encoding=\"UTF-16\"?><a/>", &r);
	assert_refused(&r, ST_E_INVALID, "UTF-16 declaration on UTF-8 bytes");
}
END_TEST

START_TEST(test_utf16)
{
	static const char le[] = "\xff\xfe<\0a\0/\0>\0";
	static const char be[] = "\xfe\xff\0<\0a\0/\0>";
	static const char nobom[] = "<\0a\0/\0>\0";
	struct result r;

	parse_lim(le, sizeof(le) - 1, MAX_BYTES, MAX_DEPTH, &r);
	assert_refused(&r, ST_E_INVALID, "UTF-16LE with BOM");
	parse_lim(be, sizeof(be) - 1, MAX_BYTES, MAX_DEPTH, &r);
	assert_refused(&r, ST_E_INVALID, "UTF-16BE with BOM");
	parse_lim(nobom, sizeof(nobom) - 1, MAX_BYTES, MAX_DEPTH, &r);
	assert_refused(&r, ST_E_INVALID, "UTF-16LE without BOM");
}
END_TEST

START_TEST(test_malformed)
{
	static const char *const docs[] = {
		"<a><b></a>",
		"<a>",
		"<a></b>",
		"<a x=1/>",
		"<a x=\"1\" x=\"2\"/>",
		"<a/><b/>",
		"text",
		"<a>&amp</a>",
		"<1a/>",
		"<a>]]></a>",
	};
	struct result r;
	size_t i;

	for (i = 0; i < sizeof(docs) / sizeof(docs[0]); i++) {
		parse(docs[i], &r);
		assert_refused(&r, ST_E_INVALID, docs[i]);
		ck_assert_msg(strstr(r.err, "line") != NULL,
		    "no line in '%s' for %s", r.err, docs[i]);
	}
}
END_TEST

START_TEST(test_malformed_line)
{
	struct result r;

	/* The mismatched end tag is on line 3. */
	parse("<a>\n<b>\n</c>\n</a>\n", &r);
	assert_refused(&r, ST_E_INVALID, "mismatched tag");
	ck_assert_msg(strstr(r.err, "line 3") != NULL, "err: '%s'", r.err);
	/* The reason is one line, for an API client to show. */
	ck_assert_ptr_null(strchr(r.err, '\n'));
}
END_TEST

START_TEST(test_empty_and_rootless)
{
	struct result r;

	parse_lim("", 0, MAX_BYTES, MAX_DEPTH, &r);
	assert_refused(&r, ST_E_INVALID, "empty");
	parse("<?xml version=\"1.0\"?>", &r);
	assert_refused(&r, ST_E_INVALID, "declaration only");
	parse("<!-- only a comment -->", &r);
	assert_refused(&r, ST_E_INVALID, "comment only");
	parse("   \n", &r);
	assert_refused(&r, ST_E_INVALID, "white space only");
}
END_TEST

START_TEST(test_small_err)
{
	char err[8];
	xmlDocPtr doc;

	/* A short err buffer is filled and terminated, never overrun. */
	memset(err, 'X', sizeof(err));
	ck_assert_int_eq(xmlsafe_parse("<a><b></a>", 10, MAX_BYTES, MAX_DEPTH,
	    &doc, err, sizeof(err)), ST_E_INVALID);
	ck_assert_ptr_null(doc);
	ck_assert_uint_eq(strlen(err), sizeof(err) - 1);
}
END_TEST

START_TEST(test_reuse_after_refusal)
{
	struct result r;

	/* A refused document leaves no state that spoils the next parse. */
	parse("<!DOCTYPE a [<!ENTITY e \"x\">]><a>&e;</a>", &r);
	assert_refused(&r, ST_E_INVALID, "internal entity");
	parse("<a>ok</a>", &r);
	ck_assert_int_eq(r.rc, ST_OK);
	xmlFreeDoc(r.doc);
	parse("<a><b></a>", &r);
	assert_refused(&r, ST_E_INVALID, "malformed");
	parse("<a>ok</a>", &r);
	ck_assert_int_eq(r.rc, ST_OK);
	xmlFreeDoc(r.doc);
}
END_TEST

static Suite *
xmlsafe_suite(void)
{
	Suite *s = suite_create("xmlsafe");
	TCase *tc = tcase_create("core");

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_well_formed);
	tcase_add_test(tc, test_minimal);
	tcase_add_test(tc, test_namespaces);
	tcase_add_test(tc, test_predefined_entities);
	tcase_add_test(tc, test_doctype);
	tcase_add_test(tc, test_billion_laughs);
	tcase_add_test(tc, test_external_entity);
	tcase_add_test(tc, test_xinclude_inert);
	tcase_add_test(tc, test_undefined_entity);
	tcase_add_test(tc, test_depth);
	tcase_add_test(tc, test_attributes);
	tcase_add_test(tc, test_depth_siblings);
	tcase_add_test(tc, test_size);
	tcase_add_test(tc, test_not_utf8);
	tcase_add_test(tc, test_bad_char_refs);
	tcase_add_test(tc, test_other_encoding);
	tcase_add_test(tc, test_utf16);
	tcase_add_test(tc, test_malformed);
	tcase_add_test(tc, test_malformed_line);
	tcase_add_test(tc, test_empty_and_rootless);
	tcase_add_test(tc, test_small_err);
	tcase_add_test(tc, test_reuse_after_refusal);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr;
	int failed;

	xmlsafe_global_init();
	sr = srunner_create(xmlsafe_suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	xmlCleanupParser();
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
