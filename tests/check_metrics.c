/* check_metrics.c: unit tests for request counters and their rendering. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <check.h>

#include "buf.h"
#include "metrics.h"

static const char *const methods[] = { "GET", "POST", "GET" };
static const char *const names[] = { "/x", "/forms/{id}", "/idle" };
#define NROUTES	3

/* Render m into b (max 1 MiB); the test fails if rendering does. */
static void
render(const struct metrics *m, struct buf *b)
{
	buf_init(b, 1024 * 1024);
	ck_assert_int_eq(metrics_render(m, methods, names, NROUTES, b), ST_OK);
}

/* Is line (without its newline) a whole line of text? */
static int
has_line(const char *text, const char *line)
{
	size_t n = strlen(line);
	const char *p = text;

	while ((p = strstr(p, line)) != NULL) {
		if ((p == text || p[-1] == '\n') && p[n] == '\n')
			return 1;
		p++;
	}
	return 0;
}

#define assert_line(text, line)						\
	ck_assert_msg(has_line((text), (line)), "no line '%s' in:\n%s",	\
	    (line), (text))
#define assert_no(text, part)						\
	ck_assert_msg(strstr((text), (part)) == NULL, "'%s' in:\n%s",	\
	    (part), (text))

/*
 * Every line is a "# HELP" or "# TYPE" comment or a sample
 * "name[{labels}] value" with a number for the value (the Prometheus text
 * format, version 0.0.4).
 */
static void
check_format(const char *text)
{
	const char *line = text, *nl, *sp;

	ck_assert_int_eq(text[strlen(text) - 1], '\n');
	for (; *line != '\0'; line = nl + 1) {
		char *end;

		nl = strchr(line, '\n');
		ck_assert_ptr_nonnull(nl);
		if (strncmp(line, "# HELP ", 7) == 0 ||
		    strncmp(line, "# TYPE ", 7) == 0)
			continue;
		ck_assert_msg(strncmp(line, "stafett_", 8) == 0,
		    "bad line: %.*s", (int)(nl - line), line);
		for (sp = nl; sp > line && sp[-1] != ' '; sp--)
			;
		ck_assert_msg(sp > line, "no value: %.*s", (int)(nl - line),
		    line);
		(void)strtod(sp, &end);
		ck_assert_msg(end == nl && end != sp, "bad value: %.*s",
		    (int)(nl - line), line);
	}
}

START_TEST(test_create_zeroed)
{
	static const struct metrics zero;
	struct metrics *m = metrics_create();

	ck_assert_ptr_nonnull(m);
	ck_assert(memcmp(m, &zero, sizeof(zero)) == 0);
	metrics_destroy(m);
	metrics_destroy(NULL);
}
END_TEST

START_TEST(test_observe_counts)
{
	struct metrics *m = metrics_create();
	unsigned long long sum;
	int s, b;

	metrics_observe(m, 0, 200, 500);
	metrics_observe(m, 0, 200, 900);
	metrics_observe(m, 0, 404, 3000);
	metrics_observe(m, 1, 201, 10);
	ck_assert_uint_eq(m->count[0], 3);
	ck_assert_uint_eq(m->sum_us[0], 4400);
	ck_assert_uint_eq(m->count[1], 1);
	ck_assert_uint_eq(m->sum_us[1], 10);
	ck_assert_uint_eq(m->count[2], 0);
	/* Every observation lands in exactly one status and one bucket. */
	for (sum = 0, s = 0; s < METRICS_NSTATUS; s++)
		sum += m->req[0][s];
	ck_assert_uint_eq(sum, 3);
	for (sum = 0, b = 0; b < METRICS_NBUCKETS; b++)
		sum += m->bucket[0][b];
	ck_assert_uint_eq(sum, 3);
	/* The two fast ones share the first bucket (up to 1 ms). */
	ck_assert_uint_eq(m->bucket[0][0], 2);
	metrics_observe(NULL, 0, 200, 1);	/* harmless */
	metrics_destroy(m);
}
END_TEST

START_TEST(test_render_requests)
{
	struct metrics *m = metrics_create();
	struct buf b;

	metrics_observe(m, 0, 200, 500);
	metrics_observe(m, 0, 200, 500);
	metrics_observe(m, 0, 404, 3000);
	metrics_observe(m, 1, 422, 20000);
	render(m, &b);
	assert_line(b.data, "# TYPE stafett_requests_total counter");
	assert_line(b.data, "stafett_requests_total{method=\"GET\","
	    "route=\"/x\",status=\"200\"} 2");
	assert_line(b.data, "stafett_requests_total{method=\"GET\","
	    "route=\"/x\",status=\"404\"} 1");
	assert_line(b.data, "stafett_requests_total{method=\"POST\","
	    "route=\"/forms/{id}\",status=\"422\"} 1");
	/* Counters that are zero are left out. */
	assert_no(b.data, "status=\"500\"");
	assert_no(b.data, "status=\"other\"");
	assert_no(b.data, "route=\"/idle\"");
	assert_no(b.data, "route=\"unmatched\"");
	buf_release(&b);
	metrics_destroy(m);
}
END_TEST

START_TEST(test_render_histogram)
{
	struct metrics *m = metrics_create();
	struct buf b;

	/* 0.5 ms twice, 3 ms once: le is "less than or equal". */
	metrics_observe(m, 0, 200, 500);
	metrics_observe(m, 0, 200, 1000);
	metrics_observe(m, 0, 200, 3000);
	render(m, &b);
	assert_line(b.data, "# TYPE stafett_request_duration_seconds "
	    "histogram");
#define BKT "stafett_request_duration_seconds_bucket{method=\"GET\"," \
	    "route=\"/x\","
	assert_line(b.data, BKT "le=\"0.001\"} 2");
	assert_line(b.data, BKT "le=\"0.0025\"} 2");
	assert_line(b.data, BKT "le=\"0.005\"} 3");
	assert_line(b.data, BKT "le=\"1\"} 3");
	assert_line(b.data, BKT "le=\"2.5\"} 3");
	assert_line(b.data, BKT "le=\"+Inf\"} 3");
#undef BKT
	assert_line(b.data, "stafett_request_duration_seconds_sum{"
	    "method=\"GET\",route=\"/x\"} 0.004500");
	assert_line(b.data, "stafett_request_duration_seconds_count{"
	    "method=\"GET\",route=\"/x\"} 3");
	/* A route with no requests has no histogram. */
	assert_no(b.data, "duration_seconds_count{method=\"GET\","
	    "route=\"/idle\"}");
	buf_release(&b);
	metrics_destroy(m);
}
END_TEST

/*
 * Walk the bucket lines of one route: le values rise, counts never fall,
 * +Inf comes last and equals _count. Returns the number of buckets.
 */
static int
check_cumulative(const char *text, const char *route, unsigned long long n)
{
	char prefix[128], *end;
	const char *p = text;
	double prev_le = -1;
	unsigned long long prev = 0, v = 0;
	int buckets = 0, inf = 0;

	ck_assert_int_lt(snprintf(prefix, sizeof(prefix),
	    "stafett_request_duration_seconds_bucket{method=\"GET\","
	    "route=\"%s\",le=\"", route), (int)sizeof(prefix));
	while ((p = strstr(p, prefix)) != NULL) {
		p += strlen(prefix);
		ck_assert_msg(!inf, "a bucket after +Inf");
		if (strncmp(p, "+Inf", 4) == 0)
			inf = 1;
		else {
			double le = strtod(p, &end);

			ck_assert_ptr_ne(end, p);
			ck_assert_msg(le > prev_le, "le not rising");
			prev_le = le;
		}
		p = strstr(p, "} ");
		ck_assert_ptr_nonnull(p);
		v = strtoull(p + 2, &end, 10);
		ck_assert_int_eq(*end, '\n');
		ck_assert_msg(v >= prev, "bucket count falls");
		prev = v;
		buckets++;
	}
	ck_assert(inf);
	ck_assert_uint_eq(v, n);
	return buckets;
}

START_TEST(test_cumulative)
{
	static const unsigned long long us[] = { 1, 999, 1000, 1001, 2500,
		7000, 49999, 50001, 100000, 300000, 999999, 2500000, 2500001,
		60000000 };
	struct metrics *m = metrics_create();
	struct buf b;
	size_t i;

	for (i = 0; i < sizeof(us) / sizeof(us[0]); i++)
		metrics_observe(m, 0, 200, us[i]);
	render(m, &b);
	ck_assert_int_eq(check_cumulative(b.data, "/x", i), METRICS_NBUCKETS);
	check_format(b.data);
	/* Two are over the last finite bound (2.5 s): 12 of 14 below. */
	assert_line(b.data, "stafett_request_duration_seconds_bucket{"
	    "method=\"GET\",route=\"/x\",le=\"2.5\"} 12");
	buf_release(&b);
	metrics_destroy(m);
}
END_TEST

START_TEST(test_slow_only_inf)
{
	struct metrics *m = metrics_create();
	struct buf b;

	/* Ten seconds is beyond every finite bucket. */
	metrics_observe(m, 0, 200, 10000000);
	render(m, &b);
	assert_line(b.data, "stafett_request_duration_seconds_bucket{"
	    "method=\"GET\",route=\"/x\",le=\"2.5\"} 0");
	assert_line(b.data, "stafett_request_duration_seconds_bucket{"
	    "method=\"GET\",route=\"/x\",le=\"+Inf\"} 1");
	assert_line(b.data, "stafett_request_duration_seconds_sum{"
	    "method=\"GET\",route=\"/x\"} 10.000000");
	buf_release(&b);
	metrics_destroy(m);
}
END_TEST

START_TEST(test_other_status)
{
	struct metrics *m = metrics_create();
	struct buf b;

	/* Statuses without a counter of their own are "other". */
	metrics_observe(m, 0, 418, 1);
	metrics_observe(m, 0, 502, 1);
	metrics_observe(m, 0, 0, 1);
	metrics_observe(m, 0, -1, 1);
	metrics_observe(m, 0, 500, 1);
	render(m, &b);
	assert_line(b.data, "stafett_requests_total{method=\"GET\","
	    "route=\"/x\",status=\"other\"} 4");
	assert_line(b.data, "stafett_requests_total{method=\"GET\","
	    "route=\"/x\",status=\"500\"} 1");
	assert_no(b.data, "status=\"418\"");
	assert_no(b.data, "status=\"0\"");
	buf_release(&b);
	metrics_destroy(m);
}
END_TEST

START_TEST(test_unmatched)
{
	struct metrics *m = metrics_create();
	struct buf b;

	/* No route, and a route index out of range, count as unmatched. */
	metrics_observe(m, -1, 404, 10);
	metrics_observe(m, METRICS_MAX_ROUTES, 404, 10);
	metrics_observe(m, 100000, 405, 10);
	render(m, &b);
	assert_line(b.data, "stafett_requests_total{method=\"\","
	    "route=\"unmatched\",status=\"404\"} 2");
	assert_line(b.data, "stafett_requests_total{method=\"\","
	    "route=\"unmatched\",status=\"405\"} 1");
	assert_line(b.data, "stafett_request_duration_seconds_count{"
	    "method=\"\",route=\"unmatched\"} 3");
	/* Nothing was counted against a real route. */
	assert_no(b.data, "route=\"/x\"");
	buf_release(&b);
	metrics_destroy(m);
}
END_TEST

START_TEST(test_process_counters)
{
	struct metrics *m = metrics_create();
	struct buf b;

	metrics_add(&m->worker_restarts, 3);
	metrics_add(&m->workers, 4);
	metrics_add(&m->db_reconnects, 1);
	metrics_add(&m->db_reconnects, 1);
	render(m, &b);
	assert_line(b.data, "# TYPE stafett_worker_restarts_total counter");
	assert_line(b.data, "stafett_worker_restarts_total 3");
	assert_line(b.data, "# TYPE stafett_workers gauge");
	assert_line(b.data, "stafett_workers 4");
	assert_line(b.data, "stafett_db_connects_total 2");
	buf_release(&b);
	metrics_destroy(m);
}
END_TEST

START_TEST(test_render_empty)
{
	struct metrics *m = metrics_create();
	struct buf b;

	/* Nothing observed: the families are declared, with no samples. */
	render(m, &b);
	assert_line(b.data, "# TYPE stafett_requests_total counter");
	assert_no(b.data, "stafett_requests_total{");
	assert_no(b.data, "_bucket{");
	assert_line(b.data, "stafett_workers 0");
	check_format(b.data);
	buf_release(&b);
	metrics_destroy(m);
}
END_TEST

START_TEST(test_render_cap)
{
	struct metrics *m = metrics_create();
	struct buf b;

	/* Output that does not fit the buffer's cap is an error. */
	metrics_observe(m, 0, 200, 1);
	buf_init(&b, 64);
	ck_assert_int_eq(metrics_render(m, methods, names, NROUTES, &b),
	    ST_E_TOO_BIG);
	buf_release(&b);
	metrics_destroy(m);
}
END_TEST

START_TEST(test_shared_across_fork)
{
	struct metrics *m = metrics_create();
	pid_t pid;
	int status, i;

	/*
	 * The master creates the counters before it forks; a worker's counts
	 * must be visible to the others.
	 */
	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		for (i = 0; i < 1000; i++)
			metrics_observe(m, 1, 200, 5);
		_exit(0);
	}
	for (i = 0; i < 1000; i++)
		metrics_observe(m, 1, 200, 5);
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	ck_assert_uint_eq(m->count[1], 2000);
	ck_assert_uint_eq(m->sum_us[1], 10000);
	metrics_destroy(m);
}
END_TEST

START_TEST(test_stmt_observe)
{
	struct metrics *m = metrics_create();
	unsigned long long sum;
	int b;

	/* 40 us, exactly 1 ms, 1 ms and a nanosecond, 2 s. */
	metrics_observe_stmt(m, STMT_OUTBOX_INSERT, 40000);
	metrics_observe_stmt(m, STMT_OUTBOX_INSERT, 1000000);
	metrics_observe_stmt(m, STMT_OUTBOX_INSERT, 1000001);
	metrics_observe_stmt(m, STMT_OUTBOX_INSERT, 2000000000);
	metrics_observe_stmt(m, STMT_COMMIT, 7);
	ck_assert_uint_eq(m->stmt_count[STMT_OUTBOX_INSERT], 4);
	ck_assert_uint_eq(m->stmt_sum_ns[STMT_OUTBOX_INSERT], 2002040001ULL);
	ck_assert_uint_eq(m->stmt_count[STMT_COMMIT], 1);
	ck_assert_uint_eq(m->stmt_count[STMT_BEGIN], 0);
	for (sum = 0, b = 0; b < METRICS_NSTMT_BUCKETS; b++)
		sum += m->stmt_bucket[STMT_OUTBOX_INSERT][b];
	ck_assert_uint_eq(sum, 4);
	ck_assert_uint_eq(m->stmt_bucket[STMT_OUTBOX_INSERT][0], 1);
	ck_assert_uint_eq(m->stmt_bucket[STMT_OUTBOX_INSERT]
	    [METRICS_NSTMT_BUCKETS - 1], 1);
	/* Out of range or no counters: nothing, and no crash. */
	metrics_observe_stmt(m, -1, 1);
	metrics_observe_stmt(m, STMT__COUNT, 1);
	metrics_observe_stmt(NULL, STMT_COMMIT, 1);
	ck_assert_uint_eq(m->stmt_count[STMT_COMMIT], 1);
	metrics_destroy(m);
}
END_TEST

START_TEST(test_stmt_render)
{
	struct metrics *m = metrics_create();
	struct buf b;

	metrics_observe_stmt(m, STMT_OUTBOX_INSERT, 40000);
	metrics_observe_stmt(m, STMT_OUTBOX_INSERT, 1000000);
	metrics_observe_stmt(m, STMT_OUTBOX_INSERT, 1000001);
	metrics_observe_stmt(m, STMT_OUTBOX_INSERT, 2000000000);
	render(m, &b);
	check_format(b.data);
	assert_line(b.data, "# TYPE stafett_db_statement_duration_seconds "
	    "histogram");
#define BKT "stafett_db_statement_duration_seconds_bucket{" \
	    "statement=\"outbox_insert\","
	assert_line(b.data, BKT "le=\"0.00005\"} 1");
	assert_line(b.data, BKT "le=\"0.00075\"} 1");
	/* le is "less than or equal": 1 ms is in, 1 ms and 1 ns is not. */
	assert_line(b.data, BKT "le=\"0.001\"} 2");
	assert_line(b.data, BKT "le=\"0.0025\"} 3");
	assert_line(b.data, BKT "le=\"1\"} 3");
	assert_line(b.data, BKT "le=\"+Inf\"} 4");
#undef BKT
	assert_line(b.data, "stafett_db_statement_duration_seconds_sum{"
	    "statement=\"outbox_insert\"} 2.002040001");
	assert_line(b.data, "stafett_db_statement_duration_seconds_count{"
	    "statement=\"outbox_insert\"} 4");
	/* Statements that did not run are left out. */
	assert_no(b.data, "statement=\"commit\"");
	buf_release(&b);
	metrics_destroy(m);
}
END_TEST

/* ------------------------------------------------ delivery to partners */

START_TEST(test_latency_buckets)
{
	/* A latency goes under the first bound it does not exceed. */
	ck_assert_uint_eq(metrics_latency_le_ms(0), 100);
	ck_assert_uint_eq(metrics_latency_le_ms(100000), 100);
	ck_assert_uint_eq(metrics_latency_le_ms(100001), 250);
	ck_assert_uint_eq(metrics_latency_le_ms(86400000000ULL), 86400000);
	ck_assert_uint_eq(metrics_latency_le_ms(86400000001ULL),
	    METRICS_LATENCY_INF);
	/* and a stored bound back to its bucket; an unknown one (from an
	 * older list of bounds) to the first that holds it */
	ck_assert_uint_eq(metrics_latency_bucket(100), 0);
	ck_assert_uint_eq(metrics_latency_bucket(250), 1);
	ck_assert_uint_eq(metrics_latency_bucket(150), 1);
	ck_assert_uint_eq(metrics_latency_bucket(86400000),
	    METRICS_NLATENCY - 2);
	ck_assert_uint_eq(metrics_latency_bucket(METRICS_LATENCY_INF),
	    METRICS_NLATENCY - 1);
	ck_assert_int_eq(metrics_queue_index("queued"), 0);
	ck_assert_int_eq(metrics_queue_index("delivered"), 4);
	ck_assert_int_eq(metrics_queue_index("acknowledged"), -1);
	ck_assert_int_eq(metrics_queue_index(NULL), -1);
}
END_TEST

START_TEST(test_render_delivery)
{
	struct metrics_partner p[2];
	struct buf b;

	memset(p, 0, sizeof(p));
	p[0].id = "AbCdEfGhIjKlMnOpQrSt_-";
	p[0].name = "BUP \"Sør\" \\ Vest\nfold";
	p[0].kind = "bup";
	p[0].status = "active";
	p[0].queue[0] = 3;		/* queued */
	p[0].queue[3] = 1;		/* dead */
	p[0].latency[0] = 2;		/* two within 0.1 s */
	p[0].latency[3] = 1;		/* one within 1 s */
	p[0].latency[METRICS_NLATENCY - 1] = 1;	/* one over a day */
	p[0].latency_us = 90061500000ULL;
	p[1].id = "ZZZZZZZZZZZZZZZZZZZZZZ";
	p[1].name = "NAV";
	p[1].kind = "nav";
	p[1].status = "paused";
	p[1].failing = 1;
	p[1].queue[0] = 1;
	buf_init(&b, 1024 * 1024);
	ck_assert_int_eq(metrics_render_delivery(p, 2, 4, &b), ST_OK);
	check_format(b.data);
	/* the name is a label value, escaped as the format says */
	assert_line(b.data, "stafett_partner_info{partner="
	    "\"AbCdEfGhIjKlMnOpQrSt_-\",name=\"BUP \\\"S\xc3\xb8r\\\" \\\\ "
	    "Vest\\nfold\",kind=\"bup\",status=\"active\"} 1");
	assert_line(b.data, "stafett_partner_failing{partner="
	    "\"ZZZZZZZZZZZZZZZZZZZZZZ\"} 1");
	assert_line(b.data, "stafett_partner_failing{partner="
	    "\"AbCdEfGhIjKlMnOpQrSt_-\"} 0");
	/* every state of every partner, zero included */
	assert_line(b.data, "stafett_partner_notices{partner="
	    "\"AbCdEfGhIjKlMnOpQrSt_-\",status=\"queued\"} 3");
	assert_line(b.data, "stafett_partner_notices{partner="
	    "\"AbCdEfGhIjKlMnOpQrSt_-\",status=\"in_flight\"} 0");
	assert_line(b.data, "stafett_partner_notices{partner="
	    "\"AbCdEfGhIjKlMnOpQrSt_-\",status=\"dead\"} 1");
	/* the totals: queued counts the unrouted ones too */
	assert_line(b.data, "stafett_notices{status=\"queued\"} 8");
	assert_line(b.data, "stafett_notices{status=\"dead\"} 1");
	assert_line(b.data, "stafett_notices_unrouted 4");
	/* the histogram is cumulative, +Inf is the count */
#define LAT "stafett_delivery_latency_seconds_bucket{partner=" \
	    "\"AbCdEfGhIjKlMnOpQrSt_-\","
	assert_line(b.data, LAT "le=\"0.1\"} 2");
	assert_line(b.data, LAT "le=\"0.5\"} 2");
	assert_line(b.data, LAT "le=\"1\"} 3");
	assert_line(b.data, LAT "le=\"86400\"} 3");
	assert_line(b.data, LAT "le=\"+Inf\"} 4");
#undef LAT
	assert_line(b.data, "stafett_delivery_latency_seconds_count{partner="
	    "\"AbCdEfGhIjKlMnOpQrSt_-\"} 4");
	assert_line(b.data, "stafett_delivery_latency_seconds_sum{partner="
	    "\"AbCdEfGhIjKlMnOpQrSt_-\"} 90061.500000");
	assert_line(b.data, "stafett_delivery_latency_seconds_count{partner="
	    "\"ZZZZZZZZZZZZZZZZZZZZZZ\"} 0");
	buf_release(&b);
	/* no partner: the families, the totals, nothing else */
	buf_init(&b, 1024 * 1024);
	ck_assert_int_eq(metrics_render_delivery(NULL, 0, 0, &b), ST_OK);
	check_format(b.data);
	assert_line(b.data, "stafett_notices{status=\"queued\"} 0");
	assert_no(b.data, "partner=");
	buf_release(&b);
}
END_TEST

static Suite *
metrics_suite(void)
{
	Suite *s = suite_create("metrics");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_create_zeroed);
	tcase_add_test(tc, test_latency_buckets);
	tcase_add_test(tc, test_render_delivery);
	tcase_add_test(tc, test_observe_counts);
	tcase_add_test(tc, test_render_requests);
	tcase_add_test(tc, test_render_histogram);
	tcase_add_test(tc, test_cumulative);
	tcase_add_test(tc, test_slow_only_inf);
	tcase_add_test(tc, test_other_status);
	tcase_add_test(tc, test_stmt_observe);
	tcase_add_test(tc, test_stmt_render);
	tcase_add_test(tc, test_unmatched);
	tcase_add_test(tc, test_process_counters);
	tcase_add_test(tc, test_render_empty);
	tcase_add_test(tc, test_render_cap);
	tcase_add_test(tc, test_shared_across_fork);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(metrics_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
