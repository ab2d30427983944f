/* mail.h: e-mail notices to people: the kinds there are, their text, and
 * the RFC 5322 message for one. */
#ifndef ST_MAIL_H
#define ST_MAIL_H

#include <stddef.h>
#include <time.h>

#include "buf.h"
#include "mailaddr.h"
#include "result.h"

/*
 * Every outbox row for a person (user_id) or a unit's leaders (unit_id)
 * becomes one e-mail per person. An e-mail never carries a child's data,
 * nor anything written in the case: its subject and text come from the
 * table of kinds below (translated into the recipient's language), and
 * its one link names the page by its random public id. That is the whole
 * of what leaves by e-mail, so a mail server, a forwarding rule or a
 * shared inbox learns that something needs attention, never about whom.
 *
 * A topic is what a person chooses to get or not on the settings page
 * (email_preference.topic); several outbox kinds may share one (the three
 * answers to a handover). A kind not in the table (a notice added later)
 * is sent with the text of the topic "other", so no notice is lost for
 * want of a text.
 *
 * Strings in the tables are msgids (English); callers translate them
 * with _() after choosing the language (i18n_use).
 */
enum mail_link {
	ML_LOG,		/* /logs/ID */
	ML_CONCERN,	/* /concerns/ID */
	ML_HANDOVER,	/* /handovers/ID (pending to this person), else log */
	ML_ANY,		/* the log, else the concern, else the start page */
	ML_HOME		/* the start page: the notice names no case (a
			 * family referred to a team, for its leaders) */
};

/* Who a topic can concern: the settings page shows each role its own. */
#define MW_EMPLOYEE	1u
#define MW_LEADER	2u
#define MW_CITIZEN	4u
#define MW_STAFF	(MW_EMPLOYEE | MW_LEADER)

struct mail_topic {
	const char	*id;	/* stored in email_preference.topic */
	const char	*label;	/* msgid: the checkbox */
	unsigned	 who;	/* MW_* */
};

struct mail_kind {
	const char	*kind;		/* outbox.kind */
	const char	*topic;		/* mail_topic.id */
	const char	*subject;	/* msgid */
	const char	*text;		/* msgid: what needs attention */
	enum mail_link	 link;
};

const struct mail_topic *mail_topics(size_t *n);
/* The topic with this id, or NULL. */
const struct mail_topic *mail_topic(const char *id);
/* The e-mail of an outbox kind; the "other" one for a kind not listed. */
const struct mail_kind *mail_kind_of(const char *kind);

/* mail_address_ok() and the other checks of form: mailaddr.h. */

/*
 * The subject and the text of one notice's e-mail in the current
 * language: the kind's subject; the kind's text, the link to the page,
 * and a last paragraph saying that Stafett sends nothing about children
 * by e-mail and where to choose which e-mails to get: settings_url.
 * The body has "\n" line ends (mail_build makes them CRLF).
 */
st_rc mail_compose(const struct mail_kind *k, const char *link,
    const char *settings_url, struct buf *subject, struct buf *body)
    ST_MUST_CHECK;

struct mail_in {
	const char	*from;		/* an address (mail_address_ok) */
	const char	*to;		/* an address (mail_address_ok) */
	const char	*message_id;	/* local@domain, without <> */
	const char	*idempotency_key;	/* the notice's, a header too */
	const char	*lang;		/* "nb" or "en", Content-Language */
	const char	*subject;	/* UTF-8, no control characters */
	const char	*body;		/* UTF-8 text, "\n" line ends */
	time_t		 date;
};

/*
 * The whole message, as handed to SMTP after DATA (curl does the
 * dot-stuffing): Date, From, To, Subject (RFC 2047 encoded words when it
 * is not plain ASCII), Message-ID, X-Stafett-Idempotency-Key,
 * Auto-Submitted, MIME-Version, Content-Type text/plain; charset=utf-8,
 * Content-Transfer-Encoding quoted-printable and Content-Language, then
 * the body in quoted-printable; every line ends in CRLF and none is
 * longer than 78 characters. ST_E_INVALID if an address, the id or the
 * subject is not acceptable (nothing is appended then).
 */
st_rc mail_build(const struct mail_in *in, struct buf *out) ST_MUST_CHECK;

/* The encoders mail_build uses, for the unit tests. */

/* "Name: value\r\n": value as is when it is printable ASCII without
 * "=?", else as RFC 2047 "B" encoded words of UTF-8, each at most 75
 * characters and never splitting a character, folded one per line. */
st_rc mail_header(struct buf *out, const char *name, const char *value)
    ST_MUST_CHECK;
/* Quoted-printable (RFC 2045 6.7) of UTF-8 text with "\n" line ends:
 * CRLF line ends, lines of at most 76 characters with soft breaks,
 * '=', controls, non-ASCII bytes, a space or tab at a line's end and a
 * '.' at a line's start encoded. */
st_rc mail_qp(struct buf *out, const char *text, size_t len) ST_MUST_CHECK;
/* An RFC 5322 date in UTC: "Tue, 07 Jan 2025 09:05:03 +0000". */
#define MAIL_DATE_SIZE 64
void mail_date(char out[MAIL_DATE_SIZE], time_t t);

#endif
