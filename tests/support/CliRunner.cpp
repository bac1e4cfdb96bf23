#include "support/CliRunner.h"

namespace cachet::test {

CliRunner::CliRunner(QString profileDir, QString passphrase)
    : m_profileDir(std::move(profileDir)), m_passphrase(std::move(passphrase))
{
}

QProcessEnvironment CliRunner::environment() const
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("CACHET_PASSPHRASE", m_passphrase);
    env.remove("CACHET_PROFILE");
    return env;
}

void CliRunner::start(QProcess& process, const QStringList& args) const
{
    process.setProcessEnvironment(environment());
    process.setProgram(QStringLiteral(CACHET_CLI_PATH));
    process.setArguments(QStringList{"--profile", m_profileDir} + args);
    process.start();
    process.waitForStarted();
}

CliResult CliRunner::run(const QStringList& args, const QProcessEnvironment& extraEnv, const QByteArray& input) const
{
    QProcess p;
    QProcessEnvironment env = environment();
    for (const QString& key : extraEnv.keys())
        env.insert(key, extraEnv.value(key));
    p.setProcessEnvironment(env);
    p.setProgram(QStringLiteral(CACHET_CLI_PATH));
    p.setArguments(QStringList{"--profile", m_profileDir} + args);
    p.start();
    if (!input.isEmpty() && p.waitForStarted())
        p.write(input);
    p.closeWriteChannel();
    CliResult r;
    if (!p.waitForFinished(10 * 60 * 1000)) {
        p.kill();
        p.waitForFinished();
        r.err = "timed out";
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

} // namespace cachet::test
