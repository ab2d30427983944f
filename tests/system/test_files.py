"""test_files.py: what the stack leaves on disk is not everyone's to
read (issue 15): the logs' folder is the operators', and the database
password is in a file only its owner reads, not in the configuration."""
import os
import stat
import unittest

from stafett_test import DIR


class Files(unittest.TestCase):
    def test_the_logs_are_not_readable_by_others(self):
        mode = os.stat(os.path.join(DIR, "log")).st_mode
        self.assertEqual(stat.S_IMODE(mode) & 0o007, 0, oct(mode))

    def test_the_database_password_is_in_a_file_of_its_own(self):
        with open(os.path.join(DIR, "stafett.conf")) as f:
            conf = f.read()
        self.assertIn("db_password_file = ", conf)
        self.assertNotIn("\ndb_password = ", conf)
        mode = os.stat(os.path.join(DIR, "db.password")).st_mode
        self.assertEqual(stat.S_IMODE(mode) & 0o077, 0, oct(mode))


if __name__ == "__main__":
    unittest.main()
