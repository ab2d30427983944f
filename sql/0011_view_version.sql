-- 0011_view_version.sql: what a worker may keep of a log's page between
-- reads (fcgi/viewcache.c). A log's lists (the timeline, participants,
-- consents, measures, meetings, minutes, the pending handover, the
-- guide's marks) are kept under the log's version, which these triggers
-- raise in the same transaction as every change to what the lists show:
-- a read that sees the change sees the new version, so it never gets
-- lists kept from before. What every log's lists show (names of people,
-- units and partners, the action guide, a report withheld from the
-- guardians) raises the one epoch instead.
--
-- The triggers are in the database, not in the application's writers, so
-- that no writer (a handler, the sweeps, notify, an administrator's SQL)
-- can change a list without it. The notices and their answers are not
-- kept (notify changes them between reads): a read lists them afresh.
-- An update raises the version of the log the row belonged to and of the
-- one it belongs to now. Updates that change only the sweeps' bookkeeping
-- (consents' expiry marks, measures' reminder flags) or notify's
-- (an outbox row's state) raise nothing, so they take no lock on it.

CREATE TABLE log_version (
	log_id		BIGINT UNSIGNED NOT NULL COMMENT 'the log',
	v		BIGINT UNSIGNED NOT NULL COMMENT 'raised by every change to what its page lists',
	PRIMARY KEY (log_id)
) ENGINE=InnoDB COMMENT='the version of each log''s lists, for the workers'' view cache';

CREATE TABLE view_epoch (
	id		TINYINT UNSIGNED NOT NULL COMMENT 'always 1',
	v		BIGINT UNSIGNED NOT NULL COMMENT 'raised by every change to what all logs'' lists show',
	PRIMARY KEY (id)
) ENGINE=InnoDB COMMENT='one row: the version of what every log''s lists share';
INSERT INTO view_epoch (id, v) VALUES (1, 1);

INSERT INTO log_version (log_id, v) SELECT id, 1 FROM relay_log;

-- Raise the versions of the logs given (NULL: none, the same one once);
-- raise the epoch if p_changed.
CREATE PROCEDURE view_touch_log(IN p_new BIGINT UNSIGNED,
	IN p_old BIGINT UNSIGNED)
	INSERT INTO log_version (log_id, v)
	SELECT t.log_id, 1 FROM (SELECT p_new AS log_id UNION SELECT p_old) t
	WHERE t.log_id IS NOT NULL ON DUPLICATE KEY UPDATE v = v + 1;
CREATE PROCEDURE view_touch_all(IN p_changed BOOLEAN)
	UPDATE view_epoch SET v = v + 1 WHERE id = 1 AND p_changed;

-- A change to the log itself (level, holder, status, home unit).
CREATE TRIGGER relay_log_view AFTER UPDATE ON relay_log FOR EACH ROW
	CALL view_touch_log(NEW.id, NULL);

-- Tables with the log in every row. An event is written once; a
-- concern's events get their log when the concern opens or joins one.
CREATE TRIGGER case_event_view_ins AFTER INSERT ON case_event
	FOR EACH ROW CALL view_touch_log(NEW.log_id, NULL);
CREATE TRIGGER case_event_view_upd AFTER UPDATE ON case_event
	FOR EACH ROW CALL view_touch_log(NEW.log_id, OLD.log_id);
CREATE TRIGGER case_event_view_del AFTER DELETE ON case_event
	FOR EACH ROW CALL view_touch_log(OLD.log_id, NULL);
CREATE TRIGGER log_participant_view_ins AFTER INSERT ON log_participant
	FOR EACH ROW CALL view_touch_log(NEW.log_id, NULL);
CREATE TRIGGER log_participant_view_upd AFTER UPDATE ON log_participant
	FOR EACH ROW CALL view_touch_log(NEW.log_id, OLD.log_id);
CREATE TRIGGER log_participant_view_del AFTER DELETE ON log_participant
	FOR EACH ROW CALL view_touch_log(OLD.log_id, NULL);
CREATE TRIGGER handover_view_ins AFTER INSERT ON handover
	FOR EACH ROW CALL view_touch_log(NEW.log_id, NULL);
CREATE TRIGGER handover_view_upd AFTER UPDATE ON handover
	FOR EACH ROW CALL view_touch_log(NEW.log_id, OLD.log_id);
CREATE TRIGGER handover_view_del AFTER DELETE ON handover
	FOR EACH ROW CALL view_touch_log(OLD.log_id, NULL);
CREATE TRIGGER meeting_view_ins AFTER INSERT ON meeting
	FOR EACH ROW CALL view_touch_log(NEW.log_id, NULL);
CREATE TRIGGER meeting_view_upd AFTER UPDATE ON meeting
	FOR EACH ROW CALL view_touch_log(NEW.log_id, OLD.log_id);
CREATE TRIGGER meeting_view_del AFTER DELETE ON meeting
	FOR EACH ROW CALL view_touch_log(OLD.log_id, NULL);
CREATE TRIGGER minutes_view_ins AFTER INSERT ON minutes
	FOR EACH ROW CALL view_touch_log(NEW.log_id, NULL);
CREATE TRIGGER minutes_view_upd AFTER UPDATE ON minutes
	FOR EACH ROW CALL view_touch_log(NEW.log_id, OLD.log_id);
CREATE TRIGGER minutes_view_del AFTER DELETE ON minutes
	FOR EACH ROW CALL view_touch_log(OLD.log_id, NULL);

-- Consents and measures: every column but the sweeps' marks.
CREATE TRIGGER consent_view_ins AFTER INSERT ON consent
	FOR EACH ROW CALL view_touch_log(NEW.log_id, NULL);
CREATE TRIGGER consent_view_upd AFTER UPDATE ON consent FOR EACH ROW
	CALL view_touch_log(IF(NEW.id <=> OLD.id AND NEW.public_id <=> OLD.public_id
	AND NEW.log_id <=> OLD.log_id
	AND NEW.submission_id <=> OLD.submission_id
	AND NEW.method <=> OLD.method AND NEW.purpose <=> OLD.purpose
	AND NEW.valid_from <=> OLD.valid_from AND NEW.expires <=> OLD.expires
	AND NEW.status <=> OLD.status AND NEW.created_by <=> OLD.created_by
	AND NEW.created_at <=> OLD.created_at
	AND NEW.withdrawn_at <=> OLD.withdrawn_at
	AND NEW.withdrawn_by <=> OLD.withdrawn_by,
	NULL, NEW.log_id), IF(NEW.log_id <=> OLD.log_id, NULL, OLD.log_id));
CREATE TRIGGER consent_view_del AFTER DELETE ON consent
	FOR EACH ROW CALL view_touch_log(OLD.log_id, NULL);
CREATE TRIGGER measure_view_ins AFTER INSERT ON measure
	FOR EACH ROW CALL view_touch_log(NEW.log_id, NULL);
CREATE TRIGGER measure_view_upd AFTER UPDATE ON measure FOR EACH ROW
	CALL view_touch_log(IF(NEW.id <=> OLD.id AND NEW.public_id <=> OLD.public_id
	AND NEW.log_id <=> OLD.log_id AND NEW.what <=> OLD.what
	AND NEW.goal <=> OLD.goal
	AND NEW.responsible_id <=> OLD.responsible_id
	AND NEW.start_date <=> OLD.start_date
	AND NEW.eval_date <=> OLD.eval_date AND NEW.status <=> OLD.status
	AND NEW.result <=> OLD.result AND NEW.minutes_id <=> OLD.minutes_id
	AND NEW.created_by <=> OLD.created_by
	AND NEW.created_at <=> OLD.created_at,
	NULL, NEW.log_id), IF(NEW.log_id <=> OLD.log_id, NULL, OLD.log_id));
CREATE TRIGGER measure_view_del AFTER DELETE ON measure
	FOR EACH ROW CALL view_touch_log(OLD.log_id, NULL);

-- Tables whose rows belong to a consent or a meeting of the log.
CREATE TRIGGER consent_service_view_ins AFTER INSERT ON consent_service
	FOR EACH ROW CALL view_touch_log((SELECT c.log_id FROM consent c
	WHERE c.id = NEW.consent_id), NULL);
CREATE TRIGGER consent_service_view_upd AFTER UPDATE ON consent_service
	FOR EACH ROW CALL view_touch_log((SELECT c.log_id FROM consent c
	WHERE c.id = NEW.consent_id), (SELECT c.log_id FROM consent c
	WHERE c.id = OLD.consent_id));
CREATE TRIGGER consent_service_view_del AFTER DELETE ON consent_service
	FOR EACH ROW CALL view_touch_log((SELECT c.log_id FROM consent c
	WHERE c.id = OLD.consent_id), NULL);
CREATE TRIGGER consent_attachment_view_ins AFTER INSERT ON consent_attachment
	FOR EACH ROW CALL view_touch_log((SELECT c.log_id FROM consent c
	WHERE c.id = NEW.consent_id), NULL);
CREATE TRIGGER consent_attachment_view_upd AFTER UPDATE ON consent_attachment
	FOR EACH ROW CALL view_touch_log((SELECT c.log_id FROM consent c
	WHERE c.id = NEW.consent_id), (SELECT c.log_id FROM consent c
	WHERE c.id = OLD.consent_id));
CREATE TRIGGER consent_attachment_view_del AFTER DELETE ON consent_attachment
	FOR EACH ROW CALL view_touch_log((SELECT c.log_id FROM consent c
	WHERE c.id = OLD.consent_id), NULL);
CREATE TRIGGER meeting_invitee_view_ins AFTER INSERT ON meeting_invitee
	FOR EACH ROW CALL view_touch_log((SELECT m.log_id FROM meeting m
	WHERE m.id = NEW.meeting_id), NULL);
CREATE TRIGGER meeting_invitee_view_upd AFTER UPDATE ON meeting_invitee
	FOR EACH ROW CALL view_touch_log((SELECT m.log_id FROM meeting m
	WHERE m.id = NEW.meeting_id), (SELECT m.log_id FROM meeting m
	WHERE m.id = OLD.meeting_id));
CREATE TRIGGER meeting_invitee_view_del AFTER DELETE ON meeting_invitee
	FOR EACH ROW CALL view_touch_log((SELECT m.log_id FROM meeting m
	WHERE m.id = OLD.meeting_id), NULL);

-- The notices are read afresh, but what the guardians' timeline leaves
-- out of a withheld report follows its notice (kind, partner, report):
-- a notice made, routed to a partner, or moved. Its state, attempts
-- and lease are notify's and raise nothing.
CREATE TRIGGER outbox_view_ins AFTER INSERT ON outbox
	FOR EACH ROW CALL view_touch_log(NEW.log_id, NULL);
CREATE TRIGGER outbox_view_upd AFTER UPDATE ON outbox FOR EACH ROW
	CALL view_touch_log(IF(NEW.id <=> OLD.id AND NEW.public_id <=> OLD.public_id
	AND NEW.kind <=> OLD.kind AND NEW.partner_id <=> OLD.partner_id
	AND NEW.cancels_id <=> OLD.cancels_id AND NEW.log_id <=> OLD.log_id
	AND NEW.submission_id <=> OLD.submission_id,
	NULL, NEW.log_id), IF(NEW.log_id <=> OLD.log_id, NULL, OLD.log_id));
CREATE TRIGGER outbox_view_del AFTER DELETE ON outbox
	FOR EACH ROW CALL view_touch_log(OLD.log_id, NULL);

-- What every log's lists share: names of people, units and partners, a
-- report withheld from the guardians or shown again, the action guide.
CREATE TRIGGER app_user_view AFTER UPDATE ON app_user FOR EACH ROW
	CALL view_touch_all(NOT (NEW.display_name <=> OLD.display_name
	AND NEW.public_id <=> OLD.public_id AND NEW.unit_id <=> OLD.unit_id));
CREATE TRIGGER unit_view AFTER UPDATE ON unit FOR EACH ROW
	CALL view_touch_all(NOT (NEW.name <=> OLD.name AND NEW.kind <=> OLD.kind));
CREATE TRIGGER partner_view AFTER UPDATE ON partner FOR EACH ROW
	CALL view_touch_all(NOT (NEW.name <=> OLD.name
	AND NEW.public_id <=> OLD.public_id));
CREATE TRIGGER form_submission_view AFTER UPDATE ON form_submission
	FOR EACH ROW CALL view_touch_all(NOT (NEW.withheld_at <=> OLD.withheld_at
	AND NEW.public_id <=> OLD.public_id));
CREATE TRIGGER guide_level_view_ins AFTER INSERT ON guide_level FOR EACH ROW
	CALL view_touch_all(TRUE);
CREATE TRIGGER guide_level_view_upd AFTER UPDATE ON guide_level FOR EACH ROW
	CALL view_touch_all(TRUE);
CREATE TRIGGER guide_level_view_del AFTER DELETE ON guide_level FOR EACH ROW
	CALL view_touch_all(TRUE);
CREATE TRIGGER guide_step_view_ins AFTER INSERT ON guide_step FOR EACH ROW
	CALL view_touch_all(TRUE);
CREATE TRIGGER guide_step_view_upd AFTER UPDATE ON guide_step FOR EACH ROW
	CALL view_touch_all(TRUE);
CREATE TRIGGER guide_step_view_del AFTER DELETE ON guide_step FOR EACH ROW
	CALL view_touch_all(TRUE);
