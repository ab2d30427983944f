-- 0006_email.sql: e-mail notices to staff and guardians. The notices are
-- the outbox rows for people (user_id or unit_id) that the relay log
-- already writes; `stafett notify` sends each as e-mail over SMTP (when
-- smtp_url is set) to the person, or to each leader of the unit. An
-- e-mail never carries a child's data: it says what kind of thing needs
-- attention and links to the page. The person's address is
-- app_user.email; what they want to get is below.

CREATE TABLE email_preference (
	user_id		INT UNSIGNED NOT NULL COMMENT 'the person',
	topic		VARCHAR(40) NOT NULL COMMENT 'a kind of e-mail, as listed in fcgi/mail.c (e.g. handover.request)',
	enabled		BOOLEAN NOT NULL COMMENT 'FALSE: the person does not want these e-mails',
	updated_at	DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) COMMENT 'when the person last saved the choice',
	PRIMARY KEY (user_id, topic),
	CONSTRAINT email_preference_user_fk FOREIGN KEY (user_id) REFERENCES app_user (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='which e-mails each person wants; a kind without a row is wanted (the default is on)';

CREATE TABLE email_recipient (
	outbox_id	BIGINT UNSIGNED NOT NULL COMMENT 'the notice',
	user_id		INT UNSIGNED NOT NULL COMMENT 'one person the notice is for (the person, or one leader of the unit)',
	outcome		ENUM('sent','refused','opted_out','no_address') NOT NULL
			COMMENT 'sent: the mail server took it; refused: a permanent SMTP refusal; opted_out: the person does not want this kind; no_address: no usable address or no active account',
	smtp_code	SMALLINT UNSIGNED NULL COMMENT 'the SMTP reply code that decided it, if one came',
	at		DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) COMMENT 'when it was decided',
	PRIMARY KEY (outbox_id, user_id),
	CONSTRAINT email_recipient_outbox_fk FOREIGN KEY (outbox_id) REFERENCES outbox (id),
	CONSTRAINT email_recipient_user_fk FOREIGN KEY (user_id) REFERENCES app_user (id)
) ENGINE=InnoDB COMMENT='the final outcome of a notice''s e-mail per person: a retry or a repeat after a crash skips the people already done';

-- The calendar sweep tells the holder and the guardians once, some days
-- (consent_warn_days) before a consent runs out.
ALTER TABLE consent
	ADD COLUMN expiry_warned BOOLEAN NOT NULL DEFAULT FALSE COMMENT 'the holder and the guardians were told the consent is about to expire' AFTER expiry_handled;

-- The delivery columns serve e-mail too: the status is the SMTP reply.
ALTER TABLE outbox
	MODIFY last_http_status SMALLINT UNSIGNED NULL COMMENT 'HTTP status (for e-mail: the SMTP reply code) of the last attempt, NULL if none came';
ALTER TABLE delivery_attempt
	MODIFY http_status SMALLINT UNSIGNED NULL COMMENT 'the status answered (for e-mail: the SMTP reply code), NULL for a network error';
