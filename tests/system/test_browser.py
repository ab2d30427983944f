"""test_browser.py: the browser scenarios in tests/browser/*.mjs, each
run as `node tests/browser/NAME.mjs` in headless Chromium against the
test stack, with an accessibility check (axe-core) of every page they
visit. One test per scenario file (test_NAME); lib.mjs is their helper.

They need node, /usr/bin/chromium (or STAFETT_CHROMIUM) and the npm
packages in tests/browser/node_modules, which are installed here with
tests/browser/install.sh (npm ci) when missing. Without them the tests
are skipped with the reason, unless STAFETT_REQUIRE_BROWSER is set (as
scripts/test sets it), when they fail instead.
"""
import glob
import json
import os
import shutil
import subprocess
import sys
import unittest

from stafett_test import SRC, URL, password

BROWSER_DIR = os.path.join(os.path.abspath(SRC), "tests", "browser")
CHROMIUM = os.environ.get("STAFETT_CHROMIUM", "/usr/bin/chromium")
REQUIRE = os.environ.get("STAFETT_REQUIRE_BROWSER", "") not in ("", "0")
# Every account run.sh gives a password: the seeded staff, PPT and NAV,
# and the citizens (a guardian, a youth) that caselog.mjs logs in as.
USERS = ("ansatt", "leder", "helsesykepleier", "admin", "ansatt2", "leder2",
         "ppt", "nav", "laerer", "forelder", "ungdom")
TIMEOUT = 300

_missing = None


def missing():
    """Why the scenarios cannot run here, or None; installs the npm
    packages once if only they are missing."""
    global _missing
    if _missing is not None:
        return _missing or None
    reason = ""
    node = shutil.which("node")
    if not os.access(CHROMIUM, os.X_OK):
        reason = "no Chromium at %s (scripts/deps --test installs it)" % CHROMIUM
    elif not node:
        reason = "no node in PATH (scripts/deps --test installs it)"
    else:
        r = subprocess.run([os.path.join(BROWSER_DIR, "install.sh")],
                           capture_output=True, text=True, timeout=600)
        if r.returncode != 0:
            reason = ("the npm packages are not installed in %s/node_modules "
                      "and tests/browser/install.sh failed:\n%s%s"
                      % (BROWSER_DIR, r.stdout, r.stderr))
    _missing = reason
    return reason or None


class BrowserTest(unittest.TestCase):
    """Gets a test_NAME method for each tests/browser/NAME.mjs."""

    def setUp(self):
        reason = missing()
        if reason and REQUIRE:
            self.fail("browser tests required (STAFETT_REQUIRE_BROWSER) "
                      "but cannot run: " + reason)
        if reason:
            self.skipTest(reason)

    def run_scenario(self, script):
        env = dict(os.environ)
        env["STAFETT_TEST_URL"] = URL
        env["STAFETT_CHROMIUM"] = CHROMIUM
        env["STAFETT_TEST_PASSWORDS"] = json.dumps(
            {u: password(u) for u in USERS})
        try:
            r = subprocess.run(["node", script], cwd=BROWSER_DIR, env=env,
                               capture_output=True, text=True,
                               timeout=TIMEOUT)
        except subprocess.TimeoutExpired as e:
            self.fail("%s did not finish in %d s:\n%s%s" % (
                os.path.basename(script), TIMEOUT, e.stdout or "",
                e.stderr or ""))
        out = r.stdout + r.stderr
        if r.returncode != 0:
            self.fail("%s exited %d:\n%s" % (os.path.basename(script),
                                             r.returncode, out))
        # What was checked goes into the log (run.sh.log) on success too.
        sys.stderr.write("\n" + out)


def _add(script):
    name = os.path.basename(script)[:-len(".mjs")]

    def test(self):
        self.run_scenario(script)
    test.__name__ = "test_" + name
    test.__doc__ = "tests/browser/%s.mjs" % name
    setattr(BrowserTest, test.__name__, test)


for _script in sorted(glob.glob(os.path.join(BROWSER_DIR, "*.mjs"))):
    if os.path.basename(_script) != "lib.mjs":
        _add(_script)


if __name__ == "__main__":
    unittest.main()
