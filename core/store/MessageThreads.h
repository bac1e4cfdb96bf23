#pragma once
// A mailbox's messages grouped into conversations by References and
// In-Reply-To (RFC 5322 §3.6.4), for the GUI's threaded message list: threads
// newest first (by their latest message), each one's messages parent before
// child, replies oldest first. A reply whose parent is not in the mailbox
// hangs from the nearest ancestor in its References that is; else it starts a
// thread of its own. Subjects are not used to join threads (they join
// unrelated mail too often).
//
// Memory: about 100 bytes a message while it runs (the ids of the mailbox's
// messages), nothing kept after.

#include "store/Sqlite.h"

#include <cstdint>
#include <vector>

namespace cachet::store {

struct ThreadedUid {
    std::uint32_t uid = 0;
    std::uint16_t depth = 0; // 0 for a thread's first message
};

// Depths beyond this are shown at this depth (a list of 200-reply chains stays readable).
inline constexpr std::uint16_t kMaxThreadDepth = 24;

std::vector<ThreadedUid> threadOrder(Database& db, std::int64_t mailboxId);

} // namespace cachet::store
