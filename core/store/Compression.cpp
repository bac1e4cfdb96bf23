#include "store/Compression.h"

#include "store/StoreError.h"

#include <QByteArray>

namespace cachet::store {

namespace {
// Below this, zlib's header and the per-call cost outweigh any gain.
constexpr std::size_t kMinSizeToCompress = 256;
// zlib level 1: about three times faster than the default level for 10-15 %
// less gain on mail text; import speed matters more than the last bytes.
constexpr int kZlibLevel = 1;
}

Encoded compressDocument(std::string_view data)
{
    if (data.size() >= kMinSizeToCompress) {
        QByteArray packed = qCompress(reinterpret_cast<const uchar*>(data.data()),
                                      static_cast<qsizetype>(data.size()), kZlibLevel);
        // Keep it only if it saves at least 1/8: random-looking data stays stored.
        if (!packed.isEmpty() && static_cast<std::size_t>(packed.size()) < data.size() - data.size() / 8)
            return {Codec::Zlib, packed.toStdString()};
    }
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
    } else {
        throw StoreError("unknown document codec " + std::to_string(static_cast<int>(codec)),
                         StoreError::Kind::Corrupt);
    }
    if (out.size() != expectedSize)
        throw StoreError("a stored document does not decode to its recorded size", StoreError::Kind::Corrupt);
    return out;
}

} // namespace cachet::store
