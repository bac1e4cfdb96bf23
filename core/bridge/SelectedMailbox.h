#pragma once
// One session's view of its selected mailbox: the messages in sequence-number
// order as this session last told its client (RFC 3501 §2.3.1.2). The store may
// change under it at any time (another session, the GUI, the sync); sync()
// compares and writes the untagged responses that bring the client up to date,
// keeping expunged messages in place (as "ghosts") while the command in progress
// forbids EXPUNGE responses (RFC 3501 §7.4.1), so sequence numbers stay right.

#include "store/Mailboxes.h"
#include "store/Sqlite.h"

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace cachet::bridge {

struct ViewEntry {
    std::uint32_t uid = 0;
    std::int64_t messageId = 0; // the original, as at the provider: COPY, MOVE and the journal use it
    std::int64_t servedId = 0;  // what FETCH and SEARCH read: the decrypted document where there is one
                                // (store/MessageOpenPgp.h), fixed for the session so a UID's content never changes
    std::uint32_t flags = 0;
    std::string keywords;   // space separated
    std::int64_t internalDate = 0;
    std::int64_t modSeq = 0;
    bool expunged = false;  // gone from the store, not yet reported to this client
};

class SelectedMailbox {
public:
    enum class SyncResult { Current, Changed, MailboxGone };

    SelectedMailbox(store::Database& db, const store::Mailbox& mailbox, bool readOnly);

    std::int64_t id() const { return m_id; }
    const std::string& name() const { return m_name; }
    bool readOnly() const { return m_readOnly; }
    std::uint32_t uidValidity() const { return m_uidValidity; }
    std::uint32_t uidNext() const { return m_uidNext; }
    std::int64_t highestModSeq() const { return m_knownModSeq; }

    std::uint32_t count() const { return static_cast<std::uint32_t>(m_entries.size()); }
    // 1-based sequence number.
    ViewEntry& at(std::uint32_t seq) { return m_entries[seq - 1]; }
    const std::vector<ViewEntry>& entries() const { return m_entries; }
    std::optional<std::uint32_t> seqOfUid(std::uint32_t uid) const;
    std::uint32_t largestUid() const { return m_entries.empty() ? 0 : m_entries.back().uid; }
    // Keywords in use in the mailbox, for FLAGS and PERMANENTFLAGS.
    std::string flagList() const;

    // Reads the store's state and appends to `out` the untagged responses for
    // what changed since the last sync. EXPUNGE responses only if `allowExpunge`.
    // `condstore`: flag changes carry MODSEQ (RFC 7162 §3.2).
    SyncResult sync(std::string& out, bool allowExpunge, bool condstore);

    // This session changed the store itself and has told its client already:
    // take the change into the view without reporting it again.
    void noteOwnFlags(std::uint32_t seq, std::uint32_t flags, const std::string& keywords, std::int64_t modSeq);
    // Removes a message this session expunged and reported.
    void removeOwnExpunged(std::uint32_t seq);
    // After an own write: if the store's HIGHESTMODSEQ was `before` (nobody else
    // wrote since our last sync), the view is current at `after`.
    void noteOwnModSeq(std::int64_t before, std::int64_t after);

private:
    void load(std::vector<ViewEntry>& into);
    std::string keywordList() const;

    store::Database& m_db;
    std::int64_t m_id;
    std::string m_name;
    bool m_readOnly;
    std::uint32_t m_uidValidity;
    std::uint32_t m_uidNext = 1;
    std::int64_t m_knownModSeq = 0;
    std::vector<ViewEntry> m_entries;
    std::set<std::string> m_keywords;
    bool m_hasGhosts = false;
};


} // namespace cachet::bridge
