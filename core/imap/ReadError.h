#pragma once
// What went wrong reading IMAP from a peer, shared by the command reader (the
// bridge reading a client) and the response reader (the sync client reading a
// provider). Both readers go on after an error at the next command or response.

namespace cachet::imap {

enum class ReadError {
    // Malformed. Server: answer "tag BAD". Client: the response is dropped.
    Syntax,
    // A line over ImapLimits::maxLineBytes; its bytes are skipped, not kept.
    // Server: "tag BAD" (or "* BAD" without a tag).
    LineTooLong,
    // A literal over ImapLimits::maxLiteralBytes (or the whole over maxCommandBytes);
    // its bytes are skipped as they come. Server: "tag NO [TOOBIG]" (RFC 7889).
    LiteralTooLarge,
    // Lists nested deeper than maxListDepth, or more than maxArguments values.
    TooComplex,
};

} // namespace cachet::imap
