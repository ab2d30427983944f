"""System tests: the consent information page in the families'
languages (issue 20, item 9; forms/consent-info, h_consent_info.c):
every language the installation offers, marked with its language and
direction, a text no qualified translator has checked says so, and a
language not offered is not there."""
import re
import unittest

from stafett_test import Client, api

OFFERED = ["nb", "nn", "en", "pl", "ar", "so", "ti"]


class ConsentInfoTest(unittest.TestCase):

    def test_every_language(self):
        """No login is needed; each page marks its text with its
        language and direction, lists the others, and says what a
        consent is, how to withdraw it and that an interpreter can be
        had (in Norwegian: the words the page must carry)."""
        c = Client()
        for code in OFFERED:
            with self.subTest(lang=code):
                r = c.get("/consent-info?lang=%s" % code)
                self.assertEqual(r.status, 200, r.text[:500])
                art = re.search(r'<article lang="([a-z]+)" dir="(rtl|ltr)"',
                                r.text)
                self.assertIsNotNone(art, r.text[:2000])
                self.assertEqual(art.group(1), code)
                self.assertEqual(art.group(2),
                                 "rtl" if code == "ar" else "ltr")
                self.assertIn('aria-current="page"', r.text)
                for other in OFFERED:
                    if other != code:
                        self.assertIn('href="/consent-info?lang=%s"' % other,
                                      r.text)
                unchecked = code not in ("nb", "nn", "en")
                self.assertEqual("warn-box" in r.text, unchecked)
        nb = c.get("/consent-info?lang=nb").text
        for words in ("trekke samtykket tilbake", "rett til tolk",
                      "barnevernstjenesten"):
            self.assertIn(words, nb)

    def test_page_language_by_default(self):
        """Without ?lang the text is in the page's language."""
        c = Client()
        r = c.get("/consent-info")
        self.assertEqual(r.status, 200)
        self.assertIn('<article lang="nb"', r.text)

    def test_not_offered(self):
        """A language the installation does not offer, or no language
        at all, is 404, and nothing is read from elsewhere."""
        c = Client()
        for code in ("de", "xx", "../en", "EN", "enn1", "a"):
            with self.subTest(lang=code):
                self.assertEqual(c.get("/consent-info?lang=%s" % code)
                                 .status, 404)

    def test_linked_from_the_log(self):
        """The log's consents say where the family can read it."""
        from caselog_fixtures import login, open_log
        holder = login("ansatt")
        log, _ = open_log(holder, "Info Barnesen", "2016-01-02")
        self.assertIn('href="/consent-info"',
                      holder.get("/logs/" + log).text)


if __name__ == "__main__":
    unittest.main()
