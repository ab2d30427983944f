/* account.h: the units and the people who log in, as an administrator
 * keeps them: the rules their fields obey, and taking an account's
 * access away. */
#ifndef ST_ACCOUNT_H
#define ST_ACCOUNT_H

#include "req.h"
#include "result.h"

/*
 * A unit (sql/0001_core.sql) is a kindergarten, school or service: a
 * code (lower-case letters, digits and '-', 1 to 40, fixed once made:
 * form instances, seeds and scripts name units by it), a name (1 to 200
 * characters, no control characters, not only spaces) and a kind, one
 * of the schema's enum (unit_kind_valid). Whether it is outside the
 * municipality (external) is a yes or no, with nothing to check.
 *
 * A person is a row of app_user whose role is employee, leader or
 * admin: a user name (auth_valid_username), a display name (as a unit's
 * name), a role, a unit (an employee and a leader need one: the access
 * rules work by unit; an administrator may have none) and an e-mail
 * address or none (mail_address_ok). Guardians and youths (role
 * citizen) are not kept here: their accounts belong to children's
 * cases, which administrators do not see.
 *
 * unit_check() and person_check() return AF_OK, or the first wrong field
 * with *why its reason: an English msgid, shown through _() in the
 * user's language. account_field_name() is the field's input name.
 * in->code NULL (a unit changed, not made) is not checked: the code
 * stays. A missing string is checked as an empty one.
 */
enum account_field {
	AF_OK = 0, AF_CODE, AF_NAME, AF_KIND, AF_USERNAME, AF_DISPLAY_NAME,
	AF_ROLE, AF_UNIT, AF_EMAIL
};

struct unit_in {
	const char	*code;
	const char	*name;
	const char	*kind;
};

struct person_in {
	const char	*username;
	const char	*display_name;
	const char	*role;
	const char	*email;		/* "" or NULL: none */
	int		 has_unit;	/* a unit was chosen (and exists) */
};

int unit_kind_valid(const char *kind);
int unit_code_valid(const char *code);
/* 1 to 200 characters, no control character, not only spaces. */
int account_name_valid(const char *name);
enum account_field unit_check(const struct unit_in *in, const char **why);
enum account_field person_check(const struct person_in *in,
    const char **why);
const char *account_field_name(enum account_field f);

/*
 * account_deactivate() takes the access of the account user_id away in
 * the caller's transaction: the row marked inactive (every login, every
 * session and every token is refused from then on: auth.c reads
 * app_user.active on each request), its sessions deleted and its API
 * tokens revoked, so that making it active again does not bring them
 * back; the request is marked (auth_revoke_later) so that no worker
 * trusts a token of it after the commit. account_reactivate() lets the
 * account log in again with its password; its tokens stay revoked.
 * *changed is 0 when the account was already so.
 */
st_rc account_deactivate(struct req *r, long long user_id, int *changed)
    ST_MUST_CHECK;
st_rc account_reactivate(struct req *r, long long user_id, int *changed)
    ST_MUST_CHECK;

/*
 * The active administrators of the person's municipality other than
 * user_id, counted with their rows
 * locked until the end of the transaction: two administrators taking
 * each other's access away at once cannot leave none (the second waits
 * for the first, then counts again).
 */
st_rc account_other_admins(struct req *r, long long user_id, long long *n)
    ST_MUST_CHECK;

#endif
