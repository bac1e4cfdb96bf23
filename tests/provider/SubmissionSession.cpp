#include "provider/SubmissionSession.h"

#include "bridge/SaslMessages.h"

#include <QHostAddress>
#include <QSslSocket>
#include <QTcpSocket>

#include <utility>

namespace cachet::test {

namespace {

constexpr qsizetype kMaxLine = 4096;

// A whole reply ("250-...\r\n" lines up to "250 ...\r\n") from the front of
// `buffer`, taken out of it; empty while it is incomplete.
QByteArray takeReply(QByteArray& buffer)
{
    qsizetype start = 0;
    while (true) {
        const qsizetype end = buffer.indexOf('\n', start);
        if (end < 0)
            return {};
        const bool last = end - start < 4 || buffer.at(start + 3) != '-';
        start = end + 1;
        if (last) {
            const QByteArray reply = buffer.left(start);
            buffer.remove(0, start);
            return reply;
        }
    }
}

QByteArray verbOf(const QByteArray& line)
{
    const qsizetype space = line.indexOf(' ');
    return (space < 0 ? line : line.left(space)).toUpper();
}

} // namespace

SubmissionSession::SubmissionSession(QSslSocket* client, bool implicitTls, const SubmissionSettings& settings,
                                     QObject* parent)
    : QObject(parent), m_client(client), m_backend(new QTcpSocket(this)), m_settings(settings),
      m_clientReady(!implicitTls)
{
    m_client->setParent(this);
    m_client->setSslConfiguration(m_settings.tls);
    connect(m_client, &QSslSocket::readyRead, this, &SubmissionSession::clientReadable);
    connect(m_client, &QSslSocket::disconnected, this, [this] {
        close();
        finish();
    });
    connect(m_client, &QSslSocket::errorOccurred, this, [this] {
        if (m_client->state() != QAbstractSocket::ConnectedState)
            close();
    });
    connect(m_client, &QSslSocket::sslErrors, this, [this] { close(); });
    connect(m_client, &QSslSocket::encrypted, this, [this] {
        if (m_state == State::Handshake) {
            // STARTTLS done: the client starts over with EHLO (RFC 3207 §4.2).
            m_state = State::Commands;
            m_ehloDone = false;
            processCommands();
        } else {
            m_clientReady = true;
            greetIfReady();
        }
    });

    connect(m_backend, &QTcpSocket::readyRead, this, &SubmissionSession::backendReadable);
    connect(m_backend, &QTcpSocket::disconnected, this, &SubmissionSession::close);
    connect(m_backend, &QTcpSocket::errorOccurred, this, [this] {
        if (m_backend->state() != QAbstractSocket::ConnectedState) {
            if (m_state != State::Relaying)
                reply("421 4.3.0 Mail server not available");
            close();
        }
    });
    m_backend->connectToHost(QHostAddress::LocalHost, m_settings.backendPort);
    if (implicitTls)
        m_client->startServerEncryption();
}

void SubmissionSession::reply(const QByteArray& line)
{
    if (m_client->state() == QAbstractSocket::ConnectedState)
        m_client->write(line.endsWith("\r\n") ? line : line + "\r\n");
}

void SubmissionSession::greetIfReady()
{
    if (m_state != State::Greeting || !m_clientReady || m_backendGreeting.isEmpty())
        return;
    reply(m_backendGreeting);
    m_state = State::Commands;
    processCommands();
}

void SubmissionSession::clientReadable()
{
    m_fromClient += m_client->readAll();
    if (m_state == State::Relaying)
        forwardBuffered();
    else
        processCommands();
}

void SubmissionSession::processCommands()
{
    while (m_state == State::Commands || m_state == State::AuthPlain || m_state == State::AuthLoginUser
           || m_state == State::AuthLoginPassword) {
        const qsizetype end = m_fromClient.indexOf('\n');
        if (end < 0) {
            if (m_fromClient.size() > kMaxLine) {
                reply("500 5.5.1 Line too long");
                close();
            }
            return;
        }
        QByteArray line = m_fromClient.left(end);
        m_fromClient.remove(0, end + 1);
        if (line.endsWith('\r'))
            line.chop(1);
        if (m_state == State::Commands)
            command(line);
        else
            authAnswer(line);
    }
    if (m_state == State::Relaying)
        forwardBuffered();
}

void SubmissionSession::command(const QByteArray& line)
{
    const QByteArray verb = verbOf(line);
    const QByteArray argument = line.mid(verb.size()).trimmed();
    if (verb == "EHLO" || verb == "HELO") {
        if (argument.isEmpty())
            return reply("501 5.5.4 Syntax: " + verb + " hostname");
        if (!m_backendHello.isEmpty()) {
            // OpenSMTPD takes one EHLO or HELO a session; the one after STARTTLS is answered here.
            m_ehloDone = true;
            const QByteArray first = m_backendHello.left(m_backendHello.indexOf('\n') + 1);
            return reply(verb == "EHLO" ? withOurExtensions(m_backendHello) : "250 " + first.mid(4));
        }
        m_awaited = verb == "EHLO" ? Awaited::Ehlo : Awaited::Helo;
        m_state = State::WaitingForBackend;
        m_backend->write(verb + ' ' + argument + "\r\n");
    } else if (verb == "STARTTLS") {
        if (m_client->isEncrypted())
            return reply("503 5.5.1 TLS already active");
        reply("220 2.0.0 Ready to start TLS");
        // Nothing the client sent before the handshake may count after it.
        m_fromClient.clear();
        m_state = State::Handshake;
        m_client->flush();
        m_client->startServerEncryption();
    } else if (verb == "AUTH") {
        if (!m_ehloDone)
            return reply("503 5.5.1 Send EHLO first");
        const QList<QByteArray> words = argument.split(' ');
        authenticate(words.value(0).toUpper(), words.value(1));
    } else if (verb == "MAIL" || verb == "RCPT" || verb == "DATA" || verb == "BDAT") {
        reply("530 5.7.0 Authentication required");
    } else if (verb == "NOOP") {
        reply("250 2.0.0 OK");
    } else if (verb == "RSET") {
        reply("250 2.0.0 Reset state");
    } else if (verb == "QUIT") {
        reply("221 2.0.0 Bye");
        close();
    } else {
        reply("500 5.5.1 Invalid command");
    }
}

void SubmissionSession::authenticate(const QByteArray& mechanism, const QByteArray& initial)
{
    if (mechanism == "PLAIN") {
        m_state = State::AuthPlain;
        if (initial.isEmpty())
            return reply("334 ");
        return authAnswer(initial == "=" ? QByteArray() : initial);
    }
    if (mechanism == "LOGIN") {
        m_state = State::AuthLoginUser;
        if (initial.isEmpty())
            return reply(QByteArray("334 ") + bridge::kSaslLoginUserPrompt);
        return authAnswer(initial);
    }
    reply("504 5.5.4 Unrecognized authentication type");
}

void SubmissionSession::authAnswer(const QByteArray& line)
{
    if (line == "*") {
        m_state = State::Commands;
        return reply("501 5.7.0 Authentication cancelled");
    }
    const std::string_view text(line.constData(), static_cast<std::size_t>(line.size()));
    if (m_state == State::AuthLoginUser) {
        const auto user = bridge::decodeSaslBase64(text);
        if (!user) {
            m_state = State::Commands;
            return reply("501 5.5.2 Invalid base64");
        }
        m_loginUser = QString::fromStdString(*user);
        m_state = State::AuthLoginPassword;
        return reply(QByteArray("334 ") + bridge::kSaslLoginPasswordPrompt);
    }
    if (m_state == State::AuthLoginPassword) {
        const auto password = bridge::decodeSaslBase64(text);
        return login(m_loginUser, password ? QString::fromStdString(*password) : QString());
    }
    // PLAIN, as an initial response or an answer to "334 ".
    const auto credentials = bridge::decodeSaslPlain(text);
    if (!credentials) {
        m_state = State::Commands;
        return reply("501 5.5.2 Invalid PLAIN response");
    }
    login(QString::fromStdString(credentials->user), QString::fromStdString(credentials->password));
}

void SubmissionSession::login(const QString& user, const QString& password)
{
    const auto known = m_settings.passwords.constFind(user);
    if (known == m_settings.passwords.cend() || *known != password) {
        m_state = State::Commands;
        return reply("535 5.7.8 Authentication credentials invalid");
    }
    reply("235 2.7.0 Authentication succeeded");
    m_state = State::Relaying;
}

void SubmissionSession::forwardBuffered()
{
    if (!m_fromBackend.isEmpty())
        m_client->write(std::exchange(m_fromBackend, {}));
    if (!m_fromClient.isEmpty())
        m_backend->write(std::exchange(m_fromClient, {}));
}

void SubmissionSession::backendReadable()
{
    if (m_state == State::Relaying) {
        m_client->write(m_backend->readAll());
        return;
    }
    m_fromBackend += m_backend->readAll();
    for (QByteArray r = takeReply(m_fromBackend); !r.isEmpty(); r = takeReply(m_fromBackend))
        backendReply(r);
}

void SubmissionSession::backendReply(const QByteArray& reply)
{
    if (m_state == State::Greeting && m_awaited == Awaited::Greeting) {
        if (!reply.startsWith("220")) {
            this->reply(reply);
            return close();
        }
        m_backendGreeting = reply;
        return greetIfReady();
    }
    if (m_state != State::WaitingForBackend)
        return; // nothing else is asked of the backend before the login
    const bool ok = reply.startsWith("250");
    if (ok)
        m_backendHello = reply;
    // After HELO, AUTH is not advertised, but a client may still try it.
    m_ehloDone = ok;
    this->reply(m_awaited == Awaited::Ehlo && ok ? withOurExtensions(reply) : reply);
    m_state = State::Commands;
    processCommands();
}

// OpenSMTPD's EHLO answer, with STARTTLS (until the session is encrypted) and
// AUTH after its first line, since the gateway is the one doing those.
QByteArray SubmissionSession::withOurExtensions(const QByteArray& ehloReply) const
{
    QList<QByteArray> lines;
    for (const QByteArray& l : ehloReply.split('\n')) {
        const QByteArray trimmed = l.trimmed();
        if (trimmed.size() >= 4)
            lines << trimmed.mid(4);
    }
    QList<QByteArray> ours;
    if (!m_client->isEncrypted())
        ours << "STARTTLS";
    ours << "AUTH PLAIN LOGIN";
    for (qsizetype i = 0; i < ours.size(); ++i)
        lines.insert(1 + i, ours[i]);
    QByteArray out;
    for (qsizetype i = 0; i < lines.size(); ++i)
        out += (i + 1 < lines.size() ? "250-" : "250 ") + lines[i] + "\r\n";
    return out;
}

// Closes both sides; finished() comes once the client's socket has written
// what it still held (a last reply) and is disconnected.
void SubmissionSession::close()
{
    if (m_state == State::Closed)
        return;
    if (m_state == State::Relaying && m_backend->bytesAvailable() > 0)
        m_client->write(m_backend->readAll());
    m_state = State::Closed;
    if (m_backend->state() != QAbstractSocket::UnconnectedState)
        m_backend->disconnectFromHost();
    if (m_client->state() == QAbstractSocket::ConnectedState)
        m_client->disconnectFromHost();
    else
        finish();
}

void SubmissionSession::finish()
{
    if (m_finished)
        return;
    m_finished = true;
    emit finished();
}

} // namespace cachet::test
