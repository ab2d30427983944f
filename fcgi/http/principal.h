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
/* The most municipalities a shared unit serves besides its host's. */
#define PRINCIPAL_SERVES_MAX	16

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
	/*
	 * The municipality the person works for (0 for citizens, whose
	 * rights are per child, wherever the child's case is), and the
	 * other municipalities their unit serves (unit_served: an
	 * inter-municipal service). access_municipality() decides with
	 * them; nothing else does.
	 */
	long long	 municipality_id;
	long long	 serves[PRINCIPAL_SERVES_MAX];
	unsigned	 nserves;
};

/*
 * Set who->serves from the comma-separated ids the database gives
 * (GROUP_CONCAT; NULL or "" for none). Ids past PRINCIPAL_SERVES_MAX are
 * left out: the person then reaches fewer municipalities, never more.
 */
void principal_set_serves(struct principal *who, const char *csv);

const char *role_name(enum role role);
enum role role_parse(const char *s);

#endif
