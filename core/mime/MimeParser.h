#pragma once
// Finds the MIME structure of a raw message (RFC 2045/2046) as byte offsets, and
// computes the IMAP ENVELOPE and BODYSTRUCTURE that the bridge serves
// (RFC 3501 §7.4.2), matching what Dovecot returns for the same bytes.

#include "mime/MimeEntity.h"

#include <optional>
#include <string>
#include <string_view>

namespace cachet::mime {

// Bounds that keep a hostile message from exhausting stack or memory. Beyond
// them the rest of the message is treated as an opaque leaf body, as Dovecot does.
struct MimeLimits {
    std::size_t maxNestingDepth = 100;
    std::size_t maxParts = 10000;
};

struct ParsedMessage {
    MimeEntity root;
    std::string envelope;        // ENVELOPE, IMAP syntax, ready to write after "ENVELOPE "
    std::string bodyStructure;   // extended BODYSTRUCTURE, IMAP syntax
    std::string body;            // non-extended BODY, IMAP syntax
};

// Why `raw` is not an RFC 5322 message, or nullopt if it is one. A message must
// start with a header field or with an empty line followed by a body.
std::optional<std::string> notAMessageReason(std::string_view raw);

// Never fails and never throws on garbage: whatever the bytes, a tree comes back.
ParsedMessage parseMessage(std::string_view raw, const MimeLimits& limits = {});

// The tree alone, for readers that need the offsets and not the IMAP strings
// (which cost as much again: every leaf's lines are counted).
MimeEntity parseMimeTree(std::string_view raw, const MimeLimits& limits = {});

} // namespace cachet::mime
