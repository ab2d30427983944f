/* dates.c: local calendar dates (see dates.h). */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "dates.h"
#include "nin.h"

static char fixed_today[DATE_SIZE];

void
dates_set_zone(const char *tz)
{
	if (tz != NULL && *tz != '\0')
		setenv("TZ", tz, 1);
	tzset();
}

void
dates_fix_today(const char *ymd)
{
	if (ymd == NULL)
		fixed_today[0] = '\0';
	else {
		strncpy(fixed_today, ymd, sizeof(fixed_today) - 1);
		fixed_today[sizeof(fixed_today) - 1] = '\0';
	}
}

void
dates_today(char out[DATE_SIZE])
{
	time_t t;
	struct tm tm;

	if (fixed_today[0] != '\0') {
		memcpy(out, fixed_today, DATE_SIZE);
		return;
	}
	t = time(NULL);
	localtime_r(&t, &tm);
	strftime(out, DATE_SIZE, "%Y-%m-%d", &tm);
}

static int
digits(const char *s, int n, int *out)
{
	int i, v = 0;

	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 1;
}

/* Days from civil (proleptic Gregorian), Howard Hinnant's algorithm. */
static long
days_from_civil(int y, int m, int d)
{
	long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

long
dates_days(const char *s, int *ok)
{
	int y, m, d;

	*ok = 0;
	if (strlen(s) < 10 || s[4] != '-' || s[7] != '-' ||
	    !digits(s, 4, &y) || !digits(s + 5, 2, &m) ||
	    !digits(s + 8, 2, &d) || !date_valid(y, m, d))
		return 0;
	/* a time zone, or a dateTime's time, is ignored (XForms 1.1 7.10) */
	if (s[10] != '\0' && s[10] != 'Z' && s[10] != '+' && s[10] != '-' &&
	    s[10] != 'T')
		return 0;
	*ok = 1;
	return days_from_civil(y, m, d);
}

int
dates_age_on(const char *birth, const char *on, int *ok)
{
	int ok2, by = 0, bm = 0, bd = 0, y = 0, m = 0, d = 0, years;

	(void)dates_days(birth, ok);
	(void)dates_days(on, &ok2);
	if (!*ok || !ok2) {
		*ok = 0;
		return 0;
	}
	/* dates_days has checked the digits of both */
	(void)digits(birth, 4, &by);
	(void)digits(birth + 5, 2, &bm);
	(void)digits(birth + 8, 2, &bd);
	(void)digits(on, 4, &y);
	(void)digits(on + 5, 2, &m);
	(void)digits(on + 8, 2, &d);
	years = y - by;
	if (m < bm || (m == bm && d < bd))
		years--;
	return years;
}

void
dates_from_days(char out[DATE_SIZE], long days)
{
	time_t t = (time_t)days * 86400 + 43200;
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, DATE_SIZE, "%Y-%m-%d", &tm);
}

void
dates_add(char out[DATE_SIZE], int days)
{
	char today[DATE_SIZE];
	struct tm tm;
	int y = 0, m = 0, d = 0;

	dates_today(today);
	(void)digits(today, 4, &y);
	(void)digits(today + 5, 2, &m);
	(void)digits(today + 8, 2, &d);
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = d + days;
	tm.tm_hour = 12;	/* clear of daylight-saving edges */
	tm.tm_isdst = -1;
	(void)mktime(&tm);
	strftime(out, DATE_SIZE, "%Y-%m-%d", &tm);
}

void
dates_shown(char out[LOCAL_TIME_SIZE], const char *s, int day_first)
{
	size_t n = s != NULL ? strlen(s) : 0;
	int y, mo, d;

	out[0] = '\0';
	if ((n != 10 && n != 16) || !digits(s, 4, &y) || s[4] != '-' ||
	    !digits(s + 5, 2, &mo) || s[7] != '-' || !digits(s + 8, 2, &d) ||
	    !date_valid(y, mo, d) || (n == 16 && s[10] != ' '))
		return;
	if (!day_first) {
		memcpy(out, s, n + 1);
		return;
	}
	memcpy(out, s + 8, 2);
	out[2] = '.';
	memcpy(out + 3, s + 5, 2);
	out[5] = '.';
	memcpy(out + 6, s, 4);
	memcpy(out + 10, s + 10, n - 10 + 1);
}

void
dates_local(char out[LOCAL_TIME_SIZE], const char *iso)
{
	int y, mo, d, h, mi, s;
	struct tm tm;
	time_t t;

	out[0] = '\0';
	if (iso == NULL || strlen(iso) < 19 || iso[10] != 'T' ||
	    !digits(iso, 4, &y) || !digits(iso + 5, 2, &mo) ||
	    !digits(iso + 8, 2, &d) || !digits(iso + 11, 2, &h) ||
	    !digits(iso + 14, 2, &mi) || !digits(iso + 17, 2, &s))
		return;
	if (!date_valid(y, mo, d) || h > 23 || mi > 59 || s > 60)
		return;
	t = (time_t)days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s;
	localtime_r(&t, &tm);
	strftime(out, LOCAL_TIME_SIZE, "%Y-%m-%d %H:%M", &tm);
}

int
dates_is_ymd(const char *s)
{
	int ok = 0;

	if (s == NULL || strlen(s) != 10)
		return 0;
	(void)dates_days(s, &ok);
	return ok;
}

int
dates_is_hm(const char *s)
{
	return s != NULL && strlen(s) == 5 && s[2] == ':' &&
	    strspn(s, "0123456789:") == 5 && s[0] != ':' && s[1] != ':' &&
	    s[3] != ':' && s[4] != ':' && strtol(s, NULL, 10) <= 23 &&
	    strtol(s + 3, NULL, 10) <= 59;
}
