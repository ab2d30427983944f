-- bench.sql: the tables baseline b writes, shaped like the product's
-- form_submission and outbox (same key types, indexes and row sizes),
-- without the foreign keys to rows the baseline does not have.
CREATE TABLE IF NOT EXISTS bench_submission (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
	public_id	CHAR(22) NOT NULL,
	form_id		VARCHAR(40) NOT NULL,
	form_version	INT UNSIGNED NOT NULL,
	instance	MEDIUMTEXT NOT NULL,
	author_id	INT UNSIGNED NOT NULL,
	created_at	DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
	PRIMARY KEY (id),
	UNIQUE KEY bench_submission_public_id (public_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS bench_outbox (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
	public_id	CHAR(22) NOT NULL,
	kind		VARCHAR(40) NOT NULL,
	submission_id	BIGINT UNSIGNED NOT NULL,
	idempotency_key	CHAR(43) NOT NULL,
	status		ENUM('queued','in_flight','delivered','acknowledged',
			     'failed','cancelled','dead') NOT NULL DEFAULT 'queued',
	attempts	INT UNSIGNED NOT NULL DEFAULT 0,
	next_attempt_at	DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
	created_at	DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
	PRIMARY KEY (id),
	UNIQUE KEY bench_outbox_public_id (public_id),
	UNIQUE KEY bench_outbox_idempotency (idempotency_key),
	KEY bench_outbox_due (status, next_attempt_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

GRANT SELECT, INSERT, UPDATE, DELETE ON stafett.bench_submission TO 'stafett'@'localhost';
GRANT SELECT, INSERT, UPDATE, DELETE ON stafett.bench_outbox TO 'stafett'@'localhost';
