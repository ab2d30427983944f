-- demo.sql: Larvik-like demo units and the demo accounts (no passwords:
-- the run command sets them). Safe to run again: existing rows are kept.
-- Unit names follow the services named in Larvik's prevention plan
-- (Forebyggende plan 2024) and the BTI documents in shared/seeds.
-- Everything below is the first municipality's, Larvik's (the one the
-- migrations made); a second one, Sandefjord, follows at the end, with
-- the inter-municipal FACT team Larvik hosts shared with it.

UPDATE municipality SET number = '3805', name = 'Larvik kommune'
WHERE id = 1 AND number = '0000';
SET @lvk = (SELECT MIN(id) FROM municipality);

INSERT IGNORE INTO unit (municipality_id, public_id, code, name, kind, external) VALUES
 (@lvk, REPLACE(REPLACE(TRIM(TRAILING '=' FROM TO_BASE64(RANDOM_BYTES(16))), '+', '-'), '/', '_'), 'fagerli-bhg', 'Fagerli barnehage', 'kindergarten', FALSE),
 (@lvk, REPLACE(REPLACE(TRIM(TRAILING '=' FROM TO_BASE64(RANDOM_BYTES(16))), '+', '-'), '/', '_'), 'stavern-bhg', 'Stavern barnehage', 'kindergarten', FALSE),
 (@lvk, REPLACE(REPLACE(TRIM(TRAILING '=' FROM TO_BASE64(RANDOM_BYTES(16))), '+', '-'), '/', '_'), 'torstrand-bhg', 'Torstrand barnehage', 'kindergarten', FALSE),
 (@lvk, REPLACE(REPLACE(TRIM(TRAILING '=' FROM TO_BASE64(RANDOM_BYTES(16))), '+', '-'), '/', '_'), 'fagerli-skole', 'Fagerli skole', 'school', FALSE),
 (@lvk, REPLACE(REPLACE(TRIM(TRAILING '=' FROM TO_BASE64(RANDOM_BYTES(16))), '+', '-'), '/', '_'), 'fagerli-sfo', 'Fagerli SFO', 'sfo', FALSE),
 (@lvk, REPLACE(REPLACE(TRIM(TRAILING '=' FROM TO_BASE64(RANDOM_BYTES(16))), '+', '-'), '/', '_'), 'byskogen-skole', 'Byskogen skole', 'school', FALSE),
 (@lvk, REPLACE(REPLACE(TRIM(TRAILING '=' FROM TO_BASE64(RANDOM_BYTES(16))), '+', '-'), '/', '_'), 'helsestasjon-sentrum', 'Familiesenteret, helsestasjonen Larvik sentrum', 'health_clinic', FALSE),
 (@lvk, REPLACE(REPLACE(TRIM(TRAILING '=' FROM TO_BASE64(RANDOM_BYTES(16))), '+', '-'), '/', '_'), 'skolehelse', 'Skolehelsetjenesten', 'health_clinic', FALSE),
 (@lvk, REPLACE(REPLACE(TRIM(TRAILING '=' FROM TO_BASE64(RANDOM_BYTES(16))), '+', '-'), '/', '_'), 'ppt', 'PPT Larvik', 'ppt', FALSE),
 (@lvk, REPLACE(REPLACE(TRIM(TRAILING '=' FROM TO_BASE64(RANDOM_BYTES(16))), '+', '-'), '/', '_'), 'barnevern', 'Barneverntjenesten i Larvik', 'child_welfare', FALSE),
 (@lvk, REPLACE(REPLACE(TRIM(TRAILING '=' FROM TO_BASE64(RANDOM_BYTES(16))), '+', '-'), '/', '_'), 'nav', 'NAV Larvik', 'nav', FALSE),
 (@lvk, REPLACE(REPLACE(TRIM(TRAILING '=' FROM TO_BASE64(RANDOM_BYTES(16))), '+', '-'), '/', '_'), 'familietjenester', 'Barne- og familietjenester', 'family_service', FALSE),
 (@lvk, REPLACE(REPLACE(TRIM(TRAILING '=' FROM TO_BASE64(RANDOM_BYTES(16))), '+', '-'), '/', '_'), 'laeringssenter', 'Larvik læringssenter', 'learning_centre', FALSE),
 (@lvk, REPLACE(REPLACE(TRIM(TRAILING '=' FROM TO_BASE64(RANDOM_BYTES(16))), '+', '-'), '/', '_'), 'oppvekst', 'Larvik kommune, kommunalområde oppvekst', 'municipal', FALSE),
 (@lvk, REPLACE(REPLACE(TRIM(TRAILING '=' FROM TO_BASE64(RANDOM_BYTES(16))), '+', '-'), '/', '_'), 'bup-vestfold', 'BUP Vestfold (spesialisthelsetjenesten)', 'bup', TRUE),
 (@lvk, REPLACE(REPLACE(TRIM(TRAILING '=' FROM TO_BASE64(RANDOM_BYTES(16))), '+', '-'), '/', '_'), 'politiet-larvik', 'Politiet, Larvik', 'police', TRUE);

INSERT IGNORE INTO app_user (municipality_id, public_id, username, display_name, email, role, unit_id, lang)
SELECT u.municipality_id, REPLACE(REPLACE(TRIM(TRAILING '=' FROM TO_BASE64(RANDOM_BYTES(16))), '+', '-'), '/', '_'),
       v.username, v.display_name, v.email, v.role, u.id, 'nb'
FROM (
	SELECT 'ansatt' AS username, 'Ingrid Solberg' AS display_name,
	       'ansatt@example.invalid' AS email, 'employee' AS role, 'fagerli-bhg' AS unit
	UNION ALL SELECT 'leder', 'Per Hansen', 'leder@example.invalid', 'leader', 'fagerli-bhg'
	UNION ALL SELECT 'helsesykepleier', 'Nina Berg', 'helsesykepleier@example.invalid', 'employee', 'helsestasjon-sentrum'
	UNION ALL SELECT 'admin', 'Administrator, oppvekst', 'admin@example.invalid', 'admin', 'oppvekst'
) v JOIN unit u ON u.code = v.unit AND u.municipality_id = @lvk;

-- More people for the relay-log demo: a PPT adviser, a NAV counsellor,
-- and citizen accounts (guardians and a youth) who log in to the portal.
INSERT IGNORE INTO app_user (municipality_id, public_id, username, display_name, email, role, unit_id, lang)
SELECT u.municipality_id, REPLACE(REPLACE(TRIM(TRAILING '=' FROM TO_BASE64(RANDOM_BYTES(16))), '+', '-'), '/', '_'),
       v.username, v.display_name, v.email, v.role, u.id, 'nb'
FROM (
	SELECT 'ppt' AS username, 'Ola Nilsen' AS display_name,
	       'ppt@example.invalid' AS email, 'employee' AS role, 'ppt' AS unit
	UNION ALL SELECT 'nav', 'Siri Lund', 'nav@example.invalid', 'employee', 'nav'
	UNION ALL SELECT 'laerer', 'Jonas Eriksen', 'laerer@example.invalid', 'employee', 'fagerli-skole'
) v JOIN unit u ON u.code = v.unit AND u.municipality_id = @lvk;

-- (Citizens belong to no municipality: their rights are per child.)
INSERT IGNORE INTO app_user (municipality_id, public_id, username, display_name, email, role, unit_id, lang)
VALUES
 (NULL, REPLACE(REPLACE(TRIM(TRAILING '=' FROM TO_BASE64(RANDOM_BYTES(16))), '+', '-'), '/', '_'),
  'forelder', 'Line Hansen', 'forelder@example.invalid', 'citizen', NULL, 'nb'),
 (NULL, REPLACE(REPLACE(TRIM(TRAILING '=' FROM TO_BASE64(RANDOM_BYTES(16))), '+', '-'), '/', '_'),
  'ungdom', 'Mia Solheim', 'ungdom@example.invalid', 'citizen', NULL, 'nb');

-- A child with an open relay log at level 2: Sara (10), held by Ingrid
-- in the kindergarten, with a consent covering the health
-- clinic and PPT, a measure and a meeting. Made once: the log's
-- reference DEMO-0001 says it exists.
SET @exists = (SELECT COUNT(*) FROM relay_log WHERE reference = 'DEMO-0001');
INSERT INTO child (municipality_id, public_id, name, birth_date)
SELECT @lvk, REPLACE(REPLACE(TRIM(TRAILING '=' FROM TO_BASE64(RANDOM_BYTES(16))), '+', '-'), '/', '_'),
       'Sara Hansen', '2016-09-02' FROM DUAL WHERE @exists = 0;
SET @child = IF(@exists = 0, LAST_INSERT_ID(), (SELECT child_id FROM relay_log WHERE reference = 'DEMO-0001'));
SET @ansatt = (SELECT id FROM app_user WHERE username = 'ansatt');
SET @nurse = (SELECT id FROM app_user WHERE username = 'helsesykepleier');
SET @unit = (SELECT id FROM unit WHERE municipality_id = @lvk AND code = 'fagerli-bhg');
INSERT IGNORE INTO child_person (child_id, user_id, relation, parental_responsibility)
SELECT @child, id, 'guardian', TRUE FROM app_user WHERE username = 'forelder' AND @exists = 0;

INSERT INTO form_submission (public_id, form_id, form_version, instance, author_id)
SELECT REPLACE(REPLACE(TRIM(TRAILING '=' FROM TO_BASE64(RANDOM_BYTES(16))), '+', '-'), '/', '_'),
       'concern', 1, '<?xml version="1.0" encoding="UTF-8"?>
<concern><anonymous>false</anonymous><child><name>Sara Hansen</name><nin/><birthdate>2016-09-02</birthdate><age/></child><observation><seen>Sara har over flere uker hatt vondt i magen om morgenen og vil ikke bli levert. Hun leker mest alene.</seen><child_said>"Jeg vil være hjemme med mamma."</child_said><duration>weeks</duration><earlier>false</earlier><earlier_details/></observation><risk>environment</risk><protective>friend interest</protective><sharing><shared_with>colleague leader</shared_with><guardians_informed>yes</guardians_informed><guardians_not_informed_why/></sharing><care_situation>false</care_situation><urgent>false</urgent></concern>
', @ansatt FROM DUAL WHERE @exists = 0;
SET @sub = LAST_INSERT_ID();
INSERT INTO relay_log (public_id, reference, child_id, home_unit_id, level, level_since, holder_id)
SELECT REPLACE(REPLACE(TRIM(TRAILING '=' FROM TO_BASE64(RANDOM_BYTES(16))), '+', '-'), '/', '_'),
       'DEMO-0001', @child, @unit, 2, CURRENT_DATE - INTERVAL 10 DAY, @ansatt
FROM DUAL WHERE @exists = 0;
SET @log = (SELECT id FROM relay_log WHERE reference = 'DEMO-0001');
INSERT INTO concern (public_id, reference, unit_id, author_id, child_id, log_id, submission_id, anonymous, urgent, level, status, deadline, created_at)
SELECT REPLACE(REPLACE(TRIM(TRAILING '=' FROM TO_BASE64(RANDOM_BYTES(16))), '+', '-'), '/', '_'),
       'DEMO-0C01', @unit, @ansatt, @child, @log, @sub, FALSE, FALSE, 2, 'open',
       CURRENT_DATE + INTERVAL 4 DAY, NOW(6) - INTERVAL 20 DAY
FROM DUAL WHERE @exists = 0;
SET @concern = (SELECT id FROM concern WHERE reference = 'DEMO-0C01');
-- Every concern told its unit's leaders (long since delivered).
INSERT INTO outbox (public_id, kind, unit_id, concern_id, idempotency_key, status, created_at)
SELECT REPLACE(REPLACE(TRIM(TRAILING '=' FROM TO_BASE64(RANDOM_BYTES(16))), '+', '-'), '/', '_'),
       'concern.new', @unit, @concern,
       REPLACE(REPLACE(TRIM(TRAILING '=' FROM TO_BASE64(RANDOM_BYTES(32))), '+', '-'), '/', '_'),
       'delivered', NOW(6) - INTERVAL 20 DAY
FROM DUAL WHERE @exists = 0;
INSERT INTO log_participant (log_id, user_id, added_by)
SELECT @log, @nurse, @ansatt FROM DUAL WHERE @exists = 0;

INSERT INTO form_submission (public_id, form_id, form_version, instance, author_id)
SELECT REPLACE(REPLACE(TRIM(TRAILING '=' FROM TO_BASE64(RANDOM_BYTES(16))), '+', '-'), '/', '_'),
       'consent', 2, CONCAT('<?xml version="1.0" encoding="UTF-8"?>
<consent><child><name>Sara Hansen</name><birthdate>2016-09-02</birthdate></child><guardians><guardian><name>Line Hansen</name><relation>mother</relation><parental_responsibility>true</parental_responsibility></guardian></guardians><child_signs>false</child_signs><services>helsestasjon-sentrum ppt</services><persons><person><who/></person></persons><purpose>Barnehagen, helsestasjonen og PPT finner sammen med foreldrene ut hva som ligger bak magesmertene.</purpose><valid_from>', CURRENT_DATE - INTERVAL 9 DAY, '</valid_from><expires>', CURRENT_DATE + INTERVAL 180 DAY, '</expires><signing><method>digital</method><signed_by/><signed_date/></signing><withdrawal_informed>true</withdrawal_informed></consent>
'), @ansatt FROM DUAL WHERE @exists = 0;
SET @csub = LAST_INSERT_ID();
INSERT INTO consent (public_id, log_id, submission_id, method, purpose, valid_from, expires, created_by)
SELECT REPLACE(REPLACE(TRIM(TRAILING '=' FROM TO_BASE64(RANDOM_BYTES(16))), '+', '-'), '/', '_'),
       @log, @csub, 'digital', 'Barnehagen, helsestasjonen og PPT finner sammen med foreldrene ut hva som ligger bak magesmertene.',
       CURRENT_DATE - INTERVAL 9 DAY, CURRENT_DATE + INTERVAL 180 DAY, @ansatt
FROM DUAL WHERE @exists = 0;
SET @consent = LAST_INSERT_ID();
INSERT INTO consent_service (consent_id, service)
SELECT @consent, s.service FROM (SELECT 'health_clinic' AS service UNION ALL SELECT 'ppt') s
WHERE @exists = 0;
-- The consent names the services themselves (0014_consent_units.sql):
-- Familiesenteret's health clinic and PPT Larvik.
INSERT INTO consent_unit (consent_id, unit_id, named_only)
SELECT @consent, u.id, FALSE FROM unit u
WHERE u.municipality_id = @lvk AND u.code IN ('helsestasjon-sentrum', 'ppt') AND @exists = 0;

INSERT INTO measure (public_id, log_id, what, goal, responsible_id, start_date, eval_date, created_by)
SELECT REPLACE(REPLACE(TRIM(TRAILING '=' FROM TO_BASE64(RANDOM_BYTES(16))), '+', '-'), '/', '_'),
       @log, 'Fast voksen tar imot Sara hver morgen', 'Rolige morgener og levering uten gråt',
       @ansatt, CURRENT_DATE - INTERVAL 7 DAY, CURRENT_DATE + INTERVAL 21 DAY, @ansatt
FROM DUAL WHERE @exists = 0;
-- The family is invited through the log (0037_meeting_answer.sql): Line
-- Hansen (forelder) sees it on her start page and answers it; the nurse
-- has answered that she comes.
INSERT INTO meeting (public_id, log_id, starts_at, place, agenda, created_by, family_invited)
SELECT REPLACE(REPLACE(TRIM(TRAILING '=' FROM TO_BASE64(RANDOM_BYTES(16))), '+', '-'), '/', '_'),
       @log, CONCAT(CURRENT_DATE + INTERVAL 7 DAY, ' 09:00:00'), 'Fagerli barnehage, møterom 1',
       'Hvordan går morgenene? Evaluere tiltaket, avtale videre arbeid.', @ansatt, 1
FROM DUAL WHERE @exists = 0;
SET @meeting = LAST_INSERT_ID();
INSERT INTO meeting_invitee (meeting_id, user_id, family, answer, answered_at)
SELECT @meeting, u.id, u.username = 'forelder',
       IF(u.username = 'helsesykepleier', 'coming', NULL),
       IF(u.username = 'helsesykepleier', UTC_TIMESTAMP(), NULL)
FROM app_user u WHERE u.username IN ('ansatt', 'helsesykepleier', 'forelder') AND @exists = 0;

-- What seven families answered when their relay logs at Fagerli
-- barnehage closed in the last half-year that is over
-- (0038_family_feedback.sql): `leder` sees them counted at /feedback.
INSERT INTO family_feedback (public_id, unit_id, period, heard, early, knew_holder, together, helped, comment)
SELECT REPLACE(REPLACE(TRIM(TRAILING '=' FROM TO_BASE64(RANDOM_BYTES(16))), '+', '-'), '/', '_'),
       @unit, DATE_FORMAT(CURRENT_DATE - INTERVAL 6 MONTH, '%Y-%m'), a.heard, a.early, a.holder, a.together, a.helped, a.comment
FROM (SELECT 5 AS heard, 4 AS early, 5 AS holder, 4 AS together, 5 AS helped, 'Godt å ha én å forholde seg til.' AS comment
      UNION ALL SELECT 4, 2, 5, 3, 4, 'Det tok lang tid før noe skjedde.'
      UNION ALL SELECT 5, 4, 4, 4, 5, NULL
      UNION ALL SELECT 3, 3, 5, 2, 3, 'Skolen og barnehagen snakket ikke sammen.'
      UNION ALL SELECT 4, 4, 4, 5, 4, NULL
      UNION ALL SELECT 5, NULL, 5, 4, 5, 'Takk for at dere hørte på oss.'
      UNION ALL SELECT 2, 2, 3, NULL, 3, 'Vi trengte tolk i møtene.') a
WHERE @exists = 0;

-- The timeline as the application writes it (0025_event_message.sql):
-- each event a message id and its arguments, put into words in the
-- reader's language; what a person wrote stays as written, in bokmål
-- (lang="nb"); the summary is the English words.
SET @from = CURRENT_DATE - INTERVAL 9 DAY;
SET @until = CURRENT_DATE + INTERVAL 180 DAY;
SET @eval = CURRENT_DATE + INTERVAL 21 DAY;
INSERT INTO case_event (public_id, log_id, concern_id, at, actor_id, actor_role, kind, summary, msg, args,
	ref_type, ref_public_id)
SELECT REPLACE(REPLACE(TRIM(TRAILING '=' FROM TO_BASE64(RANDOM_BYTES(16))), '+', '-'), '/', '_'),
       @log, @concern, NOW(6) - INTERVAL e.ago DAY, @ansatt, e.role, e.kind, e.summary, e.msg, e.args,
       e.ref_type,
       CASE e.ref_type WHEN 'concern' THEN (SELECT public_id FROM concern WHERE id = @concern)
       WHEN 'consent' THEN (SELECT public_id FROM consent WHERE id = @consent)
       WHEN 'measure' THEN (SELECT MAX(public_id) FROM measure WHERE log_id = @log) END
FROM (
	SELECT 20 AS ago, 'employee' AS role, 'concern' AS kind, 'DEMO-0C01' AS summary,
	       '{0}' AS msg, '<args><a t="ref">DEMO-0C01</a></args>' AS args, 'concern' AS ref_type
	UNION ALL SELECT 10, 'employee', 'level',
	       'Relay log opened at level 2, held by Ingrid Solberg: foreldrene ønsker samarbeid med helsestasjonen og PPT',
	       'Relay log opened at level {0}, held by {1}: {2}',
	       '<args><a t="number">2</a><a t="name">Ingrid Solberg</a><a t="text" lang="nb">foreldrene ønsker samarbeid med helsestasjonen og PPT</a></args>',
	       NULL
	UNION ALL SELECT 9, 'holder', 'consent',
	       CONCAT('Consent recorded (digitally) for Familiesenteret, helsestasjonen Larvik sentrum and PPT Larvik, valid ',
	              @from, ' to ', @until,
	              '. Purpose: Barnehagen, helsestasjonen og PPT finner sammen med foreldrene ut hva som ligger bak magesmertene.'),
	       'Consent recorded ({0}) for {1}, valid {2} to {3}. Purpose: {4}',
	       CONCAT('<args><a t="code:consent_method">digital</a><a t="names"><i>Familiesenteret, helsestasjonen Larvik sentrum</i><i>PPT Larvik</i></a><a t="date">',
	              @from, '</a><a t="date">', @until,
	              '</a><a t="text" lang="nb">Barnehagen, helsestasjonen og PPT finner sammen med foreldrene ut hva som ligger bak magesmertene.</a></args>'),
	       'consent'
	UNION ALL SELECT 9, 'holder', 'participant', 'Nina Berg takes part',
	       '{0} takes part', '<args><a t="name">Nina Berg</a></args>', NULL
	UNION ALL SELECT 7, 'holder', 'measure',
	       CONCAT('New measure: Fast voksen tar imot Sara hver morgen (responsible: Ingrid Solberg, evaluation ', @eval, ')'),
	       'New measure: {0} (responsible: {1}, evaluation {2})',
	       CONCAT('<args><a t="text" lang="nb">Fast voksen tar imot Sara hver morgen</a><a t="name">Ingrid Solberg</a><a t="date">',
	              @eval, '</a></args>'),
	       'measure'
	UNION ALL SELECT 2, 'holder', 'bright_spot', 'Sara ble levert uten gråt tre dager på rad!',
	       '{0}', '<args><a t="text" lang="nb">Sara ble levert uten gråt tre dager på rad!</a></args>', NULL
) e WHERE @exists = 0;

-- A two-year consultation ("2 år, og i gang", 0019_consultation.sql):
-- Sara's little brother Emil at the two-year check, recorded by Ingrid
-- in the kindergarten with Nina from Familiesenteret's health clinic,
-- who took part and reads it, as does their mother. Made once.
SET @kexists = (SELECT COUNT(*) FROM consultation k JOIN child c ON c.id = k.child_id
	WHERE c.name = 'Emil Hansen');
INSERT INTO child (municipality_id, public_id, name, birth_date)
SELECT @lvk, REPLACE(REPLACE(TRIM(TRAILING '=' FROM TO_BASE64(RANDOM_BYTES(16))), '+', '-'), '/', '_'),
       'Emil Hansen', CURRENT_DATE - INTERVAL 2 YEAR - INTERVAL 1 MONTH FROM DUAL WHERE @kexists = 0;
SET @emil = IF(@kexists = 0, LAST_INSERT_ID(), (SELECT k.child_id FROM consultation k
	JOIN child c ON c.id = k.child_id WHERE c.name = 'Emil Hansen' LIMIT 1));
INSERT IGNORE INTO child_person (child_id, user_id, relation, parental_responsibility)
SELECT @emil, id, 'guardian', TRUE FROM app_user WHERE username = 'forelder' AND @kexists = 0;
INSERT INTO form_submission (public_id, form_id, form_version, instance, author_id)
SELECT REPLACE(REPLACE(TRIM(TRAILING '=' FROM TO_BASE64(RANDOM_BYTES(16))), '+', '-'), '/', '_'),
       'two-year', 2, CONCAT('<?xml version="1.0" encoding="UTF-8"?>
<two_year><date>', CURRENT_DATE - INTERVAL 5 DAY, '</date><child><name>Emil Hansen</name><nin/><birthdate>',
       CURRENT_DATE - INTERVAL 2 YEAR - INTERVAL 1 MONTH, '</birthdate></child><kindergarten>fagerli-bhg</kindergarten><health_clinic>helsestasjon-sentrum</health_clinic><participants>parents kindergarten health_clinic</participants><persons><person><who>',
       (SELECT public_id FROM app_user WHERE username = 'helsesykepleier'),
       '</who></person></persons><consent>true</consent><development><language>Sier mange enkeltord og setter to ord sammen. Forstår det meste hjemme og i barnehagen.</language><play_social>Leker godt ved siden av de andre, søker trøst hos fast voksen.</play_social><motor>Løper og klatrer stødig.</motor><sleep_eating>Sover godt, spiser det meste.</sleep_eating></development><parents_wonder>Om det er vanlig at han blir så sint når han ikke får det som han vil.</parents_wonder><child_enjoys>Biler, bøker og å være ute.</child_enjoys><follow_up>new_talk</follow_up><next_step>Ny samtale i barnehagen om trass og grensesetting om to måneder.</next_step><next_date>',
       CURRENT_DATE + INTERVAL 2 MONTH, '</next_date></two_year>
'), @ansatt FROM DUAL WHERE @kexists = 0;
SET @ksub = LAST_INSERT_ID();
INSERT INTO consultation (public_id, child_id, submission_id, author_id, unit_id, kindergarten_id,
	health_clinic_id, held_on)
SELECT REPLACE(REPLACE(TRIM(TRAILING '=' FROM TO_BASE64(RANDOM_BYTES(16))), '+', '-'), '/', '_'),
       @emil, @ksub, @ansatt, @unit, @unit, h.id, CURRENT_DATE - INTERVAL 5 DAY
FROM unit h WHERE h.municipality_id = @lvk AND h.code = 'helsestasjon-sentrum' AND @kexists = 0;
INSERT INTO consultation_person (consultation_id, user_id)
SELECT LAST_INSERT_ID(), @nurse FROM DUAL WHERE @kexists = 0;

-- Sara's responsible group (ansvarsgruppe, 0035_case_role.sql): Ingrid
-- and Nina from the health clinic meet the family regularly, as the log
-- page shows everyone who reads it. Made once: only while the log has no
-- roles.
SET @rexists = (SELECT COUNT(*) FROM case_role WHERE log_id = @log);
INSERT INTO case_role (log_id, user_id, role, appointed_by, appointed_at)
SELECT @log, u.id, 'group', @ansatt, NOW(6) - INTERVAL 8 DAY
FROM app_user u WHERE u.username IN ('ansatt', 'helsesykepleier') AND @rexists = 0;
INSERT INTO case_event (public_id, log_id, at, actor_id, actor_role, kind, summary, msg, args)
SELECT REPLACE(REPLACE(TRIM(TRAILING '=' FROM TO_BASE64(RANDOM_BYTES(16))), '+', '-'), '/', '_'),
       @log, NOW(6) - INTERVAL 8 DAY, @ansatt, 'holder', 'role',
       CONCAT(u.display_name, ' is appointed member of the responsible group'),
       '{0} is appointed {1}',
       CONCAT('<args><a t="name">', u.display_name, '</a><a t="code:case_role">group</a></args>')
FROM app_user u WHERE u.username IN ('ansatt', 'helsesykepleier') AND @rexists = 0;

-- Larvik's teams (0040_team.sql). The drøftingsteam at Fagerli
-- barnehage (004:770-775; 001:535, 001:606): the leader, the health
-- nurse and PPT, every third Tuesday; its next meeting has an anonymous
-- concern of Ingrid's on the agenda, and the last one gave its advice on
-- another. The red measure's team (Rødt tiltak, 001:380-382,
-- 002:106-107), with its capacity of ten families. Made once.
SET @texists = (SELECT COUNT(*) FROM team WHERE municipality_id = @lvk);
INSERT INTO team (public_id, municipality_id, kind, name, purpose, meets, capacity_families, host_unit_id)
SELECT REPLACE(REPLACE(TRIM(TRAILING '=' FROM TO_BASE64(RANDOM_BYTES(16))), '+', '-'), '/', '_'),
       @lvk, t.kind, t.name, t.purpose, t.meets, t.cap,
       (SELECT id FROM unit WHERE municipality_id = @lvk AND code = t.host)
FROM (SELECT 'discussion' AS kind, 'Drøftingsteam Fagerli barnehage' AS name,
	     'Det drøftes anonymt med utgangspunkt i de ansattes uro eller bekymring rundt et barns utvikling. Det gjøres en vurdering av veien videre sammen med barnehagen. Styrer, helsesykepleier og PPT.' AS purpose,
	     'Hver tredje tirsdag' AS meets, NULL AS cap, NULL AS host
      UNION ALL SELECT 'intake', 'Rødt tiltak – familieteamet',
	     'For familier med en opphopning av risikofaktorer. Barnehager og skoler henviser med foreldrenes samtykke; saken drøftes ukentlig med den som henviste.',
	     'Hver uke', 10, 'familietjenester') t
WHERE @texists = 0;
SET @dteam = (SELECT id FROM team WHERE municipality_id = @lvk AND name = 'Drøftingsteam Fagerli barnehage');
SET @rteam = (SELECT id FROM team WHERE municipality_id = @lvk AND name = 'Rødt tiltak – familieteamet');
INSERT INTO team_member (team_id, user_id, role)
SELECT IF(v.team = 'd', @dteam, @rteam), u.id, v.role
FROM (SELECT 'd' AS team, 'leder' AS username, 'leader' AS role
      UNION ALL SELECT 'd', 'helsesykepleier', 'member'
      UNION ALL SELECT 'd', 'ppt', 'member'
      UNION ALL SELECT 'r', 'nav', 'leader'
      UNION ALL SELECT 'r', 'ppt', 'member') v
JOIN app_user u ON u.username = v.username WHERE @texists = 0;
-- every third Tuesday: the next Tuesday after today, and three weeks
-- either side of it (DAYOFWEEK: Sunday 1, Tuesday 3)
SET @tuesday = CURRENT_DATE + INTERVAL (MOD(3 - DAYOFWEEK(CURRENT_DATE) + 6, 7) + 1) DAY;
INSERT INTO team_meeting (public_id, team_id, starts_at, place, created_by)
SELECT REPLACE(REPLACE(TRIM(TRAILING '=' FROM TO_BASE64(RANDOM_BYTES(16))), '+', '-'), '/', '_'),
       @dteam, CONCAT(@tuesday + INTERVAL m.days DAY, ' 13:00:00'), 'Fagerli barnehage, personalrommet',
       (SELECT id FROM app_user WHERE username = 'leder')
FROM (SELECT -21 AS days UNION ALL SELECT 0 UNION ALL SELECT 21) m WHERE @texists = 0;
SET @past = (SELECT id FROM team_meeting WHERE team_id = @dteam AND starts_at < CURRENT_DATE);
SET @next = (SELECT MIN(id) FROM team_meeting WHERE team_id = @dteam AND starts_at > CURRENT_DATE);
-- Two anonymous concerns of Ingrid's at level 0: one discussed at the
-- last meeting (the advice is in its timeline), one waiting for the next.
INSERT INTO form_submission (public_id, form_id, form_version, instance, author_id)
SELECT REPLACE(REPLACE(TRIM(TRAILING '=' FROM TO_BASE64(RANDOM_BYTES(16))), '+', '-'), '/', '_'),
       'concern', 1, '<?xml version="1.0" encoding="UTF-8"?>
<concern><anonymous>true</anonymous><child><name/><nin/><birthdate/><age>4</age></child><observation><seen>Gutten snakker lite og bruker få ord, også hjemme etter det foreldrene forteller. Han trekker seg unna når andre barn leker rollelek.</seen><child_said/><duration>months</duration><earlier>false</earlier><earlier_details/></observation><risk>development</risk><protective>friend</protective><sharing><shared_with>colleague</shared_with><guardians_informed>yes</guardians_informed><guardians_not_informed_why/></sharing><care_situation>false</care_situation><urgent>false</urgent></concern>
', @ansatt FROM DUAL WHERE @texists = 0;
INSERT INTO concern (public_id, reference, unit_id, author_id, child_id, submission_id, anonymous, urgent, level, status, deadline, created_at)
SELECT REPLACE(REPLACE(TRIM(TRAILING '=' FROM TO_BASE64(RANDOM_BYTES(16))), '+', '-'), '/', '_'),
       'DEMO-0C02', @unit, @ansatt, NULL, LAST_INSERT_ID(), TRUE, FALSE, 0, 'open',
       CURRENT_DATE + INTERVAL 9 DAY, NOW(6) - INTERVAL 5 DAY
FROM DUAL WHERE @texists = 0;
INSERT INTO form_submission (public_id, form_id, form_version, instance, author_id)
SELECT REPLACE(REPLACE(TRIM(TRAILING '=' FROM TO_BASE64(RANDOM_BYTES(16))), '+', '-'), '/', '_'),
       'concern', 1, '<?xml version="1.0" encoding="UTF-8"?>
<concern><anonymous>true</anonymous><child><name/><nin/><birthdate/><age>5</age></child><observation><seen>Jenta kommer ofte sliten og sulten, og har flere ganger vært uten matpakke de siste månedene.</seen><child_said/><duration>months</duration><earlier>false</earlier><earlier_details/></observation><risk>living_conditions</risk><protective>friend</protective><sharing><shared_with>colleague</shared_with><guardians_informed>yes</guardians_informed><guardians_not_informed_why/></sharing><care_situation>false</care_situation><urgent>false</urgent></concern>
', @ansatt FROM DUAL WHERE @texists = 0;
INSERT INTO concern (public_id, reference, unit_id, author_id, child_id, submission_id, anonymous, urgent, level, status, deadline, created_at)
SELECT REPLACE(REPLACE(TRIM(TRAILING '=' FROM TO_BASE64(RANDOM_BYTES(16))), '+', '-'), '/', '_'),
       'DEMO-0C03', @unit, @ansatt, NULL, LAST_INSERT_ID(), TRUE, FALSE, 0, 'open',
       CURRENT_DATE - INTERVAL 8 DAY, NOW(6) - INTERVAL 22 DAY
FROM DUAL WHERE @texists = 0;
-- as every concern, each told its unit's leaders (long since delivered)
INSERT INTO outbox (public_id, kind, unit_id, concern_id, idempotency_key, status, created_at)
SELECT REPLACE(REPLACE(TRIM(TRAILING '=' FROM TO_BASE64(RANDOM_BYTES(16))), '+', '-'), '/', '_'),
       'concern.new', @unit, c.id,
       REPLACE(REPLACE(TRIM(TRAILING '=' FROM TO_BASE64(RANDOM_BYTES(32))), '+', '-'), '/', '_'),
       'delivered', c.created_at
FROM concern c WHERE c.reference IN ('DEMO-0C02', 'DEMO-0C03') AND @texists = 0;
SET @waiting = (SELECT id FROM concern WHERE reference = 'DEMO-0C02');
SET @advised = (SELECT id FROM concern WHERE reference = 'DEMO-0C03');
INSERT INTO agenda_item (public_id, team_meeting_id, concern_id, put_by, put_at, status, advice, advised_by, advised_at)
SELECT REPLACE(REPLACE(TRIM(TRAILING '=' FROM TO_BASE64(RANDOM_BYTES(16))), '+', '-'), '/', '_'),
       i.meeting, i.concern, @ansatt, NOW(6) - INTERVAL i.ago DAY, i.status, i.advice,
       IF(i.advice IS NULL, NULL, @nurse), IF(i.advice IS NULL, NULL, @tuesday - INTERVAL 21 DAY + INTERVAL 14 HOUR)
FROM (SELECT @next AS meeting, @waiting AS concern, 4 AS ago, 'waiting' AS status, NULL AS advice
      UNION ALL SELECT @past, @advised, 21, 'discussed',
	     'Snakk med foreldrene om det dere ser, og tilby en samtale med helsesykepleier. Løft saken til nivå 1 hvis det ikke bedrer seg innen en måned.') i
WHERE @texists = 0;
INSERT INTO case_event (public_id, concern_id, at, actor_id, actor_role, kind, summary, msg, args)
SELECT REPLACE(REPLACE(TRIM(TRAILING '=' FROM TO_BASE64(RANDOM_BYTES(16))), '+', '-'), '/', '_'),
       e.concern, NOW(6) - INTERVAL e.ago DAY, e.actor, e.role, e.kind, e.summary, e.msg, e.args
FROM (SELECT @waiting AS concern, 5 AS ago, @ansatt AS actor, 'employee' AS role, 'concern' AS kind,
	     'DEMO-0C02' AS summary, '{0}' AS msg, '<args><a t="ref">DEMO-0C02</a></args>' AS args
      UNION ALL SELECT @advised, 22, @ansatt, 'employee', 'concern', 'DEMO-0C03', '{0}',
	     '<args><a t="ref">DEMO-0C03</a></args>'
      UNION ALL SELECT @advised, DATEDIFF(CURRENT_DATE, @tuesday - INTERVAL 21 DAY), @nurse, 'team', 'anonymous',
	     'Discussed anonymously in Drøftingsteam Fagerli barnehage',
	     'Discussed anonymously in {0}: {1}',
	     '<args><a t="name">Drøftingsteam Fagerli barnehage</a><a t="text" lang="nb">Snakk med foreldrene om det dere ser, og tilby en samtale med helsesykepleier. Løft saken til nivå 1 hvis det ikke bedrer seg innen en måned.</a></args>') e
WHERE @texists = 0;

-- The red measure's queue (0041_team_referral.sql, 0042_family.sql):
-- the team was full at ten families with 22 children (002:106-107). Here
-- 25 children's relay logs from Fagerli barnehage and Fagerli skole,
-- siblings linked as 13 families; each consent names Barne- og
-- familietjenester (the team's unit), PPT and NAV. Ten families with 22
-- children are in (the capacity is ten families); three wait in order,
-- with the reason for the order. `nav` leads the team, `ppt` is a
-- member; both take part in the logs of the families in. Made once.
SET @rexists = (SELECT COUNT(*) FROM team_referral WHERE team_id = @rteam);
SET @skole = (SELECT id FROM unit WHERE municipality_id = @lvk AND code = 'fagerli-skole');
SET @laerer = (SELECT id FROM app_user WHERE username = 'laerer');
SET @navu = (SELECT id FROM app_user WHERE username = 'nav');
SET @pptu = (SELECT id FROM app_user WHERE username = 'ppt');
INSERT INTO child (municipality_id, public_id, name, birth_date)
SELECT @lvk, REPLACE(REPLACE(TRIM(TRAILING '=' FROM TO_BASE64(RANDOM_BYTES(16))), '+', '-'), '/', '_'),
       CONCAT(ELT(q.seq, 'Emma', 'Noah', 'Ella', 'Jakob', 'Nora', 'Filip', 'Sofie', 'Lukas', 'Maja', 'Oskar', 'Ingrid', 'Aksel', 'Leah', 'Henrik', 'Selma', 'Tobias', 'Frida', 'Elias', 'Alma', 'Mathias', 'Tiril', 'Sander', 'Vilde', 'Isak', 'Hedda'), ' ', ELT(ELT(q.seq, 1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 11, 12, 13), 'Dahl', 'Lie', 'Moen', 'Holm', 'Ruud', 'Aas', 'Nygård', 'Strand', 'Berntsen', 'Vik', 'Haugen', 'Sæther', 'Brekke')),
       CURRENT_DATE - INTERVAL (2 + MOD(q.seq * 5, 11)) YEAR - INTERVAL q.seq * 23 DAY
FROM seq_1_to_25 q WHERE @rexists = 0;
-- a family's logs are its first child's unit's and holder's; the in
-- families referred months ago, the waiting ones weeks ago
INSERT INTO relay_log (public_id, reference, child_id, home_unit_id, level, level_since, holder_id, created_at)
SELECT REPLACE(REPLACE(TRIM(TRAILING '=' FROM TO_BASE64(RANDOM_BYTES(16))), '+', '-'), '/', '_'),
       CONCAT('DEMO-R', LPAD(q.seq, 3, '0')), c.id, IF(MOD(ELT(q.seq, 1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 11, 12, 13), 2) = 0, @skole, @unit), 3,
       CURRENT_DATE - INTERVAL IF(q.seq <= 22, 50 + ELT(q.seq, 1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 11, 12, 13) * 9, 10 + (25 - q.seq) * 10) DAY,
       IF(MOD(ELT(q.seq, 1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 11, 12, 13), 2) = 0, @laerer, @ansatt),
       NOW(6) - INTERVAL IF(q.seq <= 22, 60 + ELT(q.seq, 1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 11, 12, 13) * 9, 20 + (25 - q.seq) * 10) DAY
FROM seq_1_to_25 q JOIN child c ON c.municipality_id = @lvk AND c.name = CONCAT(ELT(q.seq, 'Emma', 'Noah', 'Ella', 'Jakob', 'Nora', 'Filip', 'Sofie', 'Lukas', 'Maja', 'Oskar', 'Ingrid', 'Aksel', 'Leah', 'Henrik', 'Selma', 'Tobias', 'Frida', 'Elias', 'Alma', 'Mathias', 'Tiril', 'Sander', 'Vilde', 'Isak', 'Hedda'), ' ', ELT(ELT(q.seq, 1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 11, 12, 13), 'Dahl', 'Lie', 'Moen', 'Holm', 'Ruud', 'Aas', 'Nygård', 'Strand', 'Berntsen', 'Vik', 'Haugen', 'Sæther', 'Brekke'))
WHERE @rexists = 0;
INSERT INTO family (public_id, municipality_id, created_by)
SELECT CONCAT('DemoFamilie', LPAD(q.seq, 11, '0')), @lvk, @ansatt
FROM seq_1_to_13 q WHERE @rexists = 0;
INSERT INTO family_log (log_id, family_id, added_by)
SELECT l.id, f.id, l.holder_id FROM seq_1_to_25 q
JOIN relay_log l ON l.reference = CONCAT('DEMO-R', LPAD(q.seq, 3, '0'))
JOIN family f ON f.public_id = CONCAT('DemoFamilie', LPAD(ELT(q.seq, 1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 11, 12, 13), 11, '0'))
WHERE @rexists = 0;
-- (named above only to be found; random from here, as every id)
UPDATE family SET public_id = REPLACE(REPLACE(TRIM(TRAILING '=' FROM TO_BASE64(RANDOM_BYTES(16))), '+', '-'), '/', '_')
WHERE public_id LIKE 'DemoFamilie%';
INSERT INTO form_submission (public_id, form_id, form_version, instance, author_id)
SELECT REPLACE(REPLACE(TRIM(TRAILING '=' FROM TO_BASE64(RANDOM_BYTES(16))), '+', '-'), '/', '_'),
       'consent', 2, CONCAT('<?xml version="1.0" encoding="UTF-8"?>
<consent><child><name>', c.name, '</name><birthdate>', c.birth_date, '</birthdate></child><guardians><guardian><name>Foresatt til ', c.name, '</name><relation>mother</relation><parental_responsibility>true</parental_responsibility></guardian></guardians><child_signs>false</child_signs><services>familietjenester ppt nav</services><persons><person><who/></person></persons><purpose>Familien får hjelp fra Rødt tiltak, med PPT og NAV.</purpose><valid_from>', DATE(l.created_at), '</valid_from><expires>', CURRENT_DATE + INTERVAL 300 DAY, '</expires><signing><method>paper</method><signed_by/><signed_date/></signing><withdrawal_informed>true</withdrawal_informed></consent>
'), l.holder_id
FROM relay_log l JOIN child c ON c.id = l.child_id
WHERE l.reference LIKE 'DEMO-R%' AND @rexists = 0;
INSERT INTO consent (public_id, log_id, submission_id, method, purpose, valid_from, expires, created_by)
SELECT REPLACE(REPLACE(TRIM(TRAILING '=' FROM TO_BASE64(RANDOM_BYTES(16))), '+', '-'), '/', '_'),
       l.id, s.id, 'paper', 'Familien får hjelp fra Rødt tiltak, med PPT og NAV.',
       DATE(l.created_at), CURRENT_DATE + INTERVAL 300 DAY, l.holder_id
FROM relay_log l JOIN child c ON c.id = l.child_id
JOIN form_submission s ON s.form_id = 'consent' AND s.instance LIKE CONCAT('%<child><name>', c.name, '</name>%')
WHERE l.reference LIKE 'DEMO-R%' AND @rexists = 0;
INSERT INTO consent_unit (consent_id, unit_id, named_only)
SELECT cv.id, u.id, FALSE FROM consent cv JOIN relay_log l ON l.id = cv.log_id
JOIN unit u ON u.municipality_id = @lvk AND u.code IN ('familietjenester', 'ppt', 'nav')
WHERE l.reference LIKE 'DEMO-R%' AND @rexists = 0;
INSERT INTO consent_service (consent_id, service)
SELECT cv.id, k.service FROM consent cv JOIN relay_log l ON l.id = cv.log_id
JOIN (SELECT 'family_service' AS service UNION ALL SELECT 'ppt' UNION ALL SELECT 'nav') k
WHERE l.reference LIKE 'DEMO-R%' AND @rexists = 0;
-- each child's log referred (a week in, when in); 1-22 in, 23-25 waiting
INSERT INTO team_referral (public_id, team_id, log_id, reason, referred_by, referred_at, status,
	priority, priority_reason, decided_by, decided_at, started_at)
SELECT REPLACE(REPLACE(TRIM(TRAILING '=' FROM TO_BASE64(RANDOM_BYTES(16))), '+', '-'), '/', '_'),
       @rteam, l.id,
       'Flere risikofaktorer samtidig: trangboddhet, foreldre uten arbeid og barnet strever i barnehagen eller på skolen. Tiltak i egen enhet har ikke vært nok.',
       l.holder_id, l.created_at + INTERVAL 5 DAY,
       IF(q.seq <= 22, 'in', 'waiting'),
       IF(q.seq <= 22, NULL, q.seq - 22),
       IF(q.seq <= 22, NULL, ELT(q.seq - 22,
	   'Har ventet lengst; søsken i samme barnehage som en familie i teamet.',
	   'Akutt boligsituasjon, men NAV følger opp i mellomtiden.',
	   'Henvist sist; skolen har tett oppfølging i mellomtiden.')),
       @navu, l.created_at + INTERVAL 12 DAY,
       IF(q.seq <= 22, l.created_at + INTERVAL 12 DAY, NULL)
FROM seq_1_to_25 q JOIN relay_log l ON l.reference = CONCAT('DEMO-R', LPAD(q.seq, 3, '0'))
WHERE @rexists = 0;
INSERT INTO log_participant (log_id, user_id, added_by, added_at)
SELECT r.log_id, u.id, @navu, r.started_at FROM team_referral r
JOIN app_user u ON u.id IN (@navu, @pptu)
WHERE r.team_id = @rteam AND r.status = 'in' AND @rexists = 0;
INSERT INTO referral_participant (referral_id, user_id)
SELECT r.id, u.id FROM team_referral r JOIN app_user u ON u.id IN (@navu, @pptu)
WHERE r.team_id = @rteam AND r.status = 'in' AND @rexists = 0;
-- the weekly discussion with the one who referred, the last two weeks
INSERT INTO team_discussion (public_id, referral_id, held_on, with_referrer, summary, recorded_by, recorded_at)
SELECT REPLACE(REPLACE(TRIM(TRAILING '=' FROM TO_BASE64(RANDOM_BYTES(16))), '+', '-'), '/', '_'),
       r.id, CURRENT_DATE - INTERVAL w.ago DAY, w.ago = 7,
       IF(w.ago = 7, 'Gjennomgang med henviser: morgenrutinene er bedre, NAV har avtale om bolig. Fortsetter som avtalt.',
	  'Status: familien møter til avtalene. PPT observerer i barnehagen/skolen neste uke.'),
       @navu, NOW(6) - INTERVAL w.ago DAY
FROM team_referral r JOIN (SELECT 7 AS ago UNION ALL SELECT 14) w
WHERE r.team_id = @rteam AND r.status = 'in' AND @rexists = 0;
INSERT INTO case_event (public_id, log_id, at, actor_id, actor_role, kind, summary, msg, args)
SELECT REPLACE(REPLACE(TRIM(TRAILING '=' FROM TO_BASE64(RANDOM_BYTES(16))), '+', '-'), '/', '_'),
       r.log_id, r.referred_at, r.referred_by, 'holder', 'team',
       'Referred to Rødt tiltak – familieteamet', 'Referred to {0}: {1}',
       CONCAT('<args><a t="name">Rødt tiltak – familieteamet</a><a t="text" lang="nb">', r.reason, '</a></args>')
FROM team_referral r WHERE r.team_id = @rteam AND @rexists = 0;

-- A second municipality on the same installation (issue 19): Sandefjord,
-- with a kindergarten, its leader and its administrator. Nothing of
-- Larvik's is theirs, and nothing of theirs is Larvik's; the FACT team
-- for young people (FACT ung), hosted by Larvik, serves both, as
-- inter-municipal teams do in the seeds (004: FACT across three
-- municipalities): shared explicitly by unit_served, its counsellor can
-- be named in either's cases. Made once; safe to run again.
INSERT IGNORE INTO municipality (number, name) VALUES ('3907', 'Sandefjord kommune');
SET @sfj = (SELECT id FROM municipality WHERE number = '3907');
INSERT IGNORE INTO guide_step (municipality_id, public_id, level, position, title_nb,
	title_en, form_id, deadline_days)
SELECT @sfj, REPLACE(REPLACE(TRIM(TRAILING '=' FROM TO_BASE64(RANDOM_BYTES(16))), '+', '-'), '/', '_'),
       g.level, g.position, g.title_nb, g.title_en, g.form_id, g.deadline_days
FROM guide_step g WHERE g.municipality_id = @lvk
	AND NOT EXISTS (SELECT 1 FROM guide_step x WHERE x.municipality_id = @sfj);
INSERT IGNORE INTO unit (municipality_id, public_id, code, name, kind, external) VALUES
 (@sfj, REPLACE(REPLACE(TRIM(TRAILING '=' FROM TO_BASE64(RANDOM_BYTES(16))), '+', '-'), '/', '_'), 'sfj-bugarden-bhg', 'Bugården barnehage', 'kindergarten', FALSE),
 (@sfj, REPLACE(REPLACE(TRIM(TRAILING '=' FROM TO_BASE64(RANDOM_BYTES(16))), '+', '-'), '/', '_'), 'sfj-oppvekst', 'Sandefjord kommune, oppvekst', 'municipal', FALSE),
 (@lvk, REPLACE(REPLACE(TRIM(TRAILING '=' FROM TO_BASE64(RANDOM_BYTES(16))), '+', '-'), '/', '_'), 'fact-ung', 'FACT ung Vestfold (interkommunalt)', 'other', FALSE);
INSERT IGNORE INTO unit_served (unit_id, municipality_id)
SELECT id, @sfj FROM unit WHERE municipality_id = @lvk AND code = 'fact-ung';
INSERT IGNORE INTO app_user (municipality_id, public_id, username, display_name, email, role, unit_id, lang)
SELECT u.municipality_id, REPLACE(REPLACE(TRIM(TRAILING '=' FROM TO_BASE64(RANDOM_BYTES(16))), '+', '-'), '/', '_'),
       v.username, v.display_name, v.email, v.role, u.id, 'nb'
FROM (
	SELECT 'sfj.ansatt' AS username, 'Kari Nordby' AS display_name,
	       'sfj.ansatt@example.invalid' AS email, 'employee' AS role, 'sfj-bugarden-bhg' AS unit
	UNION ALL SELECT 'sfj.leder', 'Tor Aas', 'sfj.leder@example.invalid', 'leader', 'sfj-bugarden-bhg'
	UNION ALL SELECT 'sfj.admin', 'Administrator, Sandefjord', 'sfj.admin@example.invalid', 'admin', 'sfj-oppvekst'
	UNION ALL SELECT 'fact', 'Eva Strand', 'fact@example.invalid', 'employee', 'fact-ung'
) v JOIN unit u ON u.code = v.unit;
