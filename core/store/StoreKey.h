#pragma once
// The 32-byte raw SQLCipher key, derived from the passphrase with Argon2id
// (libsodium), so SQLCipher 3.4's own weak PBKDF2 default is never used.

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace cachet::store {

// Argon2id cost, kept in profile.json beside the salt.
struct KdfCost {
    std::uint64_t opsLimit = 0;
    std::uint64_t memLimit = 0; // bytes

    static KdfCost interactive(); // libsodium's INTERACTIVE: 64 MiB, fast (tests, scripts)
    static KdfCost moderate();    // libsodium's MODERATE: 256 MiB, about a second (the default)
    static KdfCost sensitive();   // libsodium's SENSITIVE: 1 GiB, several seconds
    // Accepts "interactive", "moderate", "sensitive"; false for anything else.
    static bool fromName(std::string_view name, KdfCost& out);
    // Costs outside libsodium's bounds, or absurdly large, are refused (a hostile
    // profile.json must not make us allocate terabytes).
    bool isSane() const;
};

class StoreKey {
public:
    static constexpr std::size_t kSaltSize = 16;
    static constexpr std::size_t kKeySize = 32;

    // Throws StoreError if libsodium fails (out of memory for the cost).
    static StoreKey derive(std::string_view passphrase, std::string_view salt, const KdfCost& cost);
    static std::string randomSalt();

    StoreKey() = default;
    ~StoreKey();
    StoreKey(const StoreKey&) = default;
    StoreKey& operator=(const StoreKey&) = default;

    // "x'<64 hex digits>'": SQLCipher's raw-key form for PRAGMA key / rekey.
    std::string pragmaLiteral() const;
    // Constant time: a passphrase check must not tell how much of the key matched.
    bool sameAs(const StoreKey& other) const;

private:
    std::array<unsigned char, kKeySize> m_key{};
};

} // namespace cachet::store
