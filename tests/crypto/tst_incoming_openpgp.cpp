// Incoming OpenPGP against a real gpg (crypto/IncomingOpenPgp,
// crypto/IncomingMessage): the Delta Chat corpus's Thunderbird and Delta Chat
// messages from Alice to Bob, read in Bob's profile, decrypt and verify as
// their names say; damaged, unprotected and undecryptable ones are served
// without any plaintext, with the reason stored and shown by `cachet-cli show`.
//
// Keys: Bob's secret key (bob-secret.asc) is the profile's own key. The
// Delta Chat messages are signed by alice-secret.asc (ed25519, 2E6FA2CB…); the
// Thunderbird ones by another Alice key (RSA, 14AB3F65…) that the corpus has
// only as the Autocrypt key data of thunderbird_encrypted_signed_with_pubkey.eml.
// thunderbird_encrypted_unsigned.eml goes the other way (Bob to Alice,
// encrypted to Alice's ed25519 key only): it fails in Bob's profile and
// decrypts in Alice's.

#include "crypto/GnupgHome.h"
#include "crypto/IncomingMessage.h"
#include "crypto/Keyring.h"
#include "crypto/OpenPgpOperations.h"
#include "crypto/OwnKeySetup.h"
#include "mime/HeaderBlock.h"
#include "mime/MessageDigest.h"
#include "mime/MimeParser.h"
#include "store/Entries.h"
#include "store/GarbageCollector.h"
#include "store/IntegrityCheck.h"
#include "store/Mailboxes.h"
#include "store/MessageOpenPgp.h"
#include "store/Messages.h"
#include "store/AutocryptPeers.h"
#include "store/PeerKeys.h"
#include "store/Profile.h"
#include "support/CliRunner.h"
#include "support/TestCorpus.h"
#include "support/TestFiles.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

using namespace cachet;

namespace {

const std::string kAliceEd25519 = "2E6FA2CB23B532D728634B5864B08F61A9ED9443";
const std::string kAliceThunderbird = "14AB3F65FC274BBDB5FA768C25F0072459E47AE2";
const std::string kBob = "CCCB5AA9F6E1141C943165F1DB18B18CBCF70487";

QString corpusKey(const char* name)
{
    return test::corpusDir() + "/deltachat/key/" + name;
}

std::string corpusMessage(const QString& name)
{
    return test::readFile(test::corpusDir() + "/deltachat/message/" + name).toStdString();
}

// The key data of a message's Autocrypt field (test set-up, not Autocrypt learning).
std::string autocryptKeyData(const std::string& raw)
{
    const mime::MimeEntity root = mime::parseMimeTree(raw);
    const std::string value = mime::HeaderBlock::unfold(mime::HeaderBlock(raw.substr(0, root.headerEnd)).value("Autocrypt"));
    const std::size_t at = value.find("keydata=");
    if (at == std::string::npos)
        return {};
    std::string base64;
    for (char c : value.substr(at + 8))
        if (c != ' ' && c != '\t')
            base64 += c;
    return QByteArray::fromBase64(QByteArray::fromStdString(base64)).toStdString();
}

// gpg on the command line, input and output in memory.
QByteArray runGpg(const QString& home, const QStringList& args, const QByteArray& input)
{
    QProcess gpg;
    gpg.start("gpg", QStringList{"--homedir", home, "--batch", "--trust-model", "always"} + args);
    gpg.write(input);
    gpg.closeWriteChannel();
    gpg.waitForFinished(60000);
    return gpg.readAllStandardOutput();
}

std::string pgpMime(const std::string& armored, const std::string& subject)
{
    return "From: Alice <alice@example.org>\r\nTo: bob@example.net\r\nSubject: " + subject
        + "\r\nMessage-ID: <" + subject + "@example.org>\r\nMIME-Version: 1.0\r\n"
          "Content-Type: multipart/encrypted; protocol=\"application/pgp-encrypted\"; boundary=\"b\"\r\n\r\n"
          "--b\r\nContent-Type: application/pgp-encrypted\r\n\r\nVersion: 1\r\n\r\n"
          "--b\r\nContent-Type: application/octet-stream; name=\"encrypted.asc\"\r\n\r\n"
        + armored + "\r\n--b--\r\n";
}

struct Profile {
    QTemporaryDir dir;
    std::unique_ptr<store::Profile> profile;
    std::unique_ptr<crypto::GnupgHome> home;
    std::int64_t inbox = 0;

    store::Database& db() { return profile->store().db(); }

    void create()
    {
        profile = std::make_unique<store::Profile>(
            store::Profile::create(dir.path() + "/p", "pass", store::KdfCost::interactive()));
        home = std::make_unique<crypto::GnupgHome>(profile->gnupgHome());
        store::Transaction tx(db());
        inbox = store::Mailboxes(db()).ensure("INBOX").id;
        tx.commit();
    }

    void adopt(const char* keyFile) { adoptFile(corpusKey(keyFile)); }
    void adoptFile(const QString& path)
    {
        crypto::Keyring keyring(home->directory());
        const auto imported = keyring.import(test::readFile(path).toStdString());
        QVERIFY(!imported.secret.empty());
        QVERIFY(!crypto::adoptOwnKey(home->directory(), db(), imported.secret.front(), "").empty());
    }

    // As the sync and the import store a message: prepared and decrypted
    // outside the transaction, stored with its entry in one. Returns the UID.
    std::uint32_t receive(const std::string& raw)
    {
        const crypto::IncomingOpenPgp openPgp(home->directory(), db());
        const crypto::PreparedIncoming prepared = crypto::prepareIncoming(raw, &openPgp);
        store::Transaction tx(db());
        const std::int64_t id = crypto::storeIncoming(db(), prepared);
        const std::uint32_t uid = store::Entries(db()).add(inbox, id, 0, 0).uid;
        tx.commit();
        return uid;
    }

    std::int64_t messageOf(std::uint32_t uid) { return store::Entries(db()).byUid(inbox, uid)->messageId; }
    store::OpenPgpRecord record(std::uint32_t uid) { return *store::MessageOpenPgp(db()).find(messageOf(uid)); }
    std::string served(std::uint32_t uid)
    {
        return store::Messages(db()).readRaw(store::MessageOpenPgp(db()).servedId(messageOf(uid)));
    }
};

std::string subjectOf(const std::string& raw)
{
    return mime::digestMessage(raw, mime::parseMimeTree(raw)).subject;
}

std::string bodyTextOf(const std::string& raw)
{
    return mime::digestMessage(raw, mime::parseMimeTree(raw)).bodyText;
}

bool contains(const std::string& haystack, const std::string& needle)
{
    return haystack.find(needle) != std::string::npos;
}

} // namespace

class TestIncomingOpenPgp : public QObject {
    Q_OBJECT

    Profile m_bob;
    QTemporaryDir m_aliceDir;
    std::unique_ptr<crypto::GnupgHome> m_aliceHome; // Alice's side, to make messages to Bob

private slots:
    void initTestCase()
    {
        if (test::corpusDir().isEmpty())
            QSKIP("the shared corpus is not here");
        m_bob.create();
        m_bob.adopt("bob-secret.asc");
        crypto::Keyring bobs(m_bob.home->directory());
        // Alice's public keys: the ed25519 one from her secret key (exported
        // in a home of her own), the Thunderbird one from an Autocrypt field.
        m_aliceHome = std::make_unique<crypto::GnupgHome>(m_aliceDir.path() + "/gnupg");
        crypto::Keyring alices(m_aliceHome->directory());
        alices.import(test::readFile(corpusKey("alice-secret.asc")).toStdString());
        QVERIFY(bobs.import(alices.exportPublic(kAliceEd25519, false, false)).secret.empty());
        const std::string thunderbirdKey = autocryptKeyData(corpusMessage("thunderbird_encrypted_signed_with_pubkey.eml"));
        QVERIFY(bobs.import(thunderbirdKey).fingerprints.front() == kAliceThunderbird);
        alices.import(bobs.exportPublic(kBob, false, false));
    }

    void cleanupTestCase()
    {
        m_bob.home.reset();
        m_aliceHome.reset();
    }

    void thunderbirdEncryptedAndSigned_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("subject");
        QTest::newRow("encrypted_signed") << "thunderbird_encrypted_signed.eml" << "encrypted+signed";
        QTest::newRow("encrypted_signed_with_pubkey") << "thunderbird_encrypted_signed_with_pubkey.eml" << "";
    }

    void thunderbirdEncryptedAndSigned()
    {
        QFETCH(QString, file);
        QFETCH(QString, subject);
        const std::string original = corpusMessage(file);
        const std::uint32_t uid = m_bob.receive(original);
        const store::OpenPgpRecord r = m_bob.record(uid);
        QCOMPARE(r.encryption, std::string("decrypted"));
        QCOMPARE(r.signature, std::string("valid"));
        QCOMPARE(r.signerFingerprint, kAliceThunderbird);
        QVERIFY(r.signerMatchesFrom);
        QVERIFY(r.signedAt);
        QVERIFY(r.servedId);
        const std::string served = m_bob.served(uid);
        QVERIFY(contains(served, "X-Cachet-Encryption: decrypted"));
        QVERIFY(contains(served, "X-Cachet-Signature: valid; signer=" + kAliceThunderbird + "; from-matches=yes"));
        QVERIFY(!contains(served, "BEGIN PGP MESSAGE"));
        // The signature layer is unwrapped: the reader sees the signed content.
        QVERIFY(!contains(served, "BEGIN PGP SIGNATURE"));
        // The outer Subject is "...": the protected one is served.
        QVERIFY(subjectOf(original) == "...");
        if (!subject.isEmpty())
            QCOMPARE(subjectOf(served), subject.toStdString());
        QVERIFY(subjectOf(served) != "...");
        // The original stays what the provider has.
        QCOMPARE(store::Messages(m_bob.db()).readRaw(m_bob.messageOf(uid)), original);
    }

    void thunderbirdProtectedSubjectReplacesTheOuterOne()
    {
        const std::string original = corpusMessage("thunderbird_encrypted_unsigned_with_unencrypted_subject.eml");
        const std::uint32_t uid = m_bob.receive(original);
        const store::OpenPgpRecord r = m_bob.record(uid);
        QCOMPARE(r.encryption, std::string("decrypted"));
        const std::string served = m_bob.served(uid);
        qInfo("outer subject \"%s\", served subject \"%s\", signature %s", subjectOf(original).c_str(),
              subjectOf(served).c_str(), r.signature.c_str());
        QVERIFY(!contains(served, "BEGIN PGP MESSAGE"));
        // Exactly one Subject in the served header, the inner one.
        const mime::MimeEntity root = mime::parseMimeTree(served);
        const mime::HeaderBlock header(std::string_view(served).substr(0, root.headerEnd));
        QCOMPARE(header.count("Subject"), std::size_t(1));
        QCOMPARE(header.count("Content-Type"), std::size_t(1));
    }

    void thunderbirdSignedOnly()
    {
        const std::string original = corpusMessage("thunderbird_signed_unencrypted.eml");
        const std::uint32_t uid = m_bob.receive(original);
        const store::OpenPgpRecord r = m_bob.record(uid);
        QCOMPARE(r.encryption, std::string("none"));
        QCOMPARE(r.signature, std::string("valid"));
        QCOMPARE(r.signerFingerprint, kAliceThunderbird);
        QVERIFY(r.signerMatchesFrom);
        const std::string served = m_bob.served(uid);
        QVERIFY(served.rfind("X-Cachet-Signature: valid; signer=" + kAliceThunderbird + "; from-matches=yes\r\n", 0) == 0);
        QVERIFY(!contains(served, "X-Cachet-Encryption"));
        // The rest is the original, byte for byte.
        QVERIFY(served.size() > original.size());
        QCOMPARE(served.substr(served.size() - original.size()), original);
    }

    void deltaChatMessages_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("encryption");
        QTest::addColumn<QString>("signature");
        QTest::newRow("text_from_alice_encrypted") << "text_from_alice_encrypted.eml" << "decrypted" << "valid";
        QTest::newRow("encrypted-signed") << "encrypted-signed.eml" << "decrypted" << "valid";
        // gpg itself finds this signature BAD over the signed part, with LF
        // or CRLF line ends, with or without the last line end: the corpus
        // file's protected Date differs from the outer one (X-Not-Date), so
        // it was changed after signing. Bad is the honest answer.
        QTest::newRow("unencrypted_signed_simple") << "unencrypted_signed_simple.eml" << "none" << "bad";
    }

    void deltaChatMessages()
    {
        QFETCH(QString, file);
        QFETCH(QString, encryption);
        QFETCH(QString, signature);
        const std::uint32_t uid = m_bob.receive(corpusMessage(file));
        const store::OpenPgpRecord r = m_bob.record(uid);
        QCOMPARE(r.encryption, encryption.toStdString());
        QVERIFY2(r.signature == signature.toStdString(), m_bob.served(uid).substr(0, 120).c_str());
        QCOMPARE(r.signerFingerprint, kAliceEd25519);
        QCOMPARE(r.signerMatchesFrom, signature == "valid");
        QVERIFY(!contains(m_bob.served(uid), "BEGIN PGP MESSAGE"));
        QVERIFY(contains(m_bob.served(uid), "X-Cachet-Signature: " + signature.toStdString() + "; signer=" + kAliceEd25519));
    }

    void messageToSomeoneElseFailsWithNoSecretKey()
    {
        const std::string original = corpusMessage("thunderbird_encrypted_unsigned.eml");
        const std::uint32_t uid = m_bob.receive(original);
        const store::OpenPgpRecord r = m_bob.record(uid);
        QCOMPARE(r.encryption, std::string("failed"));
        QVERIFY2(r.failure.rfind("no secret key", 0) == 0, r.failure.c_str());
        const std::string served = m_bob.served(uid);
        QVERIFY(served.rfind("X-Cachet-Encryption: failed; reason=\"no secret key", 0) == 0);
        QVERIFY(contains(served, "BEGIN PGP MESSAGE")); // the ciphertext, as it came
    }

    void encryptedUnsignedDecryptsForItsRecipient()
    {
        Profile alice;
        alice.create();
        alice.adopt("alice-secret.asc");
        const std::uint32_t uid = alice.receive(corpusMessage("thunderbird_encrypted_unsigned.eml"));
        const store::OpenPgpRecord r = alice.record(uid);
        QCOMPARE(r.encryption, std::string("decrypted"));
        QCOMPARE(r.signature, std::string("none"));
        const std::string served = alice.served(uid);
        QVERIFY(contains(served, "X-Cachet-Encryption: decrypted"));
        QVERIFY(contains(served, "X-Cachet-Signature: none"));
        QVERIFY(!contains(served, "BEGIN PGP MESSAGE"));
        alice.home.reset();
    }

    void aFlippedByteServesNoPlaintext()
    {
        crypto::OpenPgpOperations alice(m_aliceHome->directory(), "");
        const std::string text = "Content-Type: text/plain\r\n\r\nthe flippedsecret plan\r\n" + std::string(3000, 'x');
        std::string cipher = alice.signAndEncrypt(text, kAliceEd25519, {kBob}, {});
        const std::size_t at = cipher.size() / 2;
        cipher[at] = cipher[at] == 'A' ? 'B' : 'A';
        const std::uint32_t uid = m_bob.receive(pgpMime(cipher, "flipped"));
        const store::OpenPgpRecord r = m_bob.record(uid);
        QCOMPARE(r.encryption, std::string("failed"));
        QVERIFY(!r.failure.empty());
        const std::string served = m_bob.served(uid);
        QVERIFY(!contains(served, "flippedsecret"));
        QVERIFY(served.rfind("X-Cachet-Encryption: failed; reason=", 0) == 0);
        // The intact message decrypts (the test itself is sound).
        const std::string intact = alice.signAndEncrypt(text, kAliceEd25519, {kBob}, {});
        const std::uint32_t good = m_bob.receive(pgpMime(intact, "intact"));
        QCOMPARE(m_bob.record(good).encryption, std::string("decrypted"));
        QVERIFY(contains(bodyTextOf(m_bob.served(good)), "flippedsecret"));
    }

    void noIntegrityProtectionServesNoPlaintext()
    {
        // gpg 2.2 still writes a message without MDC when told to be RFC 2440.
        const QByteArray cipher = runGpg(m_aliceHome->directory(),
                                         {"--rfc2440", "--cipher-algo", "CAST5", "-a", "-e", "-r",
                                          QString::fromStdString(kBob)},
                                         "Content-Type: text/plain\r\n\r\nthe nomdcsecret words\r\n");
        QVERIFY(cipher.startsWith("-----BEGIN PGP MESSAGE-----"));
        const std::uint32_t uid = m_bob.receive(pgpMime(cipher.toStdString(), "nomdc"));
        const store::OpenPgpRecord r = m_bob.record(uid);
        QCOMPARE(r.encryption, std::string("failed"));
        QVERIFY2(contains(r.failure, "no integrity protection"), r.failure.c_str());
        const std::string served = m_bob.served(uid);
        QVERIFY(!contains(served, "nomdcsecret"));
        // ...and `cachet-cli show` says why.
        const test::CliResult shown = test::CliRunner(m_bob.dir.path() + "/p", "pass").run({"show", QString::number(uid)});
        QVERIFY2(shown.ok(), shown.err.constData());
        QVERIFY2(shown.out.contains("NOT decrypted: the message has no integrity protection"), shown.out.constData());
        QVERIFY(!shown.out.contains("nomdcsecret"));
    }

    void inlinePgpDecrypts()
    {
        crypto::OpenPgpOperations alice(m_aliceHome->directory(), "");
        const std::string cipher = alice.signAndEncrypt("the inlinesecret words\n", kAliceEd25519, {kBob}, {});
        const std::string raw = "From: alice@example.org\r\nTo: bob@example.net\r\nSubject: inline\r\n"
                                "Content-Type: text/plain; charset=us-ascii\r\n\r\nBefore.\r\n"
            + cipher + "After.\r\n";
        const std::uint32_t uid = m_bob.receive(raw);
        const store::OpenPgpRecord r = m_bob.record(uid);
        QCOMPARE(r.encryption, std::string("decrypted"));
        QCOMPARE(r.signature, std::string("valid"));
        QVERIFY(r.signerMatchesFrom);
        const std::string text = bodyTextOf(m_bob.served(uid));
        QVERIFY2(contains(text, "Before.") && contains(text, "the inlinesecret words") && contains(text, "After."),
                 text.c_str());
    }

    void garbageAndForgedFieldsAreHarmless()
    {
        const std::uint32_t garbage = m_bob.receive(pgpMime("-----BEGIN PGP MESSAGE-----\r\n\r\nnot at all\r\n"
                                                            "-----END PGP MESSAGE-----",
                                                            "garbage"));
        QCOMPARE(m_bob.record(garbage).encryption, std::string("failed"));
        // A plain message claiming a result: the claim is not served.
        const std::string forged = "X-Cachet-Encryption: decrypted\r\nFrom: mallory@example.org\r\n"
                                   "X-Cachet-Signature: valid; signer=" + kAliceEd25519 + "\r\nSubject: trust me\r\n\r\nhi\r\n";
        const std::uint32_t uid = m_bob.receive(forged);
        QCOMPARE(m_bob.record(uid).encryption, std::string("none"));
        QVERIFY(!contains(m_bob.served(uid), "X-Cachet"));
        // A plain one without such fields is served as it is.
        const std::uint32_t plain = m_bob.receive("From: a@example.org\r\nSubject: plain\r\n\r\nhi\r\n");
        QVERIFY(!m_bob.record(plain).servedId);
        QCOMPARE(store::MessageOpenPgp(m_bob.db()).servedId(m_bob.messageOf(plain)), m_bob.messageOf(plain));
    }

    void neverDecryptedTwiceAndSweptWhenLeftOut()
    {
        // Stored without OpenPGP (as before it existed): the sweep processes it once.
        const std::string raw = corpusMessage("encrypted-signed.eml") + "\r\n"; // other bytes, another document
        store::Transaction tx(m_bob.db());
        const std::int64_t id = crypto::storeIncoming(m_bob.db(), crypto::prepareIncoming(raw, nullptr));
        const std::uint32_t uid = store::Entries(m_bob.db()).add(m_bob.inbox, id, 0, 0).uid;
        tx.commit();
        QVERIFY(!store::MessageOpenPgp(m_bob.db()).processed(id));
        const crypto::IncomingOpenPgp openPgp(m_bob.home->directory(), m_bob.db());
        QCOMPARE(crypto::processUnprocessed(m_bob.db(), openPgp), std::int64_t(1));
        QCOMPARE(m_bob.record(uid).encryption, std::string("decrypted"));
        QCOMPARE(crypto::processUnprocessed(m_bob.db(), openPgp), std::int64_t(0));
        // The same bytes arriving again keep the result they have.
        const std::uint32_t again = m_bob.receive(raw);
        QCOMPARE(m_bob.messageOf(again), id);
        QCOMPARE(m_bob.record(again).servedId, m_bob.record(uid).servedId);
    }

    void garbageCollectionKeepsServedDocumentsOfLiveOriginals()
    {
        store::Database& db = m_bob.db();
        // A message of its own: a served document shared with another original stays for that one.
        const std::string cipher = crypto::OpenPgpOperations(m_aliceHome->directory(), "")
                                       .signAndEncrypt("Content-Type: text/plain\r\n\r\ncollected\r\n", kAliceEd25519, {kBob}, {});
        const std::uint32_t uid = m_bob.receive(pgpMime(cipher, "collected"));
        const store::OpenPgpRecord r = m_bob.record(uid);
        QVERIFY(r.servedId);
        store::GarbageCollector::collect(db);
        QVERIFY(store::Messages(db).summary(*r.servedId));
        QVERIFY(store::IntegrityCheck::run(db, {}).problems.empty());
        {
            store::Transaction tx(db);
            store::Entries(db).remove(m_bob.inbox, uid);
            tx.commit();
        }
        store::GarbageCollector::collect(db);
        QVERIFY(!store::Messages(db).summary(*r.servedId));
        QVERIFY(!store::Messages(db).summary(r.messageId));
        QVERIFY(!store::MessageOpenPgp(db).find(r.messageId));
        const auto report = store::IntegrityCheck::run(db, {});
        QVERIFY2(report.problems.empty(), report.problems.empty() ? "" : report.problems.front().c_str());
    }

    // Learning on arrival: a signature by a key that came only in the
    // message's own Autocrypt header verifies, and the sender is learned with
    // the message, in the same transaction.
    void aKeyInTheAutocryptHeaderVerifiesItsOwnMessage()
    {
        Profile bob; // knows no key of Alice's
        bob.create();
        bob.adopt("bob-secret.asc");
        const std::uint32_t uid = bob.receive(corpusMessage("thunderbird_encrypted_signed_with_pubkey.eml"));
        const store::OpenPgpRecord r = bob.record(uid);
        QCOMPARE(r.encryption, std::string("decrypted"));
        QCOMPARE(r.signature, std::string("valid"));
        QCOMPARE(r.signerFingerprint, kAliceThunderbird);
        const auto alice = store::AutocryptPeers(bob.db()).byAddress("alice@example.org");
        QVERIFY(alice);
        QCOMPARE(alice->publicKeyFingerprint, kAliceThunderbird);
        QVERIFY(alice->autocryptTimestamp > 0);
        bob.home.reset();
    }

    // The Autocrypt corpus's gossip example, arriving at Bob: Alice learned
    // from her header, Carol's key from the gossip inside the encryption;
    // the same message arriving again changes nothing.
    void gossipIsLearnedFromInsideTheEncryption()
    {
        const QString dir = test::corpusDir() + "/autocrypt/";
        Profile bob;
        bob.create();
        bob.adoptFile(dir + "bob@autocrypt.example.sec.asc");
        const std::string raw = test::readFile(dir + "example-gossip.eml").toStdString();
        const std::uint32_t uid = bob.receive(raw);
        QCOMPARE(bob.record(uid).encryption, std::string("decrypted"));
        store::AutocryptPeers peers(bob.db());
        const auto alice = peers.byAddress("alice@autocrypt.example");
        QVERIFY(alice);
        QCOMPARE(alice->preferEncrypt, std::string("mutual"));
        QVERIFY(!alice->publicKeyFingerprint.empty());
        const auto carol = peers.byAddress("carol@autocrypt.example");
        QVERIFY(carol);
        QVERIFY(!carol->gossipKeyFingerprint.empty());
        QVERIFY(carol->publicKey.empty()); // gossip is not her own header
        QVERIFY(!peers.byAddress("bob@autocrypt.example")); // own address: never a peer
        QCOMPARE(peers.all().size(), std::size_t(2));
        bob.receive(raw);
        QCOMPARE(peers.byAddress("alice@autocrypt.example")->lastSeen, alice->lastSeen);
        bob.home.reset();
    }

    // application/pgp-keys attached by its sender is learned for the sender
    // only; the same key sent by someone else teaches nothing.
    void anAttachedKeyIsLearnedForItsSenderOnly()
    {
        // The corpus's Carol key has expired: a fresh one, made in a home of Carol's own.
        QTemporaryDir carolDir;
        std::string carolKey;
        {
            const crypto::GnupgHome carolHome(carolDir.path() + "/gnupg");
            crypto::Keyring carols(carolHome.directory());
            carolKey = carols.exportPublic(carols.generate("carol@autocrypt.example", "").fingerprint, false, true);
        }
        auto withKey = [&](const std::string& from, const std::string& id) {
            return "From: " + from + "\r\nTo: bob@example.net\r\nSubject: my key\r\nMessage-ID: <" + id
                + "@x>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"k\"\r\n\r\n"
                  "--k\r\nContent-Type: text/plain\r\n\r\nhere it is\r\n"
                  "--k\r\nContent-Type: application/pgp-keys; name=\"key.asc\"\r\n"
                  "Content-Disposition: attachment; filename=\"key.asc\"\r\n\r\n"
                + carolKey + "\r\n--k--\r\n";
        };
        Profile bob;
        bob.create();
        bob.adopt("bob-secret.asc");
        bob.receive(withKey("Mallory <mallory@x.example>", "m1"));
        QVERIFY(store::PeerKeys(bob.db()).all().empty());
        bob.receive(withKey("Carol <carol@autocrypt.example>", "c1"));
        const auto keys = store::PeerKeys(bob.db()).byAddress("carol@autocrypt.example");
        QCOMPARE(keys.size(), std::size_t(1));
        QCOMPARE(keys.front().source, std::string(store::kPeerKeyAttached));
        QCOMPARE(store::PeerKeys(bob.db()).all().size(), std::size_t(1));
        bob.home.reset();
    }
};

QTEST_GUILESS_MAIN(TestIncomingOpenPgp)
#include "tst_incoming_openpgp.moc"
