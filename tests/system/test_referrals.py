"""System tests: a family referred from its relay log to a team with an
intake, the red measure (issue 20, item 1; sql/0041_team_referral.sql).
The holder refers it when the consent names the team's unit; the team's
leader takes it in while there is room, puts it on the waiting list in
an order with the reason, or declines; the members the consent covers
take part in the log while the family is in; the weekly discussions are
recorded on the referral and in the log's timeline; it ends, and the
members it made participants stop taking part. The team sees who is in,
who waits and for how long; without the consent, not who."""
import re
import secrets
import unittest

from caselog_fixtures import (day, give_consent, login, open_log, user_id,
                              xml_body)
from stafett_test import (api, count, field_error, sql, sql_value,
                          token)


def last_id(r):
    return r.header("Location").rsplit("/", 1)[1]


def refer(log, team, reason="Flere risikofaktorer samtidig.", user="ansatt"):
    return api("POST", "/api/v1/logs/%s/team-referrals" % log, token(user),
               xml_body("referral", team=team, reason=reason))


def decide(ref, user="nav", **fields):
    return api("POST", "/api/v1/referrals/%s/decide" % ref, token(user),
               xml_body("decision", **fields))


def events(log, kind="team"):
    return [r[0] for r in sql(
        "SELECT e.msg FROM case_event e JOIN relay_log l ON l.id = e.log_id"
        " WHERE l.public_id = '%s' AND e.kind = '%s' ORDER BY e.id"
        % (log, kind))]


def participant(log, who):
    return int(sql_value(
        "SELECT COUNT(*) FROM log_participant p JOIN relay_log l ON l.id ="
        " p.log_id WHERE l.public_id = '%s' AND p.user_id = %d AND"
        " p.removed_at IS NULL" % (log, user_id(who))))


def new_team(capacity="2"):
    """An intake team of Barne- og familietjenester: NAV leads it, PPT
    and the teacher are members."""
    r = api("POST", "/api/v1/admin/teams", token("admin"), xml_body(
        "team", name="Rødt tiltak test " + secrets.token_hex(3),
        kind="intake", capacity=capacity, meets="Hver uke",
        unit=sql_value("SELECT public_id FROM unit WHERE code ="
                       " 'familietjenester'")))
    assert r.status == 201, r.text
    team = last_id(r)
    for person, role in (("nav", "leader"), ("ppt", "member"),
                         ("laerer", "member")):
        r = api("POST", "/api/v1/admin/teams/%s/members" % team,
                token("admin"), xml_body("m", person=person, role=role))
        assert r.status == 200, r.text
    return team


class ReferralTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.team = new_team()
        cls.client = login("ansatt")

    def family(self, services="family_service ppt"):
        name = "Rød Familie %s" % secrets.token_hex(2)
        log, _ = open_log(self.client, name)
        if services:
            give_consent("ansatt", log, name, "2016-09-02", services)
        return log

    def test_an_intake_team_needs_its_unit(self):
        r = api("POST", "/api/v1/admin/teams", token("admin"), xml_body(
            "team", name="Inntak uten enhet " + secrets.token_hex(2),
            kind="intake"))
        self.assertEqual((r.status, field_error(r)), (422, "unit"))
        r = api("POST", "/api/v1/admin/teams", token("admin"), xml_body(
            "team", name="Drøfting med enhet " + secrets.token_hex(2),
            kind="discussion", unit=sql_value(
                "SELECT public_id FROM unit WHERE code = 'ppt'")))
        self.assertEqual((r.status, field_error(r)), (422, "unit"))
        r = api("POST", "/api/v1/admin/teams", token("admin"), xml_body(
            "team", name="Inntak annen kommune " + secrets.token_hex(2),
            kind="intake", unit=sql_value(
                "SELECT public_id FROM unit WHERE code = 'sfj-oppvekst'")))
        self.assertEqual((r.status, field_error(r)), (422, "unit"))

    def test_referral_needs_a_consent_naming_the_team(self):
        log = self.family(services="ppt")
        r = refer(log, self.team)
        self.assertEqual((r.status, field_error(r)), (422, "team"))
        self.assertEqual(refer(log, "A" * 22).status, 422)
        log = self.family()
        r = refer(log, self.team, reason="")
        self.assertEqual((r.status, field_error(r)), (422, "reason"))
        # not the holder: no such log for them, or not theirs to refer
        self.assertEqual(refer(log, self.team, user="laerer").status, 404)
        r = refer(log, self.team)
        self.assertEqual(r.status, 201, r.text)
        ref = last_id(r)
        # once at a time
        r = refer(log, self.team)
        self.assertEqual((r.status, field_error(r)), (422, "team"))
        # the team's leaders are told, with no case named
        self.assertEqual(count("outbox", "kind = 'team.referral' AND"
                               " user_id = %d AND log_id IS NULL AND"
                               " concern_id IS NULL" % user_id("nav")) > 0,
                         True)
        self.assertEqual(events(log), ["Referred to {0}: {1}"])
        # the family reads it in the log
        r = api("GET", "/api/v1/logs/" + log, token("ansatt"))
        self.assertIn('status="referred"', r.text)
        # the team reads it; someone outside it and the log does not
        self.assertEqual(api("GET", "/api/v1/referrals/" + ref,
                             token("ppt")).status, 200)
        self.assertEqual(api("GET", "/api/v1/referrals/" + ref,
                             token("helsesykepleier")).status, 404)
        # withdrawn by the holder before it is decided
        r = api("POST", "/api/v1/referrals/%s/end" % ref, token("ansatt"),
                xml_body("e", reason="Familien flytter."))
        self.assertEqual(r.status, 200, r.text)
        self.assertEqual(sql_value("SELECT status FROM team_referral WHERE"
                                   " public_id = '%s'" % ref), "withdrawn")

    def test_the_queue_capacity_and_the_discussions(self):
        self.team = new_team()     # its queue is this test's alone
        logs = [self.family() for _ in range(3)]
        refs = []
        for log in logs:
            r = refer(log, self.team)
            self.assertEqual(r.status, 201, r.text)
            refs.append(last_id(r))
        # bad decisions, by field; a member may not decide
        for fields, field in ((dict(decision="maybe"), "decision"),
                              (dict(decision="wait"), "priority"),
                              (dict(decision="wait", priority="0",
                                    reason="x"), "priority"),
                              (dict(decision="wait", priority="2"),
                               "reason"),
                              (dict(decision="decline"), "reason")):
            r = decide(refs[0], **fields)
            self.assertEqual((r.status, field_error(r)), (422, field),
                             fields)
        self.assertEqual(decide(refs[0], "ppt", decision="in").status, 409)
        # two in: the capacity (2) is reached, the third waits
        for ref in refs[:2]:
            r = decide(ref, decision="in")
            self.assertEqual(r.status, 200, r.text)
        r = decide(refs[2], decision="in")
        self.assertEqual((r.status, field_error(r)), (422, "decision"))
        r = decide(refs[2], decision="wait", priority="1",
                   reason="Søsken av en familie i teamet.")
        self.assertEqual(r.status, 200, r.text)
        # the members the consent covers take part while the family is
        # in: PPT (named), not the teacher (her school is not)
        self.assertEqual(participant(logs[0], "ppt"), 1)
        self.assertEqual(participant(logs[0], "laerer"), 0)
        self.assertIn("Taken in by {0}: {1} take part in the relay log;"
                      " the consent does not cover {2}", events(logs[0]))
        # the leader's queue: in first, then the waiting list with its
        # place and reason, and how long
        r = api("GET", "/api/v1/teams/" + self.team, token("nav"))
        q = re.search(r"<queue [^>]*>", r.text).group(0)
        self.assertIn('families="2"', q)
        self.assertIn('waiting="1"', q)
        self.assertIn('capacity="2"', q)
        self.assertIn('priority-reason="Søsken av en familie i teamet."',
                      r.text)
        self.assertIn('days-waiting="0"', r.text)
        # staff outside the team see no queue
        r = api("GET", "/api/v1/teams/" + self.team, token("ansatt"))
        self.assertNotIn("<queue", r.text)
        # a discussion: by a member, on a family in, never ahead
        r = api("POST", "/api/v1/referrals/%s/discussions" % refs[0],
                token("ppt"), xml_body("d", date=day(1), summary="x"))
        self.assertEqual((r.status, field_error(r)), (422, "date"))
        r = api("POST", "/api/v1/referrals/%s/discussions" % refs[0],
                token("ppt"), xml_body("d", date=day(0),
                                       with_referrer="true",
                                       summary="Bedre morgener."))
        self.assertEqual(r.status, 201, r.text)
        self.assertEqual(api("POST", "/api/v1/referrals/%s/discussions"
                             % refs[2], token("ppt"), xml_body(
                                 "d", date=day(0),
                                 summary="Venter")).status, 409)
        self.assertIn("Discussed in {0} on {1}, with the one who referred"
                      " the family: {2}", events(logs[0]))
        # the family leaves: PPT stops taking part, and there is room
        r = api("POST", "/api/v1/referrals/%s/end" % refs[0], token("nav"),
                xml_body("e", reason="Målene er nådd."))
        self.assertEqual(r.status, 200, r.text)
        self.assertEqual(participant(logs[0], "ppt"), 0)
        self.assertEqual(decide(refs[2], decision="in").status, 200)
        # the referral is audited as itself
        self.assertEqual(count("audit", "action = 'create' AND object_type ="
                               " 'team_referral' AND object_id = (SELECT id"
                               " FROM team_referral WHERE public_id = '%s')"
                               % refs[0]), 1)
        # the holder was told of each decision
        self.assertGreaterEqual(count(
            "outbox", "kind = 'referral.decided' AND log_id = (SELECT id"
            " FROM relay_log WHERE public_id = '%s')" % logs[2]), 2)

    def test_without_the_consent_the_team_keeps_the_place_not_the_name(self):
        log = self.family()
        ref = last_id(refer(log, self.team))
        sql("UPDATE consent c JOIN relay_log l ON l.id = c.log_id SET"
            " c.status = 'withdrawn', c.withdrawn_at = NOW(6) WHERE"
            " l.public_id = '%s'" % log)
        r = api("GET", "/api/v1/teams/" + self.team, token("nav"))
        m = re.search(r'<referral id="%s"[^>]*>' % ref, r.text)
        self.assertIn('uncovered="true"', m.group(0))
        self.assertNotIn("child=", m.group(0))
        self.assertEqual(api("GET", "/api/v1/referrals/" + ref,
                             token("nav")).status, 404)
        self.assertEqual(decide(ref, decision="in").status, 404)

    def test_a_member_who_leaves_the_team_leaves_its_families(self):
        team = new_team()
        log = self.family()
        ref = last_id(refer(log, team))
        self.assertEqual(decide(ref, decision="in").status, 200)
        self.assertEqual(participant(log, "ppt"), 1)
        r = api("POST", "/api/v1/admin/teams/%s/members/remove" % team,
                token("admin"), xml_body("m", person="ppt"))
        self.assertEqual(r.status, 200, r.text)
        self.assertEqual(participant(log, "ppt"), 0)
        self.assertEqual(api("GET", "/api/v1/logs/" + log,
                             token("ppt")).status, 404)

    def test_an_inactive_team_takes_no_family_in(self):
        team = new_team()
        ref = last_id(refer(self.family(), team))
        r = api("POST", "/api/v1/admin/teams/" + team, token("admin"),
                xml_body("t", name="Inaktiv " + secrets.token_hex(3),
                         unit=sql_value("SELECT public_id FROM unit WHERE"
                                        " code = 'familietjenester'")))
        self.assertEqual(r.status, 200, r.text)
        self.assertEqual(decide(ref, decision="in").status, 409)
        self.assertEqual(decide(ref, decision="decline",
                                reason="Teamet er lagt ned.").status, 200)

    def test_a_closed_log_leaves_the_team(self):
        log = self.family()
        ref = last_id(refer(log, self.team))
        self.assertEqual(decide(ref, decision="wait", priority="3",
                                reason="Venter").status, 200)
        sql("UPDATE relay_log SET status = 'closed', closed_at = NOW(6)"
            " WHERE public_id = '%s'" % log)
        self.assertEqual(decide(ref, decision="decline",
                                reason="Nei").status, 409)
        self.assertEqual(api("POST", "/api/v1/referrals/%s/end" % ref,
                             token("ansatt"), xml_body(
                                 "e", reason="x")).status, 409)

    def test_the_browser_pages(self):
        log = self.family()
        page = self.client.get("/logs/" + log)
        self.assertIn('action="/logs/%s/team-referrals"' % log, page.text)
        self.assertIn('value="%s"' % self.team, page.text)
        ref = last_id(refer(log, self.team))
        n = login("nav")
        page = n.get("/teams/" + self.team)
        self.assertEqual(page.status, 200)
        self.assertIn("/referrals/" + ref, page.text)
        page = n.get("/referrals/" + ref)
        self.assertEqual(page.status, 200)
        self.assertIn('action="/referrals/%s/decide"' % ref, page.text)
        csrf = re.search(r'name="csrf" value="([^"]*)"', page.text).group(1)
        r = n.post("/referrals/%s/decide" % ref, [("csrf", csrf),
                                                 ("decision", "wait")])
        self.assertEqual(r.status, 422)
        self.assertIn('id="referral-priority"', r.text)
        self.assertIn('aria-invalid="true"', r.text)


if __name__ == "__main__":
    unittest.main()
