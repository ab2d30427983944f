/* consultation.h: the two-year consultation ("2 år, og i gang"), the
 * record the kindergarten, the health clinic and the parents share. */
#ifndef ST_CONSULTATION_H
#define ST_CONSULTATION_H

#include <libxml/tree.h>

#include "access.h"
#include "db.h"
#include "form.h"
#include "req.h"
#include "result.h"
#include "secure.h"

/*
 * consultation_create stores a validated (and pruned) instance of the
 * two-year form (version 2) in one transaction: the child (found by its
 * identity number when one is given, so the guardians the population
 * register names read it), the form as submitted, the consultation with
 * the kindergarten and the health clinic the parents' consent names
 * (the author works in one of them) and the professionals of those two
 * who took part, the audit row, and, when the wondering is followed up
 * as a concern, that level-0 concern of the author's unit, made from
 * the consultation; and the author's draft, if any, is deleted. A form
 * that does not hold (an earlier version, a person from elsewhere, an
 * author of neither service) is an error in errs and ST_E_INVALID;
 * nothing is stored unless all of it is. out gets the consultation's
 * public id; concern the concern's, or "".
 */
st_rc consultation_create(struct req *r, const struct form_def *def,
    xmlDocPtr inst, const char *draft_id, struct form_errors *errs,
    char out[SECURE_ID_SIZE], char concern[SECURE_ID_SIZE]) ST_MUST_CHECK;

/*
 * A consultation as its reader may see it: the row of
 * STMT_CONSULTATION_GET (columns below) and the facts of access.h.
 * consultation_load answers someone who may not read it as if it did not
 * exist (404) and audits a read before anything is shown; *ok = 1 when
 * loaded (release it).
 */
enum { KG_ID, KG_PUBLIC_ID, KG_CHILD, KG_CHILD_NAME, KG_CHILD_BIRTH,
	KG_AUTHOR_NAME, KG_UNIT_NAME, KG_KINDERGARTEN, KG_HEALTH_CLINIC,
	KG_HELD_ON, KG_CONCERN, KG_CONCERN_REF, KG_CREATED, KG_FORM,
	KG_VERSION, KG_INSTANCE, KG_PERSONS, KG_FACTS };

struct consultation_row {
	struct db_res			res;
	long long			id;
	long long			child_id;
	const char			*role;	/* access_consultation_role */
	struct consultation_facts	facts;
};

st_rc consultation_load(struct req *r, const char *pid,
    struct consultation_row *k, int *ok) ST_MUST_CHECK;
void consultation_release(struct consultation_row *k);

/*
 * Read CONSULTATION_FACTS (stmt.c) from column col of row i into *f
 * (today gives the child's age).
 */
void consultation_facts(const struct db_res *res, size_t i, unsigned col,
    const char *today, struct consultation_facts *f);

#endif
