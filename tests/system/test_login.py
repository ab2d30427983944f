"""test_login.py: logging in and out, CSRF on the login form, session
cookies and timeouts, the rate limit, and keeping a form across a new
login."""
import re
import http.cookiejar
import unittest

from stafett_test import Client, csrf_of, password, sql, count


def new_session(client):
    """The same browser without its session: logged out, its device
    cookie kept."""
    for c in list(client.jar):
        if c.name == "stafett_session":
            client.jar.clear(c.domain, c.path, c.name)


def guess_from_many(user):
    """Wrong passwords for user from 127.0.0.10-13, five each (refused
    with 401, or 429 once the name's count is reached)."""
    for a in range(10, 14):
        for _ in range(5):
            r = Client(source="127.0.0.%d" % a).login(
                user, "wrong-pw-4567", expect=None)
            assert r.status in (401, 429), r


class LoginTest(unittest.TestCase):

    def test_login_page_has_csrf_field_matching_cookie(self):
        c = Client()
        r = c.get("/login")
        self.assertEqual(r.status, 200)
        self.assertIn('lang="nb"', r.text)
        self.assertIn("Logg inn", r.text)
        self.assertEqual(csrf_of(r.text), c.cookie("stafett_login"))

    def test_login_sets_hardened_session_cookie(self):
        c = Client()
        r = c.login("ansatt")
        self.assertEqual(r.header("Location"), "/")
        cookies = [h for h in r.header_all("Set-Cookie")
                   if h.startswith("stafett_session=")]
        self.assertEqual(len(cookies), 1)
        self.assertIn("HttpOnly", cookies[0])
        self.assertIn("SameSite=Strict", cookies[0])
        # served over plain HTTP here: Secure would make browsers drop it
        self.assertNotIn("Secure", cookies[0])
        home = c.get("/")
        self.assertEqual(home.status, 200)
        self.assertIn("Ingrid Solberg", home.text)

    def test_session_token_is_stored_hashed(self):
        c = Client()
        c.login("ansatt")
        value = c.cookie("stafett_session")
        self.assertEqual(count("session", "HEX(token_hash) = HEX('%s')"
                               % value), 0)

    def test_wrong_password_and_unknown_user_look_the_same(self):
        c = Client()
        r1 = c.login("ansatt", "not-the-password", expect=401)
        r2 = c.login("nobody-at-all", "not-the-password", expect=401)
        self.assertIn("Feil brukernavn eller passord", r1.text)
        self.assertIn("Feil brukernavn eller passord", r2.text)
        self.assertIsNone(c.cookie("stafett_session"))

    def test_login_without_csrf_is_refused(self):
        c = Client()
        c.get("/login")
        r = c.post("/login", [("username", "ansatt"),
                              ("password", password("ansatt"))])
        self.assertEqual(r.status, 403)
        self.assertIsNone(c.cookie("stafett_session"))
        r = c.post("/login", [("csrf", "x" * 43), ("username", "ansatt"),
                              ("password", password("ansatt"))])
        self.assertEqual(r.status, 403)
        # the username typed is kept in the form shown again
        self.assertIn('value="ansatt"', r.text)

    def test_missing_fields(self):
        c = Client()
        page = c.get("/login")
        r = c.post("/login", [("csrf", csrf_of(page.text)),
                              ("username", ""), ("password", "")])
        self.assertEqual(r.status, 422)
        self.assertIn("Skriv brukernavn og passord", r.text)

    def test_rate_limit_after_repeated_failures(self):
        sql("DELETE FROM login_failure")
        c = Client()
        for _ in range(5):
            c.login("leder2", "wrong-password-123", expect=401)
        # now even the right password is refused for a while
        r = c.login("leder2", expect=429)
        self.assertIn("For mange mislykkede", r.text)
        self.assertIsNone(c.cookie("stafett_session"))
        # other users are not affected
        Client().login("leder")
        sql("DELETE FROM login_failure")
        Client().login("leder2")

    def test_a_stranger_cannot_lock_out_a_user(self):
        """Issue 15: failures from elsewhere (another address) hold back
        only browsers that never logged in as the user; the pair that
        failed is held back itself."""
        sql("DELETE FROM login_failure")
        own = Client()
        own.login("leder2")             # this browser is known now
        self.assertIsNotNone(own.cookie("stafett_device"))
        stranger = Client(source="127.0.0.2")
        for _ in range(5):
            stranger.login("leder2", "wrong-password-123", expect=401)
        # the stranger's own pair is held back, even with the password
        stranger.login("leder2", expect=429)
        # guesses from four more addresses (each pair is held after
        # five): the name's count reaches its limit
        guess_from_many("leder2")
        # the user, on the browser they use, still gets in
        new_session(own)
        own.login("leder2")
        # a browser that never logged in as leder2 waits the window out
        Client().login("leder2", expect=429)
        sql("DELETE FROM login_failure")

    def test_a_shared_address_locks_nobody_out(self):
        sql("DELETE FROM login_failure")
        known = Client(source="127.0.0.4")
        known.login("leder")
        for i in range(100):
            Client(source="127.0.0.4").login("nobody%d" % i,
                                             "wrong-pw-4567", expect=None)
        # behind the same address: a known browser gets in, a new one
        # for that user waits
        new_session(known)
        known.login("leder")
        Client(source="127.0.0.4").login("leder", expect=429)
        sql("DELETE FROM login_failure")

    def test_a_forged_device_cookie_counts_for_nothing(self):
        sql("DELETE FROM login_failure")
        own = Client()
        own.login("leder2")
        value = own.cookie("stafett_device")
        guess_from_many("leder2")
        # the same cookie altered is refused
        other = Client()
        other.jar.set_cookie(http.cookiejar.Cookie(
            0, "stafett_device", value[:-1] + ("0" if value[-1] != "0"
                                               else "1"),
            None, False, "127.0.0.1", False, False, "/", True, False,
            None, False, None, None, {}))
        other.login("leder2", expect=429)
        sql("DELETE FROM login_failure")

    def test_logout_needs_csrf_and_ends_the_session(self):
        c = Client()
        c.login("ansatt")
        r = c.post("/logout", [])
        self.assertEqual(r.status, 403)
        self.assertEqual(c.get("/").status, 200)
        r = c.post("/logout", [("csrf", c.csrf("/"))])
        self.assertEqual(r.status, 303)
        self.assertEqual(r.header("Location"), "/login")
        r = c.get("/")
        self.assertEqual(r.status, 303)
        self.assertTrue(r.header("Location").startswith("/login"))

    def test_idle_timeout(self):
        c2 = Client()
        c2.login("helsesykepleier")
        sql("UPDATE session SET last_seen = NOW(6) - INTERVAL 31 MINUTE "
            "WHERE user_id = (SELECT id FROM app_user "
            "WHERE username = 'helsesykepleier')")
        r = c2.get("/")
        self.assertEqual(r.status, 303)
        self.assertEqual(r.header("Location"), "/login?next=/")

    def test_absolute_timeout(self):
        c = Client()
        c.login("leder")
        self.assertEqual(c.get("/").status, 200)
        sql("UPDATE session SET created_at = NOW(6) - INTERVAL 601 MINUTE "
            "WHERE user_id = (SELECT id FROM app_user WHERE username = 'leder')")
        self.assertEqual(c.get("/").status, 303)

    def test_protected_page_redirects_to_login_with_next(self):
        r = Client().get("/forms/concern")
        self.assertEqual(r.status, 303)
        self.assertEqual(r.header("Location"), "/login?next=/forms/concern")

    def test_next_must_be_local(self):
        c = Client()
        page = c.get("/login?next=//evil.example/")
        self.assertIn('name="next" value="/"', page.text)
        r = c.post("/login", [("csrf", csrf_of(page.text)),
                              ("username", "ansatt"),
                              ("password", password("ansatt")),
                              ("next", "https://evil.example/")])
        self.assertEqual(r.header("Location"), "/")

    def test_expired_session_keeps_what_was_typed(self):
        c = Client()
        c.login("ansatt2")
        csrf = c.csrf("/forms/concern")
        sql("DELETE FROM session WHERE user_id = (SELECT id FROM app_user "
            "WHERE username = 'ansatt2')")
        before = count("concern")
        text = "Observert alene i garderoben hver morgen"
        r = c.post("/forms/concern", [("csrf", csrf),
                                      ("/concern/observation/seen", text)])
        self.assertEqual(r.status, 401)
        self.assertIn("det du skrev, er tatt vare p", r.text)
        self.assertIn(text, r.text)
        self.assertEqual(count("concern"), before)
        # log in from that page: the form comes back with the text
        fields = re.findall(r'name="(resume:[^"]*)" value="([^"]*)"', r.text)
        self.assertTrue(fields)
        r2 = c.post("/login", [("csrf", csrf_of(r.text)),
                               ("username", "ansatt2"),
                               ("password", password("ansatt2")),
                               ("next", "/forms/concern")] + fields)
        self.assertEqual(r2.status, 200)
        self.assertIn(text, r2.text)
        self.assertIn("Du er logget inn igjen", r2.text)


if __name__ == "__main__":
    unittest.main()
