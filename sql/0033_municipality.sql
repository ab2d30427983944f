-- 0033_municipality.sql: several municipalities on one installation
-- (issue 19). Every row belongs to a municipality: the tables a case
-- hangs from carry municipality_id (units, people, children, partners,
-- the action guide's steps, the identity provider's role map); every
-- other row belongs to one through the foreign key that says whose it
-- is (a concern through its unit, a log through its home unit, an event
-- through its log: tests/system/test_municipalities.py checks the whole
-- schema against that list). A unit that serves other municipalities
-- too (an inter-municipal child welfare service, a FACT team) is shared
-- with each of them by a row of unit_served, which only the operator
-- makes (`stafett municipality share`): never by accident.
--
-- Expand only: a running older version, which names no municipality,
-- writes into the first one (the DEFAULT 1 below), which is all there is
-- until the upgrade is done; the next release's contract step drops the
-- defaults. tests/check_stmt_municipality.sh checks that this version's
-- statements name the municipality in every insert into these tables.

CREATE TABLE municipality (
	id		INT UNSIGNED NOT NULL AUTO_INCREMENT,
	number		CHAR(4) NOT NULL
			COMMENT 'the municipality number (kommunenummer), 0000 until the operator sets it',
	name		VARCHAR(200) NOT NULL COMMENT 'its name, shown to its people',
	-- Its settings; NULL: the installation's default (stafett.conf).
	concern_deadline_days SMALLINT UNSIGNED NULL
			COMMENT 'days from a concern to its level-0 decision',
	emergency_phone	VARCHAR(40) NULL
			COMMENT 'the child welfare emergency service''s number',
	draft_keep_days	SMALLINT UNSIGNED NULL
			COMMENT 'days a draft is kept after it was last saved',
	consent_max_days SMALLINT UNSIGNED NULL
			COMMENT 'the longest a consent may run',
	consent_warn_days SMALLINT UNSIGNED NULL
			COMMENT 'days before a consent expires that the holder is warned',
	measure_remind_days SMALLINT UNSIGNED NULL
			COMMENT 'days before a measure''s evaluation that its holder is reminded',
	retention_log_days INT UNSIGNED NULL
			COMMENT 'days a closed relay log is kept (0: never deleted)',
	retention_concern_days INT UNSIGNED NULL
			COMMENT 'days a concern that ended at level 0 is kept (0: never deleted)',
	retention_token_days INT UNSIGNED NULL
			COMMENT 'days a revoked API token is kept (0: never deleted)',
	created_at	DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6)
			COMMENT 'when it was added',
	PRIMARY KEY (id),
	UNIQUE KEY municipality_number (number)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='a municipality served by this installation, with its settings';

-- The one that was there: everything made before this migration is its.
INSERT INTO municipality (id, number, name) VALUES (1, '0000', 'Kommunen');

CREATE TABLE unit_served (
	unit_id		INT UNSIGNED NOT NULL COMMENT 'the unit (of its host municipality)',
	municipality_id	INT UNSIGNED NOT NULL COMMENT 'another municipality it serves',
	created_at	DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6)
			COMMENT 'when the operator shared it',
	PRIMARY KEY (unit_id, municipality_id),
	KEY unit_served_municipality (municipality_id),
	CONSTRAINT unit_served_unit_fk FOREIGN KEY (unit_id) REFERENCES unit (id),
	CONSTRAINT unit_served_municipality_fk FOREIGN KEY (municipality_id)
		REFERENCES municipality (id)
) ENGINE=InnoDB COMMENT='inter-municipal services: which other municipalities a unit serves';

ALTER TABLE unit
	ADD COLUMN municipality_id INT UNSIGNED NOT NULL DEFAULT 1
		COMMENT 'the municipality it belongs to (its host, when shared)' AFTER id,
	ADD CONSTRAINT unit_municipality_fk FOREIGN KEY (municipality_id)
		REFERENCES municipality (id),
	DROP INDEX unit_code,
	ADD UNIQUE KEY unit_code (municipality_id, code);

-- Citizens (guardians, youths) belong to none: what they see is decided
-- per child, by the population register, wherever the child's case is.
ALTER TABLE app_user
	ADD COLUMN municipality_id INT UNSIGNED NULL DEFAULT 1
		COMMENT 'the municipality the person works for; NULL for citizens' AFTER id,
	ADD CONSTRAINT app_user_municipality_fk FOREIGN KEY (municipality_id)
		REFERENCES municipality (id),
	ADD KEY app_user_municipality (municipality_id, role);
UPDATE app_user SET municipality_id = NULL WHERE role = 'citizen';

-- A child known to two municipalities (who moved) is two records, one
-- each: neither finds the other's by the identity number.
ALTER TABLE child
	ADD COLUMN municipality_id INT UNSIGNED NOT NULL DEFAULT 1
		COMMENT 'the municipality whose case it is' AFTER id,
	ADD CONSTRAINT child_municipality_fk FOREIGN KEY (municipality_id)
		REFERENCES municipality (id),
	DROP INDEX child_nin,
	ADD UNIQUE KEY child_nin (municipality_id, nin_hmac),
	ADD KEY child_nin_any (nin_hmac);

ALTER TABLE partner
	ADD COLUMN municipality_id INT UNSIGNED NOT NULL DEFAULT 1
		COMMENT 'the municipality that sends to it (its agreement, its keys)' AFTER id,
	ADD CONSTRAINT partner_municipality_fk FOREIGN KEY (municipality_id)
		REFERENCES municipality (id),
	DROP INDEX partner_name,
	ADD UNIQUE KEY partner_name (municipality_id, name),
	ADD KEY partner_municipality_kind (municipality_id, kind, status);

ALTER TABLE guide_step
	ADD COLUMN municipality_id INT UNSIGNED NOT NULL DEFAULT 1
		COMMENT 'whose action guide the step is in' AFTER id,
	ADD CONSTRAINT guide_step_municipality_fk FOREIGN KEY (municipality_id)
		REFERENCES municipality (id),
	ADD KEY guide_step_level (level, position),
	DROP INDEX guide_step_order,
	ADD UNIQUE KEY guide_step_order (municipality_id, level, position);

ALTER TABLE idp_role_map
	ADD COLUMN municipality_id INT UNSIGNED NOT NULL DEFAULT 1
		COMMENT 'the municipality the role is in' AFTER id,
	ADD CONSTRAINT idp_role_map_municipality_fk FOREIGN KEY (municipality_id)
		REFERENCES municipality (id);

-- A concern in one round trip (0027_concern_store.sql) finds and makes
-- its child in its unit's municipality. The same parameters: a running
-- older version calls it as before, and gets the right municipality too.
-- Made, as tail_run is (0030), with the application's sql_mode, which a
-- procedure keeps whatever the server's default: what the statements
-- would refuse it refuses too (0027 kept the server's).
SET @stafett_mode = @@SESSION.sql_mode;
SET SESSION sql_mode = 'STRICT_ALL_TABLES,NO_ZERO_DATE,NO_ZERO_IN_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION';
DROP PROCEDURE IF EXISTS concern_store;

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
