/* routes.c: the route table: every method and path stafett answers,
 * who may call it, its body, and what it does (see route.h). */
#include "config.h"

#include <stddef.h>
#include <string.h>

#include "handlers.h"
#include "route.h"

#define SMALL_BODY_MAX	(4 * 1024)
#define TEXT_BODY_MAX	(64 * 1024)
/* a scan of UPLOAD_MAX_MB and the form around it; nginx has the same */
#define UPLOAD_BODY_MAX	((UPLOAD_MAX_MB + 1) * 1024 * 1024)

static const struct route routes[] = {
	{ "GET", "/healthz", h_healthz, PERM_PUBLIC, CSRF_NONE, BODY_NONE, 0 },
	{ "GET", "/metrics", h_metrics, PERM_PUBLIC, CSRF_NONE, BODY_NONE, 0 },
	{ "GET", "/login", h_login_form, PERM_PUBLIC, CSRF_NONE, BODY_NONE, 0 },
	{ "GET", "/consent-info", h_consent_info, PERM_PUBLIC, CSRF_NONE,
	    BODY_NONE, 0 },
	{ "POST", "/login", h_login, PERM_PUBLIC, CSRF_LOGIN, BODY_FORM, 0 },
	{ "POST", "/logout", h_logout, PERM_USER, CSRF_SESSION, BODY_FORM,
	    SMALL_BODY_MAX },
	/* OpenID Connect: ID-porten and the staff provider (oidc.h) */
	{ "POST", "/login/{provider}", h_oidc_begin, PERM_PUBLIC, CSRF_LOGIN,
	    BODY_FORM, 0 },
	{ "GET", "/login/{provider}/callback", h_oidc_callback, PERM_PUBLIC,
	    CSRF_NONE, BODY_NONE, 0 },
	{ "GET", "/logout/{provider}/frontchannel", h_oidc_frontchannel,
	    PERM_PUBLIC, CSRF_NONE, BODY_NONE, 0 },
	{ "POST", "/logout/{provider}/backchannel", h_oidc_backchannel,
	    PERM_PUBLIC, CSRF_NONE, BODY_FORM, TEXT_BODY_MAX },
	{ "GET", "/", h_home, PERM_USER, CSRF_NONE, BODY_NONE, 0 },
	{ "GET", "/forms/{form}", h_form_show, PERM_STAFF, CSRF_NONE,
	    BODY_NONE, 0 },
	{ "POST", "/forms/{form}", h_form_submit, PERM_STAFF, CSRF_SESSION,
	    BODY_FORM, 0 },
	{ "GET", "/feedback/{id}", h_feedback_show, PERM_USER, CSRF_NONE,
	    BODY_NONE, 0 },
	{ "POST", "/feedback/{id}", h_feedback_answer, PERM_USER,
	    CSRF_SESSION, BODY_FORM, TEXT_BODY_MAX },
	{ "GET", "/feedback", h_feedback_summary, PERM_USER, CSRF_NONE,
	    BODY_NONE, 0 },
	{ "GET", "/api/v1/feedback/{id}", h_feedback_show, PERM_USER,
	    CSRF_NONE, BODY_NONE, 0 },
	{ "POST", "/api/v1/feedback/{id}", h_feedback_answer, PERM_USER,
	    CSRF_NONE, BODY_XML, TEXT_BODY_MAX },
	{ "GET", "/api/v1/feedback", h_feedback_summary, PERM_USER,
	    CSRF_NONE, BODY_NONE, 0 },
	{ "GET", "/concerns/{id}", h_concern_show, PERM_STAFF, CSRF_NONE,
	    BODY_NONE, 0 },
	{ "GET", "/submissions/{id}", h_submission_show, PERM_STAFF,
	    CSRF_NONE, BODY_NONE, 0 },
	{ "GET", "/consultations/{id}", h_consultation_show, PERM_USER,
	    CSRF_NONE, BODY_NONE, 0 },
	{ "POST", "/drafts/{id}/delete", h_draft_delete, PERM_STAFF,
	    CSRF_SESSION, BODY_FORM, SMALL_BODY_MAX },
	{ "GET", "/api/v1/forms", h_api_forms, PERM_USER, CSRF_NONE,
	    BODY_NONE, 0 },
	{ "GET", "/api/v1/forms/{form}", h_api_form_get, PERM_USER, CSRF_NONE,
	    BODY_NONE, 0 },
	{ "GET", "/api/v1/forms/{form}/schema", h_api_form_schema, PERM_USER,
	    CSRF_NONE, BODY_NONE, 0 },
	{ "POST", "/api/v1/forms/{form}", h_api_form_submit, PERM_STAFF,
	    CSRF_NONE, BODY_XML, 0 },
	{ "GET", "/api/v1/concerns/{id}", h_api_concern_get, PERM_STAFF,
	    CSRF_NONE, BODY_NONE, 0 },
	{ "GET", "/api/v1/submissions/{id}", h_api_submission_get, PERM_STAFF,
	    CSRF_NONE, BODY_NONE, 0 },
	{ "GET", "/api/v1/consultations/{id}", h_api_consultation_get,
	    PERM_USER, CSRF_NONE, BODY_NONE, 0 },
	/* relay logs and everything on them */
	{ "GET", "/logs/{id}", h_log_show, PERM_USER,
	    CSRF_NONE, BODY_NONE, 0 },
	{ "GET", "/logs/{id}/access", h_log_access, PERM_USER,
	    CSRF_NONE, BODY_NONE, 0 },
	{ "GET", "/logs/{id}/archive", h_log_archive, PERM_USER,
	    CSRF_NONE, BODY_NONE, 0 },
	{ "POST", "/logs/{id}/level", h_log_level, PERM_STAFF,
	    CSRF_SESSION, BODY_FORM, SMALL_BODY_MAX },
	{ "POST", "/logs/{id}/participants", h_log_participant_add, PERM_STAFF,
	    CSRF_SESSION, BODY_FORM, SMALL_BODY_MAX },
	{ "POST", "/logs/{id}/participants/remove", h_log_participant_remove,
	    PERM_STAFF,
	    CSRF_SESSION, BODY_FORM, SMALL_BODY_MAX },
	{ "POST", "/logs/{id}/notes", h_log_note, PERM_USER,
	    CSRF_SESSION, BODY_FORM, TEXT_BODY_MAX },
	{ "POST", "/logs/{id}/meetings", h_log_meeting_add, PERM_STAFF,
	    CSRF_SESSION, BODY_FORM, TEXT_BODY_MAX },
	{ "POST", "/logs/{id}/meetings/answer", h_log_meeting_answer,
	    PERM_USER, CSRF_SESSION, BODY_FORM, TEXT_BODY_MAX },
	{ "POST", "/logs/{id}/expectant", h_log_expectant, PERM_STAFF,
	    CSRF_SESSION, BODY_FORM, TEXT_BODY_MAX },
	{ "POST", "/logs/{id}/measures", h_log_measure_add, PERM_STAFF,
	    CSRF_SESSION, BODY_FORM, TEXT_BODY_MAX },
	{ "POST", "/logs/{id}/close-request", h_log_close_request, PERM_USER,
	    CSRF_SESSION, BODY_FORM, TEXT_BODY_MAX },
	{ "POST", "/logs/{id}/birth", h_log_birth, PERM_STAFF,
	    CSRF_SESSION, BODY_FORM, SMALL_BODY_MAX },
	{ "POST", "/logs/{id}/roles", h_log_role_add, PERM_STAFF,
	    CSRF_SESSION, BODY_FORM, SMALL_BODY_MAX },
	{ "POST", "/logs/{id}/roles/end", h_log_role_end, PERM_STAFF,
	    CSRF_SESSION, BODY_FORM, SMALL_BODY_MAX },
	{ "POST", "/logs/{id}/language", h_log_language, PERM_STAFF,
	    CSRF_SESSION, BODY_FORM, SMALL_BODY_MAX },
	{ "POST", "/concerns/{id}/level", h_concern_level, PERM_STAFF,
	    CSRF_SESSION, BODY_FORM, TEXT_BODY_MAX },
	{ "GET", "/concerns/{id}/anonymous", h_concern_anonymous, PERM_STAFF,
	    CSRF_NONE, BODY_NONE, 0 },
	{ "POST", "/concerns/{id}/discussed", h_concern_discussed, PERM_STAFF,
	    CSRF_SESSION, BODY_FORM, TEXT_BODY_MAX },
	{ "POST", "/concerns/{id}/receive", h_concern_receive, PERM_STAFF,
	    CSRF_SESSION, BODY_FORM, TEXT_BODY_MAX },
	/* the teams, their calendars and agendas (0040_team.sql) */
	{ "POST", "/concerns/{id}/agenda", h_concern_agenda, PERM_STAFF,
	    CSRF_SESSION, BODY_FORM, SMALL_BODY_MAX },
	{ "POST", "/agenda/{id}/advice", h_agenda_advice, PERM_STAFF,
	    CSRF_SESSION, BODY_FORM, TEXT_BODY_MAX },
	{ "POST", "/agenda/{id}/withdraw", h_agenda_withdraw, PERM_STAFF,
	    CSRF_SESSION, BODY_FORM, SMALL_BODY_MAX },
	{ "POST", "/logs/{id}/team-referrals", h_log_referral_add, PERM_STAFF,
	    CSRF_SESSION, BODY_FORM, TEXT_BODY_MAX },
	{ "POST", "/logs/{id}/family", h_log_family_link, PERM_STAFF,
	    CSRF_SESSION, BODY_FORM, SMALL_BODY_MAX },
	{ "POST", "/logs/{id}/family/leave", h_log_family_leave, PERM_STAFF,
	    CSRF_SESSION, BODY_FORM, SMALL_BODY_MAX },
	{ "GET", "/referrals/{id}", h_referral_show, PERM_STAFF, CSRF_NONE,
	    BODY_NONE, 0 },
	{ "POST", "/referrals/{id}/decide", h_referral_decide, PERM_STAFF,
	    CSRF_SESSION, BODY_FORM, TEXT_BODY_MAX },
	{ "POST", "/referrals/{id}/discussions", h_referral_discuss,
	    PERM_STAFF, CSRF_SESSION, BODY_FORM, TEXT_BODY_MAX },
	{ "POST", "/referrals/{id}/end", h_referral_end, PERM_STAFF,
	    CSRF_SESSION, BODY_FORM, TEXT_BODY_MAX },
	{ "GET", "/teams", h_team_list, PERM_STAFF, CSRF_NONE, BODY_NONE, 0 },
	{ "GET", "/teams/{id}", h_team_show, PERM_STAFF, CSRF_NONE,
	    BODY_NONE, 0 },
	{ "POST", "/teams/{id}/meetings", h_team_meeting_add, PERM_STAFF,
	    CSRF_SESSION, BODY_FORM, SMALL_BODY_MAX },
	{ "GET", "/handovers/{id}", h_handover_show, PERM_STAFF,
	    CSRF_NONE, BODY_NONE, 0 },
	{ "POST", "/handovers/{id}/accept", h_handover_accept, PERM_STAFF,
	    CSRF_SESSION, BODY_FORM, SMALL_BODY_MAX },
	{ "POST", "/handovers/{id}/refuse", h_handover_refuse, PERM_STAFF,
	    CSRF_SESSION, BODY_FORM, TEXT_BODY_MAX },
	{ "POST", "/handovers/{id}/withdraw", h_handover_withdraw, PERM_STAFF,
	    CSRF_SESSION, BODY_FORM, SMALL_BODY_MAX },
	{ "GET", "/consents/{id}", h_consent_show, PERM_USER,
	    CSRF_NONE, BODY_NONE, 0 },
	{ "POST", "/consents/{id}/withdraw", h_consent_withdraw, PERM_USER,
	    CSRF_SESSION, BODY_FORM, SMALL_BODY_MAX },
	{ "POST", "/consents/{id}/attachment", h_consent_attach, PERM_STAFF,
	    CSRF_SESSION, BODY_MULTIPART, UPLOAD_BODY_MAX },
	{ "GET", "/consents/{id}/scan", h_consent_scan, PERM_USER,
	    CSRF_NONE, BODY_NONE, 0 },
	{ "GET", "/minutes/{id}", h_minutes_show, PERM_USER,
	    CSRF_NONE, BODY_NONE, 0 },
	{ "POST", "/minutes/{id}/finalise", h_minutes_finalise, PERM_STAFF,
	    CSRF_SESSION, BODY_FORM, SMALL_BODY_MAX },
	{ "GET", "/admin/guide", h_guide_show, PERM_ADMIN,
	    CSRF_NONE, BODY_NONE, 0 },
	{ "POST", "/admin/guide/steps", h_guide_step_add, PERM_ADMIN,
	    CSRF_SESSION, BODY_FORM, SMALL_BODY_MAX },
	{ "POST", "/admin/guide/steps/{id}", h_guide_step_update, PERM_ADMIN,
	    CSRF_SESSION, BODY_FORM, SMALL_BODY_MAX },
	{ "POST", "/admin/guide/steps/{id}/delete", h_guide_step_delete,
	    PERM_ADMIN,
	    CSRF_SESSION, BODY_FORM, SMALL_BODY_MAX },
	{ "GET", "/api/v1/logs/{id}", h_log_show,
	    PERM_USER, CSRF_NONE, BODY_NONE, 0 },
	{ "GET", "/api/v1/logs/{id}/events", h_api_log_events,
	    PERM_USER, CSRF_NONE, BODY_NONE, 0 },
	{ "GET", "/api/v1/logs/{id}/access", h_log_access,
	    PERM_USER, CSRF_NONE, BODY_NONE, 0 },
	{ "GET", "/api/v1/logs/{id}/archive", h_log_archive,
	    PERM_USER, CSRF_NONE, BODY_NONE, 0 },
	{ "POST", "/api/v1/logs/{id}/level", h_log_level,
	    PERM_STAFF, CSRF_NONE, BODY_XML, TEXT_BODY_MAX },
	{ "POST", "/api/v1/logs/{id}/participants", h_log_participant_add,
	    PERM_STAFF, CSRF_NONE, BODY_XML, TEXT_BODY_MAX },
	{ "POST", "/api/v1/logs/{id}/participants/remove",
	    h_log_participant_remove,
	    PERM_STAFF, CSRF_NONE, BODY_XML, TEXT_BODY_MAX },
	{ "POST", "/api/v1/logs/{id}/notes", h_log_note,
	    PERM_USER, CSRF_NONE, BODY_XML, TEXT_BODY_MAX },
	{ "POST", "/api/v1/logs/{id}/meetings", h_log_meeting_add,
	    PERM_STAFF, CSRF_NONE, BODY_XML, TEXT_BODY_MAX },
	{ "POST", "/api/v1/logs/{id}/meetings/answer", h_log_meeting_answer,
	    PERM_USER, CSRF_NONE, BODY_XML, TEXT_BODY_MAX },
	{ "POST", "/api/v1/logs/{id}/expectant", h_log_expectant,
	    PERM_STAFF, CSRF_NONE, BODY_XML, TEXT_BODY_MAX },
	{ "POST", "/api/v1/logs/{id}/measures", h_log_measure_add,
	    PERM_STAFF, CSRF_NONE, BODY_XML, TEXT_BODY_MAX },
	{ "POST", "/api/v1/logs/{id}/close-request", h_log_close_request,
	    PERM_USER, CSRF_NONE, BODY_XML, TEXT_BODY_MAX },
	{ "POST", "/api/v1/logs/{id}/birth", h_log_birth,
	    PERM_STAFF, CSRF_NONE, BODY_XML, SMALL_BODY_MAX },
	{ "POST", "/api/v1/logs/{id}/roles", h_log_role_add,
	    PERM_STAFF, CSRF_NONE, BODY_XML, SMALL_BODY_MAX },
	{ "POST", "/api/v1/logs/{id}/roles/end", h_log_role_end,
	    PERM_STAFF, CSRF_NONE, BODY_XML, SMALL_BODY_MAX },
	{ "POST", "/api/v1/logs/{id}/language", h_log_language,
	    PERM_STAFF, CSRF_NONE, BODY_XML, SMALL_BODY_MAX },
	{ "POST", "/api/v1/concerns/{id}/level", h_concern_level,
	    PERM_STAFF, CSRF_NONE, BODY_XML, TEXT_BODY_MAX },
	{ "POST", "/api/v1/concerns/{id}/receive", h_concern_receive,
	    PERM_STAFF, CSRF_NONE, BODY_XML, TEXT_BODY_MAX },
	{ "GET", "/api/v1/concerns/{id}/anonymous", h_concern_anonymous,
	    PERM_STAFF, CSRF_NONE, BODY_NONE, 0 },
	{ "POST", "/api/v1/concerns/{id}/agenda", h_concern_agenda,
	    PERM_STAFF, CSRF_NONE, BODY_XML, SMALL_BODY_MAX },
	{ "POST", "/api/v1/agenda/{id}/advice", h_agenda_advice,
	    PERM_STAFF, CSRF_NONE, BODY_XML, TEXT_BODY_MAX },
	{ "POST", "/api/v1/agenda/{id}/withdraw", h_agenda_withdraw,
	    PERM_STAFF, CSRF_NONE, BODY_XML, SMALL_BODY_MAX },
	{ "POST", "/api/v1/logs/{id}/team-referrals", h_log_referral_add,
	    PERM_STAFF, CSRF_NONE, BODY_XML, TEXT_BODY_MAX },
	{ "POST", "/api/v1/logs/{id}/family", h_log_family_link, PERM_STAFF,
	    CSRF_NONE, BODY_XML, SMALL_BODY_MAX },
	{ "POST", "/api/v1/logs/{id}/family/leave", h_log_family_leave,
	    PERM_STAFF, CSRF_NONE, BODY_XML, SMALL_BODY_MAX },
	{ "GET", "/api/v1/referrals/{id}", h_referral_show, PERM_STAFF,
	    CSRF_NONE, BODY_NONE, 0 },
	{ "POST", "/api/v1/referrals/{id}/decide", h_referral_decide,
	    PERM_STAFF, CSRF_NONE, BODY_XML, TEXT_BODY_MAX },
	{ "POST", "/api/v1/referrals/{id}/discussions", h_referral_discuss,
	    PERM_STAFF, CSRF_NONE, BODY_XML, TEXT_BODY_MAX },
	{ "POST", "/api/v1/referrals/{id}/end", h_referral_end, PERM_STAFF,
	    CSRF_NONE, BODY_XML, TEXT_BODY_MAX },
	{ "GET", "/api/v1/teams", h_team_list, PERM_STAFF, CSRF_NONE,
	    BODY_NONE, 0 },
	{ "GET", "/api/v1/teams/{id}", h_team_show, PERM_STAFF, CSRF_NONE,
	    BODY_NONE, 0 },
	{ "POST", "/api/v1/teams/{id}/meetings", h_team_meeting_add,
	    PERM_STAFF, CSRF_NONE, BODY_XML, SMALL_BODY_MAX },
	{ "GET", "/api/v1/handovers/{id}", h_handover_show,
	    PERM_STAFF, CSRF_NONE, BODY_NONE, 0 },
	{ "POST", "/api/v1/handovers/{id}/accept", h_handover_accept,
	    PERM_STAFF, CSRF_NONE, BODY_XML, TEXT_BODY_MAX },
	{ "POST", "/api/v1/handovers/{id}/refuse", h_handover_refuse,
	    PERM_STAFF, CSRF_NONE, BODY_XML, TEXT_BODY_MAX },
	{ "POST", "/api/v1/handovers/{id}/withdraw", h_handover_withdraw,
	    PERM_STAFF, CSRF_NONE, BODY_XML, TEXT_BODY_MAX },
	{ "GET", "/api/v1/consents/{id}", h_consent_show,
	    PERM_USER, CSRF_NONE, BODY_NONE, 0 },
	{ "POST", "/api/v1/consents/{id}/withdraw", h_consent_withdraw,
	    PERM_USER, CSRF_NONE, BODY_XML, TEXT_BODY_MAX },
	{ "GET", "/api/v1/consents/{id}/scan", h_consent_scan,
	    PERM_USER, CSRF_NONE, BODY_NONE, 0 },
	{ "GET", "/api/v1/minutes/{id}", h_minutes_show,
	    PERM_USER, CSRF_NONE, BODY_NONE, 0 },
	{ "POST", "/api/v1/minutes/{id}/finalise", h_minutes_finalise,
	    PERM_STAFF, CSRF_NONE, BODY_XML, TEXT_BODY_MAX },
	{ "GET", "/api/v1/guide", h_guide_show,
	    PERM_USER, CSRF_NONE, BODY_NONE, 0 },
	/* partners answering notices */
	{ "POST", "/api/v1/receipts", h_receipt,
	    PERM_PARTNER, CSRF_NONE, BODY_SIGNED, TEXT_BODY_MAX },
	/* a notice the person sent: it arrived, says the partner by phone */
	{ "GET", "/notices/{id}/confirm", h_notice_confirm_form, PERM_STAFF,
	    CSRF_NONE, BODY_NONE, 0 },
	{ "POST", "/notices/{id}/confirm", h_notice_confirm, PERM_STAFF,
	    CSRF_SESSION, BODY_FORM, SMALL_BODY_MAX },
	{ "POST", "/api/v1/notices/{id}/confirm", h_notice_confirm,
	    PERM_STAFF, CSRF_NONE, BODY_XML, SMALL_BODY_MAX },
	/* a person's own settings */
	{ "GET", "/settings/email", h_settings_show, PERM_USER,
	    CSRF_NONE, BODY_NONE, 0 },
	{ "POST", "/settings/email", h_settings_save, PERM_USER,
	    CSRF_SESSION, BODY_FORM, SMALL_BODY_MAX },
	{ "POST", "/settings/email/address", h_settings_address, PERM_USER,
	    CSRF_SESSION, BODY_FORM, SMALL_BODY_MAX },
	/* partners and their queues: the administrator's */
	{ "GET", "/admin/partners", h_partner_list, PERM_ADMIN,
	    CSRF_NONE, BODY_NONE, 0 },
	{ "POST", "/admin/partners", h_partner_add, PERM_ADMIN,
	    CSRF_SESSION, BODY_FORM, SMALL_BODY_MAX },
	{ "GET", "/admin/partners/{id}", h_partner_show, PERM_ADMIN,
	    CSRF_NONE, BODY_NONE, 0 },
	{ "POST", "/admin/partners/{id}", h_partner_update, PERM_ADMIN,
	    CSRF_SESSION, BODY_FORM, SMALL_BODY_MAX },
	{ "POST", "/admin/partners/{id}/pause", h_partner_pause, PERM_ADMIN,
	    CSRF_SESSION, BODY_FORM, SMALL_BODY_MAX },
	{ "POST", "/admin/partners/{id}/resume", h_partner_resume, PERM_ADMIN,
	    CSRF_SESSION, BODY_FORM, SMALL_BODY_MAX },
	{ "POST", "/admin/notices/{id}/retry", h_notice_retry, PERM_ADMIN,
	    CSRF_SESSION, BODY_FORM, SMALL_BODY_MAX },
	{ "POST", "/admin/notices/{id}/cancel", h_notice_cancel, PERM_ADMIN,
	    CSRF_SESSION, BODY_FORM, SMALL_BODY_MAX },
	{ "GET", "/api/v1/partners", h_partner_list,
	    PERM_ADMIN, CSRF_NONE, BODY_NONE, 0 },
	{ "POST", "/api/v1/partners", h_partner_add,
	    PERM_ADMIN, CSRF_NONE, BODY_XML, SMALL_BODY_MAX },
	{ "GET", "/api/v1/partners/{id}", h_partner_show,
	    PERM_ADMIN, CSRF_NONE, BODY_NONE, 0 },
	{ "POST", "/api/v1/partners/{id}", h_partner_update,
	    PERM_ADMIN, CSRF_NONE, BODY_XML, SMALL_BODY_MAX },
	{ "POST", "/api/v1/partners/{id}/pause", h_partner_pause,
	    PERM_ADMIN, CSRF_NONE, BODY_XML, SMALL_BODY_MAX },
	{ "POST", "/api/v1/partners/{id}/resume", h_partner_resume,
	    PERM_ADMIN, CSRF_NONE, BODY_XML, SMALL_BODY_MAX },
	{ "POST", "/api/v1/notices/{id}/retry", h_notice_retry,
	    PERM_ADMIN, CSRF_NONE, BODY_XML, SMALL_BODY_MAX },
	{ "POST", "/api/v1/notices/{id}/cancel", h_notice_cancel,
	    PERM_ADMIN, CSRF_NONE, BODY_XML, SMALL_BODY_MAX },
	/* units and the people who log in: the administrator's */
	{ "GET", "/admin/units", h_unit_list, PERM_ADMIN,
	    CSRF_NONE, BODY_NONE, 0 },
	{ "POST", "/admin/units", h_unit_add, PERM_ADMIN,
	    CSRF_SESSION, BODY_FORM, SMALL_BODY_MAX },
	{ "GET", "/admin/units/{id}", h_unit_show, PERM_ADMIN,
	    CSRF_NONE, BODY_NONE, 0 },
	{ "POST", "/admin/units/{id}", h_unit_update, PERM_ADMIN,
	    CSRF_SESSION, BODY_FORM, SMALL_BODY_MAX },
	{ "GET", "/admin/people", h_person_list, PERM_ADMIN,
	    CSRF_NONE, BODY_NONE, 0 },
	{ "POST", "/admin/people", h_person_add, PERM_ADMIN,
	    CSRF_SESSION, BODY_FORM, SMALL_BODY_MAX },
	{ "GET", "/admin/people/{id}", h_person_show, PERM_ADMIN,
	    CSRF_NONE, BODY_NONE, 0 },
	{ "POST", "/admin/people/{id}", h_person_update, PERM_ADMIN,
	    CSRF_SESSION, BODY_FORM, SMALL_BODY_MAX },
	{ "POST", "/admin/people/{id}/deactivate", h_person_deactivate,
	    PERM_ADMIN, CSRF_SESSION, BODY_FORM, SMALL_BODY_MAX },
	{ "POST", "/admin/people/{id}/reactivate", h_person_reactivate,
	    PERM_ADMIN, CSRF_SESSION, BODY_FORM, SMALL_BODY_MAX },
	{ "GET", "/api/v1/admin/units", h_unit_list,
	    PERM_ADMIN, CSRF_NONE, BODY_NONE, 0 },
	{ "POST", "/api/v1/admin/units", h_unit_add,
	    PERM_ADMIN, CSRF_NONE, BODY_XML, SMALL_BODY_MAX },
	{ "GET", "/api/v1/admin/units/{id}", h_unit_show,
	    PERM_ADMIN, CSRF_NONE, BODY_NONE, 0 },
	{ "POST", "/api/v1/admin/units/{id}", h_unit_update,
	    PERM_ADMIN, CSRF_NONE, BODY_XML, SMALL_BODY_MAX },
	{ "GET", "/api/v1/admin/people", h_person_list,
	    PERM_ADMIN, CSRF_NONE, BODY_NONE, 0 },
	{ "POST", "/api/v1/admin/people", h_person_add,
	    PERM_ADMIN, CSRF_NONE, BODY_XML, SMALL_BODY_MAX },
	{ "GET", "/api/v1/admin/people/{id}", h_person_show,
	    PERM_ADMIN, CSRF_NONE, BODY_NONE, 0 },
	{ "POST", "/api/v1/admin/people/{id}", h_person_update,
	    PERM_ADMIN, CSRF_NONE, BODY_XML, SMALL_BODY_MAX },
	{ "POST", "/api/v1/admin/people/{id}/deactivate", h_person_deactivate,
	    PERM_ADMIN, CSRF_NONE, BODY_XML, SMALL_BODY_MAX },
	{ "POST", "/api/v1/admin/people/{id}/reactivate", h_person_reactivate,
	    PERM_ADMIN, CSRF_NONE, BODY_XML, SMALL_BODY_MAX },
	{ "GET", "/admin/teams", h_team_admin_list, PERM_ADMIN,
	    CSRF_NONE, BODY_NONE, 0 },
	{ "POST", "/admin/teams", h_team_admin_add, PERM_ADMIN,
	    CSRF_SESSION, BODY_FORM, TEXT_BODY_MAX },
	{ "GET", "/admin/teams/{id}", h_team_admin_show, PERM_ADMIN,
	    CSRF_NONE, BODY_NONE, 0 },
	{ "POST", "/admin/teams/{id}", h_team_admin_update, PERM_ADMIN,
	    CSRF_SESSION, BODY_FORM, TEXT_BODY_MAX },
	{ "POST", "/admin/teams/{id}/members", h_team_admin_member_add,
	    PERM_ADMIN, CSRF_SESSION, BODY_FORM, SMALL_BODY_MAX },
	{ "POST", "/admin/teams/{id}/members/remove",
	    h_team_admin_member_remove, PERM_ADMIN, CSRF_SESSION, BODY_FORM,
	    SMALL_BODY_MAX },
	{ "GET", "/api/v1/admin/teams", h_team_admin_list,
	    PERM_ADMIN, CSRF_NONE, BODY_NONE, 0 },
	{ "POST", "/api/v1/admin/teams", h_team_admin_add,
	    PERM_ADMIN, CSRF_NONE, BODY_XML, TEXT_BODY_MAX },
	{ "GET", "/api/v1/admin/teams/{id}", h_team_admin_show,
	    PERM_ADMIN, CSRF_NONE, BODY_NONE, 0 },
	{ "POST", "/api/v1/admin/teams/{id}", h_team_admin_update,
	    PERM_ADMIN, CSRF_NONE, BODY_XML, TEXT_BODY_MAX },
	{ "POST", "/api/v1/admin/teams/{id}/members", h_team_admin_member_add,
	    PERM_ADMIN, CSRF_NONE, BODY_XML, SMALL_BODY_MAX },
	{ "POST", "/api/v1/admin/teams/{id}/members/remove",
	    h_team_admin_member_remove, PERM_ADMIN, CSRF_NONE, BODY_XML,
	    SMALL_BODY_MAX },
};

#define NROUTES (sizeof(routes) / sizeof(routes[0]))

/*
 * What each handler does, for the API reference (`stafett doc api`,
 * docs/api-routes.md): one text a handler, since a page's route and the
 * API's route of one resource share their handler. What every route
 * answers alike (401, 403, 404, 413, 415, 503, the CSRF and
 * Idempotency-Key rules) the reference derives from the route's row.
 */
static const struct {
	handler_fn	 fn;
	const char	*doc;
} docs[] = {
	{ h_healthz,
		"Whether the service can serve: 200 \"ok\", or 503 with the "
		"reason (no worker, the database does not answer, cannot "
		"write, not checked yet). Answered by the serve master on a "
		"socket of its own." },
	{ h_metrics,
		"Counters and histograms of requests, statements and notices "
		"in the Prometheus text format; no personal data." },
	{ h_login_form,
		"The login form." },
	{ h_login,
		"Logs in with user name and password (argon2id); a session "
		"cookie (HttpOnly, Secure, SameSite=Strict) and a redirect "
		"to where the user was going. 401 on a wrong name or "
		"password, 429 after too many failures." },
	{ h_logout,
		"Ends the session and returns to the login page; a session "
		"from an identity provider is ended there too (RP-initiated "
		"logout)." },
	{ h_oidc_begin,
		"Sends the browser to the identity provider (idporten or "
		"staff) to log in: the authorization code flow with PKCE, "
		"state and nonce; a form posted when the session had ended "
		"is kept for after." },
	{ h_oidc_callback,
		"Where the provider sends the browser back: the code is "
		"traded for tokens, the ID token checked fully, the person's "
		"account found (ID-porten: by an HMAC of the identity number; "
		"staff: by the provider's subject, with the role and unit "
		"the administrator mapped) and a session started." },
	{ h_oidc_frontchannel,
		"Front-channel logout: the provider, in a frame, ends the "
		"sessions of its session id (iss and sid)." },
	{ h_oidc_backchannel,
		"Back-channel logout: the provider posts a signed logout "
		"token; the sessions of its sid or sub end." },
	{ h_home,
		"The start page of the user's role: the concerns, logs, "
		"measures, meetings, handovers and consultations the user "
		"may see, each list and count by the one rule of who may "
		"read a log." },
	{ h_form_show,
		"A form to fill in (concern, referral, minutes and the "
		"others of forms/), from its XForms definition." },
	{ h_form_submit,
		"Sends a filled-in form. Checked against its definition; on "
		"an error the form comes back with what was typed and the "
		"error next to each field (422); on success the stored "
		"instance and what it changes (a concern, a log entry, a "
		"notice) are saved in one transaction, and the browser is "
		"sent on (303)." },
	{ h_concern_show,
		"A concern and what became of it, to its author, the leader "
		"of the author's unit, and the holder of the log it was "
		"passed to." },
	{ h_submission_show,
		"A stored form instance as it was accepted, with its form "
		"version." },
	{ h_consultation_show,
		"A two-year consultation, to the people it is shared with: "
		"its author, the leader of the author's unit, the "
		"participants it names, the guardians and a youth of 15 or "
		"over." },
	{ h_draft_delete,
		"Deletes one of the user's own drafts (another's id deletes "
		"nothing), and goes back to the start page, which says so." },
	{ h_api_forms,
		"The forms an API client can send: id, version and title of "
		"each current definition." },
	{ h_api_form_get,
		"A form's XForms definition (the current version, or "
		"?version=N)." },
	{ h_api_form_schema,
		"The XML Schema of a form's instance, generated from its "
		"definition." },
	{ h_api_form_submit,
		"Sends a form instance (the body, application/xml). "
		"Validated by the form's binds; 422 with each field's error, "
		"or 201 with Location of what was stored. With "
		"Idempotency-Key, a repeat answers the first answer." },
	{ h_api_concern_get,
		"A concern as XML, to the same people as its page." },
	{ h_api_submission_get,
		"A stored instance, exactly the bytes accepted." },
	{ h_api_consultation_get,
		"A two-year consultation as XML." },
	{ h_log_show,
		"A relay log (stafettlogg): the child, level, holder, "
		"participants, consents, measures, meetings, the timeline "
		"and the notices to partners, to those the one rule lets "
		"read it. Every read is audited." },
	{ h_log_access,
		"Who has read and changed the log, a summary a person and "
		"then every entry, a page at a time (?of=N&page=N)." },
	{ h_log_archive,
		"The whole log as one document, for the archive and for the "
		"guardians' right to see everything." },
	{ h_log_level,
		"Changes the log's BTI level (0 to 3), with a reason; the "
		"holder only." },
	{ h_log_participant_add,
		"Adds a participant, within what the consent covers." },
	{ h_log_participant_remove,
		"Removes a participant." },
	{ h_log_note,
		"Writes a note in the log's timeline." },
	{ h_log_meeting_add,
		"Plans a meeting (date, time, place, agenda, invite=the "
		"holder or participants, family=true to invite the guardians "
		"and the youth from 15 through the log)." },
	{ h_log_meeting_answer,
		"Answers an invitation to a meeting of the log (meeting, "
		"answer=coming, not_coming or other_time, note; other_time "
		"needs a note): whoever is invited, the family too when it "
		"is; the holder is told." },
	{ h_log_measure_add,
		"Adds a measure: what, its goal, who is responsible and when "
		"it is evaluated." },
	{ h_log_close_request,
		"Asks to close the log, with the family's feedback; closing "
		"needs no waiting concern and no open handover." },
	{ h_log_expectant,
		"Names an expectant parent of a child not born yet (nin: "
		"their identity number, kept as its HMAC): they read the log "
		"until the birth is registered with the child's number; the "
		"holder only." },
	{ h_feedback_show,
		"The feedback form a guardian or the youth is asked to fill "
		"in when a relay log about the child closes: the service, "
		"the questions, and whether it is answered or its time over "
		"(90 days); the person asked only." },
	{ h_feedback_answer,
		"Answers the feedback once (heard, early, knew_holder, "
		"together, helped: 1-5 or empty; comment): stored with the "
		"service and the month only, never with the log or the "
		"person." },
	{ h_feedback_summary,
		"The families' feedback counted per service and finished "
		"half-year: a leader's unit, or every unit for an "
		"administrator; a unit or question with fewer than 5 "
		"answers is not shown." },
	{ h_consent_info,
		"What a consent to cooperation is, how to withdraw it, the "
		"right to an interpreter, in the languages the installation "
		"offers (?lang=CODE); for families, no login." },
	{ h_log_birth,
		"Registers the birth of a child whose log began before it "
		"(child_name, child_nin or child_birthdate): the log goes on "
		"with the child's identity; the holder only, once." },
	{ h_log_role_add,
		"Appoints a role the law gives on the case (role="
		"child_coordinator, coordinator or group, user=the holder "
		"or a participant); the holder only." },
	{ h_log_role_end,
		"Ends a role (role, user, reason); a role also ends when its "
		"person stops taking part." },
	{ h_log_language,
		"Records the family's language (language, empty: none) and "
		"whether it needs an interpreter (interpreter=true/false); "
		"shown where meetings and consents are planned." },
	{ h_concern_level,
		"The level-0 decision on a concern: closed, or lifted to "
		"level 1, 2 or 3 (which opens a relay log, or passes the "
		"concern to the holder of the child's open log)." },
	{ h_concern_anonymous,
		"A concern as it may be discussed without the child's name: "
		"no child, services or persons; its readers, and the "
		"members of a team whose agenda has it while it is open." },
	{ h_concern_agenda,
		"Puts an open concern on a discussion team's meeting "
		"(meeting: its id, from the concern page's open meetings), "
		"to be discussed anonymously; its author or their leader. "
		"Once a meeting (422)." },
	{ h_agenda_advice,
		"Records the team's advice on a concern on its agenda "
		"(advice, at most 4000 characters): a member of the team, "
		"while the concern is open; once (409). The advice goes "
		"into the concern's timeline and its author is told." },
	{ h_agenda_withdraw,
		"Takes a concern off a team's agenda before it is "
		"discussed: its author or their leader." },
	{ h_log_referral_add,
		"Refers the family to a team with an intake (team: an intake "
		"team's id, from the log page; reason): the holder, when a "
		"valid consent names the team's unit; once at a time to a "
		"team (422). The team's leaders are told." },
	{ h_log_family_link,
		"Links the log with a sibling's log as one family (sibling: "
		"that log's reference): the holder, when they may read the "
		"sibling's log. Each child's consent and readers stay the "
		"child's own; a team counts the family once." },
	{ h_log_family_leave,
		"Takes the log out of its family: the holder." },
	{ h_referral_show,
		"A referral: the family, the team, where it stands (referred, "
		"waiting with its place and why, in, declined, ended, "
		"withdrawn), why, the decisions and the discussions; to those "
		"who read the log and to the team's members while the "
		"family's consent names the team." },
	{ h_referral_decide,
		"The team leader's decision (decision=in, wait or decline; "
		"wait: priority 1-999 and reason; decline: reason): in only "
		"while there is room (the team's capacity), and the members "
		"the consent covers then take part in the log; the holder is "
		"told. A waiting family may be decided again (a new place)." },
	{ h_referral_discuss,
		"Records a discussion of a family the team has taken in "
		"(date, today or before; with_referrer=true/false; summary): "
		"a member; also in the log's timeline." },
	{ h_referral_end,
		"Ends a referral (reason): the family leaves the team (the "
		"holder or the team's leader; the members it made "
		"participants stop taking part), or the holder withdraws it "
		"before it is taken in." },
	{ h_team_list,
		"The municipality's teams: kind (discussion or intake), name, "
		"purpose, how often they meet, members, the next meeting, "
		"and the reader's role in each." },
	{ h_team_show,
		"A team: its members and its meetings from 60 days back; to "
		"its members also each meeting's agenda (the concerns put "
		"forward, who put them, their state and the advice)." },
	{ h_team_meeting_add,
		"Plans a team meeting (date, today or later; time; place): "
		"a leader of the team." },
	{ h_team_admin_list,
		"The teams, for their administrator, and the form to add "
		"one." },
	{ h_team_admin_add,
		"Adds a team: name (unique), kind (discussion or intake, "
		"fixed once made), purpose, meets (how often, as said), "
		"capacity (families, an intake team only). 422 naming the "
		"field. Audited." },
	{ h_team_admin_show,
		"A team with its members, for its administrator." },
	{ h_team_admin_update,
		"Changes a team's name, purpose, meets, capacity or active. "
		"Audited." },
	{ h_team_admin_member_add,
		"Adds a person to a team (person: a username of an active "
		"employee or leader of the municipality; role: member or "
		"leader), or gives a member another role. Audited." },
	{ h_team_admin_member_remove,
		"Ends a person's membership of a team (person). Audited." },
	{ h_concern_discussed,
		"Records that a concern was discussed (anonymously) with a "
		"colleague or service." },
	{ h_concern_receive,
		"The holder's answer to a concern passed to their log: take "
		"it in (decision=take) or answer its author "
		"(decision=answer, answer=text). Once; a second answer is "
		"409." },
	{ h_handover_show,
		"A request to take over as holder (stafettholder), to the "
		"person asked and the one asking." },
	{ h_handover_accept,
		"Accepts a handover: the person asked becomes the holder." },
	{ h_handover_refuse,
		"Refuses a handover, with a reason." },
	{ h_handover_withdraw,
		"Withdraws a handover not answered yet." },
	{ h_consent_show,
		"A consent: who gave it, which units and persons it covers, "
		"until when." },
	{ h_consent_withdraw,
		"A guardian withdraws a consent: participants it no longer "
		"covers lose access at once, referrals not yet delivered are "
		"cancelled, and partners that had them are told." },
	{ h_consent_attach,
		"Attaches the scan of a paper consent (PDF, PNG or JPEG, by "
		"its bytes; at most 10 MB)." },
	{ h_consent_scan,
		"The scan of a paper consent, as it was uploaded." },
	{ h_minutes_show,
		"Minutes of a meeting, draft or final." },
	{ h_minutes_finalise,
		"Makes draft minutes final: from then on they cannot change, "
		"and the measures they agree are added to the log." },
	{ h_guide_show,
		"The action guide (handlingsveileder): the steps of each BTI "
		"level." },
	{ h_guide_step_add,
		"Adds a step to the action guide (administrators)." },
	{ h_guide_step_update,
		"Changes a step of the action guide." },
	{ h_guide_step_delete,
		"Deletes a step of the action guide." },
	{ h_api_log_events,
		"The log's timeline as XML, newest first (?after=ID for what "
		"is newer)." },
	{ h_receipt,
		"A partner's signed receipt or answer to a notice (bearer "
		"token and an HMAC over the body under the partner's inbound "
		"key). 200 when recorded; a repeat of the same answer is "
		"recorded once." },
	{ h_notice_confirm_form,
		"The form to confirm by hand that a notice reached its "
		"partner (a phone call, a letter)." },
	{ h_notice_confirm,
		"Confirms by hand that a delivered notice has arrived, and "
		"how it is known." },
	{ h_settings_show,
		"The user's e-mail settings: which kinds of notices come by "
		"e-mail." },
	{ h_settings_save,
		"Saves the e-mail settings." },
	{ h_settings_address,
		"Changes the user's own e-mail address (field email; empty "
		"removes it, and then no e-mail is sent). 422 with the "
		"address as typed when it is not one the mailer can send "
		"to. Audited." },
	{ h_partner_list,
		"The partners (BUP, NAV, child welfare, ...): their "
		"endpoints, which secrets are in place, and the notices "
		"waiting." },
	{ h_partner_add,
		"Registers a partner: name, kind, https endpoint, "
		"authentication (mtls or bearer), the message types it "
		"takes." },
	{ h_partner_show,
		"A partner and its recent notices with their states and "
		"attempts." },
	{ h_partner_update,
		"Changes a partner's name, endpoint, authentication or "
		"message types." },
	{ h_partner_pause,
		"Stops delivering to a partner; its notices wait." },
	{ h_partner_resume,
		"Resumes delivering to a paused partner." },
	{ h_notice_retry,
		"Sends a failed or dead notice again at once, with the same "
		"idempotency key." },
	{ h_notice_cancel,
		"Cancels a notice not delivered; one already tried is shown "
		"as stopped, since it may have reached the partner." },
	{ h_unit_list,
		"The units (kindergartens, schools, services): code, name, "
		"kind, whether outside the municipality, how many active "
		"people work there." },
	{ h_unit_add,
		"Adds a unit: code (lower-case letters, digits and hyphens, "
		"unique, fixed once made), name (unique), kind, external "
		"(yes or no). 422 naming the field. Audited." },
	{ h_unit_show,
		"A unit and the people who work there." },
	{ h_unit_update,
		"Changes a unit's name, kind or external; the code stays. "
		"Audited." },
	{ h_person_list,
		"The people who log in (employees, leaders, administrators; "
		"not guardians or youths), the active first; ?q= finds "
		"names, user names and units; at most 500." },
	{ h_person_add,
		"Adds a person: username (unique), display_name, role "
		"(employee, leader or admin), unit (a unit's id; needed but "
		"for administrators), email (optional). No password: it is "
		"set on the server (stafett user password). 422 naming the "
		"field. Audited." },
	{ h_person_show,
		"A person: user name, role, unit, e-mail address, whether "
		"they can log in, how many sessions and API tokens they "
		"have, how many open relay logs they hold." },
	{ h_person_update,
		"Changes a person's user name, name, role, unit or e-mail "
		"address. Nobody changes their own role, and the last "
		"active administrator stays one (422). Audited." },
	{ h_person_deactivate,
		"Deactivates a person: from the next request on they cannot "
		"log in, and their sessions and API tokens are ended. Not "
		"oneself, not the last active administrator (422). A "
		"browser confirms first (confirm=yes). Audited." },
	{ h_person_reactivate,
		"Lets a deactivated person log in again with their "
		"password; their API tokens stay revoked. Audited." },
};

const char *
route_doc(const struct route *rt)
{
	size_t i;

	for (i = 0; i < sizeof(docs) / sizeof(docs[0]); i++)
		if (docs[i].fn == rt->fn)
			return docs[i].doc;
	return NULL;
}

int
route_defers_replay(const struct route *rt, const char *arg)
{
	/* A concern through the API writes its key's row in the one call
	 * that writes the concern (concern.c). */
	return rt->fn == h_api_form_submit && strcmp(arg, "concern") == 0;
}

int
route_reauth(const struct route *rt)
{
	/* The actions issue 18 names as sensitive: they take a right
	 * away, fix a record for good, or change where notices go. */
	static const handler_fn sensitive[] = { h_consent_withdraw,
		h_minutes_finalise, h_partner_add, h_partner_update,
		h_partner_pause, h_partner_resume };
	size_t i;

	if (strcmp(rt->method, "POST") != 0)
		return 0;
	for (i = 0; i < sizeof(sensitive) / sizeof(sensitive[0]); i++)
		if (rt->fn == sensitive[i])
			return 1;
	return 0;
}

const struct route *
route_table(size_t *n)
{
	*n = NROUTES;
	return routes;
}
