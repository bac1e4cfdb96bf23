#pragma once
// Messages accepted for sending (schema v2 table outbox). The bridge's SMTP
// server and the composer fill it; the sync relays it to the provider.

#include "store/Sqlite.h"

#include <cstdint>
#include <string>
#include <vector>

namespace cachet::store {

struct OutboxItem {
    std::int64_t id = 0;
    std::int64_t messageId = 0;
    std::string mailFrom;
    std::vector<std::string> recipients;
    std::string state; // queued, sending, sent, failed
    std::int64_t created = 0;
};

class Outbox {
public:
    explicit Outbox(Database& db) : m_db(db) {}

    // Queues a stored message for sending now; call inside a transaction.
    std::int64_t enqueue(std::int64_t messageId, std::string_view mailFrom, const std::vector<std::string>& recipients);
    std::vector<OutboxItem> all();

private:
    Database& m_db;
};

} // namespace cachet::store
