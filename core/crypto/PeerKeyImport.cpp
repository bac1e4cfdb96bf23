#include "crypto/PeerKeyImport.h"

#include "crypto/CryptoError.h"
#include "crypto/Keyring.h"
#include "crypto/OpenPgpPackets.h"
#include "store/OwnKeys.h"
#include "store/PeerKeys.h"
#include "text/AsciiText.h"

#include <algorithm>

namespace cachet::crypto {

namespace {

bool usableForEncryption(const KeyInfo& key)
{
    return key.canEncrypt && !key.revoked && !key.expired;
}

KeyInfo usableKey(const Keyring& keyring, const std::string& fingerprint)
{
    const auto info = keyring.find(fingerprint);
    if (!info)
        throw CryptoError("key " + fingerprint + " is not in the profile after importing it");
    if (!usableForEncryption(*info))
        throw CryptoError("key " + fingerprint + " cannot be used for encryption (revoked, expired or no encryption subkey)");
    return *info;
}

} // namespace

std::string importAutocryptKey(const QString& gnupgHome, std::string_view keyData)
{
    if (!isPublicKeyPackets(keyData))
        throw CryptoError("the Autocrypt key data is not an OpenPGP public key");
    Keyring keyring(gnupgHome);
    const ImportedKeys imported = keyring.import(keyData);
    if (imported.fingerprints.size() != 1)
        throw CryptoError("the Autocrypt key data holds " + std::to_string(imported.fingerprints.size())
                          + " keys, not one");
    // An expired key is still the peer's word (they may extend it, and gpg merges
    // the new self-signature); a revoked one is withdrawn.
    const auto info = keyring.find(imported.fingerprints.front());
    if (!info || info->revoked)
        throw CryptoError("the Autocrypt key is revoked");
    return info->fingerprint;
}

std::vector<LearnedPeerKey> recordPeerKeys(const QString& gnupgHome, store::Database& db,
                                           const std::vector<std::string>& fingerprints, const char* source,
                                           std::int64_t now)
{
    Keyring keyring(gnupgHome);
    std::vector<LearnedPeerKey> learned;
    store::Transaction tx(db);
    store::OwnKeys own(db);
    store::PeerKeys peerKeys(db);
    for (const std::string& fingerprint : fingerprints) {
        const KeyInfo info = usableKey(keyring, fingerprint);
        LearnedPeerKey out{info.fingerprint, {}};
        const std::string keyData = keyring.exportPublic(info.fingerprint, false, false);
        for (const std::string& address : info.addresses) {
            if (own.byAddress(address)
                || std::find(out.addresses.begin(), out.addresses.end(), address) != out.addresses.end())
                continue;
            peerKeys.put({info.fingerprint, address, source, keyData, now});
            out.addresses.push_back(address);
        }
        if (!out.addresses.empty())
            learned.push_back(std::move(out));
    }
    tx.commit();
    return learned;
}

std::vector<LearnedPeerKey> importManualKeys(const QString& gnupgHome, store::Database& db, std::string_view keyData,
                                             std::int64_t now)
{
    if (!holdsOnlyPublicKeys(keyData))
        throw CryptoError("the data is not OpenPGP public keys (a secret key is adopted as an own key instead)");
    const ImportedKeys imported = Keyring(gnupgHome).import(keyData);
    return recordPeerKeys(gnupgHome, db, imported.fingerprints, store::kPeerKeyManual, now);
}

std::optional<AttachedKey> importAttachedKey(const QString& gnupgHome, std::string_view keyData,
                                             std::string_view senderAddress)
{
    const std::string sender = text::asciiLower(senderAddress);
    if (sender.empty() || !holdsOnlyPublicKeys(keyData))
        return std::nullopt;
    try {
        Keyring keyring(gnupgHome);
        const ImportedKeys imported = keyring.import(keyData);
        for (const std::string& fingerprint : imported.fingerprints) {
            const auto info = keyring.find(fingerprint);
            if (!info || !usableForEncryption(*info)
                || std::find(info->addresses.begin(), info->addresses.end(), sender) == info->addresses.end())
                continue;
            return AttachedKey{info->fingerprint, sender, keyring.exportPublic(fingerprint, false, false)};
        }
    } catch (const CryptoError&) {
        // Broken key data in a message is the sender's problem: nothing learned.
    }
    return std::nullopt;
}

bool recordAttachedKey(store::Database& db, const AttachedKey& key, std::int64_t now)
{
    if (store::OwnKeys(db).byAddress(key.address))
        return false;
    store::PeerKeys(db).put({key.fingerprint, key.address, store::kPeerKeyAttached, key.keyData, now});
    return true;
}

std::optional<LearnedPeerKey> learnAttachedKey(const QString& gnupgHome, store::Database& db,
                                               std::string_view keyData, std::string_view senderAddress,
                                               std::int64_t now)
{
    if (store::OwnKeys(db).byAddress(text::asciiLower(senderAddress)))
        return std::nullopt;
    const auto key = importAttachedKey(gnupgHome, keyData, senderAddress);
    if (!key)
        return std::nullopt;
    store::Transaction tx(db);
    const bool recorded = recordAttachedKey(db, *key, now);
    tx.commit();
    if (!recorded)
        return std::nullopt;
    return LearnedPeerKey{key->fingerprint, {key->address}};
}

} // namespace cachet::crypto
