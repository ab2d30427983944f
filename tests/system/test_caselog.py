"""test_caselog.py: one child from concern through levels 0-3 to closing,
over real HTTP: the level decisions, the log, consent that gates
participants (expiry and withdrawal take access away at once), measures,
a meeting and its minutes, a refused and an accepted handover, a report
of concern without consent, the guardian's portal and access log, the
closing note and the archive copy."""
import re
import unittest

from caselog_fixtures import (add_participant, child_of, consent_xml, day,
                              decide, events, give_consent, instance,
                              log_row_id, login, new_concern, open_log,
                              user_id, user_pid, xml_body)
from stafett_test import api, count, sql, sql_value, stafett, token

CHILD = "Jonas Testbarn"
BIRTH = "2015-03-14"


class RelayLogScenario(unittest.TestCase):
    """The steps depend on each other: they run in order, as one story."""

    def test_story(self):
        holder = login("ansatt")
        # -- level 0 -> 1 -> 2: a concern becomes a relay log
        concern = new_concern(holder, CHILD, BIRTH)
        cid = int(sql_value("SELECT id FROM concern WHERE public_id = '%s'"
                            % concern))
        r = decide(holder, concern, "4")
        self.assertEqual(r.status, 422, r.text[:500])
        r = decide(holder, concern, "1", "")
        self.assertEqual(r.status, 422)     # a reason is required
        # another employee of the unit may not decide; the leader may see
        other = login("ansatt2")
        self.assertIn(decide(other, concern, "1").status, (403, 404))
        # level 1 opens the log, where the own service's measures are
        # planned and evaluated
        r = decide(holder, concern, "1", "Tiltak i barnehagen først.")
        self.assertEqual(r.status, 303, r.text[:500])
        log = re.search(r"/logs/([A-Za-z0-9_-]{22})",
                        r.header("Location")).group(1)
        lid = log_row_id(log)
        self.assertEqual(sql_value("SELECT level FROM relay_log WHERE id = %d"
                                   % lid), "1")
        # ... and the case climbs in it, nothing typed again
        r = holder.post("/logs/%s/level" % log, [
            ("csrf", holder.csrf("/logs/%s" % log)), ("level", "2"),
            ("reason", "Foreldrene ønsker samarbeid.")])
        self.assertEqual(r.status, 303, r.text[:500])
        self.assertEqual(sql_value(
            "SELECT CONCAT(level, status, holder_id) FROM relay_log"
            " WHERE id = %d" % lid), "2open%d" % user_id("ansatt"))
        # the concern's own history moved into the log, every change
        # with who and why
        kinds = [e[0] for e in events(log)]
        self.assertEqual(kinds[:3], ["concern", "level", "level"], kinds)
        self.assertIn("Tiltak i barnehagen først.", events(log)[1][1])
        # a second decision on a concern in a log is refused
        self.assertEqual(decide(holder, concern, "3").status, 409)

        t_holder = token("ansatt")
        r = api("GET", "/api/v1/logs/%s" % log, t_holder)
        self.assertEqual(r.status, 200, r.text)
        self.assertIn('role="holder"', r.text)
        self.assertIn(CHILD, r.text)
        # nobody else sees the child: colleague, administrator, other unit
        for user in ("ansatt2", "admin", "leder2", "helsesykepleier"):
            self.assertIn(api("GET", "/api/v1/logs/%s" % log,
                              token(user)).status, (403, 404), user)
        self.assertEqual(api("GET", "/api/v1/logs/%s" % log,
                             token("leder")).status, 200)

        # -- consent gates who may take part
        r = add_participant("ansatt", log, "helsesykepleier")
        self.assertEqual(r.status, 422, r.text)
        self.assertIn('path="user"', r.text)
        # the consent must name the child's real birth date
        r = api("POST", "/api/v1/forms/consent?log=%s" % log, t_holder,
                consent_xml(CHILD, "2016-01-01", "health_clinic"))
        self.assertEqual(r.status, 422, r.text)
        self.assertIn("/consent/child/birthdate", r.text)
        consent = give_consent("ansatt", log, CHILD, BIRTH,
                               "health_clinic ppt")
        self.assertEqual(add_participant("ansatt", log,
                                         "helsesykepleier").status, 201)
        self.assertEqual(add_participant("ansatt", log, "nav").status, 422)
        t_nurse = token("helsesykepleier")
        r = api("GET", "/api/v1/logs/%s" % log, t_nurse)
        self.assertEqual(r.status, 200, r.text)
        self.assertIn('role="participant"', r.text)
        # the concern itself is given to those who take part in its log
        self.assertEqual(api("GET", "/api/v1/concerns/%s" % concern,
                             t_nurse).status, 200)
        self.assertEqual(api("GET", "/api/v1/concerns/%s" % concern,
                             token("ppt")).status, 404)

        # -- an expired consent takes access away at once
        sql("UPDATE consent SET valid_from = '%s', expires = '%s'"
            " WHERE public_id = '%s'" % (day(-30), day(-1), consent))
        self.assertEqual(api("GET", "/api/v1/logs/%s" % log,
                             t_nurse).status, 404)
        stafett("notify", "--once")
        self.assertTrue(any("Nina Berg" in s for k, s in
                            events(log, "participant")), events(log))
        self.assertEqual(count("outbox", "log_id = %d AND kind ="
                               " 'consent.ended'" % lid), 1)
        stafett("notify", "--once")     # recorded once only
        self.assertEqual(count("outbox", "log_id = %d AND kind ="
                               " 'consent.ended'" % lid), 1)
        consent = give_consent("ansatt", log, CHILD, BIRTH,
                               "health_clinic ppt")
        self.assertEqual(add_participant("ansatt", log,
                                         "helsesykepleier").status, 201)
        self.assertEqual(api("GET", "/api/v1/logs/%s" % log,
                             t_nurse).status, 200)

        # -- measures and a meeting, by the holder only
        body = xml_body("measure", what="Fast voksen om morgenen",
                        goal="Trygg levering", start=day(0),
                        evaluation=day(30),
                        responsible=user_pid("helsesykepleier"))
        self.assertEqual(api("POST", "/api/v1/logs/%s/measures" % log,
                             t_nurse, body).status, 403)
        r = api("POST", "/api/v1/logs/%s/measures" % log, t_holder, body)
        self.assertEqual(r.status, 201, r.text)
        bad = xml_body("measure", what="x", goal="y", start=day(0),
                       evaluation=day(-5),
                       responsible=user_pid("helsesykepleier"))
        r = api("POST", "/api/v1/logs/%s/measures" % log, t_holder, bad)
        self.assertEqual(r.status, 422)
        self.assertIn('path="evaluation"', r.text)
        r = api("POST", "/api/v1/logs/%s/meetings" % log, t_holder,
                xml_body("meeting", date=day(3), time="09:30",
                         place="Fagerli barnehage", agenda="Status",
                         invite=[user_pid("helsesykepleier"),
                                 user_pid("ansatt")]))
        self.assertEqual(r.status, 201, r.text)
        meeting = sql_value("SELECT public_id FROM meeting WHERE log_id = %d"
                            % lid)

        # -- minutes: drafts are the author's; finalised, their
        # decisions and measures enter the log in one transaction; the
        # responsible persons are people of the log, by id
        nurse = user_pid("helsesykepleier")
        minutes = instance("minutes", {
            "meeting/date": day(0),
            "decisions/decision/text": "Helsesykepleier har samtale med mor",
            "decisions/decision/responsible": nurse,
            "measures/measure/what": "Samtaler hver uke",
            "measures/measure/goal": "Mor får støtte",
            "measures/measure/responsible": user_pid("ppt"),
            "measures/measure/start": day(0),
            "measures/measure/evaluation": day(40),
            "next_meeting/date": day(30),
        })
        # every other responsible person of the case is the nurse
        for placeholder in ("IngridLundFagerliSk001",
                            "NinaBergHelsestasjon01"):
            minutes = minutes.replace(">%s<" % placeholder, ">%s<" % nurse)
        minutes = re.sub(r"<evaluation>2026-[^<]*</evaluation>",
                         "<evaluation>%s</evaluation>" % day(40), minutes)
        minutes = re.sub(r"<start>2026-[^<]*</start>",
                         "<start>%s</start>" % day(0), minutes)
        before = count("measure", "log_id = %d" % lid)
        # PPT takes no part in the log: refused when saved
        r = api("POST", "/api/v1/forms/minutes?log=%s&meeting=%s"
                % (log, meeting), t_holder, minutes)
        self.assertEqual(r.status, 422, r.text)
        self.assertIn('path="/minutes/measures/measure[1]/responsible"',
                      r.text)
        self.assertEqual(count("minutes", "log_id = %d" % lid), 0)
        fixed = minutes.replace(user_pid("ppt"), nurse)
        r = api("POST", "/api/v1/forms/minutes?log=%s&meeting=%s"
                % (log, meeting), t_holder, fixed)
        self.assertEqual(r.status, 201, r.text)
        mpid = r.header("Location").rsplit("/", 1)[1]
        self.assertEqual(api("GET", "/api/v1/minutes/%s" % mpid,
                             t_nurse).status, 404)      # a draft is mine
        r = api("POST", "/api/v1/forms/minutes?minutes=%s" % mpid, t_holder,
                fixed)
        self.assertEqual(r.status, 201, r.text)
        r = api("POST", "/api/v1/minutes/%s/finalise" % mpid, t_holder, "<f/>")
        self.assertEqual(r.status, 200, r.text)
        self.assertEqual(count("measure", "log_id = %d" % lid),
                         before + minutes.count("<what>"))
        self.assertEqual(count("measure", "log_id = %d AND responsible_id"
                               " = %d" % (lid, user_id("helsesykepleier"))),
                         1 + minutes.count("<what>"))
        self.assertTrue(events(log, "decision"))
        self.assertEqual(api("POST", "/api/v1/minutes/%s/finalise" % mpid,
                             t_holder, "<f/>").status, 409)
        self.assertEqual(api("POST", "/api/v1/forms/minutes?minutes=%s"
                             % mpid, t_holder, fixed).status, 409)
        r = api("POST", "/api/v1/forms/minutes?corrects=%s" % mpid, t_holder,
                fixed)
        self.assertEqual(r.status, 201, r.text)
        self.assertEqual(api("GET", "/api/v1/minutes/%s" % mpid,
                             t_nurse).status, 200)

        # -- evaluation by the responsible person
        measure = sql_value("SELECT public_id FROM measure WHERE log_id = %d"
                            " ORDER BY id LIMIT 1" % lid)
        ev = instance("evaluation", {"date": day(0),
                                     "next_evaluation": day(60)})
        self.assertEqual(api("POST", "/api/v1/forms/evaluation?measure=%s"
                             % measure, token("leder"), ev).status, 403)
        r = api("POST", "/api/v1/forms/evaluation?measure=%s" % measure,
                t_nurse, ev)
        self.assertEqual(r.status, 201, r.text)
        self.assertEqual(sql_value("SELECT CONCAT(status, result, eval_date)"
                                   " FROM measure WHERE public_id = '%s'"
                                   % measure), "activepartly" + day(60))

        # -- handover: refused when no consent covers the service,
        # refused by the proposed holder, then accepted
        def handover(to, unit):
            return api("POST", "/api/v1/forms/handover?log=%s&to=%s"
                       % (log, user_pid(to)), t_holder,
                       instance("handover", {"new_holder/name": "X",
                                             "new_holder/unit": unit,
                                             "planned_date": day(7)}))
        r = handover("nav", "nav")
        self.assertEqual(r.status, 422, r.text)
        self.assertIn("/handover/new_holder/unit", r.text)
        r = handover("helsesykepleier", "helsestasjon-sentrum")
        self.assertEqual(r.status, 201, r.text)
        hid = r.header("Location").rsplit("/", 1)[1]
        self.assertEqual(handover("ppt", "ppt").status, 422)  # one pending
        self.assertEqual(api("POST", "/api/v1/handovers/%s/accept" % hid,
                             token("leder")).status, 403)
        r = api("POST", "/api/v1/handovers/%s/refuse" % hid, t_nurse,
                xml_body("answer", reason="Jeg har ikke kapasitet nå."))
        self.assertEqual(r.status, 200, r.text)
        self.assertEqual(sql_value("SELECT holder_id FROM relay_log WHERE"
                                   " id = %d" % lid), str(user_id("ansatt")))
        self.assertEqual(api("POST", "/api/v1/handovers/%s/accept" % hid,
                             t_nurse).status, 409)
        r = handover("helsesykepleier", "helsestasjon-sentrum")
        hid = r.header("Location").rsplit("/", 1)[1]
        r = api("POST", "/api/v1/handovers/%s/accept" % hid, t_nurse)
        self.assertEqual(r.status, 200, r.text)
        self.assertEqual(sql_value("SELECT holder_id FROM relay_log WHERE"
                                   " id = %d" % lid),
                         str(user_id("helsesykepleier")))
        # the old holder takes part (home unit: no consent needed)
        r = api("GET", "/api/v1/logs/%s" % log, t_holder)
        self.assertIn('role="participant"', r.text)
        t_holder, t_nurse = t_nurse, t_holder

        # -- a referral waits in the outbox; the report of concern to
        # child welfare needs no consent
        r = api("POST", "/api/v1/forms/referral?log=%s" % log, t_holder,
                instance("referral", dict(child_of(CHILD, BIRTH),
                                          recipient="ppt")))
        self.assertEqual(r.status, 201, r.text)
        r = api("POST", "/api/v1/forms/cw-report?log=%s" % log, t_holder,
                instance("cw-report", dict(child_of(CHILD, BIRTH),
                                           date=day(0))))
        self.assertEqual(r.status, 201, r.text)
        self.assertTrue(events(log, "cw_report"))

        # -- the guardian: the whole log, withdraw with one action,
        # and the access log
        child = sql_value("SELECT child_id FROM relay_log WHERE id = %d" % lid)
        sql("INSERT INTO child_person (child_id, user_id, relation)"
            " VALUES (%s, %d, 'guardian')" % (child, user_id("forelder")))
        parent = login("forelder")
        t_parent = token("forelder")
        r = api("GET", "/api/v1/logs/%s" % log, t_parent)
        self.assertEqual(r.status, 200, r.text)
        self.assertIn('role="guardian"', r.text)
        self.assertEqual(api("GET", "/api/v1/logs/%s" % log,
                             token("ungdom")).status, 404)
        r = api("POST", "/api/v1/logs/%s/notes" % log, t_parent,
                xml_body("note", kind="bright_spot",
                         text="Jonas gledet seg til barnehagen i dag."))
        self.assertEqual(r.status, 201, r.text)
        self.assertEqual(api("POST", "/api/v1/logs/%s/measures" % log,
                             t_parent, body).status, 403)
        csrf = parent.csrf("/")
        r = parent.post("/consents/%s/withdraw" % consent, [("csrf", csrf)])
        self.assertEqual(r.status, 303)     # asks to confirm first
        self.assertIn("withdraw=1", r.header("Location"))
        self.assertEqual(sql_value("SELECT status FROM consent WHERE"
                                   " public_id = '%s'" % consent), "active")
        r = parent.post("/consents/%s/withdraw" % consent,
                        [("csrf", csrf), ("confirm", "yes")])
        self.assertEqual(r.status, 303, r.text[:500])
        self.assertEqual(sql_value("SELECT status FROM consent WHERE"
                                   " public_id = '%s'" % consent),
                         "withdrawn")
        # the participant from another service loses access at once
        # (the old holder is of the home unit and keeps it)
        sql("INSERT INTO log_participant (log_id, user_id, added_by)"
            " SELECT %d, %d, %d FROM DUAL WHERE NOT EXISTS (SELECT 1 FROM"
            " log_participant WHERE log_id = %d AND user_id = %d AND"
            " removed_at IS NULL)" % (lid, user_id("ppt"),
                                      user_id("helsesykepleier"), lid,
                                      user_id("ppt")))
        self.assertEqual(api("GET", "/api/v1/logs/%s" % log,
                             token("ppt")).status, 404)
        self.assertEqual(sql_value(
            "SELECT status FROM outbox WHERE log_id = %d AND kind ="
            " 'referral'" % lid), "cancelled")
        self.assertEqual(sql_value(
            "SELECT status FROM outbox WHERE log_id = %d AND kind ="
            " 'cw_report'" % lid), "queued")
        self.assertEqual(api("POST", "/api/v1/consents/%s/withdraw"
                             % consent, t_parent).status, 409)
        r = api("GET", "/api/v1/logs/%s/access" % log, t_parent)
        self.assertEqual(r.status, 200, r.text)
        self.assertIn("Nina Berg", r.text)
        self.assertIn('action="read"', r.text)
        self.assertEqual(api("GET", "/api/v1/logs/%s/access" % log,
                             token("leder")).status, 403)

        # -- closing: the holder, with the closing note; the archive copy
        self.assertEqual(api("GET", "/api/v1/logs/%s/archive" % log,
                             t_holder).status, 404)
        r = api("POST", "/api/v1/forms/closing?log=%s" % log, t_nurse,
                instance("closing", {"date": day(0)}))
        self.assertEqual(r.status, 403, r.text)     # not the holder now
        r = api("POST", "/api/v1/forms/closing?log=%s" % log, t_holder,
                instance("closing", {"date": day(0)}))
        self.assertEqual(r.status, 201, r.text)
        self.assertEqual(sql_value("SELECT status FROM relay_log WHERE"
                                   " id = %d" % lid), "closed")
        self.assertEqual(sql_value("SELECT status FROM concern WHERE"
                                   " id = %d" % cid), "closed")
        r = api("GET", "/api/v1/logs/%s/archive" % log, t_parent)
        self.assertEqual(r.status, 200)
        self.assertIn(CHILD, r.text)
        self.assertIn("<archive", r.text)
        self.assertIn("Helsesykepleier har samtale med mor", r.text)
        r = parent.get("/logs/%s/archive" % log)
        self.assertEqual(r.status, 200)
        self.assertIn("text/html", r.header("Content-Type"))
        self.assertIn(CHILD, r.text)
        self.assertIn("@media print", r.text)
        # a closed log takes no more changes
        self.assertEqual(api("POST", "/api/v1/logs/%s/notes" % log, t_parent,
                             xml_body("note", kind="note",
                                      text="Takk")).status, 403)
        # and the archive copy cannot be changed, even by the database user
        import subprocess
        with self.assertRaises(subprocess.CalledProcessError):
            sql("UPDATE log_archive SET html = '' WHERE log_id = %d" % lid)


class ConcernWithoutLog(unittest.TestCase):

    def test_report_of_concern_without_consent_and_anonymous_view(self):
        c = login("ansatt")
        concern = new_concern(c, "Emil Testesen", "2018-05-05")
        r = api("POST", "/api/v1/forms/cw-report?concern=%s" % concern,
                token("ansatt"), instance("cw-report", dict(
                    child_of("Emil Testesen", "2018-05-05"), date=day(0))))
        self.assertEqual(r.status, 201, r.text)
        cid = sql_value("SELECT id FROM concern WHERE public_id = '%s'"
                        % concern)
        self.assertEqual(count("case_event", "concern_id = %s AND kind ="
                               " 'cw_report'" % cid), 1)
        self.assertEqual(count("outbox", "concern_id = %s AND kind ="
                               " 'cw_report' AND service IS NULL" % cid), 1)
        # someone else may not report on this concern's behalf: to them
        # it is not there
        self.assertEqual(api("POST", "/api/v1/forms/cw-report?concern=%s"
                             % concern, token("ansatt2"),
                             instance("cw-report")).status, 404)
        r = c.get("/concerns/%s/anonymous" % concern)
        self.assertEqual(r.status, 200)
        self.assertNotIn("Emil Testesen", r.text)
        self.assertNotIn("2018-05-05", r.text)
        csrf = c.csrf("/")
        r = c.post("/concerns/%s/discussed" % concern,
                   [("csrf", csrf), ("team", "Drøftingsteamet"),
                    ("advice", "Snakk med foreldrene først.")])
        self.assertEqual(r.status, 303, r.text[:300])
        self.assertEqual(count("case_event", "concern_id = %s AND kind ="
                               " 'anonymous'" % cid), 1)

    def test_anonymous_concern_needs_identity_for_a_log(self):
        c = login("ansatt")
        csrf = c.csrf("/forms/concern")
        from stafett_test import concern_fields
        r = c.post("/forms/concern", concern_fields(
            csrf, anonymous="true", child__name="", child__nin="",
            child__birthdate="", child__age="5"))
        self.assertEqual(r.status, 303, r.text[:1000])
        concern = re.search(r"/concerns/([A-Za-z0-9_-]{22})",
                            r.header("Location")).group(1)
        r = decide(c, concern, "2", "Trenger samarbeid")
        self.assertEqual(r.status, 422)
        r = decide(c, concern, "2", "Trenger samarbeid",
                   [("child_name", "Anon Identifisert"),
                    ("child_nin", "12345678901")])
        self.assertEqual(r.status, 422)
        self.assertNotIn("12345678901", r.text)     # never echoed
        r = decide(c, concern, "2", "Trenger samarbeid",
                   [("child_name", "Anon Identifisert"),
                    ("child_birthdate", "2019-02-02")])
        self.assertEqual(r.status, 303, r.text[:500])
        self.assertIn("/logs/", r.header("Location"))

    def test_one_open_log_per_child(self):
        import datetime
        from stafett_test import nin_for
        nin = nin_for(datetime.date(2017, 7, 7), synthetic=True)
        c = login("ansatt")
        log1, _ = open_log(c, "Ola Toganger", nin=nin)
        # a second concern about the same child (same identity number),
        # in the same unit, joins the open log and raises its level
        leader = login("leder")
        concern = new_concern(leader, "Ola Toganger", nin=nin)
        r = decide(leader, concern, "3", "Alvorlig")
        self.assertEqual(r.status, 303, r.text[:500])
        self.assertIn("/logs/%s" % log1, r.header("Location"))
        self.assertEqual(sql_value("SELECT level FROM relay_log WHERE"
                                   " public_id = '%s'" % log1), "3")
        self.assertEqual(count("relay_log", "child_id = (SELECT child_id"
                               " FROM relay_log WHERE public_id = '%s')"
                               % log1), 1)


if __name__ == "__main__":
    unittest.main()


class PaperConsent(unittest.TestCase):
    """A consent on paper: the scan is attached, type-checked by its
    bytes and size-limited, and read back by those who see the log."""

    def multipart(self, client, path, filename, data, ctype):
        boundary = "----stafett-test-boundary"
        csrf = client.csrf("/")
        body = ("--%s\r\nContent-Disposition: form-data; name=\"csrf\""
                "\r\n\r\n%s\r\n--%s\r\nContent-Disposition: form-data;"
                " name=\"file\"; filename=\"%s\"\r\nContent-Type: %s\r\n"
                "\r\n" % (boundary, csrf, boundary, filename, ctype)
                ).encode() + data + ("\r\n--%s--\r\n" % boundary).encode()
        return client.request("POST", path, data=body, headers={
            "Content-Type": "multipart/form-data; boundary=%s" % boundary})

    def test_scan(self):
        holder = login("ansatt")
        log, _ = open_log(holder, "Papir Samtykke", "2014-04-04")
        xml = consent_xml("Papir Samtykke", "2014-04-04", "health_clinic")
        xml = xml.replace("<method>digital</method>", "<method>paper</method>")
        xml = xml.replace("<signed_by />", "<signed_by>Line Hansen</signed_by>")
        xml = xml.replace("<signed_date />",
                          "<signed_date>%s</signed_date>" % day(0))
        r = api("POST", "/api/v1/forms/consent?log=%s" % log,
                token("ansatt"), xml)
        self.assertEqual(r.status, 201, r.text)
        consent = r.header("Location").rsplit("/", 1)[1]
        path = "/consents/%s/attachment" % consent
        pdf = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"
        # a program named .pdf is refused: the bytes decide
        r = self.multipart(holder, path, "skann.pdf", b"MZ\x90\x00binary",
                           "application/pdf")
        self.assertEqual(r.status, 415, r.text[:300])
        # ... on the consent's page again, the error at the field, the
        # upload form there to choose another file: no dead end
        self.assert_scan_refused(r, "er ikke en PDF")
        # no file chosen
        r = self.multipart(holder, path, "", b"", "application/pdf")
        self.assertEqual(r.status, 422, r.text[:300])
        self.assert_scan_refused(r, "Velg det skannede")
        # someone who may not see the log may not attach: to them the
        # consent is not there
        r = self.multipart(login("ansatt2"), path, "skann.pdf", pdf,
                           "application/pdf")
        self.assertEqual(r.status, 404)
        r = self.multipart(holder, path, "C:\\skann\\samtykke.pdf", pdf,
                           "application/octet-stream")
        self.assertEqual(r.status, 303, r.text[:300])
        # the consent's page confirms it, in a status region
        self.assertEqual(r.header("Location"), "/consents/%s#scan" % consent)
        page = holder.get(r.header("Location"))
        self.assertRegex(page.text, r'<div class="receipt done" role="status">'
                         r'<h2>Det signerte samtykket er lastet opp')
        self.assertEqual(sql_value(
            "SELECT CONCAT(filename, ' ', mime, ' ', size) FROM"
            " consent_attachment a JOIN consent c ON c.id = a.consent_id"
            " WHERE c.public_id = '%s'" % consent),
            "samtykke.pdf application/pdf %d" % len(pdf))
        r = api("GET", "/api/v1/consents/%s/scan" % consent, token("ansatt"))
        self.assertEqual(r.status, 200)
        self.assertEqual(r.header("Content-Type"), "application/pdf")
        self.assertEqual(r.body, pdf)
        self.assertEqual(api("GET", "/api/v1/consents/%s/scan" % consent,
                             token("ansatt2")).status, 404)
        before = count("consent_attachment")
        # a file over the 10 MB the page states, in a body the server
        # reads: the page again, saying the limit
        r = self.multipart(holder, path, "stor.pdf",
                           b"%PDF-" + b"0" * (10 * 1024 * 1024 + 10),
                           "application/pdf")
        self.assertEqual(r.status, 413)
        self.assert_scan_refused(r, "større enn 10 MB")
        # a body over what nginx takes is refused before it is read,
        # and the browser is sent back to the page, which says why
        r = self.multipart(holder, path, "stor.pdf",
                           b"%PDF-" + b"0" * (11 * 1024 * 1024),
                           "application/pdf")
        self.assertEqual(r.status, 303)
        self.assertTrue(r.header("Location").endswith(
            "/consents/%s?scan=too-big#scan" % consent), r.header("Location"))
        self.assert_scan_refused(holder.get(r.header("Location")),
                                 "større enn 10 MB", status=200)
        # who may not attach learns nothing from that address
        page = login("helsesykepleier").get(r.header("Location"))
        self.assertNotIn("større enn 10 MB", page.text)
        self.assertEqual(count("consent_attachment"), before)

    def assert_scan_refused(self, r, message, status=None):
        if status is not None:
            self.assertEqual(r.status, status)
        self.assertIn('<title>Feil: Samtykke', r.text)
        self.assertIn('class="error-summary"', r.text)
        self.assertRegex(r.text, r'<p class="field-error" id="scan-file-error">'
                         r'[^<]*<span[^>]*>[^<]*</span>[^<]*' + message)
        self.assertIn('name="file"', r.text)
        self.assertIn("høyst 10 MB", r.text)


class CaseForms(unittest.TestCase):
    """A case form knows its case: it comes filled with what the case
    knows, and a saved draft stays bound to the case."""

    def test_prefill_and_draft_context(self):
        holder = login("ansatt")
        log, _ = open_log(holder, "Forhånds Utfylt", "2013-01-31")
        r = holder.get("/forms/consent?log=%s" % log)
        self.assertEqual(r.status, 200)
        self.assertIn('value="Forhånds Utfylt"', r.text)
        self.assertIn('value="2013-01-31"', r.text)
        self.assertIn('name="_log" value="%s"' % log, r.text)
        # someone without access gets no form for the case
        self.assertIn(login("ansatt2").get("/forms/consent?log=%s"
                                           % log).status, (403, 404))
        csrf = holder.csrf("/")
        r = holder.post("/forms/consent", [
            ("csrf", csrf), ("_log", log), ("_action", "save"),
            ("/consent/child/name", "Forhånds Utfylt")])
        self.assertEqual(r.status, 303, r.text[:300])
        self.assertIn("log=%s" % log, r.header("Location"))
        r = holder.get(r.header("Location"))
        self.assertEqual(r.status, 200)
        self.assertIn('name="_log" value="%s"' % log, r.text)


class LongTimeline(unittest.TestCase):
    """A long log opens with its newest 50 events and the count of all;
    the whole timeline is one link away, in the browser and the API, and
    the action guide still sees steps taken long ago."""

    def test_newest_first_and_the_whole_on_request(self):
        holder = login("ansatt")
        log, _ = open_log(holder, "Lang Tidslinje", "2016-05-05")
        give_consent("ansatt", log, "Lang Tidslinje", "2016-05-05",
                     "school")
        t = token("ansatt")
        for i in range(60):
            r = api("POST", "/api/v1/logs/%s/notes" % log, t,
                    xml_body("note", kind="note",
                             text="Notat nummer %02d" % i))
            self.assertEqual(r.status, 201, r.text)
        total = int(sql_value("SELECT COUNT(*) FROM case_event e JOIN "
                              "relay_log l ON l.id = e.log_id WHERE "
                              "l.public_id = '%s'" % log))
        self.assertGreater(total, 60)

        page = holder.get("/logs/%s" % log)
        self.assertEqual(page.status, 200)
        shown = re.findall(r"Notat nummer (\d\d)", page.text)
        self.assertEqual(shown, ["%02d" % i for i in range(59, 9, -1)])
        self.assertIn("De 50 nyeste av %d oppføringer." % total, page.text)
        self.assertIn('href="/logs/%s?timeline=all#timeline"' % log,
                      page.text)

        whole = holder.get("/logs/%s?timeline=all" % log)
        self.assertEqual(whole.status, 200)
        self.assertEqual(len(re.findall(r"Notat nummer \d\d", whole.text)),
                         60)
        self.assertIn("%d oppføringer, nyeste først." % total, whole.text)
        self.assertNotIn("timeline=all#timeline", whole.text)

        doc = api("GET", "/api/v1/logs/%s" % log, t)
        self.assertEqual(doc.status, 200)
        # The consent (older than the 50 listed) still counts as done in
        # the guide: it is read from all events, not from those listed.
        level = re.search(r'<level n="2"[^>]*current="true">(.*?)</level>',
                          doc.text, re.S).group(1)
        step = re.search(r'<step [^>]*form="consent"[^>]*>', level).group(0)
        self.assertIn('done="true"', step)
        ev = re.search(r'<events count="(\d+)" total="(\d+)"', doc.text)
        self.assertEqual((ev.group(1), ev.group(2)), ("50", str(total)))
        doc = api("GET", "/api/v1/logs/%s?timeline=all" % log, t)
        ev = re.search(r'<events count="(\d+)" total="(\d+)"', doc.text)
        self.assertEqual((ev.group(1), ev.group(2)), (str(total),
                                                      str(total)))
        every = api("GET", "/api/v1/logs/%s/events" % log, t)
        self.assertEqual(every.text.count("<event "), total)


class StartPageAudit(unittest.TestCase):
    """Every log a start page lists is one audited list-read, in the
    reader's role for that log, written with the request."""

    def listed(self, client):
        r = client.get("/")
        self.assertEqual(r.status, 200)
        ids = re.findall(r'href="/logs/([A-Za-z0-9_-]{22})"', r.text)
        return r.header("X-Request-Id"), sorted(set(ids))

    def audited(self, rid):
        return sorted(tuple(x) for x in sql(
            "SELECT l.public_id, a.role, a.child_id = l.child_id FROM audit"
            " a JOIN relay_log l ON l.id = a.object_id WHERE a.action ="
            " 'list' AND a.object_type = 'log' AND a.request_id = '%s'"
            % rid))

    def test_each_listed_log_is_audited_once(self):
        holder = login("ansatt")
        open_log(holder, "Liste Revisjon", "2017-01-01")
        rid, ids = self.listed(holder)
        self.assertTrue(ids)
        # in her role in each: the holder of some, a participant of others
        roles = dict(sql("SELECT l.public_id, IF(l.holder_id = u.id,"
                         " 'holder', 'participant') FROM relay_log l,"
                         " app_user u WHERE u.username = 'ansatt'"))
        self.assertEqual(self.audited(rid),
                         [(i, roles[i], "1") for i in ids])
        parent = login("forelder")
        rid, ids = self.listed(parent)
        self.assertTrue(ids)
        self.assertEqual(self.audited(rid),
                         [(i, "guardian", "1") for i in ids])
