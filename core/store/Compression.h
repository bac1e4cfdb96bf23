#pragma once
// Document bytes are made smaller before SQLCipher encrypts them: mail text
// shrinks to a third, base64 bodies are kept as the bytes they encode (3/4 of
// the size, and far cheaper than zlib on data that does not compress), and
// already-compressed data (JPEG, ZIP) is kept as it is. Less to encrypt and
// write makes import faster. Every codec gives back the exact original bytes.

#include <string>
#include <string_view>

namespace cachet::store {

// Stored in the part and message tables: never renumber.
enum class Codec : int {
    Stored = 0,
    Zlib = 1,
    // Canonical base64 in lines of one fixed length: [line length / 4][flags] then the decoded bytes.
    Base64Lines = 2,
};

struct Encoded {
    Codec codec;
    std::string bytes;
};

Encoded compressDocument(std::string_view data);
// Throws StoreError(Corrupt) on data that does not decode to `expectedSize` bytes.
std::string decompressDocument(Codec codec, std::string_view data, std::size_t expectedSize);

} // namespace cachet::store
