/* buf.c: the growable, capped byte buffer (see buf.h). */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "mem.h"

const char buf_empty[1] = "";

void
buf_init(struct buf *b, size_t max)
{
	b->data = (char *)buf_empty;
	b->len = 0;
	b->cap = 0;
	b->max = max;
}

void
buf_release(struct buf *b)
{
	if (b->cap)
		xfree(b->data);
	buf_init(b, b->max);
}

void
buf_reset(struct buf *b)
{
	b->len = 0;
	if (b->cap)
		b->data[0] = '\0';
}

void
buf_truncate(struct buf *b, size_t len)
{
	if (len >= b->len)
		return;
	b->len = len;
	b->data[len] = '\0';
}

char *
buf_take(struct buf *b)
{
	char *p;

	if (b->cap == 0)
		return xstrdup("");
	p = b->data;
	buf_init(b, b->max);
	return p;
}

/* Make room for n more bytes plus the terminating NUL. */
static st_rc
grow(struct buf *b, size_t n)
{
	size_t need, cap;

	if (n > b->max || b->len > b->max - n)
		return ST_E_TOO_BIG;
	need = b->len + n + 1;
	if (need <= b->cap)
		return ST_OK;
	cap = b->cap ? b->cap : 64;
	while (cap < need)
		cap = cap > ((size_t)-1) / 2 ? need : cap * 2;
	/* cap - 1 > max, not cap > max + 1: max may be SIZE_MAX */
	if (cap - 1 > b->max)
		cap = b->max + 1;
	if (b->cap == 0) {
		b->data = xmalloc(cap);
		b->data[0] = '\0';
	} else
		b->data = xrealloc(b->data, cap);
	b->cap = cap;
	return ST_OK;
}

st_rc
buf_add(struct buf *b, const void *p, size_t n)
{
	st_rc rc;

	if (n == 0)
		return ST_OK;
	if ((rc = grow(b, n)) != ST_OK)
		return rc;
	memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
	return ST_OK;
}

st_rc
buf_addstr(struct buf *b, const char *s)
{
	return buf_add(b, s, strlen(s));
}

st_rc
buf_addch(struct buf *b, char c)
{
	return buf_add(b, &c, 1);
}

st_rc
buf_vaddf(struct buf *b, const char *fmt, va_list ap)
{
	va_list cp;
	int n;
	st_rc rc;

	va_copy(cp, ap);
	n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n < 0)
		return ST_E_INVALID;
	if ((rc = grow(b, (size_t)n)) != ST_OK)
		return rc;
	(void)vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
	return ST_OK;
}

st_rc
buf_addf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	st_rc rc;

	va_start(ap, fmt);
	rc = buf_vaddf(b, fmt, ap);
	va_end(ap);
	return rc;
}

st_rc
buf_add_json_str(struct buf *b, const char *s)
{
	const unsigned char *p;
	st_rc rc;

	if (s == NULL)
		return buf_addstr(b, "null");
	if ((rc = buf_addch(b, '"')) != ST_OK)
		return rc;
	for (p = (const unsigned char *)s; *p != '\0' && rc == ST_OK; p++) {
		if (*p == '"' || *p == '\\')
			rc = buf_addf(b, "\\%c", *p);
		else if (*p < 0x20)
			rc = buf_addf(b, "\\u%04x", *p);
		else
			rc = buf_addch(b, (char)*p);
	}
	return rc == ST_OK ? buf_addch(b, '"') : rc;
}
