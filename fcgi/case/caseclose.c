/* caseclose.c: closing a relay log and making its archive copy (see
 * caselog.h). */
#include "config.h"

#include <string.h>
#include <time.h>

#include "caselog.h"
#include "db.h"
#include "feedback.h"
#include "i18n.h"
#include "logview.h"
#include "view.h"
#include "worker.h"

#define ARCHIVE_MAX	(16 * 1024 * 1024)

/*
 * The archive is the log as every reader with access saw it, frozen:
 * one XML document (the same vocabulary as the API) and the same content
 * rendered by forms/xsl/archive.xsl as one self-contained, printable
 * HTML file (styles inline, no links it needs to load).
 */
static st_rc
archive(struct req *r, struct caselog *l, long long sub_id)
{
	xmlNodePtr root, n, rights, closing;
	struct buf html = BUF_INIT(ARCHIVE_MAX);
	struct db_res sub;
	struct db_val p[3];
	xmlChar *xml = NULL;
	int len = 0;
	st_rc rc;

	root = view_doc(r, "archive");
	view_attr(root, "lang", i18n_code(r->lang));
	if ((rc = logview_build(r, l, root, 1, &n)) != ST_OK)
		return rc;
	/* what the closing holder could do is not part of the record */
	for (rights = n->children; rights != NULL; rights = rights->next)
		if (rights->type == XML_ELEMENT_NODE &&
		    strcmp((const char *)rights->name, "rights") == 0) {
			xmlUnlinkNode(rights);
			xmlFreeNode(rights);
			break;
		}
	xmlUnsetProp(n, BAD_CAST "role");
	p[0] = DV_INT(sub_id);
	if ((rc = db_query(&r->w->db, STMT_SUBMISSION_GET_ID, p, 1, 1,
	    &sub)) != ST_OK)
		return rc;
	closing = view_el(n, "closing", NULL);
	if (sub.nrows == 1)
		rc = form_view_stored(r->w->forms, &r->w->env,
		    db_get(&sub, 0, 0), (unsigned)db_get_int(&sub, 0, 1),
		    db_get(&sub, 0, 2), db_get_len(&sub, 0, 2), NULL, closing);
	db_res_release(&sub);
	if (rc != ST_OK)
		return rc;
	if ((rc = view_render(r, root->doc, "archive", &html)) != ST_OK)
		return rc;
	xmlDocDumpMemoryEnc(root->doc, &xml, &len, "UTF-8");
	if (xml == NULL) {
		buf_release(&html);
		return ST_E_NOMEM;
	}
	p[0] = DV_INT(l->id);
	p[1] = DV_STRN((const char *)xml, (size_t)len);
	p[2] = DV_STRN(html.data, html.len);
	rc = db_exec(&r->w->db, STMT_ARCHIVE_INSERT, p, 3, NULL, NULL);
	xmlFree(xml);
	buf_release(&html);
	return rc;
}

st_rc
caselog_close(struct req *r, struct caselog *l, long long sub_id,
    const struct evmsg *m)
{
	struct db *db = &r->w->db;
	unsigned long long n = 0;
	struct db_val p[1];
	st_rc rc;

	p[0] = DV_INT(l->id);
	/* partners that have the log's referrals and notices are told the
	 * case is closed (before the archive copy, which shows it); the
	 * timeline's last events are written while the log is open: a
	 * closed log's timeline takes nothing more (0018_closed_log.sql) */
	if ((rc = caselog_partner_cancel(db, l->id, l->home_unit_id,
	    "log_closed")) != ST_OK)
		return rc;
	if ((rc = caselog_event_msg(db, r->who.user_id, l->id, 0,
	    caselog_role(l, r), "closed", m, NULL, NULL, sub_id)) !=
	    ST_OK)
		return rc;
	if ((rc = db_exec(db, STMT_LOG_CLOSE, p, 1, &n, NULL)) != ST_OK)
		return rc;
	if (n == 0)
		return ST_E_CONFLICT;
	if ((rc = db_exec(db, STMT_CONCERN_CLOSE_LOG, p, 1, NULL, NULL)) !=
	    ST_OK)
		return rc;
	if ((rc = db_exec(db, STMT_HANDOVER_CANCEL_LOG, p, 1, NULL, NULL)) !=
	    ST_OK)
		return rc;
	/* the family leaves the teams it was referred to (a team's queue
	 * holds open logs only) */
	if ((rc = db_exec(db, STMT_REFERRAL_CLOSE_LOG, p, 1, NULL, NULL)) !=
	    ST_OK)
		return rc;
	/* the family is asked how it went, for the service (not the log) */
	if ((rc = feedback_ask(db, l->id, l->child_id, l->child_birth,
	    l->home_unit_id)) != ST_OK)
		return rc;
	l->status = "closed";
	l->facts.open = 0;
	{
		time_t now = time(NULL);
		struct tm tm;

		gmtime_r(&now, &tm);
		strftime(l->closed_now, sizeof(l->closed_now),
		    "%Y-%m-%dT%H:%M:%SZ", &tm);
		l->closed = l->closed_now;
	}
	return archive(r, l, sub_id);
}
