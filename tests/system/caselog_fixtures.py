"""caselog_fixtures.py: building relay-log cases over real HTTP for the
system tests: a concern moved to level 2, form instances for the case
forms (from the forms' own valid test cases, with today's dates), and
short-cuts for the actions."""
import datetime
import os
import re
import xml.etree.ElementTree as ET

from stafett_test import (Client, api, concern_fields, sql, sql_value,
                          today, token)

HERE = os.path.dirname(os.path.abspath(__file__))
CASES = os.path.join(HERE, "..", "..", "forms", "tests", "cases")


def day(offset=0):
    return (today() + datetime.timedelta(days=offset)).isoformat()


def user_pid(username):
    return sql_value("SELECT public_id FROM app_user WHERE username = '%s'"
                     % username)


def user_id(username):
    return int(sql_value("SELECT id FROM app_user WHERE username = '%s'"
                         % username))


def instance(form, changes=None, drop=()):
    """The form's valid test case, changed: {'a/b': 'text'} sets the
    first a/b (created if missing); drop removes all matching paths."""
    tree = ET.parse(os.path.join(CASES, "%s-valid.xml" % form))
    root = tree.getroot()
    for path in drop:
        for parent in root.iter():
            for child in list(parent):
                if child in root.findall(path):
                    parent.remove(child)
    for path, value in (changes or {}).items():
        node = root.find(path)
        if node is None:
            parent = root
            for part in path.split("/"):
                found = parent.find(part)
                parent = found if found is not None else ET.SubElement(
                    parent, part)
            node = parent
        node.text = value
    return ET.tostring(root, encoding="unicode")


def child_of(name, birth="2016-09-02", root=""):
    """The changes that make a referral's or a report of concern's child
    the child of its case (named with a date of birth, as new_concern
    and open_log make it): a message to a partner names that child and
    no other."""
    return {root + "child/name": name, root + "child/nin": "",
            root + "child/birthdate": birth}


def new_concern(client, name, birth="2016-09-02", nin="", **changes):
    """A named concern by the client's user; returns its public id."""
    csrf = client.csrf("/forms/concern")
    fields = concern_fields(csrf, child__name=name, child__nin=nin,
                            child__birthdate="" if nin else birth,
                            **changes)
    r = client.post("/forms/concern", fields)
    assert r.status == 303, (r.status, r.text[:2000])
    return re.search(r"/concerns/([A-Za-z0-9_-]{22})",
                     r.header("Location")).group(1)


def decide(client, concern, decision, reason="Drøftet med leder.",
           extra=()):
    csrf = client.csrf("/")
    return client.post("/concerns/%s/level" % concern,
                       [("csrf", csrf), ("decision", decision),
                        ("reason", reason)] + list(extra))


def open_log(client, name, birth="2016-09-02", nin=""):
    """A concern by the client's user moved to level 2: the log's id."""
    c = new_concern(client, name, birth, nin)
    r = decide(client, c, "2", "Foreldrene ønsker samarbeid.")
    assert r.status == 303, (r.status, r.text[:2000])
    return re.search(r"/logs/([A-Za-z0-9_-]{22})",
                     r.header("Location")).group(1), c


# A consent names the municipality's units; the tests speak of the
# services by kind, as the people in them are spread in the demo data:
# the health clinic is Familiesenteret (where the nurse works).
UNIT_OF = {"health_clinic": "helsestasjon-sentrum", "ppt": "ppt",
           "school": "fagerli-skole", "nav": "nav", "bup": "bup-vestfold",
           "child_welfare": "barnevern", "family_service": "familietjenester",
           "kindergarten": "stavern-bhg", "sfo": "fagerli-sfo",
           "police": "politiet-larvik"}


def units(services):
    """Unit codes for a space-separated list of kinds (or codes)."""
    return " ".join(UNIT_OF.get(s, s) for s in services.split())


def consent_xml(name, birth, services, expires=None, guardian="Line Hansen",
                persons=""):
    return instance("consent", {
        "child/name": name, "child/birthdate": birth,
        "guardians/guardian/name": guardian,
        "services": units(services),
        "persons/person/who": persons,
        "valid_from": day(0), "expires": expires or day(90),
    })


def give_consent(user, log, name, birth, services, expires=None,
                 persons=""):
    r = api("POST", "/api/v1/forms/consent?log=%s" % log, token(user),
            consent_xml(name, birth, services, expires, persons=persons))
    assert r.status == 201, (r.status, r.text)
    return r.header("Location").rsplit("/", 1)[1]


def xml_body(root, **fields):
    el = ET.Element(root)
    for k, v in fields.items():
        values = v if isinstance(v, list) else [v]
        for one in values:
            ET.SubElement(el, k).text = one
    return ET.tostring(el, encoding="unicode")


def add_participant(user, log, who):
    return api("POST", "/api/v1/logs/%s/participants" % log, token(user),
               xml_body("participant", user=user_pid(who)))


def log_row_id(log):
    return int(sql_value("SELECT id FROM relay_log WHERE public_id = '%s'"
                         % log))


def events(log, kind=None):
    q = ("SELECT e.kind, e.summary FROM case_event e JOIN relay_log l"
         " ON l.id = e.log_id WHERE l.public_id = '%s'" % log)
    if kind:
        q += " AND e.kind = '%s'" % kind
    return sql(q + " ORDER BY e.id")


def login(user):
    c = Client()
    c.login(user)
    return c
