#include "provider/DovecotServer.h"

#include "provider/LoopbackPorts.h"
#include "provider/ProcessTree.h"
#include "support/TestFiles.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>

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

DovecotServer::DovecotServer(const QString& parentFolder)
    : m_dir((parentFolder.isEmpty() ? QDir::tempPath() : parentFolder) + "/dovecot-XXXXXX")
{
}

DovecotServer::~DovecotServer()
{
    stop();
}

void DovecotServer::addUser(const QString& name, const QString& password)
{
    m_users.append({name, password});
}

QString DovecotServer::lmtpSocketUser() const
{
    return processUsers().mail;
}

QString DovecotServer::log() const
{
    QFile f(m_dir.path() + "/dovecot.log");
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll().right(4000)) : QString();
}

// The parts that stay the same across restarts: folders, users, certificate.
bool DovecotServer::prepareFolder()
{
    if (!m_dir.isValid()) {
        m_error = "no temporary folder";
        return false;
    }
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
    if (!writeFile(dir + "/passwd", passwd)) {
        m_error = "cannot write the passwd-file";
        return false;
    }
    m_certificate = writeTestCertificate(dir, &m_error);
    if (m_certificate.isNull())
        return false;
    m_prepared = true;
    return true;
}

bool DovecotServer::writeConfiguration()
{
    const QString dir = m_dir.path();
    const ProcessUsers users = processUsers();
    const QString conf = QString(R"(# Throwaway test configuration: loopback only. TLS is offered (STARTTLS and
# imaps) but plain-text login stays allowed, so both can be tested.
base_dir = %1/run
state_dir = %1/state
log_path = %1/dovecot.log
protocols = imap lmtp
listen = 127.0.0.1
ssl = yes
ssl_cert = <%7
ssl_key = <%8
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
    address = 127.0.0.1
    port = %9
    ssl = yes
  }
  chroot =
}
# OpenSMTPD's delivery process runs as the mail user (OpenSmtpdServer).
service lmtp {
  unix_listener %1/lmtp.sock {
    user = %4
    mode = 0600
  }
}
service anvil {
  chroot =
}
)")
                             .arg(dir, users.login, users.internal, users.mail, users.mailGroup)
                             .arg(m_imapPort)
                             .arg(m_certificate.certificatePath, m_certificate.keyPath)
                             .arg(m_imapsPort);
    const QString capability = m_imapCapability.isEmpty() ? QString() : "imap_capability = " + m_imapCapability + "\n";
    if (!writeFile(dir + "/dovecot.conf", (conf + capability).toUtf8())) {
        m_error = "cannot write dovecot.conf";
        return false;
    }
    return true;
}

bool DovecotServer::waitUntilReady()
{
    QDeadlineTimer deadline(30000);
    while (!deadline.hasExpired()) {
        if (loopbackPortAnswers(m_imapPort, "* OK") && loopbackPortAnswers(m_imapsPort) && QFileInfo::exists(lmtpSocketPath()))
            return true;
        // Also the pause between probes; QProcess notices an exit only while waiting.
        if (m_master.waitForFinished(100) || m_master.state() == QProcess::NotRunning) {
            m_error = "dovecot exited: " + QString::fromUtf8(m_master.readAllStandardError()) + log();
            return false;
        }
    }
    m_error = QString("dovecot did not answer on ports %1 and %2: ").arg(m_imapPort).arg(m_imapsPort) + log();
    return false;
}

bool DovecotServer::launch(const QString& binary)
{
    if (!writeConfiguration())
        return false;
    m_master.setProcessChannelMode(QProcess::SeparateChannels);
    m_master.setChildProcessModifier(terminateWithParent);
    m_master.start(binary, {"-F", "-c", m_dir.path() + "/dovecot.conf"});
    if (!m_master.waitForStarted(10000)) {
        m_error = "cannot start dovecot: " + m_master.errorString();
        return false;
    }
    if (waitUntilReady())
        return true;
    stop();
    return false;
}

bool DovecotServer::start()
{
    if (running())
        return true;
    const QString binary = QStandardPaths::findExecutable("dovecot", {"/usr/sbin", "/usr/local/sbin", "/sbin"});
    if (binary.isEmpty()) {
        m_error = "dovecot is not installed (Debian: dovecot-imapd; installers/install-deps.sh installs it)";
        return false;
    }
    if (!m_prepared && !prepareFolder())
        return false;
    if (m_imapPort != 0)
        return launch(binary); // a restart: the same ports again
    // Another process may take a port between the probe and Dovecot's bind: try a few.
    for (int attempt = 0; attempt < 5; ++attempt) {
        m_imapPort = freeLoopbackPort();
        m_imapsPort = freeLoopbackPort();
        if (m_imapPort != m_imapsPort && launch(binary))
            return true;
    }
    m_imapPort = m_imapsPort = 0;
    return false;
}

void DovecotServer::stop()
{
    if (m_master.state() == QProcess::NotRunning)
        return;
    // The master stops its children on SIGTERM; those that were busy are waited for,
    // so that nothing listens on the ports or writes to the mail after this returns.
    const QList<ProcessId> children = descendantsOf(static_cast<pid_t>(m_master.processId()));
    m_master.terminate();
    if (!m_master.waitForFinished(10000)) {
        m_master.kill();
        m_master.waitForFinished(5000);
    }
    waitUntilGone(children, 10000);
}

} // namespace cachet::test
