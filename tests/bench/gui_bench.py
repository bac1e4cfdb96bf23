#!/usr/bin/env python3
"""Desktop window benchmark: a 100,000-message INBOX in Cachet's window against
Dovecot serving the same mail, as a mail client's first screen needs it.

Builds, in a temporary folder: demo mail (resources/demo/make_mail.py, demo
profile) as one mbox, imported by cachet-cli into INBOX of a profile with the
default key derivation, and the corpus (../shared/corpus/deltachat/message)
into a folder named Corpus. Then, in this one process tree:
  1. cachet-gui-bench (offscreen): unlock -> first painted message list;
     paging through the whole INBOX, then memory; opening the largest corpus
     message (read, rendered, painted).
  2. the peer, Dovecot (the test provider) with the same messages in a Maildir:
     LOGIN, SELECT INBOX and UID FETCH of the newest 50 (ENVELOPE FLAGS
     RFC822.SIZE), what Thunderbird asks for a first screen, warm (a first
     SELECT builds Dovecot's index, timed apart); FETCH BODY[] of the same
     largest message.
Prints both side by side with ratios. Not part of the test run: it takes
minutes. See README.md beside it.
"""

import argparse
import email.utils
import imaplib
import json
import mailbox
import os
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "tests", "sync"))
os.environ.setdefault("CACHET_TEST_PROVIDER", os.path.join(ROOT, "build", "tests", "cachet-test-provider"))
from provider_fixture import Provider  # noqa: E402

USER = "sam@example.test"
PASSWORD = "bench password"
PASSPHRASE = "bench passphrase"


def run(argv, env=None):
    proc = subprocess.run(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if proc.returncode != 0:
        sys.exit("%s failed (%d): %s" % (argv[0], proc.returncode, proc.stderr.decode(errors="replace")[-2000:]))
    return proc.stdout


def best(samples):
    return min(samples)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--count", type=int, default=100_000)
    ap.add_argument("--kdf", default="moderate", help="the profile's key derivation cost (the app's default)")
    ap.add_argument("--runs", type=int, default=3, help="runs of each measurement; the best is shown")
    ap.add_argument("--workdir", help="keep everything here instead of a temporary folder")
    args = ap.parse_args()
    cli = os.path.join(ROOT, "build", "app", "cachet-cli")
    bench = os.path.join(ROOT, "build", "tests", "cachet-gui-bench")
    for program in (cli, bench):
        if not os.access(program, os.X_OK):
            sys.exit("no %s: build first (bash installers/build.sh)" % program)
    corpus = os.path.join(ROOT, "..", "shared", "corpus", "deltachat", "message")
    if not os.path.isdir(corpus):
        sys.exit("the corpus is needed (../shared/corpus)")

    work = args.workdir or tempfile.mkdtemp(prefix="cachet-gui-bench-")
    os.makedirs(work, exist_ok=True)
    try:
        mbox = os.path.join(work, "inbox.mbox")
        if not os.path.exists(mbox):
            print("generating %d messages ..." % args.count, flush=True)
            run([sys.executable, os.path.join(ROOT, "resources", "demo", "make_mail.py"), "--mbox", mbox,
                 "--profile", "demo", "--count", str(args.count), "--seed", "1"])
        profile = os.path.join(work, "profile")
        env = dict(os.environ, CACHET_PASSPHRASE=PASSPHRASE)
        if not os.path.exists(os.path.join(profile, "profile.json")):
            print("importing into a Cachet profile ...", flush=True)
            run([cli, "--profile", profile, "init", "--kdf", args.kdf], env=env)
            run([cli, "--profile", profile, "import", mbox, "--mailbox", "INBOX"], env=env)
            run([cli, "--profile", profile, "import", corpus, "--mailbox", "Corpus"], env=env)

        cachet = []
        for i in range(args.runs):
            out = run([bench, profile, PASSPHRASE], env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
            cachet.append(json.loads(out.decode().strip().splitlines()[-1]))
            print("cachet run %d: %s" % (i + 1, cachet[-1]), flush=True)

        # The largest corpus message, as Cachet's bench opened it.
        largest_path = max((os.path.join(corpus, f) for f in os.listdir(corpus)), key=os.path.getsize)
        with open(largest_path, "rb") as fh:
            largest = fh.read()

        with Provider(users={USER: PASSWORD}, smtp=False) as provider:
            imap = imaplib.IMAP4("127.0.0.1", provider.imap_port)
            imap.login(USER, PASSWORD)
            imap.create("Corpus")
            imap.append("Corpus", None, None, largest)
            imap.logout()
            # The same messages in the user's Maildir, owned as Dovecot's own files are.
            user_dir = provider.maildir(USER)
            owner = os.stat(user_dir)
            print("writing the Maildir for Dovecot ...", flush=True)
            target = mailbox.Maildir(user_dir, create=False)
            for message in mailbox.mbox(mbox):
                target.add(mailbox.MaildirMessage(message))
            for d, _, files in os.walk(user_dir):
                os.chown(d, owner.st_uid, owner.st_gid)
                for f in files:
                    os.chown(os.path.join(d, f), owner.st_uid, owner.st_gid)

            def first_screen():
                start = time.monotonic()
                c = imaplib.IMAP4("127.0.0.1", provider.imap_port)
                c.login(USER, PASSWORD)
                typ, data = c.select("INBOX")
                total = int(data[0])
                c.fetch("%d:%d" % (max(1, total - 49), total), "(UID ENVELOPE FLAGS RFC822.SIZE)")
                seconds = time.monotonic() - start
                c.logout()
                return seconds, total

            index_build, total = first_screen()
            dovecot_first = best([first_screen()[0] for _ in range(args.runs)])

            def open_largest():
                c = imaplib.IMAP4("127.0.0.1", provider.imap_port)
                c.login(USER, PASSWORD)
                c.select("Corpus")
                start = time.monotonic()
                c.fetch("1", "(BODY.PEEK[])")
                seconds = time.monotonic() - start
                c.logout()
                return seconds

            dovecot_open = best([open_largest() for _ in range(args.runs)])

        c_unlock = best([r["unlock_s"] for r in cachet])
        c_first = best([r["first_paint_s"] for r in cachet])
        c_after_unlock = best([r["first_paint_s"] - r["unlock_s"] for r in cachet])
        c_scroll = best([r["scroll_s"] for r in cachet])
        c_rss = max(r["rss_after_scroll_mb"] for r in cachet)
        c_peak = max(r["peak_rss_mb"] for r in cachet)
        c_open = best([r["open_largest_s"] for r in cachet])
        print()
        print("%d messages in INBOX (Cachet %d, Dovecot %d); best of %d runs; largest corpus message %s (%d bytes)"
              % (args.count, cachet[0]["inbox_messages"], total, args.runs, os.path.basename(largest_path), len(largest)))
        print("%-52s %10s %10s %7s" % ("", "Cachet", "Dovecot", "ratio"))
        print("%-52s %9.2fs %10s" % ("unlock (Argon2id, %s)" % args.kdf, c_unlock, "-"))
        print("%-52s %9.2fs %9.2fs %7.2f" % ("first screen of the INBOX (after unlock)", c_after_unlock, dovecot_first,
                                             c_after_unlock / dovecot_first))
        print("%-52s %9.2fs %10s" % ("unlock -> first painted message list", c_first, "-"))
        print("%-52s %10s %9.2fs" % ("Dovecot's first SELECT (index build)", "-", index_build))
        print("%-52s %9.2fs %10s" % ("paging through all of INBOX", c_scroll, "-"))
        print("%-52s %8.0fMB %10s" % ("memory after paging through (VmRSS)", c_rss, "-"))
        print("%-52s %8.0fMB %10s" % ("peak memory (VmHWM)", c_peak, "-"))
        print("%-52s %9.3fs %9.3fs %7.2f" % ("open the largest message (Cachet: read, render, paint;"
                                             " Dovecot: FETCH BODY[])", c_open, dovecot_open, c_open / dovecot_open))
    finally:
        if not args.workdir:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
