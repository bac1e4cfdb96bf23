#!/usr/bin/env python3
"""OpenPGP benchmark: Cachet's decrypt-and-verify and sign-and-encrypt against
the gpg command line doing the same work, in one run, at two message sizes.

Keys: bob's own key made by Cachet (`account add`, ed25519/cv25519), alice's
made by gpg the same way in a throwaway GNUPGHOME; each side knows the other's
public key. Per size (--small-count messages of 10 KB, --large-count of 1 MB,
text bodies from a seed):

  sign-and-encrypt
    cachet  bob's bridge takes the messages over SMTP (one connection, with
            X-Cachet-Encrypt: require): PGP/MIME signed and encrypted to alice
            and to bob, committed to the outbox;
    gpg     `gpg --sign --encrypt -r alice -r bob` once per message, on the
            same inner MIME entity (the same work: one signature, two
            recipients), bob's key unlocked from the agent's cache.
  decrypt-and-verify
    cachet  `cachet-cli import` of a Maildir of PGP/MIME messages alice signed
            and encrypted to bob: decrypted, verified, the cleartext stored
            beside the original and indexed;
    gpg     `gpg --decrypt` once per message with bob's key (exported from the
            profile), verifying alice's signature.
  baseline  `cachet-cli import` and bridge submission of the same messages
            unencrypted into a profile without a key: the store's share.

Every contender is a child of this process; wall time, best of --repeat.
Cachet's outputs are checked (each message decrypted, signature valid; each
queued message multipart/encrypted). Not part of the test run; see README.md.
"""

import argparse
import email
import email.policy
import json
import os
import random
import shutil
import smtplib
import ssl
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
os.environ.setdefault("CACHET_CLI", os.path.join(ROOT, "build", "app", "cachet-cli"))
sys.path.insert(0, os.path.join(ROOT, "tests", "interop"))

from bridge_fixture import Bridge  # noqa: E402

ALICE = "alice@bench.test"
BOB = "bob@bench.test"
WORDS = ("the quick brown fox jumps over lazy dog mail store key sign encrypt provider bridge "
         "friday lunch report draft numbers meeting agenda offline private").split()


def text_of(size, rng):
    lines, total = [], 0
    while total < size:
        line = " ".join(rng.choice(WORDS) for _ in range(12))
        lines.append(line)
        total += len(line) + 2
    return "\r\n".join(lines) + "\r\n"


def inner_entity(subject, body):
    return ("Content-Type: text/plain; charset=utf-8; protected-headers=\"v1\"\r\nSubject: %s\r\n"
            "From: <%s>\r\nTo: <%s>\r\n\r\n%s" % (subject, ALICE, BOB, body)).encode()


def plain_message(index, subject, body, sender, recipient):
    return ("From: <%s>\r\nTo: <%s>\r\nSubject: %s\r\nDate: Mon, 6 May 2024 10:00:00 +0000\r\n"
            "Message-ID: <bench-%d@bench.test>\r\nMIME-Version: 1.0\r\n"
            "Content-Type: text/plain; charset=utf-8\r\n\r\n%s" % (sender, recipient, subject, index, body)).encode()


def pgp_mime(index, armored):
    return ("From: <%s>\r\nTo: <%s>\r\nSubject: ...\r\nDate: Mon, 6 May 2024 10:00:00 +0000\r\n"
            "Message-ID: <bench-%d@bench.test>\r\nMIME-Version: 1.0\r\n"
            "Content-Type: multipart/encrypted; protocol=\"application/pgp-encrypted\"; boundary=\"b\"\r\n\r\n"
            "--b\r\nContent-Type: application/pgp-encrypted\r\n\r\nVersion: 1\r\n\r\n"
            "--b\r\nContent-Type: application/octet-stream; name=\"encrypted.asc\"\r\n"
            "Content-Disposition: inline; filename=\"encrypted.asc\"\r\n\r\n" % (ALICE, BOB, index)
            ).encode() + armored.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n") + b"\r\n--b--\r\n"


def write_maildir(path, messages):
    for sub in ("cur", "new", "tmp"):
        os.makedirs(os.path.join(path, sub), exist_ok=True)
    for i, raw in enumerate(messages):
        with open(os.path.join(path, "cur", "%06d.bench:2,S" % i), "wb") as f:
            f.write(raw)


class Gpg:
    """gpg on the command line in a throwaway home."""

    def __init__(self, home, passphrase=""):
        self.home = home
        os.makedirs(home, mode=0o700, exist_ok=True)
        # The protection Cachet's GNUPGHOME gives its own key (a random passphrase needs no
        # stretching: crypto/GnupgHome), so unlocking the key costs both sides the same.
        with open(os.path.join(home, "gpg-agent.conf"), "w") as conf:
            conf.write("allow-loopback-pinentry\ns2k-count 65536\n")
        self.base = ["gpg", "--homedir", home, "--batch", "--yes", "--pinentry-mode", "loopback",
                     "--passphrase", passphrase, "--trust-model", "always"]

    def run(self, *args, data=None):
        out = subprocess.run(self.base + list(args), input=data, capture_output=True, timeout=600)
        if out.returncode != 0:
            raise RuntimeError("gpg %s: %s" % (" ".join(args), out.stderr.decode(errors="replace")))
        return out.stdout

    def close(self):
        subprocess.run(["gpgconf", "--homedir", self.home, "--kill", "gpg-agent"], capture_output=True)


def cli_with_input(bridge, data, *args):
    """cachet-cli ARGS in `bridge`'s profile with `data` on its standard input."""
    result = subprocess.run([os.environ["CACHET_CLI"], *args], env=bridge.env, input=data, capture_output=True,
                            timeout=600)
    if result.returncode != 0:
        raise RuntimeError("cachet-cli %s failed: %s" % (" ".join(args), result.stderr.decode(errors="replace")))
    return result


def submit_all(bridge, sender, recipient, messages):
    context = ssl.create_default_context(cafile=bridge.certificate_file())
    with smtplib.SMTP("127.0.0.1", bridge.smtp_port, timeout=600) as client:
        client.starttls(context=context)
        client.login(bridge.user, bridge.password)
        for raw in messages:
            client.sendmail(sender, [recipient], raw)


def timed(fn):
    start = time.monotonic()
    fn()
    return time.monotonic() - start


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--small-count", type=int, default=200)
    parser.add_argument("--large-count", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    work = tempfile.mkdtemp(prefix="cachet-openpgp-bench-")
    results = []
    alice_gpg = Gpg(os.path.join(work, "alice-gnupg"))
    bob_gpg = None
    profiles = []  # every Bridge made, closed (profile deleted) however the run ends

    def new_profile():
        profiles.append(Bridge())
        return profiles[-1]
    try:
        alice_gpg.run("--quick-gen-key", "<%s>" % ALICE, "ed25519", "sign,cert", "never")
        alice_fpr = [l.split(":")[9] for l in alice_gpg.run("--with-colons", "--list-keys", ALICE).decode().splitlines()
                     if l.startswith("fpr:")][0]
        alice_gpg.run("--quick-add-key", alice_fpr, "cv25519", "encr", "never")

        # Bob: a Cachet profile with its own key, knowing alice's public key.
        keyed = new_profile()
        # `keys export --secret` protects the key with the profile passphrase.
        bob_gpg = Gpg(os.path.join(work, "bob-gnupg"), passphrase=keyed.env["CACHET_PASSPHRASE"])
        # An account for bob (never connected to: nothing is relayed) makes his address the
        # bridge's sender and generates his key.
        keyed.env["CACHET_ACCOUNT_PASSWORD"] = "unused"
        keyed.run("account", "add", "--address", BOB, "--imap", "127.0.0.1:9", "--imap-security", "plain",
                  "--smtp", "127.0.0.1:9", "--smtp-security", "plain", "--no-test")
        alice_public = alice_gpg.run("--armor", "--export", ALICE)
        cli_with_input(keyed, alice_public, "keys", "import", "-")
        bob_public = keyed.run("keys", "export", BOB).stdout
        alice_gpg.run("--import", data=bob_public)
        bob_gpg.run("--import", data=keyed.run("keys", "export", BOB, "--secret").stdout)
        bob_gpg.run("--import", data=alice_gpg.run("--export", ALICE))
        keyed.start()

        for label, size, count in (("10 KB", 10 * 1024, args.small_count), ("1 MB", 1024 * 1024, args.large_count)):
            bodies = [text_of(size, rng) for _ in range(count)]
            subjects = ["bench %s %d" % (label, i) for i in range(count)]
            inners = [inner_entity(subjects[i], bodies[i]) for i in range(count)]
            to_alice = [plain_message(i, subjects[i], bodies[i], BOB, ALICE).replace(
                b"MIME-Version", b"X-Cachet-Encrypt: require\r\nMIME-Version", 1) for i in range(count)]
            plain = [plain_message(i, subjects[i], bodies[i], ALICE, BOB) for i in range(count)]

            # The ciphertexts bob receives: made by alice's gpg (timed as gpg's sign-and-encrypt).
            ciphers = []

            def gpg_sign_encrypt():
                ciphers.clear()
                for inner in inners:
                    ciphers.append(alice_gpg.run("--armor", "--sign", "--encrypt", "-r", BOB, "-r", ALICE, data=inner))

            def gpg_decrypt():
                for c in ciphers:
                    bob_gpg.run("--decrypt", data=c)

            best = {}
            for _ in range(args.repeat):
                for name, fn in (("gpg sign+encrypt", gpg_sign_encrypt), ("gpg decrypt+verify", gpg_decrypt)):
                    best[name] = min(best.get(name, 1e9), timed(fn))
                maildir = os.path.join(work, "encrypted")
                shutil.rmtree(maildir, ignore_errors=True)
                write_maildir(maildir, [pgp_mime(i, c) for i, c in enumerate(ciphers)])
                plaindir = os.path.join(work, "plain")
                shutil.rmtree(plaindir, ignore_errors=True)
                write_maildir(plaindir, plain)

                # Bob's key moved into a second profile through a pipe.
                reader = new_profile()
                reader.env["CACHET_KEY_PASSPHRASE"] = keyed.env["CACHET_PASSPHRASE"]
                cli_with_input(reader, keyed.run("keys", "export", BOB, "--secret").stdout, "keys", "import", "-")
                cli_with_input(reader, alice_public, "keys", "import", "-")
                best["cachet decrypt+verify"] = min(best.get("cachet decrypt+verify", 1e9),
                                                    timed(lambda: reader.run("import", maildir, "--mailbox", "Bench")))
                rows = json.loads(reader.run("list", "--mailbox", "Bench", "--json", "--limit", "1000000").stdout)
                undecrypted = [r for r in rows if not r.get("subject", "").startswith("bench ")]
                if len(rows) != count or undecrypted:
                    print("WARNING: %d of %d messages not shown decrypted" % (len(undecrypted), len(rows)))
                reader.close()

                baseline = new_profile()
                best["baseline import"] = min(best.get("baseline import", 1e9),
                                              timed(lambda: baseline.run("import", plaindir, "--mailbox", "Bench")))
                baseline.start()
                best["baseline submit"] = min(best.get("baseline submit", 1e9),
                                              timed(lambda: submit_all(baseline, baseline.user, BOB, plain)))
                baseline.close()

                before = len(json.loads(keyed.run("outbox", "list", "--json").stdout))
                best["cachet sign+encrypt"] = min(best.get("cachet sign+encrypt", 1e9),
                                                  timed(lambda: submit_all(keyed, BOB, ALICE, to_alice)))
                queued = json.loads(keyed.run("outbox", "list", "--json").stdout)
                if len(queued) - before != count:
                    print("WARNING: %d messages queued, expected %d" % (len(queued) - before, count))
            results.append((label, count, best))

        print("\nOpenPGP, Cachet against the gpg command line (best of %d, wall seconds)" % args.repeat)
        print("%-7s %6s  %-20s %9s %9s %7s  %s" % ("size", "count", "work", "cachet", "gpg", "ratio", "cachet store-only"))
        for label, count, best in results:
            for work_name, base in (("sign+encrypt", "baseline submit"), ("decrypt+verify", "baseline import")):
                c, g = best["cachet " + work_name], best["gpg " + work_name]
                print("%-7s %6d  %-20s %9.2f %9.2f %7.2f  %.2f" % (label, count, work_name, c, g, c / g, best[base]))
        print("ratio = cachet / gpg (below 1: Cachet faster). gpg runs one process per message, as a"
              " mail program driving it would; Cachet's figure includes SMTP or the import and the store.")
        keyed.close()
    finally:
        for profile in profiles:
            profile.close()
        alice_gpg.close()
        if bob_gpg:
            bob_gpg.close()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
