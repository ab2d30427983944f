/* stmt.c: the SQL of every runtime statement (see stmt.h). */
#include "config.h"

#include <string.h>

#include "stmt.h"

struct stmt_def {
	const char	*name;
	const char	*sql;
};

/*
 * The municipality outbox row O belongs to: its partner's, else its
 * log's or concern's (their unit's), else its person's (an e-mail).
 */
#define OUTBOX_MUNICIPALITY(O) \
	"COALESCE((SELECT om1.municipality_id FROM partner om1" \
	" WHERE om1.id = " O ".partner_id), (SELECT om2.municipality_id" \
	" FROM relay_log oml JOIN unit om2 ON om2.id = oml.home_unit_id" \
	" WHERE oml.id = " O ".log_id), (SELECT om3.municipality_id" \
	" FROM concern omc JOIN unit om3 ON om3.id = omc.unit_id" \
	" WHERE omc.id = " O ".concern_id), (SELECT om4.municipality_id" \
	" FROM app_user om4 WHERE om4.id = " O ".user_id))"

/* Columns a principal is built from (auth.c reads them in this order). */
#define PRINCIPAL_COLS \
	"u.id, u.public_id, u.username, u.display_name, u.role, " \
	"u.unit_id, u.lang, un.name, un.kind, u.municipality_id, " \
	"(SELECT GROUP_CONCAT(sv.municipality_id) FROM unit_served sv " \
	"WHERE sv.unit_id = u.unit_id)"

/*
 * A consent valid today (two date parameters) covers the kind of service
 * KIND on log LOG: the rule participants, handovers and notices obey.
 */
/*
 * What child welfare withholds from the guardians (0010_withheld.sql):
 * WITHHELD_SUB(S) is true of a submission id S withheld.
 * NOTICE_WITHHELD(O) of an outbox row O that tells of one: the report's
 * own notice, and the handover notices and cancellations that went to
 * the partner the withheld report went to (in the same log), which would
 * show that it got one. EVENT_WITHHELD(E) of a timeline event about any
 * of these: the report's own event (ref submission), one about such a
 * notice (answers, confirmations, retries: ref notice), and one saying
 * what that partner was told (ref partner). AUDIT_WITHHELD(A) of an
 * access-log line about them: writing the report (audited against the
 * log or the concern, so matched by the child too), such a notice and
 * an answer to it. The citizens' views leave these out.
 */
#define WITHHELD_SUB(S) \
	"EXISTS (SELECT 1 FROM form_submission ws WHERE ws.id = " S \
	" AND ws.withheld_at IS NOT NULL)"
#define WITHHELD_TO(LOG, PARTNER) \
	"EXISTS (SELECT 1 FROM outbox wc WHERE wc.log_id = " LOG \
	" AND wc.partner_id = " PARTNER " AND wc.kind = 'cw_report' AND " \
	WITHHELD_SUB("wc.submission_id") ")"
#define NOTICE_WITHHELD(O) \
	"(" WITHHELD_SUB(O ".submission_id") " OR (" O ".kind IN" \
	" ('handover', 'cancellation') AND " \
	WITHHELD_TO(O ".log_id", O ".partner_id") "))"
#define EVENT_WITHHELD(E) \
	"((" E ".ref_type = 'submission' AND EXISTS (SELECT 1 FROM" \
	" form_submission ws WHERE ws.public_id = " E ".ref_public_id" \
	" AND ws.withheld_at IS NOT NULL)) OR (" E ".ref_type = 'notice'" \
	" AND EXISTS (SELECT 1 FROM outbox wo WHERE wo.public_id = " \
	E ".ref_public_id AND " NOTICE_WITHHELD("wo") ")) OR (" E \
	".ref_type = 'partner' AND EXISTS (SELECT 1 FROM partner wp WHERE" \
	" wp.public_id = " E ".ref_public_id AND " \
	WITHHELD_TO(E ".log_id", "wp.id") ")))"
#define AUDIT_CW_WITHHELD(A) \
	"(" A ".object_type = 'cw-report' AND EXISTS (SELECT 1 FROM outbox" \
	" wo LEFT JOIN relay_log wl ON wl.id = wo.log_id LEFT JOIN concern" \
	" wk ON wk.id = wo.concern_id WHERE wo.kind = 'cw_report' AND" \
	" ((wo.log_id = " A ".object_id AND wl.child_id = " A ".child_id)" \
	" OR (wo.concern_id = " A ".object_id AND wk.child_id = " A \
	".child_id)) AND " WITHHELD_SUB("wo.submission_id") "))"
/* ... and every other line the request that wrote such a report left
 * (the read of the log it was written from, say): the guardians would
 * see someone change or read their child's log at that minute for no
 * reason they are shown. */
#define AUDIT_WITHHELD(A) \
	"(" AUDIT_CW_WITHHELD(A) " OR EXISTS (SELECT 1 FROM audit wr" \
	" WHERE wr.child_id = " A ".child_id AND wr.object_type =" \
	" 'cw-report' AND wr.request_id = " A ".request_id AND " \
	AUDIT_CW_WITHHELD("wr") ") OR (" A \
	".object_type = 'notice_answer' AND EXISTS (SELECT 1 FROM" \
	" notice_answer na JOIN outbox wo ON wo.id = na.outbox_id WHERE" \
	" na.id = " A ".object_id AND " NOTICE_WITHHELD("wo") ")) OR (" A \
	".object_type = 'notice' AND EXISTS (SELECT 1 FROM outbox wo WHERE" \
	" wo.id = " A ".object_id AND " NOTICE_WITHHELD("wo") ")))"

#define COVERS(LOG, KIND) \
	"EXISTS (SELECT 1 FROM consent cv JOIN consent_service cs" \
	" ON cs.consent_id = cv.id WHERE cv.log_id = " LOG \
	" AND cv.status = 'active' AND cv.valid_from <= ?" \
	" AND cv.expires >= ? AND cs.service = " KIND ")"
/* A due partner notice may go now: its partner is active and the
 * notice a cancellation withdraws is not being sent this moment. Scalar
 * subqueries, not EXISTS: MariaDB turns EXISTS into a semi-join that
 * reads the partner first, then every due row, and sorts them. */
#define OUTBOX_SENDABLE \
	" AND (SELECT p.status FROM partner p WHERE p.id = o.partner_id)" \
	" = 'active' AND COALESCE((SELECT oc.status FROM outbox oc" \
	" WHERE oc.id = o.cancels_id), '') <> 'in_flight'"
/*
 * A consent valid on TODAY (a date) of log LOG covers the person UID of
 * unit UNIT: it names their unit and, when it names persons of that
 * unit (named_only), them (0014_consent_units.sql). The rule every
 * participant is held to, on every request.
 */
#define COVERS_PERSON(LOG, UID, UNIT, TODAY) \
	"EXISTS (SELECT 1 FROM consent cv JOIN consent_unit cu" \
	" ON cu.consent_id = cv.id WHERE cv.log_id = " LOG \
	" AND cv.status = 'active' AND " TODAY " BETWEEN cv.valid_from" \
	" AND cv.expires AND cu.unit_id = " UNIT \
	" AND (NOT cu.named_only OR EXISTS (SELECT 1 FROM consent_person cq" \
	" WHERE cq.consent_id = cv.id AND cq.user_id = " UID ")))"
/*
 * The reader of a statement that decides rights, as one row rd (user
 * id, unit id, today): the first thing in its FROM, so its three
 * parameters come first (after any in the select list, which the
 * statements using it do not have).
 */
#define READER "(SELECT ? AS uid, ? AS unit, CAST(? AS DATE) AS today) rd"
/*
 * What the access rules (access.h, struct log_facts) need to know about
 * log L and the reader rd, as LOG_NFACTS columns in this order: holder,
 * home unit, status, whether the reader takes part, whether their
 * person is covered (the log's own unit, or COVERS_PERSON), their
 * relation to the child (guardian, self or NULL), the child's birth
 * date, the log's municipality (its home unit's). All NULL when L is (an
 * outer join found no log).
 * caselog_facts() reads them; access_log() decides: one rule for the
 * log page, every list on every start page, the concerns passed to a
 * log, and the e-mails.
 */
#define LOG_FACTS(L) \
	" " L ".holder_id, " L ".home_unit_id, " L ".status," \
	" (SELECT COUNT(*) FROM log_participant fp WHERE fp.log_id = " L \
	".id AND fp.user_id = rd.uid AND fp.removed_at IS NULL)," \
	" (" L ".home_unit_id = rd.unit OR " \
	COVERS_PERSON(L ".id", "rd.uid", "rd.unit", "rd.today") ")," \
	" (SELECT fc.relation FROM child_person fc WHERE fc.child_id = " L \
	".child_id AND fc.user_id = rd.uid)," \
	" (SELECT fb.birth_date FROM child fb WHERE fb.id = " L ".child_id)," \
	" (SELECT fm.municipality_id FROM unit fm WHERE fm.id = " L \
	".home_unit_id)"
/*
 * What access_consultation needs about consultation K and the reader
 * rd, as CONSULTATION_NFACTS columns: author, the author's unit, the
 * kindergarten and the health clinic the consent names, whether the
 * reader took part, their relation to the child, the child's birth
 * date, its municipality (the author's unit's; consult.c reads them).
 */
#define CONSULTATION_FACTS(K) \
	" " K ".author_id, " K ".unit_id, " K ".kindergarten_id, " K \
	".health_clinic_id, EXISTS (SELECT 1 FROM consultation_person kp" \
	" WHERE kp.consultation_id = " K ".id AND kp.user_id = rd.uid)," \
	" (SELECT kc.relation FROM child_person kc WHERE kc.child_id = " K \
	".child_id AND kc.user_id = rd.uid)," \
	" (SELECT kb.birth_date FROM child kb WHERE kb.id = " K ".child_id)," \
	" (SELECT km.municipality_id FROM unit km WHERE km.id = " K \
	".unit_id)"
/* id, public_id, reference, child_id, home_unit_id, level, level_since,
 * holder public_id, holder name, holder unit name, child name, home unit
 * name, created_at, closed_at, view version, view epoch, whether
 * concerns passed to it wait, whether its concerns made notices before
 * they joined it (the page reads those only then: a second query each
 * read of every log would cost them all), and then LOG_FACTS: params
 * (user_id, unit_id, today) and the key */
#define LOG_COLS \
	"SELECT l.id, l.public_id, l.reference, l.child_id, l.home_unit_id," \
	" l.level, l.level_since, h.public_id," \
	" h.display_name, hu.name, ch.name, hm.name," \
	" DATE_FORMAT(l.created_at, '%Y-%m-%dT%H:%i:%sZ')," \
	" DATE_FORMAT(l.closed_at, '%Y-%m-%dT%H:%i:%sZ')," \
	" COALESCE((SELECT lv.v FROM log_version lv" \
	" WHERE lv.log_id = l.id), 0)," \
	" (SELECT ve.v FROM view_epoch ve WHERE ve.id = 1)," \
	" EXISTS (SELECT 1 FROM concern pk WHERE pk.passed_log_id = l.id" \
	" AND pk.passed_state = 'pending')," \
	" EXISTS (SELECT 1 FROM concern nk JOIN outbox nq ON nq.concern_id =" \
	" nk.id WHERE nk.log_id = l.id AND nq.log_id IS NULL" \
	OUTBOX_TO_PARTNER_OF("nq") ")," \
	" ch.expected_date, ch.nin_hmac IS NOT NULL, l.family_language," \
	" l.interpreter_needed," \
	LOG_FACTS("l") \
	" FROM " READER " JOIN relay_log l" \
	" JOIN app_user h ON h.id = l.holder_id" \
	" LEFT JOIN unit hu ON hu.id = h.unit_id" \
	" JOIN child ch ON ch.id = l.child_id" \
	" JOIN unit hm ON hm.id = l.home_unit_id"
/* id, public_id, reference, level, status, child name, holder name,
 * child_id, created_at, then LOG_FACTS: a start page's logs, for the
 * reader rd (params user_id, unit_id, today) */
#define LOG_LIST_COLS \
	"SELECT l.id, l.public_id, l.reference, l.level, l.status, ch.name," \
	" h.display_name, l.child_id," \
	" DATE_FORMAT(l.created_at, '%Y-%m-%dT%H:%i:%sZ')," LOG_FACTS("l") \
	" FROM " READER " JOIN relay_log l" \
	" JOIN child ch ON ch.id = l.child_id" \
	" JOIN app_user h ON h.id = l.holder_id"
/* public_id, at, actor name, actor_role, kind, summary, ref_type,
 * ref_public_id, msg, args (0025_event_message.sql) */
#define EVENT_COLS \
	"SELECT e.public_id, DATE_FORMAT(e.at, '%Y-%m-%dT%H:%i:%sZ')," \
	" u.display_name, e.actor_role, e.kind, e.summary, e.ref_type," \
	" e.ref_public_id, e.msg, e.args FROM case_event e" \
	" LEFT JOIN app_user u ON u.id = e.actor_id"
/*
 * A notice to a partner that waits with nobody to take it: queued (or
 * failed, to be tried again) and either routed to no partner with no
 * active partner of its service's kind that takes its type, or routed
 * to a partner that is paused (a paused partner keeps its notices).
 * Nothing sends it until an administrator registers or resumes one:
 * it must never look sent (0012_no_receiver.sql).
 */
#define NO_RECEIVER(O) \
	"(" O ".status IN ('queued', 'failed') AND (" O ".message_type IS" \
	" NOT NULL OR " O ".kind IN ('referral', 'nav_notice', 'cw_report'))" \
	" AND IF(" O ".partner_id IS NULL, NOT EXISTS (SELECT 1 FROM" \
	" partner rp WHERE rp.status = 'active' AND rp.kind = COALESCE(" \
	O ".service, 'child_welfare') AND FIND_IN_SET(" O ".kind," \
	" rp.accepts) AND rp.municipality_id = " OUTBOX_MUNICIPALITY(O) \
	"), NOT EXISTS (SELECT 1 FROM partner rp WHERE rp.id =" \
	" " O ".partner_id AND rp.status = 'active')))"
/* NULL (it has a receiver), 'paused' (its partner is paused, or the
 * only ones that would take it are) or 'none' (no partner takes it) */
#define NO_RECEIVER_STATE(O) \
	"IF(" NO_RECEIVER(O) ", IF(" O ".partner_id IS NOT NULL OR EXISTS" \
	" (SELECT 1 FROM partner rq WHERE rq.kind = COALESCE(" O ".service," \
	" 'child_welfare') AND FIND_IN_SET(" O ".kind, rq.accepts)" \
	" AND rq.municipality_id = " OUTBOX_MUNICIPALITY(O) ")," \
	" 'paused', 'none'), NULL)"
/* kind, status, service, created_at, partner name, partner_ref, and the
 * latest answer's kind, text, reference and time, public_id, kind of
 * the notice it cancels, NO_RECEIVER_STATE, created_at and id to sort
 * by, and whether it was ever tried (a cancelled one may have reached
 * the partner): notices to partners (the WHERE follows) */
#define OUTBOX_LIST_COLS \
	"SELECT o.kind, o.status, o.service," \
	" DATE_FORMAT(o.created_at, '%Y-%m-%dT%H:%i:%sZ'), p.name," \
	" o.partner_ref, a.kind, a.text, a.reference," \
	" DATE_FORMAT(a.at, '%Y-%m-%dT%H:%i:%sZ'), o.public_id, oc.kind, " \
	NO_RECEIVER_STATE("o") ", o.created_at, o.id, o.attempts > 0" \
	" FROM outbox o LEFT JOIN partner p ON p.id = o.partner_id" \
	" LEFT JOIN notice_answer a ON a.id = (SELECT MAX(a2.id) FROM" \
	" notice_answer a2 WHERE a2.outbox_id = o.id)" \
	" LEFT JOIN outbox oc ON oc.id = o.cancels_id"
#define OUTBOX_TO_PARTNER_OF(O) \
	" AND (" O ".service IS NOT NULL" \
	" OR " O ".kind IN ('cw_report', 'cancellation'))"
#define OUTBOX_TO_PARTNER OUTBOX_TO_PARTNER_OF("o")
/* (log_id, log_id): a log's notices, and those its concerns made before
 * they joined it (a report of concern made at the concern stage keeps
 * its concern and no log: its event moved into the log, the notice
 * did not); filter is " AND ..." or "" */
#define OUTBOX_LIST_LOG(FILTER) \
	OUTBOX_LIST_COLS " WHERE o.log_id = ?" OUTBOX_TO_PARTNER FILTER \
	" UNION ALL " OUTBOX_LIST_COLS " WHERE o.log_id IS NULL AND" \
	" o.concern_id IN (SELECT k.id FROM concern k WHERE k.log_id = ?)" \
	OUTBOX_TO_PARTNER FILTER " ORDER BY 14 DESC, 15 DESC LIMIT 200"
/* (log_id): the same of a log none of whose concerns made notices before
 * they joined it, as most logs: one query, no union to sort */
#define OUTBOX_LIST_LOG_ONLY(FILTER) \
	OUTBOX_LIST_COLS " WHERE o.log_id = ?" OUTBOX_TO_PARTNER FILTER \
	" ORDER BY o.created_at DESC, o.id DESC LIMIT 200"
/* id, public_id, log_id, method, purpose, valid_from, expires, status,
 * valid today, services (kinds), attachment public_id, created by,
 * created_at, withdrawn_at, withdrawn by, submission_id, the units it
 * names (each named_only 0/1 and the name, separated by \x1f), the
 * persons it names (each public id and name, the same way). The
 * services come from a subquery, not a join grouped by consent: grouping
 * rows that carry the purpose (TEXT) made MariaDB build an on-disk
 * temporary table on every read of a log. */
#define CONSENT_COLS \
	"SELECT c.id, c.public_id, c.log_id, c.method, c.purpose," \
	" c.valid_from, c.expires, c.status," \
	" (c.status = 'active' AND c.valid_from <= ? AND c.expires >= ?)," \
	" (SELECT GROUP_CONCAT(cs.service ORDER BY cs.service SEPARATOR ' ')" \
	" FROM consent_service cs WHERE cs.consent_id = c.id)," \
	" (SELECT MAX(ca.public_id) FROM consent_attachment ca" \
	" WHERE ca.consent_id = c.id), cu.display_name," \
	" DATE_FORMAT(c.created_at, '%Y-%m-%dT%H:%i:%sZ')," \
	" DATE_FORMAT(c.withdrawn_at, '%Y-%m-%dT%H:%i:%sZ'), wu.display_name," \
	" c.submission_id," \
	" (SELECT GROUP_CONCAT(CONCAT(ku.named_only, kn.name)" \
	" ORDER BY kn.name" \
	" SEPARATOR '\x1f') FROM consent_unit ku JOIN unit kn" \
	" ON kn.id = ku.unit_id WHERE ku.consent_id = c.id)," \
	" (SELECT GROUP_CONCAT(CONCAT(kpu.public_id, kpu.display_name)" \
	" ORDER BY kpu.display_name SEPARATOR '\x1f') FROM consent_person kp" \
	" JOIN app_user kpu ON kpu.id = kp.user_id WHERE kp.consent_id = c.id)"
#define CONSENT_FROM \
	" FROM consent c JOIN app_user cu ON cu.id = c.created_by" \
	" LEFT JOIN app_user wu ON wu.id = c.withdrawn_by"
/* id, public_id, log_id, from_id, to_id, status, reason, answer,
 * created_at, decided_at, from name, to name, to public_id, log
 * public_id, log reference, requested_by, submission_id */
#define HANDOVER_SELECT \
	"SELECT h.id, h.public_id, h.log_id, h.from_id, h.to_id, h.status," \
	" h.reason, h.answer," \
	" DATE_FORMAT(h.created_at, '%Y-%m-%dT%H:%i:%sZ')," \
	" DATE_FORMAT(h.decided_at, '%Y-%m-%dT%H:%i:%sZ'), fu.display_name," \
	" tu.display_name, tu.public_id, l.public_id, l.reference," \
	" h.requested_by, h.submission_id"
#define HANDOVER_JOINS \
	" handover h JOIN relay_log l ON l.id = h.log_id" \
	" JOIN app_user fu ON fu.id = h.from_id" \
	" JOIN app_user tu ON tu.id = h.to_id"
#define HANDOVER_COLS HANDOVER_SELECT " FROM" HANDOVER_JOINS
/* id, public_id, log_id, what, goal, responsible_id, responsible name,
 * responsible public_id, start_date, eval_date, status, result,
 * overdue (eval_date before today), log public_id, log reference,
 * holder_id */
#define MEASURE_SELECT(TODAY) \
	"SELECT m.id, m.public_id, m.log_id, m.what, m.goal," \
	" m.responsible_id," \
	" ru.display_name, ru.public_id, m.start_date, m.eval_date, m.status," \
	" m.result, (m.status = 'active' AND m.eval_date < " TODAY ")," \
	" l.public_id, l.reference, l.holder_id"
#define MEASURE_JOINS \
	" measure m JOIN app_user ru ON ru.id = m.responsible_id" \
	" JOIN relay_log l ON l.id = m.log_id"
#define MEASURE_COLS MEASURE_SELECT("?") " FROM" MEASURE_JOINS
/* id, public_id, log_id, starts_at, place, agenda, invitees' names,
 * log public_id, log reference */
#define MEETING_SELECT \
	"SELECT m.id, m.public_id, m.log_id," \
	" DATE_FORMAT(m.starts_at, '%Y-%m-%dT%H:%i'), m.place, m.agenda," \
	" (SELECT GROUP_CONCAT(iu.display_name ORDER BY iu.display_name" \
	" SEPARATOR ', ') FROM meeting_invitee mi2 JOIN app_user iu" \
	" ON iu.id = mi2.user_id WHERE mi2.meeting_id = m.id)," \
	" l.public_id, l.reference, m.family_invited, m.family_meeting"
#define MEETING_COLS MEETING_SELECT \
	" FROM meeting m JOIN relay_log l ON l.id = m.log_id"
/* id, public_id, log_id, meeting_id, submission_id, status, corrects_id,
 * author_id, author name, created_at, finalised_at, meeting public_id,
 * corrects public_id, meeting starts_at */
#define MINUTES_COLS \
	"SELECT mi.id, mi.public_id, mi.log_id, mi.meeting_id," \
	" mi.submission_id, mi.status, mi.corrects_id, mi.author_id," \
	" au.display_name," \
	" DATE_FORMAT(mi.created_at, '%Y-%m-%dT%H:%i:%sZ')," \
	" DATE_FORMAT(mi.finalised_at, '%Y-%m-%dT%H:%i:%sZ'), me.public_id," \
	" co.public_id, DATE_FORMAT(me.starts_at, '%Y-%m-%dT%H:%i')"
/* The states of a notice that a partner's answer turns into
 * acknowledged (h_receipt.c says the same to the partner). */
#define ANSWERABLE \
	"('queued', 'delivered', 'in_flight', 'failed', 'dead')"
#define MINUTES_FROM \
	"minutes mi JOIN app_user au ON au.id = mi.author_id" \
	" JOIN form_submission s ON s.id = mi.submission_id" \
	" LEFT JOIN meeting me ON me.id = mi.meeting_id" \
	" LEFT JOIN minutes co ON co.id = mi.corrects_id"

static const struct stmt_def defs[STMT__COUNT] = {
	[STMT_BEGIN] = { "begin", "START TRANSACTION" },
	[STMT_COMMIT] = { "commit", "COMMIT" },
	[STMT_ROLLBACK] = { "rollback", "ROLLBACK" },
	/* A request's own transactions inside the one it runs in (db.h). */
	[STMT_SAVEPOINT] = { "savepoint", "SAVEPOINT st" },
	/* (begin?, commit?, audit rows JSON or NULL, event rows JSON or
	 * NULL, notice rows JSON or NULL): the rows a request kept
	 * (tail.h), in one round trip, with its COMMIT when commit? is 1
	 * (sql/0030_tail.sql) */
	[STMT_TAIL_RUN] = { "tail_run", "CALL tail_run(?, ?, ?, ?, ?)" },
	[STMT_SAVEPOINT_ROLLBACK] = { "savepoint_rollback",
	    "ROLLBACK TO SAVEPOINT st" },
	/* (principal, key hash, fingerprint, route): a request's key, with
	 * its answer stored before the commit (replay.h) */
	[STMT_REPLAY_CLAIM] = { "replay_claim",
	    "INSERT INTO request_replay (principal, key_hash, fingerprint,"
	    " route, status, headers, body) VALUES (?, ?, ?, ?, 0, '', '')" },
	/* (fingerprint, principal, key hash) -> same request?, status,
	 * content type, headers, body, older than a day?, id: as committed,
	 * whatever the transaction's snapshot */
	[STMT_REPLAY_GET] = { "replay_get",
	    "SELECT fingerprint = ?, status, content_type, headers, body,"
	    " created_at < NOW(6) - INTERVAL 1 DAY, id FROM request_replay"
	    " WHERE principal = ? AND key_hash = ? LOCK IN SHARE MODE" },
	/* (id) */
	[STMT_REPLAY_DROP] = { "replay_drop",
	    "DELETE FROM request_replay WHERE id = ?" },
	/* (status, content type, headers, body, id) */
	[STMT_REPLAY_STORE] = { "replay_store",
	    "UPDATE request_replay SET status = ?, content_type = ?,"
	    " headers = ?, body = ? WHERE id = ?" },
	/* () keys older than a day, a bounded batch */
	[STMT_REPLAY_PURGE] = { "replay_purge",
	    "DELETE FROM request_replay"
	    " WHERE created_at < NOW(6) - INTERVAL 1 DAY LIMIT 10000" },
	/* (probed_by): the monitor's write (dbwatch.h) */
	[STMT_HEALTH_PROBE] = { "health_probe",
	    "UPDATE health_probe SET probed_at = NOW(6), probed_by = ?"
	    " WHERE id = 1" },
	/* How long one statement may run and wait for a lock (db.h). */
	[STMT_SESSION_LIMITS] = { "session_limits",
	    "SET SESSION innodb_lock_wait_timeout = ?, "
	    "max_statement_time = ? / 1000" },
	/* () -> ON when this Galera node is in the primary component and
	 * synced, ready for the application (db_galera); no row without
	 * Galera */
	[STMT_NODE_READY] = { "node_ready",
	    "SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS "
	    "WHERE VARIABLE_NAME = 'WSREP_READY'" },

	/* (username) -> principal cols, password_hash */
	[STMT_USER_BY_NAME] = { "user_by_name",
	    "SELECT " PRINCIPAL_COLS ", u.password_hash"
	    " FROM app_user u LEFT JOIN unit un ON un.id = u.unit_id"
	    " WHERE u.username = ? AND u.active" },
	/* (hash, username) */
	/* (email or NULL, username) */
	[STMT_USER_SET_EMAIL] = { "user_set_email",
	    "UPDATE app_user SET email = ? WHERE username = ? AND active" },
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
	    " last_seen, auth_time) VALUES (?, ?, ?, NOW(6), NOW(6), NOW(6))" },
	/* (token_hash, idle minutes, absolute minutes)
	 * -> principal cols, csrf, seconds since last seen, provider,
	 * seconds since the person proved who they are, acr, seconds since
	 * the provider was last asked, the sealed refresh token */
	[STMT_SESSION_GET] = { "session_get",
	    "SELECT " PRINCIPAL_COLS ", s.csrf,"
	    " TIMESTAMPDIFF(SECOND, s.last_seen, NOW(6)), s.provider,"
	    " TIMESTAMPDIFF(SECOND, COALESCE(s.auth_time, s.created_at),"
	    " NOW(6)), s.acr, TIMESTAMPDIFF(SECOND, COALESCE(s.checked_at,"
	    " s.created_at), NOW(6)), s.refresh_box"
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

	/* (nin_hmac, municipality) -> id: the child in that municipality's
	 * cases. A plain consistent read: no lock on the child, so concerns
	 * about one child do not queue behind each other. */
	[STMT_CHILD_BY_NIN] = { "child_by_nin",
	    "SELECT id FROM child WHERE nin_hmac = ?"
	    " AND municipality_id = ?" },
	/* (id) -> name, birth_date, nin_hmac, expected_date: who a case's
	 * messages to partners may name */
	[STMT_CHILD_IDENTITY] = { "child_identity",
	    "SELECT name, birth_date, nin_hmac, expected_date FROM child"
	    " WHERE id = ?" },
	/* (public_id, nin_hmac, name, birth_date, municipality); a
	 * concurrent insert of the same child fails on the unique key and
	 * the caller retries */
	[STMT_CHILD_INSERT_NIN] = { "child_insert_nin",
	    "INSERT INTO child (public_id, nin_hmac, name, birth_date,"
	    " municipality_id) VALUES (?, ?, ?, ?, ?)" },
	/* (public_id, name, birth_date, expected_date, municipality): an
	 * unborn child has the expected date and no birth date */
	[STMT_CHILD_INSERT] = { "child_insert",
	    "INSERT INTO child (public_id, name, birth_date, expected_date,"
	    " municipality_id) VALUES (?, ?, ?, ?, ?)" },
	/* (name, nin_hmac or NULL, birth_date, id, nin_hmac or NULL): the
	 * birth of a child whose case began before it (birth.h), or its
	 * number after its date; a date alone only once, and nothing once
	 * the number is known. Another child with the number: the unique
	 * key. */
	[STMT_CHILD_BORN] = { "child_born",
	    "UPDATE child SET name = ?, nin_hmac = ?, birth_date = ?"
	    " WHERE id = ? AND expected_date IS NOT NULL AND nin_hmac IS NULL"
	    " AND (birth_date IS NULL OR ? IS NOT NULL)" },
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
	/* (public_id, form_id, form_version, author_id, instance, days kept,
	 *  context) */
	[STMT_DRAFT_INSERT] = { "draft_insert",
	    "INSERT INTO form_draft (public_id, form_id, form_version,"
	    " author_id, instance, expires_at, context)"
	    " VALUES (?, ?, ?, ?, ?, NOW(6) + INTERVAL ? DAY, ?)" },
	/* (instance, days kept, public_id, author_id): only its author's,
	 * only while it lives */
	[STMT_DRAFT_UPDATE] = { "draft_update",
	    "UPDATE form_draft SET instance = ?, updated_at = NOW(6),"
	    " expires_at = NOW(6) + INTERVAL ? DAY"
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
	 * expires_at, context */
	[STMT_DRAFT_LIST] = { "draft_list",
	    "SELECT public_id, form_id, form_version,"
	    " DATE_FORMAT(updated_at, '%Y-%m-%dT%H:%i:%sZ'),"
	    " DATE_FORMAT(expires_at, '%Y-%m-%dT%H:%i:%sZ'), context"
	    " FROM form_draft WHERE author_id = ? AND expires_at > NOW(6)"
	    " ORDER BY updated_at DESC LIMIT 50" },
	/* () */
	[STMT_DRAFT_PURGE] = { "draft_purge",
	    "DELETE FROM form_draft WHERE expires_at <= NOW(6)" },

	/* Retention (fcgi/case/retention.h, sql/0032_retention.sql).
	 * (the installation's days x 3) -> id, reference, public_id,
	 * child_id, events, days, municipality number: closed logs kept as
	 * long as their municipality keeps them (its setting, else the
	 * installation's; 0 never) since they closed, oldest first, a
	 * batch */
	[STMT_RETENTION_LOGS_DUE] = { "retention_logs_due",
	    "SELECT l.id, l.reference, l.public_id, l.child_id,"
	    " (SELECT COUNT(*) FROM case_event e WHERE e.log_id = l.id),"
	    " COALESCE(m.retention_log_days, ?), m.number"
	    " FROM relay_log l JOIN unit hu ON hu.id = l.home_unit_id"
	    " JOIN municipality m ON m.id = hu.municipality_id"
	    " WHERE l.status = 'closed'"
	    " AND COALESCE(m.retention_log_days, ?) > 0"
	    " AND l.closed_at < NOW(6) -"
	    " INTERVAL COALESCE(m.retention_log_days, ?) DAY"
	    " ORDER BY l.closed_at LIMIT 20" },
	/* (log_id x 8, after id) -> id, public_id, form_id, form_version,
	 * instance: the log's accepted forms, a batch (deposit.h) */
	[STMT_DEPOSIT_FORMS] = { "deposit_forms",
	    "SELECT s.id, s.public_id, s.form_id, s.form_version, s.instance"
	    " FROM form_submission s WHERE (s.id IN (SELECT submission_id"
	    " FROM concern WHERE log_id = ?) OR s.id IN (SELECT submission_id"
	    " FROM consent WHERE log_id = ?) OR s.id IN (SELECT submission_id"
	    " FROM minutes WHERE log_id = ?) OR s.id IN (SELECT submission_id"
	    " FROM handover WHERE log_id = ?) OR s.id IN (SELECT submission_id"
	    " FROM case_event WHERE log_id = ? OR concern_id IN (SELECT id"
	    " FROM concern WHERE log_id = ?)) OR s.id IN (SELECT submission_id"
	    " FROM outbox WHERE log_id = ? OR concern_id IN (SELECT id"
	    " FROM concern WHERE log_id = ?))) AND s.id > ?"
	    " ORDER BY s.id LIMIT 50" },
	/* (log_id, after id) -> id, public_id, mime, data: the scans of
	 * its consents, one at a time */
	[STMT_DEPOSIT_SCANS] = { "deposit_scans",
	    "SELECT a.id, a.public_id, a.mime, a.data FROM consent_attachment a"
	    " JOIN consent c ON c.id = a.consent_id WHERE c.log_id = ?"
	    " AND a.id > ? ORDER BY a.id LIMIT 1" },
	/* (log_id) -> html, xml: the archive copy made when it closed */
	[STMT_RETENTION_LOG_ARCHIVE] = { "retention_log_archive",
	    "SELECT html, xml FROM log_archive WHERE log_id = ?" },
	/* (the installation's days x 3) -> id, reference, child_id, days:
	 * concerns that ended at level 0 (closed, in no log) as long ago as
	 * their municipality keeps them */
	[STMT_RETENTION_CONCERNS_DUE] = { "retention_concerns_due",
	    "SELECT c.id, c.reference, c.child_id,"
	    " COALESCE(m.retention_concern_days, ?) FROM concern c"
	    " JOIN unit cu ON cu.id = c.unit_id"
	    " JOIN municipality m ON m.id = cu.municipality_id"
	    " WHERE c.status = 'closed' AND c.level = 0"
	    " AND COALESCE(m.retention_concern_days, ?) > 0 AND c.closed_at"
	    " < NOW(6) - INTERVAL COALESCE(m.retention_concern_days, ?) DAY"
	    " AND c.log_id IS NULL AND c.passed_log_id IS NULL"
	    " ORDER BY c.closed_at LIMIT 100" },
	/* (log_id) -> id: the closed log, locked while it is deleted (two
	 * notify processes delete it, and record it, once) */
	[STMT_RETENTION_LOCK_LOG] = { "retention_lock_log",
	    "SELECT id FROM relay_log WHERE id = ? AND status = 'closed'"
	    " FOR UPDATE" },
	/* (concern_id) -> id: likewise */
	[STMT_RETENTION_LOCK_CONCERN] = { "retention_lock_concern",
	    "SELECT id FROM concern WHERE id = ? AND status = 'closed'"
	    " AND level = 0 FOR UPDATE" },
	/* (log_id or NULL, concern_id or NULL): everything of it */
	[STMT_RETENTION_PURGE] = { "retention_purge",
	    "CALL retention_purge(?, ?, @stafett_retention_rows)" },
	/* (): after every purge, whatever happened (a killed call runs no
	 * handler): the guards hold again */
	[STMT_RETENTION_CLEAR] = { "retention_clear",
	    "SET @stafett_retention = NULL" },
	/* () -> rows the last purge deleted */
	[STMT_RETENTION_ROWS] = { "retention_rows",
	    "SELECT @stafett_retention_rows" },
	/* (kind, reference, items, rows_deleted, rule, kept_days, deposit,
	 *  deposit_sha256) */
	[STMT_RETENTION_RECORD] = { "retention_record",
	    "INSERT INTO retention_record (kind, reference, items,"
	    " rows_deleted, rule, kept_days, deposit, deposit_sha256)"
	    " VALUES (?, ?, ?, ?, ?, ?, ?, ?)" },
	/* (object_type, object_id, child_id or NULL): the system deleted
	 * it (audit rows name records by id; the record stays named) */
	[STMT_RETENTION_AUDIT] = { "retention_audit",
	    "INSERT INTO audit (user_id, role, action, object_type, object_id,"
	    " child_id, request_id) VALUES (NULL, 'system', 'delete', ?, ?, ?,"
	    " 'retention')" },
	/* (municipality, days): the API tokens of its people revoked that
	 * long ago (0: of the citizens, who belong to none) */
	[STMT_TOKEN_PURGE] = { "token_purge",
	    "DELETE t FROM api_token t JOIN app_user u ON u.id = t.user_id"
	    " WHERE COALESCE(u.municipality_id, 0) = ?"
	    " AND t.revoked_at < NOW(6) - INTERVAL ? DAY" },
	/* (the installation's days x 3) -> municipality (0: the citizens'),
	 * days: whose revoked API tokens are past their period now (each
	 * municipality's, else the installation's; 0 never), so that a
	 * sweep with nothing to delete is this one read */
	[STMT_TOKENS_DUE] = { "tokens_due",
	    "SELECT COALESCE(u.municipality_id, 0),"
	    " COALESCE(m.retention_token_days, ?) FROM api_token t"
	    " JOIN app_user u ON u.id = t.user_id"
	    " LEFT JOIN municipality m ON m.id = u.municipality_id"
	    " WHERE t.revoked_at IS NOT NULL"
	    " AND COALESCE(m.retention_token_days, ?) > 0"
	    " AND t.revoked_at < NOW(6) -"
	    " INTERVAL COALESCE(m.retention_token_days, ?) DAY"
	    " GROUP BY 1, 2" },
	/* (public_id, reference, unit_id, author_id, child_id, submission_id,
	 *  anonymous, urgent, deadline) */
	[STMT_CONCERN_INSERT] = { "concern_insert",
	    "INSERT INTO concern (public_id, reference, unit_id, author_id,"
	    " child_id, submission_id, anonymous, urgent, deadline)"
	    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)" },
	/* (user_id, unit_id, today, public_id) -> id, public_id,
	 * reference, unit_id, author_id, child_id, anonymous, urgent,
	 * level, status, deadline, created_at, form_id, form_version,
	 * instance, unit name, author name, child name, log public id,
	 * child birth date, log_id, unit kind, passed_log_id, passed_state,
	 * passed_answer, passed_at, the passed-to log's public id and
	 * reference, then LOG_FACTS of the log it is in and of the log it
	 * was passed to, and its municipality (its unit's; access.h, struct
	 * concern_facts) */
	[STMT_CONCERN_GET] = { "concern_get",
	    "SELECT c.id, c.public_id, c.reference, c.unit_id, c.author_id,"
	    " c.child_id, c.anonymous, c.urgent, c.level, c.status,"
	    " c.deadline, DATE_FORMAT(c.created_at, '%Y-%m-%dT%H:%i:%sZ'),"
	    " s.form_id, s.form_version, s.instance, un.name,"
	    " a.display_name, ch.name, l.public_id, ch.birth_date, c.log_id,"
	    " un.kind, c.passed_log_id, c.passed_state, c.passed_answer,"
	    " DATE_FORMAT(c.passed_at, '%Y-%m-%dT%H:%i:%sZ'), rq.public_id,"
	    " rq.reference," LOG_FACTS("l") "," LOG_FACTS("rq") ","
	    " un.municipality_id, (SELECT COUNT(*) FROM agenda_item ai"
	    " JOIN team_meeting tm ON tm.id = ai.team_meeting_id"
	    " JOIN team_member mb ON mb.team_id = tm.team_id"
	    " AND mb.user_id = rd.uid AND mb.removed_at IS NULL"
	    " WHERE ai.concern_id = c.id AND ai.status <> 'withdrawn')"
	    " FROM " READER " JOIN concern c"
	    " JOIN form_submission s ON s.id = c.submission_id"
	    " JOIN unit un ON un.id = c.unit_id"
	    " JOIN app_user a ON a.id = c.author_id"
	    " LEFT JOIN child ch ON ch.id = c.child_id"
	    " LEFT JOIN relay_log l ON l.id = c.log_id"
	    " LEFT JOIN relay_log rq ON rq.id = c.passed_log_id"
	    " WHERE c.public_id = ?" },
	/* (level, log_id, id): the author decided
	 * level 2 or 3 for a child whose open log they may not read: the
	 * concern is passed to that log */
	[STMT_CONCERN_PASS] = { "concern_pass",
	    "UPDATE concern SET status = 'passed', level = ?,"
	    " passed_log_id = ?, passed_state = 'pending',"
	    " deadline_flagged = FALSE WHERE id = ? AND status = 'open'" },
	/* (state, answer, by, state again, id): the holder took it in (it
	 * is in the log from now on) or answered it, once */
	[STMT_CONCERN_RECEIVE] = { "concern_receive",
	    "UPDATE concern SET log_id = IF(? = 'taken', passed_log_id,"
	    " log_id), passed_answer = ?, passed_by = ?, passed_at = NOW(6),"
	    " passed_state = ? WHERE id = ? AND passed_state = 'pending'" },
	/* (user_id, unit_id, today) -> id, public_id, reference, level,
	 * created_at, urgent, unit name, child name, passed-to log public id
	 * and reference, child_id, LOG_FACTS of that log: concerns waiting
	 * for the reader to take in or answer (access_concern decides) */
	[STMT_CONCERN_PASSED_FOR_USER] = { "concern_passed_for_user",
	    "SELECT c.id, c.public_id, c.reference, c.level,"
	    " DATE_FORMAT(c.created_at, '%Y-%m-%dT%H:%i:%sZ'), c.urgent,"
	    " un.name, ch.name, rq.public_id, rq.reference, c.child_id,"
	    LOG_FACTS("rq")
	    " FROM " READER " JOIN relay_log rq JOIN concern c"
	    " ON c.passed_log_id = rq.id AND c.passed_state = 'pending'"
	    " JOIN unit un ON un.id = c.unit_id"
	    " LEFT JOIN child ch ON ch.id = c.child_id"
	    " WHERE rq.status = 'open' AND (rq.holder_id = rd.uid"
	    " OR rq.home_unit_id = rd.unit)"
	    " ORDER BY c.created_at LIMIT 100" },
	/* (log_id) -> public_id, reference, level, created_at, urgent, unit
	 * name, id, child_id: the concerns passed to a log and not yet taken
	 * in or answered */
	[STMT_CONCERN_PASSED_TO_LOG] = { "concern_passed_to_log",
	    "SELECT c.public_id, c.reference, c.level,"
	    " DATE_FORMAT(c.created_at, '%Y-%m-%dT%H:%i:%sZ'), c.urgent,"
	    " un.name, c.id, c.child_id FROM concern c"
	    " JOIN unit un ON un.id = c.unit_id"
	    " WHERE c.passed_log_id = ? AND c.passed_state = 'pending'"
	    " ORDER BY c.created_at LIMIT 100" },
#define CONCERN_LIST_COLS \
	"SELECT c.id, c.public_id, c.reference, c.level, c.status," \
	" c.deadline, DATE_FORMAT(c.created_at, '%Y-%m-%dT%H:%i:%sZ')," \
	" c.urgent, c.anonymous, ch.name, a.display_name, c.child_id" \
	" FROM concern c JOIN app_user a ON a.id = c.author_id" \
	" LEFT JOIN child ch ON ch.id = c.child_id"
/* The two start-page lists; the audit statements below record exactly
 * the rows these select, so the WHERE and LIMIT must stay the same. */
/* (author or unit, the reader's municipality): a start page's open
 * concerns, of the municipality the reader works in (one who moved to
 * another sees those they wrote before no more) */
#define LIST_MUNICIPALITY " AND c.unit_id IN (SELECT mu.id FROM unit mu" \
	" WHERE mu.municipality_id = ?) AND c.status = 'open'" \
	" ORDER BY c.deadline, c.id LIMIT 200"
#define LIST_AUTHOR " WHERE c.author_id = ?" LIST_MUNICIPALITY
#define LIST_UNIT " WHERE c.unit_id = ?" LIST_MUNICIPALITY
	/* (author_id, municipality) -> list cols */
	[STMT_CONCERN_LIST_AUTHOR] = { "concern_list_author",
	    CONCERN_LIST_COLS LIST_AUTHOR },
	/* (unit_id, municipality) -> list cols */
	[STMT_CONCERN_LIST_UNIT] = { "concern_list_unit",
	    CONCERN_LIST_COLS LIST_UNIT },
	/* (public_id, kind, unit_id, concern_id, idempotency_key, payload) */
	[STMT_OUTBOX_INSERT] = { "outbox_insert",
	    "INSERT INTO outbox (public_id, kind, unit_id, concern_id,"
	    " idempotency_key, payload) VALUES (?, ?, ?, ?, ?, ?)" },
	/* (municipality x 2) -> code, name, kind, external: its units and
	 * those shared with it */
	[STMT_UNIT_LIST] = { "unit_list",
	    "SELECT code, name, kind, external FROM unit"
	    " WHERE municipality_id = ? OR id IN (SELECT unit_id"
	    " FROM unit_served WHERE municipality_id = ?) ORDER BY name" },
	/* () -> how many municipalities there are, the first one's id */
	[STMT_MUNICIPALITY_COUNT] = { "municipality_count",
	    "SELECT COUNT(*), MIN(id) FROM municipality" },
	/* (number) -> id */
	[STMT_MUNICIPALITY_BY_NUMBER] = { "municipality_by_number",
	    "SELECT id FROM municipality WHERE number = ?" },
	/* () -> number, name, units, people, units it shares with others,
	 * units others share with it */
	[STMT_MUNICIPALITY_LIST] = { "municipality_list",
	    "SELECT m.number, m.name, (SELECT COUNT(*) FROM unit u WHERE"
	    " u.municipality_id = m.id), (SELECT COUNT(*) FROM app_user a"
	    " WHERE a.municipality_id = m.id AND a.active), (SELECT COUNT(*)"
	    " FROM unit_served s JOIN unit u ON u.id = s.unit_id WHERE"
	    " u.municipality_id = m.id), (SELECT COUNT(*) FROM unit_served s"
	    " WHERE s.municipality_id = m.id) FROM municipality m"
	    " ORDER BY m.number" },
	/* (number, name) */
	[STMT_MUNICIPALITY_INSERT] = { "municipality_insert",
	    "INSERT INTO municipality (number, name) VALUES (?, ?)" },
	/* (municipality): its action guide, a copy of the first
	 * municipality's steps, with ids of their own */
	[STMT_GUIDE_COPY] = { "guide_copy",
	    "INSERT INTO guide_step (municipality_id, public_id, level,"
	    " position, title_nb, title_en, form_id, deadline_days)"
	    " SELECT ?, REPLACE(REPLACE(TRIM(TRAILING '=' FROM"
	    " TO_BASE64(RANDOM_BYTES(16))), '+', '-'), '/', '_'), level,"
	    " position, title_nb, title_en, form_id, deadline_days"
	    " FROM guide_step WHERE municipality_id ="
	    " (SELECT MIN(id) FROM municipality) ORDER BY level, position" },
	/* (key, value or NULL, id): one setting (the keys municipality.c
	 * knows; a value checked there) */
	[STMT_MUNICIPALITY_SET] = { "municipality_set",
	    "UPDATE municipality m JOIN (SELECT ? AS k, ? AS v) a"
	    " SET m.number = IF(a.k = 'number', a.v, m.number),"
	    " m.name = IF(a.k = 'name', a.v, m.name),"
	    " m.emergency_phone = IF(a.k = 'emergency_phone', a.v,"
	    " m.emergency_phone),"
	    " m.concern_deadline_days = IF(a.k = 'concern_deadline_days',"
	    " a.v, m.concern_deadline_days),"
	    " m.draft_keep_days = IF(a.k = 'draft_keep_days', a.v,"
	    " m.draft_keep_days),"
	    " m.consent_max_days = IF(a.k = 'consent_max_days', a.v,"
	    " m.consent_max_days),"
	    " m.consent_warn_days = IF(a.k = 'consent_warn_days', a.v,"
	    " m.consent_warn_days),"
	    " m.measure_remind_days = IF(a.k = 'measure_remind_days', a.v,"
	    " m.measure_remind_days),"
	    " m.retention_log_days = IF(a.k = 'retention_log_days', a.v,"
	    " m.retention_log_days),"
	    " m.retention_concern_days = IF(a.k = 'retention_concern_days',"
	    " a.v, m.retention_concern_days),"
	    " m.retention_token_days = IF(a.k = 'retention_token_days', a.v,"
	    " m.retention_token_days) WHERE m.id = ?" },
	/* (municipality, code) -> id: its own unit with the code */
	[STMT_UNIT_IN_MUNICIPALITY] = { "unit_in_municipality",
	    "SELECT id FROM unit WHERE municipality_id = ? AND code = ?" },
	/* (unit_id, municipality) */
	[STMT_UNIT_SHARE] = { "unit_share",
	    "INSERT IGNORE INTO unit_served (unit_id, municipality_id)"
	    " VALUES (?, ?)" },
	/* (unit_id, municipality) */
	[STMT_UNIT_UNSHARE] = { "unit_unshare",
	    "DELETE FROM unit_served WHERE unit_id = ?"
	    " AND municipality_id = ?" },
	/* (id) -> number, name, concern_deadline_days, emergency_phone,
	 * draft_keep_days, consent_max_days (NULL: the installation's) */
	[STMT_MUNICIPALITY_GET] = { "municipality_get",
	    "SELECT number, name, concern_deadline_days, emergency_phone,"
	    " draft_keep_days, consent_max_days FROM municipality"
	    " WHERE id = ?" },
	/* (user_id, role, action, object_type, object_id, child_id,
	 *  request_id) */
	[STMT_AUDIT_INSERT] = { "audit_insert",
	    "INSERT INTO audit (user_id, role, action, object_type, object_id,"
	    " child_id, request_id) VALUES (?, ?, ?, ?, ?, ?, ?)" },
	/* (user_id, object_type, request_id, JSON [[object_id, child_id,
	 * role], ...]): one list-read of many records (audit_list) */
	[STMT_AUDIT_LIST_ROWS] = { "audit_list_rows",
	    "INSERT INTO audit (user_id, role, action, object_type, object_id,"
	    " child_id, request_id) SELECT ?, j.role, 'list', ?, j.id,"
	    " j.child, ? FROM JSON_TABLE(?, '$[*]' COLUMNS ("
	    " id BIGINT UNSIGNED PATH '$[0]',"
	    " child BIGINT UNSIGNED PATH '$[1]',"
	    " role VARCHAR(20) PATH '$[2]')) AS j" },
	/* (user_id, role, request_id, author_id, municipality) */
	[STMT_AUDIT_LIST_AUTHOR] = { "audit_list_author",
	    "INSERT INTO audit (user_id, role, action, object_type, object_id,"
	    " child_id, request_id) SELECT ?, ?, 'list', 'concern', c.id,"
	    " c.child_id, ? FROM concern c" LIST_AUTHOR },
	/* (user_id, role, request_id, unit_id, municipality) */
	[STMT_AUDIT_LIST_UNIT] = { "audit_list_unit",
	    "INSERT INTO audit (user_id, role, action, object_type, object_id,"
	    " child_id, request_id) SELECT ?, ?, 'list', 'concern', c.id,"
	    " c.child_id, ? FROM concern c" LIST_UNIT },

	/* ------------------------------------------------ relay logs */
	/* (user_id, unit_id, today, today, unit kind, user_id, public_id)
	 * -> LOG_COLS: the log and the facts the access rules need about
	 * the asking user (see access.h) */
	[STMT_LOG_BY_PID] = { "log_by_pid", LOG_COLS " WHERE l.public_id = ?" },
	/* (same, id) -> LOG_COLS */
	[STMT_LOG_BY_ID] = { "log_by_id", LOG_COLS " WHERE l.id = ?" },
	/* (log_id) -> the log's view version, the view epoch (as LOG_COLS'
	 * last two: 0011_view_version.sql) */
	[STMT_LOG_VIEW_VERSION] = { "log_view_version",
	    "SELECT COALESCE((SELECT lv.v FROM log_version lv"
	    " WHERE lv.log_id = ?), 0),"
	    " (SELECT ve.v FROM view_epoch ve WHERE ve.id = 1)" },
	/* (id) -> status, holder_id, level, home_unit_id; locks the log row:
	 * every change to a log takes this lock first, so changes to one
	 * log queue */
	[STMT_LOG_LOCK] = { "log_lock",
	    "SELECT status, holder_id, level, home_unit_id FROM relay_log"
	    " WHERE id = ? FOR UPDATE" },
	/* ---------------------------------------- two-year consultations */
	/* (user_id, unit_id, today, public_id) -> id, public_id, child_id,
	 * child name, child birth date, author name, the author's unit's
	 * name, kindergarten name, health clinic name, held_on, concern
	 * public_id and reference, created_at, form_id, form_version,
	 * instance, the names of who took part (', '), CONSULTATION_FACTS */
	[STMT_CONSULTATION_GET] = { "consultation_get",
	    "SELECT k.id, k.public_id, k.child_id, ch.name, ch.birth_date,"
	    " au.display_name, un.name, kg.name, hc.name, k.held_on,"
	    " c.public_id, c.reference,"
	    " DATE_FORMAT(k.created_at, '%Y-%m-%dT%H:%i:%sZ'), s.form_id,"
	    " s.form_version, s.instance, (SELECT GROUP_CONCAT(pu.display_name"
	    " ORDER BY pu.display_name SEPARATOR ', ') FROM consultation_person"
	    " pp JOIN app_user pu ON pu.id = pp.user_id WHERE"
	    " pp.consultation_id = k.id)," CONSULTATION_FACTS("k")
	    " FROM " READER " JOIN consultation k"
	    " JOIN child ch ON ch.id = k.child_id"
	    " JOIN app_user au ON au.id = k.author_id"
	    " JOIN unit un ON un.id = k.unit_id"
	    " JOIN unit kg ON kg.id = k.kindergarten_id"
	    " JOIN unit hc ON hc.id = k.health_clinic_id"
	    " JOIN form_submission s ON s.id = k.submission_id"
	    " LEFT JOIN concern c ON c.id = k.concern_id"
	    " WHERE k.public_id = ?" },
	/* (user_id, unit_id, today) -> id, public_id, child name, held_on,
	 * kindergarten name, health clinic name, child_id,
	 * CONSULTATION_FACTS: the consultations a start page may list (the
	 * ones the reader wrote, took part in, leads the unit of, or is a
	 * guardian in; access_consultation decides), newest first */
	[STMT_CONSULTATION_LIST] = { "consultation_list",
	    "SELECT k.id, k.public_id, ch.name, k.held_on, kg.name, hc.name,"
	    " k.child_id," CONSULTATION_FACTS("k")
	    " FROM " READER " JOIN consultation k"
	    " JOIN child ch ON ch.id = k.child_id"
	    " JOIN unit kg ON kg.id = k.kindergarten_id"
	    " JOIN unit hc ON hc.id = k.health_clinic_id"
	    " WHERE k.author_id = rd.uid OR k.unit_id = rd.unit"
	    " OR EXISTS (SELECT 1 FROM consultation_person lp WHERE"
	    " lp.consultation_id = k.id AND lp.user_id = rd.uid)"
	    " OR EXISTS (SELECT 1 FROM child_person lc WHERE lc.child_id ="
	    " k.child_id AND lc.user_id = rd.uid)"
	    " ORDER BY k.held_on DESC, k.id DESC LIMIT 100" },
	/* (public_id, child_id, submission_id, author_id, unit_id,
	 *  kindergarten_id, health_clinic_id, held_on) */
	[STMT_CONSULTATION_INSERT] = { "consultation_insert",
	    "INSERT INTO consultation (public_id, child_id, submission_id,"
	    " author_id, unit_id, kindergarten_id, health_clinic_id, held_on)"
	    " VALUES (?, ?, ?, ?, ?, ?, ?, ?)" },
	/* (consultation_id, user_id) */
	[STMT_CONSULTATION_PERSON_INSERT] = { "consultation_person_insert",
	    "INSERT INTO consultation_person (consultation_id, user_id)"
	    " VALUES (?, ?)" },
	/* (concern_id, id) */
	[STMT_CONSULTATION_SET_CONCERN] = { "consultation_set_concern",
	    "UPDATE consultation SET concern_id = ? WHERE id = ?" },

	/* (id) -> status: a shared lock, so it cannot close before the
	 * caller's transaction ends */
	[STMT_LOG_STATUS] = { "log_status",
	    "SELECT status FROM relay_log WHERE id = ? LOCK IN SHARE MODE" },
	/* (child_id) -> id, public_id, level: the child's open log, locked */
	[STMT_LOG_OPEN_FOR_CHILD] = { "log_open_for_child",
	    "SELECT id, public_id, level FROM relay_log WHERE open_child = ?"
	    " FOR UPDATE" },
	/* (public_id, reference, child_id, home_unit_id, level,
	 *  level_since, holder_id) */
	[STMT_LOG_INSERT] = { "log_insert",
	    "INSERT INTO relay_log (public_id, reference, child_id,"
	    " home_unit_id, level, level_since, holder_id)"
	    " VALUES (?, ?, ?, ?, ?, ?, ?)" },
	/* (level, level_since, id) */
	[STMT_LOG_SET_LEVEL] = { "log_set_level",
	    "UPDATE relay_log SET level = ?, level_since = ? WHERE id = ?"
	    " AND status = 'open'" },
	/* (new holder, id, old holder) */
	[STMT_LOG_SET_HOLDER] = { "log_set_holder",
	    "UPDATE relay_log SET holder_id = ? WHERE id = ? AND holder_id = ?"
	    " AND status = 'open'" },
	/* (id) */
	[STMT_LOG_CLOSE] = { "log_close",
	    "UPDATE relay_log SET status = 'closed', closed_at = NOW(6)"
	    " WHERE id = ? AND status = 'open'" },
	/* (user_id, unit_id, today) -> LOG_LIST_COLS: open logs the user
	 * holds or is a participant of (access_log decides which they may
	 * read, as on the log page) */
	[STMT_LOG_LIST_USER] = { "log_list_user",
	    LOG_LIST_COLS " WHERE l.status = 'open' AND (l.holder_id = rd.uid"
	    " OR EXISTS (SELECT 1 FROM log_participant p WHERE p.log_id = l.id"
	    " AND p.user_id = rd.uid AND p.removed_at IS NULL))"
	    " ORDER BY l.created_at DESC LIMIT 200" },
	/* (user_id, unit_id, today) -> LOG_LIST_COLS: the open logs of the
	 * reader's unit (for leaders) */
	[STMT_LOG_LIST_UNIT] = { "log_list_unit",
	    LOG_LIST_COLS " WHERE l.status = 'open' AND l.home_unit_id ="
	    " rd.unit ORDER BY l.created_at DESC LIMIT 200" },
	/* (user_id, unit_id, today) -> LOG_LIST_COLS: a citizen's children's
	 * logs, open first */
	[STMT_LOG_LIST_CITIZEN] = { "log_list_citizen",
	    LOG_LIST_COLS " WHERE EXISTS (SELECT 1 FROM child_person cp"
	    " WHERE cp.child_id = l.child_id AND cp.user_id = rd.uid)"
	    " ORDER BY l.status DESC, l.created_at DESC LIMIT 100" },

	/* (public_id, log_id, concern_id, actor_id, actor_role, kind,
	 *  summary, ref_type, ref_public_id, submission_id, msg, args) */
	[STMT_EVENT_INSERT] = { "event_insert",
	    "INSERT INTO case_event (public_id, log_id, concern_id, actor_id,"
	    " actor_role, kind, summary, ref_type, ref_public_id,"
	    " submission_id, msg, args)"
	    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)" },
	/* (own transaction?, replay principal, key hash, fingerprint,
	 *  route, status, content type, headers, body: all NULL but the
	 *  first for no key; child mode (0 none, 1 by number, 2 new),
	 *  child public_id, nin_hmac, name, birth date; submission
	 *  public_id, form_id, form_version, instance, author_id; concern
	 *  public_id, reference, unit_id, anonymous, urgent, deadline;
	 *  outbox public_id, idempotency key; role, request_id; event
	 *  public_id, summary, msg, args; draft public_id or NULL): all a
	 *  new concern writes, in one round trip */
	[STMT_CONCERN_STORE] = { "concern_store",
	    "CALL concern_store(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
	    " ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)" },
	/* (log_id, concern_id): a concern's events move into its log */
	[STMT_EVENT_MOVE] = { "event_move",
	    "UPDATE case_event SET log_id = ? WHERE concern_id = ?"
	    " AND log_id IS NULL" },
	/* (log_id) -> EVENT_COLS, newest first */
	[STMT_EVENT_LIST_LOG] = { "event_list_log",
	    EVENT_COLS " WHERE e.log_id = ? ORDER BY e.at DESC, e.id DESC"
	    " LIMIT 5000" },
	/* (log_id) -> EVENT_COLS, what the guardians may see */
	[STMT_EVENT_LIST_LOG_CITIZEN] = { "event_list_log_citizen",
	    EVENT_COLS " WHERE e.log_id = ? AND NOT " EVENT_WITHHELD("e")
	    " ORDER BY e.at DESC, e.id DESC LIMIT 5000" },
	/* (log_id, n) -> EVENT_COLS, the newest n */
	[STMT_EVENT_PAGE_LOG] = { "event_page_log",
	    EVENT_COLS " WHERE e.log_id = ? ORDER BY e.at DESC, e.id DESC"
	    " LIMIT ?" },
	/* (log_id, n) -> EVENT_COLS, the newest n the guardians may see */
	[STMT_EVENT_PAGE_LOG_CITIZEN] = { "event_page_log_citizen",
	    EVENT_COLS " WHERE e.log_id = ? AND NOT " EVENT_WITHHELD("e")
	    " ORDER BY e.at DESC, e.id DESC LIMIT ?" },
	/* (log_id) -> kind, how many, when the latest was: the whole
	 * timeline in a few rows, for the action guide and the count */
	[STMT_EVENT_KINDS_LOG] = { "event_kinds_log",
	    "SELECT kind, COUNT(*), DATE_FORMAT(MAX(at),"
	    " '%Y-%m-%dT%H:%i:%sZ') FROM case_event WHERE log_id = ?"
	    " GROUP BY kind" },
	/* (log_id) -> the same, of what the guardians may see */
	[STMT_EVENT_KINDS_LOG_CITIZEN] = { "event_kinds_log_citizen",
	    "SELECT e.kind, COUNT(*), DATE_FORMAT(MAX(e.at),"
	    " '%Y-%m-%dT%H:%i:%sZ') FROM case_event e WHERE e.log_id = ?"
	    " AND NOT " EVENT_WITHHELD("e") " GROUP BY e.kind" },
	/* (concern_id) -> EVENT_COLS, newest first */
	[STMT_EVENT_LIST_CONCERN] = { "event_list_concern",
	    EVENT_COLS " WHERE e.concern_id = ? ORDER BY e.at DESC, e.id DESC"
	    " LIMIT 1000" },

	/* (public_id) -> id, unit_id, author_id, child_id, anonymous, level,
	 * status, log_id, deadline; locked for the decision */
	[STMT_CONCERN_LOCK] = { "concern_lock",
	    "SELECT id, unit_id, author_id, child_id, anonymous, level, status,"
	    " log_id, deadline FROM concern WHERE public_id = ? FOR UPDATE" },
	/* (level, status, deadline, id) */
	[STMT_CONCERN_SET_LEVEL] = { "concern_set_level",
	    "UPDATE concern SET level = ?, status = ?, deadline = ?,"
	    " deadline_flagged = FALSE WHERE id = ?" },
	/* (log_id, level, id) */
	[STMT_CONCERN_JOIN_LOG] = { "concern_join_log",
	    "UPDATE concern SET log_id = ?, level = ? WHERE id = ?" },
	/* (child_id, id): an anonymous concern gets its child */
	[STMT_CONCERN_SET_CHILD] = { "concern_set_child",
	    "UPDATE concern SET child_id = ?, anonymous = FALSE WHERE id = ?" },
	/* (log_id): a closed log closes its concerns (one passed to it
	 * stays as its author was told: passed) */
	[STMT_CONCERN_CLOSE_LOG] = { "concern_close_log",
	    "UPDATE concern SET status = 'closed' WHERE log_id = ?"
	    " AND status = 'open'" },
	/* (today) -> id, author_id, unit_id, reference: open concerns not in
	 * a log, past their deadline and not yet flagged */
	[STMT_CONCERN_OVERDUE] = { "concern_overdue",
	    "SELECT id, author_id, unit_id, reference FROM concern"
	    " WHERE status = 'open' AND log_id IS NULL AND deadline < ?"
	    " AND NOT deadline_flagged LIMIT 500" },
	/* (id) */
	[STMT_CONCERN_FLAG] = { "concern_flag",
	    "UPDATE concern SET deadline_flagged = TRUE WHERE id = ?" },
	/* (log_id) -> id, reference, created_at (UTC), urgent, form_id,
	 * instance: the newest concern in a log, which a report of concern
	 * made from the log starts from */
	[STMT_CONCERN_NEWEST_IN_LOG] = { "concern_newest_in_log",
	    "SELECT c.id, c.reference,"
	    " DATE_FORMAT(c.created_at, '%Y-%m-%dT%H:%i:%sZ'), c.urgent,"
	    " s.form_id, s.instance FROM concern c"
	    " JOIN form_submission s ON s.id = c.submission_id"
	    " WHERE c.log_id = ? ORDER BY c.id DESC LIMIT 1" },

	/* (public_id, municipality x 2) -> id, display_name, role, unit_id,
	 * unit kind, unit name, active, unit code: a member of staff who
	 * works there (in its unit, or one shared with it); nobody else */
	[STMT_USER_BY_PID] = { "user_by_pid",
	    "SELECT u.id, u.display_name, u.role, u.unit_id, un.kind, un.name,"
	    " u.active, un.code FROM app_user u"
	    " JOIN unit un ON un.id = u.unit_id"
	    " WHERE u.public_id = ? AND (un.municipality_id = ?"
	    " OR un.id IN (SELECT sv.unit_id FROM unit_served sv"
	    " WHERE sv.municipality_id = ?))" },
	/* (municipality x 2) -> public_id, display_name, unit name, unit
	 * kind, unit code: everyone who can hold a log or take part in one
	 * there (its units' people, and those of units shared with it) */
	[STMT_STAFF_LIST] = { "staff_list",
	    "SELECT u.public_id, u.display_name, un.name, un.kind, un.code"
	    " FROM app_user u JOIN unit un ON un.id = u.unit_id"
	    " WHERE u.active AND u.role IN ('employee', 'leader')"
	    " AND (un.municipality_id = ? OR un.id IN (SELECT sv.unit_id"
	    " FROM unit_served sv WHERE sv.municipality_id = ?))"
	    " ORDER BY un.name, u.display_name LIMIT 5000" },
	/* (log_id, today, today, kind) -> 1 when a valid consent covers the
	 * kind of service (a notice to a partner of that kind may go) */
	[STMT_KIND_COVERED] = { "kind_covered",
	    "SELECT COUNT(*) FROM relay_log l WHERE l.id = ? AND "
	    COVERS("l.id", "?") },
	/* (user_id, unit_id, today, log_id) -> 1 when the person may take
	 * part: the log's own unit, or COVERS_PERSON */
	[STMT_PERSON_COVERED] = { "person_covered",
	    "SELECT COUNT(*) FROM " READER " JOIN relay_log l WHERE l.id = ?"
	    " AND (l.home_unit_id = rd.unit OR "
	    COVERS_PERSON("l.id", "rd.uid", "rd.unit", "rd.today") ")" },

	/* (log_id, public_id) -> user id, name, unit_id: one who takes part
	 * now */
	[STMT_PART_FIND] = { "part_find",
	    "SELECT u.id, u.display_name, u.unit_id FROM log_participant p"
	    " JOIN app_user u ON u.id = p.user_id WHERE p.log_id = ?"
	    " AND u.public_id = ? AND p.removed_at IS NULL" },
	/* (home_unit_id, today, log_id) -> public_id, name, unit name, unit
	 * kind, covered (the unit is the log's own, or COVERS_PERSON),
	 * added_at, user id */
	[STMT_PART_LIST] = { "part_list",
	    "SELECT u.public_id, u.display_name, un.name, un.kind,"
	    " (un.id = ? OR " COVERS_PERSON("p.log_id", "u.id", "un.id",
	    "CAST(? AS DATE)") "),"
	    " DATE_FORMAT(p.added_at, '%Y-%m-%dT%H:%i:%sZ'), u.id"
	    " FROM log_participant p JOIN app_user u ON u.id = p.user_id"
	    " JOIN unit un ON un.id = u.unit_id"
	    " WHERE p.log_id = ? AND p.removed_at IS NULL"
	    " ORDER BY p.added_at" },
	/* (log_id, user_id, added_by) */
	[STMT_PART_INSERT] = { "part_insert",
	    "INSERT INTO log_participant (log_id, user_id, added_by)"
	    " VALUES (?, ?, ?)" },
	/* (reason, log_id, user_id) */
	[STMT_PART_REMOVE] = { "part_remove",
	    "UPDATE log_participant SET removed_at = NOW(6),"
	    " removed_reason = ? WHERE log_id = ? AND user_id = ?"
	    " AND removed_at IS NULL" },
	/* (log_id, user_id, role, appointed_by): a role on a case
	 * (0035_case_role.sql); one in force already: the unique key */
	[STMT_ROLE_INSERT] = { "role_insert",
	    "INSERT INTO case_role (log_id, user_id, role, appointed_by)"
	    " VALUES (?, ?, ?, ?)" },
	/* (reason, log_id, user_id, role or NULL for all of theirs) */
	[STMT_ROLE_END] = { "role_end",
	    "UPDATE case_role SET ended_at = NOW(6), ended_reason = ?"
	    " WHERE log_id = ? AND user_id = ? AND ended_at IS NULL"
	    " AND (CAST(? AS CHAR) IS NULL OR role = ?)" },
	/* (log_id, public_id, role) -> user id, display_name, unit_id: who
	 * has the role in force, whether or not they still take part */
	[STMT_ROLE_FIND] = { "role_find",
	    "SELECT u.id, u.display_name, u.unit_id FROM case_role r"
	    " JOIN app_user u ON u.id = r.user_id WHERE r.log_id = ?"
	    " AND u.public_id = ? AND r.role = ? AND r.ended_at IS NULL" },
	/* (log_id) -> role, public_id, display_name, unit name, appointed_at:
	 * the roles in force, the coordinators first */
	[STMT_ROLE_LIST] = { "role_list",
	    "SELECT r.role, u.public_id, u.display_name, un.name,"
	    " DATE_FORMAT(r.appointed_at, '%Y-%m-%dT%H:%i:%sZ')"
	    " FROM case_role r JOIN app_user u ON u.id = r.user_id"
	    " JOIN unit un ON un.id = u.unit_id"
	    " WHERE r.log_id = ? AND r.ended_at IS NULL"
	    " ORDER BY FIELD(r.role, 'child_coordinator', 'coordinator',"
	    " 'group'), u.display_name LIMIT 100" },
	/* (language or NULL, interpreter 0/1, log_id): the family's language
	 * (0036_family_language.sql) */
	[STMT_LOG_LANGUAGE] = { "log_language",
	    "UPDATE relay_log SET family_language = ?, interpreter_needed = ?"
	    " WHERE id = ?" },
	/* (log_id, home_unit_id, today) -> user_id, display_name:
	 * participants no consent covers any more */
	[STMT_PART_UNCOVERED] = { "part_uncovered",
	    "SELECT u.id, u.display_name FROM log_participant p"
	    " JOIN app_user u ON u.id = p.user_id"
	    " JOIN unit un ON un.id = u.unit_id"
	    " WHERE p.log_id = ? AND p.removed_at IS NULL AND un.id <> ?"
	    " AND NOT " COVERS_PERSON("p.log_id", "u.id", "un.id",
	    "CAST(? AS DATE)") " FOR UPDATE" },

	/* (public_id, log_id, submission_id, method, purpose, valid_from,
	 *  expires, created_by) */
	[STMT_CONSENT_INSERT] = { "consent_insert",
	    "INSERT INTO consent (public_id, log_id, submission_id, method,"
	    " purpose, valid_from, expires, created_by)"
	    " VALUES (?, ?, ?, ?, ?, ?, ?, ?)" },
	/* (consent_id, service) */
	[STMT_CONSENT_SERVICE_INSERT] = { "consent_service_insert",
	    "INSERT INTO consent_service (consent_id, service) VALUES (?, ?)" },
	/* (consent_id, unit_id, named_only) */
	[STMT_CONSENT_UNIT_INSERT] = { "consent_unit_insert",
	    "INSERT INTO consent_unit (consent_id, unit_id, named_only)"
	    " VALUES (?, ?, ?)" },
	/* (consent_id, user_id) */
	[STMT_CONSENT_PERSON_INSERT] = { "consent_person_insert",
	    "INSERT INTO consent_person (consent_id, user_id) VALUES (?, ?)" },
	/* (code, municipality x 2) -> id, kind, name: its unit, or one
	 * shared with it, with the code (`municipality share` refuses a
	 * code the municipality has already) */
	[STMT_UNIT_BY_CODE] = { "unit_by_code",
	    "SELECT id, kind, name FROM unit WHERE code = ?"
	    " AND (municipality_id = ? OR id IN (SELECT sv.unit_id"
	    " FROM unit_served sv WHERE sv.municipality_id = ?))" },
	/* (today, today, log_id) -> CONSENT_COLS */
	[STMT_CONSENT_LIST] = { "consent_list",
	    CONSENT_COLS CONSENT_FROM " WHERE c.log_id = ?"
	    " ORDER BY c.created_at DESC, c.id DESC" },
	/* (today, today, public_id) -> CONSENT_COLS, form_id, form_version,
	 * instance */
	[STMT_CONSENT_GET] = { "consent_get",
	    CONSENT_COLS ", s.form_id, s.form_version, s.instance"
	    CONSENT_FROM " JOIN form_submission s ON s.id = c.submission_id"
	    " WHERE c.public_id = ?" },
	/* (user_id, id) */
	[STMT_CONSENT_WITHDRAW] = { "consent_withdraw",
	    "UPDATE consent SET status = 'withdrawn', withdrawn_at = NOW(6),"
	    " withdrawn_by = ? WHERE id = ? AND status = 'active'" },
	/* (today) -> id, log_id, public_id: consents that ran out and are
	 * not yet recorded as expired */
	[STMT_CONSENT_EXPIRED] = { "consent_expired",
	    "SELECT id, log_id, public_id FROM consent WHERE status = 'active'"
	    " AND expires < ? AND NOT expiry_handled LIMIT 500" },
	/* (id) */
	[STMT_CONSENT_MARK_EXPIRED] = { "consent_mark_expired",
	    "UPDATE consent SET expiry_handled = TRUE WHERE id = ?" },
	/* (public_id, consent_id, filename, mime, size, data, uploaded_by) */
	[STMT_ATTACH_INSERT] = { "attach_insert",
	    "INSERT INTO consent_attachment (public_id, consent_id, filename,"
	    " mime, size, data, uploaded_by) VALUES (?, ?, ?, ?, ?, ?, ?)" },
	/* (public_id) -> consent_id, filename, mime, data */
	[STMT_ATTACH_GET] = { "attach_get",
	    "SELECT consent_id, filename, mime, data FROM consent_attachment"
	    " WHERE public_id = ?" },

	/* (public_id, log_id, from_id, to_id, requested_by, submission_id,
	 *  reason) */
	[STMT_HANDOVER_INSERT] = { "handover_insert",
	    "INSERT INTO handover (public_id, log_id, from_id, to_id,"
	    " requested_by, submission_id, reason)"
	    " VALUES (?, ?, ?, ?, ?, ?, ?)" },
	/* (public_id) -> HANDOVER_COLS */
	[STMT_HANDOVER_GET] = { "handover_get",
	    HANDOVER_COLS " WHERE h.public_id = ?" },
	/* (log_id) -> HANDOVER_COLS of the pending one */
	[STMT_HANDOVER_PENDING] = { "handover_pending",
	    HANDOVER_COLS " WHERE h.pending_log = ?" },
	/* (user_id, unit_id, today) -> HANDOVER_COLS, LOG_FACTS, child_id:
	 * pending handovers to the user (access_handover_read decides which
	 * they may see) */
	[STMT_HANDOVER_FOR_USER] = { "handover_for_user",
	    HANDOVER_SELECT "," LOG_FACTS("l") ", l.child_id FROM " READER
	    " JOIN" HANDOVER_JOINS " WHERE h.to_id = rd.uid"
	    " AND h.status = 'pending' ORDER BY h.created_at LIMIT 100" },
	/* (status, answer, id) */
	[STMT_HANDOVER_DECIDE] = { "handover_decide",
	    "UPDATE handover SET status = ?, answer = ?, decided_at = NOW(6)"
	    " WHERE id = ? AND status = 'pending'" },
	/* (log_id, home_unit_id, today) -> id, public_id, to_id, to name:
	 * the log's pending handover to someone no consent covers any more */
	[STMT_HANDOVER_UNCOVERED] = { "handover_uncovered",
	    "SELECT h.id, h.public_id, h.to_id, tu.display_name FROM handover h"
	    " JOIN app_user tu ON tu.id = h.to_id"
	    " WHERE h.pending_log = ? AND COALESCE(tu.unit_id, 0) <> ?"
	    " AND NOT " COVERS_PERSON("h.log_id", "tu.id", "tu.unit_id",
	    "CAST(? AS DATE)") " FOR UPDATE" },
	/* (log_id) */
	[STMT_HANDOVER_CANCEL_LOG] = { "handover_cancel_log",
	    "UPDATE handover SET status = 'cancelled', decided_at = NOW(6)"
	    " WHERE log_id = ? AND status = 'pending'" },

	/* (public_id, log_id, what, goal, responsible_id, start_date,
	 *  eval_date, minutes_id, created_by) */
	[STMT_MEASURE_INSERT] = { "measure_insert",
	    "INSERT INTO measure (public_id, log_id, what, goal,"
	    " responsible_id, start_date, eval_date, minutes_id, created_by)"
	    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)" },
	/* (today, log_id) -> MEASURE_COLS */
	[STMT_MEASURE_LIST] = { "measure_list",
	    MEASURE_COLS " WHERE m.log_id = ? ORDER BY m.status, m.eval_date,"
	    " m.id LIMIT 1000" },
	/* (today, public_id) -> MEASURE_COLS */
	[STMT_MEASURE_GET] = { "measure_get",
	    MEASURE_COLS " WHERE m.public_id = ?" },
	/* (user_id, unit_id, today) -> MEASURE_COLS, LOG_FACTS, child_id:
	 * active measures the user is responsible for or holds the log of
	 * (access_log decides which they may read) */
	[STMT_MEASURE_FOR_USER] = { "measure_for_user",
	    MEASURE_SELECT("rd.today") "," LOG_FACTS("l") ", l.child_id"
	    " FROM " READER " JOIN" MEASURE_JOINS
	    " WHERE m.status = 'active' AND l.status = 'open'"
	    " AND (m.responsible_id = rd.uid OR l.holder_id = rd.uid)"
	    " ORDER BY m.eval_date LIMIT 200" },
	/* (status, result, eval_date, eval_date again, id): a new date is
	 * reminded of anew; the same date is not reminded of twice (the
	 * reminder's test reads the old date: it comes first) */
	[STMT_MEASURE_EVALUATE] = { "measure_evaluate",
	    "UPDATE measure SET status = ?, result = ?,"
	    " eval_reminded = eval_reminded AND eval_date <=> ?,"
	    " eval_date = ?, eval_flagged = FALSE WHERE id = ?" },
	/* (today) -> id, log_id, responsible_id, holder_id, public_id */
	[STMT_MEASURE_OVERDUE] = { "measure_overdue",
	    "SELECT m.id, m.log_id, m.responsible_id, l.holder_id, m.public_id"
	    " FROM measure m JOIN relay_log l ON l.id = m.log_id"
	    " WHERE m.status = 'active' AND l.status = 'open'"
	    " AND m.eval_date < ? AND NOT m.eval_flagged LIMIT 500" },
	/* (id) */
	[STMT_MEASURE_FLAG] = { "measure_flag",
	    "UPDATE measure SET eval_flagged = TRUE WHERE id = ?" },
	/* (today, today, the installation's days x 2) -> id, log_id,
	 * responsible_id: active measures of open logs to be evaluated within
	 * their municipality's reminder time (0: none), not yet reminded of */
	[STMT_MEASURE_SOON] = { "measure_soon",
	    "SELECT m.id, m.log_id, m.responsible_id"
	    " FROM measure m JOIN relay_log l ON l.id = m.log_id"
	    " JOIN unit hu ON hu.id = l.home_unit_id"
	    " JOIN municipality mu ON mu.id = hu.municipality_id"
	    " WHERE m.status = 'active' AND l.status = 'open'"
	    " AND m.eval_date >= ? AND m.eval_date <= CAST(? AS DATE) +"
	    " INTERVAL COALESCE(mu.measure_remind_days, ?) DAY"
	    " AND COALESCE(mu.measure_remind_days, ?) > 0"
	    " AND NOT m.eval_reminded LIMIT 500" },
	/* (id): affects no row when another process reminded first */
	[STMT_MEASURE_MARK_REMINDED] = { "measure_mark_reminded",
	    "UPDATE measure SET eval_reminded = TRUE WHERE id = ?"
	    " AND NOT eval_reminded" },

	/* (public_id, log_id, starts_at, place, agenda, created_by,
	 * family_invited, family_meeting key or NULL) */
	[STMT_MEETING_INSERT] = { "meeting_insert",
	    "INSERT INTO meeting (public_id, log_id, starts_at, place, agenda,"
	    " created_by, family_invited, family_meeting)"
	    " VALUES (?, ?, ?, ?, ?, ?, ?, ?)" },
	/* (meeting_id, user_id) */
	[STMT_MEETING_INVITE] = { "meeting_invite",
	    "INSERT IGNORE INTO meeting_invitee (meeting_id, user_id)"
	    " VALUES (?, ?)" },
	/* (log_id) -> MEETING_COLS */
	[STMT_MEETING_LIST] = { "meeting_list",
	    MEETING_COLS " WHERE m.log_id = ? GROUP BY m.id"
	    " ORDER BY m.starts_at DESC, m.id DESC LIMIT 500" },
	/* (public_id) -> MEETING_COLS */
	[STMT_MEETING_GET] = { "meeting_get",
	    MEETING_COLS " WHERE m.public_id = ? GROUP BY m.id" },
	/* (meeting_id) -> user public_id, display name, unit name, user id,
	 * family, answer, relation to the child (guardian, self or NULL):
	 * who is invited, by name (the minutes start with them) */
	[STMT_MEETING_INVITEES] = { "meeting_invitees",
	    "SELECT u.public_id, u.display_name, un.name, u.id, mi.family,"
	    " mi.answer, (SELECT cp.relation FROM child_person cp JOIN"
	    " relay_log l ON l.child_id = cp.child_id WHERE l.id = m.log_id"
	    " AND cp.user_id = u.id)"
	    " FROM meeting_invitee mi JOIN meeting m ON m.id = mi.meeting_id"
	    " JOIN app_user u ON u.id = mi.user_id"
	    " LEFT JOIN unit un ON un.id = u.unit_id"
	    " WHERE mi.meeting_id = ? ORDER BY u.display_name, u.id"
	    " LIMIT 200" },
	/* (user_id, unit_id, today, now local) -> MEETING_COLS, LOG_FACTS,
	 * child_id: upcoming meetings the user is invited to (access_log
	 * decides which they may read) */
	[STMT_MEETING_FOR_USER] = { "meeting_for_user",
	    MEETING_SELECT "," LOG_FACTS("l") ", l.child_id FROM " READER
	    " JOIN meeting m JOIN relay_log l ON l.id = m.log_id"
	    " JOIN meeting_invitee mv ON mv.meeting_id = m.id"
	    " WHERE mv.user_id = rd.uid AND m.starts_at >= ?"
	    " AND l.status = 'open' ORDER BY m.starts_at LIMIT 100" },
	/* (meeting_id, child_id, today, youth age): the family invited
	 * (0037_meeting_answer.sql): the guardians with parental
	 * responsibility and the youth old enough to see the log, of those
	 * known to stafett (who logged in); the others join at their login
	 * (STMT_FOLK_MEETINGS) */
	[STMT_MEETING_INVITE_FAMILY] = { "meeting_invite_family",
	    "INSERT IGNORE INTO meeting_invitee (meeting_id, user_id, family)"
	    " SELECT ?, cp.user_id, 1 FROM child_person cp"
	    " JOIN child c ON c.id = cp.child_id WHERE cp.child_id = ?"
	    " AND ((cp.relation = 'guardian' AND cp.parental_responsibility)"
	    " OR (cp.relation = 'self' AND c.birth_date <="
	    " CAST(? AS DATE) - INTERVAL ? YEAR))" },
	/* (meeting_id, user_id) -> answer, family, answer_note: the user's
	 * invitation */
	[STMT_MEETING_INVITEE_GET] = { "meeting_invitee_get",
	    "SELECT answer, family, answer_note FROM meeting_invitee"
	    " WHERE meeting_id = ? AND user_id = ?" },
	/* (meeting_id, user_id, family, answer, note): an answer, the
	 * invitation made for one of the family who answers first */
	[STMT_MEETING_ANSWER] = { "meeting_answer",
	    "INSERT INTO meeting_invitee (meeting_id, user_id, family, answer,"
	    " answer_note, answered_at) VALUES (?, ?, ?, ?, ?, UTC_TIMESTAMP())"
	    " ON DUPLICATE KEY UPDATE answer = VALUES(answer),"
	    " answer_note = VALUES(answer_note),"
	    " answered_at = VALUES(answered_at)" },
	/* (log_id) -> meeting id, user public_id, display name, family,
	 * answer, answer_note, user id, meeting starts_at as
	 * STMT_MEETING_LIST has it: who is invited to the log's meetings
	 * and what they answered, the meetings in the order of
	 * STMT_MEETING_LIST (one pass puts each under its meeting) */
	[STMT_MEETING_ANSWERS] = { "meeting_answers",
	    "SELECT m.id, u.public_id, u.display_name, mi.family,"
	    " mi.answer, mi.answer_note, u.id,"
	    " DATE_FORMAT(m.starts_at, '%Y-%m-%dT%H:%i') FROM meeting m"
	    " JOIN meeting_invitee mi ON mi.meeting_id = m.id"
	    " JOIN app_user u ON u.id = mi.user_id WHERE m.log_id = ?"
	    " ORDER BY m.starts_at DESC, m.id DESC, mi.family, u.display_name,"
	    " u.id LIMIT 32000" },

	/* (public_id, log_id, meeting_id, submission_id, corrects_id,
	 *  author_id) */
	/*
	 * The teams (0040_team.sql). TEAM_COLS: public_id, kind, name,
	 * purpose, meets, capacity_families, active, created_at, the
	 * members now, the reader's role in it (NULL: not a member), the
	 * next meeting's local start (from today), id, municipality_id,
	 * an intake team's unit: its public_id and name.
	 */
#define TEAM_COLS \
	"SELECT t.public_id, t.kind, t.name, t.purpose, t.meets," \
	" t.capacity_families, t.active," \
	" DATE_FORMAT(t.created_at, '%Y-%m-%dT%H:%i:%sZ')," \
	" (SELECT COUNT(*) FROM team_member m WHERE m.team_id = t.id" \
	" AND m.removed_at IS NULL)," \
	" (SELECT m.role FROM team_member m WHERE m.team_id = t.id" \
	" AND m.user_id = rd.uid AND m.removed_at IS NULL)," \
	" (SELECT DATE_FORMAT(MIN(tm.starts_at), '%Y-%m-%d %H:%i')" \
	" FROM team_meeting tm WHERE tm.team_id = t.id" \
	" AND tm.starts_at >= rd.today), t.id, t.municipality_id," \
	" hu.public_id, hu.name" \
	" FROM " READER " JOIN team t LEFT JOIN unit hu" \
	" ON hu.id = t.host_unit_id"
	/* (reader uid, unit, today, municipality) -> TEAM_COLS: the
	 * municipality's teams, the reader's first */
	[STMT_TEAM_LIST] = { "team_list",
	    TEAM_COLS " WHERE t.municipality_id = ? ORDER BY t.active DESC,"
	    " EXISTS (SELECT 1 FROM team_member m WHERE m.team_id = t.id"
	    " AND m.user_id = rd.uid AND m.removed_at IS NULL) DESC, t.name"
	    " LIMIT 1000" },
	/* (reader uid, unit, today, public_id) -> TEAM_COLS of one */
	[STMT_TEAM_GET] = { "team_get",
	    TEAM_COLS " WHERE t.public_id = ?" },
	/* (team id) -> the members now: public_id, name, unit name, role,
	 * added_at, user id, username, unit id */
	[STMT_TEAM_MEMBERS] = { "team_members",
	    "SELECT u.public_id, u.display_name, un.name, m.role,"
	    " DATE_FORMAT(m.added_at, '%Y-%m-%dT%H:%i:%sZ'), u.id, u.username,"
	    " u.unit_id"
	    " FROM team_member m JOIN app_user u ON u.id = m.user_id"
	    " LEFT JOIN unit un ON un.id = u.unit_id WHERE m.team_id = ?"
	    " AND m.removed_at IS NULL ORDER BY m.role = 'leader' DESC,"
	    " u.display_name LIMIT 500" },
	/* (team id, from date) -> its meetings from then: id, public_id,
	 * local start, place, planned by */
	[STMT_TEAM_MEETINGS] = { "team_meetings",
	    "SELECT tm.id, tm.public_id,"
	    " DATE_FORMAT(tm.starts_at, '%Y-%m-%d %H:%i'), tm.place,"
	    " u.display_name FROM team_meeting tm JOIN app_user u"
	    " ON u.id = tm.created_by WHERE tm.team_id = ?"
	    " AND tm.starts_at >= ? ORDER BY tm.starts_at, tm.id LIMIT 60" },
	/* (team id, from date) -> the agenda of those meetings: meeting
	 * id, item public_id, status, advice, advised by,
	 * advised_at, put by, their unit, put_at, concern public_id,
	 * concern status, in a log */
	[STMT_TEAM_AGENDA] = { "team_agenda",
	    "SELECT tm.id, ai.public_id, ai.status, ai.advice,"
	    " av.display_name, DATE_FORMAT(ai.advised_at,"
	    " '%Y-%m-%dT%H:%i:%sZ'), pu.display_name, pun.name,"
	    " DATE_FORMAT(ai.put_at, '%Y-%m-%dT%H:%i:%sZ'), c.public_id,"
	    " c.status, c.log_id IS NOT NULL FROM team_meeting tm"
	    " JOIN agenda_item ai ON ai.team_meeting_id = tm.id"
	    " JOIN concern c ON c.id = ai.concern_id"
	    " JOIN app_user pu ON pu.id = ai.put_by"
	    " LEFT JOIN unit pun ON pun.id = pu.unit_id"
	    " LEFT JOIN app_user av ON av.id = ai.advised_by"
	    " WHERE tm.team_id = ? AND tm.starts_at >= ?"
	    " ORDER BY tm.starts_at, tm.id, ai.put_at, ai.id LIMIT 3000" },
	/* (public_id, team id, local start, place, by) */
	[STMT_TEAM_MEETING_INSERT] = { "team_meeting_insert",
	    "INSERT INTO team_meeting (public_id, team_id, starts_at, place,"
	    " created_by) VALUES (?, ?, ?, ?, ?)" },
	/* (public_id, municipality, kind, name, purpose, meets, capacity,
	 * host unit) */
	[STMT_TEAM_INSERT] = { "team_insert",
	    "INSERT INTO team (public_id, municipality_id, kind, name,"
	    " purpose, meets, capacity_families, host_unit_id)"
	    " VALUES (?, ?, ?, ?, ?, ?, ?, ?)" },
	/* (name, purpose, meets, capacity, active, host unit, id) */
	[STMT_TEAM_UPDATE] = { "team_update",
	    "UPDATE team SET name = ?, purpose = ?, meets = ?,"
	    " capacity_families = ?, active = ?, host_unit_id = ?"
	    " WHERE id = ?" },
	/* (municipality, name, id) -> whether another team has the name */
	[STMT_TEAM_NAME_TAKEN] = { "team_name_taken",
	    "SELECT COUNT(*) FROM team WHERE municipality_id = ? AND name = ?"
	    " AND id <> ?" },
	/* (role, team, user): a member already: their role now */
	[STMT_TEAM_MEMBER_ROLE] = { "team_member_role",
	    "UPDATE team_member SET role = ? WHERE team_id = ? AND user_id = ?"
	    " AND removed_at IS NULL" },
	/* (team, user, role) */
	[STMT_TEAM_MEMBER_ADD] = { "team_member_add",
	    "INSERT INTO team_member (team_id, user_id, role)"
	    " VALUES (?, ?, ?)" },
	/* (team, user): the membership ends */
	[STMT_TEAM_MEMBER_REMOVE] = { "team_member_remove",
	    "UPDATE team_member SET removed_at = NOW(6) WHERE team_id = ?"
	    " AND user_id = ? AND removed_at IS NULL" },
	/* (municipality, username or public_id twice) -> id, name: a
	 * member of staff who may be in a team */
	[STMT_TEAM_PERSON] = { "team_person",
	    "SELECT id, display_name FROM app_user WHERE municipality_id = ?"
	    " AND (username = ? OR public_id = ?) AND role IN ('employee',"
	    " 'leader') AND active" },
	/* (municipality) -> username, name, unit name: who may be added */
	[STMT_TEAM_STAFF] = { "team_staff",
	    "SELECT u.username, u.display_name, un.name FROM app_user u"
	    " LEFT JOIN unit un ON un.id = u.unit_id WHERE"
	    " u.municipality_id = ? AND u.role IN ('employee', 'leader')"
	    " AND u.active ORDER BY u.display_name LIMIT 2000" },
	/* (uid, today) -> the reader's teams: public_id, name, kind, role,
	 * next meeting's local start, concerns waiting on its agenda */
	[STMT_TEAM_FOR_USER] = { "team_for_user",
	    "SELECT t.public_id, t.name, t.kind, m.role,"
	    " (SELECT DATE_FORMAT(MIN(tm.starts_at), '%Y-%m-%d %H:%i')"
	    " FROM team_meeting tm WHERE tm.team_id = t.id"
	    " AND tm.starts_at >= ?), (SELECT COUNT(*) FROM team_meeting tm"
	    " JOIN agenda_item ai ON ai.team_meeting_id = tm.id JOIN concern c"
	    " ON c.id = ai.concern_id WHERE tm.team_id = t.id"
	    " AND ai.status = 'waiting' AND c.status = 'open'"
	    " AND c.log_id IS NULL) FROM team_member m JOIN team t"
	    " ON t.id = m.team_id WHERE m.user_id = ? AND m.removed_at IS NULL"
	    " AND t.active ORDER BY t.name LIMIT 100" },
	/* (id) -> id: the team, locked while its members change */
	[STMT_TEAM_LOCK] = { "team_lock",
	    "SELECT id FROM team WHERE id = ? FOR UPDATE" },
	/* (municipality, today) -> the meetings a concern may be put on:
	 * those of the active discussion teams from today: public_id, team
	 * name, local start, place */
	[STMT_AGENDA_MEETINGS_OPEN] = { "agenda_meetings_open",
	    "SELECT tm.public_id, t.name,"
	    " DATE_FORMAT(tm.starts_at, '%Y-%m-%d %H:%i'), tm.place"
	    " FROM team t JOIN team_meeting tm ON tm.team_id = t.id"
	    " WHERE t.municipality_id = ? AND t.kind = 'discussion'"
	    " AND t.active AND tm.starts_at >= ?"
	    " ORDER BY tm.starts_at, t.name LIMIT 200" },
	/* (public_id, municipality, today) -> id, team name, local start:
	 * a meeting a concern may be put on */
	[STMT_AGENDA_MEETING] = { "agenda_meeting",
	    "SELECT tm.id, t.name, DATE_FORMAT(tm.starts_at,"
	    " '%Y-%m-%d %H:%i') FROM team_meeting tm JOIN team t"
	    " ON t.id = tm.team_id WHERE tm.public_id = ?"
	    " AND t.municipality_id = ? AND t.kind = 'discussion' AND t.active"
	    " AND tm.starts_at >= ?" },
	/* (public_id, meeting id, concern id, by) */
	[STMT_AGENDA_INSERT] = { "agenda_insert",
	    "INSERT INTO agenda_item (public_id, team_meeting_id, concern_id,"
	    " put_by) VALUES (?, ?, ?, ?)" },
	/* (concern id) -> its agenda items: public_id, team name, team
	 * public_id, meeting's local start, place, status, advice,
	 * advised by, advised_at, put by */
	[STMT_AGENDA_FOR_CONCERN] = { "agenda_for_concern",
	    "SELECT ai.public_id, t.name, t.public_id,"
	    " DATE_FORMAT(tm.starts_at, '%Y-%m-%d %H:%i'), tm.place,"
	    " ai.status, ai.advice, av.display_name,"
	    " DATE_FORMAT(ai.advised_at, '%Y-%m-%dT%H:%i:%sZ'),"
	    " pu.display_name FROM agenda_item ai"
	    " JOIN team_meeting tm ON tm.id = ai.team_meeting_id"
	    " JOIN team t ON t.id = tm.team_id"
	    " JOIN app_user pu ON pu.id = ai.put_by"
	    " LEFT JOIN app_user av ON av.id = ai.advised_by"
	    " WHERE ai.concern_id = ? ORDER BY tm.starts_at, ai.id LIMIT 100" },
	/* (reader uid, public_id) -> id, status, concern public_id, team
	 * name, team municipality, team active, the reader a member,
	 * meeting's local start, team public_id */
	[STMT_AGENDA_GET] = { "agenda_get",
	    "SELECT ai.id, ai.status, c.public_id, t.name, t.municipality_id,"
	    " t.active, (SELECT COUNT(*) FROM team_member m WHERE"
	    " m.team_id = t.id AND m.user_id = ? AND m.removed_at IS NULL),"
	    " DATE_FORMAT(tm.starts_at, '%Y-%m-%d %H:%i'), t.public_id"
	    " FROM agenda_item ai"
	    " JOIN concern c ON c.id = ai.concern_id"
	    " JOIN team_meeting tm ON tm.id = ai.team_meeting_id"
	    " JOIN team t ON t.id = tm.team_id WHERE ai.public_id = ?" },
	/* (id) -> status: the item, and its concern, locked */
	[STMT_AGENDA_LOCK] = { "agenda_lock",
	    "SELECT ai.status, c.status, c.log_id IS NOT NULL"
	    " FROM agenda_item ai JOIN concern c ON c.id = ai.concern_id"
	    " WHERE ai.id = ? FOR UPDATE" },
	/* (advice, by, id): the team's advice, once */
	[STMT_AGENDA_ADVISE] = { "agenda_advise",
	    "UPDATE agenda_item SET status = 'discussed', advice = ?,"
	    " advised_by = ?, advised_at = NOW(6) WHERE id = ?"
	    " AND status = 'waiting'" },
	/* (id): off the agenda before it is discussed */
	[STMT_AGENDA_WITHDRAW] = { "agenda_withdraw",
	    "UPDATE agenda_item SET status = 'withdrawn',"
	    " withdrawn_at = NOW(6) WHERE id = ? AND status = 'waiting'" },
	/* (log_id or NULL, concern_id or NULL): before retention_purge,
	 * the agenda items of what it deletes (counted with it) */
	[STMT_RETENTION_AGENDA] = { "retention_agenda",
	    "DELETE ai FROM agenda_item ai JOIN concern c"
	    " ON c.id = ai.concern_id WHERE c.log_id = ? OR c.id = ?" },
	/*
	 * A team with an intake and its referrals (0041_team_referral.sql).
	 * COVERS_UNIT: a consent valid on TODAY of log LOG names unit UNIT
	 * (the team's): the family agreed to share with the team.
	 */
#define COVERS_UNIT(LOG, UNIT, TODAY) \
	"EXISTS (SELECT 1 FROM consent cv JOIN consent_unit cu" \
	" ON cu.consent_id = cv.id WHERE cv.log_id = " LOG \
	" AND cv.status = 'active' AND " TODAY " BETWEEN cv.valid_from" \
	" AND cv.expires AND cu.unit_id = " UNIT ")"
	/* (reader uid, unit, today, public_id) -> id, public_id, status,
	 * reason, referred_at, referrer, priority, priority_reason, decided
	 * by, decided_at, decision_note, started_at, ended_at, end_reason,
	 * team public_id, team name, log public_id, log reference, child
	 * name, log id, team id, the reader's role in the team, team
	 * active, team municipality, covered, LOG_FACTS of the log, the
	 * child's id, the team's capacity in families */
	[STMT_REFERRAL_GET] = { "referral_get",
	    "SELECT r.id, r.public_id, r.status, r.reason,"
	    " DATE_FORMAT(r.referred_at, '%Y-%m-%dT%H:%i:%sZ'),"
	    " rb.display_name, r.priority, r.priority_reason, db.display_name,"
	    " DATE_FORMAT(r.decided_at, '%Y-%m-%dT%H:%i:%sZ'), r.decision_note,"
	    " DATE_FORMAT(r.started_at, '%Y-%m-%dT%H:%i:%sZ'),"
	    " DATE_FORMAT(r.ended_at, '%Y-%m-%dT%H:%i:%sZ'), r.end_reason,"
	    " t.public_id, t.name, l.public_id, l.reference, ch.name, l.id,"
	    " t.id, (SELECT m.role FROM team_member m WHERE m.team_id = t.id"
	    " AND m.user_id = rd.uid AND m.removed_at IS NULL), t.active,"
	    " t.municipality_id, " COVERS_UNIT("l.id", "t.host_unit_id",
	    "rd.today") "," LOG_FACTS("l") ", l.child_id, t.capacity_families"
	    " FROM " READER " JOIN team_referral r"
	    " JOIN team t ON t.id = r.team_id"
	    " JOIN relay_log l ON l.id = r.log_id"
	    " JOIN child ch ON ch.id = l.child_id"
	    " JOIN app_user rb ON rb.id = r.referred_by"
	    " LEFT JOIN app_user db ON db.id = r.decided_by"
	    " WHERE r.public_id = ?" },
	/* (log id, today, municipality) -> the intake teams a log may be
	 * referred to: public_id, name, the team's unit, whether a consent
	 * names it today, capacity, families in */
	[STMT_REFERRAL_TEAMS_OPEN] = { "referral_teams_open",
	    "SELECT t.public_id, t.name, hu.name, " COVERS_UNIT("?",
	    "t.host_unit_id", "?") ", t.capacity_families,"
	    " (SELECT COUNT(DISTINCT COALESCE(qf.family_id, -q.log_id))"
	    " FROM team_referral q LEFT JOIN family_log qf ON qf.log_id ="
	    " q.log_id WHERE q.team_id = t.id AND q.status = 'in')"
	    " FROM team t JOIN unit hu"
	    " ON hu.id = t.host_unit_id WHERE t.municipality_id = ?"
	    " AND t.kind = 'intake' AND t.active ORDER BY t.name LIMIT 100" },
	/* (log id, today, public_id, municipality) -> id, name, covered:
	 * the intake team a log is referred to */
	[STMT_REFERRAL_TEAM_FOR_LOG] = { "referral_team_for_log",
	    "SELECT t.id, t.name, " COVERS_UNIT("?", "t.host_unit_id", "?")
	    " FROM team t WHERE t.public_id = ? AND t.municipality_id = ?"
	    " AND t.kind = 'intake' AND t.active" },
	/* (public_id, team, log, reason, by) */
	[STMT_REFERRAL_INSERT] = { "referral_insert",
	    "INSERT INTO team_referral (public_id, team_id, log_id, reason,"
	    " referred_by) VALUES (?, ?, ?, ?, ?)" },
	/* (log id) -> its referrals: public_id, team name, status,
	 * referred_at, priority, started_at, ended_at */
	[STMT_REFERRAL_FOR_LOG] = { "referral_for_log",
	    "SELECT r.public_id, t.name, r.status,"
	    " DATE_FORMAT(r.referred_at, '%Y-%m-%dT%H:%i:%sZ'), r.priority,"
	    " DATE_FORMAT(r.started_at, '%Y-%m-%dT%H:%i:%sZ'),"
	    " DATE_FORMAT(r.ended_at, '%Y-%m-%dT%H:%i:%sZ')"
	    " FROM team_referral r"
	    " JOIN team t ON t.id = r.team_id WHERE r.log_id = ?"
	    " ORDER BY r.referred_at DESC, r.id DESC LIMIT 50" },
	/* (id) -> status, the log's status: locked (the log and the team
	 * are locked first) */
	[STMT_REFERRAL_LOCK] = { "referral_lock",
	    "SELECT r.status, l.status FROM team_referral r JOIN relay_log l"
	    " ON l.id = r.log_id WHERE r.id = ? FOR UPDATE" },
	/* (team id) -> families in: siblings' logs count once; read as
	 * committed now (locking), not as the request's snapshot saw it,
	 * as it decides whether one more fits */
	[STMT_REFERRAL_COUNT_IN] = { "referral_count_in",
	    "SELECT COUNT(DISTINCT COALESCE(f.family_id, -r.log_id))"
	    " FROM team_referral r LEFT JOIN family_log f ON f.log_id ="
	    " r.log_id WHERE r.team_id = ? AND r.status = 'in'"
	    " LOCK IN SHARE MODE" },
	/* (by, id): taken in */
	[STMT_REFERRAL_IN] = { "referral_in",
	    "UPDATE team_referral SET status = 'in', priority = NULL,"
	    " priority_reason = NULL, decided_by = ?, decided_at = NOW(6),"
	    " started_at = NOW(6) WHERE id = ? AND status IN ('referred',"
	    " 'waiting')" },
	/* (priority, reason, by, id): on the waiting list, or its place
	 * there changed */
	[STMT_REFERRAL_WAIT] = { "referral_wait",
	    "UPDATE team_referral SET status = 'waiting', priority = ?,"
	    " priority_reason = ?, decided_by = ?, decided_at = NOW(6)"
	    " WHERE id = ? AND status IN ('referred', 'waiting')" },
	/* (note, by, id): declined */
	[STMT_REFERRAL_DECLINE] = { "referral_decline",
	    "UPDATE team_referral SET status = 'declined', priority = NULL,"
	    " priority_reason = NULL, decision_note = ?, decided_by = ?,"
	    " decided_at = NOW(6), ended_at = NOW(6) WHERE id = ?"
	    " AND status IN ('referred', 'waiting')" },
	/* (status: ended or withdrawn, reason, id) */
	[STMT_REFERRAL_END] = { "referral_end",
	    "UPDATE team_referral SET status = ?, priority = NULL,"
	    " priority_reason = NULL, end_reason = ?, ended_at = NOW(6)"
	    " WHERE id = ? AND status IN ('referred', 'waiting', 'in')" },
	/* (referral, user) */
	[STMT_REFERRAL_PART_ADD] = { "referral_part_add",
	    "INSERT IGNORE INTO referral_participant (referral_id, user_id)"
	    " VALUES (?, ?)" },
	/* (referral) -> user id, name: the members the intake made
	 * participants */
	[STMT_REFERRAL_PARTS] = { "referral_parts",
	    "SELECT u.id, u.display_name FROM referral_participant rp"
	    " JOIN app_user u ON u.id = rp.user_id WHERE rp.referral_id = ?"
	    " ORDER BY u.display_name LIMIT 500" },
	/* (log id): the log closes; its referrals end with it */
	[STMT_REFERRAL_CLOSE_LOG] = { "referral_close_log",
	    "UPDATE team_referral SET status = IF(status = 'in', 'ended',"
	    " 'withdrawn'), priority = NULL, priority_reason = NULL,"
	    " ended_at = NOW(6) WHERE log_id = ? AND status IN ('referred',"
	    " 'waiting', 'in')" },
	/* (public_id, referral, held_on, with_referrer, summary, by) */
	[STMT_DISCUSSION_INSERT] = { "discussion_insert",
	    "INSERT INTO team_discussion (public_id, referral_id, held_on,"
	    " with_referrer, summary, recorded_by) VALUES (?, ?, ?, ?, ?, ?)" },
	/* (referral) -> held_on, with_referrer, summary, by, recorded_at */
	[STMT_DISCUSSIONS] = { "discussions",
	    "SELECT d.held_on, d.with_referrer, d.summary, u.display_name,"
	    " DATE_FORMAT(d.recorded_at, '%Y-%m-%dT%H:%i:%sZ')"
	    " FROM team_discussion d JOIN app_user u ON u.id = d.recorded_by"
	    " WHERE d.referral_id = ? ORDER BY d.held_on DESC, d.id DESC"
	    " LIMIT 500" },
	/* (today x 3, team id) -> the team's queue: public_id, status,
	 * referred_at, started_at, priority, priority_reason, log
	 * reference, child name, referrer, referrer's unit, covered, days
	 * waiting (since referred), days in, the last discussion, the
	 * children the row counts (1: a child's log), the family (its id,
	 * or minus the log's when it is in none) */
	[STMT_TEAM_QUEUE] = { "team_queue",
	    "SELECT r.public_id, r.status,"
	    " DATE_FORMAT(r.referred_at, '%Y-%m-%dT%H:%i:%sZ'),"
	    " DATE_FORMAT(r.started_at, '%Y-%m-%dT%H:%i:%sZ'), r.priority,"
	    " r.priority_reason, l.reference, ch.name, rb.display_name,"
	    " rbu.name, " COVERS_UNIT("l.id", "t.host_unit_id", "?") ","
	    " DATEDIFF(?, DATE(r.referred_at)),"
	    " DATEDIFF(?, DATE(r.started_at)),"
	    " (SELECT MAX(d.held_on) FROM team_discussion d WHERE"
	    " d.referral_id = r.id), 1, COALESCE((SELECT fl.family_id FROM"
	    " family_log fl WHERE fl.log_id = r.log_id), -r.log_id)"
	    " FROM team_referral r"
	    " JOIN team t ON t.id = r.team_id"
	    " JOIN relay_log l ON l.id = r.log_id"
	    " JOIN child ch ON ch.id = l.child_id"
	    " JOIN app_user rb ON rb.id = r.referred_by"
	    " LEFT JOIN unit rbu ON rbu.id = rb.unit_id"
	    " WHERE r.team_id = ? AND r.status IN ('referred', 'waiting', 'in')"
	    " ORDER BY FIELD(r.status, 'in', 'referred', 'waiting'),"
	    " r.priority, r.started_at, r.referred_at, r.id LIMIT 1000" },
	/* (log_id or NULL): before retention_purge, a log's referrals
	 * with their discussions and participants (counted with it) */
	[STMT_RETENTION_DISCUSSIONS] = { "retention_discussions",
	    "DELETE d FROM team_discussion d JOIN team_referral r"
	    " ON r.id = d.referral_id WHERE r.log_id = ?" },
	[STMT_RETENTION_REFERRAL_PARTS] = { "retention_referral_parts",
	    "DELETE p FROM referral_participant p JOIN team_referral r"
	    " ON r.id = p.referral_id WHERE r.log_id = ?" },
	[STMT_RETENTION_REFERRALS] = { "retention_referrals",
	    "DELETE FROM team_referral WHERE log_id = ?" },
	/* Families (0042_family.sql). (reader uid, unit, today, log id) ->
	 * the other logs of the log's family: public_id, reference, child
	 * name, id, LOG_FACTS of that log, its child's id (the reader sees
	 * those they may read, access_log) */
	[STMT_FAMILY_SIBLINGS] = { "family_siblings",
	    "SELECT s.public_id, s.reference, ch.name, s.id," LOG_FACTS("s")
	    ", s.child_id FROM " READER " JOIN family_log me JOIN family_log o"
	    " ON o.family_id = me.family_id AND o.log_id <> me.log_id"
	    " JOIN relay_log s ON s.id = o.log_id"
	    " JOIN child ch ON ch.id = s.child_id WHERE me.log_id = ?"
	    " ORDER BY ch.birth_date, s.id LIMIT 50" },
	/* (reader uid, unit, today, reference) -> id, family id, child id,
	 * LOG_FACTS:
	 * a log named by its reference, to be linked as a sibling */
	[STMT_FAMILY_LOG_BY_REF] = { "family_log_by_ref",
	    "SELECT l.id, (SELECT f.family_id FROM family_log f WHERE"
	    " f.log_id = l.id), l.child_id," LOG_FACTS("l") " FROM " READER
	    " JOIN relay_log l WHERE l.reference = ?" },
	/* (public_id, municipality, by) */
	[STMT_FAMILY_INSERT] = { "family_insert",
	    "INSERT INTO family (public_id, municipality_id, created_by)"
	    " VALUES (?, ?, ?)" },
	/* (log, family, by) */
	[STMT_FAMILY_LOG_ADD] = { "family_log_add",
	    "INSERT INTO family_log (log_id, family_id, added_by)"
	    " VALUES (?, ?, ?)" },
	/* (log) */
	[STMT_FAMILY_LOG_REMOVE] = { "family_log_remove",
	    "DELETE FROM family_log WHERE log_id = ?" },
	/* (log) -> family id, locked */
	[STMT_FAMILY_OF_LOG] = { "family_of_log",
	    "SELECT family_id FROM family_log WHERE log_id = ? FOR UPDATE" },
	/* (team, log) -> the log's family is in the team already: a
	 * sibling's referral was taken in (a family counts once) */
	[STMT_REFERRAL_FAMILY_IN] = { "referral_family_in",
	    "SELECT COUNT(*) FROM team_referral r JOIN family_log a"
	    " ON a.log_id = r.log_id JOIN family_log b ON b.family_id ="
	    " a.family_id WHERE r.team_id = ? AND r.status = 'in'"
	    " AND b.log_id = ? LOCK IN SHARE MODE" },
	/* (log_id): before retention_purge, the log's place in a family */
	[STMT_RETENTION_FAMILY_LOG] = { "retention_family_log",
	    "DELETE FROM family_log WHERE log_id = ?" },
	/* (id): a meeting meant for the family that went to no sibling */
	[STMT_MEETING_FAMILY_CLEAR] = { "meeting_family_clear",
	    "UPDATE meeting SET family_meeting = NULL WHERE id = ?" },
	/* (team, user) -> log id: the logs a member takes part in because
	 * a family of theirs is in the team (referral_participant) */
	[STMT_REFERRAL_MEMBER_LOGS] = { "referral_member_logs",
	    "SELECT r.log_id FROM team_referral r JOIN referral_participant rp"
	    " ON rp.referral_id = r.id JOIN log_participant p ON p.log_id ="
	    " r.log_id AND p.user_id = rp.user_id AND p.removed_at IS NULL"
	    " WHERE r.team_id = ? AND r.status = 'in' AND rp.user_id = ?"
	    " LIMIT 1000" },
	/* (): families left with no log (a purge took their last) */
	[STMT_RETENTION_FAMILY] = { "retention_family",
	    "DELETE f FROM family f LEFT JOIN family_log l ON l.family_id ="
	    " f.id WHERE l.log_id IS NULL" },
	[STMT_MINUTES_INSERT] = { "minutes_insert",
	    "INSERT INTO minutes (public_id, log_id, meeting_id, submission_id,"
	    " corrects_id, author_id) VALUES (?, ?, ?, ?, ?, ?)" },
	/* (public_id) -> MINUTES_COLS, form_id, form_version, instance */
	[STMT_MINUTES_GET] = { "minutes_get",
	    MINUTES_COLS ", s.form_id, s.form_version, s.instance"
	    " FROM " MINUTES_FROM " WHERE mi.public_id = ?" },
	/* (log_id) -> MINUTES_COLS */
	[STMT_MINUTES_LIST] = { "minutes_list",
	    MINUTES_COLS " FROM " MINUTES_FROM " WHERE mi.log_id = ?"
	    " ORDER BY mi.created_at DESC, mi.id DESC LIMIT 500" },
	/* (submission_id, id) */
	[STMT_MINUTES_SET_SUBMISSION] = { "minutes_set_submission",
	    "UPDATE minutes SET submission_id = ? WHERE id = ?"
	    " AND status = 'draft'" },
	/* (id): a duplicate final_slot means another version won */
	[STMT_MINUTES_FINALISE] = { "minutes_finalise",
	    "UPDATE minutes SET status = 'final', finalised_at = NOW(6)"
	    " WHERE id = ? AND status = 'draft'" },

	/* (public_id, kind, unit_id, user_id, service, concern_id, log_id,
	 *  idempotency_key) */
	[STMT_OUTBOX_ADD] = { "outbox_add",
	    "INSERT INTO outbox (public_id, kind, unit_id, user_id, service,"
	    " concern_id, log_id, idempotency_key)"
	    " VALUES (?, ?, ?, ?, ?, ?, ?, ?)" },
	/* (log_id, home_unit_id, today, today): pending notices to services
	 * no valid consent covers any more are cancelled, not sent */
	[STMT_OUTBOX_CANCEL_UNCOVERED] = { "outbox_cancel_uncovered",
	    "UPDATE outbox o SET o.status = 'cancelled'"
	    " WHERE o.log_id = ? AND o.service IS NOT NULL"
	    " AND o.status IN ('queued', 'failed')"
	    " AND o.service <> (SELECT kind FROM unit WHERE id = ?)"
	    " AND NOT " COVERS("o.log_id", "o.service") },
	/* (log_id, log_id) -> kind, status, service, created_at, partner
	 * name, partner_ref, the latest answer's kind, text, reference and
	 * time, public_id, the kind of the notice a cancellation withdraws,
	 * whether it waits with no receiver, newest first */
	[STMT_OUTBOX_LIST_LOG] = { "outbox_list_log", OUTBOX_LIST_LOG("") },
	/* (log_id, log_id) -> the same, what the guardians may see */
	[STMT_OUTBOX_LIST_LOG_CITIZEN] = { "outbox_list_log_citizen",
	    OUTBOX_LIST_LOG(" AND NOT " NOTICE_WITHHELD("o")) },
	/* (log_id) -> the same, of a log whose concerns made no notices
	 * before they joined it */
	[STMT_OUTBOX_LIST_LOG_ONLY] = { "outbox_list_log_only",
	    OUTBOX_LIST_LOG_ONLY("") },
	[STMT_OUTBOX_LIST_LOG_ONLY_CITIZEN] = {
	    "outbox_list_log_only_citizen",
	    OUTBOX_LIST_LOG_ONLY(" AND NOT " NOTICE_WITHHELD("o")) },
	/* (concern_id) -> the same: a concern's notices, on its page */
	[STMT_OUTBOX_LIST_CONCERN] = { "outbox_list_concern",
	    OUTBOX_LIST_COLS " WHERE o.concern_id = ?" OUTBOX_TO_PARTNER
	    " ORDER BY o.created_at DESC, o.id DESC LIMIT 200" },

	/* (child_id, for citizens, limit, offset) -> at, who, unit, role,
	 * action, object_type: a stretch of the child's access log, counted
	 * from the oldest entry, which is where new entries do not move it;
	 * for citizens without the lines about what child welfare withholds */
	[STMT_AUDIT_FOR_CHILD] = { "audit_for_child",
	    "SELECT DATE_FORMAT(a.at, '%Y-%m-%dT%H:%i:%sZ'),"
	    " COALESCE(u.display_name, pa.name),"
	    " un.name, a.role, a.action, a.object_type"
	    " FROM audit a LEFT JOIN app_user u ON u.id = a.user_id"
	    " LEFT JOIN unit un ON un.id = u.unit_id"
	    " LEFT JOIN partner pa ON pa.id = a.partner_id"
	    " WHERE a.child_id = ? AND (? = 0 OR NOT " AUDIT_WITHHELD("a") ")"
	    " ORDER BY a.at, a.id LIMIT ? OFFSET ?" },
	/* (child_id, for citizens) -> who, unit, role, looks, changes,
	 * first, last (for citizens, as above): the
	 * whole access log in a row per person (or partner, or the system)
	 * and role, the most recent first; its counts add up to the total */
	[STMT_AUDIT_CHILD_PEOPLE] = { "audit_child_people",
	    "SELECT COALESCE(u.display_name, pa.name), un.name, a.role,"
	    " SUM(a.action IN ('read', 'list', 'export')),"
	    " SUM(a.action NOT IN ('read', 'list', 'export')),"
	    " DATE_FORMAT(MIN(a.at), '%Y-%m-%dT%H:%i:%sZ'),"
	    " DATE_FORMAT(MAX(a.at), '%Y-%m-%dT%H:%i:%sZ')"
	    " FROM audit a LEFT JOIN app_user u ON u.id = a.user_id"
	    " LEFT JOIN unit un ON un.id = u.unit_id"
	    " LEFT JOIN partner pa ON pa.id = a.partner_id"
	    " WHERE a.child_id = ? AND (? = 0 OR NOT " AUDIT_WITHHELD("a") ")"
	    " GROUP BY a.user_id, a.partner_id, a.role, u.display_name,"
	    " pa.name, un.name ORDER BY MAX(a.at) DESC" },

	/* (log_id, xml, html) */
	[STMT_ARCHIVE_INSERT] = { "archive_insert",
	    "INSERT INTO log_archive (log_id, xml, html) VALUES (?, ?, ?)" },
	/* (log_id) -> how many of its events tell of what child welfare
	 * withholds from the guardians (a report made while the case was a
	 * concern has its event moved into the log, its notice not) */
	[STMT_LOG_WITHHELD] = { "log_withheld",
	    "SELECT COUNT(*) FROM case_event e WHERE e.log_id = ? AND "
	    EVENT_WITHHELD("e") },
	/* (log_id) -> xml, html */
	[STMT_ARCHIVE_GET] = { "archive_get",
	    "SELECT xml, html FROM log_archive WHERE log_id = ?" },

	/* (id) -> form_id, form_version, instance */
	[STMT_SUBMISSION_GET_ID] = { "submission_get_id",
	    "SELECT form_id, form_version, instance FROM form_submission"
	    " WHERE id = ?" },
	/* (author_id) -> the phone number its author gave on their newest
	 * report of concern (only that leaves the database), so that a
	 * reporter types it once */
	[STMT_CW_REPORT_PHONE] = { "cw_report_phone",
	    "SELECT ExtractValue(instance, '/cw_report/reporter/phone')"
	    " FROM form_submission WHERE author_id = ?"
	    " AND form_id = 'cw-report' ORDER BY id DESC LIMIT 1" },
	/* () -> level, name_nb, name_en */
	[STMT_GUIDE_LEVELS] = { "guide_levels",
	    "SELECT level, name_nb, name_en FROM guide_level ORDER BY level" },
	/* () -> public_id, level, position, title_nb, title_en, form_id,
	 * deadline_days, municipality_id: every municipality's guide, each
	 * in order (read whole and kept a while: the reader takes its own
	 * municipality's rows) */
	[STMT_GUIDE_STEPS] = { "guide_steps",
	    "SELECT public_id, level, position, title_nb, title_en, form_id,"
	    " deadline_days, municipality_id FROM guide_step"
	    " ORDER BY municipality_id, level, position" },
	/* (title_nb, title_en, form_id, deadline_days, public_id) */
	[STMT_GUIDE_STEP_UPDATE] = { "guide_step_update",
	    "UPDATE guide_step SET title_nb = ?, title_en = ?, form_id = ?,"
	    " deadline_days = ? WHERE public_id = ?" },
	/* (title_nb, title_en, form_id, deadline_days, municipality,
	 * public_id, level): last in its level of its guide */
	[STMT_GUIDE_STEP_INSERT] = { "guide_step_insert",
	    "INSERT INTO guide_step (municipality_id, public_id, level,"
	    " position, title_nb, title_en, form_id, deadline_days)"
	    " SELECT a.m, a.pid, gl.level, COALESCE((SELECT MAX(position)"
	    " FROM guide_step g WHERE g.municipality_id = a.m"
	    " AND g.level = gl.level), 0) + 1, ?, ?, ?, ?"
	    " FROM (SELECT ? AS m, ? AS pid) a JOIN guide_level gl"
	    " WHERE gl.level = ?" },
	/* (public_id) */
	[STMT_GUIDE_STEP_DELETE] = { "guide_step_delete",
	    "DELETE FROM guide_step WHERE public_id = ?" },
	/* (public_id, municipality) -> id, locked: the step of its guide a
	 * change is about, for its
	 * audit row */
	[STMT_GUIDE_STEP_ID] = { "guide_step_id",
	    "SELECT id FROM guide_step WHERE public_id = ?"
	    " AND municipality_id = ? FOR UPDATE" },
	/* () -> municipality_id, the longest deadline of its level 0's
	 * steps, in days: a new concern's, kept a while (db_query_cached) */
	[STMT_GUIDE_LEVEL0_DAYS] = { "guide_level0_days",
	    "SELECT municipality_id, MAX(deadline_days) FROM guide_step"
	    " WHERE level = 0 GROUP BY municipality_id" },

	/* (municipality, public_id, name, kind, endpoint, auth, accepts) */
	[STMT_PARTNER_INSERT] = { "partner_insert",
	    "INSERT INTO partner (municipality_id, public_id, name, kind,"
	    " endpoint, auth, accepts) VALUES (?, ?, ?, ?, ?, ?, ?)" },
	/* () -> public_id, name, kind, endpoint, auth, accepts, status,
	 * notices waiting (queued, failed or in flight), receipt token
	 * issued */
	[STMT_PARTNER_LIST] = { "partner_list",
	    "SELECT p.public_id, p.name, p.kind, p.endpoint, p.auth,"
	    " p.accepts, p.status, (SELECT COUNT(*) FROM outbox o"
	    " WHERE o.partner_id = p.id AND o.status IN ('queued',"
	    " 'in_flight', 'failed')), p.inbound_token_hash IS NOT NULL,"
	    " (SELECT mu.number FROM municipality mu"
	    " WHERE mu.id = p.municipality_id)"
	    " FROM partner p ORDER BY p.name" },
	/* (status, public_id) */
	[STMT_PARTNER_SET_STATUS] = { "partner_set_status",
	    "UPDATE partner SET status = ? WHERE public_id = ?" },
	/* (municipality or 0 for any, the same, public_id) -> 1 */
	[STMT_PARTNER_EXISTS] = { "partner_exists",
	    "SELECT 1 FROM partner WHERE (? = 0 OR municipality_id = ?)"
	    " AND public_id = ?" },

	/* (public_id, kind, service, concern_id, log_id, idempotency_key,
	 *  submission_id, sender_id): a notice to a partner, built at send
	 *  time from the form submission, whose author is the sender told if
	 *  it is not acknowledged or dies; one statement (issue 17: it was
	 *  an insert and an update that read the submission's author) */
	[STMT_OUTBOX_ADD_FORM] = { "outbox_add_form",
	    "INSERT INTO outbox (public_id, kind, service, concern_id, log_id,"
	    " idempotency_key, submission_id, sender_id)"
	    " VALUES (?, ?, ?, ?, ?, ?, ?, ?)" },
	/* (kind, service, log_id, concern_id) -> 1 when a new notice of
	 * that kind, about that case, to that
	 * service (NULL: child welfare) has a receiver now, 0 when it would
	 * wait with nobody to take it: NO_RECEIVER of the row it would be,
	 * asked before it is written (caseform.c keeps the notice for the
	 * COMMIT, tail.h, unless it needs its alert at once); the
	 * collation is the tables' (sql/0001_core.sql). A plain read: a
	 * partner paused in the same moment may leave the notice waiting
	 * without its alert until notify's next sweep raises it
	 * (alerts_sweep), as for any notice left waiting by other means */
	[STMT_RECEIVER_READY] = { "receiver_ready",
	    "SELECT NOT " NO_RECEIVER("o") " FROM (SELECT 'queued' AS status,"
	    " CAST(NULL AS CHAR) AS message_type, CAST(? AS CHAR) COLLATE"
	    " utf8mb4_unicode_ci AS kind, CAST(NULL AS UNSIGNED) AS"
	    " partner_id, CAST(? AS CHAR) COLLATE utf8mb4_unicode_ci AS"
	    " service, CAST(? AS UNSIGNED) AS log_id, CAST(? AS UNSIGNED) AS"
	    " concern_id, CAST(NULL AS UNSIGNED) AS user_id) o" },
	/* (public_id) -> id of the notice (after the rows kept: tail.h) */
	[STMT_NOTICE_ID] = { "notice_id",
	    "SELECT id FROM outbox WHERE public_id = ?" },
	/* (): queued partner notices get their type and the first active
	 * partner of their service's kind that accepts it, among their own
	 * municipality's partners: never another's */
	[STMT_OUTBOX_ROUTE] = { "outbox_route",
	    "UPDATE outbox o SET o.message_type = o.kind, o.partner_id ="
	    " (SELECT p.id FROM partner p WHERE p.status = 'active'"
	    " AND p.kind = COALESCE(o.service, 'child_welfare')"
	    " AND FIND_IN_SET(o.kind, p.accepts)"
	    " AND p.municipality_id = " OUTBOX_MUNICIPALITY("o")
	    " ORDER BY p.id LIMIT 1)"
	    " WHERE o.status = 'queued' AND o.partner_id IS NULL"
	    " AND o.kind IN ('referral', 'nav_notice', 'cw_report')" },
	/* (limit) -> id, partner_id: due rows, locked, others' skipped. A
	 * cancellation waits while the notice it withdraws is in flight,
	 * so that it never overtakes it. */
	/* (status, limit) -> id, partner_id: rows of one status ('queued'
	 * or 'failed') due now, oldest first, locked, others' skipped. One
	 * status at a time, so that the scan follows outbox_due in its
	 * order and stops at the limit: with both in one IN (...) every due
	 * row was read and sorted on every claim, and a backlog of n cost
	 * n row reads per notice. */
	[STMT_OUTBOX_DUE] = { "outbox_due",
	    "SELECT o.id, o.partner_id FROM outbox o FORCE INDEX (outbox_due)"
	    " WHERE o.status = ? AND o.next_attempt_at <= NOW(6)"
	    " AND o.partner_id IS NOT NULL" OUTBOX_SENDABLE
	    " ORDER BY o.next_attempt_at, o.id LIMIT ?"
	    " FOR UPDATE SKIP LOCKED" },
	/* (limit) -> id, partner_id: rows in flight whose lease ran out
	 * (their notify died), as STMT_OUTBOX_DUE */
	[STMT_OUTBOX_DUE_LEASE] = { "outbox_due_lease",
	    "SELECT o.id, o.partner_id FROM outbox o"
	    " FORCE INDEX (outbox_lease)"
	    " WHERE o.status = 'in_flight' AND o.lease_until < NOW(6)"
	    " AND o.partner_id IS NOT NULL" OUTBOX_SENDABLE
	    " ORDER BY o.lease_until, o.id LIMIT ?"
	    " FOR UPDATE SKIP LOCKED" },
	/* The reads of many notices at once start from their ids
	 * (STRAIGHT_JOIN): otherwise MariaDB may read every notice of the
	 * partner first and match the ids after, thousands of rows for a
	 * few (measured with bench/deliver, issue 17). */
	/* (today, today, JSON [id, ...]) -> public_id, idempotency_key,
	 * message_type,
	 * attempts, log_id, log reference, log status, covered, partner
	 * public_id, endpoint, auth, instance, sender unit, created, age in
	 * seconds (since an administrator's retry, if any), concern_id,
	 * service, the public id of the notice a cancellation withdraws,
	 * its reason, id; for each id claimed (one read for all: issue 17).
	 * A cancellation has no form: it is sent by the unit that sent the
	 * notice it withdraws. */
	[STMT_OUTBOX_DETAIL] = { "outbox_detail",
	    "SELECT o.public_id, o.idempotency_key, o.message_type,"
	    " o.attempts, o.log_id, l.reference, l.status,"
	    " (o.service IS NULL OR o.service = (SELECT kind FROM unit"
	    " WHERE id = l.home_unit_id) OR " COVERS("o.log_id", "o.service")
	    "), p.public_id, p.endpoint, p.auth, s.instance,"
	    " COALESCE(su.name, ''),"
	    " DATE_FORMAT(o.created_at, '%Y-%m-%dT%H:%i:%sZ'),"
	    " TIMESTAMPDIFF(SECOND, COALESCE(o.retried_at, o.created_at),"
	    " NOW(6)), o.concern_id,"
	    " o.service, oc.public_id, o.cancel_reason, o.id"
	    " FROM JSON_TABLE(?, '$[*]' COLUMNS (id BIGINT UNSIGNED PATH '$'))"
	    " jl STRAIGHT_JOIN outbox o ON o.id = jl.id"
	    " JOIN partner p ON p.id = o.partner_id"
	    " LEFT JOIN relay_log l ON l.id = o.log_id"
	    " LEFT JOIN outbox oc ON oc.id = o.cancels_id"
	    " LEFT JOIN form_submission s ON s.id ="
	    " COALESCE(o.submission_id, oc.submission_id)"
	    " LEFT JOIN app_user a ON a.id = s.author_id"
	    " LEFT JOIN unit su ON su.id = a.unit_id" },
	/* (lease seconds, claimed_by, id) */
	[STMT_OUTBOX_LEASE] = { "outbox_lease",
	    "UPDATE outbox SET status = 'in_flight',"
	    " lease_until = NOW(6) + INTERVAL ? SECOND, claimed_by = ?,"
	    " attempts = attempts + 1 WHERE id = ?" },
	/* (JSON [id, ...], lease seconds, claimed_by) */
	[STMT_OUTBOX_LEASE_MANY] = { "outbox_lease_many",
	    "UPDATE outbox o JOIN JSON_TABLE(?, '$[*]' COLUMNS (id BIGINT"
	    " UNSIGNED PATH '$')) jl ON o.id = jl.id"
	    " SET o.status = 'in_flight',"
	    " o.lease_until = NOW(6) + INTERVAL ? SECOND, o.claimed_by = ?,"
	    " o.attempts = o.attempts + 1" },
	/* (error, id): never a notice a partner is known to have */
	[STMT_OUTBOX_CANCEL_ONE] = { "outbox_cancel_one",
	    "UPDATE outbox SET status = 'cancelled', last_error = ?,"
	    " lease_until = NULL WHERE id = ? AND delivered_at IS NULL"
	    " AND status IN ('queued', 'failed', 'in_flight')" },
	/* (claimed_by, JSON [id, ...]) -> status, held by claimed_by?,
	 *  log_id, concern_id, partner_id, kind, never delivered?, id: the
	 *  rows whose outcomes are recorded together, locked as the JSON
	 *  lists them (a deadlock with another process is run again) */
	[STMT_OUTBOX_RESULT_LOCK] = { "outbox_result_lock",
	    "SELECT o.status, o.claimed_by <=> ?, o.log_id, o.concern_id,"
	    " o.partner_id, o.kind, o.delivered_at IS NULL, o.id"
	    " FROM JSON_TABLE(?, '$[*]' COLUMNS (id BIGINT UNSIGNED PATH '$'))"
	    " jl STRAIGHT_JOIN outbox o ON o.id = jl.id ORDER BY o.id"
	    " FOR UPDATE" },
	/* (JSON [[id, acknowledged? 0|1, http status, partner_ref or
	 * null], ...]): a partner's 2xx is a fact, recorded whoever holds
	 * the row and whatever it was marked meanwhile (a lost lease, a
	 * cancellation that came too late); an acknowledgement is never
	 * taken back */
	[STMT_OUTBOX_DELIVERED] = { "outbox_delivered",
	    "UPDATE outbox o JOIN JSON_TABLE(?, '$[*]' COLUMNS ("
	    " id BIGINT UNSIGNED PATH '$[0]', acked INT PATH '$[1]',"
	    " http INT PATH '$[2]', ref VARCHAR(100) PATH '$[3]')) jd"
	    " ON o.id = jd.id"
	    " SET o.status = IF(jd.acked OR o.status = 'acknowledged',"
	    " 'acknowledged', 'delivered'), o.last_http_status = jd.http,"
	    " o.last_error = NULL,"
	    " o.delivered_at = COALESCE(o.delivered_at, NOW(6)),"
	    " o.acknowledged_at = IF(jd.acked, COALESCE(o.acknowledged_at,"
	    " NOW(6)), o.acknowledged_at),"
	    " o.partner_ref = COALESCE(o.partner_ref, jd.ref),"
	    " o.dead_at = NULL, o.lease_until = NULL" },
	/* (attempt id) -> rows: whether an attempt's outcome was committed
	 * when the answer to the COMMIT was lost */
	[STMT_ATTEMPT_EXISTS] = { "attempt_exists",
	    "SELECT COUNT(*) FROM delivery_attempt WHERE id = ?"
	    " AND outcome <> 'in_flight'" },
	/* (claimed_by, JSON [[outbox_id, partner_id, attempt], ...]): the
	 * attempts as they are claimed, before anything is sent
	 * (0022_attempt_in_flight.sql) */
	[STMT_ATTEMPT_START] = { "attempt_start",
	    "INSERT INTO delivery_attempt (outbox_id, partner_id, attempt,"
	    " claimed_by, started_at, finished_at, outcome)"
	    " SELECT ja.outbox_id, ja.partner_id, ja.attempt, ?, NOW(6), NULL,"
	    " 'in_flight' FROM JSON_TABLE(?, '$[*]' COLUMNS ("
	    " outbox_id BIGINT UNSIGNED PATH '$[0]',"
	    " partner_id INT UNSIGNED PATH '$[1]',"
	    " attempt INT UNSIGNED PATH '$[2]')) ja" },
	/* (JSON [outbox_id, ...], claimed_by) -> attempt id, outbox_id:
	 * the attempts just started */
	[STMT_ATTEMPT_CLAIMED] = { "attempt_claimed",
	    "SELECT a.id, a.outbox_id FROM JSON_TABLE(?, '$[*]' COLUMNS ("
	    " id BIGINT UNSIGNED PATH '$')) jl STRAIGHT_JOIN delivery_attempt a"
	    " ON a.outbox_id = jl.id WHERE a.claimed_by = ?"
	    " AND a.outcome = 'in_flight'" },
	/* (JSON [outbox_id, ...]): as STMT_ATTEMPT_ABANDON, for the rows
	 * claimed together */
	[STMT_ATTEMPT_ABANDON_MANY] = { "attempt_abandon_many",
	    "UPDATE delivery_attempt a JOIN JSON_TABLE(?, '$[*]' COLUMNS ("
	    " id BIGINT UNSIGNED PATH '$')) jl ON a.outbox_id = jl.id"
	    " SET a.outcome = 'unknown',"
	    " a.error = 'no outcome recorded: the sending process stopped',"
	    " a.finished_at = NOW(6) WHERE a.outcome = 'in_flight'" },
	/* (outbox_id): attempts whose process stopped before their outcome
	 * was recorded, found when the notice is claimed again */
	[STMT_ATTEMPT_ABANDON] = { "attempt_abandon",
	    "UPDATE delivery_attempt SET outcome = 'unknown',"
	    " error = 'no outcome recorded: the sending process stopped',"
	    " finished_at = NOW(6)"
	    " WHERE outbox_id = ? AND outcome = 'in_flight'" },
	/* (JSON [[attempt id, http status or null, outcome, error or null,
	 * retry_after or null], ...]) */
	[STMT_ATTEMPT_FINISH] = { "attempt_finish",
	    "UPDATE delivery_attempt a JOIN JSON_TABLE(?, '$[*]' COLUMNS ("
	    " id BIGINT UNSIGNED PATH '$[0]', http INT PATH '$[1]',"
	    " outcome VARCHAR(20) PATH '$[2]', error VARCHAR(255) PATH '$[3]',"
	    " retry INT PATH '$[4]')) jf ON a.id = jf.id"
	    " SET a.http_status = jf.http, a.outcome = jf.outcome,"
	    " a.error = jf.error, a.retry_after_s = jf.retry,"
	    " a.finished_at = NOW(6)" },
	/* (id) -> name */
	[STMT_PARTNER_NAME] = { "partner_name",
	    "SELECT name FROM partner WHERE id = ?" },
	/* (status, http status, error, delivered?, acknowledged?,
	 *  partner_ref, dead?, seconds to next attempt, id, claimed_by):
	 * only while this process still holds the row */
	[STMT_OUTBOX_RESULT] = { "outbox_result",
	    "UPDATE outbox SET status = ?, last_http_status = ?,"
	    " last_error = ?, delivered_at = IF(?, NOW(6), delivered_at),"
	    " acknowledged_at = IF(?, NOW(6), acknowledged_at),"
	    " partner_ref = COALESCE(?, partner_ref),"
	    " dead_at = IF(?, NOW(6), dead_at),"
	    " next_attempt_at = NOW(6) + INTERVAL ? SECOND,"
	    " lease_until = NULL"
	    " WHERE id = ? AND claimed_by = ? AND status = 'in_flight'" },
	/* (JSON [[id, status, http status or null, error, dead? 0|1,
	 * seconds to next attempt], ...], claimed_by): a failure, only while
	 * this process still holds the row */
	[STMT_OUTBOX_RESULT_MANY] = { "outbox_result_many",
	    "UPDATE outbox o JOIN JSON_TABLE(?, '$[*]' COLUMNS ("
	    " id BIGINT UNSIGNED PATH '$[0]', status VARCHAR(20) PATH '$[1]',"
	    " http INT PATH '$[2]', error VARCHAR(255) PATH '$[3]',"
	    " dead INT PATH '$[4]', delay INT PATH '$[5]')) jr"
	    " ON o.id = jr.id"
	    " SET o.status = jr.status, o.last_http_status = jr.http,"
	    " o.last_error = jr.error,"
	    " o.dead_at = IF(jr.dead, NOW(6), o.dead_at),"
	    " o.next_attempt_at = NOW(6) + INTERVAL jr.delay SECOND,"
	    " o.lease_until = NULL"
	    " WHERE o.claimed_by = ? AND o.status = 'in_flight'" },
	/* (outbox_id, partner_id, attempt, claimed_by, microseconds since
	 *  the start, http status, outcome, error, retry_after) */
	[STMT_ATTEMPT_INSERT] = { "attempt_insert",
	    "INSERT INTO delivery_attempt (outbox_id, partner_id, attempt,"
	    " claimed_by, started_at, http_status, outcome, error,"
	    " retry_after_s) VALUES (?, ?, ?, ?, NOW(6) - INTERVAL ?"
	    " MICROSECOND, ?, ?, ?, ?)" },

	/* (token hash, public_id): a new receipt token replaces the old */
	[STMT_PARTNER_SET_TOKEN] = { "partner_set_token",
	    "UPDATE partner SET inbound_token_hash = ? WHERE public_id = ?" },
	/* (partner_id, role, action, object_type, object_id, child_id,
	 *  request_id): what a partner did, as STMT_AUDIT_INSERT for users */
	[STMT_AUDIT_PARTNER] = { "audit_partner",
	    "INSERT INTO audit (partner_id, role, action, object_type,"
	    " object_id, child_id, request_id) VALUES (?, ?, ?, ?, ?, ?, ?)" },
	/* (token hash) -> id, public_id, name */
	[STMT_PARTNER_BY_TOKEN] = { "partner_by_token",
	    "SELECT id, public_id, name FROM partner"
	    " WHERE inbound_token_hash = ?" },
	/* (public_id, partner_id) -> id, public_id, kind, status, log_id,
	 * concern_id, child_id: a notice sent to this partner (tried at
	 * least once: one never sent cannot be answered), locked so that
	 * answers to one notice come one after the other. The child is
	 * read in subqueries, which take no locks. */
	/* (public_id, partner_id) -> log_id: the log a receipt's notice
	 * belongs to, read before anything is locked, so that its row can
	 * be locked first (as every change to a log does) */
	[STMT_RECEIPT_NOTICE_LOG] = { "receipt_notice_log",
	    "SELECT o.log_id FROM outbox o WHERE o.public_id = ?"
	    " AND o.partner_id = ? AND o.log_id IS NOT NULL" },
	[STMT_RECEIPT_NOTICE] = { "receipt_notice",
	    "SELECT o.id, o.public_id, o.kind, o.status, o.log_id,"
	    " o.concern_id, COALESCE((SELECT l.child_id FROM relay_log l"
	    " WHERE l.id = o.log_id), (SELECT c.child_id FROM concern c"
	    " WHERE c.id = o.concern_id)) FROM outbox o"
	    " WHERE o.public_id = ? AND o.partner_id = ? AND o.attempts > 0"
	    " FOR UPDATE" },
	/* (public_id, outbox_id, partner_id, kind, reference, text,
	 *  digest): a repeat fails on notice_answer_once */
	[STMT_ANSWER_INSERT] = { "answer_insert",
	    "INSERT INTO notice_answer (public_id, outbox_id, partner_id,"
	    " kind, reference, text, digest) VALUES (?, ?, ?, ?, ?, ?, ?)" },
	/* (outbox_id, digest) -> public_id of the same answer given before */
	/* (partner_id, nonce, body digest): a receipt's nonce, once */
	[STMT_RECEIPT_NONCE_ADD] = { "receipt_nonce_add",
	    "INSERT INTO receipt_nonce (partner_id, nonce, body_digest)"
	    " VALUES (?, ?, ?)" },
	/* (partner_id, nonce) -> the body digest it came with */
	[STMT_RECEIPT_NONCE_GET] = { "receipt_nonce_get",
	    "SELECT body_digest FROM receipt_nonce WHERE partner_id = ?"
	    " AND nonce = ?" },
	/* nonces older than a day (the window is five minutes) */
	[STMT_RECEIPT_NONCE_PURGE] = { "receipt_nonce_purge",
	    "DELETE FROM receipt_nonce WHERE seen_at < NOW(6) - INTERVAL 1 DAY"
	    },
	[STMT_ANSWER_FIND] = { "answer_find",
	    "SELECT public_id FROM notice_answer WHERE outbox_id = ?"
	    " AND digest = ?" },
	/* (partner_ref, id): an answer shows the partner has the notice:
	 * delivered, or in any state of trying (queued again included), it
	 * is acknowledged and not sent again; a cancelled one stays
	 * cancelled. status is set last, as MariaDB assigns in order and
	 * the others read the old one. */
	[STMT_OUTBOX_ANSWERED] = { "outbox_answered",
	    "UPDATE outbox SET"
	    " delivered_at = IF(status IN " ANSWERABLE ","
	    " COALESCE(delivered_at, NOW(6)), delivered_at),"
	    " acknowledged_at = IF(status IN " ANSWERABLE ", NOW(6),"
	    " acknowledged_at),"
	    " partner_ref = COALESCE(?, partner_ref),"
	    " lease_until = IF(status = 'in_flight', NULL, lease_until),"
	    " status = IF(status IN " ANSWERABLE ", 'acknowledged', status)"
	    " WHERE id = ?" },
	/* (log_id, today, today) -> partner_id, service, partner name:
	 * partners that have
	 * a notice of the log (delivered, not withdrawn), take handover
	 * notices, and whose service a valid consent still covers (or is
	 * the log's own); a report of concern's service is child welfare */
	[STMT_OUTBOX_SENT_TO] = { "outbox_sent_to",
	    "SELECT o.partner_id, MIN(COALESCE(o.service, 'child_welfare')),"
	    " MIN(p.name), MIN(p.public_id) FROM outbox o JOIN partner p"
	    " ON p.id = o.partner_id"
	    " JOIN relay_log l ON l.id = o.log_id WHERE o.log_id = ?"
	    " AND o.kind IN ('referral', 'nav_notice', 'cw_report')"
	    " AND o.status IN ('delivered', 'acknowledged')"
	    " AND FIND_IN_SET('handover', p.accepts)"
	    " AND NOT EXISTS (SELECT 1 FROM outbox x WHERE x.cancels_id = o.id)"
	    " AND (COALESCE(o.service, 'child_welfare') = (SELECT kind FROM"
	    " unit WHERE id = l.home_unit_id) OR "
	    COVERS("o.log_id", "COALESCE(o.service, 'child_welfare')") ")"
	    " GROUP BY o.partner_id ORDER BY o.partner_id" },
	/* (log_id, all?, home_unit_id, today, today) -> id, partner_id,
	 * concern_id, partner takes cancellations, partner name, kind:
	 * referrals and notices to NAV that may have reached their partner
	 * (tried at least once) and are not withdrawn yet; all of them, or
	 * those to services no valid consent covers any more */
	[STMT_OUTBOX_TO_CANCEL] = { "outbox_to_cancel",
	    "SELECT o.id, o.partner_id, o.concern_id,"
	    " FIND_IN_SET('cancellation', p.accepts) > 0, p.name, o.kind"
	    " FROM outbox o JOIN partner p ON p.id = o.partner_id"
	    " WHERE o.log_id = ? AND o.kind IN ('referral', 'nav_notice')"
	    " AND o.attempts > 0"
	    " AND NOT EXISTS (SELECT 1 FROM outbox x WHERE x.cancels_id = o.id)"
	    " AND (? OR (o.service IS NOT NULL AND o.service <> (SELECT kind"
	    " FROM unit WHERE id = ?) AND NOT "
	    COVERS("o.log_id", "o.service") "))"
	    " ORDER BY o.id" },
	/* (public_id, kind, message_type, service, partner_id, log_id,
	 *  concern_id, submission_id, cancels_id, cancel_reason,
	 *  idempotency_key): a message to a partner chosen now */
	[STMT_OUTBOX_ADD_PARTNER] = { "outbox_add_partner",
	    "INSERT INTO outbox (public_id, kind, message_type, service,"
	    " partner_id, log_id, concern_id, submission_id, cancels_id,"
	    " cancel_reason, idempotency_key)"
	    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)" },
/* Notices to people (e-mail) that are due: queued, failed and waited
 * for, or in flight with the lease run out. */
#define MAIL_DUE_WHERE \
	" WHERE o.partner_id IS NULL AND o.message_type IS NULL" \
	" AND o.service IS NULL" \
	" AND (o.user_id IS NOT NULL OR o.unit_id IS NOT NULL)" \
	" AND ((o.status IN ('queued', 'failed') AND o.next_attempt_at" \
	" <= NOW(6)) OR (o.status = 'in_flight' AND o.lease_until <" \
	" NOW(6)))"
	/* (limit) -> id, public_id, idempotency_key, kind, user_id,
	 * unit_id, log_id, concern_id, attempts, age in seconds: due,
	 * locked, others' skipped */
	[STMT_MAIL_DUE] = { "mail_due",
	    "SELECT o.id, o.public_id, o.idempotency_key, o.kind, o.user_id,"
	    " o.unit_id, o.log_id, o.concern_id, o.attempts,"
	    " TIMESTAMPDIFF(SECOND, o.created_at, NOW(6)) FROM outbox o"
	    MAIL_DUE_WHERE " ORDER BY o.next_attempt_at, o.id LIMIT ?"
	    " FOR UPDATE SKIP LOCKED" },
	/* () -> how many are due (no locks) */
	[STMT_MAIL_DUE_COUNT] = { "mail_due_count",
	    "SELECT COUNT(*) FROM outbox o" MAIL_DUE_WHERE },
	/* (unit_id, concern_id) -> id: the unit's leaders, but the
	 * concern's author (a leader who wrote it knows, and decides) */
	[STMT_MAIL_LEADERS] = { "mail_leaders",
	    "SELECT id FROM app_user WHERE unit_id = ? AND role = 'leader'"
	    " AND active AND id <> IFNULL((SELECT author_id FROM concern"
	    " WHERE id = ?), 0) ORDER BY id LIMIT 100" },
	/* (log_id, concern_id) -> the log's and the concern's public ids */
	[STMT_MAIL_LINKS] = { "mail_links",
	    "SELECT (SELECT public_id FROM relay_log WHERE id = ?),"
	    " (SELECT public_id FROM concern WHERE id = ?)" },
	/* (topic, log_id, user_id) -> public_id, email, lang, active,
	 * wants the topic, public id of a handover of the log pending to
	 * them */
	[STMT_MAIL_PERSON] = { "mail_person",
	    "SELECT u.public_id, u.email, u.lang, u.active,"
	    " COALESCE((SELECT ep.enabled FROM email_preference ep"
	    " WHERE ep.user_id = u.id AND ep.topic = ?), TRUE),"
	    " (SELECT h.public_id FROM handover h WHERE h.log_id = ?"
	    " AND h.to_id = u.id AND h.status = 'pending'"
	    " ORDER BY h.id DESC LIMIT 1)"
	    " FROM app_user u WHERE u.id = ?" },
	/* (today, user_id, log_id) -> role, unit_id, LOG_FACTS, the
	 * person's municipality and those their unit serves: what the
	 * access rules need to decide whether the person may read the log
	 * an e-mail is about (the reader rd is the person) */
	[STMT_MAIL_RIGHT] = { "mail_right",
	    "SELECT rd.role, rd.unit," LOG_FACTS("l") ", rd.m, (SELECT"
	    " GROUP_CONCAT(sv.municipality_id) FROM unit_served sv WHERE"
	    " sv.unit_id = rd.unit) FROM (SELECT u.id AS"
	    " uid, u.unit_id AS unit, CAST(? AS DATE) AS today, u.role AS"
	    " role, u.municipality_id AS m FROM app_user u WHERE u.id = ?) rd"
	    " JOIN relay_log l WHERE l.id = ?" },
	/* (outbox_id) -> user_id, outcome, smtp_code */
	[STMT_MAIL_DONE] = { "mail_done",
	    "SELECT user_id, outcome, smtp_code FROM email_recipient"
	    " WHERE outbox_id = ?" },
	/* (outbox_id, user_id, outcome, smtp_code): while the row is locked */
	[STMT_MAIL_RECORD] = { "mail_record",
	    "INSERT IGNORE INTO email_recipient (outbox_id, user_id, outcome,"
	    " smtp_code) VALUES (?, ?, ?, ?)" },
	/* (outbox_id, user_id, outcome, smtp_code, id, claimed_by): only
	 * while this process still holds the row */
	[STMT_MAIL_RECORD_HELD] = { "mail_record_held",
	    "INSERT IGNORE INTO email_recipient (outbox_id, user_id, outcome,"
	    " smtp_code) SELECT ?, ?, ?, ? FROM outbox WHERE id = ?"
	    " AND claimed_by = ? AND status = 'in_flight'" },
	/* (status, error, delivered?, dead?, id): a notice with nobody
	 * left to send to, settled while it is locked */
	[STMT_MAIL_SETTLE] = { "mail_settle",
	    "UPDATE outbox SET status = ?, last_error = ?,"
	    " delivered_at = IF(?, NOW(6), delivered_at),"
	    " dead_at = IF(?, NOW(6), dead_at), lease_until = NULL"
	    " WHERE id = ?" },
	/* (user_id) -> topic, enabled */
	[STMT_PREF_LIST] = { "pref_list",
	    "SELECT topic, enabled FROM email_preference WHERE user_id = ?" },
	/* (user_id, topic, enabled) */
	[STMT_PREF_SET] = { "pref_set",
	    "INSERT INTO email_preference (user_id, topic, enabled)"
	    " VALUES (?, ?, ?) ON DUPLICATE KEY UPDATE"
	    " updated_at = IF(enabled = VALUES(enabled), updated_at, NOW(6)),"
	    " enabled = VALUES(enabled)" },
	/* (user_id) -> email */
	[STMT_USER_EMAIL] = { "user_email",
	    "SELECT email FROM app_user WHERE id = ?" },
	/* (today, today, the installation's days x 2) -> id, log_id,
	 * holder_id, child_id, birth_date: active consents of open logs
	 * that run out within their municipality's warning time (0: none),
	 * not yet warned of and not followed by a later consent */
	[STMT_CONSENT_EXPIRING] = { "consent_expiring",
	    "SELECT c.id, c.log_id, l.holder_id, l.child_id, ch.birth_date"
	    " FROM consent c JOIN relay_log l ON l.id = c.log_id"
	    " JOIN child ch ON ch.id = l.child_id"
	    " JOIN unit hu ON hu.id = l.home_unit_id"
	    " JOIN municipality mu ON mu.id = hu.municipality_id"
	    " WHERE c.status = 'active' AND NOT c.expiry_warned"
	    " AND c.expires >= ? AND c.expires <= CAST(? AS DATE) + INTERVAL"
	    " COALESCE(mu.consent_warn_days, ?) DAY"
	    " AND COALESCE(mu.consent_warn_days, ?) > 0 AND l.status = 'open'"
	    " AND NOT EXISTS (SELECT 1 FROM consent c2 WHERE"
	    " c2.log_id = c.log_id AND c2.status = 'active'"
	    " AND c2.expires > c.expires) LIMIT 500" },
	/* (id): affects no row when another process warned first */
	[STMT_CONSENT_MARK_WARNED] = { "consent_mark_warned",
	    "UPDATE consent SET expiry_warned = TRUE WHERE id = ?"
	    " AND NOT expiry_warned" },
	/* (child_id) -> user_id, relation, parental_responsibility */
	[STMT_CHILD_CITIZENS] = { "child_citizens",
	    "SELECT user_id, relation, parental_responsibility"
	    " FROM child_person WHERE child_id = ?" },
	/* (municipality, name, public_id or '') -> 1 when another of its
	 * partners has the name */
	[STMT_PARTNER_NAME_TAKEN] = { "partner_name_taken",
	    "SELECT 1 FROM partner WHERE municipality_id = ? AND name = ?"
	    " AND public_id <> ?" },
	/* (name, kind, endpoint, auth, accepts, public_id) */
	/* (endpoint, public_id): the address, from the command line only */
	[STMT_PARTNER_ENDPOINT_SET] = { "partner_endpoint_set",
	    "UPDATE partner SET endpoint = ? WHERE public_id = ?" },
	[STMT_PARTNER_UPDATE] = { "partner_update",
	    "UPDATE partner SET name = ?, kind = ?, endpoint = ?, auth = ?,"
	    " accepts = ? WHERE public_id = ?" },
	/* (secrets, public_id): which secret files are in place */
	[STMT_PARTNER_SECRETS_SET] = { "partner_secrets_set",
	    "UPDATE partner SET secrets = ?, secrets_checked_at = NOW(6)"
	    " WHERE public_id = ?" },
	/* (public_id): notices waiting for a partner that no longer accepts
	 * them (another kind, a type taken off) are routed again */
	[STMT_OUTBOX_UNROUTE] = { "outbox_unroute",
	    "UPDATE outbox o JOIN partner p ON p.id = o.partner_id"
	    " SET o.partner_id = NULL, o.status = 'queued'"
	    " WHERE p.public_id = ? AND o.status IN ('queued', 'failed')"
	    " AND (p.kind <> COALESCE(o.service, 'child_welfare')"
	    " OR NOT FIND_IN_SET(o.kind, p.accepts))" },
#define PARTNER_ADMIN_COLS \
	"SELECT p.public_id, p.name, p.kind, p.endpoint, p.auth, p.accepts," \
	" p.status, p.secrets," \
	" DATE_FORMAT(p.secrets_checked_at, '%Y-%m-%dT%H:%i:%sZ')," \
	" (SELECT DATE_FORMAT(MIN(a.raised_at), '%Y-%m-%dT%H:%i:%sZ')" \
	" FROM delivery_alert a WHERE a.partner_id = p.id" \
	" AND a.kind = 'partner_failing' AND a.cleared_at IS NULL)," \
	" DATE_FORMAT(p.created_at, '%Y-%m-%dT%H:%i:%sZ'), p.id," \
	" p.inbound_token_hash IS NOT NULL FROM partner p"
	/* (municipality or 0 for all, the same) -> public_id, name, kind,
	 * endpoint, auth, accepts, status, secrets, secrets checked,
	 * failing since, created, id, whether a token for its receipts is
	 * issued */
	[STMT_PARTNER_ADMIN_LIST] = { "partner_admin_list",
	    PARTNER_ADMIN_COLS " WHERE (? = 0 OR p.municipality_id = ?)"
	    " ORDER BY p.name" },
	/* (municipality, public_id) -> the same for one of its partners */
	[STMT_PARTNER_ADMIN_GET] = { "partner_admin_get",
	    PARTNER_ADMIN_COLS " WHERE p.municipality_id = ?"
	    " AND p.public_id = ?" },
	/* (municipality) -> partner public_id, status, notices: read from
	 * the index (partner_id, status) alone */
	[STMT_PARTNER_QUEUE_COUNTS] = { "partner_queue_counts",
	    "SELECT p.public_id, c.status, c.n FROM (SELECT partner_id, status,"
	    " COUNT(*) AS n FROM outbox WHERE partner_id IS NOT NULL"
	    " GROUP BY partner_id, status) c JOIN partner p"
	    " ON p.id = c.partner_id WHERE p.municipality_id = ?" },
#define PARTNER_NOTICE_COLS \
	"SELECT o.public_id, o.kind, o.status, o.attempts," \
	" o.last_http_status," \
	" o.last_error, DATE_FORMAT(o.created_at, '%Y-%m-%dT%H:%i:%sZ')," \
	" DATE_FORMAT(o.next_attempt_at, '%Y-%m-%dT%H:%i:%sZ')," \
	" DATE_FORMAT(o.delivered_at, '%Y-%m-%dT%H:%i:%sZ')," \
	" DATE_FORMAT(o.acknowledged_at, '%Y-%m-%dT%H:%i:%sZ')," \
	" DATE_FORMAT(o.dead_at, '%Y-%m-%dT%H:%i:%sZ')," \
	" DATE_FORMAT(o.retried_at, '%Y-%m-%dT%H:%i:%sZ') FROM outbox o"
	/* (partner id) -> public_id, kind, status, attempts, last http status,
	 * last error, created, next attempt, delivered, acknowledged, dead,
	 * retried: what needs watching, newest first. No child's data: the
	 * administrator manages delivery, not cases. */
	[STMT_PARTNER_NOTICES_OPEN] = { "partner_notices_open",
	    PARTNER_NOTICE_COLS " WHERE o.partner_id = ? AND o.status IN"
	    " ('queued', 'in_flight', 'failed', 'dead', 'delivered')"
	    " ORDER BY o.id DESC LIMIT 200" },
	/* (partner id, status) -> the same, in one state */
	[STMT_PARTNER_NOTICES_STATUS] = { "partner_notices_status",
	    PARTNER_NOTICE_COLS " WHERE o.partner_id = ? AND o.status = ?"
	    " ORDER BY o.id DESC LIMIT 200" },
	/* (public_id, municipality) -> id, status, kind, partner public_id,
	 * log_id,
	 * concern_id, child_id (whose data the notice carries), partner
	 * name (NULL while it waits for a partner: never when dead) */
	[STMT_NOTICE_ADMIN_GET] = { "notice_admin_get",
	    "SELECT o.id, o.status, o.kind, p.public_id, o.log_id,"
	    " o.concern_id, COALESCE(l.child_id, c.child_id), p.name"
	    " FROM outbox o LEFT JOIN partner p ON p.id = o.partner_id"
	    " LEFT JOIN relay_log l ON l.id = o.log_id"
	    " LEFT JOIN concern c ON c.id = o.concern_id"
	    " WHERE o.public_id = ? AND " OUTBOX_MUNICIPALITY("o") " = ?" },
	/* (public_id) -> id, public_id, kind, status, sender_id, log_id,
	 * concern_id, child_id, holder_id, partner name,
	 * delivered_at, log public_id, log reference, concern public_id,
	 * concern reference, its municipality (its partner's): a notice to
	 * a partner, for the person who may record that it arrived */
	[STMT_NOTICE_SENT_GET] = { "notice_sent_get",
	    "SELECT o.id, o.public_id, o.kind, o.status, o.sender_id,"
	    " o.log_id, o.concern_id, COALESCE(l.child_id, c.child_id),"
	    " l.holder_id, p.name,"
	    " DATE_FORMAT(o.delivered_at, '%Y-%m-%dT%H:%i:%sZ'),"
	    " l.public_id, l.reference, c.public_id, c.reference,"
	    " p.municipality_id"
	    " FROM outbox o JOIN partner p ON p.id = o.partner_id"
	    " LEFT JOIN relay_log l ON l.id = o.log_id"
	    " LEFT JOIN concern c ON c.id = o.concern_id"
	    " WHERE o.public_id = ?" },
	/* (id): delivered, and now known to have arrived, though the
	 * partner sent no receipt: no row when it is no longer waiting */
	[STMT_NOTICE_CONFIRM] = { "notice_confirm",
	    "UPDATE outbox SET status = 'acknowledged',"
	    " acknowledged_at = NOW(6) WHERE id = ? AND status = 'delivered'" },
	/* (withhold, outbox id): child welfare's word on showing the report
	 * of concern a notice carried to the guardians: withheld from now
	 * (or since it already was), or shown */
	[STMT_SUBMISSION_WITHHOLD] = { "submission_withhold",
	    "UPDATE form_submission s JOIN outbox o ON o.submission_id = s.id"
	    " SET s.withheld_at = IF(?, COALESCE(s.withheld_at, NOW(6)), NULL)"
	    " WHERE o.id = ?" },
	/* (id): a dead notice starts over (notify checks the right to send
	 * again when it claims it) */
	[STMT_NOTICE_RETRY] = { "notice_retry",
	    "UPDATE outbox SET status = 'queued', attempts = 0,"
	    " next_attempt_at = NOW(6), retried_at = NOW(6), dead_at = NULL,"
	    " lease_until = NULL, claimed_by = NULL"
	    " WHERE id = ? AND status = 'dead'" },
	/* (id) */
	[STMT_NOTICE_CANCEL_DEAD] = { "notice_cancel_dead",
	    "UPDATE outbox SET status = 'cancelled',"
	    " last_error = 'cancelled by an administrator', lease_until = NULL"
	    " WHERE id = ? AND status = 'dead'" },
	/* (outbox_id) */
	[STMT_ALERT_CLEAR_NOTICE] = { "alert_clear_notice",
	    "UPDATE delivery_alert SET cleared_at = NOW(6)"
	    " WHERE outbox_id = ? AND cleared_at IS NULL" },
	/* (seconds) -> id, sender_id, log_id, concern_id: delivered longer
	 * ago than that, not acknowledged, not alerted yet */
	[STMT_ALERT_UNACK_DUE] = { "alert_unack_due",
	    "SELECT o.id, o.sender_id, o.log_id, o.concern_id FROM outbox o"
	    " WHERE o.status = 'delivered' AND o.partner_id IS NOT NULL"
	    " AND o.delivered_at <= NOW(6) - INTERVAL ? SECOND"
	    " AND NOT EXISTS (SELECT 1 FROM delivery_alert a"
	    " WHERE a.outbox_id = o.id AND a.kind = 'unacknowledged'"
	    " AND a.since = o.delivered_at) ORDER BY o.id LIMIT 500" },
	/* () -> id, sender_id, log_id, concern_id: dead, not alerted yet */
	[STMT_ALERT_DEAD_DUE] = { "alert_dead_due",
	    "SELECT o.id, o.sender_id, o.log_id, o.concern_id FROM outbox o"
	    " WHERE o.status = 'dead' AND o.partner_id IS NOT NULL"
	    " AND o.dead_at IS NOT NULL AND NOT EXISTS (SELECT 1"
	    " FROM delivery_alert a WHERE a.outbox_id = o.id"
	    " AND a.kind = 'dead' AND a.since = o.dead_at)"
	    " ORDER BY o.id LIMIT 500" },
	/* (kind, kind, id): raised once (the unique key on notice, kind and
	 * since); 0 rows when another notify raised it first */
	[STMT_ALERT_RAISE_NOTICE] = { "alert_raise_notice",
	    "INSERT IGNORE INTO delivery_alert (kind, partner_id, outbox_id,"
	    " since) SELECT ?, o.partner_id, o.id, IF(? = 'dead', o.dead_at,"
	    " o.delivered_at) FROM outbox o WHERE o.id = ?"
	    " AND o.partner_id IS NOT NULL"
	    " AND o.status IN ('dead', 'delivered')" },
	/* (): notice alerts whose cause went away (acknowledged, retried,
	 * cancelled; a partner registered or resumed that takes it) are
	 * cleared */
	[STMT_ALERT_CLEAR_ENDED] = { "alert_clear_ended",
	    "UPDATE delivery_alert a JOIN outbox o ON o.id = a.outbox_id"
	    " SET a.cleared_at = NOW(6) WHERE a.cleared_at IS NULL"
	    " AND ((a.kind = 'unacknowledged' AND NOT (o.status = 'delivered'"
	    " AND o.delivered_at = a.since)) OR (a.kind = 'dead'"
	    " AND NOT (o.status = 'dead' AND o.dead_at = a.since))"
	    " OR (a.kind = 'no_receiver' AND NOT " NO_RECEIVER("o") "))" },
	/* (id) -> sender_id, concern_id, log_id of a notice */
	[STMT_NOTICE_SENDER] = { "notice_sender",
	    "SELECT sender_id, concern_id, log_id FROM outbox WHERE id = ?" },
	/* (id): the notice, if it waits with nobody to take it, gets its
	 * no_receiver alert: raised once while it lasts (the unique
	 * delivery_alert_waiting); 0 rows when it has a receiver or its
	 * alert is open already */
	[STMT_ALERT_RAISE_WAITING] = { "alert_raise_waiting",
	    "INSERT IGNORE INTO delivery_alert (kind, partner_id, outbox_id,"
	    " since) SELECT 'no_receiver', o.partner_id, o.id, NOW(6)"
	    " FROM outbox o WHERE o.id = ? AND " NO_RECEIVER("o") },
	/* () -> id, sender_id, log_id, concern_id: notices waiting with
	 * nobody to take them and no open alert saying so */
	[STMT_ALERT_WAITING_DUE] = { "alert_waiting_due",
	    "SELECT o.id, o.sender_id, o.log_id, o.concern_id FROM outbox o"
	    " WHERE o.status IN ('queued', 'failed') AND " NO_RECEIVER("o")
	    " AND NOT EXISTS (SELECT 1 FROM delivery_alert a"
	    " WHERE a.waiting_notice = o.id) ORDER BY o.id LIMIT 500" },
	/* (alert id) -> the active administrators of the municipality it is
	 * about (OUTBOX_MUNICIPALITY, or its partner's) */
	[STMT_ALERT_ADMINS] = { "alert_admins",
	    "SELECT a.id FROM delivery_alert da JOIN app_user a"
	    " ON a.role = 'admin' AND a.active AND a.municipality_id ="
	    " COALESCE((SELECT p.municipality_id FROM partner p"
	    " WHERE p.id = da.partner_id), (SELECT " OUTBOX_MUNICIPALITY("o")
	    " FROM outbox o WHERE o.id = da.outbox_id))"
	    " WHERE da.id = ? ORDER BY a.id" },
	/* (alert id): the notice just added tells of this alert */
	[STMT_OUTBOX_SET_ALERT] = { "outbox_set_alert",
	    "UPDATE outbox SET alert_id = ? WHERE id = LAST_INSERT_ID()" },
	/* (): the message just queued to a partner after a notice (a
	 * handover notice, a cancellation) has a sender to alert too: its
	 * form's author, or the sender of the notice it withdraws */
	[STMT_OUTBOX_SENDER_FOLLOWS] = { "outbox_sender_follows",
	    "UPDATE outbox o LEFT JOIN form_submission s"
	    " ON s.id = o.submission_id LEFT JOIN outbox c"
	    " ON c.id = o.cancels_id"
	    " SET o.sender_id = COALESCE(s.author_id, c.sender_id)"
	    " WHERE o.id = LAST_INSERT_ID()" },
	/* () -> id, public_id of every partner */
	[STMT_PARTNER_IDS] = { "partner_ids",
	    "SELECT id, public_id FROM partner ORDER BY id" },
	/* (id): one notify at a time decides a partner's alert */
	[STMT_PARTNER_LOCK] = { "partner_lock",
	    "SELECT id FROM partner WHERE id = ? FOR UPDATE" },
	/* (partner id, n) -> outcome of its last n attempts, newest first */
	[STMT_PARTNER_RECENT_OUTCOMES] = { "partner_recent_outcomes",
	    "SELECT outcome FROM delivery_attempt WHERE partner_id = ?"
	    " AND outcome NOT IN ('in_flight', 'unknown')"
	    " ORDER BY finished_at DESC, id DESC LIMIT ?" },
	/* (partner id) -> id of its open partner_failing alert */
	[STMT_ALERT_PARTNER_OPEN] = { "alert_partner_open",
	    "SELECT id FROM delivery_alert WHERE partner_id = ?"
	    " AND kind = 'partner_failing' AND cleared_at IS NULL" },
	/* (partner id) */
	[STMT_ALERT_RAISE_PARTNER] = { "alert_raise_partner",
	    "INSERT INTO delivery_alert (kind, partner_id, since)"
	    " VALUES ('partner_failing', ?, NOW(6))" },
	/* (partner id) */
	[STMT_ALERT_CLEAR_PARTNER] = { "alert_clear_partner",
	    "UPDATE delivery_alert SET cleared_at = NOW(6) WHERE partner_id = ?"
	    " AND kind = 'partner_failing' AND cleared_at IS NULL" },
#define ALERT_SELECT \
	"SELECT a.kind, o.kind, DATE_FORMAT(a.since, '%Y-%m-%dT%H:%i:%sZ')," \
	" o.public_id, p.public_id, p.name, o.service, l.public_id," \
	" l.reference, c.public_id, c.reference"
#define ALERT_COLS ALERT_SELECT " FROM" ALERT_OPEN_FROM
/* the alerts open now, and what they are about (after a FROM) */
#define ALERT_OPEN_FROM \
	" delivery_alert a" \
	" LEFT JOIN partner p ON p.id = a.partner_id" \
	" LEFT JOIN outbox o ON o.id = a.outbox_id" \
	" LEFT JOIN relay_log l ON l.id = o.log_id" \
	" LEFT JOIN concern c ON c.id = o.concern_id" \
	" WHERE a.cleared_at IS NULL AND (a.kind = 'partner_failing'" \
	" OR (a.kind = 'dead' AND o.status = 'dead')" \
	" OR (a.kind = 'unacknowledged' AND o.status = 'delivered')" \
	" OR (a.kind = 'no_receiver' AND " NO_RECEIVER("o") "))"
	/* (user_id, unit_id, today) -> kind, notice kind, since, notice
	 * public_id, partner public_id, partner name, service, log
	 * public_id, log reference, concern public_id, concern reference,
	 * LOG_FACTS of the notice's log: the sender's open alerts (while
	 * their cause lasts, even before the sweep clears them); the log is
	 * named only to a sender who may still read it (access_log) */
	[STMT_ALERT_FOR_SENDER] = { "alert_for_sender",
	    ALERT_SELECT "," LOG_FACTS("l") " FROM " READER " JOIN"
	    ALERT_OPEN_FROM
	    " AND o.sender_id = rd.uid ORDER BY a.id DESC LIMIT 100" },
	/* (municipality) -> the same, every open alert of the
	 * municipality (its partner's, or its notice's): for its
	 * administrators, who are shown no log or concern (the columns are
	 * there, unused); notices nobody can take first, then failing
	 * partners */
	[STMT_ALERT_FOR_ADMIN] = { "alert_for_admin",
	    ALERT_COLS " AND COALESCE(p.municipality_id, "
	    OUTBOX_MUNICIPALITY("o") ") = ?"
	    " ORDER BY a.kind = 'no_receiver' DESC,"
	    " a.kind = 'partner_failing' DESC, a.id DESC LIMIT 200" },
	/* () -> partner public_id, status, notices, for the states that
	 * are a queue: cheap, from the index (partner_id, status) */
	[STMT_METRICS_QUEUE] = { "metrics_queue",
	    "SELECT p.public_id, o.status, COUNT(*) FROM partner p"
	    " JOIN outbox o ON o.partner_id = p.id AND o.status IN ('queued',"
	    " 'in_flight', 'failed', 'dead', 'delivered')"
	    " GROUP BY p.id, o.status" },
	/* () -> notices to partners that no active partner accepts */
	[STMT_METRICS_UNROUTED] = { "metrics_unrouted",
	    "SELECT COUNT(*) FROM outbox WHERE status = 'queued'"
	    " AND partner_id IS NULL"
	    " AND kind IN ('referral', 'nav_notice', 'cw_report')" },
	/* () -> partner public_id, le_ms, notices, total_us */
	[STMT_METRICS_LATENCY] = { "metrics_latency",
	    "SELECT p.public_id, d.le_ms, d.notices, d.total_us"
	    " FROM delivery_latency d JOIN partner p ON p.id = d.partner_id" },
	/* (JSON [id, ...]) -> partner_id, microseconds from made to
	 * delivered */
	[STMT_OUTBOX_LATENCY] = { "outbox_latency",
	    "SELECT o.partner_id, TIMESTAMPDIFF(MICROSECOND, o.created_at,"
	    " o.delivered_at) FROM JSON_TABLE(?, '$[*]' COLUMNS (id BIGINT"
	    " UNSIGNED PATH '$')) jl STRAIGHT_JOIN outbox o ON o.id = jl.id"
	    " WHERE o.delivered_at IS NOT NULL" },
	/* (JSON [[partner_id, le_ms, microseconds], ...]): one sample each */
	[STMT_LATENCY_ADD] = { "latency_add",
	    "INSERT INTO delivery_latency (partner_id, le_ms, notices,"
	    " total_us) SELECT jl.partner_id, jl.le, 1, jl.us"
	    " FROM JSON_TABLE(?, '$[*]' COLUMNS (partner_id INT UNSIGNED"
	    " PATH '$[0]', le INT UNSIGNED PATH '$[1]', us BIGINT UNSIGNED"
	    " PATH '$[2]')) jl ON DUPLICATE KEY UPDATE"
	    " notices = notices + 1, total_us = total_us + VALUES(total_us)" },

	/* ------------------------- the administrator's units and people */
	/* Units and the people who log in, never a child's data: the
	 * administrator manages who may work in stafett, not cases.
	 * Guardians and youths (role citizen) are left out: their accounts
	 * belong to children's cases. */
#define UNIT_ADMIN_COLS \
	"SELECT un.public_id, un.code, un.name, un.kind, un.external," \
	" DATE_FORMAT(un.created_at, '%Y-%m-%dT%H:%i:%sZ'), (SELECT COUNT(*)" \
	" FROM app_user pu WHERE pu.unit_id = un.id AND pu.active AND" \
	" pu.role <> 'citizen'), un.id FROM unit un"
	/* (municipality) -> public_id, code, name, kind, external,
	 * created, active people, id: the municipality's own units */
	[STMT_UNIT_ADMIN_LIST] = { "unit_admin_list",
	    UNIT_ADMIN_COLS " WHERE un.municipality_id = ?"
	    " ORDER BY un.name LIMIT 5000" },
	/* (public_id) -> the same for one */
	[STMT_UNIT_ADMIN_GET] = { "unit_admin_get",
	    UNIT_ADMIN_COLS " WHERE un.municipality_id = ?"
	    " AND un.public_id = ?" },
	/* (municipality x 2, code) -> its units with the code, and those
	 * shared with it: a consent's unit code always means one unit */
	[STMT_UNIT_CODE_TAKEN] = { "unit_code_taken",
	    "SELECT COUNT(*) FROM unit WHERE (municipality_id = ?"
	    " OR id IN (SELECT sv.unit_id FROM unit_served sv"
	    " WHERE sv.municipality_id = ?)) AND code = ?" },
	/* (municipality, name, id or 0) -> its other units with the name
	 * (as the collation compares: case and accents aside, as people
	 * read them) */
	[STMT_UNIT_NAME_TAKEN] = { "unit_name_taken",
	    "SELECT COUNT(*) FROM unit WHERE municipality_id = ? AND name = ?"
	    " AND id <> ?" },
	/* (municipality, public_id, code, name, kind, external) */
	[STMT_UNIT_INSERT] = { "unit_insert",
	    "INSERT INTO unit (municipality_id, public_id, code, name, kind,"
	    " external) VALUES (?, ?, ?, ?, ?, ?)" },
	/* (name, kind, external, id) */
	[STMT_UNIT_UPDATE] = { "unit_update",
	    "UPDATE unit SET name = ?, kind = ?, external = ? WHERE id = ?" },
#define PERSON_ADMIN_SELECT \
	"SELECT u.public_id, u.username, u.display_name, u.role," \
	" un.public_id, un.name, u.email, u.active," \
	" DATE_FORMAT(u.created_at, '%Y-%m-%dT%H:%i:%sZ'), u.id"
#define PERSON_ADMIN_FROM \
	" FROM app_user u LEFT JOIN unit un ON un.id = u.unit_id" \
	" WHERE u.role <> 'citizen' AND u.municipality_id = ?"
	/* (municipality, pattern, pattern, pattern) -> public_id, username,
	 * display
	 * name, role, unit public_id, unit name, email, active, created,
	 * id: whoever's name, user name or unit's name matches (a LIKE
	 * pattern, '%' for everyone), the active first, by name; one more
	 * than the page shows, to tell there are more */
	[STMT_PERSON_ADMIN_LIST] = { "person_admin_list",
	    PERSON_ADMIN_SELECT PERSON_ADMIN_FROM " AND (u.display_name LIKE ?"
	    " OR u.username LIKE ? OR un.name LIKE ?) ORDER BY u.active DESC,"
	    " u.display_name, u.id LIMIT 501" },
	/* (municipality, unit id) -> the same, of one unit */
	[STMT_PERSON_ADMIN_UNIT] = { "person_admin_unit",
	    PERSON_ADMIN_SELECT PERSON_ADMIN_FROM " AND u.unit_id = ?"
	    " ORDER BY u.active DESC, u.display_name, u.id LIMIT 5000" },
	/* (idle minutes, absolute minutes, municipality, public_id) -> the
	 * same, then
	 * sessions not expired, API tokens not revoked, open relay logs
	 * held (a number: which ones is not the administrator's to see) */
	[STMT_PERSON_ADMIN_GET] = { "person_admin_get",
	    PERSON_ADMIN_SELECT ", (SELECT COUNT(*) FROM session s WHERE"
	    " s.user_id = u.id AND s.last_seen > NOW(6) - INTERVAL ? MINUTE"
	    " AND s.created_at > NOW(6) - INTERVAL ? MINUTE),"
	    " (SELECT COUNT(*) FROM api_token t WHERE"
	    " t.user_id = u.id AND t.revoked_at IS NULL), (SELECT COUNT(*)"
	    " FROM relay_log l WHERE l.holder_id = u.id AND l.status ="
	    " 'open')" PERSON_ADMIN_FROM " AND u.public_id = ?" },
	/* (municipality, public_id) -> id, role, active: the person to
	 * change, locked */
	[STMT_PERSON_LOCK] = { "person_lock",
	    "SELECT id, role, active FROM app_user WHERE municipality_id = ?"
	    " AND public_id = ? AND role <> 'citizen' FOR UPDATE" },
	/* (username, id or 0) -> other accounts with the user name (the
	 * citizens' too: a login name is one namespace) */
	[STMT_USERNAME_TAKEN] = { "username_taken",
	    "SELECT COUNT(*) FROM app_user WHERE username = ? AND id <> ?" },
	/* (municipality, public_id, username, display_name, email or NULL,
	 * role, unit id
	 * or NULL): no password; `stafett user password` sets one */
	[STMT_PERSON_INSERT] = { "person_insert",
	    "INSERT INTO app_user (municipality_id, public_id, username,"
	    " display_name, email, role, unit_id)"
	    " VALUES (?, ?, ?, ?, ?, ?, ?)" },
	/* (username, display_name, email or NULL, role, unit id or NULL,
	 * id) */
	[STMT_PERSON_UPDATE] = { "person_update",
	    "UPDATE app_user SET username = ?, display_name = ?, email = ?,"
	    " role = ?, unit_id = ? WHERE id = ? AND role <> 'citizen'" },
	/* (active, id) -> affected: 0 when it was so already */
	[STMT_PERSON_SET_ACTIVE] = { "person_set_active",
	    "UPDATE app_user SET active = ? WHERE id = ? AND active <> ?" },
	/* (municipality) -> id of each of its active administrators, locked
	 * until the end of the transaction (read committed: the rows that
	 * match only) */
	[STMT_ADMINS_LOCK] = { "admins_lock",
	    "SELECT id FROM app_user WHERE role = 'admin' AND active"
	    " AND municipality_id = ? ORDER BY id FOR UPDATE" },
	/* (user_id): every session of the account */
	[STMT_SESSION_DELETE_USER] = { "session_delete_user",
	    "DELETE FROM session WHERE user_id = ?" },
	/* (user_id): every API token of the account */
	[STMT_TOKEN_REVOKE_USER] = { "token_revoke_user",
	    "UPDATE api_token SET revoked_at = NOW(6)"
	    " WHERE user_id = ? AND revoked_at IS NULL" },

	/* (token_hash, user_id, csrf, when the person proved who they
	 *  are (seconds since the epoch), provider, sid, sub, acr, sealed ID
	 *  token, sealed refresh token) */
	[STMT_SESSION_CREATE_IDP] = { "session_create_idp",
	    "INSERT INTO session (token_hash, user_id, csrf, created_at,"
	    " last_seen, auth_time, checked_at, provider, idp_sid, idp_sub,"
	    " acr, id_token_box, refresh_box) VALUES (?, ?, ?, NOW(6),"
	    " NOW(6), FROM_UNIXTIME(?), NOW(6), ?, ?, ?, ?, ?, ?)" },
	/* (token_hash, seconds): the provider is due to be asked again, and
	 * this request is the one to ask it (concurrent requests of the
	 * session find the row taken; one refresh token is used once) */
	[STMT_SESSION_CLAIM_CHECK] = { "session_claim_check",
	    "UPDATE session SET checked_at = NOW(6), last_seen = NOW(6)"
	    " WHERE token_hash = ? AND COALESCE(checked_at, created_at) <="
	    " NOW(6) - INTERVAL ? SECOND" },
	/* (token_hash): the provider no longer backs the session; before the
	 * request's transaction, so that the request's refusal keeps it */
	[STMT_SESSION_END] = { "session_end",
	    "DELETE FROM session WHERE token_hash = ?" },
	/* (role, unit_id, municipality, display_name, id):
	 * STMT_STAFF_SET_ROLE, from the
	 * provider's new ID token when the session is checked again */
	[STMT_STAFF_REROLE] = { "staff_rerole",
	    "UPDATE app_user SET role = ?, unit_id = ?, municipality_id = ?,"
	    " display_name = ? WHERE id = ? AND role <> 'citizen'" },
	/* (provider): every session from it (its mapping changed) */
	[STMT_SESSION_DELETE_PROVIDER] = { "session_delete_provider",
	    "DELETE FROM session WHERE provider = ?" },
	/* (user_id) -> principal cols: an active account */
	[STMT_USER_BY_ID] = { "user_by_id",
	    "SELECT " PRINCIPAL_COLS
	    " FROM app_user u LEFT JOIN unit un ON un.id = u.unit_id"
	    " WHERE u.id = ? AND u.active" },
	/* (sealed refresh token, token_hash): the provider gave a new one */
	[STMT_SESSION_CHECKED] = { "session_checked",
	    "UPDATE session SET refresh_box = ? WHERE token_hash = ?" },
	/* (token_hash) -> provider, sealed ID token */
	[STMT_SESSION_IDP] = { "session_idp",
	    "SELECT provider, id_token_box FROM session WHERE token_hash = ?" },
	/* (provider, sid) */
	[STMT_SESSION_DELETE_SID] = { "session_delete_sid",
	    "DELETE FROM session WHERE provider = ? AND idp_sid = ?" },
	/* (provider, sub) */
	[STMT_SESSION_DELETE_SUB] = { "session_delete_sub",
	    "DELETE FROM session WHERE provider = ? AND idp_sub = ?" },
	/* (state_hash, browser_hash, provider, nonce, verifier, next,
	 *  sealed kept form, fresh) */
	[STMT_OIDC_LOGIN_ADD] = { "oidc_login_add",
	    "INSERT INTO oidc_login (state_hash, browser_hash, provider,"
	    " nonce, verifier, next, kept, fresh)"
	    " VALUES (?, ?, ?, ?, ?, ?, ?, ?)" },
	/* (state_hash) -> browser_hash, provider, nonce, verifier, next,
	 * kept, fresh, when it began (seconds since the epoch): a login
	 * begun in the last ten minutes, locked */
	[STMT_OIDC_LOGIN_TAKE] = { "oidc_login_take",
	    "SELECT browser_hash, provider, nonce, verifier, next, kept,"
	    " fresh, FLOOR(UNIX_TIMESTAMP(created_at))"
	    " FROM oidc_login WHERE state_hash = ?"
	    " AND created_at > NOW(6) - INTERVAL 10 MINUTE FOR UPDATE" },
	/* (state_hash) */
	[STMT_OIDC_LOGIN_DELETE] = { "oidc_login_delete",
	    "DELETE FROM oidc_login WHERE state_hash = ?" },
	/* () */
	[STMT_OIDC_LOGIN_PURGE] = { "oidc_login_purge",
	    "DELETE FROM oidc_login WHERE created_at < NOW(6) -"
	    " INTERVAL 10 MINUTE" },
	/* (nin_hmac) -> id, active */
	[STMT_CITIZEN_BY_NIN] = { "citizen_by_nin",
	    "SELECT id, active FROM app_user WHERE nin_hmac = ?"
	    " AND role = 'citizen' FOR UPDATE" },
	/* (public_id, username, display_name, nin_hmac, lang) */
	[STMT_CITIZEN_CREATE] = { "citizen_create",
	    "INSERT INTO app_user (public_id, username, display_name, role,"
	    " lang, nin_hmac, municipality_id)"
	    " VALUES (?, ?, ?, 'citizen', ?, ?, NULL)" },
	/* (provider, subject) -> user id, active */
	[STMT_IDP_USER] = { "idp_user",
	    "SELECT u.id, u.active FROM app_user_idp i JOIN app_user u"
	    " ON u.id = i.user_id WHERE i.provider = ? AND i.subject = ?"
	    " FOR UPDATE" },
	/* (provider, subject, user_id) */
	[STMT_IDP_LINK] = { "idp_link",
	    "INSERT INTO app_user_idp (provider, subject, user_id)"
	    " VALUES (?, ?, ?)" },
	/* (JSON array of the token's groups or roles) -> role, unit_id,
	 * municipality: the highest role mapped, its unit and municipality */
	[STMT_IDP_ROLE] = { "idp_role",
	    "SELECT m.role, m.unit_id, m.municipality_id FROM JSON_TABLE(?,"
	    " '$[*]' COLUMNS"
	    " (v VARCHAR(255) PATH '$')) j JOIN idp_role_map m"
	    " ON m.claim_value = j.v"
	    " ORDER BY FIELD(m.role, 'admin', 'leader', 'employee'), m.id"
	    " LIMIT 1" },
	/* (public_id, username, display_name, role, unit_id, municipality) */
	[STMT_STAFF_CREATE] = { "staff_create",
	    "INSERT INTO app_user (public_id, username, display_name, role,"
	    " unit_id, municipality_id) VALUES (?, ?, ?, ?, ?, ?)" },
	/* (role, unit_id, municipality, display_name, id) */
	[STMT_STAFF_SET_ROLE] = { "staff_set_role",
	    "UPDATE app_user SET role = ?, unit_id = ?, municipality_id = ?,"
	    " display_name = ? WHERE id = ? AND role <> 'citizen'" },
	/* (claim value, role, municipality, the same, unit code or NULL) */
	[STMT_IDP_MAP_ADD] = { "idp_map_add",
	    "INSERT INTO idp_role_map (claim_value, role, municipality_id,"
	    " unit_id) SELECT ?, ?, ?, (SELECT id FROM unit"
	    " WHERE municipality_id = ? AND code = ?)" },
	/* (claim value) */
	[STMT_IDP_MAP_DELETE] = { "idp_map_delete",
	    "DELETE FROM idp_role_map WHERE claim_value = ?" },
	/* () -> claim value, role, unit code, municipality number */
	[STMT_IDP_MAP_LIST] = { "idp_map_list",
	    "SELECT m.claim_value, m.role, un.code, mu.number"
	    " FROM idp_role_map m LEFT JOIN unit un ON un.id = m.unit_id"
	    " JOIN municipality mu ON mu.id = m.municipality_id"
	    " ORDER BY m.claim_value" },

	/* (person_hmac) -> name */
	[STMT_FOLK_NAME] = { "folk_name",
	    "SELECT name FROM folk_person WHERE person_hmac = ?" },
	/* (user_id, parent_hmac): the register's links it no longer backs */
	[STMT_FOLK_UNLINK] = { "folk_unlink",
	    "DELETE cp FROM child_person cp JOIN child c ON c.id = cp.child_id"
	    " WHERE cp.user_id = ? AND cp.source = 'register'"
	    " AND cp.relation = 'guardian' AND NOT EXISTS (SELECT 1 FROM"
	    " folk_relation fr WHERE fr.parent_hmac = ? AND fr.child_hmac ="
	    " c.nin_hmac AND fr.parental_responsibility)" },
	/* (user_id, parent_hmac): the children it has responsibility for */
	[STMT_FOLK_LINK] = { "folk_link",
	    "INSERT IGNORE INTO child_person (child_id, user_id, relation,"
	    " parental_responsibility, source) SELECT c.id, ?, 'guardian',"
	    " TRUE, 'register' FROM folk_relation fr JOIN child c"
	    " ON c.nin_hmac = fr.child_hmac WHERE fr.parent_hmac = ?"
	    " AND fr.parental_responsibility" },
	/* (public_id, log_id, user_id, unit_id): a family member asked for
	 * feedback as the log closes (0038_family_feedback.sql) */
	[STMT_FEEDBACK_INVITE_ADD] = { "feedback_invite_add",
	    "INSERT IGNORE INTO feedback_invite (public_id, log_id, user_id,"
	    " unit_id) VALUES (?, ?, ?, ?)" },
	/* (days, public_id) -> id, user_id, unit_id, unit name, asked
	 * (UTC), answered, still open (asked within days) */
	[STMT_FEEDBACK_INVITE_GET] = { "feedback_invite_get",
	    "SELECT f.id, f.user_id, f.unit_id, u.name,"
	    " DATE_FORMAT(f.created_at, '%Y-%m-%dT%H:%i:%sZ'), f.answered,"
	    " f.created_at >= UTC_TIMESTAMP() - INTERVAL ? DAY"
	    " FROM feedback_invite f JOIN unit u ON u.id = f.unit_id"
	    " WHERE f.public_id = ?" },
	/* (log_id, user_id, days) -> public_id: the user's open invitation
	 * for the closed log */
	[STMT_FEEDBACK_INVITE_FOR_LOG] = { "feedback_invite_for_log",
	    "SELECT public_id FROM feedback_invite WHERE log_id = ?"
	    " AND user_id = ? AND NOT answered"
	    " AND created_at >= UTC_TIMESTAMP() - INTERVAL ? DAY" },
	/* (id): affects no row when it was answered already */
	[STMT_FEEDBACK_INVITE_ANSWERED] = { "feedback_invite_answered",
	    "UPDATE feedback_invite SET answered = 1 WHERE id = ?"
	    " AND NOT answered" },
	/* (public_id, unit_id, period, heard, early, knew_holder, together,
	 * helped, comment): the answers, with no log and no person */
	[STMT_FEEDBACK_ADD] = { "feedback_add",
	    "INSERT INTO family_feedback (public_id, unit_id, period, heard,"
	    " early, knew_holder, together, helped, comment)"
	    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)" },
	/* (user_id, days) -> public_id, unit name, asked (UTC): the user's
	 * open invitations, for the start page */
	[STMT_FEEDBACK_OPEN_FOR_USER] = { "feedback_open_for_user",
	    "SELECT f.public_id, u.name,"
	    " DATE_FORMAT(f.created_at, '%Y-%m-%dT%H:%i:%sZ')"
	    " FROM feedback_invite f JOIN unit u ON u.id = f.unit_id"
	    " WHERE f.user_id = ? AND NOT f.answered"
	    " AND f.created_at >= UTC_TIMESTAMP() - INTERVAL ? DAY"
	    " ORDER BY f.created_at DESC LIMIT 20" },
	/* (municipality, unit or 0 for all, unit, from 'YYYY-MM', to
	 * 'YYYY-MM') -> unit id, unit
	 * name, answers, then for each of heard, early, knew_holder,
	 * together, helped: how many answered it, their sum, how many
	 * agreed (4 or 5) */
	[STMT_FEEDBACK_SUMMARY] = { "feedback_summary",
	    "SELECT u.id, u.name, COUNT(*),"
	    " COUNT(f.heard), COALESCE(SUM(f.heard), 0),"
	    " COALESCE(SUM(f.heard >= 4), 0),"
	    " COUNT(f.early), COALESCE(SUM(f.early), 0),"
	    " COALESCE(SUM(f.early >= 4), 0),"
	    " COUNT(f.knew_holder), COALESCE(SUM(f.knew_holder), 0),"
	    " COALESCE(SUM(f.knew_holder >= 4), 0),"
	    " COUNT(f.together), COALESCE(SUM(f.together), 0),"
	    " COALESCE(SUM(f.together >= 4), 0),"
	    " COUNT(f.helped), COALESCE(SUM(f.helped), 0),"
	    " COALESCE(SUM(f.helped >= 4), 0)"
	    " FROM family_feedback f JOIN unit u ON u.id = f.unit_id"
	    " WHERE u.municipality_id = ? AND (? = 0 OR u.id = ?)"
	    " AND f.period >= ? AND f.period <= ?"
	    " GROUP BY u.id, u.name ORDER BY u.name LIMIT 500" },
	/* (unit_id, from, to) -> comment: what the families wrote, in the
	 * order of the words (no order of time); one more than a page
	 * shows, to say there are more */
	[STMT_FEEDBACK_COMMENTS] = { "feedback_comments",
	    "SELECT comment FROM family_feedback WHERE unit_id = ?"
	    " AND period >= ? AND period <= ?"
	    " AND comment IS NOT NULL ORDER BY comment LIMIT 201" },
	/* (user_id, today, youth age, today): the meetings from today its
	 * family is invited to, of the children the user is now linked to
	 * (after STMT_FOLK_LINK and _SELF) */
	[STMT_FOLK_MEETINGS] = { "folk_meetings",
	    "INSERT IGNORE INTO meeting_invitee (meeting_id, user_id, family)"
	    " SELECT m.id, cp.user_id, 1 FROM child_person cp"
	    " JOIN child c ON c.id = cp.child_id"
	    " JOIN relay_log l ON l.child_id = cp.child_id"
	    " JOIN meeting m ON m.log_id = l.id WHERE cp.user_id = ?"
	    " AND ((cp.relation = 'guardian' AND cp.parental_responsibility)"
	    " OR (cp.relation = 'self' AND c.birth_date <="
	    " CAST(? AS DATE) - INTERVAL ? YEAR)) AND m.family_invited"
	    " AND m.starts_at >= ? AND l.status = 'open'" },
	/* (user_id, today): the family's invitations, from today, to the
	 * meetings of children the user is no longer linked to (after
	 * STMT_FOLK_UNLINK): what was answered before stays */
	[STMT_FOLK_MEETINGS_GONE] = { "folk_meetings_gone",
	    "DELETE mi FROM meeting_invitee mi JOIN meeting m"
	    " ON m.id = mi.meeting_id JOIN relay_log l ON l.id = m.log_id"
	    " WHERE mi.user_id = ? AND mi.family AND m.starts_at >= ?"
	    " AND NOT EXISTS (SELECT 1 FROM child_person cp WHERE"
	    " cp.child_id = l.child_id AND cp.user_id = mi.user_id)" },
	/* (user_id, person_hmac): the children not born yet the user is
	 * named an expectant parent of (0039_expectant.sql) */
	[STMT_FOLK_EXPECTANT] = { "folk_expectant",
	    "INSERT IGNORE INTO child_person (child_id, user_id, relation,"
	    " parental_responsibility, source) SELECT ce.child_id, ?,"
	    " 'guardian', TRUE, 'expectant' FROM child_expectant ce"
	    " JOIN child c ON c.id = ce.child_id WHERE ce.person_hmac = ?"
	    " AND c.nin_hmac IS NULL" },
	/* (child_id, person_hmac, added_by): affects no row when named
	 * already */
	[STMT_EXPECTANT_ADD] = { "expectant_add",
	    "INSERT IGNORE INTO child_expectant (child_id, person_hmac,"
	    " added_by) VALUES (?, ?, ?)" },
	/* (child_id, person_hmac): the account of an expectant parent who
	 * has logged in before, linked now */
	[STMT_EXPECTANT_LINK] = { "expectant_link",
	    "INSERT IGNORE INTO child_person (child_id, user_id, relation,"
	    " parental_responsibility, source) SELECT ?, u.id, 'guardian',"
	    " TRUE, 'expectant' FROM app_user u WHERE u.nin_hmac = ?"
	    " AND u.role = 'citizen'" },
	/* (child_id): born with a number: the links the holder made end */
	[STMT_EXPECTANT_END] = { "expectant_end",
	    "DELETE FROM child_person WHERE child_id = ?"
	    " AND source = 'expectant'" },
	/* (child_id) */
	[STMT_EXPECTANT_CLEAR] = { "expectant_clear",
	    "DELETE FROM child_expectant WHERE child_id = ?" },
	/* (child_id, child nin_hmac): at the birth, the guardians the
	 * register names who have an account, linked at once */
	[STMT_BIRTH_LINK_REGISTER] = { "birth_link_register",
	    "INSERT IGNORE INTO child_person (child_id, user_id, relation,"
	    " parental_responsibility, source) SELECT ?, u.id, 'guardian',"
	    " TRUE, 'register' FROM folk_relation fr JOIN app_user u"
	    " ON u.nin_hmac = fr.parent_hmac AND u.role = 'citizen'"
	    " WHERE fr.child_hmac = ? AND fr.parental_responsibility" },
	/* (user_id, nin_hmac): the youth's own child, if there is one */
	[STMT_FOLK_SELF] = { "folk_self",
	    "INSERT IGNORE INTO child_person (child_id, user_id, relation,"
	    " parental_responsibility, source) SELECT id, ?, 'self', FALSE,"
	    " 'register' FROM child WHERE nin_hmac = ?" },
	/* (parent_hmac) */
	[STMT_FOLK_CLEAR_PARENT] = { "folk_clear_parent",
	    "DELETE FROM folk_relation WHERE parent_hmac = ?" },
	/* (parent_hmac, child_hmac, responsibility) */
	[STMT_FOLK_RELATION_ADD] = { "folk_relation_add",
	    "INSERT INTO folk_relation (parent_hmac, child_hmac,"
	    " parental_responsibility) VALUES (?, ?, ?)"
	    " ON DUPLICATE KEY UPDATE parental_responsibility ="
	    " VALUES(parental_responsibility), updated_at = NOW(6)" },
	/* (person_hmac, name) */
	[STMT_FOLK_PERSON_SET] = { "folk_person_set",
	    "INSERT INTO folk_person (person_hmac, name) VALUES (?, ?)"
	    " ON DUPLICATE KEY UPDATE name = VALUES(name),"
	    " updated_at = NOW(6)" },
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

int
stmt_outside_tx(enum stmt_id id)
{
	switch (id) {
	case STMT_SESSION_GET:
	case STMT_SESSION_TOUCH:
	case STMT_SESSION_CHECKED:
	case STMT_SESSION_CLAIM_CHECK:
	case STMT_SESSION_END:
	case STMT_STAFF_REROLE:
	case STMT_TOKEN_GET:
	case STMT_PARTNER_BY_TOKEN:
	case STMT_GUIDE_LEVEL0_DAYS:
	case STMT_MUNICIPALITY_GET:	/* its settings, kept a minute */
		return 1;
	default:
		return 0;
	}
}

int
stmt_tail_slot(enum stmt_id id)
{
	switch (id) {
	case STMT_AUDIT_INSERT:
		return TAIL_AUDIT;
	case STMT_EVENT_INSERT:
		return TAIL_EVENT;
	case STMT_OUTBOX_ADD_FORM:
		return TAIL_OUTBOX;
	default:
		return -1;
	}
}

static int
after_tail(enum stmt_id id)
{
	static const char *const sees[] = { "audit", "case_event",
	    "outbox", "log_version", "view_", NULL };
	const char *sql = defs[id].sql;
	size_t i;

	if (stmt_tail_slot(id) >= 0 || id == STMT_TAIL_RUN)
		return 0;
	if (strncmp(sql, "CALL", 4) == 0 || strncmp(sql, "DELETE", 6) == 0)
		return 1;
	for (i = 0; sees[i] != NULL; i++)
		if (strstr(sql, sees[i]) != NULL)
			return 1;
	return strncmp(sql, "SELECT", 6) != 0 &&
	    strstr(sql, "relay_log") != NULL;
}

int
stmt_after_tail(enum stmt_id id)
{
	/* 0: not judged yet, 1: no, 2: yes (a process judges each once) */
	static unsigned char judged[STMT__COUNT];

	if (judged[id] == 0)
		judged[id] = after_tail(id) ? 2 : 1;
	return judged[id] == 2;
}
