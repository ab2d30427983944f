-- 0023_view_touch_parts.sql: the triggers that raise a log's version
-- for the rows of a consent or a meeting (0011_view_version.sql,
-- 0014_consent_units.sql) each looked the log up in their own body, the
-- same lookup written fifteen times. Each now calls one procedure that
-- knows how a consent's or a meeting's row finds its log, so there is
-- one place to read and change it. What the triggers do is unchanged.
-- (Applied migrations are never edited: migrate checks their checksums.)

-- Raise the versions of the logs of the consents given (NULL: none).
CREATE PROCEDURE view_touch_consent(IN p_new BIGINT UNSIGNED,
	IN p_old BIGINT UNSIGNED)
	CALL view_touch_log((SELECT c.log_id FROM consent c WHERE c.id = p_new),
	(SELECT c.log_id FROM consent c WHERE c.id = p_old));
-- The same for meetings.
CREATE PROCEDURE view_touch_meeting(IN p_new BIGINT UNSIGNED,
	IN p_old BIGINT UNSIGNED)
	CALL view_touch_log((SELECT m.log_id FROM meeting m WHERE m.id = p_new),
	(SELECT m.log_id FROM meeting m WHERE m.id = p_old));

DROP TRIGGER consent_service_view_ins;
CREATE TRIGGER consent_service_view_ins AFTER INSERT ON consent_service
	FOR EACH ROW CALL view_touch_consent(NEW.consent_id, NULL);
DROP TRIGGER consent_service_view_upd;
CREATE TRIGGER consent_service_view_upd AFTER UPDATE ON consent_service
	FOR EACH ROW CALL view_touch_consent(NEW.consent_id, OLD.consent_id);
DROP TRIGGER consent_service_view_del;
CREATE TRIGGER consent_service_view_del AFTER DELETE ON consent_service
	FOR EACH ROW CALL view_touch_consent(OLD.consent_id, NULL);

DROP TRIGGER consent_attachment_view_ins;
CREATE TRIGGER consent_attachment_view_ins AFTER INSERT ON consent_attachment
	FOR EACH ROW CALL view_touch_consent(NEW.consent_id, NULL);
DROP TRIGGER consent_attachment_view_upd;
CREATE TRIGGER consent_attachment_view_upd AFTER UPDATE ON consent_attachment
	FOR EACH ROW CALL view_touch_consent(NEW.consent_id, OLD.consent_id);
DROP TRIGGER consent_attachment_view_del;
CREATE TRIGGER consent_attachment_view_del AFTER DELETE ON consent_attachment
	FOR EACH ROW CALL view_touch_consent(OLD.consent_id, NULL);

DROP TRIGGER consent_unit_view_ins;
CREATE TRIGGER consent_unit_view_ins AFTER INSERT ON consent_unit
	FOR EACH ROW CALL view_touch_consent(NEW.consent_id, NULL);
DROP TRIGGER consent_unit_view_upd;
CREATE TRIGGER consent_unit_view_upd AFTER UPDATE ON consent_unit
	FOR EACH ROW CALL view_touch_consent(NEW.consent_id, OLD.consent_id);
DROP TRIGGER consent_unit_view_del;
CREATE TRIGGER consent_unit_view_del AFTER DELETE ON consent_unit
	FOR EACH ROW CALL view_touch_consent(OLD.consent_id, NULL);

DROP TRIGGER consent_person_view_ins;
CREATE TRIGGER consent_person_view_ins AFTER INSERT ON consent_person
	FOR EACH ROW CALL view_touch_consent(NEW.consent_id, NULL);
DROP TRIGGER consent_person_view_upd;
CREATE TRIGGER consent_person_view_upd AFTER UPDATE ON consent_person
	FOR EACH ROW CALL view_touch_consent(NEW.consent_id, OLD.consent_id);
DROP TRIGGER consent_person_view_del;
CREATE TRIGGER consent_person_view_del AFTER DELETE ON consent_person
	FOR EACH ROW CALL view_touch_consent(OLD.consent_id, NULL);

DROP TRIGGER meeting_invitee_view_ins;
CREATE TRIGGER meeting_invitee_view_ins AFTER INSERT ON meeting_invitee
	FOR EACH ROW CALL view_touch_meeting(NEW.meeting_id, NULL);
DROP TRIGGER meeting_invitee_view_upd;
CREATE TRIGGER meeting_invitee_view_upd AFTER UPDATE ON meeting_invitee
	FOR EACH ROW CALL view_touch_meeting(NEW.meeting_id, OLD.meeting_id);
DROP TRIGGER meeting_invitee_view_del;
CREATE TRIGGER meeting_invitee_view_del AFTER DELETE ON meeting_invitee
	FOR EACH ROW CALL view_touch_meeting(OLD.meeting_id, NULL);
