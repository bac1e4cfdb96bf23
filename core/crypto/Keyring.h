#pragma once
// The keys in a profile's GNUPGHOME: listing, generating the own key, importing
// and exporting, and changing the passphrase that protects a secret key. The
// store keeps which key is the user's and its passphrase (store/OwnKeys.h); this
// class only talks to gpg.

#include <QString>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace GpgME {
class Key;
}

namespace cachet::crypto {

struct KeyInfo {
    std::string fingerprint;              // primary key, upper-case hex
    std::vector<std::string> userIds;     // as written in the key
    std::vector<std::string> addresses;   // the user ids' mail addresses, lower case
    bool hasSecret = false;
    bool canEncrypt = false;
    bool canSign = false;
    bool revoked = false;
    bool expired = false;
    std::int64_t created = 0;
    std::optional<std::int64_t> expires;
};

struct ImportedKeys {
    std::vector<std::string> fingerprints; // every key the data held (new or already known)
    std::vector<std::string> secret;       // those of them with a secret key imported
};

class Keyring {
public:
    explicit Keyring(QString gnupgHome) : m_home(std::move(gnupgHome)) {}

    // Every key, or the ones whose user id or fingerprint matches `pattern`.
    std::vector<KeyInfo> list(bool secretOnly = false, const std::string& pattern = {}) const;
    std::optional<KeyInfo> find(const std::string& fingerprint) const;

    // A new own key: ed25519 for signing and certifying, a cv25519 subkey for
    // encryption, user id "<address>", no expiry, protected by `passphrase`.
    KeyInfo generate(const std::string& address, const std::string& passphrase);

    // Imports armored or binary key data. Throws CryptoError if it holds no key.
    ImportedKeys import(std::string_view keyData);
    // Changes a secret key's protection (gpg --passwd). `oldPassphrase` is
    // ignored by gpg when the key has none (as after importing an unprotected one).
    void changePassphrase(const std::string& fingerprint, const std::string& oldPassphrase,
                          const std::string& newPassphrase);
    bool deleteKey(const std::string& fingerprint, bool withSecret);

    // The public key; `minimal` leaves out everything but the self-signatures
    // (what an Autocrypt header carries); binary unless `armor`.
    std::string exportPublic(const std::string& fingerprint, bool minimal, bool armor) const;
    // The secret key, armored, protected by the passphrase it has in gpg.
    std::string exportSecret(const std::string& fingerprint, const std::string& passphrase) const;

    const QString& home() const { return m_home; }

private:
    QString m_home;
};

KeyInfo keyInfoOf(const GpgME::Key& key);

} // namespace cachet::crypto
