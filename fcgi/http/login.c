/* login.c: the login page (see login.h). */
#include "config.h"

#include <string.h>

#include "login.h"
#include "oidc.h"
#include "route.h"
#include "view.h"
#include "worker.h"

/* RFC 3986 pchar and the delimiters of a path with its query: what a
 * same-site path may hold, byte by byte; '%' is checked apart. */
static int
path_char(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || strchr("-._~!$&'()*+,;=:@/?", c) != NULL;
}

static int
hex(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
	    (c >= 'A' && c <= 'F');
}

const char *
login_next_safe(const char *next)
{
	size_t i;

	/*
	 * Parsed, not compared by prefix: a path-absolute of RFC 3986
	 * ("/" and a first segment that is not empty) and its query,
	 * every byte a path character or a %XX escape. So no scheme, no
	 * authority ("//host"), no backslash, no fragment, and no tab,
	 * newline or space, which browsers strip or mend into "//host"
	 * ("/%09/evil.example" arrives as "/\t/evil.example").
	 */
	if (next == NULL || next[0] != '/' || next[1] == '/' ||
	    strlen(next) > 512)
		return "/";
	for (i = 0; next[i] != '\0'; i++) {
		unsigned char c = (unsigned char)next[i];

		if (c == '%' && hex((unsigned char)next[i + 1]) &&
		    hex((unsigned char)next[i + 2]))
			i += 2;
		else if (!path_char(c))
			return "/";
	}
	return next;
}

st_rc
login_page(struct req *r, int status, const char *message,
    const char *username)
{
	const char *token = req_cookie(r, LOGIN_COOKIE);
	char fresh[SECURE_TOKEN_SIZE];
	const char *next;
	xmlNodePtr page, login;
	/* the login form sent (POST /login), not a form of a page */
	int from_login = r->route != NULL && r->route->csrf == CSRF_LOGIN;
	size_t i;
	st_rc rc;

	/* The double-submit token: reuse the browser's if it is sound. */
	if (token == NULL || strlen(token) != SECURE_TOKEN_LEN) {
		secure_token(fresh);
		token = fresh;
		if ((rc = resp_cookie(r, LOGIN_COOKIE, token, -1)) != ST_OK)
			return rc;
	}
	next = from_login ? fields_get(&r->form, "next") :
	    r->route != NULL && strcmp(r->method, "POST") == 0 ? r->path :
	    fields_get(&r->qs, "next");
	page = view_page(r, "login");
	login = view_el(page, "login", NULL);
	view_attr(login, "csrf", token);
	view_attr(login, "next", login_next_safe(next));
	if (username != NULL)
		view_attr(login, "username", username);
	/* an action that needs a fresh proof: the provider is asked for one */
	if (r->route != NULL && route_reauth(r->route) && r->who.user_id != 0)
		view_attr(login, "fresh", "1");
	for (i = 0; i < OIDC__COUNT; i++)
		if (oidc_enabled(r->w->cfg, (enum oidc_which)i))
			view_attr(view_el(login, "provider", NULL), "name",
			    oidc_name((enum oidc_which)i));
	if (message != NULL)
		view_el(login, "message", message);
	/*
	 * A form posted after the session ended is carried through the login
	 * page, so that what the user typed is not lost.
	 */
	for (i = 0; i < r->form.n; i++) {
		const struct field *f = &r->form.v[i];
		xmlNodePtr k;

		if (from_login && strncmp(f->name, RESUME_PREFIX,
		    strlen(RESUME_PREFIX)) != 0)
			continue;
		if (!from_login && strcmp(f->name, "csrf") == 0)
			continue;
		k = view_el(login, "keep", f->value);
		view_attr(k, "name", from_login ?
		    f->name + strlen(RESUME_PREFIX) : f->name);
	}
	return view_send(r, status, page);
}
