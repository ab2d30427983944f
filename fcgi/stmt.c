/* stmt.c: the SQL of every runtime statement (see stmt.h). */
#include "config.h"

#include "stmt.h"

struct stmt_def {
	const char	*name;
	const char	*sql;
};

/* Columns a principal is built from (auth.c reads them in this order). */
#define PRINCIPAL_COLS \
	"u.id, u.public_id, u.username, u.display_name, u.role, " \
	"u.unit_id, u.lang, un.name, un.kind"

static const struct stmt_def defs[STMT__COUNT] = {
	[STMT_BEGIN] = { "begin", "START TRANSACTION" },
	[STMT_COMMIT] = { "commit", "COMMIT" },
	[STMT_ROLLBACK] = { "rollback", "ROLLBACK" },

	/* (username) -> principal cols, password_hash */
	[STMT_USER_BY_NAME] = { "user_by_name",
	    "SELECT " PRINCIPAL_COLS ", u.password_hash"
	    " FROM app_user u LEFT JOIN unit un ON un.id = u.unit_id"
	    " WHERE u.username = ? AND u.active" },
	/* (hash, username) */
	[STMT_USER_SET_PASSWORD] = { "user_set_password",
	    "UPDATE app_user SET password_hash = ? WHERE username = ?" },
	/* (name_hash, window minutes) -> count */
	[STMT_LOGIN_FAILURES] = { "login_failures",
	    "SELECT COUNT(*) FROM login_failure"
	    " WHERE name_hash = ? AND at > NOW(6) - INTERVAL ? MINUTE" },
	/* (name_hash) */
	[STMT_LOGIN_FAILURE_ADD] = { "login_failure_add",
	    "INSERT INTO login_failure (name_hash) VALUES (?)" },
	/* (name_hash) */
	[STMT_LOGIN_FAILURE_CLEAR] = { "login_failure_clear",
	    "DELETE FROM login_failure WHERE name_hash = ?" },
	/* (window minutes) */
	[STMT_LOGIN_FAILURE_PURGE] = { "login_failure_purge",
	    "DELETE FROM login_failure WHERE at < NOW(6) - INTERVAL ? MINUTE" },

	/* (token_hash, user_id, csrf) */
	[STMT_SESSION_CREATE] = { "session_create",
	    "INSERT INTO session (token_hash, user_id, csrf, created_at,"
	    " last_seen) VALUES (?, ?, ?, NOW(6), NOW(6))" },
	/* (token_hash, idle minutes, absolute minutes)
	 * -> principal cols, csrf, seconds since last seen */
	[STMT_SESSION_GET] = { "session_get",
	    "SELECT " PRINCIPAL_COLS ", s.csrf,"
	    " TIMESTAMPDIFF(SECOND, s.last_seen, NOW(6))"
	    " FROM session s JOIN app_user u ON u.id = s.user_id"
	    " LEFT JOIN unit un ON un.id = u.unit_id"
	    " WHERE s.token_hash = ? AND u.active"
	    " AND s.last_seen > NOW(6) - INTERVAL ? MINUTE"
	    " AND s.created_at > NOW(6) - INTERVAL ? MINUTE" },
	/* (token_hash) */
	[STMT_SESSION_TOUCH] = { "session_touch",
	    "UPDATE session SET last_seen = NOW(6) WHERE token_hash = ?" },
	/* (token_hash) */
	[STMT_SESSION_DELETE] = { "session_delete",
	    "DELETE FROM session WHERE token_hash = ?" },
	/* (idle minutes, absolute minutes) */
	[STMT_SESSION_PURGE] = { "session_purge",
	    "DELETE FROM session WHERE last_seen < NOW(6) - INTERVAL ? MINUTE"
	    " OR created_at < NOW(6) - INTERVAL ? MINUTE" },

	/* (public_id, token_hash, label, username) */
	[STMT_TOKEN_CREATE] = { "token_create",
	    "INSERT INTO api_token (public_id, user_id, token_hash, label)"
	    " SELECT ?, id, ?, ? FROM app_user WHERE username = ? AND active" },
	/* (token_hash) -> principal cols */
	[STMT_TOKEN_GET] = { "token_get",
	    "SELECT " PRINCIPAL_COLS
	    " FROM api_token t JOIN app_user u ON u.id = t.user_id"
	    " LEFT JOIN unit un ON un.id = u.unit_id"
	    " WHERE t.token_hash = ? AND t.revoked_at IS NULL AND u.active" },
	/* (public_id) */
	[STMT_TOKEN_REVOKE] = { "token_revoke",
	    "UPDATE api_token SET revoked_at = NOW(6)"
	    " WHERE public_id = ? AND revoked_at IS NULL" },
	/* (username) -> public_id, label, created_at, revoked_at */
	[STMT_TOKEN_LIST] = { "token_list",
	    "SELECT t.public_id, t.label, t.created_at, t.revoked_at"
	    " FROM api_token t JOIN app_user u ON u.id = t.user_id"
	    " WHERE u.username = ? ORDER BY t.id" },

	/* (nin_hmac) -> id. A plain consistent read: no lock on the child,
	 * so concerns about one child do not queue behind each other. */
	[STMT_CHILD_BY_NIN] = { "child_by_nin",
	    "SELECT id FROM child WHERE nin_hmac = ?" },
	/* (public_id, nin_hmac, name, birth_date); a concurrent insert of
	 * the same child fails on the unique key and the caller retries */
	[STMT_CHILD_INSERT_NIN] = { "child_insert_nin",
	    "INSERT INTO child (public_id, nin_hmac, name, birth_date)"
	    " VALUES (?, ?, ?, ?)" },
	/* (public_id, name, birth_date) */
	[STMT_CHILD_INSERT] = { "child_insert",
	    "INSERT INTO child (public_id, name, birth_date)"
	    " VALUES (?, ?, ?)" },
	/* (public_id, form_id, form_version, instance, author_id) */
	[STMT_SUBMISSION_INSERT] = { "submission_insert",
	    "INSERT INTO form_submission (public_id, form_id, form_version,"
	    " instance, author_id) VALUES (?, ?, ?, ?, ?)" },
	/* (public_id) -> id, public_id, form_id, form_version, instance,
	 * author_id, created_at, author name */
	[STMT_SUBMISSION_GET] = { "submission_get",
	    "SELECT s.id, s.public_id, s.form_id, s.form_version, s.instance,"
	    " s.author_id, DATE_FORMAT(s.created_at, '%Y-%m-%dT%H:%i:%sZ'),"
	    " a.display_name"
	    " FROM form_submission s JOIN app_user a ON a.id = s.author_id"
	    " WHERE s.public_id = ?" },
	/* (public_id, form_id, form_version, author_id, instance, ttl hours) */
	[STMT_DRAFT_INSERT] = { "draft_insert",
	    "INSERT INTO form_draft (public_id, form_id, form_version,"
	    " author_id, instance, expires_at)"
	    " VALUES (?, ?, ?, ?, ?, NOW(6) + INTERVAL ? HOUR)" },
	/* (instance, ttl hours, public_id, author_id): only its author's,
	 * only while it lives */
	[STMT_DRAFT_UPDATE] = { "draft_update",
	    "UPDATE form_draft SET instance = ?, updated_at = NOW(6),"
	    " expires_at = NOW(6) + INTERVAL ? HOUR"
	    " WHERE public_id = ? AND author_id = ? AND expires_at > NOW(6)" },
	/* (public_id, author_id) -> form_id, form_version, instance,
	 * updated_at, expires_at */
	[STMT_DRAFT_GET] = { "draft_get",
	    "SELECT form_id, form_version, instance,"
	    " DATE_FORMAT(updated_at, '%Y-%m-%dT%H:%i:%sZ'),"
	    " DATE_FORMAT(expires_at, '%Y-%m-%dT%H:%i:%sZ')"
	    " FROM form_draft WHERE public_id = ? AND author_id = ?"
	    " AND expires_at > NOW(6)" },
	/* (public_id, author_id) */
	[STMT_DRAFT_DELETE] = { "draft_delete",
	    "DELETE FROM form_draft WHERE public_id = ? AND author_id = ?" },
	/* (author_id) -> public_id, form_id, form_version, updated_at,
	 * expires_at */
	[STMT_DRAFT_LIST] = { "draft_list",
	    "SELECT public_id, form_id, form_version,"
	    " DATE_FORMAT(updated_at, '%Y-%m-%dT%H:%i:%sZ'),"
	    " DATE_FORMAT(expires_at, '%Y-%m-%dT%H:%i:%sZ')"
	    " FROM form_draft WHERE author_id = ? AND expires_at > NOW(6)"
	    " ORDER BY updated_at DESC LIMIT 50" },
	/* () */
	[STMT_DRAFT_PURGE] = { "draft_purge",
	    "DELETE FROM form_draft WHERE expires_at <= NOW(6)" },
	/* (public_id, reference, unit_id, author_id, child_id, submission_id,
	 *  anonymous, urgent, deadline) */
	[STMT_CONCERN_INSERT] = { "concern_insert",
	    "INSERT INTO concern (public_id, reference, unit_id, author_id,"
	    " child_id, submission_id, anonymous, urgent, deadline)"
	    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)" },
	/* (public_id) -> id, public_id, reference, unit_id, author_id,
	 * child_id, anonymous, urgent, level, status, deadline, created_at,
	 * form_id, form_version, instance, unit name, author name,
	 * child name */
	[STMT_CONCERN_GET] = { "concern_get",
	    "SELECT c.id, c.public_id, c.reference, c.unit_id, c.author_id,"
	    " c.child_id, c.anonymous, c.urgent, c.level, c.status,"
	    " c.deadline, DATE_FORMAT(c.created_at, '%Y-%m-%dT%H:%i:%sZ'),"
	    " s.form_id, s.form_version, s.instance, un.name,"
	    " a.display_name, ch.name"
	    " FROM concern c JOIN form_submission s ON s.id = c.submission_id"
	    " JOIN unit un ON un.id = c.unit_id"
	    " JOIN app_user a ON a.id = c.author_id"
	    " LEFT JOIN child ch ON ch.id = c.child_id"
	    " WHERE c.public_id = ?" },
#define CONCERN_LIST_COLS \
	"SELECT c.id, c.public_id, c.reference, c.level, c.status," \
	" c.deadline, DATE_FORMAT(c.created_at, '%Y-%m-%dT%H:%i:%sZ')," \
	" c.urgent, c.anonymous, ch.name, a.display_name, c.child_id" \
	" FROM concern c JOIN app_user a ON a.id = c.author_id" \
	" LEFT JOIN child ch ON ch.id = c.child_id"
/* The two start-page lists; the audit statements below record exactly
 * the rows these select, so the WHERE and LIMIT must stay the same. */
#define LIST_AUTHOR " WHERE c.author_id = ? AND c.status = 'open'" \
	" ORDER BY c.deadline, c.id LIMIT 200"
#define LIST_UNIT " WHERE c.unit_id = ? AND c.status = 'open'" \
	" ORDER BY c.deadline, c.id LIMIT 200"
	/* (author_id) -> list cols */
	[STMT_CONCERN_LIST_AUTHOR] = { "concern_list_author",
	    CONCERN_LIST_COLS LIST_AUTHOR },
	/* (unit_id) -> list cols */
	[STMT_CONCERN_LIST_UNIT] = { "concern_list_unit",
	    CONCERN_LIST_COLS LIST_UNIT },
	/* (public_id, kind, unit_id, concern_id, idempotency_key, payload) */
	[STMT_OUTBOX_INSERT] = { "outbox_insert",
	    "INSERT INTO outbox (public_id, kind, unit_id, concern_id,"
	    " idempotency_key, payload) VALUES (?, ?, ?, ?, ?, ?)" },
	/* () -> code, name, kind, external */
	[STMT_UNIT_LIST] = { "unit_list",
	    "SELECT code, name, kind, external FROM unit ORDER BY name" },
	/* (user_id, role, action, object_type, object_id, child_id,
	 *  request_id) */
	[STMT_AUDIT_INSERT] = { "audit_insert",
	    "INSERT INTO audit (user_id, role, action, object_type, object_id,"
	    " child_id, request_id) VALUES (?, ?, ?, ?, ?, ?, ?)" },
	/* (user_id, role, request_id, author_id) */
	[STMT_AUDIT_LIST_AUTHOR] = { "audit_list_author",
	    "INSERT INTO audit (user_id, role, action, object_type, object_id,"
	    " child_id, request_id) SELECT ?, ?, 'list', 'concern', c.id,"
	    " c.child_id, ? FROM concern c" LIST_AUTHOR },
	/* (user_id, role, request_id, unit_id) */
	[STMT_AUDIT_LIST_UNIT] = { "audit_list_unit",
	    "INSERT INTO audit (user_id, role, action, object_type, object_id,"
	    " child_id, request_id) SELECT ?, ?, 'list', 'concern', c.id,"
	    " c.child_id, ? FROM concern c" LIST_UNIT },
};

const char *
stmt_sql(enum stmt_id id)
{
	return defs[id].sql;
}

const char *
stmt_name(enum stmt_id id)
{
	return defs[id].name;
}
