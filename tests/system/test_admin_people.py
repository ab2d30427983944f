"""test_admin_people.py: the administrator's pages of units and people
(issue 16, item 11), and a person changing their own e-mail address.

Units and people are listed, added and changed in the browser (with
CSRF) and through the API; every refusal shows the form again (422)
with what was typed and the error linked to its field; user names and
unit codes and names are unique. Deactivating a person ends their
session and API token from the very next request, in every worker,
though workers keep tokens they trust for a second (token_cache_ms);
nobody deactivates themself or changes their own role, and two
administrators deactivating each other at once leave one. Everyone else
is refused every new route. Every change writes an audit row.

People made here have names that start with "Admintest", units codes
that start with "admintest-": unique per run, so the file can run
again on the same stack."""
import re
import threading
import time
import unittest
import urllib.parse

from stafett_test import Client, api, sql, sql_value, stafett, token

RUN = str(int(time.time() * 1000))[-9:]
SEQ = iter(range(1, 10000))


def uniq(prefix):
    return "%s%s%d" % (prefix, RUN, next(SEQ))


def english(user):
    """A browser logged in as user, with the pages in English."""
    c = Client()
    c.login(user)
    c.get("/?lang=en")
    return c


def pid_of(location):
    return urllib.parse.urlsplit(location).path.rstrip("/").rsplit("/", 1)[1]


def audit_rows(user, object_type, object_id):
    """Actions audited on the object by user, oldest first."""
    return [r[0] for r in sql(
        "SELECT a.action FROM audit a JOIN app_user u ON u.id = a.user_id"
        " WHERE u.username = '%s' AND a.object_type = '%s' AND"
        " a.object_id = %s ORDER BY a.id" % (user, object_type, object_id))]


def user_row(public_id, cols="username, display_name, role, email, active"):
    rows = sql("SELECT %s FROM app_user WHERE public_id = '%s'"
               % (cols, public_id))
    return rows[0] if rows else None


def unit_pid(code):
    return sql_value("SELECT public_id FROM unit WHERE code = '%s'" % code)


def xml_input(fields):
    from xml.sax.saxutils import escape
    return "<input>%s</input>" % "".join(
        "<%s>%s</%s>" % (k, escape(v), k) for k, v in fields)


class AdminPeopleTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.admin = english("admin")
        cls.fagerli = unit_pid("fagerli-bhg")

    def post(self, path, fields, client=None, page=None):
        c = client or self.admin
        csrf = c.csrf(page or re.sub(r"/(deactivate|reactivate)$", "",
                                     path))
        return c.post(path, [("csrf", csrf)] + list(fields))

    def refused(self, r, form, field):
        """A 422 page with the error linked to its field and marked."""
        self.assertEqual(r.status, 422, r.text[:3000])
        self.assertIn('href="#a-%s-%s"' % (form, field), r.text)
        self.assertIn('aria-invalid="true"', r.text)
        self.assertIn('class="error-summary"', r.text)

    def person(self, **change):
        """Fields of a valid new employee of Fagerli barnehage."""
        name = uniq("admintest.")
        f = {"display_name": "Admintest %s" % name, "username": name,
             "role": "employee", "unit": self.fagerli,
             "email": "%s@example.invalid" % name}
        f.update(change)
        return f

    def add_person(self, **change):
        f = self.person(**change)
        r = self.post("/admin/people", list(f.items()))
        self.assertEqual(r.status, 303, r.text[:3000])
        self.assertRegex(r.header("Location"),
                         r"^/admin/people/[A-Za-z0-9_-]{22}$")
        return pid_of(r.header("Location")), f

    def with_password(self, username):
        stafett("user", "password", username,
                stdin="test-password-%s\n" % username)

    # ------------------------------------------------------------ units

    def test_units_listed_added_and_changed(self):
        r = self.admin.get("/admin/units")
        self.assertEqual(r.status, 200)
        self.assertIn("Fagerli barnehage", r.text)
        self.assertIn('href="/admin/units/%s"' % self.fagerli, r.text)
        code = uniq("admintest-")
        good = [("code", code), ("name", "Admintest enhet " + code),
                ("kind", "school")]
        # each rule, with the field named and what was typed kept
        for field, value in (("code", ""), ("code", "Has Spaces"),
                             ("code", "x" * 41), ("name", ""),
                             ("name", "   "), ("name", "tab\there"),
                             ("kind", "bank"), ("kind", "")):
            fields = [(k, v) for k, v in good if k != field]
            fields.append((field, value))
            r = self.post("/admin/units", fields)
            self.refused(r, "new", field)
            if field != "name":
                self.assertIn('value="Admintest enhet %s"' % code, r.text)
        # unique code and name
        r = self.post("/admin/units", [("code", "fagerli-bhg"),
                                       ("name", "Admintest " + code),
                                       ("kind", "school")])
        self.refused(r, "new", "code")
        self.assertIn("Another unit has this code already", r.text)
        r = self.post("/admin/units", [("code", code),
                                       ("name", "Fagerli barnehage"),
                                       ("kind", "school")])
        self.refused(r, "new", "name")
        self.assertIn("Another unit has this name already", r.text)
        self.assertIsNone(unit_pid(code))

        r = self.post("/admin/units", good + [("external", "yes")])
        self.assertEqual(r.status, 303, r.text[:3000])
        loc = r.header("Location")
        self.assertRegex(loc, r"^/admin/units/[A-Za-z0-9_-]{22}$")
        pid = pid_of(loc)
        self.assertEqual(sql("SELECT code, name, kind, external FROM unit"
                             " WHERE public_id = '%s'" % pid),
                         [[code, "Admintest enhet " + code, "school", "1"]])
        rowid = sql_value("SELECT id FROM unit WHERE public_id = '%s'" % pid)
        self.assertEqual(audit_rows("admin", "unit", rowid), ["create"])
        # the page confirms it, once
        page = self.admin.get(loc)
        self.assertEqual(page.status, 200)
        self.assertIn('role="status"', page.text)
        self.assertIn("The unit is added", page.text)
        self.assertNotIn("The unit is added", self.admin.get(loc).text)

        # changed: the code stays whatever is sent
        r = self.post("/admin/units/" + pid, [("name", ""),
                                              ("kind", "sfo")])
        self.refused(r, "edit", "name")
        r = self.post("/admin/units/" + pid, [
            ("code", "admintest-other"), ("name", "Admintest SFO " + code),
            ("kind", "sfo")])
        self.assertEqual(r.status, 303, r.text[:3000])
        self.assertEqual(r.header("Location"),
                         "/admin/units/%s" % pid)
        self.assertEqual(sql("SELECT code, name, kind, external FROM unit"
                             " WHERE public_id = '%s'" % pid),
                         [[code, "Admintest SFO " + code, "sfo", "0"]])
        self.assertEqual(audit_rows("admin", "unit", rowid),
                         ["create", "update"])
        # the new unit is one to choose for a person
        self.assertIn('<option value="%s">' % pid,
                      self.admin.get("/admin/people").text)

    def test_unknown_ids_are_404(self):
        nobody = "A" * 22
        citizen = sql_value("SELECT public_id FROM app_user WHERE"
                            " username = 'forelder'")
        for path in ("/admin/units/" + nobody, "/admin/people/" + nobody,
                     # guardians' accounts are not the administrator's
                     "/admin/people/" + citizen):
            self.assertEqual(self.admin.get(path).status, 404, path)
        csrf = self.admin.csrf("/admin/people")
        for path in ("/admin/units/" + nobody, "/admin/people/" + nobody,
                     "/admin/people/%s/deactivate" % nobody,
                     "/admin/people/%s/reactivate" % citizen,
                     "/admin/people/%s/deactivate" % citizen,
                     "/admin/people/" + citizen):
            r = self.admin.post(path, [("csrf", csrf), ("confirm", "yes"),
                                       ("name", "X"), ("kind", "school"),
                                       ("display_name", "X"),
                                       ("username", "forelder"),
                                       ("role", "employee"),
                                       ("unit", self.fagerli)])
            self.assertEqual(r.status, 404, path)
        self.assertEqual(user_row(citizen, "role, active"),
                         ["citizen", "1"])

    # ----------------------------------------------------------- people

    def test_people_added_with_every_rule(self):
        good = self.person()
        for field, value in (("username", ""), ("username", "Kari Nilsen"),
                             ("username", "UPPER"), ("username", "x" * 65),
                             ("display_name", ""), ("display_name", " "),
                             ("role", "boss"), ("role", "citizen"),
                             ("unit", ""), ("unit", "A" * 22),
                             ("unit", "not-an-id"),
                             ("email", "not-an-address"),
                             ("email", "a b@example.no")):
            fields = dict(good, **{field: value})
            r = self.post("/admin/people", list(fields.items()))
            self.refused(r, "new", field)
            # what was typed comes back, in every field
            if field != "display_name":
                self.assertIn('value="%s"' % good["display_name"], r.text)
            if field != "email":
                self.assertIn('value="%s"' % good["email"], r.text)
        # the user name is unique, and the page says so at the field
        r = self.post("/admin/people", list(dict(
            good, username="ansatt").items()))
        self.refused(r, "new", "username")
        self.assertIn("Another person has this user name already", r.text)
        self.assertIn('id="a-new-username-error"', r.text)
        # a citizen's user name too: one namespace
        r = self.post("/admin/people", list(dict(
            good, username="forelder").items()))
        self.refused(r, "new", "username")
        self.assertEqual(sql_value("SELECT COUNT(*) FROM app_user WHERE"
                                   " username = '%s'" % good["username"]),
                         "0")

        r = self.post("/admin/people", list(good.items()))
        self.assertEqual(r.status, 303, r.text[:3000])
        pid = pid_of(r.header("Location"))
        self.assertEqual(user_row(pid, "username, display_name, role,"
                                  " email, active, password_hash IS NULL,"
                                  " unit_id = (SELECT id FROM unit WHERE"
                                  " code = 'fagerli-bhg')"),
                         [good["username"], good["display_name"],
                          "employee", good["email"], "1", "1", "1"])
        rowid = user_row(pid, "id")[0]
        self.assertEqual(audit_rows("admin", "user", rowid), ["create"])
        page = self.admin.get(r.header("Location"))
        self.assertIn("stafett user password %s" % good["username"],
                      page.text)
        self.assertIn('role="status"', page.text)
        # listed, and found by a search
        found = self.admin.get("/admin/people?q=" + good["username"])
        self.assertIn('href="/admin/people/%s"' % pid, found.text)
        self.assertNotIn("Ingrid Solberg", found.text)
        # a search's % and _ are the characters, not wildcards
        for q in ("%25", "_"):
            found = self.admin.get("/admin/people?q=" + q)
            self.assertEqual(found.status, 200)
            self.assertIn("Nobody found.", found.text)
        # an administrator needs no unit
        pid2, f2 = self.add_person(role="admin", unit="")
        self.assertEqual(user_row(pid2, "role, unit_id IS NULL"),
                         ["admin", "1"])

    def test_person_changed(self):
        pid, f = self.add_person()
        rowid = user_row(pid, "id")[0]
        stavern = unit_pid("stavern-bhg")
        new = dict(f, display_name=f["display_name"] + " Berg",
                   role="leader", unit=stavern, email="ny@example.invalid")
        # refusals name the field, keep what was typed
        r = self.post("/admin/people/" + pid, list(dict(
            new, email="nope").items()))
        self.refused(r, "edit", "email")
        self.assertIn('value="%s"' % new["display_name"], r.text)
        self.assertIn('value="nope"', r.text)
        r = self.post("/admin/people/" + pid, list(dict(
            new, username="leder").items()))
        self.refused(r, "edit", "username")
        r = self.post("/admin/people/" + pid, list(dict(
            new, role="employee", unit="").items()))
        self.refused(r, "edit", "unit")
        self.assertEqual(user_row(pid), [f["username"], f["display_name"],
                                         "employee", f["email"], "1"])
        # the same user name as before is the person's own
        r = self.post("/admin/people/" + pid, list(new.items()))
        self.assertEqual(r.status, 303, r.text[:3000])
        self.assertEqual(r.header("Location"),
                         "/admin/people/%s" % pid)
        self.assertEqual(user_row(pid), [f["username"],
                                         new["display_name"], "leader",
                                         "ny@example.invalid", "1"])
        self.assertEqual(user_row(pid, "unit_id = (SELECT id FROM unit"
                                  " WHERE code = 'stavern-bhg')"), ["1"])
        # no e-mail address at all
        r = self.post("/admin/people/" + pid, list(dict(
            new, email="").items()))
        self.assertEqual(r.status, 303)
        self.assertEqual(user_row(pid, "email IS NULL"), ["1"])
        self.assertEqual(audit_rows("admin", "user", rowid),
                         ["create", "update", "update"])

    # ----------------------------------------------------- deactivation

    def test_deactivation_ends_session_and_token_at_once(self):
        pid, f = self.add_person()
        name = f["username"]
        rowid = user_row(pid, "id")[0]
        self.with_password(name)
        person = Client()
        person.login(name, "test-password-" + name)
        tok = stafett("token", "create", name, "admintest").stdout.strip()
        self.assertEqual(person.get("/").status, 200)
        # every worker trusts the token for a while (token_cache_ms)
        for _ in range(12):
            self.assertEqual(api("GET", "/api/v1/forms", tok).status, 200)
        before = self.metric("stafett_accounts_deactivated_total")

        # the browser asks first, and nothing happens yet
        r = self.post("/admin/people/%s/deactivate" % pid, [])
        self.assertEqual(r.status, 303)
        self.assertEqual(r.header("Location"),
                         "/admin/people/%s?deactivate=confirm#confirm-title"
                         % pid)
        page = self.admin.get(r.header("Location"))
        self.assertIn("Are you sure you want to deactivate", page.text)
        self.assertEqual(user_row(pid, "active"), ["1"])
        self.assertEqual(person.get("/").status, 200)

        r = self.post("/admin/people/%s/deactivate" % pid,
                      [("confirm", "yes")])
        self.assertEqual(r.status, 303, r.text[:3000])
        done = r.header("Location")
        self.assertEqual(done, "/admin/people/%s" % pid)
        # from the very next request on, in whichever worker
        statuses = [api("GET", "/api/v1/forms", tok).status
                    for _ in range(12)]
        self.assertEqual(statuses, [401] * 12)
        r = person.get("/")
        self.assertEqual(r.status, 303)
        self.assertIn("/login", r.header("Location"))
        self.assertEqual(sql("SELECT u.active, (SELECT COUNT(*) FROM session"
                             " s WHERE s.user_id = u.id), (SELECT COUNT(*)"
                             " FROM api_token t WHERE t.user_id = u.id AND"
                             " t.revoked_at IS NULL) FROM app_user u WHERE"
                             " u.id = %s" % rowid), [["0", "0", "0"]])
        Client().login(name, "test-password-" + name, expect=401)
        self.assertEqual(self.metric("stafett_accounts_deactivated_total"),
                         before + 1)
        page = self.admin.get(done)
        self.assertIn("The person is deactivated", page.text)
        self.assertIn("/reactivate", page.text)

        # let in again: the password works, the old token does not
        r = self.post("/admin/people/%s/reactivate" % pid, [])
        self.assertEqual(r.status, 303, r.text[:3000])
        Client().login(name, "test-password-" + name)
        self.assertEqual(api("GET", "/api/v1/forms", tok).status, 401)
        self.assertEqual(audit_rows("admin", "user", rowid),
                         ["create", "update", "update"])

    def metric(self, name):
        text = Client().get("/metrics").text
        m = re.search(r"^%s (\d+)$" % name, text, re.M)
        self.assertIsNotNone(m, name)
        return int(m.group(1))

    def test_nobody_deactivates_themself_or_changes_own_role(self):
        me = sql_value("SELECT public_id FROM app_user WHERE"
                       " username = 'admin'")
        page = self.admin.get("/admin/people/" + me)
        self.assertIn("You cannot deactivate yourself", page.text)
        self.assertNotIn("/admin/people/%s/deactivate" % me, page.text)
        r = self.post("/admin/people/%s/deactivate" % me,
                      [("confirm", "yes")])
        self.assertEqual(r.status, 422)
        self.assertIn('href="#a-access-active"', r.text)
        row = user_row(me, "username, display_name, role, email, unit_id")
        r = self.post("/admin/people/" + me, [
            ("username", "admin"), ("display_name", row[1]),
            ("role", "leader"), ("unit", self.fagerli), ("email", row[3])])
        self.refused(r, "edit", "role")
        self.assertIn("You cannot change your own role", r.text)
        self.assertEqual(user_row(me, "role, active"), ["admin", "1"])
        # the API says the same
        tok = token("admin")
        r = api("POST", "/api/v1/admin/people/%s/deactivate" % me, tok,
                "<input/>")
        self.assertEqual(r.status, 422, r.text)
        self.assertEqual(user_row(me, "active"), ["1"])

    def test_two_administrators_cannot_remove_each_other(self):
        """With the seed administrator out of the way, two
        administrators deactivate each other at the same moment: the
        rows they lock make one wait for the other, so one of them is
        left (the second is refused as the last one, or no longer let
        in at all)."""
        a, fa = self.add_person(role="admin", unit="")
        b, fb = self.add_person(role="admin", unit="")
        ta = stafett("token", "create", fa["username"]).stdout.strip()
        tb = stafett("token", "create", fb["username"]).stdout.strip()
        # (the last of the municipality's: another's count for it alone)
        sql("UPDATE app_user SET active = FALSE WHERE role = 'admin' AND"
            " public_id NOT IN ('%s', '%s') AND active AND municipality_id"
            " = (SELECT m FROM (SELECT municipality_id AS m FROM app_user"
            " WHERE username = 'admin') x)" % (a, b))
        try:
            results = {}

            def go(tok, target, key):
                results[key] = api(
                    "POST", "/api/v1/admin/people/%s/deactivate" % target,
                    tok, "<input/>").status

            threads = [threading.Thread(target=go, args=(ta, b, "a")),
                       threading.Thread(target=go, args=(tb, a, "b"))]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            active = int(sql_value(
                "SELECT COUNT(*) FROM app_user WHERE public_id IN"
                " ('%s', '%s') AND active" % (a, b)))
            self.assertEqual(active, 1, results)
            self.assertEqual(sorted(results.values())[0], 200, results)
            self.assertIn(sorted(results.values())[1], (401, 422), results)
        finally:
            sql("UPDATE app_user SET active = TRUE WHERE username ="
                " 'admin'")
            sql("UPDATE app_user SET active = FALSE WHERE public_id IN"
                " ('%s', '%s')" % (a, b))

    # ------------------------------------------------------------- API

    def test_the_api(self):
        tok = token("admin")
        r = api("GET", "/api/v1/admin/units", tok)
        self.assertEqual(r.status, 200)
        self.assertIn('code="fagerli-bhg"', r.text)
        r = api("GET", "/api/v1/admin/people?q=ansatt", tok)
        self.assertEqual(r.status, 200)
        self.assertIn('username="ansatt"', r.text)
        self.assertNotIn('username="forelder"', r.text)
        f = self.person()
        body = xml_input(f.items())
        key = {"Idempotency-Key": "admintest-" + f["username"]}
        r = api("POST", "/api/v1/admin/people", tok, body, headers=key)
        self.assertEqual(r.status, 201, r.text)
        loc = r.header("Location")
        self.assertRegex(loc, r"^/api/v1/admin/people/[A-Za-z0-9_-]{22}$")
        # sent again with the key: the first answer, one person
        again = api("POST", "/api/v1/admin/people", tok, body, headers=key)
        self.assertEqual((again.status, again.header("Location")),
                         (201, loc))
        self.assertEqual(sql_value("SELECT COUNT(*) FROM app_user WHERE"
                                   " username = '%s'" % f["username"]),
                         "1")
        r = api("POST", "/api/v1/admin/people", tok, xml_input(dict(
            f, username="ansatt").items()))
        self.assertEqual(r.status, 422)
        self.assertIn('field="username"', r.text)
        pid = pid_of(loc)
        r = api("GET", loc, tok)
        self.assertEqual(r.status, 200)
        self.assertIn('sessions="0"', r.text)
        r = api("POST", loc + "/deactivate", tok, "<input/>")
        self.assertEqual(r.status, 200, r.text)
        self.assertEqual(user_row(pid, "active"), ["0"])
        code = uniq("admintest-")
        r = api("POST", "/api/v1/admin/units", tok, xml_input(
            [("code", code), ("name", "Admintest API " + code),
             ("kind", "ppt"), ("external", "false")]))
        self.assertEqual(r.status, 201, r.text)
        self.assertEqual(sql("SELECT kind, external FROM unit WHERE code ="
                             " '%s'" % code), [["ppt", "0"]])

    # -------------------------------------------------- who may at all

    def test_only_administrators(self):
        pid, _ = self.add_person()
        unit = self.fagerli
        paths = ["/admin/units", "/admin/units/" + unit, "/admin/people",
                 "/admin/people/" + pid]
        posts = paths + ["/admin/people/%s/deactivate" % pid,
                         "/admin/people/%s/reactivate" % pid]
        for user in ("ansatt", "leder", "helsesykepleier", "forelder"):
            c = Client()
            c.login(user)
            csrf = c.csrf("/")
            for path in paths:
                self.assertEqual(c.get(path).status, 403, (user, path))
            for path in posts:
                r = c.post(path, [("csrf", csrf), ("confirm", "yes"),
                                  ("name", "X"), ("kind", "school"),
                                  ("code", "admintest-x")])
                self.assertEqual(r.status, 403, (user, path))
            tok = token(user)
            for path in paths:
                self.assertEqual(api("GET", "/api/v1" + path, tok).status,
                                 403, path)
            for path in posts:
                self.assertEqual(api("POST", "/api/v1" + path, tok,
                                     "<input/>").status, 403, path)
        anon = Client()
        r = anon.get("/admin/people")
        self.assertEqual(r.status, 303)
        self.assertIn("/login", r.header("Location"))
        self.assertEqual(api("GET", "/api/v1/admin/people").status, 401)
        self.assertEqual(user_row(pid, "active"), ["1"])

    # ------------------------------------------ one's own e-mail address

    def test_own_email_address(self):
        for user in ("ansatt", "leder", "helsesykepleier", "admin",
                     "forelder"):
            home = english(user).get("/")
            self.assertIn('href="/settings/email"', home.text, user)
        pid, f = self.add_person()
        name = f["username"]
        rowid = user_row(pid, "id")[0]
        self.with_password(name)
        me = Client()
        me.login(name, "test-password-" + name)
        me.get("/?lang=en")
        page = me.get("/settings/email")
        self.assertIn('value="%s"' % f["email"], page.text)
        csrf = me.csrf("/settings/email")
        r = me.post("/settings/email/address", [("csrf", csrf),
                                                ("email", "not an address")])
        self.assertEqual(r.status, 422)
        self.assertIn('value="not an address"', r.text)
        self.assertIn('id="email-error"', r.text)
        self.assertIn('href="#email"', r.text)
        self.assertEqual(user_row(pid, "email"), [f["email"]])
        r = me.post("/settings/email/address", [
            ("csrf", csrf), ("email", "mitt.nye@example.invalid")])
        self.assertEqual(r.status, 303, r.text[:2000])
        self.assertEqual(r.header("Location"),
                         "/settings/email?saved=address")
        self.assertEqual(user_row(pid, "email"),
                         ["mitt.nye@example.invalid"])
        page = me.get(r.header("Location"))
        self.assertIn("Your e-mail address is saved", page.text)
        r = me.post("/settings/email/address", [("csrf", csrf),
                                                ("email", "")])
        self.assertEqual(r.status, 303)
        self.assertEqual(user_row(pid, "email IS NULL"), ["1"])
        # audited as the person's own change
        self.assertEqual(audit_rows(name, "user", rowid),
                         ["update", "update"])
        # and without the form's token, nothing
        r = me.post("/settings/email/address", [("email", "x@example.no")])
        self.assertEqual(r.status, 403)
        self.assertEqual(user_row(pid, "email IS NULL"), ["1"])

    # ------------------------------------------------- the start page

    def test_the_start_page_promises_what_exists(self):
        home = self.admin.get("/").text
        for href in ("/admin/people", "/admin/units", "/admin/partners",
                     "/admin/guide", "/settings/email"):
            self.assertIn('href="%s"' % href, home)
            if href.startswith("/admin/"):
                self.assertEqual(self.admin.get(href).status, 200, href)
        self.assertNotIn("units, users and forms", home)


if __name__ == "__main__":
    unittest.main()
