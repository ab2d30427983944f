/* fault.h: named places where a crash hurts most, for the fault tests. */
#ifndef ST_FAULT_H
#define ST_FAULT_H

/*
 * The fault tests must kill a process at the worst moment, not at a
 * random one: right after a COMMIT whose answer has not gone out, right
 * after a partner said 2xx and before it is recorded. FAULT("name") marks
 * such a place. It does nothing unless the program was built with
 * STAFETT_FAULTS (the sanitizer build that make check runs; never the
 * installed program) and STAFETT_FAULT_DIR names a directory.
 *
 * Arming: a test writes a file named after the point into that
 * directory. The first process to reach the point takes the file (a
 * rename, so exactly one process fires it), removes it and does what it
 * says:
 *
 *   kill       SIGKILL at once (also an empty file)
 *   term       SIGTERM to itself, and carries on
 *   sleep N    sleep N milliseconds, then carry on (to hold a window open)
 *   parent     SIGKILL to its parent (the serve master), and carry on
 *
 * followed by " xN" to fire N times, once in each of the next N processes
 * or passes that reach the point (the file is put back with N - 1).
 *
 * The test sees the point fired because the file is gone. A point that
 * fires logs "fault: 'name' fired" first.
 */
#ifdef STAFETT_FAULTS
void fault_point(const char *name);
#define FAULT(name)	fault_point(name)
#else
#define FAULT(name)	((void)0)
#endif

#endif
