/* db.h: one MariaDB connection with its prepared statements. */
#ifndef ST_DB_H
#define ST_DB_H

#include <stddef.h>
#include <string.h>

#include <mysql.h>

#include "conf.h"
#include "result.h"
#include "stmt.h"
#include "tail.h"

struct metrics;

/*
 * A struct db is one connection plus every runtime statement (stmt.h),
 * prepared once when the connection is made. A worker owns exactly one.
 *
 * Losing the server: any call that finds the server gone (restarted,
 * killed, socket closed) closes the connection and returns ST_E_DB_GONE;
 * the next db_ensure() reconnects and re-prepares, at most once a second
 * while the server stays away, so a request during an outage fails fast
 * with 503 instead of hanging. An open transaction is lost with the
 * connection: the server rolls it back, so nothing half-written remains.
 *
 * Transactions: db_begin/db_commit/db_rollback. db_begin refuses to nest
 * (ST_E_INTERNAL, logged with both call sites). db_rollback is safe to
 * call whether or not a transaction is open, so every error path can call
 * it. db->commit_sent tells whether a COMMIT went out in the current
 * request: after that, a lost connection leaves the outcome unknown and
 * the request must not be retried.
 *
 * Holding: a request that changes something runs whole in one
 * transaction (db_hold_begin ... db_hold_commit), so that its answer can
 * be stored with its effects (replay.h) and a deadlock anywhere in it can
 * be answered by running it again. While held, db_begin, db_commit and
 * db_rollback work on a savepoint inside it: a handler's own transaction
 * still rolls back on its own, and only db_hold_commit commits. A
 * deadlock makes the server roll back the whole held transaction; from
 * then on every statement is refused with ST_E_BUSY (db_hold_broken), so
 * nothing runs outside it by accident, until db_hold_rollback.
 *
 * Every statement is a round trip, so the held transaction costs none
 * it does not need (issue 17): its BEGIN goes out with the first
 * statement that must be in it (not the reads of stmt_outside_tx), a
 * handler's transaction that begins while nothing but reads ran in it
 * needs no savepoint (rolling it back rolls back no change of anyone
 * else's), and a transaction nothing ran in is neither committed nor
 * rolled back. While nothing has run in it
 * (db_hold_fresh), a request may instead write everything in one call
 * that is its own transaction (db_call_own_tx). The audit rows and
 * timeline events it writes are kept and sent with its COMMIT, in one
 * round trip (tail.h), unless a statement must see them first.
 *
 * Time: db_limits sets how long one statement may run and wait for a
 * lock (set on the server for each connection) and how long the client
 * waits for an answer (a stalled server). db_deadline bounds the time of
 * all statements from now on: after it, statements are refused with
 * ST_E_UNAVAILABLE, so a request never waits for the database longer
 * than the web server waits for it.
 *
 * Errors that mean "not now" (a statement out of time, a disk full, a
 * server in read-only mode) are ST_E_UNAVAILABLE; db->cannot_write tells
 * whether the last one was about writing (for the health check).
 *
 * Values: parameters are passed as an array of struct db_val; results of
 * db_query come back as strings (SQL NULL is a NULL pointer) in a
 * struct db_res, which owns them until db_res_release.
 */
enum db_type { DB_T_NULL, DB_T_STR, DB_T_INT, DB_T_BLOB };

struct db_val {
	enum db_type	 t;
	const void	*p;
	size_t		 len;
	long long	 i;
};

#define DV_NULL		((struct db_val){ DB_T_NULL, NULL, 0, 0 })
#define DV_STR(s)	((struct db_val){ DB_T_STR, (s), strlen(s), 0 })
#define DV_STRN(s, n)	((struct db_val){ DB_T_STR, (s), (n), 0 })
#define DV_INT(v)	((struct db_val){ DB_T_INT, NULL, 0, (long long)(v) })
#define DV_BLOB(b, n)	((struct db_val){ DB_T_BLOB, (b), (n), 0 })
/* A string that is NULL in SQL when s is NULL. */
static inline struct db_val
dv_opt(const char *s)
{
	struct db_val v = { DB_T_NULL, NULL, 0, 0 };

	if (s != NULL) {
		v.t = DB_T_STR;
		v.p = s;
		v.len = strlen(s);
	}
	return v;
}
#define DV_OPT(s)	dv_opt(s)

struct db_res {
	size_t		 nrows;
	size_t		 ncols;
	char		**cell;		/* nrows * ncols, NULL for SQL NULL */
	size_t		*len;
};

/* How many statements db_query_cached may keep results of. */
#define DB_CACHE_MAX	4

struct db {
	MYSQL		*my;
	MYSQL_STMT	*stmt[STMT__COUNT];
	/* how to (re)connect */
	char		*socket, *host, *user, *password, *name;
	unsigned	 port;
	int		 galera;	/* the nodes of a Galera cluster */
	unsigned	 node;		/* the one last connected to */
	long long	 last_attempt_ms;
	/* transaction state */
	const char	*tx_where;	/* set while a transaction is open */
	int		 commit_sent;
	/* last error, for logs: no values, only codes and messages */
	unsigned	 err_no;
	char		 err[256];
	/* statistics */
	unsigned long	 reconnects;
	/* where each statement's time is counted (metrics.h), or NULL */
	struct metrics	*metrics;
	/* results of parameterless reads kept a while (db_query_cached) */
	struct db_cached {
		enum stmt_id	 id;
		long long	 at_ms;
		struct db_res	 res;
	}		 cache[DB_CACHE_MAX];
	size_t		 ncache;
	/* READ COMMITTED for every transaction (db_read_committed) */
	int		 read_committed;
	/* time limits (db_limits, db_deadline) */
	unsigned	 read_timeout_s;
	unsigned	 statement_ms;
	unsigned	 lock_wait_s;
	long long	 deadline_ms;	/* monotonic; 0: none */
	long long	 t0_ms;		/* when the last statement was sent */
	int		 timed_out;	/* the last loss was a wait that ran
					 * out (a stalled server) */
	int		 cannot_write;	/* the last refusal was a write */
	/* the request's one transaction (db_hold_begin) */
	int		 held;		/* in the request's transaction */
	int		 begun;		/* its BEGIN sent (held) */
	int		 wrote;		/* a statement other than a read
					 * ran in it */
	int		 tx_nosp;	/* the open handler's transaction
					 * needs no savepoint: it began the
					 * held one */
	int		 own_call;	/* running a call that is its own
					 * transaction (db_call_own_tx) */
	int		 held_broken;	/* an st_rc: why the server ended it
					 * (ST_OK: it did not) */
	struct db_tail	 tail;		/* its rows kept for the COMMIT */
};

void db_init(struct db *db, const char *socket, const char *host,
    unsigned port, const char *user, const char *password, const char *name);
/*
 * db_init from the configuration: the database and account, and with
 * db_galera the cluster's nodes. db_socket (or db_host) may then list
 * several, comma-separated; a connection goes to the first of them that
 * answers and is ready (in the primary component, synced), beginning
 * with the one last used, and every read on it waits until the node has
 * applied what the cluster committed before the read began (causal
 * reads: wsrep_sync_wait = 1), so what one host wrote another reads at
 * once. A node that leaves the primary component (error 1047) counts as
 * gone: the next connection goes to another.
 */
void db_init_conf(struct db *db, const struct conf *cfg);
/* The number of entries of a comma-separated list of nodes, and entry i
 * of it (blanks around it removed) in out. */
unsigned db_node_count(const char *list);
void db_node_at(const char *list, unsigned i, char *out, size_t outlen);
void db_release(struct db *db);

/*
 * Make every transaction of this connection (and of any reconnection)
 * READ COMMITTED, for notify: a claim with FOR UPDATE SKIP LOCKED then
 * locks only the rows it takes, releases at once the rows it read but
 * does not take, and takes no gap locks, so web requests adding notices
 * in the same moment never wait for (or deadlock with) a claim. Call
 * before the first db_ensure.
 */
void db_read_committed(struct db *db);
/*
 * Time limits for every connection from now on: read_timeout_s for an
 * answer from the server (0: the library's default), statement_ms for
 * one statement to run (0: none), lock_wait_s for a row lock (0: the
 * server's default). Call before the first db_ensure.
 */
void db_limits(struct db *db, unsigned read_timeout_s, unsigned statement_ms,
    unsigned lock_wait_s);
/* Statements after ms from now are refused (ST_E_UNAVAILABLE); 0: none. */
void db_deadline(struct db *db, long long ms);

/* Connect (if not connected) and prepare all statements. */
st_rc db_ensure(struct db *db) ST_MUST_CHECK;
/* Round trip to the server: ST_OK, or ST_E_DB_GONE. */
st_rc db_ping(struct db *db) ST_MUST_CHECK;
int db_connected(const struct db *db);

/* The request's one transaction: see "Holding" above. db_hold_commit
 * answers ST_E_BUSY, having committed nothing, when it was broken. */
st_rc db_hold_begin(struct db *db) ST_MUST_CHECK;
/* Held, and nothing has run in the transaction yet. */
int db_hold_fresh(const struct db *db);
/*
 * Run a call that begins and commits a transaction of its own (a stored
 * procedure, sql/0027_concern_store.sql), in a fresh hold or outside
 * any (ST_E_INTERNAL otherwise). Its COMMIT counts as sent: when the
 * connection is lost during the call, the outcome is unknown
 * (db->commit_sent stays set); on an error the server reported, the
 * call has rolled back and nothing was committed.
 */
st_rc db_call_own_tx(struct db *db, enum stmt_id id,
    const struct db_val *params, size_t nparams) ST_MUST_CHECK;
st_rc db_hold_commit(struct db *db) ST_MUST_CHECK;
void db_hold_rollback(struct db *db);
int db_hold_broken(const struct db *db);

st_rc db_begin_at(struct db *db, const char *where) ST_MUST_CHECK;
#define db_begin(db) db_begin_at((db), __func__)
st_rc db_commit(struct db *db) ST_MUST_CHECK;
void db_rollback(struct db *db);

/*
 * Run fn(db, arg) in a transaction of its own and commit; run it again
 * while the server gives up on a lock (a deadlock, a lock wait) or the
 * connection is lost before the COMMIT went out, at most tries times,
 * with a short random pause between. For what the system records on its
 * own (a partner's answer, an attempt): it must never be lost because
 * someone else's transaction was in the way. fn must not begin or commit
 * itself, and must leave nothing behind in memory that a second run
 * would double. ST_E_DB_GONE with db->commit_sent set: the outcome is
 * unknown (the caller checks).
 */
st_rc db_tx(struct db *db, const char *where,
    st_rc (*fn)(struct db *, void *), void *arg, unsigned tries)
    ST_MUST_CHECK;

/*
 * Run a statement that returns no rows. affected and insert_id may be NULL.
 */
st_rc db_exec(struct db *db, enum stmt_id id, const struct db_val *params,
    size_t nparams, unsigned long long *affected,
    unsigned long long *insert_id) ST_MUST_CHECK;

/*
 * Run a statement that returns rows; at most max_rows are kept (more is
 * ST_E_TOO_BIG, so a caller never works on a silently truncated list).
 */
st_rc db_query(struct db *db, enum stmt_id id, const struct db_val *params,
    size_t nparams, size_t max_rows, struct db_res *res) ST_MUST_CHECK;

/*
 * As db_query for a statement without parameters whose result changes
 * rarely and may be up to ttl_ms old (the action guide, the staff list):
 * the result is kept in db and *res points into it until the next call
 * for the same statement or db_cache_drop; the caller must not release
 * it. At most DB_CACHE_MAX statements are kept; more is ST_E_INTERNAL.
 */
st_rc db_query_cached(struct db *db, enum stmt_id id, long long ttl_ms,
    size_t max_rows, const struct db_res **res) ST_MUST_CHECK;
/* Forget the kept result of id (after this worker changed its rows). */
void db_cache_drop(struct db *db, enum stmt_id id);

void db_res_release(struct db_res *res);
/* Move the rows of more to the end of res (the same columns, or res
 * empty); more is left empty. ST_E_INTERNAL when the columns differ. */
st_rc db_res_append(struct db_res *res, struct db_res *more) ST_MUST_CHECK;
/* Cell (row, col) as a string, or NULL for SQL NULL or out of range. */
const char *db_get(const struct db_res *res, size_t row, size_t col);
/* Cell as an integer; 0 for NULL. */
long long db_get_int(const struct db_res *res, size_t row, size_t col);
size_t db_get_len(const struct db_res *res, size_t row, size_t col);

#endif
