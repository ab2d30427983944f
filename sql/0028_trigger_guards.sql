-- 0028_trigger_guards.sql: the view-version triggers of a notice or an
-- event with no log to raise do nothing, and now cost nothing (issue 17).
--
-- Every new concern writes a notice to the unit's leaders and the first
-- event of its timeline, neither in a log yet; every answer notify
-- records updates notices. Each of these rows called view_touch_log,
-- which ran a statement to raise no version at all: in the profile of
-- MariaDB under the concern benchmark (bench/flame) the triggers were an
-- eighth of its time. The same triggers, called only when there is a
-- version to raise; what they raise is unchanged (0011_view_version.sql).

DROP TRIGGER case_event_view_ins;
CREATE TRIGGER case_event_view_ins AFTER INSERT ON case_event
	FOR EACH ROW IF NEW.log_id IS NOT NULL THEN
		CALL view_touch_log(NEW.log_id, NULL);
	END IF;

DROP TRIGGER outbox_view_ins;
CREATE TRIGGER outbox_view_ins AFTER INSERT ON outbox
	FOR EACH ROW IF NEW.log_id IS NOT NULL THEN
		CALL view_touch_log(NEW.log_id, NULL);
	END IF;

-- a notice made, routed to a partner, or moved; its state, attempts and
-- lease are notify's and raise nothing, now without a call
DROP TRIGGER outbox_view_upd;
CREATE TRIGGER outbox_view_upd AFTER UPDATE ON outbox FOR EACH ROW
	IF NOT (NEW.id <=> OLD.id AND NEW.public_id <=> OLD.public_id
	    AND NEW.kind <=> OLD.kind AND NEW.partner_id <=> OLD.partner_id
	    AND NEW.cancels_id <=> OLD.cancels_id
	    AND NEW.log_id <=> OLD.log_id
	    AND NEW.submission_id <=> OLD.submission_id) THEN
		CALL view_touch_log(NEW.log_id,
		    IF(NEW.log_id <=> OLD.log_id, NULL, OLD.log_id));
	END IF;
