#include "bridge/MessageSearchText.h"

#include "mime/Decoding.h"
#include "mime/MimeParser.h"
#include "text/AsciiText.h"
#include "text/SearchFolding.h"

namespace cachet::bridge {

namespace {

// Deeper than the parser's own limit is never reached; this only keeps the walk bounded.
constexpr std::size_t kMaxWalkDepth = 128;

std::string_view slice(std::string_view raw, std::size_t begin, std::size_t end)
{
    if (begin > raw.size() || end < begin)
        return {};
    return raw.substr(begin, std::min(end, raw.size()) - begin);
}

// Dovecot reads the body of text/* and message/* parts and skips the rest;
// a part whose Content-Type cannot be parsed is read as text/plain (RFC 2045 §5.2).
bool isSearchedLeaf(const mime::MimeEntity& e)
{
    return e.type == "text" || e.type == "message" || e.type.empty();
}

// An address field as Dovecot writes it out before matching: every address in
// angle brackets, after its display name if it has one ("Ann <a@b>, <c@d>"),
// so FROM "<bob@" finds a bare bob@example.net too.
std::string addressText(std::string_view rawValue)
{
    std::vector<mime::DisplayAddress> addresses = mime::parseAddressList(rawValue);
    std::string out;
    for (mime::DisplayAddress& a : addresses) {
        if (!out.empty())
            out += ", ";
        const std::string address = std::move(a.address);
        a.address.clear();
        if (!a.name.empty())
            out += mime::formatAddressList({a}) + ' '; // quotes a name that needs it
        out += '<' + address + '>';
    }
    return out;
}

} // namespace

MessageSearchText::MessageSearchText(std::string raw) : m_raw(std::move(raw)) {}

std::size_t MessageSearchText::servedSize() const
{
    std::size_t size = m_raw.size();
    for (std::size_t i = 0; i < m_raw.size(); ++i) {
        if (m_raw[i] == '\n' && (i == 0 || m_raw[i - 1] != '\r'))
            ++size;
    }
    return size;
}

void MessageSearchText::parse()
{
    if (m_root)
        return;
    m_root = mime::parseMessage(m_raw).root;
    m_header = mime::HeaderBlock(slice(m_raw, m_root->headerBegin, m_root->headerEnd));
}

bool MessageSearchText::headerContains(std::string_view field, bool addresses, std::string_view foldedNeedle)
{
    parse();
    for (const mime::HeaderField& f : m_header.fields()) {
        if (!text::equalsIgnoreCase(f.name, field))
            continue;
        if (foldedNeedle.empty())
            return true;
        const std::string value = addresses ? addressText(f.rawValue)
                                            : mime::decodeHeaderText(f.rawValue);
        if (text::foldForSearch(value).find(foldedNeedle) != std::string::npos)
            return true;
    }
    return false;
}

void MessageSearchText::appendPartText(const mime::MimeEntity& e, bool withHeaders, std::string& out,
                                       std::size_t depth) const
{
    if (depth > kMaxWalkDepth)
        return;
    if (withHeaders) {
        const mime::HeaderBlock header(slice(m_raw, e.headerBegin, e.headerEnd));
        for (const mime::HeaderField& f : header.fields()) {
            out.append(f.name);
            out += ": ";
            out += mime::decodeHeaderText(f.rawValue);
            out += '\n';
        }
    }
    if (!e.children.empty()) {
        // A multipart's preamble and epilogue are not text of any part; an
        // embedded message's header is part of TEXT, not of BODY.
        for (const mime::MimeEntity& child : e.children)
            appendPartText(child, withHeaders, out, depth + 1);
        return;
    }
    if (!isSearchedLeaf(e))
        return;
    const std::string* charset = e.param("charset");
    out += mime::decodeBody(slice(m_raw, e.bodyBegin, e.bodyEnd), e.transferEncoding,
                            charset ? std::string_view(*charset) : std::string_view());
    out += '\n';
}

bool MessageSearchText::bodyContains(std::string_view foldedNeedle)
{
    if (!m_foldedBody) {
        parse();
        std::string body;
        appendPartText(*m_root, false, body, 0);
        m_foldedBody = text::foldForSearch(body);
    }
    return m_foldedBody->find(foldedNeedle) != std::string::npos;
}

bool MessageSearchText::textContains(std::string_view foldedNeedle)
{
    if (!m_foldedText) {
        parse();
        std::string all;
        appendPartText(*m_root, true, all, 0);
        m_foldedText = text::foldForSearch(all);
    }
    return m_foldedText->find(foldedNeedle) != std::string::npos;
}

} // namespace cachet::bridge
