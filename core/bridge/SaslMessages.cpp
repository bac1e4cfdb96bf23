#include "bridge/SaslMessages.h"

#include "text/AsciiText.h"

#include <QByteArray>
#include <QList>

namespace cachet::bridge {

std::optional<std::string> decodeSaslBase64(std::string_view base64)
{
    const auto decoded = QByteArray::fromBase64Encoding(QByteArray(base64.data(), static_cast<qsizetype>(base64.size())),
                                                        QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return std::nullopt;
    return decoded.decoded.toStdString();
}

std::optional<SaslCredentials> decodeSaslPlain(std::string_view base64)
{
    const auto decoded = decodeSaslBase64(base64);
    if (!decoded)
        return std::nullopt;
    const QList<QByteArray> parts = QByteArray::fromStdString(*decoded).split('\0');
    if (parts.size() != 3)
        return std::nullopt;
    const std::string authz = parts[0].toStdString();
    SaslCredentials credentials{parts[1].toStdString(), parts[2].toStdString()};
    if (!authz.empty() && !text::equalsIgnoreCase(authz, credentials.user))
        return std::nullopt;
    return credentials;
}

} // namespace cachet::bridge
