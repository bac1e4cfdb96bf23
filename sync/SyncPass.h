#pragma once
// One sync of the account with the provider, in this order: the outbox's
// interrupted sends are settled, the mailbox list is followed, every mailbox
// is pulled (INBOX first, so new mail shows first), then the outbox is relayed.
// Local changes in the journal go out before anything is pulled (JournalReplay,
// once it lands), so the provider's answers already include them.
// Errors are recorded on the account for `status` and rethrown.

#include "sync/MailboxPull.h"
#include "sync/OutboxRelay.h"
#include "sync/SyncProgress.h"

#include "store/Accounts.h"
#include "store/Sqlite.h"

namespace cachet::sync {

struct SyncPassResult {
    int mailboxes = 0;
    PullResult pulled;
    RelayReport relayed;
};

class SyncPass {
public:
    SyncPass(store::Database& db, store::Account account, PullLimits limits = {})
        : m_db(db), m_account(std::move(account)), m_limits(limits)
    {
    }

    SyncPassResult run(const ProgressCallback& report = {}, const bool* stop = nullptr);

private:
    store::Database& m_db;
    store::Account m_account;
    PullLimits m_limits;
};

} // namespace cachet::sync
