/* worker.h: the state one worker process owns while serving requests. */
#ifndef ST_WORKER_H
#define ST_WORKER_H

#include <sys/types.h>

#include "auth.h"
#include "codelists.h"
#include "conf.h"
#include "db.h"
#include "form.h"
#include "metrics.h"
#include "secure.h"
#include "view.h"
#include "viewcache.h"

/*
 * A worker is one process: it owns one database connection (with its
 * prepared statements) and borrows, read-only, what the master loaded
 * before forking: configuration, form definitions, stylesheets, the
 * server key and the shared metrics. There is no other per-process
 * state; everything about a request lives in its struct req.
 */
struct worker {
	const struct conf	*cfg;
	struct db		 db;
	const struct formset	*forms;
	const struct xslset	*xsl;
	const unsigned char	*key;	/* SECURE_KEY_LEN bytes */
	struct metrics		*metrics;
	struct auth_cache	*auth_cache;	/* owned by the worker */
	struct codelists	*codes;		/* owned by the worker */
	struct viewcache	*vc;		/* owned by the worker */
	struct form_env		 env;		/* forms' secondary data */
	unsigned long		 served;
	pid_t			 master;	/* its parent, 0: none */
};

/* Serve FastCGI requests on listen_fd until told to stop. */
int worker_run(struct worker *w, int listen_fd);

#endif
