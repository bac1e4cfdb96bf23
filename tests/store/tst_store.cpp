// The encrypted store and its document split, through the core API.

#include "search/SearchQuery.h"
#include "store/Entries.h"
#include "store/GarbageCollector.h"
#include "store/IntegrityCheck.h"
#include "store/Mailboxes.h"
#include "store/Messages.h"
#include "store/Profile.h"
#include "store/Schema.h"
#include "store/Sha256.h"
#include "store/StoreError.h"
#include "support/TestFiles.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <map>

using namespace cachet;
using namespace cachet::store;
using cachet::test::snapshot;

namespace {

const std::string kPassphrase = "a long and private passphrase";

// A base64 attachment (the same bytes in each message that uses it).
std::string attachmentBody()
{
    std::string b64;
    for (int i = 0; i < 40; ++i)
        b64 += "SGVsbG8gYXR0YWNobWVudCBsaW5lIG51bWJlciBvbmUgdHdvIHRocmVlIGZvdXIgZml2ZSBzaXgK\r\n";
    return b64;
}

std::string messageWithAttachment(const std::string& subject, const std::string& text)
{
    return "From: Ann <ann@example.org>\r\nTo: Bo <bo@example.net>\r\nSubject: " + subject
        + "\r\nDate: Tue, 3 Jan 2023 10:00:00 +0000\r\nMessage-ID: <" + subject + "@example.org>\r\n"
          "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n"
          "--b1\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + text + "\r\n"
          "--b1\r\nContent-Type: application/octet-stream; name=\"report.bin\"\r\n"
          "Content-Disposition: attachment; filename=\"report.bin\"\r\nContent-Transfer-Encoding: base64\r\n\r\n"
        + attachmentBody() + "--b1--\r\n";
}

std::int64_t count(Database& db, const char* sql)
{
    return db.queryInt(sql).value_or(-1);
}

std::int64_t addToInbox(Store& store, const std::string& raw)
{
    Database& db = store.db();
    Transaction tx(db);
    const StoredMessage m = Messages(db).store(prepareMessage(raw));
    Entries(db).add(Mailboxes(db).ensure("INBOX").id, m.id, 0, 1700000000);
    tx.commit();
    return m.id;
}

} // namespace

class StoreTest : public QObject {
    Q_OBJECT

private slots:
    void sameAttachmentIsStoredOnce()
    {
        QTemporaryDir dir;
        Profile profile = Profile::create(dir.path() + "/p", kPassphrase, KdfCost::interactive());
        Database& db = profile.store().db();
        const std::string first = messageWithAttachment("first", "Here is the report.");
        const std::string second = messageWithAttachment("second", "The report again, as promised.");
        const std::int64_t a = addToInbox(profile.store(), first);
        const std::int64_t b = addToInbox(profile.store(), second);
        QVERIFY(a != b);
        // Two messages, two text bodies, one shared attachment.
        QCOMPARE(count(db, "SELECT count(*) FROM message"), 2);
        QCOMPARE(count(db, "SELECT count(*) FROM message_part"), 4);
        QCOMPARE(count(db, "SELECT count(*) FROM part"), 3);
        // And each message still reassembles byte for byte.
        Messages messages(db);
        QCOMPARE(messages.readRaw(a), first);
        QCOMPARE(messages.readRaw(b), second);
    }

    void sameMessageTwiceIsOneDocument()
    {
        QTemporaryDir dir;
        Profile profile = Profile::create(dir.path() + "/p", kPassphrase, KdfCost::interactive());
        const std::string raw = messageWithAttachment("same", "Same bytes.");
        QCOMPARE(addToInbox(profile.store(), raw), addToInbox(profile.store(), raw));
        QCOMPARE(count(profile.store().db(), "SELECT count(*) FROM message"), 1);
    }

    void garbageCollectionKeepsWhatIsStillReferenced()
    {
        QTemporaryDir dir;
        Profile profile = Profile::create(dir.path() + "/p", kPassphrase, KdfCost::interactive());
        Database& db = profile.store().db();
        const std::int64_t a = addToInbox(profile.store(), messageWithAttachment("gc-a", "Text A."));
        addToInbox(profile.store(), messageWithAttachment("gc-b", "Text B."));
        const std::int64_t inbox = Mailboxes(db).byName("INBOX")->id;

        // Expunge the first: its text part goes, the shared attachment stays.
        QVERIFY(Entries(db).remove(inbox, 1));
        const CollectedGarbage g = GarbageCollector::collect(db);
        QCOMPARE(g.messages, 1);
        QCOMPARE(g.parts, 1);
        QCOMPARE(count(db, "SELECT count(*) FROM part"), 2);
        QVERIFY(!Messages(db).summary(a));
        QVERIFY(IntegrityCheck::run(db).ok());
        // Nothing left for the search index to find of it.
        auto hits = search::runSearch(db, search::SearchQuery::parse("subject:gc-a"), -1);
        QVERIFY(hits.empty());

        QVERIFY(Entries(db).remove(inbox, 2));
        GarbageCollector::collect(db);
        QCOMPARE(count(db, "SELECT count(*) FROM part"), 0);
        QCOMPARE(count(db, "SELECT count(*) FROM message"), 0);
    }

    void integrityCheckFindsDamage()
    {
        QTemporaryDir dir;
        Profile profile = Profile::create(dir.path() + "/p", kPassphrase, KdfCost::interactive());
        Database& db = profile.store().db();
        addToInbox(profile.store(), messageWithAttachment("damaged", "Soon to be damaged."));
        QVERIFY(IntegrityCheck::run(db).ok());
        // A part whose bytes no longer match: the message does not reassemble.
        db.exec("UPDATE part SET data = zeroblob(length(data)) WHERE id = (SELECT max(id) FROM part)");
        QVERIFY(!IntegrityCheck::run(db).ok());
        // A part gone altogether (damage that bypasses the schema's own checks).
        db.exec("PRAGMA foreign_keys = OFF");
        db.exec("DELETE FROM part");
        const IntegrityReport report = IntegrityCheck::run(db);
        QVERIFY(!report.ok());
        QVERIFY(report.problems.front().find("missing part") != std::string::npos);
    }

    void wrongPassphraseIsToldAndWritesNothing()
    {
        QTemporaryDir dir;
        const QString path = dir.path() + "/p";
        {
            Profile profile = Profile::create(path, kPassphrase, KdfCost::interactive());
            addToInbox(profile.store(), messageWithAttachment("secret", "Nothing to see."));
        }
        const auto before = snapshot(path);
        try {
            Profile::unlock(path, "not the passphrase");
            QFAIL("a wrong passphrase opened the store");
        } catch (const StoreError& e) {
            QCOMPARE(e.kind(), StoreError::Kind::WrongPassphrase);
            QVERIFY(QString(e.what()).contains("wrong passphrase"));
        }
        QVERIFY(before == snapshot(path));
        // The right one still opens it.
        Profile again = Profile::unlock(path, kPassphrase);
        QCOMPARE(count(again.store().db(), "SELECT count(*) FROM message"), 1);
    }

    void changedPassphraseOpensAndOldOneDoesNot()
    {
        QTemporaryDir dir;
        const QString path = dir.path() + "/p";
        {
            Profile profile = Profile::create(path, kPassphrase, KdfCost::interactive());
            addToInbox(profile.store(), messageWithAttachment("rekey", "Still here after rekey."));
            profile.changePassphrase("the new passphrase");
        }
        QVERIFY_THROWS_EXCEPTION(StoreError, Profile::unlock(path, kPassphrase));
        Profile profile = Profile::unlock(path, "the new passphrase");
        QVERIFY(IntegrityCheck::run(profile.store().db()).ok());
        QCOMPARE(count(profile.store().db(), "SELECT count(*) FROM message"), 1);
    }

    void olderSchemaIsUpgradedWithItsData()
    {
        QTemporaryDir dir;
        const QString path = dir.path() + "/p";
        const std::string raw = messageWithAttachment("from-version-two", "Written before the search index existed.");
        {
            // A store as version 2 wrote it: documents and queues, no search index.
            Profile old = Profile::create(path, kPassphrase, KdfCost::interactive(), 2);
            Database& db = old.store().db();
            QCOMPARE(Schema::versionOf(db), 2);
            QCOMPARE(count(db, "SELECT count(*) FROM sqlite_master WHERE name = 'message_text'"), 0);
            const PreparedMessage pm = prepareMessage(raw);
            Transaction tx(db);
            Statement ins = db.prepare(
                "INSERT INTO message (hash, size, skeleton, skeleton_size, skeleton_codec, envelope, bodystructure,"
                " body, subject, from_text, to_text, cc_text, message_id, in_reply_to, references_ids, preview,"
                " has_attachment) VALUES (?, ?, ?, ?, 0, '', '', '', 'from-version-two', '', '', '', '', '', '', '', 0)");
            ins.bindBlob(1, sha256(raw)).bind(2, static_cast<std::int64_t>(raw.size())).bindBlob(3, raw)
                .bind(4, static_cast<std::int64_t>(raw.size()));
            ins.run();
            const std::int64_t messageId = db.lastInsertRowId();
            // Raw SQL: today's Mailboxes reads columns version 2 did not have.
            db.exec("INSERT INTO mailbox (name, uidvalidity) VALUES ('INBOX', 7)");
            Entries(db).add(db.lastInsertRowId(), messageId, 0, 1700000000);
            tx.commit();
        }
        Profile upgraded = Profile::unlock(path, kPassphrase);
        Database& db = upgraded.store().db();
        QCOMPARE(Schema::versionOf(db), Schema::currentVersion());
        QVERIFY(IntegrityCheck::run(db).ok());
        // The message written by the old version is found by the index the upgrade built.
        auto hits = search::runSearch(db, search::SearchQuery::parse("\"before the search index\""), -1);
        QCOMPARE(hits.size(), std::size_t(1));
    }
};

QTEST_GUILESS_MAIN(StoreTest)
#include "tst_store.moc"
