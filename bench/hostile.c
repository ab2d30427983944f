/* hostile.c: what the worst instances a client can send cost the form
 * engine, beside a normal instance of the same form, in the same run.
 *
 *   make bench/hostile && bench/hostile [ROUNDS]
 *
 * Each hostile instance is as large as the API takes (body_max, 256 KiB)
 * and built to make one part of the work large: unknown elements, a
 * field that may appear once appearing thousands of times, thousands of
 * attributes, thousands of repeat rows (legal, every one checked),
 * nesting as deep as the parser allows, one huge text. Parsing plus
 * validating is measured, as a request pays it; medians of ROUNDS
 * (default 30). The answer is what matters for the issue: the worst
 * costs a few milliseconds more than the normal one, not seconds.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libxml/parser.h>

#include "buf.h"
#include "dates.h"
#include "form.h"
#include "i18n.h"
#include "mem.h"
#include "xmlsafe.h"

#define BODY_MAX	(256 * 1024)
#define DEPTH_MAX	32

static double
now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

static int
cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static char *
slurp(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	char *buf;

	if (fp == NULL)
		return NULL;
	buf = xmalloc(BODY_MAX + 1);
	*len = fread(buf, 1, BODY_MAX, fp);
	buf[*len] = '\0';
	fclose(fp);
	return buf;
}

static void
addn(struct buf *b, const char *s, size_t n)
{
	if (buf_add(b, s, n) != ST_OK) {
		fprintf(stderr, "bench: out of room\n");
		exit(1);
	}
}

static void
add(struct buf *b, const char *s)
{
	addn(b, s, strlen(s));
}

/* open, then unit repeated while the whole stays within BODY_MAX, then
 * close: an instance as large as a request may be. */
static void
fill(struct buf *b, const char *open, const char *unit, const char *close)
{
	size_t room;

	buf_reset(b);
	add(b, open);
	room = BODY_MAX - strlen(close);
	while (b->len + strlen(unit) <= room)
		add(b, unit);
	add(b, close);
}

struct result {
	double	 us;
	size_t	 errors;
	int	 more;
	int	 refused;	/* the parser refused it */
};

static void
measure(const struct form_def *def, const char *xml, size_t len,
    int rounds, double *t, struct result *out)
{
	char err[256];
	int i;

	memset(out, 0, sizeof(*out));
	for (i = 0; i < rounds; i++) {
		struct form_errors e;
		xmlDocPtr d;
		double t0 = now_us();

		form_errors_init(&e);
		if (xmlsafe_parse(xml, len, BODY_MAX, DEPTH_MAX, &d, err,
		    sizeof(err)) != ST_OK) {
			out->refused = 1;
		} else {
			if (form_validate(def, NULL, d, &e, 1) != ST_OK)
				out->refused = 1;
			xmlFreeDoc(d);
		}
		t[i] = now_us() - t0;
		out->errors = e.n;
		out->more = e.more;
		form_errors_release(&e);
	}
	qsort(t, (size_t)rounds, sizeof(*t), cmp);
	out->us = t[rounds / 2];
}

static void
report(const char *name, size_t len, const struct result *r,
    const struct result *base)
{
	printf("| %s | %zu | %.0f | %+.0f | %s%zu%s |\n", name, len, r->us,
	    r->us - base->us, r->refused ? "refused by the parser, " : "",
	    r->errors, r->more ? " (more not listed)" : "");
}

int
main(int argc, char **argv)
{
	int rounds = argc > 1 ? atoi(argv[1]) : 30;
	struct formset fs;
	struct buf b = BUF_INIT(BODY_MAX + 64);
	struct result base, r;
	const struct form_def *concern, *minutes;
	double *t;
	char err[512], *normal, *mnormal;
	size_t nlen, mlen;
	int d;

	if (rounds < 1)
		rounds = 1;
	t = xmalloc(sizeof(double) * (size_t)rounds);
	xmlsafe_global_init();
	dates_fix_today("2026-06-15");
	if (i18n_init("po/locale", err, sizeof(err)) != ST_OK)
		fprintf(stderr, "bench: %s (English only)\n", err);
	if (formset_load(&fs, "forms", err, sizeof(err)) != ST_OK) {
		fprintf(stderr, "bench: %s (run from the repository root)\n",
		    err);
		return 1;
	}
	concern = formset_current(&fs, "concern");
	minutes = formset_current(&fs, "minutes");
	normal = slurp("forms/tests/cases/concern-named.xml", &nlen);
	mnormal = slurp("forms/tests/cases/minutes-valid.xml", &mlen);
	if (concern == NULL || minutes == NULL || normal == NULL ||
	    mnormal == NULL) {
		fprintf(stderr, "bench: run from the repository root\n");
		return 1;
	}
	printf("stafett: hostile instances of %d KiB against a normal one, "
	    "parse + validate, medians of %d rounds\n\n", BODY_MAX / 1024,
	    rounds);
	printf("| instance | bytes | µs | µs more than normal | errors |\n");
	printf("| --- | ---: | ---: | ---: | --- |\n");

	measure(concern, normal, nlen, rounds, t, &base);
	report("concern, normal", nlen, &base, &base);
	fill(&b, "<concern>", "<x/>", "</concern>");
	measure(concern, b.data, b.len, rounds, t, &r);
	report("concern, unknown elements", b.len, &r, &base);
	fill(&b, "<concern>", "<anonymous>false</anonymous>", "</concern>");
	measure(concern, b.data, b.len, rounds, t, &r);
	report("concern, one field thousands of times", b.len, &r, &base);
	{
		/* attributes need distinct names: a1="" a2="" ... */
		size_t i = 0;

		buf_reset(&b);
		add(&b, "<concern");
		while (b.len + 24 < BODY_MAX) {
			char a[32];

			snprintf(a, sizeof(a), " a%zu=\"\"", i++);
			add(&b, a);
		}
		add(&b, "/>");
		measure(concern, b.data, b.len, rounds, t, &r);
		report("concern, unknown attributes", b.len, &r, &base);
	}
	buf_reset(&b);
	add(&b, "<concern>");
	for (d = 0; d < DEPTH_MAX - 2; d++)
		add(&b, "<child>");
	for (d = 0; d < DEPTH_MAX - 2; d++)
		add(&b, "</child>");
	add(&b, "</concern>");
	measure(concern, b.data, b.len, rounds, t, &r);
	report("concern, nested as deep as allowed", b.len, &r, &base);
	{
		/* the normal instance with a text of nearly 256 KiB */
		const char *at = strstr(normal, "<seen>");

		if (at != NULL) {
			buf_reset(&b);
			addn(&b, normal, (size_t)(at - normal) + 6);
			while (b.len + nlen + 16 < BODY_MAX)
				add(&b, "lang tekst ");
			add(&b, at + 6);
			measure(concern, b.data, b.len, rounds, t, &r);
			report("concern, one huge text", b.len, &r, &base);
		}
	}

	measure(minutes, mnormal, mlen, rounds, t, &base);
	report("minutes, normal", mlen, &base, &base);
	{
		/* legal: thousands of decisions, each checked by its binds */
		const char *at = strstr(mnormal, "<decisions>");

		if (at != NULL) {
			buf_reset(&b);
			addn(&b, mnormal, (size_t)(at - mnormal) + 11);
			while (b.len + mlen + 128 < BODY_MAX)
				add(&b, "<decision><text>t</text>"
				    "<responsible>r</responsible></decision>");
			add(&b, at + 11);
			measure(minutes, b.data, b.len, rounds, t, &r);
			report("minutes, thousands of rows", b.len, &r, &base);
		}
	}
	{
		/* legal and under the node cap: 2,000 decisions */
		const char *at = strstr(mnormal, "<decisions>");
		int k;

		if (at != NULL) {
			buf_reset(&b);
			addn(&b, mnormal, (size_t)(at - mnormal) + 11);
			for (k = 0; k < 2000; k++)
				add(&b, "<decision><text>t</text>"
				    "<responsible>r</responsible></decision>");
			add(&b, at + 11);
			measure(minutes, b.data, b.len, rounds, t, &r);
			report("minutes, 2,000 rows", b.len, &r, &base);
		}
	}
	fill(&b, "<minutes>", "<agenda/>", "</minutes>");
	measure(minutes, b.data, b.len, rounds, t, &r);
	report("minutes, one field thousands of times", b.len, &r, &base);

	buf_release(&b);
	xfree(normal);
	xfree(mnormal);
	xfree(t);
	formset_release(&fs);
	i18n_release();
	return 0;
}
