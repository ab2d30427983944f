/* db.c: the MariaDB connection, prepared statements and transactions. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <errmsg.h>
#include <mysqld_error.h>
#include <sodium.h>

#include "db.h"
#include "dbwatch.h"
#include "fault.h"
#include "log.h"
#include "mem.h"
#include "metrics.h"

#define DB_MAX_PARAMS	40
/* The most columns a result has (a concern with the facts of the two
 * logs it may touch: 42); small values of each are read on the stack. */
#define DB_MAX_COLS	64
#define RECONNECT_MS	1000

static long long
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static unsigned long long
now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (unsigned long long)ts.tv_sec * 1000000000ULL +
	    (unsigned long long)ts.tv_nsec;
}

/*
 * Statement timing, when db->metrics is set: from before the statement is
 * sent to after its last row is read (a reconnect, rare, counts into the
 * statement that needed it).
 */
static unsigned long long
stmt_start(const struct db *db)
{
	return db->metrics != NULL ? now_ns() : 0;
}

static void
stmt_done(const struct db *db, enum stmt_id id, unsigned long long start)
{
	if (db->metrics != NULL)
		metrics_observe_stmt(db->metrics, (int)id, now_ns() - start);
}

void
db_init(struct db *db, const char *socket, const char *host, unsigned port,
    const char *user, const char *password, const char *name)
{
	memset(db, 0, sizeof(*db));
	db->socket = xstrdup(socket);
	db->host = xstrdup(host);
	db->port = port;
	db->user = xstrdup(user);
	db->password = xstrdup(password);
	db->name = xstrdup(name);
	db->last_attempt_ms = -RECONNECT_MS;
	tail_init(&db->tail);
}

void
db_init_conf(struct db *db, const struct conf *cfg)
{
	db_init(db, cfg->db_socket, cfg->db_host, cfg->db_port, cfg->db_user,
	    cfg->db_password, cfg->db_name);
	db->galera = cfg->db_galera != 0;
}

void
db_read_committed(struct db *db)
{
	db->read_committed = 1;
}

void
db_limits(struct db *db, unsigned read_timeout_s, unsigned statement_ms,
    unsigned lock_wait_s)
{
	db->read_timeout_s = read_timeout_s;
	db->statement_ms = statement_ms;
	db->lock_wait_s = lock_wait_s;
}

void
db_deadline(struct db *db, long long ms)
{
	db->deadline_ms = ms > 0 ? now_ms() + ms : 0;
}

static void
disconnect(struct db *db)
{
	size_t i;

	for (i = 0; i < STMT__COUNT; i++)
		if (db->stmt[i] != NULL) {
			mysql_stmt_close(db->stmt[i]);
			db->stmt[i] = NULL;
		}
	if (db->my != NULL) {
		mysql_close(db->my);
		db->my = NULL;
	}
	db->tx_where = NULL;
	/* The server rolled the held transaction back with the connection:
	 * what follows in the request must not run outside it. */
	if (db->held)
		db->held_broken = ST_E_DB_GONE;
}

void
db_release(struct db *db)
{
	size_t i;

	for (i = 0; i < db->ncache; i++)
		db_res_release(&db->cache[i].res);
	disconnect(db);
	tail_release(&db->tail);
	xfree(db->socket);
	xfree(db->host);
	xfree(db->user);
	if (db->password != NULL)
		memset(db->password, 0, strlen(db->password));
	xfree(db->password);
	xfree(db->name);
	memset(db, 0, sizeof(*db));
}

int
db_connected(const struct db *db)
{
	return db->my != NULL;
}

static int
is_gone(unsigned e)
{
	switch (e) {
	case CR_CONNECTION_ERROR:
	case CR_CONN_HOST_ERROR:
	case CR_SERVER_GONE_ERROR:
	case CR_SERVER_LOST:
	case CR_SERVER_LOST_EXTENDED:
	case ER_CONNECTION_KILLED:
	case ER_SERVER_SHUTDOWN:
	case 4031:	/* ER_CLIENT_INTERACTION_TIMEOUT */
		return 1;
	}
	return 0;
}

/* The server is there but cannot do it now: out of time, or no room or
 * no permission to write. *write: the latter. */
static int
is_unavailable(unsigned e, int *write)
{
	*write = 0;
	switch (e) {
	case ER_STATEMENT_TIMEOUT:
	case ER_QUERY_INTERRUPTED:
	/* a migration making a procedure again (0033 drops and creates
	 * concern_store): the call did nothing, and will work in a
	 * moment; the client is told to try again (503), not that
	 * something broke (the upgrade drill's load met it) */
	case ER_SP_DOES_NOT_EXIST:
		return 1;
	case ER_DISK_FULL:
	case ER_RECORD_FILE_FULL:
	case ER_GET_ERRNO:		/* the storage engine's, e.g. ENOSPC */
	case ER_OPEN_AS_READONLY:
	case ER_OPTION_PREVENTS_STATEMENT:	/* read_only */
	case ER_READ_ONLY_MODE:
	case ER_ERROR_DURING_COMMIT:
		*write = 1;
		return 1;
	}
	return 0;
}

/*
 * Turn the error on the connection (or statement) into a result code and
 * log it. Only the error number, SQL state and statement name are logged:
 * server messages can quote the values that were being written.
 */
/* Gone, or with Galera (db_galera) a node that left the primary
 * component ("WSREP has not yet prepared node for application use"):
 * another node may serve. */
static int
gone(const struct db *db, unsigned e)
{
	return is_gone(e) || (db->galera && e == ER_UNKNOWN_COM_ERROR);
}

static st_rc
fail(struct db *db, unsigned e, const char *sqlstate, const char *what)
{
	int write;

	db->err_no = e;
	snprintf(db->err, sizeof(db->err), "error %u (%s) in '%s'", e,
	    sqlstate != NULL ? sqlstate : "-", what);
	if (gone(db, e)) {
		/* A wait as long as the read time-out: the server is there
		 * but does not answer (stopped, frozen, swapping). */
		db->timed_out = db->read_timeout_s > 0 && now_ms() -
		    db->t0_ms >= (long long)db->read_timeout_s * 1000 - 250;
		log_warn("database connection lost%s: %s", db->timed_out ?
		    " (no answer in time)" : "", db->err);
		disconnect(db);
		return ST_E_DB_GONE;
	}
	if (e == ER_DUP_ENTRY)
		return ST_E_CONFLICT;
	/* Not a duplicate: a caller that takes a duplicate for "there
	 * already" must not take this for it (a deadlock has rolled the
	 * whole transaction back). */
	if (e == ER_LOCK_DEADLOCK || e == ER_LOCK_WAIT_TIMEOUT) {
		log_warn("database %s", db->err);
		if (e == ER_LOCK_DEADLOCK && db->held)
			db->held_broken = ST_E_BUSY;
		return ST_E_BUSY;
	}
	if (is_unavailable(e, &write)) {
		log_warn("database cannot %s now: %s", write ? "write" :
		    "finish a statement", db->err);
		db->cannot_write = write;
		return ST_E_UNAVAILABLE;
	}
	log_err("database %s", db->err);
	return ST_E_DB;
}

static st_rc
prepare_all(struct db *db)
{
	size_t i;

	for (i = 0; i < STMT__COUNT; i++) {
		const char *sql = stmt_sql((enum stmt_id)i);
		my_bool on = 1;

		if ((db->stmt[i] = mysql_stmt_init(db->my)) == NULL)
			return fail(db, mysql_errno(db->my),
			    mysql_sqlstate(db->my), stmt_name((enum stmt_id)i));
		if (mysql_stmt_prepare(db->stmt[i], sql, strlen(sql)) != 0) {
			unsigned e = mysql_stmt_errno(db->stmt[i]);

			/* A statement that does not prepare is a bug. */
			log_err("cannot prepare '%s': %s",
			    stmt_name((enum stmt_id)i),
			    mysql_stmt_error(db->stmt[i]));
			return gone(db, e) ? fail(db, e, NULL, "prepare") :
			    ST_E_INTERNAL;
		}
		mysql_stmt_attr_set(db->stmt[i], STMT_ATTR_UPDATE_MAX_LENGTH,
		    &on);
	}
	return ST_OK;
}

/* The limits of db_limits, on the server's side of this connection. */
static st_rc
session_limits(struct db *db)
{
	struct db_val p[2];

	if (db->statement_ms == 0 && db->lock_wait_s == 0)
		return ST_OK;
	/* 50 s and no limit: the server's own defaults. */
	p[0] = DV_INT(db->lock_wait_s > 0 ? db->lock_wait_s : 50);
	p[1] = DV_INT(db->statement_ms);
	return db_exec(db, STMT_SESSION_LIMITS, p, 2, NULL, NULL);
}

unsigned
db_node_count(const char *list)
{
	unsigned n = 1;

	for (; *list != '\0'; list++)
		n += *list == ',';
	return n;
}

void
db_node_at(const char *list, unsigned i, char *out, size_t outlen)
{
	const char *end;
	size_t n;

	for (; i > 0 && list != NULL; i--)
		if ((list = strchr(list, ',')) != NULL)
			list++;
	if (list == NULL) {
		out[0] = '\0';
		return;
	}
	while (*list == ' ')
		list++;
	end = strchr(list, ',');
	n = end != NULL ? (size_t)(end - list) : strlen(list);
	while (n > 0 && list[n - 1] == ' ')
		n--;
	if (n >= outlen)
		n = outlen - 1;
	memcpy(out, list, n);
	out[n] = '\0';
}

/*
 * A Galera node takes the application only when it says it is ready.
 * Asked on the new connection directly, not through run(): while a
 * request's transaction is held, or the monitor says the database is
 * down, run() refuses (or begins the transaction), and the node must be
 * judged by what it says. The statement's text is stmt.c's.
 */
static int
node_ready(struct db *db)
{
	const char *sql = stmt_sql(STMT_NODE_READY);
	MYSQL_RES *res;
	MYSQL_ROW row;
	int ready = 0;

	if (mysql_real_query(db->my, sql, strlen(sql)) != 0 ||
	    (res = mysql_store_result(db->my)) == NULL)
		return 0;
	if ((row = mysql_fetch_row(res)) != NULL && row[0] != NULL)
		ready = strcmp(row[0], "ON") == 0;
	mysql_free_result(res);
	return ready;
}

/* Connect to one server (a socket path or a host name) and prepare. */
static st_rc
connect_to(struct db *db, const char *addr, int usesock)
{
	unsigned ctimeout = 3, rwtimeout = 30;
	my_bool no = 0;
	const char *init = "SET time_zone = '+00:00', sql_mode = "
	    "'STRICT_ALL_TABLES,NO_ZERO_DATE,NO_ZERO_IN_DATE,"
	    "ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION'";
	st_rc rc;

	if (db->read_timeout_s > 0)
		rwtimeout = db->read_timeout_s;
	if (ctimeout > rwtimeout)
		ctimeout = rwtimeout;
	if ((db->my = mysql_init(NULL)) == NULL)
		return ST_E_NOMEM;
	mysql_options(db->my, MYSQL_OPT_CONNECT_TIMEOUT, &ctimeout);
	mysql_options(db->my, MYSQL_OPT_READ_TIMEOUT, &rwtimeout);
	mysql_options(db->my, MYSQL_OPT_WRITE_TIMEOUT, &rwtimeout);
	mysql_options(db->my, MYSQL_OPT_RECONNECT, &no);
	mysql_options(db->my, MYSQL_SET_CHARSET_NAME, "utf8mb4");
	mysql_options(db->my, MYSQL_INIT_COMMAND, init);
	if (db->read_committed)
		mysql_options(db->my, MYSQL_INIT_COMMAND, "SET SESSION "
		    "TRANSACTION ISOLATION LEVEL READ COMMITTED");
	if (db->galera)
		mysql_options(db->my, MYSQL_INIT_COMMAND,
		    "SET SESSION wsrep_sync_wait = 1");
	if (mysql_real_connect(db->my, usesock ? "localhost" : addr,
	    db->user, db->password, db->name, usesock ? 0 : db->port,
	    usesock ? addr : NULL, 0) == NULL) {
		unsigned e = mysql_errno(db->my);

		db->err_no = e;
		snprintf(db->err, sizeof(db->err), "cannot connect: error %u",
		    e);
		log_warn("cannot connect to database '%s'%s: %s", db->name,
		    db->galera ? " on a node" : "", mysql_error(db->my));
		disconnect(db);
		return ST_E_DB_GONE;
	}
	if ((rc = prepare_all(db)) != ST_OK || (rc = session_limits(db)) !=
	    ST_OK) {
		disconnect(db);
		return rc;
	}
	if (db->galera && !node_ready(db)) {
		log_warn("database node %s is not ready (not in the primary "
		    "component, or not synced)", addr);
		disconnect(db);
		return ST_E_DB_GONE;
	}
	return ST_OK;
}

st_rc
db_ensure(struct db *db)
{
	long long t = now_ms();
	int usesock = *db->socket != '\0';
	const char *list = usesock ? db->socket : db->host;
	unsigned n, k, i;
	char addr[512];
	int broken;
	st_rc rc = ST_E_DB_GONE;

	if (db->my != NULL)
		return ST_OK;
	/*
	 * While a server over TCP stays away, try at most once a second, so
	 * requests do not each wait for a connect timeout. A unix socket
	 * refuses at once, so there every request may try: the first one
	 * after the server is back succeeds.
	 */
	if (!usesock && t - db->last_attempt_ms < RECONNECT_MS)
		return ST_E_DB_GONE;
	db->last_attempt_ms = t;
	db->commit_sent = 0;
	/* Without Galera the list is one server, whatever its text. */
	n = db->galera ? db_node_count(list) : 1;
	/* A node that refuses does not end the request's transaction: it
	 * had not begun on it (the loss that did end one was recorded when
	 * it happened). */
	broken = db->held_broken;
	for (k = 0; k < n; k++) {
		db->held_broken = broken;
		i = (db->node + k) % n;
		if (db->galera)
			db_node_at(list, i, addr, sizeof(addr));
		else
			snprintf(addr, sizeof(addr), "%s", list);
		rc = connect_to(db, addr, usesock);
		if (rc == ST_OK) {
			db->node = i;
			/* Connected: a later loss may reconnect at once. */
			db->last_attempt_ms = t - RECONNECT_MS;
			db->reconnects++;
			return ST_OK;
		}
		/* a node that is down or not ready: the next one; any other
		 * failure is this program's or the schema's */
		if (rc != ST_E_DB_GONE)
			return rc;
	}
	return rc;
}

st_rc
db_ping(struct db *db)
{
	int tries;
	st_rc rc = ST_OK;

	/* A connection the server closed while it was idle (a restart, a
	 * time-out) says nothing about the server now: connect again
	 * before judging. */
	for (tries = 0; tries < 2; tries++) {
		if ((rc = db_ensure(db)) != ST_OK)
			return rc;
		db->t0_ms = now_ms();
		if (mysql_ping(db->my) == 0)
			return ST_OK;
		rc = fail(db, mysql_errno(db->my), mysql_sqlstate(db->my),
		    "ping");
		if (rc != ST_E_DB_GONE || db->timed_out)
			break;
	}
	return rc;
}

static st_rc tail_flush(struct db *db);

static st_rc
run(struct db *db, enum stmt_id id, const struct db_val *params,
    size_t nparams, MYSQL_STMT **out)
{
	MYSQL_BIND b[DB_MAX_PARAMS];
	unsigned long lens[DB_MAX_PARAMS];
	long long ints[DB_MAX_PARAMS];
	MYSQL_STMT *st;
	size_t i;
	st_rc rc;

	/* Nothing runs outside a held transaction the server ended. */
	if (db->held_broken != ST_OK && id != STMT_ROLLBACK)
		return (st_rc)db->held_broken;
	/* A database known not to answer is not waited for (dbwatch.h):
	 * the monitor tells, for every worker at once. */
	if (db->metrics != NULL && id != STMT_ROLLBACK &&
	    dbwatch_state(db->metrics) == DBW_DOWN) {
		db->cannot_write = 0;
		return ST_E_UNAVAILABLE;
	}
	if (db->deadline_ms > 0 && id != STMT_ROLLBACK &&
	    now_ms() > db->deadline_ms) {
		log_warn("database: the request's time is spent before '%s'",
		    stmt_name(id));
		db->cannot_write = 0;
		return ST_E_UNAVAILABLE;
	}
	if ((rc = db_ensure(db)) != ST_OK)
		return rc;
	/* The kept rows go first when this must come after them. */
	if (db->held && !db->own_call && tail_count(&db->tail) > 0 &&
	    stmt_after_tail(id) && (rc = tail_flush(db)) != ST_OK)
		return rc;
	/* The held transaction begins with its first statement (db.h). */
	if (db->held && !db->begun && !db->own_call && id > STMT_ROLLBACK &&
	    !stmt_outside_tx(id)) {
		if ((rc = db_exec(db, STMT_BEGIN, NULL, 0, NULL, NULL)) !=
		    ST_OK)
			return rc;
		db->begun = 1;
	}
	if (db->held && id > STMT_SAVEPOINT_ROLLBACK && !stmt_outside_tx(id) &&
	    strncmp(stmt_sql(id), "SELECT", 6) != 0)
		db->wrote = 1;
	st = db->stmt[id];
	if (nparams > DB_MAX_PARAMS ||
	    mysql_stmt_param_count(st) != nparams) {
		log_err("statement '%s' wants %lu parameters, got %zu",
		    stmt_name(id), mysql_stmt_param_count(st), nparams);
		return ST_E_INTERNAL;
	}
	memset(b, 0, sizeof(b));
	for (i = 0; i < nparams; i++) {
		switch (params[i].t) {
		case DB_T_NULL:
			b[i].buffer_type = MYSQL_TYPE_NULL;
			break;
		case DB_T_INT:
			ints[i] = params[i].i;
			b[i].buffer_type = MYSQL_TYPE_LONGLONG;
			b[i].buffer = &ints[i];
			break;
		case DB_T_STR:
		case DB_T_BLOB:
			lens[i] = (unsigned long)params[i].len;
			b[i].buffer_type = params[i].t == DB_T_STR ?
			    MYSQL_TYPE_STRING : MYSQL_TYPE_BLOB;
			b[i].buffer = (void *)params[i].p;
			b[i].buffer_length = lens[i];
			b[i].length = &lens[i];
			break;
		}
	}
	db->t0_ms = now_ms();
	if ((nparams > 0 && mysql_stmt_bind_param(st, b) != 0) ||
	    mysql_stmt_execute(st) != 0)
		return fail(db, mysql_stmt_errno(st), mysql_stmt_sqlstate(st),
		    stmt_name(id));
	*out = st;
	return ST_OK;
}

st_rc
db_exec(struct db *db, enum stmt_id id, const struct db_val *params,
    size_t nparams, unsigned long long *affected,
    unsigned long long *insert_id)
{
	MYSQL_STMT *st;
	unsigned long long t0;
	int slot;
	st_rc rc;

	/* A row nothing reads before the COMMIT waits for it (tail.h). */
	if (db->held && !db->own_call && db->held_broken == ST_OK &&
	    insert_id == NULL && (slot = stmt_tail_slot(id)) >= 0) {
		if ((rc = db_ensure(db)) != ST_OK)
			return rc;
		if (mysql_stmt_param_count(db->stmt[id]) != nparams) {
			log_err("statement '%s' wants %lu parameters, got %zu",
			    stmt_name(id), mysql_stmt_param_count(db->stmt[id]),
			    nparams);
			return ST_E_INTERNAL;
		}
		if (tail_add(&db->tail, slot, params, nparams) == 0) {
			if (affected != NULL)
				*affected = 1;
			return ST_OK;
		}
		/* not for JSON: sent now, after the rows kept before it */
		if (tail_count(&db->tail) > 0 && (rc = tail_flush(db)) != ST_OK)
			return rc;
	}
	t0 = stmt_start(db);
	rc = run(db, id, params, nparams, &st);
	stmt_done(db, id, t0);
	if (rc != ST_OK)
		return rc;
	if (affected != NULL)
		*affected = mysql_stmt_affected_rows(st);
	if (insert_id != NULL)
		*insert_id = mysql_stmt_insert_id(st);
	return ST_OK;
}

/*
 * Run a call that commits what it wrote (its own transaction, or the
 * held one with the kept rows): its COMMIT counts as sent, from before
 * the call. On an error the server reported, nothing was committed; a
 * call killed or out of time runs no handler of its own, so the
 * transaction may still be open: it goes, or the next statement would
 * carry on in it.
 */
static st_rc
committing_call(struct db *db, enum stmt_id id, const struct db_val *params,
    size_t nparams)
{
	st_rc rc;

	db->own_call = 1;
	rc = db_exec(db, id, params, nparams, NULL, NULL);
	db->own_call = 0;
	if (rc != ST_OK && rc != ST_E_DB_GONE) {
		db->commit_sent = 0;
		if (db->my != NULL && db_exec(db, STMT_ROLLBACK, NULL, 0, NULL,
		    NULL) != ST_OK)
			log_warn("rollback after a failed call: %s", db->err);
	}
	return rc;
}

/*
 * Send the kept rows in one call (sql/0030_tail.sql) that begins the
 * held transaction when it has not begun, and commits it when commit is
 * set. A row's values were checked when it was kept; what the server
 * refuses, it refuses here.
 */
static st_rc
tail_send(struct db *db, int commit)
{
	struct db_val p[5];
	char *audit = NULL, *events = NULL, *notices = NULL;
	st_rc rc;

	if (tail_json(&db->tail, TAIL_AUDIT, &audit) != 0 ||
	    tail_json(&db->tail, TAIL_EVENT, &events) != 0 ||
	    tail_json(&db->tail, TAIL_OUTBOX, &notices) != 0) {
		xfree(audit);
		xfree(events);
		log_err("cannot write the kept rows as JSON");
		return ST_E_INTERNAL;
	}
	p[0] = DV_INT(!db->begun);
	p[1] = DV_INT(commit);
	p[2] = DV_OPT(audit);
	p[3] = DV_OPT(events);
	p[4] = DV_OPT(notices);
	if (commit) {
		/* connected first: a reconnection clears commit_sent */
		if ((rc = db_ensure(db)) == ST_OK) {
			db->commit_sent = 1;
			rc = committing_call(db, STMT_TAIL_RUN, p, 5);
		}
	} else {
		/* the call begins the transaction itself: no BEGIN first */
		db->own_call = 1;
		rc = db_exec(db, STMT_TAIL_RUN, p, 5, NULL, NULL);
		db->own_call = 0;
		if (rc == ST_OK)
			db->begun = 1;
	}
	xfree(audit);
	xfree(events);
	xfree(notices);
	return rc;
}

/*
 * Send every kept row now, before a statement that must see them. The
 * rows kept before an open handler's transaction stay kept a second
 * time, for its rollback (tail.h). A send that fails fails the request:
 * the statements that kept the rows were told they ran.
 */
static st_rc
tail_flush(struct db *db)
{
	st_rc rc;

	if ((rc = tail_send(db, 0)) != ST_OK) {
		if (db->held_broken == ST_OK)
			db->held_broken = rc;
		return rc;
	}
	tail_sent_all(&db->tail);
	return ST_OK;
}

void
db_res_release(struct db_res *res)
{
	size_t i;

	for (i = 0; i < res->nrows * res->ncols; i++)
		xfree(res->cell[i]);
	xfree(res->cell);
	xfree(res->len);
	memset(res, 0, sizeof(*res));
}

st_rc
db_res_append(struct db_res *res, struct db_res *more)
{
	size_t have, add;

	if (more->nrows == 0)
		return ST_OK;
	if (res->nrows == 0) {
		db_res_release(res);
		*res = *more;
		memset(more, 0, sizeof(*more));
		return ST_OK;
	}
	if (res->ncols != more->ncols)
		return ST_E_INTERNAL;
	have = res->nrows * res->ncols;
	add = more->nrows * more->ncols;
	res->cell = xrealloc(res->cell, (have + add) * sizeof(*res->cell));
	res->len = xrealloc(res->len, (have + add) * sizeof(*res->len));
	memcpy(res->cell + have, more->cell, add * sizeof(*res->cell));
	memcpy(res->len + have, more->len, add * sizeof(*res->len));
	res->nrows += more->nrows;
	/* The cells are res's now: only more's arrays go. */
	xfree(more->cell);
	xfree(more->len);
	memset(more, 0, sizeof(*more));
	return ST_OK;
}

st_rc
db_query_cached(struct db *db, enum stmt_id id, long long ttl_ms,
    size_t max_rows, const struct db_res **res)
{
	struct db_cached *c = NULL;
	struct db_res fresh;
	long long t = now_ms();
	size_t i;
	st_rc rc;

	for (i = 0; i < db->ncache; i++)
		if (db->cache[i].id == id)
			c = &db->cache[i];
	if (c != NULL && t - c->at_ms < ttl_ms) {
		*res = &c->res;
		return ST_OK;
	}
	if (c == NULL && db->ncache == DB_CACHE_MAX) {
		log_err("no room to keep the result of '%s'", stmt_name(id));
		return ST_E_INTERNAL;
	}
	/* On failure an older result is not served: the caller sees the
	 * error as it would without the cache. */
	if ((rc = db_query(db, id, NULL, 0, max_rows, &fresh)) != ST_OK)
		return rc;
	if (c == NULL) {
		c = &db->cache[db->ncache++];
		c->id = id;
	} else
		db_res_release(&c->res);
	c->res = fresh;
	c->at_ms = t;
	*res = &c->res;
	return ST_OK;
}

void
db_cache_drop(struct db *db, enum stmt_id id)
{
	size_t i;

	for (i = 0; i < db->ncache; i++)
		if (db->cache[i].id == id)
			db->cache[i].at_ms = -(1LL << 62);
}

st_rc
db_query(struct db *db, enum stmt_id id, const struct db_val *params,
    size_t nparams, size_t max_rows, struct db_res *res)
{
	MYSQL_BIND b[DB_MAX_COLS];
	unsigned long lens[DB_MAX_COLS];
	my_bool nulls[DB_MAX_COLS];
	char small[DB_MAX_COLS][64];
	MYSQL_STMT *st;
	MYSQL_RES *meta;
	size_t ncols, nrows, r, c;
	unsigned long long t0 = stmt_start(db);
	int f;
	st_rc rc;

	memset(res, 0, sizeof(*res));
	if ((rc = run(db, id, params, nparams, &st)) != ST_OK) {
		stmt_done(db, id, t0);
		return rc;
	}
	if (mysql_stmt_store_result(st) != 0) {
		rc = fail(db, mysql_stmt_errno(st), mysql_stmt_sqlstate(st),
		    stmt_name(id));
		/* An error in the middle of a result (a lock waited for too
		 * long while rows were read) can leave the client and the
		 * server disagreeing about what comes next: the connection
		 * goes, which rolls its transaction back, as the caller
		 * would. */
		if (db->my != NULL)
			disconnect(db);
		goto out;
	}
	if ((meta = mysql_stmt_result_metadata(st)) == NULL) {
		log_err("statement '%s' returns no rows", stmt_name(id));
		rc = ST_E_INTERNAL;
		goto out;
	}
	ncols = mysql_num_fields(meta);
	mysql_free_result(meta);
	nrows = (size_t)mysql_stmt_num_rows(st);
	if (ncols > DB_MAX_COLS) {
		log_err("statement '%s' returns %zu columns, more than %d",
		    stmt_name(id), ncols, DB_MAX_COLS);
		rc = ST_E_INTERNAL;
		goto out;
	}
	if (nrows > max_rows) {
		rc = ST_E_TOO_BIG;
		goto out;
	}
	res->ncols = ncols;
	res->cell = xcalloc(nrows * ncols + 1, sizeof(char *));
	res->len = xcalloc(nrows * ncols + 1, sizeof(size_t));
	memset(b, 0, sizeof(b));
	for (c = 0; c < ncols; c++) {
		b[c].buffer_type = MYSQL_TYPE_STRING;
		b[c].buffer = small[c];
		b[c].buffer_length = sizeof(small[c]);
		b[c].length = &lens[c];
		b[c].is_null = &nulls[c];
	}
	if (mysql_stmt_bind_result(st, b) != 0) {
		rc = ST_E_INTERNAL;
		goto out;
	}
	for (r = 0; r < nrows; r++) {
		f = mysql_stmt_fetch(st);
		if (f == MYSQL_NO_DATA)
			break;
		if (f == 1) {
			rc = fail(db, mysql_stmt_errno(st),
			    mysql_stmt_sqlstate(st), stmt_name(id));
			goto out;
		}
		res->nrows = r + 1;
		for (c = 0; c < ncols; c++) {
			size_t k = r * ncols + c;
			char *v;

			if (nulls[c])
				continue;
			v = xmalloc(lens[c] + 1);
			if (lens[c] < sizeof(small[c]))
				memcpy(v, small[c], lens[c]);
			else {
				/* Longer than the first buffer: fetch. */
				MYSQL_BIND big;
				unsigned long got = 0;

				memset(&big, 0, sizeof(big));
				big.buffer_type = MYSQL_TYPE_STRING;
				big.buffer = v;
				big.buffer_length = lens[c] + 1;
				big.length = &got;
				if (mysql_stmt_fetch_column(st, &big,
				    (unsigned)c, 0) != 0) {
					xfree(v);
					rc = fail(db, mysql_stmt_errno(st),
					    mysql_stmt_sqlstate(st),
					    stmt_name(id));
					goto out;
				}
			}
			v[lens[c]] = '\0';
			res->cell[k] = v;
			res->len[k] = lens[c];
		}
	}
	rc = ST_OK;
out:
	if (db->my != NULL)
		mysql_stmt_free_result(st);
	stmt_done(db, id, t0);
	if (rc != ST_OK)
		db_res_release(res);
	return rc;
}

const char *
db_get(const struct db_res *res, size_t row, size_t col)
{
	if (row >= res->nrows || col >= res->ncols)
		return NULL;
	return res->cell[row * res->ncols + col];
}

size_t
db_get_len(const struct db_res *res, size_t row, size_t col)
{
	if (row >= res->nrows || col >= res->ncols)
		return 0;
	return res->len[row * res->ncols + col];
}

long long
db_get_int(const struct db_res *res, size_t row, size_t col)
{
	const char *v = db_get(res, row, col);

	return v == NULL ? 0 : strtoll(v, NULL, 10);
}

st_rc
db_begin_at(struct db *db, const char *where)
{
	st_rc rc;

	if (db->tx_where != NULL) {
		log_err("transaction begun in '%s' while one from '%s' is open",
		    where, db->tx_where);
		return ST_E_INTERNAL;
	}
	db->tx_nosp = db->held && !db->wrote;
	if (!db->tx_nosp && (rc = db_exec(db, db->held ? STMT_SAVEPOINT :
	    STMT_BEGIN, NULL, 0, NULL, NULL)) != ST_OK)
		return rc;
	db->tx_where = where;
	if (db->held)
		tail_set_mark(&db->tail);
	return ST_OK;
}

st_rc
db_commit(struct db *db)
{
	st_rc rc;

	if (db->tx_where == NULL) {
		log_err("commit without a transaction");
		return ST_E_INTERNAL;
	}
	if (db->held) {
		/*
		 * Kept until db_hold_commit, with the request's answer. Its
		 * savepoint is not released: it ends with the transaction,
		 * and the next handler's transaction sets it anew (a
		 * savepoint of the same name replaces it), so a RELEASE
		 * would be a round trip for nothing.
		 */
		db->tx_where = NULL;
		db->tx_nosp = 0;
		tail_drop_mark(&db->tail);
		return ST_OK;
	}
	db->commit_sent = 1;
	rc = db_exec(db, STMT_COMMIT, NULL, 0, NULL, NULL);
	db->tx_where = NULL;
	return rc;
}

void
db_rollback(struct db *db)
{
	st_rc rc;

	if (db->tx_where == NULL || db->my == NULL) {
		db->tx_where = NULL;
		return;
	}
	db->tx_where = NULL;
	/* the rows it kept go with it; those kept before it stay */
	tail_back(&db->tail);
	tail_drop_mark(&db->tail);
	if (db->held && db->tx_nosp) {
		/* Nothing but reads before it: all of the held one goes. */
		db->tx_nosp = 0;
		if (!db->begun || db->held_broken != ST_OK)
			return;
		db->begun = 0;
		db->wrote = 0;
		rc = db_exec(db, STMT_ROLLBACK, NULL, 0, NULL, NULL);
		if (rc != ST_OK && db->held_broken == ST_OK)
			db->held_broken = rc == ST_E_DB_GONE ? ST_E_DB_GONE :
			    ST_E_BUSY;
		return;
	}
	if (db->held) {
		if (db->held_broken != ST_OK)
			return;
		rc = db_exec(db, STMT_SAVEPOINT_ROLLBACK, NULL, 0, NULL, NULL);
		/* No savepoint: the server ended the transaction. */
		if (rc != ST_OK && db->held_broken == ST_OK)
			db->held_broken = ST_E_BUSY;
		return;
	}
	rc = db_exec(db, STMT_ROLLBACK, NULL, 0, NULL, NULL);
	if (rc != ST_OK && rc != ST_E_DB_GONE)
		log_err("rollback failed: %s", db->err);
}

st_rc
db_hold_begin(struct db *db)
{
	if (db->held || db->tx_where != NULL) {
		log_err("request transaction begun while another is open");
		return ST_E_INTERNAL;
	}
	db->held_broken = ST_OK;
	tail_release(&db->tail);
	/* The BEGIN goes out with the first statement that needs it. */
	db->held = 1;
	db->begun = 0;
	db->wrote = 0;
	return ST_OK;
}

int
db_hold_fresh(const struct db *db)
{
	return db->held && !db->begun && db->tx_where == NULL &&
	    db->held_broken == ST_OK && tail_count(&db->tail) == 0;
}

st_rc
db_call_own_tx(struct db *db, enum stmt_id id, const struct db_val *params,
    size_t nparams)
{
	st_rc rc;

	if ((db->held && !db_hold_fresh(db)) || (!db->held &&
	    db->tx_where != NULL)) {
		log_err("'%s' is a transaction of its own, but one is open",
		    stmt_name(id));
		return ST_E_INTERNAL;
	}
	/* Connected first: a reconnection clears commit_sent, and nothing
	 * is sent until the call. */
	if ((rc = db_ensure(db)) != ST_OK)
		return rc;
	db->commit_sent = 1;
	/* its COMMIT goes out with it (the fault tests' window) */
	FAULT("request_before_commit");
	return committing_call(db, id, params, nparams);
}

int
db_hold_broken(const struct db *db)
{
	return db->held && db->held_broken != ST_OK;
}

st_rc
db_hold_commit(struct db *db)
{
	st_rc rc;

	if (!db->held)
		return ST_OK;
	if (db->held_broken != ST_OK) {
		rc = (st_rc)db->held_broken;
		db_hold_rollback(db);
		return rc;
	}
	if (db->tx_where != NULL) {
		log_err("transaction from '%s' left open: rolled back",
		    db->tx_where);
		db_rollback(db);
	}
	if (tail_count(&db->tail) > 0) {
		/* the kept rows, and the COMMIT in the same call */
		rc = tail_send(db, 1);
		db->held = 0;
		tail_release(&db->tail);
		db->begun = 0;
		db->held_broken = ST_OK;
		return rc;
	}
	if (!db->begun) {
		/* Nothing ran in it: nothing to commit. */
		db->held = 0;
		return ST_OK;
	}
	db->commit_sent = 1;
	rc = db_exec(db, STMT_COMMIT, NULL, 0, NULL, NULL);
	db->held = 0;
	db->begun = 0;
	db->held_broken = ST_OK;
	return rc;
}

void
db_hold_rollback(struct db *db)
{
	st_rc rc;

	db->tx_where = NULL;
	db->tx_nosp = 0;
	tail_release(&db->tail);
	if (!db->held)
		return;
	db->held = 0;
	if (!db->begun && db->held_broken == ST_OK)
		return;		/* nothing ran in it */
	db->begun = 0;
	if (db->held_broken != ST_OK || db->my == NULL) {
		db->held_broken = ST_OK;
		/* A deadlock ended it; a ROLLBACK more does no harm and
		 * makes sure. */
		if (db->my != NULL && db_exec(db, STMT_ROLLBACK, NULL, 0,
		    NULL, NULL) != ST_OK)
			log_warn("rollback after a deadlock failed: %s",
			    db->err);
		return;
	}
	rc = db_exec(db, STMT_ROLLBACK, NULL, 0, NULL, NULL);
	if (rc != ST_OK && rc != ST_E_DB_GONE)
		log_err("rollback failed: %s", db->err);
}

st_rc
db_tx(struct db *db, const char *where, st_rc (*fn)(struct db *, void *),
    void *arg, unsigned tries)
{
	unsigned i;
	st_rc rc = ST_E_INTERNAL;

	for (i = 0; i < tries; i++) {
		if (i > 0) {
			/* 10, 20, 40 ... ms and as much again at random, so
			 * two that deadlocked do not meet again. */
			long ms = 10L << (i < 6 ? i - 1 : 5);
			struct timespec ts;

			ms += (long)randombytes_uniform((uint32_t)ms + 1);
			ts.tv_sec = ms / 1000;
			ts.tv_nsec = (ms % 1000) * 1000000L;
			nanosleep(&ts, NULL);
		}
		db->commit_sent = 0;
		if ((rc = db_begin_at(db, where)) == ST_OK &&
		    (rc = fn(db, arg)) == ST_OK &&
		    (rc = db_commit(db)) == ST_OK)
			return ST_OK;
		db_rollback(db);
		if (rc != ST_E_BUSY && (rc != ST_E_DB_GONE || db->commit_sent))
			break;
		log_warn("database: '%s' is run again (%s)", where,
		    st_rc_str(rc));
	}
	return rc;
}
