#pragma once
// The Autocrypt Setup Message (autocrypt.org/level1.html, "Autocrypt Setup
// Message"): the own secret key, symmetrically encrypted with a 36-digit setup
// code, in a mail the user sends to themselves so another device (or another
// Cachet profile) can take the key over.

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

// A setup message larger than this is refused unread.
inline constexpr std::size_t kMaxSetupMessageBytes = 1024 * 1024;

// 36 digits from libsodium, as nine groups of four joined by '-'.
std::string generateSetupCode();
// The code as typed (spaces, dashes or none) in the "1234-...-1234" form that
// is the passphrase; nullopt unless it holds exactly 36 digits.
std::optional<std::string> normalizedSetupCode(std::string_view typed);

struct CreatedSetupMessage {
    std::string message;    // RFC 5322, CRLF line ends
    std::string setupCode;  // show it to the user, never store it
};

// A setup message for the own key of `address` (To and From that address).
// The secret key inside is protected by the setup code as well (see
// crypto/SecretKeyExport.h for why). Throws CryptoError.
CreatedSetupMessage createSetupMessage(const QString& gnupgHome, store::Database& db, const std::string& address,
                                       std::int64_t now);

struct ImportedSetup {
    std::string fingerprint;
    std::vector<std::string> addresses; // now served by the key
    std::string preferEncrypt;          // as the message said (Autocrypt-Prefer-Encrypt), else unchanged
};

// Decrypts `rawMessage`'s setup file with `setupCode`, imports the secret key
// and adopts it as the own key of its addresses (crypto/OwnKeySetup.h). A
// wrong code or anything that is not a setup message throws CryptoError and
// changes nothing.
ImportedSetup importSetupMessage(const QString& gnupgHome, store::Database& db, std::string_view rawMessage,
                                 std::string_view setupCode);

} // namespace cachet::crypto
