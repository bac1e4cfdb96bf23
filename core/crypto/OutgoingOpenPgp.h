#pragma once
// The outgoing pipeline (ARCHITECTURE.md, "OpenPGP"), one for the bridge's SMTP
// and the composer: a submitted message becomes what is queued and relayed,
// and what the Sent copy is. Always signed (PGP/MIME, RFC 3156), with the
// Autocrypt header; encrypted to every recipient and to the sender when the
// user or the Autocrypt recommendation says so; protected headers inside;
// Bcc recipients hidden. The decision which keys to use is made by the
// caller (crypto::recommendEncryption, in one place) and handed in, so this
// file can be tested with keys a test imports itself.

#include "crypto/AutocryptRecommendation.h"
#include "crypto/CryptoError.h"
#include "crypto/SubmittedMessage.h"
#include "store/OwnKeys.h"

#include <QString>

#include <optional>
#include <string>
#include <vector>

namespace cachet::crypto {

struct RecipientKey {
    std::string address;      // lower case
    std::string fingerprint;  // the key to encrypt to; empty: none usable
};

// What the pipeline is told about encryption, from Autocrypt's recommendation.
struct EncryptionDecision {
    bool recommended = false;         // Autocrypt says Encrypt: done when the user did not choose
    std::vector<RecipientKey> keys;   // per recipient; an address missing here has no key
};

// The recommendation as the pipeline's input: Encrypt means encrypt; every
// recipient with a fingerprint (and not Disable) has a usable key.
EncryptionDecision decisionFrom(const EncryptionRecommendation& recommendation);

struct OutgoingRequest {
    const SubmittedMessage& message;
    std::optional<store::OwnKey> ownKey;   // the sender's; none: sent as it came
    std::string ownPublicKey;              // Keyring::exportPublic(ownKey->fingerprint, true, false)
    EncryptionDecision decision;
};

struct OutgoingMessage {
    std::string bytes;          // to queue, relay and keep as the Sent copy
    bool isSigned = false;
    bool isEncrypted = false;
    std::string note;           // why it is not signed, for the SMTP reply; empty otherwise
};

// Encryption was required (X-Cachet-Encrypt: require) and cannot be done.
class EncryptionRefused : public CryptoError {
public:
    EncryptionRefused(const std::string& what, std::vector<std::string> keyless)
        : CryptoError(what), m_keyless(std::move(keyless)) {}
    // The recipients without a usable key (empty when the sender has none).
    const std::vector<std::string>& keyless() const { return m_keyless; }

private:
    std::vector<std::string> m_keyless;
};

// Throws EncryptionRefused as above, and CryptoError when gpg fails. Blocks on
// gpg: call it off the GUI thread.
OutgoingMessage protectOutgoing(const QString& gnupgHome, const OutgoingRequest& request);

} // namespace cachet::crypto
