// Hand-written rather than VMime's text/addressList generators: VMime 0.9.2
// drops the space between two encoded words it writes for one display name
// ("Müller, Ph.D." comes back as "Müller,Ph.D."), so a round trip changes
// what the reader sees.

#include "mime/HeaderEncoding.h"

#include "mime/Decoding.h"

#include <QByteArray>

namespace cachet::mime {

namespace {

// Bytes of UTF-8 text per encoded word: 45 bytes give 60 base64 characters,
// with "=?utf-8?B?" and "?=" 72, within RFC 2047 §2's 75.
constexpr std::size_t kWordBytes = 45;

bool isContinuationByte(unsigned char c)
{
    return (c & 0xC0) == 0x80;
}

bool needsQuoting(std::string_view name)
{
    for (char c : name) {
        const bool atext = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
            || std::string_view("!#$%&'*+-/=?^_`{|}~ ").find(c) != std::string_view::npos;
        if (!atext)
            return true;
    }
    return false;
}

std::string quoted(std::string_view text)
{
    std::string out = "\"";
    for (char c : text) {
        if (c == '"' || c == '\\')
            out += '\\';
        out += c;
    }
    return out + "\"";
}

} // namespace

bool isSevenBit(std::string_view bytes)
{
    for (char c : bytes)
        if (static_cast<unsigned char>(c) >= 0x80 || c == '\0')
            return false;
    return true;
}

std::string encodeUnstructured(std::string_view utf8)
{
    std::string out;
    std::size_t pos = 0;
    while (pos < utf8.size()) {
        std::size_t end = std::min(utf8.size(), pos + kWordBytes);
        // Never split a character between two words (RFC 2047 §5 (3)).
        while (end < utf8.size() && end > pos + 1 && isContinuationByte(static_cast<unsigned char>(utf8[end])))
            --end;
        const QByteArray chunk(utf8.data() + pos, static_cast<qsizetype>(end - pos));
        if (!out.empty())
            out += "\r\n ";
        out += "=?utf-8?B?" + chunk.toBase64().toStdString() + "?=";
        pos = end;
    }
    return out;
}

std::string encodeAddressList(std::string_view rawValue)
{
    std::string out;
    for (const DisplayAddress& a : parseAddressList(rawValue)) {
        if (!out.empty())
            out += ",\r\n ";
        if (a.name.empty())
            out += a.address;
        else if (!isSevenBit(a.name))
            out += encodeUnstructured(a.name) + " <" + a.address + ">";
        else
            out += (needsQuoting(a.name) ? quoted(a.name) : a.name) + " <" + a.address + ">";
    }
    return out;
}

} // namespace cachet::mime
