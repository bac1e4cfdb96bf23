// core/crypto against a real gpg: the own key, signing and encrypting (with a
// hidden Bcc recipient), decrypting and verifying, and the failures a user must
// never see as plaintext.

#include "crypto/CryptoError.h"
#include "crypto/GnupgHome.h"
#include "crypto/Keyring.h"
#include "crypto/OpenPgpOperations.h"
#include "crypto/OwnKeySetup.h"
#include "store/Profile.h"
#include "support/TestCorpus.h"
#include "support/TestFiles.h"

#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

using namespace cachet;
using crypto::SignatureCheck;

class TestOpenPgpOperations : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<store::Profile> m_profile;
    std::unique_ptr<crypto::GnupgHome> m_home;
    store::OwnKey m_alice;

    QString corpusKey(const char* name) { return test::corpusDir() + "/deltachat/key/" + name; }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_profile = std::make_unique<store::Profile>(
            store::Profile::create(m_dir.path() + "/p", "pass", store::KdfCost::interactive()));
        m_home = std::make_unique<crypto::GnupgHome>(m_profile->gnupgHome());
        m_alice = crypto::generateOwnKey(m_home->directory(), m_profile->store().db(), "Alice@Example.org");
    }

    void cleanupTestCase()
    {
        m_home.reset(); // stops the agent
    }

    void ownKeyIsEd25519WithAnEncryptionSubkeyAndPrivateHome()
    {
        QCOMPARE(QFileInfo(m_home->directory()).permissions() & 0x0077, QFileDevice::Permissions());
        QCOMPARE(m_alice.address, std::string("alice@example.org"));
        QCOMPARE(m_alice.passphrase.size(), std::size_t(64));
        const auto key = crypto::Keyring(m_home->directory()).find(m_alice.fingerprint);
        QVERIFY(key);
        QVERIFY(key->hasSecret && key->canSign && key->canEncrypt);
        QCOMPARE(key->addresses, std::vector<std::string>{"alice@example.org"});
        QVERIFY(!key->expires);
        QCOMPARE(store::OwnKeys(m_profile->store().db()).byAddress("alice@example.org")->fingerprint, m_alice.fingerprint);
        // gpg on the command line, pointed at the profile's home, sees it as ed25519 + cv25519.
        QProcess gpg;
        gpg.start("gpg", {"--homedir", m_home->directory(), "--with-colons", "--list-keys", QString::fromStdString(m_alice.fingerprint)});
        QVERIFY(gpg.waitForFinished());
        const QByteArray listing = gpg.readAllStandardOutput();
        QVERIFY2(listing.contains("ed25519") && listing.contains("cv25519"), listing.constData());
    }

    void signedAndEncryptedToSelfDecryptsAndVerifies()
    {
        crypto::OpenPgpOperations ops(m_home->directory(), m_alice.passphrase);
        const std::string text = "Content-Type: text/plain\r\n\r\nmeet at noon\r\n";
        const std::string cipher = ops.signAndEncrypt(text, m_alice.fingerprint, {m_alice.fingerprint}, {});
        QVERIFY(cipher.find("-----BEGIN PGP MESSAGE-----") == 0);
        const crypto::Decrypted d = ops.decryptAndVerify(cipher);
        QVERIFY2(d.ok, d.failure.c_str());
        QCOMPARE(d.plaintext, text);
        QCOMPARE(d.signature.status, SignatureCheck::Status::Valid);
        QCOMPARE(d.signature.fingerprint, m_alice.fingerprint);
        QCOMPARE(d.signature.signerAddresses, std::vector<std::string>{"alice@example.org"});
        QVERIFY(d.signature.signedAt);
    }

    void aFlippedByteGivesNoPlaintext()
    {
        crypto::OpenPgpOperations ops(m_home->directory(), m_alice.passphrase);
        std::string binary;
        {
            crypto::OpenPgpOperations plain(m_home->directory(), m_alice.passphrase);
            binary = plain.signAndEncrypt(std::string(4000, 'x'), m_alice.fingerprint, {m_alice.fingerprint}, {});
        }
        // Flip one base64 character in the middle of the armored body.
        const std::size_t at = binary.size() / 2;
        binary[at] = binary[at] == 'A' ? 'B' : 'A';
        const crypto::Decrypted d = ops.decryptAndVerify(binary);
        QVERIFY(!d.ok);
        QVERIFY(d.plaintext.empty());
        QVERIFY2(!d.failure.empty(), "a reason is given");
    }

    void withoutTheSecretKeyTheFailureSaysSo()
    {
        // Bob's public key only, taken from a home of its own.
        QTemporaryDir other;
        std::string bobPublic;
        crypto::ImportedKeys bob;
        {
            crypto::GnupgHome bobsHome(other.path() + "/gnupg");
            crypto::Keyring bobs(bobsHome.directory());
            bob = bobs.import(test::readFile(corpusKey("bob-secret.asc")).toStdString());
            QCOMPARE(bob.secret.size(), std::size_t(1));
            bobPublic = bobs.exportPublic(bob.fingerprints.front(), true, false);
        }
        crypto::Keyring keyring(m_home->directory());
        QVERIFY(keyring.import(bobPublic).secret.empty());
        crypto::OpenPgpOperations ops(m_home->directory(), m_alice.passphrase);
        const std::string cipher = ops.signAndEncrypt("hello", m_alice.fingerprint, {bob.fingerprints.front()}, {});
        const crypto::Decrypted d = ops.decryptAndVerify(cipher);
        QVERIFY(!d.ok);
        QVERIFY2(d.failure.find("no secret key") != std::string::npos, d.failure.c_str());
    }

    void hiddenRecipientsKeyIdIsNotInTheMessage()
    {
        crypto::Keyring keyring(m_home->directory());
        const auto carol = keyring.import(test::readFile(corpusKey("fiona-secret.asc")).toStdString());
        const std::string fiona = carol.fingerprints.front();
        crypto::OpenPgpOperations ops(m_home->directory(), m_alice.passphrase);
        const std::string cipher = ops.signAndEncrypt("secret", m_alice.fingerprint, {m_alice.fingerprint}, {fiona});
        QProcess gpg;
        gpg.start("gpg", {"--homedir", m_home->directory(), "--list-packets", "--batch", "--pinentry-mode", "cancel"});
        gpg.write(cipher.data(), static_cast<qint64>(cipher.size()));
        gpg.closeWriteChannel();
        QVERIFY(gpg.waitForFinished());
        const QString packets = QString::fromUtf8(gpg.readAllStandardOutput() + gpg.readAllStandardError());
        // Two encrypted session keys: one names Alice's subkey, one names nobody (keyid 0).
        QCOMPARE(packets.count(":pubkey enc packet:"), 2);
        QVERIFY2(packets.contains("keyid 0000000000000000"), qPrintable(packets));
        // ...and Fiona can still read it.
        store::OwnKey fionaOwn;
        const auto adopted = crypto::adoptOwnKey(m_home->directory(), m_profile->store().db(), fiona, "");
        QVERIFY(!adopted.empty());
        const auto own = store::OwnKeys(m_profile->store().db()).byAddress(adopted.front());
        QVERIFY(own && own->passphrase.size() == 64);
        const crypto::Decrypted d = crypto::OpenPgpOperations(m_home->directory(), own->passphrase).decryptAndVerify(cipher);
        QVERIFY2(d.ok, d.failure.c_str());
        QCOMPARE(d.plaintext, std::string("secret"));
    }

    void anAdoptedKeyIsProtectedByItsNewPassphrase()
    {
        crypto::Keyring keyring(m_home->directory());
        const auto list = keyring.list(true);
        const auto own = store::OwnKeys(m_profile->store().db()).all();
        QVERIFY(own.size() >= 2);
        for (const store::OwnKey& k : own) {
            QVERIFY_THROWS_EXCEPTION(crypto::CryptoError, keyring.exportSecret(k.fingerprint, "wrong"));
            const std::string exported = keyring.exportSecret(k.fingerprint, k.passphrase);
            QVERIFY(exported.find("PRIVATE KEY BLOCK") != std::string::npos);
        }
    }

    void detachedSignatureVerifiesAndABadOneIsBad()
    {
        crypto::OpenPgpOperations ops(m_home->directory(), m_alice.passphrase);
        const std::string body = "Content-Type: text/plain\r\n\r\nsigned words\r\n";
        const crypto::DetachedSignature sig = ops.signDetached(body, m_alice.fingerprint);
        QVERIFY(sig.micalg.rfind("pgp-sha", 0) == 0);
        QCOMPARE(ops.verifyDetached(body, sig.armored).status, SignatureCheck::Status::Valid);
        std::string changed = body;
        changed[changed.size() - 4] = 'X';
        QCOMPARE(ops.verifyDetached(changed, sig.armored).status, SignatureCheck::Status::Bad);
    }

    void symmetricRoundTripAndWrongCode()
    {
        crypto::OpenPgpOperations ops(m_home->directory(), "");
        const std::string cipher = ops.encryptSymmetric("key material", "1234-5678");
        QCOMPARE(ops.decryptSymmetric(cipher, "1234-5678").plaintext, std::string("key material"));
        const crypto::Decrypted wrong = ops.decryptSymmetric(cipher, "0000-0000");
        QVERIFY(!wrong.ok);
        QVERIFY(wrong.plaintext.empty());
    }
};

QTEST_GUILESS_MAIN(TestOpenPgpOperations)
#include "tst_openpgp_operations.moc"
