"""test_delivery.py: notices delivered to a partner over HTTPS (issue 5):
each response class, Retry-After, dead letter, time-outs and dropped
connections, a certificate that does not verify, the right to send
checked again at send time, and two notify processes at once.

The fake partner (fake_partner.py) serves HTTPS on loopback with a
certificate from a test CA that run.sh names as partner_ca_file. The
background notify process of the test stack delivers too; tests wait
for the outcome in the database, whichever process got there."""
import hashlib
import hmac
import os
import random
import signal
import subprocess
import time
import unittest
import xml.etree.ElementTree as ET

from caselog_fixtures import child_of, day, give_consent, instance, login, \
    new_concern, open_log
from fake_partner import FakePartner
from partners import PartnerTestCase
from stafett_test import BIN, DIR, FIRST, api, env, notify_paused, \
    notify_together, sql, sql_value, stafett, statement_counts, token, \
    wait_for

MSG = "{urn:x-stafett:message:1}"
HMAC_KEY = "partner-test-hmac-key-0123456789abcdef"
BEARER = "partner-test-bearer-token"


def outbox(where):
    rows = sql("SELECT id, status, attempts, idempotency_key,"
               " IFNULL(partner_ref, ''), IFNULL(last_http_status, ''),"
               " IFNULL(last_error, '') FROM outbox WHERE %s ORDER BY id"
               % where)
    return [dict(zip(("id", "status", "attempts", "key", "ref", "http",
                      "error"), r)) for r in rows]


def seen_for(fake, path, log):
    """What the partner got about this log (other tests' notices to the
    same kind of partner may arrive at the same path)."""
    ref = sql_value("SELECT reference FROM relay_log WHERE public_id = '%s'"
                    % log)
    return [m for m in fake.seen(path)
            if ("<log>%s</log>" % ref).encode() in m["body"]]



def status_of(oid):
    return sql_value("SELECT status FROM outbox WHERE id = %s" % oid)


def notify_once():
    stafett("notify", "--once")


class DeliveryTest(PartnerTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.client = cls.holder

    def partner(self, path, kind="child_welfare", types=("cw_report",),
                auth="bearer", url=None, active=True):
        """The only active partner: every other one is paused, so
        routing picks this one."""
        sql("UPDATE partner SET status = 'paused'")
        name = "%s %s %f" % (kind, path, time.time())
        pid = stafett("partner", "add", *FIRST, name, kind,
                      url or (self.fake.url + path), auth,
                      *types).stdout.strip()
        stafett("partner", "secret", pid, "hmac", stdin=HMAC_KEY)
        if auth == "bearer":
            stafett("partner", "secret", pid, "bearer", stdin=BEARER)
        else:
            for what, f in (("cert", "client.pem"), ("key", "client-key.pem")):
                with open(os.path.join(self.pki, f)) as fh:
                    stafett("partner", "secret", pid, what, stdin=fh.read())
        if not active:
            stafett("partner", "pause", pid)
        return pid

    def cw_report(self):
        """A report of concern to child welfare on a new concern: the
        outbox row's id."""
        c = new_concern(self.client, "Mia Lund")
        r = api("POST", "/api/v1/forms/cw-report?concern=%s" % c,
                token("ansatt"), instance("cw-report", dict(
                    child_of("Mia Lund"), date=day(0))))
        self.assertEqual(r.status, 201, r.text)
        return sql_value("SELECT MAX(id) FROM outbox WHERE kind ="
                         " 'cw_report'")

    def settle(self, oid, statuses, timeout=25):
        notify_once()
        ok = wait_for(lambda: status_of(oid) in statuses, timeout=timeout,
                      interval=0.2)
        self.assertTrue(ok, (oid, status_of(oid), outbox("id = %s" % oid)))
        return outbox("id = %s" % oid)[0]

    def attempts(self, oid):
        return sql("SELECT outcome, IFNULL(http_status, ''),"
                   " IFNULL(retry_after_s, '') FROM delivery_attempt"
                   " WHERE outbox_id = %s ORDER BY id" % oid)

    # ------------------------------------------------------------ 2xx

    def test_receipt_is_acknowledged_signed_and_minimal(self):
        self.partner("/ok")
        oid = self.cw_report()
        row = self.settle(oid, ("acknowledged",))
        seen = self.fake.seen("/ok")
        self.assertEqual(len(seen), 1)
        req = seen[0]
        self.assertEqual(req["headers"]["Idempotency-Key"], row["key"])
        self.assertEqual(row["ref"], "REF-" + row["key"][:8])
        sig = hmac.new(HMAC_KEY.encode(), req["body"],
                       hashlib.sha256).hexdigest()
        self.assertEqual(req["headers"]["X-Stafett-Signature"],
                         "sha256=" + sig)
        self.assertEqual(req["headers"]["Authorization"], "Bearer " + BEARER)
        self.assertEqual(req["headers"]["Content-Type"], "application/xml")
        root = ET.fromstring(req["body"])
        self.assertEqual(root.tag, MSG + "cw_report")
        self.assertEqual(root.find(MSG + "header/" + MSG + "notice").text,
                         sql_value("SELECT public_id FROM outbox WHERE id"
                                   " = %s" % oid))
        self.assertEqual(root.find(MSG + "child/" + MSG + "name").text,
                         "Mia Lund")
        self.assertEqual(self.attempts(oid), [["acknowledged", "200", ""]])
        # delivered: never again
        notify_once()
        self.assertEqual(len(self.fake.seen("/ok")), 1)

    def test_2xx_without_receipt_is_delivered(self):
        self.fake.script("/noreceipt", [204])
        self.partner("/noreceipt")
        oid = self.cw_report()
        row = self.settle(oid, ("delivered",))
        self.assertEqual(row["ref"], "")
        self.assertEqual(sql_value("SELECT delivered_at IS NOT NULL AND"
                                   " acknowledged_at IS NULL FROM outbox"
                                   " WHERE id = %s" % oid), "1")

    def test_mtls_client_certificate(self):
        self.partner("/mtls", auth="mtls")
        oid = self.cw_report()
        self.settle(oid, ("acknowledged",))
        req = self.fake.seen("/mtls")[0]
        self.assertTrue(req["client_cert"])
        self.assertNotIn("Authorization", req["headers"])

    # ------------------------------------------------------------ 4xx

    def test_4xx_is_permanent(self):
        self.fake.script("/refuse", [400])
        self.partner("/refuse")
        oid = self.cw_report()
        row = self.settle(oid, ("dead",))
        self.assertEqual(row["http"], "400")
        self.assertEqual(row["attempts"], "1")
        time.sleep(1.5)
        notify_once()
        self.assertEqual(len(self.fake.seen("/refuse")), 1)
        self.assertEqual(self.attempts(oid), [["dead", "400", ""]])

    def test_a_missing_secret_is_said_and_sends_nothing(self):
        """A partner whose signing key is gone: nothing is sent (a
        message is never sent unsigned), the attempt is a failure that
        says why, and it is tried again when the key may be back."""
        pid = self.partner("/no-key")
        os.unlink(os.path.join(DIR, "partners", pid, "hmac"))
        oid = self.cw_report()
        row = self.settle(oid, ("failed",))
        self.assertEqual(row["error"], "partner secret missing or unreadable")
        self.assertEqual(self.fake.seen("/no-key"), [])
        tries = self.attempts(oid)
        self.assertTrue(tries)
        self.assertEqual([t for t in tries if t != ["retry", "", ""]], [])

    # ------------------------------------------- 5xx, 408, network errors

    def test_5xx_408_drop_and_timeout_are_retried(self):
        self.fake.script("/flaky", [503, 408, "drop", "hang", "receipt"])
        self.partner("/flaky")
        oid = self.cw_report()
        row = self.settle(oid, ("acknowledged",), timeout=40)
        seen = self.fake.seen("/flaky")
        # curl itself may repeat a request whose reused connection was
        # dropped: a repeat with the same key, which is the contract
        self.assertGreaterEqual(len(seen), 5)
        self.assertEqual({r["headers"]["Idempotency-Key"] for r in seen},
                         {row["key"]})
        # the same message every time
        self.assertEqual(len({r["body"] for r in seen}), 1)
        outcomes = [a[0] for a in self.attempts(oid)]
        self.assertGreaterEqual(len(outcomes), 4)
        self.assertEqual(outcomes, ["retry"] * (len(outcomes) - 1) +
                         ["acknowledged"])
        self.assertEqual(int(row["attempts"]), len(outcomes))

    def test_retry_after_is_honoured(self):
        self.fake.script("/busy", [(429, {"Retry-After": "3"}), "receipt"])
        self.partner("/busy")
        oid = self.cw_report()
        self.settle(oid, ("acknowledged",))
        seen = self.fake.seen("/busy")
        self.assertEqual(len(seen), 2)
        self.assertGreaterEqual(seen[1]["at"] - seen[0]["at"], 2.9)
        self.assertEqual(self.attempts(oid)[0], ["retry", "429", "3"])

    def test_dead_letter_after_the_horizon(self):
        # the test stack's horizon is 30 s: a partner asking for an hour
        # is tried once more at the horizon, not given up before it (a
        # dead notice is one whose horizon has passed), and not waited
        # for past it
        self.fake.script("/later", [(503, {"Retry-After": "3600"})])
        self.partner("/later")
        oid = self.cw_report()
        row = self.settle(oid, ("dead",), timeout=50)
        self.assertEqual(row["http"], "503")
        self.assertEqual(self.attempts(oid), [["retry", "503", "3600"],
                                              ["dead", "503", "3600"]])
        lived = float(sql_value(
            "SELECT TIMESTAMPDIFF(MICROSECOND, created_at, dead_at) / 1e6"
            " FROM outbox WHERE id = %s" % oid))
        self.assertGreaterEqual(lived, 30)
        self.assertLess(lived, 40)

    # ------------------------------------------------------ certificates

    def test_certificate_that_does_not_verify_is_never_sent_to(self):
        rogue = FakePartner(self.pki, rogue=True)
        try:
            self.partner("/rogue", url=rogue.url + "/rogue")
            oid = self.cw_report()
            row = self.settle(oid, ("failed", "dead"))
            self.assertEqual(rogue.seen(), [])
            self.assertEqual(row["http"], "")
            self.assertRegex(row["error"], "(?i)ssl|certificate|peer")
        finally:
            sql("UPDATE partner SET status = 'paused'")
            rogue.stop()

    def test_http_endpoint_is_never_used(self):
        pid = self.partner("/plain")
        sql("UPDATE partner SET endpoint = 'http://127.0.0.1:%d/plain'"
            " WHERE public_id = '%s'" % (self.fake.port, pid))
        oid = self.cw_report()
        row = self.settle(oid, ("failed", "dead"))
        self.assertEqual(row["error"], "endpoint refused: https only")
        self.assertEqual(self.fake.seen("/plain"), [])

    # ------------------------------------------------- the right to send

    def test_consent_gone_while_waiting_cancels(self):
        # the referral waits (no active partner), then the consent runs
        # out: at send time the notice is cancelled, not sent
        sql("UPDATE partner SET status = 'paused'")
        log, _ = open_log(self.client, "Emil Dahl")
        consent = give_consent("ansatt", log, "Emil Dahl", "2016-09-02",
                               "ppt")
        r = api("POST", "/api/v1/forms/referral?log=%s" % log,
                token("ansatt"), instance("referral", dict(
                    child_of("Emil Dahl"), recipient="ppt")))
        self.assertEqual(r.status, 201, r.text)
        oid = sql_value("SELECT MAX(id) FROM outbox WHERE kind ="
                        " 'referral'")
        self.assertEqual(status_of(oid), "queued")
        sql("UPDATE consent SET expires = '%s' WHERE public_id = '%s'"
            % (day(-1), consent))
        self.partner("/ppt", kind="ppt", types=("referral",))
        self.settle(oid, ("cancelled",))
        self.assertEqual(seen_for(self.fake, "/ppt", log), [])

    def referral_waiting(self, name):
        sql("UPDATE partner SET status = 'paused'")
        log, _ = open_log(self.client, name)
        give_consent("ansatt", log, name, "2016-09-02", "ppt")
        r = api("POST", "/api/v1/forms/referral?log=%s" % log,
                token("ansatt"), instance("referral", dict(
                    child_of(name), recipient="ppt")))
        self.assertEqual(r.status, 201, r.text)
        oid = sql_value("SELECT MAX(id) FROM outbox WHERE kind ="
                        " 'referral'")
        self.assertEqual(status_of(oid), "queued")
        return log, oid

    def assert_cancelled_at_send_time(self, log, oid, path, event=True):
        self.partner(path, kind="ppt", types=("referral",))
        self.settle(oid, ("cancelled",))
        self.assertEqual(seen_for(self.fake, path, log), [])
        self.assertEqual(self.attempts(oid), [])
        # the timeline says so while the log is open; a closed log's
        # timeline is final, and its notices list shows the state
        self.assertEqual(bool(sql(
            "SELECT 1 FROM case_event e JOIN relay_log l ON"
            " l.id = e.log_id WHERE l.public_id = '%s' AND"
            " e.kind = 'notice' AND e.actor_role = 'system'" % log)), event)

    def test_log_closed_while_waiting_cancels(self):
        log, oid = self.referral_waiting("Lea Strand")
        sql("UPDATE relay_log SET status = 'closed', closed_at = NOW(6)"
            " WHERE public_id = '%s'" % log)
        self.assert_cancelled_at_send_time(log, oid, "/ppt-closed",
                                           event=False)

    def test_service_no_longer_covered_cancels_at_send_time(self):
        # the send-time check stands alone: nothing else cancelled it
        log, oid = self.referral_waiting("Jon Vik")
        sql("DELETE cs FROM consent_service cs JOIN consent c ON c.id ="
            " cs.consent_id JOIN relay_log l ON l.id = c.log_id WHERE"
            " l.public_id = '%s' AND cs.service = 'ppt'" % log)
        self.assert_cancelled_at_send_time(log, oid, "/ppt-uncovered")

    def test_referral_within_consent_is_delivered(self):
        sql("UPDATE partner SET status = 'paused'")
        log, _ = open_log(self.client, "Nora Bakke")
        give_consent("ansatt", log, "Nora Bakke", "2016-09-02", "ppt")
        self.partner("/ppt-ok", kind="ppt", types=("referral",))
        before = statement_counts()
        r = api("POST", "/api/v1/forms/referral?log=%s" % log,
                token("ansatt"), instance("referral", dict(
                    child_of("Nora Bakke"), recipient="ppt")))
        self.assertEqual(r.status, 201, r.text)
        after = statement_counts()
        # a partner takes it: the notice went with the COMMIT (tail.h)
        self.assertEqual(after.get("outbox_add_form", 0),
                         before.get("outbox_add_form", 0))
        oid = sql_value("SELECT MAX(id) FROM outbox WHERE kind ="
                        " 'referral'")
        self.assertEqual(sql(
            "SELECT o.service, o.sender_id = u.id, o.log_id = l.id,"
            " s.form_id, LENGTH(o.idempotency_key) FROM outbox o"
            " JOIN form_submission s ON s.id = o.submission_id"
            " JOIN relay_log l ON l.public_id = '%s'"
            " JOIN app_user u ON u.username = 'ansatt' WHERE o.id = %s"
            % (log, oid)), [["ppt", "1", "1", "referral", "43"]])
        self.settle(oid, ("acknowledged",))
        root = ET.fromstring(self.fake.seen("/ppt-ok")[0]["body"])
        self.assertEqual(root.tag, MSG + "referral")
        self.assertEqual(root.find(MSG + "header/" + MSG + "log").text,
                         sql_value("SELECT reference FROM relay_log WHERE"
                                   " public_id = '%s'" % log))

    # -------------------------------------------------- several notifies

    def test_two_notify_processes_send_each_notice_once(self):
        pid = self.partner("/burst", active=False)
        first = int(sql_value("SELECT IFNULL(MAX(id), 0) FROM outbox"))
        c = new_concern(self.client, "Ida Moe")
        for _ in range(30):
            r = api("POST", "/api/v1/forms/cw-report?concern=%s" % c,
                    token("ansatt"), instance("cw-report", dict(
                        child_of("Ida Moe"), date=day(0))))
            self.assertEqual(r.status, 201, r.text)
        stafett("partner", "resume", pid)
        self.assertEqual(notify_together(2), [0, 0])
        where = "id > %d AND kind = 'cw_report'" % first
        self.assertTrue(wait_for(lambda: all(
            r["status"] == "acknowledged" for r in outbox(where)),
            timeout=30), outbox(where))
        keys = [r["headers"]["Idempotency-Key"]
                for r in self.fake.seen("/burst")]
        self.assertEqual(len(keys), 30)
        self.assertEqual(len(set(keys)), 30)


    def burst(self, n):
        """n reports of concern waiting: one made through the API, the
        rest copied from it in SQL (the web path is not what is tested
        here). Returns the WHERE clause that selects them."""
        first = int(sql_value("SELECT IFNULL(MAX(id), 0) FROM outbox"))
        # the report itself (with the partner paused nobody takes it: its
        # alert's notices to people follow it in the outbox)
        report = self.cw_report()
        sub = sql_value("SELECT submission_id FROM outbox WHERE id = %s"
                        % report)
        sql("INSERT INTO outbox (public_id, kind, concern_id,"
            " idempotency_key, submission_id) SELECT"
            " LEFT(MD5(CONCAT('c', seq, RAND())), 22), 'cw_report',"
            " (SELECT concern_id FROM outbox WHERE id = %s),"
            " CONCAT(LEFT(SHA2(CONCAT('k', seq, RAND()), 256), 43)), %s"
            " FROM seq_1_to_%d" % (report, sub, n - 1))
        where = "id > %d AND kind = 'cw_report'" % first
        self.assertEqual(len(outbox(where)), n)
        return where


    def test_once_delivers_everything_due_one_at_a_time(self):
        """--once goes on until nothing is due, also with one notice in
        flight: a step in which a transfer only finished (no room to
        claim when it began) is not the end of the work."""
        pid = self.partner("/one", active=False)
        where = self.burst(12)
        e = env()
        e["STAFETT_DELIVERY_MAX_IN_FLIGHT"] = "1"
        e["STAFETT_DELIVERY_MAX_PER_PARTNER"] = "1"
        with notify_paused():
            stafett("partner", "resume", pid)
            subprocess.run([BIN, "notify", "--once"], env=e, check=True,
                           stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL, timeout=120)
        # at once, without waiting for the background process
        self.assertEqual([r for r in outbox(where)
                          if r["status"] != "acknowledged"], [])
        self.assertEqual(len(self.fake.seen("/one")), 12)

    # ------------------------------------------------------------ crashes

    def test_sigkill_during_a_burst_loses_nothing(self):
        """1,000 notices; notify is killed with SIGKILL at random moments
        until all are through: every notice arrives, and each exactly
        once once the partner drops repeats by their Idempotency-Key."""
        pid = self.partner("/crash", active=False)
        where = self.burst(1000)
        e = env()
        e["STAFETT_DELIVERY_MAX_PER_PARTNER"] = "16"
        with notify_paused():
            stafett("partner", "resume", pid)
            kills = 0
            end = time.time() + 240
            while time.time() < end:
                left = int(sql_value(
                    "SELECT COUNT(*) FROM outbox WHERE %s AND status NOT IN"
                    " ('acknowledged')" % where))
                if left == 0:
                    break
                p = subprocess.Popen([BIN, "notify"], env=e,
                                     stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL)
                if kills < 8:
                    time.sleep(random.uniform(0.2, 1.5))
                    p.send_signal(signal.SIGKILL)
                    kills += 1
                else:
                    time.sleep(2)
                    p.terminate()
                p.wait(timeout=60)
        rows = outbox(where)
        self.assertEqual([r for r in rows if r["status"] != "acknowledged"],
                         [])
        keys = [r["headers"]["Idempotency-Key"]
                for r in self.fake.seen("/crash")]
        self.assertEqual(set(keys), {r["key"] for r in rows})
        self.assertGreaterEqual(kills, 1)


if __name__ == "__main__":
    unittest.main()
