"""System tests: the family invited to meetings through the relay log,
and every invitee's answer (issue 20, item 9; 004:818-822;
sql/0037_meeting_answer.sql). The holder invites the family; the
guardians with parental responsibility see the invitation on their start
page and in the log, answer it (coming, cannot come, another time with
when), and the holder is told. Someone not invited, a meeting held, a
closed log: refused, nothing changed."""
import datetime
import random
import unittest

from caselog_fixtures import (add_participant, day, events, give_consent,
                              login, open_log, user_id, user_pid, xml_body)
from stafett_test import api, count, csrf_of, nin_for, sql, sql_value, token


def plan(log, date, **fields):
    body = dict(date=date, time="10:00", place="Fagerli barnehage",
                agenda="Hvordan har Emil det nå?")
    body.update(fields)
    return api("POST", "/api/v1/logs/%s/meetings" % log, token("ansatt"),
               xml_body("meeting", **body))


def meeting_of(log, place):
    return sql_value("SELECT m.public_id FROM meeting m JOIN relay_log l ON"
                     " l.id = m.log_id WHERE l.public_id = '%s' AND"
                     " m.place = '%s' ORDER BY m.id DESC LIMIT 1"
                     % (log, place))


def answer_row(meeting, user):
    return sql("SELECT mi.answer, mi.answer_note, mi.family FROM"
               " meeting_invitee mi JOIN meeting m ON m.id = mi.meeting_id"
               " WHERE m.public_id = '%s' AND mi.user_id = %d"
               % (meeting, user_id(user)))


def told(user, kind, log):
    return count("outbox", "kind = '%s' AND user_id = %d AND log_id ="
                 " (SELECT id FROM relay_log WHERE public_id = '%s')"
                 % (kind, user_id(user), log))


def guardian_of(log, user="forelder", responsibility=True):
    sql("INSERT IGNORE INTO child_person (child_id, user_id, relation,"
        " parental_responsibility) SELECT child_id, %d, 'guardian', %d FROM"
        " relay_log WHERE public_id = '%s'"
        % (user_id(user), 1 if responsibility else 0, log))


def with_number(holder, name):
    born = datetime.date(2019, 4, 1) + datetime.timedelta(
        days=random.randint(0, 700))
    nin = nin_for(born, individual=random.randint(500, 940))
    log, _ = open_log(holder, name, born.isoformat(), nin)
    return log


class FamilyInvitedTest(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.holder = login("ansatt")
        cls.log = with_number(cls.holder, "Emil Møtebarn")
        guardian_of(cls.log)

    def test_the_family_answers_and_the_holder_is_told(self):
        invites = told("forelder", "meeting.invite", self.log)
        answers = told("ansatt", "meeting.answer", self.log)
        r = plan(self.log, day(7), place="Rom Familie", family="true")
        self.assertEqual(r.status, 201, r.text)
        meeting = meeting_of(self.log, "Rom Familie")
        # the guardian stafett knows is invited as the family, and told
        self.assertEqual(answer_row(meeting, "forelder"), [["NULL", "NULL",
                                                            "1"]])
        self.assertEqual(told("forelder", "meeting.invite", self.log),
                         invites + 1)
        self.assertRegex(events(self.log, "meeting")[-1][1],
                         "the family is invited$")
        # on the guardian's start page, and in the log with a form
        g = login("forelder")
        home = g.get("/").text
        self.assertIn('href="/logs/%s#meeting-%s"' % (self.log, meeting),
                      home)
        page = g.get("/logs/" + self.log).text
        self.assertIn('id="answer-%s"' % meeting, page)
        self.assertIn("Familien: foresatte, og ungdommen fra 15 år", page)
        # another time without saying when: the field says so, what was
        # chosen is kept, nothing is stored
        r = g.post("/logs/%s/meetings/answer" % self.log, [
            ("csrf", csrf_of(page)), ("meeting", meeting),
            ("answer", "other_time"), ("note", "  ")])
        self.assertEqual(r.status, 422, r.text[:500])
        self.assertIn('id="answer-%s-note-error"' % meeting, r.text)
        self.assertRegex(r.text, r'value="other_time"\s+checked')
        self.assertEqual(answer_row(meeting, "forelder")[0][0], "NULL")
        self.assertEqual(told("ansatt", "meeting.answer", self.log), answers)
        r = g.post("/logs/%s/meetings/answer" % self.log, [
            ("csrf", csrf_of(page)), ("meeting", meeting),
            ("answer", "other_time"),
            ("note", "Tirsdager etter kl. 14 passer best.")])
        self.assertEqual(r.status, 303, r.text[:500])
        self.assertEqual(answer_row(meeting, "forelder"), [[
            "other_time", "Tirsdager etter kl. 14 passer best.", "1"]])
        self.assertEqual(told("ansatt", "meeting.answer", self.log),
                         answers + 1)
        self.assertRegex(events(self.log, "meeting")[-1][1],
                         "asks for another time$")
        # the holder reads the answer by the meeting
        page = self.holder.get("/logs/" + self.log).text
        self.assertIn("Line Hansen: ber om et annet tidspunkt – <span "
                      'class="text">Tirsdager etter kl. 14 passer best.'
                      "</span>", page)
        # the holder is not invited to answer what they planned
        self.assertNotIn('id="answer-%s"' % meeting, page)
        # answered again by the API: the last answer counts
        r = api("POST", "/api/v1/logs/%s/meetings/answer" % self.log,
                token("forelder"), xml_body("answer", meeting=meeting,
                                            answer="coming"))
        self.assertEqual(r.status, 200, r.text)
        self.assertEqual(answer_row(meeting, "forelder"), [["coming", "NULL",
                                                            "1"]])
        # the minutes of the meeting start with the guardian as guardian
        form = self.holder.get("/forms/minutes?log=%s&meeting=%s"
                               % (self.log, meeting)).text
        self.assertIn('name="/minutes/participants/participant[1]/name"'
                      ' value="Line Hansen"', form)
        self.assertRegex(form, r'participant\[1\]/role"[^>]*>'
                         r'<option value="">[^<]*</option>'
                         r'<option value="guardian" selected>')

    def test_a_guardian_without_responsibility_is_not_invited(self):
        log = with_number(self.holder, "Ida Uten Ansvar")
        guardian_of(log, "forelder", responsibility=False)
        self.assertEqual(plan(log, day(3), place="Rom Ansvar",
                              family="true").status, 201)
        meeting = meeting_of(log, "Rom Ansvar")
        self.assertEqual(answer_row(meeting, "forelder"), [])
        self.assertEqual(told("forelder", "meeting.invite", log), 0)

    def test_who_may_not_answer(self):
        nurse = "helsesykepleier"
        self.assertEqual(plan(self.log, day(5), place="Rom Ikke Familie")
                         .status, 201)
        meeting = meeting_of(self.log, "Rom Ikke Familie")
        before = len(events(self.log))
        # the guardian reads the log, but the family is not invited
        r = api("POST", "/api/v1/logs/%s/meetings/answer" % self.log,
                token("forelder"), xml_body("answer", meeting=meeting,
                                            answer="coming"))
        self.assertEqual(r.status, 403, r.text)
        # someone outside the log learns nothing
        r = api("POST", "/api/v1/logs/%s/meetings/answer" % self.log,
                token(nurse), xml_body("answer", meeting=meeting,
                                       answer="coming"))
        self.assertEqual(r.status, 404, r.text)
        # a meeting of another log, or none: by field
        r = api("POST", "/api/v1/logs/%s/meetings/answer" % self.log,
                token("forelder"), xml_body("answer", meeting="x" * 22,
                                            answer="coming"))
        self.assertEqual(r.status, 422, r.text)
        self.assertIn('path="meeting"', r.text)
        self.assertEqual(len(events(self.log)), before)

    def test_a_meeting_held_is_not_answered(self):
        self.assertEqual(plan(self.log, day(-1), place="Rom Holdt",
                              family="true").status, 201)
        meeting = meeting_of(self.log, "Rom Holdt")
        r = api("POST", "/api/v1/logs/%s/meetings/answer" % self.log,
                token("forelder"), xml_body("answer", meeting=meeting,
                                            answer="coming"))
        self.assertEqual(r.status, 409, r.text)
        self.assertNotIn('id="answer-%s"' % meeting,
                         login("forelder").get("/logs/" + self.log).text)

    def test_an_invited_participant_answers(self):
        log = with_number(self.holder, "Per Deltaker")
        born = sql_value("SELECT ch.birth_date FROM child ch JOIN relay_log l"
                         " ON l.child_id = ch.id WHERE l.public_id = '%s'"
                         % log)
        give_consent("ansatt", log, "Per Deltaker", born, "health_clinic")
        add_participant("ansatt", log, "helsesykepleier")
        self.assertEqual(plan(log, day(2), place="Rom Deltaker",
                              invite=user_pid("helsesykepleier")).status,
                         201)
        meeting = meeting_of(log, "Rom Deltaker")
        r = api("POST", "/api/v1/logs/%s/meetings/answer" % log,
                token("helsesykepleier"), xml_body(
                    "answer", meeting=meeting, answer="not_coming",
                    note="Kurs den dagen; sender notat."))
        self.assertEqual(r.status, 200, r.text)
        self.assertEqual(answer_row(meeting, "helsesykepleier"), [[
            "not_coming", "Kurs den dagen; sender notat.", "0"]])
        # the same answer again tells nobody again
        events_before = len(events(log, "meeting"))
        r = api("POST", "/api/v1/logs/%s/meetings/answer" % log,
                token("helsesykepleier"), xml_body(
                    "answer", meeting=meeting, answer="not_coming",
                    note="Kurs den dagen; sender notat."))
        self.assertEqual(r.status, 200, r.text)
        self.assertEqual(len(events(log, "meeting")), events_before)
        # the minutes leave out who cannot come; the holder comes first
        form = self.holder.get("/forms/minutes?log=%s&meeting=%s"
                               % (log, meeting)).text
        self.assertNotIn('value="Nina Berg"', form)
        r = api("POST", "/api/v1/logs/%s/meetings/answer" % log,
                token("helsesykepleier"), xml_body(
                    "answer", meeting=meeting, answer="maybe"))
        self.assertEqual(r.status, 422, r.text)
        self.assertIn('path="answer"', r.text)
        r = api("POST", "/api/v1/logs/%s/meetings/answer" % log,
                token("helsesykepleier"), xml_body(
                    "answer", meeting=meeting, answer="coming",
                    note="x" * 1001))
        self.assertEqual(r.status, 422, r.text)
        self.assertIn('path="note"', r.text)

    def test_no_family_without_the_number(self):
        log, _ = open_log(self.holder, "Ukjent Familie", "2018-02-02")
        before = count("meeting")
        r = plan(log, day(4), place="Rom Ukjent", family="true")
        self.assertEqual(r.status, 422, r.text)
        self.assertIn('path="family"', r.text)
        self.assertEqual(count("meeting"), before)
        page = self.holder.get("/logs/" + log).text
        self.assertIn("Uten barnets fødselsnummer kjenner ikke Stafett"
                      " foresatte", page)
        self.assertNotIn('name="family"', page)


if __name__ == "__main__":
    unittest.main()
