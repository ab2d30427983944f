"""logread.py: the HTTP side of bench/log500: log in as a browser does
and check, before anything is timed, that a log read answers 200 with the
whole timeline.

  logread.py login URL USER PASSWORD
      log in through the login form (its csrf cookie and field, as the
      system tests do); print the Cookie header value of the session
  logread.py check URL PATH html|xml SUMMARIES COOKIE|- TOKEN|- TOTAL
      GET PATH once; fail, saying why in one line, unless it answers 200
      with the expected type, every event summary in the file SUMMARIES
      (one a line) is in it and it says the log has TOTAL events (the
      page lists the newest and links to the whole timeline); print the
      size of the answer
"""
import html
import re
import sys
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


def fetch(url, data=None, headers=None):
    req = urllib.request.Request(url, data=data, headers=headers or {})
    opener = urllib.request.build_opener(NoRedirect)
    try:
        r = opener.open(req, timeout=60)
    except urllib.error.HTTPError as e:
        r = e
    return r.status if hasattr(r, "status") else r.code, r.headers, r.read()


def cookies(headers):
    jar = {}
    for h in headers.get_all("Set-Cookie") or []:
        name, _, rest = h.partition("=")
        jar[name.strip()] = rest.split(";", 1)[0]
    return jar


def login(url, user, password):
    status, headers, body = fetch(url + "/login")
    m = re.search(rb'name="csrf" value="([^"]*)"', body)
    if status != 200 or m is None:
        sys.exit("logread: GET /login answered %d without a csrf field"
                 % status)
    jar = cookies(headers)
    data = urllib.parse.urlencode([("csrf", m.group(1).decode()),
                                   ("username", user),
                                   ("password", password),
                                   ("next", "/")]).encode()
    status, headers, body = fetch(url + "/login", data, {
        "Content-Type": "application/x-www-form-urlencoded",
        "Cookie": "; ".join("%s=%s" % kv for kv in jar.items())})
    session = cookies(headers).get("stafett_session")
    if status != 303 or not session:
        sys.exit("logread: logging in as %s answered %d without a session"
                 % (user, status))
    print("stafett_session=" + session)


def check(url, path, kind, summaries, cookie, token, total):
    headers = {}
    if cookie != "-":
        headers["Cookie"] = cookie
    if token != "-":
        headers["Authorization"] = "Bearer " + token
    status, h, body = fetch(url + path, None, headers)
    ctype = h.get("Content-Type", "")
    want = "text/html" if kind == "html" else "application/xml"
    if status != 200 or not ctype.startswith(want):
        sys.exit("answered %d (%s), not 200 (%s); request %s"
                 % (status, ctype, want, h.get("X-Request-Id", "?")))
    text = body.decode("utf-8")
    if kind == "html":
        text = html.unescape(text)
        count = re.search(r"(\d+) (?:oppføringer|entries)\b", text)
        count = count.group(1) if count else "no"
    else:
        listed = ET.fromstring(body).find("log/events")
        count = listed.get("total", "no") if listed is not None else "no"
        text = "\n".join(e.text or "" for e in listed.findall("event"))
    if count != total:
        sys.exit("says the log has %s events, not %s" % (count, total))
    want = [s for s in open(summaries, encoding="utf-8").read().split("\n")
            if s]
    missing = [s for s in want if s not in text]
    if missing:
        sys.exit("shows %d of the %d events (missing e.g. %r)"
                 % (len(want) - len(missing), len(want), missing[0][:60]))
    print(len(body))


def main(argv):
    if len(argv) == 5 and argv[1] == "login":
        login(*argv[2:])
    elif len(argv) == 9 and argv[1] == "check":
        check(*argv[2:])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
