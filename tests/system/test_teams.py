"""System tests: the municipality's discussion teams and their agendas
(issue 20, item 3; sql/0040_team.sql). The administrator keeps a team
and its members; its leader plans a meeting; an employee puts an open
concern of theirs on it; the members read the anonymous version and
record the team's advice, which goes into the concern's timeline and to
its author. A concern decided while it waits leaves every agenda, and
its members no longer read it. Bad input is refused by field and
changes nothing."""
import re
import secrets
import unittest

from caselog_fixtures import day, login, user_id, xml_body
from stafett_test import (api, concern_xml, count, csrf_of, field_error,
                          sql, sql_value, token)


def admin_team(name, kind="discussion", **fields):
    body = dict(name=name, kind=kind, purpose="Drøfter bekymringer anonymt",
                meets="Hver tredje tirsdag")
    body.update(fields)
    return api("POST", "/api/v1/admin/teams", token("admin"),
               xml_body("team", **body))


def member(team, person, role="member", user="admin"):
    return api("POST", "/api/v1/admin/teams/%s/members" % team, token(user),
               xml_body("member", person=person, role=role))


def plan(team, date, user, time="13:00", place="Personalrommet"):
    return api("POST", "/api/v1/teams/%s/meetings" % team, token(user),
               xml_body("meeting", date=date, time=time, place=place))


def last_id(r):
    return r.header("Location").rsplit("/", 1)[1]


def new_concern(user="ansatt", name="Teamprøve"):
    r = api("POST", "/api/v1/forms/concern", token(user),
            concern_xml(child__name=name))
    assert r.status == 201, r.text
    return last_id(r)


def put(concern, meeting, user="ansatt"):
    return api("POST", "/api/v1/concerns/%s/agenda" % concern, token(user),
               xml_body("agenda", meeting=meeting))


def item_of(concern):
    return sql_value("SELECT a.public_id FROM agenda_item a JOIN concern c"
                     " ON c.id = a.concern_id WHERE c.public_id = '%s'"
                     " ORDER BY a.id DESC LIMIT 1" % concern)


class TeamTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.name = "Testteam " + secrets.token_hex(3)
        r = admin_team(cls.name)
        assert r.status == 201, r.text
        cls.team = last_id(r)
        for person, role in (("helsesykepleier", "member"),
                             ("ppt", "leader")):
            r = member(cls.team, person, role)
            assert r.status == 200, r.text
        r = plan(cls.team, day(7), "ppt")
        assert r.status == 201, r.text
        cls.meeting = sql_value(
            "SELECT m.public_id FROM team_meeting m JOIN team t ON t.id ="
            " m.team_id WHERE t.public_id = '%s'" % cls.team)

    def test_the_administrator_keeps_teams_and_bad_input_is_refused(self):
        before = count("team")
        for fields, field in (
                (dict(name=""), "name"),
                (dict(name="x" * 201), "name"),
                (dict(kind="committee"), "kind"),
                (dict(capacity="5"), "capacity"),   # a discussion team
                (dict(kind="intake", capacity="0"), "capacity"),
                (dict(kind="intake", capacity="12a"), "capacity"),
                (dict(purpose="x" * 2001), "purpose"),
                (dict(name=self.name), "name")):  # taken
            body = dict(name="Nytt team " + secrets.token_hex(3))
            body.update(fields)
            r = admin_team(**body)
            self.assertEqual(r.status, 422, (fields, r.text))
            self.assertEqual(field_error(r), field, fields)
        self.assertEqual(count("team"), before)
        # an intake team with a capacity and its unit
        r = admin_team("Inntak " + secrets.token_hex(3), kind="intake",
                       capacity="10", unit=sql_value(
                           "SELECT public_id FROM unit WHERE code ="
                           " 'familietjenester'"))
        self.assertEqual(r.status, 201, r.text)
        self.assertEqual(sql_value(
            "SELECT CONCAT(kind, capacity_families) FROM team WHERE"
            " public_id = '%s'" % last_id(r)), "intake10")
        # members: staff of the municipality only
        for person in ("forelder", "sfj.ansatt", "admin", "nobody.here"):
            r = member(self.team, person)
            self.assertEqual((r.status, field_error(r)), (422, "person"),
                             person)
        r = member(self.team, "laerer", role="chair")
        self.assertEqual((r.status, field_error(r)), (422, "role"))
        # added again: the role now; ended: not a member, and the
        # membership is kept as ended
        tid = sql_value("SELECT id FROM team WHERE public_id = '%s'"
                        % self.team)
        self.assertEqual(member(self.team, "laerer").status, 200)
        self.assertEqual(member(self.team, "laerer", "leader").status, 200)
        self.assertEqual(sql("SELECT role FROM team_member WHERE team_id ="
                             " %s AND user_id = %d AND removed_at IS NULL"
                             % (tid, user_id("laerer"))), [["leader"]])
        r = api("POST", "/api/v1/admin/teams/%s/members/remove" % self.team,
                token("admin"), xml_body("member", person="laerer"))
        self.assertEqual(r.status, 200, r.text)
        self.assertEqual(sql_value(
            "SELECT COUNT(*) FROM team_member WHERE team_id = %s AND"
            " user_id = %d AND removed_at IS NOT NULL"
            % (tid, user_id("laerer"))), "1")
        # another municipality's administrator: no such team
        r = api("GET", "/api/v1/admin/teams/" + self.team,
                token("sfj.admin"))
        self.assertEqual(r.status, 404)
        # each change audited
        self.assertGreaterEqual(int(sql_value(
            "SELECT COUNT(*) FROM audit WHERE object_type = 'team' AND"
            " object_id = %s" % tid)), 5)

    def test_the_leader_plans_meetings(self):
        for date, time, place, field in (
                (day(-1), "13:00", "Rom", "date"),
                ("2027-02-30", "13:00", "Rom", "date"),
                (day(3), "24:00", "Rom", "time"),
                (day(3), "9:00", "Rom", "time"),
                (day(3), "13:00", "", "place"),
                (day(3), "13:00", "x" * 201, "place")):
            r = plan(self.team, date, "ppt", time, place)
            self.assertEqual((r.status, field_error(r)), (422, field),
                             (date, time, place))
        # a member who does not lead it, and someone outside: not theirs
        self.assertEqual(plan(self.team, day(3), "helsesykepleier").status,
                         404)
        self.assertEqual(plan(self.team, day(3), "ansatt").status, 404)
        self.assertEqual(plan(self.team, day(3), "sfj.leder").status, 404)

    def test_a_concern_discussed_anonymously(self):
        concern = new_concern(name="Ola Anonym")
        r = put(concern, self.meeting)
        self.assertEqual(r.status, 200, r.text)
        item = item_of(concern)
        # once a meeting; a meeting of no discussion team or past: refused
        r = put(concern, self.meeting)
        self.assertEqual((r.status, field_error(r)), (422, "meeting"))
        self.assertEqual(put(concern, "A" * 22).status, 422)
        # someone else's concern: not there for them
        self.assertEqual(put(concern, self.meeting, "ansatt2").status, 404)

        # the members see it on the agenda and read it anonymously
        r = api("GET", "/api/v1/teams/" + self.team,
                token("helsesykepleier"))
        self.assertIn('concern="%s"' % concern, r.text)
        self.assertIn('state="waiting"', r.text)
        r = api("GET", "/api/v1/concerns/%s/anonymous" % concern,
                token("helsesykepleier"))
        self.assertEqual(r.status, 200)
        self.assertNotIn("Ola Anonym", r.text)
        self.assertNotIn(sql_value("SELECT reference FROM concern WHERE"
                                   " public_id = '%s'" % concern), r.text)
        # the concern itself stays its author's
        self.assertEqual(api("GET", "/api/v1/concerns/" + concern,
                             token("helsesykepleier")).status, 404)
        # staff outside the team see the team, not its agenda
        r = api("GET", "/api/v1/teams/" + self.team, token("laerer"))
        self.assertEqual(r.status, 200)
        self.assertNotIn(concern, r.text)
        self.assertEqual(api("GET", "/api/v1/concerns/%s/anonymous"
                             % concern, token("laerer")).status, 404)
        # the read is audited
        self.assertGreaterEqual(int(sql_value(
            "SELECT COUNT(*) FROM audit a JOIN concern c ON c.id ="
            " a.object_id WHERE a.object_type = 'concern' AND a.action ="
            " 'read' AND c.public_id = '%s' AND a.user_id = %d"
            % (concern, user_id("helsesykepleier")))), 1)

        # the advice: empty or too long refused, by someone outside not
        # found; then recorded once
        for advice in ("", "x" * 4001):
            r = api("POST", "/api/v1/agenda/%s/advice" % item,
                    token("helsesykepleier"), xml_body("a", advice=advice))
            self.assertEqual((r.status, field_error(r)), (422, "advice"))
        self.assertEqual(api("POST", "/api/v1/agenda/%s/advice" % item,
                             token("laerer"), xml_body(
                                 "a", advice="Nei")).status, 404)
        advice = "Snakk med foreldrene, og tilby samtale med helsesykepleier."
        r = api("POST", "/api/v1/agenda/%s/advice" % item,
                token("helsesykepleier"), xml_body("a", advice=advice))
        self.assertEqual(r.status, 200, r.text)
        r = api("POST", "/api/v1/agenda/%s/advice" % item,
                token("ppt"), xml_body("a", advice="Igjen"))
        self.assertEqual(r.status, 409)
        # in the concern's timeline, and its author is told
        cid = sql_value("SELECT id FROM concern WHERE public_id = '%s'"
                        % concern)
        self.assertEqual(sql(
            "SELECT actor_role, kind FROM case_event WHERE concern_id = %s"
            " AND msg = 'Discussed anonymously in {0}: {1}'" % cid),
            [["team", "anonymous"]])
        self.assertEqual(count("outbox", "kind = 'concern.advice' AND"
                               " concern_id = %s AND user_id = %d"
                               % (cid, user_id("ansatt"))), 1)
        b = login("ansatt")
        page = b.get("/concerns/" + concern)
        self.assertIn(advice, page.text)
        self.assertIn(self.name, page.text)
        # discussed: not taken off any more
        self.assertEqual(api("POST", "/api/v1/agenda/%s/withdraw" % item,
                             token("ansatt"), "<a/>").status, 409)

    def test_a_concern_decided_leaves_the_agenda(self):
        concern = new_concern(name="Kari Avgjort")
        self.assertEqual(put(concern, self.meeting).status, 200)
        item = item_of(concern)
        r = api("POST", "/api/v1/concerns/%s/level" % concern,
                token("ansatt"), xml_body("d", decision="close",
                                          reason="Ordnet seg."))
        self.assertEqual(r.status, 200, r.text)
        r = api("GET", "/api/v1/teams/" + self.team,
                token("helsesykepleier"))
        m = re.search(r'<item id="%s"[^>]*>' % item, r.text)
        self.assertIn('state="decided"', m.group(0))
        self.assertNotIn("concern=", m.group(0))
        self.assertEqual(api("GET", "/api/v1/concerns/%s/anonymous"
                             % concern, token("helsesykepleier")).status,
                         404)
        self.assertEqual(api("POST", "/api/v1/agenda/%s/advice" % item,
                             token("helsesykepleier"), xml_body(
                                 "a", advice="For sent")).status, 404)
        self.assertEqual(sql_value("SELECT status FROM agenda_item WHERE"
                                   " public_id = '%s'" % item), "waiting")
        # and a closed concern is put on no agenda
        self.assertEqual(put(concern, self.meeting).status, 409)

    def test_its_author_takes_it_off_the_agenda(self):
        concern = new_concern(name="Per Trukket")
        self.assertEqual(put(concern, self.meeting).status, 200)
        item = item_of(concern)
        # not the members', not a colleague's
        self.assertEqual(api("POST", "/api/v1/agenda/%s/withdraw" % item,
                             token("helsesykepleier"), "<a/>").status, 404)
        self.assertEqual(api("POST", "/api/v1/agenda/%s/withdraw" % item,
                             token("ansatt2"), "<a/>").status, 404)
        r = api("POST", "/api/v1/agenda/%s/withdraw" % item,
                token("ansatt"), "<a/>")
        self.assertEqual(r.status, 200, r.text)
        self.assertEqual(sql_value("SELECT status FROM agenda_item WHERE"
                                   " public_id = '%s'" % item), "withdrawn")
        self.assertEqual(api("GET", "/api/v1/concerns/%s/anonymous"
                             % concern, token("helsesykepleier")).status,
                         404)
        self.assertEqual(api("POST", "/api/v1/agenda/%s/withdraw" % item,
                             token("ansatt"), "<a/>").status, 409)
        # put on again: a new item on the same meeting is refused, as
        # the first is still its row there
        self.assertEqual(put(concern, self.meeting).status, 422)

    def test_the_browser_pages(self):
        """The team page for a member, with the form for the advice; the
        concern page with the meetings to choose; the start page with
        the member's teams; the administrator's pages."""
        concern = new_concern(name="Nettleser Team")
        b = login("ansatt")
        page = b.get("/concerns/" + concern)
        self.assertIn('value="%s"' % self.meeting, page.text)
        r = b.post("/concerns/%s/agenda" % concern,
                   [("csrf", csrf_of(page.text)), ("meeting", "nope")])
        self.assertEqual(r.status, 422)
        self.assertIn('id="agenda-meeting"', r.text)
        self.assertIn('aria-invalid="true"', r.text)
        r = b.post("/concerns/%s/agenda" % concern,
                   [("csrf", csrf_of(page.text)),
                    ("meeting", self.meeting)])
        self.assertEqual(r.status, 303)
        item = item_of(concern)
        n = login("helsesykepleier")
        page = n.get("/teams/" + self.team)
        self.assertEqual(page.status, 200)
        self.assertIn('action="/agenda/%s/advice"' % item, page.text)
        self.assertIn("/concerns/%s/anonymous" % concern, page.text)
        r = n.post("/agenda/%s/advice" % item,
                   [("csrf", csrf_of(page.text)), ("advice", "")])
        self.assertEqual(r.status, 422)
        self.assertIn('id="advice-%s"' % item, r.text)
        home = n.get("/")
        self.assertIn(self.name, home.text)
        a = login("admin")
        self.assertIn(self.name, a.get("/admin/teams").text)
        self.assertEqual(a.get("/admin/teams/" + self.team).status, 200)


if __name__ == "__main__":
    unittest.main()
