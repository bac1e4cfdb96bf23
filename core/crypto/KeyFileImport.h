#pragma once
// A key file the user imports (`cachet-cli keys import`, the Keys window):
// public keys become known peers' keys (store/PeerKeys, source "manual"), a
// secret key becomes an own key (OwnKeySetup's adoptOwnKey), re-protected with
// a passphrase only the store holds. A protected secret key needs its
// passphrase: asked through `passphraseFor`, which may say "not now" (nullopt),
// leaving that key in `needPassphrase` for the caller to ask and try again.

#include "crypto/PeerKeyImport.h"
#include "store/Sqlite.h"

#include <QString>

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cachet::crypto {

struct AdoptedOwnKey {
    std::string fingerprint;
    std::vector<std::string> addresses;
    bool alreadyOwn = false; // it was the own key before this import
};

struct KeyFileImportResult {
    std::vector<LearnedPeerKey> peers;
    std::vector<AdoptedOwnKey> own;
    std::vector<std::string> needPassphrase; // secret keys not adopted: their passphrase was not given
};

using KeyPassphraseSource = std::function<std::optional<std::string>(const std::string& fingerprint)>;

// Throws CryptoError when the data holds no key, or when a passphrase given is wrong
// ("wrong passphrase for the secret key FPR").
KeyFileImportResult importKeyFile(const QString& gnupgHome, store::Database& db, std::string_view data,
                                  std::int64_t now, const KeyPassphraseSource& passphraseFor);

} // namespace cachet::crypto
