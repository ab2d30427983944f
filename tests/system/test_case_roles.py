"""System tests: the roles the law gives on a child's case (issue 20,
item 5; sql/0035_case_role.sql, fcgi/case/caserole.c): the child
coordinator (barnekoordinator), the coordinator of the individual plan
and the responsible group (ansvarsgruppe), appointed by the holder among
the log's people, shown with their duties to everyone who reads the log,
the family too, and ended with a reason or when the person leaves."""
import re
import unittest

from caselog_fixtures import (add_participant, events, give_consent, login,
                              open_log, user_pid, xml_body)
from stafett_test import api, csrf_of, sql, sql_value, token


def appoint(user, log, role, who):
    return api("POST", "/api/v1/logs/%s/roles" % log, token(user),
               xml_body("role", role=role, user=user_pid(who)))


def end(user, log, role, who, reason="Ny organisering."):
    return api("POST", "/api/v1/logs/%s/roles/end" % log, token(user),
               xml_body("role", role=role, user=user_pid(who),
                        reason=reason))


def in_force(log, role=None):
    q = ("SELECT COUNT(*) FROM case_role r JOIN relay_log l ON l.id ="
         " r.log_id WHERE l.public_id = '%s' AND r.ended_at IS NULL" % log)
    if role:
        q += " AND r.role = '%s'" % role
    return int(sql_value(q))


def new_case(name, services="health_clinic ppt", who=("helsesykepleier",
                                                         "ppt")):
    """A log of its own, a consent covering services, who taking part."""
    c = login("ansatt")
    log, _ = open_log(c, name, "2015-03-04")
    give_consent("ansatt", log, name, "2015-03-04", services)
    for w in who:
        r = add_participant("ansatt", log, w)
        assert r.status == 201, r.text
    return c, log


def section(page, ident):
    return page.split('id="%s"' % ident, 1)[1].split("</section>", 1)[0]


class RolesTest(unittest.TestCase):

    def test_appoint_show_end(self):
        """The holder appoints a child coordinator and a group; the log
        page shows each with its duties, to the guardian too; one child
        coordinator at a time; ending one needs a reason and is in the
        timeline."""
        holder, log = new_case("Rolle Barnesen")
        self.assertEqual(appoint("ansatt", log, "child_coordinator",
                                 "helsesykepleier").status, 201)
        for who in ("ansatt", "ppt", "helsesykepleier"):
            r = appoint("ansatt", log, "group", who)
            self.assertEqual(r.status, 201, (who, r.text))
        second = appoint("ansatt", log, "child_coordinator", "ppt")
        self.assertEqual(second.status, 422, second.text)
        self.assertIn('path="user"', second.text)
        again = appoint("ansatt", log, "group", "ppt")
        self.assertEqual(again.status, 422, again.text)
        self.assertEqual(in_force(log, "child_coordinator"), 1)
        self.assertEqual(in_force(log, "group"), 3)
        roles = section(holder.get("/logs/" + log).text, "roles")
        self.assertRegex(roles, r"<dt>Barnekoordinator</dt>\s*<dd>\s*"
                         r"<strong>Nina Berg</strong>")
        self.assertIn("§ 7-2 a", roles)
        self.assertRegex(roles, r"<dt>Ansvarsgruppen</dt>")
        # the API document carries them, and the family sees them
        doc = api("GET", "/api/v1/logs/%s" % log, token("ansatt")).xml()
        codes = sorted(r.get("code") for r in doc.iter("role"))
        self.assertEqual(codes, ["child_coordinator", "group", "group",
                                 "group"])
        guardian = login("forelder")
        self.assertEqual(guardian.get("/logs/" + log).status, 404)
        sql("INSERT INTO child_person (child_id, user_id, relation) SELECT"
            " l.child_id, u.id, 'guardian' FROM relay_log l JOIN app_user u"
            " ON u.username = 'forelder' WHERE l.public_id = '%s'" % log)
        seen = section(guardian.get("/logs/" + log).text, "roles")
        self.assertRegex(seen, r"<dt>Barnekoordinator</dt>")
        self.assertRegex(seen, r"<dt>Ansvarsgruppen</dt>")
        self.assertNotIn('action="/logs/%s/roles"' % log, seen)
        # ending: a reason is needed, then it is gone and told
        r = end("ansatt", log, "child_coordinator", "helsesykepleier",
                reason="")
        self.assertEqual(r.status, 422)
        self.assertEqual(in_force(log, "child_coordinator"), 1)
        r = end("ansatt", log, "child_coordinator", "helsesykepleier")
        self.assertEqual(r.status, 200, r.text)
        self.assertEqual(in_force(log, "child_coordinator"), 0)
        r = end("ansatt", log, "child_coordinator", "helsesykepleier")
        self.assertEqual(r.status, 422, r.text)
        self.assertEqual(len(events(log, "role")), 5)
        self.assertIn("Nina Berg er oppnevnt som barnekoordinator",
                      holder.get("/logs/" + log).text)
        # now someone else may be child coordinator
        self.assertEqual(appoint("ansatt", log, "child_coordinator",
                                 "ppt").status, 201)

    def test_only_the_logs_people(self):
        """A role is given to the holder or a participant a consent
        covers; anyone else, or an unknown role, is refused by field and
        nothing is written."""
        _, log = new_case("Rolle Utenfor", services="ppt",
                          who=("ppt",))
        r = appoint("ansatt", log, "group", "leder")
        self.assertEqual(r.status, 422, r.text)
        self.assertIn('path="user"', r.text)
        r = appoint("ansatt", log, "boss", "ppt")
        self.assertEqual(r.status, 422, r.text)
        self.assertIn('path="role"', r.text)
        # a participant no consent covers any more: the consent lapsed
        # yesterday and no sweep has taken them off yet
        sql("UPDATE consent SET expires = CURRENT_DATE - INTERVAL 1 DAY"
            " WHERE log_id = (SELECT id FROM relay_log WHERE public_id ="
            " '%s')" % log)
        r = appoint("ansatt", log, "group", "ppt")
        self.assertEqual(r.status, 422, r.text)
        self.assertEqual(in_force(log), 0)

    def test_leaving_ends_the_roles(self):
        """A participant taken off the log loses their roles with it."""
        _, log = new_case("Rolle Forlater", services="ppt", who=("ppt",))
        self.assertEqual(appoint("ansatt", log, "coordinator",
                                 "ppt").status, 201)
        self.assertEqual(appoint("ansatt", log, "group", "ppt").status, 201)
        r = api("POST", "/api/v1/logs/%s/participants/remove" % log,
                token("ansatt"), xml_body("participant", user=user_pid("ppt"),
                                          reason="PPT er ferdig."))
        self.assertEqual(r.status, 200, r.text)
        self.assertEqual(in_force(log), 0)

    def test_withdrawn_consent_ends_the_roles(self):
        """When the guardians withdraw the consent, the people it let
        take part leave, and their roles end with them: the next
        coordinator can be appointed."""
        c, log = new_case("Rolle Trukket", services="ppt", who=("ppt",))
        self.assertEqual(appoint("ansatt", log, "coordinator",
                                 "ppt").status, 201)
        consent = sql_value("SELECT c.public_id FROM consent c JOIN"
                            " relay_log l ON l.id = c.log_id WHERE"
                            " l.public_id = '%s'" % log)
        r = api("POST", "/api/v1/consents/%s/withdraw" % consent,
                token("ansatt"), xml_body("withdraw",
                                          reason="Foreldrene trekker."))
        self.assertIn(r.status, (200, 201), r.text)
        self.assertEqual(in_force(log), 0)
        self.assertEqual(appoint("ansatt", log, "coordinator",
                                 "ansatt").status, 201)

    def test_browser_form(self):
        """The holder appoints from the log page; a wrong choice comes
        back with the error by the field and the choice kept."""
        holder, log = new_case("Rolle Nettleser", services="ppt",
                               who=("ppt",))
        page = holder.get("/logs/" + log).text
        self.assertIn('action="/logs/%s/roles"' % log, page)
        bad = holder.post("/logs/%s/roles" % log, [
            ("csrf", csrf_of(page)), ("role", "coordinator"), ("user", "")])
        self.assertEqual(bad.status, 422)
        self.assertIn("role-user-error", bad.text)
        self.assertRegex(bad.text, r'value="coordinator"\s+checked')
        ok = holder.post("/logs/%s/roles" % log, [
            ("csrf", csrf_of(page)), ("role", "coordinator"),
            ("user", user_pid("ansatt"))])
        self.assertEqual(ok.status, 303, ok.text[:1000])
        self.assertEqual(in_force(log, "coordinator"), 1)


if __name__ == "__main__":
    unittest.main()
