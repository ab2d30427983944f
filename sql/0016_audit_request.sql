-- 0016_audit_request.sql: the guardians' access log leaves out every line
-- of a request that wrote a report of concern child welfare withholds
-- from them (AUDIT_WITHHELD in fcgi/stmt.c), not only the report's own.
-- This index finds a child's report lines of one request directly, so
-- the access log stays linear in its length.

ALTER TABLE audit
	ADD KEY audit_child_request (child_id, object_type, request_id)
		COMMENT 'a child''s lines of one kind from one request (the access log''s withheld reports)';
