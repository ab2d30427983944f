-- fixtures.sql: extra accounts for the system tests, beside the demo ones:
-- a second employee in Fagerli barnehage, the leader of another unit, and
-- a second leader of Fagerli barnehage (no login: notices to the unit go
-- to two people). All of the first municipality's (Larvik's).
SET @lvk = (SELECT MIN(id) FROM municipality);
INSERT IGNORE INTO app_user (municipality_id, public_id, username, display_name, email, role, unit_id, lang)
SELECT u.municipality_id, REPLACE(REPLACE(TRIM(TRAILING '=' FROM TO_BASE64(RANDOM_BYTES(16))), '+', '-'), '/', '_'),
       v.username, v.display_name, v.email, v.role, u.id, 'nb'
FROM (
	SELECT 'ansatt2' AS username, 'Test Ansatt To' AS display_name,
	       'ansatt2@example.invalid' AS email,
	       'employee' AS role, 'fagerli-bhg' AS unit
	UNION ALL SELECT 'leder2', 'Test Leder Stavern',
	       'leder2@example.invalid', 'leader', 'stavern-bhg'
	UNION ALL SELECT 'leder3', 'Test Leder Tre',
	       'leder3@example.invalid', 'leader', 'fagerli-bhg'
) v JOIN unit u ON u.code = v.unit AND u.municipality_id = @lvk;

-- The restore drill's writer (test_backup.py), alone in a unit of its own,
-- so the hundreds of concerns it writes under load land in no list
-- another test reads.
INSERT IGNORE INTO unit (municipality_id, public_id, code, name, kind, external) VALUES
 (@lvk, REPLACE(REPLACE(TRIM(TRAILING '=' FROM TO_BASE64(RANDOM_BYTES(16))), '+', '-'), '/', '_'), 'ovelse-bhg', 'Øvelse barnehage', 'kindergarten', FALSE);
INSERT IGNORE INTO app_user (municipality_id, public_id, username, display_name, email, role, unit_id, lang)
SELECT u.municipality_id, REPLACE(REPLACE(TRIM(TRAILING '=' FROM TO_BASE64(RANDOM_BYTES(16))), '+', '-'), '/', '_'),
       'ovelse', 'Test Øvelse', 'ovelse@example.invalid', 'employee', u.id, 'nb'
FROM unit u WHERE u.municipality_id = @lvk AND u.code = 'ovelse-bhg';

-- The second municipality's health clinic and its nurse (the demo has
-- Sandefjord's kindergarten, leader and administrator): a person of the
-- same kind of service as the first municipality's nurse, whom no
-- consent of the first may ever cover (test_municipalities.py).
SET @sfj = (SELECT id FROM municipality WHERE number = '3907');
INSERT IGNORE INTO unit (municipality_id, public_id, code, name, kind, external) VALUES
 (@sfj, REPLACE(REPLACE(TRIM(TRAILING '=' FROM TO_BASE64(RANDOM_BYTES(16))), '+', '-'), '/', '_'), 'sfj-helsestasjon', 'Helsestasjonen Sandefjord', 'health_clinic', FALSE);
INSERT IGNORE INTO app_user (municipality_id, public_id, username, display_name, email, role, unit_id, lang)
SELECT u.municipality_id, REPLACE(REPLACE(TRIM(TRAILING '=' FROM TO_BASE64(RANDOM_BYTES(16))), '+', '-'), '/', '_'),
       'sfj.helse', 'Hege Vik', 'sfj.helse@example.invalid', 'employee', u.id, 'nb'
FROM unit u WHERE u.code = 'sfj-helsestasjon';
