/* h_oidc.c: logging in and out with an identity provider (oidc.h). */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "auth.h"
#include "db.h"
#include "folk.h"
#include "handlers.h"
#include "idlink.h"
#include "jwt.h"
#include "log.h"
#include "login.h"
#include "mem.h"
#include "nin.h"
#include "oidc.h"
#include "route.h"
#include "view.h"
#include "worker.h"

/* Ties a login under way to the browser that began it (SameSite=Lax:
 * it must come back with the provider's redirect). */
#define OIDC_COOKIE	"stafett_oidc"
#define KEPT_MAX	(64 * 1024)
/* a form kept across the login is sealed in the database: it may name
 * a child and their identity number */
#define SEAL_KEPT	"oidc_kpt"

/* ROUTE: POST /login/{provider} */
st_rc
h_oidc_begin(struct req *r)
{
	const struct conf *cfg = r->w->cfg;
	enum oidc_which p;
	struct oidc_begin b;
	struct fields keep;
	struct buf kept = BUF_INIT(KEPT_MAX);
	unsigned char sh[SECURE_HASH_LEN], bh[SECURE_HASH_LEN];
	char browser[SECURE_TOKEN_SIZE], *url = NULL;
	const char *next = login_next_safe(fields_get(&r->form, "next"));
	const char *fresh_s = fields_get(&r->form, "fresh");
	int fresh = fresh_s != NULL && strcmp(fresh_s, "1") == 0;
	unsigned char *sealed = NULL;
	size_t i, sealedlen = 0, plen = strlen(RESUME_PREFIX);
	struct db_val v[8];
	st_rc rc;

	if (!oidc_parse(cfg, r->arg, &p))
		return resp_not_found(r);
	/* a form posted when the session had ended, for after */
	fields_init(&keep);
	for (i = 0; i < r->form.n; i++)
		if (strncmp(r->form.v[i].name, RESUME_PREFIX, plen) == 0)
			fields_add(&keep, r->form.v[i].name + plen,
			    r->form.v[i].value);
	rc = keep.n > 0 ? urlenc_put(&kept, &keep, NULL) : ST_OK;
	fields_release(&keep);
	if (rc != ST_OK) {
		buf_release(&kept);
		return rc == ST_E_TOO_BIG ? resp_error(r, 413,
		    _("What you typed is too long to keep across the login.")) :
		    rc;
	}
	oidc_begin(&b);
	rc = oidc_auth_url(cfg, p, &b, fresh, i18n_code(r->lang), &url);
	if (rc != ST_OK) {
		buf_release(&kept);
		if (rc == ST_E_UNAVAILABLE || rc == ST_E_NOT_FOUND)
			return login_page(r, 503, _("The login service cannot be reached just now. Try again in a little while."), NULL);
		return rc;
	}
	secure_token(browser);
	secure_hash(b.state, strlen(b.state), sh);
	secure_hash(browser, strlen(browser), bh);
	v[0] = DV_BLOB(sh, SECURE_HASH_LEN);
	v[1] = DV_BLOB(bh, SECURE_HASH_LEN);
	v[2] = DV_STR(oidc_name(p));
	v[3] = DV_STR(b.nonce);
	v[4] = DV_STR(b.verifier);
	v[5] = DV_STR(next);
	rc = kept.len > 0 ? secure_seal(r->w->key, SEAL_KEPT, kept.data,
	    kept.len, &sealed, &sealedlen) : ST_OK;
	v[6] = sealed != NULL ? DV_BLOB(sealed, sealedlen) : DV_NULL;
	v[7] = DV_INT(fresh);
	if (rc == ST_OK)
		rc = db_exec(&r->w->db, STMT_OIDC_LOGIN_ADD, v, 8, NULL, NULL);
	if (kept.len > 0)
		sodium_memzero(kept.data, kept.len);
	buf_release(&kept);
	xfree(sealed);
	if (rc == ST_OK)
		rc = resp_cookie_lax(r, OIDC_COOKIE, browser, 600);
	if (rc == ST_OK)
		rc = login_away(r, url);
	xfree(url);
	return rc;
}

/* The login under way that state names, taken (one use) in a
 * transaction of its own; ST_E_NOT_FOUND when there is none for this
 * browser and provider. Strings in the request's pool. */
struct pending {
	struct oidc_begin	 b;
	const char		*next;
	char			*kept;	/* unsealed, the caller frees it */
};

static st_rc
take_pending(struct req *r, enum oidc_which p, const char *state,
    struct pending *out)
{
	struct db *db = &r->w->db;
	const char *browser = req_cookie(r, OIDC_COOKIE), *v;
	unsigned char sh[SECURE_HASH_LEN], bh[SECURE_HASH_LEN];
	struct db_val q[1];
	struct db_res res;
	int ok = 0, found;
	st_rc rc;

	memset(out, 0, sizeof(*out));
	if (state == NULL || strlen(state) != SECURE_TOKEN_LEN)
		return ST_E_NOT_FOUND;
	/* without the cookie the state is still spent: an answer brought
	 * to another browser is someone's attempt to plant their login */
	if (browser == NULL || strlen(browser) != SECURE_TOKEN_LEN)
		browser = "";
	secure_hash(state, strlen(state), sh);
	secure_hash(browser, strlen(browser), bh);
	if ((rc = db_begin(db)) != ST_OK)
		return rc;
	q[0] = DV_BLOB(sh, SECURE_HASH_LEN);
	if ((rc = db_query(db, STMT_OIDC_LOGIN_TAKE, q, 1, 1, &res)) !=
	    ST_OK) {
		db_rollback(db);
		return rc;
	}
	found = res.nrows == 1;
	if (found && db_get_len(&res, 0, 0) == SECURE_HASH_LEN &&
	    secure_equal(db_get(&res, 0, 0), bh, SECURE_HASH_LEN) &&
	    strcmp(db_get(&res, 0, 1), oidc_name(p)) == 0) {
		ok = 1;
		snprintf(out->b.state, sizeof(out->b.state), "%s", state);
		snprintf(out->b.nonce, sizeof(out->b.nonce), "%s",
		    db_get(&res, 0, 2));
		snprintf(out->b.verifier, sizeof(out->b.verifier), "%s",
		    db_get(&res, 0, 3));
		out->next = pool_strdup(&r->pool, db_get(&res, 0, 4));
		v = db_get(&res, 0, 5);
		if (v != NULL && secure_unseal(r->w->key, SEAL_KEPT,
		    (const unsigned char *)v, db_get_len(&res, 0, 5),
		    &out->kept) != ST_OK)
			out->kept = NULL;	/* the key changed: lost */
		if (db_get_int(&res, 0, 6))
			out->b.fresh_since = db_get_int(&res, 0, 7);
	}
	db_res_release(&res);
	/* a state shown once is spent, whoever shows it */
	if (found && (rc = db_exec(db, STMT_OIDC_LOGIN_DELETE, q, 1,
	    NULL, NULL)) == ST_OK)
		rc = db_commit(db);
	else if (!found)
		rc = db_commit(db);
	if (rc != ST_OK) {
		db_rollback(db);
		ok = 0;
	}
	if (!ok) {
		xfree(out->kept);
		out->kept = NULL;
	}
	if (rc != ST_OK)
		return rc;
	return ok ? ST_OK : ST_E_NOT_FOUND;
}

/* A person from ID-porten: the account of the identity number in pid,
 * its children from the register. */
static st_rc
citizen(struct req *r, const struct oidc_result *res, long long *uid)
{
	const char *pid = jwt_str(res->claims, "pid");
	unsigned char h[SECURE_HASH_LEN];
	char name[201];
	st_rc rc;

	*uid = 0;
	if (pid == NULL || nin_check(pid, NULL) != NIN_OK)
		return ST_E_INVALID;
	secure_hmac(r->w->key, pid, strlen(pid), h);
	if ((rc = folk_table.refresh(&r->w->db, h)) != ST_OK ||
	    (rc = folk_name(&r->w->db, h, name, sizeof(name))) != ST_OK)
		return rc;
	if (name[0] == '\0')
		snprintf(name, sizeof(name), "%s", _("Guardian or youth"));
	if ((rc = idlink_citizen(r, h, name, uid)) != ST_OK)
		return rc;
	return folk_sync(&r->w->db, *uid, h);
}

static st_rc
refused(struct req *r, int status, const char *message)
{
	return login_page(r, status, message, NULL);
}

/* The form kept across the login, parsed; kept (unsealed) is wiped
 * and freed. */
static void
keep_fields(struct fields *keep, char *kept)
{
	fields_init(keep);
	if (kept == NULL)
		return;
	if (urlenc_parse(keep, kept, strlen(kept)) != ST_OK)
		fields_release(keep);
	sodium_memzero(kept, strlen(kept));
	xfree(kept);
}

/* The login taken: trade the code, find the account, start the session
 * and go on (keep: what was kept across the login). */
static st_rc
finish(struct req *r, enum oidc_which p, const char *code,
    const struct pending *pend, const struct fields *keep)
{
	const struct conf *cfg = r->w->cfg;
	struct db *db = &r->w->db;
	struct oidc_result res;
	struct auth_idp idp;
	const char *why = NULL, *sub;
	long long uid = 0, at;
	json_t *t;
	int tries;
	st_rc rc;

	if (code == NULL || *code == '\0' || strlen(code) > 2048)
		return refused(r, 401, _("The login was cancelled or refused. Try again."));
	rc = oidc_exchange(cfg, p, code, &pend->b, &res, &why);
	if (rc == ST_E_UNAVAILABLE)
		return refused(r, 503, _("The login service cannot be reached just now. Try again in a little while."));
	if (rc == ST_E_INVALID) {
		log_warn("oidc: %s: a login refused: %s",
		    oidc_name(p), why != NULL ? why : "?");
		return refused(r, 401, _("The login could not be confirmed. Try again."));
	}
	if (rc != ST_OK)
		return rc;
	memset(&idp, 0, sizeof(idp));
	idp.provider = oidc_name(p);
	idp.sid = jwt_str(res.claims, "sid");
	idp.sub = jwt_str(res.claims, "sub");
	idp.acr = jwt_str(res.claims, "acr");
	idp.id_token = res.id_token;
	idp.refresh_token = res.refresh_token;
	/* when the person proved who they are; not said: long ago, so a
	 * sensitive action asks again */
	t = json_object_get(res.claims, "auth_time");
	at = json_is_integer(t) ? (long long)json_integer_value(t) : 1;
	idp.auth_time = at > 0 && at <= (long long)time(NULL) + JWT_SKEW_S ?
	    at : 1;
	/*
	 * The provider's answer is spent (its code is used once): a
	 * deadlock or a lock given up is met by running the transaction
	 * again here, not the whole request. (Each try sets the session
	 * cookie; the last one, the committed session's, is the one a
	 * browser keeps.)
	 */
	for (tries = 0; tries < 3; tries++) {
		if ((rc = db_begin(db)) != ST_OK)
			break;
		if (p == OIDC_IDPORTEN) {
			rc = citizen(r, &res, &uid);
			why = rc == ST_E_INVALID ? "no valid pid" : "inactive";
		} else {
			sub = jwt_str(res.claims, cfg->staff_subject_claim);
			rc = sub == NULL || strlen(sub) > 255 ? ST_E_INVALID :
			    idlink_staff(r, sub, res.claims, &uid, &why);
			if (rc == ST_E_INVALID)
				why = "no subject";
		}
		if (rc == ST_OK)
			rc = auth_start(r, uid, &idp);
		if (rc == ST_OK)
			rc = db_commit(db);
		if (rc == ST_OK)
			break;
		db_rollback(db);
		if (rc != ST_E_BUSY && rc != ST_E_CONFLICT)
			break;
	}
	oidc_result_release(&res);
	if (rc != ST_OK) {
		if (rc != ST_E_NOT_FOUND && rc != ST_E_INVALID)
			return rc;
		log_info("oidc: %s: no entry: %s", oidc_name(p),
		    why != NULL ? why : "?");
		return refused(r, 403, _("You have no access to Stafett with this login. Ask the municipality's administrator if you should have."));
	}
	return login_continue(r, pend->next, keep, 1);
}

/* ROUTE: GET /login/{provider}/callback */
st_rc
h_oidc_callback(struct req *r)
{
	enum oidc_which p;
	struct pending pend;
	struct fields keep;
	st_rc rc;

	if (!oidc_parse(r->w->cfg, r->arg, &p))
		return resp_not_found(r);
	rc = take_pending(r, p, fields_get(&r->qs, "state"), &pend);
	if (rc == ST_E_NOT_FOUND)
		return refused(r, 401, _("The login could not be finished: it was begun in another browser or too long ago. Try again."));
	if (rc != ST_OK)
		return rc;
	keep_fields(&keep, pend.kept);
	if (resp_cookie_lax(r, OIDC_COOKIE, "", 0) != ST_OK) {
		fields_release(&keep);
		return ST_E_NOMEM;
	}
	rc = finish(r, p, fields_get(&r->qs, "code"), &pend, &keep);
	fields_release(&keep);
	return rc;
}

/* ROUTE: GET /logout/{provider}/frontchannel */
st_rc
h_oidc_frontchannel(struct req *r)
{
	const struct conf *cfg = r->w->cfg;
	const char *iss = fields_get(&r->qs, "iss");
	const char *sid = fields_get(&r->qs, "sid");
	enum oidc_which p;
	struct db_val v[2];
	st_rc rc;

	if (!oidc_parse(cfg, r->arg, &p))
		return resp_not_found(r);
	/* OpenID Connect Front-Channel Logout 1.0: iss and sid name it */
	if (iss == NULL || sid == NULL || *sid == '\0' || strlen(sid) > 255 ||
	    strcmp(iss, oidc_issuer(cfg, p)) != 0)
		return resp_text(r, 400, "text/plain; charset=utf-8",
		    "iss and sid are needed\n");
	v[0] = DV_STR(oidc_name(p));
	v[1] = DV_STR(sid);
	if ((rc = db_begin(&r->w->db)) != ST_OK)
		return rc;
	if ((rc = db_exec(&r->w->db, STMT_SESSION_DELETE_SID, v, 2, NULL,
	    NULL)) != ST_OK || (rc = db_commit(&r->w->db)) != ST_OK) {
		db_rollback(&r->w->db);
		return rc;
	}
	return resp_text(r, 200, "text/plain; charset=utf-8", "logged out\n");
}

/* ROUTE: POST /logout/{provider}/backchannel */
st_rc
h_oidc_backchannel(struct req *r)
{
	const struct conf *cfg = r->w->cfg;
	const char *token = fields_get(&r->form, "logout_token"), *why = NULL;
	const char *sid, *sub;
	enum oidc_which p;
	json_t *claims = NULL;
	struct db_val v[2];
	st_rc rc;

	if (!oidc_parse(cfg, r->arg, &p))
		return resp_not_found(r);
	if ((rc = resp_header(r, "Cache-Control", "no-store")) != ST_OK)
		return rc;
	if (token == NULL)
		return resp_text(r, 400, "application/json",
		    "{\"error\":\"invalid_request\"}");
	rc = oidc_logout_token(cfg, p, token, &claims, &why);
	if (rc == ST_E_INVALID) {
		log_warn("oidc: %s: a logout token refused: %s",
		    oidc_name(p), why != NULL ? why : "?");
		return resp_text(r, 400, "application/json",
		    "{\"error\":\"invalid_request\"}");
	}
	if (rc == ST_E_UNAVAILABLE)
		return resp_text(r, 503, "application/json",
		    "{\"error\":\"temporarily_unavailable\"}");
	if (rc != ST_OK)
		return rc;
	sid = jwt_str(claims, "sid");
	sub = jwt_str(claims, "sub");
	v[0] = DV_STR(oidc_name(p));
	v[1] = DV_STR(sid != NULL ? sid : sub);
	rc = db_exec(&r->w->db, sid != NULL ? STMT_SESSION_DELETE_SID :
	    STMT_SESSION_DELETE_SUB, v, 2, NULL, NULL);
	json_decref(claims);
	if (rc != ST_OK)
		return rc;
	return resp_text(r, 200, "application/json", "{}");
}
