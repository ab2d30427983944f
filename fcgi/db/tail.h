/* tail.h: the rows a request's transaction keeps for its COMMIT. */
#ifndef ST_TAIL_H
#define ST_TAIL_H

#include <stddef.h>

#include "stmt.h"

struct db_val;
struct json_t;

/*
 * A request's audit rows and timeline events are written and never read
 * again before it commits, and each was a round trip of its own. While a
 * request's transaction is held (db.h), db_exec keeps the rows of the
 * statements stmt_tail_slot names here instead of sending them, and
 * sends them all in one call with the COMMIT (sql/0030_tail.sql), or
 * earlier, just before a statement that must come after them
 * (stmt_after_tail). What a transaction writes and in which order it
 * becomes visible to anyone else is unchanged: nobody sees any of it
 * before the commit.
 *
 * A row is its statement's parameters, kept as a JSON array: numbers,
 * strings (UTF-8, a NUL as \u0000) and null. A row that cannot be (a
 * blob, text that is not UTF-8) is not kept: tail_add says so, and the
 * statement runs as it always did, after the rows kept before it.
 *
 * The mark: a handler's own transaction inside the held one (db_begin)
 * sets it. Rolling that transaction back (tail_back) forgets the rows
 * kept since, as the server forgets what it was sent since. The rows
 * kept before it are the request's, not the handler's: when they are
 * sent while it is open (tail_sent_all), the server puts them inside
 * it, after its savepoint or in a transaction that its rollback ends
 * whole; so they are kept a second time (again[]), and a rollback keeps
 * them once more, to go with the COMMIT; a commit of the handler's
 * transaction forgets the copies (tail_drop_mark). Only one handler's
 * transaction is open at a time (db_begin refuses to nest).
 *
 * A struct db_tail owns its rows. tail_init allocates nothing;
 * tail_release forgets everything and leaves it initialised.
 */
struct db_tail {
	struct json_t	*rows[TAIL__SLOTS];	/* arrays, NULL: none yet */
	size_t		 mark[TAIL__SLOTS];
	int		 marked;
	/* rows kept before the mark and sent while the handler's
	 * transaction is open: kept again if it rolls back */
	struct json_t	*again[TAIL__SLOTS];
};

void tail_init(struct db_tail *t);
void tail_release(struct db_tail *t);
/* Keep one row of slot: 0, or -1 when its values cannot be kept. */
int tail_add(struct db_tail *t, int slot, const struct db_val *params,
    size_t nparams);
/* All rows kept. */
size_t tail_count(const struct db_tail *t);
void tail_set_mark(struct db_tail *t);
void tail_drop_mark(struct db_tail *t);
/* Forget the rows kept since the mark; keep again the rows from before
 * it that were sent since (they go back first, in their order). */
void tail_back(struct db_tail *t);
/*
 * The rows of slot as a JSON array in *out, a string the caller frees
 * (xfree); *out NULL when there are none. 0, or -1 when jansson fails.
 */
int tail_json(const struct db_tail *t, int slot, char **out);
/* Every row was sent: forget them all (those from before the mark are
 * copied to again[]); a mark stays, at the start. */
void tail_sent_all(struct db_tail *t);

#endif
