"""test_form_rules.py: forms that say what they need (issue 16, item 8),
in the browser and through the API: the concern's identity is the
number or the date of birth (neither marked required on its own; both
named when both are missing), nothing of it when the discussion is
anonymous; an error in a repeat's row names the row; the consent's
expiry error says the limit and the last date it allows; a refused
page moves the focus to its error summary."""
import datetime
import html
import re
import unittest

from stafett_test import (Client, api, concern_fields, concern_xml, count,
                          csrf_of, nin_for, sql_value, today, token)


def summary(text):
    """The error summary's items, as text."""
    m = re.search(r'<div class="error-summary"(.*?)</div>', text, re.S)
    assert m, "no error summary"
    return [html.unescape(re.sub(r"<[^>]+>", "", li)).strip()
            for li in re.findall(r"<li>(.*?)</li>", m.group(1), re.S)]


def inline_error(text, html_id):
    m = re.search(r'<p class="field-error" id="%s-error">(.*?)</p>'
                  % re.escape(html_id), text, re.S)
    assert m, "no error beside " + html_id
    return html.unescape(re.sub(r"<[^>]+>", "", m.group(1))).strip()


def label_of(text, html_id):
    m = re.search(r'<label for="%s">(.*?)</label>' % re.escape(html_id),
                  text, re.S)
    assert m, "no label for " + html_id
    return html.unescape(re.sub(r"<[^>]+>", "", m.group(1)))


class ConcernIdentityTest(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.tok = token("ansatt")

    def setUp(self):
        self.c = Client()
        self.c.login("ansatt")

    def send(self, **changes):
        page = self.c.get("/forms/concern")
        return self.c.post("/forms/concern", concern_fields(
            csrf_of(page.text), **changes) + [("_action", "submit")])

    def test_the_page_marks_what_the_rule_requires(self):
        page = self.c.get("/forms/concern").text
        nin = re.search(r'<input id="f-concern-child-nin"[^>]*>', page).group(0)
        self.assertNotIn("aria-required", nin)
        self.assertNotIn("må fylles ut", label_of(page, "f-concern-child-nin"))
        self.assertNotIn("må fylles ut",
                         label_of(page, "f-concern-child-birthdate"))
        # the group that holds them says one of them is needed
        self.assertRegex(page, r"<legend>Fødselsnummer, fødselsdato eller "
                         r"termin</legend><div class=\"hint\" id=\"[^\"]+\">"
                         r"Fyll ut minst ett av dem\. Er barnet ikke født "
                         r"ennå, fyller du bare ut termin\.</div>")
        # the child's identity says it is not for anonymous discussions
        self.assertIn("Fylles ut når du ikke drøfter anonymt.", page)
        self.assertIn("Må fylles ut når du drøfter anonymt.", page)

    def test_neither_number_nor_birth_date_is_refused_naming_both(self):
        r = self.send(child__nin="", child__birthdate="")
        self.assertEqual(r.status, 422)
        self.assertIn("Fødselsnummer eller D-nummer (11 siffer): Fyll ut "
                      "fødselsnummeret, fødselsdatoen eller termin.",
                      summary(r.text))
        self.assertIn("Fyll ut fødselsnummeret, fødselsdatoen eller termin.",
                      inline_error(r.text, "f-concern-child-nin"))
        # the same through the API, by path
        a = api("POST", "/api/v1/forms/concern", self.tok,
                concern_xml(child__nin="", child__birthdate=""),
                headers={"Accept-Language": "en"})
        self.assertEqual(a.status, 422)
        errs = {e.get("path"): e.text for e in a.xml().findall("error")}
        self.assertEqual(errs, {"/concern/child/nin": "Give the identity "
                                "number, the date of birth or the expected "
                                "date."})

    def test_either_one_is_enough(self):
        before = count("concern")
        self.assertEqual(self.send(child__nin="",
                                   child__birthdate="2020-02-02").status, 303)
        self.assertEqual(self.send(
            child__nin=nin_for(datetime.date(2019, 5, 17)),
            child__birthdate="").status, 303)
        self.assertEqual(count("concern"), before + 2)

    def test_an_anonymous_concern_needs_no_name_or_number(self):
        before = count("concern", "anonymous = 1")
        r = self.send(anonymous="true", child__name="", child__nin="",
                      child__birthdate="", child__age="")
        self.assertEqual(r.status, 422)
        # only the age is missing; the name and number are not asked for
        self.assertEqual([e for e in summary(r.text)
                          if "Barnets navn" in e or "Fødselsnummer" in e], [])
        self.assertTrue(any(e.startswith("Barnets alder i år")
                            for e in summary(r.text)), summary(r.text))
        self.assertIn("må fylles ut", label_of(r.text, "f-concern-child-age"))
        self.assertNotIn("må fylles ut",
                         label_of(r.text, "f-concern-child-name"))
        self.assertNotIn("må fylles ut",
                         label_of(r.text, "f-concern-child-nin"))
        r = self.send(anonymous="true", child__name="", child__nin="",
                      child__birthdate="", child__age="5")
        self.assertEqual(r.status, 303, r.text[:2000])
        self.assertEqual(count("concern", "anonymous = 1"), before + 1)

    def test_a_refused_form_moves_the_focus_to_its_summary(self):
        r = self.send(observation__seen="")
        self.assertEqual(r.status, 422)
        self.assertRegex(r.text, r'<div class="error-summary" role="alert" '
                         r'tabindex="-1" autofocus[^>]*>')
        self.assertEqual(len(re.findall(r"\sautofocus\b", r.text)), 1)


class ConsentTest(unittest.TestCase):
    """Through the consent form of the demo log."""

    def setUp(self):
        self.c = Client()
        self.c.login("ansatt")
        self.log = sql_value("SELECT public_id FROM relay_log "
                             "WHERE reference = 'DEMO-0001'")

    def send(self, fields):
        page = self.c.get("/forms/consent?log=" + self.log)
        self.assertEqual(page.status, 200)
        return self.c.post("/forms/consent", [
            ("csrf", csrf_of(page.text)), ("_log", self.log),
            ("_action", "submit")] + fields)

    def test_errors_in_a_row_name_the_row(self):
        g = "/consent/guardians/guardian[%d]/"
        r = self.send([
            ("_row:guardians", "1"), ("_row:guardians", "2"),
            (g % 1 + "name", "Line Hansen"), (g % 1 + "relation", "mother"),
            (g % 1 + "parental_responsibility", "true"),
            (g % 2 + "name", ""), (g % 2 + "parental_responsibility", "true"),
        ])
        self.assertEqual(r.status, 422)
        errors = summary(r.text)
        # the second guardian's, named as its row's legend names it
        self.assertIn("Foresatt 2 – Navn: Dette feltet må fylles ut.", errors)
        self.assertTrue(any(e.startswith("Foresatt 2 – Relasjon til barnet")
                            for e in errors), errors)
        self.assertFalse(any(e.startswith("Foresatt 1") for e in errors),
                         errors)
        self.assertEqual(inline_error(
            r.text, "f-consent-guardians-guardian-2-name"),
            "Feil: Foresatt 2: Dette feltet må fylles ut.")
        self.assertIn("<legend>Foresatt 2</legend>", r.text)
        # a field outside the repeats is not given a row
        self.assertIn("Formålet med samarbeidet: Dette feltet må fylles ut.",
                      errors)

    def test_the_expiry_error_says_the_limit(self):
        last = today() + datetime.timedelta(days=365)   # consent_max_days
        page = self.c.get("/forms/consent?log=" + self.log).text
        hint = re.search(r'<div class="hint" id="f-consent-expires-hint">'
                         r'(.*?)</div>', page, re.S).group(1)
        self.assertIn("høyst 365 dager", hint)
        self.assertIn(last.isoformat(), hint)
        too_late = today() + datetime.timedelta(days=366)
        r = self.send([("/consent/valid_from", today().isoformat()),
                       ("/consent/expires", too_late.isoformat())])
        self.assertEqual(r.status, 422)
        self.assertEqual(inline_error(r.text, "f-consent-expires"),
                         "Feil: Utløpsdatoen må være etter dagens dato og "
                         "høyst 365 dager fram i tid: senest %s." %
                         last.isoformat())
        ok = self.send([("/consent/valid_from", today().isoformat()),
                        ("/consent/expires", last.isoformat())])
        self.assertNotIn("f-consent-expires-error", ok.text)


if __name__ == "__main__":
    unittest.main()
