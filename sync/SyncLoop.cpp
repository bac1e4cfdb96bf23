#include "sync/SyncLoop.h"

#include "sync/InboxWatcher.h"
#include "sync/ProviderError.h"
#include "sync/RetryBackoff.h"

#include "store/Accounts.h"
#include "store/Mailboxes.h"
#include "store/RemoteBindings.h"
#include "store/Store.h"

#include <QDateTime>
#include <QDeadlineTimer>
#include <QThread>

#include <optional>

namespace cachet::sync {

namespace {

// As SyncPass words it, so `status` reads the same whichever connection failed.
std::string describe(const ProviderError& e)
{
    return std::string("IMAP ") + ProviderError::stageName(e.stage()) + ": " + e.what();
}

// Did INBOX change since the pass recorded it? Unknown (never synced whole) counts as no:
// the next scheduled pass sees to it, rather than passes back to back.
bool inboxMovedOn(store::Database& db, const ExaminedInbox& now)
{
    const auto inbox = store::Mailboxes(db).byName("INBOX");
    const auto synced = inbox ? store::RemoteBindings(db).mailbox(inbox->id) : std::nullopt;
    if (!synced || !synced->remoteUidValidity || !synced->remoteUidNext)
        return false;
    if (*synced->remoteUidValidity != now.uidValidity || *synced->remoteUidNext != now.uidNext)
        return true;
    return now.highestModSeq && synced->remoteHighestModSeq && *now.highestModSeq != *synced->remoteHighestModSeq;
}

} // namespace

SyncLoop::SyncLoop(QString storePath, store::StoreKey key, SyncLoopOptions options, SyncLoopObserver observer)
    : m_storePath(std::move(storePath)), m_key(std::move(key)), m_options(options), m_observer(std::move(observer)),
      m_intervalSeconds(options.interval.count())
{
}

SyncLoop::~SyncLoop()
{
    stop();
}

void SyncLoop::start()
{
    if (m_thread)
        return;
    m_stop = false;
    m_thread.reset(QThread::create([this] { run(); }));
    m_thread->setObjectName("sync");
    m_thread->start();
}

void SyncLoop::noteLocalChange()
{
    // The flag is read by IDLE's wake-up check; a back-off sleep is not cut
    // short by it (the provider failed moments ago and would fail again).
    m_localChange = true;
}

void SyncLoop::stop()
{
    if (!m_thread)
        return;
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_all();
    m_thread->wait();
    m_thread.reset();
}

void SyncLoop::sleep(std::chrono::seconds duration)
{
    std::unique_lock lock(m_mutex);
    m_wake.wait_for(lock, duration, [this] { return stopping(); });
}

void SyncLoop::recordError(store::Database& db, std::int64_t accountId, const std::string& error)
{
    store::Transaction tx(db);
    store::Accounts(db).noteError(accountId, error, QDateTime::currentSecsSinceEpoch());
    tx.commit();
}

void SyncLoop::waitForWork(InboxWatcher& watcher, store::Database& db, const store::Account& account)
{
    const QDeadlineTimer everyMailbox(std::chrono::seconds(m_intervalSeconds.load()));
    const auto wakeUp = [this] { return stopping() || m_localChange.load(); };
    // A connection kept through a long pass may have been logged out meanwhile
    // (RFC 3501 §5.4: after 30 idle minutes): one fresh try before it counts as a failure.
    bool keptThroughPass = watcher.isOpen();
    while (!wakeUp() && !everyMailbox.hasExpired()) {
        if (!watcher.isOpen() && inboxMovedOn(db, watcher.open(account)))
            return; // changed between the pass reading INBOX and the watch beginning
        const auto left = std::chrono::ceil<std::chrono::seconds>(everyMailbox.remainingTimeAsDuration());
        try {
            if (watcher.waitForChange(std::min(left, m_options.idleRenewal), wakeUp))
                return; // new mail (or any change) in INBOX
        } catch (const ProviderError&) {
            if (!keptThroughPass)
                throw;
        }
        keptThroughPass = false;
    }
}

void SyncLoop::run()
{
    RetryBackoff backoff;
    InboxWatcher watcher;
    std::optional<store::Store> ownStore; // this thread's connection
    while (!stopping()) {
        std::optional<store::Account> account;
        bool inPass = false; // SyncPass records its own failures on the account
        try {
            if (!ownStore)
                ownStore.emplace(store::Store::open(m_storePath, m_key));
            store::Database& db = ownStore->db();
            account = store::Accounts(db).only();
            if (!account) { // removed while we run: look again later
                watcher.close(true);
                sleep(std::chrono::seconds(m_intervalSeconds.load()));
                continue;
            }
            // Cleared before the pass: a change made during it ends the next wait at once.
            m_localChange = false;
            inPass = true;
            const SyncPassResult result = SyncPass(db, *account, {}, m_options.gnupgHome).run(m_observer.progress, &m_stop);
            inPass = false;
            backoff.reset();
            if (m_observer.passDone)
                m_observer.passDone(result);
            waitForWork(watcher, db, *account);
        } catch (const ProviderError& e) {
            watcher.close(false);
            if (!inPass && ownStore && account) {
                try {
                    recordError(ownStore->db(), account->id, describe(e));
                } catch (const std::exception&) {
                    // The store is busy or failing: the next round tries again.
                }
            }
            if (stopping())
                break;
            const std::chrono::seconds wait = backoff.next(e.transient());
            if (m_observer.failed)
                m_observer.failed(describe(e), wait);
            sleep(wait);
        } catch (const std::exception& e) {
            // The store (busy past its timeout, disk full): start again with a fresh connection.
            watcher.close(false);
            ownStore.reset();
            if (stopping())
                break;
            const std::chrono::seconds wait = backoff.next(true);
            if (m_observer.failed)
                m_observer.failed(std::string("store: ") + e.what(), wait);
            sleep(wait);
        }
    }
    watcher.close(true);
}

} // namespace cachet::sync
