"""System tests: the family's language and interpreter (issue 20, item 9;
sql/0036_family_language.sql): the holder records them on the relay log,
the log's head says them, and where meetings and consents are planned
the page reminds everyone to book an interpreter."""
import unittest

from caselog_fixtures import events, login, open_log, xml_body
from stafett_test import api, csrf_of, sql, token


def save(log, **fields):
    return api("POST", "/api/v1/logs/%s/language" % log, token("ansatt"),
               xml_body("language", **fields))


def row(log):
    return sql("SELECT family_language, interpreter_needed FROM relay_log"
               " WHERE public_id = '%s'" % log)[0]


class FamilyLanguageTest(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.c = login("ansatt")
        cls.log, _ = open_log(cls.c, "Tolk Barnesen", "2017-05-06")

    def test_recorded_and_shown(self):
        told = len(events(self.log, "language"))
        r = save(self.log, language="arabisk", interpreter="true")
        self.assertEqual(r.status, 200, r.text)
        self.assertEqual(row(self.log), ["arabisk", "1"])
        page = self.c.get("/logs/" + self.log).text
        self.assertIn("<dt>Familiens språk</dt><dd>arabisk – <strong>det "
                      "trengs tolk</strong></dd>", page)
        # where meetings and consents are planned: two reminders
        self.assertEqual(page.count("Familien trenger tolk (arabisk)."), 2)
        self.assertEqual(len(events(self.log, "language")), told + 1)
        # no interpreter: no reminder; cleared: nothing shown
        self.assertEqual(save(self.log, language="polsk",
                              interpreter="false").status, 200)
        page = self.c.get("/logs/" + self.log).text
        self.assertNotIn("Familien trenger tolk (", page)
        self.assertIn("<dt>Familiens språk</dt><dd>polsk</dd>", page)
        # the same again: nothing to tell
        told = len(events(self.log, "language"))
        self.assertEqual(save(self.log, language=" polsk ",
                              interpreter="false").status, 200)
        self.assertEqual(len(events(self.log, "language")), told)
        self.assertEqual(save(self.log, language="",
                              interpreter="false").status, 200)
        self.assertEqual(row(self.log), ["NULL", "0"])
        self.assertNotIn("Familiens språk</dt>",
                         self.c.get("/logs/" + self.log).text)

    def test_refused_by_field(self):
        before = row(self.log)
        r = save(self.log, language="", interpreter="true")
        self.assertEqual(r.status, 422, r.text)
        self.assertIn('path="language"', r.text)
        r = save(self.log, language="x" * 61, interpreter="false")
        self.assertEqual(r.status, 422, r.text)
        # 60 characters are 60, whatever the script
        r = save(self.log, language="ትግርኛ" * 15, interpreter="true")
        self.assertEqual(r.status, 200, r.text)
        self.assertEqual(row(self.log), ["ትግርኛ" * 15, "1"])
        before = row(self.log)
        r = save(self.log, language="tigrinja", interpreter="kanskje")
        self.assertEqual(r.status, 422, r.text)
        self.assertIn('path="interpreter"', r.text)
        self.assertEqual(row(self.log), before)

    def test_browser_form_keeps_what_was_typed(self):
        page = self.c.get("/logs/" + self.log).text
        self.assertIn('action="/logs/%s/language"' % self.log, page)
        bad = self.c.post("/logs/%s/language" % self.log, [
            ("csrf", csrf_of(page)), ("language", ""),
            ("interpreter", "true")])
        self.assertEqual(bad.status, 422)
        self.assertIn("language-language-error", bad.text)
        self.assertRegex(bad.text, r'id="language-interpreter"[^>]*checked')
        ok = self.c.post("/logs/%s/language" % self.log, [
            ("csrf", csrf_of(page)), ("language", "somali"),
            ("interpreter", "true")])
        self.assertEqual(ok.status, 303, ok.text[:500])
        self.assertEqual(row(self.log), ["somali", "1"])


if __name__ == "__main__":
    unittest.main()
