"""test_drafts.py: drafts are kept as long as a person would expect
(issue 16, item 9): past a weekend, draft_keep_days (30) after the last
save, then deleted by notify's housekeeping; the form page says until
when; the author's start page lists them, nobody else's; the author can
delete one there."""
import datetime
import re
import unittest

from stafett_test import Client, count, csrf_of, sql, sql_value, stafett, today

KEEP_DAYS = 30      # draft_keep_days' default, which the test stack uses


def saved_back(draft, hours):
    """As if the draft had last been saved hours ago: its save time and
    the expiry fixed at that save move back together."""
    sql("UPDATE form_draft SET updated_at = updated_at - INTERVAL %d HOUR,"
        " expires_at = expires_at - INTERVAL %d HOUR WHERE public_id = '%s'"
        % (hours, hours, draft))


def housekeeping():
    """One pass of notify: housekeeping deletes what has expired."""
    stafett("notify", "--once")


def shown(date):
    """A date as the Norwegian pages show it."""
    return date.strftime("%d.%m.%Y")


class DraftsTest(unittest.TestCase):

    def setUp(self):
        self.c = Client()
        self.c.login("ansatt")

    def save(self, text, draft=None, client=None):
        c = client or self.c
        page = c.get("/forms/concern" + ("?draft=" + draft if draft else ""))
        fields = [("csrf", csrf_of(page.text)),
                  ("/concern/observation/seen", text), ("_action", "save")]
        if draft:
            fields.append(("_draft", draft))
        r = c.post("/forms/concern", fields)
        self.assertEqual(r.status, 303, r.text[:500])
        m = re.search(r"draft=([A-Za-z0-9_-]{22})", r.header("Location"))
        return m.group(1), r.header("Location")

    def status_of(self, text):
        m = re.search(r'<p class="notice" role="status">(.*?)</p>', text,
                      re.S)
        self.assertTrue(m, "no status on the page")
        return m.group(1)

    def test_kept_for_30_days_from_the_last_save(self):
        draft, loc = self.save("Påbegynt fredag")
        days = sql_value("SELECT TIMESTAMPDIFF(HOUR, updated_at, expires_at)"
                         " FROM form_draft WHERE public_id = '%s'" % draft)
        self.assertEqual(int(days), KEEP_DAYS * 24)
        # the page says until when, who sees it, and that it can go
        until = today() + datetime.timedelta(days=KEEP_DAYS)
        note = self.status_of(self.c.get(loc).text)
        self.assertIn(shown(until), note)
        # and says it again whenever the draft is opened
        page = self.c.get("/forms/concern?draft=" + draft).text
        self.assertIn(shown(until), self.status_of(page))
        self.assertIn('action="/drafts/%s/delete"' % draft, page)

    def test_a_weekend_later_it_is_still_there(self):
        draft, _ = self.save("Skrevet fredag ettermiddag")
        saved_back(draft, 72)           # Friday afternoon to Monday
        housekeeping()
        self.assertEqual(count("form_draft", "public_id = '%s'" % draft), 1)
        page = self.c.get("/forms/concern?draft=" + draft)
        self.assertEqual(page.status, 200)
        self.assertIn("Skrevet fredag ettermiddag", page.text)
        self.assertIn("?draft=" + draft, self.c.get("/").text)

    def test_saving_again_keeps_it_longer(self):
        draft, _ = self.save("Første utkast")
        saved_back(draft, 20 * 24)
        self.save("Andre utkast", draft)
        left = sql_value("SELECT TIMESTAMPDIFF(HOUR, NOW(6), expires_at) "
                         "FROM form_draft WHERE public_id = '%s'" % draft)
        self.assertIn(int(left), (KEEP_DAYS * 24 - 1, KEEP_DAYS * 24))

    def test_deleted_by_housekeeping_after_the_days(self):
        young, _ = self.save("29 dager gammel")
        old, _ = self.save("Over 30 dager gammel")
        saved_back(young, (KEEP_DAYS - 1) * 24)
        saved_back(old, KEEP_DAYS * 24 + 1)
        # past its time it is gone at once, for its author too
        self.assertEqual(self.c.get("/forms/concern?draft=" + old).status,
                         404)
        self.assertNotIn("?draft=" + old, self.c.get("/").text)
        housekeeping()
        self.assertEqual(count("form_draft", "public_id = '%s'" % old), 0)
        self.assertEqual(count("form_draft", "public_id = '%s'" % young), 1)
        self.assertEqual(self.c.get("/forms/concern?draft=" + young).status,
                         200)

    def test_listed_on_the_authors_start_page_only(self):
        draft, _ = self.save("Bare på min startside")
        home = self.c.get("/").text
        section = home.split('id="drafts-title"', 1)[1].split("</section>")[0]
        card = section.split(draft, 1)[1].split("</li>", 1)[0]
        # the form, when saved, when deleted, continue and delete
        self.assertIn("Undring eller bekymring for et barn", section)
        self.assertIn(shown(today()), card)
        self.assertIn(shown(today() + datetime.timedelta(days=KEEP_DAYS)),
                      card)
        self.assertIn('href="/forms/concern?draft=%s"' % draft, section)
        self.assertIn('action="/drafts/%s/delete"' % draft, section)
        # and how long drafts are kept
        self.assertRegex(section.split('<p class="muted">', 1)[1]
                         .split("</p>", 1)[0], r"\b%d\b" % KEEP_DAYS)
        # a colleague and the leader of the same unit see nothing of it
        for user in ("ansatt2", "leder"):
            other = Client()
            other.login(user)
            text = other.get("/").text
            self.assertNotIn(draft, text, user)
            self.assertNotIn("Bare på min startside", text, user)

    def test_a_draft_for_a_case_opens_for_it_again(self):
        """A consent begun for a relay log, opened from the start page a
        day later, is still the log's: sent from there it is the log's
        consent, not a form of its own."""
        log = sql_value("SELECT public_id FROM relay_log "
                        "WHERE reference = 'DEMO-0001'")
        page = self.c.get("/forms/consent?log=" + log)
        r = self.c.post("/forms/consent", [
            ("csrf", csrf_of(page.text)), ("_log", log),
            ("_row:guardians", "1"),
            ("/consent/purpose", "Utkast til samtykke for loggen"),
            ("_action", "save")])
        self.assertEqual(r.status, 303)
        draft = re.search(r"draft=([A-Za-z0-9_-]{22})",
                          r.header("Location")).group(1)
        self.assertEqual(sql_value("SELECT context FROM form_draft WHERE "
                                   "public_id = '%s'" % draft), "&log=" + log)
        saved_back(draft, 24)
        home = self.c.get("/").text
        link = re.search(r'href="(/forms/consent\?draft=%s[^"]*)"' % draft,
                         home).group(1)
        self.assertEqual(link.replace("&amp;", "&"),
                         "/forms/consent?draft=%s&log=%s" % (draft, log))
        opened = self.c.get(link.replace("&amp;", "&")).text
        self.assertIn('name="_log" value="%s"' % log, opened)
        self.assertIn("Utkast til samtykke for loggen", opened)
        self.assertIn('href="/logs/%s"' % log, opened)

    def test_the_author_deletes_it_from_the_start_page(self):
        draft, _ = self.save("Slettes fra startsiden")
        home = self.c.get("/")
        r = self.c.post("/drafts/%s/delete" % draft,
                        [("csrf", csrf_of(home.text))])
        self.assertEqual(r.status, 303)
        self.assertEqual(r.header("Location"), "/")
        self.assertEqual(count("form_draft", "public_id = '%s'" % draft), 0)
        after = self.c.get(r.header("Location")).text
        # it says the draft is deleted, as every action is confirmed
        self.assertRegex(after, r'<div class="receipt done" role="status">'
                         r'<h2>Utkastet er slettet</h2>')
        self.assertNotIn(draft, after)
        self.assertEqual(self.c.get("/forms/concern?draft=" + draft).status,
                         404)

    def test_no_one_else_can_delete_it(self):
        draft, _ = self.save("Ikke din")
        other = Client()
        other.login("ansatt2")
        r = other.post("/drafts/%s/delete" % draft,
                       [("csrf", other.csrf())])
        self.assertEqual(r.status, 303)
        self.assertEqual(count("form_draft", "public_id = '%s'" % draft), 1)


if __name__ == "__main__":
    unittest.main()
