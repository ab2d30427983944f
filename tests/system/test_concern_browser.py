"""test_concern_browser.py: the concern form in the browser: rendering,
server-side validation with errors inline and everything kept, the
receipt, who sees what on the start page."""
import datetime
import re
import unittest

from stafett_test import (Client, concern_fields, count, nin_for, sql,
                          sql_value, today)


def submit(c, **changes):
    csrf = c.csrf("/forms/concern")
    return c.post("/forms/concern", concern_fields(csrf, **changes))


class ConcernFormTest(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.c = Client()
        cls.c.login("ansatt")

    def test_form_renders_accessibly(self):
        r = self.c.get("/forms/concern")
        self.assertEqual(r.status, 200)
        html = r.text
        self.assertIn("Undring eller bekymring for et barn", html)
        # every input, textarea and select has a label tied to its id
        ids = re.findall(r'<(?:input|textarea|select)[^>]*\sid="([^"]+)"',
                         html)
        self.assertGreater(len(ids), 10)
        for i in ids:
            self.assertIn('for="%s"' % i, html, i)
        # no id is used twice
        all_ids = re.findall(r'\sid="([^"]+)"', html)
        self.assertEqual(len(all_ids), len(set(all_ids)))
        # groups are fieldsets with legends
        self.assertEqual(html.count("<fieldset"), html.count("<legend"))
        self.assertIn('name="csrf"', html)

    def test_english(self):
        r = self.c.get("/forms/concern?lang=en")
        self.assertIn('lang="en"', r.text)
        self.assertIn("Wondering or concern about a child", r.text)
        self.assertIn("What have you seen or heard?", r.text)
        r = self.c.get("/forms/concern?lang=nb")
        self.assertIn("Hva har du sett eller hørt?", r.text)

    def test_invalid_shows_errors_inline_and_keeps_input(self):
        before = count("concern")
        r = submit(self.c, observation__seen="", child__nin="12345678901",
                   child__name="Kari <Tester> & co")
        self.assertEqual(r.status, 422)
        self.assertEqual(count("concern"), before)
        html = r.text
        self.assertIn('class="error-summary"', html)
        # the summary links to the fields, the fields point at their errors
        self.assertIn('href="#f-concern-observation-seen"', html)
        self.assertIn('id="f-concern-observation-seen-error"', html)
        self.assertRegex(html, r'id="f-concern-observation-seen"[^>]*'
                         r'aria-describedby="[^"]*f-concern-observation-seen-error')
        self.assertIn("Dette feltet må fylles ut.", html)
        self.assertIn("Fødselsnummeret begynner ikke med en gyldig dato.",
                      html)
        # what was typed is kept, escaped
        self.assertIn('value="Kari &lt;Tester&gt; &amp; co"', html)
        self.assertIn('value="12345678901"', html)
        self.assertIn('value="weeks" checked', html)

    def test_wrong_check_digits(self):
        good = nin_for(datetime.date(2020, 5, 17))
        bad = good[:10] + str((int(good[10]) + 1) % 10)
        r = submit(self.c, child__nin=bad)
        self.assertEqual(r.status, 422)
        self.assertIn("Fødselsnummeret har feil kontrollsiffer.", r.text)

    def test_valid_concern_is_stored_and_receipted(self):
        before = count("concern")
        r = submit(self.c, child__name="Per Receipt")
        self.assertEqual(r.status, 303, r.text[:500])
        loc = r.header("Location")
        m = re.match(r"^/concerns/([A-Za-z0-9_-]{22})\?new=1$", loc)
        self.assertTrue(m, loc)
        self.assertEqual(count("concern"), before + 1)
        cid = m.group(1)
        row = sql("SELECT c.level, c.status, c.deadline, u.code, "
                  "s.form_id, s.form_version FROM concern c "
                  "JOIN unit u ON u.id = c.unit_id "
                  "JOIN form_submission s ON s.id = c.submission_id "
                  "WHERE c.public_id = '%s'" % cid)[0]
        deadline = (today() + datetime.timedelta(days=14)).isoformat()
        self.assertEqual(row, ["0", "open", deadline, "fagerli-bhg",
                               "concern", "2"])
        receipt = self.c.get(loc)
        self.assertEqual(receipt.status, 200)
        ref = sql_value("SELECT reference FROM concern WHERE public_id = '%s'"
                        % cid)
        self.assertIn(ref, receipt.text)
        self.assertIn("Bekymringen er registrert", receipt.text)
        d = today() + datetime.timedelta(days=14)
        self.assertIn(d.strftime("%d.%m.%Y"), receipt.text)
        self.assertIn("Per Receipt", receipt.text)
        # when it was written, in local time: "Ingrid Solberg, 24.11.2026 08:30"
        self.assertRegex(receipt.text, r"Ingrid Solberg, \d\d\.\d\d\.\d{4} "
                         r"\d\d:\d\d")
        # the leader is to be told: an outbox row in the same transaction
        self.assertEqual(count("outbox", "concern_id = (SELECT id FROM "
                               "concern WHERE public_id = '%s')" % cid), 1)

    def test_urgent_concern_says_phone_now(self):
        r = submit(self.c, urgent="true")
        self.assertEqual(r.status, 303)
        page = self.c.get(r.header("Location"))
        # the call-out comes first, with 112 and the report of concern
        # for this concern (test_urgent.py has the rest of the urgent path)
        main = page.text[page.text.index("<main"):]
        cid = r.header("Location")[10:32]
        self.assertLess(main.index('id="call-now"'),
                        main.index('class="receipt"'))
        self.assertIn("112", main[:main.index('class="receipt"')])
        self.assertIn('href="/forms/cw-report?concern=%s"' % cid,
                      main[:main.index('class="receipt"')])
        kind = sql_value("SELECT kind FROM outbox o JOIN concern c ON "
                         "c.id = o.concern_id WHERE c.public_id = '%s'"
                         % r.header("Location")[10:32])
        self.assertEqual(kind, "concern.urgent")

    def test_anonymous_concern_keeps_no_identity(self):
        r = submit(self.c, anonymous="true", child__name="Skal Ikke Lagres",
                   child__nin=nin_for(datetime.date(2019, 1, 2)),
                   child__birthdate="", child__age="5")
        self.assertEqual(r.status, 303, r.text[:300])
        cid = r.header("Location")[10:32]
        row = sql("SELECT c.anonymous, c.child_id IS NULL, s.instance FROM "
                  "concern c JOIN form_submission s ON "
                  "s.id = c.submission_id WHERE c.public_id = '%s'" % cid)[0]
        self.assertEqual(row[:2], ["1", "1"])
        self.assertNotIn("Skal Ikke Lagres", row[2])
        self.assertNotIn("<nin>", row[2])
        self.assertIn("<age>5</age>", row[2])

    def test_form_post_without_csrf_is_refused(self):
        before = count("concern")
        fields = [f for f in concern_fields("x") if f[0] != "csrf"]
        r = self.c.post("/forms/concern", fields)
        self.assertEqual(r.status, 403)
        self.assertEqual(count("concern"), before)

    def test_unknown_form(self):
        self.assertEqual(self.c.get("/forms/nosuchform").status, 404)


class VisibilityTest(unittest.TestCase):
    """Who sees a concern: deny unless a rule grants it."""

    @classmethod
    def setUpClass(cls):
        cls.author = Client()
        cls.author.login("ansatt")
        r = submit(cls.author, child__name="Synlig Testbarn")
        assert r.status == 303, r
        cls.loc = r.header("Location").split("?")[0]

    def sees(self, user):
        c = Client()
        c.login(user)
        home = c.get("/").text
        page = c.get(self.loc)
        return "Synlig Testbarn" in home, page.status

    def test_author_sees_it(self):
        self.assertEqual(self.sees("ansatt"), (True, 200))

    def test_leader_of_the_unit_sees_it(self):
        self.assertEqual(self.sees("leder"), (True, 200))

    def test_colleague_does_not(self):
        self.assertEqual(self.sees("ansatt2"), (False, 404))

    def test_leader_of_another_unit_does_not(self):
        self.assertEqual(self.sees("leder2"), (False, 404))

    def test_nurse_does_not(self):
        self.assertEqual(self.sees("helsesykepleier"), (False, 404))

    def test_administrator_does_not(self):
        self.assertEqual(self.sees("admin"), (False, 403))

    def test_reads_are_audited(self):
        before = count("audit", "action = 'read' AND object_type = 'concern'")
        self.author.get(self.loc)
        self.assertEqual(count("audit", "action = 'read' AND "
                               "object_type = 'concern'"), before + 1)
        before = count("audit", "action = 'list'")
        self.author.get("/")
        self.assertGreater(count("audit", "action = 'list'"), before)

    def test_unknown_id(self):
        r = self.author.get("/concerns/AAAAAAAAAAAAAAAAAAAAAA")
        self.assertEqual(r.status, 404)
        r = self.author.get("/concerns/not-an-id")
        self.assertEqual(r.status, 404)


if __name__ == "__main__":
    unittest.main()
