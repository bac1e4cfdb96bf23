#include "store/Sha256.h"

#include "store/StoreError.h"

#include <openssl/evp.h>

namespace cachet::store {

std::string sha256(std::string_view data)
{
    // OpenSSL rather than libsodium: libsodium's SHA-256 is portable C (about
    // 0.48 GB/s measured here), OpenSSL's uses the SHA extensions (2.05 GB/s), and an
    // import hashes every byte twice (message and parts).
    std::string out(32, '\0');
    unsigned int length = 0;
    if (EVP_Digest(data.data(), data.size(), reinterpret_cast<unsigned char*>(out.data()), &length, EVP_sha256(),
                   nullptr) != 1
        || length != out.size())
        throw StoreError("SHA-256 failed", StoreError::Kind::Generic);
    return out;
}

std::string toHex(std::string_view bytes)
{
    static const char* hex = "0123456789abcdef";
    std::string out;
    out.reserve(bytes.size() * 2);
    for (unsigned char b : bytes) {
        out.push_back(hex[b >> 4]);
        out.push_back(hex[b & 0xf]);
    }
    return out;
}

} // namespace cachet::store
