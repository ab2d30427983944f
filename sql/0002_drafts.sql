-- 0002_drafts.sql: half-filled forms their author can come back to.
-- A draft is kept as typed (it has not been validated), with the form
-- version it was made with, and is deleted when it expires (24 hours by
-- default: practitioners expect sensitive half-written notes not to
-- linger) or when the form is sent.

CREATE TABLE form_draft (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
	public_id	CHAR(22) NOT NULL COMMENT 'random id used in URLs',
	form_id		VARCHAR(40) NOT NULL COMMENT 'which form definition',
	form_version	INT UNSIGNED NOT NULL COMMENT 'which version: the draft renders and validates with it',
	author_id	INT UNSIGNED NOT NULL COMMENT 'the only one who may see or resume it',
	instance	MEDIUMTEXT NOT NULL COMMENT 'the instance as typed so far',
	created_at	DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) COMMENT 'first saved',
	updated_at	DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) COMMENT 'last saved',
	expires_at	DATETIME(6) NOT NULL COMMENT 'deleted after this time',
	PRIMARY KEY (id),
	UNIQUE KEY form_draft_public_id (public_id),
	KEY form_draft_author (author_id, expires_at),
	KEY form_draft_expiry (expires_at),
	CONSTRAINT form_draft_author_fk FOREIGN KEY (author_id) REFERENCES app_user (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='half-filled forms, visible to their author only, for a limited time';
