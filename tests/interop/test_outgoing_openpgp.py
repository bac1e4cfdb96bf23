"""Python's smtplib against the bridge's outgoing OpenPGP pipeline.

The profile has no own key here (`cachet-cli keys generate` is not in yet),
so what is checked is what holds without one: encryption required for a
recipient without a key is refused with 550 naming that recipient and nothing
is queued; ordinary mail is still accepted, its reply saying it went unsigned. The signed and encrypted forms
with an own key are tested in C++ (tests/bridge/tst_bridge_outgoing_openpgp.cpp).
"""

import json
import smtplib
import ssl
import unittest

from bridge_fixture import Bridge


class OutgoingOpenPgp(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.bridge = Bridge().start()
        cls.tls = ssl.create_default_context(cafile=cls.bridge.certificate_file())

    @classmethod
    def tearDownClass(cls):
        cls.bridge.close()

    def smtp(self):
        smtp = smtplib.SMTP("127.0.0.1", self.bridge.smtp_port)
        smtp.starttls(context=self.tls)
        smtp.login(self.bridge.user, self.bridge.password)
        return smtp

    def outbox(self):
        return json.loads(self.bridge.run("outbox", "list", "--json").stdout)

    def test_1_required_encryption_without_a_key_is_refused(self):
        message = ("From: %s\r\nTo: keyless@example.org\r\nSubject: secret\r\nX-Cachet-Encrypt: require\r\n\r\n"
                   "not to be sent in the clear\r\n" % self.bridge.user).encode()
        with self.smtp() as smtp:
            with self.assertRaises(smtplib.SMTPDataError) as refused:
                smtp.sendmail(self.bridge.user, ["keyless@example.org"], message)
        self.assertEqual(refused.exception.smtp_code, 550)
        self.assertIn(b"5.7.1", refused.exception.smtp_error)
        self.assertIn(b"<keyless@example.org>", refused.exception.smtp_error)
        self.assertEqual(self.outbox(), [])

    def test_2_ordinary_mail_without_an_own_key_is_queued_unsigned(self):
        message = ("From: %s\r\nTo: friend@example.org\r\nSubject: hello\r\nX-Cachet-Encrypt: never\r\n\r\n"
                   "hi\r\n" % self.bridge.user).encode()
        with self.smtp() as smtp:
            smtp.ehlo()
            smtp.mail(self.bridge.user)
            smtp.rcpt("friend@example.org")
            code, text = smtp.data(message)
        self.assertEqual(code, 250)
        self.assertIn(b"not signed", text)
        items = self.outbox()
        self.assertEqual(len(items), 1)
        self.assertEqual(items[0]["subject"], "hello")
        self.assertEqual(items[0]["recipients"], ["friend@example.org"])


if __name__ == "__main__":
    unittest.main()
