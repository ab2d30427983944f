/* codelists.c: code lists for forms, read from the database (see
 * codelists.h). */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "codelists.h"
#include "db.h"
#include "log.h"
#include "worker.h"

#define TTL_MS	60000

static long long
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static xmlDocPtr
read_units(struct worker *w)
{
	struct db_res res;
	xmlDocPtr doc;
	xmlNodePtr root;
	size_t i;

	if (db_query(&w->db, STMT_UNIT_LIST, NULL, 0, 10000, &res) != ST_OK)
		return NULL;
	doc = xmlNewDoc(BAD_CAST "1.0");
	root = xmlNewDocNode(doc, NULL, BAD_CAST "units", NULL);
	xmlDocSetRootElement(doc, root);
	for (i = 0; i < res.nrows; i++) {
		xmlNodePtr u = xmlNewChild(root, NULL, BAD_CAST "unit", NULL);

		xmlSetProp(u, BAD_CAST "code", BAD_CAST db_get(&res, i, 0));
		xmlSetProp(u, BAD_CAST "kind", BAD_CAST db_get(&res, i, 2));
		xmlSetProp(u, BAD_CAST "external",
		    BAD_CAST (db_get_int(&res, i, 3) ? "true" : "false"));
		xmlNewTextChild(u, NULL, BAD_CAST "name",
		    BAD_CAST db_get(&res, i, 1));
	}
	db_res_release(&res);
	return doc;
}

xmlDocPtr
codelists_fill(void *ctx, const char *src)
{
	struct worker *w = ctx;
	struct codelists *c = w->codes;
	long long t = now_ms();

	if (c == NULL)
		return NULL;
	if (strcmp(src, "settings") == 0) {
		if (c->settings == NULL) {
			xmlNodePtr root;
			char v[32];

			c->settings = xmlNewDoc(BAD_CAST "1.0");
			root = xmlNewDocNode(c->settings, NULL,
			    BAD_CAST "settings", NULL);
			xmlDocSetRootElement(c->settings, root);
			snprintf(v, sizeof(v), "%u", w->cfg->consent_max_days);
			xmlNewTextChild(root, NULL, BAD_CAST "max_consent_days",
			    BAD_CAST v);
		}
		return c->settings;
	}
	if (strcmp(src, "units") != 0)
		return NULL;
	if (c->units == NULL || t - c->units_ms > TTL_MS) {
		xmlDocPtr fresh = read_units(w);

		if (fresh != NULL) {
			if (c->units != NULL)
				xmlFreeDoc(c->units);
			c->units = fresh;
			c->units_ms = t;
		} else
			log_warn("cannot read the unit list; using the last "
			    "one read");
	}
	return c->units;
}

void
codelists_release(struct codelists *c)
{
	if (c->units != NULL)
		xmlFreeDoc(c->units);
	if (c->settings != NULL)
		xmlFreeDoc(c->settings);
	memset(c, 0, sizeof(*c));
}
