/* form_schema.c: an XML Schema (XSD 1.0) for the instances of a form,
 * derived from its template and binds, for partners' tooling. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "form.h"
#include "form_eval.h"
#include "mem.h"

/*
 * What the schema says: the elements in the template's order (the order
 * stafett writes; it accepts any), each leaf with the type its binds give
 * (XForms' own types also allow the empty string), a selection's values
 * as an enumeration, a repeat's items any number of times, and an element
 * that a relevance rule can remove as optional. What it cannot say
 * (required, constraint, relevance, calculations) the form definition
 * says; the server is the authority.
 */

#define XS(name) BAD_CAST name

struct sctx {
	const struct form_def	*def;
	struct eval		*ev;
	xmlNodePtr		 schema;
	xmlNsPtr		 xs;
	int			 ntypes;
};

static xmlNodePtr
xs_el(struct sctx *s, xmlNodePtr parent, const char *name)
{
	return xmlNewChild(parent, s->xs, BAD_CAST name, NULL);
}

static const char *
base_type(enum ftype t)
{
	switch (t) {
	case FT_BOOLEAN:	return "xs:boolean";
	case FT_DATE:		return "xs:date";
	case FT_TIME:		return "xs:time";
	case FT_INTEGER:	return "xs:integer";
	case FT_DECIMAL:	return "xs:decimal";
	default:		return "xs:string";
	}
}

/*
 * Types that are not XML Schema's (st:time, a browser's "14:00"; a
 * dateTime a browser sends without seconds) or narrower (identity
 * numbers) get a pattern instead.
 */
static const char *
pattern_of(enum ftype t)
{
	switch (t) {
	case FT_CLOCK:
		return "([01][0-9]|2[0-3]):[0-5][0-9]";
	case FT_DATETIME:
		return "[0-9]{4}-[0-9]{2}-[0-9]{2}T"
		    "([01][0-9]|2[0-3]):[0-5][0-9]"
		    "(:[0-5][0-9](\\.[0-9]+)?)?(Z|[+\\-][0-9]{2}:[0-9]{2})?";
	case FT_NIN:	return "[0-9]{11}";
	case FT_PHONE:	return "(\\+47|0047)?[ 0-9]{8,14}";
	case FT_EMAIL:	return "[^@\\s]+@[^@\\s]+\\.[^@\\s]+";
	default:	return NULL;
	}
}

/* A named simple type for a leaf; returns its name (static buffer). */
static const char *
leaf_type(struct sctx *s, const struct form_field *f, xmlNodePtr node,
    enum ftype t, int empty_ok)
{
	static char name[32];
	xmlNodePtr st, r;
	const char *pat = pattern_of(t);
	int enumerated = f != NULL && f->itemset == NULL &&
	    (f->kind == CTL_SELECT1 || f->kind == CTL_SELECT);

	if (!enumerated && pat == NULL && !empty_ok)
		return base_type(t);
	if (!enumerated && pat == NULL && t == FT_STRING)
		return "xs:string";
	snprintf(name, sizeof(name), "t%d", ++s->ntypes);
	st = xs_el(s, s->schema, "simpleType");
	xmlSetProp(st, XS("name"), BAD_CAST name);
	if (enumerated) {
		struct form_item *items;
		size_t n = form_items(s->ev, f, node, &items), i;
		xmlNodePtr target = st;

		if (f->kind == CTL_SELECT) {
			/* a space-separated list of the values */
			xmlNodePtr l = xs_el(s, st, "list");

			target = xs_el(s, l, "simpleType");
		}
		r = xs_el(s, target, "restriction");
		xmlSetProp(r, XS("base"), XS("xs:token"));
		if (f->kind == CTL_SELECT1 && empty_ok)
			xmlSetProp(xs_el(s, r, "enumeration"), XS("value"),
			    XS(""));
		for (i = 0; i < n; i++)
			xmlSetProp(xs_el(s, r, "enumeration"), XS("value"),
			    BAD_CAST items[i].value);
		form_items_free(items, n);
		return name;
	}
	if (empty_ok) {
		/* XForms' types: the XML Schema type, or nothing */
		xmlNodePtr u = xs_el(s, st, "union"), m;

		m = xs_el(s, u, "simpleType");
		r = xs_el(s, m, "restriction");
		xmlSetProp(r, XS("base"), BAD_CAST base_type(t));
		if (pat != NULL)
			xmlSetProp(xs_el(s, r, "pattern"), XS("value"),
			    BAD_CAST pat);
		m = xs_el(s, u, "simpleType");
		r = xs_el(s, m, "restriction");
		xmlSetProp(r, XS("base"), XS("xs:string"));
		xmlSetProp(xs_el(s, r, "length"), XS("value"), XS("0"));
		return name;
	}
	r = xs_el(s, st, "restriction");
	xmlSetProp(r, XS("base"), BAD_CAST base_type(t));
	xmlSetProp(xs_el(s, r, "pattern"), XS("value"), BAD_CAST pat);
	return name;
}

static int
has_element_children(xmlNodePtr n)
{
	xmlNodePtr c;

	for (c = n->children; c != NULL; c = c->next)
		if (c->type == XML_ELEMENT_NODE)
			return 1;
	return 0;
}

/* Can a relevance rule (its own or an ancestor's) remove node? */
static int
prunable(xmlNodePtr node)
{
	xmlNodePtr n;

	for (n = node; n != NULL && n->type == XML_ELEMENT_NODE;
	    n = n->parent) {
		struct mip *m = eval_mip(n);

		if (m != NULL && m->relevant != NULL)
			return 1;
	}
	return 0;
}

static void
element(struct sctx *s, xmlNodePtr parent, xmlNodePtr node, int top)
{
	xmlNodePtr el = xs_el(s, parent, "element"), c, seq, ct;
	struct mip *m = eval_mip(node);
	char *tp = form_node_tpath(node);
	xmlAttrPtr a;

	xmlSetProp(el, XS("name"), node->name);
	if (!top && form_is_repeat(s->def, tp)) {
		xmlSetProp(el, XS("minOccurs"), XS("0"));
		xmlSetProp(el, XS("maxOccurs"), XS("unbounded"));
	} else if (!top && prunable(node))
		xmlSetProp(el, XS("minOccurs"), XS("0"));
	xfree(tp);
	if (!has_element_children(node) && node->properties == NULL) {
		enum ftype t = m != NULL && m->type != NULL ? m->type->type :
		    FT_STRING;
		/* A node a relevance rule can switch off may be sent empty
		 * (it is pruned), whatever its type. */
		int empty_ok = m == NULL || m->type == NULL ||
		    m->type->empty_ok || prunable(node);

		xmlSetProp(el, XS("type"), BAD_CAST leaf_type(s, m != NULL ?
		    m->field : NULL, node, t, empty_ok));
		return;
	}
	ct = xs_el(s, el, "complexType");
	if (has_element_children(node)) {
		seq = xs_el(s, ct, "sequence");
		for (c = node->children; c != NULL; c = c->next)
			if (c->type == XML_ELEMENT_NODE)
				element(s, seq, c, 0);
	}
	for (a = node->properties; a != NULL; a = a->next) {
		xmlNodePtr at = xs_el(s, ct, "attribute");

		xmlSetProp(at, XS("name"), a->name);
		xmlSetProp(at, XS("type"), XS("xs:string"));
	}
}

st_rc
form_schema(const struct form_def *def, xmlDocPtr *out)
{
	struct sctx s;
	struct eval ev;
	xmlDocPtr doc, tmpl;
	xmlNodePtr ann, d;
	char text[512];
	st_rc rc;

	*out = NULL;
	tmpl = form_new_instance(def);
	if ((rc = eval_init(&ev, def, NULL, tmpl)) != ST_OK) {
		eval_release(&ev);
		xmlFreeDoc(tmpl);
		return rc;
	}
	doc = xmlNewDoc(BAD_CAST "1.0");
	memset(&s, 0, sizeof(s));
	s.def = def;
	s.ev = &ev;
	s.schema = xmlNewDocNode(doc, NULL, XS("schema"), NULL);
	xmlDocSetRootElement(doc, s.schema);
	s.xs = xmlNewNs(s.schema, BAD_CAST XSD_NS, XS("xs"));
	xmlSetNs(s.schema, s.xs);
	xmlSetProp(s.schema, XS("elementFormDefault"), XS("unqualified"));
	ann = xs_el(&s, s.schema, "annotation");
	d = xs_el(&s, ann, "documentation");
	snprintf(text, sizeof(text), "Instances of the stafett form '%s' "
	    "version %u (%s). Generated from the form definition, which also "
	    "holds the rules a schema cannot express; the server is the "
	    "authority.", def->id, def->version,
	    form_text(def->root, FORM_NS, "title", LANG_EN));
	xmlNodeAddContent(d, BAD_CAST text);
	element(&s, s.schema, xmlDocGetRootElement(tmpl), 1);
	eval_release(&ev);
	xmlFreeDoc(tmpl);
	*out = doc;
	return ST_OK;
}
