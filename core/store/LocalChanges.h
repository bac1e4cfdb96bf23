#pragma once
// Changes a user makes to their mail from the desktop app: each one applied to
// the store and recorded in the journal in one transaction (store/Journal.h),
// with the same payloads the bridge writes, so the sync takes them to the
// provider the same way whichever front made them. Every function commits its
// own transaction and returns what it changed; names and UIDs that no longer
// exist are skipped, since the sync may have removed them a moment before.

#include "store/Entries.h"
#include "store/Mailboxes.h"
#include "store/Sqlite.h"

#include <QJsonObject>

#include <cstdint>
#include <string>
#include <vector>

namespace cachet::store {

// The journal payload naming one entry: its UID and, once synced, the provider's.
QJsonObject journalEntryRecord(Entries& entries, std::int64_t mailboxId, std::uint32_t uid);
// The journal payload naming one mailbox.
QJsonObject journalNameRecord(const std::string& name);

class LocalChanges {
public:
    explicit LocalChanges(Database& db) : m_db(db) {}

    // Adds `add` and removes `remove` (store/Flags.h bits) on each entry. Returns
    // how many entries changed.
    int setFlags(std::int64_t mailboxId, const std::vector<std::uint32_t>& uids, std::uint32_t add,
                 std::uint32_t remove);
    // Moves the entries to `targetId` (flags and INTERNALDATE kept). Returns how many moved.
    int move(std::int64_t mailboxId, const std::vector<std::uint32_t>& uids, std::int64_t targetId);
    // Removes the entries for good (EXPUNGE). Returns how many went.
    int expunge(std::int64_t mailboxId, const std::vector<std::uint32_t>& uids);
    // Stores a message the user wrote (a draft) in the mailbox, as IMAP APPEND
    // would; `replacing`, if not 0, is an earlier version removed in the same
    // transaction. Returns the new UID. Throws StoreError if `raw` is not a message.
    std::uint32_t append(std::int64_t mailboxId, const std::string& raw, std::uint32_t flags,
                         std::uint32_t replacing = 0);

    // The mailbox with that special use ("\\Trash", "\\Archive", "\\Junk"...); if
    // there is none, one named `fallbackName` is made (or taken if it exists) and
    // marked with it. Throws StoreError if `fallbackName` is not a valid name.
    Mailbox specialMailbox(std::string_view specialUse, std::string_view fallbackName);
    // Creates the mailbox and any missing parents. Throws StoreError with a
    // reason a person can read if the name is invalid or already taken.
    Mailbox createMailbox(std::string_view name);
    // Throws StoreError for INBOX as a target, an existing target, or a rename below itself.
    void renameMailbox(std::int64_t id, std::string_view newName);
    // Throws StoreError for INBOX. A mailbox with children stays as a name only (\Noselect).
    void deleteMailbox(std::int64_t id);

private:
    // Inside a transaction: creates `name`, its missing parents, and their journal records.
    Mailbox createWithParents(const std::string& name, std::string_view specialUse);

    Database& m_db;
};

} // namespace cachet::store
