-- log500.sql: the relay log bench/log500 reads: BNCH-0500, a level-3
-- case two years old held by ansatt (demo.sql's Ingrid Solberg), with
-- exactly 500 timeline events and what such a case carries beside them:
-- three active participants and one who left, three consents (active,
-- withdrawn, expired), six measures, five meetings with invitees, five
-- minutes (four final, a draft), eight notices to partners and a refused
-- handover. Run after sql/seed/demo.sql; made once (the reference says
-- it exists). Nothing here is left for `stafett notify` to act on (the
-- expired consent and the overdue measure are already handled, the
-- notices delivered), so the timeline stays at 500 events while the
-- benchmark runs.

SET @exists = (SELECT COUNT(*) FROM relay_log WHERE reference = 'BNCH-0500');
SET @holder = (SELECT id FROM app_user WHERE username = 'ansatt');
SET @nurse = (SELECT id FROM app_user WHERE username = 'helsesykepleier');
SET @ppt = (SELECT id FROM app_user WHERE username = 'ppt');
SET @teacher = (SELECT id FROM app_user WHERE username = 'laerer');
SET @nav = (SELECT id FROM app_user WHERE username = 'nav');
SET @leader = (SELECT id FROM app_user WHERE username = 'leder');
SET @parent = (SELECT id FROM app_user WHERE username = 'forelder');
SET @unit = (SELECT id FROM unit WHERE code = 'fagerli-bhg');

INSERT INTO child (public_id, name, birth_date)
SELECT REPLACE(REPLACE(TRIM(TRAILING '=' FROM TO_BASE64(RANDOM_BYTES(16))), '+', '-'), '/', '_'),
       'Emil Larsen', '2013-04-17' FROM DUAL WHERE @exists = 0;
SET @child = IF(@exists = 0, LAST_INSERT_ID(), (SELECT child_id FROM relay_log WHERE reference = 'BNCH-0500'));
INSERT IGNORE INTO child_person (child_id, user_id, relation, parental_responsibility)
SELECT @child, @parent, 'guardian', TRUE FROM DUAL WHERE @exists = 0;

INSERT INTO relay_log (public_id, reference, child_id, home_unit_id, level, level_since, holder_id, created_at)
SELECT REPLACE(REPLACE(TRIM(TRAILING '=' FROM TO_BASE64(RANDOM_BYTES(16))), '+', '-'), '/', '_'),
       'BNCH-0500', @child, @unit, 3, CURRENT_DATE - INTERVAL 120 DAY, @holder,
       NOW(6) - INTERVAL 730 DAY
FROM DUAL WHERE @exists = 0;
SET @log = (SELECT id FROM relay_log WHERE reference = 'BNCH-0500');

-- Participants: the health nurse, PPT and the school take part; NAV did
-- until its consent was withdrawn.
INSERT INTO log_participant (log_id, user_id, added_by, added_at, removed_at, removed_reason)
SELECT @log, p.user_id, @holder, NOW(6) - INTERVAL p.since DAY,
       IF(p.gone IS NULL, NULL, NOW(6) - INTERVAL p.gone DAY), p.why
FROM (
	SELECT @nurse AS user_id, 700 AS since, NULL AS gone, NULL AS why
	UNION ALL SELECT @ppt, 650, NULL, NULL
	UNION ALL SELECT @teacher, 300, NULL, NULL
	UNION ALL SELECT @nav, 400, 200, 'Samtykket for NAV ble trukket tilbake.'
) p WHERE @exists = 0;

-- Consents: each is a stored consent form; the current one covers the
-- three services taking part.
INSERT INTO form_submission (public_id, form_id, form_version, instance, author_id, created_at)
SELECT REPLACE(REPLACE(TRIM(TRAILING '=' FROM TO_BASE64(RANDOM_BYTES(16))), '+', '-'), '/', '_'),
       'consent', 1, CONCAT('<?xml version="1.0" encoding="UTF-8"?>
<consent><child><name>Emil Larsen</name><birthdate>2013-04-17</birthdate></child><guardians><guardian><name>Line Hansen</name><relation>mother</relation><parental_responsibility>true</parental_responsibility></guardian></guardians><child_signs>false</child_signs><services>', c.services, '</services><persons><person><name/><service/></person></persons><purpose>', c.purpose, '</purpose><valid_from>', CURRENT_DATE - INTERVAL c.from_ago DAY, '</valid_from><expires>', CURRENT_DATE + INTERVAL c.expires_in DAY, '</expires><signing><method>digital</method><signed_by/><signed_date/></signing><withdrawal_informed>true</withdrawal_informed></consent>
'), @holder, NOW(6) - INTERVAL c.from_ago DAY
FROM (
	SELECT 1 AS k, 'health_clinic' AS services, 720 AS from_ago, -370 AS expires_in,
	       'Barnehagen og helsestasjonen ser sammen på Emils søvn og matsituasjon.' AS purpose
	UNION ALL SELECT 2, 'nav', 420, 300,
	       'NAV bistår familien med bolig og økonomi mens tiltakene pågår.'
	UNION ALL SELECT 3, 'health_clinic ppt school', 360, 5,
	       'Skolen, helsestasjonen og PPT samarbeider med foreldrene om Emils skolestart, konsentrasjon og trivsel.'
) c WHERE @exists = 0 ORDER BY c.k;
INSERT INTO consent (public_id, log_id, submission_id, method, purpose, valid_from, expires, status,
		     expiry_handled, created_by, created_at, withdrawn_at, withdrawn_by)
SELECT REPLACE(REPLACE(TRIM(TRAILING '=' FROM TO_BASE64(RANDOM_BYTES(16))), '+', '-'), '/', '_'),
       @log, s.id, 'digital',
       EXTRACTVALUE(s.instance, '/consent/purpose'),
       EXTRACTVALUE(s.instance, '/consent/valid_from'),
       EXTRACTVALUE(s.instance, '/consent/expires'),
       IF(EXTRACTVALUE(s.instance, '/consent/services') = 'nav', 'withdrawn', 'active'),
       EXTRACTVALUE(s.instance, '/consent/expires') < CURRENT_DATE,
       @holder, s.created_at,
       IF(EXTRACTVALUE(s.instance, '/consent/services') = 'nav', NOW(6) - INTERVAL 200 DAY, NULL),
       IF(EXTRACTVALUE(s.instance, '/consent/services') = 'nav', @parent, NULL)
FROM form_submission s
WHERE @exists = 0 AND s.form_id = 'consent' AND s.author_id = @holder
  AND s.instance LIKE '%<name>Emil Larsen</name>%'
ORDER BY s.id;
INSERT INTO consent_service (consent_id, service)
SELECT c.id, s.service
FROM consent c JOIN form_submission f ON f.id = c.submission_id
JOIN (
	SELECT 'health_clinic' AS service UNION ALL SELECT 'ppt'
	UNION ALL SELECT 'school' UNION ALL SELECT 'nav'
) s ON FIND_IN_SET(s.service, REPLACE(EXTRACTVALUE(f.instance, '/consent/services'), ' ', ','))
WHERE c.log_id = @log AND @exists = 0;
-- Consents of the first form's version name kinds; they cover every unit
-- of those kinds, as 0014_consent_units.sql gives the ones recorded then.
INSERT IGNORE INTO consent_unit (consent_id, unit_id, named_only)
SELECT cs.consent_id, u.id, FALSE
FROM consent_service cs JOIN consent c ON c.id = cs.consent_id
JOIN unit u ON u.kind = cs.service
WHERE c.log_id = @log AND @exists = 0;

-- Meetings, four held and one ahead, each with the holder and the
-- participants of the time invited.
INSERT INTO meeting (public_id, log_id, starts_at, place, agenda, created_by, created_at)
SELECT REPLACE(REPLACE(TRIM(TRAILING '=' FROM TO_BASE64(RANDOM_BYTES(16))), '+', '-'), '/', '_'),
       @log, CONCAT(CURRENT_DATE + INTERVAL m.days DAY, ' ', m.at), m.place, m.agenda, @holder,
       NOW(6) + INTERVAL m.days DAY - INTERVAL 14 DAY
FROM (
	SELECT -600 AS days, '09:00:00' AS at, 'Fagerli barnehage, møterom 1' AS place,
	       'Oppstart: hva ser vi, hva ønsker foreldrene, hvem gjør hva.' AS agenda
	UNION ALL SELECT -420, '13:30:00', 'Familiesenteret, Larvik',
	       'Evaluering av søvn- og mattiltakene; samtykke for NAV.'
	UNION ALL SELECT -250, '10:00:00', 'Fagerli skole, rom 204',
	       'Overgang barnehage-skole: tilrettelegging, PPT-vurdering, SFO.'
	UNION ALL SELECT -60, '08:30:00', 'Fagerli skole, rom 204',
	       'Beslutningsmøte nivå 3: henvisning til BUP, individuell plan, barnekoordinator.'
	UNION ALL SELECT 10, '09:00:00', 'Fagerli skole, møterommet',
	       'Evaluering av tiltakene etter jul; videre plan for våren.'
) m WHERE @exists = 0 ORDER BY m.days;
INSERT INTO meeting_invitee (meeting_id, user_id)
SELECT m.id, u.id FROM meeting m JOIN app_user u
  ON u.id IN (@holder, @nurse, @ppt) OR (u.id = @teacher AND m.starts_at > NOW() - INTERVAL 300 DAY)
WHERE m.log_id = @log AND @exists = 0;

-- Minutes: final ones for the four meetings held, and the holder's
-- draft of a correction to the latest of them.
INSERT INTO form_submission (public_id, form_id, form_version, instance, author_id, created_at)
SELECT REPLACE(REPLACE(TRIM(TRAILING '=' FROM TO_BASE64(RANDOM_BYTES(16))), '+', '-'), '/', '_'),
       'minutes', 1, CONCAT('<?xml version="1.0" encoding="UTF-8"?>
<minutes><meeting><date>', DATE(m.starts_at), '</date><place>', m.place, '</place></meeting><present>Ingrid Solberg, Nina Berg, Ola Nilsen, foreldrene</present><summary>', m.agenda, ' Foreldrene forteller at hverdagen går bedre, men at kveldene fortsatt er krevende.</summary><decisions>Tiltakene videreføres; ny evaluering avtalt.</decisions></minutes>
'), @holder, m.starts_at + INTERVAL 1 DAY
FROM meeting m WHERE m.log_id = @log AND m.starts_at < NOW() AND @exists = 0
ORDER BY m.starts_at;
INSERT INTO minutes (public_id, log_id, meeting_id, submission_id, status, author_id, created_at, finalised_at)
SELECT REPLACE(REPLACE(TRIM(TRAILING '=' FROM TO_BASE64(RANDOM_BYTES(16))), '+', '-'), '/', '_'),
       @log, m.id, s.id, 'final', @holder, s.created_at, s.created_at + INTERVAL 2 DAY
FROM meeting m JOIN form_submission s ON s.form_id = 'minutes' AND s.author_id = @holder
  AND s.instance LIKE CONCAT('%<date>', DATE(m.starts_at), '</date>%')
WHERE m.log_id = @log AND m.starts_at < NOW() AND @exists = 0
ORDER BY m.starts_at;
INSERT INTO minutes (public_id, log_id, meeting_id, submission_id, status, corrects_id, author_id, created_at)
SELECT REPLACE(REPLACE(TRIM(TRAILING '=' FROM TO_BASE64(RANDOM_BYTES(16))), '+', '-'), '/', '_'),
       @log, mi.meeting_id, mi.submission_id, 'draft', mi.id, @holder, NOW(6) - INTERVAL 3 DAY
FROM minutes mi WHERE mi.log_id = @log AND @exists = 0
ORDER BY mi.created_at DESC LIMIT 1;

-- Measures: four active (one with its evaluation overdue, already
-- flagged), two evaluated.
INSERT INTO measure (public_id, log_id, what, goal, responsible_id, start_date, eval_date, status, result,
		     eval_flagged, created_by, created_at)
SELECT REPLACE(REPLACE(TRIM(TRAILING '=' FROM TO_BASE64(RANDOM_BYTES(16))), '+', '-'), '/', '_'),
       @log, m.what, m.goal, m.resp, CURRENT_DATE - INTERVAL m.start_ago DAY,
       CURRENT_DATE + INTERVAL m.eval_in DAY, m.status, m.result, m.eval_in < 0, @holder,
       NOW(6) - INTERVAL m.start_ago DAY
FROM (
	SELECT 'Fast voksen tar imot Emil hver morgen' AS what,
	       'Rolige morgener og levering uten konflikt' AS goal, @holder AS resp,
	       690 AS start_ago, -500 AS eval_in, 'evaluated' AS status, 'worked' AS result
	UNION ALL SELECT 'Helsesamtaler med foreldrene om søvn og måltider',
	       'Emil sover minst ni timer og spiser frokost', @nurse, 680, -400, 'evaluated', 'partly'
	UNION ALL SELECT 'PPT observerer og kartlegger i klassen',
	       'En sakkyndig vurdering som skolen kan bygge tilretteleggingen på', @ppt, 240, -10, 'active', NULL
	UNION ALL SELECT 'Tilrettelagt lesing i liten gruppe tre ganger i uka',
	       'Emil leser på nivå med klassen innen sommeren', @teacher, 200, 30, 'active', NULL
	UNION ALL SELECT 'Veiledning til foreldrene (De utrolige årene)',
	       'Foreldrene opplever færre konflikter ved legging', @nurse, 150, 45, 'active', NULL
	UNION ALL SELECT 'Henvisning til BUP og oppfølging av ventetiden',
	       'Utredning startet og familien vet hva som skjer', @holder, 55, 60, 'active', NULL
) m WHERE @exists = 0;

-- A handover the intended new holder refused.
INSERT INTO form_submission (public_id, form_id, form_version, instance, author_id, created_at)
SELECT REPLACE(REPLACE(TRIM(TRAILING '=' FROM TO_BASE64(RANDOM_BYTES(16))), '+', '-'), '/', '_'),
       'handover', 1, '<?xml version="1.0" encoding="UTF-8"?>
<handover><reason>Emil har begynt på skolen; skolen bør holde stafettloggen.</reason></handover>
', @holder, NOW(6) - INTERVAL 230 DAY FROM DUAL WHERE @exists = 0;
INSERT INTO handover (public_id, log_id, from_id, to_id, requested_by, submission_id, reason, status, answer,
		      created_at, decided_at)
SELECT REPLACE(REPLACE(TRIM(TRAILING '=' FROM TO_BASE64(RANDOM_BYTES(16))), '+', '-'), '/', '_'),
       @log, @holder, @teacher, @holder, LAST_INSERT_ID(),
       'Emil har begynt på skolen; skolen bør holde stafettloggen.', 'refused',
       'Barnehagen kjenner familien best; vi tar det opp igjen til høsten.',
       NOW(6) - INTERVAL 230 DAY, NOW(6) - INTERVAL 228 DAY
FROM DUAL WHERE @exists = 0;

-- Notices to the partners, all delivered.
INSERT INTO outbox (public_id, kind, user_id, service, log_id, idempotency_key, status, attempts, created_at)
SELECT REPLACE(REPLACE(TRIM(TRAILING '=' FROM TO_BASE64(RANDOM_BYTES(16))), '+', '-'), '/', '_'),
       o.kind, o.user_id, o.service, @log,
       REPLACE(REPLACE(TRIM(TRAILING '=' FROM TO_BASE64(RANDOM_BYTES(32))), '+', '-'), '/', '_'),
       'delivered', 1, NOW(6) - INTERVAL o.ago DAY
FROM (
	SELECT 'log.participant' AS kind, @nurse AS user_id, 'health_clinic' AS service, 700 AS ago
	UNION ALL SELECT 'log.participant', @ppt, 'ppt', 650
	UNION ALL SELECT 'meeting.invite', @nurse, 'health_clinic', 614
	UNION ALL SELECT 'log.participant', @nav, 'nav', 400
	UNION ALL SELECT 'log.participant', @teacher, 'school', 300
	UNION ALL SELECT 'measure.new', @ppt, 'ppt', 240
	UNION ALL SELECT 'measure.new', @teacher, 'school', 200
	UNION ALL SELECT 'meeting.invite', @teacher, 'school', 74
) o WHERE @exists = 0;

-- The timeline: exactly 500 events over the two years, oldest first,
-- by the holder and the participants in turn, of the kinds a case
-- gathers (notes most of all), with summaries from a line to half a
-- page; events about a measure, meeting or minutes link to one.
INSERT INTO case_event (public_id, log_id, at, actor_id, actor_role, kind, summary, ref_type, ref_public_id)
WITH RECURSIVE seq (n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM seq WHERE n < 500),
ev AS (
	SELECT n,
	       ELT(n % 20 + 1, 'note', 'note', 'note', 'note', 'note', 'note', 'note',
		   'note', 'note', 'bright_spot', 'bright_spot', 'measure', 'evaluation',
		   'meeting', 'minutes', 'participant', 'consent', 'level', 'decision',
		   'note') AS kind,
	       ELT(n % 4 + 1, @holder, @nurse, @ppt, @teacher) AS actor
	FROM seq
),
meas AS (SELECT public_id, ROW_NUMBER() OVER (ORDER BY id) - 1 AS k FROM measure WHERE log_id = @log),
meet AS (SELECT public_id, ROW_NUMBER() OVER (ORDER BY id) - 1 AS k FROM meeting WHERE log_id = @log),
mins AS (SELECT public_id, ROW_NUMBER() OVER (ORDER BY id) - 1 AS k FROM minutes WHERE log_id = @log)
SELECT REPLACE(REPLACE(TRIM(TRAILING '=' FROM TO_BASE64(RANDOM_BYTES(16))), '+', '-'), '/', '_'),
       @log,
       NOW(6) - INTERVAL (500 - ev.n) * 35 HOUR - INTERVAL (ev.n * 37) % 600 MINUTE,
       ev.actor, IF(ev.actor = @holder, 'holder', 'participant'), ev.kind,
       CONCAT(ELT(ev.n % 10 + 1,
	'Samtale med mor i hentesituasjonen. Hun forteller at Emil har sovet dårlig hele uka.',
	'Emil var urolig i samlingsstunden og gikk ut av rommet to ganger. Han roet seg da en voksen satte seg ved siden av ham med en bok.',
	'Telefon fra far: familien har fått tilbud om ny bolig fra mars. Han er bekymret for at flyttingen blir en ny overgang for Emil, og ønsker at skolen og helsestasjonen vet om det. Vi avtalte at jeg tar det opp på neste møte og at han gir beskjed når datoen er klar.',
	'Observasjon i klassen (PPT): Emil holder konsentrasjonen i omtrent ti minutter om gangen, lenger når oppgaven er praktisk. Han søker ofte blikkontakt med læreren før han begynner, og ber om hjelp med ord han ikke kan lese. I friminuttet leker han med to faste venner og tar del i regelleker uten konflikter. Anbefaler at lesetreningen skjer i liten gruppe og at oppgavene deles opp.',
	'Oppsummering etter fire uker med tilrettelagt lesing: Emil møter til alle øktene og sier selv at det er «litt gøy». Han har gått fra å lese enkeltord til korte setninger med støtte. Læreren merker at han er mindre urolig i norsktimene de dagene han har hatt gruppen. Foreldrene leser med ham hjemme tre kvelder i uka og fører en enkel logg. Utfordringer: han blir fort sliten etter lunsj, og vikardager er vanskelige. Forslag: behold gruppen ut skoleåret, evaluer på møtet i juni, og snakk med SFO om en rolig aktivitet etter skoletid. Helsesykepleier følger opp søvnen på neste helsesamtale.',
	'Helsesamtale med Emil og mor. Vekt og høyde følger kurven. Emil forteller at han liker gym og å tegne. Mor ønsker tips om leggetider.',
	'Emil viste stolt fram tegningen sin for hele gruppen i dag.',
	'Møte med SFO-leder om ettermiddagene: Emil trenger en rolig krok etter skoletid og faste voksne. SFO har plass i leseklubben på tirsdager og torsdager, og de gir beskjed til foreldrene ved henting om hvordan dagen har vært.',
	'Mor ringte: Emil har vondt i magen om morgenen igjen og vil ikke gå på skolen. Det var en vanskelig helg hjemme etter besøk hos far. Vi ble enige om at læreren tar imot ham i døra de neste dagene, at helsesykepleier får beskjed, og at mor ringer skolen hvis han blir hjemme. Jeg noterer at dette er tredje gang i høst og tar det med i evalueringen.',
	'Emil og klassen hadde tur til skogen; han bar sekken selv hele veien og hjalp en yngre elev.'),
	       ' (', ev.n, ')'),
       CASE ev.kind WHEN 'measure' THEN 'measure' WHEN 'evaluation' THEN 'measure'
		    WHEN 'meeting' THEN 'meeting' WHEN 'minutes' THEN 'minutes' END,
       CASE ev.kind
	WHEN 'measure' THEN (SELECT public_id FROM meas WHERE meas.k = ev.n DIV 20 % 6)
	WHEN 'evaluation' THEN (SELECT public_id FROM meas WHERE meas.k = ev.n DIV 20 % 6)
	WHEN 'meeting' THEN (SELECT public_id FROM meet WHERE meet.k = ev.n DIV 20 % 5)
	WHEN 'minutes' THEN (SELECT public_id FROM mins WHERE mins.k = ev.n DIV 20 % 5)
       END
FROM ev WHERE @exists = 0 ORDER BY ev.n;

-- The rest of the municipality: 300 other logs, a third of them closed,
-- with 10 to 70 events each (about 12,000 in all), so that the tables
-- the page reads have the shape of a database in use, and the optimizer
-- plans for one log among many rather than for a table that is nearly
-- all one log.
INSERT INTO child (public_id, name, birth_date)
WITH RECURSIVE seq (n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM seq WHERE n < 300)
SELECT REPLACE(REPLACE(TRIM(TRAILING '=' FROM TO_BASE64(RANDOM_BYTES(16))), '+', '-'), '/', '_'),
       CONCAT('Barn ', LPAD(n, 4, '0')), CURRENT_DATE - INTERVAL (2 + n % 15) YEAR - INTERVAL n DAY
FROM seq WHERE @exists = 0;
INSERT INTO relay_log (public_id, reference, child_id, home_unit_id, level, level_since, status, holder_id,
		       created_at, closed_at)
SELECT REPLACE(REPLACE(TRIM(TRAILING '=' FROM TO_BASE64(RANDOM_BYTES(16))), '+', '-'), '/', '_'),
       CONCAT('BKGR-', SUBSTRING(c.name, 6)), c.id, u.unit_id, 2 + c.id % 2,
       CURRENT_DATE - INTERVAL c.id % 200 DAY, 'open',
       u.id, NOW(6) - INTERVAL 30 + c.id % 700 DAY, NULL
FROM child c JOIN app_user u
  ON u.username = ELT(c.id % 4 + 1, 'ansatt', 'helsesykepleier', 'laerer', 'leder')
WHERE c.name LIKE 'Barn %' AND @exists = 0;
INSERT INTO case_event (public_id, log_id, at, actor_id, actor_role, kind, summary)
WITH RECURSIVE seq (n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM seq WHERE n < 70)
SELECT REPLACE(REPLACE(TRIM(TRAILING '=' FROM TO_BASE64(RANDOM_BYTES(16))), '+', '-'), '/', '_'),
       l.id, NOW(6) - INTERVAL seq.n * 5 + l.id % 30 DAY, l.holder_id, 'holder',
       ELT(seq.n % 5 + 1, 'note', 'note', 'bright_spot', 'measure', 'meeting'),
       ELT(seq.n % 4 + 1,
	'Samtale med foreldrene om hvordan uka har vært.',
	'Barnet var glad og deltok i leken med de andre hele formiddagen.',
	'Tiltaket er evaluert sammen med foreldrene: det virker delvis, og vi fortsetter med justeringer. Ny evaluering om seks uker.',
	'Møte med helsestasjonen og foreldrene. Vi ble enige om å dele observasjonene fra barnehagen og skolen før neste møte, og at holderen sender et kort referat til alle.')
FROM relay_log l JOIN seq ON seq.n <= 10 + l.id * 7 % 61
WHERE l.reference LIKE 'BKGR-%' AND @exists = 0;
-- ... and a third of them closed, after their timeline was written: a
-- closed log takes no new events (0018_closed_log.sql).
UPDATE relay_log SET status = 'closed',
       closed_at = NOW(6) - INTERVAL child_id % 30 DAY
WHERE reference LIKE 'BKGR-%' AND child_id % 3 = 0 AND @exists = 0;
