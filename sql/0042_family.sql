-- 0042_family.sql: siblings' relay logs as one family (issue 20, item 2;
-- docs/design-teams.md). Siblings share risk, meetings and often one
-- plan (002:106-107; NAV's family programme, 001:687): the red measure
-- counted ten families with 22 children. Each child keeps their own log,
-- consent and readers; the family links the logs, so that a holder sees
-- the siblings' logs they may read, and a team counts a family once and
-- its children each.
--
-- A table of its own, not a column of relay_log: the log table is not
-- rebuilt (0033's rebuilds met the running older version mid-upgrade).

CREATE TABLE family (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
	public_id	CHAR(22) NOT NULL COMMENT 'random id',
	municipality_id	INT UNSIGNED NOT NULL COMMENT 'whose',
	created_by	INT UNSIGNED NOT NULL COMMENT 'who linked the first two logs',
	created_at	DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) COMMENT 'when',
	PRIMARY KEY (id),
	UNIQUE KEY family_public_id (public_id),
	CONSTRAINT family_municipality_fk FOREIGN KEY (municipality_id)
		REFERENCES municipality (id),
	CONSTRAINT family_by_fk FOREIGN KEY (created_by) REFERENCES app_user (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='siblings whose relay logs belong together';

CREATE TABLE family_log (
	log_id		BIGINT UNSIGNED NOT NULL COMMENT 'a child''s relay log: in one family at most',
	family_id	BIGINT UNSIGNED NOT NULL COMMENT 'the family',
	added_by	INT UNSIGNED NOT NULL COMMENT 'who linked it',
	added_at	DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) COMMENT 'when',
	PRIMARY KEY (log_id),
	KEY family_log_family (family_id),
	CONSTRAINT family_log_log_fk FOREIGN KEY (log_id) REFERENCES relay_log (id),
	CONSTRAINT family_log_family_fk FOREIGN KEY (family_id) REFERENCES family (id),
	CONSTRAINT family_log_by_fk FOREIGN KEY (added_by) REFERENCES app_user (id)
) ENGINE=InnoDB COMMENT='the relay logs of a family''s children';

-- A kept log page shows the family (0011_view_version.sql): a change
-- raises the version of every log of the family, siblings included.
CREATE TRIGGER family_log_view_ins AFTER INSERT ON family_log
	FOR EACH ROW
	INSERT INTO log_version (log_id, v)
	    SELECT f.log_id, 1 FROM family_log f WHERE f.family_id = NEW.family_id
	ON DUPLICATE KEY UPDATE v = v + 1;

CREATE TRIGGER family_log_view_del AFTER DELETE ON family_log
	FOR EACH ROW
	INSERT INTO log_version (log_id, v)
	    SELECT t.log_id, 1 FROM (SELECT OLD.log_id AS log_id UNION
	    SELECT f.log_id FROM family_log f WHERE f.family_id = OLD.family_id) t
	ON DUPLICATE KEY UPDATE v = v + 1;

-- A meeting for the family: planned on one child's log, it is planned
-- on each sibling's log its holder manages too, as a meeting of that log
-- (each log's readers see their own child's), and the rows share this
-- key. A nullable column at the end: MariaDB adds it in place, with no
-- copy of the table.
ALTER TABLE meeting
	ADD COLUMN family_meeting CHAR(22) NULL
		COMMENT 'the same family meeting on the siblings'' logs: one random key';
