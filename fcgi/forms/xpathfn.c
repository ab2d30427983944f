/* xpathfn.c: XForms XPath functions over libxml2 (see xpathfn.h). */
#include "config.h"

#include <math.h>
#include <string.h>
#include <time.h>

#include <libxml/xpathInternals.h>

#include "dates.h"
#include "form.h"
#include "xpathfn.h"

static void
fn_boolean_from_string(xmlXPathParserContextPtr ctxt, int nargs)
{
	xmlChar *s;
	int v;

	CHECK_ARITY(1);
	s = xmlXPathPopString(ctxt);
	v = s != NULL && (xmlStrcasecmp(s, BAD_CAST "true") == 0 ||
	    xmlStrcmp(s, BAD_CAST "1") == 0);
	xmlFree(s);
	valuePush(ctxt, xmlXPathNewBoolean(v));
}

static void
fn_if(xmlXPathParserContextPtr ctxt, int nargs)
{
	xmlXPathObjectPtr a, b;
	int cond;

	xmlChar *s;

	/* XForms 1.1: if(boolean, string, string) is a string, whatever
	 * the branches are (a node-set's string is its first node's) */
	CHECK_ARITY(3);
	b = valuePop(ctxt);
	a = valuePop(ctxt);
	cond = xmlXPathPopBoolean(ctxt);
	s = xmlXPathCastToString(cond ? a : b);
	xmlXPathFreeObject(a);
	xmlXPathFreeObject(b);
	valuePush(ctxt, xmlXPathWrapString(s != NULL ? s :
	    xmlStrdup(BAD_CAST "")));
}

static void
fn_count_non_empty(xmlXPathParserContextPtr ctxt, int nargs)
{
	xmlNodeSetPtr ns;
	int i, n = 0;

	CHECK_ARITY(1);
	ns = xmlXPathPopNodeSet(ctxt);
	if (xmlXPathCheckError(ctxt))
		return;
	for (i = 0; ns != NULL && i < ns->nodeNr; i++) {
		xmlChar *v = xmlNodeGetContent(ns->nodeTab[i]);

		if (v != NULL && *v != '\0')
			n++;
		xmlFree(v);
	}
	xmlXPathFreeNodeSet(ns);
	valuePush(ctxt, xmlXPathNewFloat(n));
}

/*
 * XForms 1.1 days-from-date: a valid xsd:date or xsd:dateTime, and
 * nothing after it, normalised to UTC by its time zone; the days from
 * 1970-01-01 of what is left (a date's time is the start of its day).
 */
static long
xforms_days(const char *s, int *ok)
{
	size_t n = strlen(s), t;
	long days, minutes = 0;
	const char *zone;

	*ok = 0;
	if (ftype_check(FT_DATE, s) != NULL &&
	    ftype_check(FT_DATETIME, s) != NULL)
		return 0;
	days = dates_days(s, ok);
	if (!*ok)
		return 0;
	if (s[10] == 'T') {
		minutes = ((s[11] - '0') * 10 + (s[12] - '0')) * 60 +
		    (s[14] - '0') * 10 + (s[15] - '0');
		for (t = 16; t < n && s[t] != 'Z' && s[t] != '+' &&
		    s[t] != '-'; t++)
			;
		zone = s + t;
	} else
		zone = s + 10;
	if (*zone == '+' || *zone == '-') {
		long off = ((zone[1] - '0') * 10 + (zone[2] - '0')) * 60 +
		    (zone[4] - '0') * 10 + (zone[5] - '0');

		minutes -= *zone == '+' ? off : -off;
	}
	/* floor division: a day before when the UTC time is negative */
	days += minutes >= 0 ? minutes / 1440 : -((1439 - minutes) / 1440);
	return days;
}

static void
fn_days_from_date(xmlXPathParserContextPtr ctxt, int nargs)
{
	xmlChar *s;
	long days;
	int ok;

	CHECK_ARITY(1);
	s = xmlXPathPopString(ctxt);
	days = xforms_days(s != NULL ? (const char *)s : "", &ok);
	xmlFree(s);
	valuePush(ctxt, xmlXPathNewFloat(ok ? (double)days : NAN));
}

/* XForms 1.1 days-to-date: the xsd:date that many days (rounded to the
 * nearest whole number) after 1970-01-01; "" for NaN or out of range. */
static void
fn_days_to_date(xmlXPathParserContextPtr ctxt, int nargs)
{
	char out[DATE_SIZE] = "";
	double d;

	CHECK_ARITY(1);
	d = xmlXPathPopNumber(ctxt);
	d = floor(d + 0.5);
	/* years 1000 to 9999: four digits, as xsd:date writes them */
	if (!isnan(d) && d >= -354285 && d <= 2932896)
		dates_from_days(out, (long)d);
	valuePush(ctxt, xmlXPathNewString(BAD_CAST out));
}

static void
fn_local_date(xmlXPathParserContextPtr ctxt, int nargs)
{
	char today[DATE_SIZE];

	CHECK_ARITY(0);
	dates_today(today);
	valuePush(ctxt, xmlXPathNewString(BAD_CAST today));
}

static void
fn_now(xmlXPathParserContextPtr ctxt, int nargs)
{
	char buf[32];
	time_t t;
	struct tm tm;

	CHECK_ARITY(0);
	t = time(NULL);
	gmtime_r(&t, &tm);
	strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%SZ", &tm);
	valuePush(ctxt, xmlXPathNewString(BAD_CAST buf));
}

/* instance('id'): the root element of a model instance. */
static void
fn_instance(xmlXPathParserContextPtr ctxt, int nargs)
{
	struct xpathfn_model *m = ctxt->context->userData;
	xmlChar *id = NULL;
	xmlNodePtr root = NULL;

	if (nargs > 1) {
		xmlXPathSetArityError(ctxt);
		return;
	}
	if (nargs == 1)
		id = xmlXPathPopString(ctxt);
	if (m != NULL && m->root != NULL)
		root = m->root(m->self, id != NULL ? (const char *)id : "");
	xmlFree(id);
	valuePush(ctxt, xmlXPathNewNodeSet(root));
}

/* age-on(birthdate, date): completed years; NaN if either is invalid. */
static void
fn_age_on(xmlXPathParserContextPtr ctxt, int nargs)
{
	xmlChar *b, *d;
	double age = NAN;
	int ok, years;

	CHECK_ARITY(2);
	d = xmlXPathPopString(ctxt);
	b = xmlXPathPopString(ctxt);
	years = dates_age_on(b != NULL ? (const char *)b : "",
	    d != NULL ? (const char *)d : "", &ok);
	if (ok)
		age = years;
	xmlFree(b);
	xmlFree(d);
	valuePush(ctxt, xmlXPathNewFloat(age));
}

static const struct {
	const char		*name;
	xmlXPathFunction	 fn;
	int			 ours;	/* in XPATHFN_NS rather than XForms' */
} funcs[] = {
	{ "boolean-from-string", fn_boolean_from_string, 0 },
	{ "if", fn_if, 0 },
	{ "count-non-empty", fn_count_non_empty, 0 },
	{ "days-from-date", fn_days_from_date, 0 },
	{ "days-to-date", fn_days_to_date, 0 },
	{ "local-date", fn_local_date, 0 },
	{ "now", fn_now, 0 },
	{ "instance", fn_instance, 0 },
	{ "age-on", fn_age_on, 1 },
};

/*
 * A lookup function instead of xmlXPathRegisterFunc: no hash table is
 * built for every context, which matters because every validation makes
 * one.
 */
static xmlXPathFunction
lookup(void *data, const xmlChar *name, const xmlChar *ns)
{
	size_t i;

	(void)data;
	for (i = 0; i < sizeof(funcs) / sizeof(funcs[0]); i++) {
		if (xmlStrcmp(name, BAD_CAST funcs[i].name) != 0)
			continue;
		if (funcs[i].ours ? (ns != NULL &&
		    xmlStrcmp(ns, BAD_CAST XPATHFN_NS) == 0) : ns == NULL)
			return funcs[i].fn;
	}
	return NULL;
}

int
xpathfn_known(const char *name, const char *ns)
{
	return lookup(NULL, BAD_CAST name, BAD_CAST ns) != NULL;
}

/* XPath errors are reported by our callers as results, not printed. */
static void
quiet(void *data, const xmlError *e)
{
	(void)data;
	(void)e;
}

void
xpathfn_register(xmlXPathContextPtr ctxt)
{
	ctxt->error = (xmlStructuredErrorFunc)quiet;
	xmlXPathRegisterFuncLookup(ctxt, lookup, NULL);
	xmlXPathRegisterNs(ctxt, BAD_CAST "st", BAD_CAST XPATHFN_NS);
}
