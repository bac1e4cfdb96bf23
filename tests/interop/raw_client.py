"""Raw IMAP and SMTP exchanges with the bridge, byte for byte, for the
protocol and bad-input tests: what is sent is exactly what the test wrote,
and every line of the answer is kept (literals in answers read whole)."""

import re
import socket
import ssl
import time

LITERAL_AT_END = re.compile(rb"\{(\d+)\}\r\n$")


class Closed(Exception):
    """The server closed the connection."""


class _Connection:
    """A socket read in CRLF lines and counted bytes, for both protocols."""

    def __init__(self, port, host, timeout):
        self.sock = socket.create_connection((host, port), timeout=timeout)
        self.buffer = b""

    def send(self, data):
        self.sock.sendall(data)

    def _fill(self, enough, so_far):
        """Reads until enough(buffer); Closed (with what came) if the server hangs up first."""
        while not enough(self.buffer):
            chunk = self.sock.recv(65536)
            if not chunk:
                raise Closed(so_far + self.buffer)
            self.buffer += chunk

    def _take(self, n):
        out, self.buffer = self.buffer[:n], self.buffer[n:]
        return out

    def _crlf_line(self, so_far=b""):
        self._fill(lambda b: b"\r\n" in b, so_far)
        return self._take(self.buffer.index(b"\r\n") + 2)

    def close(self):
        try:
            self.sock.close()
        except OSError:
            pass


class RawImap(_Connection):
    def __init__(self, port, host="127.0.0.1", timeout=60):
        super().__init__(port, host, timeout)
        self.greeting = self.line()

    def line(self):
        """One response line with CRLF, literals it announces appended whole."""
        out = b""
        while True:
            out += self._crlf_line(out)
            m = LITERAL_AT_END.search(out)
            if not m:
                return out
            size = int(m.group(1))
            self._fill(lambda b: len(b) >= size, out)
            out += self._take(size)

    def until_tagged(self, tag):
        """Untagged lines, then the tagged one: (untagged list, tagged line)."""
        untagged = []
        while True:
            l = self.line()
            if l.startswith(tag + b" "):
                return untagged, l
            untagged.append(l)

    def command(self, text, tag=b"a"):
        if isinstance(text, str):
            text = text.encode()
        self.send(tag + b" " + text + b"\r\n")
        return self.until_tagged(tag)

    def login(self, user, password):
        untagged, tagged = self.command(b'LOGIN "%s" "%s"' % (user.encode(), password.encode()))
        assert tagged.startswith(b"a OK"), tagged
        return self

    def starttls(self, cafile):
        untagged, tagged = self.command("STARTTLS")
        assert tagged.startswith(b"a OK"), tagged
        ctx = ssl.create_default_context(cafile=cafile)
        self.sock = ctx.wrap_socket(self.sock, server_hostname="127.0.0.1")

    def closed_within(self, seconds):
        """True when the server closes the connection before `seconds` pass."""
        self.sock.settimeout(seconds)
        try:
            while True:
                if not self.sock.recv(65536):
                    return True
        except (socket.timeout, TimeoutError):
            return False
        except OSError:
            return True


class RawSmtp(_Connection):
    def __init__(self, port, host="127.0.0.1", timeout=60):
        super().__init__(port, host, timeout)
        self.greeting = self.reply()

    def reply(self):
        """One whole reply (all its continuation lines), as bytes."""
        out = b""
        while True:
            l = self._crlf_line(out)
            out += l
            if len(l) < 4 or l[3:4] != b"-":
                return out

    def command(self, text):
        if isinstance(text, str):
            text = text.encode()
        self.send(text + b"\r\n")
        return self.reply()
