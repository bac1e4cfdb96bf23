// Incoming OpenPGP end to end, as a mail program sees it: Bob's profile (his
// key adopted, Alice's public keys known), OpenPGP mail imported with
// `cachet-cli import`, then read through a real `cachet-cli bridge` over IMAP:
// FETCH BODY[] gives the decrypted message with Cachet's result fields and
// the protected Subject, SEARCH BODY finds a word only the decrypted text has,
// the failures show no plaintext; `list --json`, `show` and `search` agree;
// `export` gives the originals back.

#include "crypto/GnupgHome.h"
#include "crypto/Keyring.h"
#include "crypto/OpenPgpOperations.h"
#include "crypto/OwnKeySetup.h"
#include "store/Profile.h"
#include "support/BridgeProcess.h"
#include "support/CliRunner.h"
#include "support/ImapTestClient.h"
#include "support/TestCorpus.h"
#include "support/TestFiles.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

using namespace cachet;
using namespace cachet::test;

namespace {

const char* kPassphrase = "incoming bridge passphrase";
const std::string kAlice = "2E6FA2CB23B532D728634B5864B08F61A9ED9443";
const std::string kBob = "CCCB5AA9F6E1141C943165F1DB18B18CBCF70487";

QString corpusPath(const QString& relative)
{
    return corpusDir() + "/deltachat/" + relative;
}

QByteArray pgpMime(const QByteArray& armored, const QByteArray& subject)
{
    return "From: Alice <alice@example.org>\r\nTo: bob@example.net\r\nSubject: " + subject
        + "\r\nMessage-ID: <" + subject + "@example.org>\r\nMIME-Version: 1.0\r\n"
          "Content-Type: multipart/encrypted; protocol=\"application/pgp-encrypted\"; boundary=\"b\"\r\n\r\n"
          "--b\r\nContent-Type: application/pgp-encrypted\r\n\r\nVersion: 1\r\n\r\n"
          "--b\r\nContent-Type: application/octet-stream; name=\"encrypted.asc\"\r\n\r\n"
        + armored + "\r\n--b--\r\n";
}

// The message bodies of an IMAP FETCH reply, by UID ("* n FETCH (UID u BODY[] {..}...").
QMap<int, QByteArray> bodiesByUid(const ImapReply& reply)
{
    QMap<int, QByteArray> out;
    for (const QByteArray& line : reply.untagged) {
        const int uidAt = line.indexOf("UID ");
        const int bodyAt = line.indexOf("BODY[] {");
        if (uidAt < 0 || bodyAt < 0)
            continue;
        const int uid = line.mid(uidAt + 4, line.indexOf(' ', uidAt + 4) - uidAt - 4).toInt();
        const int open = line.indexOf("}", bodyAt);
        const int length = line.mid(bodyAt + 8, open - bodyAt - 8).toInt();
        const int start = line.mid(open + 1, 2) == "\r\n" ? open + 3 : open + 1; // the literal's own line end
        out[uid] = line.mid(start, length);
    }
    return out;
}

} // namespace

class TestIncomingBridge : public QObject {
    Q_OBJECT

private slots:
    void decryptedMailThroughTheBridge()
    {
        if (corpusDir().isEmpty())
            QSKIP("the shared corpus is not here");
        QTemporaryDir dir;
        const QString profileDir = dir.path() + "/profile";
        CliRunner cli(profileDir, kPassphrase);
        QVERIFY(cli.init().ok());

        // Bob's key as the profile's own, Alice's public keys beside it; and
        // Alice's side, to write mail to Bob.
        crypto::GnupgHome alice(dir.path() + "/alice-gnupg");
        crypto::Keyring alices(alice.directory());
        alices.import(readFile(corpusPath("key/alice-secret.asc")).toStdString());
        {
            store::Profile profile = store::Profile::unlock(profileDir, kPassphrase);
            crypto::GnupgHome home(profile.gnupgHome());
            crypto::Keyring bobs(home.directory());
            const auto bob = bobs.import(readFile(corpusPath("key/bob-secret.asc")).toStdString());
            QVERIFY(!crypto::adoptOwnKey(home.directory(), profile.store().db(), bob.secret.front(), "").empty());
            bobs.import(alices.exportPublic(kAlice, false, false));
            alices.import(bobs.exportPublic(kBob, false, false));
        }

        // Mail written here: ciphertext only on disk, as it would arrive.
        crypto::OpenPgpOperations ops(alice.directory(), "");
        const std::string words = "Content-Type: text/plain\r\n\r\nmeet by the zebracrossing at noon\r\n";
        std::string flipped = ops.signAndEncrypt(words + "flippedsecret\r\n" + std::string(2000, 'x'), kAlice, {kBob}, {});
        flipped[flipped.size() / 2] = flipped[flipped.size() / 2] == 'A' ? 'B' : 'A';
        QProcess gpg;
        gpg.start("gpg", {"--homedir", alice.directory(), "--batch", "--trust-model", "always", "--rfc2440",
                          "--cipher-algo", "CAST5", "-a", "-e", "-r", QString::fromStdString(kBob)});
        gpg.write("Content-Type: text/plain\r\n\r\nnomdcsecret\r\n");
        gpg.closeWriteChannel();
        QVERIFY(gpg.waitForFinished(60000));
        const QString mail = dir.path() + "/mail";
        QVERIFY(QDir().mkpath(mail));
        QVERIFY(writeFile(mail + "/1-zebra.eml",
                          pgpMime(QByteArray::fromStdString(ops.signAndEncrypt(words, kAlice, {kBob}, {})), "zebra")));
        QVERIFY(writeFile(mail + "/2-flipped.eml", pgpMime(QByteArray::fromStdString(flipped), "flipped")));
        QVERIFY(writeFile(mail + "/3-nomdc.eml", pgpMime(gpg.readAllStandardOutput(), "nomdc")));
        const QStringList imports = {mail + "/1-zebra.eml", mail + "/2-flipped.eml", mail + "/3-nomdc.eml",
                                     corpusPath("message/text_from_alice_encrypted.eml"),
                                     corpusPath("message/thunderbird_encrypted_signed.eml")};
        for (const QString& f : imports) {
            const CliResult imported = cli.run({"import", f});
            QVERIFY2(imported.ok() && imported.out.contains("imported 1,"), imported.out + imported.err);
        }

        BridgeProcess bridge(cli);
        QVERIFY2(bridge.start(), bridge.log().constData());
        ImapTestClient imap;
        QVERIFY(imap.connectTo(bridge.settings().imapPort));
        QVERIFY(imap.login(bridge.settings().username.toUtf8(), bridge.settings().password.toUtf8()));
        QVERIFY(imap.command("SELECT INBOX").ok());
        const QMap<int, QByteArray> body = bodiesByUid(imap.command("UID FETCH 1:* (UID BODY.PEEK[])"));
        QCOMPARE(body.size(), 5);

        // 1: decrypted, signature valid, the words readable.
        QVERIFY2(body[1].startsWith("X-Cachet-Encryption: decrypted\r\nX-Cachet-Signature: valid; signer="
                                    + QByteArray::fromStdString(kAlice) + "; from-matches=yes\r\n"),
                 body[1].constData());
        QVERIFY(body[1].contains("zebracrossing"));
        QVERIFY(!body[1].contains("BEGIN PGP MESSAGE"));
        // 2 and 3: the ciphertext, the reason, no plaintext.
        QVERIFY2(body[2].startsWith("X-Cachet-Encryption: failed; reason=\""), body[2].left(200).constData());
        QVERIFY(!body[2].contains("flippedsecret") && !body[2].contains("zebracrossing"));
        QVERIFY2(body[3].startsWith("X-Cachet-Encryption: failed; reason=\"the message has no integrity protection"),
                 body[3].left(200).constData());
        QVERIFY(!body[3].contains("nomdcsecret"));
        // 4: Delta Chat, signed inside the encryption.
        QVERIFY(body[4].contains("X-Cachet-Signature: valid; signer=" + QByteArray::fromStdString(kAlice)));
        // 5: Thunderbird: the protected Subject in place of "...". Its signer's
        // key is not known to this profile (Autocrypt would teach it).
        QVERIFY2(body[5].contains("\r\nSubject: encrypted+signed\r\n"), body[5].left(800).constData());
        QVERIFY(!body[5].contains("Subject: ...\r\n"));
        QVERIFY(body[5].contains("X-Cachet-Signature: unknown-key"));

        // ENVELOPE is the decrypted document's; SEARCH reads the decrypted text.
        const ImapReply envelope = imap.command("UID FETCH 5 (ENVELOPE)");
        QVERIFY2(envelope.untagged.value(0).contains("\"encrypted+signed\""), envelope.untagged.value(0).constData());
        const ImapReply found = imap.command("UID SEARCH BODY zebracrossing");
        QVERIFY(found.ok());
        QCOMPARE(found.untagged.value(0), QByteArray("* SEARCH 1"));
        const ImapReply none = imap.command("UID SEARCH TEXT nomdcsecret");
        QCOMPARE(none.untagged.value(0), QByteArray("* SEARCH"));
        // A COPY keeps the original document: the copy is served decrypted too.
        QVERIFY(imap.command("CREATE Kept").ok());
        QVERIFY(imap.command("UID COPY 1 Kept").ok());
        QVERIFY(imap.command("SELECT Kept").ok());
        QVERIFY(bodiesByUid(imap.command("UID FETCH 1 (UID BODY.PEEK[])")).value(1).contains("zebracrossing"));
        QCOMPARE(bridge.stop(), 0);

        // The command line says the same.
        const QJsonArray listed = QJsonDocument::fromJson(cli.run({"list", "--json"}).out).array();
        QCOMPARE(listed.size(), 5);
        for (const QJsonValue& v : listed) {
            const QJsonObject o = v.toObject();
            const int uid = o["uid"].toInt();
            QCOMPARE(o["encryption"].toString(), QString(uid == 2 || uid == 3 ? "failed" : "decrypted"));
            if (uid == 5)
                QCOMPARE(o["subject"].toString(), QString("encrypted+signed"));
        }
        const CliResult shown = cli.run({"show", "3"});
        QVERIFY(shown.out.contains("OpenPGP:  NOT decrypted: the message has no integrity protection"));
        const CliResult searched = cli.run({"search", "zebracrossing", "--json"});
        QCOMPARE(QJsonDocument::fromJson(searched.out).array().size(), 2); // INBOX and the copy in Kept
        // export gives the originals, as the provider has them.
        const CliResult exported = cli.run({"export", "--mailbox", "INBOX", "--mbox", dir.path() + "/out.mbox"});
        QVERIFY2(exported.ok(), exported.err.constData());
        const QByteArray mbox = readFile(dir.path() + "/out.mbox");
        QVERIFY(!mbox.contains("zebracrossing") && !mbox.contains("X-Cachet-"));
        QCOMPARE(mbox.count("-----BEGIN PGP MESSAGE-----"), 5);
        QVERIFY(cli.run({"check"}).ok());
    }
};

QTEST_GUILESS_MAIN(TestIncomingBridge)
#include "tst_incoming_bridge.moc"
