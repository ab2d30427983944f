/* notify.c: the notify process: delivery of notices and housekeeping. */
#include "config.h"

#include <signal.h>
#include <string.h>
#include <time.h>

#include "alerts.h"
#include "cli.h"
#include "db.h"
#include "casesweep.h"
#include "retention.h"
#include "deliver.h"
#include "i18n.h"
#include "log.h"
#include "mailer.h"
#include "partner.h"
#include "replay.h"

static volatile sig_atomic_t stopping;

static void
on_term(int sig)
{
	(void)sig;
	stopping = 1;
}

/* Alerts about delivery, and which partner secrets are in place (the
 * web pages cannot look; notify can). */
static void
delivery_watch(const struct conf *cfg, struct db *db)
{
	unsigned raised = 0;

	if (partner_secrets_sync(db, cfg->partner_secrets_dir,
	    cfg->partner_inbound_dir) != ST_OK)
		log_warn("notify: cannot record which partner secrets are in "
		    "place");
	if (alerts_sweep(cfg, db, &raised) != ST_OK)
		log_warn("notify: the alert sweep failed; it runs again");
	else if (raised > 0)
		log_info("notify: %u delivery alerts raised", raised);
}

/*
 * Housekeeping: expired sessions, old failed-login records and expired
 * drafts are deleted, so that no table keeps more than its purpose needs;
 * then the calendar sweep and the delivery alerts.
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
	if (db_exec(db, STMT_OIDC_LOGIN_PURGE, NULL, 0, &n, NULL) == ST_OK &&
	    n > 0)
		log_info("notify: forgot %llu logins never finished", n);
	if (retention_bulk(db, STMT_DRAFT_PURGE, NULL, 0, "form_draft",
	    "draft_expired", cfg->draft_keep_days, &n) == ST_OK && n > 0)
		log_info("notify: deleted %llu expired drafts", n);
	if (retention_sweep(cfg, db, &found) != ST_OK)
		log_warn("notify: the retention sweep failed; it runs again");
	else if (found > 0)
		log_info("notify: %u closed logs and concerns deleted by their "
		    "retention", found);
	if (db_exec(db, STMT_RECEIPT_NONCE_PURGE, NULL, 0, &n, NULL) ==
	    ST_OK && n > 0)
		log_info("notify: forgot %llu receipt nonces older than a day",
		    n);
	if (replay_purge(db, &n) == ST_OK && n > 0)
		log_info("notify: forgot %llu request keys older than a day",
		    n);
	if (casesweep_run(db, &found) != ST_OK)
		log_warn("notify: the calendar sweep failed; it runs again");
	else if (found > 0)
		log_info("notify: %u deadlines, evaluations or consents "
		    "ran out",
		    found);
	if (casesweep_expiring(db, cfg->consent_warn_days, &found) != ST_OK)
		log_warn("notify: the consent warnings failed; they run again");
	else if (found > 0)
		log_info("notify: %u consents expire soon", found);
	if (casesweep_reminders(db, cfg->measure_remind_days, &found) !=
	    ST_OK)
		log_warn("notify: the evaluation reminders failed; they run "
		    "again");
	else if (found > 0)
		log_info("notify: %u measures are to be evaluated soon", found);
	delivery_watch(cfg, db);
}

/*
 * notify's statements may run longer than a web request's (the sweeps
 * read whole tables), but a stalled database must not hold it for ever:
 * a minute per statement, the web's lock wait tripled (db_tx runs a
 * transaction again when a lock is given up).
 */
static void
limits(const struct conf *cfg, struct db *db)
{
	db_limits(db, cfg->db_read_timeout_s + 60, 60000,
	    cfg->db_lock_wait_s * 3);
}

/* The two delivery engines of the loop: partners and e-mail. */
struct engines {
	struct deliver	*d;
	struct mailer	*m;	/* NULL: e-mail is off */
	int		 partner_busy, mail_busy;
};

/*
 * One step of both engines. Each waits in curl for its own transfers;
 * while the other has some in flight too, only briefly, so neither's
 * transfers stall behind the other's wait.
 */
static st_rc
step(struct engines *e, int wait_ms, int *busy)
{
	st_rc rc, mrc;

	rc = deliver_step(e->d, e->mail_busy ? 50 : wait_ms,
	    &e->partner_busy);
	mrc = mailer_step(e->m, e->partner_busy ? 50 : wait_ms,
	    &e->mail_busy);
	*busy = e->partner_busy || e->mail_busy;
	return rc != ST_OK ? rc : mrc;
}

/* --once: deliver until nothing is due or in flight (retries scheduled
 * for later wait for a later run), at most ten minutes. */
static int
deliver_once(const struct conf *cfg, struct db *db, struct mailer *m)
{
	struct engines e = { deliver_new(cfg, db), m, 0, 0 };
	time_t until = time(NULL) + 600;
	int busy = 1, rc = 0, failures = 0, waits = 0;

	if (e.d == NULL)
		return 1;
	while (busy && !stopping && time(NULL) < until) {
		struct timespec pause = { 0, 200000000 };

		if (step(&e, 200, &busy) == ST_OK) {
			failures = 0;
			/* E-mails another process held locked while it
			 * claimed them are not "nothing due": look again a
			 * few times before leaving them to it. */
			if (!busy && waits < 25 && mailer_due(m)) {
				busy = 1;
				waits++;
				nanosleep(&pause, NULL);
			}
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
	/* Told to stop: what is in flight has the grace; else the rest of
	 * the run's ten minutes. */
	deliver_drain(e.d, stopping ? cfg->shutdown_grace_s :
	    (unsigned)(until > time(NULL) ? until - time(NULL) : 0) + 1);
	mailer_drain(m, cfg->shutdown_grace_s);
	deliver_free(e.d);
	return rc;
}

/*
 * What notify needs beside the database: the translations (e-mails are
 * in each person's language; what notify writes in logs is in the
 * municipality's) and the e-mail engine, NULL when e-mail is off.
 */
static int
start(const struct conf *cfg, struct db *db, struct mailer **m)
{
	enum lang lang = LANG_NB;
	char err[512];

	if (i18n_init(cfg->locale_dir, err, sizeof(err)) != ST_OK ||
	    mailer_new(cfg, db, m, err, sizeof(err)) != ST_OK) {
		log_err("notify: %s", err);
		i18n_release();
		return -1;
	}
	(void)i18n_parse(cfg->default_lang, &lang);
	i18n_use(lang);
	if (*m == NULL)
		log_info("notify: e-mail is off (no smtp_url): notices to "
		    "people wait");
	return 0;
}

int
cmd_notify(const struct conf *cfg, int argc, char **argv)
{
	struct sigaction sa;
	struct engines e = { NULL, NULL, 0, 0 };
	struct mailer *m = NULL;
	struct db db;
	time_t last = 0;

	/* --once: one pass of housekeeping, the calendar sweep and the
	 * deliveries due, then the alerts, then exit (for cron-less setups
	 * and the tests). */
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_term;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	if (argc > 0 && strcmp(argv[0], "--once") == 0) {
		int rc;

		db_init_conf(&db, cfg);
		db_read_committed(&db);
		limits(cfg, &db);
		if (start(cfg, &db, &m) != 0) {
			db_release(&db);
			return 1;
		}
		rc = db_ensure(&db) == ST_OK ? 0 : 1;
		if (rc == 0)
			housekeeping(cfg, &db);
		if (rc == 0)
			rc = deliver_once(cfg, &db, m);
		/* Again, so what this run delivered or gave up is seen. */
		if (rc == 0)
			delivery_watch(cfg, &db);
		mailer_free(m);
		i18n_release();
		db_release(&db);
		return rc;
	}
	db_init_conf(&db, cfg);
	db_read_committed(&db);
	limits(cfg, &db);
	if (start(cfg, &db, &m) != 0) {
		db_release(&db);
		return 1;
	}
	e.m = m;
	if ((e.d = deliver_new(cfg, &db)) == NULL) {
		log_err("notify: cannot start the delivery engine");
		mailer_free(m);
		i18n_release();
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
		if (step(&e, 1000, &busy) != ST_OK)
			log_warn("notify: a delivery step failed; it runs "
			    "again");
		if (!busy)
			nanosleep(&tick, NULL);
	}
	/*
	 * A stop finishes what is in flight (shutdown_grace_s at most) and
	 * records it; a transfer still running then is recorded as
	 * interrupted and sent again at once by the next notify, with the
	 * same key (deliver_drain). The partner engine first: the mailer's
	 * messages keep their lease, and a message cut off was not taken.
	 */
	log_info("notify: stopping: %u partner transfers in flight",
	    deliver_in_flight(e.d));
	last = time(NULL);
	deliver_drain(e.d, cfg->shutdown_grace_s);
	mailer_drain(m, (unsigned)(time(NULL) - last < cfg->shutdown_grace_s ?
	    cfg->shutdown_grace_s - (time(NULL) - last) : 1));
	deliver_free(e.d);
	mailer_free(m);
	i18n_release();
	db_release(&db);
	log_info("notify: stopped");
	return 0;
}
