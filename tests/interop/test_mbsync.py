"""mbsync (isync 1.4) mirroring the bridge into a Maildir and back, as users of
mutt, aerc or notmuch set it up: every mailbox and message arrives unchanged,
flags and deletions made in the Maildir reach the store, and a sync with
nothing to do changes nothing. Runs STARTTLS and implicit TLS, each time
trusting only the bridge's own certificate."""

import collections
import glob
import json
import os
import shutil
import subprocess
import tempfile
import unittest

from bridge_fixture import CORPUS, Bridge, corpus_messages, without_cachet_fields

MBSYNC = os.environ.get("MBSYNC", "mbsync")
NESTED = "Lists/Autocrypt"  # a mailbox below another: SubFolders Verbatim makes Lists/Autocrypt/
# mbsync waits a second when a Maildir changed within the current second (its clock is in
# seconds); it says so, and that is no change.
SLEEP_NOTICE = "Maildir notice: sleeping due to recent directory modification.\n"
MAILDIR_FLAGS = {"D": "\\Draft", "F": "\\Flagged", "R": "\\Answered", "S": "\\Seen", "T": "\\Deleted"}


def lf(data):
    return data.replace(b"\r\n", b"\n")


def has_header_end(data):
    """mbsync skips a message whose header never ends (it warns "incomplete header")."""
    return b"\n\n" in lf(data)


def expected_sources():
    """Mailbox name -> Counter of the LF-normalised corpus messages mbsync can copy."""
    out = {"INBOX": collections.Counter(), NESTED: collections.Counter()}
    for path, raw in corpus_messages():
        if has_header_end(raw):
            out["INBOX" if "/deltachat/" in path else NESTED][lf(raw)] += 1
    return out


def without_tuid(data):
    """mbsync adds one line "X-TUID: <12 chars>" as the last header line of each message it
    copies (to find it again after storing it); that line is its only change. The
    X-Cachet-* fields of an OpenPGP message are the bridge's, not the source's."""
    header, sep, body = without_cachet_fields(lf(data)).partition(b"\n\n")
    lines = header.split(b"\n")
    if lines and lines[-1].startswith(b"X-TUID: "):
        lines.pop()
    return b"\n".join(lines) + sep + body


class MbsyncMirror(unittest.TestCase):
    def setUp(self):
        self.bridge = Bridge([CORPUS + "/deltachat/message"])
        self.addCleanup(self.bridge.close)
        self.bridge.run("import", *sorted(glob.glob(CORPUS + "/autocrypt/*.eml")), "--mailbox", NESTED)
        self.bridge.start()
        self.dir = tempfile.mkdtemp(prefix="cachet-mbsync-")
        self.addCleanup(shutil.rmtree, self.dir, ignore_errors=True)
        self.mail = os.path.join(self.dir, "mail")
        os.mkdir(self.mail)
        self.names = [b["name"] for b in json.loads(self.bridge.run("mailboxes", "--json").stdout)]

    def write_config(self, port, ssl_type):
        """An mbsyncrc as the isync manual describes it. It holds the bridge password: 0600,
        inside the temporary folder, never printed."""
        path = os.path.join(self.dir, "mbsyncrc")
        text = """\
IMAPAccount bridge
Host 127.0.0.1
Port %(port)d
User "%(user)s"
Pass "%(password)s"
SSLType %(ssl_type)s
CertificateFile "%(cert)s"

IMAPStore bridge-far
Account bridge

MaildirStore local-near
Path %(mail)s/
Inbox %(mail)s/INBOX
SubFolders Verbatim

Channel bridge
Far :bridge-far:
Near :local-near:
Patterns *
Create Near
Expunge Both
Sync All
SyncState *
""" % dict(port=port, user=self.bridge.user, password=self.bridge.password, ssl_type=ssl_type,
           cert=self.bridge.certificate_file(), mail=self.mail)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as f:
            f.write(text)
        return path

    def mbsync(self, rc):
        # HOME in the temporary folder: nothing of the user's own isync setup is read or written.
        result = subprocess.run([MBSYNC, "-c", rc, "-a"], capture_output=True, timeout=600,
                                env=dict(os.environ, HOME=self.dir))
        output = (result.stdout + result.stderr).decode(errors="replace")
        self.assertEqual(result.returncode, 0, output)
        self.assertNotIn("Error", output)
        return output.replace(SLEEP_NOTICE, "")

    def folder(self, name):
        return os.path.join(self.mail, *name.split("/"))

    def maildir(self, name):
        """Maildir file name -> (path, content without mbsync's X-TUID) of one mailbox."""
        out = {}
        for sub in ("new", "cur"):
            directory = os.path.join(self.folder(name), sub)
            for n in os.listdir(directory):
                with open(os.path.join(directory, n), "rb") as f:
                    out[n] = (os.path.join(directory, n), without_tuid(f.read()))
        return out

    def maildir_flags(self, name):
        """Content -> IMAP flags, as the Maildir file names say."""
        out = {}
        for n, (_path, content) in self.maildir(name).items():
            info = n.partition(":2,")[2]
            self.assertNotIn(content, out, "the same message twice in " + name)
            out[content] = {MAILDIR_FLAGS[c] for c in info if c in MAILDIR_FLAGS}
        return out

    def store_flags(self, name):
        """Content -> flags, as `cachet-cli list --json` and `show --raw` tell from the store."""
        out = {}
        for row in json.loads(self.bridge.run("list", "--mailbox", name, "--json").stdout):
            raw = without_cachet_fields(lf(self.bridge.run("show", str(row["uid"]), "--mailbox", name, "--raw").stdout))
            self.assertNotIn(raw, out, "the same message twice in " + name)
            out[raw] = set(row["flags"].split())
        return out

    def assert_mirrored(self, output):
        """Every mailbox arrived, each message once and byte for byte (line ends aside)."""
        skipped = sum(1 for _p, raw in corpus_messages() if not has_header_end(raw))
        self.assertEqual(output.count("has incomplete header; skipping"), skipped, output)
        folders = {os.path.relpath(os.path.dirname(d), self.mail)
                   for d in glob.glob(os.path.join(self.mail, "**", "cur"), recursive=True)}
        self.assertEqual(folders, set(self.names))
        self.assertEqual(set(self.names), {"INBOX", "Lists", NESTED})
        for name, sources in expected_sources().items():
            got = collections.Counter(content for _p, content in self.maildir(name).values())
            self.assertEqual(sum(got.values()), sum(sources.values()), name)
            self.assertEqual(got, sources, "%s: messages differ from their sources" % name)
        self.assertEqual(self.maildir("Lists"), {})

    def test_starttls_mirror_then_flags_and_deletions_go_back(self):
        """The whole round trip a Maildir user relies on."""
        rc = self.write_config(self.bridge.imap_port, "STARTTLS")
        self.assert_mirrored(self.mbsync(rc))

        # Read, flag and delete in the Maildir, as a mail program on it would.
        inbox = sorted(self.maildir("INBOX").items())
        changes = {"S": inbox[0], "F": inbox[1], "FS": inbox[2], "T": inbox[3]}
        wanted = {}
        for letters, (name, (path, content)) in changes.items():
            base, _sep, info = name.partition(":2,")
            new = base + ":2," + "".join(sorted(set(info) | set(letters)))
            os.rename(path, os.path.join(self.folder("INBOX"), "cur", new))
            wanted[content] = {MAILDIR_FLAGS[c] for c in new.partition(":2,")[2]}
        trashed = changes["T"][1][1]
        name, (path, removed) = sorted(self.maildir(NESTED).items())[0]
        os.remove(path)  # a file removed from the Maildir is a deleted message to mbsync

        self.mbsync(rc)
        inbox_after = self.maildir_flags("INBOX")
        self.assertNotIn(trashed, inbox_after)  # Expunge Both: gone from the Maildir as well
        for content, flags in wanted.items():
            if content != trashed:
                self.assertEqual(inbox_after[content], flags)
        self.assertEqual(len(inbox_after), len(inbox) - 1)

        # Nothing left to do: a third run is silent and touches no file.
        before = {n: sorted(self.maildir(n)) for n in self.names}
        self.assertEqual(self.mbsync(rc), "")
        self.assertEqual({n: sorted(self.maildir(n)) for n in self.names}, before)

        # What the store holds once the bridge is gone: exactly what the Maildir shows.
        self.assertEqual(self.bridge.stop(), 0)
        unsyncable = {lf(raw) for _p, raw in corpus_messages() if not has_header_end(raw)}
        inbox_store = self.store_flags("INBOX")
        self.assertNotIn(trashed, inbox_store, "the message deleted in the Maildir is still in the store")
        for content, flags in wanted.items():
            if content != trashed:
                self.assertEqual(inbox_store.get(content), flags)
        self.assertTrue(unsyncable <= set(inbox_store))  # mbsync skipped them; they stay
        for content in unsyncable:
            del inbox_store[content]
        self.assertEqual(inbox_store, inbox_after)
        self.assertFalse(any("\\Deleted" in f for f in inbox_store.values()))

        nested_store = self.store_flags(NESTED)
        self.assertNotIn(removed, nested_store, "the message removed from the Maildir is still in the store")
        self.assertEqual(nested_store, self.maildir_flags(NESTED))
        self.assertEqual(len(nested_store), sum(expected_sources()[NESTED].values()) - 1)

    def test_implicit_tls_mirror(self):
        """The same mirror over the port that is TLS from the first byte."""
        rc = self.write_config(self.bridge.imaps_port, "IMAPS")
        self.assert_mirrored(self.mbsync(rc))
        self.assertEqual(self.mbsync(rc), "")


if __name__ == "__main__":
    unittest.main()
