/* cli.h: the subcommands of the stafett program. */
#ifndef ST_CLI_H
#define ST_CLI_H

#include <stddef.h>

#include "conf.h"

/*
 * stafett [--config FILE] COMMAND [ARGS]: the commands and what they
 * take are the table in cli.c (`stafett help`, man stafett). Each
 * cmd_* returns the process exit status; messages go to standard error,
 * results (a token, an id) to standard output.
 */
int cli_main(int argc, char **argv);
/*
 * The subcommands' usage, for the man page: the jth way of calling the
 * ith command (its arguments, and what it does); 0 past the last.
 * cli_ncommands() says how many commands there are; each has one at
 * least (check_route.c walks them).
 */
int cli_usage(size_t i, size_t j, const char **args, const char **what);
size_t cli_ncommands(void);
/* More about the ith command for the man page, or NULL. */
const char *cli_about(size_t i);
/* `stafett doc api --forms DIR | conf | commands` (doc.c): argv[0] is
 * "doc". */
int cmd_doc(int argc, char **argv);
/* Connect db as the web workers do (admin.c); -1 after saying why on
 * standard error (db released). */
struct db;
int cli_db_open(const struct conf *cfg, struct db *db);

/*
 * The municipality a command acts for (municipality.c): the one with
 * this number, or, with number NULL, the only one there is (several:
 * the operator must say which). 0 and *id, or -1 after saying why.
 * cli_municipality_option() takes "--municipality NUMBER" after the
 * verb (argv[0]) out of the arguments and returns NUMBER, or NULL.
 */
int cli_municipality(struct db *db, const char *number, long long *id);
const char *cli_municipality_option(int *argc, char ***argv);

int cmd_migrate(const struct conf *cfg, int argc, char **argv);
int cmd_municipality(const struct conf *cfg, int argc, char **argv);
int cmd_seed(const struct conf *cfg, int argc, char **argv);
int cmd_token(const struct conf *cfg, int argc, char **argv);
int cmd_user(const struct conf *cfg, int argc, char **argv);
int cmd_partner(const struct conf *cfg, int argc, char **argv);
int cmd_idp(const struct conf *cfg, int argc, char **argv);
int cmd_folk(const struct conf *cfg, int argc, char **argv);
int cmd_oidc(const struct conf *cfg, int argc, char **argv);
int cmd_notify(const struct conf *cfg, int argc, char **argv);
int cmd_check(const struct conf *cfg, int argc, char **argv);
int cmd_validate(const struct conf *cfg, int argc, char **argv);
int cmd_schema(const struct conf *cfg, int argc, char **argv);

#endif
