#include "bridge/MailboxEvents.h"

#include <vector>

namespace cachet::bridge {

MailboxEvents::MailboxEvents(std::chrono::milliseconds pollInterval, QObject* parent) : QObject(parent)
{
    m_poll.setInterval(pollInterval);
    connect(&m_poll, &QTimer::timeout, this, [this] { wakeAll(0); });
}

void MailboxEvents::add(IdleWaiter* waiter)
{
    m_waiters.insert(waiter);
    if (!m_poll.isActive())
        m_poll.start();
}

void MailboxEvents::remove(IdleWaiter* waiter)
{
    m_waiters.erase(waiter);
    if (m_waiters.empty())
        m_poll.stop();
}

void MailboxEvents::changed(std::int64_t mailboxId)
{
    emit localChange();
    if (m_waiters.empty())
        return;
    QMetaObject::invokeMethod(this, [this, mailboxId] { wakeAll(mailboxId); }, Qt::QueuedConnection);
}

void MailboxEvents::committedLocally()
{
    emit localChange();
}

void MailboxEvents::wakeAll(std::int64_t mailboxId)
{
    // A woken session may leave IDLE (or close) and so remove itself: iterate a copy,
    // and skip any that are gone by then.
    const std::vector<IdleWaiter*> waiters(m_waiters.begin(), m_waiters.end());
    for (IdleWaiter* w : waiters) {
        if (!m_waiters.count(w))
            continue;
        if (mailboxId == 0 || w->waitingMailbox() == mailboxId)
            w->wake();
    }
}

} // namespace cachet::bridge
