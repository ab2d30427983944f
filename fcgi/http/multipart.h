/* multipart.h: strict parsing of a multipart/form-data body in memory. */
#ifndef ST_MULTIPART_H
#define ST_MULTIPART_H

#include <stddef.h>

#include "result.h"

/*
 * multipart_parse reads a multipart/form-data request body (RFC 7578,
 * framed as RFC 2046 says) that is already in memory, so that a browser
 * form without JavaScript can upload a file. It is strict: the request is
 * either fully parsed or refused, and on any failure the list is left
 * empty (earlier contents included), like urlenc_parse.
 *
 * Ownership: name, filename and ctype are owned by the list (freed by
 * mparts_release). data points into the body the caller passed, which
 * must outlive the list; it is never NUL-terminated and may hold any
 * bytes. Parts keep their order and are appended to what the list holds.
 *
 * The rules, and what each refusal returns:
 *
 *  - content_type is the request's Content-Type value. Its media type must
 *    be multipart/form-data (any case) and it must carry exactly one
 *    boundary parameter, quoted or not, of 1 to MULTIPART_MAX_BOUNDARY
 *    characters from RFC 2046's bchars, not ending in a space. Other
 *    parameters are ignored. Otherwise ST_E_INVALID.
 *  - Lines end in CRLF. A bare CR or LF where a line ends is ST_E_INVALID:
 *    every browser sends CRLF, and a second framing would only give two
 *    readers a chance to disagree about where a part ends.
 *  - A preamble before the first delimiter is allowed, and so is the
 *    first delimiter at the very start of the body. Whatever follows the
 *    close delimiter "--boundary--" is ignored. A delimiter line may end
 *    in white space (RFC 2046 transport padding). A delimiter followed by
 *    anything else ("--boundaryX") is ST_E_INVALID: RFC 2046 forbids the
 *    boundary inside a part, so it is a malformed body, not data.
 *  - A body that is empty, has no delimiter, ends inside a part or lacks
 *    the close delimiter is ST_E_INVALID. "--boundary--" alone is a form
 *    with no fields (browsers send it) and gives ST_OK with no parts.
 *  - Each part has header lines, an empty line, then its data. Header
 *    names are compared ignoring ASCII case; a header line is at most
 *    MULTIPART_MAX_LINE bytes (CRLF not counted), a part has at most
 *    MULTIPART_MAX_HEADERS of them, and a body at most MULTIPART_MAX_PARTS
 *    parts: beyond any of these, ST_E_TOO_BIG. Folded lines, control
 *    characters other than TAB and a line without "name:" are
 *    ST_E_INVALID.
 *  - Content-Disposition is required, once: "form-data" and parameters as
 *    RFC 9110 writes them (token or quoted string, no space around '=').
 *    name is required and not empty; filename is optional; a parameter
 *    given twice is ST_E_INVALID; other parameters (filename* included,
 *    which RFC 7578 forbids senders to use) are ignored.
 *  - Inside a quoted string a backslash is an ordinary character, not an
 *    escape: the HTML standard, which browsers follow, sends '"', CR and
 *    LF in names as %22, %0D and %0A and escapes nothing else, and old
 *    browsers sent Windows paths such as "C:\scans\form.pdf" raw. So
 *    "a\"b" is refused (the string ends at the second quote). The %XX
 *    sequences are kept as they are: "%22" might be a quote or three
 *    characters of a file's real name, and no reading is safe.
 *  - name and filename must be XML-safe UTF-8 (utf8_xml_text) with no
 *    control characters at all (C0, DEL, C1): ST_E_INVALID otherwise.
 *  - filename is reduced to its base name: everything up to the last '/'
 *    or '\' goes. A base name of "." or ".." is ST_E_INVALID. filename is
 *    "" (not NULL) when a file input was left empty: browsers send
 *    filename="" and no data. It is the client's word, for display only;
 *    never use it as a path.
 *  - Content-Type, at most once, is kept in ctype as sent (printable
 *    ASCII); it is the client's claim: see filetype.h for the real type.
 *  - Content-Transfer-Encoding, if sent, must be 7bit, 8bit or binary
 *    (RFC 7578 deprecates it; any other would change what data means).
 *    Other headers are ignored.
 */
#define MULTIPART_MAX_BOUNDARY	70
#define MULTIPART_MAX_LINE	1024
#define MULTIPART_MAX_HEADERS	16
#define MULTIPART_MAX_PARTS	64

struct mpart {
	char			*name;
	char			*filename;	/* NULL if not a file */
	char			*ctype;		/* part Content-Type or NULL */
	const unsigned char	*data;		/* points into the body */
	size_t			 len;
};

struct mparts {
	struct mpart	*v;
	size_t		 n;
	size_t		 alloc;
};

void mparts_init(struct mparts *m);
void mparts_release(struct mparts *m);

/*
 * content_type is the request's Content-Type header value; the boundary=
 * parameter (quoted or not) is taken from it. ST_OK, ST_E_INVALID or
 * ST_E_TOO_BIG as above.
 */
st_rc multipart_parse(struct mparts *m, const char *content_type,
    const unsigned char *body, size_t len) ST_MUST_CHECK;

/* The first part called name, or NULL. */
const struct mpart *mparts_get(const struct mparts *m, const char *name);

#endif
