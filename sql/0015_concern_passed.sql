-- 0015_concern_passed.sql: a concern about a child who already has an
-- open relay log never opens that log to its author. When its author
-- decides level 2 or 3 and may not read the child's log, the concern is
-- passed to the log instead: its holder (and the leader of its unit)
-- reads it and either takes it into the log or answers the author. The
-- author is told only that it was passed to the people responsible:
-- not that a log exists, its level, or who holds it. Only the holder
-- decides the log's level.

ALTER TABLE concern
	MODIFY status ENUM('open','closed','passed') NOT NULL DEFAULT 'open'
		COMMENT 'closed when decided or resolved; passed: given to the holder of the child''s relay log, who decides',
	ADD COLUMN passed_log_id BIGINT UNSIGNED NULL
		COMMENT 'the child''s open relay log the concern was passed to (never shown to its author)' AFTER log_id,
	ADD COLUMN passed_state ENUM('pending','taken','answered') NULL
		COMMENT 'what the log''s holder did with it: nothing yet, took it into the log, or answered the author' AFTER passed_log_id,
	ADD COLUMN passed_answer TEXT NULL
		COMMENT 'the answer to the author, when it was not taken in' AFTER passed_state,
	ADD COLUMN passed_by INT UNSIGNED NULL
		COMMENT 'who took it in or answered' AFTER passed_answer,
	ADD COLUMN passed_at DATETIME(6) NULL
		COMMENT 'when it was taken in or answered' AFTER passed_by,
	ADD KEY concern_passed (passed_log_id, passed_state),
	ADD CONSTRAINT concern_passed_log_fk FOREIGN KEY (passed_log_id) REFERENCES relay_log (id);
