#pragma once
// A real OpenSMTPD for tests, the SMTP half of the test provider: mail for the
// test users (addresses such as alice@example.test) is queued and delivered
// over LMTP into Dovecot (DovecotServer::lmtpSocketPath()); any other
// recipient is refused at RCPT, nothing is relayed anywhere.
//
// Three ports on 127.0.0.1, all picked on the first start and kept across
// restarts:
// - smtpPort(): submission, STARTTLS offered, AUTH PLAIN/LOGIN also without TLS;
// - smtpsPort(): submission over implicit TLS;
// - mxPort(): OpenSMTPD itself, no TLS and no AUTH, as another server would
//   hand mail over. The two submission ports are SubmissionGateway in front of
//   it (why: see there); MAIL, RCPT and DATA are answered by OpenSMTPD.
//
// OpenSMTPD must run as root (it drops to its own users), and its queue and
// control socket are machine-wide paths (/var/spool/smtpd, /run/smtpd.sock).
// So it runs in a private mount namespace where those are folders of its own
// temporary folder: a crashed run's queue can never reach a later one, and
// nothing of it is left once the folder is removed. Where mount namespaces are
// not allowed (a container without CAP_SYS_ADMIN) it falls back to the real
// /var/spool/smtpd, emptied before and after, refusing to touch a queue that
// the tests did not write; tests using it hold the CTest lock "opensmtpd".

#include "provider/SubmissionGateway.h"
#include "provider/TestCertificate.h"

#include <QHash>
#include <QProcess>
#include <QString>
#include <QTemporaryDir>

namespace cachet::test {

class OpenSmtpdServer {
public:
    // Its temporary folder goes under `parentFolder` (default: the system's).
    explicit OpenSmtpdServer(const QString& parentFolder = {});
    ~OpenSmtpdServer(); // stops OpenSMTPD and removes its folder, queue included
    OpenSmtpdServer(const OpenSmtpdServer&) = delete;
    OpenSmtpdServer& operator=(const OpenSmtpdServer&) = delete;

    // Before the first start: a user who may log in and receive mail.
    void addUser(const QString& address, const QString& password);
    // Before the first start: the LMTP socket to deliver to, and the system user
    // the delivery runs as (the one that may open the socket).
    void setLmtpDelivery(const QString& socketPath, const QString& user);
    // Before the first start: the certificate the TLS ports show (the same as
    // Dovecot's, for one provider certificate); without it one is made.
    void setCertificate(const TestCertificate& certificate);

    // Starts OpenSMTPD and the submission gateway; true once both answer. On
    // false, errorString() says why. A restart keeps the ports and the queue.
    bool start();
    // Stops both and waits until no process of this OpenSMTPD is left; its
    // ports refuse connections after this. Queued mail stays for the next start.
    void stop();
    bool running() const { return m_smtpd.state() == QProcess::Running; }
    // Has OpenSMTPD try every queued message now, instead of at its next retry
    // (it waits longer each time): for after Dovecot came back.
    bool flushQueue();

    quint16 smtpPort() const { return m_smtpPort; }
    quint16 smtpsPort() const { return m_smtpsPort; }
    quint16 mxPort() const { return m_mxPort; }
    QString certificatePath() const { return m_certificate.certificatePath; }
    QString certificateSha256() const { return m_certificate.sha256; }
    // False when the fallback to the machine-wide queue is in use.
    bool hasOwnQueue() const { return m_ownQueue; }

    QString errorString() const { return m_error; }
    // OpenSMTPD's own log, for failure messages.
    QString log() const;

private:
    bool prepareFolder();
    bool writeConfiguration();
    bool checkConfiguration(const QString& binary);
    bool claimSharedQueue();
    void releaseSharedQueue();
    bool launch(const QString& binary, bool* namespaceRefused);
    bool waitUntilReady();
    void stopSmtpd();
    QString configPath() const { return m_dir.path() + "/smtpd.conf"; }

    QTemporaryDir m_dir;
    QHash<QString, QString> m_passwords;
    QStringList m_addresses;
    QString m_lmtpSocket;
    QString m_deliveryUser;
    TestCertificate m_certificate;
    QProcess m_smtpd;
    QString m_namespace; // the mount namespace smtpd runs in, to find all its processes
    SubmissionGateway m_gateway;
    quint16 m_smtpPort = 0;
    quint16 m_smtpsPort = 0;
    quint16 m_mxPort = 0;
    bool m_prepared = false;
    bool m_ownQueue = true;
    bool m_sharedQueueClaimed = false;
    QString m_error;
};

} // namespace cachet::test
