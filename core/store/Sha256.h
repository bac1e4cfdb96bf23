#pragma once
#include <string>
#include <string_view>

namespace cachet::store {

// SHA-256 of `data`: 32 raw bytes, the key of every immutable document.
std::string sha256(std::string_view data);
std::string toHex(std::string_view bytes);

} // namespace cachet::store
