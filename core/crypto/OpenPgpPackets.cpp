#include "crypto/OpenPgpPackets.h"

#include <QByteArray>

namespace cachet::crypto {

namespace {

constexpr int kSecretKeyTag = 5;
constexpr int kPublicKeyTag = 6;
constexpr int kSecretSubkeyTag = 7;
constexpr std::size_t kMaxPackets = 100000;

std::string_view withoutLineEnd(std::string_view line)
{
    while (!line.empty() && (line.back() == '\r' || line.back() == '\n' || line.back() == ' ' || line.back() == '\t'))
        line.remove_suffix(1);
    return line;
}

} // namespace

std::optional<std::string> dearmoredKeyData(std::string_view text)
{
    if (text.size() > kMaxKeyDataBytes)
        return std::nullopt;
    if (text.find("-----BEGIN PGP ") == std::string_view::npos)
        return std::string(text);
    enum class State { Outside, Headers, Body } state = State::Outside;
    std::string out;
    QByteArray body;
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::size_t eol = text.find('\n', pos);
        if (eol == std::string_view::npos)
            eol = text.size();
        const std::string_view line = withoutLineEnd(text.substr(pos, eol - pos));
        pos = eol + 1;
        if (line.rfind("-----BEGIN PGP ", 0) == 0) {
            state = State::Headers;
            body.clear();
        } else if (state == State::Headers) {
            if (line.empty())
                state = State::Body; // RFC 4880 §6.2: an empty line ends the armor headers
        } else if (state == State::Body) {
            if (line.rfind("-----END PGP ", 0) == 0 || (!line.empty() && line.front() == '=')) {
                const auto decoded = QByteArray::fromBase64Encoding(body, QByteArray::AbortOnBase64DecodingErrors);
                if (decoded.decodingStatus != QByteArray::Base64DecodingStatus::Ok)
                    return std::nullopt;
                out += decoded.decoded.toStdString();
                state = State::Outside;
            } else {
                body.append(line.data(), static_cast<qsizetype>(line.size()));
            }
        }
    }
    return out;
}

std::optional<std::vector<int>> packetTags(std::string_view binary)
{
    std::vector<int> tags;
    std::size_t pos = 0;
    while (pos < binary.size()) {
        if (tags.size() >= kMaxPackets)
            return std::nullopt;
        const auto header = static_cast<unsigned char>(binary[pos++]);
        if (!(header & 0x80))
            return std::nullopt;
        auto byteAt = [&](std::size_t i) { return static_cast<std::size_t>(static_cast<unsigned char>(binary[i])); };
        std::size_t length = 0;
        int tag = 0;
        if (header & 0x40) { // new format (§4.2.2)
            tag = header & 0x3f;
            if (pos >= binary.size())
                return std::nullopt;
            const std::size_t first = byteAt(pos++);
            if (first < 192) {
                length = first;
            } else if (first < 224) {
                if (pos >= binary.size())
                    return std::nullopt;
                length = ((first - 192) << 8) + byteAt(pos++) + 192;
            } else if (first == 255) {
                if (binary.size() - pos < 4)
                    return std::nullopt;
                length = (byteAt(pos) << 24) | (byteAt(pos + 1) << 16) | (byteAt(pos + 2) << 8) | byteAt(pos + 3);
                pos += 4;
            } else {
                return std::nullopt; // partial body length
            }
        } else { // old format (§4.2.1)
            tag = (header >> 2) & 0x0f;
            const int lengthType = header & 3;
            if (lengthType == 3)
                return std::nullopt; // indeterminate length
            const std::size_t octets = std::size_t(1) << lengthType;
            if (binary.size() - pos < octets)
                return std::nullopt;
            for (std::size_t i = 0; i < octets; ++i)
                length = (length << 8) | byteAt(pos + i);
            pos += octets;
        }
        if (length > binary.size() - pos)
            return std::nullopt;
        pos += length;
        tags.push_back(tag);
    }
    return tags;
}

bool isPublicKeyPackets(std::string_view binary)
{
    const auto tags = packetTags(binary);
    if (!tags || tags->empty() || tags->front() != kPublicKeyTag)
        return false;
    for (int tag : *tags)
        if (tag == kSecretKeyTag || tag == kSecretSubkeyTag)
            return false;
    return true;
}

bool holdsOnlyPublicKeys(std::string_view data)
{
    const auto binary = dearmoredKeyData(data);
    return binary && isPublicKeyPackets(*binary);
}

} // namespace cachet::crypto
