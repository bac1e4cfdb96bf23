#!/usr/bin/env python3
"""Import benchmark: cachet-cli import against `notmuch new` on the same Maildir.

Generates a Maildir with the sizes of real mail (resources/demo/make_mail.py,
bench profile: median about 15 KB, mean about 110 KB, a 1-10 MB tail), then, in
this one process tree and on the same warm page cache:
  1. cachet-cli init + import (encrypt, split into documents, FTS4 index)
  2. notmuch new (Xapian index, the peer)
and prints messages/s, MB/s, peak memory and store size next to each other, with
ratios. Not part of the test run: it takes minutes. See README.md beside it.
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


def tree_bytes(path):
    total = 0
    for d, _, files in os.walk(path):
        for f in files:
            p = os.path.join(d, f)
            if not os.path.islink(p):
                total += os.path.getsize(p)
    return total


def run_measured(argv, env=None, stdin=None):
    """Runs argv to completion: (seconds, peak RSS in bytes, stdout). Fails loudly."""
    start = time.monotonic()
    proc = subprocess.Popen(argv, env=env, stdin=subprocess.PIPE if stdin else None,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if stdin:
        proc.stdin.write(stdin)
        proc.stdin.close()
    out = proc.stdout.read()
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.monotonic() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        sys.exit("%s failed (%d): %s" % (argv[0], proc.returncode, err.decode(errors="replace")[-2000:]))
    return seconds, usage.ru_maxrss * 1024, out  # ru_maxrss is in KiB on Linux


def warm_cache(path):
    """Reads every file once so that neither contender pays for the cold disk."""
    for d, _, files in os.walk(path):
        for f in files:
            with open(os.path.join(d, f), "rb") as fh:
                while fh.read(1 << 20):
                    pass


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--count", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--cli", default=os.path.join(ROOT, "build", "app", "cachet-cli"))
    ap.add_argument("--kdf", default="interactive", help="key derivation cost for the bench profile")
    ap.add_argument("--workdir", help="keep everything here instead of a temporary folder")
    args = ap.parse_args()

    if not os.access(args.cli, os.X_OK):
        sys.exit("no cachet-cli at %s: build first (bash installers/build.sh)" % args.cli)
    notmuch = shutil.which("notmuch")
    if not notmuch:
        sys.exit("notmuch is not installed (Debian: notmuch; installers/install-deps.sh installs it)")

    work = args.workdir or tempfile.mkdtemp(prefix="cachet-bench-")
    os.makedirs(work, exist_ok=True)
    try:
        maildir = os.path.join(work, "Maildir")
        if not os.path.isdir(maildir):
            print("generating %d messages ..." % args.count, flush=True)
            subprocess.run([sys.executable, os.path.join(ROOT, "resources", "demo", "make_mail.py"), "--maildir",
                            maildir, "--profile", "bench", "--count", str(args.count), "--seed", str(args.seed)],
                           check=True, stdout=subprocess.DEVNULL)
        files = sum(len(f) for _, _, f in os.walk(maildir))
        maildir_bytes = tree_bytes(maildir)
        warm_cache(maildir)

        # Cachet
        profile = os.path.join(work, "profile")
        shutil.rmtree(profile, ignore_errors=True)
        env = dict(os.environ, CACHET_PASSPHRASE="bench passphrase")
        run_measured([args.cli, "--profile", profile, "init", "--kdf", args.kdf], env=env)
        c_secs, c_rss, c_out = run_measured([args.cli, "--profile", profile, "import", maildir], env=env)
        summary = [l for l in c_out.decode().splitlines() if l.startswith("imported")]
        store_bytes = tree_bytes(profile)

        # notmuch, its database outside the Maildir so that the Maildir stays as measured
        nm_db = os.path.join(work, "notmuch-db")
        shutil.rmtree(nm_db, ignore_errors=True)
        os.makedirs(nm_db)
        nm_conf = os.path.join(work, "notmuch-config")
        with open(nm_conf, "w") as f:
            f.write("[database]\npath=%s\nmail_root=%s\n[user]\nname=Bench\nprimary_email=bench@example.org\n"
                    "[new]\ntags=new\n[maildir]\nsynchronize_flags=true\n" % (nm_db, maildir))
        nm_env = dict(os.environ, NOTMUCH_CONFIG=nm_conf)
        n_secs, n_rss, _ = run_measured([notmuch, "new", "--quiet"], env=nm_env)
        nm_bytes = tree_bytes(nm_db)

        mb = maildir_bytes / 1e6
        print()
        print("Maildir: %d messages, %.1f MB (%s)" % (files, mb, summary[0] if summary else "no summary"))
        print("machine: %d cores, %s" % (os.cpu_count(), os.uname().machine))
        print()
        print("%-22s %14s %14s %8s" % ("", "cachet import", "notmuch new", "ratio"))
        rows = [
            ("seconds", c_secs, n_secs, "%.1f", n_secs / c_secs),
            ("messages/s", files / c_secs, files / n_secs, "%.0f", n_secs / c_secs),
            ("MB/s", mb / c_secs, mb / n_secs, "%.1f", n_secs / c_secs),
            ("peak memory (MB)", c_rss / 1e6, n_rss / 1e6, "%.0f", c_rss / n_rss),
            ("store / Maildir", store_bytes / maildir_bytes, nm_bytes / maildir_bytes, "%.2f",
             store_bytes / max(nm_bytes, 1)),
        ]
        for name, c, n, fmt, ratio in rows:
            print("%-22s %14s %14s %8s" % (name, fmt % c, fmt % n, "%.2f" % ratio))
        print()
        print("ratio: speed rows are cachet's speed over notmuch's (above 1: cachet is faster);")
        print("memory and size rows are cachet over notmuch. notmuch's index holds no message")
        print("bodies (it reads the Maildir); Cachet's store holds every byte, encrypted.")
    finally:
        if not args.workdir:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
