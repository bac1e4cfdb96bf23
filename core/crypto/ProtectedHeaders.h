#pragma once
// Protected headers (draft-autocrypt-lamps-protected-headers, as Thunderbird
// 102 writes them): the submitted header is split into the outer message's
// header and the header of the inner, signed (and maybe encrypted) part. The
// inner part carries the MIME fields, with protected-headers="v1" on its
// Content-Type, and a copy of the headers a reader must be able to trust;
// the outer keeps what transport needs, with Subject "..." when encrypting.

#include "mime/HeaderBlock.h"

#include <optional>
#include <string>

namespace cachet::crypto {

struct SplitHeader {
    std::string outer; // header fields, each ending in CRLF: no MIME fields, no Bcc, no Cachet or draft instructions
    std::string inner; // the inner part's header fields, each ending in CRLF
};

struct SplitOptions {
    bool encrypting = false;
    // The Content-Transfer-Encoding the inner body now has, when it was re-encoded.
    std::optional<std::string> transferEncoding;
    // The body has 8-bit bytes (before any re-encoding): a missing Content-Type then says UTF-8.
    bool eightBitBody = false;
};

SplitHeader splitHeader(const mime::HeaderBlock& submitted, const SplitOptions& options);

// Subject, From, To, Cc, Date, Message-ID, Reply-To, In-Reply-To, References.
bool isProtectedHeader(std::string_view name);

} // namespace cachet::crypto
