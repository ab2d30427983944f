/* alerts.h: alerts about delivery to partners, raised by notify: a
 * notice not acknowledged in time, a notice given up, a failing partner. */
#ifndef ST_ALERTS_H
#define ST_ALERTS_H

#include <stddef.h>

#include "conf.h"
#include "db.h"
#include "result.h"

/*
 * In 2023 an integration fault silently lost reports of concern while
 * their senders were told they had arrived. These alerts make a notice
 * that did not arrive impossible to miss:
 *
 * - unacknowledged: delivered (the partner answered 2xx) but no receipt
 *   within delivery_ack_timeout_s;
 * - dead: given up (a permanent refusal, or the retry horizon passed);
 * - partner_failing: the partner's last partner_failing_after delivery
 *   attempts all failed (any cause: refusals, 5xx, time-outs, a
 *   certificate that does not verify, a missing secret).
 *
 * Each is a delivery_alert row, raised once per occurrence (a notice's
 * alert is unique by notice, kind and the moment it was delivered or
 * died, so a retried notice that dies again alerts again; a partner has
 * at most one open failing alert, decided under a lock on its row). A
 * notice alert also queues a notice to the sender (the author of the
 * form, outbox.sender_id) and one to every active administrator, in the
 * same transaction; a failing partner to the administrators. Alerts are
 * shown on those people's start pages while their cause lasts: until
 * the notice is acknowledged, retried or cancelled, or the partner
 * delivers again, when the sweep clears them.
 *
 * - no_receiver: a notice to a partner waiting with nobody to take it
 *   (no active partner of its service takes its type, or the partner it
 *   was routed to is paused). Unlike the others it is raised at once,
 *   in the transaction that causes it: the one that makes the notice
 *   (alerts_no_receiver), or that pauses, changes or adds a partner
 *   (alerts_partners_changed); the sweep raises it for any left by other
 *   means (an administrator's SQL). At most one is open per notice (the
 *   unique delivery_alert_waiting), whoever raises it at the same time.
 *
 * alerts_sweep() is one pass (notify runs it with its housekeeping),
 * each finding in its own short transaction so several notify
 * processes can sweep at once; *raised counts the alerts raised.
 */
st_rc alerts_sweep(const struct conf *cfg, struct db *db, unsigned *raised)
    ST_MUST_CHECK;

/*
 * In the caller's transaction: if the notice outbox_id waits with nobody
 * to take it and has no open alert saying so, raise its no_receiver
 * alert and queue the notices to its sender and the administrators;
 * *raised = 1 then, else 0. The caller that made the notice learns from
 * *raised that it is not sent, and says so.
 */
st_rc alerts_no_receiver(struct db *db, long long outbox_id, int *raised)
    ST_MUST_CHECK;

/*
 * In the caller's transaction, after a partner was added, paused,
 * resumed or changed: clear the no_receiver alerts of notices that have
 * a receiver now, and raise one for each notice left with none.
 * *raised (may be NULL) counts those raised.
 */
st_rc alerts_partners_changed(struct db *db, unsigned *raised)
    ST_MUST_CHECK;

/*
 * The rule for a failing partner, from the outcomes of its latest
 * attempts (delivery_attempt.outcome, newest first, at most `after` of
 * them): AT_FAILING when there are `after` and none delivered,
 * AT_RECOVERED when the newest one delivered, AT_KEEP otherwise (the
 * alert, raised or not, stays as it is). `after` 0 turns the rule off
 * (always AT_RECOVERED, so an old alert clears).
 */
enum alert_trend { AT_KEEP, AT_FAILING, AT_RECOVERED };
enum alert_trend alerts_partner_trend(const char *const *outcomes, size_t n,
    unsigned after);

#endif
