#include "sync/CertificatePolicy.h"

#include "text/AsciiText.h"

#include <QCryptographicHash>

namespace cachet::sync {

namespace {

bool pinned(const std::string& sha256, const std::vector<std::string>& pins)
{
    for (const std::string& pin : pins) {
        if (normalizedPin(pin) == sha256)
            return true;
    }
    return false;
}

std::string describe(const QList<QSslError>& errors)
{
    std::string out;
    for (const QSslError& e : errors) {
        if (!out.empty())
            out += "; ";
        out += e.errorString().toStdString();
    }
    return out;
}

} // namespace

std::optional<std::string> normalizedPin(std::string_view pin)
{
    std::string hex;
    for (char c : pin) {
        if (c != ':')
            hex += c;
    }
    hex = text::asciiLower(hex);
    if (hex.size() != 64 || hex.find_first_not_of("0123456789abcdef") != std::string::npos)
        return std::nullopt;
    return hex;
}

std::string sha256Hex(const QSslCertificate& certificate)
{
    return certificate.digest(QCryptographicHash::Sha256).toHex().toStdString();
}

std::string colonSeparated(const std::string& hex)
{
    std::string out;
    for (std::size_t i = 0; i < hex.size(); i += 2) {
        if (i)
            out += ':';
        out += hex.substr(i, 2);
    }
    return out;
}

CertificateCheck checkCertificate(const QSslCertificate& server, const QList<QSslError>& errors,
                                  const std::vector<std::string>& pins)
{
    CertificateCheck check;
    check.sha256 = sha256Hex(server);
    check.problem = describe(errors);
    check.accepted = errors.isEmpty() || (!server.isNull() && pinned(check.sha256, pins));
    return check;
}

CertificateCheck checkChain(const QList<QSslCertificate>& chain, const QString& host,
                            const std::vector<std::string>& pins)
{
    if (chain.isEmpty())
        return {false, {}, "the server sent no certificate"};
    return checkCertificate(chain.front(), QSslCertificate::verify(chain, host), pins);
}

} // namespace cachet::sync
