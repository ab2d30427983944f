"""Nothing that should be permanent can be changed: the timeline, final
minutes and the forms they are made of refuse changes and deletions in
the database itself (0013_immutable.sql), for the application's account
and for the database administrator alike, as the audit trail does. What
the application legitimately does still works: a concern's events move
into the log it opens, a draft of minutes is saved again and finalised
once, a report of concern is withheld from the guardians. And a change
to the action guide is an audit row, as every administrative change."""
import os
import re
import subprocess
import unittest

from caselog_fixtures import (day, instance, log_row_id, login, new_concern,
                              open_log, xml_body, user_pid)
from stafett_test import DIR, Client, api, count, sql, sql_value, token



def run_as(account, query):
    """query run by the application's account ('app') or the database
    administrator ('admin'): the completed process (returncode, stderr)."""
    cmd = ["mariadb", "--no-defaults", "-S",
           os.path.join(DIR, "run/db.sock"), "-D", "stafett", "-N", "-B"]
    if account == "app":
        with open(os.path.join(DIR, "db.password")) as f:
            cmd += ["-u", "stafett", "-p" + f.read().strip()]
    else:
        cmd += ["-u", "root"]
    return subprocess.run(cmd + ["-e", query], capture_output=True,
                          text=True)


class Immutable(unittest.TestCase):

    def refused(self, query, why):
        for account in ("app", "admin"):
            p = run_as(account, query)
            self.assertNotEqual(p.returncode, 0, (account, query))
            self.assertIn(why, p.stderr, (account, query))

    def allowed(self, query):
        p = run_as("app", query)
        self.assertEqual(p.returncode, 0, (query, p.stderr))

    def test_the_timeline_is_append_only(self):
        c = login("ansatt")
        log, concern = open_log(c, "Varig Tidslinje")
        lid = log_row_id(log)
        cid = int(sql_value("SELECT id FROM concern WHERE public_id = '%s'"
                            % concern))
        # the application moved the concern's events into its log
        self.assertEqual(count("case_event", "concern_id = %d AND log_id"
                               " IS NULL" % cid), 0)
        ev = sql_value("SELECT MIN(id) FROM case_event WHERE log_id = %d"
                       % lid)
        why = "the timeline is append-only"
        for q in ("UPDATE case_event SET summary = 'Omskrevet' WHERE id = %s",
                  "UPDATE case_event SET summary = CONCAT(summary, ' ')"
                  " WHERE id = %s",
                  "UPDATE case_event SET at = at - INTERVAL 1 DAY"
                  " WHERE id = %s",
                  "UPDATE case_event SET log_id = NULL WHERE id = %s",
                  "DELETE FROM case_event WHERE id = %s"):
            self.refused(q % ev, why)
        # moved to another log: refused, as is an event of a concern
        # moved into a log that is not its concern's
        other, _ = open_log(c, "Annen Tidslinje")
        self.refused("UPDATE case_event SET log_id = %d WHERE id = %s"
                     % (log_row_id(other), ev), why)
        lone = new_concern(c, "Ensom Bekymring")
        lone_id = sql_value("SELECT id FROM concern WHERE public_id = '%s'"
                            % lone)
        lone_ev = sql_value("SELECT MIN(id) FROM case_event WHERE"
                            " concern_id = %s" % lone_id)
        self.refused("UPDATE case_event SET log_id = %d WHERE id = %s"
                     % (lid, lone_ev), why)
        # what the application does: the concern joins a log, and its
        # events go with it
        sql("UPDATE concern SET log_id = %d WHERE id = %s" % (lid, lone_id))
        self.allowed("UPDATE case_event SET log_id = %d WHERE concern_id = %s"
                     " AND log_id IS NULL" % (lid, lone_id))
        self.assertEqual(count("case_event", "concern_id = %s AND log_id ="
                               " %d" % (lone_id, lid)),
                         count("case_event", "concern_id = %s" % lone_id))
        # and once moved, never again
        self.refused("UPDATE case_event SET log_id = %d WHERE id = %s"
                     % (log_row_id(other), lone_ev), why)

    def test_final_minutes_are_never_changed(self):
        c = login("ansatt")
        log, _ = open_log(c, "Varig Referat")
        tok = token("ansatt")
        r = api("POST", "/api/v1/logs/%s/meetings" % log, tok,
                xml_body("meeting", date=day(1), time="09:30",
                         place="Fagerli barnehage", agenda="Status",
                         invite=[user_pid("ansatt")]))
        self.assertEqual(r.status, 201, r.text)
        meeting = sql_value("SELECT public_id FROM meeting WHERE log_id = %d"
                            % log_row_id(log))
        text = instance("minutes", {"meeting/date": day(0),
                                    "next_meeting/date": day(30)})
        # every responsible person is the holder, by id
        for placeholder in ("IngridLundFagerliSk001",
                            "NinaBergHelsestasjon01"):
            text = text.replace(">%s<" % placeholder,
                                ">%s<" % user_pid("ansatt"))
        text = re.sub(r"<start>[^<]*</start>", "<start>%s</start>" % day(0),
                      text)
        text = re.sub(r"<evaluation>[^<]*</evaluation>",
                      "<evaluation>%s</evaluation>" % day(40), text)
        r = api("POST", "/api/v1/forms/minutes?log=%s&meeting=%s"
                % (log, meeting), tok, text)
        self.assertEqual(r.status, 201, r.text)
        mpid = r.header("Location").rsplit("/", 1)[1]
        mid = sql_value("SELECT id FROM minutes WHERE public_id = '%s'"
                        % mpid)
        why = "a draft of minutes changes only its text"
        # a draft: saved again by its author (the application) ...
        r = api("POST", "/api/v1/forms/minutes?minutes=%s" % mpid, tok,
                text.replace("Status", "Status og plan", 1))
        self.assertEqual(r.status, 201, r.text)
        # ... but nothing else of it changes
        for q in ("UPDATE minutes SET log_id = log_id + 1 WHERE id = %s",
                  "UPDATE minutes SET author_id = author_id + 1"
                  " WHERE id = %s",
                  "UPDATE minutes SET finalised_at = NOW(6) WHERE id = %s",
                  "UPDATE minutes SET status = 'final' WHERE id = %s"):
            self.refused(q % mid, why)
        self.refused("DELETE FROM minutes WHERE id = %s" % mid,
                     "minutes are never deleted")
        # finalised once (the application)
        r = api("POST", "/api/v1/minutes/%s/finalise" % mpid, tok, "<f/>")
        self.assertEqual(r.status, 200, r.text)
        sub = sql_value("SELECT submission_id FROM minutes WHERE id = %s"
                        % mid)
        why = "final minutes are never changed"
        for q in ("UPDATE minutes SET status = 'draft' WHERE id = %s",
                  "UPDATE minutes SET submission_id = 1 WHERE id = %s",
                  "UPDATE minutes SET finalised_at = NOW(6) WHERE id = %s"):
            self.refused(q % mid, why)
        self.refused("DELETE FROM minutes WHERE id = %s" % mid,
                     "minutes are never deleted")
        # their text is the form they were finalised with
        self.refused("UPDATE form_submission SET instance = REPLACE(instance,"
                     " 'Status', 'Annet') WHERE id = %s" % sub,
                     "a form is kept as it was accepted")
        self.refused("DELETE FROM form_submission WHERE id = %s" % sub,
                     "a form is kept as it was accepted")
        # the one change to a form: child welfare's word on a report
        self.allowed("UPDATE form_submission SET withheld_at = NOW(6)"
                     " WHERE id = %s" % sub)
        self.allowed("UPDATE form_submission SET withheld_at = NULL"
                     " WHERE id = %s" % sub)
        # the application corrects final minutes with a new version
        r = api("POST", "/api/v1/forms/minutes?corrects=%s" % mpid, tok,
                text)
        self.assertEqual(r.status, 201, r.text)

    def test_a_change_to_the_action_guide_is_an_audit_row(self):
        admin = Client()
        admin.login("admin")
        aid = sql_value("SELECT id FROM app_user WHERE username = 'admin'")

        def audited(action):
            return count("audit", "user_id = %s AND object_type ="
                         " 'guide_step' AND action = '%s'" % (aid, action))

        before = {a: audited(a) for a in ("create", "update", "delete")}
        r = admin.post("/admin/guide/steps", [
            ("csrf", admin.csrf("/admin/guide")), ("level", "3"),
            ("title_nb", "Revisjonstest: steg"),
            ("title_en", "Audit test: step"), ("form", ""), ("days", "")])
        self.assertEqual(r.status, 303, r.text[:500])
        step, sid = sql("SELECT public_id, id FROM guide_step WHERE"
                        " title_nb = 'Revisjonstest: steg'")[0]
        self.assertEqual(audited("create"), before["create"] + 1)
        self.assertEqual(sql_value(
            "SELECT object_id FROM audit WHERE user_id = %s AND object_type"
            " = 'guide_step' ORDER BY id DESC LIMIT 1" % aid), sid)
        r = admin.post("/admin/guide/steps/%s" % step, [
            ("csrf", admin.csrf("/admin/guide")),
            ("title_nb", "Revisjonstest: endret"),
            ("title_en", "Audit test: changed"), ("form", ""),
            ("days", "10")])
        self.assertEqual(r.status, 303, r.text[:500])
        self.assertEqual(audited("update"), before["update"] + 1)
        # a refused change writes nothing
        r = admin.post("/admin/guide/steps/%s" % step, [
            ("csrf", admin.csrf("/admin/guide")), ("title_nb", ""),
            ("title_en", "x"), ("form", ""), ("days", "")])
        self.assertEqual(r.status, 422)
        r = admin.post("/admin/guide/steps/%s" % ("A" * 22), [
            ("csrf", admin.csrf("/admin/guide")), ("title_nb", "x"),
            ("title_en", "x"), ("form", ""), ("days", "")])
        self.assertEqual(r.status, 404)
        self.assertEqual(audited("update"), before["update"] + 1)
        r = admin.post("/admin/guide/steps/%s/delete" % step,
                       [("csrf", admin.csrf("/admin/guide"))])
        self.assertEqual(r.status, 303, r.text[:500])
        self.assertEqual(audited("delete"), before["delete"] + 1)
        self.assertEqual(count("guide_step", "public_id = '%s'" % step), 0)
        # the administrator's own role, and no child's data
        self.assertEqual(sql_value(
            "SELECT CONCAT(role, ':', IFNULL(child_id, '-')) FROM audit"
            " WHERE user_id = %s AND object_type = 'guide_step'"
            " ORDER BY id DESC LIMIT 1" % aid), "admin:-")


if __name__ == "__main__":
    unittest.main()
