// Mail submitted to the bridge's SMTP goes into the outbox signed, and
// encrypted when asked for: the real `cachet-cli bridge` on a profile with an
// own key and a peer's public key in its GNUPGHOME. Encryption required for a
// recipient without a key is refused with 550 and nothing is queued.

#include "crypto/GnupgHome.h"
#include "crypto/Keyring.h"
#include "crypto/PeerKeyImport.h"
#include "crypto/OpenPgpOperations.h"
#include "crypto/OwnKeySetup.h"
#include "mime/HeaderBlock.h"
#include "mime/MimeParser.h"
#include "store/Messages.h"
#include "store/Outbox.h"
#include "store/PreparedMessage.h"
#include "store/Profile.h"
#include "support/BridgeProcess.h"
#include "support/TestCorpus.h"
#include "support/TestFiles.h"

#include <QJsonDocument>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QtTest>

using namespace cachet;
using namespace cachet::test;

namespace {

constexpr const char* kPassphrase = "outgoing passphrase";

// One SMTP transaction; the last reply line (to the end of DATA, or the first refusal).
QByteArray smtpSend(quint16 port, const QByteArray& user, const QByteArray& password,
                    const QList<QByteArray>& rcptTo, const QByteArray& data)
{
    QTcpSocket s;
    s.connectToHost("127.0.0.1", port);
    if (!s.waitForConnected(10000))
        return "no connection";
    QByteArray pending;
    auto reply = [&]() -> QByteArray {
        for (;;) {
            // A reply ends with a line whose code is followed by a space.
            qsizetype start = 0;
            while (true) {
                const qsizetype eol = pending.indexOf("\r\n", start);
                if (eol < 0)
                    break;
                const QByteArray line = pending.mid(start, eol - start);
                start = eol + 2;
                if (line.size() >= 4 && line[3] == ' ') {
                    pending.remove(0, start);
                    return line;
                }
            }
            if (!s.waitForReadyRead(60000))
                return "timeout";
            pending += s.readAll();
        }
    };
    auto command = [&](const QByteArray& line) {
        s.write(line + "\r\n");
        return reply();
    };
    reply(); // 220
    command("EHLO test");
    const QByteArray plain = QByteArray("\0", 1) + user + QByteArray("\0", 1) + password;
    if (QByteArray r = command("AUTH PLAIN " + plain.toBase64()); !r.startsWith("235"))
        return r;
    if (QByteArray r = command("MAIL FROM:<" + user + ">"); !r.startsWith("250"))
        return r;
    for (const QByteArray& to : rcptTo)
        if (QByteArray r = command("RCPT TO:<" + to + ">"); !r.startsWith("250"))
            return r;
    if (QByteArray r = command("DATA"); !r.startsWith("354"))
        return r;
    s.write(data + ".\r\n");
    const QByteArray last = reply();
    command("QUIT");
    return last;
}

std::string slice(const std::string& raw, std::size_t begin, std::size_t end)
{
    return raw.substr(begin, end - begin);
}

} // namespace

class BridgeOutgoingOpenPgp : public QObject {
    Q_OBJECT

private slots:
    void submittedMailIsSignedOrEncryptedOrRefused()
    {
        QTemporaryDir dir;
        const QString profileDir = dir.path() + "/profile";
        CliRunner cli(profileDir, kPassphrase);
        QVERIFY(cli.init().ok());
        const CliResult settings = cli.run({"bridge", "--settings", "--json"});
        QVERIFY2(settings.ok(), settings.err.constData());
        const std::string user = QJsonDocument::fromJson(settings.out)["username"].toString().toStdString();
        QVERIFY(!user.empty());

        // The own key for the bridge's address, and Bob's public key imported by hand.
        std::string ownFingerprint;
        {
            store::Profile profile = store::Profile::unlock(profileDir, kPassphrase);
            const crypto::GnupgHome home(profile.gnupgHome());
            ownFingerprint = crypto::generateOwnKey(home.directory(), profile.store().db(), user).fingerprint;
            const crypto::GnupgHome bobs(dir.path() + "/bob");
            crypto::Keyring bob(bobs.directory());
            const auto imported = bob.import(test::readFile(corpusDir() + "/deltachat/key/bob-secret.asc").toStdString());
            QCOMPARE(crypto::importManualKeys(home.directory(), profile.store().db(),
                                              bob.exportPublic(imported.fingerprints.front(), true, false), 0)
                         .size(),
                     std::size_t(1));
            // A message from Bob that came encrypted, as the incoming side records it.
            store::Database& db = profile.store().db();
            store::Transaction tx(db);
            const std::int64_t id = store::Messages(db).store(store::prepareMessage(
                "From: bob@example.net\r\nSubject: ...\r\nMessage-ID: <from-bob@example.net>\r\n\r\nx\r\n")).id;
            store::Statement st = db.prepare(
                "INSERT INTO message_openpgp (message_id, encryption, signature) VALUES (?, 'decrypted', 'valid')");
            st.bind(1, id);
            st.run();
            tx.commit();
        }

        BridgeProcess bridge(cli);
        QVERIFY2(bridge.start(), bridge.log().constData());
        const QByteArray u = QByteArray::fromStdString(user), p = bridge.settings().password.toUtf8();
        const quint16 port = bridge.settings().smtpPort;
        const QByteArray head = "From: " + u + "\r\nTo: bob@example.net\r\nMessage-ID: <";

        const QByteArray plain = smtpSend(port, u, p, {"bob@example.net"},
                                          head + "signed@localhost>\r\nSubject: Signed\r\n\r\nHello Bob\r\n");
        QVERIFY2(plain.startsWith("250 2.0.0 Queued") && plain.contains("signed"), plain.constData());
        const QByteArray secret = smtpSend(port, u, p, {"bob@example.net"},
                                           head + "secret@localhost>\r\nSubject: Secret\r\nX-Cachet-Encrypt: require\r\n"
                                                  "\r\nFor your eyes only\r\n");
        QVERIFY2(secret.startsWith("250 2.0.0 Queued") && secret.contains("encrypted"), secret.constData());
        const QByteArray refused = smtpSend(port, u, p, {"bob@example.net", "dora@example.net"},
                                            "From: " + u + "\r\nTo: bob@example.net, dora@example.net\r\n"
                                            "Subject: x\r\nX-Cachet-Encrypt: require\r\n\r\nx\r\n");
        // A reply to encrypted mail is encrypted without being asked (Autocrypt Level 1).
        const QByteArray reply = smtpSend(port, u, p, {"bob@example.net"},
                                          head + "reply@localhost>\r\nSubject: Re: ...\r\n"
                                                 "In-Reply-To: <from-bob@example.net>\r\n\r\nAgreed\r\n");
        QVERIFY2(reply.startsWith("250 2.0.0 Queued") && reply.contains("encrypted"), reply.constData());
        QVERIFY2(refused.startsWith("550 5.7.1") && refused.contains("<dora@example.net>")
                     && !refused.contains("bob@"), refused.constData());
        QCOMPARE(bridge.stop(), 0);

        store::Profile profile = store::Profile::unlock(profileDir, kPassphrase);
        store::Database& db = profile.store().db();
        const auto outbox = store::Outbox(db).all();
        QCOMPARE(outbox.size(), std::size_t(3)); // the refused one is not there
        const auto own = store::OwnKeys(db).byAddress(user);
        QVERIFY(own);
        const crypto::OpenPgpOperations gpg(profile.gnupgHome(), own->passphrase);

        const std::string signedRaw = store::Messages(db).readRaw(outbox[0].messageId);
        const mime::MimeEntity signedRoot = mime::parseMimeTree(signedRaw);
        QCOMPARE(signedRoot.subtype, std::string("signed"));
        const std::string signedHeaderBytes = slice(signedRaw, signedRoot.headerBegin, signedRoot.headerEnd);
        const mime::HeaderBlock signedHeader(signedHeaderBytes); // views into the bytes above
        QVERIFY(mime::HeaderBlock::unfold(signedHeader.value("Autocrypt")).rfind("addr=" + user + ";", 0) == 0);
        const mime::MimeEntity& part = signedRoot.children.at(0);
        const crypto::SignatureCheck check = gpg.verifyDetached(
            slice(signedRaw, part.headerBegin, part.bodyEnd),
            slice(signedRaw, signedRoot.children.at(1).bodyBegin, signedRoot.children.at(1).bodyEnd));
        QCOMPARE(check.status, crypto::SignatureCheck::Status::Valid);
        QCOMPARE(check.fingerprint, ownFingerprint);

        const std::string encryptedRaw = store::Messages(db).readRaw(outbox[1].messageId);
        const mime::MimeEntity encryptedRoot = mime::parseMimeTree(encryptedRaw);
        QCOMPARE(encryptedRoot.subtype, std::string("encrypted"));
        QVERIFY(encryptedRaw.find("For your eyes only") == std::string::npos);
        QCOMPARE(store::Messages(db).summary(outbox[1].messageId)->subject, std::string("..."));
        const mime::MimeEntity& payload = encryptedRoot.children.at(1);
        const crypto::Decrypted sent = gpg.decryptAndVerify(slice(encryptedRaw, payload.bodyBegin, payload.bodyEnd));
        QVERIFY2(sent.ok, sent.failure.c_str());
        QVERIFY(sent.plaintext.find("Subject: Secret") != std::string::npos);
        QVERIFY(sent.plaintext.find("For your eyes only") != std::string::npos);
        QVERIFY(sent.plaintext.find("X-Cachet-Encrypt") == std::string::npos);
        QCOMPARE(mime::parseMimeTree(store::Messages(db).readRaw(outbox[2].messageId)).subtype, std::string("encrypted"));
        crypto::GnupgHome(profile.gnupgHome()).stopAgent();
    }
};

QTEST_GUILESS_MAIN(BridgeOutgoingOpenPgp)
#include "tst_bridge_outgoing_openpgp.moc"
