"""fake_smtp.py: a mail server for the e-mail tests (Python standard
library only: smtpd is gone from 3.12, and a server of our own can fail
on purpose).

It speaks enough ESMTP for curl: EHLO/HELO, STARTTLS (with the test CA's
server certificate from fake_partner.pki(), when given), AUTH PLAIN and
LOGIN (any password, recorded), MAIL, RCPT, DATA (dot-stuffing undone),
RSET, NOOP and QUIT, several messages per connection. Every accepted
message is recorded with its envelope, its raw bytes and whether the
session was encrypted:

    fake = FakeSMTP(port=0, pki_dir=d)          # starts serving
    fake.script("ppt@example.invalid", [("rcpt", 451), "ok"])
    fake.messages(to="ppt@example.invalid")

A script is per recipient, one answer per transaction to that address:
"ok"; ("rcpt", code) answers RCPT with code; ("data", code) takes the
whole message and then answers with code (so the sender has sent it and
must send it again); "drop" closes the connection after RCPT; "drop-data"
after the message, without an answer. The last answer repeats. Refused
transactions are recorded in fake.refused.
"""
import base64
import os
import socketserver
import ssl
import threading
import time


class _Handler(socketserver.BaseRequestHandler):

    def setup(self):
        self.sock = self.request
        self.rf = self.sock.makefile("rb")
        self.tls = False
        self.auth = None

    def send(self, line):
        self.sock.sendall(line.encode("ascii") + b"\r\n")

    def readline(self):
        line = self.rf.readline(65536)
        if not line:
            raise ConnectionError("closed")
        return line.rstrip(b"\r\n").decode("utf-8", "replace")

    def handle(self):
        fake = self.server.fake
        try:
            self.send("220 fake-smtp.test ESMTP ready")
            self.session(fake)
        except (ConnectionError, OSError, ssl.SSLError):
            pass
        finally:
            try:
                self.sock.close()
            except OSError:
                pass

    def ehlo(self, fake):
        lines = ["fake-smtp.test greets you", "SIZE 1000000",
                 "8BITMIME"]
        if fake.ctx is not None and not self.tls:
            lines.append("STARTTLS")
        lines.append("AUTH PLAIN LOGIN")
        for i, text in enumerate(lines):
            sep = " " if i == len(lines) - 1 else "-"
            self.send("250%s%s" % (sep, text))

    def session(self, fake):
        mail_from, rcpts, answers = None, [], []
        while True:
            line = self.readline()
            verb = line.split(" ", 1)[0].upper()
            arg = line[len(verb):].strip()
            if verb == "EHLO":
                self.ehlo(fake)
            elif verb == "HELO":
                self.send("250 fake-smtp.test")
            elif verb == "STARTTLS" and fake.ctx is not None and \
                    not self.tls:
                self.send("220 go ahead")
                self.sock = fake.ctx.wrap_socket(self.sock,
                                                 server_side=True)
                self.rf = self.sock.makefile("rb")
                self.tls = True
                mail_from, rcpts, answers = None, [], []
            elif verb == "AUTH":
                self.authenticate(arg)
            elif verb == "MAIL":
                mail_from, rcpts, answers = _addr(arg), [], []
                self.send("250 sender ok")
            elif verb == "RCPT":
                to = _addr(arg)
                answer = fake._next(to)
                if answer == "drop":
                    fake._refuse(to, "drop", self.tls)
                    return
                if isinstance(answer, tuple) and answer[0] == "rcpt":
                    fake._refuse(to, answer[1], self.tls)
                    self.send("%d recipient refused (scripted)"
                              % answer[1])
                    continue
                rcpts.append(to)
                answers.append(answer)
                self.send("250 recipient ok")
            elif verb == "DATA":
                if mail_from is None or not rcpts:
                    self.send("503 need MAIL and RCPT first")
                    continue
                self.send("354 end with <CRLF>.<CRLF>")
                data = self.read_data()
                final = [a for a in answers if a != "ok"]
                answer = final[0] if final else "ok"
                if answer == "drop-data":
                    fake._refuse(rcpts[0], "drop-data", self.tls, data)
                    return
                if isinstance(answer, tuple):
                    fake._refuse(rcpts[0], answer[1], self.tls, data)
                    self.send("%d message refused (scripted)" % answer[1])
                else:
                    fake._accept(mail_from, rcpts, data, self.tls,
                                 self.auth)
                    self.send("250 queued as fake")
                mail_from, rcpts, answers = None, [], []
            elif verb == "RSET":
                mail_from, rcpts, answers = None, [], []
                self.send("250 reset")
            elif verb == "NOOP":
                self.send("250 ok")
            elif verb == "QUIT":
                self.send("221 bye")
                return
            else:
                self.send("502 command not implemented")

    def authenticate(self, arg):
        parts = arg.split()
        mech = parts[0].upper() if parts else ""
        if mech == "PLAIN":
            if len(parts) > 1:
                blob = parts[1]
            else:
                self.send("334 ")
                blob = self.readline()
            fields = base64.b64decode(blob).split(b"\0")
            self.auth = (fields[1].decode(), fields[2].decode())
            self.send("235 authenticated")
        elif mech == "LOGIN":
            if len(parts) > 1:
                user = base64.b64decode(parts[1]).decode()
            else:
                self.send("334 VXNlcm5hbWU6")
                user = base64.b64decode(self.readline()).decode()
            self.send("334 UGFzc3dvcmQ6")
            self.auth = (user, base64.b64decode(self.readline()).decode())
            self.send("235 authenticated")
        else:
            self.send("504 unknown mechanism")

    def read_data(self):
        lines = []
        while True:
            raw = self.rf.readline(1 << 20)
            if not raw:
                raise ConnectionError("closed in DATA")
            if raw == b".\r\n":
                return b"".join(lines)
            if raw.startswith(b"."):
                raw = raw[1:]       # dot-stuffing (RFC 5321 4.5.2)
            lines.append(raw)


def _addr(arg):
    """The address in 'FROM:<a@b> SIZE=1' or 'TO:<a@b>'."""
    if "<" in arg and ">" in arg:
        return arg[arg.index("<") + 1:arg.index(">")]
    return arg.split(":", 1)[-1].strip()


class _Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


class FakeSMTP:
    """Serves SMTP on 127.0.0.1:port (0: a free one) until stop();
    with pki_dir, offers STARTTLS with the test CA's certificate."""

    def __init__(self, port=0, pki_dir=None):
        self.lock = threading.Lock()
        self.accepted = []
        self.refused = []
        self.scripts = {}
        self.ctx = None
        if pki_dir is not None:
            self.ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            self.ctx.load_cert_chain(os.path.join(pki_dir, "server.pem"),
                                     os.path.join(pki_dir,
                                                  "server-key.pem"))
        self.server = _Server(("127.0.0.1", port), _Handler)
        self.server.fake = self
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever,
                                       daemon=True)
        self.thread.start()

    def script(self, to, answers):
        with self.lock:
            self.scripts[to] = list(answers)

    def _next(self, to):
        with self.lock:
            answers = self.scripts.get(to)
            if not answers:
                return "ok"
            return answers.pop(0) if len(answers) > 1 else answers[0]

    def _accept(self, mail_from, rcpts, data, tls, auth):
        with self.lock:
            self.accepted.append({"from": mail_from, "to": list(rcpts),
                                  "data": data, "tls": tls, "auth": auth,
                                  "at": time.time()})

    def _refuse(self, to, how, tls, data=None):
        with self.lock:
            self.refused.append({"to": to, "how": how, "tls": tls,
                                 "data": data, "at": time.time()})

    def messages(self, to=None):
        with self.lock:
            return [m for m in self.accepted
                    if to is None or to in m["to"]]

    def stop(self):
        self.server.shutdown()
        self.server.server_close()

