/* h_receipt.c: a partner answers a notice it received (the route is
 * PERM_PARTNER: the dispatcher has checked its token and the signature
 * of the body before this runs). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "audit.h"
#include "buf.h"
#include "caselog.h"
#include "db.h"
#include "handlers.h"
#include "i18n.h"
#include "labels.h"
#include "receipt.h"
#include "route.h"
#include "view.h"
#include "worker.h"

/* Columns of STMT_RECEIPT_NOTICE. */
enum { RN_ID, RN_PID, RN_KIND, RN_STATUS, RN_LOG, RN_CONCERN, RN_CHILD };

/* A notice in these states is acknowledged by an answer: the partner
 * has it, whatever our side last heard (ANSWERABLE in stmt.c). */
static int
acknowledges(const char *status)
{
	return strcmp(status, "queued") == 0 ||
	    strcmp(status, "delivered") == 0 ||
	    strcmp(status, "in_flight") == 0 ||
	    strcmp(status, "failed") == 0 || strcmp(status, "dead") == 0;
}

/* What the partner is told: the answer as stored, and the notice's
 * state now. */
static st_rc
answered(struct req *r, int status, const char *answer_pid,
    const char *notice, const struct receipt *rec, const char *state,
    int repeat)
{
	xmlNodePtr n = view_doc(r, "answer");

	view_attr(n, "id", answer_pid);
	view_attr(n, "notice", notice);
	view_attr(n, "kind", receipt_kind_name(rec->kind));
	view_attr(n, "notice-status", state);
	if (repeat)
		view_attr(n, "repeat", "true");
	return view_send(r, status, n);
}

/*
 * The line in the case's timeline: put into words in each reader's
 * language when read (the guardians and the archive read it), whatever
 * language the partner's client asked for. What the partner wrote is
 * shown as it came, in a language nobody said.
 */
static void
summary(struct req *r, const char *kind, const struct receipt *rec,
    struct evmsg *m)
{
	switch (rec->kind) {
	case RECEIPT_ACCEPTED:
		evmsg_init(m, rec->text != NULL ?
		    N_("{0} answered the {1}: accepted, reference {2}. {3}") :
		    N_("{0} answered the {1}: accepted, reference {2}."));
		break;
	case RECEIPT_REJECTED:
		evmsg_init(m, N_("{0} answered the {1}: rejected. The reason: {2}"));
		break;
	default:
		evmsg_init(m, N_("{0} answered the {1}: needs more information: {2}"));
		break;
	}
	evmsg_name(m, r->partner.name);
	evmsg_code(m, EVARG_NOTICE_KIND, kind);
	if (rec->kind == RECEIPT_ACCEPTED)
		evmsg_ref(m, rec->reference);
	if (rec->text != NULL || rec->kind != RECEIPT_ACCEPTED)
		evmsg_text(m, rec->text, NULL);
}

/* ROUTE: POST /api/v1/receipts */
st_rc
h_receipt(struct req *r)
{
	struct db *db = &r->w->db;
	unsigned char digest[SECURE_HASH_LEN];
	char answer_pid[SECURE_ID_SIZE], notice_pid[SECURE_ID_SIZE];
	char kind[32], status[32];
	struct evmsg m;
	struct receipt_errors errs;
	struct receipt rec;
	struct db_res res;
	struct db_val p[7];
	unsigned long long answer_id = 0;
	long long outbox_id, log_id, concern_id, child_id;
	xmlNodePtr doc, e;
	size_t i;
	st_rc rc;

	if (receipt_parse(r->xml, &rec, &errs) != ST_OK) {
		doc = view_doc(r, "errors");
		view_attr(doc, "document", "receipt");
		for (i = 0; i < errs.n; i++) {
			e = view_el(doc, "error", errs.v[i].message);
			view_attr(e, "path", errs.v[i].path);
		}
		return view_send(r, 422, doc);
	}
	receipt_digest(&rec, digest);
	/* Sent now, and never before (issue 15): a receipt captured on its
	 * way cannot be sent again later. */
	if (llabs((long long)time(NULL) - rec.sent) > RECEIPT_WINDOW_S) {
		doc = view_doc(r, "errors");
		view_attr(doc, "document", "receipt");
		e = view_el(doc, "error", _("The receipt's sent time is more than five minutes from ours: send it again, made now."));
		view_attr(e, "path", "/receipt/sent");
		rc = view_send(r, 422, doc);
		goto out;
	}
	if ((rc = db_begin(db)) != ST_OK)
		goto out;
	{
		unsigned char body[SECURE_HASH_LEN];
		int same;

		secure_hash(r->body.data, r->body.len, body);
		p[0] = DV_INT(r->partner.id);
		p[1] = DV_STR(rec.nonce);
		p[2] = DV_BLOB(body, sizeof(body));
		rc = db_exec(db, STMT_RECEIPT_NONCE_ADD, p, 3, NULL, NULL);
		if (rc == ST_E_CONFLICT) {
			/* the same body again is a retry; another body with
			 * this nonce is a replay or a mistake */
			if ((rc = db_query(db, STMT_RECEIPT_NONCE_GET, p, 2, 1,
			    &res)) != ST_OK)
				goto fail;
			same = res.nrows == 1 && db_get_len(&res, 0, 0) ==
			    sizeof(body) && memcmp(db_get(&res, 0, 0), body,
			    sizeof(body)) == 0;
			db_res_release(&res);
			if (!same) {
				db_rollback(db);
				rc = resp_error(r, 409, _("This nonce came with another receipt: give each receipt a nonce of its own."));
				goto out;
			}
		} else if (rc != ST_OK)
			goto fail;
	}
	p[0] = DV_STR(rec.notice);
	p[1] = DV_INT(r->partner.id);
	/* The log's row first, then the notice's: the order every change
	 * to a log takes its locks in (0011_view_version.sql). */
	if ((rc = db_query(db, STMT_RECEIPT_NOTICE_LOG, p, 2, 1, &res)) !=
	    ST_OK)
		goto fail;
	log_id = res.nrows == 1 ? db_get_int(&res, 0, 0) : 0;
	db_res_release(&res);
	if ((rc = caselog_lock(db, log_id)) != ST_OK)
		goto fail;
	if ((rc = db_query(db, STMT_RECEIPT_NOTICE, p, 2, 1, &res)) != ST_OK)
		goto fail;
	if (res.nrows == 0) {
		/* Another partner's notice, one never sent, or none at all:
		 * the same answer, so nothing about others can be learnt. */
		db_res_release(&res);
		db_rollback(db);
		rc = resp_error(r, 404, _("You were sent no notice with this id."));
		goto out;
	}
	outbox_id = db_get_int(&res, 0, RN_ID);
	log_id = db_get_int(&res, 0, RN_LOG);
	concern_id = db_get_int(&res, 0, RN_CONCERN);
	child_id = db_get_int(&res, 0, RN_CHILD);
	snprintf(notice_pid, sizeof(notice_pid), "%s",
	    db_get(&res, 0, RN_PID));
	snprintf(kind, sizeof(kind), "%s", db_get(&res, 0, RN_KIND));
	snprintf(status, sizeof(status), "%s", db_get(&res, 0, RN_STATUS));
	db_res_release(&res);
	/* Only child welfare, answering a report of concern, decides what
	 * the guardians are shown of it. */
	if (rec.guardians != RECEIPT_GUARDIANS_SAME &&
	    strcmp(kind, "cw_report") != 0) {
		db_rollback(db);
		doc = view_doc(r, "errors");
		view_attr(doc, "document", "receipt");
		e = view_el(doc, "error", _("Only an answer to a report of concern can say what the guardians are shown."));
		view_attr(e, "path", "/receipt/guardians");
		rc = view_send(r, 422, doc);
		goto out;
	}
	/* The same answer again: nothing new is written, except what it
	 * says of the guardians, which holds as of now: an answer repeated
	 * after a later one lifted or set it is child welfare's word again. */
	p[0] = DV_INT(outbox_id);
	p[1] = DV_BLOB(digest, sizeof(digest));
	if ((rc = db_query(db, STMT_ANSWER_FIND, p, 2, 1, &res)) != ST_OK)
		goto fail;
	if (res.nrows == 1) {
		snprintf(answer_pid, sizeof(answer_pid), "%s",
		    db_get(&res, 0, 0));
		db_res_release(&res);
		if (rec.guardians != RECEIPT_GUARDIANS_SAME) {
			p[0] = DV_INT(rec.guardians ==
			    RECEIPT_GUARDIANS_WITHHOLD);
			p[1] = DV_INT(outbox_id);
			if ((rc = db_exec(db, STMT_SUBMISSION_WITHHOLD, p, 2,
			    NULL, NULL)) != ST_OK || (rc = db_commit(db)) !=
			    ST_OK)
				goto fail;
		} else
			db_rollback(db);
		rc = answered(r, 200, answer_pid, notice_pid, &rec, status, 1);
		goto out;
	}
	db_res_release(&res);
	secure_random_id(answer_pid);
	p[0] = DV_STR(answer_pid);
	p[1] = DV_INT(outbox_id);
	p[2] = DV_INT(r->partner.id);
	p[3] = DV_STR(receipt_kind_name(rec.kind));
	p[4] = DV_OPT(rec.reference);
	p[5] = DV_OPT(rec.text);
	p[6] = DV_BLOB(digest, sizeof(digest));
	if ((rc = db_exec(db, STMT_ANSWER_INSERT, p, 7, NULL, &answer_id)) !=
	    ST_OK)
		goto fail;
	p[0] = DV_OPT(rec.reference);
	p[1] = DV_INT(outbox_id);
	if ((rc = db_exec(db, STMT_OUTBOX_ANSWERED, p, 2, NULL, NULL)) !=
	    ST_OK)
		goto fail;
	if (rec.guardians != RECEIPT_GUARDIANS_SAME) {
		p[0] = DV_INT(rec.guardians == RECEIPT_GUARDIANS_WITHHOLD);
		p[1] = DV_INT(outbox_id);
		if ((rc = db_exec(db, STMT_SUBMISSION_WITHHOLD, p, 2, NULL,
		    NULL)) != ST_OK)
			goto fail;
	}
	summary(r, kind, &rec, &m);
	if ((rc = caselog_event_msg_open(db, 0, log_id, log_id != 0 ? 0 :
	    concern_id, "partner", "answer", &m, "notice", notice_pid, 0)) !=
	    ST_OK)
		goto fail;
	/* The partner wrote to the child's case: the guardians see it in
	 * the access log, as the partner's role. */
	if ((rc = audit_log_as(r, "partner", "create", "notice_answer",
	    (long long)answer_id, child_id)) != ST_OK)
		goto fail;
	if ((rc = db_commit(db)) != ST_OK)
		goto out;
	rc = answered(r, 201, answer_pid, notice_pid, &rec,
	    acknowledges(status) ? "acknowledged" : status, 0);
	goto out;
fail:
	db_rollback(db);
out:
	receipt_release(&rec);
	return rc;
}
