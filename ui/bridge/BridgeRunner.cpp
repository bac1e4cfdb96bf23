#include "BridgeRunner.h"

#include "BridgeHost.h"

#include <QThread>

namespace cachet::ui {

namespace {
constexpr bridge::BridgePorts kNoPorts{0, 0, 0, 0};
}

BridgeRunner::BridgeRunner(QString storePath, store::StoreKey key, QString gnupgHome, QObject* parent)
    : QObject(parent), m_storePath(std::move(storePath)), m_key(std::move(key)), m_gnupgHome(std::move(gnupgHome))
{
    launch();
}

BridgeRunner::~BridgeRunner()
{
    // Not stop(): no stateChanged from an object being destroyed.
    endThread();
}

void BridgeRunner::launch()
{
    m_thread = std::make_unique<QThread>();
    m_thread->setObjectName("bridge");
    m_host = new BridgeHost(m_storePath, m_key, m_gnupgHome);
    m_host->moveToThread(m_thread.get());
    // Deleted on its own thread, after its event loop has ended: its sockets and store connection were made there.
    connect(m_thread.get(), &QThread::finished, m_host, &QObject::deleteLater);

    m_hostAnswers = std::make_unique<QObject>();
    QObject* answers = m_hostAnswers.get();
    connect(m_host, &BridgeHost::credentialsChanged, answers, [this](const BridgeCredentials& credentials) {
        m_credentials = credentials;
        emit stateChanged();
    });
    connect(m_host, &BridgeHost::listening, answers,
            [this](const bridge::BridgePorts& ports) { setState(State::Running, ports); });
    connect(m_host, &BridgeHost::closed, answers, [this] { setState(State::Off, kNoPorts); });
    connect(m_host, &BridgeHost::failed, answers, [this](const QString& reason) { emit failed(reason); });
    connect(m_host, &BridgeHost::localChange, this, &BridgeRunner::localChange, Qt::DirectConnection);

    m_thread->start();
    QMetaObject::invokeMethod(m_host, &BridgeHost::open, Qt::QueuedConnection);
}

void BridgeRunner::start()
{
    listen(std::nullopt);
}

void BridgeRunner::start(const bridge::BridgePorts& requested)
{
    listen(requested);
}

void BridgeRunner::listen(std::optional<bridge::BridgePorts> requested)
{
    if (!m_thread)
        launch();
    setState(State::Starting, m_ports);
    QMetaObject::invokeMethod(m_host, [host = m_host, requested] { host->listen(requested); }, Qt::QueuedConnection);
}

void BridgeRunner::stopListening()
{
    if (!m_thread)
        return;
    setState(State::Stopping, m_ports);
    QMetaObject::invokeMethod(m_host, &BridgeHost::close, Qt::QueuedConnection);
}

void BridgeRunner::stop()
{
    if (!m_thread)
        return;
    endThread();
    setState(State::Off, kNoPorts);
}

void BridgeRunner::endThread()
{
    if (!m_thread)
        return;
    // Ends the thread's event loop after the request it is handling; the host, and with it the
    // server and its connections, is deleted on the thread as it finishes.
    m_thread->quit();
    m_thread->wait();
    m_thread.reset();
    m_host = nullptr;
    m_hostAnswers.reset(); // answers the thread sent before it ended are no longer true
}

void BridgeRunner::regeneratePassword()
{
    if (!m_thread)
        launch();
    QMetaObject::invokeMethod(m_host, &BridgeHost::regeneratePassword, Qt::QueuedConnection);
}

void BridgeRunner::setState(State state, bridge::BridgePorts ports)
{
    m_state = state;
    m_ports = ports;
    emit stateChanged();
}

} // namespace cachet::ui
