/* check_tail.c: unit tests for fcgi/db/tail.c, the rows a request keeps
 * for its COMMIT: what is kept, how it is written, and the mark. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "db.h"
#include "mem.h"
#include "tail.h"

/* An event's twelve parameters, as caselog.c passes them. */
static void
event(struct db_val p[12], const char *pid, const char *summary)
{
	p[0] = DV_STR(pid);
	p[1] = DV_INT(7);
	p[2] = DV_NULL;
	p[3] = DV_INT(3);
	p[4] = DV_STR("holder");
	p[5] = DV_STR("note");
	p[6] = DV_STR(summary);
	p[7] = DV_NULL;
	p[8] = DV_NULL;
	p[9] = DV_NULL;
	p[10] = DV_STR("{0}");
	p[11] = DV_STR("<args/>");
}

static char *
json(const struct db_tail *t, int slot)
{
	char *s = NULL;

	ck_assert_int_eq(tail_json(t, slot, &s), 0);
	return s;
}

START_TEST(test_rows_are_their_parameters_in_order)
{
	struct db_tail t;
	struct db_val p[12];
	char *s;

	tail_init(&t);
	ck_assert_uint_eq(tail_count(&t), 0);
	ck_assert_ptr_null(json(&t, TAIL_EVENT));
	event(p, "A", "\"quoted\" \\ and\nnew line, æøå");
	ck_assert_int_eq(tail_add(&t, TAIL_EVENT, p, 12), 0);
	event(p, "B", "second");
	p[1] = DV_INT(-5);
	ck_assert_int_eq(tail_add(&t, TAIL_EVENT, p, 12), 0);
	ck_assert_uint_eq(tail_count(&t), 2);
	s = json(&t, TAIL_EVENT);
	ck_assert_str_eq(s, "[[\"A\",7,null,3,\"holder\",\"note\","
	    "\"\\\"quoted\\\" \\\\ and\\nnew line, æøå\",null,null,null,"
	    "\"{0}\",\"<args/>\"],[\"B\",-5,null,3,\"holder\",\"note\","
	    "\"second\",null,null,null,\"{0}\",\"<args/>\"]]");
	xfree(s);
	/* the other slot has nothing */
	ck_assert_ptr_null(json(&t, TAIL_AUDIT));
	tail_release(&t);
	ck_assert_uint_eq(tail_count(&t), 0);
}
END_TEST

START_TEST(test_what_json_cannot_carry_is_not_kept)
{
	struct db_tail t;
	struct db_val p[12], a[1];
	char *s;
	static const char bad[] = "caf\xc3";
	static const char nul[] = { 'a', '\0', 'b' };

	tail_init(&t);
	event(p, "A", "x");
	p[6] = DV_STRN(bad, sizeof(bad) - 1);
	ck_assert_int_eq(tail_add(&t, TAIL_EVENT, p, 12), -1);
	event(p, "A", "x");
	p[11] = DV_BLOB("x", 1);
	ck_assert_int_eq(tail_add(&t, TAIL_EVENT, p, 12), -1);
	ck_assert_int_eq(tail_add(&t, -1, p, 12), -1);
	ck_assert_int_eq(tail_add(&t, TAIL__SLOTS, p, 12), -1);
	ck_assert_uint_eq(tail_count(&t), 0);
	/* a NUL is text JSON carries, as the statement would */
	a[0] = DV_STRN(nul, sizeof(nul));
	ck_assert_int_eq(tail_add(&t, TAIL_AUDIT, a, 1), 0);
	s = json(&t, TAIL_AUDIT);
	ck_assert_str_eq(s, "[[\"a\\u0000b\"]]");
	xfree(s);
	tail_release(&t);
}
END_TEST

START_TEST(test_back_forgets_since_the_mark_only)
{
	struct db_tail t;
	struct db_val p[12], a[1];
	char *s;

	tail_init(&t);
	event(p, "A", "before");
	a[0] = DV_INT(1);
	ck_assert_int_eq(tail_add(&t, TAIL_EVENT, p, 12), 0);
	ck_assert_int_eq(tail_add(&t, TAIL_AUDIT, a, 1), 0);
	/* no mark: going back forgets nothing */
	tail_back(&t);
	ck_assert_uint_eq(tail_count(&t), 2);
	tail_set_mark(&t);
	event(p, "B", "after");
	ck_assert_int_eq(tail_add(&t, TAIL_EVENT, p, 12), 0);
	a[0] = DV_INT(2);
	ck_assert_int_eq(tail_add(&t, TAIL_AUDIT, a, 1), 0);
	ck_assert_int_eq(tail_add(&t, TAIL_AUDIT, a, 1), 0);
	ck_assert_uint_eq(tail_count(&t), 5);
	/* the mark says how many go before the savepoint */
	ck_assert_uint_eq(t.mark[TAIL_AUDIT], 1);
	ck_assert_uint_eq(t.mark[TAIL_EVENT], 1);
	ck_assert_uint_eq(t.mark[TAIL_OUTBOX], 0);
	tail_back(&t);
	ck_assert_uint_eq(tail_count(&t), 2);
	s = json(&t, TAIL_AUDIT);
	ck_assert_str_eq(s, "[[1]]");
	xfree(s);
	/* a transaction that commits keeps its rows */
	tail_drop_mark(&t);
	ck_assert_int_eq(tail_add(&t, TAIL_AUDIT, a, 1), 0);
	tail_back(&t);
	ck_assert_uint_eq(tail_count(&t), 3);
	tail_release(&t);
}
END_TEST

START_TEST(test_rows_from_before_a_rollback_are_kept_again)
{
	struct db_tail t;
	struct db_val a[1];
	char *s;

	tail_init(&t);
	a[0] = DV_INT(1);
	ck_assert_int_eq(tail_add(&t, TAIL_AUDIT, a, 1), 0);
	tail_set_mark(&t);
	a[0] = DV_INT(2);
	ck_assert_int_eq(tail_add(&t, TAIL_AUDIT, a, 1), 0);
	/* sent while the handler's transaction is open */
	tail_sent_all(&t);
	ck_assert_uint_eq(tail_count(&t), 0);
	ck_assert_ptr_null(json(&t, TAIL_AUDIT));
	a[0] = DV_INT(3);
	ck_assert_int_eq(tail_add(&t, TAIL_AUDIT, a, 1), 0);
	/* it rolls back: the server forgot row 1 with it; row 1 is kept
	 * again, rows 2 and 3 (the handler's) are not */
	tail_back(&t);
	tail_drop_mark(&t);
	s = json(&t, TAIL_AUDIT);
	ck_assert_str_eq(s, "[[1]]");
	xfree(s);
	/* a second handler, sent twice and rolled back: row 1 once */
	tail_set_mark(&t);
	tail_sent_all(&t);
	tail_sent_all(&t);
	tail_back(&t);
	tail_drop_mark(&t);
	s = json(&t, TAIL_AUDIT);
	ck_assert_str_eq(s, "[[1]]");
	xfree(s);
	/* a handler that commits: what was sent stays sent */
	tail_set_mark(&t);
	tail_sent_all(&t);
	tail_drop_mark(&t);
	ck_assert_uint_eq(tail_count(&t), 0);
	tail_back(&t);
	ck_assert_uint_eq(tail_count(&t), 0);
	tail_release(&t);
}
END_TEST

START_TEST(test_kept_again_before_the_rows_kept_after)
{
	struct db_tail t;
	struct db_val a[1];
	char *s;

	/* rows kept before the mark, some sent and some not: the sent ones
	 * come back first, in their order */
	tail_init(&t);
	a[0] = DV_INT(1);
	ck_assert_int_eq(tail_add(&t, TAIL_EVENT, a, 1), 0);
	tail_set_mark(&t);
	tail_sent_all(&t);
	tail_back(&t);
	tail_drop_mark(&t);
	a[0] = DV_INT(2);
	ck_assert_int_eq(tail_add(&t, TAIL_EVENT, a, 1), 0);
	s = json(&t, TAIL_EVENT);
	ck_assert_str_eq(s, "[[1],[2]]");
	xfree(s);
	tail_release(&t);
}
END_TEST

START_TEST(test_only_the_appending_statements_are_kept)
{
	size_t i;

	ck_assert_int_eq(stmt_tail_slot(STMT_AUDIT_INSERT), TAIL_AUDIT);
	ck_assert_int_eq(stmt_tail_slot(STMT_EVENT_INSERT), TAIL_EVENT);
	ck_assert_int_eq(stmt_tail_slot(STMT_OUTBOX_ADD_FORM), TAIL_OUTBOX);
	ck_assert_int_eq(stmt_tail_slot(STMT_OUTBOX_ADD), -1);
	for (i = 0; i < STMT__COUNT; i++) {
		const char *sql = stmt_sql((enum stmt_id)i);

		if (stmt_tail_slot((enum stmt_id)i) < 0)
			continue;
		ck_assert_msg(strncmp(sql, "INSERT INTO ", 12) == 0 &&
		    strstr(sql, "SELECT") == NULL, "%s", stmt_name(i));
	}
}
END_TEST

START_TEST(test_what_must_come_after_the_kept_rows)
{
	size_t i;

	/* what reads them, what their triggers read or raise */
	ck_assert(stmt_after_tail(STMT_EVENT_KINDS_LOG));
	ck_assert(stmt_after_tail(STMT_LOG_WITHHELD));
	ck_assert(stmt_after_tail(STMT_LOG_VIEW_VERSION));
	ck_assert(stmt_after_tail(STMT_LOG_BY_PID));
	ck_assert(stmt_after_tail(STMT_CONCERN_STORE));
	ck_assert(stmt_after_tail(STMT_NOTICE_ID));
	ck_assert(stmt_after_tail(STMT_ALERT_RAISE_WAITING));
	/* the question asked before a notice is kept does not wait */
	ck_assert(!stmt_after_tail(STMT_RECEIVER_READY));
	/* the kept statements themselves and the call that sends them */
	ck_assert(!stmt_after_tail(STMT_EVENT_INSERT));
	ck_assert(!stmt_after_tail(STMT_TAIL_RUN));
	/* a lock on a log, and reads elsewhere, run ahead */
	ck_assert(!stmt_after_tail(STMT_LOG_LOCK));
	ck_assert(!stmt_after_tail(STMT_USER_BY_NAME));
	/* every change of a relay log, every delete, every call */
	for (i = 0; i < STMT__COUNT; i++) {
		const char *sql = stmt_sql((enum stmt_id)i);

		if (stmt_tail_slot((enum stmt_id)i) >= 0 || i == STMT_TAIL_RUN)
			continue;
		if (strncmp(sql, "UPDATE relay_log", 16) == 0 ||
		    strncmp(sql, "DELETE", 6) == 0 ||
		    strncmp(sql, "CALL", 4) == 0 ||
		    strstr(sql, "case_event") != NULL ||
		    strstr(sql, "outbox") != NULL)
			ck_assert_msg(stmt_after_tail((enum stmt_id)i), "%s",
			    stmt_name(i));
	}
}
END_TEST

static Suite *
tail_suite(void)
{
	Suite *s = suite_create("tail");
	TCase *tc = tcase_create("rows");

	tcase_add_test(tc, test_rows_are_their_parameters_in_order);
	tcase_add_test(tc, test_what_json_cannot_carry_is_not_kept);
	tcase_add_test(tc, test_back_forgets_since_the_mark_only);
	tcase_add_test(tc, test_rows_from_before_a_rollback_are_kept_again);
	tcase_add_test(tc, test_kept_again_before_the_rows_kept_after);
	tcase_add_test(tc, test_only_the_appending_statements_are_kept);
	tcase_add_test(tc, test_what_must_come_after_the_kept_rows);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(tail_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
