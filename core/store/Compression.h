#pragma once
// Document bytes are compressed before SQLCipher encrypts them: mail text
// shrinks to a third, and less to encrypt and write makes import faster.
// Already-compressed data (JPEG, ZIP, random bytes) is kept as it is.

#include <string>
#include <string_view>

namespace cachet::store {

enum class Codec : int { Stored = 0, Zlib = 1 };

struct Encoded {
    Codec codec;
    std::string bytes;
};

Encoded compressDocument(std::string_view data);
// Throws StoreError(Corrupt) on data that does not decode to `expectedSize` bytes.
std::string decompressDocument(Codec codec, std::string_view data, std::size_t expectedSize);

} // namespace cachet::store
