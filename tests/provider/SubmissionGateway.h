#pragma once
// The TLS and login side of the test provider's SMTP submission, in front of
// OpenSMTPD: Debian 12's OpenSMTPD 6.8 cannot do TLS with OpenSSL 3 (every
// handshake fails, upstream issue #1171, fixed in 7.x), and it offers AUTH only
// inside TLS. So a plain port (STARTTLS offered, login also allowed without it
// on loopback) and an implicit-TLS port are served here, and after AUTH each
// session is copied byte for byte to OpenSMTPD's plain port (SubmissionSession).
// It runs its own thread, so a test may talk to it with blocking sockets.

#include "provider/SubmissionSession.h"

#include <QString>
#include <QThread>

namespace cachet::test {

class SubmissionGateway {
public:
    SubmissionGateway();
    ~SubmissionGateway(); // stop()
    SubmissionGateway(const SubmissionGateway&) = delete;
    SubmissionGateway& operator=(const SubmissionGateway&) = delete;

    // Listens on 127.0.0.1 `plainPort` and `tlsPort` (0: one the system picks).
    // False, with nothing listening and the reason in `error`, if a port cannot be had.
    bool start(const SubmissionSettings& settings, quint16 plainPort, quint16 tlsPort, QString* error);
    // Closes both ports and drops every session, as a server that goes away.
    void stop();

    quint16 plainPort() const { return m_plainPort; }
    quint16 tlsPort() const { return m_tlsPort; }

private:
    class Worker;
    QThread m_thread;
    Worker* m_worker = nullptr;
    quint16 m_plainPort = 0;
    quint16 m_tlsPort = 0;
};

} // namespace cachet::test
