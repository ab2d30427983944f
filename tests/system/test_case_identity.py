"""A message to a partner carries the child of its case, and only that
child: a referral, a notice to NAV or a report of concern naming another
child (another name, date of birth or identity number, or a number of
another birth date) is refused with a 422 that names the field and why,
in the user's language, keeps what was typed and stores nothing. The
forms are prefilled with what the case knows. A report of concern made
for a concern before any log is held to the concern's child; one for an
anonymous concern has no child to compare with, but its number and date
of birth must agree."""
import datetime
import re
import unittest

from caselog_fixtures import (child_of, day, give_consent, instance, login,
                              new_concern, open_log)
from stafett_test import (Client, api, concern_fields, count, csrf_of,
                          nin_for, sql_value, token)

BIRTH = datetime.date(2015, 6, 7)


def errors(r):
    return {e.get("path"): e.text for e in r.xml().findall("error")}


class CaseIdentity(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.holder = login("ansatt")
        cls.tok = token("ansatt")
        # a child known by an identity number (synthetic: month + 80)
        cls.nin = nin_for(BIRTH, synthetic=True)
        cls.name = "Tuva Identitet"
        cls.log, cls.concern = open_log(cls.holder, cls.name, nin=cls.nin)
        give_consent("ansatt", cls.log, cls.name, BIRTH.isoformat(),
                     "bup ppt nav")

    def rows(self):
        """What a refused form must not have written (not what notify,
        running beside the tests, may write meanwhile: its events and
        audit rows name no user, its notices are to people)."""
        return (count("form_submission"),
                count("outbox", "kind IN ('referral', 'nav_notice',"
                      " 'cw_report')"),
                count("case_event", "actor_id IS NOT NULL"),
                count("audit", "action = 'create' AND user_id IS NOT NULL"))

    def refused(self, form, query, body, path, lang=None):
        before = self.rows()
        h = {"Accept-Language": lang} if lang else None
        r = api("POST", "/api/v1/forms/%s?%s" % (form, query), self.tok,
                body, headers=h)
        self.assertEqual(r.status, 422, r.text)
        errs = errors(r)
        self.assertIn(path, errs, r.text)
        self.assertEqual(self.rows(), before, "a refused form wrote rows")
        self.assertNotIn(self.nin, r.text)
        return errs[path]

    def referral(self, **changes):
        values = {"recipient": "bup", "child/name": self.name,
                  "child/nin": self.nin, "child/birthdate": ""}
        values.update({k.replace("__", "/"): v for k, v in changes.items()})
        return instance("referral", values)

    def test_referral_naming_another_child_is_refused(self):
        q = "log=%s" % self.log
        msg = self.refused("referral", q, self.referral(
            child__name="Mathias Eriksen"), "/referral/child/name")
        self.assertIn("Dette er ikke navnet på barnet saken gjelder", msg)
        self.assertIn(self.name, msg)
        msg = self.refused("referral", q, self.referral(
            child__name="Mathias Eriksen"), "/referral/child/name",
            lang="en")
        self.assertIn("not the name of the child this case is about", msg)
        # a number of another birth date, with or without the right date
        other = nin_for(datetime.date(2013, 3, 14), synthetic=True)
        msg = self.refused("referral", q, self.referral(child__nin=other),
                           "/referral/child/nin")
        self.assertIn("14.03.2013", msg)
        self.assertIn("07.06.2015", msg)
        self.refused("referral", q, self.referral(
            child__nin=other, child__birthdate=BIRTH.isoformat()),
            "/referral/child/nin")
        # another date of birth
        self.refused("referral", q, self.referral(
            child__nin="", child__birthdate="2015-06-08"),
            "/referral/child/birthdate")
        # a twin: the same birth date, another child's number
        twin = nin_for(BIRTH, individual=600, synthetic=True)
        self.assertNotEqual(twin, self.nin)
        msg = self.refused("referral", q, self.referral(child__nin=twin),
                           "/referral/child/nin")
        self.assertIn("ikke fødselsnummeret til barnet", msg)

    def test_referral_of_the_child_is_accepted(self):
        # the name as the case has it, spaces and case aside
        for body in (self.referral(child__name="  tuva   IDENTITET "),
                     self.referral(child__nin="",
                                   child__birthdate=BIRTH.isoformat())):
            r = api("POST", "/api/v1/forms/referral?log=%s" % self.log,
                    self.tok, body)
            self.assertEqual(r.status, 201, r.text)

    def test_report_of_concern_on_the_log_names_its_child(self):
        q = "log=%s" % self.log
        body = instance("cw-report", {"date": day(0)})  # Emil Karlsen
        before = self.rows()
        r = api("POST", "/api/v1/forms/cw-report?" + q, self.tok, body)
        self.assertEqual(r.status, 422, r.text)
        self.assertEqual(set(errors(r)), {"/cw_report/child/name",
                                          "/cw_report/child/nin"})
        self.assertEqual(self.rows(), before)
        r = api("POST", "/api/v1/forms/cw-report?" + q, self.tok,
                instance("cw-report", {
                    "date": day(0), "child/name": self.name,
                    "child/nin": self.nin, "child/birthdate": ""}))
        self.assertEqual(r.status, 201, r.text)

    def test_notice_to_nav_names_no_child(self):
        body = instance("nav-notice", {"child/name": "Mathias Eriksen"})
        self.refused("nav-notice", "log=%s" % self.log, body,
                     "/nav_notice/child")
        r = api("POST", "/api/v1/forms/nav-notice?log=%s" % self.log,
                self.tok, instance("nav-notice"))
        self.assertEqual(r.status, 201, r.text)

    def test_report_for_a_concern_names_the_concerns_child(self):
        c = new_concern(self.holder, "Emma Bekymring", "2017-01-05")
        q = "concern=%s" % c
        other = nin_for(datetime.date(2018, 1, 23), synthetic=True)
        self.refused("cw-report", q, instance("cw-report", dict(
            child_of("Emma Bekymring", "2017-01-05"), date=day(0),
            **{"child/nin": other, "child/birthdate": ""})),
            "/cw_report/child/nin")
        self.refused("cw-report", q, instance("cw-report", dict(
            child_of("Emil Karlsen", "2017-01-05"), date=day(0))),
            "/cw_report/child/name")
        r = api("POST", "/api/v1/forms/cw-report?" + q, self.tok,
                instance("cw-report", dict(
                    child_of("Emma Bekymring", "2017-01-05"), date=day(0))))
        self.assertEqual(r.status, 201, r.text)

    def test_report_for_an_anonymous_concern(self):
        """No child to compare with: the report names the child (the duty
        to inform needs it), but its number and date must agree."""
        c = self.holder
        r = c.post("/forms/concern", concern_fields(
            c.csrf("/forms/concern"), anonymous="true", child__name="",
            child__nin="", child__birthdate="", child__age="5"))
        self.assertEqual(r.status, 303, r.text[:1000])
        concern = re.search(r"/concerns/([A-Za-z0-9_-]{22})",
                            r.header("Location")).group(1)
        q = "concern=%s" % concern
        nin = nin_for(datetime.date(2020, 2, 2), synthetic=True)
        msg = self.refused("cw-report", q, instance("cw-report", {
            "date": day(0), "child/name": "Anonym Meldt",
            "child/nin": nin, "child/birthdate": "2020-02-03"}),
            "/cw_report/child/nin")
        self.assertIn("02.02.2020", msg)
        r = api("POST", "/api/v1/forms/cw-report?" + q, self.tok,
                instance("cw-report", {
                    "date": day(0), "child/name": "Anonym Meldt",
                    "child/nin": nin, "child/birthdate": "2020-02-02"}))
        self.assertEqual(r.status, 201, r.text)

    def test_a_number_of_another_registered_child_is_refused(self):
        """A child registered by date of birth only has no number to
        compare with; a number another child is registered with is
        still not this child's."""
        born = datetime.date(2016, 4, 4)
        log, _ = open_log(self.holder, "Ida Utennummer", born.isoformat())
        give_consent("ansatt", log, "Ida Utennummer", born.isoformat(),
                     "ppt")
        theirs = nin_for(born, synthetic=True)
        new_concern(login("ansatt"), "Annen Registrert", nin=theirs)
        self.refused("referral", "log=%s" % log, instance("referral", {
            "recipient": "ppt", "child/name": "Ida Utennummer",
            "child/nin": theirs, "child/birthdate": ""}),
            "/referral/child/nin")
        # a number nobody is registered with, of her birth date, goes
        mine = nin_for(born, individual=700, synthetic=True)
        r = api("POST", "/api/v1/forms/referral?log=%s" % log, self.tok,
                instance("referral", {
                    "recipient": "ppt", "child/name": "Ida Utennummer",
                    "child/nin": mine, "child/birthdate": ""}))
        self.assertEqual(r.status, 201, r.text)

    def test_browser_forms_are_prefilled_and_refusals_keep_the_input(self):
        page = self.holder.get("/forms/referral?log=%s" % self.log)
        self.assertEqual(page.status, 200)
        self.assertRegex(page.text, r'name="/referral/child/name"[^>]*'
                         r'value="Tuva Identitet"')
        self.assertRegex(page.text, r'name="/referral/child/birthdate"'
                         r'[^>]*value="2015-06-07"')
        c = new_concern(self.holder, "Frida Forhånd", "2017-03-03")
        page = self.holder.get("/forms/cw-report?concern=%s" % c)
        self.assertEqual(page.status, 200)
        self.assertRegex(page.text, r'name="/cw_report/child/name"[^>]*'
                         r'value="Frida Forhånd"')
        self.assertRegex(page.text, r'name="/cw_report/child/birthdate"'
                         r'[^>]*value="2017-03-03"')
        # someone else's concern: nothing of its child on the form
        other = Client()
        other.login("ansatt2")
        page = other.get("/forms/cw-report?concern=%s" % c)
        self.assertNotIn("Frida Forhånd", page.text)
        # sent from the page with another child's name: shown again
        # with the error on the field and what was typed
        page = self.holder.get("/forms/referral?log=%s" % self.log)
        fields = [("csrf", csrf_of(page.text)), ("_log", self.log),
                  ("_action", "submit")]
        values = {"/referral/recipient": "bup",
                  "/referral/child/name": "Mathias Eriksen",
                  "/referral/child/nin": "",
                  "/referral/child/birthdate": BIRTH.isoformat(),
                  "/referral/reason": "Trenger utredning.",
                  "/referral/tried": "Samtaler.",
                  "/referral/consent_ref": "SAM-1",
                  "/referral/guardians_agree": "true",
                  "/referral/urgency": "normal",
                  "/referral/contact/name": "Ingrid Solberg",
                  "/referral/contact/phone": "912 34 567"}
        before = self.rows()
        r = self.holder.post("/forms/referral?log=%s" % self.log,
                             fields + list(values.items()))
        self.assertEqual(r.status, 422, r.text[:2000])
        self.assertIn("Dette er ikke navnet på barnet saken gjelder",
                      r.text)
        self.assertIn('id="f-referral-child-name"', r.text)
        self.assertIn("Mathias Eriksen", r.text)
        self.assertIn("Trenger utredning.", r.text)
        self.assertEqual(self.rows(), before)


if __name__ == "__main__":
    unittest.main()
