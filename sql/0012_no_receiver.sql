-- 0012_no_receiver.sql: a notice to a partner that nobody can take. A
-- report of concern to child welfare with no active child welfare
-- partner that takes reports waited in the queue with no partner, shown
-- as "sent", and nobody was told. Such a notice now raises an alert at
-- once: in the transaction that makes it, or that pauses its partner or
-- changes what the partners take (and notify's sweep finds any left by
-- other means, such as SQL). The alert is shown on the start pages of
-- the sender and the administrators while no partner can take the
-- notice, and each of them is queued an e-mail notice, as for the other
-- alerts (0007_alerts.sql).

ALTER TABLE delivery_alert
	MODIFY kind ENUM('unacknowledged','dead','partner_failing','no_receiver')
		NOT NULL COMMENT 'delivered but not acknowledged in time; given up (dead); a partner whose last attempts all failed; waiting with no partner able to take it (no_receiver: none active of its service that takes its type, or its partner paused)',
	MODIFY partner_id INT UNSIGNED NULL
		COMMENT 'the partner concerned (for no_receiver the paused partner the notice waits for, or NULL when no partner takes it)',
	MODIFY since DATETIME(6) NOT NULL
		COMMENT 'when the condition began (delivered_at, dead_at, when the partner was found failing, or when the notice was found without a receiver): with kind and notice it makes the alert unique, so it is raised once per occurrence',
	MODIFY raised_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6)
		COMMENT 'when it was raised: by notify, or by the request that left a notice without a receiver',
	ADD COLUMN waiting_notice BIGINT UNSIGNED AS (IF(kind = 'no_receiver' AND cleared_at IS NULL, outbox_id, NULL)) PERSISTENT
		COMMENT 'the notice while its no_receiver alert is open: one open at a time, however many raise it at once',
	ADD UNIQUE KEY delivery_alert_waiting (waiting_notice);
