-- 0003_relay_log.sql: the relay log (stafettlogg) and everything that
-- hangs off it: the action guide, cases climbing the BTI levels, the
-- holder and handovers, consent, participants, measures, meetings and
-- minutes, guardians, and the archive copy made when a log is closed.

-- Guardians and youths log in to see their child's log: a citizen
-- account has no unit, and what it may see is decided by child_person.
ALTER TABLE app_user MODIFY role ENUM('employee','leader','admin','citizen')
	NOT NULL COMMENT 'what the user may do in general; citizen = guardian or youth';

CREATE TABLE child_person (
	child_id	BIGINT UNSIGNED NOT NULL COMMENT 'the child',
	user_id		INT UNSIGNED NOT NULL COMMENT 'the citizen account',
	relation	ENUM('guardian','self') NOT NULL COMMENT 'a guardian of the child, or the child (youth) themselves',
	parental_responsibility BOOLEAN NOT NULL DEFAULT TRUE COMMENT 'a guardian with parental responsibility (foreldreansvar)',
	PRIMARY KEY (child_id, user_id),
	KEY child_person_user (user_id),
	CONSTRAINT child_person_child_fk FOREIGN KEY (child_id) REFERENCES child (id),
	CONSTRAINT child_person_user_fk FOREIGN KEY (user_id) REFERENCES app_user (id)
) ENGINE=InnoDB COMMENT='which citizen accounts are the guardians of a child, or the child';

-- The action guide (handlingsveileder) is data, edited by the
-- administrator; these rows are the defaults of the BTI model.
CREATE TABLE guide_level (
	level		TINYINT UNSIGNED NOT NULL COMMENT 'BTI level 0-3',
	name_nb		VARCHAR(200) NOT NULL COMMENT 'the level''s name in Norwegian',
	name_en		VARCHAR(200) NOT NULL COMMENT 'the level''s name in English',
	PRIMARY KEY (level)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='the four levels of the action guide';

CREATE TABLE guide_step (
	id		INT UNSIGNED NOT NULL AUTO_INCREMENT,
	public_id	CHAR(22) NOT NULL COMMENT 'random id used in URLs',
	level		TINYINT UNSIGNED NOT NULL COMMENT 'the level the step belongs to',
	position	SMALLINT UNSIGNED NOT NULL COMMENT 'order within the level, from 1',
	title_nb	VARCHAR(500) NOT NULL COMMENT 'what to do, in Norwegian',
	title_en	VARCHAR(500) NOT NULL COMMENT 'what to do, in English',
	form_id		VARCHAR(40) NULL COMMENT 'the tool (form) for the step, if any',
	deadline_days	SMALLINT UNSIGNED NULL COMMENT 'days from the start of the level by which the step is due',
	PRIMARY KEY (id),
	UNIQUE KEY guide_step_public_id (public_id),
	UNIQUE KEY guide_step_order (level, position),
	CONSTRAINT guide_step_level_fk FOREIGN KEY (level) REFERENCES guide_level (level)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='the steps of each level, with their tools and deadlines';

CREATE TABLE relay_log (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
	public_id	CHAR(22) NOT NULL COMMENT 'random id used in URLs',
	reference	CHAR(9) NOT NULL COMMENT 'short reference people quote, XXXX-XXXX',
	child_id	BIGINT UNSIGNED NOT NULL COMMENT 'the child the log belongs to',
	home_unit_id	INT UNSIGNED NOT NULL COMMENT 'the unit whose concern opened the log; its staff need no consent',
	level		TINYINT UNSIGNED NOT NULL COMMENT 'BTI level now, 1-3',
	level_since	DATE NOT NULL COMMENT 'when the current level began (municipal date), for the guide''s deadlines',
	status		ENUM('open','closed') NOT NULL DEFAULT 'open' COMMENT 'closed with the closing note',
	holder_id	INT UNSIGNED NOT NULL COMMENT 'the relay holder (stafettholder): exactly one at any moment',
	created_at	DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) COMMENT 'when the log was opened',
	closed_at	DATETIME(6) NULL COMMENT 'when it was closed',
	open_child	BIGINT UNSIGNED AS (IF(status = 'open', child_id, NULL)) PERSISTENT
			COMMENT 'the child while the log is open: one open log per child',
	PRIMARY KEY (id),
	UNIQUE KEY relay_log_public_id (public_id),
	UNIQUE KEY relay_log_reference (reference),
	UNIQUE KEY relay_log_open_child (open_child),
	KEY relay_log_child (child_id),
	KEY relay_log_holder (holder_id, status),
	KEY relay_log_unit (home_unit_id, status),
	CONSTRAINT relay_log_child_fk FOREIGN KEY (child_id) REFERENCES child (id),
	CONSTRAINT relay_log_unit_fk FOREIGN KEY (home_unit_id) REFERENCES unit (id),
	CONSTRAINT relay_log_holder_fk FOREIGN KEY (holder_id) REFERENCES app_user (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='a relay log (stafettlogg): one child''s case from level 2, or from a concern that joined it';

ALTER TABLE concern
	ADD COLUMN log_id BIGINT UNSIGNED NULL COMMENT 'the relay log the concern opened or joined' AFTER child_id,
	ADD COLUMN deadline_flagged BOOLEAN NOT NULL DEFAULT FALSE COMMENT 'the author and leader were told the deadline passed',
	ADD KEY concern_log (log_id),
	ADD CONSTRAINT concern_log_fk FOREIGN KEY (log_id) REFERENCES relay_log (id);

CREATE TABLE log_participant (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
	log_id		BIGINT UNSIGNED NOT NULL COMMENT 'the log',
	user_id		INT UNSIGNED NOT NULL COMMENT 'the professional taking part',
	added_by	INT UNSIGNED NOT NULL COMMENT 'who added them',
	added_at	DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) COMMENT 'when',
	removed_at	DATETIME(6) NULL COMMENT 'when they stopped taking part',
	removed_reason	VARCHAR(500) NULL COMMENT 'why',
	active_user	INT UNSIGNED AS (IF(removed_at IS NULL, user_id, NULL)) PERSISTENT
			COMMENT 'the user while taking part: once per log',
	PRIMARY KEY (id),
	UNIQUE KEY log_participant_active (log_id, active_user),
	KEY log_participant_user (user_id, removed_at),
	CONSTRAINT log_participant_log_fk FOREIGN KEY (log_id) REFERENCES relay_log (id),
	CONSTRAINT log_participant_user_fk FOREIGN KEY (user_id) REFERENCES app_user (id)
) ENGINE=InnoDB COMMENT='professionals who take part in a log (access also needs consent for their service)';

CREATE TABLE consent (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
	public_id	CHAR(22) NOT NULL COMMENT 'random id used in URLs',
	log_id		BIGINT UNSIGNED NOT NULL COMMENT 'the log it belongs to',
	submission_id	BIGINT UNSIGNED NOT NULL COMMENT 'the consent form as submitted',
	method		ENUM('digital','paper') NOT NULL COMMENT 'how it was given',
	purpose		TEXT NOT NULL COMMENT 'what the sharing is for',
	valid_from	DATE NOT NULL COMMENT 'first day it is valid',
	expires		DATE NOT NULL COMMENT 'last day it is valid',
	status		ENUM('active','withdrawn') NOT NULL DEFAULT 'active' COMMENT 'withdrawn stops all sharing at once',
	expiry_handled	BOOLEAN NOT NULL DEFAULT FALSE COMMENT 'the expiry has been recorded in the log',
	created_by	INT UNSIGNED NOT NULL COMMENT 'who recorded it',
	created_at	DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) COMMENT 'when',
	withdrawn_at	DATETIME(6) NULL COMMENT 'when it was withdrawn',
	withdrawn_by	INT UNSIGNED NULL COMMENT 'who withdrew it (a guardian, the youth or the holder on their behalf)',
	PRIMARY KEY (id),
	UNIQUE KEY consent_public_id (public_id),
	KEY consent_log (log_id, status, expires),
	CONSTRAINT consent_log_fk FOREIGN KEY (log_id) REFERENCES relay_log (id),
	CONSTRAINT consent_submission_fk FOREIGN KEY (submission_id) REFERENCES form_submission (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='consent (samtykke) to share a child''s case with named services';

CREATE TABLE consent_service (
	consent_id	BIGINT UNSIGNED NOT NULL COMMENT 'the consent',
	service		VARCHAR(30) NOT NULL COMMENT 'a kind of unit (unit.kind) that may take part',
	PRIMARY KEY (consent_id, service),
	CONSTRAINT consent_service_fk FOREIGN KEY (consent_id) REFERENCES consent (id)
) ENGINE=InnoDB COMMENT='the services a consent covers';

CREATE TABLE consent_attachment (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
	public_id	CHAR(22) NOT NULL COMMENT 'random id used in URLs',
	consent_id	BIGINT UNSIGNED NOT NULL COMMENT 'the paper consent it is a scan of',
	filename	VARCHAR(200) NOT NULL COMMENT 'the uploaded file''s name',
	mime		VARCHAR(40) NOT NULL COMMENT 'the type found in the bytes (not the one declared)',
	size		INT UNSIGNED NOT NULL COMMENT 'bytes',
	data		MEDIUMBLOB NOT NULL COMMENT 'the file',
	uploaded_by	INT UNSIGNED NOT NULL COMMENT 'who',
	created_at	DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) COMMENT 'when',
	PRIMARY KEY (id),
	UNIQUE KEY consent_attachment_public_id (public_id),
	KEY consent_attachment_consent (consent_id),
	CONSTRAINT consent_attachment_fk FOREIGN KEY (consent_id) REFERENCES consent (id)
) ENGINE=InnoDB COMMENT='the scanned paper consent form';

CREATE TABLE handover (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
	public_id	CHAR(22) NOT NULL COMMENT 'random id used in URLs',
	log_id		BIGINT UNSIGNED NOT NULL COMMENT 'the log whose baton is handed over',
	from_id		INT UNSIGNED NOT NULL COMMENT 'the holder when it was requested',
	to_id		INT UNSIGNED NOT NULL COMMENT 'the proposed new holder',
	requested_by	INT UNSIGNED NOT NULL COMMENT 'the holder, or the unit leader when the holder is gone',
	submission_id	BIGINT UNSIGNED NOT NULL COMMENT 'the handover form',
	reason		TEXT NOT NULL COMMENT 'why',
	status		ENUM('pending','accepted','refused','cancelled') NOT NULL DEFAULT 'pending' COMMENT 'only accepted changes the holder',
	answer		VARCHAR(2000) NULL COMMENT 'the new holder''s reason for refusing',
	created_at	DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) COMMENT 'when requested',
	decided_at	DATETIME(6) NULL COMMENT 'when accepted, refused or cancelled',
	pending_log	BIGINT UNSIGNED AS (IF(status = 'pending', log_id, NULL)) PERSISTENT
			COMMENT 'the log while pending: one pending handover per log',
	PRIMARY KEY (id),
	UNIQUE KEY handover_public_id (public_id),
	UNIQUE KEY handover_pending (pending_log),
	KEY handover_to (to_id, status),
	CONSTRAINT handover_log_fk FOREIGN KEY (log_id) REFERENCES relay_log (id),
	CONSTRAINT handover_to_fk FOREIGN KEY (to_id) REFERENCES app_user (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='a request to hand the baton over, effective only when accepted';

CREATE TABLE meeting (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
	public_id	CHAR(22) NOT NULL COMMENT 'random id used in URLs',
	log_id		BIGINT UNSIGNED NOT NULL COMMENT 'the log',
	starts_at	DATETIME NOT NULL COMMENT 'local time (Europe/Oslo) the meeting starts',
	place		VARCHAR(200) NOT NULL COMMENT 'where',
	agenda		TEXT NOT NULL COMMENT 'what it is about',
	created_by	INT UNSIGNED NOT NULL COMMENT 'who called it',
	created_at	DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) COMMENT 'when',
	PRIMARY KEY (id),
	UNIQUE KEY meeting_public_id (public_id),
	KEY meeting_log (log_id, starts_at),
	CONSTRAINT meeting_log_fk FOREIGN KEY (log_id) REFERENCES relay_log (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='a meeting about a child''s case';

CREATE TABLE meeting_invitee (
	meeting_id	BIGINT UNSIGNED NOT NULL COMMENT 'the meeting',
	user_id		INT UNSIGNED NOT NULL COMMENT 'a participant of the log, invited',
	PRIMARY KEY (meeting_id, user_id),
	KEY meeting_invitee_user (user_id),
	CONSTRAINT meeting_invitee_meeting_fk FOREIGN KEY (meeting_id) REFERENCES meeting (id),
	CONSTRAINT meeting_invitee_user_fk FOREIGN KEY (user_id) REFERENCES app_user (id)
) ENGINE=InnoDB COMMENT='who is invited to a meeting';

CREATE TABLE minutes (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
	public_id	CHAR(22) NOT NULL COMMENT 'random id used in URLs',
	log_id		BIGINT UNSIGNED NOT NULL COMMENT 'the log',
	meeting_id	BIGINT UNSIGNED NULL COMMENT 'the meeting they are the minutes of, if any',
	submission_id	BIGINT UNSIGNED NOT NULL COMMENT 'the minutes form (latest saved version while a draft)',
	status		ENUM('draft','final') NOT NULL DEFAULT 'draft' COMMENT 'final minutes are never edited',
	corrects_id	BIGINT UNSIGNED NULL COMMENT 'the finalised minutes this version corrects',
	author_id	INT UNSIGNED NOT NULL COMMENT 'who wrote them',
	created_at	DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) COMMENT 'when begun',
	finalised_at	DATETIME(6) NULL COMMENT 'when finalised',
	final_slot	VARCHAR(44) AS (IF(status = 'final' AND (meeting_id IS NOT NULL OR corrects_id IS NOT NULL),
				CONCAT(COALESCE(meeting_id, ''), ':', COALESCE(corrects_id, '')), NULL)) PERSISTENT
			COMMENT 'one final version per meeting (or per corrected minutes)',
	PRIMARY KEY (id),
	UNIQUE KEY minutes_public_id (public_id),
	UNIQUE KEY minutes_final (final_slot),
	KEY minutes_log (log_id, created_at),
	CONSTRAINT minutes_log_fk FOREIGN KEY (log_id) REFERENCES relay_log (id),
	CONSTRAINT minutes_meeting_fk FOREIGN KEY (meeting_id) REFERENCES meeting (id),
	CONSTRAINT minutes_corrects_fk FOREIGN KEY (corrects_id) REFERENCES minutes (id),
	CONSTRAINT minutes_submission_fk FOREIGN KEY (submission_id) REFERENCES form_submission (id)
) ENGINE=InnoDB COMMENT='meeting minutes (møtereferat): drafts, final versions and corrections';

CREATE TABLE measure (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
	public_id	CHAR(22) NOT NULL COMMENT 'random id used in URLs',
	log_id		BIGINT UNSIGNED NOT NULL COMMENT 'the log',
	what		VARCHAR(2000) NOT NULL COMMENT 'what is done',
	goal		VARCHAR(2000) NOT NULL COMMENT 'what it should achieve',
	responsible_id	INT UNSIGNED NOT NULL COMMENT 'who is responsible',
	start_date	DATE NOT NULL COMMENT 'when it starts',
	eval_date	DATE NOT NULL COMMENT 'when it is to be evaluated',
	status		ENUM('active','evaluated','ended') NOT NULL DEFAULT 'active' COMMENT 'evaluated: the last evaluation is recorded',
	result		ENUM('worked','partly','not') NULL COMMENT 'the latest evaluation''s result',
	minutes_id	BIGINT UNSIGNED NULL COMMENT 'the minutes it came from, if any',
	eval_flagged	BOOLEAN NOT NULL DEFAULT FALSE COMMENT 'the overdue evaluation has been flagged',
	created_by	INT UNSIGNED NOT NULL COMMENT 'who recorded it',
	created_at	DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) COMMENT 'when',
	PRIMARY KEY (id),
	UNIQUE KEY measure_public_id (public_id),
	KEY measure_log (log_id, eval_date),
	KEY measure_responsible (responsible_id, status, eval_date),
	CONSTRAINT measure_log_fk FOREIGN KEY (log_id) REFERENCES relay_log (id),
	CONSTRAINT measure_responsible_fk FOREIGN KEY (responsible_id) REFERENCES app_user (id),
	CONSTRAINT measure_minutes_fk FOREIGN KEY (minutes_id) REFERENCES minutes (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='a measure (tiltak) with a responsible person and an evaluation date';

-- The timeline: every change of level, holder, consent, participant or
-- measure, and every meeting, minutes, note and bright spot, with who,
-- when and why. Events of a concern before it joined a log move into
-- the log with it (log_id is set then); nothing else ever changes.
CREATE TABLE case_event (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
	public_id	CHAR(22) NOT NULL COMMENT 'random id used in URLs',
	log_id		BIGINT UNSIGNED NULL COMMENT 'the log, once there is one',
	concern_id	BIGINT UNSIGNED NULL COMMENT 'the concern, for events before a log',
	at		DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) COMMENT 'when',
	actor_id	INT UNSIGNED NULL COMMENT 'who (NULL: the system, e.g. an expiry)',
	actor_role	VARCHAR(20) NOT NULL COMMENT 'in which role: holder, participant, leader, guardian, ...',
	kind		VARCHAR(30) NOT NULL COMMENT 'level, holder, handover, consent, participant, measure, evaluation, meeting, minutes, decision, note, bright_spot, cw_report, anonymous, closed',
	summary		TEXT NOT NULL COMMENT 'what happened and why, as written by the actor or the system',
	ref_type	VARCHAR(20) NULL COMMENT 'the kind of record it is about',
	ref_public_id	CHAR(22) NULL COMMENT 'that record''s public id, for the link',
	submission_id	BIGINT UNSIGNED NULL COMMENT 'the form behind it, if any',
	PRIMARY KEY (id),
	UNIQUE KEY case_event_public_id (public_id),
	KEY case_event_log (log_id, at),
	KEY case_event_concern (concern_id, at),
	CONSTRAINT case_event_log_fk FOREIGN KEY (log_id) REFERENCES relay_log (id),
	CONSTRAINT case_event_concern_fk FOREIGN KEY (concern_id) REFERENCES concern (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='the relay log''s timeline';

CREATE TABLE log_archive (
	log_id		BIGINT UNSIGNED NOT NULL COMMENT 'the closed log',
	xml		MEDIUMTEXT NOT NULL COMMENT 'the whole log as one XML document',
	html		MEDIUMTEXT NOT NULL COMMENT 'the same, as self-contained printable HTML',
	created_at	DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) COMMENT 'when the log was closed',
	PRIMARY KEY (log_id),
	CONSTRAINT log_archive_log_fk FOREIGN KEY (log_id) REFERENCES relay_log (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='the archive copy made when a log is closed';
CREATE TRIGGER log_archive_no_update BEFORE UPDATE ON log_archive FOR EACH ROW
	SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'the archive copy is never changed';
CREATE TRIGGER log_archive_no_delete BEFORE DELETE ON log_archive FOR EACH ROW
	SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'the archive copy is never deleted';

-- Notices about a log (the notices issue delivers them) name it.
ALTER TABLE outbox
	ADD COLUMN log_id BIGINT UNSIGNED NULL COMMENT 'the log that caused it, if any' AFTER concern_id,
	ADD COLUMN user_id INT UNSIGNED NULL COMMENT 'the person to tell, if it is for one person' AFTER unit_id,
	ADD COLUMN service VARCHAR(30) NULL COMMENT 'the service it goes to, when consent must cover it' AFTER user_id,
	ADD KEY outbox_log (log_id, status),
	ADD CONSTRAINT outbox_log_fk FOREIGN KEY (log_id) REFERENCES relay_log (id);

INSERT INTO guide_level (level, name_nb, name_en) VALUES
	(0, 'Konkretiser uro/undring', 'Clarify the concern'),
	(1, 'Internt tiltaksarbeid', 'Measures in own service'),
	(2, 'Tverrfaglig samhandling', 'Interdisciplinary cooperation'),
	(3, 'Kompleks tverrfaglig samhandling', 'Complex interdisciplinary cooperation');

INSERT INTO guide_step (public_id, level, position, title_nb, title_en, form_id, deadline_days) VALUES
	(REPLACE(REPLACE(TRIM(TRAILING '=' FROM TO_BASE64(RANDOM_BYTES(16))), '+', '-'), '/', '_'), 0, 1, 'En uro eller undring oppstår', 'A concern arises', 'concern', NULL),
	(REPLACE(REPLACE(TRIM(TRAILING '=' FROM TO_BASE64(RANDOM_BYTES(16))), '+', '-'), '/', '_'), 0, 2, 'Konkretiser: hva har du sett eller hørt, hva sa eller gjorde barnet, hvor lenge, tidligere bekymring?', 'Make it concrete: what have you seen or heard, what did the child say or do, how long, earlier concerns?', NULL, NULL),
	(REPLACE(REPLACE(TRIM(TRAILING '=' FROM TO_BASE64(RANDOM_BYTES(16))), '+', '-'), '/', '_'), 0, 3, 'Del med en kollega eller leder (gjerne anonymt), så med barnet og foresatte', 'Share with a colleague or leader (may be anonymous), then with the child and guardians', NULL, 7),
	(REPLACE(REPLACE(TRIM(TRAILING '=' FROM TO_BASE64(RANDOM_BYTES(16))), '+', '-'), '/', '_'), 0, 4, 'Beslutt: avslutt, nivå 1, nivå 2, eller nivå 3 og bekymringsmelding til barnevernet', 'Decide: close, level 1, level 2, or level 3 and a report to child welfare', 'cw-report', 14),
	(REPLACE(REPLACE(TRIM(TRAILING '=' FROM TO_BASE64(RANDOM_BYTES(16))), '+', '-'), '/', '_'), 1, 1, 'Definer utfordringen sammen med foresatte og barnet', 'Define the problem with the guardians and the child', NULL, 14),
	(REPLACE(REPLACE(TRIM(TRAILING '=' FROM TO_BASE64(RANDOM_BYTES(16))), '+', '-'), '/', '_'), 1, 2, 'Planlegg tiltak i egen tjeneste', 'Plan measures in your own service', NULL, 21),
	(REPLACE(REPLACE(TRIM(TRAILING '=' FROM TO_BASE64(RANDOM_BYTES(16))), '+', '-'), '/', '_'), 1, 3, 'Evaluer på avtalt dato: nye tiltak, avslutt eller gå til nivå 2', 'Evaluate at the agreed date: new measures, close, or go to level 2', 'evaluation', 90),
	(REPLACE(REPLACE(TRIM(TRAILING '=' FROM TO_BASE64(RANDOM_BYTES(16))), '+', '-'), '/', '_'), 2, 1, 'Innhent samtykke fra foresatte (og barnet fra 15 år)', 'Get consent from the guardians (and the child from 15)', 'consent', 14),
	(REPLACE(REPLACE(TRIM(TRAILING '=' FROM TO_BASE64(RANDOM_BYTES(16))), '+', '-'), '/', '_'), 2, 2, 'Avklar stafettholder og hvilke tjenester som deltar', 'Agree the relay holder and which services take part', 'handover', 14),
	(REPLACE(REPLACE(TRIM(TRAILING '=' FROM TO_BASE64(RANDOM_BYTES(16))), '+', '-'), '/', '_'), 2, 3, 'Møte med familien; skriv referat med tiltak, ansvarlige og evalueringsdato', 'Meet the family; write minutes with measures, responsibles and evaluation dates', 'minutes', 30),
	(REPLACE(REPLACE(TRIM(TRAILING '=' FROM TO_BASE64(RANDOM_BYTES(16))), '+', '-'), '/', '_'), 2, 4, 'Evaluer tiltakene', 'Evaluate the measures', 'evaluation', 90),
	(REPLACE(REPLACE(TRIM(TRAILING '=' FROM TO_BASE64(RANDOM_BYTES(16))), '+', '-'), '/', '_'), 3, 1, 'Samtykke som dekker alle tjenester som skal delta', 'Consent covering every service that takes part', 'consent', 14),
	(REPLACE(REPLACE(TRIM(TRAILING '=' FROM TO_BASE64(RANDOM_BYTES(16))), '+', '-'), '/', '_'), 3, 2, 'Beslutningsmøte med familien og tjenestene', 'Decision meeting with the family and the services', 'minutes', 30),
	(REPLACE(REPLACE(TRIM(TRAILING '=' FROM TO_BASE64(RANDOM_BYTES(16))), '+', '-'), '/', '_'), 3, 3, 'Henvisning til spesialisthelsetjenesten (BUP) eller PPT ved behov', 'Referral to specialist services (BUP) or PPT if needed', 'referral', 45),
	(REPLACE(REPLACE(TRIM(TRAILING '=' FROM TO_BASE64(RANDOM_BYTES(16))), '+', '-'), '/', '_'), 3, 4, 'Vurder individuell plan og barnekoordinator', 'Consider an individual plan and a child coordinator', NULL, 60),
	(REPLACE(REPLACE(TRIM(TRAILING '=' FROM TO_BASE64(RANDOM_BYTES(16))), '+', '-'), '/', '_'), 3, 5, 'Evaluer tiltakene', 'Evaluate the measures', 'evaluation', 90);
