/* partner.h: the partner registry and where partners' secrets live. */
#ifndef ST_PARTNER_H
#define ST_PARTNER_H

#include <stddef.h>

#include "result.h"
#include "secretfile.h"
#include "secure.h"

/*
 * A partner is a row in `partner` (sql/0004_partners.sql) plus up to four
 * secret files that never enter the database:
 *
 *   <partner_secrets_dir>/<public_id>/hmac    key of the body signature
 *   <partner_secrets_dir>/<public_id>/bearer  token for auth = bearer
 *   <partner_secrets_dir>/<public_id>/cert    client certificate (PEM)
 *   <partner_secrets_dir>/<public_id>/key     client private key (PEM)
 *
 * Directories are 0700 and files 0600, owned by the account notify runs
 * as; the web workers never open them. A secret is written once from
 * standard input (`stafett partner secret`) and never printed again.
 *
 * What a partner sends us is checked by the web workers, so its key
 * lives apart, where they can read it and notify's keys stay out of
 * their reach:
 *
 *   <partner_inbound_dir>/<public_id>/inbound_hmac  key of the signature
 *                                                  of the partner's
 *                                                  receipts
 *
 * (directories 0750, the file 0640: give the group to the web workers'
 * account). It is written the same way (`stafett partner secret ID
 * inbound-hmac`) and should differ from the hmac key, so that whoever
 * can read it can check a partner's receipts but never sign a notice as
 * the municipality. The partner's bearer token for its receipts is
 * issued by `stafett partner token ID`, printed once, and kept only as
 * its hash in the database.
 *
 * partner_kind_valid(), partner_auth_valid() and partner_type_valid()
 * say whether a word is one of the enum values of the schema.
 * partner_endpoint_valid() accepts https:// URLs only: notices never
 * travel in clear text. The secret files are read through
 * secretfile.h.
 */
int partner_kind_valid(const char *kind);
int partner_auth_valid(const char *auth);
int partner_type_valid(const char *type);
int partner_endpoint_valid(const char *url);


/*
 * What a partner is made of, as the CLI (arguments) and the web (form
 * fields or an XML body) give it. The strings belong to the caller.
 */
#define PARTNER_TYPES_MAX	8
struct partner_in {
	const char	*name;
	const char	*kind;
	const char	*endpoint;
	const char	*auth;
	const char	*types[PARTNER_TYPES_MAX];
	size_t		 ntypes;
	/* whose partner it is; in a change, 0: any municipality's (the
	 * operator's command line) */
	long long	 municipality;
};

/* The schema's SET value of the accepted types ("referral,handover"). */
#define PARTNER_ACCEPTS_SIZE	128

enum partner_field {
	PF_OK = 0, PF_NAME, PF_KIND, PF_ENDPOINT, PF_AUTH, PF_ACCEPTS
};

/*
 * partner_check() applies the rules every registration and every change
 * obeys, wherever it comes from: a name of 1 to 200 printable
 * characters, a known kind and auth, an https:// endpoint
 * (partner_endpoint_valid) and at least one known message type. It
 * returns PF_OK and fills accepts (each type once, in the schema's
 * order), or the first wrong field with *why its reason: an English
 * msgid, shown through _() in the user's language.
 * partner_field_name() is the field's input name ("endpoint").
 */
enum partner_field partner_check(const struct partner_in *in,
    char accepts[PARTNER_ACCEPTS_SIZE], const char **why);
const char *partner_field_name(enum partner_field f);

/*
 * The registry in the database, in the caller's transaction if one is
 * open. partner_insert() writes a checked partner (its new public id in
 * id, its row id in *rowid if not NULL); partner_update() changes one
 * (*found = 0 when there is none).
 * A partner whose kind or types changed no longer receives notices it
 * was given but does not accept any more: those still waiting (queued
 * or failed) are routed again, to whichever active partner accepts
 * them. partner_set_status() pauses ("paused") or resumes ("active").
 * After each of the three, a notice that no active partner can take
 * now (none takes it, or its partner is paused) raises its no_receiver
 * alert, and one that has a receiver again clears it, in the same
 * transaction (alerts.h): the people who must reach the service another
 * way are told at once, not at notify's next sweep.
 * partner_name_taken() tells whether another partner of the
 * municipality (not public_id, which may be NULL) has the name.
 * partner_exists(), partner_update() and partner_set_status() find the
 * partner among the municipality's (in->municipality for an update), or
 * among all when it is 0 (the operator's command line): another
 * municipality's is not found.
 */
struct db;
st_rc partner_insert(struct db *db, const struct partner_in *in,
    const char *accepts, char id[SECURE_ID_SIZE], long long *rowid)
    ST_MUST_CHECK;
st_rc partner_update(struct db *db, const char *public_id,
    const struct partner_in *in, const char *accepts, int *found)
    ST_MUST_CHECK;
st_rc partner_set_status(struct db *db, long long municipality,
    const char *public_id, const char *status, int *found) ST_MUST_CHECK;
/* Is there a partner with the public id id? */
st_rc partner_exists(struct db *db, long long municipality, const char *id,
    int *found) ST_MUST_CHECK;
st_rc partner_name_taken(struct db *db, long long municipality,
    const char *name, const char *public_id, int *taken) ST_MUST_CHECK;

/*
 * Which secrets are in place, never what they are. The web workers
 * cannot read partner_secrets_dir, so the partner row records it:
 * partner_secrets_found() looks at the files (the account notify runs
 * as: notify's in dir, inbound_hmac in inbound_dir) and writes their
 * names as the schema's SET value into out ("hmac,bearer");
 * partner_secrets_record() stores that on the partner row. `stafett
 * partner secret` records after every write, and notify for every
 * partner once a minute (partner_secrets_sync), so a file removed by
 * hand shows too.
 */
void partner_secrets_found(const char *dir, const char *inbound_dir,
    const char *public_id, char *out, size_t outlen);
st_rc partner_secrets_record(struct db *db, const char *dir,
    const char *inbound_dir, const char *public_id) ST_MUST_CHECK;
st_rc partner_secrets_sync(struct db *db, const char *dir,
    const char *inbound_dir) ST_MUST_CHECK;

#endif
