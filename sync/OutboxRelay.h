#pragma once
// Relays the outbox to the provider's SMTP server (ARCHITECTURE.md, "Sync with
// the provider"): due items oldest first, each sent at most once.
//
// - Before a send the attempt is committed ('sending'); when VMime has taken
//   the last byte, 'ending'; on the provider's 250, 'sent' together with the
//   copy in Sent (recorded in the journal, so it reaches the provider's Sent).
// - A temporary failure (no network, 4xx, TLS, login) waits 1 minute, then
//   doubling up to 1 hour; after 5 days, or at once on a permanent refusal
//   (5xx), the message is given up and a bounce explaining why lands in INBOX.
// - After a crash: 'sending' never reached the end of the message, so it goes
//   again; 'ending' may have been taken by the provider. If the provider files
//   sent mail itself, its Sent mailbox says (the caller checks and tells
//   resolveEnding); otherwise Cachet cannot know, and rather than risk sending
//   it twice the item fails with that explanation, for the user to retry. So
//   it does when the provider's Sent cannot tell: no Sent mailbox bound to the
//   provider's, or a message without a Message-ID to look for.
// - The same when the whole message went but no answer came back (the
//   connection lost, a timeout): only the provider's own reply to the end of
//   the data (4xx, 5xx) says it did not take the message.
// - One process relays at a time (OutboxLock): while another one does, this
//   relay neither recovers nor sends anything, as the other's 'sending' and
//   'ending' items are not interrupted.

#include "sync/OutboxLock.h"
#include "sync/StopFlag.h"

#include "store/Accounts.h"
#include "store/Outbox.h"
#include "store/Sqlite.h"

#include <cstdint>
#include <string>
#include <vector>

namespace cachet::sync {

struct RelayReport {
    int sent = 0;
    int deferred = 0;
    int failed = 0;
    std::string lastError; // the last temporary or permanent failure, for status
};

class OutboxRelay {
public:
    static constexpr std::int64_t kFirstRetrySeconds = 60;
    static constexpr std::int64_t kLongestRetrySeconds = 3600;
    static constexpr std::int64_t kGiveUpAfterSeconds = 5 * 24 * 3600;

    OutboxRelay(store::Database& db, store::Account account) : m_db(db), m_account(std::move(account)), m_lock(db) {}

    // Items left 'sending' go back to the queue; items left 'ending' are
    // returned when the provider's Sent can tell (the caller looks for their
    // Message-ID there and calls resolveEnding), failed otherwise. Nothing
    // while another process relays.
    std::vector<store::OutboxItem> recoverInterrupted(std::int64_t now);
    void resolveEnding(const store::OutboxItem& item, bool foundAtProvider, std::int64_t now);

    // Sends every due item; stops early (the rest stays queued) if `stop` becomes
    // true. Nothing while another process relays.
    RelayReport relayDue(std::int64_t now, const StopFlag* stop = nullptr);

    // The Message-ID of an item's message, for the check in the provider's Sent.
    std::string messageIdOf(const store::OutboxItem& item);

private:
    // Whether the provider's Sent can say if it took an item left 'ending'.
    bool providerSentCanTell(const store::OutboxItem& item);
    void sent(const store::OutboxItem& item);
    void giveUp(const store::OutboxItem& item, const std::string& reason);
    std::int64_t retryDelay(int attempts) const;

    store::Database& m_db;
    store::Account m_account;
    OutboxLock m_lock;
};

} // namespace cachet::sync
