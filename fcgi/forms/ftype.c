/* ftype.c: lexical checks for the data types of form binds. */
#include "config.h"

#include <string.h>

#include "form.h"
#include "i18n.h"
#include "nin.h"

static int
isdig(char c)
{
	return c >= '0' && c <= '9';
}

static int
ndigits(const char *s, int n)
{
	int i;

	for (i = 0; i < n; i++)
		if (!isdig(s[i]))
			return 0;
	return 1;
}

static int
num(const char *s, int n)
{
	int i, v = 0;

	for (i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

/* An optional xsd time zone at s: "", "Z" or "+HH:MM"/"-HH:MM", at
 * most 14:00 either way (XML Schema 1.1, 3.3.7). */
static int
tz_ok(const char *s)
{
	if (*s == '\0' || (s[0] == 'Z' && s[1] == '\0'))
		return 1;
	return (s[0] == '+' || s[0] == '-') && ndigits(s + 1, 2) &&
	    s[3] == ':' && ndigits(s + 4, 2) && s[6] == '\0' &&
	    num(s + 4, 2) <= 59 && (num(s + 1, 2) < 14 ||
	    (num(s + 1, 2) == 14 && num(s + 4, 2) == 0));
}

/* "YYYY-MM-DD" at s, the year of four digits or more (none of them a
 * leading zero past four, as XML Schema has it): the length used, 0 for
 * a bad format, -1 for a date that does not exist. */
static int
date_part(const char *s)
{
	int y = 0;

	while (isdig(s[y]) && y < 6)
		y++;
	if (y < 4 || (y > 4 && s[0] == '0') || s[y] != '-' ||
	    !ndigits(s + y + 1, 2) || s[y + 3] != '-' ||
	    !ndigits(s + y + 4, 2))
		return 0;
	return date_valid(num(s, y), num(s + y + 1, 2), num(s + y + 4, 2)) ?
	    y + 6 : -1;
}

/* "HH:MM:SS(.s+)?" at s, or "HH:MM" when seconds are not required;
 * 24:00:00 (the end of the day) as XML Schema allows it. The length
 * used, or 0. */
static size_t
time_part(const char *s, int seconds_required)
{
	size_t n;
	int end_of_day;

	if (!ndigits(s, 2) || s[2] != ':' || !ndigits(s + 3, 2) ||
	    num(s, 2) > 24 || num(s + 3, 2) > 59)
		return 0;
	end_of_day = num(s, 2) == 24;
	if (end_of_day && num(s + 3, 2) != 0)
		return 0;
	n = 5;
	if (s[5] == ':') {
		if (!ndigits(s + 6, 2) || num(s + 6, 2) > 59 ||
		    (end_of_day && num(s + 6, 2) != 0))
			return 0;
		n = 8;
		if (s[8] == '.') {
			n = 9;
			if (!isdig(s[n]))
				return 0;
			while (isdig(s[n]))
				if (end_of_day && s[n++] != '0')
					return 0;
				else if (!end_of_day)
					n++;
		}
	} else if (seconds_required || end_of_day)
		return 0;
	return n;
}

/* XML Schema's whitespace "collapse" for numbers: the value without
 * leading and trailing blanks, into out (at most outsize - 1 bytes);
 * 0 when it does not fit. */
static int
collapsed(const char *s, char *out, size_t outsize)
{
	size_t n;

	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' ||
	    s[n - 1] == '\n' || s[n - 1] == '\r'))
		n--;
	if (n >= outsize)
		return 0;
	memcpy(out, s, n);
	out[n] = '\0';
	return 1;
}

/* Any number of digits (XML Schema's integer has no bound), blanks
 * around it allowed. */
static int
integer_ok(const char *v)
{
	char s[1024];
	size_t n;
	const char *d = s;

	if (!collapsed(v, s, sizeof(s)))
		return 0;
	if (*d == '+' || *d == '-')
		d++;
	n = strlen(d);
	return n > 0 && ndigits(d, (int)n);
}

static int
decimal_ok(const char *s)
{
	int digits = 0;

	if (*s == '+' || *s == '-')
		s++;
	while (isdig(*s)) {
		s++;
		digits++;
	}
	if (*s == '.') {
		s++;
		while (isdig(*s)) {
			s++;
			digits++;
		}
	}
	return *s == '\0' && digits > 0 && digits <= 30;
}

static int
phone_ok(const char *s)
{
	char d[16];
	size_t n = 0;

	/* Spaces are allowed for readability: "+47 912 34 567". */
	if (strncmp(s, "+47", 3) == 0)
		s += 3;
	else if (strncmp(s, "0047", 4) == 0)
		s += 4;
	for (; *s != '\0'; s++) {
		if (*s == ' ')
			continue;
		if (!isdig(*s) || n >= sizeof(d) - 1)
			return 0;
		d[n++] = *s;
	}
	return n == 8 && d[0] >= '2';
}

static int
email_ok(const char *s)
{
	const char *at = strchr(s, '@'), *p, *dot;
	size_t len = strlen(s);

	if (at == NULL || at == s || strchr(at + 1, '@') != NULL ||
	    len > 254 || (size_t)(at - s) > 64)
		return 0;
	for (p = s; *p != '\0'; p++)
		if ((unsigned char)*p <= ' ' || *p == '<' || *p == '>' ||
		    *p == '(' || *p == ')' || *p == ',' || *p == ';' ||
		    *p == ':' || *p == '\\' || *p == '"' || *p == '[' ||
		    *p == ']')
			return 0;
	dot = strrchr(at, '.');
	return dot != NULL && dot > at + 1 && dot[1] != '\0' &&
	    strstr(at, "..") == NULL;
}

const char *
ftype_check(enum ftype t, const char *v)
{
	int r;
	size_t n;

	switch (t) {
	case FT_STRING:
		return NULL;
	case FT_BOOLEAN:
		if (strcmp(v, "true") == 0 || strcmp(v, "false") == 0 ||
		    strcmp(v, "1") == 0 || strcmp(v, "0") == 0)
			return NULL;
		return N_("Choose yes or no.");
	case FT_DATE:
		r = date_part(v);
		if (r > 0 && tz_ok(v + r))
			return NULL;
		return r == -1 ? N_("That date does not exist.") :
		    N_("Enter a date as YYYY-MM-DD, for example 2024-03-31.");
	case FT_DATETIME:
		r = date_part(v);
		if (r > 0 && v[r] == 'T' &&
		    (n = time_part(v + r + 1, 0)) > 0 && tz_ok(v + r + 1 + n))
			return NULL;
		return r == -1 ? N_("That date does not exist.") :
		    N_("Enter a date and time as YYYY-MM-DDTHH:MM.");
	case FT_TIME:
		/* XML Schema's time: with seconds */
		if ((n = time_part(v, 1)) > 0 && tz_ok(v + n))
			return NULL;
		return N_("Enter a time as HH:MM:SS.");
	case FT_CLOCK:
		/* a browser's time field: hours and minutes of the day */
		if (strlen(v) == 5 && (n = time_part(v, 0)) == 5 &&
		    num(v, 2) < 24)
			return NULL;
		return N_("Enter a time as HH:MM.");
	case FT_INTEGER:
		return integer_ok(v) ? NULL : N_("Enter a whole number.");
	case FT_DECIMAL:
		return decimal_ok(v) ? NULL :
		    N_("Enter a number, with a point for decimals.");
	case FT_NIN:
		switch (nin_check(v, NULL)) {
		case NIN_OK:
			return NULL;
		case NIN_E_FORMAT:
			return N_("The national identity number must be 11 digits.");
		case NIN_E_DATE:
			return N_("The national identity number does not begin with a valid date.");
		case NIN_E_CHECK:
			return N_("The national identity number has wrong check digits.");
		}
		return N_("The national identity number is not valid.");
	case FT_PHONE:
		return phone_ok(v) ? NULL :
		    N_("Enter a Norwegian phone number with 8 digits.");
	case FT_EMAIL:
		return email_ok(v) ? NULL :
		    N_("Enter an e-mail address such as name@example.no.");
	}
	return NULL;
}

const char *
ftype_name(enum ftype t)
{
	static const char *names[] = { "string", "boolean", "date",
	    "dateTime", "time", "integer", "decimal", "nin", "phone", "email",
	    "time" };

	return names[t];
}
