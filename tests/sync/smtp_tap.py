"""A TCP relay between Cachet and the test provider's plain SMTP port that
notes the Message-ID of every message the provider took (250 to the end of
its data), so a test knows how many copies to expect in the recipient's
mailbox however the provider orders its deliveries; and that can hold one
send at a chosen moment of its DATA, so that a test can look at the outbox and
kill the sender exactly there (sync/OutboxRelay.h's states):

  "data"   part of the message passed (`after` bytes), the rest is not read:
           Cachet is still handing the message over ('sending')
  "dot"    the whole message reached the relay, but its ending ".\\r\\n" did not
           reach the provider: the provider cannot have it ('ending')
  "reply"  the provider answered the ending (250: it has the message), the
           answer has not been passed on: Cachet cannot know ('ending')

The relay does not take part in the conversation otherwise: the provider
answers everything. Only the send that reaches the armed moment is held; other
connections pass through. The test ends a hold with release() (go on) or
drop() (cut both connections, passing nothing held: the sender died).
"""

import re
import select
import socket
import threading

END_OF_DATA = b"\r\n.\r\n"
# Small socket buffers on the relay's side, so that a sender held at "data"
# cannot have pushed the whole of a large message into the kernel's buffers.
SMALL_BUFFER = 64 * 1024
MESSAGE_ID = re.compile(rb"^Message-ID:\s*<([^>]*)>", re.IGNORECASE | re.MULTILINE)


class SmtpTap:
    def __init__(self, upstream_port):
        self.upstream_port = upstream_port
        self.listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, SMALL_BUFFER)
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(8)
        self.port = self.listener.getsockname()[1]
        self.held = threading.Event()
        self._lock = threading.Lock()
        self._moment = None
        self._after = 0
        self._decision = None
        self._closed = False
        self._sockets = []
        self._accepted = []
        threading.Thread(target=self._accept, daemon=True).start()

    # --- what the test does ------------------------------------------------

    def arm(self, moment, after=SMALL_BUFFER):
        """Holds the next send that reaches `moment` ("data", "dot" or "reply")."""
        assert moment in ("data", "dot", "reply")
        with self._lock:
            self._moment = moment
            self._after = after
            self._decision = None
            self.held.clear()

    def accepted(self, message_id):
        """How many times the provider took the message with this Message-ID."""
        with self._lock:
            return self._accepted.count(message_id)

    def wait_held(self, timeout=300):
        if not self.held.wait(timeout):
            raise AssertionError("no send reached the moment %r" % self._moment)

    def release(self):
        self._decide("release")

    def drop(self):
        self._decide("drop")

    def close(self):
        self._closed = True
        self._decide("drop")
        for s in [self.listener] + self._sockets:
            try:
                s.close()
            except OSError:
                pass

    # --- the relay ---------------------------------------------------------

    def _decide(self, what):
        with self._lock:
            if self._decision is not None and not self._decision[1].is_set():
                self._decision[0] = what
                self._decision[1].set()

    def _take(self, moment):
        """The hold for `moment`, if armed for it; disarms it."""
        with self._lock:
            if self._moment != moment:
                return None
            self._moment = None
            self._decision = [None, threading.Event()]
            return self._decision

    def _hold(self, moment):
        """True if the connection goes on, False if the test dropped it."""
        decision = self._take(moment)
        if decision is None:
            return True
        self.held.set()
        decision[1].wait()
        return decision[0] == "release"

    def _accept(self):
        while not self._closed:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(client,), daemon=True).start()

    def _serve(self, client):
        try:
            upstream = socket.create_connection(("127.0.0.1", self.upstream_port))
        except OSError:
            client.close()
            return
        upstream.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, SMALL_BUFFER)
        self._sockets += [client, upstream]
        try:
            self._pump(client, upstream)
        except OSError:
            pass
        finally:
            client.close()
            upstream.close()

    def _pump(self, client, upstream):
        in_data = False      # between DATA's line and the end of data
        lines = b""          # a command line not complete yet
        tail = b""           # the last bytes of data, to find END_OF_DATA across reads
        data_bytes = 0
        header = b""         # the start of the message, for its Message-ID
        reply_awaited = False  # the answer to the end of data is next
        while True:
            readable, _, _ = select.select([client, upstream], [], [])
            if upstream in readable:
                chunk = upstream.recv(65536)
                if not chunk:
                    return
                if reply_awaited:
                    reply_awaited = False
                    if chunk.startswith(b"250"):
                        found = MESSAGE_ID.search(header)
                        with self._lock:
                            self._accepted.append(found.group(1).decode() if found else None)
                    if not self._hold("reply"):
                        return
                client.sendall(chunk)
            if client not in readable:
                continue
            chunk = client.recv(65536)
            if not chunk:
                return
            if not in_data:
                lines += chunk
                if b"\r\n" not in lines:
                    upstream.sendall(chunk)
                    continue
                # Pipelined commands: whatever follows the DATA line is message data.
                at = lines.upper().find(b"DATA\r\n")
                if at < 0 or (at > 0 and lines[at - 1:at] != b"\n"):
                    upstream.sendall(chunk)
                    lines = lines[lines.rfind(b"\r\n") + 2:]
                    continue
                data_start = at + 6 - (len(lines) - len(chunk))
                upstream.sendall(chunk[:data_start])
                chunk = chunk[data_start:]
                in_data, lines, tail, data_bytes, header = True, b"", b"\r\n", 0, b""
                if not chunk:
                    continue
            if b"\r\n\r\n" not in header and len(header) < SMALL_BUFFER:
                header += chunk[:SMALL_BUFFER]
            seen = tail + chunk
            end = seen.find(END_OF_DATA)
            if end < 0:
                if data_bytes + len(chunk) >= self._after and not self._hold("data"):
                    return
                upstream.sendall(chunk)
                data_bytes += len(chunk)
                tail = seen[-4:]
                continue
            # The end of data: its "." and CRLF are what the "dot" hold keeps back.
            end_in_chunk = end + len(END_OF_DATA) - len(tail)
            keep = max(0, end_in_chunk - 3)
            upstream.sendall(chunk[:keep])
            if not self._hold("dot"):
                return
            upstream.sendall(chunk[keep:])
            in_data, reply_awaited = False, True
