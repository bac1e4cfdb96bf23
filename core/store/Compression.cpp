#include "store/Compression.h"

#include "store/StoreError.h"

#include <QByteArray>

#include <openssl/evp.h>

#include <cstring>
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

// Base64 with OpenSSL's block coder, one line at a time: Qt's decoder took a
// quarter of the import's CPU time on attachment-heavy mail (perf, 10,000
// messages), and line-wise work needs no copy of the whole text.

// Writes `decoded` back as base64 in lines of `lineLength` with the given breaks.
std::string base64Lines(std::string_view decoded, std::size_t lineLength, unsigned char flags)
{
    const std::string_view eol = (flags & kFlagCrlf) ? "\r\n" : "\n";
    const std::size_t chunk = lineLength / 4 * 3;
    const std::size_t lines = (decoded.size() + chunk - 1) / chunk;
    std::string out;
    out.resize(lines * (lineLength + eol.size()));
    std::size_t used = 0;
    for (std::size_t pos = 0; pos < decoded.size(); pos += chunk) {
        if (pos > 0) {
            out.replace(used, eol.size(), eol);
            used += eol.size();
        }
        const std::size_t n = std::min(chunk, decoded.size() - pos);
        used += static_cast<std::size_t>(EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data() + used),
                                                         reinterpret_cast<const unsigned char*>(decoded.data() + pos),
                                                         static_cast<int>(n)));
    }
    out.resize(used);
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
    const bool finalBreak = data.back() == '\n';
    const unsigned char flags = static_cast<unsigned char>((crlf ? kFlagCrlf : 0) | (finalBreak ? kFlagFinalBreak : 0));

    std::string out(2, '\0');
    out[0] = static_cast<char>(lineLength / 4);
    out[1] = static_cast<char>(flags);
    out.reserve(2 + data.size() / 4 * 3);
    unsigned char decoded[255 * 3];
    unsigned char again[255 * 4 + 1];
    std::size_t pos = 0;
    while (pos < data.size()) {
        std::size_t next = data.find('\n', pos);
        std::size_t end = next;
        if (next == std::string_view::npos) {
            end = next = data.size();
        } else {
            if (crlf && (end == pos || data[end - 1] != '\r'))
                return std::nullopt;
            end -= crlf ? 1 : 0;
            ++next;
        }
        const std::size_t length = end - pos;
        const bool last = next >= data.size();
        // Every line full except the last, which is whole quadruples.
        if (length == 0 || length % 4 != 0 || length > lineLength || (!last && length != lineLength))
            return std::nullopt;
        const auto* in = reinterpret_cast<const unsigned char*>(data.data() + pos);
        int n = EVP_DecodeBlock(decoded, in, static_cast<int>(length));
        if (n < 0)
            return std::nullopt;
        n -= (in[length - 1] == '=') + (in[length - 2] == '='); // the block coder counts padding as zeros
        // The proof: this line is exactly what encoding its bytes gives (padding, unused bits).
        const int written = EVP_EncodeBlock(again, decoded, n);
        if (written != static_cast<int>(length) || std::memcmp(again, in, length) != 0)
            return std::nullopt;
        if (!last && n != static_cast<int>(lineLength / 4 * 3))
            return std::nullopt; // padding inside the text
        out.append(reinterpret_cast<const char*>(decoded), static_cast<std::size_t>(n));
        pos = next;
    }
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
