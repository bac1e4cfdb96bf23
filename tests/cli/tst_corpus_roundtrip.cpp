// Import then export gives every message back byte for byte; what is not a
// message is refused with a reason (or round-trips too), never a crash; and
// nothing of the mail is readable in the profile folder or left in temp files.

#include "support/CliRunner.h"
#include "support/TestCorpus.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <map>

using namespace cachet::test;

namespace {

QByteArray hashOf(const QByteArray& bytes)
{
    return QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex();
}

// hash -> how many files have those bytes
std::map<QByteArray, int> hashCounts(const QStringList& files)
{
    std::map<QByteArray, int> out;
    for (const QString& f : files)
        ++out[hashOf(readFile(f))];
    return out;
}

// The "refused: ORIGIN: REASON" lines of an import summary.
std::map<QString, QString> refusals(const QByteArray& out)
{
    std::map<QString, QString> r;
    for (const QByteArray& line : out.split('\n')) {
        if (!line.startsWith("refused: "))
            continue;
        const QString rest = QString::fromUtf8(line.mid(9));
        const qsizetype sep = rest.indexOf(": ");
        r[rest.left(sep)] = rest.mid(sep + 2);
    }
    return r;
}

} // namespace

class CorpusRoundTrip : public QObject {
    Q_OBJECT

private:
    // Imports `sourceFiles` (all in `sourceDir`), exports INBOX, and checks that
    // every source file is either exported byte-identical or refused with a reason;
    // only files named in `mayBeRefused` may be refused.
    void roundTrip(const QString& sourceDir, const QStringList& sourceFiles, const QStringList& mayBeRefused)
    {
        QTemporaryDir work;
        CliRunner cli(work.path() + "/profile", "correct horse battery staple");
        QVERIFY2(cli.init().ok(), "init failed");
        const CliResult imp = cli.run({"import", sourceDir});
        QVERIFY2(imp.ok(), imp.err.constData());
        const auto refused = refusals(imp.out);
        for (const auto& [origin, reason] : refused) {
            QVERIFY2(mayBeRefused.contains(QFileInfo(origin).fileName()),
                     qPrintable("a real message was refused: " + origin + ": " + reason));
            QVERIFY2(!reason.trimmed().isEmpty(), qPrintable("refused without a reason: " + origin));
        }

        const CliResult exp = cli.run({"export", "--mailbox", "INBOX", "--maildir", work.path() + "/out"});
        QVERIFY2(exp.ok(), exp.err.constData());
        const auto exported = hashCounts(filesUnder(work.path() + "/out"));

        QStringList expected;
        for (const QString& f : sourceFiles) {
            if (!refused.count(f))
                expected << f;
        }
        const auto wanted = hashCounts(expected);
        for (const QString& f : expected) {
            const QByteArray h = hashOf(readFile(f));
            QVERIFY2(exported.count(h), qPrintable("not exported byte-identical: " + f));
        }
        // Identical source files are one message in the store: compare distinct contents.
        QCOMPARE(exported.size(), wanted.size());

        const CliResult check = cli.run({"check"});
        QVERIFY2(check.ok(), check.out.constData());
    }

private slots:
    void corpusMessagesRoundTripByteForByte()
    {
        const QStringList files = corpusMessageFiles();
        if (files.isEmpty())
            QSKIP("../shared/corpus is not beside the repository; generatedMessagesRoundTrip covers the same paths");
        roundTrip(corpusDir() + "/deltachat/message", files, corpusNonMessageNames());
    }

    void corpusNonMessagesAreRefusedWithAReason()
    {
        if (corpusDir().isEmpty())
            QSKIP("../shared/corpus is not beside the repository");
        QTemporaryDir work;
        CliRunner cli(work.path() + "/profile", "pw");
        QVERIFY(cli.init().ok());
        QStringList paths;
        for (const QString& name : corpusNonMessageNames())
            paths << corpusDir() + "/deltachat/message/" + name;
        // One real message at the end: a refusal must not stop the batch.
        paths << corpusDir() + "/autocrypt/example-simple-autocrypt.eml";
        const CliResult imp = cli.run(QStringList{"import"} + paths);
        QVERIFY2(imp.ok(), imp.err.constData());
        const auto refused = refusals(imp.out);
        QVERIFY2(!refused.count(paths.back()), "the real message after the refused files was not imported");
        for (const auto& [origin, reason] : refused)
            QVERIFY2(!reason.trimmed().isEmpty(), qPrintable("refused without a reason: " + origin));
        // Whatever was not refused was stored: INBOX holds it beside the real message.
        const CliResult list = cli.run({"list", "--json"});
        QVERIFY(list.ok());
        const auto stored = static_cast<std::size_t>(list.out.count("\"uid\""));
        QCOMPARE(stored, 1 + static_cast<std::size_t>(corpusNonMessageNames().size()) - refused.size());
    }

    void generatedMessagesRoundTripByteForByte()
    {
        QTemporaryDir gen;
        QVERIFY2(generateMail(gen.path() + "/mail", "variety", 0), "make_mail.py failed");
        QStringList files = filesUnder(gen.path() + "/mail");
        QVERIFY(files.size() > 10);
        QStringList garbage;
        for (const QString& f : files) {
            if (QFileInfo(f).fileName().contains("not-a-message"))
                garbage << QFileInfo(f).fileName();
        }
        QVERIFY2(!garbage.isEmpty(), "the variety set should contain a file that is not a message");
        roundTrip(gen.path() + "/mail", files, garbage);
    }

    void noPlaintextInProfileOrTempFiles()
    {
        QStringList files = corpusMessageFiles();
        QString source = corpusDir() + "/deltachat/message";
        QTemporaryDir gen;
        if (files.isEmpty()) {
            QVERIFY(generateMail(gen.path() + "/mail", "demo", 50));
            source = gen.path() + "/mail";
            files = filesUnder(source);
        }
        // Known plaintext: plain ASCII subjects of at least 12 characters, which the
        // store keeps (as metadata and in the search index) for every message.
        QList<QByteArray> needles;
        for (const QString& f : files) {
            for (const QByteArray& line : readFile(f).split('\n')) {
                if (line.startsWith("Subject: ") && !line.contains("=?")) {
                    const QByteArray subject = line.mid(9).trimmed();
                    if (subject.size() >= 12)
                        needles << subject;
                    break;
                }
            }
        }
        QVERIFY2(needles.size() >= 5, "too few known subjects to look for");

        QTemporaryDir work;
        const QString tmp = work.path() + "/tmp";
        QDir().mkpath(tmp);
        CliRunner cli(work.path() + "/profile", "pw");
        QVERIFY(cli.init().ok());
        QProcessEnvironment env;
        env.insert("TMPDIR", tmp);
        QVERIFY(cli.run({"import", source}, env).ok());
        QVERIFY(cli.run({"search", "the", "--json"}, env).ok());

        const QStringList left = filesUnder(work.path() + "/profile") + filesUnder(tmp);
        QVERIFY(!left.isEmpty());
        for (const QString& f : left) {
            const QByteArray bytes = readFile(f);
            for (const QByteArray& needle : needles)
                QVERIFY2(!bytes.contains(needle), qPrintable("plaintext \"" + needle + "\" found in " + f));
        }
        QVERIFY2(filesUnder(tmp).isEmpty(), "cachet-cli left files in TMPDIR");
    }
};

QTEST_GUILESS_MAIN(CorpusRoundTrip)
#include "tst_corpus_roundtrip.moc"
