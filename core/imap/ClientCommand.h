#pragma once
// A command as the sync client sends it (RFC 3501 §9 "command"): a tag, a name
// and arguments written with ImapWriter's one writer per string type, so that
// command code never quotes by hand. A string that must go as a literal goes as
// "{n+}" when the server takes non-synchronising literals (LITERAL+, or LITERAL-
// up to 4096 bytes: RFC 7888); otherwise the command is cut after "{n}" and the
// connection sends the next piece only once the server has answered "+"
// (RFC 3501 §7.5). While a command waits for "+", nothing else may be sent.

#include "imap/Capabilities.h"
#include "imap/SequenceSet.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace cachet::imap {

enum class LiteralMode {
    Synchronising,     // "{n}", then wait for "+"
    NonSynchronising,  // LITERAL+: "{n+}" whatever the size
    NonSynchronisingUpTo4096,  // LITERAL-: "{n+}" up to 4096 bytes, "{n}" beyond
};

// The best mode the server announced.
LiteralMode literalModeFor(const Capabilities& capabilities);

// Tags for one connection, "c1", "c2"...: each command's own (RFC 3501 §2.2.1).
class TagGenerator {
public:
    // `prefix`: letters and digits, so that every tag is a valid one.
    explicit TagGenerator(std::string prefix = "c") : m_prefix(std::move(prefix)) {}
    std::string next() { return m_prefix + std::to_string(++m_count); }

private:
    std::string m_prefix;
    std::uint64_t m_count = 0;
};

class ClientCommand {
public:
    // `name` is written as is: "NOOP", "UID FETCH".
    ClientCommand(std::string tag, std::string_view name, LiteralMode literals = LiteralMode::Synchronising);

    // Protocol syntax the caller composes from known keywords, written as is:
    // "(UID FLAGS BODY.PEEK[])", "+FLAGS.SILENT", "CHANGEDSINCE". Never for text
    // that comes from a user or a server: use astring/string/mailbox for those.
    ClientCommand& raw(std::string_view syntax);
    ClientCommand& number(std::uint64_t value);
    ClientCommand& sequenceSet(const SequenceSet& set);
    // astring: an atom when it can be, else a string (user names, passwords, header names).
    ClientCommand& astring(std::string_view text);
    // string: quoted when it can be, else a literal (SEARCH text).
    ClientCommand& string(std::string_view text);
    // Always a literal: APPEND's message.
    ClientCommand& literal(std::string_view bytes);
    // A mailbox named in UTF-8, written in modified UTF-7 (RFC 3501 §5.1.3), or
    // as UTF-8 once UTF8=ACCEPT is enabled (RFC 6855 §3). A name read from LIST
    // is better sent back as its wire name, with astring().
    ClientCommand& mailbox(std::string_view utf8Name, bool utf8Accepted = false);
    // date-time, quoted (APPEND's INTERNALDATE).
    ClientCommand& dateTime(std::int64_t epochSeconds);
    // "(" and ")" around the arguments added between them.
    ClientCommand& beginList();
    ClientCommand& endList();

    const std::string& tag() const { return m_tag; }

    // The bytes to send, the last piece ended by CRLF: the first piece at once,
    // each next one after the server's "+". A tagged response instead of "+"
    // means the command is over: send no more of it. Moves the pieces out: the
    // command is spent.
    std::vector<std::string> takePieces();

private:
    std::string& current() { return m_pieces.back(); }
    void separate();
    void appendLiteralBytes(std::string_view bytes);

    std::string m_tag;
    LiteralMode m_literals;
    std::vector<std::string> m_pieces;
    bool m_needSpace = true;
};

} // namespace cachet::imap
