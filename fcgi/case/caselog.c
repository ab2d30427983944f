/* caselog.c: loading a relay log and the pieces of every change to a
 * case (see caselog.h). */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "audit.h"
#include "caselog.h"
#include "caserole.h"
#include "codelists.h"
#include "db.h"
#include "form.h"
#include "i18n.h"
#include "log.h"
#include "route.h"
#include "worker.h"

/* Columns of LOG_COLS (stmt.c); LOG_FACTS follow. */
enum { LC_ID, LC_PUBLIC_ID, LC_REFERENCE, LC_CHILD, LC_HOME_UNIT, LC_LEVEL,
	LC_LEVEL_SINCE, LC_HOLDER_PID, LC_HOLDER_NAME, LC_HOLDER_UNIT,
	LC_CHILD_NAME, LC_HOME_UNIT_NAME, LC_CREATED, LC_CLOSED,
	LC_VIEW_VERSION, LC_VIEW_EPOCH, LC_PASSED, LC_CONCERN_NOTICES,
	LC_CHILD_EXPECTED, LC_CHILD_HAS_NIN, LC_LANGUAGE, LC_INTERPRETER,
	LC_FACTS };

/* Columns of LOG_FACTS, from its first. */
enum { LF_HOLDER, LF_HOME_UNIT, LF_STATUS, LF_PARTICIPANT, LF_COVERED,
	LF_RELATION, LF_BIRTH, LF_MUNICIPALITY };

void
caselog_reader(const struct req *r, const char *today, struct db_val *p)
{
	p[0] = DV_INT(r->who.user_id);
	p[1] = DV_INT(r->who.unit_id);
	p[2] = DV_STR(today);
}

int
caselog_facts(const struct db_res *res, size_t i, unsigned col,
    const char *today, struct log_facts *f)
{
	const char *status = db_get(res, i, col + LF_STATUS);
	const char *rel = db_get(res, i, col + LF_RELATION);
	const char *birth = db_get(res, i, col + LF_BIRTH);
	int ok;

	memset(f, 0, sizeof(*f));
	f->child_age = -1;
	if (status == NULL)
		return 0;
	f->holder_id = db_get_int(res, i, col + LF_HOLDER);
	f->home_unit_id = db_get_int(res, i, col + LF_HOME_UNIT);
	f->open = strcmp(status, "open") == 0;
	f->participant = db_get_int(res, i, col + LF_PARTICIPANT) > 0;
	f->covered = db_get_int(res, i, col + LF_COVERED) > 0;
	f->municipality_id = db_get_int(res, i, col + LF_MUNICIPALITY);
	f->guardian = rel != NULL && strcmp(rel, "guardian") == 0;
	f->self = rel != NULL && strcmp(rel, "self") == 0;
	if (birth != NULL) {
		int age = dates_age_on(birth, today, &ok);

		if (ok)
			f->child_age = age;
	}
	return 1;
}

/* Fetch the log and the facts about r->who; *found = 0 if none. */
static st_rc
fetch(struct req *r, enum stmt_id sid, struct db_val key, struct caselog *l,
    int *found)
{
	struct db_res *res = &l->res;
	char today[DATE_SIZE];
	struct db_val p[4];
	st_rc rc;

	memset(l, 0, sizeof(*l));
	*found = 0;
	dates_today(today);
	caselog_reader(r, today, p);
	p[3] = key;
	if ((rc = db_query(&r->w->db, sid, p, 4, 1, res)) != ST_OK)
		return rc;
	if (res->nrows == 0) {
		db_res_release(res);
		return ST_OK;
	}
	l->id = db_get_int(res, 0, LC_ID);
	l->public_id = db_get(res, 0, LC_PUBLIC_ID);
	l->reference = db_get(res, 0, LC_REFERENCE);
	l->child_id = db_get_int(res, 0, LC_CHILD);
	l->home_unit_id = db_get_int(res, 0, LC_HOME_UNIT);
	l->level = (int)db_get_int(res, 0, LC_LEVEL);
	l->level_since = db_get(res, 0, LC_LEVEL_SINCE);
	l->status = db_get(res, 0, LC_FACTS + LF_STATUS);
	l->holder_id = db_get_int(res, 0, LC_FACTS + LF_HOLDER);
	l->holder_pid = db_get(res, 0, LC_HOLDER_PID);
	l->holder_name = db_get(res, 0, LC_HOLDER_NAME);
	l->holder_unit = db_get(res, 0, LC_HOLDER_UNIT);
	l->child_name = db_get(res, 0, LC_CHILD_NAME);
	l->child_birth = db_get(res, 0, LC_FACTS + LF_BIRTH);
	l->child_expected = db_get(res, 0, LC_CHILD_EXPECTED);
	l->child_has_nin = db_get_int(res, 0, LC_CHILD_HAS_NIN) != 0;
	l->family_language = db_get(res, 0, LC_LANGUAGE);
	l->interpreter = db_get_int(res, 0, LC_INTERPRETER) != 0;
	l->home_unit = db_get(res, 0, LC_HOME_UNIT_NAME);
	l->created = db_get(res, 0, LC_CREATED);
	l->closed = db_get(res, 0, LC_CLOSED);
	l->view_version = db_get_int(res, 0, LC_VIEW_VERSION);
	l->view_epoch = db_get_int(res, 0, LC_VIEW_EPOCH);
	l->passed_waiting = db_get_int(res, 0, LC_PASSED) > 0;
	l->concern_notices = db_get_int(res, 0, LC_CONCERN_NOTICES) > 0;
	(void)caselog_facts(res, 0, LC_FACTS, today, &l->facts);
	l->role = access_log_role(&r->who, &l->facts);
	*found = 1;
	return ST_OK;
}

static st_rc
load(struct req *r, enum stmt_id sid, struct db_val key,
    enum log_right right, struct caselog *l, int *ok)
{
	const struct principal *who = &r->who;
	int found;
	st_rc rc;

	*ok = 0;
	if ((rc = fetch(r, sid, key, l, &found)) != ST_OK)
		return rc;
	/* Not there and not theirs look the same: nothing is told. */
	if (!found)
		return resp_not_found(r);
	if (!access_log(who, &l->facts, LR_READ)) {
		caselog_release(l);
		return resp_not_found(r);
	}
	if (!access_log(who, &l->facts, right)) {
		caselog_release(l);
		return resp_error(r, 403, l->facts.open ?
		    _("Your role in this relay log does not allow this.") :
		    _("The relay log is closed: nothing more can be changed."));
	}
	/* Its people and units are the log's municipality's. */
	codelists_use(r->w->codes, l->facts.municipality_id);
	/* The read is recorded before anything is shown; a change is
	 * recorded with the change, in its transaction. */
	if ((rc = audit_log_as(r, l->role, "read", "log", l->id,
	    l->child_id)) != ST_OK) {
		caselog_release(l);
		return rc;
	}
	*ok = 1;
	return ST_OK;
}

st_rc
caselog_load(struct req *r, const char *pid, enum log_right right,
    struct caselog *out, int *ok)
{
	return load(r, STMT_LOG_BY_PID, DV_STR(pid), right, out, ok);
}

st_rc
caselog_load_id(struct req *r, long long id, enum log_right right,
    struct caselog *out, int *ok)
{
	return load(r, STMT_LOG_BY_ID, DV_INT(id), right, out, ok);
}

st_rc
caselog_load_part(struct req *r, enum stmt_id st, const struct db_val *p,
    size_t np, unsigned log_col, int (*hidden)(const struct req *,
    const struct db_res *), enum log_right right, struct db_res *res,
    struct caselog *out, int *ok)
{
	st_rc rc;

	*ok = 0;
	if ((rc = db_query(&r->w->db, st, p, np, 1, res)) != ST_OK)
		return rc;
	if (res->nrows == 0 || (hidden != NULL && hidden(r, res))) {
		db_res_release(res);
		return resp_not_found(r);
	}
	rc = caselog_load_id(r, db_get_int(res, 0, log_col), right, out, ok);
	if (rc != ST_OK || !*ok)
		db_res_release(res);
	return rc;
}

st_rc
caselog_peek(struct req *r, const char *pid, struct caselog *out, int *found)
{
	return fetch(r, STMT_LOG_BY_PID, DV_STR(pid), out, found);
}

st_rc
caselog_peek_id(struct req *r, long long id, struct caselog *out,
    int *found)
{
	return fetch(r, STMT_LOG_BY_ID, DV_INT(id), out, found);
}

void
caselog_release(struct caselog *l)
{
	db_res_release(&l->res);
	memset(l, 0, sizeof(*l));
}

const char *
caselog_role(const struct caselog *l, const struct req *r)
{
	return l->role != NULL ? l->role : role_name(r->who.role);
}

st_rc
caselog_event_words(const struct evmsg *m, struct buf *summary,
    struct buf *args)
{
	enum lang was = i18n_current();
	st_rc rc;

	/* the summary is English whoever writes: the words of every
	 * reader come from msg and its arguments */
	i18n_use(LANG_EN);
	rc = evmsg_render(m, summary);
	i18n_use(was);
	if (rc == ST_OK)
		rc = evmsg_encode(m, args);
	return rc;
}

st_rc
caselog_event_msg(struct db *db, long long actor_id, long long log_id,
    long long concern_id, const char *role, const char *kind,
    const struct evmsg *m, const char *ref_type, const char *ref_pid,
    long long submission_id)
{
	char pid[SECURE_ID_SIZE];
	struct buf summary = BUF_INIT(CASELOG_EVENT_MAX),
	    args = BUF_INIT(CASELOG_EVENT_MAX);
	struct db_val p[12];
	st_rc rc;

	if ((rc = caselog_event_words(m, &summary, &args)) != ST_OK)
		goto out;
	secure_random_id(pid);
	p[0] = DV_STR(pid);
	p[1] = log_id != 0 ? DV_INT(log_id) : DV_NULL;
	p[2] = concern_id != 0 ? DV_INT(concern_id) : DV_NULL;
	p[3] = actor_id != 0 ? DV_INT(actor_id) : DV_NULL;
	p[4] = DV_STR(role);
	p[5] = DV_STR(kind);
	p[6] = DV_STR(summary.data);
	p[7] = DV_OPT(ref_type);
	p[8] = DV_OPT(ref_pid);
	p[9] = submission_id != 0 ? DV_INT(submission_id) : DV_NULL;
	p[10] = DV_STR(m->msg);
	p[11] = args.len > 0 ? DV_STRN(args.data, args.len) : DV_NULL;
	rc = db_exec(db, STMT_EVENT_INSERT, p, 12, NULL, NULL);
out:
	buf_release(&summary);
	buf_release(&args);
	return rc;
}

st_rc
caselog_event_msg_open(struct db *db, long long actor_id, long long log_id,
    long long concern_id, const char *role, const char *kind,
    const struct evmsg *m, const char *ref_type, const char *ref_pid,
    long long submission_id)
{
	struct db_val p[1];
	struct db_res res;
	int open;
	st_rc rc;

	if (log_id != 0) {
		p[0] = DV_INT(log_id);
		if ((rc = db_query(db, STMT_LOG_STATUS, p, 1, 1, &res)) !=
		    ST_OK)
			return rc;
		open = res.nrows == 1 && strcmp(db_get(&res, 0, 0),
		    "open") == 0;
		db_res_release(&res);
		if (!open)
			return ST_OK;
	}
	return caselog_event_msg(db, actor_id, log_id, concern_id, role, kind,
	    m, ref_type, ref_pid, submission_id);
}

st_rc
caselog_notice(struct db *db, const char *kind, long long unit_id,
    long long user_id, const char *service, long long concern_id,
    long long log_id)
{
	long long id;

	return caselog_notice_id(db, kind, unit_id, user_id, service,
	    concern_id, log_id, &id, NULL);
}

st_rc
caselog_notice_id(struct db *db, const char *kind, long long unit_id,
    long long user_id, const char *service, long long concern_id,
    long long log_id, long long *id, char *pid)
{
	char own[SECURE_ID_SIZE], idem[SECURE_TOKEN_SIZE];
	unsigned long long row = 0;
	struct db_val p[8];
	st_rc rc;

	if (pid == NULL)
		pid = own;
	secure_random_id(pid);
	secure_token(idem);
	p[0] = DV_STR(pid);
	p[1] = DV_STR(kind);
	p[2] = unit_id != 0 ? DV_INT(unit_id) : DV_NULL;
	p[3] = user_id != 0 ? DV_INT(user_id) : DV_NULL;
	p[4] = DV_OPT(service);
	p[5] = concern_id != 0 ? DV_INT(concern_id) : DV_NULL;
	p[6] = log_id != 0 ? DV_INT(log_id) : DV_NULL;
	p[7] = DV_STR(idem);
	rc = db_exec(db, STMT_OUTBOX_ADD, p, 8, NULL, &row);
	*id = (long long)row;
	return rc;
}

st_rc
caselog_submission(struct req *r, const struct form_def *def,
    xmlDocPtr inst, long long *id, char *pid)
{
	char own[SECURE_ID_SIZE];
	unsigned long long ins = 0;
	xmlChar *xml = NULL;
	struct db_val p[5];
	int len = 0;
	st_rc rc;

	if (pid == NULL)
		pid = own;
	xmlDocDumpMemoryEnc(inst, &xml, &len, "UTF-8");
	if (xml == NULL)
		return ST_E_NOMEM;
	secure_random_id(pid);
	p[0] = DV_STR(pid);
	p[1] = DV_STR(def->id);
	p[2] = DV_INT(def->version);
	p[3] = DV_STRN((const char *)xml, (size_t)len);
	p[4] = DV_INT(r->who.user_id);
	rc = db_exec(&r->w->db, STMT_SUBMISSION_INSERT, p, 5, NULL, &ins);
	xmlFree(xml);
	*id = (long long)ins;
	return rc;
}

st_rc
caselog_consent_ended(struct db *db, long long log_id,
    long long home_unit_id, long long holder_id, const char *why,
    const char *reason)
{
	char today[DATE_SIZE];
	struct buf names;
	struct db_res res;
	struct db_val p[4];
	size_t i;
	st_rc rc;

	dates_today(today);
	p[0] = DV_INT(log_id);
	p[1] = DV_INT(home_unit_id);
	p[2] = DV_STR(today);
	p[3] = DV_STR(today);
	if ((rc = db_query(db, STMT_PART_UNCOVERED, p, 3, 10000, &res)) !=
	    ST_OK)
		return rc;
	buf_init(&names, 64 * 1024);
	for (i = 0; i < res.nrows && rc == ST_OK; i++) {
		struct db_val q[3];

		q[0] = DV_STR(why);
		q[1] = DV_INT(log_id);
		q[2] = DV_INT(db_get_int(&res, i, 0));
		rc = db_exec(db, STMT_PART_REMOVE, q, 3, NULL, NULL);
		/* their roles on the case end with their part in it */
		if (rc == ST_OK)
			rc = caserole_end(db, log_id, db_get_int(&res, i, 0),
			    NULL, why, NULL);
		if (rc == ST_OK)
			rc = buf_addf(&names, "%s%s", i > 0 ? EVMSG_SEP : "",
			    db_get(&res, i, 1));
	}
	if (rc == ST_OK && res.nrows > 0) {
		struct evmsg m;

		evmsg_init(&m, N_("No longer take part ({0}): {1}"));
		evmsg_code(&m, EVARG_CANCEL_REASON, reason);
		evmsg_names(&m, names.data);
		rc = caselog_event_msg(db, 0, log_id, 0, "system",
		    "participant", &m, NULL, NULL, 0);
	}
	db_res_release(&res);
	buf_release(&names);
	if (rc != ST_OK)
		return rc;
	/* A handover waiting for someone no longer covered is withdrawn:
	 * they could no longer take over, and may not see it meanwhile. */
	if ((rc = db_query(db, STMT_HANDOVER_UNCOVERED, p, 3, 10, &res)) !=
	    ST_OK)
		return rc;
	for (i = 0; i < res.nrows && rc == ST_OK; i++) {
		struct db_val q[3];
		struct evmsg m;

		q[0] = DV_STR("cancelled");
		q[1] = DV_NULL;
		q[2] = DV_INT(db_get_int(&res, i, 0));
		rc = db_exec(db, STMT_HANDOVER_DECIDE, q, 3, NULL, NULL);
		evmsg_init(&m, N_("The handover to {0} was withdrawn ({1}): no valid consent covers them any more."));
		evmsg_name(&m, db_get(&res, i, 3));
		evmsg_code(&m, EVARG_CANCEL_REASON, reason);
		if (rc == ST_OK)
			rc = caselog_event_msg(db, 0, log_id, 0, "system",
			    "handover", &m, "handover", db_get(&res, i, 1), 0);
		if (rc == ST_OK)
			rc = caselog_notice(db, "handover.withdrawn", 0,
			    db_get_int(&res, i, 2), NULL, 0, log_id);
	}
	db_res_release(&res);
	if (rc != ST_OK)
		return rc;
	/* Pending notices the remaining consent does not cover never go. */
	if ((rc = db_exec(db, STMT_OUTBOX_CANCEL_UNCOVERED, p, 4, NULL,
	    NULL)) != ST_OK)
		return rc;
	/* ... and those that may have gone are withdrawn */
	if ((rc = caselog_partner_cancel(db, log_id, home_unit_id, reason)) !=
	    ST_OK)
		return rc;
	return caselog_notice(db, "consent.ended", 0, holder_id, NULL, 0,
	    log_id);
}

/*
 * Begin a change to log l: open the transaction and lock the log row,
 * and make sure it is still as the user saw it (open, same holder).
 * On ST_E_CONFLICT the transaction is rolled back.
 */
st_rc
caselog_lock(struct db *db, long long log_id)
{
	struct db_val p[1];
	struct db_res lock;
	st_rc rc;

	if (log_id == 0)
		return ST_OK;
	p[0] = DV_INT(log_id);
	if ((rc = db_query(db, STMT_LOG_LOCK, p, 1, 1, &lock)) == ST_OK)
		db_res_release(&lock);
	return rc;
}

st_rc
caselog_begin(struct req *r, const struct caselog *l)
{
	struct db *db = &r->w->db;
	struct db_val p[1];
	struct db_res res;
	st_rc rc;

	if ((rc = db_begin(db)) != ST_OK)
		return rc;
	p[0] = DV_INT(l->id);
	if ((rc = db_query(db, STMT_LOG_LOCK, p, 1, 1, &res)) != ST_OK) {
		db_rollback(db);
		return rc;
	}
	if (res.nrows != 1 || strcmp(db_get(&res, 0, 0), "open") != 0 ||
	    db_get_int(&res, 0, 1) != l->holder_id)
		rc = ST_E_CONFLICT;
	db_res_release(&res);
	if (rc != ST_OK)
		db_rollback(db);
	return rc;
}

st_rc
caselog_participants(struct db *db, const struct caselog *l,
    const char *today, struct db_res *res)
{
	struct db_val p[3];

	p[0] = DV_INT(l->home_unit_id);
	p[1] = DV_STR(today);
	p[2] = DV_INT(l->id);
	return db_query(db, STMT_PART_LIST, p, 3, 1000, res);
}

int
caselog_covers(struct req *r, const struct caselog *l, long long user_id,
    long long unit_id, st_rc *rc)
{
	char today[DATE_SIZE];
	struct db_val p[4];
	struct db_res res;
	int yes;

	*rc = ST_OK;
	if (unit_id == l->home_unit_id)
		return 1;
	dates_today(today);
	p[0] = DV_INT(user_id);
	p[1] = DV_INT(unit_id);
	p[2] = DV_STR(today);
	p[3] = DV_INT(l->id);
	if ((*rc = db_query(&r->w->db, STMT_PERSON_COVERED, p, 4, 1, &res)) !=
	    ST_OK)
		return 0;
	yes = res.nrows == 1 && db_get_int(&res, 0, 0) > 0;
	db_res_release(&res);
	return yes;
}

int
caselog_covers_kind(struct req *r, const struct caselog *l, const char *kind,
    st_rc *rc)
{
	char today[DATE_SIZE];
	struct db_val p[4];
	struct db_res res;
	int yes;

	*rc = ST_OK;
	dates_today(today);
	p[0] = DV_INT(l->id);
	p[1] = DV_STR(today);
	p[2] = DV_STR(today);
	p[3] = DV_STR(kind);
	if ((*rc = db_query(&r->w->db, STMT_KIND_COVERED, p, 4, 1, &res)) !=
	    ST_OK)
		return 0;
	yes = db_get_int(&res, 0, 0) > 0;
	db_res_release(&res);
	return yes;
}

st_rc
caselog_conflict(struct req *r, const char *message)
{
	return resp_error(r, 409, message);
}

st_rc
caselog_family(struct db *db, long long child_id, const char *birth,
    const char *today, long long *ids, size_t max, size_t *n)
{
	struct db_val p[1];
	struct db_res res;
	size_t i;
	int ok = 0, age;
	st_rc rc;

	*n = 0;
	age = birth != NULL ? dates_age_on(birth, today, &ok) : 0;
	p[0] = DV_INT(child_id);
	if ((rc = db_query(db, STMT_CHILD_CITIZENS, p, 1, max, &res)) != ST_OK)
		return rc;
	for (i = 0; i < res.nrows && *n < max; i++) {
		const char *rel = db_get(&res, i, 1);

		if (strcmp(rel, "guardian") == 0 ?
		    db_get_int(&res, i, 2) == 0 : !ok || age < YOUTH_AGE)
			continue;
		ids[(*n)++] = db_get_int(&res, i, 0);
	}
	db_res_release(&res);
	return ST_OK;
}
