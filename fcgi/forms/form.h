/* form.h: XForms-style form definitions, validation and rendering data. */
#ifndef ST_FORM_H
#define ST_FORM_H

#include <stddef.h>

#include <libxml/tree.h>
#include <libxml/xpath.h>

#include "i18n.h"
#include "result.h"
#include "urlenc.h"

struct pool;

/*
 * A form definition is an XML file in forms/: a root <form id= version=>
 * in FORM_NS holding titles, one xf:model (instances and binds) and the
 * controls (xf:group, xf:input, xf:secret, xf:textarea, xf:select1,
 * xf:select, xf:range, xf:output, xf:repeat, xf:trigger, xf:submit) in
 * the XForms namespace. forms/README.md describes the format and
 * docs/xforms-conformance.md what of XForms 1.1 is supported, with the
 * test that shows each part.
 *
 * Loading (form_load) checks the whole definition: unknown elements and
 * attributes, XPath that does not compile or evaluate, binds and
 * controls that select no node of the instance, unknown types, selects
 * without items, nested repeats. A definition that fails is refused with
 * a message naming the file, the line and the problem.
 *
 * A loaded struct form_def is immutable and shared by all requests; it
 * owns its documents and compiled expressions. Instances are separate
 * documents whose root matches the definition's primary instance.
 *
 * Paths. Nodes are named by XPath-like paths from the root. In a
 * repeat, items are always indexed, from 1, even when there is one:
 * "/minutes/decisions/decision[2]/text". The same path names a field in
 * the browser form, in an error of the API and in the page (as an HTML
 * id, "f-minutes-decisions-decision-2-text"), so a browser and an XML
 * client of the same data get the same result.
 */
#define FORM_NS	"urn:x-stafett:form"
#define XF_NS	"http://www.w3.org/2002/xforms"
#define XSD_NS	"http://www.w3.org/2001/XMLSchema"
#define EV_NS	"http://www.w3.org/2001/xml-events"

enum ftype {
	FT_STRING, FT_BOOLEAN, FT_DATE, FT_DATETIME, FT_TIME, FT_INTEGER,
	FT_DECIMAL, FT_NIN, FT_PHONE, FT_EMAIL,
	FT_CLOCK	/* st:time, HH:MM: what a browser's time field sends */
};

enum ctl_kind {
	CTL_GROUP, CTL_INPUT, CTL_SECRET, CTL_TEXTAREA, CTL_SELECT1,
	CTL_SELECT, CTL_RANGE, CTL_OUTPUT, CTL_TRIGGER, CTL_SUBMIT, CTL_REPEAT
};

enum form_action { ACT_NONE, ACT_INSERT, ACT_DELETE };

struct form_bind {
	xmlNodePtr		 el;
	int			 parent;	/* enclosing bind, or -1 */
	xmlXPathCompExprPtr	 nodeset;
	xmlXPathCompExprPtr	 required;
	xmlXPathCompExprPtr	 relevant;
	xmlXPathCompExprPtr	 readonly;
	xmlXPathCompExprPtr	 constraint;
	xmlXPathCompExprPtr	 calculate;
	int			 has_type;
	enum ftype		 type;
	int			 empty_ok;	/* xf: and st: types allow "" */
	/* the path expressions the calculate reads, for the order of
	 * recalculation (form_def.c: calc_refs) */
	xmlXPathCompExprPtr	*refs;
	size_t			 nrefs;
};

/* An xf:itemset: items drawn from an instance (often a secondary one). */
struct form_itemset {
	xmlXPathCompExprPtr	 nodeset;
	xmlXPathCompExprPtr	 label;	/* relative to each node */
	xmlXPathCompExprPtr	 value;
};

/* An xf:output inside a control's label, hint, help or alert: its value
 * is evaluated where the control is bound (XForms 1.1, 8.3.3), so a
 * message can say a limit the server sets. */
struct form_textout {
	xmlNodePtr		 el;	/* the xf:output in the definition */
	xmlXPathCompExprPtr	 value;
};

/* A control (groups, repeats and triggers included), in document order. */
struct form_field {
	char			*path;	/* template path: /concern/child/name */
	enum ctl_kind		 kind;
	xmlNodePtr		 el;	/* the control in the definition */
	xmlXPathCompExprPtr	 ref;	/* ref, or a repeat's nodeset */
	xmlXPathCompExprPtr	 value;	/* an output's value="" */
	enum ftype		 type;	/* from the binds, for rendering */
	int			 empty_ok;
	int			 parent;	/* enclosing control, or -1 */
	int			 repeat;	/* enclosing repeat, or -1 */
	char			*repeat_id;	/* a repeat's id="" */
	struct form_itemset	*itemset;
	enum form_action	 action;	/* a trigger's */
	int			 target;	/* the repeat it acts on */
	struct form_textout	*outs;	/* outputs in its texts */
	size_t			 nouts;
};

/* A secondary instance: inline data, or filled by the server (src). */
struct form_instance {
	char			*id;
	char			*src;	/* st:src="units": see form_env */
	xmlDocPtr		 doc;	/* inline content or placeholder */
};

struct form_def {
	char			*id;
	unsigned		 version;
	char			*file;
	xmlDocPtr		 doc;	/* the definition */
	xmlNodePtr		 root;
	xmlDocPtr		 tmpl;	/* a copy of the primary instance */
	struct form_instance	*instances;
	size_t			 ninstances;
	struct form_bind	*binds;
	size_t			 nbinds;
	struct form_field	*fields;
	size_t			 nfields;
};

/*
 * Secondary instances with st:src="NAME" are filled by the application
 * (the municipality's units, say) through env->fill, which returns a
 * document it keeps owning, or NULL (then the instance is empty). env may
 * be NULL wherever it is taken.
 */
struct form_env {
	xmlDocPtr	(*fill)(void *ctx, const char *src);
	void		 *ctx;
};

/* One validation error: where, and what is wrong, in the user's language. */
struct form_error {
	char	*path;		/* instance path, e.g. /concern/child/nin */
	char	*html_id;	/* id of the control in the rendered page */
	char	*label;		/* the control's label, or NULL */
	char	*message;
};

/* An element of a form's instance has at most this many element
 * children (the structure check keeps them on the stack; a definition
 * with more is refused when it loads). */
#define FORM_CHILDREN_MAX	256

/*
 * At most FORM_ERRORS_MAX errors are kept; one more sets more, and the
 * checks stop there: an instance made of errors costs no more than one
 * with a few, and its answer stays small.
 */
#define FORM_ERRORS_MAX	50
struct form_errors {
	struct form_error	*v;
	size_t			 n;
	size_t			 alloc;
	int			 more;	/* errors were left out */
};

/* All loaded definitions, every version of every form. */
struct formset {
	struct form_def	**v;
	size_t		  n;
};

st_rc form_load(const char *file, struct form_def **out, char *err,
    size_t errlen) ST_MUST_CHECK;
void form_free(struct form_def *def);

/* Load every *.xml in dir; all or nothing. */
st_rc formset_load(struct formset *fs, const char *dir, char *err,
    size_t errlen) ST_MUST_CHECK;
void formset_release(struct formset *fs);
/* The highest version of id, or NULL. */
const struct form_def *formset_current(const struct formset *fs,
    const char *id);
const struct form_def *formset_get(const struct formset *fs, const char *id,
    unsigned version);

void form_errors_init(struct form_errors *e);
void form_errors_release(struct form_errors *e);
void form_errors_add(struct form_errors *e, const char *path,
    const char *html_id, const char *label, const char *message);

/* A fresh instance: a copy of the template. Caller frees. */
xmlDocPtr form_new_instance(const struct form_def *def);

/*
 * Validate inst against def: its shape (nodes the form does not have are
 * errors; nodes it has that are missing are filled in from the template),
 * then the binds in XForms order (recalculate, then relevant, readonly,
 * required, type, constraint, with XForms' inheritance). Errors are
 * appended to errs in the current language. With prune set and no
 * errors, non-relevant nodes are removed from inst, as XForms does on
 * submission, and so are comments, processing instructions and
 * namespace declarations (what is stored is the canonical instance, not
 * the client's way of writing it). Returns ST_OK when validation ran
 * (errs says whether the instance is valid), or ST_E_INTERNAL when a
 * definition's expression failed (a circular calculation, say).
 */
st_rc form_validate(const struct form_def *def, const struct form_env *env,
    xmlDocPtr inst, struct form_errors *errs, int prune) ST_MUST_CHECK;

/*
 * Build an instance from browser form fields, named by instance path.
 * The rows of a repeat are those the page listed in its "_row:ID" fields,
 * in that order, renumbered from 1.
 */
st_rc form_from_fields(const struct form_def *def,
    const struct fields *fields, xmlDocPtr *out) ST_MUST_CHECK;

/*
 * XForms' insert and delete, as the browser's add and remove buttons
 * ("_action" = "insert:ID" or "delete:ID:N") ask for them: insert adds a
 * fresh row (a copy of the template's) after the last; delete removes
 * row n (from 1). ST_E_INVALID for an unknown repeat or row.
 */
st_rc form_action(const struct form_def *def, xmlDocPtr inst,
    const char *action) ST_MUST_CHECK;

/*
 * Append to parent the view of the form (its controls with labels,
 * values, items and errors in the current language) for the stylesheet.
 * readonly renders values only (a stored instance).
 */
st_rc form_view(const struct form_def *def, const struct form_env *env,
    xmlDocPtr inst, const struct form_errors *errs, int readonly,
    xmlNodePtr parent) ST_MUST_CHECK;

/*
 * Append to parent the read-only view of a stored instance, with the
 * form version it was made with, or <missing-form> when that version
 * is no longer loaded or the stored text does not parse. When omit is
 * not NULL, the text of every node under the instance paths it names
 * (separated by spaces) is left out (the child's identity, for an
 * anonymous discussion).
 */
st_rc form_view_stored(const struct formset *fs,
    const struct form_env *env, const char *form_id, unsigned version,
    const char *xml, size_t len, const char *omit, xmlNodePtr parent)
    ST_MUST_CHECK;

/* The text of the first child <name> of el in lang (fallback nb, any):
 * its first text node, so an xf:output in it is not there (the view and
 * the messages of a control evaluate them: form_eval.h, eval_text). */
const char *form_text(xmlNodePtr el, const char *ns, const char *name,
    enum lang lang);
/* The language of that text when it is not lang (a fallback: "nb", as
 * its xml:lang says), for the page to mark it; NULL when it is in lang
 * or its language is not known. */
const char *form_text_lang(xmlNodePtr el, const char *ns, const char *name,
    enum lang lang);
/* That child element itself (in lang, else nb, else any), or NULL. */
xmlNodePtr form_text_el(xmlNodePtr el, const char *ns, const char *name,
    enum lang lang);

/* Type checking of one lexical value; returns NULL or a message key. */
const char *ftype_check(enum ftype t, const char *value);
const char *ftype_name(enum ftype t);

/* The path of a node of an instance of def, repeats indexed. Caller
 * frees. */
char *form_node_path(const struct form_def *def, xmlNodePtr node);
/* "f-minutes-decisions-decision-2-text" for a path (caller frees). */
char *form_html_id(const char *path);
/* The template path of a node: its path with [n] indexes removed. */
char *form_node_tpath(xmlNodePtr node);
/* Is tpath the item of a repeat (its elements may occur 0..n times)? */
int form_is_repeat(const struct form_def *def, const char *tpath);

/*
 * The text of the element at an absolute path of plain names
 * ("/concern/child/name") in inst, copied into the pool; "" if absent.
 * For handlers that read a few known fields of a validated instance.
 */
const char *form_get(xmlDocPtr inst, const char *path, struct pool *pool);
/* The first element child of n called name, or NULL (n may be NULL):
 * for walking a repeat's rows. */
xmlNodePtr form_child(xmlNodePtr n, const char *name);

/* Write an XML Schema for the instances of def into out (a document). */
st_rc form_schema(const struct form_def *def, xmlDocPtr *out) ST_MUST_CHECK;

#endif
