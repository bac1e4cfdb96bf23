#pragma once
// Asks the user whether to trust a server certificate that the system does not
// (self-signed, or from an authority it does not know), by its SHA-256
// fingerprint, to be compared with the one the provider publishes. Trusting
// pins that one certificate to the account (store::Account::pins).

#include <QDialog>
#include <QString>

#include <string>

namespace cachet::ui {

// A certificate the account test refused.
struct RefusedCertificate {
    QString service;    // "IMAP" or "SMTP"
    QString host;
    quint16 port = 0;
    std::string sha256; // lower-case hex, as sync::ServiceCheck gives it
    QString problem;    // what the test said about it
};

class CertificatePinDialog : public QDialog {
    Q_OBJECT

public:
    explicit CertificatePinDialog(RefusedCertificate certificate, QWidget* parent = nullptr);

    const RefusedCertificate& certificate() const { return m_certificate; }
    // The SHA-256 as people compare it: "ab:cd:...".
    QString fingerprint() const;

private:
    RefusedCertificate m_certificate;
};

} // namespace cachet::ui
