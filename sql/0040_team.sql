-- 0040_team.sql: the municipality's teams (issue 20, docs/design-teams.md).
--
-- A discussion team (drøftingsteam, TPO team, kompetanseteam: 001:179-180,
-- 001:535, 001:606, 004:770-775, 004:826) has members from several
-- services and a calendar of meetings; an employee puts a concern of
-- theirs on a meeting's agenda, the members read it anonymously (no
-- name, no number, no date of birth: no consent is needed) and their
-- advice goes back to the concern. An intake team (the red measure,
-- 001:380-382, 002:106-107) has members and meetings too; its queue
-- comes with its own migration.
--
-- The administrator keeps the teams and their members; the team's
-- leaders plan its meetings.

CREATE TABLE team (
	id		INT UNSIGNED NOT NULL AUTO_INCREMENT,
	public_id	CHAR(22) NOT NULL COMMENT 'random id used in URLs',
	municipality_id	INT UNSIGNED NOT NULL COMMENT 'whose team it is',
	host_unit_id	INT UNSIGNED NULL COMMENT 'an intake team: the unit it belongs to, which a consent names to share a family with it',
	kind		VARCHAR(20) NOT NULL COMMENT 'discussion or intake',
	name		VARCHAR(200) NOT NULL COMMENT 'what people call it',
	purpose		VARCHAR(2000) NOT NULL DEFAULT '' COMMENT 'what it is for, who may bring cases to it',
	meets		VARCHAR(200) NOT NULL DEFAULT '' COMMENT 'how often, as said: "every third Tuesday"',
	capacity_families SMALLINT UNSIGNED NULL COMMENT 'an intake team: the families it can take at once',
	active		BOOLEAN NOT NULL DEFAULT TRUE COMMENT 'FALSE: no new meetings or cases',
	created_at	DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) COMMENT 'when registered',
	PRIMARY KEY (id),
	UNIQUE KEY team_public_id (public_id),
	UNIQUE KEY team_name (municipality_id, name),
	CONSTRAINT team_municipality_fk FOREIGN KEY (municipality_id)
		REFERENCES municipality (id),
	CONSTRAINT team_host_fk FOREIGN KEY (host_unit_id) REFERENCES unit (id),
	CONSTRAINT team_host CHECK ((kind = 'intake') = (host_unit_id IS NOT NULL)),
	CONSTRAINT team_kind CHECK (kind IN ('discussion', 'intake')),
	CONSTRAINT team_capacity CHECK (capacity_families IS NULL OR
	    (kind = 'intake' AND capacity_families > 0))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='a discussion team or an intake team of the municipality';

CREATE TABLE team_member (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
	team_id		INT UNSIGNED NOT NULL COMMENT 'the team',
	user_id		INT UNSIGNED NOT NULL COMMENT 'the member: staff of the municipality',
	role		VARCHAR(20) NOT NULL COMMENT 'leader (plans the meetings) or member',
	added_at	DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) COMMENT 'since when',
	removed_at	DATETIME(6) NULL COMMENT 'until when: membership is ended, not deleted',
	active_key	INT UNSIGNED AS (IF(removed_at IS NULL, user_id, NULL))
			PERSISTENT COMMENT 'a person once in a team at a time',
	PRIMARY KEY (id),
	UNIQUE KEY team_member_active (team_id, active_key),
	KEY team_member_user (user_id, removed_at),
	CONSTRAINT team_member_team_fk FOREIGN KEY (team_id) REFERENCES team (id),
	CONSTRAINT team_member_user_fk FOREIGN KEY (user_id) REFERENCES app_user (id),
	CONSTRAINT team_member_role CHECK (role IN ('leader', 'member'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='who is in a team, and was';

CREATE TABLE team_meeting (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
	public_id	CHAR(22) NOT NULL COMMENT 'random id used in URLs',
	team_id		INT UNSIGNED NOT NULL COMMENT 'the team',
	starts_at	DATETIME NOT NULL COMMENT 'local time (Europe/Oslo) it starts',
	place		VARCHAR(200) NOT NULL COMMENT 'where',
	created_by	INT UNSIGNED NOT NULL COMMENT 'the team leader who planned it',
	created_at	DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) COMMENT 'when',
	PRIMARY KEY (id),
	UNIQUE KEY team_meeting_public_id (public_id),
	KEY team_meeting_team (team_id, starts_at),
	CONSTRAINT team_meeting_team_fk FOREIGN KEY (team_id) REFERENCES team (id),
	CONSTRAINT team_meeting_by_fk FOREIGN KEY (created_by) REFERENCES app_user (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='a meeting in a team''s calendar';

-- A concern on a meeting's agenda. Its state is what happened to it
-- here; what happened to the concern itself (decided, closed, taken
-- into a log) is the concern's, and the agenda shows it from there
-- (fcgi/case/agenda.c): a concern that left the open state no longer
-- waits on any agenda, and its members no longer read it.
CREATE TABLE agenda_item (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
	public_id	CHAR(22) NOT NULL COMMENT 'random id used in URLs',
	team_meeting_id	BIGINT UNSIGNED NOT NULL COMMENT 'the team meeting',
	concern_id	BIGINT UNSIGNED NOT NULL COMMENT 'the concern put forward',
	put_by		INT UNSIGNED NOT NULL COMMENT 'who put it forward: its author or their leader',
	put_at		DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) COMMENT 'when',
	status		VARCHAR(20) NOT NULL DEFAULT 'waiting' COMMENT 'waiting, discussed or withdrawn',
	advice		VARCHAR(4000) NULL COMMENT 'the team''s advice, as written (also in the concern''s timeline)',
	advised_by	INT UNSIGNED NULL COMMENT 'the member who recorded it',
	advised_at	DATETIME(6) NULL COMMENT 'when',
	withdrawn_at	DATETIME(6) NULL COMMENT 'when its author took it off the agenda',
	PRIMARY KEY (id),
	UNIQUE KEY agenda_item_public_id (public_id),
	UNIQUE KEY agenda_item_once (team_meeting_id, concern_id),
	KEY agenda_item_concern (concern_id),
	CONSTRAINT agenda_item_meeting_fk FOREIGN KEY (team_meeting_id)
		REFERENCES team_meeting (id),
	-- retention deletes a concern's items first and counts them
	-- (fcgi/case/retention.c); nothing else deletes a concern
	CONSTRAINT agenda_item_concern_fk FOREIGN KEY (concern_id)
		REFERENCES concern (id),
	CONSTRAINT agenda_item_put_fk FOREIGN KEY (put_by) REFERENCES app_user (id),
	CONSTRAINT agenda_item_advised_fk FOREIGN KEY (advised_by)
		REFERENCES app_user (id),
	CONSTRAINT agenda_item_status CHECK (status IN ('waiting', 'discussed',
	    'withdrawn')),
	CONSTRAINT agenda_item_advice CHECK ((status = 'discussed') =
	    (advice IS NOT NULL))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='a concern on a discussion team''s agenda, and the advice back';
