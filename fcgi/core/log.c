/* log.c: timestamped log lines on standard error (see log.h). */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "log.h"

static enum log_level max_level = LOG_LVL_INFO;
static long pid;
static int journal = -1;	/* stderr is the journal: unknown yet */

/*
 * Under systemd stderr goes to the journal, which stamps time, pid and
 * unit itself and reads a line's priority from a "<N>" prefix. systemd
 * says so in JOURNAL_STREAM ("device:inode" of the stream it gave);
 * matching it against stderr tells a service's own stderr from one a
 * child inherited and redirected (systemd.exec(5)).
 */
static int
stderr_is_journal(void)
{
	const char *js = getenv("JOURNAL_STREAM");
	unsigned long long dev, ino;
	struct stat st;
	char *end;

	if (js == NULL)
		return 0;
	dev = strtoull(js, &end, 10);
	if (end == js || *end != ':')
		return 0;
	js = end + 1;
	ino = strtoull(js, &end, 10);
	if (end == js || *end != '\0')
		return 0;
	if (fstat(STDERR_FILENO, &st) != 0)
		return 0;
	return (unsigned long long)st.st_dev == dev &&
	    (unsigned long long)st.st_ino == ino;
}

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
	/* syslog's LOG_ERR, LOG_WARNING, LOG_INFO, LOG_DEBUG */
	static const int prio[] = { 3, 4, 6, 7 };
	char line[2048], ts[32];
	struct timespec now;
	struct tm tm;
	va_list ap;
	int n, m;

	if (lvl > max_level)
		return;
	if (pid == 0)
		log_reset_pid();
	if (journal < 0)
		journal = stderr_is_journal();
	if (journal) {
		n = snprintf(line, sizeof(line), "<%d>%s: ", prio[lvl],
		    names[lvl]);
	} else {
		clock_gettime(CLOCK_REALTIME, &now);
		gmtime_r(&now.tv_sec, &tm);
		strftime(ts, sizeof(ts), "%Y-%m-%dT%H:%M:%S", &tm);
		n = snprintf(line, sizeof(line), "%s.%03ldZ %s stafett[%ld]: ",
		    ts, now.tv_nsec / 1000000, names[lvl], pid);
	}
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
