#pragma once
// What verifying a signature gave, as Cachet states it to the user and in the
// X-Cachet-Signature header.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace cachet::crypto {

struct SignatureCheck {
    enum class Status { None, Valid, Bad, UnknownKey, Expired, Revoked, Error };
    Status status = Status::None;
    std::string fingerprint;              // the signing key's (primary when known), upper-case hex
    std::optional<std::int64_t> signedAt; // seconds since the epoch
    std::vector<std::string> signerAddresses; // the signing key's user id addresses, lower case
    std::string detail;                   // gpg's words when status is Error
};

// "valid", "bad", "unknown-key", "expired", "revoked", "error", "none": the store's and the header's words.
const char* statusName(SignatureCheck::Status status);
SignatureCheck::Status statusFromName(const std::string& name);

} // namespace cachet::crypto
