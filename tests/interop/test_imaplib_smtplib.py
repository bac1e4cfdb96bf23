"""Python's imaplib and smtplib through whole sessions with the bridge, as a
script or a simple mail program would use it: STARTTLS with the bridge's own
certificate, login, list, select, fetch, search, store, copy, move, expunge,
append, IDLE seeing another connection's change, and SMTP submission."""

import email
import imaplib
import smtplib
import socket
import ssl
import unittest

from bridge_fixture import CORPUS, Bridge, corpus_messages, without_cachet_fields


def crlf(data):
    return data.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")


class ImaplibSession(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.bridge = Bridge([CORPUS + "/deltachat/message"]).start()
        cls.tls = ssl.create_default_context(cafile=cls.bridge.certificate_file())

    @classmethod
    def tearDownClass(cls):
        cls.bridge.close()

    def connect(self):
        imap = imaplib.IMAP4("127.0.0.1", self.bridge.imap_port)
        imap.starttls(self.tls)  # verifies the certificate and the name 127.0.0.1
        imap.login(self.bridge.user, self.bridge.password)
        return imap

    def test_implicit_tls_and_wrong_password(self):
        imap = imaplib.IMAP4_SSL("127.0.0.1", self.bridge.imaps_port, ssl_context=self.tls)
        with self.assertRaises(imaplib.IMAP4.error):
            imap.login(self.bridge.user, "not the password")
        imap.login(self.bridge.user, self.bridge.password)
        self.assertEqual(imap.noop()[0], "OK")
        imap.logout()

    def test_whole_session(self):
        imap = self.connect()
        typ, boxes = imap.list()
        self.assertEqual(typ, "OK")
        self.assertTrue(any(b'"INBOX"' in b or b.endswith(b" INBOX") for b in boxes), boxes)

        typ, data = imap.select("INBOX")
        self.assertEqual(typ, "OK")
        count = int(data[0])
        messages = {crlf(raw) for _path, raw in corpus_messages() if "/deltachat/" in _path}
        self.assertEqual(count, len(messages))

        # Every message fetched whole is its source, line ends made CRLF.
        typ, data = imap.fetch("1:*", "(RFC822.SIZE BODY.PEEK[])")
        self.assertEqual(typ, "OK")
        served = [without_cachet_fields(item[1]) for item in data if isinstance(item, tuple)]
        self.assertEqual(len(served), count)
        self.assertEqual(set(served), messages)
        for item in data:
            if isinstance(item, tuple):
                size = int(item[0].split(b"RFC822.SIZE ")[1].split()[0].rstrip(b")"))
                self.assertEqual(size, len(item[1]))

        # Search: a subject word, then flags.
        typ, data = imap.search(None, "SUBJECT", "filenames")
        hits = data[0].split()
        expected = sum(1 for m in messages
                       if "filenames" in str(email.message_from_bytes(m).get("Subject", "")).lower())
        self.assertEqual(len(hits), expected)
        self.assertGreater(len(hits), 0)

        typ, data = imap.search(None, "UNSEEN")
        unseen_before = len(data[0].split())
        typ, data = imap.store("1:3", "+FLAGS", "(\\Seen \\Flagged)")
        self.assertEqual(typ, "OK")
        self.assertIn(b"\\Flagged", b" ".join(d for d in data if d))
        typ, data = imap.search(None, "FLAGGED")
        self.assertEqual(data[0].split(), [b"1", b"2", b"3"])
        typ, data = imap.search(None, "UNSEEN")
        self.assertLessEqual(len(data[0].split()), unseen_before)
        self.assertFalse({b"1", b"2", b"3"} & set(data[0].split()))

        # Create, copy, move, append, expunge, and what each mailbox holds after.
        self.assertEqual(imap.create("Py/Archive")[0], "OK")
        typ, data = imap.uid("SEARCH", None, "1:5")
        uids = data[0].split()
        typ, data = imap.copy("1:2", "Py/Archive")
        self.assertEqual(typ, "OK")
        self.assertIn(b"COPYUID", data[0])
        typ, data = imap.uid("MOVE", uids[4].decode(), "Py/Archive")
        self.assertEqual(typ, "OK")
        typ, data = imap.status("Py/Archive", "(MESSAGES UIDNEXT)")
        self.assertIn(b"MESSAGES 3", data[0])
        typ, data = imap.status("INBOX", "(MESSAGES)")
        self.assertIn(b"MESSAGES %d" % (count - 1), data[0])

        note = b"From: me@localhost\r\nTo: you@example.org\r\nSubject: appended by imaplib\r\n\r\nhello\r\n"
        typ, data = imap.append("Py/Archive", "(\\Draft)", imaplib.Time2Internaldate(0), note)
        self.assertEqual(typ, "OK")
        self.assertIn(b"APPENDUID", data[0])

        imap.select("Py/Archive")
        typ, data = imap.search(None, "DRAFT")
        self.assertEqual(data[0], b"4")
        typ, data = imap.fetch("4", "(BODY.PEEK[HEADER.FIELDS (SUBJECT)])")
        self.assertIn(b"appended by imaplib", data[0][1])
        imap.store("1", "+FLAGS", "\\Deleted")
        typ, data = imap.expunge()
        self.assertEqual(data, [b"1"])
        typ, data = imap.search(None, "ALL")
        self.assertEqual(data[0], b"1 2 3")

        imap.close()
        self.assertEqual(imap.delete("Py/Archive")[0], "OK")
        typ, boxes = imap.list('""', "Py*")
        self.assertFalse(any(b"Archive" in b for b in boxes if b))
        imap.logout()

    def test_idle_sees_another_connections_change(self):
        watcher = self.connect()
        watcher.create("Idle")
        watcher.select("Idle")
        changer = self.connect()
        changer.append("Idle", None, None, b"Subject: one\r\n\r\nfirst\r\n")
        watcher.noop()  # the first message is known before IDLE starts
        tag = watcher._new_tag()
        watcher.send(tag + b" IDLE\r\n")
        self.assertTrue(watcher.readline().startswith(b"+"))
        watcher.sock.settimeout(60)

        changer.append("Idle", None, None, b"Subject: two\r\n\r\nsecond\r\n")
        self.assertEqual(watcher.readline().strip(), b"* 2 EXISTS")

        changer.select("Idle")
        changer.store("1", "+FLAGS", "\\Flagged")
        update = watcher.readline().strip()  # the UID may come too, as Dovecot sends it
        self.assertTrue(update.startswith(b"* 1 FETCH ("), update)
        self.assertIn(b"FLAGS (\\Flagged)", update)

        changer.store("2", "+FLAGS", "\\Deleted")
        self.assertIn(b"\\Deleted", watcher.readline())
        changer.expunge()
        self.assertEqual(watcher.readline().strip(), b"* 2 EXPUNGE")

        watcher.send(b"DONE\r\n")
        self.assertTrue(watcher.readline().startswith(tag + b" OK"))
        self.assertEqual(watcher.search(None, "ALL")[1][0], b"1")
        changer.logout()
        watcher.logout()


class SmtplibSubmission(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.bridge = Bridge().start()
        cls.tls = ssl.create_default_context(cafile=cls.bridge.certificate_file())

    @classmethod
    def tearDownClass(cls):
        cls.bridge.close()

    def message(self, subject):
        return ("From: %s\r\nTo: friend@example.org\r\nSubject: %s\r\n\r\nsent by smtplib\r\n"
                % (self.bridge.user, subject)).encode()

    def test_starttls_and_implicit_tls(self):
        with smtplib.SMTP("127.0.0.1", self.bridge.smtp_port) as smtp:
            smtp.starttls(context=self.tls)
            smtp.ehlo()
            self.assertIn("size", smtp.esmtp_features)
            self.assertIn("8bitmime", smtp.esmtp_features)
            self.assertIn("pipelining", smtp.esmtp_features)
            smtp.login(self.bridge.user, self.bridge.password)
            refused = smtp.sendmail(self.bridge.user, ["friend@example.org", "other@example.net"],
                                    self.message("starttls"))
            self.assertEqual(refused, {})
        with smtplib.SMTP_SSL("127.0.0.1", self.bridge.smtps_port, context=self.tls) as smtp:
            smtp.login(self.bridge.user, self.bridge.password)
            self.assertEqual(smtp.sendmail(self.bridge.user, ["friend@example.org"], self.message("tls")), {})

    def test_refusals(self):
        with smtplib.SMTP("127.0.0.1", self.bridge.smtp_port) as smtp:
            smtp.starttls(context=self.tls)
            with self.assertRaises(smtplib.SMTPAuthenticationError):
                smtp.login(self.bridge.user, "wrong")
        with smtplib.SMTP("127.0.0.1", self.bridge.smtp_port) as smtp:
            smtp.starttls(context=self.tls)
            smtp.login(self.bridge.user, self.bridge.password)
            with self.assertRaises(smtplib.SMTPSenderRefused) as refused:
                smtp.sendmail("someone.else@example.org", ["friend@example.org"], self.message("forged"))
            self.assertEqual(refused.exception.smtp_code, 553)
        with smtplib.SMTP("127.0.0.1", self.bridge.smtp_port) as smtp:
            # No mail without login.
            with self.assertRaises(smtplib.SMTPException):
                smtp.sendmail(self.bridge.user, ["friend@example.org"], self.message("anonymous"))


if __name__ == "__main__":
    unittest.main()
