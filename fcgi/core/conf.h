/* conf.h: the one configuration file, with environment overrides. */
#ifndef ST_CONF_H
#define ST_CONF_H

#include <stddef.h>

#include "result.h"

/*
 * The configuration is one file of "key = value" lines ('#' starts a
 * comment). Every key may be overridden by the environment variable
 * STAFETT_<KEY> (upper case), which wins over the file; that is how tests
 * and containers adjust a setting without writing a file. An unknown key
 * in the file is an error, so a typo never silently falls back to a
 * default.
 *
 * conf_find() decides which file to read: the explicit path if given,
 * else $STAFETT_CONFIG, else ./var/stafett.conf (the development default
 * written by the run command), else SYSCONFDIR/stafett/stafett.conf.
 *
 * All strings are owned by the struct and freed by conf_release().
 */
struct conf {
	char	*path;

	/* database (the web workers and notify) */
	char	*db_socket;	/* unix socket; empty means TCP */
	char	*db_host;
	unsigned db_port;
	unsigned db_galera;	/* db_socket or db_host: Galera nodes */
	char	*db_name;
	char	*db_user;
	char	*db_password;
	char	*db_password_file;
	/* database account for migrations (DDL); defaults to db_user */
	char	*db_admin_user;
	char	*db_admin_password;
	/* how long a web request may wait for the database (db.h): one
	 * statement, one row lock, an answer at all, the whole request */
	unsigned db_statement_ms;
	unsigned db_lock_wait_s;
	unsigned db_read_timeout_s;
	unsigned db_request_ms;

	/* serve */
	char	*fcgi_socket;	/* unix socket nginx connects to */
	char	*fcgi_socket_group; /* its group (empty: serve's own) */
	unsigned workers;
	char	*pid_file;
	unsigned shutdown_grace_s;	/* SIGTERM: in-flight requests' time */
	unsigned request_cpu_s;		/* CPU one request may use */

	/* files the program reads */
	char	*forms_dir;
	char	*xsl_dir;
	char	*sql_dir;
	char	*locale_dir;
	char	*secret_file;	/* 32 random bytes, keys the HMACs */
	/* partners' secrets (HMAC key, bearer token, client certificate
	 * and key), one directory per partner; only notify reads them */
	char	*partner_secrets_dir;
	/* the keys partners sign their receipts with, one directory per
	 * partner; the web workers read them (group), notify does not */
	char	*partner_inbound_dir;
	/* the only CA partners' certificates are checked against; empty
	 * means the system's CAs (verification is never off) */
	char	*partner_ca_file;
	unsigned delivery_timeout_s;	/* a whole request */
	unsigned delivery_connect_timeout_s;
	unsigned delivery_lease_s;	/* a claim; more than the timeouts */
	unsigned delivery_backoff_s;	/* first wait, doubled per attempt */
	unsigned delivery_horizon_s;	/* after this a notice is dead */
	unsigned delivery_max_in_flight;	/* per notify process */
	unsigned delivery_max_per_partner;	/* per notify process */
	/* e-mail to people (notify): empty smtp_url = no e-mail, the
	 * notices wait; the password is a file only notify reads */
	char	*smtp_url;		/* smtp://host:port or smtps://... */
	char	*smtp_from;		/* the envelope and From address */
	char	*smtp_starttls;		/* off, try or required */
	char	*smtp_user;
	char	*smtp_password_file;
	char	*smtp_ca_file;		/* empty: the system's CAs */
	char	*public_url;		/* the site as people open it */
	/* a notice delivered but not acknowledged this long raises an
	 * alert to its sender and the administrators */
	unsigned delivery_ack_timeout_s;
	/* a partner whose last this many attempts all failed is alerted
	 * as failing until it delivers again (0: never) */
	unsigned partner_failing_after;

	/* OpenID Connect providers (oidc.h); an empty issuer is off */
	char	*idporten_issuer;
	char	*idporten_client_id;
	char	*idporten_client_key_file;
	char	*idporten_acr;		/* the lowest level let in */
	char	*staff_issuer;
	char	*staff_client_id;
	char	*staff_client_key_file;
	char	*staff_client_secret_file;
	char	*staff_subject_claim;	/* sub, or oid for Entra ID */
	char	*staff_roles_claim;	/* groups or app roles */
	char	*staff_scope;		/* what is asked of it */
	char	*oidc_ca_file;
	unsigned oidc_recheck_min;	/* a provider's session checked again */
	unsigned reauth_max_min;	/* how fresh a login a sensitive
					 * action needs */

	/* behaviour */
	unsigned session_idle_min;
	unsigned session_absolute_min;
	unsigned login_max_failures;	/* per name and address pair */
	unsigned login_max_failures_name; /* per name, unknown devices */
	unsigned login_max_failures_addr; /* per client address (a whole
					   * municipality may share one) */
	unsigned login_window_min;
	unsigned body_max;		/* bytes, for any request body */
	unsigned token_cache_ms;	/* how long a worker trusts a token */
	unsigned xml_max_depth;
	unsigned concern_deadline_days;
	/* the child welfare emergency service's number, as dialled; "":
	 * not known (the urgent pages say how to reach it anyway) */
	char	*emergency_phone;
	/* the languages of the consent information page, codes with a
	 * file in forms_dir/consent-info, space-separated */
	char	*consent_info_languages;
	unsigned draft_keep_days;	/* a draft lives this long after its
					 * last save */
	/* retention (README, Retention): days, 0 never */
	unsigned retention_log_days;	/* a closed log, then archived */
	unsigned retention_concern_days; /* a concern ended at level 0 */
	unsigned retention_token_days;	/* a revoked API token */
	char	*archive_dir;		/* where archive copies are handed */
	unsigned consent_max_days;	/* the longest a consent may last */
	unsigned consent_warn_days;	/* warn this long before expiry */
	unsigned measure_remind_days;	/* remind this long before evaluation */
	unsigned view_cache_kb;		/* per worker (viewcache.h); 0: off */
	unsigned view_cache_verify;	/* check every kept copy used */
	char	*default_lang;		/* "nb" or "en" */
	char	*timezone;		/* for dates people act on */
	char	*log_level;		/* error, warn, info, debug */
};

/* Which file to read, per the order above. Returns a static or given string. */
const char *conf_find(const char *explicit_path);

/*
 * Fill defaults, read path, apply environment. On error, *err says why.
 * With must_exist (a file named on the command line or in
 * STAFETT_CONFIG) a missing file is an error; otherwise the defaults and
 * the environment stand alone.
 */
st_rc conf_load(struct conf *cfg, const char *path, int must_exist,
    char *err, size_t errlen) ST_MUST_CHECK;
void conf_release(struct conf *cfg);

/*
 * The keys as conf_load() reads them, in the file's order, for the
 * reference (`stafett doc conf`, man stafett.conf): the ith key's name,
 * default, description and whether it is a number; 0 past the last.
 */
struct conf_key_doc {
	const char	*name;
	const char	*def;
	const char	*doc;
	int		 number;
};
int conf_key_doc(size_t i, struct conf_key_doc *out);

#endif
