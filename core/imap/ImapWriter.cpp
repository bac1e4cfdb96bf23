#include "imap/ImapWriter.h"

namespace cachet::imap {

namespace {
// Quoted strings longer than this are sent as literals, as Dovecot does, so a
// client never has to hold a huge line.
constexpr std::size_t kMaxQuotedLength = 4096;

// atom-specials = "(" / ")" / "{" / SP / CTL / list-wildcards / quoted-specials / resp-specials
bool isAtomChar(unsigned char c)
{
    if (c <= 0x20 || c >= 0x7f)
        return false;
    switch (c) {
    case '(': case ')': case '{': case '%': case '*': case '"': case '\\': case ']':
        return false;
    default:
        return true;
    }
}
} // namespace

bool isQuotable(std::string_view text)
{
    if (text.size() > kMaxQuotedLength)
        return false;
    for (unsigned char c : text) {
        if (c == '\0' || c == '\r' || c == '\n' || c >= 0x80)
            return false;
    }
    return true;
}

bool isAtom(std::string_view text)
{
    if (text.empty() || text.size() > kMaxQuotedLength)
        return false;
    if (text.size() == 3 && (text[0] == 'N' || text[0] == 'n') && (text[1] == 'I' || text[1] == 'i')
        && (text[2] == 'L' || text[2] == 'l'))
        return false;
    for (unsigned char c : text) {
        if (!isAtomChar(c))
            return false;
    }
    return true;
}

void appendNil(std::string& out)
{
    out += "NIL";
}

void appendQuoted(std::string& out, std::string_view text)
{
    out += '"';
    for (char c : text) {
        if (c == '"' || c == '\\')
            out += '\\';
        out += c;
    }
    out += '"';
}

void appendLiteralAnnouncement(std::string& out, std::size_t size, bool synchronising)
{
    out += '{';
    out += std::to_string(size);
    out += synchronising ? "}\r\n" : "+}\r\n";
}

void appendLiteral(std::string& out, std::string_view bytes)
{
    appendLiteralAnnouncement(out, bytes.size(), true);
    out.append(bytes);
}

void appendString(std::string& out, std::string_view text)
{
    if (isQuotable(text))
        appendQuoted(out, text);
    else
        appendLiteral(out, text);
}

void appendNString(std::string& out, const std::string_view* text)
{
    if (text)
        appendString(out, *text);
    else
        appendNil(out);
}

void appendAString(std::string& out, std::string_view text)
{
    if (isAtom(text))
        out.append(text);
    else
        appendString(out, text);
}

} // namespace cachet::imap
