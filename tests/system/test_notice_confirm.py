"""Recording that a notice to a partner arrived when the partner said so
another way than with a receipt (h_notice.c): only the sender and the
log's holder may; the notice becomes acknowledged, its alert goes away,
the timeline and the audit say who and how, in one transaction; a
notice not waiting for a receipt is a 409, bad input a 422, and neither
changes anything."""
import unittest

from caselog_fixtures import day, instance, log_row_id, login, open_log, \
    user_id
from stafett_test import api, csrf_of, sql, sql_value, token

PARTNER = "Bekreftelsestest BUP"


def xml(**fields):
    return "<input>%s</input>" % "".join(
        "<%s>%s</%s>" % (k, v, k) for k, v in fields.items())


class NoticeConfirm(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        # A paused partner: notify sends it nothing, whatever else the
        # suite routes.
        sql("INSERT IGNORE INTO partner (public_id, name, kind, endpoint,"
            " auth, accepts, status) VALUES ('ConfirmTestPartner0000',"
            " '%s', 'bup', 'https://bup.invalid/in', 'bearer', 'referral',"
            " 'paused')" % PARTNER)
        cls.holder = login("ansatt")
        cls.log, _ = open_log(cls.holder, "Kvittert Telefonsen")
        cls.lid = log_row_id(cls.log)
        cls.n = 0

    def notice(self, sender="ansatt", lid=None):
        """A referral delivered two days ago and not acknowledged, with
        its alert raised (in the log lid, else the class's): its public
        id."""
        NoticeConfirm.n += 1
        pid = ("ConfirmNotice%03d" % self.n).ljust(22, "x")
        sql("INSERT INTO outbox (public_id, kind, idempotency_key, status,"
            " partner_id, message_type, attempts, delivered_at, log_id,"
            " sender_id) SELECT '%s', 'referral', '%s', 'delivered', id,"
            " 'referral', 1, NOW(6) - INTERVAL 2 DAY, %d, %d FROM partner"
            " WHERE name = '%s'" % (pid, pid.ljust(43, "k"), lid or self.lid,
                                    user_id(sender), PARTNER))
        sql("INSERT INTO delivery_alert (kind, partner_id, outbox_id, since)"
            " SELECT 'unacknowledged', partner_id, id, delivered_at FROM"
            " outbox WHERE public_id = '%s'" % pid)
        return pid

    def state(self, pid):
        return sql("SELECT o.status, o.acknowledged_at IS NOT NULL,"
                   " (SELECT COUNT(*) FROM delivery_alert a WHERE"
                   " a.outbox_id = o.id AND a.cleared_at IS NULL),"
                   " (SELECT COUNT(*) FROM audit a WHERE a.object_type ="
                   " 'notice' AND a.object_id = o.id AND a.action ="
                   " 'update') FROM outbox o WHERE o.public_id = '%s'"
                   % pid)[0]

    def events(self):
        return int(sql_value("SELECT COUNT(*) FROM case_event WHERE"
                             " log_id = %d" % self.lid))

    def test_the_sender_records_it_in_the_browser(self):
        pid = self.notice()
        home = self.holder.get("/")
        self.assertIn('href="/notices/%s/confirm"' % pid, home.text)
        page = self.holder.get("/notices/%s/confirm" % pid)
        self.assertEqual(page.status, 200)
        self.assertIn(PARTNER, page.text)
        csrf = csrf_of(page.text)
        # without a word of how, or too long: 422, what was typed kept,
        # nothing written
        before = self.events()
        r = self.holder.post("/notices/%s/confirm" % pid,
                             [("csrf", csrf), ("how", "")])
        self.assertEqual(r.status, 422)
        self.assertIn("Skriv hvordan du vet at den har kommet fram", r.text)
        self.assertIn('aria-invalid="true"', r.text)
        too_long = "x" * 501
        r = self.holder.post("/notices/%s/confirm" % pid,
                             [("csrf", csrf), ("how", too_long)])
        self.assertEqual(r.status, 422)
        self.assertIn(too_long, r.text)
        self.assertEqual(self.state(pid), ["delivered", "0", "1", "0"])
        self.assertEqual(self.events(), before)
        # recorded: acknowledged, the alert gone, audited, in the timeline
        r = self.holder.post("/notices/%s/confirm" % pid, [
            ("csrf", csrf), ("how", "Ringte BUP i dag; de har den.")])
        self.assertEqual(r.status, 303, r.text)
        self.assertEqual(r.header("Location"),
                         "/logs/%s#notice-%s" % (self.log, pid))
        self.assertEqual(self.state(pid), ["acknowledged", "1", "0", "1"])
        self.assertEqual(self.events(), before + 1)
        # stored as a message, its English words the summary; the
        # holder's page says it in bokmål, what they wrote as written
        self.assertEqual(sql(
            "SELECT msg, summary FROM case_event WHERE log_id = %d ORDER BY"
            " id DESC LIMIT 1" % self.lid),
            [["{0} has received the notice: {1}",
              "%s has received the notice: Ringte BUP i dag; de har den."
              % PARTNER]])
        self.assertIn("%s har mottatt meldingen: Ringte BUP i dag; de har"
                      " den." % PARTNER,
                      self.holder.get("/logs/%s" % self.log).text)
        self.assertNotIn('href="/notices/%s/confirm"' % pid,
                         self.holder.get("/").text)
        # once: a second time is a conflict and writes nothing
        r = self.holder.post("/notices/%s/confirm" % pid, [
            ("csrf", csrf), ("how", "Igjen.")])
        self.assertEqual(r.status, 409)
        self.assertEqual(self.events(), before + 1)
        self.assertEqual(self.state(pid), ["acknowledged", "1", "0", "1"])

    def test_the_api(self):
        pid = self.notice()
        t = token("ansatt")
        r = api("POST", "/api/v1/notices/%s/confirm" % pid, t, xml(how=""))
        self.assertEqual(r.status, 422)
        self.assertIn('path="how"', r.text)
        r = api("POST", "/api/v1/notices/%s/confirm" % pid, t,
                xml(how="BUP bekreftet på e-post."))
        self.assertEqual(r.status, 200, r.text)
        self.assertEqual(r.header("Location"), "/api/v1/logs/%s" % self.log)
        self.assertEqual(self.state(pid), ["acknowledged", "1", "0", "1"])
        self.assertEqual(api("POST", "/api/v1/notices/%s/confirm" % pid, t,
                             xml(how="Igjen.")).status, 409)

    def test_only_the_sender_or_the_holder(self):
        pid = self.notice(sender="helsesykepleier")
        # the holder may (the log is theirs), though someone else sent it
        self.assertEqual(self.holder.get("/notices/%s/confirm" % pid).status,
                         200)
        # nobody else, and they learn nothing: the same as no notice
        for who in ("leder", "ansatt2", "admin"):
            r = api("POST", "/api/v1/notices/%s/confirm" % pid, token(who),
                    xml(how="Jeg vet ikke."))
            self.assertIn(r.status, (403, 404), (who, r.text))
        # the sender, who takes no part in the log, may not write in it
        r = api("POST", "/api/v1/notices/%s/confirm" % pid,
                token("helsesykepleier"), xml(how="Jeg sendte den."))
        self.assertIn(r.status, (403, 404), r.text)
        r = api("POST", "/api/v1/notices/%s/confirm" % ("N" * 22),
                token("ansatt"), xml(how="Finnes ikke."))
        self.assertEqual(r.status, 404)
        self.assertEqual(self.state(pid), ["delivered", "0", "1", "0"])

    def test_not_in_a_closed_log(self):
        log, _ = open_log(self.holder, "Lukket Kvittersen")
        pid = self.notice(lid=log_row_id(log))
        r = api("POST", "/api/v1/forms/closing?log=%s" % log,
                token("ansatt"), instance("closing", {"date": day(0)}))
        self.assertEqual(r.status, 201, r.text)
        events = sql_value("SELECT COUNT(*) FROM case_event WHERE log_id ="
                           " %d" % log_row_id(log))
        r = api("POST", "/api/v1/notices/%s/confirm" % pid, token("ansatt"),
                xml(how="Ringte dem."))
        self.assertEqual(r.status, 409, r.text)
        self.assertEqual(sql_value("SELECT COUNT(*) FROM case_event WHERE"
                                   " log_id = %d" % log_row_id(log)), events)
        self.assertEqual(sql_value("SELECT status FROM outbox WHERE"
                                   " public_id = '%s'" % pid), "delivered")


if __name__ == "__main__":
    unittest.main()
