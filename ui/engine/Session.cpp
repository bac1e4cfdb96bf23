#include "engine/Session.h"

#include "crypto/CryptoError.h"
#include "crypto/SecretKeyExport.h"
#include "store/Accounts.h"
#include "store/Store.h"
#include "sync/SyncLoop.h"

#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>

namespace cachet::ui {

namespace {

// How often the store is asked whether another connection committed: one
// PRAGMA on the reader's thread, so new mail shows within a second.
constexpr std::chrono::milliseconds kWatchInterval{700};

std::function<std::unique_ptr<store::Store>()> opener(const store::Profile& profile)
{
    return [path = profile.storePath(), key = profile.key()] {
        return std::make_unique<store::Store>(store::Store::open(path, key));
    };
}

// The sync's failures that mean the provider cannot be reached at all.
bool meansOffline(const std::string& error)
{
    return error.rfind("IMAP name lookup", 0) == 0 || error.rfind("IMAP connect", 0) == 0;
}

} // namespace

Session::Session(store::Profile profile, QObject* parent)
    : QObject(parent), m_profile(std::make_unique<store::Profile>(std::move(profile)))
{
    m_gnupg = std::make_unique<crypto::GnupgHome>(m_profile->gnupgHome());
    try {
        // An own-key export cut short by a crash is repaired before the key is used.
        crypto::restoreOwnKeyProtection(m_gnupg->directory(), m_profile->store().db());
    } catch (const crypto::CryptoError& e) {
        m_ownKeyWarning = QString::fromUtf8(e.what());
    }
    m_reader = std::make_unique<StoreWorker>(QStringLiteral("store reader"), opener(*m_profile));
    m_writer = std::make_unique<StoreWorker>(QStringLiteral("store writer"), opener(*m_profile));
    m_watch.setInterval(kWatchInterval);
    connect(&m_watch, &QTimer::timeout, this, &Session::watchStore);
    m_watch.start();
    watchStore();
}

Session::~Session()
{
    m_watch.stop();
    stopSync();
    m_writer.reset(); // its queued changes are committed before it goes
    m_reader.reset();
}

void Session::watchStore()
{
    if (m_watchInFlight)
        return;
    m_watchInFlight = true;
    // PRAGMA data_version changes whenever another connection commits (SQLite
    // §pragma_data_version); the reader never writes, so every change counts.
    m_reader->run<qint64>(
        this,
        [](store::Database& db) {
            store::Statement st = db.prepare("PRAGMA data_version");
            return st.step() ? static_cast<qint64>(st.columnInt(0)) : qint64(-1);
        },
        [this](qint64 version) {
            m_watchInFlight = false;
            const bool first = m_dataVersion < 0;
            if (version != m_dataVersion) {
                m_dataVersion = version;
                if (!first)
                    emit storeChanged();
            }
        },
        [this](const QString&) { m_watchInFlight = false; });
}

void Session::startSync(std::chrono::seconds interval)
{
    stopSync();
    if (!store::Accounts(m_profile->store().db()).only())
        return;
    sync::SyncLoopOptions options;
    options.interval = interval;
    options.gnupgHome = m_gnupg->directory();
    sync::SyncLoopObserver observer;
    // Called on the sync's thread: hand over to the GUI thread.
    observer.passDone = [this](const sync::SyncPassResult& result) {
        const qint64 added = result.pulled.added;
        QMetaObject::invokeMethod(this, [this, added] {
            m_status.state = SyncStatus::State::Idle;
            m_status.error.clear();
            m_status.offline = false;
            emit syncStatusChanged();
            if (added > 0)
                emit newMail(added);
        }, Qt::QueuedConnection);
    };
    observer.failed = [this](const std::string& error, std::chrono::seconds retryIn) {
        QMetaObject::invokeMethod(this, [this, error = QString::fromStdString(error),
                                         offline = meansOffline(error), retry = int(retryIn.count())] {
            m_status.state = SyncStatus::State::Failed;
            m_status.error = error;
            m_status.offline = offline;
            m_status.retryInSeconds = retry;
            emit syncStatusChanged();
        }, Qt::QueuedConnection);
    };
    observer.progress = [this](const sync::SyncProgress& progress) {
        {
            std::lock_guard lock(m_progressMutex);
            m_latestProgress = progress;
        }
        if (!m_progressPosted.exchange(true))
            QMetaObject::invokeMethod(this, &Session::postProgress, Qt::QueuedConnection);
    };
    m_syncInterval = interval;
    m_sync = std::make_unique<sync::SyncLoop>(m_profile->storePath(), m_profile->key(), options, observer);
    m_status = SyncStatus{};
    m_status.state = SyncStatus::State::Syncing;
    emit syncStatusChanged();
    m_sync->start();
}

void Session::postProgress()
{
    m_progressPosted = false;
    {
        std::lock_guard lock(m_progressMutex);
        m_status.progress = m_latestProgress;
    }
    m_status.state = SyncStatus::State::Syncing;
    emit syncStatusChanged();
}

void Session::stopSync()
{
    if (!m_sync)
        return;
    m_sync->stop();
    m_sync.reset();
    m_status = SyncStatus{};
    emit syncStatusChanged();
}

void Session::setSyncInterval(std::chrono::seconds interval)
{
    m_syncInterval = interval;
    if (m_sync)
        m_sync->setInterval(interval);
}

void Session::changePassphrase(std::string currentPassphrase, std::string newPassphrase,
                               std::function<void(QString)> finished)
{
    // The sync's own connection must close before the store's key changes
    // under it; stopping it waits for its current batch (a second or so).
    const bool syncWasRunning = m_sync != nullptr;
    stopSync();
    m_watch.stop();
    m_reader->pause();
    m_writer->pause();
    auto* watcher = new QFutureWatcher<QString>(this);
    connect(watcher, &QFutureWatcher<QString>::finished, this, [this, watcher, syncWasRunning, finished] {
        const QString error = watcher->result();
        watcher->deleteLater();
        m_reader->resume(opener(*m_profile));
        m_writer->resume(opener(*m_profile));
        m_watch.start();
        if (syncWasRunning)
            startSync(m_syncInterval);
        finished(error);
    });
    watcher->setFuture(QtConcurrent::run([profile = m_profile.get(), current = std::move(currentPassphrase),
                                          next = std::move(newPassphrase)]() -> QString {
        try {
            if (!profile->isPassphrase(current))
                return QStringLiteral("wrong passphrase");
            profile->changePassphrase(next);
            return {};
        } catch (const std::exception& e) {
            return QString::fromUtf8(e.what());
        }
    }));
}

void Session::noteLocalChange()
{
    if (m_sync)
        m_sync->noteLocalChange();
}

} // namespace cachet::ui
