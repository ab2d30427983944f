-- 0020_request_replay.sql: every request that changes something may be
-- sent again safely. A client that got no answer (a worker killed after
-- the commit, a network cut, nginx's 502) sends the same request again
-- with the same key: the API's Idempotency-Key header, or the key a
-- browser form carries (the hidden field "idem"). The first request's
-- answer is stored in the same transaction as its effects, so a repeat
-- gets that answer and writes nothing; a repeat still running is waited
-- for (the unique key's lock), and a key used again for a different
-- request is refused. Rows are kept a day (notify's housekeeping).

CREATE TABLE request_replay (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT COMMENT 'internal key',
	principal	VARCHAR(24) NOT NULL COMMENT 'whose key: u<user id> or p<partner id>; the same key from two senders is two keys',
	key_hash	BINARY(32) NOT NULL COMMENT 'SHA-256 of the key (for a form: of its key and the action it posts to); the key itself is not kept',
	fingerprint	BINARY(32) NOT NULL COMMENT 'SHA-256 of the method, path, query, content type and body (a multipart body by its parts): a repeat must be the same request',
	route		VARCHAR(100) NOT NULL COMMENT 'the route pattern, for the operator (no ids, no personal data)',
	status		SMALLINT UNSIGNED NOT NULL COMMENT 'the first answer''s HTTP status',
	content_type	VARCHAR(100) NULL COMMENT 'the first answer''s content type',
	headers		TEXT NOT NULL COMMENT 'the first answer''s own header lines (Location, Set-Cookie)',
	body		MEDIUMBLOB NOT NULL COMMENT 'the first answer''s body: may hold personal data, so kept a day only',
	created_at	DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) COMMENT 'when the first request was carried out',
	PRIMARY KEY (id),
	UNIQUE KEY request_replay_key (principal, key_hash),
	KEY request_replay_created (created_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='the first answer to each request sent with a key, kept a day so that a repeat gets it and changes nothing';
