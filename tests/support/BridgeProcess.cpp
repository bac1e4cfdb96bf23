#include "support/BridgeProcess.h"

#include <QDeadlineTimer>
#include <QJsonDocument>

#include <csignal>

namespace cachet::test {

BridgeProcess::~BridgeProcess()
{
    if (running())
        stop();
}

bool BridgeProcess::start(const QStringList& extraArgs)
{
    QStringList args{"bridge", "--imap-port", "0", "--imaps-port", "0", "--smtp-port", "0", "--smtps-port", "0"};
    args += extraArgs;
    m_cli.start(m_process, args);
    if (!m_process.waitForStarted(30000))
        return false;
    QDeadlineTimer deadline(120000);
    while (!m_output.contains("bridge ready\n")) {
        if (m_process.state() != QProcess::Running || deadline.hasExpired())
            return false;
        m_process.waitForReadyRead(200);
        m_output += m_process.readAllStandardOutput();
        m_output += m_process.readAllStandardError();
    }
    // The running bridge recorded its ports in the store; --settings reads them.
    const CliResult settings = m_cli.run({"bridge", "--settings", "--json"});
    if (!settings.ok())
        return false;
    const QJsonObject json = QJsonDocument::fromJson(settings.out).object();
    m_settings.imapPort = static_cast<quint16>(json["imap_port"].toInt());
    m_settings.imapsPort = static_cast<quint16>(json["imaps_port"].toInt());
    m_settings.smtpPort = static_cast<quint16>(json["smtp_port"].toInt());
    m_settings.smtpsPort = static_cast<quint16>(json["smtps_port"].toInt());
    m_settings.username = json["username"].toString();
    m_settings.password = json["password"].toString();
    m_settings.certificateSha256 = json["certificate_sha256"].toString();
    return m_settings.imapPort != 0;
}

int BridgeProcess::stop()
{
    if (!running())
        return m_process.exitStatus() == QProcess::NormalExit ? m_process.exitCode() : -1;
    ::kill(static_cast<pid_t>(m_process.processId()), SIGTERM);
    if (!m_process.waitForFinished(60000)) {
        m_process.kill();
        m_process.waitForFinished();
        return -1;
    }
    m_output += m_process.readAllStandardOutput();
    m_output += m_process.readAllStandardError();
    return m_process.exitStatus() == QProcess::NormalExit ? m_process.exitCode() : -1;
}

void BridgeProcess::kill()
{
    m_process.kill();
    m_process.waitForFinished();
}

QByteArray BridgeProcess::certificatePem() const
{
    return m_cli.run({"bridge", "--certificate"}).out;
}

} // namespace cachet::test
