/* dbwatch.c: the monitor and what it and the workers saw (dbwatch.h). */
#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <time.h>
#include <unistd.h>

#include "db.h"
#include "dbwatch.h"
#include "log.h"
#include "secure.h"

/* The monitor's time-out for an answer, and how often it writes. */
#define PROBE_TIMEOUT_S	2
#define WRITE_EVERY_MS	5000
/* A worker's refused write counts this long unless one succeeds (on a
 * full disk the monitor's small write may still go through while the
 * users' do not: their failures keep the state, refreshed by each). */
#define WRITE_FAIL_MS	10000
/* Silence from the monitor itself for this long: unknown. */
#define QUIET_MS	(PROBE_TIMEOUT_S * 2000 + 2000)

static volatile sig_atomic_t stopping;

static long long
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static long long
get(const long long *v)
{
	return __atomic_load_n(v, __ATOMIC_RELAXED);
}

static void
set(long long *v, long long t)
{
	__atomic_store_n(v, t, __ATOMIC_RELAXED);
}

enum dbwatch_state
dbwatch_state(const struct metrics *m)
{
	long long t = now_ms(), answer, silent, stall, wok, wfail;

	if (m == NULL)
		return DBW_UNKNOWN;
	answer = get(&m->db_answer_ms);
	silent = get(&m->db_silent_ms);
	stall = get(&m->db_stall_ms);
	if (silent > answer || stall > answer)
		return DBW_DOWN;
	if (t - (answer > silent ? answer : silent) > QUIET_MS)
		return DBW_UNKNOWN;
	if (get(&m->db_probe_fail_ms) > get(&m->db_probe_ok_ms))
		return DBW_CANNOT_WRITE;
	wok = get(&m->db_write_ok_ms);
	wfail = get(&m->db_write_fail_ms);
	if (wfail > wok && t - wfail < WRITE_FAIL_MS)
		return DBW_CANNOT_WRITE;
	return DBW_OK;
}

const char *
dbwatch_says(enum dbwatch_state s)
{
	switch (s) {
	case DBW_OK:
		return NULL;
	case DBW_DOWN:
		return "database not answering\n";
	case DBW_CANNOT_WRITE:
		return "database cannot write\n";
	case DBW_UNKNOWN:
		break;
	}
	return "database not checked yet\n";
}

void
dbwatch_stalled(struct metrics *m)
{
	if (m != NULL)
		set(&m->db_stall_ms, now_ms());
}

void
dbwatch_write(struct metrics *m, int ok)
{
	if (m != NULL)
		set(ok ? &m->db_write_ok_ms : &m->db_write_fail_ms, now_ms());
}

static void
on_term(int sig)
{
	(void)sig;
	stopping = 1;
}

/* One row written and committed, as every change is. */
static st_rc
probe_write(struct db *db, const char *me)
{
	struct db_val p[1];
	st_rc rc;

	p[0] = DV_STR(me);
	if ((rc = db_begin(db)) != ST_OK)
		return rc;
	if ((rc = db_exec(db, STMT_HEALTH_PROBE, p, 1, NULL, NULL)) !=
	    ST_OK) {
		db_rollback(db);
		return rc;
	}
	return db_commit(db);
}

int
dbwatch_run(const struct conf *cfg, struct metrics *m)
{
	struct sigaction sa;
	sigset_t none;
	struct db db;
	char me[80];
	long long last_write = 0;
	pid_t parent = getppid();
	int was_up = -1;

	/* Told apart from the workers in ps and by the tests. */
	(void)prctl(PR_SET_NAME, "stafett-monitor", 0, 0, 0);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_term;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGHUP, SIG_IGN);
	/* The master blocks the signals it waits for; here they come in. */
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	secure_claimant(me, sizeof(me));
	db_init_conf(&db, cfg);
	db_limits(&db, PROBE_TIMEOUT_S, PROBE_TIMEOUT_S * 1000, 1);
	while (!stopping && getppid() == parent) {
		struct timespec tick = { 1, 0 };
		long long t = now_ms();
		int up;
		st_rc rc;

		up = db_ping(&db) == ST_OK;
		set(up ? &m->db_answer_ms : &m->db_silent_ms, now_ms());
		if (up != was_up)
			log_info("monitor: the database %s", up ? "answers" :
			    "does not answer");
		was_up = up;
		if (up && t - last_write >= WRITE_EVERY_MS) {
			last_write = t;
			rc = probe_write(&db, me);
			if (rc == ST_OK)
				set(&m->db_probe_ok_ms, now_ms());
			else if (rc == ST_E_UNAVAILABLE || rc == ST_E_DB ||
			    rc == ST_E_BUSY) {
				log_warn("monitor: the database cannot write "
				    "(%s)", st_rc_str(rc));
				set(&m->db_probe_fail_ms, now_ms());
			}
		}
		nanosleep(&tick, NULL);
	}
	db_release(&db);
	return 0;
}
