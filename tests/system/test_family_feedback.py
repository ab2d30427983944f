"""System tests: the family's feedback when a relay log closes, counted
for the service (issue 20, item 9; 004:875, 002:27-31;
sql/0038_family_feedback.sql, fcgi/handlers/h_feedback.c). Closing asks
the guardians with parental responsibility; each answers once, within
the time; the answer is stored with the service and the month only; the
service's leader sees the answers counted per finished half-year, and
nothing where there are fewer than five."""
import unittest

from caselog_fixtures import day, instance, login, open_log, user_id, xml_body
from stafett_test import api, count, csrf_of, sql, sql_value, today, token

QUESTIONS = ("heard", "early", "knew_holder", "together", "helped")


def close(log):
    r = api("POST", "/api/v1/forms/closing?log=%s" % log, token("ansatt"),
            instance("closing", {"date": day(0)}))
    assert r.status == 201, r.text


def closed_log(name, guardian=True):
    log, _ = open_log(login("ansatt"), name)
    if guardian:
        sql("INSERT INTO child_person (child_id, user_id, relation) SELECT"
            " child_id, %d, 'guardian' FROM relay_log WHERE public_id = '%s'"
            % (user_id("forelder"), log))
    close(log)
    return log


def invitation(log, user="forelder"):
    return sql_value("SELECT f.public_id FROM feedback_invite f JOIN"
                     " relay_log l ON l.id = f.log_id WHERE l.public_id ="
                     " '%s' AND f.user_id = %d" % (log, user_id(user)))


def last_half():
    """The half-year before this one: its first and last month."""
    t = today()
    if t.month <= 6:
        return "%d-07" % (t.year - 1), "%d-12" % (t.year - 1)
    return "%d-01" % t.year, "%d-06" % t.year


class FeedbackTest(unittest.TestCase):

    def test_asked_at_closing_answered_once_without_a_name(self):
        log = closed_log("Tilbake Melding")
        fid = invitation(log)
        self.assertNotEqual(fid, "NULL")
        self.assertEqual(count("outbox", "kind = 'log.feedback' AND user_id"
                               " = %d AND log_id = (SELECT id FROM"
                               " relay_log WHERE public_id = '%s')"
                               % (user_id("forelder"), log)), 1)
        g = login("forelder")
        # the way to it: the start page, and the closed log's head
        self.assertIn('href="/feedback/%s"' % fid, g.get("/").text)
        self.assertIn('href="/feedback/%s"' % fid,
                      g.get("/logs/" + log).text)
        page = g.get("/feedback/" + fid)
        self.assertEqual(page.status, 200)
        self.assertIn("Fagerli barnehage", page.text)
        # nothing answered: refused, what was typed kept
        before = count("family_feedback")
        r = g.post("/feedback/" + fid, [("csrf", csrf_of(page.text))] +
                   [(q, "") for q in QUESTIONS] + [("comment", "  ")])
        self.assertEqual(r.status, 422, r.text[:500])
        self.assertIn('href="#fb-heard"', r.text)
        r = g.post("/feedback/" + fid, [("csrf", csrf_of(page.text)),
                                        ("heard", "7"), ("comment", "Hei")])
        self.assertEqual(r.status, 422)
        self.assertIn('id="fb-heard-error"', r.text)
        self.assertIn(">Hei</textarea>", r.text)
        self.assertEqual(count("family_feedback"), before)
        r = g.post("/feedback/" + fid, [
            ("csrf", csrf_of(page.text)), ("heard", "4"), ("early", ""),
            ("knew_holder", "5"), ("together", "3"), ("helped", "4"),
            ("comment", "Mer tid til samtaler.")])
        self.assertEqual(r.status, 303, r.text[:500])
        self.assertEqual(count("family_feedback"), before + 1)
        # the answer has the service and the month, nothing else
        unit = sql_value("SELECT home_unit_id FROM relay_log WHERE"
                         " public_id = '%s'" % log)
        row = sql("SELECT unit_id, period, heard, early, knew_holder,"
                  " together, helped, comment FROM family_feedback WHERE"
                  " comment = 'Mer tid til samtaler.'")
        self.assertEqual(row, [[unit, today().isoformat()[:7], "4", "NULL",
                                "5", "3", "4", "Mer tid til samtaler."]])
        cols = [c[0] for c in sql(
            "SELECT column_name FROM information_schema.columns WHERE"
            " table_schema = DATABASE() AND table_name = 'family_feedback'")]
        self.assertEqual(sorted(cols), sorted(
            ["public_id", "unit_id", "period", "comment"] + list(QUESTIONS)))
        # once: a second answer is refused and stores nothing
        r = api("POST", "/api/v1/feedback/" + fid, token("forelder"),
                xml_body("feedback", heard="1"))
        self.assertEqual(r.status, 409, r.text)
        self.assertEqual(count("family_feedback"), before + 1)
        self.assertIn("Du har svart", g.get("/feedback/" + fid).text)
        self.assertNotIn('href="/feedback/%s"' % fid, g.get("/").text)

    def test_only_the_person_asked(self):
        log = closed_log("Bare Foresatte")
        fid = invitation(log)
        for who in ("ansatt", "leder", "ungdom", "admin"):
            r = api("GET", "/api/v1/feedback/" + fid, token(who))
            self.assertEqual(r.status, 404, (who, r.text))
            r = api("POST", "/api/v1/feedback/" + fid, token(who),
                    xml_body("feedback", heard="1"))
            self.assertEqual(r.status, 404, (who, r.text))
        self.assertEqual(api("GET", "/api/v1/feedback/" + "x" * 22,
                             token("forelder")).status, 404)
        # a log closed without a family stafett knows asks nobody
        self.assertIn(invitation(closed_log("Ingen Familie",
                                            guardian=False)), (None, "NULL"))

    def test_the_time_to_answer(self):
        log = closed_log("Sent Svar")
        fid = invitation(log)
        sql("UPDATE feedback_invite SET created_at = UTC_TIMESTAMP() -"
            " INTERVAL 91 DAY WHERE public_id = '%s'" % fid)
        r = api("POST", "/api/v1/feedback/" + fid, token("forelder"),
                xml_body("feedback", heard="3"))
        self.assertEqual(r.status, 409, r.text)
        self.assertIn("tiden", login("forelder").get("/feedback/" + fid)
                      .text.lower())

    def test_the_service_sees_counts_of_five_or_more(self):
        frm, to = last_half()
        unit = sql_value("SELECT unit_id FROM app_user WHERE username ="
                         " 'leder'")
        sql("DELETE FROM family_feedback WHERE unit_id = %s" % unit)
        for i in range(4):
            sql("INSERT INTO family_feedback (public_id, unit_id, period,"
                " heard, helped, comment) VALUES (LEFT(MD5(RAND()), 22), %s,"
                " '%s', %d, NULL, %s)" % (unit, frm, 2 + i % 3,
                                          "'Svar %d'" % i if i else "NULL"))
        leader = "leder"
        r = api("GET", "/api/v1/feedback", token(leader))
        self.assertEqual(r.status, 200, r.text)
        self.assertIn('suppressed="true"', r.text)
        self.assertNotIn("Svar 1", r.text)
        # a fifth: the unit's figures, a question four answered still not
        sql("INSERT INTO family_feedback (public_id, unit_id, period, heard,"
            " helped) VALUES (LEFT(MD5(RAND()), 22), %s, '%s', 5, 4)"
            % (unit, to))
        r = api("GET", "/api/v1/feedback", token(leader))
        self.assertRegex(r.text, r'<unit name="[^"]+" answers="5">')
        self.assertRegex(r.text, r'<question id="heard" answered="5"'
                         r' mean="3.2" agree="40">')
        self.assertRegex(r.text, r'<question id="helped" suppressed="true">')
        self.assertIn("<comment>Svar 1</comment>", r.text)
        # this half-year is not over: not shown
        sql("INSERT INTO family_feedback (public_id, unit_id, period, heard)"
            " VALUES (LEFT(MD5(RAND()), 22), %s, '%s', 1)"
            % (unit, today().isoformat()[:7]))
        self.assertIn('answers="5"', api("GET", "/api/v1/feedback",
                                         token(leader)).text)

    def test_who_sees_the_counts(self):
        self.assertEqual(api("GET", "/api/v1/feedback", token("ansatt"))
                         .status, 404)
        self.assertEqual(api("GET", "/api/v1/feedback", token("forelder"))
                         .status, 404)
        r = api("GET", "/api/v1/feedback", token("admin"))
        self.assertEqual(r.status, 200, r.text)
        self.assertIn('scope="municipality"', r.text)
        r = api("GET", "/api/v1/feedback", token("leder"))
        self.assertIn('scope="unit"', r.text)
        page = login("leder").get("/feedback")
        self.assertEqual(page.status, 200)
        self.assertIn("<h1>Familienes tilbakemeldinger</h1>", page.text)


if __name__ == "__main__":
    unittest.main()
