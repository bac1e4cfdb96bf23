#include "store/Compression.h"

#include "store/StoreError.h"

#include <QByteArray>

#include <optional>

namespace cachet::store {

namespace {
// Below this, zlib's header and the per-call cost outweigh any gain.
constexpr std::size_t kMinSizeToCompress = 256;
// zlib level 1: about three times faster than the default level for 10-15 %
// less gain on mail text; import speed matters more than the last bytes.
constexpr int kZlibLevel = 1;
// Large documents are tried on a sample first: random-looking data (the bulk of
// big attachments) is not worth a full zlib pass.
constexpr std::size_t kProbeBytes = 64 * 1024;

constexpr unsigned char kFlagCrlf = 1;      // lines end in CRLF, not LF
constexpr unsigned char kFlagFinalBreak = 2; // the last line ends with a line break too

// True if zlib saves at least 1/8 on `data`; `packed` gets the result.
bool zlibWorthIt(std::string_view data, QByteArray& packed)
{
    packed = qCompress(reinterpret_cast<const uchar*>(data.data()), static_cast<qsizetype>(data.size()), kZlibLevel);
    return !packed.isEmpty() && static_cast<std::size_t>(packed.size()) < data.size() - data.size() / 8;
}

bool isBase64Char(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/' || c == '=';
}

// Writes `decoded` back as base64 in lines of `lineLength` with the given breaks.
std::string base64Lines(std::string_view decoded, std::size_t lineLength, unsigned char flags)
{
    const QByteArray text = QByteArray::fromRawData(decoded.data(), static_cast<qsizetype>(decoded.size())).toBase64();
    const std::string_view eol = (flags & kFlagCrlf) ? "\r\n" : "\n";
    std::string out;
    out.reserve(static_cast<std::size_t>(text.size()) + (static_cast<std::size_t>(text.size()) / lineLength + 1) * 2);
    for (qsizetype pos = 0; pos < text.size(); pos += static_cast<qsizetype>(lineLength)) {
        if (pos > 0)
            out += eol;
        out.append(text.constData() + pos, std::min<std::size_t>(lineLength, static_cast<std::size_t>(text.size() - pos)));
    }
    if (flags & kFlagFinalBreak)
        out += eol;
    return out;
}

// The Base64Lines form of `data`, if `data` is canonical base64 that comes back
// byte for byte; nullopt for anything else (which then goes to zlib or stays).
std::optional<std::string> asBase64Lines(std::string_view data)
{
    const std::size_t firstBreak = data.find('\n');
    if (firstBreak == std::string_view::npos || firstBreak < 5)
        return std::nullopt;
    const bool crlf = data[firstBreak - 1] == '\r';
    const std::size_t lineLength = firstBreak - (crlf ? 1 : 0);
    if (lineLength % 4 != 0 || lineLength / 4 > 255)
        return std::nullopt;
    // Cheap rejection before any allocation: text parts fail on the first line.
    for (std::size_t i = 0; i < lineLength; ++i) {
        if (!isBase64Char(data[i]))
            return std::nullopt;
    }
    QByteArray joined;
    joined.reserve(static_cast<qsizetype>(data.size()));
    std::size_t pos = 0;
    while (pos < data.size()) {
        std::size_t end = data.find('\n', pos);
        if (end == std::string_view::npos)
            end = data.size();
        else if (crlf && (end == pos || data[end - 1] != '\r'))
            return std::nullopt;
        joined.append(data.data() + pos, static_cast<qsizetype>(end - pos - (end < data.size() && crlf ? 1 : 0)));
        pos = end < data.size() ? end + 1 : end;
    }
    const bool finalBreak = data.back() == '\n';
    const unsigned char flags = static_cast<unsigned char>((crlf ? kFlagCrlf : 0) | (finalBreak ? kFlagFinalBreak : 0));
    const auto decoded = QByteArray::fromBase64Encoding(joined, QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return std::nullopt;
    const std::string_view bytes(decoded.decoded.constData(), static_cast<std::size_t>(decoded.decoded.size()));
    // The proof: re-encoding gives the very same bytes (line lengths, padding, breaks).
    if (base64Lines(bytes, lineLength, flags) != data)
        return std::nullopt;
    std::string out;
    out.reserve(2 + bytes.size());
    out.push_back(static_cast<char>(lineLength / 4));
    out.push_back(static_cast<char>(flags));
    out.append(bytes);
    return out;
}

} // namespace

Encoded compressDocument(std::string_view data)
{
    if (data.size() < kMinSizeToCompress)
        return {Codec::Stored, std::string(data)};
    if (auto base64 = asBase64Lines(data))
        return {Codec::Base64Lines, std::move(*base64)};
    QByteArray packed;
    if (data.size() > 2 * kProbeBytes && !zlibWorthIt(data.substr(0, kProbeBytes), packed))
        return {Codec::Stored, std::string(data)};
    if (zlibWorthIt(data, packed))
        return {Codec::Zlib, packed.toStdString()};
    return {Codec::Stored, std::string(data)};
}

std::string decompressDocument(Codec codec, std::string_view data, std::size_t expectedSize)
{
    std::string out;
    if (codec == Codec::Stored) {
        out.assign(data);
    } else if (codec == Codec::Zlib) {
        QByteArray raw = qUncompress(reinterpret_cast<const uchar*>(data.data()), static_cast<qsizetype>(data.size()));
        out = raw.toStdString();
    } else if (codec == Codec::Base64Lines && data.size() >= 2 && data[0] != 0) {
        const std::size_t lineLength = static_cast<unsigned char>(data[0]) * 4u;
        out = base64Lines(data.substr(2), lineLength, static_cast<unsigned char>(data[1]));
    } else {
        throw StoreError("unknown document codec " + std::to_string(static_cast<int>(codec)),
                         StoreError::Kind::Corrupt);
    }
    if (out.size() != expectedSize)
        throw StoreError("a stored document does not decode to its recorded size", StoreError::Kind::Corrupt);
    return out;
}

} // namespace cachet::store
