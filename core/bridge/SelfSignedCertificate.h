#pragma once
// A self-signed TLS certificate for the bridge, made with OpenSSL's libcrypto:
// Qt 6.4 can load certificates but not make them.

#include <string>
#include <string_view>

namespace cachet::bridge {

struct CertificateAndKey {
    std::string certificatePem;
    std::string privateKeyPem;  // PKCS#8 PEM
};

// An ECDSA P-256 key (every TLS client takes it) and a certificate for
// `commonName` with subjectAltName DNS:localhost, IP:127.0.0.1, IP:::1, valid
// from an hour ago for `validDays`. Throws std::runtime_error if OpenSSL fails.
CertificateAndKey makeSelfSignedCertificate(std::string_view commonName, int validDays = 3650);

// SHA-256 of the DER certificate as upper-case hex pairs joined by ':'.
// Empty if `certificatePem` is not a PEM certificate.
std::string certificateSha256(std::string_view certificatePem);

} // namespace cachet::bridge
