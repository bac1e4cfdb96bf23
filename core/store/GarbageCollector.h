#pragma once
// Removes immutable documents nothing refers to any more (LEAP never did):
// messages without an entry or an outbox item (and the decrypted documents
// shown in place of such messages), then parts without a message.

#include <cstdint>

namespace cachet::store {

class Database;

struct CollectedGarbage {
    std::int64_t messages = 0;
    std::int64_t parts = 0;
};

class GarbageCollector {
public:
    // Runs in one transaction of its own.
    static CollectedGarbage collect(Database& db);
};

} // namespace cachet::store
