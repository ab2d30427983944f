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
 * strings (UTF-8) and null. A row that cannot be (a blob, text that is
 * not UTF-8) is not kept: tail_add says so, and the statement runs as
 * it always did, after the rows kept before it.
 *
 * The mark: a handler's own transaction inside the held one (db_begin)
 * sets it; rolling that transaction back (tail_back) forgets the rows
 * kept since, as the server forgets the rows it was sent since. Only
 * one is open at a time (db_begin refuses to nest). Where the rows are
 * sent while it is open, the mark says which go before its savepoint
 * (sql/0030_tail.sql, p_marks).
 *
 * A struct db_tail owns its rows. tail_init allocates nothing;
 * tail_release forgets everything and leaves it initialised.
 */
struct db_tail {
	struct json_t	*rows[TAIL__SLOTS];	/* arrays, NULL: none yet */
	size_t		 mark[TAIL__SLOTS];
	int		 marked;
};

void tail_init(struct db_tail *t);
void tail_release(struct db_tail *t);
/* Keep one row of slot: 0, or -1 when its values cannot be kept. */
int tail_add(struct db_tail *t, int slot, const struct db_val *params,
    size_t nparams);
/* All rows kept; those kept before the mark (0 with no mark). */
size_t tail_count(const struct db_tail *t);
size_t tail_before_mark(const struct db_tail *t);
void tail_set_mark(struct db_tail *t);
void tail_drop_mark(struct db_tail *t);
/* Forget the rows kept since the mark. */
void tail_back(struct db_tail *t);
/*
 * The rows of slot as a JSON array in *out, a string the caller frees
 * (xfree); *out NULL when there are none. 0, or -1 when jansson fails.
 */
int tail_json(const struct db_tail *t, int slot, char **out);
/* Every row was sent: forget them all; a mark stays, at the start. */
void tail_sent_all(struct db_tail *t);

#endif
