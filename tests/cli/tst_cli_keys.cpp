// cachet-cli keys as a user meets it: the own key made, listed and exported;
// peers' keys imported by hand (the Delta Chat corpus keys among them); a key
// moved to another profile by an Autocrypt Setup Message or a secret export.

#include "support/CliRunner.h"
#include "support/TestCorpus.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace cachet::test;

namespace {

const char* kCorpusSetupCode = "1742-0185-6197-1303-7016-8412-3581-4441-0597";

QString fingerprintIn(const QByteArray& out)
{
    return QRegularExpression("[0-9A-F]{40}").match(QString::fromUtf8(out)).captured(0);
}

QJsonObject rowFor(const QByteArray& json, const QString& address)
{
    for (const auto& v : QJsonDocument::fromJson(json).array())
        if (v.toObject().value("address").toString() == address)
            return v.toObject();
    return {};
}

} // namespace

class CliKeys : public QObject {
    Q_OBJECT

    QTemporaryDir m_work;

    CliRunner freshProfile(const QString& name)
    {
        CliRunner cli(m_work.path() + "/" + name, "pass phrase");
        [&] { QVERIFY(cli.init().ok()); }();
        return cli;
    }
    QString file(const QString& name, const QByteArray& bytes)
    {
        const QString path = m_work.path() + "/" + name;
        [&] { QVERIFY(writeFile(path, bytes)); }();
        return path;
    }

private slots:
    void generateNeedsAnAddressWithoutAnAccount()
    {
        CliRunner cli = freshProfile("noaccount");
        const CliResult r = cli.run({"keys", "generate"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("give --address") && r.err.count('\n') == 1, r.err.constData());
        QVERIFY(cli.run({"keys", "list"}).out.contains("no keys"));
    }

    void generatedKeyIsListedAsOwnAndExportsPublic()
    {
        CliRunner cli = freshProfile("generate");
        const CliResult made = cli.run({"keys", "generate", "--address", "Me@Example.org"});
        QVERIFY2(made.ok(), made.err.constData());
        const QString fingerprint = fingerprintIn(made.out);
        QVERIFY(!fingerprint.isEmpty());
        QCOMPARE(cli.run({"keys", "generate", "--address", "me@example.org"}).exitCode, 1);

        const CliResult list = cli.run({"keys", "list", "--json"});
        const QJsonObject own = rowFor(list.out, "me@example.org");
        QVERIFY(own.value("own").toBool());
        QCOMPARE(own.value("fingerprint").toString(), fingerprint);
        QCOMPARE(own.value("prefer_encrypt").toString(), QString("mutual"));
        QVERIFY(cli.run({"keys", "list"}).out.contains("own   me@example.org  " + fingerprint.toUtf8()));

        const CliResult exported = cli.run({"keys", "export", "me@example.org"});
        QVERIFY(exported.out.startsWith("-----BEGIN PGP PUBLIC KEY BLOCK-----"));
        QCOMPARE(cli.run({"keys", "export", "nobody@example.org"}).exitCode, 1);
    }

    void deltaChatKeysImportAsOwnKeys()
    {
        CliRunner cli = freshProfile("deltachat");
        const QStringList keys = QDir(corpusDir() + "/deltachat/key").entryList({"*.asc"}, QDir::Files, QDir::Name);
        QVERIFY(keys.size() >= 6);
        int adopted = 0;
        for (const QString& key : keys) {
            const CliResult r = cli.run({"keys", "import", corpusDir() + "/deltachat/key/" + key});
            // Every file is either taken or refused in one line (gpg 2.2 knows no PQC keys).
            QVERIFY2(r.ok() || r.err.count('\n') == 1, qPrintable(key + ": " + r.err));
            if (r.ok()) {
                QVERIFY2(r.out.contains("is now the own key of"), r.out.constData());
                ++adopted;
            }
        }
        QVERIFY(adopted >= 6);
        const QJsonObject alice = rowFor(cli.run({"keys", "list", "--json"}).out, "alice@example.org");
        QVERIFY(alice.value("own").toBool());
        // A second import of the same key changes nothing.
        const CliResult again = cli.run({"keys", "import", corpusDir() + "/deltachat/key/alice-secret.asc"});
        QVERIFY2(again.ok() && again.out.contains("already the own key"), again.err.constData());
    }

    void aPeersPublicKeyImportsAsManualAndEncryptionIsAvailable()
    {
        CliRunner other = freshProfile("peer-source");
        QVERIFY(other.run({"keys", "generate", "--address", "peer@example.net"}).ok());
        const QString publicKey = file("peer.asc", other.run({"keys", "export", "peer@example.net"}).out);

        CliRunner cli = freshProfile("peer-import");
        const CliResult r = cli.run({"keys", "import", publicKey});
        QVERIFY2(r.ok() && r.out.contains("for peer@example.net"), r.err.constData());
        const QJsonObject row = rowFor(cli.run({"keys", "list", "--json"}).out, "peer@example.net");
        QCOMPARE(row.value("own").toBool(), false);
        QCOMPARE(row.value("recommendation").toString(), QString("available"));
        QCOMPARE(row.value("keys").toArray().first().toObject().value("source").toString(), QString("manual"));
        QVERIFY(cli.run({"keys", "export", "peer@example.net"}).out.startsWith("-----BEGIN PGP PUBLIC KEY BLOCK-----"));

        // The same from standard input, as piped from gpg.
        CliResult piped = freshProfile("peer-pipe").run({"keys", "import", "-"}, {}, readFile(publicKey));
        QVERIFY2(piped.ok() && piped.out.contains("for peer@example.net"), piped.err.constData());

        const CliResult garbage = cli.run({"keys", "import", file("garbage.asc", "not a key")});
        QCOMPARE(garbage.exitCode, 1);
        QCOMPARE(garbage.err.count('\n'), 1);
    }

    void secretExportIsProtectedByTheProfilePassphrase()
    {
        CliRunner cli = freshProfile("secret-export");
        const QString fingerprint = fingerprintIn(cli.run({"keys", "generate", "--address", "sam@example.org"}).out);
        const CliResult exported = cli.run({"keys", "export", "sam@example.org", "--secret"});
        QVERIFY2(exported.ok() && exported.out.contains("PRIVATE KEY BLOCK"), exported.err.constData());
        // The profile still signs and exports with its own key afterwards.
        QVERIFY(cli.run({"keys", "export", "sam@example.org", "--secret"}).ok());

        const QString path = file("sam-secret.asc", exported.out);
        CliRunner wrong = freshProfile("secret-wrong");
        QProcessEnvironment bad;
        bad.insert("CACHET_KEY_PASSPHRASE", "not the passphrase");
        const CliResult refused = wrong.run({"keys", "import", path}, bad);
        QCOMPARE(refused.exitCode, 1);
        QVERIFY2(refused.err.contains("wrong passphrase"), refused.err.constData());

        CliRunner other = freshProfile("secret-import");
        QProcessEnvironment good;
        good.insert("CACHET_KEY_PASSPHRASE", "pass phrase");
        const CliResult taken = other.run({"keys", "import", path}, good);
        QVERIFY2(taken.ok(), taken.err.constData());
        QCOMPARE(rowFor(other.run({"keys", "list", "--json"}).out, "sam@example.org").value("fingerprint").toString(),
                 fingerprint);
    }

    void setupMessageMovesTheOwnKey()
    {
        CliRunner from = freshProfile("setup-from");
        const QString fingerprint = fingerprintIn(from.run({"keys", "generate", "--address", "sue@example.org"}).out);
        const QString message = m_work.path() + "/setup.eml";
        const CliResult made = from.run({"keys", "setup-message", "create", "--out", message});
        QVERIFY2(made.ok(), made.err.constData());
        const QString code = QRegularExpression("(\\d{4}-){8}\\d{4}").match(QString::fromUtf8(made.out)).captured(0);
        QVERIFY2(!code.isEmpty(), made.out.constData());
        QVERIFY(readFile(message).contains("Autocrypt-Setup-Message: v1"));

        CliRunner to = freshProfile("setup-to");
        const CliResult wrong = to.run({"keys", "setup-message", "import", message, "--code", "1111-1111-1111-1111-1111-1111-1111-1111-1111"});
        QCOMPARE(wrong.exitCode, 1);
        QVERIFY2(wrong.err.contains("wrong setup code") && wrong.err.count('\n') == 1, wrong.err.constData());
        QVERIFY(to.run({"keys", "list"}).out.contains("no keys"));

        const CliResult imported = to.run({"keys", "setup-message", "import", message, "--code", code});
        QVERIFY2(imported.ok(), imported.err.constData());
        QCOMPARE(rowFor(to.run({"keys", "list", "--json"}).out, "sue@example.org").value("fingerprint").toString(),
                 fingerprint);
    }

    void theCorpusSetupMessageImports()
    {
        CliRunner cli = freshProfile("setup-corpus");
        const CliResult r = cli.run({"keys", "setup-message", "import", corpusDir() + "/autocrypt/example-setup-message.eml",
                                     "--code", kCorpusSetupCode});
        QVERIFY2(r.ok(), r.err.constData());
        QVERIFY(r.out.contains("own key of alice@autocrypt.example (prefer-encrypt mutual)"));
    }
};

QTEST_GUILESS_MAIN(CliKeys)
#include "tst_cli_keys.moc"
