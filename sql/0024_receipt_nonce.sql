-- 0024_receipt_nonce.sql: a partner's receipt says when it was sent and
-- carries a nonce of its own (issue 15). A receipt more than five
-- minutes from the server's clock is refused, and a nonce is kept for a
-- day, well past that window, so a captured receipt cannot be sent
-- again later: an old "inform" replayed after a later "withhold" would
-- have shown the guardians a report child welfare keeps from them.

CREATE TABLE receipt_nonce (
	partner_id	INT UNSIGNED NOT NULL COMMENT 'the partner that sent it',
	nonce		VARCHAR(64) NOT NULL COMMENT 'the receipt''s own nonce',
	body_digest	BINARY(32) NOT NULL COMMENT 'BLAKE2b-256 of the whole body (secure_hash): the same body again is a retry, another one a replay',
	seen_at		DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) COMMENT 'when it came; purged after a day',
	PRIMARY KEY (partner_id, nonce),
	KEY receipt_nonce_seen (seen_at),
	CONSTRAINT receipt_nonce_partner_fk FOREIGN KEY (partner_id) REFERENCES partner (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='the nonces of partners'' receipts, for a day';
