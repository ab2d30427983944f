/* check_mail.c: unit tests for the e-mail kinds, encoders and builder. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <check.h>
#include <sodium.h>

#include "buf.h"
#include "mail.h"
#include "utf8.h"

/* ------------------------------------------------------------ helpers */

/* Every line of text ends in CRLF, and none is longer than max. */
static void
assert_lines(const char *text, size_t max)
{
	const char *p = text, *e;

	while (*p != '\0') {
		e = strstr(p, "\r\n");
		ck_assert_msg(e != NULL, "no CRLF after '%.40s'", p);
		ck_assert_msg(memchr(p, '\n', (size_t)(e - p)) == NULL,
		    "bare LF in '%.40s'", p);
		ck_assert_msg(memchr(p, '\r', (size_t)(e - p)) == NULL,
		    "bare CR in '%.40s'", p);
		ck_assert_msg((size_t)(e - p) <= max, "line of %zu: '%.*s'",
		    (size_t)(e - p), (int)(e - p), p);
		p = e + 2;
	}
}

static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Quoted-printable back to text with "\n" line ends (RFC 2045 6.7). */
static void
qp_decode(const char *qp, struct buf *out)
{
	const char *p = qp;

	while (*p != '\0') {
		if (p[0] == '=' && p[1] == '\r' && p[2] == '\n') {
			p += 3;
		} else if (p[0] == '=') {
			int hi = hexval(p[1]), lo;

			ck_assert_int_ge(hi, 0);	/* p[2] is there */
			lo = hexval(p[2]);
			ck_assert_int_ge(lo, 0);
			ck_assert_int_eq(buf_addch(out, (char)(hi * 16 + lo)),
			    ST_OK);
			p += 3;
		} else if (p[0] == '\r' && p[1] == '\n') {
			ck_assert_int_eq(buf_addch(out, '\n'), ST_OK);
			p += 2;
		} else {
			/* only printable ASCII and tabs are left literal */
			ck_assert_msg((*p >= 32 && *p <= 126) || *p == '\t',
			    "raw byte %d",
			    (unsigned char)*p);
			ck_assert_int_eq(buf_addch(out, *p), ST_OK);
			p++;
		}
	}
}

static void
assert_qp(const char *text, const char *expect)
{
	struct buf b = BUF_INIT(65536), back = BUF_INIT(65536);

	ck_assert_int_eq(mail_qp(&b, text, strlen(text)), ST_OK);
	if (expect != NULL)
		ck_assert_str_eq(b.data, expect);
	/* Lines of at most 76 characters, and nothing lost. */
	ck_assert_int_eq(buf_addstr(&b, "\r\n"), ST_OK);
	assert_lines(b.data, 76);
	buf_truncate(&b, b.len - 2);
	qp_decode(b.data, &back);
	ck_assert_str_eq(back.data, text);
	buf_release(&b);
	buf_release(&back);
}

/*
 * The header's value as a reader sees it: encoded words decoded and
 * joined (the folding white space between two encoded words is not
 * part of the text, RFC 2047 6.2). Each word is checked on the way: at
 * most 75 characters, UTF-8 "B", whole characters.
 */
static void
header_decode(const char *line, const char *name, struct buf *out)
{
	const char *p = line + strlen(name) + 1;
	unsigned char raw[128];
	size_t rawlen;

	ck_assert_msg(strncmp(line, name, strlen(name)) == 0 &&
	    line[strlen(name)] == ':', "not a %s header: %s", name, line);
	while (*p != '\0') {
		const char *end;

		while (*p == ' ' || *p == '\r' || *p == '\n')
			p++;
		if (*p == '\0')
			break;
		ck_assert_msg(strncmp(p, "=?UTF-8?B?", 10) == 0,
		    "not an encoded word: %s", p);
		end = strstr(p + 10, "?=");
		ck_assert_ptr_nonnull(end);
		ck_assert_uint_le((size_t)(end + 2 - p), 75);
		ck_assert_int_eq(sodium_base642bin(raw, sizeof(raw), p + 10,
		    (size_t)(end - p - 10), NULL, &rawlen, NULL,
		    sodium_base64_VARIANT_ORIGINAL), 0);
		/* each word alone is whole UTF-8 characters */
		ck_assert(utf8_valid((const char *)raw, rawlen));
		ck_assert_int_eq(buf_add(out, raw, rawlen), ST_OK);
		p = end + 2;
	}
}

/* ------------------------------------------------------------ addresses */

static const char *good_addresses[] = {
	"ansatt@example.test",
	"a.b+c@sub.example.no",
	"x_y-z@larvik.kommune.no",
	"o'neil@example.org",
};

static const char *bad_addresses[] = {
	"",
	"ansatt",
	"a@@example.no",
	"@example.no",
	"a@",
	"a b@example.no",
	"a@example.no\r\nBcc: x@evil.test",
	"a@example.no\nx",
	"\"a\"@example.no",
	"a..b@example.no",
	".a@example.no",
	"a.@example.no",
	"a@example..no",
	"a@-example.no",
	"a@example.no.",
	"<a@example.no>",
	"a@example.no,b@example.no",
	"a@example.no b@example.no",
	"a(c)@example.no",
	"\xc3\xa6@example.no",
	"a@\xc3\xa6.no",
	"a@[127.0.0.1]",
};

START_TEST(test_address_good)
{
	ck_assert_msg(mail_address_ok(good_addresses[_i]), "refused: %s",
	    good_addresses[_i]);
}
END_TEST

START_TEST(test_address_bad)
{
	ck_assert_msg(!mail_address_ok(bad_addresses[_i]), "accepted: %s",
	    bad_addresses[_i]);
}
END_TEST

START_TEST(test_address_length)
{
	char a[300];

	ck_assert(!mail_address_ok(NULL));
	/* a local part of 65 is too long, 64 is not */
	memset(a, 'l', 65);
	memcpy(a + 65, "@x.no", 6);
	ck_assert(!mail_address_ok(a));
	memmove(a + 64, a + 65, 6);
	ck_assert(mail_address_ok(a));
	/* 255 in all is too long */
	memset(a, 'a', 10);
	a[10] = '@';
	memset(a + 11, 'd', 240);
	memcpy(a + 251, ".no", 4);
	ck_assert_uint_eq(strlen(a), 254);
	ck_assert(mail_address_ok(a));
	memcpy(a + 251, "d.no", 5);
	ck_assert(!mail_address_ok(a));
}
END_TEST

/* ------------------------------------------------------------ date */

START_TEST(test_date)
{
	char d[MAIL_DATE_SIZE];

	mail_date(d, 0);
	ck_assert_str_eq(d, "Thu, 01 Jan 1970 00:00:00 +0000");
	mail_date(d, 1736240703);
	ck_assert_str_eq(d, "Tue, 07 Jan 2025 09:05:03 +0000");
	/* a leap day, late in the evening in UTC */
	mail_date(d, 1709251199);
	ck_assert_str_eq(d, "Thu, 29 Feb 2024 23:59:59 +0000");
}
END_TEST

/* ------------------------------------------------------------ headers */

START_TEST(test_header_plain)
{
	struct buf b = BUF_INIT(4096);

	ck_assert_int_eq(mail_header(&b, "Subject",
	    "Stafett: a new concern in your unit"), ST_OK);
	ck_assert_str_eq(b.data,
	    "Subject: Stafett: a new concern in your unit\r\n");
	buf_release(&b);
}
END_TEST

START_TEST(test_header_norwegian)
{
	const char *s = "Stafett: en overf\xc3\xb8ring venter p\xc3\xa5 svar "
	    "fra deg";
	struct buf b = BUF_INIT(4096), back = BUF_INIT(4096);

	ck_assert_int_eq(mail_header(&b, "Subject", s), ST_OK);
	ck_assert_ptr_nonnull(strstr(b.data, "=?UTF-8?B?"));
	/* no raw 8-bit byte in a header */
	ck_assert_ptr_null(strstr(b.data, "\xc3"));
	assert_lines(b.data, 78);
	header_decode(b.data, "Subject", &back);
	ck_assert_str_eq(back.data, s);
	buf_release(&b);
	buf_release(&back);
}
END_TEST

START_TEST(test_header_long_and_split_characters)
{
	/* 100 two-byte and three-byte characters: several words, every
	 * cut between characters, whatever the offsets */
	struct buf s = BUF_INIT(4096), b = BUF_INIT(8192),
	    back = BUF_INIT(4096);
	int i;

	for (i = 0; i < 100; i++)
		ck_assert_int_eq(buf_addstr(&s, i % 3 == 0 ? "\xe2\x80\x93" :
		    i % 3 == 1 ? "\xc3\xa6" : "x"), ST_OK);
	ck_assert_int_eq(mail_header(&b, "Subject", s.data), ST_OK);
	ck_assert_ptr_nonnull(strstr(b.data, "\r\n =?UTF-8?B?"));
	assert_lines(b.data, 78);
	header_decode(b.data, "Subject", &back);
	ck_assert_str_eq(back.data, s.data);
	buf_release(&s);
	buf_release(&b);
	buf_release(&back);
}
END_TEST

START_TEST(test_header_ascii_that_looks_encoded)
{
	struct buf b = BUF_INIT(4096), back = BUF_INIT(4096);

	/* "=?" in plain text would be read as an encoded word */
	ck_assert_int_eq(mail_header(&b, "Subject", "a =?x?= b"), ST_OK);
	header_decode(b.data, "Subject", &back);
	ck_assert_str_eq(back.data, "a =?x?= b");
	buf_release(&b);
	buf_release(&back);
}
END_TEST

/* ------------------------------------------------------------ QP */

START_TEST(test_qp)
{
	assert_qp("abc", "abc");
	assert_qp("a=b", "a=3Db");
	assert_qp("\xc3\xa6\xc3\xb8\xc3\xa5", "=C3=A6=C3=B8=C3=A5");
	assert_qp("two\nlines", "two\r\nlines");
	/* white space at a line's end would be lost on the way */
	assert_qp("end \nnext\t", "end=20\r\nnext=09");
	assert_qp("a b\tc", "a b\tc");
	/* a dot first on a line: safe even without SMTP's dot-stuffing */
	assert_qp(".\n.x", "=2E\r\n=2Ex");
	assert_qp("x.y", "x.y");
	assert_qp("", "");
	assert_qp("\n\n", "\r\n\r\n");
	assert_qp("cr\r", "cr=0D");
}
END_TEST

START_TEST(test_qp_long_lines)
{
	struct buf s = BUF_INIT(8192), b = BUF_INIT(65536);
	int i;

	for (i = 0; i < 300; i++)
		ck_assert_int_eq(buf_addch(&s, 'a'), ST_OK);
	assert_qp(s.data, NULL);
	ck_assert_int_eq(mail_qp(&b, s.data, s.len), ST_OK);
	/* 75 characters and the soft break's '=' */
	ck_assert_int_eq(strncmp(b.data + 75, "=\r\n", 3), 0);
	buf_reset(&s);
	buf_reset(&b);
	/* escapes are never cut by a soft break, dots after one are
	 * encoded, spaces before one are kept */
	for (i = 0; i < 200; i++)
		ck_assert_int_eq(buf_addstr(&s, i % 4 == 0 ? "\xc3\xb8" :
		    i % 4 == 1 ? "." : i % 4 == 2 ? " " : "="), ST_OK);
	assert_qp(s.data, NULL);
	ck_assert_int_eq(mail_qp(&b, s.data, s.len), ST_OK);
	ck_assert_ptr_null(strstr(b.data, "\r\n."));
	buf_release(&s);
	buf_release(&b);
}
END_TEST

/* ------------------------------------------------------------ message */

static struct mail_in
message(void)
{
	struct mail_in in;

	in.from = "stafett@larvik.example";
	in.to = "leder@example.test";
	in.message_id = "AbC-_dEf.G1h2@larvik.example";
	in.idempotency_key = "AbC-_dEf";
	in.lang = "nb";
	in.subject = "Stafett: en overf\xc3\xb8ring venter p\xc3\xa5 svar";
	in.body = "Hei,\n\nDu er bedt om \xc3\xa5 ta over.\n\n"
	    "https://stafett.example/handovers/abc\n";
	in.date = 1736240703;
	return in;
}

START_TEST(test_build)
{
	static const char *headers[] = {
		"\r\nFrom: Stafett <stafett@larvik.example>\r\n",
		"\r\nTo: leder@example.test\r\n",
		"\r\nSubject: =?UTF-8?B?",
		"\r\nMessage-ID: <AbC-_dEf.G1h2@larvik.example>\r\n",
		"\r\nX-Stafett-Idempotency-Key: AbC-_dEf\r\n",
		"\r\nAuto-Submitted: auto-generated\r\n",
		"\r\nMIME-Version: 1.0\r\n",
		"\r\nContent-Type: text/plain; charset=utf-8\r\n",
		"\r\nContent-Transfer-Encoding: quoted-printable\r\n",
		"\r\nContent-Language: nb\r\n",
	};
	struct mail_in in = message();
	struct buf b = BUF_INIT(65536), body = BUF_INIT(65536);
	const char *sep;
	size_t i;

	ck_assert_int_eq(mail_build(&in, &b), ST_OK);
	assert_lines(b.data, 78);
	ck_assert_int_eq(strncmp(b.data,
	    "Date: Tue, 07 Jan 2025 09:05:03 +0000\r\n", 39), 0);
	for (i = 0; i < sizeof(headers) / sizeof(headers[0]); i++)
		ck_assert_msg(strstr(b.data, headers[i]) != NULL, "no %s",
		    headers[i]);
	/* the headers end at the first empty line; the body decodes back */
	sep = strstr(b.data, "\r\n\r\n");
	ck_assert_ptr_nonnull(sep);
	ck_assert_ptr_null(memchr(b.data, 0xc3, (size_t)(sep - b.data)));
	qp_decode(sep + 4, &body);
	ck_assert_str_eq(body.data, in.body);
	buf_release(&b);
	buf_release(&body);
}
END_TEST

/* One field of message() changed to something mail_build must refuse. */
static const struct {
	const char	*field, *value;
} refused[] = {
	{ "to", "a@example.test\r\nBcc: b@example.test" },
	{ "from", "x" },
	{ "subject", "two\r\nBcc: b@example.test" },
	{ "id", "a>b@x.no" },
	{ "id", "no-domain" },
	{ "key", "a b" },
	{ "lang", "de" },
};

START_TEST(test_build_refuses_injection)
{
	struct mail_in in = message();
	struct buf b = BUF_INIT(65536);
	const char *f = refused[_i].field, *v = refused[_i].value;

	ck_assert_int_eq(buf_addstr(&b, "kept"), ST_OK);
	if (strcmp(f, "to") == 0)
		in.to = v;
	else if (strcmp(f, "from") == 0)
		in.from = v;
	else if (strcmp(f, "subject") == 0)
		in.subject = v;
	else if (strcmp(f, "id") == 0)
		in.message_id = v;
	else if (strcmp(f, "key") == 0)
		in.idempotency_key = v;
	else
		in.lang = v;
	ck_assert_int_eq(mail_build(&in, &b), ST_E_INVALID);
	/* nothing was appended */
	ck_assert_str_eq(b.data, "kept");
	buf_release(&b);
}
END_TEST

START_TEST(test_build_too_big_leaves_nothing)
{
	struct mail_in in = message();
	struct buf b = BUF_INIT(300);

	ck_assert_int_eq(mail_build(&in, &b), ST_E_TOO_BIG);
	ck_assert_uint_eq(b.len, 0);
	buf_release(&b);
}
END_TEST

/* ------------------------------------------------------------ kinds */

/* The kinds the relay log writes for people (grep caselog_notice). */
static const char *people_kinds[] = {
	"concern.new", "concern.urgent", "concern.overdue",
	"log.participant", "handover.request", "handover.accepted",
	"handover.refused", "handover.withdrawn", "measure.new",
	"measure.soon", "measure.overdue", "meeting.invite", "consent.expiring",
	"consent.ended", "log.close_request",
	/* and notify's delivery alerts (alerts.c) */
	"notice.unacknowledged", "notice.dead", "notice.no_receiver",
	"partner.failing",
};

START_TEST(test_kinds)
{
	const struct mail_kind *k = mail_kind_of(people_kinds[_i]);

	/* each has its own text, not the fallback's */
	ck_assert_str_eq(k->kind, people_kinds[_i]);
	ck_assert_ptr_nonnull(mail_topic(k->topic));
	ck_assert_int_eq(strncmp(k->subject, "Stafett: ", 9), 0);
	ck_assert_str_ne(k->text, mail_kind_of("other")->text);
}
END_TEST

START_TEST(test_kind_unknown)
{
	const struct mail_kind *k = mail_kind_of("receipt.new");

	ck_assert_str_eq(k->topic, "other");
	ck_assert_int_eq(k->link, ML_ANY);
	ck_assert_ptr_eq(mail_kind_of(NULL), k);
	ck_assert_ptr_nonnull(mail_topic("other"));
	ck_assert_ptr_null(mail_topic("nonsense"));
	ck_assert_ptr_null(mail_topic(NULL));
}
END_TEST

START_TEST(test_topics)
{
	const struct mail_topic *t;
	size_t n, i, j;

	t = mail_topics(&n);
	ck_assert_uint_ge(n, 10);
	for (i = 0; i < n; i++) {
		ck_assert(t[i].who != 0);
		ck_assert(strlen(t[i].id) < 40);	/* the column */
		for (j = 0; j < i; j++)
			ck_assert_str_ne(t[i].id, t[j].id);
	}
	/* the guardians can choose the one e-mail they are sent */
	ck_assert(mail_topic("consent.expiring")->who & MW_CITIZEN);
	ck_assert(!(mail_topic("concern.new")->who & MW_CITIZEN));
	/* a concern passed to a log, and its answer, have their own */
	ck_assert_str_eq(mail_kind_of("concern.passed")->topic,
	    "concern.passed");
	ck_assert_str_eq(mail_kind_of("concern.answered")->topic,
	    "concern.answered");
}
END_TEST

START_TEST(test_compose)
{
	const struct mail_kind *k = mail_kind_of("handover.request");
	struct buf subject = BUF_INIT(4096), body = BUF_INIT(4096);

	/* without a catalogue the msgids come back: English */
	ck_assert_int_eq(mail_compose(k, "https://s.example/handovers/X",
	    "https://s.example/settings/email", &subject, &body), ST_OK);
	ck_assert_str_eq(subject.data, k->subject);
	ck_assert_ptr_nonnull(strstr(body.data, k->text));
	/* the link, then a signature with where to choose */
	ck_assert_ptr_nonnull(strstr(body.data, "\nhttps://s.example/"
	    "handovers/X\n\n-- \n"));
	ck_assert_ptr_nonnull(strstr(body.data, "\nhttps://s.example/"
	    "settings/email\n"));
	buf_release(&subject);
	buf_release(&body);
}
END_TEST

static Suite *
mail_suite(void)
{
	Suite *s = suite_create("mail");
	TCase *tc = tcase_create("core");

	tcase_add_loop_test(tc, test_address_good, 0,
	    (int)(sizeof(good_addresses) / sizeof(good_addresses[0])));
	tcase_add_loop_test(tc, test_address_bad, 0,
	    (int)(sizeof(bad_addresses) / sizeof(bad_addresses[0])));
	tcase_add_test(tc, test_address_length);
	tcase_add_test(tc, test_date);
	tcase_add_test(tc, test_header_plain);
	tcase_add_test(tc, test_header_norwegian);
	tcase_add_test(tc, test_header_long_and_split_characters);
	tcase_add_test(tc, test_header_ascii_that_looks_encoded);
	tcase_add_test(tc, test_qp);
	tcase_add_test(tc, test_qp_long_lines);
	tcase_add_test(tc, test_build);
	tcase_add_loop_test(tc, test_build_refuses_injection, 0,
	    (int)(sizeof(refused) / sizeof(refused[0])));
	tcase_add_test(tc, test_build_too_big_leaves_nothing);
	tcase_add_loop_test(tc, test_kinds, 0,
	    (int)(sizeof(people_kinds) / sizeof(people_kinds[0])));
	tcase_add_test(tc, test_kind_unknown);
	tcase_add_test(tc, test_topics);
	tcase_add_test(tc, test_compose);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr;
	int failed;

	if (sodium_init() < 0)
		return EXIT_FAILURE;
	sr = srunner_create(mail_suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
