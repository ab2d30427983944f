/* result.c: names of the result codes, for log lines. */
#include "config.h"

#include "result.h"

const char *
st_rc_str(st_rc rc)
{
	switch (rc) {
	case ST_OK:		return "ok";
	case ST_E_NOMEM:	return "out of memory";
	case ST_E_TOO_BIG:	return "too big";
	case ST_E_INVALID:	return "invalid";
	case ST_E_NOT_FOUND:	return "not found";
	case ST_E_CONFLICT:	return "conflict";
	case ST_E_BUSY:		return "lock given up";
	case ST_E_DB:		return "database error";
	case ST_E_DB_GONE:	return "database unreachable";
	case ST_E_UNAVAILABLE:	return "database unavailable";
	case ST_E_IO:		return "i/o error";
	case ST_E_CONFIG:	return "configuration error";
	case ST_E_INTERNAL:	return "internal error";
	}
	return "unknown";
}
