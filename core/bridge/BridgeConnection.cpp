#include "bridge/BridgeConnection.h"

namespace cachet::bridge {

namespace {
constexpr qint64 kReadPiece = 256 * 1024;
// A paused answer goes on once the client has read all but this much.
constexpr std::size_t kDrainedBelow = 1024 * 1024;
} // namespace

BridgeConnection::BridgeConnection(QSslSocket* socket, const QSslConfiguration& tls, bool implicitTls,
                                   const SessionFactory& factory, QObject* parent)
    : QObject(parent), m_socket(socket)
{
    m_socket->setParent(this);
    m_socket->setSslConfiguration(tls);
    m_session = factory(*this);
    m_idle.setSingleShot(true);
    m_idle.setInterval(std::chrono::duration_cast<std::chrono::milliseconds>(m_session->idleLimit()));
    connect(&m_idle, &QTimer::timeout, this, [this] {
        if (!m_closing)
            m_session->timedOut();
    });
    // Qt would otherwise read from the kernel without limit for a session that is not reading.
    m_socket->setReadBufferSize(kReadPiece);
    connect(m_socket, &QSslSocket::readyRead, this, &BridgeConnection::readAvailable);
    connect(m_socket, &QSslSocket::bytesWritten, this, &BridgeConnection::written);
    connect(m_socket, &QSslSocket::encryptedBytesWritten, this, &BridgeConnection::written);
    connect(m_socket, &QSslSocket::disconnected, this, &BridgeConnection::finish);
    connect(m_socket, &QSslSocket::errorOccurred, this, [this](QAbstractSocket::SocketError) {
        // A reset, or a failed TLS handshake: nothing more can be said to this client.
        if (m_socket->state() != QAbstractSocket::ConnectedState)
            finish();
    });
    connect(m_socket, &QSslSocket::sslErrors, this, [this](const QList<QSslError>&) { m_socket->abort(); });
    connect(m_socket, &QSslSocket::encrypted, this, [this, implicitTls] {
        if (implicitTls)
            m_session->start();
    });
    restartIdleTimer();
    if (implicitTls)
        m_socket->startServerEncryption();
    else
        m_session->start();
}

BridgeConnection::~BridgeConnection()
{
    // The session goes first: it may still unregister from shared state.
    m_session.reset();
}

void BridgeConnection::readAvailable()
{
    if (m_closing)
        return;
    restartIdleTimer();
    // Read in bounded pieces: the session's reader bounds what it keeps, and
    // this bounds what is handed over at once.
    while (!m_closing && m_session->wantsInput() && m_socket->bytesAvailable() > 0) {
        const QByteArray chunk = m_socket->read(kReadPiece);
        if (chunk.isEmpty())
            break;
        m_session->received(std::string_view(chunk.constData(), static_cast<std::size_t>(chunk.size())));
    }
}

void BridgeConnection::written()
{
    if (m_closing || pendingBytes() > kDrainedBelow)
        return;
    m_session->drained();
    // Input left in the socket while the session was busy: readyRead will not come again for it.
    if (!m_closing && m_session->wantsInput() && m_socket->bytesAvailable() > 0)
        readAvailable();
}

std::size_t BridgeConnection::pendingBytes() const
{
    return static_cast<std::size_t>(m_socket->bytesToWrite() + m_socket->encryptedBytesToWrite());
}

void BridgeConnection::restartIdleTimer()
{
    m_idle.start();
}

void BridgeConnection::send(std::string_view bytes)
{
    if (m_socket->state() == QAbstractSocket::ConnectedState)
        m_socket->write(bytes.data(), static_cast<qint64>(bytes.size()));
}

void BridgeConnection::startTls()
{
    m_socket->flush();
    m_socket->startServerEncryption();
}

bool BridgeConnection::isEncrypted() const
{
    return m_socket->isEncrypted();
}

void BridgeConnection::close()
{
    if (m_closing)
        return;
    m_closing = true;
    m_idle.stop();
    // disconnectFromHost writes what is pending first.
    m_socket->disconnectFromHost();
    if (m_socket->state() == QAbstractSocket::UnconnectedState)
        finish();
}

std::string BridgeConnection::peerAddress() const
{
    // Every loopback address is one client for the login lockout: on Linux a
    // program can connect from any 127.x.y.z, which would otherwise give it a
    // fresh set of tries per address.
    const QHostAddress peer = m_socket->peerAddress();
    return peer.isLoopback() ? std::string("loopback") : peer.toString().toStdString();
}

void BridgeConnection::finish()
{
    if (m_finished)
        return;
    m_finished = true;
    m_closing = true;
    m_idle.stop();
    emit finished();
    deleteLater();
}

} // namespace cachet::bridge
