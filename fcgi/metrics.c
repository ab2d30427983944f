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
	for (b = 0; b < METRICS_NBUCKETS - 1; b++)
		if (us <= bounds[b])
			break;
	metrics_add(&m->bucket[r][b], 1);
	metrics_add(&m->sum_us[r], us);
	metrics_add(&m->count[r], 1);
}

static unsigned long long
load(const unsigned long long *p)
{
	return __atomic_load_n(p, __ATOMIC_RELAXED);
}

st_rc
metrics_render(const struct metrics *m, const char *const *methods,
    const char *const *names, int nroutes, struct buf *out)
{
	int r, s, b;
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
	ADDF("# HELP stafett_workers Worker processes configured.\n"
	    "# TYPE stafett_workers gauge\nstafett_workers %llu\n",
	    load(&m->workers));
	ADDF("# HELP stafett_db_connects_total Database (re)connections made "
	    "by workers.\n# TYPE stafett_db_connects_total counter\n"
	    "stafett_db_connects_total %llu\n", load(&m->db_reconnects));
#undef ADDF
	return rc;
}
