"""A sync cut short loses and doubles nothing (issue 4): twenty SIGKILLs at
random moments (during the download, during the sending of local changes),
over a link slow enough (3 MB/s) for a sync to take seconds,
then one more sync, and the store holds exactly what the provider holds, and
the provider exactly what the user did through the bridge, each change once;
the provider's IMAP going away in the middle (the server stopped, its
connection dropped) is an error that names the connection, and the next sync finishes the job without downloading again what
it had."""

import json
import random
import re
import subprocess
import time
import unittest

from provider_fixture import Provider, message
from slow_link import SlowLink
from sync_profile import ALICE, CLI, Profile, ProviderView, message_id

INBOX_COUNT = 1200
PADDING = "All work and no play makes a long enough message.\r\n" * 120  # ~6 KB


def fill_inbox(provider):
    client = provider.imap(ALICE)
    for i in range(INBOX_COUNT):
        client.append("INBOX", "(\\Seen)" if i % 2 else None, None,
                      message("bob@example.test", ALICE, "Bulk %d" % i, PADDING))
    client.logout()


class InterruptedSync(unittest.TestCase):
    def setUp(self):
        self.provider = Provider()
        self.provider.start()
        self.addCleanup(self.provider.close)
        self.remote = ProviderView(self.provider)
        fill_inbox(self.provider)
        self.profile = Profile(self.provider, self.provider.users[ALICE])
        self.addCleanup(self.profile.close)
        self.link = SlowLink(self.provider.imap_port, 3 * 1024 * 1024)
        self.addCleanup(self.link.close)
        added = self.profile.add_account("plain", imap_port=self.link.port)
        self.assertEqual(added.returncode, 0, added.stdout + added.stderr)
        self.random = random.Random(4)

    def start_sync(self):
        return subprocess.Popen([CLI, "sync", "--once"], env=self.profile.env,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE)

    def kill_sync_after(self, seconds):
        sync = self.start_sync()
        time.sleep(seconds)
        sync.kill()
        sync.communicate()

    def local_count(self):
        return sum(self.profile.mailboxes().values())

    def assert_same_everywhere(self):
        remote = self.remote.mailboxes()
        self.assertEqual(set(self.profile.mailboxes()), remote)
        for name in remote:
            self.assertEqual(self.profile.message_ids(name), self.remote.message_ids(name), name)
            self.assertEqual(self.profile.flags(name), self.remote.flags(name), name)
        self.profile.run("check")

    def test_twenty_kills_lose_and_double_nothing(self):
        # Ten kills while the mailbox downloads: what was stored stays stored.
        counts = [0]
        for _ in range(10):
            self.kill_sync_after(self.random.uniform(0.3, 2.5))
            counts.append(self.local_count())
            self.assertGreaterEqual(counts[-1], counts[-2], counts)
        # Some kill came mid-download (else this tested nothing), and nothing
        # stored before a kill is downloaded again.
        self.assertTrue(any(0 < c < INBOX_COUNT for c in counts), counts)
        out = self.profile.sync()
        downloaded = int(re.search(r"(\d+) new", out).group(1))
        self.assertEqual(counts[-1] + downloaded, INBOX_COUNT, out)
        self.assert_same_everywhere()

        # Changes through the bridge, then ten kills while they go out.
        self.profile.start()
        client = self.profile.bridge_imap()
        self.assertEqual(client.create("Archive")[0], "OK")
        self.assertEqual(client.create("Kept")[0], "OK")
        client.select("INBOX")
        self.assertEqual(client.store("1:400", "+FLAGS", "(\\Flagged $Sorted)")[0], "OK")
        _, data = client.fetch("401:550", "(BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)])")
        moved = sorted(re.search(rb"<([^>]*)>", p[1]).group(1).decode() for p in data if isinstance(p, tuple))
        _, data = client.fetch("551:600", "(BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)])")
        copied = sorted(re.search(rb"<([^>]*)>", p[1]).group(1).decode() for p in data if isinstance(p, tuple))
        self.assertEqual(client.copy("551:600", "Kept")[0], "OK")
        self.assertEqual(client.store("601:650", "+FLAGS", "(\\Deleted)")[0], "OK")
        self.assertEqual(client.expunge()[0], "OK")
        self.assertEqual(client._simple_command("MOVE", "401:550", "Archive")[0], "OK")
        for i in range(20):
            client.append("Kept", None, None, message(ALICE, "bob@example.test", "Note %d" % i))
        client.logout()
        self.profile.stop()
        expected_inbox = self.profile.message_ids("INBOX")
        expected_flags = self.profile.flags("INBOX")

        for _ in range(10):
            self.kill_sync_after(self.random.uniform(0.2, 1.5))
        self.profile.sync()
        self.assertEqual(self.remote.message_ids("INBOX"), expected_inbox)
        self.assertEqual(self.remote.flags("INBOX"), expected_flags)
        self.assertEqual(self.remote.message_ids("Archive"), moved)
        self.assertEqual(self.remote.message_ids("Kept"),
                         sorted(copied + [message_id("Note %d" % i) for i in range(20)]))
        self.assert_same_everywhere()
        status = json.loads(self.profile.run("status", "--json").stdout)["accounts"][0]
        self.assertEqual(status["pending_changes"], 0)
        self.assertEqual(status["last_error"], "")

    def test_provider_gone_in_the_middle(self):
        sync = self.start_sync()
        deadline = time.monotonic() + 120
        while self.local_count() == 0 and sync.poll() is None and time.monotonic() < deadline:
            time.sleep(0.1)
        # The connection drops, and the provider stops.
        self.link.cut()
        self.provider.stop_imap()
        out, err = sync.communicate(timeout=600)
        self.assertNotEqual(sync.returncode, 0, "the sync finished before the provider went away")
        self.assertIn("IMAP connection", err.decode())
        status = json.loads(self.profile.run("status", "--json").stdout)["accounts"][0]
        self.assertIn("IMAP connection", status["last_error"])
        had = self.local_count()
        self.assertGreater(had, 0)

        self.provider.start_imap()
        out = self.profile.sync()
        downloaded = int(re.search(r"(\d+) new", out).group(1))
        self.assertEqual(had + downloaded, INBOX_COUNT, out)
        self.assert_same_everywhere()
        status = json.loads(self.profile.run("status", "--json").stdout)["accounts"][0]
        self.assertEqual(status["last_error"], "")


if __name__ == "__main__":
    unittest.main()
