"""test_receipts.py: partners answering notices (issue 5): POST
/api/v1/receipts with the partner's own token and signature, the answer
on the case for those who read the log, every refusal changing nothing,
repeats answered once; and the messages that follow a notice to the
partner that had it: the handover notice when the baton moves, the
cancellation when the consent is withdrawn or the log closed.

The fake partner (fake_partner.py) receives the notices over HTTPS; the
tests answer them as the partner would, from what it received."""
import datetime
import hashlib
import hmac
import unittest
import uuid
import xml.etree.ElementTree as ET

from caselog_fixtures import child_of, day, events, give_consent, \
    instance, login, open_log, user_pid
from partners import HMAC_KEY, Partner, PartnerTestCase
from stafett_test import api, sql, sql_value, stafett, token, wait_for

MSG = "{urn:x-stafett:message:1}"
RNS = "urn:x-stafett:receipt:1"
BIRTH = "2016-09-02"


def receipt(notice, answer, sent=None, nonce=None):
    """A receipt document, sent now with a nonce of its own (or the ones
    given); answer is the inner XML of the answer."""
    sent = sent or datetime.datetime.now(datetime.timezone.utc).strftime(
        "%Y-%m-%dT%H:%M:%SZ")
    nonce = nonce or uuid.uuid4().hex
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<receipt xmlns="%s" version="1"><notice>%s</notice>'
            '<sent>%s</sent><nonce>%s</nonce>%s'
            '</receipt>' % (RNS, notice, sent, nonce, answer))


def accepted(ref, text=None):
    return "<accepted><reference>%s</reference>%s</accepted>" % (
        ref, "<text>%s</text>" % text if text else "")


def notice_row(oid):
    return dict(zip(
        ("status", "ref", "public_id", "partner_id", "acknowledged"),
        sql("SELECT status, IFNULL(partner_ref, ''), public_id, partner_id,"
            " acknowledged_at IS NOT NULL FROM outbox WHERE id = %s"
            % oid)[0]))


class ReceiptTest(PartnerTestCase):

    def partner(self, path, types=("referral", "handover", "cancellation")):
        return Partner(self.fake, path, "bup", types)

    def settle(self, where, statuses, timeout=25):
        """Runs notify once and waits for the rows to reach a state."""
        stafett("notify", "--once")
        ok = wait_for(lambda: all(
            r[0] in statuses for r in sql("SELECT status FROM outbox WHERE"
                                          " %s" % where)) and sql(
            "SELECT 1 FROM outbox WHERE %s" % where), timeout=timeout,
            interval=0.2)
        self.assertTrue(ok, sql("SELECT id, kind, status, last_error FROM"
                                " outbox WHERE %s" % where))

    def referral(self, name, partner, answer="receipt",
                 services="bup health_clinic"):
        """A log with a consent covering BUP and a referral delivered to
        partner; returns the log, the consent and the outbox row id."""
        self.fake.script(partner.path, [answer])
        log, _ = open_log(self.holder, name, BIRTH)
        consent = give_consent("ansatt", log, name, BIRTH, services)
        r = api("POST", "/api/v1/forms/referral?log=%s" % log,
                token("ansatt"), instance("referral", dict(
                    child_of(name, BIRTH), recipient="bup")))
        self.assertEqual(r.status, 201, r.text)
        oid = sql_value("SELECT o.id FROM outbox o JOIN relay_log l ON"
                        " l.id = o.log_id WHERE l.public_id = '%s' AND"
                        " o.kind = 'referral'" % log)
        self.settle("id = %s" % oid, ("delivered", "acknowledged"))
        self.assertEqual(notice_row(oid)["partner_id"], str(partner.id))
        return log, consent, oid

    def received(self, partner, log, kind):
        """The messages of kind about log that partner received."""
        ref = sql_value("SELECT reference FROM relay_log WHERE public_id ="
                        " '%s'" % log)
        out = []
        for m in self.fake.seen(partner.path):
            root = ET.fromstring(m["body"])
            if root.tag == MSG + kind and root.findtext(
                    MSG + "header/" + MSG + "log") == ref:
                out.append((root, m))
        return out

    def notice_id(self, partner, log):
        """The notice's id as the partner knows it: from its message."""
        got = self.received(partner, log, "referral")
        self.assertEqual(len(got), 1)
        return got[0][0].findtext(MSG + "header/" + MSG + "notice")

    def state(self, oid):
        """Everything an answer could change, to prove one did not."""
        return {
            "notice": notice_row(oid),
            "answers": sql("SELECT kind, IFNULL(reference, ''),"
                           " IFNULL(text, '') FROM notice_answer WHERE"
                           " outbox_id = %s ORDER BY id" % oid),
            "events": sql_value("SELECT COUNT(*) FROM case_event e JOIN"
                                " outbox o ON o.log_id = e.log_id WHERE"
                                " o.id = %s" % oid),
            "audit": sql_value("SELECT COUNT(*) FROM audit WHERE role ="
                               " 'partner'"),
        }

    # ------------------------------------------------------ the answer

    def test_accepted_answer_is_on_the_case_for_its_readers(self):
        bup = self.partner("/bup-accept")
        log, _, oid = self.referral("Tiril Aas", bup, answer=204)
        self.assertEqual(notice_row(oid)["status"], "delivered")
        notice = self.notice_id(bup, log)
        self.assertEqual(notice, notice_row(oid)["public_id"])
        body = receipt(notice, accepted("BUP-2026-0042",
                                        "Time til vurdering 3. mars."))
        r = bup.answer(body)
        self.assertEqual(r.status, 201, r.text)
        doc = r.xml()
        self.assertEqual(doc.tag, "answer")
        self.assertEqual(doc.get("notice"), notice)
        self.assertEqual(doc.get("kind"), "accepted")
        self.assertEqual(doc.get("notice-status"), "acknowledged")
        self.assertIsNone(doc.get("repeat"))
        row = notice_row(oid)
        self.assertEqual((row["status"], row["ref"], row["acknowledged"]),
                         ("acknowledged", "BUP-2026-0042", "1"))
        self.assertEqual(sql("SELECT kind, reference, text, partner_id FROM"
                             " notice_answer WHERE outbox_id = %s" % oid),
                         [["accepted", "BUP-2026-0042",
                           "Time til vurdering 3. mars.", str(bup.id)]])
        answered = events(log, "answer")
        self.assertEqual(len(answered), 1)
        self.assertIn(bup.name, answered[0][1])
        self.assertIn("BUP-2026-0042", answered[0][1])
        self.assertEqual(sql_value(
            "SELECT COUNT(*) FROM audit a JOIN notice_answer n ON n.id ="
            " a.object_id WHERE a.object_type = 'notice_answer' AND"
            " a.role = 'partner' AND a.action = 'create' AND a.user_id IS"
            " NULL AND a.partner_id = %d AND n.outbox_id = %s AND"
            " a.child_id = (SELECT child_id FROM relay_log WHERE public_id"
            " = '%s')" % (bup.id, oid, log)), "1")
        # ... and the access log names it (the holder and the guardians
        # read that)
        access = api("GET", "/api/v1/logs/%s/access" % log,
                     token("ansatt")).xml()
        self.assertEqual([(e.get("by"), e.get("role"), e.get("action"))
                          for e in access.iter("entry")
                          if e.get("object") == "notice_answer"],
                         [(bup.name, "partner", "create")])
        # the holder sees who answered what, on the page and in the API
        page = self.holder.get("/logs/%s" % log)
        self.assertEqual(page.status, 200)
        for text in (bup.name, "BUP-2026-0042", "Time til vurdering 3. mars.",
                     'id="notice-%s"' % notice):
            self.assertIn(text, page.text)
        x = api("GET", "/api/v1/logs/%s" % log, token("ansatt")).xml()
        n = x.find(".//notices/notice[@id='%s']" % notice)
        self.assertEqual(n.get("partner"), bup.name)
        self.assertEqual(n.get("partner-ref"), "BUP-2026-0042")
        self.assertEqual(n.find("answer").get("kind"), "accepted")
        self.assertEqual(n.find("answer").text, "Time til vurdering 3. mars.")
        # an employee with no part in the case sees none of it
        for user in ("ansatt2", "laerer"):
            for r in (login(user).get("/logs/%s" % log),
                      api("GET", "/api/v1/logs/%s" % log, token(user))):
                self.assertEqual(r.status, 404, user)
                self.assertNotIn("BUP-2026-0042", r.text)
                self.assertNotIn("Time til vurdering", r.text)
        # the same answer again: 200, and nothing twice
        before = self.state(oid)
        again = bup.answer(body)
        self.assertEqual(again.status, 200, again.text)
        self.assertEqual(again.xml().get("repeat"), "true")
        self.assertEqual(again.xml().get("id"), doc.get("id"))
        self.assertEqual(self.state(oid), before)
        # issue 15: a receipt is sent now and once. One sent ten
        # minutes ago is refused; its nonce with another body is a
        # replay, refused; nothing changes
        old = (datetime.datetime.now(datetime.timezone.utc) -
               datetime.timedelta(minutes=10)).strftime("%Y-%m-%dT%H:%M:%SZ")
        stale = bup.answer(receipt(notice, accepted("BUP-2026-0042"),
                                   sent=old))
        self.assertEqual(stale.status, 422, stale.text)
        self.assertEqual(stale.xml().find("error").get("path"),
                         "/receipt/sent")
        nonce = ET.fromstring(body.split("?>", 1)[1]).findtext(
            "{%s}nonce" % RNS)
        replay = bup.answer(receipt(notice, "<rejected><reason>Nei."
                                    "</reason></rejected>", nonce=nonce))
        self.assertEqual(replay.status, 409, replay.text)
        self.assertEqual(self.state(oid), before)

    def test_later_answers_replace_the_shown_one(self):
        bup = self.partner("/bup-more")
        log, _, oid = self.referral("Ask Berge", bup)
        first = notice_row(oid)
        # acknowledged by the receipt of the delivery, with its reference
        self.assertEqual(first["status"], "acknowledged")
        self.assertTrue(first["ref"].startswith("REF-"), first)
        page = self.holder.get("/logs/%s" % log).text
        self.assertIn(first["ref"], page)
        notice = self.notice_id(bup, log)
        r = bup.answer(receipt(notice, "<more_info><text>Trenger uttalelse"
                               " fra fastlege.</text></more_info>"))
        self.assertEqual(r.status, 201, r.text)
        self.assertIn("Trenger uttalelse fra fastlege.",
                      self.holder.get("/logs/%s" % log).text)
        r = bup.answer(receipt(notice, "<rejected><reason>Ikke vårt"
                               " ansvarsområde.</reason></rejected>"))
        self.assertEqual(r.status, 201, r.text)
        x = api("GET", "/api/v1/logs/%s" % log, token("ansatt")).xml()
        n = x.find(".//notices/notice[@id='%s']" % notice)
        self.assertEqual(n.find("answer").get("kind"), "rejected")
        self.assertEqual(n.find("answer").text, "Ikke vårt ansvarsområde.")
        # the reference of the delivery stays: a rejection gives none
        self.assertEqual(n.get("partner-ref"), first["ref"])
        self.assertEqual([e[1] for e in events(log, "answer")].__len__(), 2)
        self.assertEqual(sql_value("SELECT COUNT(*) FROM notice_answer"
                                   " WHERE outbox_id = %s" % oid), "2")

    def test_an_answer_after_closing_is_recorded_outside_the_timeline(self):
        """A partner may answer a referral after its log closed: the
        answer is a fact and is recorded, shown with the notice; the
        closed log's timeline, final as its archive copy, takes no
        event."""
        bup = self.partner("/bup-late")
        log, _, oid = self.referral("Sen Svar", bup)
        notice = self.notice_id(bup, log)
        r = api("POST", "/api/v1/forms/closing?log=%s" % log,
                token("ansatt"), instance("closing"))
        self.assertEqual(r.status, 201, r.text)
        timeline = events(log)
        r = bup.answer(receipt(notice, "<more_info><text>Vi trenger mer"
                               " informasjon.</text></more_info>"))
        self.assertEqual(r.status, 201, r.text)
        self.assertEqual(sql_value("SELECT COUNT(*) FROM notice_answer"
                                   " WHERE outbox_id = %s" % oid), "1")
        self.assertEqual(events(log), timeline)
        x = api("GET", "/api/v1/logs/%s" % log, token("ansatt")).xml()
        n = x.find(".//notices/notice[@id='%s']" % notice)
        self.assertEqual(n.find("answer").text, "Vi trenger mer informasjon.")

    # ------------------------------------------------------ refusals

    def test_every_refusal_changes_nothing(self):
        bup = self.partner("/bup-refuse")
        other = self.partner("/bup-other")
        sql("UPDATE partner SET status = 'paused' WHERE id = %d" % other.id)
        log, _, oid = self.referral("Une Dahl", bup, answer=204)
        notice = self.notice_id(bup, log)
        good = receipt(notice, accepted("BUP-1"))
        before = self.state(oid)
        user = token("ansatt")
        cases = [
            # who is asking
            ("no token", bup.answer(good, token=""), 401),
            ("a user's token", bup.answer(good, token=user), 401),
            ("a made-up token", bup.answer(good, token="x" * 43), 401),
            ("no signature", api("POST", "/api/v1/receipts", bup.token,
                                 good), 401),
            ("signed with the wrong key",
             bup.answer(good, signature=bup.sign(good, b"k" * 40)), 401),
            ("signed with another partner's key",
             bup.answer(good, signature=other.sign(good)), 401),
            ("signed with the notify key",
             bup.answer(good, signature=bup.sign(good, HMAC_KEY.encode())),
             401),
            ("another body than the one signed",
             bup.answer(receipt(notice, accepted("BUP-2")),
                        signature=bup.sign(good)), 401),
            ("a signature that is not hex",
             bup.answer(good, signature="sha256=" + "zz" * 32), 401),
            # which notice
            ("another partner's notice",
             other.answer(good), 404),
            ("no such notice",
             bup.answer(receipt("A" * 22, accepted("BUP-1"))), 404),
            # the document
            ("not XML", bup.answer("<receipt><notice>"), 400),
            ("a DOCTYPE", bup.answer('<!DOCTYPE receipt [<!ENTITY x "y">]>'
                                     + good), 400),
            ("not XML by its type",
             bup.answer(good, ctype="text/plain"), 415),
            ("an answer that is no answer",
             bup.answer(receipt(notice, "<maybe><text>Kanskje.</text>"
                                "</maybe>")), 422),
            ("accepted without a reference",
             bup.answer(receipt(notice, "<accepted/>")), 422),
            ("rejected without a reason",
             bup.answer(receipt(notice, "<rejected><reason> </reason>"
                                "</rejected>")), 422),
            ("not a notice id",
             bup.answer(receipt("short", accepted("BUP-1"))), 422),
            ("another version",
             bup.answer(good.replace('version="1"', 'version="2"')), 422),
        ]
        for what, r, status in cases:
            self.assertEqual(r.status, status, (what, r.text))
        self.assertEqual(self.state(oid), before)
        # what a refusal says: where and why
        bad = dict((w, r) for w, r, _ in cases)
        self.assertEqual(bad["no token"].header("WWW-Authenticate"),
                         'Bearer realm="stafett-partners"')
        # which of the two failed, for the partner's developers
        self.assertIn("X-Stafett-Signature",
                      bad["signed with the wrong key"].text)
        self.assertNotIn("X-Stafett-Signature",
                         bad["a made-up token"].text)
        errs = bad["an answer that is no answer"].xml()
        self.assertEqual(errs.tag, "errors")
        self.assertEqual([e.get("path") for e in errs.findall("error")],
                         ["/receipt/maybe"])
        errs = bad["accepted without a reference"].xml()
        self.assertEqual(errs.find("error").get("path"),
                         "/receipt/accepted/reference")
        # the same 404 whether the notice is someone else's or nobody's
        self.assertEqual(bad["another partner's notice"].xml().findtext(
            "message"), bad["no such notice"].xml().findtext("message"))
        # and in English when asked
        maybe = receipt(notice, "<maybe/>")
        r = api("POST", "/api/v1/receipts", bup.token, maybe, headers={
            "X-Stafett-Signature": bup.sign(maybe), "Accept-Language": "en"})
        self.assertEqual(r.status, 422)
        self.assertIn("accepted, rejected or more_info", r.text)
        # a new token replaces the old one
        old = bup.token
        bup.token = stafett("partner", "token", bup.pid).stdout.strip()
        self.assertEqual(bup.answer(good, token=old).status, 401)
        self.assertEqual(bup.answer(good).status, 201)

    # --------------------------------------- messages after the notice

    def two_partners(self, path, name):
        """A referral delivered to a BUP partner, while another BUP that
        was registered before it is active too: "the first active
        partner of the kind" would be that one, and it must get
        nothing. Returns both partners, the log, its consent and the
        referral's row."""
        first = self.partner(path + "-first")
        sql("UPDATE partner SET status = 'paused' WHERE id = %d" % first.id)
        bup = self.partner(path)
        log, consent, oid = self.referral(name, bup)
        sql("UPDATE partner SET status = 'active' WHERE id = %d" % first.id)
        return first, bup, log, consent, oid

    def hand_over(self, log):
        """The holder hands the log to the nurse and she accepts."""
        r = api("POST", "/api/v1/forms/handover?log=%s&to=%s" % (
            log, user_pid("helsesykepleier")), token("ansatt"),
            instance("handover", {"new_holder/name": "Nina Berg",
                                  "new_holder/unit": "helsestasjon-sentrum",
                                  "planned_date": day(7)}))
        self.assertEqual(r.status, 201, r.text)
        # nothing goes before the handover is accepted
        self.assertEqual(self.handovers(log), [])
        r = api("POST", "/api/v1/handovers/%s/accept"
                % r.header("Location").rsplit("/", 1)[1],
                token("helsesykepleier"), "<input/>")
        self.assertEqual(r.status, 200, r.text)

    def handovers(self, log):
        """The handover notices queued for the log: id, partner."""
        return sql("SELECT o.id, o.partner_id FROM outbox o JOIN relay_log"
                   " l ON l.id = o.log_id WHERE l.public_id = '%s' AND"
                   " o.kind = 'handover'" % log)

    def withdraw(self, consent):
        r = api("POST", "/api/v1/consents/%s/withdraw" % consent,
                token("ansatt"), "<input/>")
        self.assertEqual(r.status, 200, r.text)

    def test_handover_notice_goes_to_the_partner_that_had_the_referral(self):
        first, bup, log, _, _ = self.two_partners("/bup-handover",
                                                  "Vilde Moe")
        self.hand_over(log)
        rows = self.handovers(log)
        self.assertEqual([r[1] for r in rows], [str(bup.id)])
        self.settle("id = %s" % rows[0][0], ("acknowledged",))
        got = self.received(bup, log, "handover")
        self.assertEqual(len(got), 1)
        root, req = got[0]
        self.assertEqual(root.findtext(MSG + "new_holder/" + MSG + "name"),
                         "Nina Berg")
        self.assertEqual(req["headers"]["X-Stafett-Message-Type"],
                         "handover")
        self.assertEqual(req["headers"]["X-Stafett-Signature"], "sha256=" +
                         hmac.new(HMAC_KEY.encode(), req["body"],
                                  hashlib.sha256).hexdigest())
        self.assertEqual(self.received(first, log, "handover"), [])
        self.assertIn(bup.name, "".join(e[1] for e in events(log, "notice")))
        # the partner may answer the handover notice too
        r = bup.answer(receipt(root.findtext(MSG + "header/" + MSG +
                                             "notice"), accepted("BUP-9")))
        self.assertEqual(r.status, 201, r.text)

    def test_handover_goes_only_within_consent(self):
        # the referral went, then the consent ended; a handover after
        # that tells BUP nothing (the cancellation told it enough)
        bup = self.partner("/bup-nocover")
        log, consent, oid = self.referral("Eli Vang", bup)
        give_consent("ansatt", log, "Eli Vang", BIRTH, "health_clinic")
        self.withdraw(consent)
        self.hand_over(log)
        self.assertEqual(self.handovers(log), [])

    def test_consent_withdrawn_after_delivery_sends_a_cancellation(self):
        first, bup, log, consent, oid = self.two_partners("/bup-cancel",
                                                          "Sofie Lie")
        notice = self.notice_id(bup, log)
        self.withdraw(consent)
        rows = sql("SELECT id, partner_id, cancel_reason, status FROM outbox"
                   " WHERE cancels_id = %s" % oid)
        self.assertEqual([r[1:] for r in rows],
                         [[str(bup.id), "consent_withdrawn", "queued"]])
        # no consent covers BUP now, and it goes all the same
        self.settle("id = %s" % rows[0][0], ("acknowledged",))
        got = self.received(bup, log, "cancellation")
        self.assertEqual(len(got), 1)
        root, req = got[0]
        self.assertEqual(root.findtext(MSG + "cancels"), notice)
        self.assertEqual(root.findtext(MSG + "reason"), "consent_withdrawn")
        self.assertIsNone(root.find(MSG + "child"))
        self.assertEqual(self.received(first, log, "cancellation"), [])
        # the referral itself is as it was; the log shows what went
        self.assertEqual(notice_row(oid)["status"], "acknowledged")
        page = self.holder.get("/logs/%s" % log).text
        self.assertIn("notice-%s" % sql_value(
            "SELECT public_id FROM outbox WHERE id = %s" % rows[0][0]), page)
        self.assertTrue(any(bup.name in e[1] for e in events(log, "notice")))
        # closing the log later withdraws nothing twice
        r = api("POST", "/api/v1/forms/closing?log=%s" % log,
                token("ansatt"), instance("closing"))
        self.assertEqual(r.status, 201, r.text)
        self.assertEqual(sql_value("SELECT COUNT(*) FROM outbox WHERE"
                                   " cancels_id = %s" % oid), "1")

    def test_closing_the_log_sends_a_cancellation(self):
        bup = self.partner("/bup-close")
        log, _, oid = self.referral("Jens Foss", bup)
        r = api("POST", "/api/v1/forms/closing?log=%s" % log,
                token("ansatt"), instance("closing"))
        self.assertEqual(r.status, 201, r.text)
        cid = sql_value("SELECT id FROM outbox WHERE cancels_id = %s" % oid)
        self.assertEqual(sql_value("SELECT cancel_reason FROM outbox WHERE"
                                   " id = %s" % cid), "log_closed")
        timeline = events(log)
        self.settle("id = %s" % cid, ("acknowledged",))
        root, _ = self.received(bup, log, "cancellation")[0]
        self.assertEqual(root.findtext(MSG + "reason"), "log_closed")
        # the partner's receipt came after the log closed: it is recorded
        # with the notice, and the closed log's timeline, final as its
        # archive copy, stays as it was
        self.assertEqual(sql_value("SELECT acknowledged_at IS NOT NULL FROM"
                                   " outbox WHERE id = %s" % cid), "1")
        self.assertEqual(events(log), timeline)

    def test_a_partner_without_cancellations_is_not_sent_one(self):
        bup = self.partner("/bup-nocancel", types=("referral",))
        log, consent, oid = self.referral("Mari Ness", bup)
        self.withdraw(consent)
        self.assertEqual(sql_value("SELECT COUNT(*) FROM outbox WHERE"
                                   " cancels_id = %s" % oid), "0")
        told = [e[1] for e in events(log, "notice") if bup.name in e[1]]
        self.assertEqual(len(told), 1, events(log, "notice"))


    # ------------------------------------------- what the guardians see

    def test_child_welfare_withholds_a_report_from_the_guardians(self):
        """domain.md: the guardians see a report of concern unless child
        welfare says otherwise. It says so with its answer; while it
        holds, nothing of the report reaches the guardians: not in the
        log, the timeline, the notices, the access log or the archive
        copy; the holder still sees all of it."""
        cw = Partner(self.fake, "/cw", "child_welfare",
                     ("cw_report", "cancellation"))
        self.fake.script(cw.path, ["receipt"])
        name = "Skjermet Barnesen"
        log, _ = open_log(self.holder, name, BIRTH)
        sql("INSERT INTO child_person (child_id, user_id, relation) SELECT"
            " child_id, (SELECT id FROM app_user WHERE username ="
            " 'forelder'), 'guardian' FROM relay_log WHERE public_id ="
            " '%s'" % log)
        t_holder, t_parent = token("ansatt"), token("forelder")
        r = api("POST", "/api/v1/forms/cw-report?log=%s" % log, t_holder,
                instance("cw-report", dict(child_of(name, BIRTH),
                                           date=day(0))))
        self.assertEqual(r.status, 201, r.text)
        oid = sql_value("SELECT o.id FROM outbox o JOIN relay_log l ON"
                        " l.id = o.log_id WHERE l.public_id = '%s' AND"
                        " o.kind = 'cw_report'" % log)
        self.settle("id = %s" % oid, ("delivered", "acknowledged"))
        notice = notice_row(oid)["public_id"]

        def seen_by(tok):
            """Everything of the log a reader gets, as one text."""
            parts = [api("GET", path % log, tok) for path in (
                "/api/v1/logs/%s", "/api/v1/logs/%s/events",
                "/api/v1/logs/%s/access")]
            for p in parts:
                self.assertEqual(p.status, 200, p.text)
            return "".join(p.text for p in parts)

        def shown(text):
            return (cw.name in text or 'kind="cw_report"' in text or
                    'object="cw-report"' in text or notice in text)

        # shown to the guardians until child welfare says otherwise
        self.assertTrue(shown(seen_by(t_parent)))
        # an answer to anything but a report of concern cannot say it
        bup = self.partner("/bup-w")
        _, _, ref_oid = self.referral("Henvist Barnesen", bup)
        ref_notice = notice_row(ref_oid)["public_id"]
        before = sql_value("SELECT COUNT(*) FROM notice_answer")
        r = bup.answer(receipt(ref_notice, accepted("BUP-9") +
                               "<guardians>withhold</guardians>"))
        self.assertEqual(r.status, 422, r.text)
        self.assertIn('path="/receipt/guardians"', r.text)
        self.assertEqual(sql_value("SELECT COUNT(*) FROM notice_answer"),
                         before)
        # child welfare withholds it
        r = cw.answer(receipt(notice, accepted("BV-2026-77") +
                              "<guardians>withhold</guardians>"))
        self.assertEqual(r.status, 201, r.text)
        parent_sees = seen_by(t_parent)
        self.assertFalse(shown(parent_sees), parent_sees)
        self.assertNotIn("BV-2026-77", parent_sees)
        x = api("GET", "/api/v1/logs/%s" % log, t_parent).xml()
        ev = x.find(".//events")
        self.assertEqual(int(ev.get("total")), len(ev.findall("event")))
        page = login("forelder").get("/logs/%s" % log)
        self.assertEqual(page.status, 200)
        self.assertNotIn(cw.name, page.text)
        self.assertNotIn("BV-2026-77", page.text)
        # what child welfare is told later (a handover notice, made here
        # as casenotice.c makes it, with its event naming the partner)
        # does not give it away either
        lid = int(sql_value("SELECT id FROM relay_log WHERE public_id ="
                            " '%s'" % log))
        sql("INSERT INTO outbox (public_id, kind, idempotency_key, status,"
            " partner_id, message_type, attempts, delivered_at, log_id,"
            " service) VALUES ('WithheldHandover000000', 'handover', '%s',"
            " 'delivered', %d, 'handover', 1, NOW(6), %d, 'child_welfare')"
            % ("h" * 43, cw.id, lid))
        sql("INSERT INTO case_event (public_id, log_id, actor_role, kind,"
            " summary, ref_type, ref_public_id) VALUES"
            " ('WithheldHandoverEvent0', %d, 'system', 'notice',"
            " '%s is told who holds the relay log now.', 'partner', '%s')"
            % (lid, cw.name, cw.pid))
        parent_sees = seen_by(t_parent)
        self.assertFalse(shown(parent_sees), parent_sees)
        self.assertNotIn("WithheldHandover", parent_sees)
        # the holder sees all of it
        holder_sees = seen_by(t_holder)
        self.assertTrue(shown(holder_sees))
        self.assertIn("BV-2026-77", holder_sees)
        # the archive copy has everything: not for the guardians now
        r = api("POST", "/api/v1/forms/closing?log=%s" % log, t_holder,
                instance("closing", {"date": day(0)}))
        self.assertEqual(r.status, 201, r.text)
        r = api("GET", "/api/v1/logs/%s/archive" % log, t_parent)
        self.assertEqual(r.status, 403, r.text)
        self.assertNotIn(cw.name, r.text)
        self.assertEqual(api("GET", "/api/v1/logs/%s/archive" % log,
                             t_holder).status, 200)
        # child welfare lifts it: shown again, archive copy too
        r = cw.answer(receipt(notice, "<more_info><text>Vi har snakket med"
                              " foreldrene.</text></more_info>"
                              "<guardians>inform</guardians>"))
        self.assertEqual(r.status, 201, r.text)
        self.assertTrue(shown(seen_by(t_parent)))
        r = api("GET", "/api/v1/logs/%s/archive" % log, t_parent)
        self.assertEqual(r.status, 200, r.text)
        self.assertIn(cw.name, r.text)
        # the first answer again: a repeat (nothing new written), but
        # its word on the guardians holds again
        answers = sql_value("SELECT COUNT(*) FROM notice_answer")
        r = cw.answer(receipt(notice, accepted("BV-2026-77") +
                              "<guardians>withhold</guardians>"))
        self.assertEqual(r.status, 200, r.text)
        self.assertIn('repeat="true"', r.text)
        self.assertEqual(sql_value("SELECT COUNT(*) FROM notice_answer"),
                         answers)
        self.assertFalse(shown(seen_by(t_parent)))
        self.assertEqual(api("GET", "/api/v1/logs/%s/archive" % log,
                             t_parent).status, 403)


if __name__ == "__main__":
    unittest.main()
