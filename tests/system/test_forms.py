"""test_forms.py: every form in the browser and through the API, valid
and invalid, with the same result both ways; repeats without JavaScript;
drafts; versions; code lists from the database; published schemas."""
import datetime
import glob
import html
import os
import re
import shutil
import signal
import subprocess
import tempfile
import unittest
import xml.etree.ElementTree as ET

from stafett_test import (DIR, SRC, Client, api, count, csrf_of,
                          reload_and_wait, sql, sql_value, token, today)

CASES = os.path.join(SRC, "forms", "tests", "cases")
CASE_DAY = datetime.date(2026, 6, 15)   # the cases' --today


def shift_dates(text):
    """The cases are written for 2026-06-15; move every date by the same
    number of days, so rules relative to today hold as they did."""
    delta = today() - CASE_DAY

    def move(m):
        try:
            d = datetime.date.fromisoformat(m.group(0))
        except ValueError:
            return m.group(0)
        return (d + delta).isoformat()
    return re.sub(r"\b\d{4}-\d{2}-\d{2}\b", move, text)


# The people the placeholder lists of the consent form (staff) and the
# minutes (people) name, and who they are in the demo data: in the log
# the minutes are sent for (FormsTest.at) Ingrid Solberg holds it and
# Nina Berg takes part.
PEOPLE = {"NinaBergHelsestasjon01": "helsesykepleier",
          "OlaNilsenPPTLarvik0001": "ppt",
          "IngridLundFagerliSk001": "ansatt"}


def case(name):
    with open(os.path.join(CASES, name + ".xml"), encoding="utf-8") as f:
        text = f.read()
    # the placeholder unit of the cases: use a real one
    text = re.sub(r"<unit>x</unit>", "<unit>ppt</unit>", text)
    # the placeholder people of forms/consent.xml: the real ones
    for placeholder, user in PEOPLE.items():
        if placeholder in text:
            text = text.replace(placeholder, sql_value(
                "SELECT public_id FROM app_user WHERE username = '%s'"
                % user))
    return shift_dates(text)


def expected(name):
    # a message may name a date relative to today (the consent's last
    # allowed expiry): moved as the case's dates are
    with open(os.path.join(CASES, name + ".expect"), encoding="utf-8") as f:
        lines = [l for l in shift_dates(f.read()).splitlines() if l.strip()]
    if lines == ["ok"]:
        return {}
    return dict(l.split(": ", 1) for l in lines)


def form_ids():
    r = api("GET", "/api/v1/forms", token("ansatt"))
    return sorted({f.get("id") for f in r.xml().findall("form")})


class Page:
    """What the browser knows of a form page: its fields and their kinds."""

    def __init__(self, text):
        self.text = text
        self.kinds = {}
        for m in re.finditer(r"<(input|textarea|select)\b([^>]*)>", text):
            attrs = dict(re.findall(r'([a-z-]+)="([^"]*)"', m.group(2)))
            name = attrs.get("name")
            if name is None or not name.startswith("/"):
                continue
            kind = m.group(1)
            if kind == "input":
                kind = attrs.get("type", "text")
                if kind == "checkbox" and attrs.get("value") != "true":
                    kind = "multi"
            if kind == "select" and "multiple" in m.group(2):
                kind = "multi"
            self.kinds[html.unescape(name)] = kind
        # repeats: the _row field and the item path it stands for
        self.repeats = {}
        for m in re.finditer(r'name="_row:([a-z0-9_-]+)" value="1"', text):
            rest = text[m.end():]
            n = re.search(r'name="(/[^"]*?)\[1\]/', rest)
            if n:
                self.repeats[m.group(1)] = html.unescape(n.group(1))


def browser_fields(page, instance_xml, csrf):
    """The fields a person would send to make this instance."""
    root = ET.fromstring(instance_xml.split("?>", 1)[-1].strip()
                         if instance_xml.startswith("<?xml")
                         else instance_xml)
    item_paths = set(page.repeats.values())
    fields = [("csrf", csrf)]

    def walk(elem, path, tpath):
        counts = {}
        for c in elem:
            counts[c.tag] = counts.get(c.tag, 0) + 1
            ctp = tpath + "/" + c.tag
            cp = path + "/" + c.tag
            if ctp in item_paths:
                cp += "[%d]" % counts[c.tag]
            if len(c):
                walk(c, cp, ctp)
                continue
            value = c.text or ""
            # rows after the first were not on the page: they are like it
            kind = page.kinds.get(cp) or page.kinds.get(
                re.sub(r"\[\d+\]", "[1]", cp))
            if kind is None:
                continue
            if kind == "checkbox":
                if value in ("true", "1"):
                    fields.append((cp, "true"))
            elif kind == "multi":
                for v in value.split():
                    fields.append((cp, v))
            else:
                fields.append((cp, value))

    walk(root, "/" + root.tag, "/" + root.tag)
    for rid, item in page.repeats.items():
        n = len(root.findall("." + item[len("/" + root.tag):]))
        for i in range(1, n + 1):
            fields.append(("_row:" + rid, str(i)))
    return fields


class FormsTest(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.c = Client()
        cls.c.login("ansatt")
        cls.tok = token("ansatt")
        cls.log = None

    def at(self, fid, *query):
        """The address of form fid (with query parts): minutes are
        written for a relay log, whose people they choose among, so they
        are sent for one held by ansatt with the nurse taking part (the
        people of the cases, see PEOPLE)."""
        if fid == "minutes":
            if FormsTest.log is None:
                from caselog_fixtures import (add_participant, give_consent,
                                              open_log)
                FormsTest.log, _ = open_log(self.c, "Skjema Referat",
                                            "2016-09-02")
                give_consent("ansatt", FormsTest.log, "Skjema Referat",
                             "2016-09-02", "health_clinic")
                assert add_participant("ansatt", FormsTest.log,
                                       "helsesykepleier").status == 201
            query = ("log=" + FormsTest.log,) + query
        return "/forms/" + fid + ("?" + "&".join(query) if query else "")

    def test_all_forms_are_listed(self):
        r = api("GET", "/api/v1/forms", self.tok)
        self.assertEqual(r.status, 200)
        forms = {f.get("id"): f for f in r.xml().findall("form")}
        for fid in ("concern", "consent", "minutes", "evaluation",
                    "handover", "referral", "nav-notice", "cw-report",
                    "two-year", "closing"):
            self.assertIn(fid, forms)
            self.assertEqual(forms[fid].get("current"), "true")
            self.assertTrue(forms[fid].findtext("title"))
            self.assertIn("/schema?version=", forms[fid].get("schema"))

    def test_every_form_through_the_api(self):
        """Each valid case is accepted; each invalid one refused with
        exactly the errors its .expect names, by instance path."""
        for fid in form_ids():
            for path in sorted(glob.glob(os.path.join(CASES, fid + "-*.xml"))):
                name = os.path.basename(path)[:-4]
                with open(path, encoding="utf-8") as f:
                    if "<!-- form: %s -->" % fid not in f.read():
                        continue
                with self.subTest(case=name):
                    want = expected(name)
                    r = api("POST", "/api/v1" + self.at(fid), self.tok,
                            case(name),
                            headers={"Accept-Language": "en"})
                    if not want:
                        self.assertEqual(r.status, 201, r.text)
                        got = api("GET", r.header("Location"), self.tok)
                        self.assertEqual(got.status, 200)
                        self.assertEqual(got.xml().tag, ET.fromstring(
                            case(name).split("?>", 1)[-1].strip()).tag)
                    elif r.status == 400:
                        self.assertTrue(list(want)[0].startswith("refused"))
                    else:
                        self.assertEqual(r.status, 422, r.text)
                        errs = {e.get("path"): e.text
                                for e in r.xml().findall("error")}
                        self.assertEqual(errs, want)

    def test_every_form_in_the_browser(self):
        """Each form renders accessibly; its valid case sent from the page
        is stored and shown; its first invalid case comes back with the
        same errors as the API gives, inline and in the summary."""
        for fid in form_ids():
            with self.subTest(form=fid):
                page = self.c.get(self.at(fid))
                self.assertEqual(page.status, 200)
                ids = re.findall(r'<(?:input|textarea|select)\b[^>]*\sid="'
                                 r'([^"]+)"', page.text)
                for i in ids:
                    self.assertIn('for="%s"' % i, page.text, (fid, i))
                all_ids = re.findall(r'\sid="([^"]+)"', page.text)
                self.assertEqual(len(all_ids), len(set(all_ids)), fid)
                p = Page(page.text)
                valid = "concern-named" if fid == "concern" else \
                    fid + "-valid"
                fields = browser_fields(p, case(valid),
                                        csrf_of(page.text))
                r = self.c.post(self.at(fid), fields +
                                [("_action", "submit")])
                self.assertEqual(r.status, 303, r.text[:3000])
                shown = self.c.get(r.header("Location"))
                self.assertEqual(shown.status, 200)
                self.assertIn("Skrevet av", shown.text)
                bad = [os.path.basename(x)[:-4] for x in sorted(glob.glob(
                    os.path.join(CASES, fid + "-*.xml")))
                    if expected(os.path.basename(x)[:-4]) and not list(
                        expected(os.path.basename(x)[:-4]))[0].startswith(
                        "refused")]
                for name in bad[:1]:
                    # a page-made instance cannot hold unknown elements
                    want = expected(name)
                    if any("not part of the form" in m or "only once" in m
                           for m in want.values()):
                        continue
                    page = self.c.get(self.at(fid, "lang=en"))
                    p = Page(page.text)
                    fields = browser_fields(p, case(name),
                                            csrf_of(page.text))
                    r = self.c.post(self.at(fid), fields)
                    self.c.get(self.at(fid, "lang=nb"))
                    self.assertEqual(r.status, 422, name)
                    for path, msg in want.items():
                        hid = "f" + re.sub(r"[/\[@]", "-",
                                           path).replace("]", "")
                        self.assertIn('href="#%s"' % hid, r.text, name)
                        self.assertIn(html.escape(msg, quote=False),
                                      r.text, name)

    def test_minutes_rows_without_javascript(self):
        page = self.c.get("/forms/minutes")
        self.assertEqual(page.text.count('name="_row:participants"'), 1)
        csrf = csrf_of(page.text)
        r = self.c.post("/forms/minutes", [
            ("csrf", csrf), ("_row:participants", "1"),
            ("/minutes/participants/participant[1]/name", "Kari Hansen"),
            ("_action", "insert:participants")])
        self.assertEqual(r.status, 200)
        self.assertEqual(r.text.count('name="_row:participants"'), 2)
        self.assertIn('value="Kari Hansen"', r.text)
        self.assertIn('value="delete:participants:2"', r.text)
        r = self.c.post("/forms/minutes", [
            ("csrf", csrf), ("_row:participants", "1"),
            ("_row:participants", "2"),
            ("/minutes/participants/participant[1]/name", "Kari Hansen"),
            ("/minutes/participants/participant[2]/name", "Per Olsen"),
            ("_action", "delete:participants:1")])
        self.assertEqual(r.status, 200)
        self.assertEqual(r.text.count('name="_row:participants"'), 1)
        self.assertNotIn("Kari Hansen", r.text)
        self.assertIn('name="/minutes/participants/participant[1]/name" '
                      'value="Per Olsen"', r.text)
        r = self.c.post("/forms/minutes", [
            ("csrf", csrf), ("_action", "delete:participants:7")])
        self.assertEqual(r.status, 400)
        # nothing is stored by adding or removing rows
        self.assertEqual(count("form_submission", "form_id = 'minutes' AND "
                               "instance LIKE '%Per Olsen%'"), 0)

    def test_units_come_from_the_database(self):
        page = self.c.get("/forms/handover")
        self.assertIn("Fagerli barnehage", page.text)
        self.assertIn('value="ppt"', page.text)
        r = api("POST", "/api/v1/forms/handover", self.tok,
                case("handover-valid").replace("<unit>ppt</unit>",
                                               "<unit>x</unit>"))
        self.assertEqual(r.status, 422)

    def test_schemas_describe_valid_instances(self):
        for fid in form_ids():
            with self.subTest(form=fid):
                r = api("GET", "/api/v1/forms/%s/schema" % fid, self.tok)
                self.assertEqual(r.status, 200)
                self.assertEqual(r.xml().tag,
                                 "{http://www.w3.org/2001/XMLSchema}schema")
                valid = "concern-named" if fid == "concern" else \
                    fid + "-valid"
                with tempfile.TemporaryDirectory() as d:
                    xsd = os.path.join(d, "f.xsd")
                    inst = os.path.join(d, "i.xml")
                    with open(xsd, "wb") as f:
                        f.write(r.body)
                    with open(inst, "w", encoding="utf-8") as f:
                        f.write(case(valid))
                    p = subprocess.run(["xmllint", "--noout", "--schema",
                                        xsd, inst], capture_output=True,
                                       text=True)
                    self.assertEqual(p.returncode, 0, p.stderr)


class DraftTest(unittest.TestCase):

    def setUp(self):
        self.c = Client()
        self.c.login("ansatt")

    def save(self, text, draft=None):
        page = self.c.get("/forms/concern" +
                          ("?draft=" + draft if draft else ""))
        fields = [("csrf", csrf_of(page.text)),
                  ("/concern/observation/seen", text),
                  ("_action", "save")]
        if draft:
            fields.append(("_draft", draft))
        return self.c.post("/forms/concern", fields)

    def test_save_resume_send(self):
        before = count("concern")
        r = self.save("Halvskrevet: sovner i samlingsstund")
        self.assertEqual(r.status, 303)
        m = re.match(r"^/forms/concern\?draft=([A-Za-z0-9_-]{22})&saved=1$",
                     r.header("Location"))
        self.assertTrue(m, r.header("Location"))
        draft = m.group(1)
        self.assertEqual(count("concern"), before)
        page = self.c.get(r.header("Location"))
        self.assertIn("Halvskrevet: sovner i samlingsstund", page.text)
        self.assertIn("Utkastet er lagret", page.text)
        self.assertIn('name="_draft" value="%s"' % draft, page.text)
        home = self.c.get("/")
        self.assertIn("?draft=" + draft, home.text)
        # saving again updates the same draft
        r = self.save("Mer tekst", draft)
        self.assertIn(draft, r.header("Location"))
        self.assertEqual(count("form_draft", "public_id = '%s'" % draft), 1)
        # sending it makes the concern and removes the draft
        from stafett_test import concern_fields
        page = self.c.get("/forms/concern?draft=" + draft)
        r = self.c.post("/forms/concern", concern_fields(
            csrf_of(page.text)) + [("_draft", draft)])
        self.assertEqual(r.status, 303, r.text[:500])
        self.assertEqual(count("concern"), before + 1)
        self.assertEqual(count("form_draft", "public_id = '%s'" % draft), 0)
        self.assertEqual(self.c.get("/forms/concern?draft=" + draft).status,
                         404)

    def test_only_the_author_sees_a_draft(self):
        r = self.save("Bare for meg")
        draft = r.header("Location").split("draft=")[1].split("&")[0]
        other = Client()
        other.login("ansatt2")
        self.assertEqual(other.get("/forms/concern?draft=" + draft).status,
                         404)
        page = other.get("/forms/concern")
        r = other.post("/forms/concern", [
            ("csrf", csrf_of(page.text)), ("_draft", draft),
            ("/concern/observation/seen", "overwrite"), ("_action", "save")])
        self.assertEqual(r.status, 404)
        self.assertEqual(count("form_draft", "public_id = '%s' AND instance "
                               "LIKE '%%overwrite%%'" % draft), 0)
        # deleting someone else's draft deletes nothing
        other.post("/drafts/%s/delete" % draft,
                   [("csrf", csrf_of(page.text))])
        self.assertEqual(count("form_draft", "public_id = '%s'" % draft), 1)

    def test_drafts_expire(self):
        r = self.save("Utløper")
        draft = r.header("Location").split("draft=")[1].split("&")[0]
        expires = sql_value("SELECT TIMESTAMPDIFF(DAY, NOW(6), expires_at) "
                            "FROM form_draft WHERE public_id = '%s'" % draft)
        self.assertIn(expires, ("29", "30"))    # draft_keep_days
        sql("UPDATE form_draft SET expires_at = NOW(6) - INTERVAL 1 SECOND "
            "WHERE public_id = '%s'" % draft)
        self.assertEqual(self.c.get("/forms/concern?draft=" + draft).status,
                         404)
        self.assertNotIn(draft, self.c.get("/").text)
        # and the notify process deletes it (housekeeping runs each minute)

    def test_delete_a_draft(self):
        r = self.save("Slettes")
        draft = r.header("Location").split("draft=")[1].split("&")[0]
        page = self.c.get("/forms/concern?draft=" + draft)
        self.assertIn("/drafts/%s/delete" % draft, page.text)
        r = self.c.post("/drafts/%s/delete" % draft,
                        [("csrf", csrf_of(page.text))])
        self.assertEqual(r.status, 303)
        self.assertEqual(count("form_draft", "public_id = '%s'" % draft), 0)


class VersionTest(unittest.TestCase):

    def test_versions(self):
        """Publishing version 3 keeps what was made with version 2 (the
        current one), and version 1 stays too."""
        c = Client()
        c.login("ansatt")
        tok = token("ansatt")
        from stafett_test import concern_xml
        old = api("POST", "/api/v1/forms/concern", tok, concern_xml(
            child__name="Versjon En"))
        self.assertEqual(old.status, 201)
        page = c.get("/forms/concern")
        r = c.post("/forms/concern", [("csrf", csrf_of(page.text)),
                                      ("/concern/observation/seen", "v1"),
                                      ("_action", "save")])
        draft = r.header("Location").split("draft=")[1].split("&")[0]
        forms = os.path.join(DIR, "forms")
        with open(os.path.join(forms, "concern.xml"), encoding="utf-8") as f:
            v2 = f.read()
        v2 = v2.replace('id="concern" version="2"',
                        'id="concern" version="3"')
        v2 = v2.replace("<urgent>false</urgent>",
                        "<urgent>false</urgent><school_year/>")
        v2 = v2.replace("</xf:model>", '<xf:bind nodeset="/concern/school_'
                        'year" type="xf:integer"/></xf:model>')
        v2 = v2.replace("</form>", '<xf:input ref="/concern/school_year">'
                        '<xf:label xml:lang="nb">Skoleår</xf:label>'
                        '</xf:input></form>')
        path = os.path.join(forms, "concern-v3.xml")
        with open(path, "w", encoding="utf-8") as f:
            f.write(v2)
        try:
            self.assertTrue(reload_and_wait())
            listed = api("GET", "/api/v1/forms", tok).xml()
            versions = {(f.get("id"), f.get("version"), f.get("current"))
                        for f in listed.findall("form")}
            self.assertIn(("concern", "1", None), versions)
            self.assertIn(("concern", "2", None), versions)
            self.assertIn(("concern", "3", "true"), versions)
            self.assertEqual(api("GET", "/api/v1/forms/concern", tok).xml()
                             .get("version"), "3")
            self.assertEqual(api("GET", "/api/v1/forms/concern?version=2",
                                 tok).xml().get("version"), "2")
            # new ones are version 3, an old client may still send 2
            new = api("POST", "/api/v1/forms/concern", tok, concern_xml())
            self.assertEqual(new.status, 201)
            self.assertEqual(api("GET", new.header("Location"), tok)
                             .header("Stafett-Form"), "concern; version=3")
            v1 = api("POST", "/api/v1/forms/concern?version=2", tok,
                     concern_xml())
            self.assertEqual(api("GET", v1.header("Location"), tok)
                             .header("Stafett-Form"), "concern; version=2")
            # what was made with version 2 renders with version 2
            shown = c.get("/concerns/" + old.header("Location")[-22:])
            self.assertIn("Versjon En", shown.text)
            self.assertIn('version="2"', api(
                "GET", old.header("Location"), tok).header("Stafett-Form")
                .replace("; version=2", ' version="2"'))
            # a draft begun on version 2 goes on with version 2
            dpage = c.get("/forms/concern?draft=" + draft)
            self.assertEqual(dpage.status, 200)
            self.assertNotIn("school_year", dpage.text)
            self.assertIn("school_year", c.get("/forms/concern").text)
            self.assertEqual(api("GET", "/api/v1/forms/concern?version=9",
                                 tok).status, 404)
        finally:
            os.unlink(path)
            reload_and_wait()


class UrgentTest(unittest.TestCase):

    def test_leader_is_alerted(self):
        from stafett_test import concern_xml
        r = api("POST", "/api/v1/forms/concern", token("ansatt"),
                concern_xml(urgent="true"))
        self.assertEqual(r.status, 201)
        rec = r.xml()
        self.assertIn("112", rec.findtext("notice"))
        ref = rec.findtext("reference")
        leader = Client()
        leader.login("leder")
        home = leader.get("/").text
        alert = home.split('role="alert"', 1)[1].split("</div>", 1)[0]
        self.assertIn(ref, alert)
        other = Client()
        other.login("leder2")
        self.assertNotIn(ref, other.get("/").text)


if __name__ == "__main__":
    unittest.main()
