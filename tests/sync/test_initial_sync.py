"""The provider sync as a user sees it (issue 4): a provider mailbox holding the
corpus arrives byte for byte as the provider serves it (BODY[]), over plain
loopback and over TLS pinned to the provider's self-signed certificate; a sync
with nothing new changes nothing; flags set and messages expunged at the
provider arrive; `account test` names the step that fails."""

import glob
import json
import os
import shutil
import subprocess
import tempfile
import unittest

from provider_fixture import Provider
from sync_profile import ALICE, Profile

CORPUS = os.environ["CACHET_CORPUS_DIR"]


def corpus_messages():
    """The corpus messages IMAP can hold (a header that ends), LF or CRLF as they are."""
    out = []
    for path in sorted(glob.glob(os.path.join(CORPUS, "**", "*"), recursive=True)):
        if not os.path.isfile(path) or path.endswith((".md", ".asc", ".key", ".txt.asc", ".pub", ".sec")):
            continue
        with open(path, "rb") as f:
            data = f.read()
        if b"\n\n" in data.replace(b"\r\n", b"\n") and b":" in data.split(b"\n", 1)[0]:
            out.append(data)
    return out


class InitialSync(unittest.TestCase):
    def setUp(self):
        self.provider = Provider()
        self.provider.start()
        self.addCleanup(self.provider.close)
        self.profile = Profile(self.provider, self.provider.users[ALICE])
        self.addCleanup(self.profile.close)
        client = self.provider.imap(ALICE)
        self.corpus = corpus_messages()
        for i, data in enumerate(self.corpus):
            status, _ = client.append("INBOX", "(\\Seen)" if i % 3 == 0 else None, None, data)
            self.assertEqual(status, "OK")
        client.logout()

    def assert_store_equals_provider(self):
        remote = sorted(self.provider.messages(ALICE))
        self.assertEqual(len(remote), len(self.corpus))
        self.assertEqual(self.profile.exported(), remote)

    def test_plain_loopback_sync_then_changes_at_the_provider(self):
        added = self.profile.add_account("plain")
        self.assertEqual(added.returncode, 0, added.stdout + added.stderr)
        self.profile.run("sync", "--once")
        self.assert_store_equals_provider()

        # Nothing new: nothing changes.
        out = self.profile.run("sync", "--once").stdout.decode()
        self.assertIn("0 new, 0 removed, 0 flag changes", out)
        self.assert_store_equals_provider()

        # A flag set and a message expunged at the provider arrive.
        client = self.provider.imap(ALICE)
        client.select("INBOX")
        client.uid("STORE", "2", "+FLAGS", "(\\Flagged)")
        client.uid("STORE", "3", "+FLAGS", "(\\Deleted)")
        client.expunge()
        _, data = client.uid("FETCH", "2", "(BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)])")
        client.logout()
        flagged_id = data[0][1].decode().split("<", 1)[1].split(">", 1)[0]
        self.profile.run("sync", "--once")
        remote = sorted(self.provider.messages(ALICE))
        self.assertEqual(self.profile.exported(), remote)
        self.assertEqual(len(remote), len(self.corpus) - 1)
        self.assertIn("\\Flagged", self.profile.flags()[flagged_id])

    def test_tls_needs_the_certificate_pinned(self):
        refused = self.profile.add_account("tls")
        self.assertNotEqual(refused.returncode, 0)
        text = (refused.stdout + refused.stderr).decode()
        self.assertIn("IMAP: FAILED at TLS", text)
        self.assertIn("--pin", text)
        pinned = self.profile.add_account("tls", pin=self.provider.certificate_sha256)
        self.assertEqual(pinned.returncode, 0, pinned.stdout + pinned.stderr)
        self.profile.run("sync", "--once")
        self.assert_store_equals_provider()

    def test_account_test_names_what_failed(self):
        self.profile.env["CACHET_ACCOUNT_PASSWORD"] = "not the password"
        result = self.profile.add_account("plain")
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("IMAP: FAILED at authentication", result.stdout.decode())


if __name__ == "__main__":
    unittest.main()
