/* auth.c: sessions, bearer tokens and login (see auth.h). */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <sodium.h>

#include "auth.h"
#include "buf.h"
#include "db.h"
#include "idlink.h"
#include "log.h"
#include "mem.h"
#include "oidc.h"
#include "password.h"
#include "route.h"
#include "secretfile.h"
#include "secure.h"
#include "worker.h"

/* Principal columns, in the order stmt.c's PRINCIPAL_COLS lists them. */
enum { PC_ID, PC_PUBLIC_ID, PC_USERNAME, PC_NAME, PC_ROLE, PC_UNIT,
	PC_LANG, PC_UNIT_NAME, PC_UNIT_KIND, PC_MUNICIPALITY, PC_SERVES,
	PC__COUNT };

/*
 * Verifying a password for a name that does not exist runs against this
 * hash of a random password, made once per process, so that it takes as
 * long as for a real user and the timing does not tell which names exist.
 */
static const char *
dummy_hash(void)
{
	static char hash[PASSWORD_HASH_SIZE];
	char pw[SECURE_TOKEN_SIZE];

	if (hash[0] == '\0') {
		secure_token(pw);
		if (password_hash(pw, hash) != ST_OK)
			hash[0] = '\0';
	}
	return hash;
}

static void
fill(struct req *r, const struct db_res *res)
{
	const char *pid = db_get(res, 0, PC_PUBLIC_ID);

	r->who.user_id = db_get_int(res, 0, PC_ID);
	snprintf(r->who.public_id, sizeof(r->who.public_id), "%s",
	    pid != NULL ? pid : "");
	r->who.username = pool_strdup(&r->pool, db_get(res, 0, PC_USERNAME));
	r->who.display_name = pool_strdup(&r->pool, db_get(res, 0, PC_NAME));
	r->who.role = role_parse(db_get(res, 0, PC_ROLE));
	r->who.unit_id = db_get_int(res, 0, PC_UNIT);
	r->who.lang = pool_strdup(&r->pool, db_get(res, 0, PC_LANG));
	r->who.unit_name = pool_strdup(&r->pool, db_get(res, 0, PC_UNIT_NAME));
	r->who.unit_kind = pool_strdup(&r->pool, db_get(res, 0, PC_UNIT_KIND));
	r->who.municipality_id = db_get_int(res, 0, PC_MUNICIPALITY);
	principal_set_serves(&r->who, db_get(res, 0, PC_SERVES));
}

/* r->who from a statement that gives a principal's columns (one row);
 * ST_E_NOT_FOUND without one. */
static st_rc
read_principal(struct req *r, enum stmt_id id, const struct db_val *p,
    size_t n)
{
	struct db_res res;
	st_rc rc;

	if ((rc = db_query(&r->w->db, id, p, n, 1, &res)) != ST_OK)
		return rc;
	if (res.nrows == 0) {
		db_res_release(&res);
		return ST_E_NOT_FOUND;
	}
	fill(r, &res);
	db_res_release(&res);
	return ST_OK;
}

/* The new session's cookie is sent and the request is in it. */
static st_rc
session_begun(struct req *r, const char *token,
    const unsigned char tok_h[SECURE_HASH_LEN], const char *csrf)
{
	st_rc rc;

	if ((rc = resp_cookie(r, SESSION_COOKIE, token, -1)) != ST_OK)
		return rc;
	memcpy(r->session_hash, tok_h, SECURE_HASH_LEN);
	snprintf(r->csrf, sizeof(r->csrf), "%s", csrf);
	r->auth = AUTH_SESSION;
	return ST_OK;
}

/*
 * The session came from a provider, and the provider was last asked a
 * while ago: ask it again with the refresh token it gave. One request
 * of the session asks (it takes the check first; the others go on), as
 * a refresh token may be good for one use. A new ID token it sends
 * goes through the staff mapping again: mapped to nothing now, out.
 * Without a refresh token (the staff provider gave none), or when the
 * provider says no or cannot answer, the session ends here and the
 * person logs in again: an account removed at the provider is out at
 * its next request after oidc_recheck_min. ID-porten gives no refresh
 * token to a login; its sessions end by its front-channel logout and
 * stafett's own timeouts.
 */
static st_rc
recheck(struct req *r, const char *prov, const char *box, size_t boxlen)
{
	const struct conf *cfg = r->w->cfg;
	enum oidc_which which;
	char *refresh = NULL, *fresh = NULL;
	unsigned char *sealed = NULL;
	size_t sealedlen = 0;
	unsigned long long n = 0;
	json_t *claims = NULL;
	struct db_val p[2];
	st_rc rc;

	p[0] = DV_BLOB(r->session_hash, SECURE_HASH_LEN);
	p[1] = DV_INT((long long)cfg->oidc_recheck_min * 60);
	if ((rc = db_exec(&r->w->db, STMT_SESSION_CLAIM_CHECK, p, 2, &n,
	    NULL)) != ST_OK)
		return rc;
	if (n == 0)
		return ST_OK;	/* another request of the session asks */
	if (!oidc_parse(cfg, prov, &which))
		rc = ST_E_NOT_FOUND;	/* the provider was turned off */
	else if (box == NULL)
		rc = which == OIDC_IDPORTEN ? ST_OK : ST_E_NOT_FOUND;
	else if ((rc = secure_unseal(r->w->key, SEAL_REFRESH,
	    (const unsigned char *)box, boxlen, &refresh)) == ST_OK) {
		rc = oidc_refresh(cfg, which, refresh, &fresh, &claims);
		if (rc == ST_OK && claims != NULL && which == OIDC_STAFF)
			rc = idlink_staff_again(r, claims);
		if (rc == ST_OK && fresh != NULL)
			rc = secure_seal(r->w->key, SEAL_REFRESH, fresh,
			    strlen(fresh), &sealed, &sealedlen);
		if (rc != ST_OK)
			log_info("session: the %s provider no longer backs a "
			    "session; it ends", prov);
	}
	json_decref(claims);
	if (refresh != NULL)
		sodium_memzero(refresh, strlen(refresh));
	xfree(refresh);
	if (fresh != NULL)
		sodium_memzero(fresh, strlen(fresh));
	xfree(fresh);
	if (rc == ST_OK && sealed != NULL) {
		p[0] = DV_BLOB(sealed, sealedlen);
		p[1] = DV_BLOB(r->session_hash, SECURE_HASH_LEN);
		rc = db_exec(&r->w->db, STMT_SESSION_CHECKED, p, 2, NULL, NULL);
	}
	xfree(sealed);
	if (rc == ST_OK || rc == ST_E_NOMEM || rc == ST_E_DB ||
	    rc == ST_E_DB_GONE || rc == ST_E_BUSY)
		return rc;
	p[0] = DV_BLOB(r->session_hash, SECURE_HASH_LEN);
	if ((rc = db_exec(&r->w->db, STMT_SESSION_END, p, 1, NULL, NULL)) !=
	    ST_OK)
		return rc;
	return ST_E_NOT_FOUND;
}

st_rc
auth_session(struct req *r)
{
	const char *cookie = req_cookie(r, SESSION_COOKIE), *csrf, *prov, *acr;
	const struct conf *cfg = r->w->cfg;
	struct db_val p[3];
	struct db_res res;
	st_rc rc;

	if (cookie == NULL || strlen(cookie) != SECURE_TOKEN_LEN)
		return ST_E_NOT_FOUND;
	secure_hash(cookie, SECURE_TOKEN_LEN, r->session_hash);
	p[0] = DV_BLOB(r->session_hash, SECURE_HASH_LEN);
	p[1] = DV_INT(cfg->session_idle_min);
	p[2] = DV_INT(cfg->session_absolute_min);
	if ((rc = db_query(&r->w->db, STMT_SESSION_GET, p, 3, 1, &res)) !=
	    ST_OK)
		return rc;
	if (res.nrows == 0) {
		db_res_release(&res);
		return ST_E_NOT_FOUND;
	}
	fill(r, &res);
	csrf = db_get(&res, 0, PC__COUNT);
	snprintf(r->csrf, sizeof(r->csrf), "%s", csrf != NULL ? csrf : "");
	prov = db_get(&res, 0, PC__COUNT + 2);
	r->auth_provider = prov != NULL ? pool_strdup(&r->pool, prov) : NULL;
	r->auth_age_s = db_get_int(&res, 0, PC__COUNT + 3);
	acr = db_get(&res, 0, PC__COUNT + 4);
	r->auth_acr = acr != NULL ? pool_strdup(&r->pool, acr) : NULL;
	/* A provider's session is checked with the provider again. */
	if (prov != NULL && db_get_int(&res, 0, PC__COUNT + 5) >=
	    (long long)cfg->oidc_recheck_min * 60)
		rc = recheck(r, prov, db_get(&res, 0, PC__COUNT + 6),
		    db_get_len(&res, 0, PC__COUNT + 6));
	/* Refresh the idle clock at most once a minute: fewer writes. */
	else if (db_get_int(&res, 0, PC__COUNT + 1) >= 60)
		rc = db_exec(&r->w->db, STMT_SESSION_TOUCH, p, 1, NULL, NULL);
	db_res_release(&res);
	if (rc != ST_OK) {
		memset(&r->who, 0, sizeof(r->who));
		r->csrf[0] = '\0';
		return rc;
	}
	r->auth = AUTH_SESSION;
	return ST_OK;
}

static long long
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

#define COPY(dst, src) snprintf((dst), sizeof(dst), "%s", \
	(src) != NULL ? (src) : "")

/* The epoch of the token caches: the shared count of deactivated
 * accounts (0 without shared metrics, as in the unit tests). */
static unsigned long long
epoch(const struct worker *w)
{
	return w->metrics != NULL ?
	    metrics_read(&w->metrics->accounts_deactivated) : 0;
}

static int
cache_get(struct req *r, const unsigned char *hash)
{
	struct auth_cache *c = r->w->auth_cache;
	unsigned long long now_epoch;
	long long t;
	size_t i;

	if (c == NULL || r->w->cfg->token_cache_ms == 0)
		return 0;
	t = now_ms();
	now_epoch = epoch(r->w);
	for (i = 0; i < AUTH_CACHE_SIZE; i++) {
		struct auth_cache_entry *e = &c->v[i];

		if (e->expires_ms <= t || e->epoch != now_epoch ||
		    !secure_equal(e->hash, hash, SECURE_HASH_LEN))
			continue;
		r->who.user_id = e->user_id;
		memcpy(r->who.public_id, e->public_id, sizeof(e->public_id));
		r->who.username = pool_strdup(&r->pool, e->username);
		r->who.display_name = pool_strdup(&r->pool, e->display_name);
		r->who.role = e->role;
		r->who.unit_id = e->unit_id;
		r->who.unit_name = e->unit_name[0] != '\0' ?
		    pool_strdup(&r->pool, e->unit_name) : NULL;
		r->who.unit_kind = pool_strdup(&r->pool, e->unit_kind);
		r->who.lang = pool_strdup(&r->pool, e->lang);
		r->who.municipality_id = e->municipality_id;
		memcpy(r->who.serves, e->serves, sizeof(e->serves));
		r->who.nserves = e->nserves;
		return 1;
	}
	return 0;
}

/* read_epoch: the epoch as it was before the token was looked up, so
 * that a deactivation committed meanwhile makes the entry stale. */
static void
cache_put(struct req *r, const unsigned char *hash,
    unsigned long long read_epoch)
{
	struct auth_cache *c = r->w->auth_cache;
	struct auth_cache_entry *e;

	if (c == NULL || r->w->cfg->token_cache_ms == 0)
		return;
	e = &c->v[c->next++ % AUTH_CACHE_SIZE];
	memcpy(e->hash, hash, SECURE_HASH_LEN);
	e->expires_ms = now_ms() + r->w->cfg->token_cache_ms;
	e->epoch = read_epoch;
	e->user_id = r->who.user_id;
	e->unit_id = r->who.unit_id;
	e->role = r->who.role;
	e->municipality_id = r->who.municipality_id;
	memcpy(e->serves, r->who.serves, sizeof(e->serves));
	e->nserves = r->who.nserves;
	COPY(e->public_id, r->who.public_id);
	COPY(e->username, r->who.username);
	COPY(e->display_name, r->who.display_name);
	COPY(e->unit_name, r->who.unit_name);
	COPY(e->unit_kind, r->who.unit_kind);
	COPY(e->lang, r->who.lang);
}

/*
 * The hash of the token in "Authorization: Bearer TOKEN", the only form
 * of a token ever stored; 0 when there is no well-formed one. A token
 * has 256 random bits, so looking its hash up tells nothing by timing.
 */
static int
bearer_hash(const struct req *r, unsigned char hash[SECURE_HASH_LEN])
{
	const char *h = r->authorization, *tok;

	if (h == NULL || strncasecmp(h, "Bearer ", 7) != 0)
		return 0;
	tok = h + 7;
	while (*tok == ' ')
		tok++;
	if (strlen(tok) != SECURE_TOKEN_LEN)
		return 0;
	secure_hash(tok, SECURE_TOKEN_LEN, hash);
	return 1;
}

st_rc
auth_bearer(struct req *r)
{
	unsigned char hash[SECURE_HASH_LEN];
	unsigned long long read_epoch;
	struct db_val p[1];
	st_rc rc;

	if (!bearer_hash(r, hash))
		return ST_E_NOT_FOUND;
	if (cache_get(r, hash)) {
		r->auth = AUTH_TOKEN;
		return ST_OK;
	}
	read_epoch = epoch(r->w);
	p[0] = DV_BLOB(hash, sizeof(hash));
	if ((rc = read_principal(r, STMT_TOKEN_GET, p, 1)) != ST_OK)
		return rc;
	cache_put(r, hash, read_epoch);
	r->auth = AUTH_TOKEN;
	return ST_OK;
}

/* The longest inbound key read (as notify's keys). */
#define INBOUND_KEY_MAX	4096

/*
 * Does r->signature ("sha256=" and 64 hex digits) sign r->body under the
 * inbound key of the partner? The comparison takes the same time
 * whatever the bytes.
 */
static int
signed_by(struct req *r, const char *partner)
{
	unsigned char key[INBOUND_KEY_MAX], want[crypto_auth_hmacsha256_BYTES];
	unsigned char got[crypto_auth_hmacsha256_BYTES];
	crypto_auth_hmacsha256_state st;
	const char *sig = r->signature, *end = NULL;
	size_t keylen = 0, binlen = 0;
	int ok;

	if (sig == NULL || strncmp(sig, "sha256=", 7) != 0 ||
	    strlen(sig + 7) != 2 * sizeof(got) ||
	    sodium_hex2bin(got, sizeof(got), sig + 7, 2 * sizeof(got), NULL,
	    &binlen, &end) != 0 || binlen != sizeof(got) || *end != '\0')
		return 0;
	if (partner_secret_read(r->w->cfg->partner_inbound_dir, partner,
	    PARTNER_INBOUND, (char *)key, sizeof(key), &keylen) != ST_OK ||
	    keylen == 0) {
		/* ours to fix, not the partner's: say so in the log */
		log_warn("auth: no readable inbound key for partner '%s'",
		    partner);
		return 0;
	}
	crypto_auth_hmacsha256_init(&st, key, keylen);
	crypto_auth_hmacsha256_update(&st, (const unsigned char *)r->body.data,
	    (unsigned long long)r->body.len);
	crypto_auth_hmacsha256_final(&st, want);
	sodium_memzero(key, sizeof(key));
	ok = sodium_memcmp(want, got, sizeof(want)) == 0;
	sodium_memzero(want, sizeof(want));
	return ok;
}

st_rc
auth_partner(struct req *r, int *token_ok)
{
	unsigned char hash[SECURE_HASH_LEN];
	struct db_val p[1];
	struct db_res res;
	st_rc rc;

	*token_ok = 0;
	if (!bearer_hash(r, hash))
		return ST_E_NOT_FOUND;
	p[0] = DV_BLOB(hash, sizeof(hash));
	if ((rc = db_query(&r->w->db, STMT_PARTNER_BY_TOKEN, p, 1, 1, &res)) !=
	    ST_OK)
		return rc;
	if (res.nrows == 0) {
		db_res_release(&res);
		return ST_E_NOT_FOUND;
	}
	*token_ok = 1;
	if (!signed_by(r, db_get(&res, 0, 1))) {
		db_res_release(&res);
		return ST_E_NOT_FOUND;
	}
	r->partner.id = db_get_int(&res, 0, 0);
	snprintf(r->partner.public_id, sizeof(r->partner.public_id), "%s",
	    db_get(&res, 0, 1));
	r->partner.name = pool_strdup(&r->pool, db_get(&res, 0, 2));
	db_res_release(&res);
	r->auth = AUTH_PARTNER;
	return ST_OK;
}

void
auth_revoke_later(struct req *r)
{
	r->revoked = 1;
}

void
auth_revoked(struct worker *w)
{
	if (w->metrics != NULL)
		metrics_add(&w->metrics->accounts_deactivated, 1);
	/* without shared metrics (one process), forget what this one
	 * trusts */
	else if (w->auth_cache != NULL)
		memset(w->auth_cache, 0, sizeof(*w->auth_cache));
}

int
auth_valid_username(const char *s)
{
	size_t i, n = strlen(s);

	if (n == 0 || n > 64)
		return 0;
	for (i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= '0' && s[i] <= '9') || s[i] == '.' ||
		    s[i] == '_' || s[i] == '-'))
			return 0;
	return 1;
}

static void
keyed(struct req *r, const char *kind, const char *value,
    unsigned char out[SECURE_HASH_LEN])
{
	struct buf b = BUF_INIT(512);

	if (buf_addf(&b, "%s:%s", kind, value) != ST_OK)
		buf_reset(&b);
	secure_hmac(r->w->key, b.data, b.len, out);
	buf_release(&b);
}

static st_rc
failures(struct req *r, const unsigned char *hash, long long *n)
{
	struct db_val p[2];
	struct db_res res;
	st_rc rc;

	p[0] = DV_BLOB(hash, SECURE_HASH_LEN);
	p[1] = DV_INT(r->w->cfg->login_window_min);
	if ((rc = db_query(&r->w->db, STMT_LOGIN_FAILURES, p, 2, 1, &res)) !=
	    ST_OK)
		return rc;
	*n = db_get_int(&res, 0, 0);
	db_res_release(&res);
	return ST_OK;
}

/*
 * A device that has logged in as a user carries a cookie saying so:
 * a random id and an HMAC under the server key of the user name and the
 * id, so it needs no storage and cannot be made for another name.
 */
#define DEVICE_ID_LEN	32	/* hex digits */
#define DEVICE_MAX_AGE	(365L * 24 * 3600)

static void
device_mac(struct req *r, const char *username, const char *id,
    char hex[2 * SECURE_HASH_LEN + 1])
{
	struct buf b = BUF_INIT(512);
	unsigned char mac[SECURE_HASH_LEN];

	if (buf_addf(&b, "device:%s:%s", username, id) != ST_OK)
		buf_reset(&b);
	secure_hmac(r->w->key, b.data, b.len, mac);
	sodium_bin2hex(hex, 2 * SECURE_HASH_LEN + 1, mac, sizeof(mac));
	buf_release(&b);
}

/* Has this browser logged in as username before? */
static int
known_device(struct req *r, const char *username)
{
	const char *c = req_cookie(r, DEVICE_COOKIE);
	char id[DEVICE_ID_LEN + 1], want[2 * SECURE_HASH_LEN + 1];

	if (c == NULL || strlen(c) != DEVICE_ID_LEN + 1 + 2 *
	    SECURE_HASH_LEN || c[DEVICE_ID_LEN] != '.')
		return 0;
	memcpy(id, c, DEVICE_ID_LEN);
	id[DEVICE_ID_LEN] = '\0';
	device_mac(r, username, id, want);
	return sodium_memcmp(want, c + DEVICE_ID_LEN + 1,
	    2 * SECURE_HASH_LEN) == 0;
}

static st_rc
device_remember(struct req *r, const char *username)
{
	char id[DEVICE_ID_LEN + 1], mac[2 * SECURE_HASH_LEN + 1];
	char value[DEVICE_ID_LEN + 2 + 2 * SECURE_HASH_LEN];

	secure_random_hex(id, sizeof(id));
	device_mac(r, username, id, mac);
	snprintf(value, sizeof(value), "%s.%s", id, mac);
	return resp_cookie(r, DEVICE_COOKIE, value, DEVICE_MAX_AGE);
}

/*
 * Throttling without lockout (issue 15). Failures are counted in the
 * window per (user name, address) pair, per user name and per address.
 * A pair that fails login_max_failures times is refused: whoever tries
 * a name from one place is slowed to a handful of guesses. The name's
 * and the address's counts, which a stranger elsewhere or a neighbour
 * behind the same NAT can drive up, refuse only browsers that have
 * never logged in as that user: the real user on their own device is
 * never locked out by somebody else, and a password guesser with many
 * addresses still meets the name's limit.
 */
static st_rc
throttled(struct req *r, const char *username, const unsigned char *name_h,
    const unsigned char *addr_h, const unsigned char *pair_h, int *limited)
{
	const struct conf *cfg = r->w->cfg;
	long long nf_pair = 0, nf_name = 0, nf_addr = 0;
	st_rc rc;

	*limited = 0;
	if ((rc = failures(r, pair_h, &nf_pair)) != ST_OK)
		return rc;
	if (nf_pair >= (long long)cfg->login_max_failures) {
		*limited = 1;
		return ST_OK;
	}
	if (known_device(r, username))
		return ST_OK;
	if ((rc = failures(r, name_h, &nf_name)) != ST_OK ||
	    (rc = failures(r, addr_h, &nf_addr)) != ST_OK)
		return rc;
	*limited = nf_name >= (long long)cfg->login_max_failures_name ||
	    nf_addr >= (long long)cfg->login_max_failures_addr;
	return ST_OK;
}

st_rc
auth_login(struct req *r, const char *username, const char *password,
    enum login_result *result)
{
	struct db *db = &r->w->db;
	unsigned char name_h[SECURE_HASH_LEN], addr_h[SECURE_HASH_LEN];
	unsigned char pair_h[SECURE_HASH_LEN], tok_h[SECURE_HASH_LEN];
	char token[SECURE_TOKEN_SIZE], csrf[SECURE_TOKEN_SIZE];
	const char *addr = r->remote_addr != NULL ? r->remote_addr : "";
	const char *stored = NULL;
	struct db_val p[3];
	struct db_res res;
	struct buf pair = BUF_INIT(512);
	int known, limited;
	st_rc rc;

	*result = LOGIN_BAD;
	memset(&res, 0, sizeof(res));
	keyed(r, "name", username, name_h);
	keyed(r, "addr", addr, addr_h);
	if (buf_addf(&pair, "%s|%s", username, addr) != ST_OK)
		buf_reset(&pair);
	keyed(r, "pair", pair.data, pair_h);
	buf_release(&pair);
	if ((rc = throttled(r, username, name_h, addr_h, pair_h, &limited)) !=
	    ST_OK)
		return rc;
	if (limited) {
		*result = LOGIN_LIMITED;
		return ST_OK;
	}
	if (auth_valid_username(username)) {
		p[0] = DV_STR(username);
		if ((rc = db_query(db, STMT_USER_BY_NAME, p, 1, 1, &res)) !=
		    ST_OK)
			return rc;
		stored = db_get(&res, 0, PC__COUNT);
	}
	known = stored != NULL;
	if (password_verify(known ? stored : dummy_hash(), password) != ST_OK ||
	    !known) {
		db_res_release(&res);
		if ((rc = db_begin(db)) != ST_OK)
			return rc;
		p[0] = DV_BLOB(name_h, SECURE_HASH_LEN);
		rc = db_exec(db, STMT_LOGIN_FAILURE_ADD, p, 1, NULL, NULL);
		p[0] = DV_BLOB(addr_h, SECURE_HASH_LEN);
		if (rc == ST_OK)
			rc = db_exec(db, STMT_LOGIN_FAILURE_ADD, p, 1, NULL,
			    NULL);
		p[0] = DV_BLOB(pair_h, SECURE_HASH_LEN);
		if (rc == ST_OK)
			rc = db_exec(db, STMT_LOGIN_FAILURE_ADD, p, 1, NULL,
			    NULL);
		if (rc == ST_OK)
			rc = db_commit(db);
		if (rc != ST_OK)
			db_rollback(db);
		return rc;
	}
	fill(r, &res);
	db_res_release(&res);
	secure_token(token);
	secure_token(csrf);
	secure_hash(token, SECURE_TOKEN_LEN, tok_h);
	if ((rc = db_begin(db)) != ST_OK)
		return rc;
	p[0] = DV_BLOB(pair_h, SECURE_HASH_LEN);
	rc = db_exec(db, STMT_LOGIN_FAILURE_CLEAR, p, 1, NULL, NULL);
	p[0] = DV_BLOB(tok_h, SECURE_HASH_LEN);
	p[1] = DV_INT(r->who.user_id);
	p[2] = DV_STR(csrf);
	if (rc == ST_OK)
		rc = db_exec(db, STMT_SESSION_CREATE, p, 3, NULL, NULL);
	if (rc == ST_OK)
		rc = db_commit(db);
	if (rc != ST_OK) {
		db_rollback(db);
		return rc;
	}
	if ((rc = session_begun(r, token, tok_h, csrf)) != ST_OK ||
	    (rc = device_remember(r, username)) != ST_OK)
		return rc;
	r->auth_age_s = 0;
	*result = LOGIN_OK;
	return ST_OK;
}

st_rc
auth_start(struct req *r, long long user_id, const struct auth_idp *idp)
{
	struct db *db = &r->w->db;
	char token[SECURE_TOKEN_SIZE], csrf[SECURE_TOKEN_SIZE];
	unsigned char tok_h[SECURE_HASH_LEN], *idt = NULL, *rft = NULL;
	size_t idtlen = 0, rftlen = 0;
	struct db_val p[10];
	st_rc rc;

	p[0] = DV_INT(user_id);
	if ((rc = read_principal(r, STMT_USER_BY_ID, p, 1)) != ST_OK)
		return rc;
	secure_token(token);
	secure_token(csrf);
	secure_hash(token, SECURE_TOKEN_LEN, tok_h);
	if ((rc = secure_seal(r->w->key, SEAL_IDTOKEN, idp->id_token,
	    strlen(idp->id_token), &idt, &idtlen)) == ST_OK &&
	    idp->refresh_token != NULL && strlen(idp->refresh_token) <= 8192)
		rc = secure_seal(r->w->key, SEAL_REFRESH, idp->refresh_token,
		    strlen(idp->refresh_token), &rft, &rftlen);
	p[0] = DV_BLOB(tok_h, SECURE_HASH_LEN);
	p[1] = DV_INT(r->who.user_id);
	p[2] = DV_STR(csrf);
	p[3] = DV_INT(idp->auth_time);
	p[4] = DV_STR(idp->provider);
	p[5] = DV_OPT(idp->sid);
	p[6] = DV_OPT(idp->sub);
	p[7] = DV_OPT(idp->acr);
	p[8] = DV_BLOB(idt, idtlen);
	p[9] = rft != NULL ? DV_BLOB(rft, rftlen) : DV_NULL;
	if (rc == ST_OK)
		rc = db_exec(db, STMT_SESSION_CREATE_IDP, p, 10, NULL, NULL);
	xfree(idt);
	xfree(rft);
	if (rc != ST_OK || (rc = session_begun(r, token, tok_h, csrf)) != ST_OK)
		return rc;
	r->auth_provider = idp->provider;
	r->auth_age_s = (long long)time(NULL) - idp->auth_time;
	r->auth_acr = idp->acr != NULL ? pool_strdup(&r->pool, idp->acr) :
	    NULL;
	return ST_OK;
}

int
auth_fresh(const struct req *r)
{
	const struct conf *cfg = r->w->cfg;

	if (r->auth_age_s > (long long)cfg->reauth_max_min * 60)
		return 0;
	if (r->auth_provider != NULL &&
	    strcmp(r->auth_provider, "idporten") == 0 &&
	    strcmp(cfg->idporten_acr, "idporten-loa-high") == 0)
		return r->auth_acr != NULL &&
		    strcmp(r->auth_acr, "idporten-loa-high") == 0;
	return 1;
}

st_rc
auth_logout(struct req *r)
{
	struct db_val p[1];
	st_rc rc;

	p[0] = DV_BLOB(r->session_hash, SECURE_HASH_LEN);
	if ((rc = db_exec(&r->w->db, STMT_SESSION_DELETE, p, 1, NULL, NULL)) !=
	    ST_OK)
		return rc;
	memset(&r->who, 0, sizeof(r->who));
	r->csrf[0] = '\0';
	r->auth = AUTH_NONE;
	/* a confirmation still waiting is the last person's, not the next */
	if ((rc = resp_cookie(r, DONE_COOKIE, "", 0)) != ST_OK)
		return rc;
	return resp_cookie(r, SESSION_COOKIE, "", 0);
}
