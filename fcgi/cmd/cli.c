/* cli.c: parse the command line and run a subcommand (see cli.h). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxslt/xslt.h>
#include <mysql.h>

#include "cli.h"
#include "dates.h"
#include "log.h"
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

static const struct {
	const char	*name;
	int		(*fn)(const struct conf *, int, char **);
} commands[] = {
	{ "serve", cmd_serve },
	{ "notify", cmd_notify },
	{ "migrate", cmd_migrate },
	{ "seed", cmd_seed },
	{ "check", cmd_check },
	{ "validate", cmd_validate },
	{ "schema", cmd_schema },
	{ "token", cmd_token },
	{ "user", cmd_user },
	{ "partner", cmd_partner },
	{ "routes", cmd_routes },
};

static void
usage(FILE *fp)
{
	fprintf(fp,
	    "usage: stafett [--config FILE] COMMAND [ARGS]\n\n"
	    "  serve                      run the FastCGI server\n"
	    "  notify [--once]            run deliveries and housekeeping\n"
	    "  migrate                    apply pending schema migrations\n"
	    "  seed FILE                  load an idempotent seed file\n"
	    "  check                      check forms and stylesheets\n"
	    "  validate [--today D] FORM FILE  validate an instance\n"
	    "  schema FORM[:VERSION]      print a form's XML Schema\n"
	    "  token create USER [LABEL]  print a new API token\n"
	    "  token revoke ID            revoke an API token\n"
	    "  token list USER            list a user's tokens\n"
	    "  user password USER         set a password from stdin\n"
	    "  partner add NAME KIND URL AUTH TYPE...  register a partner\n"
	    "  partner secret ID hmac|bearer|cert|key|inbound-hmac  store "
	    "a secret from stdin\n"
	    "  partner token ID           print a new token for its "
	    "receipts\n"
	    "  partner list|pause ID|resume ID  list or switch partners\n"
	    "  routes                     list routes and permissions\n");
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
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (strcmp(commands[i].name, argv[argi]) == 0) {
			rc = commands[i].fn(&cfg, argc - argi - 1,
			    argv + argi + 1);
			break;
		}
	if (i == sizeof(commands) / sizeof(commands[0])) {
		fprintf(stderr, "stafett: unknown command '%s'\n", argv[argi]);
		usage(stderr);
	}
	conf_release(&cfg);
	xsltCleanupGlobals();
	xmlCleanupParser();
	mysql_library_end();
	return rc;
}
