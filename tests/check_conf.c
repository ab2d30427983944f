/* check_conf.c: unit tests for the configuration file and environment. */
#include "config.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <check.h>

#include "conf.h"

extern char **environ;

static char dir[64];		/* a private temporary directory */
static char path[128];		/* dir/stafett.conf, written per test */

/* Remove every STAFETT_* variable, so the caller's shell cannot interfere. */
static void
clear_env(void)
{
	char name[128];
	size_t i, n;
	int found;

	do {
		found = 0;
		for (i = 0; environ[i] != NULL; i++) {
			if (strncmp(environ[i], "STAFETT_", 8) != 0)
				continue;
			n = strcspn(environ[i], "=");
			ck_assert_uint_lt(n, sizeof(name));
			memcpy(name, environ[i], n);
			name[n] = '\0';
			ck_assert_int_eq(unsetenv(name), 0);
			found = 1;
			break;
		}
	} while (found);
}

static void
setup(void)
{
	clear_env();
	snprintf(dir, sizeof(dir), "/tmp/check_conf.XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/stafett.conf", dir);
}

static void
teardown(void)
{
	clear_env();
	unlink(path);
	rmdir(dir);
}

/* Write text as the configuration file. */
static void
write_conf(const char *text)
{
	FILE *fp = fopen(path, "w");

	ck_assert_ptr_nonnull(fp);
	ck_assert_int_ge(fputs(text, fp), 0);
	ck_assert_int_eq(fclose(fp), 0);
}

/* Load text as the configuration; the result is in *cfg, err in err. */
static st_rc
load_text(struct conf *cfg, const char *text, char *err, size_t errlen)
{
	write_conf(text);
	err[0] = '\0';
	return conf_load(cfg, path, 0, err, errlen);
}

/* Load text, which must fail, and check the error mentions what. */
static void
assert_fails(const char *text, const char *what)
{
	struct conf cfg;
	char err[256];

	ck_assert_msg(load_text(&cfg, text, err, sizeof(err)) == ST_E_CONFIG,
	    "accepted: %s", text);
	ck_assert_msg(err[0] != '\0', "no error for: %s", text);
	if (what != NULL)
		ck_assert_msg(strstr(err, what) != NULL,
		    "error '%s' does not mention '%s'", err, what);
	/* Whatever was filled in before the error is released cleanly. */
	conf_release(&cfg);
}

START_TEST(test_defaults)
{
	struct conf cfg;
	char err[256];

	/* No file (it is optional): every setting has its default. */
	ck_assert_int_eq(conf_load(&cfg, path, 0, err, sizeof(err)), ST_OK);
	ck_assert_str_eq(cfg.path, path);
	ck_assert_str_eq(cfg.db_host, "localhost");
	ck_assert_uint_eq(cfg.db_port, 3306);		/* MariaDB's port */
	ck_assert_str_eq(cfg.db_socket, "");		/* TCP */
	ck_assert_str_eq(cfg.db_name, "stafett");
	ck_assert_str_eq(cfg.db_user, "stafett");
	ck_assert_str_eq(cfg.db_password, "");
	/* The level-0 decision is due within 14 days (domain.md). */
	ck_assert_uint_eq(cfg.concern_deadline_days, 14);
	/* A draft begun on a Friday is still there after a holiday. */
	ck_assert_uint_eq(cfg.draft_keep_days, 30);
	ck_assert_str_eq(cfg.default_lang, "nb");
	ck_assert_str_eq(cfg.timezone, "Europe/Oslo");
	ck_assert_str_eq(cfg.log_level, "info");
	/* The defaults satisfy the checks conf_load applies to a file. */
	ck_assert_uint_ge(cfg.workers, 1);
	ck_assert_uint_le(cfg.workers, 256);
	ck_assert_uint_ge(cfg.body_max, 1024);
	ck_assert_uint_ge(cfg.xml_max_depth, 4);
	ck_assert_uint_gt(cfg.session_idle_min, 0);
	ck_assert_uint_ge(cfg.session_absolute_min, cfg.session_idle_min);
	ck_assert_uint_gt(cfg.login_max_failures, 0);
	/* A shared address must not be locked out before one user is. */
	ck_assert_uint_gt(cfg.login_max_failures_addr,
	    cfg.login_max_failures);
	/* Every string is set, none NULL. */
	ck_assert_ptr_nonnull(cfg.fcgi_socket);
	ck_assert_ptr_nonnull(cfg.pid_file);
	ck_assert_ptr_nonnull(strstr(cfg.forms_dir, "forms"));
	ck_assert_ptr_nonnull(cfg.xsl_dir);
	ck_assert_ptr_nonnull(cfg.sql_dir);
	ck_assert_ptr_nonnull(cfg.locale_dir);
	ck_assert_ptr_nonnull(cfg.secret_file);
	/* The migration account defaults to the ordinary one. */
	ck_assert_str_eq(cfg.db_admin_user, cfg.db_user);
	ck_assert_str_eq(cfg.db_admin_password, cfg.db_password);
	conf_release(&cfg);
}
END_TEST

START_TEST(test_read_file)
{
	struct conf cfg;
	char err[256];

	ck_assert_int_eq(load_text(&cfg,
	    "db_host = db.example.org\n"
	    "db_port=3307\n"
	    "  workers   =   8  \n"
	    "db_user = app\n"
	    "db_password = s3cret=x#y z\n"
	    "default_lang = en\n"
	    "xml_max_depth = 16\n"
	    "timezone = UTC\r\n"
	    "secret_file = /etc/stafett/key", err, sizeof(err)), ST_OK);
	ck_assert_str_eq(cfg.db_host, "db.example.org");
	ck_assert_uint_eq(cfg.db_port, 3307);
	ck_assert_uint_eq(cfg.workers, 8);
	ck_assert_str_eq(cfg.db_user, "app");
	/* Only the first '=' splits; '#' inside a value is kept. */
	ck_assert_str_eq(cfg.db_password, "s3cret=x#y z");
	ck_assert_str_eq(cfg.default_lang, "en");
	ck_assert_uint_eq(cfg.xml_max_depth, 16);
	/* CRLF line ends and a missing final newline are fine. */
	ck_assert_str_eq(cfg.timezone, "UTC");
	ck_assert_str_eq(cfg.secret_file, "/etc/stafett/key");
	/* What the file does not name keeps its default. */
	ck_assert_str_eq(cfg.db_name, "stafett");
	ck_assert_uint_eq(cfg.concern_deadline_days, 14);
	/* A draft begun on a Friday is still there after a holiday. */
	ck_assert_uint_eq(cfg.draft_keep_days, 30);
	/* The admin account follows db_user when not set itself. */
	ck_assert_str_eq(cfg.db_admin_user, "app");
	ck_assert_str_eq(cfg.db_admin_password, "s3cret=x#y z");
	conf_release(&cfg);
}
END_TEST

START_TEST(test_comments)
{
	struct conf cfg;
	char err[256];

	ck_assert_int_eq(load_text(&cfg,
	    "# stafett configuration\n"
	    "\n"
	    "   \n"
	    "\t\n"
	    "   # an indented comment\n"
	    "#workers = 100\n"
	    "workers = 2\n"
	    "# db_port = x (not a number, but commented out)\n"
	    "\n", err, sizeof(err)), ST_OK);
	ck_assert_uint_eq(cfg.workers, 2);
	ck_assert_uint_eq(cfg.db_port, 3306);
	conf_release(&cfg);
}
END_TEST

START_TEST(test_empty_value)
{
	struct conf cfg;
	char err[256];

	/* An empty string value is allowed (TCP instead of a socket). */
	ck_assert_int_eq(load_text(&cfg, "db_socket =\npid_file = \n", err,
	    sizeof(err)), ST_OK);
	ck_assert_str_eq(cfg.db_socket, "");
	ck_assert_str_eq(cfg.pid_file, "");
	conf_release(&cfg);
}
END_TEST

START_TEST(test_last_wins)
{
	struct conf cfg;
	char err[256];

	ck_assert_int_eq(load_text(&cfg, "db_name = a\ndb_name = b\n", err,
	    sizeof(err)), ST_OK);
	ck_assert_str_eq(cfg.db_name, "b");
	conf_release(&cfg);
}
END_TEST

START_TEST(test_unknown_key)
{
	/* A typo is an error naming the key and the line. */
	assert_fails("workers = 2\n# ok\nwrokers = 3\n", "'wrokers'");
	assert_fails("workers = 2\n# ok\nwrokers = 3\n", ":3:");
	/* Keys are lower case; upper case is for the environment only. */
	assert_fails("Workers = 2\n", "Workers");
	assert_fails("= 2\n", NULL);
}
END_TEST

START_TEST(test_not_a_number)
{
	assert_fails("workers = four\n", "four");
	assert_fails("workers = four\n", "workers");
	assert_fails("workers = -1\n", "workers");
	assert_fails("workers = 4x\n", "workers");
	assert_fails("workers = 4 5\n", "workers");
	assert_fails("workers = 0x10\n", "workers");
	assert_fails("db_port =\n", "db_port");
	assert_fails("db_port = 99999999999999999999\n", "db_port");
	assert_fails("db_port = 4294967296\n", "db_port");	/* UINT_MAX+1 */
	assert_fails("db_port = 1.5\n", "db_port");
}
END_TEST

START_TEST(test_uint_max)
{
	struct conf cfg;
	char err[256];

	/* The largest unsigned value still fits. */
	ck_assert_int_eq(load_text(&cfg, "session_absolute_min = 4294967295\n",
	    err, sizeof(err)), ST_OK);
	ck_assert_uint_eq(cfg.session_absolute_min, UINT_MAX);
	conf_release(&cfg);
}
END_TEST

START_TEST(test_no_equals)
{
	assert_fails("workers 2\n", ":1:");
	assert_fails("# fine\nworkers\n", ":2:");
}
END_TEST

START_TEST(test_workers_range)
{
	struct conf cfg;
	char err[256];

	assert_fails("workers = 0\n", "workers");
	assert_fails("workers = 257\n", "workers");
	ck_assert_int_eq(load_text(&cfg, "workers = 1\n", err, sizeof(err)),
	    ST_OK);
	ck_assert_uint_eq(cfg.workers, 1);
	conf_release(&cfg);
	ck_assert_int_eq(load_text(&cfg, "workers = 256\n", err, sizeof(err)),
	    ST_OK);
	ck_assert_uint_eq(cfg.workers, 256);
	conf_release(&cfg);
}
END_TEST

START_TEST(test_other_checks)
{
	assert_fails("default_lang = de\n", "default_lang");
	assert_fails("default_lang = NB\n", "default_lang");
	assert_fails("body_max = 1023\n", "body_max");
	assert_fails("xml_max_depth = 3\n", "xml_max_depth");
	assert_fails("draft_keep_days = 0\n", "draft_keep_days");
	assert_fails("draft_keep_days = 366\n", "draft_keep_days");
	/* the hours of old are not read as days */
	assert_fails("draft_ttl_hours = 24\n", "unknown key");
}
END_TEST

/* The e-mail keys: off by default; when on, everything it needs. */
#define SMTP_OK "smtp_url = smtp://mail.example.no:587\n" \
	"smtp_from = stafett@larvik.example\n" \
	"public_url = https://stafett.larvik.example/\n"

START_TEST(test_smtp)
{
	struct conf cfg;
	char err[256];

	ck_assert_int_eq(load_text(&cfg, "", err, sizeof(err)), ST_OK);
	ck_assert_str_eq(cfg.smtp_url, "");
	ck_assert_str_eq(cfg.smtp_starttls, "required");
	ck_assert_uint_eq(cfg.consent_warn_days, 14);
	ck_assert_uint_eq(cfg.measure_remind_days, 3);
	ck_assert_uint_eq(cfg.view_cache_kb, 8192);
	ck_assert_uint_eq(cfg.view_cache_verify, 0);
	conf_release(&cfg);
	ck_assert_int_eq(load_text(&cfg, SMTP_OK, err, sizeof(err)), ST_OK);
	/* no trailing slash: paths are joined to it */
	ck_assert_str_eq(cfg.public_url, "https://stafett.larvik.example");
	conf_release(&cfg);
	ck_assert_int_eq(load_text(&cfg, SMTP_OK "smtp_user = stafett\n"
	    "smtp_password_file = /etc/stafett/smtp\n", err, sizeof(err)),
	    ST_OK);
	conf_release(&cfg);
	ck_assert_int_eq(load_text(&cfg, "smtp_url = smtps://m.example.no\n"
	    "smtp_from = s@x.no\npublic_url = http://127.0.0.1:8080\n"
	    "smtp_starttls = off\nsmtp_user = u\n"
	    "smtp_password_file = /p\n", err, sizeof(err)), ST_OK);
	conf_release(&cfg);
	/* e-mail off: the rest is not needed */
	ck_assert_int_eq(load_text(&cfg, "smtp_from = nonsense\n", err,
	    sizeof(err)), ST_OK);
	conf_release(&cfg);
}
END_TEST

/* Issue 15: the database password may live in a file of its own, as
 * the SMTP one does, readable by its owner only. */
START_TEST(test_db_password_file)
{
	char pwpath[160], text[512], err[256];
	struct conf cfg;
	FILE *fp;

	snprintf(pwpath, sizeof(pwpath), "%s/db.password", dir);
	fp = fopen(pwpath, "w");
	ck_assert_ptr_nonnull(fp);
	fputs("s3cret-pw\n", fp);
	fclose(fp);
	ck_assert_int_eq(chmod(pwpath, 0600), 0);
	snprintf(text, sizeof(text), "db_password_file = %s\n", pwpath);
	ck_assert_int_eq(load_text(&cfg, text, err, sizeof(err)), ST_OK);
	ck_assert_str_eq(cfg.db_password, "s3cret-pw");
	/* db_admin_user defaults to db_user, and so its password */
	ck_assert_str_eq(cfg.db_admin_password, "s3cret-pw");
	conf_release(&cfg);
	/* both: which one was meant? */
	snprintf(text, sizeof(text), "db_password = x\n"
	    "db_password_file = %s\n", pwpath);
	assert_fails(text, "exclude");
	/* readable by others: refused, the password not used */
	ck_assert_int_eq(chmod(pwpath, 0644), 0);
	snprintf(text, sizeof(text), "db_password_file = %s\n", pwpath);
	assert_fails(text, "chmod 600");
	/* written by the group: refused */
	ck_assert_int_eq(chmod(pwpath, 0660), 0);
	assert_fails(text, "chmod 600");
	/* read by the group: only when root owns the file and so chose the
	 * group (an installed stafett: serve and notify in group stafett) */
	ck_assert_int_eq(chmod(pwpath, 0640), 0);
	if (geteuid() == 0) {
		ck_assert_int_eq(load_text(&cfg, text, err, sizeof(err)),
		    ST_OK);
		ck_assert_str_eq(cfg.db_password, "s3cret-pw");
		conf_release(&cfg);
	} else {
		assert_fails(text, "chmod 640");
	}
	unlink(pwpath);
}
END_TEST

/* Issue 19: with db_galera the socket (or host) names the nodes. */
START_TEST(test_galera_nodes)
{
	char err[256];
	struct conf cfg;

	ck_assert_int_eq(load_text(&cfg, "db_galera = 1\n"
	    "db_socket = /a.sock, /b.sock,/c.sock\n", err, sizeof(err)),
	    ST_OK);
	ck_assert_uint_eq(cfg.db_galera, 1);
	conf_release(&cfg);
	assert_fails("db_galera = 1\ndb_socket = /a.sock,,/c.sock\n",
	    "Galera nodes");
	assert_fails("db_galera = 1\ndb_socket = /a.sock,\n", "Galera nodes");
	assert_fails("db_galera = 1\ndb_socket = \ndb_host = a, \n",
	    "db_host");
	/* without Galera a comma is part of the name, as before */
	ck_assert_int_eq(load_text(&cfg, "db_socket = /a,b.sock\n", err,
	    sizeof(err)), ST_OK);
	conf_release(&cfg);
}
END_TEST

START_TEST(test_smtp_checks)
{
	assert_fails("smtp_starttls = maybe\n", "smtp_starttls");
	assert_fails("smtp_url = http://mail.example.no\n", "smtp_url");
	assert_fails("smtp_url = smtp://mail example\n", "smtp_url");
	assert_fails("smtp_url = smtp://m.example.no\n"
	    "public_url = https://s.example.no\n", "smtp_from");
	assert_fails("smtp_url = smtp://m.example.no\n"
	    "smtp_from = <a@b.no>\npublic_url = https://s.example.no\n",
	    "smtp_from");
	assert_fails("smtp_url = smtp://m.example.no\nsmtp_from = a@b.no\n",
	    "public_url");
	assert_fails(SMTP_OK "public_url = ftp://s.example.no\n",
	    "public_url");
	assert_fails(SMTP_OK "smtp_user = u\n", "smtp_password_file");
	assert_fails(SMTP_OK "smtp_password_file = /p\n", "smtp_user");
	/* a password never in clear */
	assert_fails(SMTP_OK "smtp_user = u\nsmtp_password_file = /p\n"
	    "smtp_starttls = try\n", "TLS");
	assert_fails("consent_warn_days = 366\n", "consent_warn_days");
	assert_fails("measure_remind_days = 366\n", "measure_remind_days");
	assert_fails("view_cache_kb = 4194305\n", "view_cache_kb");
	/* a number people dial, or nothing */
	assert_fails("emergency_phone = call the police\n", "emergency_phone");
	assert_fails("emergency_phone = +\n", "emergency_phone");
	assert_fails("emergency_phone = 11\n", "emergency_phone");
	assert_fails("emergency_phone = 33+17\n", "emergency_phone");
	assert_fails("emergency_phone = 123456789012345678901\n",
	    "emergency_phone");
}
END_TEST

START_TEST(test_emergency_phone)
{
	struct conf cfg;
	char err[256];

	/* Not known by default: the pages then say how to reach it. */
	ck_assert_int_eq(load_text(&cfg, "", err, sizeof(err)), ST_OK);
	ck_assert_str_eq(cfg.emergency_phone, "");
	conf_release(&cfg);
	ck_assert_int_eq(load_text(&cfg, "emergency_phone = +47 33 17 10 00\n",
	    err, sizeof(err)), ST_OK);
	ck_assert_str_eq(cfg.emergency_phone, "+47 33 17 10 00");
	conf_release(&cfg);
	ck_assert_int_eq(load_text(&cfg, "emergency_phone = 116\n", err,
	    sizeof(err)), ST_OK);
	conf_release(&cfg);
}
END_TEST

START_TEST(test_line_too_long)
{
	char text[2100];

	/* A line longer than the reader's buffer is an error, not split. */
	memcpy(text, "db_password = ", 14);
	memset(text + 14, 'p', 2000);
	memcpy(text + 2014, "\nworkers = 2\n", 14);
	assert_fails(text, "long");
}
END_TEST

START_TEST(test_env_override)
{
	struct conf cfg;
	char err[256];

	/* STAFETT_<KEY> wins over the file. */
	ck_assert_int_eq(setenv("STAFETT_WORKERS", "7", 1), 0);
	ck_assert_int_eq(setenv("STAFETT_DB_HOST", "envhost", 1), 0);
	ck_assert_int_eq(load_text(&cfg, "workers = 3\ndb_host = filehost\n"
	    "db_name = filedb\n", err, sizeof(err)), ST_OK);
	ck_assert_uint_eq(cfg.workers, 7);
	ck_assert_str_eq(cfg.db_host, "envhost");
	/* The file still counts where the environment is silent. */
	ck_assert_str_eq(cfg.db_name, "filedb");
	conf_release(&cfg);
	/* And over the default when there is no file. */
	ck_assert_int_eq(setenv("STAFETT_CONCERN_DEADLINE_DAYS", "21", 1), 0);
	ck_assert_int_eq(conf_load(&cfg, path, 0, err, sizeof(err)), ST_OK);
	ck_assert_uint_eq(cfg.concern_deadline_days, 21);
	conf_release(&cfg);
}
END_TEST

START_TEST(test_env_checked)
{
	struct conf cfg;
	char err[256];

	/* The environment is held to the same rules as the file. */
	ck_assert_int_eq(setenv("STAFETT_WORKERS", "many", 1), 0);
	ck_assert_int_eq(load_text(&cfg, "", err, sizeof(err)), ST_E_CONFIG);
	ck_assert_ptr_nonnull(strstr(err, "many"));
	conf_release(&cfg);
	ck_assert_int_eq(setenv("STAFETT_WORKERS", "0", 1), 0);
	ck_assert_int_eq(load_text(&cfg, "workers = 4\n", err, sizeof(err)),
	    ST_E_CONFIG);
	conf_release(&cfg);
	ck_assert_int_eq(setenv("STAFETT_WORKERS", "", 1), 0);
	ck_assert_int_eq(load_text(&cfg, "", err, sizeof(err)), ST_E_CONFIG);
	conf_release(&cfg);
}
END_TEST

START_TEST(test_admin_user)
{
	struct conf cfg;
	char err[256];

	/* Set explicitly, the admin account keeps its own password. */
	ck_assert_int_eq(load_text(&cfg, "db_user = web\ndb_password = w\n"
	    "db_admin_user = root\ndb_admin_password =\n", err, sizeof(err)),
	    ST_OK);
	ck_assert_str_eq(cfg.db_admin_user, "root");
	ck_assert_str_eq(cfg.db_admin_password, "");
	ck_assert_str_eq(cfg.db_user, "web");
	conf_release(&cfg);
	/* Not set: follows db_user from the environment too. */
	ck_assert_int_eq(setenv("STAFETT_DB_USER", "envuser", 1), 0);
	ck_assert_int_eq(load_text(&cfg, "db_user = web\n", err, sizeof(err)),
	    ST_OK);
	ck_assert_str_eq(cfg.db_admin_user, "envuser");
	conf_release(&cfg);
}
END_TEST

START_TEST(test_missing_named_file)
{
	struct conf cfg;
	char err[256];

	/*
	 * A file named on the command line or in STAFETT_CONFIG must exist:
	 * otherwise a wrong path would silently run on defaults.
	 */
	err[0] = '\0';
	ck_assert_int_eq(conf_load(&cfg, path, 1, err, sizeof(err)),
	    ST_E_CONFIG);
	ck_assert_ptr_nonnull(strstr(err, path));
	conf_release(&cfg);
}
END_TEST

START_TEST(test_release)
{
	struct conf cfg;
	char err[256];

	ck_assert_int_eq(load_text(&cfg, "db_host = h\n", err, sizeof(err)),
	    ST_OK);
	conf_release(&cfg);
	/* Every string is gone and the struct is safe to release again. */
	ck_assert_ptr_null(cfg.path);
	ck_assert_ptr_null(cfg.db_host);
	ck_assert_ptr_null(cfg.db_admin_user);
	ck_assert_ptr_null(cfg.log_level);
	conf_release(&cfg);
}
END_TEST

START_TEST(test_find)
{
	char cwd[4096], var[160], file[192];
	FILE *fp;

	ck_assert_ptr_nonnull(getcwd(cwd, sizeof(cwd)));
	/* An explicit path wins over everything. */
	ck_assert_int_eq(setenv("STAFETT_CONFIG", "/from/env", 1), 0);
	ck_assert_str_eq(conf_find("/explicit"), "/explicit");
	/* Then $STAFETT_CONFIG. */
	ck_assert_str_eq(conf_find(NULL), "/from/env");
	ck_assert_str_eq(conf_find(""), "/from/env");
	ck_assert_int_eq(unsetenv("STAFETT_CONFIG"), 0);
	/* Then ./var/stafett.conf if it is there... */
	ck_assert_int_eq(chdir(dir), 0);
	snprintf(var, sizeof(var), "%s/var", dir);
	snprintf(file, sizeof(file), "%s/stafett.conf", var);
	ck_assert_int_eq(mkdir(var, 0700), 0);
	fp = fopen(file, "w");
	ck_assert_ptr_nonnull(fp);
	fclose(fp);
	ck_assert_str_eq(conf_find(NULL), "var/stafett.conf");
	unlink(file);
	rmdir(var);
	/* ...else the system-wide file. */
	ck_assert_str_eq(conf_find(NULL), SYSCONFDIR "/stafett/stafett.conf");
	ck_assert_int_eq(chdir(cwd), 0);
}
END_TEST

/* The reference (man stafett.conf) is printed from the key table: every
 * key there is described, and is a key conf_load takes, with its
 * documented default. */
START_TEST(test_every_key_documented)
{
	struct conf_key_doc k;
	struct conf cfg;
	char text[1024], err[256];
	size_t i;

	for (i = 0; conf_key_doc(i, &k); i++) {
		ck_assert_msg(k.doc != NULL && strlen(k.doc) > 5,
		    "key %s has no description", k.name);
		snprintf(text, sizeof(text), "%s = %s\n", k.name, k.def);
		ck_assert_msg(load_text(&cfg, text, err, sizeof(err)) == ST_OK,
		    "documented key refused: %s (%s)", text, err);
		conf_release(&cfg);
	}
	ck_assert_uint_gt(i, 50);
}
END_TEST

static Suite *
conf_suite(void)
{
	Suite *s = suite_create("conf");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_defaults);
	tcase_add_test(tc, test_every_key_documented);
	tcase_add_test(tc, test_db_password_file);
	tcase_add_test(tc, test_read_file);
	tcase_add_test(tc, test_comments);
	tcase_add_test(tc, test_empty_value);
	tcase_add_test(tc, test_last_wins);
	tcase_add_test(tc, test_unknown_key);
	tcase_add_test(tc, test_not_a_number);
	tcase_add_test(tc, test_uint_max);
	tcase_add_test(tc, test_no_equals);
	tcase_add_test(tc, test_workers_range);
	tcase_add_test(tc, test_other_checks);
	tcase_add_test(tc, test_smtp);
	tcase_add_test(tc, test_smtp_checks);
	tcase_add_test(tc, test_galera_nodes);
	tcase_add_test(tc, test_line_too_long);
	tcase_add_test(tc, test_env_override);
	tcase_add_test(tc, test_env_checked);
	tcase_add_test(tc, test_emergency_phone);
	tcase_add_test(tc, test_admin_user);
	tcase_add_test(tc, test_missing_named_file);
	tcase_add_test(tc, test_release);
	tcase_add_test(tc, test_find);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(conf_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
