// mime/ComposedMessage: what the composer writes reads back the same through
// the project's own parser (what the store, the bridge and other programs see).

#include "mime/ComposedMessage.h"
#include "mime/Decoding.h"
#include "mime/HeaderBlock.h"
#include "mime/MessageDigest.h"
#include "mime/MimeParser.h"

#include <QtTest>

using namespace cachet;

class TestComposedMessage : public QObject {
    Q_OBJECT

private slots:
    void plainMessageReadsBack()
    {
        mime::ComposedMessage m;
        m.from = "Zoë Example <zoe@example.org>";
        m.to = {"bob@example.net", "\"Carol, C.\" <carol@example.net>"};
        m.subject = "Grüße\r\nBcc: injected@example.com";
        m.body = "Hello\nFrom here on, a line starting with From.\n";
        m.inReplyTo = "parent@example.net";
        m.references = {"root@example.net", "parent@example.net"};
        m.encrypt = "require";
        const std::string raw = mime::buildMessage(m);
        QVERIFY(raw.find("\n\n") == std::string::npos || raw.find("\r\n") != std::string::npos);
        const mime::MimeEntity tree = mime::parseMimeTree(raw);
        const mime::MessageDigest d = mime::digestMessage(raw, tree);
        QCOMPARE(QString::fromStdString(d.subject), QString("Grüße  Bcc: injected@example.com")); // no new field
        QCOMPARE(d.inReplyTo, std::string("parent@example.net"));
        QCOMPARE(d.references.size(), std::size_t(2));
        QVERIFY(QString::fromStdString(d.from).contains("Zoë"));
        QCOMPARE(d.recipientAddresses.size(), std::size_t(2));
        const mime::HeaderBlock header(std::string_view(raw).substr(0, tree.headerEnd));
        QVERIFY(!header.has("Bcc"));
        QCOMPARE(QString::fromStdString(std::string(header.value("X-Cachet-Encrypt"))).trimmed(), QString("require"));
        const std::string body = mime::decodeTransferEncoding(
            std::string_view(raw).substr(tree.bodyBegin, tree.bodyEnd - tree.bodyBegin), tree.transferEncoding, 1 << 20);
        QCOMPARE(body, std::string("Hello\r\nFrom here on, a line starting with From.\r\n"));
    }

    void attachmentsKeepTheirBytesAndNames()
    {
        mime::ComposedMessage m;
        m.from = "me@example.org";
        m.to = {"you@example.org"};
        m.bcc = {"hidden@example.org"};
        m.subject = "files";
        m.body = "see attached";
        std::string binary;
        for (int i = 0; i < 3000; ++i)
            binary.push_back(static_cast<char>(i * 7));
        m.attachments = {{"Résumé \"final\".pdf", "application/pdf", binary}};
        m.attachedMessages = {"From: a@b\nSubject: old\n\nold body\n"};
        const std::string raw = mime::buildMessage(m, true);
        const mime::MimeEntity tree = mime::parseMimeTree(raw);
        QCOMPARE(tree.children.size(), std::size_t(3));
        const mime::MimeEntity& file = tree.children[1];
        QCOMPARE(file.subtype, std::string("pdf"));
        const std::string decoded = mime::decodeTransferEncoding(
            std::string_view(raw).substr(file.bodyBegin, file.bodyEnd - file.bodyBegin), file.transferEncoding, 1 << 20);
        QCOMPARE(decoded, binary);
        QVERIFY(file.dispositionParam("filename*") || file.dispositionParam("filename"));
        QVERIFY(tree.children[2].isEmbeddedMessage());
        const mime::HeaderBlock header(std::string_view(raw).substr(0, tree.headerEnd));
        QCOMPARE(QString::fromStdString(std::string(header.value("Bcc"))).trimmed(), QString("hidden@example.org"));
        QVERIFY(mime::buildMessage(m, false).find("hidden@example.org") == std::string::npos);
    }

    void messageIdsAreAtTheSendersDomainAndDiffer()
    {
        const std::string a = mime::newMessageId("Me <ME@Example.org>");
        QVERIFY(QString::fromStdString(a).endsWith("@example.org"));
        QVERIFY(a != mime::newMessageId("me@example.org"));
    }
};

QTEST_GUILESS_MAIN(TestComposedMessage)
#include "tst_composed_message.moc"
