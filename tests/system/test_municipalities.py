"""test_municipalities.py: several municipalities on one installation
(issue 19, sql/0033_municipality.sql). Isolation is decided in one place,
access_municipality() (fcgi/case/access.h); this proves it over real
HTTP, generated from the access matrix's rows, which `stafett routes`
keeps complete (test_access_matrix.py), with the matrix's own fixture
cases, all the first municipality's (Larvik, 3805):

- every route whose path, query or fields name one of the first
  municipality's objects, tried by each person of the second
  (Sandefjord, 3907: its administrator, a leader, a kindergarten teacher
  and a public health nurse, the first's own roles and kinds of service):
  refused with the very answer a thing that does not exist gets, 404
  where their role may use the route at all, and nothing of the first
  changed;
- every page and list that names no object, as each of them: nothing of
  the first municipality in it (no id, no name of its people, units,
  partners or children), and their own things in it;
- an inter-municipal unit is shared explicitly: before, its people cannot
  be named in the second's cases; shared, they can, and reach what the
  rules give them there; unshared, that goes at once;
- a child known to both is two records, and neither finds the other's;
- settings and the action guide are each municipality's own, and so are
  the administrators' alerts;
- the schema: every table carries its municipality, belongs to one
  through a foreign key, or is named here as the installation's.
"""
import datetime
import glob
import os
import re
import unittest

import test_access_matrix as matrix
from stafett_test import (Client, api, concern_fields, concern_xml, count,
                          nin_for, reload_and_wait, sql, sql_value, stafett,
                          token, wait_for)
from test_access_matrix import ROWS, MatrixRequests, message, outcome

A, B = "3805", "3907"

# The second municipality's people (tests/system/fixtures.sql and the
# demo): column, user, and the role their route permission goes by.
B_ACTORS = [
    ("b_admin", "sfj.admin", "admin"),
    ("b_leader", "sfj.leder", "staff"),
    ("b_staff", "sfj.ansatt", "staff"),
    ("b_nurse", "sfj.helse", "staff"),
]
# What a row's path, query or fields may name that is no object: dates,
# and the identity provider's address.
NOT_OBJECTS = {"today", "in_week", "in_month", "idporten_issuer"}
# Logging in and out is about nobody's data (test_login.py, the matrix).
NOT_DATA = ("login", "oidc", "logout")
# The installation's own pages: its health and its metrics (which name
# partners by id for the operator's monitoring, never a case).
INSTALLATION_PAGES = {"/healthz", "/metrics"}
UNKNOWN = "NoSuchThingAnywhere" + "x" * 3

# Every table, and how its rows belong to a municipality when it has no
# municipality_id of its own: the column that says whose they are (a row
# of a table that belongs to one; a foreign key but in the audit trail,
# the outbox's person and the page version, which outlive or precede
# what they name), or None for the installation's own records, which
# hold no municipality's data (why: beside each).
BELONGS = {
    "session": "user_id", "api_token": "user_id",
    "form_submission": "author_id", "concern": "unit_id",
    "outbox": "partner_id, log_id, concern_id or user_id",
    "audit": "user_id or child_id", "form_draft": "author_id",
    "child_person": "child_id", "relay_log": "home_unit_id",
    "log_participant": "log_id", "consent": "log_id",
    "case_role": "log_id",
    "consent_service": "consent_id", "consent_attachment": "consent_id",
    "handover": "log_id", "meeting": "log_id", "meeting_invitee":
    "meeting_id", "minutes": "log_id", "measure": "log_id",
    "case_event": "log_id or concern_id", "log_archive": "log_id",
    "delivery_attempt": "outbox_id", "notice_answer": "outbox_id",
    "email_preference": "user_id", "email_recipient": "outbox_id",
    "delivery_alert": "partner_id", "delivery_latency": "partner_id",
    "log_version": "log_id", "consent_unit": "consent_id",
    "consent_person": "consent_id", "consultation": "unit_id",
    "consultation_person": "consultation_id", "app_user_idp": "user_id",
    "unit_served": "unit_id",
    "feedback_invite": "log_id", "family_feedback": "unit_id",
    "child_expectant": "child_id",
    "team_member": "team_id", "team_meeting": "team_id",
    "agenda_item": "team_meeting_id",
    "team_referral": "log_id, team_id", "team_discussion": "referral_id",
    "referral_participant": "referral_id", "family_log": "log_id",
    # the installation's
    "login_failure": None,      # a hash of a name tried, and a time
    "guide_level": None,        # the four BTI levels' names, the model's
    "view_epoch": None,         # a counter the page caches compare
    "request_replay": None,     # saved answers by key, a day, per user
    "health_probe": None,       # the health check's own row
    "receipt_nonce": None,      # partners' replay guard, a day
    "oidc_login": None,         # a login under way, ten minutes
    "folk_relation": None,      # the national population register
    "folk_person": None,        # the same
    "retention_record": None,   # what was deleted: a reference, no data
    "schema_migration": None,   # the migrations applied
    "municipality": None,       # the municipalities themselves
}


def setUpModule():
    matrix.setUpModule()


def tearDownModule():
    matrix.tearDownModule()


def last_id(location):
    return location.rstrip("/").rsplit("/", 1)[1].split("?")[0]


def municipality_id(number):
    return sql_value("SELECT id FROM municipality WHERE number = '%s'"
                     % number)


class Municipalities(MatrixRequests, unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for _col, user, _role in B_ACTORS:
            c = Client()
            c.login(user)
            cls.clients[user] = c
            cls.csrf[user] = c.csrf("/")
            cls.tokens[user] = token(user)
        cls.perms = {(m, p): perm for m, p, perm in
                     (l.split() for l in stafett("routes").stdout
                      .splitlines() if l.strip())}
        cls.a_id, cls.b_id = municipality_id(A), municipality_id(B)

    # ---- what of the first municipality a text may not hold

    def first_strings(self):
        """Ids and names of the first municipality's objects, but those of
        the units it shares with the second and their people (those the
        second sees by design)."""
        shared = ("SELECT unit_id FROM unit_served WHERE municipality_id"
                  " = %s" % self.b_id)
        strings = set()
        for q in (
                "SELECT public_id FROM unit WHERE municipality_id = %s AND"
                " id NOT IN (%s)" % (self.a_id, shared),
                "SELECT name FROM unit WHERE municipality_id = %s AND id"
                " NOT IN (%s)" % (self.a_id, shared),
                "SELECT public_id FROM app_user WHERE municipality_id = %s"
                " AND COALESCE(unit_id, 0) NOT IN (%s)" % (self.a_id,
                                                          shared),
                "SELECT display_name FROM app_user WHERE municipality_id ="
                " %s AND COALESCE(unit_id, 0) NOT IN (%s)" % (self.a_id,
                                                             shared),
                "SELECT public_id FROM partner WHERE municipality_id = %s"
                % self.a_id,
                "SELECT name FROM partner WHERE municipality_id = %s"
                % self.a_id,
                "SELECT public_id FROM child WHERE municipality_id = %s"
                % self.a_id,
                "SELECT name FROM child WHERE municipality_id = %s AND"
                " name IS NOT NULL" % self.a_id,
                "SELECT public_id FROM guide_step WHERE municipality_id ="
                " %s" % self.a_id,
                "SELECT l.public_id FROM relay_log l JOIN unit u ON u.id ="
                " l.home_unit_id WHERE u.municipality_id = %s" % self.a_id,
                "SELECT c.public_id FROM concern c JOIN unit u ON u.id ="
                " c.unit_id WHERE u.municipality_id = %s" % self.a_id):
            strings |= {r[0] for r in sql(q) if r[0] and len(r[0]) >= 5}
        for v in self.objects["main"].values():
            if isinstance(v, str) and re.fullmatch(r"[A-Za-z0-9_-]{22}", v):
                strings.add(v)
        # the form definitions' own example lists are the product's text,
        # not a municipality's data (GET /api/v1/forms/{form} shows them)
        product = ""
        for f in glob.glob(os.path.join(os.environ["top_srcdir"], "forms",
                                        "*.xml")):
            with open(f, encoding="utf-8") as fh:
                product += fh.read()
        return {s for s in strings if s not in product}

    # ---- the rows

    def names(self, row):
        """The objects a row names: in its path, its query, its fields."""
        keys = set()
        if "{id}" in row.pattern:
            keys.add(row.obj)
        keys |= set(re.findall(r"\{(\w+)\}", row.query or ""))
        if isinstance(row.body, list):
            for _k, v in row.body:
                keys |= set(re.findall(r"\{(\w+)\}", v))
        return keys - NOT_OBJECTS

    def test_another_municipality_learns_nothing(self):
        """Every row naming the first municipality's objects, as each
        person of the second: the answer a thing that is not there gets,
        404 where the role may use the route, and nothing changed."""
        objs = self.objects["main"]
        before = self.fx.fingerprint()
        wrong, tried = [], 0
        for row in ROWS:
            keys = self.names(row)
            if not keys or row.body in NOT_DATA:
                continue
            other = dict(objs)
            for k in keys:
                other[k] = UNKNOWN
            ids = [objs[k] for k in keys if objs.get(k)]
            perm = self.perms[(row.method, row.pattern)]
            for col, user, role in B_ACTORS:
                real = self.send(row, user, objs)
                fake = self.send(row, user, other)
                tried += 1
                a = self.normalised(real, UNKNOWN, *ids)
                b = self.normalised(fake, UNKNOWN, *ids)
                if a != b:
                    wrong.append("%s as %s: %d %s for theirs, %d %s for "
                                 "nothing" % (row.name, col, real.status,
                                              message(real), fake.status,
                                              message(fake)))
                elif outcome(real) != "D" and real.status != 422 and \
                        "N" not in row.expect:
                    # (N: the matrix's "nothing happens, though the
                    # answer does not say so", as for its own actors)
                    wrong.append("%s as %s: %d %s" % (
                        row.name, col, real.status, message(real)))
                elif "{id}" in row.pattern and perm in (role, "user") \
                        and real.status != 404 and "N" not in row.expect:
                    wrong.append("%s as %s: %d, not 404" % (
                        row.name, col, real.status))
        self.assertGreater(tried, 300)
        self.assertEqual(wrong, [])
        self.assertEqual(self.fx.fingerprint(), before)

    def test_lists_show_nothing_of_another(self):
        """Every page and list no object is named in (start pages,
        administration, forms with their lists of units and people, the
        guide, the API's lists), as each person of the second
        municipality: nothing of the first in it, and their own."""
        first = self.first_strings()
        self.assertGreater(len(first), 50)
        own = {"b_admin": "Bugården barnehage", "b_leader": "Tor Aas",
               "b_staff": "Kari Nordby", "b_nurse": "Hege Vik"}
        wrong, pages = [], 0
        seen_own = {col: False for col, _u, _r in B_ACTORS}
        for row in ROWS:
            if row.method != "GET" or self.names(row) or \
                    row.pattern in INSTALLATION_PAGES:
                continue
            for col, user, _role in B_ACTORS:
                r = self.send(row, user, self.objects["main"])
                pages += 1
                if outcome(r) != "A":
                    continue
                found = sorted(s for s in first if s in r.text)
                if found:
                    wrong.append("%s as %s shows %s" % (row.name, col,
                                                        found[:5]))
                seen_own[col] |= own[col] in r.text
        self.assertGreater(pages, 30)
        self.assertEqual(wrong, [], "\n".join(wrong))
        # the pages were theirs: each saw their own somewhere
        self.assertEqual(seen_own, {c: True for c in seen_own})

    # ---- sharing, explicitly

    def b_log(self, tag, nin=""):
        """A relay log of the second municipality, by its teacher: a
        concern and her decision for level 2."""
        tok = token("sfj.ansatt")
        r = api("POST", "/api/v1/forms/concern", tok, concern_xml(
            child__name="Sandefjord %s" % tag, child__nin=nin,
            child__birthdate="2018-05-05"))
        self.assertEqual(r.status, 201, r.text)
        concern = last_id(r.header("Location"))
        r = api("POST", "/api/v1/concerns/%s/level" % concern, tok,
                matrix.xml_input([("decision", "2"),
                                  ("reason", "Flere tjenester trengs.")]))
        self.assertEqual(r.status, 200, r.text)
        self.assertIn("/logs/", r.header("Location"))
        return last_id(r.header("Location"))

    def add(self, log, pid):
        """The holder of the second's log adds pid: status, and what the
        answer says (the id itself left out)."""
        r = api("POST", "/api/v1/logs/%s/participants" % log,
                token("sfj.ansatt"), matrix.xml_input([("user", pid)]))
        return r.status, r.text.replace(pid, "{id}")

    def test_a_shared_unit_is_shared_explicitly(self):
        """PPT is the first municipality's. Before it is shared, its
        adviser is to the second's holder what nobody is, and he cannot
        reach her case even as its holder; shared (`stafett
        municipality share`), he is named as one of her own people is
        (here too a consent must cover his service) and, as holder,
        reads it; unshared, that ends from the next request."""
        log = self.b_log("Deling")
        ppt = matrix.user_pid("ppt")
        part = ("SELECT COUNT(*) FROM log_participant p JOIN relay_log l ON"
                " l.id = p.log_id WHERE l.public_id = '%s'" % log)
        holder = sql_value("SELECT holder_id FROM relay_log WHERE "
                           "public_id = '%s'" % log)
        page = self.clients["sfj.ansatt"].get("/logs/" + log)
        self.assertEqual(page.status, 200)
        self.assertNotIn("Ola Nilsen", page.text)
        n = sql_value(part)
        nobody = self.add(log, UNKNOWN)
        own = self.add(log, matrix.user_pid("sfj.helse"))
        self.assertEqual(nobody[0], 422)
        self.assertEqual(own[0], 422)
        self.assertNotEqual(nobody, own)
        self.assertEqual(self.add(log, ppt), nobody)
        self.assertEqual(sql_value(part), n)
        # not shared: even as the holder, nothing
        set_holder = ("UPDATE relay_log SET holder_id = %s WHERE public_id ="
                      " '%s'")
        sql(set_holder % ("(SELECT id FROM app_user WHERE username = 'ppt')",
                          log))

        def reads():
            return api("GET", "/api/v1/logs/" + log, token("ppt")).status

        try:
            self.assertEqual(reads(), 404)
            stafett("municipality", "share", "ppt", A, B)
            self.assertTrue(wait_for(lambda: reads() == 200, timeout=5))
            stafett("municipality", "unshare", "ppt", A, B)
            # from the next request (an API token a worker has just
            # checked: within token_cache_ms, a second)
            self.assertTrue(wait_for(lambda: reads() == 404, timeout=5))
        finally:
            sql(set_holder % (holder, log))
        stafett("municipality", "share", "ppt", A, B)
        try:
            # the lists are read again within seconds (codelists.h)
            self.assertTrue(wait_for(lambda: "Ola Nilsen" in self.clients[
                "sfj.ansatt"].get("/logs/" + log).text, timeout=15))
            self.assertEqual(self.add(log, ppt), own)
            self.assertEqual(sql_value(part), n)
        finally:
            stafett("municipality", "unshare", "ppt", A, B)
        # sharing is the operator's, and checked: no code twice, no unit
        # of another municipality, nothing with oneself
        r = stafett("municipality", "share", "sfj-bugarden-bhg", A, B,
                    check=False)
        self.assertNotEqual(r.returncode, 0)
        r = stafett("municipality", "share", "ppt", A, A, check=False)
        self.assertNotEqual(r.returncode, 0)

    def test_a_child_known_to_both_is_two_records(self):
        """The same identity number in a concern of each: two children,
        one each; the second's concern opens a log of its own and is
        passed to none of the first's."""
        nin = nin_for(datetime.date(2018, 5, 5), individual=611)
        r = api("POST", "/api/v1/forms/concern", token("ansatt"),
                concern_xml(child__name="Larvik Tobarn", child__nin=nin,
                            child__birthdate="2018-05-05"))
        self.assertEqual(r.status, 201, r.text)
        a_concern = last_id(r.header("Location"))
        r = api("POST", "/api/v1/concerns/%s/level" % a_concern,
                token("ansatt"), matrix.xml_input([
                    ("decision", "2"), ("reason", "Flere tjenester.")]))
        self.assertEqual(r.status, 200, r.text)
        a_log = last_id(r.header("Location"))
        b_log = self.b_log("Tobarn", nin=nin)
        rows = sql("SELECT c.municipality_id, l.public_id FROM relay_log l"
                   " JOIN child c ON c.id = l.child_id WHERE l.public_id"
                   " IN ('%s', '%s') ORDER BY c.municipality_id"
                   % (a_log, b_log))
        self.assertEqual([r[0] for r in rows], sorted([self.a_id,
                                                        self.b_id]))
        self.assertEqual(sql_value(
            "SELECT COUNT(DISTINCT child_id) FROM relay_log WHERE "
            "public_id IN ('%s', '%s')" % (a_log, b_log)), "2")
        self.assertEqual(count("concern", "passed_log_id = (SELECT id FROM"
                               " relay_log WHERE public_id = '%s')" % a_log),
                         0)
        self.assertEqual(api("GET", "/api/v1/logs/" + a_log,
                             token("sfj.ansatt")).status, 404)
        self.assertEqual(api("GET", "/api/v1/logs/" + b_log,
                             token("ansatt")).status, 404)

    def test_one_who_moves_takes_nothing_along(self):
        """A Larvik teacher writes a concern, then works in Sandefjord
        (her role map names it at her next login): her start page and
        the concern itself are Larvik's, not hers to see any more."""
        name = "flytter%d" % os.getpid()
        sql("INSERT IGNORE INTO app_user (municipality_id, public_id,"
            " username, display_name, role, unit_id) SELECT municipality_id,"
            " SUBSTR(MD5(RAND()), 1, 22), '%s', 'Flytter Testesen',"
            " 'employee', id FROM unit WHERE municipality_id = %s AND code"
            " = 'fagerli-bhg'" % (name, self.a_id))
        stafett("user", "password", name, stdin="test-password-%s\n" % name)
        r = api("POST", "/api/v1/forms/concern", token(name),
                concern_xml(child__name="Flytter Barn"))
        self.assertEqual(r.status, 201, r.text)
        concern = last_id(r.header("Location"))
        c = Client()
        c.login(name)
        self.assertIn(concern, c.get("/").text)
        sql("UPDATE app_user SET municipality_id = %s, unit_id = (SELECT id"
            " FROM unit WHERE code = 'sfj-bugarden-bhg') WHERE username ="
            " '%s'" % (self.b_id, name))
        self.assertNotIn(concern, c.get("/").text)
        self.assertTrue(wait_for(lambda: api(
            "GET", "/api/v1/concerns/" + concern, token(name)).status ==
            404, timeout=5))
        self.assertEqual(c.get("/concerns/" + concern).status, 404)

    # ---- each its own settings, guide and alerts

    def test_settings_are_each_municipalitys(self):
        """The second municipality's emergency number is its own: its
        concern form says it, the first's does not; "" gives it back the
        installation's."""
        phone = "+47 33 44 55 66"
        stafett("municipality", "set", B, "emergency_phone", phone)
        try:
            reload_and_wait()       # settings are read once a minute
            b = Client()
            b.login("sfj.ansatt")
            self.assertIn(phone, b.get("/forms/concern").text)
            a = Client()
            a.login("ansatt")
            self.assertNotIn(phone, a.get("/forms/concern").text)
        finally:
            stafett("municipality", "set", B, "emergency_phone", "")
        # a setting is checked: a number that is no number is refused
        r = stafett("municipality", "set", B, "consent_max_days", "many",
                    check=False)
        self.assertNotEqual(r.returncode, 0)
        r = stafett("municipality", "set", "0001", "name", "X",
                    check=False)
        self.assertNotEqual(r.returncode, 0)

    def test_the_guide_is_each_municipalitys(self):
        """A step the second's administrator adds is in its guide only."""
        admin = self.clients["sfj.admin"]
        r = admin.post("/admin/guide/steps", [
            ("csrf", self.csrf["sfj.admin"]), ("level", "1"),
            ("title_nb", "Sandefjordsteg"), ("title_en", "Sandefjord step"),
            ("form", ""), ("days", "")])
        try:
            self.assertEqual(r.status, 303, r.text)
            self.assertIn("Sandefjordsteg", admin.get("/admin/guide").text)
            a = Client()
            a.login("admin")
            self.assertNotIn("Sandefjordsteg", a.get("/admin/guide").text)
            self.assertEqual(sql_value(
                "SELECT municipality_id FROM guide_step WHERE title_nb ="
                " 'Sandefjordsteg'"), self.b_id)
        finally:
            sql("DELETE FROM guide_step WHERE title_nb = 'Sandefjordsteg'")

    def test_alerts_go_to_their_own_administrators(self):
        """The first municipality's dead notice (the matrix's fixture)
        alerts its administrators, never the second's."""
        stafett("notify", "--once")
        self.assertTrue(wait_for(lambda: count(
            "outbox o JOIN app_user u ON u.id = o.user_id",
            "o.kind = 'notice.dead' AND u.username = 'admin'") > 0,
            timeout=30))
        self.assertEqual(count(
            "outbox o JOIN app_user u ON u.id = o.user_id",
            "u.municipality_id = %s AND o.kind LIKE 'notice.%%'"
            % self.b_id), 0)

    def test_the_operator_adds_a_municipality(self):
        """`stafett municipality add`: listed, with an action guide of its
        own copied from the first's; a number twice, or
        one that is no municipality number, is refused."""
        number = "99%02d" % (os.getpid() % 100)
        if municipality_id(number) is None:
            r = stafett("municipality", "add", number, "Prøvekommune")
            self.assertEqual(r.stdout.strip(), number)
        self.assertIn("%s Prøvekommune" % number,
                      stafett("municipality", "list").stdout)
        m = municipality_id(number)
        self.assertEqual(sql_value(
            "SELECT COUNT(*) FROM guide_step WHERE municipality_id = %s"
            % m), sql_value("SELECT COUNT(*) FROM guide_step WHERE "
                            "municipality_id = %s" % self.a_id))
        self.assertEqual(sql_value(
            "SELECT GROUP_CONCAT(title_nb ORDER BY level, position) FROM"
            " guide_step WHERE municipality_id = %s" % m), sql_value(
            "SELECT GROUP_CONCAT(title_nb ORDER BY level, position) FROM"
            " guide_step WHERE municipality_id = %s" % self.a_id))
        for args in ((number, "Igjen"), ("12a4", "Feil"), ("123", "Feil"),
                     ("9998", "")):
            r = stafett("municipality", "add", *args, check=False)
            self.assertNotEqual(r.returncode, 0, args)
        # with several, a command for one must say which
        r = stafett("partner", "add", "Hvem", "bup", "https://x.invalid/in",
                    "bearer", "referral", check=False)
        self.assertNotEqual(r.returncode, 0)
        self.assertIn("--municipality", r.stderr)

    # ---- the schema

    def test_every_row_belongs_to_a_municipality(self):
        """Every table has municipality_id, or the column BELONGS names,
        or is named there as the installation's: a new table must be
        placed."""
        tables = [r[0] for r in sql(
            "SELECT table_name FROM information_schema.tables WHERE "
            "table_schema = DATABASE() AND table_type = 'BASE TABLE'")]
        own = {r[0] for r in sql(
            "SELECT table_name FROM information_schema.columns WHERE "
            "table_schema = DATABASE() AND column_name = "
            "'municipality_id'")}
        cols = {(t, c) for t, c in sql(
            "SELECT table_name, column_name FROM information_schema.columns"
            " WHERE table_schema = DATABASE()")}
        wrong = []
        for t in sorted(tables):
            if t in own and t not in ("unit_served", "municipality"):
                continue
            if t not in BELONGS:
                wrong.append("%s: no municipality_id, and not in BELONGS"
                             % t)
                continue
            if BELONGS[t] is None:
                continue
            for col in re.split(r", | or ", BELONGS[t]):
                if (t, col) not in cols:
                    wrong.append("%s has no %s" % (t, col))
        self.assertEqual(wrong, [])
        self.assertEqual(sorted(set(BELONGS) - set(tables)), [],
                         "BELONGS names tables that do not exist")

    def test_z_nothing_mixes_two_municipalities(self):
        """After everything above: no log whose child or home unit, no
        concern whose child or unit, no participant, consent or notice
        whose partner is another municipality's than the case's (but a
        unit shared with it)."""
        serves = ("(%s = {m} OR {unit} IN (SELECT unit_id FROM unit_served"
                  " WHERE municipality_id = {m}))")
        checks = {
            "log and child": "SELECT COUNT(*) FROM relay_log l JOIN unit u"
                             " ON u.id = l.home_unit_id JOIN child c ON"
                             " c.id = l.child_id WHERE c.municipality_id"
                             " <> u.municipality_id",
            "concern and child": "SELECT COUNT(*) FROM concern k JOIN unit"
                                 " u ON u.id = k.unit_id JOIN child c ON"
                                 " c.id = k.child_id WHERE"
                                 " c.municipality_id <> u.municipality_id",
            "participant": "SELECT COUNT(*) FROM log_participant p JOIN"
                           " relay_log l ON l.id = p.log_id JOIN unit h ON"
                           " h.id = l.home_unit_id JOIN app_user a ON a.id"
                           " = p.user_id JOIN unit u ON u.id = a.unit_id"
                           " WHERE p.removed_at IS NULL AND NOT " +
                           serves.format(m="h.municipality_id",
                                         unit="u.id").replace(
                               "(%s", "(u.municipality_id"),
            "consent unit": "SELECT COUNT(*) FROM consent_unit cu JOIN"
                            " consent c ON c.id = cu.consent_id JOIN"
                            " relay_log l ON l.id = c.log_id JOIN unit h ON"
                            " h.id = l.home_unit_id JOIN unit u ON u.id ="
                            " cu.unit_id WHERE NOT " +
                            serves.format(m="h.municipality_id",
                                          unit="u.id").replace(
                                "(%s", "(u.municipality_id"),
            "notice partner": "SELECT COUNT(*) FROM outbox o JOIN partner p"
                              " ON p.id = o.partner_id JOIN relay_log l ON"
                              " l.id = o.log_id JOIN unit h ON h.id ="
                              " l.home_unit_id WHERE p.municipality_id <>"
                              " h.municipality_id",
            "person and unit": "SELECT COUNT(*) FROM app_user a JOIN unit u"
                               " ON u.id = a.unit_id WHERE"
                               " a.municipality_id <> u.municipality_id",
        }
        self.assertEqual({k: sql_value(q) for k, q in checks.items()},
                         {k: "0" for k in checks})


if __name__ == "__main__":
    unittest.main()
