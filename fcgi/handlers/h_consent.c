/* h_consent.c: a consent: what it covers, its scanned paper form, and
 * its withdrawal by a guardian, the youth or the holder. */
#include "config.h"

#include <string.h>

#include "access.h"
#include "audit.h"
#include "caselog.h"
#include "db.h"
#include "filetype.h"
#include "handlers.h"
#include "i18n.h"
#include "labels.h"
#include "logview.h"
#include "multipart.h"
#include "route.h"
#include "utf8.h"
#include "view.h"
#include "worker.h"

/* Columns of CONSENT_COLS, then form_id, form_version, instance. */
enum { CC_ID, CC_PUBLIC_ID, CC_LOG, CC_METHOD, CC_PURPOSE, CC_FROM,
	CC_EXPIRES, CC_STATUS, CC_VALID, CC_SERVICES, CC_SCAN, CC_BY,
	CC_CREATED, CC_WITHDRAWN, CC_WITHDRAWN_BY, CC_SUBMISSION, CC_UNITS,
	CC_PERSONS, CC_FORM, CC_VERSION, CC_INSTANCE };

/* The consent r->arg and its log, with right; *ok = 0: responded. */
static st_rc
load(struct req *r, enum log_right right, struct db_res *res,
    struct caselog *l, int *ok)
{
	char today[DATE_SIZE];
	struct db_val p[3];

	dates_today(today);
	p[0] = DV_STR(today);
	p[1] = DV_STR(today);
	p[2] = DV_STR(r->arg);
	return caselog_load_part(r, STMT_CONSENT_GET, p, 3, CC_LOG, NULL,
	    right, res, l, ok);
}

static const char *
scan_too_big(void)
{
	return _("The file is larger than 10 MB. Scan the form at a lower resolution, or as PDF, and choose it again.");
}

/*
 * The consent's page: status 200, or the upload form refused (status,
 * scan_error: what to say next to the file field) with nothing saved.
 */
static st_rc
consent_page(struct req *r, struct db_res *res, struct caselog *l,
    int status, const char *scan_error)
{
	xmlNodePtr root, c;
	st_rc rc;

	root = req_is_api(r) ? view_doc(r, "relay") : view_page(r, "consent");
	(void)logview_head(r, l, root);
	c = view_el(root, "consent", NULL);
	logview_consent_attrs(c, res, 0);
	view_el(c, "purpose", db_get(res, 0, CC_PURPOSE));
	if (fields_get(&r->qs, "withdraw") != NULL)
		view_attr(c, "confirm-withdraw", "true");
	if (scan_error != NULL)
		view_el(c, "scan-error", scan_error);
	view_attrf(c, "scan-max-mb", "%d", UPLOAD_MAX_MB);
	rc = form_view_stored(r->w->forms, &r->w->env,
	    db_get(res, 0, CC_FORM), (unsigned)db_get_int(res, 0, CC_VERSION),
	    db_get(res, 0, CC_INSTANCE), db_get_len(res, 0, CC_INSTANCE),
	    NULL, c);
	if (rc != ST_OK)
		return rc;
	return view_send(r, status, root);
}

/* ROUTE: GET /consents/{id} */
/* ROUTE: GET /api/v1/consents/{id} */
st_rc
h_consent_show(struct req *r)
{
	/* nginx sends a scan over its limit back here (nginx/stafett.conf) */
	const char *too_big = fields_get(&r->qs, "scan");
	struct db_res res;
	struct caselog l;
	int ok;
	st_rc rc;

	if ((rc = load(r, LR_READ, &res, &l, &ok)) != ST_OK || !ok)
		return rc;
	rc = consent_page(r, &res, &l, 200, too_big != NULL &&
	    strcmp(too_big, "too-big") == 0 &&
	    access_log(&r->who, &l.facts, LR_MANAGE) ? scan_too_big() : NULL);
	db_res_release(&res);
	caselog_release(&l);
	return rc;
}

/*
 * Withdrawal stops all sharing at once: the consent is withdrawn, every
 * participant no remaining consent covers loses access, pending notices
 * to services no longer covered are cancelled, and the holder is told,
 * in one transaction. A browser must confirm (confirm=yes), so one
 * stray click does not do it.
 */
/* ROUTE: POST /consents/{id}/withdraw */
/* ROUTE: POST /api/v1/consents/{id}/withdraw */
st_rc
h_consent_withdraw(struct req *r)
{
	const char *confirm = req_input(r, "confirm");
	struct db *db = &r->w->db;
	struct buf units = BUF_INIT(64 * 1024);
	struct evmsg m;
	struct db_res res;
	struct caselog l;
	struct db_val p[2];
	unsigned long long n = 0;
	long long id;
	char loc[96];
	int ok;
	st_rc rc;

	if ((rc = load(r, LR_WITHDRAW, &res, &l, &ok)) != ST_OK || !ok)
		return rc;
	id = db_get_int(&res, 0, CC_ID);
	if (strcmp(db_get(&res, 0, CC_STATUS), "active") != 0) {
		rc = caselog_conflict(r, _("The consent is already withdrawn."));
		goto out;
	}
	if (!req_is_api(r) && (confirm == NULL ||
	    strcmp(confirm, "yes") != 0)) {
		snprintf(loc, sizeof(loc), "/consents/%s?withdraw=1", r->arg);
		rc = resp_redirect(r, loc);
		goto out;
	}
	if ((rc = caselog_begin(r, &l)) == ST_E_CONFLICT) {
		rc = caselog_conflict(r, _("The relay log was changed by someone else at the same time (closed, or handed over). Open it again and check before you try again."));
		goto out;
	}
	if (rc != ST_OK)
		goto out;
	p[0] = DV_INT(r->who.user_id);
	p[1] = DV_INT(id);
	rc = db_exec(db, STMT_CONSENT_WITHDRAW, p, 2, &n, NULL);
	if (rc == ST_OK && n == 0) {
		db_rollback(db);
		rc = caselog_conflict(r, _("The consent is already withdrawn."));
		goto out;
	}
	if (rc == ST_OK)
		rc = label_unit_names(&units, db_get(&res, 0, CC_UNITS));
	evmsg_init(&m, N_("Consent withdrawn by {0} ({1}). Sharing with {2} stops now."));
	evmsg_name(&m, r->who.display_name);
	evmsg_code(&m, EVARG_ROLE, caselog_role(&l, r));
	evmsg_names(&m, units.data);
	if (rc == ST_OK)
		rc = caselog_event_msg(db, r->who.user_id, l.id, 0,
		    caselog_role(&l, r), "consent", &m, "consent", r->arg, 0);
	if (rc == ST_OK)
		rc = caselog_consent_ended(db, l.id, l.home_unit_id,
		    l.holder_id, _("consent withdrawn"), "consent_withdrawn");
	if (rc == ST_OK)
		rc = audit_log_as(r, caselog_role(&l, r), "update", "consent",
		    id, l.child_id);
	if (rc != ST_OK) {
		db_rollback(db);
		goto out;
	}
	if ((rc = db_commit(db)) != ST_OK)
		goto out;
	snprintf(loc, sizeof(loc), "%s/logs/%s", req_is_api(r) ? "/api/v1" :
	    "", l.public_id);
	rc = resp_done_note(r, 200, loc, "consent-withdrawn");
out:
	buf_release(&units);
	db_res_release(&res);
	caselog_release(&l);
	return rc;
}

/*
 * The scan of a paper consent: a PDF, PNG or JPEG, whatever the browser
 * says it is (the bytes decide), within the route's size limit.
 */
/* ROUTE: POST /consents/{id}/attachment */
st_rc
h_consent_attach(struct req *r)
{
	struct db *db = &r->w->db;
	struct mparts parts;
	const struct mpart *file;
	const char *mime;
	struct db_res res;
	struct caselog l;
	struct evmsg m;
	struct db_val p[7];
	char pid[SECURE_ID_SIZE], loc[96];
	int ok;
	st_rc rc;

	if ((rc = load(r, LR_MANAGE, &res, &l, &ok)) != ST_OK || !ok)
		return rc;
	mparts_init(&parts);
	if (strcmp(db_get(&res, 0, CC_METHOD), "paper") != 0) {
		rc = consent_page(r, &res, &l, 422, _("Only a consent given on paper has a scanned form."));
		goto out;
	}
	if (multipart_parse(&parts, r->content_type,
	    (const unsigned char *)r->body.data, r->body.len) != ST_OK) {
		rc = consent_page(r, &res, &l, 400, _("The upload could not be read. Choose the file again and send it."));
		goto out;
	}
	file = mparts_get(&parts, "file");
	if (file == NULL || file->filename == NULL || file->len == 0) {
		rc = consent_page(r, &res, &l, 422, _("Choose the scanned consent form (PDF, PNG or JPEG)."));
		goto out;
	}
	if (file->len > (size_t)UPLOAD_MAX_MB * 1024 * 1024) {
		rc = consent_page(r, &res, &l, 413, scan_too_big());
		goto out;
	}
	if ((mime = filetype_sniff(file->data, file->len)) == NULL ||
	    !filetype_allowed(mime)) {
		rc = consent_page(r, &res, &l, 415, _("The file is not a PDF, PNG or JPEG image. Scan the form as PDF or as an image."));
		goto out;
	}
	if ((rc = caselog_begin(r, &l)) == ST_E_CONFLICT) {
		rc = caselog_conflict(r, _("The relay log was changed by someone else at the same time (closed, or handed over). Open it again and check before you try again."));
		goto out;
	}
	if (rc != ST_OK)
		goto out;
	secure_random_id(pid);
	p[0] = DV_STR(pid);
	p[1] = DV_INT(db_get_int(&res, 0, CC_ID));
	/* at most 200 bytes, never half a character */
	p[2] = DV_STRN(file->filename, utf8_prefix(file->filename,
	    strlen(file->filename), 200));
	p[3] = DV_STR(mime);
	p[4] = DV_INT(file->len);
	p[5] = DV_BLOB(file->data, file->len);
	p[6] = DV_INT(r->who.user_id);
	rc = db_exec(db, STMT_ATTACH_INSERT, p, 7, NULL, NULL);
	evmsg_init(&m, N_("Scanned paper consent attached."));
	if (rc == ST_OK)
		rc = caselog_event_msg(db, r->who.user_id, l.id, 0,
		    caselog_role(&l, r), "consent", &m, "consent", r->arg, 0);
	if (rc == ST_OK)
		rc = audit_log_as(r, caselog_role(&l, r), "create",
		    "consent_scan", db_get_int(&res, 0, CC_ID), l.child_id);
	if (rc != ST_OK) {
		db_rollback(db);
		goto out;
	}
	if ((rc = db_commit(db)) != ST_OK)
		goto out;
	snprintf(loc, sizeof(loc), "/consents/%s#scan", r->arg);
	rc = resp_done_note(r, 201, loc, "scan-uploaded");
out:
	mparts_release(&parts);
	db_res_release(&res);
	caselog_release(&l);
	return rc;
}

/* ROUTE: GET /consents/{id}/scan */
/* ROUTE: GET /api/v1/consents/{id}/scan */
st_rc
h_consent_scan(struct req *r)
{
	struct db_res res, a;
	struct caselog l;
	struct db_val p[1];
	int ok;
	st_rc rc;

	if ((rc = load(r, LR_READ, &res, &l, &ok)) != ST_OK || !ok)
		return rc;
	if (db_get(&res, 0, CC_SCAN) == NULL) {
		rc = resp_error(r, 404, _("No scanned form is attached to this consent."));
		goto out;
	}
	p[0] = DV_STR(db_get(&res, 0, CC_SCAN));
	if ((rc = db_query(&r->w->db, STMT_ATTACH_GET, p, 1, 1, &a)) != ST_OK)
		goto out;
	rc = audit_log_as(r, caselog_role(&l, r), "read", "consent_scan",
	    db_get_int(&res, 0, CC_ID), l.child_id);
	if (rc == ST_OK)
		rc = resp_header(r, "Content-Disposition", "attachment");
	if (rc == ST_OK)
		rc = resp_header(r, "X-Content-Type-Options", "nosniff");
	if (rc == ST_OK) {
		buf_reset(&r->out);
		rc = buf_add(&r->out, db_get(&a, 0, 3), db_get_len(&a, 0, 3));
		r->status = 200;
		r->ctype = pool_strdup(&r->pool, db_get(&a, 0, 2));
	}
	db_res_release(&a);
out:
	db_res_release(&res);
	caselog_release(&l);
	return rc;
}
