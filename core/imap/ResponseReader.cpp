#include "imap/ResponseReader.h"

#include "imap/ArgumentParser.h"

#include "text/AsciiText.h"

#include <algorithm>
#include <cstring>

namespace cachet::imap {

namespace {

// How much of a refused response's first line is kept to name its tag or number.
constexpr std::size_t kHeadBytes = 64;
// Enough of a skipped line's end to hold "~{18446744073709551615}".
constexpr std::size_t kTailBytes = 32;

std::size_t skipSpaces(std::string_view line, std::size_t pos)
{
    while (pos < line.size() && line[pos] == ' ')
        ++pos;
    return pos;
}

std::string_view trimSpaces(std::string_view text)
{
    while (!text.empty() && text.front() == ' ')
        text.remove_prefix(1);
    while (!text.empty() && text.back() == ' ')
        text.remove_suffix(1);
    return text;
}

// A keyword or number at `pos`: up to a space, a list or a code ("* OK[ALERT]"
// from careless servers).
std::string_view readWord(std::string_view line, std::size_t& pos)
{
    const std::size_t begin = pos;
    while (pos < line.size() && line[pos] != ' ' && line[pos] != '(' && line[pos] != '[')
        ++pos;
    return line.substr(begin, pos - begin);
}

Response::Status statusOf(std::string_view word)
{
    if (text::equalsIgnoreCase(word, "OK"))
        return Response::Status::Ok;
    if (text::equalsIgnoreCase(word, "NO"))
        return Response::Status::No;
    if (text::equalsIgnoreCase(word, "BAD"))
        return Response::Status::Bad;
    if (text::equalsIgnoreCase(word, "PREAUTH"))
        return Response::Status::PreAuth;
    if (text::equalsIgnoreCase(word, "BYE"))
        return Response::Status::Bye;
    return Response::Status::None;
}

bool allDigits(std::string_view word)
{
    return !word.empty() && std::all_of(word.begin(), word.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Only untagged data carries literals (RFC 3501 §7): tagged and untagged status
// responses and continuation requests are one line, so a "{5}" ending their
// human-readable text is not a literal.
bool mayCarryLiterals(std::string_view head)
{
    if (head.empty() || head.front() != '*')
        return false;
    std::size_t pos = skipSpaces(head, 1);
    return statusOf(readWord(head, pos)) == Response::Status::None;
}

// tag = 1*<any ASTRING-CHAR except "+">   (RFC 3501 §9)
bool isTag(std::string_view tag)
{
    if (tag.empty())
        return false;
    for (char c : tag) {
        const auto u = static_cast<unsigned char>(c);
        if (u <= 0x20 || u >= 0x7f || std::strchr("(){%*\"\\+", c) != nullptr)
            return false;
    }
    return true;
}

// The "]" that closes the code opened at rest[0]: the first outside quoted
// strings and lists, so "[PERMANENTFLAGS (\Seen x])]" stays whole; failing
// that, the first "]" at all.
std::size_t codeEnd(std::string_view rest)
{
    int depth = 0;
    bool quoted = false;
    for (std::size_t i = 1; i < rest.size(); ++i) {
        const char c = rest[i];
        if (quoted) {
            if (c == '\\')
                ++i;
            else if (c == '"')
                quoted = false;
        } else if (c == '"') {
            quoted = true;
        } else if (c == '(') {
            ++depth;
        } else if (c == ')') {
            depth = std::max(0, depth - 1);
        } else if (c == ']' && depth == 0) {
            return i;
        }
    }
    return rest.find(']');
}

// resp-text-code = atom [SP 1*<any TEXT-CHAR except "]">], its arguments read
// as IMAP values where they are ("[COPYUID 7 1:2 5:6]"), left as text where not
// (Gmail's "[WEBALERT https://...]" is a URL).
ResponseCode readCode(std::string_view inner, const ImapLimits& limits)
{
    ResponseCode code;
    const std::size_t space = std::min(inner.find(' '), inner.size());
    code.name = text::asciiUpper(inner.substr(0, space));
    code.text = std::string(trimSpaces(inner.substr(space)));
    if (!code.text.empty()) {
        const std::vector<std::string> lines{code.text};
        std::vector<std::string> noLiterals;
        ArgumentParser parser(lines, noLiterals, limits, ArgumentParser::OpenBracket::PlainAtom);
        std::vector<ImapArg> args;
        if (parser.parse(0, args))
            code.args = std::move(args);
    }
    return code;
}

// resp-text = ["[" resp-text-code "]" SP] text. The SP and the text are often
// missing ("* OK [UIDNEXT 4]"); a "[" that is never closed is text.
void readRespText(std::string_view rest, const ImapLimits& limits, Response& out)
{
    rest = trimSpaces(rest);
    if (!rest.empty() && rest.front() == '[') {
        const std::size_t close = codeEnd(rest);
        if (close != std::string_view::npos) {
            out.code = readCode(rest.substr(1, close - 1), limits);
            rest.remove_prefix(close + 1);
        }
    }
    out.text = std::string(trimSpaces(rest));
}

// response = continue-req / response-data / response-tagged   (RFC 3501 §9)
bool parseResponseLines(const std::vector<std::string>& lines, std::vector<std::string>& literals,
                        const ImapLimits& limits, Response& out, std::string& error, ReadError& errorKind)
{
    errorKind = ReadError::Syntax;
    const std::string_view first = lines.front();
    if (first.front() == '+') { // continue-req = "+" SP (resp-text / base64)
        out.kind = Response::Kind::Continuation;
        readRespText(first.substr(1), limits, out);
        return true;
    }
    if (first.front() == '*') {
        out.kind = Response::Kind::Untagged;
        std::size_t pos = skipSpaces(first, 1);
        const std::string_view word = readWord(first, pos);
        if (word.empty()) {
            error = "a keyword follows \"*\"";
            return false;
        }
        if (allDigits(word)) { // "* 23 EXISTS", "* 4 FETCH (...)"
            ImapArg number;
            number.text = std::string(word);
            out.number = numberOf(number);
            if (!out.number) {
                error = "a message number over 2^32-1";
                return false;
            }
            pos = skipSpaces(first, pos);
            out.name = text::asciiUpper(readWord(first, pos));
            if (out.name.empty()) {
                error = "a keyword follows the number";
                return false;
            }
        } else if (const Response::Status status = statusOf(word); status != Response::Status::None) {
            out.status = status;
            readRespText(first.substr(pos), limits, out);
            return true;
        } else {
            out.name = text::asciiUpper(word);
        }
        ArgumentParser parser(lines, literals, limits, ArgumentParser::OpenBracket::PlainAtom);
        if (!parser.parse(skipSpaces(first, pos), out.args)) {
            error = parser.error();
            errorKind = parser.errorKind();
            return false;
        }
        return true;
    }
    // response-tagged = tag SP resp-cond-state CRLF
    std::size_t pos = std::min(first.find(' '), first.size());
    const std::string_view tag = first.substr(0, pos);
    if (!isTag(tag)) {
        error = "a response starts with \"*\", \"+\" or a tag";
        return false;
    }
    pos = skipSpaces(first, pos);
    const Response::Status status = statusOf(readWord(first, pos));
    if (status != Response::Status::Ok && status != Response::Status::No && status != Response::Status::Bad) {
        error = "a tagged response is OK, NO or BAD";
        return false;
    }
    out.kind = Response::Kind::Tagged;
    out.tag = std::string(tag);
    out.status = status;
    readRespText(first.substr(pos), limits, out);
    return true;
}

} // namespace

ResponseReader::ResponseReader(ImapLimits limits) : m_limits(limits) {}

void ResponseReader::feed(std::string_view bytes)
{
    compact();
    m_buffer.append(bytes);
}

std::string ResponseReader::takeUnread()
{
    std::string rest = m_buffer.substr(m_pos);
    m_buffer.clear();
    m_pos = m_scan = 0;
    m_lines.clear();
    m_literals.clear();
    m_lineBytes = m_literalBytes = 0;
    m_inLiteral = m_skippingLine = false;
    m_skipBytes = 0;
    return rest;
}

void ResponseReader::compact()
{
    // Drop consumed bytes once they are most of the buffer: amortised O(1) per byte.
    if (m_pos > 0 && m_pos * 2 >= m_buffer.size()) {
        m_buffer.erase(0, m_pos);
        m_scan -= std::min(m_scan, m_pos);
        m_pos = 0;
    }
}

void ResponseReader::rememberSkippedTail(std::string_view bytes)
{
    if (bytes.size() >= kTailBytes) {
        m_skippedTail.assign(bytes.substr(bytes.size() - kTailBytes));
        return;
    }
    m_skippedTail.append(bytes);
    if (m_skippedTail.size() > kTailBytes)
        m_skippedTail.erase(0, m_skippedTail.size() - kTailBytes);
}

ResponseReader::Status ResponseReader::fail(ReadError error, std::string text)
{
    m_error = error;
    m_errorText = std::move(text);
    m_errorTag.clear();
    m_errorNumber.reset();
    if (!m_lines.empty()) {
        const std::string_view head = m_lines.front();
        if (head.starts_with('*')) {
            std::size_t pos = skipSpaces(head, 1);
            const std::string_view word = readWord(head, pos);
            if (allDigits(word))
                m_errorNumber = numberOf(ImapArg{ImapArg::Type::Atom, std::string(word), {}, false});
        } else if (const std::string_view tag = head.substr(0, head.find(' ')); isTag(tag)) {
            m_errorTag = std::string(tag);
        }
    }
    m_lines.clear();
    m_literals.clear();
    m_lineBytes = m_literalBytes = 0;
    m_inLiteral = false;
    return Status::Error;
}

ResponseReader::Status ResponseReader::next()
{
    for (;;) {
        if (m_skipBytes > 0) { // a refused literal: its bytes come anyway
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
            const std::string_view pending(m_buffer.data() + m_pos, m_buffer.size() - m_pos);
            if (m_skippingLine) {
                rememberSkippedTail(pending);
                m_pos = m_buffer.size();
            } else if (m_lineBytes + pending.size() > m_limits.maxLineBytes) {
                if (m_lines.empty()) {
                    m_literalsAllowed = mayCarryLiterals(pending);
                    m_lines.emplace_back(pending.substr(0, kHeadBytes));
                }
                m_skippingLine = true;
                m_skipLiterals = m_literalsAllowed;
                m_skippedTail.clear();
                rememberSkippedTail(pending);
                m_pos = m_buffer.size();
                return fail(ReadError::LineTooLong,
                            "a response line over the limit of " + std::to_string(m_limits.maxLineBytes) + " bytes");
            }
            return Status::NeedMore;
        }
        std::string_view text(m_buffer.data() + m_pos, newline - m_pos);
        if (!text.empty() && text.back() == '\r')
            text.remove_suffix(1);
        m_pos = newline + 1;
        m_scan = m_pos;

        if (m_skippingLine) { // the end of a line of a refused response
            rememberSkippedTail(text);
            if (!m_skippedTail.empty() && m_skippedTail.back() == '\r') // the CR came before the LF's feed
                m_skippedTail.pop_back();
            std::optional<LiteralAnnouncement> literal;
            if (m_skipLiterals)
                literal = literalAnnouncement(m_skippedTail);
            m_skippedTail.clear();
            if (literal && !literal->tooLarge)
                m_skipBytes = literal->size; // the response goes on after it: skip that too
            else
                m_skippingLine = false;
            continue;
        }

        if (m_lines.empty()) {
            if (text.empty()) // a stray empty line says nothing
                continue;
            m_literalsAllowed = mayCarryLiterals(text);
        }
        std::optional<LiteralAnnouncement> literal;
        if (m_literalsAllowed)
            literal = literalAnnouncement(text);
        m_lineBytes += text.size();
        if (m_lineBytes > m_limits.maxLineBytes) {
            if (m_lines.empty())
                m_lines.emplace_back(text.substr(0, kHeadBytes));
            if (literal && !literal->tooLarge) {
                m_skipBytes = literal->size;
                m_skippingLine = m_skipLiterals = true;
            }
            return fail(ReadError::LineTooLong,
                        "a response line over the limit of " + std::to_string(m_limits.maxLineBytes) + " bytes");
        }
        if (!literal) {
            m_lines.emplace_back(text);
            return parseResponse();
        }
        m_lines.emplace_back(text.substr(0, literal->textEnd - (literal->binary ? 1 : 0)));
        if (literal->tooLarge) // nothing to skip by: the bytes that follow are read as lines, and refused
            return fail(ReadError::LiteralTooLarge, "a literal whose size does not fit in 64 bits");
        if (literal->size > m_limits.maxLiteralBytes || m_literalBytes + literal->size > m_limits.maxCommandBytes) {
            m_skipBytes = literal->size;
            m_skippingLine = m_skipLiterals = true;
            return fail(ReadError::LiteralTooLarge,
                        "a literal of " + std::to_string(literal->size) + " bytes, over the limit of "
                            + std::to_string(std::min(m_limits.maxLiteralBytes,
                                                      m_limits.maxCommandBytes - m_literalBytes))
                            + " bytes; skipped");
        }
        m_literalBytes += literal->size;
        m_literals.emplace_back();
        m_literals.back().reserve(literal->size);
        m_inLiteral = true;
        m_literalRemaining = literal->size;
    }
}

ResponseReader::Status ResponseReader::parseResponse()
{
    Response response;
    std::string error;
    ReadError kind = ReadError::Syntax;
    if (!parseResponseLines(m_lines, m_literals, m_limits, response, error, kind))
        return fail(kind, error);
    m_response = std::move(response);
    m_lines.clear();
    m_literals.clear();
    m_lineBytes = m_literalBytes = 0;
    return Status::Response;
}

} // namespace cachet::imap
