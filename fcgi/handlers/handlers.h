/* handlers.h: every request handler, one file per resource. */
#ifndef ST_HANDLERS_H
#define ST_HANDLERS_H

#include <libxml/tree.h>

#include "req.h"
#include "result.h"

/* The largest scan of a paper consent, in MB (h_consent.c, routes.c and
 * nginx/stafett.conf.in's client_max_body_size, which is one more). */
#define UPLOAD_MAX_MB	10

/* Audit, commit (or roll back) an administrator's change to a unit or a
 * person, and send the browser to base/pid, confirmed with done. */
st_rc admin_change_commit(struct req *r, st_rc rc, const char *action,
    const char *object, long long rowid, int status, const char *base,
    const char *pid, const char *done) ST_MUST_CHECK;
/* An error about one field of form on root, and what was typed (to
 * show again). */
void admin_error(struct req *r, xmlNodePtr root, const char *form,
    const char *field, const char *message);
/* A checkbox's or an API client's yes ("yes", "true", "1", "on"). */
int admin_yes(const char *v);
/* Whether another row than rowid (0: any) of the administrator's
 * municipality has this name, by sid ((municipality, name, rowid) ->
 * a count). */
#include "stmt.h"
st_rc admin_name_taken(struct req *r, enum stmt_id sid, const char *name,
    long long rowid, int *taken) ST_MUST_CHECK;
/* The municipality's units as <units> on a page, for its forms (not for
 * API clients: they have /api/v1/admin/units). */
st_rc admin_units(struct req *r, xmlNodePtr root) ST_MUST_CHECK;

/* The members of team rowid as <members> under parent (h_team_admin.c,
 * for h_team.c too). */
struct req;
st_rc team_members_view(struct req *r, long long rowid, xmlNodePtr parent)
    ST_MUST_CHECK;
/* The concern page again with the error of a form on it, on field
 * (h_concern.c, for h_agenda.c too). */
st_rc concern_error(struct req *r, const char *field, const char *message)
    ST_MUST_CHECK;
/* The log page again (422) with the error of its form action on field,
 * and what was typed (h_log.c, for h_referral.c too). */
struct caselog;
st_rc log_page_error(struct req *r, const struct caselog *l,
    const char *action, const char *field, const char *message)
    ST_MUST_CHECK;
/* A change to log l begun (log_begin_change: the transaction open, the
 * log locked and still as the user saw it, else *go = 0 and a 409 set)
 * and ended (log_finish_change: audited as action on object, committed,
 * and the log page confirms it with note) (h_log.c, for h_family.c
 * and h_referral.c too). */
st_rc log_begin_change(struct req *r, const struct caselog *l, int *go)
    ST_MUST_CHECK;
st_rc log_finish_change(struct req *r, const struct caselog *l, st_rc rc,
    const char *action, const char *object, int status, const char *note)
    ST_MUST_CHECK;
/* The team page (of r->arg) again with an error on field of the form
 * for item (an agenda item's public id, or NULL) (h_team.c, for
 * h_agenda.c too). */
st_rc team_page_error(struct req *r, const char *team_pid, const char *item,
    const char *field, const char *message) ST_MUST_CHECK;

/* h_health.c */
st_rc h_healthz(struct req *r) ST_MUST_CHECK;
st_rc h_metrics(struct req *r) ST_MUST_CHECK;
/* h_login.c */
st_rc h_login_form(struct req *r) ST_MUST_CHECK;
st_rc h_login(struct req *r) ST_MUST_CHECK;
st_rc h_logout(struct req *r) ST_MUST_CHECK;
/*
 * After a login (away: at an identity provider) on to next: a form
 * whose session had ended is shown again as typed, another action
 * begun is shown to confirm, and otherwise the browser goes on.
 */
st_rc login_continue(struct req *r, const char *next,
    const struct fields *keep, int away) ST_MUST_CHECK;
/* A page that sends the browser on to an identity provider's url. */
st_rc login_away(struct req *r, const char *url) ST_MUST_CHECK;
/* h_oidc.c */
st_rc h_oidc_begin(struct req *r) ST_MUST_CHECK;
st_rc h_oidc_callback(struct req *r) ST_MUST_CHECK;
st_rc h_oidc_frontchannel(struct req *r) ST_MUST_CHECK;
st_rc h_oidc_backchannel(struct req *r) ST_MUST_CHECK;
/* h_home.c */
st_rc h_home(struct req *r) ST_MUST_CHECK;
/* h_forms.c */
st_rc h_form_show(struct req *r) ST_MUST_CHECK;
st_rc h_form_submit(struct req *r) ST_MUST_CHECK;
st_rc h_api_forms(struct req *r) ST_MUST_CHECK;
st_rc h_api_form_get(struct req *r) ST_MUST_CHECK;
st_rc h_api_form_schema(struct req *r) ST_MUST_CHECK;
st_rc h_api_form_submit(struct req *r) ST_MUST_CHECK;
/* Render form id with the values in fields (after a new login). */
st_rc form_page_resume(struct req *r, const char *id,
    const struct fields *fields) ST_MUST_CHECK;
/* h_submission.c */
st_rc h_submission_show(struct req *r) ST_MUST_CHECK;
st_rc h_api_submission_get(struct req *r) ST_MUST_CHECK;
/* h_consultation.c */
st_rc h_consultation_show(struct req *r) ST_MUST_CHECK;
st_rc h_api_consultation_get(struct req *r) ST_MUST_CHECK;
/* h_drafts.c */
st_rc h_draft_delete(struct req *r) ST_MUST_CHECK;
/* h_team.c, h_team_admin.c, h_agenda.c */
st_rc h_team_list(struct req *r) ST_MUST_CHECK;
st_rc h_team_show(struct req *r) ST_MUST_CHECK;
st_rc h_team_meeting_add(struct req *r) ST_MUST_CHECK;
st_rc h_team_admin_list(struct req *r) ST_MUST_CHECK;
st_rc h_team_admin_show(struct req *r) ST_MUST_CHECK;
st_rc h_team_admin_add(struct req *r) ST_MUST_CHECK;
st_rc h_team_admin_update(struct req *r) ST_MUST_CHECK;
st_rc h_team_admin_member_add(struct req *r) ST_MUST_CHECK;
st_rc h_team_admin_member_remove(struct req *r) ST_MUST_CHECK;
st_rc h_concern_agenda(struct req *r) ST_MUST_CHECK;
st_rc h_agenda_advice(struct req *r) ST_MUST_CHECK;
st_rc h_agenda_withdraw(struct req *r) ST_MUST_CHECK;
st_rc h_log_referral_add(struct req *r) ST_MUST_CHECK;
st_rc h_log_family_link(struct req *r) ST_MUST_CHECK;
st_rc h_log_family_leave(struct req *r) ST_MUST_CHECK;
st_rc h_referral_show(struct req *r) ST_MUST_CHECK;
st_rc h_referral_decide(struct req *r) ST_MUST_CHECK;
st_rc h_referral_discuss(struct req *r) ST_MUST_CHECK;
st_rc h_referral_end(struct req *r) ST_MUST_CHECK;
/* h_concern.c */
st_rc h_concern_show(struct req *r) ST_MUST_CHECK;
st_rc h_api_concern_get(struct req *r) ST_MUST_CHECK;

/* relay logs: h_log.c, h_concern.c, h_handover.c, h_consent.c,
 * h_minutes.c, h_guide.c */
st_rc h_api_log_events(struct req *r) ST_MUST_CHECK;
st_rc h_concern_anonymous(struct req *r) ST_MUST_CHECK;
st_rc h_concern_discussed(struct req *r) ST_MUST_CHECK;
st_rc h_concern_receive(struct req *r) ST_MUST_CHECK;
st_rc h_concern_level(struct req *r) ST_MUST_CHECK;
st_rc h_consent_attach(struct req *r) ST_MUST_CHECK;
st_rc h_consent_scan(struct req *r) ST_MUST_CHECK;
st_rc h_consent_show(struct req *r) ST_MUST_CHECK;
st_rc h_consent_withdraw(struct req *r) ST_MUST_CHECK;
st_rc h_guide_show(struct req *r) ST_MUST_CHECK;
st_rc h_guide_step_add(struct req *r) ST_MUST_CHECK;
st_rc h_guide_step_delete(struct req *r) ST_MUST_CHECK;
st_rc h_guide_step_update(struct req *r) ST_MUST_CHECK;
st_rc h_handover_accept(struct req *r) ST_MUST_CHECK;
st_rc h_handover_refuse(struct req *r) ST_MUST_CHECK;
st_rc h_handover_show(struct req *r) ST_MUST_CHECK;
st_rc h_handover_withdraw(struct req *r) ST_MUST_CHECK;
st_rc h_log_access(struct req *r) ST_MUST_CHECK;
st_rc h_log_archive(struct req *r) ST_MUST_CHECK;
st_rc h_log_close_request(struct req *r) ST_MUST_CHECK;
st_rc h_log_level(struct req *r) ST_MUST_CHECK;
st_rc h_log_measure_add(struct req *r) ST_MUST_CHECK;
st_rc h_log_meeting_add(struct req *r) ST_MUST_CHECK;
st_rc h_log_note(struct req *r) ST_MUST_CHECK;
st_rc h_log_birth(struct req *r) ST_MUST_CHECK;
st_rc h_consent_info(struct req *r) ST_MUST_CHECK;
st_rc h_log_role_add(struct req *r) ST_MUST_CHECK;
st_rc h_log_role_end(struct req *r) ST_MUST_CHECK;
st_rc h_log_language(struct req *r) ST_MUST_CHECK;
st_rc h_log_meeting_answer(struct req *r) ST_MUST_CHECK;
st_rc h_log_expectant(struct req *r) ST_MUST_CHECK;
st_rc h_feedback_show(struct req *r) ST_MUST_CHECK;
st_rc h_feedback_answer(struct req *r) ST_MUST_CHECK;
st_rc h_feedback_summary(struct req *r) ST_MUST_CHECK;
st_rc h_log_participant_add(struct req *r) ST_MUST_CHECK;
st_rc h_log_participant_remove(struct req *r) ST_MUST_CHECK;
st_rc h_log_show(struct req *r) ST_MUST_CHECK;
st_rc h_minutes_finalise(struct req *r) ST_MUST_CHECK;
st_rc h_minutes_show(struct req *r) ST_MUST_CHECK;
/* h_receipt.c: partners' answers to notices */
st_rc h_receipt(struct req *r) ST_MUST_CHECK;

/* h_settings.c: a person's own e-mail address and choices */
st_rc h_settings_show(struct req *r) ST_MUST_CHECK;
st_rc h_settings_save(struct req *r) ST_MUST_CHECK;
st_rc h_settings_address(struct req *r) ST_MUST_CHECK;

/* h_partner.c: the partner registry and its queues (administrators) */
st_rc h_partner_list(struct req *r) ST_MUST_CHECK;
st_rc h_partner_add(struct req *r) ST_MUST_CHECK;
st_rc h_partner_show(struct req *r) ST_MUST_CHECK;
st_rc h_partner_update(struct req *r) ST_MUST_CHECK;
st_rc h_partner_pause(struct req *r) ST_MUST_CHECK;
st_rc h_partner_resume(struct req *r) ST_MUST_CHECK;
st_rc h_notice_retry(struct req *r) ST_MUST_CHECK;
st_rc h_notice_confirm_form(struct req *r) ST_MUST_CHECK;
st_rc h_notice_confirm(struct req *r) ST_MUST_CHECK;
st_rc h_notice_cancel(struct req *r) ST_MUST_CHECK;

/* h_unit.c, h_person.c: units and the people who log in
 * (administrators) */
st_rc h_unit_list(struct req *r) ST_MUST_CHECK;
st_rc h_unit_add(struct req *r) ST_MUST_CHECK;
st_rc h_unit_show(struct req *r) ST_MUST_CHECK;
st_rc h_unit_update(struct req *r) ST_MUST_CHECK;
st_rc h_person_list(struct req *r) ST_MUST_CHECK;
st_rc h_person_add(struct req *r) ST_MUST_CHECK;
st_rc h_person_show(struct req *r) ST_MUST_CHECK;
st_rc h_person_update(struct req *r) ST_MUST_CHECK;
st_rc h_person_deactivate(struct req *r) ST_MUST_CHECK;
st_rc h_person_reactivate(struct req *r) ST_MUST_CHECK;

#endif
