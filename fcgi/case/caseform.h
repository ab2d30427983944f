/* caseform.h: forms filled in for a case: consent, handover, minutes,
 * evaluation, closing note, report of concern, referral and notice to
 * NAV, each bound to its relay log, measure, minutes or concern. */
#ifndef ST_CASEFORM_H
#define ST_CASEFORM_H

#include <libxml/tree.h>

#include "form.h"
#include "req.h"
#include "result.h"
#include "secure.h"

/*
 * The context a form is filled in for, named by public ids: a browser
 * carries it as hidden fields (_log, _measure, ...) from the query of
 * the form page to the POST; an API client gives it in the query
 * (?log=...). A form with no context is a standalone submission, as
 * before (only its author sees it).
 */
struct formctx {
	const char	*log;		/* consent, handover, minutes, closing,
					 * referral, nav-notice, cw-report */
	const char	*concern;	/* cw-report before a log */
	const char	*measure;	/* evaluation */
	const char	*meeting;	/* minutes of a meeting */
	const char	*minutes;	/* a draft of minutes, edited */
	const char	*corrects;	/* final minutes, corrected */
	const char	*to;		/* handover: the proposed holder */
};

/* Read the context from the POST fields (browser) or the query. */
void formctx_read(struct req *r, struct formctx *c);
int formctx_any(const struct formctx *c);
/* The context as "&log=...&to=..." (only well-formed ids), for links. */
void formctx_query(const struct formctx *c, char *out, size_t len);

/*
 * Fill a new instance with what the case already knows, so nobody types
 * it again: the child's name and birth date on a consent, the measure on
 * an evaluation, the proposed holder's name and unit on a handover, the
 * date, time, place, agenda and invited people of a planned meeting on
 * its minutes. Only what the user may read is used; an unreadable
 * context fills nothing.
 */
st_rc caseform_prefill(struct req *r, const struct form_def *def,
    const struct formctx *c, xmlDocPtr inst) ST_MUST_CHECK;

/*
 * What the context decides on a form sent by a browser, whatever was
 * sent for it: the proposed holder's name and unit on a handover, the
 * measure's text on an evaluation. The page shows them, not as fields.
 */
st_rc caseform_decided(struct req *r, const struct form_def *def,
    const struct formctx *c, xmlDocPtr inst) ST_MUST_CHECK;

/*
 * Where a form for a case continues what was stored: "edit the draft"
 * of minutes (?minutes=) opens the draft's stored instance, with the
 * form version it was made with (an instance is kept verbatim with its
 * version, and renders and validates with it), and a correction of
 * final minutes (?corrects=) starts from their content when it was made
 * with *def's version. Only its author's draft is opened, and final
 * minutes of a log the user may read. When there is one, *def becomes
 * its version and, if inst is not NULL, *inst a copy the caller frees;
 * otherwise *def is left and *inst is NULL. A browser's edit of a draft
 * is sent back with the same version: call it before validating too.
 */
st_rc caseform_stored(struct req *r, const struct formctx *c,
    const struct form_def **def, xmlDocPtr *inst) ST_MUST_CHECK;

/*
 * The form environment to show and validate def for c with: the
 * worker's code lists, and for a form that chooses among the people of
 * its log (the "people" instance: the minutes, see minutes.h) the
 * people of the log c is for. *ok = 0 when the context does not lead to
 * a log the user may fill the form in for: the response is set then, as
 * by caseform_check.
 */
st_rc caseform_env(struct req *r, const struct form_def *def,
    const struct formctx *c, const struct form_env **env, int *ok)
    ST_MUST_CHECK;

/*
 * Before a form is shown or accepted for a context: is the context
 * valid for this form, and may the user fill it in? On ST_OK with *ok
 * the page (if not NULL) gets <context> (hidden fields) and <for> (what
 * it is for: the log's head, and for a handover the people who could
 * take over). Otherwise the response is set (400/403/404/409).
 */
st_rc caseform_check(struct req *r, const struct form_def *def,
    const struct formctx *c, xmlNodePtr page, int *ok) ST_MUST_CHECK;

/*
 * The notice to a partner a form made (a referral, a notice to NAV, a
 * report of concern), as its sender is told at once: its public id
 * ("" when the form made none), and whether it waits with nobody to
 * take it (no_receiver: no active partner of its service takes it),
 * when it is not sent and the sender must reach the service another
 * way; service is the service it is for.
 */
struct caseform_notice {
	char		 id[SECURE_ID_SIZE];
	int		 no_receiver;
	const char	*service;
};

/*
 * Store a valid instance for its context, with everything it causes, in
 * one transaction (see docs in caseform.c for each form). Returns ST_OK
 * with loc set to the address to go on to and *notice (may be NULL) to
 * the notice to a partner it made; ST_E_INVALID when a rule the form
 * cannot express failed (errs says where and why, in the user's
 * language); or ST_OK with *responded set when the response (403, 409)
 * was already made.
 */
st_rc caseform_store(struct req *r, const struct form_def *def,
    xmlDocPtr inst, const struct formctx *c, const char *draft,
    struct form_errors *errs, char *loc, size_t loclen,
    struct caseform_notice *notice, int *responded) ST_MUST_CHECK;

#endif
