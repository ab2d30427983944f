/* result.h: the one result type every fallible call in stafett returns. */
#ifndef ST_RESULT_H
#define ST_RESULT_H

/*
 * Every function that can fail returns an st_rc and is marked ST_MUST_CHECK,
 * so an ignored error is a compile-time warning (an error under -Werror).
 * ST_OK is zero so that "if (rc != ST_OK) goto out;" reads naturally.
 *
 * The values say what kind of failure it was, because the caller maps them
 * to different outcomes: ST_E_DB_GONE becomes a reconnect and 503,
 * ST_E_BUSY a retry of the whole request and 503 when that does not help,
 * ST_E_UNAVAILABLE 503, ST_E_CONFLICT 409, ST_E_INVALID 400/422 with a
 * message.
 */
typedef enum st_rc {
	ST_OK = 0,
	ST_E_NOMEM,		/* allocation failed */
	ST_E_TOO_BIG,		/* a size cap was hit */
	ST_E_INVALID,		/* input does not satisfy the rules */
	ST_E_NOT_FOUND,		/* no such object (or not visible) */
	ST_E_CONFLICT,		/* concurrent change, duplicate key */
	ST_E_BUSY,		/* the database gave up waiting for a lock (a
				 * deadlock or a time-out): the transaction is
				 * rolled back, to be tried again whole */
	ST_E_DB,		/* database error other than a lost server */
	ST_E_DB_GONE,		/* the database server is unreachable */
	ST_E_UNAVAILABLE,	/* the database is there but cannot serve
				 * now: a statement ran out of time, the
				 * request's time for the database is
				 * spent, or it cannot write (disk full,
				 * read-only); nothing of the transaction
				 * remains */
	ST_E_IO,		/* file or socket error */
	ST_E_CONFIG,		/* configuration is missing or wrong */
	ST_E_INTERNAL		/* a broken invariant: a bug */
} st_rc;

#define ST_MUST_CHECK __attribute__((warn_unused_result))

/* A short lowercase name for log lines ("db gone"). Never NULL. */
const char *st_rc_str(st_rc rc);

#endif
