"""`cachet-cli daemon` as a user sees it: the bridge and the sync in one
process. Mail that reaches the provider's INBOX shows up through the bridge
with nothing else asked of the daemon (IDLE); a flag set and mail submitted
through the bridge go out at once, not at the next scheduled sync; the daemon
outlives the provider's IMAP going away, `status` run beside it names the
failure, and mail arrives again once IMAP is back; SIGTERM ends it with status
0, leaving nothing behind; its memory stays flat however many passes it makes;
its output carries counts, never a subject or an address."""

import imaplib
import json
import os
import shutil
import signal
import smtplib
import subprocess
import tempfile
import threading
import time
import unittest

from provider_fixture import Provider, message
from sync_profile import ALICE, CLI, Profile, ProviderView, message_id

BOB = "bob@example.test"

# Far longer than any wait below: a message that arrives came through IDLE,
# not through the scheduled sync of every mailbox.
NO_SCHEDULED_SYNC = "3600"


def wait_until(predicate, timeout, step=0.5):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(step)
    return predicate()


class Daemon:
    """A running `cachet-cli daemon` on ports the system chose, its output
    gathered as it comes, with a TMPDIR of its own to look at afterwards."""

    def __init__(self, profile, *args):
        self.profile = profile
        self.tmp = tempfile.mkdtemp(prefix="cachet-daemon-tmp-")
        env = dict(profile.env, TMPDIR=self.tmp)
        self.process = subprocess.Popen(
            [CLI, "daemon", "--imap-port", "0", "--imaps-port", "0", "--smtp-port", "0", "--smtps-port", "0", *args],
            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.stdout, self.stderr = [], []
        self._readers = [threading.Thread(target=self._drain, args=(pipe, sink), daemon=True)
                         for pipe, sink in ((self.process.stdout, self.stdout), (self.process.stderr, self.stderr))]
        for reader in self._readers:
            reader.start()
        if not wait_until(lambda: "daemon ready\n" in self.output() or self.process.poll() is not None, 120):
            raise AssertionError("the daemon did not start: " + self.output() + self.errors())
        if self.process.poll() is not None:
            raise AssertionError("the daemon exited (%d): %s" % (self.process.returncode, self.errors()))
        self.settings = json.loads(profile.run("bridge", "--settings", "--json").stdout)

    @staticmethod
    def _drain(pipe, sink):
        for line in iter(pipe.readline, b""):
            sink.append(line.decode(errors="replace"))

    def output(self):
        return "".join(self.stdout)

    def errors(self):
        return "".join(self.stderr)

    def passes(self):
        return sum(1 for line in list(self.stdout) if line.startswith("synced "))

    def alive(self):
        return self.process.poll() is None

    def rss_kib(self):
        with open("/proc/%d/status" % self.process.pid) as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
        return 0

    def bridge(self):
        """imaplib logged in to the bridge, as a mail program would be."""
        client = imaplib.IMAP4("127.0.0.1", self.settings["imap_port"], timeout=60)
        client.login(self.settings["username"], self.settings["password"])
        return client

    def subjects(self, mailbox="INBOX"):
        """The subjects the bridge shows in `mailbox`."""
        client = self.bridge()
        try:
            client.select(mailbox, readonly=True)
            status, data = client.uid("FETCH", "1:*", "(BODY.PEEK[HEADER.FIELDS (SUBJECT)])")
            out = set()
            for part in data:
                if isinstance(part, tuple):
                    out.add(part[1].decode(errors="replace").split(":", 1)[1].strip())
            return out
        finally:
            client.logout()

    def stop(self, timeout=120):
        """SIGTERM, then the exit status (None if it did not end in time)."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                return None
        for reader in self._readers:
            reader.join(30)
        return self.process.returncode

    def close(self):
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        for pipe in (self.process.stdout, self.process.stderr):
            pipe.close()
        shutil.rmtree(self.tmp, ignore_errors=True)


class DaemonTest(unittest.TestCase):
    def setUp(self):
        self.provider = Provider()
        self.provider.start()
        self.addCleanup(self.provider.close)
        self.profile = Profile(self.provider, self.provider.users[ALICE])
        self.addCleanup(self.profile.close)
        added = self.profile.add_account("plain")
        self.assertEqual(added.returncode, 0, added.stdout + added.stderr)
        self.profile_files = sorted(os.listdir(self.profile.profile))

    def start_daemon(self, *args):
        daemon = Daemon(self.profile, *args)
        self.addCleanup(daemon.close)
        self.assertTrue(wait_until(lambda: daemon.passes() >= 1, 120),
                        "no first pass: " + daemon.output() + daemon.errors())
        return daemon

    def send_to_alice(self, subject):
        self.provider.send(BOB, ALICE, message(BOB, ALICE, subject))

    def status(self):
        return json.loads(self.profile.run("status", "--json").stdout)["accounts"][0]

    def assert_no_metadata_in_output(self, daemon, subjects):
        text = daemon.output() + daemon.errors()
        for secret in [ALICE, BOB, daemon.settings["password"], *subjects]:
            self.assertNotIn(secret, text)

    def test_new_mail_at_the_provider_shows_through_the_bridge(self):
        daemon = self.start_daemon("--interval", NO_SCHEDULED_SYNC)
        self.send_to_alice("arrives by idle")
        self.assertTrue(wait_until(lambda: "arrives by idle" in daemon.subjects(), 120),
                        "not through the bridge: " + daemon.output() + daemon.errors())
        self.send_to_alice("arrives by idle again")
        self.assertTrue(wait_until(lambda: "arrives by idle again" in daemon.subjects(), 120),
                        "the second one not through the bridge: " + daemon.output() + daemon.errors())
        self.assert_no_metadata_in_output(daemon, ["arrives by idle"])

    def test_a_flag_set_through_the_bridge_reaches_the_provider_at_once(self):
        self.send_to_alice("to be flagged")
        self.assertEqual(len(self.provider.wait_for_messages(ALICE, 1)), 1)
        daemon = self.start_daemon("--interval", NO_SCHEDULED_SYNC)
        self.assertTrue(wait_until(lambda: "to be flagged" in daemon.subjects(), 120), daemon.output())
        client = daemon.bridge()
        client.select("INBOX")
        self.assertEqual(client.store("1", "+FLAGS", "(\\Flagged)")[0], "OK")
        client.logout()
        remote = ProviderView(self.provider)
        self.assertTrue(wait_until(lambda: "\\Flagged" in remote.flags("INBOX")[message_id("to be flagged")], 120),
                        "not at the provider: " + daemon.output() + daemon.errors())
        self.assert_no_metadata_in_output(daemon, ["to be flagged"])

    def test_mail_submitted_to_the_bridge_goes_out_at_once(self):
        daemon = self.start_daemon("--interval", NO_SCHEDULED_SYNC)
        with smtplib.SMTP("127.0.0.1", daemon.settings["smtp_port"], timeout=60) as client:
            client.login(daemon.settings["username"], daemon.settings["password"])
            client.sendmail(ALICE, [BOB], message(ALICE, BOB, "through the bridge"))
        found = self.provider.wait_for_messages(BOB, 1, timeout=120)
        self.assertEqual(len(found), 1, daemon.output() + daemon.errors())
        self.assert_no_metadata_in_output(daemon, ["through the bridge"])

    def test_the_daemon_outlives_the_provider_going_away(self):
        daemon = self.start_daemon("--interval", NO_SCHEDULED_SYNC)
        self.provider.stop_imap()
        # `status`, a second process on the same store, names the failure while the daemon runs.
        failure = wait_until(lambda: self.status()["last_error"], 120)
        self.assertIn("IMAP", failure)
        self.assertTrue(daemon.alive(), daemon.errors())
        self.assertIn("sync failed", daemon.errors())

        self.provider.start_imap()
        self.send_to_alice("after the outage")
        self.assertTrue(wait_until(lambda: "after the outage" in daemon.subjects(), 600),
                        "not through the bridge: " + daemon.output() + daemon.errors())
        self.assertTrue(wait_until(lambda: self.status()["last_error"] == "", 120), self.status())
        self.assertTrue(daemon.alive())
        self.assert_no_metadata_in_output(daemon, ["after the outage"])

    def test_sigterm_ends_it_cleanly_leaving_nothing_behind(self):
        daemon = self.start_daemon()
        self.assertEqual(daemon.stop(), 0, daemon.errors())
        self.assertIn("daemon stopped", daemon.output())
        self.assertEqual(os.listdir(daemon.tmp), [])
        # The store closed properly: no WAL or shared-memory file beside it.
        self.assertEqual(sorted(os.listdir(self.profile.profile)), self.profile_files)

    def test_sync_without_once_keeps_syncing_until_sigterm(self):
        sync = subprocess.Popen([CLI, "sync", "--interval", NO_SCHEDULED_SYNC], env=self.profile.env,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        try:
            self.send_to_alice("kept in sync")
            subjects = lambda: [r["subject"] for r in json.loads(self.profile.run("list", "--json").stdout)]
            self.assertTrue(wait_until(lambda: "kept in sync" in subjects(), 120), "the message did not arrive")
            sync.send_signal(signal.SIGTERM)
            out, err = sync.communicate(timeout=120)
            self.assertEqual(sync.returncode, 0, err)
            self.assertIn(b"sync stopped", out)
        finally:
            if sync.poll() is None:
                sync.kill()
                sync.communicate()

    def test_memory_stays_flat_over_many_passes(self):
        for i in range(20):
            self.send_to_alice("kept %d" % i)
        self.assertEqual(len(self.provider.wait_for_messages(ALICE, 20)), 20)
        daemon = self.start_daemon("--interval", "1")
        self.assertTrue(wait_until(lambda: daemon.passes() >= 10, 600), daemon.output() + daemon.errors())
        settled = daemon.rss_kib()
        self.assertTrue(wait_until(lambda: daemon.passes() >= 100, 1200), daemon.output() + daemon.errors())
        self.assertLess(daemon.rss_kib(), settled + 16 * 1024)

    def test_without_an_account_it_serves_the_bridge_alone(self):
        self.profile.run("account", "remove", ALICE)
        daemon = Daemon(self.profile)
        self.addCleanup(daemon.close)
        self.assertIn("no account", daemon.output())
        client = daemon.bridge()
        self.assertEqual(client.select("INBOX")[0], "OK")
        client.logout()
        self.assertEqual(daemon.stop(), 0, daemon.errors())


if __name__ == "__main__":
    unittest.main()
