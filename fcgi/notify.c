/* notify.c: the notify process: delivery of notices and housekeeping. */
#include "config.h"

#include <signal.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "db.h"
#include "casesweep.h"
#include "log.h"

static volatile sig_atomic_t stopping;

static void
on_term(int sig)
{
	(void)sig;
	stopping = 1;
}

/*
 * Housekeeping: expired sessions, old failed-login records and expired
 * drafts are deleted, so that no table keeps more than its purpose needs.
 */
static void
housekeeping(const struct conf *cfg, struct db *db)
{
	struct db_val p[2];
	unsigned long long n = 0;
	unsigned found = 0;

	p[0] = DV_INT(cfg->session_idle_min);
	p[1] = DV_INT(cfg->session_absolute_min);
	if (db_exec(db, STMT_SESSION_PURGE, p, 2, &n, NULL) == ST_OK && n > 0)
		log_info("notify: removed %llu expired sessions", n);
	p[0] = DV_INT(cfg->login_window_min * 4);
	if (db_exec(db, STMT_LOGIN_FAILURE_PURGE, p, 1, &n, NULL) == ST_OK &&
	    n > 0)
		log_info("notify: removed %llu old failed-login records", n);
	if (db_exec(db, STMT_DRAFT_PURGE, NULL, 0, &n, NULL) == ST_OK && n > 0)
		log_info("notify: deleted %llu expired drafts", n);
	if (casesweep_run(db, &found) != ST_OK)
		log_warn("notify: the calendar sweep failed; it runs again");
	else if (found > 0)
		log_info("notify: %u deadlines, evaluations or consents "
		    "ran out",
		    found);
}

int
cmd_notify(const struct conf *cfg, int argc, char **argv)
{
	struct sigaction sa;
	struct db db;
	time_t last = 0;

	/* --once: one pass of housekeeping and the calendar sweep, then
	 * exit (for cron-less setups and for the tests). */
	if (argc > 0 && strcmp(argv[0], "--once") == 0) {
		int rc;

		db_init(&db, cfg->db_socket, cfg->db_host, cfg->db_port,
		    cfg->db_user, cfg->db_password, cfg->db_name);
		rc = db_ensure(&db) == ST_OK ? 0 : 1;
		if (rc == 0)
			housekeeping(cfg, &db);
		db_release(&db);
		return rc;
	}
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_term;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	db_init(&db, cfg->db_socket, cfg->db_host, cfg->db_port, cfg->db_user,
	    cfg->db_password, cfg->db_name);
	log_info("notify: started");
	while (!stopping) {
		struct timespec tick = { 1, 0 };

		if (time(NULL) - last >= 60) {
			if (db_ensure(&db) == ST_OK)
				housekeeping(cfg, &db);
			last = time(NULL);
		}
		nanosleep(&tick, NULL);
	}
	db_release(&db);
	log_info("notify: stopped");
	return 0;
}
