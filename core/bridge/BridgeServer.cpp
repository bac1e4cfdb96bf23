#include "bridge/BridgeServer.h"

#include "bridge/ImapSession.h"
#include "bridge/SmtpSession.h"

#include <QSslCertificate>
#include <QSslKey>

namespace cachet::bridge {

namespace {

QSslConfiguration tlsConfiguration(const BridgeIdentity& identity)
{
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setLocalCertificate(QSslCertificate(QByteArray::fromStdString(identity.certificatePem), QSsl::Pem));
    tls.setPrivateKey(QSslKey(QByteArray::fromStdString(identity.privateKeyPem), QSsl::Ec, QSsl::Pem));
    tls.setPeerVerifyMode(QSslSocket::VerifyNone); // clients have no certificates
    tls.setProtocol(QSsl::TlsV1_2OrLater);
    return tls;
}

} // namespace

BridgeServer::BridgeServer(store::Store& store, BridgeIdentity identity, QString gnupgHome, BridgeLimits limits,
                           QObject* parent)
    : QObject(parent),
      m_identity(std::move(identity)),
      m_authenticator(m_identity),
      m_context{store, m_identity, m_authenticator, m_events, limits, std::move(gnupgHome)}
{
}

BridgeServer::~BridgeServer()
{
    stop();
}

bool BridgeServer::listenFrom(BridgeListener& listener, quint16 first, std::string& error)
{
    if (first == 0) {
        if (listener.listen(0))
            return true;
    } else {
        // The next free port, as Proton Mail Bridge does when 1143 is taken.
        for (quint32 port = first; port < std::min<quint32>(first + 100u, 65536u); ++port) {
            if (listener.listen(static_cast<quint16>(port)))
                return true;
        }
    }
    error = "no free port on 127.0.0.1 from " + std::to_string(first);
    return false;
}

bool BridgeServer::start(const BridgePorts& requested, std::string& error)
{
    stop();
    const QSslConfiguration tls = tlsConfiguration(m_identity);
    auto imapFactory = [this](SessionTransport& t) { return std::make_unique<ImapSession>(m_context, t); };
    auto smtpFactory = [this](SessionTransport& t) { return std::make_unique<SmtpSession>(m_context, t); };
    const int cap = m_context.limits.maxConnections;
    const std::string imapRefusal = "* BYE Too many connections to the Cachet bridge.\r\n";
    const std::string smtpRefusal = "421 4.7.0 Too many connections to the Cachet bridge.\r\n";
    m_imap = std::make_unique<BridgeListener>(tls, BridgeListener::Options{false, cap, imapRefusal}, imapFactory);
    m_imaps = std::make_unique<BridgeListener>(tls, BridgeListener::Options{true, cap, imapRefusal}, imapFactory);
    m_smtp = std::make_unique<BridgeListener>(tls, BridgeListener::Options{false, cap, smtpRefusal}, smtpFactory);
    m_smtps = std::make_unique<BridgeListener>(tls, BridgeListener::Options{true, cap, smtpRefusal}, smtpFactory);
    if (!listenFrom(*m_imap, requested.imap, error) || !listenFrom(*m_imaps, requested.imaps, error)
        || !listenFrom(*m_smtp, requested.smtp, error) || !listenFrom(*m_smtps, requested.smtps, error)) {
        stop();
        return false;
    }
    return true;
}

BridgePorts BridgeServer::ports() const
{
    BridgePorts p;
    p.imap = m_imap ? m_imap->port() : 0;
    p.imaps = m_imaps ? m_imaps->port() : 0;
    p.smtp = m_smtp ? m_smtp->port() : 0;
    p.smtps = m_smtps ? m_smtps->port() : 0;
    return p;
}

void BridgeServer::replacePassword(std::string password)
{
    m_identity.password = std::move(password); // the Authenticator reads it from here
    for (BridgeListener* listener : {m_imap.get(), m_imaps.get(), m_smtp.get(), m_smtps.get()}) {
        if (listener)
            listener->closeConnections();
    }
}

void BridgeServer::stop()
{
    m_imap.reset();
    m_imaps.reset();
    m_smtp.reset();
    m_smtps.reset();
}

} // namespace cachet::bridge
