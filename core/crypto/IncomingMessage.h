#pragma once
// A message arriving in the store (sync, import) with its OpenPGP result:
// prepared (parsed, split, decrypted and verified) outside the writer's
// transaction, then stored with the document shown in its place and the link
// between them in the caller's one transaction, so a crash leaves either all
// of it or none. The original, as at the provider, is what entries point to.

#include "crypto/IncomingOpenPgp.h"
#include "store/PreparedMessage.h"

#include <cstdint>
#include <optional>
#include <string_view>

namespace cachet::store {
class Database;
}

namespace cachet::crypto {

struct PreparedIncoming {
    store::PreparedMessage original;
    std::optional<IncomingOutcome> openPgp;   // none: not looked at (no GNUPGHOME here)
    std::optional<store::PreparedMessage> served;
};

// No database: runs on any thread. `openPgp` null: the message is only prepared.
PreparedIncoming prepareIncoming(std::string_view raw, const IncomingOpenPgp* openPgp);

// Stores it inside the caller's transaction and returns the original's id.
// A result already recorded for the same bytes is kept (never processed twice).
std::int64_t storeIncoming(store::Database& db, const PreparedIncoming& prepared);

// Decrypts and verifies up to `limit` stored messages that were never looked
// at (stored before OpenPGP came, by a bridge APPEND, or cut short by a
// crash), a few at a time: gpg outside transactions, each few recorded in one.
// Returns how many were processed.
std::int64_t processUnprocessed(store::Database& db, const IncomingOpenPgp& openPgp, std::int64_t limit = 10000);

} // namespace cachet::crypto
