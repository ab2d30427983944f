"""roundtrips.py: how many statements (round trips to MariaDB) each of
stafett's writes makes, read off /metrics (the count of each prepared
statement by name) before and after one request of each kind, against a
stack the system tests made (tests/system/run.sh with KEEP_TEST_DIR, or
a developer's; the STAFETT_TEST_* variables as the system tests take
them). Prints one line per write: all statements, how many of them
wrote, and the statements by name. The reads that may come before the
request's transaction (a token, the guide's deadline: kept a while by
each worker) are counted apart, as they are not made every time.

  cd tests/system && STAFETT_TEST_URL=... python3 ../../bench/roundtrips.py
"""
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..",
                                "tests", "system"))
from stafett_test import FIRST, api, concern_xml, stafett, token  # noqa: E402
from caselog_fixtures import (child_of, day, give_consent, instance,  # noqa
                              login, new_concern, open_log, user_pid,
                              xml_body)

CACHED = {"token_get", "guide_level0_days", "session_get"}
LINE = re.compile(r'^stafett_db_statement_duration_seconds_count'
                  r'\{statement="([^"]+)"\} (\d+)$', re.M)


def counts():
    return {m.group(1): int(m.group(2))
            for m in LINE.finditer(api("GET", "/metrics").text)}


# what a scrape of /metrics runs itself
SCRAPE = {"partner_admin_list"}


def measure(label, fn):
    before = counts()
    status = fn()
    after = counts()
    ran = {n: after[n] - before.get(n, 0) for n in after
           if after[n] != before.get(n, 0) and n not in SCRAPE and
           not n.startswith("metrics_")}
    cached = sum(v for n, v in ran.items() if n in CACHED)
    rest = {n: v for n, v in ran.items() if n not in CACHED}
    total = sum(rest.values())
    print("%-34s %3s  %3d round trips (+%d cached reads): %s" % (
        label, status, total, cached, " ".join(
            "%s%s" % (n, "" if v == 1 else "x%d" % v)
            for n, v in sorted(rest.items()))))


def main():
    tok = token("ansatt")
    holder = login("ansatt")
    name, birth = "Runde Tur", "2016-09-02"
    measure("concern (API)", lambda: api(
        "POST", "/api/v1/forms/concern", tok, concern_xml()).status)
    measure("concern (API, Idempotency-Key)", lambda: api(
        "POST", "/api/v1/forms/concern", tok, concern_xml(),
        headers={"Idempotency-Key": os.urandom(8).hex()}).status)
    measure("concern (browser form)", lambda: (
        new_concern(holder, "Nettleser Barn"), 303)[1])
    log, _ = open_log(holder, name, birth)
    measure("consent (API)", lambda: (
        give_consent("ansatt", log, name, birth, "health_clinic ppt"),
        201)[1])
    def referral():
        return api("POST", "/api/v1/forms/referral?log=%s" % log, tok,
                   instance("referral", dict(child_of(name, birth),
                                             recipient="ppt"))).status

    def report():
        return api("POST", "/api/v1/forms/cw-report?log=%s" % log, tok,
                   instance("cw-report", dict(child_of(name, birth),
                                              date=day(0)))).status
    # with nobody registered to take them: each raises its alerts
    measure("referral (API, no receiver)", referral)
    measure("report of concern (API, no receiver)", report)
    # with receivers, as a municipality has them (paused again after,
    # so that the stack's notify does not try them)
    added = [stafett("partner", "add", *FIRST, "Rundtur %s" % kind, kind,
                     "https://%s.invalid/in" % kind, "bearer",
                     accepts).stdout.strip()
             for kind, accepts in (("ppt", "referral"),
                                   ("child_welfare", "cw_report"))]
    try:
        measure("referral (API)", referral)
        measure("report of concern (API)", report)
    finally:
        for pid in added:
            stafett("partner", "pause", pid)
    measure("measure (API)", lambda: api(
        "POST", "/api/v1/logs/%s/measures" % log, tok,
        xml_body("measure", what="Fast voksen", goal="Trygg levering",
                 start=day(0), evaluation=day(30),
                 responsible=user_pid("ansatt"))).status)
    measure("note (API)", lambda: api(
        "POST", "/api/v1/logs/%s/notes" % log, tok,
        xml_body("note", kind="note", text="Et notat.")).status)


if __name__ == "__main__":
    main()
