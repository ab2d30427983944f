/* h_partner.c: the partner registry and its delivery queues as the
 * administrator manages them: configuration and the state of notices,
 * never a child's data and never a secret. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "alerts.h"
#include "audit.h"
#include "caselog.h"
#include "dates.h"
#include "db.h"
#include "handlers.h"
#include "i18n.h"
#include "partner.h"
#include "route.h"
#include "view.h"
#include "worker.h"

/* Columns of STMT_PARTNER_ADMIN_LIST and _GET. */
enum { PA_ID, PA_NAME, PA_KIND, PA_ENDPOINT, PA_AUTH, PA_ACCEPTS, PA_STATUS,
	PA_SECRETS, PA_CHECKED, PA_FAILING, PA_CREATED, PA_ROWID, PA_TOKEN };
/* Columns of STMT_PARTNER_NOTICES_*. */
enum { PN_ID, PN_KIND, PN_STATUS, PN_ATTEMPTS, PN_HTTP, PN_ERROR, PN_CREATED,
	PN_NEXT, PN_DELIVERED, PN_ACKED, PN_DEAD, PN_RETRIED };
/* Columns of STMT_NOTICE_ADMIN_GET. */
enum { NA_ID, NA_STATUS, NA_KIND, NA_PARTNER, NA_LOG, NA_CONCERN, NA_CHILD,
	NA_PARTNER_NAME };

/* Every state a notice to a partner can be in, as the queue counts. */
static const char *const states[] = { "queued", "in_flight", "failed",
	"dead", "delivered", "acknowledged", "cancelled", NULL };

/* Does the comma-separated SET value list contain word? */
static int
in_set(const char *list, const char *word)
{
	size_t n = strlen(word);
	const char *p = list;

	while (p != NULL && *p != '\0') {
		if (strncmp(p, word, n) == 0 && (p[n] == ',' || p[n] == '\0'))
			return 1;
		p = strchr(p, ',');
		if (p != NULL)
			p++;
	}
	return 0;
}

/* Which secrets a partner needs to be sent anything: the signature key
 * always, then what its authentication takes. (The key of its receipts
 * is for what it sends us: "receipts".) */
static const char *
needed(const char *auth, const char *secret)
{
	if (strcmp(secret, "hmac") == 0)
		return "true";
	if (strcmp(secret, "bearer") == 0)
		return strcmp(auth, "bearer") == 0 ? "true" : "false";
	if (strcmp(secret, "cert") == 0 || strcmp(secret, "key") == 0)
		return strcmp(auth, "mtls") == 0 ? "true" : "false";
	return "receipts";
}

static const char *
base(const struct req *r)
{
	return req_is_api(r) ? "/api/v1/partners" : "/admin/partners";
}

/*
 * One partner: its configuration, which secrets are in place (from the
 * row; the web cannot look at the files), and how many of its notices
 * are in each state.
 */
static void
partner_el(const struct req *r, xmlNodePtr parent, const struct db_res *res,
    size_t i, const struct db_res *counts)
{
	xmlNodePtr p = view_el(parent, "partner", NULL), q, e;
	const char *auth = db_get(res, i, PA_AUTH);
	const char *secrets = db_get(res, i, PA_SECRETS);
	const char *accepts = db_get(res, i, PA_ACCEPTS);
	size_t k, s;

	view_attr(p, "id", db_get(res, i, PA_ID));
	view_attr(p, "name", db_get(res, i, PA_NAME));
	view_attr(p, "kind", db_get(res, i, PA_KIND));
	view_attr(p, "endpoint", db_get(res, i, PA_ENDPOINT));
	view_attr(p, "auth", auth);
	view_attr(p, "status", db_get(res, i, PA_STATUS));
	view_time_attr(r, p, "created", db_get(res, i, PA_CREATED));
	view_time_attr(r, p, "secrets-checked", db_get(res, i, PA_CHECKED));
	view_time_attr(r, p, "failing-since", db_get(res, i, PA_FAILING));
	for (k = 0; accepts != NULL && k < PARTNER_TYPES_MAX; k++) {
		const char *comma = strchr(accepts, ',');
		size_t n = comma != NULL ? (size_t)(comma - accepts) :
		    strlen(accepts);
		char t[32];

		if (n == 0 || n >= sizeof(t))
			break;
		memcpy(t, accepts, n);
		t[n] = '\0';
		e = view_el(p, "accepts", NULL);
		view_attr(e, "type", t);
		accepts = comma != NULL ? comma + 1 : NULL;
	}
	for (k = 0; partner_secret_names[k] != NULL; k++) {
		const char *name = partner_secret_names[k];

		e = view_el(p, "secret", NULL);
		view_attr(e, "name", name);
		view_attr(e, "present", secrets != NULL &&
		    in_set(secrets, name) ? "true" : "false");
		view_attr(e, "needed", needed(auth, name));
	}
	/* What the partner's receipts come with besides: its token, kept
	 * only as a hash (`stafett partner token`). */
	view_attr(p, "receipt-token", db_get_int(res, i, PA_TOKEN) ?
	    "true" : "false");
	q = view_el(p, "queue", NULL);
	for (s = 0; states[s] != NULL; s++) {
		unsigned long long n = 0;

		for (k = 0; k < counts->nrows; k++)
			if (strcmp(db_get(counts, k, 0),
			    db_get(res, i, PA_ID)) == 0 &&
			    strcmp(db_get(counts, k, 1), states[s]) == 0)
				n = (unsigned long long)db_get_int(counts, k,
				    2);
		view_attrf(q, states[s], "%llu", n);
	}
}

/* The registry: every partner, and the form to add one. */
static st_rc
list_page(struct req *r, int status, const char *field, const char *message)
{
	struct db_res res, counts;
	struct db_val m[2];
	xmlNodePtr root, list;
	size_t i;
	st_rc rc;

	m[0] = m[1] = DV_INT(r->who.municipality_id);
	if ((rc = db_query(&r->w->db, STMT_PARTNER_ADMIN_LIST, m, 2, 10000,
	    &res)) != ST_OK)
		return rc;
	if ((rc = db_query(&r->w->db, STMT_PARTNER_QUEUE_COUNTS, m, 1,
	    100000, &counts)) != ST_OK) {
		db_res_release(&res);
		return rc;
	}
	root = req_is_api(r) ? view_doc(r, "partners") :
	    view_page(r, "partners");
	list = req_is_api(r) ? root : view_el(root, "partners", NULL);
	for (i = 0; i < res.nrows; i++)
		partner_el(r, list, &res, i, &counts);
	db_res_release(&counts);
	db_res_release(&res);
	if (field != NULL)
		admin_error(r, root, "new", field, message);
	return view_send(r, status, root);
}

/*
 * One partner with its queue: the notices in one state (?status=), or
 * by default those that need watching (not yet acknowledged or
 * cancelled), newest first. confirm names a dead notice whose
 * cancellation is to be confirmed.
 */
static st_rc
show_page(struct req *r, int status, const char *field, const char *message,
    const char *confirm)
{
	const char *filter = fields_get(&r->qs, "status");
	struct db_res res, counts, notes;
	struct db_val p[2];
	xmlNodePtr root, list, n;
	size_t i, s;
	st_rc rc;

	for (s = 0; filter != NULL && states[s] != NULL; s++)
		if (strcmp(filter, states[s]) == 0)
			break;
	if (filter != NULL && states[s] == NULL)
		filter = NULL;
	p[0] = DV_INT(r->who.municipality_id);
	p[1] = DV_STR(r->arg);
	if ((rc = db_query(&r->w->db, STMT_PARTNER_ADMIN_GET, p, 2, 1,
	    &res)) != ST_OK)
		return rc;
	if (res.nrows != 1) {
		db_res_release(&res);
		return resp_error(r, 404, _("There is no such partner."));
	}
	if ((rc = db_query(&r->w->db, STMT_PARTNER_QUEUE_COUNTS, p, 1,
	    100000, &counts)) != ST_OK) {
		db_res_release(&res);
		return rc;
	}
	p[0] = DV_INT(db_get_int(&res, 0, PA_ROWID));
	p[1] = DV_STR(filter != NULL ? filter : "");
	if ((rc = db_query(&r->w->db, filter != NULL ?
	    STMT_PARTNER_NOTICES_STATUS : STMT_PARTNER_NOTICES_OPEN, p,
	    filter != NULL ? 2 : 1, 200, &notes)) != ST_OK) {
		db_res_release(&counts);
		db_res_release(&res);
		return rc;
	}
	root = req_is_api(r) ? view_doc(r, "partner-queue") :
	    view_page(r, "partner");
	partner_el(r, root, &res, 0, &counts);
	db_res_release(&counts);
	db_res_release(&res);
	list = view_el(root, "notices", NULL);
	view_attr(list, "filter", filter != NULL ? filter : "open");
	for (i = 0; i < notes.nrows; i++) {
		static const struct { int col; const char *name; } when[] = {
			{ PN_CREATED, "created" }, { PN_NEXT, "next" },
			{ PN_DELIVERED, "delivered" },
			{ PN_ACKED, "acknowledged" }, { PN_DEAD, "dead" },
			{ PN_RETRIED, "retried" }
		};
		size_t w;

		n = view_el(list, "notice", NULL);
		view_attr(n, "id", db_get(&notes, i, PN_ID));
		view_attr(n, "kind", db_get(&notes, i, PN_KIND));
		view_attr(n, "status", db_get(&notes, i, PN_STATUS));
		view_attr(n, "attempts", db_get(&notes, i, PN_ATTEMPTS));
		if (db_get(&notes, i, PN_HTTP) != NULL)
			view_attr(n, "http", db_get(&notes, i, PN_HTTP));
		for (w = 0; w < sizeof(when) / sizeof(when[0]); w++)
			view_time_attr(r, n, when[w].name,
			    db_get(&notes, i, (size_t)when[w].col));
		/* Written by deliver.c without personal data: a transport
		 * error or an HTTP status. */
		if (db_get(&notes, i, PN_ERROR) != NULL)
			view_el(n, "error", db_get(&notes, i, PN_ERROR));
		if (confirm != NULL && strcmp(confirm,
		    db_get(&notes, i, PN_ID)) == 0 &&
		    strcmp(db_get(&notes, i, PN_STATUS), "dead") == 0)
			view_attr(n, "confirm-cancel", "true");
	}
	db_res_release(&notes);
	if (field != NULL)
		admin_error(r, root, "edit", field, message);
	return view_send(r, status, root);
}

/* ROUTE: GET /admin/partners */
/* ROUTE: GET /api/v1/partners */
st_rc
h_partner_list(struct req *r)
{
	return list_page(r, 200, NULL, NULL);
}

/* ROUTE: GET /admin/partners/{id} */
/* ROUTE: GET /api/v1/partners/{id} */
st_rc
h_partner_show(struct req *r)
{
	const char *cancel = fields_get(&r->qs, "cancel");

	return show_page(r, 200, NULL, NULL,
	    cancel != NULL && secure_is_id(cancel) ? cancel : NULL);
}

/*
 * The partner's fields from the request, checked by the same rules as
 * `stafett partner add` (partner.c). *field is NULL when they are good;
 * otherwise the field and *why (translated) say what is wrong.
 */
static void
partner_input(struct req *r, struct partner_in *in,
    char accepts[PARTNER_ACCEPTS_SIZE], const char **field, const char **why)
{
	enum partner_field f;
	const char *t;

	memset(in, 0, sizeof(*in));
	in->name = req_input(r, "name");
	in->kind = req_input(r, "kind");
	in->endpoint = req_input(r, "endpoint");
	in->auth = req_input(r, "auth");
	in->municipality = r->who.municipality_id;
	while ((t = req_input_n(r, "accepts", in->ntypes)) != NULL) {
		if (in->ntypes == PARTNER_TYPES_MAX) {
			*field = "accepts";
			*why = _("Choose at most one of each message type.");
			return;
		}
		in->types[in->ntypes++] = t;
	}
	f = partner_check(in, accepts, why);
	*field = f == PF_OK ? NULL : partner_field_name(f);
	if (*why != NULL)
		*why = _(*why);
}

/* The answer to a change: the partner's page (its XML for the API). */
static st_rc
done(struct req *r, int status, const char *pid)
{
	char loc[96];

	snprintf(loc, sizeof(loc), "%s/%s", base(r), pid);
	return resp_done(r, status, loc);
}

/*
 * The end of a change to a partner begun with db_begin (rc: how the
 * change went): its audit row and the commit, or the rollback of both,
 * then the answer. Configuration holds no child's data, but who sent a
 * partner's notices somewhere else matters as much as who read a case.
 */
static st_rc
commit_change(struct req *r, st_rc rc, const char *action, long long rowid,
    int status, const char *pid)
{
	if (rc == ST_OK)
		rc = audit_log(r, action, "partner", rowid, 0);
	if (rc == ST_OK)
		rc = db_commit(&r->w->db);
	if (rc != ST_OK) {
		db_rollback(&r->w->db);
		return rc;
	}
	return done(r, status, pid);
}

/* ROUTE: POST /admin/partners */
/* ROUTE: POST /api/v1/partners */
st_rc
h_partner_add(struct req *r)
{
	char id[SECURE_ID_SIZE], accepts[PARTNER_ACCEPTS_SIZE];
	struct partner_in in;
	const char *field = NULL, *why = NULL;
	long long rowid = 0;
	int taken = 0;
	st_rc rc;

	partner_input(r, &in, accepts, &field, &why);
	if (field != NULL)
		return list_page(r, 422, field, why);
	if ((rc = partner_name_taken(&r->w->db, in.municipality, in.name, NULL,
	    &taken)) != ST_OK)
		return rc;
	if (taken)
		return list_page(r, 422, "name",
		    _("Another partner has this name already."));
	if ((rc = db_begin(&r->w->db)) != ST_OK)
		return rc;
	rc = partner_insert(&r->w->db, &in, accepts, id, &rowid);
	return commit_change(r, rc, "create", rowid, 201, id);
}

/* The partner named by the path, for a change: its row id, or 0 with the
 * 404 answered. */
static st_rc
load_endpoint(struct req *r, long long *rowid, char *endpoint, size_t size)
{
	struct db_val p[2];
	struct db_res res;
	st_rc rc;

	*rowid = 0;
	if (endpoint != NULL)
		endpoint[0] = '\0';
	p[0] = DV_INT(r->who.municipality_id);
	p[1] = DV_STR(r->arg);
	if ((rc = db_query(&r->w->db, STMT_PARTNER_ADMIN_GET, p, 2, 1,
	    &res)) != ST_OK)
		return rc;
	if (res.nrows == 1) {
		*rowid = db_get_int(&res, 0, PA_ROWID);
		if (endpoint != NULL)
			snprintf(endpoint, size, "%s",
			    db_get(&res, 0, PA_ENDPOINT));
	}
	db_res_release(&res);
	if (*rowid == 0)
		return resp_error(r, 404, _("There is no such partner."));
	return ST_OK;
}

static st_rc
load(struct req *r, long long *rowid)
{
	return load_endpoint(r, rowid, NULL, 0);
}

/* ROUTE: POST /admin/partners/{id} */
/* ROUTE: POST /api/v1/partners/{id} */
st_rc
h_partner_update(struct req *r)
{
	char accepts[PARTNER_ACCEPTS_SIZE], endpoint[600];
	struct partner_in in;
	const char *field = NULL, *why = NULL;
	long long rowid;
	int taken = 0, found = 0;
	st_rc rc;

	if ((rc = load_endpoint(r, &rowid, endpoint, sizeof(endpoint))) !=
	    ST_OK || rowid == 0)
		return rc;
	partner_input(r, &in, accepts, &field, &why);
	if (field != NULL)
		return show_page(r, 422, field, why, NULL);
	/*
	 * Where a partner's notices and token go is as sensitive as the
	 * token itself (issue 15): like the secrets, it is changed on the
	 * server (stafett partner endpoint), never from a page or the API,
	 * so one administrator's session cannot send children's notices to
	 * another host.
	 */
	if (strcmp(in.endpoint, endpoint) != 0)
		return show_page(r, 422, "endpoint", _("The address is changed on the server, as the partner's secrets are: stafett partner endpoint ID URL."), NULL);
	if ((rc = partner_name_taken(&r->w->db, in.municipality, in.name,
	    r->arg, &taken)) != ST_OK)
		return rc;
	if (taken)
		return show_page(r, 422, "name",
		    _("Another partner has this name already."), NULL);
	if ((rc = db_begin(&r->w->db)) != ST_OK)
		return rc;
	rc = partner_update(&r->w->db, r->arg, &in, accepts, &found);
	return commit_change(r, rc, "update", rowid, 200, r->arg);
}

static st_rc
set_status(struct req *r, const char *status)
{
	long long rowid;
	int found = 0;
	st_rc rc;

	if ((rc = load(r, &rowid)) != ST_OK || rowid == 0)
		return rc;
	if ((rc = db_begin(&r->w->db)) != ST_OK)
		return rc;
	rc = partner_set_status(&r->w->db, r->who.municipality_id, r->arg,
	    status, &found);
	return commit_change(r, rc, "update", rowid, 200, r->arg);
}

/* Paused partners are sent nothing; their notices wait (and are routed
 * to no other partner: the administrator decides). */
/* ROUTE: POST /admin/partners/{id}/pause */
/* ROUTE: POST /api/v1/partners/{id}/pause */
st_rc
h_partner_pause(struct req *r)
{
	return set_status(r, "paused");
}

/* ROUTE: POST /admin/partners/{id}/resume */
/* ROUTE: POST /api/v1/partners/{id}/resume */
st_rc
h_partner_resume(struct req *r)
{
	return set_status(r, "active");
}

/*
 * Retry or cancel a dead notice, in one transaction: the notice (only
 * while it is still dead: a race lost to another administrator is a
 * 409), its alert cleared, an audit row (the notice carries a child's
 * data) and an event in the case's timeline, so the sender and the
 * guardians read what happened to it. A retry starts the notice over:
 * attempts from 0, the back-off from its first wait, the retry horizon
 * counted from now; notify checks the right to send again when it
 * claims it, as for any notice. A browser confirms a cancellation.
 */
static st_rc
notice_action(struct req *r, int retry)
{
	const char *confirm = req_input(r, "confirm");
	struct db *db = &r->w->db;
	struct db_val p[2];
	struct db_res res;
	unsigned long long n = 0;
	char pid[SECURE_ID_SIZE], loc[160];
	const char *name;
	struct evmsg m;
	long long id, log_id, concern_id, child_id;
	st_rc rc;

	p[0] = DV_STR(r->arg);
	p[1] = DV_INT(r->who.municipality_id);
	if ((rc = db_query(db, STMT_NOTICE_ADMIN_GET, p, 2, 1, &res)) != ST_OK)
		return rc;
	if (res.nrows != 1) {
		db_res_release(&res);
		return resp_error(r, 404, _("There is no such notice."));
	}
	id = db_get_int(&res, 0, NA_ID);
	log_id = db_get_int(&res, 0, NA_LOG);
	concern_id = db_get_int(&res, 0, NA_CONCERN);
	child_id = db_get_int(&res, 0, NA_CHILD);
	/* A dead notice has its partner; one waiting for a partner has
	 * none, and is refused below as not dead. */
	snprintf(pid, sizeof(pid), "%s", db_get(&res, 0, NA_PARTNER) != NULL ?
	    db_get(&res, 0, NA_PARTNER) : "");
	evmsg_init(&m, retry ?
	    N_("A notice to {0} that could not be delivered was sent again by an administrator.") :
	    N_("A notice to {0} that could not be delivered was cancelled by an administrator: it will not be sent. If it is still needed, contact the service another way."));
	name = db_get(&res, 0, NA_PARTNER_NAME);
	evmsg_name(&m, name != NULL ? pool_strdup(&r->pool, name) : "?");
	db_res_release(&res);
	if (!retry && !req_is_api(r) && pid[0] != '\0' && (confirm == NULL ||
	    strcmp(confirm, "yes") != 0)) {
		snprintf(loc, sizeof(loc), "/admin/partners/%s?cancel=%s"
		    "#notice-%s", pid, r->arg, r->arg);
		return resp_redirect(r, loc);
	}
	if ((rc = db_begin(db)) != ST_OK)
		return rc;
	p[0] = DV_INT(id);
	if ((rc = caselog_lock(db, log_id)) == ST_OK)
		rc = db_exec(db, retry ? STMT_NOTICE_RETRY :
		    STMT_NOTICE_CANCEL_DEAD, p, 1, &n, NULL);
	if (rc == ST_OK && n == 0) {
		db_rollback(db);
		return resp_error(r, 409, _("The notice is no longer waiting for a decision: someone else sent it again or cancelled it. Reload the page."));
	}
	if (rc == ST_OK)
		rc = db_exec(db, STMT_ALERT_CLEAR_NOTICE, p, 1, NULL, NULL);
	/* sent again to a partner that is paused by now: nobody takes it */
	if (rc == ST_OK && retry) {
		int none;

		rc = alerts_no_receiver(db, id, &none);
	}
	if (rc == ST_OK)
		rc = audit_log(r, "update", "notice", id, child_id);
	if (rc == ST_OK && (log_id != 0 || concern_id != 0))
		rc = caselog_event_msg_open(db, r->who.user_id, log_id,
		    concern_id, role_name(r->who.role), "notice", &m, "notice",
		    r->arg, 0);
	if (rc == ST_OK)
		rc = db_commit(db);
	if (rc != ST_OK) {
		db_rollback(db);
		return rc;
	}
	return done(r, 200, pid);
}

/* ROUTE: POST /admin/notices/{id}/retry */
/* ROUTE: POST /api/v1/notices/{id}/retry */
st_rc
h_notice_retry(struct req *r)
{
	return notice_action(r, 1);
}

/* ROUTE: POST /admin/notices/{id}/cancel */
/* ROUTE: POST /api/v1/notices/{id}/cancel */
st_rc
h_notice_cancel(struct req *r)
{
	return notice_action(r, 0);
}
