/* replay.h: a repeated request gets the first answer (Idempotency-Key). */
#ifndef ST_REPLAY_H
#define ST_REPLAY_H

#include "db.h"
#include "req.h"
#include "result.h"

/*
 * A client that sent a change and got no answer (a worker killed after
 * the commit, a network cut, nginx's 502) cannot know whether it was
 * saved. It may send the same request again with the same key, and the
 * server recognises it: the API's Idempotency-Key header (the IETF
 * draft's, as Stripe and others use it), or the key every form the
 * server renders carries in its hidden field "idem" (a browser's double
 * click, reload or resend).
 *
 * A request with a key runs inside the request's one transaction
 * (db.h, "Holding"). replay_begin, after authentication and before the
 * handler, inserts the key's row: the unique key makes a second request
 * with the same key wait while the first runs. Then:
 *
 *  - the key is new: *done is 0, the handler runs, and replay_store
 *    writes its answer (status, content type, headers, body) into the
 *    row before the one COMMIT: the answer and the effects are stored
 *    together or not at all. An answer of 400 or more is a refusal that
 *    changed nothing: its row goes, and the key may be used again (a
 *    form sent with an error and then corrected keeps its key);
 *  - the key was used for the same request (method, path, query,
 *    content type and body; a multipart body by its parts): *done is 1
 *    and r holds the first answer, with "Idempotent-Replayed: true".
 *    Nothing is written;
 *  - the key was used for a different request: *done is 1, 422 (or the
 *    form's own message), nothing written;
 *  - the first is still running after the lock wait: 409 with
 *    Retry-After, nothing written.
 *
 * Keys are 1 to 255 visible ASCII characters (an sf-string's quotes are
 * taken off); another is 400. A key belongs to its sender (a user or a
 * partner): two senders' keys never meet. A form's key counts together
 * with the action it posts to, so the forms of one page never meet
 * either. A request without a key, or from nobody yet (login), runs as
 * any other. Keys are kept a day (replay_purge).
 */

/* Whether this request may carry a key: a write by a known sender. */
int replay_applies(const struct req *r);
/*
 * With defer (a route whose handler writes in one call, replay_defers)
 * and nothing yet run in the request's transaction, the key's row is not
 * written yet (a round trip): the handler either writes it in its own
 * call with its answer (replay_call_params, then replay_taken), or
 * calls replay_claim before it writes or answers anything else (a
 * refusal too: the request may be a repeat whose first answer was a
 * success). A deferred key nobody claimed is dropped by replay_store
 * when the request changed nothing.
 */
st_rc replay_begin(struct req *r, int *done, int defer) ST_MUST_CHECK;
/* The deferred key's row now, as replay_begin without defer would have
 * written it: *done as there. A no-op without a deferred key. */
st_rc replay_claim(struct req *r, int *done) ST_MUST_CHECK;
/* The key's row for a call that writes it with the answer in r (status,
 * content type, the handler's headers, body): principal, key hash,
 * fingerprint, route, status, content type, headers, body; all NULL
 * without a deferred key. */
#define REPLAY_CALL_PARAMS	8
void replay_call_params(struct req *r, struct db_val p[REPLAY_CALL_PARAMS]);
/* The call wrote the deferred key's row. */
void replay_taken(struct req *r);
/* After the handler answered: store the answer (no-op without a key). */
st_rc replay_store(struct req *r) ST_MUST_CHECK;
/* Forget keys older than a day; *n: how many. */
st_rc replay_purge(struct db *db, unsigned long long *n) ST_MUST_CHECK;

#endif
