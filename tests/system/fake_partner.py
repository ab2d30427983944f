"""fake_partner.py: a partner's HTTPS endpoint for the delivery tests.

It listens on loopback with a server certificate from a test CA that
openssl makes at test time (pki()), records every request it receives
(path, headers, body) and answers as the test scripted it per path:

    fake = FakePartner(pki_dir)            # starts serving
    fake.script("/bup", [503, (429, {"Retry-After": "1"}), "receipt"])

An answer is an HTTP status, (status, headers), "receipt" (200 with an
XML receipt carrying a reference), "slow" (2 s, then a receipt), "hang"
(never answers), "drop" (closes the connection without an answer) or
"twice" (a receipt, then a second response on the same connection).
The last answer repeats. A path with no script answers "receipt".
"""
import http.server
import os
import socket
import ssl
import subprocess
import threading
import time

RECEIPT = (b'<?xml version="1.0" encoding="UTF-8"?>\n'
           b'<receipt xmlns="urn:x-stafett:receipt:1">'
           b'<reference>%s</reference></receipt>\n')


def _openssl(*args, cwd):
    subprocess.run(["openssl"] + list(args), cwd=cwd, check=True,
                   capture_output=True)


def pki(d):
    """A CA, a server certificate for 127.0.0.1 signed by it, a client
    certificate (for mTLS partners) and, for the verification test, a
    second CA nobody trusts with its own server certificate. Made once
    per directory; returns d."""
    os.makedirs(d, exist_ok=True)
    if os.path.exists(os.path.join(d, "ca.pem")):
        return d
    ext = os.path.join(d, "san.ext")
    with open(ext, "w") as f:
        f.write("subjectAltName=IP:127.0.0.1,DNS:localhost\n")
    for ca in ("ca", "rogue-ca"):
        _openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days",
                 "2", "-subj", "/CN=stafett test %s" % ca, "-keyout",
                 ca + "-key.pem", "-out", ca + ".pem.tmp", cwd=d)
    for name, ca in (("server", "ca"), ("rogue", "rogue-ca"),
                     ("client", "ca")):
        _openssl("req", "-newkey", "rsa:2048", "-nodes", "-subj",
                 "/CN=%s" % ("127.0.0.1" if name != "client" else "stafett"),
                 "-keyout", name + "-key.pem", "-out", name + ".csr", cwd=d)
        _openssl("x509", "-req", "-in", name + ".csr", "-CA", ca + ".pem.tmp",
                 "-CAkey", ca + "-key.pem", "-CAcreateserial", "-days", "2",
                 "-extfile", ext, "-out", name + ".pem", cwd=d)
    os.rename(os.path.join(d, "rogue-ca.pem.tmp"),
              os.path.join(d, "rogue-ca.pem"))
    # Last, so that a half-made directory is never taken for a whole one.
    os.rename(os.path.join(d, "ca.pem.tmp"), os.path.join(d, "ca.pem"))
    return d


class _Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def do_POST(self):
        fake = self.server.fake
        n = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(n)
        try:
            cert = self.connection.getpeercert()
        except (AttributeError, ValueError):
            cert = None
        answer = fake._next(self.path)
        with fake.lock:
            fake.requests.append({
                "path": self.path, "headers": dict(self.headers),
                "body": body, "client_cert": bool(cert),
                "answer": answer, "at": time.time()})
        if answer == "drop":
            self.close_connection = True
            self.connection.shutdown(socket.SHUT_RDWR)
            return
        if answer == "hang":
            time.sleep(30)
            return
        if answer == "slow":
            time.sleep(2)
            answer = "receipt"
        headers = {}
        if isinstance(answer, tuple):
            answer, headers = answer
        if answer in ("receipt", "twice"):
            key = self.headers.get("Idempotency-Key", "")
            payload = RECEIPT % ("REF-" + key[:8]).encode()
            self._send(200, {"Content-Type": "application/xml"}, payload)
            if answer == "twice":
                self._send(200, {"Content-Type": "application/xml"}, payload)
            return
        self._send(answer, headers, b"")

    def _send(self, status, headers, body):
        self.send_response(status)
        for k, v in headers.items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        self.wfile.flush()


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True


class FakePartner:
    """Serves HTTPS on 127.0.0.1 (a free port) until stop()."""

    def __init__(self, pki_dir, rogue=False):
        self.lock = threading.Lock()
        self.requests = []
        self.scripts = {}
        self.httpd = _Server(("127.0.0.1", 0), _Handler)
        self.httpd.fake = self
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        name = "rogue" if rogue else "server"
        ctx.load_cert_chain(os.path.join(pki_dir, name + ".pem"),
                            os.path.join(pki_dir, name + "-key.pem"))
        ctx.load_verify_locations(os.path.join(pki_dir, "ca.pem"))
        ctx.verify_mode = ssl.CERT_OPTIONAL
        self.httpd.socket = ctx.wrap_socket(self.httpd.socket,
                                            server_side=True)
        self.port = self.httpd.server_address[1]
        self.url = "https://127.0.0.1:%d" % self.port
        self.thread = threading.Thread(target=self.httpd.serve_forever,
                                       daemon=True)
        self.thread.start()

    def script(self, path, answers):
        with self.lock:
            self.scripts[path] = list(answers)

    def _next(self, path):
        with self.lock:
            answers = self.scripts.get(path)
            if not answers:
                return "receipt"
            return answers.pop(0) if len(answers) > 1 else answers[0]

    def seen(self, path=None):
        with self.lock:
            return [r for r in self.requests
                    if path is None or r["path"] == path]

    def stop(self):
        self.httpd.shutdown()
        self.httpd.server_close()
