"""test_hostile.py: hostile clients cost what their input costs and
cannot hold the service: an instance made of errors is answered with a
bounded list, one over the node cap or with thousands of attributes is
refused whole, and a request that runs away with the CPU is stopped
while /healthz answers (issue 15)."""
import os
import re
import threading
import unittest
import urllib.request

from stafett_test import URL, api, app_log, token, wait_for, worker_pids

FAULTS = os.environ.get("STAFETT_FAULT_DIR")


class HostileInstances(unittest.TestCase):
    def setUp(self):
        self.tok = token("ansatt")

    def send(self, body):
        # in English, so the messages can be read by this test
        return api("POST", "/api/v1/forms/concern", self.tok,
                   body.encode() if isinstance(body, str) else body,
                   headers={"Accept-Language": "en"})

    def test_an_instance_of_errors_gets_a_bounded_answer(self):
        # 10,000 of a field that may appear once (about 250 KiB)
        body = "<concern>" + "<anonymous>false</anonymous>" * 9000 + \
            "</concern>"
        r = self.send(body)
        self.assertEqual(r.status, 422, r.text[:300])
        self.assertEqual(r.text.count("<error "), 50)
        self.assertIn("<more>", r.text)
        self.assertLess(len(r.body), 40000)

    def test_an_instance_over_the_node_cap_is_refused_whole(self):
        r = self.send("<concern>" + "<x/>" * 30000 + "</concern>")
        self.assertEqual(r.status, 422, r.text[:300])
        self.assertEqual(r.text.count("<error "), 1)
        self.assertIn("20,000", r.text)

    def test_thousands_of_attributes_are_refused_before_parsing(self):
        attrs = "".join(' a%d=""' % i for i in range(15000))
        r = self.send("<concern%s/>" % attrs)
        self.assertEqual(r.status, 400, r.text[:300])
        self.assertIn("attributes", r.text)


@unittest.skipUnless(FAULTS, "needs the fault points of the test build")
class RunawayRequest(unittest.TestCase):
    """request_cpu_s is 2 in the test stack (run.sh)."""

    def test_a_request_over_its_cpu_time_is_stopped(self):
        before = set(worker_pids())
        with open(os.path.join(FAULTS, "request"), "w") as f:
            f.write("spin 8000")
        answer = {}

        def runaway():
            try:
                answer["status"] = urllib.request.urlopen(
                    URL + "/login", timeout=30).status
            except urllib.error.HTTPError as e:
                answer["status"] = e.code

        t = threading.Thread(target=runaway)
        t.start()
        # while it spins, the service answers
        wait_for(lambda: not os.path.exists(os.path.join(FAULTS,
                                                          "request")))
        self.assertEqual(urllib.request.urlopen(URL + "/healthz",
                                                timeout=5).status, 200)
        t.join(30)
        # the worker was stopped at 2 s of CPU, not after 8: nginx says
        # so, the log says why, and a new worker took its place
        self.assertEqual(answer.get("status"), 502)
        self.assertRegex(app_log(), re.compile("ran over its CPU time"))
        wait_for(lambda: len(set(worker_pids())) == len(before) and
                 set(worker_pids()) != before)
        self.assertEqual(urllib.request.urlopen(URL + "/login",
                                                timeout=10).status, 200)


if __name__ == "__main__":
    unittest.main()
