/* nin.h: Norwegian national identity numbers (fødselsnummer, D-number). */
#ifndef ST_NIN_H
#define ST_NIN_H

/*
 * A national identity number has 11 digits: DDMMYY, a 3-digit individual
 * number, and two mod-11 check digits (weights 3 7 6 1 8 9 4 5 2 and
 * 5 4 3 2 7 6 5 4 3 2). A D-number adds 4 to the first digit; a synthetic
 * test number adds 80 to the month. The individual number gives the
 * century: 000-499 1900s; 500-749 with YY >= 54 the 1800s; 500-999 with
 * YY < 40 the 2000s; 900-999 with YY >= 40 the 1900s.
 *
 * nin_check says whether s is such a number and, if so, fills info (may be
 * NULL). The reasons are distinct so the user can be told what is wrong.
 * The number itself is sensitive: never log it, never put it in a URL.
 */
enum nin_result {
	NIN_OK = 0,
	NIN_E_FORMAT,	/* not exactly 11 digits */
	NIN_E_DATE,	/* the date part is not a real date */
	NIN_E_CHECK	/* a check digit is wrong */
};

struct nin_info {
	int	year, month, day;	/* date of birth */
	int	dnumber;		/* 1 for a D-number */
	int	synthetic;		/* 1 for a synthetic test number */
};

enum nin_result nin_check(const char *s, struct nin_info *info);

/* Is y-m-d a real date in the Gregorian calendar? */
int date_valid(int y, int m, int d);

#endif
