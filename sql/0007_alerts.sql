-- 0007_alerts.sql: what the administrator and the senders are told about
-- notices to partners. A notice delivered but not acknowledged in time,
-- a notice that died, and a partner that keeps failing each raise an
-- alert once (`stafett notify` finds them); the alert is shown on the
-- start pages of the sender and the administrators until its cause is
-- gone, and a notice to each of them is queued in the outbox. The web
-- workers cannot look in partner_secrets_dir, so which secrets are in
-- place is recorded here, never what they are. Delivery latencies are
-- counted per partner for /metrics, so a scrape reads a few rows instead
-- of every notice ever delivered.

ALTER TABLE partner
	ADD COLUMN secrets SET('hmac','bearer','cert','key','inbound_hmac') NOT NULL DEFAULT ''
		COMMENT 'which secret files are in place (never their values), as stafett partner secret stored them or notify last found them' AFTER status,
	ADD COLUMN secrets_checked_at DATETIME(6) NULL
		COMMENT 'when the secret files were last looked at (NULL: not yet)' AFTER secrets;

-- sender_id and alert_id have no foreign key on purpose: the index a key
-- needs would be written by every notice the web requests make, and
-- user_id beside them has none either.
ALTER TABLE outbox
	ADD COLUMN sender_id INT UNSIGNED NULL
		COMMENT 'the person whose form made a notice to a partner: told when it is not acknowledged in time or dies' AFTER submission_id,
	ADD COLUMN retried_at DATETIME(6) NULL
		COMMENT 'when an administrator last sent it back to the queue after it died: its retry horizon counts from here' AFTER dead_at,
	ADD COLUMN alert_id BIGINT UNSIGNED NULL
		COMMENT 'for a notice to a person about an alert: the alert (delivery_alert.id)' AFTER retried_at;

-- Notices made before this migration: their sender is their form's author.
UPDATE outbox o JOIN form_submission s ON s.id = o.submission_id
	SET o.sender_id = s.author_id
	WHERE o.sender_id IS NULL AND o.kind IN ('referral', 'nav_notice', 'cw_report');

CREATE TABLE delivery_alert (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT COMMENT 'internal key',
	kind		ENUM('unacknowledged','dead','partner_failing')
			NOT NULL COMMENT 'delivered but not acknowledged in time; given up (dead); a partner whose last attempts all failed',
	partner_id	INT UNSIGNED NOT NULL COMMENT 'the partner concerned',
	outbox_id	BIGINT UNSIGNED NULL COMMENT 'the notice concerned (NULL for partner_failing)',
	since		DATETIME(6) NOT NULL COMMENT 'when the condition began (delivered_at, dead_at, or when the partner was found failing): with kind and notice it makes the alert unique, so it is raised once per occurrence',
	raised_at	DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) COMMENT 'when notify raised it',
	cleared_at	DATETIME(6) NULL COMMENT 'when its cause went away (acknowledged, retried, cancelled, the partner delivered again); shown until then',
	PRIMARY KEY (id),
	UNIQUE KEY delivery_alert_once (outbox_id, kind, since),
	KEY delivery_alert_open (cleared_at, kind),
	KEY delivery_alert_partner (partner_id, kind, cleared_at),
	CONSTRAINT delivery_alert_partner_fk FOREIGN KEY (partner_id) REFERENCES partner (id),
	CONSTRAINT delivery_alert_outbox_fk FOREIGN KEY (outbox_id) REFERENCES outbox (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='alerts about delivery to partners, for the senders and the administrators';

CREATE TABLE delivery_latency (
	partner_id	INT UNSIGNED NOT NULL COMMENT 'the partner the notices went to',
	le_ms		INT UNSIGNED NOT NULL COMMENT 'upper bound of the histogram bucket in milliseconds (4294967295: no bound)',
	notices		BIGINT UNSIGNED NOT NULL DEFAULT 0 COMMENT 'notices delivered with a latency (made to delivered) in this bucket and above the one below',
	total_us	BIGINT UNSIGNED NOT NULL DEFAULT 0 COMMENT 'the sum of their latencies, in microseconds',
	PRIMARY KEY (partner_id, le_ms),
	CONSTRAINT delivery_latency_partner_fk FOREIGN KEY (partner_id) REFERENCES partner (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='delivery latency per partner as histogram counts, for /metrics';
