/* log.c: timestamped log lines on standard error (see log.h). */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

#include "log.h"

static enum log_level max_level = LOG_LVL_INFO;
static long pid;

void
log_reset_pid(void)
{
	pid = (long)getpid();
}

void
log_set_level(enum log_level lvl)
{
	max_level = lvl;
}

void
log_msg(enum log_level lvl, const char *fmt, ...)
{
	static const char *names[] = { "error", "warn", "info", "debug" };
	char line[2048], ts[32];
	struct timespec now;
	struct tm tm;
	va_list ap;
	int n, m;

	if (lvl > max_level)
		return;
	if (pid == 0)
		log_reset_pid();
	clock_gettime(CLOCK_REALTIME, &now);
	gmtime_r(&now.tv_sec, &tm);
	strftime(ts, sizeof(ts), "%Y-%m-%dT%H:%M:%S", &tm);
	n = snprintf(line, sizeof(line), "%s.%03ldZ %s stafett[%ld]: ", ts,
	    now.tv_nsec / 1000000, names[lvl], pid);
	if (n < 0)
		return;
	va_start(ap, fmt);
	m = vsnprintf(line + n, sizeof(line) - (size_t)n - 1, fmt, ap);
	va_end(ap);
	if (m < 0)
		return;
	n += m;
	if ((size_t)n > sizeof(line) - 2)
		n = (int)sizeof(line) - 2;
	line[n++] = '\n';
	/* One write per line: lines of several workers do not interleave. */
	(void)!write(STDERR_FILENO, line, (size_t)n);
}
