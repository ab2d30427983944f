/* h_login.c: the login page, logging in and out. */
#include "config.h"

#include <string.h>

#include "auth.h"
#include "handlers.h"
#include "route.h"
#include "view.h"
#include "worker.h"

#define RESUME_PREFIX	"resume:"

/* A local path to go to after login, or "/". */
static const char *
safe_next(const char *next)
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
	int from_login = r->route != NULL && r->route->fn == h_login;
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
	view_attr(login, "next", safe_next(next));
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

/* ROUTE: GET /login */
st_rc
h_login_form(struct req *r)
{
	if (r->who.user_id != 0)
		return resp_redirect(r, safe_next(fields_get(&r->qs, "next")));
	return login_page(r, 200, NULL, NULL);
}

/* ROUTE: POST /login */
st_rc
h_login(struct req *r)
{
	const char *user = fields_get(&r->form, "username");
	const char *pw = fields_get(&r->form, "password");
	const char *next = safe_next(fields_get(&r->form, "next"));
	enum login_result res;
	struct fields keep;
	size_t i, plen = strlen(RESUME_PREFIX);
	st_rc rc;

	if (user == NULL || *user == '\0' || pw == NULL || *pw == '\0')
		return login_page(r, 422, _("Enter your user name and password."), user);
	if (strlen(user) > 64 || strlen(pw) > 1024)
		return login_page(r, 401, _("Wrong user name or password."), NULL);
	if ((rc = auth_login(r, user, pw, &res)) != ST_OK)
		return rc;
	if (res == LOGIN_LIMITED)
		return login_page(r, 429, _("Too many failed attempts. Wait a quarter of an hour and try again."), user);
	if (res == LOGIN_BAD)
		return login_page(r, 401, _("Wrong user name or password."), user);
	/* Logged in: pick up a form whose session had ended, if any. */
	fields_init(&keep);
	for (i = 0; i < r->form.n; i++)
		if (strncmp(r->form.v[i].name, RESUME_PREFIX, plen) == 0)
			fields_add(&keep, r->form.v[i].name + plen,
			    r->form.v[i].value);
	if (keep.n > 0 && strncmp(next, "/forms/", 7) == 0) {
		rc = form_page_resume(r, next + 7, &keep);
		fields_release(&keep);
		return rc;
	}
	fields_release(&keep);
	return resp_redirect(r, next);
}

/* ROUTE: POST /logout */
st_rc
h_logout(struct req *r)
{
	st_rc rc;

	if ((rc = auth_logout(r)) != ST_OK)
		return rc;
	return resp_redirect(r, "/login");
}
