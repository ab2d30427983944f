"""drills.py: the fault drills under load (bench/drills starts the stack
and says what is measured). Uses the system tests' helpers for the
stack and the fake partner."""
import os
import random
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid
import xml.etree.ElementTree as ET

ROOT = os.environ["top_srcdir"]
sys.path.insert(0, os.path.join(ROOT, "tests", "system"))

from caselog_fixtures import child_of, give_consent, instance, login, \
    open_log  # noqa: E402
from fake_partner import FakePartner, pki  # noqa: E402
from partners import Partner  # noqa: E402
from stafett_test import (BIN, DIR, URL, concern_xml, env, sql,  # noqa: E402
                          sql_value, stafett, token)

SECONDS = float(os.environ.get("DRILL_SECONDS", "15"))
CLIENTS = int(os.environ.get("DRILL_CLIENTS", "6"))
ONLY = os.environ.get("DRILL_ONLY", "").split()
# each client's pause between writes (up to, seconds): enough load for
# the faults to hit requests in every state, not so much that notify's
# backlog outlasts the settling
PAUSE = float(os.environ.get("DRILL_PAUSE", "0.2"))
MOUNTED = os.environ.get("DRILL_MOUNTED") == "1"
BIRTH = "2016-09-02"
MSG = "{urn:x-stafett:message:1}"
GIVE_UP_S = 90


# ------------------------------------------------------------ the stack

def log(msg):
    sys.stderr.write("drills: %s\n" % msg)
    sys.stderr.flush()


def pid_of(name):
    try:
        with open(os.path.join(DIR, "run", name)) as f:
            return int(f.read().strip())
    except (OSError, ValueError):
        return 0


def alive(pid):
    try:
        with open("/proc/%d/stat" % pid) as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def children(master):
    out = []
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                with open("/proc/%s/stat" % d) as f:
                    st = f.read()
                if int(st.rsplit(")", 1)[1].split()[1]) == master and \
                        "stafett-monitor" not in st:
                    out.append(int(d))
            except (OSError, ValueError, IndexError):
                pass
    return out


def start(what):
    """serve or notify, as stack.sh starts them."""
    logf = open(os.path.join(DIR, "log", "%s.log" % (
        "stafett" if what == "serve" else "notify")), "a")
    p = subprocess.Popen([BIN, what], env=env(), stdout=logf, stderr=logf,
                         stdin=subprocess.DEVNULL, start_new_session=True)
    logf.close()
    if what == "notify":
        with open(os.path.join(DIR, "run", "notify.pid"), "w") as f:
            f.write("%d\n" % p.pid)
    return p


def wait_gone(pid, timeout=40):
    end = time.time() + timeout
    while alive(pid) and time.time() < end:
        time.sleep(0.05)


def stack_sh(func):
    subprocess.run(["sh", "-c", '. "%s/scripts/stack.sh"; %s "%s"' % (
        ROOT, func, DIR)], check=True, stdout=subprocess.DEVNULL)


def db_pid():
    return pid_of("db.pid")


# ------------------------------------------------------------ the load

class Op:
    def __init__(self, kind, drill):
        self.kind = kind          # concern or referral
        self.drill = drill
        self.key = str(uuid.uuid4())
        self.marker = "drill-" + self.key
        self.sends = 0
        self.status = None        # the final answer's status
        self.location = None
        self.started = time.time()
        self.acked_at = None


class Load:
    """CLIENTS threads writing until stopped; every write retried with
    its key until it gets an answer that is not 'no answer'."""

    def __init__(self, logs):
        self.logs = logs
        self.ops = []
        self.lock = threading.Lock()
        self.stop = threading.Event()
        self.drill = "setup"
        self.tok = token("ansatt")
        self.threads = [threading.Thread(target=self.run, daemon=True)
                        for _ in range(CLIENTS)]

    def send(self, op, path, body):
        req = urllib.request.Request(URL + path, data=body.encode(),
                                     method="POST", headers={
                                         "Authorization": "Bearer " +
                                         self.tok,
                                         "Content-Type": "application/xml",
                                         "Idempotency-Key": op.key})
        try:
            r = urllib.request.urlopen(req, timeout=30)
            return r.status, r.headers.get("Location")
        except urllib.error.HTTPError as e:
            e.read()
            return e.code, None
        except Exception:
            return None, None

    def one(self):
        op = Op("referral" if random.random() < 0.3 else "concern",
                self.drill)
        with self.lock:
            self.ops.append(op)
        if op.kind == "concern":
            path = "/api/v1/forms/concern"
            body = concern_xml(observation__seen=op.marker)
        else:
            log_pid, name = random.choice(self.logs)
            path = "/api/v1/forms/referral?log=%s" % log_pid
            body = instance("referral", dict(child_of(name, BIRTH),
                                             recipient="bup",
                                             reason=op.marker))
        while time.time() - op.started < GIVE_UP_S:
            op.sends += 1
            status, loc = self.send(op, path, body)
            # no answer, "not now", or "the same is still running":
            # the same request again, with the same key
            if status in (None, 409, 502, 503, 504):
                time.sleep(0.2 + random.random() * 0.3)
                continue
            op.status = status
            op.location = loc
            if 200 <= status < 300:
                op.acked_at = time.time()
            return

    def run(self):
        while not self.stop.is_set():
            self.one()
            time.sleep(random.random() * PAUSE)

    def begin(self):
        for t in self.threads:
            t.start()

    def end(self):
        self.stop.set()
        for t in self.threads:
            t.join()


# ------------------------------------------------------------ the drills

class Drills:
    def __init__(self):
        self.pki = pki(os.path.join(DIR, "pki"))
        self.fake = FakePartner(self.pki)
        self.rogue = FakePartner(self.pki, rogue=True)
        self.path = "/bup"
        self.partner = Partner(self.fake, self.path).pid
        self.holder = login("ansatt")
        self.logs = []
        self.consents = []
        for i in range(8):
            name = "Drill Barn %d" % i
            log_pid, _ = open_log(self.holder, name, BIRTH)
            self.logs.append((log_pid, name))
            self.consents.append(give_consent("ansatt", log_pid, name, BIRTH,
                                              "bup health_clinic"))
        self.load = Load(self.logs)
        self.faults = {}
        self.windows = {}

    def partner_answers(self, answers):
        self.fake.script(self.path, answers)

    def endpoint(self, url):
        sql("UPDATE partner SET endpoint = '%s' WHERE public_id = '%s'"
            % (url, self.partner))

    # each drill: what it does, at the start of its window; returns the
    # moment of the fault
    def d_worker_kill(self):
        t = time.time()
        for _ in range(3):
            kids = children(pid_of("stafett.pid"))
            if kids:
                os.kill(random.choice(kids), signal.SIGKILL)
            time.sleep(SECONDS / 4)
        return t

    def d_master_kill(self):
        return self.restart("serve", signal.SIGKILL)

    def restart(self, what, sig):
        """sig to serve's master or to notify, and a new one when it is
        gone (as systemd would); the moment of the signal."""
        pid = pid_of("stafett.pid" if what == "serve" else "notify.pid")
        t = time.time()
        os.kill(pid, sig)
        wait_gone(pid)
        start(what)
        return t

    def d_serve_term(self):
        return self.restart("serve", signal.SIGTERM)

    def d_notify_kill(self):
        # while it delivers to a slow partner
        self.partner_answers(["slow"])
        time.sleep(2)
        return self.restart("notify", signal.SIGKILL)

    def d_notify_term(self):
        self.partner_answers(["slow"])
        time.sleep(2)
        return self.restart("notify", signal.SIGTERM)

    def d_two_notify(self):
        t = time.time()
        second = start("notify")
        time.sleep(SECONDS - 1)
        second.send_signal(signal.SIGTERM)
        second.wait(timeout=40)
        # the stack's own notify is the one in the pid file again
        return t

    def d_db_kill(self):
        t = time.time()
        os.kill(db_pid(), signal.SIGKILL)
        time.sleep(1)
        os.unlink(os.path.join(DIR, "run", "db.pid"))
        stack_sh("stack_db_start")
        return t

    def d_db_stop(self):
        t = time.time()
        stack_sh("stack_db_stop")
        time.sleep(2)
        stack_sh("stack_db_start")
        return t

    def d_db_freeze(self):
        t = time.time()
        os.kill(db_pid(), signal.SIGSTOP)
        try:
            time.sleep(10)
        finally:
            os.kill(db_pid(), signal.SIGCONT)
        return t

    def d_db_full(self):
        if not MOUNTED:
            return None
        t = time.time()
        filler = os.path.join(DIR, "db", "filler")
        subprocess.run(["dd", "if=/dev/zero", "of=" + filler, "bs=1M"],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(10)
        os.unlink(filler)
        return t

    def d_partner_down(self):
        t = time.time()
        self.endpoint("https://127.0.0.1:1/bup")
        time.sleep(SECONDS - 2)
        self.endpoint(self.fake.url + self.path)
        return t

    # the partner misbehaving: what it answers (fake_partner.py)
    ANSWERS = {
        "partner_slow": ["slow"],
        "partner_500": [500, 500, "receipt"],
        "partner_429": [(429, {"Retry-After": "2"}), "receipt"],
        "partner_hang": ["hang", "receipt"],
        "partner_drop": ["drop", "receipt"],
    }

    def d_answers(self, name):
        self.partner_answers(self.ANSWERS[name])
        return time.time()

    def d_partner_wrong_cert(self):
        t = time.time()
        self.endpoint(self.rogue.url + self.path)
        time.sleep(SECONDS - 2)
        self.endpoint(self.fake.url + self.path)
        return t

    def d_withdraw(self):
        self.partner_answers(["slow"])
        time.sleep(3)
        t = time.time()
        # half the logs lose their consent while referrals are on their
        # way; the clients' referrals to them are refused from then on
        for c in self.consents[:4]:
            r = urllib.request.Request(
                URL + "/api/v1/consents/%s/withdraw" % c, data=b"<input/>",
                method="POST", headers={
                    "Authorization": "Bearer " + token("ansatt"),
                    "Content-Type": "application/xml",
                    "Idempotency-Key": str(uuid.uuid4())})
            try:
                urllib.request.urlopen(r, timeout=30).read()
            except urllib.error.HTTPError as e:
                e.read()
        self.load.logs = self.logs[4:]
        return t

    DRILLS = ["worker_kill", "master_kill", "serve_term", "notify_kill",
              "notify_term", "two_notify", "db_kill", "db_stop",
              "db_freeze", "db_full", "partner_down", "partner_slow",
              "partner_500", "partner_429", "partner_hang", "partner_drop",
              "partner_wrong_cert", "withdraw"]

    def run(self):
        self.load.begin()
        time.sleep(2)
        for name in self.DRILLS:
            if ONLY and name not in ONLY:
                continue
            self.partner_answers(["receipt"])
            self.load.drill = name
            t0 = time.time()
            log("%s" % name.replace("_", "-"))
            at = self.d_answers(name) if name in self.ANSWERS else \
                getattr(self, "d_" + name)()
            self.faults[name] = at
            rest = SECONDS - (time.time() - t0)
            if rest > 0:
                time.sleep(rest)
            self.windows[name] = (t0, time.time())
        self.partner_answers(["receipt"])
        self.load.drill = "after"
        time.sleep(3)
        self.load.end()
        self.settle()
        self.stop_notify()

    def settle(self):
        """notify delivers what is still due (the horizon is far)."""
        end = time.time() + 300
        while time.time() < end:
            left = int(sql_value(
                "SELECT COUNT(*) FROM outbox WHERE status IN ('queued',"
                " 'failed', 'in_flight') AND kind IN ('referral',"
                " 'cancellation')"))
            if left == 0:
                return
            time.sleep(1)
        log("notices still waiting after five minutes")

    def stop_notify(self):
        """notify stopped (gracefully) before the notices are checked,
        so the partner's record and the database's are both final."""
        pid = pid_of("notify.pid")
        if pid and alive(pid):
            os.kill(pid, signal.SIGTERM)
            wait_gone(pid)

    # ------------------------------------------------------------ checks

    def report(self):
        ops = self.load.ops
        rows = {}
        for (marker,) in sql(
                "SELECT REGEXP_SUBSTR(instance, 'drill-[0-9a-f-]{36}') FROM"
                " form_submission WHERE form_id IN ('concern', 'referral')"
                " AND instance LIKE '%drill-%'"):
            key = marker[len("drill-"):]
            rows[key] = rows.get(key, 0) + 1
        bad = False
        print("\n| drill | requests | acknowledged | refused | lost |"
              " duplicated | unknown | recovery |")
        print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
        names = [n for n in ["setup"] + self.DRILLS + ["after"]
                 if any(o.drill == n for o in ops)]
        total = [0] * 6
        for name in names:
            mine = [o for o in ops if o.drill == name]
            acked = [o for o in mine if o.acked_at]
            lost = [o for o in acked if rows.get(o.key, 0) == 0]
            dup = [o for o in mine if rows.get(o.key, 0) > 1]
            unknown = [o for o in mine if o.status is None]
            refused = [o for o in mine if o.status is not None and
                       not o.acked_at]
            at = self.faults.get(name)
            rec = ""
            if at is not None:
                # the longest time from the fault on with no write
                # acknowledged (the others' writes included): how long
                # a user waited for the service
                # (within the drill's window, and up to the first
                # acknowledgement after it when the pause lasts longer)
                until = self.windows[name][1]
                acks = sorted(o.acked_at for o in ops if o.acked_at and
                              at <= o.acked_at)
                acks = [a for a in acks if a <= until] + \
                    [a for a in acks if a > until][:1]
                rec = "%.1f s" % max(b - a for a, b in
                                      zip([at] + acks, acks)) \
                    if acks else "none"
            counts = (len(mine), len(acked), len(refused), len(lost),
                      len(dup), len(unknown))
            print("| %s | %d | %d | %d | %d | %d | %d | %s |" % (
                (name.replace("_", "-"),) + counts + (rec,)))
            for i, v in enumerate(counts):
                total[i] += v
            bad = bad or lost or dup
        print("| **all** | %d | %d | %d | %d | %d | %d | |" %
              tuple(total))
        bad = self.notices() or bad
        return 1 if bad else 0

    def during(self, made):
        """The drill whose window a moment falls in."""
        for name, (a, b) in self.windows.items():
            if a <= float(made) < b:
                return name
        return "none"

    def notices(self):
        """The partner's view against the notices' states."""
        states = sql("SELECT public_id, status, attempts, kind,"
                     " UNIX_TIMESTAMP(created_at) FROM outbox"
                     " WHERE partner_id = (SELECT id FROM partner WHERE"
                     " public_id = '%s')" % self.partner)
        got = {}
        keys = {}
        for m in self.fake.seen(self.path):
            try:
                root = ET.fromstring(m["body"])
            except ET.ParseError:
                continue
            nid = root.findtext(MSG + "header/" + MSG + "notice")
            got.setdefault(nid, []).append(m)
            keys.setdefault(nid, set()).add(
                m["headers"].get("Idempotency-Key"))
        untrue, twice, twice_same, took = [], [], 0, 0
        for pid, status, attempts, kind, made in states:
            seen = got.get(pid, [])
            answered = [m for m in seen if m["answer"] in ("receipt",
                                                           "slow")]
            if answered:
                took += 1
            if len(keys.get(pid, ())) > 1:
                twice.append(pid)
            elif len(seen) > 1:
                twice_same += 1
            if status in ("delivered", "acknowledged") and not seen:
                untrue.append((pid, status, self.during(made),
                               "shown delivered, never got"))
            if seen and status == "cancelled" and attempts == "0":
                untrue.append((pid, status, self.during(made),
                               "shown never sent, got it"))
            if answered and status in ("queued", "dead"):
                untrue.append((pid, status, self.during(made),
                               "took it, shown otherwise"))
        waiting = sum(1 for s in states if s[1] in ("queued", "failed",
                                                    "in_flight"))
        print("\n| notices to the partner | count |")
        print("| --- | ---: |")
        print("| made | %d |" % len(states))
        print("| the partner took (2xx) | %d |" % took)
        print("| received more than once, same key | %d |" % twice_same)
        print("| received under two keys | %d |" % len(twice))
        print("| untrue states | %d |" % len(untrue))
        print("| sent to a server with a wrong certificate | %d |"
              % len(self.rogue.seen()))
        print("| still waiting after settling | %d |" % waiting)
        by = {}
        for _, status, attempts, kind, _ in states:
            k = "%s %s%s" % (kind, status, " (tried)" if attempts != "0"
                             and status == "cancelled" else "")
            by[k] = by.get(k, 0) + 1
        for k in sorted(by):
            print("| %s | %d |" % (k, by[k]))
        for u in untrue[:20]:
            log("untrue: %s %s (made during %s): %s" % u)
        return bool(untrue or twice or self.rogue.seen())


def main():
    random.seed(int(os.environ.get("DRILL_SEED", "13")))
    d = Drills()
    try:
        d.run()
        rc = d.report()
    finally:
        d.fake.stop()
        d.rogue.stop()
    sys.exit(rc)


if __name__ == "__main__":
    main()
