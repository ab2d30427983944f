/* xmlsafe.h: the only way untrusted XML is parsed in stafett. */
#ifndef ST_XMLSAFE_H
#define ST_XMLSAFE_H

#include <stddef.h>

#include <libxml/tree.h>

#include "result.h"

/*
 * xmlsafe_parse turns bytes from outside (an API body, a stored instance)
 * into a libxml2 document, refusing everything that makes XML dangerous:
 *
 * - any document type declaration (DOCTYPE), and with it every entity
 *   declaration, external entity and "billion laughs" expansion: the
 *   parser is stopped the moment one appears;
 * - network access and DTD loading (never enabled);
 * - documents deeper than max_depth elements or larger than max_bytes,
 *   and elements with more than XMLSAFE_MAX_ATTRIBUTES attributes
 *   (found by a scan that reads each byte once, before libxml2, whose
 *   check for repeated attributes costs the square of their number);
 * - bytes that are not UTF-8 made of XML characters, and documents that
 *   declare an encoding other than UTF-8.
 *
 * On success *out owns a new document (xmlFreeDoc). On failure *out is
 * NULL, the result is ST_E_INVALID or ST_E_TOO_BIG, and err holds a short
 * English reason with the line number (for API clients, never logged).
 */
#define XMLSAFE_MAX_ATTRIBUTES	256

st_rc xmlsafe_parse(const char *data, size_t len, size_t max_bytes,
    unsigned max_depth, xmlDocPtr *out, char *err, size_t errlen)
    ST_MUST_CHECK;

/* Process-wide libxml2 settings (no entity expansion, no DTD loading,
 * no error printing); call once at start-up. */
void xmlsafe_global_init(void);

#endif
