/* xmlnode.c: elements and attributes with literal text (see xmlnode.h). */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>

#include "log.h"
#include "xmlnode.h"

static int
depth(xmlNodePtr n)
{
	int d = 0;

	for (; n != NULL && n->type == XML_ELEMENT_NODE; n = n->parent)
		d++;
	return d;
}

xmlNodePtr
view_el(xmlNodePtr parent, const char *name, const char *text)
{
	if (depth(parent) >= VIEW_MAX_DEPTH) {
		log_err("view element '%s' is nested too deeply", name);
		return parent;
	}
	/* xmlNewTextChild stores text literally (it is escaped on output). */
	return xmlNewTextChild(parent, NULL, BAD_CAST name,
	    text != NULL ? BAD_CAST text : NULL);
}

xmlNodePtr
view_elf(xmlNodePtr parent, const char *name, const char *fmt, ...)
{
	char text[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	return view_el(parent, name, text);
}

void
view_attr(xmlNodePtr n, const char *name, const char *value)
{
	if (value != NULL)
		xmlSetProp(n, BAD_CAST name, BAD_CAST value);
}

void
view_attrf(xmlNodePtr n, const char *name, const char *fmt, ...)
{
	char text[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	view_attr(n, name, text);
}
