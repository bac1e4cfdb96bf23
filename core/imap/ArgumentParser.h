#pragma once
// The argument grammar shared by commands and responses (RFC 3501 §9: atom,
// quoted, literal, NIL, parenthesised lists; FETCH's BODY[section]<origin> kept
// as one atom). A reader first cuts the input into text lines, each but the last
// ended by a literal announcement, and the literals between them; this parser
// then walks them into an ImapArg tree within the reader's limits.

#include "imap/ImapArg.h"
#include "imap/ImapLimits.h"
#include "imap/ReadError.h"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cachet::imap {

// literal = "{" number ["+"] "}" CRLF *CHAR8   (RFC 3501 §9, LITERAL+ RFC 7888)
// literal8 = "~{" number ["+"] "}" CRLF *OCTET (BINARY, RFC 3516)
struct LiteralAnnouncement {
    std::size_t textEnd = 0;  // where the line's text stops: the '{' (the '~' is left to the caller)
    std::size_t size = 0;
    bool synchronising = true;
    bool binary = false;      // "~{": the '~' is the last byte of the text before textEnd
    bool tooLarge = false;    // the number does not fit in 64 bits
};

// The announcement that ends `line` (without its CRLF), if any.
std::optional<LiteralAnnouncement> literalAnnouncement(std::string_view line);

class ArgumentParser {
public:
    // How an atom whose '[' is never closed is read. Commands refuse it (a FETCH
    // item cut short); responses read it as a plain atom, since a mailbox name
    // such as "a[b" is an atom too (ASTRING-CHAR allows '[').
    enum class OpenBracket { Refuse, PlainAtom };

    // `literals` are moved into the arguments as they are read.
    ArgumentParser(const std::vector<std::string>& lines, std::vector<std::string>& literals, const ImapLimits& limits,
                   OpenBracket openBracket);

    // Reads every argument from `pos` on the first line to the end of the last.
    // On false, error() and errorKind() say why.
    bool parse(std::size_t pos, std::vector<ImapArg>& out);

    const char* error() const { return m_error; }
    ReadError errorKind() const { return m_errorKind; }

private:
    const std::string& line() const { return m_lines[m_segment]; }
    bool atSegmentEnd() const { return m_pos >= line().size(); }
    bool fail(const char* text, ReadError kind = ReadError::Syntax);
    bool skipSpace();
    bool parseArgs(std::vector<ImapArg>& args, std::size_t depth, bool inList);
    bool add(std::vector<ImapArg>& args, ImapArg arg);
    bool readQuoted(std::string& out);
    bool readAtom(std::string& out);

    const std::vector<std::string>& m_lines;
    std::vector<std::string>& m_literals;
    const ImapLimits& m_limits;
    OpenBracket m_openBracket;
    std::size_t m_segment = 0;
    std::size_t m_pos = 0;
    std::size_t m_count = 0;
    const char* m_error = "";
    ReadError m_errorKind = ReadError::Syntax;
};

// ATOM-CHAR as both readers accept it: anything printable but "(", ")", '"', "{"
// and SP. Wider than RFC 3501's (which also excludes "%", "*", "]" and "\"):
// flags ("\Seen"), list patterns ("%/*") and codes' arguments need them.
bool isLenientAtomChar(char c);

} // namespace cachet::imap
