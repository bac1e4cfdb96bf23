#!/usr/bin/env python3
"""Cachet's full demo, on this machine only (installers/demo.sh runs it).

1. Starts the test provider on loopback (tests/provider: a real Dovecot and
   OpenSMTPD with users sam@example.test and bob@example.test).
2. Puts the project's own demo mail (make_mail.py, demo profile) into Sam's
   mailboxes there: INBOX, Sent, Archive and a mailing-list folder.
3. Makes a demo profile with Sam's account on that provider (certificate
   pinned, own OpenPGP key made) with cachet-cli.
4. Starts the desktop app on it; without a display, the daemon (sync and
   bridge), printing how a mail program connects to the bridge.
Everything stops, and the provider's folder is removed, when the app or the
daemon ends (Ctrl-C).
"""

import argparse
import imaplib
import os
import shutil
import signal
import ssl
import subprocess
import sys
import tempfile
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "tests", "sync"))
os.environ.setdefault("CACHET_TEST_PROVIDER", os.path.join(ROOT, "build", "tests", "cachet-test-provider"))
from provider_fixture import Provider  # noqa: E402

SAM = "sam@example.test"
BOB = "bob@example.test"
PASSWORDS = {SAM: "sam's demo password", BOB: "bob's demo password"}
# For the demo only: the passphrase of a profile of made-up mail.
DEMO_PASSPHRASE = "demo passphrase"

MAILDIR_FLAGS = {"S": "\\Seen", "F": "\\Flagged", "R": "\\Answered", "D": "\\Draft", "T": "\\Deleted"}


def maildir_folders(root):
    """(mailbox name, folder) pairs of a Maildir++ tree: the root is INBOX, ".A.B" is A/B."""
    yield "INBOX", root
    for name in sorted(os.listdir(root)):
        if name.startswith(".") and os.path.isdir(os.path.join(root, name, "cur")):
            yield name[1:].replace(".", "/"), os.path.join(root, name)


def checked(response, what):
    typ, data = response
    if typ != "OK":
        sys.exit("the test provider refused %s: %s" % (what, data))
    return data


def seed(provider, maildir):
    imap = imaplib.IMAP4("127.0.0.1", provider.info["imap_port"])
    imap.login(SAM, PASSWORDS[SAM])
    # The provider's hierarchy delimiter, from LIST "" "": (\Noselect) "." ""
    delimiter = checked(imap.list('""', '""'), "LIST")[0].decode().split('"')[1]
    count = 0
    for name, folder in maildir_folders(maildir):
        mailbox = name.replace("/", delimiter)
        if mailbox != "INBOX":
            checked(imap.create('"%s"' % mailbox), "CREATE " + mailbox)
            checked(imap.subscribe('"%s"' % mailbox), "SUBSCRIBE " + mailbox)
        for sub in ("cur", "new"):
            for name in sorted(os.listdir(os.path.join(folder, sub))):
                info = name.split(":2,", 1)[1] if ":2," in name else ""
                flags = " ".join(MAILDIR_FLAGS[c] for c in info if c in MAILDIR_FLAGS)
                with open(os.path.join(folder, sub, name), "rb") as fh:
                    data = fh.read()
                stamp = imaplib.Time2Internaldate(os.path.getmtime(os.path.join(folder, sub, name)))
                checked(imap.append('"%s"' % mailbox, "(%s)" % flags, stamp, data), "APPEND to " + mailbox)
                count += 1
    imap.logout()
    return count


def cli(profile, *args, password=None):
    env = dict(os.environ, CACHET_PASSPHRASE=DEMO_PASSPHRASE)
    argv = [os.path.join(ROOT, "build", "app", "cachet-cli"), "--profile", profile] + list(args)
    if password is None:
        return subprocess.run(argv, env=env, check=True)
    read, write = os.pipe()
    os.write(write, password.encode())
    os.close(write)
    try:
        return subprocess.run(argv + ["--password-fd", str(read)], env=env, check=True, pass_fds=(read,))
    finally:
        os.close(read)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--profile", default=os.path.join(
        os.environ.get("XDG_DATA_HOME", os.path.expanduser("~/.local/share")), "cachet", "demo"))
    ap.add_argument("--no-gui", action="store_true", help="run the daemon even when there is a display")
    args = ap.parse_args()

    if os.path.exists(os.path.join(args.profile, "profile.json")):
        print("Replacing the earlier demo profile at %s" % args.profile)
        shutil.rmtree(args.profile)

    with Provider(users=PASSWORDS) as provider:
        info = provider.info
        print("Test provider on loopback: IMAP %d (TLS %d), SMTP %d (TLS %d)"
              % (info["imap_port"], info["imaps_port"], info["smtp_port"], info["smtps_port"]))
        mail = tempfile.mkdtemp(prefix="cachet-demo-mail-")
        try:
            subprocess.run([sys.executable, os.path.join(ROOT, "resources", "demo", "make_mail.py"),
                            "--maildir", os.path.join(mail, "Maildir"), "--profile", "demo", "--seed", "1"],
                           check=True, stdout=subprocess.DEVNULL)
            print("Demo mail put at the provider: %d messages" % seed(provider, os.path.join(mail, "Maildir")))
        finally:
            shutil.rmtree(mail, ignore_errors=True)  # the generated copy goes at once

        cli(args.profile, "init", "--kdf", "interactive")
        cli(args.profile, "account", "add", "--address", SAM, "--name", "Sam Example",
            "--imap", "127.0.0.1:%d" % info["imaps_port"], "--imap-security", "tls",
            "--smtp", "127.0.0.1:%d" % info["smtps_port"], "--smtp-security", "tls",
            "--pin", info["certificate_sha256"], password=PASSWORDS[SAM])

        has_display = bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
        if has_display and not args.no_gui:
            print()
            print("Starting the desktop app. The demo profile's passphrase is: %s" % DEMO_PASSPHRASE)
            print("Write to %s to see encryption once Bob's key is known (import it under Tools > Keys)." % BOB)
            app = subprocess.Popen([os.path.join(ROOT, "build", "app", "cachet"), "--profile", args.profile])
            try:
                app.wait()
            except KeyboardInterrupt:
                app.terminate()
                app.wait()
            return 0

        print()
        print("No display: running the daemon (sync and bridge). Any mail program can use it:")
        cli(args.profile, "bridge", "--settings")
        print("Stop with Ctrl-C.")
        env = dict(os.environ, CACHET_PASSPHRASE=DEMO_PASSPHRASE)
        daemon = subprocess.Popen([os.path.join(ROOT, "build", "app", "cachet-cli"), "--profile", args.profile,
                                   "daemon", "--interval", "60"], env=env)
        try:
            daemon.wait()
        except KeyboardInterrupt:
            daemon.send_signal(signal.SIGTERM)
            daemon.wait()
    return 0


if __name__ == "__main__":
    sys.exit(main())
