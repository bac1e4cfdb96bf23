#include "imap/ArgumentParser.h"

#include "text/AsciiText.h"

#include <cstdint>

namespace cachet::imap {

std::optional<LiteralAnnouncement> literalAnnouncement(std::string_view line)
{
    if (line.size() < 3 || line.back() != '}')
        return std::nullopt;
    std::size_t end = line.size() - 1;
    LiteralAnnouncement a;
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
    a.binary = a.textEnd > 0 && line[a.textEnd - 1] == '~';
    return a;
}

bool isLenientAtomChar(char c)
{
    const auto u = static_cast<unsigned char>(c);
    return u > 0x20 && u != 0x7f && c != '(' && c != ')' && c != '"' && c != '{';
}

ArgumentParser::ArgumentParser(const std::vector<std::string>& lines, std::vector<std::string>& literals,
                               const ImapLimits& limits, OpenBracket openBracket)
    : m_lines(lines), m_literals(literals), m_limits(limits), m_openBracket(openBracket)
{
}

bool ArgumentParser::parse(std::size_t pos, std::vector<ImapArg>& out)
{
    m_segment = 0;
    m_pos = pos;
    return parseArgs(out, 0, false);
}

bool ArgumentParser::fail(const char* text, ReadError kind)
{
    m_error = text;
    m_errorKind = kind;
    return false;
}

// Arguments are separated by one SP (more are forgiven); true if there was one
// or the text ended.
bool ArgumentParser::skipSpace()
{
    if (atSegmentEnd())
        return true;
    if (line()[m_pos] != ' ')
        return false;
    while (m_pos < line().size() && line()[m_pos] == ' ')
        ++m_pos;
    return true;
}

bool ArgumentParser::parseArgs(std::vector<ImapArg>& args, std::size_t depth, bool inList)
{
    for (;;) {
        if (atSegmentEnd()) {
            if (m_segment < m_literals.size()) { // the literal announced at the end of this line
                ImapArg arg;
                arg.type = ImapArg::Type::String;
                arg.literal = true;
                arg.text = std::move(m_literals[m_segment]);
                ++m_segment;
                m_pos = 0;
                if (!add(args, std::move(arg)))
                    return false;
                if (!atSegmentEnd() && line()[m_pos] != ' ' && line()[m_pos] != ')')
                    return fail("a space must follow a literal");
                skipSpace();
                continue;
            }
            if (inList)
                return fail("a list is not closed");
            return true;
        }
        const char c = line()[m_pos];
        if (c == ')') {
            if (!inList)
                return fail("unexpected ')'");
            ++m_pos;
            return true;
        }
        ImapArg arg;
        if (c == '(') {
            if (depth + 1 > m_limits.maxListDepth)
                return fail("lists nested too deep", ReadError::TooComplex);
            ++m_pos;
            arg.type = ImapArg::Type::List;
            if (!parseArgs(arg.items, depth + 1, true))
                return false;
        } else if (c == '"') {
            if (!readQuoted(arg.text))
                return fail("a quoted string is not closed");
            arg.type = ImapArg::Type::String;
        } else {
            if (!readAtom(arg.text))
                return fail("a '[' is not closed");
            arg.type = text::equalsIgnoreCase(arg.text, "NIL") ? ImapArg::Type::Nil : ImapArg::Type::Atom;
            if (arg.type == ImapArg::Type::Nil)
                arg.text.clear();
            if (arg.text.empty() && arg.type == ImapArg::Type::Atom)
                return fail("unexpected character");
        }
        if (!add(args, std::move(arg)))
            return false;
        if (!atSegmentEnd() && line()[m_pos] == ')')
            continue;
        if (!skipSpace())
            return fail("arguments are separated by a space");
    }
}

bool ArgumentParser::add(std::vector<ImapArg>& args, ImapArg arg)
{
    if (++m_count > m_limits.maxArguments)
        return fail("too many arguments", ReadError::TooComplex);
    args.push_back(std::move(arg));
    return true;
}

// quoted = DQUOTE *QUOTED-CHAR DQUOTE; QUOTED-CHAR = ... / "\" quoted-specials.
// 8-bit bytes are kept: UTF8=ACCEPT (RFC 6855) puts UTF-8 in quoted strings.
bool ArgumentParser::readQuoted(std::string& out)
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
// Sections do not nest, so a '[' is closed by the next ']' before any other
// '[': each byte is looked at a bounded number of times, even on a line of
// unclosed '['s read leniently.
bool ArgumentParser::readAtom(std::string& out)
{
    const std::string& l = line();
    std::size_t i = m_pos;
    bool closed = true;
    while (i < l.size()) {
        const char c = l[i];
        if (c == '[') {
            const std::size_t close = l.find_first_of("[]", i + 1);
            if (close == std::string::npos || l[close] != ']') {
                closed = false;
                break;
            }
            i = close + 1;
            continue;
        }
        if (!isLenientAtomChar(c))
            break;
        ++i;
    }
    if (!closed) {
        if (m_openBracket == OpenBracket::Refuse)
            return false;
        for (i = m_pos; i < l.size() && isLenientAtomChar(l[i]);)
            ++i;
    }
    out.assign(l, m_pos, i - m_pos);
    m_pos = i;
    return true;
}

} // namespace cachet::imap
