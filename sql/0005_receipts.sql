-- 0005_receipts.sql: partners answering notices, and the messages that
-- follow a notice to the partner that had it.
--
-- A partner answers a notice later with POST /api/v1/receipts: it proves
-- who it is with a bearer token of its own (only the token's hash is
-- kept here) and signs the body with an inbound HMAC key, a file the web
-- workers can read (partner_inbound_dir), apart from the key notify signs
-- with, which they never can. Each answer is a row of notice_answer.
--
-- A handover notice or a cancellation goes to the partner that received
-- the original notice: the outbox row names that partner from the start,
-- and a cancellation names the notice it withdraws and why.

ALTER TABLE partner
	ADD COLUMN inbound_token_hash BINARY(32) NULL COMMENT 'BLAKE2b hash of the bearer token the partner sends its receipts with (NULL: it cannot send any)' AFTER status,
	ADD UNIQUE KEY partner_inbound_token (inbound_token_hash);

ALTER TABLE outbox
	ADD COLUMN cancels_id BIGINT UNSIGNED NULL COMMENT 'for a cancellation: the notice it withdraws (at most one cancellation per notice)' AFTER message_type,
	ADD COLUMN cancel_reason ENUM('consent_withdrawn','consent_expired','log_closed','sender_withdrew')
		NULL COMMENT 'for a cancellation: why the notice is withdrawn, as the message says it' AFTER cancels_id,
	ADD UNIQUE KEY outbox_cancels (cancels_id),
	ADD CONSTRAINT outbox_cancels_fk FOREIGN KEY (cancels_id) REFERENCES outbox (id);

-- The guardians' access log names the partner that wrote to the case.
ALTER TABLE audit
	ADD COLUMN partner_id INT UNSIGNED NULL COMMENT 'the partner that did it (its answer to a notice), when no user did' AFTER user_id;

CREATE TABLE notice_answer (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT COMMENT 'internal key',
	public_id	CHAR(22) NOT NULL COMMENT 'random id, given back to the partner',
	outbox_id	BIGINT UNSIGNED NOT NULL COMMENT 'the notice answered',
	partner_id	INT UNSIGNED NOT NULL COMMENT 'the partner that answered (the one the notice went to)',
	kind		ENUM('accepted','rejected','more_info') NOT NULL COMMENT 'the answer: accepted, rejected, or more information needed',
	reference	VARCHAR(100) NULL COMMENT 'the partner''s reference, given with an acceptance',
	text		TEXT NULL COMMENT 'the reason of a rejection, the question of a request for more, or a note with an acceptance',
	digest		BINARY(32) NOT NULL COMMENT 'BLAKE2b of kind, reference and text: the same answer sent again is the same row',
	at		DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) COMMENT 'when the answer arrived',
	PRIMARY KEY (id),
	UNIQUE KEY notice_answer_public_id (public_id),
	UNIQUE KEY notice_answer_once (outbox_id, digest),
	CONSTRAINT notice_answer_outbox_fk FOREIGN KEY (outbox_id) REFERENCES outbox (id),
	CONSTRAINT notice_answer_partner_fk FOREIGN KEY (partner_id) REFERENCES partner (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='partners'' answers to notices (receipts sent later), shown on the case';
