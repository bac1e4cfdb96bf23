#pragma once
// Runs the real cachet-cli binary against a test profile, as a user or a script
// would: the passphrase through CACHET_PASSPHRASE, output captured.

#include <QByteArray>
#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace cachet::test {

struct CliResult {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
    bool ok() const { return exitCode == 0; }
};

class CliRunner {
public:
    CliRunner(QString profileDir, QString passphrase);

    // Runs `cachet-cli --profile DIR ARGS...` to completion (timeout: 10 minutes),
    // `input` on its standard input.
    CliResult run(const QStringList& args, const QProcessEnvironment& extraEnv = {},
                  const QByteArray& input = {}) const;
    // Starts it without waiting, for tests that kill it half-way.
    void start(QProcess& process, const QStringList& args) const;
    // `init` with the fast key-derivation cost: tests create many profiles.
    CliResult init() const { return run({"init", "--kdf", "interactive"}); }

    const QString& profileDir() const { return m_profileDir; }
    QProcessEnvironment environment() const;

private:
    QString m_profileDir;
    QString m_passphrase;
};

} // namespace cachet::test
