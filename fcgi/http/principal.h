/* principal.h: who is making a request, and in which role. */
#ifndef ST_PRINCIPAL_H
#define ST_PRINCIPAL_H

#include "secure.h"

/*
 * A principal is the logged-in user (by session cookie or API token) as
 * read from the database at the start of the request. Roles are the
 * account's general role; per-case roles (holder, participant, guardian)
 * are decided by the access rules for each object, not here.
 * The strings are owned by the request pool.
 */
/* A citizen is a guardian or a youth: what they see is decided per child. */
enum role { ROLE_NONE = 0, ROLE_EMPLOYEE, ROLE_LEADER, ROLE_ADMIN,
	ROLE_CITIZEN };

struct principal {
	long long	 user_id;	/* 0 when nobody is logged in */
	char		 public_id[SECURE_ID_SIZE];
	const char	*username;
	const char	*display_name;
	enum role	 role;
	long long	 unit_id;	/* 0 when the user has no unit */
	const char	*unit_name;
	const char	*unit_kind;
	const char	*lang;
};

const char *role_name(enum role role);
enum role role_parse(const char *s);

#endif
