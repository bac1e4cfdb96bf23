#pragma once
// The PGP/MIME envelopes of RFC 3156: multipart/signed (§5) around a part and
// its detached signature, and multipart/encrypted (§4) around an OpenPGP
// message. The caller gives the outer header fields and the finished inner
// bytes; nothing here touches gpg.

#include "crypto/OpenPgpOperations.h"

#include <string>
#include <string_view>

namespace cachet::crypto {

// A fresh boundary that does not occur in `content` (RFC 2046 §5.1.1).
std::string makeBoundary(std::string_view content);

// `lfText` (gpg's armored output) with every line end made CRLF.
std::string withCrlfLineEnds(std::string_view lfText);

// `outerFields`: header fields, each ending in CRLF, without MIME fields.
// `signedPart`: exactly the bytes the signature was made over.
std::string multipartSigned(const std::string& outerFields, const std::string& signedPart,
                            const DetachedSignature& signature);
// `armored`: the OpenPGP message, ASCII armored.
std::string multipartEncrypted(const std::string& outerFields, const std::string& armored);

} // namespace cachet::crypto
