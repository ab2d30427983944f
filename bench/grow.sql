-- grow.sql: fill the benchmark's database to @concerns concerns and
-- @logs relay logs (bench/run with BENCH_GROWTH=1), so that a concern's
-- cost can be measured on years of data beside its cost on a young
-- database. Run as root after the schema and the demo data; never on a
-- real installation.
--
-- Every concern gets what a concern gets from the application: its child
-- (with a keyed hash of a number), its form submission (a short
-- instance: the indexes, not the bytes, are what a write meets), the
-- notice to the unit's leaders (delivered long ago), the audit row and
-- the first timeline event; all by 'ansatt' in their unit, the author
-- and unit whose index ranges the benchmark's own concerns write into.
-- The ids, keys and hashes are random as the application's are, so the
-- unique indexes grow as they do in use. Of the concerns, @logs become
-- relay logs (one in ten open), each with four more events.
--
-- Fed to the mariadb client (DELIMITER). Rows are written 50,000 at a time, each batch one transaction; the ids
-- of a batch are consecutive (innodb_autoinc_lock_mode 1, one writer).

DROP PROCEDURE IF EXISTS bench_grow;
DELIMITER //
CREATE PROCEDURE bench_grow(IN p_concerns INT, IN p_logs INT)
BEGIN
	DECLARE v_have, v_n, v_c, v_s, v_k, v_l BIGINT;
	DECLARE v_user, v_unit INT;

	SELECT id, unit_id INTO v_user, v_unit FROM app_user
	    WHERE username = 'ansatt';
	SELECT COUNT(*) INTO v_have FROM concern;
	WHILE v_have < p_concerns DO
		SET v_n = LEAST(50000, p_concerns - v_have);
		START TRANSACTION;
		INSERT INTO child (public_id, nin_hmac, name, birth_date)
		SELECT SUBSTR(REPLACE(REPLACE(TO_BASE64(RANDOM_BYTES(16)),
		    '+', '-'), '/', '_'), 1, 22), RANDOM_BYTES(32),
		    'Vekst Barn', '2016-05-01'
		FROM seq_1_to_50000 WHERE seq <= v_n ORDER BY seq;
		SET v_c = LAST_INSERT_ID();
		INSERT INTO form_submission (public_id, form_id, form_version,
		    instance, author_id)
		SELECT SUBSTR(REPLACE(REPLACE(TO_BASE64(RANDOM_BYTES(16)),
		    '+', '-'), '/', '_'), 1, 22), 'concern', 1,
		    '<concern><child><name>Vekst Barn</name></child><observation>Barnet virker slitent og trist i barnehagen over tid.</observation><urgent>false</urgent><anonymous>false</anonymous></concern>',
		    v_user
		FROM seq_1_to_50000 WHERE seq <= v_n ORDER BY seq;
		SET v_s = LAST_INSERT_ID();
		INSERT INTO concern (public_id, reference, unit_id, author_id,
		    child_id, submission_id, anonymous, urgent, level, status,
		    deadline, created_at)
		SELECT SUBSTR(REPLACE(REPLACE(TO_BASE64(RANDOM_BYTES(16)),
		    '+', '-'), '/', '_'), 1, 22),
		    CONCAT('G', LPAD(HEX(v_have + seq), 8, '0')), v_unit,
		    v_user, v_c + seq - 1, v_s + seq - 1, 0, 0, 0,
		    IF(seq % 10 = 0, 'open', 'closed'),
		    CURRENT_DATE - INTERVAL (seq % 1800) DAY + INTERVAL 14 DAY,
		    NOW(6) - INTERVAL (seq % 1800) DAY
		FROM seq_1_to_50000 WHERE seq <= v_n ORDER BY seq;
		SET v_k = LAST_INSERT_ID();
		INSERT INTO outbox (public_id, kind, unit_id, concern_id,
		    idempotency_key, status, attempts, delivered_at)
		SELECT SUBSTR(REPLACE(REPLACE(TO_BASE64(RANDOM_BYTES(16)),
		    '+', '-'), '/', '_'), 1, 22), 'concern.new', v_unit,
		    v_k + seq - 1,
		    SUBSTR(REPLACE(REPLACE(TO_BASE64(RANDOM_BYTES(32)),
		    '+', '-'), '/', '_'), 1, 43), 'delivered', 1, NOW(6)
		FROM seq_1_to_50000 WHERE seq <= v_n ORDER BY seq;
		INSERT INTO audit (user_id, role, action, object_type,
		    object_id, child_id, request_id)
		SELECT v_user, 'employee', 'create', 'concern', v_k + seq - 1,
		    v_c + seq - 1, 'bench-grow'
		FROM seq_1_to_50000 WHERE seq <= v_n ORDER BY seq;
		INSERT INTO case_event (public_id, log_id, concern_id, actor_id,
		    actor_role, kind, summary, msg, args, ref_type,
		    submission_id)
		SELECT SUBSTR(REPLACE(REPLACE(TO_BASE64(RANDOM_BYTES(16)),
		    '+', '-'), '/', '_'), 1, 22), NULL, v_k + seq - 1,
		    v_user, 'employee', 'concern', 'G', '{0}',
		    '<args><a t="ref">G</a></args>', 'concern', v_s + seq - 1
		FROM seq_1_to_50000 WHERE seq <= v_n ORDER BY seq;
		COMMIT;
		SET v_have = v_have + v_n;
	END WHILE;

	-- the logs: from concerns of the growth without one
	SELECT COUNT(*) INTO v_have FROM relay_log;
	WHILE v_have < p_logs DO
		SET v_n = LEAST(20000, p_logs - v_have);
		START TRANSACTION;
		DROP TEMPORARY TABLE IF EXISTS bench_g;
		CREATE TEMPORARY TABLE bench_g (n INT NOT NULL AUTO_INCREMENT
		    PRIMARY KEY, concern_id BIGINT UNSIGNED NOT NULL,
		    child_id BIGINT UNSIGNED NOT NULL);
		INSERT INTO bench_g (concern_id, child_id)
		SELECT id, child_id FROM concern
		WHERE reference LIKE 'G%' AND reference NOT LIKE '%-%'
		    AND log_id IS NULL AND child_id IS NOT NULL
		ORDER BY id LIMIT v_n;
		INSERT INTO relay_log (public_id, reference, child_id,
		    home_unit_id, level, level_since, status, holder_id,
		    closed_at)
		SELECT SUBSTR(REPLACE(REPLACE(TO_BASE64(RANDOM_BYTES(16)),
		    '+', '-'), '/', '_'), 1, 22),
		    CONCAT('L', LPAD(HEX(v_have + n), 8, '0')), child_id,
		    v_unit, 1 + n % 3, CURRENT_DATE, 'open', v_user, NULL
		FROM bench_g ORDER BY n;
		SET v_l = LAST_INSERT_ID();
		UPDATE concern c JOIN bench_g g ON g.concern_id = c.id
		SET c.log_id = v_l + g.n - 1;
		INSERT INTO log_version (log_id, v)
		SELECT v_l + n - 1, 1 FROM bench_g;
		INSERT INTO case_event (public_id, log_id, concern_id, actor_id,
		    actor_role, kind, summary, msg, args)
		SELECT SUBSTR(REPLACE(REPLACE(TO_BASE64(RANDOM_BYTES(16)),
		    '+', '-'), '/', '_'), 1, 22), v_l + g.n - 1, NULL, v_user,
		    'employee', 'note', 'Notat', '{0}',
		    '<args><a t="text">Notat</a></args>'
		FROM bench_g g JOIN seq_1_to_4 s ORDER BY g.n, s.seq;
		-- nine in ten are closed (a closed log takes no more events)
		UPDATE relay_log l JOIN bench_g g ON l.id = v_l + g.n - 1
		SET l.status = 'closed', l.closed_at = NOW(6)
		WHERE g.n % 10 <> 0;
		COMMIT;
		SET v_have = v_have + v_n;
	END WHILE;
	DROP TEMPORARY TABLE IF EXISTS bench_g;
END//
DELIMITER ;
CALL bench_grow(@concerns, @logs);
DROP PROCEDURE bench_grow;
