/* log.h: log lines to standard error, one per event, no personal data. */
#ifndef ST_LOG_H
#define ST_LOG_H

/*
 * Log lines go to stderr; whoever starts the process decides where stderr
 * goes (a file under var/log in development, the journal in production).
 * Each line is "TIME LEVEL stafett[PID]: message"; in the journal, which
 * records time and pid itself, "<PRIORITY>LEVEL: message".
 *
 * Messages are lowercase, without a full stop, with values quoted, and
 * never contain personal data: no names, no identity numbers, no free
 * text from a form, no e-mail or IP addresses. Log ids and counts instead.
 */
enum log_level { LOG_LVL_ERR, LOG_LVL_WARN, LOG_LVL_INFO, LOG_LVL_DEBUG };

void log_set_level(enum log_level lvl);
/* Call after fork(): the pid in log lines is cached, not asked for. */
void log_reset_pid(void);
void log_msg(enum log_level lvl, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#define log_err(...)	log_msg(LOG_LVL_ERR, __VA_ARGS__)
#define log_warn(...)	log_msg(LOG_LVL_WARN, __VA_ARGS__)
#define log_info(...)	log_msg(LOG_LVL_INFO, __VA_ARGS__)
#define log_debug(...)	log_msg(LOG_LVL_DEBUG, __VA_ARGS__)

#endif
