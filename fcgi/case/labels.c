/* labels.c: words for codes (see labels.h). */
#include "config.h"

#include <string.h>

#include "i18n.h"
#include "labels.h"
#include "pool.h"

static const char *
lookup(const char *const (*table)[2], size_t n, const char *code)
{
	size_t i;

	if (code == NULL)
		return "";
	for (i = 0; i < n; i++)
		if (strcmp(table[i][0], code) == 0)
			return _(table[i][1]);
	return code;
}

const char *
label_service(const char *kind)
{
	static const char *const t[][2] = {
		{ "kindergarten", N_("kindergarten") },
		{ "school", N_("school") },
		{ "sfo", N_("after-school programme") },
		{ "health_clinic", N_("health clinic") },
		{ "ppt", N_("educational-psychological service (PPT)") },
		{ "child_welfare", N_("child welfare") },
		{ "nav", N_("NAV") },
		{ "family_service", N_("family services") },
		{ "bup", N_("child and adolescent psychiatry (BUP)") },
		{ "police", N_("police") },
		{ "learning_centre", N_("learning centre") },
		{ "municipal", N_("municipal services") },
		{ "other", N_("other service") },
	};

	return lookup(t, sizeof(t) / sizeof(t[0]), kind);
}

st_rc
label_services(struct buf *out, const char *list)
{
	char code[32];
	size_t n, count = 0, i = 0, total = 0;
	const char *p;
	st_rc rc = ST_OK;

	for (p = list; *p != '\0'; p += n) {
		p += strspn(p, " ");
		if ((n = strcspn(p, " ")) > 0)
			total++;
	}
	for (p = list; *p != '\0' && rc == ST_OK; p += n) {
		p += strspn(p, " ");
		if ((n = strcspn(p, " ")) == 0 || n >= sizeof(code))
			continue;
		memcpy(code, p, n);
		code[n] = '\0';
		i++;
		if (count++ > 0)
			rc = buf_addstr(out, i == total ? _(" and ") : ", ");
		if (rc == ST_OK)
			rc = buf_addstr(out, label_service(code));
	}
	return rc;
}

st_rc
label_unit_names(struct buf *out, const char *list)
{
	const char *p;
	size_t n, i = 0;
	st_rc rc = ST_OK;

	for (p = list; p != NULL && *p != '\0' && rc == ST_OK;
	    p += *p != '\0') {
		n = strcspn(p, "\x1f");
		if (n > 1) {
			if (i++ > 0)
				rc = buf_addch(out, '\x1f');
			if (rc == ST_OK)
				rc = buf_add(out, p + 1, n - 1);
		}
		p += n;
	}
	return rc;
}

const char *
label_role(const char *role)
{
	static const char *const t[][2] = {
		{ "holder", N_("relay holder") },
		{ "participant", N_("participant") },
		{ "leader", N_("unit leader") },
		{ "guardian", N_("guardian") },
		{ "youth", N_("the youth") },
		{ "employee", N_("employee") },
		{ "proposed holder", N_("proposed holder") },
		{ "system", N_("the system") },
		{ "partner", N_("partner") },
		{ "team", N_("team member") },
	};

	return lookup(t, sizeof(t) / sizeof(t[0]), role);
}

const char *
label_case_role(const char *role)
{
	static const char *const t[][2] = {
		{ "child_coordinator", N_("child coordinator") },
		{ "coordinator", N_("coordinator of the individual plan") },
		{ "group", N_("member of the responsible group") },
	};

	return lookup(t, sizeof(t) / sizeof(t[0]), role);
}

const char *
label_closing(const char *reason)
{
	static const char *const t[][2] = {
		{ "resolved", N_("the concern is resolved") },
		{ "guardians_request", N_("the guardians ask to close") },
		{ "moved", N_("the child has moved") },
		{ "transferred", N_("the case is transferred to another service") },
		{ "other", N_("other reason") },
	};

	return lookup(t, sizeof(t) / sizeof(t[0]), reason);
}

const char *
label_result(const char *result)
{
	static const char *const t[][2] = {
		{ "worked", N_("it worked") },
		{ "partly", N_("it partly worked") },
		{ "not_worked", N_("it did not work") },
	};

	return lookup(t, sizeof(t) / sizeof(t[0]), result);
}

const char *
label_next_step(const char *step)
{
	static const char *const t[][2] = {
		{ "continue", N_("continue the measure") },
		{ "adjust", N_("adjust the measure") },
		{ "new_measure", N_("a new measure") },
		{ "end", N_("end the measure") },
		{ "level_up", N_("a higher level") },
		{ "level_down", N_("a lower level") },
	};

	return lookup(t, sizeof(t) / sizeof(t[0]), step);
}

const char *
label_notice_kind(const char *kind)
{
	static const char *const t[][2] = {
		{ "referral", N_("referral") },
		{ "nav_notice", N_("notice to NAV") },
		{ "cw_report", N_("report of concern") },
		{ "handover", N_("handover notice") },
		{ "cancellation", N_("cancellation") },
	};

	return lookup(t, sizeof(t) / sizeof(t[0]), kind);
}

const char *
label_cancel_reason(const char *reason)
{
	static const char *const t[][2] = {
		{ "consent_withdrawn", N_("the consent was withdrawn") },
		{ "consent_expired", N_("the consent expired") },
		{ "log_closed", N_("the relay log is closed") },
		{ "sender_withdrew", N_("the sender withdrew it") },
	};

	return lookup(t, sizeof(t) / sizeof(t[0]), reason);
}

const char *
label_consent_method(const char *method)
{
	static const char *const t[][2] = {
		{ "paper", N_("on paper") },
		{ "digital", N_("digitally") },
	};

	return lookup(t, sizeof(t) / sizeof(t[0]), method);
}

void
label_date(char out[DATE_SIZE], const char *iso)
{
	int ok = 0;

	out[0] = '\0';
	if (iso == NULL || strlen(iso) < 10)
		return;
	(void)dates_days(iso, &ok);
	if (!ok)
		return;
	memcpy(out, iso + 8, 2);
	out[2] = '.';
	memcpy(out + 3, iso + 5, 2);
	out[5] = '.';
	memcpy(out + 6, iso, 4);
	out[10] = '\0';
}

const char *
label_unstop(struct pool *pool, const char *text)
{
	size_t n = strlen(text);

	while (n > 0 && (text[n - 1] == '.' || text[n - 1] == ' ' ||
	    text[n - 1] == '\n'))
		n--;
	return pool_strndup(pool, text, n);
}
