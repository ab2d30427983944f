/* urlenc.c: form, query and cookie parsing (see urlenc.h). */
#include "config.h"

#include <string.h>

#include "buf.h"
#include "mem.h"
#include "urlenc.h"
#include "utf8.h"

void
fields_init(struct fields *f)
{
	f->v = NULL;
	f->n = 0;
	f->alloc = 0;
}

void
fields_release(struct fields *f)
{
	size_t i;

	for (i = 0; i < f->n; i++) {
		xfree(f->v[i].name);
		xfree(f->v[i].value);
	}
	xfree(f->v);
	fields_init(f);
}

static void
push(struct fields *f, char *name, char *value)
{
	if (f->n == f->alloc) {
		f->alloc = f->alloc ? f->alloc * 2 : 16;
		f->v = xrealloc(f->v, f->alloc * sizeof(*f->v));
	}
	f->v[f->n].name = name;
	f->v[f->n].value = value;
	f->n++;
}

void
fields_add(struct fields *f, const char *name, const char *value)
{
	push(f, xstrdup(name), xstrdup(value));
}

static st_rc
put_escaped(struct buf *b, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *p;
	st_rc rc = ST_OK;

	for (p = (const unsigned char *)s; *p != '\0' && rc == ST_OK; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("-._~", *p) != NULL)
			rc = buf_addch(b, (char)*p);
		else
			rc = buf_addf(b, "%%%c%c", hex[*p >> 4], hex[*p & 15]);
	}
	return rc;
}

st_rc
urlenc_put(struct buf *b, const struct fields *f, const char *const *skip)
{
	const char *const *k;
	size_t i;
	int first = 1;
	st_rc rc = ST_OK;

	for (i = 0; i < f->n && rc == ST_OK; i++) {
		for (k = skip; k != NULL && *k != NULL; k++)
			if (strcmp(*k, f->v[i].name) == 0)
				break;
		if (k != NULL && *k != NULL)
			continue;
		if (!first)
			rc = buf_addch(b, '&');
		first = 0;
		if (rc == ST_OK)
			rc = put_escaped(b, f->v[i].name);
		if (rc == ST_OK)
			rc = buf_addch(b, '=');
		if (rc == ST_OK)
			rc = put_escaped(b, f->v[i].value);
	}
	return rc;
}

const char *
fields_get(const struct fields *f, const char *name)
{
	size_t i;

	for (i = 0; i < f->n; i++)
		if (strcmp(f->v[i].name, name) == 0)
			return f->v[i].value;
	return NULL;
}

static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Decode s[0..len) into a new string; NULL if malformed or not XML-safe. */
static char *
decode(const char *s, size_t len)
{
	char *out = xmalloc(len + 1);
	size_t i, o = 0;

	for (i = 0; i < len; i++) {
		if (s[i] == '+')
			out[o++] = ' ';
		else if (s[i] == '%') {
			int hi, lo;

			if (i + 2 >= len)
				goto bad;
			hi = hexval(s[i + 1]);
			lo = hexval(s[i + 2]);
			if (hi < 0 || lo < 0)
				goto bad;
			out[o++] = (char)(hi * 16 + lo);
			i += 2;
		} else
			out[o++] = s[i];
	}
	out[o] = '\0';
	if (!utf8_xml_text(out, o))
		goto bad;
	return out;
bad:
	xfree(out);
	return NULL;
}

st_rc
urlenc_parse(struct fields *f, const char *s, size_t len)
{
	size_t i = 0;

	while (i < len) {
		size_t end = i, eq;
		char *name, *value;

		while (end < len && s[end] != '&')
			end++;
		if (end == i) {		/* "a=1&&b=2": skip empty pairs */
			i = end + 1;
			continue;
		}
		if (f->n >= URLENC_MAX_FIELDS) {
			fields_release(f);
			return ST_E_TOO_BIG;
		}
		for (eq = i; eq < end && s[eq] != '='; eq++)
			;
		name = decode(s + i, eq - i);
		value = eq < end ? decode(s + eq + 1, end - eq - 1) :
		    xstrdup("");
		if (name == NULL || value == NULL || *name == '\0') {
			xfree(name);
			xfree(value);
			fields_release(f);
			return ST_E_INVALID;
		}
		push(f, name, value);
		i = end + 1;
	}
	return ST_OK;
}

st_rc
cookie_parse(struct fields *f, const char *s)
{
	while (*s != '\0') {
		const char *start, *eq, *end;

		while (*s == ' ' || *s == ';')
			s++;
		if (*s == '\0')
			break;
		start = s;
		while (*s != '\0' && *s != ';')
			s++;
		end = s;
		while (end > start && end[-1] == ' ')
			end--;
		eq = memchr(start, '=', (size_t)(end - start));
		if (eq == NULL || eq == start)
			continue;	/* not a name=value pair: ignore */
		if (f->n >= URLENC_MAX_FIELDS) {
			fields_release(f);
			return ST_E_TOO_BIG;
		}
		if (!utf8_xml_text(start, (size_t)(end - start)))
			continue;
		push(f, xstrndup(start, (size_t)(eq - start)),
		    xstrndup(eq + 1, (size_t)(end - eq - 1)));
	}
	return ST_OK;
}
