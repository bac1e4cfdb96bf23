#include "crypto/AutocryptHeader.h"

#include "crypto/OpenPgpPackets.h"
#include "text/AsciiText.h"

#include <QByteArray>

#include <optional>

namespace cachet::crypto {

namespace {

constexpr std::size_t kMaxAddressBytes = 254; // RFC 5321 §4.5.3.1.3, the longest path
constexpr std::size_t kKeyLineChars = 76;     // plus the folding space: 77 <= 78 (RFC 5322 §2.1.1)

bool isFoldingSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

std::string_view trimmed(std::string_view s)
{
    while (!s.empty() && isFoldingSpace(s.front()))
        s.remove_prefix(1);
    while (!s.empty() && isFoldingSpace(s.back()))
        s.remove_suffix(1);
    return s;
}

// An attribute name from the wire, safe to show in an error: printable ASCII, short.
std::string shown(std::string_view name)
{
    std::string out;
    for (char c : name.substr(0, 40))
        out.push_back(c > ' ' && c < 127 ? c : '?');
    return out;
}

ParsedAutocryptHeader invalid(std::string why)
{
    ParsedAutocryptHeader p;
    p.error = std::move(why);
    return p;
}

bool plausibleAddress(std::string_view a)
{
    if (a.empty() || a.size() > kMaxAddressBytes)
        return false;
    const std::size_t at = a.rfind('@');
    if (at == std::string_view::npos || at == 0 || at + 1 == a.size())
        return false;
    for (char c : a) {
        const auto u = static_cast<unsigned char>(c);
        if (u <= ' ' || u == 127 || c == '<' || c == '>' || c == ',' || c == '"')
            return false;
    }
    return true;
}

// Strict base64 with folding whitespace anywhere (RFC 4648 §4): any other
// byte, or bad padding, and there is no key.
std::optional<std::string> decodeKeyData(std::string_view value)
{
    QByteArray compact;
    compact.reserve(static_cast<qsizetype>(value.size()));
    for (char c : value)
        if (!isFoldingSpace(c))
            compact.push_back(c);
    const auto decoded = QByteArray::fromBase64Encoding(compact, QByteArray::AbortOnBase64DecodingErrors);
    if (decoded.decodingStatus != QByteArray::Base64DecodingStatus::Ok)
        return std::nullopt;
    return decoded.decoded.toStdString();
}

} // namespace

ParsedAutocryptHeader parseAutocryptHeader(std::string_view rawValue)
{
    if (rawValue.size() > kMaxAutocryptHeaderBytes)
        return invalid("the header is longer than " + std::to_string(kMaxAutocryptHeaderBytes) + " bytes");
    std::optional<std::string_view> addr, preferEncrypt, keyData;
    std::size_t pos = 0;
    while (pos <= rawValue.size()) {
        std::size_t semicolon = rawValue.find(';', pos);
        if (semicolon == std::string_view::npos)
            semicolon = rawValue.size();
        const std::string_view attribute = trimmed(rawValue.substr(pos, semicolon - pos));
        pos = semicolon + 1;
        if (attribute.empty())
            continue; // "a=b;" or ";;": nothing there
        const std::size_t eq = attribute.find('=');
        const std::string_view name = trimmed(attribute.substr(0, eq));
        if (eq == std::string_view::npos || name.empty())
            return invalid("attribute \"" + shown(attribute) + "\" has no name=value form");
        const std::string_view value = trimmed(attribute.substr(eq + 1));
        if (name.front() == '_')
            continue; // non-critical: ignored unless understood, and none is
        const std::string lowerName = text::asciiLower(name.substr(0, 32));
        std::optional<std::string_view>* slot = lowerName == "addr"             ? &addr
                                                : lowerName == "prefer-encrypt" ? &preferEncrypt
                                                : lowerName == "keydata"        ? &keyData
                                                                                : nullptr;
        if (!slot)
            return invalid("unknown critical attribute \"" + shown(name) + "\"");
        if (*slot)
            return invalid("attribute \"" + shown(name) + "\" given twice");
        *slot = value;
    }
    if (!addr)
        return invalid("no addr attribute");
    if (!plausibleAddress(*addr))
        return invalid("addr is not a mail address");
    if (!keyData || keyData->empty())
        return invalid("no keydata attribute");

    ParsedAutocryptHeader p;
    p.header.address = text::asciiLower(*addr);
    p.header.preferEncrypt = preferEncrypt && *preferEncrypt == kPreferEncryptMutual ? kPreferEncryptMutual
                                                                                      : kPreferEncryptNoPreference;
    // Base64 is 4/3 of the bytes it holds: a value this long cannot fit the bound.
    if (keyData->size() / 4 * 3 > kMaxAutocryptKeyBytes + kMaxAutocryptKeyBytes / 8)
        return invalid("keydata is larger than " + std::to_string(kMaxAutocryptKeyBytes) + " bytes");
    auto key = decodeKeyData(*keyData);
    if (!key || key->empty())
        return invalid("keydata is not valid base64");
    if (key->size() > kMaxAutocryptKeyBytes)
        return invalid("keydata is larger than " + std::to_string(kMaxAutocryptKeyBytes) + " bytes");
    if (!isPublicKeyPackets(*key))
        return invalid("keydata is not an OpenPGP public key");
    p.header.keyData = std::move(*key);
    p.ok = true;
    return p;
}

std::string formatAutocryptField(const AutocryptHeader& header, AutocryptField field, std::string_view lineEnd)
{
    std::string out = field == AutocryptField::Gossip ? "Autocrypt-Gossip: " : "Autocrypt: ";
    out += "addr=" + text::asciiLower(header.address) + "; ";
    if (field == AutocryptField::Autocrypt && header.preferEncrypt == kPreferEncryptMutual)
        out += "prefer-encrypt=mutual; ";
    out += "keydata=";
    const QByteArray base64 = QByteArray::fromStdString(header.keyData).toBase64();
    for (qsizetype at = 0; at < base64.size(); at += static_cast<qsizetype>(kKeyLineChars)) {
        out += lineEnd;
        out += ' ';
        out += base64.mid(at, static_cast<qsizetype>(kKeyLineChars)).toStdString();
    }
    return out;
}

} // namespace cachet::crypto
