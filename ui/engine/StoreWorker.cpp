#include "engine/StoreWorker.h"

#include "store/Store.h"
#include "store/StoreError.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QThread>

#include <atomic>

namespace cachet::ui {

// Owns the connection; every job runs through it on the worker's thread.
class StoreWorker::Executor : public QObject {
public:
    static constexpr int kBusyAttempts = 4;

    explicit Executor(std::function<std::unique_ptr<store::Store>()> open) : m_open(std::move(open)) {}

    std::function<void()> execute(const Job& job)
    {
        if (m_paused)
            throw std::runtime_error("the store is being re-encrypted with the new passphrase; try again in a moment");
        if (!m_store) {
            try {
                m_store = m_open();
            } catch (const std::exception& e) {
                m_openError = QString::fromUtf8(e.what());
            }
        }
        if (!m_store)
            throw std::runtime_error(("the store could not be opened: " + m_openError).toStdString());
        // Another connection (the sync committing a batch, the bridge) may hold
        // the write lock past SQLite's busy timeout on a loaded machine. A job is
        // one transaction, rolled back when it throws, so it is run again rather
        // than the user's change being lost.
        for (int attempt = 1;; ++attempt) {
            try {
                return job(m_store->db());
            } catch (const store::StoreError& e) {
                if (e.kind() != store::StoreError::Kind::Busy || attempt == kBusyAttempts)
                    throw;
                QThread::msleep(250UL * static_cast<unsigned long>(attempt));
            }
        }
    }

    void close() { m_store.reset(); }
    void pause()
    {
        m_store.reset();
        m_paused = true;
    }
    void resume(std::function<std::unique_ptr<store::Store>()> open)
    {
        m_open = std::move(open);
        m_openError.clear();
        m_paused = false;
    }

private:
    std::function<std::unique_ptr<store::Store>()> m_open;
    bool m_paused = false;
    std::unique_ptr<store::Store> m_store;
    QString m_openError;
};

StoreWorker::StoreWorker(const QString& name, std::function<std::unique_ptr<store::Store>()> open, QObject* parent)
    : QObject(parent), m_thread(std::make_unique<QThread>())
{
    m_thread->setObjectName(name);
    m_executor = new Executor(std::move(open));
    m_executor->moveToThread(m_thread.get());
    QObject::connect(m_thread.get(), &QThread::finished, m_executor, &QObject::deleteLater);
    m_thread->start();
}

StoreWorker::~StoreWorker()
{
    // Close the connection on its own thread, then let the thread end.
    QMetaObject::invokeMethod(m_executor, [executor = m_executor] { executor->close(); }, Qt::BlockingQueuedConnection);
    m_thread->quit();
    m_thread->wait();
}

void StoreWorker::pause()
{
    QMetaObject::invokeMethod(m_executor, [executor = m_executor] { executor->pause(); }, Qt::BlockingQueuedConnection);
}

void StoreWorker::resume(std::function<std::unique_ptr<store::Store>()> open)
{
    QMetaObject::invokeMethod(
        m_executor, [executor = m_executor, open = std::move(open)]() mutable { executor->resume(std::move(open)); },
        Qt::BlockingQueuedConnection);
}

void StoreWorker::post(Job job)
{
    QMetaObject::invokeMethod(
        m_executor,
        [this, executor = m_executor, job = std::move(job)] {
            std::function<void()> deliver;
            try {
                deliver = executor->execute(job);
            } catch (const std::exception& e) {
                deliver = [this, error = QString::fromUtf8(e.what())] { emit jobFailed(error); };
            }
            // Back on the GUI thread (this object's), in the order jobs ran.
            QMetaObject::invokeMethod(this, std::move(deliver), Qt::QueuedConnection);
        },
        Qt::QueuedConnection);
}

std::function<void()> StoreWorker::errorDelivery(QPointer<QObject> guard, std::function<void(QString)> failed,
                                                 QString error)
{
    return [this, guard, failed = std::move(failed), error = std::move(error)] {
        if (failed) {
            if (guard)
                failed(error);
        } else {
            emit jobFailed(error);
        }
    };
}

void StoreWorker::run(QObject* receiver, std::function<void(store::Database&)> job, std::function<void()> done,
                      std::function<void(QString)> failed)
{
    run<bool>(
        receiver,
        [job = std::move(job)](store::Database& db) {
            job(db);
            return true;
        },
        [done = std::move(done)](bool) {
            if (done)
                done();
        },
        std::move(failed));
}

void StoreWorker::drain()
{
    QEventLoop loop;
    std::atomic<bool> finished{false};
    run(this, [](store::Database&) {}, [&] {
        finished = true;
        loop.quit();
    });
    if (!finished)
        loop.exec();
}

} // namespace cachet::ui
