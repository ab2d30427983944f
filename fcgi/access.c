/* access.c: object-level access rules (see access.h). */
#include "config.h"

#include "access.h"

int
access_concern_read(const struct principal *who, long long unit_id,
    long long author_id)
{
	if (who->user_id == 0)
		return 0;
	if (who->role == ROLE_EMPLOYEE)
		return author_id == who->user_id;
	if (who->role == ROLE_LEADER)
		return unit_id != 0 && unit_id == who->unit_id;
	return 0;
}

int
access_submission_read(const struct principal *who, long long author_id)
{
	if (who->user_id == 0)
		return 0;
	if (who->role != ROLE_EMPLOYEE && who->role != ROLE_LEADER)
		return 0;
	return author_id == who->user_id;
}
