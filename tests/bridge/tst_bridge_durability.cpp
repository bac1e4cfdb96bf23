// What the bridge answered OK for survives a crash: APPENDs, flag changes,
// expunges and SMTP submissions are in the store after the bridge is killed
// with SIGKILL right after its answers, with nothing shut down cleanly.

#include "store/Entries.h"
#include "store/Flags.h"
#include "store/Journal.h"
#include "store/Mailboxes.h"
#include "store/Messages.h"
#include "store/Outbox.h"
#include "store/Profile.h"
#include "support/BridgeProcess.h"
#include "support/ImapTestClient.h"

#include <QTcpSocket>
#include <QTemporaryDir>
#include <QtTest>

using namespace cachet;
using namespace cachet::test;

namespace {

QByteArray message(int i)
{
    return "From: me@localhost\r\nTo: you@example.org\r\nSubject: durable " + QByteArray::number(i)
        + "\r\nMessage-ID: <durable-" + QByteArray::number(i) + "@example.org>\r\n\r\nBody " + QByteArray::number(i)
        + "\r\n";
}

// A minimal SMTP exchange with pipelining: the replies, in one string.
QByteArray smtpSend(quint16 port, const QByteArray& user, const QByteArray& password, const QByteArray& data)
{
    QTcpSocket s;
    s.connectToHost("127.0.0.1", port);
    if (!s.waitForConnected(10000))
        return {};
    QByteArray replies;
    auto readUntil = [&](const QByteArray& code) {
        while (!replies.contains("\r\n" + code + " ") && !replies.startsWith(code + " ")) {
            if (!s.waitForReadyRead(20000))
                return false;
            replies += s.readAll();
        }
        return true;
    };
    if (!readUntil("220"))
        return replies;
    const QByteArray plain = QByteArray("\0", 1) + user + QByteArray("\0", 1) + password;
    s.write("EHLO test\r\nAUTH PLAIN " + plain.toBase64() + "\r\nMAIL FROM:<" + user + ">\r\nRCPT TO:<you@example.org>\r\nDATA\r\n");
    if (!readUntil("354"))
        return replies;
    s.write(data + ".\r\n");
    readUntil("250 2.0.0");
    return replies;
}

} // namespace

class BridgeDurability : public QObject {
    Q_OBJECT

private slots:
    void answeredChangesSurviveSigkill()
    {
        QTemporaryDir dir;
        const QString profileDir = dir.path() + "/profile";
        CliRunner cli(profileDir, "durable passphrase");
        QVERIFY(cli.init().ok());
        BridgeProcess bridge(cli);
        QVERIFY2(bridge.start(), bridge.log().constData());
        const QByteArray user = bridge.settings().username.toUtf8(), password = bridge.settings().password.toUtf8();

        ImapTestClient imap;
        QVERIFY(imap.connectTo(bridge.settings().imapPort));
        QVERIFY(imap.login(user, password));
        QVERIFY(imap.command("CREATE Kept").ok());
        for (int i = 1; i <= 20; ++i)
            QVERIFY(imap.append("INBOX", message(i)).ok());
        QVERIFY(imap.command("SELECT INBOX").ok());
        QVERIFY(imap.command("STORE 1:5 +FLAGS (\\Flagged $Important)").ok());
        QVERIFY(imap.command("STORE 6 +FLAGS (\\Deleted)").ok());
        QVERIFY(imap.command("EXPUNGE").ok());
        QVERIFY(imap.command("UID MOVE 19 Kept").ok());
        const QByteArray smtp = smtpSend(bridge.settings().smtpPort, user, password, message(99));
        QVERIFY2(smtp.contains("250 2.0.0 Queued"), smtp.constData());

        bridge.kill(); // at once after the last answer

        store::Profile profile = store::Profile::unlock(profileDir, "durable passphrase");
        store::Database& db = profile.store().db();
        store::Mailboxes mailboxes(db);
        const auto inbox = mailboxes.byName("INBOX");
        const auto kept = mailboxes.byName("Kept");
        QVERIFY(inbox && kept);
        store::Entries entries(db);
        const std::vector<store::Entry> inInbox = entries.inUidOrder(inbox->id);
        QCOMPARE(inInbox.size(), std::size_t(18)); // 20, one expunged, one moved
        for (const store::Entry& e : inInbox) {
            const bool flagged = e.uid <= 5;
            QCOMPARE(bool(e.flags & store::FlagFlagged), flagged);
            QCOMPARE(e.keywords == "$Important", flagged);
            QVERIFY(e.uid != 6 && e.uid != 19);
        }
        const std::vector<store::Entry> inKept = entries.inUidOrder(kept->id);
        QCOMPARE(inKept.size(), std::size_t(1));
        QVERIFY(store::Messages(db).readRaw(inKept[0].messageId) == message(19).toStdString());

        const auto outbox = store::Outbox(db).all();
        QCOMPARE(outbox.size(), std::size_t(1));
        QCOMPARE(outbox[0].recipients, std::vector<std::string>{"you@example.org"});
        QVERIFY(store::Messages(db).readRaw(outbox[0].messageId) == message(99).toStdString());

        // And the journal holds each change for the sync, in order.
        std::vector<std::string> operations;
        for (const store::JournalRecord& r : store::Journal(db).pending())
            operations.push_back(r.operation);
        QCOMPARE(std::count(operations.begin(), operations.end(), "append"), 20);
        QCOMPARE(std::count(operations.begin(), operations.end(), "flags"), 6);
        QCOMPARE(std::count(operations.begin(), operations.end(), "expunge"), 1);
        QCOMPARE(std::count(operations.begin(), operations.end(), "move"), 1);
        QCOMPARE(operations.front(), std::string("create"));
    }
};

QTEST_GUILESS_MAIN(BridgeDurability)
#include "tst_bridge_durability.moc"
