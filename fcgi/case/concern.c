/* concern.c: storing a new concern in one transaction (see concern.h). */
#include "config.h"

#include <stdio.h>
#include <string.h>


#include "audit.h"
#include "caselog.h"
#include "concern.h"
#include "db.h"
#include "log.h"
#include "nin.h"
#include "route.h"
#include "view.h"
#include "worker.h"
#include "dates.h"

static int
truthy(const char *s)
{
	return strcmp(s, "true") == 0 || strcmp(s, "1") == 0;
}

/* Find or create the child; *child_id is 0 for an anonymous concern. */
static st_rc
child_row(struct req *r, xmlDocPtr inst, long long *child_id)
{
	return concern_child(r, form_get(inst, "/concern/child/name",
	    &r->pool), form_get(inst, "/concern/child/nin", &r->pool),
	    form_get(inst, "/concern/child/birthdate", &r->pool), child_id);
}

st_rc
concern_child(struct req *r, const char *name, const char *nin,
    const char *birth, long long *child_id)
{
	char id[SECURE_ID_SIZE], bd[11];
	unsigned char h[SECURE_HASH_LEN];
	unsigned long long ins = 0;
	struct nin_info info;
	struct db_val p[4];
	struct db_res res;
	st_rc rc;

	*child_id = 0;
	if (*name == '\0' && *nin == '\0')
		return ST_OK;
	secure_random_id(id);
	if (*nin != '\0' && nin_check(nin, &info) == NIN_OK) {
		if (*birth == '\0') {
			snprintf(bd, sizeof(bd), "%04d-%02d-%02d", info.year,
			    info.month, info.day);
			birth = bd;
		}
		secure_hmac(r->w->key, nin, strlen(nin), h);
		p[0] = DV_BLOB(h, sizeof(h));
		if ((rc = db_query(&r->w->db, STMT_CHILD_BY_NIN, p, 1, 1,
		    &res)) != ST_OK)
			return rc;
		*child_id = db_get_int(&res, 0, 0);
		db_res_release(&res);
		if (*child_id != 0)
			return ST_OK;
		p[0] = DV_STR(id);
		p[1] = DV_BLOB(h, sizeof(h));
		p[2] = DV_OPT(*name != '\0' ? name : NULL);
		p[3] = DV_OPT(*birth != '\0' ? birth : NULL);
		rc = db_exec(&r->w->db, STMT_CHILD_INSERT_NIN, p, 4, NULL,
		    &ins);
	} else {
		p[0] = DV_STR(id);
		p[1] = DV_OPT(*name != '\0' ? name : NULL);
		p[2] = DV_OPT(*birth != '\0' ? birth : NULL);
		rc = db_exec(&r->w->db, STMT_CHILD_INSERT, p, 3, NULL, &ins);
	}
	*child_id = (long long)ins;
	return rc;
}

st_rc
concern_open(struct req *r, long long sub_id, long long child_id,
    int anonymous, const struct evmsg *m, struct concern_receipt *out)
{
	struct evmsg ref;
	struct db *db = &r->w->db;
	unsigned long long concern_id = 0;
	char out_pid[SECURE_ID_SIZE], idem[SECURE_TOKEN_SIZE];
	struct db_val p[9];
	st_rc rc;

	secure_random_id(out->id);
	secure_reference(out->reference);
	p[0] = DV_STR(out->id);
	p[1] = DV_STR(out->reference);
	p[2] = DV_INT(r->who.unit_id);
	p[3] = DV_INT(r->who.user_id);
	p[4] = child_id != 0 ? DV_INT(child_id) : DV_NULL;
	p[5] = DV_INT(sub_id);
	p[6] = DV_INT(anonymous);
	p[7] = DV_INT(out->urgent);
	p[8] = DV_STR(out->deadline);
	if ((rc = db_exec(db, STMT_CONCERN_INSERT, p, 9, NULL, &concern_id)) !=
	    ST_OK)
		return rc;
	out->row_id = (long long)concern_id;
	/* The unit's leaders are told; an urgent concern at once. */
	secure_random_id(out_pid);
	secure_token(idem);
	p[0] = DV_STR(out_pid);
	p[1] = DV_STR(out->urgent ? "concern.urgent" : "concern.new");
	p[2] = DV_INT(r->who.unit_id);
	p[3] = DV_INT(concern_id);
	p[4] = DV_STR(idem);
	p[5] = DV_NULL;
	if ((rc = db_exec(db, STMT_OUTBOX_INSERT, p, 6, NULL, NULL)) != ST_OK)
		return rc;
	if ((rc = audit_log(r, "create", "concern", (long long)concern_id,
	    child_id)) != ST_OK)
		return rc;
	/* The first event of the case's timeline: by default its
	 * reference, which is the same in every language. */
	evmsg_init(&ref, EVMSG_TEXT_ONLY);
	evmsg_ref(&ref, out->reference);
	return caselog_event_msg(db, r->who.user_id, 0, (long long)concern_id,
	    role_name(r->who.role), "concern", m != NULL ? m : &ref, "concern",
	    out->id, sub_id);
}

static st_rc
store(struct req *r, const struct form_def *def, xmlDocPtr inst,
    const char *draft_id, const char *xml, size_t xmllen,
    struct concern_receipt *out)
{
	struct db *db = &r->w->db;
	unsigned long long sub_id = 0;
	long long child_id;
	char sub_pid[SECURE_ID_SIZE];
	int anonymous = truthy(form_get(inst, "/concern/anonymous", &r->pool));
	struct db_val p[5];
	st_rc rc;

	if ((rc = db_begin(db)) != ST_OK)
		return rc;
	if ((rc = child_row(r, inst, &child_id)) != ST_OK)
		goto fail;
	secure_random_id(sub_pid);
	p[0] = DV_STR(sub_pid);
	p[1] = DV_STR(def->id);
	p[2] = DV_INT(def->version);
	p[3] = DV_STRN(xml, xmllen);
	p[4] = DV_INT(r->who.user_id);
	if ((rc = db_exec(db, STMT_SUBMISSION_INSERT, p, 5, NULL, &sub_id)) !=
	    ST_OK)
		goto fail;
	if ((rc = concern_open(r, (long long)sub_id, child_id, anonymous,
	    NULL, out)) != ST_OK)
		goto fail;
	if (draft_id != NULL && *draft_id != '\0') {
		p[0] = DV_STR(draft_id);
		p[1] = DV_INT(r->who.user_id);
		if ((rc = db_exec(db, STMT_DRAFT_DELETE, p, 2, NULL, NULL)) !=
		    ST_OK)
			goto fail;
	}
	return db_commit(db);
fail:
	db_rollback(db);
	return rc;
}

/*
 * The level-0 decision deadline: the action guide's (the longest of its
 * level-0 steps, which the administrator may change), or the configured
 * default when the guide gives none.
 */
static st_rc
level0_days(struct req *r, int *days)
{
	struct db_val p[1];
	struct db_res res;
	st_rc rc;

	*days = (int)r->w->cfg->concern_deadline_days;
	p[0] = DV_INT(0);
	if ((rc = db_query(&r->w->db, STMT_GUIDE_LEVEL_DAYS, p, 1, 1, &res)) !=
	    ST_OK)
		return rc;
	if (res.nrows == 1 && db_get(&res, 0, 0) != NULL)
		*days = (int)db_get_int(&res, 0, 0);
	db_res_release(&res);
	return ST_OK;
}

st_rc
concern_deadline(struct req *r, struct concern_receipt *out)
{
	int days;
	st_rc rc;

	if ((rc = level0_days(r, &days)) != ST_OK)
		return rc;
	dates_add(out->deadline, days);
	return ST_OK;
}

st_rc
concern_create(struct req *r, const struct form_def *def, xmlDocPtr inst,
    const char *draft_id, struct concern_receipt *out)
{
	xmlChar *xml = NULL;
	int len = 0, attempt;
	st_rc rc;

	memset(out, 0, sizeof(*out));
	out->urgent = truthy(form_get(inst, "/concern/urgent", &r->pool));
	if ((rc = concern_deadline(r, out)) != ST_OK)
		return rc;
	xmlDocDumpMemoryEnc(inst, &xml, &len, "UTF-8");
	if (xml == NULL)
		return ST_E_NOMEM;
	/*
	 * A conflict is a reference clash (40 random bits: rare) or the same
	 * new child registered by two concerns at once; a retry settles
	 * both (the second finds the child the first one created).
	 */
	for (attempt = 0; attempt < 3; attempt++) {
		rc = store(r, def, inst, draft_id, (const char *)xml,
		    (size_t)len, out);
		if (rc != ST_E_CONFLICT && rc != ST_E_BUSY)
			break;
	}
	xmlFree(xml);
	return rc;
}

void
concern_emergency_view(struct req *r, xmlNodePtr n)
{
	const char *p = r->w->cfg->emergency_phone;
	char tel[32];
	size_t o = 0;

	if (p == NULL || *p == '\0')
		return;
	/* conf_load let through only digits, spaces and a leading + */
	for (; *p != '\0' && o + 1 < sizeof(tel); p++)
		if (*p == '+' || (*p >= '0' && *p <= '9'))
			tel[o++] = *p;
	tel[o] = '\0';
	view_attr(n, "emergency-phone", r->w->cfg->emergency_phone);
	view_attr(n, "emergency-tel", tel);
}

/* LOG_FACTS has this many columns (stmt.c). */
#define NFACTS	7

st_rc
concern_peek(struct req *r, const char *pid, struct concern_row *c,
    int *found)
{
	struct concern_facts *f = &c->facts;
	char today[DATE_SIZE];
	struct db_val p[4];
	const char *status, *state;
	st_rc rc;

	memset(c, 0, sizeof(*c));
	*found = 0;
	if (pid == NULL || !secure_is_id(pid))
		return ST_OK;
	dates_today(today);
	caselog_reader(r, today, p);
	p[3] = DV_STR(pid);
	if ((rc = db_query(&r->w->db, STMT_CONCERN_GET, p, 4, 1, &c->res)) !=
	    ST_OK)
		return rc;
	if (c->res.nrows == 0) {
		db_res_release(&c->res);
		return ST_OK;
	}
	status = db_get(&c->res, 0, CG_STATUS);
	state = db_get(&c->res, 0, CG_PASSED_STATE);
	f->unit_id = db_get_int(&c->res, 0, CG_UNIT);
	f->author_id = db_get_int(&c->res, 0, CG_AUTHOR);
	f->status = strcmp(status, "open") == 0 ? CS_OPEN :
	    strcmp(status, "passed") == 0 ? CS_PASSED : CS_CLOSED;
	f->in_log = caselog_facts(&c->res, 0, CG_LOG_FACTS, today, &f->log);
	f->passed = caselog_facts(&c->res, 0, CG_LOG_FACTS + NFACTS, today,
	    &f->to);
	f->pending = state != NULL && strcmp(state, "pending") == 0;
	c->id = db_get_int(&c->res, 0, CG_ID);
	c->child_id = db_get_int(&c->res, 0, CG_CHILD);
	c->log_id = db_get_int(&c->res, 0, CG_LOG_ID);
	c->passed_log_id = db_get_int(&c->res, 0, CG_PASSED_LOG);
	*found = 1;
	return ST_OK;
}

st_rc
concern_load(struct req *r, const char *pid, struct concern_row *c, int *ok)
{
	int found;
	st_rc rc;

	*ok = 0;
	if ((rc = concern_peek(r, pid, c, &found)) != ST_OK)
		return rc;
	if (!found)
		return resp_not_found(r);
	if (!access_concern(&r->who, &c->facts, CR_READ)) {
		concern_release(c);
		return resp_not_found(r);
	}
	/* The read is recorded before anything is shown. */
	if ((rc = audit_log(r, "read", "concern", c->id, c->child_id)) !=
	    ST_OK) {
		concern_release(c);
		return rc;
	}
	*ok = 1;
	return ST_OK;
}

void
concern_release(struct concern_row *c)
{
	db_res_release(&c->res);
	memset(c, 0, sizeof(*c));
}
