#pragma once
// A real Dovecot IMAP server for tests: started on free loopback ports with a
// throwaway configuration in a temporary folder, users in a passwd-file, mail
// in Maildir. The oracle for ENVELOPE/BODYSTRUCTURE, and the IMAP half of the
// test provider: plain IMAP with STARTTLS, implicit TLS (imaps) with a
// self-signed certificate, and LMTP on a unix socket for the SMTP half to
// deliver into. It can be stopped and started again on the same ports with the
// same mail, as a provider that goes away for a while.

#include "provider/TestCertificate.h"

#include <QProcess>
#include <QString>
#include <QTemporaryDir>

namespace cachet::test {

class DovecotServer {
public:
    struct User {
        QString name; // a login name ("sections") or an address ("alice@example.test")
        QString password;
    };

    // Its temporary folder goes under `parentFolder` (default: the system's).
    explicit DovecotServer(const QString& parentFolder = {});
    ~DovecotServer(); // stops Dovecot and removes its folder, mail included
    DovecotServer(const DovecotServer&) = delete;
    DovecotServer& operator=(const DovecotServer&) = delete;

    // Before the first start.
    void addUser(const QString& name, const QString& password);
    // What IMAP announces after login instead of Dovecot's own list, to play a
    // provider without some extension (CONDSTORE, QRESYNC...).
    void setImapCapability(const QString& capability) { m_imapCapability = capability; }
    // Writes the configuration and starts Dovecot; true once it answers on its
    // ports. The first start picks the ports, later ones use the same again.
    // On false, errorString() says why (missing binary, port taken, its log).
    bool start();
    // Stops Dovecot and waits until none of its processes are left: after this
    // its ports refuse connections. The mail stays for the next start().
    void stop();
    bool running() const { return m_master.state() == QProcess::Running; }

    quint16 imapPort() const { return m_imapPort; }   // plain, STARTTLS offered, plain-text login allowed
    quint16 imapsPort() const { return m_imapsPort; } // implicit TLS
    // LMTP for deliveries, owned by lmtpSocketUser() with mode 0600.
    QString lmtpSocketPath() const { return m_dir.path() + "/lmtp.sock"; }
    QString lmtpSocketUser() const;
    const TestCertificate& certificate() const { return m_certificate; }
    QString certificatePath() const { return m_certificate.certificatePath; }
    QString certificateSha256() const { return m_certificate.sha256; }
    // Each user's Maildir is maildirRoot()/<user name>.
    QString maildirRoot() const { return m_dir.path() + "/mail"; }
    const QList<User>& users() const { return m_users; }

    QString errorString() const { return m_error; }
    // Dovecot's own log, for failure messages.
    QString log() const;

private:
    bool prepareFolder();
    bool writeConfiguration();
    bool launch(const QString& binary);
    bool waitUntilReady();

    QTemporaryDir m_dir;
    QList<User> m_users;
    QProcess m_master;
    TestCertificate m_certificate;
    quint16 m_imapPort = 0;
    quint16 m_imapsPort = 0;
    bool m_prepared = false;
    QString m_imapCapability;
    QString m_error;
};

} // namespace cachet::test
