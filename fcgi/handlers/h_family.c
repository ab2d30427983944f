/* h_family.c: siblings' relay logs linked as one family (issue 20, item
 * 2; sql/0042_family.sql). The holder of a log links it with a sibling's
 * log they may read (named by its reference), or takes it out of its
 * family. Neither log's timeline names the other child: its readers may
 * not be the other log's. */
#include "config.h"

#include <string.h>

#include "access.h"
#include "audit.h"
#include "caselog.h"
#include "dates.h"
#include "db.h"
#include "evmsg.h"
#include "handlers.h"
#include "i18n.h"
#include "route.h"
#include "secure.h"
#include "view.h"
#include "worker.h"

/* Columns of STMT_FAMILY_LOG_BY_REF. */
enum { FR_ID, FR_FAMILY, FR_CHILD, FR_FACTS };

/* The family of log id (0: none), locked, in the transaction. */
static st_rc
family_of(struct req *r, long long log, long long *family)
{
	struct db_val p[1];
	struct db_res res;
	st_rc rc;

	p[0] = DV_INT(log);
	if ((rc = db_query(&r->w->db, STMT_FAMILY_OF_LOG, p, 1, 1, &res)) !=
	    ST_OK)
		return rc;
	*family = res.nrows == 1 ? db_get_int(&res, 0, 0) : 0;
	db_res_release(&res);
	return ST_OK;
}

/* The event on log (kind "family"), in the transaction. */
static st_rc
family_event(struct req *r, long long log, const char *role, const char *msg)
{
	struct evmsg m;

	evmsg_init(&m, msg);
	return caselog_event_msg(&r->w->db, r->who.user_id, log, 0, role,
	    "family", &m, NULL, NULL, 0);
}

/* ROUTE: POST /logs/{id}/family */
/* ROUTE: POST /api/v1/logs/{id}/family */
st_rc
h_log_family_link(struct req *r)
{
	const char *ref = req_input(r, "sibling");
	struct caselog l;
	struct log_facts f;
	struct db_val p[4];
	struct db_res res;
	char today[DATE_SIZE], pid[SECURE_ID_SIZE];
	long long sib = 0, sib_child = 0, mine = 0, theirs = 0;
	unsigned long long fid = 0;
	int ok, go;
	st_rc rc;

	if ((rc = caselog_load(r, r->arg, LR_MANAGE, &l, &ok)) != ST_OK ||
	    !ok)
		return rc;
	dates_today(today);
	if (ref != NULL && *ref != '\0' && strlen(ref) <= 20) {
		caselog_reader(r, today, p);
		p[3] = DV_STR(ref);
		if ((rc = db_query(&r->w->db, STMT_FAMILY_LOG_BY_REF, p, 4, 1,
		    &res)) != ST_OK)
			goto out;
		if (res.nrows == 1) {
			(void)caselog_facts(&res, 0, FR_FACTS, today, &f);
			/* one the holder may read, open, of the same
			 * municipality: anything else is as if there were
			 * none */
			if (access_log(&r->who, &f, LR_READ) && f.open &&
			    f.municipality_id == l.facts.municipality_id) {
				sib = db_get_int(&res, 0, FR_ID);
				sib_child = db_get_int(&res, 0, FR_CHILD);
			}
		}
		db_res_release(&res);
	}
	if (sib == 0) {
		rc = log_page_error(r, &l, "family", "sibling",
		    _("Give the reference of a sibling’s open relay log you can read, as it stands on that log (for example ABCD-1234)."));
		goto out;
	}
	if (sib == l.id) {
		rc = log_page_error(r, &l, "family", "sibling",
		    _("That is this relay log. Give the reference of the sibling’s log."));
		goto out;
	}
	if ((rc = log_begin_change(r, &l, &go)) != ST_OK || !go)
		goto out;
	if ((rc = caselog_lock(&r->w->db, sib)) != ST_OK ||
	    (rc = family_of(r, l.id, &mine)) != ST_OK ||
	    (rc = family_of(r, sib, &theirs)) != ST_OK)
		goto fail;
	if (mine != 0 && (mine == theirs || theirs != 0)) {
		db_rollback(&r->w->db);
		rc = log_page_error(r, &l, "family", "sibling", mine == theirs ?
		    _("The two relay logs are in the same family already.") :
		    _("Both relay logs are in a family already. Take one of them out of its family first."));
		goto out;
	}
	fid = (unsigned long long)(mine != 0 ? mine : theirs);
	if (fid == 0) {
		secure_random_id(pid);
		p[0] = DV_STR(pid);
		p[1] = DV_INT(l.facts.municipality_id);
		p[2] = DV_INT(r->who.user_id);
		if ((rc = db_exec(&r->w->db, STMT_FAMILY_INSERT, p, 3, NULL,
		    &fid)) != ST_OK)
			goto fail;
	}
	p[1] = DV_INT((long long)fid);
	p[2] = DV_INT(r->who.user_id);
	if (mine == 0) {
		p[0] = DV_INT(l.id);
		if ((rc = db_exec(&r->w->db, STMT_FAMILY_LOG_ADD, p, 3, NULL,
		    NULL)) != ST_OK)
			goto fail;
	}
	if (theirs == 0) {
		p[0] = DV_INT(sib);
		if ((rc = db_exec(&r->w->db, STMT_FAMILY_LOG_ADD, p, 3, NULL,
		    NULL)) != ST_OK)
			goto fail;
	}
	/* each log's timeline says it, naming neither child */
	rc = family_event(r, l.id, caselog_role(&l, r),
	    N_("Linked with a sibling’s relay log as one family"));
	if (rc == ST_OK)
		rc = family_event(r, sib, caselog_role(&l, r),
		    N_("Linked with a sibling’s relay log as one family"));
	if (rc == ST_OK)
		rc = audit_log(r, "update", "relay_log", sib, sib_child);
	rc = log_finish_change(r, &l, rc, "update", "relay_log", 200,
	    "family-linked");
	goto out;
fail:
	db_rollback(&r->w->db);
out:
	caselog_release(&l);
	return rc;
}

/* ROUTE: POST /logs/{id}/family/leave */
/* ROUTE: POST /api/v1/logs/{id}/family/leave */
st_rc
h_log_family_leave(struct req *r)
{
	struct caselog l;
	struct db_val p[1];
	long long family = 0;
	int ok, go;
	st_rc rc;

	if ((rc = caselog_load(r, r->arg, LR_MANAGE, &l, &ok)) != ST_OK ||
	    !ok)
		return rc;
	if ((rc = log_begin_change(r, &l, &go)) != ST_OK || !go)
		goto out;
	if ((rc = family_of(r, l.id, &family)) != ST_OK)
		goto fail;
	if (family == 0) {
		db_rollback(&r->w->db);
		rc = caselog_conflict(r, _("The relay log is in no family."));
		goto out;
	}
	p[0] = DV_INT(l.id);
	rc = db_exec(&r->w->db, STMT_FAMILY_LOG_REMOVE, p, 1, NULL, NULL);
	if (rc == ST_OK)
		rc = family_event(r, l.id, caselog_role(&l, r),
		    N_("Taken out of the family: the siblings’ relay logs are no longer linked to it"));
	rc = log_finish_change(r, &l, rc, "update", "relay_log", 200,
	    "family-left");
	goto out;
fail:
	db_rollback(&r->w->db);
out:
	caselog_release(&l);
	return rc;
}
