/* partner.c: the partner registry: what a partner may be, its rows, and
 * which of its secrets are in place. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#include "alerts.h"
#include "i18n.h"
#include "db.h"
#include "partner.h"
#include "secretfile.h"
#include "secure.h"


static const char *const kinds[] = {
	"bup", "nav", "child_welfare", "ppt", "police", "other", NULL
};
static const char *const auths[] = { "mtls", "bearer", NULL };
static const char *const types[] = {
	"referral", "nav_notice", "cw_report", "handover", "cancellation",
	NULL
};

static int
one_of(const char *const *set, const char *s)
{
	size_t i;

	for (i = 0; set[i] != NULL; i++)
		if (strcmp(set[i], s) == 0)
			return 1;
	return 0;
}

int
partner_kind_valid(const char *kind)
{
	return one_of(kinds, kind);
}

int
partner_auth_valid(const char *auth)
{
	return one_of(auths, auth);
}

int
partner_type_valid(const char *type)
{
	return one_of(types, type);
}

int
partner_endpoint_valid(const char *url)
{
	size_t i, len = strlen(url);

	if (len <= 8 || len > 500 || strncmp(url, "https://", 8) != 0)
		return 0;
	/* No user information, no blanks or controls: a URL that curl
	 * and a reader see the same way. */
	for (i = 0; i < len; i++)
		if ((unsigned char)url[i] <= ' ' || url[i] == 0x7f ||
		    url[i] == '@' || url[i] == '\\')
			return 0;
	return 1;
}

/* A name people read: printable, no control characters. */
static int
name_valid(const char *name)
{
	size_t i, n = name != NULL ? strlen(name) : 0;

	if (n == 0 || n > 200)
		return 0;
	for (i = 0; i < n; i++)
		if ((unsigned char)name[i] < ' ' || name[i] == 0x7f)
			return 0;
	return 1;
}

enum partner_field
partner_check(const struct partner_in *in,
    char accepts[PARTNER_ACCEPTS_SIZE], const char **why)
{
	size_t i, t;
	int want[sizeof(types) / sizeof(types[0])] = { 0 };

	accepts[0] = '\0';
	if (!name_valid(in->name)) {
		*why = N_("A partner's name has 1 to 200 characters, none of them control characters.");
		return PF_NAME;
	}
	if (in->kind == NULL || !partner_kind_valid(in->kind)) {
		*why = N_("Choose the kind of service: bup, nav, child_welfare, ppt, police or other.");
		return PF_KIND;
	}
	if (in->endpoint == NULL || !partner_endpoint_valid(in->endpoint)) {
		*why = N_("The endpoint must be an https:// address of at most 500 characters, without a user name, spaces or backslashes: notices never travel unencrypted.");
		return PF_ENDPOINT;
	}
	if (in->auth == NULL || !partner_auth_valid(in->auth)) {
		*why = N_("Choose how stafett authenticates: mtls (a client certificate) or bearer (a token).");
		return PF_AUTH;
	}
	for (i = 0; i < in->ntypes; i++) {
		for (t = 0; types[t] != NULL; t++)
			if (in->types[i] != NULL &&
			    strcmp(in->types[i], types[t]) == 0)
				break;
		if (types[t] == NULL) {
			*why = N_("Unknown message type: the types are referral, nav_notice, cw_report, handover and cancellation.");
			return PF_ACCEPTS;
		}
		want[t] = 1;
	}
	/* In the schema's order, each once: the SET value as stored. */
	for (t = 0; types[t] != NULL; t++) {
		if (!want[t])
			continue;
		if (accepts[0] != '\0')
			(void)strncat(accepts, ",",
			    PARTNER_ACCEPTS_SIZE - strlen(accepts) - 1);
		(void)strncat(accepts, types[t],
		    PARTNER_ACCEPTS_SIZE - strlen(accepts) - 1);
	}
	if (accepts[0] == '\0') {
		*why = N_("Choose at least one message type the partner accepts.");
		return PF_ACCEPTS;
	}
	*why = NULL;
	return PF_OK;
}

const char *
partner_field_name(enum partner_field f)
{
	switch (f) {
	case PF_OK:		return "";
	case PF_NAME:		return "name";
	case PF_KIND:		return "kind";
	case PF_ENDPOINT:	return "endpoint";
	case PF_AUTH:		return "auth";
	case PF_ACCEPTS:	return "accepts";
	}
	return "";
}

st_rc
partner_exists(struct db *db, long long municipality, const char *id,
    int *found)
{
	struct db_res res;
	struct db_val p[3];
	st_rc rc;

	*found = 0;
	if (id == NULL || !secure_is_id(id))
		return ST_OK;
	p[0] = p[1] = DV_INT(municipality);
	p[2] = DV_STR(id);
	if ((rc = db_query(db, STMT_PARTNER_EXISTS, p, 3, 1, &res)) != ST_OK)
		return rc;
	*found = res.nrows == 1;
	db_res_release(&res);
	return ST_OK;
}

st_rc
partner_name_taken(struct db *db, long long municipality, const char *name,
    const char *public_id, int *taken)
{
	struct db_res res;
	struct db_val p[3];
	st_rc rc;

	p[0] = DV_INT(municipality);
	p[1] = DV_STR(name);
	p[2] = DV_STR(public_id != NULL ? public_id : "");
	if ((rc = db_query(db, STMT_PARTNER_NAME_TAKEN, p, 3, 1, &res)) !=
	    ST_OK)
		return rc;
	*taken = res.nrows > 0;
	db_res_release(&res);
	return ST_OK;
}

st_rc
partner_insert(struct db *db, const struct partner_in *in,
    const char *accepts, char id[SECURE_ID_SIZE], long long *rowid)
{
	unsigned long long row = 0;
	struct db_val p[7];
	st_rc rc;

	secure_random_id(id);
	p[0] = DV_INT(in->municipality);
	p[1] = DV_STR(id);
	p[2] = DV_STR(in->name);
	p[3] = DV_STR(in->kind);
	p[4] = DV_STR(in->endpoint);
	p[5] = DV_STR(in->auth);
	p[6] = DV_STR(accepts);
	rc = db_exec(db, STMT_PARTNER_INSERT, p, 7, NULL, &row);
	if (rowid != NULL)
		*rowid = (long long)row;
	if (rc == ST_OK)
		rc = alerts_partners_changed(db, NULL);
	return rc;
}

st_rc
partner_update(struct db *db, const char *public_id,
    const struct partner_in *in, const char *accepts, int *found)
{
	struct db_val p[6];
	st_rc rc;

	if ((rc = partner_exists(db, in->municipality, public_id, found)) !=
	    ST_OK || !*found)
		return rc;
	p[0] = DV_STR(in->name);
	p[1] = DV_STR(in->kind);
	p[2] = DV_STR(in->endpoint);
	p[3] = DV_STR(in->auth);
	p[4] = DV_STR(accepts);
	p[5] = DV_STR(public_id);
	if ((rc = db_exec(db, STMT_PARTNER_UPDATE, p, 6, NULL, NULL)) != ST_OK)
		return rc;
	/* What it no longer accepts goes to whoever does (deliver.c routes
	 * notices without a partner on its next pass). */
	if ((rc = db_exec(db, STMT_OUTBOX_UNROUTE, &p[5], 1, NULL, NULL)) !=
	    ST_OK)
		return rc;
	return alerts_partners_changed(db, NULL);
}

st_rc
partner_set_status(struct db *db, long long municipality,
    const char *public_id, const char *status, int *found)
{
	struct db_val p[2];
	st_rc rc;

	if ((rc = partner_exists(db, municipality, public_id, found)) !=
	    ST_OK || !*found)
		return rc;
	p[0] = DV_STR(status);
	p[1] = DV_STR(public_id);
	if ((rc = db_exec(db, STMT_PARTNER_SET_STATUS, p, 2, NULL, NULL)) !=
	    ST_OK)
		return rc;
	return alerts_partners_changed(db, NULL);
}

void
partner_secrets_found(const char *dir, const char *inbound_dir,
    const char *public_id, char *out, size_t outlen)
{
	char path[1024];
	struct stat st;
	size_t k, len = 0;

	if (outlen == 0)
		return;
	out[0] = '\0';
	for (k = 0; partner_secret_names[k] != NULL; k++) {
		const char *name = partner_secret_names[k];
		size_t n = strlen(name);

		if (partner_secret_path(strcmp(name, PARTNER_INBOUND) == 0 ?
		    inbound_dir : dir, public_id, name, path,
		    sizeof(path)) != ST_OK || lstat(path, &st) != 0 ||
		    !S_ISREG(st.st_mode) || st.st_size == 0)
			continue;
		if (len + n + 2 > outlen)
			break;
		if (len > 0)
			out[len++] = ',';
		memcpy(out + len, name, n + 1);
		len += n;
	}
}

st_rc
partner_secrets_record(struct db *db, const char *dir,
    const char *inbound_dir, const char *public_id)
{
	char found[96];
	struct db_val p[2];

	partner_secrets_found(dir, inbound_dir, public_id, found,
	    sizeof(found));
	p[0] = DV_STR(found);
	p[1] = DV_STR(public_id);
	return db_exec(db, STMT_PARTNER_SECRETS_SET, p, 2, NULL, NULL);
}

st_rc
partner_secrets_sync(struct db *db, const char *dir, const char *inbound_dir)
{
	struct db_res res;
	size_t i;
	st_rc rc;

	if ((rc = db_query(db, STMT_PARTNER_IDS, NULL, 0, 10000, &res)) !=
	    ST_OK)
		return rc;
	for (i = 0; i < res.nrows && rc == ST_OK; i++)
		rc = partner_secrets_record(db, dir, inbound_dir,
		    db_get(&res, i, 1));
	db_res_release(&res);
	return rc;
}
