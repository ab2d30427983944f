"""The access log of a long case: everyone in a row each with their
counts, then every entry a page at a time, newest first. A two-year case
gathers thousands of entries; the guardians must still be able to see all
of them, and the count must be the true one."""
import math
import re
import unittest

from caselog_fixtures import log_row_id, login, open_log, user_id
from stafett_test import api, sql, sql_value, token

SEEDED = 230     # older entries written straight into the audit table
PER_PAGE = 100


def child_of(log):
    return int(sql_value("SELECT child_id FROM relay_log WHERE public_id"
                         " = '%s'" % log))


def audit_count(child):
    return int(sql_value("SELECT COUNT(*) FROM audit WHERE child_id = %d"
                         % child))


class AccessLogPages(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.holder = login("ansatt")
        cls.log, _ = open_log(cls.holder, "Tilgang Sidesen")
        cls.child = child_of(cls.log)
        sql("INSERT INTO child_person (child_id, user_id, relation)"
            " VALUES (%d, %d, 'guardian')" % (cls.child, user_id("forelder")))
        # A school nurse's reads over the last SEEDED days, one a day, the
        # oldest first in time.
        sql("INSERT INTO audit (at, user_id, role, action, object_type,"
            " object_id, child_id, request_id) SELECT NOW(6) - INTERVAL"
            " seq DAY, %d, 'participant', 'read', 'log', %d, %d,"
            " CONCAT('seeded-', seq) FROM seq_1_to_%d"
            % (user_id("helsesykepleier"), log_row_id(cls.log), cls.child,
               SEEDED))

    def access(self, query="", who="forelder"):
        return api("GET", "/api/v1/logs/%s/access%s" % (self.log, query),
                   token(who))

    def test_pages_cover_every_entry_once(self):
        before = audit_count(self.child)
        first = self.access().xml()
        after = audit_count(self.child)
        a = first.find("access")
        total = int(a.get("total"))
        # the count is the true one, taken within the request (which
        # writes its own audit row)
        self.assertGreaterEqual(total, before)
        self.assertLessEqual(total, after)
        self.assertGreater(total, SEEDED)
        self.assertEqual(a.get("of"), str(total))
        pages = int(a.get("pages"))
        self.assertEqual(pages, math.ceil(total / PER_PAGE))
        self.assertEqual((a.get("page"), a.get("per-page")),
                         ("1", str(PER_PAGE)))
        # everyone, with counts adding up to the total
        people = a.findall("people/person")
        self.assertEqual(sum(int(p.get("looks")) + int(p.get("changes"))
                             for p in people), total)
        nurse = [p for p in people if p.get("role") == "participant"]
        self.assertEqual(len(nurse), 1)
        self.assertEqual((nurse[0].get("looks"), nurse[0].get("changes")),
                         (str(SEEDED), "0"))
        # every page of the log as it was at the first, newest first
        # across pages, and nothing twice or left out, although each read
        # of a page adds an entry at the newest end
        seen = []
        for n in range(1, pages + 1):
            doc = first if n == 1 else self.access(
                "?page=%d&of=%d" % (n, total)).xml()
            entries = doc.findall("access/entry")
            self.assertEqual(len(entries), PER_PAGE if n < pages else
                             total - PER_PAGE * (pages - 1), n)
            seen += [e.get("at") for e in entries]
        self.assertEqual(len(seen), total)
        self.assertEqual(seen, sorted(seen, reverse=True))
        self.assertGreater(audit_count(self.child), after + pages - 2)
        # the last page ends with the nurse's oldest read
        self.assertEqual(seen[-1], nurse[0].get("first"))

    def test_page_links(self):
        guardian = login("forelder")
        r = guardian.get("/logs/%s/access" % self.log)
        self.assertEqual(r.status, 200)
        self.assertIn('rel="next"', r.text)
        self.assertNotIn('rel="prev"', r.text)
        self.assertIn("Side 1 av", r.text)
        of = re.search(r'access\?page=2&amp;of=(\d+)#entries" rel="next"',
                       r.text).group(1)
        r = guardian.get("/logs/%s/access?page=2&of=%s" % (self.log, of))
        self.assertEqual(r.status, 200)
        for rel, page in (("prev", 1), ("next", 3)):
            self.assertRegex(r.text, r'href="/logs/%s/access\?page=%d&amp;'
                             r'of=%s#entries" rel="%s"'
                             % (self.log, page, of, rel))

    def test_bad_page_numbers(self):
        pages = int(self.access().xml().find("access").get("pages"))
        for q in ("?page=0", "?page=-1", "?page=abc", "?page=1.5",
                  "?page=", "?page=%2B1", "?page=12345678901234567890"):
            r = self.access(q)
            self.assertEqual(r.status, 400, (q, r.text))
            self.assertIn("Sidetallet må være et helt tall fra 1.", r.text)
            self.assertEqual(self.access(q.replace("page", "of")).status,
                             400, q)
        r = self.access("?page=%d" % (pages + 1))
        self.assertEqual(r.status, 404, r.text)
        # a count larger than the log has ever had is no page either
        r = self.access("?page=1&of=%d" % (pages * PER_PAGE + 1000))
        self.assertEqual(r.status, 404, r.text)
        # in Norwegian for the guardian's browser, and on the page
        r = login("forelder").get("/logs/%s/access?page=abc" % self.log)
        self.assertEqual(r.status, 400)
        self.assertIn("Sidetallet må være et helt tall fra 1.", r.text)

    def test_others_may_not_read_it(self):
        # the unit leader is not the holder, a participant or a guardian
        self.assertEqual(self.access("?page=2", who="leder").status, 403)
        self.assertEqual(self.access("?page=abc", who="leder").status, 403)


if __name__ == "__main__":
    unittest.main()
