"""test_backup.py: the restore drill (issue 19). While clients write
concerns through the API, scripts/backup makes a full and then an
incremental backup of the running stack, database and files;
scripts/restore makes a new data folder from the incremental one's
chain, elsewhere, and a second MariaDB, serve and nginx run on it with
the restored files. Every concern acknowledged before the backup began
is there, with its rows, readable through the restored service with a
token made before the backup (which needs the restored server key); the
audit trail restored is the original's, row for row."""
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import unittest
import urllib.error
import urllib.request

from stafett_test import (BIN, DIR, SRC, api, concern_xml, free_port, sql,
                          token)

CLIENTS = 4
PAUSE = 0.02   # between one client's concerns: a few hundred in all


def run(*args, env=None):
    p = subprocess.run(list(args), capture_output=True, text=True, env=env)
    if p.returncode != 0:
        raise AssertionError("%s failed:\n%s%s" % (args[0], p.stdout,
                                                    p.stderr))
    return p.stdout


class Load:
    """Clients writing concerns until stopped; what was acknowledged,
    with the time the answer came."""

    def __init__(self, tok):
        self.tok = tok
        self.acked = []          # (time of the 201, public id)
        self.errors = []
        self.stop = threading.Event()
        self.lock = threading.Lock()
        self.threads = [threading.Thread(target=self.client, args=(i,))
                        for i in range(CLIENTS)]

    def client(self, i):
        n = 0
        while not self.stop.is_set():
            n += 1
            r = api("POST", "/api/v1/forms/concern", self.tok,
                    concern_xml(child__name="Gjenoppretting %d-%d" % (i, n)),
                    headers={"Idempotency-Key": "drill-%d-%d-%f"
                             % (i, n, time.time())})
            with self.lock:
                if r.status == 201:
                    self.acked.append((time.time(),
                                       r.header("Location")[-22:]))
                else:
                    self.errors.append(r.status)
            self.stop.wait(PAUSE)

    def __enter__(self):
        for t in self.threads:
            t.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        for t in self.threads:
            t.join(60)


class RestoreDrill(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="stafett-drill-")
        cls.started = []

    @classmethod
    def tearDownClass(cls):
        r = cls.tmp + "/r"
        subprocess.run(["sh", "-c", '. "$1/scripts/stack.sh"; '
                        'stack_stop_all "$2"', "sh", SRC, r],
                       capture_output=True)
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def backup(self, kind):
        env = dict(os.environ,
                   STAFETT_BACKUP_SOCKET=DIR + "/run/db.sock",
                   STAFETT_BACKUP_DATADIR=DIR + "/db",
                   STAFETT_BACKUP_FILES="%s/secret %s/db.password"
                   % (DIR, DIR))
        return run(os.path.join(SRC, "scripts/backup"), kind,
                   self.tmp + "/backups", env=env).strip()

    def test_restore_under_load(self):
        # a writer alone in a unit of its own (fixtures.sql)
        tok = token("ovelse")
        with Load(tok) as load:
            time.sleep(1.5)
            t0 = time.time()
            full = self.backup("full")
            t_full = time.time() - t0
            time.sleep(1.0)
            began = time.time()
            inc = self.backup("incremental")
            t_inc = time.time() - began
            time.sleep(0.5)
        self.assertEqual(load.errors, [])
        before = [pid for at, pid in load.acked if at < began]
        self.assertGreater(len(before), 20, "too little load to mean much")
        self.assertTrue(inc.endswith("-inc"), inc)
        with open(inc + "/chain") as f:
            self.assertEqual(f.read().split(),
                             [os.path.basename(full), os.path.basename(inc)])
        for b in (full, inc):
            self.assertEqual(os.stat(b).st_mode & 0o077, 0, b)

        # -- elsewhere: a new data folder and the files under a new root
        r = self.tmp + "/r"
        os.makedirs(r + "/run")
        t0 = time.time()
        run(os.path.join(SRC, "scripts/restore"), inc, r + "/db",
            r + "/files")
        t_restore = time.time() - t0
        rsecret = r + "/files" + DIR + "/secret"
        rpw = r + "/files" + DIR + "/db.password"
        with open(DIR + "/secret") as a, open(rsecret) as b:
            self.assertEqual(a.read(), b.read())
        self.assertEqual(os.stat(rsecret).st_mode & 0o777, 0o600)
        port = free_port()
        env = dict(os.environ,
                   STAFETT_CONFIG=DIR + "/stafett.conf",
                   STAFETT_DB_SOCKET=r + "/run/db.sock",
                   STAFETT_DB_PASSWORD_FILE=rpw,
                   STAFETT_SECRET_FILE=rsecret,
                   STAFETT_FCGI_SOCKET=r + "/run/stafett.sock",
                   STAFETT_PID_FILE=r + "/run/stafett.pid")
        run("sh", "-c", '. "$1/scripts/stack.sh"; stack_db_start "$2" && '
            'setsid "$3" serve </dev/null >"$2/log/stafett.log" 2>&1 & '
            '. "$1/scripts/stack.sh"; '
            'stack_until test -S "$2/run/stafett.sock" && '
            'stack_nginx_start "$2" "$1" "$4" && stack_wait_healthy "$4"',
            "sh", SRC, r, BIN, str(port), env=env)

        def rsql(q):
            out = run("mariadb", "--no-defaults", "-S", r + "/run/db.sock",
                      "-u", "root", "-N", "-B", "-D", "stafett", "-e", q)
            return [line.split("\t") for line in out.splitlines()]

        # every concern acknowledged before the backup began, with its
        # child, submission, notice and audit row
        ids = "','".join(before)
        rows = rsql("SELECT c.public_id, COUNT(DISTINCT s.id), "
                    "COUNT(DISTINCT a.id) FROM concern c "
                    "JOIN form_submission s ON s.id = c.submission_id "
                    "JOIN audit a ON a.object_type = 'concern' AND "
                    "a.object_id = c.id AND a.action = 'create' "
                    "WHERE c.public_id IN ('%s') GROUP BY c.public_id" % ids)
        self.assertEqual(sorted(r_[0] for r_ in rows), sorted(before))
        self.assertTrue(all(r_[1] == "1" and r_[2] == "1" for r_ in rows))

        # the audit trail restored is the original's, row for row
        cols = ("id, at, COALESCE(user_id, ''), role, action, object_type, "
                "object_id, COALESCE(child_id, ''), request_id")
        restored = rsql("SELECT %s FROM audit ORDER BY id" % cols)
        top = restored[-1][0]
        original = sql("SELECT %s FROM audit WHERE id <= %s ORDER BY id"
                       % (cols, top))
        original_ids = {row[0] for row in original}
        self.assertTrue(set(row[0] for row in restored) <= original_ids)
        by_id = {row[0]: row for row in original}
        for row in restored:
            self.assertEqual(row, by_id[row[0]])
        # the figures of README's "Backups that restore"
        print("\ndrill: %d concerns acknowledged during the load, %d before "
              "the incremental backup began, all restored; %d audit rows "
              "restored, all identical; full backup %.1f s, incremental "
              "%.1f s, restore %.1f s" % (len(load.acked), len(before),
                                          len(restored), t_full, t_inc,
                                          t_restore), file=sys.stderr)

        # the restored service reads them, with a token made before the
        # backup: the restored server key is the one that made it
        for pid in before[:3] + before[-3:]:
            req = urllib.request.Request(
                "http://127.0.0.1:%d/api/v1/concerns/%s" % (port, pid),
                headers={"Authorization": "Bearer " + tok})
            with urllib.request.urlopen(req, timeout=30) as resp:
                self.assertEqual(resp.status, 200)
                self.assertIn(b"Gjenoppretting", resp.read())


if __name__ == "__main__":
    unittest.main()
