-- 0029_oidc.sql: logging in with ID-porten (guardians, youths) and with
-- the municipality's identity provider (staff), over OpenID Connect
-- (issue 18; fcgi/http/oidc.h).

-- A citizen is found by an HMAC of the identity number ID-porten gives
-- (the pid claim) under the server key, as a child is (child.nin_hmac):
-- the number itself is never stored.
ALTER TABLE app_user
	ADD COLUMN nin_hmac BINARY(32) NULL
		COMMENT 'HMAC-SHA256 of the identity number under the server key (citizens from ID-porten)',
	ADD UNIQUE KEY app_user_nin (nin_hmac);

-- A staff account is linked to its person at the provider by the
-- provider's stable subject (sub, or oid for Entra ID).
CREATE TABLE app_user_idp (
	provider	VARCHAR(20) NOT NULL COMMENT 'idporten or staff',
	subject		VARCHAR(255) NOT NULL COMMENT 'the provider''s stable name of the person',
	user_id		INT UNSIGNED NOT NULL COMMENT 'the account',
	created_at	DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) COMMENT 'when first linked',
	PRIMARY KEY (provider, subject),
	KEY app_user_idp_user (user_id),
	CONSTRAINT app_user_idp_user_fk FOREIGN KEY (user_id) REFERENCES app_user (id)
) ENGINE=InnoDB DEFAULT CHARSET=ascii COLLATE=ascii_bin
  COMMENT='which person at an identity provider an account is';

-- Which groups or app roles in the staff provider's token give which
-- role in which unit; the administrator keeps it (`stafett idp map`).
-- Nothing mapped, nothing let in.
CREATE TABLE idp_role_map (
	id		INT UNSIGNED NOT NULL AUTO_INCREMENT,
	claim_value	VARCHAR(255) NOT NULL COMMENT 'a group id or an app role as the token names it',
	role		ENUM('employee','leader','admin') NOT NULL COMMENT 'the role it gives',
	unit_id		INT UNSIGNED NULL COMMENT 'the unit it gives (NULL for administrators)',
	created_at	DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) COMMENT 'when it was added',
	PRIMARY KEY (id),
	UNIQUE KEY idp_role_map_value (claim_value),
	CONSTRAINT idp_role_map_unit_fk FOREIGN KEY (unit_id) REFERENCES unit (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin
  COMMENT='groups or app roles of the staff provider, and the role and unit each gives';

-- A login under way: the browser went to the provider and will come
-- back with a code and this state. One use, ten minutes.
CREATE TABLE oidc_login (
	state_hash	BINARY(32) NOT NULL COMMENT 'BLAKE2b of the state sent to the provider',
	browser_hash	BINARY(32) NOT NULL COMMENT 'BLAKE2b of the cookie that ties the login to the browser that began it',
	provider	VARCHAR(20) NOT NULL COMMENT 'idporten or staff',
	nonce		CHAR(43) NOT NULL COMMENT 'must come back in the ID token',
	verifier	CHAR(43) NOT NULL COMMENT 'the PKCE code verifier',
	next		VARCHAR(512) NOT NULL COMMENT 'the page to go to afterwards',
	kept		MEDIUMBLOB NULL COMMENT 'a form posted when the session had ended, urlencoded and sealed under the server key, resumed after',
	fresh		BOOLEAN NOT NULL DEFAULT FALSE COMMENT 'the provider was asked for a new proof (a sensitive action): the token must say it was given after this login began',
	created_at	DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) COMMENT 'when it began',
	PRIMARY KEY (state_hash),
	KEY oidc_login_created (created_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin
  COMMENT='logins sent to an identity provider and not yet back';

-- A session knows how and when its person proved who they are, and
-- follows the provider's session: found by the provider's sid or sub
-- when the provider logs the person out.
ALTER TABLE session
	ADD COLUMN provider VARCHAR(20) NULL COMMENT 'idporten or staff; NULL: a password',
	ADD COLUMN idp_sid VARCHAR(255) NULL COMMENT 'the provider''s session id (sid claim)',
	ADD COLUMN idp_sub VARCHAR(255) NULL COMMENT 'the provider''s subject',
	ADD COLUMN auth_time DATETIME(6) NULL COMMENT 'when the person last proved who they are',
	ADD COLUMN acr VARCHAR(64) NULL COMMENT 'the level of assurance of that proof',
	ADD COLUMN id_token_box VARBINARY(16424) NULL COMMENT 'the ID token, sealed under the server key, for logging out at the provider',
	ADD COLUMN refresh_box VARBINARY(8232) NULL COMMENT 'the refresh token, sealed, for checking with the provider again',
	ADD COLUMN checked_at DATETIME(6) NULL COMMENT 'when the provider last said the person is still there',
	ADD KEY session_idp_sid (provider, idp_sid),
	ADD KEY session_idp_sub (provider, idp_sub);

-- The population register's family relations, as the register adapter
-- keeps them (fcgi/case/folk.h): who has parental responsibility for
-- whom, both as HMACs of identity numbers.
CREATE TABLE folk_relation (
	parent_hmac	BINARY(32) NOT NULL COMMENT 'the adult',
	child_hmac	BINARY(32) NOT NULL COMMENT 'the child',
	parental_responsibility BOOLEAN NOT NULL COMMENT 'the adult has parental responsibility (foreldreansvar)',
	updated_at	DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) COMMENT 'when the register last said so',
	PRIMARY KEY (parent_hmac, child_hmac),
	KEY folk_relation_child (child_hmac)
) ENGINE=InnoDB COMMENT='family relations from the population register (Folkeregisteret)';

CREATE TABLE folk_person (
	person_hmac	BINARY(32) NOT NULL COMMENT 'HMAC of the identity number',
	name		VARCHAR(200) NOT NULL COMMENT 'the name the register gives',
	updated_at	DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) COMMENT 'when the register last said so',
	PRIMARY KEY (person_hmac)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='names from the population register, for the accounts made at login';

-- Which links of a citizen to a child the register made (and so takes
-- away again), and which a person made by hand (the demo's).
ALTER TABLE child_person
	ADD COLUMN source ENUM('manual','register') NOT NULL DEFAULT 'manual'
		COMMENT 'manual: made by hand; register: from the population register at login or when it changed';
