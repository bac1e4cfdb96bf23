#pragma once
// The bridge inside the desktop app (ARCHITECTURE.md, "Threads", "The
// bridge"): a BridgeServer on a thread of its own, with a store connection of
// its own opened there, so the GUI thread never waits on what a mail program
// makes the bridge do (store writes, gpg signing a submission).
//
// This object lives on the GUI thread. Every request is queued to the bridge's
// thread and answered by stateChanged or failed, so nothing here blocks, except
// stop(), which is for shutdown. The thread runs from construction (to load the
// identity, which the panel shows while the bridge is off) until stop().

#include "BridgeCredentials.h"

#include "bridge/BridgeServer.h"
#include "store/StoreKey.h"

#include <QObject>
#include <QString>

#include <memory>
#include <optional>

class QThread;

namespace cachet::ui {

class BridgeHost;

class BridgeRunner : public QObject {
    Q_OBJECT
public:
    enum class State { Off, Starting, Running, Stopping };

    // `storePath` and `key`: the unlocked profile's (store::Profile::storePath(), key()), opened
    // again on the bridge's thread. `gnupgHome`: the profile's GNUPGHOME, held open by the app
    // (crypto::GnupgHome) for as long as this runs; submitted mail is signed there.
    BridgeRunner(QString storePath, store::StoreKey key, QString gnupgHome, QObject* parent = nullptr);
    ~BridgeRunner() override; // as stop(), without stateChanged
    BridgeRunner(const BridgeRunner&) = delete;
    BridgeRunner& operator=(const BridgeRunner&) = delete;

    // Listens on the ports the bridge got last time (recorded in the store), else the defaults
    // (bridge::BridgePorts{}); each the next free one if taken. Records the ports it gets.
    void start();
    // The same on `requested` (0: any free port).
    void start(const bridge::BridgePorts& requested);
    // Closes the ports and every connection, without waiting. The thread and its store
    // connection stay, for start() again.
    void stopListening();
    // Closes the ports and ends the thread, waiting for it: a submission being signed or a
    // message being stored finishes first. For shutdown only; stopListening() otherwise.
    // start() afterwards starts a new thread.
    void stop();

    State state() const { return m_state; }
    bool running() const { return m_state == State::Running; }
    // The ports listened on, all 0 unless running().
    bridge::BridgePorts ports() const { return m_ports; }

    // Empty until the bridge's thread has read them from the store (stateChanged follows).
    QString username() const { return m_credentials.username; }
    QString password() const { return m_credentials.password; }
    QByteArray certificatePem() const { return m_credentials.certificatePem; }
    QString certificateSha256() const { return m_credentials.certificateSha256; }

    // A new random password, stored (as `cachet-cli bridge --reset-password` does) and then the
    // only one the bridge accepts; connections open now are closed. stateChanged follows.
    void regeneratePassword();

signals:
    // On the GUI thread: state(), ports() or the credentials changed.
    void stateChanged();
    // On the GUI thread: what could not be done (a port taken, the store unreadable), in words for the user.
    void failed(const QString& reason);
    // On the bridge's thread, after the bridge committed a change the provider must hear of
    // (bridge::MailboxEvents::localChange). Connect it with Qt::DirectConnection to something
    // thread-safe, as sync::SyncLoop::noteLocalChange is, to push the change at once.
    void localChange();

private:
    void launch();
    void endThread();
    void setState(State state, bridge::BridgePorts ports);
    void listen(std::optional<bridge::BridgePorts> requested);

    QString m_storePath;
    store::StoreKey m_key;
    QString m_gnupgHome;
    std::unique_ptr<QThread> m_thread;
    BridgeHost* m_host = nullptr;            // on m_thread; deleted there when it finishes
    std::unique_ptr<QObject> m_hostAnswers;  // receives the host's signals; goes with each thread,
                                             // taking any answer still queued with it
    State m_state = State::Off;
    bridge::BridgePorts m_ports{0, 0, 0, 0};
    BridgeCredentials m_credentials;
};

} // namespace cachet::ui
