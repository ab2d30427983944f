/* birth.c: a child whose case began before the birth (see birth.h). */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "birth.h"
#include "codelists.h"
#include "db.h"
#include "i18n.h"
#include "nin.h"
#include "route.h"
#include "worker.h"

int
birth_expected_ok(const char *expected, int born)
{
	char today[DATE_SIZE];
	long d, t;
	int ok = 0, tok = 0;

	if (born || strlen(expected) != 10)
		return 0;
	d = dates_days(expected, &ok);
	dates_today(today);
	t = dates_days(today, &tok);
	return ok && tok && d >= t - BIRTH_EXPECTED_PAST &&
	    d <= t + BIRTH_EXPECTED_AHEAD;
}

const char *
birth_check(const struct req *r, const char *name, const char *nin,
    const char *date, const char *expected, const char *known,
    struct birth_given *out, const char **msg)
{
	char today[DATE_SIZE], from_nin[DATE_SIZE];
	struct nin_info info;
	long d, t, e;
	int ok = 0, tok = 0, eok = 0;

	memset(out, 0, sizeof(*out));
	if (name == NULL || *name == '\0' || strlen(name) > 200) {
		*msg = N_("Give the child's name (at most 200 characters).");
		return "child_name";
	}
	out->name = name;
	nin = nin != NULL ? nin : "";
	date = date != NULL ? date : "";
	if (*nin == '\0' && (*date == '\0' || known != NULL)) {
		*msg = known != NULL ?
		    N_("The date of birth is registered: give the child's national identity number.") :
		    N_("Give the child's national identity number or date of birth.");
		return "child_nin";
	}
	/* the number after a date registered alone: the number's date is
	 * the register's, and corrects a date mistyped then */
	if (known != NULL)
		date = "";
	if (*nin != '\0') {
		if (nin_check(nin, &info) != NIN_OK) {
			*msg = N_("This is not a valid national identity number (11 digits with correct check digits).");
			return "child_nin";
		}
		snprintf(from_nin, sizeof(from_nin), "%04d-%02d-%02d",
		    info.year, info.month, info.day);
		if (*date != '\0' && strcmp(date, from_nin) != 0) {
			*msg = N_("This identity number belongs to someone born on another day than the date of birth given.");
			return "child_nin";
		}
		date = from_nin;
		secure_hmac(r->w->key, nin, strlen(nin), out->hmac);
		out->has_nin = 1;
	}
	d = dates_days(date, &ok);
	dates_today(today);
	t = dates_days(today, &tok);
	e = dates_days(expected != NULL ? expected : "", &eok);
	if (!ok || strlen(date) != 10 || !tok || d > t ||
	    (eok && d < e - BIRTH_EARLY_DAYS)) {
		*msg = N_("The date of birth must be today or earlier, and not more than six months before the expected date.");
		return *nin != '\0' ? "child_nin" : "child_birthdate";
	}
	memcpy(out->date, date, DATE_SIZE - 1);
	out->date[DATE_SIZE - 1] = '\0';
	return NULL;
}

st_rc
birth_register(struct req *r, long long child_id, const struct birth_given *g,
    long long *taken)
{
	unsigned long long n = 0;
	struct db_val p[5];
	struct db_res res;
	st_rc rc;

	*taken = 0;
	if (g->has_nin) {
		/* Another record of the municipality has the number: the two
		 * are not joined here (the user is told what to do). */
		p[0] = DV_BLOB(g->hmac, sizeof(g->hmac));
		p[1] = DV_INT(codelists_current(r->w->codes));
		if ((rc = db_query(&r->w->db, STMT_CHILD_BY_NIN, p, 2, 1,
		    &res)) != ST_OK)
			return rc;
		if (res.nrows > 0 && db_get_int(&res, 0, 0) != child_id)
			*taken = db_get_int(&res, 0, 0);
		db_res_release(&res);
		if (*taken)
			return ST_OK;
	}
	p[0] = DV_STR(g->name);
	p[1] = g->has_nin ? DV_BLOB(g->hmac, sizeof(g->hmac)) : DV_NULL;
	p[2] = DV_STR(g->date);
	p[3] = DV_INT(child_id);
	p[4] = p[1];
	rc = db_exec(&r->w->db, STMT_CHILD_BORN, p, 5, &n, NULL);
	/* the unique key: registered with the number at the same moment */
	if (rc == ST_E_CONFLICT && g->has_nin) {
		*taken = -1;
		return ST_OK;
	}
	if (rc == ST_OK && n == 0)
		return ST_E_CONFLICT;
	/* With the number the register says who the guardians are: the
	 * expectant parents the holder named stop being linked by that,
	 * and those the register names are linked now (0039). */
	if (rc == ST_OK && g->has_nin) {
		p[0] = DV_INT(child_id);
		p[1] = DV_BLOB(g->hmac, sizeof(g->hmac));
		if ((rc = db_exec(&r->w->db, STMT_EXPECTANT_END, p, 1, NULL,
		    NULL)) == ST_OK &&
		    (rc = db_exec(&r->w->db, STMT_EXPECTANT_CLEAR, p, 1, NULL,
		    NULL)) == ST_OK)
			rc = db_exec(&r->w->db, STMT_BIRTH_LINK_REGISTER, p, 2,
			    NULL, NULL);
	}
	return rc;
}
