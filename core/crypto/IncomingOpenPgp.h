#pragma once
// Incoming OpenPGP (ARCHITECTURE.md, "OpenPGP"): given the raw bytes of a
// stored message, decides whether it is OpenPGP (crypto/PgpMimeLocator),
// decrypts and verifies it once through gpg, and builds the document shown
// and served in its place (crypto/CleartextDocument):
//
//   decrypted         the outer header with the protected headers applied,
//                     the decrypted entity as body, X-Cachet-Encryption: decrypted
//                     and X-Cachet-Signature: <result>
//   signed only       the original with X-Cachet-Signature: <result>
//   failed            the original ciphertext, never any plaintext, with
//                     X-Cachet-Encryption: failed; reason="..."
//   no OpenPGP        nothing, unless the original carried X-Cachet-* fields
//                     (then the original without them)
//
// It also gathers what the message teaches about peers' keys
// (crypto/ArrivalLearning), importing them before the signatures are judged.
// No database access in process(): it runs outside the writer's transactions
// (crypto/IncomingMessage stores the result and applies the learning).

#include "crypto/ArrivalLearning.h"
#include "crypto/OpenPgpOperations.h"
#include "crypto/SignatureCheck.h"
#include "store/MessageOpenPgp.h"
#include "store/OwnKeys.h"

#include <QString>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cachet::store {
class Database;
}

namespace cachet::crypto {

// A decrypted message beyond this is refused rather than held in memory.
inline constexpr std::size_t kMaxPlaintextBytes = 128u * 1024 * 1024;

struct IncomingOutcome {
    store::OpenPgpRecord record;        // messageId and servedId are the writer's to fill
    std::optional<std::string> served;  // the document to show in place; none: the original
    ArrivalLearning learning;           // for every message, OpenPGP or not
};

class IncomingOpenPgp {
public:
    // Reads the own keys and their passphrases from `db` once.
    IncomingOpenPgp(QString gnupgHome, store::Database& db);
    IncomingOpenPgp(QString gnupgHome, std::vector<store::OwnKey> ownKeys);

    // Safe to call from several threads at once.
    IncomingOutcome process(std::string_view raw) const;

    const QString& gnupgHome() const { return m_home; }

private:
    Decrypted decrypt(std::string_view cipherText, const std::vector<std::string>& recipients) const;

    QString m_home;
    std::vector<store::OwnKey> m_ownKeys;
    std::unique_ptr<ArrivalKeyImports> m_keyImports; // a pointer: process() is const, its memory is not
};

// The X-Cachet-Signature field for a check: "X-Cachet-Signature: valid; signer=FPR; from-matches=yes".
std::string signatureField(const SignatureCheck& check, bool fromMatches);

} // namespace cachet::crypto
