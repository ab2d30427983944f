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
	long long		 age_s;	/* of the notice, when claimed */
	long long		 started_ms;
	const char		*why;	/* why it could not be prepared */
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
	char			 me[80];	/* claimed_by */
};

static long long
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void
deliver_claimant(char *out, size_t n)
{
	char host[64];

	if (gethostname(host, sizeof(host)) != 0)
		snprintf(host, sizeof(host), "localhost");
	host[sizeof(host) - 1] = '\0';
	snprintf(out, n, "%.50s:%ld:%08x", host, (long)getpid(),
	    (unsigned)randombytes_random());
}

struct deliver *
deliver_new(const struct conf *cfg, struct db *db)
{
	struct deliver *d = xcalloc(1, sizeof(*d));

	d->cfg = cfg;
	d->db = db;
	deliver_claimant(d->me, sizeof(d->me));
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
	 * sends them again after it, with the same idempotency key. */
	for (j = d->jobs; j != NULL; j = n) {
		n = j->next;
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

/* Record an attempt; a failure is logged, never fatal (the outbox row is
 * the truth). */
static void
attempt_row(struct deliver *d, const struct job *j, long http,
    const char *outcome, const char *error, long long retry_after)
{
	struct db_val p[9];

	p[0] = DV_INT(j->outbox_id);
	p[1] = DV_INT(j->partner_id);
	p[2] = DV_INT(j->attempt);
	p[3] = DV_STR(d->me);
	p[4] = DV_INT((now_ms() - j->started_ms) * 1000);
	p[5] = http > 0 ? DV_INT(http) : DV_NULL;
	p[6] = DV_STR(outcome);
	p[7] = DV_OPT(error);
	p[8] = retry_after >= 0 ? DV_INT(retry_after) : DV_NULL;
	if (db_exec(d->db, STMT_ATTEMPT_INSERT, p, 9, NULL, NULL) != ST_OK)
		log_warn("deliver: cannot record an attempt of '%s'", j->pid);
}

/* Count a delivery in the partner's latency histogram (for /metrics).
 * A failure costs one sample, never the delivery: logged only. */
static void
latency_row(struct deliver *d, const struct job *j)
{
	struct db_val p[3];
	struct db_res res;
	long long us;

	p[0] = DV_INT(j->outbox_id);
	if (db_query(d->db, STMT_OUTBOX_LATENCY, p, 1, 1, &res) != ST_OK) {
		log_warn("deliver: cannot read the latency of '%s'", j->pid);
		return;
	}
	if (res.nrows == 1) {
		us = db_get_int(&res, 0, 1);
		if (us < 0)
			us = 0;
		p[0] = DV_INT(db_get_int(&res, 0, 0));
		p[1] = DV_INT(metrics_latency_le_ms((unsigned long long)us));
		p[2] = DV_INT(us);
		if (db_exec(d->db, STMT_LATENCY_ADD, p, 3, NULL, NULL) != ST_OK)
			log_warn("deliver: cannot count the latency of '%s'",
			    j->pid);
	}
	db_res_release(&res);
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

static void
finish(struct deliver *d, struct job *j, CURLcode cc, const char *why)
{
	struct db_val p[10];
	const char *status, *outcome;
	char error[256], *ref = NULL;
	long http = 0;
	curl_off_t ra = -1;
	long long delay = 0, retry_after = -1;
	unsigned long long n = 0;
	int delivered = 0, acked = 0, dead = 0;

	error[0] = '\0';
	if (cc == CURLE_OK)
		curl_easy_getinfo(j->h, CURLINFO_RESPONSE_CODE, &http);
	if (cc != CURLE_OK) {
		/* No value in the error: curl's text names hosts, not data. */
		snprintf(error, sizeof(error), "%s",
		    why != NULL ? why : curl_easy_strerror(cc));
	} else if (http >= 200 && http < 300) {
		delivered = 1;
		ref = receipt_ref(d, &j->answer);
		acked = ref != NULL;
	} else if (http != 408 && http != 429 && http < 500) {
		dead = 1;
		snprintf(error, sizeof(error), "refused with HTTP %ld", http);
	} else {
		snprintf(error, sizeof(error), "HTTP %ld", http);
		if (curl_easy_getinfo(j->h, CURLINFO_RETRY_AFTER, &ra) ==
		    CURLE_OK && ra > 0)
			retry_after = (long long)ra;
	}
	if (!delivered && !dead) {
		delay = retry_after >= 0 ? retry_after :
		    deliver_backoff(d->cfg, j->attempt);
		if (j->age_s + delay > (long long)d->cfg->delivery_horizon_s)
			dead = 1;
	}
	status = acked ? "acknowledged" : delivered ? "delivered" :
	    dead ? "dead" : "failed";
	outcome = acked ? "acknowledged" : delivered ? "delivered" :
	    dead ? "dead" : "retry";
	p[0] = DV_STR(status);
	p[1] = http > 0 ? DV_INT(http) : DV_NULL;
	p[2] = error[0] != '\0' ? DV_STR(error) : DV_NULL;
	p[3] = DV_INT(delivered);
	p[4] = DV_INT(acked);
	p[5] = DV_OPT(ref);
	p[6] = DV_INT(dead);
	p[7] = DV_INT(delay);
	p[8] = DV_INT(j->outbox_id);
	p[9] = DV_STR(d->me);
	if (db_exec(d->db, STMT_OUTBOX_RESULT, p, 10, &n, NULL) != ST_OK)
		log_warn("deliver: cannot record the result of '%s'; it is "
		    "sent again after its lease", j->pid);
	else if (delivered && n == 1)
		latency_row(d, j);
	attempt_row(d, j, http, outcome, error[0] != '\0' ? error : NULL,
	    retry_after);
	if (dead)
		log_err("deliver: notice '%s' is dead after %lld attempts (%s)",
		    j->pid, j->attempt, error);
	else if (!delivered)
		log_info("deliver: notice '%s' failed (%s), again in %llds",
		    j->pid, error, delay);
	xfree(ref);
}

/* Cancel a claimed row the right to send no longer covers. */
static st_rc
cancel(struct deliver *d, long long id, const struct db_res *row)
{
	struct db_val p[2];
	const char *service = db_get(row, 0, OD_SERVICE);
	char text[512];
	st_rc rc;

	p[0] = DV_STR("no right to send: consent or log");
	p[1] = DV_INT(id);
	if ((rc = db_exec(d->db, STMT_OUTBOX_CANCEL_ONE, p, 2, NULL, NULL)) !=
	    ST_OK)
		return rc;
	snprintf(text, sizeof(text), _("A notice to %s was cancelled, not sent: no valid consent covers the service any more, or the log is closed."),
	    service != NULL ? service : "?");
	log_info("deliver: notice '%s' cancelled: no right to send",
	    db_get(row, 0, OD_PID));
	return caselog_event_open(d->db, 0, db_get_int(row, 0, OD_LOG),
	    db_get_int(row, 0, OD_CONCERN), "system", "notice", text, NULL,
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
		if (rc != ST_OK) {
			db_res_release(&row);
			break;
		}
		j = xcalloc(1, sizeof(*j));
		buf_init(&j->answer, ANSWER_MAX);
		j->d = d;
		j->outbox_id = id;
		j->partner_id = partner;
		j->attempt = db_get_int(&row, 0, OD_ATTEMPTS) + 1;
		j->age_s = db_get_int(&row, 0, OD_AGE);
		snprintf(j->pid, sizeof(j->pid), "%s", db_get(&row, 0, OD_PID));
		j->started_ms = now_ms();
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
			job_free(j);
			continue;
		}
		j->started_ms = now_ms();
		if (curl_multi_add_handle(d->multi, j->h) != CURLM_OK) {
			finish(d, j, CURLE_FAILED_INIT, NULL);
			job_free(j);
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
		finish(d, j, m->data.result, NULL);
		unlink_job(d, j);
		job_free(j);
		done++;
	}
	return done;
}

st_rc
deliver_step(struct deliver *d, int wait_ms, int *busy)
{
	unsigned claimed = 0, done = 0;
	int running = 0;
	st_rc rc = ST_OK;

	if (d->in_flight < d->cfg->delivery_max_in_flight)
		rc = claim(d, d->cfg->delivery_max_in_flight - d->in_flight,
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
	*busy = claimed > 0 || d->in_flight > 0 || done > 0;
	return rc;
}

void
deliver_drain(struct deliver *d)
{
	int running = 0;

	while (d->in_flight > 0) {
		curl_multi_perform(d->multi, &running);
		collect(d);
		if (d->in_flight > 0)
			curl_multi_poll(d->multi, NULL, 0, 200, NULL);
	}
}
