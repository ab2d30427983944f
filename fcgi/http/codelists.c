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

static xmlDocPtr
read_staff(struct worker *w)
{
	struct db_res res;
	xmlDocPtr doc;
	xmlNodePtr root;
	size_t i;

	if (db_query(&w->db, STMT_STAFF_LIST, NULL, 0, 5000, &res) != ST_OK)
		return NULL;
	doc = xmlNewDoc(BAD_CAST "1.0");
	root = xmlNewDocNode(doc, NULL, BAD_CAST "staff", NULL);
	xmlDocSetRootElement(doc, root);
	for (i = 0; i < res.nrows; i++) {
		xmlNodePtr u = xmlNewChild(root, NULL, BAD_CAST "person",
		    NULL);

		xmlSetProp(u, BAD_CAST "id", BAD_CAST db_get(&res, i, 0));
		xmlSetProp(u, BAD_CAST "unit", BAD_CAST db_get(&res, i, 4));
		xmlNewTextChild(u, NULL, BAD_CAST "name",
		    BAD_CAST db_get(&res, i, 1));
		xmlNewTextChild(u, NULL, BAD_CAST "unit",
		    BAD_CAST db_get(&res, i, 2));
	}
	db_res_release(&res);
	return doc;
}

/* The list in *doc, read afresh with fn when older than TTL_MS. */
static xmlDocPtr
kept(struct worker *w, xmlDocPtr *doc, long long *ms,
    xmlDocPtr (*fn)(struct worker *), const char *what)
{
	long long t = now_ms();

	if (*doc == NULL || *ms < 0 || t - *ms > TTL_MS) {
		xmlDocPtr fresh = fn(w);

		if (fresh != NULL) {
			if (*doc != NULL)
				xmlFreeDoc(*doc);
			*doc = fresh;
			*ms = t;
		} else
			log_warn("cannot read the %s list; using the last one "
			    "read", what);
	}
	return *doc;
}

xmlDocPtr
codelists_fill(void *ctx, const char *src)
{
	struct worker *w = ctx;
	struct codelists *c = w->codes;

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
	if (strcmp(src, "units") == 0)
		return kept(w, &c->units, &c->units_ms, read_units, "unit");
	if (strcmp(src, "staff") == 0)
		return kept(w, &c->staff, &c->staff_ms, read_staff, "staff");
	if (strcmp(src, "people") == 0) {
		if (c->people == NULL) {
			c->people = xmlNewDoc(BAD_CAST "1.0");
			xmlDocSetRootElement(c->people, xmlNewDocNode(c->people,
			    NULL, BAD_CAST "people", NULL));
		}
		return c->people;
	}
	return NULL;
}

void
codelists_stale(struct codelists *c)
{
	if (c == NULL)
		return;
	c->units_ms = -1;
	c->staff_ms = -1;
}

void
codelists_release(struct codelists *c)
{
	if (c->units != NULL)
		xmlFreeDoc(c->units);
	if (c->settings != NULL)
		xmlFreeDoc(c->settings);
	if (c->staff != NULL)
		xmlFreeDoc(c->staff);
	if (c->people != NULL)
		xmlFreeDoc(c->people);
	memset(c, 0, sizeof(*c));
}
