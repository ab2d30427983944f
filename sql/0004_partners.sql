-- 0004_partners.sql: external partners and the delivery state of notices.
-- A partner (BUP, NAV, child welfare, PPT, police, ...) receives notices
-- pushed to its HTTPS endpoint by `stafett notify`. Its secrets (the HMAC
-- key that signs every body, a bearer token, a client certificate and
-- key) are never stored here: they are files under partner_secrets_dir,
-- which only the notify process reads, so a web worker that is tricked
-- into reading the database still cannot speak for the municipality.

CREATE TABLE partner (
	id		INT UNSIGNED NOT NULL AUTO_INCREMENT COMMENT 'internal key',
	public_id	CHAR(22) NOT NULL COMMENT 'random id used in URLs, in the CLI and in the secrets directory',
	name		VARCHAR(200) NOT NULL COMMENT 'name shown to the administrator and on the case',
	kind		ENUM('bup','nav','child_welfare','ppt','police','other')
			NOT NULL COMMENT 'what kind of service the partner is: which notices it may receive',
	endpoint	VARCHAR(500) NOT NULL COMMENT 'HTTPS URL notices are POSTed to (http:// is refused)',
	auth		ENUM('mtls','bearer') NOT NULL COMMENT 'how stafett authenticates: client certificate or bearer token (a body signature always)',
	accepts		SET('referral','nav_notice','cw_report','handover','cancellation')
			NOT NULL DEFAULT '' COMMENT 'message types the partner accepts',
	status		ENUM('active','paused') NOT NULL DEFAULT 'active' COMMENT 'paused partners are sent nothing; their notices wait',
	created_at	DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) COMMENT 'when it was registered',
	PRIMARY KEY (id),
	UNIQUE KEY partner_public_id (public_id),
	UNIQUE KEY partner_name (name),
	KEY partner_kind (kind, status)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='external receivers of notices; their secrets live in files, not here';

ALTER TABLE outbox
	ADD COLUMN submission_id BIGINT UNSIGNED NULL COMMENT 'the form instance the message is built from, at send time' AFTER log_id,
	ADD COLUMN partner_id INT UNSIGNED NULL COMMENT 'the partner it goes to, once chosen (NULL for people: e-mail)' AFTER service,
	ADD COLUMN message_type ENUM('referral','nav_notice','cw_report','handover','cancellation')
		NULL COMMENT 'the schema of the message sent to the partner' AFTER partner_id,
	ADD COLUMN lease_until DATETIME(6) NULL COMMENT 'while in_flight: another notify may take it over after this' AFTER next_attempt_at,
	ADD COLUMN claimed_by VARCHAR(80) NULL COMMENT 'the notify process (host:pid) holding the lease' AFTER lease_until,
	ADD COLUMN last_http_status SMALLINT UNSIGNED NULL COMMENT 'HTTP status of the last attempt, NULL if none came' AFTER claimed_by,
	ADD COLUMN last_error VARCHAR(255) NULL COMMENT 'why the last attempt failed, without personal data' AFTER last_http_status,
	ADD COLUMN delivered_at DATETIME(6) NULL COMMENT 'when the partner answered 2xx' AFTER last_error,
	ADD COLUMN acknowledged_at DATETIME(6) NULL COMMENT 'when the partner''s receipt (its reference) arrived' AFTER delivered_at,
	ADD COLUMN partner_ref VARCHAR(100) NULL COMMENT 'the partner''s reference from its receipt, shown on the case' AFTER acknowledged_at,
	ADD COLUMN dead_at DATETIME(6) NULL COMMENT 'when it gave up: permanent failure or retry horizon passed' AFTER partner_ref,
	ADD KEY outbox_partner (partner_id, status),
	ADD KEY outbox_lease (status, lease_until),
	ADD CONSTRAINT outbox_partner_fk FOREIGN KEY (partner_id) REFERENCES partner (id),
	ADD CONSTRAINT outbox_submission_fk FOREIGN KEY (submission_id) REFERENCES form_submission (id);

CREATE TABLE delivery_attempt (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT COMMENT 'internal key',
	outbox_id	BIGINT UNSIGNED NOT NULL COMMENT 'the notice tried',
	partner_id	INT UNSIGNED NULL COMMENT 'the partner it was sent to',
	attempt		INT UNSIGNED NOT NULL COMMENT 'which attempt (1 = first)',
	claimed_by	VARCHAR(80) NOT NULL COMMENT 'the notify process that tried',
	started_at	DATETIME(6) NOT NULL COMMENT 'when the request began',
	finished_at	DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) COMMENT 'when the answer (or the failure) came',
	http_status	SMALLINT UNSIGNED NULL COMMENT 'the status answered, NULL for a network error',
	outcome		ENUM('delivered','acknowledged','retry','failed','dead','cancelled')
			NOT NULL COMMENT 'what the attempt led to',
	error		VARCHAR(255) NULL COMMENT 'the transport or protocol error, without personal data',
	retry_after_s	INT UNSIGNED NULL COMMENT 'the wait the partner asked for (Retry-After), if any',
	PRIMARY KEY (id),
	KEY delivery_attempt_outbox (outbox_id, attempt),
	KEY delivery_attempt_partner (partner_id, finished_at),
	CONSTRAINT delivery_attempt_outbox_fk FOREIGN KEY (outbox_id) REFERENCES outbox (id),
	CONSTRAINT delivery_attempt_partner_fk FOREIGN KEY (partner_id) REFERENCES partner (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='every delivery attempt of a notice, for the sender, the administrator and the alerts';
