// SIGKILL of an import in progress, then reopen: the store is consistent,
// every message the import had reported committed is there, and running the
// import again completes it without storing anything twice.

#include "support/CliRunner.h"
#include "support/TestCorpus.h"

#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <set>

using namespace cachet::test;

namespace {

QByteArray sha256Of(const QString& path)
{
    QFile f(path);
    f.open(QIODevice::ReadOnly);
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256);
}

// The last "committed: N" line of the import's output so far.
qint64 lastCommitted(const QByteArray& out)
{
    qint64 n = -1;
    for (const QByteArray& line : out.split('\n')) {
        if (line.startsWith("committed: "))
            n = line.mid(11).trimmed().toLongLong();
    }
    return n;
}

std::set<QByteArray> exportedHashes(const CliRunner& cli, const QString& dir)
{
    std::set<QByteArray> out;
    if (!cli.run({"export", "--mailbox", "INBOX", "--maildir", dir}).ok())
        return out;
    for (const QString& f : filesUnder(dir))
        out.insert(sha256Of(f));
    return out;
}

} // namespace

class ImportCrash : public QObject {
    Q_OBJECT

private slots:
    void killedImportKeepsWhatItReported()
    {
        QTemporaryDir work;
        // A flat folder of message files: the importer reads it in name order, so
        // "N committed" means the first N files.
        const QString gen = work.path() + "/gen";
        QVERIFY2(generateMail(gen, "demo", 3000, 7), "make_mail.py failed");
        const QString flat = work.path() + "/flat";
        QDir().mkpath(flat);
        int n = 0;
        for (const QString& f : filesUnder(gen))
            QVERIFY(QFile::copy(f, flat + QString("/%1.eml").arg(n++, 6, 10, QChar('0'))));
        QStringList sources = filesUnder(flat);
        QVERIFY(sources.size() >= 3000);

        CliRunner cli(work.path() + "/profile", "pw");
        QVERIFY(cli.init().ok());

        QProcess import;
        cli.start(import, {"import", flat});
        QByteArray out;
        qint64 committed = -1;
        QElapsedTimer waited;
        waited.start();
        // Kill as soon as the first batch is reported committed (or give up after 5 minutes).
        while (committed <= 0 && import.state() == QProcess::Running && waited.elapsed() < 300000) {
            import.waitForReadyRead(50);
            out += import.readAllStandardOutput();
            committed = lastCommitted(out);
        }
        QVERIFY2(import.state() == QProcess::Running,
                 "the import ended before it could be killed; give the test more mail");
        ::kill(static_cast<pid_t>(import.processId()), SIGKILL);
        import.waitForFinished();
        out += import.readAllStandardOutput();
        committed = lastCommitted(out);
        QVERIFY(committed > 0);
        QVERIFY2(committed < sources.size(), "nothing was left to interrupt");

        const CliResult check = cli.run({"check"});
        QVERIFY2(check.ok(), check.out + check.err);

        const auto stored = exportedHashes(cli, work.path() + "/after-kill");
        QVERIFY(static_cast<qint64>(stored.size()) >= committed);
        for (qint64 i = 0; i < committed; ++i)
            QVERIFY2(stored.count(sha256Of(sources[i])), qPrintable("reported committed but lost: " + sources[i]));

        // Run again: it completes, and what was there already counts as duplicate.
        const CliResult again = cli.run({"import", flat});
        QVERIFY2(again.ok(), again.err.constData());
        QVERIFY(cli.run({"check"}).ok());
        std::set<QByteArray> all;
        for (const QString& f : sources)
            all.insert(sha256Of(f));
        QVERIFY(exportedHashes(cli, work.path() + "/after-resume") == all);
    }
};

QTEST_GUILESS_MAIN(ImportCrash)
#include "tst_import_crash.moc"
