"""test_partners.py: the partner registry (issue 5): the CLI, the secrets
on disk, and the delivery columns of the schema."""
import os
import stat
import unittest

from stafett_test import DIR, FIRST, sql, sql_value, stafett


def add(name, *rest):
    return stafett("partner", "add", *FIRST, name, *rest).stdout.strip()


class PartnerTest(unittest.TestCase):
    def tearDown(self):
        # their endpoints do not exist: nothing may be routed to them
        sql("UPDATE partner SET status = 'paused' WHERE endpoint LIKE"
            " 'https://%.example/%'")

    def test_add_list_pause_resume(self):
        pid = add("BUP Vestfold test", "bup", "https://bup.example/in",
                  "mtls", "referral", "cancellation")
        self.assertEqual(len(pid), 22)
        row = sql("SELECT kind, endpoint, auth, accepts, status FROM partner"
                  " WHERE public_id = '%s'" % pid)[0]
        self.assertEqual(row, ["bup", "https://bup.example/in", "mtls",
                               "referral,cancellation", "active"])
        listing = stafett("partner", "list").stdout
        self.assertIn(pid + "\tBUP Vestfold test\tbup", listing)
        stafett("partner", "pause", pid)
        self.assertEqual(sql_value("SELECT status FROM partner WHERE"
                                   " public_id = '%s'" % pid), "paused")
        stafett("partner", "resume", pid)
        self.assertEqual(sql_value("SELECT status FROM partner WHERE"
                                   " public_id = '%s'" % pid), "active")
        self.assertEqual(stafett("partner", "pause", "x" * 22,
                                 check=False).returncode, 1)

    def test_refuses_bad_input(self):
        for args in (
                ("A", "bup", "http://bup.example/in", "mtls", "referral"),
                ("A", "bup", "https://u:p@bup.example/", "mtls", "referral"),
                ("A", "bank", "https://bup.example/", "mtls", "referral"),
                ("A", "bup", "https://bup.example/", "basic", "referral"),
                ("A", "bup", "https://bup.example/", "mtls", "letter"),
                ("A", "bup", "https://bup.example/", "mtls")):
            r = stafett("partner", "add", *FIRST, *args, check=False)
            self.assertEqual(r.returncode, 2, args)
            self.assertEqual(r.stdout, "")
        self.assertEqual(int(sql_value("SELECT COUNT(*) FROM partner WHERE"
                                       " name = 'A'")), 0)

    def test_secret_is_private_and_never_shown(self):
        pid = add("NAV test", "nav", "https://nav.example/in", "bearer",
                  "nav_notice")
        key = "k" * 40
        r = stafett("partner", "secret", pid, "hmac", stdin=key + "\n")
        self.assertEqual(r.stdout, "")
        self.assertNotIn(key, r.stderr)
        r = stafett("partner", "secret", pid, "bearer", stdin="tok-123\n")
        path = os.path.join(DIR, "partners", pid, "hmac")
        with open(path) as f:
            self.assertEqual(f.read(), key)
        self.assertEqual(stat.S_IMODE(os.stat(path).st_mode), 0o600)
        self.assertEqual(stat.S_IMODE(os.stat(os.path.dirname(path))
                                      .st_mode), 0o700)
        listing = stafett("partner", "list").stdout
        self.assertIn("secrets hmac bearer", listing)
        self.assertNotIn(key, listing)
        self.assertNotIn("tok-123", listing)
        # too short an HMAC key, not PEM, unknown secret, unknown partner
        self.assertEqual(stafett("partner", "secret", pid, "hmac",
                                 stdin="short", check=False).returncode, 1)
        self.assertEqual(stafett("partner", "secret", pid, "cert",
                                 stdin="not pem", check=False).returncode, 1)
        self.assertEqual(stafett("partner", "secret", pid, "pin",
                                 stdin="x", check=False).returncode, 2)
        self.assertEqual(stafett("partner", "secret", "y" * 22, "hmac",
                                 stdin=key, check=False).returncode, 1)
        with open(path) as f:
            self.assertEqual(f.read(), key)
        # no secret is in the database
        self.assertEqual(int(sql_value(
            "SELECT COUNT(*) FROM information_schema.columns WHERE"
            " table_schema = 'stafett' AND table_name = 'partner' AND"
            " column_name IN ('secret', 'token', 'hmac_key')")), 0)

    def test_every_table_and_column_commented(self):
        tables = ("partner", "delivery_attempt", "outbox")
        bare = sql("SELECT table_name, column_name FROM"
                   " information_schema.columns WHERE table_schema ="
                   " 'stafett' AND column_comment = '' AND (table_name IN"
                   " ('partner', 'delivery_attempt') OR (table_name ="
                   " 'outbox' AND column_name <> 'id'))")
        self.assertEqual(bare, [])
        for t in tables:
            self.assertNotEqual(sql_value(
                "SELECT table_comment FROM information_schema.tables WHERE"
                " table_schema = 'stafett' AND table_name = '%s'" % t), "")
        cols = [r[0] for r in sql(
            "SELECT column_name FROM information_schema.columns WHERE"
            " table_schema = 'stafett' AND table_name = 'outbox'")]
        for c in ("partner_id", "message_type", "lease_until", "claimed_by",
                  "last_http_status", "last_error", "delivered_at",
                  "acknowledged_at", "partner_ref", "dead_at"):
            self.assertIn(c, cols)


if __name__ == "__main__":
    unittest.main()
