"""test_faults.py: under crashes, races and a sick database every state
stays true and every client learns the truth (issue 13). One test per
fault, each killing or stopping at the worst moment rather than at a
random one: the fault points of the sanitizer build (fcgi/core/fault.h) are
armed by writing a file, and fire once in the next process to pass.

  1. a partner's answer is recorded, whatever else holds the notice, and
     a cancellation never overwrites a delivery;
  2. every write can be sent again (Idempotency-Key, the forms' key):
     the repeat gets the first answer and changes nothing;
  3. workers die with their master, and a second set is refused;
  4. /healthz reconnects before it judges, and says when the database
     cannot write;
  5. a stalled database is answered 503 at once, not waited for;
  6. a stop finishes what is in flight and what is queued;
  7. what the user did not cause is run again, and no attempt is lost.

bench/drills runs the same faults at random under load, with figures."""
import os
import re
import signal
import subprocess
import threading
import time
import unittest
import uuid

from caselog_fixtures import child_of, events, give_consent, instance, \
    login, open_log, xml_body
from partners import Partner, PartnerTestCase
from stafett_test import (BIN, DIR, Client, api, app_log, concern_xml,
                          count, csrf_of, env, master_pid, monitor_pid,
                          pause_notify, sql, sql_value, stack, stafett,
                          token, wait_for, worker_pids)

FAULTS = os.environ.get("STAFETT_FAULT_DIR", os.path.join(DIR, "faults"))
BIRTH = "2016-09-02"
SOCK = os.path.join(DIR, "run/db.sock")


def arm(point, what="kill"):
    """Arm a fault point (fcgi/core/fault.h)."""
    os.makedirs(FAULTS, exist_ok=True)
    with open(os.path.join(FAULTS, point), "w") as f:
        f.write(what)


def fired(point):
    return not os.path.exists(os.path.join(FAULTS, point))


def disarm(point):
    try:
        os.unlink(os.path.join(FAULTS, point))
    except FileNotFoundError:
        pass


def root_sql(statements):
    """Run SQL as the database administrator; its output."""
    return subprocess.run(["mariadb", "--no-defaults", "-S", SOCK, "-u",
                           "root", "-N", "-B", "-D", "stafett", "-e",
                           statements], capture_output=True, text=True,
                          check=True).stdout


def hold_lock(statements, seconds):
    """A session of the administrator's that takes the locks of
    statements and keeps them for seconds: started, not waited for."""
    script = "BEGIN; %s; SELECT SLEEP(%s); ROLLBACK;" % (statements,
                                                         seconds)
    return subprocess.Popen(["mariadb", "--no-defaults", "-S", SOCK, "-u",
                             "root", "-D", "stafett", "-e", script],
                            stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)


def db_pid():
    with open(os.path.join(DIR, "run/db.pid")) as f:
        return int(f.read().strip())


def notify_pid():
    with open(os.path.join(DIR, "run/notify.pid")) as f:
        return int(f.read().strip())


def start_notify(extra_env=None):
    """The stack's notify daemon, started again (as stack.sh does)."""
    e = env()
    e.update(extra_env or {})
    with open(os.path.join(DIR, "log/notify.log"), "a") as log:
        p = subprocess.Popen([BIN, "notify"], env=e, stdout=log,
                             stderr=log, stdin=subprocess.DEVNULL,
                             start_new_session=True)
    with open(os.path.join(DIR, "run/notify.pid"), "w") as f:
        f.write("%d\n" % p.pid)
    return p


def start_serve():
    """The stack's serve master, started again (as stack.sh does)."""
    with open(os.path.join(DIR, "log/stafett.log"), "a") as log:
        p = subprocess.Popen([BIN, "serve"], env=env(), stdout=log,
                             stderr=log, stdin=subprocess.DEVNULL,
                             start_new_session=True)
    if not wait_for(lambda: api("GET", "/healthz").status == 200,
                    timeout=30):
        raise AssertionError("serve did not come back (%r): %s" % (
            p.poll(), app_log()[-2000:]))
    return p


def alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:
        with open("/proc/%d/stat" % pid) as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def key():
    return str(uuid.uuid4())


class DeliveryFaults(PartnerTestCase):
    """1, 6 and 7: notify and a partner."""

    def setUp(self):
        super().setUp()
        # The stack's notify daemon would race the test's own notify
        # runs: it sleeps while a test runs (stopped between its
        # transactions, so it holds no lock the test's runs wait for).
        pause_notify()

    def tearDown(self):
        for p in os.listdir(FAULTS):
            disarm(p)
        try:
            os.kill(notify_pid(), signal.SIGCONT)
        except ProcessLookupError:
            pass

    def referral(self, name, partner, answers=("receipt",)):
        """A log with a consent covering BUP and a referral to partner,
        not sent yet: the log, the consent, the outbox row."""
        self.fake.script(partner.path, list(answers))
        log, _ = open_log(self.holder, name, BIRTH)
        consent = give_consent("ansatt", log, name, BIRTH,
                               "bup health_clinic")
        r = api("POST", "/api/v1/forms/referral?log=%s" % log,
                token("ansatt"), instance("referral", dict(
                    child_of(name, BIRTH), recipient="bup")),
                headers={"Idempotency-Key": key()})
        self.assertEqual(r.status, 201, r.text)
        oid = sql_value("SELECT o.id FROM outbox o JOIN relay_log l ON"
                        " l.id = o.log_id WHERE l.public_id = '%s' AND"
                        " o.kind = 'referral'" % log)
        return log, consent, oid

    def notify(self, extra_env=None, wait=True):
        e = env()
        e.update(extra_env or {})
        p = subprocess.Popen([BIN, "notify", "--once"], env=e,
                             stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE, text=True)
        if wait:
            p.communicate(timeout=120)
        return p

    def notify_held(self, point, ms):
        """A notify run that stops for ms at a fault point: it is there
        when this returns."""
        arm(point, "sleep %d" % ms)
        p = self.notify(wait=False)
        self.assertTrue(wait_for(lambda: fired(point), timeout=30))
        return p

    def status(self, oid):
        return sql_value("SELECT status FROM outbox WHERE id = %s" % oid)

    def attempts(self, oid):
        return [r[0] for r in sql("SELECT outcome FROM delivery_attempt"
                                  " WHERE outbox_id = %s ORDER BY id" % oid)]

    def withdraw(self, consent):
        r = api("POST", "/api/v1/consents/%s/withdraw" % consent,
                token("ansatt"), "<input/>",
                headers={"Idempotency-Key": key()})
        self.assertEqual(r.status, 200, r.text)

    def seen(self, partner, oid):
        """What the partner got of this notice: the Idempotency-Keys."""
        idem = sql_value("SELECT idempotency_key FROM outbox WHERE id = %s"
                         % oid)
        return [m["headers"].get("Idempotency-Key")
                for m in self.fake.seen(partner.path)
                if m["headers"].get("Idempotency-Key") == idem]

    def cancellation(self, oid):
        return sql("SELECT id, status FROM outbox WHERE cancels_id = %s"
                   % oid)

    def wait_lease_out(self, oid):
        """Until the claim on the notice has run out (8 s here)."""
        self.assertTrue(wait_for(lambda: sql_value(
            "SELECT lease_until < NOW(6) FROM outbox WHERE id = %s" % oid)
            == "1", timeout=15))

    def not_sent_claims(self, log):
        """Timeline lines that say a notice never went."""
        return [e[1] for e in events(log, "notice")
                if "not sent" in e[1] or "ikke sendt" in e[1]]

    # -------------------------------------------------------------- 1

    def test_withdrawal_during_delivery_records_the_delivery(self):
        """The issue's drill: a consent withdrawn while its referral is
        in flight. The partner took it: that is recorded, the timeline
        never says it was not sent, and the partner is told it is
        withdrawn."""
        bup = Partner(self.fake, "/f-withdraw-inflight")
        log, consent, oid = self.referral("Tone Lid", bup)
        # notify holds between the partner's 2xx and its record
        p = self.notify_held("deliver_before_record", 2500)
        self.assertEqual(self.status(oid), "in_flight")
        self.withdraw(consent)
        p.communicate(timeout=60)
        self.assertEqual(self.status(oid), "acknowledged")
        self.assertEqual(self.attempts(oid), ["acknowledged"])
        self.assertEqual(self.not_sent_claims(log), [])
        # the cancellation goes out after it
        (cid, _), = self.cancellation(oid)
        self.notify()
        self.assertTrue(wait_for(lambda: self.status(cid) == "acknowledged",
                                 timeout=20))
        self.assertEqual(len(self.seen(bup, oid)), 1)

    def test_an_answer_is_recorded_past_a_lock_given_up(self):
        """The record of a partner's answer meets a lock held longer than
        notify waits for one: it is run again, not dropped (it used to
        be dropped, and the notice sent again after its lease)."""
        bup = Partner(self.fake, "/f-lock")
        log, _, oid = self.referral("Une Berg", bup)
        p = self.notify_held("deliver_before_record", 1500)
        # longer than notify's lock wait (3 x db_lock_wait_s = 6 s)
        holder = hold_lock("SELECT id FROM outbox WHERE id = %s FOR UPDATE"
                           % oid, 8)
        try:
            _, err = p.communicate(timeout=60)
        finally:
            holder.wait(timeout=30)
        self.assertIn("'deliver_record' is run again", err)
        self.assertEqual(self.status(oid), "acknowledged")
        self.assertEqual(self.attempts(oid), ["acknowledged"])
        self.assertEqual(len(self.seen(bup, oid)), 1)

    def test_a_crash_after_the_answer_is_not_told_as_never_sent(self):
        """notify dies after the partner's 2xx, before recording it, and
        the consent is withdrawn meanwhile. When the lease runs out the
        notice has no right to go again: it is stopped, and what the
        family reads says it may have reached the service, not that it
        was never sent."""
        bup = Partner(self.fake, "/f-crash-answered")
        log, consent, oid = self.referral("Vår Ness", bup)
        arm("deliver_answered")
        self.notify()
        self.assertTrue(fired("deliver_answered"))
        self.assertEqual(len(self.seen(bup, oid)), 1)
        self.assertEqual(self.status(oid), "in_flight")
        self.assertEqual(self.attempts(oid), ["in_flight"])
        self.withdraw(consent)
        # the test stack's lease is 8 s
        self.wait_lease_out(oid)
        self.notify()
        self.assertEqual(self.status(oid), "cancelled")
        self.assertEqual(self.attempts(oid), ["unknown"])
        self.assertEqual(self.not_sent_claims(log), [])
        self.assertTrue(any("may have reached" in e[1] or "kan ha nådd" in
                            e[1] for e in events(log, "notice")),
                        events(log, "notice"))
        page = self.holder.get("/logs/%s" % log).text
        self.assertNotIn("Ikke sendt: den ble avbrutt", page)
        # and the partner is told it is withdrawn
        (cid, _), = self.cancellation(oid)
        self.notify()
        self.assertTrue(wait_for(lambda: self.status(cid) == "acknowledged",
                                 timeout=20))

    def test_a_delivery_is_never_overwritten_by_a_late_cancellation(self):
        """The answer comes after the lease ran out and another notify
        cancelled the notice: the delivery is recorded all the same,
        and the timeline says it reached the partner after all."""
        bup = Partner(self.fake, "/f-late")
        log, consent, oid = self.referral("Åse Dal", bup)
        first = self.notify_held("deliver_before_record", 11000)
        self.withdraw(consent)
        self.wait_lease_out(oid)
        self.notify()
        self.assertEqual(self.status(oid), "cancelled")
        first.communicate(timeout=60)
        self.assertEqual(self.status(oid), "acknowledged")
        self.assertTrue(any("after all" in e[1] or "likevel" in e[1]
                            for e in events(log, "notice")),
                        events(log, "notice"))

    # -------------------------------------------------------------- 6

    def test_a_stopped_notify_finishes_what_is_in_flight(self):
        bup = Partner(self.fake, "/f-stop-slow")
        log, _, oid = self.referral("Ine Ås", bup, answers=("slow",))
        os.kill(notify_pid(), signal.SIGCONT)
        self.assertTrue(wait_for(lambda: self.status(oid) == "in_flight",
                                 timeout=20))
        old = notify_pid()
        os.kill(old, signal.SIGTERM)
        self.assertTrue(wait_for(lambda: not alive(old), timeout=30))
        start_notify()
        # the answer came while it stopped, and was recorded before it
        # left: not sent again after the lease
        self.assertEqual(self.status(oid), "acknowledged")
        self.assertEqual(self.attempts(oid), ["acknowledged"])
        self.assertEqual(len(self.seen(bup, oid)), 1)
        with open(os.path.join(DIR, "log/notify.log")) as f:
            self.assertIn("notify: stopping: 1 partner transfers in"
                          " flight", f.read())

    def test_a_stop_that_cannot_wait_records_the_transfer(self):
        """A partner that hangs past the stop's grace: the transfer is
        stopped and recorded as interrupted, and sent again at once with
        the same key by the next notify, not after the lease."""
        bup = Partner(self.fake, "/f-stop-hang")
        log, _, oid = self.referral("Kai Ho", bup, answers=("hang",
                                                            "receipt"))
        p = self.notify({"STAFETT_SHUTDOWN_GRACE_S": "1",
                         "STAFETT_DELIVERY_TIMEOUT_S": "20",
                         "STAFETT_DELIVERY_LEASE_S": "60"}, wait=False)
        self.assertTrue(wait_for(lambda: len(self.seen(bup, oid)) == 1,
                                 timeout=20))
        p.send_signal(signal.SIGINT)
        p.communicate(timeout=30)
        self.assertEqual(self.status(oid), "failed")
        self.assertEqual(self.attempts(oid), ["retry"])
        self.assertIn("interrupted", sql_value(
            "SELECT last_error FROM outbox WHERE id = %s" % oid))
        self.notify()
        self.assertEqual(self.status(oid), "acknowledged")
        keys = self.seen(bup, oid)
        self.assertEqual(len(keys), 2)
        self.assertEqual(len(set(keys)), 1)

    # -------------------------------------------------------------- 7

    def test_every_attempt_is_on_record(self):
        """A notify killed after the partner answered loses nothing of
        the record: its attempt is there, unknown, and the resend after
        the lease (with the same key) is the second."""
        bup = Partner(self.fake, "/f-attempts")
        log, _, oid = self.referral("Liv Aas", bup)
        arm("deliver_answered")
        self.notify()
        self.wait_lease_out(oid)
        self.notify()
        self.assertEqual(self.status(oid), "acknowledged")
        self.assertEqual(self.attempts(oid), ["unknown", "acknowledged"])
        self.assertEqual(sql_value("SELECT attempts FROM outbox WHERE id ="
                                   " %s" % oid), "2")
        keys = self.seen(bup, oid)
        self.assertEqual(len(keys), 2)
        self.assertEqual(len(set(keys)), 1)
        # one latency sample, for the one delivery
        self.assertEqual(self.latency_samples(bup), 1)

    def latency_samples(self, partner):
        return int(sql_value("SELECT IFNULL(SUM(notices), 0) FROM"
                             " delivery_latency WHERE partner_id = %d"
                             % partner.id))


class RequestFaults(unittest.TestCase):
    """2 and 7: a client that got no answer sends again."""

    def setUp(self):
        self.tok = token("ansatt")

    def tearDown(self):
        for p in os.listdir(FAULTS):
            disarm(p)

    def post_concern(self, k, **changes):
        return api("POST", "/api/v1/forms/concern", self.tok,
                   concern_xml(**changes),
                   headers={"Idempotency-Key": k} if k else None)

    def test_two_sends_of_one_key_at_once_make_one_concern(self):
        """The first send waits just before its one call; the second,
        sent meanwhile with the same key, goes through. The first then
        finds the key used (the call is rolled back whole) and answers
        what the second answered: one concern, one answer."""
        before = count("concern")
        k = key()
        arm("request_before_commit", "sleep 2500")
        out = []
        t = threading.Thread(target=lambda: out.append(self.post_concern(k)))
        t.start()
        self.assertTrue(wait_for(lambda: fired("request_before_commit")))
        second = self.post_concern(k)
        t.join()
        first = out[0]
        self.assertEqual(second.status, 201, second.text)
        self.assertEqual(first.status, 201, first.text)
        self.assertEqual(first.header("Idempotent-Replayed"), "true")
        self.assertEqual(first.header("Location"), second.header("Location"))
        self.assertEqual(first.body, second.body)
        self.assertEqual(count("concern"), before + 1)

    def test_a_repeat_after_a_killed_worker_gets_the_first_answer(self):
        before = count("concern")
        k = key()
        arm("request_after_commit")
        r = self.post_concern(k)
        self.assertEqual(r.status, 502)
        self.assertIn("Idempotency-Key", r.text)
        self.assertEqual(count("concern"), before + 1)
        again = self.post_concern(k)
        self.assertEqual(again.status, 201, again.text)
        self.assertEqual(again.header("Idempotent-Replayed"), "true")
        self.assertEqual(count("concern"), before + 1)
        # the first answer, as it was: the concern it made
        loc = again.header("Location")
        self.assertEqual(sql_value("SELECT COUNT(*) FROM concern WHERE"
                                   " public_id = '%s'" % loc[-22:]), "1")
        self.assertEqual(api("GET", loc, self.tok).status, 200)
        # and once more
        third = self.post_concern(k)
        self.assertEqual((third.status, third.body,
                          third.header("Location")),
                         (again.status, again.body, loc))

    def test_a_log_write_killed_before_its_commit_leaves_nothing(self):
        """A note's audit rows and event wait for its COMMIT (tail.h):
        a worker killed just before it leaves none of them, the read of
        the log included; sent again, the note is there once."""
        holder = login("ansatt")
        log, _ = open_log(holder, "Drept Notat", "2016-03-03")
        lid = int(sql_value("SELECT id FROM relay_log WHERE public_id ="
                            " '%s'" % log))
        audit = "object_id = %d AND object_type IN ('log', 'note')" % lid
        rows = count("audit", audit)
        body = xml_body("note", kind="note", text="Skrevet før drapet")
        arm("request_before_commit")
        r = api("POST", "/api/v1/logs/%s/notes" % log, self.tok, body)
        self.assertEqual(r.status, 502, r.text)
        self.assertTrue(fired("request_before_commit"))
        self.assertEqual(events(log, "note"), [])
        self.assertEqual(count("audit", audit), rows)
        r = api("POST", "/api/v1/logs/%s/notes" % log, self.tok, body)
        self.assertEqual(r.status, 201, r.text)
        self.assertEqual(len(events(log, "note")), 1)
        self.assertEqual(count("audit", audit), rows + 2)

    def test_a_key_used_for_another_request_is_refused(self):
        k = key()
        self.assertEqual(self.post_concern(k).status, 201)
        before = count("concern")
        r = self.post_concern(k, child__name="Annen Person")
        self.assertEqual(r.status, 422, r.text)
        self.assertIn("Idempotency-Key", r.text)
        self.assertEqual(count("concern"), before)
        # and a key that is no key
        r = self.post_concern("with spaces in it")
        self.assertEqual(r.status, 400, r.text)
        r = self.post_concern("x" * 256)
        self.assertEqual(r.status, 400, r.text)
        self.assertEqual(count("concern"), before)

    def test_two_at_once_with_one_key_run_once(self):
        before = count("concern")
        k = key()
        arm("request_before_commit", "sleep 1500")
        out = []

        def send():
            out.append(self.post_concern(k))
        threads = [threading.Thread(target=send) for _ in range(2)]
        threads[0].start()
        time.sleep(0.3)
        threads[1].start()
        for t in threads:
            t.join()
        self.assertEqual(sorted(r.status for r in out), [201, 201],
                         [r.text for r in out])
        self.assertEqual(len(set(r.header("Location") for r in out)), 1)
        self.assertEqual(sorted(str(r.header("Idempotent-Replayed"))
                                for r in out), ["None", "true"])
        self.assertEqual(count("concern"), before + 1)

    def concern_page(self, c):
        """The concern form's csrf and key fields, as a browser has them."""
        page = c.get("/forms/concern").text
        idem = re.search(r'name="idem" value="([0-9a-f]{32})"', page)
        self.assertTrue(idem, "the form carries no key")
        return [("csrf", csrf_of(page)), ("idem", idem.group(1))]

    def test_a_form_sent_twice_is_saved_once(self):
        c = login("ansatt")
        before = count("concern")
        fields = self.concern_page(c) + concern_form_fields()
        arm("request_after_commit")
        first = c.post("/forms/concern", fields)
        self.assertEqual(first.status, 502)
        second = c.post("/forms/concern", fields)
        self.assertEqual(second.status, 303, second.text)
        self.assertEqual(second.header("Idempotent-Replayed"), "true")
        third = c.post("/forms/concern", fields)
        self.assertEqual(third.header("Location"), second.header("Location"))
        self.assertEqual(count("concern"), before + 1)
        # a new page is a new key: the same content again is a new concern
        fresh = self.concern_page(c)[1]
        self.assertNotEqual(fresh, fields[1])
        fields[1] = fresh
        self.assertEqual(c.post("/forms/concern", fields).status, 303)
        self.assertEqual(count("concern"), before + 2)

    def test_a_form_corrected_after_an_error_keeps_its_key(self):
        c = login("ansatt")
        before = count("concern")
        base = self.concern_page(c)
        bad = [(n, v) for n, v in concern_form_fields()
               if n != "/concern/child/name"]
        self.assertEqual(c.post("/forms/concern", base + bad).status, 422)
        good = base + concern_form_fields()
        self.assertEqual(c.post("/forms/concern", good).status, 303)
        self.assertEqual(count("concern"), before + 1)

    def lost_commit(self, send, created):
        """The connection dies while the commit is on its way: nobody
        knows whether it was saved, and the answer says so (not
        "nothing was saved"); the repeat with the key is safe. send()
        sends the same request each time; created is its status."""
        before = count("concern")
        arm("request_before_commit", "sleep 1500")
        out = []
        t = threading.Thread(target=lambda: out.append(send()))
        t.start()
        self.assertTrue(wait_for(lambda: fired("request_before_commit")))
        time.sleep(0.3)
        # the application's connections: the one about to commit among
        # them (the others connect again)
        for tid in root_sql("SELECT id FROM information_schema.processlist"
                            " WHERE user = 'stafett'").split():
            root_sql("KILL %s" % tid)
        t.join()
        r = out[0]
        self.assertEqual(r.status, 503, r.text)
        self.assertNotIn("nothing was saved", r.text)
        self.assertNotIn("ingenting ble lagret", r.text)
        self.assertEqual(count("concern"), before)
        again = send()
        self.assertEqual(again.status, created, again.text)
        self.assertEqual(count("concern"), before + 1)

    def test_a_lost_commit_is_not_called_nothing_saved(self):
        """A concern through the API: one call that is its own
        transaction (sql/0027_concern_store.sql)."""
        k = key()
        self.lost_commit(lambda: self.post_concern(k), 201)

    def test_a_lost_commit_of_a_held_transaction(self):
        """A concern from the browser, whose key is claimed first: the
        request's transaction, committed after the handler."""
        c = login("ansatt")
        fields = self.concern_page(c) + concern_form_fields()
        self.lost_commit(lambda: c.post("/forms/concern", fields), 303)

    def test_a_lock_nobody_caused_is_waited_out(self):
        """A write that meets a lock held past the lock wait (2 s here)
        is run again, and the user is not told that someone else changed
        the log: nobody did."""
        c = login("ansatt")
        log, _ = open_log(c, "Rolf Strand", BIRTH)
        lid = sql_value("SELECT id FROM relay_log WHERE public_id = '%s'"
                        % log)
        holder = hold_lock("SELECT id FROM relay_log WHERE id = %s FOR"
                           " UPDATE" % lid, 3)
        time.sleep(0.5)
        try:
            r = api("POST", "/api/v1/logs/%s/notes" % log, self.tok,
                    xml_body("note", kind="note", text="Ringte mor."),
                    headers={"Idempotency-Key": key()})
        finally:
            holder.wait(timeout=30)
        self.assertIn(r.status, (200, 201), r.text)
        self.assertIn("run again after a lock was given up", app_log())

    def test_every_write_route_takes_a_key(self):
        """Generated from the route table: every route that changes
        something looks at the key before its handler runs (a key that
        is no key is refused there, whatever the route)."""
        routes = [l.split() for l in stafett("routes").stdout.splitlines()]
        browser = login("ansatt")
        admin = login("admin")
        csrf = {"staff": browser.csrf(), "user": browser.csrf(),
                "admin": admin.csrf("/admin/partners")}
        wrong = []
        checked = 0
        for method, pattern, perm in routes:
            if method != "POST" or perm in ("public", "partner"):
                continue
            path = pattern.replace("{id}", "AAAAAAAAAAAAAAAAAAAAAA") \
                .replace("{form}", "concern")
            if path.startswith("/api/"):
                who = "admin" if perm == "admin" else "ansatt"
                r = api("POST", path, token(who), "<x/>",
                        headers={"Idempotency-Key": "no key"})
            elif path.endswith("/attachment"):
                body = ("--b\r\nContent-Disposition: form-data;"
                        " name=\"csrf\"\r\n\r\n%s\r\n--b\r\n"
                        "Content-Disposition: form-data; name=\"idem\""
                        "\r\n\r\nno key\r\n--b--\r\n" % csrf[perm])
                r = browser.request("POST", path, body.encode(), {
                    "Content-Type": "multipart/form-data; boundary=b"})
            else:
                c = admin if perm == "admin" else browser
                r = c.post(path, [("csrf", csrf[perm]), ("idem", "no key")])
            checked += 1
            if r.status != 400 or "Idempotency-Key" not in r.text:
                wrong.append("%s %s: %d" % (method, pattern, r.status))
        self.assertGreater(checked, 30)
        self.assertEqual(wrong, [])

    def test_a_repeat_writes_nothing_on_any_kind_of_write(self):
        """A repeat of each kind of write answers the first answer and
        writes nothing: not a row, not an event, not an audit line."""
        c = login("ansatt")
        log, _ = open_log(c, "Siri Moe", BIRTH)
        consent = give_consent("ansatt", log, "Siri Moe", BIRTH,
                               "health_clinic")
        writes = [
            ("/api/v1/forms/concern", concern_xml()),
            ("/api/v1/logs/%s/notes" % log,
             xml_body("note", kind="note", text="Møte avtalt.")),
            ("/api/v1/consents/%s/withdraw" % consent, "<input/>"),
        ]
        tables = ("concern", "case_event", "audit", "outbox", "consent")
        for path, body in writes:
            k = key()
            first = api("POST", path, self.tok, body,
                        headers={"Idempotency-Key": k})
            self.assertLess(first.status, 300, (path, first.text))
            before = [count(t) for t in tables]
            again = api("POST", path, self.tok, body,
                        headers={"Idempotency-Key": k})
            self.assertEqual((again.status, again.body,
                              again.header("Location")),
                             (first.status, first.body,
                              first.header("Location")), path)
            self.assertEqual(again.header("Idempotent-Replayed"), "true")
            self.assertEqual([count(t) for t in tables], before, path)


def concern_form_fields():
    from stafett_test import concern_fields
    return [(n, v) for n, v in concern_fields("") if n != "csrf"]


class ServeFaults(unittest.TestCase):
    """3 and 6: the serve master and its workers."""

    def test_workers_die_with_their_master(self):
        master = master_pid()
        kids = worker_pids() + monitor_pid()
        self.assertTrue(kids)
        os.kill(master, signal.SIGKILL)
        self.assertTrue(wait_for(lambda: not any(alive(p) for p in kids),
                                 timeout=30), [p for p in kids if alive(p)])
        # nothing holds the socket: a new set starts
        start_serve()
        self.assertNotEqual(master_pid(), master)

    def test_a_second_set_is_refused(self):
        master = master_pid()
        p = subprocess.run([BIN, "serve"], env=env(), capture_output=True,
                           text=True, timeout=60)
        self.assertNotEqual(p.returncode, 0)
        self.assertIn("still holds", p.stderr)
        self.assertEqual(master_pid(), master)
        self.assertEqual(api("GET", "/healthz").status, 200)

    def test_a_stale_worker_keeps_a_new_set_out_until_it_is_gone(self):
        """A worker that could not die with its master (stopped, say)
        still holds the lock: start refuses rather than serve beside it,
        and once it is gone the start goes through."""
        master = master_pid()
        stale = worker_pids()[0]
        os.kill(stale, signal.SIGSTOP)
        try:
            os.kill(master, signal.SIGKILL)
            self.assertTrue(wait_for(lambda: worker_pids() == [] or
                                     not alive(master), timeout=30))
            p = subprocess.run([BIN, "serve"], env=env(),
                               capture_output=True, text=True, timeout=60)
            self.assertNotEqual(p.returncode, 0)
            self.assertIn("still holds", p.stderr)
        finally:
            os.kill(stale, signal.SIGCONT)
        self.assertTrue(wait_for(lambda: not alive(stale), timeout=30))
        start_serve()

    def test_a_stop_answers_what_is_queued(self):
        """Stopped while every worker is busy and more requests wait on
        the socket: every one of them is answered, none is reset."""
        n = len(worker_pids())
        arm("request", "sleep 1500 x%d" % n)
        results = []
        lock = threading.Lock()

        def get():
            r = api("GET", "/login")
            with lock:
                results.append(r.status)
        threads = [threading.Thread(target=get) for _ in range(n + 5)]
        for t in threads:
            t.start()
            time.sleep(0.02)
        self.assertTrue(wait_for(lambda: fired("request"), timeout=10))
        time.sleep(0.3)
        master = master_pid()
        os.kill(master, signal.SIGTERM)
        for t in threads:
            t.join()
        self.assertTrue(wait_for(lambda: not alive(master), timeout=60))
        try:
            self.assertEqual(results, [200] * (n + 5))
            self.assertIn("queued requests before stopping", app_log())
        finally:
            start_serve()


class DatabaseFaults(unittest.TestCase):
    """4 and 5: a database that is gone, stalled or cannot write."""

    def setUp(self):
        self.tok = token("ansatt")

    def test_health_reconnects_before_it_judges(self):
        c = login("ansatt")
        ids = root_sql("SELECT id FROM information_schema.processlist"
                       " WHERE user = 'stafett'").split()
        self.assertTrue(ids)
        for i in ids:
            try:
                root_sql("KILL %s" % i)
            except subprocess.CalledProcessError:
                pass
        for _ in range(10):
            self.assertEqual(api("GET", "/healthz").status, 200)
        for _ in range(10):
            self.assertEqual(c.get("/").status, 200)

    def test_health_says_when_the_database_cannot_write(self):
        before = count("concern")
        root_sql("SET GLOBAL read_only = 1")
        try:
            self.assertTrue(wait_for(lambda: api("GET", "/healthz").text ==
                                     "database cannot write\n", timeout=15))
            r = api("POST", "/api/v1/forms/concern", self.tok,
                    concern_xml(), headers={"Idempotency-Key": key()})
            self.assertEqual(r.status, 503, r.text)
            self.assertEqual(r.header("Retry-After"), "2")
            self.assertIn("nothing was saved", api(
                "POST", "/api/v1/forms/concern", self.tok, concern_xml(),
                headers={"Accept-Language": "en",
                         "Idempotency-Key": key()}).text)
            # reading still works
            self.assertEqual(api("GET", "/api/v1/forms/concern",
                                 self.tok).status, 200)
        finally:
            root_sql("SET GLOBAL read_only = 0")
        self.assertEqual(count("concern"), before)
        self.assertTrue(wait_for(lambda: api("GET", "/healthz").status ==
                                 200, timeout=15))
        r = api("POST", "/api/v1/forms/concern", self.tok, concern_xml())
        self.assertEqual(r.status, 201, r.text)

    def test_a_stalled_database_is_answered_quickly(self):
        """MariaDB frozen (SIGSTOP) for 12 s: no request waits longer
        than the read time-out (7 s), those after the first seconds are
        answered 503 at once with Retry-After, /healthz stays fast, and
        all is well soon after it thaws."""
        c = login("ansatt")
        results = []
        lock = threading.Lock()
        stop = threading.Event()

        def load():
            while not stop.is_set():
                t = time.time()
                try:
                    s = c.get("/").status
                except Exception as e:
                    s = repr(e)
                with lock:
                    results.append((t, time.time() - t, s))
                time.sleep(0.05)
        threads = [threading.Thread(target=load) for _ in range(4)]
        frozen = time.time()
        os.kill(db_pid(), signal.SIGSTOP)
        try:
            for t in threads:
                t.start()
            time.sleep(3)
            t0 = time.time()
            h = api("GET", "/healthz")
            self.assertLess(time.time() - t0, 1.0)
            self.assertEqual(h.status, 503)
            self.assertEqual(h.header("Retry-After"), "2")
            time.sleep(9)
        finally:
            os.kill(db_pid(), signal.SIGCONT)
            thawed = time.time()
        time.sleep(1)
        stop.set()
        for t in threads:
            t.join()
        during = [r for r in results if r[0] < thawed]
        self.assertTrue(during)
        self.assertTrue(all(isinstance(r[2], int) for r in results),
                        results)
        self.assertLess(max(r[1] for r in during), 9.0, during)
        late = [r for r in during if r[0] > frozen + 8 and r[0] + r[1] <
                thawed]
        self.assertTrue(late, during)
        self.assertTrue(all(r[2] == 503 and r[1] < 1.0 for r in late), late)
        self.assertTrue(wait_for(lambda: c.get("/").status == 200,
                                 timeout=15))
        self.assertTrue(wait_for(lambda: api("GET", "/healthz").status ==
                                 200, timeout=15))


if __name__ == "__main__":
    unittest.main()
