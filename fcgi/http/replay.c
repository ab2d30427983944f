/* replay.c: a repeated request gets the first answer (replay.h). */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "db.h"
#include "i18n.h"
#include "log.h"
#include "pool.h"
#include "replay.h"
#include "route.h"
#include "worker.h"

#define KEY_MAX		255
#define DIGEST_LEN	crypto_hash_sha256_BYTES

/* Columns of STMT_REPLAY_GET. */
enum { RG_SAME, RG_STATUS, RG_CTYPE, RG_HEADERS, RG_BODY, RG_OLD, RG_ID };

int
replay_applies(const struct req *r)
{
	enum lang lang;

	if (strcmp(r->method, "GET") == 0 || strcmp(r->method, "HEAD") == 0)
		return 0;
	/* A form sent only to be shown again in another language
	 * (_layout.xsl's switch) changes nothing, and must not use up the
	 * key the form is then sent with. */
	if (!req_is_api(r) && r->route != NULL &&
	    strcmp(r->route->pattern, "/forms/{form}") == 0 &&
	    i18n_parse(fields_get(&r->form, "_lang"), &lang))
		return 0;
	return r->who.user_id != 0 || r->partner.id != 0;
}

/* The key as sent, or NULL for none; *bad when it is not a valid key. */
static const char *
key_of(struct req *r, size_t *len, int *form, int *bad)
{
	const char *k = r->idem_header;
	size_t n, i;

	*bad = 0;
	*form = 0;
	if (k == NULL && !req_is_api(r)) {
		k = fields_get(&r->form, "idem");
		/* A page for nobody logged in carries an empty one. */
		if (k != NULL && *k == '\0')
			k = NULL;
		*form = k != NULL;
	}
	if (k == NULL)
		return NULL;
	n = strlen(k);
	/* An sf-string ("...") as the draft writes it, or the bare key. */
	if (n >= 2 && k[0] == '"' && k[n - 1] == '"') {
		k++;
		n -= 2;
	}
	if (n == 0 || n > KEY_MAX) {
		*bad = 1;
		return NULL;
	}
	for (i = 0; i < n; i++)
		if (k[i] < 0x21 || k[i] > 0x7e || k[i] == '"' ||
		    k[i] == '\\') {
			*bad = 1;
			return NULL;
		}
	*len = n;
	return k;
}

/* The media type without its parameters (a multipart boundary differs
 * between two sends of the same form). */
static size_t
media_type_len(const char *ct)
{
	size_t n = 0;

	while (ct != NULL && ct[n] != '\0' && ct[n] != ';' && ct[n] != ' ')
		n++;
	return n;
}

static void
fingerprint(const struct req *r, unsigned char out[DIGEST_LEN])
{
	crypto_hash_sha256_state st;

	crypto_hash_sha256_init(&st);
	secure_sha256_field(&st, r->method, strlen(r->method));
	secure_sha256_field(&st, r->path, strlen(r->path));
	secure_sha256_field(&st, r->query, strlen(r->query));
	secure_sha256_field(&st, r->content_type != NULL ? r->content_type : "",
	    media_type_len(r->content_type));
	secure_sha256_field(&st, (const char *)r->body_digest,
	    sizeof(r->body_digest));
	crypto_hash_sha256_final(&st, out);
}

/* An answer the handler made before its key was claimed (replay_claim
 * after it) is not the one given: only the request's own headers stay. */
static void
forget_answer(struct req *r)
{
	buf_truncate(&r->hdrs, r->replay_hdrs);
	buf_reset(&r->out);
}

/* The first answer, as it was, marked as a repeat. */
static st_rc
answer_again(struct req *r, const struct db_res *res)
{
	const char *ct = db_get(res, 0, RG_CTYPE);
	st_rc rc;

	/* Headers set before the handler (a language cookie) stay. */
	buf_reset(&r->out);
	r->status = (int)db_get_int(res, 0, RG_STATUS);
	r->ctype = ct != NULL ? pool_strdup(&r->pool, ct) : NULL;
	if ((rc = buf_add(&r->hdrs, db_get(res, 0, RG_HEADERS),
	    db_get_len(res, 0, RG_HEADERS))) != ST_OK ||
	    (rc = resp_header(r, "Idempotent-Replayed", "true")) != ST_OK)
		return rc;
	return buf_add(&r->out, db_get(res, 0, RG_BODY),
	    db_get_len(res, 0, RG_BODY));
}

st_rc
replay_begin(struct req *r, int *done, int defer)
{
	unsigned char *key = r->replay_key;
	const char *k;
	size_t klen = 0;
	int form, bad;

	*done = 0;
	r->replay_id = 0;
	r->replay_deferred = 0;
	if (!replay_applies(r))
		return ST_OK;
	k = key_of(r, &klen, &form, &bad);
	if (bad) {
		*done = 1;
		return resp_error(r, 400, _("The Idempotency-Key must be 1 to 255 visible ASCII characters."));
	}
	if (k == NULL)
		return ST_OK;
	if (form) {
		crypto_hash_sha256_state st;

		/* A form's key names the page it came from; with the action,
		 * one form of that page. */
		crypto_hash_sha256_init(&st);
		secure_sha256_field(&st, "form", 4);
		secure_sha256_field(&st, k, klen);
		secure_sha256_field(&st, r->path, strlen(r->path));
		crypto_hash_sha256_final(&st, key);
	} else
		crypto_hash_sha256(key, (const unsigned char *)k, klen);
	fingerprint(r, r->replay_fp);
	snprintf(r->replay_principal, sizeof(r->replay_principal), "%c%lld",
	    r->partner.id != 0 ? 'p' : 'u', r->partner.id != 0 ?
	    r->partner.id : r->who.user_id);
	r->replay_form = form;
	r->replay_deferred = 1;
	/* the handler's own headers begin here (replay_store) */
	r->replay_hdrs = r->hdrs.len;
	if (defer && db_hold_fresh(&r->w->db))
		return ST_OK;
	return replay_claim(r, done);
}

st_rc
replay_claim(struct req *r, int *done)
{
	struct db *db = &r->w->db;
	const unsigned char *key = r->replay_key, *fp = r->replay_fp;
	const char *principal = r->replay_principal;
	struct db_val p[4];
	struct db_res res;
	unsigned long long id = 0;
	int form = r->replay_form, tries;
	st_rc rc;

	*done = 0;
	if (!r->replay_deferred)
		return ST_OK;
	r->replay_deferred = 0;
	for (tries = 0; tries < 2; tries++) {
		p[0] = DV_STR(principal);
		p[1] = DV_BLOB(key, DIGEST_LEN);
		p[2] = DV_BLOB(fp, DIGEST_LEN);
		p[3] = DV_STR(r->route->pattern);
		rc = db_exec(db, STMT_REPLAY_CLAIM, p, 4, NULL, &id);
		if (rc == ST_OK) {
			r->replay_id = (long long)id;
			return ST_OK;
		}
		if (rc == ST_E_BUSY && !db_hold_broken(db)) {
			/* The first with this key is still running. */
			*done = 1;
			forget_answer(r);
			if ((rc = resp_header(r, "Retry-After", "1")) != ST_OK)
				return rc;
			return resp_error(r, 409, _("The same request is still being carried out. Wait a moment and send it again: it will not be carried out twice."));
		}
		if (rc != ST_E_CONFLICT)
			return rc;
		/* Done before: the first answer, read as committed. */
		p[0] = DV_BLOB(fp, DIGEST_LEN);
		p[1] = DV_STR(principal);
		p[2] = DV_BLOB(key, DIGEST_LEN);
		if ((rc = db_query(db, STMT_REPLAY_GET, p, 3, 1, &res)) !=
		    ST_OK)
			return rc;
		if (res.nrows == 1 && db_get_int(&res, 0, RG_OLD) == 1) {
			/* Older than a day: forgotten, the key is new. */
			p[0] = DV_INT(db_get_int(&res, 0, RG_ID));
			db_res_release(&res);
			if ((rc = db_exec(db, STMT_REPLAY_DROP, p, 1, NULL,
			    NULL)) != ST_OK)
				return rc;
			continue;
		}
		break;
	}
	if (tries == 2 || res.nrows != 1) {
		if (tries < 2)
			db_res_release(&res);
		log_err("replay: a key neither new nor found");
		return ST_E_INTERNAL;
	}
	*done = 1;
	forget_answer(r);
	if (db_get_int(&res, 0, RG_SAME) != 1) {
		db_res_release(&res);
		log_info("replay: a key used again for another request on "
		    "'%s'", r->route->pattern);
		return resp_error(r, 422, form ?
		    _("This form was sent before, with other content, and what you sent now was not saved. Open the page again and make the change there.") :
		    _("This Idempotency-Key was used before for a different request; nothing was done. Use a new key for a new request."));
	}
	log_info("replay: the first answer again on '%s'", r->route->pattern);
	rc = answer_again(r, &res);
	db_res_release(&res);
	return rc;
}

void
replay_call_params(struct req *r, struct db_val p[REPLAY_CALL_PARAMS])
{
	size_t i;

	if (!r->replay_deferred) {
		for (i = 0; i < REPLAY_CALL_PARAMS; i++)
			p[i] = DV_NULL;
		return;
	}
	p[0] = DV_STR(r->replay_principal);
	p[1] = DV_BLOB(r->replay_key, sizeof(r->replay_key));
	p[2] = DV_BLOB(r->replay_fp, sizeof(r->replay_fp));
	p[3] = DV_STR(r->route->pattern);
	p[4] = DV_INT(r->status);
	p[5] = DV_OPT(r->ctype);
	/* the handler's own headers, as replay_store keeps them */
	p[6] = r->hdrs.len > r->replay_hdrs ? DV_STRN(r->hdrs.data +
	    r->replay_hdrs, r->hdrs.len - r->replay_hdrs) : DV_STR("");
	p[7] = DV_BLOB(r->out.len > 0 ? r->out.data : "", r->out.len);
}

void
replay_taken(struct req *r)
{
	r->replay_deferred = 0;
}

st_rc
replay_store(struct req *r)
{
	struct db_val p[5];

	/* A deferred key is written with the handler's writes (replay_claim
	 * or its call); one still waiting here had no writes to guard. A
	 * success that wrote without it would be a bug: refused. */
	if (r->replay_deferred) {
		r->replay_deferred = 0;
		if (r->status < 400 && !db_hold_fresh(&r->w->db)) {
			log_err("replay: the key of '%s' was never claimed",
			    r->route->pattern);
			return ST_E_INTERNAL;
		}
	}
	if (r->replay_id == 0)
		return ST_OK;
	/* A refusal (a form with errors, a conflict, no access) changed
	 * nothing and does not use the key up: the same form, corrected,
	 * goes through with it, and a repeat is simply refused again. */
	if (r->status >= 400) {
		p[0] = DV_INT(r->replay_id);
		return db_exec(&r->w->db, STMT_REPLAY_DROP, p, 1, NULL, NULL);
	}
	p[0] = DV_INT(r->status);
	p[1] = DV_OPT(r->ctype);
	/* The handler's own headers: those before it are the request's. */
	p[2] = r->hdrs.len > r->replay_hdrs ? DV_STRN(r->hdrs.data +
	    r->replay_hdrs, r->hdrs.len - r->replay_hdrs) : DV_STR("");
	p[3] = DV_BLOB(r->out.len > 0 ? r->out.data : "", r->out.len);
	p[4] = DV_INT(r->replay_id);
	return db_exec(&r->w->db, STMT_REPLAY_STORE, p, 5, NULL, NULL);
}

st_rc
replay_purge(struct db *db, unsigned long long *n)
{
	return db_exec(db, STMT_REPLAY_PURGE, NULL, 0, n, NULL);
}
