/* xmlnode.h: elements and attributes with literal text, for every
 * document stafett builds (views, form pages, messages). */
#ifndef ST_XMLNODE_H
#define ST_XMLNODE_H

#include <libxml/tree.h>

/*
 * view_el() adds an element with text under parent; view_attr() sets an
 * attribute (nothing when value is NULL). Both copy the text literally
 * into text and attribute nodes, so escaping is done by libxml2's
 * serializer and cannot be forgotten. The f variants format first
 * (at most 511 bytes; longer text is cut).
 *
 * Elements deeper than VIEW_MAX_DEPTH are refused (view_el returns the
 * parent and logs), which bounds what a bug can build.
 */
#define VIEW_MAX_DEPTH 40

xmlNodePtr view_el(xmlNodePtr parent, const char *name, const char *text);
xmlNodePtr view_elf(xmlNodePtr parent, const char *name, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void view_attr(xmlNodePtr n, const char *name, const char *value);
void view_attrf(xmlNodePtr n, const char *name, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif
