// store/LocalChanges: what the desktop app's actions do to the store, and that
// each leaves the journal record the sync needs to repeat it at the provider.

#include "store/Entries.h"
#include "store/Flags.h"
#include "store/Journal.h"
#include "store/LocalChanges.h"
#include "store/Mailboxes.h"
#include "store/Messages.h"
#include "store/PreparedMessage.h"
#include "store/Profile.h"
#include "store/StoreError.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace cachet;

class TestLocalChanges : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<store::Profile> m_profile;
    std::int64_t m_inbox = 0;

    store::Database& db() { return m_profile->store().db(); }

    std::uint32_t add(int n, std::uint32_t flags = 0)
    {
        store::Transaction tx(db());
        const std::string raw = "From: a@x.org\r\nSubject: m" + std::to_string(n) + "\r\nMessage-ID: <m"
            + std::to_string(n) + "@x>\r\n\r\nbody\r\n";
        const std::int64_t id = store::Messages(db()).store(store::prepareMessage(raw)).id;
        const std::uint32_t uid = store::Entries(db()).add(m_inbox, id, flags, 1700000000).uid;
        tx.commit();
        return uid;
    }

    std::vector<store::JournalRecord> drainJournal()
    {
        auto records = store::Journal(db()).pending();
        for (const auto& r : records)
            store::Journal(db()).remove(r.id);
        return records;
    }

private slots:
    void init()
    {
        m_profile = std::make_unique<store::Profile>(
            store::Profile::create(m_dir.path() + "/p" + QString::number(qrand32()), "pass",
                                   store::KdfCost::interactive()));
        store::Transaction tx(db());
        m_inbox = store::Mailboxes(db()).ensure("INBOX").id;
        tx.commit();
    }

    void cleanup() { m_profile.reset(); }

    void flagsChangeAndAreJournaledOnlyWhenTheyChange()
    {
        const std::uint32_t a = add(1), b = add(2, store::FlagSeen);
        store::LocalChanges changes(db());
        QCOMPARE(changes.setFlags(m_inbox, {a, b, 999}, store::FlagSeen, 0), 1);
        QCOMPARE(store::Entries(db()).byUid(m_inbox, a)->flags, std::uint32_t(store::FlagSeen));
        auto records = drainJournal();
        QCOMPARE(records.size(), std::size_t(1));
        QCOMPARE(records[0].operation, std::string("flags"));
        QCOMPARE(records[0].payload.value("uid").toInteger(), qint64(a));
        QCOMPARE(records[0].payload.value("flags").toString(), QString("\\Seen"));

        QCOMPARE(changes.setFlags(m_inbox, {a, b}, store::FlagFlagged, store::FlagSeen), 2);
        QCOMPARE(store::Entries(db()).byUid(m_inbox, b)->flags, std::uint32_t(store::FlagFlagged));
        QCOMPARE(drainJournal().size(), std::size_t(2));
    }

    void moveKeepsFlagsAndJournalsTheTarget()
    {
        const std::uint32_t a = add(3, store::FlagFlagged);
        store::LocalChanges changes(db());
        const store::Mailbox archive = changes.specialMailbox("\\Archive", "Archive");
        QCOMPARE(archive.specialUse, std::string("\\Archive"));
        QCOMPARE(changes.specialMailbox("\\Archive", "Other").id, archive.id); // found, not made again
        drainJournal();
        QCOMPARE(changes.move(m_inbox, {a}, archive.id), 1);
        QVERIFY(!store::Entries(db()).byUid(m_inbox, a));
        const auto moved = store::Entries(db()).inUidOrder(archive.id);
        QCOMPARE(moved.size(), std::size_t(1));
        QCOMPARE(moved[0].flags, std::uint32_t(store::FlagFlagged));
        auto records = drainJournal();
        QCOMPARE(records.size(), std::size_t(1));
        QCOMPARE(records[0].operation, std::string("move"));
        QCOMPARE(records[0].payload.value("to_mailbox").toString(), QString("Archive"));
        QCOMPARE(records[0].payload.value("to_uid").toInteger(), qint64(moved[0].uid));
    }

    void expungeRemovesForGood()
    {
        const std::uint32_t a = add(4);
        QCOMPARE(store::LocalChanges(db()).expunge(m_inbox, {a, a + 100}), 1);
        QVERIFY(!store::Entries(db()).byUid(m_inbox, a));
        auto records = drainJournal();
        QCOMPARE(records.size(), std::size_t(1));
        QCOMPARE(records[0].operation, std::string("expunge"));
    }

    void aDraftReplacesItsEarlierVersion()
    {
        store::LocalChanges changes(db());
        const store::Mailbox drafts = changes.specialMailbox("\\Drafts", "Drafts");
        drainJournal();
        const std::string v1 = "From: me@x.org\r\nSubject: draft\r\n\r\nfirst\r\n";
        const std::string v2 = "From: me@x.org\r\nSubject: draft\r\n\r\nsecond\r\n";
        const std::uint32_t first = changes.append(drafts.id, v1, store::FlagDraft | store::FlagSeen);
        const std::uint32_t second = changes.append(drafts.id, v2, store::FlagDraft | store::FlagSeen, first);
        const auto left = store::Entries(db()).inUidOrder(drafts.id);
        QCOMPARE(left.size(), std::size_t(1));
        QCOMPARE(left[0].uid, second);
        QCOMPARE(store::Messages(db()).readRaw(left[0].messageId), v2);
        auto records = drainJournal();
        QCOMPARE(records.size(), std::size_t(3)); // append, append, expunge of the first
        QCOMPARE(records[1].operation, std::string("append"));
        QCOMPARE(records[2].operation, std::string("expunge"));
        QCOMPARE(records[2].payload.value("uid").toInteger(), qint64(first));
        QVERIFY_THROWS_EXCEPTION(std::exception, changes.append(drafts.id, std::string(), 0));
    }

    void foldersAreCreatedRenamedAndDeletedWithReasons()
    {
        store::LocalChanges changes(db());
        changes.createMailbox("Projects/2026");
        store::Mailboxes mailboxes(db());
        QVERIFY(mailboxes.byName("Projects"));
        auto records = drainJournal();
        QCOMPARE(records.size(), std::size_t(2)); // the parent, then the folder
        QCOMPARE(records[0].payload.value("name").toString(), QString("Projects"));
        QVERIFY_THROWS_EXCEPTION(store::StoreError, changes.createMailbox("Projects"));

        const std::int64_t projects = mailboxes.byName("Projects")->id;
        QVERIFY_THROWS_EXCEPTION(store::StoreError, changes.renameMailbox(projects, "Projects/2026/x"));
        QVERIFY_THROWS_EXCEPTION(store::StoreError, changes.renameMailbox(projects, "inbox"));
        QVERIFY_THROWS_EXCEPTION(store::StoreError, changes.renameMailbox(m_inbox, "Elsewhere"));
        changes.renameMailbox(projects, "Work");
        QVERIFY(mailboxes.byName("Work/2026"));
        records = drainJournal();
        QCOMPARE(records.size(), std::size_t(1));
        QCOMPARE(records[0].operation, std::string("rename"));

        QVERIFY_THROWS_EXCEPTION(store::StoreError, changes.deleteMailbox(m_inbox));
        changes.deleteMailbox(mailboxes.byName("Work/2026")->id);
        QVERIFY(!mailboxes.byName("Work/2026"));
        QCOMPARE(drainJournal()[0].operation, std::string("delete"));
    }

private:
    static quint32 qrand32() { return QRandomGenerator::global()->generate(); }
};

QTEST_GUILESS_MAIN(TestLocalChanges)
#include "tst_local_changes.moc"
