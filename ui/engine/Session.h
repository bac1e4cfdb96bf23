#pragma once
// An unlocked profile inside the desktop app: the store (a reader and a writer
// worker, each on its own thread), the profile's GNUPGHOME, the sync loop on
// its thread and a watch on the store that tells the window when anything
// (the sync, the bridge, another program) committed a change. Everything here
// is created and used on the GUI thread; nothing in it blocks that thread
// except its destructor, which waits for the threads to end.

#include "engine/StoreWorker.h"

#include "crypto/GnupgHome.h"
#include "store/Profile.h"
#include "sync/SyncProgress.h"

#include <QObject>
#include <QString>
#include <QTimer>

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>

namespace cachet::sync {
class SyncLoop;
}

namespace cachet::ui {

// What the status bar shows about the sync.
struct SyncStatus {
    enum class State { Off, Syncing, Idle, Failed };
    State state = State::Off;
    sync::SyncProgress progress; // while Syncing
    QString error;               // while Failed: as recorded on the account
    int retryInSeconds = 0;
    bool offline = false;        // Failed because the provider could not be reached
};

class Session : public QObject {
    Q_OBJECT
public:
    explicit Session(store::Profile profile, QObject* parent = nullptr);
    ~Session() override;

    store::Profile& profile() { return *m_profile; }
    const QString& gnupgHome() const { return m_gnupg->directory(); }
    // Queries for the window (message lists, reading, search).
    StoreWorker& reader() { return *m_reader; }
    // Changes, sending, keys: one at a time, in the order asked.
    StoreWorker& writer() { return *m_writer; }

    // Starts the sync if the profile has an account (and restarts it, e.g.
    // after an account was added or the interval changed).
    void startSync(std::chrono::seconds interval = std::chrono::seconds(300));
    void stopSync();
    // Takes effect from the sync's next wait; no restart.
    void setSyncInterval(std::chrono::seconds interval);
    bool syncRunning() const { return m_sync != nullptr; }
    const SyncStatus& syncStatus() const { return m_status; }
    // A change was committed that the provider must hear of: the sync goes now.
    void noteLocalChange();

    // Re-encrypts the store under a new passphrase: the sync and the workers'
    // connections pause meanwhile (the caller stops the bridge), and carry on
    // with the new key after. `finished` gets an empty string on success, else
    // the reason ("wrong passphrase"). The GUI thread does not wait: the key
    // derivations and the re-encryption run on a thread of their own.
    void changePassphrase(std::string currentPassphrase, std::string newPassphrase,
                          std::function<void(QString error)> finished);

    // Why the own key could not be unlocked at start, if it could not.
    const QString& ownKeyWarning() const { return m_ownKeyWarning; }

signals:
    // Something in the store changed (checked a few times a second, cheaply).
    void storeChanged();
    void syncStatusChanged();
    // A sync pass brought new mail into INBOX (for the notification).
    void newMail(qint64 count);

private:
    void watchStore();
    void postProgress();

    std::unique_ptr<store::Profile> m_profile;
    std::unique_ptr<crypto::GnupgHome> m_gnupg;
    QString m_ownKeyWarning;
    std::unique_ptr<StoreWorker> m_reader;
    std::unique_ptr<StoreWorker> m_writer;
    std::unique_ptr<sync::SyncLoop> m_sync;
    SyncStatus m_status;
    std::chrono::seconds m_syncInterval{300};

    QTimer m_watch;
    qint64 m_dataVersion = -1;
    bool m_watchInFlight = false;

    // Progress comes from the sync thread many times a second; only the latest goes to the GUI.
    std::mutex m_progressMutex;
    sync::SyncProgress m_latestProgress;
    std::atomic<bool> m_progressPosted{false};
};

} // namespace cachet::ui
