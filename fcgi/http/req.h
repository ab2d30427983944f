/* req.h: one HTTP request and its response, as handlers see them. */
#ifndef ST_REQ_H
#define ST_REQ_H

#include <stddef.h>
#include <time.h>

#include <libxml/tree.h>

#include "buf.h"
#include "i18n.h"
#include "pool.h"
#include "principal.h"
#include "result.h"
#include "secure.h"
#include "urlenc.h"

struct worker;
struct route;
struct vc_entry;

/*
 * A struct req is created by the worker for each FastCGI request, filled
 * from the web server's parameters, passed through the dispatcher (which
 * routes, authenticates, checks permission and CSRF and parses the body)
 * and then to exactly one handler. Everything it points to is owned by
 * req->pool or by the struct itself and is released by req_release.
 *
 * Handlers never touch raw input: they read req->arg (the {id} path
 * segment, already checked to be a well-formed public id), req->form
 * (decoded form fields), req->xml (a hardened-parsed XML body) and
 * req->who. They answer by setting the response through the resp_*
 * functions; nothing is sent to the client until the handler returns, so
 * a request is acknowledged only after its transaction has committed.
 */
enum auth_kind { AUTH_NONE = 0, AUTH_SESSION, AUTH_TOKEN, AUTH_PARTNER };

/* A partner that proved who it is (PERM_PARTNER routes): its token and
 * the signature of the body checked. No user is logged in then. */
struct partner_who {
	long long	 id;		/* 0 when none */
	char		 public_id[SECURE_ID_SIZE];
	const char	*name;		/* owned by the request pool */
};

struct req {
	struct worker		*w;
	struct pool		 pool;

	/* input, as given by the web server (owned by the worker/FCGI) */
	const char		*method;
	const char		*path;
	const char		*query;
	const char		*content_type;
	const char		*cookie_header;
	const char		*authorization;
	const char		*signature;	/* X-Stafett-Signature */
	const char		*accept_language;
	const char		*remote_addr;	/* only ever hashed */
	const char		*idem_header;	/* Idempotency-Key (replay.h) */
	size_t			 content_length;
	/* reads up to n body bytes; < 0 on error, 0 at the end */
	int			(*reader)(void *ctx, char *buf, int n);
	void			*reader_ctx;
	int			 https;
	char			 id[40];	/* request id, for logs */

	/* parsed input */
	struct fields		 qs;
	struct fields		 cookies;
	struct fields		 form;
	struct buf		 body;
	/* SHA-256 of the body (a multipart body: of its parts) */
	unsigned char		 body_digest[32];
	xmlDocPtr		 xml;

	/* routing */
	const struct route	*route;
	int			 route_index;	/* -1 when none matched */
	char			 arg[SECURE_ID_SIZE + 40];

	/* who is asking */
	enum auth_kind		 auth;
	struct principal	 who;
	struct partner_who	 partner;
	char			 csrf[SECURE_TOKEN_SIZE];
	unsigned char		 session_hash[SECURE_HASH_LEN];
	/* how the session's person proved who they are: the provider
	 * ("idporten", "staff"; NULL: a password), how long ago, at what
	 * level of assurance (NULL when none is known) */
	const char		*auth_provider;
	long long		 auth_age_s;
	const char		*auth_acr;
	enum lang		 lang;
	/* the request took an account's access away (auth.h): the
	 * dispatcher tells every worker once it is committed */
	int			 revoked;

	/* response */
	int			 status;
	const char		*ctype;
	struct buf		 hdrs;
	struct buf		 out;

	struct timespec		 start;

	/* The row of this request's key (replay.h), 0 for none, and where
	 * the handler's own headers begin. */
	long long		 replay_id;
	size_t			 replay_hdrs;
	/* A key whose row is not yet written (replay_begin with defer):
	 * its sender, hash and the request's fingerprint. */
	int			 replay_deferred;
	int			 replay_form;
	char			 replay_principal[24];
	unsigned char		 replay_key[32];
	unsigned char		 replay_fp[32];
	/* The key the forms of the page carry (view.c): hex, or empty. */
	char			 form_key[33];

	/* The lists of a log this request's view document stands for by
	 * the empty element lists_at (viewcache.h, logview.c); pinned. */
	struct vc_entry		*lists;
	xmlNodePtr		 lists_at;
};

void req_init(struct req *r, struct worker *w);
void req_release(struct req *r);
int req_is_api(const struct req *r);

/*
 * A named input of an action, whichever way it came: a form field of a
 * browser's POST, or the text of a child element of the root of an API
 * client's XML body (<measure><what>...</what></measure>). The n-th
 * value (from 0) of a name given several times (req_input_n). NULL when
 * absent; strings are owned by the request.
 */
const char *req_input(struct req *r, const char *name);
const char *req_input_n(struct req *r, const char *name, size_t n);

/* A cookie's value, or NULL. */
/* Over TLS every cookie's name has the __Host- prefix (req.c); callers
 * name cookies without it. */
#define HOST_PREFIX	"__Host-"
const char *req_cookie(const struct req *r, const char *name);

/* Add a response header line "Name: value" (value must be one line). */
st_rc resp_header(struct req *r, const char *name, const char *value)
    ST_MUST_CHECK;
/* Set a cookie with the attributes every stafett cookie has. */
st_rc resp_cookie(struct req *r, const char *name, const char *value,
    long max_age) ST_MUST_CHECK;
/*
 * The one cookie another site's page must be able to send back: the
 * one that ties a login at an identity provider to the browser that
 * began it (the provider's redirect back is a cross-site navigation,
 * which carries Lax cookies and not Strict ones). Otherwise as above.
 */
st_rc resp_cookie_lax(struct req *r, const char *name, const char *value,
    long max_age) ST_MUST_CHECK;
/*
 * The answer to an action that worked: a browser is sent on to path
 * (303); an API client gets status (200 or 201) with Location: path and
 * a <result> naming it.
 */
st_rc resp_done(struct req *r, int status, const char *path) ST_MUST_CHECK;
/*
 * As resp_done, and the page a browser is sent on to confirms what was
 * done and says what happens next, in a status region (note is one of
 * view.c's done_codes, carried by a short-lived cookie for that page
 * only). An API client gets <note> as well.
 */
st_rc resp_done_note(struct req *r, int status, const char *path,
    const char *note) ST_MUST_CHECK;
/*
 * A browser's own choice of language, sent with a form (_lang) to have
 * it shown again in that language: remembered as ?lang= is. 0 when code
 * is no language (or for an API client).
 */
int req_switch_lang(struct req *r, const char *code);
/* 303 See Other to a path on this site. */
st_rc resp_redirect(struct req *r, const char *path) ST_MUST_CHECK;
st_rc resp_text(struct req *r, int status, const char *ctype,
    const char *text) ST_MUST_CHECK;
/* The reason phrase for a status code. */
const char *http_reason(int status);

#endif
