/* form_def.c: loading and checking form definitions (see form.h). */
#include "config.h"

#include <dirent.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/xpathInternals.h>

#include "buf.h"
#include "form.h"
#include "mem.h"
#include "xpathfn.h"

#define MAX_BINDS	512
#define MAX_FIELDS	1024

/* A template node a bind selects, and the properties it gives it. */
struct typed {
	xmlNodePtr	 node;
	int		 bind;
	unsigned	 mips;	/* MIP_* */
};

enum { MIP_TYPE = 1, MIP_REQUIRED = 2, MIP_RELEVANT = 4, MIP_READONLY = 8,
	MIP_CONSTRAINT = 16, MIP_CALCULATE = 32 };

struct loader {
	struct form_def	*def;
	struct typed	*typed;
	size_t		 ntyped;
	const char	*file;
	char		*err;
	size_t		 errlen;
	size_t		 bind_alloc;
	size_t		 field_alloc;
	xmlXPathContextPtr xp;
	struct xpathfn_model model;
};

static int
is_el(xmlNodePtr n, const char *ns, const char *name)
{
	return n != NULL && n->type == XML_ELEMENT_NODE && n->ns != NULL &&
	    xmlStrcmp(n->ns->href, BAD_CAST ns) == 0 &&
	    (name == NULL || xmlStrcmp(n->name, BAD_CAST name) == 0);
}

static st_rc
failf(struct loader *ld, xmlNodePtr at, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static st_rc
failf(struct loader *ld, xmlNodePtr at, const char *fmt, ...)
{
	va_list ap;
	int n;

	n = snprintf(ld->err, ld->errlen, "form '%s' line %ld: ", ld->file,
	    at != NULL ? xmlGetLineNo(at) : 0L);
	if (n < 0 || (size_t)n >= ld->errlen)
		return ST_E_CONFIG;
	va_start(ap, fmt);
	vsnprintf(ld->err + n, ld->errlen - (size_t)n, fmt, ap);
	va_end(ap);
	return ST_E_CONFIG;
}

xmlNodePtr
form_text_el(xmlNodePtr el, const char *ns, const char *name, enum lang lang)
{
	const char *want = i18n_code(lang);
	xmlNodePtr c, nb = NULL, any = NULL;

	for (c = el->children; c != NULL; c = c->next) {
		xmlChar *l;
		int match;

		if (!is_el(c, ns, name))
			continue;
		l = xmlNodeGetLang(c);
		match = l != NULL && xmlStrcmp(l, BAD_CAST want) == 0;
		if (l != NULL && xmlStrcmp(l, BAD_CAST "nb") == 0 && nb == NULL)
			nb = c;
		xmlFree(l);
		if (match)
			return c;
		if (any == NULL)
			any = c;
	}
	return nb != NULL ? nb : any;
}

const char *
form_text(xmlNodePtr el, const char *ns, const char *name, enum lang lang)
{
	xmlNodePtr c = form_text_el(el, ns, name, lang);

	if (c == NULL)
		return NULL;
	return c->children != NULL && c->children->type == XML_TEXT_NODE ?
	    (const char *)c->children->content : "";
}

const char *
form_text_lang(xmlNodePtr el, const char *ns, const char *name,
    enum lang lang)
{
	xmlNodePtr c = form_text_el(el, ns, name, lang);
	xmlChar *l;
	enum lang found;
	int known;

	if (c == NULL)
		return NULL;
	l = xmlNodeGetLang(c);
	known = l != NULL && i18n_parse((const char *)l, &found);
	xmlFree(l);
	return known && found != lang ? i18n_code(found) : NULL;
}

char *
form_node_tpath(xmlNodePtr node)
{
	xmlChar *p = xmlGetNodePath(node);
	char *out, *o;
	const char *s;
	int depth = 0;

	if (p == NULL)
		return xstrdup("");
	out = xmalloc(strlen((const char *)p) + 1);
	for (s = (const char *)p, o = out; *s != '\0'; s++) {
		if (*s == '[')
			depth++;
		else if (*s == ']')
			depth--;
		else if (depth == 0)
			*o++ = *s;
	}
	*o = '\0';
	xmlFree(p);
	return out;
}

char *
form_html_id(const char *path)
{
	char *out = xmalloc(strlen(path) + 3), *o = out;
	const char *s;

	*o++ = 'f';
	for (s = path; *s != '\0'; s++) {
		char c = *s;

		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '_')
			*o++ = c;
		else if (c == '/' || c == '[' || c == '@')
			*o++ = '-';
		/* ']' and anything else: dropped */
	}
	*o = '\0';
	return out;
}

/* Evaluate expr with node as context; NULL result means an XPath error. */
static xmlXPathObjectPtr
eval_at(xmlXPathContextPtr xp, xmlXPathCompExprPtr expr, xmlNodePtr node)
{
	xp->node = node;
	xp->contextSize = 1;
	xp->proximityPosition = 1;
	return xmlXPathCompiledEval(expr, xp);
}

static void
typed_add(struct loader *ld, xmlNodePtr node, int bind, unsigned mips)
{
	if (ld->ntyped % 32 == 0)
		ld->typed = xrealloc(ld->typed,
		    (ld->ntyped + 32) * sizeof(*ld->typed));
	ld->typed[ld->ntyped].node = node;
	ld->typed[ld->ntyped].bind = bind;
	ld->typed[ld->ntyped].mips = mips;
	ld->ntyped++;
}

static unsigned
mips_of(const struct form_bind *b)
{
	return (b->has_type ? MIP_TYPE : 0) |
	    (b->required != NULL ? MIP_REQUIRED : 0) |
	    (b->relevant != NULL ? MIP_RELEVANT : 0) |
	    (b->readonly != NULL ? MIP_READONLY : 0) |
	    (b->constraint != NULL ? MIP_CONSTRAINT : 0) |
	    (b->calculate != NULL ? MIP_CALCULATE : 0);
}

/* XForms: two binds giving one node the same property is an error; name
 * the first such property, or NULL. */
static const char *
twice_given(struct loader *ld, xmlNodePtr node, unsigned mips)
{
	static const char *names[] = { "type", "required", "relevant",
	    "readonly", "constraint", "calculate" };
	size_t i, k;

	for (i = 0; i < ld->ntyped; i++)
		if (ld->typed[i].node == node && (ld->typed[i].mips & mips))
			for (k = 0; k < 6; k++)
				if (ld->typed[i].mips & mips & (1u << k))
					return names[k];
	return NULL;
}

/* The type a bind gives node (the last typed bind wins), or string. */
static void
type_of(struct loader *ld, xmlNodePtr node, struct form_field *f)
{
	size_t i;

	f->type = FT_STRING;
	f->empty_ok = 1;
	for (i = 0; i < ld->ntyped; i++)
		if (ld->typed[i].node == node &&
		    (ld->typed[i].mips & MIP_TYPE)) {
			const struct form_bind *b =
			    &ld->def->binds[ld->typed[i].bind];

			f->type = b->type;
			f->empty_ok = b->empty_ok;
		}
}

static const char *bind_attrs[] = { "nodeset", "ref", "type", "required",
	"relevant", "readonly", "constraint", "calculate", "id", NULL };

static int
known_attr(xmlAttrPtr a, const char **names)
{
	size_t i;

	if (a->ns != NULL)
		return 1;	/* xml:lang and other namespaced attributes */
	for (i = 0; names[i] != NULL; i++)
		if (xmlStrcmp(a->name, BAD_CAST names[i]) == 0)
			return 1;
	return 0;
}

static st_rc
parse_type(struct loader *ld, xmlNodePtr el, const char *qname,
    struct form_bind *b)
{
	static const struct { const char *ns, *local; enum ftype t; int empty; }
	    types[] = {
		{ XSD_NS, "string", FT_STRING, 1 },
		{ XSD_NS, "boolean", FT_BOOLEAN, 0 },
		{ XSD_NS, "date", FT_DATE, 0 },
		{ XSD_NS, "dateTime", FT_DATETIME, 0 },
		{ XSD_NS, "time", FT_TIME, 0 },
		{ XSD_NS, "integer", FT_INTEGER, 0 },
		{ XSD_NS, "decimal", FT_DECIMAL, 0 },
		/* XForms' own types are the same but also allow "". */
		{ XF_NS, "string", FT_STRING, 1 },
		{ XF_NS, "boolean", FT_BOOLEAN, 1 },
		{ XF_NS, "date", FT_DATE, 1 },
		{ XF_NS, "dateTime", FT_DATETIME, 1 },
		{ XF_NS, "time", FT_TIME, 1 },
		{ XF_NS, "integer", FT_INTEGER, 1 },
		{ XF_NS, "decimal", FT_DECIMAL, 1 },
		{ XF_NS, "email", FT_EMAIL, 1 },
		{ FORM_NS, "nin", FT_NIN, 1 },
		{ FORM_NS, "phone", FT_PHONE, 1 },
		{ FORM_NS, "time", FT_CLOCK, 1 },
		{ FORM_NS, "email", FT_EMAIL, 1 },
	};
	const char *colon = strchr(qname, ':');
	char prefix[32];
	xmlNsPtr ns;
	size_t i;

	if (colon == NULL || (size_t)(colon - qname) >= sizeof(prefix))
		return failf(ld, el, "type '%s' needs a namespace prefix",
		    qname);
	memcpy(prefix, qname, (size_t)(colon - qname));
	prefix[colon - qname] = '\0';
	ns = xmlSearchNs(ld->def->doc, el, BAD_CAST prefix);
	if (ns == NULL)
		return failf(ld, el, "type '%s': prefix '%s' is not declared",
		    qname, prefix);
	for (i = 0; i < sizeof(types) / sizeof(types[0]); i++)
		if (xmlStrcmp(ns->href, BAD_CAST types[i].ns) == 0 &&
		    strcmp(colon + 1, types[i].local) == 0) {
			b->has_type = 1;
			b->type = types[i].t;
			b->empty_ok = types[i].empty;
			return ST_OK;
		}
	return failf(ld, el, "unknown type '%s'", qname);
}

static st_rc
compile_attr(struct loader *ld, xmlNodePtr el, const char *attr,
    xmlXPathCompExprPtr *out)
{
	xmlChar *v = xmlGetNoNsProp(el, BAD_CAST attr);

	*out = NULL;
	if (v == NULL)
		return ST_OK;
	*out = xmlXPathCtxtCompile(ld->xp, v);
	if (*out == NULL) {
		st_rc rc = failf(ld, el, "%s=\"%s\" does not compile as XPath",
		    attr, (const char *)v);

		xmlFree(v);
		return rc;
	}
	xmlFree(v);
	return ST_OK;
}

/*
 * The path expressions of a calculate, each compiled on its own: what
 * the calculation reads, so that calculations run after those they
 * read, once each, and a cycle is found even when it settles (XForms
 * 1.1's dependency graph). A path is a run of names, steps, "." "..",
 * "@", "*", "::" and predicates, or one that starts with instance(...);
 * names followed by "(" are functions, and and/or/div/mod operators,
 * and numbers and literals are skipped. Reading more than the
 * calculation needs only orders it later; the evaluator still checks
 * the result settles.
 */
static int
path_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.' ||
	    c == ':' || c == '/' || c == '@' || c == '*';
}

static st_rc
calc_refs(struct loader *ld, xmlNodePtr el, struct form_bind *b)
{
	xmlChar *v = xmlGetNoNsProp(el, BAD_CAST "calculate");
	const char *s;
	size_t i = 0, n, start, depth;
	char *run;

	if (v == NULL)
		return ST_OK;
	s = (const char *)v;
	n = strlen(s);
	while (i < n) {
		if (s[i] == '\'' || s[i] == '"') {
			const char *q = strchr(s + i + 1, s[i]);

			i = q != NULL ? (size_t)(q - s) + 1 : n;
			continue;
		}
		if (!path_char(s[i]) || (s[i] == '-' && i > 0 &&
		    !path_char(s[i - 1]))) {
			i++;
			continue;
		}
		start = i;
		if (strncmp(s + i, "instance(", 9) == 0) {
			const char *e = strchr(s + i, ')');

			i = e != NULL ? (size_t)(e - s) + 1 : n;
		}
		for (depth = 0; i < n && (path_char(s[i]) || s[i] == '[' ||
		    depth > 0); i++) {
			if (s[i] == '[')
				depth++;
			else if (s[i] == ']')
				depth--;
			else if (depth > 0 && (s[i] == '\'' || s[i] == '"')) {
				const char *q = strchr(s + i + 1, s[i]);

				i = q != NULL ? (size_t)(q - s) : n - 1;
			}
		}
		if (i < n && s[i] == '(')	/* a function's name */
			continue;
		run = xstrndup(s + start, i - start);
		if ((run[0] >= '0' && run[0] <= '9') || (run[0] == '.' &&
		    run[1] >= '0' && run[1] <= '9') ||
		    strcmp(run, "and") == 0 || strcmp(run, "or") == 0 ||
		    strcmp(run, "div") == 0 || strcmp(run, "mod") == 0 ||
		    strcmp(run, "-") == 0 || strcmp(run, "*") == 0) {
			xfree(run);
			continue;
		}
		b->refs = xrealloc(b->refs, (b->nrefs + 1) * sizeof(*b->refs));
		if ((b->refs[b->nrefs] = xmlXPathCtxtCompile(ld->xp,
		    BAD_CAST run)) != NULL)
			b->nrefs++;
		xfree(run);
	}
	xmlFree(v);
	return ST_OK;
}

/* Evaluate each of a bind's expressions on each node: catches unknown
 * functions and other errors that only show at evaluation. */
static st_rc
try_bind(struct loader *ld, struct form_bind *b, xmlNodeSetPtr nodes)
{
	xmlXPathCompExprPtr exprs[5];
	static const char *names[5] = { "required", "relevant", "readonly",
	    "constraint", "calculate" };
	int i, j;

	exprs[0] = b->required;
	exprs[1] = b->relevant;
	exprs[2] = b->readonly;
	exprs[3] = b->constraint;
	exprs[4] = b->calculate;
	for (i = 0; i < nodes->nodeNr; i++)
		for (j = 0; j < 5; j++) {
			xmlXPathObjectPtr r;

			if (exprs[j] == NULL)
				continue;
			r = eval_at(ld->xp, exprs[j], nodes->nodeTab[i]);
			if (r == NULL)
				return failf(ld, b->el, "%s cannot be "
				    "evaluated (unknown function or variable?)",
				    names[j]);
			xmlXPathFreeObject(r);
		}
	return ST_OK;
}

static int valid_id(const char *s);

static st_rc load_binds(struct loader *ld, xmlNodePtr parent_el,
    int parent_index, xmlNodePtr ctx_node);

static st_rc
load_bind(struct loader *ld, xmlNodePtr el, int parent, xmlNodePtr ctx_node)
{
	struct form_def *def = ld->def;
	struct form_bind *b;
	xmlXPathObjectPtr nodes;
	xmlChar *type;
	xmlAttrPtr a;
	int index, i;
	st_rc rc;

	for (a = el->properties; a != NULL; a = a->next)
		if (!known_attr(a, bind_attrs))
			return failf(ld, el, "unknown attribute '%s' on bind",
			    (const char *)a->name);
	if (def->nbinds >= MAX_BINDS)
		return failf(ld, el, "too many binds");
	if (def->nbinds == ld->bind_alloc) {
		ld->bind_alloc = ld->bind_alloc ? ld->bind_alloc * 2 : 16;
		def->binds = xrealloc(def->binds,
		    ld->bind_alloc * sizeof(*def->binds));
	}
	index = (int)def->nbinds++;
	b = &def->binds[index];
	memset(b, 0, sizeof(*b));
	b->el = el;
	b->parent = parent;
	if ((rc = compile_attr(ld, el, "nodeset", &b->nodeset)) != ST_OK)
		return rc;
	if (b->nodeset == NULL &&
	    (rc = compile_attr(ld, el, "ref", &b->nodeset)) != ST_OK)
		return rc;
	/* XForms: a bind without nodeset binds its in-scope context, the
	 * parent bind's node (or the instance's root element) */
	if (b->nodeset == NULL &&
	    (b->nodeset = xmlXPathCtxtCompile(ld->xp, BAD_CAST ".")) == NULL)
		return failf(ld, el, "bind without nodeset");
	if ((rc = compile_attr(ld, el, "required", &b->required)) != ST_OK ||
	    (rc = compile_attr(ld, el, "relevant", &b->relevant)) != ST_OK ||
	    (rc = compile_attr(ld, el, "readonly", &b->readonly)) != ST_OK ||
	    (rc = compile_attr(ld, el, "constraint",
	    &b->constraint)) != ST_OK ||
	    (rc = compile_attr(ld, el, "calculate", &b->calculate)) != ST_OK ||
	    (rc = calc_refs(ld, el, b)) != ST_OK)
		return rc;
	if ((type = xmlGetNoNsProp(el, BAD_CAST "type")) != NULL) {
		rc = parse_type(ld, el, (const char *)type, b);
		xmlFree(type);
		if (rc != ST_OK)
			return rc;
	}
	nodes = eval_at(ld->xp, b->nodeset, ctx_node);
	if (nodes == NULL || nodes->type != XPATH_NODESET ||
	    nodes->nodesetval == NULL || nodes->nodesetval->nodeNr == 0) {
		xmlXPathFreeObject(nodes);
		return failf(ld, el, "bind nodeset selects no node of the "
		    "instance");
	}
	rc = try_bind(ld, &def->binds[index], nodes->nodesetval);
	/* Remember what this bind gives which template node: for the
	 * controls' types, and to refuse a property given twice. */
	for (i = 0; rc == ST_OK && i < nodes->nodesetval->nodeNr; i++) {
		xmlNodePtr n = nodes->nodesetval->nodeTab[i];
		unsigned mips = mips_of(&def->binds[index]);
		const char *twice = twice_given(ld, n, mips);

		if (twice != NULL)
			rc = failf(ld, el, "two binds give the same node its "
			    "%s", twice);
		else if (mips != 0)
			typed_add(ld, n, index, mips);
	}
	/* Nested binds are checked against the first node; at validation
	 * they are evaluated for every node of this nodeset. */
	if (rc == ST_OK)
		rc = load_binds(ld, el, index, nodes->nodesetval->nodeTab[0]);
	xmlXPathFreeObject(nodes);
	return rc;
}

static st_rc
load_binds(struct loader *ld, xmlNodePtr parent_el, int parent_index,
    xmlNodePtr ctx_node)
{
	xmlNodePtr c;
	st_rc rc;

	for (c = parent_el->children; c != NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (!is_el(c, XF_NS, "bind"))
			return failf(ld, c, "unexpected element '%s' in bind",
			    (const char *)c->name);
		if ((rc = load_bind(ld, c, parent_index, ctx_node)) != ST_OK)
			return rc;
	}
	return ST_OK;
}

/* instance('id') while loading: the template or a secondary instance. */
static xmlNodePtr
load_root(void *self, const char *id)
{
	struct form_def *def = self;
	size_t i;

	if (*id == '\0')
		return def->tmpl != NULL ? xmlDocGetRootElement(def->tmpl) :
		    NULL;
	for (i = 0; i < def->ninstances; i++)
		if (strcmp(def->instances[i].id, id) == 0)
			return xmlDocGetRootElement(def->instances[i].doc);
	return NULL;
}

/* The element child of an xf:instance, copied into a document of its own
 * (so its paths start at its root), or a placeholder. */
static xmlDocPtr
instance_doc(xmlNodePtr inst, int placeholder_ok)
{
	xmlNodePtr e, root;
	xmlDocPtr doc;

	for (e = inst->children; e != NULL; e = e->next)
		if (e->type == XML_ELEMENT_NODE)
			break;
	if (e == NULL && !placeholder_ok)
		return NULL;
	doc = xmlNewDoc(BAD_CAST "1.0");
	if (e == NULL)
		root = xmlNewDocNode(doc, NULL, BAD_CAST "instance", NULL);
	else
		root = xmlDocCopyNode(e, doc, 1);
	xmlDocSetRootElement(doc, root);
	/* Copying keeps in-scope namespace declarations; instances need
	 * none (their elements are in no namespace). */
	xmlReconciliateNs(doc, root);
	return doc;
}

/* An element of the template with more element children than the
 * structure check keeps, or NULL. */
static xmlNodePtr
too_many_children(xmlNodePtr n)
{
	xmlNodePtr c, bad = NULL;
	size_t k = 0;

	for (c = n->children; c != NULL && bad == NULL; c = c->next)
		if (c->type == XML_ELEMENT_NODE && (++k > FORM_CHILDREN_MAX ||
		    (bad = too_many_children(c)) != NULL))
			bad = bad != NULL ? bad : n;
	return bad;
}

static st_rc
load_instance(struct loader *ld, xmlNodePtr el)
{
	struct form_def *def = ld->def;
	xmlChar *id = xmlGetNoNsProp(el, BAD_CAST "id");
	xmlChar *src = xmlGetNsProp(el, BAD_CAST "src", BAD_CAST FORM_NS);
	struct form_instance *fi;
	xmlNodePtr e;
	size_t i;
	st_rc rc = ST_OK;

	for (i = 0, e = el->children; e != NULL; e = e->next) {
		if (e->type != XML_ELEMENT_NODE)
			continue;
		if (e->ns != NULL) {
			rc = failf(ld, e, "instance data must be in no "
			    "namespace");
			goto out;
		}
		/* XForms: an instance is one document, one root */
		if (++i > 1) {
			rc = failf(ld, e, "an instance holds one top-level "
			    "element, not two");
			goto out;
		}
	}
	if (def->tmpl == NULL) {
		/* The first instance is the form's data. */
		if (src != NULL) {
			rc = failf(ld, el, "the first instance holds the "
			    "form's data: it cannot be filled by the server");
			goto out;
		}
		if ((def->tmpl = instance_doc(el, 0)) == NULL)
			rc = failf(ld, el, "the instance must hold one element "
			    "in no namespace");
		else if (too_many_children(xmlDocGetRootElement(def->tmpl)) !=
		    NULL)
			rc = failf(ld, el, "an element of the instance has "
			    "more than %d element children",
			    FORM_CHILDREN_MAX);
		goto out;
	}
	if (id == NULL || *id == '\0') {
		rc = failf(ld, el, "a secondary instance needs an id");
		goto out;
	}
	for (i = 0; i < def->ninstances; i++)
		if (strcmp(def->instances[i].id, (const char *)id) == 0) {
			rc = failf(ld, el, "two instances are called '%s'",
			    (const char *)id);
			goto out;
		}
	def->instances = xrealloc(def->instances,
	    (def->ninstances + 1) * sizeof(*def->instances));
	fi = &def->instances[def->ninstances++];
	fi->id = xstrdup((const char *)id);
	fi->src = src != NULL ? xstrdup((const char *)src) : NULL;
	fi->doc = instance_doc(el, src != NULL);
	if (fi->doc == NULL)
		rc = failf(ld, el, "instance '%s' holds no data",
		    (const char *)id);
out:
	xmlFree(id);
	xmlFree(src);
	return rc;
}

/* The model's functions="..." (QNames the form needs): each must be
 * one the engine has, or the form cannot work (XForms: fatal). */
static st_rc
check_functions(struct loader *ld, xmlNodePtr model)
{
	xmlChar *v = xmlGetNoNsProp(model, BAD_CAST "functions");
	char *s, *tok, *save = NULL;
	st_rc rc = ST_OK;

	if (v == NULL)
		return ST_OK;
	s = xstrdup((const char *)v);
	xmlFree(v);
	for (tok = strtok_r(s, " \t\r\n", &save); tok != NULL && rc == ST_OK;
	    tok = strtok_r(NULL, " \t\r\n", &save)) {
		char *colon = strchr(tok, ':');
		xmlNsPtr ns = NULL;

		if (colon != NULL) {
			*colon = '\0';
			ns = xmlSearchNs(model->doc, model, BAD_CAST tok);
			*colon = ':';
		}
		if ((colon != NULL && ns == NULL) ||
		    !xpathfn_known(colon != NULL ? colon + 1 : tok,
		    ns != NULL ? (const char *)ns->href : NULL))
			rc = failf(ld, model, "the model needs the function "
			    "'%s', which this engine does not have", tok);
	}
	xfree(s);
	return rc;
}

static st_rc
load_model(struct loader *ld, xmlNodePtr model)
{
	struct form_def *def = ld->def;
	xmlNodePtr c;
	st_rc rc;

	if ((rc = check_functions(ld, model)) != ST_OK)
		return rc;

	for (c = model->children; c != NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (is_el(c, XF_NS, "instance")) {
			if ((rc = load_instance(ld, c)) != ST_OK)
				return rc;
		} else if (!is_el(c, XF_NS, "bind"))
			return failf(ld, c, "unexpected element '%s' in model",
			    (const char *)c->name);
	}
	if (def->tmpl == NULL)
		return failf(ld, model, "the model has no instance");
	ld->xp = xmlXPathNewContext(def->tmpl);
	xpathfn_register(ld->xp);
	ld->model.root = load_root;
	ld->model.self = def;
	ld->xp->userData = &ld->model;
	for (c = model->children; c != NULL; c = c->next)
		if (is_el(c, XF_NS, "bind") && (rc = load_bind(ld, c, -1,
		    xmlDocGetRootElement(def->tmpl))) != ST_OK)
			return rc;
	return ST_OK;
}

static const struct {
	const char	*name;
	enum ctl_kind	 kind;
} ctl_names[] = {
	{ "group", CTL_GROUP }, { "input", CTL_INPUT },
	{ "secret", CTL_SECRET }, { "textarea", CTL_TEXTAREA },
	{ "select1", CTL_SELECT1 }, { "select", CTL_SELECT },
	{ "range", CTL_RANGE }, { "output", CTL_OUTPUT },
	{ "trigger", CTL_TRIGGER }, { "submit", CTL_SUBMIT },
	{ "repeat", CTL_REPEAT },
};

static int
ctl_kind_of(xmlNodePtr n, enum ctl_kind *kind)
{
	size_t i;

	if (!is_el(n, XF_NS, NULL))
		return 0;
	for (i = 0; i < sizeof(ctl_names) / sizeof(ctl_names[0]); i++)
		if (xmlStrcmp(n->name, BAD_CAST ctl_names[i].name) == 0) {
			*kind = ctl_names[i].kind;
			return 1;
		}
	return 0;
}

static st_rc load_controls(struct loader *ld, xmlNodePtr parent,
    xmlNodePtr ctx_node, int parent_index, int repeat);

/* Compile attr of el (required or not); *out NULL if absent. */
static st_rc
compile_opt(struct loader *ld, xmlNodePtr el, const char *attr,
    xmlXPathCompExprPtr *out)
{
	return compile_attr(ld, el, attr, out);
}

static st_rc
check_itemset(struct loader *ld, xmlNodePtr el, struct form_field *f,
    xmlNodePtr ctx_node)
{
	struct form_itemset *is;
	xmlXPathObjectPtr r;
	xmlNodePtr c;
	st_rc rc;

	if (f->itemset != NULL)
		return failf(ld, el, "a selection has one itemset at most");
	is = f->itemset = xcalloc(1, sizeof(*is));
	if ((rc = compile_opt(ld, el, "nodeset", &is->nodeset)) != ST_OK)
		return rc;
	if (is->nodeset == NULL)
		return failf(ld, el, "an itemset needs a nodeset");
	for (c = el->children; c != NULL; c = c->next) {
		xmlXPathCompExprPtr *slot;

		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (is_el(c, XF_NS, "label"))
			slot = &is->label;
		else if (is_el(c, XF_NS, "value"))
			slot = &is->value;
		else
			return failf(ld, c, "unexpected '%s' in itemset",
			    (const char *)c->name);
		if (*slot != NULL)
			return failf(ld, c, "itemset has two '%s'",
			    (const char *)c->name);
		if ((rc = compile_opt(ld, c, "ref", slot)) != ST_OK)
			return rc;
		if (*slot == NULL)
			return failf(ld, c, "the itemset's '%s' needs a ref",
			    (const char *)c->name);
	}
	if (is->label == NULL || is->value == NULL)
		return failf(ld, el, "an itemset needs a label and a value");
	r = eval_at(ld->xp, is->nodeset, ctx_node);
	if (r == NULL)
		return failf(ld, el, "the itemset's nodeset cannot be "
		    "evaluated");
	xmlXPathFreeObject(r);
	return ST_OK;
}

static st_rc
check_items(struct loader *ld, xmlNodePtr ctl, struct form_field *f,
    xmlNodePtr ctx_node)
{
	xmlNodePtr c, d;
	int n = 0;
	st_rc rc;

	for (c = ctl->children; c != NULL; c = c->next) {
		int label = 0, value = 0;

		if (is_el(c, XF_NS, "itemset")) {
			if ((rc = check_itemset(ld, c, f, ctx_node)) != ST_OK)
				return rc;
			n++;
			continue;
		}
		if (!is_el(c, XF_NS, "item"))
			continue;
		for (d = c->children; d != NULL; d = d->next) {
			if (is_el(d, XF_NS, "label"))
				label = 1;
			else if (is_el(d, XF_NS, "value"))
				value++;
			else if (d->type == XML_ELEMENT_NODE)
				return failf(ld, d, "unexpected '%s' in item",
				    (const char *)d->name);
		}
		if (!label || value != 1)
			return failf(ld, c, "an item needs a label and one "
			    "value");
		n++;
	}
	if (n == 0)
		return failf(ld, ctl, "a selection needs items");
	return ST_OK;
}

static const char *ctl_attrs[] = { "ref", "nodeset", "appearance", "id",
	"incremental", "start", "end", "step", "value", "submission", NULL };

static struct form_field *
new_field(struct loader *ld)
{
	struct form_def *def = ld->def;
	struct form_field *f;

	if (def->nfields == ld->field_alloc) {
		ld->field_alloc = ld->field_alloc ? ld->field_alloc * 2 : 32;
		def->fields = xrealloc(def->fields,
		    ld->field_alloc * sizeof(*def->fields));
	}
	f = &def->fields[def->nfields++];
	memset(f, 0, sizeof(*f));
	f->parent = f->repeat = f->target = -1;
	return f;
}

/* A trigger's action: xf:insert or xf:delete on a repeat's items. */
static st_rc
load_action(struct loader *ld, xmlNodePtr el, struct form_field *f,
    xmlNodePtr ctx_node)
{
	xmlNodePtr c, act = NULL;

	for (c = el->children; c != NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE || is_el(c, XF_NS, "label") ||
		    is_el(c, XF_NS, "hint") || is_el(c, XF_NS, "help"))
			continue;
		if ((is_el(c, XF_NS, "insert") || is_el(c, XF_NS, "delete")) &&
		    act == NULL) {
			act = c;
			continue;
		}
		return failf(ld, c, "a trigger may hold one insert or delete "
		    "action, not '%s'", (const char *)c->name);
	}
	if (act == NULL)
		return failf(ld, el, "a trigger needs an insert or delete "
		    "action");
	if (xmlStrcmp(act->name, BAD_CAST "delete") == 0) {
		/* Removes the row it stands in. */
		if (f->repeat < 0)
			return failf(ld, act, "delete is supported in a "
			    "repeat's row, for that row");
		f->action = ACT_DELETE;
		f->target = f->repeat;
		return ST_OK;
	}
	{
		xmlChar *ns = xmlGetNoNsProp(act, BAD_CAST "nodeset");
		xmlXPathCompExprPtr comp;
		xmlXPathObjectPtr r;
		char *tp;

		if (ns == NULL)
			return failf(ld, act, "insert needs a nodeset");
		comp = xmlXPathCtxtCompile(ld->xp, ns);
		xmlFree(ns);
		if (comp == NULL)
			return failf(ld, act, "insert's nodeset does not "
			    "compile as XPath");
		r = eval_at(ld->xp, comp, ctx_node);
		xmlXPathFreeCompExpr(comp);
		if (r == NULL || r->nodesetval == NULL ||
		    r->nodesetval->nodeNr == 0) {
			xmlXPathFreeObject(r);
			return failf(ld, act, "insert's nodeset selects no "
			    "node");
		}
		tp = form_node_tpath(r->nodesetval->nodeTab[0]);
		xmlXPathFreeObject(r);
		f->action = ACT_INSERT;
		/* Resolved to its repeat when all controls are loaded. */
		xfree(f->path);
		f->path = tp;
	}
	return ST_OK;
}

/*
 * The outputs in a control's label, hint, help and alert (every
 * language): each an xf:output with a value that compiles and can be
 * evaluated where the control is bound, node; nothing else may stand
 * among the words.
 */
static st_rc
load_texts(struct loader *ld, xmlNodePtr el, struct form_field *f,
    xmlNodePtr node)
{
	static const char *names[] = { "label", "hint", "help", "alert" };
	xmlNodePtr c, d;
	size_t i;
	st_rc rc;

	for (c = el->children; c != NULL; c = c->next) {
		for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
			if (is_el(c, XF_NS, names[i]))
				break;
		if (i == sizeof(names) / sizeof(names[0]))
			continue;
		for (d = c->children; d != NULL; d = d->next) {
			xmlXPathCompExprPtr comp;
			xmlXPathObjectPtr r;
			xmlAttrPtr a;

			if (d->type != XML_ELEMENT_NODE)
				continue;
			if (!is_el(d, XF_NS, "output"))
				return failf(ld, d, "only xf:output may stand "
				    "in a %s, not '%s'", names[i],
				    (const char *)d->name);
			for (a = d->properties; a != NULL; a = a->next)
				if (xmlStrcmp(a->name, BAD_CAST "value") != 0)
					return failf(ld, d, "an output in a %s "
					    "takes value=\"\" only", names[i]);
			if ((rc = compile_attr(ld, d, "value", &comp)) !=
			    ST_OK)
				return rc;
			if (comp == NULL)
				return failf(ld, d, "an output in a %s needs "
				    "a value", names[i]);
			r = eval_at(ld->xp, comp, node);
			if (r == NULL) {
				xmlXPathFreeCompExpr(comp);
				return failf(ld, d, "the output's value cannot "
				    "be evaluated");
			}
			xmlXPathFreeObject(r);
			if (f->nouts >= MAX_FIELDS) {
				xmlXPathFreeCompExpr(comp);
				return failf(ld, d, "too many outputs");
			}
			f->outs = xrealloc(f->outs, (f->nouts + 1) *
			    sizeof(*f->outs));
			f->outs[f->nouts].el = d;
			f->outs[f->nouts].value = comp;
			f->nouts++;
		}
	}
	return ST_OK;
}

static st_rc
load_control(struct loader *ld, xmlNodePtr el, enum ctl_kind kind,
    xmlNodePtr ctx_node, int parent_index, int repeat)
{
	struct form_def *def = ld->def;
	xmlNodePtr node = ctx_node, c;
	xmlChar *ref;
	struct form_field *f;
	xmlAttrPtr a;
	int index;
	st_rc rc;

	for (a = el->properties; a != NULL; a = a->next)
		if (!known_attr(a, ctl_attrs))
			return failf(ld, el, "unknown attribute '%s' on '%s'",
			    (const char *)a->name, (const char *)el->name);
	if (def->nfields >= MAX_FIELDS)
		return failf(ld, el, "too many controls");
	f = new_field(ld);
	index = (int)def->nfields - 1;
	f->kind = kind;
	f->el = el;
	f->parent = parent_index;
	f->repeat = repeat;
	ref = xmlGetNoNsProp(el, BAD_CAST (kind == CTL_REPEAT ? "nodeset" :
	    "ref"));
	if (ref == NULL && kind == CTL_REPEAT)
		ref = xmlGetNoNsProp(el, BAD_CAST "ref");
	if (ref != NULL) {
		xmlXPathObjectPtr res;

		f->ref = xmlXPathCtxtCompile(ld->xp, ref);
		if (f->ref == NULL) {
			rc = failf(ld, el, "ref=\"%s\" does not compile as "
			    "XPath", (const char *)ref);
			xmlFree(ref);
			return rc;
		}
		res = eval_at(ld->xp, f->ref, ctx_node);
		if (res == NULL || res->type != XPATH_NODESET ||
		    res->nodesetval == NULL || res->nodesetval->nodeNr == 0) {
			xmlXPathFreeObject(res);
			rc = failf(ld, el, "ref=\"%s\" selects no node of the "
			    "instance", (const char *)ref);
			xmlFree(ref);
			return rc;
		}
		node = res->nodesetval->nodeTab[0];
		xmlXPathFreeObject(res);
		xmlFree(ref);
	} else if (kind != CTL_GROUP && kind != CTL_TRIGGER &&
	    kind != CTL_SUBMIT && kind != CTL_OUTPUT)
		return failf(ld, el, "control '%s' has no ref",
		    (const char *)el->name);
	f->path = form_node_tpath(node);
	type_of(ld, node, f);
	if ((rc = load_texts(ld, el, f, node)) != ST_OK)
		return rc;
	if (kind == CTL_OUTPUT) {
		if ((rc = compile_opt(ld, el, "value", &f->value)) != ST_OK)
			return rc;
		if (f->value == NULL && f->ref == NULL)
			return failf(ld, el, "an output needs a ref or a "
			    "value");
	}
	if (kind != CTL_GROUP && kind != CTL_REPEAT && kind != CTL_OUTPUT &&
	    form_text(el, XF_NS, "label", LANG_NB) == NULL)
		return failf(ld, el, "control '%s' has no label",
		    (const char *)el->name);
	if ((kind == CTL_SELECT || kind == CTL_SELECT1) &&
	    (rc = check_items(ld, el, f, ctx_node)) != ST_OK)
		return rc;
	if (kind == CTL_RANGE) {
		xmlChar *s = xmlGetNoNsProp(el, BAD_CAST "start");
		xmlChar *e = xmlGetNoNsProp(el, BAD_CAST "end");
		int ok = s != NULL && e != NULL &&
		    (f->type == FT_INTEGER || f->type == FT_DECIMAL);

		xmlFree(s);
		xmlFree(e);
		if (!ok)
			return failf(ld, el, "a range needs start and end and "
			    "a number type");
	}
	if (kind == CTL_REPEAT) {
		xmlChar *id = xmlGetNoNsProp(el, BAD_CAST "id");
		size_t i;

		if (repeat >= 0) {
			xmlFree(id);
			return failf(ld, el, "nested repeats are not "
			    "supported");
		}
		if (id == NULL || !valid_id((const char *)id)) {
			xmlFree(id);
			return failf(ld, el, "a repeat needs an id of "
			    "lower-case letters, digits, '_' and '-'");
		}
		for (i = 0; i + 1 < def->nfields; i++)
			if (def->fields[i].repeat_id != NULL &&
			    strcmp(def->fields[i].repeat_id,
			    (const char *)id) == 0) {
				xmlFree(id);
				return failf(ld, el, "two repeats have one id");
			}
		f->repeat_id = xstrdup((const char *)id);
		xmlFree(id);
		repeat = index;
	}
	if (kind == CTL_TRIGGER &&
	    (rc = load_action(ld, el, &def->fields[index], node)) != ST_OK)
		return rc;
	for (c = el->children; c != NULL; c = c->next) {
		enum ctl_kind k;

		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (is_el(c, XF_NS, "label") || is_el(c, XF_NS, "hint") ||
		    is_el(c, XF_NS, "help") || is_el(c, XF_NS, "alert") ||
		    ((kind == CTL_SELECT || kind == CTL_SELECT1) &&
		    (is_el(c, XF_NS, "item") || is_el(c, XF_NS, "itemset"))) ||
		    (kind == CTL_TRIGGER && (is_el(c, XF_NS, "insert") ||
		    is_el(c, XF_NS, "delete"))) ||
		    (kind == CTL_REPEAT && is_el(c, FORM_NS, "row-label")))
			continue;
		if ((kind == CTL_GROUP || kind == CTL_REPEAT) &&
		    ctl_kind_of(c, &k))
			continue;
		return failf(ld, c, "unexpected element '%s' in '%s'",
		    (const char *)c->name, (const char *)el->name);
	}
	if (kind == CTL_GROUP || kind == CTL_REPEAT)
		return load_controls(ld, el, node, index, repeat);
	return ST_OK;
}

static st_rc
load_controls(struct loader *ld, xmlNodePtr parent, xmlNodePtr ctx_node,
    int parent_index, int repeat)
{
	xmlNodePtr c;
	enum ctl_kind kind;
	st_rc rc;

	for (c = parent->children; c != NULL; c = c->next)
		if (ctl_kind_of(c, &kind) && (rc = load_control(ld, c, kind,
		    ctx_node, parent_index, repeat)) != ST_OK)
			return rc;
	return ST_OK;
}

/* Insert triggers name a repeat's items: find the repeat. */
static st_rc
resolve_triggers(struct loader *ld)
{
	struct form_def *def = ld->def;
	size_t i, j;

	for (i = 0; i < def->nfields; i++) {
		struct form_field *f = &def->fields[i];

		if (f->kind != CTL_TRIGGER || f->action != ACT_INSERT)
			continue;
		for (j = 0; j < def->nfields; j++)
			if (def->fields[j].kind == CTL_REPEAT &&
			    strcmp(def->fields[j].path, f->path) == 0)
				f->target = (int)j;
		if (f->target < 0)
			return failf(ld, f->el, "insert names '%s', which no "
			    "repeat shows", f->path);
	}
	return ST_OK;
}

int
form_is_repeat(const struct form_def *def, const char *tpath)
{
	size_t i;

	for (i = 0; i < def->nfields; i++)
		if (def->fields[i].kind == CTL_REPEAT &&
		    strcmp(def->fields[i].path, tpath) == 0)
			return 1;
	return 0;
}

/* Does an element have a sibling of the same name? */
static int
twin(xmlNodePtr n)
{
	xmlNodePtr s;

	for (s = n->parent != NULL ? n->parent->children : NULL; s != NULL;
	    s = s->next)
		if (s != n && s->type == XML_ELEMENT_NODE &&
		    xmlStrcmp(s->name, n->name) == 0)
			return 1;
	return 0;
}

char *
form_node_path(const struct form_def *def, xmlNodePtr node)
{
	xmlNodePtr chain[64], n;
	struct buf tp = BUF_INIT(8192), out = BUF_INIT(8192);
	int depth = 0, i;
	xmlAttrPtr attr = NULL;

	if (node != NULL && node->type == XML_ATTRIBUTE_NODE) {
		attr = (xmlAttrPtr)node;
		node = node->parent;
	}
	for (n = node; n != NULL && n->type == XML_ELEMENT_NODE &&
	    depth < 64; n = n->parent)
		chain[depth++] = n;
	for (i = depth - 1; i >= 0; i--) {
		n = chain[i];
		if (buf_addch(&tp, '/') != ST_OK ||
		    buf_addstr(&tp, (const char *)n->name) != ST_OK ||
		    buf_addch(&out, '/') != ST_OK ||
		    buf_addstr(&out, (const char *)n->name) != ST_OK)
			break;
		/* Repeat items always carry their index; other elements only
		 * when one wrongly occurs twice (to point at the second). */
		if (form_is_repeat(def, tp.data) || twin(n)) {
			xmlNodePtr s;
			int pos = 1;

			for (s = n->prev; s != NULL; s = s->prev)
				if (s->type == XML_ELEMENT_NODE &&
				    xmlStrcmp(s->name, n->name) == 0)
					pos++;
			if (buf_addf(&out, "[%d]", pos) != ST_OK)
				break;
		}
	}
	if (attr != NULL && (buf_addstr(&out, "/@") != ST_OK ||
	    buf_addstr(&out, (const char *)attr->name) != ST_OK))
		buf_reset(&out);
	buf_release(&tp);
	return buf_take(&out);
}

static int
valid_id(const char *s)
{
	size_t i, n = strlen(s);

	if (n == 0 || n > 40 || !(s[0] >= 'a' && s[0] <= 'z'))
		return 0;
	for (i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= '0' && s[i] <= '9') || s[i] == '_' ||
		    s[i] == '-'))
			return 0;
	return 1;
}

st_rc
form_load(const char *file, struct form_def **out, char *err, size_t errlen)
{
	struct loader ld;
	struct form_def *def = xcalloc(1, sizeof(*def));
	xmlNodePtr c, model = NULL;
	xmlChar *id = NULL, *ver = NULL;
	char *end;
	unsigned long v;
	st_rc rc;

	*out = NULL;
	memset(&ld, 0, sizeof(ld));
	ld.def = def;
	ld.file = file;
	ld.err = err;
	ld.errlen = errlen;
	def->file = xstrdup(file);
	def->doc = xmlReadFile(file, "UTF-8", XML_PARSE_NONET |
	    XML_PARSE_NOBLANKS | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
	    XML_PARSE_NOCDATA);
	if (def->doc == NULL) {
		const xmlError *e = xmlGetLastError();

		snprintf(err, errlen, "form '%s': not well-formed XML: %s",
		    file, e != NULL && e->message != NULL ? e->message : "");
		rc = ST_E_CONFIG;
		goto out;
	}
	def->root = xmlDocGetRootElement(def->doc);
	if (!is_el(def->root, FORM_NS, "form")) {
		rc = failf(&ld, def->root, "the root must be <form> in "
		    "namespace " FORM_NS);
		goto out;
	}
	id = xmlGetNoNsProp(def->root, BAD_CAST "id");
	ver = xmlGetNoNsProp(def->root, BAD_CAST "version");
	if (id == NULL || !valid_id((const char *)id)) {
		rc = failf(&ld, def->root, "the form needs an id of lower-case "
		    "letters, digits, '_' and '-'");
		goto out;
	}
	v = ver != NULL ? strtoul((const char *)ver, &end, 10) : 0;
	if (ver == NULL || *end != '\0' || v == 0 || v > 100000) {
		rc = failf(&ld, def->root, "the form needs a version, a whole "
		    "number from 1");
		goto out;
	}
	def->id = xstrdup((const char *)id);
	def->version = (unsigned)v;
	for (c = def->root->children; c != NULL; c = c->next) {
		enum ctl_kind k;

		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (is_el(c, FORM_NS, "title") || is_el(c, FORM_NS, "intro") ||
		    is_el(c, FORM_NS, "description"))
			continue;
		if (is_el(c, XF_NS, "model")) {
			if (model != NULL) {
				rc = failf(&ld, c, "only one model is allowed");
				goto out;
			}
			model = c;
		} else if (!ctl_kind_of(c, &k)) {
			rc = failf(&ld, c, "unknown element '%s'",
			    (const char *)c->name);
			goto out;
		}
	}
	if (form_text(def->root, FORM_NS, "title", LANG_NB) == NULL) {
		rc = failf(&ld, def->root, "the form has no title");
		goto out;
	}
	if (model == NULL) {
		rc = failf(&ld, def->root, "the form has no model");
		goto out;
	}
	if ((rc = load_model(&ld, model)) != ST_OK)
		goto out;
	if ((rc = load_controls(&ld, def->root,
	    xmlDocGetRootElement(def->tmpl), -1, -1)) != ST_OK)
		goto out;
	rc = resolve_triggers(&ld);
out:
	if (ld.xp != NULL)
		xmlXPathFreeContext(ld.xp);
	xfree(ld.typed);
	xmlFree(id);
	xmlFree(ver);
	if (rc != ST_OK) {
		form_free(def);
		return rc;
	}
	*out = def;
	return ST_OK;
}

void
form_free(struct form_def *def)
{
	size_t i, j;

	if (def == NULL)
		return;
	for (i = 0; i < def->nbinds; i++) {
		struct form_bind *b = &def->binds[i];

		xmlXPathFreeCompExpr(b->nodeset);
		xmlXPathFreeCompExpr(b->required);
		xmlXPathFreeCompExpr(b->relevant);
		xmlXPathFreeCompExpr(b->readonly);
		xmlXPathFreeCompExpr(b->constraint);
		xmlXPathFreeCompExpr(b->calculate);
		for (j = 0; j < b->nrefs; j++)
			xmlXPathFreeCompExpr(b->refs[j]);
		xfree(b->refs);
	}
	xfree(def->binds);
	for (i = 0; i < def->nfields; i++) {
		struct form_field *f = &def->fields[i];

		xfree(f->path);
		xfree(f->repeat_id);
		xmlXPathFreeCompExpr(f->ref);
		xmlXPathFreeCompExpr(f->value);
		for (j = 0; j < f->nouts; j++)
			xmlXPathFreeCompExpr(f->outs[j].value);
		xfree(f->outs);
		if (f->itemset != NULL) {
			xmlXPathFreeCompExpr(f->itemset->nodeset);
			xmlXPathFreeCompExpr(f->itemset->label);
			xmlXPathFreeCompExpr(f->itemset->value);
			xfree(f->itemset);
		}
	}
	xfree(def->fields);
	for (i = 0; i < def->ninstances; i++) {
		xfree(def->instances[i].id);
		xfree(def->instances[i].src);
		if (def->instances[i].doc != NULL)
			xmlFreeDoc(def->instances[i].doc);
	}
	xfree(def->instances);
	if (def->tmpl != NULL)
		xmlFreeDoc(def->tmpl);
	if (def->doc != NULL)
		xmlFreeDoc(def->doc);
	xfree(def->id);
	xfree(def->file);
	xfree(def);
}

static int
by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

st_rc
formset_load(struct formset *fs, const char *dir, char *err, size_t errlen)
{
	DIR *d;
	struct dirent *de;
	char **names = NULL;
	size_t nnames = 0, alloc = 0, i, j;
	st_rc rc = ST_OK;

	fs->v = NULL;
	fs->n = 0;
	if ((d = opendir(dir)) == NULL) {
		snprintf(err, errlen, "cannot open forms directory '%s'", dir);
		return ST_E_CONFIG;
	}
	while ((de = readdir(d)) != NULL) {
		size_t len = strlen(de->d_name);

		if (len < 5 || strcmp(de->d_name + len - 4, ".xml") != 0 ||
		    de->d_name[0] == '.')
			continue;
		if (nnames == alloc) {
			alloc = alloc ? alloc * 2 : 16;
			names = xrealloc(names, alloc * sizeof(*names));
		}
		names[nnames++] = xstrdup(de->d_name);
	}
	closedir(d);
	qsort(names, nnames, sizeof(*names), by_name);
	fs->v = xcalloc(nnames + 1, sizeof(*fs->v));
	for (i = 0; i < nnames && rc == ST_OK; i++) {
		struct buf path = BUF_INIT(4096);
		struct form_def *def;

		if (buf_addf(&path, "%s/%s", dir, names[i]) != ST_OK) {
			buf_release(&path);
			rc = ST_E_CONFIG;
			break;
		}
		rc = form_load(path.data, &def, err, errlen);
		buf_release(&path);
		if (rc != ST_OK)
			break;
		for (j = 0; j < fs->n; j++)
			if (strcmp(fs->v[j]->id, def->id) == 0 &&
			    fs->v[j]->version == def->version) {
				snprintf(err, errlen, "forms '%s' and '%s' are "
				    "both '%s' version %u", fs->v[j]->file,
				    def->file, def->id, def->version);
				form_free(def);
				rc = ST_E_CONFIG;
				break;
			}
		if (rc == ST_OK)
			fs->v[fs->n++] = def;
	}
	for (i = 0; i < nnames; i++)
		xfree(names[i]);
	xfree(names);
	if (rc != ST_OK)
		formset_release(fs);
	return rc;
}

void
formset_release(struct formset *fs)
{
	size_t i;

	for (i = 0; i < fs->n; i++)
		form_free(fs->v[i]);
	xfree(fs->v);
	fs->v = NULL;
	fs->n = 0;
}

const struct form_def *
formset_current(const struct formset *fs, const char *id)
{
	const struct form_def *best = NULL;
	size_t i;

	for (i = 0; i < fs->n; i++)
		if (strcmp(fs->v[i]->id, id) == 0 &&
		    (best == NULL || fs->v[i]->version > best->version))
			best = fs->v[i];
	return best;
}

const struct form_def *
formset_get(const struct formset *fs, const char *id, unsigned version)
{
	size_t i;

	for (i = 0; i < fs->n; i++)
		if (strcmp(fs->v[i]->id, id) == 0 &&
		    fs->v[i]->version == version)
			return fs->v[i];
	return NULL;
}

xmlDocPtr
form_new_instance(const struct form_def *def)
{
	return xmlCopyDoc(def->tmpl, 1);
}
