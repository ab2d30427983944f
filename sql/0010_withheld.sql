-- 0010_withheld.sql: a report of concern to child welfare is shown to the
-- guardians (and the youth) unless child welfare says otherwise
-- (domain.md: the duty to inform). Child welfare says so in its answer
-- to the notice (<guardians>withhold</guardians> in the receipt), and
-- lifts it the same way (<guardians>inform</guardians>). While it holds,
-- the guardians' views leave out the report, its notice, the answers to
-- it and the access log's lines about them; the professionals see all.

ALTER TABLE form_submission
	ADD COLUMN withheld_at DATETIME(6) NULL
		COMMENT 'child welfare asked that the guardians and the youth are not shown this report of concern (yet): since when; NULL: shown'
		AFTER created_at;
