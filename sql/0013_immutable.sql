-- 0013_immutable.sql: what is permanent cannot be changed, by anyone.
-- The timeline, final minutes and the form instances they are made of
-- were immutable only as far as the application never changed them; an
-- administrator's SQL, a bug or a stolen application account could
-- rewrite what a guardian, an auditor or a court reads as the record.
-- These triggers refuse every change and deletion the application does
-- not make itself, for every account, as the audit trail's do
-- (0001_core.sql). Each allows exactly the application's own updates,
-- named below with the statement in fcgi/stmt.c that makes them; text is
-- compared as bytes (BINARY), so that a change of case or of trailing
-- spaces is a change.

-- The timeline. An event is written once. The one change: the events of
-- a concern written before it had a log move into the log when the
-- concern opens or joins one (STMT_EVENT_MOVE, after STMT_CONCERN_JOIN_LOG
-- or the concern's log was set in the same transaction): log_id from
-- NULL to the concern's log, once, and nothing else.
CREATE TRIGGER case_event_no_update BEFORE UPDATE ON case_event FOR EACH ROW
	IF NOT (OLD.log_id IS NULL AND OLD.concern_id IS NOT NULL
	    AND NEW.log_id IS NOT NULL
	    AND NEW.log_id <=> (SELECT c.log_id FROM concern c
	        WHERE c.id = OLD.concern_id)
	    AND NEW.id <=> OLD.id
	    AND BINARY NEW.public_id <=> BINARY OLD.public_id
	    AND NEW.concern_id <=> OLD.concern_id AND NEW.at <=> OLD.at
	    AND NEW.actor_id <=> OLD.actor_id
	    AND BINARY NEW.actor_role <=> BINARY OLD.actor_role
	    AND BINARY NEW.kind <=> BINARY OLD.kind
	    AND BINARY NEW.summary <=> BINARY OLD.summary
	    AND BINARY NEW.ref_type <=> BINARY OLD.ref_type
	    AND BINARY NEW.ref_public_id <=> BINARY OLD.ref_public_id
	    AND NEW.submission_id <=> OLD.submission_id) THEN
		SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT =
		    'the timeline is append-only: an event is never changed';
	END IF;
CREATE TRIGGER case_event_no_delete BEFORE DELETE ON case_event FOR EACH ROW
	SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT =
	    'the timeline is append-only: an event is never deleted';

-- Minutes. Final minutes are never changed: a correction is a new,
-- linked version (minutes.corrects_id). A draft changes in two ways
-- only: its author saves it again (STMT_MINUTES_SET_SUBMISSION: a new
-- submission, still a draft), and it becomes final once
-- (STMT_MINUTES_FINALISE: status and finalised_at, nothing else). No
-- minutes are ever deleted: drafts are listed in the log too, and
-- measures name the minutes they came from.
CREATE TRIGGER minutes_no_change BEFORE UPDATE ON minutes FOR EACH ROW
	IF OLD.status <> 'draft' THEN
		SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT =
		    'final minutes are never changed: a correction is a new version';
	ELSEIF NOT (NEW.id <=> OLD.id
	    AND BINARY NEW.public_id <=> BINARY OLD.public_id
	    AND NEW.log_id <=> OLD.log_id
	    AND NEW.meeting_id <=> OLD.meeting_id
	    AND NEW.corrects_id <=> OLD.corrects_id
	    AND NEW.author_id <=> OLD.author_id
	    AND NEW.created_at <=> OLD.created_at
	    AND ((NEW.status = 'draft' AND NEW.finalised_at IS NULL)
	    OR (NEW.status = 'final' AND NEW.finalised_at IS NOT NULL
	    AND NEW.submission_id <=> OLD.submission_id))) THEN
		SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT =
		    'a draft of minutes changes only its text, and becomes final once';
	END IF;
CREATE TRIGGER minutes_no_delete BEFORE DELETE ON minutes FOR EACH ROW
	SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'minutes are never deleted';

-- Form instances: every accepted form (the text of final minutes, a
-- report of concern, a consent, a referral) is kept as it was accepted.
-- The one change: child welfare withholds a report of concern from the
-- guardians, or shows it again (STMT_SUBMISSION_WITHHOLD: withheld_at).
CREATE TRIGGER form_submission_no_update BEFORE UPDATE ON form_submission
	FOR EACH ROW
	IF NOT (NEW.id <=> OLD.id
	    AND BINARY NEW.public_id <=> BINARY OLD.public_id
	    AND BINARY NEW.form_id <=> BINARY OLD.form_id
	    AND NEW.form_version <=> OLD.form_version
	    AND BINARY NEW.instance <=> BINARY OLD.instance
	    AND NEW.author_id <=> OLD.author_id
	    AND NEW.created_at <=> OLD.created_at) THEN
		SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT =
		    'a form is kept as it was accepted: it is never changed';
	END IF;
CREATE TRIGGER form_submission_no_delete BEFORE DELETE ON form_submission
	FOR EACH ROW
	SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT =
	    'a form is kept as it was accepted: it is never deleted';
