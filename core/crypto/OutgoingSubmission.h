#pragma once
// One outgoing pipeline for the bridge's SMTP server and the desktop composer
// (crypto/OutgoingOpenPgp): for a message to send, find the sender's own key,
// whether it answers encrypted mail, and Autocrypt's recommendation, then sign
// and maybe encrypt it; then store what comes out and queue it for the relay
// (sync/OutboxRelay), which also files the Sent copy.
//
// gpg runs on the caller's thread: the bridge's (see SmtpSession) or the
// desktop app's writer worker.

#include "crypto/KeyringCache.h"
#include "store/Sqlite.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace cachet::crypto {

struct ProtectedSubmission {
    enum class Refusal {
        None,
        NoKeyForRecipients, // encryption required; `keyless` have no usable key
        NoOwnKey,           // encryption required, and the profile has no key to send with
        CryptoFailed,       // gpg failed: `detail`
        NotPrepared,        // the store or the MIME encoders failed: `detail`
    };
    Refusal refusal = Refusal::None;
    std::string bytes;                // accepted: what to queue
    std::string note;                 // accepted: "signed and encrypted", "signed", or why not signed
    bool encrypted = false;
    std::vector<std::string> keyless; // NoKeyForRecipients
    std::string detail;               // CryptoFailed, NotPrepared: one line

    bool accepted() const { return refusal == Refusal::None; }
};

ProtectedSubmission protectSubmission(store::Database& db, KeyringCache& keyring, std::string_view data,
                                      const std::string& mailFrom, const std::vector<std::string>& recipients);

// Stores the protected message and queues it for sending, in one transaction.
// Returns the outbox id. Throws StoreError.
std::int64_t queueSubmission(store::Database& db, const std::string& bytes, const std::string& mailFrom,
                             const std::vector<std::string>& recipients);

} // namespace cachet::crypto
