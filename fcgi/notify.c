/* notify.c: the notify process: delivery of notices and housekeeping. */
#include "config.h"

#include <signal.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "db.h"
#include "casesweep.h"
#include "deliver.h"
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

/* --once: deliver until nothing is due or in flight (retries scheduled
 * for later wait for a later run), at most ten minutes. */
static int
deliver_once(const struct conf *cfg, struct db *db)
{
	struct deliver *d = deliver_new(cfg, db);
	time_t until = time(NULL) + 600;
	int busy = 1, rc = 0, failures = 0;

	if (d == NULL)
		return 1;
	while (busy && !stopping && time(NULL) < until) {
		struct timespec pause = { 0, 200000000 };

		if (deliver_step(d, 200, &busy) == ST_OK) {
			failures = 0;
			continue;
		}
		/* A deadlock or a lost connection: the claim was rolled
		 * back, so the step can simply run again. */
		log_warn("notify: a delivery step failed");
		if (++failures >= 10 || db_ensure(db) != ST_OK) {
			rc = 1;
			break;
		}
		busy = 1;
		nanosleep(&pause, NULL);
	}
	deliver_drain(d);
	deliver_free(d);
	return rc;
}

int
cmd_notify(const struct conf *cfg, int argc, char **argv)
{
	struct sigaction sa;
	struct deliver *d;
	struct db db;
	time_t last = 0;

	/* --once: one pass of housekeeping, the calendar sweep and the
	 * deliveries due, then exit (for cron-less setups and the tests). */
	if (argc > 0 && strcmp(argv[0], "--once") == 0) {
		int rc;

		db_init(&db, cfg->db_socket, cfg->db_host, cfg->db_port,
		    cfg->db_user, cfg->db_password, cfg->db_name);
		rc = db_ensure(&db) == ST_OK ? 0 : 1;
		if (rc == 0)
			housekeeping(cfg, &db);
		if (rc == 0)
			rc = deliver_once(cfg, &db);
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
	if ((d = deliver_new(cfg, &db)) == NULL) {
		log_err("notify: cannot start the delivery engine");
		db_release(&db);
		return 1;
	}
	log_info("notify: started");
	while (!stopping) {
		struct timespec tick = { 1, 0 };
		int busy = 0;

		if (db_ensure(&db) != ST_OK) {
			nanosleep(&tick, NULL);
			continue;
		}
		if (time(NULL) - last >= 60) {
			housekeeping(cfg, &db);
			last = time(NULL);
		}
		/* Waits in curl while transfers run, else a second. */
		if (deliver_step(d, 1000, &busy) != ST_OK)
			log_warn("notify: a delivery step failed; it runs "
			    "again");
		if (!busy)
			nanosleep(&tick, NULL);
	}
	/* Transfers still running keep their lease: sent again after it. */
	deliver_free(d);
	db_release(&db);
	log_info("notify: stopped");
	return 0;
}
