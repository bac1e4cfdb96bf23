#pragma once
// One sync of the account with the provider, in this order:
// 0. sends cut short by a crash are settled (those that need the provider's
//    Sent to tell are settled once IMAP is up, in 2);
// 1. local changes in the journal go to the provider (JournalReplay), so
//    everything read after already includes them;
// 2. the mailbox list is followed, and the outbox's interrupted sends settled;
// 3. the outbox is relayed (whether or not IMAP is up: a provider whose IMAP
//    is down may still take mail), before the pull so that sending never
//    waits behind a long download; the Sent copies it journals go out next;
// 4. every mailbox is pulled, INBOX first so new mail shows first; new
//    OpenPGP mail is decrypted and verified on arrival when the pass has the
//    profile's GNUPGHOME, and messages left unprocessed are swept after.
// Errors are recorded on the account for `status` and rethrown.

#include "sync/JournalReplay.h"
#include "sync/MailboxPull.h"
#include "sync/OutboxRelay.h"
#include "sync/StopFlag.h"
#include "sync/SyncProgress.h"

#include "store/Accounts.h"
#include "store/Sqlite.h"

#include <QString>

namespace cachet::sync {

struct SyncPassResult {
    int mailboxes = 0;
    ReplayReport replayed;
    PullResult pulled;
    RelayReport relayed;
};

class SyncPass {
public:
    // `gnupgHome`: the profile's (store::Profile::gnupgHome), held open by the
    // process (crypto::GnupgHome); empty: incoming OpenPGP is left for later.
    SyncPass(store::Database& db, store::Account account, PullLimits limits = {}, QString gnupgHome = {})
        : m_db(db), m_account(std::move(account)), m_limits(limits), m_gnupgHome(std::move(gnupgHome))
    {
    }

    SyncPassResult run(const ProgressCallback& report = {}, const StopFlag* stop = nullptr);

private:
    store::Database& m_db;
    store::Account m_account;
    PullLimits m_limits;
    QString m_gnupgHome;
};

} // namespace cachet::sync
