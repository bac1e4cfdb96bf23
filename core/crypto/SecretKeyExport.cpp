#include "crypto/SecretKeyExport.h"

#include "crypto/CryptoError.h"
#include "crypto/Keyring.h"
#include "store/Settings.h"
#include "store/Sqlite.h"

#include <sodium.h>

#include <set>

namespace cachet::crypto {

namespace {

std::string settingKey(const std::string& fingerprint)
{
    return "openpgp.export-passphrase." + fingerprint;
}

void recordTemporary(store::Database& db, const std::string& fingerprint, const std::string& passphrase)
{
    store::Transaction tx(db);
    store::Settings(db).set(settingKey(fingerprint), passphrase); // empty: none pending
    tx.commit();
}

bool unlocksWith(const Keyring& keyring, const std::string& fingerprint, const std::string& passphrase)
{
    try {
        std::string exported = keyring.exportSecret(fingerprint, passphrase);
        sodium_memzero(exported.data(), exported.size());
        return true;
    } catch (const CryptoError&) {
        return false;
    }
}

// Returns true if the key had to be changed back.
bool restoreOne(store::Database& db, Keyring& keyring, const store::OwnKey& own, const std::string& temporary)
{
    bool restored = false;
    if (!unlocksWith(keyring, own.fingerprint, own.passphrase)) {
        // Throws when the temporary passphrase does not open it either: the record stays for another try.
        keyring.changePassphrase(own.fingerprint, temporary, own.passphrase);
        restored = true;
    }
    recordTemporary(db, own.fingerprint, {});
    return restored;
}

} // namespace

std::string exportSecretKeyProtectedWith(const QString& gnupgHome, store::Database& db, const store::OwnKey& own,
                                         const std::string& exportPassphrase)
{
    if (exportPassphrase.empty())
        throw CryptoError("a secret key is never exported without a passphrase");
    Keyring keyring(gnupgHome);
    recordTemporary(db, own.fingerprint, exportPassphrase);
    std::string exported;
    try {
        keyring.changePassphrase(own.fingerprint, own.passphrase, exportPassphrase);
        exported = keyring.exportSecret(own.fingerprint, exportPassphrase);
    } catch (const CryptoError&) {
        restoreOne(db, keyring, own, exportPassphrase);
        throw;
    }
    keyring.changePassphrase(own.fingerprint, exportPassphrase, own.passphrase);
    recordTemporary(db, own.fingerprint, {});
    return exported;
}

int restoreOwnKeyProtection(const QString& gnupgHome, store::Database& db)
{
    Keyring keyring(gnupgHome);
    store::Settings settings(db);
    std::set<std::string> done;
    int restored = 0;
    for (const store::OwnKey& own : store::OwnKeys(db).all()) {
        if (!done.insert(own.fingerprint).second)
            continue;
        const auto temporary = settings.get(settingKey(own.fingerprint));
        if (temporary && !temporary->empty() && restoreOne(db, keyring, own, *temporary))
            ++restored;
    }
    return restored;
}

} // namespace cachet::crypto
