// composer/ComposeRequest: what a reply, a reply to all and a forward start
// with, as a user sees it in the composer's fields.

#include "composer/ComposeRequest.h"

#include "mime/MimeParser.h"

#include <QtTest>

using namespace cachet;

namespace {

const std::string kOriginal =
    "From: Bob <bob@example.net>\r\n"
    "To: Me <me@example.org>, Carol <carol@example.net>\r\n"
    "Cc: dave@example.net, ME@example.org\r\n"
    "Subject: RE: Re: Plans\r\n"
    "Date: Mon, 23 Nov 2026 09:00:00 +0000\r\n"
    "Message-ID: <m2@example.net>\r\n"
    "References: <m0@example.net> <m1@example.net>\r\n"
    "MIME-Version: 1.0\r\n"
    "Content-Type: multipart/mixed; boundary=b\r\n\r\n"
    "--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nFirst line\r\n> older quote\r\n"
    "--b\r\nContent-Type: application/pdf; name=plan.pdf\r\nContent-Disposition: attachment; filename=plan.pdf\r\n"
    "Content-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQK\r\n--b--\r\n";

const ui::OwnIdentity kMe{"Me", "me@example.org"};

} // namespace

class TestComposeRequest : public QObject {
    Q_OBJECT

private slots:
    void replyGoesToTheSenderAndQuotes()
    {
        const ui::ComposeRequest r = ui::composeRequest(ui::ComposeKind::Reply, kMe, kOriginal);
        QCOMPARE(ui::displayList(r.message.to), std::string("Bob <bob@example.net>"));
        QVERIFY(r.message.cc.empty());
        QCOMPARE(r.message.subject, std::string("Re: Plans"));
        QCOMPARE(r.message.inReplyTo, std::string("m2@example.net"));
        QCOMPARE(r.message.references, (std::vector<std::string>{"m0@example.net", "m1@example.net", "m2@example.net"}));
        QVERIFY(r.message.body.find("> First line\n>> older quote\n") != std::string::npos);
        QVERIFY(r.message.body.find("Bob <bob@example.net> wrote:") != std::string::npos);
        QVERIFY(r.message.attachments.empty());
        QCOMPARE(r.message.from, std::string("Me <me@example.org>"));
    }

    void replyToAllLeavesMeOutAndEachAddressOnce()
    {
        const ui::ComposeRequest r = ui::composeRequest(ui::ComposeKind::ReplyAll, kMe, kOriginal);
        QCOMPARE(ui::displayList(r.message.to), std::string("Bob <bob@example.net>, Carol <carol@example.net>"));
        QCOMPARE(ui::displayList(r.message.cc), std::string("dave@example.net"));
    }

    void forwardInlineKeepsTheAttachmentsAndForwardAttachedTheWhole()
    {
        const ui::ComposeRequest inlined = ui::composeRequest(ui::ComposeKind::ForwardInline, kMe, kOriginal);
        QCOMPARE(inlined.message.subject, std::string("Fwd: RE: Re: Plans")); // as it was, like Thunderbird
        QVERIFY(inlined.message.to.empty());
        QVERIFY(inlined.message.body.find("Forwarded Message") != std::string::npos);
        QCOMPARE(inlined.message.attachments.size(), std::size_t(1));
        QCOMPARE(inlined.message.attachments[0].fileName, std::string("plan.pdf"));
        QCOMPARE(inlined.message.attachments[0].bytes, std::string("%PDF-1.4\n"));

        const ui::ComposeRequest attached = ui::composeRequest(ui::ComposeKind::ForwardAttached, kMe, kOriginal);
        QCOMPARE(attached.message.attachedMessages.size(), std::size_t(1));
        QCOMPARE(attached.message.attachedMessages[0], kOriginal);
        const std::string built = mime::buildMessage(attached.message);
        QVERIFY(mime::parseMimeTree(built).children.back().isEmbeddedMessage());
    }

    void recipientsTypedAreSplitAndBadOnesNamed()
    {
        std::vector<std::string> invalid;
        const auto list = ui::splitRecipients("\"Doe, Jane\" <jane@example.org>, bob@example.net, nobody, ", &invalid);
        QCOMPARE(list.size(), std::size_t(2));
        QCOMPARE(list[0], std::string("\"Doe, Jane\" <jane@example.org>"));
        QCOMPARE(invalid, std::vector<std::string>{"nobody"});
    }

    void aDraftOpensWithItsFieldsAndAttachments()
    {
        mime::ComposedMessage draft;
        draft.from = "me@example.org";
        draft.to = {"bob@example.net"};
        draft.bcc = {"secret@example.net"};
        draft.subject = "Half written";
        draft.body = "Dear Bob,\n";
        draft.attachments = {{"notes.txt", "text/plain", "notes"}};
        const ui::ComposeRequest r = ui::composeRequest(ui::ComposeKind::Draft, kMe, mime::buildMessage(draft));
        QCOMPARE(ui::displayList(r.message.bcc), std::string("secret@example.net"));
        QCOMPARE(r.message.subject, std::string("Half written"));
        QVERIFY(QString::fromStdString(r.message.body).startsWith("Dear Bob,"));
        QCOMPARE(r.message.attachments.size(), std::size_t(1));
    }
};

QTEST_GUILESS_MAIN(TestComposeRequest)
#include "tst_compose_request.moc"
