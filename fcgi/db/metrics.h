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
/* Room for every route of route.c (check_route.c makes sure). */
#define METRICS_MAX_ROUTES	192
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
	/* accounts deactivated since the start; also the epoch of the
	 * workers' token caches (auth.h): a raise drops every entry */
	unsigned long long accounts_deactivated;
	unsigned long long stmt_bucket[STMT__COUNT][METRICS_NSTMT_BUCKETS];
	unsigned long long stmt_sum_ns[STMT__COUNT];
	unsigned long long stmt_count[STMT__COUNT];
	/* the view cache (viewcache.h): [enum metrics_vc_what][result] */
	unsigned long long view_cache[2][3];
	/* the database as the monitor and the workers see it (dbwatch.h):
	 * CLOCK_MONOTONIC milliseconds of the last such event, 0: never */
	long long db_answer_ms, db_silent_ms, db_stall_ms;
	long long db_probe_ok_ms, db_probe_fail_ms;
	long long db_write_ok_ms, db_write_fail_ms;
};

enum metrics_vc_what { MVC_LISTS, MVC_PAGE };
enum metrics_vc_result { MVC_HIT, MVC_MISS, MVC_STALE };

/* Shared, zeroed memory for the counters; NULL if it cannot be mapped. */
struct metrics *metrics_create(void);
void metrics_destroy(struct metrics *m);
/* route < 0 counts as "no route". */
void metrics_observe(struct metrics *m, int route, int status,
    unsigned long long us);
void metrics_add(unsigned long long *counter, unsigned long long n);
/* A counter's value now, as any worker last added to it. */
unsigned long long metrics_read(const unsigned long long *counter);
/* A use of the view cache; m NULL: nothing. */
void metrics_view_cache(struct metrics *m, enum metrics_vc_what what,
    enum metrics_vc_result result);
/* One run of statement stmt (an enum stmt_id) that took ns nanoseconds;
 * m NULL or stmt out of range: nothing. */
void metrics_observe_stmt(struct metrics *m, int stmt, unsigned long long ns);
/* Prometheus text exposition; names[i] labels route i. The statements
 * follow, those that ran, labelled with stmt_name(). */
st_rc metrics_render(const struct metrics *m, const char *const *methods,
    const char *const *names, int nroutes, struct buf *out) ST_MUST_CHECK;

/*
 * Delivery to partners, read from the database at scrape time
 * (h_health.c), so every worker and every notify process adds up: the
 * queue depth per partner and state, and the delivery latency (from a
 * notice being made to the partner's 2xx) as a histogram that notify
 * counts per partner in delivery_latency when it records a delivery.
 * Nothing in it is about a person: partners are organisations, named by
 * their public id, with their name in stafett_partner_info.
 *
 * metrics_latency_ms[] are the upper bounds of the latency buckets in
 * milliseconds; the last bucket (METRICS_NLATENCY - 1) has none.
 * metrics_latency_le_ms() is the bound a latency of us microseconds is
 * counted under (METRICS_LATENCY_INF above the last), the value notify
 * stores; metrics_latency_bucket() the bucket a stored bound belongs
 * to (a bound from an older list counts in the first bucket it fits).
 */
#define METRICS_NLATENCY	15
#define METRICS_LATENCY_INF	4294967295ULL
extern const unsigned long long metrics_latency_ms[METRICS_NLATENCY - 1];
unsigned long long metrics_latency_le_ms(unsigned long long us);
size_t metrics_latency_bucket(unsigned long long le_ms);

/* The states that make a queue: queued, in_flight, failed, dead (waits
 * for the administrator) and delivered (waits for the receipt). */
#define METRICS_NQUEUE	5
extern const char *const metrics_queue_states[METRICS_NQUEUE];
/* The state's index, or -1. */
int metrics_queue_index(const char *status);

struct metrics_partner {
	const char		*id;		/* public id */
	const char		*name;
	const char		*kind;
	const char		*status;	/* active or paused */
	int			 failing;	/* an open failing alert */
	unsigned long long	 queue[METRICS_NQUEUE];
	unsigned long long	 latency[METRICS_NLATENCY]; /* per bucket */
	unsigned long long	 latency_us;	/* the sum of them all */
};

/* Append the delivery metrics of n partners, plus the notices no
 * partner accepts (unrouted), to out. */
st_rc metrics_render_delivery(const struct metrics_partner *p, size_t n,
    unsigned long long unrouted, struct buf *out) ST_MUST_CHECK;

#endif
