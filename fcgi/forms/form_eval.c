/* form_eval.c: XForms model item properties and validation (see form.h). */
#include "config.h"

#include <string.h>

#include <libxml/xpathInternals.h>

#include "buf.h"
#include "form.h"
#include "form_eval.h"
#include "i18n.h"
#include "mem.h"
#include "xpathfn.h"

#define MAX_NODES	20000
/* The longest value a calculate may give: more than any request holds. */
#define CALC_MAX	(256 * 1024)

void
form_errors_init(struct form_errors *e)
{
	memset(e, 0, sizeof(*e));
}

void
form_errors_release(struct form_errors *e)
{
	size_t i;

	for (i = 0; i < e->n; i++) {
		xfree(e->v[i].path);
		xfree(e->v[i].html_id);
		xfree(e->v[i].label);
		xfree(e->v[i].message);
	}
	xfree(e->v);
	form_errors_init(e);
}

void
form_errors_add(struct form_errors *e, const char *path, const char *html_id,
    const char *label, const char *message)
{
	if (e->n >= FORM_ERRORS_MAX) {
		e->more = 1;
		return;
	}
	if (e->n == e->alloc) {
		e->alloc = e->alloc ? e->alloc * 2 : 8;
		e->v = xrealloc(e->v, e->alloc * sizeof(*e->v));
	}
	e->v[e->n].path = xstrdup(path);
	e->v[e->n].html_id = xstrdup(html_id);
	e->v[e->n].label = label != NULL ? xstrdup(label) : NULL;
	e->v[e->n].message = xstrdup(message);
	e->n++;
}

static int
is_leaf(xmlNodePtr n)
{
	xmlNodePtr c;

	if (n->type == XML_ATTRIBUTE_NODE)
		return 1;
	for (c = n->children; c != NULL; c = c->next)
		if (c->type == XML_ELEMENT_NODE)
			return 0;
	return 1;
}

static int
holds_value(enum ctl_kind k)
{
	return k == CTL_INPUT || k == CTL_SECRET || k == CTL_TEXTAREA ||
	    k == CTL_SELECT1 || k == CTL_SELECT || k == CTL_RANGE;
}

/* The control that edits the node at template path tp, or NULL. */
static const struct form_field *
field_at(const struct form_def *def, const char *tp)
{
	size_t i;

	for (i = 0; i < def->nfields; i++)
		if (holds_value(def->fields[i].kind) &&
		    strcmp(def->fields[i].path, tp) == 0)
			return &def->fields[i];
	return NULL;
}

/*
 * Give every element and attribute its struct mip, and find its control
 * once here, by its template path built on the way down (path holds the
 * parent's path; it is restored before returning).
 */
static void
assign(struct eval *ev, xmlNodePtr n, struct buf *path)
{
	size_t len = path->len;
	struct mip *m;
	xmlAttrPtr a;
	xmlNodePtr c;

	if (ev->n >= ev->alloc)
		return;
	m = &ev->mips[ev->n++];
	memset(m, 0, sizeof(*m));
	n->_private = m;
	if (buf_addch(path, '/') == ST_OK &&
	    buf_addstr(path, (const char *)n->name) == ST_OK)
		m->field = field_at(ev->def, path->data);
	for (a = n->properties; a != NULL; a = a->next)
		if (ev->n < ev->alloc) {
			size_t alen = path->len;

			m = &ev->mips[ev->n++];
			memset(m, 0, sizeof(*m));
			a->_private = m;
			if (buf_addstr(path, "/@") == ST_OK &&
			    buf_addstr(path, (const char *)a->name) == ST_OK)
				m->field = field_at(ev->def, path->data);
			buf_truncate(path, alen);
		}
	for (c = n->children; c != NULL; c = c->next)
		if (c->type == XML_ELEMENT_NODE)
			assign(ev, c, path);
	buf_truncate(path, len);
}

/*
 * The nodes of n's subtree (elements, attributes, text and the rest),
 * counted up to cap + 1 at most, so that an instance over the cap is
 * refused after reading cap nodes, before any work per node.
 */
static size_t
count(xmlNodePtr n, size_t cap)
{
	xmlAttrPtr a;
	xmlNodePtr c;
	size_t k = 1;

	for (a = n->properties; a != NULL && k <= cap; a = a->next)
		k++;
	for (c = n->children; c != NULL && k <= cap; c = c->next)
		k += c->type == XML_ELEMENT_NODE ? count(c, cap - k) : 1;
	return k;
}

static void
unassign(xmlNodePtr n)
{
	xmlAttrPtr a;
	xmlNodePtr c;

	n->_private = NULL;
	for (a = n->properties; a != NULL; a = a->next)
		a->_private = NULL;
	for (c = n->children; c != NULL; c = c->next)
		if (c->type == XML_ELEMENT_NODE)
			unassign(c);
}

struct mip *
eval_mip(xmlNodePtr n)
{
	if (n == NULL || (n->type != XML_ELEMENT_NODE &&
	    n->type != XML_ATTRIBUTE_NODE))
		return NULL;
	return n->_private;
}

static xmlXPathObjectPtr
eval_at(struct eval *ev, xmlXPathCompExprPtr expr, xmlNodePtr node)
{
	struct mip *m = eval_mip(node);

	ev->xp->node = node;
	ev->xp->contextSize = m != NULL && m->size > 0 ? m->size : 1;
	ev->xp->proximityPosition = m != NULL && m->pos > 0 ? m->pos : 1;
	return xmlXPathCompiledEval(expr, ev->xp);
}

/* Evaluate a boolean MIP; -1 on an XPath error. */
static int
eval_bool(struct eval *ev, xmlXPathCompExprPtr expr, xmlNodePtr node)
{
	xmlXPathObjectPtr r = eval_at(ev, expr, node);
	int v;

	if (r == NULL)
		return -1;
	v = xmlXPathCastToBoolean(r);
	xmlXPathFreeObject(r);
	return v;
}

void
form_set_text(xmlNodePtr n, const char *value)
{
	xmlNodePtr c, next;

	if (value == NULL)
		value = "";
	if (n->type == XML_ATTRIBUTE_NODE) {
		xmlSetProp(n->parent, n->name, BAD_CAST value);
		return;
	}
	for (c = n->children; c != NULL; c = next) {
		next = c->next;
		xmlUnlinkNode(c);
		xmlFreeNode(c);
	}
	/* xmlNewDocText takes the value literally: no entity parsing. */
	if (*value != '\0')
		xmlAddChild(n, xmlNewDocText(n->doc, BAD_CAST value));
}

/* Apply one bind (and its nested binds) with ctx as evaluation context. */
static st_rc
apply_bind(struct eval *ev, size_t bi, xmlNodePtr ctx)
{
	const struct form_def *def = ev->def;
	const struct form_bind *b = &def->binds[bi];
	xmlXPathObjectPtr nodes;
	size_t j;
	int i;

	nodes = eval_at(ev, b->nodeset, ctx);
	if (nodes == NULL)
		return ST_E_INTERNAL;
	if (nodes->type != XPATH_NODESET || nodes->nodesetval == NULL) {
		xmlXPathFreeObject(nodes);
		return ST_OK;
	}
	for (i = 0; i < nodes->nodesetval->nodeNr; i++) {
		xmlNodePtr n = nodes->nodesetval->nodeTab[i];
		struct mip *m = eval_mip(n);

		if (m == NULL)
			continue;
		if (m->size == 0) {
			m->pos = i + 1;
			m->size = nodes->nodesetval->nodeNr;
		}
		/* Two binds setting the same property on a node are refused
		 * when the definition loads. */
		if (b->required != NULL && m->required == NULL)
			m->required = b;
		if (b->relevant != NULL && m->relevant == NULL)
			m->relevant = b;
		if (b->readonly != NULL && m->readonly == NULL)
			m->readonly = b;
		if (b->constraint != NULL && m->constraint == NULL)
			m->constraint = b;
		if (b->calculate != NULL && m->calculate == NULL)
			m->calculate = b;
		if (b->has_type && m->type == NULL)
			m->type = b;
		for (j = bi + 1; j < def->nbinds; j++)
			if (def->binds[j].parent == (int)bi) {
				st_rc rc = apply_bind(ev, j, n);

				if (rc != ST_OK) {
					xmlXPathFreeObject(nodes);
					return rc;
				}
			}
	}
	xmlXPathFreeObject(nodes);
	return ST_OK;
}

/*
 * Recalculate, as XForms 1.1 does it: the calculations in the order of
 * what they read (each after the calculations its paths select, the
 * bind's refs), each once; a cycle, one that would settle included
 * (a = ../b, b = ../a), is an error like xforms-compute-exception.
 * Then settle(): every calculate until nothing changes, which for the
 * ordered case is one pass that changes nothing, and still gets right
 * what a path the refs could not see reads (a predicate's nodes).
 */

#define CALC_EDGES_MAX	1000000

/* One calculation: its node's new value; 1 if it changed. */
static int
calc_one(struct eval *ev, xmlNodePtr n, st_rc *rc)
{
	struct mip *m = eval_mip(n);
	xmlXPathObjectPtr r;
	xmlChar *v, *old;
	int changed = 0;

	if ((r = eval_at(ev, m->calculate->calculate, n)) == NULL) {
		*rc = ST_E_INTERNAL;
		return 0;
	}
	v = xmlXPathCastToString(r);
	xmlXPathFreeObject(r);
	if (v == NULL || xmlStrlen(v) > CALC_MAX) {
		xmlFree(v);
		*rc = ST_E_INTERNAL;
		return 0;
	}
	old = xmlNodeGetContent(n);
	if (old == NULL || xmlStrcmp(old, v) != 0) {
		form_set_text(n, (const char *)v);
		changed = 1;
	}
	xmlFree(old);
	xmlFree(v);
	return changed;
}

/* Every element and attribute under root (root included), in document
 * order, or NULL when there is none. */
static xmlXPathObjectPtr
all_nodes(struct eval *ev, xmlNodePtr root)
{
	xmlXPathObjectPtr all = xmlXPathNodeEval(root,
	    BAD_CAST "descendant-or-self::*|descendant-or-self::*/@*", ev->xp);

	if (all != NULL && all->nodesetval == NULL) {
		xmlXPathFreeObject(all);
		all = NULL;
	}
	return all;
}

/* Every calculate until nothing changes (see recalculate): a value that
 * keeps changing for more passes than there are calculations is a
 * cycle. */
static st_rc
settle(struct eval *ev, xmlNodePtr root)
{
	xmlXPathObjectPtr all;
	size_t pass, ncalc = 0;
	int i, changed = 1;
	st_rc rc = ST_OK;

	if ((all = all_nodes(ev, root)) == NULL)
		return ST_OK;
	for (i = 0; i < all->nodesetval->nodeNr; i++) {
		struct mip *m = eval_mip(all->nodesetval->nodeTab[i]);

		if (m != NULL && m->calculate != NULL)
			ncalc++;
	}
	for (pass = 0; changed && ncalc > 0 && rc == ST_OK; pass++) {
		if (pass > ncalc) {
			rc = ST_E_INTERNAL;	/* circular calculation */
			break;
		}
		changed = 0;
		for (i = 0; i < all->nodesetval->nodeNr && rc == ST_OK; i++) {
			struct mip *m = eval_mip(all->nodesetval->nodeTab[i]);

			if (m != NULL && m->calculate != NULL &&
			    calc_one(ev, all->nodesetval->nodeTab[i], &rc))
				changed = 1;
		}
	}
	xmlXPathFreeObject(all);
	return rc;
}

static st_rc
recalculate(struct eval *ev, xmlNodePtr root)
{
	xmlXPathObjectPtr all;
	xmlNodePtr *cn = NULL;
	size_t nc = 0, i, j, k, ne = 0, done = 0, head = 0;
	size_t *indeg = NULL, *first = NULL, *next = NULL, *to = NULL;
	size_t *queue = NULL;
	st_rc rc = ST_OK;

	if ((all = all_nodes(ev, root)) == NULL)
		return ST_OK;
	cn = xcalloc((size_t)all->nodesetval->nodeNr + 1, sizeof(*cn));
	for (i = 0; i < (size_t)all->nodesetval->nodeNr; i++) {
		struct mip *m = eval_mip(all->nodesetval->nodeTab[i]);

		if (m != NULL && m->calculate != NULL) {
			m->calc = nc + 1;
			cn[nc++] = all->nodesetval->nodeTab[i];
		}
	}
	if (nc == 0)
		goto out;
	/* the graph: an edge from each calculation read to its reader */
	indeg = xcalloc(nc, sizeof(*indeg));
	first = xcalloc(nc, sizeof(*first));	/* 1 + first edge, 0: none */
	for (k = 0; k < nc && rc == ST_OK; k++) {
		const struct form_bind *b = eval_mip(cn[k])->calculate;

		for (j = 0; j < b->nrefs && rc == ST_OK; j++) {
			xmlXPathObjectPtr r = eval_at(ev, b->refs[j], cn[k]);
			int x;

			for (x = 0; r != NULL && r->type == XPATH_NODESET &&
			    r->nodesetval != NULL && x < r->nodesetval->nodeNr;
			    x++) {
				struct mip *mx =
				    eval_mip(r->nodesetval->nodeTab[x]);

				if (mx == NULL || mx->calc == 0)
					continue;
				if (ne == CALC_EDGES_MAX) {
					/* too many to order: settle() alone */
					xmlXPathFreeObject(r);
					r = NULL;
					goto settle_only;
				}
				if (ne % 1024 == 0) {
					next = xrealloc(next, (ne + 1024) *
					    sizeof(*next));
					to = xrealloc(to, (ne + 1024) *
					    sizeof(*to));
				}
				to[ne] = k;
				next[ne] = first[mx->calc - 1];
				first[mx->calc - 1] = ++ne;
				indeg[k]++;
			}
			xmlXPathFreeObject(r);
		}
	}
	/* in the order of what they read, document order among equals */
	queue = xcalloc(nc, sizeof(*queue));
	for (k = 0; k < nc; k++)
		if (indeg[k] == 0)
			queue[done++] = k;
	while (head < done && rc == ST_OK) {
		size_t e;

		k = queue[head++];
		(void)calc_one(ev, cn[k], &rc);
		for (e = first[k]; e != 0; e = next[e - 1])
			if (--indeg[to[e - 1]] == 0)
				queue[done++] = to[e - 1];
	}
	if (rc == ST_OK && done < nc)
		rc = ST_E_INTERNAL;	/* a cycle: xforms-compute-exception */
settle_only:
	if (rc == ST_OK)
		rc = settle(ev, root);
out:
	for (k = 0; k < nc; k++)
		eval_mip(cn[k])->calc = 0;
	xfree(cn);
	xfree(indeg);
	xfree(first);
	xfree(next);
	xfree(to);
	xfree(queue);
	xmlXPathFreeObject(all);
	return rc;
}

/* Relevance and readonly, with XForms inheritance, in document order. */
static st_rc
revalidate(struct eval *ev, xmlNodePtr n, int parent_relevant,
    int parent_readonly)
{
	struct mip *m = eval_mip(n);
	xmlAttrPtr a;
	xmlNodePtr c;
	int v;
	st_rc rc;

	if (m == NULL)
		return ST_OK;
	m->relevant_v = parent_relevant;
	if (m->relevant != NULL && parent_relevant) {
		if ((v = eval_bool(ev, m->relevant->relevant, n)) < 0)
			return ST_E_INTERNAL;
		m->relevant_v = v;
	}
	m->readonly_v = parent_readonly || m->calculate != NULL;
	if (m->readonly != NULL && !m->readonly_v) {
		if ((v = eval_bool(ev, m->readonly->readonly, n)) < 0)
			return ST_E_INTERNAL;
		m->readonly_v = v;
	}
	m->required_v = 0;
	if (m->required != NULL && m->relevant_v) {
		if ((v = eval_bool(ev, m->required->required, n)) < 0)
			return ST_E_INTERNAL;
		m->required_v = v;
	}
	m->constraint_v = 1;
	if (m->constraint != NULL && m->relevant_v) {
		if ((v = eval_bool(ev, m->constraint->constraint, n)) < 0)
			return ST_E_INTERNAL;
		m->constraint_v = v;
	}
	if (n->type != XML_ELEMENT_NODE)
		return ST_OK;
	for (a = n->properties; a != NULL; a = a->next)
		if ((rc = revalidate(ev, (xmlNodePtr)a, m->relevant_v,
		    m->readonly_v)) != ST_OK)
			return rc;
	for (c = n->children; c != NULL; c = c->next)
		if (c->type == XML_ELEMENT_NODE &&
		    (rc = revalidate(ev, c, m->relevant_v, m->readonly_v)) !=
		    ST_OK)
			return rc;
	return ST_OK;
}

/* instance('id') during evaluation. */
static xmlNodePtr
eval_root(void *self, const char *id)
{
	struct eval *ev = self;
	size_t i;

	if (*id == '\0')
		return xmlDocGetRootElement(ev->inst);
	for (i = 0; i < ev->def->ninstances; i++)
		if (strcmp(ev->def->instances[i].id, id) == 0)
			return ev->docs[i] != NULL ?
			    xmlDocGetRootElement(ev->docs[i]) : NULL;
	return NULL;
}

st_rc
eval_init(struct eval *ev, const struct form_def *def,
    const struct form_env *env, xmlDocPtr inst)
{
	xmlNodePtr root = xmlDocGetRootElement(inst);
	size_t i, n;
	st_rc rc;

	memset(ev, 0, sizeof(*ev));
	ev->def = def;
	ev->env = env;
	ev->inst = inst;
	/* Secondary instances: the definition's data, or the server's. */
	ev->docs = xcalloc(def->ninstances + 1, sizeof(*ev->docs));
	for (i = 0; i < def->ninstances; i++) {
		const struct form_instance *fi = &def->instances[i];

		ev->docs[i] = fi->doc;
		if (fi->src != NULL && env != NULL && env->fill != NULL) {
			xmlDocPtr d = env->fill(env->ctx, fi->src);

			if (d != NULL)
				ev->docs[i] = d;
		}
	}
	n = count(root, MAX_NODES);
	if (n > MAX_NODES)
		return ST_E_TOO_BIG;
	ev->alloc = n;
	ev->mips = xcalloc(n, sizeof(*ev->mips));
	{
		struct buf path = BUF_INIT(8192);

		assign(ev, root, &path);
		buf_release(&path);
	}
	ev->xp = xmlXPathNewContext(inst);
	xpathfn_register(ev->xp);
	ev->model.root = eval_root;
	ev->model.self = ev;
	ev->xp->userData = &ev->model;
	for (i = 0; i < def->nbinds; i++)
		if (def->binds[i].parent < 0 &&
		    (rc = apply_bind(ev, i, root)) != ST_OK)
			return rc;
	if ((rc = recalculate(ev, root)) != ST_OK)
		return rc;
	return revalidate(ev, root, 1, 0);
}

void
eval_release(struct eval *ev)
{
	if (ev->inst != NULL && xmlDocGetRootElement(ev->inst) != NULL)
		unassign(xmlDocGetRootElement(ev->inst));
	if (ev->xp != NULL)
		xmlXPathFreeContext(ev->xp);
	xfree(ev->docs);
	xfree(ev->mips);
	memset(ev, 0, sizeof(*ev));
}

const struct form_field *
eval_field(const struct form_def *def, xmlNodePtr n)
{
	struct mip *m = eval_mip(n);
	char *tp;
	const struct form_field *f;

	if (m != NULL)
		return m->field;
	tp = form_node_tpath(n);
	f = field_at(def, tp);
	xfree(tp);
	return f;
}

static void
push_item(struct form_item **v, size_t *n, const char *value,
    const char *label, const char *lang)
{
	*v = xrealloc(*v, (*n + 1) * sizeof(**v));
	(*v)[*n].value = xstrdup(value != NULL ? value : "");
	(*v)[*n].label = xstrdup(label != NULL ? label : "");
	(*v)[*n].lang = lang;
	(*n)++;
}

static char *
eval_string(struct eval *ev, xmlXPathCompExprPtr expr, xmlNodePtr node)
{
	xmlXPathObjectPtr r = eval_at(ev, expr, node);
	xmlChar *s;
	char *out;

	if (r == NULL)
		return xstrdup("");
	s = xmlXPathCastToString(r);
	xmlXPathFreeObject(r);
	out = xstrdup(s != NULL ? (const char *)s : "");
	xmlFree(s);
	return out;
}

char *
eval_text(struct eval *ev, const struct form_field *f, const char *name,
    xmlNodePtr node)
{
	xmlNodePtr t = form_text_el(f->el, XF_NS, name, i18n_current()), c;
	struct buf out = BUF_INIT(64 * 1024);
	size_t i;

	if (t == NULL)
		return NULL;
	for (c = t->children; c != NULL; c = c->next) {
		if (c->type == XML_TEXT_NODE ||
		    c->type == XML_CDATA_SECTION_NODE) {
			if (buf_addstr(&out, (const char *)c->content) !=
			    ST_OK)
				break;
			continue;
		}
		for (i = 0; i < f->nouts; i++)
			if (f->outs[i].el == c)
				break;
		if (i < f->nouts && ev != NULL && node != NULL) {
			char *v = eval_string(ev, f->outs[i].value, node);
			st_rc rc = buf_addstr(&out, v);

			xfree(v);
			if (rc != ST_OK)
				break;
		}
	}
	return buf_take(&out);
}

size_t
form_items(struct eval *ev, const struct form_field *f, xmlNodePtr node,
    struct form_item **out)
{
	struct form_item *v = NULL;
	size_t n = 0;
	xmlNodePtr it, c;

	for (it = f->el->children; it != NULL; it = it->next) {
		xmlChar *val = NULL;

		if (it->type != XML_ELEMENT_NODE ||
		    xmlStrcmp(it->name, BAD_CAST "item") != 0)
			continue;
		for (c = it->children; c != NULL; c = c->next)
			if (c->type == XML_ELEMENT_NODE &&
			    xmlStrcmp(c->name, BAD_CAST "value") == 0)
				val = xmlNodeGetContent(c);
		push_item(&v, &n, (const char *)val, form_text(it, XF_NS,
		    "label", i18n_current()), form_text_lang(it, XF_NS,
		    "label", i18n_current()));
		xmlFree(val);
	}
	if (f->itemset != NULL && ev != NULL) {
		/* XForms evaluates the itemset where the control stands. */
		xmlXPathObjectPtr r = eval_at(ev, f->itemset->nodeset,
		    node != NULL && node->parent != NULL &&
		    node->parent->type == XML_ELEMENT_NODE ? node->parent :
		    node);
		int i;

		for (i = 0; r != NULL && r->nodesetval != NULL &&
		    i < r->nodesetval->nodeNr; i++) {
			xmlNodePtr in = r->nodesetval->nodeTab[i];
			char *val = eval_string(ev, f->itemset->value, in);
			char *lab = eval_string(ev, f->itemset->label, in);

			push_item(&v, &n, val, lab, NULL);
			xfree(val);
			xfree(lab);
		}
		xmlXPathFreeObject(r);
	}
	*out = v;
	return n;
}

void
form_items_free(struct form_item *items, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		xfree(items[i].value);
		xfree(items[i].label);
	}
	xfree(items);
}

int
form_value_in(const struct form_item *items, size_t n, const char *value,
    int multiple)
{
	const char *p = value;

	/* select stores a space-separated list; select1 a single value. */
	while (*p != '\0') {
		const char *end;
		size_t len, i;
		int found = 0;

		while (multiple && *p == ' ')
			p++;
		if (*p == '\0')
			break;
		end = multiple ? strchr(p, ' ') : NULL;
		if (end == NULL)
			end = p + strlen(p);
		len = (size_t)(end - p);
		for (i = 0; i < n && !found; i++)
			found = strlen(items[i].value) == len &&
			    memcmp(items[i].value, p, len) == 0;
		if (!found)
			return 0;
		p = end;
	}
	return 1;
}

static void
add_error(const struct form_def *def, struct form_errors *errs,
    xmlNodePtr n, const char *label, const char *message)
{
	char *path, *id;

	if (errs->n >= FORM_ERRORS_MAX) {
		errs->more = 1;
		return;
	}
	path = form_node_path(def, n);
	id = form_html_id(path);
	form_errors_add(errs, path, id, label, message);
	xfree(id);
	xfree(path);
}

/* Remove the repeat items from a copy of the template at tpath tp. */
static void
strip_rows(const struct form_def *def, xmlNodePtr n, struct buf *tp)
{
	size_t len = tp->len;
	xmlNodePtr c, next;

	for (c = n->children; c != NULL; c = next) {
		next = c->next;
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (buf_addch(tp, '/') != ST_OK ||
		    buf_addstr(tp, (const char *)c->name) != ST_OK)
			break;
		if (form_is_repeat(def, tp->data)) {
			xmlUnlinkNode(c);
			xmlFreeNode(c);
		} else
			strip_rows(def, c, tp);
		buf_truncate(tp, len);
	}
	buf_truncate(tp, len);
}

/*
 * Check that the instance has the shape of the template: nothing that
 * the form does not have, nothing twice that is not repeated. What is
 * missing is filled in from the template, as an XForms processor's
 * instance would have it: so a pruned instance (what XForms submits, and
 * what stafett stores and returns) can be sent again, and a missing
 * field that matters is reported by its bind ("must be filled in"). A
 * repeat's items may be any number, none included, and are not filled in.
 * tp holds the template path of t (restored on return).
 */
/* The template's element children of t (at most FORM_CHILDREN_MAX: the
 * loader refuses a definition with more). */
#define TMPL_CHILDREN_MAX	FORM_CHILDREN_MAX

static size_t
template_children(xmlNodePtr t, xmlNodePtr *out)
{
	xmlNodePtr tc;
	size_t k = 0;

	for (tc = t->children; tc != NULL && k < TMPL_CHILDREN_MAX;
	    tc = tc->next)
		if (tc->type == XML_ELEMENT_NODE)
			out[k++] = tc;
	return k;
}

/*
 * Check that the instance has the shape of the template: nothing that
 * the form does not have, nothing twice that is not repeated. What is
 * missing is filled in from the template, as an XForms processor's
 * instance would have it: so a pruned instance (what XForms submits, and
 * what stafett stores and returns) can be sent again, and a missing
 * field that matters is reported by its bind ("must be filled in"). A
 * repeat's items may be any number, none included, and are not filled in.
 * tp holds the template path of t (restored on return).
 *
 * Linear in the instance: each child is matched against t's children
 * (a number the form fixes) and remembered by that match, so a second
 * occurrence is known at once; the checks stop when errs is full.
 */
static void
structure(const struct form_def *def, struct form_errors *errs,
    xmlNodePtr t, xmlNodePtr i, struct buf *tp)
{
	size_t len = tp->len, k, j;
	xmlAttrPtr a;
	xmlNodePtr c, prev = NULL;
	int known, mixed = 0;
	xmlNodePtr tkids[TMPL_CHILDREN_MAX], first[TMPL_CHILDREN_MAX],
	    last[TMPL_CHILDREN_MAX];
	int repeated[TMPL_CHILDREN_MAX];

	for (a = i->properties; a != NULL && errs->n < FORM_ERRORS_MAX;
	    a = a->next)
		if (a->ns != NULL || xmlHasProp(t, a->name) == NULL)
			add_error(def, errs, (xmlNodePtr)a, NULL,
			    _("This attribute is not part of the form."));
	for (a = t->properties; a != NULL; a = a->next)
		if (xmlHasProp(i, a->name) == NULL) {
			xmlChar *v = xmlGetProp(t, a->name);

			xmlSetProp(i, a->name, v);
			xmlFree(v);
		}
	k = template_children(t, tkids);
	/* mixed content: text beside elements is the template's own */
	for (c = t->children; c != NULL && !mixed; c = c->next)
		mixed = (c->type == XML_TEXT_NODE ||
		    c->type == XML_CDATA_SECTION_NODE) && !xmlIsBlankNode(c);
	for (j = 0; j < k; j++) {
		first[j] = last[j] = NULL;
		if (buf_addch(tp, '/') != ST_OK ||
		    buf_addstr(tp, (const char *)tkids[j]->name) != ST_OK) {
			buf_truncate(tp, len);
			return;
		}
		repeated[j] = form_is_repeat(def, tp->data);
		buf_truncate(tp, len);
	}
	for (c = i->children; c != NULL; c = c->next) {
		if (errs->n >= FORM_ERRORS_MAX) {
			errs->more = 1;
			break;
		}
		if (c->type == XML_TEXT_NODE ||
		    c->type == XML_CDATA_SECTION_NODE) {
			if (!is_leaf(t) && !mixed && !xmlIsBlankNode(c))
				add_error(def, errs, i, NULL,
				    _("Text is not allowed here, only the elements of the form."));
			continue;
		}
		if (c->type != XML_ELEMENT_NODE)
			continue;	/* comments, processing instructions */
		/* the template's children of this name, in order: a
		 * second <a> matches the template's second <a> (twins are
		 * allowed as often as the template has them), a repeat's
		 * item matches every time */
		for (j = 0, known = 0; j < k; j++)
			if (xmlStrcmp(tkids[j]->name, c->name) == 0 &&
			    (known = 1) && (repeated[j] || first[j] == NULL))
				break;
		if (!known || c->ns != NULL) {
			add_error(def, errs, c, NULL,
			    _("This element is not part of the form."));
			continue;
		}
		if (j == k) {
			add_error(def, errs, c, NULL,
			    _("This element may appear only once."));
			continue;
		}
		if (first[j] == NULL)
			first[j] = c;
		last[j] = c;
		if (buf_addch(tp, '/') != ST_OK ||
		    buf_addstr(tp, (const char *)c->name) != ST_OK)
			break;
		structure(def, errs, tkids[j], c, tp);
		buf_truncate(tp, len);
	}
	for (j = 0; j < k; j++) {
		c = last[j];
		if (c == NULL) {
			if (repeated[j])
				continue;
			/* After the previous template sibling that is there;
			 * without rows, which nobody sent. */
			c = xmlDocCopyNode(tkids[j], i->doc, 1);
			if (buf_addch(tp, '/') == ST_OK &&
			    buf_addstr(tp, (const char *)tkids[j]->name) ==
			    ST_OK)
				strip_rows(def, c, tp);
			buf_truncate(tp, len);
			if (prev != NULL)
				xmlAddNextSibling(prev, c);
			else if (i->children != NULL)
				xmlAddPrevSibling(i->children, c);
			else
				xmlAddChild(i, c);
		}
		prev = c;
	}
	buf_truncate(tp, len);
}

/* The alert of a group bound to n, its outputs evaluated at n, or NULL
 * (caller frees). */
static char *
group_alert(struct eval *ev, xmlNodePtr n)
{
	const struct form_def *def = ev->def;
	char *tp = form_node_tpath(n), *alert = NULL;
	size_t i;

	for (i = 0; i < def->nfields && alert == NULL; i++)
		if (def->fields[i].kind == CTL_GROUP &&
		    strcmp(def->fields[i].path, tp) == 0)
			alert = eval_text(ev, &def->fields[i], "alert", n);
	xfree(tp);
	return alert;
}

/* The node of the template (the form's own instance) at n's place, its
 * first of each name on the way (a repeat's template row); NULL when
 * the template has none. */
static xmlNodePtr
template_of(const struct form_def *def, xmlNodePtr n)
{
	xmlNodePtr chain[64], x, t, c;
	xmlAttrPtr attr = NULL;
	int depth = 0, i;

	if (n->type == XML_ATTRIBUTE_NODE) {
		attr = (xmlAttrPtr)n;
		n = n->parent;
	}
	for (x = n; x != NULL && x->type == XML_ELEMENT_NODE && depth < 64;
	    x = x->parent)
		chain[depth++] = x;
	t = xmlDocGetRootElement(def->tmpl);
	if (depth == 0 || t == NULL ||
	    xmlStrcmp(t->name, chain[depth - 1]->name) != 0)
		return NULL;
	for (i = depth - 2; i >= 0; i--) {
		for (c = t->children; c != NULL; c = c->next)
			if (c->type == XML_ELEMENT_NODE &&
			    xmlStrcmp(c->name, chain[i]->name) == 0)
				break;
		if ((t = c) == NULL)
			return NULL;
	}
	return attr != NULL ? (xmlNodePtr)xmlHasProp(t, attr->name) : t;
}

/*
 * A read-only value that is not calculated is the form's: the server,
 * not the client, decides it (issue 15). 1 if n's value differs from
 * the template's.
 */
static int
readonly_changed(const struct form_def *def, xmlNodePtr n, const char *val)
{
	xmlNodePtr t = template_of(def, n);
	xmlChar *tv = t != NULL ? xmlNodeGetContent(t) : NULL;
	int changed = strcmp(val, tv != NULL ? (const char *)tv : "") != 0;

	xmlFree(tv);
	return changed;
}

/* The checks of one node, in XForms' order: required, type, constraint. */
static void
check_node(struct eval *ev, xmlNodePtr n, struct form_errors *errs)
{
	struct mip *m = eval_mip(n);
	const struct form_field *f;
	xmlChar *v;
	const char *msg = NULL, *val;
	char *alert = NULL, *label;

	if (m == NULL || !m->relevant_v)
		return;
	if (!is_leaf(n)) {
		/* An element with children has no value of its own, but may
		 * have a constraint (how many rows, say); its group's alert
		 * says what is wrong. */
		if (!m->constraint_v) {
			alert = group_alert(ev, n);
			add_error(ev->def, errs, n, NULL, alert != NULL ?
			    alert : _("The value is not allowed here."));
			xfree(alert);
		}
		return;
	}
	f = m->field;
	v = xmlNodeGetContent(n);
	val = v != NULL ? (const char *)v : "";
	if (m->readonly_v && m->calculate == NULL &&
	    readonly_changed(ev->def, n, val))
		msg = _("This field cannot be changed.");
	else if (m->required_v && *val == '\0')
		msg = _("This field must be filled in.");
	else if (m->type != NULL && !(*val == '\0' && m->type->empty_ok) &&
	    (msg = ftype_check(m->type->type, val)) != NULL)
		msg = _(msg);
	else if (f != NULL && *val != '\0' &&
	    (f->kind == CTL_SELECT || f->kind == CTL_SELECT1)) {
		struct form_item *items;
		size_t ni = form_items(ev, f, n, &items);

		if (!form_value_in(items, ni, val, f->kind == CTL_SELECT))
			msg = f->kind == CTL_SELECT ?
			    _("Choose only among the options given.") :
			    _("Choose one of the options given.");
		form_items_free(items, ni);
	}
	if (msg == NULL && !m->constraint_v) {
		/* the alert may say the limit: its outputs are evaluated */
		if (f != NULL)
			alert = eval_text(ev, f, "alert", n);
		msg = alert != NULL ? alert :
		    _("The value is not allowed here.");
	}
	if (msg != NULL) {
		label = f != NULL ? eval_text(ev, f, "label", n) : NULL;
		add_error(ev->def, errs, n, label, msg);
		xfree(label);
	}
	xfree(alert);
	xmlFree(v);
}

static void
check_all(struct eval *ev, xmlNodePtr n, struct form_errors *errs)
{
	xmlAttrPtr a;
	xmlNodePtr c;

	if (errs->n >= FORM_ERRORS_MAX) {
		errs->more = 1;
		return;
	}
	check_node(ev, n, errs);
	for (a = n->properties; a != NULL; a = a->next)
		check_node(ev, (xmlNodePtr)a, errs);
	for (c = n->children; c != NULL; c = c->next)
		if (c->type == XML_ELEMENT_NODE)
			check_all(ev, c, errs);
}

/* Remove non-relevant nodes, as an XForms submission with relevant="true". */
static void
prune(xmlNodePtr n)
{
	xmlNodePtr c, next;
	xmlAttrPtr a, anext;

	for (a = n->properties; a != NULL; a = anext) {
		struct mip *m = eval_mip((xmlNodePtr)a);

		anext = a->next;
		if (m != NULL && !m->relevant_v)
			xmlRemoveProp(a);
	}
	for (c = n->children; c != NULL; c = next) {
		struct mip *m = eval_mip(c);

		next = c->next;
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (m != NULL && !m->relevant_v) {
			xmlUnlinkNode(c);
			xmlFreeNode(c);
		} else
			prune(c);
	}
}

/*
 * What is stored is the instance, not how the client wrote it: no
 * comments or processing instructions, and no namespace declarations
 * (an instance's elements and attributes are in no namespace, the
 * structure check refuses any other), around the document or in it.
 */
static void
canonical(xmlNodePtr n)
{
	xmlNodePtr c, next;

	if (n->nsDef != NULL) {
		xmlFreeNsList(n->nsDef);
		n->nsDef = NULL;
	}
	for (c = n->children; c != NULL; c = next) {
		next = c->next;
		if (c->type == XML_COMMENT_NODE || c->type == XML_PI_NODE) {
			xmlUnlinkNode(c);
			xmlFreeNode(c);
		} else if (c->type == XML_ELEMENT_NODE)
			canonical(c);
	}
}

static void
canonical_doc(xmlDocPtr doc)
{
	xmlNodePtr c, next;

	for (c = doc->children; c != NULL; c = next) {
		next = c->next;
		if (c->type == XML_COMMENT_NODE || c->type == XML_PI_NODE) {
			xmlUnlinkNode(c);
			xmlFreeNode(c);
		}
	}
	if (xmlDocGetRootElement(doc) != NULL)
		canonical(xmlDocGetRootElement(doc));
}

st_rc
form_validate(const struct form_def *def, const struct form_env *env,
    xmlDocPtr inst, struct form_errors *errs, int do_prune)
{
	xmlNodePtr root = xmlDocGetRootElement(inst);
	xmlNodePtr troot = xmlDocGetRootElement(def->tmpl);
	struct eval ev;
	size_t before = errs->n;
	st_rc rc;

	if (root == NULL || root->ns != NULL ||
	    xmlStrcmp(root->name, troot->name) != 0) {
		struct buf b = BUF_INIT(256);

		if (buf_addf(&b, "/%s", (const char *)troot->name) == ST_OK)
			form_errors_add(errs, b.data, "f", NULL,
			    _("The document is not an instance of this form."));
		buf_release(&b);
		return ST_OK;
	}
	if (count(root, MAX_NODES) > MAX_NODES) {
		struct buf b = BUF_INIT(256);

		if (buf_addf(&b, "/%s", (const char *)troot->name) == ST_OK)
			form_errors_add(errs, b.data, "f", NULL,
			    _("The document has more elements, attributes and text than any instance of a form: at most 20,000."));
		buf_release(&b);
		return ST_OK;
	}
	{
		struct buf tp = BUF_INIT(8192);

		if (buf_addch(&tp, '/') == ST_OK &&
		    buf_addstr(&tp, (const char *)root->name) == ST_OK)
			structure(def, errs, troot, root, &tp);
		buf_release(&tp);
	}
	if (errs->n > before)
		return ST_OK;	/* binds cannot be trusted on a wrong shape */
	if ((rc = eval_init(&ev, def, env, inst)) != ST_OK) {
		eval_release(&ev);
		return rc;
	}
	check_all(&ev, root, errs);
	if (do_prune && errs->n == before) {
		prune(root);
		canonical_doc(inst);
	}
	eval_release(&ev);
	return ST_OK;
}
