#include "bridge/BridgeIdentity.h"

#include "bridge/SelfSignedCertificate.h"
#include "store/Settings.h"

#include <sodium.h>

#include <cstdint>
#include <optional>
#include <stdexcept>

namespace cachet::bridge {

namespace {

// The name a mail program shows when it asks the user to trust the certificate.
constexpr const char* kCertificateCommonName = "Cachet bridge on localhost";

std::string newPassword()
{
    if (sodium_init() < 0)
        throw std::runtime_error("libsodium could not be initialised");
    std::string password;
    password.reserve(kBridgePasswordLength);
    // randombytes_uniform rejects out-of-range draws itself, so every character
    // is equally likely (a plain modulo would favour the first few).
    const auto alphabetSize = static_cast<std::uint32_t>(kBridgePasswordAlphabet.size());
    for (std::size_t i = 0; i < kBridgePasswordLength; ++i)
        password.push_back(kBridgePasswordAlphabet[randombytes_uniform(alphabetSize)]);
    return password;
}

struct StoredValues {
    std::optional<std::string> address;
    std::optional<std::string> password;
    std::optional<std::string> certificate;
    std::optional<std::string> key;

    bool complete() const
    {
        return address && password && key && certificate && !certificateSha256(*certificate).empty();
    }
};

StoredValues read(store::Settings& settings)
{
    return {settings.get(kSettingAccountAddress), settings.get(kSettingBridgePassword),
            settings.get(kSettingBridgeCertificate), settings.get(kSettingBridgeKey)};
}

// Writes whatever is missing (and a new password if asked), so `values` is complete.
void fillMissing(store::Settings& settings, StoredValues& values, const std::string& defaultAddress,
                 bool replacePassword)
{
    if (!values.address) {
        values.address = defaultAddress;
        settings.set(kSettingAccountAddress, *values.address);
    }
    if (!values.password || replacePassword) {
        values.password = newPassword();
        settings.set(kSettingBridgePassword, *values.password);
    }
    // The certificate and key are only useful as a pair: one missing or unreadable
    // means both are made again (the user then trusts the new certificate once).
    if (!values.certificate || !values.key || certificateSha256(*values.certificate).empty()) {
        CertificateAndKey made = makeSelfSignedCertificate(kCertificateCommonName);
        values.certificate = std::move(made.certificatePem);
        values.key = std::move(made.privateKeyPem);
        settings.set(kSettingBridgeCertificate, *values.certificate);
        settings.set(kSettingBridgeKey, *values.key);
    }
}

BridgeIdentity toIdentity(StoredValues values)
{
    BridgeIdentity identity;
    identity.username = std::move(*values.address);
    identity.addresses = {identity.username};
    identity.password = std::move(*values.password);
    identity.certificatePem = std::move(*values.certificate);
    identity.privateKeyPem = std::move(*values.key);
    identity.certificateSha256 = certificateSha256(identity.certificatePem);
    return identity;
}

BridgeIdentity loadOrCreateIn(store::Database& db, const std::string& defaultAddress, bool replacePassword)
{
    store::Settings settings(db);
    if (!replacePassword) {
        // The usual case, every start after the first: read without taking the write lock.
        StoredValues values = read(settings);
        if (values.complete())
            return toIdentity(std::move(values));
    }
    store::Transaction tx(db);
    // Read again under the write lock: another connection may have filled it in meanwhile.
    StoredValues values = read(settings);
    fillMissing(settings, values, defaultAddress, replacePassword);
    tx.commit();
    return toIdentity(std::move(values));
}

} // namespace

BridgeIdentity BridgeIdentity::loadOrCreate(store::Database& db, const std::string& defaultAddress)
{
    return loadOrCreateIn(db, defaultAddress, false);
}

BridgeIdentity BridgeIdentity::resetPassword(store::Database& db, const std::string& defaultAddress)
{
    return loadOrCreateIn(db, defaultAddress, true);
}

} // namespace cachet::bridge
