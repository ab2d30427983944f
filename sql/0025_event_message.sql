-- 0025_event_message.sql: a timeline event is put into words when it is
-- read, in the reader's language (issue 16). Until now an event was
-- stored as a finished sentence in the language of whoever wrote it: a
-- guardian reading nynorsk, a nurse with an English page and the archive
-- all saw the writer's language, and codes ("health_clinic ppt") as
-- they were. Now a system event keeps its message id and its arguments
-- (fcgi/case/evmsg.h): codes as codes, dates as dates, what a person
-- wrote as they wrote it, with the language they wrote it in.
--
-- summary stays, filled with the English sentence, for readers of the
-- table and for the events written before this (msg NULL), which are
-- shown with their summary as before. No trigger is needed for the view
-- cache: the events' insert trigger raises the log's version already
-- (0011_view_version.sql).

ALTER TABLE case_event
	ADD COLUMN msg VARCHAR(500) NULL
	    COMMENT 'the message id (English, with {0}, {1} for the arguments) translated when read; NULL: an event from before 0025, shown as its summary'
	    AFTER summary,
	ADD COLUMN args TEXT NULL
	    COMMENT 'the arguments of msg as XML: <args><a t="type" lang="..">value</a>...</args> (evmsg.h); NULL: none'
	    AFTER msg,
	MODIFY COLUMN summary TEXT NOT NULL
	    COMMENT 'what happened, in English (msg and args in words), or as written by the actor or the system for an event from before 0025';

-- The timeline stays append-only (0013_immutable.sql): the one change
-- the application makes, moving a concern's events into its log, must
-- leave the message and its arguments as they were too.
DROP TRIGGER case_event_no_update;
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
	    AND BINARY NEW.msg <=> BINARY OLD.msg
	    AND BINARY NEW.args <=> BINARY OLD.args
	    AND BINARY NEW.ref_type <=> BINARY OLD.ref_type
	    AND BINARY NEW.ref_public_id <=> BINARY OLD.ref_public_id
	    AND NEW.submission_id <=> OLD.submission_id) THEN
		SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT =
		    'the timeline is append-only: an event is never changed';
	END IF;
