/* conf.c: read the configuration file and environment overrides. */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "conf.h"
#include "mailaddr.h"
#include "mem.h"
#include "secretfile.h"

enum ktype { K_STR, K_UINT };

struct key {
	const char	*name;
	enum ktype	 type;
	size_t		 off;
	const char	*def;
	const char	*doc;	/* what it is, for `man stafett.conf` */
};

#define S(f, d, doc)	{ #f, K_STR, offsetof(struct conf, f), d, doc }
#define U(f, d, doc)	{ #f, K_UINT, offsetof(struct conf, f), d, doc }

static const struct key keys[] = {
	S(db_socket, "",
	    "the MariaDB server's unix socket; empty: connect over TCP to "
	    "db_host and db_port"),
	S(db_host, "localhost",
	    "the MariaDB server's host, when db_socket is empty"),
	U(db_port, "3306",
	    "its TCP port"),
	S(db_name, "stafett",
	    "the database"),
	S(db_user, "stafett",
	    "the account the web workers and notify use"),
	S(db_password_file, "",
	    "a file readable by its owner only (or owned by root and read "
	    "by its group: serve and notify in group stafett) holding the "
	    "password of "
	    "db_user (and of db_admin_user when that is not set) on one line, "
	    "so the password is not in this file; not with db_password"),
	S(db_password, "",
	    "its password (empty with socket authentication)"),
	S(db_admin_user, "",
	    "the account migrate uses to change the schema and create "
	    "triggers; it must keep existing, as MariaDB runs the triggers as "
	    "it"),
	S(db_admin_password, "",
	    "its password"),
	U(db_galera, "0",
	    "1: the database is a Galera cluster; db_socket (or db_host) "
	    "then lists its nodes, comma-separated, tried in order from the "
	    "last one used; a node is used only while it is ready, and a "
	    "read waits until its node has applied what the cluster "
	    "committed before it (wsrep_sync_wait = 1)"),
	/* All below nginx's fastcgi_read_timeout (60 s), so a request is
	 * answered by stafett, truthfully, before nginx gives up on it. */
	U(db_statement_ms, "5000",
	    "the longest a web request's statement may run"),
	U(db_lock_wait_s, "3",
	    "the longest a statement waits for a row lock"),
	U(db_read_timeout_s, "7",
	    "the longest a process waits for any answer from the server"),
	U(db_request_ms, "20000",
	    "all of a request's time in the database; these four stay well "
	    "below nginx's 60 s, so stafett answers before nginx gives up"),
	S(fcgi_socket, "/run/stafett/stafett.sock",
	    "the FastCGI unix socket nginx connects to; the master answers "
	    "/healthz on fcgi_socket.health and holds fcgi_socket.lock"),
	S(fcgi_socket_group, "",
	    "the group both sockets are given, for the web server to connect "
	    "(mode 0660; the systemd unit makes serve a member of www-data "
	    "for this); empty: serve's own group"),
	U(workers, "4",
	    "how many worker processes serve pre-forks"),
	S(pid_file, "",
	    "where serve writes its pid (empty: nowhere)"),
	U(request_cpu_s, "10",
	    "the CPU time one request may use; a worker that goes over it "
	    "stops at once (the master starts another, nothing of the "
	    "request is saved), so no request can hold a worker"),
	U(shutdown_grace_s, "20",
	    "how long serve and notify may take to finish what is in flight "
	    "on SIGTERM"),
	S(forms_dir, PKGDATADIR "/forms",
	    "the form definitions"),
	S(xsl_dir, PKGDATADIR "/forms/xsl",
	    "the stylesheets"),
	S(sql_dir, PKGDATADIR "/sql",
	    "the migrations"),
	S(locale_dir, LOCALEDIR,
	    "the compiled translations"),
	S(secret_file, SYSCONFDIR "/stafett/secret",
	    "32 random bytes or 64 hex digits that key the HMACs of sessions, "
	    "tokens and ids"),
	S(partner_secrets_dir, SYSCONFDIR "/stafett/partners",
	    "notify's keys for partners, one folder a partner (mode 0700)"),
	S(partner_inbound_dir, SYSCONFDIR "/stafett/partners-inbound",
	    "the keys partners sign their receipts with, which the web "
	    "workers read (mode 0750)"),
	S(partner_ca_file, "",
	    "the CAs partners' certificates are checked against (empty: the "
	    "system's)"),
	U(delivery_timeout_s, "30",
	    "the longest one delivery to a partner may take"),
	U(delivery_connect_timeout_s, "10",
	    "the longest connecting to a partner may take"),
	U(delivery_lease_s, "120",
	    "how long a notify process holds a notice it delivers; longer "
	    "than both time-outs"),
	U(delivery_backoff_s, "30",
	    "the wait after a first failed attempt, doubled per attempt up to "
	    "an hour"),
	U(delivery_horizon_s, "259200",
	    "how long a notice is tried before it is dead (three days)"),
	U(delivery_max_in_flight, "16",
	    "deliveries at once, per notify process"),
	U(delivery_max_per_partner, "4",
	    "deliveries at once to one partner, per notify process"),
	S(smtp_url, "",
	    "smtp://host:port or smtps://host:port (a path names the EHLO "
	    "host); empty: no e-mail, the notices to people wait"),
	S(smtp_from, "",
	    "the sender address, needed with smtp_url"),
	S(smtp_starttls, "required",
	    "off, try or required"),
	S(smtp_user, "",
	    "the SMTP account, with smtp_password_file or not at all"),
	S(smtp_password_file, "",
	    "a file only its owner may read holding the SMTP password on one "
	    "line (notify refuses to start otherwise); the password is never "
	    "a configuration value and is sent only over TLS (starttls "
	    "required, or smtps://)"),
	S(smtp_ca_file, "",
	    "the CAs the SMTP server's certificate is checked against (empty: "
	    "the system's)"),
	S(public_url, "",
	    "the site's address, for the links in e-mails; needed with "
	    "smtp_url"),
	U(delivery_ack_timeout_s, "172800",
	    "how long a notice may stay delivered without a receipt before "
	    "its sender is alerted (two days)"),
	U(partner_failing_after, "5",
	    "consecutive failed attempts after which a partner is shown "
	    "failing (0: never)"),
	/* OpenID Connect (oidc.h): ID-porten for guardians and youths, the
	 * municipality's provider for staff; an empty issuer is off. */
	S(idporten_issuer, "",
	    "ID-porten's issuer (https://idporten.no, or the test "
	    "environment's); empty: no ID-porten login"),
	S(idporten_client_id, "",
	    "the client id ID-porten gave the municipality"),
	S(idporten_client_key_file, "",
	    "the private JWK (RSA or EC P-256) stafett signs its client "
	    "assertions with (private_key_jwt), readable by its owner only; "
	    "`stafett oidc keygen FILE` makes one and prints the public key "
	    "to register"),
	S(idporten_acr, "idporten-loa-substantial",
	    "the lowest level of assurance let in: idporten-loa-substantial "
	    "or idporten-loa-high"),
	S(staff_issuer, "",
	    "the issuer of the municipality's identity provider for staff "
	    "(for Entra ID https://login.microsoftonline.com/TENANT/v2.0); "
	    "empty: staff log in with passwords only"),
	S(staff_client_id, "",
	    "stafett's client id at that provider"),
	S(staff_client_key_file, "",
	    "the private JWK for private_key_jwt at that provider; empty: "
	    "staff_client_secret_file"),
	S(staff_client_secret_file, "",
	    "a file only its owner may read holding the client secret on one "
	    "line, where the provider offers nothing better "
	    "(client_secret_basic)"),
	S(staff_subject_claim, "sub",
	    "the claim that names a person for good: sub, or oid for Entra ID"),
	S(staff_scope, "openid profile offline_access",
	    "the scopes asked of the staff provider; offline_access brings the "
	    "refresh token its sessions are checked with (oidc_recheck_min)"),
	S(staff_roles_claim, "roles",
	    "the claim listing the person's groups or app roles, which "
	    "`stafett idp map` turns into a role and a unit"),
	S(oidc_ca_file, "",
	    "the CAs the providers' certificates are checked against (empty: "
	    "the system's)"),
	U(oidc_recheck_min, "15",
	    "minutes after which a session from a provider is checked with it "
	    "again (a refresh token when the provider gave one; else the "
	    "person logs in again): an account removed there is out then"),
	U(reauth_max_min, "15",
	    "how recent a login must be for a sensitive action (withdrawing a "
	    "consent, finalising minutes, changing a partner); older, the "
	    "person confirms who they are again first"),
	U(session_idle_min, "30",
	    "minutes a session lives without use"),
	U(session_absolute_min, "600",
	    "minutes a session lives at most"),
	U(login_max_failures_name, "20",
	    "failed logins per user name in a window, from anywhere, after "
	    "which browsers that never logged in as that user are refused "
	    "(the user's own are not)"),
	U(login_max_failures, "5",
	    "failed logins for one user name from one address in a window, "
	    "after which that pair is refused for the rest of the window"),
	U(login_max_failures_addr, "100",
	    "failed logins from one client address in a window, after which "
	    "browsers from it that never logged in as the user are refused "
	    "(those that did are not: a shared address locks nobody out)"),
	U(login_window_min, "15",
	    "the window of the failed-login counts, in minutes"),
	U(body_max, "262144",
	    "the largest request body in bytes, where a route sets no limit "
	    "of its own"),
	U(token_cache_ms, "1000",
	    "how long a worker trusts an API token it has checked (0: it "
	    "checks every time); an account deactivated on the web loses "
	    "its tokens at once whatever this is"),
	U(xml_max_depth, "32",
	    "the deepest XML a request may send"),
	U(concern_deadline_days, "14",
	    "days from a concern to its level-0 decision"),
	S(consent_info_languages, "nb nn en pl ar so ti",
	    "the languages the consent information page (/consent-info) "
	    "offers families, as language codes with a text in "
	    "forms_dir/consent-info (CODE.xml); the municipality chooses "
	    "the languages of its immigrant families; a text not yet "
	    "checked by a qualified translator says so"),
	S(emergency_phone, "",
	    "the telephone number of the child welfare emergency service "
	    "(barnevernvakten) that serves the municipality, as people "
	    "dial it (digits, spaces, a leading +; for example "
	    "\"+47 33 17 10 00\"): an urgent concern's page leads with it, "
	    "as a link that dials it on a phone; empty: people are told to "
	    "phone the child welfare emergency service, or the police on "
	    "112 when they do not know its number"),
	/* Long enough for a concern begun on a Friday to be finished after
	 * a holiday; not so long that half-written notes about a child
	 * linger. Each save keeps it this long again. */
	U(draft_keep_days, "30",
	    "days a draft is kept after it was last saved, 1 to 365; then "
	    "notify deletes it"),
	/* The rules and why each default is what it is: README,
	 * Retention. */
	U(retention_log_days, "730",
	    "days a closed relay log is kept in stafett after it was closed; "
	    "then its archive copy is handed to the archive (archive_dir) "
	    "and everything of the log is deleted (0: never)"),
	U(retention_concern_days, "365",
	    "days a concern that ended at level 0 (nothing more was needed) "
	    "is kept after its decision; then it is deleted (0: never)"),
	U(retention_token_days, "90",
	    "days a revoked API token is kept after it was revoked (0: "
	    "never deleted)"),
	S(archive_dir, LOCALSTATEDIR "/lib/stafett/archive",
	    "where notify hands the archive copy of a closed log to the "
	    "municipality's archive (HTML and XML, one pair a log, written "
	    "whole before the log is deleted); empty: closed logs are kept"),
	U(consent_max_days, "365",
	    "the longest a consent may run"),
	U(consent_warn_days, "14",
	    "days before a consent expires that the holder is warned (0: "
	    "never)"),
	U(measure_remind_days, "3",
	    "days before a measure's evaluation date that its holder is "
	    "reminded (0: never)"),
	U(view_cache_kb, "8192",
	    "what each worker may keep of rendered log pages (0: nothing)"),
	U(view_cache_verify, "0",
	    "1: check every kept page used against a fresh one (the tests do)"),
	S(default_lang, "nb",
	    "the language of pages and of what notify writes: nb, nn or en"),
	S(timezone, "Europe/Oslo",
	    "the municipality's time zone, for deadlines and dates"),
	S(log_level, "info",
	    "error, warn, info or debug"),
};

#define NKEYS (sizeof(keys) / sizeof(keys[0]))

int
conf_key_doc(size_t i, struct conf_key_doc *out)
{
	if (i >= NKEYS)
		return 0;
	out->name = keys[i].name;
	out->def = keys[i].def;
	out->doc = keys[i].doc;
	out->number = keys[i].type == K_UINT;
	return 1;
}

const char *
conf_find(const char *explicit_path)
{
	const char *env;

	if (explicit_path != NULL && *explicit_path != '\0')
		return explicit_path;
	env = getenv("STAFETT_CONFIG");
	if (env != NULL && *env != '\0')
		return env;
	if (access("var/stafett.conf", R_OK) == 0)
		return "var/stafett.conf";
	return SYSCONFDIR "/stafett/stafett.conf";
}

static st_rc
set_value(struct conf *cfg, const struct key *k, const char *val,
    char *err, size_t errlen)
{
	char *base = (char *)cfg;

	if (k->type == K_STR) {
		char **slot = (char **)(base + k->off);

		xfree(*slot);
		*slot = xstrdup(val);
	} else {
		unsigned *slot = (unsigned *)(base + k->off);
		unsigned long v;
		char *end;

		errno = 0;
		v = strtoul(val, &end, 10);
		if (errno != 0 || end == val || *end != '\0' || v > UINT_MAX ||
		    *val == '-') {
			snprintf(err, errlen, "'%s' must be a whole number, "
			    "not '%s'", k->name, val);
			return ST_E_CONFIG;
		}
		*slot = (unsigned)v;
	}
	return ST_OK;
}

/* No spaces or control characters: a value that goes into a URL or a
 * protocol line as it is. */
static int
one_word(const char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s <= 0x20 || *s == 0x7f)
			return 0;
	return 1;
}

/* Empty, or a number as people dial it: digits and spaces, a leading
 * +, 3 to 20 digits; it goes into a tel: link as its digits. */
static int
phone_ok(const char *s)
{
	size_t digits = 0;

	if (*s == '\0')
		return 1;
	if (*s == '+')
		s++;
	for (; *s != '\0'; s++) {
		if (*s >= '0' && *s <= '9')
			digits++;
		else if (*s != ' ')
			return 0;
	}
	return digits >= 3 && digits <= 20;
}

/*
 * The e-mail keys. With smtp_url empty e-mail is off and the rest is not
 * needed; with it set, the sender and the site's address must be usable,
 * and a password only ever travels over TLS.
 */
static st_rc
check_smtp(struct conf *cfg, char *err, size_t errlen)
{
	size_t n;

	if (strcmp(cfg->smtp_starttls, "off") != 0 &&
	    strcmp(cfg->smtp_starttls, "try") != 0 &&
	    strcmp(cfg->smtp_starttls, "required") != 0) {
		snprintf(err, errlen, "'smtp_starttls' must be off, try or "
		    "required");
		return ST_E_CONFIG;
	}
	if (*cfg->smtp_url == '\0')
		return ST_OK;
	if ((strncmp(cfg->smtp_url, "smtp://", 7) != 0 &&
	    strncmp(cfg->smtp_url, "smtps://", 8) != 0) ||
	    !one_word(cfg->smtp_url)) {
		snprintf(err, errlen, "'smtp_url' must be smtp://host[:port] "
		    "or smtps://host[:port], or empty for no e-mail");
		return ST_E_CONFIG;
	}
	if (!mail_address_ok(cfg->smtp_from)) {
		snprintf(err, errlen, "'smtp_from' must be an e-mail address "
		    "(name@domain) when 'smtp_url' is set");
		return ST_E_CONFIG;
	}
	/* The links in e-mails: no trailing slash, so paths join. */
	n = strlen(cfg->public_url);
	while (n > 0 && cfg->public_url[n - 1] == '/')
		cfg->public_url[--n] = '\0';
	if ((strncmp(cfg->public_url, "http://", 7) != 0 &&
	    strncmp(cfg->public_url, "https://", 8) != 0) || n < 10 ||
	    !one_word(cfg->public_url)) {
		snprintf(err, errlen, "'public_url' must be the site's "
		    "http:// or https:// address when 'smtp_url' is set");
		return ST_E_CONFIG;
	}
	if ((*cfg->smtp_user == '\0') != (*cfg->smtp_password_file == '\0')) {
		snprintf(err, errlen, "'smtp_user' and 'smtp_password_file' "
		    "go together");
		return ST_E_CONFIG;
	}
	if (*cfg->smtp_user != '\0' &&
	    strcmp(cfg->smtp_starttls, "required") != 0 &&
	    strncmp(cfg->smtp_url, "smtps://", 8) != 0) {
		snprintf(err, errlen, "the SMTP password is sent only over "
		    "TLS: set 'smtp_starttls = required' or use smtps://");
		return ST_E_CONFIG;
	}
	return ST_OK;
}

static const struct key *
find_key(const char *name)
{
	size_t i;

	for (i = 0; i < NKEYS; i++)
		if (strcmp(keys[i].name, name) == 0)
			return &keys[i];
	return NULL;
}

static char *
trim(char *s)
{
	char *e;

	while (isspace((unsigned char)*s))
		s++;
	e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = '\0';
	return s;
}


/* With db_galera, db_socket (or db_host) lists the nodes: each entry
 * named, none longer than a path may be (db.c takes 511 bytes). */
static st_rc
check_nodes(const struct conf *cfg, char *err, size_t errlen)
{
	const char *list = *cfg->db_socket != '\0' ? cfg->db_socket :
	    cfg->db_host;
	const char *p = list, *end;
	size_t n;

	if (!cfg->db_galera)
		return ST_OK;
	for (;;) {
		end = strchr(p, ',');
		n = end != NULL ? (size_t)(end - p) : strlen(p);
		while (n > 0 && *p == ' ') {
			p++;
			n--;
		}
		while (n > 0 && p[n - 1] == ' ')
			n--;
		if (n == 0 || n > 511) {
			snprintf(err, errlen, "'%s' must list the Galera "
			    "nodes, comma-separated, each named (db_galera = "
			    "1)", *cfg->db_socket != '\0' ? "db_socket" :
			    "db_host");
			return ST_E_CONFIG;
		}
		if (end == NULL)
			return ST_OK;
		p = end + 1;
	}
}

static st_rc
read_file(struct conf *cfg, const char *path, char *err, size_t errlen)
{
	char line[1024];
	FILE *fp;
	unsigned lineno = 0;
	st_rc rc = ST_OK;

	if ((fp = fopen(path, "r")) == NULL) {
		snprintf(err, errlen, "cannot read configuration '%s': %s",
		    path, strerror(errno));
		return ST_E_CONFIG;
	}
	while (fgets(line, sizeof(line), fp) != NULL) {
		char *p, *eq, *name, *val;
		const struct key *k;

		lineno++;
		if (strchr(line, '\n') == NULL && !feof(fp)) {
			snprintf(err, errlen, "%s:%u: line too long", path,
			    lineno);
			rc = ST_E_CONFIG;
			break;
		}
		p = trim(line);
		if (*p == '\0' || *p == '#')
			continue;
		if ((eq = strchr(p, '=')) == NULL) {
			snprintf(err, errlen, "%s:%u: expected 'key = value'",
			    path, lineno);
			rc = ST_E_CONFIG;
			break;
		}
		*eq = '\0';
		name = trim(p);
		val = trim(eq + 1);
		if ((k = find_key(name)) == NULL) {
			snprintf(err, errlen, "%s:%u: unknown key '%s'", path,
			    lineno, name);
			rc = ST_E_CONFIG;
			break;
		}
		if ((rc = set_value(cfg, k, val, err, errlen)) != ST_OK)
			break;
	}
	fclose(fp);
	return rc;
}

st_rc
conf_load(struct conf *cfg, const char *path, int must_exist, char *err,
    size_t errlen)
{
	size_t i;
	st_rc rc;

	memset(cfg, 0, sizeof(*cfg));
	for (i = 0; i < NKEYS; i++)
		if ((rc = set_value(cfg, &keys[i], keys[i].def, err,
		    errlen)) != ST_OK)
			return rc;
	cfg->path = xstrdup(path);
	/* A missing file is fine when everything comes from the environment. */
	if (access(path, F_OK) == 0 || must_exist)
		if ((rc = read_file(cfg, path, err, errlen)) != ST_OK)
			return rc;
	for (i = 0; i < NKEYS; i++) {
		char env[64];
		const char *v;
		size_t j;

		snprintf(env, sizeof(env), "STAFETT_%s", keys[i].name);
		for (j = 8; env[j] != '\0'; j++)
			env[j] = (char)toupper((unsigned char)env[j]);
		if ((v = getenv(env)) != NULL)
			if ((rc = set_value(cfg, &keys[i], v, err, errlen)) !=
			    ST_OK)
				return rc;
	}
	if (cfg->workers == 0 || cfg->workers > 256) {
		snprintf(err, errlen, "'workers' must be between 1 and 256");
		return ST_E_CONFIG;
	}
	if (strcmp(cfg->default_lang, "nb") != 0 &&
	    strcmp(cfg->default_lang, "nn") != 0 &&
	    strcmp(cfg->default_lang, "en") != 0) {
		snprintf(err, errlen,
		    "'default_lang' must be 'nb', 'nn' or 'en'");
		return ST_E_CONFIG;
	}
	if (strcmp(cfg->log_level, "error") != 0 &&
	    strcmp(cfg->log_level, "warn") != 0 &&
	    strcmp(cfg->log_level, "info") != 0 &&
	    strcmp(cfg->log_level, "debug") != 0) {
		snprintf(err, errlen, "'log_level' must be error, warn, info "
		    "or debug");
		return ST_E_CONFIG;
	}
	if (cfg->draft_keep_days == 0 || cfg->draft_keep_days > 365) {
		snprintf(err, errlen, "'draft_keep_days' must be 1 to 365");
		return ST_E_CONFIG;
	}
	if (check_nodes(cfg, err, errlen) != ST_OK)
		return ST_E_CONFIG;
	if (cfg->body_max < 1024 || cfg->xml_max_depth < 4) {
		snprintf(err, errlen, "'body_max' or 'xml_max_depth' is too "
		    "small");
		return ST_E_CONFIG;
	}
	if (cfg->db_statement_ms < 100 || cfg->db_lock_wait_s == 0 ||
	    cfg->db_read_timeout_s == 0 || cfg->db_request_ms < 1000 ||
	    (unsigned long long)cfg->db_read_timeout_s * 1000 <=
	    cfg->db_statement_ms) {
		/* A read time-out shorter than a statement's time would
		 * take a slow statement for a stalled server. */
		snprintf(err, errlen, "'db_statement_ms' (at least 100), "
		    "'db_lock_wait_s', 'db_read_timeout_s' (longer than a "
		    "statement) and 'db_request_ms' (at least 1000) must be "
		    "set");
		return ST_E_CONFIG;
	}
	if (cfg->delivery_timeout_s == 0 ||
	    cfg->delivery_connect_timeout_s == 0 ||
	    cfg->delivery_lease_s <= cfg->delivery_timeout_s +
	    cfg->delivery_connect_timeout_s) {
		/* A lease that can end while its request still runs would
		 * let a second process send the same notice. */
		snprintf(err, errlen, "'delivery_lease_s' must be longer than "
		    "'delivery_timeout_s' and 'delivery_connect_timeout_s' "
		    "together");
		return ST_E_CONFIG;
	}
	if (cfg->delivery_max_in_flight == 0 ||
	    cfg->delivery_max_in_flight > 1000 ||
	    cfg->delivery_max_per_partner == 0) {
		snprintf(err, errlen, "'delivery_max_in_flight' must be 1 to "
		    "1000 and 'delivery_max_per_partner' at least 1");
		return ST_E_CONFIG;
	}
	if ((rc = check_smtp(cfg, err, errlen)) != ST_OK)
		return rc;
	if (cfg->consent_warn_days > 365) {
		snprintf(err, errlen, "'consent_warn_days' must be 0 to 365");
		return ST_E_CONFIG;
	}
	if (cfg->view_cache_kb > 4194304) {
		snprintf(err, errlen,
		    "'view_cache_kb' must be 0 to 4194304 (4 GB)");
		return ST_E_CONFIG;
	}
	if (!phone_ok(cfg->emergency_phone)) {
		snprintf(err, errlen, "'emergency_phone' must be a telephone "
		    "number: digits and spaces, a leading + and 3 to 20 "
		    "digits, or empty");
		return ST_E_CONFIG;
	}
	if (cfg->measure_remind_days > 365) {
		snprintf(err, errlen, "'measure_remind_days' must be 0 to 365");
		return ST_E_CONFIG;
	}
	if (*cfg->db_password_file != '\0') {
		char pw[512];

		if (*cfg->db_password != '\0') {
			snprintf(err, errlen, "'db_password' and "
			    "'db_password_file' exclude each other");
			return ST_E_CONFIG;
		}
		if (secret_password_read("db_password_file",
		    cfg->db_password_file, pw, sizeof(pw), err, errlen) !=
		    ST_OK)
			return ST_E_CONFIG;
		xfree(cfg->db_password);
		cfg->db_password = xstrdup(pw);
		sodium_memzero(pw, sizeof(pw));
	}
	if (*cfg->db_admin_user == '\0') {
		xfree(cfg->db_admin_user);
		xfree(cfg->db_admin_password);
		cfg->db_admin_user = xstrdup(cfg->db_user);
		cfg->db_admin_password = xstrdup(cfg->db_password);
	}
	return ST_OK;
}

void
conf_release(struct conf *cfg)
{
	size_t i;

	for (i = 0; i < NKEYS; i++)
		if (keys[i].type == K_STR) {
			char **slot = (char **)((char *)cfg + keys[i].off);

			xfree(*slot);
			*slot = NULL;
		}
	xfree(cfg->path);
	cfg->path = NULL;
}
