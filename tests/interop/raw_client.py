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


class RawImap:
    def __init__(self, port, host="127.0.0.1", timeout=60):
        self.sock = socket.create_connection((host, port), timeout=timeout)
        self.buffer = b""
        self.greeting = self.line()

    def send(self, data):
        self.sock.sendall(data)

    def line(self):
        """One response line with CRLF, literals it announces appended whole."""
        out = b""
        while True:
            while b"\r\n" not in self.buffer:
                chunk = self.sock.recv(65536)
                if not chunk:
                    raise Closed(out + self.buffer)
                self.buffer += chunk
            end = self.buffer.index(b"\r\n") + 2
            out += self.buffer[:end]
            self.buffer = self.buffer[end:]
            m = LITERAL_AT_END.search(out)
            if not m:
                return out
            size = int(m.group(1))
            while len(self.buffer) < size:
                chunk = self.sock.recv(65536)
                if not chunk:
                    raise Closed(out + self.buffer)
                self.buffer += chunk
            out += self.buffer[:size]
            self.buffer = self.buffer[size:]

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

    def close(self):
        try:
            self.sock.close()
        except OSError:
            pass


class RawSmtp:
    def __init__(self, port, host="127.0.0.1", timeout=60):
        self.sock = socket.create_connection((host, port), timeout=timeout)
        self.buffer = b""
        self.greeting = self.reply()

    def send(self, data):
        self.sock.sendall(data)

    def reply(self):
        """One whole reply (all its continuation lines), as bytes."""
        out = b""
        while True:
            while b"\r\n" not in self.buffer:
                chunk = self.sock.recv(65536)
                if not chunk:
                    raise Closed(out + self.buffer)
                self.buffer += chunk
            end = self.buffer.index(b"\r\n") + 2
            l = self.buffer[:end]
            self.buffer = self.buffer[end:]
            out += l
            if len(l) < 4 or l[3:4] != b"-":
                return out

    def command(self, text):
        if isinstance(text, str):
            text = text.encode()
        self.send(text + b"\r\n")
        return self.reply()

    def close(self):
        try:
            self.sock.close()
        except OSError:
            pass
