"""test_minutes.py: the minutes of a meeting, as the holder writes them:
they start with what the planned meeting says; the responsible person
of a decision or a measure is chosen among the log's holder and
participants and stored by id (with the name beside it), a stranger is
refused when the minutes are saved and again when they are finalised
(by then a person may have left the log), and a refusal at "make final"
shows the minutes again with the error at its row, changes nothing, and
leads to the draft, which opens with what it holds. Minutes written
with version 1 of the form (names typed) stay readable."""
import html
import os
import re
import unittest
import xml.etree.ElementTree as ET

from caselog_fixtures import (CASES, add_participant, day, events, give_consent,
                              instance, log_row_id, login, open_log,
                              user_id, user_pid, xml_body)
from stafett_test import api, count, csrf_of, sql, sql_value, token

BIRTH = "2016-09-02"
HOLDER = "Ingrid Solberg"       # ansatt
NURSE = "Nina Berg"             # helsesykepleier
# the people of the definition's placeholder list (forms/minutes.xml)
# that forms/tests/cases/minutes-valid.xml names
PLACEHOLDERS = {"IngridLundFagerliSk001": "ansatt",
                "NinaBergHelsestasjon01": "helsesykepleier"}


def dated(text):
    """The case's dates made today's: the meeting today, measures from
    today, the next meeting in a month."""
    text = re.sub(r"<start>[^<]*</start>", "<start>%s</start>" % day(0),
                  text)
    text = re.sub(r"<evaluation>[^<]*</evaluation>",
                  "<evaluation>%s</evaluation>" % day(40), text)
    return text


def minutes_xml(changes=None, **people):
    """The valid case with real people: the holder, the nurse; people
    maps a placeholder id to another user."""
    text = instance("minutes", dict({"meeting/date": day(0),
                                     "next_meeting/date": day(30)},
                                    **(changes or {})))
    for placeholder, user in dict(PLACEHOLDERS, **people).items():
        text = text.replace(placeholder, user_pid(user))
    return dated(text)


def option_selected(page, name, value):
    """Is value the selected option of the select named name?"""
    m = re.search(r'<select[^>]*name="%s"[^>]*>(.*?)</select>'
                  % re.escape(html.escape(name)), page, re.S)
    return m is not None and re.search(
        r'<option value="%s" selected' % re.escape(value), m.group(1)) \
        is not None


class MinutesJourney(unittest.TestCase):
    """Each test has a case of its own: a log held by ansatt, a consent
    for the health clinic, the nurse taking part, a planned meeting."""

    def setUp(self):
        self.holder = login("ansatt")
        self.tok = token("ansatt")
        name = "Referat Testbarn %s" % self.id().rsplit(".", 1)[1][-20:]
        self.log, _ = open_log(self.holder, name, BIRTH)
        give_consent("ansatt", self.log, name, BIRTH, "health_clinic")
        self.assertEqual(add_participant("ansatt", self.log,
                                         "helsesykepleier").status, 201)
        r = api("POST", "/api/v1/logs/%s/meetings" % self.log, self.tok,
                xml_body("meeting", date=day(2), time="13:15",
                         place="Fagerli barnehage, møterom 2",
                         agenda="Hvordan går morgenene?",
                         invite=[user_pid("helsesykepleier"),
                                 user_pid("ansatt")]))
        self.assertEqual(r.status, 201, r.text)
        self.lid = log_row_id(self.log)
        self.meeting = sql_value("SELECT public_id FROM meeting WHERE"
                                 " log_id = %d" % self.lid)

    def save(self, text, status=201, ctx=None):
        r = api("POST", "/api/v1/forms/minutes?%s" % (
            ctx or "log=%s&meeting=%s" % (self.log, self.meeting)),
            self.tok, text)
        self.assertEqual(r.status, status, r.text)
        return r

    def draft(self, text=None):
        r = self.save(text or minutes_xml())
        return r.header("Location").rsplit("/", 1)[1]

    def test_prefilled_from_the_planned_meeting(self):
        page = self.holder.get("/forms/minutes?log=%s&meeting=%s"
                               % (self.log, self.meeting))
        self.assertEqual(page.status, 200, page.text[:2000])
        t = page.text
        self.assertIn('name="/minutes/meeting/date" value="%s"' % day(2), t)
        self.assertIn('name="/minutes/meeting/time" value="13:15"', t)
        self.assertIn('value="Fagerli barnehage, møterom 2"', t)
        self.assertIn("Hvordan går morgenene?</textarea>", t)
        # the invited, the holder first, each in their role and unit
        self.assertIn('name="/minutes/participants/participant[1]/name" '
                      'value="%s"' % HOLDER, t)
        self.assertIn('name="/minutes/participants/participant[2]/name" '
                      'value="%s"' % NURSE, t)
        self.assertTrue(option_selected(
            t, "/minutes/participants/participant[1]/role", "holder"))
        self.assertTrue(option_selected(
            t, "/minutes/participants/participant[2]/role", "professional"))
        self.assertIn('value="Familiesenteret, helsestasjonen Larvik '
                      'sentrum"', t)
        self.assertEqual(t.count('name="_row:participants"'), 2)
        # the responsible persons are offered, not typed: the holder
        # and the participant, by id
        self.assertIn('<select id="f-minutes-measures-measure-1-responsible"',
                      t)
        self.assertIn('<option value="%s">%s' % (user_pid("ansatt"), HOLDER),
                      t)
        self.assertIn('<option value="%s">%s' % (
            user_pid("helsesykepleier"), NURSE), t)
        self.assertNotIn(user_pid("ppt"), t)
        # a meeting of another log fills nothing (and is refused)
        other, _ = open_log(self.holder, "Annet Barn", BIRTH)
        r = self.holder.get("/forms/minutes?log=%s&meeting=%s"
                            % (other, self.meeting))
        self.assertEqual(r.status, 404)

    def test_a_responsible_person_is_chosen_by_id(self):
        mpid = self.draft()
        got = ET.fromstring(api("GET", "/api/v1/minutes/%s" % mpid,
                                self.tok).body)
        m = got.find("measures/measure")
        self.assertEqual(m.findtext("responsible"), user_pid("ansatt"))
        # the server writes the name beside the id: the stored minutes
        # read by themselves
        self.assertEqual(m.findtext("responsible_name"), HOLDER)
        self.assertEqual(got.findall("measures/measure")[1].findtext(
            "responsible_name"), NURSE)
        # a name sent by a client is not taken for the id's
        text = minutes_xml().replace(
            "<responsible_name>Ingrid Lund</responsible_name>",
            "<responsible_name>Someone Else</responsible_name>", 1)
        r = self.save(text, ctx="minutes=%s" % mpid)
        self.assertNotIn("Someone Else", api(
            "GET", "/api/v1/minutes/%s" % mpid, self.tok).text)
        # shown by name on the minutes page
        page = self.holder.get("/minutes/%s" % mpid)
        self.assertIn(NURSE, page.text)
        self.assertNotIn(user_pid("helsesykepleier"), re.sub(
            r'<a [^>]*>', '', page.text))
        before = count("measure", "log_id = %d" % self.lid)
        r = api("POST", "/api/v1/minutes/%s/finalise" % mpid, self.tok)
        self.assertEqual(r.status, 200, r.text)
        self.assertEqual(count("measure", "log_id = %d" % self.lid),
                         before + 2)
        self.assertEqual(sql_value(
            "SELECT responsible_id FROM measure WHERE log_id = %d AND what"
            " LIKE 'Samtale med helsesykepleier%%'" % self.lid),
            str(user_id("helsesykepleier")))
        self.assertTrue(any(NURSE in s for k, s in events(self.log,
                                                          "measure")))
        # the decision's event names its responsible person by name
        self.assertTrue(any(HOLDER in s for k, s in
                            events(self.log, "decision")))

    def test_a_stranger_is_refused_at_save(self):
        before = count("minutes", "log_id = %d" % self.lid)
        subs = count("form_submission", "form_id = 'minutes'")
        # PPT is not in the log: the second measure's responsible
        text = minutes_xml(NinaBergHelsestasjon01="ppt")
        r = self.save(text, 422)
        errs = {e.get("path"): e for e in r.xml().findall("error")}
        self.assertIn("/minutes/measures/measure[2]/responsible", errs, r.text)
        self.assertEqual(len(errs), 1, r.text)
        self.assertTrue(errs["/minutes/measures/measure[2]/responsible"]
                        .get("label"))
        # a name where an id belongs, in a decision
        r = self.save(minutes_xml().replace(user_pid("ansatt"), HOLDER),
                      422)
        paths = [e.get("path") for e in r.xml().findall("error")]
        self.assertIn("/minutes/decisions/decision[1]/responsible", paths)
        self.assertEqual(count("minutes", "log_id = %d" % self.lid), before)
        self.assertEqual(count("form_submission", "form_id = 'minutes'"),
                         subs)
        # the same in the browser: the form again, the error at the row
        page = self.holder.get("/forms/minutes?log=%s&meeting=%s"
                               % (self.log, self.meeting))
        fields = [("csrf", csrf_of(page.text)), ("_row:participants", "1"),
                  ("_row:decisions", "1"), ("_row:measures", "1"),
                  ("/minutes/meeting/date", day(0)),
                  ("/minutes/participants/participant[1]/name", HOLDER),
                  ("/minutes/participants/participant[1]/role", "holder"),
                  ("/minutes/participants/participant[1]/service", "Fagerli"),
                  ("/minutes/child_voice", "Barnet var med."),
                  ("/minutes/discussion", "Status."),
                  ("/minutes/measures/measure[1]/what", "Leksehjelp"),
                  ("/minutes/measures/measure[1]/goal", "Leksene gjøres"),
                  ("/minutes/measures/measure[1]/responsible",
                   user_pid("ppt")),
                  ("/minutes/measures/measure[1]/start", day(0)),
                  ("/minutes/measures/measure[1]/evaluation", day(30)),
                  ("_action", "submit")]
        r = self.holder.post("/forms/minutes?log=%s&meeting=%s"
                             % (self.log, self.meeting), fields)
        self.assertEqual(r.status, 422, r.text[:2000])
        self.assertIn('href="#f-minutes-measures-measure-1-responsible"',
                      r.text)
        self.assertIn('id="f-minutes-measures-measure-1-responsible-error"',
                      r.text)
        self.assertIn('>Leksehjelp</textarea>', r.text)     # as typed
        self.assertEqual(count("minutes", "log_id = %d" % self.lid), before)

    def test_refused_at_finalise_shows_the_minutes_again(self):
        mpid = self.draft()
        # the nurse leaves the log before the minutes are made final
        r = api("POST", "/api/v1/logs/%s/participants/remove" % self.log,
                self.tok, xml_body("participant",
                                   user=user_pid("helsesykepleier"),
                                   reason="Flyttet"))
        self.assertIn(r.status, (200, 201, 204), r.text)
        measures = count("measure", "log_id = %d" % self.lid)
        decisions = len(events(self.log, "decision"))
        page = self.holder.get("/minutes/%s" % mpid)
        r = self.holder.post("/minutes/%s/finalise" % mpid, [
            ("csrf", csrf_of(page.text))])
        self.assertEqual(r.status, 422, r.text[:2000])
        t = r.text
        # the page of the minutes, with what is wrong at its row and the
        # way to put it right: the draft, edited
        self.assertIn('class="error-summary"', t)
        self.assertIn('href="#f-minutes-measures-measure-2-responsible"', t)
        self.assertIn('id="f-minutes-measures-measure-2-responsible"', t)
        self.assertIn("Tiltak 2: Ansvarlig", t)
        self.assertIn(NURSE, t)
        self.assertIn('href="/forms/minutes?minutes=%s"' % mpid, t)
        self.assertNotIn('href="/"', re.sub(r"<header.*?</header>", "", t,
                                            flags=re.S).split(
            'class="error-summary"')[1].split("</div>")[0])
        # nothing changed
        self.assertEqual(sql_value("SELECT status FROM minutes WHERE"
                                   " public_id = '%s'" % mpid), "draft")
        self.assertEqual(count("measure", "log_id = %d" % self.lid),
                         measures)
        self.assertEqual(len(events(self.log, "decision")), decisions)
        # the API: 422 with the field's path
        r = api("POST", "/api/v1/minutes/%s/finalise" % mpid, self.tok)
        self.assertEqual(r.status, 422, r.text)
        errs = r.xml().findall("error")
        self.assertEqual([e.get("path") for e in errs],
                         ["/minutes/measures/measure[2]/responsible"])
        self.assertIn(NURSE, errs[0].text)
        # edited (the nurse's measure given to the holder), it is final
        edit = self.holder.get("/forms/minutes?minutes=%s" % mpid)
        self.assertEqual(edit.status, 200)
        self.save(minutes_xml(NinaBergHelsestasjon01="ansatt"),
                  ctx="minutes=%s" % mpid)
        r = api("POST", "/api/v1/minutes/%s/finalise" % mpid, self.tok)
        self.assertEqual(r.status, 200, r.text)
        self.assertEqual(count("measure", "log_id = %d" % self.lid),
                         measures + 2)

    def test_edit_the_draft_opens_what_it_holds(self):
        mpid = self.draft(minutes_xml({
            "discussion": "Morgenene er bedre etter at Sara får gå rett inn."}))
        page = self.holder.get("/minutes/%s" % mpid)
        self.assertIn('href="/forms/minutes?minutes=%s"' % mpid, page.text)
        edit = self.holder.get("/forms/minutes?minutes=%s" % mpid)
        self.assertEqual(edit.status, 200, edit.text[:2000])
        t = edit.text
        self.assertIn("Morgenene er bedre etter at Sara får gå rett inn.", t)
        self.assertIn('value="Fast voksen møter Sara', t.replace(
            "</textarea>", "").replace(">Fast voksen", ' value="Fast voksen'))
        self.assertTrue(option_selected(
            t, "/minutes/measures/measure[2]/responsible",
            user_pid("helsesykepleier")))
        self.assertEqual(t.count('name="_row:measures"'), 2)
        self.assertIn('name="_minutes" value="%s"' % mpid, t)
        # sent from the page it stays the same draft
        fields = re.findall(r'<input type="hidden" name="([^"]+)" '
                            r'value="([^"]*)"', t)
        self.assertIn(("_minutes", mpid), fields)
        # another's draft does not open
        r = login("helsesykepleier").get("/forms/minutes?minutes=%s" % mpid)
        self.assertEqual(r.status, 404)

    def test_version_1_minutes_stay_readable(self):
        """Minutes written with version 1 (names typed) render and open
        with it; finalised, their names are matched as before."""
        root = ET.parse(os.path.join(CASES, "minutes-v1-valid.xml")).getroot()
        root.find("meeting/date").text = day(0)
        root.find("next_meeting/date").text = day(30)
        for r in root.iter("responsible"):
            r.text = NURSE
        text = dated(ET.tostring(root, encoding="unicode"))
        r = api("POST", "/api/v1/forms/minutes?version=1&log=%s&meeting=%s"
                % (self.log, self.meeting), self.tok, text)
        self.assertEqual(r.status, 201, r.text)
        mpid = r.header("Location").rsplit("/", 1)[1]
        self.assertEqual(sql_value(
            "SELECT s.form_version FROM minutes m JOIN form_submission s"
            " ON s.id = m.submission_id WHERE m.public_id = '%s'" % mpid),
            "1")
        page = self.holder.get("/minutes/%s" % mpid)
        self.assertEqual(page.status, 200)
        self.assertIn(NURSE, page.text)
        # the draft opens with its own version: the name typed
        edit = self.holder.get("/forms/minutes?minutes=%s" % mpid)
        self.assertIn('<input id="f-minutes-measures-measure-1-responsible"'
                      ' name="/minutes/measures/measure[1]/responsible" '
                      'value="%s"' % NURSE, edit.text)
        r = api("POST", "/api/v1/minutes/%s/finalise" % mpid, self.tok)
        self.assertEqual(r.status, 200, r.text)


if __name__ == "__main__":
    unittest.main()
