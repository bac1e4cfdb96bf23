#pragma once
// Brings one provider mailbox into the store (ARCHITECTURE.md, "Sync with the
// provider"): new messages newest first in batched, pipelined UID FETCHes;
// flag changes (CONDSTORE CHANGEDSINCE where offered, else a flag scan);
// expunges (comparing UID sets); a UIDVALIDITY change (remote UIDs dropped,
// then every message rebinds by content or by Message-ID and size, so nothing
// is stored twice). Each batch is one transaction: after a crash or a dropped
// connection the next pass fetches only what the store does not have, since
// "what we have" is the set of entries tied to a remote UID, not a counter.
//
// New messages are decrypted and verified between receiving a batch and
// storing it (crypto/IncomingMessage), so gpg never runs inside the batch's
// transaction and a message is visible only with its cleartext beside it.
//
// Never journals: these changes come from the provider. Every change moves
// the mailbox's MODSEQ, so bridge sessions hear of it.

#include "sync/ImapConnection.h"
#include "sync/StopFlag.h"
#include "sync/SyncProgress.h"

#include "crypto/IncomingOpenPgp.h"
#include "store/RemoteBindings.h"
#include "store/Sqlite.h"

#include <cstdint>
#include <unordered_set>
#include <vector>

namespace cachet::sync {

struct PullLimits {
    std::size_t batchMessages = 100;           // messages per UID FETCH
    std::uint64_t batchBytes = 4 * 1024 * 1024; // RFC822.SIZE per UID FETCH
    int batchesInFlight = 3;                    // pipelined, so the link is never idle
};

struct PullResult {
    std::int64_t added = 0;
    std::int64_t expunged = 0;
    std::int64_t flagsChanged = 0;
};

class MailboxPull {
public:
    // `openPgp`: decrypts and verifies each new message before it is stored
    // (crypto/IncomingMessage); null leaves that to a later sweep.
    MailboxPull(store::Database& db, ImapConnection& imap, PullLimits limits = {},
                const crypto::IncomingOpenPgp* openPgp = nullptr)
        : m_db(db), m_imap(imap), m_limits(limits), m_openPgp(openPgp)
    {
    }

    // The mailboxes whose state at the provider is the one of their last
    // complete sync (UIDVALIDITY, UIDNEXT, HIGHESTMODSEQ and the message count
    // from STATUS, all asked at once, pipelined): nothing to pull, and not even
    // a SELECT each. Empty without CONDSTORE, where only a flag scan can tell.
    std::unordered_set<std::int64_t> unchanged(const std::vector<store::MailboxBinding>& bindings);

    // `binding` must have a remote name. `progress` counts messages and bytes.
    PullResult pull(const store::MailboxBinding& binding, SyncProgress& progress, const ProgressCallback& report,
                    const StopFlag* stop = nullptr);

private:
    store::Database& m_db;
    ImapConnection& m_imap;
    PullLimits m_limits;
    const crypto::IncomingOpenPgp* m_openPgp;
};

} // namespace cachet::sync
