-- 0037_meeting_answer.sql: the family invited to a meeting through the
-- relay log, and every invitee's answer (issue 20, item 9: "Foresatte har
-- fullt innsyn og kan kommunisere direkte med alle involverte rundt sitt
-- barn gjennom loggen", 004:818-822).
--
-- The family is invited as the family, not by name: a guardian who has
-- not yet logged in has no user row, and sees the invitation at their
-- first login all the same. A guardian or the youth who answers gets
-- their own invitee row with the answer.

ALTER TABLE meeting
	ADD COLUMN family_invited TINYINT(1) NOT NULL DEFAULT 0
		COMMENT 'the guardians with parental responsibility, and the youth from 15, are invited through the log';

ALTER TABLE meeting_invitee
	ADD COLUMN answer ENUM('coming', 'not_coming', 'other_time') NULL
		COMMENT 'what the invitee answered (NULL: not yet)',
	ADD COLUMN answer_note VARCHAR(1000) NULL
		COMMENT 'what they wrote with the answer, as written',
	ADD COLUMN answered_at DATETIME NULL
		COMMENT 'UTC, when they answered last',
	ADD COLUMN family TINYINT(1) NOT NULL DEFAULT 0
		COMMENT 'invited as the family (a guardian or the youth), not by the holder by name';
