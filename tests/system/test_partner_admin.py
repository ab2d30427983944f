"""test_partner_admin.py: the administrator's partner pages and what
happens to notices that do not arrive (issue 5): the registry managed
in the browser (with CSRF) and the API, refused to everyone else; a dead
notice sent again (and delivered) or cancelled (the sender sees it);
alerts to the sender and the administrators when a notice is not
acknowledged in time or dies, and while a partner keeps failing; the
delivery figures in /metrics.

notify is run with --once and, for the alerts, a tiny
delivery_ack_timeout_s and partner_failing_after through the
environment. The stack's own notify delivers too (with the defaults:
two days, five attempts), so tests wait for states in the database,
whichever process got there."""
import os
import re
import subprocess
import time
import unittest
import urllib.request

from caselog_fixtures import (child_of, day, instance, login, new_concern,
                              open_log)
from fake_partner import FakePartner, pki
from stafett_test import (BIN, DIR, URL, Client, api, env, sql, sql_value,
                          stafett, token, wait_for)

HMAC_KEY = "partner-admin-test-hmac-key-0123456789"
BEARER = "partner-admin-test-bearer"
CHILD = "Vilde Admintest"


def notify_once(**conf):
    """One pass of notify, with configuration keys overridden."""
    e = env()
    for k, v in conf.items():
        e["STAFETT_" + k.upper()] = str(v)
    subprocess.run([BIN, "notify", "--once"], env=e, check=True,
                   capture_output=True, timeout=120)


def status_of(oid):
    return sql_value("SELECT status FROM outbox WHERE id = %s" % oid)


def notice_pid(oid):
    return sql_value("SELECT public_id FROM outbox WHERE id = %s" % oid)


def admin_id():
    return sql_value("SELECT id FROM app_user WHERE username = 'admin'")


def user_id(name):
    return sql_value("SELECT id FROM app_user WHERE username = '%s'" % name)


class PartnerAdminTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.pki = pki(os.path.join(DIR, "pki"))
        # What other test files left waiting must not reach these
        # partners and be counted as this file's.
        sql("UPDATE outbox SET status = 'cancelled' WHERE status IN"
            " ('queued', 'failed') AND partner_id IS NULL AND kind IN"
            " ('referral', 'nav_notice', 'cw_report')")
        sql("UPDATE partner SET status = 'paused'")
        cls.fake = FakePartner(cls.pki)
        cls.admin = login("admin")
        cls.sender = login("ansatt")

    @classmethod
    def tearDownClass(cls):
        sql("UPDATE partner SET status = 'paused'")
        cls.fake.stop()

    # -------------------------------------------------------- helpers

    def add_partner(self, path, kind="child_welfare", types=("cw_report",),
                    secrets=True):
        """A partner added in the browser, the only active one: its id."""
        sql("UPDATE partner SET status = 'paused'")
        name = "Adm %s %s" % (path.strip("/"), time.time())
        fields = [("csrf", self.admin.csrf("/admin/partners")),
                  ("name", name), ("kind", kind),
                  ("endpoint", self.fake.url + path), ("auth", "bearer")]
        fields += [("accepts", t) for t in types]
        r = self.admin.post("/admin/partners", fields)
        self.assertEqual(r.status, 303, r.text[:2000])
        pid = re.search(r"/admin/partners/([A-Za-z0-9_-]{22})$",
                        r.header("Location")).group(1)
        if secrets:
            stafett("partner", "secret", pid, "hmac", stdin=HMAC_KEY)
            stafett("partner", "secret", pid, "bearer", stdin=BEARER)
        return pid, name

    def cw_report(self, name=CHILD):
        """A report of concern by ansatt on a new concern: the outbox
        row's id."""
        c = new_concern(self.sender, name)
        r = api("POST", "/api/v1/forms/cw-report?concern=%s" % c,
                token("ansatt"), instance("cw-report", dict(
                    child_of(name), date=day(0))))
        self.assertEqual(r.status, 201, r.text)
        return sql_value("SELECT MAX(id) FROM outbox WHERE kind ="
                         " 'cw_report'")

    def settle(self, oid, statuses, timeout=25, **conf):
        notify_once(**conf)
        ok = wait_for(lambda: status_of(oid) in statuses, timeout=timeout,
                      interval=0.2)
        self.assertTrue(ok, (oid, status_of(oid)))

    def page(self, client, path):
        r = client.get(path)
        self.assertEqual(r.status, 200, r.text[:2000])
        return r.text

    def post(self, path, fields=(), client=None, page="/admin/partners"):
        c = client or self.admin
        return c.post(path, [("csrf", c.csrf(page))] + list(fields))

    # ------------------------------------------------------- who may

    def test_only_administrators(self):
        pid, _ = self.add_partner("/who")
        nid = self.cw_report()
        self.settle(nid, ("acknowledged",))
        notice = notice_pid(nid)
        for user in ("ansatt", "leder", "helsesykepleier", "forelder"):
            c = login(user)
            csrf = c.csrf("/")
            self.assertEqual(c.get("/admin/partners").status, 403, user)
            self.assertEqual(c.get("/admin/partners/" + pid).status, 403)
            for path in ("/admin/partners", "/admin/partners/" + pid,
                         "/admin/partners/%s/pause" % pid,
                         "/admin/notices/%s/retry" % notice,
                         "/admin/notices/%s/cancel" % notice):
                r = c.post(path, [("csrf", csrf), ("name", "X"),
                                  ("confirm", "yes")])
                self.assertEqual(r.status, 403, (user, path))
            tok = token(user)
            self.assertEqual(api("GET", "/api/v1/partners", tok).status,
                             403)
            self.assertEqual(api("POST", "/api/v1/partners/%s/pause" % pid,
                                 tok, "<input/>").status, 403)
        anon = Client()
        r = anon.get("/admin/partners")
        self.assertEqual(r.status, 303)
        self.assertIn("/login", r.header("Location"))
        self.assertEqual(api("GET", "/api/v1/partners").status, 401)
        self.assertEqual(sql_value("SELECT status FROM partner WHERE"
                                   " public_id = '%s'" % pid), "active")

    # -------------------------------------------- the registry itself

    def test_add_edit_pause_resume_in_the_browser(self):
        before = int(sql_value("SELECT COUNT(*) FROM partner"))
        name = "BUP Testfold %s" % time.time()
        good = [("name", name), ("kind", "bup"),
                ("endpoint", "https://bup.example/inn"), ("auth", "mtls"),
                ("accepts", "referral"), ("accepts", "cancellation")]
        # no CSRF token, or a wrong one: refused, nothing added
        r = self.admin.post("/admin/partners", good)
        self.assertEqual(r.status, 403)
        r = self.admin.post("/admin/partners", [("csrf", "x" * 43)] + good)
        self.assertEqual(r.status, 403)
        # every rule of `stafett partner add`, with the field named
        for field, value in (("endpoint", "http://bup.example/inn"),
                             ("endpoint", "https://u:p@bup.example/"),
                             ("kind", "bank"), ("auth", "basic"),
                             ("accepts", "letter"), ("name", "")):
            fields = [(k, v) for k, v in good if k != field]
            fields.append((field, value))
            r = self.post("/admin/partners", fields)
            self.assertEqual(r.status, 422, (field, value))
            self.assertIn('href="#p-new-%s"' % field, r.text)
            self.assertIn('aria-invalid="true"', r.text)
        r = self.post("/admin/partners", [(k, v) for k, v in good
                                          if k != "accepts"])
        self.assertEqual(r.status, 422)
        self.assertIn('href="#p-new-accepts"', r.text)
        # what was typed comes back
        self.assertIn('value="http://bup.example/inn"', self.post(
            "/admin/partners", [(k, v) for k, v in good if k != "endpoint"]
            + [("endpoint", "http://bup.example/inn")]).text)
        self.assertEqual(int(sql_value("SELECT COUNT(*) FROM partner")),
                         before)

        r = self.post("/admin/partners", good)
        self.assertEqual(r.status, 303, r.text[:2000])
        pid = r.header("Location").rsplit("/", 1)[1]
        self.assertEqual(sql("SELECT kind, endpoint, auth, accepts, status"
                             " FROM partner WHERE public_id = '%s'" % pid),
                         [["bup", "https://bup.example/inn", "mtls",
                           "referral,cancellation", "active"]])
        # the same name twice is refused
        r = self.post("/admin/partners", good)
        self.assertEqual(r.status, 422)
        self.assertIn('href="#p-new-name"', r.text)
        # the list shows it, its missing secrets and no queue yet
        text = self.page(self.admin, "/admin/partners")
        self.assertIn('href="/admin/partners/%s"' % pid, text)
        self.assertIn(name, text)
        text = self.page(self.admin, "/admin/partners/" + pid)
        self.assertIn("stafett partner secret %s hmac" % pid, text)
        self.assertIn("stafett partner secret %s cert" % pid, text)
        self.assertNotIn("Mia Lund", text)

        # the secret is stored on the server, the page says it is there,
        # and never what it is
        key = "web-never-shows-this-key-0123456789abcdef"
        stafett("partner", "secret", pid, "hmac", stdin=key)
        self.assertEqual(sql_value("SELECT secrets FROM partner WHERE"
                                   " public_id = '%s'" % pid), "hmac")
        text = self.page(self.admin, "/admin/partners/" + pid)
        self.assertNotIn(key, text)
        self.assertRegex(text, r'(?s)stafett partner secret %s hmac.*'
                         % pid)
        listing = api("GET", "/api/v1/partners/" + pid, token("admin"))
        self.assertEqual(listing.status, 200)
        secrets = {s.get("name"): s.get("present")
                   for s in listing.xml().iter("secret")}
        self.assertEqual(secrets, {"hmac": "true", "bearer": "false",
                                   "cert": "false", "key": "false",
                                   "inbound_hmac": "false"})
        self.assertEqual(listing.xml().find("partner").get(
            "receipt-token"), "false")
        self.assertNotIn(key, listing.text)
        # a file removed by hand on the server: notify notices
        os.remove(os.path.join(DIR, "partners", pid, "hmac"))
        notify_once()
        self.assertEqual(sql_value("SELECT secrets FROM partner WHERE"
                                   " public_id = '%s'" % pid), "")

        # a change: kind, authentication and types
        page = "/admin/partners/" + pid
        r = self.post(page, [("name", name), ("kind", "ppt"),
                             ("endpoint", "https://bup.example/inn"),
                             ("auth", "bearer"), ("accepts", "referral"),
                             ("accepts", "handover")], page=page)
        self.assertEqual(r.status, 303, r.text[:2000])
        self.assertEqual(r.header("Location"), page)
        self.assertEqual(sql("SELECT kind, endpoint, auth, accepts FROM"
                             " partner WHERE public_id = '%s'" % pid),
                         [["ppt", "https://bup.example/inn", "bearer",
                           "referral,handover"]])
        # the address is as sensitive as a secret (issue 15): never
        # from the page, only on the server
        r = self.post(page, [("name", name), ("kind", "ppt"),
                             ("endpoint", "https://elsewhere.example/"),
                             ("auth", "bearer"), ("accepts", "referral")],
                      page=page)
        self.assertEqual(r.status, 422)
        self.assertIn("stafett partner endpoint", r.text)
        self.assertEqual(sql_value("SELECT endpoint FROM partner WHERE"
                                   " public_id = '%s'" % pid),
                         "https://bup.example/inn")
        stafett("partner", "endpoint", pid, "https://ppt.example/inn")
        self.assertEqual(sql_value("SELECT endpoint FROM partner WHERE"
                                   " public_id = '%s'" % pid),
                         "https://ppt.example/inn")
        self.assertNotEqual(stafett("partner", "endpoint", pid,
                                    "http://ppt.example/inn",
                                    check=False).returncode, 0)
        r = self.post(page, [("name", name), ("kind", "ppt"),
                             ("endpoint", "ftp://ppt.example/"),
                             ("auth", "bearer"), ("accepts", "referral")],
                      page=page)
        self.assertEqual(r.status, 422)
        self.assertIn('href="#p-edit-endpoint"', r.text)
        self.assertEqual(sql_value("SELECT endpoint FROM partner WHERE"
                                   " public_id = '%s'" % pid),
                         "https://ppt.example/inn")

        # pause and resume, each audited with who did it
        self.assertEqual(self.admin.post(page + "/pause", []).status, 403)
        self.assertEqual(self.post(page + "/pause", page=page).status, 303)
        self.assertEqual(sql_value("SELECT status FROM partner WHERE"
                                   " public_id = '%s'" % pid), "paused")
        self.assertEqual(self.post(page + "/resume", page=page).status,
                         303)
        self.assertEqual(sql_value("SELECT status FROM partner WHERE"
                                   " public_id = '%s'" % pid), "active")
        self.assertEqual(sql("SELECT a.action, a.user_id FROM audit a JOIN"
                             " partner p ON p.id = a.object_id WHERE"
                             " a.object_type = 'partner' AND p.public_id ="
                             " '%s' ORDER BY a.id" % pid),
                         [[a, admin_id()] for a in
                          ("create", "update", "update", "update")])
        sql("UPDATE partner SET status = 'paused' WHERE public_id = '%s'"
            % pid)

    def test_the_api(self):
        tok = token("admin")
        name = "NAV API %s" % time.time()
        body = ("<partner><name>%s</name><kind>nav</kind>"
                "<endpoint>https://nav.example/api</endpoint>"
                "<auth>bearer</auth><accepts>nav_notice</accepts>"
                "</partner>" % name)
        r = api("POST", "/api/v1/partners", tok, body)
        self.assertEqual(r.status, 201, r.text)
        pid = r.header("Location").rsplit("/", 1)[1]
        r = api("POST", "/api/v1/partners", tok, body.replace(
            "https://nav", "http://nav").replace(name, name + " 2"))
        self.assertEqual(r.status, 422)
        self.assertEqual(r.xml().find("error").get("field"), "endpoint")
        # the API cannot move a partner either
        r = api("POST", "/api/v1/partners/%s" % pid, tok,
                body.replace("nav.example/api", "elsewhere.example/"))
        self.assertEqual(r.status, 422, r.text)
        self.assertEqual(r.xml().find("error").get("field"), "endpoint")
        r = api("POST", "/api/v1/partners/%s/pause" % pid, tok)
        self.assertEqual(r.status, 200, r.text)
        root = api("GET", "/api/v1/partners", tok).xml()
        mine = [p for p in root.iter("partner") if p.get("id") == pid]
        self.assertEqual(len(mine), 1)
        self.assertEqual(mine[0].get("status"), "paused")
        self.assertEqual([a.get("type") for a in mine[0].iter("accepts")],
                         ["nav_notice"])
        self.assertEqual(mine[0].find("queue").get("dead"), "0")

    def test_a_changed_partner_gives_up_what_it_no_longer_accepts(self):
        # a report waits for its partner (it failed once, and the partner
        # is paused); the partner is changed not to take reports any
        # more: the report goes to one that does
        self.fake.script("/old", [503])
        pid, name = self.add_partner("/old")
        oid = self.cw_report()
        self.settle(oid, ("failed",))
        stafett("partner", "pause", pid)
        self.assertTrue(wait_for(lambda: status_of(oid) == "failed"))
        self.assertEqual(sql_value("SELECT p.public_id FROM outbox o JOIN"
                                   " partner p ON p.id = o.partner_id WHERE"
                                   " o.id = %s" % oid), pid)
        page = "/admin/partners/" + pid
        r = self.post(page, [("name", name), ("kind", "child_welfare"),
                             ("endpoint", self.fake.url + "/old"),
                             ("auth", "bearer"), ("accepts", "handover")],
                      page=page)
        self.assertEqual(r.status, 303, r.text[:2000])
        self.assertEqual(sql("SELECT partner_id IS NULL, status FROM outbox"
                             " WHERE id = %s" % oid), [["1", "queued"]])
        new, _ = self.add_partner("/new")
        self.settle(oid, ("acknowledged",))
        self.assertEqual(sql_value("SELECT p.public_id FROM outbox o JOIN"
                                   " partner p ON p.id = o.partner_id WHERE"
                                   " o.id = %s" % oid), new)
        self.assertEqual(len(self.fake.seen("/new")), 1)

    # ---------------------------------------------- dead: retry, cancel

    def dead_notice(self, path):
        self.fake.script(path, [400, "receipt"])
        pid, name = self.add_partner(path)
        oid = self.cw_report()
        self.settle(oid, ("dead",))
        return pid, name, oid

    def test_retry_a_dead_notice_is_delivered(self):
        pid, name, oid = self.dead_notice("/retry")
        notice = notice_pid(oid)
        text = self.page(self.admin, "/admin/partners/%s?status=dead" % pid)
        self.assertIn(notice, text)
        self.assertIn("HTTP 400", text)
        self.assertIn('action="/admin/notices/%s/retry"' % notice, text)
        # the administrator sees no child's data
        self.assertNotIn(CHILD, text)
        self.assertNotIn(CHILD.split()[0], text)

        # without the form's token: refused, nothing happens
        r = self.admin.post("/admin/notices/%s/retry" % notice, [])
        self.assertEqual(r.status, 403)
        self.assertEqual(status_of(oid), "dead")
        r = self.post("/admin/notices/%s/retry" % notice,
                      page="/admin/partners/" + pid)
        self.assertEqual(r.status, 303, r.text[:2000])
        self.assertEqual(r.header("Location"), "/admin/partners/" + pid)
        # Queued again from the start (the test stack's notify may have
        # taken it already: then it is on its first attempt of the new
        # round, never dead).
        row = sql("SELECT status, attempts, dead_at IS NULL, retried_at IS"
                  " NOT NULL FROM outbox WHERE id = %s" % oid)[0]
        self.assertIn((row[0], row[1]), [("queued", "0"), ("in_flight", "1"),
                                         ("delivered", "1"),
                                         ("acknowledged", "1")])
        self.assertEqual(row[2:], ["1", "1"])
        # audited as a change of the child's data, and told in the
        # concern's timeline
        self.assertEqual(sql("SELECT a.action, a.role, a.child_id IS NOT"
                             " NULL FROM audit a WHERE a.object_type ="
                             " 'notice' AND a.object_id = %s" % oid),
                         [["update", "admin", "1"]])
        self.assertEqual(sql_value(
            "SELECT COUNT(*) FROM case_event e JOIN outbox o ON"
            " o.concern_id = e.concern_id WHERE o.id = %s AND e.kind ="
            " 'notice' AND e.actor_role = 'admin'" % oid), "1")
        # again: it is not dead any more
        r = self.post("/admin/notices/%s/retry" % notice,
                      page="/admin/partners/" + pid)
        self.assertEqual(r.status, 409)
        # notify checks the right to send again and delivers it, with
        # the same key the partner refused the first time
        self.settle(oid, ("acknowledged",))
        seen = self.fake.seen("/retry")
        self.assertEqual(len(seen), 2)
        self.assertEqual(len({s["headers"]["Idempotency-Key"]
                              for s in seen}), 1)
        self.assertEqual(sql_value("SELECT attempts FROM outbox WHERE id ="
                                   " %s" % oid), "1")

    def test_cancel_a_dead_notice_after_confirming(self):
        self.fake.script("/cancel", [400])
        pid, name = self.add_partner("/cancel")
        log, _ = open_log(self.sender, "Kari Kanseller")
        r = api("POST", "/api/v1/forms/cw-report?log=%s" % log,
                token("ansatt"), instance("cw-report", dict(
                    child_of("Kari Kanseller"), date=day(0))))
        self.assertEqual(r.status, 201, r.text)
        oid = sql_value("SELECT MAX(id) FROM outbox WHERE kind ="
                        " 'cw_report'")
        self.settle(oid, ("dead",))
        notice = notice_pid(oid)
        page = "/admin/partners/" + pid
        # first a confirmation, which changes nothing
        r = self.post("/admin/notices/%s/cancel" % notice, page=page)
        self.assertEqual(r.status, 303)
        self.assertEqual(r.header("Location"), "%s?cancel=%s#notice-%s"
                         % (page, notice, notice))
        self.assertEqual(status_of(oid), "dead")
        text = self.page(self.admin, "%s?cancel=%s" % (page, notice))
        self.assertIn('id="confirm"', text)
        self.assertIn('name="confirm" value="yes"', text)
        r = self.post("/admin/notices/%s/cancel" % notice,
                      [("confirm", "yes")], page=page)
        self.assertEqual(r.status, 303, r.text[:2000])
        self.assertEqual(sql("SELECT status, last_error FROM outbox WHERE"
                             " id = %s" % oid),
                         [["cancelled", "cancelled by an administrator"]])
        # the sender sees it cancelled, and why, on the log
        root = api("GET", "/api/v1/logs/" + log, token("ansatt")).xml()
        states = [n.get("status") for n in root.iter("notice")
                  if n.get("kind") == "cw_report"]
        self.assertEqual(states, ["cancelled"])
        self.assertTrue(any(e.get("kind") == "notice" and
                            e.get("role") == "admin"
                            for e in root.iter("event")),
                        [e.attrib for e in root.iter("event")])
        r = self.post("/admin/notices/%s/cancel" % notice,
                      [("confirm", "yes")], page=page)
        self.assertEqual(r.status, 409)
        notify_once()
        self.assertEqual(len(self.fake.seen("/cancel")), 1)

    # --------------------------------------------------------- alerts

    def alerts(self, oid, kind):
        return sql("SELECT id, cleared_at IS NULL FROM delivery_alert"
                   " WHERE outbox_id = %s AND kind = '%s'" % (oid, kind))

    def told(self, oid, kind):
        """Who was queued a notice about the alerts of notice oid."""
        return sorted(r[0] for r in sql(
            "SELECT n.user_id FROM outbox n JOIN delivery_alert a ON"
            " a.id = n.alert_id WHERE a.outbox_id = %s AND n.kind = '%s'"
            % (oid, kind)))

    def test_unacknowledged_notice_alerts_sender_and_admin_once(self):
        self.fake.script("/noack", [204])
        pid, name = self.add_partner("/noack")
        oid = self.cw_report()
        self.settle(oid, ("delivered",))
        notice = notice_pid(oid)
        # within the time: nothing
        notify_once(delivery_ack_timeout_s=3600)
        self.assertEqual(self.alerts(oid, "unacknowledged"), [])
        time.sleep(1.2)
        notify_once(delivery_ack_timeout_s=1)
        self.assertEqual(len(self.alerts(oid, "unacknowledged")), 1)
        # the administrators of the partner's municipality: no other's
        admins = sorted(r[0] for r in sql(
            "SELECT id FROM app_user WHERE role = 'admin' AND active AND"
            " municipality_id = (SELECT municipality_id FROM partner"
            " WHERE id = (SELECT partner_id FROM outbox WHERE id = %s))"
            % oid))
        self.assertEqual(self.told(oid, "notice.unacknowledged"),
                         sorted([user_id("ansatt")] + admins))
        # once: another pass raises nothing more
        notify_once(delivery_ack_timeout_s=1)
        self.assertEqual(len(self.alerts(oid, "unacknowledged")), 1)
        self.assertEqual(len(self.told(oid, "notice.unacknowledged")),
                         1 + len(admins))
        # the sender's start page, and the administrator's (no case)
        home = self.page(self.sender, "/")
        self.assertIn("alert-unacknowledged", home)
        self.assertIn(name, home)
        conc = sql_value("SELECT c.public_id FROM concern c JOIN outbox o"
                         " ON o.concern_id = c.id WHERE o.id = %s" % oid)
        self.assertIn('href="/concerns/%s"' % conc, home)
        home = self.page(self.admin, "/")
        self.assertIn(notice, home)
        self.assertIn("/admin/partners/%s?status=delivered#notice-%s"
                      % (pid, notice), home)
        self.assertNotIn(conc, home)
        self.assertNotIn(CHILD, home)
        # someone else sees nothing of it
        self.assertNotIn(notice, self.page(login("leder"), "/"))
        self.assertNotIn(name, self.page(login("leder"), "/"))
        # the receipt comes: gone from the pages at once, cleared by the
        # next sweep
        sql("UPDATE outbox SET status = 'acknowledged', acknowledged_at ="
            " NOW(6) WHERE id = %s" % oid)
        self.assertNotIn(name, self.page(self.sender, "/"))
        self.assertNotIn(notice, self.page(self.admin, "/"))
        notify_once()
        self.assertEqual([r[1] for r in self.alerts(oid, "unacknowledged")],
                         ["0"])

    def test_dead_notice_alerts_and_a_retry_clears_it(self):
        pid, name, oid = self.dead_notice("/deadalert")
        notice = notice_pid(oid)
        # notify's own pass after delivering already raised it
        self.assertEqual([r[1] for r in self.alerts(oid, "dead")], ["1"])
        self.assertIn(user_id("ansatt"), self.told(oid, "notice.dead"))
        self.assertIn(admin_id(), self.told(oid, "notice.dead"))
        home = self.page(self.sender, "/")
        self.assertIn("alert-dead", home)
        self.assertIn(name, home)
        home = self.page(self.admin, "/")
        self.assertIn("/admin/partners/%s?status=dead#notice-%s"
                      % (pid, notice), home)
        r = self.post("/admin/notices/%s/retry" % notice,
                      page="/admin/partners/" + pid)
        self.assertEqual(r.status, 303)
        self.assertEqual([r[1] for r in self.alerts(oid, "dead")], ["0"])
        self.assertNotIn(name, self.page(self.sender, "/"))
        self.assertNotIn(notice, self.page(self.admin, "/"))
        self.settle(oid, ("acknowledged",))

    def test_failing_partner_alert_appears_and_clears(self):
        self.fake.script("/failing", [400])
        pid, name = self.add_partner("/failing")
        first = self.cw_report("Ola Feiler")
        second = self.cw_report("Per Feiler")
        self.settle(first, ("dead",), partner_failing_after=2)
        self.settle(second, ("dead",), partner_failing_after=2)
        notify_once(partner_failing_after=2)
        open_alert = ("SELECT COUNT(*) FROM delivery_alert a JOIN partner p"
                      " ON p.id = a.partner_id WHERE p.public_id = '%s' AND"
                      " a.kind = 'partner_failing' AND a.cleared_at IS NULL"
                      % pid)
        self.assertEqual(sql_value(open_alert), "1")
        home = self.page(self.admin, "/")
        self.assertIn('href="/admin/partners/%s"' % pid, home)
        self.assertIn("alert-partner_failing", home)
        listing = self.page(self.admin, "/admin/partners")
        self.assertRegex(listing, r'(?s)callout urgent.*/admin/partners/%s'
                         % pid)
        # once, to each administrator
        notify_once(partner_failing_after=2)
        told = sql("SELECT n.user_id FROM outbox n JOIN delivery_alert a ON"
                   " a.id = n.alert_id JOIN partner p ON p.id ="
                   " a.partner_id WHERE p.public_id = '%s' AND n.kind ="
                   " 'partner.failing'" % pid)
        admins = sql("SELECT id FROM app_user WHERE role = 'admin' AND"
                     " active AND municipality_id = (SELECT municipality_id"
                     " FROM partner WHERE public_id = '%s')" % pid)
        self.assertEqual(sorted(told), sorted(admins))
        # it recovers: a notice sent again is delivered
        self.fake.script("/failing", ["receipt"])
        r = self.post("/admin/notices/%s/retry" % notice_pid(first),
                      page="/admin/partners/" + pid)
        self.assertEqual(r.status, 303)
        self.settle(first, ("acknowledged",), partner_failing_after=2)
        notify_once(partner_failing_after=2)
        self.assertEqual(sql_value(open_alert), "0")
        self.assertNotIn('href="/admin/partners/%s"' % pid,
                         self.page(self.admin, "/"))

    def test_every_new_table_and_column_commented(self):
        bare = sql("SELECT table_name, column_name FROM"
                   " information_schema.columns WHERE table_schema ="
                   " 'stafett' AND column_comment = '' AND table_name IN"
                   " ('delivery_alert', 'delivery_latency', 'partner',"
                   " 'outbox') AND column_name <> 'id'")
        self.assertEqual(bare, [])
        for t in ("delivery_alert", "delivery_latency"):
            self.assertNotEqual(sql_value(
                "SELECT table_comment FROM information_schema.tables WHERE"
                " table_schema = 'stafett' AND table_name = '%s'" % t), "")

    # -------------------------------------------------------- metrics

    def metrics(self):
        with urllib.request.urlopen(URL + "/metrics", timeout=30) as r:
            return r.read().decode()

    def value(self, text, line):
        m = re.search(r"^%s (\S+)$" % re.escape(line), text, re.M)
        self.assertIsNotNone(m, "no %s in /metrics" % line)
        return float(m.group(1))

    def test_metrics_show_queue_depth_and_latency(self):
        pid, name = self.add_partner("/metrics-ok")
        oid = self.cw_report("Siri Metrikk")
        self.settle(oid, ("acknowledged",))
        text = self.metrics()
        self.assertEqual(self.value(text, "stafett_delivery_metrics_up"), 1)
        self.assertIn('stafett_partner_info{partner="%s",name="%s",'
                      'kind="child_welfare",status="active"} 1'
                      % (pid, name), text)
        self.assertEqual(self.value(
            text, 'stafett_delivery_latency_seconds_count{partner="%s"}'
            % pid), 1)
        self.assertEqual(self.value(
            text, 'stafett_delivery_latency_seconds_bucket{partner="%s",'
            'le="+Inf"}' % pid), 1)
        self.assertGreater(self.value(
            text, 'stafett_delivery_latency_seconds_sum{partner="%s"}'
            % pid), 0)
        self.assertEqual(self.value(
            text, 'stafett_partner_notices{partner="%s",status="queued"}'
            % pid), 0)
        # a queue: two reports fail and wait for their next attempt,
        # held by pausing the partner; a third waits for any partner
        self.fake.script("/metrics-ok", [503])
        first = self.cw_report("Siri Metrikk")
        second = self.cw_report("Siri Metrikk")
        notify_once()
        self.assertTrue(wait_for(lambda: status_of(first) == "failed" and
                                 status_of(second) == "failed"))
        stafett("partner", "pause", pid)
        self.assertTrue(wait_for(lambda: status_of(first) == "failed" and
                                 status_of(second) == "failed"))
        self.cw_report("Siri Metrikk")
        notify_once()
        text = self.metrics()
        self.assertEqual(self.value(
            text, 'stafett_partner_notices{partner="%s",status="failed"}'
            % pid), 2)
        self.assertGreaterEqual(self.value(
            text, 'stafett_notices{status="failed"}'), 2)
        self.assertGreaterEqual(self.value(
            text, "stafett_notices_unrouted"), 1)
        self.assertGreaterEqual(self.value(
            text, 'stafett_notices{status="queued"}'), 1)
        self.assertEqual(self.value(
            text, 'stafett_partner_failing{partner="%s"}' % pid), 0)
        # no child's name, no person
        self.assertNotIn("Siri", text)
        self.assertNotIn("Metrikk", text)
        sql("UPDATE outbox SET status = 'cancelled' WHERE status IN"
            " ('queued', 'failed') AND kind = 'cw_report'")


if __name__ == "__main__":
    unittest.main()
