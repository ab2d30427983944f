/* feedback.h: the family's feedback when a relay log closes (issue 20,
 * item 9; sql/0038_family_feedback.sql). */
#ifndef ST_FEEDBACK_H
#define ST_FEEDBACK_H

#include <stddef.h>

#include "db.h"
#include "result.h"

/* Days after the closing that the family may answer. */
#define FEEDBACK_DAYS	90
/* A service's answers are shown only when at least this many families
 * answered in the half-year, and a question's only when this many
 * answered it: fewer could be told apart. */
#define FEEDBACK_MIN	5
/* Characters of the comment. */
#define FEEDBACK_COMMENT_MAX	2000

/* The questions, in order: the column and the English words (msgids). */
struct feedback_question {
	const char	*id;	/* the column of family_feedback */
	const char	*text;	/* the statement to agree with or not */
};
#define FEEDBACK_NQ	5
extern const struct feedback_question feedback_questions[FEEDBACK_NQ];

/*
 * As the log closes (in the caller's transaction): the family that
 * stafett knows (caselog_family) is asked for feedback about unit_id, the
 * log's home unit, each once, and told (log.feedback).
 */
st_rc feedback_ask(struct db *db, long long log_id, long long child_id,
    const char *birth, long long unit_id) ST_MUST_CHECK;

/*
 * The half-year before the one that contains today (YYYY-MM-DD), back
 * `back` more halves (0: the last one over): its first and last month,
 * as YYYY-MM, and its name YYYY-1 or YYYY-2. Figures are shown for
 * halves that are over, each on its own: a half-year never contains
 * another, so no two figures differ by one family's answer.
 */
void feedback_half(const char *today, unsigned back, char from[8],
    char to[8], char name[8]);

#endif
