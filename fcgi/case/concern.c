/* concern.c: storing a new concern in one transaction (see concern.h). */
#include "config.h"

#include <stdio.h>
#include <string.h>


#include "audit.h"
#include "caselog.h"
#include "codelists.h"
#include "concern.h"
#include "db.h"
#include "log.h"
#include "nin.h"
#include "route.h"
#include "view.h"
#include "worker.h"
#include "dates.h"
#include "replay.h"

static int
truthy(const char *s)
{
	return strcmp(s, "true") == 0 || strcmp(s, "1") == 0;
}

st_rc
concern_child(struct req *r, const char *name, const char *nin,
    const char *birth, const char *expected, long long *child_id)
{
	char id[SECURE_ID_SIZE], bd[11];
	unsigned char h[SECURE_HASH_LEN];
	unsigned long long ins = 0;
	struct nin_info info;
	struct db_val p[5];
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
		/* the concern's municipality's child (the request acts in
		 * it): a child known to another municipality too is another
		 * record there */
		p[0] = DV_BLOB(h, sizeof(h));
		p[1] = DV_INT(codelists_current(r->w->codes));
		if ((rc = db_query(&r->w->db, STMT_CHILD_BY_NIN, p, 2, 1,
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
		p[4] = DV_INT(codelists_current(r->w->codes));
		rc = db_exec(&r->w->db, STMT_CHILD_INSERT_NIN, p, 5, NULL,
		    &ins);
	} else {
		p[0] = DV_STR(id);
		p[1] = DV_OPT(*name != '\0' ? name : NULL);
		p[2] = DV_OPT(*birth != '\0' ? birth : NULL);
		/* not born yet: the expected date instead (0034_unborn.sql) */
		p[3] = DV_OPT(*birth == '\0' && *expected != '\0' ? expected :
		    NULL);
		p[4] = DV_INT(codelists_current(r->w->codes));
		rc = db_exec(&r->w->db, STMT_CHILD_INSERT, p, 5, NULL, &ins);
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

/*
 * Everything a new concern writes that the program makes itself: the
 * ids, the keyed hash of the identity number, the first event's words.
 * The database adds only the row ids that tie the rows together.
 */
struct concern_write {
	/* 0 none, 1 by number, 2 new, 3 new and unborn (birth is then the
	 * expected date: 0034_unborn.sql) */
	int		 child_mode;
	char		 child_pid[SECURE_ID_SIZE];
	unsigned char	 hmac[SECURE_HASH_LEN];
	const char	*name, *birth;
	char		 bd[11];
	char		 sub_pid[SECURE_ID_SIZE];
	char		 outbox_pid[SECURE_ID_SIZE];
	char		 idem[SECURE_TOKEN_SIZE];
	char		 event_pid[SECURE_ID_SIZE];
	struct buf	 summary, args;
	int		 anonymous;
};

/* The child as concern_child finds or makes it, but in the call. */
static void
write_child(struct req *r, xmlDocPtr inst, struct concern_write *w)
{
	const char *nin = form_get(inst, "/concern/child/nin", &r->pool);
	struct nin_info info;

	w->name = form_get(inst, "/concern/child/name", &r->pool);
	w->birth = form_get(inst, "/concern/child/birthdate", &r->pool);
	w->child_mode = 0;
	if (*w->name == '\0' && *nin == '\0')
		return;
	if (*nin != '\0' && nin_check(nin, &info) == NIN_OK) {
		if (*w->birth == '\0') {
			snprintf(w->bd, sizeof(w->bd), "%04d-%02d-%02d",
			    info.year, info.month, info.day);
			w->birth = w->bd;
		}
		secure_hmac(r->w->key, nin, strlen(nin), w->hmac);
		w->child_mode = 1;
	} else if (*w->birth == '\0' && *(w->birth = form_get(inst,
	    "/concern/child/expected", &r->pool)) != '\0')
		w->child_mode = 3;
	else
		w->child_mode = 2;
}

/* New ids for one try, and the answer the client gets if it commits. */
static st_rc
write_ids(struct req *r, struct concern_write *w, struct concern_receipt *out,
    concern_answer_fn answer, void *arg)
{
	struct evmsg ref;

	secure_random_id(out->id);
	secure_reference(out->reference);
	secure_random_id(w->child_pid);
	secure_random_id(w->sub_pid);
	secure_random_id(w->outbox_pid);
	secure_token(w->idem);
	secure_random_id(w->event_pid);
	/* The first event of the case's timeline: its reference, which is
	 * the same in every language. */
	buf_reset(&w->summary);
	buf_reset(&w->args);
	evmsg_init(&ref, EVMSG_TEXT_ONLY);
	evmsg_ref(&ref, out->reference);
	if (caselog_event_words(&ref, &w->summary, &w->args) != ST_OK)
		return ST_E_NOMEM;
	return answer(r, out, arg);
}

/* The parameters of STMT_CONCERN_STORE, in its order (stmt.c). */
static size_t
write_params(struct req *r, const struct form_def *def, int own_tx,
    const struct concern_write *w, const struct concern_receipt *out,
    const char *xml, size_t xmllen, const char *draft_id,
    struct db_val *p)
{
	size_t n = 0;

	p[n++] = DV_INT(own_tx);
	if (own_tx)
		replay_call_params(r, p + n);
	else {
		size_t i;

		for (i = 0; i < REPLAY_CALL_PARAMS; i++)
			p[n + i] = DV_NULL;
	}
	n += REPLAY_CALL_PARAMS;
	p[n++] = DV_INT(w->child_mode);
	p[n++] = DV_STR(w->child_pid);
	p[n++] = w->child_mode == 1 ? DV_BLOB(w->hmac, sizeof(w->hmac)) :
	    DV_NULL;
	p[n++] = DV_OPT(*w->name != '\0' ? w->name : NULL);
	p[n++] = DV_OPT(*w->birth != '\0' ? w->birth : NULL);
	p[n++] = DV_STR(w->sub_pid);
	p[n++] = DV_STR(def->id);
	p[n++] = DV_INT(def->version);
	p[n++] = DV_STRN(xml, xmllen);
	p[n++] = DV_INT(r->who.user_id);
	p[n++] = DV_STR(out->id);
	p[n++] = DV_STR(out->reference);
	p[n++] = DV_INT(r->who.unit_id);
	p[n++] = DV_INT(w->anonymous);
	p[n++] = DV_INT(out->urgent);
	p[n++] = DV_STR(out->deadline);
	p[n++] = DV_STR(w->outbox_pid);
	p[n++] = DV_STR(w->idem);
	p[n++] = DV_STR(role_name(r->who.role));
	p[n++] = DV_STR(r->id);
	p[n++] = DV_STR(w->event_pid);
	p[n++] = DV_STRN(w->summary.data, w->summary.len);
	p[n++] = DV_STR(EVMSG_TEXT_ONLY);
	p[n++] = w->args.len > 0 ? DV_STRN(w->args.data, w->args.len) :
	    DV_NULL;
	p[n++] = DV_OPT(draft_id != NULL && *draft_id != '\0' ? draft_id :
	    NULL);
	return n;
}

#define STORE_PARAMS	34

/*
 * One try: the whole concern in one call. Where nothing has run in the
 * request's transaction yet, the call is that transaction, with the
 * request's key and answer (one round trip); otherwise it runs inside
 * it, after the key is claimed.
 */
static st_rc
store(struct req *r, const struct form_def *def, const char *xml,
    size_t xmllen, const char *draft_id, struct concern_write *w,
    struct concern_receipt *out, int *replayed)
{
	struct db *db = &r->w->db;
	struct db_val p[STORE_PARAMS];
	int own, done;
	st_rc rc;

	own = db->held ? db_hold_fresh(db) : db->tx_where == NULL;
	if (!own) {
		if ((rc = replay_claim(r, &done)) != ST_OK)
			return rc;
		if (done) {
			*replayed = 1;
			return ST_OK;
		}
	}
	if (write_params(r, def, own, w, out, xml, xmllen, draft_id, p) !=
	    STORE_PARAMS)
		return ST_E_INTERNAL;
	if (!own)
		return db_exec(db, STMT_CONCERN_STORE, p, STORE_PARAMS, NULL,
		    NULL);
	rc = db_call_own_tx(db, STMT_CONCERN_STORE, p, STORE_PARAMS);
	if (rc == ST_OK)
		replay_taken(r);
	else if (rc == ST_E_BUSY && r->replay_deferred &&
	    !db_hold_broken(db)) {
		/* A lock waited for too long: perhaps the first request with
		 * this key, still running. Claimed as any request claims its
		 * key, which says so (409) if it still runs, or answers the
		 * repeat if it has finished. */
		if ((rc = replay_claim(r, &done)) != ST_OK)
			return rc;
		if (done) {
			*replayed = 1;
			return ST_OK;
		}
		return ST_E_CONFLICT;
	} else if (rc == ST_E_CONFLICT && r->replay_deferred) {
		/* The key was used before, or the reference clashed: claim
		 * the key as any request does, which answers a repeat, and
		 * try again inside the request's transaction. */
		if ((rc = replay_claim(r, &done)) != ST_OK)
			return rc;
		if (done) {
			*replayed = 1;
			return ST_OK;
		}
		return ST_E_CONFLICT;
	}
	return rc;
}

/*
 * The level-0 decision deadline: the action guide's (the longest of its
 * level-0 steps, which the administrator may change), or the configured
 * default when the guide gives none. Kept a while per worker, as the
 * guide's pages keep the guide (a change reaches every worker within
 * GUIDE_DAYS_TTL_MS; h_guide.c drops its own worker's copy at once).
 */
#define GUIDE_DAYS_TTL_MS	5000

static st_rc
level0_days(struct req *r, int *days)
{
	const struct db_res *res;
	size_t i;
	st_rc rc;

	/* The concern is the writer's municipality's: its setting, or its
	 * guide's level 0 when that names a deadline. */
	*days = (int)codelists_municipal(r->w,
	    r->who.municipality_id)->concern_deadline_days;
	if ((rc = db_query_cached(&r->w->db, STMT_GUIDE_LEVEL0_DAYS,
	    GUIDE_DAYS_TTL_MS, 100000, &res)) != ST_OK)
		return rc;
	for (i = 0; i < res->nrows; i++)
		if (db_get_int(res, i, 0) == r->who.municipality_id &&
		    db_get(res, i, 1) != NULL)
			*days = (int)db_get_int(res, i, 1);
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
    const char *draft_id, struct concern_receipt *out,
    concern_answer_fn answer, void *arg, int *replayed)
{
	struct concern_write w;
	xmlChar *xml = NULL;
	size_t hdrs = r->hdrs.len;
	int len = 0, attempt;
	st_rc rc;

	*replayed = 0;
	memset(out, 0, sizeof(*out));
	memset(&w, 0, sizeof(w));
	w.summary = (struct buf)BUF_INIT(CASELOG_EVENT_MAX);
	w.args = (struct buf)BUF_INIT(CASELOG_EVENT_MAX);
	out->urgent = truthy(form_get(inst, "/concern/urgent", &r->pool));
	w.anonymous = truthy(form_get(inst, "/concern/anonymous", &r->pool));
	write_child(r, inst, &w);
	if ((rc = concern_deadline(r, out)) != ST_OK)
		return rc;
	xmlDocDumpMemoryEnc(inst, &xml, &len, "UTF-8");
	if (xml == NULL)
		return ST_E_NOMEM;
	/*
	 * A conflict is a reference clash (40 random bits: rare), the same
	 * new child registered by two concerns at once, or (in one call)
	 * the key used before; a retry settles each (the second finds the
	 * child the first one created; a repeat gets its first answer).
	 */
	for (attempt = 0; attempt < 3; attempt++) {
		buf_reset(&r->out);
		buf_truncate(&r->hdrs, hdrs);
		if ((rc = write_ids(r, &w, out, answer, arg)) != ST_OK)
			break;
		rc = store(r, def, (const char *)xml, (size_t)len, draft_id,
		    &w, out, replayed);
		if (rc != ST_E_CONFLICT)
			break;
	}
	xmlFree(xml);
	buf_release(&w.summary);
	buf_release(&w.args);
	return rc;
}

void
concern_emergency_view(struct req *r, xmlNodePtr n)
{
	const char *p = codelists_municipal(r->w, 0)->emergency_phone;
	char tel[32];
	size_t o = 0;

	if (p == NULL || *p == '\0')
		return;
	/* conf_load let through only digits, spaces and a leading + */
	for (; *p != '\0' && o + 1 < sizeof(tel); p++)
		if (*p == '+' || (*p >= '0' && *p <= '9'))
			tel[o++] = *p;
	tel[o] = '\0';
	view_attr(n, "emergency-phone",
	    codelists_municipal(r->w, 0)->emergency_phone);
	view_attr(n, "emergency-tel", tel);
}

#define NFACTS	CASELOG_NFACTS

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
	f->municipality_id = db_get_int(&c->res, 0,
	    CG_LOG_FACTS + 2 * NFACTS);
	f->agenda = db_get_int(&c->res, 0, CG_LOG_FACTS + 2 * NFACTS + 1) >
	    0;
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
	return concern_load_for(r, pid, CR_READ, c, ok);
}

st_rc
concern_load_for(struct req *r, const char *pid, enum concern_right right,
    struct concern_row *c, int *ok)
{
	int found;
	st_rc rc;

	*ok = 0;
	if ((rc = concern_peek(r, pid, c, &found)) != ST_OK)
		return rc;
	if (!found)
		return resp_not_found(r);
	if (!access_concern(&r->who, &c->facts, right)) {
		concern_release(c);
		return resp_not_found(r);
	}
	codelists_use(r->w->codes, c->facts.municipality_id);
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
