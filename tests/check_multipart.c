/* check_multipart.c: unit tests for multipart/form-data parsing. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "buf.h"
#include "mem.h"
#include "multipart.h"

#define CT	"multipart/form-data; boundary=XyZ123"

/* Parse a string literal as a whole (it may hold NUL bytes). */
#define PARSE(m, ct, lit) \
	multipart_parse((m), (ct), (const unsigned char *)(lit), \
	    sizeof(lit) - 1)

/* Parse a buffer built by a test. */
static st_rc
parse_buf(struct mparts *m, const char *ct, const struct buf *b)
{
	return multipart_parse(m, ct, (const unsigned char *)b->data, b->len);
}

/* The part's data equals the n bytes at want. */
static void
data_is(const struct mpart *p, const void *want, size_t n)
{
	ck_assert_ptr_nonnull(p);
	ck_assert_uint_eq(p->len, n);
	ck_assert_msg(memcmp(p->data, want, n) == 0, "data of '%s' differs",
	    p->name);
}

START_TEST(test_basic)
{
	/* What a browser sends for a text field and a chosen file. */
	static const char body[] =
	    "--XyZ123\r\n"
	    "Content-Disposition: form-data; name=\"comment\"\r\n"
	    "\r\n"
	    "signed on paper\r\n"
	    "--XyZ123\r\n"
	    "Content-Disposition: form-data; name=\"consent\"; "
	    "filename=\"scan.pdf\"\r\n"
	    "Content-Type: application/pdf\r\n"
	    "\r\n"
	    "%PDF-1.4 bytes\r\n"
	    "--XyZ123--\r\n";
	struct mparts m;
	const struct mpart *p;

	mparts_init(&m);
	ck_assert_int_eq(PARSE(&m, CT, body), ST_OK);
	ck_assert_uint_eq(m.n, 2);
	ck_assert_str_eq(m.v[0].name, "comment");
	ck_assert_ptr_null(m.v[0].filename);
	ck_assert_ptr_null(m.v[0].ctype);
	data_is(&m.v[0], "signed on paper", 15);
	p = mparts_get(&m, "consent");
	ck_assert_ptr_eq(p, &m.v[1]);
	ck_assert_str_eq(p->filename, "scan.pdf");
	ck_assert_str_eq(p->ctype, "application/pdf");
	data_is(p, "%PDF-1.4 bytes", 14);
	/* The data points into the body, which the caller keeps. */
	ck_assert_ptr_eq(p->data, (const unsigned char *)body +
	    (strstr(body, "%PDF") - body));
	ck_assert_ptr_null(mparts_get(&m, "missing"));
	ck_assert_ptr_null(mparts_get(&m, "Comment"));
	mparts_release(&m);
	ck_assert_uint_eq(m.n, 0);
	ck_assert_ptr_null(m.v);
}
END_TEST

START_TEST(test_quoted_boundary)
{
	struct mparts m;

	/* Quoted, with a space and RFC 2046 specials that a token lacks. */
	mparts_init(&m);
	ck_assert_int_eq(PARSE(&m, "multipart/form-data; boundary=\"a b:c?\"",
	    "--a b:c?\r\n"
	    "Content-Disposition: form-data; name=\"x\"\r\n\r\n"
	    "1\r\n--a b:c?--"), ST_OK);
	ck_assert_uint_eq(m.n, 1);
	data_is(&m.v[0], "1", 1);
	mparts_release(&m);

	/* Any case, other parameters, white space, empty parameters. */
	ck_assert_int_eq(PARSE(&m, " Multipart/Form-Data ;charset=utf-8;;  "
	    "BOUNDARY=\"XyZ123\" ; ",
	    "--XyZ123\r\n"
	    "Content-Disposition: form-data; name=x\r\n\r\n"
	    "2\r\n--XyZ123--"), ST_OK);
	ck_assert_uint_eq(m.n, 1);
	ck_assert_str_eq(m.v[0].name, "x");
	data_is(&m.v[0], "2", 1);
	mparts_release(&m);
}
END_TEST

START_TEST(test_binary_data)
{
	/*
	 * File data with CR, LF, CRLF, NUL, pieces of the delimiter and the
	 * boundary without its CRLF: all of it is data.
	 */
	static const char data[] =
	    "\r\n\r\n\r\r\n\n\0\xff\xd8"
	    "\r\n-\r\n--\r\n--X\r\n--XyZ12\r\n-XyZ123\n--XyZ123\r--XyZ123"
	    "--XyZ123--XyZ123\r\n--xyz123\r\n";
	static const char body[] =
	    "--XyZ123\r\n"
	    "Content-Disposition: form-data; name=\"f\"; filename=\"b.bin\"\r\n"
	    "Content-Type: application/octet-stream\r\n"
	    "\r\n"
	    "\r\n\r\n\r\r\n\n\0\xff\xd8"
	    "\r\n-\r\n--\r\n--X\r\n--XyZ12\r\n-XyZ123\n--XyZ123\r--XyZ123"
	    "--XyZ123--XyZ123\r\n--xyz123\r\n"
	    "\r\n--XyZ123\r\n"
	    "Content-Disposition: form-data; name=\"crlf\"\r\n"
	    "\r\n"
	    "\r\n"
	    "\r\n--XyZ123--";
	struct mparts m;

	mparts_init(&m);
	ck_assert_int_eq(PARSE(&m, CT, body), ST_OK);
	ck_assert_uint_eq(m.n, 2);
	data_is(mparts_get(&m, "f"), data, sizeof(data) - 1);
	/* Data that is one CRLF: the delimiter's CRLF is not data. */
	data_is(mparts_get(&m, "crlf"), "\r\n", 2);
	mparts_release(&m);
}
END_TEST

START_TEST(test_missing_final)
{
	struct mparts m;

	mparts_init(&m);
	/* No close delimiter after the last part. */
	ck_assert_int_eq(PARSE(&m, CT,
	    "--XyZ123\r\n"
	    "Content-Disposition: form-data; name=\"a\"\r\n\r\n"
	    "1\r\n"), ST_E_INVALID);
	ck_assert_uint_eq(m.n, 0);
	ck_assert_ptr_null(m.v);
	/* Good parts before do not save it. */
	ck_assert_int_eq(PARSE(&m, CT,
	    "--XyZ123\r\n"
	    "Content-Disposition: form-data; name=\"a\"\r\n\r\n"
	    "1\r\n--XyZ123\r\n"
	    "Content-Disposition: form-data; name=\"b\"\r\n\r\n"
	    "2"), ST_E_INVALID);
	ck_assert_uint_eq(m.n, 0);
	ck_assert_ptr_null(m.v);
	/* A delimiter with nothing after it, or half a close. */
	ck_assert_int_eq(PARSE(&m, CT,
	    "--XyZ123\r\n"
	    "Content-Disposition: form-data; name=\"a\"\r\n\r\n"
	    "1\r\n--XyZ123"), ST_E_INVALID);
	ck_assert_int_eq(PARSE(&m, CT,
	    "--XyZ123\r\n"
	    "Content-Disposition: form-data; name=\"a\"\r\n\r\n"
	    "1\r\n--XyZ123-"), ST_E_INVALID);
	ck_assert_uint_eq(m.n, 0);
	mparts_release(&m);
}
END_TEST

START_TEST(test_wrong_boundary)
{
	static const char body[] =
	    "--XyZ123\r\n"
	    "Content-Disposition: form-data; name=\"a\"\r\n\r\n"
	    "1\r\n--XyZ123--\r\n";
	struct mparts m;

	mparts_init(&m);
	ck_assert_int_eq(PARSE(&m, "multipart/form-data; boundary=XyZ124",
	    body), ST_E_INVALID);
	/* Boundaries are compared exactly: case matters. */
	ck_assert_int_eq(PARSE(&m, "multipart/form-data; boundary=xyz123",
	    body), ST_E_INVALID);
	/* A prefix of the real one: "--XyZ12" is followed by "3". */
	ck_assert_int_eq(PARSE(&m, "multipart/form-data; boundary=XyZ12",
	    body), ST_E_INVALID);
	ck_assert_uint_eq(m.n, 0);
	ck_assert_ptr_null(m.v);
	mparts_release(&m);
}
END_TEST

/*
 * Request Content-Type values that are refused, each with a body framed
 * by the boundary a lax reader would take from it, so that only the
 * Content-Type rule can refuse it.
 */
static const struct {
	const char	*ct;
	const char	*b;
} bad_ctypes[] = {
	{ "", "XyZ123" },
	{ "text/plain", "XyZ123" },
	{ "application/x-www-form-urlencoded", "XyZ123" },
	{ "multipart/mixed; boundary=XyZ123", "XyZ123" },
	{ "multipart/form-dataX; boundary=XyZ123", "XyZ123" },
	{ "multipart/form-data", "XyZ123" },
	{ "multipart/form-data;", "XyZ123" },
	{ "multipart/form-data; charset=utf-8", "XyZ123" },
	{ "multipart/form-data; boundary=", "" },
	{ "multipart/form-data; boundary=\"\"", "" },
	{ "multipart/form-data; boundary=\"XyZ123", "XyZ123" },
	/* ends in a space */
	{ "multipart/form-data; boundary=\"XyZ123 \"", "XyZ123 " },
	/* not bchars, quoted or in a token */
	{ "multipart/form-data; boundary=\"Xy\\Z123\"", "Xy\\Z123" },
	{ "multipart/form-data; boundary=\"Xy\"Z123\"", "Xy" },
	{ "multipart/form-data; boundary=\"Xy{Z123\"", "Xy{Z123" },
	{ "multipart/form-data; boundary=\"Xy\tZ123\"", "Xy\tZ123" },
	{ "multipart/form-data; boundary=\"Xy\xc3\xa5Z123\"",
	    "Xy\xc3\xa5Z123" },
	{ "multipart/form-data; boundary=XyZ!123", "XyZ!123" },
	{ "multipart/form-data; boundary=XyZ{123", "XyZ" },
	{ "multipart/form-data; boundary = XyZ123", "XyZ123" },
	{ "multipart/form-data; boundary=XyZ123; boundary=XyZ123", "XyZ123" },
	{ "multipart/form-data; boundary=XyZ123 junk", "XyZ123" },
	{ "multipart/form-data boundary=XyZ123", "XyZ123" },
	/* 71 characters */
	{ "multipart/form-data; boundary=1234567890123456789012345678901234"
	    "5678901234567890123456789012345678901",
	    "1234567890123456789012345678901234567890123456789012345678901234"
	    "5678901" },
};

START_TEST(test_bad_ctype)
{
	struct mparts m;
	struct buf b;

	buf_init(&b, 4096);
	ck_assert_int_eq(buf_addf(&b, "--%s\r\nContent-Disposition: "
	    "form-data; name=\"a\"\r\n\r\n1\r\n--%s--\r\n", bad_ctypes[_i].b,
	    bad_ctypes[_i].b), ST_OK);
	mparts_init(&m);
	ck_assert_msg(parse_buf(&m, bad_ctypes[_i].ct, &b) == ST_E_INVALID,
	    "accepted '%s'", bad_ctypes[_i].ct);
	ck_assert_uint_eq(m.n, 0);
	mparts_release(&m);
	buf_release(&b);
}
END_TEST

START_TEST(test_null_ctype)
{
	struct mparts m;

	mparts_init(&m);
	ck_assert_int_eq(PARSE(&m, NULL, "--XyZ123--"), ST_E_INVALID);
	ck_assert_uint_eq(m.n, 0);
	mparts_release(&m);
}
END_TEST

START_TEST(test_boundary_70)
{
	static const char b70[] = "1234567890123456789012345678901234567890"
	    "123456789012345678901234567890";
	struct mparts m;
	struct buf ct, body;

	ck_assert_uint_eq(sizeof(b70) - 1, MULTIPART_MAX_BOUNDARY);
	buf_init(&ct, 256);
	buf_init(&body, 1024);
	ck_assert_int_eq(buf_addf(&ct, "multipart/form-data; boundary=%s",
	    b70), ST_OK);
	ck_assert_int_eq(buf_addf(&body, "--%s\r\nContent-Disposition: "
	    "form-data; name=\"a\"\r\n\r\n1\r\n--%s--", b70, b70), ST_OK);
	mparts_init(&m);
	ck_assert_int_eq(parse_buf(&m, ct.data, &body), ST_OK);
	ck_assert_uint_eq(m.n, 1);
	data_is(&m.v[0], "1", 1);
	mparts_release(&m);
	buf_release(&ct);
	buf_release(&body);
}
END_TEST

/* A body with n parts named p0, p1, ... */
static void
many_parts(struct buf *b, size_t n)
{
	size_t i;

	buf_init(b, 1024 * 1024);
	for (i = 0; i < n; i++)
		ck_assert_int_eq(buf_addf(b, "--XyZ123\r\nContent-Disposition: "
		    "form-data; name=\"p%zu\"\r\n\r\n%zu\r\n", i, i), ST_OK);
	ck_assert_int_eq(buf_addstr(b, "--XyZ123--\r\n"), ST_OK);
}

START_TEST(test_too_many_parts)
{
	struct mparts m;
	struct buf b;

	mparts_init(&m);
	many_parts(&b, MULTIPART_MAX_PARTS);
	ck_assert_int_eq(parse_buf(&m, CT, &b), ST_OK);
	ck_assert_uint_eq(m.n, MULTIPART_MAX_PARTS);
	ck_assert_str_eq(m.v[MULTIPART_MAX_PARTS - 1].name, "p63");
	data_is(mparts_get(&m, "p63"), "63", 2);
	mparts_release(&m);
	buf_release(&b);

	many_parts(&b, MULTIPART_MAX_PARTS + 1);
	ck_assert_int_eq(parse_buf(&m, CT, &b), ST_E_TOO_BIG);
	ck_assert_uint_eq(m.n, 0);
	ck_assert_ptr_null(m.v);
	mparts_release(&m);
	buf_release(&b);
}
END_TEST

/* One part whose first header line is exactly linelen bytes long. */
static void
long_header(struct buf *b, size_t linelen)
{
	static const char head[] = "X-Pad: ";
	size_t i;

	buf_init(b, 64 * 1024);
	ck_assert_int_eq(buf_addstr(b, "--XyZ123\r\n"), ST_OK);
	ck_assert_int_eq(buf_addstr(b, head), ST_OK);
	for (i = sizeof(head) - 1; i < linelen; i++)
		ck_assert_int_eq(buf_addch(b, 'p'), ST_OK);
	ck_assert_int_eq(buf_addstr(b, "\r\nContent-Disposition: form-data; "
	    "name=\"a\"\r\n\r\n1\r\n--XyZ123--\r\n"), ST_OK);
}

START_TEST(test_header_too_long)
{
	struct mparts m;
	struct buf b;

	mparts_init(&m);
	long_header(&b, MULTIPART_MAX_LINE);
	ck_assert_int_eq(parse_buf(&m, CT, &b), ST_OK);
	ck_assert_uint_eq(m.n, 1);
	mparts_release(&m);
	buf_release(&b);

	long_header(&b, MULTIPART_MAX_LINE + 1);
	ck_assert_int_eq(parse_buf(&m, CT, &b), ST_E_TOO_BIG);
	ck_assert_uint_eq(m.n, 0);
	mparts_release(&m);
	buf_release(&b);

	/* Too long is too long even when the body ends inside the line. */
	long_header(&b, 4000);
	buf_truncate(&b, 2000);
	ck_assert_int_eq(parse_buf(&m, CT, &b), ST_E_TOO_BIG);
	ck_assert_uint_eq(m.n, 0);
	mparts_release(&m);
	buf_release(&b);
}
END_TEST

/* One part with n header lines (the disposition and n - 1 others). */
static void
many_headers(struct buf *b, size_t n)
{
	size_t i;

	buf_init(b, 64 * 1024);
	ck_assert_int_eq(buf_addstr(b, "--XyZ123\r\n"), ST_OK);
	for (i = 1; i < n; i++)
		ck_assert_int_eq(buf_addf(b, "X-H%zu: v\r\n", i), ST_OK);
	ck_assert_int_eq(buf_addstr(b, "Content-Disposition: form-data; "
	    "name=\"a\"\r\n\r\n1\r\n--XyZ123--\r\n"), ST_OK);
}

START_TEST(test_too_many_headers)
{
	struct mparts m;
	struct buf b;

	mparts_init(&m);
	many_headers(&b, MULTIPART_MAX_HEADERS);
	ck_assert_int_eq(parse_buf(&m, CT, &b), ST_OK);
	ck_assert_uint_eq(m.n, 1);
	mparts_release(&m);
	buf_release(&b);

	many_headers(&b, MULTIPART_MAX_HEADERS + 1);
	ck_assert_int_eq(parse_buf(&m, CT, &b), ST_E_TOO_BIG);
	ck_assert_uint_eq(m.n, 0);
	mparts_release(&m);
	buf_release(&b);
}
END_TEST

/* Content-Disposition values refused for their name or file name. */
static const char *const bad_names[] = {
	"form-data; name=\"\xff\"",			/* not UTF-8 */
	"form-data; name=\"a\xc3\"",			/* truncated */
	"form-data; name=\"\xc0\xaf\"",			/* overlong '/' */
	"form-data; name=\"\xed\xa0\x80\"",		/* surrogate */
	"form-data; name=\"\xef\xbf\xbe\"",		/* U+FFFE */
	"form-data; name=\"a\tb\"",			/* TAB */
	"form-data; name=\"a\x7f\"",			/* DEL */
	"form-data; name=\"a\xc2\x85\"",		/* C1: NEL */
	"form-data; name=\"a\xc2\x9f\"",		/* C1 */
	"form-data; name=\"\"",				/* empty */
	"form-data; name=\"f\"; filename=\"\xfe.pdf\"",
	"form-data; name=\"f\"; filename=\"a\tb.pdf\"",
	"form-data; name=\"f\"; filename=\"a\xc2\x80.pdf\"",
	"form-data; name=\"f\"; filename=\"x/\xff/a.pdf\"", /* in the path */
	"form-data; name=\"f\"; filename=\"..\"",
	"form-data; name=\"f\"; filename=\"a/..\"",
	"form-data; name=\"f\"; filename=\"C:\\scans\\.\"",
};

/* A one-part body with this Content-Disposition value. */
static void
with_disposition(struct buf *b, const char *cd)
{
	buf_init(b, 64 * 1024);
	ck_assert_int_eq(buf_addf(b, "--XyZ123\r\nContent-Disposition: %s\r\n"
	    "\r\ndata\r\n--XyZ123--\r\n", cd), ST_OK);
}

START_TEST(test_bad_name)
{
	struct mparts m;
	struct buf b;

	mparts_init(&m);
	with_disposition(&b, bad_names[_i]);
	ck_assert_msg(parse_buf(&m, CT, &b) == ST_E_INVALID, "accepted '%s'",
	    bad_names[_i]);
	ck_assert_uint_eq(m.n, 0);
	mparts_release(&m);
	buf_release(&b);
}
END_TEST

/* File names as sent and what is kept of them. */
static const struct {
	const char	*sent;
	const char	*kept;
} filenames[] = {
	{ "scan.pdf", "scan.pdf" },
	{ "C:\\Users\\kari\\Skann\\samtykke.pdf", "samtykke.pdf" },
	{ "/home/kari/scan.png", "scan.png" },
	{ "../../../etc/passwd", "passwd" },
	{ "..\\..\\boot.ini", "boot.ini" },
	{ "a/b\\c/d.jpg", "d.jpg" },
	{ "dir/", "" },
	{ "", "" },
	{ "...pdf", "...pdf" },
	{ "bl\xc3\xa5" "b\xc3\xa6r \xe2\x9c\x93.pdf",
	    "bl\xc3\xa5" "b\xc3\xa6r \xe2\x9c\x93.pdf" },
	/* the HTML standard's escapes are kept as sent */
	{ "my%22quoted%22.pdf", "my%22quoted%22.pdf" },
};

START_TEST(test_filename)
{
	struct mparts m;
	struct buf cd, b;

	buf_init(&cd, 4096);
	ck_assert_int_eq(buf_addf(&cd, "form-data; name=\"f\"; filename=\"%s\"",
	    filenames[_i].sent), ST_OK);
	with_disposition(&b, cd.data);
	mparts_init(&m);
	ck_assert_int_eq(parse_buf(&m, CT, &b), ST_OK);
	ck_assert_uint_eq(m.n, 1);
	ck_assert_str_eq(m.v[0].name, "f");
	ck_assert_ptr_nonnull(m.v[0].filename);
	ck_assert_str_eq(m.v[0].filename, filenames[_i].kept);
	mparts_release(&m);
	buf_release(&b);
	buf_release(&cd);
}
END_TEST

START_TEST(test_empty_file)
{
	/* A file input left empty: filename "" and no bytes. */
	static const char body[] =
	    "--XyZ123\r\n"
	    "Content-Disposition: form-data; name=\"consent\"; "
	    "filename=\"\"\r\n"
	    "Content-Type: application/octet-stream\r\n"
	    "\r\n"
	    "\r\n--XyZ123\r\n"
	    "Content-Disposition: form-data; name=\"note\"\r\n"
	    "\r\n"
	    "\r\n--XyZ123--\r\n";
	struct mparts m;
	const struct mpart *p;

	mparts_init(&m);
	ck_assert_int_eq(PARSE(&m, CT, body), ST_OK);
	ck_assert_uint_eq(m.n, 2);
	p = mparts_get(&m, "consent");
	ck_assert_ptr_nonnull(p);
	ck_assert_str_eq(p->filename, "");
	ck_assert_str_eq(p->ctype, "application/octet-stream");
	ck_assert_uint_eq(p->len, 0);
	ck_assert_ptr_nonnull(p->data);
	/* An empty text field is the same, without a file name. */
	p = mparts_get(&m, "note");
	ck_assert_ptr_null(p->filename);
	ck_assert_uint_eq(p->len, 0);
	mparts_release(&m);
}
END_TEST

START_TEST(test_no_parts)
{
	struct mparts m;

	/* A form with no fields: the close delimiter alone. */
	mparts_init(&m);
	ck_assert_int_eq(PARSE(&m, CT, "--XyZ123--\r\n"), ST_OK);
	ck_assert_uint_eq(m.n, 0);
	ck_assert_int_eq(PARSE(&m, CT, "--XyZ123--"), ST_OK);
	ck_assert_uint_eq(m.n, 0);
	ck_assert_int_eq(PARSE(&m, CT, "preamble\r\n--XyZ123--"), ST_OK);
	ck_assert_uint_eq(m.n, 0);
	/* No delimiter at all. */
	ck_assert_int_eq(PARSE(&m, CT, ""), ST_E_INVALID);
	ck_assert_int_eq(multipart_parse(&m, CT, NULL, 0), ST_E_INVALID);
	ck_assert_int_eq(PARSE(&m, CT, "just text\r\n"), ST_E_INVALID);
	ck_assert_int_eq(PARSE(&m, CT, "--XyZ12"), ST_E_INVALID);
	/* The boundary without the dashes is not a delimiter. */
	ck_assert_int_eq(PARSE(&m, CT, "XyZ123--"), ST_E_INVALID);
	ck_assert_uint_eq(m.n, 0);
	mparts_release(&m);
}
END_TEST

START_TEST(test_preamble_epilogue)
{
	struct mparts m;

	mparts_init(&m);
	ck_assert_int_eq(PARSE(&m, CT,
	    "This is a preamble.\r\n--XyZ12 is not a delimiter\r\n"
	    "--XyZ123\r\n"
	    "Content-Disposition: form-data; name=\"a\"\r\n\r\n"
	    "1\r\n--XyZ123--  \r\n"
	    "epilogue\r\n--XyZ123\r\nnot parsed\r\n\xff\0"), ST_OK);
	ck_assert_uint_eq(m.n, 1);
	data_is(&m.v[0], "1", 1);
	mparts_release(&m);

	/* Transport padding after a delimiter. */
	ck_assert_int_eq(PARSE(&m, CT,
	    "--XyZ123 \t \r\n"
	    "Content-Disposition: form-data; name=\"a\"\r\n\r\n"
	    "1\r\n--XyZ123\t\r\n"
	    "Content-Disposition: form-data; name=\"b\"\r\n\r\n"
	    "2\r\n--XyZ123--"), ST_OK);
	ck_assert_uint_eq(m.n, 2);
	data_is(mparts_get(&m, "b"), "2", 1);
	mparts_release(&m);
}
END_TEST

START_TEST(test_headers)
{
	static const char body[] =
	    "--XyZ123\r\n"
	    "X-Unknown: ignored\r\n"
	    "content-disposition:FORM-DATA;NAME=\"a\";FileName=x.png;"
	    "size=3;filename*=UTF-8''y.png  \r\n"
	    "CONTENT-TYPE:   image/png  \r\n"
	    "Content-Transfer-Encoding: BINARY\r\n"
	    "\r\n"
	    "png\r\n--XyZ123\r\n"
	    "Content-Disposition: form-data; name=\"a\\b\"; filename*=x\r\n"
	    "\r\n"
	    "2\r\n--XyZ123--\r\n";
	struct mparts m;

	/* Header and parameter names in any case; values trimmed. */
	mparts_init(&m);
	ck_assert_int_eq(PARSE(&m, CT, body), ST_OK);
	ck_assert_uint_eq(m.n, 2);
	ck_assert_str_eq(m.v[0].name, "a");
	ck_assert_str_eq(m.v[0].filename, "x.png");
	ck_assert_str_eq(m.v[0].ctype, "image/png");
	data_is(&m.v[0], "png", 3);
	/* filename* is ignored; a backslash is no escape. */
	ck_assert_str_eq(m.v[1].name, "a\\b");
	ck_assert_ptr_null(m.v[1].filename);
	mparts_release(&m);
}
END_TEST

START_TEST(test_backslash)
{
	struct mparts m;
	struct buf b;

	/* Inside quotes too; \" does not escape, so this is refused. */
	mparts_init(&m);
	with_disposition(&b, "form-data; name=\"a\\\\b\"; filename=\"x\\y\"");
	ck_assert_int_eq(parse_buf(&m, CT, &b), ST_OK);
	ck_assert_str_eq(m.v[0].name, "a\\\\b");
	ck_assert_str_eq(m.v[0].filename, "y");
	mparts_release(&m);
	buf_release(&b);
	with_disposition(&b, "form-data; name=\"a\\\"b\"");
	ck_assert_int_eq(parse_buf(&m, CT, &b), ST_E_INVALID);
	ck_assert_uint_eq(m.n, 0);
	mparts_release(&m);
	buf_release(&b);
}
END_TEST

/* Bodies that break a rule (boundary XyZ123). */
static const char *const bad_bodies[] = {
	/* bare LF line ends */
	"--XyZ123\nContent-Disposition: form-data; name=\"a\"\n\n1\n"
	    "--XyZ123--\n",
	"--XyZ123\r\nContent-Disposition: form-data; name=\"a\"\n\r\n1\r\n"
	    "--XyZ123--",
	"--XyZ123\r\nContent-Disposition: form-data; name=\"a\"\r\n\n1\r\n"
	    "--XyZ123--",
	"--XyZ123\r\nContent-Disposition: form-data; name=\"a\"\r\r\n\r\n"
	    "1\r\n--XyZ123--",
	"--XyZ123\n\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n"
	    "1\r\n--XyZ123--",
	/* no Content-Disposition, or not form-data, or no name */
	"--XyZ123\r\n\r\n1\r\n--XyZ123--",
	"--XyZ123\r\nContent-Type: text/plain\r\n\r\n1\r\n--XyZ123--",
	"--XyZ123\r\nContent-Disposition: attachment; name=\"a\"\r\n\r\n"
	    "1\r\n--XyZ123--",
	"--XyZ123\r\nContent-Disposition: form-data\r\n\r\n1\r\n--XyZ123--",
	"--XyZ123\r\nContent-Disposition: form-data; filename=\"a.pdf\"\r\n"
	    "\r\n1\r\n--XyZ123--",
	"--XyZ123\r\nContent-Disposition: \r\n\r\n1\r\n--XyZ123--",
	/* parameter syntax */
	"--XyZ123\r\nContent-Disposition: form-data; name=\"a\r\n\r\n"
	    "1\r\n--XyZ123--",
	"--XyZ123\r\nContent-Disposition: form-data; name=\"a\"b\r\n\r\n"
	    "1\r\n--XyZ123--",
	"--XyZ123\r\nContent-Disposition: form-data; name = \"a\"\r\n\r\n"
	    "1\r\n--XyZ123--",
	"--XyZ123\r\nContent-Disposition: form-data; name=\r\n\r\n"
	    "1\r\n--XyZ123--",
	"--XyZ123\r\nContent-Disposition: form-data; name\r\n\r\n"
	    "1\r\n--XyZ123--",
	"--XyZ123\r\nContent-Disposition: form-data; =\"a\"\r\n\r\n"
	    "1\r\n--XyZ123--",
	"--XyZ123\r\nContent-Disposition: form-data; name=\"a\"; =\"b\"\r\n"
	    "\r\n1\r\n--XyZ123--",
	"--XyZ123\r\nContent-Disposition: form-data name=\"a\"\r\n\r\n"
	    "1\r\n--XyZ123--",
	/* a parameter or a header twice */
	"--XyZ123\r\nContent-Disposition: form-data; name=\"a\"; name=\"b\""
	    "\r\n\r\n1\r\n--XyZ123--",
	"--XyZ123\r\nContent-Disposition: form-data; name=\"a\"; "
	    "filename=\"x\"; FILENAME=\"y\"\r\n\r\n1\r\n--XyZ123--",
	"--XyZ123\r\nContent-Disposition: form-data; name=\"a\"\r\n"
	    "Content-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--XyZ123--",
	"--XyZ123\r\nContent-Disposition: form-data; name=\"a\"\r\n"
	    "Content-Type: text/plain\r\ncontent-type: text/plain\r\n\r\n"
	    "1\r\n--XyZ123--",
	/* header line syntax */
	"--XyZ123\r\nContent-Disposition: form-data;\r\n name=\"a\"\r\n\r\n"
	    "1\r\n--XyZ123--",
	"--XyZ123\r\n Content-Disposition: form-data; name=\"a\"\r\n\r\n"
	    "1\r\n--XyZ123--",
	"--XyZ123\r\nContent-Disposition : form-data; name=\"a\"\r\n\r\n"
	    "1\r\n--XyZ123--",
	"--XyZ123\r\nContent-Disposition: form-data; name=\"a\"\r\n"
	    "no colon here\r\n\r\n1\r\n--XyZ123--",
	"--XyZ123\r\nContent-Disposition: form-data; name=\"a\"\r\n"
	    ": empty name\r\n\r\n1\r\n--XyZ123--",
	"--XyZ123\r\nContent-Disposition: form-data; name=\"a\"\r\n"
	    "X-Ctl: a\x01" "b\r\n\r\n1\r\n--XyZ123--",
	"--XyZ123\r\nContent-Disposition: form-data; name=\"a\"\r\n"
	    "Content-Type: text/pl\xc3\xa5in\r\n\r\n1\r\n--XyZ123--",
	"--XyZ123\r\nContent-Disposition: form-data; name=\"a\"\r\n"
	    "Content-Type:\r\n\r\n1\r\n--XyZ123--",
	"--XyZ123\r\nContent-Disposition: form-data; name=\"a\"\r\n"
	    "Content-Transfer-Encoding: base64\r\n\r\nMQ==\r\n--XyZ123--",
	/* truncated in the headers */
	"--XyZ123\r\nContent-Disposition: form-data; name=\"a\"",
	"--XyZ123\r\nContent-Disposition: form-data; name=\"a\"\r",
	"--XyZ123\r\nContent-Disposition: form-data; name=\"a\"\r\n",
	"--XyZ123\r\nContent-Disposition: form-data; name=\"a\"\r\n\r",
	"--XyZ123\r\n",
	"--XyZ123",
	/* the close delimiter where headers should be */
	"--XyZ123\r\nContent-Disposition: form-data; name=\"a\"\r\n"
	    "--XyZ123--",
	/* a delimiter followed by something else */
	"--XyZ123x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n"
	    "1\r\n--XyZ123--",
	"--XyZ123\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n"
	    "1\r\n--XyZ1234\r\n--XyZ123--",
	"--XyZ123\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n"
	    "1\r\n--XyZ123 x\r\n--XyZ123--",
	"--XyZ123 \nContent-Disposition: form-data; name=\"a\"\r\n\r\n"
	    "1\r\n--XyZ123--",
	"--XyZ123xxContent-Disposition: form-data; name=\"a\"\r\n\r\n"
	    "1\r\n--XyZ123--",
	"--XyZ123\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n"
	    "1\r\n--XyZ123xxContent-Disposition: form-data; name=\"b\"\r\n"
	    "\r\n2\r\n--XyZ123--",
};

START_TEST(test_bad_body)
{
	struct mparts m;
	const char *s = bad_bodies[_i];

	mparts_init(&m);
	ck_assert_msg(multipart_parse(&m, CT, (const unsigned char *)s,
	    strlen(s)) == ST_E_INVALID, "accepted body %d", _i);
	ck_assert_uint_eq(m.n, 0);
	ck_assert_ptr_null(m.v);
	mparts_release(&m);
}
END_TEST

START_TEST(test_length_respected)
{
	static const char body[] =
	    "--XyZ123\r\n"
	    "Content-Disposition: form-data; name=\"a\"\r\n\r\n"
	    "1\r\n--XyZ123--";
	struct mparts m;

	/* Only len bytes are read: one short, the close is missing. */
	mparts_init(&m);
	ck_assert_int_eq(multipart_parse(&m, CT, (const unsigned char *)body,
	    sizeof(body) - 2), ST_E_INVALID);
	ck_assert_int_eq(multipart_parse(&m, CT, (const unsigned char *)body,
	    sizeof(body) - 1), ST_OK);
	ck_assert_uint_eq(m.n, 1);
	mparts_release(&m);
}
END_TEST

START_TEST(test_append_and_reuse)
{
	static const char one[] =
	    "--XyZ123\r\n"
	    "Content-Disposition: form-data; name=\"a\"\r\n\r\n"
	    "1\r\n--XyZ123--";
	static const char two[] =
	    "--XyZ123\r\n"
	    "Content-Disposition: form-data; name=\"a\"\r\n\r\n"
	    "2\r\n--XyZ123--";
	struct mparts m;

	/* Parsing appends; mparts_get gives the first of a name. */
	mparts_init(&m);
	ck_assert_int_eq(PARSE(&m, CT, one), ST_OK);
	ck_assert_int_eq(PARSE(&m, CT, two), ST_OK);
	ck_assert_uint_eq(m.n, 2);
	data_is(mparts_get(&m, "a"), "1", 1);
	data_is(&m.v[1], "2", 1);
	/* A failure empties the list, earlier parts included. */
	ck_assert_int_eq(PARSE(&m, CT, "--XyZ123\r\n"), ST_E_INVALID);
	ck_assert_uint_eq(m.n, 0);
	ck_assert_ptr_null(m.v);
	/* A released list is reusable. */
	ck_assert_int_eq(PARSE(&m, CT, two), ST_OK);
	data_is(mparts_get(&m, "a"), "2", 1);
	mparts_release(&m);
	mparts_release(&m);
	ck_assert_uint_eq(m.n, 0);
}
END_TEST

static Suite *
multipart_suite(void)
{
	Suite *s = suite_create("multipart");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_basic);
	tcase_add_test(tc, test_quoted_boundary);
	tcase_add_test(tc, test_binary_data);
	tcase_add_test(tc, test_missing_final);
	tcase_add_test(tc, test_wrong_boundary);
	tcase_add_loop_test(tc, test_bad_ctype, 0,
	    (int)(sizeof(bad_ctypes) / sizeof(bad_ctypes[0])));
	tcase_add_test(tc, test_null_ctype);
	tcase_add_test(tc, test_boundary_70);
	tcase_add_test(tc, test_too_many_parts);
	tcase_add_test(tc, test_header_too_long);
	tcase_add_test(tc, test_too_many_headers);
	tcase_add_loop_test(tc, test_bad_name, 0,
	    (int)(sizeof(bad_names) / sizeof(bad_names[0])));
	tcase_add_loop_test(tc, test_filename, 0,
	    (int)(sizeof(filenames) / sizeof(filenames[0])));
	tcase_add_test(tc, test_empty_file);
	tcase_add_test(tc, test_no_parts);
	tcase_add_test(tc, test_preamble_epilogue);
	tcase_add_test(tc, test_headers);
	tcase_add_test(tc, test_backslash);
	tcase_add_loop_test(tc, test_bad_body, 0,
	    (int)(sizeof(bad_bodies) / sizeof(bad_bodies[0])));
	tcase_add_test(tc, test_length_respected);
	tcase_add_test(tc, test_append_and_reuse);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(multipart_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
