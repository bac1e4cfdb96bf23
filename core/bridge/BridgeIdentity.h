#pragma once
// Who the bridge lets in and how it proves itself (ARCHITECTURE.md, "The bridge"):
// the login (the account address), the bridge password and the profile's
// self-signed certificate. All of it lives in the encrypted store's setting
// table, created the first time the bridge runs, never in a file beside it.

#include "store/Sqlite.h"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace cachet::bridge {

struct BridgeIdentity {
    std::string username;               // the account address; also the IMAP/SMTP login
    std::vector<std::string> addresses; // addresses SMTP MAIL FROM may use, username first
    std::string password;               // random, at least 128 bits
    std::string certificatePem;         // self-signed, for localhost, 127.0.0.1 and ::1
    std::string privateKeyPem;
    std::string certificateSha256;      // "AB:CD:..." over the DER certificate, as browsers show it

    // Reads the identity from the store, creating and storing (in one transaction)
    // whatever is missing. `defaultAddress` is the account address of a profile
    // that has none yet (a local-only profile).
    static BridgeIdentity loadOrCreate(store::Database& db, const std::string& defaultAddress);
    // Replaces the bridge password with a new random one and returns the identity.
    static BridgeIdentity resetPassword(store::Database& db, const std::string& defaultAddress);
};

// The bridge password: kBridgePasswordLength characters drawn uniformly from
// kBridgePasswordAlphabet, 24 * log2(62) = about 142 bits. Letters and digits
// only, so no mail program's password field or paste trims or escapes any of it.
inline constexpr std::string_view kBridgePasswordAlphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
inline constexpr std::size_t kBridgePasswordLength = 24;

// Setting keys in the store's setting table.
inline constexpr const char* kSettingAccountAddress = "account.address";
inline constexpr const char* kSettingBridgePassword = "bridge.password";
inline constexpr const char* kSettingBridgeCertificate = "bridge.certificate";
inline constexpr const char* kSettingBridgeKey = "bridge.key";

} // namespace cachet::bridge
