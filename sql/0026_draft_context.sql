-- 0026_draft_context.sql: a draft of a form for a case remembers the
-- case (issue 16, item 9). Drafts are now kept draft_keep_days (30 by
-- default) after their last save, not 24 hours, and the start page
-- lists them; a draft of a consent or a referral opened from there must
-- open for its relay log again, or sending it would make a submission
-- that belongs to no case.

ALTER TABLE form_draft
	ADD COLUMN context VARCHAR(255) NOT NULL DEFAULT ''
	COMMENT 'the case it is for, as the query of its form page ("&log=…&measure=…", public ids only); empty for a form of its own'
	AFTER form_version;
