/* dbwatch.h: whether the database answers and can write, for all workers. */
#ifndef ST_DBWATCH_H
#define ST_DBWATCH_H

#include "conf.h"
#include "metrics.h"

/*
 * A stalled database (stopped, frozen, swapping) must not stall the
 * site: a request that waits for it holds a worker until the read
 * time-out, and soon every worker waits. So `stafett serve` runs one
 * more child beside the workers, the monitor: once a second it asks the
 * database for a round trip, with a short time-out, and every few
 * seconds it writes one row. What it sees, and what the workers see
 * (a statement that got no answer in time, a write refused for lack of
 * room or a read-only server, a write committed), is kept in the shared
 * memory of the metrics (monotonic milliseconds; one writer each, read
 * by all), and read here:
 *
 *  - down: the monitor's last round trip failed (no answer within its
 *    two seconds, or no server), or a worker's statement got no answer
 *    since the monitor's last one that did. Statements are refused at
 *    once (db.c), so a request that needs the database is answered 503
 *    with Retry-After without waiting for it, until the monitor gets an
 *    answer (a page that needs none, the login form, is still served);
 *  - cannot write: the monitor's last write failed, or a worker's last
 *    write failed and none has succeeded since (for ten seconds);
 *  - unknown: the monitor has not said anything lately (it is starting,
 *    or it is stuck itself).
 *
 * /healthz answers from this state, at once, whatever the database does:
 * the serve master answers it on a socket of its own (server.c), so
 * that it is answered even while every worker waits.
 */
enum dbwatch_state { DBW_OK, DBW_DOWN, DBW_CANNOT_WRITE, DBW_UNKNOWN };

enum dbwatch_state dbwatch_state(const struct metrics *m);
/* What /healthz says of a state other than DBW_OK (a line), or NULL. */
const char *dbwatch_says(enum dbwatch_state s);
/* A worker's statement got no answer in its time. */
void dbwatch_stalled(struct metrics *m);
/* A worker's write was committed (ok) or refused for want of room or
 * permission (!ok). */
void dbwatch_write(struct metrics *m, int ok);
/* The monitor's loop; returns when its parent is gone or at SIGTERM. */
int dbwatch_run(const struct conf *cfg, struct metrics *m);

#endif
