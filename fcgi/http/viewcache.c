/* viewcache.c: what a worker keeps of log pages between reads (see
 * viewcache.h). */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <libxml/xmlsave.h>

#include "mem.h"
#include "viewcache.h"

void
vc_hash_init(struct vc_hash *h, const char *what)
{
	crypto_generichash_init(&h->st, NULL, 0, VC_KEY_LEN);
	vc_hash_str(h, what);
}

void
vc_hash_add(struct vc_hash *h, const void *p, size_t n)
{
	crypto_generichash_update(&h->st, p, n);
}

/* Each string with its length first, so no two lists of strings run
 * together into the same bytes; NULL differs from "". */
void
vc_hash_str(struct vc_hash *h, const char *s)
{
	long long n = s != NULL ? (long long)strlen(s) : -1;

	vc_hash_add(h, &n, sizeof(n));
	if (s != NULL)
		vc_hash_add(h, s, (size_t)n);
}

void
vc_hash_int(struct vc_hash *h, long long v)
{
	vc_hash_add(h, &v, sizeof(v));
}

static int
hash_write(void *ctx, const char *data, int len)
{
	if (len > 0)
		vc_hash_add(ctx, data, (size_t)len);
	return len;
}

st_rc
vc_hash_doc(struct vc_hash *h, xmlDocPtr doc)
{
	xmlSaveCtxtPtr s;
	int failed;

	if ((s = xmlSaveToIO(hash_write, NULL, h, "UTF-8", 0)) == NULL)
		return ST_E_NOMEM;
	failed = xmlSaveDoc(s, doc) < 0;
	failed = xmlSaveClose(s) < 0 || failed;
	return failed ? ST_E_NOMEM : ST_OK;
}

void
vc_hash_final(struct vc_hash *h, struct vc_key *out)
{
	crypto_generichash_final(&h->st, out->b, VC_KEY_LEN);
}

void
vc_init(struct viewcache *c, size_t max_bytes, int verify)
{
	memset(c, 0, sizeof(*c));
	c->max_bytes = max_bytes;
	c->epoch = -1;
	c->verify = verify;
}

static void
entry_free(struct vc_entry *e)
{
	if (e->doc != NULL)
		xmlFreeDoc(e->doc);
	xfree(e->html);
	xfree(e);
}

void
vc_release(struct viewcache *c)
{
	size_t i;

	for (i = 0; i < c->n; i++)
		entry_free(c->e[i]);
	xfree(c->e);
	memset(c, 0, sizeof(*c));
}

static size_t
find(const struct viewcache *c, const struct vc_key *key)
{
	size_t i;

	for (i = 0; i < c->n; i++)
		if (!c->e[i]->dead &&
		    memcmp(c->e[i]->key.b, key->b, VC_KEY_LEN) == 0)
			return i;
	return (size_t)-1;
}

struct vc_entry *
vc_get(struct viewcache *c, const struct vc_key *key)
{
	size_t i = find(c, key);

	if (i == (size_t)-1)
		return NULL;
	c->e[i]->used = ++c->clock;
	return c->e[i];
}

static void
drop(struct viewcache *c, size_t i)
{
	c->bytes -= c->e[i]->bytes;
	entry_free(c->e[i]);
	c->e[i] = c->e[--c->n];
}

/* Forget the least recently used unpinned entries until need more bytes
 * fit; 0 when they cannot. */
static int
make_room(struct viewcache *c, size_t need)
{
	while (c->bytes + need > c->max_bytes) {
		size_t i, victim = (size_t)-1;

		for (i = 0; i < c->n; i++)
			if (c->e[i]->pins == 0 && (victim == (size_t)-1 ||
			    c->e[i]->used < c->e[victim]->used))
				victim = i;
		if (victim == (size_t)-1)
			return 0;
		drop(c, victim);
	}
	return 1;
}

/* What malloc adds to each allocation, about. */
#define MALLOC_OVERHEAD	16

static size_t
str_bytes(const xmlChar *s)
{
	return s != NULL ? strlen((const char *)s) + 1 + MALLOC_OVERHEAD : 0;
}

/* An estimate of the memory a document takes: libxml2's nodes and
 * attributes, their names (the documents have no dictionary) and text,
 * each with malloc's overhead. */
static size_t
doc_bytes(xmlNodePtr n)
{
	size_t b = 0;
	xmlAttrPtr a;

	for (; n != NULL; n = n->next) {
		b += sizeof(xmlNode) + MALLOC_OVERHEAD + str_bytes(n->content);
		if (n->type != XML_ELEMENT_NODE)
			continue;
		b += str_bytes(n->name);
		for (a = n->properties; a != NULL; a = a->next)
			b += sizeof(xmlAttr) + MALLOC_OVERHEAD +
			    str_bytes(a->name) + doc_bytes(a->children);
		b += doc_bytes(n->children);
	}
	return b;
}

/* Forget what is kept under key. An entry a request still uses stays
 * for it, found no more, and goes first once the request lets go. */
static void
forget(struct viewcache *c, const struct vc_key *key)
{
	size_t i = find(c, key);

	if (i == (size_t)-1)
		return;
	if (c->e[i]->pins == 0)
		drop(c, i);
	else {
		c->e[i]->dead = 1;
		c->e[i]->used = 0;
	}
}

/* Keep e (its size counted) under key in place of what was there;
 * NULL when it does not fit: too big for the cache (over a quarter of
 * it), or everything else is in use. */
static struct vc_entry *
put(struct viewcache *c, const struct vc_key *key, struct vc_entry *e)
{
	forget(c, key);
	e->key = *key;
	e->used = ++c->clock;
	if (e->bytes > c->max_bytes / 4 || !make_room(c, e->bytes))
		return NULL;
	if (c->n == c->cap) {
		c->cap = c->cap != 0 ? c->cap * 2 : 16;
		c->e = xrealloc(c->e, c->cap * sizeof(*c->e));
	}
	c->e[c->n++] = e;
	c->bytes += e->bytes;
	return e;
}

struct vc_entry *
vc_put_doc(struct viewcache *c, const struct vc_key *key, xmlDocPtr doc)
{
	struct vc_entry *e = xcalloc(1, sizeof(*e)), *kept;

	e->doc = doc;
	e->bytes = sizeof(*e) + MALLOC_OVERHEAD + sizeof(xmlDoc) +
	    doc_bytes(doc->children);
	if ((kept = put(c, key, e)) == NULL) {
		e->doc = NULL;
		entry_free(e);
	}
	return kept;
}

struct vc_entry *
vc_put_html(struct viewcache *c, const struct vc_key *key, const char *html,
    size_t len)
{
	struct vc_entry *e = xcalloc(1, sizeof(*e)), *kept;

	e->bytes = sizeof(*e) + len + 1 + 2 * MALLOC_OVERHEAD;
	if (e->bytes > c->max_bytes / 4) {
		/* not kept, and what was kept under key is out of date */
		forget(c, key);
		entry_free(e);
		return NULL;
	}
	e->html = xmalloc(len + 1);
	memcpy(e->html, html, len);
	e->html[len] = '\0';
	e->len = len;
	if ((kept = put(c, key, e)) == NULL)
		entry_free(e);
	return kept;
}

void
vc_pin(struct vc_entry *e)
{
	e->pins++;
}

void
vc_unpin(void *p)
{
	struct vc_entry *e = p;

	e->pins--;
}

void
vc_clear(struct viewcache *c)
{
	size_t i = 0;

	while (i < c->n)
		if (c->e[i]->pins == 0)
			drop(c, i);
		else
			i++;
}
