"""OpenPGP between two Cachet users through a real provider (issue 5): alice
writes to bob through her bridge, signed, with her Autocrypt header; bob's
Cachet verifies it and learns her key; bob's reply is encrypted because
Autocrypt says both prefer it: the provider holds PGP/MIME with a placeholder
Subject, gpg on the command line with alice's key decrypts it, and alice's
Cachet shows it decrypted and verified with the real Subject."""

import email
import email.policy
import json
import os
import shutil
import smtplib
import ssl
import subprocess
import tempfile
import unittest

from provider_fixture import Provider
from sync_profile import ALICE, Profile

BOB = "bob@example.test"
SUBJECT = "Lunch on Friday"
REPLY_SUBJECT = "Re: Lunch on Friday"
REPLY_WORDS = "Friday suits me, the usual place at noon"


def submit(profile, sender, recipients, raw):
    """Hands `raw` to the profile's bridge as a mail program does."""
    context = ssl.create_default_context(cafile=profile.certificate_file())
    with smtplib.SMTP("127.0.0.1", profile.smtp_port, timeout=600) as client:
        client.starttls(context=context)
        client.login(profile.user, profile.password)
        client.sendmail(sender, recipients, raw)


def bridge_message(profile, needle):
    """The INBOX message whose served bytes contain `needle`, as the bridge serves it."""
    client = profile.bridge_imap()
    try:
        client.select("INBOX", readonly=True)
        _, data = client.uid("FETCH", "1:*", "(BODY.PEEK[])")
        found = [part[1] for part in data if isinstance(part, tuple) and needle in part[1]]
        return found
    finally:
        client.logout()


def own_fingerprint(profile, address):
    keys = json.loads(profile.run("keys", "list", "--json").stdout)
    own = [k for k in keys if k["own"] and k["address"] == address]
    return own[0]["fingerprint"] if own else None


class TwoProfiles(unittest.TestCase):
    def setUp(self):
        self.provider = Provider()
        self.provider.start()
        self.addCleanup(self.provider.close)
        for user in (ALICE, BOB):
            client = self.provider.imap(user)
            self.assertEqual(client.create("Sent")[0], "OK")
            client.logout()
        self.alice = self.profile(ALICE)
        self.bob = self.profile(BOB)

    def profile(self, address):
        profile = Profile(self.provider, self.provider.users[address])
        self.addCleanup(profile.close)
        added = profile.add_account("plain", address=address)
        self.assertEqual(added.returncode, 0, added.stdout + added.stderr)
        profile.start()
        return profile

    def test_signed_then_encrypted_reply_because_of_autocrypt(self):
        alice_fpr = own_fingerprint(self.alice, ALICE)
        bob_fpr = own_fingerprint(self.bob, BOB)
        self.assertTrue(alice_fpr and bob_fpr, "account add made each profile its own key")

        # 1. alice -> bob, a plain message from her mail program.
        first = ("From: Alice <%s>\r\nTo: Bob <%s>\r\nSubject: %s\r\nDate: Mon, 6 May 2024 10:00:00 +0000\r\n"
                 "Message-ID: <lunch-1@example.test>\r\nMIME-Version: 1.0\r\n"
                 "Content-Type: text/plain; charset=utf-8\r\n\r\nShall we have lunch on Friday?\r\n"
                 % (ALICE, BOB, SUBJECT)).encode()
        submit(self.alice, ALICE, [BOB], first)
        self.alice.sync()
        at_bob = self.provider.wait_for_messages(BOB, 1, matching=lambda m: b"lunch-1@example.test" in m, timeout=120)
        self.assertEqual(len(at_bob), 1)
        parsed = email.message_from_bytes(at_bob[0], policy=email.policy.default)
        self.assertEqual(parsed.get_content_type(), "multipart/signed")
        self.assertEqual(parsed.get_param("protocol"), "application/pgp-signature")
        self.assertIn("addr=%s" % ALICE, " ".join(parsed["Autocrypt"].split()))
        self.assertEqual(parsed["Subject"], SUBJECT)

        # 2. bob's Cachet verifies it and learns alice's key.
        self.bob.sync()
        served = bridge_message(self.bob, b"lunch-1@example.test")
        self.assertEqual(len(served), 1)
        head = served[0].split(b"\r\n\r\n", 1)[0]
        self.assertIn(b"X-Cachet-Signature: valid", head)
        self.assertIn(alice_fpr.encode(), head)
        peers = [k for k in json.loads(self.bob.run("keys", "list", "--json").stdout) if not k["own"]]
        alice_peer = [p for p in peers if p["address"] == ALICE]
        self.assertEqual(len(alice_peer), 1, peers)
        self.assertEqual(alice_peer[0]["autocrypt"]["fingerprint"], alice_fpr)
        self.assertEqual(alice_peer[0]["autocrypt"]["prefer_encrypt"], "mutual")
        self.assertEqual(alice_peer[0]["recommendation"], "encrypt")

        # 3. bob replies from his mail program, asking for nothing: Autocrypt decides.
        reply = ("From: Bob <%s>\r\nTo: Alice <%s>\r\nSubject: %s\r\nDate: Mon, 6 May 2024 11:00:00 +0000\r\n"
                 "Message-ID: <lunch-2@example.test>\r\nIn-Reply-To: <lunch-1@example.test>\r\n"
                 "References: <lunch-1@example.test>\r\nMIME-Version: 1.0\r\n"
                 "Content-Type: text/plain; charset=utf-8\r\n\r\n%s.\r\n"
                 % (BOB, ALICE, REPLY_SUBJECT, REPLY_WORDS)).encode()
        submit(self.bob, BOB, [ALICE], reply)
        self.bob.sync()
        at_alice = self.provider.wait_for_messages(ALICE, 1, matching=lambda m: b"lunch-2@example.test" in m,
                                                   timeout=120)
        self.assertEqual(len(at_alice), 1)
        copy = at_alice[0]
        parsed = email.message_from_bytes(copy, policy=email.policy.default)
        self.assertEqual(parsed.get_content_type(), "multipart/encrypted")
        self.assertEqual(parsed.get_param("protocol"), "application/pgp-encrypted")
        self.assertNotEqual(parsed["Subject"], REPLY_SUBJECT)
        self.assertNotIn(b"Friday suits me", copy)
        self.assertNotIn(REPLY_SUBJECT.encode(), copy)

        # 4. gpg on the command line, with alice's key exported from her profile, decrypts it.
        armored = [p for p in parsed.iter_parts() if p.get_content_type() == "application/octet-stream"]
        self.assertEqual(len(armored), 1)
        plain = self.gpg_decrypt_as_alice(armored[0].get_payload(decode=True), bob_fpr)
        self.assertIn(REPLY_SUBJECT.encode(), plain)
        self.assertIn(REPLY_WORDS.encode(), plain)

        # 5. alice's Cachet shows it decrypted and verified, with the real Subject.
        self.alice.sync()
        served = bridge_message(self.alice, b"lunch-2@example.test")
        self.assertEqual(len(served), 1)
        shown = email.message_from_bytes(served[0], policy=email.policy.default)
        self.assertEqual(shown["Subject"], REPLY_SUBJECT)
        self.assertTrue(shown["X-Cachet-Encryption"].startswith("decrypted"), shown["X-Cachet-Encryption"])
        self.assertTrue(shown["X-Cachet-Signature"].startswith("valid"), shown["X-Cachet-Signature"])
        self.assertIn(bob_fpr, shown["X-Cachet-Signature"])
        self.assertIn(REPLY_WORDS.encode(), served[0])

    def test_encryption_demanded_for_a_keyless_recipient_is_refused(self):
        raw = ("From: Alice <%s>\r\nTo: Carol <carol@example.test>, Bob <%s>\r\nSubject: secret plans\r\n"
               "X-Cachet-Encrypt: require\r\nMessage-ID: <plans@example.test>\r\nMIME-Version: 1.0\r\n"
               "Content-Type: text/plain\r\n\r\nNobody without a key may read this.\r\n" % (ALICE, BOB)).encode()
        with self.assertRaises(smtplib.SMTPDataError) as refused:
            submit(self.alice, ALICE, ["carol@example.test", BOB], raw)
        self.assertEqual(refused.exception.smtp_code, 550)
        text = refused.exception.smtp_error.decode()
        self.assertIn("carol@example.test", text)
        self.assertIn(BOB, text)  # alice has never seen bob's key either
        self.assertEqual(json.loads(self.alice.run("outbox", "list", "--json").stdout), [])

    def gpg_decrypt_as_alice(self, ciphertext, signer_fpr):
        """gpg --decrypt in a throwaway GNUPGHOME holding alice's exported secret key and bob's
        public one; the signature made with `signer_fpr` must check out."""
        home = tempfile.mkdtemp(prefix="cachet-gpg-")
        try:
            os.chmod(home, 0o700)
            passphrase = self.alice.env["CACHET_PASSPHRASE"]
            exported = self.alice.run("keys", "export", ALICE, "--secret").stdout
            gpg = ["gpg", "--homedir", home, "--batch", "--pinentry-mode", "loopback", "--passphrase", passphrase]
            subprocess.run(gpg + ["--import"], input=exported, check=True, capture_output=True, timeout=120)
            bobs = self.bob.run("keys", "export", BOB).stdout
            subprocess.run(gpg + ["--import"], input=bobs, check=True, capture_output=True, timeout=120)
            out = subprocess.run(gpg + ["--status-fd", "2", "--decrypt"], input=ciphertext, capture_output=True,
                                 timeout=120)
            status = out.stderr.decode(errors="replace")
            self.assertEqual(out.returncode, 0, status)
            self.assertIn("[GNUPG:] VALIDSIG " + signer_fpr, status)
            return out.stdout
        finally:
            subprocess.run(["gpgconf", "--homedir", home, "--kill", "gpg-agent"], capture_output=True)
            shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    unittest.main()
