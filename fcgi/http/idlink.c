/* idlink.c: accounts for people from identity providers (idlink.h). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "i18n.h"
#include "idlink.h"
#include "jwt.h"
#include "mem.h"
#include "worker.h"

/* A new account's user name: the kind and a random id; nobody types it. */
static void
new_username(const char *kind, char *out, size_t n)
{
	char id[SECURE_ID_SIZE];

	secure_random_id(id);
	snprintf(out, n, "%s-%s", kind, id);
}

st_rc
idlink_citizen(struct req *r, const unsigned char nin[SECURE_HASH_LEN],
    const char *name, long long *user_id)
{
	struct db *db = &r->w->db;
	char pid[SECURE_ID_SIZE], uname[64];
	struct db_val p[5];
	struct db_res res;
	unsigned long long id = 0;
	int active;
	st_rc rc;

	*user_id = 0;
	p[0] = DV_BLOB(nin, SECURE_HASH_LEN);
	if ((rc = db_query(db, STMT_CITIZEN_BY_NIN, p, 1, 2, &res)) != ST_OK)
		return rc;
	if (res.nrows == 1) {
		*user_id = db_get_int(&res, 0, 0);
		active = (int)db_get_int(&res, 0, 1);
		db_res_release(&res);
		return active ? ST_OK : ST_E_NOT_FOUND;
	}
	db_res_release(&res);
	secure_random_id(pid);
	new_username("id", uname, sizeof(uname));
	p[0] = DV_STR(pid);
	p[1] = DV_STR(uname);
	p[2] = DV_STR(name);
	p[3] = DV_STR(i18n_code(r->lang));
	p[4] = DV_BLOB(nin, SECURE_HASH_LEN);
	if ((rc = db_exec(db, STMT_CITIZEN_CREATE, p, 5, NULL, &id)) != ST_OK)
		return rc;
	*user_id = (long long)id;
	return ST_OK;
}

/* The token's groups or app roles as a JSON array of strings. */
static char *
roles_json(const struct conf *cfg, json_t *claims)
{
	json_t *v = json_object_get(claims, cfg->staff_roles_claim), *arr, *e;
	size_t i;
	char *s;

	arr = json_array();
	if (arr == NULL)
		return NULL;
	if (json_is_string(v))
		json_array_append(arr, v);
	else if (json_is_array(v))
		json_array_foreach(v, i, e)
			if (json_is_string(e) && json_string_length(e) <= 255)
				json_array_append(arr, e);
	s = json_dumps(arr, JSON_COMPACT);
	json_decref(arr);
	return s;
}

/* The role and unit the mapping gives the token's groups or roles;
 * *role NULL when it gives none. */
static st_rc
mapped(struct req *r, json_t *claims, const char **role, long long *unit,
    long long *municipality)
{
	struct db_val p[1];
	struct db_res res;
	char *roles;
	st_rc rc;

	*role = NULL;
	*unit = 0;
	if ((roles = roles_json(r->w->cfg, claims)) == NULL)
		return ST_E_NOMEM;
	p[0] = DV_STR(roles);
	rc = db_query(&r->w->db, STMT_IDP_ROLE, p, 1, 2, &res);
	xfree(roles);
	if (rc != ST_OK)
		return rc;
	if (res.nrows == 1) {
		*role = pool_strdup(&r->pool, db_get(&res, 0, 0));
		*unit = db_get_int(&res, 0, 1);
		*municipality = db_get_int(&res, 0, 2);
	}
	db_res_release(&res);
	return ST_OK;
}

static const char *
name_of(json_t *claims, const char *subject)
{
	const char *name = jwt_str(claims, "name");

	if (name == NULL || *name == '\0' || strlen(name) > 200)
		return subject;
	return name;
}

st_rc
idlink_staff_again(struct req *r, json_t *claims)
{
	struct db_val p[5];
	const char *role;
	long long unit, municipality = 0;
	st_rc rc;

	if ((rc = mapped(r, claims, &role, &unit, &municipality)) != ST_OK)
		return rc;
	if (role == NULL)
		return ST_E_NOT_FOUND;
	p[0] = DV_STR(role);
	p[1] = unit != 0 ? DV_INT(unit) : DV_NULL;
	p[2] = DV_INT(municipality);
	p[3] = DV_STR(name_of(claims, r->who.display_name != NULL ?
	    r->who.display_name : "?"));
	p[4] = DV_INT(r->who.user_id);
	return db_exec(&r->w->db, STMT_STAFF_REROLE, p, 5, NULL, NULL);
}

st_rc
idlink_staff(struct req *r, const char *subject, json_t *claims,
    long long *user_id, const char **why)
{
	struct db *db = &r->w->db;
	const char *name = name_of(claims, subject), *role;
	char pid[SECURE_ID_SIZE], uname[64];
	struct db_val p[6];
	struct db_res res;
	unsigned long long id = 0;
	long long unit, municipality = 0;
	int active = 0;
	st_rc rc;

	*user_id = 0;
	*why = NULL;
	if ((rc = mapped(r, claims, &role, &unit, &municipality)) != ST_OK)
		return rc;
	if (role == NULL)
		return *why = "unmapped", ST_E_NOT_FOUND;
	p[0] = DV_STR("staff");
	p[1] = DV_STR(subject);
	if ((rc = db_query(db, STMT_IDP_USER, p, 2, 2, &res)) != ST_OK)
		return rc;
	if (res.nrows == 1) {
		*user_id = db_get_int(&res, 0, 0);
		active = (int)db_get_int(&res, 0, 1);
	}
	db_res_release(&res);
	if (*user_id != 0 && !active)
		return *why = "inactive", ST_E_NOT_FOUND;
	p[0] = DV_STR(role);
	p[1] = unit != 0 ? DV_INT(unit) : DV_NULL;
	p[2] = DV_INT(municipality);
	p[3] = DV_STR(name);
	if (*user_id != 0) {
		p[4] = DV_INT(*user_id);
		return db_exec(db, STMT_STAFF_SET_ROLE, p, 5, NULL, NULL);
	}
	secure_random_id(pid);
	new_username("staff", uname, sizeof(uname));
	p[0] = DV_STR(pid);
	p[1] = DV_STR(uname);
	p[2] = DV_STR(name);
	p[3] = DV_STR(role);
	p[4] = unit != 0 ? DV_INT(unit) : DV_NULL;
	p[5] = DV_INT(municipality);
	if ((rc = db_exec(db, STMT_STAFF_CREATE, p, 6, NULL, &id)) != ST_OK)
		return rc;
	*user_id = (long long)id;
	p[0] = DV_STR("staff");
	p[1] = DV_STR(subject);
	p[2] = DV_INT(*user_id);
	return db_exec(db, STMT_IDP_LINK, p, 3, NULL, NULL);
}
