// What mail programs read through the bridge against what Dovecot serves for
// the same bytes: the same messages APPENDed to both, then the same FETCH on
// both. ENVELOPE, BODYSTRUCTURE, BODY, RFC822.SIZE and the served bytes of
// whole messages and sections must be equal (Dovecot serves bare LFs as CRLF;
// so must the bridge).
//
// One deliberate exception: for a message that is only a header without a final
// line end (oracle case header-only-without-newline.eml), Dovecot answers
// HEADER.FIELDS with or without the closing empty line depending on whether the
// fields came from its cache (fetched beside ENVELOPE, as here: without; alone,
// as in tst_section_oracle: with). The bridge always gives the empty line, which
// is what the grammar of a header section asks for.

#include "provider/DovecotServer.h"
#include "support/BridgeProcess.h"
#include "support/ImapTestClient.h"
#include "support/ImapValue.h"
#include "support/TestCorpus.h"

#include <QDir>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QtTest>

using namespace cachet::test;

namespace {

constexpr const char* kItems =
    "(ENVELOPE BODYSTRUCTURE BODY RFC822.SIZE BODY.PEEK[] BODY.PEEK[HEADER] BODY.PEEK[TEXT] BODY.PEEK[1]"
    " BODY.PEEK[1.MIME] BODY.PEEK[HEADER.FIELDS (SUBJECT FROM)] BODY.PEEK[TEXT]<3.20>)";

QStringList messageFiles()
{
    QStringList files;
    const QStringList notMessages = corpusNonMessageNames();
    for (const QString& f : corpusMessageFiles()) {
        if (!notMessages.contains(QFileInfo(f).fileName()))
            files << f;
    }
    const QString cases = QStringLiteral(CACHET_SOURCE_DIR) + "/tests/mime/oracle-cases";
    for (const QFileInfo& fi : QDir(cases).entryInfoList({"*.eml"}, QDir::Files, QDir::Name))
        files << fi.absoluteFilePath();
    return files;
}

// APPENDs every file to a new mailbox and FETCHes kItems for all of them: one
// item map per message that the server took, in order; a null map where it refused.
QList<QMap<QByteArray, ImapValue>> appendAndFetch(ImapTestClient& imap, const QStringList& files, QString& error)
{
    QList<QMap<QByteArray, ImapValue>> out;
    if (!imap.command("CREATE oracle").ok()) {
        error = "CREATE failed";
        return out;
    }
    QList<bool> taken;
    for (const QString& f : files)
        taken << imap.append("oracle", readFile(f)).ok();
    if (!imap.command("SELECT oracle").ok()) {
        error = "SELECT failed";
        return out;
    }
    const ImapReply fetched = imap.command(QByteArray("FETCH 1:* ") + kItems);
    if (!fetched.ok()) {
        error = "FETCH failed: " + QString::fromUtf8(fetched.tagged);
        return out;
    }
    qsizetype next = 0;
    for (bool t : taken) {
        if (!t) {
            out.append(QMap<QByteArray, ImapValue>());
            continue;
        }
        while (next < fetched.untagged.size() && !fetched.untagged[next].contains(" FETCH ("))
            ++next;
        if (next >= fetched.untagged.size()) {
            error = "fewer FETCH responses than messages";
            return out;
        }
        out.append(fetchItems(fetched.untagged[next++]));
    }
    return out;
}

} // namespace

class BridgeDovecotOracle : public QObject {
    Q_OBJECT

private slots:
    void fetchThroughBridgeEqualsDovecot()
    {
        const QStringList files = messageFiles();
        QVERIFY2(files.size() > 100, "the corpus (../shared/corpus) and the oracle cases are needed");

        DovecotServer dovecot;
        dovecot.addUser("oracle", "oracle-password");
        QVERIFY2(dovecot.start(), qPrintable(dovecot.errorString()));
        ImapTestClient atDovecot;
        QVERIFY(atDovecot.connectTo(dovecot.imapPort()));
        QVERIFY(atDovecot.login("oracle", "oracle-password"));

        QTemporaryDir dir;
        CliRunner cli(dir.path() + "/profile", "oracle passphrase");
        QVERIFY(cli.init().ok());
        BridgeProcess bridge(cli);
        QVERIFY2(bridge.start(), bridge.log().constData());
        ImapTestClient atBridge;
        QVERIFY(atBridge.connectTo(bridge.settings().imapPort));
        QVERIFY(atBridge.login(bridge.settings().username.toUtf8(), bridge.settings().password.toUtf8()));

        QString error;
        const auto theirs = appendAndFetch(atDovecot, files, error);
        QVERIFY2(error.isEmpty(), qPrintable("Dovecot: " + error));
        const auto ours = appendAndFetch(atBridge, files, error);
        QVERIFY2(error.isEmpty(), qPrintable("bridge: " + error));
        QCOMPARE(ours.size(), theirs.size());

        QStringList differences;
        int compared = 0;
        for (qsizetype i = 0; i < files.size(); ++i) {
            const QString name = QDir(corpusDir()).relativeFilePath(files[i]);
            if (theirs[i].isEmpty()) {
                // Dovecot refuses NUL bytes in literals; the bridge may take them.
                continue;
            }
            if (ours[i].isEmpty()) {
                differences << name + ": the bridge refused the APPEND Dovecot took";
                continue;
            }
            ++compared;
            for (auto it = theirs[i].begin(); it != theirs[i].end(); ++it) {
                if (name.endsWith("header-only-without-newline.eml") && it.key().startsWith("BODY[HEADER.FIELDS"))
                    continue; // Dovecot is not consistent here (see the top of this file)
                if (!(ours[i].value(it.key()) == it.value()))
                    differences << name + ": " + QString::fromUtf8(it.key()) + " differs:\n  dovecot: "
                            + QString::fromUtf8(it.value().toImap().left(400)) + "\n  bridge:  "
                            + QString::fromUtf8(ours[i].value(it.key()).toImap().left(400));
            }
        }
        for (const QString& d : differences)
            qWarning().noquote() << d;
        QVERIFY2(differences.isEmpty(), qPrintable(QString::number(differences.size()) + " differences"));
        QVERIFY(compared > 100);
        QCOMPARE(bridge.stop(), 0);
    }
};

QTEST_GUILESS_MAIN(BridgeDovecotOracle)
#include "tst_bridge_dovecot_oracle.moc"
