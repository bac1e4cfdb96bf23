#include "store/Sha256.h"

#include <sodium.h>

namespace cachet::store {

std::string sha256(std::string_view data)
{
    std::string out(crypto_hash_sha256_BYTES, '\0');
    crypto_hash_sha256(reinterpret_cast<unsigned char*>(out.data()),
                       reinterpret_cast<const unsigned char*>(data.data()), data.size());
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
