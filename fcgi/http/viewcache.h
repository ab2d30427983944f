/* viewcache.h: what a worker keeps of log pages between reads. */
#ifndef ST_VIEWCACHE_H
#define ST_VIEWCACHE_H

#include <stddef.h>

#include <libxml/tree.h>
#include <sodium.h>

#include "result.h"

/*
 * A read of a long relay log spends most of its time on the same work
 * every time: nine statements for its lists and the stylesheet that
 * turns the page into HTML. A worker keeps both, under keys that name
 * everything they were made from, so that a kept copy is used only when
 * making it again would give the same bytes:
 *
 *  - a log's lists (an XML document), under the log, its version and
 *    the epoch (0011_view_version.sql: raised by triggers in the same
 *    transaction as every change the lists show), the reader, the
 *    language, today's date, and what was asked for (logview.c);
 *  - a rendered page, under a digest of the whole view document it was
 *    rendered from, with the lists stood for by their key (view.c).
 *
 * Keys are BLAKE2b digests (libsodium) of what they name. The cache is
 * one worker's, bounded in bytes (view_cache_kb; 0 keeps nothing), and
 * forgets what was used least recently. An entry a request still uses
 * is pinned and not forgotten until the request ends. With
 * view_cache_verify every use of a kept copy is checked against one made
 * afresh (the system tests run so): a difference is logged as "view
 * cache: stale" and the fresh one is used.
 */
#define VC_KEY_LEN	32

struct vc_key {
	unsigned char	b[VC_KEY_LEN];
};

/* Building a key: add what it names, in a fixed order. */
struct vc_hash {
	crypto_generichash_state st;
};

void vc_hash_init(struct vc_hash *h, const char *what);
void vc_hash_add(struct vc_hash *h, const void *p, size_t n);
void vc_hash_str(struct vc_hash *h, const char *s);	/* NULL allowed */
void vc_hash_int(struct vc_hash *h, long long v);
/* The serialised document, as view_send_xml would write it. */
st_rc vc_hash_doc(struct vc_hash *h, xmlDocPtr doc) ST_MUST_CHECK;
void vc_hash_final(struct vc_hash *h, struct vc_key *out);

struct vc_entry {
	struct vc_key	 key;
	xmlDocPtr	 doc;		/* lists, or NULL */
	char		*html;		/* a rendered page, or NULL */
	size_t		 len;		/* of html */
	size_t		 bytes;		/* what it is counted as */
	unsigned long long used;	/* when last used (the cache's clock) */
	unsigned	 pins;
	int		 dead;		/* replaced while pinned: not found */
};

struct viewcache {
	struct vc_entry	**e;
	size_t		 n, cap;
	size_t		 bytes, max_bytes;
	unsigned long long clock;
	long long	 epoch;		/* the epoch last seen, -1 at first */
	int		 verify;
};

void vc_init(struct viewcache *c, size_t max_bytes, int verify);
void vc_release(struct viewcache *c);
/* The entry under key, marked as used now, or NULL. */
struct vc_entry *vc_get(struct viewcache *c, const struct vc_key *key);
/*
 * Keep doc (which the cache then owns) or html (copied) under key,
 * replacing what was there, and forget the least recently used unpinned
 * entries until the cache is within its bound. Returns the entry, or
 * NULL when it is not kept (too big, or the cache is off): then doc is
 * still the caller's.
 */
struct vc_entry *vc_put_doc(struct viewcache *c, const struct vc_key *key,
    xmlDocPtr doc);
struct vc_entry *vc_put_html(struct viewcache *c, const struct vc_key *key,
    const char *html, size_t len);
void vc_pin(struct vc_entry *e);
void vc_unpin(void *e);		/* a pool_fn */
/* Forget everything not pinned (a test, or memory to give back). */
void vc_clear(struct viewcache *c);

#endif
