/* h_health.c: liveness for load balancers and metrics for Prometheus. */
#include "config.h"

#include "db.h"
#include "handlers.h"
#include "metrics.h"
#include "route.h"
#include "worker.h"

/* ROUTE: GET /healthz */
st_rc
h_healthz(struct req *r)
{
	if (db_ping(&r->w->db) != ST_OK)
		return resp_text(r, 503, "text/plain; charset=utf-8",
		    "database unavailable\n");
	return resp_text(r, 200, "text/plain; charset=utf-8", "ok\n");
}

/* ROUTE: GET /metrics */
st_rc
h_metrics(struct req *r)
{
	const char *names[METRICS_MAX_ROUTES], *methods[METRICS_MAX_ROUTES];
	const struct route *rt;
	size_t n, i;
	st_rc rc;

	rt = route_table(&n);
	for (i = 0; i < n && i < METRICS_MAX_ROUTES; i++) {
		names[i] = rt[i].pattern;
		methods[i] = rt[i].method;
	}
	buf_reset(&r->out);
	if ((rc = metrics_render(r->w->metrics, methods, names, (int)i,
	    &r->out)) != ST_OK)
		return rc;
	r->status = 200;
	r->ctype = "text/plain; version=0.0.4; charset=utf-8";
	return ST_OK;
}
