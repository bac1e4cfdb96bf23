"""Bad input never takes the bridge down, never grows its memory without
bound, and is answered with a clear tagged NO/BAD or BYE: random bytes, a
10 MB line, an unterminated literal, a 2 GB literal announced, 10,000 nested
parentheses, invalid modified UTF-7 names, 20 bad commands in a row, 1,000
connections at once, wrong passwords in a loop. After each, a well-behaved
client still gets its answers."""

import base64
import os
import random
import resource
import socket
import unittest

from bridge_fixture import Bridge
from raw_client import Closed, RawImap, RawSmtp

MIB = 1024


def send_all_ignoring_reset(sock, data):
    try:
        sock.sendall(data)
    except OSError:
        pass  # the bridge may close first: that is an answer too


def drain(sock, timeout=30):
    """Everything the peer sends until it closes or goes quiet."""
    sock.settimeout(timeout)
    out = b""
    try:
        while True:
            chunk = sock.recv(65536)
            if not chunk:
                break
            out += chunk
    except (OSError, socket.timeout):
        pass
    return out


class BadImapInput(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.bridge = Bridge().start()
        cls.baseline_kib = cls.bridge.rss_kib()

    @classmethod
    def tearDownClass(cls):
        # A clean SIGTERM after all of it.
        code = cls.bridge.stop()
        cls.bridge.close()
        assert code == 0, "bridge exit code %r" % code

    def session(self):
        c = RawImap(self.bridge.imap_port)
        c.login(self.bridge.user, self.bridge.password)
        self.addCleanup(c.close)
        return c

    def assert_still_serving(self):
        self.assertTrue(self.bridge.alive(), self.bridge.output[-2000:])
        c = self.session()
        self.assertTrue(c.command("SELECT INBOX")[1].startswith(b"a OK"))
        # Bounded: nothing above kept megabytes of what it was sent.
        self.assertLess(self.bridge.rss_kib(), self.baseline_kib + 64 * MIB)

    def test_random_bytes(self):
        rng = random.Random(20261123)
        for i in range(20):
            s = socket.create_connection(("127.0.0.1", self.bridge.imap_port), timeout=30)
            s.recv(4096)
            send_all_ignoring_reset(s, bytes(rng.getrandbits(8) for _ in range(rng.randint(1, 200_000))))
            s.close()
        self.assert_still_serving()

    def test_ten_megabyte_line(self):
        c = self.session()
        send_all_ignoring_reset(c.sock, b"a NOOP " + b"x" * (10 * 1024 * 1024) + b"\r\n")
        self.assertEqual(c.line(), b"a BAD command line too long\r\n")
        self.assertTrue(c.command("NOOP")[1].startswith(b"a OK"))  # the session goes on
        self.assert_still_serving()

    def test_unterminated_literal(self):
        c = self.session()
        c.send(b"a APPEND INBOX {500000+}\r\nFrom: half\r\n\r\nonly a part of it")
        c.close()
        self.assert_still_serving()
        # Nothing half-received was stored.
        c = self.session()
        c.command("SELECT INBOX")
        self.assertEqual(c.command("SEARCH FROM half")[0], [b"* SEARCH\r\n"])

    def test_two_gigabyte_literal(self):
        c = self.session()
        # Synchronising: refused before any byte is sent.
        self.assertEqual(c.command(b"APPEND INBOX {2147483648}"), ([], b"a NO [TOOBIG] literal too large\r\n"))
        # Non-synchronising: refused, and the bytes that come anyway are thrown away, not kept.
        c.send(b"b APPEND INBOX {2147483648+}\r\n")
        self.assertEqual(c.line(), b"b NO [TOOBIG] literal too large\r\n")
        chunk = b"y" * (1024 * 1024)
        for _ in range(100):
            c.send(chunk)
        self.assert_still_serving()

    def test_deep_parentheses(self):
        c = self.session()
        c.command("SELECT INBOX")
        untagged, tagged = c.command(b"FETCH 1 " + b"(" * 10000 + b")" * 10000)
        self.assertTrue(tagged.startswith(b"a BAD"))
        self.assertIn(b"nested", tagged)
        untagged, tagged = c.command(b"SEARCH " + b"NOT " * 10000 + b"ALL")
        self.assertTrue(tagged.startswith(b"a BAD"))
        self.assert_still_serving()

    def test_invalid_modified_utf7_names(self):
        c = self.session()
        for name in [b"&Jjo", b"&AGEAYgBj-", b"&ZeVnLIqe", b"Plain&Amp", b"&2D0-", b"&;;-", b"&AOQ-&AOQ-"]:
            tagged = c.command(b"CREATE " + name)[1]
            self.assertTrue(tagged.startswith(b"a BAD the mailbox name is not valid modified UTF-7"), tagged)
            self.assertTrue(c.command(b"SELECT " + name)[1].startswith((b"a BAD", b"a NO")))
        # Nothing was created under any of those names.
        self.assertEqual([l for l in c.command('LIST "" *')[0] if b"&" in l], [])
        # 8-bit names are not modified UTF-7 either.
        self.assertTrue(c.command("CREATE \"Entw\xfcrfe\"".encode("latin-1"))[1].startswith(b"a BAD"))

    def test_twenty_bad_commands_close_the_session(self):
        c = self.session()
        for i in range(19):
            self.assertTrue(c.command("FOO%d" % i)[1].startswith(b"a BAD"))
        self.assertTrue(c.command("NOOP")[1].startswith(b"a OK"))  # a good one resets the count
        for i in range(19):
            c.command("FOO")
        c.send(b"a FOO\r\n")
        rest = drain(c.sock)
        self.assertIn(b"* BYE", rest)
        self.assertIn(b"too many invalid commands", rest.lower())
        self.assert_still_serving()

    def test_client_that_asks_more_than_it_reads(self):
        """FETCH of 100 MB by a client that does not read: the bridge pauses the
        answer instead of holding it, and serves other clients meanwhile."""
        c = self.session()
        c.command("CREATE Big")
        line = b"0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcdef\r\n"
        body = line * (512 * 1024 // len(line))
        for i in range(200):
            m = b"Subject: big %d\r\n\r\n" % i + body
            c.send(b"a APPEND Big {%d+}\r\n" % len(m) + m + b"\r\n")
            self.assertTrue(c.until_tagged(b"a")[1].startswith(b"a OK"))
        c.command("SELECT Big")
        c.send(b"f FETCH 1:* BODY.PEEK[]\r\nn NOOP\r\n")
        other = self.session()
        for _ in range(5):
            self.assertTrue(other.command("NOOP")[1].startswith(b"a OK"))
            self.assertLess(self.bridge.rss_kib(), self.baseline_kib + 64 * MIB)
        fetched = 0
        while True:
            l = c.line()
            if l.startswith(b"* ") and b" FETCH " in l:
                self.assertTrue(l.endswith(body + b")\r\n"), l[:80])
                fetched += 1
            elif l.startswith(b"f "):
                self.assertTrue(l.startswith(b"f OK"), l)
                break
        self.assertEqual(fetched, 200)
        self.assertTrue(c.until_tagged(b"n")[1].startswith(b"n OK"))  # the pipelined command after it
        c.command("DELETE Big")
        self.assert_still_serving()

    def test_thousand_connections(self):
        soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        if soft < 1100:
            resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, 4096), hard))
        socks = []
        try:
            for _ in range(1000):
                socks.append(socket.create_connection(("127.0.0.1", self.bridge.imap_port), timeout=60))
            greetings = [s.recv(4096) for s in socks]
            served = [g for g in greetings if g.startswith(b"* OK")]
            refused = [g for g in greetings if g.startswith(b"* BYE")]
            self.assertEqual(len(served) + len(refused), 1000, set(greetings) - set(served) - set(refused))
            self.assertEqual(len(served), 100)  # the per-port cap
            self.assertIn(b"connections", refused[0].lower())
        finally:
            for s in socks:
                s.close()
        self.assert_still_serving()


class Lockout(unittest.TestCase):
    """After 5 wrong passwords, logins are refused for a minute, even the right one."""

    def setUp(self):
        self.bridge = Bridge().start()
        self.addCleanup(self.bridge.close)

    def test_imap_lockout(self):
        for i in range(5):
            c = RawImap(self.bridge.imap_port)
            tagged = c.command('LOGIN "%s" "wrong-%d"' % (self.bridge.user, i))[1]
            self.assertTrue(tagged.startswith(b"a NO [AUTHENTICATIONFAILED]"), tagged)
            c.close()
        for attempt in range(50):  # a loop of tries changes nothing, and nothing breaks
            c = RawImap(self.bridge.imap_port)
            tagged = c.command('LOGIN "%s" "%s"' % (self.bridge.user, self.bridge.password))[1]
            self.assertTrue(tagged.startswith(b"a NO [UNAVAILABLE]"), tagged)
            c.close()
        # SMTP shares the lockout: same credentials, same client.
        s = RawSmtp(self.bridge.smtp_port)
        s.command("EHLO x")
        plain = base64.b64encode(b"\0" + self.bridge.user.encode() + b"\0" + self.bridge.password.encode())
        self.assertTrue(s.command(b"AUTH PLAIN " + plain).startswith(b"454 4.7.0"))
        s.close()
        self.assertTrue(self.bridge.alive())

    def test_smtp_lockout(self):
        for i in range(5):
            s = RawSmtp(self.bridge.smtp_port)
            s.command("EHLO x")
            plain = base64.b64encode(b"\0" + self.bridge.user.encode() + b"\0wrong")
            self.assertTrue(s.command(b"AUTH PLAIN " + plain).startswith(b"535 5.7.8"))
            s.close()
        c = RawImap(self.bridge.imap_port)
        self.assertTrue(c.command('LOGIN "%s" "%s"' % (self.bridge.user, self.bridge.password))[1]
                        .startswith(b"a NO [UNAVAILABLE]"))
        c.close()


class BadSmtpInput(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.bridge = Bridge().start()
        cls.baseline_kib = cls.bridge.rss_kib()

    @classmethod
    def tearDownClass(cls):
        cls.bridge.close()

    def test_long_line_random_bytes_and_oversized_data(self):
        s = RawSmtp(self.bridge.smtp_port)
        send_all_ignoring_reset(s.sock, b"x" * (10 * 1024 * 1024) + b"\r\n")
        answer = drain(s.sock, 10)
        self.assertTrue(answer.startswith(b"500 5.5.2") or answer.startswith(b"421"), answer[:100])
        s.close()

        rng = random.Random(7)
        for _ in range(10):
            s = socket.create_connection(("127.0.0.1", self.bridge.smtp_port), timeout=30)
            send_all_ignoring_reset(s, bytes(rng.getrandbits(8) for _ in range(100_000)))
            s.close()

        # A message over the announced SIZE: refused with 552, not stored.
        s = RawSmtp(self.bridge.smtp_port)
        s.command("EHLO x")
        plain = base64.b64encode(b"\0" + self.bridge.user.encode() + b"\0" + self.bridge.password.encode())
        self.assertTrue(s.command(b"AUTH PLAIN " + plain).startswith(b"235"))
        self.assertTrue(s.command("MAIL FROM:<%s>" % self.bridge.user).startswith(b"250"))
        self.assertTrue(s.command("RCPT TO:<a@example.org>").startswith(b"250"))
        self.assertTrue(s.command("DATA").startswith(b"354"))
        line = b"z" * 998 + b"\r\n"
        for _ in range(55 * 1024 * 1024 // len(line)):
            s.send(line)
        s.send(b".\r\n")
        self.assertTrue(s.reply().startswith(b"552 5.3.4"))
        self.assertTrue(s.command("NOOP").startswith(b"250"))
        s.close()

        self.assertTrue(self.bridge.alive())
        s = RawSmtp(self.bridge.smtp_port)
        self.assertTrue(s.command("EHLO x").startswith(b"250"))
        s.close()
        self.assertLess(self.bridge.rss_kib(), self.baseline_kib + 64 * MIB)


if __name__ == "__main__":
    unittest.main()
