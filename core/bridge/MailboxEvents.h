#pragma once
// Wakes IMAP sessions waiting in IDLE when their mailbox changes (RFC 2177).
// A change made through the bridge wakes them at once; a change made by another
// process (the GUI, the sync, an import) is noticed by a poll of the store's
// HIGHESTMODSEQ, which costs one indexed read per waiting session.
//
// It also tells whoever listens to localChange (the daemon's sync loop) that
// the bridge committed something the provider must hear of, so it is pushed at
// once rather than at the next scheduled sync.

#include <QObject>
#include <QTimer>

#include <chrono>
#include <cstdint>
#include <set>

namespace cachet::bridge {

class IdleWaiter {
public:
    virtual ~IdleWaiter() = default;
    // The mailbox the waiter has selected, or 0.
    virtual std::int64_t waitingMailbox() const = 0;
    // Check the store and tell the client what changed.
    virtual void wake() = 0;
};

class MailboxEvents : public QObject {
    Q_OBJECT
public:
    explicit MailboxEvents(std::chrono::milliseconds pollInterval = std::chrono::seconds(2), QObject* parent = nullptr);

    void add(IdleWaiter* waiter);
    void remove(IdleWaiter* waiter);
    // A session changed `mailboxId`: wake the others waiting on it, after the
    // current command has finished (never from inside it). Call after the
    // commit; it also counts as a local change.
    void changed(std::int64_t mailboxId);
    // A committed change no other session needs to see (CREATE, SUBSCRIBE, mail
    // queued for sending): only emits localChange.
    void committedLocally();

signals:
    // Emitted on the bridge's thread, after the commit, so a listener on
    // another thread (connect it directly) finds the change in the store.
    void localChange();

private:
    void wakeAll(std::int64_t mailboxId);
    std::set<IdleWaiter*> m_waiters;
    QTimer m_poll;
};

} // namespace cachet::bridge
