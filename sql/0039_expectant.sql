-- 0039_expectant.sql: the expectant parents read the relay log of a
-- child not born yet (issue 20, item 7). Before the birth the population
-- register names no guardian of the child: the holder names the
-- expectant parents by their identity numbers, kept as HMACs only, and
-- they read the log (at once if they have logged in before, else at
-- their first login) until the birth is registered with the child's
-- number; from then the register says who the guardians are.

ALTER TABLE child_person
	MODIFY source ENUM('manual','register','expectant') NOT NULL DEFAULT 'manual'
		COMMENT 'manual: made by hand; register: from the population register; expectant: named by the holder before the birth';

CREATE TABLE child_expectant (
	child_id	BIGINT UNSIGNED NOT NULL COMMENT 'the child not born yet',
	person_hmac	BINARY(32) NOT NULL COMMENT 'HMAC of the expectant parent''s identity number',
	added_by	INT UNSIGNED NOT NULL COMMENT 'the holder who named them',
	added_at	DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) COMMENT 'when',
	PRIMARY KEY (child_id, person_hmac),
	KEY child_expectant_person (person_hmac),
	CONSTRAINT child_expectant_child_fk FOREIGN KEY (child_id)
		REFERENCES child (id) ON DELETE CASCADE,
	CONSTRAINT child_expectant_added_by_fk FOREIGN KEY (added_by)
		REFERENCES app_user (id)
) ENGINE=InnoDB COMMENT='the expectant parents of a child not born yet, named by the holder';
