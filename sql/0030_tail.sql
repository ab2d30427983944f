-- 0030_tail.sql: the rows a request appends to the audit trail and the
-- timelines go to the server with its COMMIT (issue 17).
--
-- Every write of a relay log made one round trip per audit row and per
-- timeline event (the read of the log audited, the change audited, the
-- event), and one for the COMMIT: a note cost nine. Nothing in the
-- request reads those rows again before it commits, so the worker keeps
-- them (fcgi/db/tail.h) and sends them here, as JSON that JSON_TABLE
-- unpacks into typed columns, with the COMMIT in the same call: a note
-- now costs four. A statement that could see the rows, or whose effect
-- the rows' triggers could see (a closed log refuses new events), is
-- sent only after them (stmt_after_tail): then this runs without the
-- commit.
--
-- The rows are those of the statements audit_insert, event_insert and
-- outbox_add_form (fcgi/db/stmt.c: a form's notice to a partner, kept
-- when a partner can take it, fcgi/case/caseform.c), the same columns
-- in the same order, each row an array of the statement's parameters:
-- numbers as JSON numbers, text as JSON strings, NULL as null. The
-- columns below are as wide as the table's or wider, so a value the
-- statement would have refused is refused here by the table, in strict
-- mode, as it was.
--
-- p_begin = 1: no transaction is open yet; it begins here. p_commit = 1:
-- the rows are the last of the request, and the call commits; on any
-- error it rolls everything back and nothing was committed. p_commit = 0:
-- the rows are written under a savepoint of its own, which an error
-- rolls back (a deadlock has ended the whole transaction already), and
-- the transaction stays open. Errors are raised again as they were.
--
-- A procedure keeps the sql_mode it was made with: it is made with the
-- application's (fcgi/db/db.c), whatever the server's default, so that
-- what the statements would refuse it refuses too.
--
-- SQL SECURITY INVOKER: the application's account may do nothing
-- through it that it could not do itself.

SET @stafett_mode = @@SESSION.sql_mode;
SET SESSION sql_mode = 'STRICT_ALL_TABLES,NO_ZERO_DATE,NO_ZERO_IN_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION';

CREATE PROCEDURE tail_run(
	IN p_begin	TINYINT,
	IN p_commit	TINYINT,
	IN p_audit	LONGTEXT CHARACTER SET utf8mb4,
	IN p_events	LONGTEXT CHARACTER SET utf8mb4,
	IN p_notices	LONGTEXT CHARACTER SET utf8mb4)
	MODIFIES SQL DATA
	SQL SECURITY INVOKER
BEGIN
	DECLARE v_errno INT DEFAULT 0;
	DECLARE EXIT HANDLER FOR SQLEXCEPTION
	BEGIN
		GET DIAGNOSTICS CONDITION 1 v_errno = MYSQL_ERRNO;
		IF p_commit OR p_begin THEN
			ROLLBACK;
		ELSEIF v_errno <> 1213 THEN
			ROLLBACK TO SAVEPOINT tail_run;
		END IF;
		RESIGNAL;
	END;

	IF p_begin THEN
		START TRANSACTION;
	ELSEIF NOT p_commit THEN
		SAVEPOINT tail_run;
	END IF;
	IF p_audit IS NOT NULL THEN
		INSERT INTO audit (user_id, role, action, object_type,
		    object_id, child_id, request_id)
		SELECT j.user_id, j.role, j.action, j.object_type,
		    j.object_id, j.child_id, j.request_id
		FROM JSON_TABLE(p_audit, '$[*]' COLUMNS (
		    n FOR ORDINALITY,
		    user_id BIGINT PATH '$[0]' ERROR ON ERROR,
		    role VARCHAR(1000) PATH '$[1]' ERROR ON ERROR,
		    action VARCHAR(1000) PATH '$[2]' ERROR ON ERROR,
		    object_type VARCHAR(1000) PATH '$[3]' ERROR ON ERROR,
		    object_id BIGINT PATH '$[4]' ERROR ON ERROR,
		    child_id BIGINT PATH '$[5]' ERROR ON ERROR,
		    request_id VARCHAR(1000) PATH '$[6]' ERROR ON ERROR)) AS j
		ORDER BY j.n;
	END IF;
	IF p_events IS NOT NULL THEN
		INSERT INTO case_event (public_id, log_id, concern_id,
		    actor_id, actor_role, kind, summary, ref_type,
		    ref_public_id, submission_id, msg, args)
		SELECT j.public_id, j.log_id, j.concern_id, j.actor_id,
		    j.actor_role, j.kind, j.summary, j.ref_type,
		    j.ref_public_id, j.submission_id, j.msg, j.args
		FROM JSON_TABLE(p_events, '$[*]' COLUMNS (
		    n FOR ORDINALITY,
		    public_id VARCHAR(1000) PATH '$[0]' ERROR ON ERROR,
		    log_id BIGINT PATH '$[1]' ERROR ON ERROR,
		    concern_id BIGINT PATH '$[2]' ERROR ON ERROR,
		    actor_id BIGINT PATH '$[3]' ERROR ON ERROR,
		    actor_role VARCHAR(1000) PATH '$[4]' ERROR ON ERROR,
		    kind VARCHAR(1000) PATH '$[5]' ERROR ON ERROR,
		    summary LONGTEXT PATH '$[6]' ERROR ON ERROR,
		    ref_type VARCHAR(1000) PATH '$[7]' ERROR ON ERROR,
		    ref_public_id VARCHAR(1000) PATH '$[8]' ERROR ON ERROR,
		    submission_id BIGINT PATH '$[9]' ERROR ON ERROR,
		    msg VARCHAR(4000) PATH '$[10]' ERROR ON ERROR,
		    args LONGTEXT PATH '$[11]' ERROR ON ERROR)) AS j
		ORDER BY j.n;
	END IF;
	IF JSON_LENGTH(p_notices) = 1 THEN
		-- one notice, as a request makes: a plain insert, without the
		-- table JSON_TABLE builds and sorts
		INSERT INTO outbox (public_id, kind, service, concern_id,
		    log_id, idempotency_key, submission_id, sender_id)
		VALUES (JSON_VALUE(p_notices, '$[0][0]'),
		    JSON_VALUE(p_notices, '$[0][1]'),
		    JSON_VALUE(p_notices, '$[0][2]'),
		    JSON_VALUE(p_notices, '$[0][3]'),
		    JSON_VALUE(p_notices, '$[0][4]'),
		    JSON_VALUE(p_notices, '$[0][5]'),
		    JSON_VALUE(p_notices, '$[0][6]'),
		    JSON_VALUE(p_notices, '$[0][7]'));
	ELSEIF p_notices IS NOT NULL THEN
		INSERT INTO outbox (public_id, kind, service, concern_id,
		    log_id, idempotency_key, submission_id, sender_id)
		SELECT j.public_id, j.kind, j.service, j.concern_id,
		    j.log_id, j.idempotency_key, j.submission_id, j.sender_id
		FROM JSON_TABLE(p_notices, '$[*]' COLUMNS (
		    n FOR ORDINALITY,
		    public_id VARCHAR(1000) PATH '$[0]' ERROR ON ERROR,
		    kind VARCHAR(1000) PATH '$[1]' ERROR ON ERROR,
		    service VARCHAR(1000) PATH '$[2]' ERROR ON ERROR,
		    concern_id BIGINT PATH '$[3]' ERROR ON ERROR,
		    log_id BIGINT PATH '$[4]' ERROR ON ERROR,
		    idempotency_key VARCHAR(1000) PATH '$[5]' ERROR ON ERROR,
		    submission_id BIGINT PATH '$[6]' ERROR ON ERROR,
		    sender_id BIGINT PATH '$[7]' ERROR ON ERROR)) AS j
		ORDER BY j.n;
	END IF;
	IF p_commit THEN
		COMMIT;
	ELSEIF NOT p_begin THEN
		RELEASE SAVEPOINT tail_run;
	END IF;
END;

SET SESSION sql_mode = @stafett_mode;
