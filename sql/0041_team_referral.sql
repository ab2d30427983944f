-- 0041_team_referral.sql: a family referred from its relay log to a team
-- with an intake (issue 20, item 1; docs/design-teams.md): the red
-- measure (Rødt tiltak, 001:380-382) takes families with an accumulation
-- of risk factors from kindergartens and schools, discusses each case
-- weekly with the one who referred it, and has a capacity (it was full
-- at 10 families with 22 children, 002:106-107).
--
-- A referral is named: the log's consent must name the team's unit
-- (team.host_unit_id) for the team to see it. Its leader decides: in,
-- on the waiting list (in an order, with the reason for the order), or
-- declined. While the family is in, the team's members the consent
-- covers take part in the log, and the weekly discussions are recorded
-- on the referral and in the log's timeline.

CREATE TABLE team_referral (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
	public_id	CHAR(22) NOT NULL COMMENT 'random id used in URLs',
	team_id		INT UNSIGNED NOT NULL COMMENT 'the intake team',
	log_id		BIGINT UNSIGNED NOT NULL COMMENT 'the relay log of the family referred',
	reason		VARCHAR(4000) NOT NULL COMMENT 'why the family is referred, as written',
	referred_by	INT UNSIGNED NOT NULL COMMENT 'the holder who referred it',
	referred_at	DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) COMMENT 'when',
	status		VARCHAR(20) NOT NULL DEFAULT 'referred'
			COMMENT 'referred (not decided yet), waiting, in, declined, ended or withdrawn',
	priority	SMALLINT UNSIGNED NULL COMMENT 'on the waiting list: its place, 1 first',
	priority_reason	VARCHAR(1000) NULL COMMENT 'why it has that place',
	decided_by	INT UNSIGNED NULL COMMENT 'the team leader who decided last',
	decided_at	DATETIME(6) NULL COMMENT 'when',
	decision_note	VARCHAR(4000) NULL COMMENT 'why it was declined',
	started_at	DATETIME(6) NULL COMMENT 'when the family was taken in',
	ended_at	DATETIME(6) NULL COMMENT 'when it ended, was declined or withdrawn',
	end_reason	VARCHAR(4000) NULL COMMENT 'why it ended',
	open_key	BIGINT UNSIGNED AS (IF(status IN ('referred', 'waiting', 'in'),
			    log_id, NULL)) PERSISTENT COMMENT 'a log is once at a time in a team''s intake',
	PRIMARY KEY (id),
	UNIQUE KEY team_referral_public_id (public_id),
	UNIQUE KEY team_referral_open (team_id, open_key),
	KEY team_referral_queue (team_id, status, priority, referred_at),
	KEY team_referral_log (log_id),
	CONSTRAINT team_referral_team_fk FOREIGN KEY (team_id) REFERENCES team (id),
	CONSTRAINT team_referral_log_fk FOREIGN KEY (log_id) REFERENCES relay_log (id),
	CONSTRAINT team_referral_by_fk FOREIGN KEY (referred_by) REFERENCES app_user (id),
	CONSTRAINT team_referral_decided_fk FOREIGN KEY (decided_by) REFERENCES app_user (id),
	CONSTRAINT team_referral_status CHECK (status IN ('referred', 'waiting',
	    'in', 'declined', 'ended', 'withdrawn')),
	CONSTRAINT team_referral_priority CHECK ((status = 'waiting') =
	    (priority IS NOT NULL))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='a family referred from its relay log to a team with an intake';

CREATE TABLE team_discussion (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
	public_id	CHAR(22) NOT NULL COMMENT 'random id',
	referral_id	BIGINT UNSIGNED NOT NULL COMMENT 'the family''s referral',
	held_on		DATE NOT NULL COMMENT 'the day it was discussed',
	with_referrer	BOOLEAN NOT NULL COMMENT 'the one who referred it took part',
	summary		VARCHAR(4000) NOT NULL COMMENT 'what was agreed, as written (also in the log''s timeline)',
	recorded_by	INT UNSIGNED NOT NULL COMMENT 'the member who wrote it',
	recorded_at	DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) COMMENT 'when',
	PRIMARY KEY (id),
	UNIQUE KEY team_discussion_public_id (public_id),
	KEY team_discussion_referral (referral_id, held_on),
	CONSTRAINT team_discussion_referral_fk FOREIGN KEY (referral_id)
		REFERENCES team_referral (id),
	CONSTRAINT team_discussion_by_fk FOREIGN KEY (recorded_by)
		REFERENCES app_user (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='a team''s weekly discussion of a family it has taken in';

-- The members the intake made participants of the log: they stop taking
-- part when the family leaves the team (those who took part before
-- stay).
CREATE TABLE referral_participant (
	referral_id	BIGINT UNSIGNED NOT NULL COMMENT 'the referral',
	user_id		INT UNSIGNED NOT NULL COMMENT 'the member made a participant',
	PRIMARY KEY (referral_id, user_id),
	CONSTRAINT referral_participant_referral_fk FOREIGN KEY (referral_id)
		REFERENCES team_referral (id),
	CONSTRAINT referral_participant_user_fk FOREIGN KEY (user_id)
		REFERENCES app_user (id)
) ENGINE=InnoDB COMMENT='team members taking part in a log because the family is in the team';

-- A kept log page shows its referrals (0011_view_version.sql).
CREATE TRIGGER team_referral_view_ins AFTER INSERT ON team_referral
	FOR EACH ROW
	INSERT INTO log_version (log_id, v) VALUES (NEW.log_id, 1)
	ON DUPLICATE KEY UPDATE v = v + 1;

CREATE TRIGGER team_referral_view_upd AFTER UPDATE ON team_referral
	FOR EACH ROW
	INSERT INTO log_version (log_id, v) VALUES (NEW.log_id, 1)
	ON DUPLICATE KEY UPDATE v = v + 1;

CREATE TRIGGER team_referral_view_del AFTER DELETE ON team_referral
	FOR EACH ROW
	INSERT INTO log_version (log_id, v) VALUES (OLD.log_id, 1)
	ON DUPLICATE KEY UPDATE v = v + 1;
