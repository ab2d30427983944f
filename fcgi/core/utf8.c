/* utf8.c: strict UTF-8 decoding for validation (see utf8.h). */
#include "config.h"

#include "utf8.h"

/*
 * Decode one character at s (len bytes available). Returns its length in
 * bytes and stores the code point, or returns 0 for an invalid sequence.
 */
static size_t
decode(const unsigned char *s, size_t len, unsigned long *cp)
{
	unsigned long c;
	size_t n, i;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		n = 2;
		c = s[0] & 0x1f;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		n = 3;
		c = s[0] & 0x0f;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		n = 4;
		c = s[0] & 0x07;
	} else
		return 0;
	if (len < n)
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3f);
	}
	if ((n == 3 && c < 0x800) || (n == 4 && c < 0x10000) || c > 0x10ffff ||
	    (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return n;
}

static int
check(const char *s, size_t len, int xml)
{
	const unsigned char *p = (const unsigned char *)s;
	unsigned long cp;
	size_t i = 0, n;

	while (i < len) {
		if ((n = decode(p + i, len - i, &cp)) == 0)
			return 0;
		if (xml && ((cp < 0x20 && cp != 0x9 && cp != 0xa &&
		    cp != 0xd) || cp == 0xfffe || cp == 0xffff))
			return 0;
		i += n;
	}
	return 1;
}

int
utf8_valid(const char *s, size_t len)
{
	return check(s, len, 0);
}

int
utf8_xml_text(const char *s, size_t len)
{
	return check(s, len, 1);
}

size_t
utf8_prefix(const char *s, size_t len, size_t max)
{
	size_t n = len < max ? len : max;

	/* back over continuation bytes (10xxxxxx) to a character's start */
	while (n > 0 && n < len && ((unsigned char)s[n] & 0xc0) == 0x80)
		n--;
	return n;
}

size_t
utf8_chars(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}
