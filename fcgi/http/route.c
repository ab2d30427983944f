/* route.c: the dispatcher that enforces the route table (see route.h). */
#include "config.h"

#include <string.h>
#include <strings.h>
#include <time.h>

#include <sodium.h>

#include "auth.h"
#include "codelists.h"
#include "dbwatch.h"
#include "fault.h"
#include "i18n.h"
#include "log.h"
#include "login.h"
#include "multipart.h"
#include "replay.h"
#include "utf8.h"
#include "route.h"
#include "view.h"
#include "worker.h"
#include "xmlsafe.h"

#define LOGIN_BODY_MAX	(16 * 1024)
static int
form_id_ok(const char *s, size_t n)
{
	size_t i;

	if (n == 0 || n > 40 || !(s[0] >= 'a' && s[0] <= 'z'))
		return 0;
	for (i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= '0' && s[i] <= '9') || s[i] == '_' || s[i] == '-'))
			return 0;
	return 1;
}

static int
public_id_ok(const char *s, size_t n)
{
	char tmp[SECURE_ID_SIZE];

	if (n != SECURE_ID_LEN)
		return 0;
	memcpy(tmp, s, n);
	tmp[n] = '\0';
	return secure_is_id(tmp);
}

/* Does path match pattern? Copies a {…} segment into arg. */
static int
match(const char *pattern, const char *path, char *arg, size_t arglen)
{
	const char *p = pattern, *s = path;

	while (*p != '\0') {
		if (*p == '{') {
			const char *pend = strchr(p, '}');
			size_t n = strcspn(s, "/");
			int ok;

			if (pend == NULL)
				return 0;
			ok = strncmp(p, "{id}", 4) == 0 ? public_id_ok(s, n) :
			    form_id_ok(s, n);
			if (!ok || n >= arglen)
				return 0;
			memcpy(arg, s, n);
			arg[n] = '\0';
			p = pend + 1;
			s += n;
			continue;
		}
		if (*p != *s)
			return 0;
		p++;
		s++;
	}
	return *s == '\0';
}

const struct route *
route_match(const char *method, const char *path, char *arg, size_t arglen,
    int *status, int *index)
{
	size_t i, n;
	const struct route *routes = route_table(&n);
	int path_seen = 0;

	*status = 404;
	*index = -1;
	for (i = 0; i < n; i++) {
		if (!match(routes[i].pattern, path, arg, arglen))
			continue;
		path_seen = 1;
		if (strcmp(routes[i].method, method) == 0 ||
		    (strcmp(method, "HEAD") == 0 &&
		    strcmp(routes[i].method, "GET") == 0)) {
			*index = (int)i;
			return &routes[i];
		}
	}
	if (path_seen)
		*status = 405;
	return NULL;
}

int
route_permits(enum perm perm, const struct principal *who)
{
	switch (perm) {
	case PERM_PUBLIC:
		return 1;
	case PERM_USER:
		return who->user_id != 0;
	case PERM_STAFF:
		return who->user_id != 0 && who->unit_id != 0 &&
		    (who->role == ROLE_EMPLOYEE || who->role == ROLE_LEADER);
	case PERM_ADMIN:
		return who->user_id != 0 && who->role == ROLE_ADMIN;
	case PERM_PARTNER:
		/* no user, whatever their role, speaks for a partner */
		return 0;
	}
	return 0;
}

st_rc
resp_error(struct req *r, int status, const char *message)
{
	xmlNodePtr n;

	buf_reset(&r->out);
	if (req_is_api(r) || r->route == NULL) {
		if (!req_is_api(r) && r->route == NULL &&
		    xslset_get(r->w->xsl, "error") != NULL)
			goto html;
		n = view_doc(r, "error");
		view_attrf(n, "status", "%d", status);
		view_el(n, "message", message);
		return view_send(r, status, n);
	}
html:
	n = view_page(r, "error");
	view_attrf(n, "status", "%d", status);
	view_el(n, "message", message);
	return view_send(r, status, n);
}

static const char *message_of(int status);

st_rc
resp_not_found(struct req *r)
{
	return resp_error(r, 404, message_of(404));
}

st_rc
resp_done(struct req *r, int status, const char *path)
{
	xmlNodePtr n;
	st_rc rc;

	if (!req_is_api(r))
		return resp_redirect(r, path);
	if ((rc = resp_header(r, "Location", path)) != ST_OK)
		return rc;
	n = view_doc(r, "result");
	view_attrf(n, "status", "%d", status);
	view_el(n, "location", path);
	return view_send(r, status, n);
}

st_rc
resp_done_note(struct req *r, int status, const char *path,
    const char *note)
{
	char v[512];
	size_t plen;
	xmlNodePtr n;
	st_rc rc;

	if (!req_is_api(r)) {
		/*
		 * The page the browser is sent on to says what was done: a
		 * cookie for a minute, "note|path" (the path without query or
		 * fragment), which that page alone reads and clears (view.c).
		 * The address stays the resource's own.
		 */
		plen = strcspn(path, "?#");
		if (view_done_known(note) && plen < 400 &&
		    strcspn(path, ";, \"\\") >= plen) {
			snprintf(v, sizeof(v), "%s|%.*s", note, (int)plen,
			    path);
			if ((rc = resp_cookie(r, DONE_COOKIE, v, 60)) != ST_OK)
				return rc;
		}
		return resp_redirect(r, path);
	}
	if ((rc = resp_header(r, "Location", path)) != ST_OK)
		return rc;
	n = view_doc(r, "result");
	view_attrf(n, "status", "%d", status);
	view_el(n, "location", path);
	view_el(n, "note", note);
	return view_send(r, status, n);
}

int
req_switch_lang(struct req *r, const char *code)
{
	enum lang l;

	if (req_is_api(r) || !i18n_parse(code, &l))
		return 0;
	if (resp_cookie(r, LANG_COOKIE, i18n_code(l), 365L * 24 * 3600) !=
	    ST_OK)
		log_warn("cannot set language cookie");
	r->lang = l;
	i18n_use(l);
	return 1;
}

/*
 * The language. Browsers: ?lang= (remembered in a cookie), the cookie,
 * the account's setting, then the municipality's default: Norwegian
 * users often have English browsers, so Accept-Language is not used for
 * pages. API clients negotiate with Accept-Language, then the account.
 */
static void
choose_lang(struct req *r, int after_auth)
{
	const char *q = fields_get(&r->qs, "lang");
	const char *c = req_cookie(r, LANG_COOKIE);
	enum lang l = LANG_NB, def = LANG_NB;

	(void)i18n_parse(r->w->cfg->default_lang, &def);
	if (req_is_api(r)) {
		if (!after_auth || !i18n_parse(r->who.lang, &def))
			(void)i18n_parse(r->w->cfg->default_lang, &def);
		l = i18n_from_accept(r->accept_language, def);
	} else if (i18n_parse(q, &l)) {
		if (!after_auth && resp_cookie(r, LANG_COOKIE, i18n_code(l),
		    365L * 24 * 3600) != ST_OK)
			log_warn("cannot set language cookie");
	} else if (!i18n_parse(c, &l) &&
	    !(after_auth && i18n_parse(r->who.lang, &l)))
		l = def;
	r->lang = l;
	i18n_use(l);
}

static int
ctype_is(const char *ctype, const char *want)
{
	size_t n = strlen(want);

	if (ctype == NULL || strncasecmp(ctype, want, n) != 0)
		return 0;
	return ctype[n] == '\0' || ctype[n] == ';' || ctype[n] == ' ';
}

/* A charset parameter other than UTF-8 is refused for XML bodies. */
static int
charset_ok(const char *ctype)
{
	const char *cs = strcasestr(ctype, "charset=");

	if (cs == NULL)
		return 1;
	cs += 8;
	if (*cs == '"')
		cs++;
	return strncasecmp(cs, "utf-8", 5) == 0;
}

/* A multipart body by its parts: a browser sends the same form again
 * with another boundary, and that must not make it another request. */
static void
digest_parts(const struct mparts *parts, unsigned char out[32])
{
	crypto_hash_sha256_state st;
	size_t i;

	crypto_hash_sha256_init(&st);
	for (i = 0; i < parts->n; i++) {
		const struct mpart *pt = &parts->v[i];
		const char *fn = pt->filename != NULL ? pt->filename : "";
		const char *ct = pt->ctype != NULL ? pt->ctype : "";

		secure_sha256_field(&st, pt->name, strlen(pt->name));
		secure_sha256_field(&st, fn, strlen(fn));
		secure_sha256_field(&st, ct, strlen(ct));
		secure_sha256_field(&st, pt->data, pt->len);
	}
	crypto_hash_sha256_final(&st, out);
}

static st_rc
read_body(struct req *r, int *status, const char **msg)
{
	const struct route *rt = r->route;
	size_t max = rt->body_max ? rt->body_max : r->w->cfg->body_max;
	char err[256];
	st_rc rc;

	if (rt->body == BODY_NONE)
		return ST_OK;
	if (rt->csrf == CSRF_LOGIN)
		max = LOGIN_BODY_MAX;
	if (r->content_length > max || r->body.len > max) {
		*status = 413;
		*msg = _("The request is too large.");
		return ST_E_TOO_BIG;
	}
	/* Read exactly Content-Length bytes (the test harness pre-fills). */
	r->body.max = max;
	while (r->reader != NULL && r->body.len < r->content_length) {
		char chunk[16384];
		size_t want = r->content_length - r->body.len;
		int got;

		if (want > sizeof(chunk))
			want = sizeof(chunk);
		got = r->reader(r->reader_ctx, chunk, (int)want);
		if (got <= 0)
			break;
		if (buf_add(&r->body, chunk, (size_t)got) != ST_OK)
			break;
	}
	if (r->reader != NULL && r->body.len != r->content_length) {
		*status = 400;
		*msg = _("The request body ended early.");
		return ST_E_INVALID;
	}
	/* What a repeat of this request must match (replay.h). */
	crypto_hash_sha256(r->body_digest, (const unsigned char *)
	    (r->body.len > 0 ? r->body.data : ""), r->body.len);
	if (rt->body == BODY_FORM) {
		if (!ctype_is(r->content_type,
		    "application/x-www-form-urlencoded")) {
			*status = 415;
			*msg = _("Send the form as application/x-www-form-urlencoded.");
			return ST_E_INVALID;
		}
		rc = urlenc_parse(&r->form, r->body.data, r->body.len);
		if (rc != ST_OK) {
			*status = rc == ST_E_TOO_BIG ? 413 : 400;
			*msg = _("The form data could not be read: it must be UTF-8 text without control characters.");
			return rc;
		}
		return ST_OK;
	}
	if (rt->body == BODY_MULTIPART) {
		struct mparts parts;
		size_t i;

		mparts_init(&parts);
		if (!ctype_is(r->content_type, "multipart/form-data") ||
		    multipart_parse(&parts, r->content_type,
		    (const unsigned char *)r->body.data, r->body.len) !=
		    ST_OK) {
			mparts_release(&parts);
			*status = 400;
			*msg = _("The upload could not be read. Choose the file again and send it.");
			return ST_E_INVALID;
		}
		digest_parts(&parts, r->body_digest);
		for (i = 0; i < parts.n; i++) {
			const struct mpart *pt = &parts.v[i];
			char *v;

			if (pt->filename != NULL || pt->len > 4096 ||
			    !utf8_xml_text((const char *)pt->data, pt->len))
				continue;
			v = pool_strndup(&r->pool, (const char *)pt->data,
			    pt->len);
			fields_add(&r->form, pt->name, v);
		}
		mparts_release(&parts);
		return ST_OK;
	}
	/* An action that takes no input (accept, finalise) may come with no
	 * body at all; handlers that need one find r->xml NULL. */
	if (r->body.len == 0 && (r->content_type == NULL ||
	    *r->content_type == '\0'))
		return ST_OK;
	if ((!ctype_is(r->content_type, "application/xml") &&
	    !ctype_is(r->content_type, "text/xml")) ||
	    !charset_ok(r->content_type)) {
		*status = 415;
		*msg = _("Send the document as application/xml in UTF-8.");
		return ST_E_INVALID;
	}
	/* parsed once the signer is known (partner_attempt) */
	if (rt->body == BODY_SIGNED)
		return ST_OK;
	rc = xmlsafe_parse(r->body.data, r->body.len, max,
	    r->w->cfg->xml_max_depth, &r->xml, err, sizeof(err));
	if (rc != ST_OK) {
		*status = rc == ST_E_TOO_BIG ? 413 : 400;
		*msg = pool_strdup(&r->pool, err);
		return rc;
	}
	return ST_OK;
}

static int
status_of(st_rc rc)
{
	switch (rc) {
	case ST_OK:		return 200;
	case ST_E_NOT_FOUND:	return 404;
	case ST_E_CONFLICT:	return 409;
	case ST_E_INVALID:	return 400;
	case ST_E_TOO_BIG:	return 413;
	/* A lock given up after the retries is nobody's change: busy. */
	case ST_E_BUSY:
	case ST_E_UNAVAILABLE:
	case ST_E_DB_GONE:	return 503;
	default:		return 500;
	}
}

static const char *
message_of(int status)
{
	switch (status) {
	case 400: return _("The request could not be understood.");
	case 401: return _("You must log in.");
	case 403: return _("You do not have access to this.");
	case 404: return _("The page does not exist, or you do not have access to it.");
	case 405: return _("This address does not accept that method.");
	case 409: return _("Someone else changed this at the same time. Try again.");
	case 413: return _("The request is too large.");
	case 503: return _("The service is temporarily unavailable. Try again in a moment; nothing was saved.");
	/* Said only when a COMMIT went out and its answer was lost. */
	case 1503: return _("The connection to the database was lost just as your change was being saved, so it may or may not have been saved. Send it again: the same form, or a request with the same Idempotency-Key, is never carried out twice.");
	}
	return _("Something went wrong on our side, and nothing was saved. Try again, or contact support.");
}

/* When even the error page cannot be made: plain text. */
static void
fallback(struct req *r, int status, const char *msg)
{
	r->status = status;
	r->ctype = "text/plain; charset=utf-8";
	buf_reset(&r->out);
	if (buf_addstr(&r->out, msg) != ST_OK)
		buf_reset(&r->out);
}

/* The handler, unless the request is a repeat answered by its key. */
static st_rc
run_handler(struct req *r)
{
	int done = 0;
	st_rc rc;

	if (r->w->db.held && (rc = replay_begin(r, &done,
	    route_defers_replay(r->route, r->arg))) != ST_OK)
		return rc;
	if (done)
		return ST_OK;
	/* The code lists and settings are the person's municipality's,
	 * until a case decides that it is another's (access.h). */
	codelists_use(r->w->codes, r->who.municipality_id);
	return r->route->fn(r);
}

/*
 * A partner's request: its token and the signature of the body first,
 * then the body is parsed (400 if it is not XML), then the handler. The
 * answers to a failed check are the same 401 for every actor, user or
 * stranger, with the reason a partner's developer needs.
 */
static st_rc
partner_attempt(struct req *r)
{
	const struct route *rt = r->route;
	size_t max = rt->body_max ? rt->body_max : r->w->cfg->body_max;
	char err[256];
	int token_ok = 0;
	st_rc rc;

	memset(&r->partner, 0, sizeof(r->partner));
	rc = auth_partner(r, &token_ok);
	choose_lang(r, 0);
	if (rc == ST_E_NOT_FOUND) {
		if ((rc = resp_header(r, "WWW-Authenticate",
		    "Bearer realm=\"stafett-partners\"")) != ST_OK)
			return rc;
		return resp_error(r, 401, token_ok ?
		    _("The signature does not match the body (X-Stafett-Signature: sha256=<hex HMAC-SHA256 of the body under your inbound key>).") :
		    _("A valid partner token is required (Authorization: Bearer ...)."));
	}
	if (rc != ST_OK)
		return rc;
	if (r->xml == NULL && xmlsafe_parse(r->body.data, r->body.len, max,
	    r->w->cfg->xml_max_depth, &r->xml, err, sizeof(err)) != ST_OK)
		return resp_error(r, 400, pool_strdup(&r->pool, err));
	return run_handler(r);
}

/* Authentication, permission, CSRF and the handler: may be run twice. */
static st_rc
attempt(struct req *r)
{
	const struct route *rt = r->route;
	st_rc rc;

	memset(&r->who, 0, sizeof(r->who));
	r->csrf[0] = '\0';
	r->auth = AUTH_NONE;
	r->revoked = 0;
	if (rt->perm == PERM_PARTNER)
		return partner_attempt(r);
	if (req_is_api(r)) {
		if (rt->perm != PERM_PUBLIC) {
			rc = auth_bearer(r);
			if (rc == ST_E_NOT_FOUND) {
				choose_lang(r, 0);
				if ((rc = resp_header(r, "WWW-Authenticate",
				    "Bearer realm=\"stafett\"")) != ST_OK)
					return rc;
				return resp_error(r, 401, _("A valid API token is required (Authorization: Bearer ...)."));
			}
			if (rc != ST_OK)
				return rc;
		}
	} else {
		rc = auth_session(r);
		if (rc != ST_OK && rc != ST_E_NOT_FOUND)
			return rc;
	}
	choose_lang(r, 1);
	if (r->who.user_id == 0 && rt->perm != PERM_PUBLIC) {
		if (strcmp(r->method, "GET") == 0 ||
		    strcmp(r->method, "HEAD") == 0) {
			struct buf next = BUF_INIT(2048);

			rc = buf_addstr(&next, "/login?next=");
			if (rc == ST_OK)
				rc = buf_addstr(&next, r->path);
			if (rc == ST_OK)
				rc = resp_redirect(r, next.data);
			buf_release(&next);
			return rc;
		}
		return login_page(r, 401, _("Your session has ended. Log in again; what you typed is kept."), NULL);
	}
	if (!route_permits(rt->perm, &r->who))
		return resp_error(r, 403, message_of(403));
	if (rt->csrf == CSRF_SESSION) {
		const char *t = fields_get(&r->form, "csrf");

		if (t == NULL || r->csrf[0] == '\0' ||
		    !secure_streq(t, r->csrf))
			return resp_error(r, 403, _("The form has expired or did not come from this service. Go back, reload the page and try again."));
	} else if (rt->csrf == CSRF_LOGIN) {
		const char *t = fields_get(&r->form, "csrf");
		const char *c = req_cookie(r, LOGIN_COOKIE);

		if (t == NULL || c == NULL || !secure_streq(t, c))
			return login_page(r, 403, _("The login form had expired. Try again."), fields_get(&r->form, "username"));
	}
	/*
	 * A sensitive action needs a recent proof of who the person is
	 * (API tokens are systems' and are not asked): older, the login
	 * page asks for it, keeping the form, and the action is shown
	 * again to confirm once it is given.
	 */
	if (route_reauth(rt) && r->auth == AUTH_SESSION && !auth_fresh(r))
		return login_page(r, 401, _("Confirm who you are before you do this: log in again. What you chose is kept."), r->auth_provider == NULL ? r->who.username : NULL);
	return run_handler(r);
}

void
dispatch(struct req *r)
{
	struct db *db = &r->w->db;
	const char *msg = NULL;
	size_t hdrs_base;
	int status, tries, hold, unknown;
	st_rc rc;

	r->route = route_match(r->method, r->path, r->arg, sizeof(r->arg),
	    &status, &r->route_index);
	if (urlenc_parse(&r->qs, r->query, strlen(r->query)) != ST_OK)
		fields_release(&r->qs);	/* a bad query string is ignored */
	if (cookie_parse(&r->cookies, r->cookie_header != NULL ?
	    r->cookie_header : "") != ST_OK)
		fields_release(&r->cookies);
	choose_lang(r, 0);
	if (r->route == NULL) {
		if (status == 405 && resp_header(r, "Allow", "GET, POST") !=
		    ST_OK)
			log_warn("cannot set header");
		if (resp_error(r, status, message_of(status)) != ST_OK)
			fallback(r, status, message_of(status));
		return;
	}
	if (read_body(r, &status, &msg) != ST_OK) {
		if (resp_error(r, status, msg) != ST_OK)
			fallback(r, status, msg);
		return;
	}
	/*
	 * A request that changes something runs whole in one transaction
	 * (db.h, "Holding"), committed after the handler has answered and
	 * with that answer (replay.h): what the client is told and what was
	 * saved are one. That makes it safe to run again whenever nothing
	 * was committed: after a lost connection (a server restart shows up
	 * on the first statement) and after a deadlock or a lock given up,
	 * which are nobody's doing (up to four runs, with a short random
	 * pause). The database's time is bounded per request, below the web
	 * server's wait (db_request_ms).
	 */
	FAULT("request");
	hold = strcmp(r->method, "GET") != 0 && strcmp(r->method, "HEAD") != 0;
	hdrs_base = r->hdrs.len;
	for (tries = 0; ; tries++) {
		db->commit_sent = 0;
		buf_reset(&r->out);
		buf_truncate(&r->hdrs, hdrs_base);
		r->status = 200;
		r->ctype = NULL;
		r->replay_id = 0;
		db_deadline(db, r->w->cfg->db_request_ms);
		rc = hold ? db_hold_begin(db) : ST_OK;
		if (rc == ST_OK)
			rc = attempt(r);
		db_rollback(db);	/* a no-op unless a handler forgot */
		if (hold) {
			if (rc == ST_OK && db_hold_broken(db))
				rc = (st_rc)db->held_broken;
			if (rc == ST_OK)
				rc = replay_store(r);
			if (rc == ST_OK) {
				FAULT("request_before_commit");
				rc = db_hold_commit(db);
			} else
				db_hold_rollback(db);
			if (rc == ST_OK)
				FAULT("request_after_commit");
			if (rc == ST_OK && r->revoked)
				auth_revoked(r->w);
		}
		db_deadline(db, 0);
		if (db->commit_sent && rc != ST_OK)
			break;
		if (rc == ST_E_DB_GONE && tries == 0 && !db->timed_out)
			continue;
		if (rc == ST_E_BUSY && tries < 3) {
			long ms = 20L << tries;
			struct timespec ts;

			ms += (long)randombytes_uniform((uint32_t)ms + 1);
			ts.tv_sec = 0;
			ts.tv_nsec = ms * 1000000L;
			log_info("request '%s': run again after a lock was "
			    "given up", r->id);
			nanosleep(&ts, NULL);
			continue;
		}
		break;
	}
	if (rc == ST_E_DB_GONE && db->timed_out)
		dbwatch_stalled(r->w->metrics);
	if (rc == ST_E_UNAVAILABLE && db->cannot_write)
		dbwatch_write(r->w->metrics, 0);
	else if (hold && rc == ST_OK && db->commit_sent)
		dbwatch_write(r->w->metrics, 1);
	if (rc != ST_OK) {
		status = status_of(rc);
		/* After a COMMIT whose answer was lost nobody knows whether it
		 * was saved, and "nothing was saved" would be a guess. */
		unknown = rc == ST_E_DB_GONE && db->commit_sent;
		if (status >= 500)
			log_err("request '%s' on route '%s' failed: %s%s",
			    r->id, r->route->pattern, st_rc_str(rc), unknown ?
			    " after the commit went out" : "");
		buf_truncate(&r->hdrs, hdrs_base);
		if (status == 503 && resp_header(r, "Retry-After", "2") !=
		    ST_OK)
			log_warn("cannot set header");
		msg = message_of(unknown ? 1503 : status);
		if (resp_error(r, status, msg) != ST_OK)
			fallback(r, status, msg);
	}
}
