-- fixtures.sql: extra accounts for the system tests, beside the demo ones:
-- a second employee in Fagerli barnehage and the leader of another unit.
INSERT IGNORE INTO app_user (public_id, username, display_name, role, unit_id, lang)
SELECT REPLACE(REPLACE(TRIM(TRAILING '=' FROM TO_BASE64(RANDOM_BYTES(16))), '+', '-'), '/', '_'),
       v.username, v.display_name, v.role, u.id, 'nb'
FROM (
	SELECT 'ansatt2' AS username, 'Test Ansatt To' AS display_name,
	       'employee' AS role, 'fagerli-bhg' AS unit
	UNION ALL SELECT 'leder2', 'Test Leder Stavern', 'leader', 'stavern-bhg'
) v JOIN unit u ON u.code = v.unit;
