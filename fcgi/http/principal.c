/* principal.c: role names (see principal.h). */
#include "config.h"

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
