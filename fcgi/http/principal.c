/* principal.c: role names and a principal's municipalities (see
 * principal.h). */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "principal.h"

const char *
role_name(enum role role)
{
	switch (role) {
	case ROLE_EMPLOYEE:	return "employee";
	case ROLE_LEADER:	return "leader";
	case ROLE_ADMIN:	return "admin";
	case ROLE_CITIZEN:	return "citizen";
	case ROLE_NONE:		break;
	}
	return "none";
}

enum role
role_parse(const char *s)
{
	if (s == NULL)
		return ROLE_NONE;
	if (strcmp(s, "employee") == 0)
		return ROLE_EMPLOYEE;
	if (strcmp(s, "leader") == 0)
		return ROLE_LEADER;
	if (strcmp(s, "admin") == 0)
		return ROLE_ADMIN;
	if (strcmp(s, "citizen") == 0)
		return ROLE_CITIZEN;
	return ROLE_NONE;
}

void
principal_set_serves(struct principal *who, const char *csv)
{
	const char *p = csv;
	char *end;
	long long v;

	who->nserves = 0;
	while (p != NULL && *p != '\0' &&
	    who->nserves < PRINCIPAL_SERVES_MAX) {
		errno = 0;
		v = strtoll(p, &end, 10);
		if (end == p || errno != 0 || v <= 0)
			break;
		who->serves[who->nserves++] = v;
		p = *end == ',' ? end + 1 : NULL;
	}
}
