#pragma once
// Messages accepted for sending (schema v2 table outbox). The bridge's SMTP
// server and the composer fill it; the sync relays it to the provider
// (sync/OutboxRelay). States, each change committed before the next step:
//   queued   waiting for its next attempt (next_attempt)
//   sending  an attempt started; the provider cannot have the whole message yet
//   ending   the whole message was handed to the provider, its answer not yet read
//   sent     the provider took it (250)
//   failed   given up: refused by the provider, too old, or interrupted while ending
// so that after a crash 'sending' is safe to try again and 'ending' is not.

#include "store/Sqlite.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace cachet::store {

struct OutboxItem {
    std::int64_t id = 0;
    std::int64_t messageId = 0;
    std::string mailFrom;
    std::vector<std::string> recipients;
    std::string state; // queued, sending, ending, sent, failed
    std::int64_t created = 0;
    int attempts = 0;
    std::int64_t nextAttempt = 0;
    std::string lastError;
};

class Outbox {
public:
    explicit Outbox(Database& db) : m_db(db) {}

    // Queues a stored message for sending now; call inside a transaction.
    std::int64_t enqueue(std::int64_t messageId, std::string_view mailFrom, const std::vector<std::string>& recipients);
    std::vector<OutboxItem> all();
    std::optional<OutboxItem> byId(std::int64_t id);
    // Queued items whose next attempt is due, oldest first.
    std::vector<OutboxItem> due(std::int64_t now);
    // Items an earlier run left in 'sending' or 'ending' (it was killed mid-send).
    std::vector<OutboxItem> interrupted();
    // Not yet sent nor given up.
    std::int64_t pendingCount();
    std::int64_t failedCount();

    // Claims a queued item for an attempt and counts it; false if it is no
    // longer queued (cancelled, or taken by another relay, since it was listed):
    // then it must not be sent.
    [[nodiscard]] bool markSending(std::int64_t id, std::int64_t now);
    void markEnding(std::int64_t id);
    void markSent(std::int64_t id);
    void defer(std::int64_t id, std::string_view error, std::int64_t nextAttempt);
    void fail(std::int64_t id, std::string_view error);
    // Queued and failed items become due now (the user's "send now" / "retry"); returns how many.
    int retryNow(std::int64_t now, std::optional<std::int64_t> onlyId = std::nullopt);
    // Removes a queued or failed item (the user's "cancel"); false if it is not there or being sent.
    bool cancel(std::int64_t id);

private:
    Database& m_db;
};

} // namespace cachet::store
