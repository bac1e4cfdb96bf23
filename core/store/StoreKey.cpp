#include "store/StoreKey.h"

#include "store/StoreError.h"

#include <sodium.h>

namespace cachet::store {

namespace {
void ensureSodium()
{
    if (sodium_init() < 0)
        throw StoreError("libsodium failed to initialise");
}
} // namespace

KdfCost KdfCost::interactive()
{
    return {crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE};
}

KdfCost KdfCost::moderate()
{
    return {crypto_pwhash_OPSLIMIT_MODERATE, crypto_pwhash_MEMLIMIT_MODERATE};
}

KdfCost KdfCost::sensitive()
{
    return {crypto_pwhash_OPSLIMIT_SENSITIVE, crypto_pwhash_MEMLIMIT_SENSITIVE};
}

bool KdfCost::fromName(std::string_view name, KdfCost& out)
{
    if (name == "interactive")
        out = interactive();
    else if (name == "moderate")
        out = moderate();
    else if (name == "sensitive")
        out = sensitive();
    else
        return false;
    return true;
}

bool KdfCost::isSane() const
{
    constexpr std::uint64_t kMaxMem = 4ULL << 30; // 4 GiB: above any cost we ever write
    constexpr std::uint64_t kMaxOps = 64;
    return opsLimit >= crypto_pwhash_OPSLIMIT_MIN && opsLimit <= kMaxOps
        && memLimit >= crypto_pwhash_MEMLIMIT_MIN && memLimit <= kMaxMem;
}

StoreKey StoreKey::derive(std::string_view passphrase, std::string_view salt, const KdfCost& cost)
{
    ensureSodium();
    if (salt.size() != kSaltSize)
        throw StoreError("profile.json has a salt of the wrong size", StoreError::Kind::NotAProfile);
    if (!cost.isSane())
        throw StoreError("profile.json has an unusable key derivation cost", StoreError::Kind::NotAProfile);
    StoreKey key;
    if (crypto_pwhash(key.m_key.data(), key.m_key.size(), passphrase.data(), passphrase.size(),
                      reinterpret_cast<const unsigned char*>(salt.data()), cost.opsLimit,
                      static_cast<std::size_t>(cost.memLimit), crypto_pwhash_ALG_ARGON2ID13) != 0) {
        throw StoreError("not enough memory to derive the store key");
    }
    return key;
}

std::string StoreKey::randomSalt()
{
    ensureSodium();
    std::string salt(kSaltSize, '\0');
    randombytes_buf(salt.data(), salt.size());
    return salt;
}

StoreKey::~StoreKey()
{
    sodium_memzero(m_key.data(), m_key.size());
}

std::string StoreKey::pragmaLiteral() const
{
    static const char* hex = "0123456789abcdef";
    std::string out = "x'";
    for (unsigned char b : m_key) {
        out.push_back(hex[b >> 4]);
        out.push_back(hex[b & 0xf]);
    }
    out.push_back('\'');
    return out;
}

bool StoreKey::sameAs(const StoreKey& other) const
{
    return sodium_memcmp(m_key.data(), other.m_key.data(), kKeySize) == 0;
}

} // namespace cachet::store
