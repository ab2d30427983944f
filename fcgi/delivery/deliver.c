/* deliver.c: claim due notices and deliver them to partners (deliver.h). */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <curl/curl.h>
#include <libxml/tree.h>
#include <sodium.h>

#include "buf.h"
#include "caselog.h"
#include "deliver.h"
#include "fault.h"
#include "i18n.h"
#include "log.h"
#include "mem.h"
#include "message.h"
#include "metrics.h"
#include "partner.h"
#include "secure.h"
#include "xmlsafe.h"

/* The longest answer kept: a receipt is small. */
#define ANSWER_MAX	65536
/* The longest wait between two attempts. */
#define BACKOFF_MAX_S	3600
#define HMAC_MAX	4096
#define BEARER_MAX	4096

/* Columns of STMT_OUTBOX_DETAIL. */
enum {
	OD_PID, OD_IDEM, OD_TYPE, OD_ATTEMPTS, OD_LOG, OD_LOG_REF,
	OD_LOG_STATUS, OD_COVERED, OD_PARTNER, OD_ENDPOINT, OD_AUTH,
	OD_INSTANCE, OD_SENDER, OD_CREATED, OD_AGE, OD_CONCERN, OD_SERVICE,
	OD_CANCELS, OD_REASON, OD_ID
};

/* Columns of STMT_OUTBOX_RESULT_LOCK. */
enum { RL_STATUS, RL_MINE, RL_LOG, RL_CONCERN, RL_PARTNER, RL_KIND,
	RL_FIRST, RL_ID };

/* The most notices claimed, or outcomes recorded, in one transaction;
 * the JSON that carries them is bounded by it (JSON_MAX). */
#define BATCH_MAX	256
/* While a backlog is worked off, routing and expired leases are looked
 * at no more often than this (ms). */
#define RESCAN_MS	250
#define JSON_MAX	(1024 * 1024)

/* What a finished transfer came to: kept until it is recorded. */
struct outcome {
	long		 http;		/* 0: no answer */
	char		 error[256];
	char		*ref;		/* the partner's reference, or NULL */
	int		 delivered, acked, dead;
	long long	 delay;		/* seconds to the next attempt */
	long long	 retry_after;	/* asked for, or -1 */
	long long	 took_us;
};

struct job {
	struct job		*next;
	struct deliver		*d;
	CURL			*h;
	struct curl_slist	*hdrs;
	char			*body;
	struct buf		 answer;
	long long		 outbox_id;
	long long		 partner_id;
	long long		 attempt;
	long long		 attempt_id;	/* its delivery_attempt row */
	int			 gone;		/* its row was deleted */
	long long		 age_s;	/* of the notice, when claimed */
	long long		 claimed_ms;
	long long		 started_ms;
	const char		*why;	/* why it could not be prepared */
	struct outcome		 out;
	char			 pid[SECURE_ID_SIZE];
	char			 bearer_hdr[BEARER_MAX + 32];
	char			 cert[1024], key[1024];
};

struct deliver {
	const struct conf	*cfg;
	struct db		*db;
	CURLM			*multi;
	struct job		*jobs;
	unsigned		 in_flight;
	/* finished, their outcome not yet recorded: recorded together at
	 * the end of a step, kept while the database refuses */
	struct job		*pending;
	unsigned		 npending;
	char			 me[80];	/* claimed_by */
	/* when the queue was last routed and expired leases looked for
	 * (claim), and whether the last claim found all it asked for */
	long long		 routed_ms, leases_ms;
	int			 short_claim;
};

static long long
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

struct deliver *
deliver_new(const struct conf *cfg, struct db *db)
{
	struct deliver *d = xcalloc(1, sizeof(*d));

	d->cfg = cfg;
	d->db = db;
	secure_claimant(d->me, sizeof(d->me));
	d->short_claim = 1;
	d->multi = curl_multi_init();
	if (d->multi == NULL) {
		xfree(d);
		return NULL;
	}
	curl_multi_setopt(d->multi, CURLMOPT_MAX_TOTAL_CONNECTIONS,
	    (long)cfg->delivery_max_in_flight);
	return d;
}

static void
job_free(struct job *j)
{
	if (j->h != NULL) {
		curl_multi_remove_handle(j->d->multi, j->h);
		curl_easy_cleanup(j->h);
	}
	curl_slist_free_all(j->hdrs);
	xfree(j->body);
	buf_release(&j->answer);
	xfree(j->out.ref);
	sodium_memzero(j->bearer_hdr, sizeof(j->bearer_hdr));
	xfree(j);
}

void
deliver_free(struct deliver *d)
{
	struct job *j, *n;

	if (d == NULL)
		return;
	/* Unfinished transfers keep their lease: another pass (or process)
	 * sends them again after it, with the same idempotency key. So do
	 * outcomes the database would not take (deliver_drain tried). */
	for (j = d->jobs; j != NULL; j = n) {
		n = j->next;
		job_free(j);
	}
	for (j = d->pending; j != NULL; j = n) {
		n = j->next;
		log_err("deliver: the outcome of '%s' is not recorded; it is "
		    "sent again after its lease, with the same key", j->pid);
		job_free(j);
	}
	curl_multi_cleanup(d->multi);
	xfree(d);
}

static size_t
on_data(char *p, size_t size, size_t n, void *arg)
{
	struct job *j = arg;
	size_t len = size * n;

	/* Past the cap the rest is dropped, not an error: the status is
	 * what counts, and a receipt that big is not a receipt. */
	if (j->answer.len + len <= ANSWER_MAX &&
	    buf_add(&j->answer, p, len) != ST_OK)
		buf_reset(&j->answer);
	return len;
}

/* The partner's reference from a receipt, or NULL. */
static char *
receipt_ref(const struct deliver *d, const struct buf *answer)
{
	xmlDocPtr doc = NULL;
	xmlNodePtr r, c;
	char err[128], *ref = NULL;

	if (answer->len == 0 || xmlsafe_parse(answer->data, answer->len,
	    ANSWER_MAX, d->cfg->xml_max_depth, &doc, err, sizeof(err)) !=
	    ST_OK)
		return NULL;
	r = xmlDocGetRootElement(doc);
	if (r != NULL && strcmp((const char *)r->name, "receipt") == 0)
		for (c = r->children; c != NULL; c = c->next) {
			xmlChar *v;
			size_t len, i;

			if (c->type != XML_ELEMENT_NODE ||
			    strcmp((const char *)c->name, "reference") != 0)
				continue;
			v = xmlNodeGetContent(c);
			len = v != NULL ? strlen((const char *)v) : 0;
			for (i = 0; i < len; i++)
				if (v[i] < 0x21 || v[i] == 0x7f)
					break;
			if (len > 0 && len <= 100 && i == len)
				ref = xstrdup((const char *)v);
			xmlFree(v);
			break;
		}
	xmlFreeDoc(doc);
	return ref;
}

long long
deliver_backoff(const struct conf *cfg, long long attempt)
{
	long long w = cfg->delivery_backoff_s > 0 ? cfg->delivery_backoff_s : 1;
	long long i;

	for (i = 1; i < attempt && w < BACKOFF_MAX_S; i++)
		w *= 2;
	if (w > BACKOFF_MAX_S)
		w = BACKOFF_MAX_S;
	return w / 2 + (long long)randombytes_uniform((uint32_t)(w / 2 + 1));
}

/*
 * What a finished transfer came to (j->out), decided once, when it ends:
 * 2xx delivered (acknowledged with a receipt), 408, 429, 5xx and no
 * answer at all tried again, anything else refused for good. A notice is
 * dead when its horizon has passed, not before: a wait that would end
 * past it is cut short, so the last attempt is made at the horizon.
 */
static void
judge(struct deliver *d, struct job *j, CURLcode cc, const char *why)
{
	struct outcome *o = &j->out;
	curl_off_t ra = -1;
	long long age, horizon = (long long)d->cfg->delivery_horizon_s;

	o->http = 0;
	o->retry_after = -1;
	o->took_us = (now_ms() - j->started_ms) * 1000;
	if (cc == CURLE_OK && j->h != NULL)
		curl_easy_getinfo(j->h, CURLINFO_RESPONSE_CODE, &o->http);
	if (cc != CURLE_OK) {
		/* No value in the error: curl's text names hosts, not data. */
		snprintf(o->error, sizeof(o->error), "%s",
		    why != NULL ? why : curl_easy_strerror(cc));
	} else if (o->http >= 200 && o->http < 300) {
		o->delivered = 1;
		o->ref = receipt_ref(d, &j->answer);
		o->acked = o->ref != NULL;
		return;
	} else if (o->http != 408 && o->http != 429 && o->http < 500) {
		o->dead = 1;
		snprintf(o->error, sizeof(o->error), "refused with HTTP %ld",
		    o->http);
		return;
	} else {
		snprintf(o->error, sizeof(o->error), "HTTP %ld", o->http);
		if (curl_easy_getinfo(j->h, CURLINFO_RETRY_AFTER, &ra) ==
		    CURLE_OK && ra > 0)
			o->retry_after = (long long)ra;
	}
	o->delay = o->retry_after >= 0 ? o->retry_after :
	    deliver_backoff(d->cfg, j->attempt);
	/* Stopped by our own shutdown: again at once, not after a wait. */
	if (cc == CURLE_ABORTED_BY_CALLBACK)
		o->delay = 0;
	age = j->age_s + (now_ms() - j->claimed_ms) / 1000;
	if (age >= horizon)
		o->dead = 1;
	else if (age + o->delay > horizon)
		o->delay = horizon - age;
}

/* The timeline is told when a partner's 2xx came for a notice it had
 * been told was cancelled, or could not be delivered. */
static st_rc
correct(struct db *db, const struct job *j, const struct db_res *row,
    size_t i)
{
	const char *was = db_get(row, i, RL_STATUS);
	struct db_val p[1];
	struct db_res name;
	struct evmsg m;
	st_rc rc;

	p[0] = DV_INT(db_get_int(row, i, RL_PARTNER));
	if ((rc = db_query(db, STMT_PARTNER_NAME, p, 1, 1, &name)) != ST_OK)
		return rc;
	evmsg_init(&m, strcmp(was, "cancelled") == 0 ?
	    N_("A notice to {0} reached it after all: it was on its way when it was cancelled. It is told that the notice is withdrawn.") :
	    N_("A notice to {0} reached it after all, after it was given up."));
	evmsg_name(&m, name.nrows == 1 ? db_get(&name, 0, 0) : "?");
	log_info("deliver: notice '%s' was %s, and is delivered", j->pid, was);
	rc = caselog_event_msg_open(db, 0, db_get_int(row, i, RL_LOG),
	    db_get_int(row, i, RL_CONCERN), "system", "notice", &m, NULL,
	    NULL, 0);
	db_res_release(&name);
	return rc;
}

/* Outcomes recorded together (record_tx's argument). */
struct batch {
	struct deliver	*d;
	struct job	*v[BATCH_MAX];
	size_t		 n;
};

/* An HTTP status into JSON, or null for none (no answer came). */
static st_rc
json_http(struct buf *b, long http)
{
	return http > 0 ? buf_addf(b, "%ld,", http) : buf_addstr(b, "null,");
}

/* JSON [id, ...] of the batch's notices. */
static st_rc
batch_ids(const struct batch *b, struct buf *out)
{
	size_t i;
	st_rc rc = buf_addch(out, '[');

	for (i = 0; i < b->n && rc == ST_OK; i++)
		rc = buf_addf(out, "%s%lld", i > 0 ? "," : "",
		    b->v[i]->outbox_id);
	return rc == ST_OK ? buf_addch(out, ']') : rc;
}

/* Where row id is in res (STMT_OUTBOX_RESULT_LOCK), or -1. */
static long
row_of(const struct db_res *res, long long id)
{
	size_t i;

	for (i = 0; i < res->nrows; i++)
		if (db_get_int(res, i, RL_ID) == id)
			return (long)i;
	return -1;
}

/* A 2xx, the first time: its sample in the partner's latency histogram
 * (for /metrics). ids: JSON of the notices delivered for the first time. */
static st_rc
latency(struct db *db, const struct buf *ids)
{
	struct buf add = BUF_INIT(JSON_MAX);
	struct db_val p[1];
	struct db_res res;
	size_t i;
	st_rc rc;

	p[0] = DV_STRN(ids->data, ids->len);
	if ((rc = db_query(db, STMT_OUTBOX_LATENCY, p, 1, BATCH_MAX, &res)) !=
	    ST_OK)
		return rc;
	rc = buf_addch(&add, '[');
	for (i = 0; i < res.nrows && rc == ST_OK; i++) {
		long long us = db_get_int(&res, i, 1);

		if (us < 0)
			us = 0;
		rc = buf_addf(&add, "%s[%lld,%llu,%lld]", i > 0 ? "," : "",
		    db_get_int(&res, i, 0),
		    metrics_latency_le_ms((unsigned long long)us), us);
	}
	if (rc == ST_OK)
		rc = buf_addch(&add, ']');
	if (rc == ST_OK && res.nrows > 0) {
		p[0] = DV_STRN(add.data, add.len);
		rc = db_exec(db, STMT_LATENCY_ADD, p, 1, NULL, NULL);
	}
	db_res_release(&res);
	buf_release(&add);
	return rc;
}

/*
 * The outcomes of a batch, whole, in one transaction (issue 17: one
 * commit for many notices, not three for each): the notices' states,
 * the attempts, the latency samples, and a correction of the timeline
 * where need be. Each notice is treated as when it was recorded alone;
 * db_tx runs it all again when another transaction was in the way.
 */
static st_rc
record_tx(struct db *db, void *arg)
{
	struct batch *b = arg;
	struct deliver *d = b->d;
	struct buf ids = BUF_INIT(JSON_MAX), ok = BUF_INIT(JSON_MAX),
	    bad = BUF_INIT(JSON_MAX), first = BUF_INIT(JSON_MAX),
	    fin = BUF_INIT(JSON_MAX);
	struct db_val p[2];
	struct db_res row;
	size_t i, nok = 0, nbad = 0, nfirst = 0, nfin = 0;
	st_rc rc;

	memset(&row, 0, sizeof(row));
	if ((rc = batch_ids(b, &ids)) != ST_OK)
		goto out;
	p[0] = DV_STR(d->me);
	p[1] = DV_STRN(ids.data, ids.len);
	if ((rc = db_query(db, STMT_OUTBOX_RESULT_LOCK, p, 2, BATCH_MAX,
	    &row)) != ST_OK)
		goto out;
	FAULT("deliver_recording");
	rc = buf_addch(&ok, '[');
	if (rc == ST_OK)
		rc = buf_addch(&bad, '[');
	if (rc == ST_OK)
		rc = buf_addch(&first, '[');
	if (rc == ST_OK)
		rc = buf_addch(&fin, '[');
	for (i = 0; i < b->n && rc == ST_OK; i++) {
		struct job *j = b->v[i];
		const struct outcome *o = &j->out;
		long k = row_of(&row, j->outbox_id);
		const char *was, *outcome;
		int mine;

		j->gone = k < 0;
		if (j->gone)
			continue;
		was = db_get(&row, (size_t)k, RL_STATUS);
		mine = db_get_int(&row, (size_t)k, RL_MINE) == 1 &&
		    strcmp(was, "in_flight") == 0;
		if (o->delivered) {
			rc = buf_addf(&ok, "%s[%lld,%d,%ld,", nok++ > 0 ?
			    "," : "", j->outbox_id, o->acked, o->http);
			if (rc == ST_OK)
				rc = buf_add_json_str(&ok, o->ref);
			if (rc == ST_OK)
				rc = buf_addch(&ok, ']');
			/* Counted once, when it first arrives. */
			if (rc == ST_OK && db_get_int(&row, (size_t)k,
			    RL_FIRST) == 1)
				rc = buf_addf(&first, "%s%lld", nfirst++ > 0 ?
				    "," : "", j->outbox_id);
		} else if (mine) {
			rc = buf_addf(&bad, "%s[%lld,\"%s\",", nbad++ > 0 ?
			    "," : "", j->outbox_id, o->dead ? "dead" :
			    "failed");
			if (rc == ST_OK)
				rc = json_http(&bad, o->http);
			if (rc == ST_OK)
				rc = buf_add_json_str(&bad, o->error);
			if (rc == ST_OK)
				rc = buf_addf(&bad, ",%d,%lld]", o->dead,
				    o->delay);
		}
		/* A failure after the lease was lost changes nothing but
		 * is an attempt all the same. */
		outcome = o->acked ? "acknowledged" : o->delivered ?
		    "delivered" : o->dead ? "dead" : "retry";
		if (rc == ST_OK)
			rc = buf_addf(&fin, "%s[%lld,", nfin++ > 0 ? "," : "",
			    j->attempt_id);
		if (rc == ST_OK)
			rc = json_http(&fin, o->http);
		if (rc == ST_OK)
			rc = buf_addf(&fin, "\"%s\",", outcome);
		if (rc == ST_OK)
			rc = buf_add_json_str(&fin, o->error[0] != '\0' ?
			    o->error : NULL);
		if (rc == ST_OK)
			rc = o->retry_after >= 0 ? buf_addf(&fin, ",%lld]",
			    o->retry_after) : buf_addstr(&fin, ",null]");
	}
	if (rc == ST_OK)
		rc = buf_addch(&ok, ']');
	if (rc == ST_OK)
		rc = buf_addch(&bad, ']');
	if (rc == ST_OK)
		rc = buf_addch(&first, ']');
	if (rc == ST_OK)
		rc = buf_addch(&fin, ']');
	if (rc == ST_OK && nok > 0) {
		p[0] = DV_STRN(ok.data, ok.len);
		rc = db_exec(db, STMT_OUTBOX_DELIVERED, p, 1, NULL, NULL);
	}
	/* The timeline is corrected where a notice it was told had been
	 * cancelled or given up reached the partner after all. */
	for (i = 0; i < b->n && rc == ST_OK; i++) {
		long k;

		if (b->v[i]->gone || !b->v[i]->out.delivered)
			continue;
		k = row_of(&row, b->v[i]->outbox_id);
		if (strcmp(db_get(&row, (size_t)k, RL_STATUS), "cancelled") ==
		    0 || strcmp(db_get(&row, (size_t)k, RL_STATUS), "dead") ==
		    0)
			rc = correct(db, b->v[i], &row, (size_t)k);
	}
	if (rc == ST_OK && nfirst > 0)
		rc = latency(db, &first);
	if (rc == ST_OK && nbad > 0) {
		p[0] = DV_STRN(bad.data, bad.len);
		p[1] = DV_STR(d->me);
		rc = db_exec(db, STMT_OUTBOX_RESULT_MANY, p, 2, NULL, NULL);
	}
	if (rc == ST_OK && nfin > 0) {
		p[0] = DV_STRN(fin.data, fin.len);
		rc = db_exec(db, STMT_ATTEMPT_FINISH, p, 1, NULL, NULL);
	}
out:
	db_res_release(&row);
	buf_release(&ids);
	buf_release(&ok);
	buf_release(&bad);
	buf_release(&first);
	buf_release(&fin);
	return rc;
}

/* Whether a batch whose COMMIT's answer was lost was committed. */
static int
committed(struct deliver *d, const struct batch *b)
{
	struct db_val p[1];
	struct db_res res;
	size_t i;
	int yes = 0;

	for (i = 0; i < b->n && b->v[i]->gone; i++)
		;
	if (i == b->n)
		return 1;
	p[0] = DV_INT(b->v[i]->attempt_id);
	if (db_query(d->db, STMT_ATTEMPT_EXISTS, p, 1, 1, &res) == ST_OK) {
		yes = db_get_int(&res, 0, 0) > 0;
		db_res_release(&res);
	}
	return yes;
}

/*
 * Record the outcomes of up to BATCH_MAX finished transfers in one
 * transaction. A partner's answer is a fact: a deadlock or a lost
 * connection is met by trying again (db_tx), and what still cannot be
 * written is kept and tried again at every step (deliver_step) until it
 * is, never dropped. Returns whether they are recorded.
 */
/* A batch's outcomes are recorded: say what became of each, and let go
 * of them. */
static void
recorded(struct deliver *d, struct batch *b)
{
	size_t i;

	for (i = 0; i < b->n; i++) {
		struct job *j = b->v[i];

		if (j->gone)
			log_err("deliver: notice '%s' is gone; its outcome is "
			    "not recorded", j->pid);
		else if (j->out.dead)
			log_err("deliver: notice '%s' is dead after %lld "
			    "attempts (%s)", j->pid, j->attempt, j->out.error);
		else if (!j->out.delivered)
			log_info("deliver: notice '%s' failed (%s), again in "
			    "%llds", j->pid, j->out.error, j->out.delay);
		job_free(j);
	}
	d->npending -= (unsigned)b->n;
	b->n = 0;
}

/*
 * Record a batch in a transaction of its own. A partner's answer is a
 * fact: a deadlock or a lost connection is met by trying again (db_tx),
 * and what still cannot be written is kept and tried again at every
 * step (deliver_step) until it is, never dropped. Returns whether it is
 * recorded.
 */
static int
record(struct deliver *d, struct batch *b)
{
	st_rc rc;

	FAULT("deliver_before_record");
	rc = db_tx(d->db, "deliver_record", record_tx, b, 6);
	if (rc == ST_E_DB_GONE && d->db->commit_sent && committed(d, b))
		rc = ST_OK;
	if (rc != ST_OK) {
		log_warn("deliver: cannot record %zu outcomes yet (%s); they "
		    "are kept and tried again", b->n, st_rc_str(rc));
		return 0;
	}
	recorded(d, b);
	return 1;
}

/* A transfer is over (j is no longer in d->jobs): judge it, and keep it
 * with the others finished until they are recorded (flush_pending). */
static void
finish(struct deliver *d, struct job *j, CURLcode cc, const char *why)
{
	judge(d, j, cc, why);
	/* What a pending outcome needs is in j->out: the rest can go. */
	if (j->h != NULL) {
		curl_multi_remove_handle(d->multi, j->h);
		curl_easy_cleanup(j->h);
		j->h = NULL;
	}
	curl_slist_free_all(j->hdrs);
	j->hdrs = NULL;
	xfree(j->body);
	j->body = NULL;
	buf_release(&j->answer);
	j->next = d->pending;
	d->pending = j;
	d->npending++;
}

/* The oldest finished outcomes, up to BATCH_MAX, taken off the list. */
static void
batch_take(struct deliver *d, struct batch *b)
{
	struct job **pp = &d->pending;
	size_t skip;

	b->d = d;
	b->n = 0;
	/* the list is newest first: the oldest are at its end */
	skip = d->npending > BATCH_MAX ? d->npending - BATCH_MAX : 0;
	while (*pp != NULL && skip > 0) {
		pp = &(*pp)->next;
		skip--;
	}
	while (*pp != NULL) {
		b->v[b->n++] = *pp;
		*pp = (*pp)->next;
	}
}

/* A batch not recorded goes back on the list, as the oldest. */
static void
batch_back(struct deliver *d, struct batch *b)
{
	struct job **pp = &d->pending;
	size_t i;

	while (*pp != NULL)
		pp = &(*pp)->next;
	for (i = 0; i < b->n; i++) {
		b->v[i]->next = NULL;
		*pp = b->v[i];
		pp = &b->v[i]->next;
	}
	b->n = 0;
}

/* Record the finished outcomes, a batch at a time, oldest first; stop
 * at the first batch the database refuses. Returns how many. */
static unsigned
flush_pending(struct deliver *d)
{
	struct batch b;
	unsigned done = 0;

	while (d->npending > 0) {
		size_t n;

		batch_take(d, &b);
		n = b.n;
		if (!record(d, &b)) {
			batch_back(d, &b);
			break;
		}
		done += (unsigned)n;
	}
	return done;
}

/* Cancel a claimed row the right to send no longer covers. A row tried
 * before may have reached the partner: the timeline says so, and does
 * not claim it was never sent (a cancellation is queued for it when the
 * consent ends or the log closes, casenotice.c). */
static st_rc
cancel(struct deliver *d, long long id, const struct db_res *row, size_t i)
{
	struct db_val p[2];
	const char *service = db_get(row, i, OD_SERVICE);
	unsigned long long n = 0;
	struct evmsg m;
	st_rc rc;

	p[0] = DV_STR("no right to send: consent or log");
	p[1] = DV_INT(id);
	if ((rc = db_exec(d->db, STMT_OUTBOX_CANCEL_ONE, p, 2, &n, NULL)) !=
	    ST_OK || n == 0)
		return rc;
	if ((rc = db_exec(d->db, STMT_ATTEMPT_ABANDON, p + 1, 1, NULL,
	    NULL)) != ST_OK)
		return rc;
	evmsg_init(&m, db_get_int(row, i, OD_ATTEMPTS) > 0 ?
	    N_("Sending a notice to {0} was stopped: no valid consent covers the service any more, or the log is closed. An earlier attempt may have reached it; if so, it is told that the notice is withdrawn.") :
	    N_("A notice to {0} was cancelled, not sent: no valid consent covers the service any more, or the log is closed."));
	if (service != NULL)
		evmsg_code(&m, EVARG_SERVICE, service);
	else
		evmsg_name(&m, "?");
	log_info("deliver: notice '%s' cancelled: no right to send",
	    db_get(row, i, OD_PID));
	return caselog_event_msg_open(d->db, 0, db_get_int(row, i, OD_LOG),
	    db_get_int(row, i, OD_CONCERN), "system", "notice", &m, NULL,
	    NULL, 0);
}

/* The signed, authenticated request for one claimed row. */
static st_rc
prepare(struct deliver *d, struct job *j, const struct db_res *row,
    size_t i)
{
	struct msg_head head;
	xmlDocPtr inst = NULL, msg = NULL;
	xmlChar *xml = NULL;
	unsigned char key[HMAC_MAX], mac[crypto_auth_hmacsha256_BYTES];
	char hex[2 * crypto_auth_hmacsha256_BYTES + 1], err[128];
	char hdr[256], bearer[BEARER_MAX];
	const char *endpoint = db_get(row, i, OD_ENDPOINT);
	const char *partner = db_get(row, i, OD_PARTNER);
	const char *type = db_get(row, i, OD_TYPE);
	const char *instance = db_get(row, i, OD_INSTANCE);
	crypto_auth_hmacsha256_state st;
	size_t keylen = 0, blen = 0;
	int len = 0, cancellation;
	st_rc rc = ST_E_INVALID;

	/* Checked again: a row edited by hand never sends in clear. */
	if (endpoint == NULL || !partner_endpoint_valid(endpoint)) {
		j->why = "endpoint refused: https only";
		return ST_E_CONFIG;
	}
	if (type == NULL || msg_type_of(type) == MSG__COUNT)
		return ST_E_INVALID;
	/* A cancellation carries no form: only which notice, and why. */
	cancellation = msg_type_of(type) == MSG_CANCELLATION;
	if (!cancellation && (instance == NULL ||
	    xmlsafe_parse(instance, strlen(instance), 16u << 20,
	    d->cfg->xml_max_depth, &inst, err, sizeof(err)) != ST_OK))
		return ST_E_INVALID;
	head.notice = j->pid;
	head.log_ref = db_get(row, i, OD_LOG_REF);
	head.created = db_get(row, i, OD_CREATED);
	head.sender = db_get(row, i, OD_SENDER);
	if (cancellation)
		rc = msg_build_cancellation(&head, db_get(row, i, OD_CANCELS),
		    db_get(row, i, OD_REASON), &msg);
	else
		rc = msg_build(msg_type_of(type), &head, inst, &msg);
	xmlFreeDoc(inst);
	if (rc != ST_OK)
		return rc;
	xmlDocDumpMemoryEnc(msg, &xml, &len, "UTF-8");
	xmlFreeDoc(msg);
	if (xml == NULL)
		return ST_E_NOMEM;
	j->body = xstrndup((const char *)xml, (size_t)len);
	xmlFree(xml);
	/* The signature: without a key nothing is sent. */
	if ((rc = partner_secret_read(d->cfg->partner_secrets_dir, partner,
	    "hmac", (char *)key, sizeof(key), &keylen)) != ST_OK)
		return ST_E_CONFIG;
	crypto_auth_hmacsha256_init(&st, key, keylen);
	crypto_auth_hmacsha256_update(&st, (const unsigned char *)j->body,
	    (unsigned long long)len);
	crypto_auth_hmacsha256_final(&st, mac);
	sodium_memzero(key, sizeof(key));
	sodium_bin2hex(hex, sizeof(hex), mac, sizeof(mac));
	j->hdrs = curl_slist_append(j->hdrs, "Content-Type: application/xml");
	snprintf(hdr, sizeof(hdr), "Idempotency-Key: %s",
	    db_get(row, i, OD_IDEM));
	j->hdrs = curl_slist_append(j->hdrs, hdr);
	snprintf(hdr, sizeof(hdr), "X-Stafett-Signature: sha256=%s", hex);
	j->hdrs = curl_slist_append(j->hdrs, hdr);
	snprintf(hdr, sizeof(hdr), "X-Stafett-Message-Type: %s", type);
	j->hdrs = curl_slist_append(j->hdrs, hdr);
	j->hdrs = curl_slist_append(j->hdrs, "Expect:");
	if (strcmp(db_get(row, i, OD_AUTH), "bearer") == 0) {
		if (partner_secret_read(d->cfg->partner_secrets_dir, partner,
		    "bearer", bearer, sizeof(bearer), &blen) != ST_OK ||
		    blen == 0 || strpbrk(bearer, "\r\n") != NULL)
			return ST_E_CONFIG;
		snprintf(j->bearer_hdr, sizeof(j->bearer_hdr),
		    "Authorization: Bearer %s", bearer);
		sodium_memzero(bearer, sizeof(bearer));
		j->hdrs = curl_slist_append(j->hdrs, j->bearer_hdr);
	} else {
		if (partner_secret_path(d->cfg->partner_secrets_dir, partner,
		    "cert", j->cert, sizeof(j->cert)) != ST_OK ||
		    partner_secret_path(d->cfg->partner_secrets_dir, partner,
		    "key", j->key, sizeof(j->key)) != ST_OK ||
		    access(j->cert, R_OK) != 0 || access(j->key, R_OK) != 0)
			return ST_E_CONFIG;
	}
	if (j->hdrs == NULL || (j->h = curl_easy_init()) == NULL)
		return ST_E_NOMEM;
	curl_easy_setopt(j->h, CURLOPT_URL, endpoint);
#if LIBCURL_VERSION_NUM >= 0x075500
	curl_easy_setopt(j->h, CURLOPT_PROTOCOLS_STR, "https");
	curl_easy_setopt(j->h, CURLOPT_REDIR_PROTOCOLS_STR, "https");
#else
	curl_easy_setopt(j->h, CURLOPT_PROTOCOLS, (long)CURLPROTO_HTTPS);
	curl_easy_setopt(j->h, CURLOPT_REDIR_PROTOCOLS, (long)CURLPROTO_HTTPS);
#endif
	/* Verification is never turned off, whatever the configuration. */
	curl_easy_setopt(j->h, CURLOPT_SSL_VERIFYPEER, 1L);
	curl_easy_setopt(j->h, CURLOPT_SSL_VERIFYHOST, 2L);
	if (*d->cfg->partner_ca_file != '\0')
		curl_easy_setopt(j->h, CURLOPT_CAINFO, d->cfg->partner_ca_file);
	if (j->cert[0] != '\0') {
		curl_easy_setopt(j->h, CURLOPT_SSLCERT, j->cert);
		curl_easy_setopt(j->h, CURLOPT_SSLKEY, j->key);
	}
	curl_easy_setopt(j->h, CURLOPT_FOLLOWLOCATION, 0L);
	curl_easy_setopt(j->h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(j->h, CURLOPT_CONNECTTIMEOUT,
	    (long)d->cfg->delivery_connect_timeout_s);
	curl_easy_setopt(j->h, CURLOPT_TIMEOUT,
	    (long)d->cfg->delivery_timeout_s);
	curl_easy_setopt(j->h, CURLOPT_HTTPHEADER, j->hdrs);
	curl_easy_setopt(j->h, CURLOPT_POSTFIELDS, j->body);
	curl_easy_setopt(j->h, CURLOPT_POSTFIELDSIZE, (long)len);
	curl_easy_setopt(j->h, CURLOPT_WRITEFUNCTION, on_data);
	curl_easy_setopt(j->h, CURLOPT_WRITEDATA, j);
	curl_easy_setopt(j->h, CURLOPT_PRIVATE, j);
	curl_easy_setopt(j->h, CURLOPT_USERAGENT, PACKAGE_STRING);
	return ST_OK;
}

static unsigned
partner_load(const struct deliver *d, long long partner_id)
{
	const struct job *j;
	unsigned n = 0;

	for (j = d->jobs; j != NULL; j = j->next)
		if (j->partner_id == partner_id)
			n++;
	return n;
}

/*
 * Up to max due rows, locked: expired leases first (their notify died
 * with them), then those failed and waiting, then the new ones, each
 * kind oldest first (stmt.c says why they are three reads).
 */
static st_rc
due_rows(struct deliver *d, unsigned max, struct db_res *due)
{
	static const char *status[] = { "failed", "queued" };
	struct db_res more;
	struct db_val p[2];
	long long t = now_ms();
	size_t k;
	st_rc rc;

	/* A lease runs out only when its notify died: looked for at every
	 * claim while the queue is short, at most every RESCAN_MS while a
	 * backlog is worked off (each look is a round trip). */
	memset(due, 0, sizeof(*due));
	if (d->short_claim || t - d->leases_ms >= RESCAN_MS) {
		d->leases_ms = t;
		p[0] = DV_INT(max);
		if ((rc = db_query(d->db, STMT_OUTBOX_DUE_LEASE, p, 1, max,
		    due)) != ST_OK)
			return rc;
	}
	for (k = 0; k < 2 && due->nrows < max; k++) {
		p[0] = DV_STR(status[k]);
		p[1] = DV_INT(max - due->nrows);
		if ((rc = db_query(d->db, STMT_OUTBOX_DUE, p, 2, max, &more)) !=
		    ST_OK) {
			db_res_release(due);
			return rc;
		}
		rc = db_res_append(due, &more);
		db_res_release(&more);
		if (rc != ST_OK) {
			db_res_release(due);
			return rc;
		}
	}
	return ST_OK;
}

/* The right to send, again: a report of concern to child welfare needs
 * no consent and goes even from a closed log; a cancellation goes
 * precisely when consent or the log is gone (it carries no child data,
 * only the notice's id). */
static int
may_send(const struct db_res *row, size_t i)
{
	const char *type = db_get(row, i, OD_TYPE);
	const char *log = db_get(row, i, OD_LOG_STATUS);

	return strcmp(type, "cw_report") == 0 ||
	    strcmp(type, "cancellation") == 0 ||
	    (log != NULL && strcmp(log, "open") == 0 &&
	    db_get_int(row, i, OD_COVERED) == 1);
}

/* A claimed row's job, its request prepared (or why it cannot be). */
static struct job *
job_for(struct deliver *d, const struct db_res *row, size_t i,
    long long attempt_id)
{
	struct job *j = xcalloc(1, sizeof(*j));
	st_rc rc;

	j->attempt_id = attempt_id;
	buf_init(&j->answer, ANSWER_MAX);
	j->d = d;
	j->outbox_id = db_get_int(row, i, OD_ID);
	j->attempt = db_get_int(row, i, OD_ATTEMPTS) + 1;
	j->age_s = db_get_int(row, i, OD_AGE);
	snprintf(j->pid, sizeof(j->pid), "%s", db_get(row, i, OD_PID));
	j->started_ms = now_ms();
	j->claimed_ms = j->started_ms;
	if ((rc = prepare(d, j, row, i)) != ST_OK) {
		/* Recorded after the commit as a failed attempt, and tried
		 * again like a network failure: the administrator may add
		 * the missing secret. */
		if (j->why == NULL)
			j->why = rc == ST_E_CONFIG ?
			    "partner secret missing or unreadable" :
			    "message cannot be built";
		log_warn("deliver: notice '%s' cannot be sent (%s)", j->pid,
		    j->why);
		if (j->h != NULL) {
			curl_easy_cleanup(j->h);
			j->h = NULL;
		}
	}
	return j;
}

/*
 * Lease the rows of `take` (JSON ids; the rows of detail marked in
 * mark[]) and start their attempts, all at once: four statements for
 * any number of notices (issue 17). The jobs are put on *ready.
 */
static st_rc
lease(struct deliver *d, const struct buf *take, const struct db_res *detail,
    const char *mark, long long *partner, struct job **ready,
    unsigned *claimed)
{
	struct buf start = BUF_INIT(JSON_MAX);
	struct db_val p[3];
	struct db_res att;
	size_t i, k, n = 0;
	st_rc rc;

	p[0] = DV_STRN(take->data, take->len);
	p[1] = DV_INT(d->cfg->delivery_lease_s);
	p[2] = DV_STR(d->me);
	if ((rc = db_exec(d->db, STMT_OUTBOX_LEASE_MANY, p, 3, NULL, NULL)) !=
	    ST_OK)
		return rc;
	/* The attempts are on record before anything is sent, so no crash
	 * loses one; one whose sender died is unknown now (a notice never
	 * tried before has none: its attempts are counted with its lease). */
	for (i = 0; i < detail->nrows; i++)
		if (mark[i] && db_get_int(detail, i, OD_ATTEMPTS) > 0)
			break;
	if (i < detail->nrows && (rc = db_exec(d->db,
	    STMT_ATTEMPT_ABANDON_MANY, p, 1, NULL, NULL)) != ST_OK)
		return rc;
	rc = buf_addch(&start, '[');
	for (i = 0; i < detail->nrows && rc == ST_OK; i++)
		if (mark[i])
			rc = buf_addf(&start, "%s[%lld,%lld,%lld]", n++ > 0 ?
			    "," : "", db_get_int(detail, i, OD_ID), partner[i],
			    db_get_int(detail, i, OD_ATTEMPTS) + 1);
	if (rc == ST_OK)
		rc = buf_addch(&start, ']');
	if (rc == ST_OK) {
		p[0] = DV_STR(d->me);
		p[1] = DV_STRN(start.data, start.len);
		rc = db_exec(d->db, STMT_ATTEMPT_START, p, 2, NULL, NULL);
	}
	buf_release(&start);
	if (rc != ST_OK)
		return rc;
	p[0] = DV_STRN(take->data, take->len);
	p[1] = DV_STR(d->me);
	if ((rc = db_query(d->db, STMT_ATTEMPT_CLAIMED, p, 2, BATCH_MAX,
	    &att)) != ST_OK)
		return rc;
	for (i = 0; i < detail->nrows; i++) {
		long long id = db_get_int(detail, i, OD_ID), attempt = 0;
		struct job *j;

		if (!mark[i])
			continue;
		for (k = 0; k < att.nrows; k++)
			if (db_get_int(&att, k, 1) == id)
				attempt = db_get_int(&att, k, 0);
		if (attempt == 0) {
			log_err("deliver: notice %lld has no attempt", id);
			rc = ST_E_INTERNAL;
			break;
		}
		j = job_for(d, detail, i, attempt);
		j->partner_id = partner[i];
		j->next = *ready;
		*ready = j;
		(*claimed)++;
	}
	db_res_release(&att);
	return rc;
}

/*
 * Claim up to `room` due rows in one short transaction: the due rows,
 * their details with the right to send checked again, their leases and
 * attempts, each in one statement for all of them. The outcomes of rec
 * (if not NULL) are recorded first in the same transaction, so that a
 * step costs one commit (issue 17): when they are, rec is emptied;
 * when the transaction fails they stay in rec, as they were.
 */
static st_rc
claim(struct deliver *d, unsigned room, struct batch *rec, unsigned *claimed)
{
	struct db_res due, detail;
	struct db_val p[3];
	struct job *ready = NULL, *j;
	struct buf ids = BUF_INIT(JSON_MAX), take = BUF_INIT(JSON_MAX);
	long long partner[BATCH_MAX];
	char mark[BATCH_MAX], today[11];
	time_t t = time(NULL);
	struct tm tm;
	size_t i, k, nids = 0, ntake = 0;
	st_rc rc;

	*claimed = 0;
	memset(&detail, 0, sizeof(detail));
	if (room > BATCH_MAX / 2)
		room = BATCH_MAX / 2;
	/* New notices get their partner: at every claim while the queue is
	 * short, at most every RESCAN_MS while a backlog (routed already)
	 * is worked off. */
	if (d->short_claim || now_ms() - d->routed_ms >= RESCAN_MS) {
		d->routed_ms = now_ms();
		if ((rc = db_exec(d->db, STMT_OUTBOX_ROUTE, NULL, 0, NULL,
		    NULL)) != ST_OK)
			return rc;
	}
	localtime_r(&t, &tm);
	strftime(today, sizeof(today), "%Y-%m-%d", &tm);
	if (rec != NULL)
		FAULT("deliver_before_record");
	/* whether this transaction's COMMIT went out (committed()) */
	d->db->commit_sent = 0;
	if ((rc = db_begin(d->db)) != ST_OK)
		return rc;
	if (rec != NULL && (rc = record_tx(d->db, rec)) != ST_OK) {
		db_rollback(d->db);
		return rc;
	}
	if ((rc = due_rows(d, room * 2, &due)) != ST_OK) {
		db_rollback(d->db);
		return rc;
	}
	/* Over the partner's bound: left as it is, unclaimed. */
	rc = buf_addch(&ids, '[');
	for (i = 0; i < due.nrows && nids < room && rc == ST_OK; i++) {
		long long pid = db_get_int(&due, i, 1);
		unsigned load = partner_load(d, pid);

		for (k = 0; k < i; k++)
			if (partner[k] == pid && mark[k])
				load++;
		partner[i] = pid;
		mark[i] = load < d->cfg->delivery_max_per_partner;
		if (mark[i])
			rc = buf_addf(&ids, "%s%s", nids++ > 0 ? "," : "",
			    db_get(&due, i, 0));
	}
	if (rc == ST_OK)
		rc = buf_addch(&ids, ']');
	if (rc == ST_OK && nids > 0) {
		p[0] = DV_STR(today);
		p[1] = DV_STR(today);
		p[2] = DV_STRN(ids.data, ids.len);
		rc = db_query(d->db, STMT_OUTBOX_DETAIL, p, 3, BATCH_MAX,
		    &detail);
	}
	/* The details come in their own order: each its partner, and
	 * whether it may still be sent (if not, it is cancelled). */
	if (rc == ST_OK)
		rc = buf_addch(&take, '[');
	for (i = 0; i < detail.nrows && rc == ST_OK; i++) {
		long long id = db_get_int(&detail, i, OD_ID);

		for (k = 0; k < due.nrows; k++)
			if (db_get_int(&due, k, 0) == id)
				break;
		partner[i] = db_get_int(&due, k, 1);
		mark[i] = may_send(&detail, i);
		if (!mark[i])
			rc = cancel(d, id, &detail, i);
		else
			rc = buf_addf(&take, "%s%lld", ntake++ > 0 ? "," : "",
			    id);
	}
	if (rc == ST_OK)
		rc = buf_addch(&take, ']');
	if (rc == ST_OK && ntake > 0)
		rc = lease(d, &take, &detail, mark, partner, &ready, claimed);
	db_res_release(&due);
	db_res_release(&detail);
	buf_release(&ids);
	buf_release(&take);
	if (rc == ST_OK)
		rc = db_commit(d->db);
	else
		db_rollback(d->db);
	if (rec != NULL && (rc == ST_OK || (rc == ST_E_DB_GONE &&
	    d->db->commit_sent && committed(d, rec))))
		recorded(d, rec);
	while ((j = ready) != NULL) {
		ready = j->next;
		if (rc != ST_OK) {
			job_free(j);
			continue;
		}
		if (j->h == NULL) {
			finish(d, j, CURLE_FAILED_INIT, j->why);
			continue;
		}
		j->started_ms = now_ms();
		if (curl_multi_add_handle(d->multi, j->h) != CURLM_OK) {
			curl_easy_cleanup(j->h);
			j->h = NULL;
			finish(d, j, CURLE_FAILED_INIT, NULL);
			continue;
		}
		j->next = d->jobs;
		d->jobs = j;
		d->in_flight++;
	}
	if (rc != ST_OK)
		*claimed = 0;
	d->short_claim = rc != ST_OK || nids < room;
	return rc;
}

static void
unlink_job(struct deliver *d, struct job *j)
{
	struct job **pp;

	for (pp = &d->jobs; *pp != NULL; pp = &(*pp)->next)
		if (*pp == j) {
			*pp = j->next;
			d->in_flight--;
			return;
		}
}

/* Record the finished transfers; returns how many there were. */
static unsigned
collect(struct deliver *d)
{
	CURLMsg *m;
	unsigned done = 0;
	int left;

	while ((m = curl_multi_info_read(d->multi, &left)) != NULL) {
		struct job *j = NULL;

		if (m->msg != CURLMSG_DONE)
			continue;
		curl_easy_getinfo(m->easy_handle, CURLINFO_PRIVATE,
		    (char **)&j);
		if (j == NULL)
			continue;
		unlink_job(d, j);
		FAULT("deliver_answered");
		finish(d, j, m->data.result, NULL);
		done++;
	}
	return done;
}

/*
 * Whether enough is waiting to be worth a transaction: half the slots,
 * or everything there is (nothing else in flight). Claims and outcomes
 * then go many to a transaction (issue 17); a notice alone goes at once.
 */
static int
worth(const struct deliver *d, unsigned n)
{
	return n > 0 && (4 * n >= 3 * d->cfg->delivery_max_in_flight ||
	    d->in_flight == 0);
}

st_rc
deliver_step(struct deliver *d, int wait_ms, int *busy)
{
	unsigned max = d->cfg->delivery_max_in_flight;
	unsigned claimed = 0, done = 0, room;
	int running = 0;
	struct batch b;
	st_rc rc = ST_OK;

	/*
	 * Outcomes first: they are facts, and the database may be back.
	 * With room for enough new notices, the outcomes and the claim are
	 * one transaction; otherwise the outcomes go alone, and while the
	 * database refuses them nothing new is claimed.
	 */
	room = d->in_flight < max ? max - d->in_flight : 0;
	if (worth(d, d->npending) && d->npending <= BATCH_MAX &&
	    worth(d, room)) {
		batch_take(d, &b);
		done += (unsigned)b.n;
		rc = claim(d, room, &b, &claimed);
		if (b.n > 0) {
			/* not recorded with the claim: on their own */
			log_warn("database: 'deliver_record' is run again (%s)",
			    st_rc_str(rc));
			done -= (unsigned)b.n;
			batch_back(d, &b);
			done += flush_pending(d);
		}
	} else {
		if (worth(d, d->npending))
			done += flush_pending(d);
		room = d->in_flight + d->npending < max ?
		    max - d->in_flight - d->npending : 0;
		if (d->npending == 0 && worth(d, room))
			rc = claim(d, room, NULL, &claimed);
	}
	if (d->in_flight > 0) {
		curl_multi_perform(d->multi, &running);
		done += collect(d);
		if (d->in_flight > 0 && wait_ms > 0)
			curl_multi_poll(d->multi, NULL, 0, wait_ms, NULL);
		curl_multi_perform(d->multi, &running);
		done += collect(d);
	}
	/* A finished transfer made room that this step, full when it
	 * claimed, could not use: more may be due, so the caller must come
	 * back at once (--once stopped here, the daemon slept a second). */
	*busy = claimed > 0 || d->in_flight > 0 || done > 0 ||
	    d->npending > 0;
	return rc;
}

unsigned
deliver_in_flight(const struct deliver *d)
{
	return d->in_flight + d->npending;
}

void
deliver_drain(struct deliver *d, unsigned grace_s)
{
	long long until = now_ms() + (long long)grace_s * 1000;
	struct timespec pause = { 0, 200 * 1000 * 1000 };
	struct job *j;
	int running = 0;

	while (d->in_flight > 0 && now_ms() < until) {
		curl_multi_perform(d->multi, &running);
		collect(d);
		if (d->in_flight > 0)
			curl_multi_poll(d->multi, NULL, 0, 200, NULL);
	}
	/*
	 * Out of time: the transfers still running are stopped, and
	 * recorded as what they are, attempts whose answer never came
	 * (the partner may have the notice), to be sent again at once with
	 * the same key rather than after the lease.
	 */
	while ((j = d->jobs) != NULL) {
		unlink_job(d, j);
		log_warn("deliver: notice '%s' interrupted by the stop",
		    j->pid);
		finish(d, j, CURLE_ABORTED_BY_CALLBACK,
		    "interrupted: notify stopped before the answer came");
	}
	/* What finished is recorded once at least, out of time or not. */
	if (d->npending > 0)
		flush_pending(d);
	while (d->npending > 0 && now_ms() < until) {
		if (flush_pending(d) == 0)
			nanosleep(&pause, NULL);
	}
}
