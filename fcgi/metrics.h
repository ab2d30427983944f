/* metrics.h: request counters shared by all workers, in Prometheus form. */
#ifndef ST_METRICS_H
#define ST_METRICS_H

#include "buf.h"
#include "result.h"
#include "stmt.h"

/*
 * The master maps one struct metrics into shared memory before it forks,
 * so every worker counts into the same place with atomic additions and
 * any worker can answer GET /metrics with the totals. Nothing in it
 * identifies a person: routes are patterns ("/concerns/{id}"), never
 * paths with ids.
 *
 * The database statements are timed too, per statement name (stmt.h):
 * the time a worker waits for one prepared statement, from sending it to
 * holding its last row, so that where a request's time goes in MariaDB
 * can be read off a running server (bench/outbox reads the outbox's
 * share this way). Names only: never a parameter or a value.
 */
#define METRICS_MAX_ROUTES	64
#define METRICS_NSTATUS		17
#define METRICS_NBUCKETS	12
#define METRICS_NSTMT_BUCKETS	14

struct metrics {
	unsigned long long req[METRICS_MAX_ROUTES + 1][METRICS_NSTATUS];
	unsigned long long bucket[METRICS_MAX_ROUTES + 1][METRICS_NBUCKETS];
	unsigned long long sum_us[METRICS_MAX_ROUTES + 1];
	unsigned long long count[METRICS_MAX_ROUTES + 1];
	unsigned long long worker_restarts;
	unsigned long long db_reconnects;
	unsigned long long workers;
	unsigned long long stmt_bucket[STMT__COUNT][METRICS_NSTMT_BUCKETS];
	unsigned long long stmt_sum_ns[STMT__COUNT];
	unsigned long long stmt_count[STMT__COUNT];
};

/* Shared, zeroed memory for the counters; NULL if it cannot be mapped. */
struct metrics *metrics_create(void);
void metrics_destroy(struct metrics *m);
/* route < 0 counts as "no route". */
void metrics_observe(struct metrics *m, int route, int status,
    unsigned long long us);
void metrics_add(unsigned long long *counter, unsigned long long n);
/* One run of statement stmt (an enum stmt_id) that took ns nanoseconds;
 * m NULL or stmt out of range: nothing. */
void metrics_observe_stmt(struct metrics *m, int stmt, unsigned long long ns);
/* Prometheus text exposition; names[i] labels route i. The statements
 * follow, those that ran, labelled with stmt_name(). */
st_rc metrics_render(const struct metrics *m, const char *const *methods,
    const char *const *names, int nroutes, struct buf *out) ST_MUST_CHECK;

#endif
