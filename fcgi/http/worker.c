/* worker.c: one worker process: accept FastCGI requests and answer them. */
#include "config.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <fcgiapp.h>

#include "log.h"
#include "oidc.h"
#include "req.h"
#include "route.h"
#include "worker.h"

static volatile sig_atomic_t stopping;

static void
on_term(int sig)
{
	(void)sig;
	stopping = 1;
}

static int
fcgi_read(void *ctx, char *buf, int n)
{
	return FCGX_GetStr(buf, n, ((FCGX_Request *)ctx)->in);
}

static size_t
parse_length(const char *s)
{
	size_t v = 0;

	if (s == NULL)
		return 0;
	for (; *s >= '0' && *s <= '9'; s++) {
		if (v > ((size_t)-1) / 10 - 10)
			return (size_t)-1;
		v = v * 10 + (size_t)(*s - '0');
	}
	return *s == '\0' ? v : (size_t)-1;
}

static void
request_id(struct req *r, const char *given)
{
	size_t i, n = given != NULL ? strlen(given) : 0;

	/* nginx's $request_id is 32 hex digits; anything else is replaced. */
	if (n > 0 && n < sizeof(r->id)) {
		for (i = 0; i < n; i++)
			if (!((given[i] >= '0' && given[i] <= '9') ||
			    (given[i] >= 'a' && given[i] <= 'f')))
				break;
		if (i == n) {
			memcpy(r->id, given, n + 1);
			return;
		}
	}
	secure_random_hex(r->id, 33);
}

/*
 * The head is formatted with snprintf: libfcgi's own FCGX_FPrintF has a
 * printf of its own that does not know every conversion.
 */
static void
send_response(struct req *r, FCGX_Request *fr)
{
	FCGX_Stream *out = fr->out;
	char head[512];
	int n;

	n = snprintf(head, sizeof(head), "Status: %d %s\r\n%s%s%s"
	    "Cache-Control: no-store\r\nContent-Language: %s\r\n"
	    "X-Request-Id: %s\r\nContent-Length: %zu\r\n", r->status,
	    http_reason(r->status), r->ctype != NULL ? "Content-Type: " : "",
	    r->ctype != NULL ? r->ctype : "", r->ctype != NULL ? "\r\n" : "",
	    i18n_code(r->lang), r->id, r->out.len);
	if (n < 0 || (size_t)n >= sizeof(head))
		n = snprintf(head, sizeof(head), "Status: 500 %s\r\n",
		    http_reason(500));
	/* Every response may carry personal data: never cached (above). */
	FCGX_PutStr(head, n, out);
	FCGX_PutStr(r->hdrs.data, (int)r->hdrs.len, out);
	FCGX_PutS("\r\n", out);
	if (strcmp(r->method, "HEAD") != 0)
		FCGX_PutStr(r->out.data, (int)r->out.len, out);
}

/*
 * A request's CPU time is bounded (request_cpu_s): a timer on the
 * worker's CPU clock is armed for each request and disarmed after it.
 * Should a request run over, whatever it is doing, the worker stops at
 * once: its transaction was not committed, so nothing of it is saved,
 * nginx answers 502, and the master starts another worker. Work that
 * costs what its input costs never comes near it.
 */
static timer_t cpu_timer;
static int cpu_timer_ok;

static void
on_xcpu(int sig)
{
	static const char msg[] = "stafett: a request ran over its CPU time "
	    "(request_cpu_s); this worker stops\n";

	(void)sig;
	if (write(STDERR_FILENO, msg, sizeof(msg) - 1) < 0)
		_exit(70);
	_exit(70);
}

static void
cpu_timer_init(void)
{
	struct sigevent sev;
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_xcpu;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGXCPU, &sa, NULL);
	memset(&sev, 0, sizeof(sev));
	sev.sigev_notify = SIGEV_SIGNAL;
	sev.sigev_signo = SIGXCPU;
	cpu_timer_ok = timer_create(CLOCK_PROCESS_CPUTIME_ID, &sev,
	    &cpu_timer) == 0;
	if (!cpu_timer_ok)
		log_warn("no CPU timer (%s): requests' CPU is not bounded",
		    strerror(errno));
}

static void
cpu_timer_arm(unsigned seconds)
{
	struct itimerspec its;

	if (!cpu_timer_ok)
		return;
	memset(&its, 0, sizeof(its));
	its.it_value.tv_sec = seconds;	/* 0 disarms */
	timer_settime(cpu_timer, 0, &its, NULL);
}

static void
handle(struct worker *w, FCGX_Request *fr)
{
	struct req r;
	struct timespec end;
	const char *https, *m;
	unsigned long long us;
	unsigned long before = w->db.reconnects;

	req_init(&r, w);
	clock_gettime(CLOCK_MONOTONIC, &r.start);
	m = FCGX_GetParam("REQUEST_METHOD", fr->envp);
	r.method = m != NULL ? m : "GET";
	r.path = FCGX_GetParam("DOCUMENT_URI", fr->envp);
	if (r.path == NULL)
		r.path = "/";
	r.query = FCGX_GetParam("QUERY_STRING", fr->envp);
	if (r.query == NULL)
		r.query = "";
	r.content_type = FCGX_GetParam("CONTENT_TYPE", fr->envp);
	r.content_length = parse_length(FCGX_GetParam("CONTENT_LENGTH",
	    fr->envp));
	r.cookie_header = FCGX_GetParam("HTTP_COOKIE", fr->envp);
	r.authorization = FCGX_GetParam("HTTP_AUTHORIZATION", fr->envp);
	r.signature = FCGX_GetParam("HTTP_X_STAFETT_SIGNATURE", fr->envp);
	r.accept_language = FCGX_GetParam("HTTP_ACCEPT_LANGUAGE", fr->envp);
	r.remote_addr = FCGX_GetParam("REMOTE_ADDR", fr->envp);
	r.idem_header = FCGX_GetParam("HTTP_IDEMPOTENCY_KEY", fr->envp);
	https = FCGX_GetParam("HTTPS", fr->envp);
	r.https = https != NULL && strcmp(https, "on") == 0;
	r.reader = fcgi_read;
	r.reader_ctx = fr;
	request_id(&r, FCGX_GetParam("REQUEST_ID", fr->envp));

	cpu_timer_arm(w->cfg->request_cpu_s);
	dispatch(&r);
	send_response(&r, fr);
	cpu_timer_arm(0);

	clock_gettime(CLOCK_MONOTONIC, &end);
	us = (unsigned long long)(end.tv_sec - r.start.tv_sec) * 1000000ULL +
	    (unsigned long long)((end.tv_nsec - r.start.tv_nsec) / 1000);
	/* The access log: ids, route pattern and numbers, no personal data. */
	log_info("access rid=%s method=%s route=\"%s\" status=%d ms=%.3f",
	    r.id, r.method, r.route != NULL ? r.route->pattern : "-",
	    r.status, (double)us / 1000.0);
	metrics_observe(w->metrics, r.route_index, r.status, us);
	if (w->db.reconnects != before && w->metrics != NULL)
		metrics_add(&w->metrics->db_reconnects,
		    w->db.reconnects - before);
	w->served++;
	req_release(&r);
}

/*
 * Told to stop: answer the connections already queued on the socket
 * first (they were accepted by the kernel; closing the socket would
 * reset them), until none is waiting, for at most shutdown_grace_s. The
 * master has removed the socket's name first, so no new ones come.
 *
 * Not when the master died (the kernel's SIGTERM, server.c): the name
 * is still there and connections would keep coming while this worker
 * keeps the lock a new set needs. Then it leaves after its request.
 */
static void
drain(struct worker *w, FCGX_Request *fr, int listen_fd)
{
	time_t until = time(NULL) + (time_t)w->cfg->shutdown_grace_s;
	unsigned n = 0;

	if (w->master != 0 && getppid() != w->master) {
		log_warn("the master is gone: stopping without answering "
		    "what waits on the socket");
		return;
	}
	while (time(NULL) < until) {
		struct pollfd pfd = { listen_fd, POLLIN, 0 };
		int r;

		if (poll(&pfd, 1, 0) <= 0)
			break;
		if ((r = FCGX_Accept_r(fr)) < 0) {
			if (r == -EAGAIN || r == -EWOULDBLOCK || r == -EINTR)
				continue;	/* another worker took it */
			break;
		}
		handle(w, fr);
		FCGX_Finish_r(fr);
		n++;
	}
	if (n > 0)
		log_info("answered %u queued requests before stopping", n);
}

int
worker_run(struct worker *w, int listen_fd)
{
	FCGX_Request fr;
	struct sigaction sa;
	sigset_t term, waiting;
	unsigned long before;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_term;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGHUP, SIG_IGN);
	signal(SIGPIPE, SIG_IGN);
	cpu_timer_init();
	/*
	 * SIGTERM and SIGINT stay blocked while a request is handled and are
	 * let in only while waiting for the next one, atomically (ppoll), so
	 * a stop request can neither cut a request short nor slip in between
	 * the check and the wait and leave the worker serving one more.
	 */
	sigemptyset(&term);
	sigaddset(&term, SIGTERM);
	sigaddset(&term, SIGINT);
	sigprocmask(SIG_SETMASK, &term, NULL);
	sigemptyset(&waiting);
	if (FCGX_Init() != 0) {
		log_err("cannot initialise fastcgi");
		return 1;
	}
	if (FCGX_InitRequest(&fr, listen_fd, FCGI_FAIL_ACCEPT_ON_INTR) != 0) {
		log_err("cannot initialise fastcgi request");
		return 1;
	}
	before = w->db.reconnects;
	if (db_ensure(&w->db) != ST_OK)
		log_warn("database not reachable yet; requests get 503 until "
		    "it is");
	if (w->metrics != NULL && w->db.reconnects != before)
		metrics_add(&w->metrics->db_reconnects, 1);
	while (!stopping) {
		struct pollfd pfd = { listen_fd, POLLIN, 0 };
		int r;

		sigset_t pending;

		if (ppoll(&pfd, 1, NULL, &waiting) < 0) {
			if (errno == EINTR)
				continue;
			log_err("waiting for requests failed: %s",
			    strerror(errno));
			break;
		}
		/* A connection was waiting, so ppoll returned without
		 * delivering a stop that came during the last request (it
		 * stays pending): look, or a worker under steady load would
		 * never stop. */
		if (sigpending(&pending) == 0 && (sigismember(&pending,
		    SIGTERM) || sigismember(&pending, SIGINT)))
			break;
		/* The socket is non-blocking: another worker may have taken
		 * the connection, and then accept says so at once. */
		if ((r = FCGX_Accept_r(&fr)) < 0) {
			if (r == -EAGAIN || r == -EWOULDBLOCK || r == -EINTR)
				continue;
			log_err("fastcgi accept failed: %s", strerror(-r));
			break;
		}
		handle(w, &fr);
		FCGX_Finish_r(&fr);
	}
	drain(w, &fr, listen_fd);
	FCGX_Finish_r(&fr);
	FCGX_Free(&fr, 0);
	oidc_forget();
	return 0;
}
