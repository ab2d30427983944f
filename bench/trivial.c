/* trivial.c: the benchmark's baselines: the least a FastCGI responder can
 * do behind nginx, with and without the durable write of a submission.
 *
 *   trivial SOCKET WORKERS plain
 *	read the body, answer 201                                  (a)
 *   trivial SOCKET WORKERS full DB_SOCKET USER PASSWORD DATABASE
 *	read the body and write exactly the rows stafett writes for a
 *	concern, in one transaction with the same prepared statements:
 *	the child (looked up by identity-number HMAC), the ~2 KB instance
 *	row, the concern, the outbox row and the audit row; commit;
 *	answer 201                                                 (b)
 *   trivial SOCKET WORKERS min DB_SOCKET USER PASSWORD DATABASE
 *	only the instance row and the outbox row, in one transaction
 *	(the smallest durable write a submission can be)          (b-min)
 *
 * Pre-forked workers on one unix socket, like stafett serve, one DB
 * connection each. No parsing, no validation, no templates, no
 * authentication: the floor under what stafett does.
 */
#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fcgiapp.h>
#include <mysql.h>
#include <sodium.h>

#define MAXP 10
#define MAXW 256

struct dbw {
	MYSQL		*my;
	int		 full;
	MYSQL_STMT	*begin, *commit, *child, *sub, *concern, *out, *audit;
	MYSQL_STMT	*min_sub, *min_out;
	long long	 user, unit;
	unsigned char	 nin_hmac[32];
};

struct params {
	MYSQL_BIND	b[MAXP];
	unsigned long	len[MAXP];
	long long	num[MAXP];
	int		n;
};

static MYSQL_STMT *
prep(MYSQL *my, const char *sql)
{
	MYSQL_STMT *st = mysql_stmt_init(my);

	if (st == NULL || mysql_stmt_prepare(st, sql, strlen(sql)) != 0) {
		fprintf(stderr, "trivial: prepare: %s\n", mysql_error(my));
		exit(1);
	}
	return st;
}

static void
p_str(struct params *p, const void *s, size_t len, enum enum_field_types t)
{
	MYSQL_BIND *b = &p->b[p->n];

	memset(b, 0, sizeof(*b));
	p->len[p->n] = (unsigned long)len;
	b->buffer_type = t;
	b->buffer = (void *)s;
	b->buffer_length = p->len[p->n];
	b->length = &p->len[p->n];
	p->n++;
}

static void
p_int(struct params *p, long long v)
{
	MYSQL_BIND *b = &p->b[p->n];

	memset(b, 0, sizeof(*b));
	p->num[p->n] = v;
	b->buffer_type = MYSQL_TYPE_LONGLONG;
	b->buffer = &p->num[p->n];
	p->n++;
}

static void
p_null(struct params *p)
{
	MYSQL_BIND *b = &p->b[p->n];

	memset(b, 0, sizeof(*b));
	b->buffer_type = MYSQL_TYPE_NULL;
	p->n++;
}

static int
run(MYSQL_STMT *st, struct params *p)
{
	if (p != NULL && p->n > 0 && mysql_stmt_bind_param(st, p->b) != 0)
		return -1;
	return mysql_stmt_execute(st);
}

static void
db_open(struct dbw *d, char **argv)
{
	MYSQL_STMT *who;
	MYSQL_BIND r[2];

	d->my = mysql_init(NULL);
	mysql_options(d->my, MYSQL_SET_CHARSET_NAME, "utf8mb4");
	mysql_options(d->my, MYSQL_INIT_COMMAND, "SET time_zone = '+00:00'");
	if (mysql_real_connect(d->my, "localhost", argv[1], argv[2], argv[3],
	    0, argv[0], 0) == NULL) {
		fprintf(stderr, "trivial: connect: %s\n", mysql_error(d->my));
		exit(1);
	}
	d->begin = prep(d->my, "START TRANSACTION");
	d->commit = prep(d->my, "COMMIT");
	/* The same statements as stafett's stmt.c. */
	d->child = prep(d->my, "SELECT id FROM child WHERE nin_hmac = ?");
	d->sub = prep(d->my, "INSERT INTO form_submission (public_id, "
	    "form_id, form_version, instance, author_id) VALUES (?, ?, ?, ?, ?)");
	d->concern = prep(d->my, "INSERT INTO concern (public_id, reference, "
	    "unit_id, author_id, child_id, submission_id, anonymous, urgent, "
	    "deadline) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
	d->out = prep(d->my, "INSERT INTO outbox (public_id, kind, unit_id, "
	    "concern_id, idempotency_key, payload) VALUES (?, ?, ?, ?, ?, ?)");
	d->audit = prep(d->my, "INSERT INTO audit (user_id, role, action, "
	    "object_type, object_id, child_id, request_id) VALUES (?, ?, ?, ?, "
	    "?, ?, ?)");
	d->min_sub = prep(d->my, "INSERT INTO bench_submission (public_id, "
	    "form_id, form_version, instance, author_id) VALUES (?, 'concern', "
	    "1, ?, 1)");
	d->min_out = prep(d->my, "INSERT INTO bench_outbox (public_id, kind, "
	    "submission_id, idempotency_key) VALUES (?, 'concern.new', ?, ?)");
	/* The bench writes as 'leder' so its rows are not counted as the
	 * application's own submissions. */
	who = prep(d->my, "SELECT id, unit_id FROM app_user WHERE "
	    "username = 'leder'");
	memset(r, 0, sizeof(r));
	r[0].buffer_type = r[1].buffer_type = MYSQL_TYPE_LONGLONG;
	r[0].buffer = &d->user;
	r[1].buffer = &d->unit;
	if (mysql_stmt_execute(who) != 0 || mysql_stmt_bind_result(who, r) ||
	    mysql_stmt_fetch(who) != 0) {
		fprintf(stderr, "trivial: no user 'leder'\n");
		exit(1);
	}
	mysql_stmt_close(who);
	randombytes_buf(d->nin_hmac, sizeof(d->nin_hmac));
}

static void
random_id(char *out, size_t size, size_t nbytes)
{
	unsigned char raw[32];

	randombytes_buf(raw, nbytes);
	sodium_bin2base64(out, size, raw, nbytes,
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

static int
store_min(struct dbw *d, const char *body, size_t len)
{
	char pid[23], opid[23], key[44];
	struct params p;
	unsigned long long sub;

	random_id(pid, sizeof(pid), 16);
	random_id(opid, sizeof(opid), 16);
	random_id(key, sizeof(key), 32);
	if (run(d->begin, NULL) != 0)
		return -1;
	p.n = 0;
	p_str(&p, pid, strlen(pid), MYSQL_TYPE_STRING);
	p_str(&p, body, len, MYSQL_TYPE_STRING);
	if (run(d->min_sub, &p) != 0)
		return -1;
	sub = mysql_stmt_insert_id(d->min_sub);
	p.n = 0;
	p_str(&p, opid, strlen(opid), MYSQL_TYPE_STRING);
	p_int(&p, (long long)sub);
	p_str(&p, key, strlen(key), MYSQL_TYPE_STRING);
	if (run(d->min_out, &p) != 0 || run(d->commit, NULL) != 0)
		return -1;
	return 0;
}

static int
store_full(struct dbw *d, const char *body, size_t len)
{
	char pid[23], cpid[23], opid[23], key[44], ref[10], rid[33];
	struct params p;
	MYSQL_BIND r[1];
	long long child = 0;
	unsigned long long sub, concern;

	random_id(pid, sizeof(pid), 16);
	random_id(cpid, sizeof(cpid), 16);
	random_id(opid, sizeof(opid), 16);
	random_id(key, sizeof(key), 32);
	random_id(ref, sizeof(ref), 6);
	ref[4] = '-';
	ref[9] = '\0';
	random_id(rid, sizeof(rid), 24);
	if (run(d->begin, NULL) != 0)
		return -1;
	p.n = 0;
	p_str(&p, d->nin_hmac, sizeof(d->nin_hmac), MYSQL_TYPE_BLOB);
	if (run(d->child, &p) != 0)
		return -1;
	memset(r, 0, sizeof(r));
	r[0].buffer_type = MYSQL_TYPE_LONGLONG;
	r[0].buffer = &child;
	mysql_stmt_store_result(d->child);
	if (mysql_stmt_bind_result(d->child, r) == 0)
		(void)mysql_stmt_fetch(d->child);
	mysql_stmt_free_result(d->child);
	p.n = 0;
	p_str(&p, pid, strlen(pid), MYSQL_TYPE_STRING);
	p_str(&p, "concern", 7, MYSQL_TYPE_STRING);
	p_int(&p, 1);
	p_str(&p, body, len, MYSQL_TYPE_STRING);
	p_int(&p, d->user);
	if (run(d->sub, &p) != 0)
		return -1;
	sub = mysql_stmt_insert_id(d->sub);
	p.n = 0;
	p_str(&p, cpid, strlen(cpid), MYSQL_TYPE_STRING);
	p_str(&p, ref, strlen(ref), MYSQL_TYPE_STRING);
	p_int(&p, d->unit);
	p_int(&p, d->user);
	p_null(&p);
	p_int(&p, (long long)sub);
	p_int(&p, 0);
	p_int(&p, 0);
	p_str(&p, "2030-01-01", 10, MYSQL_TYPE_STRING);
	if (run(d->concern, &p) != 0)
		return -1;
	concern = mysql_stmt_insert_id(d->concern);
	p.n = 0;
	p_str(&p, opid, strlen(opid), MYSQL_TYPE_STRING);
	p_str(&p, "concern.new", 11, MYSQL_TYPE_STRING);
	p_int(&p, d->unit);
	p_int(&p, (long long)concern);
	p_str(&p, key, strlen(key), MYSQL_TYPE_STRING);
	p_null(&p);
	if (run(d->out, &p) != 0)
		return -1;
	p.n = 0;
	p_int(&p, d->user);
	p_str(&p, "leader", 6, MYSQL_TYPE_STRING);
	p_str(&p, "create", 6, MYSQL_TYPE_STRING);
	p_str(&p, "concern", 7, MYSQL_TYPE_STRING);
	p_int(&p, (long long)concern);
	if (child != 0)
		p_int(&p, child);
	else
		p_null(&p);
	p_str(&p, rid, strlen(rid), MYSQL_TYPE_STRING);
	if (run(d->audit, &p) != 0 || run(d->commit, NULL) != 0)
		return -1;
	return 0;
}

static void
serve(int fd, int mode, char **dbargs)
{
	static char body[1 << 20];
	FCGX_Request r;
	struct dbw d;

	memset(&d, 0, sizeof(d));
	if (mode != 0)
		db_open(&d, dbargs);
	FCGX_Init();
	FCGX_InitRequest(&r, fd, 0);
	while (FCGX_Accept_r(&r) >= 0) {
		const char *cl = FCGX_GetParam("CONTENT_LENGTH", r.envp);
		long want = cl != NULL ? strtol(cl, NULL, 10) : 0;
		int got = 0, n, rc = 0;

		while (got < want && got < (int)sizeof(body) &&
		    (n = FCGX_GetStr(body + got, (int)sizeof(body) - got,
		    r.in)) > 0)
			got += n;
		if (mode == 1)
			rc = store_full(&d, body, (size_t)got);
		else if (mode == 2)
			rc = store_min(&d, body, (size_t)got);
		if (rc != 0) {
			fprintf(stderr, "trivial: %s\n", mysql_error(d.my));
			FCGX_PutS("Status: 500 Internal Server Error\r\n"
			    "Content-Type: text/plain\r\n\r\nerror\n", r.out);
			FCGX_Finish_r(&r);
			continue;
		}
		FCGX_PutS("Status: 201 Created\r\nContent-Type: application/xml"
		    "\r\nContent-Length: 12\r\n\r\n<receipt/>\r\n", r.out);
		FCGX_Finish_r(&r);
	}
}

static volatile sig_atomic_t stopping;

static void
on_term(int sig)
{
	(void)sig;
	stopping = 1;
}

int
main(int argc, char **argv)
{
	pid_t pids[MAXW];
	struct sigaction sa;
	int fd, workers, mode, i, n = 0;

	if (argc < 4 || (strcmp(argv[3], "plain") != 0 && argc != 8)) {
		fprintf(stderr, "usage: trivial SOCKET WORKERS plain|full|min "
		    "[DB_SOCKET USER PASSWORD DATABASE]\n");
		return 2;
	}
	if (sodium_init() < 0)
		return 1;
	workers = (int)strtol(argv[2], NULL, 10);
	if (workers < 1 || workers > MAXW) {
		fprintf(stderr, "trivial: 1 to %d workers\n", MAXW);
		return 2;
	}
	mode = strcmp(argv[3], "full") == 0 ? 1 :
	    strcmp(argv[3], "min") == 0 ? 2 : 0;
	unlink(argv[1]);
	if ((fd = FCGX_OpenSocket(argv[1], 256)) < 0) {
		fprintf(stderr, "trivial: cannot listen on %s\n", argv[1]);
		return 1;
	}
	chmod(argv[1], 0660);
	for (i = 0; i < workers; i++) {
		pid_t p = fork();

		if (p == 0) {
			serve(fd, mode, argv + 4);
			_exit(0);
		}
		if (p > 0)
			pids[n++] = p;
	}
	/* Stopped, the workers stop too: they outlived the responder and
	 * piled up, one set for every benchmark run. */
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_term;
	sigaction(SIGTERM, &sa, NULL);
	while (!stopping && wait(NULL) > 0)
		;
	if (stopping) {
		for (i = 0; i < n; i++)
			kill(pids[i], SIGTERM);
		while (wait(NULL) > 0)
			;
	}
	return 0;
}
