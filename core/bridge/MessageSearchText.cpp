#include "bridge/MessageSearchText.h"

#include "mime/BodyStructure.h"
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
    return mime::crlfSize(m_raw);
}

void MessageSearchText::parse()
{
    if (m_root)
        return;
    m_root = mime::parseMimeTree(m_raw);
    m_header = mime::HeaderBlock(slice(m_raw, m_root->headerBegin, m_root->headerEnd));
    walk(*m_root, 0);
}

void MessageSearchText::walk(const mime::MimeEntity& e, std::size_t depth)
{
    if (depth > kMaxWalkDepth)
        return;
    m_entities.push_back(&e);
    for (const mime::MimeEntity& child : e.children)
        walk(child, depth + 1);
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

void MessageSearchText::makePiecesOf(const mime::MimeEntity& e)
{
    // Every entity's header is TEXT, "Name: value" per field, the value decoded.
    const mime::HeaderBlock fields(slice(m_raw, e.headerBegin, e.headerEnd));
    std::string header;
    for (const mime::HeaderField& f : fields.fields()) {
        header.append(f.name);
        header += ": ";
        header += mime::decodeHeaderText(f.rawValue);
        header += '\n';
    }
    m_pieces.push_back({false, text::foldForSearch(header)});
    // A multipart's preamble and epilogue are not text of any part; its children are walked on their own.
    if (!e.children.empty() || !isSearchedLeaf(e))
        return;
    const std::string* charset = e.param("charset");
    const std::string body = mime::decodeBody(slice(m_raw, e.bodyBegin, e.bodyEnd), e.transferEncoding,
                                              charset ? std::string_view(*charset) : std::string_view());
    m_pieces.push_back({true, text::foldForSearch(body)});
}

bool MessageSearchText::piecesContain(std::string_view foldedNeedle, bool bodyOnly)
{
    parse();
    auto matches = [&](std::size_t from) {
        for (std::size_t i = from; i < m_pieces.size(); ++i) {
            if ((m_pieces[i].body || !bodyOnly) && m_pieces[i].folded.find(foldedNeedle) != std::string::npos)
                return true;
        }
        return false;
    };
    if (matches(0))
        return true;
    while (m_nextEntity < m_entities.size()) {
        const std::size_t from = m_pieces.size();
        makePiecesOf(*m_entities[m_nextEntity++]);
        if (matches(from))
            return true;
    }
    return false;
}

bool MessageSearchText::bodyContains(std::string_view foldedNeedle)
{
    return piecesContain(foldedNeedle, true);
}

bool MessageSearchText::textContains(std::string_view foldedNeedle)
{
    return piecesContain(foldedNeedle, false);
}

} // namespace cachet::bridge
