/* form_view.c: instances from browser fields, row actions, and the view
 * of a form that the stylesheets render. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/xpathInternals.h>

#include "buf.h"
#include "form.h"
#include "form_eval.h"
#include "mem.h"
#include "pool.h"
#include "xmlnode.h"
#include "xmlsafe.h"

#define MAX_ROWS	500

/* The element at a template path of plain names, or NULL. */
static xmlNodePtr
at_tpath(xmlDocPtr inst, const char *tpath)
{
	xmlNodePtr n = xmlDocGetRootElement(inst);
	const char *p = tpath;

	while (n != NULL && *p == '/') {
		const char *seg = p + 1, *end = strchr(seg, '/');
		size_t len = end != NULL ? (size_t)(end - seg) : strlen(seg);

		while (n != NULL && (n->type != XML_ELEMENT_NODE ||
		    xmlStrlen(n->name) != (int)len ||
		    xmlStrncmp(n->name, BAD_CAST seg, (int)len) != 0))
			n = n->next;
		if (n == NULL || end == NULL)
			return n;
		p = end;
		n = n->children;
	}
	return n;
}

/* Browsers send CRLF in textareas; the instance keeps LF only. */
static char *
normalise(const char *v)
{
	char *out = xmalloc(strlen(v) + 1), *o = out;

	for (; *v != '\0'; v++)
		if (!(v[0] == '\r' && v[1] == '\n'))
			*o++ = *v == '\r' ? '\n' : *v;
	*o = '\0';
	return out;
}

xmlNodePtr
form_child(xmlNodePtr n, const char *name)
{
	for (n = n != NULL ? n->children : NULL; n != NULL; n = n->next)
		if (n->type == XML_ELEMENT_NODE &&
		    strcmp((const char *)n->name, name) == 0)
			return n;
	return NULL;
}

const char *
form_get(xmlDocPtr inst, const char *path, struct pool *pool)
{
	xmlNodePtr n = at_tpath(inst, path);
	xmlChar *v;
	const char *out;

	if (n == NULL)
		return "";
	v = xmlNodeGetContent(n);
	out = pool_strdup(pool, v != NULL ? (const char *)v : "");
	xmlFree(v);
	return out;
}

static const struct form_field *
repeat_by_id(const struct form_def *def, const char *id, size_t idlen)
{
	size_t i;

	for (i = 0; i < def->nfields; i++)
		if (def->fields[i].kind == CTL_REPEAT &&
		    strlen(def->fields[i].repeat_id) == idlen &&
		    strncmp(def->fields[i].repeat_id, id, idlen) == 0)
			return &def->fields[i];
	return NULL;
}

/* The items of a repeat now in inst, in order. */
static size_t
rows(const struct form_field *rep, xmlDocPtr inst, xmlNodePtr *parent,
    xmlNodePtr *out, size_t max)
{
	const char *slash = strrchr(rep->path, '/');
	char *ptp = xstrndup(rep->path, (size_t)(slash - rep->path));
	xmlNodePtr p = at_tpath(inst, ptp), c;
	size_t n = 0;

	xfree(ptp);
	*parent = p;
	for (c = p != NULL ? p->children : NULL; c != NULL; c = c->next)
		if (c->type == XML_ELEMENT_NODE &&
		    xmlStrcmp(c->name, BAD_CAST (slash + 1)) == 0 && n < max)
			out[n++] = c;
	return n;
}

/* A fresh row: the template's first item. */
static xmlNodePtr
new_row(const struct form_def *def, const struct form_field *rep,
    xmlDocPtr inst)
{
	xmlNodePtr proto = at_tpath(def->tmpl, rep->path);

	return proto != NULL ? xmlDocCopyNode(proto, inst, 1) : NULL;
}

static void
append_row(xmlNodePtr parent, xmlNodePtr *items, size_t n, xmlNodePtr row)
{
	if (n > 0)
		xmlAddNextSibling(items[n - 1], row);
	else
		xmlAddChild(parent, row);
}

st_rc
form_action(const struct form_def *def, xmlDocPtr inst, const char *action)
{
	const struct form_field *rep;
	xmlNodePtr items[MAX_ROWS], parent, row;
	const char *id, *colon;
	size_t n;
	char *end;
	unsigned long k;

	if (strncmp(action, "insert:", 7) == 0) {
		id = action + 7;
		if ((rep = repeat_by_id(def, id, strlen(id))) == NULL)
			return ST_E_INVALID;
		n = rows(rep, inst, &parent, items, MAX_ROWS);
		if (parent == NULL || n >= MAX_ROWS ||
		    (row = new_row(def, rep, inst)) == NULL)
			return ST_E_INVALID;
		append_row(parent, items, n, row);
		return ST_OK;
	}
	if (strncmp(action, "delete:", 7) != 0)
		return ST_E_INVALID;
	id = action + 7;
	if ((colon = strchr(id, ':')) == NULL ||
	    (rep = repeat_by_id(def, id, (size_t)(colon - id))) == NULL)
		return ST_E_INVALID;
	k = strtoul(colon + 1, &end, 10);
	n = rows(rep, inst, &parent, items, MAX_ROWS);
	if (*end != '\0' || k == 0 || k > n)
		return ST_E_INVALID;
	xmlUnlinkNode(items[k - 1]);
	xmlFreeNode(items[k - 1]);
	return ST_OK;
}

/*
 * While an instance is built from fields, rows keep the index they had in
 * the page, since the fields are named by it; rows are renumbered only
 * afterwards (by their position).
 */
struct rowmap {
	xmlNodePtr	 row;
	unsigned long	 index;
};

struct builder {
	const struct form_def	*def;
	const struct fields	*fields;
	struct rowmap		*map;
	size_t			 nmap;
	xmlXPathContextPtr	 xp;
};

/* The field name a node had in the page. */
static char *
page_name(struct builder *b, xmlNodePtr node)
{
	char *path = form_node_path(b->def, node);
	xmlNodePtr n;
	size_t i;

	/* Replace the row's position by its page index. */
	for (n = node; n != NULL && n->type == XML_ELEMENT_NODE;
	    n = n->parent)
		for (i = 0; i < b->nmap; i++)
			if (b->map[i].row == n) {
				char *tp = form_node_tpath(n);
				struct buf out = BUF_INIT(8192);
				size_t tl = strlen(tp);
				const char *rest = strchr(path + tl, ']');

				if (buf_add(&out, path, tl) != ST_OK ||
				    buf_addf(&out, "[%lu", b->map[i].index) !=
				    ST_OK || buf_addstr(&out, rest != NULL ?
				    rest : "]") != ST_OK)
					buf_reset(&out);
				xfree(tp);
				xfree(path);
				return buf_take(&out);
			}
	return path;
}

static st_rc
fill(struct builder *b, const struct form_field *f, xmlNodePtr node)
{
	struct buf v = BUF_INIT(1024 * 1024);
	char *name = page_name(b, node);
	const struct fields *fs = b->fields;
	size_t j;
	st_rc rc = ST_OK;

	if (f->kind == CTL_SELECT) {
		for (j = 0; j < fs->n && rc == ST_OK; j++)
			if (strcmp(fs->v[j].name, name) == 0 &&
			    *fs->v[j].value != '\0') {
				if (v.len > 0)
					rc = buf_addch(&v, ' ');
				if (rc == ST_OK)
					rc = buf_addstr(&v, fs->v[j].value);
			}
	} else if (f->kind == CTL_INPUT && f->type == FT_BOOLEAN) {
		/* A checkbox: sent when ticked, absent when not. */
		const char *s = fields_get(fs, name);

		rc = buf_addstr(&v, s != NULL && strcmp(s, "true") == 0 ?
		    "true" : "false");
	} else {
		const char *s = fields_get(fs, name);

		if (s != NULL) {
			char *n = normalise(s);

			rc = buf_addstr(&v, n);
			xfree(n);
		}
	}
	if (rc == ST_OK)
		form_set_text(node, v.data);
	buf_release(&v);
	xfree(name);
	return rc;
}

static st_rc build(struct builder *b, int parent, xmlNodePtr ctx);

/* The node a control's ref selects in ctx (the first), or NULL. */
static xmlNodePtr
bound(xmlXPathContextPtr xp, const struct form_field *f, xmlNodePtr ctx)
{
	xmlXPathObjectPtr r;
	xmlNodePtr n = NULL;

	if (f->ref == NULL)
		return ctx;
	xp->node = ctx;
	r = xmlXPathCompiledEval(f->ref, xp);
	if (r != NULL && r->nodesetval != NULL && r->nodesetval->nodeNr > 0)
		n = r->nodesetval->nodeTab[0];
	xmlXPathFreeObject(r);
	return n;
}

/* Make the repeat's rows those the page listed, then fill each. */
static st_rc
build_repeat(struct builder *b, int index)
{
	const struct form_field *rep = &b->def->fields[index];
	xmlNodePtr items[MAX_ROWS], parent, last = NULL;
	char key[64];
	size_t n, i, j;
	st_rc rc;

	n = rows(rep, b->xp->doc, &parent, items, MAX_ROWS);
	for (i = 0; i < n; i++) {
		xmlUnlinkNode(items[i]);
		xmlFreeNode(items[i]);
	}
	if (parent == NULL)
		return ST_OK;
	snprintf(key, sizeof(key), "_row:%s", rep->repeat_id);
	for (j = 0; j < b->fields->n; j++) {
		const struct field *fl = &b->fields->v[j];
		unsigned long k;
		char *end;
		xmlNodePtr row;

		if (strcmp(fl->name, key) != 0)
			continue;
		k = strtoul(fl->value, &end, 10);
		if (*end != '\0' || k == 0 || b->nmap >= MAX_ROWS)
			return ST_E_INVALID;
		if ((row = new_row(b->def, rep, parent->doc)) == NULL)
			return ST_E_INVALID;
		if (last != NULL)
			xmlAddNextSibling(last, row);
		else
			xmlAddChild(parent, row);
		last = row;
		b->map = xrealloc(b->map, (b->nmap + 1) * sizeof(*b->map));
		b->map[b->nmap].row = row;
		b->map[b->nmap].index = k;
		b->nmap++;
		if ((rc = build(b, index, row)) != ST_OK)
			return rc;
	}
	return ST_OK;
}

/* Fill the controls whose parent control is parent, in context ctx. */
static st_rc
build(struct builder *b, int parent, xmlNodePtr ctx)
{
	const struct form_def *def = b->def;
	size_t i;
	st_rc rc;

	for (i = 0; i < def->nfields; i++) {
		const struct form_field *f = &def->fields[i];
		xmlNodePtr node;

		if (f->parent != parent)
			continue;
		if (f->kind == CTL_REPEAT) {
			if ((rc = build_repeat(b, (int)i)) != ST_OK)
				return rc;
			continue;
		}
		if ((node = bound(b->xp, f, ctx)) == NULL)
			continue;
		if (f->kind == CTL_GROUP) {
			if ((rc = build(b, (int)i, node)) != ST_OK)
				return rc;
			continue;
		}
		if (f->kind == CTL_INPUT || f->kind == CTL_SECRET ||
		    f->kind == CTL_TEXTAREA || f->kind == CTL_SELECT1 ||
		    f->kind == CTL_SELECT || f->kind == CTL_RANGE)
			if ((rc = fill(b, f, node)) != ST_OK)
				return rc;
	}
	return ST_OK;
}

st_rc
form_from_fields(const struct form_def *def, const struct fields *fields,
    xmlDocPtr *out)
{
	xmlDocPtr inst = form_new_instance(def);
	struct builder b;
	st_rc rc;

	memset(&b, 0, sizeof(b));
	b.def = def;
	b.fields = fields;
	b.xp = xmlXPathNewContext(inst);
	rc = build(&b, -1, xmlDocGetRootElement(inst));
	xmlXPathFreeContext(b.xp);
	xfree(b.map);
	if (rc != ST_OK) {
		xmlFreeDoc(inst);
		*out = NULL;
		return rc;
	}
	*out = inst;
	return ST_OK;
}

/* ------------------------------------------------------------ the view */

static const char *
kind_name(enum ctl_kind k)
{
	static const char *names[] = { "group", "input", "secret", "textarea",
	    "select1", "select", "range", "output", "trigger", "submit",
	    "repeat" };

	return names[k];
}

static const struct form_error *
error_for(const struct form_errors *errs, const char *path)
{
	size_t i;

	for (i = 0; errs != NULL && i < errs->n; i++)
		if (strcmp(errs->v[i].path, path) == 0)
			return &errs->v[i];
	return NULL;
}

/* A text of the definition (el's child <name>) in view element n: a
 * text the definition lacks in the page's language is shown in another
 * (bokmål) and says so, lang="nb", for _form.xsl to mark. */
static xmlNodePtr
text_lang(xmlNodePtr n, xmlNodePtr el, const char *ns, const char *name)
{
	view_attr(n, "lang", form_text_lang(el, ns, name, i18n_current()));
	return n;
}

/*
 * The row an error's path is in, when it is in a repeat's row: the
 * row's number and the repeat's row label are set on the view's error
 * element e, so the page can say "Measure 2" beside the message.
 */
static void
error_row(const struct form_def *def, const char *path, xmlNodePtr e)
{
	struct buf tp = BUF_INIT(8192);
	const struct form_field *rep = NULL;
	unsigned long row = 0;
	const char *p;
	size_t i;

	for (p = path; *p != '\0'; p++) {
		char *end;
		unsigned long k;

		if (*p != '[') {
			if (buf_addch(&tp, *p) != ST_OK)
				break;
			continue;
		}
		k = strtoul(p + 1, &end, 10);
		if (*end != ']')
			break;
		for (i = 0; i < def->nfields; i++)
			if (def->fields[i].kind == CTL_REPEAT &&
			    strcmp(def->fields[i].path, tp.data) == 0) {
				rep = &def->fields[i];
				row = k;
			}
		p = end;
	}
	buf_release(&tp);
	if (rep == NULL || row == 0)
		return;
	view_attrf(e, "row", "%lu", row);
	if ((p = form_text(rep->el, FORM_NS, "row-label", i18n_current())) !=
	    NULL)
		view_attr(e, "row-label", p);
}

static int
in_list(const char *list, const char *v, int multiple)
{
	size_t len = strlen(v);
	const char *p = list;

	if (!multiple)
		return strcmp(list, v) == 0;
	while ((p = strstr(p, v)) != NULL) {
		if ((p == list || p[-1] == ' ') &&
		    (p[len] == ' ' || p[len] == '\0'))
			return 1;
		p += len;
	}
	return 0;
}

struct vctx {
	const struct form_def	*def;
	struct eval		*ev;
	const struct form_errors *errs;
	int			 readonly;
	xmlXPathContextPtr	 xp;
};

static st_rc controls(struct vctx *vc, int parent, xmlNodePtr ctx,
    xmlNodePtr out, int row);

/* A control's label, hint and help, their outputs evaluated at node. */
static void
texts(struct vctx *vc, xmlNodePtr out, const struct form_field *f,
    xmlNodePtr node)
{
	static const char *names[] = { "label", "hint", "help" };
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		char *t = eval_text(vc->ev, f, names[i], node);

		if (t != NULL)
			text_lang(view_el(out, names[i], t), f->el, XF_NS,
			    names[i]);
		xfree(t);
	}
}

static void
copy_attr(xmlNodePtr el, const char *name, xmlNodePtr v)
{
	xmlChar *a = xmlGetNoNsProp(el, BAD_CAST name);

	if (a != NULL)
		view_attr(v, name, (const char *)a);
	xmlFree(a);
}

static st_rc
repeat_view(struct vctx *vc, int index, xmlNodePtr ctx, xmlNodePtr out)
{
	const struct form_field *f = &vc->def->fields[index];
	xmlXPathObjectPtr r;
	xmlNodePtr v;
	const char *lab;
	int i;
	st_rc rc = ST_OK;

	v = view_el(out, "repeat", NULL);
	view_attr(v, "id", f->repeat_id);
	view_attrf(v, "html-id", "r-%s", f->repeat_id);
	texts(vc, v, f, ctx);
	if ((lab = form_text(f->el, FORM_NS, "row-label", i18n_current())) !=
	    NULL)
		view_attr(v, "row-label", lab);
	vc->xp->node = ctx;
	r = xmlXPathCompiledEval(f->ref, vc->xp);
	for (i = 0; rc == ST_OK && r != NULL && r->nodesetval != NULL &&
	    i < r->nodesetval->nodeNr; i++) {
		xmlNodePtr item = r->nodesetval->nodeTab[i], row;
		struct mip *m = eval_mip(item);
		char *path;

		if (vc->readonly && m != NULL && !m->relevant_v)
			continue;
		path = form_node_path(vc->def, item);
		row = view_el(v, "row", NULL);
		view_attrf(row, "index", "%d", i + 1);
		view_attr(row, "name", path);
		xfree(path);
		rc = controls(vc, index, item, row, i + 1);
	}
	xmlXPathFreeObject(r);
	return rc;
}

static st_rc
control(struct vctx *vc, int index, xmlNodePtr ctx, xmlNodePtr out, int row)
{
	const struct form_field *f = &vc->def->fields[index];
	xmlNodePtr node = ctx, v;
	xmlChar *value;
	char *path, *id;
	struct mip *m;
	const struct form_error *e;

	if (f->kind == CTL_REPEAT)
		return repeat_view(vc, index, ctx, out);
	if (f->kind == CTL_TRIGGER || f->kind == CTL_SUBMIT) {
		if (vc->readonly)
			return ST_OK;
		v = view_el(out, kind_name(f->kind), NULL);
		texts(vc, v, f, ctx);
		if (f->action == ACT_INSERT) {
			view_attr(v, "action", "insert");
			view_attrf(v, "value", "insert:%s",
			    vc->def->fields[f->target].repeat_id);
		} else if (f->action == ACT_DELETE) {
			view_attr(v, "action", "delete");
			view_attrf(v, "value", "delete:%s:%d",
			    vc->def->fields[f->target].repeat_id, row);
		}
		return ST_OK;
	}
	if (f->ref != NULL) {
		xmlXPathObjectPtr r;

		vc->xp->node = ctx;
		r = xmlXPathCompiledEval(f->ref, vc->xp);
		if (r == NULL || r->nodesetval == NULL ||
		    r->nodesetval->nodeNr == 0) {
			/* Bound to nothing in this instance (pruned): skip. */
			xmlXPathFreeObject(r);
			return ST_OK;
		}
		node = r->nodesetval->nodeTab[0];
		xmlXPathFreeObject(r);
	}
	m = eval_mip(node);
	if (vc->readonly && m != NULL && !m->relevant_v)
		return ST_OK;
	path = form_node_path(vc->def, node);
	e = error_for(vc->errs, path);
	if (f->kind == CTL_GROUP && e == NULL) {
		/* Several groups may share a node: number them instead. */
		id = xmalloc(48);
		snprintf(id, 48, "g%d-%d", index + 1, row);
	} else
		/* a group with an error (a rule on its node) is its anchor */
		id = form_html_id(path);
	v = view_el(out, kind_name(f->kind), NULL);
	view_attr(v, "id", id);
	view_attr(v, "name", path);
	if (f->kind != CTL_GROUP && f->kind != CTL_OUTPUT)
		view_attr(v, "type", ftype_name(f->type));
	copy_attr(f->el, "appearance", v);
	if (f->kind == CTL_RANGE) {
		copy_attr(f->el, "start", v);
		copy_attr(f->el, "end", v);
		copy_attr(f->el, "step", v);
	}
	if (m != NULL) {
		if (m->required_v)
			view_attr(v, "required", "true");
		if (!m->relevant_v)
			view_attr(v, "relevant", "false");
		if (m->readonly_v)
			view_attr(v, "readonly", "true");
	}
	texts(vc, v, f, node);
	if (f->kind == CTL_GROUP) {
		st_rc rc;

		if (e != NULL) {
			error_row(vc->def, e->path,
			    view_el(v, "error", e->message));
			/* shown once, at the first group on the node */
			e = NULL;
		}
		rc = controls(vc, index, node, v, row);

		xfree(path);
		xfree(id);
		return rc;
	}
	if (f->kind == CTL_OUTPUT && f->value != NULL) {
		xmlXPathObjectPtr r;

		vc->xp->node = node;
		r = xmlXPathCompiledEval(f->value, vc->xp);
		value = r != NULL ? xmlXPathCastToString(r) : NULL;
		xmlXPathFreeObject(r);
	} else
		value = xmlNodeGetContent(node);
	/* A secret is never sent back to the browser. */
	view_el(v, "value", value != NULL && f->kind != CTL_SECRET ?
	    (const char *)value : "");
	if (f->kind == CTL_SELECT || f->kind == CTL_SELECT1) {
		struct form_item *items;
		size_t n = form_items(vc->ev, f, node, &items), i;

		for (i = 0; i < n; i++) {
			xmlNodePtr it = view_el(v, "item", NULL);

			view_attr(view_el(it, "label", items[i].label), "lang",
			    items[i].lang);
			view_el(it, "value", items[i].value);
			if (value != NULL && in_list((const char *)value,
			    items[i].value, f->kind == CTL_SELECT))
				view_attr(it, "selected", "true");
		}
		form_items_free(items, n);
	}
	if (e != NULL)
		error_row(vc->def, e->path, view_el(v, "error", e->message));
	xmlFree(value);
	xfree(path);
	xfree(id);
	return ST_OK;
}

static st_rc
controls(struct vctx *vc, int parent, xmlNodePtr ctx, xmlNodePtr out,
    int row)
{
	size_t i;
	st_rc rc;

	for (i = 0; i < vc->def->nfields; i++)
		if (vc->def->fields[i].parent == parent &&
		    (rc = control(vc, (int)i, ctx, out, row)) != ST_OK)
			return rc;
	return ST_OK;
}

st_rc
form_view(const struct form_def *def, const struct form_env *env,
    xmlDocPtr inst, const struct form_errors *errs, int readonly,
    xmlNodePtr parent)
{
	struct vctx vc;
	struct eval ev;
	xmlNodePtr f, list;
	const char *t;
	size_t i;
	st_rc rc;

	f = view_el(parent, "form", NULL);
	view_attr(f, "id", def->id);
	view_attrf(f, "version", "%u", def->version);
	if (readonly)
		view_attr(f, "readonly", "true");
	text_lang(view_el(f, "title", form_text(def->root, FORM_NS, "title",
	    i18n_current())), def->root, FORM_NS, "title");
	if ((t = form_text(def->root, FORM_NS, "intro", i18n_current())) !=
	    NULL && !readonly)
		text_lang(view_el(f, "intro", t), def->root, FORM_NS, "intro");
	for (i = 0; i < def->nfields; i++)
		if (def->fields[i].kind == CTL_SUBMIT) {
			view_attr(f, "own-submit", "true");
			break;
		}
	if (errs != NULL && errs->n > 0) {
		list = view_el(f, "errors", NULL);
		if (errs->more)
			view_attr(list, "more", "true");
		for (i = 0; i < errs->n; i++) {
			xmlNodePtr e = view_el(list, "error",
			    errs->v[i].message);

			view_attr(e, "for", errs->v[i].html_id);
			view_attr(e, "path", errs->v[i].path);
			if (errs->v[i].label != NULL)
				view_attr(e, "label", errs->v[i].label);
			error_row(def, errs->v[i].path, e);
		}
	}
	if ((rc = eval_init(&ev, def, env, inst)) != ST_OK) {
		eval_release(&ev);
		return rc;
	}
	vc.def = def;
	vc.ev = &ev;
	vc.errs = errs;
	vc.readonly = readonly;
	vc.xp = ev.xp;
	rc = controls(&vc, -1, xmlDocGetRootElement(inst),
	    view_el(f, "controls", NULL), 0);
	eval_release(&ev);
	return rc;
}

/* Stored instances passed the request limits when they came in; these
 * only guard against a damaged row, so a lowered limit in the
 * configuration never hides an old record. */
#define STORED_MAX	(16 * 1024 * 1024)
#define STORED_DEPTH	64

/* Empty every text under n, keeping the elements (the form still fits). */
static void
blank(xmlNodePtr n)
{
	xmlNodePtr c;

	for (c = n->children; c != NULL; c = c->next)
		if (c->type == XML_ELEMENT_NODE) {
			if (c->children != NULL &&
			    c->children->type == XML_TEXT_NODE &&
			    c->children->next == NULL)
				form_set_text(c, "");
			else
				blank(c);
		}
}

st_rc
form_view_stored(const struct formset *fs, const struct form_env *env,
    const char *form_id, unsigned version, const char *xml, size_t len,
    const char *omit, xmlNodePtr parent)
{
	const struct form_def *def;
	xmlDocPtr inst = NULL;
	char err[256];
	st_rc rc;

	def = formset_get(fs, form_id, version);
	if (def == NULL || xmlsafe_parse(xml, len, STORED_MAX, STORED_DEPTH,
	    &inst, err, sizeof(err)) != ST_OK) {
		view_el(parent, "missing-form", form_id);
		return ST_OK;
	}
	while (omit != NULL && *omit != '\0') {
		size_t k = strcspn(omit, " ");
		char path[128];
		xmlNodePtr n;

		if (k > 0 && k < sizeof(path)) {
			memcpy(path, omit, k);
			path[k] = '\0';
			if ((n = at_tpath(inst, path)) != NULL)
				blank(n);
		}
		omit += k;
		omit += strspn(omit, " ");
	}
	rc = form_view(def, env, inst, NULL, 1, parent);
	xmlFreeDoc(inst);
	return rc;
}
