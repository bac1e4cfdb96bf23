#pragma once
// How the store's mailboxes and entries are tied to the provider's (schema
// v1/v5 columns remote_*): the sync reads and writes these, nothing else does.
// A local entry without a remote UID is not at the provider (yet): imported
// mail, a bridge APPEND still in the journal, a bounce notice.

#include "store/Sqlite.h"

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace cachet::store {

struct MailboxBinding {
    std::int64_t mailboxId = 0;
    std::string localName;
    std::optional<std::string> remoteName;   // the provider's name, its own delimiter
    std::optional<char> remoteDelimiter;
    std::optional<std::uint32_t> remoteUidValidity;
    std::optional<std::uint32_t> remoteUidNext;      // at the last complete sync
    std::optional<std::int64_t> remoteHighestModSeq; // at the last complete sync
};

struct BoundEntry {
    std::uint32_t uid = 0;
    std::uint32_t flags = 0;
    std::string keywords;
};

class RemoteBindings {
public:
    explicit RemoteBindings(Database& db) : m_db(db) {}

    std::vector<MailboxBinding> mailboxes();
    std::optional<MailboxBinding> mailbox(std::int64_t mailboxId);
    void bind(std::int64_t mailboxId, const std::string& remoteName, char delimiter);
    void unbind(std::int64_t mailboxId);
    // The provider's state after a complete sync of the mailbox.
    void setSynced(std::int64_t mailboxId, std::uint32_t uidValidity, std::uint32_t uidNext,
                   std::optional<std::int64_t> highestModSeq);
    // The next pull lists the whole mailbox again (a local change the provider
    // refused: the provider's state comes back).
    void forgetSyncState(std::int64_t mailboxId);
    // The provider renamed `from` (and, as IMAP RENAME does, its children) to `to`.
    void renameRemote(const std::string& from, const std::string& to, char delimiter);
    // A new UIDVALIDITY: every remote UID of the mailbox is void (kept local entries rebind by content).
    void resetUidValidity(std::int64_t mailboxId, std::uint32_t uidValidity);

    // remote UID -> the local entry, for every bound entry of the mailbox.
    std::unordered_map<std::uint32_t, BoundEntry> boundEntries(std::int64_t mailboxId);
    std::int64_t boundCount(std::int64_t mailboxId);
    void setRemoteUid(std::int64_t mailboxId, std::uint32_t uid, std::uint32_t remoteUid);
    // A local entry not tied to the provider that holds this message (same bytes),
    // or whose message has this Message-ID and size: it is the provider's message.
    std::optional<std::uint32_t> unboundEntryWith(std::int64_t mailboxId, std::int64_t messageId);
    std::optional<std::uint32_t> unboundEntryLike(std::int64_t mailboxId, const std::string& messageIdHeader,
                                                  std::int64_t size);
    // Local UIDs of the mailbox with a flags change still in the journal: the
    // provider's value does not overwrite them (ARCHITECTURE.md, the conflict rule).
    std::unordered_set<std::uint32_t> uidsWithPendingFlags(std::int64_t mailboxId);
    // Remote UIDs of the mailbox expunged or moved away locally, still in the
    // journal: the pull must not bring them back before the provider removes them.
    std::unordered_set<std::uint32_t> remoteUidsPendingRemoval(std::int64_t mailboxId);

private:
    Database& m_db;
};

} // namespace cachet::store
