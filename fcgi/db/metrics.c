/* metrics.c: shared counters and their Prometheus rendering. */
#include "config.h"

#include <string.h>
#include <sys/mman.h>

#include "mem.h"
#include "metrics.h"

static const int statuses[METRICS_NSTATUS] = { 200, 201, 204, 303, 400, 401,
	403, 404, 405, 409, 413, 415, 422, 429, 500, 503, 0 };
/* Upper bounds in microseconds; the last bucket is +Inf. */
static const unsigned long long bounds[METRICS_NBUCKETS - 1] = { 1000, 2500,
	5000, 10000, 25000, 50000, 100000, 250000, 500000, 1000000, 2500000 };
/* For statements, in nanoseconds, fine below a millisecond where most of
 * them are; written as the le labels beside them. */
static const unsigned long long stmt_bounds[METRICS_NSTMT_BUCKETS - 1] = {
	50000, 100000, 200000, 300000, 500000, 750000, 1000000, 2500000,
	5000000, 10000000, 25000000, 100000000, 1000000000 };
static const char *const stmt_le[METRICS_NSTMT_BUCKETS - 1] = {
	"0.00005", "0.0001", "0.0002", "0.0003", "0.0005", "0.00075", "0.001",
	"0.0025", "0.005", "0.01", "0.025", "0.1", "1" };

struct metrics *
metrics_create(void)
{
	void *p = mmap(NULL, sizeof(struct metrics), PROT_READ | PROT_WRITE,
	    MAP_SHARED | MAP_ANONYMOUS, -1, 0);

	/* Private memory would not add up across workers: fail instead. */
	if (p == MAP_FAILED)
		return NULL;
	memset(p, 0, sizeof(struct metrics));
	return p;
}

void
metrics_destroy(struct metrics *m)
{
	if (m != NULL)
		munmap(m, sizeof(*m));
}

void
metrics_add(unsigned long long *counter, unsigned long long n)
{
	__atomic_fetch_add(counter, n, __ATOMIC_RELAXED);
}

unsigned long long
metrics_read(const unsigned long long *counter)
{
	return __atomic_load_n(counter, __ATOMIC_RELAXED);
}

void
metrics_view_cache(struct metrics *m, enum metrics_vc_what what,
    enum metrics_vc_result result)
{
	if (m != NULL)
		metrics_add(&m->view_cache[what][result], 1);
}

/* The first of n rising bounds v is under, or n (+Inf). */
static int
bucket_of(const unsigned long long *bound, int n, unsigned long long v)
{
	int b;

	for (b = 0; b < n; b++)
		if (v <= bound[b])
			break;
	return b;
}

void
metrics_observe(struct metrics *m, int route, int status,
    unsigned long long us)
{
	int r = route < 0 || route >= METRICS_MAX_ROUTES ?
	    METRICS_MAX_ROUTES : route;
	int s, b;

	if (m == NULL)
		return;
	for (s = 0; s < METRICS_NSTATUS - 1; s++)
		if (statuses[s] == status)
			break;
	metrics_add(&m->req[r][s], 1);
	b = bucket_of(bounds, METRICS_NBUCKETS - 1, us);
	metrics_add(&m->bucket[r][b], 1);
	metrics_add(&m->sum_us[r], us);
	metrics_add(&m->count[r], 1);
}

void
metrics_observe_stmt(struct metrics *m, int stmt, unsigned long long ns)
{
	int b;

	if (m == NULL || stmt < 0 || stmt >= STMT__COUNT)
		return;
	b = bucket_of(stmt_bounds, METRICS_NSTMT_BUCKETS - 1, ns);
	metrics_add(&m->stmt_bucket[stmt][b], 1);
	metrics_add(&m->stmt_sum_ns[stmt], ns);
	metrics_add(&m->stmt_count[stmt], 1);
}

static unsigned long long
load(const unsigned long long *p)
{
	return __atomic_load_n(p, __ATOMIC_RELAXED);
}

/* The statements that ran, each as a histogram labelled with its name. */
static st_rc
render_stmts(const struct metrics *m, struct buf *out)
{
#define STMT_FAMILY "stafett_db_statement_duration_seconds"
	int s, b;
	st_rc rc;

	rc = buf_addf(out, "# HELP " STMT_FAMILY " Time a worker waited for "
	    "a prepared statement, by its name.\n"
	    "# TYPE " STMT_FAMILY " histogram\n");
	for (s = 0; s < STMT__COUNT && rc == ST_OK; s++) {
		const char *name = stmt_name((enum stmt_id)s);
		unsigned long long cum = 0;

		if (load(&m->stmt_count[s]) == 0)
			continue;
		for (b = 0; b < METRICS_NSTMT_BUCKETS && rc == ST_OK; b++) {
			cum += load(&m->stmt_bucket[s][b]);
			rc = buf_addf(out, STMT_FAMILY "_bucket{statement="
			    "\"%s\",le=\"%s\"} %llu\n", name,
			    b < METRICS_NSTMT_BUCKETS - 1 ? stmt_le[b] : "+Inf",
			    cum);
		}
		if (rc == ST_OK)
			rc = buf_addf(out, STMT_FAMILY "_sum{statement=\"%s\"} "
			    "%.9f\n" STMT_FAMILY "_count{statement=\"%s\"} "
			    "%llu\n", name,
			    (double)load(&m->stmt_sum_ns[s]) / 1e9, name,
			    load(&m->stmt_count[s]));
	}
	return rc;
#undef STMT_FAMILY
}

st_rc
metrics_render(const struct metrics *m, const char *const *methods,
    const char *const *names, int nroutes, struct buf *out)
{
	int r, s, b, i, j;
	st_rc rc = ST_OK;

#define ADDF(...) do {						\
	if (rc == ST_OK)					\
		rc = buf_addf(out, __VA_ARGS__);		\
} while (0)
	ADDF("# HELP stafett_requests_total HTTP requests by route and "
	    "status.\n# TYPE stafett_requests_total counter\n");
	for (r = 0; r <= nroutes && r <= METRICS_MAX_ROUTES; r++) {
		int idx = r == nroutes ? METRICS_MAX_ROUTES : r;
		const char *method = r == nroutes ? "" : methods[r];
		const char *name = r == nroutes ? "unmatched" : names[r];

		for (s = 0; s < METRICS_NSTATUS; s++) {
			unsigned long long v = load(&m->req[idx][s]);

			if (v == 0)
				continue;
			if (statuses[s] != 0)
				ADDF("stafett_requests_total{method=\"%s\","
				    "route=\"%s\",status=\"%d\"} %llu\n",
				    method, name, statuses[s], v);
			else
				ADDF("stafett_requests_total{method=\"%s\","
				    "route=\"%s\",status=\"other\"} %llu\n",
				    method, name, v);
		}
	}
	ADDF("# HELP stafett_request_duration_seconds Time from request to "
	    "response, in the application.\n"
	    "# TYPE stafett_request_duration_seconds histogram\n");
	for (r = 0; r <= nroutes && r <= METRICS_MAX_ROUTES; r++) {
		int idx = r == nroutes ? METRICS_MAX_ROUTES : r;
		const char *method = r == nroutes ? "" : methods[r];
		const char *name = r == nroutes ? "unmatched" : names[r];
		unsigned long long cum = 0;

		if (load(&m->count[idx]) == 0)
			continue;
		for (b = 0; b < METRICS_NBUCKETS; b++) {
			cum += load(&m->bucket[idx][b]);
			if (b < METRICS_NBUCKETS - 1)
				ADDF("stafett_request_duration_seconds_bucket"
				    "{method=\"%s\",route=\"%s\",le=\"%g\"} "
				    "%llu\n", method, name,
				    (double)bounds[b] / 1e6, cum);
			else
				ADDF("stafett_request_duration_seconds_bucket"
				    "{method=\"%s\",route=\"%s\",le=\"+Inf\"} "
				    "%llu\n", method, name, cum);
		}
		ADDF("stafett_request_duration_seconds_sum{method=\"%s\","
		    "route=\"%s\"} %.6f\n", method, name,
		    (double)load(&m->sum_us[idx]) / 1e6);
		ADDF("stafett_request_duration_seconds_count{method=\"%s\","
		    "route=\"%s\"} %llu\n", method, name,
		    load(&m->count[idx]));
	}
	ADDF("# HELP stafett_worker_restarts_total Workers that died and were "
	    "replaced.\n# TYPE stafett_worker_restarts_total counter\n"
	    "stafett_worker_restarts_total %llu\n",
	    load(&m->worker_restarts));
	ADDF("# HELP stafett_accounts_deactivated_total Accounts an "
	    "administrator deactivated (their sessions and tokens ended).\n"
	    "# TYPE stafett_accounts_deactivated_total counter\n"
	    "stafett_accounts_deactivated_total %llu\n",
	    load(&m->accounts_deactivated));
	ADDF("# HELP stafett_workers Worker processes configured.\n"
	    "# TYPE stafett_workers gauge\nstafett_workers %llu\n",
	    load(&m->workers));
	ADDF("# HELP stafett_db_connects_total Database (re)connections made "
	    "by workers.\n# TYPE stafett_db_connects_total counter\n"
	    "stafett_db_connects_total %llu\n", load(&m->db_reconnects));
	ADDF("# HELP stafett_view_cache_total Log lists and pages a worker "
	    "had kept (hit), had to make (miss), or found out of date when "
	    "checking (stale, with view_cache_verify).\n"
	    "# TYPE stafett_view_cache_total counter\n");
	for (i = 0; i < 2; i++)
		for (j = 0; j < 3; j++)
			ADDF("stafett_view_cache_total{what=\"%s\","
			    "result=\"%s\"} %llu\n", i == 0 ? "lists" : "page",
			    j == 0 ? "hit" : j == 1 ? "miss" : "stale",
			    load(&m->view_cache[i][j]));
	if (rc == ST_OK)
		rc = render_stmts(m, out);
#undef ADDF
	return rc;
}

/* From a tenth of a second (a partner that answers at once) to a day
 * (a partner that was paused, or down over a weekend). */
const unsigned long long metrics_latency_ms[METRICS_NLATENCY - 1] = {
	100, 250, 500, 1000, 2500, 5000, 10000, 30000, 60000, 300000,
	1800000, 3600000, 21600000, 86400000
};

const char *const metrics_queue_states[METRICS_NQUEUE] = {
	"queued", "in_flight", "failed", "dead", "delivered"
};

unsigned long long
metrics_latency_le_ms(unsigned long long us)
{
	size_t b;

	for (b = 0; b < METRICS_NLATENCY - 1; b++)
		if (us <= metrics_latency_ms[b] * 1000)
			return metrics_latency_ms[b];
	return METRICS_LATENCY_INF;
}

size_t
metrics_latency_bucket(unsigned long long le_ms)
{
	size_t b;

	for (b = 0; b < METRICS_NLATENCY - 1; b++)
		if (le_ms <= metrics_latency_ms[b])
			return b;
	return METRICS_NLATENCY - 1;
}

int
metrics_queue_index(const char *status)
{
	int i;

	for (i = 0; status != NULL && i < METRICS_NQUEUE; i++)
		if (strcmp(status, metrics_queue_states[i]) == 0)
			return i;
	return -1;
}

/* A label value as the text format wants it: \, " and newline escaped. */
static st_rc
add_label(struct buf *out, const char *v)
{
	st_rc rc = ST_OK;

	for (; v != NULL && *v != '\0' && rc == ST_OK; v++) {
		if (*v == '\\')
			rc = buf_addstr(out, "\\\\");
		else if (*v == '"')
			rc = buf_addstr(out, "\\\"");
		else if (*v == '\n')
			rc = buf_addstr(out, "\\n");
		else
			rc = buf_add(out, v, 1);
	}
	return rc;
}

st_rc
metrics_render_delivery(const struct metrics_partner *p, size_t n,
    unsigned long long unrouted, struct buf *out)
{
	unsigned long long total[METRICS_NQUEUE] = { 0 };
	size_t i, q, b;
	st_rc rc = ST_OK;

#define ADDF(...) do {						\
	if (rc == ST_OK)					\
		rc = buf_addf(out, __VA_ARGS__);		\
} while (0)
	ADDF("# HELP stafett_partner_info A partner notices are delivered "
	    "to, with its name, kind and status.\n"
	    "# TYPE stafett_partner_info gauge\n");
	for (i = 0; i < n; i++) {
		ADDF("stafett_partner_info{partner=\"%s\",name=\"", p[i].id);
		if (rc == ST_OK)
			rc = add_label(out, p[i].name);
		ADDF("\",kind=\"%s\",status=\"%s\"} 1\n", p[i].kind,
		    p[i].status);
	}
	ADDF("# HELP stafett_partner_failing 1 while the partner's latest "
	    "delivery attempts all failed (an open alert).\n"
	    "# TYPE stafett_partner_failing gauge\n");
	for (i = 0; i < n; i++)
		ADDF("stafett_partner_failing{partner=\"%s\"} %d\n", p[i].id,
		    p[i].failing ? 1 : 0);
	ADDF("# HELP stafett_partner_notices Notices to a partner by state "
	    "(delivered: waiting for its receipt).\n"
	    "# TYPE stafett_partner_notices gauge\n");
	for (i = 0; i < n; i++)
		for (q = 0; q < METRICS_NQUEUE; q++) {
			ADDF("stafett_partner_notices{partner=\"%s\","
			    "status=\"%s\"} %llu\n", p[i].id,
			    metrics_queue_states[q], p[i].queue[q]);
			total[q] += p[i].queue[q];
		}
	total[0] += unrouted;
	ADDF("# HELP stafett_notices Notices to partners by state: the "
	    "queue depth (queued includes those no partner accepts yet).\n"
	    "# TYPE stafett_notices gauge\n");
	for (q = 0; q < METRICS_NQUEUE; q++)
		ADDF("stafett_notices{status=\"%s\"} %llu\n",
		    metrics_queue_states[q], total[q]);
	ADDF("# HELP stafett_notices_unrouted Notices to partners waiting "
	    "because no active partner accepts them.\n"
	    "# TYPE stafett_notices_unrouted gauge\n"
	    "stafett_notices_unrouted %llu\n", unrouted);
	ADDF("# HELP stafett_delivery_latency_seconds Time from a notice "
	    "being made to its delivery to the partner.\n"
	    "# TYPE stafett_delivery_latency_seconds histogram\n");
	for (i = 0; i < n; i++) {
		unsigned long long cum = 0;

		for (b = 0; b < METRICS_NLATENCY; b++) {
			cum += p[i].latency[b];
			if (b < METRICS_NLATENCY - 1)
				ADDF("stafett_delivery_latency_seconds_bucket"
				    "{partner=\"%s\",le=\"%g\"} %llu\n",
				    p[i].id,
				    (double)metrics_latency_ms[b] / 1e3, cum);
			else
				ADDF("stafett_delivery_latency_seconds_bucket"
				    "{partner=\"%s\",le=\"+Inf\"} %llu\n",
				    p[i].id, cum);
		}
		ADDF("stafett_delivery_latency_seconds_sum{partner=\"%s\"} "
		    "%.6f\n", p[i].id, (double)p[i].latency_us / 1e6);
		ADDF("stafett_delivery_latency_seconds_count{partner=\"%s\"} "
		    "%llu\n", p[i].id, cum);
	}
#undef ADDF
	return rc;
}
