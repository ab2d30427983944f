-- 0021_health_probe.sql: one row the monitor of `stafett serve` writes
-- every few seconds (fcgi/dbwatch.c), so that /healthz says unhealthy
-- when the database answers but cannot write (a read-only server, a
-- disk that is full).

CREATE TABLE health_probe (
	id		TINYINT UNSIGNED NOT NULL COMMENT 'always 1',
	probed_at	DATETIME(6) NOT NULL COMMENT 'when a monitor last wrote',
	probed_by	VARCHAR(80) NOT NULL COMMENT 'which monitor: host:pid:random',
	PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='the health check''s write: one row, written every few seconds';

INSERT INTO health_probe (id, probed_at, probed_by) VALUES (1, NOW(6), 'migrate');
