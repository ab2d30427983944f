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
 * alerts_sweep() is one pass (notify runs it with its housekeeping),
 * each finding in its own short transaction so several notify
 * processes can sweep at once; *raised counts the alerts raised.
 */
st_rc alerts_sweep(const struct conf *cfg, struct db *db, unsigned *raised)
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
