-- 0032_retention.sql: when a closed relay log or a concern that ended at
-- level 0 has been kept as long as the municipality keeps it
-- (retention_*_days in stafett.conf; README, Retention), notify deletes
-- it, after handing a closed log's archive copy to the archive, and
-- records the deletion without the deleted data (issue 19).
--
-- Expand only: a running older version writes and reads as before.

-- What was deleted, when and by which rule: never what it held. A
-- relay log or concern is named by its case reference (L-/B-number,
-- which says nothing about the child); a kind deleted in bulk (tokens,
-- drafts, sessions) by a count.
CREATE TABLE retention_record (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
	at		DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6)
			COMMENT 'when it was deleted',
	kind		VARCHAR(30) NOT NULL
			COMMENT 'relay_log, concern, api_token, form_draft, session',
	reference	CHAR(9) NULL
			COMMENT 'the case reference of a log or concern',
	items		INT UNSIGNED NOT NULL DEFAULT 1
			COMMENT 'how many were deleted (1 for a log or concern)',
	rows_deleted	INT UNSIGNED NOT NULL DEFAULT 0
			COMMENT 'the rows of all tables deleted with it',
	rule		VARCHAR(40) NOT NULL
			COMMENT 'the retention rule (README, Retention)',
	kept_days	INT UNSIGNED NOT NULL
			COMMENT 'the period the rule had when it ran out',
	deposit		VARCHAR(255) NULL
			COMMENT 'the folder handed to the archive (its name)',
	deposit_sha256	CHAR(64) NULL
			COMMENT 'the SHA-256 of its manifest, as written',
	PRIMARY KEY (id),
	KEY retention_record_at (at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='deletions by retention, without the deleted data';

-- When a concern was closed (its level decided: 0 closes it), which its
-- retention counts from. A trigger sets it, so every version that
-- closes a concern does; those closed before are counted from their last
-- event.
ALTER TABLE concern ADD COLUMN closed_at DATETIME(6) NULL
	COMMENT 'when it was closed (retention counts from it)';
CREATE TRIGGER concern_closed_at BEFORE UPDATE ON concern FOR EACH ROW
	IF NEW.status = 'closed' AND OLD.status <> 'closed' THEN
		SET NEW.closed_at = NOW(6);
	END IF;
UPDATE concern c SET c.closed_at = COALESCE((SELECT MAX(e.at)
	FROM case_event e WHERE e.concern_id = c.id), c.created_at)
	WHERE c.status = 'closed';
CREATE INDEX concern_retention ON concern (status, level, closed_at);

-- The rows that are never deleted, except by the retention rule: the
-- timeline, the minutes, the accepted forms and the archive copy. The
-- guards stay for every statement but those retention_purge below runs:
-- while it runs, @stafett_retention holds a key only it can read, kept
-- in a schema of its own that the application's account has no right
-- to (stafett_guard; the account's grants are on this schema only), so
-- the application cannot set the mark itself. One key per database
-- (two installations may share a server). CREATE OR REPLACE: no moment
-- without a guard.
CREATE DATABASE IF NOT EXISTS stafett_guard;
CREATE TABLE IF NOT EXISTS stafett_guard.retention_key (
	db	VARCHAR(64) NOT NULL COMMENT 'the application database',
	k	CHAR(64) NOT NULL COMMENT 'the key retention_purge marks with',
	PRIMARY KEY (db)
) ENGINE=InnoDB COMMENT='never readable by the application''s account';
INSERT IGNORE INTO stafett_guard.retention_key (db, k)
	VALUES (DATABASE(), HEX(RANDOM_BYTES(32)));

CREATE OR REPLACE TRIGGER case_event_no_delete BEFORE DELETE ON case_event
	FOR EACH ROW
	IF NOT COALESCE(@stafett_retention = (SELECT k FROM
	    stafett_guard.retention_key WHERE db = DATABASE()), FALSE) THEN
		SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT =
		    'the timeline is append-only: an event is never deleted';
	END IF;
CREATE OR REPLACE TRIGGER minutes_no_delete BEFORE DELETE ON minutes
	FOR EACH ROW
	IF NOT COALESCE(@stafett_retention = (SELECT k FROM
	    stafett_guard.retention_key WHERE db = DATABASE()), FALSE) THEN
		SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT =
		    'minutes are never deleted';
	END IF;
CREATE OR REPLACE TRIGGER form_submission_no_delete BEFORE DELETE ON
	form_submission FOR EACH ROW
	IF NOT COALESCE(@stafett_retention = (SELECT k FROM
	    stafett_guard.retention_key WHERE db = DATABASE()), FALSE) THEN
		SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT =
		    'a form is kept as it was accepted: it is never deleted';
	END IF;
CREATE OR REPLACE TRIGGER log_archive_no_delete BEFORE DELETE ON
	log_archive FOR EACH ROW
	IF NOT COALESCE(@stafett_retention = (SELECT k FROM
	    stafett_guard.retention_key WHERE db = DATABASE()), FALSE) THEN
		SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT =
		    'the archive copy is never deleted';
	END IF;

-- retention_purge(log, concern, rows): delete a closed relay log
-- (p_log) with everything that belongs to it: its concerns, consents and
-- their scans, meetings, minutes, measures, participants, handovers,
-- notices and their attempts, timeline, the accepted forms of all of
-- them, its archive copy, and the child when nothing else of the child
-- is left; or, with p_log NULL, one concern that ended at level 0
-- (p_concern) with the same of its own. p_rows: how many rows went.
-- Anything else is refused: an open log, a concern in a log or not
-- closed at level 0.
--
-- What belongs to someone else stays, and forgets the case: a concern
-- of another unit that was passed to the log but not taken into it
-- (its author's, with its own rule), and a consultation (two-year
-- consultation) that led to a concern (the health clinic's and the
-- kindergarten's record, not the concern's).
--
-- It runs with the rights of the account that made it (SQL SECURITY
-- DEFINER), the only way to read the key; so it checks itself what it
-- may delete (above), as the application's account may call it. It runs
-- inside the caller's transaction and commits nothing: the caller
-- records the deletion (retention_record, audit) in the same one, and
-- clears @stafett_retention after the call whatever happened (a call
-- that is killed runs no handler). The audit trail is not touched: its
-- rows name the records by their ids, not their data. No temporary
-- tables: the ids collected first travel as JSON.
CREATE PROCEDURE retention_purge(
	IN p_log	BIGINT UNSIGNED,
	IN p_concern	BIGINT UNSIGNED,
	OUT p_rows	INT UNSIGNED)
	SQL SECURITY DEFINER
	MODIFIES SQL DATA
BEGIN
	DECLARE v_concerns, v_subs, v_children LONGTEXT;
	DECLARE EXIT HANDLER FOR SQLEXCEPTION
	BEGIN
		SET @stafett_retention = NULL;
		RESIGNAL;
	END;
	SET p_rows = 0;
	IF (p_log IS NOT NULL AND NOT EXISTS (SELECT 1 FROM relay_log
	    WHERE id = p_log AND status = 'closed')) OR (p_log IS NULL AND
	    NOT EXISTS (SELECT 1 FROM concern WHERE id = p_concern AND
	    status = 'closed' AND level = 0 AND log_id IS NULL AND
	    passed_log_id IS NULL)) THEN
		SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT =
		    'only a closed log, or a concern closed at level 0 in no log, is deleted by retention';
	END IF;
	SET @stafett_retention = (SELECT k FROM stafett_guard.retention_key
	    WHERE db = DATABASE());

	-- the concerns: the log's own; or the one concern
	SELECT COALESCE(JSON_ARRAYAGG(id), '[]') INTO v_concerns FROM concern
	WHERE (p_log IS NOT NULL AND log_id = p_log)
	    OR (p_log IS NULL AND id = p_concern);
	-- a concern passed to the log and not taken into it is its author's
	UPDATE concern SET passed_log_id = NULL, passed_state = NULL,
	    passed_answer = NULL, passed_by = NULL, passed_at = NULL
	WHERE p_log IS NOT NULL AND passed_log_id = p_log
	    AND (log_id IS NULL OR log_id <> p_log);
	-- a consultation is its own record
	UPDATE consultation SET concern_id = NULL WHERE concern_id IN
	    (SELECT id FROM JSON_TABLE(v_concerns, '$[*]' COLUMNS
	    (id BIGINT UNSIGNED PATH '$')) j);

	-- the accepted forms and the children, to look at last
	SELECT COALESCE(JSON_ARRAYAGG(s), '[]') INTO v_subs FROM (
		SELECT submission_id AS s FROM concern WHERE id IN
		    (SELECT id FROM JSON_TABLE(v_concerns, '$[*]' COLUMNS
		    (id BIGINT UNSIGNED PATH '$')) j)
		UNION SELECT submission_id FROM consent WHERE log_id = p_log
		UNION SELECT submission_id FROM minutes WHERE log_id = p_log
		UNION SELECT submission_id FROM handover WHERE log_id = p_log
		UNION SELECT submission_id FROM case_event
		    WHERE log_id = p_log OR concern_id IN
		    (SELECT id FROM JSON_TABLE(v_concerns, '$[*]' COLUMNS
		    (id BIGINT UNSIGNED PATH '$')) j)
		UNION SELECT submission_id FROM outbox
		    WHERE log_id = p_log OR concern_id IN
		    (SELECT id FROM JSON_TABLE(v_concerns, '$[*]' COLUMNS
		    (id BIGINT UNSIGNED PATH '$')) j)
	) x WHERE s IS NOT NULL;
	SELECT COALESCE(JSON_ARRAYAGG(c), '[]') INTO v_children FROM (
		SELECT child_id AS c FROM relay_log WHERE id = p_log
		UNION SELECT child_id FROM concern WHERE id IN
		    (SELECT id FROM JSON_TABLE(v_concerns, '$[*]' COLUMNS
		    (id BIGINT UNSIGNED PATH '$')) j)
	) x WHERE c IS NOT NULL;

	-- notices, their attempts, alerts, answers and e-mail recipients
	-- (a notice that cancels another comes after it: the later first)
	DELETE FROM notice_answer WHERE outbox_id IN (SELECT id FROM outbox
	    WHERE log_id = p_log OR concern_id IN (SELECT id FROM JSON_TABLE(
	    v_concerns, '$[*]' COLUMNS (id BIGINT UNSIGNED PATH '$')) j));
	SET p_rows = p_rows + ROW_COUNT();
	DELETE FROM delivery_alert WHERE outbox_id IN (SELECT id FROM outbox
	    WHERE log_id = p_log OR concern_id IN (SELECT id FROM JSON_TABLE(
	    v_concerns, '$[*]' COLUMNS (id BIGINT UNSIGNED PATH '$')) j));
	SET p_rows = p_rows + ROW_COUNT();
	DELETE FROM delivery_attempt WHERE outbox_id IN (SELECT id FROM outbox
	    WHERE log_id = p_log OR concern_id IN (SELECT id FROM JSON_TABLE(
	    v_concerns, '$[*]' COLUMNS (id BIGINT UNSIGNED PATH '$')) j));
	SET p_rows = p_rows + ROW_COUNT();
	DELETE FROM email_recipient WHERE outbox_id IN (SELECT id FROM outbox
	    WHERE log_id = p_log OR concern_id IN (SELECT id FROM JSON_TABLE(
	    v_concerns, '$[*]' COLUMNS (id BIGINT UNSIGNED PATH '$')) j));
	SET p_rows = p_rows + ROW_COUNT();
	DELETE FROM outbox WHERE log_id = p_log OR concern_id IN (SELECT id
	    FROM JSON_TABLE(v_concerns, '$[*]' COLUMNS
	    (id BIGINT UNSIGNED PATH '$')) j) ORDER BY id DESC;
	SET p_rows = p_rows + ROW_COUNT();

	-- the timeline
	DELETE FROM case_event WHERE log_id = p_log OR concern_id IN (SELECT id
	    FROM JSON_TABLE(v_concerns, '$[*]' COLUMNS
	    (id BIGINT UNSIGNED PATH '$')) j);
	SET p_rows = p_rows + ROW_COUNT();

	-- the log's measures, minutes (a correction after what it corrects:
	-- the later first), meetings, handovers, participants, consents
	DELETE FROM measure WHERE log_id = p_log;
	SET p_rows = p_rows + ROW_COUNT();
	DELETE FROM minutes WHERE log_id = p_log ORDER BY id DESC;
	SET p_rows = p_rows + ROW_COUNT();
	DELETE FROM meeting_invitee WHERE meeting_id IN
	    (SELECT id FROM meeting WHERE log_id = p_log);
	SET p_rows = p_rows + ROW_COUNT();
	DELETE FROM meeting WHERE log_id = p_log;
	SET p_rows = p_rows + ROW_COUNT();
	DELETE FROM handover WHERE log_id = p_log;
	SET p_rows = p_rows + ROW_COUNT();
	DELETE FROM log_participant WHERE log_id = p_log;
	SET p_rows = p_rows + ROW_COUNT();
	DELETE FROM consent_attachment WHERE consent_id IN
	    (SELECT id FROM consent WHERE log_id = p_log);
	SET p_rows = p_rows + ROW_COUNT();
	DELETE FROM consent_person WHERE consent_id IN
	    (SELECT id FROM consent WHERE log_id = p_log);
	SET p_rows = p_rows + ROW_COUNT();
	DELETE FROM consent_service WHERE consent_id IN
	    (SELECT id FROM consent WHERE log_id = p_log);
	SET p_rows = p_rows + ROW_COUNT();
	DELETE FROM consent_unit WHERE consent_id IN
	    (SELECT id FROM consent WHERE log_id = p_log);
	SET p_rows = p_rows + ROW_COUNT();
	DELETE FROM consent WHERE log_id = p_log;
	SET p_rows = p_rows + ROW_COUNT();

	-- the concerns, the archive copy, the log
	DELETE FROM concern WHERE id IN (SELECT id FROM JSON_TABLE(v_concerns,
	    '$[*]' COLUMNS (id BIGINT UNSIGNED PATH '$')) j);
	SET p_rows = p_rows + ROW_COUNT();
	DELETE FROM log_archive WHERE log_id = p_log;
	SET p_rows = p_rows + ROW_COUNT();
	DELETE FROM relay_log WHERE id = p_log;
	SET p_rows = p_rows + ROW_COUNT();
	-- (the deletes above raised its view version; nothing is left to
	-- view)
	DELETE FROM log_version WHERE log_id = p_log;

	-- the accepted forms nothing left refers to, and the children
	-- nothing else is about
	DELETE FROM form_submission WHERE id IN (SELECT id FROM JSON_TABLE(
	    v_subs, '$[*]' COLUMNS (id BIGINT UNSIGNED PATH '$')) j)
	    AND NOT EXISTS (SELECT 1 FROM concern c
		WHERE c.submission_id = form_submission.id)
	    AND NOT EXISTS (SELECT 1 FROM consultation q
		WHERE q.submission_id = form_submission.id)
	    AND NOT EXISTS (SELECT 1 FROM consent k
		WHERE k.submission_id = form_submission.id)
	    AND NOT EXISTS (SELECT 1 FROM minutes m
		WHERE m.submission_id = form_submission.id)
	    AND NOT EXISTS (SELECT 1 FROM outbox o
		WHERE o.submission_id = form_submission.id)
	    AND NOT EXISTS (SELECT 1 FROM case_event e
		WHERE e.submission_id = form_submission.id)
	    AND NOT EXISTS (SELECT 1 FROM handover h
		WHERE h.submission_id = form_submission.id);
	SET p_rows = p_rows + ROW_COUNT();
	DELETE FROM child_person WHERE child_id IN (SELECT id FROM JSON_TABLE(
	    v_children, '$[*]' COLUMNS (id BIGINT UNSIGNED PATH '$')) j)
	    AND NOT EXISTS (SELECT 1 FROM relay_log r
		WHERE r.child_id = child_person.child_id)
	    AND NOT EXISTS (SELECT 1 FROM concern c
		WHERE c.child_id = child_person.child_id)
	    AND NOT EXISTS (SELECT 1 FROM consultation q
		WHERE q.child_id = child_person.child_id);
	SET p_rows = p_rows + ROW_COUNT();
	DELETE FROM child WHERE id IN (SELECT id FROM JSON_TABLE(v_children,
	    '$[*]' COLUMNS (id BIGINT UNSIGNED PATH '$')) j)
	    AND NOT EXISTS (SELECT 1 FROM relay_log r WHERE r.child_id = child.id)
	    AND NOT EXISTS (SELECT 1 FROM concern c WHERE c.child_id = child.id)
	    AND NOT EXISTS (SELECT 1 FROM consultation q
		WHERE q.child_id = child.id)
	    AND NOT EXISTS (SELECT 1 FROM child_person p
		WHERE p.child_id = child.id);
	SET p_rows = p_rows + ROW_COUNT();

	SET @stafett_retention = NULL;
END;
