#include "crypto/OwnKeySetup.h"

#include "crypto/CryptoError.h"
#include "crypto/Keyring.h"
#include "store/Sqlite.h"
#include "text/AsciiText.h"

#include <sodium.h>

#include <QDateTime>

namespace cachet::crypto {

std::string randomKeyPassphrase()
{
    unsigned char bytes[32];
    randombytes_buf(bytes, sizeof bytes);
    static const char* hex = "0123456789abcdef";
    std::string out;
    for (unsigned char b : bytes) {
        out += hex[b >> 4];
        out += hex[b & 15];
    }
    sodium_memzero(bytes, sizeof bytes);
    return out;
}

store::OwnKey generateOwnKey(const QString& gnupgHome, store::Database& db, const std::string& address)
{
    store::OwnKey own;
    own.address = text::asciiLower(address);
    own.passphrase = randomKeyPassphrase();
    own.fingerprint = Keyring(gnupgHome).generate(own.address, own.passphrase).fingerprint;
    own.created = QDateTime::currentSecsSinceEpoch();
    store::Transaction tx(db);
    store::OwnKeys(db).put(own);
    tx.commit();
    return own;
}

std::vector<std::string> adoptOwnKey(const QString& gnupgHome, store::Database& db, const std::string& fingerprint,
                                     const std::string& importedPassphrase)
{
    Keyring keyring(gnupgHome);
    const auto info = keyring.find(fingerprint);
    if (!info || !info->hasSecret)
        throw CryptoError("no secret key " + fingerprint + " in this profile");
    if (info->addresses.empty())
        throw CryptoError("key " + fingerprint + " has no mail address in its user ids");
    const std::string passphrase = randomKeyPassphrase();
    keyring.changePassphrase(fingerprint, importedPassphrase, passphrase);
    store::Transaction tx(db);
    store::OwnKeys keys(db);
    for (const std::string& address : info->addresses) {
        store::OwnKey own;
        own.address = address;
        own.fingerprint = info->fingerprint;
        own.passphrase = passphrase;
        own.created = QDateTime::currentSecsSinceEpoch();
        keys.put(own);
    }
    tx.commit();
    return info->addresses;
}

} // namespace cachet::crypto
