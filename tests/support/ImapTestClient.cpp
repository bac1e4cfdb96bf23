#include "support/ImapTestClient.h"

#include <QHostAddress>
#include <QRegularExpression>

namespace cachet::test {

namespace {
constexpr int kTimeoutMs = 60000;
}

bool ImapTestClient::connectTo(quint16 port)
{
    m_socket.connectToHost(QHostAddress::LocalHost, port);
    return m_socket.waitForConnected(kTimeoutMs) && readResponse().startsWith("* OK");
}

bool ImapTestClient::login(const QByteArray& user, const QByteArray& password)
{
    return command("LOGIN \"" + user + "\" \"" + password + "\"").ok();
}

QByteArray ImapTestClient::nextTag()
{
    return "t" + QByteArray::number(++m_tagCounter);
}

QByteArray ImapTestClient::readResponse()
{
    static const QRegularExpression literalAtEnd(QStringLiteral("\\{(\\d+)\\+?\\}\\r\\n$"));
    QByteArray response;
    for (;;) {
        while (!m_socket.canReadLine()) {
            if (!m_socket.waitForReadyRead(kTimeoutMs))
                return response;
        }
        const QByteArray line = m_socket.readLine();
        response += line;
        const QRegularExpressionMatch m = literalAtEnd.match(QString::fromLatin1(line));
        if (!m.hasMatch()) {
            response.chop(response.endsWith("\r\n") ? 2 : 0);
            return response;
        }
        qint64 remaining = m.captured(1).toLongLong();
        while (remaining > 0) {
            if (m_socket.bytesAvailable() == 0 && !m_socket.waitForReadyRead(kTimeoutMs))
                return response;
            const QByteArray chunk = m_socket.read(remaining);
            response += chunk;
            remaining -= chunk.size();
        }
    }
}

ImapReply ImapTestClient::readUntilTagged(const QByteArray& tag)
{
    ImapReply reply;
    for (;;) {
        const QByteArray response = readResponse();
        if (response.isEmpty())
            return reply;
        if (response.startsWith(tag + ' ')) {
            reply.tagged = response;
            reply.status = response.mid(tag.size() + 1).split(' ').value(0);
            return reply;
        }
        reply.untagged.append(response);
    }
}

ImapReply ImapTestClient::command(const QByteArray& command)
{
    const QByteArray tag = nextTag();
    m_socket.write(tag + ' ' + command + "\r\n");
    return readUntilTagged(tag);
}

ImapReply ImapTestClient::append(const QByteArray& mailbox, const QByteArray& message)
{
    const QByteArray tag = nextTag();
    m_socket.write(tag + " APPEND \"" + mailbox + "\" {" + QByteArray::number(message.size()) + "}\r\n");
    const QByteArray go = readResponse();
    if (!go.startsWith('+')) { // refused before the bytes were sent
        ImapReply reply;
        reply.tagged = go;
        reply.status = go.mid(tag.size() + 1).split(' ').value(0);
        return reply;
    }
    m_socket.write(message + "\r\n");
    return readUntilTagged(tag);
}

} // namespace cachet::test
