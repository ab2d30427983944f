/* server.h: the serve command: a master that pre-forks FastCGI workers. */
#ifndef ST_SERVER_H
#define ST_SERVER_H

#include "conf.h"

/*
 * server_run loads everything a worker needs (key, form definitions,
 * stylesheets, translations), refusing to start if any of it is broken,
 * opens the unix socket, forks cfg->workers workers and then supervises:
 *
 * - a worker that dies is replaced (counted in stafett_worker_restarts);
 *   one that dies within a second of starting is replaced after a pause,
 *   so a crash loop cannot become a fork storm;
 * - SIGHUP reloads forms and stylesheets; if the new ones are broken the
 *   error is logged and the old ones stay in service; if they load, the
 *   workers are replaced one by one (each old one finishes its request);
 * - SIGTERM or SIGINT stops: workers finish in-flight requests, those
 *   still busy after shutdown_grace_s are killed; the socket is removed.
 *
 * Returns the process exit status.
 */
int server_run(const struct conf *cfg);

#endif
