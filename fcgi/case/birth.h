/* birth.h: a child whose case began before the birth (0034_unborn.sql). */
#ifndef ST_BIRTH_H
#define ST_BIRTH_H

#include "dates.h"
#include "result.h"
#include "secure.h"

struct req;

/*
 * The target group is from pregnancy to 30 years (issue 20: "-9 months
 * to 30 years"). A case about an unborn child has the expected date
 * (termin) instead of a birth date, and neither a birth date nor an
 * identity number may come with it (born says whether one did). The
 * expected date is from BIRTH_EXPECTED_PAST days ago (a birth is often
 * late) to BIRTH_EXPECTED_AHEAD days ahead (a pregnancy known early).
 */
#define BIRTH_EXPECTED_PAST	31
#define BIRTH_EXPECTED_AHEAD	300
/* (The concern form's bind on /concern/child/expected says the same
 * window in XPath, forms/concern.xml: change both together.) */

int birth_expected_ok(const char *expected, int born);

/* What the holder gives when the child is born, checked. */
struct birth_given {
	const char	*name;
	int		 has_nin;
	unsigned char	 hmac[SECURE_HASH_LEN];
	char		 date[DATE_SIZE];
};

/*
 * Check the name, the identity number and the date of birth the holder
 * gives for the child whose expected date was expected: a name, and the
 * number or the date (from the number when only it is given; both must
 * then agree); born today or before, and not long before the expected
 * date (a child born more than BIRTH_EARLY_DAYS early is not this one).
 * known: the date of birth registered already without a number (NULL
 * if none): then the number is needed, and its date replaces that one
 * (the population register's, which corrects a date mistyped then).
 * NULL when they are right (*out filled), or the field that is wrong,
 * with *msg the message (a message id, to be translated).
 */
#define BIRTH_EARLY_DAYS	180
const char *birth_check(const struct req *r, const char *name,
    const char *nin, const char *date, const char *expected,
    const char *known, struct birth_given *out, const char **msg);

/*
 * Register the birth on the child record child_id, in the caller's
 * transaction: the name, the number's keyed hash, the date of birth (or
 * the number after a date registered alone). *taken, nothing changed,
 * when another child of the municipality has the number: that child's
 * id (the caller audits that it was asked about), or -1 when it is not
 * known (a registration of the same number at the same moment).
 * ST_E_CONFLICT when the number is registered already.
 */
st_rc birth_register(struct req *r, long long child_id,
    const struct birth_given *g, long long *taken) ST_MUST_CHECK;

#endif
