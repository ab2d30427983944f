/* form_eval.h: the evaluated model of one instance (internal to forms). */
#ifndef ST_FORM_EVAL_H
#define ST_FORM_EVAL_H

#include <libxml/xpath.h>

#include "form.h"
#include "xpathfn.h"

/*
 * While an instance is being evaluated, each of its element and attribute
 * nodes points (node->_private) at a struct mip: the binds that give it
 * each model item property and the computed values, with XForms'
 * inheritance applied (a node is relevant only if its parent is; readonly
 * is inherited; a calculated node is readonly). eval_release clears the
 * pointers; nothing of an evaluation outlives it.
 */
struct mip {
	const struct form_bind	*required, *relevant, *readonly;
	const struct form_bind	*constraint, *calculate, *type;
	int			 relevant_v, readonly_v, required_v;
	int			 constraint_v;
	/* the node's place in the nodeset of the first bind that selects
	 * it: position() and last() in its expressions (XForms 1.1) */
	int			 pos, size;
	size_t			 calc;	/* 1 + its index while recalculating */
	const struct form_field	*field;	/* its control, or NULL */
};

struct eval {
	const struct form_def	*def;
	const struct form_env	*env;
	xmlDocPtr		 inst;
	xmlXPathContextPtr	 xp;
	struct xpathfn_model	 model;
	xmlDocPtr		*docs;	/* secondary instances, as def's */
	struct mip		*mips;
	size_t			 n, alloc;
};

/* One item of a selection, in the current language. */
struct form_item {
	char		*value;
	char		*label;
	const char	*lang;	/* the label's, when not the page's */
};

/* Apply binds, recalculate, then compute relevance etc. (XForms order). */
st_rc eval_init(struct eval *ev, const struct form_def *def,
    const struct form_env *env, xmlDocPtr inst) ST_MUST_CHECK;
void eval_release(struct eval *ev);
/* The properties of a node, or NULL if it has none. */
struct mip *eval_mip(xmlNodePtr n);
/* The control bound to a node (by template path), or NULL. */
const struct form_field *eval_field(const struct form_def *def, xmlNodePtr n);
/*
 * The items of a select or select1 bound to node: its xf:item children and
 * what its xf:itemset selects now. *out is an array the caller frees with
 * form_items_free; the count is returned.
 */
size_t form_items(struct eval *ev, const struct form_field *f,
    xmlNodePtr node, struct form_item **out);
void form_items_free(struct form_item *items, size_t n);
/* Is every value of value (space-separated for a select) an item? */
int form_value_in(const struct form_item *items, size_t n,
    const char *value, int multiple);
/*
 * The text of f's child name ("label", "hint", "help", "alert") in the
 * current language, its xf:outputs evaluated with node as context (the
 * node the control is bound to): a copy the caller frees, or NULL when
 * f has no such child.
 */
char *eval_text(struct eval *ev, const struct form_field *f,
    const char *name, xmlNodePtr node);
/* Replace the text of an element (or the value of an attribute) with
 * value, taken literally. */
void form_set_text(xmlNodePtr n, const char *value);

#endif
