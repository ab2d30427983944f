/* utf8.h: strict UTF-8 validation of untrusted text. */
#ifndef ST_UTF8_H
#define ST_UTF8_H

#include <stddef.h>

/*
 * utf8_valid accepts exactly well-formed UTF-8 (RFC 3629): no overlong
 * forms, no surrogates, nothing above U+10FFFF. utf8_xml_text additionally
 * requires every character to be an XML 1.0 Char (no NUL, no C0 controls
 * other than TAB, LF and CR, no U+FFFE/U+FFFF), which is what may go into
 * an XML text node; every form value passes through it.
 * Both return 1 when the text is acceptable.
 */
int utf8_valid(const char *s, size_t len);
int utf8_xml_text(const char *s, size_t len);
/* The length of the longest prefix of s (len bytes) of at most max bytes
 * that does not cut a character in two. */
size_t utf8_prefix(const char *s, size_t len, size_t max);
/* The characters of s, valid UTF-8 ending in NUL: what a column's
 * VARCHAR(n) counts. */
size_t utf8_chars(const char *s);

#endif
