"""A real `cachet-cli bridge` for the interoperability tests.

Each test gets a fresh profile in a temporary folder (passphrase through
CACHET_PASSPHRASE, the fast key derivation), optionally the shared corpus
imported into it, and a bridge on ports the system chose. What a mail
program is told comes from `cachet-cli bridge --settings --json`, as a
setup script would read it. Nothing is left behind: the folder is removed.
"""

import json
import os
import shutil
import signal
import subprocess
import tempfile
import time

CLI = os.environ.get("CACHET_CLI", "cachet-cli")
CORPUS = os.environ.get("CACHET_CORPUS_DIR", os.path.join(os.path.dirname(__file__), "..", "..", "..", "shared", "corpus"))

# Files in the corpus that are not RFC 5322 messages (the corpus README names them).
NOT_MESSAGES = {"ctext_unsigned.asc", "gmx-quote-body.eml", "plaintext-autocrypt-setup.txt", "stress.txt"}


def corpus_messages():
    """Every message file of the corpus, sorted by path, as (path, bytes)."""
    paths = [os.path.join(CORPUS, "deltachat", "message", n)
             for n in os.listdir(os.path.join(CORPUS, "deltachat", "message")) if n not in NOT_MESSAGES]
    paths += [os.path.join(CORPUS, "autocrypt", n) for n in os.listdir(os.path.join(CORPUS, "autocrypt"))
              if n.endswith(".eml")]
    out = []
    for path in sorted(paths):
        with open(path, "rb") as f:
            out.append((path, f.read()))
    return out


def without_cachet_fields(data):
    """A served message without the X-Cachet-* fields Cachet puts at the top of
    an OpenPGP message's header (the result of verifying or decrypting it,
    docs: crypto/IncomingOpenPgp.h). Without an own key nothing decrypts, so
    what is left is the source."""
    lines = data.split(b"\n")
    i = 0
    while i < len(lines) and lines[i].startswith(b"X-Cachet-"):
        i += 1
    return b"\n".join(lines[i:])


class Bridge:
    def __init__(self, import_paths=(), import_mailbox=None):
        self.dir = tempfile.mkdtemp(prefix="cachet-interop-")
        self.profile = os.path.join(self.dir, "profile")
        self.env = dict(os.environ, CACHET_PASSPHRASE="interop test passphrase", CACHET_PROFILE=self.profile)
        self.run("init", "--kdf", "interactive")
        for path in import_paths:
            args = ["import", path]
            if import_mailbox:
                args += ["--mailbox", import_mailbox]
            self.run(*args, check=False)  # the corpus holds files an importer refuses
        self.process = None
        self.output = b""

    def run(self, *args, check=True):
        result = subprocess.run([CLI, *args], env=self.env, capture_output=True, timeout=600)
        if check and result.returncode != 0:
            raise RuntimeError("cachet-cli %s failed: %s" % (" ".join(args), result.stderr.decode(errors="replace")))
        return result

    def start(self):
        self.process = subprocess.Popen(
            [CLI, "bridge", "--imap-port", "0", "--imaps-port", "0", "--smtp-port", "0", "--smtps-port", "0"],
            env=self.env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 120
        os.set_blocking(self.process.stdout.fileno(), False)
        while b"bridge ready\n" not in self.output:
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("bridge did not start: " + self.output.decode(errors="replace"))
            chunk = self.process.stdout.read()
            if chunk:
                self.output += chunk
            else:
                time.sleep(0.05)
        self.settings = json.loads(self.run("bridge", "--settings", "--json").stdout)
        self.user = self.settings["username"]
        self.password = self.settings["password"]
        self.imap_port = self.settings["imap_port"]
        self.imaps_port = self.settings["imaps_port"]
        self.smtp_port = self.settings["smtp_port"]
        self.smtps_port = self.settings["smtps_port"]
        return self

    def pid(self):
        return self.process.pid

    def alive(self):
        return self.process is not None and self.process.poll() is None

    def rss_kib(self):
        """Resident memory of the bridge process, from /proc."""
        with open("/proc/%d/status" % self.process.pid) as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
        return 0

    def certificate_file(self):
        path = os.path.join(self.dir, "bridge-cert.pem")
        with open(path, "wb") as f:
            f.write(self.run("bridge", "--certificate").stdout)
        return path

    def stop(self):
        """SIGTERM, then the exit code."""
        if self.process is None:
            return None
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(60)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if not self.process.stdout.closed:
            self.process.stdout.close()
        return self.process.returncode

    def close(self):
        self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.close()
