"""System tests: siblings' relay logs as one family (issue 20, item 2;
sql/0042_family.sql). The holder links a sibling's log she may read by
its reference; each log shows the siblings' logs only to those who may
read them, and neither timeline names the other child; a meeting for the
family is planned in each sibling's log she holds; a team with an intake
counts the family once and its children each."""
import re
import secrets
import unittest

from caselog_fixtures import (add_participant, day, give_consent, login,
                              open_log, xml_body)
from stafett_test import api, field_error, sql, sql_value, token


def reference(log):
    return sql_value("SELECT reference FROM relay_log WHERE public_id = '%s'"
                     % log)


def link(log, sibling_ref, user="ansatt"):
    return api("POST", "/api/v1/logs/%s/family" % log, token(user),
               xml_body("family", sibling=sibling_ref))


class FamilyTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.client = login("ansatt")
        tag = secrets.token_hex(2)
        cls.names = ["Søsken En %s" % tag, "Søsken To %s" % tag,
                     "Søsken Tre %s" % tag]
        cls.logs = [open_log(cls.client, n)[0] for n in cls.names]

    def test_1_linking_siblings(self):
        a, b, c = self.logs
        for ref, why in (("", "empty"), ("NOPE-0000", "no such log"),
                         (reference(a), "itself")):
            r = link(a, ref)
            self.assertEqual((r.status, field_error(r)), (422, "sibling"),
                             why)
        # a log of another holder she may not read: as if there were none
        other, _ = open_log(login("laerer"), "Annen Holder " +
                            secrets.token_hex(2))
        r = link(a, reference(other))
        self.assertEqual((r.status, field_error(r)), (422, "sibling"))
        # not the holder of a: no such log for her
        self.assertEqual(link(a, reference(b), user="laerer").status, 404)
        self.assertEqual(link(a, reference(b)).status, 200)
        self.assertEqual(link(c, reference(a)).status, 200)
        self.assertEqual(sql_value(
            "SELECT COUNT(DISTINCT family_id) FROM family_log f JOIN"
            " relay_log l ON l.id = f.log_id WHERE l.public_id IN"
            " ('%s', '%s', '%s')" % (a, b, c)), "1")
        r = link(b, reference(c))
        self.assertEqual((r.status, field_error(r)), (422, "sibling"))
        # each log names its siblings to its holder; the timeline names
        # no other child
        r = api("GET", "/api/v1/logs/" + a, token("ansatt"))
        self.assertIn(self.names[1], r.text)
        self.assertIn(self.names[2], r.text)
        self.assertEqual(sql_value(
            "SELECT COUNT(*) FROM case_event e JOIN relay_log l ON l.id ="
            " e.log_id WHERE l.public_id IN ('%s', '%s', '%s') AND"
            " e.kind = 'family' AND (e.args LIKE '%%Søsken%%' OR e.summary"
            " LIKE '%%Søsken%%')" % (a, b, c)), "0")

    def test_2_a_reader_of_one_child_learns_nothing_of_another(self):
        a, b, _ = self.logs
        # the nurse takes part in a's log only (a consent covers her)
        give_consent("ansatt", a, self.names[0], "2016-09-02",
                     "health_clinic")
        self.assertEqual(add_participant("ansatt", a,
                                         "helsesykepleier").status, 201)
        r = api("GET", "/api/v1/logs/" + a, token("helsesykepleier"))
        self.assertEqual(r.status, 200)
        self.assertNotIn(self.names[1], r.text)
        self.assertNotIn(reference(b), r.text)
        self.assertNotIn("<family", r.text)

    def test_3_a_meeting_for_the_family(self):
        a, b, c = self.logs
        r = api("POST", "/api/v1/logs/%s/meetings" % a, token("ansatt"),
                xml_body("meeting", date=day(5), time="10:00",
                         place="Familiesenteret", agenda="Hele familien",
                         siblings="true"))
        self.assertEqual(r.status, 201, r.text)
        rows = sql("SELECT l.public_id, m.family_meeting FROM meeting m JOIN"
                   " relay_log l ON l.id = m.log_id WHERE m.place ="
                   " 'Familiesenteret' AND l.public_id IN ('%s', '%s', '%s')"
                   % (a, b, c))
        self.assertEqual(sorted(x[0] for x in rows), sorted([a, b, c]))
        self.assertEqual(len({x[1] for x in rows}), 1)
        self.assertNotEqual(rows[0][1], "NULL")
        r = api("GET", "/api/v1/logs/" + b, token("ansatt"))
        self.assertIn('family-meeting="true"', r.text)
        # each sibling's log records it as its own change
        self.assertEqual(sql_value(
            "SELECT COUNT(*) FROM audit a JOIN relay_log l ON l.id ="
            " a.object_id WHERE a.object_type = 'meeting' AND a.action ="
            " 'create' AND l.public_id IN ('%s', '%s')" % (b, c)), "2")
        # meant for the family, with no sibling's log to take it: a
        # meeting of its own log only
        lone, _ = open_log(self.client, "Eget Barn " + secrets.token_hex(2))
        r = api("POST", "/api/v1/logs/%s/meetings" % lone, token("ansatt"),
                xml_body("meeting", date=day(5), time="11:00",
                         place="Alene", agenda="x", siblings="true"))
        self.assertEqual(r.status, 201, r.text)
        self.assertEqual(sql_value(
            "SELECT COUNT(*) FROM meeting WHERE place = 'Alene' AND"
            " family_meeting IS NULL"), "1")

    def test_4_a_team_counts_the_family_once(self):
        a, b, c = self.logs
        r = api("POST", "/api/v1/admin/teams", token("admin"), xml_body(
            "team", name="Familieteam " + secrets.token_hex(3),
            kind="intake", capacity="1", unit=sql_value(
                "SELECT public_id FROM unit WHERE code ="
                " 'familietjenester'")))
        self.assertEqual(r.status, 201, r.text)
        team = r.header("Location").rsplit("/", 1)[1]
        self.assertEqual(api("POST", "/api/v1/admin/teams/%s/members"
                             % team, token("admin"), xml_body(
                                 "m", person="nav",
                                 role="leader")).status, 200)
        refs = []
        for log, name in zip(self.logs, self.names):
            give_consent("ansatt", log, name, "2016-09-02",
                         "family_service")
            r = api("POST", "/api/v1/logs/%s/team-referrals" % log,
                    token("ansatt"), xml_body("r", team=team,
                                              reason="Søsken"))
            self.assertEqual(r.status, 201, r.text)
            refs.append(r.header("Location").rsplit("/", 1)[1])
        # a capacity of one family: all three siblings come in
        for ref in refs:
            r = api("POST", "/api/v1/referrals/%s/decide" % ref,
                    token("nav"), xml_body("d", decision="in"))
            self.assertEqual(r.status, 200, r.text)
        r = api("GET", "/api/v1/teams/" + team, token("nav"))
        q = re.search(r"<queue [^>]*>", r.text).group(0)
        self.assertIn('families="1"', q)
        self.assertIn('children="3"', q)
        # a child of another family does not fit
        other, _ = open_log(self.client, "Annen Familie " +
                            secrets.token_hex(2))
        give_consent("ansatt", other, "Annen Familie", "2016-09-02",
                     "family_service")
        r = api("POST", "/api/v1/logs/%s/team-referrals" % other,
                token("ansatt"), xml_body("r", team=team, reason="x"))
        ref = r.header("Location").rsplit("/", 1)[1]
        r = api("POST", "/api/v1/referrals/%s/decide" % ref, token("nav"),
                xml_body("d", decision="in"))
        self.assertEqual((r.status, field_error(r)), (422, "decision"))

    def test_5_taken_out_of_the_family(self):
        a, b, c = self.logs
        r = api("POST", "/api/v1/logs/%s/family/leave" % c, token("ansatt"),
                "<x/>")
        self.assertEqual(r.status, 200, r.text)
        r = api("GET", "/api/v1/logs/" + a, token("ansatt"))
        self.assertNotIn(self.names[2], r.text)
        self.assertEqual(api("POST", "/api/v1/logs/%s/family/leave" % c,
                             token("ansatt"), "<x/>").status, 409)


if __name__ == "__main__":
    unittest.main()
