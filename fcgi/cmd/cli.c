/* cli.c: parse the command line and run a subcommand (see cli.h). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <libxml/parser.h>
#include <libxslt/xslt.h>
#include <mysql.h>

#include "cli.h"
#include "dates.h"
#include "log.h"
#include "mem.h"
#include "route.h"
#include "secure.h"
#include "server.h"
#include "xmlsafe.h"

static int
cmd_serve(const struct conf *cfg, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return server_run(cfg);
}

/* The route table, one route per line: what the access matrix test in
 * tests/system checks it covers. */
static int
cmd_routes(const struct conf *cfg, int argc, char **argv)
{
	static const char *perms[] = { "public", "user", "staff", "admin",
		"partner" };
	const struct route *rt;
	size_t i, n;

	(void)cfg;
	(void)argc;
	(void)argv;
	rt = route_table(&n);
	for (i = 0; i < n; i++)
		printf("%s %s %s\n", rt[i].method, rt[i].pattern,
		    perms[rt[i].perm]);
	return 0;
}

/*
 * The subcommands, and what each is called with and does: `stafett
 * help` and the man page's COMMANDS (`stafett doc commands`) are both
 * printed from here, so neither can leave one out.
 */
#define USAGE_MAX	6
static const struct {
	const char	*name;
	int		(*fn)(const struct conf *, int, char **);
	const char	*usage[USAGE_MAX][2];	/* arguments, what */
	const char	*about;		/* more, for the man page, or NULL */
} commands[] = {
	{ "serve", cmd_serve, {
	    { "serve", "run the FastCGI server: a master, its workers and "
	    "the database monitor" } },
	    "A master pre-forks workers on the unix socket fcgi_socket and a "
	    "monitor of the database, replaces any that dies (pausing if one "
	    "dies at once), and answers /healthz itself on fcgi_socket.health. "
	    "SIGHUP reloads forms and stylesheets (a broken definition is "
	    "refused with its reason and the old ones stay in service). "
	    "SIGTERM removes the socket, lets the requests in flight finish "
	    "and answers those queued on the socket before it exits. Its "
	    "children die with it, and a second serve on the same socket is "
	    "refused." },
	{ "notify", cmd_notify, {
	    { "notify [--once]", "deliver notices and e-mail, and keep "
	    "house; --once: one pass, then exit" } },
	    "The delivery process: delivers notices to partners and e-mail to "
	    "people, removes expired sessions, old failed-login records, "
	    "expired drafts and request keys older than a day, and runs the "
	    "calendar sweep. With --once it does one pass and the deliveries "
	    "due, then exits. SIGTERM makes it claim nothing more and finish "
	    "and record what is in flight (at most shutdown_grace_s)." },
	{ "migrate", cmd_migrate, {
	    { "migrate", "apply the schema migrations not applied yet" } },
	    "Applies the files sql/NNNN_*.sql not applied yet, each once, "
	    "recorded with its checksum in schema_migration; an applied file "
	    "that changed is an error. DDL commits implicitly in MariaDB, so "
	    "each file is one transaction only as far as MariaDB allows. It "
	    "connects as db_admin_user." },
	{ "seed", cmd_seed, {
	    { "seed FILE", "load an idempotent seed file" } }, NULL },
	{ "check", cmd_check, {
	    { "check", "load every form and stylesheet and report" } }, NULL },
	{ "validate", cmd_validate, {
	    { "validate [--today D] FORM FILE", "validate an instance" } },
	    NULL },
	{ "schema", cmd_schema, {
	    { "schema FORM[:VERSION]", "print a form's XML Schema" } }, NULL },
	{ "token", cmd_token, {
	    { "token create USER [LABEL]", "print a new API token" },
	    { "token revoke ID", "revoke an API token" },
	    { "token list USER", "list a user's tokens" } }, NULL },
	{ "user", cmd_user, {
	    { "user password USER", "set a password read from standard "
	    "input" },
	    { "user email USER ADDRESS", "set where the user's e-mail "
	    "notices go (\"\" removes it)" } },
	    "An e-mail address is checked as the mailer checks it and never "
	    "printed." },
	{ "municipality", cmd_municipality, {
	    { "municipality list", "list the municipalities served, with "
	    "what each has and shares" },
	    { "municipality add NUMBER NAME", "serve another municipality "
	    "(its action guide begins as a copy of the first one's)" },
	    { "municipality set NUMBER KEY VALUE", "change its number, name "
	    "or a setting (\"\": the installation's)" },
	    { "municipality share|unshare UNIT-CODE HOST-NUMBER NUMBER",
	    "let a unit of HOST-NUMBER serve NUMBER too, or no longer" } },
	    "Everything belongs to one municipality, and its people see "
	    "nothing of another's. An inter-municipal service (a child "
	    "welfare service or a FACT team serving several) is a unit of its "
	    "host municipality shared with the others: its people can then "
	    "be named in their cases, and their units in their consents. "
	    "Settings are concern_deadline_days, emergency_phone, "
	    "draft_keep_days, consent_max_days, consent_warn_days, "
	    "measure_remind_days and retention_log_days, "
	    "retention_concern_days and retention_token_days; one not set "
	    "is the installation's (stafett.conf). Commands that act for one "
	    "municipality (partner add, idp map) take --municipality NUMBER "
	    "after their verb when there are several." },
	{ "partner", cmd_partner, {
	    { "partner add [--municipality N] NAME KIND URL AUTH TYPE...",
	    "register a partner and print its id" },
	    { "partner secret ID hmac|bearer|cert|key|inbound-hmac",
	    "store a partner's secret read from standard input" },
	    { "partner token ID", "print a new token for the partner's "
	    "receipts" },
	    { "partner endpoint ID URL", "move a partner to a new https "
	    "address (only here, never from a page or the API)" },
	    { "partner list|pause ID|resume ID", "list partners, or stop "
	    "and restart deliveries to one" } },
	    "A partner has a kind (bup, nav, child_welfare, ppt, police, "
	    "other), an https:// endpoint, an authentication (mtls or bearer) "
	    "and the message types it accepts. Its secrets are read from "
	    "standard input and never printed again: hmac, bearer, cert and "
	    "key into partner_secrets_dir/ID/ (mode 0600), inbound-hmac, the "
	    "key it signs its receipts with, into "
	    "partner_inbound_dir/ID/inbound_hmac (mode 0640). partner token "
	    "prints a new bearer token for its receipts once and keeps only "
	    "its hash; it replaces the one before. partner list shows which "
	    "secrets are in place and how many notices wait." },
	{ "idp", cmd_idp, {
	    { "idp map [--municipality N] VALUE ROLE [UNIT-CODE]", "let "
	    "staff whose token lists "
	    "the group or app role VALUE in with ROLE (employee, leader, "
	    "admin) in the unit" },
	    { "idp unmap VALUE|list", "take a mapping away, or list them" } },
	    "Staff log in with the municipality's identity provider "
	    "(staff_issuer); the claim staff_roles_claim of their ID token "
	    "lists groups or app roles, and the highest role mapped from "
	    "them, with its unit, is theirs at each login. Nothing mapped: "
	    "no entry." },
	{ "folk", cmd_folk, {
	    { "folk load FILE", "load an extract of the population register "
	    "(person;NIN;NAME and parent;NIN;CHILD-NIN;1|0 lines) and apply "
	    "it to the guardians' access at once" } },
	    "Every parent the extract names has exactly the relations it "
	    "lists from then on; a guardian who lost parental responsibility "
	    "loses the child's log at their next request. Identity numbers "
	    "are kept only as HMACs under the server key." },
	{ "oidc", cmd_oidc, {
	    { "oidc keygen FILE", "make a client key (RSA 3072, as a private "
	    "JWK, mode 0600) for private_key_jwt and print its public half "
	    "to register at the provider" } }, NULL },
	{ "routes", cmd_routes, {
	    { "routes", "list the routes and who may call them" } }, NULL },
};
#define NCOMMANDS (sizeof(commands) / sizeof(commands[0]))

static void
usage(FILE *fp)
{
	size_t i, j;

	fprintf(fp, "usage: stafett [--config FILE] COMMAND [ARGS]\n\n");
	for (i = 0; i < NCOMMANDS; i++)
		for (j = 0; j < USAGE_MAX && commands[i].usage[j][0]; j++)
			fprintf(fp, "  %s\n      %s\n",
			    commands[i].usage[j][0], commands[i].usage[j][1]);
	fprintf(fp, "  doc api --forms DIR | conf | commands\n"
	    "      print a generated reference\n");
}

const char *
cli_about(size_t i)
{
	return i < NCOMMANDS ? commands[i].about : NULL;
}

int
cli_usage(size_t i, size_t j, const char **args, const char **what)
{
	if (i >= NCOMMANDS || j >= USAGE_MAX ||
	    commands[i].usage[j][0] == NULL)
		return 0;
	*args = commands[i].usage[j][0];
	*what = commands[i].usage[j][1];
	return 1;
}

size_t
cli_ncommands(void)
{
	return NCOMMANDS;
}

int
cli_main(int argc, char **argv)
{
	const char *explicit_conf = NULL, *path;
	struct conf cfg;
	char err[512];
	size_t i;
	int argi = 1, rc = 2;

	if (argi + 1 < argc && strcmp(argv[argi], "--config") == 0) {
		explicit_conf = argv[argi + 1];
		argi += 2;
	}
	if (argi >= argc) {
		usage(stderr);
		return 2;
	}
	if (strcmp(argv[argi], "help") == 0 ||
	    strcmp(argv[argi], "--help") == 0) {
		usage(stdout);
		return 0;
	}
	/* the references need no configuration: the build makes them */
	if (strcmp(argv[argi], "doc") == 0)
		return cmd_doc(argc - argi, argv + argi);
	if (strcmp(argv[argi], "version") == 0 ||
	    strcmp(argv[argi], "--version") == 0) {
		printf("%s\n", PACKAGE_STRING);
		return 0;
	}
	path = conf_find(explicit_conf);
	if (conf_load(&cfg, path, explicit_conf != NULL ||
	    getenv("STAFETT_CONFIG") != NULL, err, sizeof(err)) != ST_OK) {
		fprintf(stderr, "stafett: %s\n", err);
		conf_release(&cfg);
		return 1;
	}
	if (strcmp(cfg.log_level, "debug") == 0)
		log_set_level(LOG_LVL_DEBUG);
	else if (strcmp(cfg.log_level, "warn") == 0)
		log_set_level(LOG_LVL_WARN);
	else if (strcmp(cfg.log_level, "error") == 0)
		log_set_level(LOG_LVL_ERR);
	dates_set_zone(cfg.timezone);
	if (secure_init() != ST_OK) {
		fprintf(stderr, "stafett: cannot initialise libsodium\n");
		conf_release(&cfg);
		return 1;
	}
	xmlsafe_global_init();
	/* jansson allocates as the rest of the program does (mem.h): a
	 * failure ends the process, so no JSON is ever half built (the
	 * rows a request keeps for its COMMIT, tail.h) */
	json_set_alloc_funcs(xmalloc, xfree);
	for (i = 0; i < NCOMMANDS; i++)
		if (strcmp(commands[i].name, argv[argi]) == 0) {
			rc = commands[i].fn(&cfg, argc - argi - 1,
			    argv + argi + 1);
			break;
		}
	if (i == NCOMMANDS) {
		fprintf(stderr, "stafett: unknown command '%s'\n", argv[argi]);
		usage(stderr);
	}
	conf_release(&cfg);
	xsltCleanupGlobals();
	xmlCleanupParser();
	mysql_library_end();
	return rc;
}
