-- demo.sql: Larvik-like demo units and the demo accounts (no passwords:
-- the run command sets them). Safe to run again: existing rows are kept.
-- Unit names follow the services named in Larvik's prevention plan
-- (Forebyggende plan 2024) and the BTI documents in shared/seeds.

INSERT IGNORE INTO unit (public_id, code, name, kind, external) VALUES
 (REPLACE(REPLACE(TRIM(TRAILING '=' FROM TO_BASE64(RANDOM_BYTES(16))), '+', '-'), '/', '_'), 'fagerli-bhg', 'Fagerli barnehage', 'kindergarten', FALSE),
 (REPLACE(REPLACE(TRIM(TRAILING '=' FROM TO_BASE64(RANDOM_BYTES(16))), '+', '-'), '/', '_'), 'stavern-bhg', 'Stavern barnehage', 'kindergarten', FALSE),
 (REPLACE(REPLACE(TRIM(TRAILING '=' FROM TO_BASE64(RANDOM_BYTES(16))), '+', '-'), '/', '_'), 'torstrand-bhg', 'Torstrand barnehage', 'kindergarten', FALSE),
 (REPLACE(REPLACE(TRIM(TRAILING '=' FROM TO_BASE64(RANDOM_BYTES(16))), '+', '-'), '/', '_'), 'fagerli-skole', 'Fagerli skole', 'school', FALSE),
 (REPLACE(REPLACE(TRIM(TRAILING '=' FROM TO_BASE64(RANDOM_BYTES(16))), '+', '-'), '/', '_'), 'fagerli-sfo', 'Fagerli SFO', 'sfo', FALSE),
 (REPLACE(REPLACE(TRIM(TRAILING '=' FROM TO_BASE64(RANDOM_BYTES(16))), '+', '-'), '/', '_'), 'byskogen-skole', 'Byskogen skole', 'school', FALSE),
 (REPLACE(REPLACE(TRIM(TRAILING '=' FROM TO_BASE64(RANDOM_BYTES(16))), '+', '-'), '/', '_'), 'helsestasjon-sentrum', 'Familiesenteret, helsestasjonen Larvik sentrum', 'health_clinic', FALSE),
 (REPLACE(REPLACE(TRIM(TRAILING '=' FROM TO_BASE64(RANDOM_BYTES(16))), '+', '-'), '/', '_'), 'skolehelse', 'Skolehelsetjenesten', 'health_clinic', FALSE),
 (REPLACE(REPLACE(TRIM(TRAILING '=' FROM TO_BASE64(RANDOM_BYTES(16))), '+', '-'), '/', '_'), 'ppt', 'PPT Larvik', 'ppt', FALSE),
 (REPLACE(REPLACE(TRIM(TRAILING '=' FROM TO_BASE64(RANDOM_BYTES(16))), '+', '-'), '/', '_'), 'barnevern', 'Barneverntjenesten i Larvik', 'child_welfare', FALSE),
 (REPLACE(REPLACE(TRIM(TRAILING '=' FROM TO_BASE64(RANDOM_BYTES(16))), '+', '-'), '/', '_'), 'nav', 'NAV Larvik', 'nav', FALSE),
 (REPLACE(REPLACE(TRIM(TRAILING '=' FROM TO_BASE64(RANDOM_BYTES(16))), '+', '-'), '/', '_'), 'familietjenester', 'Barne- og familietjenester', 'family_service', FALSE),
 (REPLACE(REPLACE(TRIM(TRAILING '=' FROM TO_BASE64(RANDOM_BYTES(16))), '+', '-'), '/', '_'), 'laeringssenter', 'Larvik læringssenter', 'learning_centre', FALSE),
 (REPLACE(REPLACE(TRIM(TRAILING '=' FROM TO_BASE64(RANDOM_BYTES(16))), '+', '-'), '/', '_'), 'oppvekst', 'Larvik kommune, kommunalområde oppvekst', 'municipal', FALSE),
 (REPLACE(REPLACE(TRIM(TRAILING '=' FROM TO_BASE64(RANDOM_BYTES(16))), '+', '-'), '/', '_'), 'bup-vestfold', 'BUP Vestfold (spesialisthelsetjenesten)', 'bup', TRUE),
 (REPLACE(REPLACE(TRIM(TRAILING '=' FROM TO_BASE64(RANDOM_BYTES(16))), '+', '-'), '/', '_'), 'politiet-larvik', 'Politiet, Larvik', 'police', TRUE);

INSERT IGNORE INTO app_user (public_id, username, display_name, email, role, unit_id, lang)
SELECT REPLACE(REPLACE(TRIM(TRAILING '=' FROM TO_BASE64(RANDOM_BYTES(16))), '+', '-'), '/', '_'),
       v.username, v.display_name, v.email, v.role, u.id, 'nb'
FROM (
	SELECT 'ansatt' AS username, 'Ingrid Solberg' AS display_name,
	       'ansatt@example.invalid' AS email, 'employee' AS role, 'fagerli-bhg' AS unit
	UNION ALL SELECT 'leder', 'Per Hansen', 'leder@example.invalid', 'leader', 'fagerli-bhg'
	UNION ALL SELECT 'helsesykepleier', 'Nina Berg', 'helsesykepleier@example.invalid', 'employee', 'helsestasjon-sentrum'
	UNION ALL SELECT 'admin', 'Administrator, oppvekst', 'admin@example.invalid', 'admin', 'oppvekst'
) v JOIN unit u ON u.code = v.unit;
