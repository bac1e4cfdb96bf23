#pragma once
// Special-use mailboxes (RFC 6154): the provider says which is which with
// SPECIAL-USE attributes; a provider without them is read by the names mail
// programs use (Thunderbird's list of "Sent", "Sent Items", "Deleted Items"...).

#include "store/Mailboxes.h"

#include <optional>
#include <string>
#include <string_view>

namespace cachet::sync {

// "\\Sent", "\\Drafts", "\\Trash", "\\Junk" or "\\Archive" for a usual name of
// one (the last level of `name`, any case), nullopt otherwise.
std::optional<std::string> specialUseByName(std::string_view name);

// The local mailbox for that special use: the one marked so, else one with a
// usual name (then marked), else a new one named `fallbackName`. Inside a transaction.
store::Mailbox specialMailbox(store::Database& db, std::string_view specialUse, std::string_view fallbackName);

} // namespace cachet::sync
