"""A Cachet profile for the sync tests: a temporary folder driven through
cachet-cli, with an account at the test provider and, on demand, its bridge
(tests/interop/bridge_fixture.py's, so both suites start it the same way)."""

import glob
import imaplib
import json
import os
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

    def add_account(self, security="plain", pin=None):
        port = self.provider.imap_port if security != "tls" else self.provider.imaps_port
        smtp_port = self.provider.smtp_port if security != "tls" else self.provider.smtps_port
        args = ["account", "add", "--address", ALICE, "--imap", "127.0.0.1:%d" % port, "--imap-security", security,
                "--smtp", "127.0.0.1:%d" % smtp_port, "--smtp-security", security]
        if pin:
            args += ["--pin", pin]
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
