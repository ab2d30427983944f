/* fuzz_multipart.c: fuzz target for the multipart/form-data parser and the
 * upload type sniffer: any bytes, as a request body with a Content-Type
 * made for it, must give either a list of parts that keeps the promises
 * of multipart.h or a refusal with an empty list, never a crash or a leak.
 * Used by libFuzzer (make fuzz) and by driver.c in make check.
 *
 * Input: two bytes that choose how the Content-Type is made, then the
 * body. The boundary is taken from the body's first delimiter line, so
 * mutations reach the parts instead of dying on a boundary mismatch.
 * The seeds (tests/fuzz/multipart/ *.body) begin with CRLF: libFuzzer
 * reads those as the two choice bytes, while driver.c puts its own two
 * in front, which leaves the CRLF as an empty preamble. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "filetype.h"
#include "multipart.h"
#include "utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A little more than the limit, so that too long boundaries are tried. */
#define BMAX	(MULTIPART_MAX_BOUNDARY + 8)

/* The boundary of the first delimiter line of b: "--" at the start or
 * after CRLF, up to the end of the line, without the padding and the "--"
 * of a close delimiter. "b" if there is none. */
static void
boundary_of(const uint8_t *b, size_t n, char *out)
{
	size_t i, k = 0;

	for (i = 0; i + 1 < n; i++) {
		if (b[i] != '-' || b[i + 1] != '-')
			continue;
		if (i == 0 || (i >= 2 && b[i - 2] == '\r' && b[i - 1] == '\n'))
			break;
	}
	if (i + 1 >= n) {
		memcpy(out, "b", 2);
		return;
	}
	for (i += 2; i < n && k < BMAX && b[i] != '\r' && b[i] != '\n' &&
	    b[i] != '\0'; i++)
		out[k++] = (char)b[i];
	while (k > 0 && (out[k - 1] == ' ' || out[k - 1] == '\t'))
		k--;
	if (k > 2 && out[k - 1] == '-' && out[k - 2] == '-')
		k -= 2;
	out[k] = '\0';
}

/* Whatever was accepted keeps the promises of multipart.h. */
static void
check(const struct mparts *m, const uint8_t *body, size_t len)
{
	const unsigned char *prev = body;
	const char *t;
	size_t i;

	if (m->n > MULTIPART_MAX_PARTS)
		abort();
	for (i = 0; i < m->n; i++) {
		const struct mpart *p = &m->v[i];

		if (p->name == NULL || p->name[0] == '\0' ||
		    !utf8_xml_text(p->name, strlen(p->name)))
			abort();
		if (p->filename != NULL && (strchr(p->filename, '/') ||
		    strchr(p->filename, '\\') ||
		    strcmp(p->filename, "..") == 0 ||
		    !utf8_xml_text(p->filename, strlen(p->filename))))
			abort();
		if (p->ctype != NULL && p->ctype[0] == '\0')
			abort();
		/* in the body, in order, not overlapping */
		if (p->data < prev || p->len > len ||
		    p->data + p->len > body + len)
			abort();
		prev = p->data + p->len;
		if (mparts_get(m, p->name) == NULL ||
		    strcmp(mparts_get(m, p->name)->name, p->name) != 0)
			abort();
		t = filetype_sniff(p->data, p->len);
		if (t != NULL && !filetype_allowed(t))
			abort();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char ct[BMAX + 160], b[BMAX + 1];
	const uint8_t *body;
	struct mparts m;
	size_t len, n;
	st_rc rc;

	if (size < 2)
		return 0;
	body = data + 2;
	len = size - 2;
	boundary_of(body, len, b);
	switch (data[0] % 4) {
	case 0:
		snprintf(ct, sizeof(ct), "multipart/form-data; boundary=%s", b);
		break;
	case 1:
		snprintf(ct, sizeof(ct), "multipart/form-data; boundary=\"%s\"",
		    b);
		break;
	case 2:
		snprintf(ct, sizeof(ct), "Multipart/Form-Data; charset=utf-8;"
		    " BOUNDARY=\"%s\" ;x=y", b);
		break;
	default:
		/* the fuzzer's own Content-Type: the body's first line */
		while (len > 0 && (body[0] == '\r' || body[0] == '\n')) {
			body++;
			len--;
		}
		for (n = 0; n < len && n < sizeof(ct) - 1 && body[n] != '\n';)
			n++;
		memcpy(ct, body, n);
		ct[n] = '\0';
		if (n > 0 && ct[n - 1] == '\r')
			ct[n - 1] = '\0';
		if (n < len) {
			body += n + 1;
			len -= n + 1;
		} else {
			body += n;
			len -= n;
		}
		break;
	}
	mparts_init(&m);
	rc = multipart_parse(&m, ct, body, len);
	if (rc != ST_OK) {
		/* refused: nothing kept */
		if ((rc != ST_E_INVALID && rc != ST_E_TOO_BIG) || m.n != 0 ||
		    m.v != NULL)
			abort();
		return 0;
	}
	check(&m, body, len);
	n = m.n;
	mparts_release(&m);
	/* the same input, the same answer */
	if (multipart_parse(&m, ct, body, len) != ST_OK || m.n != n)
		abort();
	mparts_release(&m);
	return 0;
}
