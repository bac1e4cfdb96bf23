// The outbox's states as the relay and the user's commands change them
// (store/Outbox.h): what may be claimed for sending, retried and cancelled.

#include "store/Messages.h"
#include "store/Outbox.h"
#include "store/Profile.h"

#include <QDateTime>
#include <QTemporaryDir>
#include <QTest>

using namespace cachet::store;

namespace {

const std::string kPassphrase = "a long and private passphrase";
// enqueue() makes an item due at the current time.
const std::int64_t kNow = QDateTime::currentSecsSinceEpoch();

std::int64_t enqueue(Database& db, const std::string& subject)
{
    const std::string raw = "From: ann@example.org\r\nTo: bo@example.net\r\nSubject: " + subject
                            + "\r\nMessage-ID: <" + subject + "@example.org>\r\n\r\nHello.\r\n";
    Transaction tx(db);
    const std::int64_t message = Messages(db).store(prepareMessage(raw)).id;
    const std::int64_t id = Outbox(db).enqueue(message, "ann@example.org", {"bo@example.net"});
    tx.commit();
    return id;
}

std::string stateOf(Database& db, std::int64_t id)
{
    auto item = Outbox(db).byId(id);
    return item ? item->state : "gone";
}

} // namespace

class OutboxTest : public QObject {
    Q_OBJECT

private slots:
    void anItemIsClaimedForSendingOnce()
    {
        QTemporaryDir dir;
        Profile profile = Profile::create(dir.path() + "/p", kPassphrase, KdfCost::interactive());
        Database& db = profile.store().db();
        const std::int64_t id = enqueue(db, "once");
        Outbox outbox(db);
        QVERIFY(outbox.markSending(id, kNow));
        // A second relay that listed it too does not send it again.
        QVERIFY(!outbox.markSending(id, kNow));
        QCOMPARE(outbox.byId(id)->attempts, 1);
        outbox.markEnding(id);
        QVERIFY(!outbox.markSending(id, kNow));
        outbox.markSent(id);
        QVERIFY(!outbox.markSending(id, kNow));
        QCOMPARE(stateOf(db, id), std::string("sent"));
    }

    void aCancelledItemCannotBeClaimed()
    {
        QTemporaryDir dir;
        Profile profile = Profile::create(dir.path() + "/p", kPassphrase, KdfCost::interactive());
        Database& db = profile.store().db();
        // Listed as due by a relay, then cancelled by the user before its turn.
        const std::int64_t id = enqueue(db, "cancelled");
        Outbox outbox(db);
        QCOMPARE(outbox.due(kNow + 1).size(), std::size_t(1));
        QVERIFY(outbox.cancel(id));
        QVERIFY(!outbox.markSending(id, kNow + 1));
        QCOMPARE(stateOf(db, id), std::string("gone"));
    }

    void onlyWhatIsNotInTheProvidersHandsCanBeCancelledOrRetried()
    {
        QTemporaryDir dir;
        Profile profile = Profile::create(dir.path() + "/p", kPassphrase, KdfCost::interactive());
        Database& db = profile.store().db();
        Outbox outbox(db);
        const std::int64_t sending = enqueue(db, "sending");
        const std::int64_t ending = enqueue(db, "ending");
        const std::int64_t sent = enqueue(db, "sent");
        const std::int64_t deferred = enqueue(db, "deferred");
        const std::int64_t failed = enqueue(db, "failed");
        for (std::int64_t id : {sending, ending, sent, deferred, failed})
            QVERIFY(outbox.markSending(id, kNow));
        outbox.markEnding(ending);
        outbox.markSent(sent);
        outbox.defer(deferred, "451 try later", kNow + 60);
        outbox.fail(failed, "550 no such user");

        QCOMPARE(outbox.retryNow(kNow + 1), 2);
        QCOMPARE(outbox.due(kNow + 1).size(), std::size_t(2));
        QCOMPARE(stateOf(db, failed), std::string("queued"));
        QCOMPARE(stateOf(db, sending), std::string("sending"));
        QCOMPARE(stateOf(db, ending), std::string("ending"));
        QCOMPARE(stateOf(db, sent), std::string("sent"));

        QVERIFY(!outbox.cancel(sending));
        QVERIFY(!outbox.cancel(ending));
        QVERIFY(!outbox.cancel(sent));
        QVERIFY(outbox.cancel(deferred));
        QVERIFY(outbox.cancel(failed));
        QCOMPARE(outbox.all().size(), std::size_t(3));
    }
};

QTEST_GUILESS_MAIN(OutboxTest)
#include "tst_outbox.moc"
