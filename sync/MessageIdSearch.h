#pragma once
// The UIDs in the selected mailbox whose Message-ID header is `messageId`
// (as the store keeps it, without angle brackets): how the sync asks whether
// a message it may already have put there (an APPEND or COPY whose answer was
// lost, a send the provider files in Sent) is there. nullopt if the server
// refused the SEARCH: "could not look" is not "not there".

#include "sync/ImapConnection.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace cachet::sync {

std::optional<std::vector<std::uint32_t>> uidsWithMessageId(ImapConnection& imap, const std::string& messageId);

} // namespace cachet::sync
