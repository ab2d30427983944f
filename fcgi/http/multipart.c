/* multipart.c: multipart/form-data body parsing (see multipart.h). */
#include "config.h"

#include <string.h>
#include <strings.h>

#include "mem.h"
#include "multipart.h"
#include "utf8.h"

/* CRLF "--" boundary: what ends a part's data. */
#define DELIM_MAX	(4 + MULTIPART_MAX_BOUNDARY)

/* Parameters of a header value: name=value, the value unquoted. */
struct param {
	const char	*name;
	size_t		 nlen;
	const char	*val;
	size_t		 vlen;
};

void
mparts_init(struct mparts *m)
{
	m->v = NULL;
	m->n = 0;
	m->alloc = 0;
}

static void
part_release(struct mpart *p)
{
	xfree(p->name);
	xfree(p->filename);
	xfree(p->ctype);
	memset(p, 0, sizeof(*p));
}

void
mparts_release(struct mparts *m)
{
	size_t i;

	for (i = 0; i < m->n; i++)
		part_release(&m->v[i]);
	xfree(m->v);
	mparts_init(m);
}

const struct mpart *
mparts_get(const struct mparts *m, const char *name)
{
	size_t i;

	for (i = 0; i < m->n; i++)
		if (strcmp(m->v[i].name, name) == 0)
			return &m->v[i];
	return NULL;
}

static void
push(struct mparts *m, const struct mpart *p)
{
	if (m->n == m->alloc) {
		m->alloc = m->alloc ? m->alloc * 2 : 8;
		m->v = xrealloc(m->v, m->alloc * sizeof(*m->v));
	}
	m->v[m->n++] = *p;
}

/* RFC 9110 tchar. */
static int
istchar(unsigned char c)
{
	if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9'))
		return 1;
	return c != '\0' && strchr("!#$%&'*+-.^_`|~", c) != NULL;
}

/* RFC 2046 bchars: what a boundary is made of. */
static int
isbchar(unsigned char c)
{
	if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9'))
		return 1;
	return c != '\0' && strchr("'()+_,-./:=? ", c) != NULL;
}

/* s[0..n) equals the lowercase literal lit, ignoring ASCII case. */
static int
ieq(const char *s, size_t n, const char *lit)
{
	return strlen(lit) == n && strncasecmp(s, lit, n) == 0;
}

static size_t
skip_ows(const char *s, size_t n, size_t i)
{
	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	return i;
}

static size_t
skip_token(const char *s, size_t n, size_t i)
{
	while (i < n && istchar((unsigned char)s[i]))
		i++;
	return i;
}

/*
 * The next parameter of s[*i..n) (RFC 9110: *( OWS ";" OWS [ parameter ] )
 * OWS). Returns 1 with it in *pr, 0 at the end, -1 on a syntax error.
 * A quoted value is returned without its quotes; a backslash in it is an
 * ordinary character (see multipart.h).
 */
static int
next_param(const char *s, size_t n, size_t *i, struct param *pr)
{
	size_t j = *i, start;

	for (;;) {
		j = skip_ows(s, n, j);
		if (j == n)
			return 0;
		if (s[j] != ';')
			return -1;
		j = skip_ows(s, n, j + 1);
		if (j == n)
			return 0;
		if (s[j] != ';')	/* else an empty parameter */
			break;
	}
	pr->name = s + j;
	j = skip_token(s, n, j);
	pr->nlen = (size_t)(s + j - pr->name);
	if (pr->nlen == 0 || j == n || s[j] != '=')
		return -1;
	j++;
	if (j < n && s[j] == '"') {
		start = ++j;
		for (; j < n && s[j] != '"'; j++) {
			unsigned char c = (unsigned char)s[j];

			/* qdtext, with the backslash taken literally */
			if ((c < 0x20 && c != '\t') || c == 0x7f)
				return -1;
		}
		if (j == n)
			return -1;
		pr->val = s + start;
		pr->vlen = j - start;
		j++;
	} else {
		start = j;
		j = skip_token(s, n, j);
		pr->val = s + start;
		pr->vlen = j - start;
		if (pr->vlen == 0)
			return -1;
	}
	*i = j;
	return 1;
}

/*
 * Take the boundary out of the request's Content-Type into b (NUL-
 * terminated, MULTIPART_MAX_BOUNDARY + 1 bytes) and its length into *blen.
 */
static st_rc
get_boundary(const char *ct, char *b, size_t *blen)
{
	static const char type[] = "multipart/form-data";
	struct param pr;
	size_t n, i, k;
	int r, found = 0;

	if (ct == NULL)
		return ST_E_INVALID;
	n = strlen(ct);
	i = skip_ows(ct, n, 0);
	if (n - i < sizeof(type) - 1 ||
	    strncasecmp(ct + i, type, sizeof(type) - 1) != 0)
		return ST_E_INVALID;
	i += sizeof(type) - 1;
	while ((r = next_param(ct, n, &i, &pr)) == 1) {
		if (!ieq(pr.name, pr.nlen, "boundary"))
			continue;
		if (found || pr.vlen == 0 || pr.vlen > MULTIPART_MAX_BOUNDARY ||
		    pr.val[pr.vlen - 1] == ' ')
			return ST_E_INVALID;
		for (k = 0; k < pr.vlen; k++)
			if (!isbchar((unsigned char)pr.val[k]))
				return ST_E_INVALID;
		memcpy(b, pr.val, pr.vlen);
		b[pr.vlen] = '\0';
		*blen = pr.vlen;
		found = 1;
	}
	return r == 0 && found ? ST_OK : ST_E_INVALID;
}

/*
 * Find needle (nlen > 0 bytes) in hay[from..n): 1 with its offset in *at,
 * or 0. Only CR can start a delimiter, so memchr skips most of a file.
 */
static int
find(const unsigned char *hay, size_t n, size_t from, const char *needle,
    size_t nlen, size_t *at)
{
	const unsigned char *p;

	while (from < n && n - from >= nlen) {
		p = memchr(hay + from, needle[0], n - from - nlen + 1);
		if (p == NULL)
			return 0;
		if (memcmp(p, needle, nlen) == 0) {
			*at = (size_t)(p - hay);
			return 1;
		}
		from = (size_t)(p - hay) + 1;
	}
	return 0;
}

/*
 * A name or file name: XML-safe UTF-8 with no control character at all,
 * C1 (U+0080..U+009F, in UTF-8 C2 80..C2 9F) included.
 */
static int
clean_text(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c < 0x20 || c == 0x7f)
			return 0;
		if (c == 0xc2 && i + 1 < n && (unsigned char)s[i + 1] >= 0x80 &&
		    (unsigned char)s[i + 1] <= 0x9f)
			return 0;
	}
	return utf8_xml_text(s, n);
}

/* Content-Disposition: form-data; name="..."[; filename="..."] */
static st_rc
disposition(const char *v, size_t n, struct mpart *p)
{
	struct param pr;
	size_t i, k, base;
	int r;

	i = skip_token(v, n, 0);
	if (!ieq(v, i, "form-data"))
		return ST_E_INVALID;
	while ((r = next_param(v, n, &i, &pr)) == 1) {
		if (ieq(pr.name, pr.nlen, "name")) {
			if (p->name != NULL || pr.vlen == 0 ||
			    !clean_text(pr.val, pr.vlen))
				return ST_E_INVALID;
			p->name = xstrndup(pr.val, pr.vlen);
		} else if (ieq(pr.name, pr.nlen, "filename")) {
			if (p->filename != NULL || !clean_text(pr.val, pr.vlen))
				return ST_E_INVALID;
			/* the client's path is none of our business */
			for (base = 0, k = 0; k < pr.vlen; k++)
				if (pr.val[k] == '/' || pr.val[k] == '\\')
					base = k + 1;
			if (ieq(pr.val + base, pr.vlen - base, ".") ||
			    ieq(pr.val + base, pr.vlen - base, ".."))
				return ST_E_INVALID;
			p->filename = xstrndup(pr.val + base, pr.vlen - base);
		}
	}
	return r == 0 && p->name != NULL ? ST_OK : ST_E_INVALID;
}

/* Bits for the headers a part may carry once. */
enum {
	SEEN_DISPOSITION = 1,
	SEEN_CTYPE = 2,
	SEEN_CTE = 4
};

/* One header line (without its CRLF) of a part. */
static st_rc
header(const char *s, size_t n, struct mpart *p, int *seen)
{
	size_t i, k, colon, end;
	int bit;

	colon = skip_token(s, n, 0);
	if (colon == 0 || colon == n || s[colon] != ':')
		return ST_E_INVALID;	/* also a folded line */
	for (i = colon + 1; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if ((c < 0x20 && c != '\t') || c == 0x7f)
			return ST_E_INVALID;
	}
	i = skip_ows(s, n, colon + 1);
	for (end = n; end > i && (s[end - 1] == ' ' || s[end - 1] == '\t');)
		end--;
	if (ieq(s, colon, "content-disposition"))
		bit = SEEN_DISPOSITION;
	else if (ieq(s, colon, "content-type"))
		bit = SEEN_CTYPE;
	else if (ieq(s, colon, "content-transfer-encoding"))
		bit = SEEN_CTE;
	else
		return ST_OK;
	if (*seen & bit)
		return ST_E_INVALID;
	*seen |= bit;
	switch (bit) {
	case SEEN_DISPOSITION:
		return disposition(s + i, end - i, p);
	case SEEN_CTYPE:
		if (end == i)
			return ST_E_INVALID;
		for (k = i; k < end; k++)
			if ((unsigned char)s[k] < 0x20 ||
			    (unsigned char)s[k] >= 0x7f)
				return ST_E_INVALID;
		p->ctype = xstrndup(s + i, end - i);
		return ST_OK;
	default:
		return ieq(s + i, end - i, "binary") ||
		    ieq(s + i, end - i, "8bit") || ieq(s + i, end - i, "7bit") ?
		    ST_OK : ST_E_INVALID;
	}
}

/*
 * The header lines of a part, from body[*pos] to the empty line; *pos is
 * then where the data begins.
 */
static st_rc
headers(const unsigned char *body, size_t len, size_t *pos, struct mpart *p)
{
	size_t i = *pos, e, lines = 0;
	int seen = 0;
	st_rc rc;

	for (;;) {
		for (e = i; e < len && e - i <= MULTIPART_MAX_LINE; e++)
			if (body[e] == '\r' || body[e] == '\n')
				break;
		if (e - i > MULTIPART_MAX_LINE)
			return ST_E_TOO_BIG;
		if (e + 1 >= len || body[e] != '\r' || body[e + 1] != '\n')
			return ST_E_INVALID;	/* truncated, or bare CR/LF */
		if (e == i)
			break;
		if (++lines > MULTIPART_MAX_HEADERS)
			return ST_E_TOO_BIG;
		rc = header((const char *)body + i, e - i, p, &seen);
		if (rc != ST_OK)
			return rc;
		i = e + 2;
	}
	*pos = e + 2;
	return (seen & SEEN_DISPOSITION) ? ST_OK : ST_E_INVALID;
}

/*
 * After a delimiter at body[*pos]: 1 if it closes the body, 0 if a part
 * follows (*pos moved past padding and CRLF), -1 if it is malformed.
 */
static int
after_delim(const unsigned char *body, size_t len, size_t *pos)
{
	size_t i = *pos;

	if (len - i >= 2 && body[i] == '-' && body[i + 1] == '-')
		return 1;
	while (i < len && (body[i] == ' ' || body[i] == '\t'))
		i++;
	if (len - i < 2 || body[i] != '\r' || body[i + 1] != '\n')
		return -1;
	*pos = i + 2;
	return 0;
}

st_rc
multipart_parse(struct mparts *m, const char *content_type,
    const unsigned char *body, size_t len)
{
	char delim[DELIM_MAX + 1];
	struct mpart p;
	size_t blen = 0, dlen, pos, at;
	st_rc rc;
	int r;

	memset(&p, 0, sizeof(p));
	memcpy(delim, "\r\n--", 4);
	if ((rc = get_boundary(content_type, delim + 4, &blen)) != ST_OK)
		goto fail;
	dlen = 4 + blen;
	rc = ST_E_INVALID;
	/* The first delimiter may open the body, without its CRLF. */
	if (len >= dlen - 2 && memcmp(body, delim + 2, dlen - 2) == 0)
		pos = dlen - 2;
	else if (find(body, len, 0, delim, dlen, &at))
		pos = at + dlen;
	else
		goto fail;
	while ((r = after_delim(body, len, &pos)) == 0) {
		if (m->n >= MULTIPART_MAX_PARTS) {
			rc = ST_E_TOO_BIG;
			goto fail;
		}
		if ((rc = headers(body, len, &pos, &p)) != ST_OK)
			goto fail;
		rc = ST_E_INVALID;
		if (!find(body, len, pos, delim, dlen, &at))
			goto fail;	/* truncated, or no close delimiter */
		p.data = body + pos;
		p.len = at - pos;
		push(m, &p);
		memset(&p, 0, sizeof(p));
		pos = at + dlen;
	}
	if (r < 0)
		goto fail;
	return ST_OK;
fail:
	part_release(&p);
	mparts_release(m);
	return rc;
}
