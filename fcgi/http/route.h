/* route.h: the table of routes and the dispatcher that enforces it. */
#ifndef ST_ROUTE_H
#define ST_ROUTE_H

#include <stddef.h>

#include "req.h"
#include "result.h"

/*
 * Every URL the program answers is one row in the route table (route.c):
 * method, pattern, handler, the permission it needs, how CSRF is checked,
 * what body it takes and how large. The dispatcher does, in this order and
 * in this one place: match the route (404/405), read and parse the body
 * (413/415/400), authenticate (401 or a redirect to the login page),
 * check the permission (403) and the CSRF token (403), and only then call
 * the handler. A handler never repeats these checks; object-level rules
 * ("may this user see this concern") live in access.c.
 *
 * Patterns are literal segments plus "{id}" (a public id: 22 characters
 * of base64url) or "{form}" (a form id); the matched segment is copied to
 * req->arg.
 */
enum perm {
	PERM_PUBLIC,	/* anyone, logged in or not */
	PERM_USER,	/* any logged-in user or token */
	PERM_STAFF,	/* an employee or leader with a unit */
	PERM_ADMIN,	/* an administrator */
	PERM_PARTNER	/* a partner: its own bearer token and the body's
			 * signature under its inbound key; never a user */
};

enum csrf_kind {
	CSRF_NONE,	/* safe method, or an API route (no cookies used) */
	CSRF_SESSION,	/* the session's token in field "csrf" */
	CSRF_LOGIN	/* double-submit: field "csrf" equals cookie */
};

/* BODY_MULTIPART: multipart/form-data (a file upload); its text parts
 * are put in req->form (so CSRF is checked as for a form), the bytes
 * stay in req->body for the handler to take the file from. */
/* BODY_SIGNED: an XML body a partner signs (PERM_PARTNER routes): read
 * as it came, the signature checked over those bytes, and only then
 * parsed (so a stranger's body is never parsed at all). */
enum body_kind { BODY_NONE, BODY_FORM, BODY_XML, BODY_MULTIPART,
	BODY_SIGNED };

typedef st_rc (*handler_fn)(struct req *r);

struct route {
	const char	*method;
	const char	*pattern;
	handler_fn	 fn;
	enum perm	 perm;
	enum csrf_kind	 csrf;
	enum body_kind	 body;
	size_t		 body_max;	/* 0: the configured body_max */
};

/* The table itself, n routes: defined above this layer, by the
 * handlers (handlers/routes.c), so that the dispatcher names no handler
 * and no header of this layer includes one. */
const struct route *route_table(size_t *n);
/* What the route does, in a sentence or a few (also handlers/routes.c);
 * NULL for a route nobody described, which tests/check_route.c refuses. */
const char *route_doc(const struct route *rt);
/* Whether the route's handler, for this argument, writes a request's
 * Idempotency-Key with its own writes (replay_begin's defer; also
 * handlers/routes.c). */
int route_defers_replay(const struct route *rt, const char *arg);
/* Is the route a sensitive action, for which a browser's session must
 * have proved who it is within reauth_max_min (route.c)? Also
 * handlers/routes.c: withdrawing a consent, finalising minutes, changing
 * a partner. */
int route_reauth(const struct route *rt);
/* Find the route for method and path; *status is 404 or 405 if none. */
const struct route *route_match(const char *method, const char *path,
    char *arg, size_t arglen, int *status, int *index);
/* Does the principal's role satisfy perm? */
int route_permits(enum perm perm, const struct principal *who);

/* Run one request through the checks and its handler. */
void dispatch(struct req *r);

/* An error response: an error page for browsers, XML for API clients. */
st_rc resp_error(struct req *r, int status, const char *message)
    ST_MUST_CHECK;
/*
 * The one answer to an object that is not there and to one the user may
 * not see: 404 with the same words, so an outsider learns nothing, not
 * even that it exists. Every handler answers both with this, before it
 * says anything else about the object.
 */
st_rc resp_not_found(struct req *r) ST_MUST_CHECK;

#define LOGIN_COOKIE	"stafett_login"
#define SESSION_COOKIE	"stafett_session"
#define LANG_COOKIE	"stafett_lang"
/* What an action did, for the page it leads to (resp_done_note). */
#define DONE_COOKIE	"stafett_done"
/* a browser that has logged in as a user before (auth.c) */
#define DEVICE_COOKIE	"stafett_device"

#endif
