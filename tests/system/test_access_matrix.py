"""test_access_matrix.py: deny unless a rule grants it, proved over real
HTTP. One table (ROWS) names, for every route of the route table, who
may use it: each actor (a role, in their own or another unit, with or
without the guardians' consent covering their service) gets 'A' (allow)
or 'D' (deny). The test runs every cell against its own fixture cases,
asserts each one, and prints every cell that differs at the end.

`stafett routes` is the authority on which routes exist: a route without
a row, or a row for a route that no longer exists, fails the test.

What a cell's letter means:

  A  allowed: the request gets past the access checks. Any answer but a
     refusal counts (200, 201, 303 elsewhere than to the login page, 409
     and 422 when the case itself says no). A browser page whose
     stylesheet is not written yet answers 500 after the checks; that
     counts as allowed only while forms/xsl/<page>.xsl does not exist.
  D  denied: 401, 403 or 404 (the API and a browser POST without a
     session get 401, a browser GET is sent to /login?next=...).
  R  refused by a rule of the case after the access checks (409 or
     422), e.g. the consent no longer covers a proposed holder.
  N  nothing happens, though the answer does not say so: deleting a
     draft that is not one's own answers like deleting one's own.

Every cell that is not 'A' runs first, and what they did to the fixture
cases (events, participants, consents, handovers, measures, minutes,
notices, submissions, concerns, drafts, guide steps, partners) must be
exactly nothing; then the 'A' cells run.
"""
import base64
import copy
import datetime
import itertools
import os
import re
import secrets
import unittest
import urllib.parse
import xml.etree.ElementTree as ET
from xml.sax.saxutils import escape

import fake_idp
from stafett_test import (Client, api, concern_fields, concern_xml, csrf_of,
                          sql, sql_value, stafett, today, token)
from test_forms import Page, browser_fields, case

# The fake identity providers, for the rows of logging in with one.
IDP = None


def setUpModule():
    global IDP
    IDP = fake_idp.started()


def tearDownModule():
    IDP.close()

# ---------------------------------------------------------------- actors

# The columns, in the order of the letters in ROWS. Each actor is a user
# (None: nobody logged in) and the context whose cases they are tried on:
# "main" cases have a consent valid today that covers the health clinic;
# in "lapsed" cases the same consent expired yesterday, so the health
# clinic nurse, still a participant on paper, must be refused at once.
ACTORS = [
    # column, user, context: who they are
    ("anon", None, "main"),             # nobody logged in
    ("admin", "admin", "main"),         # the municipal administrator
    ("holder", "ansatt", "main"),       # the relay holder, home unit
    ("part", "helsesykepleier", "main"),    # participant, consent covers
    ("nocover", "nav", "main"),         # participant no consent covers
    ("lapsed", "helsesykepleier", "lapsed"),    # consent expired
    ("leader", "leder", "main"),        # leader of the home unit
    ("colleague", "ansatt2", "main"),   # home unit, not in the case
    ("leader2", "leder2", "main"),      # leader of another unit
    ("guardian", "forelder", "main"),   # guardian of the child
    ("citizen", "ungdom", "main"),      # a citizen, not the child's
]
COLS = [a[0] for a in ACTORS]

# ---------------------------------------------------------------- the table


class Row:
    """One route (or one variant of it) and its expected letters.

    obj: the fixture object in {id}, or the form id in {form}; query: the
    query string, with {names} of fixture objects; body: what a POST
    sends: a list of (name, value) fields (sent as a form by the browser
    and as <input><name>value</name>...</input> by the API), ("form",
    id) for a form instance, or a special kind ("login", "logout",
    "multipart"); page: the stylesheet the answer is rendered with (the
    browser's page; for closing, the archive copy's, in the API too);
    fresh: the row changes its case for good (closes it, moves the
    baton, withdraws the consent), so it gets new cases of its own.
    """

    def __init__(self, method, pattern, expect, obj=None, variant="",
                 query="", body=None, page=None, fresh=False):
        self.method = method
        self.pattern = pattern
        self.expect = expect.split()
        self.obj = obj
        self.variant = variant
        self.query = query
        self.body = body
        self.page = page
        self.fresh = fresh
        assert len(self.expect) == len(COLS), (pattern, variant)
        assert set(self.expect) <= set("ADRN"), (pattern, variant)

    @property
    def api(self):
        return self.pattern.startswith("/api/")

    @property
    def name(self):
        return "%s %s%s" % (self.method, self.pattern,
                            " [%s]" % self.variant if self.variant else "")


# Fields sent by the actions on a log (the API gets the same as XML).
LEVEL = [("level", "3"), ("reason", "Flere tjenester trengs.")]
PART_ADD = [("user", "{ppt}")]
PART_REMOVE = [("user", "{ppt}"), ("reason", "PPT trengs ikke lenger.")]
NOTE = [("kind", "bright_spot"), ("text", "En god uke i barnehagen.")]
MEETING = [("date", "{in_week}"), ("time", "09:30"),
           ("place", "Møterom 2"), ("agenda", "Status og videre tiltak"),
           ("invite", "{nurse}")]
MEASURE = [("what", "Samtale hver mandag"), ("goal", "Tryggere morgener"),
           ("responsible", "{nurse}"), ("start", "{today}"),
           ("evaluation", "{in_month}")]
CLOSE_ASK = [("reason", "Det går bra nå.")]
# the fixture log's child was born when it began: the holder is told
# (409) that there is no birth to register, after the access checks
BIRTH = [("child_name", "Sara Hansen"), ("child_birthdate", "{today}")]
ROLE = [("role", "group"), ("user", "{nurse}")]
ROLE_END = [("role", "group"), ("user", "{nurse}"),
            ("reason", "Ansvarsgruppen er satt sammen på nytt.")]
LANGUAGE = [("language", "arabisk"), ("interpreter", "true")]
# the fixture meeting invites the nurse, not the family: only she answers
ANSWER = [("meeting", "{meeting}"), ("answer", "coming")]
# the fixture log's child was born when it began: the holder is told
# (409) that the register names the guardians, after the access checks
EXPECTANT = [("nin", "not a number")]
# the guardian's feedback on the closed log (the first answer counts; a
# second is refused as answered, after the access checks)
FEEDBACK = [("heard", "4"), ("helped", "5"), ("comment", "Godt samarbeid.")]
DECIDE = [("decision", "1"), ("reason", "Tiltak i egen barnehage først.")]
DISCUSSED = [("team", "Tverrfaglig team"), ("advice", "Prøv fast voksen.")]
# the teams (0040_team.sql): the fixture's discussion team has the nurse
# as a member and the leader as its leader; the read-only concern waits
# on its meeting next week
TEAM_MEETING = [("date", "{in_week}"), ("time", "14:00"),
                ("place", "Møterom 3")]
AGENDA = [("meeting", "{team_meeting}")]
ADVICE = [("advice", "Snakk med foreldrene om det dere ser.")]
TEAM = [("name", "Matrisetest nytt team"), ("kind", "discussion"),
        ("purpose", "Matrisetest"), ("meets", "")]
TEAM_EDIT = [("name", "{team_name}"), ("purpose", "Endret"),
             ("meets", "Hver uke"), ("active", "yes")]
TEAM_MEMBER = [("person", "helsesykepleier"), ("role", "member")]
# someone not in the team: ending nothing changes nothing
TEAM_REMOVE = [("person", "laerer")]
# the intake team (0041_team_referral.sql)
REFER = [("team", "{team_intake}"), ("reason", "Familien trenger mer.")]
REFER_DECIDE = [("decision", "wait"), ("priority", "1"),
                ("reason", "Venter på plass.")]
REFER_DISCUSS = [("date", "{today}"), ("with_referrer", "true"),
                 ("summary", "Gjennomgang med henviser.")]
REFER_END = [("reason", "Målene er nådd.")]
# siblings (0042_family.sql): a reference that names no log the holder
# reads is refused after the checks
SIBLING = [("sibling", "NOPE-0000")]
RECEIVE = [("decision", "answer"),
           ("answer", "Takk, vi følger opp og tar kontakt.")]
REFUSE = [("reason", "Har ikke kapasitet nå.")]
NOTHING = []
WITHDRAW = [("confirm", "yes")]
ARRIVED = [("how", "Ringte mottakeren; de har den.")]
# Every kind of e-mail ticked: saving changes nothing anyone gets.
EMAIL_TOPICS = [("topic", t) for t in (
    "concern.new", "concern.urgent", "concern.overdue", "concern.passed",
    "concern.answered", "log.participant",
    "handover.request", "handover.answer", "measure.new", "measure.overdue",
    "meeting.invite", "consent.expiring", "consent.ended",
    "log.close_request", "other")]
STEP = [("level", "3"), ("title_nb", "Matrisetest: nytt steg"),
        ("title_en", "Matrix test: new step"), ("form", ""), ("days", "")]
STEP_EDIT = [("title_nb", "Matrisetest: endret steg"),
             ("title_en", "Matrix test: changed step"), ("form", ""),
             ("days", "")]
# A partner that accepts cancellations only: nothing is routed to it.
PARTNER = [("name", "Matrisetest ny partner"), ("kind", "other"),
           ("endpoint", "https://matrix.example/ny"), ("auth", "bearer"),
           ("accepts", "cancellation")]
PARTNER_EDIT = [("name", "Matrisetest partner"), ("kind", "other"),
                ("endpoint", "https://matrix.example/endret"),
                ("auth", "mtls"), ("accepts", "cancellation")]

# Units and people (admin pages): a new one (the first run adds it, a
# later run on the same stack is refused for its taken code or user
# name: a 422, allowed as far as access goes), and the fixtures'
# changed. One's own e-mail address: an address nobody can send to, so
# that no actor's real address changes (a 422 past the access checks).
UNIT = [("code", "matrisetest-ny"), ("name", "Matrisetest ny enhet"),
        ("kind", "other")]
UNIT_EDIT = [("name", "Matrisetest enhet, endret"), ("kind", "other"),
             ("external", "yes")]
PERSON = [("username", "matrisetest.ny"),
          ("display_name", "Matrisetest Ny Person"), ("role", "employee"),
          ("unit", "{unit}"), ("email", "")]
PERSON_EDIT = [("username", "matrisetest.person"),
               ("display_name", "Matrisetest Person, endret"),
               ("role", "leader"), ("unit", "{unit}"),
               ("email", "matrisetest@example.invalid")]
OWN_ADDRESS = [("email", "not an address")]

# The forms filled in for a case, as the browser (GET and POST) and the
# API (POST) reach them, with who may: the right each needs on the log.
CASE_FORMS = [
    # form,        variant,       query,                      expect
    ("consent",    "for a log",   "log={log}",
     "D D A D D D D D D D D"),
    ("handover",   "for a log",   "log={log}&to={nurse}",
     "D D A D D D A D D D D"),
    ("minutes",    "for a meeting", "log={log}&meeting={meeting}",
     "D D A A D D D D D D D"),
    ("evaluation", "of a measure", "measure={measure}",
     "D D A A D D D D D D D"),
    ("cw-report",  "for a log",   "log={log}",
     "D D A A D D D D D D D"),
    ("cw-report",  "for a concern", "concern={concern}",
     "D D A D D D A D D D D"),
    ("referral",   "for a log",   "log={log}",
     "D D A D D D D D D D D"),
    ("nav-notice", "for a log",   "log={log}",
     "D D A D D D D D D D D"),
    ("closing",    "of a log",    "log={log}",
     "D D A D D D D D D D D"),
]

# Why the letters are what they are (shared/domain.md):
# - A relay log belongs to the child: the holder, participants whose
#   service a valid consent covers, the home unit's leader (who sees the
#   unit's cases) and the guardians read it; nobody else, administrators
#   included (they manage configuration, not cases).
# - The holder's work (participants, meetings, measures, consent,
#   referrals, closing) is the holder's alone; the leader steps in to
#   change the level or hand the baton over when the holder is gone.
# - Notes and bright spots: anyone in the case while it is open. Only the
#   guardians ask for the log to be closed, and they, the youth or the
#   holder on their behalf withdraw a consent. Who read what: the
#   guardians and the holder.
# - Consent is checked on every request: NAV takes part on paper but no
#   consent covers it; the lapsed nurse's consent expired yesterday. The
#   proposed holder is shown the handover only while consent covers her
#   service, and cannot accept without it (R); refusing shares nothing
#   with her, so she may still say no.
# - A concern is its author's and the unit leader's until it is in a log;
#   a form submission and a draft are their author's.
#
# - Partners and their queues are configuration: the administrator's
#   alone (the queue names notices by id and type, never a child). The
#   dead notice is to a second partner that stays paused, so, once
#   sent back to the queue, it waits (the stack's own
#   notify would otherwise try it while other rows are checked).
#
# - Units and the people who log in are configuration too: the
#   administrator's alone. Everyone sets their own e-mail address.
#
#   columns:  anon admin holder part nocover lapsed leader colleague
#             leader2 guardian citizen
ROWS = [
    Row("GET", "/healthz",                 "A A A A A A A A A A A"),
    Row("GET", "/metrics",                 "A A A A A A A A A A A"),
    Row("GET", "/login",                   "A A A A A A A A A A A"),
    Row("GET", "/consent-info",            "A A A A A A A A A A A",
        page="consent-info"),
    Row("POST", "/login",                  "A A A A A A A A A A A",
        body="login"),
    # logging in with a provider (test_oidc.py): anyone may begin, and
    # is sent to the provider; nobody finishes without a login begun in
    # that browser; the provider's logout of a session nobody has ends
    # nothing, and a logout token that is not one is refused
    Row("POST", "/login/{provider}",       "A A A A A A A A A A A",
        obj="idporten", body="oidc"),
    Row("GET", "/login/{provider}/callback", "D D D D D D D D D D D",
        obj="idporten", query="state=matrix&code=matrix"),
    Row("GET", "/logout/{provider}/frontchannel", "A A A A A A A A A A A",
        obj="idporten", query="iss={idporten_issuer}&sid=matrix-nobody"),
    Row("POST", "/logout/{provider}/backchannel", "D D D D D D D D D D D",
        obj="staff", body=[("logout_token", "matrix.not.token")]),
    Row("GET", "/",                        "D A A A A A A A A A A",
        page="home"),
    # forms of staff; a concern starts here
    Row("GET", "/forms/{form}",            "D D A A A A A A A D D",
        obj="concern", variant="a new concern", page="form"),
    Row("POST", "/forms/{form}",           "D D A A A A A A A D D",
        obj="concern", variant="a new concern", body=("form", "concern"),
        page="form"),
    Row("GET", "/forms/{form}",            "D D A D D D D D D D D",
        obj="concern", variant="the holder's draft", query="draft={draft}",
        page="form"),
    Row("GET", "/concerns/{id}",           "D D A D D D A D D D D",
        obj="concern", page="concern"),
    # the family's feedback when a log closes: the person asked only;
    # the counts per service: a leader (their unit), the administrator
    Row("GET", "/feedback/{id}",           "D D D D D D D D D A D",
        obj="feedback", page="feedback"),
    Row("POST", "/feedback/{id}",          "D D D D D D D D D A D",
        obj="feedback", body=FEEDBACK, page="feedback"),
    Row("GET", "/feedback",                "D A D D D D A D A D D",
        page="feedback-summary"),
    Row("GET", "/api/v1/feedback/{id}",    "D D D D D D D D D A D",
        obj="feedback"),
    Row("POST", "/api/v1/feedback/{id}",   "D D D D D D D D D A D",
        obj="feedback", body=FEEDBACK),
    Row("GET", "/api/v1/feedback",         "D A D D D D A D A D D"),
    Row("GET", "/submissions/{id}",        "D D A D D D D D D D D",
        obj="submission", page="submission"),
    # a two-year consultation: its author, the nurse who took part (the
    # parents' consent on it names her health clinic: the log's lapsed
    # consent is not this one), and the leader of the author's unit
    Row("GET", "/consultations/{id}",      "D D A A D A A D D D D",
        obj="consultation", page="consultation"),
    Row("POST", "/drafts/{id}/delete",     "D D A N N N N N N D D",
        obj="draft", body=NOTHING),     # after the draft's GET: it goes
    Row("GET", "/api/v1/forms",            "D A A A A A A A A A A"),
    Row("GET", "/api/v1/forms/{form}",     "D A A A A A A A A A A",
        obj="consent"),
    Row("GET", "/api/v1/forms/{form}/schema", "D A A A A A A A A A A",
        obj="consent"),
    Row("POST", "/api/v1/forms/{form}",    "D D A A A A A A A D D",
        obj="concern", variant="a new concern", body=("form", "concern")),
    Row("GET", "/api/v1/concerns/{id}",    "D D A D D D A D D D D",
        obj="concern"),
    Row("GET", "/api/v1/submissions/{id}", "D D A D D D D D D D D",
        obj="submission"),
    Row("GET", "/api/v1/consultations/{id}", "D D A A D A A D D D D",
        obj="consultation"),
    # the relay log
    Row("GET", "/logs/{id}",               "D D A A D D A D D A D",
        obj="log", page="log"),
    Row("GET", "/logs/{id}/access",        "D D A D D D D D D A D",
        obj="log", page="access"),
    Row("GET", "/logs/{id}/archive",       "D D A A D D A D D A D",
        obj="closed_log", variant="closed"),
    Row("POST", "/logs/{id}/level",        "D D A D D D A D D D D",
        obj="log", body=LEVEL, page="log"),
    Row("POST", "/logs/{id}/participants", "D D A D D D D D D D D",
        obj="log", body=PART_ADD, page="log"),
    Row("POST", "/logs/{id}/participants/remove", "D D A D D D D D D D D",
        obj="log", body=PART_REMOVE, page="log"),
    Row("POST", "/logs/{id}/notes",        "D D A A D D A D D A D",
        obj="log", body=NOTE, page="log"),
    Row("POST", "/logs/{id}/notes",        "D D D D D D D D D D D",
        obj="closed_log", variant="closed", body=NOTE, page="log"),
    Row("POST", "/logs/{id}/meetings",     "D D A D D D D D D D D",
        obj="log", body=MEETING, page="log"),
    Row("POST", "/logs/{id}/measures",     "D D A D D D D D D D D",
        obj="log", body=MEASURE, page="log"),
    Row("POST", "/logs/{id}/meetings/answer", "D D D A D D D D D D D",
        obj="log", body=ANSWER, page="log"),
    Row("POST", "/logs/{id}/expectant",    "D D A D D D D D D D D",
        obj="log", body=EXPECTANT, page="log"),
    Row("POST", "/logs/{id}/expectant",    "D D D D D D D D D D D",
        obj="closed_log", variant="closed", body=EXPECTANT, page="log"),
    Row("POST", "/logs/{id}/meetings/answer", "D D D D D D D D D D D",
        obj="closed_log", variant="closed", body=ANSWER, page="log"),
    Row("POST", "/logs/{id}/close-request", "D D D D D D D D D A D",
        obj="log", body=CLOSE_ASK, page="log"),
    Row("POST", "/logs/{id}/birth",        "D D A D D D D D D D D",
        obj="log", body=BIRTH, page="log"),
    Row("POST", "/logs/{id}/birth",        "D D D D D D D D D D D",
        obj="closed_log", variant="closed", body=BIRTH, page="log"),
    Row("POST", "/logs/{id}/roles",        "D D A D D D D D D D D",
        obj="log", body=ROLE, page="log"),
    Row("POST", "/logs/{id}/roles",        "D D D D D D D D D D D",
        obj="closed_log", variant="closed", body=ROLE, page="log"),
    Row("POST", "/logs/{id}/roles/end",    "D D A D D D D D D D D",
        obj="log", body=ROLE_END, page="log"),
    Row("POST", "/logs/{id}/roles/end",    "D D D D D D D D D D D",
        obj="closed_log", variant="closed", body=ROLE_END, page="log"),
    Row("POST", "/logs/{id}/language",     "D D A D D D D D D D D",
        obj="log", body=LANGUAGE, page="log"),
    Row("POST", "/logs/{id}/language",     "D D D D D D D D D D D",
        obj="closed_log", variant="closed", body=LANGUAGE, page="log"),
    Row("POST", "/concerns/{id}/level",    "D D A D D D A D D D D",
        obj="concern_b", body=DECIDE, page="concern"),
    # the anonymous view: its readers, and the members of the team whose
    # agenda has it (the nurse, in both her columns)
    Row("GET", "/concerns/{id}/anonymous", "D D A A D A A D D D D",
        obj="concern_anon", page="anonymous"),
    # a concern on a team's agenda: its author (or their leader) puts it
    # on a meeting (again: refused as there already) or takes it off; a
    # member records the team's advice (once: a second is refused)
    Row("POST", "/concerns/{id}/agenda",   "D D A D D D A D D D D",
        obj="concern", body=AGENDA, page="concern"),
    Row("POST", "/agenda/{id}/advice",     "D D D A D A A D D D D",
        obj="agenda", body=ADVICE, page="team"),
    Row("POST", "/agenda/{id}/withdraw",   "D D A D D D A D D D D",
        obj="agenda", body=NOTHING, page="concern"),
    # a family referred to a team with an intake (the nurse leads it): the
    # log's readers and the team see it; the holder refers, the team's
    # leader decides (the fixture family is in already: refused after
    # the checks), its members record discussions, the holder or the
    # team's leader ends it
    Row("POST", "/logs/{id}/team-referrals", "D D A D D D D D D D D",
        obj="log", body=REFER, page="log"),
    Row("POST", "/logs/{id}/team-referrals", "D D D D D D D D D D D",
        obj="closed_log", variant="closed", body=REFER, page="log"),
    Row("POST", "/logs/{id}/family",       "D D A D D D D D D D D",
        obj="log", body=SIBLING, page="log"),
    Row("POST", "/logs/{id}/family",       "D D D D D D D D D D D",
        obj="closed_log", variant="closed", body=SIBLING, page="log"),
    Row("POST", "/logs/{id}/family/leave", "D D A D D D D D D D D",
        obj="log", body=NOTHING, page="log"),
    Row("POST", "/logs/{id}/family/leave", "D D D D D D D D D D D",
        obj="closed_log", variant="closed", body=NOTHING, page="log"),
    Row("POST", "/api/v1/logs/{id}/family", "D D A D D D D D D D D",
        obj="log", body=SIBLING),
    Row("POST", "/api/v1/logs/{id}/family", "D D D D D D D D D D D",
        obj="closed_log", variant="closed", body=SIBLING),
    Row("POST", "/api/v1/logs/{id}/family/leave", "D D A D D D D D D D D",
        obj="log", body=NOTHING),
    Row("POST", "/api/v1/logs/{id}/family/leave", "D D D D D D D D D D D",
        obj="closed_log", variant="closed", body=NOTHING),
    Row("GET", "/referrals/{id}",          "D D A A D D A D D D D",
        obj="referral", page="referral"),
    Row("POST", "/referrals/{id}/decide",  "D D R R D D R D D D D",
        obj="referral", body=REFER_DECIDE, page="referral"),
    Row("POST", "/referrals/{id}/discussions", "D D R A D D R D D D D",
        obj="referral", body=REFER_DISCUSS, page="referral"),
    Row("POST", "/referrals/{id}/end",     "D D A A D D R D D D D",
        obj="referral", body=REFER_END, page="referral", fresh=True),
    Row("POST", "/api/v1/logs/{id}/team-referrals", "D D A D D D D D D D D",
        obj="log", body=REFER),
    Row("POST", "/api/v1/logs/{id}/team-referrals", "D D D D D D D D D D D",
        obj="closed_log", variant="closed", body=REFER),
    Row("GET", "/api/v1/referrals/{id}",   "D D A A D D A D D D D",
        obj="referral"),
    Row("POST", "/api/v1/referrals/{id}/decide", "D D R R D D R D D D D",
        obj="referral", body=REFER_DECIDE),
    Row("POST", "/api/v1/referrals/{id}/discussions",
        "D D R A D D R D D D D", obj="referral", body=REFER_DISCUSS),
    Row("POST", "/api/v1/referrals/{id}/end", "D D A A D D R D D D D",
        obj="referral", body=REFER_END, fresh=True),
    # the teams: every member of staff sees them; the team's leader plans
    # its meetings
    Row("GET", "/teams",                   "D D A A A A A A A D D",
        page="teams"),
    Row("GET", "/teams/{id}",              "D D A A A A A A A D D",
        obj="team", page="team"),
    Row("POST", "/teams/{id}/meetings",    "D D D D D D A D D D D",
        obj="team", body=TEAM_MEETING, page="team"),
    Row("GET", "/api/v1/concerns/{id}/anonymous", "D D A A D A A D D D D",
        obj="concern_anon"),
    Row("POST", "/api/v1/concerns/{id}/agenda", "D D A D D D A D D D D",
        obj="concern", body=AGENDA),
    Row("POST", "/api/v1/agenda/{id}/advice", "D D D A D A A D D D D",
        obj="agenda", body=ADVICE),
    Row("POST", "/api/v1/agenda/{id}/withdraw", "D D A D D D A D D D D",
        obj="agenda", body=NOTHING),
    Row("GET", "/api/v1/teams",            "D D A A A A A A A D D"),
    Row("GET", "/api/v1/teams/{id}",       "D D A A A A A A A D D",
        obj="team"),
    Row("POST", "/api/v1/teams/{id}/meetings", "D D D D D D A D D D D",
        obj="team", body=TEAM_MEETING),
    # the teams as the administrator keeps them
    Row("GET", "/admin/teams",             "D A D D D D D D D D D",
        page="teams-admin"),
    Row("POST", "/admin/teams",            "D A D D D D D D D D D",
        body=TEAM, page="teams-admin"),
    Row("GET", "/admin/teams/{id}",        "D A D D D D D D D D D",
        obj="team_admin", page="team-admin"),
    Row("POST", "/admin/teams/{id}",       "D A D D D D D D D D D",
        obj="team_admin", body=TEAM_EDIT, page="team-admin"),
    Row("POST", "/admin/teams/{id}/members", "D A D D D D D D D D D",
        obj="team_admin", body=TEAM_MEMBER, page="team-admin"),
    Row("POST", "/admin/teams/{id}/members/remove", "D A D D D D D D D D D",
        obj="team_admin", body=TEAM_REMOVE, page="team-admin"),
    Row("GET", "/api/v1/admin/teams",      "D A D D D D D D D D D"),
    Row("POST", "/api/v1/admin/teams",     "D A D D D D D D D D D",
        body=TEAM),
    Row("GET", "/api/v1/admin/teams/{id}", "D A D D D D D D D D D",
        obj="team_admin"),
    Row("POST", "/api/v1/admin/teams/{id}", "D A D D D D D D D D D",
        obj="team_admin", body=TEAM_EDIT),
    Row("POST", "/api/v1/admin/teams/{id}/members",
        "D A D D D D D D D D D", obj="team_admin", body=TEAM_MEMBER),
    Row("POST", "/api/v1/admin/teams/{id}/members/remove",
        "D A D D D D D D D D D", obj="team_admin", body=TEAM_REMOVE),
    Row("POST", "/concerns/{id}/discussed", "D D A D D D A D D D D",
        obj="concern", body=DISCUSSED, page="concern"),
    # a concern someone outside the log wrote about its child, passed to
    # the log: its holder and the leader of its unit decide, once
    Row("GET", "/concerns/{id}",           "D D A D D D A D D D D",
        obj="passed", variant="passed to the log", page="concern"),
    Row("POST", "/concerns/{id}/receive",  "D D A D D D A D D D D",
        obj="passed", body=RECEIVE, page="concern", fresh=True),
    # the baton: the pending handover proposes the health clinic nurse
    Row("GET", "/handovers/{id}",          "D D A A D D A D D D D",
        obj="handover", page="handover"),
    Row("POST", "/handovers/{id}/accept",  "D D D A D D D D D D D",
        obj="handover", body=NOTHING, fresh=True),
    Row("POST", "/handovers/{id}/refuse",  "D D D A D D D D D D D",
        obj="handover", body=REFUSE, fresh=True),
    Row("POST", "/handovers/{id}/withdraw", "D D A D D D D D D D D",
        obj="handover", body=NOTHING, fresh=True),
    # consent
    Row("GET", "/consents/{id}",           "D D A A D D A D D A D",
        obj="consent", page="consent"),
    Row("POST", "/consents/{id}/withdraw", "D D A D D D D D D A D",
        obj="consent", body=WITHDRAW, page="consent", fresh=True),
    Row("POST", "/consents/{id}/attachment", "D D A D D D D D D D D",
        obj="consent", body="multipart"),
    Row("GET", "/consents/{id}/scan",      "D D A A D D A D D A D",
        obj="consent"),
    # minutes: final ones are read like the log, a draft is its author's
    Row("GET", "/minutes/{id}",            "D D A A D D A D D A D",
        obj="minutes", variant="final", page="minutes"),
    Row("GET", "/minutes/{id}",            "D D D A D D D D D D D",
        obj="draft_b", variant="the nurse's draft", page="minutes"),
    Row("POST", "/minutes/{id}/finalise",  "D D D A D D D D D D D",
        obj="draft_b", variant="the nurse's draft", body=NOTHING),
    # the action guide
    Row("GET", "/admin/guide",             "D A D D D D D D D D D",
        page="guide"),
    Row("POST", "/admin/guide/steps",      "D A D D D D D D D D D",
        body=STEP, page="guide"),
    Row("POST", "/admin/guide/steps/{id}", "D A D D D D D D D D D",
        obj="step", body=STEP_EDIT, page="guide"),
    Row("POST", "/admin/guide/steps/{id}/delete", "D A D D D D D D D D D",
        obj="step", body=NOTHING),
    Row("GET", "/api/v1/guide",            "D A A A A A A A A A A"),
    # a delivered notice without a receipt: its sender (the holder here)
    # records that it arrived
    Row("GET", "/notices/{id}/confirm",    "D D A D D D D D D D D",
        obj="sent_notice", page="notice"),
    Row("POST", "/notices/{id}/confirm",   "D D A D D D D D D D D",
        obj="sent_notice", body=ARRIVED),
    Row("POST", "/api/v1/notices/{id}/confirm", "D D A D D D D D D D D",
        obj="sent_notice", body=ARRIVED),
    # one's own e-mail choices: everyone logged in, for themselves
    Row("GET", "/settings/email",          "D A A A A A A A A A A",
        page="settings"),
    Row("POST", "/settings/email",         "D A A A A A A A A A A",
        body=EMAIL_TOPICS, page="settings"),
    Row("POST", "/settings/email/address", "D A A A A A A A A A A",
        body=OWN_ADDRESS, page="settings"),
    # units and the people who log in: the administrator's alone; the
    # person is let in again before being deactivated
    Row("GET", "/admin/units",             "D A D D D D D D D D D",
        page="units"),
    Row("POST", "/admin/units",            "D A D D D D D D D D D",
        body=UNIT, page="units"),
    Row("GET", "/admin/units/{id}",        "D A D D D D D D D D D",
        obj="unit", page="unit"),
    Row("POST", "/admin/units/{id}",       "D A D D D D D D D D D",
        obj="unit", body=UNIT_EDIT, page="unit"),
    Row("GET", "/admin/people",            "D A D D D D D D D D D",
        page="people"),
    Row("POST", "/admin/people",           "D A D D D D D D D D D",
        body=PERSON, page="people"),
    Row("GET", "/admin/people/{id}",       "D A D D D D D D D D D",
        obj="person", page="person"),
    Row("POST", "/admin/people/{id}",      "D A D D D D D D D D D",
        obj="person", body=PERSON_EDIT, page="person"),
    Row("POST", "/admin/people/{id}/reactivate", "D A D D D D D D D D D",
        obj="person", body=NOTHING),
    Row("POST", "/admin/people/{id}/deactivate", "D A D D D D D D D D D",
        obj="person", body=WITHDRAW),
    Row("GET", "/api/v1/admin/units",      "D A D D D D D D D D D"),
    Row("POST", "/api/v1/admin/units",     "D A D D D D D D D D D",
        body=UNIT),
    Row("GET", "/api/v1/admin/units/{id}", "D A D D D D D D D D D",
        obj="unit"),
    Row("POST", "/api/v1/admin/units/{id}", "D A D D D D D D D D D",
        obj="unit", body=UNIT_EDIT),
    Row("GET", "/api/v1/admin/people",     "D A D D D D D D D D D"),
    Row("POST", "/api/v1/admin/people",    "D A D D D D D D D D D",
        body=PERSON),
    Row("GET", "/api/v1/admin/people/{id}", "D A D D D D D D D D D",
        obj="person"),
    Row("POST", "/api/v1/admin/people/{id}", "D A D D D D D D D D D",
        obj="person", body=PERSON_EDIT),
    Row("POST", "/api/v1/admin/people/{id}/reactivate",
        "D A D D D D D D D D D", obj="person", body=NOTHING),
    Row("POST", "/api/v1/admin/people/{id}/deactivate",
        "D A D D D D D D D D D", obj="person", body=NOTHING),
    # partners and their queues
    Row("GET", "/admin/partners",          "D A D D D D D D D D D",
        page="partners"),
    Row("POST", "/admin/partners",         "D A D D D D D D D D D",
        body=PARTNER, page="partners"),
    Row("GET", "/admin/partners/{id}",     "D A D D D D D D D D D",
        obj="partner", page="partner"),
    Row("POST", "/admin/partners/{id}",    "D A D D D D D D D D D",
        obj="partner", body=PARTNER_EDIT, page="partner"),
    Row("POST", "/admin/partners/{id}/resume", "D A D D D D D D D D D",
        obj="partner", body=NOTHING),
    Row("POST", "/admin/partners/{id}/pause", "D A D D D D D D D D D",
        obj="partner", body=NOTHING),
    Row("POST", "/admin/notices/{id}/retry", "D A D D D D D D D D D",
        obj="dead_notice", body=NOTHING),
    Row("POST", "/admin/notices/{id}/cancel", "D A D D D D D D D D D",
        obj="dead_notice", body=WITHDRAW),
    Row("GET", "/api/v1/partners",         "D A D D D D D D D D D"),
    Row("POST", "/api/v1/partners",        "D A D D D D D D D D D",
        body=PARTNER),
    Row("GET", "/api/v1/partners/{id}",    "D A D D D D D D D D D",
        obj="partner"),
    Row("POST", "/api/v1/partners/{id}",   "D A D D D D D D D D D",
        obj="partner", body=PARTNER_EDIT),
    Row("POST", "/api/v1/partners/{id}/resume", "D A D D D D D D D D D",
        obj="partner", body=NOTHING),
    Row("POST", "/api/v1/partners/{id}/pause", "D A D D D D D D D D D",
        obj="partner", body=NOTHING),
    Row("POST", "/api/v1/notices/{id}/retry", "D A D D D D D D D D D",
        obj="dead_notice", body=NOTHING),
    Row("POST", "/api/v1/notices/{id}/cancel", "D A D D D D D D D D D",
        obj="dead_notice", body=NOTHING),
    # the same through the API
    Row("GET", "/api/v1/logs/{id}",        "D D A A D D A D D A D",
        obj="log"),
    Row("GET", "/api/v1/logs/{id}/events", "D D A A D D A D D A D",
        obj="log"),
    Row("GET", "/api/v1/logs/{id}/access", "D D A D D D D D D A D",
        obj="log"),
    Row("GET", "/api/v1/logs/{id}/archive", "D D A A D D A D D A D",
        obj="closed_log", variant="closed"),
    Row("POST", "/api/v1/logs/{id}/level", "D D A D D D A D D D D",
        obj="log", body=LEVEL),
    Row("POST", "/api/v1/logs/{id}/participants", "D D A D D D D D D D D",
        obj="log", body=PART_ADD),
    Row("POST", "/api/v1/logs/{id}/participants/remove",
        "D D A D D D D D D D D", obj="log", body=PART_REMOVE),
    Row("POST", "/api/v1/logs/{id}/notes", "D D A A D D A D D A D",
        obj="log", body=NOTE),
    Row("POST", "/api/v1/logs/{id}/notes", "D D D D D D D D D D D",
        obj="closed_log", variant="closed", body=NOTE),
    Row("POST", "/api/v1/logs/{id}/meetings", "D D A D D D D D D D D",
        obj="log", body=MEETING),
    Row("POST", "/api/v1/logs/{id}/measures", "D D A D D D D D D D D",
        obj="log", body=MEASURE),
    Row("POST", "/api/v1/logs/{id}/meetings/answer",
        "D D D A D D D D D D D", obj="log", body=ANSWER),
    Row("POST", "/api/v1/logs/{id}/expectant", "D D A D D D D D D D D",
        obj="log", body=EXPECTANT),
    Row("POST", "/api/v1/logs/{id}/expectant", "D D D D D D D D D D D",
        obj="closed_log", variant="closed", body=EXPECTANT),
    Row("POST", "/api/v1/logs/{id}/meetings/answer",
        "D D D D D D D D D D D", obj="closed_log", variant="closed",
        body=ANSWER),
    Row("POST", "/api/v1/logs/{id}/close-request", "D D D D D D D D D A D",
        obj="log", body=CLOSE_ASK),
    Row("POST", "/api/v1/logs/{id}/birth", "D D A D D D D D D D D",
        obj="log", body=BIRTH),
    Row("POST", "/api/v1/logs/{id}/birth", "D D D D D D D D D D D",
        obj="closed_log", variant="closed", body=BIRTH),
    Row("POST", "/api/v1/logs/{id}/roles", "D D A D D D D D D D D",
        obj="log", body=ROLE),
    Row("POST", "/api/v1/logs/{id}/roles", "D D D D D D D D D D D",
        obj="closed_log", variant="closed", body=ROLE),
    Row("POST", "/api/v1/logs/{id}/roles/end", "D D A D D D D D D D D",
        obj="log", body=ROLE_END),
    Row("POST", "/api/v1/logs/{id}/roles/end", "D D D D D D D D D D D",
        obj="closed_log", variant="closed", body=ROLE_END),
    Row("POST", "/api/v1/logs/{id}/language", "D D A D D D D D D D D",
        obj="log", body=LANGUAGE),
    Row("POST", "/api/v1/logs/{id}/language", "D D D D D D D D D D D",
        obj="closed_log", variant="closed", body=LANGUAGE),
    Row("POST", "/api/v1/concerns/{id}/level", "D D A D D D A D D D D",
        obj="concern_a", body=DECIDE),
    Row("POST", "/api/v1/concerns/{id}/receive", "D D A D D D A D D D D",
        obj="passed", body=RECEIVE, fresh=True),
    Row("GET", "/api/v1/handovers/{id}",   "D D A A D D A D D D D",
        obj="handover"),
    Row("POST", "/api/v1/handovers/{id}/accept", "D D D A D D D D D D D",
        obj="handover", body=NOTHING, fresh=True),
    Row("POST", "/api/v1/handovers/{id}/refuse", "D D D A D D D D D D D",
        obj="handover", body=REFUSE, fresh=True),
    Row("POST", "/api/v1/handovers/{id}/withdraw", "D D A D D D D D D D D",
        obj="handover", body=NOTHING, fresh=True),
    Row("GET", "/api/v1/consents/{id}",    "D D A A D D A D D A D",
        obj="consent"),
    Row("POST", "/api/v1/consents/{id}/withdraw", "D D A D D D D D D A D",
        obj="consent", body=NOTHING, fresh=True),
    Row("GET", "/api/v1/consents/{id}/scan", "D D A A D D A D D A D",
        obj="consent"),
    Row("GET", "/api/v1/minutes/{id}",     "D D A A D D A D D A D",
        obj="minutes", variant="final"),
    Row("GET", "/api/v1/minutes/{id}",     "D D D A D D D D D D D",
        obj="draft_a", variant="the nurse's draft"),
    Row("POST", "/api/v1/minutes/{id}/finalise", "D D D A D D D D D D D",
        obj="draft_a", variant="the nurse's draft", body=NOTHING),
    # partners' answers: a partner's own token and signature, never a
    # user's, whoever they are (test_receipts.py tries the partners)
    Row("POST", "/api/v1/receipts",        "D D D D D D D D D D D",
        body=NOTHING),
]
for _form, _variant, _query, _expect in CASE_FORMS:
    # closing a log stores its archive copy, rendered by archive.xsl
    _closing = _form == "closing"
    ROWS += [
        Row("GET", "/forms/{form}", _expect, obj=_form, variant=_variant,
            query=_query, page="form"),
        Row("POST", "/forms/{form}", _expect, obj=_form, variant=_variant,
            query=_query, body=("form", _form),
            page="archive" if _closing else "form", fresh=_closing),
        Row("POST", "/api/v1/forms/{form}", _expect, obj=_form,
            variant=_variant, query=_query, body=("form", _form),
            page="archive" if _closing else None, fresh=_closing),
    ]
# Last, as it ends each actor's session.
ROWS.append(Row("POST", "/logout", "D A A A A A A A A A A", body="logout"))

# What the route table's permission allows at most, per column: a row
# may not allow more than this (the dispatcher refuses the rest before
# any handler runs).
PERM_MAX = {
    "public": set(COLS),
    "user": set(COLS) - {"anon"},
    "staff": set(COLS) - {"anon", "admin", "guardian", "citizen"},
    "admin": {"admin"},
    "partner": set(),
}

# The route (a GET of the API, or of the page) that says whether someone
# may see each kind of fixture object at all; "admin" and "author": only
# the administrator, only the draft's author (ansatt). A route with an id
# whose object is not here fails test_an_outsider_learns_nothing.
READ_OF = {
    "log": "/api/v1/logs/{id}", "closed_log": "/api/v1/logs/{id}",
    "concern": "/api/v1/concerns/{id}", "concern_a": "/api/v1/concerns/{id}",
    "concern_b": "/api/v1/concerns/{id}", "passed": "/api/v1/concerns/{id}",
    "submission": "/api/v1/submissions/{id}",
    "consultation": "/api/v1/consultations/{id}",
    "handover": "/api/v1/handovers/{id}",
    "consent": "/api/v1/consents/{id}",
    "minutes": "/api/v1/minutes/{id}", "draft_a": "/api/v1/minutes/{id}",
    "draft_b": "/api/v1/minutes/{id}",
    "sent_notice": "/notices/{id}/confirm",
    "feedback": "/api/v1/feedback/{id}",
    "team": "/api/v1/teams/{id}",
    "referral": "/api/v1/referrals/{id}",
    # the same concern, read in its anonymous version
    "concern_anon": "/api/v1/concerns/{id}/anonymous",
    "agenda": "agenda",
    "draft": "author",
    "partner": "admin", "dead_notice": "admin", "step": "admin",
    "unit": "admin", "person": "admin", "team_admin": "admin",
}

# Write routes that are about no relay log: test_a_closed_log_takes_no
# _writes tries every other one on a closed log.
NOT_A_LOG = {
    "/login", "/logout", "/login/{provider}",
    "/logout/{provider}/backchannel", "/drafts/{id}/delete", "/settings/email",
    "/admin/guide/steps", "/admin/guide/steps/{id}",
    "/admin/guide/steps/{id}/delete", "/admin/partners",
    "/admin/partners/{id}", "/admin/partners/{id}/pause",
    "/admin/partners/{id}/resume", "/api/v1/partners",
    "/api/v1/partners/{id}", "/api/v1/partners/{id}/pause",
    "/api/v1/partners/{id}/resume",
    "/settings/email/address", "/admin/units", "/admin/units/{id}",
    "/admin/people", "/admin/people/{id}", "/admin/people/{id}/deactivate",
    "/admin/people/{id}/reactivate", "/api/v1/admin/units",
    "/api/v1/admin/units/{id}", "/api/v1/admin/people",
    "/api/v1/admin/people/{id}", "/api/v1/admin/people/{id}/deactivate",
    "/api/v1/admin/people/{id}/reactivate",
    # partners answer by their own signature (test_receipts.py answers
    # a notice of a closed log)
    "/api/v1/receipts",
    # the family's feedback is about the service, not the log: it is
    # given after the log closed, and changes nothing of it
    "/feedback/{id}", "/api/v1/feedback/{id}",
    # the teams, and a concern on an agenda (only one that is open and in
    # no log is: the closed log's concerns are refused by the concern's
    # rule, /concerns/{id}/agenda)
    "/agenda/{id}/advice", "/agenda/{id}/withdraw",
    "/api/v1/agenda/{id}/advice", "/api/v1/agenda/{id}/withdraw",
    "/teams/{id}/meetings", "/api/v1/teams/{id}/meetings",
    "/admin/teams", "/admin/teams/{id}", "/admin/teams/{id}/members",
    "/admin/teams/{id}/members/remove", "/api/v1/admin/teams",
    "/api/v1/admin/teams/{id}", "/api/v1/admin/teams/{id}/members",
    "/api/v1/admin/teams/{id}/members/remove",
}

# ---------------------------------------------------------------- fixtures

PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9Q"
    "DwADhgGAWjR9awAAAABJRU5ErkJggg==")
BIRTH = "2016-09-02"
NURSE_NAME = "Nina Berg"            # helsesykepleier


def user_pid(username):
    return sql_value("SELECT public_id FROM app_user WHERE username = '%s'"
                     % username)


def last_id(location):
    return location.rstrip("/").rsplit("/", 1)[1].split("?")[0]


def xml_input(fields):
    return "<input>%s</input>" % "".join(
        "<%s>%s</%s>" % (k, escape(v), k) for k, v in fields)


def set_path(root, path, value):
    node = root
    for part in path.split("/"):
        found = node.find(part)
        node = found if found is not None else ET.SubElement(node, part)
    node.text = value


def instance(form, ctx, **changes):
    """The form's valid test case (dates moved to today), fitted to the
    case ctx; changes: path (with '__' for '/') -> text."""
    text = case(form + "-valid")
    root = ET.fromstring(text.split("?>", 1)[-1].strip())
    fit = {
        "consent": {"child/name": ctx.get("child_name", ""),
                    "child/birthdate": BIRTH,
                    "services": "helsestasjon-sentrum ppt",
                    "persons/person/who": "",
                    "valid_from": today().isoformat(),
                    "expires": (today() + datetime.timedelta(days=180))
                    .isoformat()},
        "handover": {"new_holder/name": NURSE_NAME,
                     "new_holder/unit": "helsestasjon-sentrum"},
        # a message to a partner names the child of its case, and only
        # that child: by name and date of birth (no number: the case
        # was opened with a date of birth)
        "referral": {"recipient": "ppt",
                     "child/name": ctx.get("child_name", ""),
                     "child/nin": "", "child/birthdate": BIRTH},
        "cw-report": {"child/name": ctx.get("child_name", ""),
                      "child/nin": "", "child/birthdate": BIRTH},
    }.get(form, {})
    # minutes name their responsible persons by id: case() made them
    # the holder and the nurse, the people of the case's log
    for path, value in list(fit.items()) + [
            (k.replace("__", "/"), v) for k, v in changes.items()]:
        set_path(root, path, value)
    return ET.tostring(root, encoding="unicode")


class Fixtures:
    """Cases built the way people build them: a concern, the decision
    for level 2 that opens the log, a consent on paper with its scan,
    the nurse taking part, a measure she answers for, a meeting, final
    minutes, her two drafts, and a handover proposing her. NAV takes
    part and the guardian is linked through SQL (no consent covers NAV,
    so no request could add it; guardians are linked by the population
    register, not by the product)."""

    def __init__(self):
        # the rows made in SQL are named with this, so that another set
        # of the fixtures on the same stack (test_municipalities.py)
        # makes rows of its own
        self.tag = secrets.token_hex(2)
        self.holder = token("ansatt")
        self.nurse_tok = token("helsesykepleier")
        self.browser = Client()
        self.browser.login("ansatt")
        self.csrf = self.browser.csrf("/")
        self.logs = []          # every log and concern made (public ids),
        self.concerns = []      # for the fingerprint
        self.n = itertools.count(1)
        self.ids = dict(sql("SELECT username, id FROM app_user WHERE "
                            "username IN ('ansatt', 'nav', 'forelder')"))
        d = today()
        self.common = {
            "nurse": user_pid("helsesykepleier"), "ppt": user_pid("ppt"),
            "today": d.isoformat(),
            "in_week": (d + datetime.timedelta(days=7)).isoformat(),
            "in_month": (d + datetime.timedelta(days=30)).isoformat(),
        }
        # a team with an intake, of the nurse's unit (which the cases'
        # consent names): she leads it; each case's family is in it
        admin = Client()
        admin.login("admin")
        r = self.ok(admin.post("/admin/teams", [
            ("csrf", admin.csrf("/admin/teams")),
            ("name", "Matrisetest inntak " + self.tag), ("kind", "intake"),
            ("purpose", ""), ("meets", "Hver uke"), ("capacity", ""),
            ("unit", sql_value("SELECT public_id FROM unit WHERE code ="
                               " 'helsestasjon-sentrum'"))]), 303)
        self.common["team_intake"] = last_id(r.header("Location"))
        for who, role in (("helsesykepleier", "leader"), ("ppt", "member")):
            self.ok(admin.post("/admin/teams/%s/members"
                               % self.common["team_intake"], [
                ("csrf", admin.csrf("/admin/teams")), ("person", who),
                ("role", role)]), 303)

    def ok(self, r, *status):
        assert r.status in status, (r.status, r.text[:1500])
        return r

    def concern(self, tag):
        r = self.ok(api("POST", "/api/v1/forms/concern", self.holder,
                        concern_xml(child__name="Matrise %s" % tag,
                                    child__birthdate=BIRTH)), 201)
        pid = last_id(r.header("Location"))
        self.concerns.append(pid)
        return pid

    def case(self, lapsed=False, closed=False, full=True, passed=None):
        """A case with everything in it, or (full=False) the log, its
        consent, its people and the pending handover only; passed: a
        concern passed to it waits (not in a closed one, nor in a fresh
        one but for the rows about it: closing waits for it)."""
        if passed is None:
            passed = full and not closed
        n = next(self.n)
        c = {"child_name": "Matrise Barn %d" % n}
        c["concern_in_log"] = self.concern("Barn %d" % n)
        r = self.ok(api("POST", "/api/v1/concerns/%s/level"
                        % c["concern_in_log"], self.holder, xml_input(
                            [("decision", "2"),
                             ("reason", "Helsestasjonen trengs.")])), 200)
        c["log"] = log = last_id(r.header("Location"))
        self.logs.append(log)
        paper = {"signing__method": "paper",
                 "signing__signed_by": "Line Hansen",
                 "signing__signed_date": today().isoformat()}
        r = self.ok(api("POST", "/api/v1/forms/consent?log=" + log,
                        self.holder, instance("consent", c, **paper)), 201)
        c["consent"] = last_id(r.header("Location"))
        self.ok(api("POST", "/api/v1/logs/%s/participants" % log,
                    self.holder, xml_input([("user", self.common["nurse"])])),
                201)
        # referred to the intake team, and taken in by its leader
        r = self.ok(api("POST", "/api/v1/logs/%s/team-referrals" % log,
                        self.holder, xml_input([
                            ("team", self.common["team_intake"]),
                            ("reason", "Flere risikofaktorer.")])), 201)
        c["referral"] = last_id(r.header("Location"))
        self.ok(api("POST", "/api/v1/referrals/%s/decide" % c["referral"],
                    self.nurse_tok, xml_input([("decision", "in")])), 200)
        if full:
            self.ok(self.scan(self.browser, c["consent"], self.csrf), 303)
            for action, fields in (("measures", MEASURE),
                                   ("meetings", MEETING)):
                fields = [(k, v.format(**self.common)) for k, v in fields]
                self.ok(api("POST", "/api/v1/logs/%s/%s" % (log, action),
                            self.holder, xml_input(fields)), 201)
            c["measure"], c["meeting"] = sql(
                "SELECT (SELECT public_id FROM measure m WHERE m.log_id = "
                "l.id), (SELECT public_id FROM meeting m WHERE m.log_id = "
                "l.id) FROM relay_log l WHERE l.public_id = '%s'" % log)[0]
            r = self.ok(api("POST", "/api/v1/forms/minutes?log=%s&meeting="
                            "%s" % (log, c["meeting"]), self.holder,
                            instance("minutes", c)), 201)
            c["minutes"] = last_id(r.header("Location"))
            self.ok(api("POST", "/api/v1/minutes/%s/finalise"
                        % c["minutes"], self.holder, xml_input([])), 200)
            for draft in ("draft_b", "draft_a"):
                r = self.ok(api("POST", "/api/v1/forms/minutes?log=" + log,
                                self.nurse_tok, instance("minutes", c)), 201)
                c[draft] = last_id(r.header("Location"))
        r = self.ok(api("POST", "/api/v1/forms/handover?log=%s&to=%s"
                        % (log, self.common["nurse"]), self.holder,
                        instance("handover", c)), 201)
        c["handover"] = last_id(r.header("Location"))
        # a referral delivered, no receipt yet, sent by the holder (to a
        # paused partner: notify sends it nothing)
        c["sent_notice"] = ("MxSent%s%d" % (self.tag, n)).ljust(22, "x")
        # a concern about the child by the teacher, who is outside the
        # log, decided to level 2 and so passed to it (made in SQL: the
        # fixtures' children have no identity number to find them by)
        c["passed"] = ("MxPassed%s%d" % (self.tag, n)).ljust(22, "x")
        self.concerns.append(c["passed"])
        stmts = [
            "SET @log = (SELECT id FROM relay_log WHERE public_id = '%s')"
            % log,
            "INSERT IGNORE INTO partner (public_id, name, kind, endpoint, "
            "auth, accepts, status) VALUES ('MatrixPausedPartner000', "
            "'Matrise BUP', 'bup', 'https://bup.invalid/in', 'bearer', "
            "'referral', 'paused')",
            "INSERT INTO outbox (public_id, kind, idempotency_key, status, "
            "partner_id, message_type, attempts, delivered_at, log_id, "
            "sender_id) SELECT '%s', 'referral', '%s', 'delivered', id, "
            "'referral', 1, NOW(6), @log, %s FROM partner WHERE public_id = "
            "'MatrixPausedPartner000'" % (c["sent_notice"],
                                          c["sent_notice"].ljust(43, "s"),
                                          self.ids["ansatt"]),
            "INSERT INTO log_participant (log_id, user_id, added_by) "
            "VALUES (@log, %s, %s)" % (self.ids["nav"], self.ids["ansatt"]),
            "INSERT INTO child_person (child_id, user_id, relation) SELECT "
            "child_id, %s, 'guardian' FROM relay_log WHERE id = @log"
            % self.ids["forelder"]]
        stmts += [] if not passed else [
            "INSERT INTO concern (public_id, reference, unit_id, author_id,"
            " child_id, submission_id, anonymous, urgent, level, status,"
            " deadline, passed_log_id, passed_state) SELECT '%s', '%s',"
            " a.unit_id, a.id, l.child_id, k.submission_id, FALSE, FALSE, 2,"
            " 'passed', CURRENT_DATE + INTERVAL 14 DAY, l.id, 'pending'"
            " FROM relay_log l JOIN concern k ON k.log_id = l.id JOIN"
            " app_user a ON a.username = 'laerer' WHERE l.id = @log LIMIT 1"
            % (c["passed"], "%s-P%03d" % (self.tag, n)),
            # as every concern, it told someone (the holder, long since)
            "INSERT INTO outbox (public_id, kind, user_id, concern_id,"
            " idempotency_key, status) SELECT '%s', 'concern.passed',"
            " l.holder_id, k.id, '%s', 'delivered' FROM relay_log l JOIN"
            " concern k ON k.passed_log_id = l.id WHERE l.id = @log"
            % (("MxPNotice%s%d" % (self.tag, n)).ljust(22, "x"),
               ("MxPNotice%s%d" % (self.tag, n)).ljust(43, "p"))]
        if lapsed:
            # The sweep that records an expiry (and removes participants)
            # is told it has run: the nurse stays a participant on paper,
            # and only the check made on every request can refuse her.
            stmts.append(
                "UPDATE consent SET valid_from = '%s', expires = '%s', "
                "expiry_handled = TRUE WHERE log_id = @log" % (
                    today() - datetime.timedelta(days=30),
                    today() - datetime.timedelta(days=1)))
        sql("; ".join(stmts))
        if closed:
            self.close(c)
            c["feedback"] = sql_value(
                "SELECT f.public_id FROM feedback_invite f JOIN relay_log l"
                " ON l.id = f.log_id WHERE l.public_id = '%s' AND f.user_id"
                " = %s" % (log, self.ids["forelder"]))
        c["closed_log"] = log if closed else None
        return c

    def close(self, c):
        r = api("POST", "/api/v1/forms/closing?log=" + c["log"], self.holder,
                instance("closing", c))
        if r.status == 201:
            return
        # Closing renders the archive copy with forms/xsl/archive.xsl;
        # until that page exists, the log is closed as closing would.
        self.ok(r, 500)
        assert not xsl_exists("archive"), r.text
        sql("UPDATE relay_log SET status = 'closed', closed_at = NOW(6) "
            "WHERE public_id = '%s'; INSERT INTO log_archive (log_id, xml, "
            "html) SELECT id, '<archive/>', '<html><body>arkiv</body></html>'"
            " FROM relay_log WHERE public_id = '%s'" % (c["log"], c["log"]))

    def scan(self, client, consent, csrf, extra_headers=None):
        boundary = "matrixboundary7"
        body = (
            "--%s\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n"
            "%s\r\n--%s\r\nContent-Disposition: form-data; name=\"file\"; "
            "filename=\"samtykke.png\"\r\nContent-Type: image/png\r\n\r\n"
            % (boundary, csrf, boundary)).encode() + PNG + (
            "\r\n--%s--\r\n" % boundary).encode()
        h = {"Content-Type": "multipart/form-data; boundary=" + boundary}
        h.update(extra_headers or {})
        return client.request("POST", "/consents/%s/attachment" % consent,
                              data=body, headers=h)

    def standalone(self):
        """What is not part of a log: concerns at level 0 by the holder
        (one only read, one decided in the browser, one through the
        API), a two-year consultation she held with the nurse, a form
        submission (a consultation of the first version, which no form
        makes now) and a draft of hers, a guide step."""
        o = {"concern": self.concern("Les"),
             "concern_b": self.concern("Nettleser"),
             "concern_a": self.concern("Api")}
        r = self.ok(api("POST", "/api/v1/forms/two-year", self.holder,
                        case("two-year-valid")), 201)
        o["consultation"] = last_id(r.header("Location"))
        o["submission"] = ("MxSubmission" + self.tag).ljust(22, "s")
        sql("INSERT INTO form_submission (public_id, form_id, form_version,"
            " instance, author_id) SELECT '%s', 'two-year', 1, '%s', id"
            " FROM app_user WHERE username = 'ansatt'" % (
                o["submission"], case("two-year-v1-valid").replace(
                    "'", "''")))
        page = self.browser.get("/forms/concern")
        r = self.ok(self.browser.post("/forms/concern", [
            ("csrf", csrf_of(page.text)), ("_action", "save"),
            ("/concern/observation/seen", "Matrisetest: utkast")]), 303)
        o["draft"] = re.search(r"draft=([A-Za-z0-9_-]{22})",
                               r.header("Location")).group(1)
        admin = Client()
        admin.login("admin")
        self.ok(admin.post("/admin/guide/steps", [
            ("csrf", admin.csrf("/")), ("level", "3"),
            ("title_nb", "Matrisetest: steg"),
            ("title_en", "Matrix test: step"), ("form", ""), ("days", "")]),
            303)
        o["step"] = sql_value("SELECT public_id FROM guide_step WHERE "
                              "title_nb = 'Matrisetest: steg' ORDER BY id"
                              " DESC LIMIT 1")
        # a partner, and a notice to it that died (only a partner's
        # refusal makes one, so it is made in SQL)
        r = self.ok(admin.post("/admin/partners", [
            ("csrf", admin.csrf("/admin/partners"))] + [
            (k, v.replace(" ny", " " + self.tag)) for k, v in PARTNER]),
            303)
        o["partner"] = self.partner = last_id(r.header("Location"))
        # The dead notice goes to a second partner that stays paused:
        # the rows resume the first one, and a notice sent back to the
        # queue for an active partner would be delivered by the stack's
        # notify while later rows' refusals are checked for changes.
        sql("INSERT IGNORE INTO partner (public_id, name, kind, endpoint,"
            " auth, accepts, status) SELECT 'MatrixQueuePartnerxxxx',"
            " 'Matrisetest kø', kind, endpoint, auth, accepts, 'paused'"
            " FROM partner WHERE public_id = '%s'" % self.partner)
        o["dead_notice"] = self.dead = ("MxDead" + self.tag).ljust(22, "x")
        sql("INSERT INTO outbox (public_id, kind, idempotency_key, status,"
            " partner_id, message_type, attempts, dead_at) SELECT '%s',"
            " 'cw_report', '%s', 'dead', id, 'cw_report', 1, NOW(6) FROM"
            " partner WHERE public_id = 'MatrixQueuePartnerxxxx'"
            % (self.dead, self.dead.ljust(43, "m")))
        # a unit, and a person working there (no login: no password)
        r = self.ok(admin.post("/admin/units", [
            ("csrf", admin.csrf("/admin/units")),
            ("code", "matrisetest-enhet"), ("name", "Matrisetest enhet"),
            ("kind", "other")]), 303, 422)
        o["unit"] = sql_value("SELECT public_id FROM unit WHERE code ="
                              " 'matrisetest-enhet'")
        self.ok(admin.post("/admin/people", [
            ("csrf", admin.csrf("/admin/people")),
            ("username", "matrisetest.person"),
            ("display_name", "Matrisetest Person"), ("role", "employee"),
            ("unit", o["unit"]), ("email", "")]), 303, 422)
        o["person"] = sql_value("SELECT public_id FROM app_user WHERE"
                                " username = 'matrisetest.person'")
        # a discussion team: the nurse a member, the leader its leader; a
        # meeting next week with the read-only concern on its agenda
        o["team_name"] = "Matrisetest drøftingsteam " + self.tag
        r = self.ok(admin.post("/admin/teams", [
            ("csrf", admin.csrf("/admin/teams")), ("name", o["team_name"]),
            ("kind", "discussion"), ("purpose", ""), ("meets", "")]), 303)
        o["team"] = o["team_admin"] = last_id(r.header("Location"))
        for who, role in (("helsesykepleier", "member"),
                          ("leder", "leader")):
            self.ok(admin.post("/admin/teams/%s/members" % o["team"], [
                ("csrf", admin.csrf("/admin/teams")), ("person", who),
                ("role", role)]), 303)
        self.ok(api("POST", "/api/v1/teams/%s/meetings" % o["team"],
                    token("leder"), xml_input([
                        ("date", self.common["in_week"]), ("time", "13:00"),
                        ("place", "Møterom 1")])), 201)
        o["team_meeting"] = sql_value(
            "SELECT m.public_id FROM team_meeting m JOIN team t ON t.id ="
            " m.team_id WHERE t.public_id = '%s'" % o["team"])
        self.ok(api("POST", "/api/v1/concerns/%s/agenda" % o["concern"],
                    self.holder, xml_input([("meeting",
                                             o["team_meeting"])])), 200)
        o["agenda"] = sql_value(
            "SELECT a.public_id FROM agenda_item a JOIN team_meeting m ON"
            " m.id = a.team_meeting_id WHERE m.public_id = '%s'"
            % o["team_meeting"])
        o["concern_anon"] = o["concern"]
        return o

    def fingerprint(self):
        """Everything a write on the fixtures could change, by name."""
        logs = "SELECT id FROM relay_log WHERE public_id IN (%s)" % ", ".join(
            "'%s'" % p for p in self.logs)
        concerns = "SELECT id FROM concern WHERE public_id IN (%s)" % \
            ", ".join("'%s'" % p for p in self.concerns)
        q = {
            "events": "SELECT COUNT(*) FROM case_event WHERE log_id IN (%s)"
                      " OR concern_id IN (%s)" % (logs, concerns),
            "logs": "SELECT GROUP_CONCAT(id, status, holder_id, level "
                    "ORDER BY id) FROM relay_log WHERE id IN (%s)" % logs,
            "participants": "SELECT GROUP_CONCAT(user_id, removed_at IS NULL"
                            " ORDER BY id) FROM log_participant WHERE "
                            "log_id IN (%s)" % logs,
            "consents": "SELECT GROUP_CONCAT(id, status ORDER BY id) FROM "
                        "consent WHERE log_id IN (%s)" % logs,
            "scans": "SELECT COUNT(*) FROM consent_attachment a JOIN consent"
                     " c ON c.id = a.consent_id WHERE c.log_id IN (%s)"
                     % logs,
            "handovers": "SELECT GROUP_CONCAT(id, status ORDER BY id) FROM "
                         "handover WHERE log_id IN (%s)" % logs,
            "measures": "SELECT GROUP_CONCAT(id, status, COALESCE(result, '')"
                        " ORDER BY id) FROM measure WHERE log_id IN (%s)"
                        % logs,
            "meetings": "SELECT COUNT(*) FROM meeting WHERE log_id IN (%s)"
                        % logs,
            "minutes": "SELECT GROUP_CONCAT(id, status, submission_id "
                       "ORDER BY id) FROM minutes WHERE log_id IN (%s)"
                       % logs,
            "notices": "SELECT COUNT(*) FROM outbox WHERE log_id IN (%s) OR "
                       "concern_id IN (%s)" % (logs, concerns),
            "sent_notices": "SELECT GROUP_CONCAT(status ORDER BY id) FROM "
                            "outbox WHERE public_id LIKE 'MxSent%s%%'"
                            % self.tag,
            "concerns": "SELECT CONCAT(COUNT(*), ':', GROUP_CONCAT(level, "
                        "status ORDER BY id)) FROM concern",
            "submissions": "SELECT COUNT(*) FROM form_submission",
            "drafts": "SELECT COUNT(*) FROM form_draft WHERE public_id = "
                      "'%s'" % self.draft,
            "guide": "SELECT GROUP_CONCAT(public_id, title_nb ORDER BY id) "
                     "FROM guide_step",
            "partners": "SELECT GROUP_CONCAT(public_id, name, kind, endpoint,"
                        " auth, accepts, status ORDER BY id) FROM partner",
            "dead": "SELECT CONCAT(status, attempts) FROM outbox WHERE"
                    " public_id = '%s'" % self.dead,
            "units": "SELECT GROUP_CONCAT(public_id, code, name, kind,"
                     " external ORDER BY id) FROM unit",
            "teams": "SELECT GROUP_CONCAT(public_id, name, purpose, meets,"
                     " active ORDER BY id) FROM team",
            "team_members": "SELECT GROUP_CONCAT(team_id, user_id, role,"
                            " removed_at IS NULL ORDER BY id) FROM"
                            " team_member",
            "team_meetings": "SELECT COUNT(*) FROM team_meeting",
            "agenda": "SELECT GROUP_CONCAT(id, status ORDER BY id) FROM"
                      " agenda_item",
            "referrals": "SELECT GROUP_CONCAT(id, status, COALESCE(priority,"
                         " 0) ORDER BY id) FROM team_referral",
            "discussions": "SELECT COUNT(*) FROM team_discussion",
            "families": "SELECT GROUP_CONCAT(log_id, family_id ORDER BY"
                        " log_id) FROM family_log",
            "people": "SELECT GROUP_CONCAT(public_id, username, display_name,"
                      " role, COALESCE(unit_id, 0), COALESCE(email, ''),"
                      " active ORDER BY id) FROM app_user",
        }
        names = sorted(q)
        row = sql("SELECT " + ", ".join("(%s)" % q[n] for n in names))[0]
        return dict(zip(names, row))


def xsl_exists(page):
    d = os.environ.get("STAFETT_XSL_DIR") or os.path.join(
        os.environ.get("top_srcdir", "."), "forms", "xsl")
    return os.path.exists(os.path.join(d, page + ".xsl"))


# ---------------------------------------------------------------- running


def outcome(r):
    """A, D, E (500) or ?status, as this test counts answers."""
    loc = r.header("Location") or ""
    # 400: refused for what was sent (a login state or a logout token
    # that is not one)
    if r.status in (400, 401, 403, 404):
        return "D"
    if r.status in (302, 303) and loc.startswith("/login"):
        return "D" if "next=" in loc else "A"    # /logout ends at /login
    if r.status in (200, 201, 302, 303, 409, 422):
        return "A"
    if r.status == 500:
        return "E"
    return "?%d" % r.status


def message(r):
    """What the answer says, shortly, for the report."""
    ctype = r.header("Content-Type") or ""
    if not ctype.startswith(("text/html", "application/xml")):
        return "(%s, %d bytes)" % (ctype, len(r.body))
    m = re.search(r'<message>(.*?)</message>|<error[^>]*>(.*?)</error>|'
                  r'class="error-text"[^>]*>(.*?)<|role="alert"[^>]*>\s*'
                  r'<p>(.*?)<|<title>(.*?)</title>', r.text, re.S)
    if m:
        return next(g for g in m.groups() if g).strip()[:80]
    loc = r.header("Location")
    return "-> " + loc if loc else r.text.strip().replace("\n", " ")[:80]


class MatrixRequests:
    """What the matrix does with a row: the fixtures, a session and a
    token per actor, and one request as an actor would send it. Other
    tests made from the same rows (test_municipalities.py) use it too."""

    @classmethod
    def setUpClass(cls):
        cls.fx = Fixtures()
        cls.objects = {"main": cls.fx.case(), "lapsed": cls.fx.case(
            lapsed=True)}
        closed = {"main": cls.fx.case(closed=True),
                  "lapsed": cls.fx.case(lapsed=True, closed=True)}
        standalone = cls.fx.standalone()
        cls.fx.draft = standalone["draft"]
        for ctx in cls.objects:
            cls.objects[ctx]["closed_log"] = closed[ctx]["closed_log"]
            cls.objects[ctx]["feedback"] = closed[ctx]["feedback"]
            cls.objects[ctx].update(standalone)
            cls.objects[ctx].update(cls.fx.common)
        # one browser session and one API token per actor
        cls.clients, cls.csrf, cls.tokens = {}, {}, {}
        for _col, user, _ctx in ACTORS:
            if user in cls.clients:
                continue
            c = Client()
            if user is not None:
                c.login(user)
                cls.csrf[user] = c.csrf("/")
                cls.tokens[user] = token(user)
            cls.clients[user] = c
        cls.pages = {}
        cls.logged_out = set()

    @classmethod
    def tearDownClass(cls):
        sql("DELETE FROM guide_step WHERE title_nb LIKE 'Matrisetest:%'")
        sql("UPDATE partner SET status = 'paused' WHERE name LIKE"
            " 'Matrisetest%'")
        sql("UPDATE outbox SET status = 'cancelled' WHERE public_id = '%s'"
            % cls.fx.dead)

    # ---- the route table

    def routes(self):
        out = stafett("routes").stdout
        return {tuple(l.split()) for l in out.splitlines() if l.strip()}

    # ---- the matrix over HTTP

    def matches(self, want, got, r, row):
        if want == "A":
            return got == "A" or (got == "E" and row.page is not None and
                                  not xsl_exists(row.page))
        if want == "D":
            return got == "D"
        if want == "R":
            return r.status in (409, 422)
        if want == "N":
            return got in ("A", "D")
        return False

    def report(self, mismatches, unchanged, notes, cells):
        lines = ["", "access matrix: %d rows x %d actors, %d cells, "
                 "%d wrong, %d rows changed something when refused"
                 % (len(ROWS), len(COLS), cells, len(mismatches),
                    len(unchanged))]
        if mismatches:
            lines.append("")
            lines.append("%-52s %-10s %-4s %-4s %s" % (
                "route", "actor", "want", "got", "answer"))
            for name, col, want, got, status, msg in mismatches:
                lines.append("%-52s %-10s %-4s %-4s %d %s" % (
                    name, col, want, got, status, msg))
        for name, diff in unchanged:
            lines.append("refused requests changed data: %s: %s"
                         % (name, diff))
        if notes:
            lines.append("")
            lines += notes
        lines.append("")
        lines.append("actors: " + ", ".join(
            "%s = %s%s" % (a[0], a[1], " (%s)" % a[2] if a[2] != "main"
                           else "") for a in ACTORS))
        return "\n".join(lines)

    # ---- classes of holes, generated from the route table

    def fresh_sessions(self):
        """A new browser session per actor (test_matrix logs them out at
        its end; these tests do not depend on running before it)."""
        for _col, user, _ctx in ACTORS:
            if user is None:
                continue
            c = Client()
            c.login(user)
            self.clients[user] = c
            self.csrf[user] = c.csrf("/")
        self.logged_out.clear()

    def row_for(self, method, pattern):
        """The matrix's row for a route (its plain variant first): what a
        request to it sends."""
        rows = [r for r in ROWS if (r.method, r.pattern) == (method,
                                                             pattern)]
        self.assertTrue(rows, "no row for %s %s" % (method, pattern))
        plain = [r for r in rows if not r.variant]
        return (plain or rows)[0]

    def closed_state(self, log):
        """Everything of a log a write could change (its notices' states
        aside: a partner's answer or an administrator's retry of a notice
        still records the truth about its delivery)."""
        lid = "(SELECT id FROM relay_log WHERE public_id = '%s')" % log
        q = [
            "SELECT CONCAT(status, holder_id, level) FROM relay_log"
            " WHERE id = %s" % lid,
            "SELECT COUNT(*) FROM case_event WHERE log_id = %s" % lid,
            "SELECT GROUP_CONCAT(user_id, removed_at IS NULL ORDER BY id)"
            " FROM log_participant WHERE log_id = %s" % lid,
            "SELECT GROUP_CONCAT(id, status ORDER BY id) FROM consent"
            " WHERE log_id = %s" % lid,
            "SELECT COUNT(*) FROM consent_attachment a JOIN consent c ON"
            " c.id = a.consent_id WHERE c.log_id = %s" % lid,
            "SELECT GROUP_CONCAT(id, status ORDER BY id) FROM handover"
            " WHERE log_id = %s" % lid,
            "SELECT GROUP_CONCAT(id, status, eval_date, COALESCE(result,"
            " '') ORDER BY id) FROM measure WHERE log_id = %s" % lid,
            "SELECT COUNT(*) FROM meeting WHERE log_id = %s" % lid,
            "SELECT GROUP_CONCAT(id, status, submission_id ORDER BY id)"
            " FROM minutes WHERE log_id = %s" % lid,
            "SELECT GROUP_CONCAT(id, status, level ORDER BY id) FROM"
            " concern WHERE log_id = %s OR passed_log_id = %s" % (lid,
                                                                lid),
            "SELECT COUNT(*) FROM outbox WHERE log_id = %s" % lid,
            "SELECT COUNT(*) FROM log_archive WHERE log_id = %s" % lid,
        ]
        return sql("SELECT " + ", ".join("(%s)" % x for x in q))[0]

    def outsider(self, read, obj, user, objs):
        """May user not see object obj? Asked of its read route (or of
        who alone may: the administrator, the author of a draft)."""
        if read == "admin":
            return user != "admin"
        if read == "author":
            return user != "ansatt"
        if read == "agenda":
            # an item on the fixture team's agenda: its members (the
            # nurse, the leader) and the concern's author see it
            return user not in ("helsesykepleier", "leder", "ansatt")
        row = copy.copy(self.row_for("GET", read))
        row.obj = obj
        return outcome(self.send(row, user, objs)) == "D"

    def normalised(self, r, *ids):
        text = r.text
        loc = r.header("Location") or ""
        for i in ids:
            text = text.replace(i, "{id}")
            loc = loc.replace(i, "{id}")
        text = re.sub(r'name="csrf" value="[^"]*"', 'name="csrf"', text)
        # every page's forms carry a key of their own (replay.h)
        text = re.sub(r'name="idem" value="[^"]*"', 'name="idem"', text)
        return r.status, loc, text

    # ---- one request

    def path(self, row, objs):
        path = row.pattern
        if "{id}" in path:
            path = path.replace("{id}", objs[row.obj])
        if "{form}" in path:
            path = path.replace("{form}", row.obj)
        if "{provider}" in path:
            path = path.replace("{provider}", row.obj)
        if row.query:
            path += "?" + row.query.format(
                idporten_issuer=urllib.parse.quote(IDP.issuer("idporten"),
                                                   safe=""), **objs)
        return path

    def case_of(self, row, objs):
        """The objects a form is filled in for: a form for the concern
        (not a log) names that concern's child."""
        if "concern={concern}" in (row.query or ""):
            return dict(objs, child_name="Matrise Les")
        return objs

    def page(self, form):
        if form not in self.pages:
            self.pages[form] = Page(self.clients["ansatt"].get(
                "/forms/" + form).text)
        return self.pages[form]

    def send(self, row, user, objs):
        path = self.path(row, objs)
        body = row.body
        if body == "login":
            return self.login_post(user)
        if body == "oidc":
            return self.login_post(user, path, [])
        if body == "logout":
            c, csrf = self.clients[user], self.csrf.get(user, "x")
            if user in self.logged_out:
                # a second column for the same person: a session of its own
                c = Client()
                c.login(user)
                csrf = c.csrf("/")
            if user is not None:
                self.logged_out.add(user)
            return c.post("/logout", [("csrf", csrf)])
        if row.api:
            tok = self.tokens.get(user)
            if row.method == "GET":
                return api("GET", path, tok)
            if isinstance(body, tuple):
                xml = concern_xml() if body[1] == "concern" else \
                    instance(body[1], self.case_of(row, objs))
            else:
                xml = xml_input([(k, v.format(**objs)) for k, v in body])
            return api("POST", path, tok, xml)
        c = self.clients[user]
        csrf = self.csrf.get(user, "x")
        if row.method == "GET":
            return c.get(path)
        if body == "multipart":
            return self.fx.scan(c, objs["consent"], csrf)
        if isinstance(body, tuple):
            if body[1] == "concern":
                fields = concern_fields(csrf)
            else:
                fields = browser_fields(self.page(body[1]),
                                        instance(body[1],
                                                 self.case_of(row, objs)),
                                        csrf)
            return c.post(path, fields + [("_action", "submit")])
        return c.post(path, [("csrf", csrf)] +
                      [(k, v.format(**objs)) for k, v in body])

    def login_post(self, user, path="/login", fields=(("username",
                                                      "someone"),)):
        """POST /login as far as the handler (a user name and no
        password: 422), with the double-submit token as a browser has
        it, by someone logged in or not."""
        c = self.clients[user]
        cookies = "; ".join("%s=%s" % (k.name, k.value) for k in c.jar
                            if k.name != "stafett_login")
        h = {"Content-Type": "application/x-www-form-urlencoded",
             "Cookie": (cookies + "; " if cookies else "") +
             "stafett_login=matrix-login-token-0123456789abcdefghijk"}
        data = urllib.parse.urlencode([
            ("csrf", "matrix-login-token-0123456789abcdefghijk")] +
            list(fields)).encode()
        return c.request("POST", path, data=data, headers=h)


class AccessMatrixTest(MatrixRequests, unittest.TestCase):

    # ---- consent is the gate, on every request

    def test_consent_gate_acts_at_once(self):
        """The lapsed consent alone keeps the nurse out: made valid again,
        she is let in; expired again, or withdrawn by the guardian, she
        is refused from the next request on, before any sweep runs."""
        c = self.fx.case(lapsed=True, full=False)
        nurse, guardian = token("helsesykepleier"), token("forelder")
        paths = ["/api/v1/logs/" + c["log"], "/api/v1/consents/" +
                 c["consent"], "/api/v1/handovers/" + c["handover"]]

        def statuses():
            return [api("GET", p, nurse).status for p in paths]

        def expires(days):
            sql("UPDATE consent SET expires = '%s' WHERE public_id = '%s'"
                % (today() + datetime.timedelta(days=days), c["consent"]))

        self.assertEqual(statuses(), [404, 404, 404])
        expires(30)
        self.assertEqual(statuses(), [200, 200, 200])
        expires(-1)
        self.assertEqual(statuses(), [404, 404, 404])
        expires(30)
        self.assertEqual(statuses(), [200, 200, 200])
        r = api("POST", "/api/v1/consents/%s/withdraw" % c["consent"],
                guardian, xml_input([]))
        self.assertEqual(r.status, 200, r.text)
        self.assertEqual(statuses(), [404, 404, 404])
        # and she no longer takes part: the withdrawal says so in the log
        self.assertEqual(sql_value(
            "SELECT COUNT(*) FROM log_participant p JOIN relay_log l ON "
            "l.id = p.log_id JOIN app_user u ON u.id = p.user_id WHERE "
            "l.public_id = '%s' AND u.username = 'helsesykepleier' AND "
            "p.removed_at IS NULL" % c["log"]), "0")
        self.assertEqual(api("GET", paths[0], guardian).status, 200)

    def test_every_route_has_a_row(self):
        routes = self.routes()
        have = {(m, p) for m, p, _perm in routes}
        rows = {(r.method, r.pattern) for r in ROWS}
        self.assertEqual(sorted(have - rows), [],
                         "routes without a row in the access matrix")
        self.assertEqual(sorted(rows - have), [],
                         "rows for routes that do not exist")

    def test_rows_allow_no_more_than_the_route_permits(self):
        perms = {(m, p): perm for m, p, perm in self.routes()}
        wrong = []
        for row in ROWS:
            perm = perms.get((row.method, row.pattern))
            if perm is None:
                continue
            for col, e in zip(COLS, row.expect):
                if e in "AR" and col not in PERM_MAX[perm]:
                    wrong.append("%s: %s is '%s' but the route is %s"
                                 % (row.name, col, e, perm))
        self.assertEqual(wrong, [])

    def test_matrix(self):
        mismatches, notes, changed = [], [], []
        cells = 0
        for row in ROWS:
            objs = self.objects
            if row.fresh:
                objs = {}
                for ctx in ("main", "lapsed"):
                    objs[ctx] = dict(self.objects[ctx])
                    objs[ctx].update(self.fx.case(
                        lapsed=ctx == "lapsed", full=False,
                        passed=row.obj == "passed"))
            refused = [i for i, e in enumerate(row.expect) if e != "A"]
            allowed = [i for i, e in enumerate(row.expect) if e == "A"]
            for phase in (refused, allowed):
                check = phase is refused and row.method == "POST"
                before = self.fx.fingerprint() if check else None
                for i in phase:
                    col, user, ctx = ACTORS[i]
                    want = row.expect[i]
                    r = self.send(row, user, objs[ctx])
                    got = outcome(r)
                    cells += 1
                    if not self.matches(want, got, r, row):
                        mismatches.append((row.name, col, want, got,
                                           r.status, message(r)))
                    elif got == "E":
                        notes.append("%s: %s allowed, but the page is not "
                                     "written yet (forms/xsl/%s.xsl)"
                                     % (row.name, col, row.page))
                if check:
                    after = self.fx.fingerprint()
                    if after != before:
                        changed.append((row.name, {
                            k: (before[k], after[k]) for k in before
                            if before[k] != after[k]}))
        report = self.report(mismatches, changed, notes, cells)
        if mismatches or changed:
            self.fail(report)
        if os.environ.get("STAFETT_MATRIX_VERBOSE"):
            print(report)

    def test_a_closed_log_takes_no_writes(self):
        """Every write route of the route table, tried by every actor on
        a closed log (and its consent, handover, minutes, drafts, notices,
        concerns; every case form with the log as its context): refused,
        and the log as it was. Writes that are about no log are named in
        NOT_A_LOG, so a new route has to be placed on one side."""
        self.fresh_sessions()
        c = self.fx.case(closed=True)
        c.update(self.fx.common)
        c["closed_dead"] = ("MxClosed%s%d" % (self.fx.tag,
                                              len(self.fx.logs))
                            ).ljust(22, "d")
        sql("INSERT INTO outbox (public_id, kind, idempotency_key, status,"
            " partner_id, message_type, attempts, dead_at, log_id) SELECT"
            " '%s', 'referral', '%s', 'dead', id, 'referral', 1, NOW(6),"
            " (SELECT id FROM relay_log WHERE public_id = '%s') FROM partner"
            " WHERE public_id = 'MatrixPausedPartner000'"
            % (c["closed_dead"], c["closed_dead"].ljust(43, "c"), c["log"]))
        # the case's objects as they are when it is closed
        on_closed = dict(self.objects["main"])
        on_closed.update(c)
        on_closed.update({"closed_log": c["log"], "passed": c[
            "concern_in_log"], "concern": c["concern_in_log"],
            "concern_a": c["concern_in_log"],
            "concern_b": c["concern_in_log"],
            "dead_notice": c["closed_dead"]})
        before = self.closed_state(c["log"])
        wrong, tried = [], 0
        for method, pattern, _perm in sorted(self.routes()):
            if method != "POST" or pattern in NOT_A_LOG:
                continue
            rows = [r for r in ROWS if (r.method, r.pattern) ==
                    (method, pattern) and (r.query or "{id}" in
                                           r.pattern)]
            self.assertTrue(rows, "%s %s: on a log or in NOT_A_LOG?"
                            % (method, pattern))
            for row in rows:
                for col, user, _ctx in ACTORS:
                    r = self.send(row, user, on_closed)
                    tried += 1
                    admin_notice = row.obj == "dead_notice" and \
                        user == "admin"
                    if outcome(r) != "D" and r.status not in (409, 422) \
                            and not admin_notice:
                        wrong.append("%s as %s: %d %s" % (
                            row.name, col, r.status, message(r)))
                after = self.closed_state(c["log"])
                if after != before:
                    wrong.append("%s changed the closed log: %s -> %s" % (
                        row.name, before, after))
                    before = after
        self.assertGreater(tried, 300)
        self.assertEqual(wrong, [])

    def test_an_outsider_learns_nothing(self):
        """Every route with an id in the route table, for every actor who
        may not see its object: the very answer an id that does not exist
        gets, 404 when the route lets their role in at all. Access is
        checked before anything about the object is said."""
        self.fresh_sessions()
        perms = {(m, p): perm for m, p, perm in self.routes()}
        objs = self.objects["main"]
        unknown = "NoSuchThingHere" + "x" * 7
        wrong = []
        outsiders = {}
        for (method, pattern), perm in sorted(perms.items()):
            if "{id}" not in pattern:
                continue
            row = self.row_for(method, pattern)
            read = READ_OF.get(row.obj)
            self.assertIsNotNone(read, "no read route for object '%s' (%s"
                                 " %s): add it to READ_OF" % (row.obj,
                                                              method,
                                                              pattern))
            for col, user, ctx in ACTORS:
                key = (row.obj, user)
                if key not in outsiders:
                    outsiders[key] = self.outsider(read, row.obj, user,
                                                   objs)
                if not outsiders[key]:
                    continue
                real = self.send(row, user, objs)
                other = dict(objs)
                other[row.obj] = unknown
                fake = self.send(row, user, other)
                a = self.normalised(real, objs[row.obj], unknown)
                b = self.normalised(fake, objs[row.obj], unknown)
                if a != b:
                    wrong.append("%s %s as %s: %d for theirs-not, %d for"
                                 " not-there" % (method, pattern, col,
                                                 real.status, fake.status))
                elif real.status in (403, 404) and \
                        col in PERM_MAX[perm] and real.status != 404:
                    wrong.append("%s %s as %s: %d, not 404" % (
                        method, pattern, col, real.status))
        self.assertEqual(wrong, [])


if __name__ == "__main__":
    unittest.main()
