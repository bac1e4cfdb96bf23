#pragma once
// One client connection of the bridge: a QSslSocket (plain until STARTTLS, or
// TLS from the start on the implicit-TLS ports) driving one protocol session.
// It owns the idle timer and closes itself; the listener only counts it.

#include "bridge/SessionTransport.h"

#include <QObject>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QTimer>

#include <functional>
#include <memory>

namespace cachet::bridge {

class BridgeConnection : public QObject, public SessionTransport {
    Q_OBJECT
public:
    using SessionFactory = std::function<std::unique_ptr<ProtocolSession>(SessionTransport&)>;

    // Takes the socket. With `implicitTls` the handshake comes first and the
    // greeting after it.
    BridgeConnection(QSslSocket* socket, const QSslConfiguration& tls, bool implicitTls, const SessionFactory& factory,
                     QObject* parent = nullptr);
    ~BridgeConnection() override;

    // SessionTransport
    void send(std::string_view bytes) override;
    void startTls() override;
    bool isEncrypted() const override;
    void close() override;
    std::string peerAddress() const override;
    std::size_t pendingBytes() const override;

signals:
    void finished();

private:
    void readAvailable();
    void written();
    void restartIdleTimer();
    void finish();

    QSslSocket* m_socket;
    std::unique_ptr<ProtocolSession> m_session;
    QTimer m_idle;
    bool m_closing = false;
    bool m_finished = false;
};

} // namespace cachet::bridge
