#pragma once
// Bringing peers' public keys into the profile: into GNUPGHOME, so gpg can
// encrypt to them, and into the store, which decides whether they are used
// (the Autocrypt state, or peer_key for keys imported by hand or attached to
// mail). Key bytes from outside must hold public keys only (crypto/OpenPgpPackets.h).

#include <QString>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cachet::store {
class Database;
}

namespace cachet::crypto {

struct LearnedPeerKey {
    std::string fingerprint;
    std::vector<std::string> addresses; // those it was recorded for
};

// One public key as an Autocrypt header or gossip carries it (binary): imported
// into GNUPGHOME. Returns its fingerprint. Throws CryptoError if it is not
// exactly one public key, or it is revoked.
std::string importAutocryptKey(const QString& gnupgHome, std::string_view keyData);

// Public keys the user gives (armored or binary): recorded as 'manual' for each
// address in their user ids that is not one of the profile's own. Throws
// CryptoError if the data holds a secret key or no key gpg can encrypt to.
std::vector<LearnedPeerKey> importManualKeys(const QString& gnupgHome, store::Database& db, std::string_view keyData,
                                             std::int64_t now);

// Keys already in GNUPGHOME (e.g. the public ones of a file that also held a
// secret key), recorded under `source` as importManualKeys does.
std::vector<LearnedPeerKey> recordPeerKeys(const QString& gnupgHome, store::Database& db,
                                           const std::vector<std::string>& fingerprints, const char* source,
                                           std::int64_t now);

// A key attached to a message (application/pgp-keys part body, transfer
// decoding done) sent by `senderAddress`: usable only for the sender, and only
// if one of the key's user ids names the sender; anyone can attach a key
// claiming any address. Learned in two halves, as Autocrypt is
// (crypto/ArrivalLearning.h): imported into GNUPGHOME (nullopt when it is not a
// public key, or none of its keys is the sender's), then recorded as
// 'attached' in the caller's transaction. Never throws for bad key data: mail
// is untrusted.
struct AttachedKey {
    std::string fingerprint;
    std::string address;  // the sender, lower case
    std::string keyData;  // minimal binary export, as peer_key keeps it
};
std::optional<AttachedKey> importAttachedKey(const QString& gnupgHome, std::string_view keyData,
                                             std::string_view senderAddress);
// false: the sender is an own address, nothing recorded.
bool recordAttachedKey(store::Database& db, const AttachedKey& key, std::int64_t now);
// Both halves, in a transaction of its own.
std::optional<LearnedPeerKey> learnAttachedKey(const QString& gnupgHome, store::Database& db,
                                               std::string_view keyData, std::string_view senderAddress,
                                               std::int64_t now);

} // namespace cachet::crypto
