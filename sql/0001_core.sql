-- 0001_core.sql: units, users, sessions, tokens, children, concerns,
-- the outbox and the audit trail: the ground the BTI work stands on.
-- Every timestamp is UTC (the application sets time_zone = '+00:00');
-- every date that people read (deadlines) is a calendar date in the
-- municipality's time zone, computed by the application.

CREATE TABLE unit (
	id		INT UNSIGNED NOT NULL AUTO_INCREMENT,
	public_id	CHAR(22) NOT NULL COMMENT 'random id used in URLs',
	code		VARCHAR(40) NOT NULL COMMENT 'stable short name for seeds and admin tools',
	name		VARCHAR(200) NOT NULL COMMENT 'name shown to users',
	kind		ENUM('kindergarten','school','sfo','health_clinic','ppt',
			     'child_welfare','nav','family_service','bup',
			     'police','learning_centre','municipal','other')
			NOT NULL COMMENT 'what kind of service the unit is',
	external	BOOLEAN NOT NULL DEFAULT FALSE COMMENT 'a partner outside the municipality (BUP, police)',
	created_at	DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) COMMENT 'when the unit was registered',
	PRIMARY KEY (id),
	UNIQUE KEY unit_public_id (public_id),
	UNIQUE KEY unit_code (code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='a kindergarten, school, health clinic, PPT, child welfare or NAV office, or an external partner';

CREATE TABLE app_user (
	id		INT UNSIGNED NOT NULL AUTO_INCREMENT,
	public_id	CHAR(22) NOT NULL COMMENT 'random id used in URLs',
	username	VARCHAR(64) NOT NULL COMMENT 'login name, lower case',
	display_name	VARCHAR(200) NOT NULL COMMENT 'name shown to other users',
	email		VARCHAR(254) NULL COMMENT 'for notices; never shown in logs',
	password_hash	VARCHAR(128) NULL COMMENT 'argon2id encoded hash; NULL means no password login',
	role		ENUM('employee','leader','admin') NOT NULL COMMENT 'what the user may do in general',
	unit_id		INT UNSIGNED NULL COMMENT 'the unit the user works in (NULL for administrators)',
	lang		CHAR(2) NOT NULL DEFAULT 'nb' COMMENT 'user interface language: nb or en',
	active		BOOLEAN NOT NULL DEFAULT TRUE COMMENT 'FALSE blocks every login and token',
	created_at	DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) COMMENT 'when the account was made',
	PRIMARY KEY (id),
	UNIQUE KEY app_user_public_id (public_id),
	UNIQUE KEY app_user_username (username),
	KEY app_user_unit (unit_id, role),
	CONSTRAINT app_user_unit_fk FOREIGN KEY (unit_id) REFERENCES unit (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='a person who logs in: employee, unit leader or administrator';

CREATE TABLE session (
	token_hash	BINARY(32) NOT NULL COMMENT 'BLAKE2b of the cookie value; the value itself is never stored',
	user_id		INT UNSIGNED NOT NULL COMMENT 'who is logged in',
	csrf		CHAR(43) NOT NULL COMMENT 'token every state-changing form must echo',
	created_at	DATETIME(6) NOT NULL COMMENT 'login time, for the absolute timeout',
	last_seen	DATETIME(6) NOT NULL COMMENT 'last request, for the idle timeout',
	PRIMARY KEY (token_hash),
	KEY session_user (user_id),
	KEY session_last_seen (last_seen),
	CONSTRAINT session_user_fk FOREIGN KEY (user_id) REFERENCES app_user (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=ascii COLLATE=ascii_bin
  COMMENT='browser login sessions';

CREATE TABLE login_failure (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
	name_hash	BINARY(32) NOT NULL COMMENT 'BLAKE2b of the lower-cased user name tried (the name itself is not kept)',
	at		DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) COMMENT 'when the attempt failed',
	PRIMARY KEY (id),
	KEY login_failure_name (name_hash, at)
) ENGINE=InnoDB COMMENT='failed logins, for the rate limit';

CREATE TABLE api_token (
	id		INT UNSIGNED NOT NULL AUTO_INCREMENT,
	public_id	CHAR(22) NOT NULL COMMENT 'names the token when revoking it',
	user_id		INT UNSIGNED NOT NULL COMMENT 'the account the token acts as',
	token_hash	BINARY(32) NOT NULL COMMENT 'BLAKE2b of the token; the token itself is shown once and never stored',
	label		VARCHAR(100) NOT NULL DEFAULT '' COMMENT 'what the token is for',
	created_at	DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) COMMENT 'when it was made',
	revoked_at	DATETIME(6) NULL COMMENT 'set when revoked; a revoked token is refused',
	PRIMARY KEY (id),
	UNIQUE KEY api_token_public_id (public_id),
	UNIQUE KEY api_token_hash (token_hash),
	CONSTRAINT api_token_user_fk FOREIGN KEY (user_id) REFERENCES app_user (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='bearer tokens for machine clients of the XML API';

CREATE TABLE child (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
	public_id	CHAR(22) NOT NULL COMMENT 'random id used in URLs',
	nin_hmac	BINARY(32) NULL COMMENT 'HMAC-SHA256 of the national identity number under the server key: finds the child without storing the number in a column',
	name		VARCHAR(200) NULL COMMENT 'the child''s name as first given',
	birth_date	DATE NULL COMMENT 'date of birth, from the identity number or entered',
	created_at	DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) COMMENT 'when the child was first registered',
	PRIMARY KEY (id),
	UNIQUE KEY child_public_id (public_id),
	UNIQUE KEY child_nin (nin_hmac)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='a child that concerns and relay logs are about';

CREATE TABLE form_submission (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
	public_id	CHAR(22) NOT NULL COMMENT 'random id used in URLs',
	form_id		VARCHAR(40) NOT NULL COMMENT 'which form definition',
	form_version	INT UNSIGNED NOT NULL COMMENT 'which version of it: the instance always renders and validates with this one',
	instance	MEDIUMTEXT NOT NULL COMMENT 'the validated instance document, kept as it was accepted',
	author_id	INT UNSIGNED NOT NULL COMMENT 'who submitted it',
	created_at	DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) COMMENT 'when it was accepted',
	PRIMARY KEY (id),
	UNIQUE KEY form_submission_public_id (public_id),
	CONSTRAINT form_submission_author_fk FOREIGN KEY (author_id) REFERENCES app_user (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='every accepted form instance, verbatim, with its form version';

CREATE TABLE concern (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
	public_id	CHAR(22) NOT NULL COMMENT 'random id used in URLs',
	reference	CHAR(9) NOT NULL COMMENT 'short reference people quote, XXXX-XXXX',
	unit_id		INT UNSIGNED NOT NULL COMMENT 'the unit where the concern arose',
	author_id	INT UNSIGNED NOT NULL COMMENT 'the employee who wrote it down',
	child_id	BIGINT UNSIGNED NULL COMMENT 'NULL while the concern is anonymous',
	submission_id	BIGINT UNSIGNED NOT NULL COMMENT 'the concern form as submitted',
	anonymous	BOOLEAN NOT NULL COMMENT 'written without the child''s identity',
	urgent		BOOLEAN NOT NULL COMMENT 'the author marked it as urgent',
	level		TINYINT UNSIGNED NOT NULL DEFAULT 0 COMMENT 'BTI level 0-3',
	status		ENUM('open','closed') NOT NULL DEFAULT 'open' COMMENT 'closed when decided or resolved',
	deadline	DATE NOT NULL COMMENT 'the level-0 decision deadline (14 days by default)',
	created_at	DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) COMMENT 'when it was submitted',
	PRIMARY KEY (id),
	UNIQUE KEY concern_public_id (public_id),
	UNIQUE KEY concern_reference (reference),
	KEY concern_unit (unit_id, status, deadline),
	KEY concern_author (author_id, status, deadline),
	KEY concern_child (child_id),
	CONSTRAINT concern_unit_fk FOREIGN KEY (unit_id) REFERENCES unit (id),
	CONSTRAINT concern_author_fk FOREIGN KEY (author_id) REFERENCES app_user (id),
	CONSTRAINT concern_child_fk FOREIGN KEY (child_id) REFERENCES child (id),
	CONSTRAINT concern_submission_fk FOREIGN KEY (submission_id) REFERENCES form_submission (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='a concern (undring/bekymring) about a child, from level 0';

CREATE TABLE outbox (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
	public_id	CHAR(22) NOT NULL COMMENT 'random id used in URLs',
	kind		VARCHAR(40) NOT NULL COMMENT 'what the notice is, e.g. concern.new',
	unit_id		INT UNSIGNED NULL COMMENT 'unit to notify (its leaders), if any',
	concern_id	BIGINT UNSIGNED NULL COMMENT 'the concern that caused it, if any',
	idempotency_key	CHAR(43) NOT NULL COMMENT 'sent with every attempt so a receiver can drop repeats',
	payload		MEDIUMTEXT NULL COMMENT 'message body, when built at write time',
	status		ENUM('queued','in_flight','delivered','acknowledged','failed','cancelled','dead')
			NOT NULL DEFAULT 'queued' COMMENT 'delivery state, the truth shown to the sender',
	attempts	INT UNSIGNED NOT NULL DEFAULT 0 COMMENT 'delivery attempts so far',
	next_attempt_at	DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) COMMENT 'not before this time',
	created_at	DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) COMMENT 'when the causing change committed',
	PRIMARY KEY (id),
	UNIQUE KEY outbox_public_id (public_id),
	UNIQUE KEY outbox_idempotency (idempotency_key),
	KEY outbox_due (status, next_attempt_at),
	CONSTRAINT outbox_unit_fk FOREIGN KEY (unit_id) REFERENCES unit (id),
	CONSTRAINT outbox_concern_fk FOREIGN KEY (concern_id) REFERENCES concern (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='notices to deliver, written in the same transaction as their cause';

CREATE TABLE audit (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
	at		DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) COMMENT 'when',
	user_id		INT UNSIGNED NULL COMMENT 'who (NULL for the system itself)',
	role		VARCHAR(20) NOT NULL COMMENT 'in which role they acted',
	action		ENUM('read','list','create','update','delete','export') NOT NULL COMMENT 'what they did',
	object_type	VARCHAR(30) NOT NULL COMMENT 'what kind of record: concern, child, ...',
	object_id	BIGINT UNSIGNED NOT NULL COMMENT 'which record',
	child_id	BIGINT UNSIGNED NULL COMMENT 'whose data it is, for the guardians'' access log',
	request_id	VARCHAR(64) NOT NULL COMMENT 'the request that did it, to match the access log',
	PRIMARY KEY (id),
	KEY audit_child (child_id, at),
	KEY audit_object (object_type, object_id, at),
	KEY audit_user (user_id, at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='append-only record of every read and write of a child''s data';

-- The audit trail is append-only for everyone, the application included:
-- these triggers refuse every change and deletion, whoever asks.
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit FOR EACH ROW
	SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'the audit trail is append-only';
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit FOR EACH ROW
	SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'the audit trail is append-only';
