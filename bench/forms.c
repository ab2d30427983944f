/* forms.c: the cost of the form engine per form: validating one instance
 * (µs) and rendering the fillable page (µs), each beside its baseline
 * (parsing the same instance; rendering a minimal page through the same
 * layout), measured in the same run.
 *
 *   make bench/forms && bench/forms [ROUNDS]
 *
 * Each form is measured with its first valid declarative case,
 * forms/tests/cases/ID-valid.xml (concern: concern-named.xml). Medians of
 * ROUNDS (default 2000) repetitions.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libxml/parser.h>
#include <libxslt/transform.h>
#include <libxslt/xsltutils.h>

#include "dates.h"
#include "form.h"
#include "i18n.h"
#include "mem.h"
#include "view.h"
#include "xmlsafe.h"

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

static double
median(double *v, int n)
{
	qsort(v, (size_t)n, sizeof(*v), cmp);
	return v[n / 2];
}

static char *
slurp(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	char *buf;

	if (fp == NULL)
		return NULL;
	buf = xmalloc(1 << 20);
	*len = fread(buf, 1, (1 << 20) - 1, fp);
	fclose(fp);
	buf[*len] = '\0';
	return buf;
}

static void
render(xsltStylesheetPtr sheet, xmlDocPtr view)
{
	xmlDocPtr res = xsltApplyStylesheet(sheet, view, NULL);
	xmlChar *mem = NULL;
	int len = 0;

	xsltSaveResultToString(&mem, &len, res, sheet);
	xmlFree(mem);
	xmlFreeDoc(res);
}

static xmlDocPtr
page(const char *name, xmlNodePtr *root)
{
	xmlDocPtr d = xmlNewDoc(BAD_CAST "1.0");

	*root = xmlNewDocNode(d, NULL, BAD_CAST "page", NULL);
	xmlDocSetRootElement(d, *root);
	xmlSetProp(*root, BAD_CAST "name", BAD_CAST name);
	xmlSetProp(*root, BAD_CAST "lang", BAD_CAST "nb");
	xmlSetProp(*root, BAD_CAST "action", BAD_CAST "/forms/x");
	xmlNewTextChild(*root, NULL, BAD_CAST "csrf", BAD_CAST "token");
	return d;
}

int
main(int argc, char **argv)
{
	int rounds = argc > 1 ? atoi(argv[1]) : 2000, i;
	struct formset fs;
	struct xslset xs;
	char err[512], path[512];
	double *t = xmalloc(sizeof(double) * (size_t)rounds);
	double base_render;
	size_t f;

	xmlsafe_global_init();
	dates_fix_today("2026-06-15");
	if (i18n_init("po/locale", err, sizeof(err)) != ST_OK)
		fprintf(stderr, "bench: %s (English only)\n", err);
	i18n_register_xslt();
	if (formset_load(&fs, "forms", err, sizeof(err)) != ST_OK ||
	    xslset_load(&xs, "forms/xsl", err, sizeof(err)) != ST_OK) {
		fprintf(stderr, "bench: %s (run from the repository root)\n",
		    err);
		return 1;
	}
	/* baseline for pages: the error page, the least a page can be */
	for (i = 0; i < rounds; i++) {
		xmlNodePtr root;
		xmlDocPtr d = page("error", &root);
		double t0 = now_us();

		xmlNewTextChild(root, NULL, BAD_CAST "message", BAD_CAST "x");
		render(xslset_get(&xs, "error"), d);
		t[i] = now_us() - t0;
		xmlFreeDoc(d);
	}
	base_render = median(t, rounds);
	printf("stafett form engine, %d rounds, medians in microseconds\n\n",
	    rounds);
	printf("%-12s %9s %9s %9s   %9s %9s\n", "form", "parse", "validate",
	    "ratio", "page", "ratio");
	for (f = 0; f < fs.n; f++) {
		const struct form_def *def = fs.v[f];
		double parse, validate, pagecost;
		size_t len;
		char *xml;

		if (formset_current(&fs, def->id) != def)
			continue;
		snprintf(path, sizeof(path), "forms/tests/cases/%s-valid.xml",
		    def->id);
		if ((xml = slurp(path, &len)) == NULL) {
			snprintf(path, sizeof(path),
			    "forms/tests/cases/%s-named.xml", def->id);
			if ((xml = slurp(path, &len)) == NULL)
				continue;
		}
		for (i = 0; i < rounds; i++) {
			xmlDocPtr d;
			double t0 = now_us();

			if (xmlsafe_parse(xml, len, 1 << 20, 32, &d, err,
			    sizeof(err)) != ST_OK)
				return 1;
			t[i] = now_us() - t0;
			xmlFreeDoc(d);
		}
		parse = median(t, rounds);
		for (i = 0; i < rounds; i++) {
			struct form_errors e;
			xmlDocPtr d;
			double t0 = now_us();

			if (xmlsafe_parse(xml, len, 1 << 20, 32, &d, err,
			    sizeof(err)) != ST_OK)
				return 1;
			form_errors_init(&e);
			if (form_validate(def, NULL, d, &e, 1) != ST_OK ||
			    e.n != 0) {
				fprintf(stderr, "bench: %s is not valid\n",
				    path);
				return 1;
			}
			t[i] = now_us() - t0;
			form_errors_release(&e);
			xmlFreeDoc(d);
		}
		validate = median(t, rounds);
		for (i = 0; i < rounds; i++) {
			xmlNodePtr root;
			xmlDocPtr v = page("form", &root), inst;
			double t0 = now_us();

			inst = form_new_instance(def);
			if (form_view(def, NULL, inst, NULL, 0, root) != ST_OK)
				return 1;
			render(xslset_get(&xs, "form"), v);
			t[i] = now_us() - t0;
			xmlFreeDoc(inst);
			xmlFreeDoc(v);
		}
		pagecost = median(t, rounds);
		printf("%-12s %9.1f %9.1f %8.1fx   %9.1f %8.1fx\n", def->id,
		    parse, validate, validate / parse, pagecost,
		    pagecost / base_render);
		xfree(xml);
	}
	printf("\nbaselines: parsing the same instance (validate includes "
	    "it); the error page, %.1f us (page includes the layout)\n",
	    base_render);
	formset_release(&fs);
	xslset_release(&xs);
	i18n_release();
	xfree(t);
	return 0;
}
