"""test_urgent.py: the urgent path. An urgent concern's receipt leads
with the call to the child welfare emergency service and the report of
concern, never with the 14-day decision or "talk to the guardians
first", and speaks to a leader as the one who decides. A report of
concern opened from a concern or a relay log comes filled in with what
the case and the reporter know, so one sent as opened is refused only
for what nobody has said yet.

The texts are checked in English (?lang=en), so the tests do not
depend on the translations; what the page is made of (which heading
comes first, where the links go, which fields fail) does not depend on
the language at all."""
import datetime
import html
import os
import re
import unittest
from html.parser import HTMLParser

from caselog_fixtures import decide, login, new_concern, user_pid
from stafett_test import (Client, concern_fields, count, nin_for, sql,
                          sql_value, today)

LEADER_TOLD = ("Your leader has been alerted", "Your leader has been told",
               "your leader")
GUARDIANS_FIRST = "Talk with the guardians first"


def configured_phone():
    """emergency_phone as the stack's server reads it, or ''."""
    phone = os.environ.get("STAFETT_EMERGENCY_PHONE")
    if phone is not None:
        return phone.strip()
    try:
        with open(os.environ["STAFETT_CONFIG"], encoding="utf-8") as f:
            for line in f:
                k, _, v = line.partition("=")
                if k.strip() == "emergency_phone":
                    return v.strip()
    except (KeyError, OSError):
        pass
    return ""


def main_of(page):
    return page[page.index("<main"):page.index("</main>")]


def text_of(fragment):
    t = re.sub(r"<[^>]+>", " ", fragment)
    return re.sub(r"\s+", " ", html.unescape(t)).strip()


def write(client, lang="en", **changes):
    """A concern by the client's user; (its id, its receipt's HTML)."""
    csrf = client.csrf("/forms/concern")
    r = client.post("/forms/concern", concern_fields(csrf, **changes))
    assert r.status == 303, (r.status, r.text[:2000])
    loc = r.header("Location")
    cid = re.match(r"^/concerns/([A-Za-z0-9_-]{22})\?new=1$", loc).group(1)
    page = client.get(loc + "&lang=" + lang)
    assert page.status == 200, page.status
    return cid, page.text


class FormFields(HTMLParser):
    """The fields a browser sends with the form whose action starts with
    action, as the page has them (no JavaScript: what is checked,
    typed or selected), and its submit button."""

    def __init__(self, action):
        super().__init__()
        self.action, self.fields, self.values = action, [], {}
        self.inside, self.textarea, self.select = False, None, None

    def add(self, name, value):
        self.fields.append((name, value))
        self.values.setdefault(name, []).append(value)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.inside = a.get("action", "").startswith(self.action)
        if not self.inside:
            return
        if tag == "input" and "name" in a:
            kind = a.get("type", "text")
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    self.add(a["name"], a.get("value", "on"))
            elif kind not in ("submit", "button", "reset"):
                self.add(a["name"], a.get("value", ""))
        elif tag == "textarea":
            self.textarea = [a["name"], ""]
        elif tag == "select":
            self.select = a.get("name")
        elif tag == "option" and "selected" in a and self.select:
            self.add(self.select, a.get("value", ""))
        elif tag == "button" and a.get("name") == "_action" and \
                a.get("value") == "submit" and \
                "default-submit" not in a.get("class", ""):
            self.add("_action", "submit")

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "textarea" and self.textarea is not None:
            self.add(*self.textarea)
            self.textarea = None
        elif tag == "form":
            self.inside = False


def form_of(page, action="/forms/cw-report"):
    p = FormFields(action)
    p.feed(page)
    return p


def refused_fields(page):
    """The fields an error summary names, as instance paths."""
    summary = re.search(r'<div class="error-summary".*?</ul>', page, re.S)
    assert summary, "no error summary"
    return {"/" + i[len("f-"):].replace("-", "/")
            for i in re.findall(r'href="#(f-[^"]+)"', summary.group(0))}


def has_reported(username):
    """Whether the user sent a report of concern with a phone number
    before (then the form offers it again)."""
    return int(sql_value(
        "SELECT COUNT(*) FROM form_submission s JOIN app_user u ON"
        " u.id = s.author_id WHERE u.username = '%s' AND s.form_id ="
        " 'cw-report' AND ExtractValue(s.instance,"
        " '/cw_report/reporter/phone') != ''" % username)) > 0


class UrgentReceiptTest(unittest.TestCase):
    """The page after a concern is sent, in every variant: urgent or
    not, written by an employee or by the unit's leader, anonymous or
    named."""

    @classmethod
    def setUpClass(cls):
        cls.clients = {}
        for user in ("ansatt", "leder"):
            cls.clients[user] = Client()
            cls.clients[user].login(user)

    def variant(self, user, urgent, anonymous, **more):
        changes = dict(urgent="true" if urgent else "false", **more)
        if anonymous:
            changes.update(anonymous="true", child__name="",
                           child__birthdate="", child__nin="",
                           child__age="6")
        return write(self.clients[user], **changes)

    def test_every_variant(self):
        for user in ("ansatt", "leder"):
            for urgent in (True, False):
                for anonymous in (True, False):
                    with self.subTest(user=user, urgent=urgent,
                                      anonymous=anonymous):
                        cid, page = self.variant(user, urgent, anonymous)
                        self.check(user, urgent, anonymous, cid, page)

    def check(self, user, urgent, anonymous, cid, page):
        main = main_of(page)
        text = text_of(main)
        first_heading = re.search(r"<h([1-6])[^>]*>(.*?)</h\1>", main, re.S)
        report = '/forms/cw-report?concern=%s' % cid
        if urgent:
            # the page's first heading is the call, in the call-out that
            # comes before the receipt
            self.assertEqual(first_heading.group(1), "1")
            self.assertEqual(text_of(first_heading.group(2)),
                             "Phone the child welfare emergency service now")
            call = main.index('id="call-now"')
            self.assertLess(call, main.index('class="receipt"'))
            self.assertLess(main.index("<h1"), main.index('class="receipt"'))
            # first the call, 112, then the big button to the report
            self.assertLess(call, main.index("112"))
            self.assertLess(main.index("112"), main.index(report))
            self.assertRegex(main, r'<a class="button primary big" href="%s"'
                             % re.escape(report))
            # the first link of the page's content is the number (when
            # configured) or the report
            first_link = re.search(r'<a [^>]*href="([^"]+)"', main).group(1)
            phone = configured_phone()
            if phone:
                self.assertEqual(first_link, "tel:" + re.sub(r"[^+0-9]", "",
                                                             phone))
                self.assertIn(html.escape(phone), main)
            else:
                self.assertEqual(first_link, report)
                self.assertNotIn("tel:", main)
            # the report needs no second link further down
            self.assertEqual(main.count('href="%s"' % report), 1)
            # the 14-day decision does not lead: it is not on the
            # receipt at all, only in the facts and the decision form
            receipt = main[main.index('class="receipt"'):]
            receipt = receipt[:receipt.index("</div>")]
            self.assertNotIn("Decide the way forward by", receipt)
            self.assertIn("do not talk with the guardians about it first",
                          text)
            self.assertIn("The concern is urgent: decide at once", text)
        else:
            self.assertEqual(first_heading.group(1), "1")
            self.assertEqual(text_of(first_heading.group(2)),
                             "The concern is registered")
            self.assertNotIn('id="call-now"', main)
            self.assertIn("Decide the way forward by", text)
            self.assertIn(report, main)
        # nobody is told to talk with the guardians first when it is
        # urgent; otherwise (nothing about violence) it is the advice
        if urgent:
            self.assertNotIn(GUARDIANS_FIRST, text)
        else:
            self.assertIn(GUARDIANS_FIRST, text)
        # the leader is not told that their leader was told
        if user == "leder":
            for words in LEADER_TOLD:
                self.assertNotIn(words, text)
            self.assertIn("You lead the unit", text)
        else:
            self.assertIn("Your leader has been alerted" if urgent else
                          "Your leader has been told", text)
            self.assertNotIn("You lead the unit", text)
        if urgent and anonymous:
            self.assertIn("The concern is anonymous: give the child’s name",
                          text)
        else:
            self.assertNotIn("The concern is anonymous", text)

    def test_violence_means_the_guardians_are_not_told_first(self):
        # not urgent, but it names violence or abuse
        cid, page = self.variant("ansatt", False, False,
                                 risk="violations unavailable")
        text = text_of(main_of(page))
        self.assertNotIn(GUARDIANS_FIRST, text)
        self.assertIn("The concern names violence or abuse: do not talk with"
                      " the guardians about it first", text)

    def test_urgent_concern_later_and_once_reported(self):
        c = self.clients["ansatt"]
        cid, _ = self.variant("ansatt", True, False)
        page = c.get("/concerns/%s?lang=en" % cid).text
        main = main_of(page)
        # the concern's own heading first, then the call
        first = re.search(r"<h([1-6])[^>]*>(.*?)</h\1>", main, re.S)
        self.assertEqual(first.group(1), "1")
        self.assertTrue(text_of(first.group(2)).startswith("Concern "))
        self.assertLess(main.index("<h1"), main.index('id="call-now"'))
        self.assertIn("Urgent: phone the child welfare emergency service",
                      text_of(main))
        self.assertIn('href="/forms/cw-report?concern=%s"' % cid, main)
        # the leader reading it is not told about "your leader" either
        lp = self.clients["leder"].get("/concerns/%s?lang=en" % cid).text
        for words in LEADER_TOLD:
            self.assertNotIn(words, text_of(main_of(lp)))
        # once a report of concern is made, the call-out says so and
        # where to follow it, and offers no second report at the top
        form = form_of(c.get("/forms/cw-report?concern=%s" % cid).text)
        fields = [f for f in form.fields if f[0] not in (
            "/cw_report/reporter/phone", "/cw_report/guardians_informed",
            "/cw_report/leader/name")]
        fields += [("/cw_report/reporter/phone", "+47 912 34 567"),
                   ("/cw_report/guardians_informed", "yes"),
                   ("/cw_report/leader/name", "Per Hansen")]
        r = c.post("/forms/cw-report?concern=%s" % cid, fields)
        self.assertEqual(r.status, 303, refused_fields(r.text)
                         if r.status == 422 else r.status)
        main = main_of(c.get("/concerns/%s?lang=en" % cid).text)
        call = main[main.index('id="call-now"'):]
        call = call[:call.index("</section>")]
        self.assertIn("A report of concern to child welfare was made on",
                      text_of(call))
        self.assertIn('href="#notices"', call)
        self.assertNotIn("cw-report", call)

    def test_a_closed_urgent_concern_asks_for_no_call(self):
        c = self.clients["ansatt"]
        cid, _ = self.variant("ansatt", True, False)
        self.assertEqual(decide(c, cid, "close", "Barnevernet overtok.")
                         .status, 303)
        main = main_of(c.get("/concerns/%s?lang=en" % cid).text)
        self.assertNotIn('id="call-now"', main)


class ReportPrefillTest(unittest.TestCase):
    """The report of concern made from a concern or a log: filled in,
    and sent as opened refused only for what nobody knows yet."""

    @classmethod
    def setUpClass(cls):
        cls.ansatt = login("ansatt")
        cls.leder = login("leder")

    def open_report(self, client, query):
        page = client.get("/forms/cw-report?" + query)
        self.assertEqual(page.status, 200, page.text[:500])
        return page.text, form_of(page.text)

    def send_as_opened(self, client, query, form):
        return client.post("/forms/cw-report?" + query, form.fields)

    def test_from_a_concern_everything_it_knows(self):
        born = datetime.date(2019, 4, 23)
        nin = nin_for(born, synthetic=True)
        cid = new_concern(
            self.ansatt, "Mina Meldesen", nin=nin, urgent="true",
            observation__seen="Mina hadde blåmerker på begge armene.",
            observation__child_said="\"Pappa ble sint.\"",
            observation__duration="months",
            observation__earlier="true",
            observation__earlier_details="Samtale med mor i vår.",
            risk="violations harmful_care",
            sharing__shared_with="colleague leader",
            sharing__guardians_informed="no",
            sharing__guardians_not_informed_why="Mistanke om vold hjemme.")
        page, form = self.open_report(self.ansatt, "concern=" + cid)
        v = {k: vs[0] for k, vs in form.values.items()}
        self.assertEqual(v["/cw_report/reporter/name"], "Ingrid Solberg")
        self.assertEqual(v["/cw_report/reporter/unit"], "Fagerli barnehage")
        self.assertEqual(v["/cw_report/reporter/role"], "kindergarten")
        self.assertEqual(v["/cw_report/child/name"], "Mina Meldesen")
        self.assertEqual(v["/cw_report/child/birthdate"], born.isoformat())
        # the identity number the concern has, in the form, never in an
        # address
        self.assertEqual(v["/cw_report/child/nin"], nin)
        for href in re.findall(r'(?:href|action)="([^"]*)"', page):
            self.assertNotIn(nin, href)
        concern = v["/cw_report/concern"]
        self.assertIn("Mina hadde blåmerker på begge armene.", concern)
        self.assertIn("\"Pappa ble sint.\"", html.unescape(concern))
        self.assertIn("Samtale med mor i vår.", concern)
        ref = sql_value("SELECT reference FROM concern WHERE public_id ="
                        " '%s'" % cid)
        self.assertIn(ref, concern)
        self.assertEqual(v["/cw_report/duration"], "months")
        self.assertEqual(sorted(form.values["/cw_report/risk"]),
                         ["harmful_care", "violations"])
        self.assertEqual(v["/cw_report/urgent"], "true")
        # not told of the concern, for a reason that holds for the report
        self.assertEqual(v["/cw_report/guardians_informed"], "no")
        self.assertEqual(v["/cw_report/guardians_not_informed_why"],
                         "Mistanke om vold hjemme.")
        self.assertEqual(v["/cw_report/date"], today().isoformat())
        # an employee names the leader who co-signs
        self.assertEqual(v["/cw_report/leader/name"], "")
        # sent as opened: only what nobody knows yet
        phone = has_reported("ansatt")
        r = self.send_as_opened(self.ansatt, "concern=" + cid, form)
        self.assertEqual(r.status, 422)
        want = {"/cw_report/leader/name"}
        if not phone:
            want.add("/cw_report/reporter/phone")
        self.assertEqual(refused_fields(r.text), want)

    def exact_refusals(self, who, client, anonymous=False, **changes):
        if anonymous:
            changes.update(anonymous="true", child__name="",
                           child__birthdate="", child__nin="",
                           child__age="6")
        cid, _ = write(client, urgent="true", **changes)
        before = count("outbox", "kind = 'cw_report'")
        phone = has_reported(who)
        _, form = self.open_report(client, "concern=" + cid)
        r = self.send_as_opened(client, "concern=" + cid, form)
        want = {"/cw_report/guardians_informed"}
        if who != "leder":
            want.add("/cw_report/leader/name")
        if not phone:
            want.add("/cw_report/reporter/phone")
        if anonymous:
            want |= {"/cw_report/child/name", "/cw_report/child/nin"}
        self.assertEqual(r.status, 422)
        self.assertEqual(refused_fields(r.text), want)
        self.assertEqual(count("outbox", "kind = 'cw_report'"), before)
        return cid, form

    def test_sent_as_opened_by_the_employee(self):
        self.exact_refusals("ansatt", self.ansatt)

    def test_sent_as_opened_by_the_leader(self):
        # the leader who reports is the leader who signs
        cid, form = self.exact_refusals("leder", self.leder)
        self.assertEqual(form.values["/cw_report/leader/name"], ["Per Hansen"])

    def test_anonymous_asks_for_the_child_too(self):
        self.exact_refusals("ansatt", self.ansatt, anonymous=True)
        self.exact_refusals("leder", self.leder, anonymous=True)

    def test_what_is_asked_once_is_kept_and_sent(self):
        c = login("ansatt2")
        cid, _ = write(c, urgent="true")
        _, form = self.open_report(c, "concern=" + cid)
        fields = [f for f in form.fields if f[0] not in (
            "/cw_report/reporter/phone", "/cw_report/guardians_informed",
            "/cw_report/leader/name")]
        fields += [("/cw_report/reporter/phone", "+47 400 00 001"),
                   ("/cw_report/guardians_informed", "yes"),
                   ("/cw_report/leader/name", "Per Hansen")]
        r = c.post("/forms/cw-report?concern=" + cid, fields)
        self.assertEqual(r.status, 303, r.text[:1000])
        self.assertEqual(r.header("Location"), "/concerns/%s" % cid)
        self.assertEqual(count("outbox", "kind = 'cw_report' AND concern_id ="
                               " (SELECT id FROM concern WHERE public_id ="
                               " '%s')" % cid), 1)
        # the next report offers the phone number given
        cid2, _ = write(c, urgent="true")
        _, form = self.open_report(c, "concern=" + cid2)
        self.assertEqual(form.values["/cw_report/reporter/phone"],
                         ["+47 400 00 001"])

    def test_nothing_for_someone_who_may_not_report_it(self):
        cid = new_concern(self.ansatt, "Hemmelig Barn",
                          observation__seen="Skal ikke sees av andre.")
        other = login("ansatt2")
        page = other.get("/forms/cw-report?concern=%s" % cid)
        self.assertIn(page.status, (403, 404))
        self.assertNotIn("Hemmelig Barn", page.text)
        self.assertNotIn("Skal ikke sees av andre.", page.text)
        # nor is a read of it recorded for them
        self.assertEqual(int(sql_value(
            "SELECT COUNT(*) FROM audit a JOIN app_user u ON"
            " u.id = a.user_id JOIN concern c ON c.id = a.object_id"
            " WHERE u.username = 'ansatt2' AND a.object_type = 'concern'"
            " AND c.public_id = '%s'" % cid)), 0)

    def test_the_read_is_audited(self):
        cid = new_concern(self.ansatt, "Revidert Barn")
        n = ("SELECT COUNT(*) FROM audit a JOIN concern c ON"
             " c.id = a.object_id WHERE a.object_type = 'concern' AND"
             " a.action = 'read' AND c.public_id = '%s'" % cid)
        before = int(sql_value(n))
        self.open_report(self.ansatt, "concern=" + cid)
        self.assertGreater(int(sql_value(n)), before)

    def test_from_a_relay_log(self):
        cid = new_concern(
            self.ansatt, "Loggbarn Melding", urgent="false",
            observation__seen="Kommer ofte sulten og skitten.",
            observation__duration="long", risk="harmful_care")
        r = decide(self.ansatt, cid, "2", "Samarbeid med helsestasjonen.")
        self.assertEqual(r.status, 303, r.text[:500])
        log = re.search(r"/logs/([A-Za-z0-9_-]{22})",
                        r.header("Location")).group(1)
        csrf = self.ansatt.csrf("/logs/%s" % log)
        r = self.ansatt.post("/logs/%s/measures" % log, [
            ("csrf", csrf), ("what", "Frokost i barnehagen"),
            ("goal", "Mett og klar til lek"), ("start", today().isoformat()),
            ("evaluation", (today() + datetime.timedelta(days=30))
             .isoformat()),
            ("responsible", user_pid("ansatt"))])
        self.assertIn(r.status, (201, 303), r.text[:500])
        page, form = self.open_report(self.ansatt, "log=" + log)
        v = {k: vs[0] for k, vs in form.values.items()}
        self.assertEqual(v["/cw_report/reporter/name"], "Ingrid Solberg")
        self.assertEqual(v["/cw_report/child/name"], "Loggbarn Melding")
        self.assertEqual(v["/cw_report/child/birthdate"], "2016-09-02")
        self.assertIn("Kommer ofte sulten og skitten.",
                      v["/cw_report/concern"])
        self.assertIn("Frokost i barnehagen", v["/cw_report/concern"])
        self.assertEqual(v["/cw_report/duration"], "long")
        self.assertEqual(form.values["/cw_report/risk"], ["harmful_care"])
        self.assertEqual(v["/cw_report/date"], today().isoformat())
        phone = has_reported("ansatt")
        r = self.send_as_opened(self.ansatt, "log=" + log, form)
        self.assertEqual(r.status, 422)
        want = {"/cw_report/guardians_informed", "/cw_report/leader/name"}
        if not phone:
            want.add("/cw_report/reporter/phone")
        self.assertEqual(refused_fields(r.text), want)


if __name__ == "__main__":
    unittest.main()
