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
	OD_CANCELS, OD_REASON
};

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
	/* finished, their outcome not yet recorded (the database refused) */
	struct job		*pending;
	unsigned		 npending;
	char			 me[80];	/* claimed_by */
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

/* Count a delivery in the partner's latency histogram (for /metrics). */
static st_rc
latency(struct db *db, long long outbox_id)
{
	struct db_val p[3];
	struct db_res res;
	long long us;
	st_rc rc;

	p[0] = DV_INT(outbox_id);
	if ((rc = db_query(db, STMT_OUTBOX_LATENCY, p, 1, 1, &res)) != ST_OK)
		return rc;
	if (res.nrows == 1) {
		us = db_get_int(&res, 0, 1);
		if (us < 0)
			us = 0;
		p[0] = DV_INT(db_get_int(&res, 0, 0));
		p[1] = DV_INT(metrics_latency_le_ms((unsigned long long)us));
		p[2] = DV_INT(us);
		rc = db_exec(db, STMT_LATENCY_ADD, p, 3, NULL, NULL);
	}
	db_res_release(&res);
	return rc;
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
correct(struct db *db, const struct job *j, const struct db_res *row)
{
	const char *was = db_get(row, 0, 0);
	struct db_val p[1];
	struct db_res name;
	struct evmsg m;
	st_rc rc;

	p[0] = DV_INT(db_get_int(row, 0, 4));
	if ((rc = db_query(db, STMT_PARTNER_NAME, p, 1, 1, &name)) != ST_OK)
		return rc;
	evmsg_init(&m, strcmp(was, "cancelled") == 0 ?
	    N_("A notice to {0} reached it after all: it was on its way when it was cancelled. It is told that the notice is withdrawn.") :
	    N_("A notice to {0} reached it after all, after it was given up."));
	evmsg_name(&m, name.nrows == 1 ? db_get(&name, 0, 0) : "?");
	log_info("deliver: notice '%s' was %s, and is delivered", j->pid, was);
	rc = caselog_event_msg_open(db, 0, db_get_int(row, 0, 2),
	    db_get_int(row, 0, 3), "system", "notice", &m, NULL, NULL, 0);
	db_res_release(&name);
	return rc;
}

/*
 * One outcome, whole, in one transaction: the notice's state, the
 * attempt, the latency sample, and a correction of the timeline if need
 * be (db_tx runs it again when another transaction was in the way).
 */
static st_rc
record_tx(struct db *db, void *arg)
{
	struct job *j = arg;
	struct deliver *d = j->d;
	const struct outcome *o = &j->out;
	struct db_val p[10];
	struct db_res row;
	unsigned long long n = 0;
	const char *outcome, *status;
	int mine, first;
	st_rc rc;

	p[0] = DV_STR(d->me);
	p[1] = DV_INT(j->outbox_id);
	if ((rc = db_query(db, STMT_OUTBOX_RESULT_LOCK, p, 2, 1, &row)) !=
	    ST_OK)
		return rc;
	if (row.nrows != 1) {
		db_res_release(&row);
		return ST_E_NOT_FOUND;
	}
	FAULT("deliver_recording");
	mine = db_get_int(&row, 0, 1) == 1 &&
	    strcmp(db_get(&row, 0, 0), "in_flight") == 0;
	first = db_get_int(&row, 0, 6) == 1;
	if (o->delivered) {
		p[0] = DV_INT(o->acked);
		p[1] = DV_INT(o->http);
		p[2] = DV_INT(o->acked);
		p[3] = DV_OPT(o->ref);
		p[4] = DV_INT(j->outbox_id);
		rc = db_exec(db, STMT_OUTBOX_DELIVERED, p, 5, &n, NULL);
		if (rc == ST_OK && (strcmp(db_get(&row, 0, 0), "cancelled") ==
		    0 || strcmp(db_get(&row, 0, 0), "dead") == 0))
			rc = correct(db, j, &row);
		/* Counted once, when it first arrives. */
		if (rc == ST_OK && first)
			rc = latency(db, j->outbox_id);
	} else if (mine) {
		status = o->dead ? "dead" : "failed";
		p[0] = DV_STR(status);
		p[1] = o->http > 0 ? DV_INT(o->http) : DV_NULL;
		p[2] = DV_STR(o->error);
		p[3] = DV_INT(0);
		p[4] = DV_INT(0);
		p[5] = DV_NULL;
		p[6] = DV_INT(o->dead);
		p[7] = DV_INT(o->delay);
		p[8] = DV_INT(j->outbox_id);
		p[9] = DV_STR(d->me);
		rc = db_exec(db, STMT_OUTBOX_RESULT, p, 10, &n, NULL);
	}
	/* A failure after the lease was lost changes nothing but is an
	 * attempt all the same. */
	db_res_release(&row);
	if (rc != ST_OK)
		return rc;
	outcome = o->acked ? "acknowledged" : o->delivered ? "delivered" :
	    o->dead ? "dead" : "retry";
	p[0] = o->http > 0 ? DV_INT(o->http) : DV_NULL;
	p[1] = DV_STR(outcome);
	p[2] = o->error[0] != '\0' ? DV_STR(o->error) : DV_NULL;
	p[3] = o->retry_after >= 0 ? DV_INT(o->retry_after) : DV_NULL;
	p[4] = DV_INT(j->attempt_id);
	return db_exec(db, STMT_ATTEMPT_FINISH, p, 5, NULL, NULL);
}

/*
 * Record j's outcome. A partner's answer is a fact: a deadlock or a lost
 * connection is met by trying again (db_tx), and what still cannot be
 * written is kept and tried again at every step (deliver_step) until it
 * is, never dropped. Returns whether it is recorded.
 */
static int
record(struct deliver *d, struct job *j)
{
	struct db_val p[1];
	struct db_res res;
	st_rc rc;

	FAULT("deliver_before_record");
	rc = db_tx(d->db, "deliver_record", record_tx, j, 6);
	if (rc == ST_E_DB_GONE && d->db->commit_sent) {
		/* The COMMIT went out and its answer was lost: look. */
		p[0] = DV_INT(j->attempt_id);
		if (db_query(d->db, STMT_ATTEMPT_EXISTS, p, 1, 1, &res) ==
		    ST_OK) {
			rc = db_get_int(&res, 0, 0) > 0 ? ST_OK : ST_E_DB_GONE;
			db_res_release(&res);
		}
	}
	if (rc == ST_E_NOT_FOUND) {
		log_err("deliver: notice '%s' is gone; its outcome is not "
		    "recorded", j->pid);
		return 1;
	}
	if (rc != ST_OK) {
		log_warn("deliver: cannot record the outcome of '%s' yet (%s); "
		    "it is kept and tried again", j->pid, st_rc_str(rc));
		return 0;
	}
	if (j->out.dead)
		log_err("deliver: notice '%s' is dead after %lld attempts (%s)",
		    j->pid, j->attempt, j->out.error);
	else if (!j->out.delivered)
		log_info("deliver: notice '%s' failed (%s), again in %llds",
		    j->pid, j->out.error, j->out.delay);
	return 1;
}

/* A transfer is over (j is no longer in d->jobs): judge and record it,
 * or keep it until the database takes it. */
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
	if (record(d, j)) {
		job_free(j);
		return;
	}
	j->next = d->pending;
	d->pending = j;
	d->npending++;
}

/* Outcomes kept because the database would not take them: again. */
static unsigned
flush_pending(struct deliver *d)
{
	struct job *j, **pp = &d->pending;
	unsigned done = 0;

	while ((j = *pp) != NULL) {
		if (!record(d, j)) {
			/* The database still refuses: try the rest later. */
			break;
		}
		*pp = j->next;
		d->npending--;
		job_free(j);
		done++;
	}
	return done;
}

/* Cancel a claimed row the right to send no longer covers. A row tried
 * before may have reached the partner: the timeline says so, and does
 * not claim it was never sent (a cancellation is queued for it when the
 * consent ends or the log closes, casenotice.c). */
static st_rc
cancel(struct deliver *d, long long id, const struct db_res *row)
{
	struct db_val p[2];
	const char *service = db_get(row, 0, OD_SERVICE);
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
	evmsg_init(&m, db_get_int(row, 0, OD_ATTEMPTS) > 0 ?
	    N_("Sending a notice to {0} was stopped: no valid consent covers the service any more, or the log is closed. An earlier attempt may have reached it; if so, it is told that the notice is withdrawn.") :
	    N_("A notice to {0} was cancelled, not sent: no valid consent covers the service any more, or the log is closed."));
	if (service != NULL)
		evmsg_code(&m, EVARG_SERVICE, service);
	else
		evmsg_name(&m, "?");
	log_info("deliver: notice '%s' cancelled: no right to send",
	    db_get(row, 0, OD_PID));
	return caselog_event_msg_open(d->db, 0, db_get_int(row, 0, OD_LOG),
	    db_get_int(row, 0, OD_CONCERN), "system", "notice", &m, NULL,
	    NULL, 0);
}

/* The signed, authenticated request for one claimed row. */
static st_rc
prepare(struct deliver *d, struct job *j, const struct db_res *row)
{
	struct msg_head head;
	xmlDocPtr inst = NULL, msg = NULL;
	xmlChar *xml = NULL;
	unsigned char key[HMAC_MAX], mac[crypto_auth_hmacsha256_BYTES];
	char hex[2 * crypto_auth_hmacsha256_BYTES + 1], err[128];
	char hdr[256], bearer[BEARER_MAX];
	const char *endpoint = db_get(row, 0, OD_ENDPOINT);
	const char *partner = db_get(row, 0, OD_PARTNER);
	const char *type = db_get(row, 0, OD_TYPE);
	const char *instance = db_get(row, 0, OD_INSTANCE);
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
	head.log_ref = db_get(row, 0, OD_LOG_REF);
	head.created = db_get(row, 0, OD_CREATED);
	head.sender = db_get(row, 0, OD_SENDER);
	if (cancellation)
		rc = msg_build_cancellation(&head, db_get(row, 0, OD_CANCELS),
		    db_get(row, 0, OD_REASON), &msg);
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
	    db_get(row, 0, OD_IDEM));
	j->hdrs = curl_slist_append(j->hdrs, hdr);
	snprintf(hdr, sizeof(hdr), "X-Stafett-Signature: sha256=%s", hex);
	j->hdrs = curl_slist_append(j->hdrs, hdr);
	snprintf(hdr, sizeof(hdr), "X-Stafett-Message-Type: %s", type);
	j->hdrs = curl_slist_append(j->hdrs, hdr);
	j->hdrs = curl_slist_append(j->hdrs, "Expect:");
	if (strcmp(db_get(row, 0, OD_AUTH), "bearer") == 0) {
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
	size_t k;
	st_rc rc;

	p[0] = DV_INT(max);
	if ((rc = db_query(d->db, STMT_OUTBOX_DUE_LEASE, p, 1, max, due)) !=
	    ST_OK)
		return rc;
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

/* Claim up to `room` due rows in one short transaction. */
static st_rc
claim(struct deliver *d, unsigned room, unsigned *claimed)
{
	struct db_res due, row;
	struct db_val p[3];
	struct job *ready = NULL, *j;
	unsigned long long attempt_id = 0;
	char today[11];
	time_t t = time(NULL);
	struct tm tm;
	size_t i;
	st_rc rc;

	*claimed = 0;
	if ((rc = db_exec(d->db, STMT_OUTBOX_ROUTE, NULL, 0, NULL, NULL)) !=
	    ST_OK)
		return rc;
	localtime_r(&t, &tm);
	strftime(today, sizeof(today), "%Y-%m-%d", &tm);
	if ((rc = db_begin(d->db)) != ST_OK)
		return rc;
	if ((rc = due_rows(d, room * 2, &due)) != ST_OK) {
		db_rollback(d->db);
		return rc;
	}
	for (i = 0; i < due.nrows && *claimed < room; i++) {
		long long id = db_get_int(&due, i, 0);
		long long partner = db_get_int(&due, i, 1);
		unsigned load = partner_load(d, partner);
		int may;

		for (j = ready; j != NULL; j = j->next)
			if (j->partner_id == partner)
				load++;
		/* Over the partner's bound: left as it is, unclaimed. */
		if (load >= d->cfg->delivery_max_per_partner)
			continue;
		p[0] = DV_STR(today);
		p[1] = DV_STR(today);
		p[2] = DV_INT(id);
		if ((rc = db_query(d->db, STMT_OUTBOX_DETAIL, p, 3, 1, &row)) !=
		    ST_OK)
			break;
		if (row.nrows != 1) {
			db_res_release(&row);
			continue;
		}
		/* The right to send, again: a report of concern to child
		 * welfare needs no consent and goes even from a closed log;
		 * a cancellation goes precisely when consent or the log is
		 * gone (it carries no child data, only the notice's id). */
		may = strcmp(db_get(&row, 0, OD_TYPE), "cw_report") == 0 ||
		    strcmp(db_get(&row, 0, OD_TYPE), "cancellation") == 0 ||
		    (db_get(&row, 0, OD_LOG_STATUS) != NULL &&
		    strcmp(db_get(&row, 0, OD_LOG_STATUS), "open") == 0 &&
		    db_get_int(&row, 0, OD_COVERED) == 1);
		if (!may) {
			rc = cancel(d, id, &row);
			db_res_release(&row);
			if (rc != ST_OK)
				break;
			continue;
		}
		p[0] = DV_INT(d->cfg->delivery_lease_s);
		p[1] = DV_STR(d->me);
		p[2] = DV_INT(id);
		rc = db_exec(d->db, STMT_OUTBOX_LEASE, p, 3, NULL, NULL);
		/* The attempt is on record before anything is sent, so no
		 * crash loses it; one whose sender died is unknown now. */
		if (rc == ST_OK)
			rc = db_exec(d->db, STMT_ATTEMPT_ABANDON, p + 2, 1,
			    NULL, NULL);
		if (rc == ST_OK) {
			struct db_val a[4];

			a[0] = DV_INT(id);
			a[1] = DV_INT(partner);
			a[2] = DV_INT(db_get_int(&row, 0, OD_ATTEMPTS) + 1);
			a[3] = DV_STR(d->me);
			rc = db_exec(d->db, STMT_ATTEMPT_START, a, 4, NULL,
			    &attempt_id);
		}
		if (rc != ST_OK) {
			db_res_release(&row);
			break;
		}
		j = xcalloc(1, sizeof(*j));
		j->attempt_id = (long long)attempt_id;
		buf_init(&j->answer, ANSWER_MAX);
		j->d = d;
		j->outbox_id = id;
		j->partner_id = partner;
		j->attempt = db_get_int(&row, 0, OD_ATTEMPTS) + 1;
		j->age_s = db_get_int(&row, 0, OD_AGE);
		snprintf(j->pid, sizeof(j->pid), "%s", db_get(&row, 0, OD_PID));
		j->started_ms = now_ms();
		j->claimed_ms = j->started_ms;
		rc = prepare(d, j, &row);
		db_res_release(&row);
		if (rc != ST_OK) {
			/* Recorded after the commit as a failed attempt, and
			 * tried again like a network failure: the
			 * administrator may add the missing secret. */
			if (j->why == NULL)
				j->why = rc == ST_E_CONFIG ?
				    "partner secret missing or unreadable" :
				    "message cannot be built";
			log_warn("deliver: notice '%s' cannot be sent (%s)",
			    j->pid, j->why);
			if (j->h != NULL) {
				curl_easy_cleanup(j->h);
				j->h = NULL;
			}
		}
		j->next = ready;
		ready = j;
		(*claimed)++;
		rc = ST_OK;
	}
	db_res_release(&due);
	if (rc == ST_OK)
		rc = db_commit(d->db);
	else
		db_rollback(d->db);
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

st_rc
deliver_step(struct deliver *d, int wait_ms, int *busy)
{
	unsigned claimed = 0, done = 0, busy_slots;
	int running = 0;
	st_rc rc = ST_OK;

	/* Outcomes first: they are facts, and the database may be back. */
	if (d->npending > 0)
		done += flush_pending(d);
	busy_slots = d->in_flight + d->npending;
	if (d->npending == 0 && busy_slots < d->cfg->delivery_max_in_flight)
		rc = claim(d, d->cfg->delivery_max_in_flight - busy_slots,
		    &claimed);
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
	while (d->npending > 0 && now_ms() < until) {
		if (flush_pending(d) == 0)
			nanosleep(&pause, NULL);
	}
}
