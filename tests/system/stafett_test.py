"""stafett_test.py: helpers for the system tests: an HTTP client with a
cookie jar that does not follow redirects, login, API tokens, SQL on the
test database, and building concern instances.

The stack (MariaDB, stafett, nginx) is started by run.sh, which passes
its location in STAFETT_TEST_URL, STAFETT_TEST_DIR and STAFETT_TEST_BIN.
"""
import contextlib
import datetime
import functools
import http.client
import http.cookiejar
import os
import re
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
import zoneinfo

URL = os.environ["STAFETT_TEST_URL"]
DIR = os.environ["STAFETT_TEST_DIR"]
BIN = os.environ["STAFETT_TEST_BIN"]
SRC = os.environ.get("top_srcdir", ".")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


class Response:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers
        self.body = body

    @property
    def text(self):
        return self.body.decode("utf-8", "replace")

    def header(self, name):
        return self.headers.get(name)

    def header_all(self, name):
        return self.headers.get_all(name) or []

    def xml(self):
        return ET.fromstring(self.body)

    def __repr__(self):
        return "<Response %d %r>" % (self.status, self.body[:200])


# The command line's words for the demo's first municipality, Larvik:
# commands that act for one (partner add, idp map) must say which when
# an installation serves several, as the demo does (Sandefjord too).
FIRST = ("--municipality", "3805")


def password(user):
    return "test-password-" + user


class _FromAddress(urllib.request.HTTPHandler):
    """Connections from a given local address (127.0.0.2: another
    client, as nginx and stafett see it)."""

    def __init__(self, source):
        super().__init__()
        self.source = source

    def http_open(self, req):
        return self.do_open(functools.partial(
            http.client.HTTPConnection, source_address=(self.source, 0)),
            req)


class Client:
    """A browser: keeps cookies, does not follow redirects; from the
    local address source when given."""

    def __init__(self, source=None):
        self.jar = http.cookiejar.CookieJar()
        handlers = [urllib.request.HTTPCookieProcessor(self.jar),
                    NoRedirect]
        if source is not None:
            handlers.append(_FromAddress(source))
        self.opener = urllib.request.build_opener(*handlers)

    def request(self, method, path, data=None, headers=None):
        req = urllib.request.Request(URL + path, data=data, method=method,
                                     headers=headers or {})
        try:
            r = self.opener.open(req, timeout=60)
        except urllib.error.HTTPError as e:
            r = e
        body = r.read()
        return Response(r.status if hasattr(r, "status") else r.code,
                        r.headers, body)

    def get(self, path, headers=None):
        return self.request("GET", path, headers=headers)

    def post(self, path, fields, headers=None):
        h = {"Content-Type": "application/x-www-form-urlencoded"}
        h.update(headers or {})
        data = urllib.parse.urlencode(fields).encode("utf-8")
        return self.request("POST", path, data=data, headers=h)

    def cookie(self, name):
        for c in self.jar:
            if c.name == name:
                return c.value
        return None

    def login(self, user, pw=None, expect=303):
        page = self.get("/login")
        r = self.post("/login", [("csrf", csrf_of(page.text)),
                                 ("username", user),
                                 ("password", pw or password(user)),
                                 ("next", "/")])
        if expect is not None:
            assert r.status == expect, (user, r)
        return r

    def csrf(self, path="/"):
        return csrf_of(self.get(path).text)


def csrf_of(html):
    m = re.search(r'name="csrf" value="([^"]*)"', html)
    assert m, "no csrf field in page"
    return m.group(1)


def api(method, path, token=None, body=None, ctype="application/xml",
        headers=None):
    h = dict(headers or {})
    if token is not None:
        h["Authorization"] = "Bearer " + token
    if body is not None and ctype is not None:
        h["Content-Type"] = ctype
    if isinstance(body, str):
        body = body.encode("utf-8")
    req = urllib.request.Request(URL + path, data=body, method=method,
                                 headers=h)
    opener = urllib.request.build_opener(NoRedirect)
    try:
        r = opener.open(req, timeout=60)
    except urllib.error.HTTPError as e:
        r = e
    return Response(r.status if hasattr(r, "status") else r.code,
                    r.headers, r.read())


def env():
    e = dict(os.environ)
    e["STAFETT_CONFIG"] = os.path.join(DIR, "stafett.conf")
    return e


def stafett(*args, stdin=None, check=True):
    return subprocess.run([BIN] + list(args), input=stdin, env=env(),
                          capture_output=True, text=True, check=check)


def free_port():
    """A TCP port on 127.0.0.1 nothing listens on now."""
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def pause_notify():
    """Stop the stack's notify process (SIGSTOP) between transactions,
    never inside one: stopped holding a lock, it would make whatever the
    test does next wait for it (a partner resumed, a notice claimed, a
    draft purged). Its pid, for SIGCONT."""
    with open(os.path.join(DIR, "run", "notify.pid")) as f:
        background = int(f.read().strip())
    for _ in range(100):
        os.kill(background, signal.SIGSTOP)
        time.sleep(0.05)
        # a transaction open on a connection that says nothing: the
        # stopped process's (nothing else runs while a test sets up)
        if sql_value("SELECT COUNT(*) FROM information_schema.INNODB_TRX t"
                     " JOIN information_schema.PROCESSLIST p ON p.ID ="
                     " t.trx_mysql_thread_id WHERE p.USER = 'stafett' AND"
                     " p.COMMAND = 'Sleep'") == "0":
            break
        os.kill(background, signal.SIGCONT)
        time.sleep(0.05)
    else:
        # never between transactions in 10 s: stopped all the same
        os.kill(background, signal.SIGSTOP)
    return background


@contextlib.contextmanager
def notify_paused():
    """The stack's notify process sits out (pause_notify): the test's
    own processes are the only senders."""
    background = pause_notify()
    try:
        yield
    finally:
        os.kill(background, signal.SIGCONT)


def notify_together(n=2, timeout=120):
    """n `stafett notify --once` started at the same moment: their exit
    codes, once all have finished."""
    procs = [subprocess.Popen([BIN, "notify", "--once"], env=env(),
                              stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
             for _ in range(n)]
    return [p.wait(timeout=timeout) for p in procs]


_tokens = {}


def token(user):
    if user not in _tokens:
        _tokens[user] = stafett("token", "create", user).stdout.strip()
    return _tokens[user]


class SQLError(subprocess.CalledProcessError):
    """A statement the server refused, saying why."""

    def __str__(self):
        return "%s\n%s" % (super().__str__(), (self.stderr or "").strip())


def sql(query):
    """Rows of a query run as the database administrator. A statement
    the server chose as a deadlock's victim, or that waited out a lock
    (the stack's notify claims and records notices in batches while a
    test changes them), is run again, as the application does; any
    other error is raised with what the server said."""
    for attempt in range(5):
        p = subprocess.run(
            ["mariadb", "--no-defaults", "-S",
             os.path.join(DIR, "run/db.sock"), "-u", "root", "-N", "-B",
             "-D", "stafett", "-e", query],
            capture_output=True, text=True)
        if p.returncode == 0:
            return [line.split("\t") for line in p.stdout.splitlines()]
        if ("Deadlock found" not in p.stderr and
                "Lock wait timeout" not in p.stderr) or attempt == 4:
            raise SQLError(p.returncode, query[:300], p.stdout, p.stderr)
        time.sleep(0.2 * (attempt + 1))


def sql_value(query):
    rows = sql(query)
    return rows[0][0] if rows else None


def statement_counts():
    """How many times each prepared statement ran, from /metrics."""
    text = api("GET", "/metrics").text
    return {m.group(1): int(m.group(2)) for m in re.finditer(
        r'^stafett_db_statement_duration_seconds_count'
        r'\{statement="([^"]+)"\} (\d+)$', text, re.M)}


def count(table, where="1"):
    return int(sql_value("SELECT COUNT(*) FROM %s WHERE %s" % (table, where)))


def today():
    """Today where the municipality is: deadlines are dates there."""
    return datetime.datetime.now(zoneinfo.ZoneInfo("Europe/Oslo")).date()


def nin_for(date, individual=None, synthetic=False, dnumber=False):
    """A valid national identity number for a date (mod-11 check digits).
    The individual number carries the century: 000-499 for the 1900s,
    500-999 for the 2000s."""
    if individual is None:
        individual = 123 if date.year < 2000 else 523
    for ind in range(individual, individual + 50):
        day = date.day + (40 if dnumber else 0)
        month = date.month + (80 if synthetic else 0)
        base = "%02d%02d%02d%03d" % (day, month, date.year % 100, ind)
        d = [int(c) for c in base]
        k1 = 11 - sum(a * b for a, b in zip(d, [3, 7, 6, 1, 8, 9, 4, 5, 2])) % 11
        k1 = 0 if k1 == 11 else k1
        if k1 == 10:
            continue
        d.append(k1)
        k2 = 11 - sum(a * b for a, b in
                      zip(d, [5, 4, 3, 2, 7, 6, 5, 4, 3, 2])) % 11
        k2 = 0 if k2 == 11 else k2
        if k2 == 10:
            continue
        return base + str(k1) + str(k2)
    raise ValueError("no valid number")


CONCERN = {
    "anonymous": "false",
    "child/name": "Ola Nordmann",
    "child/nin": "",
    "child/birthdate": "2021-03-14",
    "child/age": "",
    "observation/seen": "Ola har virket trist og sliten i flere uker.",
    "observation/child_said": "\"Mamma gråter mye.\"",
    "observation/duration": "weeks",
    "observation/earlier": "false",
    "observation/earlier_details": "",
    "risk": "unavailable",
    "protective": "friend interest",
    "sharing/shared_with": "colleague leader",
    "sharing/guardians_informed": "planned",
    "sharing/guardians_not_informed_why": "",
    "care_situation": "false",
    "urgent": "false",
}


def field_error(r):
    """The field an API client's 422 names (<error path="...">), or None."""
    m = re.search(r'<error path="([^"]*)">', r.text)
    return m.group(1) if m else None


def concern_xml(**changes):
    """A concern instance; keys use '__' for '/', value None drops it."""
    values = dict(CONCERN)
    for k, v in changes.items():
        values[k.replace("__", "/")] = v
    root = ET.Element("concern")
    for path, value in values.items():
        if value is None:
            continue
        parent = root
        parts = path.split("/")
        for p in parts[:-1]:
            found = parent.find(p)
            parent = found if found is not None else ET.SubElement(parent, p)
        ET.SubElement(parent, parts[-1]).text = value
    return ET.tostring(root, encoding="unicode")


def concern_fields(csrf, **changes):
    """The same concern as browser form fields (names are instance paths)."""
    values = dict(CONCERN)
    for k, v in changes.items():
        values[k.replace("__", "/")] = v
    fields = [("csrf", csrf)]
    for path, value in values.items():
        if value is None:
            continue
        name = "/concern/" + path
        if value in ("true", "false") and path in (
                "anonymous", "observation/earlier", "care_situation",
                "urgent"):
            if value == "true":
                fields.append((name, "true"))
        elif path in ("risk", "protective", "sharing/shared_with"):
            for v in value.split():
                fields.append((name, v))
        else:
            fields.append((name, value))
    return fields


def wait_for(predicate, timeout=20.0, interval=0.1):
    end = time.time() + timeout
    while time.time() < end:
        if predicate():
            return True
        time.sleep(interval)
    return False


def app_log():
    with open(os.path.join(DIR, "log/stafett.log"), encoding="utf-8",
              errors="replace") as f:
        return f.read()


def master_pid():
    with open(os.path.join(DIR, "run/stafett.pid")) as f:
        return int(f.read().strip())


def reload_and_wait():
    """SIGHUP the master and wait until every worker is a new one (a
    reload replaces them one by one, each finishing its request)."""
    import signal as _signal
    old = set(worker_pids())
    n = app_log().count("loaded ")
    os.kill(master_pid(), _signal.SIGHUP)
    assert wait_for(lambda: app_log().count("loaded ") > n or
                    app_log().count("reload refused") > 0)
    return wait_for(lambda: len(set(worker_pids())) == len(old) and
                    not set(worker_pids()) & old)


def children_of(master):
    """(pid, name) of each child process of master."""
    kids = []
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open("/proc/%s/stat" % d) as f:
                stat = f.read()
            name = stat.split("(", 1)[1].rsplit(")", 1)[0]
            fields = stat.rsplit(")", 1)[1].split()
            if int(fields[1]) == master:
                kids.append((int(d), name))
        except (OSError, IndexError, ValueError):
            pass
    return kids


def worker_pids():
    """The serve master's workers (not its monitor, dbwatch.c)."""
    return [p for p, name in children_of(master_pid())
            if name != "stafett-monitor"]


def monitor_pid():
    return [p for p, name in children_of(master_pid())
            if name == "stafett-monitor"]


def stack(func, *extra):
    """Run a stack.sh function on the test stack."""
    cmd = '. "%s/scripts/stack.sh"; %s "%s"' % (SRC, func, DIR)
    for e in extra:
        cmd += ' "%s"' % e
    subprocess.run(["sh", "-c", cmd], check=True)
