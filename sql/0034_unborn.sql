-- 0034_unborn.sql: a case can begin before the child is born (issue 20,
-- item 7: the target group is "-9 months to 30 years", 000:930, 001:163).
--
-- An unborn child is a child record with the expected date (termin) and
-- no birth date and no identity number. When the child is born, the
-- holder of its relay log registers the birth (fcgi/case/birth.c): the
-- name, the identity number or the date of birth go on the same record,
-- and the log, its consents and its history go on as they were. The
-- expected date stays, as what was known when the case began.
--
-- concern_store (0033) gains a fourth way to make its child, mode 3, a
-- new unborn child whose expected date comes in p_birth. The parameters
-- are the same, so a running older version calls it as before.

ALTER TABLE child
	ADD COLUMN expected_date DATE NULL
		COMMENT 'the expected date of birth (termin) when the case began before the birth; NULL otherwise'
		AFTER birth_date;

SET @stafett_mode = @@SESSION.sql_mode;
SET SESSION sql_mode = 'STRICT_ALL_TABLES,NO_ZERO_DATE,NO_ZERO_IN_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION';
-- CREATE OR REPLACE, not a DROP and a CREATE: a running version's call
-- waits for it rather than finding no procedure in between (the upgrade
-- drill's load caught that moment as a 500).
CREATE OR REPLACE PROCEDURE concern_store(
	IN p_own_tx		TINYINT,
	IN p_principal		VARCHAR(24),
	IN p_key_hash		BINARY(32),
	IN p_fingerprint	BINARY(32),
	IN p_route		VARCHAR(100),
	IN p_status		SMALLINT UNSIGNED,
	IN p_ctype		VARCHAR(100),
	IN p_headers		TEXT CHARACTER SET utf8mb4,
	IN p_body		MEDIUMBLOB,
	IN p_child_mode		TINYINT,	-- 0 none, 1 by number, 2 new, 3 unborn
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
	DECLARE v_municipality INT UNSIGNED;
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
	-- the concern is its unit's municipality's, and so is its child
	SET v_municipality = (SELECT municipality_id FROM unit
	    WHERE id = p_unit);
	IF p_child_mode = 1 THEN
		-- a plain consistent read: no lock on the child, so concerns
		-- about one child do not queue behind each other
		SET v_child = (SELECT id FROM child WHERE nin_hmac = p_nin_hmac
		    AND municipality_id = v_municipality);
		IF v_child IS NULL THEN
			INSERT INTO child (public_id, nin_hmac, name,
			    birth_date, municipality_id)
			VALUES (p_child_pid, p_nin_hmac, p_child_name, p_birth,
			    v_municipality);
			SET v_child = LAST_INSERT_ID();
		END IF;
	ELSEIF p_child_mode = 2 THEN
		INSERT INTO child (public_id, name, birth_date,
		    municipality_id)
		VALUES (p_child_pid, p_child_name, p_birth, v_municipality);
		SET v_child = LAST_INSERT_ID();
	ELSEIF p_child_mode = 3 THEN
		-- not born yet: p_birth is the expected date
		INSERT INTO child (public_id, name, expected_date,
		    municipality_id)
		VALUES (p_child_pid, p_child_name, p_birth, v_municipality);
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
SET SESSION sql_mode = @stafett_mode;
