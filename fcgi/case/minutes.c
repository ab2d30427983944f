/* minutes.c: what a relay log gives the minutes form: its people, the
 * check of the responsible persons, the planned meeting, and stored
 * minutes as read (see minutes.h). */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "codelists.h"
#include "dates.h"
#include "db.h"
#include "form_eval.h"
#include "i18n.h"
#include "mem.h"
#include "minutes.h"
#include "pool.h"
#include "view.h"
#include "worker.h"
#include "xmlsafe.h"

/* Stored instances passed the request limits when they came in; these
 * only guard against a damaged row (as form_view_stored's). */
#define STORED_MAX	(16 * 1024 * 1024)
#define STORED_DEPTH	64

/* The rows that name a responsible person: the repeat's group, its
 * item, and the child without which a row is none. */
static const struct {
	const char	*group;
	const char	*item;
	const char	*what;
	int		 needs;		/* a responsible person is required */
} ROWS[] = {
	{ "decisions", "decision", "text", 0 },
	{ "measures", "measure", "what", 1 },
};
#define NROWS	(sizeof(ROWS) / sizeof(ROWS[0]))

/* The text of n's child name, trimmed, in the pool ("" if none). */
static const char *
text_of(struct pool *pool, xmlNodePtr n, const char *name)
{
	xmlNodePtr c = form_child(n, name);
	xmlChar *t;
	char *s, *e;

	if (c == NULL || (t = xmlNodeGetContent(c)) == NULL)
		return "";
	s = pool_strdup(pool, (const char *)t);
	xmlFree(t);
	while (*s == ' ' || *s == '\n' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\n' || e[-1] == '\t'))
		*--e = '\0';
	return s;
}

st_rc
minutes_people(struct req *r, const struct caselog *l,
    struct minutes_people *out)
{
	char today[DATE_SIZE], label[512];
	struct db_res res;
	struct minutes_person *p;
	size_t i;
	st_rc rc;

	memset(out, 0, sizeof(*out));
	dates_today(today);
	if ((rc = caselog_participants(&r->w->db, l, today, &res)) != ST_OK)
		return rc;
	out->v = pool_alloc(&r->pool, (res.nrows + 1) * sizeof(*out->v));
	if (l->holder_id != 0 && l->holder_pid != NULL &&
	    l->holder_name != NULL) {
		p = &out->v[out->n++];
		p->id = l->holder_id;
		p->pid = pool_strdup(&r->pool, l->holder_pid);
		p->name = pool_strdup(&r->pool, l->holder_name);
		if (l->holder_unit != NULL)
			snprintf(label, sizeof(label), _("%s (relay holder, %s)"),
			    l->holder_name, l->holder_unit);
		else
			snprintf(label, sizeof(label), _("%s (relay holder)"),
			    l->holder_name);
		p->label = pool_strdup(&r->pool, label);
	}
	for (i = 0; i < res.nrows; i++) {
		/* covered by a consent today, and not the holder again */
		if (!db_get_int(&res, i, 4) ||
		    db_get_int(&res, i, 6) == l->holder_id)
			continue;
		p = &out->v[out->n++];
		p->id = db_get_int(&res, i, 6);
		p->pid = pool_strdup(&r->pool, db_get(&res, i, 0));
		p->name = pool_strdup(&r->pool, db_get(&res, i, 1));
		if (db_get(&res, i, 2) != NULL) {
			snprintf(label, sizeof(label), "%s (%s)", p->name,
			    db_get(&res, i, 2));
			p->label = pool_strdup(&r->pool, label);
		} else
			p->label = p->name;
	}
	db_res_release(&res);
	return ST_OK;
}

int
minutes_by_id(const struct form_def *def)
{
	size_t i;

	for (i = 0; i < def->ninstances; i++)
		if (def->instances[i].src != NULL &&
		    strcmp(def->instances[i].src, "people") == 0)
			return 1;
	return 0;
}

/* The form environment: the worker's lists, and these people. */
struct people_env {
	struct form_env	 env;
	struct worker	*w;
	xmlDocPtr	 people;
};

static xmlDocPtr
people_fill(void *ctx, const char *src)
{
	struct people_env *e = ctx;

	if (strcmp(src, "people") == 0 && e->people != NULL)
		return e->people;
	return codelists_fill(e->w, src);
}

const struct form_env *
minutes_env(struct req *r, const struct minutes_people *mp)
{
	struct people_env *e = pool_alloc(&r->pool, sizeof(*e));
	xmlNodePtr root, p;
	size_t i;

	e->w = r->w;
	e->people = xmlNewDoc(BAD_CAST "1.0");
	pool_add(&r->pool, view_free_doc, e->people);
	root = xmlNewDocNode(e->people, NULL, BAD_CAST "people", NULL);
	xmlDocSetRootElement(e->people, root);
	for (i = 0; i < mp->n; i++) {
		p = xmlNewChild(root, NULL, BAD_CAST "person", NULL);
		xmlSetProp(p, BAD_CAST "id", BAD_CAST mp->v[i].pid);
		xmlNewTextChild(p, NULL, BAD_CAST "name",
		    BAD_CAST mp->v[i].name);
		xmlNewTextChild(p, NULL, BAD_CAST "label",
		    BAD_CAST mp->v[i].label);
	}
	e->env.fill = people_fill;
	e->env.ctx = e;
	return &e->env;
}

static const struct minutes_person *
by_pid(const struct minutes_people *mp, const char *pid)
{
	size_t i;

	for (i = 0; i < mp->n; i++)
		if (strcmp(mp->v[i].pid, pid) == 0)
			return &mp->v[i];
	return NULL;
}

static const struct minutes_person *
by_name(const struct minutes_people *mp, const char *name)
{
	size_t i;

	for (i = 0; i < mp->n; i++)
		if (strcasecmp(mp->v[i].name, name) == 0)
			return &mp->v[i];
	return NULL;
}

/* A person by what a row holds: an id (version 2) or a name. */
static const struct minutes_person *
who(const struct form_def *def, const struct minutes_people *mp,
    const char *v)
{
	if (*v == '\0')
		return NULL;
	return minutes_by_id(def) ? by_pid(mp, v) : by_name(mp, v);
}

const struct minutes_person *
minutes_responsible(const struct form_def *def, xmlNodePtr row,
    const struct minutes_people *mp)
{
	xmlNodePtr c = form_child(row, "responsible");
	xmlChar *t;
	const struct minutes_person *p;
	char *s, *e;

	if (c == NULL || (t = xmlNodeGetContent(c)) == NULL)
		return NULL;
	s = (char *)t;
	while (*s == ' ' || *s == '\n' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\n' || e[-1] == '\t'))
		*--e = '\0';
	p = who(def, mp, s);
	xmlFree(t);
	return p;
}

/* "Measure 2: Responsible": the row's label and the field's, from def,
 * in the request's language. */
static void
row_label(const struct form_def *def, const char *root, size_t k, char *out,
    size_t len, const char *group, const char *item)
{
	char rpath[128], fpath[160];
	const char *rl = NULL, *fl = NULL;
	size_t i;

	snprintf(rpath, sizeof(rpath), "/%s/%s/%s", root, group, item);
	snprintf(fpath, sizeof(fpath), "%s/responsible", rpath);
	for (i = 0; i < def->nfields; i++) {
		const struct form_field *f = &def->fields[i];

		if (f->kind == CTL_REPEAT && strcmp(f->path, rpath) == 0)
			rl = form_text(f->el, FORM_NS, "row-label",
			    i18n_current());
		else if (f->kind != CTL_REPEAT && strcmp(f->path, fpath) == 0)
			fl = form_text(f->el, XF_NS, "label", i18n_current());
	}
	snprintf(out, len, "%s %zu: %s", rl != NULL ? rl : item, k,
	    fl != NULL ? fl : "responsible");
}

size_t
minutes_check(const struct form_def *def, xmlDocPtr inst,
    const struct minutes_people *mp, struct form_errors *errs)
{
	xmlNodePtr root = xmlDocGetRootElement(inst), n;
	int ids = minutes_by_id(def);
	struct pool pool;
	size_t before = errs->n, g, k;

	if (root == NULL)
		return 0;
	pool_init(&pool);
	for (g = 0; g < NROWS; g++) {
		/* version 1 checked only the measures' typed names: its
		 * decisions' responsible was any text, and stays so */
		if (!ids && !ROWS[g].needs)
			continue;
		k = 0;
		n = form_child(root, ROWS[g].group);
		for (n = n != NULL ? n->children : NULL; n != NULL;
		    n = n->next) {
			const char *resp, *name;
			char path[160], label[256], msg[512];
			char *id;

			if (n->type != XML_ELEMENT_NODE ||
			    strcmp((const char *)n->name, ROWS[g].item) != 0)
				continue;
			k++;
			if (*text_of(&pool, n, ROWS[g].what) == '\0')
				continue;
			resp = text_of(&pool, n, "responsible");
			if (*resp == '\0' && !ROWS[g].needs)
				continue;
			if (who(def, mp, resp) != NULL)
				continue;
			name = ids ? text_of(&pool, n, "responsible_name") :
			    resp;
			if (*resp == '\0')
				snprintf(msg, sizeof(msg), "%s",
				    _("Choose who is responsible for the measure."));
			else if (!ids)
				snprintf(msg, sizeof(msg), _("\"%s\" is not the name of the relay holder or of a participant of the relay log."),
				    name);
			else if (*name != '\0')
				snprintf(msg, sizeof(msg), _("%s does not take part in the relay log (any longer). Choose its holder or one of its participants."),
				    name);
			else
				snprintf(msg, sizeof(msg), "%s",
				    _("Choose the relay holder or one of the participants of the relay log."));
			snprintf(path, sizeof(path),
			    "/%s/%s/%s[%zu]/responsible",
			    (const char *)root->name, ROWS[g].group,
			    ROWS[g].item, k);
			row_label(def, (const char *)root->name, k, label,
			    sizeof(label), ROWS[g].group, ROWS[g].item);
			id = form_html_id(path);
			form_errors_add(errs, path, id, label, msg);
			xfree(id);
		}
	}
	pool_release(&pool);
	return errs->n - before;
}

void
minutes_name(const struct form_def *def, xmlDocPtr inst,
    const struct minutes_people *mp)
{
	xmlNodePtr root = xmlDocGetRootElement(inst), n, c;
	const struct minutes_person *p;
	size_t g;

	if (root == NULL || !minutes_by_id(def))
		return;
	for (g = 0; g < NROWS; g++) {
		n = form_child(root, ROWS[g].group);
		for (n = n != NULL ? n->children : NULL; n != NULL;
		    n = n->next) {
			if (n->type != XML_ELEMENT_NODE ||
			    strcmp((const char *)n->name, ROWS[g].item) != 0)
				continue;
			p = minutes_responsible(def, n, mp);
			if ((c = form_child(n, "responsible_name")) == NULL) {
				xmlNodePtr at = form_child(n, "responsible");

				c = xmlNewDocNode(n->doc, NULL,
				    BAD_CAST "responsible_name", NULL);
				if (at != NULL)
					xmlAddNextSibling(at, c);
				else
					xmlAddChild(n, c);
			}
			form_set_text(c, p != NULL ? p->name : "");
		}
	}
}

/* Set the text of root's child a (and its child b, if not NULL). */
static void
put(xmlNodePtr root, const char *a, const char *b, const char *value)
{
	xmlNodePtr n = form_child(root, a);

	if (b != NULL)
		n = form_child(n, b);
	if (n != NULL && value != NULL)
		form_set_text(n, value);
}

/* One participant row at the end of /minutes/participants. */
static st_rc
participant(const struct form_def *def, xmlDocPtr inst, const char *name,
    const char *role, const char *service)
{
	xmlNodePtr list, last = NULL, n;
	st_rc rc;

	if ((rc = form_action(def, inst, "insert:participants")) != ST_OK)
		return rc;
	list = form_child(xmlDocGetRootElement(inst), "participants");
	for (n = list != NULL ? list->children : NULL; n != NULL; n = n->next)
		if (n->type == XML_ELEMENT_NODE)
			last = n;
	if (last == NULL)
		return ST_E_INVALID;
	put(last, "name", NULL, name);
	put(last, "role", NULL, role);
	put(last, "service", NULL, service != NULL ? service : "");
	return ST_OK;
}

st_rc
minutes_prefill(struct req *r, const struct form_def *def,
    const struct caselog *l, const char *meeting, xmlDocPtr inst)
{
	xmlNodePtr root = xmlDocGetRootElement(inst), list, n, next;
	struct db_val p[1];
	struct db_res m, inv;
	char date[DATE_SIZE], time[6];
	const char *starts;
	size_t i;
	int pass;
	st_rc rc;

	p[0] = DV_STR(meeting);
	if ((rc = db_query(&r->w->db, STMT_MEETING_GET, p, 1, 1, &m)) != ST_OK)
		return rc;
	/* columns of MEETING_COLS: id, public_id, log_id, starts_at
	 * (YYYY-MM-DDTHH:MM), place, agenda */
	if (m.nrows != 1 || db_get_int(&m, 0, 2) != l->id || root == NULL) {
		db_res_release(&m);
		return ST_OK;
	}
	starts = db_get(&m, 0, 3);
	if (starts != NULL && strlen(starts) >= 16) {
		snprintf(date, sizeof(date), "%.10s", starts);
		snprintf(time, sizeof(time), "%.5s", starts + 11);
		put(root, "meeting", "date", date);
		put(root, "meeting", "time", time);
	}
	put(root, "meeting", "place", db_get(&m, 0, 4));
	put(root, "agenda", NULL, db_get(&m, 0, 5));
	p[0] = DV_INT(db_get_int(&m, 0, 0));
	db_res_release(&m);
	if ((rc = db_query(&r->w->db, STMT_MEETING_INVITEES, p, 1, 200,
	    &inv)) != ST_OK)
		return rc;
	list = form_child(root, "participants");
	if (inv.nrows > 0 && list != NULL) {
		/* the invited, in place of the empty row: the holder first */
		for (n = list->children; n != NULL; n = next) {
			next = n->next;
			xmlUnlinkNode(n);
			xmlFreeNode(n);
		}
		/* the holder, the professionals, then the family (as the
		 * guardian or the child, with no service); who said they
		 * cannot come is not written as present */
		for (pass = 0; pass < 3 && rc == ST_OK; pass++)
			for (i = 0; i < inv.nrows && rc == ST_OK; i++) {
				int holder = db_get_int(&inv, i, 3) ==
				    l->holder_id;
				int family = !holder && db_get_int(&inv, i, 4);
				const char *answer = db_get(&inv, i, 5);
				const char *rel = db_get(&inv, i, 6);

				if ((holder ? 0 : family ? 2 : 1) != pass ||
				    (answer != NULL &&
				    strcmp(answer, "not_coming") == 0))
					continue;
				rc = participant(def, inst, db_get(&inv, i, 1),
				    holder ? "holder" : !family ?
				    "professional" : rel != NULL &&
				    strcmp(rel, "self") == 0 ? "child" :
				    "guardian", family ? "" :
				    db_get(&inv, i, 2));
			}
	}
	db_res_release(&inv);
	return rc;
}

st_rc
minutes_view_stored(struct req *r, const char *form_id, unsigned version,
    const char *xml, size_t len, const struct form_errors *errs,
    xmlNodePtr parent)
{
	const struct form_def *def;
	struct minutes_people mp;
	xmlDocPtr inst = NULL;
	xmlNodePtr root;
	char err[256];
	size_t g, cap = 0;
	st_rc rc;

	def = formset_get(r->w->forms, form_id, version);
	if (def == NULL || xmlsafe_parse(xml, len, STORED_MAX, STORED_DEPTH,
	    &inst, err, sizeof(err)) != ST_OK) {
		view_el(parent, "missing-form", form_id);
		return ST_OK;
	}
	pool_add(&r->pool, view_free_doc, inst);
	if (!minutes_by_id(def))
		return form_view(def, &r->w->env, inst, errs, 1, parent);
	/* the people named, by the names stored with them */
	memset(&mp, 0, sizeof(mp));
	root = xmlDocGetRootElement(inst);
	for (g = 0; g < NROWS; g++) {
		xmlNodePtr n = form_child(root, ROWS[g].group);

		for (n = n != NULL ? n->children : NULL; n != NULL; n = n->next)
			cap++;
	}
	mp.v = pool_alloc(&r->pool, (cap + 1) * sizeof(*mp.v));
	for (g = 0; g < NROWS; g++) {
		xmlNodePtr n = form_child(root, ROWS[g].group);

		for (n = n != NULL ? n->children : NULL; n != NULL;
		    n = n->next) {
			const char *id, *name;
			struct minutes_person *p;

			if (n->type != XML_ELEMENT_NODE)
				continue;
			id = text_of(&r->pool, n, "responsible");
			name = text_of(&r->pool, n, "responsible_name");
			if (*id == '\0' || by_pid(&mp, id) != NULL)
				continue;
			p = &mp.v[mp.n++];
			p->pid = id;
			p->name = *name != '\0' ? name : id;
			p->label = p->name;
		}
	}
	rc = form_view(def, minutes_env(r, &mp), inst, errs, 1, parent);
	return rc;
}
