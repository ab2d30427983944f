/* login.c: the login page (see login.h). */
#include "config.h"

#include <string.h>

#include "login.h"
#include "route.h"
#include "view.h"

const char *
login_next_safe(const char *next)
{
	if (next == NULL || next[0] != '/' || next[1] == '/' ||
	    next[1] == '\\' || strpbrk(next, "\r\n") != NULL ||
	    strlen(next) > 512)
		return "/";
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
