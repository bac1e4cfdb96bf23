#pragma once
// Makes the store's mailboxes follow the provider's list: a mailbox new at the
// provider is created and tied to it (an existing local one of the same name
// is tied instead, so imported mail meets the provider's), one gone from the
// provider goes locally too (unless it was renamed there: same UIDVALIDITY
// under a new name, and the local one is renamed), and special uses come from SPECIAL-USE attributes
// or, where the provider has none, from the usual names. The provider's
// delimiter becomes the store's '/'.

#include "sync/ImapConnection.h"

#include "store/RemoteBindings.h"
#include "store/Sqlite.h"

#include <vector>

namespace cachet::sync {

struct ListSyncResult {
    int created = 0;
    int removed = 0;
    int renamed = 0;
    std::vector<store::MailboxBinding> bound; // every mailbox tied to a provider mailbox, to pull
};

ListSyncResult syncMailboxList(store::Database& db, ImapConnection& imap);

// The local name of a provider mailbox ("INBOX.Lists.Rust" with '.' -> "INBOX/Lists/Rust"),
// and back.
std::string localName(const std::string& remoteName, char delimiter);
std::string remoteName(const std::string& localName, char delimiter);

} // namespace cachet::sync
