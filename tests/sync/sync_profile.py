"""What the sync tests share: a Cachet profile (a temporary folder driven
through cachet-cli, with an account at the test provider and, on demand, its
bridge, tests/interop/bridge_fixture.py's, so both suites start it the same
way), and a view of what the provider holds, read with imaplib."""

import glob
import imaplib
import json
import os
import re
import shutil
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "interop"))
from bridge_fixture import Bridge  # noqa: E402

CLI = os.environ["CACHET_CLI"]
ALICE = "alice@example.test"


class Profile(Bridge):
    def __init__(self, provider, password):
        super().__init__()
        self.env["CACHET_ACCOUNT_PASSWORD"] = password
        self.provider = provider

    def run(self, *args, check=True):
        result = super().run(*args, check=False)
        if check and result.returncode != 0:
            raise AssertionError("cachet-cli %s failed (%d): %s" % (" ".join(args), result.returncode,
                                                                  result.stderr.decode(errors="replace")))
        return result

    def add_account(self, security="plain", pin=None, imap_port=None, smtp_port=None, sent_copy=None, address=ALICE,
                    own_key=True):
        port = self.provider.imap_port if security != "tls" else self.provider.imaps_port
        port = imap_port or port
        default_smtp_port = self.provider.smtp_port if security != "tls" else self.provider.smtps_port
        smtp_port = smtp_port or default_smtp_port
        args = ["account", "add", "--address", address, "--imap", "127.0.0.1:%d" % port, "--imap-security", security,
                "--smtp", "127.0.0.1:%d" % smtp_port, "--smtp-security", security]
        if pin:
            args += ["--pin", pin]
        if sent_copy is not None:
            args += ["--sent-copy", "yes" if sent_copy else "no"]
        if not own_key:
            args += ["--no-key"]
        return self.run(*args, check=False)

    def sync(self):
        """`sync --once`; its summary line."""
        return self.run("sync", "--once").stdout.decode()

    def exported(self, mailbox="INBOX"):
        """The mailbox's messages as the store keeps them, sorted."""
        out = tempfile.mkdtemp(prefix="cachet-sync-export-")
        try:
            self.run("export", "--mailbox", mailbox, "--maildir", os.path.join(out, "m"))
            found = []
            for path in glob.glob(os.path.join(out, "m", "*", "*")):
                with open(path, "rb") as f:
                    found.append(f.read())
            return sorted(found)
        finally:
            shutil.rmtree(out, ignore_errors=True)

    def flags(self, mailbox="INBOX"):
        """Message-ID -> flags (system flags and keywords), from the store."""
        rows = json.loads(self.run("list", "--mailbox", mailbox, "--json", "--limit", "1000000").stdout)
        return {r["message_id"]: set(r["flags"].split()) | set(r["keywords"].split()) for r in rows}

    def message_ids(self, mailbox="INBOX"):
        """Every Message-ID in the mailbox, repeats kept, sorted."""
        rows = json.loads(self.run("list", "--mailbox", mailbox, "--json", "--limit", "1000000").stdout)
        return sorted(r["message_id"] for r in rows)

    def mailboxes(self):
        """Mailbox name -> message count, from the store (not the parents that hold no mail)."""
        rows = json.loads(self.run("mailboxes", "--json").stdout)
        return {r["name"]: r["messages"] for r in rows if not r["noselect"]}

    def bridge_imap(self):
        """An imaplib client logged in to this profile's running bridge."""
        client = imaplib.IMAP4("127.0.0.1", self.imap_port, timeout=60)
        client.login(self.user, self.password)
        return client


def message_id(subject):
    return "%s@example.test" % subject.replace(" ", ".")


class ProviderView:
    """What the provider holds, read with imaplib."""

    def __init__(self, provider):
        self.provider = provider

    def mailboxes(self):
        client = self.provider.imap(ALICE)
        try:
            _, rows = client.list()
            names = set()
            for row in rows:
                m = re.match(rb'\(([^)]*)\) (?:"(.)"|NIL) (.*)', row)
                if b"\\Noselect" in m.group(1) or b"\\NonExistent" in m.group(1):
                    continue
                name = m.group(3).decode()
                if name.startswith('"'):
                    name = name[1:-1]
                names.add(name)
            return names
        finally:
            client.logout()

    def flags(self, mailbox):
        """Message-ID -> flags, repeats counted in message_ids()."""
        return {mid: flags for mid, flags in self._rows(mailbox)}

    def message_ids(self, mailbox):
        return sorted(mid for mid, _ in self._rows(mailbox))

    def _rows(self, mailbox):
        client = self.provider.imap(ALICE)
        try:
            status, _ = client.select('"%s"' % mailbox, readonly=True)
            if status != "OK":
                return []
            _, data = client.uid("FETCH", "1:*", "(FLAGS BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)])")
            rows = []
            for part in data:
                if not isinstance(part, tuple):
                    continue
                flags = set(re.search(rb"FLAGS \(([^)]*)\)", part[0]).group(1).decode().split()) - {"\\Recent"}
                mid = re.search(rb"<([^>]*)>", part[1]).group(1).decode()
                rows.append((mid, flags))
            return rows
        finally:
            client.logout()

    def uid_validity(self, mailbox):
        client = self.provider.imap(ALICE)
        try:
            _, data = client.status('"%s"' % mailbox, "(UIDVALIDITY)")
            return int(re.search(rb"UIDVALIDITY (\d+)", data[0]).group(1))
        finally:
            client.logout()
