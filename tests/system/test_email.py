"""test_email.py: notices to people sent as e-mail by notify (issue 5):
every kind reaches the right person, once, in their language, with a
link to the page and nothing about the child; a person's choice to get
no e-mail of a kind is respected; 4xx and dropped connections are tried
again, 5xx is dead; STARTTLS when required (or nothing is sent), the
password only over it; two notify processes never send one e-mail
twice; with e-mail off the notices wait.

The fake mail server (fake_smtp.py) listens on the port run.sh named in
smtp_url, offering STARTTLS with the test CA's certificate. The stack's
own notify process sends too; tests wait for the outcome in the
database, whichever process got there, and stop it when they need to
be the only sender."""
import base64
import datetime
import email
import email.policy
import hashlib
import os
import re
import subprocess
import time
import unittest

from caselog_fixtures import (add_participant, day, decide, give_consent,
                              instance, login, new_concern, user_id,
                              user_pid, xml_body)
from fake_partner import pki
from fake_smtp import FakeSMTP
from stafett_test import (BIN, DIR, URL, api, csrf_of, env, nin_for,
                          notify_paused, notify_together, sql, sql_value,
                          stafett, token, wait_for)

PORT = int(os.environ["STAFETT_TEST_SMTP_PORT"])

# The child and what was written about it: none of it may leave by
# e-mail, in any encoding.
CHILD = "Ingeborg Ødegård"
BORN = datetime.date(2017, 5, 9)
NIN = nin_for(BORN, synthetic=True)
BIRTH = BORN.isoformat()
SECRETS = [CHILD, "Ingeborg", "Ødegård", "Odegard", NIN, BIRTH,
           BORN.strftime("%d.%m.%Y"), BORN.strftime("%d%m%y"),
           "trist og sliten", "Mamma gråter", "Fast voksen om morgenen",
           "Trygg levering", "Møterom Tusenfryd", "Samtale om overgangen",
           "Har ikke kapasitet", "Det går bra nå"]

PEOPLE = ("partner_id IS NULL AND service IS NULL AND (user_id IS NOT NULL"
          " OR unit_id IS NOT NULL)")


def address(user):
    return sql_value("SELECT email FROM app_user WHERE username = '%s'"
                     % user)


def outbox(where):
    rows = sql("SELECT id, kind, status, attempts, idempotency_key,"
               " IFNULL(last_http_status, ''), IFNULL(last_error, ''),"
               " IFNULL(user_id, ''), IFNULL(unit_id, '') FROM outbox"
               " WHERE %s ORDER BY id" % where)
    return [dict(zip(("id", "kind", "status", "attempts", "key", "code",
                      "error", "user", "unit"), r)) for r in rows]


def attempts(oid):
    return sql("SELECT outcome, IFNULL(http_status, '') FROM"
               " delivery_attempt WHERE outbox_id = %s ORDER BY id" % oid)


def notify_once(extra=None, check=True):
    e = env()
    e.update(extra or {})
    return subprocess.run([BIN, "notify", "--once"], env=e,
                          capture_output=True, text=True, check=check)


def parsed(m):
    return email.message_from_bytes(m["data"], policy=email.policy.default)


def body_of(m):
    return parsed(m).get_content()


def message_id(key, person):
    """What the Message-ID of a notice's e-mail to a person must be: the
    same on every attempt, one per person (mailer.c)."""
    h = hashlib.sha256(("%s.%s" % (key, person)).encode()).digest()
    return "<%s@stafett.test>" % base64.urlsafe_b64encode(h).decode()[:32]


def ticked(html, topic):
    m = re.search(r'<input[^>]*value="%s"[^>]*>' % re.escape(topic), html)
    assert m, topic
    return "checked" in m.group(0)


def notice(user, kind="meeting.invite", log=None):
    """A notice to one person written straight into the outbox (the
    transport is what is tested): its id and key."""
    sql("INSERT INTO outbox (public_id, kind, user_id, log_id,"
        " idempotency_key) VALUES (LEFT(MD5(RAND()), 22), '%s', %d, %s,"
        " LEFT(SHA2(RAND(), 256), 43))"
        % (kind, user_id(user), log if log else "NULL"))
    row = outbox("id = (SELECT MAX(id) FROM outbox)")[0]
    return row["id"], row["key"]




class EmailTest(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.pki = pki(os.path.join(DIR, "pki"))
        # Notices other files left waiting (no mail server listened
        # then) must not arrive here and be counted as this file's.
        sql("UPDATE outbox SET status = 'cancelled' WHERE %s AND status"
            " IN ('queued', 'failed', 'in_flight')" % PEOPLE)
        sql("DELETE FROM email_preference")
        cls.fake = FakeSMTP(PORT, cls.pki)

    @classmethod
    def tearDownClass(cls):
        sql("DELETE FROM email_preference")
        cls.fake.stop()

    def setUp(self):
        sql("DELETE FROM email_preference")

    def mails(self, key):
        return [m for m in self.fake.messages()
                if parsed(m)["X-Stafett-Idempotency-Key"] == key]

    def settle(self, where, statuses=("delivered",), timeout=40):
        """Run notify until every notice of where is in statuses."""
        def done():
            rows = outbox(where)
            return rows and all(r["status"] in statuses for r in rows)
        notify_once()
        ok = wait_for(done, timeout=timeout, interval=0.3)
        self.assertTrue(ok, outbox(where))
        return outbox(where)

    # ------------------------------------------------------ every kind

    def test_every_kind_reaches_its_people_without_child_data(self):
        holder = login("ansatt")
        sql("UPDATE app_user SET lang = 'en' WHERE username = 'leder3'")
        self.addCleanup(sql, "UPDATE app_user SET lang = 'nb' WHERE"
                        " username = 'leder3'")
        first = int(sql_value("SELECT IFNULL(MAX(id), 0) FROM outbox"))
        # level 0: a concern, and an urgent one left past its deadline
        c1 = new_concern(holder, CHILD, nin=NIN)
        c2 = new_concern(holder, CHILD, nin=NIN, urgent="true")
        sql("UPDATE concern SET deadline = '%s' WHERE public_id = '%s'"
            % (day(-1), c2))
        # level 2: the log, a consent running out in ten days, the
        # nurse taking part, a measure, a meeting, a handover refused
        r = decide(holder, c1, "2", "Foreldrene ønsker samarbeid.")
        self.assertEqual(r.status, 303, r.text[:500])
        log = r.header("Location").rsplit("/", 1)[1]
        lid = sql_value("SELECT id FROM relay_log WHERE public_id = '%s'"
                        % log)
        sql("INSERT INTO child_person (child_id, user_id, relation)"
            " SELECT child_id, %d, 'guardian' FROM relay_log WHERE id = %s"
            % (user_id("forelder"), lid))
        consent = give_consent("ansatt", log, CHILD, BIRTH,
                               "health_clinic ppt", expires=day(10))
        self.assertEqual(add_participant("ansatt", log,
                                         "helsesykepleier").status, 201)
        nurse = user_pid("helsesykepleier")
        t_holder, t_nurse = token("ansatt"), token("helsesykepleier")
        r = api("POST", "/api/v1/logs/%s/measures" % log, t_holder,
                xml_body("measure", what="Fast voksen om morgenen",
                         goal="Trygg levering", start=day(0),
                         evaluation=day(30), responsible=nurse))
        self.assertEqual(r.status, 201, r.text)
        r = api("POST", "/api/v1/logs/%s/meetings" % log, t_holder,
                xml_body("meeting", date=day(3), time="09:30",
                         place="Møterom Tusenfryd",
                         agenda="Samtale om overgangen", invite=[nurse]))
        self.assertEqual(r.status, 201, r.text)
        r = api("POST", "/api/v1/forms/handover?log=%s&to=%s"
                % (log, nurse), t_holder,
                instance("handover", {"new_holder/name": "Nina Berg",
                                      "new_holder/unit":
                                      "helsestasjon-sentrum",
                                      "planned_date": day(7)}))
        self.assertEqual(r.status, 201, r.text)
        handover = r.header("Location").rsplit("/", 1)[1]
        # the e-mail asking to accept is sent before she answers
        self.settle("id > %d AND %s AND kind = 'handover.request'"
                    % (first, PEOPLE))
        r = api("POST", "/api/v1/handovers/%s/refuse" % handover, t_nurse,
                xml_body("answer", reason="Har ikke kapasitet nå."))
        self.assertEqual(r.status, 200, r.text)
        # the calendar: the evaluation is overdue; the sweep finds it,
        # the concern's deadline and the consent about to run out (twice:
        # each is told once)
        sql("UPDATE measure SET eval_date = '%s' WHERE log_id = %s"
            % (day(-1), lid))
        notify_once()
        notify_once()
        # the guardian asks to close, then withdraws the consent
        t_parent = token("forelder")
        r = api("POST", "/api/v1/logs/%s/close-request" % log, t_parent,
                xml_body("input", reason="Det går bra nå."))
        self.assertEqual(r.status, 200, r.text)
        r = api("POST", "/api/v1/consents/%s/withdraw" % consent, t_parent,
                "<input/>")
        self.assertEqual(r.status, 200, r.text)

        mine = ("id > %d AND %s AND (log_id = %s OR concern_id IN (SELECT"
                " id FROM concern WHERE public_id IN ('%s', '%s')))"
                % (first, PEOPLE, lid, c1, c2))
        rows = self.settle(mine)
        who = {str(user_id(u)): u for u in (
            "ansatt", "leder", "leder3", "helsesykepleier", "forelder")}
        fagerli = sql_value("SELECT id FROM unit WHERE code ="
                            " 'fagerli-bhg'")
        got = sorted((r["kind"], who.get(r["user"]) or
                      ("unit" if r["unit"] == fagerli else r["unit"]))
                     for r in rows)
        self.assertEqual(got, sorted([
            ("concern.new", "unit"),
            ("concern.urgent", "unit"),
            ("concern.overdue", "ansatt"), ("concern.overdue", "unit"),
            ("log.participant", "helsesykepleier"),
            ("measure.new", "helsesykepleier"),
            ("meeting.invite", "helsesykepleier"),
            ("handover.request", "helsesykepleier"),
            ("handover.refused", "ansatt"),
            ("measure.overdue", "helsesykepleier"),
            ("measure.overdue", "ansatt"),
            ("consent.expiring", "ansatt"),
            ("consent.expiring", "forelder"),
            ("log.close_request", "ansatt"),
            ("consent.ended", "ansatt"),
        ]))
        leaders = {address("leder"), address("leder3")}
        pages = {"concern": "/concerns/", "handover": "/handovers/%s"
                 % handover}
        for row in rows:
            sent = self.mails(row["key"])
            to = [m["to"] for m in sent]
            expect = leaders if row["unit"] else {
                address(who[row["user"]])}
            # one e-mail to each person it is for
            self.assertEqual(sorted(sum(to, [])), sorted(expect), row)
            for m in sent:
                msg = parsed(m)
                text = msg.get_content().replace("\r\n", "\n")
                if row["kind"].startswith("concern."):
                    cid = c1 if row["kind"] == "concern.new" else c2
                    link = URL + "/concerns/" + cid
                elif row["kind"] == "handover.request":
                    link = URL + pages["handover"]
                else:
                    link = URL + "/logs/" + log
                self.assertIn("\n%s\n" % link, text, row)
                self.assertIn(URL + "/settings/email", text)
                self.assertEqual(msg["Message-ID"], message_id(
                    row["key"], sql_value("SELECT public_id FROM app_user"
                                          " WHERE email = '%s'"
                                          % m["to"][0])))
                self.assertTrue(m["tls"], "STARTTLS was offered")
                self.assertEqual(m["from"], "stafett@stafett.test")
                # nothing about the child, decoded or raw
                for s in SECRETS:
                    self.assertNotIn(s, text, (row, s))
                    self.assertNotIn(s, str(msg["Subject"]), (row, s))
                    self.assertNotIn(s.encode(), m["data"], (row, s))
                    self.assertNotIn(s.lower(), text.lower(), (row, s))
                # nor its log's reference
                self.assertNotIn(sql_value(
                    "SELECT reference FROM relay_log WHERE id = %s" % lid),
                    text)
        # each in the person's language: leder3 reads English
        new = [r for r in rows if r["kind"] == "concern.new"][0]
        subjects = {m["to"][0]: parsed(m) for m in self.mails(new["key"])}
        nb = subjects[address("leder")]
        self.assertEqual(str(nb["Subject"]),
                         "Stafett: ny bekymring i enheten din")
        self.assertEqual(nb["Content-Language"], "nb")
        self.assertIn("Hei,", nb.get_content())
        en = subjects[address("leder3")]
        self.assertEqual(str(en["Subject"]),
                         "Stafett: a new concern in your unit")
        self.assertEqual(en["Content-Language"], "en")
        # a Norwegian subject travels as RFC 2047 encoded words
        req = [r for r in rows if r["kind"] == "handover.request"][0]
        raw = self.mails(req["key"])[0]["data"]
        self.assertIn(b"Subject: =?UTF-8?B?", raw)
        self.assertEqual(str(parsed(self.mails(req["key"])[0])["Subject"]),
                         "Stafett: en overføring venter på svar fra deg")
        self.assertNotIn(b"\n", raw.replace(b"\r\n", b""))
        for line in raw.split(b"\r\n"):
            self.assertLessEqual(len(line), 78)
        # the link opens the page for the person it went to
        link = "/concerns/" + c2
        self.assertIn(URL + link, body_of(self.mails(new["key"])[0]) +
                      body_of(self.mails([r for r in rows if r["kind"] ==
                                          "concern.urgent"][0]["key"])[0]))
        self.assertEqual(login("leder").get(link).status, 200)
        # a unit's e-mails are recorded person by person
        self.assertEqual(sorted(sql(
            "SELECT outcome FROM email_recipient WHERE outbox_id = %s"
            % new["id"])), [["sent"], ["sent"]])

    # ------------------------------------------------------ reminders

    def test_a_leader_is_not_told_of_his_own_concern(self):
        """The unit's other leaders are told of an urgent concern; the
        leader who wrote it is not (issue 16: no "your leader has been
        notified" about himself, on the page or by e-mail)."""
        leader = login("leder")
        concern = new_concern(leader, "Leders Egen", urgent="true")
        cid = sql_value("SELECT id FROM concern WHERE public_id = '%s'"
                        % concern)
        where = "concern_id = %s AND kind = 'concern.urgent'" % cid
        [row] = self.settle(where)
        told = [r[0] for r in sql(
            "SELECT u.username FROM email_recipient e JOIN app_user u ON"
            " u.id = e.user_id WHERE e.outbox_id = %s" % row["id"])]
        self.assertIn("leder3", told)
        self.assertNotIn("leder", told)

    def test_evaluation_reminder_once_per_date(self):
        holder = login("ansatt")
        first = int(sql_value("SELECT IFNULL(MAX(id), 0) FROM outbox"))
        c = new_concern(holder, "Remi Påminnelse", nin=nin_for(
            datetime.date(2018, 2, 3), synthetic=True))
        r = decide(holder, c, "2", "Foreldrene ønsker samarbeid.")
        self.assertEqual(r.status, 303, r.text[:500])
        log = r.header("Location").rsplit("/", 1)[1]
        lid = sql_value("SELECT id FROM relay_log WHERE public_id = '%s'"
                        % log)
        me, t_holder = user_pid("ansatt"), token("ansatt")
        # one measure to evaluate in two days (within the default three),
        # one in ten days
        for what, when in (("Samtale hver fredag", day(2)),
                           ("Lesestund med kontaktlærer", day(10))):
            r = api("POST", "/api/v1/logs/%s/measures" % log, t_holder,
                    xml_body("measure", what=what, goal="Trygghet",
                             start=day(0), evaluation=when,
                             responsible=me))
            self.assertEqual(r.status, 201, r.text)
        soon = ("id > %d AND %s AND log_id = %s AND kind = 'measure.soon'"
                % (first, PEOPLE, lid))
        notify_once()
        notify_once()
        rows = self.settle(soon)
        # one reminder, to the responsible person, by e-mail with the link
        self.assertEqual([r["user"] for r in rows], [str(user_id("ansatt"))])
        sent = self.mails(rows[0]["key"])
        self.assertEqual([m["to"] for m in sent], [[address("ansatt")]])
        self.assertIn("\n%s/logs/%s\n" % (URL, log),
                      body_of(sent[0]).replace("\r\n", "\n"))
        self.assertEqual(sql("SELECT what, eval_reminded FROM measure WHERE"
                             " log_id = %s ORDER BY id" % lid),
                         [["Samtale hver fredag", "1"],
                          ["Lesestund med kontaktlærer", "0"]])
        # evaluated, going on, with a new date just as near: reminded of
        # the new date once more
        measure = sql_value("SELECT public_id FROM measure WHERE log_id = %s"
                            " ORDER BY id LIMIT 1" % lid)
        r = api("POST", "/api/v1/forms/evaluation?measure=%s" % measure,
                t_holder, instance("evaluation", {
                    "date": day(0), "next_evaluation": day(1)}))
        self.assertEqual(r.status, 201, r.text)
        self.assertEqual(sql_value("SELECT eval_reminded FROM measure WHERE"
                                   " public_id = '%s'" % measure), "0")
        notify_once()
        rows = self.settle(soon)
        self.assertEqual(len(rows), 2, rows)

    # ------------------------------------------------------ choices

    def test_opted_out_kind_is_cancelled_not_sent(self):
        nurse = login("helsesykepleier")
        page = nurse.get("/settings/email")
        self.assertEqual(page.status, 200)
        for t in ("log.participant", "measure.new", "meeting.invite",
                  "handover.request"):
            self.assertTrue(ticked(page.text, t), t)     # all on at first
        self.assertNotIn('value="concern.new"', page.text)  # leaders'
        keep = ["log.participant", "meeting.invite", "handover.request",
                "other"]
        r = nurse.post("/settings/email", [("csrf", csrf_of(page.text))] +
                       [("topic", t) for t in keep])
        self.assertEqual(r.status, 303)
        page = nurse.get(r.header("Location"))
        self.assertIn("Valgene dine er lagret.", page.text)
        self.assertFalse(ticked(page.text, "measure.new"))
        self.assertTrue(ticked(page.text, "meeting.invite"))
        self.assertEqual(sql_value(
            "SELECT enabled FROM email_preference WHERE user_id = %d AND"
            " topic = 'measure.new'" % user_id("helsesykepleier")), "0")
        off, _ = notice("helsesykepleier", "measure.new")
        on, key = notice("helsesykepleier", "meeting.invite")
        rows = self.settle("id IN (%s, %s)" % (off, on),
                           ("delivered", "cancelled"))
        self.assertEqual([(r["status"], r["error"]) for r in rows],
                         [("cancelled", "opted out"), ("delivered", "")])
        self.assertEqual(self.mails(rows[0]["key"]), [])
        self.assertEqual(len(self.mails(key)), 1)
        self.assertEqual(attempts(off), [])
        # a unit's notice goes to the leaders who want it
        sql("INSERT INTO email_preference (user_id, topic, enabled) VALUES"
            " (%d, 'concern.new', FALSE)" % user_id("leder3"))
        before = int(sql_value("SELECT IFNULL(MAX(id), 0) FROM outbox"))
        new_concern(login("ansatt"), "Per Olsen")
        row = self.settle("id > %d AND kind = 'concern.new'" % before)[0]
        self.assertEqual([m["to"] for m in self.mails(row["key"])],
                         [[address("leder")]])
        self.assertEqual(sorted(sql(
            "SELECT outcome FROM email_recipient WHERE outbox_id = %s"
            % row["id"])), [["opted_out"], ["sent"]])
        # nobody who wants it: cancelled
        sql("INSERT INTO email_preference (user_id, topic, enabled) VALUES"
            " (%d, 'concern.new', FALSE)" % user_id("leder"))
        new_concern(login("ansatt"), "Kari Olsen")
        row = self.settle("id > %s AND kind = 'concern.new'" % row["id"],
                          ("cancelled",))[0]
        self.assertEqual(row["error"], "opted out")

    def test_settings_page(self):
        c = login("forelder")
        page = c.get("/settings/email")
        self.assertEqual(page.status, 200)
        # a guardian chooses among what a guardian is sent
        self.assertIn('value="consent.expiring"', page.text)
        self.assertNotIn('value="measure.new"', page.text)
        self.assertIn(address("forelder"), page.text)
        # every page links here
        self.assertIn('href="/settings/email"', c.get("/").text)
        # a value that is no kind of e-mail: refused, nothing saved
        r = c.post("/settings/email", [("csrf", csrf_of(page.text)),
                                       ("topic", "consent.expiring"),
                                       ("topic", "everything")])
        self.assertEqual(r.status, 422)
        self.assertIn("Det finnes ingen slik type e-post", r.text)
        self.assertIn('href="#topics"', r.text)
        self.assertIn('id="topics-error"', r.text)
        self.assertEqual(sql_value(
            "SELECT COUNT(*) FROM email_preference WHERE user_id = %d"
            % user_id("forelder")), "0")
        # no CSRF token, no change
        r = c.post("/settings/email", [("topic", "consent.expiring")])
        self.assertEqual(r.status, 403)
        # in English
        page = c.get("/settings/email?lang=en")
        self.assertIn("A consent is about to expire", page.text)
        self.assertIn("E-mail notices", page.text)
        # a leader sees the unit's concerns among the choices
        leader = login("leder").get("/settings/email")
        self.assertIn('value="concern.new"', leader.text)
        # without an address the page says so
        sql("UPDATE app_user SET email = NULL WHERE username = 'ansatt2'")
        try:
            page = login("ansatt2").get("/settings/email")
            self.assertIn("Vi har ingen e-postadresse til deg", page.text)
        finally:
            sql("UPDATE app_user SET email = 'ansatt2@example.invalid'"
                " WHERE username = 'ansatt2'")

    def test_no_address_is_cancelled(self):
        sql("UPDATE app_user SET email = NULL WHERE username = 'ansatt2'")
        try:
            oid, _ = notice("ansatt2")
            row = self.settle("id = %s" % oid, ("cancelled",))[0]
            self.assertEqual(row["error"], "no e-mail address")
        finally:
            sql("UPDATE app_user SET email = 'ansatt2@example.invalid'"
                " WHERE username = 'ansatt2'")

    # ------------------------------------------------------ the transport

    def test_4xx_is_tried_again_then_delivered(self):
        to = address("nav")
        self.fake.script(to, [("rcpt", 451), "ok"])
        oid, key = notice("nav")
        row = self.settle("id = %s" % oid)[0]
        self.assertEqual(row["attempts"], "2")
        self.assertEqual(attempts(oid), [["retry", "451"],
                                         ["delivered", "250"]])
        self.assertEqual(len(self.mails(key)), 1)
        self.assertEqual([f["how"] for f in self.fake.refused
                          if f["to"] == to], [451])

    def test_refused_after_the_data_is_sent_again_the_same(self):
        """A 4xx after the whole message: the repeat is the same message,
        with the same Message-ID, so it can be recognised."""
        to = address("laerer")
        self.fake.script(to, [("data", 452), "drop-data", "ok"])
        oid, key = notice("laerer")
        self.settle("id = %s" % oid, timeout=60)
        got = self.mails(key)
        self.assertEqual(len(got), 1)
        tried = [f for f in self.fake.refused if f["to"] == to]
        self.assertEqual([f["how"] for f in tried], [452, "drop-data"])
        ids = {parsed({"data": f["data"]})["Message-ID"] for f in tried}
        self.assertEqual(ids, {parsed(got[0])["Message-ID"]})
        self.assertEqual([a[0] for a in attempts(oid)],
                         ["retry", "retry", "delivered"])

    def test_dropped_connection_is_tried_again(self):
        to = address("ppt")
        self.fake.script(to, ["drop", "ok"])
        oid, key = notice("ppt")
        self.settle("id = %s" % oid)
        self.assertEqual(len(self.mails(key)), 1)

    def test_5xx_is_dead(self):
        to = address("ungdom")
        self.fake.script(to, [("rcpt", 550)])
        oid, key = notice("ungdom", "consent.expiring")
        row = self.settle("id = %s" % oid, ("dead",))[0]
        self.assertEqual((row["attempts"], row["code"], row["error"]),
                         ("1", "550", "refused by the mail server"
                          " (SMTP 550)"))
        self.assertEqual(attempts(oid), [["dead", "550"]])
        time.sleep(1.5)
        notify_once()
        self.assertEqual(len([f for f in self.fake.refused
                              if f["to"] == to]), 1)
        self.assertEqual(self.mails(key), [])
        # refused after the data: the same
        self.fake.script(to, [("data", 554)])
        oid, key = notice("ungdom", "consent.expiring")
        row = self.settle("id = %s" % oid, ("dead",))[0]
        self.assertEqual(row["code"], "554")
        self.fake.script(to, ["ok"])

    def test_a_repeat_after_a_crash_is_never_sent_twice(self):
        """The e-mail went out, the result was never written (the process
        died): once the lease runs out the notice is settled from what
        was recorded, and nothing is sent again."""
        with notify_paused():
            oid, key = notice("ppt")
            sql("UPDATE outbox SET status = 'in_flight', attempts = 1,"
                " claimed_by = 'gone:1:x', lease_until = NOW(6) -"
                " INTERVAL 1 SECOND WHERE id = %s; INSERT INTO"
                " email_recipient (outbox_id, user_id, outcome, smtp_code)"
                " VALUES (%s, %d, 'sent', 250)" % (oid, oid,
                                                   user_id("ppt")))
            notify_once()
            self.assertEqual(outbox("id = %s" % oid)[0]["status"],
                             "delivered")
            self.assertEqual(self.mails(key), [])

    # ------------------------------------------------------ TLS and login

    def test_starttls_required(self):
        with notify_paused():
            oid, key = notice("ppt")
            notify_once({"STAFETT_SMTP_STARTTLS": "required"})
            self.assertEqual(outbox("id = %s" % oid)[0]["status"],
                             "delivered")
            self.assertTrue(self.mails(key)[0]["tls"])
            # a server that cannot do TLS is sent nothing at all
            plain = FakeSMTP(0)
            try:
                oid, key = notice("ppt")
                notify_once({"STAFETT_SMTP_STARTTLS": "required",
                             "STAFETT_SMTP_URL":
                             "smtp://127.0.0.1:%d" % plain.port})
                row = outbox("id = %s" % oid)[0]
                self.assertEqual(row["status"], "failed")
                self.assertRegex(row["error"], "(?i)ssl|tls")
                self.assertEqual(plain.messages(), [])
                self.assertEqual(plain.refused, [])
            finally:
                plain.stop()
                sql("UPDATE outbox SET status = 'cancelled' WHERE id = %s"
                    % oid)

    def test_login_over_tls_with_the_password_from_a_file(self):
        pw = os.path.join(DIR, "smtp.password")
        with open(pw, "w") as f:
            f.write("hemmelig-smtp-passord\n")
        os.chmod(pw, 0o600)
        login_env = {"STAFETT_SMTP_STARTTLS": "required",
                     "STAFETT_SMTP_USER": "stafett",
                     "STAFETT_SMTP_PASSWORD_FILE": pw}
        with notify_paused():
            oid, key = notice("ppt")
            notify_once(login_env)
            self.assertEqual(outbox("id = %s" % oid)[0]["status"],
                             "delivered")
            m = self.mails(key)[0]
            self.assertTrue(m["tls"])
            self.assertEqual(m["auth"], ("stafett", "hemmelig-smtp-passord"))
            # a password file others may read: notify will not start
            os.chmod(pw, 0o644)
            r = notify_once(login_env, check=False)
            self.assertEqual(r.returncode, 1)
            self.assertIn("smtp_password_file", r.stderr)
            self.assertNotIn("hemmelig", r.stderr)
            # and never over a connection in clear
            r = notify_once(dict(login_env, STAFETT_SMTP_STARTTLS="try"),
                            check=False)
            self.assertEqual(r.returncode, 1)
            self.assertIn("TLS", r.stderr)

    # ------------------------------------------------------ processes

    def test_two_notify_processes_send_each_email_once(self):
        with notify_paused():
            first = int(sql_value("SELECT IFNULL(MAX(id), 0) FROM outbox"))
            sql("INSERT INTO outbox (public_id, kind, user_id, unit_id,"
                " idempotency_key) SELECT LEFT(MD5(CONCAT(seq, RAND())),"
                " 22), 'meeting.invite', IF(seq %% 5 = 0, NULL, %d),"
                " IF(seq %% 5 = 0, (SELECT id FROM unit WHERE code ="
                " 'fagerli-bhg'), NULL), LEFT(SHA2(CONCAT(seq, RAND()),"
                " 256), 43) FROM seq_1_to_40" % user_id("helsesykepleier"))
            self.assertEqual(notify_together(2), [0, 0])
            rows = outbox("id > %d" % first)
            self.assertEqual(len(rows), 40)
            self.assertEqual([r for r in rows if r["status"] !=
                              "delivered"], [])
            for r in rows:
                to = sorted(m["to"][0] for m in self.mails(r["key"]))
                self.assertEqual(to, sorted([address("leder"),
                                             address("leder3")])
                                 if r["unit"] else
                                 [address("helsesykepleier")], r)

    def test_email_off_notices_wait(self):
        with notify_paused():
            oid, key = notice("ppt")
            r = notify_once({"STAFETT_SMTP_URL": ""})
            self.assertIn("e-mail is off", r.stderr)
            self.assertEqual(outbox("id = %s" % oid)[0]["status"],
                             "queued")
        self.settle("id = %s" % oid)
        self.assertEqual(len(self.mails(key)), 1)


if __name__ == "__main__":
    unittest.main()


class AddressFromTheCommandLine(unittest.TestCase):
    """`stafett user email USER ADDRESS` sets where a person's e-mail
    goes; a bad address or an unknown user changes nothing."""

    def address(self, user):
        return sql_value("SELECT COALESCE(email, '-') FROM app_user WHERE "
                         "username = '%s'" % user)

    def test_set_refuse_and_remove(self):
        before = self.address("laerer")
        try:
            r = stafett("user", "email", "laerer", "laerer.ny@example.test")
            self.assertEqual(r.returncode, 0, r.stderr)
            self.assertEqual(self.address("laerer"), "laerer.ny@example.test")
            self.assertNotIn("laerer.ny", r.stdout + r.stderr)
            for bad in ("uten-krøllalfa", "to@@example.test",
                        "a b@example.test", "x@example.test\r\nBcc: y@z",
                        "x" * 250 + "@example.test"):
                r = stafett("user", "email", "laerer", bad, check=False)
                self.assertEqual(r.returncode, 1, bad)
                self.assertEqual(self.address("laerer"),
                                 "laerer.ny@example.test", bad)
            r = stafett("user", "email", "ingen-slik", "a@example.test",
                        check=False)
            self.assertEqual(r.returncode, 1)
            self.assertIn("no active user", r.stderr)
            r = stafett("user", "email", "laerer", "")
            self.assertEqual(self.address("laerer"), "-")
        finally:
            sql("UPDATE app_user SET email = %s WHERE username = 'laerer'"
                % ("NULL" if before == "-" else "'%s'" % before))
