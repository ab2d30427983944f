"""partners.py: a partner registered with stafett for the system tests,
served by the fake partner (fake_partner.py) at a path of its own, with
every secret in place: the keys notices are signed and sent with, and
the token and key its receipts are answered with."""
import hashlib
import hmac
import os
import time
import unittest

from caselog_fixtures import login
from fake_partner import FakePartner, pki
from stafett_test import DIR, FIRST, api, sql, sql_value, stafett

HMAC_KEY = "partner-test-hmac-key-0123456789abcdef"
BEARER = "partner-test-bearer-token"


class Partner:
    """A registered partner with its secrets: how it is reached (the fake
    server's path), the token and key it answers with."""

    def __init__(self, fake, path, kind="bup",
                 types=("referral", "handover", "cancellation")):
        self.path = path
        self.name = "%s %s %f" % (kind.upper(), path, time.time())
        self.pid = stafett("partner", "add", *FIRST, self.name, kind,
                           fake.url + path, "bearer", *types).stdout.strip()
        stafett("partner", "secret", self.pid, "hmac", stdin=HMAC_KEY)
        stafett("partner", "secret", self.pid, "bearer", stdin=BEARER)
        self.key = ("inbound-key-%s-0123456789abcdef" % path).encode()
        stafett("partner", "secret", self.pid, "inbound-hmac",
                stdin=self.key.decode())
        self.token = stafett("partner", "token", self.pid).stdout.strip()
        self.id = int(sql_value("SELECT id FROM partner WHERE public_id ="
                                " '%s'" % self.pid))

    def sign(self, body, key=None):
        return "sha256=" + hmac.new(key or self.key, body.encode(),
                                    hashlib.sha256).hexdigest()

    def answer(self, body, token=None, signature=None, ctype=None):
        """POSTs body as this partner (or with the token and signature
        given instead)."""
        return api("POST", "/api/v1/receipts",
                   self.token if token is None else token, body,
                   ctype=ctype or "application/xml",
                   headers={"X-Stafett-Signature":
                            signature or self.sign(body)})


class PartnerTestCase(unittest.TestCase):
    """Tests with a fake partner of their own (cls.fake) and the holder
    of their logs logged in (cls.holder). What other test files left
    waiting must not reach it: those notices are cancelled, and every
    registered partner is paused before each test (a test registers the
    one it sends to)."""

    @classmethod
    def setUpClass(cls):
        cls.pki = pki(os.path.join(DIR, "pki"))
        sql("UPDATE outbox SET status = 'cancelled' WHERE status IN"
            " ('queued', 'failed')")
        sql("UPDATE partner SET status = 'paused'")
        cls.fake = FakePartner(cls.pki)
        cls.holder = login("ansatt")

    @classmethod
    def tearDownClass(cls):
        sql("UPDATE partner SET status = 'paused'")
        cls.fake.stop()

    def setUp(self):
        sql("UPDATE partner SET status = 'paused'")
