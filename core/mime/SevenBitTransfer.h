#pragma once
// Making a MIME entity safe for 7-bit transport, as a PGP/MIME signature needs
// (RFC 3156 §3, §5): a relay that re-encodes an 8-bit body, or cuts a line
// longer than 998 octets (RFC 5322 §2.1.1), breaks the signature. Leaves with
// such content are re-encoded: text as quoted-printable, anything else as
// base64. Everything else (headers, boundaries, clean leaves) is kept byte for
// byte.

#include "mime/MimeEntity.h"

#include <optional>
#include <string>
#include <string_view>

namespace cachet::mime {

struct SevenBitBody {
    std::string body;                               // the entity's body, 7-bit safe
    std::optional<std::string> transferEncoding;    // the new Content-Transfer-Encoding, when re-encoded
};

// The body of `entity` (which points into `raw`), with every leaf inside it
// that is not 7-bit safe re-encoded.
SevenBitBody sevenBitBody(std::string_view raw, const MimeEntity& entity);

// The whole entity, header and body, as above; a re-encoded leaf's header gets
// the new Content-Transfer-Encoding in place of the old one.
std::string sevenBitEntity(std::string_view raw, const MimeEntity& entity);

// True if `body` can travel as 7bit: no byte above 127, no NUL, no bare CR or
// LF, no line over 998 octets.
bool isSevenBitSafe(std::string_view body);

// A text body as quoted-printable, lines of at most 76, CRLF line ends, "From "
// at a line start encoded: what a signature survives.
std::string encodeQuotedPrintableText(const std::string& text);
// Bytes as base64 in lines of 76.
std::string encodeBase64(const std::string& bytes);

} // namespace cachet::mime
