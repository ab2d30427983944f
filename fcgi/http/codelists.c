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
/* Who works where: a new colleague is in the lists within seconds. */
#define STAFF_TTL_MS	5000

static long long
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* The set of municipality m, made (the one used longest ago given up)
 * when it has none. */
static struct codelist_set *
set_of(struct codelists *c, long long m)
{
	struct codelist_set *s, *old = &c->set[0];
	size_t i;

	for (i = 0; i < CODELISTS_SETS; i++) {
		s = &c->set[i];
		if (s->municipality == m) {
			s->used = ++c->tick;
			return s;
		}
		if (s->used < old->used)
			old = s;
	}
	if (old->settings != NULL)
		xmlFreeDoc(old->settings);
	if (old->units != NULL)
		xmlFreeDoc(old->units);
	if (old->staff != NULL)
		xmlFreeDoc(old->staff);
	memset(old, 0, sizeof(*old));
	old->municipality = m;
	old->used = ++c->tick;
	return old;
}

static void
copy(char *dst, size_t size, const char *src)
{
	snprintf(dst, size, "%s", src != NULL ? src : "");
}

/* The installation's settings (stafett.conf), for a municipality that
 * has none of its own or cannot be read. */
static void
installation(const struct conf *cfg, struct municipal *m)
{
	memset(m, 0, sizeof(*m));
	m->concern_deadline_days = cfg->concern_deadline_days;
	m->draft_keep_days = cfg->draft_keep_days;
	m->consent_max_days = cfg->consent_max_days;
	copy(m->emergency_phone, sizeof(m->emergency_phone),
	    cfg->emergency_phone);
}

/* Column col of the one row, when there is one and it is set. */
static const char *
own(const struct db_res *res, unsigned col)
{
	return res->nrows == 1 ? db_get(res, 0, col) : NULL;
}

static void
read_municipal(struct worker *w, struct codelist_set *s)
{
	struct municipal *m = &s->m;
	struct db_val p[1];
	struct db_res res;
	long long t = now_ms();

	if (s->m_ms > 0 && t - s->m_ms <= TTL_MS)
		return;
	p[0] = DV_INT(s->municipality);
	if (db_query(&w->db, STMT_MUNICIPALITY_GET, p, 1, 1, &res) != ST_OK) {
		/* never read: the installation's, until it can be */
		if (m->id == 0)
			installation(w->cfg, m);
		log_warn("cannot read municipality %lld's settings; using the "
		    "last ones read", s->municipality);
		return;
	}
	installation(w->cfg, m);
	if (res.nrows == 1) {
		m->id = s->municipality;
		copy(m->number, sizeof(m->number), own(&res, 0));
		copy(m->name, sizeof(m->name), own(&res, 1));
	}
	if (own(&res, 2) != NULL)
		m->concern_deadline_days = (unsigned)db_get_int(&res, 0, 2);
	if (own(&res, 3) != NULL)
		copy(m->emergency_phone, sizeof(m->emergency_phone),
		    own(&res, 3));
	if (own(&res, 4) != NULL)
		m->draft_keep_days = (unsigned)db_get_int(&res, 0, 4);
	if (own(&res, 5) != NULL)
		m->consent_max_days = (unsigned)db_get_int(&res, 0, 5);
	db_res_release(&res);
	s->m_ms = t;
	if (s->settings != NULL) {
		xmlFreeDoc(s->settings);
		s->settings = NULL;
	}
}

const struct municipal *
codelists_municipal(struct worker *w, long long id)
{
	struct codelists *c = w->codes;
	static struct municipal none;
	struct codelist_set *s;

	if (c == NULL) {
		installation(w->cfg, &none);
		return &none;
	}
	s = set_of(c, id != 0 ? id : c->current);
	read_municipal(w, s);
	return &s->m;
}

void
codelists_use(struct codelists *c, long long municipality)
{
	if (c != NULL)
		c->current = municipality;
}

long long
codelists_current(const struct codelists *c)
{
	return c != NULL ? c->current : 0;
}

static xmlDocPtr
read_units(struct worker *w, long long m)
{
	struct db_val p[2];
	struct db_res res;
	xmlDocPtr doc;
	xmlNodePtr root;
	size_t i;

	p[0] = p[1] = DV_INT(m);
	if (db_query(&w->db, STMT_UNIT_LIST, p, 2, 10000, &res) != ST_OK)
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
read_staff(struct worker *w, long long m)
{
	struct db_val p[2];
	struct db_res res;
	xmlDocPtr doc;
	xmlNodePtr root;
	size_t i;

	p[0] = p[1] = DV_INT(m);
	if (db_query(&w->db, STMT_STAFF_LIST, p, 2, 5000, &res) != ST_OK)
		return NULL;
	doc = xmlNewDoc(BAD_CAST "1.0");
	root = xmlNewDocNode(doc, NULL, BAD_CAST "staff", NULL);
	xmlDocSetRootElement(doc, root);
	for (i = 0; i < res.nrows; i++) {
		xmlNodePtr u = xmlNewChild(root, NULL, BAD_CAST "person",
		    NULL);

		xmlSetProp(u, BAD_CAST "id", BAD_CAST db_get(&res, i, 0));
		xmlSetProp(u, BAD_CAST "unit", BAD_CAST db_get(&res, i, 4));
		xmlSetProp(u, BAD_CAST "kind", BAD_CAST db_get(&res, i, 3));
		xmlNewTextChild(u, NULL, BAD_CAST "name",
		    BAD_CAST db_get(&res, i, 1));
		xmlNewTextChild(u, NULL, BAD_CAST "unit",
		    BAD_CAST db_get(&res, i, 2));
	}
	db_res_release(&res);
	return doc;
}

/* The list in *doc, read afresh with fn when older than ttl. */
static xmlDocPtr
kept(struct worker *w, struct codelist_set *s, xmlDocPtr *doc,
    long long *ms, long long ttl, xmlDocPtr (*fn)(struct worker *,
    long long), const char *what)
{
	long long t = now_ms();

	if (*doc == NULL || *ms < 0 || t - *ms > ttl) {
		xmlDocPtr fresh = fn(w, s->municipality);

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
	struct codelist_set *s;

	if (c == NULL)
		return NULL;
	if (strcmp(src, "people") == 0) {
		if (c->people == NULL) {
			c->people = xmlNewDoc(BAD_CAST "1.0");
			xmlDocSetRootElement(c->people, xmlNewDocNode(c->people,
			    NULL, BAD_CAST "people", NULL));
		}
		return c->people;
	}
	s = set_of(c, c->current);
	if (strcmp(src, "settings") == 0) {
		read_municipal(w, s);
		if (s->settings == NULL) {
			xmlNodePtr root;
			char v[32];

			s->settings = xmlNewDoc(BAD_CAST "1.0");
			root = xmlNewDocNode(s->settings, NULL,
			    BAD_CAST "settings", NULL);
			xmlDocSetRootElement(s->settings, root);
			snprintf(v, sizeof(v), "%u", s->m.consent_max_days);
			xmlNewTextChild(root, NULL, BAD_CAST "max_consent_days",
			    BAD_CAST v);
		}
		return s->settings;
	}
	if (strcmp(src, "units") == 0)
		return kept(w, s, &s->units, &s->units_ms, TTL_MS, read_units,
		    "unit");
	if (strcmp(src, "staff") == 0)
		return kept(w, s, &s->staff, &s->staff_ms, STAFF_TTL_MS,
		    read_staff, "staff");
	return NULL;
}

/* The text of the child element name of n, or "". */
static xmlChar *
child_text(xmlNodePtr n, const char *name)
{
	for (n = n->children; n != NULL; n = n->next)
		if (n->type == XML_ELEMENT_NODE &&
		    xmlStrcmp(n->name, BAD_CAST name) == 0)
			return xmlNodeGetContent(n);
	return xmlStrdup(BAD_CAST "");
}

void
codelists_person_attrs(xmlNodePtr person, xmlNodePtr u)
{
	xmlChar *v;

	if ((v = xmlGetProp(person, BAD_CAST "id")) != NULL) {
		xmlSetProp(u, BAD_CAST "id", v);
		xmlFree(v);
	}
	if ((v = child_text(person, "name")) != NULL) {
		xmlSetProp(u, BAD_CAST "name", v);
		xmlFree(v);
	}
	if ((v = child_text(person, "unit")) != NULL) {
		xmlSetProp(u, BAD_CAST "unit", v);
		xmlFree(v);
	}
	if ((v = xmlGetProp(person, BAD_CAST "kind")) != NULL) {
		xmlSetProp(u, BAD_CAST "service", v);
		xmlFree(v);
	}
}

void
codelists_stale(struct codelists *c)
{
	size_t i;

	if (c == NULL)
		return;
	for (i = 0; i < CODELISTS_SETS; i++) {
		c->set[i].units_ms = -1;
		c->set[i].staff_ms = -1;
		c->set[i].m_ms = -1;
	}
}

void
codelists_release(struct codelists *c)
{
	size_t i;

	for (i = 0; i < CODELISTS_SETS; i++) {
		if (c->set[i].units != NULL)
			xmlFreeDoc(c->set[i].units);
		if (c->set[i].settings != NULL)
			xmlFreeDoc(c->set[i].settings);
		if (c->set[i].staff != NULL)
			xmlFreeDoc(c->set[i].staff);
	}
	if (c->people != NULL)
		xmlFreeDoc(c->people);
	memset(c, 0, sizeof(*c));
}
