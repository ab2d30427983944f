/* feedback.c: the family's feedback when a relay log closes (see
 * feedback.h). */
#include "config.h"

#include <stdio.h>

#include "caselog.h"
#include "dates.h"
#include "feedback.h"
#include "i18n.h"
#include "secure.h"

const struct feedback_question feedback_questions[FEEDBACK_NQ] = {
	{ "heard", N_("We were listened to, and what we said mattered.") },
	{ "early", N_("We got help early enough.") },
	{ "knew_holder", N_("We knew who coordinated the help (the relay holder).") },
	{ "together", N_("The services worked well together.") },
	{ "helped", N_("The help made a difference for our child.") },
};

st_rc
feedback_ask(struct db *db, long long log_id, long long child_id,
    const char *birth, long long unit_id)
{
	long long ids[CASELOG_FAMILY_MAX];
	char today[DATE_SIZE], pid[SECURE_ID_SIZE];
	struct db_val p[4];
	unsigned long long n;
	size_t i, count;
	st_rc rc;

	dates_today(today);
	if ((rc = caselog_family(db, child_id, birth, today, ids,
	    CASELOG_FAMILY_MAX, &count)) != ST_OK)
		return rc;
	for (i = 0; i < count && rc == ST_OK; i++) {
		n = 0;
		secure_random_id(pid);
		p[0] = DV_STR(pid);
		p[1] = DV_INT(log_id);
		p[2] = DV_INT(ids[i]);
		p[3] = DV_INT(unit_id);
		rc = db_exec(db, STMT_FEEDBACK_INVITE_ADD, p, 4, &n, NULL);
		if (rc == ST_OK && n == 1)
			rc = caselog_notice(db, "log.feedback", 0, ids[i],
			    NULL, 0, log_id);
	}
	return rc;
}

void
feedback_half(const char *today, unsigned back, char from[8], char to[8],
    char name[8])
{
	/* today is YYYY-MM-DD, as dates_today makes it */
	int year = (today[0] - '0') * 1000 + (today[1] - '0') * 100 +
	    (today[2] - '0') * 10 + (today[3] - '0');
	int half = (today[5] - '0') * 10 + (today[6] - '0') <= 6 ? 1 : 2;
	unsigned i;

	/* the last half that is over, then back */
	for (i = 0; i <= back; i++) {
		if (half == 1) {
			half = 2;
			year--;
		} else
			half = 1;
	}
	if (year < 0)
		year = 0;
	snprintf(from, 8, "%04d-%02d", year % 10000, half == 1 ? 1 : 7);
	snprintf(to, 8, "%04d-%02d", year % 10000, half == 1 ? 6 : 12);
	snprintf(name, 8, "%04d-%d", year % 10000, half);
}
