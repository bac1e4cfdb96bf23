#pragma once
// The response codes the sync client acts on (RFC 3501 §7.1, UIDPLUS RFC 4315,
// CONDSTORE RFC 7162), read from a tagged or untagged status response. Codes
// that carry no data ([ALERT], [TRYCREATE], [ALREADYEXISTS], [NONEXISTENT],
// [NOMODSEQ], [READ-WRITE]...) are asked with Response::hasCode.

#include "imap/ResponseReader.h"
#include "imap/SequenceSet.h"

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace cachet::imap {

// [UIDVALIDITY n] (RFC 3501 §7.1)
std::optional<std::uint32_t> uidValidityCode(const Response& response);
// [UIDNEXT n] (RFC 3501 §7.1)
std::optional<std::uint32_t> uidNextCode(const Response& response);
// [UNSEEN n]: the first unseen message's number (RFC 3501 §7.1)
std::optional<std::uint32_t> unseenCode(const Response& response);
// [HIGHESTMODSEQ n] (RFC 7162 §3.1.2.1)
std::optional<std::uint64_t> highestModSeqCode(const Response& response);
// [PERMANENTFLAGS (\Seen \* ...)] (RFC 3501 §7.1): the flags as written, "\*" included.
std::optional<std::vector<std::string>> permanentFlagsCode(const Response& response);

// [APPENDUID uidvalidity uid-set] (RFC 4315 §3): one UID, or a set after MULTIAPPEND.
struct AppendUid {
    std::uint32_t uidValidity = 0;
    SequenceSet uids;
};
std::optional<AppendUid> appendUidCode(const Response& response);

// [COPYUID uidvalidity source-set destination-set] (RFC 4315 §3), also sent
// untagged before MOVE's expunges (RFC 6851 §4.3). The n-th source UID became
// the n-th destination UID.
struct CopyUid {
    std::uint32_t uidValidity = 0;  // the destination mailbox's
    SequenceSet source;
    SequenceSet destination;

    // (source UID, destination UID) pairs; empty if the sets differ in size or
    // hold more than `maxPairs` UIDs.
    std::vector<std::pair<std::uint32_t, std::uint32_t>> pairs(std::size_t maxPairs = 1000000) const;
};
std::optional<CopyUid> copyUidCode(const Response& response);

} // namespace cachet::imap
