/* h_login.c: logging in and out (the login page itself: login.h). */
#include "config.h"

#include <string.h>

#include "auth.h"
#include "handlers.h"
#include "login.h"
#include "route.h"
#include "view.h"
#include "worker.h"

/* ROUTE: GET /login */
st_rc
h_login_form(struct req *r)
{
	if (r->who.user_id != 0)
		return resp_redirect(r,
		    login_next_safe(fields_get(&r->qs, "next")));
	return login_page(r, 200, NULL, NULL);
}

/* ROUTE: POST /login */
st_rc
h_login(struct req *r)
{
	const char *user = fields_get(&r->form, "username");
	const char *pw = fields_get(&r->form, "password");
	const char *next = login_next_safe(fields_get(&r->form, "next"));
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
