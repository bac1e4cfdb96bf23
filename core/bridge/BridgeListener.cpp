#include "bridge/BridgeListener.h"

#include <QPointer>

namespace cachet::bridge {

// QTcpServer hands over sockets as QTcpSocket; TLS needs a QSslSocket made from
// the descriptor instead, so the listener takes the descriptor itself.
class BridgeListener::Server : public QTcpServer {
public:
    explicit Server(BridgeListener& owner) : m_owner(owner) {}

protected:
    void incomingConnection(qintptr descriptor) override { m_owner.accept(descriptor); }

private:
    BridgeListener& m_owner;
};

BridgeListener::BridgeListener(QSslConfiguration tls, Options options, BridgeConnection::SessionFactory factory,
                               QObject* parent)
    : QObject(parent), m_tls(std::move(tls)), m_options(std::move(options)), m_factory(std::move(factory))
{
}

BridgeListener::~BridgeListener()
{
    close();
}

bool BridgeListener::listen(quint16 port)
{
    close();
    auto v4 = std::make_unique<Server>(*this);
    if (!v4->listen(QHostAddress::LocalHost, port))
        return false;
    const quint16 actual = v4->serverPort();
    m_servers.push_back(std::move(v4));
    auto v6 = std::make_unique<Server>(*this);
    if (v6->listen(QHostAddress::LocalHostIPv6, actual)) {
        m_servers.push_back(std::move(v6));
    } else if (v6->serverError() == QAbstractSocket::AddressInUseError) {
        // Someone else has ::1 on this port: the port is not free after all.
        close();
        return false;
    }
    return true;
}

quint16 BridgeListener::port() const
{
    return m_servers.empty() ? 0 : m_servers.front()->serverPort();
}

bool BridgeListener::hasIpv6() const
{
    return m_servers.size() > 1;
}

void BridgeListener::close()
{
    for (auto& server : m_servers)
        server->close();
    m_servers.clear();
}

void BridgeListener::closeConnections()
{
    for (BridgeConnection* connection : findChildren<BridgeConnection*>(Qt::FindDirectChildrenOnly))
        connection->close();
}

void BridgeListener::accept(qintptr descriptor)
{
    auto* socket = new QSslSocket;
    if (!socket->setSocketDescriptor(descriptor)) {
        delete socket;
        return;
    }
    if (m_active >= m_options.maxConnections) {
        socket->write(m_options.refusal.data(), static_cast<qint64>(m_options.refusal.size()));
        connect(socket, &QSslSocket::disconnected, socket, &QObject::deleteLater);
        socket->disconnectFromHost();
        return;
    }
    ++m_active;
    auto* connection = new BridgeConnection(socket, m_tls, m_options.implicitTls, m_factory, this);
    connect(connection, &BridgeConnection::finished, this, [this] { --m_active; });
}

} // namespace cachet::bridge
