"""The test provider for Python tests: a real Dovecot (IMAP, IMAPS) and a real
OpenSMTPD delivering into it over LMTP, run by cachet-test-provider (built from
tests/provider/tool; CTest passes its path in CACHET_TEST_PROVIDER).

    with Provider() as provider:
        provider.send("alice@example.test", "bob@example.test", message_bytes)
        messages = provider.wait_for_messages("bob@example.test", 1)
        box = provider.imap("bob@example.test")

Services can be stopped and started again on the same ports with the same mail
(stop_imap, start_imap, stop_smtp, start_smtp), as a provider that goes away.
Nothing is left behind: closing the provider (or its end of standard input,
or this process dying) stops everything and removes its folder.
"""

import imaplib
import json
import os
import select
import signal
import smtplib
import ssl
import subprocess
import time

PROGRAM = os.environ.get("CACHET_TEST_PROVIDER", "cachet-test-provider")

DEFAULT_USERS = {
    "alice@example.test": "alice's test password",
    "bob@example.test": "bob's test password",
}


class ProviderError(RuntimeError):
    pass


class Provider:
    def __init__(self, users=None, smtp=True, imap_capability=None):
        self.users = dict(users or DEFAULT_USERS)
        self.with_smtp = smtp
        self.imap_capability = imap_capability  # announced after login instead of Dovecot's own
        self.process = None
        self._buffer = b""
        self.info = {}

    # --- the program -------------------------------------------------------

    def start(self, timeout=120):
        args = [PROGRAM]
        for address, password in self.users.items():
            args += ["--user", "%s:%s" % (address, password)]
        if not self.with_smtp:
            args.append("--no-smtp")
        if self.imap_capability:
            args += ["--imap-capability", self.imap_capability]
        self.process = subprocess.Popen(args, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self.info = self._read_line(timeout)
        if "error" in self.info:
            self.close()
            raise ProviderError("cachet-test-provider did not start: " + self.info["error"])
        return self

    def _read_line(self, timeout):
        fd = self.process.stdout.fileno()
        deadline = time.monotonic() + timeout
        while b"\n" not in self._buffer:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise ProviderError("no answer from cachet-test-provider within %d s" % timeout)
            ready, _, _ = select.select([fd], [], [], remaining)
            if ready:
                chunk = os.read(fd, 65536)
                if not chunk:
                    raise ProviderError("cachet-test-provider exited (status %s)" % self.process.poll())
                self._buffer += chunk
        line, _, self._buffer = self._buffer.partition(b"\n")
        return json.loads(line)

    def command(self, text, timeout=120):
        """Sends one command line; its answer, or ProviderError if it failed."""
        self.process.stdin.write(text.encode() + b"\n")
        self.process.stdin.flush()
        answer = self._read_line(timeout)
        if not answer.get("ok"):
            raise ProviderError("%s: %s" % (text, answer.get("error")))
        return answer

    def pid(self):
        return self.process.pid

    def close(self, timeout=60):
        """quit, then the exit status (SIGTERM, then SIGKILL, if it hangs)."""
        if self.process is None:
            return None
        if self.process.poll() is None:
            try:
                self.process.stdin.write(b"quit\n")
                self.process.stdin.flush()
            except (BrokenPipeError, ValueError):
                pass
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.send_signal(signal.SIGTERM)
                try:
                    self.process.wait(timeout)
                except subprocess.TimeoutExpired:
                    self.process.kill()
                    self.process.wait()
        for pipe in (self.process.stdin, self.process.stdout):
            try:
                pipe.close()
            except BrokenPipeError:
                pass
        return self.process.returncode

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.close()

    # --- services ----------------------------------------------------------

    def stop_imap(self):
        self.command("stop imap")

    def start_imap(self):
        self.command("start imap")

    def stop_smtp(self):
        self.command("stop smtp")

    def start_smtp(self):
        self.command("start smtp")

    @property
    def imap_port(self):
        return self.info["imap_port"]

    @property
    def imaps_port(self):
        return self.info["imaps_port"]

    @property
    def smtp_port(self):
        return self.info["smtp_port"]

    @property
    def smtps_port(self):
        return self.info["smtps_port"]

    @property
    def mx_port(self):
        return self.info["mx_port"]

    @property
    def certificate_file(self):
        return self.info["certificate_file"]

    @property
    def certificate_sha256(self):
        return self.info["certificate_sha256"]

    @property
    def folder(self):
        """The folder holding all of the provider (removed when it ends)."""
        return self.info["folder"]

    def maildir(self, user):
        """The folder of `user`'s Maildir (INBOX at its top)."""
        return os.path.join(self.info["maildir_root"], user)

    def tls_context(self):
        """Verifies the provider's certificate (and that it is for 127.0.0.1)."""
        return ssl.create_default_context(cafile=self.certificate_file)

    # --- clients -----------------------------------------------------------

    def imap(self, user, tls=None):
        """A logged-in imaplib client: tls None (plain), "starttls" or "implicit"."""
        if tls == "implicit":
            client = imaplib.IMAP4_SSL("127.0.0.1", self.imaps_port, ssl_context=self.tls_context(), timeout=60)
        else:
            client = imaplib.IMAP4("127.0.0.1", self.imap_port, timeout=60)
            if tls == "starttls":
                client.starttls(ssl_context=self.tls_context())
        client.login(user, self.users[user])
        return client

    def smtp(self, user=None, tls=None):
        """An smtplib client, logged in as `user` if given: tls None (plain), "starttls" or "implicit"."""
        if tls == "implicit":
            client = smtplib.SMTP_SSL("127.0.0.1", self.smtps_port, context=self.tls_context(), timeout=60)
        else:
            client = smtplib.SMTP("127.0.0.1", self.smtp_port, timeout=60)
            if tls == "starttls":
                client.starttls(context=self.tls_context())
        if user is not None:
            client.login(user, self.users[user])
        return client

    def send(self, sender, recipients, message, tls=None):
        """Submits `message` (bytes) as `sender`, logged in with its password."""
        if isinstance(recipients, str):
            recipients = [recipients]
        with self.smtp(sender, tls) as client:
            client.sendmail(sender, recipients, message)

    def messages(self, user, mailbox="INBOX"):
        """Every message in `user`'s `mailbox`, as bytes, in UID order."""
        client = self.imap(user)
        try:
            status, _ = client.select(mailbox, readonly=True)
            if status != "OK":
                return []
            status, data = client.uid("FETCH", "1:*", "(BODY.PEEK[])")
            return [part[1] for part in data if isinstance(part, tuple)]
        finally:
            client.logout()

    def wait_for_messages(self, user, count, mailbox="INBOX", timeout=30, matching=None):
        """Polls until `user`'s `mailbox` holds at least `count` messages (those
        for which `matching(bytes)` is true, if given); returns them all."""
        deadline = time.monotonic() + timeout
        while True:
            found = [m for m in self.messages(user, mailbox) if matching is None or matching(m)]
            if len(found) >= count or time.monotonic() > deadline:
                return found
            time.sleep(0.2)


def message(sender, recipient, subject, body="Hello.\r\n"):
    """A small RFC 5322 message as bytes."""
    return ("From: %s\r\nTo: %s\r\nSubject: %s\r\nMessage-ID: <%s@example.test>\r\n"
            "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n%s"
            % (sender, recipient, subject, subject.replace(" ", "."), body)).encode()
