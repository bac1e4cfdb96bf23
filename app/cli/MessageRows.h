#pragma once
// Printing lists of messages (list, search) as text or JSON.

#include <cstdint>
#include <string>
#include <vector>

namespace cachet::store {
class Database;
}

namespace cachet::cli {

struct MessageRow {
    std::string mailbox;
    std::uint32_t uid = 0;
    std::int64_t messageId = 0; // the entry's (the original); the decrypted one is shown
    std::uint32_t flags = 0;
    std::int64_t internalDate = 0;
    std::string keywords; // empty for search hits
};

void printMessageRows(store::Database& db, const std::vector<MessageRow>& rows, bool json);

// "decrypted, signature valid (FPR), from matches" and the like; empty for a message without OpenPGP.
std::string openPgpSummary(store::Database& db, std::int64_t messageId);

} // namespace cachet::cli
