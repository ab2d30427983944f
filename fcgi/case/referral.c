/* referral.c: a family referred to a team with an intake (referral.h). */
#include "config.h"

#include <string.h>

#include "audit.h"
#include "caselog.h"
#include "dates.h"
#include "logview.h"
#include "mem.h"
#include "referral.h"
#include "route.h"
#include "secure.h"
#include "team.h"
#include "view.h"
#include "worker.h"

enum referral_status
referral_status_of(const char *status)
{
	if (status == NULL)
		return RS_DONE;
	if (strcmp(status, "referred") == 0)
		return RS_REFERRED;
	if (strcmp(status, "waiting") == 0)
		return RS_WAITING;
	if (strcmp(status, "in") == 0)
		return RS_IN;
	return RS_DONE;
}

st_rc
referral_load(struct req *r, const char *pid, enum referral_right right,
    const char *conflict, struct referral_row *f, int *ok)
{
	struct referral_facts *k = &f->facts;
	const char *role;
	char today[DATE_SIZE];
	struct db_val p[4];
	st_rc rc;

	memset(f, 0, sizeof(*f));
	*ok = 0;
	if (pid == NULL || !secure_is_id(pid))
		return resp_not_found(r);
	dates_today(today);
	caselog_reader(r, today, p);
	p[3] = DV_STR(pid);
	if ((rc = db_query(&r->w->db, STMT_REFERRAL_GET, p, 4, 1, &f->res)) !=
	    ST_OK)
		return rc;
	if (f->res.nrows == 1) {
		(void)caselog_facts(&f->res, 0, RG_LOG_FACTS, today, &k->log);
		role = db_get(&f->res, 0, RG_MY_ROLE);
		k->team.municipality_id = db_get_int(&f->res, 0,
		    RG_MUNICIPALITY);
		k->team.member = role != NULL;
		k->team.leader = role != NULL && strcmp(role, "leader") == 0;
		k->team.active = db_get_int(&f->res, 0, RG_TEAM_ACTIVE) != 0;
		k->covered = db_get_int(&f->res, 0, RG_COVERED) != 0;
		k->status = referral_status_of(db_get(&f->res, 0, RG_STATUS));
	}
	if (f->res.nrows != 1 || !access_referral(&r->who, k, RF_READ)) {
		referral_release(f);
		return resp_not_found(r);
	}
	f->id = db_get_int(&f->res, 0, RG_ID);
	f->log_id = db_get_int(&f->res, 0, RG_LOG_ID);
	f->team_id = db_get_int(&f->res, 0, RG_TEAM_ID);
	/* it names the child: the read is recorded before anything is
	 * told, a refusal too */
	if ((rc = audit_log(r, "read", "team_referral", f->id,
	    db_get_int(&f->res, 0, RG_LOG_FACTS + CASELOG_NFACTS))) !=
	    ST_OK) {
		referral_release(f);
		return rc;
	}
	if (!access_referral(&r->who, k, right)) {
		referral_release(f);
		return caselog_conflict(r, conflict);
	}
	*ok = 1;
	return ST_OK;
}

void
referral_release(struct referral_row *f)
{
	db_res_release(&f->res);
	memset(f, 0, sizeof(*f));
}

/* Columns of STMT_REFERRAL_FOR_LOG. */
enum { RL_PID, RL_TEAM, RL_STATUS, RL_REFERRED, RL_PRIORITY, RL_STARTED,
	RL_ENDED };

st_rc
referral_log_view(struct req *r, long long log_id, xmlNodePtr parent)
{
	struct db_val p[1];
	struct db_res res;
	xmlNodePtr list, n;
	size_t i;
	st_rc rc;

	p[0] = DV_INT(log_id);
	if ((rc = db_query(&r->w->db, STMT_REFERRAL_FOR_LOG, p, 1, 50,
	    &res)) != ST_OK)
		return rc;
	list = view_el(parent, "referrals", NULL);
	/* times as the log's lists say them, to a page and an API client
	 * alike: the lists are kept for both */
	for (i = 0; i < res.nrows; i++) {
		n = view_el(list, "referral", NULL);
		view_attr(n, "id", db_get(&res, i, RL_PID));
		view_attr(n, "team", db_get(&res, i, RL_TEAM));
		view_attr(n, "status", db_get(&res, i, RL_STATUS));
		logview_local_attr(n, "referred", db_get(&res, i, RL_REFERRED));
		view_attr(n, "priority", db_get(&res, i, RL_PRIORITY));
		logview_local_attr(n, "started", db_get(&res, i, RL_STARTED));
		logview_local_attr(n, "ended", db_get(&res, i, RL_ENDED));
	}
	db_res_release(&res);
	return ST_OK;
}

st_rc
referral_teams_view(struct req *r, const struct caselog *l,
    xmlNodePtr parent)
{
	struct db_val p[3];
	struct db_res res;
	char today[DATE_SIZE];
	xmlNodePtr n;
	size_t i;
	st_rc rc;

	dates_today(today);
	p[0] = DV_INT(l->id);
	p[1] = DV_STR(today);
	p[2] = DV_INT(l->facts.municipality_id);
	if ((rc = db_query(&r->w->db, STMT_REFERRAL_TEAMS_OPEN, p, 3, 100,
	    &res)) != ST_OK)
		return rc;
	for (i = 0; i < res.nrows; i++) {
		n = view_el(parent, "intake-team", NULL);
		view_attr(n, "id", db_get(&res, i, 0));
		view_attr(n, "name", db_get(&res, i, 1));
		view_attr(n, "unit", db_get(&res, i, 2));
		view_attr(n, "covered", db_get_int(&res, i, 3) ? "true" :
		    "false");
		view_attr(n, "capacity", db_get(&res, i, 4));
		view_attr(n, "in", db_get(&res, i, 5));
	}
	db_res_release(&res);
	return ST_OK;
}

/* Columns of STMT_TEAM_QUEUE. */
enum { TQ_PID, TQ_STATUS, TQ_REFERRED, TQ_STARTED, TQ_PRIORITY,
	TQ_PRIORITY_REASON, TQ_REF, TQ_CHILD, TQ_REFERRER, TQ_REFERRER_UNIT,
	TQ_COVERED, TQ_DAYS_WAITING, TQ_DAYS_IN, TQ_LAST, TQ_CHILDREN,
	TQ_FAMILY };

/* Whether key is among the first n of keys (a family counted already). */
static int
seen(const long long *keys, size_t n, long long key)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (keys[i] == key)
			return 1;
	return 0;
}

st_rc
referral_queue_view(struct req *r, long long team_id, const char *capacity,
    xmlNodePtr parent)
{
	struct db_val p[4];
	struct db_res res;
	char today[DATE_SIZE];
	xmlNodePtr q, n;
	long long families = 0, children = 0, waiting = 0, family;
	long long *in, *out, *all;
	size_t i, k, nin = 0, nout = 0, nall = 0;
	st_rc rc;

	dates_today(today);
	p[0] = p[1] = p[2] = DV_STR(today);
	p[3] = DV_INT(team_id);
	if ((rc = db_query(&r->w->db, STMT_TEAM_QUEUE, p, 4, 1000, &res)) !=
	    ST_OK)
		return rc;
	/* the keys seen: at most one a row (the rows are at most 1000) */
	in = xcalloc(res.nrows + 1, sizeof(*in));
	out = xcalloc(res.nrows + 1, sizeof(*out));
	all = xcalloc(res.nrows + 1, sizeof(*all));
	q = view_el(parent, "queue", NULL);
	for (i = 0; i < res.nrows; i++) {
		const char *status = db_get(&res, i, TQ_STATUS);
		int covered = db_get_int(&res, i, TQ_COVERED) != 0;

		n = view_el(q, "referral", NULL);
		view_attr(n, "id", db_get(&res, i, TQ_PID));
		view_attr(n, "status", status);
		view_time_attr(r, n, "referred", db_get(&res, i, TQ_REFERRED));
		view_time_attr(r, n, "started", db_get(&res, i, TQ_STARTED));
		view_attr(n, "priority", db_get(&res, i, TQ_PRIORITY));
		view_attr(n, "days-waiting", db_get(&res, i,
		    TQ_DAYS_WAITING));
		view_attr(n, "days-in", db_get(&res, i, TQ_DAYS_IN));
		view_attr(n, "last-discussed", db_get(&res, i, TQ_LAST));
		view_attr(n, "children", db_get(&res, i, TQ_CHILDREN));
		/* who it is, only while the family's consent names the
		 * team: without it the team keeps the place, not the name */
		if (covered) {
			view_attr(n, "reference", db_get(&res, i, TQ_REF));
			view_attr(n, "child", db_get(&res, i, TQ_CHILD));
			view_attr(n, "referrer", db_get(&res, i, TQ_REFERRER));
			view_attr(n, "referrer-unit", db_get(&res, i,
			    TQ_REFERRER_UNIT));
			view_attr(n, "priority-reason", db_get(&res, i,
			    TQ_PRIORITY_REASON));
		} else
			view_attr(n, "uncovered", "true");
		/* a family counts once, its children each (0042) */
		family = db_get_int(&res, i, TQ_FAMILY);
		if (strcmp(status, "in") == 0) {
			if (!seen(in, nin, family))
				in[nin++] = family;
			children += db_get_int(&res, i, TQ_CHILDREN);
		} else if (!seen(out, nout, family))
			out[nout++] = family;
		/* siblings share a number of this page's own (not a row
		 * id: nothing is counted from it) */
		if (family > 0) {
			for (k = 0; k < nall && all[k] != family; k++)
				;
			if (k == nall)
				all[nall++] = family;
			view_attrf(n, "family", "%zu", k + 1);
		}
	}
	families = (long long)nin;
	waiting = (long long)nout;
	db_res_release(&res);
	xfree(in);
	xfree(out);
	xfree(all);
	view_attrf(q, "families", "%lld", families);
	view_attrf(q, "children", "%lld", children);
	view_attrf(q, "waiting", "%lld", waiting);
	view_attr(q, "capacity", capacity);
	return ST_OK;
}
