#include "crypto/SubmittedMessage.h"

#include "mime/Decoding.h"
#include "mime/MessageDigest.h"
#include "mime/MimeParser.h"
#include "text/AsciiText.h"

#include <algorithm>
#include <set>

namespace cachet::crypto {

namespace {

// SMTP carries CRLF lines, but a mail program may send bare LFs: the parts we
// sign must be in canonical form (RFC 3156 §5), so every line end is made CRLF.
std::string withCrlf(std::string_view raw)
{
    std::string out;
    out.reserve(raw.size() + raw.size() / 32);
    for (std::size_t i = 0; i < raw.size(); ++i) {
        if (raw[i] == '\n' && (i == 0 || raw[i - 1] != '\r'))
            out += '\r';
        out += raw[i];
    }
    return out;
}

EncryptRequest requestOf(const mime::HeaderBlock& header)
{
    if (header.has("X-Cachet-Encrypt")) {
        const std::string value = text::asciiLower(mime::HeaderBlock::unfold(header.value("X-Cachet-Encrypt")));
        if (value == "require" || value == "required" || value == "yes")
            return EncryptRequest::Require;
        if (value == "never" || value == "no")
            return EncryptRequest::Never;
        return EncryptRequest::Auto;
    }
    // Autocrypt Level 1's draft state: "encrypt=yes; _by-choice=yes" and the like.
    const std::string draft = text::asciiLower(mime::HeaderBlock::unfold(header.value("Autocrypt-Draft-State")));
    std::string compact;
    std::copy_if(draft.begin(), draft.end(), std::back_inserter(compact), [](char c) { return c != ' ' && c != '\t'; });
    if (compact.rfind("encrypt=yes", 0) == 0 || compact.find(";encrypt=yes") != std::string::npos)
        return EncryptRequest::Require;
    if (compact.rfind("encrypt=no", 0) == 0 || compact.find(";encrypt=no") != std::string::npos)
        return EncryptRequest::Never;
    return EncryptRequest::Auto;
}

} // namespace

SubmittedMessage::SubmittedMessage(std::string_view raw, std::string mailFrom, const std::vector<std::string>& rcptTo)
    : m_raw(withCrlf(raw)), m_mailFrom(std::move(mailFrom))
{
    m_root = mime::parseMimeTree(m_raw);
    m_header = mime::HeaderBlock(std::string_view(m_raw).substr(m_root.headerBegin, m_root.headerEnd - m_root.headerBegin));

    const auto from = mime::parseAddressList(m_header.value("From"));
    if (!from.empty())
        m_fromAddress = text::asciiLower(from.front().address);

    const std::vector<std::string> toAndCc = mime::addressesIn(m_header, {"To", "Cc"});
    const std::set<std::string> shown(toAndCc.begin(), toAndCc.end());

    std::set<std::string> seen;
    for (const std::string& r : rcptTo) {
        std::string address = text::asciiLower(r);
        if (!seen.insert(address).second)
            continue;
        (shown.count(address) ? m_visible : m_hidden).push_back(address);
        m_recipients.push_back(std::move(address));
    }
    m_request = requestOf(m_header);
    m_inReplyTo = mime::parseMessageIds(m_header.value("In-Reply-To"));
}

} // namespace cachet::crypto
