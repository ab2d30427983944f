/* check_log.c: unit tests for log lines (fcgi/core/log.h): plain lines
 * with time and pid, or the journal's priority prefix when stderr is the
 * stream systemd names in JOURNAL_STREAM. Each test runs in its own
 * process (Check forks), as log.c decides once per process. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <check.h>

#include "log.h"

/* stderr to a new temporary file; its stat in *st. */
static FILE *
capture(struct stat *st)
{
	FILE *f = tmpfile();

	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(dup2(fileno(f), STDERR_FILENO), STDERR_FILENO);
	ck_assert_int_eq(fstat(STDERR_FILENO, st), 0);
	return f;
}

static void
read_back(FILE *f, char *out, size_t n)
{
	size_t got;

	rewind(f);
	got = fread(out, 1, n - 1, f);
	out[got] = '\0';
}

START_TEST(test_journal_prefix)
{
	struct stat st;
	char env[64], out[256];
	FILE *f = capture(&st);

	snprintf(env, sizeof(env), "%llu:%llu",
	    (unsigned long long)st.st_dev, (unsigned long long)st.st_ino);
	setenv("JOURNAL_STREAM", env, 1);
	log_err("cannot listen on '%s'", "x");
	log_warn("w");
	log_info("i");
	read_back(f, out, sizeof(out));
	ck_assert_str_eq(out, "<3>error: cannot listen on 'x'\n"
	    "<4>warn: w\n<6>info: i\n");
	fclose(f);
}
END_TEST

START_TEST(test_other_stream_is_plain)
{
	struct stat st;
	char env[64], out[256];
	FILE *f = capture(&st);

	/* an inherited variable naming another stream: a child whose stderr
	 * was redirected writes plain lines */
	snprintf(env, sizeof(env), "%llu:%llu",
	    (unsigned long long)st.st_dev, (unsigned long long)st.st_ino + 1);
	setenv("JOURNAL_STREAM", env, 1);
	log_err("boom");
	read_back(f, out, sizeof(out));
	ck_assert_ptr_null(strchr(out, '<'));
	ck_assert_ptr_nonnull(strstr(out, "Z error stafett["));
	ck_assert_ptr_nonnull(strstr(out, "]: boom\n"));
	fclose(f);
}
END_TEST

START_TEST(test_no_journal_is_plain)
{
	struct stat st;
	char out[256];
	FILE *f = capture(&st);

	unsetenv("JOURNAL_STREAM");
	log_info("hello %d", 7);
	log_debug("not shown at the default level");
	read_back(f, out, sizeof(out));
	/* 2026-12-07T15:58:00.123Z info stafett[PID]: hello 7 */
	ck_assert_int_eq(out[4], '-');
	ck_assert_int_eq(out[10], 'T');
	ck_assert_ptr_nonnull(strstr(out, "Z info stafett["));
	ck_assert_ptr_nonnull(strstr(out, "]: hello 7\n"));
	ck_assert_ptr_null(strstr(out, "not shown"));
	fclose(f);
}
END_TEST

static Suite *
log_suite(void)
{
	Suite *s = suite_create("log");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_journal_prefix);
	tcase_add_test(tc, test_other_stream_is_plain);
	tcase_add_test(tc, test_no_journal_is_plain);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(log_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
