#pragma once
// A self-signed certificate for a test server (Dovecot, the SMTP submission
// gateway): made with the same code as the bridge's, written as PEM files into
// the server's temporary folder, the key readable by its owner only.

#include <QByteArray>
#include <QString>

namespace cachet::test {

struct TestCertificate {
    QString certificatePath; // PEM; clients verify against it (CN and subjectAltName localhost, 127.0.0.1)
    QString keyPath;         // PKCS#8 PEM, mode 0600
    QByteArray certificatePem;
    QByteArray keyPem;
    QString sha256;          // of the DER certificate, lower-case hex without separators

    bool isNull() const { return certificatePem.isEmpty(); }
};

// Makes a new certificate and key and writes them to `dir`/certificate.pem and
// `dir`/key.pem. A null certificate, and why in `error`, if that failed.
TestCertificate writeTestCertificate(const QString& dir, QString* error);

} // namespace cachet::test
