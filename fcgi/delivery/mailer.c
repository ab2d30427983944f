/* mailer.c: claim e-mail notices and send them over SMTP (mailer.h). */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <curl/curl.h>
#include <sodium.h>

#include "access.h"
#include "buf.h"
#include "caselog.h"
#include "deliver.h"
#include "i18n.h"
#include "log.h"
#include "mail.h"
#include "mailer.h"
#include "mem.h"
#include "secretfile.h"
#include "secure.h"

#define MSG_MAX		(64 * 1024)
#define TEXT_MAX	(8 * 1024)
#define PASSWORD_MAX	512

/* Columns of STMT_MAIL_DUE. */
enum { MD_ID, MD_PID, MD_IDEM, MD_KIND, MD_USER, MD_UNIT, MD_LOG,
	MD_CONCERN, MD_ATTEMPTS, MD_AGE };
/* Columns of STMT_MAIL_PERSON. */
enum { MP_PID, MP_EMAIL, MP_LANG, MP_ACTIVE, MP_WANTS, MP_HANDOVER };

enum outcome { O_NONE, O_SENT, O_REFUSED, O_RETRY };

struct group;

/* One SMTP transaction: one message to one person. */
struct send {
	struct send		*next;
	struct group		*g;
	CURL			*h;
	struct curl_slist	*rcpt;
	struct buf		 msg;
	size_t			 off;
	long long		 user_id;
	long long		 took_us;	/* curl's measure */
	long			 code;		/* the last SMTP reply */
	enum outcome		 outcome;
	char			 error[160];
};

/* The transactions of one claimed notice. */
struct group {
	struct group		*next;
	struct send		*sends;
	unsigned		 pending;
	long long		 outbox_id;
	long long		 attempt;
	long long		 age_s;
	long long		 claimed_ms;	/* monotonic */
	char			 pid[SECURE_ID_SIZE];
};

struct mailer {
	const struct conf	*cfg;
	struct db		*db;
	CURLM			*multi;
	struct group		*groups;
	/* finished, their outcomes not yet recorded (the database refused) */
	struct group		*pending;
	unsigned		 in_flight;	/* transactions */
	long			 use_ssl;
	const char		*domain;	/* of smtp_from */
	char			*settings_url;
	char			 me[80];	/* claimed_by */
	char			 mail_from[300];	/* <smtp_from> */
	char			 password[PASSWORD_MAX];
};

/* What the outcomes recorded for a notice come to. */
struct tally {
	unsigned	sent, refused, opted, noaddr, noaccess;
	long		refused_code;
};

static long long
mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

st_rc
mailer_new(const struct conf *cfg, struct db *db, struct mailer **out,
    char *err, size_t errlen)
{
	struct mailer *m;
	struct buf url;

	*out = NULL;
	if (*cfg->smtp_url == '\0')
		return ST_OK;
	m = xcalloc(1, sizeof(*m));
	m->cfg = cfg;
	m->db = db;
	if (*cfg->smtp_password_file != '\0' &&
	    secret_password_read("smtp_password_file",
	    cfg->smtp_password_file, m->password, sizeof(m->password), err,
	    errlen) != ST_OK) {
		xfree(m);
		return ST_E_CONFIG;
	}
	if ((m->multi = curl_multi_init()) == NULL) {
		snprintf(err, errlen, "cannot start curl");
		xfree(m);
		return ST_E_NOMEM;
	}
	/* conf.c let only these three through. */
	m->use_ssl = strcmp(cfg->smtp_starttls, "off") == 0 ? CURLUSESSL_NONE :
	    strcmp(cfg->smtp_starttls, "try") == 0 ? CURLUSESSL_TRY :
	    CURLUSESSL_ALL;
	m->domain = strchr(cfg->smtp_from, '@') + 1;
	snprintf(m->mail_from, sizeof(m->mail_from), "<%s>", cfg->smtp_from);
	buf_init(&url, 2048);
	if (buf_addf(&url, "%s/settings/email", cfg->public_url) != ST_OK) {
		snprintf(err, errlen, "'public_url' is too long");
		curl_multi_cleanup(m->multi);
		xfree(m);
		return ST_E_CONFIG;
	}
	m->settings_url = buf_take(&url);
	secure_claimant(m->me, sizeof(m->me));
	*out = m;
	return ST_OK;
}

static void
send_free(struct mailer *m, struct send *s)
{
	if (s->h != NULL) {
		curl_multi_remove_handle(m->multi, s->h);
		curl_easy_cleanup(s->h);
	}
	curl_slist_free_all(s->rcpt);
	buf_release(&s->msg);
	xfree(s);
}

static void
group_free(struct mailer *m, struct group *g)
{
	struct send *s, *n;

	for (s = g->sends; s != NULL; s = n) {
		n = s->next;
		if (s->h != NULL && m->in_flight > 0)
			m->in_flight--;
		send_free(m, s);
	}
	xfree(g);
}

void
mailer_free(struct mailer *m)
{
	struct group *g, *n;

	if (m == NULL)
		return;
	/* Unfinished messages keep their lease: sent again after it, the
	 * same message with the same Message-ID. */
	for (g = m->groups; g != NULL; g = n) {
		n = g->next;
		group_free(m, g);
	}
	for (g = m->pending; g != NULL; g = n) {
		n = g->next;
		log_err("mailer: the outcome of '%s' is not recorded; it is "
		    "settled after its lease", g->pid);
		group_free(m, g);
	}
	curl_multi_cleanup(m->multi);
	sodium_memzero(m->password, sizeof(m->password));
	xfree(m->settings_url);
	xfree(m);
}

static size_t
on_read(char *p, size_t size, size_t n, void *arg)
{
	struct send *s = arg;
	size_t room = size * n, left = s->msg.len - s->off;

	if (room > left)
		room = left;
	memcpy(p, s->msg.data + s->off, room);
	s->off += room;
	return room;
}

/* curl rewinds when it sends again on a new connection. */
static int
on_seek(void *arg, curl_off_t offset, int origin)
{
	struct send *s = arg;

	if (origin != SEEK_SET || offset < 0 ||
	    (size_t)offset > s->msg.len)
		return CURL_SEEKFUNC_FAIL;
	s->off = (size_t)offset;
	return CURL_SEEKFUNC_OK;
}

/* The path of the page the notice is about (mail.h's links). */
static void
page_path(char *out, size_t n, const struct mail_kind *k, const char *log,
    const char *concern, const char *handover)
{
	if (k->link == ML_HOME)
		snprintf(out, n, "/");
	else if (k->link == ML_HANDOVER && handover != NULL)
		snprintf(out, n, "/handovers/%s", handover);
	else if (k->link == ML_CONCERN && concern != NULL)
		snprintf(out, n, "/concerns/%s", concern);
	else if (log != NULL)
		snprintf(out, n, "/logs/%s", log);
	else if (concern != NULL)
		snprintf(out, n, "/concerns/%s", concern);
	else
		snprintf(out, n, "/");
}

/*
 * The Message-ID of a notice's e-mail to one person: the same for every
 * attempt, so a repeat is recognisable, and different per person, as
 * each is a message of its own. A hash of the notice's key and the
 * person's public id, so it says nothing and keeps the header line
 * short (RFC 5322 wants 78 characters).
 */
static void
message_id(char *out, size_t n, const char *key, const char *person,
    const char *domain)
{
	unsigned char h[crypto_hash_sha256_BYTES];
	char b64[sodium_base64_ENCODED_LEN(crypto_hash_sha256_BYTES,
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
	crypto_hash_sha256_state st;

	crypto_hash_sha256_init(&st);
	crypto_hash_sha256_update(&st, (const unsigned char *)key,
	    strlen(key));
	crypto_hash_sha256_update(&st, (const unsigned char *)".", 1);
	crypto_hash_sha256_update(&st, (const unsigned char *)person,
	    strlen(person));
	crypto_hash_sha256_final(&st, h);
	sodium_bin2base64(b64, sizeof(b64), h, sizeof(h),
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	/* 32 characters: 192 bits, as unique as anything needs */
	snprintf(out, n, "%.32s@%s", b64, domain);
}

/*
 * The message for one person, in their language: *s->msg. The language
 * is switched for the texts and switched back.
 */
static st_rc
build(struct mailer *m, struct send *s, const struct mail_kind *k,
    const struct db_res *due, size_t row, const struct db_res *links,
    const struct db_res *person)
{
	enum lang lang = LANG_NB, before = i18n_current();
	struct buf subject, body, link;
	struct mail_in in;
	char path[128], msgid[256];
	st_rc rc;

	(void)i18n_parse(m->cfg->default_lang, &lang);
	(void)i18n_parse(db_get(person, 0, MP_LANG), &lang);
	page_path(path, sizeof(path), k, db_get(links, 0, 0),
	    db_get(links, 0, 1), db_get(person, 0, MP_HANDOVER));
	buf_init(&subject, TEXT_MAX);
	buf_init(&body, TEXT_MAX);
	buf_init(&link, TEXT_MAX);
	i18n_use(lang);
	rc = buf_addf(&link, "%s%s", m->cfg->public_url, path);
	if (rc == ST_OK)
		rc = mail_compose(k, link.data, m->settings_url, &subject,
		    &body);
	i18n_use(before);
	message_id(msgid, sizeof(msgid), db_get(due, row, MD_IDEM),
	    db_get(person, 0, MP_PID), m->domain);
	in.from = m->cfg->smtp_from;
	in.to = db_get(person, 0, MP_EMAIL);
	in.message_id = msgid;
	in.idempotency_key = db_get(due, row, MD_IDEM);
	in.lang = i18n_code(lang);
	in.subject = subject.data;
	in.body = body.data;
	in.date = time(NULL);
	if (rc == ST_OK)
		rc = mail_build(&in, &s->msg);
	buf_release(&subject);
	buf_release(&body);
	buf_release(&link);
	if (rc != ST_OK)
		return rc;
	snprintf(path, sizeof(path), "<%s>", in.to);
	if ((s->rcpt = curl_slist_append(NULL, path)) == NULL)
		return ST_E_NOMEM;
	return ST_OK;
}

/*
 * May this person be told about the relay log log_id now? The rule of
 * the log page (access_log), decided when the e-mail goes, so one whose
 * consent lapsed meanwhile is not told: a handover request goes while
 * they may see it (access_handover_read), and the answers to a handover
 * about their own request go to whoever asked or was asked.
 */
static st_rc
may_know(struct mailer *m, const char *kind, long long log, long long user_id,
    int *yes)
{
	char today[DATE_SIZE];
	struct principal who;
	struct log_facts f;
	struct db_val p[3];
	struct db_res res;
	int log_too;
	st_rc rc;

	*yes = 1;
	if (log == 0 || strcmp(kind, "handover.accepted") == 0 ||
	    strcmp(kind, "handover.refused") == 0 ||
	    strcmp(kind, "handover.withdrawn") == 0)
		return ST_OK;
	dates_today(today);
	p[0] = DV_STR(today);
	p[1] = DV_INT(user_id);
	p[2] = DV_INT(log);
	if ((rc = db_query(m->db, STMT_MAIL_RIGHT, p, 3, 1, &res)) != ST_OK)
		return rc;
	memset(&who, 0, sizeof(who));
	*yes = 0;
	if (res.nrows == 1 && caselog_facts(&res, 0, 2, today, &f)) {
		who.user_id = user_id;
		who.role = role_parse(db_get(&res, 0, 0));
		who.unit_id = db_get_int(&res, 0, 1);
		who.municipality_id = db_get_int(&res, 0,
		    2 + CASELOG_NFACTS);
		principal_set_serves(&who,
		    db_get(&res, 0, 3 + CASELOG_NFACTS));
		*yes = strcmp(kind, "handover.request") == 0 ?
		    access_handover_read(&who, &f, user_id, &log_too) :
		    access_log(&who, &f, LR_READ);
	}
	db_res_release(&res);
	return ST_OK;
}

/* A person's outcome decided while the notice is locked. */
static st_rc
record(struct mailer *m, long long outbox_id, long long user_id,
    const char *outcome)
{
	struct db_val p[4];

	p[0] = DV_INT(outbox_id);
	p[1] = DV_INT(user_id);
	p[2] = DV_STR(outcome);
	p[3] = DV_NULL;
	return db_exec(m->db, STMT_MAIL_RECORD, p, 4, NULL, NULL);
}

/* One person the notice is for: a message to send, or an outcome
 * recorded at once (no usable address, or they do not want it). */
static st_rc
person(struct mailer *m, struct group *g, const struct mail_kind *k,
    const struct db_res *due, size_t row, const struct db_res *links,
    long long user_id)
{
	long long log = db_get_int(due, row, MD_LOG);
	struct db_val p[3];
	struct db_res res;
	struct send *s;
	int yes;
	st_rc rc;

	p[0] = DV_STR(k->topic);
	p[1] = log != 0 ? DV_INT(log) : DV_NULL;
	p[2] = DV_INT(user_id);
	if ((rc = db_query(m->db, STMT_MAIL_PERSON, p, 3, 1, &res)) != ST_OK)
		return rc;
	if (res.nrows != 1 || db_get_int(&res, 0, MP_ACTIVE) == 0 ||
	    !mail_address_ok(db_get(&res, 0, MP_EMAIL))) {
		db_res_release(&res);
		return record(m, g->outbox_id, user_id, "no_address");
	}
	if (db_get_int(&res, 0, MP_WANTS) == 0) {
		db_res_release(&res);
		return record(m, g->outbox_id, user_id, "opted_out");
	}
	if ((rc = may_know(m, db_get(due, row, MD_KIND), log, user_id,
	    &yes)) != ST_OK ||
	    !yes) {
		db_res_release(&res);
		return rc != ST_OK ? rc : record(m, g->outbox_id, user_id,
		    "no_access");
	}
	s = xcalloc(1, sizeof(*s));
	s->g = g;
	s->user_id = user_id;
	buf_init(&s->msg, MSG_MAX);
	rc = build(m, s, k, due, row, links, &res);
	db_res_release(&res);
	if (rc != ST_OK) {
		send_free(m, s);
		log_warn("mailer: no message for notice '%s' (%s)", g->pid,
		    st_rc_str(rc));
		return rc == ST_E_INVALID ? record(m, g->outbox_id, user_id,
		    "no_address") : rc;
	}
	s->next = g->sends;
	g->sends = s;
	g->pending++;
	return ST_OK;
}

static st_rc
tally(struct mailer *m, long long outbox_id, struct tally *t)
{
	struct db_val p[1];
	struct db_res res;
	size_t i;
	st_rc rc;

	memset(t, 0, sizeof(*t));
	p[0] = DV_INT(outbox_id);
	if ((rc = db_query(m->db, STMT_MAIL_DONE, p, 1, 1000, &res)) != ST_OK)
		return rc;
	for (i = 0; i < res.nrows; i++) {
		const char *o = db_get(&res, i, 1);

		if (strcmp(o, "sent") == 0)
			t->sent++;
		else if (strcmp(o, "refused") == 0) {
			t->refused++;
			t->refused_code = (long)db_get_int(&res, i, 2);
		} else if (strcmp(o, "opted_out") == 0)
			t->opted++;
		else if (strcmp(o, "no_access") == 0)
			t->noaccess++;
		else
			t->noaddr++;
	}
	db_res_release(&res);
	return ST_OK;
}

struct verdict {
	const char	*status;
	int		 delivered, dead;
	char		 error[256];
};

/*
 * What a notice comes to: temp people still failing temporarily (with
 * why), given up on when past the horizon. Delivered when anyone got it
 * (last_error says who did not), else dead when refused or given up,
 * else cancelled: nobody wanted it or could get it.
 */
static void
judge(const struct tally *t, unsigned temp, int past, const char *why,
    struct verdict *v)
{
	unsigned missed = t->refused + (past ? temp : 0);

	memset(v, 0, sizeof(*v));
	if (why == NULL)
		why = "";
	if (temp > 0 && !past) {
		v->status = "failed";
		snprintf(v->error, sizeof(v->error), "%s", why);
	} else if (t->sent > 0) {
		v->status = "delivered";
		v->delivered = 1;
		if (missed > 0)
			snprintf(v->error, sizeof(v->error), "not sent to %u "
			    "of %u people", missed, missed + t->sent);
	} else if (temp > 0) {
		v->status = "dead";
		v->dead = 1;
		snprintf(v->error, sizeof(v->error), "%s", why);
	} else if (t->refused > 0) {
		v->status = "dead";
		v->dead = 1;
		snprintf(v->error, sizeof(v->error), "refused by the mail "
		    "server (SMTP %ld)", t->refused_code);
	} else {
		v->status = "cancelled";
		snprintf(v->error, sizeof(v->error), "%s",
		    t->noaccess > 0 && t->opted == 0 && t->noaddr == 0 ?
		    "no access to the relay log any more" :
		    t->opted > 0 && t->noaddr == 0 ? "opted out" :
		    t->noaddr > 0 && t->opted == 0 ? "no e-mail address" :
		    t->noaddr > 0 ? "opted out or no e-mail address" :
		    "no recipient");
	}
}

/* A notice with nobody left to send to, settled while it is locked. */
static st_rc
settle(struct mailer *m, const struct group *g)
{
	struct verdict v;
	struct tally t;
	struct db_val p[5];
	st_rc rc;

	if ((rc = tally(m, g->outbox_id, &t)) != ST_OK)
		return rc;
	judge(&t, 0, 0, NULL, &v);
	p[0] = DV_STR(v.status);
	p[1] = v.error[0] != '\0' ? DV_STR(v.error) : DV_NULL;
	p[2] = DV_INT(v.delivered);
	p[3] = DV_INT(v.dead);
	p[4] = DV_INT(g->outbox_id);
	if ((rc = db_exec(m->db, STMT_MAIL_SETTLE, p, 5, NULL, NULL)) == ST_OK)
		log_info("mailer: notice '%s' %s%s%s", g->pid, v.status,
		    v.error[0] != '\0' ? ": " : "", v.error);
	return rc;
}

/* Claim one due row: its group of messages, or settle it at once. */
static st_rc
claim_one(struct mailer *m, const struct db_res *due, size_t row,
    struct group **out)
{
	const struct mail_kind *k = mail_kind_of(db_get(due, row, MD_KIND));
	long long user = db_get_int(due, row, MD_USER);
	struct db_res who, done, links;
	struct db_val p[3];
	struct group *g;
	size_t i, j, nwho;
	st_rc rc;

	*out = NULL;
	memset(&who, 0, sizeof(who));
	if (user == 0) {
		p[0] = DV_INT(db_get_int(due, row, MD_UNIT));
		p[1] = db_get(due, row, MD_CONCERN) != NULL ?
		    DV_INT(db_get_int(due, row, MD_CONCERN)) : DV_NULL;
		if ((rc = db_query(m->db, STMT_MAIL_LEADERS, p, 2, 100,
		    &who)) != ST_OK)
			return rc;
	}
	nwho = user != 0 ? 1 : who.nrows;
	p[0] = DV_INT(db_get_int(due, row, MD_ID));
	if ((rc = db_query(m->db, STMT_MAIL_DONE, p, 1, 1000, &done)) !=
	    ST_OK) {
		db_res_release(&who);
		return rc;
	}
	p[0] = db_get(due, row, MD_LOG) != NULL ?
	    DV_INT(db_get_int(due, row, MD_LOG)) : DV_NULL;
	p[1] = db_get(due, row, MD_CONCERN) != NULL ?
	    DV_INT(db_get_int(due, row, MD_CONCERN)) : DV_NULL;
	if ((rc = db_query(m->db, STMT_MAIL_LINKS, p, 2, 1, &links)) !=
	    ST_OK) {
		db_res_release(&who);
		db_res_release(&done);
		return rc;
	}
	g = xcalloc(1, sizeof(*g));
	g->outbox_id = db_get_int(due, row, MD_ID);
	g->attempt = db_get_int(due, row, MD_ATTEMPTS) + 1;
	g->age_s = db_get_int(due, row, MD_AGE);
	g->claimed_ms = mono_ms();
	snprintf(g->pid, sizeof(g->pid), "%s", db_get(due, row, MD_PID));
	for (i = 0; i < nwho && rc == ST_OK; i++) {
		long long id = user != 0 ? user : db_get_int(&who, i, 0);

		/* Settled by an earlier attempt: never twice. */
		for (j = 0; j < done.nrows; j++)
			if (db_get_int(&done, j, 0) == id)
				break;
		if (j == done.nrows)
			rc = person(m, g, k, due, row, &links, id);
	}
	db_res_release(&who);
	db_res_release(&done);
	db_res_release(&links);
	if (rc == ST_OK && g->pending == 0)
		rc = settle(m, g);
	else if (rc == ST_OK) {
		p[0] = DV_INT(m->cfg->delivery_lease_s);
		p[1] = DV_STR(m->me);
		p[2] = DV_INT(g->outbox_id);
		rc = db_exec(m->db, STMT_OUTBOX_LEASE, p, 3, NULL, NULL);
	}
	if (rc != ST_OK || g->pending == 0) {
		group_free(m, g);
		return rc;
	}
	*out = g;
	return ST_OK;
}

/* The outcome of one transaction; the notice's when it was the last. */
static st_rc
attempt_row(struct mailer *m, const struct group *g, const struct send *s,
    const char *outcome)
{
	struct db_val p[9];

	p[0] = DV_INT(g->outbox_id);
	p[1] = DV_NULL;
	p[2] = DV_INT(g->attempt);
	p[3] = DV_STR(m->me);
	p[4] = DV_INT(s->took_us);
	p[5] = s->code > 0 ? DV_INT(s->code) : DV_NULL;
	p[6] = DV_STR(outcome);
	p[7] = s->error[0] != '\0' ? DV_STR(s->error) : DV_NULL;
	p[8] = DV_NULL;
	return db_exec(m->db, STMT_ATTEMPT_INSERT, p, 9, NULL, NULL);
}

/* What finish_tx decided, for the log lines after the commit. */
struct finishing {
	struct mailer	*m;
	struct group	*g;
	struct verdict	 v;
	long long	 delay;
};

/*
 * The outcomes of a notice's transactions, its attempts and its state,
 * in one transaction (db_tx runs it again when another was in the way):
 * a message that went out is a fact, and a person is never sent the
 * same message twice because its record was lost.
 */
static st_rc
finish_tx(struct db *db, void *arg)
{
	struct finishing *f = arg;
	struct mailer *m = f->m;
	struct group *g = f->g;
	struct db_val p[10];
	struct tally t;
	struct send *s;
	const char *why = NULL;
	unsigned temp = 0;
	long code = 0;
	long long age, horizon = (long long)m->cfg->delivery_horizon_s;
	int past = 0;
	st_rc rc;

	f->delay = 0;
	for (s = g->sends; s != NULL; s = s->next) {
		if (s->code > 0)
			code = s->code;
		if (s->outcome == O_RETRY) {
			temp++;
			why = s->error;
			continue;
		}
		p[0] = DV_INT(g->outbox_id);
		p[1] = DV_INT(s->user_id);
		p[2] = DV_STR(s->outcome == O_SENT ? "sent" : "refused");
		p[3] = s->code > 0 ? DV_INT(s->code) : DV_NULL;
		p[4] = DV_INT(g->outbox_id);
		p[5] = DV_STR(m->me);
		if ((rc = db_exec(db, STMT_MAIL_RECORD_HELD, p, 6, NULL,
		    NULL)) != ST_OK)
			return rc;
	}
	if (temp > 0) {
		/* Given up when the horizon has passed, not before: the
		 * last wait ends at it. */
		f->delay = deliver_backoff(m->cfg, g->attempt);
		age = g->age_s + (mono_ms() - g->claimed_ms) / 1000;
		past = age >= horizon;
		if (!past && age + f->delay > horizon)
			f->delay = horizon - age;
	}
	if ((rc = tally(m, g->outbox_id, &t)) != ST_OK)
		return rc;
	judge(&t, temp, past, why, &f->v);
	for (s = g->sends; s != NULL; s = s->next)
		if ((rc = attempt_row(m, g, s, s->outcome == O_SENT ?
		    "delivered" : s->outcome == O_REFUSED || past ? "dead" :
		    "retry")) != ST_OK)
			return rc;
	p[0] = DV_STR(f->v.status);
	p[1] = code > 0 ? DV_INT(code) : DV_NULL;
	p[2] = f->v.error[0] != '\0' ? DV_STR(f->v.error) : DV_NULL;
	p[3] = DV_INT(f->v.delivered);
	p[4] = DV_INT(0);
	p[5] = DV_NULL;
	p[6] = DV_INT(f->v.dead);
	p[7] = DV_INT(f->v.dead || f->v.delivered ? 0 : f->delay);
	p[8] = DV_INT(g->outbox_id);
	p[9] = DV_STR(m->me);
	return db_exec(db, STMT_OUTBOX_RESULT, p, 10, NULL, NULL);
}

/* Record a finished group; returns whether it is recorded. */
static int
finish(struct mailer *m, struct group *g)
{
	struct finishing f;
	st_rc rc;

	memset(&f, 0, sizeof(f));
	f.m = m;
	f.g = g;
	rc = db_tx(m->db, "mailer_finish", finish_tx, &f, 6);
	if (rc != ST_OK) {
		log_warn("mailer: cannot record the outcome of '%s' yet (%s); "
		    "it is kept and tried again", g->pid, st_rc_str(rc));
		return 0;
	}
	if (f.v.dead)
		log_err("mailer: notice '%s' is dead after %lld attempts (%s)",
		    g->pid, g->attempt, f.v.error);
	else if (!f.v.delivered)
		log_info("mailer: notice '%s' failed (%s), again in %llds",
		    g->pid, f.v.error, f.delay);
	return 1;
}

/* A group whose transactions are all over: recorded and freed, or kept
 * until the database takes it. */
static void
finished(struct mailer *m, struct group *g)
{
	if (finish(m, g)) {
		group_free(m, g);
		return;
	}
	g->next = m->pending;
	m->pending = g;
}

/* Outcomes kept because the database would not take them: again. */
static unsigned
flush_pending(struct mailer *m)
{
	struct group *g;
	unsigned done = 0;

	while ((g = m->pending) != NULL && finish(m, g)) {
		m->pending = g->next;
		group_free(m, g);
		done++;
	}
	return done;
}

static void
unlink_group(struct mailer *m, struct group *g)
{
	struct group **pp;

	for (pp = &m->groups; *pp != NULL; pp = &(*pp)->next)
		if (*pp == g) {
			*pp = g->next;
			return;
		}
}

/* One transaction is over: what it came to, and the notice's result
 * when it was the last of its group. */
static void
done(struct mailer *m, struct send *s, CURLcode cc)
{
	struct group *g = s->g;

	if (s->h != NULL) {
		curl_off_t us = 0;

		curl_easy_getinfo(s->h, CURLINFO_RESPONSE_CODE, &s->code);
		if (curl_easy_getinfo(s->h, CURLINFO_TOTAL_TIME_T, &us) ==
		    CURLE_OK)
			s->took_us = (long long)us;
	}
	if (cc == CURLE_OK) {
		s->outcome = O_SENT;
	} else if (s->code >= 500 && s->code < 600 &&
	    (cc == CURLE_SEND_ERROR || cc == CURLE_WEIRD_SERVER_REPLY)) {
		/* A 5xx to MAIL, RCPT or the data: this message will never
		 * be taken. A 5xx to the greeting, STARTTLS or AUTH is the
		 * set-up's, and is tried again. */
		s->outcome = O_REFUSED;
		snprintf(s->error, sizeof(s->error), "refused with SMTP %ld",
		    s->code);
	} else {
		s->outcome = O_RETRY;
		/* curl's text names hosts, never people or addresses. */
		if (s->code >= 400)
			snprintf(s->error, sizeof(s->error), "SMTP %ld: %s",
			    s->code, curl_easy_strerror(cc));
		else
			snprintf(s->error, sizeof(s->error), "%s",
			    curl_easy_strerror(cc));
	}
	if (s->h != NULL) {
		curl_multi_remove_handle(m->multi, s->h);
		curl_easy_cleanup(s->h);
		s->h = NULL;
		m->in_flight--;
	}
	if (--g->pending > 0)
		return;
	unlink_group(m, g);
	finished(m, g);
}

static st_rc
easy(struct mailer *m, struct send *s)
{
	const struct conf *cfg = m->cfg;
	CURL *h;

	if ((h = curl_easy_init()) == NULL)
		return ST_E_NOMEM;
	curl_easy_setopt(h, CURLOPT_URL, cfg->smtp_url);
#if LIBCURL_VERSION_NUM >= 0x075500
	curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
#else
	curl_easy_setopt(h, CURLOPT_PROTOCOLS,
	    (long)(CURLPROTO_SMTP | CURLPROTO_SMTPS));
#endif
	curl_easy_setopt(h, CURLOPT_USE_SSL, m->use_ssl);
	/* Verification is never turned off, whatever the configuration. */
	curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L);
	curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L);
	if (*cfg->smtp_ca_file != '\0')
		curl_easy_setopt(h, CURLOPT_CAINFO, cfg->smtp_ca_file);
	if (*cfg->smtp_user != '\0') {
		curl_easy_setopt(h, CURLOPT_USERNAME, cfg->smtp_user);
		curl_easy_setopt(h, CURLOPT_PASSWORD, m->password);
	}
	curl_easy_setopt(h, CURLOPT_MAIL_FROM, m->mail_from);
	curl_easy_setopt(h, CURLOPT_MAIL_RCPT, s->rcpt);
	curl_easy_setopt(h, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(h, CURLOPT_READFUNCTION, on_read);
	curl_easy_setopt(h, CURLOPT_READDATA, s);
	curl_easy_setopt(h, CURLOPT_SEEKFUNCTION, on_seek);
	curl_easy_setopt(h, CURLOPT_SEEKDATA, s);
	curl_easy_setopt(h, CURLOPT_INFILESIZE_LARGE, (curl_off_t)s->msg.len);
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT,
	    (long)cfg->delivery_connect_timeout_s);
	curl_easy_setopt(h, CURLOPT_TIMEOUT, (long)cfg->delivery_timeout_s);
	curl_easy_setopt(h, CURLOPT_PRIVATE, s);
	s->h = h;
	return ST_OK;
}

/* Start the transactions of a group claimed and committed. One that
 * cannot start counts as a temporary failure. */
static void
start(struct mailer *m, struct group *g)
{
	struct send *s;

	g->next = m->groups;
	m->groups = g;
	for (s = g->sends; s != NULL; s = s->next) {
		if (easy(m, s) == ST_OK &&
		    curl_multi_add_handle(m->multi, s->h) == CURLM_OK) {
			m->in_flight++;
			continue;
		}
		if (s->h != NULL) {
			curl_easy_cleanup(s->h);
			s->h = NULL;
		}
		s->outcome = O_RETRY;
		snprintf(s->error, sizeof(s->error), "cannot start curl");
		g->pending--;
	}
	if (g->pending > 0)
		return;
	unlink_group(m, g);
	finished(m, g);
}

/* Claim due notices for up to room transactions, in one transaction. */
static st_rc
claim(struct mailer *m, unsigned room, unsigned *claimed)
{
	struct db_res due;
	struct db_val p[1];
	struct group *ready = NULL, *g;
	unsigned sends = 0;
	size_t i;
	st_rc rc;

	*claimed = 0;
	if ((rc = db_begin(m->db)) != ST_OK)
		return rc;
	p[0] = DV_INT(room);
	if ((rc = db_query(m->db, STMT_MAIL_DUE, p, 1, room, &due)) != ST_OK) {
		db_rollback(m->db);
		return rc;
	}
	for (i = 0; i < due.nrows && sends < room; i++) {
		if ((rc = claim_one(m, &due, i, &g)) != ST_OK)
			break;
		(*claimed)++;
		if (g != NULL) {
			sends += g->pending;
			g->next = ready;
			ready = g;
		}
	}
	db_res_release(&due);
	if (rc == ST_OK)
		rc = db_commit(m->db);
	else
		db_rollback(m->db);
	while ((g = ready) != NULL) {
		ready = g->next;
		if (rc != ST_OK)
			group_free(m, g);
		else
			start(m, g);
	}
	return rc;
}

static void
collect(struct mailer *m)
{
	CURLMsg *msg;
	int left;

	while ((msg = curl_multi_info_read(m->multi, &left)) != NULL) {
		struct send *s = NULL;

		if (msg->msg != CURLMSG_DONE)
			continue;
		curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE,
		    (char **)&s);
		if (s != NULL)
			done(m, s, msg->data.result);
	}
}

st_rc
mailer_step(struct mailer *m, int wait_ms, int *busy)
{
	unsigned claimed = 0, bound;
	int running = 0;
	st_rc rc = ST_OK;

	*busy = 0;
	if (m == NULL)
		return ST_OK;
	/* Outcomes first: they are facts, and the database may be back. */
	if (m->pending != NULL && flush_pending(m) > 0)
		*busy = 1;
	bound = m->cfg->delivery_max_per_partner;
	if (m->pending == NULL && m->in_flight < bound)
		rc = claim(m, bound - m->in_flight, &claimed);
	if (m->in_flight > 0) {
		curl_multi_perform(m->multi, &running);
		collect(m);
		if (m->in_flight > 0 && wait_ms > 0)
			curl_multi_poll(m->multi, NULL, 0, wait_ms, NULL);
		curl_multi_perform(m->multi, &running);
		collect(m);
	}
	*busy = *busy || claimed > 0 || m->in_flight > 0 ||
	    m->pending != NULL;
	return rc;
}

int
mailer_due(struct mailer *m)
{
	struct db_res res;
	int due;

	if (m == NULL || db_query(m->db, STMT_MAIL_DUE_COUNT, NULL, 0, 1,
	    &res) != ST_OK)
		return 0;
	due = res.nrows == 1 && db_get_int(&res, 0, 0) > 0;
	db_res_release(&res);
	return due;
}

void
mailer_drain(struct mailer *m, unsigned grace_s)
{
	long long until = mono_ms() + (long long)grace_s * 1000;
	struct timespec pause = { 0, 200 * 1000 * 1000 };
	int running = 0;

	if (m == NULL)
		return;
	while (m->in_flight > 0 && mono_ms() < until) {
		curl_multi_perform(m->multi, &running);
		collect(m);
		if (m->in_flight > 0)
			curl_multi_poll(m->multi, NULL, 0, 200, NULL);
	}
	/* Messages still going keep their lease (mailer_free): a message
	 * cut off mid-way was not taken, and the same one goes again. */
	while (m->pending != NULL && mono_ms() < until)
		if (flush_pending(m) == 0)
			nanosleep(&pause, NULL);
}
