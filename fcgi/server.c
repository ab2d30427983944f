/* server.c: the pre-forking FastCGI master (see server.h). */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <fcgiapp.h>
#include <libxslt/xslt.h>
#include <mysql.h>

#include "db.h"
#include "i18n.h"
#include "log.h"
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
	struct slot		*slots;
	pid_t			*retiring;
	size_t			 nretiring;
};

static pid_t
spawn(struct master *m, struct slot *s)
{
	pid_t pid = fork();

	if (pid < 0) {
		log_err("cannot fork a worker: %s", strerror(errno));
		return -1;
	}
	if (pid == 0) {
		struct worker w;
		int rc;

		log_reset_pid();
		memset(&w, 0, sizeof(w));
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
		db_init(&w.db, m->cfg->db_socket, m->cfg->db_host,
		    m->cfg->db_port, m->cfg->db_user, m->cfg->db_password,
		    m->cfg->db_name);
		w.db.metrics = m->metrics;
		rc = worker_run(&w, m->fd);
		db_release(&w.db);
		xfree(w.auth_cache);
		codelists_release(w.codes);
		xfree(w.codes);
		vc_release(w.vc);
		xfree(w.vc);
		/* Free what we inherited so leak checkers see a clean exit. */
		formset_release(&m->forms);
		xslset_release(&m->xsl);
		xfree(m->slots);
		xfree(m->retiring);
		i18n_release();
		xsltCleanupGlobals();
		xmlCleanupParser();
		mysql_library_end();
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
open_socket(const char *path)
{
	struct stat st;
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
	/* The web server connects as the same user or its group. */
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
	int n = (int)m->nretiring;

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
	sigset_t set;
	char err[512];
	int sig, stopping = 0;

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
	if (load_assets(cfg, &m.forms, &m.xsl) != ST_OK)
		return 1;
	if ((m.fd = open_socket(cfg->fcgi_socket)) < 0)
		return 1;
	if ((m.metrics = metrics_create()) == NULL) {
		log_err("cannot map shared memory for the metrics");
		close(m.fd);
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

	fill_slots(&m);
	log_info("serving on '%s' with %u workers", cfg->fcgi_socket,
	    cfg->workers);
	while (!stopping) {
		struct timespec tick = { 1, 0 };

		sig = sigtimedwait(&set, NULL, &tick);
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
	}
	shutdown_workers(&m, &set);
	unlink(cfg->fcgi_socket);
	if (*cfg->pid_file != '\0')
		unlink(cfg->pid_file);
	close(m.fd);
	formset_release(&m.forms);
	xslset_release(&m.xsl);
	metrics_destroy(m.metrics);
	xfree(m.slots);
	xfree(m.retiring);
	log_info("stopped");
	return 0;
}
