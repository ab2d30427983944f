"""A report of concern (or any notice to a partner) that nobody can
receive must never look sent. With no active child welfare partner that
takes reports, the report waits in the queue with no partner: the page
the sender lands on says at once that it is not sent and to phone child
welfare, the concern page, the log page and the start pages show the
notice's true state, and the alert for the sender and the administrators
is raised in the same request (the stack's notify is stopped meanwhile,
so nothing else could raise it). Pausing the only partner later does the
same at once, and resuming it clears it."""
import re
import unittest

from caselog_fixtures import (child_of, consent_xml, day, decide, instance,
                              login, new_concern, open_log)
from stafett_test import (FIRST, api, count, notify_paused, sql, sql_value,
                          stafett, token, Client)
from test_forms import Page, browser_fields

NOT_SENT = "Ikke sendt: ingen kan ta imot"
PHONE = "Ingen mottaker er registrert for barneverntjenesten. Ring dem."
PAUSED = "Sendingen til barneverntjenesten er satt på pause. Ring dem."




def open_alerts(oid):
    return int(sql_value("SELECT COUNT(*) FROM delivery_alert WHERE"
                         " outbox_id = %s AND kind = 'no_receiver' AND"
                         " cleared_at IS NULL" % oid))


def told(oid):
    """Who was queued a notice about the notice's no_receiver alert."""
    return sorted(int(r[0]) for r in sql(
        "SELECT o.user_id FROM outbox o JOIN delivery_alert a ON a.id ="
        " o.alert_id WHERE a.outbox_id = %s AND o.kind ="
        " 'notice.no_receiver'" % oid))


def uid(name):
    return int(sql_value("SELECT id FROM app_user WHERE username = '%s'"
                         % name))


class NoReceiver(unittest.TestCase):

    def setUp(self):
        # No child welfare partner takes reports: what other files
        # registered is put back afterwards.
        self.saved = sql("SELECT id, accepts, status FROM partner")
        sql("UPDATE partner SET accepts = '' WHERE kind = 'child_welfare'")
        self.stopped = notify_paused()
        self.stopped.__enter__()
        self.client = login("ansatt")
        self.admin = Client()
        self.admin.login("admin")

    def tearDown(self):
        self.stopped.__exit__(None, None, None)
        for pid, accepts, status in self.saved:
            sql("UPDATE partner SET accepts = '%s', status = '%s' WHERE"
                " id = %s" % (accepts, status, pid))
        # a partner a test added takes nothing from later files
        sql("UPDATE partner SET accepts = '', status = 'paused' WHERE"
            " name LIKE 'Ingen mottaker %'")

    def report_in_browser(self, query, name, birth="2016-09-02"):
        """A report of concern sent from its page: where it lands."""
        page = self.client.get("/forms/cw-report?" + query)
        self.assertEqual(page.status, 200)
        csrf = re.search(r'name="csrf" value="([^"]*)"', page.text).group(1)
        body = instance("cw-report", dict(child_of(name, birth),
                                          date=day(0)))
        r = self.client.post("/forms/cw-report?" + query,
                             browser_fields(Page(page.text), body, csrf) +
                             [("_action", "submit")])
        self.assertEqual(r.status, 303, r.text[:3000])
        return r.header("Location")

    def last_report(self):
        return sql_value("SELECT MAX(id) FROM outbox WHERE kind ="
                         " 'cw_report'")

    def test_report_on_a_concern_is_shown_not_sent_everywhere(self):
        concern = new_concern(self.client, "Ingen Mottaker")
        loc = self.report_in_browser("concern=" + concern, "Ingen Mottaker")
        self.assertIn("/concerns/%s" % concern, loc)
        oid = self.last_report()
        self.assertEqual(sql_value("SELECT CONCAT(status, ':',"
                                   " IFNULL(partner_id, '-')) FROM outbox"
                                   " WHERE id = %s" % oid), "queued:-")
        # the page the sender lands on: at once, in words
        page = self.client.get(loc)
        self.assertEqual(page.status, 200)
        self.assertIn(NOT_SENT, page.text)
        self.assertIn(PHONE, page.text)
        notices = page.text[page.text.index('id="notices"'):]
        self.assertIn("Ikke sendt</strong>", notices)
        self.assertIn("men ikke sendt", page.text)        # the timeline
        self.assertNotIn("Bekymringsmelding sendt", page.text)
        # raised in the request (notify is stopped): the sender and
        # every administrator are told
        self.assertEqual(open_alerts(oid), 1)
        self.assertIn(uid("ansatt"), told(oid))
        self.assertIn(uid("admin"), told(oid))
        # the start pages, the sender's with the case, the
        # administrator's without
        home = self.client.get("/").text
        self.assertIn("alert-no_receiver", home)
        self.assertIn("ikke sendt: ingen mottaker er registrert for"
                      " barneverntjenesten", home)
        self.assertIn("/concerns/%s#notices" % concern, home)
        home = self.admin.get("/").text
        self.assertIn("alert-no_receiver", home)
        pid = sql_value("SELECT public_id FROM outbox WHERE id = %s" % oid)
        self.assertIn(pid, home)
        self.assertNotIn("Ingen Mottaker", home)
        # the API's receipt says so too
        r = api("POST", "/api/v1/forms/cw-report?concern=%s" % concern,
                token("ansatt"), instance("cw-report", dict(
                    child_of("Ingen Mottaker"), date=day(0))))
        self.assertEqual(r.status, 201, r.text)
        d = r.xml().find("delivery")
        self.assertIsNotNone(d, r.text)
        self.assertEqual(d.get("status"), "no_receiver")
        self.assertEqual(d.get("service"), "child_welfare")
        # the concern joins a log: the log page shows the report made
        # before it, as it stands
        r = decide(self.client, concern, "2", "Samarbeid trengs.")
        self.assertEqual(r.status, 303, r.text[:500])
        log = re.search(r"/logs/([A-Za-z0-9_-]{22})",
                        r.header("Location")).group(1)
        page = self.client.get("/logs/%s" % log).text
        self.assertIn(NOT_SENT, page)
        self.assertIn('id="notice-%s"' % pid, page)

    def test_report_on_a_log_lands_on_the_log_page_not_sent(self):
        log, _ = open_log(self.client, "Ingen Loggmottaker")
        loc = self.report_in_browser("log=" + log, "Ingen Loggmottaker")
        self.assertIn("/logs/%s" % log, loc)
        page = self.client.get(loc).text
        self.assertIn(NOT_SENT, page)
        self.assertIn(PHONE, page)
        self.assertEqual(open_alerts(self.last_report()), 1)
        # the API's view of the log names the state too
        r = api("GET", "/api/v1/logs/%s" % log, token("ansatt"))
        self.assertRegex(r.text, r'<notice [^>]*kind="cw_report"[^>]*'
                         r'receiver="none"')

    def test_a_partner_paused_later_alerts_at_once(self):
        pid = stafett("partner", "add", *FIRST, "Ingen mottaker barnevern",
                      "child_welfare", "https://cw.invalid/in", "bearer",
                      "cw_report").stdout.strip()
        log, _ = open_log(self.client, "Pause Mottaker")
        r = api("POST", "/api/v1/forms/cw-report?log=%s" % log,
                token("ansatt"), instance("cw-report", dict(
                    child_of("Pause Mottaker"), date=day(0))))
        self.assertEqual(r.status, 201, r.text)
        self.assertEqual(r.xml().find("delivery").get("status"), "queued")
        oid = self.last_report()
        self.assertEqual(open_alerts(oid), 0)
        page = self.client.get("/logs/%s" % log).text
        self.assertNotIn(NOT_SENT, page)
        self.assertIn("Ikke sendt ennå; den sendes om kort tid.", page)
        # paused by an administrator: alerted in that request
        csrf = self.admin.csrf("/admin/partners/%s" % pid)
        r = self.admin.post("/admin/partners/%s/pause" % pid,
                            [("csrf", csrf)])
        self.assertEqual(r.status, 303, r.text[:500])
        self.assertEqual(open_alerts(oid), 1)
        page = self.client.get("/logs/%s" % log).text
        self.assertIn(NOT_SENT, page)
        self.assertIn(PAUSED, page)
        # resumed: a receiver again, the alert cleared at once
        r = self.admin.post("/admin/partners/%s/resume" % pid,
                            [("csrf", csrf)])
        self.assertEqual(r.status, 303, r.text[:500])
        self.assertEqual(open_alerts(oid), 0)
        self.assertNotIn(NOT_SENT, self.client.get("/logs/%s" % log).text)
        # paused from the command line: the same
        stafett("partner", "pause", pid)
        self.assertEqual(open_alerts(oid), 1)
        self.assertEqual(count("delivery_alert", "outbox_id = %s AND kind ="
                               " 'no_receiver'" % oid), 2)
        stafett("partner", "resume", pid)
        self.assertEqual(open_alerts(oid), 0)

    def test_a_referral_nobody_takes_says_so_in_english_too(self):
        log, _ = open_log(self.client, "Ingen Henvisning")
        consent = api(
            "POST", "/api/v1/forms/consent?log=%s" % log, token("ansatt"),
            consent_xml("Ingen Henvisning", "2016-09-02", "ppt"))
        self.assertEqual(consent.status, 201, consent.text)
        # no PPT partner takes referrals (the set's first member, bit 1)
        sql("UPDATE partner SET accepts = accepts & ~1 WHERE kind = 'ppt'")
        r = api("POST", "/api/v1/forms/referral?log=%s" % log,
                token("ansatt"), instance("referral", dict(
                    child_of("Ingen Henvisning"), recipient="ppt")),
                headers={"Accept-Language": "en"})
        self.assertEqual(r.status, 201, r.text)
        self.assertEqual(r.xml().find("delivery").get("status"),
                         "no_receiver")
        self.assertIn("Not sent", r.xml().findtext("delivery"))
        page = self.client.get("/logs/%s?lang=en" % log).text
        self.client.get("/logs/%s?lang=nb" % log)
        self.assertIn("Not sent: no one can receive it", page)
        self.assertIn("No receiver is registered for Educational and"
                      " psychological counselling service (PPT). Contact"
                      " them another way.", page)


if __name__ == "__main__":
    unittest.main()
