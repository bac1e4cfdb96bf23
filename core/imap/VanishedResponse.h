#pragma once
// "* VANISHED [(EARLIER)] uid-set" (QRESYNC, RFC 7162 §3.2.10): the UIDs of
// expunged messages, told instead of EXPUNGE once QRESYNC is enabled. EARLIER
// marks those expunged before this session, answering SELECT (QRESYNC ...) or
// UID FETCH (CHANGEDSINCE n VANISHED).

#include "imap/ResponseReader.h"
#include "imap/SequenceSet.h"

#include <optional>

namespace cachet::imap {

struct VanishedData {
    bool earlier = false;
    SequenceSet uids;
};

// nullopt if the response is not VANISHED or is malformed.
std::optional<VanishedData> readVanished(const Response& response);

} // namespace cachet::imap
