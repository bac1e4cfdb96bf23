#pragma once
// Autocrypt Level 1's recommendation (autocrypt.org/level1.html, "Provide a
// recommendation for message encryption"): for a message about to be sent,
// whether it can, should or must not be encrypted, and with which key for each
// recipient. Read from the peer state in the store (store/AutocryptPeers.h) and
// keys learned otherwise (peer_key); the outgoing pipeline (crypto/OutgoingOpenPgp)
// and the composer both ask it.

#include <QString>

#include <set>
#include <string>
#include <vector>

namespace cachet::store {
class Database;
}

namespace cachet::crypto {

enum class Recommendation { Disable, Discourage, Available, Encrypt };

struct RecipientRecommendation {
    std::string address;      // lower case
    Recommendation recommendation = Recommendation::Disable;
    std::string fingerprint;  // the key to encrypt to; empty when Disable
};

struct EncryptionRecommendation {
    Recommendation overall = Recommendation::Disable;
    std::vector<RecipientRecommendation> recipients; // in the order asked
    // The recipients without any usable key (why encryption cannot be done).
    std::vector<std::string> keyless() const;
};

// `recipients`: every address the message goes to (To, Cc and Bcc).
// `ownPreferEncrypt`: the sender's own setting ("mutual" or "nopreference").
// `replyToEncrypted`: the message answers an encrypted one (Level 1 then
// recommends Encrypt whenever every recipient is at least Discourage).
// `encryptable`: when given, the only keys that count (keysGpgCanEncryptTo);
// an expired or revoked key is then no key, and the next one known is used.
EncryptionRecommendation recommendEncryption(store::Database& db, const std::vector<std::string>& recipients,
                                             const std::string& ownPreferEncrypt, bool replyToEncrypted,
                                             const std::set<std::string>* encryptable = nullptr);

// The fingerprints of the keys in GNUPGHOME that gpg can encrypt to now: not
// expired, not revoked, with an encryption subkey (one gpg run).
std::set<std::string> keysGpgCanEncryptTo(const QString& gnupgHome);

} // namespace cachet::crypto
