/* metrics.h: request counters shared by all workers, in Prometheus form. */
#ifndef ST_METRICS_H
#define ST_METRICS_H

#include "buf.h"
#include "result.h"

/*
 * The master maps one struct metrics into shared memory before it forks,
 * so every worker counts into the same place with atomic additions and
 * any worker can answer GET /metrics with the totals. Nothing in it
 * identifies a person: routes are patterns ("/concerns/{id}"), never
 * paths with ids.
 */
#define METRICS_MAX_ROUTES	64
#define METRICS_NSTATUS		17
#define METRICS_NBUCKETS	12

struct metrics {
	unsigned long long req[METRICS_MAX_ROUTES + 1][METRICS_NSTATUS];
	unsigned long long bucket[METRICS_MAX_ROUTES + 1][METRICS_NBUCKETS];
	unsigned long long sum_us[METRICS_MAX_ROUTES + 1];
	unsigned long long count[METRICS_MAX_ROUTES + 1];
	unsigned long long worker_restarts;
	unsigned long long db_reconnects;
	unsigned long long workers;
};

/* Shared, zeroed memory for the counters; NULL if it cannot be mapped. */
struct metrics *metrics_create(void);
void metrics_destroy(struct metrics *m);
/* route < 0 counts as "no route". */
void metrics_observe(struct metrics *m, int route, int status,
    unsigned long long us);
void metrics_add(unsigned long long *counter, unsigned long long n);
/* Prometheus text exposition; names[i] labels route i. */
st_rc metrics_render(const struct metrics *m, const char *const *methods,
    const char *const *names, int nroutes, struct buf *out) ST_MUST_CHECK;

#endif
