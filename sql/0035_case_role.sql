-- 0035_case_role.sql: the roles the law gives people on a child's case
-- (issue 20, item 5): the child coordinator (barnekoordinator, helse- og
-- omsorgstjenesteloven § 7-2 a, 003:1345-1359), the coordinator of an
-- individual plan (koordinator, § 7-2) and the members of the
-- responsible group (ansvarsgruppe, 003:1400-1403). Appointed on a
-- relay log by its holder among the log's people (the holder and the
-- participants: the service office's decision, 001:630, is recorded
-- there), visible to everyone who reads the log, the family too.
--
-- One child coordinator and one coordinator at a time; a person once in
-- the group. A role ends (it is not deleted): when its holder says so,
-- or when the person stops taking part in the log.

CREATE TABLE case_role (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
	log_id		BIGINT UNSIGNED NOT NULL COMMENT 'the relay log',
	user_id		INT UNSIGNED NOT NULL COMMENT 'who has the role',
	role		VARCHAR(30) NOT NULL COMMENT 'child_coordinator, coordinator or group',
	appointed_by	INT UNSIGNED NOT NULL COMMENT 'who recorded the appointment',
	appointed_at	DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) COMMENT 'when',
	ended_at	DATETIME(6) NULL COMMENT 'when the role ended',
	ended_reason	VARCHAR(500) NULL COMMENT 'why',
	active_key	VARCHAR(40) AS (IF(ended_at IS NULL, IF(role = 'group',
			    CONCAT('group:', user_id), role), NULL)) PERSISTENT
			COMMENT 'while in force: one coordinator of each kind, a member once',
	PRIMARY KEY (id),
	UNIQUE KEY case_role_active (log_id, active_key),
	KEY case_role_user (user_id, ended_at),
	CONSTRAINT case_role_log_fk FOREIGN KEY (log_id) REFERENCES relay_log (id)
		ON DELETE CASCADE,
	CONSTRAINT case_role_user_fk FOREIGN KEY (user_id) REFERENCES app_user (id),
	CONSTRAINT case_role_by_fk FOREIGN KEY (appointed_by) REFERENCES app_user (id),
	CONSTRAINT case_role_code CHECK (role IN ('child_coordinator',
	    'coordinator', 'group'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='roles the law gives people on a child''s case, appointed on its relay log';

-- A kept log page shows the roles: a change raises the log's view
-- version (0011_view_version.sql), as the participants' do.
CREATE TRIGGER case_role_view_ins AFTER INSERT ON case_role
	FOR EACH ROW
	INSERT INTO log_version (log_id, v) VALUES (NEW.log_id, 1)
	ON DUPLICATE KEY UPDATE v = v + 1;

CREATE TRIGGER case_role_view_upd AFTER UPDATE ON case_role
	FOR EACH ROW
	INSERT INTO log_version (log_id, v) SELECT t.log_id, 1
	    FROM (SELECT NEW.log_id AS log_id UNION SELECT OLD.log_id) t
	    ON DUPLICATE KEY UPDATE v = v + 1;

CREATE TRIGGER case_role_view_del AFTER DELETE ON case_role
	FOR EACH ROW
	INSERT INTO log_version (log_id, v) VALUES (OLD.log_id, 1)
	ON DUPLICATE KEY UPDATE v = v + 1;
