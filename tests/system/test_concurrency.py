"""test_concurrency.py: races on one case. Two people (or two tabs) act
at the same moment: one wins, the other gets a clear conflict (409), and
nothing is half-written."""
import re
import threading
import unittest

from caselog_fixtures import (add_participant, day, decide, give_consent,
                              instance, log_row_id, login, new_concern,
                              open_log, user_pid, xml_body)
from stafett_test import api, count, sql_value, token

ROUNDS = 4


def race(*calls):
    """Run the calls at the same moment; their results, in order."""
    barrier = threading.Barrier(len(calls))
    out = [None] * len(calls)

    def run(i, f):
        barrier.wait()
        out[i] = f()

    threads = [threading.Thread(target=run, args=(i, f))
               for i, f in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return out


def case(name):
    """A log held by ansatt with the nurse taking part, within consent."""
    c = login("ansatt")
    log, _ = open_log(c, name, "2016-02-02")
    give_consent("ansatt", log, name, "2016-02-02", "health_clinic ppt")
    assert add_participant("ansatt", log, "helsesykepleier").status == 201
    return log


def handover(log, to, unit):
    return api("POST", "/api/v1/forms/handover?log=%s&to=%s"
               % (log, user_pid(to)), token("ansatt"),
               instance("handover", {"new_holder/name": "X",
                                     "new_holder/unit": unit,
                                     "planned_date": day(7)}))


class Races(unittest.TestCase):

    def test_two_accepts_at_once(self):
        for n in range(ROUNDS):
            log = case("Samtidig Aksept %d" % n)
            r = handover(log, "helsesykepleier", "helsestasjon-sentrum")
            self.assertEqual(r.status, 201, r.text)
            hid = r.header("Location").rsplit("/", 1)[1]
            tok = token("helsesykepleier")
            a, b = race(
                lambda: api("POST", "/api/v1/handovers/%s/accept" % hid, tok),
                lambda: api("POST", "/api/v1/handovers/%s/accept" % hid, tok))
            self.assertEqual(sorted([a.status, b.status]), [200, 409],
                             (a.text, b.text))
            lid = log_row_id(log)
            self.assertEqual(count("case_event", "log_id = %d AND kind ="
                                   " 'holder'" % lid), 1)
            self.assertEqual(sql_value(
                "SELECT u.username FROM relay_log l JOIN app_user u ON"
                " u.id = l.holder_id WHERE l.id = %d" % lid),
                "helsesykepleier")

    def test_accept_and_withdraw_at_once(self):
        for n in range(ROUNDS):
            log = case("Samtidig Trekk %d" % n)
            r = handover(log, "helsesykepleier", "helsestasjon-sentrum")
            hid = r.header("Location").rsplit("/", 1)[1]
            a, b = race(
                lambda: api("POST", "/api/v1/handovers/%s/accept" % hid,
                            token("helsesykepleier")),
                lambda: api("POST", "/api/v1/handovers/%s/withdraw" % hid,
                            token("ansatt")))
            self.assertEqual(sorted([a.status, b.status]), [200, 409],
                             (a.text, b.text))
            status = sql_value("SELECT status FROM handover WHERE"
                               " public_id = '%s'" % hid)
            holder = sql_value("SELECT u.username FROM relay_log l JOIN"
                               " app_user u ON u.id = l.holder_id WHERE"
                               " l.public_id = '%s'" % log)
            # the holder changed if and only if the acceptance won
            self.assertEqual(status == "accepted",
                             holder == "helsesykepleier", (status, holder))

    def test_two_handover_requests_at_once(self):
        for n in range(ROUNDS):
            log = case("Samtidig Forespørsel %d" % n)
            a, b = race(
                lambda: handover(log, "helsesykepleier",
                                 "helsestasjon-sentrum"),
                lambda: handover(log, "leder", "fagerli-bhg"))
            self.assertEqual(sorted([a.status, b.status]), [201, 422],
                             (a.text, b.text))
            self.assertEqual(count("handover", "log_id = %d AND status ="
                                   " 'pending'" % log_row_id(log)), 1)

    def test_two_minutes_finalised_at_once(self):
        for n in range(ROUNDS):
            log = case("Samtidig Referat %d" % n)
            tok = token("ansatt")
            r = api("POST", "/api/v1/logs/%s/meetings" % log, tok,
                    xml_body("meeting", date=day(1), time="10:00",
                             place="Rom 2", agenda="Status"))
            self.assertEqual(r.status, 201, r.text)
            lid = log_row_id(log)
            meeting = sql_value("SELECT public_id FROM meeting WHERE"
                                " log_id = %d" % lid)
            drafts = []
            for who, text in (("ansatt", "Vedtak A"),
                              ("helsesykepleier", "Vedtak B")):
                m = instance("minutes", {
                    "meeting/date": day(0),
                    "decisions/decision/text": text,
                    "next_meeting/date": day(30)})
                # every responsible person is the nurse, by id
                for placeholder in ("IngridLundFagerliSk001",
                                    "NinaBergHelsestasjon01"):
                    m = m.replace(">%s<" % placeholder,
                                  ">%s<" % user_pid("helsesykepleier"))
                r = api("POST", "/api/v1/forms/minutes?log=%s&meeting=%s"
                        % (log, meeting), token(who), m)
                self.assertEqual(r.status, 201, r.text)
                drafts.append((who, r.header("Location").rsplit("/", 1)[1]))
                per = m.count("<what>")
            before = count("measure", "log_id = %d" % lid)
            a, b = race(*[
                (lambda w=w, d=d: api("POST", "/api/v1/minutes/%s/finalise"
                                      % d, token(w)))
                for w, d in drafts])
            self.assertEqual(sorted([a.status, b.status]), [200, 409],
                             (a.text, b.text))
            self.assertEqual(count("minutes", "log_id = %d AND status ="
                                   " 'final'" % lid), 1)
            # exactly one set of decisions and measures was recorded
            self.assertEqual(count("case_event", "log_id = %d AND kind ="
                                   " 'minutes'" % lid), 1)
            self.assertEqual(count("measure", "log_id = %d" % lid),
                             before + per)
            winner = "Vedtak A" if a.status == 200 else "Vedtak B"
            loser = "Vedtak B" if a.status == 200 else "Vedtak A"
            self.assertEqual(count("case_event", "log_id = %d AND summary"
                                   " LIKE '%%%s%%'" % (lid, winner)), 1)
            self.assertEqual(count("case_event", "log_id = %d AND summary"
                                   " LIKE '%%%s%%'" % (lid, loser)), 0)

    def test_two_decisions_on_a_concern_at_once(self):
        for n in range(ROUNDS):
            author = login("ansatt")
            leader = login("leder")
            concern = new_concern(author, "Samtidig Beslutning %d" % n)
            a, b = race(
                lambda: decide(author, concern, "2", "Forfatter",
                               [("from_level", "0")]),
                lambda: decide(leader, concern, "1", "Leder",
                               [("from_level", "0")]))
            self.assertEqual(sorted([a.status, b.status]), [303, 409],
                             (a.status, b.status))
            cid = sql_value("SELECT id FROM concern WHERE public_id = '%s'"
                            % concern)
            self.assertEqual(count("case_event", "concern_id = %s AND kind"
                                   " = 'level'" % cid), 1)
            # level 1 and 2 both open the child's log: one, either way
            logs = count("relay_log", "child_id = (SELECT child_id FROM"
                         " concern WHERE id = %s)" % cid)
            self.assertEqual(logs, 1)


if __name__ == "__main__":
    unittest.main()
