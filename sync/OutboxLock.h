#pragma once
// Only one process relays a profile's outbox at a time. OutboxRelay reads an
// item left 'sending' or 'ending' as one whose sender died; while another
// process (the daemon, a second `sync --once`) is in the middle of that send,
// the reading is wrong and the message would go twice. The lock is a file
// beside the store (QLockFile), so the lock of a killed process is seen as
// stale and taken over, and the next sync recovers its sends.

#include "store/Sqlite.h"

#include <QLockFile>

#include <memory>

namespace cachet::sync {

class OutboxLock {
public:
    explicit OutboxLock(store::Database& db);

    // True if this process holds the lock: already, or taken now because it
    // was free. Kept until this object goes.
    bool acquire();

private:
    std::unique_ptr<QLockFile> m_file; // none for an in-memory store, which no other process can open
    bool m_held = false;
};

} // namespace cachet::sync
