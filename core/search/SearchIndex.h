#pragma once
// The full-text index: one FTS4 row per message document (docid = message.id),
// filled at import. SQLCipher 3.4.1 is SQLite 3.15: FTS4, no FTS5.

#include <cstdint>

namespace cachet::mime {
struct MessageDigest;
}
namespace cachet::store {
class Database;
}

namespace cachet::search {

class SearchIndex {
public:
    static void create(store::Database& db);
    static void add(store::Database& db, std::int64_t messageId, const mime::MessageDigest& digest);
    static void remove(store::Database& db, std::int64_t messageId);
    // Indexes every stored message again from its bytes (schema upgrades, repair).
    static void rebuild(store::Database& db);
};

} // namespace cachet::search
