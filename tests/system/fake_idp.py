"""fake_idp.py: two OpenID Connect providers for the login tests.

One HTTP server on loopback (STAFETT_TEST_IDP_PORT) plays ID-porten at
/idporten and the municipality's staff provider at /staff, as far as
stafett uses them: discovery, JWKS, the authorization endpoint, the
token endpoint (authorization code with PKCE, refresh token), the end
session endpoint, and back-channel logout tokens to post.

It checks what a provider checks of stafett: the client id, the
redirect URI, PKCE (S256), and the client's proof: for ID-porten a
client assertion signed with the key `stafett oidc keygen` made (its
public half in idporten-client.pub.jwk), for staff the client secret
over HTTP basic. A test says who logs in next and may spoil the token:

    idp = FakeIdp(port, test_dir)
    idp.next["idporten"] = {"pid": "...", "acr": "idporten-loa-substantial"}
    idp.spoil["idporten"] = "aud"     # the next ID token is for another
"""
import base64
import hashlib
import http.server
import json
import os
import secrets
import threading
import time
import urllib.parse

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa


def b64u(b):
    return base64.urlsafe_b64encode(b).rstrip(b"=").decode()


def unb64u(s):
    return base64.urlsafe_b64decode(s + "=" * (-len(s) % 4))


def int_b64u(n):
    return b64u(n.to_bytes((n.bit_length() + 7) // 8, "big"))


class Key:
    """A signing key; with a directory, kept there, so that every test
    module's provider signs with the keys stafett's workers already
    fetched (they keep them an hour)."""

    def __init__(self, kid, keep=None):
        self.kid = kid
        path = os.path.join(keep, "fake-idp-%s.pem" % kid) if keep else None
        if path and os.path.exists(path):
            with open(path, "rb") as f:
                self.priv = serialization.load_pem_private_key(f.read(),
                                                               None)
            return
        self.priv = rsa.generate_private_key(public_exponent=65537,
                                             key_size=2048)
        if path:
            with open(path, "wb") as f:
                f.write(self.priv.private_bytes(
                    serialization.Encoding.PEM,
                    serialization.PrivateFormat.PKCS8,
                    serialization.NoEncryption()))

    def jwk(self):
        n = self.priv.public_key().public_numbers()
        return {"kty": "RSA", "kid": self.kid, "use": "sig", "alg": "RS256",
                "n": int_b64u(n.n), "e": int_b64u(n.e)}

    def sign(self, claims, header=None):
        h = {"alg": "RS256", "kid": self.kid, "typ": "JWT"}
        h.update(header or {})
        signing = (b64u(json.dumps(h).encode()) + "." +
                   b64u(json.dumps(claims).encode()))
        sig = self.priv.sign(signing.encode(), padding.PKCS1v15(),
                             hashes.SHA256())
        return signing + "." + b64u(sig)


def verify_rs256(jwk, token):
    """The claims of token if jwk (a public RSA JWK) signed it, else None."""
    h, p, s = token.split(".")
    n = int.from_bytes(unb64u(jwk["n"]), "big")
    e = int.from_bytes(unb64u(jwk["e"]), "big")
    pub = rsa.RSAPublicNumbers(e, n).public_key()
    if json.loads(unb64u(h)).get("alg") != "RS256":
        return None
    try:
        pub.verify(unb64u(s), (h + "." + p).encode(), padding.PKCS1v15(),
                   hashes.SHA256())
    except Exception:
        return None
    return json.loads(unb64u(p))


CLIENTS = {"idporten": "stafett-test", "staff": "stafett-staff"}


class FakeIdp:
    def __init__(self, port, test_dir, stafett_url):
        self.base = "http://127.0.0.1:%d" % port
        self.dir = test_dir
        self.stafett = stafett_url
        self.keys = {p: [Key(p + "-1", test_dir)] for p in CLIENTS}
        self.next = {p: None for p in CLIENTS}
        self.spoil = {p: None for p in CLIENTS}
        self.codes = {}
        self.refresh = {}          # refresh token -> (provider, subject)
        self.removed = set()       # subjects the provider no longer has
        self.roles_now = {}        # subject -> its roles when refreshed
        # when the person logged in at the provider: a login without
        # prompt=login is single sign-on and says so in auth_time
        self.sso_at = int(time.time()) - 3600
        self.log = []              # (provider, endpoint, details)
        self.token_requests = 0
        self.lock = threading.Lock()
        idp = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *a):
                pass

            def do_GET(self):
                idp._get(self)

            def do_POST(self):
                idp._post(self)

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", port),
                                                      Handler)
        self.thread = threading.Thread(target=self.server.serve_forever,
                                       daemon=True)
        self.thread.start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()

    def issuer(self, p):
        return "%s/%s" % (self.base, p)

    def rotate(self, p):
        """A new signing key, published beside the old one (never kept:
        its id is new to every worker)."""
        with self.lock:
            self.keys[p].insert(0, Key("%s-r%s" % (p, secrets.token_hex(4))))

    # -------------------------------------------------------------- HTTP

    @staticmethod
    def _send(h, status, body=b"", ctype="application/json", headers=()):
        if isinstance(body, (dict, list)):
            body = json.dumps(body).encode()
        h.send_response(status)
        h.send_header("Content-Type", ctype)
        h.send_header("Content-Length", str(len(body)))
        for k, v in headers:
            h.send_header(k, v)
        h.end_headers()
        h.wfile.write(body)

    def _split(self, path):
        u = urllib.parse.urlsplit(path)
        parts = u.path.strip("/").split("/", 1)
        if len(parts) != 2 or parts[0] not in CLIENTS:
            return None, None, {}
        q = dict(urllib.parse.parse_qsl(u.query))
        return parts[0], parts[1], q

    def _get(self, h):
        p, what, q = self._split(h.path)
        if p is None:
            return self._send(h, 404)
        iss = self.issuer(p)
        if what == ".well-known/openid-configuration":
            return self._send(h, 200, {
                "issuer": iss,
                "authorization_endpoint": iss + "/authorize",
                "token_endpoint": iss + "/token",
                "jwks_uri": iss + "/jwks",
                "end_session_endpoint": iss + "/endsession",
                "frontchannel_logout_supported": True,
                "backchannel_logout_supported": True})
        if what == "jwks":
            with self.lock:
                return self._send(h, 200, {"keys": [k.jwk() for k in
                                                    self.keys[p]]})
        if what == "authorize":
            return self._authorize(h, p, q)
        if what == "endsession":
            self.log.append((p, "endsession", q))
            back = q.get("post_logout_redirect_uri", "")
            return self._send(h, 302, b"", headers=[("Location", back)])
        return self._send(h, 404)

    def _authorize(self, h, p, q):
        redirect = "%s/login/%s/callback" % (self.stafett, p)
        self.log.append((p, "authorize", q))
        problems = []
        if q.get("client_id") != CLIENTS[p]:
            problems.append("client_id")
        if q.get("redirect_uri") != redirect:
            problems.append("redirect_uri")
        if q.get("response_type") != "code":
            problems.append("response_type")
        if q.get("code_challenge_method") != "S256" or \
                len(q.get("code_challenge", "")) != 43:
            problems.append("pkce")
        if not q.get("state") or not q.get("nonce"):
            problems.append("state/nonce")
        if problems:
            return self._send(h, 400, {"error": "invalid_request",
                                       "problems": problems})
        who = self.next[p]
        if who is None:
            back = redirect + "?" + urllib.parse.urlencode(
                {"error": "access_denied", "state": q["state"]})
            return self._send(h, 302, headers=[("Location", back)])
        code = secrets.token_urlsafe(24)
        with self.lock:
            self.codes[code] = {"p": p, "who": dict(who), "q": q,
                                "at": time.time()}
        back = redirect + "?" + urllib.parse.urlencode(
            {"code": code, "state": q["state"]})
        self._send(h, 302, headers=[("Location", back)])

    def _client_ok(self, h, p, form):
        if p == "idporten":
            if form.get("client_assertion_type") != \
                    "urn:ietf:params:oauth:client-assertion-type:jwt-bearer":
                return False
            with open(os.path.join(self.dir, "idporten-client.pub.jwk")) as f:
                jwk = json.load(f)
            c = verify_rs256(jwk, form.get("client_assertion", "..."))
            now = time.time()
            return (c is not None and c.get("iss") == CLIENTS[p] and
                    c.get("sub") == CLIENTS[p] and
                    c.get("aud") == self.issuer(p) and
                    c.get("exp", 0) > now and c.get("jti"))
        auth = h.headers.get("Authorization", "")
        if not auth.startswith("Basic "):
            return False
        user, _, pw = base64.b64decode(auth[6:]).decode().partition(":")
        with open(os.path.join(self.dir, "staff-client-secret")) as f:
            secret = f.read().strip()
        return (urllib.parse.unquote(user) == CLIENTS[p] and
                urllib.parse.unquote(pw) == secret)

    def _post(self, h):
        p, what, _ = self._split(h.path)
        n = int(h.headers.get("Content-Length", "0"))
        form = dict(urllib.parse.parse_qsl(h.rfile.read(n).decode()))
        if p is None or what != "token":
            return self._send(h, 404)
        self.token_requests += 1
        if not self._client_ok(h, p, form):
            return self._send(h, 401, {"error": "invalid_client"})
        if form.get("grant_type") == "refresh_token":
            with self.lock:
                held = self.refresh.get(form.get("refresh_token"))
            if held is None or held[1] in self.removed:
                return self._send(h, 400, {"error": "invalid_grant"})
            answer = {"access_token": "at", "token_type": "Bearer",
                      "expires_in": 300}
            if held[1] in self.roles_now:
                # a new ID token, with the person's groups as they are
                now = int(time.time())
                answer["id_token"] = self.keys[p][0].sign({
                    "iss": self.issuer(p), "aud": CLIENTS[p], "iat": now,
                    "exp": now + 120, "sub": held[1], "oid": held[1],
                    "roles": self.roles_now[held[1]]})
            return self._send(h, 200, answer)
        with self.lock:
            c = self.codes.pop(form.get("code", ""), None)
        if c is None or c["p"] != p or time.time() - c["at"] > 60:
            return self._send(h, 400, {"error": "invalid_grant"})
        q = c["q"]
        if form.get("redirect_uri") != q["redirect_uri"]:
            return self._send(h, 400, {"error": "invalid_grant"})
        challenge = b64u(hashlib.sha256(
            form.get("code_verifier", "").encode()).digest())
        if challenge != q["code_challenge"]:
            return self._send(h, 400, {"error": "invalid_grant"})
        who = c["who"]
        now = int(time.time())
        spoil = self.spoil[p]
        self.spoil[p] = None
        fresh = q.get("prompt") == "login" and spoil != "old_auth"
        claims = {"iss": self.issuer(p), "aud": CLIENTS[p],
                  "iat": now, "exp": now + 120, "nonce": q["nonce"],
                  "sub": who.pop("sub", "sub-" + secrets.token_hex(4)),
                  "sid": who.pop("sid", "sid-" + secrets.token_hex(6)),
                  "auth_time": now if fresh else self.sso_at}
        if p == "idporten":
            claims["acr"] = "idporten-loa-substantial"
        claims.update(who)
        key = self.keys[p][0]
        header = None
        if spoil == "aud":
            claims["aud"] = "someone-else"
        elif spoil == "nonce":
            claims["nonce"] = "another"
        elif spoil == "expired":
            claims["exp"] = now - 3600
            claims["iat"] = now - 3700
        elif spoil == "issuer":
            claims["iss"] = "http://127.0.0.1:1/evil"
        elif spoil == "unknown_key":
            key = Key("nobody")
        elif spoil == "hs256":
            header = {"alg": "HS256"}
        token = key.sign(claims, header)
        if spoil == "hs256":
            # an HMAC under the provider's public key, as an attacker
            # who knows it would make one
            import hmac
            signing = token.rsplit(".", 1)[0]
            pub = json.dumps(key.jwk()).encode()
            token = signing + "." + b64u(hmac.new(pub, signing.encode(),
                                                  hashlib.sha256).digest())
        answer = {"access_token": "at", "token_type": "Bearer",
                  "expires_in": 300, "id_token": token}
        if p == "staff":
            rt = secrets.token_urlsafe(24)
            with self.lock:
                self.refresh[rt] = (p, claims.get("oid", claims["sub"]))
            answer["refresh_token"] = rt
        self.log.append((p, "token", claims))
        return self._send(h, 200, answer)

    def logout_token(self, p, sid=None, sub=None, **extra):
        """A signed back-channel logout token for sid or sub."""
        now = int(time.time())
        claims = {"iss": self.issuer(p), "aud": CLIENTS[p], "iat": now,
                  "jti": secrets.token_hex(8),
                  "events": {"http://schemas.openid.net/event/"
                             "backchannel-logout": {}}}
        if sid:
            claims["sid"] = sid
        if sub:
            claims["sub"] = sub
        claims.update(extra)
        return self.keys[p][0].sign(claims, {"typ": "logout+jwt"})


def started():
    """The providers on the port run.sh kept for them, for a test
    module's setUpModule (close() them in its tearDownModule)."""
    from stafett_test import DIR, URL
    return FakeIdp(int(os.environ["STAFETT_TEST_IDP_PORT"]), DIR, URL)
