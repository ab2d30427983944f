/* idlink.h: the account a person from an identity provider is. */
#ifndef ST_IDLINK_H
#define ST_IDLINK_H

#include <jansson.h>

#include "req.h"
#include "result.h"
#include "secure.h"

/*
 * A citizen from ID-porten is the citizen account whose nin_hmac is the
 * HMAC of the pid claim under the server key (the number is never
 * kept); the first login makes the account, named as the population
 * register names the person. ST_E_NOT_FOUND when the account exists
 * but an administrator deactivated it.
 */
st_rc idlink_citizen(struct req *r, const unsigned char nin[SECURE_HASH_LEN],
    const char *name, long long *user_id) ST_MUST_CHECK;

/*
 * A member of staff from the municipality's provider is the account
 * linked to the provider's stable subject. The role and the unit come
 * from the administrator's mapping of the token's groups or app roles
 * (idp_role_map) at every login: nothing mapped, no entry
 * (ST_E_NOT_FOUND, *why "unmapped"); a deactivated account, no entry
 * (*why "inactive"). The first login with a mapping makes the account.
 */
st_rc idlink_staff(struct req *r, const char *subject, json_t *claims,
    long long *user_id, const char **why) ST_MUST_CHECK;
/*
 * The provider sent a new ID token for the session's person (r->who)
 * when asked again: the mapping is applied to it as at a login, and
 * ST_E_NOT_FOUND when it maps to nothing now (the session ends).
 */
st_rc idlink_staff_again(struct req *r, json_t *claims) ST_MUST_CHECK;

#endif
