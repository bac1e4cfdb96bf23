#pragma once
// The whole test provider as cachet-test-provider runs it: Dovecot (IMAP,
// IMAPS, LMTP) and, unless left out, OpenSMTPD delivering into it, with one
// certificate for all TLS ports. Services are stopped and started by name
// ("imap", "smtp"), as a test makes the provider go away and come back.

#include "provider/DovecotServer.h"
#include "provider/OpenSmtpdServer.h"

#include <QJsonObject>
#include <QStringList>
#include <QTemporaryDir>

#include <memory>

namespace cachet::test {

class TestProvider {
public:
    struct User {
        QString address;
        QString password;
    };

    TestProvider(const QList<User>& users, bool withSmtp);
    // Before start(): see DovecotServer::setImapCapability.
    void setImapCapability(const QString& capability) { m_dovecot.setImapCapability(capability); }

    // Starts every service; on false, error() says why.
    bool start();
    QString error() const { return m_error; }
    // What a test needs to reach it: ports, certificate, where the mail lies,
    // users, and the folder that holds it all.
    QJsonObject description() const;
    // One command line ("stop imap", "start smtp", ...) and its answer,
    // {"ok": true} or {"ok": false, "error": "..."}.
    QJsonObject run(const QString& command);

private:
    bool startImap();
    bool startSmtp();

    QList<User> m_users;
    QTemporaryDir m_folder; // both servers' folders: one thing to remove after a crash
    DovecotServer m_dovecot;
    std::unique_ptr<OpenSmtpdServer> m_smtp;
    QString m_error;
};

} // namespace cachet::test
