#pragma once
// `cachet-cli check`: SQLite's own page check, then the document invariants: every
// reference resolves, every message reassembles to the bytes its hash names,
// every message is in the search index, every UID is below its UIDNEXT.

#include <functional>
#include <string>
#include <vector>

namespace cachet::store {

class Database;

struct IntegrityReport {
    std::vector<std::string> problems; // empty: the store is consistent
    std::int64_t messagesChecked = 0;
    bool ok() const { return problems.empty(); }
};

class IntegrityCheck {
public:
    // `progress(done, total)` is called while messages are reassembled.
    static IntegrityReport run(Database& db, const std::function<void(std::int64_t, std::int64_t)>& progress = {});
};

} // namespace cachet::store
