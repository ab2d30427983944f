/* h_health.c: liveness for load balancers and metrics for Prometheus. */
#include "config.h"

#include <string.h>

#include "db.h"
#include "dbwatch.h"
#include "handlers.h"
#include "log.h"
#include "metrics.h"
#include "route.h"
#include "worker.h"

/* Columns of STMT_PARTNER_ADMIN_LIST used here. */
enum { PA_ID = 0, PA_NAME = 1, PA_KIND = 2, PA_STATUS = 6, PA_FAILING = 9 };

/*
 * Healthy: the database answers and can write. The serve master answers
 * /healthz on a socket of its own (server.c, nginx/stafett.conf.in);
 * this is the same for a web server that sends it to the workers: from
 * what the monitor and the workers saw (dbwatch.h), so it is quick
 * whatever the database does; only while the monitor has said nothing
 * lately does this worker ask the database itself, reconnecting first
 * if its own connection was closed while idle.
 */
/* ROUTE: GET /healthz */
st_rc
h_healthz(struct req *r)
{
	enum dbwatch_state s = dbwatch_state(r->w->metrics);
	const char *why = dbwatch_says(s);
	st_rc rc;

	if (s == DBW_UNKNOWN)
		why = db_ping(&r->w->db) == ST_OK ? NULL :
		    "database unavailable\n";
	if (why == NULL)
		return resp_text(r, 200, "text/plain; charset=utf-8", "ok\n");
	if ((rc = resp_header(r, "Retry-After", "2")) != ST_OK)
		return rc;
	return resp_text(r, 503, "text/plain; charset=utf-8", why);
}

static struct metrics_partner *
find(struct metrics_partner *p, size_t n, const char *id)
{
	size_t i;

	for (i = 0; id != NULL && i < n; i++)
		if (strcmp(p[i].id, id) == 0)
			return &p[i];
	return NULL;
}

/*
 * The delivery metrics, from four cheap statements: the partners, the
 * queue by state from the index (partner_id, status), the unrouted
 * count and the latency histogram rows. Answered after the request
 * counters, which never need the database: a scrape during an outage
 * still gets those, and stafett_delivery_metrics_up 0.
 */
static st_rc
delivery(struct req *r)
{
	struct db *db = &r->w->db;
	struct db_res pr, qr, ur, lr;
	struct db_val all[2];
	struct metrics_partner *p;
	size_t i, n;
	st_rc rc;

	/* every municipality's: the installation's health */
	all[0] = all[1] = DV_INT(0);
	if ((rc = db_query(db, STMT_PARTNER_ADMIN_LIST, all, 2, 10000,
	    &pr)) != ST_OK)
		return rc;
	if ((rc = db_query(db, STMT_METRICS_QUEUE, NULL, 0, 100000, &qr)) !=
	    ST_OK)
		goto out_p;
	if ((rc = db_query(db, STMT_METRICS_UNROUTED, NULL, 0, 1, &ur)) !=
	    ST_OK)
		goto out_q;
	if ((rc = db_query(db, STMT_METRICS_LATENCY, NULL, 0, 100000, &lr)) !=
	    ST_OK)
		goto out_u;
	n = pr.nrows;
	p = pool_alloc(&r->pool, (n > 0 ? n : 1) * sizeof(*p));
	memset(p, 0, (n > 0 ? n : 1) * sizeof(*p));
	for (i = 0; i < n; i++) {
		p[i].id = db_get(&pr, i, PA_ID);
		p[i].name = db_get(&pr, i, PA_NAME);
		p[i].kind = db_get(&pr, i, PA_KIND);
		p[i].status = db_get(&pr, i, PA_STATUS);
		p[i].failing = db_get(&pr, i, PA_FAILING) != NULL;
	}
	for (i = 0; i < qr.nrows; i++) {
		struct metrics_partner *m = find(p, n, db_get(&qr, i, 0));
		int q = metrics_queue_index(db_get(&qr, i, 1));

		if (m != NULL && q >= 0)
			m->queue[q] = (unsigned long long)db_get_int(&qr, i, 2);
	}
	for (i = 0; i < lr.nrows; i++) {
		struct metrics_partner *m = find(p, n, db_get(&lr, i, 0));

		if (m == NULL)
			continue;
		m->latency[metrics_latency_bucket((unsigned long long)
		    db_get_int(&lr, i, 1))] +=
		    (unsigned long long)db_get_int(&lr, i, 2);
		m->latency_us += (unsigned long long)db_get_int(&lr, i, 3);
	}
	rc = metrics_render_delivery(p, n,
	    (unsigned long long)db_get_int(&ur, 0, 0), &r->out);
	db_res_release(&lr);
out_u:
	db_res_release(&ur);
out_q:
	db_res_release(&qr);
out_p:
	db_res_release(&pr);
	return rc;
}

/* ROUTE: GET /metrics */
st_rc
h_metrics(struct req *r)
{
	const char *names[METRICS_MAX_ROUTES], *methods[METRICS_MAX_ROUTES];
	const struct route *rt;
	size_t n, i, mark;
	int up;
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
	mark = r->out.len;
	/* Not waited for while the database does not answer. */
	rc = dbwatch_state(r->w->metrics) == DBW_DOWN ? ST_E_UNAVAILABLE :
	    delivery(r);
	if (rc == ST_E_NOMEM || rc == ST_E_TOO_BIG)
		return rc;
	up = rc == ST_OK;
	if (!up) {
		/* Half a section would read as wrong numbers: none instead. */
		log_warn("metrics: no delivery figures: %s", st_rc_str(rc));
		buf_truncate(&r->out, mark);
	}
	if ((rc = buf_addf(&r->out, "# HELP stafett_delivery_metrics_up "
	    "Whether the delivery figures could be read from the "
	    "database.\n# TYPE stafett_delivery_metrics_up gauge\n"
	    "stafett_delivery_metrics_up %d\n", up)) !=
	    ST_OK)
		return rc;
	r->status = 200;
	r->ctype = "text/plain; version=0.0.4; charset=utf-8";
	return ST_OK;
}
