-- 0014_consent_units.sql: a consent names the services that may take
-- part as the municipality's units (Familiesenteret's health clinic, not
-- "a health clinic"), and may name persons in them. Participation is per
-- person: someone from another unit than the log's own takes part only
-- when they are added to the log and a consent valid today names their
-- unit and, if it names persons of that unit, them. The kinds of service
-- the units are (consent_service) stay the gate for notices to partners,
-- which are routed by kind.

CREATE TABLE consent_unit (
	consent_id	BIGINT UNSIGNED NOT NULL COMMENT 'the consent',
	unit_id		INT UNSIGNED NOT NULL COMMENT 'a unit (service) whose people may take part',
	named_only	BOOLEAN NOT NULL DEFAULT FALSE COMMENT 'the consent names persons of this unit: only they may take part',
	PRIMARY KEY (consent_id, unit_id),
	KEY consent_unit_unit (unit_id),
	CONSTRAINT consent_unit_consent_fk FOREIGN KEY (consent_id) REFERENCES consent (id),
	CONSTRAINT consent_unit_unit_fk FOREIGN KEY (unit_id) REFERENCES unit (id)
) ENGINE=InnoDB COMMENT='the services (units) a consent covers';

CREATE TABLE consent_person (
	consent_id	BIGINT UNSIGNED NOT NULL COMMENT 'the consent',
	user_id		INT UNSIGNED NOT NULL COMMENT 'a person the consent names; of their unit, only the named take part',
	PRIMARY KEY (consent_id, user_id),
	KEY consent_person_user (user_id),
	CONSTRAINT consent_person_consent_fk FOREIGN KEY (consent_id) REFERENCES consent (id),
	CONSTRAINT consent_person_user_fk FOREIGN KEY (user_id) REFERENCES app_user (id)
) ENGINE=InnoDB COMMENT='the persons a consent names';

-- Consents recorded before named kinds of service, and the guardians
-- were shown that as "the health clinic", "PPT": every unit of the kind.
-- They keep exactly that meaning, so nobody gains or loses access by
-- this migration; new consents name units.
INSERT IGNORE INTO consent_unit (consent_id, unit_id, named_only)
	SELECT cs.consent_id, u.id, FALSE FROM consent_service cs
	JOIN unit u ON u.kind = cs.service;

-- The log's lists show what a consent covers (0011_view_version.sql).
CREATE TRIGGER consent_unit_view_ins AFTER INSERT ON consent_unit
	FOR EACH ROW CALL view_touch_log((SELECT c.log_id FROM consent c
	WHERE c.id = NEW.consent_id), NULL);
CREATE TRIGGER consent_unit_view_upd AFTER UPDATE ON consent_unit
	FOR EACH ROW CALL view_touch_log((SELECT c.log_id FROM consent c
	WHERE c.id = NEW.consent_id), (SELECT c.log_id FROM consent c
	WHERE c.id = OLD.consent_id));
CREATE TRIGGER consent_unit_view_del AFTER DELETE ON consent_unit
	FOR EACH ROW CALL view_touch_log((SELECT c.log_id FROM consent c
	WHERE c.id = OLD.consent_id), NULL);
CREATE TRIGGER consent_person_view_ins AFTER INSERT ON consent_person
	FOR EACH ROW CALL view_touch_log((SELECT c.log_id FROM consent c
	WHERE c.id = NEW.consent_id), NULL);
CREATE TRIGGER consent_person_view_upd AFTER UPDATE ON consent_person
	FOR EACH ROW CALL view_touch_log((SELECT c.log_id FROM consent c
	WHERE c.id = NEW.consent_id), (SELECT c.log_id FROM consent c
	WHERE c.id = OLD.consent_id));
CREATE TRIGGER consent_person_view_del AFTER DELETE ON consent_person
	FOR EACH ROW CALL view_touch_log((SELECT c.log_id FROM consent c
	WHERE c.id = OLD.consent_id), NULL);
