#pragma once
// A thread of its own with a store connection of its own, running jobs for the
// GUI one after another, so the GUI thread never waits on a query, a write or
// gpg (ARCHITECTURE.md, "Threads"). A job runs on the worker's thread; its
// result is handed back on the GUI thread, to a receiver that may have gone
// meanwhile (then the result is dropped).
//
//   worker.run(this, [=](store::Database& db) { return MessageList(db).order(...); },
//              [this](std::vector<std::uint32_t> uids) { ... });

#include "store/Sqlite.h"

#include <QObject>
#include <QPointer>
#include <QString>

#include <exception>
#include <functional>
#include <memory>

class QThread;

namespace cachet::store {
class Store;
}

namespace cachet::ui {

class StoreWorker : public QObject {
    Q_OBJECT
public:
    // `open` runs on the worker's thread and makes its connection.
    explicit StoreWorker(const QString& name, std::function<std::unique_ptr<store::Store>()> open,
                         QObject* parent = nullptr);
    // Runs the jobs already queued (their results are dropped), then closes the connection.
    ~StoreWorker() override;

    // `failed` gets the error text of a job that threw; without it, jobFailed is emitted.
    template <class Result>
    void run(QObject* receiver, std::function<Result(store::Database&)> job, std::function<void(Result)> done,
             std::function<void(QString)> failed = {})
    {
        QPointer<QObject> guard(receiver);
        post([this, guard, job = std::move(job), done = std::move(done),
              failed = std::move(failed)](store::Database& db) mutable {
            std::function<void()> deliver;
            try {
                auto result = std::make_shared<Result>(job(db));
                deliver = [guard, done, result] {
                    if (guard && done)
                        done(std::move(*result));
                };
            } catch (const std::exception& e) {
                deliver = errorDelivery(guard, failed, QString::fromUtf8(e.what()));
            }
            return deliver;
        });
    }

    // A job without a result.
    void run(QObject* receiver, std::function<void(store::Database&)> job, std::function<void()> done = {},
             std::function<void(QString)> failed = {});

    // Closes the connection (waiting for the job under way); until resume(),
    // jobs fail with "the store is being re-encrypted". For a passphrase change.
    void pause();
    // Opens the connection again, with `open` from now on (the new key).
    void resume(std::function<std::unique_ptr<store::Store>()> open);

    // Waits until every job posted so far has run and its result was delivered
    // (for tests and shutdown; never from a GUI action).
    void drain();

signals:
    void jobFailed(const QString& error);

private:
    using Job = std::function<std::function<void()>(store::Database&)>;
    void post(Job job);
    std::function<void()> errorDelivery(QPointer<QObject> guard, std::function<void(QString)> failed, QString error);

    class Executor;
    std::unique_ptr<QThread> m_thread;
    Executor* m_executor = nullptr; // lives on m_thread
};

} // namespace cachet::ui
