-- 0031_view_inline.sql: the view-version triggers raise the version
-- themselves instead of calling a procedure to do it (issue 17).
--
-- Every trigger that keeps the log pages' view versions right
-- (0011_view_version.sql, 0014, 0023, 0028) called view_touch_log, and
-- those of a consent's or a meeting's parts view_touch_consent or
-- view_touch_meeting, which called view_touch_log again. A call from a
-- trigger costs MariaDB far more than the statement it runs: measured on
-- the development machine, a notice on a log cost 24 us to insert
-- without its trigger, 30 us with the statement in the trigger and 70 us
-- with the call; a consent's two services and two units paid twice that
-- each. Each trigger below raises what it raised before, under the same
-- conditions, by the same statement the procedure ran (the log's row in
-- log_version, or the epoch in view_epoch), read in the same way (the
-- log of a consent or a meeting as a plain read into a variable). The
-- procedures go: nothing calls them any more.

DROP TRIGGER app_user_view;
CREATE TRIGGER app_user_view AFTER UPDATE ON app_user
	FOR EACH ROW IF NOT (NEW.display_name <=> OLD.display_name
	    AND NEW.public_id <=> OLD.public_id
	    AND NEW.unit_id <=> OLD.unit_id) THEN
		UPDATE view_epoch SET v = v + 1 WHERE id = 1;
	END IF;

DROP TRIGGER case_event_view_del;
CREATE TRIGGER case_event_view_del AFTER DELETE ON case_event
	FOR EACH ROW IF OLD.log_id IS NOT NULL THEN
		INSERT INTO log_version (log_id, v) VALUES (OLD.log_id, 1)
		ON DUPLICATE KEY UPDATE v = v + 1;
	END IF;

DROP TRIGGER case_event_view_ins;
CREATE TRIGGER case_event_view_ins AFTER INSERT ON case_event
	FOR EACH ROW IF NEW.log_id IS NOT NULL THEN
		INSERT INTO log_version (log_id, v) VALUES (NEW.log_id, 1)
		ON DUPLICATE KEY UPDATE v = v + 1;
	END IF;

DROP TRIGGER case_event_view_upd;
CREATE TRIGGER case_event_view_upd AFTER UPDATE ON case_event
	FOR EACH ROW
	INSERT INTO log_version (log_id, v) SELECT t.log_id, 1
	    FROM (SELECT NEW.log_id AS log_id UNION SELECT OLD.log_id) t
	    WHERE t.log_id IS NOT NULL ON DUPLICATE KEY UPDATE v = v + 1;

DROP TRIGGER consent_view_del;
CREATE TRIGGER consent_view_del AFTER DELETE ON consent
	FOR EACH ROW IF OLD.log_id IS NOT NULL THEN
		INSERT INTO log_version (log_id, v) VALUES (OLD.log_id, 1)
		ON DUPLICATE KEY UPDATE v = v + 1;
	END IF;

DROP TRIGGER consent_view_ins;
CREATE TRIGGER consent_view_ins AFTER INSERT ON consent
	FOR EACH ROW IF NEW.log_id IS NOT NULL THEN
		INSERT INTO log_version (log_id, v) VALUES (NEW.log_id, 1)
		ON DUPLICATE KEY UPDATE v = v + 1;
	END IF;

DROP TRIGGER consent_view_upd;
CREATE TRIGGER consent_view_upd AFTER UPDATE ON consent
	FOR EACH ROW IF NOT (NEW.id <=> OLD.id AND NEW.public_id <=> OLD.public_id
	    AND NEW.log_id <=> OLD.log_id
	    AND NEW.submission_id <=> OLD.submission_id
	    AND NEW.method <=> OLD.method
	    AND NEW.purpose <=> OLD.purpose
	    AND NEW.valid_from <=> OLD.valid_from
	    AND NEW.expires <=> OLD.expires
	    AND NEW.status <=> OLD.status
	    AND NEW.created_by <=> OLD.created_by
	    AND NEW.created_at <=> OLD.created_at
	    AND NEW.withdrawn_at <=> OLD.withdrawn_at
	    AND NEW.withdrawn_by <=> OLD.withdrawn_by) THEN
		INSERT INTO log_version (log_id, v) SELECT t.log_id, 1
		    FROM (SELECT NEW.log_id AS log_id UNION SELECT OLD.log_id) t
		    WHERE t.log_id IS NOT NULL ON DUPLICATE KEY UPDATE v = v + 1;
	END IF;

DROP TRIGGER consent_attachment_view_del;
CREATE TRIGGER consent_attachment_view_del AFTER DELETE ON consent_attachment
FOR EACH ROW BEGIN
	DECLARE n, o BIGINT UNSIGNED DEFAULT NULL;
	SET n = (SELECT x.log_id FROM consent x WHERE x.id = OLD.consent_id);
	IF n IS NOT NULL THEN
		INSERT INTO log_version (log_id, v) VALUES (n, 1)
		ON DUPLICATE KEY UPDATE v = v + 1;
	END IF;
END;

DROP TRIGGER consent_attachment_view_ins;
CREATE TRIGGER consent_attachment_view_ins AFTER INSERT ON consent_attachment
FOR EACH ROW BEGIN
	DECLARE n, o BIGINT UNSIGNED DEFAULT NULL;
	SET n = (SELECT x.log_id FROM consent x WHERE x.id = NEW.consent_id);
	IF n IS NOT NULL THEN
		INSERT INTO log_version (log_id, v) VALUES (n, 1)
		ON DUPLICATE KEY UPDATE v = v + 1;
	END IF;
END;

DROP TRIGGER consent_attachment_view_upd;
CREATE TRIGGER consent_attachment_view_upd AFTER UPDATE ON consent_attachment
FOR EACH ROW BEGIN
	DECLARE n, o BIGINT UNSIGNED DEFAULT NULL;
	SET n = (SELECT x.log_id FROM consent x WHERE x.id = NEW.consent_id);
	SET o = (SELECT x.log_id FROM consent x WHERE x.id = OLD.consent_id);
	IF n IS NOT NULL OR o IS NOT NULL THEN
		INSERT INTO log_version (log_id, v) SELECT t.log_id, 1
		    FROM (SELECT n AS log_id UNION SELECT o) t
		    WHERE t.log_id IS NOT NULL ON DUPLICATE KEY UPDATE v = v + 1;
	END IF;
END;

DROP TRIGGER consent_person_view_del;
CREATE TRIGGER consent_person_view_del AFTER DELETE ON consent_person
FOR EACH ROW BEGIN
	DECLARE n, o BIGINT UNSIGNED DEFAULT NULL;
	SET n = (SELECT x.log_id FROM consent x WHERE x.id = OLD.consent_id);
	IF n IS NOT NULL THEN
		INSERT INTO log_version (log_id, v) VALUES (n, 1)
		ON DUPLICATE KEY UPDATE v = v + 1;
	END IF;
END;

DROP TRIGGER consent_person_view_ins;
CREATE TRIGGER consent_person_view_ins AFTER INSERT ON consent_person
FOR EACH ROW BEGIN
	DECLARE n, o BIGINT UNSIGNED DEFAULT NULL;
	SET n = (SELECT x.log_id FROM consent x WHERE x.id = NEW.consent_id);
	IF n IS NOT NULL THEN
		INSERT INTO log_version (log_id, v) VALUES (n, 1)
		ON DUPLICATE KEY UPDATE v = v + 1;
	END IF;
END;

DROP TRIGGER consent_person_view_upd;
CREATE TRIGGER consent_person_view_upd AFTER UPDATE ON consent_person
FOR EACH ROW BEGIN
	DECLARE n, o BIGINT UNSIGNED DEFAULT NULL;
	SET n = (SELECT x.log_id FROM consent x WHERE x.id = NEW.consent_id);
	SET o = (SELECT x.log_id FROM consent x WHERE x.id = OLD.consent_id);
	IF n IS NOT NULL OR o IS NOT NULL THEN
		INSERT INTO log_version (log_id, v) SELECT t.log_id, 1
		    FROM (SELECT n AS log_id UNION SELECT o) t
		    WHERE t.log_id IS NOT NULL ON DUPLICATE KEY UPDATE v = v + 1;
	END IF;
END;

DROP TRIGGER consent_service_view_del;
CREATE TRIGGER consent_service_view_del AFTER DELETE ON consent_service
FOR EACH ROW BEGIN
	DECLARE n, o BIGINT UNSIGNED DEFAULT NULL;
	SET n = (SELECT x.log_id FROM consent x WHERE x.id = OLD.consent_id);
	IF n IS NOT NULL THEN
		INSERT INTO log_version (log_id, v) VALUES (n, 1)
		ON DUPLICATE KEY UPDATE v = v + 1;
	END IF;
END;

DROP TRIGGER consent_service_view_ins;
CREATE TRIGGER consent_service_view_ins AFTER INSERT ON consent_service
FOR EACH ROW BEGIN
	DECLARE n, o BIGINT UNSIGNED DEFAULT NULL;
	SET n = (SELECT x.log_id FROM consent x WHERE x.id = NEW.consent_id);
	IF n IS NOT NULL THEN
		INSERT INTO log_version (log_id, v) VALUES (n, 1)
		ON DUPLICATE KEY UPDATE v = v + 1;
	END IF;
END;

DROP TRIGGER consent_service_view_upd;
CREATE TRIGGER consent_service_view_upd AFTER UPDATE ON consent_service
FOR EACH ROW BEGIN
	DECLARE n, o BIGINT UNSIGNED DEFAULT NULL;
	SET n = (SELECT x.log_id FROM consent x WHERE x.id = NEW.consent_id);
	SET o = (SELECT x.log_id FROM consent x WHERE x.id = OLD.consent_id);
	IF n IS NOT NULL OR o IS NOT NULL THEN
		INSERT INTO log_version (log_id, v) SELECT t.log_id, 1
		    FROM (SELECT n AS log_id UNION SELECT o) t
		    WHERE t.log_id IS NOT NULL ON DUPLICATE KEY UPDATE v = v + 1;
	END IF;
END;

DROP TRIGGER consent_unit_view_del;
CREATE TRIGGER consent_unit_view_del AFTER DELETE ON consent_unit
FOR EACH ROW BEGIN
	DECLARE n, o BIGINT UNSIGNED DEFAULT NULL;
	SET n = (SELECT x.log_id FROM consent x WHERE x.id = OLD.consent_id);
	IF n IS NOT NULL THEN
		INSERT INTO log_version (log_id, v) VALUES (n, 1)
		ON DUPLICATE KEY UPDATE v = v + 1;
	END IF;
END;

DROP TRIGGER consent_unit_view_ins;
CREATE TRIGGER consent_unit_view_ins AFTER INSERT ON consent_unit
FOR EACH ROW BEGIN
	DECLARE n, o BIGINT UNSIGNED DEFAULT NULL;
	SET n = (SELECT x.log_id FROM consent x WHERE x.id = NEW.consent_id);
	IF n IS NOT NULL THEN
		INSERT INTO log_version (log_id, v) VALUES (n, 1)
		ON DUPLICATE KEY UPDATE v = v + 1;
	END IF;
END;

DROP TRIGGER consent_unit_view_upd;
CREATE TRIGGER consent_unit_view_upd AFTER UPDATE ON consent_unit
FOR EACH ROW BEGIN
	DECLARE n, o BIGINT UNSIGNED DEFAULT NULL;
	SET n = (SELECT x.log_id FROM consent x WHERE x.id = NEW.consent_id);
	SET o = (SELECT x.log_id FROM consent x WHERE x.id = OLD.consent_id);
	IF n IS NOT NULL OR o IS NOT NULL THEN
		INSERT INTO log_version (log_id, v) SELECT t.log_id, 1
		    FROM (SELECT n AS log_id UNION SELECT o) t
		    WHERE t.log_id IS NOT NULL ON DUPLICATE KEY UPDATE v = v + 1;
	END IF;
END;

DROP TRIGGER form_submission_view;
CREATE TRIGGER form_submission_view AFTER UPDATE ON form_submission
	FOR EACH ROW IF NOT (NEW.withheld_at <=> OLD.withheld_at
	    AND NEW.public_id <=> OLD.public_id) THEN
		UPDATE view_epoch SET v = v + 1 WHERE id = 1;
	END IF;

DROP TRIGGER guide_level_view_del;
CREATE TRIGGER guide_level_view_del AFTER DELETE ON guide_level
	FOR EACH ROW
	UPDATE view_epoch SET v = v + 1 WHERE id = 1;

DROP TRIGGER guide_level_view_ins;
CREATE TRIGGER guide_level_view_ins AFTER INSERT ON guide_level
	FOR EACH ROW
	UPDATE view_epoch SET v = v + 1 WHERE id = 1;

DROP TRIGGER guide_level_view_upd;
CREATE TRIGGER guide_level_view_upd AFTER UPDATE ON guide_level
	FOR EACH ROW
	UPDATE view_epoch SET v = v + 1 WHERE id = 1;

DROP TRIGGER guide_step_view_del;
CREATE TRIGGER guide_step_view_del AFTER DELETE ON guide_step
	FOR EACH ROW
	UPDATE view_epoch SET v = v + 1 WHERE id = 1;

DROP TRIGGER guide_step_view_ins;
CREATE TRIGGER guide_step_view_ins AFTER INSERT ON guide_step
	FOR EACH ROW
	UPDATE view_epoch SET v = v + 1 WHERE id = 1;

DROP TRIGGER guide_step_view_upd;
CREATE TRIGGER guide_step_view_upd AFTER UPDATE ON guide_step
	FOR EACH ROW
	UPDATE view_epoch SET v = v + 1 WHERE id = 1;

DROP TRIGGER handover_view_del;
CREATE TRIGGER handover_view_del AFTER DELETE ON handover
	FOR EACH ROW IF OLD.log_id IS NOT NULL THEN
		INSERT INTO log_version (log_id, v) VALUES (OLD.log_id, 1)
		ON DUPLICATE KEY UPDATE v = v + 1;
	END IF;

DROP TRIGGER handover_view_ins;
CREATE TRIGGER handover_view_ins AFTER INSERT ON handover
	FOR EACH ROW IF NEW.log_id IS NOT NULL THEN
		INSERT INTO log_version (log_id, v) VALUES (NEW.log_id, 1)
		ON DUPLICATE KEY UPDATE v = v + 1;
	END IF;

DROP TRIGGER handover_view_upd;
CREATE TRIGGER handover_view_upd AFTER UPDATE ON handover
	FOR EACH ROW
	INSERT INTO log_version (log_id, v) SELECT t.log_id, 1
	    FROM (SELECT NEW.log_id AS log_id UNION SELECT OLD.log_id) t
	    WHERE t.log_id IS NOT NULL ON DUPLICATE KEY UPDATE v = v + 1;

DROP TRIGGER log_participant_view_del;
CREATE TRIGGER log_participant_view_del AFTER DELETE ON log_participant
	FOR EACH ROW IF OLD.log_id IS NOT NULL THEN
		INSERT INTO log_version (log_id, v) VALUES (OLD.log_id, 1)
		ON DUPLICATE KEY UPDATE v = v + 1;
	END IF;

DROP TRIGGER log_participant_view_ins;
CREATE TRIGGER log_participant_view_ins AFTER INSERT ON log_participant
	FOR EACH ROW IF NEW.log_id IS NOT NULL THEN
		INSERT INTO log_version (log_id, v) VALUES (NEW.log_id, 1)
		ON DUPLICATE KEY UPDATE v = v + 1;
	END IF;

DROP TRIGGER log_participant_view_upd;
CREATE TRIGGER log_participant_view_upd AFTER UPDATE ON log_participant
	FOR EACH ROW
	INSERT INTO log_version (log_id, v) SELECT t.log_id, 1
	    FROM (SELECT NEW.log_id AS log_id UNION SELECT OLD.log_id) t
	    WHERE t.log_id IS NOT NULL ON DUPLICATE KEY UPDATE v = v + 1;

DROP TRIGGER measure_view_del;
CREATE TRIGGER measure_view_del AFTER DELETE ON measure
	FOR EACH ROW IF OLD.log_id IS NOT NULL THEN
		INSERT INTO log_version (log_id, v) VALUES (OLD.log_id, 1)
		ON DUPLICATE KEY UPDATE v = v + 1;
	END IF;

DROP TRIGGER measure_view_ins;
CREATE TRIGGER measure_view_ins AFTER INSERT ON measure
	FOR EACH ROW IF NEW.log_id IS NOT NULL THEN
		INSERT INTO log_version (log_id, v) VALUES (NEW.log_id, 1)
		ON DUPLICATE KEY UPDATE v = v + 1;
	END IF;

DROP TRIGGER measure_view_upd;
CREATE TRIGGER measure_view_upd AFTER UPDATE ON measure
	FOR EACH ROW IF NOT (NEW.id <=> OLD.id AND NEW.public_id <=> OLD.public_id
	    AND NEW.log_id <=> OLD.log_id AND NEW.what <=> OLD.what
	    AND NEW.goal <=> OLD.goal
	    AND NEW.responsible_id <=> OLD.responsible_id
	    AND NEW.start_date <=> OLD.start_date
	    AND NEW.eval_date <=> OLD.eval_date
	    AND NEW.status <=> OLD.status
	    AND NEW.result <=> OLD.result
	    AND NEW.minutes_id <=> OLD.minutes_id
	    AND NEW.created_by <=> OLD.created_by
	    AND NEW.created_at <=> OLD.created_at) THEN
		INSERT INTO log_version (log_id, v) SELECT t.log_id, 1
		    FROM (SELECT NEW.log_id AS log_id UNION SELECT OLD.log_id) t
		    WHERE t.log_id IS NOT NULL ON DUPLICATE KEY UPDATE v = v + 1;
	END IF;

DROP TRIGGER meeting_view_del;
CREATE TRIGGER meeting_view_del AFTER DELETE ON meeting
	FOR EACH ROW IF OLD.log_id IS NOT NULL THEN
		INSERT INTO log_version (log_id, v) VALUES (OLD.log_id, 1)
		ON DUPLICATE KEY UPDATE v = v + 1;
	END IF;

DROP TRIGGER meeting_view_ins;
CREATE TRIGGER meeting_view_ins AFTER INSERT ON meeting
	FOR EACH ROW IF NEW.log_id IS NOT NULL THEN
		INSERT INTO log_version (log_id, v) VALUES (NEW.log_id, 1)
		ON DUPLICATE KEY UPDATE v = v + 1;
	END IF;

DROP TRIGGER meeting_view_upd;
CREATE TRIGGER meeting_view_upd AFTER UPDATE ON meeting
	FOR EACH ROW
	INSERT INTO log_version (log_id, v) SELECT t.log_id, 1
	    FROM (SELECT NEW.log_id AS log_id UNION SELECT OLD.log_id) t
	    WHERE t.log_id IS NOT NULL ON DUPLICATE KEY UPDATE v = v + 1;

DROP TRIGGER meeting_invitee_view_del;
CREATE TRIGGER meeting_invitee_view_del AFTER DELETE ON meeting_invitee
FOR EACH ROW BEGIN
	DECLARE n, o BIGINT UNSIGNED DEFAULT NULL;
	SET n = (SELECT x.log_id FROM meeting x WHERE x.id = OLD.meeting_id);
	IF n IS NOT NULL THEN
		INSERT INTO log_version (log_id, v) VALUES (n, 1)
		ON DUPLICATE KEY UPDATE v = v + 1;
	END IF;
END;

DROP TRIGGER meeting_invitee_view_ins;
CREATE TRIGGER meeting_invitee_view_ins AFTER INSERT ON meeting_invitee
FOR EACH ROW BEGIN
	DECLARE n, o BIGINT UNSIGNED DEFAULT NULL;
	SET n = (SELECT x.log_id FROM meeting x WHERE x.id = NEW.meeting_id);
	IF n IS NOT NULL THEN
		INSERT INTO log_version (log_id, v) VALUES (n, 1)
		ON DUPLICATE KEY UPDATE v = v + 1;
	END IF;
END;

DROP TRIGGER meeting_invitee_view_upd;
CREATE TRIGGER meeting_invitee_view_upd AFTER UPDATE ON meeting_invitee
FOR EACH ROW BEGIN
	DECLARE n, o BIGINT UNSIGNED DEFAULT NULL;
	SET n = (SELECT x.log_id FROM meeting x WHERE x.id = NEW.meeting_id);
	SET o = (SELECT x.log_id FROM meeting x WHERE x.id = OLD.meeting_id);
	IF n IS NOT NULL OR o IS NOT NULL THEN
		INSERT INTO log_version (log_id, v) SELECT t.log_id, 1
		    FROM (SELECT n AS log_id UNION SELECT o) t
		    WHERE t.log_id IS NOT NULL ON DUPLICATE KEY UPDATE v = v + 1;
	END IF;
END;

DROP TRIGGER minutes_view_del;
CREATE TRIGGER minutes_view_del AFTER DELETE ON minutes
	FOR EACH ROW IF OLD.log_id IS NOT NULL THEN
		INSERT INTO log_version (log_id, v) VALUES (OLD.log_id, 1)
		ON DUPLICATE KEY UPDATE v = v + 1;
	END IF;

DROP TRIGGER minutes_view_ins;
CREATE TRIGGER minutes_view_ins AFTER INSERT ON minutes
	FOR EACH ROW IF NEW.log_id IS NOT NULL THEN
		INSERT INTO log_version (log_id, v) VALUES (NEW.log_id, 1)
		ON DUPLICATE KEY UPDATE v = v + 1;
	END IF;

DROP TRIGGER minutes_view_upd;
CREATE TRIGGER minutes_view_upd AFTER UPDATE ON minutes
	FOR EACH ROW
	INSERT INTO log_version (log_id, v) SELECT t.log_id, 1
	    FROM (SELECT NEW.log_id AS log_id UNION SELECT OLD.log_id) t
	    WHERE t.log_id IS NOT NULL ON DUPLICATE KEY UPDATE v = v + 1;

DROP TRIGGER outbox_view_del;
CREATE TRIGGER outbox_view_del AFTER DELETE ON outbox
	FOR EACH ROW IF OLD.log_id IS NOT NULL THEN
		INSERT INTO log_version (log_id, v) VALUES (OLD.log_id, 1)
		ON DUPLICATE KEY UPDATE v = v + 1;
	END IF;

DROP TRIGGER outbox_view_ins;
CREATE TRIGGER outbox_view_ins AFTER INSERT ON outbox
	FOR EACH ROW IF NEW.log_id IS NOT NULL THEN
		INSERT INTO log_version (log_id, v) VALUES (NEW.log_id, 1)
		ON DUPLICATE KEY UPDATE v = v + 1;
	END IF;

DROP TRIGGER outbox_view_upd;
CREATE TRIGGER outbox_view_upd AFTER UPDATE ON outbox
	FOR EACH ROW IF NOT (NEW.id <=> OLD.id AND NEW.public_id <=> OLD.public_id
	    AND NEW.kind <=> OLD.kind
	    AND NEW.partner_id <=> OLD.partner_id
	    AND NEW.cancels_id <=> OLD.cancels_id
	    AND NEW.log_id <=> OLD.log_id
	    AND NEW.submission_id <=> OLD.submission_id) THEN
		INSERT INTO log_version (log_id, v) SELECT t.log_id, 1
		    FROM (SELECT NEW.log_id AS log_id UNION SELECT OLD.log_id) t
		    WHERE t.log_id IS NOT NULL ON DUPLICATE KEY UPDATE v = v + 1;
	END IF;

DROP TRIGGER partner_view;
CREATE TRIGGER partner_view AFTER UPDATE ON partner
	FOR EACH ROW IF NOT (NEW.name <=> OLD.name
	    AND NEW.public_id <=> OLD.public_id) THEN
		UPDATE view_epoch SET v = v + 1 WHERE id = 1;
	END IF;

DROP TRIGGER relay_log_view;
CREATE TRIGGER relay_log_view AFTER UPDATE ON relay_log
	FOR EACH ROW IF NEW.id IS NOT NULL THEN
		INSERT INTO log_version (log_id, v) VALUES (NEW.id, 1)
		ON DUPLICATE KEY UPDATE v = v + 1;
	END IF;

DROP TRIGGER unit_view;
CREATE TRIGGER unit_view AFTER UPDATE ON unit
	FOR EACH ROW IF NOT (NEW.name <=> OLD.name AND NEW.kind <=> OLD.kind) THEN
		UPDATE view_epoch SET v = v + 1 WHERE id = 1;
	END IF;

DROP PROCEDURE view_touch_consent;
DROP PROCEDURE view_touch_meeting;
DROP PROCEDURE view_touch_log;
DROP PROCEDURE view_touch_all;
