#pragma once
// A small blocking IMAP client for tests, speaking to a real server over
// loopback. It sends what the test says, byte for byte, and hands back the raw
// response, so tests see exactly what a mail program would.

#include <QByteArray>
#include <QList>
#include <QTcpSocket>

namespace cachet::test {

struct ImapReply {
    QList<QByteArray> untagged; // each "* ..." response, literals inlined, CRLF removed
    QByteArray tagged;          // the final "tag OK ..." line, CRLF removed
    QByteArray status;          // "OK", "NO" or "BAD"; empty if the connection failed
    bool ok() const { return status == "OK"; }
};

class ImapTestClient {
public:
    bool connectTo(quint16 port); // true after the server's "* OK" greeting
    ImapReply command(const QByteArray& command);
    // APPEND with a synchronising literal: waits for the server's "+" before the bytes.
    ImapReply append(const QByteArray& mailbox, const QByteArray& message);
    bool login(const QByteArray& user, const QByteArray& password);

private:
    QByteArray nextTag();
    QByteArray readResponse(); // one response, with any literals inside it
    ImapReply readUntilTagged(const QByteArray& tag);

    QTcpSocket m_socket;
    int m_tagCounter = 0;
};

} // namespace cachet::test
