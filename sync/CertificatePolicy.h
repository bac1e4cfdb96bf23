#pragma once
// Whether Cachet talks to a provider's TLS server: its certificate chain must
// verify for the host against the system's certificate authorities, or the
// user must have pinned the server certificate's SHA-256 (account add --pin),
// as for a self-signed certificate. Used for IMAP (Qt) and SMTP (VMime) alike.

#include <QList>
#include <QSslCertificate>
#include <QSslError>
#include <QString>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cachet::sync {

struct CertificateCheck {
    bool accepted = false;
    std::string sha256;   // of the server's own certificate, lower-case hex
    std::string problem;  // why it does not verify (empty if it does)
};

// `errors`: what the TLS handshake reported (empty if the chain verified).
CertificateCheck checkCertificate(const QSslCertificate& server, const QList<QSslError>& errors,
                                  const std::vector<std::string>& pins);
// The same, verifying the chain here (for VMime, which hands over the chain).
CertificateCheck checkChain(const QList<QSslCertificate>& chain, const QString& host,
                            const std::vector<std::string>& pins);

std::string sha256Hex(const QSslCertificate& certificate);
// A pin as the user gives it ("AB:CD:..." or hex) in the stored form (64 lower-case
// hex digits), or nullopt if it is not a SHA-256.
std::optional<std::string> normalizedPin(std::string_view pin);
// "ab:cd:..." for people, from the hex form.
std::string colonSeparated(const std::string& hex);

} // namespace cachet::sync
