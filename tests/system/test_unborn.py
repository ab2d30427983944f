"""System tests: from pregnancy to 30 (issue 20, item 7;
sql/0034_unborn.sql, fcgi/case/birth.c). A concern may be about a child
not born yet (the expected date instead of a birth date), its relay log
and consent go on before the birth, and the holder registers the birth
on the same record when the child is born. A person up to 30 is in the
target group; 31 is not."""
import datetime
import random
import re
import unittest

from caselog_fixtures import (day, decide, events, give_consent, login,
                              units, xml_body)
from stafett_test import (api, concern_fields, concern_xml, count,
                          csrf_of, nin_for, sql, sql_value, today, token)


def years_ago(n, plus_days=0):
    t = today()
    try:
        d = t.replace(year=t.year - n)
    except ValueError:          # 29 February
        d = t.replace(year=t.year - n, day=28)
    return (d + datetime.timedelta(days=plus_days)).isoformat()


def unborn_concern(client, name, expected):
    csrf = client.csrf("/forms/concern")
    fields = concern_fields(csrf, child__name=name, child__nin="",
                            child__birthdate="", child__expected=expected)
    r = client.post("/forms/concern", fields)
    assert r.status == 303, (r.status, r.text[:3000])
    return re.search(r"/concerns/([A-Za-z0-9_-]{22})",
                     r.header("Location")).group(1)


def unborn_log(client, name, expected):
    c = unborn_concern(client, name, expected)
    r = decide(client, c, "2", "Mor ønsker samarbeid før fødselen.")
    assert r.status == 303, (r.status, r.text[:2000])
    return re.search(r"/logs/([A-Za-z0-9_-]{22})",
                     r.header("Location")).group(1), c


def child_row(log):
    return sql("SELECT ch.name, ch.birth_date, ch.expected_date,"
               " ch.nin_hmac IS NOT NULL FROM child ch JOIN relay_log l"
               " ON l.child_id = ch.id WHERE l.public_id = '%s'" % log)[0]


class ConcernTest(unittest.TestCase):

    def test_unborn_concern_api(self):
        """The API takes a concern with the expected date and no birth
        date; the child record has the expected date and nothing else."""
        exp = day(90)
        r = api("POST", "/api/v1/forms/concern", token("ansatt"),
                concern_xml(child__name="Barn av Eva Ufødt", child__nin="",
                            child__birthdate="", child__expected=exp))
        self.assertEqual(r.status, 201, r.text)
        cid = r.header("Location").rsplit("/", 1)[1]
        row = sql("SELECT ch.name, ch.birth_date, ch.expected_date,"
                  " ch.nin_hmac IS NOT NULL FROM child ch JOIN concern c ON"
                  " c.child_id = ch.id WHERE c.public_id = '%s'" % cid)[0]
        self.assertEqual(row, ["Barn av Eva Ufødt", "NULL", exp, "0"])
        # the version a team may discuss: not born yet, and no date
        page = login("ansatt").get("/concerns/%s/anonymous" % cid)
        self.assertEqual(page.status, 200, page.text[:500])
        self.assertIn("<dd>ikke født ennå</dd>", page.text)
        self.assertNotIn(exp, page.text)
        self.assertNotIn("Eva", page.text)

    def test_expected_date_refused(self):
        """An expected date too far ahead, too long past, or with a date
        of birth beside it is refused by field, and nothing is stored."""
        before = count("concern")
        for changes in ({"child__expected": day(400)},
                        {"child__expected": day(-60)},
                        {"child__expected": day(30),
                         "child__birthdate": day(-30)}):
            body = concern_xml(child__name="Barn av Eva Feil",
                               child__nin="", **dict(
                                   {"child__birthdate": ""}, **changes))
            r = api("POST", "/api/v1/forms/concern", token("ansatt"), body)
            self.assertEqual(r.status, 422, (changes, r.text))
            self.assertIn("/concern/child/expected", r.text)
        self.assertEqual(count("concern"), before)

    def test_up_to_30(self):
        """30 years old is in the target group; 31 is not (and version
        1 of the form, kept for what was made with it, says under 25)."""
        tok = token("ansatt")
        ok = api("POST", "/api/v1/forms/concern", tok, concern_xml(
            child__name="Jonas Tretti", child__nin="",
            child__birthdate=years_ago(31, plus_days=1)))
        self.assertEqual(ok.status, 201, ok.text)
        old = api("POST", "/api/v1/forms/concern", tok, concern_xml(
            child__name="Jonas Trettien", child__nin="",
            child__birthdate=years_ago(31)))
        self.assertEqual(old.status, 422, old.text)
        self.assertIn("/concern/child/birthdate", old.text)
        v1 = api("POST", "/api/v1/forms/concern?version=1", tok, concern_xml(
            child__name="Jonas Tjuefem", child__nin="",
            child__birthdate=years_ago(25)))
        self.assertEqual(v1.status, 422, v1.text)
        anon = api("POST", "/api/v1/forms/concern", tok, concern_xml(
            anonymous="true", child__name=None, child__nin=None,
            child__birthdate=None, child__age="30"))
        self.assertEqual(anon.status, 201, anon.text)

    def test_anonymous_decided_unborn(self):
        """An anonymous concern lifted to level 2 may name an unborn
        child by the expected date."""
        c = login("ansatt")
        r = api("POST", "/api/v1/forms/concern", token("ansatt"),
                concern_xml(anonymous="true", child__name=None,
                            child__nin=None, child__birthdate=None,
                            child__age="0"))
        self.assertEqual(r.status, 201, r.text)
        cid = r.header("Location").rsplit("/", 1)[1]
        bad = decide(c, cid, "2", "Mor ønsker hjelp.", [
            ("child_name", "Barn av Mia"), ("child_expected", day(500))])
        self.assertEqual(bad.status, 422)
        self.assertIn("decision-child_expected", bad.text)
        r = decide(c, cid, "2", "Mor ønsker hjelp.", [
            ("child_name", "Barn av Mia"), ("child_expected", day(60))])
        self.assertEqual(r.status, 303, r.text[:2000])
        log = re.search(r"/logs/([A-Za-z0-9_-]{22})",
                        r.header("Location")).group(1)
        self.assertEqual(child_row(log), ["Barn av Mia", "NULL", day(60), "0"])


class BirthTest(unittest.TestCase):

    def test_before_and_after_birth(self):
        """The log page says the child is not born; the consent takes the
        expected date; the holder registers the birth with the number;
        the log goes on with the child's name and its history."""
        c = login("ansatt")
        exp = day(20)
        log, _ = unborn_log(c, "Barn av Ida Vente", exp)
        page = c.get("/logs/" + log).text
        self.assertIn("ikke født ennå, termin", page)
        self.assertIn('action="/logs/%s/birth"' % log, page)
        # the consent before the birth: the expected date, no birth date
        r = api("POST", "/api/v1/forms/consent?log=%s" % log, token("ansatt"),
                self.consent(birth="2016-09-02", expected=""))
        self.assertEqual(r.status, 422, r.text)
        self.assertIn("/consent/child/", r.text)
        r = api("POST", "/api/v1/forms/consent?log=%s" % log, token("ansatt"),
                self.consent(birth="", expected=exp))
        self.assertEqual(r.status, 201, r.text)
        # the prefilled consent form carries the expected date
        form = c.get("/forms/consent?log=%s" % log).text
        self.assertIn('value="%s"' % exp, form)

        # a wrong birth: kept what was typed, said which field
        born = day(-2)
        bad = c.post("/logs/%s/birth" % log, [
            ("csrf", csrf_of(c.get("/logs/" + log).text)),
            ("child_name", "Ida Vente"), ("child_birthdate", day(1))])
        self.assertEqual(bad.status, 422)
        self.assertRegex(bad.text, r'id="birth-child_name"[^>]*value="Ida'
                         r' Vente"|value="Ida Vente"[^>]*id="birth-child_name"')
        self.assertIn("birth-child_birthdate-error", bad.text)
        # a report of concern may not name the unborn child by someone
        # else's number (the mother's)
        from caselog_fixtures import instance
        cw = api("POST", "/api/v1/forms/cw-report?log=%s" % log,
                 token("ansatt"), instance("cw-report", {
                     "child/name": "Barn av Ida Vente",
                     "child/nin": nin_for(datetime.date(1994, 5, 6)),
                     "child/birthdate": ""}))
        self.assertEqual(cw.status, 422, cw.text)
        self.assertIn("/cw_report/child/nin", cw.text)
        self.assertRegex(cw.text, "ikke født ennå|not born yet")
        # by the expected date it goes: a wrong one is refused, the
        # log's is taken, and the message names the expected date
        cw = api("POST", "/api/v1/forms/cw-report?log=%s" % log,
                 token("ansatt"), instance("cw-report", {
                     "child/name": "Barn av Ida Vente", "child/nin": "",
                     "child/birthdate": "", "child/expected": day(21)}))
        self.assertEqual(cw.status, 422, cw.text)
        self.assertIn("/cw_report/child/expected", cw.text)
        cw = api("POST", "/api/v1/forms/cw-report?log=%s" % log,
                 token("ansatt"), instance("cw-report", {
                     "child/name": "Barn av Ida Vente", "child/nin": "",
                     "child/birthdate": "", "child/expected": exp}))
        self.assertEqual(cw.status, 201, cw.text)
        nin = nin_for(datetime.date.fromisoformat(born),
                      individual=random.randint(500, 940))
        r = c.post("/logs/%s/birth" % log, [
            ("csrf", csrf_of(c.get("/logs/" + log).text)),
            ("child_name", "Ida Vente"), ("child_nin", nin)])
        self.assertEqual(r.status, 303, r.text[:2000])
        self.assertEqual(child_row(log), ["Ida Vente", born, exp, "1"])
        page = c.get("/logs/" + log).text
        self.assertNotIn('action="/logs/%s/birth"' % log, page)
        self.assertIn("Ida Vente", page)
        self.assertEqual(len(events(log, "birth")), 1)
        # audited as a change to the log, with the child's id
        self.assertEqual(sql("SELECT a.object_type, a.object_id = l.id"
                             " FROM audit a JOIN relay_log l ON l.child_id ="
                             " a.child_id WHERE l.public_id = '%s' AND"
                             " a.action = 'update' ORDER BY a.id DESC"
                             " LIMIT 1" % log), [["log", "1"]])
        # the number is not in the page, nor in the timeline
        self.assertNotIn(nin, page)
        self.assertFalse([e for e in events(log) if nin in (e[1] or "")])
        # once: a second registration is a conflict and changes nothing
        again = api("POST", "/api/v1/logs/%s/birth" % log, token("ansatt"),
                    xml_body("birth", child_name="Ida Annen",
                             child_birthdate=born))
        self.assertEqual(again.status, 409, again.text)
        self.assertEqual(child_row(log)[0], "Ida Vente")

    def consent(self, birth, expected):
        from caselog_fixtures import instance
        return instance("consent", {
            "child/name": "Barn av Ida Vente", "child/birthdate": birth,
            "child/expected": expected,
            "guardians/guardian/name": "Ida Vente",
            "services": units("health_clinic"),
            "persons/person/who": "", "valid_from": day(0), "expires": day(90)})

    def test_number_of_another_child(self):
        """The number of a child another case already has is refused,
        with what to do, and nothing changes but the other child's
        access log (asking about a number is asking about that child);
        the date alone goes on, and the child's own number later."""
        c = login("ansatt")
        born = day(-3)
        nin = nin_for(datetime.date.fromisoformat(born),
                      individual=random.randint(500, 940))
        other = api("POST", "/api/v1/forms/concern", token("ansatt"),
                    concern_xml(child__name="Tidligere Kjent", child__nin=nin,
                                child__birthdate=""))
        self.assertEqual(other.status, 201, other.text)
        log, _ = unborn_log(c, "Barn av Siv Dobbel", day(10))
        r = api("POST", "/api/v1/logs/%s/birth" % log, token("ansatt"),
                xml_body("birth", child_name="Siv Dobbel", child_nin=nin))
        self.assertEqual(r.status, 409, r.text)
        self.assertIn("child_nin", r.text)
        self.assertEqual(child_row(log), ["Barn av Siv Dobbel", "NULL",
                                          day(10), "0"])
        other_id = sql_value("SELECT c.child_id FROM concern c WHERE"
                             " c.public_id = '%s'"
                             % other.header("Location").rsplit("/", 1)[1])
        self.assertEqual(int(sql_value(
            "SELECT COUNT(*) FROM audit WHERE child_id = %s AND"
            " object_type = 'child' AND action = 'read'" % other_id)), 1)
        # with the date alone it goes on
        r = api("POST", "/api/v1/logs/%s/birth" % log, token("ansatt"),
                xml_body("birth", child_name="Siv Dobbel",
                         child_birthdate=born))
        self.assertEqual(r.status, 200, r.text)
        self.assertEqual(child_row(log), ["Siv Dobbel", born, day(10), "0"])
        # the number later: the form asks for it alone, and its date is
        # the register's (the date typed first was a day off)
        page = c.get("/logs/" + log).text
        self.assertIn('action="/logs/%s/birth"' % log, page)
        self.assertNotIn("birth-child_birthdate", page)
        own = nin_for(datetime.date.fromisoformat(day(-4)),
                      individual=random.randint(500, 940))
        r = api("POST", "/api/v1/logs/%s/birth" % log, token("ansatt"),
                xml_body("birth", child_name="Siv Dobbel", child_nin=own))
        self.assertEqual(r.status, 200, r.text)
        self.assertEqual(child_row(log), ["Siv Dobbel", day(-4), day(10),
                                          "1"])
        self.assertNotIn('action="/logs/%s/birth"' % log,
                         c.get("/logs/" + log).text)

    def test_born_log_has_no_birth_to_register(self):
        """A log about a child born when it began: 409, nothing shown."""
        from caselog_fixtures import open_log
        c = login("ansatt")
        log, _ = open_log(c, "Født Før")
        self.assertNotIn('action="/logs/%s/birth"' % log,
                         c.get("/logs/" + log).text)
        r = api("POST", "/api/v1/logs/%s/birth" % log, token("ansatt"),
                xml_body("birth", child_name="Født Før",
                         child_birthdate="2016-09-02"))
        self.assertEqual(r.status, 409, r.text)

    def test_only_the_holder(self):
        """Someone who may not read the log may not register the birth,
        and learns nothing (404); the access matrix has every role."""
        c = login("ansatt")
        log, _ = unborn_log(c, "Barn av Une Holder", day(15))
        for who in ("ansatt2", "leder2", "ppt"):
            r = api("POST", "/api/v1/logs/%s/birth" % log, token(who),
                    xml_body("birth", child_name="Une Holder",
                             child_birthdate=day(-1)))
            self.assertEqual(r.status, 404, (who, r.text))
        self.assertEqual(child_row(log)[1], "NULL")


if __name__ == "__main__":
    unittest.main()
