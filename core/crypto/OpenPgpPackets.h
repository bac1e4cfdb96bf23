#pragma once
// Just enough of RFC 4880's packet framing to tell, before gpg sees them,
// whether key bytes from a message hold public keys only: gpg imports secret
// keys as readily as public ones, and a key attached to a mail or carried in
// an Autocrypt header must never put a secret key into the profile.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cachet::crypto {

// Key data from outside larger than this is refused unread.
inline constexpr std::size_t kMaxKeyDataBytes = 1024 * 1024;

// The bytes of every ASCII-armored block in `text` (RFC 4880 §6.2), joined;
// `text` itself if it holds no armor. nullopt for an armor whose body is not base64.
std::optional<std::string> dearmoredKeyData(std::string_view text);

// The packet tags of binary OpenPGP data (RFC 4880 §4.2, §4.3), in order;
// nullopt if the framing is broken or uses partial lengths (never in keys).
std::optional<std::vector<int>> packetTags(std::string_view binary);

// True if binary OpenPGP data is one or more transferable public keys: well
// framed, starting with a public key packet, no secret key packet anywhere.
bool isPublicKeyPackets(std::string_view binary);
// The same for data that may be armored.
bool holdsOnlyPublicKeys(std::string_view data);

} // namespace cachet::crypto
