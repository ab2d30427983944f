-- 0019_consultation.sql: "2 år, og i gang", the joint consultation of
-- the health clinic, the kindergarten and the parents at the two-year
-- check (Larvik's green measure), as the shared record the seeds
-- describe, not a form only its author reads. It is about a child; the
-- parents' consent on the form covers the kindergarten and the health
-- clinic it names, and the professionals of those two who took part
-- read it, with the author, the leader of the author's unit and the
-- child's guardians: the rules of a relay log (access.c). A wondering
-- followed up as a concern becomes a level-0 concern of the author's
-- unit, made from the consultation.

CREATE TABLE consultation (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
	public_id	CHAR(22) NOT NULL COMMENT 'random id used in URLs',
	child_id	BIGINT UNSIGNED NOT NULL COMMENT 'the child it is about',
	submission_id	BIGINT UNSIGNED NOT NULL COMMENT 'the two-year form as recorded, with its version',
	author_id	INT UNSIGNED NOT NULL COMMENT 'who recorded it',
	unit_id		INT UNSIGNED NOT NULL COMMENT 'the author''s unit: its leader reads it, as a log''s home unit',
	kindergarten_id	INT UNSIGNED NOT NULL COMMENT 'the kindergarten the parents'' consent names',
	health_clinic_id INT UNSIGNED NOT NULL COMMENT 'the health clinic the parents'' consent names',
	held_on		DATE NOT NULL COMMENT 'the day of the consultation',
	concern_id	BIGINT UNSIGNED NULL COMMENT 'the level-0 concern its follow-up made, if it was one',
	created_at	DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) COMMENT 'when it was recorded',
	PRIMARY KEY (id),
	UNIQUE KEY consultation_public_id (public_id),
	KEY consultation_child (child_id),
	KEY consultation_author (author_id),
	KEY consultation_unit (unit_id, held_on),
	CONSTRAINT consultation_child_fk FOREIGN KEY (child_id) REFERENCES child (id),
	CONSTRAINT consultation_submission_fk FOREIGN KEY (submission_id) REFERENCES form_submission (id),
	CONSTRAINT consultation_author_fk FOREIGN KEY (author_id) REFERENCES app_user (id),
	CONSTRAINT consultation_unit_fk FOREIGN KEY (unit_id) REFERENCES unit (id),
	CONSTRAINT consultation_kindergarten_fk FOREIGN KEY (kindergarten_id) REFERENCES unit (id),
	CONSTRAINT consultation_health_clinic_fk FOREIGN KEY (health_clinic_id) REFERENCES unit (id),
	CONSTRAINT consultation_concern_fk FOREIGN KEY (concern_id) REFERENCES concern (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='the two-year consultation (2 år, og i gang): one record the two services and the parents share';

CREATE TABLE consultation_person (
	consultation_id	BIGINT UNSIGNED NOT NULL COMMENT 'the consultation',
	user_id		INT UNSIGNED NOT NULL COMMENT 'a professional of the kindergarten or the health clinic who took part',
	PRIMARY KEY (consultation_id, user_id),
	KEY consultation_person_user (user_id),
	CONSTRAINT consultation_person_fk FOREIGN KEY (consultation_id) REFERENCES consultation (id),
	CONSTRAINT consultation_person_user_fk FOREIGN KEY (user_id) REFERENCES app_user (id)
) ENGINE=InnoDB COMMENT='who took part in a two-year consultation, and so reads it';
