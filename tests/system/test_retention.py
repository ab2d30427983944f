"""test_retention.py: what has been kept as long as the municipality
keeps it is deleted, a closed relay log after its archive copy went to
the archive, and the deletion is recorded without the deleted data
(issue 19, fcgi/case/retention.h, sql/0032_retention.sql).

The cases are made the way people make them (test_access_matrix's
Fixtures: a log with a consent and its scan, a measure, a meeting and
its minutes, drafts of minutes, a handover, notices, a guardian, a
concern passed to it). They are aged by moving the time they closed a
few days back, and `stafett notify --once` runs with periods of three
days, so the stack's own notify (730 and 365 days) never races it. Which
tables must hold nothing of a deleted case is read from the schema, not
listed here: a table added later is checked too."""
import hashlib
import itertools
import os
import random
import subprocess
import unittest

from stafett_test import (DIR, api, concern_xml, sql, sql_value, stafett,
                          token, SQLError)
from test_access_matrix import Fixtures, last_id, xml_input

SHORT = {"STAFETT_RETENTION_LOG_DAYS": "3",
         "STAFETT_RETENTION_CONCERN_DAYS": "3",
         "STAFETT_RETENTION_TOKEN_DAYS": "3"}

# columns that point at a case's rows, and the table their ids are of
POINTERS = {"log_id": "relay_log", "passed_log_id": "relay_log",
            "concern_id": "concern", "consent_id": "consent",
            "meeting_id": "meeting", "minutes_id": "minutes",
            "outbox_id": "outbox", "consultation_id": "consultation",
            "submission_id": "form_submission", "child_id": "child"}
# what stays by design: the audit trail names records by id, the
# deletion record by reference
KEPT = {"audit", "retention_record"}


def sweep(**env):
    """One pass of notify with the short periods (and env)."""
    old = {k: os.environ.get(k) for k in list(SHORT) + list(env)}
    os.environ.update(SHORT)
    os.environ.update(env)
    try:
        return stafett("notify", "--once")
    finally:
        for k, v in old.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def pointer_columns():
    rows = sql("SELECT table_name, column_name FROM information_schema."
               "columns WHERE table_schema = 'stafett' AND column_name IN "
               "(%s)" % ",".join("'%s'" % c for c in POINTERS))
    return [(t, c) for t, c in rows if t not in KEPT and
            not (t == POINTERS[c] and c == "id")]


def ids_of(where_log=None, where_concern=None):
    """Every row id of a case, by table: what must go with it."""
    out = {}
    if where_log:
        out["relay_log"] = [r[0] for r in sql(
            "SELECT id FROM relay_log WHERE %s" % where_log)]
        lids = ",".join(out["relay_log"]) or "0"
        out["concern"] = [r[0] for r in sql(
            "SELECT id FROM concern WHERE log_id IN (%s)" % lids)]
    else:
        out["relay_log"] = []
        out["concern"] = [r[0] for r in sql(
            "SELECT id FROM concern WHERE %s" % where_concern)]
    lids = ",".join(out["relay_log"]) or "0"
    cids = ",".join(out["concern"]) or "0"
    q = {
        "consent": "SELECT id FROM consent WHERE log_id IN (%s)" % lids,
        "meeting": "SELECT id FROM meeting WHERE log_id IN (%s)" % lids,
        "minutes": "SELECT id FROM minutes WHERE log_id IN (%s)" % lids,
        "outbox": "SELECT id FROM outbox WHERE log_id IN (%s) OR "
                  "concern_id IN (%s)" % (lids, cids),
        "consultation": "SELECT id FROM consultation WHERE concern_id IN "
                        "(%s)" % cids,
        "child": "SELECT child_id FROM relay_log WHERE id IN (%s) UNION "
                 "SELECT child_id FROM concern WHERE id IN (%s)"
                 % (lids, cids),
    }
    for table, query in q.items():
        out[table] = [r[0] for r in sql(query) if r[0] != "NULL"]
    subs = set()
    for table in ("concern", "consent", "minutes", "outbox", "consultation"):
        ids = ",".join(out[table]) or "0"
        subs |= {r[0] for r in sql(
            "SELECT submission_id FROM %s WHERE id IN (%s) AND "
            "submission_id IS NOT NULL" % (table, ids))}
    subs |= {r[0] for r in sql(
        "SELECT submission_id FROM case_event WHERE (log_id IN (%s) OR "
        "concern_id IN (%s)) AND submission_id IS NOT NULL UNION "
        "SELECT submission_id FROM handover WHERE log_id IN (%s) AND "
        "submission_id IS NOT NULL" % (lids, cids, lids))}
    out["form_submission"] = sorted(subs)
    return out


class Retention(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        f = Fixtures()
        # numbers of its own: test_access_matrix's count from 1, and the
        # ids made from them are unique
        f.n = itertools.count(random.randint(500, 990))
        cls.old = f.case(closed=True, full=True)       # past its period
        cls.young = f.case(closed=True, full=True)     # closed just now
        cls.open = f.case(full=False)                  # open: never
        cls.child_name = cls.old["child_name"]
        cls.ref, cls.pub = sql("SELECT reference, public_id FROM relay_log "
                               "WHERE public_id = '%s'" % cls.old["log"])[0]
        cls.html, cls.xml = sql(
            "SELECT HEX(html), HEX(xml) FROM log_archive a JOIN relay_log l "
            "ON l.id = a.log_id WHERE l.public_id = '%s'" % cls.old["log"])[0]
        cls.before = ids_of(where_log="public_id = '%s'" % cls.old["log"])
        cls.form_ids = [r[0] for r in sql(
            "SELECT public_id FROM form_submission WHERE id IN (%s)"
            % ",".join(cls.before["form_submission"]))]
        # a concern of another unit passed to the old log and answered,
        # not taken in: its author's, it stays (and so does the child)
        cls.passed = ("RetPassed%d" % random.randint(100, 999)).ljust(22,
                                                                      "x")
        # (its form: one of the young case's, which stays anyway)
        sql("INSERT INTO concern (public_id, reference, unit_id, author_id,"
            " child_id, submission_id, anonymous, urgent, level, status,"
            " deadline, passed_log_id, passed_state) SELECT '%s', 'R%s',"
            " a.unit_id, a.id, l.child_id, (SELECT k.submission_id FROM"
            " concern k JOIN relay_log y ON y.id = k.log_id WHERE"
            " y.public_id = '%s' LIMIT 1), FALSE, FALSE, 2, 'passed',"
            " CURRENT_DATE, l.id, 'answered' FROM relay_log l JOIN app_user"
            " a ON a.username = 'laerer' WHERE l.public_id = '%s'"
            % (cls.passed, cls.passed[9:12] + "-PAS", cls.young["log"],
               cls.old["log"]))
        # as every concern, it told someone (the holder, long since)
        sql("INSERT INTO outbox (public_id, kind, user_id, concern_id,"
            " idempotency_key, status) SELECT '%s', 'concern.passed',"
            " l.holder_id, k.id, '%s', 'delivered' FROM relay_log l JOIN"
            " concern k ON k.passed_log_id = l.id WHERE k.public_id = '%s'"
            % (cls.passed.replace("RetPassed", "RetNotice"),
               cls.passed.ljust(43, "n"), cls.passed))
        # what the other cases hold, to be held still after
        cls.others = cls.fingerprint()
        # a concern decided to level 0, and one decided just now
        holder = token("ansatt")
        cls.level0 = []
        for tag in ("gammel", "ny"):
            r = api("POST", "/api/v1/forms/concern", holder,
                    concern_xml(child__name="Oppbevaring %s" % tag))
            assert r.status == 201, r.text
            pid = last_id(r.header("Location"))
            # discussed in the demo's drøftingsteam first: its agenda
            # item goes with it (0040_team.sql)
            meeting = sql_value(
                "SELECT m.public_id FROM team_meeting m JOIN team t ON"
                " t.id = m.team_id WHERE t.kind = 'discussion' AND"
                " t.active AND t.municipality_id = 1 AND m.starts_at >="
                " CURRENT_DATE ORDER BY m.starts_at LIMIT 1")
            r = api("POST", "/api/v1/concerns/%s/agenda" % pid, holder,
                    xml_input([("meeting", meeting)]))
            assert r.status == 200, r.text
            r = api("POST", "/api/v1/concerns/%s/level" % pid, holder,
                    xml_input([("decision", "close"),
                               ("reason", "Ikke behov for mer.")]))
            assert r.status == 200, r.text
            cls.level0.append(pid)
        cls.concern_before = ids_of(
            where_concern="public_id = '%s'" % cls.level0[0])
        # a token revoked long ago, and one revoked now
        cls.tokens = []
        for label in ("gammel", "ny"):
            stafett("token", "create", "ansatt", "oppbevaring-" + label)
            tid = sql_value("SELECT public_id FROM api_token WHERE label = "
                            "'oppbevaring-%s'" % label)
            stafett("token", "revoke", tid)
            cls.tokens.append(tid)
        # aged: five days, past the three of the sweep
        sql("UPDATE relay_log SET closed_at = NOW(6) - INTERVAL 5 DAY "
            "WHERE public_id = '%s'; UPDATE relay_log SET created_at = "
            "NOW(6) - INTERVAL 50 DAY WHERE public_id = '%s'; UPDATE "
            "concern SET closed_at = NOW(6) - INTERVAL 5 DAY WHERE "
            "public_id = '%s'; UPDATE api_token SET revoked_at = NOW(6) - "
            "INTERVAL 5 DAY WHERE public_id = '%s'"
            % (cls.old["log"], cls.open["log"], cls.level0[0],
               cls.tokens[0]))
        cls.records = int(sql_value("SELECT COALESCE(MAX(id), 0) FROM "
                                    "retention_record"))
        cls.archive = os.path.join(DIR, "archive")

    @classmethod
    def fingerprint(cls):
        """Rows of the young and the open case, table by table."""
        lids = sql_value("SELECT GROUP_CONCAT(id) FROM relay_log WHERE "
                         "public_id IN ('%s', '%s')" % (cls.young["log"],
                                                        cls.open["log"]))
        out = {}
        for table, col in pointer_columns():
            if col in ("log_id", "passed_log_id"):
                out[table + "." + col] = sql_value(
                    "SELECT COUNT(*) FROM %s WHERE %s IN (%s)"
                    % (table, col, lids))
        out["submissions"] = sql_value(
            "SELECT COUNT(*) FROM form_submission s JOIN concern c ON "
            "c.submission_id = s.id WHERE c.log_id IN (%s)" % lids)
        return out

    @staticmethod
    def as_app(query):
        """A statement as the application's database account."""
        with open(os.path.join(DIR, "db.password")) as f:
            pw = f.read().strip()
        return subprocess.run(
            ["mariadb", "--no-defaults", "-S",
             os.path.join(DIR, "run/db.sock"), "-u", "stafett",
             "-p" + pw, "-N", "-B", "-D", "stafett", "-e", query],
            capture_output=True, text=True)

    def test_1_without_an_archive_a_closed_log_is_kept(self):
        sweep(STAFETT_ARCHIVE_DIR="")
        self.assertEqual(sql_value("SELECT COUNT(*) FROM relay_log WHERE "
                                   "public_id = '%s'" % self.old["log"]), "1")

    def test_2_a_closed_log_goes_to_the_archive_and_is_deleted(self):
        sweep()
        # handed to the archive: one folder in the municipality's, every
        # file in its manifest
        name = "%s/%s-%s" % (sql_value(
            "SELECT m.number FROM municipality m JOIN unit u ON "
            "u.municipality_id = m.id JOIN app_user a ON a.unit_id = u.id "
            "WHERE a.username = 'ansatt'"), self.ref, self.pub)
        folder = os.path.join(self.archive, name)
        with open(os.path.join(folder, "log.html"), "rb") as f:
            self.assertEqual(f.read().hex().upper(), self.html)
        with open(os.path.join(folder, "log.xml"), "rb") as f:
            self.assertEqual(f.read().hex().upper(), self.xml)
        with open(os.path.join(folder, "manifest.txt"), "rb") as f:
            manifest = f.read()
        listed = {}
        for line in manifest.decode().splitlines():
            sha, path = line.split("  ")[:2]
            with open(os.path.join(folder, path), "rb") as f:
                self.assertEqual(hashlib.sha256(f.read()).hexdigest(), sha,
                                 path)
            listed[path] = line
        forms = [p for p in listed if p.startswith("forms/")]
        scans = [p for p in listed if p.startswith("scans/")]
        self.assertEqual(len(forms), len(self.before["form_submission"]))
        self.assertEqual(
            sorted(p[6:-4] for p in forms), sorted(self.form_ids))
        self.assertEqual(len(scans), 1, listed)
        self.assertIn("image/png", listed[scans[0]])
        self.assertEqual(sorted(os.listdir(folder)),
                         ["forms", "log.html", "log.xml", "manifest.txt",
                          "scans"])
        # nothing of it is left, in any table that points at its rows
        self.assertGreater(len(self.before["form_submission"]), 3)
        self.assertGreater(len(self.before["outbox"]), 1)
        for table, col in pointer_columns():
            ids = self.before.get(POINTERS[col])
            # (the child stays: another unit's concern is about it)
            if not ids or col == "child_id":
                continue
            n = sql_value("SELECT COUNT(*) FROM %s WHERE %s IN (%s)"
                          % (table, col, ",".join(ids)))
            self.assertEqual(n, "0", "%s.%s still points at the case"
                             % (table, col))
        for table, ids in self.before.items():
            if ids and table != "child":
                n = sql_value("SELECT COUNT(*) FROM %s WHERE id IN (%s)"
                              % (table, ",".join(ids)))
                self.assertEqual(n, "0", "%s rows of the case left" % table)
        # the concern of another unit stays, and forgot the log; so does
        # the child it is about
        self.assertEqual(sql("SELECT status, COALESCE(passed_log_id, '-') "
                             "FROM concern WHERE public_id = '%s'"
                             % self.passed), [["passed", "-"]])
        self.assertEqual(sql_value("SELECT COUNT(*) FROM child WHERE id IN "
                                   "(%s)" % ",".join(self.before["child"])),
                         "1")
        # nothing of the other cases went
        self.assertEqual(self.fingerprint(), self.others)
        # recorded, without the data: the reference, the rule, the file
        rows = sql("SELECT kind, reference, items, rows_deleted, rule, "
                   "kept_days, deposit, deposit_sha256 FROM retention_record "
                   "WHERE id > %d AND kind = 'relay_log'" % self.records)
        self.assertEqual(len(rows), 1, rows)
        kind, ref, items, deleted, rule, days, dep, sha = rows[0]
        self.assertEqual((kind, ref, items, rule, days, dep),
                         ("relay_log", self.ref, "1", "log_closed", "3",
                          name))
        self.assertEqual(sha, hashlib.sha256(manifest).hexdigest())
        self.assertGreater(int(deleted), 20)
        self.assertNotIn(self.child_name.split()[0], " ".join(rows[0]))
        # audited: the system deleted the log
        self.assertEqual(sql_value(
            "SELECT COUNT(*) FROM audit WHERE action = 'delete' AND "
            "object_type = 'relay_log' AND object_id = %s AND user_id IS "
            "NULL AND role = 'system'" % self.before["relay_log"][0]), "1")
        # the rest stay: closed just now, and open however old
        for log in (self.young["log"], self.open["log"]):
            self.assertEqual(sql_value("SELECT COUNT(*) FROM relay_log "
                                       "WHERE public_id = '%s'" % log), "1")
        # an address of the deleted log is not there, as any unknown one
        r = api("GET", "/api/v1/logs/" + self.old["log"], token("ansatt"))
        self.assertEqual(r.status, 404)

    def test_3_a_concern_that_ended_at_level_0(self):
        sweep()
        self.assertEqual(sql_value(
            "SELECT COUNT(*) FROM concern WHERE public_id = '%s'"
            % self.level0[0]), "0")
        self.assertEqual(sql_value(
            "SELECT COUNT(*) FROM concern WHERE public_id = '%s'"
            % self.level0[1]), "1")
        for table in ("form_submission", "outbox", "child"):
            ids = self.concern_before[table]
            self.assertTrue(ids, table)
            self.assertEqual(sql_value(
                "SELECT COUNT(*) FROM %s WHERE id IN (%s)"
                % (table, ",".join(ids))), "0", table)
        self.assertEqual(sql_value(
            "SELECT COUNT(*) FROM case_event WHERE concern_id = %s"
            % self.concern_before["concern"][0]), "0")
        # its place on the team's agenda went too, and was counted
        self.assertEqual(sql_value(
            "SELECT COUNT(*) FROM agenda_item WHERE concern_id = %s"
            % self.concern_before["concern"][0]), "0")
        self.assertEqual(sql_value(
            "SELECT COUNT(*) FROM agenda_item a JOIN concern c ON c.id ="
            " a.concern_id WHERE c.public_id = '%s'" % self.level0[1]),
            "1")
        self.assertEqual(sql_value(
            "SELECT COUNT(*) FROM retention_record WHERE id > %d AND kind "
            "= 'concern' AND rule = 'concern_level0'" % self.records), "1")

    def test_4_revoked_tokens(self):
        sweep()
        left = sql("SELECT public_id FROM api_token WHERE public_id IN "
                   "('%s', '%s')" % tuple(self.tokens))
        self.assertEqual([r[0] for r in left], [self.tokens[1]])
        self.assertGreaterEqual(int(sql_value(
            "SELECT COALESCE(SUM(items), 0) FROM retention_record WHERE "
            "id > %d AND kind = 'api_token'" % self.records)), 1)

    def test_5_once_only_and_the_guards_stay(self):
        sweep()
        n = sql_value("SELECT COUNT(*) FROM retention_record WHERE id > %d "
                      "AND kind IN ('relay_log', 'concern')" % self.records)
        sweep()
        self.assertEqual(sql_value(
            "SELECT COUNT(*) FROM retention_record WHERE id > %d AND kind "
            "IN ('relay_log', 'concern')" % self.records), n)
        # outside retention, the timeline, minutes, forms and archive
        # copies of the logs that stay cannot be deleted
        young = sql_value("SELECT id FROM relay_log WHERE public_id = '%s'"
                          % self.young["log"])
        for stmt in (
                "DELETE FROM case_event WHERE log_id = %s" % young,
                "DELETE FROM log_archive WHERE log_id = %s" % young,
                "DELETE FROM minutes WHERE log_id = %s" % young,
                "DELETE s FROM form_submission s JOIN consent k ON "
                "k.submission_id = s.id WHERE k.log_id = %s" % young):
            with self.assertRaises(SQLError) as e:
                sql(stmt)
            self.assertIn("never deleted", e.exception.stderr)
        # the application's own account cannot set the mark: it may not
        # read the key, and a mark of its own is refused
        app = self.as_app("SELECT k FROM stafett_guard.retention_key")
        self.assertNotEqual(app.returncode, 0)
        self.assertIn("denied", app.stderr)
        app = self.as_app("SET @stafett_retention = 1; DELETE FROM "
                          "case_event WHERE log_id = %s" % young)
        self.assertNotEqual(app.returncode, 0)
        self.assertIn("never deleted", app.stderr)
        # and the purge itself takes nothing but what retention may
        opened = sql_value("SELECT id FROM relay_log WHERE public_id = '%s'"
                           % self.open["log"])
        with self.assertRaises(SQLError) as e:
            sql("CALL retention_purge(%s, NULL, @n)" % opened)
        self.assertIn("only a closed log", e.exception.stderr)
        self.assertEqual(sql_value("SELECT COUNT(*) FROM relay_log WHERE "
                                   "id = %s" % opened), "1")


if __name__ == "__main__":
    unittest.main()
