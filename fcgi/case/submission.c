/* submission.c: form submissions and drafts (see submission.h). */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "audit.h"
#include "caseform.h"
#include "codelists.h"
#include "db.h"
#include "submission.h"
#include "worker.h"
#include "xmlsafe.h"

#define DRAFT_MAX	(4 * 1024 * 1024)

static st_rc
serialise(xmlDocPtr inst, xmlChar **mem, int *len)
{
	*mem = NULL;
	xmlDocDumpMemoryEnc(inst, mem, len, "UTF-8");
	return *mem != NULL ? ST_OK : ST_E_NOMEM;
}

st_rc
submission_create(struct req *r, const struct form_def *def, xmlDocPtr inst,
    const char *draft_id, char id[SECURE_ID_SIZE])
{
	struct db *db = &r->w->db;
	unsigned long long sid = 0;
	struct db_val p[5];
	xmlChar *xml;
	int len;
	st_rc rc;

	if ((rc = serialise(inst, &xml, &len)) != ST_OK)
		return rc;
	secure_random_id(id);
	if ((rc = db_begin(db)) != ST_OK)
		goto out;
	p[0] = DV_STR(id);
	p[1] = DV_STR(def->id);
	p[2] = DV_INT(def->version);
	p[3] = DV_STRN((const char *)xml, (size_t)len);
	p[4] = DV_INT(r->who.user_id);
	rc = db_exec(db, STMT_SUBMISSION_INSERT, p, 5, NULL, &sid);
	if (rc == ST_OK)
		rc = audit_log(r, "create", "submission", (long long)sid, 0);
	if (rc == ST_OK && draft_id != NULL && *draft_id != '\0') {
		p[0] = DV_STR(draft_id);
		p[1] = DV_INT(r->who.user_id);
		rc = db_exec(db, STMT_DRAFT_DELETE, p, 2, NULL, NULL);
	}
	if (rc == ST_OK)
		rc = db_commit(db);
	else
		db_rollback(db);
out:
	xmlFree(xml);
	return rc;
}

st_rc
draft_save(struct req *r, const struct form_def *def, xmlDocPtr inst,
    char id[SECURE_ID_SIZE])
{
	struct db *db = &r->w->db;
	unsigned days = codelists_municipal(r->w,
	    r->who.municipality_id)->draft_keep_days;
	unsigned long long n = 0;
	struct db_val p[7];
	struct formctx ctx;
	char context[256];
	xmlChar *xml;
	int len;
	st_rc rc;

	if ((rc = serialise(inst, &xml, &len)) != ST_OK)
		return rc;
	if (*id == '\0') {
		/* the case it is for, so it opens for that case again */
		formctx_read(r, &ctx);
		formctx_query(&ctx, context, sizeof(context));
		secure_random_id(id);
		p[0] = DV_STR(id);
		p[1] = DV_STR(def->id);
		p[2] = DV_INT(def->version);
		p[3] = DV_INT(r->who.user_id);
		p[4] = DV_STRN((const char *)xml, (size_t)len);
		p[5] = DV_INT(days);
		p[6] = DV_STR(context);
		rc = db_exec(db, STMT_DRAFT_INSERT, p, 7, &n, NULL);
	} else {
		p[0] = DV_STRN((const char *)xml, (size_t)len);
		p[1] = DV_INT(days);
		p[2] = DV_STR(id);
		p[3] = DV_INT(r->who.user_id);
		rc = db_exec(db, STMT_DRAFT_UPDATE, p, 4, &n, NULL);
		if (rc == ST_OK && n != 1)
			rc = ST_E_NOT_FOUND;
	}
	xmlFree(xml);
	return rc;
}

st_rc
draft_load(struct req *r, const char *id, struct draft *out)
{
	struct db_res res;
	struct db_val p[2];
	char err[256];
	st_rc rc;

	memset(out, 0, sizeof(*out));
	if (!secure_is_id(id))
		return ST_E_NOT_FOUND;
	p[0] = DV_STR(id);
	p[1] = DV_INT(r->who.user_id);
	if ((rc = db_query(&r->w->db, STMT_DRAFT_GET, p, 2, 1, &res)) != ST_OK)
		return rc;
	if (res.nrows == 0) {
		db_res_release(&res);
		return ST_E_NOT_FOUND;
	}
	snprintf(out->form_id, sizeof(out->form_id), "%s", db_get(&res, 0, 0));
	out->version = (unsigned)db_get_int(&res, 0, 1);
	snprintf(out->saved, sizeof(out->saved), "%s", db_get(&res, 0, 3));
	snprintf(out->expires, sizeof(out->expires), "%s", db_get(&res, 0, 4));
	/* Our own data, but parsed as carefully as anything else. */
	rc = xmlsafe_parse(db_get(&res, 0, 2), db_get_len(&res, 0, 2),
	    DRAFT_MAX, 64, &out->inst, err, sizeof(err));
	db_res_release(&res);
	return rc == ST_OK ? ST_OK : ST_E_INTERNAL;
}

st_rc
draft_delete(struct req *r, const char *id)
{
	struct db_val p[2];

	p[0] = DV_STR(id);
	p[1] = DV_INT(r->who.user_id);
	return db_exec(&r->w->db, STMT_DRAFT_DELETE, p, 2, NULL, NULL);
}
