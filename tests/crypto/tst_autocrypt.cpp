// Autocrypt Level 1 against real gpg and the Autocrypt example mail: the
// header, the peer state learned from mail and gossip, the recommendation, and
// the setup message (the corpus example, and one profile to another).

#include "crypto/AutocryptHeader.h"
#include "crypto/AutocryptLearning.h"
#include "crypto/AutocryptRecommendation.h"
#include "crypto/AutocryptSetupMessage.h"
#include "crypto/CryptoError.h"
#include "crypto/GnupgHome.h"
#include "crypto/Keyring.h"
#include "crypto/OpenPgpOperations.h"
#include "crypto/OwnKeySetup.h"
#include "crypto/PeerKeyImport.h"
#include "crypto/SecretKeyExport.h"
#include "mime/HeaderBlock.h"
#include "mime/MimeParser.h"
#include "store/AutocryptPeers.h"
#include "store/PeerKeys.h"
#include "store/Profile.h"
#include "store/Settings.h"
#include "support/TestCorpus.h"
#include "support/TestFiles.h"

#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

using namespace cachet;
using crypto::AutocryptUpdate;
using crypto::Recommendation;

namespace {

constexpr std::int64_t kNow = 1700000000;          // Nov 2023: after every corpus message
constexpr std::int64_t kSimpleDate = 1548158185;   // example-simple-autocrypt.eml: 22 Jan 2019 12:56:25 +0100
constexpr std::int64_t kDay = 86400;
const char* kSetupCode = "1742-0185-6197-1303-7016-8412-3581-4441-0597";

std::string corpus(const QString& name)
{
    return test::readFile(test::corpusDir() + "/autocrypt/" + name).toStdString();
}

// The folded keydata of the first Autocrypt(-Gossip) header for `address` in a corpus file.
std::string keydataFor(const std::string& raw, const std::string& address)
{
    const mime::HeaderBlock header(crypto::headerBlockOf(raw));
    for (const mime::HeaderField& f : header.fields()) {
        const auto parsed = crypto::parseAutocryptHeader(f.rawValue);
        if (parsed.ok && parsed.header.address == address)
            return std::string(f.rawValue.substr(f.rawValue.find("keydata=") + 8));
    }
    return {};
}

std::string mailFrom(const std::string& from, const std::string& date, const std::string& autocryptHeaders,
                     const std::string& extra = {})
{
    return "From: " + from + "\r\nTo: me@cachet.example\r\nDate: " + date + "\r\nSubject: hi\r\n" + autocryptHeaders
        + extra + "\r\nhello\r\n";
}

std::string autocryptLine(const std::string& address, const std::string& keydata, bool mutual = true)
{
    return "Autocrypt: addr=" + address + (mutual ? "; prefer-encrypt=mutual" : "") + "; keydata=" + keydata + "\r\n";
}

struct TestProfile {
    std::unique_ptr<store::Profile> profile;
    std::unique_ptr<crypto::GnupgHome> home;
    TestProfile(const QString& dir)
    {
        profile = std::make_unique<store::Profile>(store::Profile::create(dir, "pass", store::KdfCost::interactive()));
        home = std::make_unique<crypto::GnupgHome>(profile->gnupgHome());
    }
    store::Database& db() { return profile->store().db(); }
    const QString& gnupg() const { return home->directory(); }
};

} // namespace

class TestAutocrypt : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<TestProfile> m_me; // me@cachet.example; learns from the corpus
    store::OwnKey m_own;

    std::optional<store::AutocryptPeer> peer(const std::string& address)
    {
        return store::AutocryptPeers(m_me->db()).byAddress(address);
    }
    crypto::EncryptionRecommendation recommend(const std::vector<std::string>& to, bool reply = false,
                                               const std::string& own = "mutual")
    {
        return crypto::recommendEncryption(m_me->db(), to, own, reply);
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY2(!test::corpusDir().isEmpty(), "the shared corpus is needed");
        m_me = std::make_unique<TestProfile>(m_dir.path() + "/me");
        m_own = crypto::generateOwnKey(m_me->gnupg(), m_me->db(), "me@cachet.example");
    }

    void cleanupTestCase() { m_me.reset(); }

    void headerOfTheExampleParsesAndFormatsBackWithinLineLimits()
    {
        const std::string raw = corpus("example-simple-autocrypt.eml");
        const mime::HeaderBlock header(crypto::headerBlockOf(raw));
        const auto parsed = crypto::parseAutocryptHeader(header.value("Autocrypt"));
        QVERIFY2(parsed.ok, parsed.error.c_str());
        QCOMPARE(parsed.header.address, std::string("alice@autocrypt.example"));
        QCOMPARE(parsed.header.preferEncrypt, std::string("mutual"));
        QVERIFY(parsed.header.keyData.size() > 200);

        const std::string field = crypto::formatAutocryptField(parsed.header, crypto::AutocryptField::Autocrypt);
        QVERIFY(field.rfind("Autocrypt: addr=alice@autocrypt.example; prefer-encrypt=mutual; keydata=\r\n ", 0) == 0);
        for (const QString& line : QString::fromStdString(field).split("\r\n"))
            QVERIFY2(line.size() <= 78, qPrintable(line));
        const auto again = crypto::parseAutocryptHeader(std::string_view(field).substr(field.find(':') + 1));
        QVERIFY(again.ok);
        QCOMPARE(again.header.keyData, parsed.header.keyData);

        const std::string gossip = crypto::formatAutocryptField(parsed.header, crypto::AutocryptField::Gossip);
        QVERIFY(gossip.rfind("Autocrypt-Gossip: addr=alice@autocrypt.example; keydata=", 0) == 0);
    }

    void invalidHeadersSayWhy()
    {
        const std::string key = keydataFor(corpus("example-simple-autocrypt.eml"), "alice@autocrypt.example");
        QVERIFY(!key.empty());
        auto parse = [](const std::string& v) { return crypto::parseAutocryptHeader(v); };
        QVERIFY(parse("addr=a@b.example; _extra=1; keydata=" + key).ok); // non-critical: ignored
        QVERIFY(parse("addr=a@b.example; prefer-encrypt=sometimes; keydata=" + key).header.preferEncrypt == "nopreference");
        QVERIFY(parse("addr=a@b.example; keydata=" + key).header.preferEncrypt == "nopreference");
        QVERIFY(parse("addr=a@b.example; color=blue; keydata=" + key).error.find("unknown critical attribute \"color\"") == 0);
        QVERIFY(parse("prefer-encrypt=mutual; keydata=" + key).error == "no addr attribute");
        QVERIFY(parse("addr=a@b.example").error == "no keydata attribute");
        QVERIFY(parse("addr=a@b.example; addr=c@d.example; keydata=" + key).error.find("twice") != std::string::npos);
        QVERIFY(parse("addr=a@b.example; keydata=!!notbase64").error == "keydata is not valid base64");
        QVERIFY(parse("addr=a@b.example; keydata=aGVsbG8gd29ybGQ=").error == "keydata is not an OpenPGP public key");
        QVERIFY(!parse("addr=a@b.example; keydata=" + std::string(200 * 1024, 'A')).ok);
        QVERIFY(!parse(std::string(300, ';')).ok);
        QVERIFY(!parse({}).ok);
    }

    void peerStateIsLearnedFromTheSimpleExample()
    {
        const AutocryptUpdate u = crypto::learnFromMessage(m_me->gnupg(), m_me->db(), corpus("example-simple-autocrypt.eml"), kNow);
        QVERIFY2(u.outcome == AutocryptUpdate::Outcome::KeyLearned, u.reason.c_str());
        QCOMPARE(u.address, std::string("alice@autocrypt.example"));
        const auto alice = peer("alice@autocrypt.example");
        QVERIFY(alice);
        QCOMPARE(alice->publicKeyFingerprint, u.fingerprint);
        QCOMPARE(alice->preferEncrypt, std::string("mutual"));
        QCOMPARE(alice->autocryptTimestamp, kSimpleDate);
        QCOMPARE(alice->lastSeen, kSimpleDate);
        QVERIFY(!alice->publicKey.empty());
        // The key is in the profile's keyring, under Alice's address.
        const auto key = crypto::Keyring(m_me->gnupg()).find(u.fingerprint);
        QVERIFY(key);
        QCOMPARE(key->addresses, std::vector<std::string>{"alice@autocrypt.example"});
    }

    void aDateInTheFutureCountsAsNow()
    {
        const mime::HeaderBlock header("Date: Mon, 1 Jan 2035 00:00:00 +0000\r\n");
        QCOMPARE(crypto::effectiveDate(header, kNow), kNow);
        QCOMPARE(crypto::effectiveDate(mime::HeaderBlock("Subject: x\r\n"), kNow), kNow);
    }

    void anOlderMessageDoesNotOverwriteAndLastSeenOnlyMovesForward()
    {
        const std::string carolKey = keydataFor(corpus("example-gossip-cleartext.eml"), "carol@autocrypt.example");
        const auto before = peer("alice@autocrypt.example");
        // Older than the header learned: a different key there changes nothing.
        const AutocryptUpdate older = crypto::learnFromMessage(
            m_me->gnupg(), m_me->db(),
            mailFrom("alice@autocrypt.example", "Mon, 1 Jan 2018 10:00:00 +0000", autocryptLine("alice@autocrypt.example", carolKey, false)),
            kNow);
        QVERIFY(older.outcome == AutocryptUpdate::Outcome::Ignored);
        QCOMPARE(peer("alice@autocrypt.example")->publicKeyFingerprint, before->publicKeyFingerprint);
        QCOMPARE(peer("alice@autocrypt.example")->preferEncrypt, std::string("mutual"));

        // Newer mail without a header: seen, the key stays.
        const AutocryptUpdate plain = crypto::learnFromMessage(
            m_me->gnupg(), m_me->db(), mailFrom("Alice <ALICE@autocrypt.example>", "Fri, 15 Feb 2019 10:00:00 +0000", {}), kNow);
        QVERIFY(plain.outcome == AutocryptUpdate::Outcome::SeenOnly);
        const auto seen = peer("alice@autocrypt.example");
        QCOMPARE(seen->lastSeen, std::int64_t(1550224800));
        QCOMPARE(seen->autocryptTimestamp, kSimpleDate);
        QCOMPARE(seen->publicKeyFingerprint, before->publicKeyFingerprint);

        // Between the two: last_seen does not go back.
        crypto::learnFromMessage(m_me->gnupg(), m_me->db(),
                                 mailFrom("alice@autocrypt.example", "Fri, 1 Feb 2019 10:00:00 +0000", {}), kNow);
        QCOMPARE(peer("alice@autocrypt.example")->lastSeen, std::int64_t(1550224800));
    }

    void twoAutocryptHeadersForTheSenderChangeNothing()
    {
        const std::string raw = corpus("example-gossip-cleartext.eml");
        const std::string bobKey = keydataFor(raw, "bob@autocrypt.example");
        const std::string carolKey = keydataFor(raw, "carol@autocrypt.example");
        const auto before = peer("alice@autocrypt.example");
        const AutocryptUpdate u = crypto::learnFromMessage(
            m_me->gnupg(), m_me->db(),
            mailFrom("alice@autocrypt.example", "Sat, 1 Jun 2019 10:00:00 +0000",
                     autocryptLine("alice@autocrypt.example", bobKey) + autocryptLine("alice@autocrypt.example", carolKey)),
            kNow);
        QVERIFY(u.outcome == AutocryptUpdate::Outcome::Ignored);
        QVERIFY2(u.reason.find("more than one") != std::string::npos, u.reason.c_str());
        const auto after = peer("alice@autocrypt.example");
        QCOMPARE(after->lastSeen, before->lastSeen);
        QCOMPARE(after->autocryptTimestamp, before->autocryptTimestamp);
        QCOMPARE(after->publicKeyFingerprint, before->publicKeyFingerprint);
    }

    void reportsOwnAddressesAndMismatchedAddrAreNotLearned()
    {
        const std::string key = keydataFor(corpus("example-simple-autocrypt.eml"), "alice@autocrypt.example");
        const std::string date = "Sat, 1 Jun 2019 10:00:00 +0000";
        auto learn = [&](const std::string& raw) { return crypto::learnFromMessage(m_me->gnupg(), m_me->db(), raw, kNow); };
        QVERIFY(learn(mailFrom("dan@x.example", date, autocryptLine("dan@x.example", key),
                               "Content-Type: multipart/report; report-type=delivery-status; boundary=b\r\n"))
                    .outcome == AutocryptUpdate::Outcome::Ignored);
        QVERIFY(learn(mailFrom("me@cachet.example", date, autocryptLine("me@cachet.example", key))).outcome
                == AutocryptUpdate::Outcome::Ignored);
        QVERIFY(learn(mailFrom("eve@x.example", date, autocryptLine("dan@x.example", key))).outcome
                == AutocryptUpdate::Outcome::Ignored);
        QVERIFY(!peer("dan@x.example"));
        QVERIFY(!peer("eve@x.example"));
        QVERIFY(!peer("me@cachet.example"));
    }

    void gossipIsLearnedFromTheInnerHeadersForRecipientsOnly()
    {
        const std::string outer = corpus("example-gossip.eml");
        const std::string inner = corpus("example-gossip-cleartext.eml");
        const mime::HeaderBlock outerHeader(crypto::headerBlockOf(outer));
        const mime::HeaderBlock innerHeader(crypto::headerBlockOf(inner));
        const auto recipients = crypto::gossipRecipients(outerHeader);
        QCOMPARE(recipients, (std::vector<std::string>{"bob@autocrypt.example", "carol@autocrypt.example"}));
        const std::int64_t date = crypto::effectiveDate(outerHeader, kNow);
        QCOMPARE(date, std::int64_t(1548158189));

        const auto learned = crypto::learnGossip(m_me->gnupg(), m_me->db(), innerHeader, recipients, date);
        QCOMPARE(learned.size(), std::size_t(2));
        const auto bob = peer("bob@autocrypt.example");
        QVERIFY(bob && !bob->gossipKeyFingerprint.empty());
        QCOMPARE(bob->gossipTimestamp, date);
        QVERIFY(bob->publicKeyFingerprint.empty()); // gossip is not the peer's own word
        QCOMPARE(crypto::Keyring(m_me->gnupg()).find(bob->gossipKeyFingerprint)->addresses,
                 std::vector<std::string>{"bob@autocrypt.example"});
        QVERIFY(peer("carol@autocrypt.example"));

        // Older gossip changes nothing; gossip about someone not among the recipients is not taken.
        QVERIFY(crypto::learnGossip(m_me->gnupg(), m_me->db(), innerHeader, recipients, date - kDay).empty());
        QVERIFY(crypto::learnGossip(m_me->gnupg(), m_me->db(), innerHeader, {"bob@autocrypt.example"}, date + kDay).size() == 1);
        QCOMPARE(peer("carol@autocrypt.example")->gossipTimestamp, date);
    }

    void recommendationFollowsLevelOne()
    {
        // Alice: her own header, mutual, seen lately.
        auto r = recommend({"Alice@Autocrypt.example"});
        QCOMPARE(r.recipients.front().address, std::string("alice@autocrypt.example"));
        QVERIFY(r.recipients.front().recommendation == Recommendation::Encrypt);
        QCOMPARE(r.recipients.front().fingerprint, peer("alice@autocrypt.example")->publicKeyFingerprint);
        QVERIFY(r.overall == Recommendation::Encrypt);
        QVERIFY(recommend({"alice@autocrypt.example"}, false, "nopreference").overall == Recommendation::Available);

        // Bob: only gossip. Somebody unknown: nothing.
        QVERIFY(recommend({"bob@autocrypt.example"}).overall == Recommendation::Discourage);
        r = recommend({"alice@autocrypt.example", "nobody@x.example"});
        QVERIFY(r.overall == Recommendation::Disable);
        QCOMPARE(r.keyless(), std::vector<std::string>{"nobody@x.example"});
        QVERIFY(r.recipients.back().fingerprint.empty());

        // Several: the weakest decides; a reply to encrypted mail is encrypted if every one has a key.
        QVERIFY(recommend({"alice@autocrypt.example", "bob@autocrypt.example"}).overall == Recommendation::Discourage);
        QVERIFY(recommend({"alice@autocrypt.example", "bob@autocrypt.example"}, true).overall == Recommendation::Encrypt);
        QVERIFY(recommend({"bob@autocrypt.example", "nobody@x.example"}, true).overall == Recommendation::Disable);

        // An Autocrypt header 36 days older than the newest mail: discourage.
        store::AutocryptPeer stale = *peer("alice@autocrypt.example");
        stale.address = "stale@x.example";
        stale.lastSeen = stale.autocryptTimestamp + 36 * kDay;
        store::AutocryptPeers(m_me->db()).put(stale);
        QVERIFY(recommend({"stale@x.example"}).overall == Recommendation::Discourage);
        stale.lastSeen = stale.autocryptTimestamp + 34 * kDay;
        store::AutocryptPeers(m_me->db()).put(stale);
        QVERIFY(recommend({"stale@x.example"}).overall == Recommendation::Encrypt);

        // Mail to oneself is encrypted to the own key.
        r = recommend({"me@cachet.example"});
        QVERIFY(r.overall == Recommendation::Encrypt);
        QCOMPARE(r.recipients.front().fingerprint, m_own.fingerprint);

        // Asked with what gpg can encrypt to now: the corpus keys expired in
        // 2021, so Alice and Bob have no key; the own key still counts.
        const std::set<std::string> encryptable = crypto::keysGpgCanEncryptTo(m_me->gnupg());
        QVERIFY(encryptable.count(m_own.fingerprint));
        r = crypto::recommendEncryption(m_me->db(), {"alice@autocrypt.example", "bob@autocrypt.example", "me@cachet.example"},
                                        "mutual", true, &encryptable);
        QVERIFY(r.overall == Recommendation::Disable);
        QCOMPARE(r.keyless(), (std::vector<std::string>{"alice@autocrypt.example", "bob@autocrypt.example"}));
    }

    void aManualKeyMakesEncryptionAvailable()
    {
        // The corpus keys expired in 2021: gpg would not encrypt to them, so a hand import says so.
        try {
            crypto::importManualKeys(m_me->gnupg(), m_me->db(), corpus("bob@autocrypt.example.pub.asc"), kNow);
            QFAIL("an expired key was taken");
        } catch (const crypto::CryptoError& e) {
            QVERIFY2(std::string(e.what()).find("cannot be used for encryption") != std::string::npos, e.what());
        }
        std::string gracePublic;
        std::string graceFingerprint;
        {
            TestProfile grace(m_dir.path() + "/grace");
            graceFingerprint = crypto::generateOwnKey(grace.gnupg(), grace.db(), "grace@x.example").fingerprint;
            gracePublic = crypto::Keyring(grace.gnupg()).exportPublic(graceFingerprint, false, true);
        }
        QVERIFY(recommend({"grace@x.example"}).overall == Recommendation::Disable);
        const auto learned = crypto::importManualKeys(m_me->gnupg(), m_me->db(), gracePublic, kNow);
        QCOMPARE(learned.size(), std::size_t(1));
        QCOMPARE(learned.front().addresses, std::vector<std::string>{"grace@x.example"});
        const auto r = recommend({"grace@x.example"});
        QVERIFY(r.overall == Recommendation::Available);
        QCOMPARE(r.recipients.front().fingerprint, graceFingerprint);
        // Attached to a message from her, the same key stays a manual one.
        QVERIFY(crypto::learnAttachedKey(m_me->gnupg(), m_me->db(), gracePublic, "grace@x.example", kNow));
        QCOMPARE(store::PeerKeys(m_me->db()).byAddress("grace@x.example").front().source, std::string("manual"));
    }

    void attachedKeysCountOnlyForTheirSender()
    {
        const std::string carol = corpus("carol@autocrypt.example.pub.asc");
        QVERIFY(!crypto::learnAttachedKey(m_me->gnupg(), m_me->db(), carol, "mallory@x.example", kNow));
        QVERIFY(!crypto::learnAttachedKey(m_me->gnupg(), m_me->db(), corpus("carol@autocrypt.example.sec.asc"),
                                          "carol@autocrypt.example", kNow));
        QVERIFY(!crypto::learnAttachedKey(m_me->gnupg(), m_me->db(), "garbage", "carol@autocrypt.example", kNow));
        QVERIFY(store::PeerKeys(m_me->db()).byAddress("mallory@x.example").empty());
        // No secret key came in with the attempt.
        QVERIFY(crypto::Keyring(m_me->gnupg()).list(true).size() == 1);
    }

    void theCorpusSetupMessageImportsWithItsCodeAndDecryptsAlicesMail()
    {
        TestProfile other(m_dir.path() + "/setup-corpus");
        const std::string message = corpus("example-setup-message.eml");

        // A wrong code: refused, nothing changed.
        const auto before = test::snapshot(other.gnupg());
        try {
            crypto::importSetupMessage(other.gnupg(), other.db(), message, "1742-0185-6197-1303-7016-8412-3581-4441-0598");
            QFAIL("a wrong code was accepted");
        } catch (const crypto::CryptoError& e) {
            QVERIFY2(std::string(e.what()).find("wrong setup code") == 0, e.what());
        }
        QVERIFY(store::OwnKeys(other.db()).all().empty());
        QVERIFY(crypto::Keyring(other.gnupg()).list().empty());
        QVERIFY_THROWS_EXCEPTION(crypto::CryptoError, crypto::importSetupMessage(other.gnupg(), other.db(), message, "12345"));

        const crypto::ImportedSetup imported = crypto::importSetupMessage(other.gnupg(), other.db(), message, kSetupCode);
        QCOMPARE(imported.addresses, std::vector<std::string>{"alice@autocrypt.example"});
        QCOMPARE(imported.preferEncrypt, std::string("mutual"));
        const auto own = store::OwnKeys(other.db()).byAddress("alice@autocrypt.example");
        QVERIFY(own);
        QCOMPARE(own->fingerprint, imported.fingerprint);
        QCOMPARE(own->preferEncrypt, std::string("mutual"));
        // The same key Alice's Autocrypt header carries.
        QCOMPARE(own->fingerprint, peer("alice@autocrypt.example")->publicKeyFingerprint);

        // Alice's encrypted draft opens with it, under its new passphrase.
        const std::string raw = corpus("example-draft.eml");
        const std::size_t b = raw.find("-----BEGIN PGP MESSAGE-----");
        const std::size_t e = raw.find("-----END PGP MESSAGE-----");
        QVERIFY(b != std::string::npos && e != std::string::npos);
        const crypto::Decrypted d = crypto::OpenPgpOperations(other.gnupg(), own->passphrase).decryptAndVerify(raw.substr(b, e + 25 - b));
        QVERIFY2(d.ok, d.failure.c_str());
        QVERIFY2(d.plaintext.find("Content-Type") != std::string::npos, d.plaintext.c_str());
    }

    void aSetupMessageMadeByOneProfileMovesTheKeyToAnother()
    {
        TestProfile from(m_dir.path() + "/setup-from");
        const store::OwnKey key = crypto::generateOwnKey(from.gnupg(), from.db(), "frank@cachet.example");
        const crypto::CreatedSetupMessage made = crypto::createSetupMessage(from.gnupg(), from.db(), "frank@cachet.example", kNow);
        QVERIFY(QRegularExpression("^(\\d{4}-){8}\\d{4}$").match(QString::fromStdString(made.setupCode)).hasMatch());
        QVERIFY(made.message.find("Autocrypt-Setup-Message: v1\r\n") != std::string::npos);
        QVERIFY(made.message.find("Subject: Autocrypt Setup Message\r\n") != std::string::npos);
        QVERIFY(made.message.find("Passphrase-Format: numeric9x4\r\n") != std::string::npos);
        QVERIFY(made.message.find("Passphrase-Begin: " + made.setupCode.substr(0, 2) + "\r\n") != std::string::npos);
        QVERIFY(made.message.find("PRIVATE KEY") == std::string::npos);
        QVERIFY(!mime::notAMessageReason(made.message));
        // The key is back under its own passphrase, and nothing is left pending.
        QVERIFY(!crypto::Keyring(from.gnupg()).exportSecret(key.fingerprint, key.passphrase).empty());
        QCOMPARE(crypto::restoreOwnKeyProtection(from.gnupg(), from.db()), 0);

        TestProfile to(m_dir.path() + "/setup-to");
        const auto imported = crypto::importSetupMessage(to.gnupg(), to.db(), made.message, made.setupCode);
        QCOMPARE(imported.fingerprint, key.fingerprint);
        const auto own = store::OwnKeys(to.db()).byAddress("frank@cachet.example");
        QVERIFY(own && own->fingerprint == key.fingerprint && own->passphrase != key.passphrase);

        // Mail encrypted to the key in the first profile opens in the second.
        const std::string cipher = crypto::OpenPgpOperations(from.gnupg(), key.passphrase)
                                       .signAndEncrypt("moving day", key.fingerprint, {key.fingerprint}, {});
        const crypto::Decrypted d = crypto::OpenPgpOperations(to.gnupg(), own->passphrase).decryptAndVerify(cipher);
        QVERIFY2(d.ok, d.failure.c_str());
        QCOMPARE(d.plaintext, std::string("moving day"));
    }

    void aCrashDuringAnExportIsRepairedAtTheNextStart()
    {
        // The state a crash between "re-protect" and "re-protect back" leaves:
        // the temporary passphrase recorded, the key under it.
        const std::string temporary = "2222-3333";
        store::Settings(m_me->db()).set("openpgp.export-passphrase." + m_own.fingerprint, temporary);
        crypto::Keyring keyring(m_me->gnupg());
        keyring.changePassphrase(m_own.fingerprint, m_own.passphrase, temporary);
        QVERIFY_THROWS_EXCEPTION(crypto::CryptoError, keyring.exportSecret(m_own.fingerprint, m_own.passphrase));

        QCOMPARE(crypto::restoreOwnKeyProtection(m_me->gnupg(), m_me->db()), 1);
        const std::string cipher = crypto::OpenPgpOperations(m_me->gnupg(), m_own.passphrase)
                                       .signAndEncrypt("still mine", m_own.fingerprint, {m_own.fingerprint}, {});
        QVERIFY(crypto::OpenPgpOperations(m_me->gnupg(), m_own.passphrase).decryptAndVerify(cipher).ok);
        QCOMPARE(crypto::restoreOwnKeyProtection(m_me->gnupg(), m_me->db()), 0);
    }
};

QTEST_GUILESS_MAIN(TestAutocrypt)
#include "tst_autocrypt.moc"
