#include "BridgeHost.h"

#include "bridge/BridgeSettings.h"

namespace cachet::ui {

BridgeHost::BridgeHost(QString storePath, store::StoreKey key, QString gnupgHome)
    : m_storePath(std::move(storePath)), m_key(std::move(key)), m_gnupgHome(std::move(gnupgHome))
{
}

BridgeHost::~BridgeHost() = default;

void BridgeHost::open()
{
    ensureOpen();
}

bool BridgeHost::ensureOpen()
{
    if (m_server)
        return true;
    try {
        if (!m_store)
            m_store.emplace(store::Store::open(m_storePath, m_key));
        const bridge::BridgeIdentity identity = bridge::loadBridgeIdentity(m_store->db());
        m_server = std::make_unique<bridge::BridgeServer>(*m_store, identity, m_gnupgHome);
        // Direct: this object's signal is emitted here, on the bridge's thread, right after the commit.
        connect(&m_server->context().events, &bridge::MailboxEvents::localChange, this, &BridgeHost::localChange,
                Qt::DirectConnection);
        announce(identity);
        return true;
    } catch (const std::exception& e) {
        // The store cannot be opened or read (busy, damaged): the next call tries again.
        m_store.reset();
        emit failed(tr("The bridge cannot read the profile: %1").arg(QString::fromStdString(e.what())));
        return false;
    }
}

void BridgeHost::listen(std::optional<bridge::BridgePorts> requested)
{
    if (!ensureOpen()) {
        emit closed();
        return;
    }
    try {
        const bridge::BridgePorts ports = bridge::startBridgeServer(
            *m_server, requested ? *requested : bridge::recordedBridgePorts(m_store->db()), m_store->db());
        emit listening(ports);
    } catch (const bridge::BridgeStartError& e) {
        emit failed(tr("The bridge cannot listen: %1").arg(QString::fromStdString(e.what())));
        emit closed();
    } catch (const std::exception& e) {
        // Listening, but its ports could not be recorded: stop rather than serve on ports nobody is told of.
        m_server->stop();
        emit failed(tr("The bridge cannot record its ports: %1").arg(QString::fromStdString(e.what())));
        emit closed();
    }
}

void BridgeHost::close()
{
    if (m_server)
        m_server->stop();
    emit closed();
}

void BridgeHost::regeneratePassword()
{
    if (!ensureOpen())
        return;
    try {
        const bridge::BridgeIdentity identity = bridge::resetBridgePassword(m_store->db());
        // Stored first: should the store fail, the old password still works and is still shown.
        m_server->replacePassword(identity.password);
        announce(identity);
    } catch (const std::exception& e) {
        emit failed(tr("No new password was made: %1").arg(QString::fromStdString(e.what())));
    }
}

void BridgeHost::announce(const bridge::BridgeIdentity& identity)
{
    emit credentialsChanged(BridgeCredentials{
        QString::fromStdString(identity.username), QString::fromStdString(identity.password),
        QByteArray::fromStdString(identity.certificatePem), QString::fromStdString(identity.certificateSha256)});
}

} // namespace cachet::ui
