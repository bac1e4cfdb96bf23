"""curl against the bridge, as shell scripts and cron jobs use it: list the
mailboxes, fetch a message by UID, search, and submit mail over SMTP, each over
STARTTLS and implicit TLS with the bridge's own certificate as the only trust
(--cacert, never --insecure). The bridge password goes to curl in a config file
(-K), so it is neither on a command line others can see nor in any output."""

import collections
import email
import email.policy
import json
import os
import re
import shutil
import subprocess
import tempfile
import unittest

from bridge_fixture import CORPUS, Bridge, corpus_messages, without_cachet_fields

CURL = os.environ.get("CURL", "curl")
OTHER = "Autocrypt"


def lf(data):
    return data.replace(b"\r\n", b"\n")


def listed_names(output):
    """Mailbox names of `* LIST (...) "/" NAME` lines."""
    names = set()
    for line in output.decode().splitlines():
        m = re.match(r'\* LIST \([^)]*\) (?:"[^"]*"|NIL) (.*)$', line)
        if m:
            names.add(m.group(1).strip('"'))
    return names


def search_hits(output):
    m = re.search(rb"^\* SEARCH([ 0-9]*)\r?$", output, re.M)
    return [int(n) for n in m.group(1).split()] if m else None


class CurlCase(unittest.TestCase):
    import_paths = ()

    def setUp(self):
        self.bridge = Bridge(self.import_paths)
        self.addCleanup(self.bridge.close)
        self.prepare()
        self.bridge.start()
        self.dir = tempfile.mkdtemp(prefix="cachet-curl-")
        self.addCleanup(shutil.rmtree, self.dir, ignore_errors=True)
        self.cert = self.bridge.certificate_file()
        self.credentials = self.config_file("credentials", self.bridge.user, self.bridge.password)

    def prepare(self):
        pass

    def config_file(self, name, user, password):
        path = os.path.join(self.dir, name)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as f:
            f.write('user = "%s:%s"\n' % (user, password))
        return path

    def curl(self, *args, credentials=None, verbose=False):
        """curl's exit code, output and error text. With verbose, the error text keeps only
        the server's lines ("< ..."): curl's own lines would carry the AUTH exchange."""
        command = [CURL, "--silent", "--show-error", "--cacert", self.cert,
                   "--config", credentials or self.credentials]
        if verbose:
            command.append("--verbose")
        result = subprocess.run(command + list(args), capture_output=True, timeout=300)
        err = result.stderr
        if verbose:
            err = b"\n".join(l for l in err.splitlines() if l.startswith((b"< ", b"curl: ")))
        return result.returncode, result.stdout, err.decode(errors="replace")

    def ok(self, *args):
        code, out, err = self.curl(*args)
        self.assertEqual(code, 0, err)
        return out


class CurlImap(CurlCase):
    import_paths = [CORPUS + "/deltachat/message"]

    def prepare(self):
        autocrypt = [os.path.join(CORPUS, "autocrypt", n)
                     for n in sorted(os.listdir(os.path.join(CORPUS, "autocrypt"))) if n.endswith(".eml")]
        self.bridge.run("import", *autocrypt, "--mailbox", OTHER)

    def imap(self, path=""):
        return ["imap://127.0.0.1:%d/%s" % (self.bridge.imap_port, path), "--ssl-reqd"]

    def test_lists_mailboxes_over_starttls_and_implicit_tls(self):
        """`curl imap://…/` is the quickest check that a setup works; every name on the certificate
        (127.0.0.1, localhost, ::1) must verify."""
        names = {b["name"] for b in json.loads(self.bridge.run("mailboxes", "--json").stdout)}
        self.assertEqual(names, {"INBOX", OTHER})
        for url in ["imap://127.0.0.1:%d/" % self.bridge.imap_port,
                    "imap://localhost:%d/" % self.bridge.imap_port,
                    "imaps://127.0.0.1:%d/" % self.bridge.imaps_port,
                    "imaps://localhost:%d/" % self.bridge.imaps_port,
                    "imaps://[::1]:%d/" % self.bridge.imaps_port]:
            with self.subTest(url=url):
                self.assertEqual(listed_names(self.ok(url, "--ssl-reqd")), names)

    def test_fetches_every_message_by_uid(self):
        """Each message fetched with ;UID=N is its source, with CRLF line ends; one curl run
        fetching them all reuses its connection."""
        uids = search_hits(self.ok(*self.imap("INBOX"), "-X", "UID SEARCH ALL"))
        listed = sorted(r["uid"] for r in json.loads(self.bridge.run("list", "--mailbox", "INBOX", "--json").stdout))
        self.assertEqual(sorted(uids), listed)

        args = []
        for uid in uids:
            args += [self.imap("INBOX;UID=%d" % uid)[0], "-o", os.path.join(self.dir, "%d.eml" % uid)]
        self.ok("--ssl-reqd", *args)
        served = {}
        for uid in uids:
            with open(os.path.join(self.dir, "%d.eml" % uid), "rb") as f:
                served[uid] = f.read()
            self.assertNotIn(b"\n", served[uid].replace(b"\r\n", b""), "bare LF in UID %d" % uid)
        sources = collections.Counter(lf(raw) for path, raw in corpus_messages() if "/deltachat/" in path)
        self.assertEqual(collections.Counter(without_cachet_fields(lf(d)) for d in served.values()), sources)

        # UID N is the message the store has as UID N, and a section of it is its header.
        uid = uids[len(uids) // 2]
        stored = self.bridge.run("show", str(uid), "--mailbox", "INBOX", "--raw").stdout
        self.assertEqual(lf(served[uid]), lf(stored))
        header = self.ok(*self.imap("INBOX;UID=%d/;SECTION=HEADER" % uid))
        self.assertEqual(lf(header), lf(stored).partition(b"\n\n")[0] + b"\n\n")

        # The other mailbox, over implicit TLS, and a UID that does not exist.
        other = json.loads(self.bridge.run("list", "--mailbox", OTHER, "--json").stdout)[0]["uid"]
        body = self.ok("imaps://127.0.0.1:%d/%s;UID=%d" % (self.bridge.imaps_port, OTHER, other))
        self.assertEqual(lf(body), lf(self.bridge.run("show", str(other), "--mailbox", OTHER, "--raw").stdout))
        code, _out, err = self.curl(*self.imap("INBOX;UID=%d" % (max(uids) + 1000)))
        self.assertEqual(code, 78, err)  # CURLE_REMOTE_FILE_NOT_FOUND

    def test_search_subject(self):
        """-X "SEARCH SUBJECT word" finds as many messages as have the word in their subject."""
        def subject(raw):
            return str(email.message_from_bytes(raw, policy=email.policy.default).get("Subject", "")).lower()
        inbox = [raw for path, raw in corpus_messages() if "/deltachat/" in path]
        for word, box, messages in [("filenames", "INBOX", inbox),
                                    ("Autocrypt", OTHER, [raw for p, raw in corpus_messages() if "/autocrypt/" in p]),
                                    ("no such subject anywhere", "INBOX", inbox)]:
            with self.subTest(word=word):
                expected = sum(1 for raw in messages if word.lower() in subject(raw))
                hits = search_hits(self.ok(*self.imap(box), "-X", 'SEARCH SUBJECT "%s"' % word))
                self.assertEqual(len(hits), expected)
        self.assertGreater(len(search_hits(self.ok(*self.imap("INBOX"), "-X", "SEARCH SUBJECT filenames"))), 0)

    def test_wrong_password(self):
        """A wrong password is a login failure (exit 67), and the bridge stays up for the right one."""
        wrong = self.config_file("wrong", self.bridge.user, "not-the-password")
        for args in [self.imap(), ["imaps://127.0.0.1:%d/" % self.bridge.imaps_port]]:
            code, _out, err = self.curl(*args, credentials=wrong)
            self.assertEqual(code, 67, err)  # CURLE_LOGIN_DENIED
            self.assertTrue(self.bridge.alive())
        self.assertIn("INBOX", listed_names(self.ok(*self.imap())))


class CurlSmtp(CurlCase):
    def message(self, subject, sender=None):
        path = os.path.join(self.dir, subject.replace(" ", "-") + ".eml")
        with open(path, "wb") as f:
            f.write(("From: %s\r\nTo: someone@example.org\r\nSubject: %s\r\n\r\nsent by curl\r\n"
                     % (sender or self.bridge.user, subject)).encode())
        return path

    def send(self, url, path, sender=None, credentials=None, verbose=False):
        args = [url, "--mail-from", sender or self.bridge.user, "--mail-rcpt", "someone@example.org",
                "--upload-file", path]
        if url.startswith("smtp:"):
            args.append("--ssl-reqd")
        return self.curl(*args, credentials=credentials, verbose=verbose)

    def stored_messages(self):
        """Messages the store keeps, and how many `gc` finds no one refers to. A message in the
        outbox is in no mailbox, so `check` counts it and `gc` keeps it only for the outbox."""
        check = self.bridge.run("check").stdout.decode()
        total = int(re.search(r"store is consistent: (\d+) messages", check).group(1))
        gc = self.bridge.run("gc").stdout.decode()
        removed = int(re.search(r"removed (\d+) messages", gc).group(1))
        return total, removed

    def test_submission_over_starttls_and_implicit_tls(self):
        """Mail sent with curl is accepted (250 after it is committed) and kept for sending."""
        smtp = "smtp://127.0.0.1:%d" % self.bridge.smtp_port
        smtps = "smtps://127.0.0.1:%d" % self.bridge.smtps_port
        for url, subject in [(smtp, "over starttls"), (smtps, "over implicit tls"),
                             ("smtps://localhost:%d" % self.bridge.smtps_port, "to localhost")]:
            with self.subTest(url=url):
                code, _out, err = self.send(url, self.message(subject))
                self.assertEqual(code, 0, err)
        self.assertEqual(self.bridge.stop(), 0)
        in_mailboxes = sum(b["messages"] for b in json.loads(self.bridge.run("mailboxes", "--json").stdout))
        self.assertEqual(in_mailboxes, 0)
        self.assertEqual(self.stored_messages(), (3, 0))

    def test_foreign_sender_is_refused(self):
        """MAIL FROM an address that is not the profile's: 553, curl exit 55, nothing kept."""
        path = self.message("forged", sender="mallory@example.org")
        code, _out, err = self.send("smtp://127.0.0.1:%d" % self.bridge.smtp_port, path,
                                    sender="mallory@example.org", verbose=True)
        self.assertEqual(code, 55, err)  # CURLE_SEND_ERROR: "MAIL failed: 553"
        self.assertRegex(err, r"(?m)^< 553 5\.7\.1 .*not an address of this profile.*%s" % re.escape(self.bridge.user))
        self.assertTrue(self.bridge.alive())
        self.assertEqual(self.bridge.stop(), 0)
        self.assertEqual(self.stored_messages(), (0, 0))

    def test_wrong_password(self):
        """A wrong SMTP password is a login failure (exit 67); the bridge still takes mail after."""
        wrong = self.config_file("wrong", self.bridge.user, "not-the-password")
        for url in ["smtp://127.0.0.1:%d" % self.bridge.smtp_port, "smtps://127.0.0.1:%d" % self.bridge.smtps_port]:
            code, _out, err = self.send(url, self.message("wrong password"), credentials=wrong)
            self.assertEqual(code, 67, err)  # CURLE_LOGIN_DENIED
            self.assertTrue(self.bridge.alive())
        code, _out, err = self.send("smtp://127.0.0.1:%d" % self.bridge.smtp_port, self.message("right password"))
        self.assertEqual(code, 0, err)
        self.assertEqual(self.bridge.stop(), 0)
        self.assertEqual(self.stored_messages(), (1, 0))


if __name__ == "__main__":
    unittest.main()
