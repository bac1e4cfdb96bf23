// crypto/KeyringCache against a real gpg: what the bridge keeps between
// submissions follows the keyring when a key comes in, from this process or
// another (a sync learning a peer's key while the bridge runs).

#include "crypto/GnupgHome.h"
#include "crypto/Keyring.h"
#include "crypto/KeyringCache.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

using namespace cachet;

class TestKeyringCache : public QObject {
    Q_OBJECT

private slots:
    void aKeyImportedElsewhereIsSeenAtTheNextAsk()
    {
        QTemporaryDir dir;
        const crypto::GnupgHome mine(dir.path() + "/mine");
        const crypto::GnupgHome theirs(dir.path() + "/theirs");
        crypto::Keyring myKeyring(mine.directory());
        const std::string own = myKeyring.generate("me@example.org", "").fingerprint;
        crypto::Keyring theirKeyring(theirs.directory());
        const std::string peer = theirKeyring.generate("peer@example.org", "").fingerprint;

        crypto::KeyringCache cache(mine.directory());
        QCOMPARE(cache.encryptable(), std::set<std::string>{own});
        const std::string ownPublic = cache.ownPublicKey(own);
        QVERIFY(!ownPublic.empty());
        QCOMPARE(cache.ownPublicKey(own), ownPublic);

        // Another process (gpg on the command line) imports the peer's key.
        QProcess gpg;
        gpg.start("gpg", {"--homedir", mine.directory(), "--batch", "--import"});
        QVERIFY(gpg.waitForStarted());
        gpg.write(QByteArray::fromStdString(theirKeyring.exportPublic(peer, false, true)));
        gpg.closeWriteChannel();
        QVERIFY(gpg.waitForFinished(60000));
        QCOMPARE(gpg.exitCode(), 0);

        QCOMPARE(cache.encryptable(), (std::set<std::string>{own, peer}));
    }
};

QTEST_GUILESS_MAIN(TestKeyringCache)
#include "tst_keyring_cache.moc"
