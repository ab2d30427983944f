/* pool.h: per-request cleanup list, released in one place. */
#ifndef ST_POOL_H
#define ST_POOL_H

#include <stddef.h>

/*
 * A pool collects everything a request allocates that must be freed when
 * the request ends: strings, libxml2 documents, XPath contexts, query
 * results. pool_release runs the cleanups in reverse order of
 * registration (so a context registered after its document is freed
 * first) and leaves the pool empty and reusable.
 *
 * Memory from pool_alloc/pool_strdup is owned by the pool: never free it
 * yourself. Nothing in a pool outlives the request.
 */
typedef void (*pool_fn)(void *);

struct pool_item {
	pool_fn	 fn;
	void	*p;
};

struct pool {
	struct pool_item	*v;
	size_t			 n;
	size_t			 alloc;
};

void pool_init(struct pool *pool);
void pool_release(struct pool *pool);
/* Register p to be released with fn; returns p for convenience. */
void *pool_add(struct pool *pool, pool_fn fn, void *p);
void *pool_alloc(struct pool *pool, size_t n);
char *pool_strdup(struct pool *pool, const char *s);
char *pool_strndup(struct pool *pool, const char *s, size_t n);

#endif
