/* check_partner.c: unit tests of the partner rules (partner.c) and of
 * the rule for a failing partner (alerts.c). */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "alerts.h"
#include "partner.h"

#define ID	"AbCdEfGhIjKlMnOpQrSt_-"

static struct partner_in
good(void)
{
	struct partner_in in;

	memset(&in, 0, sizeof(in));
	in.name = "BUP Vestfold";
	in.kind = "bup";
	in.endpoint = "https://bup.example/inn";
	in.auth = "mtls";
	in.types[0] = "referral";
	in.ntypes = 1;
	return in;
}

static enum partner_field
check(const struct partner_in *in, char *accepts)
{
	const char *why = "unset";
	enum partner_field f = partner_check(in, accepts, &why);

	/* A refusal always says why; an acceptance says nothing. */
	if (f == PF_OK)
		ck_assert_ptr_null(why);
	else
		ck_assert(why != NULL && *why != '\0');
	return f;
}

START_TEST(test_good_partner)
{
	struct partner_in in = good();
	char accepts[PARTNER_ACCEPTS_SIZE];

	ck_assert_int_eq(check(&in, accepts), PF_OK);
	ck_assert_str_eq(accepts, "referral");
	/* the types as the schema's SET: its order, each once */
	in.types[0] = "cancellation";
	in.types[1] = "referral";
	in.types[2] = "cancellation";
	in.types[3] = "cw_report";
	in.ntypes = 4;
	ck_assert_int_eq(check(&in, accepts), PF_OK);
	ck_assert_str_eq(accepts, "referral,cw_report,cancellation");
	in.auth = "bearer";
	in.kind = "child_welfare";
	ck_assert_int_eq(check(&in, accepts), PF_OK);
}
END_TEST

START_TEST(test_each_field_refused)
{
	static const struct {
		enum partner_field	 field;
		const char		*value;
	} bad[] = {
		{ PF_NAME, "" },
		{ PF_NAME, NULL },
		{ PF_NAME, "BUP\nVestfold" },
		{ PF_NAME, "BUP\x7f" },
		{ PF_KIND, "bank" },
		{ PF_KIND, "" },
		{ PF_KIND, NULL },
		{ PF_ENDPOINT, "http://bup.example/inn" },
		{ PF_ENDPOINT, "https://" },
		{ PF_ENDPOINT, "https://u:p@bup.example/" },
		{ PF_ENDPOINT, "https://bup.example/a b" },
		{ PF_ENDPOINT, "https://bup.example\\x" },
		{ PF_ENDPOINT, "HTTPS://bup.example/" },
		{ PF_ENDPOINT, "ftp://bup.example/" },
		{ PF_ENDPOINT, NULL },
		{ PF_AUTH, "basic" },
		{ PF_AUTH, NULL },
		{ PF_ACCEPTS, "letter" },
		{ PF_ACCEPTS, NULL },
	};
	char accepts[PARTNER_ACCEPTS_SIZE], longname[202], longurl[502];
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct partner_in in = good();

		switch (bad[i].field) {
		case PF_NAME:		in.name = bad[i].value; break;
		case PF_KIND:		in.kind = bad[i].value; break;
		case PF_ENDPOINT:	in.endpoint = bad[i].value; break;
		case PF_AUTH:		in.auth = bad[i].value; break;
		case PF_ACCEPTS:	in.types[0] = bad[i].value; break;
		case PF_OK:		break;
		}
		ck_assert_msg(check(&in, accepts) == bad[i].field,
		    "case %zu", i);
	}
	/* 200 characters of name and 500 of address, and no more */
	{
		struct partner_in in = good();

		memset(longname, 'n', 200);
		longname[200] = '\0';
		in.name = longname;
		ck_assert_int_eq(check(&in, accepts), PF_OK);
		longname[200] = 'n';
		longname[201] = '\0';
		ck_assert_int_eq(check(&in, accepts), PF_NAME);
		in = good();
		memcpy(longurl, "https://", 8);
		memset(longurl + 8, 'u', 492);
		longurl[500] = '\0';
		in.endpoint = longurl;
		ck_assert_int_eq(check(&in, accepts), PF_OK);
		longurl[500] = 'u';
		longurl[501] = '\0';
		ck_assert_int_eq(check(&in, accepts), PF_ENDPOINT);
		/* no type at all */
		in = good();
		in.ntypes = 0;
		ck_assert_int_eq(check(&in, accepts), PF_ACCEPTS);
	}
}
END_TEST

START_TEST(test_field_names)
{
	ck_assert_str_eq(partner_field_name(PF_NAME), "name");
	ck_assert_str_eq(partner_field_name(PF_KIND), "kind");
	ck_assert_str_eq(partner_field_name(PF_ENDPOINT), "endpoint");
	ck_assert_str_eq(partner_field_name(PF_AUTH), "auth");
	ck_assert_str_eq(partner_field_name(PF_ACCEPTS), "accepts");
	ck_assert_str_eq(partner_field_name(PF_OK), "");
}
END_TEST

static void
put(const char *path, const char *text, mode_t mode)
{
	FILE *fp = fopen(path, "w");

	ck_assert_ptr_nonnull(fp);
	fputs(text, fp);
	fclose(fp);
	ck_assert_int_eq(chmod(path, mode), 0);
}

START_TEST(test_secrets_found)
{
	char dir[] = "/tmp/check_partner.XXXXXX", pdir[128], path[256];
	char found[64];

	ck_assert_ptr_nonnull(mkdtemp(dir));
	/* no directory for the partner yet: nothing is in place */
	partner_secrets_found(dir, dir, ID, found, sizeof(found));
	ck_assert_str_eq(found, "");
	snprintf(pdir, sizeof(pdir), "%s/%s", dir, ID);
	ck_assert_int_eq(mkdir(pdir, 0700), 0);
	snprintf(path, sizeof(path), "%s/hmac", pdir);
	put(path, "k", 0600);
	snprintf(path, sizeof(path), "%s/key", pdir);
	put(path, "-----BEGIN KEY-----", 0600);
	/* an empty file, a directory and a link are not secrets */
	snprintf(path, sizeof(path), "%s/bearer", pdir);
	put(path, "", 0600);
	snprintf(path, sizeof(path), "%s/cert", pdir);
	ck_assert_int_eq(symlink("/etc/hostname", path), 0);
	partner_secrets_found(dir, dir, ID, found, sizeof(found));
	ck_assert_str_eq(found, "hmac,key");
	/* the key of the partner's receipts is looked for in its own
	 * directory (the inbound one), not among notify's */
	snprintf(path, sizeof(path), "%s/inbound_hmac", pdir);
	put(path, "k", 0640);
	partner_secrets_found(dir, "/nonexistent", ID, found, sizeof(found));
	ck_assert_str_eq(found, "hmac,key");
	partner_secrets_found(dir, dir, ID, found, sizeof(found));
	ck_assert_str_eq(found, "hmac,key,inbound_hmac");
	unlink(path);
	/* a malformed id looks nowhere */
	partner_secrets_found(dir, dir, "../../etc", found, sizeof(found));
	ck_assert_str_eq(found, "");
	/* a buffer too small for all: the ones that fit */
	partner_secrets_found(dir, dir, ID, found, 6);
	ck_assert_str_eq(found, "hmac");
	snprintf(path, sizeof(path), "%s/cert", pdir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/bearer", pdir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/hmac", pdir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/key", pdir);
	unlink(path);
	rmdir(pdir);
	rmdir(dir);
}
END_TEST

START_TEST(test_failing_partner)
{
	static const char *const failed3[] = { "retry", "dead", "retry" };
	static const char *const mixed[] = { "retry", "delivered", "dead" };
	static const char *const back[] = { "acknowledged", "dead", "dead" };
	static const char *const back2[] = { "delivered", "retry" };

	/* too few attempts to say */
	ck_assert_int_eq(alerts_partner_trend(failed3, 2, 3), AT_KEEP);
	ck_assert_int_eq(alerts_partner_trend(NULL, 0, 3), AT_KEEP);
	/* the last three all failed */
	ck_assert_int_eq(alerts_partner_trend(failed3, 3, 3), AT_FAILING);
	ck_assert_int_eq(alerts_partner_trend(failed3, 3, 1), AT_FAILING);
	/* one delivery among them, not the newest: neither */
	ck_assert_int_eq(alerts_partner_trend(mixed, 3, 3), AT_KEEP);
	/* the newest delivered: recovered */
	ck_assert_int_eq(alerts_partner_trend(back, 3, 3), AT_RECOVERED);
	ck_assert_int_eq(alerts_partner_trend(back2, 2, 3), AT_RECOVERED);
	/* the rule turned off: an old alert clears */
	ck_assert_int_eq(alerts_partner_trend(failed3, 3, 0), AT_RECOVERED);
}
END_TEST

static Suite *
partner_suite(void)
{
	Suite *s = suite_create("partner");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_good_partner);
	tcase_add_test(tc, test_each_field_refused);
	tcase_add_test(tc, test_field_names);
	tcase_add_test(tc, test_secrets_found);
	tcase_add_test(tc, test_failing_partner);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(partner_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
