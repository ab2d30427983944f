-- 0027_concern_store.sql: a concern in one round trip (issue 17).
--
-- A concern wrote nine statements, each a round trip between a worker
-- and the server: BEGIN, the child looked up and perhaps inserted, the
-- submission, the concern, its notice in the outbox, the audit row, the
-- first timeline event, the draft deleted, COMMIT. On a busy machine
-- every round trip is a context switch, and the conversation, not the
-- work, set the pace. This procedure writes the same rows with the same
-- values in one CALL (fcgi/case/concern.c makes every id, the keyed hash
-- of the identity number, the event's words and the answer before it;
-- the database adds only the row ids that tie the rows together).
--
-- p_own_tx = 1: the procedure is the request's whole transaction. It
-- begins, claims the request's Idempotency-Key with the answer the
-- client will get (p_principal NULL: no key), writes, and commits before
-- the CALL returns, so the answer is sent only after the commit, as for
-- every request. The commit is as durable as any other
-- (innodb_flush_log_at_trx_commit). p_own_tx = 0: it runs inside the
-- caller's transaction (a request that already read or claimed its key),
-- under a savepoint of its own, and commits nothing.
--
-- It runs with the rights of the application's account that calls it
-- (SQL SECURITY INVOKER), not those of the account that made it: a
-- server in read-only mode refuses it as it refuses the statements, and
-- the account may do nothing through it that it could not do itself.
--
-- On any error nothing it wrote stays (its transaction or its savepoint
-- is rolled back) and the error is raised again as it was: a duplicate
-- key (the key used before, a reference that clashed, the same new child
-- registered by two concerns at once) is still error 1062, a deadlock
-- 1213, so the worker answers as before.

CREATE PROCEDURE concern_store(
	IN p_own_tx		TINYINT,
	IN p_principal		VARCHAR(24),
	IN p_key_hash		BINARY(32),
	IN p_fingerprint	BINARY(32),
	IN p_route		VARCHAR(100),
	IN p_status		SMALLINT UNSIGNED,
	IN p_ctype		VARCHAR(100),
	IN p_headers		TEXT CHARACTER SET utf8mb4,
	IN p_body		MEDIUMBLOB,
	IN p_child_mode		TINYINT,	-- 0 none, 1 by number, 2 new
	IN p_child_pid		CHAR(22),
	IN p_nin_hmac		BINARY(32),
	IN p_child_name		VARCHAR(200) CHARACTER SET utf8mb4,
	IN p_birth		DATE,
	IN p_sub_pid		CHAR(22),
	IN p_form_id		VARCHAR(40),
	IN p_form_version	INT UNSIGNED,
	IN p_instance		MEDIUMTEXT CHARACTER SET utf8mb4,
	IN p_author		INT UNSIGNED,
	IN p_concern_pid	CHAR(22),
	IN p_reference		CHAR(9),
	IN p_unit		INT UNSIGNED,
	IN p_anonymous		TINYINT,
	IN p_urgent		TINYINT,
	IN p_deadline		DATE,
	IN p_outbox_pid		CHAR(22),
	IN p_idem		CHAR(43),
	IN p_role		VARCHAR(20),
	IN p_request_id		VARCHAR(64),
	IN p_event_pid		CHAR(22),
	IN p_summary		TEXT CHARACTER SET utf8mb4,
	IN p_msg		VARCHAR(500) CHARACTER SET utf8mb4,
	IN p_args		TEXT CHARACTER SET utf8mb4,
	IN p_draft_pid		CHAR(22))
	MODIFIES SQL DATA
	SQL SECURITY INVOKER
BEGIN
	DECLARE v_child BIGINT UNSIGNED DEFAULT NULL;
	DECLARE v_sub, v_concern BIGINT UNSIGNED;
	DECLARE v_errno INT DEFAULT 0;
	DECLARE EXIT HANDLER FOR SQLEXCEPTION
	BEGIN
		GET DIAGNOSTICS CONDITION 1 v_errno = MYSQL_ERRNO;
		IF p_own_tx THEN
			ROLLBACK;
		ELSEIF v_errno <> 1213 THEN
			-- a deadlock has ended the caller's transaction,
			-- savepoint and all
			ROLLBACK TO SAVEPOINT concern_store;
		END IF;
		RESIGNAL;
	END;

	IF p_own_tx THEN
		START TRANSACTION;
	ELSE
		SAVEPOINT concern_store;
	END IF;
	IF p_principal IS NOT NULL THEN
		-- the key's row, with its answer (replay.h): a second request
		-- with the key waits here, then fails on the unique key
		INSERT INTO request_replay (principal, key_hash, fingerprint,
		    route, status, content_type, headers, body)
		VALUES (p_principal, p_key_hash, p_fingerprint, p_route,
		    p_status, p_ctype, p_headers, p_body);
	END IF;
	IF p_child_mode = 1 THEN
		-- a plain consistent read: no lock on the child, so concerns
		-- about one child do not queue behind each other
		SET v_child = (SELECT id FROM child WHERE nin_hmac = p_nin_hmac);
		IF v_child IS NULL THEN
			INSERT INTO child (public_id, nin_hmac, name,
			    birth_date)
			VALUES (p_child_pid, p_nin_hmac, p_child_name, p_birth);
			SET v_child = LAST_INSERT_ID();
		END IF;
	ELSEIF p_child_mode = 2 THEN
		INSERT INTO child (public_id, name, birth_date)
		VALUES (p_child_pid, p_child_name, p_birth);
		SET v_child = LAST_INSERT_ID();
	END IF;
	INSERT INTO form_submission (public_id, form_id, form_version,
	    instance, author_id)
	VALUES (p_sub_pid, p_form_id, p_form_version, p_instance, p_author);
	SET v_sub = LAST_INSERT_ID();
	INSERT INTO concern (public_id, reference, unit_id, author_id,
	    child_id, submission_id, anonymous, urgent, deadline)
	VALUES (p_concern_pid, p_reference, p_unit, p_author, v_child, v_sub,
	    p_anonymous, p_urgent, p_deadline);
	SET v_concern = LAST_INSERT_ID();
	-- the unit's leaders are told; an urgent concern at once
	INSERT INTO outbox (public_id, kind, unit_id, concern_id,
	    idempotency_key, payload)
	VALUES (p_outbox_pid, IF(p_urgent, 'concern.urgent', 'concern.new'),
	    p_unit, v_concern, p_idem, NULL);
	INSERT INTO audit (user_id, role, action, object_type, object_id,
	    child_id, request_id)
	VALUES (p_author, p_role, 'create', 'concern', v_concern, v_child,
	    p_request_id);
	INSERT INTO case_event (public_id, log_id, concern_id, actor_id,
	    actor_role, kind, summary, ref_type, ref_public_id,
	    submission_id, msg, args)
	VALUES (p_event_pid, NULL, v_concern, p_author, p_role, 'concern',
	    p_summary, 'concern', p_concern_pid, v_sub, p_msg, p_args);
	IF p_draft_pid IS NOT NULL THEN
		DELETE FROM form_draft
		WHERE public_id = p_draft_pid AND author_id = p_author;
	END IF;
	IF p_own_tx THEN
		COMMIT;
	END IF;
END;
