"""test_service.py: health, metrics, security headers, logs without
personal data, the audit trail, and the service surviving a database
restart, a killed worker and a broken form definition."""
import os
import re
import shutil
import signal
import subprocess
import threading
import time
import unittest

from stafett_test import (DIR, SRC, Client, api, app_log, concern_xml,
                          count, master_pid, nin_for, reload_and_wait, sql,
                          sql_value, stack, statement_counts, token,
                          wait_for, worker_pids)
import datetime
from caselog_fixtures import log_row_id, login, open_log, xml_body


class ServiceTest(unittest.TestCase):

    def test_healthz(self):
        r = api("GET", "/healthz")
        self.assertEqual(r.status, 200)
        self.assertEqual(r.text, "ok\n")

    def test_metrics(self):
        api("GET", "/login")
        r = api("GET", "/metrics")
        self.assertEqual(r.status, 200)
        self.assertIn('stafett_requests_total{method="GET",route="/login",'
                      'status="200"}', r.text)
        self.assertIn("stafett_request_duration_seconds_bucket", r.text)
        self.assertIn("stafett_worker_restarts_total", r.text)

    def test_metrics_time_statements(self):
        """Each prepared statement a worker runs is counted under its
        name. A concern through the API is one round trip to the
        database: one call of concern_store, which is its own
        transaction (no BEGIN, no COMMIT, no statement per row); besides
        it only the reads that may come before a transaction (the token,
        the guide's deadline, the municipality's settings), which are
        kept a while."""
        def counts():
            text = api("GET", "/metrics").text
            out = {}
            for m in re.finditer(r'^stafett_db_statement_duration_seconds'
                                 r'_count\{statement="([^"]+)"\} (\d+)$',
                                 text, re.M):
                out[m.group(1)] = int(m.group(2))
            return out, text

        # the scrape's own statements, as a scrape makes them
        scrape = set(n for n in counts()[0] if n.startswith("metrics_")
                     or n == "partner_admin_list")
        before = counts()[0]
        r = api("POST", "/api/v1/forms/concern", token("ansatt"),
                concern_xml(child__name="Teller Testbarn"))
        self.assertEqual(r.status, 201, r.text)
        after, text = counts()
        ran = {n: after[n] - before.get(n, 0) for n in after
               if after[n] != before.get(n, 0) and n not in scrape}
        self.assertEqual(ran.pop("concern_store", 0), 1, ran)
        for n in ("token_get", "guide_level0_days", "municipality_get"):
            ran.pop(n, None)
        self.assertEqual(ran, {}, "statements besides the one call")
        self.assertIn('stafett_db_statement_duration_seconds_bucket{'
                      'statement="concern_store",le="+Inf"}', text)
        self.assertNotIn("Teller", text)

    def test_a_note_sends_its_rows_with_the_commit(self):
        """A write of a relay log keeps its audit rows and timeline
        event and sends them with its COMMIT, in one call (tail.h): a
        note is the log read, the log locked and that call, after the
        BEGIN. The rows are those the statements wrote, each its own."""
        holder = login("ansatt")
        log, _ = open_log(holder, "Hale Notat", "2016-04-04")
        tok = token("ansatt")
        before = statement_counts()
        text = "Et notat med \"anførsel\", \\ og æøå\nny linje"
        r = api("POST", "/api/v1/logs/%s/notes" % log, tok,
                xml_body("note", kind="note", text=text))
        self.assertEqual(r.status, 201, r.text)
        after = statement_counts()
        # the scrape's own statements do not count
        ran = {n: after[n] - before.get(n, 0) for n in after
               if after[n] != before.get(n, 0) and not
               n.startswith("metrics_") and n != "partner_admin_list"}
        ran.pop("token_get", None)
        self.assertEqual(ran, {"begin": 1, "log_by_pid": 1, "log_lock": 1,
                               "tail_run": 1})
        rid = r.header("X-Request-Id")
        lid = log_row_id(log)
        uid = sql_value("SELECT id FROM app_user WHERE username = "
                        "'ansatt'")
        self.assertEqual(
            sql("SELECT user_id, role, action, object_type, object_id,"
                " child_id = (SELECT child_id FROM relay_log WHERE id = %d)"
                " FROM audit WHERE request_id = '%s' ORDER BY id"
                % (lid, rid)),
            [[uid, "holder", "read", "log", str(lid), "1"],
             [uid, "holder", "create", "note", str(lid), "1"]])
        ev = sql("SELECT e.actor_id, e.actor_role, e.kind, e.summary,"
                 " e.msg IS NULL, e.args IS NOT NULL FROM case_event e"
                 " WHERE e.log_id = %d AND e.kind = 'note'" % lid)
        self.assertEqual(len(ev), 1)
        self.assertEqual(ev[0][:3], [uid, "holder", "note"])
        self.assertIn("anførsel", ev[0][3])
        # the page shows it, its view version raised by the event
        page = holder.get("/logs/%s" % log)
        self.assertIn("anførsel", page.text)

    def test_security_headers(self):
        r = Client().get("/login")
        self.assertIn("default-src 'none'", r.header("Content-Security-Policy"))
        self.assertEqual(r.header("X-Content-Type-Options"), "nosniff")
        self.assertEqual(r.header("X-Frame-Options"), "DENY")
        self.assertEqual(r.header("Cache-Control"), "no-store")
        self.assertRegex(r.header("X-Request-Id"), r"^[0-9a-f]{32}$")

    def test_access_log_has_no_personal_data(self):
        nin = nin_for(datetime.date(2017, 2, 3), individual=600)
        name = "Loggfri Testperson"
        r = api("POST", "/api/v1/forms/concern", token("ansatt"),
                concern_xml(child__name=name, child__nin=nin))
        self.assertEqual(r.status, 201)
        rid = r.header("X-Request-Id")
        log = app_log()
        self.assertNotIn(name, log)
        self.assertNotIn(nin, log)
        self.assertNotIn("127.0.0.1", log)
        line = [l for l in log.splitlines() if rid in l]
        self.assertEqual(len(line), 1)
        self.assertIn('method=POST route="/api/v1/forms/{form}" status=201',
                      line[0])
        self.assertRegex(line[0], r"ms=[0-9.]+$")

    def test_audit_trail_is_append_only(self):
        r = api("POST", "/api/v1/forms/concern", token("ansatt"),
                concern_xml())
        cid = sql_value("SELECT id FROM concern WHERE public_id = '%s'"
                        % r.header("Location")[-22:])
        self.assertEqual(count("audit", "action = 'create' AND object_type ="
                               " 'concern' AND object_id = %s" % cid), 1)
        for stmt in ("UPDATE audit SET role = 'x'", "DELETE FROM audit"):
            p = subprocess.run(
                ["mariadb", "--no-defaults", "-S",
                 os.path.join(DIR, "run/db.sock"), "-u", "root", "-D",
                 "stafett", "-e", stmt], capture_output=True, text=True)
            self.assertNotEqual(p.returncode, 0)
            self.assertIn("append-only", p.stderr)


class ResilienceTest(unittest.TestCase):

    def test_database_restart(self):
        tok = token("ansatt")
        self.assertEqual(api("GET", "/healthz").status, 200)
        before = count("concern")
        stack("stack_db_stop")
        try:
            # the monitor looks every second (dbwatch.h)
            self.assertTrue(wait_for(lambda: api("GET", "/healthz").status
                                     == 503, timeout=5))
            r = api("POST", "/api/v1/forms/concern", tok, concern_xml())
            self.assertEqual(r.status, 503)
            c = Client()
            self.assertEqual(c.get("/login").status, 200)
        finally:
            stack("stack_db_start")
        self.assertTrue(wait_for(lambda: api("GET", "/healthz").status == 200,
                                 timeout=30))
        self.assertEqual(count("concern"), before)
        r = api("POST", "/api/v1/forms/concern", tok, concern_xml())
        self.assertEqual(r.status, 201)
        # every worker reconnects without the user noticing
        for _ in range(10):
            self.assertEqual(api("GET", "/api/v1/forms/concern", tok).status,
                             200)

    def test_killed_worker_loses_nothing_acknowledged(self):
        tok = token("ansatt")
        created, failed = [], []
        lock = threading.Lock()

        def client(n):
            for _ in range(n):
                try:
                    r = api("POST", "/api/v1/forms/concern", tok,
                            concern_xml(child__name="Last Test"))
                except Exception:
                    with lock:
                        failed.append("exception")
                    continue
                with lock:
                    if r.status == 201:
                        created.append(r.header("Location")[-22:])
                    else:
                        failed.append(r.status)

        def restarts():
            m = api("GET", "/metrics").text
            line = [l for l in m.splitlines()
                    if l.startswith("stafett_worker_restarts_total")][0]
            return int(line.split()[1])

        before = restarts()
        threads = [threading.Thread(target=client, args=(25,))
                   for _ in range(6)]
        for t in threads:
            t.start()
        time.sleep(0.3)
        victims = worker_pids()
        self.assertTrue(victims)
        os.kill(victims[0], signal.SIGKILL)
        time.sleep(0.2)
        more = [p for p in worker_pids() if p != victims[0]]
        if more:
            os.kill(more[0], signal.SIGKILL)
        for t in threads:
            t.join()
        self.assertGreater(len(created), 100, failed)
        # every 201 has its row, with its instance and outbox row
        ids = "', '".join(created)
        self.assertEqual(count("concern", "public_id IN ('%s')" % ids),
                         len(created))
        self.assertEqual(count("outbox o JOIN concern c ON c.id = o.concern_id",
                               "c.public_id IN ('%s')" % ids), len(created))
        # killed requests fail visibly (502), never half-written
        for f in failed:
            self.assertIn(f, (502, 503, "exception"))
        self.assertEqual(count("concern c LEFT JOIN outbox o ON "
                               "o.concern_id = c.id", "o.id IS NULL"), 0)
        # the master replaced them
        self.assertTrue(wait_for(lambda: len(worker_pids()) == 3))
        self.assertGreaterEqual(restarts(), before + 1)

    def test_sigterm_lets_inflight_requests_finish(self):
        """A login takes a worker ~0.1 s (argon2): stop the server while
        many are in flight; each one a worker took must get its whole
        answer. Later ones find the socket gone (nginx: connect failed),
        but none may be cut off ("upstream prematurely closed")."""
        from stafett_test import BIN, Client
        errlog = os.path.join(DIR, "log/nginx-error.log")
        mark = os.path.getsize(errlog)
        results = []
        lock = threading.Lock()

        def login():
            from stafett_test import csrf_of, password
            c = Client()
            for _ in range(4):
                page = c.get("/login")
                if page.status != 200:
                    status = page.status
                else:
                    status = c.post("/login", [
                        ("csrf", csrf_of(page.text)), ("username", "ansatt"),
                        ("password", password("ansatt"))]).status
                with lock:
                    results.append(status)

        threads = [threading.Thread(target=login) for _ in range(8)]
        for t in threads:
            t.start()
        time.sleep(0.25)
        master = master_pid()
        os.kill(master, signal.SIGTERM)
        for t in threads:
            t.join()
        self.assertTrue(wait_for(lambda: not os.path.exists(
            os.path.join(DIR, "run/stafett.sock")), timeout=30))
        try:
            self.assertIn(303, results)
            for s in results:
                self.assertIn(s, (303, 502), results)
            with open(errlog, encoding="utf-8", errors="replace") as f:
                f.seek(mark)
                added = f.read()
            self.assertNotIn("prematurely closed", added)
            self.assertTrue(wait_for(lambda: "]: stopped" in app_log()))
        finally:
            stack("stack_app_stop")
            stack("stack_app_start", BIN)
        self.assertTrue(wait_for(lambda: api("GET", "/healthz").status ==
                                 200))

    def test_broken_form_is_refused_on_reload(self):
        forms = os.path.join(DIR, "forms")
        broken = os.path.join(forms, "broken.xml")
        with open(broken, "w") as f:
            f.write('<form xmlns="urn:x-stafett:form" id="broken" '
                    'version="1"><title>x</title></form>')
        try:
            os.kill(master_pid(), signal.SIGHUP)
            self.assertTrue(wait_for(lambda: "reload refused" in app_log()))
            self.assertIn("form '%s' line 1: the form has no model" % broken,
                          app_log())
            # the old definitions stay in service
            r = api("GET", "/api/v1/forms/concern", token("ansatt"))
            self.assertEqual(r.status, 200)
        finally:
            os.unlink(broken)
        self.assertTrue(reload_and_wait())
        self.assertEqual(api("GET", "/api/v1/forms/concern",
                             token("ansatt")).status, 200)


if __name__ == "__main__":
    unittest.main()
