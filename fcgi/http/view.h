/* view.h: the XML view document a handler builds, and its rendering. */
#ifndef ST_VIEW_H
#define ST_VIEW_H

#include <libxml/tree.h>
#include <libxslt/xsltInternals.h>

#include "result.h"
#include "xmlnode.h"

struct req;

/*
 * Handlers describe what to show as an XML document and never write HTML:
 * view_page() starts a page whose root <page name="..."> is rendered by
 * the stylesheet forms/xsl/NAME.xsl; view_doc() starts a plain document
 * for API clients, sent as XML. Text goes in through view_el/view_attr
 * (xmlnode.h), so escaping cannot be forgotten.
 *
 * Documents belong to the request pool.
 *
 * view_page fills in what every page needs: language, the user (name,
 * role, unit), the CSRF token for forms, and the request path.
 */
struct xslset {
	char			**names;
	xsltStylesheetPtr	 *sheets;
	size_t			  n;
};

st_rc xslset_load(struct xslset *s, const char *dir, char *err,
    size_t errlen) ST_MUST_CHECK;
void xslset_release(struct xslset *s);
xsltStylesheetPtr xslset_get(const struct xslset *s, const char *name);

xmlNodePtr view_page(struct req *r, const char *name);
/* A time from the database (UTC): local to the municipality on a page,
 * as stored (ISO 8601, UTC) for API clients; nothing when utc is NULL. */
void view_time_attr(const struct req *r, xmlNodePtr n, const char *name,
    const char *utc);
/* Whether code is one a page confirms (resp_done_note). */
int view_done_known(const char *code);
xmlNodePtr view_doc(struct req *r, const char *root);
/* Frees an xmlDocPtr: a pool_fn, for a document a request owns. */
void view_free_doc(void *doc);

/*
 * Everything a browser sent with a refused form but its CSRF token, as
 * <typed name="...">value</typed> under parent, each with key="value"
 * naming which of the page's forms it came from, so the page shows it
 * again. The caller adds the <error>. API clients send no form fields:
 * nothing is added for them.
 */
void view_typed(struct req *r, xmlNodePtr parent, const char *key,
    const char *value);

/*
 * Send the document that node belongs to: a <page> through its
 * stylesheet as HTML, anything else as application/xml.
 */
st_rc view_send(struct req *r, int status, xmlNodePtr node) ST_MUST_CHECK;
/* An API client's refusal of one field: <errors><error path=field>
 * message</error></errors> with status. */
st_rc view_send_field_error(struct req *r, int status, const char *field,
    const char *message) ST_MUST_CHECK;
/* Render doc with the stylesheet NAME.xsl into out (replacing it). */
struct buf;
st_rc view_render(struct req *r, xmlDocPtr doc, const char *name,
    struct buf *out) ST_MUST_CHECK;
/* Send any document (a form definition, a schema) as application/xml;
 * the caller keeps it. */
st_rc view_send_xml(struct req *r, int status, xmlDocPtr doc) ST_MUST_CHECK;

#endif
