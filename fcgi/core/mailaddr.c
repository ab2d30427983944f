/* mailaddr.c: the form of e-mail addresses (see mailaddr.h). */
#include "config.h"

#include <string.h>

#include "mailaddr.h"

static int
in_set(char c, const char *set)
{
	return c != '\0' && strchr(set, c) != NULL;
}

static int
alnum(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9');
}

int
mail_domain_ok(const char *d, size_t n)
{
	size_t i;

	if (n == 0 || n > 253 || d[0] == '.' || d[n - 1] == '.' ||
	    d[0] == '-')
		return 0;
	for (i = 0; i < n; i++) {
		if (!alnum(d[i]) && d[i] != '-' && d[i] != '.')
			return 0;
		if (d[i] == '.' && d[i + 1] == '.')
			return 0;
	}
	return 1;
}

int
mail_address_ok(const char *addr)
{
	const char *at;
	size_t n, local, i;

	if (addr == NULL || (n = strlen(addr)) == 0 || n > 254)
		return 0;
	if ((at = strchr(addr, '@')) == NULL || strchr(at + 1, '@') != NULL)
		return 0;
	local = (size_t)(at - addr);
	if (local == 0 || local > 64 || addr[0] == '.' ||
	    addr[local - 1] == '.')
		return 0;
	/* RFC 5322 atext and dots: no quotes, brackets, commas, spaces. */
	for (i = 0; i < local; i++) {
		if (!alnum(addr[i]) && !in_set(addr[i], "!#$%&'*+-/=?^_`{|}~."))
			return 0;
		if (addr[i] == '.' && addr[i + 1] == '.')
			return 0;
	}
	return mail_domain_ok(at + 1, n - local - 1);
}

int
mail_token_ok(const char *s, size_t n)
{
	size_t i;

	if (n == 0 || n > 200)
		return 0;
	for (i = 0; i < n; i++)
		if (!alnum(s[i]) && !in_set(s[i], "-_."))
			return 0;
	return 1;
}
