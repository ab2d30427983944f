-- 0009_measure_reminder.sql: the person responsible for a measure is
-- reminded a few days before its evaluation date (measure_remind_days),
-- once per date: evaluating it with a new date reminds again.

ALTER TABLE measure
	ADD COLUMN eval_reminded BOOLEAN NOT NULL DEFAULT FALSE
		COMMENT 'the responsible person has been reminded that the evaluation date is near; set back when the date changes'
		AFTER eval_flagged;
