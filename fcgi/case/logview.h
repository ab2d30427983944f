/* logview.h: the XML view of a relay log, one vocabulary for the log
 * page, the API and the archive copy. */
#ifndef ST_LOGVIEW_H
#define ST_LOGVIEW_H

/* The most timeline events a page, or the archive copy made when a log
 * closes, holds (retention deletes no log whose copy could not hold all
 * of its events). */
#define LOGVIEW_TIMELINE_MAX	5000

#include <libxml/tree.h>

#include "caselog.h"
#include "db.h"
#include "req.h"
#include "result.h"

/*
 * logview_build adds <log> under parent with everything a reader of the
 * log may see: the head (child, level, holder, the user's role and
 * rights), where it stands in the action guide, the pending handover,
 * participants, consents, measures, meetings, minutes, the notices to
 * partners and their state, and the timeline of events, newest first.
 * The holder's page also lists the people who could take part. With
 * archive set, final minutes carry their content and nothing about what
 * the reader could do is included. *out is the <log> element.
 */
st_rc logview_build(struct req *r, const struct caselog *l,
    xmlNodePtr parent, int archive, xmlNodePtr *out) ST_MUST_CHECK;
/* Just the <log> head with the rights, for pages about part of a log. */
xmlNodePtr logview_head(struct req *r, const struct caselog *l,
    xmlNodePtr parent);
/* <events> of a log (log_id) or of a concern before it had one. */
st_rc logview_events(struct req *r, long long log_id, long long concern_id,
    xmlNodePtr parent) ST_MUST_CHECK;

/*
 * A text of the action guide (a level's name, a step) for r's page:
 * the English one (en) on an English page, else the bokmål one (nb):
 * the guide has no nynorsk, and bokmål is what an English page falls
 * back on when the English is empty. *lang is "nb" when the text is
 * bokmål on a page in another language (for its lang attribute), else
 * NULL.
 */
const char *logview_guide_text(const struct req *r, const char *nb,
    const char *en, const char **lang);

/* Attributes of one row of the statements' column lists (stmt.c). */
/*
 * <notices> under parent: the notices to partners of a log (sid
 * STMT_OUTBOX_LIST_LOG, or _CITIZEN for what the guardians may see;
 * with those its concerns made before they joined it) or of a concern
 * (STMT_OUTBOX_LIST_CONCERN), id being the log's or the concern's,
 * newest first, each with its true state: status, the partner it went
 * to, the partner's reference and latest answer, and receiver="none"
 * or "paused" while it waits with nobody to take it (not sent).
 */
st_rc logview_notices(struct req *r, enum stmt_id sid, long long id,
    xmlNodePtr parent) ST_MUST_CHECK;
void logview_consent_attrs(xmlNodePtr n, const struct db_res *res, size_t i);
void logview_measure_attrs(xmlNodePtr n, const struct db_res *res, size_t i);
void logview_meeting_attrs(xmlNodePtr n, const struct db_res *res, size_t i);
void logview_minutes_attrs(xmlNodePtr n, const struct db_res *res, size_t i);
void logview_handover_attrs(xmlNodePtr n, const struct db_res *res,
    size_t i);

/* A time from the database (UTC) as the log's lists say it: local, the
 * same to a page and to an API client, as the kept lists serve both;
 * nothing when utc is NULL. */
void logview_local_attr(xmlNodePtr n, const char *name, const char *utc);

#endif
