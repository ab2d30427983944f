"""test_concern_api.py: the XML API for the concern form: tokens, the
definition, submitting, every error status, and that nothing is stored
for any error."""
import time
import unittest
import xml.etree.ElementTree as ET

from stafett_test import (api, concern_xml, count, sql, sql_value, stafett,
                          token)


class ApiTest(unittest.TestCase):

    def setUp(self):
        self.tok = token("ansatt")
        self.before = count("concern"), count("form_submission"), \
            count("outbox"), count("child")

    def assertNothingStored(self):
        self.assertEqual((count("concern"), count("form_submission"),
                          count("outbox"), count("child")), self.before)

    def post(self, body, tok=None, ctype="application/xml", form="concern"):
        return api("POST", "/api/v1/forms/" + form,
                   self.tok if tok is None else tok, body, ctype)

    def test_definition(self):
        r = api("GET", "/api/v1/forms/concern", self.tok)
        self.assertEqual(r.status, 200)
        self.assertTrue(r.header("Content-Type").startswith("application/xml"))
        root = r.xml()
        self.assertEqual(root.tag, "{urn:x-stafett:form}form")
        self.assertEqual(root.get("id"), "concern")
        self.assertEqual(root.get("version"), "2")

    def test_submit_and_read_back(self):
        body = concern_xml(child__name="Api Barn")
        r = self.post(body)
        self.assertEqual(r.status, 201, r.text)
        loc = r.header("Location")
        self.assertRegex(loc, r"^/api/v1/concerns/[A-Za-z0-9_-]{22}$")
        rec = r.xml()
        self.assertEqual(rec.tag, "receipt")
        self.assertEqual(rec.findtext("location"), loc)
        self.assertEqual(rec.findtext("level"), "0")
        self.assertRegex(rec.findtext("reference"), r"^[0-9A-Z]{4}-[0-9A-Z]{4}$")
        self.assertEqual(count("concern"), self.before[0] + 1)
        got = api("GET", loc, self.tok)
        self.assertEqual(got.status, 200)
        self.assertEqual(got.header("Stafett-Form"), "concern; version=2")
        self.assertEqual(got.header("Stafett-Reference"),
                         rec.findtext("reference"))
        stored = sql_value("SELECT s.instance FROM concern c JOIN "
                           "form_submission s ON s.id = c.submission_id "
                           "WHERE c.public_id = '%s'" % loc[-22:])
        self.assertEqual(got.text.strip(), stored.replace("\\n", "\n").strip())
        inst = got.xml()
        self.assertEqual(inst.findtext("child/name"), "Api Barn")
        # non-relevant nodes were pruned as XForms does on submission
        self.assertIsNone(inst.find("child/age"))
        self.assertIsNone(inst.find("observation/earlier_details"))

    def test_stored_instance_can_be_sent_again(self):
        """What GET returns is pruned as XForms submits it; sending it
        back is valid (what is missing is filled in from the form)."""
        r = self.post(concern_xml(anonymous="true", child__name=None,
                                  child__nin=None, child__birthdate=None,
                                  child__age="7"))
        self.assertEqual(r.status, 201, r.text)
        got = api("GET", r.header("Location"), self.tok)
        self.assertNotIn("<name>", got.text)
        again = self.post(got.body)
        self.assertEqual(again.status, 201, again.text)

    def test_same_data_same_result_as_browser(self):
        r = self.post(concern_xml(observation__seen=""))
        self.assertEqual(r.status, 422)
        errs = r.xml()
        self.assertEqual(errs.tag, "errors")
        paths = [e.get("path") for e in errs.findall("error")]
        self.assertEqual(paths, ["/concern/observation/seen"])
        self.assertEqual(errs.find("error").text, "Dette feltet må fylles ut.")
        self.assertNothingStored()

    def test_422_lists_each_error_with_path(self):
        r = self.post(concern_xml(child__nin="01010112345",
                                  observation__duration="forever",
                                  urgent="maybe"))
        self.assertEqual(r.status, 422)
        errs = {e.get("path"): e.text for e in r.xml().findall("error")}
        self.assertIn("/concern/child/nin", errs)
        self.assertIn("/concern/observation/duration", errs)
        self.assertEqual(errs["/concern/urgent"], "Velg ja eller nei.")
        self.assertNothingStored()

    def test_422_in_english(self):
        r = api("POST", "/api/v1/forms/concern", self.tok,
                concern_xml(observation__seen=""),
                headers={"Accept-Language": "en-GB,en;q=0.8"})
        self.assertEqual(r.status, 422)
        self.assertEqual(r.xml().find("error").text,
                         "This field must be filled in.")

    def test_unknown_and_missing_elements(self):
        # the shape is checked first: what the form does not have
        r = self.post(concern_xml(extra="x"))
        self.assertEqual(r.status, 422)
        errs = {e.get("path"): e.text for e in r.xml().findall("error")}
        self.assertEqual(errs, {"/concern/extra":
                                "Dette elementet hører ikke til skjemaet."})
        # a missing element is filled in from the form; if it matters,
        # its own rule says so
        r = self.post(concern_xml(child__name=None))
        self.assertEqual(r.status, 422)
        errs = {e.get("path"): e.text for e in r.xml().findall("error")}
        self.assertEqual(errs, {"/concern/child/name":
                                "Dette feltet må fylles ut."})
        self.assertNothingStored()

    def test_wrong_root(self):
        r = self.post("<consent/>")
        self.assertEqual(r.status, 422)
        self.assertNothingStored()

    def test_400_malformed(self):
        r = self.post("<concern><child></concern>")
        self.assertEqual(r.status, 400)
        self.assertEqual(r.xml().tag, "error")
        # in the user's language, with libxml2's detail and the line
        self.assertIn("ikke velformet XML (linje 1:",
                      r.xml().findtext("message"))
        r = api("POST", "/api/v1/forms/concern", self.tok,
                "<concern><child></concern>",
                headers={"Accept-Language": "en"})
        self.assertEqual(r.status, 400)
        self.assertIn("not well-formed XML (line 1:",
                      r.xml().findtext("message"))
        self.assertNothingStored()

    def test_400_doctype_and_external_entity(self):
        xxe = ('<?xml version="1.0"?><!DOCTYPE concern [<!ENTITY x SYSTEM '
               '"file:///etc/passwd">]><concern>&x;</concern>')
        r = self.post(xxe)
        self.assertEqual(r.status, 400)
        self.assertNotIn("root:", r.text)
        self.assertIn("dokumenttypedeklarasjon (DOCTYPE)",
                      r.xml().findtext("message"))
        lol = ('<!DOCTYPE lolz [<!ENTITY a "aaaaaaaaaa"><!ENTITY b '
               '"&a;&a;&a;&a;&a;&a;&a;&a;">]><concern>&b;</concern>')
        self.assertEqual(self.post(lol).status, 400)
        self.assertNothingStored()

    def test_400_not_utf8(self):
        body = concern_xml(child__name="Åse").encode("latin-1")
        r = self.post(body)
        self.assertEqual(r.status, 400)
        r = self.post('<?xml version="1.0" encoding="ISO-8859-1"?><concern/>')
        self.assertEqual(r.status, 400)
        self.assertNothingStored()

    def test_400_too_deep(self):
        deep = "<concern>" + "<a>" * 40 + "</a>" * 40 + "</concern>"
        r = self.post(deep)
        self.assertEqual(r.status, 400)
        self.assertIn("nøstet for dypt", r.xml().findtext("message"))

    def test_401_without_or_with_bad_token(self):
        r = self.post(concern_xml(), tok="")
        r = api("POST", "/api/v1/forms/concern", None, concern_xml())
        self.assertEqual(r.status, 401)
        self.assertIn("Bearer", r.header("WWW-Authenticate"))
        r = self.post(concern_xml(), tok="A" * 43)
        self.assertEqual(r.status, 401)
        r = api("GET", "/api/v1/forms/concern", "short")
        self.assertEqual(r.status, 401)
        self.assertNothingStored()

    def test_revoked_token(self):
        t = stafett("token", "create", "ansatt2", "to revoke").stdout.strip()
        self.assertEqual(api("GET", "/api/v1/forms/concern", t).status, 200)
        tid = sql_value("SELECT public_id FROM api_token WHERE label = "
                        "'to revoke' ORDER BY id DESC LIMIT 1")
        stafett("token", "revoke", tid)
        # a worker may trust a token it has just seen for token_cache_ms
        # (1 s); after that the revocation holds everywhere
        time.sleep(1.1)
        for _ in range(6):
            self.assertEqual(api("GET", "/api/v1/forms/concern", t).status,
                             401)

    def test_token_is_stored_hashed(self):
        self.assertEqual(count("api_token", "token_hash = '%s'" % self.tok),
                         0)

    def test_403_for_a_role_that_may_not_submit(self):
        r = self.post(concern_xml(), tok=token("admin"))
        self.assertEqual(r.status, 403)
        self.assertNothingStored()

    def test_413_too_large(self):
        big = concern_xml(observation__seen="x" * 300000)
        r = self.post(big)
        self.assertEqual(r.status, 413)
        self.assertNothingStored()

    def test_415_wrong_content_type(self):
        self.assertEqual(self.post(concern_xml(), ctype="text/plain").status,
                         415)
        self.assertEqual(self.post(concern_xml(), ctype="application/json")
                         .status, 415)
        self.assertEqual(self.post(concern_xml(), ctype=None).status, 415)
        self.assertEqual(self.post(concern_xml(),
                                   ctype="application/xml; charset=latin1")
                         .status, 415)
        self.assertEqual(self.post(concern_xml(),
                                   ctype="application/xml; charset=utf-8")
                         .status, 201)
        count_after = count("concern")
        self.assertEqual(count_after, self.before[0] + 1)

    def test_404_unknown_form_and_concern(self):
        self.assertEqual(self.post(concern_xml(), form="nosuch").status, 404)
        r = api("GET", "/api/v1/concerns/AAAAAAAAAAAAAAAAAAAAAA", self.tok)
        self.assertEqual(r.status, 404)

    def test_404_other_users_concern(self):
        """Not theirs looks like not there; an administrator is refused
        by the route, before any concern is looked for."""
        r = self.post(concern_xml())
        loc = r.header("Location")
        self.assertEqual(api("GET", loc, token("ansatt2")).status, 404)
        self.assertEqual(api("GET", loc, token("leder")).status, 200)
        self.assertEqual(api("GET", loc, token("leder2")).status, 404)
        self.assertEqual(api("GET", loc, token("admin")).status, 403)

    def test_405(self):
        r = api("DELETE", "/api/v1/forms/concern", self.tok)
        self.assertEqual(r.status, 405)

    def test_identity_number_finds_the_same_child(self):
        from stafett_test import nin_for
        import datetime
        nin = nin_for(datetime.date(2018, 6, 30))
        r1 = self.post(concern_xml(child__nin=nin, child__birthdate=""))
        r2 = self.post(concern_xml(child__nin=nin, child__birthdate=""))
        self.assertEqual((r1.status, r2.status), (201, 201))
        ids = sql("SELECT child_id FROM concern WHERE public_id IN ('%s', '%s')"
                  % (r1.header("Location")[-22:], r2.header("Location")[-22:]))
        self.assertEqual(ids[0], ids[1])
        # the number itself is not in any column, only in the instance
        self.assertEqual(count("child", "HEX(nin_hmac) LIKE '%%%s%%'" % nin), 0)
        born = sql_value("SELECT birth_date FROM child WHERE id = %s"
                         % ids[0][0])
        self.assertEqual(born, "2018-06-30")


if __name__ == "__main__":
    unittest.main()
