// Hostile and broken input through the whole importer: every file is stored as
// it is or refused with a reason, nothing crashes, and the batch goes on.

#include "support/CliRunner.h"
#include "support/TestCorpus.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <set>

using namespace cachet::test;

namespace {

QByteArray hashOf(const QByteArray& b)
{
    return QCryptographicHash::hash(b, QCryptographicHash::Sha256);
}

QByteArray validMessage(const QByteArray& subject)
{
    return "From: a@example.org\r\nSubject: " + subject + "\r\n\r\nhello\r\n";
}

QByteArray nestedMultiparts(int depth)
{
    QByteArray head = "From: deep@example.org\r\nSubject: deep\r\nMIME-Version: 1.0\r\n";
    QByteArray open, close;
    for (int i = 0; i < depth; ++i) {
        open += "Content-Type: multipart/mixed; boundary=\"b" + QByteArray::number(i) + "\"\r\n\r\n--b"
            + QByteArray::number(i) + "\r\n";
        close.prepend("\r\n--b" + QByteArray::number(i) + "--\r\n");
    }
    return head + open + "Content-Type: text/plain\r\n\r\nthe bottom\r\n" + close;
}

} // namespace

class ImportMalformed : public QObject {
    Q_OBJECT

private slots:
    void brokenFilesNeverStopTheBatch()
    {
        QTemporaryDir work;
        const QString in = work.path() + "/in";
        QDir().mkpath(in);

        const QByteArray multipart =
            "From: t@example.org\r\nSubject: truncated\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; "
            "boundary=\"x\"\r\n\r\n--x\r\nContent-Type: text/plain\r\n\r\nfirst part\r\n--x\r\nContent-Type: "
            "application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n\r\nAAAA";
        QVERIFY(writeFile(in + "/01-truncated-multipart.eml", multipart));
        QVERIFY(writeFile(in + "/02-truncated-in-header.eml", "From: t@example.org\r\nSubject: cut her"));
        QVERIFY(writeFile(in + "/03-huge-header-line.eml",
                  "From: h@example.org\r\nX-Long: " + QByteArray(10 * 1024 * 1024, 'a') + "\r\nSubject: long\r\n\r\nbody\r\n"));
        QVERIFY(writeFile(in + "/04-deep-nesting.eml", nestedMultiparts(1000)));
        QByteArray garbage(256 * 1024, '\0');
        QRandomGenerator rng(42);
        for (char& c : garbage)
            c = static_cast<char>(rng.bounded(256));
        QVERIFY(writeFile(in + "/05-binary-garbage.bin", garbage));
        QVERIFY(writeFile(in + "/06-nul-bytes.eml", QByteArray("From: n@example.org\r\nSubject: nul\r\n\r\nbefore\0after\r\n", 47)));
        QVERIFY(writeFile(in + "/07-bad-base64.eml",
                  "From: b@example.org\r\nSubject: bad b64\r\nContent-Transfer-Encoding: base64\r\n\r\n!!!not*base64$$$\r\n"));
        QVERIFY(writeFile(in + "/08-raw-8bit-header.eml", "From: \xff\xfe <x@example.org>\r\nSubject: \xe9t\xe9\r\n\r\nbody\r\n"));
        QVERIFY(writeFile(in + "/09-wrong-boundary.eml",
                  "From: w@example.org\r\nContent-Type: multipart/mixed; boundary=\"nothere\"\r\n\r\n--other\r\n"
                  "Content-Type: text/plain\r\n\r\ntext\r\n--other--\r\n"));
        QVERIFY(writeFile(in + "/10-empty.eml", ""));
        QVERIFY(writeFile(in + "/11-valid.eml", validMessage("the good one")));

        CliRunner cli(work.path() + "/profile", "pw");
        QVERIFY(cli.init().ok());
        const CliResult imp = cli.run({"import", in});
        QVERIFY2(imp.ok(), imp.err.constData());

        // Parse the summary: imported + duplicates + refused accounts for every file.
        const QByteArray summary = imp.out.mid(imp.out.indexOf("imported "));
        const QList<QByteArray> words = summary.split('\n').front().split(' ');
        const int imported = words.value(1).chopped(1).toInt();
        const int refused = words.value(5).toInt();
        QCOMPARE(imported + refused, 11);
        QVERIFY2(summary.contains("refused: " + (in + "/10-empty.eml").toUtf8() + ": empty file"), summary.constData());
        QVERIFY2(summary.contains("05-binary-garbage.bin: "), "binary garbage should be refused with a reason");

        // Whatever was imported comes back byte for byte, and the store is sound.
        QVERIFY(cli.run({"check"}).ok());
        QVERIFY(cli.run({"export", "--mailbox", "INBOX", "--maildir", work.path() + "/out"}).ok());
        std::set<QByteArray> exported;
        for (const QString& f : filesUnder(work.path() + "/out")) {
            QFile file(f);
            file.open(QIODevice::ReadOnly);
            exported.insert(hashOf(file.readAll()));
        }
        QCOMPARE(static_cast<int>(exported.size()), imported);
        QVERIFY(exported.count(hashOf(validMessage("the good one"))));
        QVERIFY(exported.count(hashOf(nestedMultiparts(1000))));
        // Past the nesting limit the rest is one opaque part, but the message itself is found.
        QVERIFY(cli.run({"search", "subject:deep"}).out.contains("deep"));
    }
};

QTEST_GUILESS_MAIN(ImportMalformed)
#include "tst_import_malformed.moc"
