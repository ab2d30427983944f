/* buf.h: the one growable byte buffer, with a hard cap chosen per use. */
#ifndef ST_BUF_H
#define ST_BUF_H

#include <stdarg.h>
#include <stddef.h>

#include "result.h"

/*
 * A struct buf holds bytes and is always NUL-terminated, so buf.data can be
 * passed where a C string is wanted (it may also contain NULs: use buf.len).
 * buf.data is never NULL: an empty buffer points at a shared empty string.
 *
 * Every buffer has a cap (max) fixed at buf_init: an append that would make
 * len exceed max fails with ST_E_TOO_BIG and leaves the buffer unchanged.
 * That is how per-request memory stays bounded: a request body, a response,
 * a rendered page each get a cap that fits their purpose.
 *
 * Lifecycle: buf_init (no allocation), buf_release (free, back to empty
 * with the same cap), buf_take (hand the bytes to the caller, who frees
 * them with xfree; the buffer is empty afterwards).
 */
struct buf {
	char	*data;
	size_t	 len;
	size_t	 cap;	/* allocated bytes, 0 while data is the empty string */
	size_t	 max;	/* hard cap on len */
};

#define BUF_INIT(maxlen) { (char *)buf_empty, 0, 0, (maxlen) }

extern const char buf_empty[1];

void buf_init(struct buf *b, size_t max);
void buf_release(struct buf *b);
/* Forget the contents but keep the allocation for reuse. */
void buf_reset(struct buf *b);
/* Shorten to len bytes (no-op if already shorter). */
void buf_truncate(struct buf *b, size_t len);
/* Caller owns the returned string (xfree). Never NULL. */
char *buf_take(struct buf *b) ST_MUST_CHECK;

st_rc buf_add(struct buf *b, const void *p, size_t n) ST_MUST_CHECK;
st_rc buf_addstr(struct buf *b, const char *s) ST_MUST_CHECK;
st_rc buf_addch(struct buf *b, char c) ST_MUST_CHECK;
/* s as a JSON string, quoted, or null when s is NULL: for the JSON a
 * statement unpacks with JSON_TABLE (stmt.c), never for SQL text. */
st_rc buf_add_json_str(struct buf *b, const char *s) ST_MUST_CHECK;
st_rc buf_addf(struct buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3))) ST_MUST_CHECK;
st_rc buf_vaddf(struct buf *b, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0))) ST_MUST_CHECK;

#endif
