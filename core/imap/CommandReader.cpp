#include "imap/CommandReader.h"

#include "text/AsciiText.h"

#include <algorithm>
#include <cstring>
#include <optional>

namespace cachet::imap {

namespace {

// literal = "{" number ["+"] "}" CRLF *CHAR8   (RFC 3501 §9, LITERAL+ RFC 7888)
struct Announcement {
    std::size_t textEnd = 0; // where the line's text stops (the '{')
    std::size_t size = 0;
    bool synchronising = true;
    bool tooLarge = false;   // the number does not fit in 64 bits
};

std::optional<Announcement> literalAnnouncement(std::string_view line)
{
    if (line.size() < 3 || line.back() != '}')
        return std::nullopt;
    std::size_t end = line.size() - 1;
    Announcement a;
    if (line[end - 1] == '+') {
        a.synchronising = false;
        --end;
    }
    std::size_t begin = end;
    while (begin > 0 && line[begin - 1] >= '0' && line[begin - 1] <= '9')
        --begin;
    if (begin == end || begin == 0 || line[begin - 1] != '{')
        return std::nullopt;
    for (std::size_t i = begin; i < end; ++i) {
        const std::size_t digit = static_cast<std::size_t>(line[i] - '0');
        if (a.size > (SIZE_MAX - digit) / 10) {
            a.tooLarge = true;
            break;
        }
        a.size = a.size * 10 + digit;
    }
    a.textEnd = begin - 1;
    return a;
}

// tag = 1*<any ASTRING-CHAR except "+">   (RFC 3501 §9)
std::string tagOf(std::string_view line)
{
    const std::size_t space = line.find(' ');
    const std::string_view tag = line.substr(0, space);
    for (char c : tag) {
        const auto u = static_cast<unsigned char>(c);
        if (u <= 0x20 || u >= 0x7f || std::strchr("(){%*\"\\+", c) != nullptr)
            return {};
    }
    return std::string(tag);
}

// Walks the text lines of one command and the literals between them.
class Tokenizer {
public:
    Tokenizer(const std::vector<std::string>& lines, std::vector<std::string>& literals, const ImapLimits& limits)
        : m_lines(lines), m_literals(literals), m_limits(limits) {}

    bool parse(Command& out, std::string& error)
    {
        const std::string& first = m_lines.front();
        out.tag = tagOf(first);
        if (out.tag.empty())
            return fail(error, "a command starts with a tag");
        m_pos = out.tag.size();
        if (!skipSpace() || atSegmentEnd())
            return fail(error, "a command name follows the tag");
        const std::size_t nameBegin = m_pos;
        while (m_pos < line().size() && isAtomChar(line()[m_pos]))
            ++m_pos;
        out.name = text::asciiUpper(line().substr(nameBegin, m_pos - nameBegin));
        if (out.name.empty())
            return fail(error, "a command name follows the tag");
        if (!skipSpace())
            return fail(error, "a space must follow the command name");
        return parseArgs(out.args, 0, false, error);
    }

    ReadError errorKind() const { return m_errorKind; }

private:
    const std::string& line() const { return m_lines[m_segment]; }
    bool atSegmentEnd() const { return m_pos >= line().size(); }

    static bool isAtomChar(char c)
    {
        const auto u = static_cast<unsigned char>(c);
        return u > 0x20 && u != 0x7f && c != '(' && c != ')' && c != '"' && c != '{';
    }

    bool fail(std::string& error, const char* text, ReadError kind = ReadError::Syntax)
    {
        error = text;
        m_errorKind = kind;
        return false;
    }

    // Arguments are separated by one SP; true if there was one (or the text ended).
    bool skipSpace()
    {
        if (atSegmentEnd())
            return true;
        if (line()[m_pos] != ' ')
            return false;
        while (m_pos < line().size() && line()[m_pos] == ' ')
            ++m_pos;
        return true;
    }

    bool parseArgs(std::vector<CommandArg>& args, std::size_t depth, bool inList, std::string& error)
    {
        for (;;) {
            if (atSegmentEnd()) {
                if (m_segment < m_literals.size()) { // the literal announced at the end of this line
                    CommandArg arg;
                    arg.type = CommandArg::Type::String;
                    arg.literal = true;
                    arg.text = std::move(m_literals[m_segment]);
                    ++m_segment;
                    m_pos = 0;
                    if (!add(args, std::move(arg), error))
                        return false;
                    if (!atSegmentEnd() && line()[m_pos] != ' ' && line()[m_pos] != ')')
                        return fail(error, "a space must follow a literal");
                    skipSpace();
                    continue;
                }
                if (inList)
                    return fail(error, "a list is not closed");
                return true;
            }
            const char c = line()[m_pos];
            if (c == ')') {
                if (!inList)
                    return fail(error, "unexpected ')'");
                ++m_pos;
                return true;
            }
            CommandArg arg;
            if (c == '(') {
                if (depth + 1 > m_limits.maxListDepth)
                    return fail(error, "lists nested too deep", ReadError::TooComplex);
                ++m_pos;
                arg.type = CommandArg::Type::List;
                if (!parseArgs(arg.items, depth + 1, true, error))
                    return false;
            } else if (c == '"') {
                if (!readQuoted(arg.text))
                    return fail(error, "a quoted string is not closed");
                arg.type = CommandArg::Type::String;
            } else {
                if (!readAtom(arg.text))
                    return fail(error, "a '[' is not closed");
                arg.type = text::asciiUpper(arg.text) == "NIL" ? CommandArg::Type::Nil : CommandArg::Type::Atom;
                if (arg.type == CommandArg::Type::Nil)
                    arg.text.clear();
                if (arg.text.empty() && arg.type == CommandArg::Type::Atom)
                    return fail(error, "unexpected character");
            }
            if (!add(args, std::move(arg), error))
                return false;
            if (!atSegmentEnd() && line()[m_pos] == ')')
                continue;
            if (!skipSpace())
                return fail(error, "arguments are separated by a space");
        }
    }

    bool add(std::vector<CommandArg>& args, CommandArg arg, std::string& error)
    {
        if (++m_count > m_limits.maxArguments)
            return fail(error, "too many arguments", ReadError::TooComplex);
        args.push_back(std::move(arg));
        return true;
    }

    // quoted = DQUOTE *QUOTED-CHAR DQUOTE; QUOTED-CHAR = ... / "\" quoted-specials
    bool readQuoted(std::string& out)
    {
        const std::string& l = line();
        for (std::size_t i = m_pos + 1; i < l.size(); ++i) {
            if (l[i] == '"') {
                m_pos = i + 1;
                return true;
            }
            if (l[i] == '\\' && i + 1 < l.size())
                ++i;
            out.push_back(l[i]);
        }
        return false;
    }

    // An atom, with FETCH's "[section]" (which may hold spaces and lists) and
    // "<partial>" kept inside it: BODY.PEEK[HEADER.FIELDS (From To)]<0.512>.
    bool readAtom(std::string& out)
    {
        const std::string& l = line();
        std::size_t i = m_pos;
        int brackets = 0;
        while (i < l.size()) {
            const char c = l[i];
            if (c == '[') {
                ++brackets;
            } else if (c == ']' && brackets > 0) {
                --brackets;
            } else if (brackets == 0 && !isAtomChar(c)) {
                break;
            }
            ++i;
        }
        out.assign(l, m_pos, i - m_pos);
        m_pos = i;
        return brackets == 0;
    }

    const std::vector<std::string>& m_lines;
    std::vector<std::string>& m_literals;
    const ImapLimits& m_limits;
    std::size_t m_segment = 0;
    std::size_t m_pos = 0;
    std::size_t m_count = 0;
    ReadError m_errorKind = ReadError::Syntax;
};

} // namespace

CommandReader::CommandReader(ImapLimits limits) : m_limits(limits) {}

void CommandReader::feed(std::string_view bytes)
{
    compact();
    m_buffer.append(bytes);
}

std::string CommandReader::takeUnread()
{
    std::string rest = m_buffer.substr(m_pos);
    m_buffer.clear();
    m_pos = 0;
    m_scan = 0;
    return rest;
}

void CommandReader::compact()
{
    // Drop consumed bytes once they are most of the buffer: amortised O(1) per byte.
    if (m_pos > 0 && m_pos * 2 >= m_buffer.size()) {
        m_buffer.erase(0, m_pos);
        m_scan -= std::min(m_scan, m_pos);
        m_pos = 0;
    }
}

CommandReader::Status CommandReader::fail(ReadError error, std::string text)
{
    m_error = error;
    m_errorText = std::move(text);
    m_errorTag = m_lines.empty() ? std::string() : tagOf(m_lines.front());
    m_lines.clear();
    m_literals.clear();
    m_lineBytes = m_literalBytes = 0;
    m_inLiteral = false;
    return Status::Error;
}

CommandReader::Status CommandReader::next()
{
    for (;;) {
        if (m_skipBytes > 0) { // a refused non-synchronising literal: its bytes come anyway
            const std::size_t n = std::min(m_skipBytes, m_buffer.size() - m_pos);
            m_pos += n;
            m_skipBytes -= n;
            if (m_skipBytes > 0)
                return Status::NeedMore;
        }
        if (m_inLiteral) {
            const std::size_t n = std::min(m_literalRemaining, m_buffer.size() - m_pos);
            m_literals.back().append(m_buffer, m_pos, n);
            m_pos += n;
            m_literalRemaining -= n;
            if (m_literalRemaining > 0)
                return Status::NeedMore;
            m_inLiteral = false;
        }

        const std::size_t newline = m_buffer.find('\n', std::max(m_scan, m_pos));
        if (newline == std::string::npos) {
            m_scan = m_buffer.size();
            if (m_lineBytes + (m_buffer.size() - m_pos) > m_limits.maxLineBytes && !m_skippingLine) {
                m_skippingLine = true;
                // Keep the line's start for its tag, not the rest.
                if (m_lines.empty())
                    m_lines.push_back(m_buffer.substr(m_pos, std::min<std::size_t>(m_buffer.size() - m_pos, 64)));
                m_pos = m_buffer.size();
                return fail(ReadError::LineTooLong, "command line too long");
            }
            if (m_skippingLine)
                m_pos = m_buffer.size();
            return Status::NeedMore;
        }
        std::string_view text(m_buffer.data() + m_pos, newline - m_pos);
        if (!text.empty() && text.back() == '\r')
            text.remove_suffix(1);
        m_pos = newline + 1;
        m_scan = m_pos;
        const std::optional<Announcement> literal = literalAnnouncement(text);

        if (m_skippingLine) { // the tail of a refused command
            if (literal && !literal->synchronising && !literal->tooLarge)
                m_skipBytes = literal->size;
            else
                m_skippingLine = false;
            continue;
        }

        m_lineBytes += text.size();
        if (m_lineBytes > m_limits.maxLineBytes) {
            m_lines.push_back(std::string(text.substr(0, 64)));
            if (literal && !literal->synchronising && !literal->tooLarge) {
                m_skipBytes = literal->size;
                m_skippingLine = true;
            }
            return fail(ReadError::LineTooLong, "command line too long");
        }
        if (!literal) {
            m_lines.emplace_back(text);
            return parseCommand();
        }
        m_lines.emplace_back(text.substr(0, literal->textEnd));
        if (literal->tooLarge || literal->size > m_limits.maxLiteralBytes
            || m_literalBytes + literal->size > m_limits.maxCommandBytes) {
            if (!literal->synchronising && !literal->tooLarge) {
                m_skipBytes = literal->size;
                m_skippingLine = true;
            }
            return fail(ReadError::LiteralTooLarge, "literal too large");
        }
        m_literalBytes += literal->size;
        m_literals.emplace_back();
        m_literals.back().reserve(literal->size);
        m_inLiteral = true;
        m_literalRemaining = literal->size;
        if (literal->synchronising)
            return Status::Continuation;
    }
}

CommandReader::Status CommandReader::parseCommand()
{
    Command command;
    std::string error;
    Tokenizer tokenizer(m_lines, m_literals, m_limits);
    const bool ok = tokenizer.parse(command, error);
    if (!ok)
        return fail(tokenizer.errorKind(), error);
    m_command = std::move(command);
    m_lines.clear();
    m_literals.clear();
    m_lineBytes = m_literalBytes = 0;
    return Status::Command;
}

} // namespace cachet::imap
