"""load.py URL TOKEN ACKED STOP: clients writing concerns through the API
until the file STOP exists (tests/upgrade/run.sh, issue 19). Each
concern carries an Idempotency-Key; when no answer comes, or nginx
answers 502, 503 or 504 (no host could take it), the client sends it
again with the same key, as a client should, up to 30 times. Each
acknowledged concern is read back at once and written to ACKED as
"TIME PUBLIC_ID". Exits 1 if any concern was refused, not acknowledged
in the end, or not read back; prints what it did."""
import os
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid

URL, TOKEN, ACKED, STOP = sys.argv[1:5]
CLIENTS = 4
CONCERN = """<concern><anonymous>false</anonymous>
<child><name>Oppgradering %s</name><nin/><birthdate>2021-03-14</birthdate>
<age/></child><observation><seen>Virket trist i flere uker.</seen>
<child_said/><duration>weeks</duration><earlier>false</earlier>
<earlier_details/></observation><risk>unavailable</risk><protective/>
<sharing><shared_with>colleague</shared_with>
<guardians_informed>planned</guardians_informed>
<guardians_not_informed_why/></sharing><care_situation>false</care_situation>
<urgent>false</urgent></concern>"""

lock = threading.Lock()
stats = {"acked": 0, "again": 0, "refused": [], "lost": 0, "unread": 0}


def call(method, path, body=None, key=None):
    h = {"Authorization": "Bearer " + TOKEN}
    if body is not None:
        h["Content-Type"] = "application/xml"
    if key is not None:
        h["Idempotency-Key"] = key
    req = urllib.request.Request(URL + path, data=body, method=method,
                                 headers=h)
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, r.headers, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read()
    except OSError:
        return None, None, b""


def client(i, out):
    n = 0
    while not os.path.exists(STOP):
        n += 1
        key = str(uuid.uuid4())
        body = (CONCERN % ("%d-%d" % (i, n))).encode()
        for attempt in range(30):
            status, headers, text = call("POST", "/api/v1/forms/concern",
                                         body, key)
            if status in (None, 502, 503, 504):
                with lock:
                    stats["again"] += 1
                time.sleep(0.1)
                continue
            break
        if status != 201:
            with lock:
                if status in (None, 502, 503, 504):
                    stats["lost"] += 1
                else:
                    stats["refused"].append((status, text[:300]))
            continue
        pid = headers["Location"][-22:]
        got, _, text = call("GET", "/api/v1/concerns/" + pid)
        for attempt in range(30):
            if got not in (None, 502, 503, 504):
                break
            time.sleep(0.1)
            got, _, text = call("GET", "/api/v1/concerns/" + pid)
        with lock:
            stats["acked"] += 1
            out.write("%f %s\n" % (time.time(), pid))
            out.flush()
            if got != 200 or b"Oppgradering" not in text:
                stats["unread"] += 1
        time.sleep(0.02)


def main():
    with open(ACKED, "w") as out:
        threads = [threading.Thread(target=client, args=(i, out))
                   for i in range(CLIENTS)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    print("load: %(acked)d acknowledged, %(again)d sent again after no "
          "answer, %(lost)d never answered, %(unread)d not read back"
          % stats)
    for status, text in stats["refused"][:5]:
        print("load: refused %s: %s" % (status, text))
    ok = not stats["refused"] and not stats["lost"] and not stats["unread"]
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
