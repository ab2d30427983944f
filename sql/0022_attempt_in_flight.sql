-- 0022_attempt_in_flight.sql: an attempt to deliver a notice is written
-- when the notice is claimed, in the claim's transaction, and completed
-- with its outcome in the same transaction as the notice's new state
-- (fcgi/deliver.c). A notify process that dies in between can no longer
-- lose the record of an attempt it made: it stays "in_flight", and
-- becomes "unknown" when the notice is claimed again. The sender sees
-- every attempt that was made.

ALTER TABLE delivery_attempt
	MODIFY outcome ENUM('delivered','acknowledged','retry','failed','dead','cancelled','in_flight','unknown')
		NOT NULL COMMENT 'what the attempt led to; in_flight: sent, no answer recorded yet; unknown: the process that sent it stopped before its answer was recorded (the partner may have it)',
	MODIFY finished_at DATETIME(6) NULL DEFAULT NULL
		COMMENT 'when the answer (or the failure) came; NULL while in flight';
