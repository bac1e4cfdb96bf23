#pragma once
// Turns the raw bytes of headers and bodies into UTF-8 text for display and
// for the full-text index: RFC 2047 encoded words, RFC 2231 parameters,
// RFC 5322 addresses and dates, RFC 2045 transfer encodings, charsets, HTML.
//
// Every function here takes untrusted bytes: none throws, none crashes, and
// every output is bounded (see the k... limits), whatever the input.

#include "mime/MimeEntity.h"

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cachet::mime {

class HeaderBlock;

// A decoded header value is cut here: nobody reads a 64 KB subject.
inline constexpr std::size_t kMaxHeaderTextBytes = 64 * 1024;
// A decoded body is cut here: enough for any real letter, small enough to
// keep a 50 MB text part from costing 150 MB of converted copies.
inline constexpr std::size_t kMaxBodyTextBytes = 4 * 1024 * 1024;
// More addresses than this in one field are dropped (mass mailings).
inline constexpr std::size_t kMaxAddressesPerField = 1000;

// `bytes` in `charset` (a MIME charset label, any case, may be empty) as UTF-8.
// Empty or US-ASCII labels and unknown labels: UTF-8 if the bytes are valid
// UTF-8, else windows-1252. ISO-8859-1 is read as windows-1252 (WHATWG
// Encoding Standard: that is what such mail really contains). Invalid
// sequences become U+FFFD. At most `maxBytes` of output, cut on a character.
std::string toUtf8(std::string_view bytes, std::string_view charset, std::size_t maxBytes = kMaxBodyTextBytes);

// A header value (folding kept) as one line of UTF-8: unfolded (RFC 5322
// §2.2.3), RFC 2047 encoded words decoded; encoded words count only where
// RFC 2047 §5 allows them (next to whitespace, a quote, a parenthesis or
// another encoded word), and whitespace between two encoded words is dropped
// (§6.2). Raw 8-bit bytes: UTF-8 if valid, else windows-1252. Control
// characters become spaces. Surrounding whitespace of the raw value is trimmed;
// whitespace inside an encoded word is kept.
std::string decodeHeaderText(std::string_view rawValue);

// `cp` appended as UTF-8; a surrogate or a value beyond U+10FFFF becomes U+FFFD.
void appendCodePoint(std::string& out, char32_t cp);

struct DisplayAddress {
    std::string name;    // decoded display name, may be empty
    std::string address; // addr-spec as written (no angle brackets), may lack an '@' on garbage input
};

// An address-list header value (RFC 5322 §3.4, with the obsolete forms of
// §4.4): groups are flattened, display names decoded, a comment after a bare
// address ("bob@x.org (Bob)") taken as its name. Never more than
// kMaxAddressesPerField entries.
std::vector<DisplayAddress> parseAddressList(std::string_view rawValue);

// The addr-specs of every field named one of `fieldNames` (To, Cc, ...), lower
// case, each once, in header order.
std::vector<std::string> addressesIn(const HeaderBlock& header, std::initializer_list<std::string_view> fieldNames);

// "Name <addr>, addr, ..." for display; a name containing , ; < > or a quote is quoted.
std::string formatAddressList(const std::vector<DisplayAddress>& addresses);

// A Date: header value as seconds since the epoch (UTC). Accepts RFC 5322 §3.3
// with the obsolete forms of §4.3 (two-digit years, named zones, comments,
// missing seconds or weekday), asctime() style and ISO 8601. nullopt when no
// date can be read.
std::optional<std::int64_t> parseDate(std::string_view rawValue);

// The bytes of a body under Content-Transfer-Encoding `transferEncoding`
// (RFC 2045 §6): base64 and quoted-printable decoded leniently; 7bit, 8bit,
// binary, empty and unknown encodings passed through. At most `maxBytes`.
std::string decodeTransferEncoding(std::string_view rawBody, std::string_view transferEncoding,
                                   std::size_t maxBytes = kMaxBodyTextBytes);

// A text body as UTF-8 text: transfer decoding, then the charset, line ends
// made "\n", NUL bytes dropped. At most `maxBytes`.
std::string decodeBody(std::string_view rawBody, std::string_view transferEncoding, std::string_view charset,
                       std::size_t maxBytes = kMaxBodyTextBytes);

// The text a reader sees in an HTML document (already UTF-8): tags, comments,
// scripts, styles and the title dropped, character references decoded,
// whitespace collapsed as HTML renders it, block elements and <br> turned into
// line breaks (at most one empty line in a row). At most `maxBytes`.
std::string htmlToText(std::string_view html, std::size_t maxBytes = kMaxBodyTextBytes);

// The file name of a part as a mail reader shows it: Content-Disposition
// filename, else Content-Type name; RFC 2231 (charset, continuations) and
// RFC 2047 decoded. Where both `filename` and `filename*` are given, the plain
// `filename` wins (what the Delta Chat corpus expects, attach_filename_combined.eml).
// Empty if the part has no name. This overload works from the parameters the
// parser kept; it accepts them with or without RFC 2231 decoding done.
std::string attachmentFileName(const MimeEntity& entity);
// The same, reading the part's own header fields from `raw` (the whole message
// the entity's offsets point into): exact, whatever the parser did with the
// parameters. Falls back to the overload above if the offsets are out of range.
std::string attachmentFileName(std::string_view raw, const MimeEntity& entity);

} // namespace cachet::mime
