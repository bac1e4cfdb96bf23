#include "mime/MessageDigest.h"

#include "mime/Decoding.h"
#include "mime/HeaderBlock.h"
#include "text/AsciiText.h"

#include <algorithm>
#include <cctype>

namespace cachet::mime {

namespace {

std::string_view slice(std::string_view raw, std::size_t begin, std::size_t end)
{
    if (begin > end || end > raw.size())
        return {};
    return raw.substr(begin, end - begin);
}

bool isBlank(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}

bool isBlankText(std::string_view s)
{
    return std::all_of(s.begin(), s.end(), isBlank);
}


// Threading needs the first (the thread root) and the last references; a
// hostile list keeps only those.
void capReferences(std::vector<std::string>& refs)
{
    if (refs.size() <= kMaxDigestReferences)
        return;
    refs.erase(refs.begin() + 1, refs.end() - static_cast<std::ptrdiff_t>(kMaxDigestReferences - 1));
}

void appendBareAddresses(const std::vector<DisplayAddress>& list, std::vector<std::string>& out)
{
    for (const DisplayAddress& a : list) {
        if (a.address.find('@') == std::string::npos)
            continue;
        std::string bare = text::asciiLower(a.address);
        if (std::find(out.begin(), out.end(), bare) == out.end())
            out.push_back(std::move(bare));
    }
}

// The first `maxChars` characters of `text` with every run of blanks made one space.
std::string makePreview(std::string_view text, std::size_t maxChars)
{
    std::string out;
    std::size_t chars = 0;
    bool pendingSpace = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (isBlank(c)) {
            pendingSpace = !out.empty();
            continue;
        }
        const bool startsCharacter = (static_cast<unsigned char>(c) & 0xC0) != 0x80;
        if (startsCharacter) {
            if (chars + (pendingSpace ? 1 : 0) >= maxChars)
                break;
            if (pendingSpace) {
                out.push_back(' ');
                ++chars;
                pendingSpace = false;
            }
            ++chars;
        }
        out.push_back(c);
    }
    return out;
}

bool isSignaturePart(const MimeEntity& e)
{
    if (e.type != "application")
        return false;
    return e.subtype == "pgp-signature" || e.subtype == "pkcs7-signature" || e.subtype == "x-pkcs7-signature";
}

bool isPlainTextLeaf(const MimeEntity& e)
{
    return e.isLeaf() && e.type == "text" && e.subtype == "plain" && e.disposition != "attachment";
}

class DigestBuilder {
public:
    DigestBuilder(std::string_view raw, MessageDigest& digest) : m_raw(raw), m_digest(digest) {}

    void walk(const MimeEntity& e, std::size_t depth, bool textWanted)
    {
        if (++m_partsSeen > kMaxDigestParts || depth > kMaxDigestDepth)
            return;
        if (e.isMultipart()) {
            walkMultipart(e, depth, textWanted);
        } else if (e.isEmbeddedMessage()) {
            if (e.disposition == "attachment")
                addAttachment(attachmentFileName(m_raw, e));
            for (const MimeEntity& child : e.children)
                walk(child, depth + 1, textWanted); // a forwarded message's text is searchable too
        } else if (!e.isLeaf()) {
            for (const MimeEntity& child : e.children)
                walk(child, depth + 1, textWanted);
        } else {
            walkLeaf(e, textWanted);
        }
    }

private:
    void walkMultipart(const MimeEntity& e, std::size_t depth, bool textWanted)
    {
        if (e.subtype == "encrypted")
            return; // RFC 1847 §2.2: control part and ciphertext; the crypto module reads them
        const MimeEntity* chosen = e.subtype == "alternative" ? pickAlternative(e) : nullptr;
        for (std::size_t i = 0; i < e.children.size(); ++i) {
            const MimeEntity& child = e.children[i];
            if (e.subtype == "signed" && i > 0 && isSignaturePart(child))
                continue; // RFC 1847 §2.1: the signature is no attachment to the reader
            const bool wanted = textWanted && (!chosen || &child == chosen);
            walk(child, depth + 1, wanted);
        }
    }

    // RFC 2046 §5.1.4: the alternatives are in increasing faithfulness. The
    // index wants plain text, so the first text/plain that has any text; else
    // the last alternative (HTML, or a multipart/related around it).
    const MimeEntity* pickAlternative(const MimeEntity& e) const
    {
        for (const MimeEntity& child : e.children) {
            if (isPlainTextLeaf(child)) {
                const std::string sample = decodeBody(body(child), child.transferEncoding, charsetOf(child), 4096);
                if (!isBlankText(sample))
                    return &child;
            }
        }
        for (auto it = e.children.rbegin(); it != e.children.rend(); ++it) {
            if (it->disposition != "attachment" && (it->type == "text" || it->isMultipart()))
                return &*it;
        }
        return e.children.empty() ? nullptr : &e.children.back();
    }

    void walkLeaf(const MimeEntity& e, bool textWanted)
    {
        if (isSignaturePart(e))
            return;
        const std::string name = attachmentFileName(m_raw, e);
        if (e.disposition == "attachment" || (!name.empty() && e.type != "text")) {
            addAttachment(name);
            return;
        }
        if (!textWanted || e.type != "text" || bodyFull())
            return;
        const std::size_t budget = kMaxDigestBodyTextBytes - m_digest.bodyText.size();
        if (e.subtype == "plain")
            addText(decodeBody(body(e), e.transferEncoding, charsetOf(e), budget));
        else if (e.subtype == "html")
            addText(htmlToText(decodeBody(body(e), e.transferEncoding, charsetOf(e), kMaxBodyTextBytes), budget));
    }

    std::string_view body(const MimeEntity& e) const { return slice(m_raw, e.bodyBegin, e.bodyEnd); }

    static std::string charsetOf(const MimeEntity& e)
    {
        const std::string* charset = e.param("charset");
        return charset ? *charset : std::string();
    }

    bool bodyFull() const { return m_digest.bodyText.size() >= kMaxDigestBodyTextBytes; }

    void addText(const std::string& text)
    {
        if (isBlankText(text))
            return;
        std::string& out = m_digest.bodyText;
        if (!out.empty())
            out += "\n\n";
        out += text;
        if (out.size() > kMaxDigestBodyTextBytes) {
            std::size_t cut = kMaxDigestBodyTextBytes;
            while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80)
                --cut; // never split a UTF-8 character
            out.resize(cut);
        }
    }

    void addAttachment(const std::string& name)
    {
        m_digest.hasAttachment = true;
        if (!name.empty() && m_digest.attachmentNames.size() < kMaxDigestAttachmentNames)
            m_digest.attachmentNames.push_back(name);
    }

    std::string_view m_raw;
    MessageDigest& m_digest;
    std::size_t m_partsSeen = 0;
};

void digestHeaders(std::string_view raw, const MimeEntity& root, MessageDigest& d)
{
    const HeaderBlock header(slice(raw, root.headerBegin, root.headerEnd));

    if (const HeaderField* f = header.find("Date"))
        d.date = parseDate(f->rawValue);
    d.subject = decodeHeaderText(header.value("Subject"));

    const std::vector<DisplayAddress> from = parseAddressList(header.value("From"));
    const std::vector<DisplayAddress> to = parseAddressList(header.value("To"));
    const std::vector<DisplayAddress> cc = parseAddressList(header.value("Cc"));
    const std::vector<DisplayAddress> bcc = parseAddressList(header.value("Bcc"));
    d.from = formatAddressList(from);
    d.to = formatAddressList(to);
    d.cc = formatAddressList(cc);
    d.bcc = formatAddressList(bcc);
    d.replyTo = formatAddressList(parseAddressList(header.value("Reply-To")));
    appendBareAddresses(from, d.fromAddresses);
    appendBareAddresses(to, d.recipientAddresses);
    appendBareAddresses(cc, d.recipientAddresses);
    appendBareAddresses(bcc, d.recipientAddresses);

    if (auto ids = parseMessageIds(header.value("Message-ID")); !ids.empty())
        d.messageId = std::move(ids.front());
    if (auto ids = parseMessageIds(header.value("In-Reply-To")); !ids.empty())
        d.inReplyTo = std::move(ids.front());
    d.references = parseMessageIds(header.value("References"));
    capReferences(d.references);
}

} // namespace

// msg-ids of Message-ID, In-Reply-To and References (RFC 5322 §3.6.4), without
// angle brackets or the blanks of folding. Without any "<...>" (seen in the
// wild, e.g. "Message-ID: 12345@testrun.org"), words holding an '@' count.
std::vector<std::string> parseMessageIds(std::string_view rawValue)
{
    const std::string s = HeaderBlock::unfold(rawValue.substr(0, 256 * 1024));
    std::vector<std::string> ids;
    std::size_t pos = 0;
    while ((pos = s.find('<', pos)) != std::string::npos) {
        const std::size_t end = s.find('>', pos + 1);
        if (end == std::string::npos)
            break;
        std::string id;
        for (std::size_t i = pos + 1; i < end; ++i) {
            if (!isBlank(s[i]))
                id.push_back(s[i]);
        }
        if (!id.empty())
            ids.push_back(std::move(id));
        pos = end + 1;
    }
    if (!ids.empty())
        return ids;
    std::size_t begin = 0;
    while (begin < s.size()) {
        while (begin < s.size() && (isBlank(s[begin]) || s[begin] == ','))
            ++begin;
        std::size_t end = begin;
        while (end < s.size() && !isBlank(s[end]) && s[end] != ',')
            ++end;
        std::string word = s.substr(begin, end - begin);
        word.erase(std::remove_if(word.begin(), word.end(), [](char c) { return c == '<' || c == '>'; }), word.end());
        if (word.find('@') != std::string::npos)
            ids.push_back(std::move(word));
        begin = end;
    }
    return ids;
}

MessageDigest digestMessage(std::string_view raw, const MimeEntity& root)
{
    MessageDigest d;
    try {
        digestHeaders(raw, root, d);
        DigestBuilder(raw, d).walk(root, 0, true);
        d.preview = makePreview(std::string_view(d.bodyText).substr(0, 64 * 1024), kMaxDigestPreviewChars);
    } catch (...) {
        // Only allocation failure can get here: keep what was derived.
    }
    return d;
}

} // namespace cachet::mime
