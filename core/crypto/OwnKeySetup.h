#pragma once
// Making a key the user's own: generating one when an account is added, or
// adopting a secret key imported from elsewhere. Either way the key ends up
// protected in GNUPGHOME by a fresh random passphrase kept in the store
// (store/OwnKeys.h), so gpg never needs a dialog and the key file alone is
// worth nothing.

#include "store/OwnKeys.h"

#include <QString>

#include <string>

namespace cachet::store {
class Database;
}

namespace cachet::crypto {

// A random passphrase for a secret key: 32 bytes from libsodium, as hex.
std::string randomKeyPassphrase();

// Generates ed25519/cv25519 for `address` and records it as the address's own key.
store::OwnKey generateOwnKey(const QString& gnupgHome, store::Database& db, const std::string& address);

// Records an imported secret key as the own key of each of its addresses,
// re-protecting it with a random passphrase. `importedPassphrase` is the one it
// came with (empty for an unprotected key). Returns the addresses it now serves.
std::vector<std::string> adoptOwnKey(const QString& gnupgHome, store::Database& db, const std::string& fingerprint,
                                     const std::string& importedPassphrase);

} // namespace cachet::crypto
