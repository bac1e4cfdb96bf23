#include "imap/ClientCommand.h"

#include "imap/DateTime.h"
#include "imap/ImapWriter.h"
#include "imap/MailboxNameCodec.h"

namespace cachet::imap {

namespace {
// LITERAL- (RFC 7888 §5): non-synchronising literals up to this size only.
constexpr std::size_t kLiteralMinusMax = 4096;
} // namespace

LiteralMode literalModeFor(const Capabilities& capabilities)
{
    if (capabilities.has("LITERAL+"))
        return LiteralMode::NonSynchronising;
    if (capabilities.has("LITERAL-"))
        return LiteralMode::NonSynchronisingUpTo4096;
    return LiteralMode::Synchronising;
}

ClientCommand::ClientCommand(std::string tag, std::string_view name, LiteralMode literals)
    : m_tag(std::move(tag)), m_literals(literals)
{
    m_pieces.emplace_back(m_tag);
    current() += ' ';
    current().append(name);
}

void ClientCommand::separate()
{
    if (m_needSpace)
        current() += ' ';
    m_needSpace = true;
}

void ClientCommand::appendLiteralBytes(std::string_view bytes)
{
    const bool synchronising = m_literals == LiteralMode::Synchronising
                               || (m_literals == LiteralMode::NonSynchronisingUpTo4096 && bytes.size() > kLiteralMinusMax);
    appendLiteralAnnouncement(current(), bytes.size(), synchronising);
    if (synchronising)
        m_pieces.emplace_back();
    current().append(bytes);
}

ClientCommand& ClientCommand::raw(std::string_view syntax)
{
    separate();
    current().append(syntax);
    return *this;
}

ClientCommand& ClientCommand::number(std::uint64_t value)
{
    return raw(std::to_string(value));
}

ClientCommand& ClientCommand::sequenceSet(const SequenceSet& set)
{
    return raw(set.toString());
}

ClientCommand& ClientCommand::astring(std::string_view text)
{
    if (!isAtom(text))
        return string(text);
    separate();
    current().append(text);
    return *this;
}

ClientCommand& ClientCommand::string(std::string_view text)
{
    separate();
    if (isQuotable(text))
        appendQuoted(current(), text);
    else
        appendLiteralBytes(text);
    return *this;
}

ClientCommand& ClientCommand::literal(std::string_view bytes)
{
    separate();
    appendLiteralBytes(bytes);
    return *this;
}

ClientCommand& ClientCommand::mailbox(std::string_view utf8Name, bool utf8Accepted)
{
    return utf8Accepted ? astring(utf8Name) : astring(encodeMailboxName(utf8Name));
}

ClientCommand& ClientCommand::dateTime(std::int64_t epochSeconds)
{
    separate();
    appendQuoted(current(), formatDateTime(epochSeconds));
    return *this;
}

ClientCommand& ClientCommand::beginList()
{
    separate();
    current() += '(';
    m_needSpace = false;
    return *this;
}

ClientCommand& ClientCommand::endList()
{
    current() += ')';
    m_needSpace = true;
    return *this;
}

std::vector<std::string> ClientCommand::takePieces()
{
    if (!m_pieces.empty())
        current() += "\r\n";
    std::vector<std::string> pieces = std::move(m_pieces);
    m_pieces.clear();
    return pieces;
}

} // namespace cachet::imap
