/* oidc.c: the relying party: discovery, keys, code and tokens (oidc.h). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <curl/curl.h>
#include <sodium.h>

#include "buf.h"
#include "jwt.h"
#include "log.h"
#include "mem.h"
#include "oidc.h"
#include "secretfile.h"
#include "secure.h"
#include "urlenc.h"

#define META_TTL_S	3600	/* discovery and keys kept this long */
#define KEYS_RETRY_S	10	/* an unknown kid fetches keys this often */
#define FETCH_MAX	(256 * 1024)
#define CONNECT_S	5
#define TOTAL_S		10

struct provider {
	char		*issuer;	/* as configured, for the cache's key */
	char		*authz, *token, *jwks_uri, *end_session;
	json_t		*keys;
	long long	 meta_at, keys_at;
};

static struct provider cache[OIDC__COUNT];

static const char *const names[OIDC__COUNT] = { "idporten", "staff" };

const char *
oidc_name(enum oidc_which p)
{
	return names[p];
}

const char *
oidc_issuer(const struct conf *cfg, enum oidc_which p)
{
	return p == OIDC_IDPORTEN ? cfg->idporten_issuer : cfg->staff_issuer;
}

static const char *
client_id(const struct conf *cfg, enum oidc_which p)
{
	return p == OIDC_IDPORTEN ? cfg->idporten_client_id :
	    cfg->staff_client_id;
}

static const char *
key_file(const struct conf *cfg, enum oidc_which p)
{
	return p == OIDC_IDPORTEN ? cfg->idporten_client_key_file :
	    cfg->staff_client_key_file;
}

int
oidc_enabled(const struct conf *cfg, enum oidc_which p)
{
	const char *iss = oidc_issuer(cfg, p);

	return iss != NULL && *iss != '\0';
}

int
oidc_parse(const struct conf *cfg, const char *name, enum oidc_which *out)
{
	int i;

	for (i = 0; i < OIDC__COUNT; i++)
		if (name != NULL && strcmp(name, names[i]) == 0 &&
		    oidc_enabled(cfg, (enum oidc_which)i)) {
			*out = (enum oidc_which)i;
			return 1;
		}
	return 0;
}

/* http://127.0.0.1, http://[::1] or http://localhost, with a port. */
static int
loopback(const char *url)
{
	static const char *const hosts[] = { "http://127.0.0.1",
		"http://[::1]", "http://localhost" };
	size_t i, n;

	for (i = 0; i < sizeof(hosts) / sizeof(hosts[0]); i++) {
		n = strlen(hosts[i]);
		if (strncmp(url, hosts[i], n) == 0 &&
		    (url[n] == ':' || url[n] == '/' || url[n] == '\0'))
			return 1;
	}
	return 0;
}

/* May stafett talk to this address of the provider's? */
static int
url_ok(const char *issuer, const char *url)
{
	if (url == NULL)
		return 0;
	if (strncmp(url, "https://", 8) == 0)
		return 1;
	return loopback(issuer) && loopback(url);
}

st_rc
oidc_conf_check(const struct conf *cfg, char *err, size_t errlen)
{
	int i;

	for (i = 0; i < OIDC__COUNT; i++) {
		enum oidc_which p = (enum oidc_which)i;
		const char *iss = oidc_issuer(cfg, p);

		if (!oidc_enabled(cfg, p))
			continue;
		if (!url_ok(iss, iss)) {
			snprintf(err, errlen, "%s_issuer must be an https "
			    "address", names[i]);
			return ST_E_CONFIG;
		}
		if (*client_id(cfg, p) == '\0') {
			snprintf(err, errlen, "%s_issuer needs %s_client_id",
			    names[i], names[i]);
			return ST_E_CONFIG;
		}
		if (*key_file(cfg, p) == '\0' && (p == OIDC_IDPORTEN ||
		    *cfg->staff_client_secret_file == '\0')) {
			snprintf(err, errlen, "%s_issuer needs %s", names[i],
			    p == OIDC_IDPORTEN ? "idporten_client_key_file" :
			    "staff_client_key_file or "
			    "staff_client_secret_file");
			return ST_E_CONFIG;
		}
		if (*cfg->public_url == '\0') {
			snprintf(err, errlen, "%s_issuer needs public_url (the "
			    "address the provider sends people back to)",
			    names[i]);
			return ST_E_CONFIG;
		}
	}
	return ST_OK;
}

static long long
now_s(void)
{
	return (long long)time(NULL);
}

static void
b64url(const unsigned char *p, size_t n, char *out, size_t outsize)
{
	sodium_bin2base64(out, outsize, p, n,
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

void
oidc_begin(struct oidc_begin *b)
{
	b->fresh_since = 0;
	secure_token(b->state);
	secure_token(b->nonce);
	secure_token(b->verifier);
}

/* ------------------------------------------------------------ HTTP */

static size_t
take(char *p, size_t size, size_t n, void *arg)
{
	struct buf *b = arg;

	if (buf_add(b, p, size * n) != ST_OK)
		return 0;	/* over the cap: curl stops */
	return size * n;
}

/*
 * GET url, or POST form (urlencoded) to it with basic credentials when
 * given. ST_OK with the body in out and *status; ST_E_UNAVAILABLE when
 * the provider could not be reached or answered too much.
 */
static st_rc
fetch(const struct conf *cfg, const char *issuer, const char *url,
    const char *form, const char *basic_user, const char *basic_pw,
    struct buf *out, long *status)
{
	CURL *c;
	CURLcode cc;
	struct curl_slist *h = NULL;

	*status = 0;
	if (!url_ok(issuer, url))
		return ST_E_INVALID;
	if ((c = curl_easy_init()) == NULL)
		return ST_E_NOMEM;
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR,
	    loopback(issuer) ? "http,https" : "https");
	curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, (long)CONNECT_S);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, (long)TOTAL_S);
	curl_easy_setopt(c, CURLOPT_MAXFILESIZE, (long)FETCH_MAX);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, take);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, out);
	curl_easy_setopt(c, CURLOPT_USERAGENT, "stafett/" PACKAGE_VERSION);
	if (*cfg->oidc_ca_file != '\0')
		curl_easy_setopt(c, CURLOPT_CAINFO, cfg->oidc_ca_file);
	h = curl_slist_append(h, "Accept: application/json");
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
	if (form != NULL) {
		curl_easy_setopt(c, CURLOPT_POSTFIELDS, form);
		if (basic_user != NULL) {
			curl_easy_setopt(c, CURLOPT_HTTPAUTH,
			    (long)CURLAUTH_BASIC);
			curl_easy_setopt(c, CURLOPT_USERNAME, basic_user);
			curl_easy_setopt(c, CURLOPT_PASSWORD, basic_pw);
		}
	}
	cc = curl_easy_perform(c);
	if (cc == CURLE_OK)
		curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, status);
	curl_slist_free_all(h);
	curl_easy_cleanup(c);
	if (cc != CURLE_OK) {
		log_warn("oidc: %s: %s", url, curl_easy_strerror(cc));
		return ST_E_UNAVAILABLE;
	}
	return ST_OK;
}

/* GET a JSON object; ST_E_UNAVAILABLE unless 200 and an object. */
static st_rc
fetch_json(const struct conf *cfg, const char *issuer, const char *url,
    json_t **out)
{
	struct buf b;
	long status;
	json_error_t jerr;
	st_rc rc;

	*out = NULL;
	buf_init(&b, FETCH_MAX);
	rc = fetch(cfg, issuer, url, NULL, NULL, NULL, &b, &status);
	if (rc == ST_OK && status != 200)
		rc = ST_E_UNAVAILABLE;
	if (rc == ST_OK && ((*out = json_loadb(b.data, b.len,
	    JSON_REJECT_DUPLICATES, &jerr)) == NULL || !json_is_object(*out)))
		rc = ST_E_UNAVAILABLE;
	if (rc != ST_OK) {
		json_decref(*out);
		*out = NULL;
		log_warn("oidc: %s: no JSON object (HTTP %ld)", url,
		    status);
	}
	buf_release(&b);
	return rc;
}

/* --------------------------------------------------- metadata, keys */

static void
provider_clear(struct provider *pv)
{
	xfree(pv->issuer);
	xfree(pv->authz);
	xfree(pv->token);
	xfree(pv->jwks_uri);
	xfree(pv->end_session);
	json_decref(pv->keys);
	memset(pv, 0, sizeof(*pv));
}

void
oidc_forget(void)
{
	int i;

	for (i = 0; i < OIDC__COUNT; i++)
		provider_clear(&cache[i]);
}

static char *
endpoint(json_t *doc, const char *name, const char *issuer)
{
	const char *v = jwt_str(doc, name);

	return url_ok(issuer, v) ? xstrdup(v) : NULL;
}

static st_rc
keys_fetch(const struct conf *cfg, struct provider *pv)
{
	json_t *keys;
	st_rc rc;

	if ((rc = fetch_json(cfg, pv->issuer, pv->jwks_uri, &keys)) != ST_OK)
		return rc;
	if (!json_is_array(json_object_get(keys, "keys"))) {
		json_decref(keys);
		return ST_E_UNAVAILABLE;
	}
	json_decref(pv->keys);
	pv->keys = keys;
	pv->keys_at = now_s();
	return ST_OK;
}

/* The provider's metadata and keys, fetched when missing or old. */
static st_rc
provider(const struct conf *cfg, enum oidc_which p, struct provider **out)
{
	struct provider *pv = &cache[p];
	const char *iss = oidc_issuer(cfg, p);
	struct buf url;
	json_t *doc;
	st_rc rc;

	*out = NULL;
	if (!oidc_enabled(cfg, p))
		return ST_E_NOT_FOUND;
	if (pv->issuer != NULL && (strcmp(pv->issuer, iss) != 0 ||
	    now_s() - pv->meta_at > META_TTL_S))
		provider_clear(pv);
	if (pv->issuer == NULL) {
		buf_init(&url, 4096);
		rc = buf_addstr(&url, iss);
		/* ISSUER/.well-known/... with one slash between */
		if (rc == ST_OK && url.len > 0 && url.data[url.len - 1] == '/')
			buf_truncate(&url, url.len - 1);
		if (rc == ST_OK)
			rc = buf_addstr(&url,
			    "/.well-known/openid-configuration");
		if (rc == ST_OK)
			rc = fetch_json(cfg, iss, url.data, &doc);
		buf_release(&url);
		if (rc != ST_OK)
			return rc;
		/* OpenID Connect Discovery 4.3: the issuer it names is ours */
		if (jwt_str(doc, "issuer") == NULL ||
		    strcmp(jwt_str(doc, "issuer"), iss) != 0) {
			log_err("oidc: %s: the discovery document "
			    "names another issuer", names[p]);
			json_decref(doc);
			return ST_E_UNAVAILABLE;
		}
		pv->issuer = xstrdup(iss);
		pv->authz = endpoint(doc, "authorization_endpoint", iss);
		pv->token = endpoint(doc, "token_endpoint", iss);
		pv->jwks_uri = endpoint(doc, "jwks_uri", iss);
		pv->end_session = endpoint(doc, "end_session_endpoint", iss);
		json_decref(doc);
		if (pv->issuer == NULL || pv->authz == NULL ||
		    pv->token == NULL || pv->jwks_uri == NULL) {
			log_err("oidc: %s: the discovery document "
			    "lacks an endpoint, or one is not https",
			    names[p]);
			provider_clear(pv);
			return ST_E_UNAVAILABLE;
		}
		pv->meta_at = now_s();
	}
	if (pv->keys == NULL && (rc = keys_fetch(cfg, pv)) != ST_OK)
		return rc;
	*out = pv;
	return ST_OK;
}

/* What every token of the provider must be: from it, for us, issued
 * within the last ten minutes; the caller adds what its kind needs. */
static void
expect_of(const struct conf *cfg, enum oidc_which p,
    const struct provider *pv, struct jwt_expect *e)
{
	memset(e, 0, sizeof(*e));
	e->iss = pv->issuer;
	e->aud = client_id(cfg, p);
	e->now = now_s();
	e->max_age = 600;
}

/* Check a token against the keys, fetching them again once when the
 * token names a key the set lacks (the provider rotated its keys). */
static st_rc
verify(const struct conf *cfg, struct provider *pv, const char *token,
    const struct jwt_expect *e, json_t **claims, const char **why)
{
	st_rc rc;

	rc = jwt_verify(token, strlen(token), pv->keys, e, claims, why);
	if (rc != ST_E_NOT_FOUND)
		return rc;
	if (now_s() - pv->keys_at < KEYS_RETRY_S)
		return ST_E_INVALID;
	if (keys_fetch(cfg, pv) != ST_OK)
		return ST_E_UNAVAILABLE;
	rc = jwt_verify(token, strlen(token), pv->keys, e, claims, why);
	return rc == ST_E_NOT_FOUND ? ST_E_INVALID : rc;
}

/* ----------------------------------------------------------- requests */

static st_rc
redirect_uri(const struct conf *cfg, enum oidc_which p, struct buf *b)
{
	const char *base = cfg->public_url;
	size_t n = strlen(base);

	while (n > 0 && base[n - 1] == '/')
		n--;
	if (buf_add(b, base, n) != ST_OK)
		return ST_E_NOMEM;
	return buf_addf(b, "/login/%s/callback", names[p]);
}

st_rc
oidc_auth_url(const struct conf *cfg, enum oidc_which p,
    const struct oidc_begin *b, int fresh, const char *lang, char **url)
{
	struct provider *pv;
	struct fields f;
	struct buf u, ru;
	unsigned char h[crypto_hash_sha256_BYTES];
	char challenge[64];
	st_rc rc;

	*url = NULL;
	if ((rc = provider(cfg, p, &pv)) != ST_OK)
		return rc;
	crypto_hash_sha256(h, (const unsigned char *)b->verifier,
	    strlen(b->verifier));
	b64url(h, sizeof(h), challenge, sizeof(challenge));
	buf_init(&ru, 1024);
	if ((rc = redirect_uri(cfg, p, &ru)) != ST_OK) {
		buf_release(&ru);
		return rc;
	}
	fields_init(&f);
	fields_add(&f, "response_type", "code");
	fields_add(&f, "client_id", client_id(cfg, p));
	fields_add(&f, "redirect_uri", ru.data);
	fields_add(&f, "scope", p == OIDC_IDPORTEN ? "openid profile" :
	    cfg->staff_scope);
	fields_add(&f, "state", b->state);
	fields_add(&f, "nonce", b->nonce);
	fields_add(&f, "code_challenge", challenge);
	fields_add(&f, "code_challenge_method", "S256");
	if (p == OIDC_IDPORTEN)
		fields_add(&f, "acr_values", cfg->idporten_acr);
	if (lang != NULL)
		fields_add(&f, "ui_locales", lang);
	if (fresh) {
		fields_add(&f, "prompt", "login");
		fields_add(&f, "max_age", "0");
	}
	buf_init(&u, 8192);
	rc = buf_addstr(&u, pv->authz);
	if (rc == ST_OK)
		rc = buf_addch(&u, strchr(pv->authz, '?') ? '&' : '?');
	if (rc == ST_OK)
		rc = urlenc_put(&u, &f, NULL);
	fields_release(&f);
	buf_release(&ru);
	if (rc == ST_OK)
		*url = buf_take(&u);
	buf_release(&u);
	return rc == ST_OK && *url == NULL ? ST_E_NOMEM : rc;
}

void
oidc_result_release(struct oidc_result *res)
{
	json_decref(res->claims);
	xfree(res->id_token);
	if (res->refresh_token != NULL)
		sodium_memzero(res->refresh_token, strlen(res->refresh_token));
	xfree(res->refresh_token);
	memset(res, 0, sizeof(*res));
}

/*
 * Add the client's proof to a token request: a client assertion signed
 * with its key (private_key_jwt), or basic credentials. The assertion's
 * audience is the issuer for ID-porten, as it asks, and the token
 * endpoint for others, as Entra ID asks (RFC 7523 allows both).
 */
static st_rc
client_auth(const struct conf *cfg, enum oidc_which p,
    const struct provider *pv, struct fields *f, char *secret,
    size_t secretsize)
{
	char *jwk = NULL, *assertion = NULL, jti[SECURE_TOKEN_SIZE], err[200];
	size_t len;
	json_t *claims;
	st_rc rc;

	secret[0] = '\0';
	if (*key_file(cfg, p) == '\0') {
		rc = secret_password_read("staff_client_secret_file",
		    cfg->staff_client_secret_file, secret, secretsize, err,
		    sizeof(err));
		if (rc != ST_OK)
			log_err("oidc: %s: %s", names[p], err);
		return rc;
	}
	jwk = xmalloc(16384);
	rc = secret_file_read("client key", key_file(cfg, p), jwk, 16384,
	    &len, err, sizeof(err));
	if (rc != ST_OK) {
		xfree(jwk);
		log_err("oidc: %s: %s", names[p], err);
		return ST_E_CONFIG;
	}
	secure_token(jti);
	claims = json_pack("{s:s, s:s, s:s, s:s, s:I, s:I}",
	    "iss", client_id(cfg, p), "sub", client_id(cfg, p),
	    "aud", p == OIDC_IDPORTEN ? oidc_issuer(cfg, p) : pv->token,
	    "jti", jti,
	    "iat", (json_int_t)now_s(), "exp", (json_int_t)now_s() + 60);
	rc = claims != NULL ? jwt_sign(jwk, claims, &assertion) : ST_E_NOMEM;
	sodium_memzero(jwk, 16384);
	xfree(jwk);
	json_decref(claims);
	if (rc != ST_OK) {
		log_err("oidc: %s: the client key cannot sign",
		    names[p]);
		return rc == ST_E_NOMEM ? rc : ST_E_CONFIG;
	}
	fields_add(f, "client_assertion_type",
	    "urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
	fields_add(f, "client_assertion", assertion);
	xfree(assertion);
	return ST_OK;
}

/* POST to the token endpoint; *doc the answer when 200. */
static st_rc
token_request(const struct conf *cfg, enum oidc_which p,
    struct provider *pv, struct fields *f, json_t **doc, long *status)
{
	char secret[512];
	struct buf body, ans;
	json_error_t jerr;
	st_rc rc;

	*doc = NULL;
	if ((rc = client_auth(cfg, p, pv, f, secret, sizeof(secret))) !=
	    ST_OK)
		return rc;
	buf_init(&body, 64 * 1024);
	buf_init(&ans, FETCH_MAX);
	rc = urlenc_put(&body, f, NULL);
	if (rc == ST_OK)
		rc = fetch(cfg, pv->issuer, pv->token, body.data,
		    secret[0] != '\0' ? client_id(cfg, p) : NULL, secret,
		    &ans, status);
	sodium_memzero(secret, sizeof(secret));
	if (rc == ST_OK && (*doc = json_loadb(ans.data, ans.len,
	    JSON_REJECT_DUPLICATES, &jerr)) != NULL && !json_is_object(*doc)) {
		json_decref(*doc);
		*doc = NULL;
	}
	if (rc == ST_OK && *doc == NULL)
		rc = ST_E_UNAVAILABLE;
	buf_release(&body);
	buf_release(&ans);
	return rc;
}

st_rc
oidc_exchange(const struct conf *cfg, enum oidc_which p, const char *code,
    const struct oidc_begin *b, struct oidc_result *out, const char **why)
{
	static const char *const high[] = { "idporten-loa-high", NULL };
	static const char *const subst[] = { "idporten-loa-substantial",
		"idporten-loa-high", NULL };
	struct provider *pv;
	struct fields f;
	struct buf ru;
	struct jwt_expect e;
	json_t *doc = NULL;
	const char *idt, *rt;
	long status = 0;
	st_rc rc;

	memset(out, 0, sizeof(*out));
	*why = NULL;
	if ((rc = provider(cfg, p, &pv)) != ST_OK)
		return rc;
	buf_init(&ru, 1024);
	fields_init(&f);
	rc = redirect_uri(cfg, p, &ru);
	if (rc == ST_OK) {
		fields_add(&f, "grant_type", "authorization_code");
		fields_add(&f, "code", code);
		fields_add(&f, "redirect_uri", ru.data);
		fields_add(&f, "code_verifier", b->verifier);
		fields_add(&f, "client_id", client_id(cfg, p));
		rc = token_request(cfg, p, pv, &f, &doc, &status);
	}
	fields_release(&f);
	buf_release(&ru);
	if (rc != ST_OK)
		return rc;
	if (status != 200 || (idt = jwt_str(doc, "id_token")) == NULL) {
		*why = status == 200 ? "no id_token" : "the code was refused";
		json_decref(doc);
		return ST_E_INVALID;
	}
	expect_of(cfg, p, pv, &e);
	e.nonce = b->nonce;
	e.auth_after = b->fresh_since;
	if (p == OIDC_IDPORTEN)
		e.acr = strcmp(cfg->idporten_acr, "idporten-loa-high") == 0 ?
		    high : subst;
	rc = verify(cfg, pv, idt, &e, &out->claims, why);
	if (rc == ST_OK) {
		out->id_token = xstrdup(idt);
		rt = jwt_str(doc, "refresh_token");
		out->refresh_token = rt != NULL ? xstrdup(rt) : NULL;
	}
	json_decref(doc);
	if (rc != ST_OK)
		oidc_result_release(out);
	return rc;
}

st_rc
oidc_refresh(const struct conf *cfg, enum oidc_which p, const char *refresh,
    char **fresh, json_t **claims)
{
	struct provider *pv;
	struct fields f;
	struct jwt_expect e;
	json_t *doc = NULL;
	const char *rt, *idt, *why = NULL;
	long status = 0;
	st_rc rc;

	*fresh = NULL;
	*claims = NULL;
	if ((rc = provider(cfg, p, &pv)) != ST_OK)
		return rc;
	fields_init(&f);
	fields_add(&f, "grant_type", "refresh_token");
	fields_add(&f, "refresh_token", refresh);
	fields_add(&f, "client_id", client_id(cfg, p));
	rc = token_request(cfg, p, pv, &f, &doc, &status);
	fields_release(&f);
	if (rc != ST_OK && status >= 400 && status < 500)
		rc = ST_E_NOT_FOUND;	/* an error object we could not read */
	if (rc != ST_OK)
		return rc;
	/* RFC 6749 5.2: invalid_grant is the provider's no */
	if (status >= 400 && status < 500) {
		json_decref(doc);
		return ST_E_NOT_FOUND;
	}
	if (status != 200) {
		json_decref(doc);
		return ST_E_UNAVAILABLE;
	}
	if ((idt = jwt_str(doc, "id_token")) != NULL) {
		expect_of(cfg, p, pv, &e);
		e.refresh = 1;
		if ((rc = verify(cfg, pv, idt, &e, claims, &why)) != ST_OK) {
			log_warn("oidc: %s: a refreshed ID token refused: %s",
			    names[p], why != NULL ? why : "?");
			json_decref(doc);
			return rc == ST_E_UNAVAILABLE ? rc : ST_E_NOT_FOUND;
		}
	}
	if ((rt = jwt_str(doc, "refresh_token")) != NULL)
		*fresh = xstrdup(rt);
	json_decref(doc);
	return ST_OK;
}

st_rc
oidc_logout_token(const struct conf *cfg, enum oidc_which p,
    const char *token, json_t **claims, const char **why)
{
	struct provider *pv;
	struct jwt_expect e;
	st_rc rc;

	*claims = NULL;
	*why = NULL;
	if ((rc = provider(cfg, p, &pv)) != ST_OK)
		return rc;
	expect_of(cfg, p, pv, &e);
	e.logout = 1;
	return verify(cfg, pv, token, &e, claims, why);
}

st_rc
oidc_end_session_url(const struct conf *cfg, enum oidc_which p,
    const char *id_token, char **url)
{
	struct provider *pv;
	struct fields f;
	struct buf u, back;
	const char *base = cfg->public_url;
	size_t n = strlen(base);
	st_rc rc;

	*url = NULL;
	if ((rc = provider(cfg, p, &pv)) != ST_OK)
		return rc;
	if (pv->end_session == NULL)
		return ST_OK;
	while (n > 0 && base[n - 1] == '/')
		n--;
	buf_init(&back, 1024);
	rc = buf_add(&back, base, n);
	if (rc == ST_OK)
		rc = buf_addstr(&back, "/login");
	fields_init(&f);
	if (id_token != NULL)
		fields_add(&f, "id_token_hint", id_token);
	fields_add(&f, "client_id", client_id(cfg, p));
	if (rc == ST_OK)
		fields_add(&f, "post_logout_redirect_uri", back.data);
	buf_init(&u, 32768);
	if (rc == ST_OK)
		rc = buf_addstr(&u, pv->end_session);
	if (rc == ST_OK)
		rc = buf_addch(&u, strchr(pv->end_session, '?') ? '&' : '?');
	if (rc == ST_OK)
		rc = urlenc_put(&u, &f, NULL);
	if (rc == ST_OK && (*url = buf_take(&u)) == NULL)
		rc = ST_E_NOMEM;
	fields_release(&f);
	buf_release(&u);
	buf_release(&back);
	return rc;
}
