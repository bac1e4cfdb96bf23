// libFuzzer target for the Autocrypt header reader and the OpenPGP packet
// framing it relies on: whatever the bytes, no crash, no sanitizer report, a
// key within its bound, and a header that, formatted again, reads back the same.

#include "crypto/AutocryptHeader.h"
#include "crypto/OpenPgpPackets.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace {

[[noreturn]] void fail(const char* what)
{
    std::fprintf(stderr, "invariant broken: %s\n", what);
    std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string_view raw(reinterpret_cast<const char*>(data), size);
    using namespace cachet::crypto;

    (void)holdsOnlyPublicKeys(raw);
    const ParsedAutocryptHeader parsed = parseAutocryptHeader(raw);
    if (!parsed.ok) {
        if (parsed.error.empty())
            fail("an invalid header without a reason");
        return 0;
    }
    const AutocryptHeader& h = parsed.header;
    if (h.keyData.empty() || h.keyData.size() > kMaxAutocryptKeyBytes)
        fail("keydata outside its bound");
    if (h.preferEncrypt != kPreferEncryptMutual && h.preferEncrypt != kPreferEncryptNoPreference)
        fail("prefer-encrypt neither mutual nor nopreference");
    if (!isPublicKeyPackets(h.keyData))
        fail("keydata accepted that is not a public key");

    const std::string field = formatAutocryptField(h, AutocryptField::Autocrypt);
    std::size_t lineStart = field.find("\r\n");
    while (lineStart != std::string::npos) {
        const std::size_t next = field.find("\r\n", lineStart + 2);
        if ((next == std::string::npos ? field.size() : next) - (lineStart + 2) > 78)
            fail("a keydata line longer than 78 characters");
        lineStart = next;
    }
    const ParsedAutocryptHeader again = parseAutocryptHeader(std::string_view(field).substr(field.find(':') + 1));
    if (!again.ok || again.header.address != h.address || again.header.keyData != h.keyData
        || again.header.preferEncrypt != h.preferEncrypt)
        fail("a formatted header does not read back the same");
    return 0;
}
