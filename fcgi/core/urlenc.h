/* urlenc.h: parse application/x-www-form-urlencoded text and cookies. */
#ifndef ST_URLENC_H
#define ST_URLENC_H

#include <stddef.h>

#include "result.h"

/*
 * A parsed field list. Names and values are decoded ('+' is a space,
 * %XX a byte), checked to be XML-safe UTF-8 (utf8_xml_text), and owned by
 * the list. Fields keep their order; a name may repeat (a multi-select
 * sends one field per chosen value).
 *
 * Limits: at most URLENC_MAX_FIELDS fields; parsing more fails with
 * ST_E_TOO_BIG. Any malformed escape or invalid text fails with
 * ST_E_INVALID and the list is left empty: a request is either fully
 * parsed or refused.
 */
#define URLENC_MAX_FIELDS 2000

struct field {
	char	*name;
	char	*value;
};

struct fields {
	struct field	*v;
	size_t		 n;
	size_t		 alloc;
};

void fields_init(struct fields *f);
void fields_release(struct fields *f);

/* Parse "a=1&b=2" (a query string or a form body). */
st_rc urlenc_parse(struct fields *f, const char *s, size_t len) ST_MUST_CHECK;
/* Parse a Cookie header: "a=1; b=2" (values are not %-decoded). */
st_rc cookie_parse(struct fields *f, const char *s) ST_MUST_CHECK;

/* The first value of name, or NULL. */
const char *fields_get(const struct fields *f, const char *name);
/* Add a copy of name and value (used by tests and by the form engine). */
void fields_add(struct fields *f, const char *name, const char *value);

struct buf;
/*
 * Append f as a query string ("a=1&b=2"), every byte but the unreserved
 * ones of RFC 3986 percent-encoded, leaving out the fields whose name is
 * in skip (NULL-terminated): the page's own address with another ?lang=.
 */
st_rc urlenc_put(struct buf *b, const struct fields *f,
    const char *const *skip) ST_MUST_CHECK;

#endif
