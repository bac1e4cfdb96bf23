#pragma once
// A real Dovecot IMAP server for tests: started on a free loopback port with a
// throwaway configuration in a temporary folder, users in a passwd-file, mail
// in Maildir. The oracle for ENVELOPE/BODYSTRUCTURE now; the test provider that
// the sync tests talk to later (they add LMTP delivery beside it).

#include <QProcess>
#include <QString>
#include <QTemporaryDir>

#include <memory>

namespace cachet::test {

class DovecotServer {
public:
    struct User {
        QString name;
        QString password;
    };

    DovecotServer();
    ~DovecotServer(); // stops Dovecot and removes its folder
    DovecotServer(const DovecotServer&) = delete;
    DovecotServer& operator=(const DovecotServer&) = delete;

    void addUser(const QString& name, const QString& password);
    // Writes the configuration and starts Dovecot; true once it answers with
    // its greeting. On false, errorString() says why (missing binary, its log).
    bool start();
    void stop();

    quint16 imapPort() const { return m_imapPort; }
    QString errorString() const { return m_error; }
    // Dovecot's own log, for failure messages.
    QString log() const;

private:
    bool writeConfiguration();
    bool waitForGreeting();

    QTemporaryDir m_dir;
    QList<User> m_users;
    QProcess m_master;
    quint16 m_imapPort = 0;
    QString m_error;
};

// A TCP port on 127.0.0.1 that nothing listens on right now.
quint16 freeLoopbackPort();

} // namespace cachet::test
