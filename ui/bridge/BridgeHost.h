#pragma once
// The bridge's side of BridgeRunner: lives on the bridge's thread and owns
// everything that runs there, the store connection (opened on that thread)
// and the BridgeServer. Each call is queued to it by BridgeRunner; each answer
// is a signal, which reaches the GUI thread queued.

#include "BridgeCredentials.h"

#include "bridge/BridgeIdentity.h"
#include "bridge/BridgeServer.h"
#include "store/Store.h"
#include "store/StoreKey.h"

#include <QObject>
#include <QString>

#include <memory>
#include <optional>

namespace cachet::ui {

class BridgeHost : public QObject {
    Q_OBJECT
public:
    BridgeHost(QString storePath, store::StoreKey key, QString gnupgHome);
    ~BridgeHost() override;

    // The store connection, the identity (made the first time) and the server, not yet listening.
    void open();
    // Listens on `requested`, or on the ports recorded by the last start (else the defaults).
    void listen(std::optional<bridge::BridgePorts> requested);
    void close();
    void regeneratePassword();

signals:
    void credentialsChanged(cachet::ui::BridgeCredentials credentials);
    void listening(cachet::bridge::BridgePorts ports);
    void closed();
    void failed(QString reason);
    // MailboxEvents::localChange, on this thread, after the commit.
    void localChange();

private:
    bool ensureOpen();
    void announce(const bridge::BridgeIdentity& identity);

    QString m_storePath;
    store::StoreKey m_key;
    QString m_gnupgHome;
    // Declared before the server, which writes through it, so it is closed after the server.
    std::optional<store::Store> m_store;
    std::unique_ptr<bridge::BridgeServer> m_server;
};

} // namespace cachet::ui
