// The bridge's identity (password, self-signed certificate) and its login check,
// as a mail program and its user meet them: real TLS over loopback, a real store.

#include "bridge/Authenticator.h"
#include "bridge/BridgeIdentity.h"
#include "bridge/SelfSignedCertificate.h"
#include "store/Profile.h"
#include "support/TestFiles.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslServer>
#include <QSslSocket>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <memory>

using namespace cachet;
using namespace cachet::bridge;
using cachet::store::KdfCost;
using cachet::store::Profile;

namespace {

const std::string kPassphrase = "a long and private passphrase";
const std::string kAddress = "ann@example.org";

QByteArray bytes(const std::string& s)
{
    return QByteArray(s.data(), static_cast<qsizetype>(s.size()));
}

QSslCertificate certificateOf(const BridgeIdentity& identity)
{
    const QList<QSslCertificate> certs = QSslCertificate::fromData(bytes(identity.certificatePem), QSsl::Pem);
    return certs.size() == 1 ? certs.first() : QSslCertificate();
}

QSslKey keyOf(const BridgeIdentity& identity)
{
    return QSslKey(bytes(identity.privateKeyPem), QSsl::Ec, QSsl::Pem, QSsl::PrivateKey);
}

// Whether a client that trusts only `trusted` completes a TLS handshake with a
// server presenting `identity`, and one line then goes through.
struct HandshakeOutcome {
    bool encrypted = false;
    QList<QSslError> clientErrors;
    QSslCertificate peerCertificate;
    QByteArray serverReceived;
};

HandshakeOutcome handshake(const BridgeIdentity& identity, const QSslCertificate& trusted,
                           const QHostAddress& listenOn, const QString& connectTo)
{
    HandshakeOutcome outcome;
    QSslServer server;
    QSslConfiguration serverConfig = QSslConfiguration::defaultConfiguration();
    serverConfig.setLocalCertificate(certificateOf(identity));
    serverConfig.setPrivateKey(keyOf(identity));
    serverConfig.setPeerVerifyMode(QSslSocket::VerifyNone);
    server.setSslConfiguration(serverConfig);
    if (!server.listen(listenOn, 0))
        return outcome;

    QSslSocket client;
    QSslConfiguration clientConfig = QSslConfiguration::defaultConfiguration();
    // The pin: this certificate and no other (no system CAs).
    clientConfig.setCaCertificates({trusted});
    clientConfig.setPeerVerifyMode(QSslSocket::VerifyPeer);
    client.setSslConfiguration(clientConfig);
    QObject::connect(&client, &QSslSocket::sslErrors,
                     [&outcome](const QList<QSslError>& errors) { outcome.clientErrors += errors; });
    QSignalSpy failed(&client, &QAbstractSocket::errorOccurred);
    client.connectToHostEncrypted(connectTo, server.serverPort());
    if (!QTest::qWaitFor([&] { return client.isEncrypted() || failed.count() > 0; }, 20000))
        return outcome;
    outcome.encrypted = client.isEncrypted();
    outcome.peerCertificate = client.peerCertificate();
    if (!outcome.encrypted)
        return outcome;

    client.write("a line through the tunnel\n");
    if (!QTest::qWaitFor([&] { return server.hasPendingConnections(); }, 20000))
        return outcome;
    QTcpSocket* accepted = server.nextPendingConnection();
    if (!QTest::qWaitFor([&] { return accepted->canReadLine(); }, 20000))
        return outcome;
    outcome.serverReceived = accepted->readLine();
    return outcome;
}

} // namespace

class IdentityTest : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        if (!QSslSocket::supportsSsl())
            QSKIP("Qt has no TLS backend here");
    }

    // --- the certificate -------------------------------------------------

    void certificateLoadsInQtAndNamesEveryLoopbackSpelling()
    {
        const CertificateAndKey made = makeSelfSignedCertificate("test bridge");
        QVERIFY(made.certificatePem.starts_with("-----BEGIN CERTIFICATE-----"));
        QVERIFY(made.privateKeyPem.starts_with("-----BEGIN PRIVATE KEY-----")); // PKCS#8, unencrypted

        const QList<QSslCertificate> certs = QSslCertificate::fromData(bytes(made.certificatePem), QSsl::Pem);
        QCOMPARE(certs.size(), 1);
        const QSslCertificate& cert = certs.first();
        QVERIFY(!cert.isNull());
        // Issued by itself. Not cert.isSelfSigned(): Qt asks OpenSSL whether the
        // certificate could sign certificates, and a server certificate (keyUsage
        // digitalSignature only, CA:FALSE) must not; the pinned handshake below is what counts.
        QCOMPARE(cert.issuerDisplayName(), cert.subjectDisplayName());
        QCOMPARE(cert.subjectInfo(QSslCertificate::CommonName), QStringList{"test bridge"});

        const QSslKey key(bytes(made.privateKeyPem), QSsl::Ec, QSsl::Pem, QSsl::PrivateKey);
        QVERIFY(!key.isNull());
        QCOMPARE(key.length(), 256);
        QCOMPARE(cert.publicKey().algorithm(), QSsl::Ec);

        const auto names = cert.subjectAlternativeNames();
        QVERIFY2(names.values(QSsl::DnsEntry).contains("localhost"), qPrintable(names.values().join(' ')));
        const QStringList ips = names.values(QSsl::IpAddressEntry);
        QVERIFY2(ips.contains("127.0.0.1"), qPrintable(ips.join(' ')));
        QVERIFY2(std::any_of(ips.begin(), ips.end(),
                             [](const QString& ip) { return QHostAddress(ip) == QHostAddress::LocalHostIPv6; }),
                 qPrintable(ips.join(' ')));

        const QDateTime now = QDateTime::currentDateTimeUtc();
        QVERIFY(cert.effectiveDate() <= now);
        QVERIFY(now < cert.expiryDate());
        QVERIFY(now.addYears(5) < cert.expiryDate());
    }

    void twoCertificatesDiffer()
    {
        const CertificateAndKey a = makeSelfSignedCertificate("test bridge");
        const CertificateAndKey b = makeSelfSignedCertificate("test bridge");
        QVERIFY(a.privateKeyPem != b.privateKeyPem);
        const QSslCertificate ca = QSslCertificate::fromData(bytes(a.certificatePem)).value(0);
        const QSslCertificate cb = QSslCertificate::fromData(bytes(b.certificatePem)).value(0);
        QVERIFY(ca.serialNumber() != cb.serialNumber());
    }

    void fingerprintIsWhatQtShows()
    {
        const CertificateAndKey made = makeSelfSignedCertificate("test bridge");
        const QSslCertificate cert = QSslCertificate::fromData(bytes(made.certificatePem)).value(0);
        const QByteArray expected = cert.digest(QCryptographicHash::Sha256).toHex(':').toUpper();
        QCOMPARE(QByteArray::fromStdString(certificateSha256(made.certificatePem)), expected);
        QCOMPARE(expected.size(), 32 * 3 - 1);
    }

    void fingerprintOfSomethingElseIsEmpty()
    {
        QCOMPARE(certificateSha256(""), std::string());
        QCOMPARE(certificateSha256("not a certificate"), std::string());
        const CertificateAndKey made = makeSelfSignedCertificate("test bridge");
        QCOMPARE(certificateSha256(made.privateKeyPem), std::string());
        // Calls that failed leave nothing behind for the next one.
        QVERIFY(!certificateSha256(made.certificatePem).empty());
    }

    void tlsHandshakeWithPinnedCertificate_data()
    {
        QTest::addColumn<QHostAddress>("listenOn");
        QTest::addColumn<QString>("connectTo");
        QTest::newRow("127.0.0.1") << QHostAddress(QHostAddress::LocalHost) << QString("127.0.0.1");
        QTest::newRow("localhost") << QHostAddress(QHostAddress::LocalHost) << QString("localhost");
        QTest::newRow("::1") << QHostAddress(QHostAddress::LocalHostIPv6) << QString("::1");
    }

    void tlsHandshakeWithPinnedCertificate()
    {
        QFETCH(QHostAddress, listenOn);
        QFETCH(QString, connectTo);
        QTemporaryDir dir;
        Profile profile = Profile::create(dir.path() + "/p", kPassphrase, KdfCost::interactive());
        const BridgeIdentity identity = BridgeIdentity::loadOrCreate(profile.store().db(), kAddress);
        {
            QTcpServer probe;
            if (!probe.listen(listenOn, 0))
                QSKIP("this machine cannot listen on that loopback address");
        }
        const HandshakeOutcome outcome = handshake(identity, certificateOf(identity), listenOn, connectTo);
        QVERIFY2(outcome.clientErrors.isEmpty(),
                 qPrintable(outcome.clientErrors.value(0).errorString()));
        QVERIFY(outcome.encrypted);
        QCOMPARE(outcome.peerCertificate, certificateOf(identity));
        QCOMPARE(outcome.serverReceived, QByteArray("a line through the tunnel\n"));
    }

    void tlsHandshakeFailsWhenClientPinsAnotherCertificate()
    {
        QTemporaryDir dir;
        Profile profile = Profile::create(dir.path() + "/p", kPassphrase, KdfCost::interactive());
        const BridgeIdentity identity = BridgeIdentity::loadOrCreate(profile.store().db(), kAddress);
        const CertificateAndKey other = makeSelfSignedCertificate("some other bridge");
        const QSslCertificate otherCert = QSslCertificate::fromData(bytes(other.certificatePem)).value(0);
        const HandshakeOutcome outcome =
            handshake(identity, otherCert, QHostAddress(QHostAddress::LocalHost), "127.0.0.1");
        QVERIFY(!outcome.encrypted);
        QVERIFY(!outcome.clientErrors.isEmpty());
    }

    // --- the identity in the store --------------------------------------

    void identityIsCompleteAndConsistent()
    {
        QTemporaryDir dir;
        Profile profile = Profile::create(dir.path() + "/p", kPassphrase, KdfCost::interactive());
        const BridgeIdentity identity = BridgeIdentity::loadOrCreate(profile.store().db(), kAddress);
        QCOMPARE(identity.username, kAddress);
        QCOMPARE(identity.addresses, std::vector<std::string>{kAddress});
        QVERIFY(!certificateOf(identity).isNull());
        QVERIFY(!keyOf(identity).isNull());
        QCOMPARE(QByteArray::fromStdString(identity.certificateSha256),
                 certificateOf(identity).digest(QCryptographicHash::Sha256).toHex(':').toUpper());
    }

    void passwordIsStrongAndPlain()
    {
        QTemporaryDir dir;
        Profile profile = Profile::create(dir.path() + "/p", kPassphrase, KdfCost::interactive());
        const BridgeIdentity identity = BridgeIdentity::loadOrCreate(profile.store().db(), kAddress);
        const QString password = QString::fromStdString(identity.password);
        // Letters and digits only: nothing a password field or a paste could mangle.
        static const QRegularExpression plain("^[A-Za-z0-9]+$");
        QVERIFY2(plain.match(password).hasMatch(), qPrintable(password));
        QVERIFY(static_cast<double>(password.size()) * std::log2(62.0) >= 128.0);
    }

    void loadingAgainGivesTheSameIdentity()
    {
        QTemporaryDir dir;
        const QString path = dir.path() + "/p";
        BridgeIdentity first;
        {
            Profile profile = Profile::create(path, kPassphrase, KdfCost::interactive());
            first = BridgeIdentity::loadOrCreate(profile.store().db(), kAddress);
            const BridgeIdentity second = BridgeIdentity::loadOrCreate(profile.store().db(), kAddress);
            QCOMPARE(second.password, first.password);
            QCOMPARE(second.certificatePem, first.certificatePem);
            QCOMPARE(second.privateKeyPem, first.privateKeyPem);
            QCOMPARE(second.certificateSha256, first.certificateSha256);
        }
        // Closed and unlocked again, as after a restart. A different default address
        // does not change the login a mail program was set up with.
        Profile profile = Profile::unlock(path, kPassphrase);
        const BridgeIdentity reopened = BridgeIdentity::loadOrCreate(profile.store().db(), "bo@example.net");
        QCOMPARE(reopened.username, kAddress);
        QCOMPARE(reopened.password, first.password);
        QCOMPARE(reopened.certificatePem, first.certificatePem);
        QCOMPARE(reopened.privateKeyPem, first.privateKeyPem);
        QCOMPARE(reopened.certificateSha256, first.certificateSha256);
    }

    void twoProfilesHaveDifferentIdentities()
    {
        QTemporaryDir dir;
        Profile a = Profile::create(dir.path() + "/a", kPassphrase, KdfCost::interactive());
        Profile b = Profile::create(dir.path() + "/b", kPassphrase, KdfCost::interactive());
        const BridgeIdentity ia = BridgeIdentity::loadOrCreate(a.store().db(), kAddress);
        const BridgeIdentity ib = BridgeIdentity::loadOrCreate(b.store().db(), kAddress);
        QVERIFY(ia.password != ib.password);
        QVERIFY(ia.privateKeyPem != ib.privateKeyPem);
        QVERIFY(ia.certificateSha256 != ib.certificateSha256);
    }

    void resetPasswordChangesOnlyThePasswordAndPersists()
    {
        QTemporaryDir dir;
        const QString path = dir.path() + "/p";
        BridgeIdentity before;
        BridgeIdentity reset;
        {
            Profile profile = Profile::create(path, kPassphrase, KdfCost::interactive());
            before = BridgeIdentity::loadOrCreate(profile.store().db(), kAddress);
            reset = BridgeIdentity::resetPassword(profile.store().db(), kAddress);
        }
        QVERIFY(reset.password != before.password);
        QCOMPARE(reset.password.size(), before.password.size());
        // The certificate the user already trusts stays.
        QCOMPARE(reset.certificateSha256, before.certificateSha256);
        QCOMPARE(reset.privateKeyPem, before.privateKeyPem);

        Profile profile = Profile::unlock(path, kPassphrase);
        const BridgeIdentity reopened = BridgeIdentity::loadOrCreate(profile.store().db(), kAddress);
        QCOMPARE(reopened.password, reset.password);
        QCOMPARE(reopened.certificateSha256, before.certificateSha256);
    }

    void secretsAreInNoFileInTheClear()
    {
        QTemporaryDir dir;
        const QString path = dir.path() + "/p";
        BridgeIdentity identity;
        {
            Profile profile = Profile::create(path, kPassphrase, KdfCost::interactive());
            identity = BridgeIdentity::loadOrCreate(profile.store().db(), kAddress);
            identity = BridgeIdentity::resetPassword(profile.store().db(), kAddress);
            checkNoSecretIn(dir.path(), identity); // open: the WAL too
        }
        checkNoSecretIn(dir.path(), identity);     // closed
    }

    // --- the login check -------------------------------------------------

    void rightCredentialsAreAcceptedInAnyCase()
    {
        const BridgeIdentity identity = handMadeIdentity();
        Authenticator auth(identity);
        QCOMPARE(auth.attempt("127.0.0.1", "ann@example.org", "right password"), Authenticator::Result::Accepted);
        QCOMPARE(auth.attempt("127.0.0.1", "ANN@Example.ORG", "right password"), Authenticator::Result::Accepted);
    }

    void wrongPasswordOrUsernameIsRefused()
    {
        const BridgeIdentity identity = handMadeIdentity();
        Authenticator auth(identity);
        QCOMPARE(auth.attempt("127.0.0.1", "ann@example.org", "wrong password"), Authenticator::Result::Refused);
        QCOMPARE(auth.attempt("127.0.0.1", "ann@example.org", "RIGHT PASSWORD"), Authenticator::Result::Refused);
        QCOMPARE(auth.attempt("127.0.0.1", "ann@example.org", "right password "), Authenticator::Result::Refused);
        QCOMPARE(auth.attempt("127.0.0.1", "ann@example.org", ""), Authenticator::Result::Refused);
        QCOMPARE(auth.attempt("127.0.0.2", "bo@example.org", "right password"), Authenticator::Result::Refused);
        QCOMPARE(auth.attempt("127.0.0.2", "", "right password"), Authenticator::Result::Refused);
    }

    void anEmptyStoredPasswordLetsNobodyIn()
    {
        BridgeIdentity identity = handMadeIdentity();
        identity.password.clear();
        Authenticator auth(identity);
        QCOMPARE(auth.attempt("127.0.0.1", "ann@example.org", ""), Authenticator::Result::Refused);
    }

    void fiveFailuresLockOutEvenTheRightPassword()
    {
        const BridgeIdentity identity = handMadeIdentity();
        Authenticator auth(identity);
        for (int i = 0; i < Authenticator::kMaxFailures; ++i)
            QCOMPARE(auth.attempt("127.0.0.1", "ann@example.org", "guess"), Authenticator::Result::Refused);
        QCOMPARE(auth.attempt("127.0.0.1", "ann@example.org", "right password"), Authenticator::Result::LockedOut);
        QCOMPARE(auth.attempt("127.0.0.1", "ann@example.org", "guess"), Authenticator::Result::LockedOut);
        // The right password during the lockout did not end it.
        QCOMPARE(auth.attempt("127.0.0.1", "ann@example.org", "right password"), Authenticator::Result::LockedOut);
    }

    void wrongUsernamesCountTowardsTheLockout()
    {
        const BridgeIdentity identity = handMadeIdentity();
        Authenticator auth(identity);
        for (int i = 0; i < Authenticator::kMaxFailures; ++i)
            QCOMPARE(auth.attempt("127.0.0.1", "eve@example.org", "right password"), Authenticator::Result::Refused);
        QCOMPARE(auth.attempt("127.0.0.1", "ann@example.org", "right password"), Authenticator::Result::LockedOut);
    }

    void lockoutEnds()
    {
        const BridgeIdentity identity = handMadeIdentity();
        Authenticator auth(identity);
        auth.setLockoutForTesting(std::chrono::milliseconds(200));
        for (int i = 0; i < Authenticator::kMaxFailures; ++i)
            QCOMPARE(auth.attempt("127.0.0.1", "ann@example.org", "guess"), Authenticator::Result::Refused);
        // Polling with the right password is safe: tries during the lockout are not counted.
        QTRY_COMPARE_WITH_TIMEOUT(auth.attempt("127.0.0.1", "ann@example.org", "right password"),
                                  Authenticator::Result::Accepted, 10000);
    }

    void anotherClientIsNotLockedOut()
    {
        const BridgeIdentity identity = handMadeIdentity();
        Authenticator auth(identity);
        for (int i = 0; i < Authenticator::kMaxFailures; ++i)
            auth.attempt("127.0.0.1", "ann@example.org", "guess");
        QCOMPARE(auth.attempt("127.0.0.1", "ann@example.org", "right password"), Authenticator::Result::LockedOut);
        QCOMPARE(auth.attempt("::1", "ann@example.org", "right password"), Authenticator::Result::Accepted);
    }

    void successResetsTheCount()
    {
        const BridgeIdentity identity = handMadeIdentity();
        Authenticator auth(identity);
        for (int i = 0; i < Authenticator::kMaxFailures - 1; ++i)
            QCOMPARE(auth.attempt("127.0.0.1", "ann@example.org", "typo"), Authenticator::Result::Refused);
        QCOMPARE(auth.attempt("127.0.0.1", "ann@example.org", "right password"), Authenticator::Result::Accepted);
        for (int i = 0; i < Authenticator::kMaxFailures - 1; ++i)
            QCOMPARE(auth.attempt("127.0.0.1", "ann@example.org", "typo"), Authenticator::Result::Refused);
        QCOMPARE(auth.attempt("127.0.0.1", "ann@example.org", "right password"), Authenticator::Result::Accepted);
    }

    void cyclingThroughAddressesDoesNotBuyMoreTries()
    {
        // Linux lets a local program connect from any 127.x.y.z: once more addresses
        // are locked out than the authenticator keeps, new ones wait as well.
        const BridgeIdentity identity = handMadeIdentity();
        Authenticator auth(identity);
        bool newAddressLockedOut = false;
        for (int a = 0; a < 2000 && !newAddressLockedOut; ++a) {
            const std::string client = "127.0." + std::to_string(a / 250) + "." + std::to_string(a % 250 + 1);
            for (int i = 0; i < Authenticator::kMaxFailures; ++i) {
                if (auth.attempt(client, "ann@example.org", "guess") == Authenticator::Result::LockedOut) {
                    newAddressLockedOut = true;
                    break;
                }
            }
        }
        QVERIFY(newAddressLockedOut);
        QCOMPARE(auth.attempt("127.200.0.1", "ann@example.org", "right password"), Authenticator::Result::LockedOut);
    }

    void manyClientsWithFewFailuresAreNotLockedOut()
    {
        const BridgeIdentity identity = handMadeIdentity();
        Authenticator auth(identity);
        for (int a = 0; a < 3000; ++a)
            QCOMPARE(auth.attempt("10.0.0." + std::to_string(a), "ann@example.org", "guess"),
                     Authenticator::Result::Refused);
        QCOMPARE(auth.attempt("127.0.0.1", "ann@example.org", "right password"), Authenticator::Result::Accepted);
    }

private:
    static BridgeIdentity handMadeIdentity()
    {
        BridgeIdentity identity;
        identity.username = "ann@example.org";
        identity.addresses = {identity.username};
        identity.password = "right password";
        return identity;
    }

    static void checkNoSecretIn(const QString& dir, const BridgeIdentity& identity)
    {
        const QStringList files = test::filesUnder(dir);
        QVERIFY(!files.isEmpty());
        // A line from the middle of the key's base64: the key itself, however framed.
        const QByteArray keyLine = bytes(identity.privateKeyPem).split('\n').value(1);
        QVERIFY(keyLine.size() > 16);
        for (const QString& file : files) {
            const QByteArray content = test::readFile(file);
            QVERIFY2(!content.contains(bytes(identity.password)), qPrintable(file));
            QVERIFY2(!content.contains("-----BEGIN"), qPrintable(file));
            QVERIFY2(!content.contains(keyLine), qPrintable(file));
        }
    }
};

QTEST_GUILESS_MAIN(IdentityTest)
#include "tst_identity.moc"
