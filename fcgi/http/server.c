/* server.c: the pre-forking FastCGI master (see server.h). */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <poll.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <fcgiapp.h>
#include <libxslt/xslt.h>
#include <mysql.h>

#include "db.h"
#include "dbwatch.h"
#include "fault.h"
#include "i18n.h"
#include "log.h"
#include "oidc.h"
#include "mem.h"
#include "server.h"
#include "worker.h"

struct slot {
	pid_t	pid;
	time_t	started;
	time_t	respawn_at;	/* 0: running or due now */
};

struct master {
	const struct conf	*cfg;
	struct formset		 forms;
	struct xslset		 xsl;
	unsigned char		 key[SECURE_KEY_LEN];
	struct metrics		*metrics;
	int			 fd;
	int			 health_fd;	/* /healthz, answered here */
	int			 lock_fd;
	struct slot		*slots;
	struct slot		 monitor;
	pid_t			*retiring;
	size_t			 nretiring;
};

/*
 * In a child just forked: die with the master. A master killed outright
 * (SIGKILL, a crash) cannot stop its workers, and workers left behind
 * would keep the socket and serve old forms and stylesheets beside a new
 * set; so the kernel tells each child when its parent dies (SIGTERM: it
 * finishes its request and leaves), and a master that died before the
 * child could ask is noticed at once.
 */
static void
die_with(pid_t master)
{
	if (prctl(PR_SET_PDEATHSIG, SIGTERM) != 0)
		log_warn("cannot ask to die with the master: %s",
		    strerror(errno));
	if (getppid() != master)
		_exit(0);
}

/* Free in a child what it inherited, so leak checkers see a clean exit. */
static void
child_release(struct master *m)
{
	formset_release(&m->forms);
	xslset_release(&m->xsl);
	xfree(m->slots);
	xfree(m->retiring);
	i18n_release();
	xsltCleanupGlobals();
	xmlCleanupParser();
	mysql_library_end();
}

static pid_t
spawn_monitor(struct master *m)
{
	pid_t master = getpid(), pid = fork();

	if (pid < 0) {
		log_err("cannot fork the monitor: %s", strerror(errno));
		return -1;
	}
	if (pid == 0) {
		int rc;

		log_reset_pid();
		die_with(master);
		close(m->fd);
		close(m->health_fd);
		rc = dbwatch_run(m->cfg, m->metrics);
		/* No longer part of a serving set (take_lock). */
		close(m->lock_fd);
		child_release(m);
		exit(rc);
	}
	m->monitor.pid = pid;
	m->monitor.started = time(NULL);
	m->monitor.respawn_at = 0;
	return pid;
}

static pid_t
spawn(struct master *m, struct slot *s)
{
	pid_t master = getpid(), pid = fork();

	if (pid < 0) {
		log_err("cannot fork a worker: %s", strerror(errno));
		return -1;
	}
	if (pid == 0) {
		struct worker w;
		int rc;

		log_reset_pid();
		die_with(master);
		close(m->health_fd);
		memset(&w, 0, sizeof(w));
		w.master = master;
		w.cfg = m->cfg;
		w.forms = &m->forms;
		w.xsl = &m->xsl;
		w.key = m->key;
		w.metrics = m->metrics;
		w.auth_cache = xcalloc(1, sizeof(*w.auth_cache));
		w.codes = xcalloc(1, sizeof(*w.codes));
		w.vc = xcalloc(1, sizeof(*w.vc));
		vc_init(w.vc, (size_t)m->cfg->view_cache_kb * 1024,
		    m->cfg->view_cache_verify != 0);
		w.env.fill = codelists_fill;
		w.env.ctx = &w;
		db_init_conf(&w.db, m->cfg);
		db_limits(&w.db, m->cfg->db_read_timeout_s,
		    m->cfg->db_statement_ms, m->cfg->db_lock_wait_s);
		w.db.metrics = m->metrics;
		rc = worker_run(&w, m->fd);
		/* Done serving: a new set may start while this one's leak
		 * check and clean-up run (take_lock). */
		close(m->fd);
		close(m->lock_fd);
		db_release(&w.db);
		xfree(w.auth_cache);
		codelists_release(w.codes);
		xfree(w.codes);
		vc_release(w.vc);
		xfree(w.vc);
		child_release(m);
		/* exit, not _exit: leak checkers report at exit. */
		exit(rc);
	}
	s->pid = pid;
	s->started = time(NULL);
	s->respawn_at = 0;
	return pid;
}

static st_rc
load_assets(const struct conf *cfg, struct formset *forms,
    struct xslset *xsl)
{
	char err[512];

	if (formset_load(forms, cfg->forms_dir, err, sizeof(err)) != ST_OK) {
		log_err("%s", err);
		return ST_E_CONFIG;
	}
	if (xslset_load(xsl, cfg->xsl_dir, err, sizeof(err)) != ST_OK) {
		log_err("%s", err);
		formset_release(forms);
		return ST_E_CONFIG;
	}
	log_info("loaded %zu form definitions and %zu stylesheets", forms->n,
	    xsl->n);
	return ST_OK;
}

static int
open_socket(const char *path, const char *group)
{
	struct stat st;
	struct group *gr;
	int fd;

	if (lstat(path, &st) == 0) {
		if (!S_ISSOCK(st.st_mode)) {
			log_err("'%s' exists and is not a socket", path);
			return -1;
		}
		unlink(path);
	}
	fd = FCGX_OpenSocket(path, 256);
	if (fd < 0) {
		log_err("cannot listen on '%s'", path);
		return -1;
	}
	/* Workers wait with ppoll and then accept; whoever loses the race
	 * for a connection must not block in accept (worker.c). */
	if (fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) != 0) {
		log_err("cannot make '%s' non-blocking", path);
		close(fd);
		return -1;
	}
	/* The web server connects as the same user or by the group: in
	 * production serve's user is a member of the web server's group
	 * (www-data), which is given the socket and nothing else of
	 * stafett's, rather than the web server being given stafett's group
	 * and with it the secrets. */
	if (group[0] != '\0') {
		if ((gr = getgrnam(group)) == NULL) {
			log_err("fcgi_socket_group '%s' is not a group", group);
			close(fd);
			return -1;
		}
		if (chown(path, (uid_t)-1, gr->gr_gid) != 0) {
			log_err("cannot give '%s' to group '%s': %s", path,
			    group, strerror(errno));
			close(fd);
			return -1;
		}
	}
	if (chmod(path, 0660) != 0)
		log_warn("cannot set mode of '%s': %s", path, strerror(errno));
	return fd;
}

static int
slot_of(struct master *m, pid_t pid)
{
	unsigned i;

	for (i = 0; i < m->cfg->workers; i++)
		if (m->slots[i].pid == pid)
			return (int)i;
	return -1;
}

static int
retired(struct master *m, pid_t pid)
{
	size_t i;

	for (i = 0; i < m->nretiring; i++)
		if (m->retiring[i] == pid) {
			m->retiring[i] = m->retiring[--m->nretiring];
			return 1;
		}
	return 0;
}

static void
reap(struct master *m, int stopping)
{
	pid_t pid;
	int status, i;

	while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
		if (retired(m, pid))
			continue;
		if (pid == m->monitor.pid) {
			m->monitor.pid = 0;
			if (!stopping) {
				log_warn("the monitor %ld ended; replacing it",
				    (long)pid);
				m->monitor.respawn_at = time(NULL) + 1;
			}
			continue;
		}
		if ((i = slot_of(m, pid)) < 0)
			continue;
		m->slots[i].pid = 0;
		if (stopping)
			continue;
		if (WIFSIGNALED(status))
			log_warn("worker %ld killed by signal %d; replacing it",
			    (long)pid, WTERMSIG(status));
		else
			log_warn("worker %ld exited with status %d; replacing "
			    "it", (long)pid, WEXITSTATUS(status));
		metrics_add(&m->metrics->worker_restarts, 1);
		/* A worker that dies at once would die again: pause. */
		m->slots[i].respawn_at = time(NULL) - m->slots[i].started < 1 ?
		    time(NULL) + 1 : 0;
	}
}

static void
fill_slots(struct master *m)
{
	unsigned i;
	time_t now = time(NULL);

	for (i = 0; i < m->cfg->workers; i++)
		if (m->slots[i].pid == 0 && m->slots[i].respawn_at <= now)
			(void)spawn(m, &m->slots[i]);
	if (m->monitor.pid == 0 && m->monitor.respawn_at <= now)
		(void)spawn_monitor(m);
}

static void
reload(struct master *m)
{
	struct formset forms;
	struct xslset xsl;
	unsigned i;

	log_info("reloading form definitions and stylesheets");
	if (load_assets(m->cfg, &forms, &xsl) != ST_OK) {
		log_err("reload refused: the definitions in service stay");
		return;
	}
	formset_release(&m->forms);
	xslset_release(&m->xsl);
	m->forms = forms;
	m->xsl = xsl;
	/* Replace workers one by one: each old one finishes its request. */
	for (i = 0; i < m->cfg->workers; i++) {
		if (m->slots[i].pid > 0) {
			m->retiring = xrealloc(m->retiring,
			    (m->nretiring + 1) * sizeof(pid_t));
			m->retiring[m->nretiring++] = m->slots[i].pid;
			kill(m->slots[i].pid, SIGTERM);
		}
		(void)spawn(m, &m->slots[i]);
	}
}

static int
alive(struct master *m)
{
	unsigned i;
	int n = (int)m->nretiring + (m->monitor.pid > 0);

	for (i = 0; i < m->cfg->workers; i++)
		if (m->slots[i].pid > 0)
			n++;
	return n;
}

static void
signal_all(struct master *m, int sig)
{
	unsigned i;
	size_t j;

	for (i = 0; i < m->cfg->workers; i++)
		if (m->slots[i].pid > 0)
			kill(m->slots[i].pid, sig);
	for (j = 0; j < m->nretiring; j++)
		kill(m->retiring[j], sig);
	if (m->monitor.pid > 0)
		kill(m->monitor.pid, sig);
}

static void
shutdown_workers(struct master *m, sigset_t *set)
{
	time_t deadline = time(NULL) + (time_t)m->cfg->shutdown_grace_s;
	struct timespec tick = { 0, 200 * 1000 * 1000 };

	log_info("stopping: waiting for %d workers to finish", alive(m));
	signal_all(m, SIGTERM);
	while (alive(m) > 0) {
		pid_t pid;
		int status;

		(void)sigtimedwait(set, NULL, &tick);
		while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
			int i = slot_of(m, pid);

			if (i >= 0)
				m->slots[i].pid = 0;
			else if (pid == m->monitor.pid)
				m->monitor.pid = 0;
			else
				(void)retired(m, pid);
		}
		if (time(NULL) >= deadline) {
			log_warn("workers still busy after %u s: killing them",
			    m->cfg->shutdown_grace_s);
			signal_all(m, SIGKILL);
			deadline = time(NULL) + 5;
		} else
			/* A worker between requests may have missed the
			 * first signal just before blocking in accept(). */
			signal_all(m, SIGTERM);
	}
}

/*
 * One set of workers per socket: the master takes a lock on
 * "<socket>.lock" and every child inherits it (a lock belongs to the
 * open file, shared across fork), so it is held while any process of
 * the set lives, the master or a worker it left. A second start is
 * refused while it is held, instead of serving beside the first.
 */
static int
take_lock(const char *socket)
{
	char path[1024];
	int fd, tries;

	snprintf(path, sizeof(path), "%s.lock", socket);
	if ((fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600)) < 0) {
		log_err("cannot open '%s': %s", path, strerror(errno));
		return -1;
	}
	/* A set that is leaving (a restart) gets three seconds. */
	for (tries = 0; tries < 30 && flock(fd, LOCK_EX | LOCK_NB) != 0;
	    tries++) {
		struct timespec pause = { 0, 100 * 1000 * 1000 };

		nanosleep(&pause, NULL);
	}
	if (tries == 30) {
		log_err("another stafett serve, or workers one left behind, "
		    "still holds '%s': stop it first (its process group, "
		    "e.g. scripts/stop)", path);
		close(fd);
		return -1;
	}
	return fd;
}

/*
 * /healthz, answered by the master from what the monitor and the
 * workers saw (dbwatch.h), on a socket of its own: a health check must
 * be answered at once even when every worker waits for a stalled
 * database, and the master never waits for the database. nginx sends
 * the request whole as it connects, so reading it does not hold the
 * master up.
 */
static void
answer_health(struct master *m, FCGX_Request *hr)
{
	const char *why;
	char head[256];
	int n, workers = 0;
	unsigned i;

	if (FCGX_Accept_r(hr) < 0)
		return;		/* nobody, or gone already */
	for (i = 0; i < m->cfg->workers; i++)
		if (m->slots[i].pid > 0)
			workers++;
	why = dbwatch_says(dbwatch_state(m->metrics));
	if (why == NULL && workers == 0)
		why = "no workers\n";
	n = snprintf(head, sizeof(head), "Status: %s\r\nContent-Type: "
	    "text/plain; charset=utf-8\r\nCache-Control: no-store\r\n%s\r\n",
	    why == NULL ? "200 OK" : "503 Service Unavailable",
	    why == NULL ? "" : "Retry-After: 2\r\n");
	FCGX_PutStr(head, n, hr->out);
	FCGX_PutS(why == NULL ? "ok\n" : why, hr->out);
	FCGX_Finish_r(hr);
}

/* The path of the health socket: the FastCGI socket's, ".health" added. */
static void
health_path(const struct conf *cfg, char *out, size_t n)
{
	snprintf(out, n, "%s.health", cfg->fcgi_socket);
}

static void
write_pid(const char *path)
{
	FILE *fp;

	if (*path == '\0')
		return;
	if ((fp = fopen(path, "w")) == NULL) {
		log_warn("cannot write pid file '%s'", path);
		return;
	}
	fprintf(fp, "%ld\n", (long)getpid());
	fclose(fp);
}

int
server_run(const struct conf *cfg)
{
	struct master m;
	FCGX_Request hr;
	sigset_t set;
	char err[512], hpath[1024];
	int sig, sigfd, stopping = 0;

	memset(&m, 0, sizeof(m));
	m.cfg = cfg;
	if (secure_load_key(cfg->secret_file, m.key, err, sizeof(err)) !=
	    ST_OK) {
		log_err("%s", err);
		return 1;
	}
	if (i18n_init(cfg->locale_dir, err, sizeof(err)) != ST_OK) {
		log_err("%s", err);
		return 1;
	}
	i18n_register_xslt();
	if (oidc_conf_check(cfg, err, sizeof(err)) != ST_OK) {
		log_err("%s", err);
		return 1;
	}
	if (load_assets(cfg, &m.forms, &m.xsl) != ST_OK)
		return 1;
	if ((m.lock_fd = take_lock(cfg->fcgi_socket)) < 0) {
		formset_release(&m.forms);
		xslset_release(&m.xsl);
		return 1;
	}
	health_path(cfg, hpath, sizeof(hpath));
	if ((m.fd = open_socket(cfg->fcgi_socket,
	    cfg->fcgi_socket_group)) < 0 ||
	    (m.health_fd = open_socket(hpath, cfg->fcgi_socket_group)) < 0)
		return 1;
	if ((m.metrics = metrics_create()) == NULL) {
		log_err("cannot map shared memory for the metrics");
		close(m.fd);
		close(m.health_fd);
		return 1;
	}
	m.metrics->workers = cfg->workers;
	m.slots = xcalloc(cfg->workers, sizeof(*m.slots));
	write_pid(cfg->pid_file);

	sigemptyset(&set);
	sigaddset(&set, SIGCHLD);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGHUP);
	sigprocmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);
	if ((sigfd = signalfd(-1, &set, SFD_CLOEXEC | SFD_NONBLOCK)) < 0 ||
	    FCGX_Init() != 0 || FCGX_InitRequest(&hr, m.health_fd, 0) != 0) {
		log_err("cannot wait for signals and health checks");
		return 1;
	}

	fill_slots(&m);
	log_info("serving on '%s' with %u workers", cfg->fcgi_socket,
	    cfg->workers);
	while (!stopping) {
		struct pollfd pfd[2] = { { sigfd, POLLIN, 0 },
		    { m.health_fd, POLLIN, 0 } };
		struct signalfd_siginfo si;

		sig = 0;
		/* A second's tick: time to respawn paused slots. */
		if (poll(pfd, 2, 1000) > 0) {
			if (pfd[1].revents & POLLIN)
				answer_health(&m, &hr);
			if ((pfd[0].revents & POLLIN) && read(sigfd, &si,
			    sizeof(si)) == (ssize_t)sizeof(si))
				sig = (int)si.ssi_signo;
		}
		switch (sig) {
		case SIGCHLD:
			break;
		case SIGTERM:
		case SIGINT:
			stopping = 1;
			continue;
		case SIGHUP:
			reload(&m);
			break;
		default:
			break;	/* timeout: time to respawn paused slots */
		}
		reap(&m, 0);
		fill_slots(&m);
		FAULT("serve_master");
	}
	/*
	 * Stop: first the socket's name goes, so nginx connects no more,
	 * then the workers answer every connection already queued on it
	 * before they leave (worker.c): none is reset.
	 */
	unlink(cfg->fcgi_socket);
	unlink(hpath);
	close(sigfd);
	shutdown_workers(&m, &set);
	if (*cfg->pid_file != '\0')
		unlink(cfg->pid_file);
	close(m.fd);
	close(m.health_fd);
	FCGX_Free(&hr, 0);
	close(m.lock_fd);
	formset_release(&m.forms);
	xslset_release(&m.xsl);
	metrics_destroy(m.metrics);
	xfree(m.slots);
	xfree(m.retiring);
	log_info("stopped");
	return 0;
}
