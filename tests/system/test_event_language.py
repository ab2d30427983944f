"""test_event_language.py: the timeline is put into words in the reader's
language (fcgi/case/evmsg.h). An event written by someone with an
English page reads in bokmål for a Norwegian reader and in nynorsk for a
nynorsk one; codes are words in every language, on every page of the
demo log; what a person wrote is shown as written and marked with its
language where the page is in another; the API gives the message id
with its arguments and the words in the client's language; events from
before keep their summary; the action guide's and the forms' bokmål on
a page in another language is marked as bokmål."""
import glob
import html.parser
import os
import re
import subprocess
import tempfile
import unittest
import xml.etree.ElementTree as ET

from caselog_fixtures import give_consent, log_row_id, login, open_log
from stafett_test import api, sql, sql_value, token

CHILD = "Språk Testbarn"
BIRTH = "2016-09-02"
REASON = "The family asks for more help at home."
NOTE = "She read her first word today."

# Codes as the database has them: never a word on a page.
RAW_CODES = ("health_clinic", "child_welfare", "family_service",
             "learning_centre", "bright_spot", "close_request",
             "consent_withdrawn", "consent_expired", "log_closed",
             "nav_notice", "cw_report", "not_worked", "new_measure",
             "level_up", "level_down", "guardians_request",
             "concern_taken", "concern_answered", "code:")
# System text of the timeline in English, not to be seen on a
# Norwegian page.
ENGLISH_EVENTS = ("takes part", "Relay log opened", "Consent recorded",
                  "New measure", "Level 2 to level", "held by",
                  "(digitally)", "Purpose:")


class Visible(html.parser.HTMLParser):
    """The text a reader sees, each piece with the language it is in
    (the nearest lang attribute), outside <head>, scripts and styles."""
    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input",
            "link", "meta", "source", "track", "wbr"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []
        self.parts = []

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            return
        lang = dict(attrs).get("lang")
        if lang is None:
            lang = self.stack[-1][1] if self.stack else ""
        self.stack.append((tag, lang))

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                return

    def handle_data(self, data):
        tags = [t for t, _ in self.stack]
        if any(t in ("head", "script", "style") for t in tags):
            return
        if data.strip():
            self.parts.append((self.stack[-1][1] if self.stack else "",
                               data.strip()))


def visible(page):
    v = Visible()
    v.feed(page)
    return v.parts


def timeline(page):
    """The texts of the timeline's events, as HTML."""
    return re.findall(r'<p class="event-text">(.*?)</p>', page, re.S)


class EventLanguage(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.demo = sql_value("SELECT public_id FROM relay_log WHERE"
                             " reference = 'DEMO-0001'")

    # ------------------------------------------------------------ demo

    def pages_of(self, client, log, staff):
        """The start page, the demo log's page, the pages it links to
        about it, and for staff its concern's."""
        page = client.get("/logs/%s" % log).text
        paths = {"/", "/logs/%s" % log, "/logs/%s?timeline=all" % log,
                 "/logs/%s/access" % log}
        if staff:
            paths.add("/concerns/%s" % sql_value(
                "SELECT public_id FROM concern WHERE reference ="
                " 'DEMO-0C01'"))
        for p in re.findall(r'href="(/(?:logs|consents|minutes|handovers|'
                            r'concerns|measures|meetings)/[^"#?]+)', page):
            paths.add(p)
        return sorted(paths)

    def test_demo_log_in_every_language(self):
        """No raw code on any page of the demo log, for its holder or its
        guardian, in bokmål, nynorsk or English; the timeline's system
        text in the page's language, the Norwegian a person wrote marked
        nb where the page is not bokmål."""
        for user in ("ansatt", "forelder"):
            client = login(user)
            for lang in ("nb", "nn", "en"):
                client.get("/?lang=%s" % lang)
                for path in self.pages_of(client, self.demo,
                                          user != "forelder"):
                    r = client.get(path)
                    self.assertEqual(r.status, 200, (user, lang, path))
                    self.assertIn('<html lang="%s"' % lang, r.text)
                    # partners' names in delivery alerts are data
                    # (other tests name theirs after services)
                    shown = re.sub(r'<section[^>]*aria-labelledby='
                                   r'"alerts-title".*?</section>', '',
                                   r.text, flags=re.S)
                    for _, text in visible(shown):
                        for code in RAW_CODES:
                            self.assertNotIn(code, text,
                                             (user, lang, path, text))
                page = client.get("/logs/%s" % self.demo).text
                events = timeline(page)
                self.assertGreaterEqual(len(events), 6, events)
                bright = '<span lang="nb">Sara ble levert uten gråt'
                if lang == "en":
                    self.assertIn("Nina Berg takes part", events)
                    self.assertIn(bright, page)
                    continue
                self.assertIn("Nina Berg %s" % ("deltar" if lang == "nb"
                                                else "deltek"), events)
                self.assertTrue(any("(digitalt)" in e for e in events),
                                events)
                for e in events:
                    for words in ENGLISH_EVENTS:
                        self.assertNotIn(words, e, (user, lang, e))
                if lang == "nb":
                    self.assertNotIn('lang="nb">Sara', page)
                else:
                    self.assertIn(bright, page)
                    self.assertIn("Stafettlogg oppretta på nivå 2", page)
                    # every piece of Norwegian in the timeline is either
                    # the page's nynorsk or marked
                    self.assertIn('<span lang="nb">foreldrene ønsker'
                                  ' samarbeid', page)

    # ------------------------------------------------- written, read

    def test_written_in_english_read_in_norwegian(self):
        holder = login("ansatt")
        log, _ = open_log(holder, CHILD, BIRTH)
        give_consent("ansatt", log, CHILD, BIRTH, "health_clinic ppt")
        # the holder's page is English now; what they do is stored as
        # messages, what they type with the language they typed it in
        holder.get("/?lang=en")
        csrf = holder.csrf("/logs/%s" % log)
        r = holder.post("/logs/%s/level" % log, [
            ("csrf", csrf), ("level", "3"), ("reason", REASON)])
        self.assertEqual(r.status, 303, r.text[:500])
        r = holder.post("/logs/%s/notes" % log, [
            ("csrf", csrf), ("kind", "bright_spot"), ("text", NOTE)])
        self.assertEqual(r.status, 303, r.text[:500])
        lid = log_row_id(log)
        msg, args, summary = sql(
            "SELECT msg, args, summary FROM case_event WHERE log_id = %d"
            " AND kind = 'level' ORDER BY id DESC LIMIT 1" % lid)[0]
        self.assertEqual(msg, "Level {0} to level {1}: {2}")
        self.assertIn('<a t="text" lang="en">%s</a>' % REASON, args)
        self.assertEqual(summary, "Level 2 to level 3: " + REASON)

        # a Norwegian reader: bokmål, the English reason marked
        leader = login("leder")
        page = leader.get("/logs/%s" % log).text
        self.assertIn('Fra nivå 2 til nivå 3: <span lang="en">%s</span>'
                      % REASON, timeline(page))
        self.assertIn('<span lang="en">%s</span>' % NOTE, timeline(page))
        # ... in nynorsk
        page = leader.get("/logs/%s?lang=nn" % log).text
        self.assertIn('Frå nivå 2 til nivå 3: <span lang="en">%s</span>'
                      % REASON, timeline(page))
        # the consent's words: the method and the list in nynorsk
        self.assertTrue(any(e.startswith("Samtykke registrert (digitalt)")
                            and " og " in e for e in timeline(page)),
                        timeline(page))
        # ... and back in bokmål: the cached page is the bokmål one
        page = leader.get("/logs/%s?lang=nb" % log).text
        self.assertIn('Fra nivå 2 til nivå 3: <span lang="en">%s</span>'
                      % REASON, timeline(page))
        # the writer, in English: nothing to mark
        page = holder.get("/logs/%s" % log).text
        self.assertIn("Level 2 to level 3: " + REASON, timeline(page))
        self.assertIn(NOTE, timeline(page))
        # what was typed on a Norwegian page is marked on the English one
        self.assertIn('<span lang="nb">Foreldrene ønsker samarbeid.</span>',
                      page)

        # the API: the message id with its arguments, and the words in
        # the client's language
        r = api("GET", "/api/v1/logs/%s/events" % log, token("leder"),
                headers={"Accept-Language": "nn"})
        self.assertEqual(r.status, 200, r.text)
        root = ET.fromstring(r.body)
        ev = [e for e in root.iter("event")
              if e.get("msg") == "Level {0} to level {1}: {2}"][0]
        self.assertEqual([(a.get("type"), a.get("lang"), a.text)
                          for a in ev.findall("arg")],
                         [("number", None, "2"), ("number", None, "3"),
                          ("text", "en", REASON)])
        text = ev.find("text")
        self.assertEqual(text.get("lang"), "nn")
        self.assertEqual("".join(text.itertext()),
                         "Frå nivå 2 til nivå 3: " + REASON)
        self.assertEqual(text.find("quote").get("lang"), "en")
        consent = [e for e in root.iter("event")
                   if e.get("kind") == "consent"][0]
        method = consent.find("arg")
        self.assertEqual((method.get("type"), method.get("value")),
                         ("code:consent_method", "digital"))
        self.assertEqual(
            [i.text for i in consent.findall("arg/item")],
            ["Familiesenteret, helsestasjonen Larvik sentrum",
             "PPT Larvik"])
        r = api("GET", "/api/v1/logs/%s/events" % log, token("leder"),
                headers={"Accept-Language": "en"})
        self.assertIn("<text lang=\"en\">Level 2 to level 3: %s</text>"
                      % REASON, r.text)

    def test_an_event_from_before_shows_its_summary(self):
        """Events written before messages were stored keep their words,
        in whatever language they were written: shown as they are."""
        holder = login("ansatt")
        log, _ = open_log(holder, "Gammel Hendelse", BIRTH)
        sql("INSERT INTO case_event (public_id, log_id, actor_role, kind,"
            " summary) VALUES ('OldStyleEvent000000001', %d, 'system',"
            " 'note', 'Gammel hendelse: skrevet før 0025')"
            % log_row_id(log))
        for lang in ("nb", "nn", "en"):
            page = holder.get("/logs/%s?lang=%s" % (log, lang)).text
            self.assertIn("Gammel hendelse: skrevet før 0025",
                          timeline(page))
        r = api("GET", "/api/v1/logs/%s/events" % log, token("ansatt"))
        old = [e for e in ET.fromstring(r.body).iter("event")
               if e.get("id") == "OldStyleEvent000000001"][0]
        self.assertIsNone(old.get("msg"))
        self.assertEqual(old.find("text").text,
                         "Gammel hendelse: skrevet før 0025")
        self.assertIsNone(old.find("text").get("lang"))

    def test_stored_arguments_that_cannot_be_read(self):
        """Arguments in the table that are not what the program writes
        are not shown: the summary is."""
        holder = login("ansatt")
        log, _ = open_log(holder, "Rar Hendelse", BIRTH)
        sql("INSERT INTO case_event (public_id, log_id, actor_role, kind,"
            " summary, msg, args) VALUES ('BadArgsEvent0000000001', %d,"
            " 'system', 'note', 'The summary instead', '{0}',"
            " '<args><a t=\"html\"><b>bold</b></a></args>')"
            % log_row_id(log))
        page = holder.get("/logs/%s" % log).text
        self.assertIn("The summary instead", timeline(page))
        self.assertNotIn("<b>bold</b>", page)

    # ------------------------------------------ the guide, the forms

    def test_bokmal_on_other_pages_is_marked(self):
        holder = login("ansatt")
        page = holder.get("/logs/%s?lang=nn" % self.demo).text
        steps = re.findall(r'<span class="step-text"([^>]*)>', page)
        self.assertTrue(steps)
        self.assertTrue(all('lang="nb"' in s for s in steps), steps)
        self.assertIn('Nivå 2: <span lang="nb">Tverrfaglig samhandling'
                      '</span>', page)
        page = holder.get("/logs/%s?lang=en" % self.demo).text
        steps = re.findall(r'<span class="step-text"([^>]*)>', page)
        self.assertTrue(steps)
        self.assertFalse(any("lang=" in s for s in steps), steps)
        page = holder.get("/logs/%s?lang=nb" % self.demo).text
        self.assertNotIn('<span class="step-text" lang', page)
        # every form has nynorsk now: nothing on it falls back to bokmål
        # (a text that would is marked lang="nb": check_form's
        # fallback_text_says_its_language)
        form = holder.get("/forms/concern?lang=nn").text
        self.assertIn("<h1>Undring eller bekymring for eit barn</h1>", form)
        self.assertNotIn('<span lang="nb">', form)
        form = holder.get("/forms/concern?lang=en").text
        self.assertNotIn('<span lang="nb">', form)
        form = holder.get("/forms/concern?lang=nb").text
        self.assertNotIn('<span lang="nb">', form)


class EveryMessageInTheCatalogue(unittest.TestCase):
    """Every message id the timeline holds (the demo's and whatever the
    tests before this one wrote) is one xgettext finds in the program,
    so it can be translated: a writer that forgot N_() would show its
    English to everyone."""

    def test_catalogue(self):
        src = os.path.join(os.environ.get("top_srcdir", "../.."), "fcgi")
        files = sorted(glob.glob(os.path.join(src, "*", "*.c")))
        with tempfile.TemporaryDirectory() as tmp:
            pot = os.path.join(tmp, "c.pot")
            try:
                subprocess.run(["xgettext", "--from-code=UTF-8", "-k_",
                                "-kN_", "--no-location", "--no-wrap",
                                "-o", pot] + files, check=True)
            except FileNotFoundError:
                self.skipTest("no xgettext")
            with open(pot, encoding="utf-8") as f:
                known = {m.replace('\\"', '"').replace("\\\\", "\\")
                         for m in re.findall(r'^msgid "(.*)"$', f.read(),
                                             re.M)}
        used = [row[0] for row in sql("SELECT DISTINCT msg FROM case_event"
                                      " WHERE msg IS NOT NULL")]
        self.assertTrue(used)
        missing = [m for m in used if m != "{0}" and m not in known]
        self.assertEqual(missing, [])


if __name__ == "__main__":
    unittest.main()
