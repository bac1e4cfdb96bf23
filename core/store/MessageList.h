#pragma once
// A mailbox as the GUI's message list shows it (issue 6), read in two steps so
// a 100,000-message folder never comes into memory whole: the order of its
// UIDs under a sort (4 bytes a message), then the columns of the rows on
// screen, a page at a time. Columns come from the document shown for each
// entry (the decrypted one where there is one), so an encrypted message is
// listed under its protected Subject; the size is the original's.

#include "store/Sqlite.h"

#include <cstdint>
#include <string>
#include <vector>

namespace cachet::store {

enum class MessageListSort { Date, From, Subject, Size };

struct MessageListRow {
    std::uint32_t uid = 0;
    std::string from;         // as stored for display (from_text)
    std::string subject;
    std::int64_t date = 0;    // the Date header; INTERNALDATE when there is none
    std::int64_t size = 0;
    std::uint32_t flags = 0;  // store/Flags.h
    bool hasAttachment = false;
    std::string encryption;   // empty (not OpenPGP), "none", "decrypted", "failed"
    std::string signature;    // empty, or "valid", "bad", "unknown-key", ...
};

class MessageList {
public:
    explicit MessageList(Database& db) : m_db(db) {}

    // Every UID of the mailbox in list order; ties broken by UID.
    std::vector<std::uint32_t> order(std::int64_t mailboxId, MessageListSort sort, bool ascending);
    // The rows of `uids`, in that order; a UID no longer in the mailbox is left out.
    std::vector<MessageListRow> rows(std::int64_t mailboxId, const std::vector<std::uint32_t>& uids);

private:
    Database& m_db;
};

} // namespace cachet::store
