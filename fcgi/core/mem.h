/* mem.h: the only allocation functions stafett calls directly. */
#ifndef ST_MEM_H
#define ST_MEM_H

#include <stddef.h>

/*
 * These wrap malloc and friends. On allocation failure they log and abort
 * the process: a worker that cannot allocate a few bytes cannot serve the
 * request safely, and the master respawns it. Because they never return
 * NULL, callers need no NULL checks; per-request memory is bounded by the
 * caps on buffers and bodies, not here.
 *
 * xfree(NULL) is a no-op. xstrndup copies at most n bytes and always
 * terminates the copy.
 */
#define X_ALLOC	__attribute__((malloc, returns_nonnull))

void *xmalloc(size_t n) X_ALLOC;
void *xcalloc(size_t nmemb, size_t size) X_ALLOC;
void *xrealloc(void *p, size_t n) __attribute__((returns_nonnull));
char *xstrdup(const char *s) X_ALLOC;
char *xstrndup(const char *s, size_t n) X_ALLOC;
void xfree(void *p);

#endif
