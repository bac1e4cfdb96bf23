#include "provider/SubmissionGateway.h"

#include <QHostAddress>
#include <QSslSocket>
#include <QTcpServer>

#include <functional>
#include <memory>

namespace cachet::test {

namespace {

// QTcpServer hands over a QTcpSocket; TLS needs a QSslSocket made from the descriptor.
class Listener : public QTcpServer {
public:
    explicit Listener(std::function<void(qintptr)> accept) : m_accept(std::move(accept)) {}

protected:
    void incomingConnection(qintptr descriptor) override { m_accept(descriptor); }

private:
    std::function<void(qintptr)> m_accept;
};

} // namespace

// Lives in the gateway's thread: the listeners and, as its children, the sessions.
class SubmissionGateway::Worker : public QObject {
public:
    explicit Worker(SubmissionSettings settings) : m_settings(std::move(settings)) {}

    bool listen(quint16 plainPort, quint16 tlsPort, QString* error)
    {
        m_plain = std::make_unique<Listener>([this](qintptr d) { accept(d, false); });
        m_tls = std::make_unique<Listener>([this](qintptr d) { accept(d, true); });
        if (!m_plain->listen(QHostAddress::LocalHost, plainPort) || !m_tls->listen(QHostAddress::LocalHost, tlsPort)) {
            *error = QString("submission gateway cannot listen on ports %1 and %2: %3 %4")
                         .arg(plainPort)
                         .arg(tlsPort)
                         .arg(m_plain->errorString(), m_tls->errorString());
            m_plain.reset();
            m_tls.reset();
            return false;
        }
        return true;
    }

    quint16 plainPort() const { return m_plain ? m_plain->serverPort() : 0; }
    quint16 tlsPort() const { return m_tls ? m_tls->serverPort() : 0; }

private:
    void accept(qintptr descriptor, bool implicitTls)
    {
        auto* socket = new QSslSocket;
        if (!socket->setSocketDescriptor(descriptor)) {
            delete socket;
            return;
        }
        auto* session = new SubmissionSession(socket, implicitTls, m_settings, this);
        connect(session, &SubmissionSession::finished, session, &QObject::deleteLater);
    }

    SubmissionSettings m_settings;
    std::unique_ptr<Listener> m_plain;
    std::unique_ptr<Listener> m_tls;
};

SubmissionGateway::SubmissionGateway()
{
    m_thread.setObjectName("submission-gateway");
}

SubmissionGateway::~SubmissionGateway()
{
    stop();
}

bool SubmissionGateway::start(const SubmissionSettings& settings, quint16 plainPort, quint16 tlsPort, QString* error)
{
    stop();
    m_thread.start();
    m_worker = new Worker(settings);
    m_worker->moveToThread(&m_thread);
    bool ok = false;
    QMetaObject::invokeMethod(
        m_worker,
        [&] {
            ok = m_worker->listen(plainPort, tlsPort, error);
            m_plainPort = m_worker->plainPort();
            m_tlsPort = m_worker->tlsPort();
        },
        Qt::BlockingQueuedConnection);
    if (!ok)
        stop();
    return ok;
}

void SubmissionGateway::stop()
{
    // Deleted in its own thread as it finishes: the listeners and the sessions'
    // sockets close there, before wait() returns.
    if (m_worker)
        m_worker->deleteLater();
    m_worker = nullptr;
    m_thread.quit();
    m_thread.wait();
}

} // namespace cachet::test
