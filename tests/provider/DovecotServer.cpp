#include "provider/DovecotServer.h"

#include "support/TestFiles.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QHostAddress>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>

#include <grp.h>
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

namespace cachet::test {

namespace {

// Dovecot will not run its login and mail processes as root, so as root they run
// as the unprivileged users the Debian package creates; as anyone else, as that
// user (Dovecot then needs no privileges at all).
struct ProcessUsers {
    QString login, internal, mail, mailGroup;
    uid_t mailUid = 0;
    gid_t mailGid = 0;
};

ProcessUsers processUsers()
{
    ProcessUsers u;
    if (::geteuid() == 0) {
        u.login = "dovenull";
        u.internal = "dovecot";
        u.mail = "nobody";
        u.mailGroup = "nogroup";
    } else {
        const passwd* pw = ::getpwuid(::geteuid());
        const group* gr = ::getgrgid(::getegid());
        u.login = u.internal = u.mail = pw ? QString::fromLocal8Bit(pw->pw_name) : QString();
        u.mailGroup = gr ? QString::fromLocal8Bit(gr->gr_name) : QString();
    }
    if (const passwd* pw = ::getpwnam(u.mail.toLocal8Bit().constData()))
        u.mailUid = pw->pw_uid;
    if (const group* gr = ::getgrnam(u.mailGroup.toLocal8Bit().constData()))
        u.mailGid = gr->gr_gid;
    return u;
}

} // namespace

quint16 freeLoopbackPort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return 0;
    return probe.serverPort();
}

DovecotServer::DovecotServer() = default;

DovecotServer::~DovecotServer()
{
    stop();
}

void DovecotServer::addUser(const QString& name, const QString& password)
{
    m_users.append({name, password});
}

QString DovecotServer::log() const
{
    QFile f(m_dir.path() + "/dovecot.log");
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll().right(4000)) : QString();
}

bool DovecotServer::writeConfiguration()
{
    const QString dir = m_dir.path();
    const ProcessUsers users = processUsers();
    // Dovecot's unprivileged processes must reach the folder (QTemporaryDir makes it 0700).
    ::chmod(QFile::encodeName(dir).constData(), 0755);
    QDir().mkpath(dir + "/mail");
    if (::geteuid() == 0 && ::chown(QFile::encodeName(dir + "/mail").constData(), users.mailUid, users.mailGid) != 0) {
        m_error = "cannot give the mail folder to " + users.mail;
        return false;
    }

    QByteArray passwd;
    for (const User& u : m_users)
        passwd += u.name.toUtf8() + ":{PLAIN}" + u.password.toUtf8() + "\n";
    if (!writeFile(dir + "/passwd", passwd))
        return false;

    const QString conf = QString(R"(# Throwaway test configuration: loopback only, plain text allowed (no TLS yet).
base_dir = %1/run
state_dir = %1/state
log_path = %1/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
default_login_user = %2
default_internal_user = %3
mail_location = maildir:%1/mail/%u
mail_uid = %4
mail_gid = %5
first_valid_uid = 0
first_valid_gid = 0
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u %1/passwd
}
userdb {
  driver = static
  args = uid=%4 gid=%5 home=%1/mail/%u
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = %6
  }
  inet_listener imaps {
    port = 0
  }
  chroot =
}
service anvil {
  chroot =
}
)")
                             .arg(dir, users.login, users.internal, users.mail, users.mailGroup)
                             .arg(m_imapPort);
    return writeFile(dir + "/dovecot.conf", conf.toUtf8());
}

bool DovecotServer::waitForGreeting()
{
    QDeadlineTimer deadline(30000);
    while (!deadline.hasExpired()) {
        if (m_master.state() == QProcess::NotRunning) {
            m_error = "dovecot exited: " + QString::fromUtf8(m_master.readAllStandardError()) + log();
            return false;
        }
        QTcpSocket probe;
        probe.connectToHost(QHostAddress::LocalHost, m_imapPort);
        if (probe.waitForConnected(1000) && probe.waitForReadyRead(5000) && probe.readLine().startsWith("* OK"))
            return true;
        QThread::msleep(100);
    }
    m_error = "dovecot did not greet on port " + QString::number(m_imapPort) + ": " + log();
    return false;
}

bool DovecotServer::start()
{
    const QString binary = QStandardPaths::findExecutable("dovecot", {"/usr/sbin", "/usr/local/sbin", "/sbin"});
    if (binary.isEmpty()) {
        m_error = "dovecot is not installed (Debian: dovecot-imapd; installers/install-deps.sh installs it)";
        return false;
    }
    if (!m_dir.isValid()) {
        m_error = "no temporary folder";
        return false;
    }
    // Another process may take the port between the probe and Dovecot's bind: try a few.
    for (int attempt = 0; attempt < 5; ++attempt) {
        m_imapPort = freeLoopbackPort();
        if (!writeConfiguration())
            return false;
        m_master.setProcessChannelMode(QProcess::SeparateChannels);
        m_master.start(binary, {"-F", "-c", m_dir.path() + "/dovecot.conf"});
        if (!m_master.waitForStarted(10000)) {
            m_error = "cannot start dovecot: " + m_master.errorString();
            return false;
        }
        if (waitForGreeting())
            return true;
        stop();
    }
    return false;
}

void DovecotServer::stop()
{
    if (m_master.state() == QProcess::NotRunning)
        return;
    m_master.terminate(); // the master stops its children on SIGTERM
    if (!m_master.waitForFinished(10000)) {
        m_master.kill();
        m_master.waitForFinished(5000);
    }
}

} // namespace cachet::test
