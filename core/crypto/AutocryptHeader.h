#pragma once
// The Autocrypt and Autocrypt-Gossip header fields (autocrypt.org/level1.html,
// "The Autocrypt Header" and "Key Gossip"): reading what arrives, writing what
// leaves. The reader takes untrusted bytes: it is bounded, never throws and
// gives either a header or the reason there is none.

#include <cstddef>
#include <string>
#include <string_view>

namespace cachet::crypto {

// A Level 1 key (ed25519/cv25519, or RSA 3072, self-signatures only) is a few
// KiB; keydata decoding to more than this makes the header invalid.
inline constexpr std::size_t kMaxAutocryptKeyBytes = 64 * 1024;
// A raw value longer than this (the base64 of the largest key, folding
// included, and room for the other attributes) is refused unread.
inline constexpr std::size_t kMaxAutocryptHeaderBytes = 128 * 1024;

inline constexpr const char* kPreferEncryptMutual = "mutual";
inline constexpr const char* kPreferEncryptNoPreference = "nopreference";

enum class AutocryptField { Autocrypt, Gossip };

struct AutocryptHeader {
    std::string address;       // lower case
    std::string preferEncrypt = kPreferEncryptNoPreference; // mutual or nopreference
    std::string keyData;       // binary OpenPGP transferable public key
};

struct ParsedAutocryptHeader {
    bool ok = false;
    AutocryptHeader header;    // valid only when ok
    std::string error;         // why not, when !ok
};

// `rawValue`: the field's value as written, folding kept (mime::HeaderField::rawValue).
// Level 1: addr and keydata are required; prefer-encrypt is "mutual" or taken as
// "nopreference"; attributes starting with '_' are ignored; any other unknown
// attribute, or one given twice, makes the header invalid.
ParsedAutocryptHeader parseAutocryptHeader(std::string_view rawValue);

// The whole field, "Autocrypt: addr=...; prefer-encrypt=mutual; keydata=" and
// the base64 key on folded lines of at most 78 characters, `lineEnd` between
// lines and none after the last. Gossip fields carry no prefer-encrypt, and a
// "nopreference" is said by leaving the attribute out.
std::string formatAutocryptField(const AutocryptHeader& header, AutocryptField field,
                                 std::string_view lineEnd = "\r\n");

} // namespace cachet::crypto
