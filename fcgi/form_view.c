/* form_view.c: instances from browser fields, and the view of a form. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <libxml/xpathInternals.h>

#include "buf.h"
#include "form.h"
#include "form_eval.h"
#include "mem.h"
#include "pool.h"
#include "view.h"

static void
set_text(xmlNodePtr n, const char *value)
{
	xmlNodePtr c, next;

	for (c = n->children; c != NULL; c = next) {
		next = c->next;
		xmlUnlinkNode(c);
		xmlFreeNode(c);
	}
	if (*value != '\0')
		xmlAddChild(n, xmlNewDocText(n->doc, BAD_CAST value));
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

const char *
form_get(xmlDocPtr inst, const char *path, struct pool *pool)
{
	xmlNodePtr n = xmlDocGetRootElement(inst);
	const char *p = path;
	xmlChar *v;
	const char *out;

	while (n != NULL && *p == '/') {
		const char *seg = p + 1, *end = strchr(seg, '/');
		size_t len = end != NULL ? (size_t)(end - seg) : strlen(seg);

		/* n is the candidate for this segment: match or look on */
		while (n != NULL && (n->type != XML_ELEMENT_NODE ||
		    xmlStrlen(n->name) != (int)len ||
		    xmlStrncmp(n->name, BAD_CAST seg, (int)len) != 0))
			n = n->next;
		if (n == NULL || end == NULL)
			break;
		p = end;
		n = n->children;
	}
	if (n == NULL)
		return "";
	v = xmlNodeGetContent(n);
	out = pool_strdup(pool, v != NULL ? (const char *)v : "");
	xmlFree(v);
	return out;
}

st_rc
form_from_fields(const struct form_def *def, const struct fields *fields,
    xmlDocPtr *out)
{
	xmlDocPtr inst = form_new_instance(def);
	xmlXPathContextPtr xp = xmlXPathNewContext(inst);
	size_t i, j;

	for (i = 0; i < def->nfields; i++) {
		const struct form_field *f = &def->fields[i];
		xmlXPathObjectPtr r;
		xmlNodePtr node;
		struct buf v = BUF_INIT(1024 * 1024);
		st_rc rc = ST_OK;

		if (f->kind == CTL_GROUP)
			continue;
		r = xmlXPathEval(BAD_CAST f->path, xp);
		if (r == NULL || r->nodesetval == NULL ||
		    r->nodesetval->nodeNr == 0) {
			xmlXPathFreeObject(r);
			continue;
		}
		node = r->nodesetval->nodeTab[0];
		xmlXPathFreeObject(r);
		if (f->kind == CTL_SELECT) {
			for (j = 0; j < fields->n && rc == ST_OK; j++)
				if (strcmp(fields->v[j].name, f->path) == 0 &&
				    *fields->v[j].value != '\0') {
					if (v.len > 0)
						rc = buf_addch(&v, ' ');
					if (rc == ST_OK)
						rc = buf_addstr(&v,
						    fields->v[j].value);
				}
		} else if (f->kind == CTL_INPUT && f->type == FT_BOOLEAN) {
			/* A checkbox: sent when ticked, absent when not. */
			const char *s = fields_get(fields, f->path);

			rc = buf_addstr(&v, s != NULL &&
			    strcmp(s, "true") == 0 ? "true" : "false");
		} else {
			const char *s = fields_get(fields, f->path);

			if (s != NULL) {
				char *n = normalise(s);

				rc = buf_addstr(&v, n);
				xfree(n);
			}
		}
		if (rc != ST_OK) {
			buf_release(&v);
			xmlXPathFreeContext(xp);
			xmlFreeDoc(inst);
			*out = NULL;
			return rc;
		}
		set_text(node, v.data);
		buf_release(&v);
	}
	xmlXPathFreeContext(xp);
	*out = inst;
	return ST_OK;
}

static const char *
kind_name(enum ctl_kind k)
{
	static const char *names[] = { "group", "input", "secret", "textarea",
	    "select1", "select", "range", "output", "trigger", "submit",
	    "repeat" };

	return names[k];
}

static const struct form_field *
field_of(const struct form_def *def, xmlNodePtr el)
{
	size_t i;

	for (i = 0; i < def->nfields; i++)
		if (def->fields[i].el == el)
			return &def->fields[i];
	return NULL;
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

static void
texts(xmlNodePtr out, xmlNodePtr el)
{
	static const char *names[] = { "label", "hint", "help" };
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		const char *t = form_text(el, XF_NS, names[i], i18n_current());

		if (t != NULL)
			view_el(out, names[i], t);
	}
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

static void
items(xmlNodePtr out, xmlNodePtr el, const char *value, int multiple)
{
	xmlNodePtr it, c;

	for (it = el->children; it != NULL; it = it->next) {
		xmlNodePtr item;
		xmlChar *v = NULL;

		if (it->type != XML_ELEMENT_NODE ||
		    xmlStrcmp(it->name, BAD_CAST "item") != 0)
			continue;
		for (c = it->children; c != NULL; c = c->next)
			if (c->type == XML_ELEMENT_NODE &&
			    xmlStrcmp(c->name, BAD_CAST "value") == 0)
				v = xmlNodeGetContent(c);
		item = view_el(out, "item", NULL);
		view_el(item, "label", form_text(it, XF_NS, "label",
		    i18n_current()));
		view_el(item, "value", v != NULL ? (const char *)v : "");
		if (v != NULL && in_list(value, (const char *)v, multiple))
			view_attr(item, "selected", "true");
		xmlFree(v);
	}
}

struct vctx {
	const struct form_def	*def;
	struct eval		*ev;
	const struct form_errors *errs;
	int			 readonly;
	xmlXPathContextPtr	 xp;
};

static st_rc controls(struct vctx *vc, xmlNodePtr el, xmlNodePtr ctx,
    xmlNodePtr out);

static st_rc
control(struct vctx *vc, const struct form_field *f, xmlNodePtr ctx,
    xmlNodePtr out)
{
	xmlNodePtr node = ctx, v;
	xmlChar *path, *value;
	char *id;
	struct mip *m;
	const struct form_error *e;

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
	path = xmlGetNodePath(node);
	if (f->kind == CTL_GROUP) {
		/* Several groups may share a node: number them instead. */
		id = xmalloc(24);
		snprintf(id, 24, "g%zu", (size_t)(f - vc->def->fields) + 1);
	} else
		id = form_html_id((const char *)path);
	v = view_el(out, kind_name(f->kind), NULL);
	view_attr(v, "id", id);
	view_attr(v, "name", (const char *)path);
	if (f->kind == CTL_INPUT || f->kind == CTL_SELECT1 ||
	    f->kind == CTL_SELECT || f->kind == CTL_TEXTAREA)
		view_attr(v, "type", ftype_name(f->type));
	{
		xmlChar *app = xmlGetNoNsProp(f->el, BAD_CAST "appearance");

		if (app != NULL)
			view_attr(v, "appearance", (const char *)app);
		xmlFree(app);
	}
	if (m != NULL) {
		if (m->required_v)
			view_attr(v, "required", "true");
		if (!m->relevant_v)
			view_attr(v, "relevant", "false");
		if (m->readonly_v)
			view_attr(v, "readonly", "true");
	}
	texts(v, f->el);
	if (f->kind == CTL_GROUP) {
		xmlFree(path);
		xfree(id);
		return controls(vc, f->el, node, v);
	}
	value = xmlNodeGetContent(node);
	view_el(v, "value", value != NULL ? (const char *)value : "");
	if (f->kind == CTL_SELECT || f->kind == CTL_SELECT1)
		items(v, f->el, value != NULL ? (const char *)value : "",
		    f->kind == CTL_SELECT);
	if ((e = error_for(vc->errs, (const char *)path)) != NULL)
		view_el(v, "error", e->message);
	xmlFree(value);
	xmlFree(path);
	xfree(id);
	return ST_OK;
}

static st_rc
controls(struct vctx *vc, xmlNodePtr el, xmlNodePtr ctx, xmlNodePtr out)
{
	xmlNodePtr c;
	st_rc rc;

	for (c = el->children; c != NULL; c = c->next) {
		const struct form_field *f;

		if (c->type != XML_ELEMENT_NODE ||
		    (f = field_of(vc->def, c)) == NULL)
			continue;
		if ((rc = control(vc, f, ctx, out)) != ST_OK)
			return rc;
	}
	return ST_OK;
}

st_rc
form_view(const struct form_def *def, xmlDocPtr inst,
    const struct form_errors *errs, int readonly, xmlNodePtr parent)
{
	struct vctx vc;
	struct eval ev;
	xmlNodePtr f, list;
	char ver[16];
	const char *t;
	size_t i;
	st_rc rc;

	f = view_el(parent, "form", NULL);
	view_attr(f, "id", def->id);
	snprintf(ver, sizeof(ver), "%u", def->version);
	view_attr(f, "version", ver);
	if (readonly)
		view_attr(f, "readonly", "true");
	view_el(f, "title", form_text(def->root, FORM_NS, "title",
	    i18n_current()));
	if ((t = form_text(def->root, FORM_NS, "intro", i18n_current())) !=
	    NULL && !readonly)
		view_el(f, "intro", t);
	if (errs != NULL && errs->n > 0) {
		list = view_el(f, "errors", NULL);
		for (i = 0; i < errs->n; i++) {
			xmlNodePtr e = view_el(list, "error",
			    errs->v[i].message);

			view_attr(e, "for", errs->v[i].html_id);
			view_attr(e, "path", errs->v[i].path);
			if (errs->v[i].label != NULL)
				view_attr(e, "label", errs->v[i].label);
		}
	}
	if ((rc = eval_init(&ev, def, inst)) != ST_OK) {
		eval_release(&ev);
		return rc;
	}
	vc.def = def;
	vc.ev = &ev;
	vc.errs = errs;
	vc.readonly = readonly;
	vc.xp = ev.xp;
	rc = controls(&vc, def->root, xmlDocGetRootElement(inst),
	    view_el(f, "controls", NULL));
	eval_release(&ev);
	return rc;
}
