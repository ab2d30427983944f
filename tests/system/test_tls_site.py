"""test_tls_site.py: the production nginx site (nginx/stafett-site.conf.in)
in front of the running stack, as make install renders it (issue 19):
TLS 1.2 and 1.3 with Mozilla's "intermediate" ciphers and nothing
older or weaker, HSTS on every answer, plain HTTP sent to HTTPS, OCSP
stapling with a CA's real responder (openssl ocsp), the session cookie
Secure. As root its nginx runs as www-data, as on Debian, and reaches
serve through the socket's group (fcgi_socket_group), never as root."""
import os
import pwd
import shutil
import socket
import ssl
import subprocess
import tempfile
import time
import unittest
import http.client

from stafett_test import DIR, SRC, free_port

NGINX = os.environ.get("NGINX_BIN", "nginx")


def run(*args, **kw):
    return subprocess.run(list(args), check=True, capture_output=True,
                          text=True, **kw)


def wait_port(port, timeout=10.0):
    end = time.time() + timeout
    while time.time() < end:
        try:
            socket.create_connection(("127.0.0.1", port), 0.5).close()
            return
        except OSError:
            time.sleep(0.05)
    raise AssertionError("nothing listens on %d" % port)


class TLSSite(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="stafett-tls-")
        t = cls.tmp
        os.chmod(t, 0o755)
        cls.https, cls.http, ocsp = free_port(), free_port(), free_port()
        # A CA, and the site's certificate naming the CA's OCSP responder.
        run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
            "-days", "2", "-subj", "/CN=Stafett Test CA",
            "-keyout", t + "/ca.key", "-out", t + "/ca.pem")
        run("openssl", "req", "-newkey", "rsa:2048", "-nodes",
            "-subj", "/CN=localhost", "-keyout", t + "/privkey.pem",
            "-out", t + "/site.csr")
        with open(t + "/ext", "w") as f:
            f.write("subjectAltName=DNS:localhost,IP:127.0.0.1\n"
                    "authorityInfoAccess=OCSP;URI:http://127.0.0.1:%d\n"
                    % ocsp)
        run("openssl", "x509", "-req", "-in", t + "/site.csr", "-days", "2",
            "-CA", t + "/ca.pem", "-CAkey", t + "/ca.key",
            "-CAcreateserial", "-extfile", t + "/ext",
            "-out", t + "/fullchain.pem")
        shutil.copy(t + "/ca.pem", t + "/chain.pem")
        # The CA's index: the site's certificate is valid.
        serial = run("openssl", "x509", "-in", t + "/fullchain.pem",
                     "-noout", "-serial").stdout.strip().split("=")[1]
        subject = run("openssl", "x509", "-in", t + "/fullchain.pem",
                      "-noout", "-subject", "-nameopt",
                      "compat").stdout.strip()[len("subject="):]
        with open(t + "/index.txt", "w") as f:
            f.write("V\t301231235959Z\t\t%s\tunknown\t%s\n" %
                    (serial, subject))
        cls.ocsp_log = open(t + "/ocsp.log", "w")
        cls.ocsp = subprocess.Popen(
            ["openssl", "ocsp", "-index", t + "/index.txt",
             "-port", str(ocsp), "-rsigner", t + "/ca.pem",
             "-rkey", t + "/ca.key", "-CA", t + "/ca.pem", "-ignore_err"],
            stdout=subprocess.DEVNULL, stderr=cls.ocsp_log)
        # ready when it says so (a probe connection would be taken for a
        # broken request)
        end = time.time() + 10
        while time.time() < end:
            with open(t + "/ocsp.log") as f:
                if "waiting for OCSP client connections" in f.read():
                    break
            time.sleep(0.05)
        # The site as make install renders it, in front of the stack's
        # serve, with this test's ports, and a copy of the static files
        # (nginx may run as www-data, which need not read the tree).
        conf = t + "/conf"
        os.makedirs(conf)
        shutil.copytree(os.path.join(SRC, "forms/static"), t + "/static")
        render = os.path.join(SRC, "scripts/render")
        sock = os.path.join(DIR, "run/stafett.sock")
        run(render, os.path.join(SRC, "nginx/stafett-http.conf.in"),
            conf + "/stafett-http.conf",
            "APP_SERVERS=server unix:%s;" % sock,
            "HEALTH_SERVERS=server unix:%s.health;" % sock)
        run(render, os.path.join(SRC, "nginx/stafett-server.conf.in"),
            conf + "/stafett-server.conf", "CONF=" + conf,
            "STATIC=" + t + "/static")
        for f in ("stafett-headers.conf", "ffdhe2048.pem"):
            shutil.copy(os.path.join(SRC, "nginx", f), conf)
        run(render, os.path.join(SRC, "nginx/stafett-site.conf.in"),
            t + "/site.conf", "CONF=" + conf, "TLS=" + t,
            "HTTPS_PORT=%d" % cls.https, "HTTP_PORT=%d" % cls.http,
            "RESOLVER=127.0.0.1")
        subprocess.run(["chmod", "-R", "go+rX", t + "/static", conf],
                       check=True)
        cls.as_www = os.getuid() == 0
        user = "www-data" if cls.as_www else pwd.getpwuid(os.getuid())[0]
        os.makedirs(t + "/nginx")
        with open(t + "/nginx.conf", "w") as f:
            f.write("""user %(user)s;
pid %(t)s/nginx.pid;
error_log %(t)s/error.log info;
events {}
http {
	include /etc/nginx/mime.types;
	client_body_temp_path %(t)s/nginx/body;
	fastcgi_temp_path %(t)s/nginx/fastcgi;
	proxy_temp_path %(t)s/nginx/proxy;
	uwsgi_temp_path %(t)s/nginx/uwsgi;
	scgi_temp_path %(t)s/nginx/scgi;
	include %(t)s/site.conf;
}
""" % {"t": t, "user": user})
        run(NGINX, "-p", t + "/nginx", "-c", t + "/nginx.conf",
            "-e", t + "/error.log")
        wait_port(cls.https)

    @classmethod
    def tearDownClass(cls):
        try:
            with open(cls.tmp + "/nginx.pid") as f:
                os.kill(int(f.read()), 3)
        except (OSError, ValueError):
            pass
        cls.ocsp.terminate()
        cls.ocsp.wait(5)
        cls.ocsp_log.close()
        time.sleep(0.2)
        if not os.environ.get("KEEP_TLS_TMP"):
            shutil.rmtree(cls.tmp, ignore_errors=True)

    def context(self, version=None, ciphers=None):
        ctx = ssl.create_default_context(cafile=self.tmp + "/ca.pem")
        if version is not None:
            ctx.minimum_version = ctx.maximum_version = version
        if ciphers is not None:
            ctx.set_ciphers(ciphers)
        return ctx

    def get(self, path, ctx=None):
        c = http.client.HTTPSConnection("localhost", self.https,
                                        context=ctx or self.context(),
                                        timeout=10)
        c.request("GET", path)
        r = c.getresponse()
        r.read()
        c.close()
        return r

    def handshake(self, ctx):
        """The TLS version and cipher, or the SSLError of the refusal."""
        with socket.create_connection(("127.0.0.1", self.https), 5) as s:
            try:
                with ctx.wrap_socket(s, server_hostname="localhost") as t:
                    return t.version(), t.cipher()[0]
            except ssl.SSLError as e:
                return e

    def test_pages_over_tls_with_hsts(self):
        r = self.get("/login")
        self.assertEqual(r.status, 200)
        self.assertEqual(r.getheader("Strict-Transport-Security"),
                         "max-age=63072000")
        self.assertIn("Secure", r.getheader("Set-Cookie"))
        self.assertIn("default-src 'none'",
                      r.getheader("Content-Security-Policy"))
        # static files and the health check carry it too
        for path in ("/static/stafett.css", "/healthz"):
            r = self.get(path)
            self.assertEqual(r.status, 200, path)
            self.assertEqual(r.getheader("Strict-Transport-Security"),
                             "max-age=63072000", path)

    def test_plain_http_is_sent_to_https(self):
        c = http.client.HTTPConnection("127.0.0.1", self.http, timeout=5)
        c.request("GET", "/login?lang=en", headers={"Host": "localhost"})
        r = c.getresponse()
        self.assertEqual(r.status, 301)
        self.assertEqual(r.getheader("Location"),
                         "https://localhost/login?lang=en")
        self.assertIsNone(r.getheader("Strict-Transport-Security"))

    def test_protocols(self):
        for v in (ssl.TLSVersion.TLSv1_2, ssl.TLSVersion.TLSv1_3):
            got = self.handshake(self.context(v))
            self.assertIsInstance(got, tuple, v)
        # TLS 1.1 and 1.0: the server answers with "protocol version"
        # (the client here is made willing to try them).
        for v in (ssl.TLSVersion.TLSv1_1, ssl.TLSVersion.TLSv1):
            ctx = self.context(v, "DEFAULT:@SECLEVEL=0")
            got = self.handshake(ctx)
            self.assertIsInstance(got, ssl.SSLError, v)
            self.assertIn("PROTOCOL_VERSION", str(got), v)

    def test_ciphers(self):
        ok = self.handshake(self.context(ssl.TLSVersion.TLSv1_2,
                                         "ECDHE-RSA-AES128-GCM-SHA256"))
        self.assertEqual(ok, ("TLSv1.2", "ECDHE-RSA-AES128-GCM-SHA256"))
        ok = self.handshake(self.context(ssl.TLSVersion.TLSv1_2,
                                         "ECDHE-RSA-CHACHA20-POLY1305"))
        self.assertEqual(ok[1], "ECDHE-RSA-CHACHA20-POLY1305")
        # CBC, RSA key exchange, 3DES: the profile has none of them; the
        # server refuses the handshake.
        for weak in ("ECDHE-RSA-AES128-SHA", "ECDHE-RSA-AES256-SHA384",
                     "AES128-GCM-SHA256", "AES256-SHA256"):
            got = self.handshake(self.context(ssl.TLSVersion.TLSv1_2,
                                              weak + ":@SECLEVEL=0"))
            self.assertIsInstance(got, ssl.SSLError, weak)
            self.assertIn("HANDSHAKE_FAILURE", str(got), weak)

    def test_ocsp_stapled(self):
        # nginx asks the responder after the first handshake; the answer
        # is stapled to the ones after it.
        out = ""
        for _ in range(50):
            p = subprocess.run(
                ["openssl", "s_client", "-connect",
                 "127.0.0.1:%d" % self.https, "-servername", "localhost",
                 "-status", "-CAfile", self.tmp + "/ca.pem"],
                input="", capture_output=True, text=True, timeout=10)
            out = p.stdout
            if "OCSP Response Status: successful" in out:
                break
            time.sleep(0.2)
        with open(self.tmp + "/error.log") as f:
            log = f.read()
        self.assertIn("OCSP Response Status: successful", out, log[-2000:])
        self.assertIn("Cert Status: good", out)
        self.assertIn("Verify return code: 0 (ok)", out)

    def test_nginx_reaches_serve_by_group_only(self):
        if not self.as_www:
            self.skipTest("needs root: nginx runs as www-data")
        sock = os.path.join(DIR, "run/stafett.sock")
        st = os.stat(sock)
        www = pwd.getpwnam("www-data")
        self.assertEqual(st.st_gid, www.pw_gid)
        self.assertNotEqual(st.st_uid, www.pw_uid)
        self.assertEqual(st.st_mode & 0o777, 0o660)
        # and its workers are www-data (a 200 came through them)
        with open(self.tmp + "/nginx.pid") as f:
            master = f.read().strip()
        workers = run("pgrep", "-P", master).stdout.split()
        self.assertTrue(workers)
        for w in workers:
            self.assertEqual(os.stat("/proc/" + w).st_uid, www.pw_uid)
        self.assertEqual(self.get("/login").status, 200)


if __name__ == "__main__":
    unittest.main()
