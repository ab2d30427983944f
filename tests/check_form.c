/* check_form.c: unit tests of the XForms-style form engine. */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/xpath.h>

#include "dates.h"
#include "buf.h"
#include "form.h"
#include "mem.h"
#include "urlenc.h"
#include "xmlsafe.h"

#define HEAD "<form xmlns=\"urn:x-stafett:form\" " \
	"xmlns:xf=\"http://www.w3.org/2002/xforms\" " \
	"xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\" " \
	"xmlns:st=\"urn:x-stafett:form\" id=\"t\" version=\"1\">" \
	"<title xml:lang=\"nb\">Test</title>" \
	"<title xml:lang=\"en\">Test EN</title>"

/* Load a definition from text; fails the test on error unless want_err. */
static struct form_def *
load_text(const char *text, char *err, size_t errlen)
{
	char path[] = "/tmp/check_form_XXXXXX";
	struct form_def *def = NULL;
	FILE *fp;
	int fd;
	st_rc rc;

	fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	fp = fdopen(fd, "w");
	fputs(text, fp);
	fclose(fp);
	rc = form_load(path, &def, err, errlen);
	unlink(path);
	if (rc != ST_OK)
		return NULL;
	return def;
}

static struct form_def *
load(const char *text)
{
	char err[512];
	struct form_def *def = load_text(text, err, sizeof(err));

	ck_assert_msg(def != NULL, "definition refused: %s", err);
	return def;
}

static xmlDocPtr
doc(const char *xml)
{
	xmlDocPtr d = NULL;
	char err[256];

	ck_assert_msg(xmlsafe_parse(xml, strlen(xml), 1 << 20, 32, &d, err,
	    sizeof(err)) == ST_OK, "%s", err);
	return d;
}

/* Validate xml; return the errors (caller releases). */
static struct form_errors
check_doc(const struct form_def *def, xmlDocPtr d, int prune)
{
	struct form_errors e;

	form_errors_init(&e);
	ck_assert_int_eq(form_validate(def, NULL, d, &e, prune), ST_OK);
	return e;
}

static size_t
nerrors(const struct form_def *def, const char *xml)
{
	xmlDocPtr d = doc(xml);
	struct form_errors e = check_doc(def, d, 0);
	size_t n = e.n;

	form_errors_release(&e);
	xmlFreeDoc(d);
	return n;
}

/* The message for path, or NULL (copied into a static buffer). */
static const char *
error_at(const struct form_def *def, const char *xml, const char *path)
{
	static char msg[512];
	xmlDocPtr d = doc(xml);
	struct form_errors e = check_doc(def, d, 0);
	const char *found = NULL;
	size_t i;

	for (i = 0; i < e.n; i++)
		if (strcmp(e.v[i].path, path) == 0) {
			snprintf(msg, sizeof(msg), "%s", e.v[i].message);
			found = msg;
		}
	form_errors_release(&e);
	xmlFreeDoc(d);
	return found;
}

static char *
serialise(xmlDocPtr d)
{
	xmlChar *mem = NULL;
	int len = 0;
	char *s;

	xmlDocDumpMemory(d, &mem, &len);
	s = xstrdup((const char *)mem);
	xmlFree(mem);
	return s;
}

/* open, unit times times, close: a large instance (caller frees). */
static char *
padded(const char *open, const char *unit, size_t times, const char *close)
{
	struct buf b = BUF_INIT(1 << 20);
	size_t i;

	ck_assert_int_eq(buf_addstr(&b, open), ST_OK);
	for (i = 0; i < times; i++)
		ck_assert_int_eq(buf_addstr(&b, unit), ST_OK);
	ck_assert_int_eq(buf_addstr(&b, close), ST_OK);
	return buf_take(&b);
}

/* -------------------------------------------------------------- binds */

static const char *const req_def = HEAD
	"<xf:model><xf:instance><r xmlns=\"\"><a/><b/><c/></r></xf:instance>"
	"<xf:bind nodeset=\"/r/a\" required=\"true()\"/>"
	"<xf:bind nodeset=\"/r/b\" required=\"../a = 'x'\"/>"
	"</xf:model></form>";

START_TEST(required)
{
	struct form_def *def = load(req_def);

	ck_assert_str_eq(error_at(def, "<r><a/><b/><c/></r>", "/r/a"),
	    "This field must be filled in.");
	ck_assert_ptr_null(error_at(def, "<r><a>y</a><b/><c/></r>", "/r/a"));
	/* required is an XPath: b is required only when a is 'x' */
	ck_assert_ptr_null(error_at(def, "<r><a>y</a><b/><c/></r>", "/r/b"));
	ck_assert_ptr_nonnull(error_at(def, "<r><a>x</a><b/><c/></r>", "/r/b"));
	/* white space is a value (XForms: required means non-empty) */
	ck_assert_uint_eq(nerrors(def, "<r><a> </a><b/><c/></r>"), 0);
	form_free(def);
}
END_TEST

static const char *const rel_def = HEAD
	"<xf:model><xf:instance><r xmlns=\"\"><on>false</on>"
	"<g><x/><y/></g><z/></r></xf:instance>"
	"<xf:bind nodeset=\"/r/g\" relevant=\"/r/on = 'true'\"/>"
	"<xf:bind nodeset=\"/r/g/x\" required=\"true()\" type=\"xsd:integer\"/>"
	"<xf:bind nodeset=\"/r/z\" relevant=\"false()\" required=\"true()\"/>"
	"</xf:model></form>";

START_TEST(relevant_inherits_and_prunes)
{
	struct form_def *def = load(rel_def);
	xmlDocPtr d;
	struct form_errors e;
	char *out;

	/* a non-relevant group makes its children non-relevant: x is not
	 * required and not type-checked */
	ck_assert_uint_eq(nerrors(def, "<r><on>false</on><g><x>abc</x><y/>"
	    "</g><z/></r>"), 0);
	/* relevant again: now x is checked */
	ck_assert_str_eq(error_at(def, "<r><on>true</on><g><x>abc</x><y/></g>"
	    "<z/></r>", "/r/g/x"), "Enter a whole number.");
	/* pruning removes non-relevant nodes, as XForms submission does */
	d = doc("<r><on>false</on><g><x>secret</x><y>s</y></g><z>q</z></r>");
	e = check_doc(def, d, 1);
	ck_assert_uint_eq(e.n, 0);
	out = serialise(d);
	ck_assert_ptr_null(strstr(out, "secret"));
	ck_assert_ptr_null(strstr(out, "<g"));
	ck_assert_ptr_null(strstr(out, "<z"));
	ck_assert_ptr_nonnull(strstr(out, "<on>false</on>"));
	xfree(out);
	form_errors_release(&e);
	xmlFreeDoc(d);
	form_free(def);
}
END_TEST

/* Issue 15: the stored instance is canonical: the client's comments,
 * processing instructions and namespace declarations are not kept. */
START_TEST(stored_instance_is_canonical)
{
	struct form_def *def = load(req_def);
	xmlDocPtr d = doc("<?pi before?><!-- c --><r xmlns:x=\"urn:x\">"
	    "<?pi inside?><a>1<!-- note --></a><b/><c/></r><!-- after -->");
	struct form_errors e = check_doc(def, d, 1);
	char *out;

	ck_assert_uint_eq(e.n, 0);
	out = serialise(d);
	ck_assert_ptr_null(strstr(out, "<!--"));
	ck_assert_ptr_null(strstr(out, "<?pi"));
	ck_assert_ptr_null(strstr(out, "xmlns"));
	ck_assert_ptr_nonnull(strstr(out, "<r><a>1</a><b/><c/></r>"));
	xfree(out);
	form_errors_release(&e);
	xmlFreeDoc(d);
	form_free(def);
}
END_TEST

START_TEST(invalid_instances_are_not_pruned)
{
	struct form_def *def = load(rel_def);
	xmlDocPtr d = doc("<r><on>true</on><g><x>bad</x><y/></g><z>q</z></r>");
	struct form_errors e = check_doc(def, d, 1);
	char *out = serialise(d);

	/* with errors the instance stays as typed, to be shown again */
	ck_assert_uint_eq(e.n, 1);
	ck_assert_ptr_nonnull(strstr(out, "<z>q</z>"));
	xfree(out);
	form_errors_release(&e);
	xmlFreeDoc(d);
	form_free(def);
}
END_TEST

static const char *const calc_def = HEAD
	"<xf:model><xf:instance><r xmlns=\"\"><a>1</a><b/><c/><d/>"
	"</r></xf:instance>"
	/* declared in reverse order of dependency on purpose */
	"<xf:bind nodeset=\"/r/c\" calculate=\"../b * 2\"/>"
	"<xf:bind nodeset=\"/r/b\" calculate=\"../a + 1\"/>"
	"<xf:bind nodeset=\"/r/d\" constraint=\". = ''\" readonly=\"true()\"/>"
	"</xf:model></form>";

START_TEST(calculate_chain)
{
	struct form_def *def = load(calc_def);
	xmlDocPtr d = doc("<r><a>4</a><b>99</b><c/><d/></r>");
	struct form_errors e = check_doc(def, d, 1);
	char *out = serialise(d);

	ck_assert_uint_eq(e.n, 0);
	/* the client's value of a calculated node is replaced */
	ck_assert_ptr_nonnull(strstr(out, "<b>5</b><c>10</c>"));
	xfree(out);
	form_errors_release(&e);
	xmlFreeDoc(d);
	form_free(def);
}
END_TEST

START_TEST(circular_calculate_is_an_error)
{
	struct form_def *def = load(HEAD
	    "<xf:model><xf:instance><r xmlns=\"\"><a>1</a><b>1</b>"
	    "</r></xf:instance>"
	    "<xf:bind nodeset=\"/r/a\" calculate=\"../b + 1\"/>"
	    "<xf:bind nodeset=\"/r/b\" calculate=\"../a + 1\"/>"
	    "</xf:model></form>");
	xmlDocPtr d = doc("<r><a>1</a><b>1</b></r>");
	struct form_errors e;

	form_errors_init(&e);
	ck_assert_int_eq(form_validate(def, NULL, d, &e, 0), ST_E_INTERNAL);
	form_errors_release(&e);
	xmlFreeDoc(d);
	form_free(def);
}
END_TEST

/* Issue 15: calculates that double their values each pass stop at a
 * bounded length with an error, not after memory has grown for every
 * pass (and never crash on a value the cast cannot make). */
START_TEST(growing_calculate_is_bounded)
{
	struct buf defb = BUF_INIT(1 << 16), inst = BUF_INIT(1 << 16);
	struct form_def *def;
	struct form_errors e;
	xmlDocPtr d;
	int i;

	/* thirty calculated fields, each doubling itself every pass */
	ck_assert_int_eq(buf_addstr(&defb, HEAD "<xf:model><xf:instance>"
	    "<r xmlns=\"\">"), ST_OK);
	ck_assert_int_eq(buf_addstr(&inst, "<r>"), ST_OK);
	for (i = 0; i < 30; i++) {
		ck_assert_int_eq(buf_addf(&defb, "<a%d/>", i), ST_OK);
		ck_assert_int_eq(buf_addf(&inst, "<a%d>x</a%d>", i, i), ST_OK);
	}
	ck_assert_int_eq(buf_addstr(&defb, "</r></xf:instance>"
	    "<xf:bind nodeset=\"/r/*\" calculate=\"concat(., ., 'x')\"/>"
	    "</xf:model></form>"), ST_OK);
	ck_assert_int_eq(buf_addstr(&inst, "</r>"), ST_OK);
	def = load(defb.data);
	d = doc(inst.data);
	form_errors_init(&e);
	ck_assert_int_eq(form_validate(def, NULL, d, &e, 0), ST_E_INTERNAL);
	form_errors_release(&e);
	xmlFreeDoc(d);
	buf_release(&defb);
	buf_release(&inst);
	form_free(def);
}
END_TEST

/* Issue 15: a cycle is an error even when it would settle at once, and
 * a chain of calculations against document order is evaluated in the
 * order of what each reads (2,000 rows, each reading the next). */
START_TEST(calculates_in_dependency_order)
{
	struct form_def *cyc = load(HEAD
	    "<xf:model><xf:instance><r xmlns=\"\"><a/><b/></r>"
	    "</xf:instance>"
	    "<xf:bind nodeset=\"/r/a\" calculate=\"../b\"/>"
	    "<xf:bind nodeset=\"/r/b\" calculate=\"../a\"/>"
	    "</xf:model></form>");
	struct form_def *def = load(HEAD
	    "<xf:model><xf:instance><r xmlns=\"\"><items><item><n/></item>"
	    "</items></r></xf:instance>"
	    "<xf:bind nodeset=\"/r/items/item/n\" calculate=\"if("
	    "count(../following-sibling::item) = 0, 1, "
	    "../following-sibling::item[1]/n + 1)\"/>"
	    "</xf:model>"
	    "<xf:group ref=\"/r/items\"><xf:label>Items</xf:label>"
	    "<xf:repeat id=\"items\" nodeset=\"item\">"
	    "<xf:input ref=\"n\"><xf:label>N</xf:label></xf:input>"
	    "</xf:repeat></xf:group></form>");
	struct form_errors e;
	xmlDocPtr d = doc("<r><a/><b/></r>");
	char *xml, *out;

	form_errors_init(&e);
	ck_assert_int_eq(form_validate(cyc, NULL, d, &e, 0), ST_E_INTERNAL);
	form_errors_release(&e);
	xmlFreeDoc(d);
	xml = padded("<r><items>", "<item><n/></item>", 2000, "</items></r>");
	d = doc(xml);
	e = check_doc(def, d, 0);
	ck_assert_uint_eq(e.n, 0);
	out = serialise(d);
	/* the first row reads all the others: 2000 */
	ck_assert_ptr_nonnull(strstr(out, "<items><item><n>2000</n></item>"
	    "<item><n>1999</n></item>"));
	xfree(out);
	xfree(xml);
	form_errors_release(&e);
	xmlFreeDoc(d);
	form_free(def);
	form_free(cyc);
}
END_TEST

START_TEST(constraint_uses_alert)
{
	struct form_def *def = load(HEAD
	    "<xf:model><xf:instance><r xmlns=\"\"><start/><end/>"
	    "</r></xf:instance>"
	    "<xf:bind nodeset=\"/r/start\" type=\"xsd:date\"/>"
	    "<xf:bind nodeset=\"/r/end\" type=\"xsd:date\" constraint="
	    "\"days-from-date(.) &gt; days-from-date(../start)\"/>"
	    "</xf:model>"
	    "<xf:input ref=\"/r/start\"><xf:label>Start</xf:label></xf:input>"
	    "<xf:input ref=\"/r/end\"><xf:label>End</xf:label>"
	    "<xf:alert xml:lang=\"nb\">Slutt må være etter start.</xf:alert>"
	    "<xf:alert xml:lang=\"en\">End must be after start.</xf:alert>"
	    "</xf:input></form>");
	const char *ok = "<r><start>2026-01-01</start>"
	    "<end>2026-02-01</end></r>";
	const char *bad = "<r><start>2026-03-01</start>"
	    "<end>2026-02-01</end></r>";

	ck_assert_uint_eq(nerrors(def, ok), 0);
	i18n_use(LANG_NB);
	ck_assert_str_eq(error_at(def, bad, "/r/end"),
	    "Slutt må være etter start.");
	i18n_use(LANG_EN);
	ck_assert_str_eq(error_at(def, bad, "/r/end"),
	    "End must be after start.");
	i18n_use(LANG_NB);
	/* xsd:date (unlike xf:date) does not accept the empty string */
	ck_assert_ptr_nonnull(error_at(def, "<r><start/><end>2026-02-01</end>"
	    "</r>", "/r/start"));
	form_free(def);
}
END_TEST

/* A text the form lacks in the page's language is shown in bokmål and
 * says so (lang="nb"), for the stylesheet to mark; one it has is not. */
START_TEST(fallback_text_says_its_language)
{
	struct form_def *def = load(HEAD
	    "<xf:model><xf:instance><r xmlns=\"\"><a/><b/></r></xf:instance>"
	    "</xf:model>"
	    "<xf:input ref=\"/r/a\"><xf:label xml:lang=\"nb\">Bare bokmål"
	    "</xf:label><xf:label xml:lang=\"en\">Only English</xf:label>"
	    "</xf:input>"
	    "<xf:input ref=\"/r/b\"><xf:label xml:lang=\"nb\">Begge</xf:label>"
	    "<xf:label xml:lang=\"nn\">Begge to</xf:label></xf:input>"
	    "</form>");
	xmlDocPtr d = form_new_instance(def), vd = xmlNewDoc(BAD_CAST "1.0");
	xmlNodePtr root = xmlNewDocNode(vd, NULL, BAD_CAST "v", NULL);
	char *out;

	xmlDocSetRootElement(vd, root);
	i18n_use(LANG_NN);
	ck_assert_int_eq(form_view(def, NULL, d, NULL, 0, root), ST_OK);
	i18n_use(LANG_NB);
	out = serialise(vd);
	ck_assert_msg(strstr(out,
	    "<label lang=\"nb\">Bare bokm&#xE5;l</label>") != NULL, "%s", out);
	ck_assert_msg(strstr(out, "<label>Begge to</label>") != NULL, "%s",
	    out);
	xfree(out);
	xmlFreeDoc(vd);
	xmlFreeDoc(d);
	form_free(def);
}
END_TEST

START_TEST(readonly_inherits)
{
	struct form_def *def = load(HEAD
	    "<xf:model><xf:instance><r xmlns=\"\"><g><x/></g><y/>"
	    "</r></xf:instance>"
	    "<xf:bind nodeset=\"/r/g\" readonly=\"true()\"/>"
	    "</xf:model>"
	    "<xf:group ref=\"/r/g\"><xf:label>G</xf:label>"
	    "<xf:input ref=\"x\"><xf:label>X</xf:label></xf:input></xf:group>"
	    "<xf:input ref=\"/r/y\"><xf:label>Y</xf:label></xf:input>"
	    "</form>");
	xmlDocPtr d = form_new_instance(def), vd = xmlNewDoc(BAD_CAST "1.0");
	xmlNodePtr root = xmlNewDocNode(vd, NULL, BAD_CAST "v", NULL);
	char *out;

	xmlDocSetRootElement(vd, root);
	ck_assert_int_eq(form_view(def, NULL, d, NULL, 0, root), ST_OK);
	out = serialise(vd);
	/* x inherits readonly from its group; y does not have it */
	ck_assert_ptr_nonnull(strstr(out, "name=\"/r/g/x\" type=\"string\" "
	    "readonly=\"true\""));
	ck_assert_ptr_null(strstr(out, "name=\"/r/y\" type=\"string\" "
	    "readonly"));
	xfree(out);
	xmlFreeDoc(vd);
	xmlFreeDoc(d);
	form_free(def);
}
END_TEST

/* Issue 15: a read-only value that is not calculated is the form's; a
 * client that changes it is refused, one that leaves it is not. */
START_TEST(readonly_is_enforced)
{
	struct form_def *def = load(HEAD
	    "<xf:model><xf:instance><r xmlns=\"\" k=\"fixed\"><g><x>set</x>"
	    "</g><y/><c/></r></xf:instance>"
	    "<xf:bind nodeset=\"/r/g\" readonly=\"true()\"/>"
	    "<xf:bind nodeset=\"/r/@k\" readonly=\"true()\"/>"
	    "<xf:bind nodeset=\"/r/c\" readonly=\"true()\" "
	    "calculate=\"concat(../y, '!')\"/>"
	    "</xf:model></form>");

	ck_assert_uint_eq(nerrors(def,
	    "<r k=\"fixed\"><g><x>set</x></g><y>a</y><c/></r>"), 0);
	ck_assert_str_eq(error_at(def,
	    "<r k=\"fixed\"><g><x>changed</x></g><y>a</y><c/></r>",
	    "/r/g/x"), "This field cannot be changed.");
	ck_assert_ptr_nonnull(error_at(def,
	    "<r k=\"other\"><g><x>set</x></g><y>a</y><c/></r>", "/r/@k"));
	/* a calculated read-only value is the server's calculation */
	ck_assert_uint_eq(nerrors(def,
	    "<r k=\"fixed\"><g><x>set</x></g><y>a</y><c>typed</c></r>"), 0);
	form_free(def);
}
END_TEST

/* -------------------------------------------------------------- types */

static const char *const types_def = HEAD
	"<xf:model><xf:instance><r xmlns=\"\"><v/></r></xf:instance>"
	"<xf:bind nodeset=\"/r/v\" type=\"%s\"/></xf:model></form>";

static int
type_ok(const char *type, const char *value)
{
	char text[2048], inst[512];
	struct form_def *def;
	size_t n;

	snprintf(text, sizeof(text), types_def, type);
	def = load(text);
	snprintf(inst, sizeof(inst), "<r><v>%s</v></r>", value);
	n = nerrors(def, inst);
	form_free(def);
	return n == 0;
}

START_TEST(types)
{
	ck_assert(type_ok("xsd:string", "anything at all"));
	ck_assert(type_ok("xsd:boolean", "true"));
	ck_assert(type_ok("xsd:boolean", "0"));
	ck_assert(!type_ok("xsd:boolean", "yes"));
	ck_assert(type_ok("xsd:date", "2024-02-29"));
	ck_assert(!type_ok("xsd:date", "2023-02-29"));
	ck_assert(!type_ok("xsd:date", "31.03.2024"));
	ck_assert(type_ok("xsd:date", "2024-03-31Z"));
	ck_assert(!type_ok("xsd:date", ""));
	ck_assert(type_ok("xf:date", ""));
	ck_assert(type_ok("xsd:dateTime", "2024-03-31T12:30:00"));
	ck_assert(type_ok("xsd:dateTime", "2024-03-31T12:30:00.5+01:00"));
	ck_assert(!type_ok("xsd:dateTime", "2024-03-31 12:30"));
	/* XML Schema's time has seconds and allows the end of the day;
	 * st:time is a browser's HH:MM (issue 15) */
	ck_assert(type_ok("xsd:time", "23:59:00"));
	ck_assert(type_ok("xsd:time", "24:00:00"));
	ck_assert(type_ok("xsd:time", "13:20:00.25Z"));
	ck_assert(!type_ok("xsd:time", "13:20"));
	ck_assert(!type_ok("xsd:time", "24:00:01"));
	ck_assert(!type_ok("xsd:time", "24:30:00"));
	ck_assert(type_ok("st:time", "13:20"));
	ck_assert(type_ok("st:time", ""));
	ck_assert(!type_ok("st:time", "24:00"));
	ck_assert(!type_ok("st:time", "13:20:00"));
	/* years of five digits; zones up to 14:00 */
	ck_assert(type_ok("xsd:date", "12345-01-01"));
	ck_assert(!type_ok("xsd:date", "02024-01-01"));
	ck_assert(type_ok("xsd:date", "2024-03-31+14:00"));
	ck_assert(!type_ok("xsd:date", "2024-03-31+14:30"));
	ck_assert(type_ok("xsd:dateTime", "12345-03-31T12:30:00"));
	/* integers of any length, blanks around them collapsed */
	ck_assert(type_ok("xsd:integer", " 42 "));
	ck_assert(type_ok("xsd:integer", "1234567890123456789012345"));
	ck_assert(!type_ok("xsd:integer", "4 2"));
	ck_assert(type_ok("xsd:integer", "-42"));
	ck_assert(!type_ok("xsd:integer", "4.2"));
	ck_assert(!type_ok("xsd:integer", ""));
	ck_assert(type_ok("xf:integer", ""));
	ck_assert(type_ok("xsd:decimal", "4.25"));
	ck_assert(type_ok("xsd:decimal", ".5"));
	ck_assert(!type_ok("xsd:decimal", "4,25"));
	ck_assert(type_ok("st:phone", "+47 912 34 567"));
	ck_assert(type_ok("st:phone", "33123456"));
	ck_assert(!type_ok("st:phone", "12345"));
	ck_assert(!type_ok("st:phone", "11234567"));
	ck_assert(type_ok("st:email", "kari.nordmann@larvik.kommune.no"));
	ck_assert(!type_ok("st:email", "kari@"));
	ck_assert(!type_ok("st:email", "kari nordmann@x.no"));
	ck_assert(!type_ok("st:email", "a@b@c.no"));
	ck_assert(type_ok("xf:email", ""));
}
END_TEST

START_TEST(identity_numbers)
{
	/* 01010750160 and D-number 41010750160's checks computed by hand
	 * with the weights in nin.h; see check_nin.c for the algorithm */
	ck_assert(type_ok("st:nin", ""));
	ck_assert(!type_ok("st:nin", "1234"));
	ck_assert_str_eq(ftype_check(FT_NIN, "1234"),
	    "The national identity number must be 11 digits.");
	ck_assert_str_eq(ftype_check(FT_NIN, "32010750160"),
	    "The national identity number does not begin with a valid date.");
	ck_assert_ptr_null(ftype_check(FT_NIN, "15076500565"));
	ck_assert_str_eq(ftype_check(FT_NIN, "15076500566"),
	    "The national identity number has wrong check digits.");
}
END_TEST

/* ---------------------------------------------------------- structure */

START_TEST(structure)
{
	struct form_def *def = load(req_def);

	ck_assert_str_eq(error_at(def, "<r><a>1</a><b/><c/><zz/></r>",
	    "/r/zz"), "This element is not part of the form.");
	/* what is missing is filled in from the template, so only a
	 * missing field that matters is an error, and by its own rule */
	ck_assert_uint_eq(nerrors(def, "<r><a>1</a><b/></r>"), 0);
	ck_assert_str_eq(error_at(def, "<r><b/><c/></r>", "/r/a"),
	    "This field must be filled in.");
	ck_assert_str_eq(error_at(def, "<r><a>1</a><a>2</a><b/><c/></r>",
	    "/r/a[2]"), "This element may appear only once.");
	ck_assert_str_eq(error_at(def, "<r>text<a>1</a><b/><c/></r>", "/r"),
	    "Text is not allowed here, only the elements of the form.");
	ck_assert_ptr_nonnull(error_at(def, "<r x=\"1\"><a>1</a><b/><c/></r>",
	    "/r/@x"));
	ck_assert_ptr_nonnull(error_at(def, "<q/>", "/r"));
	ck_assert_ptr_nonnull(error_at(def,
	    "<r xmlns=\"urn:other\"><a>1</a><b/><c/></r>", "/r"));
	/* comments are allowed and ignored */
	ck_assert_uint_eq(nerrors(def, "<r><!-- hi --><a>1</a><b/><c/></r>"),
	    0);
	form_free(def);
}
END_TEST

/*
 * A hostile instance costs what its size costs: the errors stop at
 * FORM_ERRORS_MAX (and say more were left out), an instance over the
 * node cap is refused as a whole before any check of its nodes, and a
 * field repeated thousands of times is found by one pass.
 */
START_TEST(hostile_instances_are_bounded)
{
	struct form_def *def = load(req_def);
	struct form_errors e;
	xmlDocPtr d;
	char *xml;

	/* 300 of a field that may appear once: 50 errors, and "more" */
	xml = padded("<r><b/><c/>", "<a>1</a>", 300, "</r>");
	d = doc(xml);
	e = check_doc(def, d, 0);
	ck_assert_uint_eq(e.n, FORM_ERRORS_MAX);
	ck_assert_int_eq(e.more, 1);
	ck_assert_str_eq(e.v[0].message, "This element may appear only once.");
	form_errors_release(&e);
	xmlFreeDoc(d);
	xfree(xml);

	/* 30,000 unknown elements: one error, the whole is refused */
	xml = padded("<r>", "<x/>", 30000, "</r>");
	d = doc(xml);
	e = check_doc(def, d, 0);
	ck_assert_uint_eq(e.n, 1);
	ck_assert_int_eq(e.more, 0);
	ck_assert_str_eq(e.v[0].path, "/r");
	ck_assert_ptr_nonnull(strstr(e.v[0].message, "20,000"));
	form_errors_release(&e);
	xmlFreeDoc(d);
	xfree(xml);

	/* a few errors: all of them, and no "more" */
	xml = padded("<r><b/><c/>", "<zz/>", 3, "</r>");
	d = doc(xml);
	e = check_doc(def, d, 0);
	ck_assert_uint_eq(e.n, 3);
	ck_assert_int_eq(e.more, 0);
	form_errors_release(&e);
	xmlFreeDoc(d);
	xfree(xml);
	form_free(def);
}
END_TEST

/* ------------------------------------------------------------ selects */

static const char *const sel_def = HEAD
	"<xf:model><xf:instance><r xmlns=\"\"><one/><many/><flag>false</flag>"
	"<text/></r></xf:instance>"
	"<xf:bind nodeset=\"/r/flag\" type=\"xsd:boolean\"/>"
	"</xf:model>"
	"<xf:select1 ref=\"/r/one\"><xf:label>One</xf:label>"
	"<xf:item><xf:label>A</xf:label><xf:value>a</xf:value></xf:item>"
	"<xf:item><xf:label>B</xf:label><xf:value>b</xf:value></xf:item>"
	"</xf:select1>"
	"<xf:select ref=\"/r/many\"><xf:label>Many</xf:label>"
	"<xf:item><xf:label>X</xf:label><xf:value>x</xf:value></xf:item>"
	"<xf:item><xf:label>Y</xf:label><xf:value>y</xf:value></xf:item>"
	"<xf:item><xf:label>Z</xf:label><xf:value>z</xf:value></xf:item>"
	"</xf:select>"
	"<xf:input ref=\"/r/flag\"><xf:label>Flag</xf:label></xf:input>"
	"<xf:textarea ref=\"/r/text\"><xf:label>Text</xf:label></xf:textarea>"
	"</form>";

START_TEST(select_values_must_be_items)
{
	struct form_def *def = load(sel_def);

	ck_assert_uint_eq(nerrors(def, "<r><one>a</one><many>x z</many>"
	    "<flag>true</flag><text/></r>"), 0);
	ck_assert_str_eq(error_at(def, "<r><one>c</one><many/><flag>false"
	    "</flag><text/></r>", "/r/one"),
	    "Choose one of the options given.");
	ck_assert_str_eq(error_at(def, "<r><one/><many>x w</many><flag>false"
	    "</flag><text/></r>", "/r/many"),
	    "Choose only among the options given.");
	/* select1 holds one value: "a b" is not an item */
	ck_assert_ptr_nonnull(error_at(def, "<r><one>a b</one><many/><flag>"
	    "false</flag><text/></r>", "/r/one"));
	form_free(def);
}
END_TEST

START_TEST(instance_from_browser_fields)
{
	struct form_def *def = load(sel_def);
	struct fields f;
	xmlDocPtr d = NULL;
	char *out;

	fields_init(&f);
	fields_add(&f, "/r/one", "b");
	fields_add(&f, "/r/many", "x");
	fields_add(&f, "/r/many", "z");
	fields_add(&f, "/r/text", "line 1\r\nline <2> & more\r\n");
	fields_add(&f, "/r/unknown", "ignored");
	ck_assert_int_eq(form_from_fields(def, &f, &d), ST_OK);
	out = serialise(d);
	ck_assert_ptr_nonnull(strstr(out, "<one>b</one>"));
	ck_assert_ptr_nonnull(strstr(out, "<many>x z</many>"));
	/* an unticked checkbox sends nothing: false */
	ck_assert_ptr_nonnull(strstr(out, "<flag>false</flag>"));
	/* CRLF becomes LF; text is text, never markup */
	ck_assert_ptr_nonnull(strstr(out, "<text>line 1\nline &lt;2&gt; &amp; "
	    "more\n</text>"));
	ck_assert_ptr_null(strstr(out, "unknown"));
	xfree(out);
	xmlFreeDoc(d);
	fields_release(&f);
	form_free(def);
}
END_TEST

START_TEST(view_carries_values_errors_and_items)
{
	struct form_def *def = load(sel_def);
	xmlDocPtr d = doc("<r><one>c</one><many>y</many><flag>true</flag>"
	    "<text>t</text></r>");
	xmlDocPtr vd = xmlNewDoc(BAD_CAST "1.0");
	xmlNodePtr root = xmlNewDocNode(vd, NULL, BAD_CAST "v", NULL);
	struct form_errors e;
	char *out;

	xmlDocSetRootElement(vd, root);
	e = check_doc(def, d, 0);
	ck_assert_uint_eq(e.n, 1);
	ck_assert_str_eq(e.v[0].html_id, "f-r-one");
	ck_assert_str_eq(e.v[0].label, "One");
	ck_assert_int_eq(form_view(def, NULL, d, &e, 0, root), ST_OK);
	out = serialise(vd);
	ck_assert_ptr_nonnull(strstr(out, "<errors><error for=\"f-r-one\" "
	    "path=\"/r/one\" label=\"One\">"));
	ck_assert_ptr_nonnull(strstr(out, "<item selected=\"true\"><label>Y"
	    "</label><value>y</value></item>"));
	ck_assert_ptr_nonnull(strstr(out, "<input id=\"f-r-flag\" "
	    "name=\"/r/flag\" type=\"boolean\">"));
	ck_assert_ptr_nonnull(strstr(out, "<title>Test</title>"));
	xfree(out);
	form_errors_release(&e);
	xmlFreeDoc(vd);
	xmlFreeDoc(d);
	form_free(def);
}
END_TEST

/* ---------------------------------------------------------- functions */

START_TEST(xforms_functions)
{
	struct form_def *def = load(HEAD
	    "<xf:model><xf:instance><r xmlns=\"\"><born/><n/><flag/>"
	    "</r></xf:instance>"
	    "<xf:bind nodeset=\"/r/born\" type=\"xf:date\" constraint="
	    "\"st:age-on(., local-date()) &gt;= 15\"/>"
	    "<xf:bind nodeset=\"/r/n\" constraint=\". = if(../flag = 'x', "
	    "'yes', 'no')\"/>"
	    "<xf:bind nodeset=\"/r/flag\" constraint="
	    "\"boolean-from-string('TRUE') and "
	    "count-non-empty(../*) &gt;= 1\"/>"
	    "</xf:model></form>");

	dates_fix_today("2026-06-15");
	/* 15 years old on the day, not the day before */
	ck_assert_uint_eq(nerrors(def, "<r><born>2011-06-15</born><n>no</n>"
	    "<flag/></r>"), 0);
	ck_assert_uint_eq(nerrors(def, "<r><born>2011-06-16</born><n>no</n>"
	    "<flag/></r>"), 1);
	ck_assert_uint_eq(nerrors(def, "<r><born>2011-06-14</born><n>yes</n>"
	    "<flag>x</flag></r>"), 0);
	ck_assert_uint_eq(nerrors(def, "<r><born>2011-06-14</born><n>no</n>"
	    "<flag>x</flag></r>"), 1);
	dates_fix_today(NULL);
	form_free(def);
}
END_TEST

/* Issue 15: if() is a string, as XForms 1.1 has it (a branch that is
 * a node-set gives its string); days-from-date takes a valid date or
 * dateTime only, normalised to UTC by its zone. */
static const char *const fn_def = HEAD
	"<xf:model><xf:instance><r xmlns=\"\"><in/><out/></r>"
	"</xf:instance>"
	"<xf:bind nodeset=\"/r/out\" calculate=\"%s\"/>"
	"</xf:model></form>";

/* out's value for in with calculate expr (static buffer). */
static const char *
calculated(const char *expr, const char *in)
{
	static char out[128];
	char text[2048], inst[512];
	struct form_def *def;
	struct form_errors e;
	xmlDocPtr d;
	xmlChar *v;

	snprintf(text, sizeof(text), fn_def, expr);
	def = load(text);
	snprintf(inst, sizeof(inst), "<r><in>%s</in><out/></r>", in);
	d = doc(inst);
	e = check_doc(def, d, 0);
	v = xmlNodeGetContent(xmlDocGetRootElement(d)->children->next);
	snprintf(out, sizeof(out), "%s", v != NULL ? (const char *)v : "");
	xmlFree(v);
	form_errors_release(&e);
	xmlFreeDoc(d);
	form_free(def);
	return out;
}

START_TEST(xforms_functions_as_specified)
{
	ck_assert_str_eq(calculated("string-length(if(true(), ../in, 'x'))",
	    "abc"), "3");
	ck_assert_str_eq(calculated("if(false(), 'a', ../in)", "b"), "b");
	/* a string, so boolean() of it is true even for 'false' */
	ck_assert_str_eq(calculated("boolean(if(true(), 1 = 2, 'x'))", ""),
	    "true");
	ck_assert_str_eq(calculated("days-from-date(../in)", "1970-01-02"),
	    "1");
	ck_assert_str_eq(calculated("days-from-date(../in)",
	    "1970-01-02T01:00:00+02:00"), "0");
	ck_assert_str_eq(calculated("days-from-date(../in)",
	    "1970-01-01T23:00:00-02:00"), "1");
	ck_assert_str_eq(calculated("days-from-date(../in)",
	    "1970-01-02garbage"), "NaN");
	ck_assert_str_eq(calculated("days-from-date(../in)", "1970-13-01"),
	    "NaN");
	/* issue 16: days-to-date, its inverse (rounded; NaN gives "") */
	ck_assert_str_eq(calculated("days-to-date(../in)", "0"),
	    "1970-01-01");
	ck_assert_str_eq(calculated("days-to-date(../in)", "20619.4"),
	    "2026-06-15");
	ck_assert_str_eq(calculated("days-to-date(../in)", "-1"),
	    "1969-12-31");
	ck_assert_str_eq(calculated("days-to-date(days-from-date(../in) + "
	    "365)", "2028-02-29"), "2029-02-28");
	ck_assert_str_eq(calculated("days-to-date(../in)", "x"), "");
	ck_assert_str_eq(calculated("days-to-date(../in)", "1e9"), "");
}
END_TEST

/* ------------------------------------------------------------- refusal */

/* Issue 15: a nested bind without nodeset binds its parent's node; a
 * model may name the functions it needs when the engine has them. */
START_TEST(bind_without_nodeset_and_functions)
{
	struct form_def *def = load(HEAD
	    "<xf:model functions=\"st:age-on days-from-date\">"
	    "<xf:instance><r xmlns=\"\"><a/><b/></r></xf:instance>"
	    "<xf:bind nodeset=\"/r/a\"><xf:bind required=\"true()\"/>"
	    "</xf:bind></xf:model></form>");

	ck_assert_str_eq(error_at(def, "<r><a/><b/></r>", "/r/a"),
	    "This field must be filled in.");
	ck_assert_uint_eq(nerrors(def, "<r><a>x</a><b/></r>"), 0);
	form_free(def);
}
END_TEST

/* A template element with more children than the structure check keeps
 * is refused when loaded, not misread when validating. */
START_TEST(too_many_template_children)
{
	struct buf b = BUF_INIT(1 << 16);
	char err[512];
	int i;

	ck_assert_int_eq(buf_addstr(&b, HEAD "<xf:model><xf:instance>"
	    "<r xmlns=\"\">"), ST_OK);
	for (i = 0; i <= FORM_CHILDREN_MAX; i++)
		ck_assert_int_eq(buf_addf(&b, "<c%d/>", i), ST_OK);
	ck_assert_int_eq(buf_addstr(&b, "</r></xf:instance></xf:model>"
	    "</form>"), ST_OK);
	ck_assert_ptr_null(load_text(b.data, err, sizeof(err)));
	ck_assert_ptr_nonnull(strstr(err, "element children"));
	buf_release(&b);
}
END_TEST

START_TEST(broken_definitions_are_refused)
{
	static const struct { const char *text, *why; } cases[] = {
		{ "<form xmlns=\"urn:x-stafett:form\" id=\"t\" version=\"1\">"
		  "<title>x</title></form>", "has no model" },
		{ "<form xmlns=\"urn:x-stafett:form\" id=\"T!\" version=\"1\">"
		  "</form>", "needs an id" },
		{ "<form xmlns=\"urn:x-stafett:form\" id=\"t\" version=\"0\">"
		  "</form>", "needs a version" },
		{ "<form xmlns=\"urn:other\" id=\"t\" version=\"1\"/>",
		  "the root must be <form>" },
		{ HEAD "<xf:model><xf:instance><r xmlns=\"\"><a/></r>"
		  "</xf:instance><xf:bind nodeset=\"/r/a\" required=\"((\"/>"
		  "</xf:model></form>", "does not compile" },
		{ HEAD "<xf:model><xf:instance><r xmlns=\"\"><a/></r>"
		  "</xf:instance><xf:bind nodeset=\"/r/nope\"/></xf:model>"
		  "</form>", "selects no node" },
		{ HEAD "<xf:model><xf:instance><r xmlns=\"\"><a/></r>"
		  "</xf:instance><xf:bind nodeset=\"/r/a\" relevant="
		  "\"nosuch(.)\"/></xf:model></form>", "cannot be evaluated" },
		{ HEAD "<xf:model><xf:instance><r xmlns=\"\"><a/></r>"
		  "</xf:instance></xf:model><xf:input ref=\"/r/a\"/></form>",
		  "has no label" },
		{ HEAD "<xf:model><xf:instance><r xmlns=\"\"><a/></r>"
		  "</xf:instance></xf:model><xf:select1 ref=\"/r/a\">"
		  "<xf:label>A</xf:label></xf:select1></form>", "needs items" },
		{ HEAD "<xf:model><xf:instance><r xmlns=\"\"><a/></r>"
		  "</xf:instance></xf:model><blink/></form>",
		  "unknown element 'blink'" },
		/* issue 15: XForms makes these fatal */
		{ HEAD "<xf:model><xf:instance><r xmlns=\"\"><a/></r>"
		  "<s xmlns=\"\"/></xf:instance></xf:model></form>",
		  "one top-level element" },
		{ HEAD "<xf:model><xf:instance><r xmlns=\"\"><a/></r>"
		  "</xf:instance><xf:bind nodeset=\"/r/a\" required="
		  "\"true()\"/><xf:bind nodeset=\"/r/*\" required=\"false()\"/>"
		  "</xf:model></form>", "two binds give the same node its "
		  "required" },
		{ HEAD "<xf:model functions=\"st:age-on st:nope\">"
		  "<xf:instance><r xmlns=\"\"><a/></r></xf:instance>"
		  "</xf:model></form>", "function 'st:nope'" },
		{ HEAD "<xf:model><xf:instance><r xmlns=\"\"><a/></r>"
		  "</xf:instance><xf:bind nodeset=\"/r/a\" type=\"a:b\"/>"
		  "</xf:model></form>", "is not declared" },
		/* issue 16: outputs in texts */
		{ HEAD "<xf:model><xf:instance><r xmlns=\"\"><a/></r>"
		  "</xf:instance></xf:model><xf:input ref=\"/r/a\"><xf:label>"
		  "A <b>bold</b></xf:label></xf:input></form>",
		  "only xf:output may stand in a label" },
		{ HEAD "<xf:model><xf:instance><r xmlns=\"\"><a/></r>"
		  "</xf:instance></xf:model><xf:input ref=\"/r/a\"><xf:label>"
		  "A</xf:label><xf:alert>B <xf:output ref=\"/r/a\"/>"
		  "</xf:alert></xf:input></form>", "takes value=\"\" only" },
		{ HEAD "<xf:model><xf:instance><r xmlns=\"\"><a/></r>"
		  "</xf:instance></xf:model><xf:input ref=\"/r/a\"><xf:label>"
		  "A</xf:label><xf:hint>B <xf:output/></xf:hint></xf:input>"
		  "</form>", "needs a value" },
		{ HEAD "<xf:model><xf:instance><r xmlns=\"\"><a/></r>"
		  "</xf:instance></xf:model><xf:input ref=\"/r/a\"><xf:label>"
		  "A</xf:label><xf:hint>B <xf:output value=\"((\"/></xf:hint>"
		  "</xf:input></form>", "does not compile" },
		{ HEAD "<xf:model><xf:instance><r xmlns=\"\"><a/></r>"
		  "</xf:instance></xf:model><xf:input ref=\"/r/a\"><xf:label>"
		  "A</xf:label><xf:hint>B <xf:output value=\"nosuch()\"/>"
		  "</xf:hint></xf:input></form>", "cannot be evaluated" },
	};
	char err[512];
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct form_def *def = load_text(cases[i].text, err,
		    sizeof(err));

		ck_assert_msg(def == NULL, "case %zu accepted", i);
		ck_assert_msg(strstr(err, cases[i].why) != NULL,
		    "case %zu: '%s' lacks '%s'", i, err, cases[i].why);
	}
}
END_TEST


/* ------------------------------------------------------------ repeats */

static const char *const rep_def = HEAD
	"<xf:model><xf:instance><r xmlns=\"\"><items><item><name/><n/>"
	"</item></items><total/></r></xf:instance>"
	"<xf:bind nodeset=\"/r/items/item/name\" required=\"true()\"/>"
	"<xf:bind nodeset=\"/r/items/item/n\" type=\"xf:integer\"/>"
	"<xf:bind nodeset=\"/r/total\" calculate=\"sum(../items/item/n)\"/>"
	"</xf:model>"
	"<xf:group ref=\"/r/items\"><xf:label>Items</xf:label>"
	"<xf:repeat id=\"items\" nodeset=\"item\">"
	"<st:row-label xml:lang=\"nb\">Ting</st:row-label>"
	"<xf:input ref=\"name\"><xf:label>Name</xf:label></xf:input>"
	"<xf:input ref=\"n\"><xf:label>N</xf:label></xf:input>"
	"<xf:trigger><xf:label>Remove</xf:label>"
	"<xf:delete nodeset=\".\"/></xf:trigger></xf:repeat>"
	"<xf:trigger><xf:label>Add</xf:label>"
	"<xf:insert nodeset=\"item\" at=\"last()\" position=\"after\"/>"
	"</xf:trigger></xf:group>"
	"<xf:output ref=\"/r/total\"><xf:label>Total</xf:label></xf:output>"
	"</form>";

/* Issue 15: a template's twin elements and mixed content can be sent
 * back as they are (its own unchanged instance was refused). */
START_TEST(twins_and_mixed_content)
{
	struct form_def *def = load(HEAD
	    "<xf:model><xf:instance><r xmlns=\"\"><a>1</a><a>2</a>"
	    "<p>Hello <b>x</b> world</p></r></xf:instance>"
	    "</xf:model></form>");
	xmlDocPtr d = form_new_instance(def);
	struct form_errors e = check_doc(def, d, 0);

	ck_assert_uint_eq(e.n, 0);
	form_errors_release(&e);
	xmlFreeDoc(d);
	ck_assert_uint_eq(nerrors(def, "<r><a>1</a><a>2</a>"
	    "<p>Hi <b>y</b> there</p></r>"), 0);
	ck_assert_str_eq(error_at(def, "<r><a>1</a><a>2</a><a>3</a>"
	    "<p><b/></p></r>", "/r/a[3]"),
	    "This element may appear only once.");
	form_free(def);
}
END_TEST

/* Issue 15: position() and last() in a bind's expressions are the
 * node's place in the bind's nodeset (they were 1 on every row). */
START_TEST(position_and_last_in_binds)
{
	struct form_def *def = load(HEAD
	    "<xf:model><xf:instance><r xmlns=\"\"><items><item><name/><n/>"
	    "</item></items></r></xf:instance>"
	    "<xf:bind nodeset=\"/r/items/item/n\" "
	    "calculate=\"concat(position(), '/', last())\"/>"
	    "<xf:bind nodeset=\"/r/items/item/name\" "
	    "constraint=\"position() != 2 or . = 'second'\"/>"
	    "</xf:model>"
	    "<xf:group ref=\"/r/items\"><xf:label>Items</xf:label>"
	    "<xf:repeat id=\"items\" nodeset=\"item\">"
	    "<xf:input ref=\"name\"><xf:label>Name</xf:label></xf:input>"
	    "</xf:repeat></xf:group></form>");
	xmlDocPtr d = doc("<r><items><item><name>a</name><n/></item>"
	    "<item><name>second</name><n/></item>"
	    "<item><name>c</name><n/></item></items></r>");
	struct form_errors e = check_doc(def, d, 0);
	char *out = serialise(d);

	ck_assert_uint_eq(e.n, 0);
	ck_assert_ptr_nonnull(strstr(out, "<n>1/3</n>"));
	ck_assert_ptr_nonnull(strstr(out, "<n>2/3</n>"));
	ck_assert_ptr_nonnull(strstr(out, "<n>3/3</n>"));
	xfree(out);
	form_errors_release(&e);
	xmlFreeDoc(d);
	ck_assert_ptr_nonnull(error_at(def, "<r><items><item><name>a</name>"
	    "<n/></item><item><name>b</name><n/></item></items></r>",
	    "/r/items/item[2]/name"));
	form_free(def);
}
END_TEST

START_TEST(repeat_items_any_number_indexed_paths)
{
	struct form_def *def = load(rep_def);
	xmlDocPtr d;
	struct form_errors e;
	char *out;

	/* no rows at all is a valid shape, and nothing is filled in */
	d = doc("<r><items/><total/></r>");
	e = check_doc(def, d, 0);
	ck_assert_uint_eq(e.n, 0);
	out = serialise(d);
	ck_assert_ptr_null(strstr(out, "<item>"));
	ck_assert_ptr_nonnull(strstr(out, "<total>0</total>"));
	xfree(out);
	form_errors_release(&e);
	xmlFreeDoc(d);
	/* items are always indexed, even one */
	ck_assert_str_eq(error_at(def, "<r><items><item><name/><n/></item>"
	    "</items><total/></r>", "/r/items/item[1]/name"),
	    "This field must be filled in.");
	ck_assert_str_eq(error_at(def, "<r><items><item><name>a</name><n>2"
	    "</n></item><item><name>b</name><n>x</n></item></items><total/>"
	    "</r>", "/r/items/item[2]/n"), "Enter a whole number.");
	/* a calculation over the rows */
	d = doc("<r><items><item><name>a</name><n>2</n></item><item><name>b"
	    "</name><n>5</n></item></items><total/></r>");
	e = check_doc(def, d, 1);
	ck_assert_uint_eq(e.n, 0);
	out = serialise(d);
	ck_assert_ptr_nonnull(strstr(out, "<total>7</total>"));
	xfree(out);
	form_errors_release(&e);
	xmlFreeDoc(d);
	form_free(def);
}
END_TEST

START_TEST(repeat_rows_from_browser_fields)
{
	struct form_def *def = load(rep_def);
	struct fields f;
	xmlDocPtr d = NULL;
	char *out;

	fields_init(&f);
	/* the page listed rows 3 and 1, in that order (2 was removed) */
	fields_add(&f, "_row:items", "3");
	fields_add(&f, "_row:items", "1");
	fields_add(&f, "/r/items/item[3]/name", "third");
	fields_add(&f, "/r/items/item[1]/name", "first");
	fields_add(&f, "/r/items/item[1]/n", "4");
	fields_add(&f, "/r/items/item[2]/name", "gone");
	ck_assert_int_eq(form_from_fields(def, &f, &d), ST_OK);
	out = serialise(d);
	ck_assert_ptr_nonnull(strstr(out, "<items><item><name>third</name>"
	    "<n/></item><item><name>first</name><n>4</n></item></items>"));
	ck_assert_ptr_null(strstr(out, "gone"));
	xfree(out);
	xmlFreeDoc(d);
	fields_release(&f);
	/* a bad row index is refused, not guessed at */
	fields_init(&f);
	fields_add(&f, "_row:items", "x");
	ck_assert_int_eq(form_from_fields(def, &f, &d), ST_E_INVALID);
	ck_assert_ptr_null(d);
	fields_release(&f);
	form_free(def);
}
END_TEST

START_TEST(repeat_insert_and_delete)
{
	struct form_def *def = load(rep_def);
	xmlDocPtr d = doc("<r><items><item><name>a</name><n/></item></items>"
	    "<total/></r>");
	char *out;

	ck_assert_int_eq(form_action(def, d, "insert:items"), ST_OK);
	ck_assert_int_eq(form_action(def, d, "insert:items"), ST_OK);
	out = serialise(d);
	ck_assert_ptr_nonnull(strstr(out, "<item><name>a</name><n/></item>"
	    "<item><name/><n/></item><item><name/><n/></item>"));
	xfree(out);
	ck_assert_int_eq(form_action(def, d, "delete:items:1"), ST_OK);
	out = serialise(d);
	ck_assert_ptr_null(strstr(out, "<name>a</name>"));
	xfree(out);
	ck_assert_int_eq(form_action(def, d, "delete:items:3"), ST_E_INVALID);
	ck_assert_int_eq(form_action(def, d, "delete:items:0"), ST_E_INVALID);
	ck_assert_int_eq(form_action(def, d, "insert:nope"), ST_E_INVALID);
	ck_assert_int_eq(form_action(def, d, "explode"), ST_E_INVALID);
	/* down to none, and back */
	ck_assert_int_eq(form_action(def, d, "delete:items:1"), ST_OK);
	ck_assert_int_eq(form_action(def, d, "delete:items:1"), ST_OK);
	ck_assert_int_eq(form_action(def, d, "insert:items"), ST_OK);
	out = serialise(d);
	ck_assert_ptr_nonnull(strstr(out, "<items><item><name/><n/></item>"
	    "</items>"));
	xfree(out);
	xmlFreeDoc(d);
	form_free(def);
}
END_TEST

START_TEST(repeat_view_has_rows_and_buttons)
{
	struct form_def *def = load(rep_def);
	xmlDocPtr d = doc("<r><items><item><name>a</name><n>1</n></item>"
	    "<item><name>b</name><n>2</n></item></items><total/></r>");
	xmlDocPtr vd = xmlNewDoc(BAD_CAST "1.0");
	xmlNodePtr root = xmlNewDocNode(vd, NULL, BAD_CAST "v", NULL);
	char *out;

	xmlDocSetRootElement(vd, root);
	ck_assert_int_eq(form_view(def, NULL, d, NULL, 0, root), ST_OK);
	out = serialise(vd);
	ck_assert_ptr_nonnull(strstr(out, "<repeat id=\"items\" "
	    "html-id=\"r-items\" row-label=\"Ting\">"));
	ck_assert_ptr_nonnull(strstr(out, "<row index=\"2\" "
	    "name=\"/r/items/item[2]\">"));
	ck_assert_ptr_nonnull(strstr(out, "name=\"/r/items/item[2]/name\""));
	ck_assert_ptr_nonnull(strstr(out, "id=\"f-r-items-item-2-name\""));
	ck_assert_ptr_nonnull(strstr(out, "action=\"delete\" "
	    "value=\"delete:items:2\""));
	ck_assert_ptr_nonnull(strstr(out, "action=\"insert\" "
	    "value=\"insert:items\""));
	/* a calculated node is readonly; the output shows its value */
	ck_assert_msg(strstr(out, "<output id=\"f-r-total\" "
	    "name=\"/r/total\" readonly=\"true\"><label>Total</label>"
	    "<value>3</value>") != NULL, "%s", out);
	xfree(out);
	xmlFreeDoc(vd);
	xmlFreeDoc(d);
	form_free(def);
}
END_TEST

/* Issue 16: an error in a repeat's row says which row, in the summary
 * and beside the field. */
START_TEST(repeat_errors_name_their_row)
{
	struct form_def *def = load(rep_def);
	xmlDocPtr d = doc("<r><items><item><name>a</name><n>1</n></item>"
	    "<item><name/><n>x</n></item></items><total/></r>");
	xmlDocPtr vd = xmlNewDoc(BAD_CAST "1.0");
	xmlNodePtr root = xmlNewDocNode(vd, NULL, BAD_CAST "v", NULL);
	struct form_errors e;
	char *out;

	xmlDocSetRootElement(vd, root);
	e = check_doc(def, d, 0);
	ck_assert_uint_eq(e.n, 2);
	ck_assert_int_eq(form_view(def, NULL, d, &e, 0, root), ST_OK);
	out = serialise(vd);
	/* the summary: the row's number and the repeat's row label */
	ck_assert_msg(strstr(out, "<error for=\"f-r-items-item-2-name\" "
	    "path=\"/r/items/item[2]/name\" label=\"Name\" row=\"2\" "
	    "row-label=\"Ting\">") != NULL, "%s", out);
	ck_assert_ptr_nonnull(strstr(out, "path=\"/r/items/item[2]/n\" "
	    "label=\"N\" row=\"2\" row-label=\"Ting\">"));
	/* beside the field */
	ck_assert_msg(strstr(out, "<error row=\"2\" row-label=\"Ting\">")
	    != NULL, "%s", out);
	/* the first row has no error */
	ck_assert_ptr_null(strstr(out, "row=\"1\""));
	xfree(out);
	form_errors_release(&e);
	xmlFreeDoc(vd);
	xmlFreeDoc(d);
	form_free(def);
}
END_TEST

/* Issue 16: an xf:output in a label, hint or alert is evaluated where
 * the control is bound, so a message can say the limit the server sets
 * (XForms 1.1, 8.3.3). */
static const char *const out_def = HEAD
	"<xf:model><xf:instance><r xmlns=\"\"><days/><rows><row><n/></row>"
	"</rows></r></xf:instance>"
	"<xf:instance id=\"settings\"><settings xmlns=\"\"><max>30</max>"
	"</settings></xf:instance>"
	"<xf:bind nodeset=\"/r/days\" type=\"xf:integer\" constraint="
	"\". &lt;= instance('settings')/max\"/>"
	"<xf:bind nodeset=\"/r/rows/row/n\" type=\"xf:integer\" "
	"constraint=\". &lt; 10\"/>"
	"</xf:model>"
	"<xf:input ref=\"/r/days\"><xf:label xml:lang=\"nb\">Dager</xf:label>"
	"<xf:label xml:lang=\"en\">Days</xf:label>"
	"<xf:hint xml:lang=\"nb\">Høyst <xf:output value=\"instance("
	"'settings')/max\"/> dager.</xf:hint>"
	"<xf:alert xml:lang=\"nb\">Høyst <xf:output value=\"instance("
	"'settings')/max\"/> dager, ikke <xf:output value=\".\"/>.</xf:alert>"
	"<xf:alert xml:lang=\"en\">At most <xf:output value=\"instance("
	"'settings')/max\"/> days.</xf:alert></xf:input>"
	"<xf:repeat id=\"rows\" nodeset=\"/r/rows/row\">"
	"<xf:input ref=\"n\"><xf:label>N <xf:output value=\"count("
	"../preceding-sibling::row) + 1\"/></xf:label>"
	"<xf:alert>Under 10 (row <xf:output value=\"count(../preceding-"
	"sibling::row) + 1\"/>)</xf:alert></xf:input></xf:repeat>"
	"</form>";

START_TEST(outputs_in_texts)
{
	struct form_def *def = load(out_def);
	const char *bad = "<r><days>31</days><rows><row><n>1</n></row>"
	    "<row><n>12</n></row></rows></r>";
	xmlDocPtr d = doc(bad);
	xmlDocPtr vd = xmlNewDoc(BAD_CAST "1.0");
	xmlNodePtr root = xmlNewDocNode(vd, NULL, BAD_CAST "v", NULL);
	struct form_errors e;
	char *out;

	i18n_use(LANG_NB);
	ck_assert_uint_eq(nerrors(def, "<r><days>30</days><rows/></r>"), 0);
	ck_assert_str_eq(error_at(def, bad, "/r/days"),
	    "Høyst 30 dager, ikke 31.");
	/* each row's output has its own context */
	ck_assert_str_eq(error_at(def, bad, "/r/rows/row[2]/n"),
	    "Under 10 (row 2)");
	i18n_use(LANG_EN);
	ck_assert_str_eq(error_at(def, bad, "/r/days"), "At most 30 days.");
	i18n_use(LANG_NB);
	xmlDocSetRootElement(vd, root);
	e = check_doc(def, d, 0);
	ck_assert_uint_eq(e.n, 2);
	ck_assert_str_eq(e.v[1].label, "N 2");
	ck_assert_int_eq(form_view(def, NULL, d, &e, 0, root), ST_OK);
	out = serialise(vd);
	ck_assert_msg(strstr(out, "<hint>Høyst 30 dager.</hint>") != NULL ||
	    strstr(out, "<hint>H&#xF8;yst 30 dager.</hint>") != NULL, "%s",
	    out);
	ck_assert_ptr_nonnull(strstr(out, "<label>N 1</label>"));
	ck_assert_ptr_nonnull(strstr(out, "<label>N 2</label>"));
	xfree(out);
	form_errors_release(&e);
	xmlFreeDoc(vd);
	xmlFreeDoc(d);
	form_free(def);
}
END_TEST

/* ---------------------------------------- secondary instances, itemsets */

static const char *const units_def = HEAD
	"<xf:model><xf:instance><r xmlns=\"\"><unit/><days/></r>"
	"</xf:instance>"
	"<xf:instance id=\"units\" st:src=\"units\"><units xmlns=\"\">"
	"<unit code=\"x\"><name>x</name></unit></units></xf:instance>"
	"<xf:instance id=\"limits\"><limits xmlns=\"\"><max>30</max></limits>"
	"</xf:instance>"
	"<xf:bind nodeset=\"/r/days\" type=\"xf:integer\" "
	"constraint=\". = '' or . &lt;= instance('limits')/max\"/>"
	"</xf:model>"
	"<xf:select1 ref=\"/r/unit\" appearance=\"minimal\">"
	"<xf:label>Unit</xf:label>"
	"<xf:itemset nodeset=\"instance('units')/unit\">"
	"<xf:label ref=\"name\"/><xf:value ref=\"@code\"/></xf:itemset>"
	"</xf:select1>"
	"<xf:input ref=\"/r/days\"><xf:label>Days</xf:label></xf:input>"
	"</form>";

static xmlDocPtr filled;

static xmlDocPtr
fill_units(void *ctx, const char *src)
{
	(void)ctx;
	return strcmp(src, "units") == 0 ? filled : NULL;
}

START_TEST(itemsets_from_server_filled_instances)
{
	struct form_def *def = load(units_def);
	struct form_env env = { fill_units, NULL };
	struct form_errors e;
	xmlDocPtr d;

	filled = doc("<units><unit code=\"fagerli-bhg\"><name>Fagerli "
	    "barnehage</name></unit><unit code=\"ppt\"><name>PPT</name>"
	    "</unit></units>");
	/* the server's list is what counts */
	d = doc("<r><unit>ppt</unit><days/></r>");
	form_errors_init(&e);
	ck_assert_int_eq(form_validate(def, &env, d, &e, 0), ST_OK);
	ck_assert_uint_eq(e.n, 0);
	form_errors_release(&e);
	xmlFreeDoc(d);
	d = doc("<r><unit>x</unit><days/></r>");
	form_errors_init(&e);
	ck_assert_int_eq(form_validate(def, &env, d, &e, 0), ST_OK);
	ck_assert_uint_eq(e.n, 1);
	ck_assert_str_eq(e.v[0].message, "Choose one of the options given.");
	form_errors_release(&e);
	xmlFreeDoc(d);
	/* a static secondary instance in a constraint */
	ck_assert_uint_eq(nerrors(def, "<r><unit/><days>30</days></r>"), 0);
	ck_assert_uint_eq(nerrors(def, "<r><unit/><days>31</days></r>"), 1);
	xmlFreeDoc(filled);
	form_free(def);
}
END_TEST

START_TEST(itemset_in_the_view)
{
	struct form_def *def = load(units_def);
	struct form_env env = { fill_units, NULL };
	xmlDocPtr d = doc("<r><unit>ppt</unit><days/></r>");
	xmlDocPtr vd = xmlNewDoc(BAD_CAST "1.0");
	xmlNodePtr root = xmlNewDocNode(vd, NULL, BAD_CAST "v", NULL);
	char *out;

	filled = doc("<units><unit code=\"a\"><name>A &amp; B</name></unit>"
	    "<unit code=\"ppt\"><name>PPT</name></unit></units>");
	xmlDocSetRootElement(vd, root);
	ck_assert_int_eq(form_view(def, &env, d, NULL, 0, root), ST_OK);
	out = serialise(vd);
	ck_assert_ptr_nonnull(strstr(out, "<item><label>A &amp; B</label>"
	    "<value>a</value></item><item selected=\"true\"><label>PPT"
	    "</label><value>ppt</value></item>"));
	xfree(out);
	xmlFreeDoc(vd);
	xmlFreeDoc(d);
	xmlFreeDoc(filled);
	form_free(def);
}
END_TEST

START_TEST(more_refusals)
{
	static const struct { const char *text, *why; } cases[] = {
		{ HEAD "<xf:model><xf:instance><r xmlns=\"\"><a><b><c/></b>"
		  "</a></r></xf:instance></xf:model>"
		  "<xf:repeat id=\"a\" nodeset=\"/r/a\"><xf:repeat id=\"b\" "
		  "nodeset=\"b\"><xf:input ref=\"c\"><xf:label>c</xf:label>"
		  "</xf:input></xf:repeat></xf:repeat></form>",
		  "nested repeats are not supported" },
		{ HEAD "<xf:model><xf:instance><r xmlns=\"\"><a/></r>"
		  "</xf:instance></xf:model><xf:repeat nodeset=\"/r/a\"/>"
		  "</form>", "a repeat needs an id" },
		{ HEAD "<xf:model><xf:instance><r xmlns=\"\"><a/></r>"
		  "</xf:instance></xf:model><xf:trigger><xf:label>t"
		  "</xf:label></xf:trigger></form>",
		  "needs an insert or delete action" },
		{ HEAD "<xf:model><xf:instance><r xmlns=\"\"><a/></r>"
		  "</xf:instance></xf:model><xf:trigger><xf:label>t"
		  "</xf:label><xf:insert nodeset=\"/r/a\"/></xf:trigger>"
		  "</form>",
		  "which no repeat shows" },
		{ HEAD "<xf:model><xf:instance><r xmlns=\"\"><a/></r>"
		  "</xf:instance></xf:model><xf:trigger><xf:label>t"
		  "</xf:label><xf:delete nodeset=\".\"/></xf:trigger></form>",
		  "delete is supported in a repeat's row" },
		{ HEAD "<xf:model><xf:instance><r xmlns=\"\"><a/></r>"
		  "</xf:instance><xf:instance><s xmlns=\"\"/></xf:instance>"
		  "</xf:model></form>", "a secondary instance needs an id" },
		{ HEAD "<xf:model><xf:instance><r xmlns=\"\"><a/></r>"
		  "</xf:instance></xf:model><xf:range ref=\"/r/a\">"
		  "<xf:label>a</xf:label></xf:range></form>",
		  "a range needs start and end" },
		{ HEAD "<xf:model><xf:instance><r xmlns=\"\"><a/></r>"
		  "</xf:instance></xf:model><xf:input ref=\"/r/a\" "
		  "bind=\"x\"><xf:label>a</xf:label></xf:input></form>",
		  "unknown attribute 'bind'" },
		{ HEAD "<xf:model><xf:instance><r xmlns=\"\"><a/></r>"
		  "</xf:instance></xf:model><xf:select1 ref=\"/r/a\">"
		  "<xf:label>a</xf:label><xf:itemset nodeset=\"/r\">"
		  "<xf:label ref=\"a\"/></xf:itemset></xf:select1></form>",
		  "needs a label and a value" },
	};
	char err[512];
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct form_def *def = load_text(cases[i].text, err,
		    sizeof(err));

		ck_assert_msg(def == NULL, "case %zu accepted", i);
		ck_assert_msg(strstr(err, cases[i].why) != NULL,
		    "case %zu: '%s' lacks '%s'", i, err, cases[i].why);
	}
}
END_TEST

START_TEST(constraints_on_containers_and_missing_containers)
{
	struct form_def *def = load(HEAD
	    "<xf:model><xf:instance><r xmlns=\"\"><items><item><v/></item>"
	    "</items><when/></r></xf:instance>"
	    "<xf:bind nodeset=\"/r/items\" "
	    "constraint=\"count(item) &lt;= 2\"/>"
	    "<xf:bind nodeset=\"/r/items/item/v\" required=\"true()\"/>"
	    "<xf:bind nodeset=\"/r/when\" constraint=\". = '' or "
	    "days-from-date(.) = days-from-date('2026-06-15')\"/>"
	    "</xf:model>"
	    "<xf:group ref=\"/r/items\"><xf:label>Items</xf:label>"
	    "<xf:alert>At most two.</xf:alert>"
	    "<xf:repeat id=\"items\" nodeset=\"item\"><xf:input ref=\"v\">"
	    "<xf:label>v</xf:label></xf:input></xf:repeat></xf:group></form>");

	/* XForms checks a constraint on any node, rows included */
	ck_assert_uint_eq(nerrors(def, "<r><items><item><v>a</v></item>"
	    "<item><v>b</v></item></items><when/></r>"), 0);
	ck_assert_str_eq(error_at(def, "<r><items><item><v>a</v></item>"
	    "<item><v>b</v></item><item><v>c</v></item></items><when/></r>",
	    "/r/items"), "At most two.");
	/* a missing container is filled in without rows: none were sent */
	ck_assert_uint_eq(nerrors(def, "<r/>"), 0);
	/* days-from-date takes a dateTime too, ignoring the time */
	ck_assert_uint_eq(nerrors(def, "<r><items/><when>2026-06-15T23:59:00"
	    "</when></r>"), 0);
	ck_assert_uint_eq(nerrors(def, "<r><items/><when>2026-06-16T00:00:00"
	    "</when></r>"), 1);
	form_free(def);
}
END_TEST

START_TEST(versions)
{
	char dir[] = "/tmp/check_form_dirXXXXXX", path[512], err[512];
	const char *v1 = HEAD "<xf:model><xf:instance><r xmlns=\"\"><a/></r>"
	    "</xf:instance></xf:model></form>";
	struct formset fs;
	FILE *fp;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/t-v1.xml", dir);
	fp = fopen(path, "w");
	fputs(v1, fp);
	fclose(fp);
	snprintf(path, sizeof(path), "%s/t.xml", dir);
	fp = fopen(path, "w");
	/* version 2 adds a field */
	fputs("<form xmlns=\"urn:x-stafett:form\" "
	    "xmlns:xf=\"http://www.w3.org/2002/xforms\" id=\"t\" version=\"2\">"
	    "<title>T</title><xf:model><xf:instance><r xmlns=\"\"><a/><b/>"
	    "</r></xf:instance><xf:bind nodeset=\"/r/b\" required=\"true()\"/>"
	    "</xf:model></form>", fp);
	fclose(fp);
	ck_assert_int_eq(formset_load(&fs, dir, err, sizeof(err)), ST_OK);
	ck_assert_uint_eq(formset_current(&fs, "t")->version, 2);
	/* an instance of version 1 still validates with version 1 */
	ck_assert_uint_eq(nerrors(formset_get(&fs, "t", 1), "<r><a/></r>"), 0);
	ck_assert_uint_eq(nerrors(formset_get(&fs, "t", 2), "<r><a/></r>"), 1);
	formset_release(&fs);
	/* the same version twice is refused */
	snprintf(path, sizeof(path), "%s/t-copy.xml", dir);
	fp = fopen(path, "w");
	fputs(v1, fp);
	fclose(fp);
	ck_assert_int_eq(formset_load(&fs, dir, err, sizeof(err)),
	    ST_E_CONFIG);
	ck_assert_ptr_nonnull(strstr(err, "are both 't' version 1"));
	unlink(path);
	snprintf(path, sizeof(path), "%s/t.xml", dir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/t-v1.xml", dir);
	unlink(path);
	rmdir(dir);
}
END_TEST

/* ------------------------------------------------ the concern form */

static const struct form_def *
concern(struct formset *fs)
{
	char dir[4096], err[512];
	const char *top = getenv("top_srcdir");

	snprintf(dir, sizeof(dir), "%s/forms", top != NULL ? top : ".");
	ck_assert_msg(formset_load(fs, dir, err, sizeof(err)) == ST_OK, "%s",
	    err);
	ck_assert_ptr_nonnull(formset_current(fs, "concern"));
	return formset_current(fs, "concern");
}

START_TEST(concern_form)
{
	struct formset fs;
	const struct form_def *def = concern(&fs);
	xmlDocPtr d = form_new_instance(def);
	struct form_errors e = check_doc(def, d, 0);
	size_t i;
	int seen = 0, duration = 0;

	ck_assert_uint_eq(def->version, 2);
	ck_assert_ptr_eq(formset_get(&fs, "concern", 2), def);
	ck_assert_ptr_nonnull(formset_get(&fs, "concern", 1));
	ck_assert_ptr_ne(formset_get(&fs, "concern", 1), def);
	ck_assert_ptr_null(formset_get(&fs, "concern", 99));
	/* the empty form: what is required says so */
	for (i = 0; i < e.n; i++) {
		seen |= strcmp(e.v[i].path, "/concern/observation/seen") == 0;
		duration |= strcmp(e.v[i].path,
		    "/concern/observation/duration") == 0;
	}
	ck_assert(seen && duration);
	form_errors_release(&e);
	xmlFreeDoc(d);
	formset_release(&fs);
}
END_TEST

static Suite *
form_suite(void)
{
	Suite *s = suite_create("form");
	TCase *tc = tcase_create("engine");

	tcase_add_test(tc, required);
	tcase_add_test(tc, relevant_inherits_and_prunes);
	tcase_add_test(tc, invalid_instances_are_not_pruned);
	tcase_add_test(tc, calculate_chain);
	tcase_add_test(tc, circular_calculate_is_an_error);
	tcase_add_test(tc, growing_calculate_is_bounded);
	tcase_add_test(tc, calculates_in_dependency_order);
	tcase_add_test(tc, constraint_uses_alert);
	tcase_add_test(tc, readonly_inherits);
	tcase_add_test(tc, fallback_text_says_its_language);
	tcase_add_test(tc, readonly_is_enforced);
	tcase_add_test(tc, stored_instance_is_canonical);
	tcase_add_test(tc, position_and_last_in_binds);
	tcase_add_test(tc, twins_and_mixed_content);
	tcase_add_test(tc, too_many_template_children);
	tcase_add_test(tc, xforms_functions_as_specified);
	tcase_add_test(tc, bind_without_nodeset_and_functions);
	tcase_add_test(tc, types);
	tcase_add_test(tc, identity_numbers);
	tcase_add_test(tc, structure);
	tcase_add_test(tc, hostile_instances_are_bounded);
	tcase_add_test(tc, select_values_must_be_items);
	tcase_add_test(tc, instance_from_browser_fields);
	tcase_add_test(tc, view_carries_values_errors_and_items);
	tcase_add_test(tc, xforms_functions);
	tcase_add_test(tc, broken_definitions_are_refused);
	tcase_add_test(tc, concern_form);
	tcase_add_test(tc, repeat_items_any_number_indexed_paths);
	tcase_add_test(tc, repeat_rows_from_browser_fields);
	tcase_add_test(tc, repeat_insert_and_delete);
	tcase_add_test(tc, repeat_view_has_rows_and_buttons);
	tcase_add_test(tc, repeat_errors_name_their_row);
	tcase_add_test(tc, outputs_in_texts);
	tcase_add_test(tc, itemsets_from_server_filled_instances);
	tcase_add_test(tc, itemset_in_the_view);
	tcase_add_test(tc, more_refusals);
	tcase_add_test(tc, versions);
	tcase_add_test(tc, constraints_on_containers_and_missing_containers);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr;
	int failed;

	xmlsafe_global_init();
	sr = srunner_create(form_suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	xmlCleanupParser();
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
