"""test_oidc.py: logging in with ID-porten and the staff provider (issue
18), against the fake providers of fake_idp.py: the whole code flow
over real HTTP, every check of the ID token, the population register
deciding which children a guardian sees, the staff role mapping,
logging out three ways, and a fresh login before a sensitive action."""
import datetime
import html
import os
import re
import tempfile
import time
import unittest
import urllib.parse
import urllib.request

import fake_idp
from caselog_fixtures import day, login, open_log, xml_body
from stafett_test import (FIRST, api, app_log, csrf_of, nin_for, sql,
                          sql_value, token,
                          stafett, today, Client, NoRedirect, URL)

IDP = None


def setUpModule():
    global IDP
    IDP = fake_idp.started()


def tearDownModule():
    IDP.close()


def outside(url):
    """GET an address at the provider (no stafett cookies): the
    response's status and Location."""
    opener = urllib.request.build_opener(NoRedirect)
    try:
        r = opener.open(url, timeout=30)
    except urllib.error.HTTPError as e:
        r = e
    return r.code, r.headers.get("Location")


def form_csrf(html, action):
    """The csrf field of the page's form to action (a page of a person
    logged in has the logout form's first)."""
    m = re.search(r'<form method="post" action="%s"[^>]*>'
                  r'<input type="hidden" name="csrf" value="([^"]*)"'
                  % re.escape(action), html)
    assert m, "no form to " + action
    return m.group(1)


def away(r):
    """Where a page that sends the browser on to a provider sends it: a
    page of the site, not a redirect (the forms' policy is form-action
    'self', which browsers hold a form's redirect to)."""
    assert r.status == 200, (r.status, r.text[:1000])
    m = re.search(r'<meta http-equiv="refresh" content="0;url=([^"]*)"',
                  r.text)
    assert m, r.text[:1000]
    link = re.search(r'<a href="([^"]*)"', r.text.split("<main", 1)[1])
    url = html.unescape(m.group(1))
    assert html.unescape(link.group(1)) == url
    return url


def begin(client, provider, next_path="/", extra=(), page=None):
    """The login button (of the login page, or of page): the provider's
    address stafett sends to."""
    page = page or client.get("/login").text
    r = client.post("/login/" + provider,
                    [("csrf", form_csrf(page, "/login/" + provider)),
                     ("next", next_path)] + list(extra))
    return away(r)


def provider_login(provider, who, client=None, next_path="/", spoil=None):
    """A whole login: (client, the callback's response)."""
    c = client or Client()
    IDP.next[provider] = who
    IDP.spoil[provider] = spoil
    status, back = outside(begin(c, provider, next_path))
    assert status == 302, status
    assert back.startswith(URL + "/login/%s/callback?" % provider), back
    return c, c.get(back[len(URL):])


def load_register(lines):
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as f:
        f.write("\n".join(lines) + "\n")
    try:
        return stafett("folk", "load", f.name, check=False)
    finally:
        os.unlink(f.name)


def logged_in(c):
    return c.get("/").status == 200


class IdPorten(unittest.TestCase):

    def test_the_request_is_a_proper_code_flow(self):
        c = Client()
        url = begin(c, "idporten")
        q = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(url).query))
        self.assertTrue(url.startswith(IDP.issuer("idporten") +
                                       "/authorize?"))
        self.assertEqual(q["response_type"], "code")
        self.assertEqual(q["client_id"], "stafett-test")
        self.assertEqual(q["redirect_uri"],
                         URL + "/login/idporten/callback")
        self.assertEqual(q["code_challenge_method"], "S256")
        self.assertEqual(q["acr_values"], "idporten-loa-substantial")
        self.assertIn("openid", q["scope"].split())
        self.assertEqual(len(q["state"]), 43)
        self.assertEqual(len(q["nonce"]), 43)
        self.assertNotEqual(q["state"], q["nonce"])
        # the browser is tied to the login by a Lax cookie
        self.assertIsNotNone(c.cookie("stafett_oidc"))

    def test_a_guardian_sees_the_children_the_register_gives(self):
        staff = login("ansatt")
        child = nin_for(datetime.date(2017, 3, 4), individual=611)
        other = nin_for(datetime.date(2018, 5, 6), individual=612)
        adult = nin_for(datetime.date(1985, 1, 2), individual=211)
        mine, _ = open_log(staff, "Register Barn", nin=child)
        theirs, _ = open_log(staff, "Annet Barn", nin=other)
        r = load_register(["person;%s;Rita Register" % adult,
                           "parent;%s;%s;1" % (adult, child)])
        self.assertEqual(r.returncode, 0, r.stderr)
        c, r = provider_login("idporten", {"pid": adult})
        self.assertEqual(r.status, 200, r.text[:2000])
        # on to the start page in a navigation of the site's own
        self.assertIn('http-equiv="refresh"', r.text)
        self.assertIn("Rita Register", c.get("/").text)
        self.assertEqual(c.get("/logs/" + mine).status, 200)
        self.assertEqual(c.get("/logs/" + theirs).status, 404)
        # the number is kept only as its HMAC
        self.assertEqual(sql_value(
            "SELECT COUNT(*) FROM app_user WHERE username LIKE '%%%s%%'"
            " OR display_name LIKE '%%%s%%'" % (adult, adult)), "0")
        self.assertNotIn(adult, app_log())
        # responsibility lost: out at the next request, same session
        r = load_register(["parent;%s;%s;0" % (adult, child)])
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("1 accounts brought up to date", r.stdout)
        self.assertEqual(c.get("/logs/" + mine).status, 404)
        # given back: at the next login
        load_register(["parent;%s;%s;1" % (adult, child)])
        c2, r = provider_login("idporten", {"pid": adult})
        self.assertEqual(c2.get("/logs/" + mine).status, 200)
        # the same person is the same account
        self.assertEqual(sql_value(
            "SELECT COUNT(*) FROM app_user WHERE display_name ="
            " 'Rita Register'"), "1")

    def test_a_meeting_the_family_was_invited_to_before_the_login(self):
        """The family is invited before this guardian ever logged in: at
        the first login the meeting is on their start page, to answer."""
        staff = login("ansatt")
        child = nin_for(datetime.date(2019, 8, 9), individual=641)
        adult = nin_for(datetime.date(1988, 2, 3), individual=241)
        log, _ = open_log(staff, "Senere Innlogget", nin=child)
        r = api("POST", "/api/v1/logs/%s/meetings" % log, token("ansatt"),
                xml_body("meeting", date=day(6), time="13:00",
                         place="Rom Senere", agenda="Oppstart.",
                         family="true"))
        self.assertEqual(r.status, 201, r.text)
        meeting = sql_value("SELECT m.public_id FROM meeting m JOIN"
                            " relay_log l ON l.id = m.log_id WHERE"
                            " l.public_id = '%s'" % log)
        r = load_register(["person;%s;Siri Senere" % adult,
                           "parent;%s;%s;1" % (adult, child)])
        self.assertEqual(r.returncode, 0, r.stderr)
        c, r = provider_login("idporten", {"pid": adult})
        self.assertEqual(r.status, 200, r.text[:2000])
        self.assertIn('href="/logs/%s#meeting-%s"' % (log, meeting),
                      c.get("/").text)
        page = c.get("/logs/" + log).text
        r = c.post("/logs/%s/meetings/answer" % log, [
            ("csrf", form_csrf(page, "/logs/%s/meetings/answer" % log)),
            ("meeting", meeting), ("answer", "coming")])
        self.assertEqual(r.status, 303, r.text[:1000])
        self.assertEqual(sql("SELECT mi.answer, mi.family FROM"
                             " meeting_invitee mi JOIN meeting m ON m.id ="
                             " mi.meeting_id JOIN app_user u ON u.id ="
                             " mi.user_id WHERE m.public_id = '%s' AND"
                             " u.display_name = 'Siri Senere'" % meeting),
                         [["coming", "1"]])
        # no longer the guardian: her invitation to what is to come goes
        r = load_register(["parent;%s;%s;0" % (adult, child)])
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(sql_value("SELECT COUNT(*) FROM meeting_invitee mi"
                                   " JOIN meeting m ON m.id = mi.meeting_id"
                                   " JOIN app_user u ON u.id = mi.user_id"
                                   " WHERE m.public_id = '%s' AND"
                                   " u.display_name = 'Siri Senere'"
                                   % meeting), "0")

    def test_the_expectant_parents_read_the_log_before_the_birth(self):
        """Before the birth the register names no guardian: the holder
        names the expectant parents by number; they read the log (at
        once, or from their first login) until the birth is registered
        with the child's number, and then the register decides."""
        from test_unborn import unborn_log
        staff = login("ansatt")
        mother = nin_for(datetime.date(1992, 4, 5), individual=251)
        father = nin_for(datetime.date(1990, 6, 7), individual=252)
        c_m, r = provider_login("idporten", {"pid": mother})
        self.assertEqual(r.status, 200, r.text[:1000])
        log, _ = unborn_log(staff, "Barn av Mor Vente", day(20))
        self.assertEqual(c_m.get("/logs/" + log).status, 404)
        page = staff.get("/logs/" + log).text
        self.assertIn('action="/logs/%s/expectant"' % log, page)
        r = staff.post("/logs/%s/expectant" % log, [
            ("csrf", csrf_of(page)), ("nin", "12345")])
        self.assertEqual(r.status, 422)
        self.assertIn('id="expectant-nin-error"', r.text)
        named = lambda who: api(
            "POST", "/api/v1/logs/%s/expectant" % log, token("ansatt"),
            xml_body("expectant", nin=who))
        self.assertEqual(named(mother).status, 201)
        self.assertEqual(named(mother).status, 200)     # named before
        self.assertEqual(sql_value(
            "SELECT COUNT(*) FROM case_event e JOIN relay_log l ON l.id ="
            " e.log_id WHERE l.public_id = '%s' AND e.kind = 'expectant'"
            % log), "1")
        # linked at once: the same session reads it now
        self.assertEqual(c_m.get("/logs/" + log).status, 200)
        # the other expectant parent, from the first login
        self.assertEqual(named(father).status, 201)
        c_f, r = provider_login("idporten", {"pid": father})
        self.assertEqual(c_f.get("/logs/" + log).status, 200)
        for n in (mother, father):
            self.assertNotIn(n, app_log())
            self.assertNotIn(n, staff.get("/logs/" + log).text)
        # born, with the number the register gives the mother only
        born = today() - datetime.timedelta(days=1)
        child = nin_for(born, individual=744)
        self.assertEqual(load_register(["parent;%s;%s;1" % (mother, child)])
                         .returncode, 0)
        r = staff.post("/logs/%s/birth" % log, [
            ("csrf", csrf_of(staff.get("/logs/" + log).text)),
            ("child_name", "Mor Vente Barn"), ("child_nin", child)])
        self.assertEqual(r.status, 303, r.text[:2000])
        self.assertEqual(c_m.get("/logs/" + log).status, 200)
        self.assertEqual(c_f.get("/logs/" + log).status, 404)
        self.assertEqual(named(father).status, 409)
        self.assertEqual(sql_value(
            "SELECT COUNT(*) FROM child_expectant ce JOIN relay_log l ON"
            " l.child_id = ce.child_id WHERE l.public_id = '%s'" % log), "0")

    def test_an_extract_is_loaded_whole_or_not_at_all(self):
        child = nin_for(datetime.date(2015, 6, 7), individual=631)
        parents = [nin_for(datetime.date(1970, 1, 1) +
                           datetime.timedelta(days=i), individual=301)
                   for i in range(1500)]
        lines = ["parent;%s;%s;1" % (a, child) for a in parents]
        # a parent named twice keeps both its lines, once cleared
        lines.append("parent;%s;%s;1" % (
            parents[0], nin_for(datetime.date(2016, 6, 7), individual=632)))
        before = sql_value("SELECT COUNT(*) FROM folk_relation")
        r = load_register(lines[:700] + ["parent;12345678901;%s;1" % child]
                          + lines[700:])
        self.assertEqual(r.returncode, 1)
        self.assertIn("line 701 ", r.stderr)
        self.assertIn("nothing was loaded", r.stderr)
        self.assertNotIn("12345678901", r.stderr)
        self.assertEqual(sql_value("SELECT COUNT(*) FROM folk_relation"),
                         before)
        r = load_register(lines)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("1501 relations", r.stdout)
        self.assertEqual(int(sql_value("SELECT COUNT(*) FROM folk_relation")),
                         int(before) + 1501)
        # loaded again: the same relations, not twice as many
        self.assertEqual(load_register(lines).returncode, 0)
        self.assertEqual(int(sql_value("SELECT COUNT(*) FROM folk_relation")),
                         int(before) + 1501)

    def test_a_youth_sees_their_own_log_from_15(self):
        staff = login("ansatt")
        born = today().replace(year=today().year - 16, day=1)
        youth = nin_for(born, individual=613)
        log, _ = open_log(staff, "Ungdom Selv", nin=youth)
        c, r = provider_login("idporten", {"pid": youth})
        self.assertEqual(r.status, 200, r.text[:1000])
        self.assertEqual(c.get("/logs/" + log).status, 200)

    def test_a_low_level_of_assurance_is_refused(self):
        adult = nin_for(datetime.date(1980, 1, 2), individual=214)
        c, r = provider_login("idporten", {"pid": adult,
                                           "acr": "idporten-loa-low"})
        self.assertEqual(r.status, 401)
        self.assertFalse(logged_in(c))

    def test_every_spoiled_token_is_refused(self):
        adult = nin_for(datetime.date(1981, 1, 2), individual=215)
        for spoil in ("aud", "nonce", "expired", "issuer", "unknown_key",
                      "hs256"):
            c, r = provider_login("idporten", {"pid": adult}, spoil=spoil)
            self.assertEqual(r.status, 401, spoil)
            self.assertIsNone(c.cookie("stafett_session"), spoil)
            self.assertFalse(logged_in(c), spoil)

    def test_a_state_is_used_once_and_by_its_browser(self):
        adult = nin_for(datetime.date(1982, 1, 2), individual=216)
        c = Client()
        IDP.next["idporten"] = {"pid": adult}
        _, back = outside(begin(c, "idporten"))
        # another browser with the same answer: refused
        self.assertEqual(Client().get(back[len(URL):]).status, 401)
        # the state is spent now, even for its own browser
        self.assertEqual(c.get(back[len(URL):]).status, 401)
        # a fresh login in the first browser works
        _, r = provider_login("idporten", {"pid": adult}, client=c)
        self.assertEqual(r.status, 200)

    def test_the_provider_cancelled(self):
        c = Client()
        IDP.next["idporten"] = None
        _, back = outside(begin(c, "idporten"))
        self.assertIn("error=access_denied", back)
        self.assertEqual(c.get(back[len(URL):]).status, 401)
        self.assertFalse(logged_in(c))

    def test_keys_rotated_at_the_provider(self):
        adult = nin_for(datetime.date(1983, 1, 2), individual=217)
        _, r = provider_login("idporten", {"pid": adult})
        self.assertEqual(r.status, 200)
        IDP.rotate("idporten")
        # a worker fetches the keys again for an unknown key, at most
        # every ten seconds
        time.sleep(10.5)
        for _ in range(3):
            _, r = provider_login("idporten", {"pid": adult})
            self.assertEqual(r.status, 200, r.text[:1000])

    def test_logging_out_at_the_provider_too(self):
        adult = nin_for(datetime.date(1984, 1, 2), individual=218)
        c, _ = provider_login("idporten", {"pid": adult})
        r = c.post("/logout", [("csrf", c.csrf("/"))])
        url = away(r)
        self.assertTrue(url.startswith(IDP.issuer("idporten") +
                                       "/endsession?"), url)
        q = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(url).query))
        self.assertEqual(q["post_logout_redirect_uri"], URL + "/login")
        self.assertEqual(len(q["id_token_hint"].split(".")), 3)
        self.assertFalse(logged_in(c))

    def test_front_channel_logout(self):
        adult = nin_for(datetime.date(1986, 1, 2), individual=219)
        c, _ = provider_login("idporten", {"pid": adult, "sid": "fc-sid-1"})
        self.assertTrue(logged_in(c))
        # a wrong issuer changes nothing
        r = Client().get("/logout/idporten/frontchannel?" +
                         urllib.parse.urlencode({"iss": "http://evil",
                                                 "sid": "fc-sid-1"}))
        self.assertEqual(r.status, 400)
        self.assertTrue(logged_in(c))
        r = Client().get("/logout/idporten/frontchannel?" +
                         urllib.parse.urlencode(
                             {"iss": IDP.issuer("idporten"),
                              "sid": "fc-sid-1"}))
        self.assertEqual(r.status, 200)
        self.assertFalse(logged_in(c))


class Staff(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        stafett("idp", "unmap", "grp-bhg", check=False)
        stafett("idp", "unmap", "grp-leder", check=False)
        stafett("idp", "map", *FIRST, "grp-bhg", "employee", "stavern-bhg")
        stafett("idp", "map", *FIRST, "grp-leder", "leader", "stavern-bhg")

    def test_mapping_is_listed_and_checked(self):
        out = stafett("idp", "list").stdout
        self.assertIn("grp-bhg\temployee\tstavern-bhg", out)
        self.assertNotEqual(stafett("idp", "map", *FIRST, "x", "employee",
                                    "no-such-unit", check=False).returncode,
                            0)
        self.assertNotEqual(stafett("idp", "map", *FIRST, "x", "wizard", "nav",
                                    check=False).returncode, 0)
        self.assertNotEqual(stafett("idp", "map", *FIRST, "x", "employee",
                                    check=False).returncode, 0)

    def test_staff_get_the_mapped_role_and_unit(self):
        c, r = provider_login("staff", {"oid": "oid-kari", "name":
                                        "Kari Fra Entra",
                                        "roles": ["grp-bhg", "other"]})
        self.assertEqual(r.status, 200, r.text[:2000])
        home = c.get("/")
        self.assertEqual(home.status, 200)
        self.assertIn("Kari Fra Entra", home.text)
        row = sql("SELECT u.role, un.code FROM app_user u JOIN app_user_idp"
                  " i ON i.user_id = u.id JOIN unit un ON un.id = u.unit_id"
                  " WHERE i.provider = 'staff' AND i.subject = 'oid-kari'")
        self.assertEqual(row, [["employee", "stavern-bhg"]])
        # the higher role wins, at the next login
        provider_login("staff", {"oid": "oid-kari", "name": "Kari Fra Entra",
                                 "roles": ["grp-bhg", "grp-leder"]})
        self.assertEqual(sql_value(
            "SELECT u.role FROM app_user u JOIN app_user_idp i ON"
            " i.user_id = u.id WHERE i.subject = 'oid-kari'"), "leader")

    def test_nothing_mapped_no_entry(self):
        c, r = provider_login("staff", {"oid": "oid-ola",
                                        "roles": ["grp-unknown"]})
        self.assertEqual(r.status, 403)
        self.assertFalse(logged_in(c))
        self.assertEqual(sql_value(
            "SELECT COUNT(*) FROM app_user_idp WHERE subject = 'oid-ola'"),
            "0")

    def test_deactivated_here_no_entry(self):
        provider_login("staff", {"oid": "oid-per", "roles": ["grp-bhg"]})
        sql("UPDATE app_user u JOIN app_user_idp i ON i.user_id = u.id"
            " SET u.active = FALSE WHERE i.subject = 'oid-per'")
        c, r = provider_login("staff", {"oid": "oid-per",
                                        "roles": ["grp-bhg"]})
        self.assertEqual(r.status, 403)
        self.assertFalse(logged_in(c))

    def test_removed_at_the_provider_out_at_the_next_request(self):
        c, r = provider_login("staff", {"oid": "oid-siri",
                                        "roles": ["grp-bhg"]})
        self.assertTrue(logged_in(c))
        IDP.removed.add("oid-siri")
        r = c.get("/")
        self.assertEqual(r.status, 303)
        self.assertIn("/login", r.header("Location"))
        self.assertFalse(logged_in(c))

    def test_a_changed_mapping_ends_staff_sessions(self):
        c, _ = provider_login("staff", {"oid": "oid-map", "roles":
                                        ["grp-bhg"]})
        self.assertTrue(logged_in(c))
        stafett("idp", "map", *FIRST, "grp-tmp", "employee", "stavern-bhg")
        self.assertFalse(logged_in(c))
        stafett("idp", "unmap", "grp-tmp")

    def test_groups_taken_away_at_the_provider(self):
        c, _ = provider_login("staff", {"oid": "oid-grp", "roles":
                                        ["grp-leder"]})
        self.assertTrue(logged_in(c))
        # the provider's refreshed ID token: a lower role, then none
        IDP.roles_now["oid-grp"] = ["grp-bhg"]
        self.assertTrue(logged_in(c))
        self.assertEqual(sql_value(
            "SELECT u.role FROM app_user u JOIN app_user_idp i ON"
            " i.user_id = u.id WHERE i.subject = 'oid-grp'"), "employee")
        IDP.roles_now["oid-grp"] = ["grp-unknown"]
        self.assertFalse(logged_in(c))

    def test_back_channel_logout(self):
        c, _ = provider_login("staff", {"oid": "oid-bc", "sid": "bc-sid-1",
                                        "roles": ["grp-bhg"]})
        self.assertTrue(logged_in(c))
        anon = Client()
        # a token from another key, or for another client: refused
        for bad in (IDP.logout_token("staff", sid="bc-sid-1",
                                     aud="someone-else"),
                    IDP.logout_token("staff", sid="bc-sid-1",
                                     nonce="n")):
            r = anon.post("/logout/staff/backchannel",
                          [("logout_token", bad)])
            self.assertEqual(r.status, 400)
        self.assertTrue(logged_in(c))
        r = anon.post("/logout/staff/backchannel",
                      [("logout_token", IDP.logout_token("staff",
                                                         sid="bc-sid-1"))])
        self.assertEqual(r.status, 200, r.text)
        self.assertFalse(logged_in(c))

    def test_an_unknown_provider_is_not_there(self):
        c = Client()
        page = c.get("/login")
        self.assertIn('action="/login/idporten"', page.text)
        self.assertIn('action="/login/staff"', page.text)
        r = c.post("/login/nosuch", [("csrf", csrf_of(page.text))])
        self.assertEqual(r.status, 404)
        self.assertEqual(c.get("/login/nosuch/callback?state=x").status,
                         404)


class SensitiveActions(unittest.TestCase):

    def test_a_stale_login_confirms_before_a_partner_changes(self):
        pid = stafett("partner", "add", *FIRST, "Reauth %s" % time.time(),
                      "bup", "https://127.0.0.1:9/reauth", "bearer",
                      "referral").stdout.strip()
        status = "paused"
        try:
            admin = login("admin")
            page = "/admin/partners/" + pid
            csrf = admin.csrf(page)
            sql("UPDATE session SET auth_time = NOW(6) - INTERVAL 1 HOUR")
            r = admin.post(page + "/pause", [("csrf", csrf)])
            self.assertEqual(r.status, 401)
            self.assertEqual(sql_value(
                "SELECT status FROM partner WHERE public_id = '%s'" % pid),
                "active")
            # logging in again shows the action to confirm; nothing yet
            login_csrf = form_csrf(r.text, "/login")
            r = admin.post("/login", [
                ("csrf", login_csrf), ("username", "admin"),
                ("password", "test-password-admin"),
                ("next", page + "/pause"), ("resume:x", "1")])
            self.assertEqual(r.status, 200, r.text[:2000])
            self.assertIn('action="%s/pause"' % page, r.text)
            self.assertEqual(sql_value(
                "SELECT status FROM partner WHERE public_id = '%s'" % pid),
                "active")
            r = admin.post(page + "/pause",
                           [("csrf", form_csrf(r.text, page + "/pause")),
                            ("x", "1")])
            self.assertEqual(r.status, 303, r.text[:2000])
            self.assertEqual(sql_value(
                "SELECT status FROM partner WHERE public_id = '%s'" % pid),
                "paused")
        finally:
            sql("UPDATE partner SET status = '%s' WHERE public_id = '%s'"
                % (status, pid))

    def test_a_provider_session_is_sent_for_a_fresh_login(self):
        adult = nin_for(datetime.date(1987, 1, 2), individual=221)
        action = "/consents/%s/withdraw" % ("A" * 22)
        c, _ = provider_login("idporten", {"pid": adult})
        # the provider's single sign-on said when the person logged in
        # there (an hour ago): not fresh enough for this
        r = c.post(action, [("csrf", c.csrf("/"))])
        self.assertEqual(r.status, 401)
        self.assertIn('name="fresh" value="1"', r.text)
        # the plain button again, single sign-on again: still not
        IDP.next["idporten"] = {"pid": adult}
        _, back = outside(begin(c, "idporten", "/", page=r.text))
        self.assertEqual(c.get(back[len(URL):]).status, 200)
        self.assertEqual(c.post(action, [("csrf", c.csrf("/"))]).status,
                         401)
        # a provider that ignores the request for a new proof: refused
        IDP.next["idporten"] = {"pid": adult}
        IDP.spoil["idporten"] = "old_auth"
        url = begin(c, "idporten", action, [("fresh", "1")], page=r.text)
        self.assertEqual(c.get(outside(url)[1][len(URL):]).status, 401)
        # a new proof: the action is shown again, and then it is done
        # (here: the consent is not there)
        IDP.next["idporten"] = {"pid": adult}
        url = begin(c, "idporten", action, [("fresh", "1"),
                                            ("resume:why", "x")],
                    page=r.text)
        q = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(url).query))
        self.assertEqual(q.get("prompt"), "login")
        self.assertEqual(q.get("max_age"), "0")
        # what was kept is sealed while the browser is away
        self.assertEqual(sql_value(
            "SELECT COUNT(*) FROM oidc_login WHERE kept LIKE '%why=x%'"),
            "0")
        r = c.get(outside(url)[1][len(URL):])
        self.assertEqual(r.status, 200, r.text[:1000])
        self.assertIn('action="%s"' % action, r.text)
        r = c.post(action, [("csrf", form_csrf(r.text, action)),
                            ("why", "x")])
        self.assertEqual(r.status, 404)


if __name__ == "__main__":
    unittest.main()
