#pragma once
// The seam between a protocol session (IMAP, SMTP) and the connection under it.
// A session reads bytes and writes bytes; it never sees a socket, so the same
// session code runs over TCP, over TLS, and in the fuzzer.

#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>

namespace cachet::bridge {

class SessionTransport {
public:
    virtual ~SessionTransport() = default;
    virtual void send(std::string_view bytes) = 0;
    // Starts the server side of a TLS handshake after everything sent so far.
    // Bytes the client sent after the STARTTLS command and before the handshake
    // are discarded by the connection (they could be injected: CVE-2011-0411),
    // so the session must drop its own unread input too.
    virtual void startTls() = 0;
    virtual bool isEncrypted() const = 0;
    // Closes after everything sent so far has been written.
    virtual void close() = 0;
    // The client's address, for the login lockout.
    virtual std::string peerAddress() const = 0;
    // Bytes handed to send() and not yet written to the network: a session
    // with much to say waits for drained() when this grows.
    virtual std::size_t pendingBytes() const = 0;
};

class ProtocolSession {
public:
    virtual ~ProtocolSession() = default;
    // Sends the greeting.
    virtual void start() = 0;
    // Bytes from the client, in order, in pieces of any size.
    virtual void received(std::string_view bytes) = 0;
    // The client was silent for idleLimit(): say why and close.
    virtual void timedOut() = 0;
    virtual std::chrono::seconds idleLimit() const = 0;
    // The client has read most of what was sent: a paused answer can go on.
    virtual void drained() {}
    // False while the session will not read input (a paused answer): the
    // connection then leaves bytes in the socket, so a client that sends
    // without reading is slowed by TCP instead of filling memory.
    virtual bool wantsInput() const { return true; }
};

} // namespace cachet::bridge
