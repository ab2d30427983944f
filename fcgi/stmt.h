/* stmt.h: every runtime SQL statement, by name. */
#ifndef ST_STMT_H
#define ST_STMT_H

/*
 * The statements live in one table (stmt.c) so that all SQL the program
 * runs can be read in one place, each is prepared once per connection,
 * and none is ever built from strings at run time. Parameters are always
 * '?' placeholders. The comment in stmt.c above each statement lists its
 * parameters and result columns in order: that order is the contract with
 * the code that calls it.
 */
enum stmt_id {
	STMT_BEGIN,
	STMT_COMMIT,
	STMT_ROLLBACK,

	STMT_USER_BY_NAME,
	STMT_USER_SET_PASSWORD,
	STMT_LOGIN_FAILURES,
	STMT_LOGIN_FAILURE_ADD,
	STMT_LOGIN_FAILURE_CLEAR,
	STMT_LOGIN_FAILURE_PURGE,

	STMT_SESSION_CREATE,
	STMT_SESSION_GET,
	STMT_SESSION_TOUCH,
	STMT_SESSION_DELETE,
	STMT_SESSION_PURGE,

	STMT_TOKEN_CREATE,
	STMT_TOKEN_GET,
	STMT_TOKEN_REVOKE,
	STMT_TOKEN_LIST,

	STMT_CHILD_BY_NIN,
	STMT_CHILD_INSERT_NIN,
	STMT_CHILD_INSERT,
	STMT_SUBMISSION_INSERT,
	STMT_SUBMISSION_GET,
	STMT_DRAFT_INSERT,
	STMT_DRAFT_UPDATE,
	STMT_DRAFT_GET,
	STMT_DRAFT_DELETE,
	STMT_DRAFT_LIST,
	STMT_DRAFT_PURGE,
	STMT_CONCERN_INSERT,
	STMT_CONCERN_GET,
	STMT_CONCERN_LIST_AUTHOR,
	STMT_CONCERN_LIST_UNIT,
	STMT_OUTBOX_INSERT,
	STMT_UNIT_LIST,
	STMT_AUDIT_INSERT,
	STMT_AUDIT_LIST_AUTHOR,
	STMT_AUDIT_LIST_UNIT,

	STMT__COUNT
};

const char *stmt_sql(enum stmt_id id);
/* A short name for log lines, e.g. "concern_insert". */
const char *stmt_name(enum stmt_id id);

#endif
