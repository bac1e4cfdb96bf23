// The outgoing pipeline (crypto/OutgoingOpenPgp) against a real gpg: what it
// signs verifies with gpg on the command line, what it encrypts the recipients
// (each in a GNUPGHOME of their own) and the sender can read, Bcc recipients
// stay hidden, and "encryption required" is refused with the keyless named.

#include "crypto/CryptoError.h"
#include "crypto/GnupgHome.h"
#include "crypto/Keyring.h"
#include "crypto/OpenPgpOperations.h"
#include "crypto/OutgoingOpenPgp.h"
#include "crypto/OwnKeySetup.h"
#include "crypto/SubmittedMessage.h"
#include "mime/Decoding.h"
#include "mime/HeaderBlock.h"
#include "mime/MimeParser.h"
#include "store/Profile.h"
#include "support/TestCorpus.h"
#include "support/TestFiles.h"
#include "text/AsciiText.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

using namespace cachet;
using crypto::SignatureCheck;

namespace {

struct Peer {
    std::unique_ptr<crypto::GnupgHome> home; // holds this peer's secret key and the sender's public key
    std::string fingerprint;
    std::string encryptionKeyId;             // the subkey's long key id, as gpg --list-packets names it
};

std::string slice(const std::string& raw, std::size_t begin, std::size_t end)
{
    return raw.substr(begin, end - begin);
}

// A view into `raw`, which HeaderBlock keeps pointing into: never pass a temporary.
std::string_view headerOf(const std::string& raw, const mime::MimeEntity& e)
{
    return std::string_view(raw).substr(e.headerBegin, e.headerEnd - e.headerBegin);
}

QByteArray runGpg(const QString& home, const QStringList& args, const std::string& input, int* exitCode = nullptr)
{
    QProcess gpg;
    gpg.start("gpg", QStringList{"--homedir", home, "--batch", "--pinentry-mode", "cancel"} + args);
    gpg.write(input.data(), static_cast<qint64>(input.size()));
    gpg.closeWriteChannel();
    gpg.waitForFinished(60000);
    if (exitCode)
        *exitCode = gpg.exitCode();
    return gpg.readAllStandardOutput() + gpg.readAllStandardError();
}

bool containsField(std::string_view block, const char* name)
{
    const mime::HeaderBlock header(block);
    return header.has(name);
}

} // namespace

class TestOutgoingOpenPgp : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<store::Profile> m_profile;
    std::unique_ptr<crypto::GnupgHome> m_home;
    store::OwnKey m_alice;
    std::string m_alicePublic;
    Peer m_bob, m_fiona, m_charlie;

    void makePeer(Peer& peer, const char* name)
    {
        peer.home = std::make_unique<crypto::GnupgHome>(m_dir.path() + "/" + name);
        crypto::Keyring theirs(peer.home->directory());
        const auto imported =
            theirs.import(test::readFile(test::corpusDir() + "/deltachat/key/" + name + "-secret.asc").toStdString());
        peer.fingerprint = imported.fingerprints.front();
        theirs.import(m_alicePublic);
        crypto::Keyring(m_home->directory()).import(theirs.exportPublic(peer.fingerprint, true, false));
        const QByteArray listing = runGpg(peer.home->directory(), {"--with-colons", "--list-keys",
                                                                   QString::fromStdString(peer.fingerprint)}, "");
        for (const QByteArray& line : listing.split('\n'))
            if (line.startsWith("sub:"))
                peer.encryptionKeyId = line.split(':').value(4).toStdString();
    }

    crypto::OutgoingMessage protect(const std::string& raw, const std::vector<std::string>& rcptTo,
                                    const std::vector<const Peer*>& withKeys, bool recommended,
                                    std::optional<store::OwnKey> own = std::nullopt, bool useOwn = true)
    {
        const crypto::SubmittedMessage message(raw, "alice@example.org", rcptTo);
        crypto::EncryptionDecision decision;
        decision.recommended = recommended;
        for (const Peer* p : withKeys) {
            const auto info = crypto::Keyring(m_home->directory()).find(p->fingerprint);
            decision.keys.push_back({info->addresses.front(), p->fingerprint});
        }
        std::optional<store::OwnKey> sender;
        if (useOwn)
            sender = own ? *own : m_alice;
        crypto::OutgoingRequest request{message, sender, m_alicePublic, decision};
        return crypto::protectOutgoing(m_home->directory(), request);
    }

    // Decrypts `out` (multipart/encrypted) in `home`: the inner part, or a failure.
    crypto::Decrypted decrypt(const std::string& out, const QString& home, const std::string& passphrase = {})
    {
        const mime::MimeEntity root = mime::parseMimeTree(out);
        if (root.subtype != "encrypted" || root.children.size() != 2)
            return {};
        const mime::MimeEntity& payload = root.children[1];
        return crypto::OpenPgpOperations(home, passphrase)
            .decryptAndVerify(slice(out, payload.bodyBegin, payload.bodyEnd));
    }

    std::string armoredPayload(const std::string& out)
    {
        const mime::MimeEntity root = mime::parseMimeTree(out);
        return slice(out, root.children[1].bodyBegin, root.children[1].bodyEnd);
    }

    // gpg --verify of the detached signature over the first part's bytes, as a recipient would check it.
    int gpgVerify(const std::string& out, QByteArray* log = nullptr)
    {
        const mime::MimeEntity root = mime::parseMimeTree(out);
        if (root.subtype != "signed" || root.children.size() != 2)
            return -1;
        QTemporaryDir files;
        const QString data = files.path() + "/part", sig = files.path() + "/part.asc";
        test::writeFile(data, QByteArray::fromStdString(slice(out, root.children[0].headerBegin, root.children[0].bodyEnd)));
        test::writeFile(sig, QByteArray::fromStdString(slice(out, root.children[1].bodyBegin, root.children[1].bodyEnd)));
        int exitCode = -1;
        const QByteArray output = runGpg(m_bob.home->directory(), {"--verify", sig, data}, "", &exitCode);
        if (log)
            *log = output;
        return exitCode;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_profile = std::make_unique<store::Profile>(
            store::Profile::create(m_dir.path() + "/p", "pass", store::KdfCost::interactive()));
        m_home = std::make_unique<crypto::GnupgHome>(m_profile->gnupgHome());
        m_alice = crypto::generateOwnKey(m_home->directory(), m_profile->store().db(), "alice@example.org");
        m_alicePublic = crypto::Keyring(m_home->directory()).exportPublic(m_alice.fingerprint, true, false);
        makePeer(m_bob, "bob");
        makePeer(m_fiona, "fiona");
        makePeer(m_charlie, "charlie");
        QVERIFY(!m_bob.encryptionKeyId.empty() && !m_fiona.encryptionKeyId.empty());
    }

    void cleanupTestCase()
    {
        m_bob.home.reset();
        m_fiona.home.reset();
        m_charlie.home.reset();
        m_home.reset();
    }

    void signedOnlyVerifiesWithGpgAndCarriesTheAutocryptHeader()
    {
        const std::string raw = "From: Alice <alice@example.org>\r\nTo: bob@example.net\r\nSubject: Lunch\r\n"
                                "Date: Mon, 1 Jan 2024 12:00:00 +0000\r\nMessage-ID: <lunch@example.org>\r\n"
                                "X-Cachet-Encrypt: never\r\nMIME-Version: 1.0\r\n"
                                "Content-Type: text/plain; charset=us-ascii\r\n\r\nAt noon?\r\n";
        const crypto::OutgoingMessage out = protect(raw, {"bob@example.net"}, {&m_bob}, true);
        QVERIFY(out.isSigned && !out.isEncrypted);
        const mime::MimeEntity root = mime::parseMimeTree(out.bytes);
        QCOMPARE(root.type + "/" + root.subtype, std::string("multipart/signed"));
        QCOMPARE(*root.param("protocol"), std::string("application/pgp-signature"));
        QVERIFY(root.param("micalg")->rfind("pgp-sha", 0) == 0);
        QByteArray log;
        QVERIFY2(gpgVerify(out.bytes, &log) == 0, log.constData());
        QVERIFY2(log.contains("Good signature"), log.constData());

        const mime::HeaderBlock outer(headerOf(out.bytes, root));
        QCOMPARE(mime::HeaderBlock::unfold(outer.value("Subject")), std::string("Lunch"));
        QVERIFY(!outer.has("X-Cachet-Encrypt"));
        QCOMPARE(outer.count("MIME-Version"), std::size_t(1));
        // Autocrypt: addr, prefer-encrypt and keydata = the own key, folded within 78 columns.
        const std::string autocrypt = mime::HeaderBlock::unfold(outer.value("Autocrypt"));
        QVERIFY2(autocrypt.rfind("addr=alice@example.org; prefer-encrypt=mutual; keydata=", 0) == 0, autocrypt.c_str());
        std::string keydata = autocrypt.substr(autocrypt.find("keydata=") + 8);
        std::erase_if(keydata, [](char c) { return c == ' ' || c == '\t'; });
        QCOMPARE(QByteArray::fromBase64(QByteArray::fromStdString(keydata)).toStdString(), m_alicePublic);
        for (const QByteArray& line : QByteArray::fromStdString(std::string(headerOf(out.bytes, root))).split('\n'))
            QVERIFY2(line.size() <= 79, line.constData()); // 78 and the CR

        // The signed part carries the protected headers.
        const std::string_view inner = headerOf(out.bytes, root.children[0]);
        QVERIFY2(inner.find("protected-headers=\"v1\"") != std::string::npos, std::string(inner).c_str());
        const mime::HeaderBlock innerHeader(inner);
        QCOMPARE(mime::HeaderBlock::unfold(innerHeader.value("Subject")), std::string("Lunch"));
        QCOMPARE(mime::HeaderBlock::unfold(innerHeader.value("Message-ID")), std::string("<lunch@example.org>"));
        QVERIFY(innerHeader.has("From") && innerHeader.has("To") && innerHeader.has("Date"));
        QVERIFY(out.bytes.find("X-Cachet-Encrypt") == std::string::npos);
    }

    void encryptedOutputHidesTheSubjectAndBothEndsCanRead()
    {
        const std::string raw = "From: alice@example.org\r\nTo: Bob <bob@example.net>\r\nSubject: The plan\r\n"
                                "Message-ID: <plan@example.org>\r\nX-Cachet-Encrypt: require\r\n\r\nMeet at the old mill.\r\n";
        const crypto::OutgoingMessage out = protect(raw, {"bob@example.net"}, {&m_bob}, false);
        QVERIFY(out.isSigned && out.isEncrypted);
        const mime::MimeEntity root = mime::parseMimeTree(out.bytes);
        QCOMPARE(root.type + "/" + root.subtype, std::string("multipart/encrypted"));
        QCOMPARE(*root.param("protocol"), std::string("application/pgp-encrypted"));
        QCOMPARE(root.children[0].type + "/" + root.children[0].subtype, std::string("application/pgp-encrypted"));
        QVERIFY(slice(out.bytes, root.children[0].bodyBegin, root.children[0].bodyEnd).find("Version: 1") == 0);
        QCOMPARE(root.children[1].type + "/" + root.children[1].subtype, std::string("application/octet-stream"));
        const mime::HeaderBlock outer(headerOf(out.bytes, root));
        QCOMPARE(mime::HeaderBlock::unfold(outer.value("Subject")), std::string("..."));
        QVERIFY(outer.has("Autocrypt") && !outer.has("X-Cachet-Encrypt"));
        QVERIFY(out.bytes.find("old mill") == std::string::npos);
        QVERIFY(out.bytes.find("The plan") == std::string::npos);

        // Bob, in a home of his own: the inner part, signed by Alice, with the real Subject.
        const crypto::Decrypted bob = decrypt(out.bytes, m_bob.home->directory());
        QVERIFY2(bob.ok, bob.failure.c_str());
        QCOMPARE(bob.signature.status, SignatureCheck::Status::Valid);
        QCOMPARE(bob.signature.fingerprint, m_alice.fingerprint);
        const mime::MimeEntity inner = mime::parseMimeTree(bob.plaintext);
        const mime::HeaderBlock innerHeader(headerOf(bob.plaintext, inner));
        QCOMPARE(mime::HeaderBlock::unfold(innerHeader.value("Subject")), std::string("The plan"));
        QCOMPARE(*inner.param("protected-headers"), std::string("v1"));
        QVERIFY(!innerHeader.has("X-Cachet-Encrypt"));
        QCOMPARE(slice(bob.plaintext, inner.bodyBegin, inner.bodyEnd), std::string("Meet at the old mill.\r\n"));
        // One recipient: no gossip.
        QVERIFY(!innerHeader.has("Autocrypt-Gossip"));

        // Alice's Sent copy is hers to read.
        const crypto::Decrypted alice = decrypt(out.bytes, m_home->directory(), m_alice.passphrase);
        QVERIFY2(alice.ok, alice.failure.c_str());
        QCOMPARE(alice.plaintext, bob.plaintext);
    }

    void theRecommendationEncryptsWhenTheUserDidNotChoose()
    {
        const std::string raw = "From: alice@example.org\r\nTo: bob@example.net\r\nSubject: Re: x\r\n\r\nyes\r\n";
        QVERIFY(protect(raw, {"bob@example.net"}, {&m_bob}, true).isEncrypted);
        QVERIFY(!protect(raw, {"bob@example.net"}, {&m_bob}, false).isEncrypted);
        // Encrypt recommended but a recipient has no key: signed only, never an error.
        const crypto::OutgoingMessage partial =
            protect(raw, {"bob@example.net", "dora@example.net"}, {&m_bob}, true);
        QVERIFY(partial.isSigned && !partial.isEncrypted);
    }

    void bccRecipientsAreHiddenAndCanRead()
    {
        const std::string raw = "From: alice@example.org\r\nTo: bob@example.net\r\nBcc: fiona@example.net\r\n"
                                "Subject: Surprise party\r\nX-Cachet-Encrypt: require\r\n\r\nDo not tell Fiona... oh.\r\n";
        const crypto::OutgoingMessage out =
            protect(raw, {"bob@example.net", "fiona@example.net"}, {&m_bob, &m_fiona}, false);
        QVERIFY(out.isEncrypted);
        const mime::MimeEntity root = mime::parseMimeTree(out.bytes);
        QVERIFY(!mime::HeaderBlock(headerOf(out.bytes, root)).has("Bcc"));
        QVERIFY(out.bytes.find("fiona") == std::string::npos);

        const crypto::Decrypted fiona = decrypt(out.bytes, m_fiona.home->directory());
        QVERIFY2(fiona.ok, fiona.failure.c_str());
        QCOMPARE(fiona.signature.status, SignatureCheck::Status::Valid);
        QVERIFY(!containsField(headerOf(fiona.plaintext, mime::parseMimeTree(fiona.plaintext)), "Bcc"));
        QVERIFY(fiona.plaintext.find("fiona@example.net") == std::string::npos);
        // No gossip of a Bcc recipient, and with To alone none at all.
        QVERIFY(fiona.plaintext.find("Autocrypt-Gossip") == std::string::npos);

        // What Bob's gpg sees: Alice, Bob, and one anonymous recipient; never Fiona's key id.
        const QByteArray packets = runGpg(m_bob.home->directory(), {"--list-packets"}, armoredPayload(out.bytes));
        QCOMPARE(packets.count(":pubkey enc packet:"), 3);
        QCOMPARE(packets.count("keyid 0000000000000000"), 1);
        QVERIFY2(!packets.contains(QByteArray::fromStdString(m_fiona.encryptionKeyId)), packets.constData());
        QVERIFY2(packets.contains(QByteArray::fromStdString(m_bob.encryptionKeyId)), packets.constData());
        const crypto::Decrypted bob = decrypt(out.bytes, m_bob.home->directory());
        QVERIFY2(bob.ok, bob.failure.c_str());
    }

    void gossipGoesToEveryVisibleRecipientOnly()
    {
        const std::string raw = "From: alice@example.org\r\nTo: bob@example.net\r\nCc: fiona@example.net\r\n"
                                "Subject: All of us\r\nX-Cachet-Encrypt: require\r\n\r\nHello both.\r\n";
        const crypto::OutgoingMessage out =
            protect(raw, {"bob@example.net", "fiona@example.net", "charlie@example.net"}, {&m_bob, &m_fiona, &m_charlie},
                    false);
        const crypto::Decrypted charlie = decrypt(out.bytes, m_charlie.home->directory());
        QVERIFY2(charlie.ok, charlie.failure.c_str());
        const mime::HeaderBlock inner(headerOf(charlie.plaintext, mime::parseMimeTree(charlie.plaintext)));
        QCOMPARE(inner.count("Autocrypt-Gossip"), std::size_t(2));
        std::vector<std::string> gossiped;
        for (const mime::HeaderField& f : inner.fields())
            if (f.name == "Autocrypt-Gossip")
                gossiped.push_back(mime::HeaderBlock::unfold(f.rawValue).substr(0, 23));
        const std::string all = text::joined(gossiped, '|');
        QVERIFY2(gossiped == (std::vector<std::string>{"addr=bob@example.net; k", "addr=fiona@example.net;"}),
                 all.c_str());
        QVERIFY(charlie.plaintext.find("charlie") == std::string::npos);
    }

    void requiredEncryptionIsRefusedNamingTheKeylessRecipients()
    {
        const std::string raw = "From: alice@example.org\r\nTo: bob@example.net, Dora <dora@example.net>\r\n"
                                "Cc: eve@example.net\r\nSubject: x\r\nX-Cachet-Encrypt: require\r\n\r\nx\r\n";
        try {
            protect(raw, {"bob@example.net", "dora@example.net", "Eve@Example.net"}, {&m_bob}, true);
            QFAIL("no refusal");
        } catch (const crypto::EncryptionRefused& e) {
            QCOMPARE(e.keyless(), (std::vector<std::string>{"dora@example.net", "eve@example.net"}));
            QVERIFY(std::string(e.what()).find("dora@example.net") != std::string::npos);
        }
        // Autocrypt's draft state asks the same.
        const std::string draft = "From: alice@example.org\r\nTo: dora@example.net\r\nSubject: x\r\n"
                                  "Autocrypt-Draft-State: encrypt=yes; _by-choice=yes\r\n\r\nx\r\n";
        QVERIFY_THROWS_EXCEPTION(crypto::EncryptionRefused, protect(draft, {"dora@example.net"}, {}, false));
    }

    void eightBitAndLongLinesSurviveSigning()
    {
        const std::string text = "Grüße aus Köln, naïve café\r\n" + std::string(1500, 'x') + "\r\nFrom here on\r\n";
        const std::string raw = "From: =?utf-8?q?J=C3=B6rg?= <alice@example.org>\r\nTo: bob@example.net\r\n"
                                "Subject: Straße\r\nX-Cachet-Encrypt: no\r\nContent-Type: text/plain; charset=utf-8\r\n"
                                "Content-Transfer-Encoding: 8bit\r\n\r\n" + text;
        const crypto::OutgoingMessage out = protect(raw, {"bob@example.net"}, {&m_bob}, false);
        QVERIFY(out.isSigned && !out.isEncrypted);
        QByteArray log;
        QVERIFY2(gpgVerify(out.bytes, &log) == 0, log.constData());
        const mime::MimeEntity root = mime::parseMimeTree(out.bytes);
        const mime::MimeEntity& part = root.children[0];
        const std::string signedPart = slice(out.bytes, part.headerBegin, part.bodyEnd);
        for (char c : signedPart)
            QVERIFY(static_cast<unsigned char>(c) < 0x80);
        for (const QByteArray& line : QByteArray::fromStdString(signedPart).split('\n'))
            QVERIFY(line.size() <= 999);
        QCOMPARE(part.transferEncoding, std::string("quoted-printable"));
        QCOMPARE(mime::decodeTransferEncoding(slice(out.bytes, part.bodyBegin, part.bodyEnd), part.transferEncoding),
                 text);
        const mime::HeaderBlock inner(headerOf(out.bytes, part));
        QCOMPARE(mime::decodeHeaderText(inner.value("Subject")), std::string("Straße"));
        QCOMPARE(inner.count("Content-Transfer-Encoding"), std::size_t(1));
    }

    void binaryAttachmentIsReencodedAsBase64()
    {
        std::string bytes;
        for (int i = 0; i < 600; ++i)
            if (i % 256 != 0 && i % 256 != '\r' && i % 256 != '\n') // SMTP carries lines, never bare CR or LF
                bytes += static_cast<char>(i % 256);
        const std::string raw = "From: alice@example.org\r\nTo: bob@example.net\r\nSubject: a file\r\nMIME-Version: 1.0\r\n"
                                "Content-Type: multipart/mixed; boundary=\"b1\"\r\n\r\npreamble\r\n--b1\r\n"
                                "Content-Type: text/plain\r\n\r\nsee attached\r\n--b1\r\n"
                                "Content-Type: application/octet-stream\r\nContent-Transfer-Encoding: binary\r\n\r\n"
                                + bytes + "\r\n--b1--\r\n";
        const crypto::OutgoingMessage out = protect(raw, {"bob@example.net"}, {}, false);
        QCOMPARE(gpgVerify(out.bytes), 0);
        const mime::MimeEntity root = mime::parseMimeTree(out.bytes);
        const mime::MimeEntity& mixed = root.children[0];
        QCOMPARE(mixed.subtype, std::string("mixed"));
        QCOMPARE(mixed.children.size(), std::size_t(2));
        QCOMPARE(slice(out.bytes, mixed.children[0].bodyBegin, mixed.children[0].bodyEnd), std::string("see attached"));
        const mime::MimeEntity& file = mixed.children[1];
        QCOMPARE(file.transferEncoding, std::string("base64"));
        QCOMPARE(mime::decodeTransferEncoding(slice(out.bytes, file.bodyBegin, file.bodyEnd), "base64"), bytes);
    }

    void aGpgFailureIsAnErrorNotAnUnsignedMessage()
    {
        store::OwnKey wrong = m_alice;
        wrong.passphrase = "not the passphrase";
        const std::string raw = "From: alice@example.org\r\nTo: bob@example.net\r\nSubject: x\r\n\r\nx\r\n";
        try {
            protect(raw, {"bob@example.net"}, {&m_bob}, false, wrong);
            QFAIL("signed with a wrong passphrase");
        } catch (const crypto::EncryptionRefused&) {
            QFAIL("not a refusal");
        } catch (const crypto::CryptoError& e) {
            QVERIFY2(std::string(e.what()).find("sign") != std::string::npos, e.what());
        }
    }

    void withoutAnOwnKeyTheMessageGoesAsItCame()
    {
        const std::string raw = "From: alice@example.org\r\nTo: bob@example.net\r\nBcc: fiona@example.net\r\n"
                                "Subject: plain\r\nX-Cachet-Encrypt: never\r\n\r\nunsigned\r\n";
        const crypto::OutgoingMessage out =
            protect(raw, {"bob@example.net", "fiona@example.net"}, {&m_bob}, true, std::nullopt, false);
        QVERIFY(!out.isSigned && !out.isEncrypted);
        QVERIFY(!out.note.empty());
        QCOMPARE(out.bytes, std::string("From: alice@example.org\r\nTo: bob@example.net\r\nSubject: plain\r\n\r\nunsigned\r\n"));
        // ...unless encryption is required.
        const std::string required = "From: alice@example.org\r\nTo: bob@example.net\r\nX-Cachet-Encrypt: require\r\n\r\nx\r\n";
        QVERIFY_THROWS_EXCEPTION(crypto::EncryptionRefused,
                                 protect(required, {"bob@example.net"}, {&m_bob}, true, std::nullopt, false));
    }
};

QTEST_GUILESS_MAIN(TestOutgoingOpenPgp)
#include "tst_outgoing_openpgp.moc"
