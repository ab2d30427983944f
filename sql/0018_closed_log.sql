-- 0018_closed_log.sql: a closed relay log takes no writes. The archive
-- copy made when it closed is the whole log; its timeline is final too.
-- The application refuses every change to a closed log (access.c: every
-- right but reading needs it open, and writers that are not a user's
-- change write an event only while it is open: caselog_event_open), and
-- the database refuses an event in one whoever asks, as it refuses a
-- change to the audit trail. Closing writes its own last events before
-- the log's status changes, in the same transaction.

CREATE TRIGGER case_event_closed_log BEFORE INSERT ON case_event
	FOR EACH ROW BEGIN
		IF NEW.log_id IS NOT NULL AND (SELECT l.status FROM relay_log l
		    WHERE l.id = NEW.log_id) = 'closed' THEN
			SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT =
			    'a closed relay log takes no new events';
		END IF;
	END;
