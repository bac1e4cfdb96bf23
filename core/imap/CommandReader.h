#pragma once
// Reads IMAP commands (RFC 3501 §9 "command") from a byte stream, incrementally:
// feed what arrived, then ask for the next command until it says it needs more.
// Literals, synchronising ({n}, the server must answer "+" first) and not
// (LITERAL+, {n+}), are read into the command. Everything is bounded by
// ImapLimits; an over-limit or malformed command is reported with its tag so the
// server can answer BAD, and the reader skips to where the next command starts.
//
// The result is a generic argument tree (ImapArg, like Dovecot's imap_arg):
// each command handler reads its own grammar from it.

#include "imap/ImapArg.h"
#include "imap/ImapLimits.h"
#include "imap/ReadError.h"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace cachet::imap {

// The bridge's name for the value tree it reads commands into.
using CommandArg = ImapArg;

struct Command {
    std::string tag;
    std::string name;  // upper-case ("UID FETCH" is name "UID" with FETCH as the first argument)
    std::vector<CommandArg> args;
};

class CommandReader {
public:
    enum class Status {
        NeedMore,      // feed more bytes
        Command,       // command() holds the next command
        Continuation,  // a synchronising literal is announced: send "+ ..." then feed its bytes
        Error,         // error() and errorTag() say what to answer; reading goes on after it
    };

    explicit CommandReader(ImapLimits limits = {});

    void feed(std::string_view bytes);
    Status next();

    const Command& command() const { return m_command; }
    ReadError error() const { return m_error; }
    // The tag of the command in error, empty if none could be read ("* BAD" then).
    const std::string& errorTag() const { return m_errorTag; }
    const std::string& errorText() const { return m_errorText; }
    // Bytes fed and not yet consumed (bounded by the limits plus one feed).
    std::size_t buffered() const { return m_buffer.size() - m_pos; }
    // Hands back the bytes fed and not yet read, and forgets them. Call between
    // commands: after IDLE and AUTHENTICATE the next lines are not commands, and
    // after STARTTLS they must be dropped (they came before the handshake).
    std::string takeUnread();

private:
    Status readLine();
    Status fail(ReadError error, std::string text);
    Status parseCommand();
    void compact();

    ImapLimits m_limits;
    std::string m_buffer;
    std::size_t m_pos = 0;   // first unconsumed byte
    std::size_t m_scan = 0;  // searched for a line end up to here (no rescans on byte-wise input)

    // The command being assembled: its text lines (each ending in a literal
    // announcement, except the last) and the literals between them.
    std::vector<std::string> m_lines;
    std::vector<std::string> m_literals;
    std::size_t m_lineBytes = 0;
    std::size_t m_literalBytes = 0;
    bool m_inLiteral = false;
    std::size_t m_literalRemaining = 0;

    // Skipping the rest of a refused command.
    bool m_skippingLine = false;
    std::size_t m_skipBytes = 0;

    Command m_command;
    ReadError m_error = ReadError::Syntax;
    std::string m_errorTag;
    std::string m_errorText;
};

} // namespace cachet::imap
