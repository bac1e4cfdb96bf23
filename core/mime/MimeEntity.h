#pragma once
// A MIME entity located in the raw bytes of a message (RFC 2045/2046).
// Offsets, never copies: the skeleton/part split, BODY[section] fetches and the
// search index all cut the same raw buffer.

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

namespace cachet::mime {

struct MimeParameter {
    std::string name;   // as written (lookups ignore case); RFC 2231 continuations joined
                        // into "name" or, when any segment is charset-encoded, "name*"
    std::string value;  // quotes removed, not charset-decoded
};

struct MimeEntity {
    // Byte offsets into the raw message.
    std::size_t headerBegin = 0; // first byte of the header block
    std::size_t headerEnd = 0;   // first byte of the empty line that ends the header (== bodyBegin if none)
    std::size_t bodyBegin = 0;   // first byte of the body
    std::size_t bodyEnd = 0;     // one past the body's last byte (the CRLF before a boundary belongs to the boundary)

    std::string type = "text";    // lower-case media type; empty for an unparsable Content-Type
    std::string subtype = "plain"; // lower-case subtype
    std::string rawType = "text";  // as written, for BODYSTRUCTURE (Dovecot keeps the case)
    std::string rawSubtype = "plain";
    std::vector<MimeParameter> params;     // Content-Type parameters, in Dovecot's order
    std::string transferEncoding = "7bit"; // lower-case Content-Transfer-Encoding
    std::string rawTransferEncoding = "7bit";
    std::string disposition;               // lower-case disposition type, empty if none
    std::string rawDisposition;
    std::vector<MimeParameter> dispositionParams;
    bool hasContentType = false;           // false: the default (text/plain, or message/rfc822 in a digest)

    // multipart/*: its body parts; message/rfc822 (and message/global): exactly one child, the
    // embedded message, whose header starts at this entity's bodyBegin. Empty for a leaf.
    std::vector<MimeEntity> children;

    bool isMultipart() const { return type == "multipart"; }
    // message/rfc822 only: Dovecot 2.3, the oracle, does not look inside message/global.
    bool isEmbeddedMessage() const { return type == "message" && subtype == "rfc822"; }
    // A leaf's body is stored as a part document.
    bool isLeaf() const { return children.empty(); }

    // Parameter value by name, ignoring case (Content-Type), or nullptr.
    const std::string* param(const std::string& lowerName) const;
    const std::string* dispositionParam(const std::string& lowerName) const;
};

} // namespace cachet::mime
