/* mail.c: the kinds of e-mail notice and the message for one (mail.h). */
#include "config.h"

#include <string.h>
#include <time.h>

#include <sodium.h>

#include "i18n.h"
#include "mail.h"
#include "mailaddr.h"

static const struct mail_topic topics[] = {
	{ "concern.new", N_("A new concern is written down in my unit"),
	    MW_LEADER },
	{ "concern.urgent",
	    N_("An urgent concern is written down in my unit"), MW_LEADER },
	{ "concern.overdue", N_("A concern is past its deadline to decide"),
	    MW_STAFF },
	{ "concern.passed",
	    N_("A concern is passed to a relay log I hold or whose unit I lead"),
	    MW_STAFF },
	{ "concern.answered",
	    N_("A concern I passed on is answered"), MW_STAFF },
	{ "concern.advice",
	    N_("A team gives its advice on a concern I put on its agenda"),
	    MW_STAFF },
	{ "team.referral",
	    N_("A family is referred to a team I lead, or the team takes it in"),
	    MW_STAFF },
	{ "referral.answer",
	    N_("A team decides about a family I referred to it"), MW_STAFF },
	{ "log.participant", N_("I am added to a relay log"), MW_STAFF },
	{ "handover.request",
	    N_("I am asked to take over as relay holder"), MW_STAFF },
	{ "handover.answer",
	    N_("My handover is accepted or refused, or a handover to me is withdrawn"),
	    MW_STAFF },
	{ "measure.new", N_("I am made responsible for a measure"),
	    MW_STAFF },
	{ "measure.overdue",
	    N_("A measure is to be evaluated soon, or its evaluation is overdue"),
	    MW_STAFF },
	{ "meeting.invite", N_("I am invited to a meeting"),
	    MW_STAFF | MW_CITIZEN },
	{ "meeting.answer",
	    N_("Someone answers an invitation to a meeting of a relay log I hold"),
	    MW_STAFF },
	{ "consent.expiring", N_("A consent is about to expire"),
	    MW_STAFF | MW_CITIZEN },
	{ "consent.ended", N_("A consent has ended or been withdrawn"),
	    MW_STAFF },
	{ "log.close_request",
	    N_("The guardians ask for a relay log to be closed"), MW_STAFF },
	{ "log.family_note",
	    N_("The guardians or the youth write in a relay log I hold"),
	    MW_STAFF },
	{ "log.feedback",
	    N_("A relay log about my child is closed, and I am asked how it went"),
	    MW_CITIZEN },
	{ "notice.problem",
	    N_("A notice to a partner has not arrived as it should"),
	    MW_STAFF },
	{ "other", N_("Other things that need my attention"),
	    MW_STAFF | MW_CITIZEN },
};

#define NTOPICS (sizeof(topics) / sizeof(topics[0]))

static const struct mail_kind kinds[] = {
	{ "concern.new", "concern.new",
	    N_("Stafett: a new concern in your unit"),
	    N_("A new concern has been written down in your unit. Read it and decide who follows it up."),
	    ML_CONCERN },
	{ "concern.urgent", "concern.urgent",
	    N_("Stafett: an urgent concern in your unit"),
	    N_("An urgent concern has been written down in your unit. It needs your attention today."),
	    ML_CONCERN },
	{ "concern.overdue", "concern.overdue",
	    N_("Stafett: a concern is past its deadline"),
	    N_("The deadline to decide has passed: close the concern, or choose level 1, 2 or 3."),
	    ML_CONCERN },
	{ "concern.passed", "concern.passed",
	    N_("Stafett: a concern is passed to you"),
	    N_("Someone outside a relay log you hold, or whose unit you lead, wrote down a concern about its child. Take it into the log, or answer its author."),
	    ML_CONCERN },
	{ "concern.answered", "concern.answered",
	    N_("Stafett: your concern is answered"),
	    N_("The people responsible for the child's follow-up have answered a concern you passed on. Read the answer on the concern's page."),
	    ML_CONCERN },
	{ "concern.advice", "concern.advice",
	    N_("Stafett: a team's advice on your concern"),
	    N_("A team has discussed a concern you put on its agenda and recorded its advice. Read it on the concern's page."),
	    ML_CONCERN },
	{ "team.referral", "team.referral",
	    N_("Stafett: a family is referred to your team"),
	    N_("A family has been referred to a team you lead. Decide on the team's page whether it is taken in, waits, or is declined."),
	    ML_HOME },
	{ "referral.decided", "referral.answer",
	    N_("Stafett: a team has decided about your referral"),
	    N_("A team has decided about a family you referred to it: taken in, on the waiting list, or declined. The relay log shows what was decided."),
	    ML_LOG },
	{ "log.participant", "log.participant",
	    N_("Stafett: you take part in a relay log"),
	    N_("You have been added as a participant in a relay log. Read it to see what is expected of you."),
	    ML_LOG },
	{ "handover.request", "handover.request",
	    N_("Stafett: a handover waits for your answer"),
	    N_("You are asked to take over as relay holder of a relay log. Accept or refuse the handover."),
	    ML_HANDOVER },
	{ "handover.accepted", "handover.answer",
	    N_("Stafett: your handover is accepted"),
	    N_("The handover you asked for is accepted: the new relay holder coordinates the relay log now."),
	    ML_LOG },
	{ "handover.refused", "handover.answer",
	    N_("Stafett: your handover is refused"),
	    N_("The handover you asked for is refused: you are still the relay holder."),
	    ML_LOG },
	{ "handover.withdrawn", "handover.answer",
	    N_("Stafett: a handover to you is withdrawn"),
	    N_("A handover you were asked to accept has been withdrawn. Nothing more is needed from you."),
	    ML_LOG },
	{ "measure.new", "measure.new",
	    N_("Stafett: you are responsible for a measure"),
	    N_("A measure in a relay log names you as responsible."),
	    ML_LOG },
	{ "measure.overdue", "measure.overdue",
	    N_("Stafett: a measure is due for evaluation"),
	    N_("The evaluation date of a measure has passed. Evaluate it, or agree a new date."),
	    ML_LOG },
	{ "measure.soon", "measure.overdue",
	    N_("Stafett: a measure is to be evaluated soon"),
	    N_("A measure you are responsible for is to be evaluated in a few days. Evaluate it with the evaluation form on or before its evaluation date."),
	    ML_LOG },
	{ "meeting.invite", "meeting.invite",
	    N_("Stafett: you are invited to a meeting"),
	    N_("You are invited to a meeting about a relay log. The time and the place are on the page."),
	    ML_LOG },
	{ "meeting.answer", "meeting.answer",
	    N_("Stafett: an answer to a meeting invitation"),
	    N_("Someone invited to a meeting of a relay log you hold has answered. If they ask for another time, find one with them."),
	    ML_LOG },
	{ "consent.expiring", "consent.expiring",
	    N_("Stafett: a consent expires soon"),
	    N_("A consent to share information in a relay log expires soon. If the cooperation is to go on, a new consent is needed before then."),
	    ML_LOG },
	{ "consent.ended", "consent.ended",
	    N_("Stafett: a consent has ended"),
	    N_("A consent in a relay log has ended or been withdrawn: sharing with the services it named has stopped."),
	    ML_LOG },
	{ "log.close_request", "log.close_request",
	    N_("Stafett: the guardians ask to close a relay log"),
	    N_("The guardians ask for a relay log to be closed. Talk with them, and write the closing note if it is to be closed."),
	    ML_LOG },
	{ "log.family_note", "log.family_note",
	    N_("Stafett: the family has written in a relay log"),
	    N_("The guardians or the youth have written in a relay log you hold. Read it, and answer them in the log or as you have agreed."),
	    ML_LOG },
	{ "log.feedback", "log.feedback",
	    N_("Stafett: how did the cooperation go?"),
	    N_("A relay log about your child is closed. The service would like to know how the cooperation went: a few questions, answered without your name, on your start page after logging in."),
	    ML_ANY },
	/* Delivery alerts (alerts.c), to the sender and the administrators:
	 * the link is the case for the sender, the start page (which shows
	 * the alert) for an administrator, who sees no case. */
	{ "notice.unacknowledged", "notice.problem",
	    N_("Stafett: a notice has not been confirmed"),
	    N_("A notice to a partner was delivered, but the partner has not confirmed receiving it in time. Check with the partner that it arrived."),
	    ML_ANY },
	{ "notice.dead", "notice.problem",
	    N_("Stafett: a notice could not be delivered"),
	    N_("A notice to a partner could not be delivered. If it is still needed, contact the partner another way; an administrator can send it again."),
	    ML_ANY },
	{ "notice.no_receiver", "notice.problem",
	    N_("Stafett: a notice has not been sent"),
	    N_("A notice to a partner has not been sent: no receiver is registered for its service, or deliveries to it are paused. If it is a report of concern, phone child welfare; otherwise contact the service another way."),
	    ML_ANY },
	{ "partner.failing", "notice.problem",
	    N_("Stafett: deliveries to a partner keep failing"),
	    N_("The latest deliveries to a partner all failed. Check its address, certificate and secrets."),
	    ML_ANY },
};

#define NKINDS (sizeof(kinds) / sizeof(kinds[0]))

static const struct mail_kind other = { "other", "other",
	N_("Stafett: something needs your attention"),
	N_("Something in Stafett needs your attention."), ML_ANY };

const struct mail_topic *
mail_topics(size_t *n)
{
	*n = NTOPICS;
	return topics;
}

const struct mail_topic *
mail_topic(const char *id)
{
	size_t i;

	for (i = 0; id != NULL && i < NTOPICS; i++)
		if (strcmp(topics[i].id, id) == 0)
			return &topics[i];
	return NULL;
}

const struct mail_kind *
mail_kind_of(const char *kind)
{
	size_t i;

	for (i = 0; kind != NULL && i < NKINDS; i++)
		if (strcmp(kinds[i].kind, kind) == 0)
			return &kinds[i];
	return &other;
}

static int
message_id_ok(const char *id)
{
	const char *at = id != NULL ? strchr(id, '@') : NULL;

	return at != NULL && mail_token_ok(id, (size_t)(at - id)) &&
	    mail_domain_ok(at + 1, strlen(at + 1));
}

void
mail_date(char out[MAIL_DATE_SIZE], time_t t)
{
	/* Names by hand: strftime's would follow the locale. */
	static const char days[7][4] = { "Sun", "Mon", "Tue", "Wed", "Thu",
	    "Fri", "Sat" };
	static const char months[12][4] = { "Jan", "Feb", "Mar", "Apr",
	    "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	struct tm tm;

	gmtime_r(&t, &tm);
	snprintf(out, MAIL_DATE_SIZE, "%s, %02d %s %04d %02d:%02d:%02d +0000",
	    days[tm.tm_wday % 7], tm.tm_mday, months[tm.tm_mon % 12],
	    tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

/* Raw bytes per encoded word: 52 characters of base64, so that a word
 * (64 characters) after "Subject: " or a folding space stays within 78. */
#define WORD_BYTES	39

st_rc
mail_header(struct buf *out, const char *name, const char *value)
{
	const unsigned char *v = (const unsigned char *)value;
	size_t n = strlen(value), i, plain = 1;
	char b64[128];
	st_rc rc;

	for (i = 0; i < n; i++)
		if (v[i] < 0x20 || v[i] > 0x7e)
			plain = 0;
	if (strstr(value, "=?") != NULL || strlen(name) + 2 + n > 78)
		plain = 0;
	if (plain)
		return buf_addf(out, "%s: %s\r\n", name, value);
	if ((rc = buf_addf(out, "%s:", name)) != ST_OK)
		return rc;
	for (i = 0; i < n;) {
		size_t take = n - i > WORD_BYTES ? WORD_BYTES : n - i;

		/* Never split a UTF-8 sequence: back off continuation
		 * bytes (10xxxxxx) at the cut. */
		while (i + take < n && take > 1 && (v[i + take] & 0xc0) == 0x80)
			take--;
		sodium_bin2base64(b64, sizeof(b64), v + i, take,
		    sodium_base64_VARIANT_ORIGINAL);
		if ((rc = buf_addf(out, "%s=?UTF-8?B?%s?=", i > 0 ? "\r\n " :
		    " ", b64)) != ST_OK)
			return rc;
		i += take;
	}
	return buf_addstr(out, "\r\n");
}

/* The longest encoded line, without the '=' of a soft break. */
#define QP_LINE	75

st_rc
mail_qp(struct buf *out, const char *text, size_t len)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *t = (const unsigned char *)text;
	size_t i, col = 0;
	st_rc rc = ST_OK;

	for (i = 0; i < len && rc == ST_OK; i++) {
		unsigned char c = t[i];
		int eol = i + 1 == len || t[i + 1] == '\n';
		char tok[3];
		size_t n;
		int pass;

		if (c == '\n') {
			rc = buf_addstr(out, "\r\n");
			col = 0;
			continue;
		}
		/* Twice at most: after a soft break the line starts anew,
		 * which changes what a '.' needs. */
		for (pass = 0; pass < 2; pass++) {
			int literal = (c >= 33 && c <= 126 && c != '=' &&
			    !(c == '.' && col == 0)) ||
			    ((c == ' ' || c == '\t') && !eol);

			if (literal) {
				tok[0] = (char)c;
				n = 1;
			} else {
				tok[0] = '=';
				tok[1] = hex[c >> 4];
				tok[2] = hex[c & 15];
				n = 3;
			}
			if (col + n <= QP_LINE)
				break;
			if ((rc = buf_addstr(out, "=\r\n")) != ST_OK)
				return rc;
			col = 0;
		}
		rc = buf_add(out, tok, n);
		col += n;
	}
	return rc;
}

st_rc
mail_build(const struct mail_in *in, struct buf *out)
{
	const char *s;
	char date[MAIL_DATE_SIZE];
	size_t start = out->len;
	st_rc rc;

	if (!mail_address_ok(in->from) || !mail_address_ok(in->to) ||
	    !message_id_ok(in->message_id) ||
	    !mail_token_ok(in->idempotency_key, strlen(in->idempotency_key)) ||
	    (strcmp(in->lang, "nb") != 0 && strcmp(in->lang, "nn") != 0 &&
	    strcmp(in->lang, "en") != 0))
		return ST_E_INVALID;
	for (s = in->subject; *s != '\0'; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return ST_E_INVALID;
	mail_date(date, in->date);
	rc = buf_addf(out, "Date: %s\r\nFrom: Stafett <%s>\r\nTo: %s\r\n",
	    date, in->from, in->to);
	if (rc == ST_OK)
		rc = mail_header(out, "Subject", in->subject);
	if (rc == ST_OK)
		rc = buf_addf(out, "Message-ID: <%s>\r\n"
		    "X-Stafett-Idempotency-Key: %s\r\n"
		    "Auto-Submitted: auto-generated\r\n"
		    "MIME-Version: 1.0\r\n"
		    "Content-Type: text/plain; charset=utf-8\r\n"
		    "Content-Transfer-Encoding: quoted-printable\r\n"
		    "Content-Language: %s\r\n\r\n", in->message_id,
		    in->idempotency_key, in->lang);
	if (rc == ST_OK)
		rc = mail_qp(out, in->body, strlen(in->body));
	if (rc == ST_OK && (out->len < 2 ||
	    memcmp(out->data + out->len - 2, "\r\n", 2) != 0))
		rc = buf_addstr(out, "\r\n");
	if (rc != ST_OK)
		buf_truncate(out, start);
	return rc;
}

st_rc
mail_compose(const struct mail_kind *k, const char *link,
    const char *settings_url, struct buf *subject, struct buf *body)
{
	st_rc rc;

	if ((rc = buf_addstr(subject, _(k->subject))) != ST_OK)
		return rc;
	/* "-- " opens a signature: mail programs set it apart. */
	return buf_addf(body, "%s\n\n%s\n\n%s\n%s\n\n-- \n%s\n%s\n",
	    _("Hello,"), _(k->text),
	    _("Open the page to see more (you may be asked to log in first):"),
	    link,
	    _("Stafett never sends information about children by e-mail. Choose which e-mails you get:"),
	    settings_url);
}
