/* account.c: units and people as an administrator keeps them (see
 * account.h). */
#include "config.h"

#include <string.h>

#include "account.h"
#include "auth.h"
#include "db.h"
#include "i18n.h"
#include "mailaddr.h"
#include "worker.h"

/* The kinds of unit of the schema (sql/0001_core.sql), in its order. */
static const char *const kinds[] = { "kindergarten", "school", "sfo",
	"health_clinic", "ppt", "child_welfare", "nav", "family_service", "bup",
	"police", "learning_centre", "municipal", "other", NULL };

/* The roles a person kept here can have (citizens are not kept here). */
static const char *const roles[] = { "employee", "leader", "admin", NULL };

static int
one_of(const char *const *list, const char *s)
{
	size_t i;

	for (i = 0; s != NULL && list[i] != NULL; i++)
		if (strcmp(list[i], s) == 0)
			return 1;
	return 0;
}

int
unit_kind_valid(const char *kind)
{
	return one_of(kinds, kind);
}

int
unit_code_valid(const char *code)
{
	size_t i, n = code != NULL ? strlen(code) : 0;

	if (n == 0 || n > 40)
		return 0;
	for (i = 0; i < n; i++)
		if (!((code[i] >= 'a' && code[i] <= 'z') ||
		    (code[i] >= '0' && code[i] <= '9') || code[i] == '-'))
			return 0;
	return 1;
}

int
account_name_valid(const char *name)
{
	size_t i, chars = 0, n = name != NULL ? strlen(name) : 0;
	int seen = 0;

	/* the text is valid UTF-8 already (every input is checked so):
	 * count the characters, as the column does, not the bytes */
	if (n == 0 || n > 800)
		return 0;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)name[i];

		if (c < ' ' || c == 0x7f)
			return 0;
		if ((c & 0xc0) != 0x80)
			chars++;
		if (c != ' ')
			seen = 1;
	}
	return seen && chars <= 200;
}

enum account_field
unit_check(const struct unit_in *in, const char **why)
{
	*why = NULL;
	if (in->code != NULL && !unit_code_valid(in->code)) {
		*why = N_("Write a code of 1 to 40 characters: lower-case letters a to z, digits and hyphens, for example fagerli-bhg.");
		return AF_CODE;
	}
	if (!account_name_valid(in->name)) {
		*why = N_("Write the unit's name: 1 to 200 characters.");
		return AF_NAME;
	}
	if (!unit_kind_valid(in->kind)) {
		*why = N_("Choose what kind of unit it is.");
		return AF_KIND;
	}
	return AF_OK;
}

enum account_field
person_check(const struct person_in *in, const char **why)
{
	*why = NULL;
	if (in->username == NULL || !auth_valid_username(in->username)) {
		*why = N_("Write a user name of 1 to 64 characters: lower-case letters a to z, digits, dots, hyphens and underscores, for example kari.nilsen.");
		return AF_USERNAME;
	}
	if (!account_name_valid(in->display_name)) {
		*why = N_("Write the person's name as others will see it: 1 to 200 characters.");
		return AF_DISPLAY_NAME;
	}
	if (!one_of(roles, in->role)) {
		*why = N_("Choose a role: employee, leader or administrator.");
		return AF_ROLE;
	}
	if (!in->has_unit && strcmp(in->role, "admin") != 0) {
		*why = N_("Choose the unit the person works in: employees and leaders need one.");
		return AF_UNIT;
	}
	if (in->email != NULL && *in->email != '\0' &&
	    !mail_address_ok(in->email)) {
		*why = N_("Write an e-mail address like name@example.no (at most 254 characters, no spaces), or leave it empty.");
		return AF_EMAIL;
	}
	return AF_OK;
}

const char *
account_field_name(enum account_field f)
{
	switch (f) {
	case AF_CODE:		return "code";
	case AF_NAME:		return "name";
	case AF_KIND:		return "kind";
	case AF_USERNAME:	return "username";
	case AF_DISPLAY_NAME:	return "display_name";
	case AF_ROLE:		return "role";
	case AF_UNIT:		return "unit";
	case AF_EMAIL:		return "email";
	case AF_OK:		break;
	}
	return "";
}

static st_rc
set_active(struct req *r, long long user_id, int active, int *changed)
{
	unsigned long long n = 0;
	struct db_val p[3];
	st_rc rc;

	p[0] = DV_INT(active);
	p[1] = DV_INT(user_id);
	p[2] = DV_INT(active);
	if ((rc = db_exec(&r->w->db, STMT_PERSON_SET_ACTIVE, p, 3, &n,
	    NULL)) != ST_OK)
		return rc;
	*changed = n > 0;
	return ST_OK;
}

st_rc
account_deactivate(struct req *r, long long user_id, int *changed)
{
	struct db_val p[1];
	st_rc rc;

	if ((rc = set_active(r, user_id, 0, changed)) != ST_OK)
		return rc;
	/* Even when it was inactive already: nothing of it may live on. */
	p[0] = DV_INT(user_id);
	if ((rc = db_exec(&r->w->db, STMT_SESSION_DELETE_USER, p, 1, NULL,
	    NULL)) != ST_OK ||
	    (rc = db_exec(&r->w->db, STMT_TOKEN_REVOKE_USER, p, 1, NULL,
	    NULL)) != ST_OK)
		return rc;
	auth_revoke_later(r);
	return ST_OK;
}

st_rc
account_reactivate(struct req *r, long long user_id, int *changed)
{
	return set_active(r, user_id, 1, changed);
}

st_rc
account_other_admins(struct req *r, long long user_id, long long *n)
{
	struct db_val p[1];
	struct db_res res;
	size_t i;
	st_rc rc;

	/* the municipality's own: each keeps an administrator */
	*n = 0;
	p[0] = DV_INT(r->who.municipality_id);
	if ((rc = db_query(&r->w->db, STMT_ADMINS_LOCK, p, 1, 100000,
	    &res)) != ST_OK)
		return rc;
	for (i = 0; i < res.nrows; i++)
		if (db_get_int(&res, i, 0) != user_id)
			(*n)++;
	db_res_release(&res);
	return ST_OK;
}
