/* nin.c: validation of Norwegian national identity numbers (see nin.h). */
#include "config.h"

#include <string.h>

#include "nin.h"

int
date_valid(int y, int m, int d)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	int max;

	if (y < 1 || m < 1 || m > 12 || d < 1)
		return 0;
	max = mdays[m - 1] + (m == 2 && leap);
	return d <= max;
}

static int
check_digit(const int *digits, const int *weights, int n)
{
	int i, sum = 0, k;

	for (i = 0; i < n; i++)
		sum += digits[i] * weights[i];
	k = 11 - sum % 11;
	return k == 11 ? 0 : k;	/* 10 means no valid check digit exists */
}

enum nin_result
nin_check(const char *s, struct nin_info *info)
{
	static const int w1[] = { 3, 7, 6, 1, 8, 9, 4, 5, 2 };
	static const int w2[] = { 5, 4, 3, 2, 7, 6, 5, 4, 3, 2 };
	struct nin_info tmp;
	int d[11], i, day, month, yy, indiv, year, dnum = 0, synth = 0;

	if (strlen(s) != 11)
		return NIN_E_FORMAT;
	for (i = 0; i < 11; i++) {
		if (s[i] < '0' || s[i] > '9')
			return NIN_E_FORMAT;
		d[i] = s[i] - '0';
	}
	day = d[0] * 10 + d[1];
	month = d[2] * 10 + d[3];
	yy = d[4] * 10 + d[5];
	indiv = d[6] * 100 + d[7] * 10 + d[8];
	if (day > 40) {
		dnum = 1;
		day -= 40;
	}
	if (month > 80) {
		synth = 1;
		month -= 80;
	}
	if (indiv <= 499)
		year = 1900 + yy;
	else if (indiv <= 749 && yy >= 54)
		year = 1800 + yy;
	else if (yy < 40)
		year = 2000 + yy;
	else if (indiv >= 900)
		year = 1900 + yy;
	else
		return NIN_E_DATE;	/* 500-899 with YY 40-53: unused */
	if (!date_valid(year, month, day))
		return NIN_E_DATE;
	if (check_digit(d, w1, 9) != d[9] || check_digit(d, w2, 10) != d[10])
		return NIN_E_CHECK;
	if (info == NULL)
		info = &tmp;
	info->year = year;
	info->month = month;
	info->day = day;
	info->dnumber = dnum;
	info->synthetic = synth;
	return NIN_OK;
}
