#pragma once
// The immutable documents: messages and their parts. Writing deduplicates by
// hash; reading reassembles the original bytes from skeleton and parts.

#include "store/PreparedMessage.h"
#include "store/Sqlite.h"

#include <cstdint>
#include <optional>
#include <string>

namespace cachet::store {

struct StoredMessage {
    std::int64_t id = 0;
    bool isNew = false; // false: the same bytes were already stored
};

// What lists and `show` need of a message, without its bytes.
struct MessageSummary {
    std::int64_t id = 0;
    std::string hashHex;
    std::int64_t size = 0;
    std::optional<std::int64_t> date;
    std::string subject, from, to, cc, messageId, preview;
    bool hasAttachment = false;
};

class Messages {
public:
    explicit Messages(Database& db) : m_db(db) {}

    std::optional<std::int64_t> findByHash(std::string_view hash);
    // Stores the message and any part not stored yet; call inside a transaction.
    StoredMessage store(const PreparedMessage& message);
    // The original bytes, byte for byte. Throws StoreError(Corrupt) if a part is
    // missing or does not match its hash.
    std::string readRaw(std::int64_t messageId);
    std::optional<MessageSummary> summary(std::int64_t messageId);

private:
    std::int64_t storePart(const PreparedPart& part);
    Database& m_db;
};

} // namespace cachet::store
