"""test_privacy.py: what a person can learn about a child they are not
working with (nothing), over real HTTP. The classes of hole an
independent review found, each with the test that would have caught it:

- an identity number is no key into a child's relay log: a concern about
  a child with an open log is passed to its holder, never opened to its
  author (IdentityNumberOpensNothing);
- participation is per person: a consent names units and persons, not
  kinds of service (ConsentNamesPeople);
- every list and link of a start page follows the rule of the log page,
  through consent given, withdrawn and expired (StartPageFollowsTheLog);
- withdrawal withdraws a pending handover to someone no longer covered
  (ConsentEndsAHandover);
- the audit says what happened: reads are reads, and a report child
  welfare withholds leaves no line the guardians see (AuditSaysWhat);
- an e-mail about a log goes only to who may read it (MailFollowsTheLog);
- the two-year consultation is the joint record of the two services and
  the parents, and its follow-up as a concern makes one
  (TwoYearConsultationIsShared).

The route-table classes (not yours = not there, a closed log takes no
writes) are in test_access_matrix.py."""
import datetime
import secrets
import unittest

from caselog_fixtures import (add_participant, consent_xml, day, decide,
                              give_consent, instance, login, new_concern,
                              open_log, user_id, user_pid, xml_body)
from stafett_test import (api, count, nin_for, sql, sql_value, stafett,
                          today, token)


def log_of(pid):
    return int(sql_value("SELECT id FROM relay_log WHERE public_id = '%s'"
                         % pid))


def concern_row(pid):
    return dict(zip(("status", "level", "log_id", "passed_state",
                     "passed_log_id"), sql(
        "SELECT status, level, COALESCE(log_id, ''), COALESCE(passed_state,"
        " ''), COALESCE(passed_log_id, '') FROM concern WHERE public_id ="
        " '%s'" % pid)[0]))


def nin_log(holder, name, born):
    """A level-2 log for a child identified by an identity number (so a
    concern elsewhere finds the same child): (log, nin)."""
    nin = nin_for(born, individual=500 + secrets.randbelow(400))
    log, _ = open_log(holder, name, born.isoformat(), nin=nin)
    return log, nin


class IdentityNumberOpensNothing(unittest.TestCase):
    """A teacher outside the log writes a concern with the identity
    number of a child whose log the kindergarten holds, and decides
    level 3: the concern is passed to the log's holder; the teacher
    learns nothing of the log; the log's level stays the holder's."""

    def setUp(self):
        self.holder = login("ansatt")
        # a child of its own for each test, whatever ran before
        self.born = datetime.date(2018, 1, 1) + datetime.timedelta(
            days=secrets.randbelow(700))
        self.log, self.nin = nin_log(self.holder, "Nummer Nøkkel",
                                     self.born)
        self.teacher = login("laerer")
        self.concern = new_concern(self.teacher, "Nummer Nøkkel", "",
                                   self.nin)

    def pass_it(self):
        r = decide(self.teacher, self.concern, "3",
                   "Vi er bekymret for omsorgen hjemme.")
        self.assertEqual(r.status, 303, r.text[:500])
        return r

    def test_the_author_is_told_only_that_it_was_passed_on(self):
        level = sql_value("SELECT level FROM relay_log WHERE public_id ="
                          " '%s'" % self.log)
        r = self.pass_it()
        # to the concern, not the log
        self.assertEqual(r.header("Location"), "/concerns/" + self.concern)
        row = concern_row(self.concern)
        self.assertEqual((row["status"], row["level"], row["log_id"],
                          row["passed_state"]), ("passed", "3", "",
                                                 "pending"))
        self.assertEqual(row["passed_log_id"], str(log_of(self.log)))
        # the log is as it was: its level, no new participant
        self.assertEqual(sql_value("SELECT level FROM relay_log WHERE"
                                   " public_id = '%s'" % self.log), level)
        self.assertEqual(count("log_participant p JOIN relay_log l ON l.id"
                               " = p.log_id", "l.public_id = '%s' AND"
                               " p.user_id = %d" % (self.log,
                                                    user_id("laerer"))), 0)
        # the author reads that it was passed on, and nothing of the log
        page = self.teacher.get("/concerns/" + self.concern)
        self.assertEqual(page.status, 200)
        self.assertIn("sendt videre til dem som har ansvaret", page.text)
        ref = sql_value("SELECT reference FROM relay_log WHERE public_id ="
                        " '%s'" % self.log)
        for secret in (self.log, ref, "Ingrid Solberg", "stafettlogg "):
            self.assertNotIn(secret, page.text)
        api_page = api("GET", "/api/v1/concerns/" + self.concern,
                       token("laerer"))
        self.assertEqual(api_page.header("Stafett-Level"), "3")
        self.assertNotIn(self.log, api_page.text)
        for who in ("laerer",):
            self.assertEqual(api("GET", "/api/v1/logs/" + self.log,
                                 token(who)).status, 404)
        home = self.teacher.get("/")
        self.assertNotIn(self.log, home.text)
        self.assertNotIn(ref, home.text)

    def test_the_holder_takes_it_in(self):
        self.pass_it()
        # the holder is told: on the start page and on the log page
        home = self.holder.get("/")
        self.assertIn('href="/concerns/%s"' % self.concern, home.text)
        page = self.holder.get("/logs/" + self.log)
        self.assertIn('href="/concerns/%s#receive"' % self.concern,
                      page.text)
        # closing waits for it
        r = api("POST", "/api/v1/forms/closing?log=" + self.log,
                token("ansatt"), instance("closing"))
        self.assertEqual(r.status, 422, r.text)
        self.assertIn("/closing/reason", r.text)
        # the participant of the log does not decide, nor sees it
        add = add_participant("ansatt", self.log, "helsesykepleier")
        self.assertIn(add.status, (201, 422))
        self.assertEqual(api("GET", "/api/v1/concerns/" + self.concern,
                             token("helsesykepleier")).status, 404)
        r = api("POST", "/api/v1/concerns/%s/receive" % self.concern,
                token("ansatt"), xml_body("receive", decision="take",
                                          answer="Tatt inn etter samtale."))
        self.assertEqual(r.status, 200, r.text)
        self.assertEqual(r.header("Location"), "/api/v1/logs/" + self.log)
        row = concern_row(self.concern)
        self.assertEqual((row["log_id"], row["passed_state"]),
                         (str(log_of(self.log)), "taken"))
        # its timeline is in the log's now, and the taking in is
        self.assertEqual(count("case_event e JOIN concern c ON c.id ="
                               " e.concern_id", "c.public_id = '%s' AND"
                               " e.log_id IS NULL" % self.concern), 0)
        self.assertEqual(count("case_event", "log_id = %d AND kind ="
                               " 'concern_taken'" % log_of(self.log)), 1)
        # once
        again = api("POST", "/api/v1/concerns/%s/receive" % self.concern,
                    token("ansatt"), xml_body("receive", decision="take"))
        self.assertEqual(again.status, 409)
        # and the author still learns nothing of the log
        page = self.teacher.get("/concerns/" + self.concern)
        self.assertEqual(page.status, 200)
        self.assertNotIn(self.log, page.text)
        self.assertNotIn("tatt inn", page.text.lower())
        self.assertEqual(api("GET", "/api/v1/logs/" + self.log,
                             token("laerer")).status, 404)

    def test_the_leader_answers_it(self):
        self.pass_it()
        leader = login("leder")
        self.assertEqual(leader.get("/concerns/" + self.concern).status,
                         200)
        r = api("POST", "/api/v1/concerns/%s/receive" % self.concern,
                token("leder"), xml_body("receive", decision="answer"))
        self.assertEqual(r.status, 422)     # an answer needs its text
        r = api("POST", "/api/v1/concerns/%s/receive" % self.concern,
                token("leder"), xml_body(
                    "receive", decision="answer",
                    answer="Takk. Vi kjenner til saken og tar kontakt."))
        self.assertEqual(r.status, 200, r.text)
        self.assertEqual(concern_row(self.concern)["passed_state"],
                         "answered")
        # the author reads the answer, not who gave it
        page = self.teacher.get("/concerns/" + self.concern)
        self.assertIn("Vi kjenner til saken og tar kontakt.", page.text)
        self.assertNotIn("Per Hansen", page.text)
        self.assertEqual(count("outbox o JOIN concern c ON c.id ="
                               " o.concern_id", "c.public_id = '%s' AND"
                               " o.kind = 'concern.answered' AND o.user_id"
                               " = %d" % (self.concern, user_id("laerer"))),
                         1)
        # the teacher may not decide about it
        r = api("POST", "/api/v1/concerns/%s/receive" % self.concern,
                token("laerer"), xml_body("receive", decision="take"))
        self.assertEqual(r.status, 403)

    def test_a_reader_of_the_log_joins_it(self):
        """Someone who may read the log (its unit's leader) is not kept
        out of it: their concern joins it, and they may raise its level."""
        leader = login("leder")
        c = new_concern(leader, "Nummer Nøkkel", "", self.nin)
        r = decide(leader, c, "3", "Trenger flere tjenester.")
        self.assertEqual(r.status, 303, r.text[:500])
        self.assertEqual(r.header("Location"), "/logs/" + self.log)
        self.assertEqual(concern_row(c)["log_id"], str(log_of(self.log)))
        self.assertEqual(sql_value("SELECT level FROM relay_log WHERE"
                                   " public_id = '%s'" % self.log), "3")


class ConsentNamesPeople(unittest.TestCase):
    """A consent names the services as units, and may name persons:
    another unit of the same kind is not covered, and of a unit it names
    persons of, only they take part."""

    @classmethod
    def setUpClass(cls):
        # a second health nurse at Familiesenteret
        sql("INSERT IGNORE INTO app_user (public_id, username, display_name,"
            " role, unit_id) SELECT 'PrivacyTestNurseTwo000', 'helse2',"
            " 'Hanne To', 'employee', id FROM unit WHERE code ="
            " 'helsestasjon-sentrum'")

    def setUp(self):
        self.holder = login("ansatt")

    def test_a_unit_of_the_same_kind_is_not_covered(self):
        log, _ = open_log(self.holder, "Enhet Ikke Type", "2016-06-06")
        # the school health service is a health clinic too, but not the
        # nurse's: a consent for it does not let her in
        r = api("POST", "/api/v1/forms/consent?log=" + log, token("ansatt"),
                consent_xml("Enhet Ikke Type", "2016-06-06", "skolehelse"))
        self.assertEqual(r.status, 201, r.text)
        r = add_participant("ansatt", log, "helsesykepleier")
        self.assertEqual(r.status, 422, r.text)
        self.assertIn("user", r.text)
        give_consent("ansatt", log, "Enhet Ikke Type", "2016-06-06",
                     "health_clinic")
        self.assertEqual(add_participant("ansatt", log,
                                         "helsesykepleier").status, 201)

    def test_named_persons_alone(self):
        log, _ = open_log(self.holder, "Navngitt Person", "2016-07-07")
        r = api("POST", "/api/v1/forms/consent?log=" + log, token("ansatt"),
                consent_xml("Navngitt Person", "2016-07-07", "health_clinic",
                            persons=user_pid("helsesykepleier")))
        self.assertEqual(r.status, 201, r.text)
        self.assertEqual(add_participant("ansatt", log, "helse2").status,
                         422)
        self.assertEqual(add_participant("ansatt", log,
                                         "helsesykepleier").status, 201)
        # the log says who the consent names
        page = self.holder.get("/logs/" + log)
        self.assertIn("Familiesenteret, helsestasjonen Larvik sentrum (bare:"
                      " Nina Berg)", page.text)
        # a person outside the services it names is refused by name
        r = api("POST", "/api/v1/forms/consent?log=" + log, token("ansatt"),
                consent_xml("Navngitt Person", "2016-07-07", "ppt",
                            persons=user_pid("helsesykepleier")))
        self.assertEqual(r.status, 422)
        self.assertIn("/consent/persons/person[1]/who", r.text)

    def test_the_earlier_form_is_not_taken(self):
        log, _ = open_log(self.holder, "Gammel Versjon", "2016-08-08")
        old = instance("consent-v1", {
            "child/name": "Gammel Versjon", "child/birthdate": "2016-08-08",
            "valid_from": day(0), "expires": day(60)})
        r = api("POST", "/api/v1/forms/consent?log=%s&version=1" % log,
                token("ansatt"), old)
        self.assertEqual(r.status, 422, r.text)
        self.assertIn("/consent/services", r.text)
        self.assertEqual(count("consent c JOIN relay_log l ON l.id ="
                               " c.log_id", "l.public_id = '%s'" % log), 0)


class StartPageFollowsTheLog(unittest.TestCase):
    """Whatever a start page shows of a case (its log, a measure, a
    meeting, a handover, the child's name or the log's reference), it
    shows exactly to those whom the log page lets in, decided by the
    same rule: while consent covers them, when it is withdrawn, and when
    it runs out, before any sweep."""

    PEOPLE = ("ansatt", "leder", "helsesykepleier", "ppt", "nav", "laerer",
              "ansatt2", "leder2", "forelder", "ungdom", "admin")

    def case(self, name):
        # marks of this case alone, whatever ran before on the database
        name = "%s %s" % (name, secrets.token_hex(3))
        holder = login("ansatt")
        log, _ = open_log(holder, name, "2016-10-10")
        consent = give_consent("ansatt", log, name, "2016-10-10",
                               "health_clinic ppt")
        for who in ("helsesykepleier", "ppt"):
            self.assertEqual(add_participant("ansatt", log, who).status,
                             201)
        t = token("ansatt")
        what = "Startsidetiltak for %s" % name
        r = api("POST", "/api/v1/logs/%s/measures" % log, t, xml_body(
            "measure", what=what, goal="Trygghet",
            responsible=user_pid("helsesykepleier"), start=day(0),
            evaluation=day(20)))
        self.assertEqual(r.status, 201, r.text)
        place = "Startsidemøterom %s" % name
        r = api("POST", "/api/v1/logs/%s/meetings" % log, t, xml_body(
            "meeting", date=day(5), time="10:00", place=place,
            agenda="Status", invite=[user_pid("helsesykepleier"),
                                     user_pid("ppt")]))
        self.assertEqual(r.status, 201, r.text)
        r = api("POST", "/api/v1/forms/handover?log=%s&to=%s"
                % (log, user_pid("helsesykepleier")), t, instance(
                    "handover", {"new_holder/name": "Nina Berg",
                                 "new_holder/unit": "helsestasjon-sentrum",
                                 "planned_date": day(7)}))
        self.assertEqual(r.status, 201, r.text)
        handover = r.header("Location").rsplit("/", 1)[1]
        sql("INSERT INTO child_person (child_id, user_id, relation) SELECT"
            " child_id, %d, 'guardian' FROM relay_log WHERE public_id ="
            " '%s'" % (user_id("forelder"), log))
        ref = sql_value("SELECT reference FROM relay_log WHERE public_id ="
                        " '%s'" % log)
        return {"log": log, "consent": consent, "handover": handover,
                "marks": (log, ref, name, what, place)}

    def check(self, c):
        """Each person's start page against the log page's answer."""
        wrong = []
        for who in self.PEOPLE:
            home = login(who).get("/")
            self.assertEqual(home.status, 200, who)
            shows = [m for m in c["marks"] + (c["handover"],)
                     if m in home.text]
            log_ok = api("GET", "/api/v1/logs/" + c["log"],
                         token(who)).status == 200
            handover_ok = api("GET", "/api/v1/handovers/" + c["handover"],
                              token(who)).status == 200
            may = log_ok or handover_ok
            if bool(shows) != may:
                wrong.append("%s: the start page shows %s, but the log"
                             " page says %s" % (who, shows or "nothing",
                                                log_ok))
            if shows and not log_ok and set(shows) - {c["handover"],
                                                      c["marks"][1]}:
                # the proposed holder sees the request, not the case
                wrong.append("%s: shows %s of a log they may not read"
                             % (who, shows))
        self.assertEqual(wrong, [])

    def test_given_withdrawn_and_expired(self):
        c = self.case("Startside Regel")
        self.check(c)
        # the guardian withdraws: the nurse and PPT are out at once; the
        # handover to the nurse is withdrawn, the holder told
        r = api("POST", "/api/v1/consents/%s/withdraw" % c["consent"],
                token("forelder"), xml_body("input"))
        self.assertEqual(r.status, 200, r.text)
        self.check(c)
        self.assertEqual(sql_value("SELECT status FROM handover WHERE"
                                   " public_id = '%s'" % c["handover"]),
                         "cancelled")
        # a consent that ran out yesterday: no sweep has run yet
        d = self.case("Startside Utløpt")
        self.check(d)
        sql("UPDATE consent SET valid_from = '%s', expires = '%s',"
            " expiry_handled = TRUE WHERE public_id = '%s'"
            % (day(-30), day(-1), d["consent"]))
        self.check(d)


class AlertFollowsTheLog(unittest.TestCase):

    def test_a_sender_who_lost_access_is_told_of_the_notice_not_the_case(
            self):
        """An alert on a start page names the case only while its reader
        may read it: the notice the nurse sent died, and after the
        consent is withdrawn she is still told, but not which case."""
        holder = login("ansatt")
        name = "Varsel Uten Sak %s" % secrets.token_hex(3)
        log, _ = open_log(holder, name, "2016-03-03")
        consent = give_consent("ansatt", log, name, "2016-03-03",
                               "health_clinic")
        self.assertEqual(add_participant("ansatt", log,
                                         "helsesykepleier").status, 201)
        ref = sql_value("SELECT reference FROM relay_log WHERE public_id ="
                        " '%s'" % log)
        pid = ("PrivacyDeadNotice" + secrets.token_hex(2)).ljust(22, "d")
        sql("INSERT IGNORE INTO partner (public_id, name, kind, endpoint,"
            " auth, accepts, status) VALUES ('PrivacyAlertPartner000',"
            " 'Personvern BUP', 'bup', 'https://bup.invalid/x', 'bearer',"
            " 'referral', 'paused')")
        sql("INSERT INTO outbox (public_id, kind, idempotency_key, status,"
            " partner_id, message_type, attempts, dead_at, log_id,"
            " sender_id) SELECT '%s', 'referral', '%s', 'dead', p.id,"
            " 'referral', 1, NOW(6), l.id, %d FROM partner p, relay_log l"
            " WHERE p.public_id = 'PrivacyAlertPartner000' AND l.public_id"
            " = '%s'" % (pid, pid.ljust(43, "a"),
                         user_id("helsesykepleier"), log))
        sql("INSERT INTO delivery_alert (kind, partner_id, outbox_id, since)"
            " SELECT 'dead', partner_id, id, dead_at FROM outbox WHERE"
            " public_id = '%s'" % pid)
        nurse = login("helsesykepleier")
        home = nurse.get("/").text
        self.assertIn("Personvern BUP", home)
        self.assertIn(ref, home)
        r = api("POST", "/api/v1/consents/%s/withdraw" % consent,
                token("ansatt"),
                xml_body("input"))
        self.assertEqual(r.status, 200, r.text)
        home = nurse.get("/").text
        self.assertIn("Personvern BUP", home)
        self.assertNotIn(ref, home)
        self.assertNotIn(log, home)
        sql("UPDATE delivery_alert a JOIN outbox o ON o.id = a.outbox_id"
            " SET a.cleared_at = NOW(6) WHERE o.public_id = '%s'" % pid)


class ConsentEndsAHandover(unittest.TestCase):

    def test_withdrawal_withdraws_a_handover_to_someone_no_longer_covered(
            self):
        holder = login("ansatt")
        log, _ = open_log(holder, "Overføring Stopper", "2016-11-11")
        consent = give_consent("ansatt", log, "Overføring Stopper",
                               "2016-11-11", "health_clinic")
        r = api("POST", "/api/v1/forms/handover?log=%s&to=%s"
                % (log, user_pid("helsesykepleier")), token("ansatt"),
                instance("handover", {
                    "new_holder/name": "Nina Berg",
                    "new_holder/unit": "helsestasjon-sentrum",
                                 "planned_date": day(7)}))
        self.assertEqual(r.status, 201, r.text)
        handover = r.header("Location").rsplit("/", 1)[1]
        hid = sql_value("SELECT id FROM handover WHERE public_id = '%s'"
                        % handover)
        r = api("POST", "/api/v1/consents/%s/withdraw" % consent,
                token("ansatt"), xml_body("input"))
        self.assertEqual(r.status, 200, r.text)
        self.assertEqual(sql_value("SELECT status FROM handover WHERE id ="
                                   " %s" % hid), "cancelled")
        lid = log_of(log)
        self.assertEqual(count("case_event", "log_id = %d AND kind ="
                               " 'handover' AND ref_public_id = '%s'"
                               % (lid, handover)), 2)
        self.assertEqual(count("outbox", "log_id = %d AND kind ="
                               " 'handover.withdrawn' AND user_id = %d"
                               % (lid, user_id("helsesykepleier"))), 1)
        self.assertEqual(count("outbox", "log_id = %d AND kind ="
                               " 'consent.ended' AND user_id = %d"
                               % (lid, user_id("ansatt"))), 1)
        # she may not take it over, nor see it
        self.assertEqual(api("POST", "/api/v1/handovers/%s/accept"
                             % handover, token("helsesykepleier"),
                             xml_body("input")).status, 404)


class AuditSaysWhat(unittest.TestCase):

    def test_reads_are_reads(self):
        holder = login("ansatt")
        log, _ = open_log(holder, "Les Er Les", "2016-12-12")
        sql("INSERT INTO child_person (child_id, user_id, relation) SELECT"
            " child_id, %d, 'guardian' FROM relay_log WHERE public_id ="
            " '%s'" % (user_id("forelder"), log))
        for path in ("/logs/%s/access" % log, "/forms/consent?log=" + log,
                     "/forms/closing?log=" + log, "/logs/" + log):
            r = holder.get(path)
            self.assertEqual(r.status, 200, path)
            rid = r.header("X-Request-Id")
            self.assertEqual(sorted(x[0] for x in sql(
                "SELECT DISTINCT action FROM audit WHERE request_id = '%s'"
                % rid)), ["read"], path)
        # the guardian's access log: the holder looked, changed only by
        # opening the log
        page = login("forelder").get("/logs/%s/access" % log)
        self.assertEqual(page.status, 200)

    def test_a_withheld_report_leaves_no_line_the_guardians_see(self):
        holder = login("ansatt")
        log, _ = open_log(holder, "Ingen Spor", "2017-01-13")
        give_consent("ansatt", log, "Ingen Spor", "2017-01-13", "ppt")
        self.assertEqual(add_participant("ansatt", log, "ppt").status, 201)
        lid = log_of(log)
        sql("INSERT INTO child_person (child_id, user_id, relation) SELECT"
            " child_id, %d, 'guardian' FROM relay_log WHERE id = %d"
            % (user_id("forelder"), lid))
        # PPT writes the report: it never read the log before
        r = api("POST", "/api/v1/forms/cw-report?log=" + log, token("ppt"),
                instance("cw-report", {
                    "date": day(0), "child/name": "Ingen Spor",
                    "child/nin": "", "child/birthdate": "2017-01-13"}))
        self.assertEqual(r.status, 201, r.text)
        rid = r.header("X-Request-Id")
        self.assertGreaterEqual(count("audit", "request_id = '%s'" % rid), 2)
        # child welfare withholds it (as its receipt would say)
        sql("UPDATE form_submission s JOIN outbox o ON o.submission_id ="
            " s.id SET s.withheld_at = NOW(6) WHERE o.log_id = %d AND"
            " o.kind = 'cw_report'" % lid)
        access = api("GET", "/api/v1/logs/%s/access" % log,
                     token("forelder"))
        self.assertEqual(access.status, 200)
        self.assertNotIn("Ola Nilsen", access.text)
        # the professionals see all of it
        access = api("GET", "/api/v1/logs/%s/access" % log, token("ansatt"))
        self.assertIn("Ola Nilsen", access.text)


class TwoYearConsultationIsShared(unittest.TestCase):
    """"2 år, og i gang" is one consultation of the health clinic, the
    kindergarten and the parents: the professionals of the two services
    the parents' consent names who took part read it, as the author, the
    leader of the author's unit and the guardians do; nobody else. A
    wondering followed up as a concern becomes that concern."""

    def record(self, who="ansatt", **changes):
        born = today() - datetime.timedelta(days=800)
        nin = nin_for(born, individual=500 + secrets.randbelow(400))
        fields = {"date": day(-1), "child/name": "Toåring Felles",
                  "child/nin": nin, "child/birthdate": born.isoformat(),
                  "kindergarten": "fagerli-bhg",
                  "health_clinic": "helsestasjon-sentrum",
                  "persons/person/who": user_pid("helsesykepleier"),
                  "next_date": day(60)}
        fields.update(changes)
        r = api("POST", "/api/v1/forms/two-year", token(who),
                instance("two-year", fields))
        return r, nin

    def test_the_two_services_and_the_parents_read_it(self):
        r, nin = self.record()
        self.assertEqual(r.status, 201, r.text)
        loc = r.header("Location")
        self.assertTrue(loc.startswith("/api/v1/consultations/"), loc)
        kid = loc.rsplit("/", 1)[1]
        # the guardian the population register names (here: by hand)
        sql("INSERT INTO child_person (child_id, user_id, relation) SELECT"
            " child_id, %d, 'guardian' FROM consultation WHERE public_id ="
            " '%s'" % (user_id("forelder"), kid))
        readers = {"ansatt": 200, "helsesykepleier": 200, "leder": 200,
                   "forelder": 200, "helse2": 404, "ppt": 404,
                   "ansatt2": 404, "leder2": 404, "ungdom": 404,
                   "laerer": 404}
        sql("INSERT IGNORE INTO app_user (public_id, username,"
            " display_name, role, unit_id) SELECT 'PrivacyTestNurseTwo000',"
            " 'helse2', 'Hanne To', 'employee', id FROM unit WHERE code ="
            " 'helsestasjon-sentrum'")
        got = {}
        for who in readers:
            got[who] = api("GET", "/api/v1/consultations/" + kid,
                           token(who)).status
        self.assertEqual(got, readers)
        # the start pages list it to exactly those
        for who in ("helsesykepleier", "forelder", "ppt"):
            home = login(who).get("/").text
            self.assertEqual(kid in home, readers[who] == 200, who)
        # every read was audited, in the reader's role
        self.assertEqual(sorted(x[0] for x in sql(
            "SELECT DISTINCT a.role FROM audit a JOIN consultation k ON"
            " k.id = a.object_id WHERE a.object_type = 'consultation' AND"
            " k.public_id = '%s' AND a.action = 'read'" % kid)),
            ["author", "guardian", "leader", "participant"])

    def test_a_wondering_followed_up_as_a_concern_becomes_one(self):
        r, _ = self.record(follow_up="concern",
                           next_step="Vi følger opp språket som en undring.")
        self.assertEqual(r.status, 201, r.text)
        kid = r.header("Location").rsplit("/", 1)[1]
        concern = sql_value("SELECT c.public_id FROM consultation k JOIN"
                            " concern c ON c.id = k.concern_id WHERE"
                            " k.public_id = '%s'" % kid)
        self.assertIsNotNone(concern)
        row = sql("SELECT c.level, c.status, c.author_id, u.code,"
                  " c.child_id = k.child_id FROM concern c JOIN unit u ON"
                  " u.id = c.unit_id JOIN consultation k ON k.concern_id ="
                  " c.id WHERE c.public_id = '%s'" % concern)[0]
        self.assertEqual(row, ["0", "open", str(user_id("ansatt")),
                               "fagerli-bhg", "1"])
        # the unit's leaders are told, as of any new concern
        self.assertEqual(count("outbox o JOIN concern c ON c.id ="
                               " o.concern_id", "c.public_id = '%s' AND"
                               " o.kind = 'concern.new'" % concern), 1)
        # its author decides it as any concern; its anonymous view hides
        # the child and the services
        page = login("ansatt").get("/concerns/" + concern)
        self.assertEqual(page.status, 200)
        self.assertIn("Toåring Felles", page.text)
        anon = login("ansatt").get("/concerns/%s/anonymous" % concern)
        self.assertEqual(anon.status, 200)
        self.assertNotIn("Toåring Felles", anon.text)
        self.assertNotIn("Nina Berg", anon.text)

    def test_only_what_holds_is_recorded(self):
        before = count("consultation")
        # an author of neither service named
        r, _ = self.record(who="laerer")
        self.assertEqual(r.status, 422, r.text)
        self.assertIn("/two_year/kindergarten", r.text)
        # a professional of another service
        r, _ = self.record(**{"persons/person/who": user_pid("ppt")})
        self.assertEqual(r.status, 422, r.text)
        self.assertIn("/two_year/persons/person[1]/who", r.text)
        # the first version named no one: not taken for new records
        old = instance("two-year-v1", {"date": day(-1), "next_date": day(60)})
        r = api("POST", "/api/v1/forms/two-year?version=1", token("ansatt"),
                old)
        self.assertEqual(r.status, 422, r.text)
        self.assertIn("/two_year/participants", r.text)
        self.assertEqual(count("consultation"), before)


class MailFollowsTheLog(unittest.TestCase):

    def test_no_mail_about_a_log_to_someone_who_may_not_read_it(self):
        holder = login("ansatt")
        log, _ = open_log(holder, "Ingen Post", "2017-02-14")
        lid = log_of(log)
        sql("UPDATE app_user SET email = 'nav@example.invalid' WHERE"
            " username = 'nav'")
        pid = "PrivacyMailNoAccess%03d" % (lid % 1000)
        sql("INSERT INTO outbox (public_id, kind, user_id, log_id,"
            " idempotency_key) VALUES ('%s', 'meeting.invite', %d, %d,"
            " '%s')" % (pid, user_id("nav"), lid, pid.ljust(43, "m")))
        stafett("notify", "--once", check=False)
        self.assertEqual(sql("SELECT r.outcome, o.status FROM outbox o JOIN"
                             " email_recipient r ON r.outbox_id = o.id"
                             " WHERE o.public_id = '%s'" % pid),
                         [["no_access", "cancelled"]])


if __name__ == "__main__":
    unittest.main()
