/* xpathfn.h: the XForms 1.1 XPath function library, for libxml2. */
#ifndef ST_XPATHFN_H
#define ST_XPATHFN_H

#include <libxml/xpath.h>

/* The same namespace as form definitions, so "st:" means one thing. */
#define XPATHFN_NS "urn:x-stafett:form"

/*
 * xpathfn_register adds to an XPath context the XForms functions the form
 * definitions use (XForms 1.1, section 7): boolean-from-string, if,
 * count-non-empty, days-from-date, local-date, now, instance; and one
 * of ours,
 * st:age-on(birthdate, date), completed years of age, in XPATHFN_NS
 * (the prefix "st" is bound in every context). Dates follow the xsd:date
 * lexical form; an invalid date gives NaN as XForms says.
 * "Today" is the municipality's local date (dates.h).
 */
void xpathfn_register(xmlXPathContextPtr ctxt);
/* Is name (in namespace ns, NULL: XForms') a function of the engine? */
int xpathfn_known(const char *name, const char *ns);

/*
 * XForms' instance('id') needs to know the instances of the model being
 * evaluated: set ctxt->userData to a struct xpathfn_model whose root()
 * returns the root element of instance id ("" for the default one), or
 * NULL if there is none (then instance() is an empty node-set).
 */
struct xpathfn_model {
	xmlNodePtr	(*root)(void *self, const char *id);
	void		 *self;
};

#endif
