/* consultation.c: storing and loading two-year consultations (see
 * consultation.h). */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "audit.h"
#include "caselog.h"
#include "concern.h"
#include "codelists.h"
#include "consultation.h"
#include "dates.h"
#include "i18n.h"
#include "labels.h"
#include "mem.h"
#include "route.h"
#include "worker.h"

/* At most this many professionals are named as taking part. */
#define PERSONS_MAX	20

/* Columns of CONSULTATION_FACTS, from its first. */
enum { KF_AUTHOR, KF_UNIT, KF_KINDERGARTEN, KF_HEALTH_CLINIC, KF_TOOK_PART,
	KF_RELATION, KF_BIRTH, KF_MUNICIPALITY };

void
consultation_facts(const struct db_res *res, size_t i, unsigned col,
    const char *today, struct consultation_facts *f)
{
	const char *rel = db_get(res, i, col + KF_RELATION);
	const char *birth = db_get(res, i, col + KF_BIRTH);
	int ok;

	memset(f, 0, sizeof(*f));
	f->author_id = db_get_int(res, i, col + KF_AUTHOR);
	f->unit_id = db_get_int(res, i, col + KF_UNIT);
	f->kindergarten_id = db_get_int(res, i, col + KF_KINDERGARTEN);
	f->health_clinic_id = db_get_int(res, i, col + KF_HEALTH_CLINIC);
	f->took_part = db_get_int(res, i, col + KF_TOOK_PART) > 0;
	f->municipality_id = db_get_int(res, i, col + KF_MUNICIPALITY);
	f->guardian = rel != NULL && strcmp(rel, "guardian") == 0;
	f->self = rel != NULL && strcmp(rel, "self") == 0;
	f->child_age = -1;
	if (birth != NULL) {
		int age = dates_age_on(birth, today, &ok);

		if (ok)
			f->child_age = age;
	}
}

st_rc
consultation_load(struct req *r, const char *pid, struct consultation_row *k,
    int *ok)
{
	char today[DATE_SIZE];
	struct db_val p[4];
	st_rc rc;

	memset(k, 0, sizeof(*k));
	*ok = 0;
	if (pid == NULL || !secure_is_id(pid))
		return resp_not_found(r);
	dates_today(today);
	caselog_reader(r, today, p);
	p[3] = DV_STR(pid);
	if ((rc = db_query(&r->w->db, STMT_CONSULTATION_GET, p, 4, 1,
	    &k->res)) != ST_OK)
		return rc;
	if (k->res.nrows == 0) {
		db_res_release(&k->res);
		return resp_not_found(r);
	}
	consultation_facts(&k->res, 0, KG_FACTS, today, &k->facts);
	k->role = access_consultation_role(&r->who, &k->facts);
	k->id = db_get_int(&k->res, 0, KG_ID);
	k->child_id = db_get_int(&k->res, 0, KG_CHILD);
	if (k->role == NULL) {
		consultation_release(k);
		return resp_not_found(r);
	}
	/* The read is recorded before anything is shown. */
	if ((rc = audit_log_as(r, k->role, "read", "consultation", k->id,
	    k->child_id)) != ST_OK) {
		consultation_release(k);
		return rc;
	}
	*ok = 1;
	return ST_OK;
}

void
consultation_release(struct consultation_row *k)
{
	db_res_release(&k->res);
	memset(k, 0, sizeof(*k));
}

static void
field_error(struct form_errors *errs, const char *path, const char *message)
{
	char *id = form_html_id(path);

	form_errors_add(errs, path, id, NULL, message);
	xfree(id);
}

/* The unit with the code at path in inst: its id in *id, 0 if none. */
static st_rc
unit_at(struct req *r, xmlDocPtr inst, const char *path, long long *id)
{
	struct db_val p[3];
	struct db_res res;
	st_rc rc;

	*id = 0;
	p[0] = DV_STR(form_get(inst, path, &r->pool));
	p[1] = p[2] = DV_INT(codelists_current(r->w->codes));
	if ((rc = db_query(&r->w->db, STMT_UNIT_BY_CODE, p, 3, 1, &res)) !=
	    ST_OK)
		return rc;
	if (res.nrows == 1)
		*id = db_get_int(&res, 0, 0);
	db_res_release(&res);
	return ST_OK;
}

/*
 * What the form names, checked against what is: the two services (the
 * author works in one), and the people who took part (active staff of
 * those two). Errors go to errs.
 */
struct named {
	long long	kindergarten, health_clinic;
	long long	user[PERSONS_MAX];
	size_t		n;
};

static st_rc
named(struct req *r, xmlDocPtr inst, struct form_errors *errs,
    struct named *nm)
{
	xmlNodePtr n;
	struct db_val p[3];
	struct db_res res;
	size_t k = 0;
	st_rc rc;

	memset(nm, 0, sizeof(*nm));
	if ((rc = unit_at(r, inst, "/two_year/kindergarten",
	    &nm->kindergarten)) != ST_OK || (rc = unit_at(r, inst,
	    "/two_year/health_clinic", &nm->health_clinic)) != ST_OK)
		return rc;
	if (nm->kindergarten == 0 || nm->health_clinic == 0) {
		field_error(errs, nm->kindergarten == 0 ?
		    "/two_year/kindergarten" : "/two_year/health_clinic",
		    _("Choose one of the options given."));
		return ST_E_INVALID;
	}
	if (r->who.unit_id != nm->kindergarten &&
	    r->who.unit_id != nm->health_clinic) {
		field_error(errs, "/two_year/kindergarten",
		    _("You record the consultation for the kindergarten or the health clinic you work in: choose it here."));
		return ST_E_INVALID;
	}
	n = form_child(xmlDocGetRootElement(inst), "persons");
	for (n = n != NULL ? n->children : NULL; n != NULL; n = n->next) {
		xmlNodePtr w;
		xmlChar *t;
		char path[64];
		long long unit;
		int ok;

		if (n->type != XML_ELEMENT_NODE)
			continue;
		k++;
		if ((w = form_child(n, "who")) == NULL ||
		    (t = xmlNodeGetContent(w)) == NULL)
			continue;
		snprintf(path, sizeof(path),
		    "/two_year/persons/person[%zu]/who", k);
		if (*t == '\0') {
			xmlFree(t);
			continue;
		}
		ok = nm->n < PERSONS_MAX && secure_is_id((const char *)t);
		p[0] = DV_STR((const char *)t);
		p[1] = p[2] = DV_INT(codelists_current(r->w->codes));
		rc = ok ? db_query(&r->w->db, STMT_USER_BY_PID, p, 3, 1, &res) :
		    ST_OK;
		xmlFree(t);
		if (rc != ST_OK)
			return rc;
		if (ok) {
			unit = res.nrows == 1 ? db_get_int(&res, 0, 3) : 0;
			ok = res.nrows == 1 && db_get_int(&res, 0, 6) &&
			    (strcmp(db_get(&res, 0, 2), "employee") == 0 ||
			    strcmp(db_get(&res, 0, 2), "leader") == 0) &&
			    (unit == nm->kindergarten ||
			    unit == nm->health_clinic);
			if (ok)
				nm->user[nm->n++] = db_get_int(&res, 0, 0);
			db_res_release(&res);
		}
		if (!ok) {
			field_error(errs, path,
			    _("Choose someone who works in the kindergarten or the health clinic above."));
			return ST_E_INVALID;
		}
	}
	return ST_OK;
}

/* One try at storing it all, in one transaction. */
static st_rc
store(struct req *r, const struct form_def *def, xmlDocPtr inst,
    const char *xml, size_t len, const struct named *nm,
    const char *draft_id, char *out, char *concern)
{
	struct db *db = &r->w->db;
	const char *held = form_get(inst, "/two_year/date", &r->pool);
	unsigned long long sub_id = 0, kid = 0;
	char sub_pid[SECURE_ID_SIZE];
	struct concern_receipt rec;
	struct db_val p[8];
	long long child_id;
	size_t i;
	st_rc rc;

	if ((rc = db_begin(db)) != ST_OK)
		return rc;
	rc = concern_child(r, form_get(inst, "/two_year/child/name",
	    &r->pool), form_get(inst, "/two_year/child/nin", &r->pool),
	    form_get(inst, "/two_year/child/birthdate", &r->pool), "",
	    &child_id);
	if (rc != ST_OK)
		goto fail;
	secure_random_id(sub_pid);
	p[0] = DV_STR(sub_pid);
	p[1] = DV_STR(def->id);
	p[2] = DV_INT(def->version);
	p[3] = DV_STRN(xml, len);
	p[4] = DV_INT(r->who.user_id);
	if ((rc = db_exec(db, STMT_SUBMISSION_INSERT, p, 5, NULL, &sub_id)) !=
	    ST_OK)
		goto fail;
	secure_random_id(out);
	p[0] = DV_STR(out);
	p[1] = DV_INT(child_id);
	p[2] = DV_INT(sub_id);
	p[3] = DV_INT(r->who.user_id);
	p[4] = DV_INT(r->who.unit_id);
	p[5] = DV_INT(nm->kindergarten);
	p[6] = DV_INT(nm->health_clinic);
	p[7] = DV_STR(held);
	if ((rc = db_exec(db, STMT_CONSULTATION_INSERT, p, 8, NULL, &kid)) !=
	    ST_OK)
		goto fail;
	for (i = 0; i < nm->n && rc == ST_OK; i++) {
		if (nm->user[i] == r->who.user_id)
			continue;
		p[0] = DV_INT(kid);
		p[1] = DV_INT(nm->user[i]);
		rc = db_exec(db, STMT_CONSULTATION_PERSON_INSERT, p, 2, NULL,
		    NULL);
		if (rc == ST_E_CONFLICT)
			rc = ST_OK;	/* named twice */
	}
	if (rc == ST_OK)
		rc = audit_log_as(r, "author", "create", "consultation",
		    (long long)kid, child_id);
	/* The wondering followed up as a concern: a level-0 concern of the
	 * author's unit, from the consultation, its deadline the guide's. */
	if (rc == ST_OK && strcmp(form_get(inst, "/two_year/follow_up",
	    &r->pool), "concern") == 0) {
		struct evmsg m;

		memset(&rec, 0, sizeof(rec));
		rc = concern_deadline(r, &rec);
		evmsg_init(&m, N_("Written down from the two-year consultation of {0}."));
		evmsg_date(&m, held);
		if (rc == ST_OK)
			rc = concern_open(r, (long long)sub_id, child_id, 0,
			    &m, &rec);
		if (rc == ST_OK) {
			snprintf(concern, SECURE_ID_SIZE, "%s", rec.id);
			p[0] = DV_INT(rec.row_id);
			p[1] = DV_INT(kid);
			rc = db_exec(db, STMT_CONSULTATION_SET_CONCERN, p, 2,
			    NULL, NULL);
		}
	}
	if (rc == ST_OK && draft_id != NULL && *draft_id != '\0') {
		p[0] = DV_STR(draft_id);
		p[1] = DV_INT(r->who.user_id);
		rc = db_exec(db, STMT_DRAFT_DELETE, p, 2, NULL, NULL);
	}
	if (rc != ST_OK)
		goto fail;
	return db_commit(db);
fail:
	db_rollback(db);
	return rc;
}

st_rc
consultation_create(struct req *r, const struct form_def *def,
    xmlDocPtr inst, const char *draft_id, struct form_errors *errs,
    char out[SECURE_ID_SIZE], char concern[SECURE_ID_SIZE])
{
	struct named nm;
	xmlChar *xml = NULL;
	int len = 0, attempt;
	st_rc rc;

	out[0] = concern[0] = '\0';
	/* Version 1 named no services and no people: nobody but its
	 * author could have read it. */
	if (def->version < 2) {
		field_error(errs, "/two_year/participants",
		    _("This is an earlier version of the form, which named no services and no people. Fill in the current version: it names the kindergarten, the health clinic and who took part, who can then read it."));
		return ST_E_INVALID;
	}
	if ((rc = named(r, inst, errs, &nm)) != ST_OK)
		return rc;
	xmlDocDumpMemoryEnc(inst, &xml, &len, "UTF-8");
	if (xml == NULL)
		return ST_E_NOMEM;
	/* A conflict: the same new child registered at once by another
	 * form, or a reference clash; a retry settles both. */
	for (attempt = 0; attempt < 3; attempt++) {
		concern[0] = '\0';
		rc = store(r, def, inst, (const char *)xml, (size_t)len, &nm,
		    draft_id, out, concern);
		if (rc != ST_E_CONFLICT && rc != ST_E_BUSY)
			break;
	}
	xmlFree(xml);
	return rc;
}
