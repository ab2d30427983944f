/* auth.h: who is asking: sessions, API tokens and logging in. */
#ifndef ST_AUTH_H
#define ST_AUTH_H

#include "principal.h"
#include "req.h"
#include "result.h"
#include "secure.h"

/*
 * Sessions: the cookie holds 256 random bits; the database holds only
 * their hash, with the user, a CSRF token, the login time (absolute
 * timeout) and the last request (idle timeout). Both timeouts are checked
 * in the lookup query itself, so an expired session simply is not found.
 *
 * API tokens: "Authorization: Bearer TOKEN"; likewise stored hashed, and
 * refused once revoked or when the account is deactivated.
 *
 * Logging in is rate limited per user name and per client address, both
 * kept only as HMACs under the server key. A failed login for an unknown
 * name costs as much time as for a known one, so the answer does not
 * tell which names exist.
 */
enum login_result { LOGIN_OK, LOGIN_BAD, LOGIN_LIMITED };

/*
 * A worker remembers the principal of the API tokens it saw in the last
 * token_cache_ms milliseconds (1 s by default; 0 turns it off), so a
 * client sending a burst of requests costs one lookup, not one per
 * request. The price: a token revoked from the command line still
 * works in a worker for at most that long. An account an administrator
 * deactivates (account.h) loses its tokens at once: the entries carry
 * the shared count of deactivations (metrics.h) as it was when they
 * were read, and one read before the latest deactivation is not used.
 */
#define AUTH_CACHE_SIZE	16

struct auth_cache_entry {
	unsigned char	 hash[SECURE_HASH_LEN];
	long long	 expires_ms;
	unsigned long long epoch;	/* accounts_deactivated, when read */
	long long	 user_id, unit_id;
	enum role	 role;
	char		 public_id[SECURE_ID_SIZE];
	char		 username[65], display_name[201], unit_name[201];
	char		 unit_kind[41], lang[3];
	long long	 municipality_id;
	long long	 serves[PRINCIPAL_SERVES_MAX];
	unsigned	 nserves;
};

struct auth_cache {
	struct auth_cache_entry	v[AUTH_CACHE_SIZE];
	unsigned		next;	/* round-robin replacement */
};

/* ST_OK and r->who filled, or ST_E_NOT_FOUND (no or expired session). */
st_rc auth_session(struct req *r) ST_MUST_CHECK;
/* ST_OK and r->who filled, or ST_E_NOT_FOUND (missing or bad token). */
st_rc auth_bearer(struct req *r) ST_MUST_CHECK;
/*
 * A partner's request (PERM_PARTNER routes): the bearer token is one
 * issued to the partner (`stafett partner token`, stored hashed in
 * partner.inbound_token_hash), and X-Stafett-Signature is sha256=<hex
 * HMAC-SHA256 of the body exactly as it came> under the partner's
 * inbound key (partner_inbound_dir; see partner.h), compared in constant
 * time. ST_OK and r->partner filled, or ST_E_NOT_FOUND with *token_ok
 * telling whether it was the token (0) or the signature (1) that failed.
 */
st_rc auth_partner(struct req *r, int *token_ok) ST_MUST_CHECK;
/* Check the password and, on success, start a session (sets the cookie). */
st_rc auth_login(struct req *r, const char *username, const char *password,
    enum login_result *result) ST_MUST_CHECK;
/*
 * A session from an identity provider (oidc.h). The provider's tokens
 * are kept sealed under the server key (secure_seal), each under its
 * own purpose: the ID token to log out at the provider with, the
 * refresh token to ask the provider again (auth_session).
 */
#define SEAL_IDTOKEN	"oidc_idt"
#define SEAL_REFRESH	"oidc_rft"
struct auth_idp {
	const char	*provider;	/* "idporten" or "staff" */
	/* from the ID token; each may be NULL */
	const char	*sid, *sub, *acr;
	/* the provider's tokens; the refresh token may be NULL */
	const char	*id_token, *refresh_token;
	/* when the person proved who they are (the ID token's auth_time,
	 * seconds since the epoch; 1 when it does not say: long ago) */
	long long	 auth_time;
};
/*
 * Start a session for the active account user_id, in the caller's
 * transaction: the row, the cookie, r->who, r->csrf. ST_E_NOT_FOUND when
 * the account is not active.
 */
st_rc auth_start(struct req *r, long long user_id,
    const struct auth_idp *idp) ST_MUST_CHECK;
/*
 * Has the session's person proved who they are recently enough for a
 * sensitive action (route_reauth): within reauth_max_min, and from
 * ID-porten at the level idporten_acr asks now (raised to high, a
 * session of substantial must log in again)?
 */
int auth_fresh(const struct req *r);
/* End the current session. */
st_rc auth_logout(struct req *r) ST_MUST_CHECK;
/*
 * The request has taken an account's access away (account_deactivate):
 * auth_revoke_later() marks it, and once its transaction is committed
 * the dispatcher calls auth_revoked(), which raises the shared count of
 * deactivations so that no worker trusts a token it read before. Raised
 * before the commit, a worker could read the token again, still valid,
 * and keep it for token_cache_ms.
 */
void auth_revoke_later(struct req *r);
struct worker;
void auth_revoked(struct worker *w);
/* Is s a plausible user name (lower-case letters, digits, . _ -)? */
int auth_valid_username(const char *s);

#endif
