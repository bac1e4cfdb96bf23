#pragma once
// The sync as the daemon and the desktop app run it: SyncPass after SyncPass
// on a thread of its own, with its own store connection, until stopped.
//
//   pass ─▶ wait ─▶ pass ─▶ …
//
// A wait ends when INBOX changes at the provider (InboxWatcher: IDLE on a
// second connection, kept open from one wait to the next), when a local
// change is noted (noteLocalChange: the bridge journaled a change or queued
// mail, so it goes out now), or after `interval`, when every other mailbox is
// due. A failure is recorded on the account (for `status`) and tried again
// after RetryBackoff's wait; the loop itself never ends on its own.
//
// Memory: each pass is a fresh SyncPass on the stack; the loop keeps only the
// watcher's connection, the store connection and a few flags between passes.

#include "sync/StopFlag.h"
#include "sync/SyncPass.h"

#include "store/StoreKey.h"

#include <QString>

#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>

class QThread;

namespace cachet::store {
class Database;
struct Account;
}

namespace cachet::sync {

class InboxWatcher;

struct SyncLoopOptions {
    std::chrono::seconds interval{300}; // every mailbox at least this often
    // RFC 2177 §3: re-issue IDLE at least every 29 minutes, as servers may log
    // out a client idle for 30.
    std::chrono::seconds idleRenewal{25 * 60};
    // The profile's GNUPGHOME, held by the process (crypto::GnupgHome) for
    // as long as the loop runs; empty: incoming OpenPGP is left for later.
    QString gnupgHome;
};

// Told on the sync thread; must not block it for long.
struct SyncLoopObserver {
    std::function<void(const SyncPassResult&)> passDone;
    // What failed, as recorded on the account, and when the next try is.
    std::function<void(const std::string& error, std::chrono::seconds retryIn)> failed;
    // A pass under way, as SyncPass reports it (the GUI's progress bar).
    ProgressCallback progress;
};

class SyncLoop {
public:
    // The store at `storePath` is opened again on the loop's thread with `key`
    // (the unlocked profile's), so the passphrase is not asked twice.
    SyncLoop(QString storePath, store::StoreKey key, SyncLoopOptions options = {}, SyncLoopObserver observer = {});
    ~SyncLoop(); // stops and waits
    SyncLoop(const SyncLoop&) = delete;
    SyncLoop& operator=(const SyncLoop&) = delete;

    void start();
    // Both thread-safe. A local change ends the current wait (within a second
    // while in IDLE); a pass under way finishes and another follows at once.
    void noteLocalChange();
    // Thread-safe: every mailbox at least this often from the next wait on.
    void setInterval(std::chrono::seconds interval) { m_intervalSeconds = interval.count(); }
    // Asks the loop to end at the next safe point and waits until it has:
    // within a second or so from IDLE or a back-off wait; a pass ends between
    // batches (the provider's answer to the command in flight is awaited).
    void stop();

private:
    void run();
    // Waits for INBOX, a local change, a stop or the interval. Throws ProviderError.
    void waitForWork(InboxWatcher& watcher, store::Database& db, const store::Account& account);
    // Sleeps up to `duration`; a stop ends it early.
    void sleep(std::chrono::seconds duration);
    bool stopping() const { return m_stop.load(); }
    void recordError(store::Database& db, std::int64_t accountId, const std::string& error);

    QString m_storePath;
    store::StoreKey m_key;
    SyncLoopOptions m_options;
    SyncLoopObserver m_observer;
    std::unique_ptr<QThread> m_thread;

    StopFlag m_stop{false};
    std::atomic<bool> m_localChange{false};
    std::atomic<long long> m_intervalSeconds; // m_options.interval, changeable while running
    std::mutex m_mutex; // with m_wake, for the back-off sleep
    std::condition_variable m_wake;
};

} // namespace cachet::sync
