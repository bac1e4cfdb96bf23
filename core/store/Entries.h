#pragma once
// The entry documents (mutable): (mailbox, UID) -> message, with flags,
// keywords, INTERNALDATE and MODSEQ (RFC 3501 §2.3, RFC 7162).

#include "store/Sqlite.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace cachet::store {

struct Entry {
    std::int64_t mailboxId = 0;
    std::uint32_t uid = 0;
    std::int64_t messageId = 0;
    std::uint32_t flags = 0;
    std::string keywords;
    std::int64_t internalDate = 0; // seconds since epoch
    std::int64_t modSeq = 0;
};

class Entries {
public:
    explicit Entries(Database& db) : m_db(db) {}

    // Appends the message to the mailbox with the next UID; call inside a transaction.
    Entry add(std::int64_t mailboxId, std::int64_t messageId, std::uint32_t flags, std::int64_t internalDate,
              std::string_view keywords = {});
    bool contains(std::int64_t mailboxId, std::int64_t messageId);
    std::optional<Entry> byUid(std::int64_t mailboxId, std::uint32_t uid);
    // Entries of a mailbox, newest first (by Date, else INTERNALDATE), `limit` < 0 for all.
    std::vector<Entry> newestFirst(std::int64_t mailboxId, std::int64_t limit);
    // Entries of a mailbox in UID order.
    std::vector<Entry> inUidOrder(std::int64_t mailboxId);
    // Removes the entry (expunge); the message stays until garbage collection.
    // The caller bumps the mailbox's MODSEQ (nextModSeq) so sessions notice.
    bool remove(std::int64_t mailboxId, std::uint32_t uid);

    // Raises the mailbox's HIGHESTMODSEQ by one and returns it: the MODSEQ of
    // every change made by one operation (RFC 7162 §3.1.1). Inside a transaction.
    std::int64_t nextModSeq(std::int64_t mailboxId);
    // Sets flags and keywords (space separated) of one entry with that MODSEQ.
    void setFlags(std::int64_t mailboxId, std::uint32_t uid, std::uint32_t flags, std::string_view keywords,
                  std::int64_t modSeq);
    // The provider's UID of an entry, once the sync has one.
    std::optional<std::uint32_t> remoteUid(std::int64_t mailboxId, std::uint32_t uid);

private:
    Database& m_db;
};

} // namespace cachet::store
