#pragma once
// A real `cachet-cli bridge` for tests: started on a test profile with every
// port chosen by the system (0), stopped with SIGTERM. What a mail program is
// told (ports, username, password, certificate fingerprint) comes from the
// bridge's own `--settings --json` output, as a setup script would read it.

#include "support/CliRunner.h"

#include <QJsonObject>
#include <QProcess>

namespace cachet::test {

struct BridgeSettings {
    quint16 imapPort = 0, imapsPort = 0, smtpPort = 0, smtpsPort = 0;
    QString username, password, certificateSha256;
};

class BridgeProcess {
public:
    explicit BridgeProcess(const CliRunner& cli) : m_cli(cli) {}
    ~BridgeProcess();

    // Starts the bridge and waits for "bridge ready"; false (with the output in
    // log()) if it exits or does not get ready within two minutes.
    bool start(const QStringList& extraArgs = {});
    // SIGTERM, then the exit code (-1 if it had to be killed).
    int stop();
    bool running() const { return m_process.state() == QProcess::Running; }
    // SIGKILL: no shutdown at all, as a crash or a power cut would leave it.
    void kill();
    qint64 pid() const { return m_process.processId(); }

    const BridgeSettings& settings() const { return m_settings; }
    QByteArray log() const { return m_output; }
    // The certificate (PEM) as `cachet-cli bridge --certificate` prints it.
    QByteArray certificatePem() const;

private:
    const CliRunner& m_cli;
    QProcess m_process;
    QByteArray m_output;
    BridgeSettings m_settings;
};

} // namespace cachet::test
