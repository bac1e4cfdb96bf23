"""The outbox as a user sees it (ARCHITECTURE.md: "SMTP 250 only after the
message is committed; retried with back-off; sent exactly once"): mail handed
to the bridge reaches the recipient at the real provider once, byte for byte,
and a copy is filed in Sent; with the provider's SMTP down it waits, says why
and when it tries again, and goes when retried; a cancelled message never
goes; and a sync killed at any moment of a send leaves the recipient with the
message once, or, where Cachet cannot know whether the provider took it,
follows sync/OutboxRelay.h's rule: never sent twice on its own."""

import base64
import json
import os
import re
import signal
import smtplib
import ssl
import subprocess
import time
import unittest
import uuid

from provider_fixture import Provider
from smtp_tap import SmtpTap
from sync_profile import ALICE, CLI, Profile

BOB = "bob@example.test"


def mail(subject, body="Hello Bob.\r\n", attachment_bytes=0):
    """A message from alice to bob (CRLF, as a mail program submits it), its
    Message-ID (without <>). The body has lines an SMTP relay must dot-stuff."""
    message_id = "%s@example.test" % uuid.uuid4().hex
    head = ("From: Alice <%s>\r\nTo: Bob <%s>\r\nSubject: %s\r\nDate: Mon, 6 May 2024 10:00:00 +0000\r\n"
            "Message-ID: <%s>\r\nMIME-Version: 1.0\r\n" % (ALICE, BOB, subject, message_id))
    text = body + ".a line that starts with a dot\r\n..and one with two\r\n.\r\nthe end\r\n"
    if not attachment_bytes:
        return (head + "Content-Type: text/plain; charset=utf-8\r\n\r\n" + text).encode(), message_id
    encoded = base64.encodebytes(os.urandom(attachment_bytes)).decode().replace("\n", "\r\n")
    return (head + 'Content-Type: multipart/mixed; boundary="b1"\r\n\r\n'
            "--b1\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + text +
            "--b1\r\nContent-Type: application/octet-stream\r\nContent-Disposition: attachment; filename=\"big.bin\"\r\n"
            "Content-Transfer-Encoding: base64\r\n\r\n" + encoded + "--b1--\r\n").encode(), message_id


def has_message_id(message_id):
    needle = ("Message-ID: <%s>" % message_id).encode()
    return lambda raw: needle in raw


class OutboxTestCase(unittest.TestCase):
    """A provider with a Sent mailbox for alice (as every real provider has),
    alice's profile with the account, and its bridge. `smtp_tap`: the profile
    sends through an SmtpTap in front of the provider's SMTP."""

    smtp_tap = False
    sent_copy = None  # the account's default: Cachet files the copy in Sent

    def setUp(self):
        self.provider = Provider()
        self.provider.start()
        self.addCleanup(self.provider.close)
        client = self.provider.imap(ALICE)
        self.assertEqual(client.create("Sent")[0], "OK")
        client.logout()
        smtp_port = None
        self.tap = None
        if self.smtp_tap:
            self.tap = SmtpTap(self.provider.smtp_port)
            self.addCleanup(self.tap.close)
            smtp_port = self.tap.port
        self.profile = Profile(self.provider, self.provider.users[ALICE])
        self.addCleanup(self.profile.close)
        # No own key, so mail goes out as submitted and delivery is compared byte for byte;
        # signing on the way out is test_openpgp_two_profiles' subject.
        added = self.profile.add_account("plain", smtp_port=smtp_port, sent_copy=self.sent_copy, own_key=False)
        self.assertEqual(added.returncode, 0, added.stdout + added.stderr)
        self.profile.start()  # its bridge
        self.bridge_tls = ssl.create_default_context(cafile=self.profile.certificate_file())
        self.markers = 0

    def submit_raw(self, recipients, raw):
        """Hands `raw` to the bridge as a mail program does: STARTTLS, login, MAIL, RCPT, DATA."""
        with smtplib.SMTP("127.0.0.1", self.profile.smtp_port, timeout=600) as client:
            client.starttls(context=self.bridge_tls)
            client.login(self.profile.user, self.profile.password)
            client.sendmail(ALICE, recipients, raw)

    def submit(self, subject, **kwargs):
        raw, message_id = mail(subject, **kwargs)
        self.submit_raw([BOB], raw)
        return raw, message_id

    def sync(self):
        return self.profile.sync()

    def start_sync(self):
        """`sync --once` as a running process, for a test to kill."""
        return subprocess.Popen([CLI, "sync", "--once"], env=self.profile.env, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE)

    def outbox(self):
        return json.loads(self.profile.run("outbox", "list", "--json").stdout)

    def status(self):
        """`status --json`: the account's line."""
        return json.loads(self.profile.run("status", "--json").stdout)["accounts"][0]

    def item(self, key):
        """The outbox's entry of the message with this Message-ID or subject."""
        found = [i for i in self.outbox() if key in (i["message_id"], i["subject"])]
        return found[0] if found else None

    def delivered(self, message_id, matching=None):
        """Bob's copies of the message (those `matching`, if given), once the
        provider has delivered whatever it took: as many as the tap saw it
        take; without a tap, once a small marker sent after it through the
        provider has arrived."""
        matching = matching or has_message_id(message_id)
        if self.tap:
            return self.provider.wait_for_messages(BOB, self.tap.accepted(message_id), timeout=300, matching=matching)
        self.markers += 1
        marker = "queue marker %d %s" % (self.markers, uuid.uuid4().hex)
        raw, marker_id = mail(marker)
        self.provider.send(ALICE, BOB, raw)
        arrived = self.provider.wait_for_messages(BOB, 1, matching=has_message_id(marker_id), timeout=120)
        self.assertEqual(len(arrived), 1, "the provider did not deliver the marker")
        return [m for m in self.provider.messages(BOB) if matching(m)]

    def assert_delivered_once(self, raw, message_id):
        copies = self.delivered(message_id)
        self.assertEqual(len(copies), 1, "bob has the message %d times" % len(copies))
        # The provider only adds its trace headers in front.
        self.assertTrue(copies[0].endswith(raw), "not byte for byte:\n%r" % copies[0][-300:])


class Delivery(OutboxTestCase):
    def test_submitted_mail_is_delivered_once_byte_for_byte_and_filed_in_sent(self):
        raw, message_id = self.submit("Lunch on Friday")
        item = self.item(message_id)
        self.assertEqual(item["state"], "queued")
        self.assertEqual(item["recipients"], [BOB])
        self.assertEqual(item["subject"], "Lunch on Friday")
        self.assertEqual(item["attempts"], 0)

        out = self.sync()
        self.assertIn("sent 1, waiting 0, failed 0", out)
        self.assert_delivered_once(raw, message_id)
        item = self.item(message_id)
        self.assertEqual(item["state"], "sent")
        self.assertEqual(item["last_error"], "")
        self.assertIsNone(item["next_attempt"])
        self.assertEqual(self.status()["outbox_pending"], 0)
        listed = self.profile.run("outbox", "list").stdout.decode()
        self.assertIn("sent", listed)
        self.assertIn("Lunch on Friday", listed)

        # A second sync sends nothing again.
        self.assertIn("sent 0, waiting 0, failed 0", self.sync())
        self.assertEqual(len(self.delivered(message_id)), 1)

        # The copy in Sent, in the store, exactly the bytes sent.
        self.assertIn(message_id, self.profile.flags("Sent"))
        self.assertEqual(self.profile.exported("Sent"), [raw])

    def test_the_copy_in_sent_reaches_the_provider_in_the_same_sync(self):
        raw, message_id = self.submit("Minutes of the meeting")
        self.sync()
        in_sent = [m for m in self.provider.messages(ALICE, "Sent") if has_message_id(message_id)(m)]
        self.assertEqual(in_sent, [raw])


class ProviderSmtpDown(OutboxTestCase):
    def test_waits_says_why_and_goes_when_retried(self):
        self.provider.stop_smtp()
        raw, message_id = self.submit("While the provider is down")
        before = int(time.time())
        out = self.sync()
        self.assertIn("sent 0, waiting 1, failed 0", out)
        self.assertIn("sending:", out)

        item = self.item(message_id)
        self.assertEqual(item["state"], "deferred")
        self.assertEqual(item["attempts"], 1)
        self.assertNotEqual(item["last_error"], "")
        self.assertGreater(item["next_attempt"], before)
        listed = self.profile.run("outbox", "list").stdout.decode()
        self.assertIn("deferred", listed)
        self.assertIn("next ", listed)
        self.assertIn("last error: " + item["last_error"], listed)
        status = self.status()
        self.assertTrue(status["last_error"].startswith("sending: "), status)
        self.assertEqual(status["outbox_pending"], 1)
        self.assertIn("sending: ", self.profile.run("status").stdout.decode())
        self.assertEqual(self.provider.messages(BOB), [])

        self.provider.start_smtp()
        self.assertIn("1 message will go out", self.profile.run("outbox", "retry", "--all").stdout.decode())
        self.assertIn("sent 1, waiting 0, failed 0", self.sync())
        self.assert_delivered_once(raw, message_id)
        self.assertEqual(self.item(message_id)["state"], "sent")
        self.assertEqual(self.status()["last_error"], "")

    def test_a_cancelled_message_never_goes(self):
        self.provider.stop_smtp()
        _, message_id = self.submit("Never mind")
        _, kept_id = self.submit("This one goes")
        self.sync()
        cancelled = self.item(message_id)
        self.assertEqual(cancelled["state"], "deferred")

        out = self.profile.run("outbox", "cancel", str(cancelled["id"])).stdout.decode()
        self.assertIn("will not be sent", out)
        self.assertIsNone(self.item(message_id))
        again = self.profile.run("outbox", "cancel", str(cancelled["id"]), check=False)
        self.assertEqual(again.returncode, 1)
        self.assertIn("no message %d in the outbox" % cancelled["id"], again.stderr.decode())

        self.provider.start_smtp()
        self.profile.run("outbox", "retry", "--all")
        self.assertIn("sent 1, waiting 0, failed 0", self.sync())
        self.assertEqual(len(self.delivered(kept_id)), 1)
        self.assertEqual(self.delivered(message_id), [])

    def test_retry_and_cancel_refuse_what_they_cannot_do(self):
        _, message_id = self.submit("Already gone")
        self.sync()
        item_id = str(self.item(message_id)["id"])
        for verb in ("retry", "cancel"):
            refused = self.profile.run("outbox", verb, item_id, check=False)
            self.assertEqual(refused.returncode, 1)
            self.assertIn("was sent already", refused.stderr.decode())
        self.assertEqual(self.profile.run("outbox", "retry", "x", check=False).returncode, 2)


class ProviderRefusal(OutboxTestCase):
    """A refusal that trying again cannot change (5xx) fails the message at
    once, with a notice in INBOX saying why, rather than retrying for 5 days."""

    def assert_refused_at_once(self, message_id, subject, out):
        self.assertIn("sent 0, waiting 0, failed 1", out)
        item = self.item(message_id)
        self.assertEqual(item["state"], "failed")
        self.assertIn("the provider refused it", item["last_error"])
        notices = [m for m in json.loads(self.profile.run("list", "--json").stdout)
                   if m["subject"] == "Undelivered: " + subject]
        self.assertEqual(len(notices), 1)
        self.assertIn("Why: " + item["last_error"], self.profile.run("show", str(notices[0]["uid"])).stdout.decode())
        self.assertEqual(self.status()["outbox_failed"], 1)

    def test_a_recipient_the_provider_refuses(self):
        raw, message_id = mail("To nobody")
        self.submit_raw(["nobody@elsewhere.test"], raw)
        self.assert_refused_at_once(message_id, "To nobody", self.sync())

    def test_a_message_larger_than_the_provider_takes(self):
        # The test provider's OpenSMTPD takes 35 MiB (its SIZE), the bridge 50 MiB.
        _, message_id = self.submit("Too large for the provider", attachment_bytes=28 * 1024 * 1024)
        self.assert_refused_at_once(message_id, "Too large for the provider", self.sync())
        self.assertEqual(self.delivered(message_id), [])


class KilledMidSend(OutboxTestCase):
    """`sync --once` killed with SIGKILL while it hands a message to the provider,
    held by an SmtpTap at the moment named, then a sync again."""

    smtp_tap = True

    def kill_sync_at(self, moment, message_id):
        """Starts a sync, kills it when its send is held at `moment`; the state
        the outbox showed then."""
        self.tap.arm(moment)
        sync = self.start_sync()
        try:
            self.tap.wait_held()
            state = self.item(message_id)["state"]
        finally:
            sync.send_signal(signal.SIGKILL)
            sync.communicate()
            self.tap.drop()
        return state

    def test_killed_while_handing_the_message_over_sends_it_again(self):
        # Larger than what the sender's socket buffers can hold, so it is still handing it over.
        raw, message_id = self.submit("A large report", attachment_bytes=8 * 1024 * 1024)
        self.tap.arm("data")
        sync = self.start_sync()
        try:
            self.tap.wait_held()
            item = self.item(message_id)
            self.assertEqual(item["state"], "sending")
            refused = self.profile.run("outbox", "cancel", str(item["id"]), check=False)
            self.assertEqual(refused.returncode, 1)
            self.assertIn("being handed to the provider", refused.stderr.decode())
        finally:
            sync.send_signal(signal.SIGKILL)
            sync.communicate()
            self.tap.drop()
        self.assertEqual(self.item(message_id)["state"], "sending")

        self.assertIn("sent 1, waiting 0, failed 0", self.sync())
        self.assert_delivered_once(raw, message_id)
        item = self.item(message_id)
        self.assertEqual(item["state"], "sent")
        self.assertEqual(item["attempts"], 2)

    def test_killed_before_the_provider_had_it_fails_for_the_user_to_retry(self):
        # OutboxRelay.h: 'ending', and Cachet files the copy in Sent, so the
        # provider's Sent cannot tell: the message fails rather than risk going twice.
        raw, message_id = self.submit("Cut at the very end")
        self.assertEqual(self.kill_sync_at("dot", message_id), "ending")
        self.sync()
        item = self.item(message_id)
        self.assertEqual(item["state"], "failed")
        self.assertIn("probably sent", item["last_error"])
        self.assertEqual(self.delivered(message_id), [])  # the provider never got the ending

        self.profile.run("outbox", "retry", str(item["id"]))
        self.assertIn("sent 1", self.sync())
        self.assert_delivered_once(raw, message_id)

    def test_killed_after_the_provider_took_it_is_not_sent_twice(self):
        raw, message_id = self.submit("Taken, but Cachet never heard")
        self.assertEqual(self.kill_sync_at("reply", message_id), "ending")
        self.sync()
        item = self.item(message_id)
        self.assertEqual(item["state"], "failed")
        self.assertIn("probably sent", item["last_error"])
        self.assertEqual(self.status()["outbox_failed"], 1)
        self.assert_delivered_once(raw, message_id)

    def lose_connection_at(self, moment, message_id):
        """Starts a sync and cuts its connection to the provider when its send is
        held at `moment` (Cachet is not killed); what the sync said."""
        self.tap.arm(moment)
        sync = self.start_sync()
        self.tap.wait_held()
        self.tap.drop()
        out, err = sync.communicate(timeout=600)
        self.assertEqual(sync.returncode, 0, err)
        return out.decode()

    def test_connection_lost_after_the_provider_took_it_is_not_sent_again(self):
        # Like a kill while 'ending': no answer to the end of data, so the
        # provider may have the message, and it does here.
        raw, message_id = self.submit("Taken, then the line went")
        self.lose_connection_at("reply", message_id)
        item = self.item(message_id)
        self.assertEqual(item["state"], "failed")
        self.assertIn("probably sent", item["last_error"])
        self.assertIn("sent 0", self.sync())  # nothing goes on its own
        self.assert_delivered_once(raw, message_id)

    def test_connection_lost_before_the_provider_had_it_fails_for_the_user_to_retry(self):
        raw, message_id = self.submit("The ending never arrived")
        self.lose_connection_at("dot", message_id)
        item = self.item(message_id)
        self.assertEqual(item["state"], "failed")
        self.assertEqual(self.delivered(message_id), [])
        self.profile.run("outbox", "retry", str(item["id"]))
        self.sync()
        self.assert_delivered_once(raw, message_id)

    def test_a_message_cancelled_while_another_is_sent_never_goes(self):
        big, big_id = self.submit("First, and large", attachment_bytes=8 * 1024 * 1024)
        _, small_id = self.submit("Second, cancelled")
        self.tap.arm("data")
        sync = self.start_sync()
        try:
            self.tap.wait_held()
            self.assertEqual(self.item(big_id)["state"], "sending")
            self.profile.run("outbox", "cancel", str(self.item(small_id)["id"]))
        finally:
            self.tap.release()
            out, err = sync.communicate(timeout=600)
        self.assertEqual(sync.returncode, 0, err)
        self.assertIn("sent 1, waiting 0, failed 0", out.decode())
        self.assert_delivered_once(big, big_id)
        self.assertEqual(self.delivered(small_id), [])

    def test_two_syncs_at_once_send_a_message_once(self):
        raw, message_id = self.submit("Two syncs, one message", attachment_bytes=8 * 1024 * 1024)
        self.tap.arm("data")
        first = self.start_sync()
        try:
            self.tap.wait_held()
            self.sync()  # while the first still hands the message over
        finally:
            self.tap.release()
            first.communicate(timeout=600)
        self.assert_delivered_once(raw, message_id)
        self.assertEqual(self.item(message_id)["state"], "sent")


class KilledMidSendProviderFilesSent(OutboxTestCase):
    """The same with an account whose provider files sent mail in Sent itself
    (--sent-copy no): after a kill while 'ending', its Sent says whether it went."""

    smtp_tap = True
    sent_copy = False

    kill_sync_at = KilledMidSend.kill_sync_at

    def test_killed_before_the_provider_had_it_is_sent_again(self):
        raw, message_id = self.submit("Not in Sent, so again")
        self.assertEqual(self.kill_sync_at("dot", message_id), "ending")
        self.assertIn("sent 1", self.sync())
        self.assert_delivered_once(raw, message_id)
        self.assertEqual(self.item(message_id)["state"], "sent")

    def test_killed_after_the_provider_took_it_finds_it_in_sent(self):
        raw, message_id = self.submit("Filed by the provider")
        self.assertEqual(self.kill_sync_at("reply", message_id), "ending")
        # What such a provider does with mail it takes.
        client = self.provider.imap(ALICE)
        self.assertEqual(client.append("Sent", "(\\Seen)", None, raw)[0], "OK")
        client.logout()
        self.assertIn("sent 0", self.sync())
        self.assertEqual(self.item(message_id)["state"], "sent")
        self.assert_delivered_once(raw, message_id)

    lose_connection_at = KilledMidSend.lose_connection_at

    def test_connection_lost_after_the_provider_took_it_finds_it_in_sent(self):
        raw, message_id = self.submit("Filed, then the line went")
        self.lose_connection_at("reply", message_id)
        self.assertEqual(self.item(message_id)["state"], "ending")  # for the next sync to look in Sent
        client = self.provider.imap(ALICE)
        self.assertEqual(client.append("Sent", "(\\Seen)", None, raw)[0], "OK")
        client.logout()
        self.assertIn("sent 0", self.sync())
        self.assertEqual(self.item(message_id)["state"], "sent")
        self.assert_delivered_once(raw, message_id)

    def test_connection_lost_before_the_provider_had_it_is_sent_again(self):
        raw, message_id = self.submit("Not filed, so again")
        self.lose_connection_at("dot", message_id)
        self.assertIn("sent 1", self.sync())
        self.assert_delivered_once(raw, message_id)

    def test_without_a_message_id_sent_cannot_tell_so_it_is_not_sent_again(self):
        raw = re.sub(rb"Message-ID: <[^>]*>\r\n", b"", mail("No Message-ID")[0])
        self.submit_raw([BOB], raw)
        self.assertEqual(self.kill_sync_at("reply", "No Message-ID"), "ending")
        client = self.provider.imap(ALICE)
        self.assertEqual(client.append("Sent", "(\\Seen)", None, raw)[0], "OK")
        client.logout()
        self.sync()
        item = self.item("No Message-ID")
        self.assertEqual(item["state"], "failed")
        self.assertIn("probably sent", item["last_error"])
        copies = self.delivered(None, matching=lambda m: b"\r\nSubject: No Message-ID\r\n" in m)
        self.assertEqual(len(copies), 1, "bob has the message %d times" % len(copies))


if __name__ == "__main__":
    unittest.main()
