#include "imap/CommandReader.h"

#include "imap/ArgumentParser.h"

#include "text/AsciiText.h"

#include <algorithm>
#include <cstring>
#include <optional>

namespace cachet::imap {

namespace {

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

// command = tag SP command-name [SP arguments]: the tag and name from the first
// line, then the shared argument grammar for the rest.
bool parseCommandLines(const std::vector<std::string>& lines, std::vector<std::string>& literals,
                       const ImapLimits& limits, Command& out, std::string& error, ReadError& errorKind)
{
    errorKind = ReadError::Syntax;
    const std::string& first = lines.front();
    out.tag = tagOf(first);
    if (out.tag.empty()) {
        error = "a command starts with a tag";
        return false;
    }
    std::size_t pos = out.tag.size();
    if (pos < first.size() && first[pos] != ' ') {
        error = "a command name follows the tag";
        return false;
    }
    while (pos < first.size() && first[pos] == ' ')
        ++pos;
    const std::size_t nameBegin = pos;
    while (pos < first.size() && isLenientAtomChar(first[pos]))
        ++pos;
    out.name = text::asciiUpper(std::string_view(first).substr(nameBegin, pos - nameBegin));
    if (out.name.empty()) {
        error = "a command name follows the tag";
        return false;
    }
    if (pos < first.size() && first[pos] != ' ') {
        error = "a space must follow the command name";
        return false;
    }
    while (pos < first.size() && first[pos] == ' ')
        ++pos;
    ArgumentParser parser(lines, literals, limits, ArgumentParser::OpenBracket::Refuse);
    if (!parser.parse(pos, out.args)) {
        error = parser.error();
        errorKind = parser.errorKind();
        return false;
    }
    return true;
}

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
        const std::optional<LiteralAnnouncement> literal = literalAnnouncement(text);

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
    ReadError kind = ReadError::Syntax;
    if (!parseCommandLines(m_lines, m_literals, m_limits, command, error, kind))
        return fail(kind, error);
    m_command = std::move(command);
    m_lines.clear();
    m_literals.clear();
    m_lineBytes = m_literalBytes = 0;
    return Status::Command;
}

} // namespace cachet::imap
