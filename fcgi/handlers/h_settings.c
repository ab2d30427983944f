/* h_settings.c: a person's own settings: their e-mail address, and
 * which e-mail notices they get. */
#include "config.h"

#include <string.h>

#include "audit.h"
#include "db.h"
#include "handlers.h"
#include "i18n.h"
#include "mail.h"
#include "mailaddr.h"
#include "route.h"
#include "view.h"
#include "worker.h"

#define SETTINGS_PATH	"/settings/email"

/* The topics a role can be sent (mail.h): the page shows only those. */
static unsigned
role_mask(enum role role)
{
	switch (role) {
	case ROLE_EMPLOYEE:
		return MW_EMPLOYEE;
	case ROLE_LEADER:
		return MW_LEADER;
	case ROLE_CITIZEN:
		return MW_CITIZEN;
	default:
		return MW_STAFF;
	}
}

/*
 * The page: the person's address (or that there is none) and the form
 * to change it, whether the municipality sends e-mail at all, and a
 * checkbox per topic, ticked unless turned off. After a refusal, error
 * says what is wrong with field ("topics": the boxes show what was
 * sent; "email": the address as typed).
 */
static st_rc
settings_page(struct req *r, int status, const char *field,
    const char *error)
{
	const char *saved = fields_get(&r->qs, "saved");
	int sent_topics = error != NULL && strcmp(field, "topics") == 0;
	struct db_val p[1];
	struct db_res pref, addr;
	const struct mail_topic *t;
	xmlNodePtr root, topics, n;
	size_t i, j, nt;
	st_rc rc;

	p[0] = DV_INT(r->who.user_id);
	if ((rc = db_query(&r->w->db, STMT_PREF_LIST, p, 1, 100, &pref)) !=
	    ST_OK)
		return rc;
	if ((rc = db_query(&r->w->db, STMT_USER_EMAIL, p, 1, 1, &addr)) !=
	    ST_OK) {
		db_res_release(&pref);
		return rc;
	}
	root = view_page(r, "settings");
	n = view_el(root, "email", NULL);
	if (addr.nrows == 1 && db_get(&addr, 0, 0) != NULL &&
	    *db_get(&addr, 0, 0) != '\0')
		view_attr(n, "address", db_get(&addr, 0, 0));
	view_attr(n, "on", *r->w->cfg->smtp_url != '\0' ? "true" : "false");
	if (error == NULL && saved != NULL)
		view_attr(view_el(root, "saved", NULL), "what",
		    strcmp(saved, "address") == 0 ? "address" : "topics");
	topics = view_el(root, "topics", NULL);
	t = mail_topics(&nt);
	for (i = 0; i < nt; i++) {
		int on = 1;

		if ((t[i].who & role_mask(r->who.role)) == 0)
			continue;
		if (sent_topics) {
			/* what was sent, to show again */
			for (on = 0, j = 0; req_input_n(r, "topic", j) != NULL;
			    j++)
				if (strcmp(req_input_n(r, "topic", j),
				    t[i].id) == 0)
					on = 1;
		} else {
			for (j = 0; j < pref.nrows; j++)
				if (strcmp(db_get(&pref, j, 0), t[i].id) == 0)
					on = db_get_int(&pref, j, 1) != 0;
		}
		n = view_el(topics, "topic", NULL);
		view_attr(n, "id", t[i].id);
		view_attr(n, "label", _(t[i].label));
		if (on)
			view_attr(n, "on", "true");
	}
	if (error != NULL) {
		view_attr(view_el(root, "error", error), "field", field);
		if (!sent_topics)
			view_typed(r, root, "form", field);
	}
	db_res_release(&pref);
	db_res_release(&addr);
	return view_send(r, status, root);
}

/* ROUTE: GET /settings/email */
st_rc
h_settings_show(struct req *r)
{
	return settings_page(r, 200, NULL, NULL);
}

/* Is topic among the ticked ones? */
static int
ticked(struct req *r, const char *topic)
{
	const char *v;
	size_t i;

	for (i = 0; (v = req_input_n(r, "topic", i)) != NULL; i++)
		if (strcmp(v, topic) == 0)
			return 1;
	return 0;
}

/*
 * Every topic the page shows is saved: on when its box was ticked, off
 * when not (a browser sends nothing for an unticked box). A value that
 * is no topic at all is refused and nothing is saved.
 */
/* ROUTE: POST /settings/email */
st_rc
h_settings_save(struct req *r)
{
	struct db *db = &r->w->db;
	const struct mail_topic *t;
	const char *v;
	size_t i, nt;
	st_rc rc = ST_OK;

	for (i = 0; (v = req_input_n(r, "topic", i)) != NULL; i++)
		if (mail_topic(v) == NULL)
			return settings_page(r, 422, "topics",
			    _("There is no such kind of e-mail. Choose from the list."));
	if ((rc = db_begin(db)) != ST_OK)
		return rc;
	t = mail_topics(&nt);
	for (i = 0; i < nt && rc == ST_OK; i++) {
		struct db_val p[3];

		if ((t[i].who & role_mask(r->who.role)) == 0)
			continue;
		p[0] = DV_INT(r->who.user_id);
		p[1] = DV_STR(t[i].id);
		p[2] = DV_INT(ticked(r, t[i].id));
		rc = db_exec(db, STMT_PREF_SET, p, 3, NULL, NULL);
	}
	if (rc == ST_OK)
		rc = db_commit(db);
	if (rc != ST_OK) {
		db_rollback(db);
		return rc;
	}
	return resp_done(r, 200, SETTINGS_PATH "?saved=1");
}

/*
 * A person's own e-mail address, where their notices go: changed or,
 * empty, removed (then no e-mail is sent to them). The address is
 * checked as every address the mailer puts in an envelope is
 * (mailaddr.h), and the change is audited, as the administrator's
 * changes of it are.
 */
/* ROUTE: POST /settings/email/address */
st_rc
h_settings_address(struct req *r)
{
	const char *addr = req_input(r, "email");
	struct db_val p[2];
	st_rc rc;

	if (addr == NULL)
		addr = "";
	if (*addr != '\0' && !mail_address_ok(addr))
		return settings_page(r, 422, "email",
		    _("Write an e-mail address like name@example.no (at most 254 characters, no spaces), or leave it empty."));
	p[0] = *addr != '\0' ? DV_STR(addr) : DV_NULL;
	p[1] = DV_STR(r->who.username);
	if ((rc = db_begin(&r->w->db)) != ST_OK)
		return rc;
	rc = db_exec(&r->w->db, STMT_USER_SET_EMAIL, p, 2, NULL, NULL);
	if (rc == ST_OK)
		rc = audit_log(r, "update", "user", r->who.user_id, 0);
	if (rc == ST_OK)
		rc = db_commit(&r->w->db);
	if (rc != ST_OK) {
		db_rollback(&r->w->db);
		return rc;
	}
	return resp_done(r, 200, SETTINGS_PATH "?saved=address");
}
