/* xmlsafe.c: hardened XML parsing on top of libxml2 (see xmlsafe.h). */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <libxml/parser.h>
#include <libxml/SAX2.h>
#include <libxslt/xsltutils.h>

#include "i18n.h"
#include "utf8.h"
#include "xmlsafe.h"

struct guard {
	unsigned	 max_depth;
	const char	*refused;	/* why we stopped the parser, or NULL */
};

static void
refuse(xmlParserCtxtPtr ctxt, const char *why)
{
	struct guard *g = ctxt->_private;

	if (g->refused == NULL)
		g->refused = why;
	xmlStopParser(ctxt);
}

static void
on_internal_subset(void *ctx, const xmlChar *name, const xmlChar *eid,
    const xmlChar *sid)
{
	(void)name;
	(void)eid;
	(void)sid;
	refuse(ctx, _("a document type declaration (DOCTYPE) is not allowed"));
}

static void
on_entity_decl(void *ctx, const xmlChar *name, int type, const xmlChar *pid,
    const xmlChar *sid, xmlChar *content)
{
	(void)name;
	(void)type;
	(void)pid;
	(void)sid;
	(void)content;
	refuse(ctx, _("entity declarations are not allowed"));
}

static void
on_start_element(void *ctx, const xmlChar *localname, const xmlChar *prefix,
    const xmlChar *uri, int nb_namespaces, const xmlChar **namespaces,
    int nb_attributes, int nb_defaulted, const xmlChar **attributes)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct guard *g = ctxt->_private;

	if (ctxt->nodeNr >= (int)g->max_depth) {
		refuse(ctxt, _("the document is nested too deeply"));
		return;
	}
	xmlSAX2StartElementNs(ctx, localname, prefix, uri, nb_namespaces,
	    namespaces, nb_attributes, nb_defaulted, attributes);
}

static void
quiet(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

void
xmlsafe_global_init(void)
{
	xmlInitParser();
	/*
	 * libxml2 and libxslt print their errors to stderr by default, and
	 * the messages can quote the document: a child's name could end up
	 * in a log. Every caller reports failures itself instead.
	 */
	xmlSetGenericErrorFunc(NULL, quiet);
	xsltSetGenericErrorFunc(NULL, quiet);
	/* Belt and braces: these defaults apply to every parser we create. */
	xmlSubstituteEntitiesDefault(0);
	xmlLoadExtDtdDefaultValue = 0;
	xmlPedanticParserDefault(0);
}

/* Where s (of length m) starts in p[i..n), or n. */
static size_t
find(const char *p, size_t n, size_t i, const char *s, size_t m)
{
	for (; i + m <= n; i++)
		if (p[i] == s[0] && memcmp(p + i, s, m) == 0)
			return i;
	return n;
}

/*
 * Whether no start tag in p has more than max attributes (namespace
 * declarations included). libxml2 compares each attribute of an element
 * with every one before it, so a tag of 20,000 attributes costs
 * seconds; this scan reads each byte once, skipping comments, CDATA,
 * processing instructions, declarations, end tags and quoted values.
 */
static int
attributes_within(const char *p, size_t n, unsigned max)
{
	size_t i = 0;
	unsigned k;

	while (i < n) {
		if (p[i] != '<') {
			i++;
			continue;
		}
		if (n - i >= 4 && memcmp(p + i, "<!--", 4) == 0)
			i = find(p, n, i + 4, "-->", 3) + 3;
		else if (n - i >= 9 && memcmp(p + i, "<![CDATA[", 9) == 0)
			i = find(p, n, i + 9, "]]>", 3) + 3;
		else if (n - i >= 2 && p[i + 1] == '?')
			i = find(p, n, i + 2, "?>", 2) + 2;
		else if (n - i >= 2 && (p[i + 1] == '!' || p[i + 1] == '/'))
			i = find(p, n, i + 2, ">", 1) + 1;
		else {
			for (i++, k = 0; i < n && p[i] != '>'; i++) {
				if (p[i] == '"' || p[i] == '\'') {
					char q = p[i];

					i = find(p, n, i + 1, &q, 1);
				} else if (p[i] == '=' && ++k > max)
					return 0;
			}
		}
	}
	return 1;
}

st_rc
xmlsafe_parse(const char *data, size_t len, size_t max_bytes,
    unsigned max_depth, xmlDocPtr *out, char *err, size_t errlen)
{
	struct guard g = { max_depth, NULL };
	xmlParserCtxtPtr ctxt;
	xmlDocPtr doc;
	const xmlError *e;
	int wellformed;

	*out = NULL;
	if (len > max_bytes) {
		snprintf(err, errlen, _("the document is larger than %zu bytes"),
		    max_bytes);
		return ST_E_TOO_BIG;
	}
	if (len == 0) {
		snprintf(err, errlen, "%s", _("the document is empty"));
		return ST_E_INVALID;
	}
	if (!utf8_xml_text(data, len)) {
		snprintf(err, errlen, "%s", _("the document is not UTF-8 "
		    "text made of XML characters"));
		return ST_E_INVALID;
	}
	if (!attributes_within(data, len, XMLSAFE_MAX_ATTRIBUTES)) {
		snprintf(err, errlen, _("an element has more than %u "
		    "attributes"), XMLSAFE_MAX_ATTRIBUTES);
		return ST_E_INVALID;
	}
	if ((ctxt = xmlNewParserCtxt()) == NULL) {
		snprintf(err, errlen, "%s", _("out of memory"));
		return ST_E_NOMEM;
	}
	ctxt->_private = &g;
	ctxt->sax->internalSubset = on_internal_subset;
	ctxt->sax->externalSubset = on_internal_subset;
	ctxt->sax->entityDecl = on_entity_decl;
	ctxt->sax->startElementNs = on_start_element;
	doc = xmlCtxtReadMemory(ctxt, data, (int)len, NULL, NULL,
	    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	/* An undeclared prefix is only a namespace error to libxml2; an
	 * instance with one is not what any client meant to send. */
	wellformed = ctxt->wellFormed && ctxt->nsWellFormed;
	e = xmlCtxtGetLastError(ctxt);
	if (g.refused != NULL) {
		snprintf(err, errlen, "%s", g.refused);
	} else if (doc == NULL || !wellformed) {
		if (e != NULL && e->message != NULL) {
			char why[160];
			size_t n;

			/* libxml2's own words stay as they are: they
			 * are for the client's developer. */
			snprintf(why, sizeof(why), "%s", e->message);
			n = strlen(why);
			while (n > 0 && (why[n - 1] == '\n' ||
			    why[n - 1] == ' '))
				why[--n] = '\0';
			snprintf(err, errlen, _("the document is not "
			    "well-formed XML (line %d: %s)"), e->line, why);
		} else
			snprintf(err, errlen, "%s", _("the document is "
			    "not well-formed XML"));
	} else if (doc->encoding != NULL &&
	    strcasecmp((const char *)doc->encoding, "UTF-8") != 0) {
		snprintf(err, errlen, _("only UTF-8 is accepted, not '%.40s'"),
		    (const char *)doc->encoding);
	} else if (xmlDocGetRootElement(doc) == NULL) {
		snprintf(err, errlen, "%s", _("the document has no root element"));
	} else {
		xmlFreeParserCtxt(ctxt);
		*out = doc;
		return ST_OK;
	}
	if (doc != NULL)
		xmlFreeDoc(doc);
	xmlFreeParserCtxt(ctxt);
	return ST_E_INVALID;
}
