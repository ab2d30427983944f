-- 0008_event_kinds.sql: the log page lists only the newest events and
-- learns the rest (how many, and when each kind last happened, which
-- the action guide needs) from this index alone, without reading the
-- events of a long log.

ALTER TABLE case_event
	ADD KEY case_event_log_kind (log_id, kind, at)
		COMMENT 'kinds of a log''s events and their latest time (log page, action guide)';
