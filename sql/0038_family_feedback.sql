-- 0038_family_feedback.sql: the family's feedback when a relay log is
-- closed, counted for the service (issue 20, item 9: "Brukerundersøkelser
-- og evaluering må benyttes. Bruk av dette må settes i system", 004:875;
-- the Red measure's survey of the families, 002:27-31, 002:227).
--
-- Two tables that are never joined: who was asked and has answered
-- (feedback_invite, so each answers once, within the time), and what
-- was answered (family_feedback), with the service and the month only:
-- no log, no person, no day, and a random key, so that no order of rows
-- ties an answer to a family. The service sees the answers counted, and
-- only when there are enough of them (fcgi/case/feedback.c).

CREATE TABLE feedback_invite (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
	public_id	CHAR(22) NOT NULL COMMENT 'random id, in the address of the form',
	log_id		BIGINT UNSIGNED NOT NULL COMMENT 'the relay log that was closed',
	user_id		INT UNSIGNED NOT NULL COMMENT 'the guardian or the youth asked',
	unit_id		INT UNSIGNED NOT NULL COMMENT 'the service the answer counts for: the log''s home unit when it closed',
	created_at	DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) COMMENT 'when the log closed',
	answered	TINYINT(1) NOT NULL DEFAULT 0 COMMENT 'answered (what, is not here)',
	PRIMARY KEY (id),
	UNIQUE KEY feedback_invite_public_id (public_id),
	UNIQUE KEY feedback_invite_once (log_id, user_id),
	KEY feedback_invite_user (user_id, answered),
	CONSTRAINT feedback_invite_log_fk FOREIGN KEY (log_id)
		REFERENCES relay_log (id) ON DELETE CASCADE,
	CONSTRAINT feedback_invite_user_fk FOREIGN KEY (user_id)
		REFERENCES app_user (id),
	CONSTRAINT feedback_invite_unit_fk FOREIGN KEY (unit_id)
		REFERENCES unit (id)
) ENGINE=InnoDB COMMENT='a family member asked for feedback when a relay log closed';

CREATE TABLE family_feedback (
	public_id	CHAR(22) NOT NULL COMMENT 'random: the rows have no order',
	unit_id		INT UNSIGNED NOT NULL COMMENT 'the service it is about',
	period		CHAR(7) NOT NULL COMMENT 'YYYY-MM it was given',
	heard		TINYINT UNSIGNED NULL COMMENT '1-5: we were listened to (NULL: not answered)',
	early		TINYINT UNSIGNED NULL COMMENT '1-5: help came early enough',
	knew_holder	TINYINT UNSIGNED NULL COMMENT '1-5: we knew who coordinated',
	together	TINYINT UNSIGNED NULL COMMENT '1-5: the services worked well together',
	helped		TINYINT UNSIGNED NULL COMMENT '1-5: the help made a difference',
	comment		VARCHAR(2000) NULL COMMENT 'what could have been done better, as written',
	PRIMARY KEY (public_id),
	KEY family_feedback_unit (unit_id, period),
	CONSTRAINT family_feedback_unit_fk FOREIGN KEY (unit_id)
		REFERENCES unit (id),
	CONSTRAINT family_feedback_scale CHECK (
		COALESCE(heard, 1) BETWEEN 1 AND 5 AND
		COALESCE(early, 1) BETWEEN 1 AND 5 AND
		COALESCE(knew_holder, 1) BETWEEN 1 AND 5 AND
		COALESCE(together, 1) BETWEEN 1 AND 5 AND
		COALESCE(helped, 1) BETWEEN 1 AND 5)
) ENGINE=InnoDB COMMENT='a family''s feedback at closing, anonymous: the service and the month only';
