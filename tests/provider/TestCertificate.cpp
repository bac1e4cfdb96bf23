#include "provider/TestCertificate.h"

#include "bridge/SelfSignedCertificate.h"
#include "support/TestFiles.h"

#include <QCryptographicHash>
#include <QFile>
#include <QSslCertificate>

#include <stdexcept>

namespace cachet::test {

TestCertificate writeTestCertificate(const QString& dir, QString* error)
{
    bridge::CertificateAndKey made;
    try {
        made = bridge::makeSelfSignedCertificate("localhost", 30);
    } catch (const std::runtime_error& e) {
        *error = QString::fromStdString(e.what());
        return {};
    }
    TestCertificate cert;
    cert.certificatePath = dir + "/certificate.pem";
    cert.keyPath = dir + "/key.pem";
    cert.certificatePem = QByteArray::fromStdString(made.certificatePem);
    cert.keyPem = QByteArray::fromStdString(made.privateKeyPem);
    const QSslCertificate parsed(cert.certificatePem, QSsl::Pem);
    cert.sha256 = QString::fromLatin1(QCryptographicHash::hash(parsed.toDer(), QCryptographicHash::Sha256).toHex());

    // The key file is created empty with owner-only permissions before the key goes in.
    QFile key(cert.keyPath);
    if (!key.open(QIODevice::WriteOnly | QIODevice::Truncate)
        || !key.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner)
        || key.write(cert.keyPem) != cert.keyPem.size()) {
        *error = "cannot write " + cert.keyPath;
        return {};
    }
    key.close();
    if (!writeFile(cert.certificatePath, cert.certificatePem)) {
        *error = "cannot write " + cert.certificatePath;
        return {};
    }
    return cert;
}

} // namespace cachet::test
