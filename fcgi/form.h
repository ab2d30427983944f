/* form.h: XForms-style form definitions, validation and rendering data. */
#ifndef ST_FORM_H
#define ST_FORM_H

#include <stddef.h>

#include <libxml/tree.h>
#include <libxml/xpath.h>

#include "i18n.h"
#include "result.h"
#include "urlenc.h"

/*
 * A form definition is an XML file in forms/: a root <form id= version=>
 * in FORM_NS holding titles, one xf:model (instances and binds) and the
 * controls (xf:group, xf:input, xf:textarea, xf:select1, xf:select, ...),
 * in the XForms namespace. See forms/README.md for the format and
 * docs/xforms-conformance.md for what of XForms 1.1 is supported.
 *
 * Loading (form_load) checks the whole definition: unknown elements,
 * XPath that does not compile or evaluate, binds and controls that point
 * at no node of the instance, unknown types. A definition that fails is
 * refused with a message naming the file and the problem.
 *
 * A loaded struct form_def is immutable and shared by all requests; it
 * owns its document and compiled expressions. Instances are separate
 * documents whose root matches the definition's primary instance.
 */
#define FORM_NS	"urn:x-stafett:form"
#define XF_NS	"http://www.w3.org/2002/xforms"
#define XSD_NS	"http://www.w3.org/2001/XMLSchema"

enum ftype {
	FT_STRING, FT_BOOLEAN, FT_DATE, FT_DATETIME, FT_TIME, FT_INTEGER,
	FT_DECIMAL, FT_NIN, FT_PHONE, FT_EMAIL
};

enum ctl_kind {
	CTL_GROUP, CTL_INPUT, CTL_SECRET, CTL_TEXTAREA, CTL_SELECT1,
	CTL_SELECT, CTL_RANGE, CTL_OUTPUT, CTL_TRIGGER, CTL_SUBMIT, CTL_REPEAT
};

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
};

/* A control bound to an instance node (groups included). */
struct form_field {
	char			*path;	/* template path: /concern/child/name */
	enum ctl_kind		 kind;
	xmlNodePtr		 el;	/* the control in the definition */
	xmlXPathCompExprPtr	 ref;	/* NULL for a group without ref */
	enum ftype		 type;	/* from the binds, for rendering */
	int			 empty_ok;
};

struct form_def {
	char			*id;
	unsigned		 version;
	char			*file;
	xmlDocPtr		 doc;	/* the definition */
	xmlNodePtr		 root;
	xmlDocPtr		 tmpl;	/* a copy of the primary instance */
	struct form_bind	*binds;
	size_t			 nbinds;
	struct form_field	*fields;
	size_t			 nfields;
};

/* One validation error: where, and what is wrong, in the user's language. */
struct form_error {
	char	*path;		/* instance path, e.g. /concern/child/nin */
	char	*html_id;	/* id of the control in the rendered page */
	char	*label;		/* the control's label, or NULL */
	char	*message;
};

struct form_errors {
	struct form_error	*v;
	size_t			 n;
	size_t			 alloc;
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
 * Validate inst against def: structure, then the binds (required, type,
 * constraint, relevant) in XForms order. Errors are appended to errs in
 * the current language. With prune set, non-relevant nodes are removed
 * from inst afterwards, as XForms does on submission. Returns ST_OK when
 * validation ran (errs says whether the instance is valid), or an error
 * when it could not run (ST_E_INTERNAL: a definition expression failed).
 */
st_rc form_validate(const struct form_def *def, xmlDocPtr inst,
    struct form_errors *errs, int prune) ST_MUST_CHECK;

/*
 * Build an instance from browser form fields (named by template path),
 * the way an XForms processor would have kept it during editing.
 */
st_rc form_from_fields(const struct form_def *def,
    const struct fields *fields, xmlDocPtr *out) ST_MUST_CHECK;

/*
 * Append to parent the view of the form (its controls with labels, values
 * and errors in the current language) for the stylesheet to render.
 * readonly renders values only (a stored instance).
 */
st_rc form_view(const struct form_def *def, xmlDocPtr inst,
    const struct form_errors *errs, int readonly, xmlNodePtr parent)
    ST_MUST_CHECK;

/* The text of the first child <name> of el in lang (fallback nb, any). */
const char *form_text(xmlNodePtr el, const char *ns, const char *name,
    enum lang lang);

/* Type checking of one lexical value; returns NULL or a message key. */
const char *ftype_check(enum ftype t, const char *value);
const char *ftype_name(enum ftype t);

/*
 * The text of the element at an absolute path of plain names
 * ("/concern/child/name") in inst, copied into the pool; "" if absent.
 * For handlers that read a few known fields of a validated instance.
 */
struct pool;
const char *form_get(xmlDocPtr inst, const char *path, struct pool *pool);

/* "f-concern-child-name" for "/concern/child/name" (caller frees). */
char *form_html_id(const char *path);
/* The template path of a node: its path with [n] indexes removed. */
char *form_node_tpath(xmlNodePtr node);

#endif
