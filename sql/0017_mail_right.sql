-- 0017_mail_right.sql: an e-mail about a relay log goes only to someone
-- who may read that log when it is sent (the rule of the log page,
-- access.c), so a person whose consent lapsed is not invited, reminded
-- or told about the case any more. Such a person's outcome is recorded.

ALTER TABLE email_recipient
	MODIFY outcome ENUM('sent','refused','opted_out','no_address','no_access') NOT NULL
		COMMENT 'sent: the mail server took it; refused: a permanent SMTP refusal; opted_out: the person does not want this kind; no_address: no usable address or no active account; no_access: they may not read the relay log it is about any more';
