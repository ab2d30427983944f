-- 0036_family_language.sql: the family's language and whether it needs
-- an interpreter (issue 20, item 9: 001:120, 001:497-508, 003:1176),
-- recorded on the relay log by its holder and shown where meetings and
-- consents are planned, so that no meeting is held and no consent asked
-- in a language the family does not understand.
--
-- On the log, not on a family: stafett has no family yet (item 2 of the
-- same issue); a log is one child's, and its guardians are its family.

ALTER TABLE relay_log
	ADD COLUMN family_language VARCHAR(60) NULL
		COMMENT 'the language the family speaks at home, as the holder wrote it (NULL: not recorded)',
	ADD COLUMN interpreter_needed TINYINT(1) NOT NULL DEFAULT 0
		COMMENT 'the family needs an interpreter in meetings and for consent';
