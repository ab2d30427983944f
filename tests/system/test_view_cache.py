"""The view cache (fcgi/http/viewcache.h): a worker keeps a log's lists and
its rendered page between reads, and uses them only while nothing they
show has changed. The versions that say so are raised by triggers in the
database (0011_view_version.sql), so a change made anywhere shows on the
next read: by a handler, or by SQL outside the handlers (the sweeps,
notify, an administrator). Each reader gets their own page.

The whole suite runs with view_cache_verify (run.sh): every kept copy used
is compared with a fresh one, and one found out of date fails the run.
These tests read a page READS times after each change, so that every
worker serves it at least once after the change, and assert what each
read shows."""
import re
import unittest

from caselog_fixtures import (add_participant, give_consent, log_row_id,
                              login, open_log, user_id, user_pid, xml_body,
                              day)
from stafett_test import Client, api, csrf_of, sql, sql_value, token

CHILD, BIRTH = "Hurtig Minnesen", "2015-04-11"
# More reads than the test stack has workers (3), several times over.
READS = 9


def metric(what, result):
    r = Client().get("/metrics")
    m = re.search(r'^stafett_view_cache_total\{what="%s",result="%s"\} (\d+)$'
                  % (what, result), r.text, re.M)
    assert m, r.text[:500]
    return int(m.group(1))


class ViewCache(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.holder = login("ansatt")
        cls.log, cls.concern = open_log(cls.holder, CHILD, BIRTH)
        cls.lid = log_row_id(cls.log)
        give_consent("ansatt", cls.log, CHILD, BIRTH, "health_clinic")
        assert add_participant("ansatt", cls.log,
                               "helsesykepleier").status == 201
        r = api("POST", "/api/v1/logs/%s/measures" % cls.log,
                token("ansatt"),
                xml_body("measure", what="Lesestund hver dag",
                         goal="Ro etter skolen", start=day(0),
                         evaluation=day(30),
                         responsible=user_pid("helsesykepleier")))
        assert r.status == 201, r.text

    def pages(self, client=None):
        out = []
        for _ in range(READS):
            r = (client or self.holder).get("/logs/%s" % self.log)
            self.assertEqual(r.status, 200)
            out.append(r.text)
        return out

    def assert_every_read(self, text, client=None):
        """Every one of READS reads shows text, and no kept copy used for
        them was out of date. (With view_cache_verify a stale copy is
        replaced by a fresh one before it is sent, so the pages alone
        would not show it; the count of stale copies does.)"""
        stale = metric("lists", "stale") + metric("page", "stale")
        for page in self.pages(client):
            self.assertIn(text, page)
        self.assertEqual(metric("lists", "stale") + metric("page", "stale"),
                         stale, "a kept copy was used after a change")

    def version(self):
        return int(sql_value("SELECT v FROM log_version WHERE log_id = %d"
                             % self.lid))

    def test_reads_are_kept(self):
        lists, page = metric("lists", "hit"), metric("page", "hit")
        pages = self.pages()
        self.assertEqual(len(set(pages)), 1, "the same page every read")
        self.assertGreater(metric("lists", "hit"), lists)
        self.assertGreater(metric("page", "hit"), page)
        # The API's document is made from the same kept lists.
        lists = metric("lists", "hit")
        docs = [api("GET", "/api/v1/logs/%s" % self.log, token("ansatt"))
                for _ in range(READS)]
        self.assertTrue(all(d.status == 200 for d in docs))
        self.assertEqual(len({d.text for d in docs}), 1)
        self.assertIn("Lesestund hver dag", docs[0].text)
        self.assertGreater(metric("lists", "hit"), lists)

    def test_a_change_through_the_application_shows_at_once(self):
        self.pages()
        r = api("POST", "/api/v1/logs/%s/notes" % self.log, token("ansatt"),
                xml_body("note", kind="note",
                         text="Samtale med mor om leggetider."))
        self.assertEqual(r.status, 201, r.text)
        self.assert_every_read("Samtale med mor om leggetider.")

    def test_changes_outside_the_handlers_show_at_once(self):
        # A measure changed by SQL: the trigger raises the log's version.
        self.pages()
        before = self.version()
        sql("UPDATE measure SET goal = 'Ro og mat etter skolen'"
            " WHERE log_id = %d" % self.lid)
        self.assertGreater(self.version(), before)
        self.assert_every_read("Ro og mat etter skolen")

        # An event written the way notify writes one (no handler).
        sql("INSERT INTO case_event (public_id, log_id, actor_role, kind,"
            " summary) VALUES ('ViewCacheEvent00000001', %d, 'system',"
            " 'notice', 'Varsel stoppet av systemet.')" % self.lid)
        self.assert_every_read("Varsel stoppet av systemet.")

        # A name every log shows: the epoch.
        name = sql_value("SELECT display_name FROM app_user"
                         " WHERE username = 'helsesykepleier'")
        try:
            sql("UPDATE app_user SET display_name = 'Helse Nynavn'"
                " WHERE username = 'helsesykepleier'")
            self.assert_every_read("Helse Nynavn")
        finally:
            sql("UPDATE app_user SET display_name = '%s'"
                " WHERE username = 'helsesykepleier'" % name)
        self.assert_every_read(name)

        # The action guide: shown at once, not after the few seconds the
        # guide is kept on its own.
        step = sql("SELECT id, title_nb FROM guide_step WHERE level = 2"
                   " ORDER BY position LIMIT 1")[0]
        try:
            sql("UPDATE guide_step SET title_nb = 'Nytt første steg'"
                " WHERE id = %s" % step[0])
            self.assert_every_read("Nytt første steg")
        finally:
            sql("UPDATE guide_step SET title_nb = '%s' WHERE id = %s"
                % (step[1], step[0]))
        self.assert_every_read(step[1])

    def test_rows_moved_or_changed_under_the_log(self):
        other, _ = open_log(self.holder, "Annen Minnesen", "2014-02-03")
        sql("INSERT INTO meeting (public_id, log_id, starts_at, place,"
            " agenda, created_by) VALUES ('ViewCacheMeeting000002', %d,"
            " NOW() + INTERVAL 3 DAY, 'Rom 2', 'Møte som flyttes.', %d)"
            % (self.lid, user_id("ansatt")))
        self.assert_every_read("Møte som flyttes.")
        # Moved to another log: gone from this one's page at once.
        sql("UPDATE meeting SET log_id = %d WHERE public_id ="
            " 'ViewCacheMeeting000002'" % log_row_id(other))
        stale = metric("lists", "stale") + metric("page", "stale")
        for page in self.pages():
            self.assertNotIn("Møte som flyttes.", page)
        self.assertEqual(metric("lists", "stale") + metric("page", "stale"),
                         stale)
        # An event moves only from its concern into the concern's log
        # (0013_immutable.sql refuses every other change): in at once.
        sql("INSERT INTO case_event (public_id, concern_id, actor_role,"
            " kind, summary) SELECT 'ViewCacheEvent00000002', id, 'system',"
            " 'note', 'Notat som flyttes inn.' FROM concern WHERE"
            " public_id = '%s'" % self.concern)
        self.pages()
        sql("UPDATE case_event SET log_id = %d WHERE public_id ="
            " 'ViewCacheEvent00000002'" % self.lid)
        self.assert_every_read("Notat som flyttes inn.")
        # A consent's service changed in place (a child row updated),
        # and back: the API's document shows each at once.
        for old, new in (("health_clinic", "ppt"), ("ppt", "health_clinic")):
            self.api_docs()
            sql("UPDATE consent_service cs JOIN consent c ON c.id ="
                " cs.consent_id SET cs.service = '%s' WHERE c.log_id = %d"
                " AND cs.service = '%s'" % (new, self.lid, old))
            stale = metric("lists", "stale")
            for doc in self.api_docs():
                self.assertIn('services="%s"' % new, doc)
            self.assertEqual(metric("lists", "stale"), stale)

    def api_docs(self):
        out = []
        for _ in range(READS):
            r = api("GET", "/api/v1/logs/%s" % self.log, token("ansatt"))
            self.assertEqual(r.status, 200)
            out.append(r.text)
        return out

    def test_bookkeeping_does_not_throw_the_lists_away(self):
        self.pages()
        before = self.version()
        sql("UPDATE measure SET eval_flagged = TRUE, eval_reminded = TRUE"
            " WHERE log_id = %d" % self.lid)
        sql("UPDATE consent SET expiry_handled = FALSE WHERE log_id = %d"
            % self.lid)
        self.assertEqual(self.version(), before)

    def test_each_reader_gets_their_own_page(self):
        nurse = login("helsesykepleier")
        mine = self.pages()
        theirs = self.pages(nurse)
        holder_name = sql_value("SELECT display_name FROM app_user"
                                " WHERE username = 'ansatt'")
        nurse_name = sql_value("SELECT display_name FROM app_user"
                               " WHERE username = 'helsesykepleier'")
        for page in mine:
            self.assertEqual(csrf_of(page), self.holder.csrf(
                "/logs/%s" % self.log))
            self.assertIn('action="/logs/%s/measures"' % self.log, page)
        for page in theirs:
            self.assertEqual(csrf_of(page), nurse.csrf(
                "/logs/%s" % self.log))
            self.assertNotIn('action="/logs/%s/measures"' % self.log, page)
        self.assertNotEqual(csrf_of(mine[0]), csrf_of(theirs[0]))
        # The measure is the nurse's: marked as theirs on their page only.
        self.assertIn(nurse_name, theirs[0])
        self.assertIn(holder_name, mine[0])
        # Every read is still audited, kept or not.
        n = int(sql_value("SELECT COUNT(*) FROM audit WHERE object_type ="
                          " 'log' AND object_id = %d AND action = 'read'"
                          % self.lid))
        self.pages()
        self.assertEqual(int(sql_value(
            "SELECT COUNT(*) FROM audit WHERE object_type = 'log' AND"
            " object_id = %d AND action = 'read'" % self.lid)), n + READS)


if __name__ == "__main__":
    unittest.main()
