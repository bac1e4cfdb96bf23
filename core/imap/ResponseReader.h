#pragma once
// Reads IMAP server responses (RFC 3501 §7, §9 "response") from a byte stream,
// incrementally, for the sync client: feed what arrived, then ask for the next
// response until it says it needs more. Literals ({n}, and BINARY's ~{n}) are
// read into the response. Everything is bounded by ImapLimits; a malformed or
// over-limit response is reported and skipped, and reading goes on with the next
// one, so a pipelined connection stays in step with the server.
//
// Tolerant where real servers stray from the grammar: "* OK [CODE]" without
// text, "]" in human-readable text, "nil" for NIL, runs of spaces, a trailing
// space, bare LF line ends, 8-bit bytes in quoted strings, empty lines.

#include "imap/ImapArg.h"
#include "imap/ImapLimits.h"
#include "imap/ReadError.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cachet::imap {

// resp-text-code (RFC 3501 §7.1 and the extensions' codes): "[UIDNEXT 4]".
struct ResponseCode {
    std::string name;           // upper-case: "UIDVALIDITY", "PERMANENTFLAGS", "ALERT"
    std::vector<ImapArg> args;  // "[COPYUID 7 1:2 5:6]": three atoms; empty if the text is not IMAP values
    std::string text;           // what follows the name up to "]", as the server wrote it

    bool operator==(const ResponseCode&) const = default;
};

struct Response {
    enum class Kind {
        Tagged,        // "a1 OK ...": completes the command tagged a1
        Untagged,      // "* ...": status or data
        Continuation,  // "+ ...": the server waits for a literal's bytes or an AUTHENTICATE answer
    };
    enum class Status { None, Ok, No, Bad, PreAuth, Bye };

    Kind kind = Kind::Untagged;
    std::string tag;                      // Tagged
    Status status = Status::None;         // None for untagged data and continuations
    std::optional<ResponseCode> code;     // status responses and continuations
    std::string text;                     // human-readable text, or a continuation's base64
    std::optional<std::uint32_t> number;  // untagged data with a number first: "* 23 EXISTS"
    std::string name;                     // untagged data, upper-case: "EXISTS", "FETCH", "LIST", "CAPABILITY"
    std::vector<ImapArg> args;            // untagged data: the values after the name

    bool operator==(const Response&) const = default;

    // Untagged data called `dataName` (upper-case): isData("FETCH").
    bool isData(std::string_view dataName) const { return kind == Kind::Untagged && status == Status::None && name == dataName; }
    // A response code called `codeName` (upper-case): hasCode("TRYCREATE").
    bool hasCode(std::string_view codeName) const { return code && code->name == codeName; }
};

class ResponseReader {
public:
    enum class Status {
        NeedMore,  // feed more bytes
        Response,  // response() holds the next response
        Error,     // error(), errorText(), errorTag() say what; reading goes on after it
    };

    explicit ResponseReader(ImapLimits limits = ImapLimits::forResponses());

    void feed(std::string_view bytes);
    Status next();

    const Response& response() const { return m_response; }
    // Moves the response out (a FETCH's message bytes are not copied).
    Response takeResponse() { return std::move(m_response); }

    ReadError error() const { return m_error; }
    // Says what was wrong, for logs. Never holds the response's bytes (they may be mail).
    const std::string& errorText() const { return m_errorText; }
    // The tag of a tagged response in error: the command it completes is over,
    // though how it ended is unknown. Empty for untagged responses.
    const std::string& errorTag() const { return m_errorTag; }
    // The number of "* n FETCH ..." (or any numbered data) in error: which
    // message a refused literal belonged to, to fetch it again in parts.
    std::optional<std::uint32_t> errorNumber() const { return m_errorNumber; }

    // Bytes fed and not yet consumed (bounded by the line limit plus one feed).
    std::size_t buffered() const { return m_buffer.size() - m_pos; }
    // Hands back the bytes fed and not yet read, and forgets them. Call between
    // responses: after "OK Begin TLS" (STARTTLS) or COMPRESS=DEFLATE, what follows
    // is not plain IMAP.
    std::string takeUnread();

private:
    Status fail(ReadError error, std::string text);
    Status parseResponse();
    void compact();
    void rememberSkippedTail(std::string_view bytes);

    ImapLimits m_limits;
    std::string m_buffer;
    std::size_t m_pos = 0;   // first unconsumed byte
    std::size_t m_scan = 0;  // searched for a line end up to here (no rescans on byte-wise input)

    // The response being assembled: its text lines (each ending in a literal
    // announcement, except the last) and the literals between them.
    std::vector<std::string> m_lines;
    std::vector<std::string> m_literals;
    bool m_literalsAllowed = false;  // only untagged data carries literals
    std::size_t m_lineBytes = 0;
    std::size_t m_literalBytes = 0;
    bool m_inLiteral = false;
    std::size_t m_literalRemaining = 0;

    // Skipping the rest of a refused response: its lines, and the literals they announce.
    bool m_skippingLine = false;
    bool m_skipLiterals = false;
    std::string m_skippedTail;  // the last bytes of the line being skipped: is a literal announced?
    std::size_t m_skipBytes = 0;

    Response m_response;
    ReadError m_error = ReadError::Syntax;
    std::string m_errorText;
    std::string m_errorTag;
    std::optional<std::uint32_t> m_errorNumber;
};

} // namespace cachet::imap
