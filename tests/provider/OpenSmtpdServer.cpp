#include "provider/OpenSmtpdServer.h"

#include "provider/LoopbackPorts.h"
#include "provider/ProcessTree.h"
#include "support/TestFiles.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLocalSocket>
#include <QSslCertificate>
#include <QSslKey>
#include <QStandardPaths>

#include <cstring>

#include <fcntl.h>
#include <pwd.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

namespace cachet::test {

namespace {

// The machine-wide paths compiled into OpenSMTPD.
const QString kSpool = "/var/spool/smtpd";
const QString kControlSocket = "/run/smtpd.sock";
// Left in the machine-wide spool while the tests use it: a queue found with it
// is a crashed test run's, and may be emptied.
const QString kSharedQueueMarker = kSpool + "/cachet-test-queue";
const QStringList kQueueFolders = {"queue", "incoming", "temporary", "corrupt", "purge", "offline"};

// The exit status of a child that could not set up its mount namespace.
constexpr int kNamespaceRefused = 121;

// In the forked child, before exec: only system calls from here on.
void say(const char* text)
{
    if (::write(STDERR_FILENO, text, std::strlen(text)) < 0) {
    }
}

[[noreturn]] void refuseNamespace(const char* what)
{
    say("cachet-test: cannot ");
    say(what);
    say(" (no mount namespaces here?)\n");
    ::_exit(kNamespaceRefused);
}

// A private mount namespace in which OpenSMTPD's spool and /run (its control
// socket and pid file) are folders of the test's own.
void enterPrivateMounts(const QByteArray& spoolParent, const QByteArray& run)
{
    if (::unshare(CLONE_NEWNS) != 0)
        refuseNamespace("unshare the mount namespace");
    if (::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0)
        refuseNamespace("make the mounts private");
    if (::mount(spoolParent.constData(), "/var/spool", nullptr, MS_BIND, nullptr) != 0)
        refuseNamespace("bind a folder over /var/spool");
    if (::mount(run.constData(), "/run", nullptr, MS_BIND, nullptr) != 0)
        refuseNamespace("bind a folder over /run");
}

// Into the mount namespace of a running smtpd, to reach its control socket.
void joinMounts(const QByteArray& namespacePath)
{
    const int fd = ::open(namespacePath.constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0 || ::setns(fd, CLONE_NEWNS) != 0) {
        say("cachet-test: cannot join the mount namespace of smtpd\n");
        ::_exit(kNamespaceRefused);
    }
}

bool under(const QString& path, const QString& folder)
{
    const QString canonical = QFileInfo(path).canonicalFilePath();
    return canonical == folder || canonical.startsWith(folder + '/');
}

bool sharedSpoolHoldsMail()
{
    for (const QString& f : kQueueFolders) {
        const QDir d(kSpool + '/' + f);
        if (d.exists() && !d.isEmpty(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System))
            return true;
    }
    return false;
}

// OpenSMTPD makes the folders again, with their owners, when it starts.
void emptySharedSpool()
{
    for (const QString& f : kQueueFolders)
        QDir(kSpool + '/' + f).removeRecursively();
}

} // namespace

OpenSmtpdServer::OpenSmtpdServer(const QString& parentFolder)
    : m_dir((parentFolder.isEmpty() ? QDir::tempPath() : parentFolder) + "/opensmtpd-XXXXXX")
{
}

OpenSmtpdServer::~OpenSmtpdServer()
{
    stop();
    releaseSharedQueue();
}

void OpenSmtpdServer::addUser(const QString& address, const QString& password)
{
    m_passwords.insert(address, password);
    m_addresses << address;
}

void OpenSmtpdServer::setLmtpDelivery(const QString& socketPath, const QString& user)
{
    m_lmtpSocket = socketPath;
    m_deliveryUser = user;
}

void OpenSmtpdServer::setCertificate(const TestCertificate& certificate)
{
    m_certificate = certificate;
}

QString OpenSmtpdServer::log() const
{
    QFile f(m_dir.path() + "/smtpd.log");
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll().right(4000)) : QString();
}

// The parts that stay the same across restarts: tables, folders, certificate.
bool OpenSmtpdServer::prepareFolder()
{
    if (!m_dir.isValid()) {
        m_error = "no temporary folder";
        return false;
    }
    if (m_lmtpSocket.isEmpty()) {
        m_error = "no LMTP socket to deliver to (setLmtpDelivery)";
        return false;
    }
    const passwd* delivery = ::getpwnam(m_deliveryUser.toLocal8Bit().constData());
    if (!delivery || delivery->pw_uid == 0) {
        m_error = "no unprivileged user \"" + m_deliveryUser + "\" to deliver as";
        return false;
    }
    const QString dir = m_dir.path();
    // OpenSMTPD reads its tables after dropping to its own user (QTemporaryDir makes the folder 0700).
    ::chmod(QFile::encodeName(dir).constData(), 0755);
    // The delivery user's home, where OpenSMTPD looks for a .forward file (none).
    QDir().mkpath(dir + "/home");
    if (::chown(QFile::encodeName(dir + "/home").constData(), delivery->pw_uid, delivery->pw_gid) != 0) {
        m_error = "cannot give the delivery home to " + m_deliveryUser;
        return false;
    }
    // The spool as OpenSMTPD wants it (root, 0711); it makes the folders inside.
    QDir().mkpath(dir + "/spool/smtpd");
    QDir().mkpath(dir + "/run");
    ::chmod(QFile::encodeName(dir + "/spool/smtpd").constData(), 0711);

    // Every test user is a recipient, delivered as one virtual user whose
    // process may open Dovecot's LMTP socket; LMTP is told the address itself.
    QByteArray recipients, virtuals;
    for (const QString& address : m_addresses) {
        recipients += address.toUtf8() + "\n";
        virtuals += address.toUtf8() + " vmail\n";
    }
    const QByteArray userbase = QString("vmail %1:%2:%3/home\n").arg(delivery->pw_uid).arg(delivery->pw_gid).arg(dir).toUtf8();
    if (!writeFile(dir + "/recipients", recipients) || !writeFile(dir + "/virtuals", virtuals)
        || !writeFile(dir + "/userbase", userbase)) {
        m_error = "cannot write the tables";
        return false;
    }
    if (m_certificate.isNull()) {
        m_certificate = writeTestCertificate(dir, &m_error);
        if (m_certificate.isNull())
            return false;
    }
    // Its own queue unless the folders it would bind over hold what it needs;
    // CACHET_TEST_SMTPD_SHARED_QUEUE=1 forces the fallback, to test it where namespaces work.
    m_ownQueue = qEnvironmentVariable("CACHET_TEST_SMTPD_SHARED_QUEUE") != "1" && !under(dir, "/run") && !under(dir, "/var/spool") && !under(m_lmtpSocket, "/run")
                 && !under(m_lmtpSocket, "/var/spool");
    m_prepared = true;
    return true;
}

bool OpenSmtpdServer::writeConfiguration()
{
    const QString conf = QString(R"(# Throwaway test configuration. OpenSMTPD takes mail on 127.0.0.1 without TLS
# or AUTH (the submission gateway in front of it does those) and delivers it
# for the test users over LMTP into Dovecot. Other recipients match no rule
# and are refused at RCPT: nothing is relayed.
table test_recipients file:%1/recipients
table test_virtuals file:%1/virtuals
table test_userinfo file:%1/userbase
listen on 127.0.0.1 port %2 hostname provider.test
action "deliver" lmtp "%3" rcpt-to virtual <test_virtuals> userbase <test_userinfo>
match from any for rcpt-to <test_recipients> action "deliver"
)")
                             .arg(m_dir.path())
                             .arg(m_mxPort)
                             .arg(m_lmtpSocket);
    if (!writeFile(configPath(), conf.toUtf8())) {
        m_error = "cannot write smtpd.conf";
        return false;
    }
    return true;
}

bool OpenSmtpdServer::checkConfiguration(const QString& binary)
{
    QProcess check;
    check.setProcessChannelMode(QProcess::MergedChannels);
    check.start(binary, {"-n", "-f", configPath()});
    if (!check.waitForFinished(30000) || check.exitStatus() != QProcess::NormalExit || check.exitCode() != 0) {
        m_error = "smtpd -n refused the configuration: " + QString::fromUtf8(check.readAll());
        return false;
    }
    return true;
}

// The fallback without a mount namespace: the machine-wide queue, which must be
// free of any other OpenSMTPD and of mail the tests did not put there.
bool OpenSmtpdServer::claimSharedQueue()
{
    if (m_sharedQueueClaimed)
        return true;
    QLocalSocket probe;
    probe.connectToServer(kControlSocket);
    if (probe.waitForConnected(1000)) {
        m_error = "another OpenSMTPD runs on this machine (the system service? `service opensmtpd stop`), "
                  "and without mount namespaces the tests cannot have a queue of their own";
        return false;
    }
    if (sharedSpoolHoldsMail() && !QFileInfo::exists(kSharedQueueMarker)) {
        m_error = kSpool + " holds mail that the tests did not queue; they leave it alone. "
                  "Deliver or remove it, or run the tests where mount namespaces are allowed";
        return false;
    }
    emptySharedSpool(); // a crashed test run's mail, if any
    QDir().mkpath(kSpool);
    ::chmod(QFile::encodeName(kSpool).constData(), 0711);
    if (!writeFile(kSharedQueueMarker, "queued by Cachet's tests; removed when they end\n")) {
        m_error = "cannot write " + kSharedQueueMarker;
        return false;
    }
    m_sharedQueueClaimed = true;
    return true;
}

void OpenSmtpdServer::releaseSharedQueue()
{
    if (!m_sharedQueueClaimed)
        return;
    emptySharedSpool();
    QFile::remove(kSharedQueueMarker);
    m_sharedQueueClaimed = false;
}

bool OpenSmtpdServer::launch(const QString& binary, bool* namespaceRefused)
{
    *namespaceRefused = false;
    if (!writeConfiguration() || !checkConfiguration(binary))
        return false;
    if (!m_ownQueue && !claimSharedQueue())
        return false;
    m_smtpd.setProcessChannelMode(QProcess::MergedChannels);
    m_smtpd.setStandardOutputFile(m_dir.path() + "/smtpd.log", QIODevice::Append);
    if (m_ownQueue) {
        const QByteArray spoolParent = QFile::encodeName(m_dir.path() + "/spool");
        const QByteArray run = QFile::encodeName(m_dir.path() + "/run");
        m_smtpd.setChildProcessModifier([spoolParent, run] {
            terminateWithParent();
            enterPrivateMounts(spoolParent, run);
        });
    } else {
        m_smtpd.setChildProcessModifier(terminateWithParent);
    }
    // -d: stay in the foreground and log to standard error.
    m_smtpd.start(binary, {"-d", "-f", configPath()});
    if (!m_smtpd.waitForStarted(10000)) {
        m_error = "cannot start smtpd: " + m_smtpd.errorString();
        return false;
    }
    if (waitUntilReady()) {
        m_namespace = m_ownQueue ? mountNamespaceOf(static_cast<pid_t>(m_smtpd.processId())) : QString();
        return true;
    }
    *namespaceRefused = m_smtpd.state() == QProcess::NotRunning && m_smtpd.exitCode() == kNamespaceRefused;
    stopSmtpd();
    return false;
}

bool OpenSmtpdServer::waitUntilReady()
{
    QDeadlineTimer deadline(30000);
    while (!deadline.hasExpired()) {
        if (loopbackPortAnswers(m_mxPort, "220"))
            return true;
        // Also the pause between probes; QProcess notices an exit only while waiting.
        if (m_smtpd.waitForFinished(100) || m_smtpd.state() == QProcess::NotRunning) {
            m_error = "smtpd exited: " + log();
            return false;
        }
    }
    m_error = QString("smtpd did not greet on port %1: ").arg(m_mxPort) + log();
    return false;
}

bool OpenSmtpdServer::start()
{
    if (running())
        return true;
    const QString binary = QStandardPaths::findExecutable("smtpd", {"/usr/sbin", "/usr/local/sbin", "/sbin"});
    if (binary.isEmpty()) {
        m_error = "OpenSMTPD is not installed (Debian: opensmtpd; installers/install-deps.sh installs it)";
        return false;
    }
    if (::geteuid() != 0) {
        m_error = "OpenSMTPD must be started as root (it changes to its own users itself)";
        return false;
    }
    if (!m_prepared && !prepareFolder())
        return false;

    const bool restart = m_mxPort != 0;
    // Another process may take a port between the probe and the bind: try a few.
    for (int attempt = 0; attempt < (restart ? 1 : 5); ++attempt) {
        if (!restart)
            m_mxPort = freeLoopbackPort();
        bool namespaceRefused = false;
        if (!launch(binary, &namespaceRefused)) {
            if (namespaceRefused && m_ownQueue) {
                m_ownQueue = false; // the fallback: the machine-wide queue
                --attempt;
            }
            continue;
        }
        SubmissionSettings settings;
        settings.backendPort = m_mxPort;
        settings.passwords = m_passwords;
        settings.tls.setLocalCertificate(QSslCertificate(m_certificate.certificatePem, QSsl::Pem));
        settings.tls.setPrivateKey(QSslKey(m_certificate.keyPem, QSsl::Ec, QSsl::Pem));
        settings.tls.setProtocol(QSsl::TlsV1_2OrLater);
        if (m_gateway.start(settings, m_smtpPort, m_smtpsPort, &m_error)) {
            m_smtpPort = m_gateway.plainPort();
            m_smtpsPort = m_gateway.tlsPort();
            return true;
        }
        stopSmtpd();
        if (restart)
            break;
    }
    if (!restart)
        m_mxPort = 0;
    return false;
}

void OpenSmtpdServer::stopSmtpd()
{
    if (m_smtpd.state() == QProcess::NotRunning)
        return;
    // Everything in its mount namespace is this OpenSMTPD's (its deliveries too);
    // without one, what descends from it now.
    const QList<ProcessId> processes = m_namespace.isEmpty() ? descendantsOf(static_cast<pid_t>(m_smtpd.processId()))
                                                            : processesInMountNamespace(m_namespace);
    m_smtpd.terminate();
    if (!m_smtpd.waitForFinished(10000)) {
        m_smtpd.kill();
        m_smtpd.waitForFinished(5000);
    }
    waitUntilGone(processes, 10000);
    if (!m_namespace.isEmpty())
        waitUntilGone(processesInMountNamespace(m_namespace), 5000);
    m_namespace.clear();
}

void OpenSmtpdServer::stop()
{
    m_gateway.stop();
    stopSmtpd();
}

bool OpenSmtpdServer::flushQueue()
{
    if (!running())
        return false;
    const QString smtpctl = QStandardPaths::findExecutable("smtpctl", {"/usr/sbin", "/usr/local/sbin", "/sbin"});
    QProcess ctl;
    ctl.setProcessChannelMode(QProcess::MergedChannels);
    if (!m_namespace.isEmpty()) {
        const QByteArray path = QString("/proc/%1/ns/mnt").arg(m_smtpd.processId()).toLatin1();
        ctl.setChildProcessModifier([path] { joinMounts(path); });
    }
    ctl.start(smtpctl, {"schedule", "all"});
    if (!ctl.waitForFinished(30000) || ctl.exitStatus() != QProcess::NormalExit || ctl.exitCode() != 0) {
        m_error = "smtpctl schedule all failed: " + QString::fromUtf8(ctl.readAll());
        return false;
    }
    return true;
}

} // namespace cachet::test
