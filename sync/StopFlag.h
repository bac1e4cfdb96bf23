#pragma once
// Asks a sync that is under way to end early, from another thread (the
// daemon's SIGTERM, the GUI closing): atomic, since the sync thread reads it
// while another thread sets it. The sync stops at the next safe point (between
// batches, mailboxes, messages to send); what is done stays committed.

#include <atomic>

namespace cachet::sync {

using StopFlag = std::atomic<bool>;

} // namespace cachet::sync
