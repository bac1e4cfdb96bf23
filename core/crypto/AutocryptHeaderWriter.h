#pragma once
// Writing the Autocrypt header of outgoing mail and the Autocrypt-Gossip
// headers of an encrypted one (autocrypt.org/level1.html, "The Autocrypt
// Header", "Key Gossip"). Only the writing side: parsing what arrives is
// crypto/AutocryptHeader's work. Kept apart so the two can meet in one place.

#include <string>
#include <string_view>

namespace cachet::crypto {

// The header value, folded for a field named "Autocrypt" or
// "Autocrypt-Gossip" (lines of at most 78 characters, CRLF SP between them):
// "addr=<address>; [prefer-encrypt=mutual; ]keydata=<base64 of keyData>".
// `keyData` is binary OpenPGP key data (Keyring::exportPublic(fpr, true, false)).
std::string autocryptHeaderValue(std::string_view address, bool preferEncryptMutual, std::string_view keyData);

// Whole header fields, each ending in CRLF.
std::string autocryptField(std::string_view address, bool preferEncryptMutual, std::string_view keyData);
std::string autocryptGossipField(std::string_view address, std::string_view keyData);

} // namespace cachet::crypto
