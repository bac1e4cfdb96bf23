#include "sync/ImapConnection.h"

#include "sync/CertificatePolicy.h"

#include "imap/Capabilities.h"
#include "imap/ImapWriter.h"
#include "imap/ListResponse.h"
#include "text/AsciiText.h"

#include <QByteArray>
#include <QDeadlineTimer>
#include <QHostAddress>

namespace cachet::sync {

using Stage = ProviderError::Stage;

ImapConnection::ImapConnection(store::Account account, int timeoutMs)
    : m_account(std::move(account)), m_timeoutMs(timeoutMs)
{
}

ImapConnection::~ImapConnection()
{
    if (m_socket)
        m_socket->abort();
}

bool ImapConnection::isOpen() const
{
    return m_socket && m_socket->state() == QAbstractSocket::ConnectedState;
}

std::string ImapConnection::capabilityText() const
{
    std::string out;
    for (const std::string& c : m_capabilities.names()) {
        if (!out.empty())
            out += ' ';
        out += c;
    }
    return out;
}

void ImapConnection::dropped(const std::string& what)
{
    if (m_socket)
        m_socket->abort();
    throw ProviderError(Stage::Connection, what);
}

void ImapConnection::tlsFailed(const std::string& what)
{
    // A refused certificate says which, so the user can pin it if they trust it.
    if (!m_certificateSha256.empty())
        throw ProviderError(Stage::Tls,
                            "the IMAP server's certificate does not verify (" + m_certificateProblem
                                + "); its SHA-256 is " + colonSeparated(m_certificateSha256),
                            m_certificateSha256);
    throw ProviderError(Stage::Tls, what + ": " + m_socket->errorString().toStdString());
}

void ImapConnection::connectSocket()
{
    const store::ServerAddress& server = m_account.imap;
    m_socket = std::make_unique<QSslSocket>();
    m_socket->setPeerVerifyName(QString::fromStdString(server.host));
    // The account's rule decides; Qt's verdict is one input to it.
    QObject::connect(m_socket.get(), &QSslSocket::sslErrors, [this](const QList<QSslError>& errors) {
        const CertificateCheck check = checkCertificate(m_socket->peerCertificate(), errors, m_account.pins);
        m_certificateSha256 = check.sha256;
        m_certificateProblem = check.problem;
        if (check.accepted)
            m_socket->ignoreSslErrors();
    });
    if (server.security == store::Security::Tls)
        m_socket->connectToHostEncrypted(QString::fromStdString(server.host), server.port);
    else
        m_socket->connectToHost(QString::fromStdString(server.host), server.port);
    if (!m_socket->waitForConnected(m_timeoutMs)) {
        const auto error = m_socket->error();
        const std::string why = m_socket->errorString().toStdString();
        if (error == QAbstractSocket::HostNotFoundError)
            throw ProviderError(Stage::NameLookup, "cannot find " + server.host + ": " + why);
        throw ProviderError(Stage::Connect,
                            "cannot connect to " + server.host + " port " + std::to_string(server.port) + ": " + why);
    }
    if (server.security == store::Security::Tls && !m_socket->waitForEncrypted(m_timeoutMs))
        tlsFailed("TLS with the IMAP server failed");
}

void ImapConnection::open()
{
    m_reader = imap::ResponseReader();
    m_capabilities = {};
    m_early.clear();
    connectSocket();
    readGreeting();
    if (m_capabilities.names().empty())
        fetchCapabilities();
    if (m_account.imap.security == store::Security::StartTls) {
        startTls();
        fetchCapabilities(); // what was said in the clear does not count (RFC 3501 §6.2.1)
    }
    login();
    std::string enable;
    if (has("CONDSTORE"))
        enable += " CONDSTORE";
    if (has("QRESYNC"))
        enable += " QRESYNC";
    if (!enable.empty() && has("ENABLE"))
        run("ENABLE" + enable, [this](imap::Response& r) {
            if (!r.isData("ENABLED"))
                return;
            for (const imap::ImapArg& arg : r.args) {
                if (arg.isAtom("QRESYNC"))
                    m_qresync = true;
            }
        }, true);
}

void ImapConnection::readGreeting()
{
    imap::Response greeting;
    try {
        greeting = next();
    } catch (const ProviderError& e) {
        throw ProviderError(Stage::Greeting, std::string("no IMAP greeting: ") + e.what());
    }
    if (greeting.kind != imap::Response::Kind::Untagged
        || (greeting.status != imap::Response::Status::Ok && greeting.status != imap::Response::Status::PreAuth))
        throw ProviderError(Stage::Greeting, "the server did not greet as an IMAP server: " + greeting.text);
    readCapabilities(greeting);
}

void ImapConnection::readCapabilities(const imap::Response& response)
{
    if (auto caps = imap::Capabilities::from(response))
        m_capabilities = std::move(*caps);
}

void ImapConnection::fetchCapabilities()
{
    const imap::Response done = run("CAPABILITY", [this](imap::Response& r) { readCapabilities(r); });
    readCapabilities(done);
    if (!has("IMAP4REV1") && !has("IMAP4REV2"))
        throw ProviderError(Stage::Capabilities, "the server is not an IMAP4rev1 server (it announces: "
                                                     + capabilityText() + ")");
}

void ImapConnection::startTls()
{
    if (!has("STARTTLS"))
        throw ProviderError(Stage::Tls, "the IMAP server does not offer STARTTLS; choose tls or another port");
    run("STARTTLS");
    m_reader = imap::ResponseReader(); // nothing said before the handshake counts
    m_socket->startClientEncryption();
    if (!m_socket->waitForEncrypted(m_timeoutMs))
        tlsFailed("STARTTLS with the IMAP server failed");
}

void ImapConnection::login()
{
    if (has("LOGINDISABLED") && !has("AUTH=PLAIN"))
        throw ProviderError(Stage::Authentication, "the server allows no login on this connection (LOGINDISABLED)");
    imap::Response done;
    if (has("AUTH=PLAIN")) {
        const std::string token = std::string(1, '\0') + m_account.username + '\0' + m_account.password;
        const std::string encoded = QByteArray::fromStdString(token).toBase64().toStdString();
        if (has("SASL-IR")) {
            done = run("AUTHENTICATE PLAIN " + encoded, {}, true);
        } else {
            const std::string tag = start("AUTHENTICATE PLAIN");
            imap::Response r = next();
            if (r.kind != imap::Response::Kind::Continuation)
                throw ProviderError(Stage::Authentication, "the server did not take AUTHENTICATE PLAIN: " + r.text);
            write(encoded + "\r\n");
            done = finish(tag);
        }
    } else {
        // A password that needs a literal gets one, sent only after the server's "+".
        imap::ClientCommand login = command("LOGIN");
        login.astring(m_account.username).astring(m_account.password);
        done = run(std::move(login));
    }
    if (done.status != imap::Response::Status::Ok)
        throw ProviderError(Stage::Authentication, "the server refused the login: " + done.text);
    readCapabilities(done);
    if (!done.hasCode("CAPABILITY"))
        fetchCapabilities(); // they may change with the login
}

char ImapConnection::delimiter()
{
    if (m_delimiter)
        return m_delimiter;
    m_delimiter = '/';
    run("LIST \"\" \"\"", [this](imap::Response& r) {
        if (auto entry = imap::readList(r); entry && entry->delimiter)
            m_delimiter = *entry->delimiter;
    });
    return m_delimiter;
}

void ImapConnection::write(const std::string& bytes)
{
    if (!m_socket || m_socket->write(bytes.data(), static_cast<qint64>(bytes.size())) != static_cast<qint64>(bytes.size()))
        dropped("the connection to the IMAP server was closed");
    // Blocking mode: hand everything to the kernel before reading the answer.
    while (m_socket->bytesToWrite() > 0) {
        if (!m_socket->waitForBytesWritten(m_timeoutMs))
            dropped("the IMAP server stopped reading: " + m_socket->errorString().toStdString());
    }
}

std::string ImapConnection::start(const std::string& command)
{
    const std::string tag = m_tags.next();
    write(tag + " " + command + "\r\n");
    return tag;
}

imap::Response ImapConnection::next()
{
    for (;;) {
        switch (m_reader.next()) {
        case imap::ResponseReader::Status::Response:
            return m_reader.takeResponse();
        case imap::ResponseReader::Status::Error:
            dropped("the IMAP server sent something that is not IMAP: " + m_reader.errorText());
        case imap::ResponseReader::Status::NeedMore:
            break;
        }
        if (!m_socket || m_socket->state() != QAbstractSocket::ConnectedState)
            dropped("the IMAP server closed the connection");
        if (m_socket->bytesAvailable() == 0 && !m_socket->waitForReadyRead(m_timeoutMs)) {
            if (m_socket->state() != QAbstractSocket::ConnectedState)
                dropped("the IMAP server closed the connection");
            dropped("the IMAP server did not answer for " + std::to_string(m_timeoutMs / 1000) + " s");
        }
        const QByteArray bytes = m_socket->read(256 * 1024);
        m_reader.feed(std::string_view(bytes.constData(), static_cast<std::size_t>(bytes.size())));
    }
}

imap::Response ImapConnection::finish(const std::string& tag, const Untagged& untagged)
{
    if (auto early = m_early.find(tag); early != m_early.end()) {
        imap::Response r = std::move(early->second);
        m_early.erase(early);
        return r;
    }
    for (;;) {
        imap::Response r = next();
        if (r.kind == imap::Response::Kind::Tagged) {
            if (r.tag == tag)
                return r;
            m_early.emplace(r.tag, std::move(r));
            continue;
        }
        if (r.kind == imap::Response::Kind::Untagged && r.status == imap::Response::Status::Bye)
            dropped("the IMAP server ended the session: " + r.text);
        if (r.kind == imap::Response::Kind::Untagged && untagged)
            untagged(r);
    }
}

imap::Response ImapConnection::run(const std::string& command, const Untagged& untagged, bool allowNo)
{
    imap::Response r = finish(start(command), untagged);
    if (r.status != imap::Response::Status::Ok && !allowNo) {
        std::string verb = command.substr(0, command.find(' '));
        throw ProviderError(Stage::Protocol, "the IMAP server answered " + verb + " with "
                                                 + (r.status == imap::Response::Status::No ? "NO " : "BAD ") + r.text);
    }
    return r;
}

imap::ClientCommand ImapConnection::command(std::string_view name) const
{
    return imap::ClientCommand(m_tags.next(), name, imap::literalModeFor(m_capabilities));
}

imap::Response ImapConnection::run(imap::ClientCommand command, const Untagged& untagged)
{
    const std::string tag = command.tag();
    std::vector<std::string> pieces = command.takePieces();
    for (std::size_t i = 0; i < pieces.size(); ++i) {
        write(pieces[i]);
        if (i + 1 == pieces.size())
            break;
        // The next piece waits for "+"; a tagged answer instead ends the command.
        for (;;) {
            imap::Response r = next();
            if (r.kind == imap::Response::Kind::Continuation)
                break;
            if (r.kind == imap::Response::Kind::Tagged && r.tag == tag)
                return r;
            if (r.kind == imap::Response::Kind::Tagged) {
                m_early.emplace(r.tag, std::move(r));
                continue;
            }
            if (r.kind == imap::Response::Kind::Untagged && r.status == imap::Response::Status::Bye)
                dropped("the IMAP server ended the session: " + r.text);
            if (untagged)
                untagged(r);
        }
    }
    return finish(tag, untagged);
}

bool ImapConnection::idle(int maxSeconds, const std::function<bool()>& wakeUp)
{
    const std::string tag = start("IDLE");
    bool changed = false;
    for (;;) {
        imap::Response r = next();
        if (r.kind == imap::Response::Kind::Continuation)
            break;
        if (r.kind == imap::Response::Kind::Tagged && r.tag == tag)
            throw ProviderError(Stage::Protocol, "the IMAP server refused IDLE: " + r.text);
        if (r.kind == imap::Response::Kind::Untagged && r.status == imap::Response::Status::Bye)
            dropped("the IMAP server ended the session: " + r.text);
        // Changes the server held back until this command (RFC 3501 §5.2), as
        // mail that came while the connection was not idling, count too.
        if (r.kind == imap::Response::Kind::Untagged && r.status == imap::Response::Status::None)
            changed = true;
    }
    QDeadlineTimer deadline{std::chrono::seconds(maxSeconds)};
    // Short waits, so a local change (wakeUp) is pushed within a second.
    while (!changed && !deadline.hasExpired() && !(wakeUp && wakeUp())) {
        for (auto status = m_reader.next(); status != imap::ResponseReader::Status::NeedMore; status = m_reader.next()) {
            if (status == imap::ResponseReader::Status::Error)
                dropped("the IMAP server sent something that is not IMAP: " + m_reader.errorText());
            const imap::Response r = m_reader.takeResponse();
            if (r.kind == imap::Response::Kind::Untagged && r.status == imap::Response::Status::Bye)
                dropped("the IMAP server ended the session: " + r.text);
            if (r.kind == imap::Response::Kind::Untagged && r.status == imap::Response::Status::None)
                changed = true; // EXISTS, EXPUNGE, FETCH, VANISHED
        }
        if (changed)
            break;
        if (m_socket->state() != QAbstractSocket::ConnectedState)
            dropped("the IMAP server closed the connection");
        if (m_socket->bytesAvailable() > 0 || m_socket->waitForReadyRead(1000)) {
            const QByteArray bytes = m_socket->read(256 * 1024);
            m_reader.feed(std::string_view(bytes.constData(), static_cast<std::size_t>(bytes.size())));
        }
    }
    write("DONE\r\n");
    finish(tag, [&](imap::Response& r) {
        if (r.status == imap::Response::Status::None)
            changed = true;
    });
    return changed;
}

void ImapConnection::logout()
{
    if (!isOpen())
        return;
    try {
        run("LOGOUT", {}, true);
    } catch (const ProviderError&) {
        // Already gone: nothing to undo.
    }
    m_socket->disconnectFromHost();
}

} // namespace cachet::sync
