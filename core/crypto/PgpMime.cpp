#include "crypto/PgpMime.h"

#include <QRandomGenerator>

namespace cachet::crypto {

std::string makeBoundary(std::string_view content)
{
    static constexpr char kAlphabet[] = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    for (;;) {
        std::string boundary = "cachet-";
        for (int i = 0; i < 32; ++i)
            boundary += kAlphabet[QRandomGenerator::system()->bounded(static_cast<int>(sizeof kAlphabet - 1))];
        if (content.find(boundary) == std::string_view::npos)
            return boundary;
    }
}

std::string withCrlfLineEnds(std::string_view lfText)
{
    std::string out;
    out.reserve(lfText.size() + lfText.size() / 32);
    for (std::size_t i = 0; i < lfText.size(); ++i) {
        if (lfText[i] == '\r')
            continue;
        if (lfText[i] == '\n')
            out += '\r';
        out += lfText[i];
    }
    return out;
}

std::string multipartSigned(const std::string& outerFields, const std::string& signedPart,
                            const DetachedSignature& signature)
{
    const std::string armored = withCrlfLineEnds(signature.armored);
    const std::string b = makeBoundary(signedPart + armored);
    std::string out = outerFields;
    out += "MIME-Version: 1.0\r\n";
    out += "Content-Type: multipart/signed; micalg=\"" + signature.micalg
        + "\";\r\n protocol=\"application/pgp-signature\";\r\n boundary=\"" + b + "\"\r\n";
    out += "\r\nThis is an OpenPGP/MIME signed message (RFC 4880 and 3156)\r\n";
    out += "--" + b + "\r\n";
    out += signedPart;
    // The CRLF before a boundary belongs to the boundary (RFC 2046 §5.1.1), not to the signed part.
    out += "\r\n--" + b + "\r\n";
    out += "Content-Type: application/pgp-signature; name=\"signature.asc\"\r\n";
    out += "Content-Description: OpenPGP digital signature\r\n";
    out += "Content-Disposition: attachment; filename=\"signature.asc\"\r\n\r\n";
    out += armored;
    if (!armored.empty() && armored.back() != '\n')
        out += "\r\n";
    out += "\r\n--" + b + "--\r\n";
    return out;
}

std::string multipartEncrypted(const std::string& outerFields, const std::string& armored)
{
    const std::string body = withCrlfLineEnds(armored);
    const std::string b = makeBoundary(body);
    std::string out = outerFields;
    out += "MIME-Version: 1.0\r\n";
    out += "Content-Type: multipart/encrypted; protocol=\"application/pgp-encrypted\";\r\n boundary=\"" + b + "\"\r\n";
    out += "\r\nThis is an OpenPGP/MIME encrypted message (RFC 4880 and 3156)\r\n";
    out += "--" + b + "\r\n";
    out += "Content-Type: application/pgp-encrypted\r\n";
    out += "Content-Description: PGP/MIME version identification\r\n\r\n";
    out += "Version: 1\r\n";
    out += "\r\n--" + b + "\r\n";
    out += "Content-Type: application/octet-stream; name=\"encrypted.asc\"\r\n";
    out += "Content-Description: OpenPGP encrypted message\r\n";
    out += "Content-Disposition: inline; filename=\"encrypted.asc\"\r\n\r\n";
    out += body;
    if (!body.empty() && body.back() != '\n')
        out += "\r\n";
    out += "\r\n--" + b + "--\r\n";
    return out;
}

} // namespace cachet::crypto
