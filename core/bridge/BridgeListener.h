#pragma once
// One bridge port on loopback only: 127.0.0.1 and ::1 on the same port number.
// Each connection gets a BridgeConnection and a new session; past the
// connection cap a client is told so in its protocol's words and closed.

#include "bridge/BridgeConnection.h"

#include <QTcpServer>

#include <memory>
#include <string>
#include <vector>

namespace cachet::bridge {

class BridgeListener : public QObject {
    Q_OBJECT
public:
    struct Options {
        bool implicitTls = false;
        int maxConnections = 100;
        std::string refusal; // what a client past the cap is sent before closing, with CRLF
    };
    BridgeListener(QSslConfiguration tls, Options options, BridgeConnection::SessionFactory factory,
                   QObject* parent = nullptr);
    ~BridgeListener() override;

    // Listens on `port` on both loopback addresses (0: any free port). False,
    // with nothing listening, if 127.0.0.1 cannot be had; ::1 is optional
    // (machines without IPv6) and reported by hasIpv6().
    bool listen(quint16 port);
    quint16 port() const;
    bool hasIpv6() const;
    int activeConnections() const { return m_active; }
    // Stops listening; the connections open go with this object.
    void close();
    // Closes every client connection (what is queued for it is sent first); keeps listening.
    void closeConnections();

private:
    class Server;
    void accept(qintptr descriptor);

    QSslConfiguration m_tls;
    Options m_options;
    BridgeConnection::SessionFactory m_factory;
    std::vector<std::unique_ptr<QTcpServer>> m_servers;
    int m_active = 0;
};

} // namespace cachet::bridge
