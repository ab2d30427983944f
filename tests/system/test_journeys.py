"""test_journeys.py: the everyday journeys have no dead ends, ask nothing
the system knows, confirm every important action on the page it leads to,
and keep the page and what was typed when the language is switched."""
import datetime
import http.cookiejar
import os
import secrets
import re
import unittest

from caselog_fixtures import (day, decide, give_consent, login, new_concern,
                              open_log, user_pid, xml_body)
from stafett_test import (api, concern_fields, count, csrf_of, nin_for,
                          sql_value, token)



def form_key(html):
    m = re.search(r'name="idem" value="([^"]*)"', html)
    assert m, "no idem field in page"
    return m.group(1)


def status_region(html):
    """The title of the page's confirmation, or None."""
    m = re.search(r'<div class="receipt done" role="status"><h2>([^<]*)</h2>'
                  r'<p>([^<]*)</p>', html)
    return m.groups() if m else None


class Confirmations(unittest.TestCase):
    """What an action did is said on the page it leads to, with what
    happens next; a made-up code says nothing."""

    def test_level_measure_meeting_and_withdrawal(self):
        holder = login("ansatt")
        log, concern = open_log(holder, "Bekreftet Handling", "2017-02-03")
        # the level decided (open_log) led to the log; decide again
        r = holder.post("/logs/%s/level" % log, [
            ("csrf", holder.csrf("/logs/%s" % log)), ("level", "1"),
            ("reason", "Det går bedre.")])
        self.assertEqual(r.status, 303, r.text[:500])
        self.assertEqual(r.header("Location"), "/logs/%s" % log)
        title, next_step = status_region(holder.get(r.header("Location")).text)
        self.assertEqual(title, "Nivået er bestemt")
        self.assertIn("Planlegg neste steg", next_step)

        r = holder.post("/logs/%s/measures" % log, [
            ("csrf", holder.csrf("/logs/%s" % log)),
            ("what", "Samtale hver fredag"), ("goal", "Trygghet"),
            ("start", day(0)), ("evaluation", day(30)),
            ("responsible", user_pid("ansatt"))])
        self.assertEqual(r.status, 303, r.text[:500])
        self.assertEqual(status_region(holder.get(r.header("Location")).text)[0],
                         "Tiltaket er lagt til")

        consent = give_consent("ansatt", log, "Bekreftet Handling",
                               "2017-02-03", "health_clinic")
        page = holder.get("/consents/%s?withdraw=1" % consent)
        r = holder.post("/consents/%s/withdraw" % consent, [
            ("csrf", csrf_of(page.text)), ("idem", form_key(page.text)),
            ("confirm", "yes")])
        self.assertEqual(r.status, 303, r.text[:500])
        self.assertEqual(r.header("Location"), "/logs/%s" % log)
        page = holder.get(r.header("Location"))
        self.assertEqual(status_region(page.text)[0],
                         "Samtykket er trukket tilbake")
        # the API is told the same, as data
        r = api("POST", "/api/v1/logs/%s/level" % log, token("ansatt"),
                xml_body("level", level="2", reason="Igjen."))
        self.assertEqual(r.status, 200, r.text)
        self.assertIn("<note>level-decided</note>", r.text)

    def test_every_code_says_what_was_done_and_what_next(self):
        """view.c's list of codes and the layout's texts are one list:
        a code with no words would confirm with an empty box."""
        top = os.environ["top_srcdir"]
        with open(os.path.join(top, "fcgi/http/view.c")) as f:
            src = f.read()
        block = src[src.index("done_codes[] = {"):]
        codes = re.findall(r'"([a-z0-9-]+)"', block[:block.index("};")])
        self.assertGreater(len(codes), 20)
        with open(os.path.join(top, "forms/xsl/_layout.xsl")) as f:
            layout = f.read()
        for code in codes:
            self.assertEqual(layout.count("@code = '%s'" % code), 2, code)
        self.assertEqual(len(re.findall(r"@code = '([a-z0-9-]+)'", layout)),
                         2 * len(codes))

    def test_said_once_on_its_own_page(self):
        holder = login("ansatt")
        log, concern = open_log(holder, "Bare Én Gang", "2017-03-03")
        r = holder.post("/logs/%s/notes" % log, [
            ("csrf", holder.csrf("/logs/%s" % log)), ("kind", "note"),
            ("text", "Et notat.")])
        self.assertEqual(r.status, 303, r.text[:500])
        self.assertEqual(r.header("Location"), "/logs/%s" % log)
        # another page first: it says nothing, and leaves it
        self.assertIsNone(status_region(holder.get("/").text))
        self.assertEqual(status_region(holder.get("/logs/%s" % log).text)[0],
                         "Innlegget er lagt til i loggen")
        # read again: said once
        self.assertIsNone(status_region(holder.get("/logs/%s" % log).text))

    def test_a_made_up_cookie_says_nothing(self):
        c = login("ansatt")
        log, _ = open_log(c, "Oppdiktet Kode", "2017-03-04")
        for value in ("nonsense|/logs/%s" % log, "level-decided",
                      "level-decided|/", "<b>|/logs/%s" % log):
            c.jar.set_cookie(http.cookiejar.Cookie(
                0, "stafett_done", value, None, False, "127.0.0.1", False,
                False, "/", True, False, None, False, None, None, {}))
            page = c.get("/logs/%s" % log)
            self.assertEqual(page.status, 200)
            self.assertIsNone(status_region(page.text), value)

    def test_passed_on_says_no_more(self):
        """A concern passed to a log its author may not read: the
        confirmation tells no more than the page does."""
        nin = nin_for(datetime.date(2015, 5, 5),
                      individual=500 + secrets.randbelow(400))
        holder = login("ansatt")
        open_log(holder, "Videresendt Barn", "2015-05-05", nin=nin)
        other = login("laerer")
        concern = new_concern(other, "Videresendt Barn", nin=nin)
        r = decide(other, concern, "2", "Trenger samarbeid.")
        self.assertEqual(r.status, 303, r.text[:500])
        self.assertEqual(r.header("Location"), "/concerns/%s" % concern)
        title, next_step = status_region(other.get(r.header("Location")).text)
        self.assertEqual(title, "Bekymringen er sendt videre")
        self.assertNotIn("logg", next_step.lower())

    def test_handover_answered(self):
        holder = login("ansatt")
        log, _ = open_log(holder, "Overført Barn", "2016-05-05")
        give_consent("ansatt", log, "Overført Barn", "2016-05-05",
                     "health_clinic")
        page = holder.get("/forms/handover?log=%s" % log)
        r = holder.post("/forms/handover", [
            ("csrf", csrf_of(page.text)), ("idem", form_key(page.text)),
            ("_log", log), ("_to", user_pid("helsesykepleier")),
            ("/handover/reason", "Helsestasjonen leder tiltakene."),
            ("/handover/planned_date", day(0)), ("_action", "submit")])
        self.assertEqual(r.status, 303, r.text[:2000])
        self.assertRegex(r.header("Location"), r"^/handovers/[A-Za-z0-9_-]{22}$")
        self.assertEqual(status_region(holder.get(r.header("Location")).text)[0],
                         "Overføringen er foreslått")
        handover = re.search(r"/handovers/([A-Za-z0-9_-]{22})",
                             r.header("Location")).group(1)
        nurse = login("helsesykepleier")
        r = nurse.post("/handovers/%s/accept" % handover,
                       [("csrf", nurse.csrf("/handovers/%s" % handover))])
        self.assertEqual(r.status, 303, r.text[:500])
        self.assertEqual(r.header("Location"), "/logs/%s" % log)
        self.assertEqual(status_region(nurse.get(r.header("Location")).text)[0],
                         "Du har tatt over stafettloggen")


class NothingAskedTwice(unittest.TestCase):
    """What the case knows is shown, not asked: the new holder chosen
    from the list is not asked for by name and unit again, the measure
    evaluated is not an editable copy."""

    def test_handover_asks_for_the_person_once(self):
        holder = login("ansatt")
        log, _ = open_log(holder, "Én Gang", "2016-06-06")
        page = holder.get("/forms/handover?log=%s" % log)
        self.assertIn('name="_to"', page.text)
        self.assertNotIn('name="/handover/new_holder/name"', page.text)
        self.assertNotIn('name="/handover/new_holder/unit"', page.text)
        # sent without choosing: the error is at the list, nowhere else
        before = count("handover")
        r = holder.post("/forms/handover", [
            ("csrf", csrf_of(page.text)), ("idem", form_key(page.text)),
            ("_log", log), ("_to", ""),
            ("/handover/reason", "Skolestart."),
            ("/handover/planned_date", day(0)), ("_action", "submit")])
        self.assertEqual(r.status, 422, r.text[:500])
        self.assertIn('<a href="#f-to">Ny stafettholder: Velg hvem som skal'
                      ' ta over.</a>', r.text)
        self.assertIn('id="f-to-error"', r.text)
        self.assertIn("Skolestart.", r.text)
        self.assertEqual(count("handover"), before)
        # someone the consent does not cover: what the server says of
        # that person, at the list, the choice kept
        r = holder.post("/forms/handover", [
            ("csrf", csrf_of(page.text)), ("idem", form_key(page.text)),
            ("_log", log), ("_to", user_pid("ppt")),
            ("/handover/reason", "Skolestart."),
            ("/handover/planned_date", day(0)), ("_action", "submit")])
        self.assertEqual(r.status, 422, r.text[:500])
        self.assertNotIn("Velg hvem som skal ta over.", r.text)
        self.assertRegex(r.text, r'<a href="#f-to">Ny stafettholder: [^<]+</a>')
        self.assertIn('<option value="%s" selected>' % user_pid("ppt"), r.text)
        self.assertEqual(count("handover"), before)

    def test_evaluation_of_the_measure_as_the_log_has_it(self):
        holder = login("ansatt")
        log, _ = open_log(holder, "Evaluert Tiltak", "2016-07-07")
        r = api("POST", "/api/v1/logs/%s/measures" % log, token("ansatt"),
                xml_body("measure", what="Lesestund hver dag",
                         goal="Ro", start=day(0), evaluation=day(10),
                         responsible=user_pid("ansatt")))
        self.assertEqual(r.status, 201, r.text)
        measure = sql_value(
            "SELECT m.public_id FROM measure m JOIN relay_log l ON"
            " l.id = m.log_id WHERE l.public_id = '%s'" % log)
        page = holder.get("/forms/evaluation?log=%s&measure=%s"
                          % (log, measure))
        self.assertEqual(page.status, 200)
        self.assertIn("Lesestund hver dag", page.text)
        self.assertNotIn('name="/evaluation/measure"', page.text)
        self.assertNotIn("Fylles ut fra tiltaket", page.text)
        # a forged copy of the measure changes nothing: the log decides
        r = holder.post("/forms/evaluation", [
            ("csrf", csrf_of(page.text)), ("idem", form_key(page.text)),
            ("_log", log), ("_measure", measure),
            ("/evaluation/measure", "Noe helt annet"),
            ("/evaluation/date", day(0)), ("/evaluation/result", "worked"),
            ("/evaluation/observed", "Roligere."),
            ("/evaluation/next_step", "end"), ("_action", "submit")])
        self.assertEqual(r.status, 303, r.text[:3000])
        self.assertEqual(status_region(holder.get(r.header("Location")).text)[0],
                         "Evalueringen er lagret")
        stored = sql_value(
            "SELECT s.instance FROM form_submission s WHERE s.form_id ="
            " 'evaluation' ORDER BY s.id DESC LIMIT 1")
        self.assertIn("<measure>Lesestund hver dag</measure>", stored)


class Language(unittest.TestCase):
    """Switching language keeps the page and what was typed."""

    def test_links_keep_the_page(self):
        holder = login("ansatt")
        log, _ = open_log(holder, "Språk Side", "2016-08-08")
        # not a form page: links, with the page's query kept
        page = holder.get("/logs/%s" % log)
        self.assertIn('href="/logs/%s?lang=nn"' % log, page.text)
        self.assertIn('href="/logs/%s?lang=en"' % log, page.text)
        page = holder.get("/?x=%C3%A5%20b&lang=en")
        self.assertIn('href="/?x=%C3%A5%20b&amp;lang=nn"', page.text)
        self.assertIn('<html lang="en"', page.text)
        page = holder.get("/logs/%s?lang=nn" % log)
        self.assertIn('<html lang="nn"', page.text)
        self.assertIn('<span lang="nn" aria-current="true">Nynorsk</span>',
                      page.text)
        self.assertIn("Stafetthaldar", page.text)

    def test_lang_keeps_no_write_from_its_key(self):
        """_lang spares the key only for a form shown again in another
        language: anything else sent twice with it is carried out once,
        and a language that is none is refused."""
        holder = login("ansatt")
        log, _ = open_log(holder, "Språk Nøkkel", "2016-10-10")
        page = holder.get("/logs/%s" % log)
        fields = [("csrf", csrf_of(page.text)), ("idem", form_key(page.text)),
                  ("kind", "note"), ("text", "Bare én gang."),
                  ("_lang", "en")]
        for _ in range(2):
            r = holder.post("/logs/%s/notes" % log, fields)
            self.assertEqual(r.status, 303, r.text[:300])
        self.assertEqual(count("case_event", "log_id = (SELECT id FROM"
                               " relay_log WHERE public_id = '%s') AND kind"
                               " = 'note'" % log), 1)
        form = holder.get("/forms/concern")
        before = count("concern")
        r = holder.post("/forms/concern", concern_fields(
            csrf_of(form.text), child__name="Ingen Språk",
            child__birthdate="2016-01-01") + [("_lang", "zz")])
        self.assertEqual(r.status, 400, r.text[:300])
        self.assertEqual(count("concern"), before)

    def test_logout_forgets_a_waiting_confirmation(self):
        holder = login("ansatt")
        log, _ = open_log(holder, "Glemt Bekreftelse", "2016-11-11")
        self.assertIsNotNone(holder.cookie("stafett_done"))
        r = holder.post("/logout", [("csrf", holder.csrf("/"))])
        self.assertEqual(r.status, 303)
        self.assertIsNone(holder.cookie("stafett_done"))

    def test_form_keeps_what_was_typed_and_its_key(self):
        holder = login("ansatt")
        log, _ = open_log(holder, "Språk Skjema", "2016-09-09")
        page = holder.get("/forms/handover?log=%s" % log)
        self.assertIn('form="xform" name="_lang" value="en"', page.text)
        key = form_key(page.text)
        fields = [("csrf", csrf_of(page.text)), ("idem", key),
                  ("_log", log), ("_to", user_pid("ansatt2")),
                  ("/handover/reason", "Grunn på norsk, æøå."),
                  ("/handover/planned_date", day(0))]
        before = count("handover")
        r = holder.post("/forms/handover", fields + [("_lang", "en")])
        self.assertEqual(r.status, 200, r.text[:500])
        self.assertIn('<html lang="en"', r.text)
        self.assertIn("Grunn på norsk, æøå.", r.text)
        self.assertIn('<option value="%s" selected>' % user_pid("ansatt2"),
                      r.text)
        self.assertEqual(count("handover"), before)
        # remembered, as ?lang= is
        self.assertEqual(holder.cookie("stafett_lang"), "en")
        # the form is then sent with the same key, and carried out
        r = holder.post("/forms/handover", fields + [("_action", "submit")])
        self.assertEqual(r.status, 303, r.text[:2000])
        self.assertEqual(count("handover"), before + 1)


if __name__ == "__main__":
    unittest.main()
