#pragma once
// Applies the journal of local changes (store/Journal.h) at the provider, in
// the order they were made, before anything is pulled, so the provider's
// answers already include them (ARCHITECTURE.md, "Sync with the provider").
//
// A record leaves the journal only once the provider confirmed it, in the
// same transaction as what its answer tells (COPYUID/APPENDUID bind the local
// copy to the provider's UID). Every operation is safe to send twice: flags
// are set to a state, not toggled; an expunge of a UID that is gone is no
// harm; and an APPEND or COPY tried before without an answer first looks for
// the message at the destination by Message-ID (the one case a second try
// could duplicate).
//
// Runs of the same operation on one mailbox go out as few commands: flag
// changes grouped by the resulting flags, expunges and copies/moves as UID
// sets, all pipelined.
//
// A change the provider refuses (NO) is dropped and the mailbox is listed in
// full at the next pull, so the provider's state comes back: the user sees
// what the provider holds rather than a change that never happened there. A
// refusal that may pass (a busy or over-quota server) keeps the record, and
// the ones after it, for the next pass; after kMaxAttempts it counts as refused.

#include "sync/ImapConnection.h"
#include "sync/StopFlag.h"

#include "store/Journal.h"
#include "store/Sqlite.h"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace cachet::sync {

struct ReplayReport {
    int applied = 0;   // records the provider confirmed (or that no longer apply)
    int refused = 0;   // records the provider refused: its state wins
    int waiting = 0;   // records left for the next pass (a refusal that may pass)
    std::string lastRefusal;
};

class JournalReplay {
public:
    static constexpr int kMaxAttempts = 10;

    JournalReplay(store::Database& db, ImapConnection& imap) : m_db(db), m_imap(imap) {}

    // Throws ProviderError when the connection fails; what was confirmed stays done.
    ReplayReport run(const StopFlag* stop = nullptr);

private:
    using Records = std::vector<store::JournalRecord>;

    // What became of a run of records.
    enum class Outcome { Done, Refused, Wait };
    struct Result {
        Outcome outcome = Outcome::Done;
        std::string error;
        std::optional<std::int64_t> resyncMailbox; // listed in full next time (Refused)
    };

    Result replayFlags(const Records& run);
    Result replayExpunge(const Records& run);
    Result replayCopy(const Records& run, bool move);
    Result replayAppend(const store::JournalRecord& record);
    Result replayCreate(const store::JournalRecord& record);
    Result replayRename(const store::JournalRecord& record);
    Result replayDelete(const store::JournalRecord& record);
    Result replaySubscribe(const store::JournalRecord& record);

    void noteAttempts(const Records& run);
    // Runs the command `build` makes; on [TRYCREATE] creates `remote` (binding
    // `mailboxId` to it) and runs a fresh one once more.
    imap::Response runCreatingDestination(const std::function<imap::ClientCommand()>& build, const std::string& remote,
                                          std::optional<std::int64_t> mailboxId,
                                          const ImapConnection::Untagged& untagged = {});
    Result removeAtProvider(std::vector<std::uint32_t> uids, std::int64_t mailboxId, const std::string& what);
    // APPEND of the local entry to its mailbox's provider mailbox; binds it by APPENDUID.
    Result appendEntry(std::int64_t mailboxId, std::uint32_t uid, bool triedBefore);
    // Whether a copy of the entry's message is already at the provider (an
    // earlier try whose answer was lost); binds the entry to it where it can.
    bool bindExistingCopy(std::int64_t mailboxId, std::uint32_t uid, const std::string& remoteMailbox);

    // The provider's name of a local mailbox: its binding, else the local name
    // with the provider's delimiter (not created there yet).
    std::string remoteNameOf(std::int64_t mailboxId, const std::string& localName);
    // SELECTs `remoteName` unless it is selected; its UIDVALIDITY, or nullopt if refused.
    std::optional<std::uint32_t> select(const std::string& remoteName);
    // Whether remote UIDs recorded for the mailbox still mean what they meant.
    bool remoteUidsValid(std::int64_t mailboxId);
    Result refusal(const imap::Response& response, const std::string& what,
                   std::optional<std::int64_t> resyncMailbox);
    // The mailbox the recorded UIDs belong to cannot be selected (gone at the provider).
    static Result unopenable(std::int64_t mailboxId);

    store::Database& m_db;
    ImapConnection& m_imap;
    std::optional<std::string> m_selected;
    std::uint32_t m_selectedUidValidity = 0;
    int m_currentAttempts = 0; // of the first record of the run being replayed
    bool m_attemptNoted = false; // this pass already counted the run's attempt (noteAttempts)
};

} // namespace cachet::sync
