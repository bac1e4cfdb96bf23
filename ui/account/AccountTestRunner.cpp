#include "account/AccountTestRunner.h"

#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>

#include <exception>

namespace cachet::ui {

namespace {

// On the worker thread. checkAccount reports the provider's failures itself;
// anything else (VMime failing to start, say) still ends as a result.
sync::AccountCheckResult checkOnWorker(const store::Account& account)
{
    try {
        return sync::checkAccount(account);
    } catch (const std::exception& e) {
        sync::AccountCheckResult result;
        result.imap = {"IMAP", false, "test", e.what(), {}};
        result.smtp = {"SMTP", false, "test", e.what(), {}};
        return result;
    }
}

// At exit its destructor waits for forgotten tests (bounded by their network
// timeouts) before the libraries they use go away.
QThreadPool& workers()
{
    static QThreadPool pool;
    static const bool sized = [] {
        // A forgotten test may still wait on the network for a while: it must not hold up the next.
        pool.setMaxThreadCount(8);
        return true;
    }();
    Q_UNUSED(sized);
    return pool;
}

} // namespace

AccountTestRunner::AccountTestRunner(QObject* parent) : QObject(parent) {}

void AccountTestRunner::start(store::Account account)
{
    forget();
    auto* watcher = new QFutureWatcher<sync::AccountCheckResult>(this);
    m_current = watcher;
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher] {
        watcher->deleteLater();
        if (watcher != m_current)
            return; // forgotten
        m_current = nullptr;
        emit finished(watcher->result());
    });
    // The worker owns its copy of the account: nothing it touches belongs to the GUI.
    watcher->setFuture(
        QtConcurrent::run(&workers(), [account = std::move(account)] { return checkOnWorker(account); }));
}

void AccountTestRunner::forget()
{
    m_current = nullptr;
}

bool AccountTestRunner::waitForWorkers(int msecs)
{
    return workers().waitForDone(msecs);
}

} // namespace cachet::ui
