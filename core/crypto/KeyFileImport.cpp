#include "crypto/KeyFileImport.h"

#include "crypto/CryptoError.h"
#include "crypto/Keyring.h"
#include "crypto/OpenPgpPackets.h"
#include "crypto/OwnKeySetup.h"
#include "store/OwnKeys.h"
#include "store/PeerKeys.h"

#include <algorithm>

namespace cachet::crypto {

KeyFileImportResult importKeyFile(const QString& gnupgHome, store::Database& db, std::string_view data,
                                  std::int64_t now, const KeyPassphraseSource& passphraseFor)
{
    KeyFileImportResult result;
    if (holdsOnlyPublicKeys(data)) {
        result.peers = importManualKeys(gnupgHome, db, data, now);
        return result;
    }
    const ImportedKeys imported = Keyring(gnupgHome).import(data);
    std::vector<std::string> publicOnly;
    for (const std::string& fingerprint : imported.fingerprints)
        if (std::find(imported.secret.begin(), imported.secret.end(), fingerprint) == imported.secret.end())
            publicOnly.push_back(fingerprint);
    for (const std::string& fingerprint : imported.secret) {
        if (auto already = store::OwnKeys(db).byFingerprint(fingerprint)) {
            result.own.push_back({fingerprint, {already->address}, true});
            continue;
        }
        try {
            // Most exported secret keys are protected; an unprotected one needs no question.
            result.own.push_back({fingerprint, adoptOwnKey(gnupgHome, db, fingerprint, {}), false});
            continue;
        } catch (const CryptoError&) {
        }
        const std::optional<std::string> passphrase = passphraseFor ? passphraseFor(fingerprint) : std::nullopt;
        if (!passphrase) {
            result.needPassphrase.push_back(fingerprint);
            continue;
        }
        try {
            result.own.push_back({fingerprint, adoptOwnKey(gnupgHome, db, fingerprint, *passphrase), false});
        } catch (const CryptoError&) {
            throw CryptoError("wrong passphrase for the secret key " + fingerprint);
        }
    }
    result.peers = recordPeerKeys(gnupgHome, db, publicOnly, store::kPeerKeyManual, now);
    return result;
}

} // namespace cachet::crypto
