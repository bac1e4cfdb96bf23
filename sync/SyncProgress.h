#pragma once
// What a sync pass reports as it goes, for `cachet-cli sync`'s progress bar,
// `status` and the GUI's status bar.

#include <cstdint>
#include <functional>
#include <string>

namespace cachet::sync {

struct SyncProgress {
    int mailboxesDone = 0;
    int mailboxesTotal = 0;
    std::string mailbox;          // the one being synced
    std::int64_t messagesDone = 0;
    std::int64_t messagesTotal = 0; // to download in this pass
    std::int64_t bytesDone = 0;
    std::int64_t bytesTotal = 0;
};

using ProgressCallback = std::function<void(const SyncProgress&)>;

} // namespace cachet::sync
