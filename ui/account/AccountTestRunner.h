#pragma once
// Runs the connection test of an account (sync::checkAccount: IMAP and SMTP
// logins, up to half a minute each) on a worker thread, since the GUI thread
// never waits on the network, and reports the result on the GUI thread.
//
// A test cannot be stopped half-way, only forgotten: the worker keeps its own
// copy of the account and finishes on its own, and its result is dropped.
// So the runner, or the dialog that owns it, may go at any time.
//
// The workers are threads of the runners' own pool, never of Qt's global one:
// Qt's painting hands image work to the global pool and waits for it, so two
// tests blocked on the network there would freeze the whole window.

#include "store/Accounts.h"
#include "sync/AccountCheck.h"

#include <QFutureWatcher>
#include <QObject>
#include <QPointer>

namespace cachet::ui {

class AccountTestRunner : public QObject {
    Q_OBJECT

public:
    explicit AccountTestRunner(QObject* parent = nullptr);

    // Starts testing `account`; a test still under way is forgotten.
    void start(store::Account account);
    // The test under way will not be reported.
    void forget();
    bool running() const { return !m_current.isNull(); }

    // Waits until every test of every runner has ended, forgotten ones too
    // (they end within their network timeouts); false if `msecs` passed first.
    static bool waitForWorkers(int msecs);

signals:
    void finished(const cachet::sync::AccountCheckResult& result);

private:
    QPointer<QFutureWatcher<sync::AccountCheckResult>> m_current;
};

} // namespace cachet::ui
