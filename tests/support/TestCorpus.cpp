#include "support/TestCorpus.h"

#include <QFile>

#include <QDir>
#include <QDirIterator>
#include <QFileInfo>
#include <QProcess>

namespace cachet::test {

QString corpusDir()
{
    const QString dir = QStringLiteral(CACHET_CORPUS_DIR);
    return QFileInfo(dir + "/README.md").exists() ? dir : QString();
}

QStringList corpusMessageFiles()
{
    const QString dir = corpusDir();
    if (dir.isEmpty())
        return {};
    QStringList out;
    QDir d(dir + "/deltachat/message");
    for (const QFileInfo& fi : d.entryInfoList(QDir::Files, QDir::Name))
        out << fi.absoluteFilePath();
    return out;
}

QStringList corpusNonMessageNames()
{
    return {"ctext_unsigned.asc", "gmx-quote-body.eml", "plaintext-autocrypt-setup.txt", "stress.txt"};
}

bool generateMail(const QString& dir, const QString& profile, int count, int seed)
{
    QProcess p;
    p.setProgram("python3");
    p.setArguments({QStringLiteral(CACHET_SOURCE_DIR) + "/resources/demo/make_mail.py", "--maildir", dir, "--profile",
                    profile, "--count", QString::number(count), "--seed", QString::number(seed)});
    p.start();
    return p.waitForFinished(5 * 60 * 1000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
}

} // namespace cachet::test
