/* login.h: the login page, which the login handlers show, and the
 * dispatcher too when a session has ended in the middle of a form. */
#ifndef ST_LOGIN_H
#define ST_LOGIN_H

#include "req.h"
#include "result.h"

/*
 * login_page() shows the login page with a message (status 200, 401,
 * 403 or 429) and the user name typed, if any. A form posted after the
 * session ended is carried through it in <keep> fields, so what the
 * user typed is not lost; the login form carries them back prefixed
 * "resume:" (RESUME_PREFIX).
 *
 * login_next_safe() returns next if it is a path of this site to go to
 * after login (parsed as RFC 3986's path-absolute and query, see
 * login.c), else "/".
 */
#define RESUME_PREFIX	"resume:"

st_rc login_page(struct req *r, int status, const char *message,
    const char *username) ST_MUST_CHECK;
const char *login_next_safe(const char *next);

#endif
