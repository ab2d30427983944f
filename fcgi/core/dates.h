/* dates.h: calendar dates in the municipality's time zone. */
#ifndef ST_DATES_H
#define ST_DATES_H

/*
 * Times are stored in UTC; the dates people act on (deadlines, "today" in
 * a form constraint) are calendar dates where the municipality is. The
 * process time zone is set once at start-up from the configuration
 * (dates_set_zone, default Europe/Oslo), and every date comes from here.
 *
 * Tests can pin "today" with dates_fix_today("YYYY-MM-DD") (NULL undoes).
 * Output buffers are caller-owned: DATE_SIZE for YYYY-MM-DD,
 * LOCAL_TIME_SIZE for "YYYY-MM-DD HH:MM".
 */
#define DATE_SIZE	11
#define LOCAL_TIME_SIZE	17

void dates_set_zone(const char *tz);
void dates_fix_today(const char *ymd);
void dates_today(char out[DATE_SIZE]);
/* Today plus days. */
void dates_add(char out[DATE_SIZE], int days);
/* "2026-11-24T07:30:00Z" (UTC) as local "2026-11-24 08:30"; "" if bad. */
void dates_local(char out[LOCAL_TIME_SIZE], const char *utc_iso);
/* A date or local time ("2026-11-24" or "2026-11-24 08:30") as people
 * read it: day first ("24.11.2026 08:30", as the Norwegian pages show
 * dates) when day_first, else as it is; "" if it is not one. */
void dates_shown(char out[LOCAL_TIME_SIZE], const char *ymd, int day_first);
/* Days since 1970-01-01 of YYYY-MM-DD (a time zone or a dateTime's time
 * part is ignored); *ok = 0 if it is not a real date. */
long dates_days(const char *ymd, int *ok);
/* The date days after 1970-01-01 (the inverse of dates_days). */
void dates_from_days(char out[DATE_SIZE], long days);
/* Completed years on date on of someone born on birth (both YYYY-MM-DD,
 * as dates_days reads them); *ok = 0 if either is not a real date. */
int dates_age_on(const char *birth, const char *on, int *ok);
/* Whether s is exactly a real date YYYY-MM-DD, or exactly a time of day
 * HH:MM (as a form's date and time fields send them). */
int dates_is_ymd(const char *s);
int dates_is_hm(const char *s);

#endif
