#pragma once
// The mailbox documents (mutable): name, hierarchy, special use and IMAP state.

#include "store/Sqlite.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace cachet::store {

struct Mailbox {
    std::int64_t id = 0;
    std::string name;        // full name with '/' as hierarchy delimiter; "INBOX" is special
    std::string specialUse;  // "\\Sent", "\\Drafts", ... (RFC 6154) or empty
    bool subscribed = true;
    std::uint32_t uidValidity = 0;
    std::uint32_t uidNext = 1;
    std::int64_t highestModSeq = 1;
    bool noselect = false;   // kept only as the parent of others (RFC 3501 §6.3.4)
};

struct MailboxCounts {
    std::int64_t messages = 0;
    std::int64_t unseen = 0;
    std::int64_t bytes = 0;
};

class Mailboxes {
public:
    static constexpr char kDelimiter = '/';
    explicit Mailboxes(Database& db) : m_db(db) {}

    std::vector<Mailbox> all();
    std::optional<Mailbox> byName(std::string_view name);
    std::optional<Mailbox> byId(std::int64_t id);
    // The mailbox marked with that special use ("\\Sent"...), if any.
    std::optional<Mailbox> bySpecialUse(std::string_view specialUse);
    // Creates the mailbox (and missing parents) if needed. "inbox" in any case is INBOX (RFC 3501 §5.1).
    Mailbox ensure(std::string_view name, std::string_view specialUse = {});
    MailboxCounts counts(std::int64_t mailboxId);

    // Renames the mailbox and every mailbox below it, creating missing parents of
    // the new name. UIDVALIDITY and UIDs stay (RFC 3501 §6.3.5).
    void rename(std::int64_t id, std::string_view newName);
    // Removes the mailbox and its entries. If others sit below it, it stays as a
    // \Noselect name without entries instead (RFC 3501 §6.3.4).
    void remove(std::int64_t id);
    void setSubscribed(std::int64_t id, bool subscribed);
    void setNoselect(std::int64_t id, bool noselect);
    void setSpecialUse(std::int64_t id, std::string_view specialUse);
    bool hasChildren(std::string_view name);

    // "INBOX" for any case of it, the name unchanged otherwise.
    static std::string canonicalName(std::string_view name);
    // Why `name` cannot be a mailbox name, or nullopt.
    static std::optional<std::string> invalidNameReason(std::string_view name);

private:
    Mailbox create(const std::string& name, std::string_view specialUse);
    Database& m_db;
};

} // namespace cachet::store
