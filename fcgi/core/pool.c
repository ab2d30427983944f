/* pool.c: the per-request cleanup list (see pool.h). */
#include "config.h"

#include <string.h>

#include "mem.h"
#include "pool.h"

void
pool_init(struct pool *pool)
{
	pool->v = NULL;
	pool->n = 0;
	pool->alloc = 0;
}

void
pool_release(struct pool *pool)
{
	while (pool->n > 0) {
		struct pool_item *it = &pool->v[--pool->n];

		it->fn(it->p);
	}
	xfree(pool->v);
	pool_init(pool);
}

void *
pool_add(struct pool *pool, pool_fn fn, void *p)
{
	if (p == NULL)
		return NULL;
	if (pool->n == pool->alloc) {
		pool->alloc = pool->alloc ? pool->alloc * 2 : 32;
		pool->v = xrealloc(pool->v, pool->alloc * sizeof(*pool->v));
	}
	pool->v[pool->n].fn = fn;
	pool->v[pool->n].p = p;
	pool->n++;
	return p;
}

void *
pool_alloc(struct pool *pool, size_t n)
{
	return pool_add(pool, xfree, xcalloc(1, n));
}

char *
pool_strdup(struct pool *pool, const char *s)
{
	return s == NULL ? NULL : pool_add(pool, xfree, xstrdup(s));
}

char *
pool_strndup(struct pool *pool, const char *s, size_t n)
{
	return s == NULL ? NULL : pool_add(pool, xfree, xstrndup(s, n));
}
