#include "imap/MailboxNameCodec.h"

#include "text/AsciiText.h"

#include <QString>

#include <vector>

namespace cachet::imap {

namespace {

// RFC 2045 base64 with ',' for '/', no padding (RFC 3501 §5.1.3).
constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+,";

int alphabetIndex(char c)
{
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == ',') return 63;
    return -1;
}

bool isDirect(char16_t c)
{
    return c >= 0x20 && c <= 0x7e;
}

void appendShifted(std::string& out, const std::vector<char16_t>& units)
{
    out += '&';
    std::uint32_t bits = 0;
    int count = 0;
    for (char16_t u : units) {
        for (int shift : {8, 0}) {
            bits = (bits << 8) | ((u >> shift) & 0xffu);
            count += 8;
            while (count >= 6) {
                count -= 6;
                out += kAlphabet[(bits >> count) & 0x3fu];
            }
        }
    }
    if (count > 0)
        out += kAlphabet[(bits << (6 - count)) & 0x3fu];
    out += '-';
}

} // namespace

std::string encodeMailboxName(std::string_view utf8)
{
    const QString text = QString::fromUtf8(utf8.data(), static_cast<qsizetype>(utf8.size()));
    std::string out;
    std::vector<char16_t> run;
    for (QChar qc : text) {
        const char16_t c = qc.unicode();
        if (isDirect(c)) {
            if (!run.empty()) {
                appendShifted(out, run);
                run.clear();
            }
            out += c == u'&' ? std::string("&-") : std::string(1, static_cast<char>(c));
        } else {
            run.push_back(c);
        }
    }
    if (!run.empty())
        appendShifted(out, run);
    return out;
}

std::optional<std::string> decodeMailboxName(std::string_view in)
{
    std::u16string units;
    bool lastWasShift = false;
    for (std::size_t i = 0; i < in.size(); ++i) {
        const char c = in[i];
        if (!isDirect(static_cast<unsigned char>(c)))
            return std::nullopt;
        if (c != '&') {
            units += static_cast<char16_t>(c);
            lastWasShift = false;
            continue;
        }
        const std::size_t end = in.find('-', i + 1);
        if (end == std::string_view::npos)
            return std::nullopt;
        if (end == i + 1) { // "&-" is '&'
            units += u'&';
            i = end;
            lastWasShift = false;
            continue;
        }
        if (lastWasShift)
            return std::nullopt; // two shifts in a row must be one (RFC 3501 §5.1.3)
        std::uint32_t bits = 0;
        int count = 0;
        std::u16string shifted;
        for (std::size_t k = i + 1; k < end; ++k) {
            const int v = alphabetIndex(in[k]);
            if (v < 0)
                return std::nullopt;
            bits = (bits << 6) | static_cast<std::uint32_t>(v);
            count += 6;
            if (count >= 16) {
                count -= 16;
                shifted += static_cast<char16_t>((bits >> count) & 0xffffu);
            }
        }
        // Left-over bits must be fewer than 6 and zero.
        if (count >= 6 || (bits & ((1u << count) - 1)) != 0 || shifted.empty())
            return std::nullopt;
        for (char16_t u : shifted) {
            if (isDirect(u))
                return std::nullopt; // printable ASCII must be written as itself
        }
        units += shifted;
        i = end;
        lastWasShift = true;
    }
    // Surrogates must pair up.
    for (std::size_t k = 0; k < units.size(); ++k) {
        const char16_t u = units[k];
        if (u >= 0xd800 && u <= 0xdbff) {
            if (k + 1 >= units.size() || units[k + 1] < 0xdc00 || units[k + 1] > 0xdfff)
                return std::nullopt;
            ++k;
        } else if (u >= 0xdc00 && u <= 0xdfff) {
            return std::nullopt;
        }
    }
    const QString text = QString::fromUtf16(units.data(), static_cast<qsizetype>(units.size()));
    return text.toUtf8().toStdString();
}

std::string mailboxNameFromServer(std::string_view wire, bool utf8Accepted)
{
    std::string name;
    if (auto decoded = utf8Accepted ? std::nullopt : decodeMailboxName(wire))
        name = std::move(*decoded);
    else
        name = QString::fromUtf8(wire.data(), static_cast<qsizetype>(wire.size())).toUtf8().toStdString();
    if (text::equalsIgnoreCase(name, "INBOX"))
        name = "INBOX";
    return name;
}

} // namespace cachet::imap
