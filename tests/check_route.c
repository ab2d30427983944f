/* check_route.c: unit tests of the route table and route matching. */
#include "config.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "login.h"
#include "metrics.h"
#include "route.h"

#define ID	"AbCdEfGhIjKlMnOpQrSt_-"

/*
 * The access-control table of the tests: every route of the program must
 * have exactly one row here with the permission and CSRF rule it is
 * meant to have. A new route without a row, or a row whose route is
 * gone, fails route_table_matches_expectations.
 */
static const struct {
	const char	*method, *pattern;
	enum perm	 perm;
	enum csrf_kind	 csrf;
} expected[] = {
	{ "GET", "/healthz", PERM_PUBLIC, CSRF_NONE },
	{ "GET", "/metrics", PERM_PUBLIC, CSRF_NONE },
	{ "GET", "/login", PERM_PUBLIC, CSRF_NONE },
	{ "POST", "/login", PERM_PUBLIC, CSRF_LOGIN },
	{ "POST", "/logout", PERM_USER, CSRF_SESSION },
	{ "POST", "/login/{provider}", PERM_PUBLIC, CSRF_LOGIN },
	{ "GET", "/login/{provider}/callback", PERM_PUBLIC, CSRF_NONE },
	{ "GET", "/logout/{provider}/frontchannel", PERM_PUBLIC, CSRF_NONE },
	/* the provider's server posts it, signed; no browser, no cookie */
	{ "POST", "/logout/{provider}/backchannel", PERM_PUBLIC, CSRF_NONE },
	{ "GET", "/", PERM_USER, CSRF_NONE },
	{ "GET", "/forms/{form}", PERM_STAFF, CSRF_NONE },
	{ "POST", "/forms/{form}", PERM_STAFF, CSRF_SESSION },
	{ "GET", "/concerns/{id}", PERM_STAFF, CSRF_NONE },
	{ "GET", "/submissions/{id}", PERM_STAFF, CSRF_NONE },
	{ "GET", "/consultations/{id}", PERM_USER, CSRF_NONE },
	{ "POST", "/drafts/{id}/delete", PERM_STAFF, CSRF_SESSION },
	{ "GET", "/api/v1/forms", PERM_USER, CSRF_NONE },
	{ "GET", "/api/v1/forms/{form}", PERM_USER, CSRF_NONE },
	{ "GET", "/api/v1/forms/{form}/schema", PERM_USER, CSRF_NONE },
	{ "POST", "/api/v1/forms/{form}", PERM_STAFF, CSRF_NONE },
	{ "GET", "/api/v1/concerns/{id}", PERM_STAFF, CSRF_NONE },
	{ "GET", "/api/v1/submissions/{id}", PERM_STAFF, CSRF_NONE },
	{ "GET", "/api/v1/consultations/{id}", PERM_USER, CSRF_NONE },
	{ "GET", "/logs/{id}", PERM_USER, CSRF_NONE },
	{ "GET", "/logs/{id}/access", PERM_USER, CSRF_NONE },
	{ "GET", "/logs/{id}/archive", PERM_USER, CSRF_NONE },
	{ "POST", "/logs/{id}/level", PERM_STAFF, CSRF_SESSION },
	{ "POST", "/logs/{id}/participants", PERM_STAFF, CSRF_SESSION },
	{ "POST", "/logs/{id}/participants/remove", PERM_STAFF, CSRF_SESSION },
	{ "POST", "/logs/{id}/notes", PERM_USER, CSRF_SESSION },
	{ "POST", "/logs/{id}/meetings", PERM_STAFF, CSRF_SESSION },
	{ "POST", "/logs/{id}/measures", PERM_STAFF, CSRF_SESSION },
	{ "POST", "/logs/{id}/close-request", PERM_USER, CSRF_SESSION },
	{ "POST", "/logs/{id}/birth", PERM_STAFF, CSRF_SESSION },
	{ "GET", "/consent-info", PERM_PUBLIC, CSRF_NONE },
	{ "POST", "/logs/{id}/roles", PERM_STAFF, CSRF_SESSION },
	{ "POST", "/logs/{id}/roles/end", PERM_STAFF, CSRF_SESSION },
	{ "POST", "/logs/{id}/language", PERM_STAFF, CSRF_SESSION },
	/* whoever is invited answers; the handler decides who is */
	{ "POST", "/logs/{id}/meetings/answer", PERM_USER, CSRF_SESSION },
	{ "POST", "/logs/{id}/expectant", PERM_STAFF, CSRF_SESSION },
	/* the family's feedback: the person asked; the counts: a leader
	 * or the administrator (the handlers decide) */
	{ "GET", "/feedback/{id}", PERM_USER, CSRF_NONE },
	{ "POST", "/feedback/{id}", PERM_USER, CSRF_SESSION },
	{ "GET", "/feedback", PERM_USER, CSRF_NONE },
	{ "POST", "/concerns/{id}/level", PERM_STAFF, CSRF_SESSION },
	{ "GET", "/concerns/{id}/anonymous", PERM_STAFF, CSRF_NONE },
	{ "POST", "/concerns/{id}/discussed", PERM_STAFF, CSRF_SESSION },
	{ "POST", "/concerns/{id}/receive", PERM_STAFF, CSRF_SESSION },
	{ "GET", "/handovers/{id}", PERM_STAFF, CSRF_NONE },
	{ "POST", "/handovers/{id}/accept", PERM_STAFF, CSRF_SESSION },
	{ "POST", "/handovers/{id}/refuse", PERM_STAFF, CSRF_SESSION },
	{ "POST", "/handovers/{id}/withdraw", PERM_STAFF, CSRF_SESSION },
	{ "GET", "/consents/{id}", PERM_USER, CSRF_NONE },
	{ "POST", "/consents/{id}/withdraw", PERM_USER, CSRF_SESSION },
	{ "POST", "/consents/{id}/attachment", PERM_STAFF, CSRF_SESSION },
	{ "GET", "/consents/{id}/scan", PERM_USER, CSRF_NONE },
	{ "GET", "/minutes/{id}", PERM_USER, CSRF_NONE },
	{ "POST", "/minutes/{id}/finalise", PERM_STAFF, CSRF_SESSION },
	{ "GET", "/admin/guide", PERM_ADMIN, CSRF_NONE },
	{ "POST", "/admin/guide/steps", PERM_ADMIN, CSRF_SESSION },
	{ "POST", "/admin/guide/steps/{id}", PERM_ADMIN, CSRF_SESSION },
	{ "POST", "/admin/guide/steps/{id}/delete", PERM_ADMIN, CSRF_SESSION },
	{ "GET", "/api/v1/logs/{id}", PERM_USER, CSRF_NONE },
	{ "GET", "/api/v1/logs/{id}/events", PERM_USER, CSRF_NONE },
	{ "GET", "/api/v1/logs/{id}/access", PERM_USER, CSRF_NONE },
	{ "GET", "/api/v1/logs/{id}/archive", PERM_USER, CSRF_NONE },
	{ "POST", "/api/v1/logs/{id}/level", PERM_STAFF, CSRF_NONE },
	{ "POST", "/api/v1/logs/{id}/participants", PERM_STAFF, CSRF_NONE },
	{ "POST", "/api/v1/logs/{id}/participants/remove", PERM_STAFF,
	    CSRF_NONE },
	{ "POST", "/api/v1/logs/{id}/notes", PERM_USER, CSRF_NONE },
	{ "POST", "/api/v1/logs/{id}/meetings", PERM_STAFF, CSRF_NONE },
	{ "POST", "/api/v1/logs/{id}/measures", PERM_STAFF, CSRF_NONE },
	{ "POST", "/api/v1/logs/{id}/close-request", PERM_USER, CSRF_NONE },
	{ "POST", "/api/v1/logs/{id}/birth", PERM_STAFF, CSRF_NONE },
	{ "POST", "/api/v1/logs/{id}/roles", PERM_STAFF, CSRF_NONE },
	{ "POST", "/api/v1/logs/{id}/roles/end", PERM_STAFF, CSRF_NONE },
	{ "POST", "/api/v1/logs/{id}/language", PERM_STAFF, CSRF_NONE },
	{ "POST", "/api/v1/logs/{id}/meetings/answer", PERM_USER, CSRF_NONE },
	{ "POST", "/api/v1/logs/{id}/expectant", PERM_STAFF, CSRF_NONE },
	{ "GET", "/api/v1/feedback/{id}", PERM_USER, CSRF_NONE },
	{ "POST", "/api/v1/feedback/{id}", PERM_USER, CSRF_NONE },
	{ "GET", "/api/v1/feedback", PERM_USER, CSRF_NONE },
	{ "POST", "/api/v1/concerns/{id}/level", PERM_STAFF, CSRF_NONE },
	{ "POST", "/api/v1/concerns/{id}/receive", PERM_STAFF, CSRF_NONE },
	{ "GET", "/api/v1/handovers/{id}", PERM_STAFF, CSRF_NONE },
	{ "POST", "/api/v1/handovers/{id}/accept", PERM_STAFF, CSRF_NONE },
	{ "POST", "/api/v1/handovers/{id}/refuse", PERM_STAFF, CSRF_NONE },
	{ "POST", "/api/v1/handovers/{id}/withdraw", PERM_STAFF, CSRF_NONE },
	{ "GET", "/api/v1/consents/{id}", PERM_USER, CSRF_NONE },
	{ "POST", "/api/v1/consents/{id}/withdraw", PERM_USER, CSRF_NONE },
	{ "GET", "/api/v1/consents/{id}/scan", PERM_USER, CSRF_NONE },
	{ "GET", "/api/v1/minutes/{id}", PERM_USER, CSRF_NONE },
	{ "POST", "/api/v1/minutes/{id}/finalise", PERM_STAFF, CSRF_NONE },
	{ "GET", "/api/v1/guide", PERM_USER, CSRF_NONE },
	{ "POST", "/api/v1/receipts", PERM_PARTNER, CSRF_NONE },
	{ "GET", "/notices/{id}/confirm", PERM_STAFF, CSRF_NONE },
	{ "POST", "/notices/{id}/confirm", PERM_STAFF, CSRF_SESSION },
	{ "POST", "/api/v1/notices/{id}/confirm", PERM_STAFF, CSRF_NONE },
	{ "GET", "/settings/email", PERM_USER, CSRF_NONE },
	{ "POST", "/settings/email", PERM_USER, CSRF_SESSION },
	{ "POST", "/settings/email/address", PERM_USER, CSRF_SESSION },
	{ "GET", "/admin/partners", PERM_ADMIN, CSRF_NONE },
	{ "POST", "/admin/partners", PERM_ADMIN, CSRF_SESSION },
	{ "GET", "/admin/partners/{id}", PERM_ADMIN, CSRF_NONE },
	{ "POST", "/admin/partners/{id}", PERM_ADMIN, CSRF_SESSION },
	{ "POST", "/admin/partners/{id}/pause", PERM_ADMIN, CSRF_SESSION },
	{ "POST", "/admin/partners/{id}/resume", PERM_ADMIN, CSRF_SESSION },
	{ "POST", "/admin/notices/{id}/retry", PERM_ADMIN, CSRF_SESSION },
	{ "POST", "/admin/notices/{id}/cancel", PERM_ADMIN, CSRF_SESSION },
	{ "GET", "/api/v1/partners", PERM_ADMIN, CSRF_NONE },
	{ "POST", "/api/v1/partners", PERM_ADMIN, CSRF_NONE },
	{ "GET", "/api/v1/partners/{id}", PERM_ADMIN, CSRF_NONE },
	{ "POST", "/api/v1/partners/{id}", PERM_ADMIN, CSRF_NONE },
	{ "POST", "/api/v1/partners/{id}/pause", PERM_ADMIN, CSRF_NONE },
	{ "POST", "/api/v1/partners/{id}/resume", PERM_ADMIN, CSRF_NONE },
	{ "POST", "/api/v1/notices/{id}/retry", PERM_ADMIN, CSRF_NONE },
	{ "POST", "/api/v1/notices/{id}/cancel", PERM_ADMIN, CSRF_NONE },
	{ "GET", "/admin/units", PERM_ADMIN, CSRF_NONE },
	{ "POST", "/admin/units", PERM_ADMIN, CSRF_SESSION },
	{ "GET", "/admin/units/{id}", PERM_ADMIN, CSRF_NONE },
	{ "POST", "/admin/units/{id}", PERM_ADMIN, CSRF_SESSION },
	{ "GET", "/admin/people", PERM_ADMIN, CSRF_NONE },
	{ "POST", "/admin/people", PERM_ADMIN, CSRF_SESSION },
	{ "GET", "/admin/people/{id}", PERM_ADMIN, CSRF_NONE },
	{ "POST", "/admin/people/{id}", PERM_ADMIN, CSRF_SESSION },
	{ "POST", "/admin/people/{id}/deactivate", PERM_ADMIN, CSRF_SESSION },
	{ "POST", "/admin/people/{id}/reactivate", PERM_ADMIN, CSRF_SESSION },
	{ "GET", "/api/v1/admin/units", PERM_ADMIN, CSRF_NONE },
	{ "POST", "/api/v1/admin/units", PERM_ADMIN, CSRF_NONE },
	{ "GET", "/api/v1/admin/units/{id}", PERM_ADMIN, CSRF_NONE },
	{ "POST", "/api/v1/admin/units/{id}", PERM_ADMIN, CSRF_NONE },
	{ "GET", "/api/v1/admin/people", PERM_ADMIN, CSRF_NONE },
	{ "POST", "/api/v1/admin/people", PERM_ADMIN, CSRF_NONE },
	{ "GET", "/api/v1/admin/people/{id}", PERM_ADMIN, CSRF_NONE },
	{ "POST", "/api/v1/admin/people/{id}", PERM_ADMIN, CSRF_NONE },
	{ "POST", "/api/v1/admin/people/{id}/deactivate", PERM_ADMIN,
	    CSRF_NONE },
	{ "POST", "/api/v1/admin/people/{id}/reactivate", PERM_ADMIN,
	    CSRF_NONE },
	/* the teams (0040_team.sql, 0041_team_referral.sql) */
	{ "POST", "/logs/{id}/team-referrals", PERM_STAFF, CSRF_SESSION },
	{ "POST", "/logs/{id}/family", PERM_STAFF, CSRF_SESSION },
	{ "POST", "/logs/{id}/family/leave", PERM_STAFF, CSRF_SESSION },
	{ "POST", "/api/v1/logs/{id}/family", PERM_STAFF, CSRF_NONE },
	{ "POST", "/api/v1/logs/{id}/family/leave", PERM_STAFF, CSRF_NONE },
	{ "GET", "/referrals/{id}", PERM_STAFF, CSRF_NONE },
	{ "POST", "/referrals/{id}/decide", PERM_STAFF, CSRF_SESSION },
	{ "POST", "/referrals/{id}/discussions", PERM_STAFF, CSRF_SESSION },
	{ "POST", "/referrals/{id}/end", PERM_STAFF, CSRF_SESSION },
	{ "POST", "/api/v1/logs/{id}/team-referrals", PERM_STAFF, CSRF_NONE },
	{ "GET", "/api/v1/referrals/{id}", PERM_STAFF, CSRF_NONE },
	{ "POST", "/api/v1/referrals/{id}/decide", PERM_STAFF, CSRF_NONE },
	{ "POST", "/api/v1/referrals/{id}/discussions", PERM_STAFF,
	    CSRF_NONE },
	{ "POST", "/api/v1/referrals/{id}/end", PERM_STAFF, CSRF_NONE },
	{ "POST", "/concerns/{id}/agenda", PERM_STAFF, CSRF_SESSION },
	{ "POST", "/agenda/{id}/advice", PERM_STAFF, CSRF_SESSION },
	{ "POST", "/agenda/{id}/withdraw", PERM_STAFF, CSRF_SESSION },
	{ "GET", "/teams", PERM_STAFF, CSRF_NONE },
	{ "GET", "/teams/{id}", PERM_STAFF, CSRF_NONE },
	{ "POST", "/teams/{id}/meetings", PERM_STAFF, CSRF_SESSION },
	{ "GET", "/api/v1/concerns/{id}/anonymous", PERM_STAFF, CSRF_NONE },
	{ "POST", "/api/v1/concerns/{id}/agenda", PERM_STAFF, CSRF_NONE },
	{ "POST", "/api/v1/agenda/{id}/advice", PERM_STAFF, CSRF_NONE },
	{ "POST", "/api/v1/agenda/{id}/withdraw", PERM_STAFF, CSRF_NONE },
	{ "GET", "/api/v1/teams", PERM_STAFF, CSRF_NONE },
	{ "GET", "/api/v1/teams/{id}", PERM_STAFF, CSRF_NONE },
	{ "POST", "/api/v1/teams/{id}/meetings", PERM_STAFF, CSRF_NONE },
	{ "GET", "/admin/teams", PERM_ADMIN, CSRF_NONE },
	{ "POST", "/admin/teams", PERM_ADMIN, CSRF_SESSION },
	{ "GET", "/admin/teams/{id}", PERM_ADMIN, CSRF_NONE },
	{ "POST", "/admin/teams/{id}", PERM_ADMIN, CSRF_SESSION },
	{ "POST", "/admin/teams/{id}/members", PERM_ADMIN, CSRF_SESSION },
	{ "POST", "/admin/teams/{id}/members/remove", PERM_ADMIN,
	    CSRF_SESSION },
	{ "GET", "/api/v1/admin/teams", PERM_ADMIN, CSRF_NONE },
	{ "POST", "/api/v1/admin/teams", PERM_ADMIN, CSRF_NONE },
	{ "GET", "/api/v1/admin/teams/{id}", PERM_ADMIN, CSRF_NONE },
	{ "POST", "/api/v1/admin/teams/{id}", PERM_ADMIN, CSRF_NONE },
	{ "POST", "/api/v1/admin/teams/{id}/members", PERM_ADMIN, CSRF_NONE },
	{ "POST", "/api/v1/admin/teams/{id}/members/remove", PERM_ADMIN,
	    CSRF_NONE },
};
#define NEXPECTED (sizeof(expected) / sizeof(expected[0]))

/* The sensitive actions (route_reauth): exactly these browser routes,
 * and their API twins (where tokens are not asked). */
START_TEST(reauth_routes)
{
	static const char *const sensitive[] = {
		"/consents/{id}/withdraw", "/minutes/{id}/finalise",
		"/admin/partners", "/admin/partners/{id}",
		"/admin/partners/{id}/pause", "/admin/partners/{id}/resume",
	};
	const struct route *rt;
	size_t n, i, j, hits = 0;

	rt = route_table(&n);
	for (i = 0; i < n; i++) {
		int want = 0;

		for (j = 0; j < sizeof(sensitive) / sizeof(sensitive[0]); j++)
			if (strcmp(rt[i].method, "POST") == 0 &&
			    (strcmp(rt[i].pattern, sensitive[j]) == 0 ||
			    (strncmp(rt[i].pattern, "/api/v1", 7) == 0 &&
			    route_reauth(&rt[i]))))
				want = 1;
		ck_assert_msg(route_reauth(&rt[i]) == want, "%s %s",
		    rt[i].method, rt[i].pattern);
		if (want && strncmp(rt[i].pattern, "/api/", 5) != 0)
			hits++;
	}
	ck_assert_uint_eq(hits, sizeof(sensitive) / sizeof(sensitive[0]));
}
END_TEST

START_TEST(route_table_matches_expectations)
{
	const struct route *rt;
	size_t n, i, j;

	rt = route_table(&n);
	ck_assert_uint_eq(n, NEXPECTED);
	for (i = 0; i < n; i++) {
		int found = 0;

		for (j = 0; j < NEXPECTED; j++) {
			if (strcmp(rt[i].method, expected[j].method) != 0 ||
			    strcmp(rt[i].pattern, expected[j].pattern) != 0)
				continue;
			found++;
			ck_assert_msg(rt[i].perm == expected[j].perm,
			    "%s %s: permission", rt[i].method, rt[i].pattern);
			ck_assert_msg(rt[i].csrf == expected[j].csrf,
			    "%s %s: csrf", rt[i].method, rt[i].pattern);
		}
		ck_assert_msg(found == 1, "%s %s has no row in the tests",
		    rt[i].method, rt[i].pattern);
		ck_assert_ptr_nonnull(rt[i].fn);
	}
}
END_TEST

/* Structural rules every row must follow, whatever its purpose. */
START_TEST(route_table_rules)
{
	const struct route *rt;
	size_t n, i;

	rt = route_table(&n);
	for (i = 0; i < n; i++) {
		int api = strncmp(rt[i].pattern, "/api/", 5) == 0;
		int post = strcmp(rt[i].method, "POST") == 0;

		/* a provider's server posting a signed logout token as a
		 * form (OpenID Connect Back-Channel Logout): no browser, no
		 * cookie, nothing for a forged form to ride on */
		if (strcmp(rt[i].pattern, "/logout/{provider}/backchannel") ==
		    0) {
			ck_assert(post && rt[i].csrf == CSRF_NONE &&
			    rt[i].body == BODY_FORM &&
			    rt[i].perm == PERM_PUBLIC);
			continue;
		}

		/* state changes from browsers need CSRF; the API uses no
		 * cookies, so it needs none */
		if (post && !api)
			ck_assert_msg(rt[i].csrf != CSRF_NONE, "%s",
			    rt[i].pattern);
		if (api || !post)
			ck_assert_msg(rt[i].csrf == CSRF_NONE, "%s",
			    rt[i].pattern);
		/* a body only where a method carries one */
		if (!post)
			ck_assert_int_eq(rt[i].body, BODY_NONE);
		/* the API talks XML, browsers forms (or a file upload); a
		 * partner's body is signed, and a signed body is a
		 * partner's: the signature is what authenticates it */
		if (post && api)
			ck_assert_int_eq(rt[i].body, rt[i].perm ==
			    PERM_PARTNER ? BODY_SIGNED : BODY_XML);
		ck_assert_msg((rt[i].perm == PERM_PARTNER) ==
		    (rt[i].body == BODY_SIGNED), "%s", rt[i].pattern);
		if (rt[i].perm == PERM_PARTNER)
			ck_assert_msg(api && post, "%s", rt[i].pattern);
		if (post && !api)
			ck_assert_msg(rt[i].body == BODY_FORM ||
			    rt[i].body == BODY_MULTIPART, "%s", rt[i].pattern);
	}
}
END_TEST

/* The API reference (stafett doc api) is printed from the table: a
 * route nobody described would be missing from it. The same for the
 * commands of the man page. */
START_TEST(every_route_and_command_is_described)
{
	const struct route *rt;
	const char *args, *what;
	size_t n, i;

	rt = route_table(&n);
	for (i = 0; i < n; i++)
		ck_assert_msg(route_doc(&rt[i]) != NULL &&
		    strlen(route_doc(&rt[i])) > 10, "%s %s has no description",
		    rt[i].method, rt[i].pattern);
	ck_assert_uint_gt(cli_ncommands(), 5);
	for (i = 0; i < cli_ncommands(); i++) {
		ck_assert_msg(cli_usage(i, 0, &args, &what), "command %zu "
		    "has no usage", i);
		ck_assert_uint_gt(strlen(what), 5);
	}
}
END_TEST

/* Every route is counted under its own name in /metrics: past
 * METRICS_MAX_ROUTES they would all be lumped in with "unmatched". */
START_TEST(metrics_have_room_for_every_route)
{
	size_t n;

	(void)route_table(&n);
	ck_assert_uint_le(n, METRICS_MAX_ROUTES);
}
END_TEST

static const struct route *
m(const char *method, const char *path, char *arg, int *status)
{
	int index;

	return route_match(method, path, arg, 64, status, &index);
}

START_TEST(matching)
{
	const struct route *r;
	char arg[64];
	int status;

	r = m("GET", "/", arg, &status);
	ck_assert_ptr_nonnull(r);
	ck_assert_str_eq(r->pattern, "/");
	r = m("GET", "/concerns/" ID, arg, &status);
	ck_assert_ptr_nonnull(r);
	ck_assert_str_eq(r->pattern, "/concerns/{id}");
	ck_assert_str_eq(arg, ID);
	r = m("POST", "/api/v1/forms/concern", arg, &status);
	ck_assert_ptr_nonnull(r);
	ck_assert_str_eq(r->pattern, "/api/v1/forms/{form}");
	ck_assert_str_eq(arg, "concern");
	/* HEAD is served by the GET route */
	r = m("HEAD", "/login", arg, &status);
	ck_assert_ptr_nonnull(r);
	ck_assert_str_eq(r->method, "GET");
}
END_TEST

START_TEST(not_found_and_wrong_method)
{
	char arg[64];
	int status;

	ck_assert_ptr_null(m("GET", "/nope", arg, &status));
	ck_assert_int_eq(status, 404);
	ck_assert_ptr_null(m("DELETE", "/login", arg, &status));
	ck_assert_int_eq(status, 405);
	ck_assert_ptr_null(m("PUT", "/concerns/" ID, arg, &status));
	ck_assert_int_eq(status, 405);
	/* trailing slash and extra segments do not match */
	ck_assert_ptr_null(m("GET", "/login/", arg, &status));
	ck_assert_ptr_null(m("GET", "/concerns/" ID "/x", arg, &status));
}
END_TEST

START_TEST(ids_are_checked_before_handlers)
{
	char arg[64];
	int status;

	/* an {id} is exactly 22 base64url characters */
	ck_assert_ptr_null(m("GET", "/concerns/short", arg, &status));
	ck_assert_ptr_null(m("GET", "/concerns/" ID "A", arg, &status));
	ck_assert_ptr_null(m("GET", "/concerns/AbCdEfGhIjKlMnOpQrSt.-",
	    arg, &status));
	ck_assert_ptr_null(m("GET", "/concerns/' OR 1=1 --xxxxxxxx", arg,
	    &status));
	/* a {form} is lower case, digits, '_' and '-' */
	ck_assert_ptr_null(m("GET", "/forms/Concern", arg, &status));
	ck_assert_ptr_null(m("GET", "/forms/..", arg, &status));
	ck_assert_ptr_null(m("GET", "/forms/", arg, &status));
	ck_assert_ptr_nonnull(m("GET", "/forms/two_year-1", arg, &status));
}
END_TEST

/* Where a login may send the user on: this site's paths only, decided
 * by parsing (issue 15: "/%09/evil.example" went to another site). */
START_TEST(next_after_login_stays_on_the_site)
{
	static const char *const good[] = { "/", "/logs/abc-DEF_1",
		"/forms/concern?draft=x&log=y", "/logs/a%20b", "/a:b@c" };
	static const char *const bad[] = { "//evil.example",
		"/\t/evil.example", "/\t//evil.example", "/\\evil.example",
		"\\/evil.example", "https://evil.example/",
		"javascript:alert(1)", "/ /evil", "/\n/evil", "/\r\n//evil",
		"/a#frag", "/%zz", "/%2", "evil.example", "", "/\x7f",
		"/\xc3\xa6" };
	size_t i;

	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		ck_assert_str_eq(login_next_safe(good[i]), good[i]);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ck_assert_msg(strcmp(login_next_safe(bad[i]), "/") == 0,
		    "accepted: %s", bad[i]);
	ck_assert_str_eq(login_next_safe(NULL), "/");
}
END_TEST

START_TEST(permissions)
{
	struct principal none = { 0 }, emp = { 0 }, lead = { 0 }, adm = { 0 };
	struct principal nounit = { 0 };

	emp.user_id = 1;
	emp.role = ROLE_EMPLOYEE;
	emp.unit_id = 5;
	lead = emp;
	lead.role = ROLE_LEADER;
	adm.user_id = 2;
	adm.role = ROLE_ADMIN;
	nounit = emp;
	nounit.unit_id = 0;

	ck_assert(route_permits(PERM_PUBLIC, &none));
	ck_assert(!route_permits(PERM_USER, &none));
	ck_assert(!route_permits(PERM_STAFF, &none));
	ck_assert(!route_permits(PERM_ADMIN, &none));

	ck_assert(route_permits(PERM_USER, &emp));
	ck_assert(route_permits(PERM_STAFF, &emp));
	ck_assert(!route_permits(PERM_ADMIN, &emp));

	ck_assert(route_permits(PERM_STAFF, &lead));
	ck_assert(!route_permits(PERM_ADMIN, &lead));

	ck_assert(route_permits(PERM_USER, &adm));
	ck_assert(!route_permits(PERM_STAFF, &adm));
	ck_assert(route_permits(PERM_ADMIN, &adm));

	/* staff without a unit cannot act for a unit */
	ck_assert(!route_permits(PERM_STAFF, &nounit));

	/* no user, not even an administrator, speaks for a partner */
	ck_assert(!route_permits(PERM_PARTNER, &none));
	ck_assert(!route_permits(PERM_PARTNER, &emp));
	ck_assert(!route_permits(PERM_PARTNER, &lead));
	ck_assert(!route_permits(PERM_PARTNER, &adm));
}
END_TEST

static Suite *
route_suite(void)
{
	Suite *s = suite_create("route");
	TCase *tc = tcase_create("table");

	tcase_add_test(tc, route_table_matches_expectations);
	tcase_add_test(tc, reauth_routes);
	tcase_add_test(tc, route_table_rules);
	tcase_add_test(tc, metrics_have_room_for_every_route);
	tcase_add_test(tc, every_route_and_command_is_described);
	tcase_add_test(tc, next_after_login_stays_on_the_site);
	tcase_add_test(tc, matching);
	tcase_add_test(tc, not_found_and_wrong_method);
	tcase_add_test(tc, ids_are_checked_before_handlers);
	tcase_add_test(tc, permissions);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(route_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
