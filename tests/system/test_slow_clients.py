"""test_slow_clients.py: one client with thousands of slow connections
(headers a byte at a time, bodies that trickle) cannot take the service
from others (issue 15). The attacker comes from 127.0.0.2, the others
from 127.0.0.1, as two addresses would; the shipped nginx configuration
(nginx/stafett.conf.in) is the one under test."""
import resource
import socket
import time
import unittest
import urllib.request
from urllib.parse import urlsplit

from stafett_test import URL

HOST, PORT = urlsplit(URL).hostname, urlsplit(URL).port
SLOW_HEADERS = 5000   # more than the old configuration's 4,096 in all
SLOW_BODIES = 200


def connect(source):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.setblocking(True)
    s.bind((source, 0))
    s.settimeout(5)
    s.connect((HOST, PORT))
    return s


def healthz(timeout=5):
    return urllib.request.urlopen(URL + "/healthz", timeout=timeout).status


class SlowClients(unittest.TestCase):
    def setUp(self):
        soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        want = SLOW_HEADERS + SLOW_BODIES + 200
        if soft < want:
            if hard != resource.RLIM_INFINITY and hard < want:
                self.skipTest("needs %d open files, the limit is %d" %
                              (want, hard))
            resource.setrlimit(resource.RLIMIT_NOFILE, (want, hard))
        self.socks = []

    def tearDown(self):
        for s in self.socks:
            try:
                s.close()
            except OSError:
                pass

    def trickle(self, socks, byte=b"X"):
        """One more byte on each connection still open; how many are."""
        alive = 0
        for s in socks:
            try:
                s.send(byte)
                alive += 1
            except OSError:
                pass
        return alive

    def test_slowloris_and_slow_bodies_leave_the_service_answering(self):
        heads, bodies = [], []
        for _ in range(SLOW_HEADERS):
            s = connect("127.0.0.2")
            s.send(b"GET /login HTTP/1.1\r\nHost: x\r\nX-Slow: ")
            heads.append(s)
        for _ in range(SLOW_BODIES):
            s = connect("127.0.0.2")
            s.send(b"POST /login HTTP/1.1\r\nHost: x\r\nContent-Type: "
                   b"application/x-www-form-urlencoded\r\n"
                   b"Content-Length: 100000\r\n\r\nusername=")
            bodies.append(s)
        self.socks = heads + bodies
        # while they all trickle, another client is answered
        for _ in range(3):
            self.trickle(heads)
            self.trickle(bodies, b"a")
            self.assertEqual(healthz(), 200)
            self.assertEqual(urllib.request.urlopen(
                URL + "/login", timeout=5).status, 200)
            time.sleep(1)
        # a request's whole header must come within 10 s: past that,
        # nginx has closed the slow ones whatever they still send
        time.sleep(10)
        self.trickle(heads)
        time.sleep(0.5)
        alive = self.trickle(heads)
        self.assertLess(alive, SLOW_HEADERS // 10,
                        "slow headers still open after their time-out")


if __name__ == "__main__":
    unittest.main()
