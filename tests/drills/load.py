"""load.py: clients writing through the API until a file says stop, for
the drills (tests/drills/upgrade.sh, tests/drills/galera.sh; issue 19).

  load.py --token=TOKEN [--referral-log=LOG --referral-file=FILE]
          [--clients=N] URL ACKED STOP

(TOKEN and LOG are given with "=": a random one may begin with "-".)
Each client writes concerns, and with a referral log also referrals on
the relay log LOG (the referral instance in FILE), in turn. Every write
carries an Idempotency-Key; when no answer comes, or nginx or stafett
answer 502, 503 or 504 (no host could take it, or it may have been
saved), the client sends it again with the same key, as a client
should, for up to 60 s. Each acknowledged write is read back at once
(a concern by its address) and written to ACKED as "TIME KIND
PUBLIC_ID". Exits 1 if a write was refused, never acknowledged, or a
concern not read back; prints what it did, and the longest time any
client waited for an answer (sending again included)."""
import argparse
import os
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid

CONCERN = """<concern><anonymous>false</anonymous>
<child><name>Drill %s</name><nin/><birthdate>2021-03-14</birthdate>
<age/></child><observation><seen>Virket trist i flere uker.</seen>
<child_said/><duration>weeks</duration><earlier>false</earlier>
<earlier_details/></observation><risk>unavailable</risk><protective/>
<sharing><shared_with>colleague</shared_with>
<guardians_informed>planned</guardians_informed>
<guardians_not_informed_why/></sharing><care_situation>false</care_situation>
<urgent>false</urgent></concern>"""
AGAIN = (None, 502, 503, 504)

args = None
lock = threading.Lock()
stats = {"acked": 0, "again": 0, "refused": [], "lost": 0, "unread": 0,
         "longest": 0.0}


def call(method, path, body=None, key=None):
    h = {"Authorization": "Bearer " + args.token}
    if body is not None:
        h["Content-Type"] = "application/xml"
    if key is not None:
        h["Idempotency-Key"] = key
    req = urllib.request.Request(args.url + path, data=body, method=method,
                                 headers=h)
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, r.headers, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read()
    except OSError:
        return None, None, b""


def until_answered(method, path, body=None, key=None):
    """The answer, sending again while there is none; and the time."""
    t0 = time.time()
    while True:
        status, headers, text = call(method, path, body, key)
        if status not in AGAIN or time.time() - t0 > 60:
            return status, headers, text, time.time() - t0
        with lock:
            stats["again"] += 1
        time.sleep(0.1)


def client(i, out, referral):
    n = 0
    while not os.path.exists(args.stop):
        n += 1
        kind = "referral" if referral is not None and n % 2 == 0 \
            else "concern"
        if kind == "concern":
            path = "/api/v1/forms/concern"
            body = (CONCERN % ("%d-%d" % (i, n))).encode()
        else:
            path = "/api/v1/forms/referral?log=" + args.referral_log
            body = referral
        status, headers, text, took = until_answered(
            "POST", path, body, str(uuid.uuid4()))
        with lock:
            stats["longest"] = max(stats["longest"], took)
        if status != 201:
            with lock:
                if status in AGAIN:
                    stats["lost"] += 1
                else:
                    stats["refused"].append((status, text[:300]))
            continue
        pid = headers["Location"].rstrip("/").split("/")[-1]
        read_ok = True
        if kind == "concern":
            got, _, text, _ = until_answered("GET", "/api/v1/concerns/" + pid)
            read_ok = got == 200 and b"Drill" in text
        with lock:
            stats["acked"] += 1
            out.write("%f %s %s\n" % (time.time(), kind, pid))
            out.flush()
            if not read_ok:
                stats["unread"] += 1
        time.sleep(0.02)


def main():
    global args
    p = argparse.ArgumentParser()
    p.add_argument("url")
    p.add_argument("acked")
    p.add_argument("stop")
    p.add_argument("--token", required=True)
    p.add_argument("--referral-log")
    p.add_argument("--referral-file")
    p.add_argument("--clients", type=int, default=4)
    args = p.parse_args()
    referral = None
    if args.referral_log:
        with open(args.referral_file, "rb") as f:
            referral = f.read()
    with open(args.acked, "w") as out:
        threads = [threading.Thread(target=client, args=(i, out, referral))
                   for i in range(args.clients)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    print("load: %(acked)d acknowledged, %(again)d sent again after no "
          "answer, %(lost)d never answered, %(unread)d not read back; "
          "the longest wait %(longest).1f s" % stats)
    for status, text in stats["refused"][:5]:
        print("load: refused %s: %s" % (status, text))
    ok = not stats["refused"] and not stats["lost"] and not stats["unread"]
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
