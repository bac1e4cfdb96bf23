#pragma once
// Exporting the own secret key under a passphrase other than the random one
// that protects it in GNUPGHOME (an Autocrypt setup code, the profile
// passphrase). gpg 2.2 cannot export a secret key unprotected, nor under
// another passphrase, while its agent holds it protected: it exports it under
// the protection it has. So the key is re-protected with the export
// passphrase, exported, and re-protected back.
//
// A crash in between would leave the key under a passphrase the store does
// not know. So the temporary passphrase is written to the store (setting
// "openpgp.export-passphrase.<fingerprint>") before gpg is asked to change
// anything, and cleared only after the key is back under its own passphrase;
// restoreOwnKeyProtection finishes the job at the next start.

#include "store/OwnKeys.h"

#include <QString>

#include <string>

namespace cachet::store {
class Database;
}

namespace cachet::crypto {

// The armored secret key of `own`, protected by `exportPassphrase`. Throws
// CryptoError; the key is back under its own passphrase either way.
std::string exportSecretKeyProtectedWith(const QString& gnupgHome, store::Database& db, const store::OwnKey& own,
                                         const std::string& exportPassphrase);

// After a crash during an export: puts every own key still under a temporary
// passphrase back under its own. Call it when a profile's GNUPGHOME is opened,
// before the own key is used. Returns how many keys it restored. Throws
// CryptoError if a key is under neither passphrase (the record is kept).
int restoreOwnKeyProtection(const QString& gnupgHome, store::Database& db);

} // namespace cachet::crypto
