/* h_login.c: logging in and out (the login page itself: login.h). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "auth.h"
#include "db.h"
#include "handlers.h"
#include "login.h"
#include "mem.h"
#include "oidc.h"
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
	rc = login_continue(r, next, &keep, 0);
	fields_release(&keep);
	return rc;
}

st_rc
login_continue(struct req *r, const char *next, const struct fields *keep,
    int away)
{
	xmlNodePtr page, c, k;
	size_t i;

	next = login_next_safe(next);
	if (keep->n > 0 && strncmp(next, "/forms/", 7) == 0)
		return form_page_resume(r, next + 7, keep);
	if (keep->n == 0 && !away)
		return resp_redirect(r, next);
	/*
	 * An action begun before the login (a withdrawal, a partner's
	 * change) is shown again with the new session's token, for the
	 * person to confirm: nothing is done on the strength of a login
	 * alone. After a provider's redirect, the way on is a page of this
	 * site, so the browser sends the new session's cookie with it.
	 */
	page = view_page(r, "continue");
	c = view_el(page, "continue", NULL);
	view_attr(c, "href", next);
	if (keep->n > 0)
		view_attr(c, "csrf", r->csrf);
	for (i = 0; i < keep->n; i++) {
		if (strcmp(keep->v[i].name, "csrf") == 0)
			continue;
		k = view_el(c, "keep", keep->v[i].value);
		view_attr(k, "name", keep->v[i].name);
	}
	return view_send(r, 200, page);
}

st_rc
login_away(struct req *r, const char *url)
{
	xmlNodePtr page, c;

	/*
	 * Not a redirect: the page's policy lets forms post to this site
	 * only (form-action 'self'), and browsers hold a form's redirect
	 * elsewhere to it. A page of this site that goes on is no form's.
	 */
	page = view_page(r, "continue");
	c = view_el(page, "continue", NULL);
	view_attr(c, "href", url);
	view_attr(c, "away", "1");
	return view_send(r, 200, page);
}

/*
 * Where to log out at the provider the session came from (malloc'd), or
 * NULL: a password's session, a provider without end_session_endpoint,
 * or one that cannot be reached (the session here ends all the same).
 */
static char *
provider_logout(struct req *r)
{
	enum oidc_which p;
	struct db_val v[1];
	struct db_res res;
	char *idt = NULL, *url = NULL;

	v[0] = DV_BLOB(r->session_hash, SECURE_HASH_LEN);
	if (db_query(&r->w->db, STMT_SESSION_IDP, v, 1, 1, &res) != ST_OK)
		return NULL;
	if (res.nrows == 1 && oidc_parse(r->w->cfg, db_get(&res, 0, 0), &p) &&
	    secure_unseal(r->w->key, SEAL_IDTOKEN,
	    (const unsigned char *)db_get(&res, 0, 1), db_get_len(&res, 0, 1),
	    &idt) == ST_OK && oidc_end_session_url(r->w->cfg, p, idt, &url) !=
	    ST_OK)
		url = NULL;
	db_res_release(&res);
	xfree(idt);
	return url;
}

/* ROUTE: POST /logout */
st_rc
h_logout(struct req *r)
{
	char *away = NULL;
	st_rc rc;

	if (r->auth_provider != NULL)
		away = provider_logout(r);
	if ((rc = auth_logout(r)) != ST_OK) {
		xfree(away);
		return rc;
	}
	rc = away != NULL ? login_away(r, away) :
	    resp_redirect(r, "/login");
	xfree(away);
	return rc;
}
