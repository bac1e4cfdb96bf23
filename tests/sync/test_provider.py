"""The test provider itself, as a user of it would notice: mail submitted over
SMTP (plain with a login, STARTTLS, implicit TLS) lands once in the
recipient's IMAP INBOX; strangers are refused; the services go away and come
back with the mail still there; and nothing is left behind when it ends."""

import hashlib
import imaplib
import json
import os
import shutil
import signal
import smtplib
import socket
import subprocess
import sys
import time
import unittest
import uuid

from provider_fixture import Provider, message

ALICE = "alice@example.test"
BOB = "bob@example.test"


def refused(port):
    try:
        socket.create_connection(("127.0.0.1", port), timeout=5).close()
    except ConnectionRefusedError:
        return True
    return False


def subject_is(subject):
    return lambda raw: ("\r\nSubject: %s\r\n" % subject).encode() in raw


def process_table():
    """pid -> (parent pid, state) of every process, from /proc."""
    table = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open("/proc/%s/stat" % name, "rb") as f:
                fields = f.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        table[int(name)] = (int(fields[1]), fields[0].decode())
    return table


def descendants(pid):
    table = process_table()
    out, pending = [], [pid]
    while pending:
        parent = pending.pop()
        for child, (ppid, _) in table.items():
            if ppid == parent:
                out.append(child)
                pending.append(child)
    return out


def running(pids):
    """Those of `pids` still running (a zombie has ended: it only waits to be reaped)."""
    table = process_table()
    return [p for p in pids if p in table and table[p][1] not in ("Z", "X")]


def wait_until(condition, timeout=30):
    deadline = time.monotonic() + timeout
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.1)
    return condition()


class Delivery(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.provider = Provider().start()

    @classmethod
    def tearDownClass(cls):
        cls.provider.close()

    def send_and_receive(self, tls):
        subject = "delivery %s %s" % (tls, uuid.uuid4().hex)
        self.provider.send(ALICE, BOB, message(ALICE, BOB, subject), tls=tls)
        arrived = self.provider.wait_for_messages(BOB, 1, matching=subject_is(subject))
        self.assertEqual(len(arrived), 1, "the message did not arrive in bob's INBOX")
        time.sleep(1)  # a second copy would come right behind the first
        self.assertEqual(len(self.provider.wait_for_messages(BOB, 2, matching=subject_is(subject), timeout=0)), 1)
        self.assertIn(b"Hello.", arrived[0])

    def test_plain_submission_with_login(self):
        self.send_and_receive(None)

    def test_starttls_submission(self):
        self.send_and_receive("starttls")

    def test_implicit_tls_submission(self):
        self.send_and_receive("implicit")

    def test_login_mechanism_login(self):
        subject = "auth login %s" % uuid.uuid4().hex
        with self.provider.smtp(tls="starttls") as client:
            client.ehlo()
            client.user, client.password = ALICE, self.provider.users[ALICE]
            code, _ = client.auth("LOGIN", client.auth_login, initial_response_ok=False)
            self.assertEqual(code, 235)
            client.sendmail(ALICE, [BOB], message(ALICE, BOB, subject))
        self.assertEqual(len(self.provider.wait_for_messages(BOB, 1, matching=subject_is(subject))), 1)

    def test_a_large_message_arrives_whole(self):
        subject = "large %s" % uuid.uuid4().hex
        body = "".join("line %06d of a large message, to cross many reads and writes\r\n" % i
                       for i in range(40000))
        self.provider.send(ALICE, [ALICE, BOB], message(ALICE, BOB, subject, body), tls="implicit")
        for user in (ALICE, BOB):
            arrived = self.provider.wait_for_messages(user, 1, matching=subject_is(subject))
            self.assertEqual(len(arrived), 1, user)
            self.assertTrue(arrived[0].endswith(body.encode()), user)

    def test_tls_ports_show_the_provider_certificate(self):
        """Every TLS port verifies against certificate_file, whose SHA-256 is certificate_sha256."""
        seen = []
        with self.provider.smtp(tls="starttls") as client:
            seen.append(client.sock.getpeercert(binary_form=True))
        with self.provider.smtp(tls="implicit") as client:
            seen.append(client.sock.getpeercert(binary_form=True))
        for tls in ("starttls", "implicit"):
            client = self.provider.imap(BOB, tls=tls)
            seen.append(client.sock.getpeercert(binary_form=True))
            client.logout()
        for der in seen:
            self.assertEqual(hashlib.sha256(der).hexdigest(), self.provider.certificate_sha256)

    def test_login_is_required_and_checked(self):
        with self.provider.smtp() as client:
            with self.assertRaises(smtplib.SMTPSenderRefused) as refusal:
                client.sendmail(ALICE, [BOB], message(ALICE, BOB, "no login"))
            self.assertEqual(refusal.exception.smtp_code, 530)
        with self.provider.smtp() as client:
            with self.assertRaises(smtplib.SMTPAuthenticationError):
                client.login(ALICE, "not alice's password")
        client = imaplib.IMAP4("127.0.0.1", self.provider.imap_port, timeout=60)
        with self.assertRaises(imaplib.IMAP4.error):
            client.login(BOB, "not bob's password")
        client.logout()

    def test_unknown_recipients_are_refused_at_rcpt(self):
        with self.provider.smtp(ALICE) as client:
            client.mail(ALICE)
            for stranger in ("nobody@example.test", "someone@elsewhere.test"):
                code, _ = client.rcpt(stranger)
                self.assertEqual(code, 550, stranger)
            code, _ = client.rcpt(BOB)
            self.assertEqual(code, 250)
            client.rset()
        with self.provider.smtp(ALICE) as client:
            with self.assertRaises(smtplib.SMTPRecipientsRefused):
                client.sendmail(ALICE, ["nobody@example.test"], message(ALICE, "nobody@example.test", "lost"))

    def test_mail_lands_in_the_maildir(self):
        subject = "maildir %s" % uuid.uuid4().hex
        self.provider.send(ALICE, BOB, message(ALICE, BOB, subject))
        self.assertEqual(len(self.provider.wait_for_messages(BOB, 1, matching=subject_is(subject))), 1)
        files = []
        for folder in ("new", "cur"):
            path = os.path.join(self.provider.maildir(BOB), folder)
            files += [os.path.join(path, n) for n in os.listdir(path)]
        contents = []
        for f in files:
            with open(f, "rb") as opened:
                contents.append(opened.read())
        self.assertTrue(any(subject.encode() in c for c in contents))


class StopAndStart(unittest.TestCase):
    def setUp(self):
        self.provider = Provider().start()

    def tearDown(self):
        self.provider.close()

    def test_imap_goes_away_and_comes_back_with_the_mail(self):
        subject = "kept %s" % uuid.uuid4().hex
        self.provider.send(ALICE, BOB, message(ALICE, BOB, subject))
        self.assertEqual(len(self.provider.wait_for_messages(BOB, 1, matching=subject_is(subject))), 1)
        self.provider.stop_imap()
        self.assertTrue(refused(self.provider.imap_port))
        self.assertTrue(refused(self.provider.imaps_port))
        self.provider.start_imap()
        self.assertEqual(len(self.provider.wait_for_messages(BOB, 1, matching=subject_is(subject), timeout=0)), 1)

    def test_an_open_imap_session_ends_when_imap_stops(self):
        client = self.provider.imap(BOB)
        client.select("INBOX")
        self.provider.stop_imap()
        with self.assertRaises((imaplib.IMAP4.abort, OSError)):
            client.noop()
        client.shutdown()
        self.provider.start_imap()
        self.provider.imap(BOB).logout()

    def test_mail_sent_while_imap_is_away_arrives_after_it_comes_back(self):
        subject = "queued %s" % uuid.uuid4().hex
        self.provider.stop_imap()
        self.provider.send(ALICE, BOB, message(ALICE, BOB, subject))
        time.sleep(1)
        self.provider.start_imap()
        arrived = self.provider.wait_for_messages(BOB, 1, matching=subject_is(subject))
        self.assertEqual(len(arrived), 1)

    def test_smtp_goes_away_and_comes_back(self):
        self.provider.stop_smtp()
        for port in (self.provider.smtp_port, self.provider.smtps_port, self.provider.mx_port):
            self.assertTrue(refused(port), port)
        with self.assertRaises(ConnectionRefusedError):
            self.provider.send(ALICE, BOB, message(ALICE, BOB, "not now"))
        self.provider.start_smtp()
        subject = "after restart %s" % uuid.uuid4().hex
        for tls in (None, "starttls", "implicit"):
            self.provider.send(ALICE, BOB, message(ALICE, BOB, subject), tls=tls)
        self.assertEqual(len(self.provider.wait_for_messages(BOB, 3, matching=subject_is(subject))), 3)


class NothingLeftBehind(unittest.TestCase):
    def check_gone(self, provider, processes, folder):
        self.assertTrue(wait_until(lambda: not running(processes)), "left running: %s" % running(processes))
        self.assertTrue(wait_until(lambda: not os.path.exists(folder)), folder + " is still there")
        for port in (provider.imap_port, provider.imaps_port, provider.smtp_port, provider.smtps_port,
                     provider.mx_port):
            self.assertTrue(refused(port), port)

    def started(self):
        provider = Provider().start()
        provider.send(ALICE, BOB, message(ALICE, BOB, "leftovers"))
        provider.wait_for_messages(BOB, 1)
        processes = [provider.pid()] + descendants(provider.pid())
        self.assertGreater(len(processes), 3)  # the program, Dovecot's and OpenSMTPD's processes
        return provider, processes, provider.folder

    def test_quit(self):
        provider, processes, folder = self.started()
        self.assertEqual(provider.close(), 0)
        self.check_gone(provider, processes, folder)

    def test_sigterm(self):
        provider, processes, folder = self.started()
        provider.process.send_signal(signal.SIGTERM)
        provider.process.wait(60)
        self.check_gone(provider, processes, folder)
        provider.close()

    def test_parent_dies(self):
        """A test killed outright takes its provider with it."""
        script = ("import json, sys, time\n"
                  "from provider_fixture import Provider\n"
                  "p = Provider().start()\n"
                  "print(json.dumps(dict(p.info, pid=p.pid())), flush=True)\n"
                  "time.sleep(600)\n")
        parent = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE,
                                  cwd=os.path.dirname(os.path.abspath(__file__)))
        info = json.loads(parent.stdout.readline())
        provider = Provider()
        provider.info = info
        processes = [info["pid"]] + descendants(info["pid"])
        parent.kill()
        parent.wait()
        parent.stdout.close()
        self.check_gone(provider, processes, info["folder"])


class CrashedRun(unittest.TestCase):
    def test_a_crashed_runs_queue_does_not_reach_the_next(self):
        """Mail still queued when a provider is killed outright is not delivered by the next one."""
        crashed = Provider().start()
        folder = crashed.folder
        processes = [crashed.pid()] + descendants(crashed.pid())
        try:
            crashed.stop_imap()  # so the mail waits in OpenSMTPD's queue
            crashed.send(ALICE, BOB, message(ALICE, BOB, "from a crashed run"))
            crashed.process.kill()
            crashed.close()
            self.assertTrue(wait_until(lambda: not running(processes)), "left running: %s" % running(processes))
        finally:
            shutil.rmtree(folder, ignore_errors=True)  # what a crash leaves: the test cleans up for it
        with Provider() as fresh:
            subject = "fresh %s" % uuid.uuid4().hex
            fresh.send(ALICE, BOB, message(ALICE, BOB, subject))
            self.assertEqual(len(fresh.wait_for_messages(BOB, 1, matching=subject_is(subject))), 1)
            time.sleep(2)
            self.assertEqual([m for m in fresh.messages(BOB) if b"from a crashed run" in m], [])


if __name__ == "__main__":
    unittest.main()
