-- 0035_case_role.sql: the roles the law gives people on a child's case
-- (issue 20, item 5): the child coordinator (barnekoordinator, helse- og
-- omsorgstjenesteloven § 7-2 a, 003:1345-1359), the coordinator of an
-- individual plan (koordinator, § 7-2) and the members of the
-- responsible group (ansvarsgruppe, 003:1400-1403). Appointed on a
-- relay log by its holder among the log's people (the holder and the
-- participants: the service office's decision, 001:630, is recorded
-- there), visible to everyone who reads the log, the family too.
--
-- One child coordinator and one coordinator at a time; a person once in
-- the group. A role ends (it is not deleted): when its holder says so,
-- or when the person stops taking part in the log.

CREATE TABLE case_role (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
	log_id		BIGINT UNSIGNED NOT NULL COMMENT 'the relay log',
	user_id		INT UNSIGNED NOT NULL COMMENT 'who has the role',
	role		VARCHAR(30) NOT NULL COMMENT 'child_coordinator, coordinator or group',
	appointed_by	INT UNSIGNED NOT NULL COMMENT 'who recorded the appointment',
	appointed_at	DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) COMMENT 'when',
	ended_at	DATETIME(6) NULL COMMENT 'when the role ended',
	ended_reason	VARCHAR(500) NULL COMMENT 'why',
	active_key	VARCHAR(40) AS (IF(ended_at IS NULL, IF(role = 'group',
			    CONCAT('group:', user_id), role), NULL)) PERSISTENT
			COMMENT 'while in force: one coordinator of each kind, a member once',
	PRIMARY KEY (id),
	UNIQUE KEY case_role_active (log_id, active_key),
	KEY case_role_user (user_id, ended_at),
	CONSTRAINT case_role_log_fk FOREIGN KEY (log_id) REFERENCES relay_log (id)
		ON DELETE CASCADE,
	CONSTRAINT case_role_user_fk FOREIGN KEY (user_id) REFERENCES app_user (id),
	CONSTRAINT case_role_by_fk FOREIGN KEY (appointed_by) REFERENCES app_user (id),
	CONSTRAINT case_role_code CHECK (role IN ('child_coordinator',
	    'coordinator', 'group'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='roles the law gives people on a child''s case, appointed on its relay log';

-- A kept log page shows the roles: a change raises the log's view
-- version (0011_view_version.sql), as the participants' do.
CREATE TRIGGER case_role_view_ins AFTER INSERT ON case_role
	FOR EACH ROW
	INSERT INTO log_version (log_id, v) VALUES (NEW.log_id, 1)
	ON DUPLICATE KEY UPDATE v = v + 1;

CREATE TRIGGER case_role_view_upd AFTER UPDATE ON case_role
	FOR EACH ROW
	INSERT INTO log_version (log_id, v) SELECT t.log_id, 1
	    FROM (SELECT NEW.log_id AS log_id UNION SELECT OLD.log_id) t
	    ON DUPLICATE KEY UPDATE v = v + 1;

CREATE TRIGGER case_role_view_del AFTER DELETE ON case_role
	FOR EACH ROW
	INSERT INTO log_version (log_id, v) VALUES (OLD.log_id, 1)
	ON DUPLICATE KEY UPDATE v = v + 1;

-- Retention (0032_retention.sql) deletes a log's roles with it, and
-- counts them as it counts every other row it deletes: the procedure is
-- made again, the same but for that (the foreign key's cascade would
-- delete them too, uncounted).
-- retention_purge(log, concern, rows): delete a closed relay log
-- (p_log) with everything that belongs to it: its concerns, consents and
-- their scans, meetings, minutes, measures, participants, handovers,
-- notices and their attempts, timeline, roles (0035), the accepted forms of all of
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
CREATE OR REPLACE PROCEDURE retention_purge(
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
	DELETE FROM case_role WHERE log_id = p_log;
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
