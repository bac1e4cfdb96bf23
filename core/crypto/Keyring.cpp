#include "crypto/Keyring.h"

#include "crypto/CryptoError.h"
#include "crypto/GpgContext.h"

#include <gpgme++/data.h>
#include <gpgme++/importresult.h>
#include <gpgme++/key.h>
#include <gpgme++/keygenerationresult.h>
#include <gpgme++/keylistresult.h>
#include <gpgme.h>

#include <QString>

#include <algorithm>

namespace cachet::crypto {

namespace {

std::string lower(std::string s)
{
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

GpgME::Key lookup(GpgContext& ctx, const std::string& fingerprint, bool secret)
{
    GpgME::Error error;
    GpgME::Key key = ctx->key(fingerprint.c_str(), error, secret);
    if (error || key.isNull())
        throw CryptoError("no " + std::string(secret ? "secret " : "") + "key " + fingerprint + " in this profile");
    return key;
}

} // namespace

KeyInfo keyInfoOf(const GpgME::Key& key)
{
    KeyInfo info;
    info.fingerprint = key.primaryFingerprint() ? key.primaryFingerprint() : "";
    info.hasSecret = key.hasSecret();
    info.canEncrypt = key.canEncrypt();
    info.canSign = key.canSign();
    info.revoked = key.isRevoked();
    info.expired = key.isExpired();
    const auto subkeys = key.subkeys();
    if (!subkeys.empty()) {
        info.created = subkeys.front().creationTime();
        if (subkeys.front().expirationTime() > 0)
            info.expires = subkeys.front().expirationTime();
    }
    for (const GpgME::UserID& uid : key.userIDs()) {
        info.userIds.emplace_back(uid.id() ? uid.id() : "");
        std::string email = uid.email() ? uid.email() : "";
        // gpg gives the address in angle brackets when the user id is only "<a@b>".
        if (email.size() > 2 && email.front() == '<' && email.back() == '>')
            email = email.substr(1, email.size() - 2);
        if (!email.empty())
            info.addresses.push_back(lower(email));
    }
    return info;
}

std::vector<KeyInfo> Keyring::list(bool secretOnly, const std::string& pattern) const
{
    GpgContext ctx = makeGpgContext(m_home);
    std::vector<KeyInfo> keys;
    if (const GpgME::Error e = ctx->startKeyListing(pattern.empty() ? nullptr : pattern.c_str(), secretOnly))
        throw CryptoError("cannot list keys: " + gpgErrorText(e));
    for (;;) {
        GpgME::Error error;
        const GpgME::Key key = ctx->nextKey(error);
        if (error || key.isNull())
            break;
        keys.push_back(keyInfoOf(key));
    }
    ctx->endKeyListing();
    if (secretOnly)
        for (KeyInfo& k : keys)
            k.hasSecret = true;
    return keys;
}

std::optional<KeyInfo> Keyring::find(const std::string& fingerprint) const
{
    GpgContext ctx = makeGpgContext(m_home);
    GpgME::Error error;
    const GpgME::Key key = ctx->key(fingerprint.c_str(), error, false);
    if (error || key.isNull())
        return std::nullopt;
    KeyInfo info = keyInfoOf(key);
    GpgME::Error secretError;
    const GpgME::Key secret = ctx->key(fingerprint.c_str(), secretError, true);
    info.hasSecret = !secretError && !secret.isNull();
    return info;
}

KeyInfo Keyring::generate(const std::string& address, const std::string& passphrase)
{
    GpgContext ctx = makeGpgContext(m_home, {passphrase});
    const std::string userId = "<" + address + ">";
    const GpgME::KeyGenerationResult made =
        ctx->createKeyEx(userId.c_str(), "ed25519", 0, 0, GpgME::Key(),
                         GPGME_CREATE_SIGN | GPGME_CREATE_CERT | GPGME_CREATE_NOEXPIRE | GPGME_CREATE_FORCE);
    if (made.error() || !made.fingerprint())
        throw CryptoError("cannot generate a key for " + address + ": " + gpgErrorText(made.error()));
    const std::string fingerprint = made.fingerprint();
    const GpgME::Key primary = lookup(ctx, fingerprint, true);
    if (const GpgME::Error e = ctx->createSubkey(primary, "cv25519", 0, 0, GPGME_CREATE_ENCR | GPGME_CREATE_NOEXPIRE))
        throw CryptoError("cannot add an encryption key for " + address + ": " + gpgErrorText(e));
    auto info = find(fingerprint);
    if (!info)
        throw CryptoError("the key generated for " + address + " cannot be found");
    return *info;
}

ImportedKeys Keyring::import(std::string_view keyData)
{
    GpgContext ctx = makeGpgContext(m_home);
    const GpgME::Data data(keyData.data(), keyData.size(), true);
    const GpgME::ImportResult result = ctx->importKeys(data);
    if (result.error())
        throw CryptoError("the keys could not be imported: " + gpgErrorText(result.error()));
    ImportedKeys out;
    for (const GpgME::Import& imported : result.imports()) {
        if (imported.error() || !imported.fingerprint())
            continue;
        const std::string fpr = imported.fingerprint();
        if (std::find(out.fingerprints.begin(), out.fingerprints.end(), fpr) == out.fingerprints.end())
            out.fingerprints.push_back(fpr);
        if ((imported.status() & GpgME::Import::ContainedSecretKey)
            && std::find(out.secret.begin(), out.secret.end(), fpr) == out.secret.end())
            out.secret.push_back(fpr);
    }
    if (out.fingerprints.empty())
        throw CryptoError("no OpenPGP key found in the data");
    return out;
}

void Keyring::changePassphrase(const std::string& fingerprint, const std::string& oldPassphrase,
                               const std::string& newPassphrase)
{
    // gpg asks for the old passphrase only if the key has one; then for the new one.
    GpgContext ctx = makeGpgContext(m_home, oldPassphrase.empty() ? std::vector<std::string>{newPassphrase}
                                                                  : std::vector<std::string>{oldPassphrase, newPassphrase});
    const GpgME::Key key = lookup(ctx, fingerprint, true);
    if (const GpgME::Error e = ctx->passwd(key))
        throw CryptoError("cannot change the protection of key " + fingerprint + ": " + gpgErrorText(e));
}

bool Keyring::deleteKey(const std::string& fingerprint, bool withSecret)
{
    GpgContext ctx = makeGpgContext(m_home);
    GpgME::Error error;
    const GpgME::Key key = ctx->key(fingerprint.c_str(), error, false);
    if (error || key.isNull())
        return false;
    return !ctx->deleteKey(key, withSecret);
}

std::string Keyring::exportPublic(const std::string& fingerprint, bool minimal, bool armor) const
{
    GpgContext ctx = makeGpgContext(m_home);
    ctx->setArmor(armor);
    GpgME::Data out;
    if (const GpgME::Error e = ctx->exportPublicKeys(fingerprint.c_str(), out, minimal ? static_cast<unsigned>(GpgME::Context::ExportMinimal) : 0u))
        throw CryptoError("cannot export key " + fingerprint + ": " + gpgErrorText(e));
    std::string bytes = out.toString();
    if (bytes.empty())
        throw CryptoError("no key " + fingerprint + " to export");
    return bytes;
}

std::string Keyring::exportSecret(const std::string& fingerprint, const std::string& passphrase) const
{
    GpgContext ctx = makeGpgContext(m_home, {passphrase});
    GpgME::Data out;
    if (const GpgME::Error e = ctx->exportSecretKeys(fingerprint.c_str(), out))
        throw CryptoError("cannot export the secret key " + fingerprint + ": " + gpgErrorText(e));
    std::string bytes = out.toString();
    if (bytes.empty())
        throw CryptoError("the secret key " + fingerprint + " could not be exported (no such key, or a wrong passphrase)");
    return bytes;
}

} // namespace cachet::crypto
