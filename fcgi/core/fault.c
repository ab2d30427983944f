/* fault.c: fault points for the fault tests (fault.h). */
#include "config.h"

#include "fault.h"

#ifdef STAFETT_FAULTS
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "log.h"

void
fault_point(const char *name)
{
	const char *dir = getenv("STAFETT_FAULT_DIR");
	char path[1024], mine[1100], what[64], *times;
	ssize_t n = 0;
	long left;
	int fd;

	if (dir == NULL || *dir == '\0')
		return;
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	snprintf(mine, sizeof(mine), "%s.%ld", path, (long)getpid());
	/* Only the process whose rename succeeds fires the point. */
	if (rename(path, mine) != 0)
		return;
	memset(what, 0, sizeof(what));
	if ((fd = open(mine, O_RDONLY)) >= 0) {
		n = read(fd, what, sizeof(what) - 1);
		close(fd);
	}
	if (n < 0)
		n = 0;
	what[n] = '\0';
	/* "... xN": armed N times; the file goes back for the next one. */
	if ((times = strstr(what, " x")) != NULL &&
	    (left = strtol(times + 2, NULL, 10)) > 1 &&
	    (fd = open(mine, O_WRONLY | O_TRUNC)) >= 0) {
		char again[64];
		int len;

		len = snprintf(again, sizeof(again), "%.*s x%ld",
		    (int)(times - what), what, left - 1);
		if (write(fd, again, (size_t)len) != len)
			left = 0;
		close(fd);
		if (left > 0 && rename(mine, path) != 0)
			unlink(mine);
	} else
		unlink(mine);
	if (times != NULL)
		*times = '\0';
	log_warn("fault: '%s' fired (%s)", name, n > 0 ? what : "kill");
	if (strncmp(what, "sleep", 5) == 0) {
		long ms = strtol(what + 5, NULL, 10);
		struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

		while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
			;
	} else if (strncmp(what, "spin", 4) == 0) {
		/* CPU, not time: what a runaway request costs */
		long ms = strtol(what + 4, NULL, 10);
		struct timespec t0, t;
		volatile unsigned long x = 0;

		clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t0);
		do {
			x++;
			clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
		} while ((t.tv_sec - t0.tv_sec) * 1000L +
		    (t.tv_nsec - t0.tv_nsec) / 1000000L < ms);
	} else if (strncmp(what, "term", 4) == 0)
		kill(getpid(), SIGTERM);
	else if (strncmp(what, "parent", 6) == 0)
		kill(getppid(), SIGKILL);
	else
		kill(getpid(), SIGKILL);
}
#else
/* An empty translation unit is not ISO C. */
typedef int fault_unused;
#endif
